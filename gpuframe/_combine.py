"""Combining two objects: ``combine_first``, ``update``, ``compare``, ``dot``,
``case_when`` and ``autocorr``.

All of them work on device columns: indexes are aligned once (the positions come from
:func:`gpuframe.frame.align_indexes`), then values are picked with ``where`` and gathers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from array_api_compat import is_array_api_obj

from . import dtypes as _dt
from .backend import asarray, to_host
from .column import Column, _binary, as_column
from .frame import align_indexes

__all__ = ["FrameCombineMixin", "SeriesCombineMixin"]


def _first_valid(a: Column, b: Column) -> Column:
    """``a`` where it holds a value, else ``b`` (same length)."""
    if a.dtype != b.dtype and _dt.is_numeric(a.dtype) and _dt.is_numeric(b.dtype):
        common = np.result_type(a.dtype, b.dtype)
        a, b = a.astype(common), b.astype(common)
    return _binary.where(a, a.valid_array(), b)


def _restore_int(out: Column, *originals: Column | None) -> Column:
    """Integer inputs that only gained float64 through alignment come back as integers
    when every slot got a value (pandas' ``combine_first``)."""
    dtypes = [c.dtype for c in originals if c is not None]
    plain = all(c.mask is None for c in originals if c is not None)
    if plain and dtypes and all(getattr(d, "kind", "") in "iu" for d in dtypes):
        if out.dtype.kind == "f" and not bool(out.xp.any(out.null_array())):
            return out.astype(np.result_type(*dtypes))
    return out


def _aligned(left: Any, right: Any) -> tuple[Any, Column, Column]:
    """(union index, left column, right column) of two Series on the union of their
    indexes (as pandas' outer alignment)."""
    index, li, ri = align_indexes(left._index, right._index)
    a, b = left._column, right._column
    if li is not None:
        a = a.take(asarray(li, device=a.device), nullify=True)
        b = b.take(asarray(ri, device=a.device), nullify=True)
    return index, a, b


def _reindexed(obj: Any, index: Any) -> Column:
    """``obj``'s column at the labels of ``index`` (missing where ``obj`` has no label)."""
    if obj._index.equals(index):
        return obj._column
    pos = np.asarray(obj._index.get_indexer(index.to_pandas()), dtype=np.int64)
    return obj._column.take(asarray(pos, device=obj._column.device), nullify=True)


def _as_series(other: Any, name: str, device: Any = None) -> Any:
    from .series import Series

    if isinstance(other, Series):
        return other
    if isinstance(other, pd.Series):
        return Series(other, device=device)
    raise TypeError(f"{name}: `other` must be a Series; received {type(other).__name__}")


def _as_frame(other: Any, name: str, device: Any = None) -> Any:
    """``other`` as a gpuframe DataFrame; a pandas one goes to ``device`` (the caller's)."""
    from .dataframe import DataFrame, from_pandas

    if isinstance(other, DataFrame):
        return other
    if isinstance(other, pd.DataFrame):
        return from_pandas(other, device=device)
    raise TypeError(f"{name}: `other` must be a DataFrame; received {type(other).__name__}")


def _update_values(
    cur: Column, new: Column, overwrite: bool, errors: str, label: Any = None
) -> Column:
    """``cur`` with the non-missing values of ``new`` written in (pandas' ``update``);
    the dtype of ``cur`` is kept, and a value it cannot hold raises ``TypeError``."""
    xp = cur.xp
    take = new.valid_array()
    if not overwrite:
        take = take & cur.null_array()
    if errors == "raise" and bool(xp.any(new.valid_array() & cur.valid_array())):
        where = "" if label is None else f" in column {label!r}"
        raise ValueError(f"update: data overlaps{where} (errors='raise')")
    out = _binary.where(cur, ~take, new)
    if out.dtype != cur.dtype and _dt.is_numeric(cur.dtype) and _dt.is_numeric(out.dtype):
        if out.mask is None and cur.mask is None and cur.dtype.kind in "iub":
            changed = out.astype(cur.dtype, nullable=False)
            if not bool(xp.all(changed.astype(out.dtype).data == out.data)):
                bad = to_host(out.data[take])[:3].tolist()
                raise TypeError(f"update: invalid value(s) {bad} for dtype {cur.dtype}")
            return changed
        return out.astype(_dt.to_pandas_dtype(cur.dtype, nullable=cur.mask is not None))
    return out


def _case_values(obj: Any, value: Any, what: str, n: int) -> Any:
    from .series import Series

    if callable(value):
        value = value(obj)
    if isinstance(value, pd.Series):
        value = Series(value, device=obj.device)
    if isinstance(value, Series):
        if len(value) != n:
            raise ValueError(f"case_when: {what} has length {len(value)}; expected {n}")
        return value._column
    if _binary.is_scalar(value) or isinstance(value, str):
        return value
    col = as_column(value, device=obj.device)
    if len(col) != n:
        raise ValueError(f"case_when: {what} has length {len(col)}; expected {n}")
    return col


class SeriesCombineMixin:
    """``combine_first``, ``update``, ``compare``, ``dot``, ``case_when`` and ``autocorr``
    of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def combine_first(self, other: Any) -> Any:
        """This series' values, with its missing ones (and the labels only ``other`` has)
        taken from ``other``; the index is the union of both.

        Examples
        --------
        >>> import gpuframe as gf
        >>> a = gf.Series([1.0, None], index=[0, 1])
        >>> a.combine_first(gf.Series([5.0, 6.0, 7.0])).tolist()
        [1.0, 6.0, 7.0]
        """
        from .series import Series

        other = _as_series(other, "combine_first", self.device)
        index, a, b = _aligned(self, other)
        out = _restore_int(_first_valid(a, b), self._column, other._column)
        return Series._from_column(out, index, self.name)

    def update(self, other: Any) -> None:
        """Modify in place with the non-missing values of ``other`` (matched by label).

        The dtype is kept: a value the dtype cannot hold raises ``TypeError`` (pandas 3).

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series([1, 2, 3])
        >>> s.update(gf.Series([9.0, None], index=[1, 2]))
        >>> s.tolist()
        [1, 9, 3]
        """
        other = _as_series(other, "update", self.device)
        new = _reindexed(other, self._index)
        from .series import Series

        updated = _update_values(self._column, new, True, "ignore")
        self._inplace(Series._from_column(updated, self._index, self.name))

    def dot(self, other: Any) -> Any:
        """Inner product with a Series (a scalar, labels aligned), the columns of a
        DataFrame (a Series) or a 1-/2-D array.

        Examples
        --------
        >>> import gpuframe as gf
        >>> int(gf.Series([1, 2, 3]).dot(gf.Series([4, 5, 6])))
        32
        """
        from .dataframe import DataFrame
        from .series import Series

        col = self._column
        if isinstance(other, pd.Series):
            other = Series(other)
        if isinstance(other, pd.DataFrame):
            other = DataFrame(other)
        if isinstance(other, Series):
            if not _same_labels(self._index, other._index):
                raise ValueError("dot: matrices are not aligned (the indexes differ)")
            b = _reindexed(other, self._index)
            return _matmul_host_scalar(col, b)
        if isinstance(other, DataFrame):
            if not _same_labels(self._index, other._index):
                raise ValueError("dot: matrices are not aligned (the indexes differ)")
            frame = other._from_columns(
                {
                    k: _reindexed(Series._from_column(c, other._index), self._index)
                    for k, c in other._cols.items()
                },
                self._index,
            )
            values = [_matmul_host_scalar(col, c) for c in frame._cols.values()]
            return Series(pd.Series(values, index=pd.Index(list(frame._cols))))
        arr = other if is_array_api_obj(other) else np.asarray(other)  # CuPy stays put
        if arr.ndim not in (1, 2) or arr.shape[0] != len(self):
            raise ValueError(f"dot: shapes ({len(self)},) and {tuple(arr.shape)} are not aligned")
        a = _numeric_data("dot", col, self.name)
        xp = col.xp
        b = asarray(arr, device=col.device)
        target = getattr(xp, np.result_type(_host_dtype(a), _host_dtype(b)).name)
        out = xp.matmul(xp.astype(a, target), xp.astype(b, target))
        return to_host(out) if arr.ndim == 2 else to_host(out)[()]

    def __matmul__(self, other: Any) -> Any:
        return self.dot(other)

    def case_when(self, caselist: list[tuple[Any, Any]]) -> Any:
        """The value of the first ``(condition, replacement)`` pair whose condition holds,
        else this series' value. Conditions and replacements may be callables of the series.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series([1, 2, 3])
        >>> s.case_when([(s > 2, 30), (lambda x: x > 1, 20)]).tolist()
        [1, 20, 30]
        """
        from .series import Series

        if not isinstance(caselist, list):
            raise TypeError(
                f"case_when: `caselist` must be a list; received {type(caselist).__name__}"
            )
        if not caselist:
            raise ValueError("case_when: `caselist` is empty; pass (condition, replacement) pairs")
        n = len(self)
        pairs = []
        for i, pair in enumerate(caselist):
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise TypeError(
                    f"case_when: entry {i} of `caselist` must be a (condition, replacement) "
                    f"tuple; received {pair!r}"
                )
            cond = _case_values(self, pair[0], f"condition {i}", n)
            if not isinstance(cond, Column) or cond.dtype != np.dtype(bool):
                raise TypeError(f"case_when: condition {i} must be bool values of length {n}")
            pairs.append((cond, _case_values(self, pair[1], f"replacement {i}", n)))
        out = self._column
        for cond, value in reversed(pairs):
            keep = ~cond.data if cond.mask is None else ~(cond.data & cond.mask)
            out = _binary.where(out, keep, value)
        return Series._from_column(out, self._index, self.name)

    def compare(
        self,
        other: Any,
        align_axis: Any = 1,
        keep_shape: bool = False,
        keep_equal: bool = False,
        result_names: tuple[str, str] = ("self", "other"),
    ) -> Any:
        """The values that differ between two identically labelled series, side by side
        (columns ``self`` and ``other``), as ``DataFrame.compare``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2, 3]).compare(gf.Series([1, 5, 3])).to_pandas().to_dict()
        {'self': {1: 2.0}, 'other': {1: 5.0}}
        """
        from .dataframe import DataFrame

        other = _as_series(other, "compare", self.device)
        if len(other) != len(self) or not self._index.equals(other._index):
            raise ValueError("compare: can only compare identically-labeled Series objects")
        left = DataFrame._from_columns({0: self._column}, self._index)
        right = DataFrame._from_columns({0: other._column}, other._index)
        both = left.compare(
            right,
            align_axis=align_axis,
            keep_shape=keep_shape,
            keep_equal=keep_equal,
            result_names=result_names,
        )
        if not both._cols:  # nothing differs: pandas keeps the two columns, no rows
            empty = self._column.take(self._column.xp.zeros(0, dtype=self._column.xp.int64))
            return DataFrame._from_columns(
                {result_names[0]: empty, result_names[1]: empty}, both._index
            )
        return DataFrame._from_columns(
            {side: both._cols[(0, side)] for side in result_names}, both._index
        )

    def autocorr(self, lag: int = 1) -> Any:
        """Pearson correlation of the series with itself shifted by ``lag``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> round(float(gf.Series([1.0, 2.0, 4.0, 8.0]).autocorr()), 6)
        1.0
        """
        if isinstance(lag, bool) or not isinstance(lag, (int, np.integer)):
            raise TypeError(f"autocorr: `lag` must be an integer; received {lag!r}")
        return self.corr(self.shift(int(lag)))


def _same_labels(a: Any, b: Any) -> bool:
    if a.equals(b):
        return True
    pa_, pb = a.to_pandas(), b.to_pandas()
    return (
        len(pa_) == len(pb) and pa_.is_unique and bool(pa_.sort_values().equals(pb.sort_values()))
    )


def _numeric_data(where: str, col: Column, label: Any) -> Any:
    if not _dt.is_numeric(col.dtype):
        raise TypeError(f"{where}: column {label!r} of dtype {col.dtype} is not numeric")
    xp = col.xp
    if col.mask is not None:
        return xp.where(col.mask, xp.astype(col.data, xp.float64), xp.asarray(np.nan))
    return col.data


def _matmul_host_scalar(a: Column, b: Column) -> Any:
    xa, xb = _numeric_data("dot", a, "left"), _numeric_data("dot", b, "right")
    xp = a.xp
    if xa.dtype != xb.dtype:
        target = getattr(xp, np.result_type(_host_dtype(xa), _host_dtype(xb)).name)
        xa, xb = xp.astype(xa, target), xp.astype(xb, target)
    return to_host(xp.sum(xa * xb))[()]


class FrameCombineMixin:
    """``combine_first``, ``update``, ``compare`` and ``dot`` of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def combine_first(self, other: Any) -> Any:
        """This frame's values, with missing ones (and the rows/columns only ``other`` has)
        taken from ``other``; rows are the union of both indexes, columns this frame's
        followed by ``other``'s new ones.

        Examples
        --------
        >>> import gpuframe as gf
        >>> a = gf.DataFrame({"x": [1.0, None]})
        >>> a.combine_first(gf.DataFrame({"x": [5.0, 6.0], "y": [1, 2]})).to_pandas()
             x  y
        0  1.0  1
        1  6.0  2
        """
        other = _as_frame(other, "combine_first", self.device)
        index, li, ri = align_indexes(self._index, other._index)
        labels = list(self._cols) + [k for k in other._cols if k not in self._cols]
        out: dict[Any, Column] = {}
        for k in labels:
            a0 = a = self._cols.get(k)
            b0 = b = other._cols.get(k)
            if a is not None and li is not None:
                a = a.take(asarray(li, device=a.device), nullify=True)
            if b is not None and ri is not None:
                b = b.take(asarray(ri, device=b.device), nullify=True)
            both: Column = a if b is None else (b if a is None else _first_valid(a, b))
            out[k] = _restore_int(both, a0, b0)
        return self._from_columns(out, index)

    def update(
        self,
        other: Any,
        join: str = "left",
        overwrite: bool = True,
        filter_func: Any = None,
        errors: str = "ignore",
    ) -> None:
        """Modify in place with the non-missing values of ``other`` (matched by row and
        column label); dtypes are kept (a value a column cannot hold raises ``TypeError``).

        ``overwrite=False`` fills only this frame's missing values; ``errors="raise"``
        raises ``ValueError`` where both frames hold a value. ``filter_func`` is not
        supported.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0]})
        >>> df.update(gf.DataFrame({"b": [None, 50.0]}))
        >>> df["b"].tolist()
        [4.0, 50.0, 6.0]
        """
        from .series import Series

        if join != "left":
            raise NotImplementedError(f"update: only join='left' is supported; received {join!r}")
        if filter_func is not None:
            raise NotImplementedError("update: `filter_func` is not supported")
        if errors not in ("ignore", "raise"):
            raise ValueError(f"update: `errors` must be 'ignore' or 'raise'; received {errors!r}")
        if isinstance(other, (Series, pd.Series)):
            other = _as_series(other, "update", self.device)
            if other.name is None:
                raise ValueError("update: a Series `other` needs a name (the column to update)")
            other = other.to_frame()
        other = _as_frame(other, "update", self.device)
        new_cols = dict(self._cols)
        for k, c in other._cols.items():
            if k not in self._cols:
                continue
            new = _reindexed(Series._from_column(c, other._index), self._index)
            new_cols[k] = _update_values(self._cols[k], new, bool(overwrite), errors, k)
        self._inplace(self._from_columns(new_cols, self._index))

    def compare(
        self,
        other: Any,
        align_axis: Any = 1,
        keep_shape: bool = False,
        keep_equal: bool = False,
        result_names: tuple[str, str] = ("self", "other"),
    ) -> Any:
        """The values that differ between two identically labelled frames, side by side:
        columns ``(column, "self")``, ``(column, "other")``; equal values are missing unless
        ``keep_equal``. Missing values in both count as equal. ``align_axis=0`` is not
        supported.

        Examples
        --------
        >>> import gpuframe as gf
        >>> a = gf.DataFrame({"x": [1, 2, 3]})
        >>> a.compare(gf.DataFrame({"x": [1, 5, 3]})).to_pandas().to_dict()
        {('x', 'self'): {1: 2.0}, ('x', 'other'): {1: 5.0}}
        """
        from .dataframe import DataFrame

        other = _as_frame(other, "compare", self.device)
        if align_axis not in (1, "columns"):
            raise NotImplementedError(f"compare: align_axis={align_axis!r} is not supported")
        if not (isinstance(result_names, tuple) and len(result_names) == 2):
            raise TypeError(
                f"compare: `result_names` must be a tuple of two names; received {result_names!r}"
            )
        if list(self._cols) != list(other._cols) or not self._index.equals(other._index):
            raise ValueError(
                "compare: can only compare identically-labeled (both index and columns) "
                "DataFrame objects"
            )
        diffs: dict[Any, Any] = {}
        for k, a in self._cols.items():
            b = other._cols[k]
            eq = _binary.binary_op(a, b, "eq")
            same = eq.data if eq.mask is None else (eq.data & eq.mask)
            diffs[k] = ~(same | (a.null_array() & b.null_array()))
        xp = self._cols[next(iter(self._cols))].xp if self._cols else np
        keep = [k for k, d in diffs.items() if keep_shape or bool(xp.any(d))]
        out: dict[Any, Column] = {}
        for k in keep:
            d = diffs[k]
            parts = (self._cols[k], other._cols[k])
            for side, col in zip(result_names, parts):
                c = col if keep_equal else _binary.where(col, d, None)
                out[(k, side)] = c
        res = DataFrame._from_columns(out, self._index)
        if keep_shape:
            return res
        if not keep:  # nothing differs: no rows, no columns
            return res._take(xp.zeros(0, dtype=xp.int64))
        rows = diffs[keep[0]]
        for k in keep[1:]:
            rows = rows | diffs[k]
        return res._take(xp.nonzero(rows)[0])

    def dot(self, other: Any) -> Any:
        """Matrix product with a Series (a Series) or a DataFrame (a DataFrame), the
        columns of this frame matched to ``other``'s index labels, or with an array.

        Runs as one ``matmul`` on the device; missing values propagate as NaN.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2], "b": [3, 4]})
        >>> df.dot(gf.Series([10, 1], index=["a", "b"])).tolist()
        [13, 24]
        """
        from .dataframe import DataFrame
        from .index import Index
        from .series import Series

        if isinstance(other, pd.Series):
            other = Series(other)
        if isinstance(other, pd.DataFrame):
            other = DataFrame(other)
        labels = list(self._cols)
        if not labels:
            raise ValueError("dot: the frame has no columns")
        mats = [_numeric_data("dot", c, k) for k, c in self._cols.items()]
        xp = self._cols[labels[0]].xp
        dtype = np.result_type(*[_host_dtype(m) for m in mats])
        target = getattr(xp, dtype.name)
        left = xp.stack([xp.astype(m, target) for m in mats], axis=1)
        if isinstance(other, (Series, DataFrame)):
            col_index = Index(pd.Index(labels, dtype=object))
            if not _same_labels(col_index, other._index):
                raise ValueError("dot: matrices are not aligned (columns and other's index differ)")
            items = {other.name: other._column} if isinstance(other, Series) else dict(other._cols)
            rights = [
                _numeric_data("dot", _reindexed(Series._from_column(c, other._index), col_index), k)
                for k, c in items.items()
            ]
            dtype = np.result_type(dtype, *[_host_dtype(m) for m in rights])
            target = getattr(xp, dtype.name)
            right = xp.stack([xp.astype(m, target) for m in rights], axis=1)
            prod = xp.matmul(xp.astype(left, target), right)
            if isinstance(other, Series):
                return Series._from_column(Column._from_parts(prod[:, 0]), self._index)
            return DataFrame._from_columns(
                {k: Column._from_parts(prod[:, j]) for j, k in enumerate(items)}, self._index
            )
        arr = other if is_array_api_obj(other) else np.asarray(other)  # CuPy stays put
        if arr.ndim not in (1, 2) or arr.shape[0] != len(labels):
            raise ValueError(
                f"dot: shapes {(len(self), len(labels))} and {tuple(arr.shape)} are not aligned"
            )
        b = asarray(arr, device=self.device)
        dtype = np.result_type(dtype, _host_dtype(b))
        target = getattr(xp, dtype.name)
        prod = xp.matmul(xp.astype(left, target), xp.astype(b, target))
        if arr.ndim == 1:
            return Series._from_column(Column._from_parts(prod), self._index)
        return DataFrame._from_columns(
            {j: Column._from_parts(prod[:, j]) for j in range(arr.shape[1])}, self._index
        )

    def __matmul__(self, other: Any) -> Any:
        return self.dot(other)


def _host_dtype(arr: Any) -> np.dtype:
    """The NumPy dtype of a device array (Array API dtypes print as their names)."""
    d = arr.dtype
    return d if isinstance(d, np.dtype) else np.dtype(str(d).split(".")[-1])
