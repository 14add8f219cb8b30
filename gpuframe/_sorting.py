"""Sorting for Series and DataFrame: sort_values, sort_index, nlargest, nsmallest, rank."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .column import Column, _sort

__all__ = ["SortingMixin"]


class SortingMixin:
    """Needs ``_sort_columns(by) -> list[Column]``, ``_take`` and ``_index``."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide

        def __getattr__(self, name: str) -> Any: ...

    def _sort_columns(self, by: Any) -> list[Column]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _order(self, by: Any, ascending: Any, na_position: str, kind: str = "stable") -> Any:
        cols = self._sort_columns(by)
        if not cols or len(self) == 0:  # type: ignore[arg-type]
            import numpy as np

            return np.arange(len(self), dtype=np.int64)  # type: ignore[arg-type]
        return _sort.argsort(cols, ascending=ascending, na_position=na_position, kind=kind)

    def sort_values(
        self,
        by: Any = None,
        *,
        ascending: bool | list[bool] = True,
        kind: str = "quicksort",
        na_position: str = "last",
        ignore_index: bool = False,
        inplace: bool = False,
    ) -> Any:
        """Rows ordered by the values of ``by`` (several keys, per-key ``ascending``).

        Every sort is stable, whatever ``kind`` says (ties keep their row order: pandas'
        ``kind="stable"`` answer, one of the orders its default quicksort may give); on
        the CPU numeric, time and string keys are ordered by an LSD radix sort.
        Missing values go ``"last"`` or ``"first"`` (``na_position``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"k": ["b", "a", "b", None], "v": [1, 2, 3, 4]})
        >>> df.sort_values(["k", "v"], ascending=[True, False]).to_pandas()["v"].tolist()
        [2, 3, 1, 4]
        >>> df.sort_values("k", na_position="first").to_pandas()["v"].tolist()
        [4, 2, 1, 3]
        """
        if kind not in ("quicksort", "mergesort", "heapsort", "stable"):
            raise ValueError(f"sort_values: unknown `kind` {kind!r}")
        order = self._order(by, ascending, na_position, kind)
        out = self._take(order)  # type: ignore[attr-defined]
        if ignore_index:
            out = out.reset_index(drop=True)
        return self._inplace(out) if inplace else out  # type: ignore[attr-defined]

    def sort_index(
        self,
        *,
        ascending: bool | list[bool] = True,
        kind: str = "quicksort",
        na_position: str = "last",
        ignore_index: bool = False,
        inplace: bool = False,
    ) -> Any:
        """Rows ordered by their index labels (every level of a MultiIndex)."""
        cols = self._index._columns()  # type: ignore[attr-defined]
        if len(self) == 0:  # type: ignore[arg-type]
            return self
        order = _sort.argsort(cols, ascending=ascending, na_position=na_position, kind=kind)
        out = self._take(order)  # type: ignore[attr-defined]
        if ignore_index:
            out = out.reset_index(drop=True)
        return self._inplace(out) if inplace else out  # type: ignore[attr-defined]

    def _n_extreme(self, n: int, by: Any, keep: str, largest: bool) -> Any:
        if keep not in ("first", "last"):
            raise NotImplementedError(f"`keep={keep!r}` is not supported (first, last)")
        if not isinstance(n, int):
            raise TypeError(f"`n` must be an int; received {n!r}")
        cols = self._sort_columns(by)
        for c in cols:
            if c.is_encoded:
                raise TypeError(f"nlargest/nsmallest: column of dtype {c.dtype} is not numeric")
        if len(cols) == 1 and 0 <= n < len(self):  # type: ignore[arg-type]
            return self._take(_sort.top_n(cols[0], n, largest=largest, keep=keep))  # type: ignore[attr-defined]
        src = self
        whole = n >= len(self)  # type: ignore[arg-type]
        if whole:  # pandas sorts the whole frame here (missing last), whatever `keep` says
            keep = "first"
        if keep == "last":
            src = self._take(list(range(len(self) - 1, -1, -1)))  # type: ignore[attr-defined]
            cols = src._sort_columns(by)
        order = _sort.argsort(cols, ascending=not largest, na_position="last")
        if not whole:
            valid = ~cols[0].null_array()  # rows missing the first key are left out
            order = order[valid[order]]
        return src._take(order[: max(n, 0)])

    def rank(
        self,
        method: str = "average",
        ascending: bool = True,
        na_option: str = "keep",
        pct: bool = False,
        numeric_only: bool = False,
    ) -> Any:
        """Ranks (1 = smallest) with pandas' tie methods; float64 results."""

        def one(col: Column) -> Column:
            return _sort.rank(col, method=method, ascending=ascending, na_option=na_option, pct=pct)

        return self._map_columns(one)  # type: ignore[attr-defined]
