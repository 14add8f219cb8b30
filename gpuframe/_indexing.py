"""Label and position selection: ``loc``, ``iloc``, ``at``, ``iat`` and ``reindex``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .backend import asarray, to_host
from .column import Column

__all__ = ["IndexingMixin"]


def _is_bool_key(key: Any) -> bool:
    from .series import Series

    if isinstance(key, Series):
        return key.dtype == np.dtype(bool)
    if isinstance(key, (list, tuple)) and key and all(isinstance(k, (bool, np.bool_)) for k in key):
        return True
    dtype = getattr(key, "dtype", None)
    return dtype is not None and getattr(dtype, "kind", "") == "b" and not np.isscalar(key)


def _is_list_like(key: Any) -> bool:
    from .series import Series

    return isinstance(key, (list, np.ndarray, pd.Index, pd.Series, Series, Column)) or (
        hasattr(key, "__array__") and not np.isscalar(key) and not isinstance(key, tuple)
    )


def _label_positions(frame: Any, labels: Any) -> np.ndarray:
    """Positions of list-like ``labels`` in the frame's index; KeyError names the missing."""
    from .series import Series

    if isinstance(labels, Series):
        labels = labels.to_pandas().to_numpy()
    pos = np.asarray(frame._index.get_indexer(labels))
    if (pos < 0).any():
        missing = [lab for lab, p in zip(list(labels), pos) if p < 0]
        raise KeyError(f"labels {missing} not found in the index")
    return pos


def _range_label_slice(index: Any, key: slice) -> slice | None:
    """Positions of the labels ``key.start..key.stop`` (both included) of an ascending
    RangeIndex with step 1, by arithmetic; None for any other index or key."""
    from .index import RangeIndex

    if not isinstance(index, RangeIndex) or index.step != 1 or key.step not in (None, 1):
        return None
    ends = (key.start, key.stop)
    if not all(
        v is None or (isinstance(v, (int, np.integer)) and not isinstance(v, bool)) for v in ends
    ):
        return None
    n = len(index)
    lo = 0 if key.start is None else min(max(int(key.start) - index.start, 0), n)
    hi = n if key.stop is None else min(max(int(key.stop) - index.start + 1, 0), n)
    return slice(lo, hi, None)


def _row_selection(frame: Any, key: Any) -> tuple[Any, bool]:
    """(the selected rows, whether a single row was asked for by a scalar label)."""
    if isinstance(key, slice):
        if key.start is None and key.stop is None and key.step is None:
            return frame, False
        sl = _range_label_slice(frame._index, key)
        if sl is None:
            sl = frame._index.to_pandas().slice_indexer(key.start, key.stop, key.step)
        return frame._slice(sl.start, sl.stop, sl.step), False
    if _is_bool_key(key):
        return frame._filter(key), False
    if _is_list_like(key):
        return frame._take(_label_positions(frame, key)), False
    loc = frame._index.get_loc(key)
    if isinstance(loc, (int, np.integer)):
        return frame._take(np.asarray([loc], dtype=np.int64)), True
    if isinstance(loc, slice):
        return frame._slice(loc.start, loc.stop, loc.step), False
    return frame._filter(np.asarray(loc)), False


def _iloc_rows(frame: Any, key: Any) -> tuple[Any, bool]:
    if isinstance(key, slice):
        return frame._slice(key.start, key.stop, key.step), False
    if isinstance(key, (int, np.integer)):
        n = len(frame)
        if not -n <= key < n:
            raise IndexError(f"iloc: position {key} is out of bounds for length {n}")
        return frame._take(np.asarray([key % n], dtype=np.int64)), True
    if _is_bool_key(key):
        return frame._filter(key), False
    if _is_list_like(key):
        if isinstance(key, Column):
            return frame._take(key.data), False
        return frame._take(np.asarray(key, dtype=np.int64) if isinstance(key, list) else key), False
    raise TypeError(f"iloc: cannot index with {type(key).__name__} {key!r}")


def _scalar_of(frame: Any) -> Any:
    """The only value of a one-row Series, as pandas returns it."""
    return frame.to_pandas().iloc[0]


class _LocIndexer:
    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def __getitem__(self, key: Any) -> Any:
        frame = self._frame
        from .dataframe import DataFrame

        if isinstance(frame, DataFrame):
            rows, cols = key if isinstance(key, tuple) and len(key) == 2 else (key, slice(None))
            sub = frame._select_columns_by_label(cols)
            out, single = _row_selection(sub, rows)
            if single:
                if isinstance(out, DataFrame):
                    return _row_as_series(out)
                return _scalar_of(out)
            return out
        out, single = _row_selection(frame, key)
        return _scalar_of(out) if single else out

    def __setitem__(self, key: Any, value: Any) -> None:
        frame = self._frame
        from .dataframe import DataFrame

        rows, col = key if isinstance(key, tuple) else (key, None)
        n = len(frame)
        if isinstance(rows, slice) and rows == slice(None):
            mask = np.ones(n, dtype=bool)
        elif _is_bool_key(rows):
            from .frame import _mask_array

            mask = _mask_array(rows, frame)
        else:
            positions = _label_positions(frame, rows if _is_list_like(rows) else [rows])
            mask = np.zeros(n, dtype=bool)
            mask[positions] = True
        if isinstance(frame, DataFrame):
            if col is None:
                raise NotImplementedError("loc assignment needs a column: df.loc[rows, col] = v")
            frame._set_rows(col, mask, value)
        else:
            frame._inplace(frame.where(~asarray(mask, device=frame.device), value))


class _ILocIndexer:
    def __init__(self, frame: Any) -> None:
        self._frame = frame

    def __getitem__(self, key: Any) -> Any:
        frame = self._frame
        from .dataframe import DataFrame

        if isinstance(frame, DataFrame):
            rows, cols = key if isinstance(key, tuple) and len(key) == 2 else (key, slice(None))
            labels = list(frame._data)
            if isinstance(cols, (int, np.integer)):
                sub = frame[labels[cols]]
            else:
                picked = (
                    labels[cols]
                    if isinstance(cols, slice)
                    else (
                        [lab for lab, keep in zip(labels, cols) if keep]
                        if _is_bool_key(cols)
                        else [labels[i] for i in cols]
                    )
                )
                sub = frame._select_columns(picked)
            out, single = _iloc_rows(sub, rows)
            if single:
                return _scalar_of(out) if not isinstance(out, DataFrame) else _row_as_series(out)
            return out
        out, single = _iloc_rows(frame, key)
        return _scalar_of(out) if single else out

    def __setitem__(self, key: Any, value: Any) -> None:
        frame = self._frame
        from .dataframe import DataFrame

        rows, col = key if isinstance(key, tuple) else (key, None)
        n = len(frame)
        mask = np.zeros(n, dtype=bool)
        mask[np.arange(n)[rows] if not _is_bool_key(rows) else np.asarray(rows)] = True
        if isinstance(frame, DataFrame):
            if col is None:
                raise NotImplementedError("iloc assignment needs a column: df.iloc[rows, j] = v")
            frame._set_rows(list(frame._data)[col], mask, value)
        else:
            frame._inplace(frame.where(~asarray(mask, device=frame.device), value))


def _row_as_series(one_row: Any) -> Any:
    """One row as a Series (pandas infers its dtype); a row of mixed types that no gpuframe
    dtype holds (object) comes back as the pandas Series."""
    from .series import Series

    row = one_row.to_pandas().iloc[0]
    try:
        return Series(row)
    except TypeError:
        return row


class IndexingMixin:
    """``loc``, ``iloc``, ``at``, ``iat``, ``reindex`` and Series ``[]``."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide

        def __getattr__(self, name: str) -> Any: ...

    @property
    def loc(self) -> _LocIndexer:
        """Selection by label: scalars, label slices (both ends included), lists, masks.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"v": [10, 20, 30]}, index=["x", "y", "z"])
        >>> df.loc["y":"z", "v"].to_pandas().tolist()
        [20, 30]
        >>> int(df.loc["x", "v"])
        10
        """
        return _LocIndexer(self)

    @property
    def iloc(self) -> _ILocIndexer:
        """Selection by position: ints, slices, lists of ints, masks.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0]})
        >>> df.iloc[[2, 0], 1].to_pandas().tolist()
        [6.0, 4.0]
        """
        return _ILocIndexer(self)

    at = loc
    iat = iloc

    def reindex(self, index: Any = None, *, columns: Any = None, fill_value: Any = None) -> Any:
        """Rows (and, for a DataFrame, columns) conformed to new labels; new ones missing."""
        out = self
        if columns is not None:
            out = out._reindex_columns(columns, fill_value)  # type: ignore[attr-defined]
        if index is None:
            return out
        from .index import as_index

        new_index = as_index(index if not isinstance(index, list) else pd.Index(index))
        if new_index.nlevels == 1 and new_index.name is None and out._index.nlevels == 1:  # type: ignore[attr-defined]
            new_index = new_index.rename(out._index.name)  # type: ignore[attr-defined]
        pos = np.asarray(out._index.get_indexer(new_index.to_pandas()))  # type: ignore[attr-defined]
        idx = asarray(pos.astype(np.int64), device=out.device)  # type: ignore[attr-defined]
        data = {k: c.take(idx, nullify=True) for k, c in out._data.items()}  # type: ignore[attr-defined]
        res = out._from_data(data, new_index)  # type: ignore[attr-defined]
        if fill_value is not None and (pos < 0).any():
            res = res.fillna(fill_value)
        return res

    def reindex_like(self, other: Any) -> Any:
        return self.reindex(other.index)

    def __getitem__(self, key: Any) -> Any:
        """Series selection: a label gives a scalar; slices, lists and masks give a Series."""
        if isinstance(key, slice):
            if isinstance(key.start, (int, type(None))) and isinstance(key.stop, (int, type(None))):
                return self._slice(key.start, key.stop, key.step)  # type: ignore[attr-defined]
            return self.loc[key]
        if _is_bool_key(key):
            return self._filter(key)  # type: ignore[attr-defined]
        if _is_list_like(key):
            return self.loc[key]
        return self.loc[key]


_ = to_host
