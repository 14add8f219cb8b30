"""The shared base of :class:`~gpuframe.Series` and :class:`~gpuframe.DataFrame`.

A frame is an ordered mapping label -> :class:`~gpuframe.column.Column` plus an index.
Everything here works column by column and row by row without knowing whether it is a
Series or a DataFrame; the two subclasses supply ``_data``, ``_from_data`` and their own
construction, pandas conversion and label handling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._window import Expanding, ExponentialMovingWindow, Rolling
from .backend import asarray, to_host
from .column import Column, _binary, _scan, as_column
from .index import BaseIndex

__all__ = ["Frame", "align_indexes"]


def align_indexes(left: BaseIndex, right: BaseIndex) -> tuple[BaseIndex, Any, Any]:
    """The outer-joined index of two indexes and the row positions into each (-1: absent).

    Returns ``(index, None, None)`` when the indexes are already equal (no work to do).
    """
    if left.equals(right):
        return left, None, None
    lp, rp = left.to_pandas(), right.to_pandas()
    joined, li, ri = lp.join(rp, how="outer", return_indexers=True, sort=True)
    from .index import as_index

    n = len(joined)
    li = np.arange(n) if li is None else li
    ri = np.arange(n) if ri is None else ri
    return as_index(joined), li, ri


class Frame:
    """Ordered label -> Column mapping with a row index (see the module docstring)."""

    _index: BaseIndex

    # -- to be provided by subclasses -------------------------------------------------
    @property
    def _data(self) -> dict[Any, Column]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _from_data(self, data: dict[Any, Column], index: BaseIndex) -> Any:  # pragma: no cover
        raise NotImplementedError

    # -- basics ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._index)

    @property
    def index(self) -> BaseIndex:
        """The row labels (a gpuframe index; ``.to_pandas()`` gives pandas').

        Frames share index objects; the first access gives this frame its own index object
        (sharing the label columns), so ``df.index.name = "x"`` renames this frame's index
        only, as in pandas.
        """
        idx = self._index
        if self.__dict__.get("_own_index") is not idx:
            idx = idx._view()
            self._index = idx
            self._own_index = idx
        return idx

    @index.setter
    def index(self, value: Any) -> None:
        from .index import as_index

        new = as_index(value)
        if len(new) != len(self):
            raise ValueError(
                f"Length mismatch: expected an index of length {len(self)}; "
                f"received length {len(new)}"
            )
        self._index = new

    @property
    def device(self) -> Any:
        cols = list(self._data.values())
        return cols[0].device if cols else self._index.device

    @property
    def empty(self) -> bool:
        return len(self) == 0 or len(self._data) == 0

    def _map_columns(self, fn: Callable[[Column], Column]) -> Any:
        return self._from_data({k: fn(c) for k, c in self._data.items()}, self._index)

    def _device_indices(self, indices: Any) -> Any:
        if isinstance(indices, Column):
            return indices.data
        if isinstance(indices, (list, tuple, range)):
            indices = np.asarray(indices, dtype=np.int64)
        return asarray(indices, device=self.device)

    # -- rows ----------------------------------------------------------------------------
    def _take(self, indices: Any) -> Any:
        """Rows at integer positions ``indices`` (negative positions count from the end)."""
        idx = self._device_indices(indices)
        n = len(self)
        if idx.dtype.kind not in "iu":
            raise TypeError(f"positions must be integers; received dtype {idx.dtype}")
        if idx.shape[0]:
            xp = _xp(idx)
            lo, hi = int(xp.min(idx)), int(xp.max(idx))
            if lo < -n or hi >= n:
                bad = lo if lo < -n else hi
                raise IndexError(f"position {bad} is out of bounds for length {n}")
            if lo < 0:
                idx = xp.where(idx < 0, idx + n, idx)
        return self._from_data(_take_columns(self._data, idx), self._index.take(idx))

    def take(self, indices: Any, axis: Any = 0, **kwargs: Any) -> Any:
        """Rows at integer positions ``indices`` (negative ones count from the end), labels kept.

        As pandas' ``take``; ``axis=1`` of a DataFrame picks columns by position.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [10, 20, 30]}, index=["x", "y", "z"])
        >>> df.take([2, 0]).to_pandas()["a"].to_dict()
        {'z': 30, 'x': 10}
        >>> df["a"].take([-1]).tolist()
        [30]
        """
        if kwargs:
            raise NotImplementedError(f"take: argument(s) {sorted(kwargs)} are not supported")
        axes = (0, "index", 1, "columns") if self.ndim == 2 else (0, "index")  # type: ignore[attr-defined]
        if axis not in axes:
            raise ValueError(f"take: `axis` must be one of {list(axes)}; received axis={axis!r}")
        from .series import Series

        if isinstance(indices, Series):
            indices = indices._column
        if axis in (1, "columns"):
            labels = list(self._data)
            pos = np.asarray(to_host(indices.data) if isinstance(indices, Column) else indices)
            if pos.dtype.kind not in "iu":
                raise TypeError(f"take: positions must be integers; received dtype {pos.dtype}")
            n = len(labels)
            bad = pos[(pos < -n) | (pos >= n)]
            if bad.size:
                raise IndexError(f"take: position {int(bad[0])} is out of bounds for {n} columns")
            return self._select_columns([labels[int(i)] for i in pos])  # type: ignore[attr-defined]
        if _binary.is_scalar(indices):
            raise TypeError(
                f"take: `indices` must be list-like; received {type(indices).__name__} {indices!r}"
            )
        if isinstance(indices, (list, tuple, range)):
            arr = np.asarray(indices)
            indices = arr.astype(np.int64) if arr.size == 0 else arr
        return self._take(indices)

    def _filter(self, mask: Any) -> Any:
        """Rows where the bool ``mask`` (array, Column or Series) is True."""
        m = _mask_array(mask, self)
        xp = _xp(m)
        # the positions once, then one gather per column: cheaper than a boolean mask per column
        pos = xp.nonzero(m)[0]
        new_index = self._index.take(pos)
        return self._from_data(_take_columns(self._data, pos), new_index)

    def _slice(self, start: int | None, stop: int | None, step: int | None = None) -> Any:
        s, e, st = slice(start, stop, step).indices(len(self))
        end: int | None = None if e < 0 else e  # a reversed slice that runs to the start
        return self._from_data(
            {k: c.slice(s, end, st) for k, c in self._data.items()}, self._index.slice(s, end, st)
        )

    def head(self, n: int = 5) -> Any:
        """The first ``n`` rows (all but the last ``-n`` when negative)."""
        return self._slice(None, n)

    def tail(self, n: int = 5) -> Any:
        """The last ``n`` rows (all but the first ``-n`` when negative)."""
        if n == 0:
            return self._slice(0, 0)
        return self._slice(-n, None)  # n < 0: all but the first -n rows

    def sample(
        self,
        n: int | None = None,
        frac: float | None = None,
        replace: bool = False,
        random_state: Any = None,
        ignore_index: bool = False,
    ) -> Any:
        """Random rows; with the same ``random_state`` the same rows as pandas."""
        if n is not None and frac is not None:
            raise ValueError("sample: pass `n` or `frac`, not both")
        total = len(self)
        if n is None:
            n = 1 if frac is None else round(frac * total)
        if n < 0:
            raise ValueError(f"sample: `n` must be non-negative; received {n}")
        if n > total and not replace:
            raise ValueError(
                f"sample: cannot take {n} rows out of {total} without replacement (replace=True)"
            )
        rs = pd.core.common.random_state(random_state)
        pos = rs.choice(total, size=n, replace=replace)
        out = self._take(np.asarray(pos, dtype=np.int64))
        return out.reset_index(drop=True) if ignore_index else out

    # -- element-wise --------------------------------------------------------------------
    def isna(self) -> Any:
        """True where a value is missing (null, NaN or NaT)."""
        return self._map_columns(lambda c: c.isnull())

    isnull = isna

    def notna(self) -> Any:
        return self._map_columns(lambda c: c.notnull())

    notnull = notna

    def abs(self) -> Any:
        return self._map_columns(lambda c: _binary.unary_op(c, "abs"))

    def __abs__(self) -> Any:
        return self.abs()

    def __neg__(self) -> Any:
        return self._map_columns(lambda c: _binary.unary_op(c, "neg"))

    def __invert__(self) -> Any:
        return self._map_columns(lambda c: _binary.unary_op(c, "invert"))

    def __pos__(self) -> Any:
        return self

    def round(self, decimals: int = 0) -> Any:
        """Values rounded to ``decimals`` (half to even, as NumPy and pandas)."""
        return self._map_columns(
            lambda c: (
                c
                if (c.is_encoded or c.dtype.kind in "mM")
                else _binary.unary_op(c, "round", decimals=decimals)
            )
        )

    def clip(self, lower: Any = None, upper: Any = None) -> Any:
        """Values limited to ``[lower, upper]`` (missing values stay missing)."""
        if all(_plain_clip(c, lower, upper) for c in self._data.values()):
            if lower is not None and upper is not None and lower > upper:
                lower, upper = upper, lower  # pandas swaps crossed bounds
            return self._map_columns(lambda c: c._replace(data=np.clip(c.data, lower, upper)))
        out = self
        if lower is not None:
            out = out.where((out >= lower) | out.isna(), lower)
        if upper is not None:
            out = out.where((out <= upper) | out.isna(), upper)
        return out

    def _scan(self, op: str, axis: Any = None, skipna: bool = True, **kwargs: Any) -> Any:
        if kwargs:
            raise NotImplementedError(f"{op}: argument(s) {sorted(kwargs)} are not supported")
        if axis in (1, "columns") and self.ndim == 2:  # type: ignore[attr-defined]
            raise NotImplementedError(f"{op}: axis=1 is not supported")
        if axis not in (None, 0, "index"):
            raise ValueError(f"{op}: `axis` must be 0, 'index' or None; received axis={axis!r}")
        return self._map_columns(lambda c: _scan.scan(c, op, skipna=skipna))

    def cumsum(self, axis: Any = None, skipna: bool = True, *args: Any, **kwargs: Any) -> Any:
        """Cumulative sum down each column (missing values skipped unless ``skipna=False``)."""
        return self._scan("cumsum", axis, skipna, **kwargs)

    def cumprod(self, axis: Any = None, skipna: bool = True, *args: Any, **kwargs: Any) -> Any:
        """Cumulative product down each column."""
        return self._scan("cumprod", axis, skipna, **kwargs)

    def cummin(self, axis: Any = None, skipna: bool = True, *args: Any, **kwargs: Any) -> Any:
        """Cumulative minimum down each column."""
        return self._scan("cummin", axis, skipna, **kwargs)

    def cummax(self, axis: Any = None, skipna: bool = True, *args: Any, **kwargs: Any) -> Any:
        """Cumulative maximum down each column."""
        return self._scan("cummax", axis, skipna, **kwargs)

    def shift(self, periods: int = 1, fill_value: Any = None) -> Any:
        return self._map_columns(lambda c: _scan.shift(c, periods, fill_value))

    def diff(self, periods: int = 1) -> Any:
        return self._map_columns(lambda c: _scan.diff(c, periods))

    def pct_change(self, periods: int = 1) -> Any:
        """``self / self.shift(periods) - 1`` (missing values are not filled, as pandas 3)."""
        return self / self.shift(periods) - 1

    def rolling(self, window: Any, min_periods: int | None = None, **kwargs: Any) -> Rolling:
        """Windows of ``window`` rows or of a time span (``"2s"``, ``on=``, ``closed=``,
        ``center=``): ``.sum() .mean() .min() .max() .std() .var() .count()``; see
        :class:`gpuframe._window.Rolling`."""
        return Rolling(self, window, min_periods, **kwargs)

    def expanding(self, min_periods: int = 1, **kwargs: Any) -> Expanding:
        """Row ``i`` reduces rows ``0..i``; see :class:`gpuframe._window.Expanding`."""
        return Expanding(self, min_periods, **kwargs)

    def ewm(self, com: Any = None, **kwargs: Any) -> ExponentialMovingWindow:
        """Exponentially weighted windows (``com=|span=|halflife=|alpha=``); see
        :class:`gpuframe._window.ExponentialMovingWindow`."""
        return ExponentialMovingWindow(self, com, **kwargs)

    def resample(self, rule: Any, **kwargs: Any) -> Any:
        """Time bins of a datetime index or ``on=`` column; see
        :class:`gpuframe._resample.Resampler`."""
        from ._resample import Resampler

        return Resampler(self, rule, **kwargs)

    def where(self, cond: Any, other: Any = None) -> Any:
        """Values where ``cond`` is True, ``other`` (default: missing) elsewhere."""
        return self._where(cond, other, invert=False)

    def mask(self, cond: Any, other: Any = None) -> Any:
        """Values where ``cond`` is False, ``other`` (default: missing) elsewhere."""
        return self._where(cond, other, invert=True)

    def _where(self, cond: Any, other: Any, invert: bool) -> Any:  # pragma: no cover
        raise NotImplementedError

    def astype(self, dtype: Any, copy: Any = None, errors: str = "raise") -> Any:
        """Columns cast to ``dtype`` (one dtype, or a dict label -> dtype).

        ``errors="ignore"`` keeps a column that cannot be cast as it is (pandas' rule).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2], "s": ["x", "1"]})
        >>> df.astype({"a": "float64", "s": "int64"}, errors="ignore").dtypes.astype(str).tolist()
        ['float64', 'str']
        """
        if errors not in ("raise", "ignore"):
            raise ValueError(
                f"astype: `errors` must be 'raise' or 'ignore'; received errors={errors!r}"
            )

        def cast(c: Column, to: Any) -> Column:
            if errors == "raise":
                return c.astype(to)
            try:
                return c.astype(to)
            except (ValueError, TypeError, OverflowError):
                return c

        if isinstance(dtype, dict):
            unknown = [k for k in dtype if k not in self._data]
            if unknown:
                raise KeyError(_missing_message(unknown, list(self._data)))
            return self._from_data(
                {k: (cast(c, dtype[k]) if k in dtype else c) for k, c in self._data.items()},
                self._index,
            )
        return self._map_columns(lambda c: cast(c, dtype))

    def copy(self, deep: bool = True) -> Any:
        out = self._map_columns(lambda c: c.copy(deep=deep))
        return out

    # -- memory --------------------------------------------------------------------------
    @property
    def nbytes(self) -> int:
        return sum(c.nbytes for c in self._data.values())

    def to_device(self, device: Any) -> Any:
        """The same frame on ``device`` ("cpu", "gpu"); no copy for columns already there."""
        out = self._map_columns(lambda c: c.to_device(device))
        return out


_THREADED_ROWS = 1 << 18


def _take_columns(data: dict[Any, Column], idx: Any) -> dict[Any, Column]:
    """Every column gathered at ``idx``; large NumPy gathers on the process's cores (NumPy
    releases the GIL in ``take``, and one core mostly waits on memory)."""
    from .backend import is_numpy

    cols = list(data.values())
    if len(cols) < 2 or idx.shape[0] < _THREADED_ROWS or not is_numpy(cols[0].xp):
        return {k: c.take(idx) for k, c in data.items()}
    import os
    from concurrent.futures import ThreadPoolExecutor

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    if cores < 2:
        return {k: c.take(idx) for k, c in data.items()}
    with ThreadPoolExecutor(max_workers=min(cores, len(cols))) as pool:
        taken = list(pool.map(lambda c: c.take(idx), cols))
    return dict(zip(data, taken))


def _plain_clip(col: Column, lower: Any, upper: Any) -> bool:
    """True when ``np.clip`` gives pandas' answer: a NumPy number column without a mask and
    number bounds its dtype holds (NaN stays NaN)."""
    from .backend import is_numpy

    d = col.dtype
    if col.is_encoded or col.mask is not None or not isinstance(d, np.dtype):
        return False
    if d.kind not in "iuf" or not is_numpy(col.xp):
        return False
    for b in (lower, upper):
        if b is None:
            continue
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, float, np.number)):
            return False
        if d.kind in "iu":
            if not isinstance(b, (int, np.integer)):
                return False
            info = np.iinfo(d)
            if not info.min <= b <= info.max:
                return False
        elif np.isnan(b):
            return False
    return True


def _xp(arr: Any) -> Any:
    from .backend import array_namespace

    return array_namespace(arr)


def _mask_array(mask: Any, frame: Frame) -> Any:
    from .series import Series

    if isinstance(mask, Series):
        if not mask.index.equals(frame.index):
            pos = np.asarray(mask.index.get_indexer(frame.index.to_pandas()))
            if (pos < 0).any():
                raise ValueError("boolean Series key: its index does not cover the frame's index")
            mask = mask._take(pos)
        col = mask._column
        if col.dtype != np.dtype(bool):
            raise TypeError(f"boolean mask must have dtype bool; received {col.dtype}")
        arr = col.data & col.mask if col.mask is not None else col.data
    elif isinstance(mask, Column):
        arr = mask.data
    else:
        if isinstance(mask, pd.Series):
            mask = mask.to_numpy()
        arr = asarray(np.asarray(mask) if isinstance(mask, list) else mask, device=frame.device)
    if arr.dtype != np.bool_:
        raise TypeError(f"boolean mask must have dtype bool; received {arr.dtype}")
    if arr.shape[0] != len(frame):
        raise ValueError(f"boolean mask has length {arr.shape[0]}; expected length {len(frame)}")
    return arr


def _missing_message(missing: list[Any], columns: list[Any]) -> str:
    if len(missing) == 1:
        return f"column {missing[0]!r} not found; columns: {columns}"
    return f"columns {missing} not found; columns: {columns}"


_ = (to_host, as_column)
