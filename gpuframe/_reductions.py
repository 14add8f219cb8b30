"""Named reductions for Series and DataFrame: each delegates to the class's ``_reduce``."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ReductionMixin"]


def _make(op: str, doc: str) -> Any:
    def method(
        self: Any, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        return self._reduce(op, axis=axis, skipna=skipna, numeric_only=numeric_only, **kwargs)

    method.__name__ = op
    method.__doc__ = doc + "\n\nMissing values are skipped unless ``skipna=False``."
    return method


class ReductionMixin:
    """``sum mean min max std var ...``; subclasses define ``_reduce(op, **kwargs)``."""

    def _reduce(self, op: str, **kwargs: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    sum = _make("sum", "Sum of the values (``min_count`` values needed, default 0).")
    prod = _make("prod", "Product of the values.")
    product = prod
    mean = _make("mean", "Arithmetic mean.")
    min = _make("min", "Smallest value.")
    max = _make("max", "Largest value.")
    std = _make("std", "Standard deviation (``ddof=1``).")
    var = _make("var", "Variance (``ddof=1``).")
    sem = _make("sem", "Standard error of the mean (``ddof=1``).")
    median = _make("median", "Median (linear interpolation).")
    any = _make("any", "True when any value is true.")
    all = _make("all", "True when every value is true.")

    def count(self, axis: Any = 0, numeric_only: bool = False) -> Any:
        """Number of non-missing values."""
        return self._reduce("count", axis=axis, skipna=True, numeric_only=numeric_only)

    def nunique(self, axis: Any = 0, dropna: bool = True) -> Any:
        """Number of distinct non-missing values."""
        if not dropna:
            raise NotImplementedError("nunique: `dropna=False` is not supported")
        return self._reduce("nunique", axis=axis, skipna=True, numeric_only=False)

    def quantile(
        self,
        q: Any = 0.5,
        axis: Any = 0,
        numeric_only: bool = False,
        interpolation: str = "linear",
        method: str = "single",
    ) -> Any:
        """The ``q`` quantile(s): one number, or a list giving one row per ``q`` (as pandas).

        ``interpolation``: linear, lower, higher, midpoint or nearest (NumPy's methods).

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series([1, 5, 2, 4])
        >>> float(s.quantile(0.5))
        3.0
        >>> s.quantile([0.0, 0.5], interpolation="lower").to_pandas().to_dict()
        {0.0: 1, 0.5: 2}
        """
        from .column import _reduce

        if method != "single":
            raise NotImplementedError(f"quantile: `method={method!r}` is not supported")
        if interpolation not in _reduce.INTERPOLATIONS:
            raise ValueError(
                f"quantile: `interpolation` must be one of {list(_reduce.INTERPOLATIONS)}; "
                f"received interpolation={interpolation!r}"
            )
        scalar = not _is_list_like(q)
        qs = [q] if scalar else list(q)
        for x in qs:
            if isinstance(x, bool) or not isinstance(x, (int, float, np.number)) or not 0 <= x <= 1:
                raise ValueError(f"quantile: `q` must be numbers in [0, 1]; received {q!r}")
        if scalar:
            out = self._reduce(
                "quantile",
                axis=axis,
                skipna=True,
                numeric_only=numeric_only,
                q=q,
                interpolation=interpolation,
            )
            if getattr(self, "ndim", 1) == 2 and hasattr(out, "name"):
                out.name = q  # pandas names the row of a frame by q
            return out
        return self._quantiles([float(x) for x in qs], axis, numeric_only, interpolation)

    def _quantiles(self, qs: list[float], axis: Any, numeric_only: bool, interpolation: str) -> Any:
        """One row per ``q``: a Series of a Series, a DataFrame of a DataFrame."""
        import pandas as pd

        from . import dtypes as _dt
        from .column import _reduce, from_pandas
        from .index import Index

        if axis not in (0, "index"):
            raise NotImplementedError(f"quantile: axis={axis!r} with a list of q")
        data = self._data  # type: ignore[attr-defined]
        if numeric_only:
            data = {k: c for k, c in data.items() if _dt.is_numeric(c.dtype)}
        out = {}
        for k, c in data.items():
            try:
                values = _reduce.quantiles(c, qs, interpolation)
            except TypeError as e:
                raise TypeError(f"quantile: column {k!r}: {e}") from e
            missing = [v is pd.NA for v in values]
            if c.mask is not None:  # pandas: a masked column gives a masked result
                values = [pd.NA if m else v for v, m in zip(values, missing)]
                if c.dtype.kind in "iu" and all(
                    m or float(v).is_integer() for v, m in zip(values, missing)
                ):
                    values = [v if m else int(v) for v, m in zip(values, missing)]  # as pandas
                    values = pd.array(
                        values, dtype=_dt.to_pandas_dtype(np.dtype("int64"), nullable=True)
                    )
                else:
                    values = pd.array(values)
            col = from_pandas(pd.Series(values), device=c.device)
            if not values and c.dtype.kind in "mM":
                col = col.astype(c.dtype)
            out[k] = col
        index = Index(pd.Index(qs, dtype="float64"))
        return self._from_data(out, index)  # type: ignore[attr-defined]

    def idxmin(self, axis: Any = 0, skipna: bool = True) -> Any:
        """Label of the smallest value."""
        return self._reduce("idxmin", axis=axis, skipna=skipna, numeric_only=False)

    def idxmax(self, axis: Any = 0, skipna: bool = True) -> Any:
        """Label of the largest value."""
        return self._reduce("idxmax", axis=axis, skipna=skipna, numeric_only=False)


def _is_list_like(x: Any) -> bool:
    return not isinstance(x, (str, bytes)) and hasattr(x, "__iter__")
