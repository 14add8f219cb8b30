"""Higher moments and most frequent values: ``skew``, ``kurt``, ``mode``, ``value_counts``.

``skew`` and ``kurt`` use pandas' bias-corrected sample formulas (the adjusted
Fisher-Pearson coefficient G1 and the excess kurtosis G2), computed column by column (or
row by row, ``axis=1``) on the device: the values are shifted by one of their own values
(the largest) before the central sums, so a constant column gives exact zero moments and
NaN, as pandas 3 does. ``skew`` needs three values and ``kurt`` four, else NaN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from numba import njit

from . import dtypes as _dt
from .backend import is_numpy
from .column import Column, _sort, _unique

__all__ = ["FrameMomentsMixin", "SeriesMomentsMixin", "column_moment", "column_mode"]

_F64 = np.dtype("float64")


def _check_axis(op: str, axis: Any, frame: bool) -> int:
    allowed: tuple[Any, ...] = (0, "index", None, 1, "columns") if frame else (0, "index", None)
    if axis not in allowed:
        raise ValueError(f"{op}: `axis` must be one of {list(allowed)}; received axis={axis!r}")
    return 1 if axis in (1, "columns") else 0


def _check_numeric(op: str, col: Column, label: Any = None) -> None:
    if not _dt.is_numeric(col.dtype):
        where = "" if label is None else f"column {label!r}: "
        raise TypeError(f"{op}: {where}cannot perform reduction {op!r} with dtype {col.dtype}")


def _float_parts(col: Column) -> tuple[Any, Any]:
    """(float64 values, validity) of a numeric column, both device arrays."""
    xp = col.xp
    valid = col.valid_array()
    values = xp.astype(col.data, xp.float64)
    return values, valid


def moments(values: Any, valid: Any, op: str, skipna: bool, xp: Any) -> Any:
    """pandas' ``skew``/``kurt`` of each column of the 2-D float64 array ``values``
    (rows where ``valid`` is False are missing), a float64 array of one value per column."""
    if values.shape[0] == 0:
        return xp.full((values.shape[1],), np.nan, dtype=xp.float64)
    n = xp.sum(xp.astype(valid, xp.int64), axis=0)
    missing = xp.any(~valid, axis=0)
    # shift by the largest valid value (an exact value of the column): a constant column
    # gives zero deviations exactly, and the sums keep their precision far from zero
    lowest = xp.asarray(-np.inf, dtype=xp.float64)
    top = xp.max(xp.where(valid, values, lowest), axis=0)
    top = xp.where(n > 0, top, xp.zeros_like(top))
    zero = xp.zeros((), dtype=xp.float64)
    shifted = xp.where(valid, values - top, zero)
    nf = xp.astype(n, xp.float64)
    safe_n = xp.where(n > 0, nf, xp.ones_like(nf))
    mean = xp.sum(shifted, axis=0) / safe_n
    d = xp.where(valid, shifted - mean, zero)
    d2 = d * d
    m2 = xp.sum(d2, axis=0)
    m34 = xp.sum(d2 * d, axis=0) if op == "skew" else xp.sum(d2 * d2, axis=0)
    return finish_moments(nf, m2, m34, missing, op, skipna, xp)


def finish_moments(nf: Any, m2: Any, m34: Any, missing: Any, op: str, skipna: bool, xp: Any) -> Any:
    """pandas' bias-corrected ``skew`` (``m34``: sum of cubed deviations) or ``kurt``
    (``m34``: sum of fourth powers) from the count and the central sums (float64 arrays)."""
    ok = m2 > 0
    safe_m2 = xp.where(ok, m2, xp.ones_like(m2))
    one = xp.ones_like(nf)
    if op == "skew":
        big = nf >= 3
        den = xp.where(big, nf - 2.0, one)
        out = (nf * xp.sqrt(xp.where(big, nf - 1.0, one)) / den) * (
            m34 / (safe_m2 * xp.sqrt(safe_m2))
        )
    else:
        big = nf >= 4
        n2 = xp.where(big, nf - 2.0, one)
        n3 = xp.where(big, nf - 3.0, one)
        adj = 3.0 * (nf - 1.0) ** 2 / (n2 * n3)
        out = nf * (nf + 1.0) * (nf - 1.0) * m34 / (n2 * n3 * safe_m2 * safe_m2) - adj
    bad = ~(big & ok)
    if not skipna:
        bad = bad | missing
    return xp.where(bad, xp.asarray(np.nan, dtype=xp.float64), out)


@njit(cache=True, nogil=True)
def _central_sums(
    values: Any, mask: Any, has_mask: bool, fourth: bool
) -> Any:  # pragma: no cover - numba
    """(count, any missing, sum d**2, sum d**3 or d**4) of one NumPy column, ``d`` the
    deviations from the mean of the values shifted by their largest (the generic path's
    arithmetic in three passes, without temporaries)."""
    n = 0
    top = -np.inf
    size = values.shape[0]
    for i in range(size):
        v = values[i]
        if (has_mask and not mask[i]) or v != v:
            continue
        n += 1
        if v > top:
            top = v
    if n == 0:
        return 0, size > 0, 0.0, 0.0
    total = 0.0
    for i in range(size):
        v = values[i]
        if (has_mask and not mask[i]) or v != v:
            continue
        total += v - top
    mean = total / n
    m2 = 0.0
    m34 = 0.0
    for i in range(size):
        v = values[i]
        if (has_mask and not mask[i]) or v != v:
            continue
        d = (v - top) - mean
        d2 = d * d
        m2 += d2
        m34 += d2 * d2 if fourth else d2 * d
    return n, n < size, m2, m34


_REASSOC = {"reassoc"}  # lets the sums vectorise; NaN/inf semantics unchanged


@njit(cache=True, nogil=True)
def _first_valid(values: Any) -> float:  # pragma: no cover - numba
    """The first non-NaN value (NaN if none)."""
    for i in range(values.shape[0]):
        if values[i] == values[i]:
            return values[i]
    return np.nan


@njit(cache=True, nogil=True, fastmath=_REASSOC)
def _count_shifted_sum(values: Any, top: float, start: int, stop: int) -> Any:  # pragma: no cover
    """(count of non-NaN values, sum of value - top over them) in ``values[start:stop]``."""
    n = 0
    total = 0.0
    for i in range(start, stop):
        v = values[i]
        ok = v == v
        n += ok
        total += (v - top) if ok else 0.0
    return n, total


@njit(cache=True, nogil=True, fastmath=_REASSOC)
def _dev_sums(
    values: Any, top: float, mean: float, fourth: bool, start: int, stop: int
) -> Any:  # pragma: no cover - numba
    m2 = 0.0
    m34 = 0.0
    for i in range(start, stop):
        v = values[i]
        d = ((v - top) - mean) if v == v else 0.0
        d2 = d * d
        m2 += d2
        m34 += d2 * (d2 if fourth else d)
    return m2, m34


def _central_sums_chunked(values: np.ndarray, fourth: bool) -> tuple[int, bool, float, float]:
    """:func:`_central_sums` of a column without a mask in two branch-free passes over row
    chunks on the thread pool (each pass vectorises). The shift is the first valid value
    (any value of the column keeps a constant column exact)."""
    from .backend._parallel import map_chunks

    size = values.shape[0]
    top = float(_first_valid(values))
    if top != top:
        return 0, size > 0, 0.0, 0.0
    parts = map_chunks(lambda s, e: _count_shifted_sum(values, top, s, e), size)
    n = sum(int(c) for c, _ in parts)
    mean = sum(t for _, t in parts) / n
    sums = map_chunks(lambda s, e: _dev_sums(values, top, mean, fourth, s, e), size)
    return n, n < size, sum(a for a, _ in sums), sum(b for _, b in sums)


def column_moment(col: Column, op: str, skipna: bool = True) -> Any:
    """pandas' ``Series.skew``/``Series.kurt`` of a numeric column (a NumPy scalar:
    float32 for a float32 column, else float64; ``pd.NA`` instead of NaN for a column with
    a validity mask, as pandas' masked arrays).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> round(float(column_moment(as_column([1.0, 2.0, 3.0, 10.0]), "skew")), 6)
    1.763633
    """
    from .backend import to_host

    _check_numeric(op, col)
    xp = col.xp
    if is_numpy(xp) and len(col):  # one Numba kernel: no temporaries
        values = col.data.astype(np.float64, copy=False)
        if col.mask is None:
            n, missing, m2, m34 = _central_sums_chunked(values, op == "kurt")
        else:
            n, missing, m2, m34 = _central_sums(values, col.mask, True, op == "kurt")
        one = np.asarray([float(n)])
        out = finish_moments(
            one, np.asarray([m2]), np.asarray([m34]), np.asarray([missing]), op, skipna, np
        )
    else:
        values, valid = _float_parts(col)
        out = moments(xp.reshape(values, (-1, 1)), xp.reshape(valid, (-1, 1)), op, skipna, xp)
    value = np.float64(to_host(out)[0])
    if col.mask is not None and np.isnan(value):
        return pd.NA  # pandas' masked reductions: NA, not NaN
    return np.float32(value) if col.dtype == np.dtype("float32") else value


def column_mode(col: Column, dropna: bool = True) -> Column:
    """The most frequent values of ``col``, sorted (missing last when ``dropna=False``).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> column_mode(as_column([3, 1, 3, 1, 2])).to_pandas().tolist()
    [1, 3]
    """
    keys, counts = _unique.value_counts(col, dropna=dropna)
    if len(keys) == 0:
        return col.slice(0, 0)
    xp = keys.xp
    top = xp.max(counts)
    pos = xp.nonzero(counts == top)[0]
    modes = keys.take(pos)
    return modes.take(_sort.argsort([modes]))


def _wrap_frame_result(values: list[Any], labels: list[Any], cols: list[Column]) -> Any:
    """A Series of one reduction per column, with pandas' result dtype."""
    from .series import Series

    index = pd.Index(labels, dtype=object) if labels else None
    if any(c.mask is not None for c in cols) and values:
        return Series(pd.Series(pd.array([float(v) for v in values], dtype="Float64"), index=index))
    dtype = "float32" if cols and all(c.dtype == np.dtype("float32") for c in cols) else "float64"
    return Series(pd.Series(values, index=index, dtype=dtype))


class SeriesMomentsMixin:
    """``skew``, ``kurt``/``kurtosis`` and ``mode`` of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def _moment(self, op: str, axis: Any, skipna: bool, numeric_only: bool, kw: dict) -> Any:
        if kw:
            raise NotImplementedError(f"{op}: argument(s) {sorted(kw)} are not supported")
        _check_axis(op, axis, frame=False)
        if numeric_only and not _dt.is_numeric(self._column.dtype):
            raise TypeError(f"{op}: Series of dtype {self._column.dtype} with numeric_only=True")
        return column_moment(self._column, op, skipna=skipna)

    def skew(
        self, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        """Unbiased sample skewness (pandas' G1; NaN with fewer than 3 values or a constant).

        Examples
        --------
        >>> import gpuframe as gf
        >>> round(float(gf.Series([1, 2, 3, 10]).skew()), 6)
        1.763633
        """
        return self._moment("skew", axis, skipna, numeric_only, kwargs)

    def kurt(
        self, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        """Unbiased excess kurtosis (pandas' G2; NaN with fewer than 4 values or a constant).

        Examples
        --------
        >>> import gpuframe as gf
        >>> round(float(gf.Series([1, 2, 3, 10]).kurt()), 6)
        3.228
        """
        return self._moment("kurt", axis, skipna, numeric_only, kwargs)

    kurtosis = kurt

    def mode(self, dropna: bool = True) -> Any:
        """The most frequent value(s), sorted, in a Series with a fresh RangeIndex.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([3, 1, 3, 1, 2]).mode().tolist()
        [1, 3]
        """
        from .series import Series

        if not isinstance(dropna, (bool, np.bool_)):
            raise TypeError(f"mode: `dropna` must be a bool; received {dropna!r}")
        return Series._from_column(column_mode(self._column, bool(dropna)), None, self.name)


class FrameMomentsMixin:
    """``skew``, ``kurt``/``kurtosis``, ``mode`` and ``value_counts`` of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def _moment(self, op: str, axis: Any, skipna: bool, numeric_only: bool, kw: dict) -> Any:
        from .series import Series

        if kw:
            raise NotImplementedError(f"{op}: argument(s) {sorted(kw)} are not supported")
        ax = _check_axis(op, axis, frame=True)
        data: dict[Any, Column] = self._cols
        if numeric_only:
            data = {k: c for k, c in data.items() if _dt.is_numeric(c.dtype)}
        for k, c in data.items():
            _check_numeric(op, c, k)
        labels, cols = list(data), list(data.values())
        if ax == 0:
            values = [column_moment(c, op, skipna=skipna) for c in cols]
            values = [np.nan if v is pd.NA else v for v in values]
            return _wrap_frame_result(values, labels, cols)
        if not cols:
            return Series(np.full(len(self), np.nan), index=self._index)
        xp = cols[0].xp
        parts = [_float_parts(c) for c in cols]
        mat = xp.stack([v for v, _ in parts], axis=0)  # (columns, rows): rows reduce on axis 0
        valid = xp.stack([m for _, m in parts], axis=0)
        out = Column._from_parts(moments(mat, valid, op, skipna, xp))
        if any(c.mask is not None for c in cols):
            out = out.astype("Float64")
        return Series._from_column(out, self._index)

    def skew(
        self, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        """Unbiased skewness of each column (``axis=1``: of each row), as pandas.

        A string, category or time column raises ``TypeError`` unless ``numeric_only``.
        With ``axis=1`` the result is float64 (``Float64`` with masked columns) also when
        bool columns take part (pandas gives an object Series then).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2, 3, 10], "b": [1, 1, 1, 1]}).skew().round(4).to_dict()
        {'a': 1.7636, 'b': nan}
        """
        return self._moment("skew", axis, skipna, numeric_only, kwargs)

    def kurt(
        self, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        """Unbiased excess kurtosis of each column (``axis=1``: of each row), as pandas.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2, 3, 10]}).kurt().round(3).to_dict()
        {'a': 3.228}
        """
        return self._moment("kurt", axis, skipna, numeric_only, kwargs)

    kurtosis = kurt

    def mode(self, axis: Any = 0, numeric_only: bool = False, dropna: bool = True) -> Any:
        """The most frequent value(s) of each column, sorted, one row per mode.

        Columns with fewer modes than the longest are padded with missing values (int
        columns become float64 as in pandas; a padded bool column becomes the nullable
        ``boolean`` where pandas gives ``object``). ``axis=1`` is not supported.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 1, 2, 2], "b": [5, 5, 5, 6]}).mode().to_pandas()
           a    b
        0  1  5.0
        1  2  NaN
        """
        from .index import RangeIndex

        if axis not in (0, "index"):
            raise NotImplementedError(f"mode: axis={axis!r} is not supported (only axis=0)")
        if not isinstance(dropna, (bool, np.bool_)):
            raise TypeError(f"mode: `dropna` must be a bool; received {dropna!r}")
        data: dict[Any, Column] = self._cols
        if numeric_only:
            data = {k: c for k, c in data.items() if _dt.is_numeric(c.dtype)}
        modes = {k: column_mode(c, bool(dropna)) for k, c in data.items()}
        n = max((len(m) for m in modes.values()), default=0)
        out = {}
        for k, m in modes.items():
            if len(m) < n:
                xp = m.xp
                pos = xp.arange(n, dtype=xp.int64)
                pos = xp.where(pos < len(m), pos, xp.asarray(-1, dtype=xp.int64))
                m = m.take(pos, nullify=True)
            out[k] = m
        return self._from_columns(out, RangeIndex(n))

    def value_counts(
        self,
        subset: Any = None,
        normalize: bool = False,
        sort: bool = True,
        ascending: bool = False,
        dropna: bool = True,
    ) -> Any:
        """How often each distinct row occurs (name ``count``, or ``proportion``).

        The index holds the rows' values (a MultiIndex, one level per column, unless
        ``subset`` is one label). Ties keep the order of the sorted keys (gpuframe's sorts
        are stable).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 1, 2], "b": ["x", "x", "y"]})
        >>> df.value_counts().tolist()
        [2, 1]
        """
        labels = list(self._cols) if subset is None else self._labels(subset)
        if not labels:
            raise ValueError("value_counts: the frame has no columns to count")
        for name, val in (("normalize", normalize), ("sort", sort), ("ascending", ascending)):
            if not isinstance(val, (bool, np.bool_)):
                raise TypeError(f"value_counts: `{name}` must be a bool; received {val!r}")
        counts = self._select_columns(labels).groupby(labels, dropna=dropna).size()
        if sort:
            counts = counts.sort_values(ascending=ascending, kind="stable")
        name = "count"
        if normalize:
            counts = counts / counts.sum()
            name = "proportion"
        from .index import MultiIndex
        from .series import Series

        index = counts.index
        if not isinstance(index, MultiIndex) and not isinstance(subset, str):  # as pandas
            index = MultiIndex(index._columns(), names=[labels[0]])
        return Series._from_column(counts._column, index, name)
