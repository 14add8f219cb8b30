"""A :class:`Series`: one :class:`~gpuframe.column.Column`, an index and a name."""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import dtypes as _dt
from ._breadth import SeriesBreadthMixin
from ._cleaning import CleaningMixin
from ._indexing import IndexingMixin
from ._interop import SeriesInteropMixin
from ._levels import LevelsMixin
from ._ops import OperatorMixin
from ._reductions import ReductionMixin
from ._repr import series_repr
from ._sorting import SortingMixin
from .backend import asarray, is_numpy, to_host
from .column import Column, _binary, _reduce, _unique, as_column, column_full
from .frame import Frame, align_indexes
from .index import BaseIndex, Index, RangeIndex, as_index

__all__ = ["Series"]


class Series(
    SeriesBreadthMixin,
    SeriesInteropMixin,
    OperatorMixin,
    ReductionMixin,
    LevelsMixin,
    SortingMixin,
    CleaningMixin,
    IndexingMixin,
    Frame,
):
    """One labelled column, like ``pandas.Series``, on the GPU or the CPU.

    Examples
    --------
    >>> s = Series([3, 1, None], name="x")
    >>> s.sum(), s.dtype
    (np.float64(4.0), dtype('float64'))
    >>> (s * 2).to_pandas().tolist()
    [6.0, 2.0, nan]
    """

    _column: Column
    name: Any

    def __init__(
        self,
        data: Any = None,
        index: Any = None,
        name: Any = None,
        dtype: Any = None,
        *,
        device: Any = None,
    ) -> None:
        if isinstance(data, Series):
            col, idx = data._column, data._index
            name = data.name if name is None else name
            if dtype is not None:
                col = col.astype(dtype)
            if index is not None:
                idx = as_index(index)
        elif isinstance(data, pd.Series):
            col = as_column(data, dtype=dtype, device=device)
            idx = as_index(data.index, device=device) if index is None else as_index(index)
            name = data.name if name is None else name
        elif isinstance(data, dict):
            keys = list(data.keys())
            col = as_column(list(data.values()), dtype=dtype, device=device)
            idx = as_index(pd.Index(keys), device=device) if index is None else as_index(index)
        elif (
            data is None
            or (_binary.is_scalar(data) and not isinstance(data, str))
            or (isinstance(data, str) and index is not None)
        ):
            n = 0 if index is None else len(index)
            if data is None:
                col = as_column(np.zeros(0)) if dtype is None else as_column([], dtype=dtype)
                if n:
                    from .column import column_empty

                    col = column_empty(n, "float64" if dtype is None else dtype, device=device)
            else:
                col = column_full(n, data, dtype, device=device)
            idx = RangeIndex(n) if index is None else as_index(index)
        else:
            col = as_column(data, dtype=dtype, device=device)
            idx = RangeIndex(len(col)) if index is None else as_index(index)
        if len(idx) != len(col):
            raise ValueError(
                f"Length of values ({len(col)}) does not match length of index ({len(idx)})"
            )
        self._column = col
        self._index = idx
        self.name = name

    # -- Frame plumbing ------------------------------------------------------------------
    from .groupby._methods import series_groupby as groupby  # type: ignore[misc]  # groupby/ package
    from .reshape._methods import (  # type: ignore[misc]
        explode,  # reshape/ package
        unstack,
    )

    @property
    def _data(self) -> dict[Any, Column]:
        return {self.name: self._column}

    def _from_data(self, data: dict[Any, Column], index: BaseIndex) -> Series:
        (col,) = data.values()
        return Series._from_column(col, index, self.name)

    @classmethod
    def _from_column(cls, col: Column, index: BaseIndex | None = None, name: Any = None) -> Series:
        out = object.__new__(cls)
        out._column = col
        out._index = RangeIndex(len(col)) if index is None else index
        out.name = name
        return out

    def _inplace(self, other: Series) -> None:
        self._column, self._index = other._column, other._index
        return None

    def _sort_columns(self, by: Any) -> list[Column]:
        return [self._column]

    # -- construction & conversion --------------------------------------------------------
    @classmethod
    def from_pandas(cls, s: pd.Series, *, device: Any = None) -> Series:
        return cls(s, device=device)

    @classmethod
    def from_arrow(cls, array: Any, *, device: Any = None) -> Series:
        return cls._from_column(Column.from_arrow(array, device=device))

    def to_pandas(self) -> pd.Series:
        """This series as a ``pandas.Series`` (nullable dtypes where the column has a mask)."""
        return self._column.to_pandas(index=self._index.to_pandas(), name=self.name)

    def to_arrow(self) -> pa.Array:
        return self._column.to_arrow()

    def to_numpy(self, dtype: Any = None, copy: bool = False, na_value: Any = None) -> np.ndarray:
        """A host NumPy array (no copy for a CPU column without nulls)."""
        if na_value is not None:
            return self.fillna(na_value).to_numpy(dtype=dtype, copy=copy)
        out = self._column.to_host_array()
        if dtype is not None:
            out = out.astype(dtype, copy=False)
        return out.copy() if copy else out

    def to_cupy(self) -> Any:
        """A CuPy array on the GPU (no copy when the column already lives there)."""
        import cupy

        col = self._column
        if col.is_encoded or (col.has_nulls and col.dtype.kind in "biu"):
            raise TypeError(f"to_cupy: dtype {col.dtype} with nulls has no CuPy array form")
        return cupy.asarray(asarray(col.data, device="gpu"))

    @property
    def values(self) -> np.ndarray:
        return self.to_numpy()

    def tolist(self) -> list[Any]:
        return self.to_pandas().tolist()

    to_list = tolist

    def to_dict(self) -> dict[Any, Any]:
        return self.to_pandas().to_dict()

    def to_frame(self, name: Any = None) -> Any:
        from .dataframe import DataFrame

        label = self.name if name is None else name
        label = 0 if label is None else label
        return DataFrame._from_columns({label: self._column}, self._index)

    # -- attributes ---------------------------------------------------------------------
    @property
    def dtype(self) -> Any:
        return self._column.dtype

    dtypes = dtype

    @property
    def shape(self) -> tuple[int]:
        return (len(self),)

    @property
    def ndim(self) -> int:
        return 1

    @property
    def size(self) -> int:
        return len(self)

    @property
    def column(self) -> Column:
        return self._column

    @property
    def str(self) -> Any:
        """String methods (``.str``), provided by :mod:`gpuframe.accessors`."""
        try:
            from .accessors import StringMethods
        except ImportError as e:  # pragma: no cover - depends on the accessors package
            raise AttributeError("the .str accessor is not available") from e
        return StringMethods(self)

    @property
    def dt(self) -> Any:
        """Datetime methods (``.dt``), provided by :mod:`gpuframe.accessors`."""
        try:
            from .accessors import dt_accessor
        except ImportError as e:  # pragma: no cover - depends on the accessors package
            raise AttributeError("the .dt accessor is not available") from e
        return dt_accessor(self)

    def memory_usage(self, index: bool = True, deep: bool = False) -> int:
        n = self._column.nbytes
        return n + (self._index.memory_usage_bytes if index else 0)

    def rename(self, index: Any = None) -> Series:
        """The series with a new name (a scalar), as pandas' ``Series.rename(name)``."""
        if callable(index) or isinstance(index, dict):
            raise NotImplementedError("rename: mapping the index labels is not supported")
        return Series._from_column(self._column, self._index, index)

    def drop(
        self, labels: Any = None, *, index: Any = None, errors: builtins.str = "raise"
    ) -> Series:
        """The series without the rows labelled ``labels`` (or ``index``)."""
        labels = index if labels is None else labels
        if labels is None:
            raise TypeError("drop: pass `labels` or `index`")
        wanted = list(labels) if isinstance(labels, (list, tuple, pd.Index)) else [labels]
        pos = np.asarray(self._index.get_indexer(wanted))
        if errors == "raise" and (pos < 0).any():
            missing = [lab for lab, p in zip(wanted, pos) if p < 0]
            raise KeyError(f"labels {missing} not found in the index")
        keep = np.ones(len(self), dtype=bool)
        keep[pos[pos >= 0]] = False
        return self._filter(keep)

    def reset_index(self, drop: bool = False, name: Any = None) -> Any:
        if drop:
            return Series._from_column(self._column, RangeIndex(len(self)), self.name)
        return self.to_frame(name).reset_index()

    def __repr__(self) -> builtins.str:
        return series_repr(self)

    def __iter__(self):
        return iter(self.to_pandas())

    def __bool__(self) -> bool:
        raise ValueError(
            "The truth value of a Series is ambiguous. Use a.empty, a.bool(), a.item(), "
            "a.any() or a.all()."
        )

    def __setitem__(self, key: Any, value: Any) -> None:
        """``s[mask] = v`` / ``s[labels] = v``: the series gets new values there."""
        self.loc[key] = value

    def __contains__(self, key: Any) -> bool:
        return key in self._index.to_pandas()

    def item(self) -> Any:
        if len(self) != 1:
            raise ValueError(f"item: the series has {len(self)} elements, expected 1")
        return self.to_pandas().item()

    # -- operators --------------------------------------------------------------------------
    def _binaryop(self, other: Any, op: builtins.str, *, reflect: bool = False) -> Any:
        from .dataframe import DataFrame

        if isinstance(other, DataFrame):
            return NotImplemented
        left, index = self._column, self._index
        name = self.name
        if isinstance(other, Series):
            index, li, ri = align_indexes(self._index, other._index)
            right: Any = other._column
            if li is not None:
                left = left.take(asarray(li, device=self.device), nullify=True)
                right = right.take(asarray(ri, device=self.device), nullify=True)
            name = self.name if self.name == other.name else None
        elif isinstance(other, (pd.Series, pd.Index)):
            return self._binaryop(
                Series(other)
                if isinstance(other, pd.Series)
                else Series(as_column(other), index=self._index),
                op,
                reflect=reflect,
            )
        elif isinstance(other, (list, np.ndarray, tuple)) or (
            hasattr(other, "__array__") and not _binary.is_scalar(other)
        ):
            right = as_column(other if not isinstance(other, tuple) else list(other))
            if len(right) != len(self):
                raise ValueError(
                    f"Lengths must match to compare or combine: {len(self)} and {len(right)}"
                )
        elif _binary.is_scalar(other):
            right = other
        else:
            return NotImplemented
        return Series._from_column(_binary.binary_op(left, right, op, reflect=reflect), index, name)

    def _where(self, cond: Any, other: Any, invert: bool) -> Series:
        c = cond._column if isinstance(cond, Series) else as_column(cond)
        if len(c) != len(self):
            raise ValueError(f"where: `cond` has length {len(c)}; expected {len(self)}")
        if c.dtype != np.dtype(bool):
            raise TypeError(f"where: `cond` must be bool; received {c.dtype}")
        arr = ~c.data if invert else c.data
        if c.mask is not None:  # a missing condition counts as False (pandas)
            arr = arr & c.mask
        o = other._column if isinstance(other, Series) else other
        return Series._from_column(_binary.where(self._column, arr, o), self._index, self.name)

    # -- reductions -----------------------------------------------------------------------
    def _reduce(
        self,
        op: builtins.str,
        *,
        axis: Any = 0,
        skipna: bool = True,
        numeric_only: bool = False,
        **kwargs: Any,
    ) -> Any:
        if axis not in (0, "index", None):
            raise ValueError(f"{op}: `axis` must be 0 for a Series; received {axis!r}")
        col = self._column
        if numeric_only and not _dt.is_numeric(col.dtype):
            raise TypeError(f"{op}: Series of dtype {col.dtype} with numeric_only=True")
        if op in ("idxmin", "idxmax"):
            pos = _reduce.reduce(col, "argmin" if op == "idxmin" else "argmax", skipna=skipna)
            if pos < 0:
                return np.nan
            return self._index.take(np.asarray([pos])).to_pandas()[0]
        unknown = set(kwargs) - {"min_count", "ddof", "q", "interpolation"}
        if unknown:
            raise NotImplementedError(f"{op}: argument(s) {sorted(unknown)} are not supported")
        return _reduce.reduce(col, op, skipna=skipna, **kwargs)

    def describe(self, percentiles: Any = None) -> Series:
        from .dataframe import DataFrame

        return (
            DataFrame._from_columns({self.name: self._column}, self._index)
            .describe(percentiles=percentiles)[self.name if self.name is not None else 0]
            .rename(self.name)
        )

    def value_counts(
        self,
        normalize: bool = False,
        sort: bool = True,
        ascending: bool = False,
        dropna: bool = True,
    ) -> Series:
        """Counts of distinct values, most frequent first (name ``count``).

        Examples
        --------
        >>> Series(["a", "b", "a", None]).value_counts().to_pandas().to_dict()
        {'a': 2, 'b': 1}
        """
        if _dt.is_categorical(self.dtype):
            keys, counts = _categorical_counts(self._column, dropna)
        else:
            keys, cnt = _unique.value_counts(self._column, dropna=dropna)
            counts = Column._from_parts(cnt)
        if ascending:
            order = _sort_ascending_stable(cnt)
            keys, counts = keys.take(order), counts.take(order)
        name = "count"
        if normalize:
            xp = counts.xp
            total = xp.sum(counts.data) if len(counts) else 1
            counts = Column._from_parts(counts.data / total)
            name = "proportion"
        if self._column.mask is not None:  # pandas: counts of a masked array are masked
            counts = counts.astype(_dt.to_pandas_dtype(counts.dtype, nullable=True))
        return Series._from_column(counts, Index(keys, name=self.name), name)

    def unique(self) -> Series:
        """Distinct values in order of appearance (a Series, as cuDF; pandas gives an array)."""
        return Series._from_column(_unique.unique(self._column), None, self.name)

    def isin(self, values: Any) -> Series:
        return Series._from_column(_unique.isin(self._column, values), self._index, self.name)

    def between(self, left: Any, right: Any, inclusive: builtins.str = "both") -> Series:
        """True where ``left <= value <= right`` (``inclusive``: both, neither, left, right)."""
        ops = {
            "both": ("ge", "le"),
            "neither": ("gt", "lt"),
            "left": ("ge", "lt"),
            "right": ("gt", "le"),
        }
        if inclusive not in ops:
            raise ValueError(
                f"between: `inclusive` must be one of {list(ops)}; received {inclusive!r}"
            )
        fused = _binary.between(self._column, left, right, inclusive)  # one pass when it can
        if fused is not None:
            return Series._from_column(fused, self._index, self.name)
        lo, hi = ops[inclusive]
        return self._binaryop(left, lo) & self._binaryop(right, hi)

    def map(self, arg: Any, na_action: Any = None) -> Series:
        """Values mapped through a dict or a Series (missing keys give missing values)."""
        if callable(arg) and not isinstance(arg, (dict, Series, pd.Series)):
            raise NotImplementedError("map: a Python callable is not supported; pass a dict/Series")
        if isinstance(arg, dict):
            mapping = pd.Series(arg)
            if not len(arg):
                mapping = pd.Series(arg, dtype="float64")
        elif isinstance(arg, Series):
            mapping = arg.to_pandas()
        elif isinstance(arg, pd.Series):
            mapping = arg
        else:
            raise TypeError(f"map: `arg` must be a dict or Series; received {type(arg).__name__}")
        if not mapping.index.is_unique:
            raise ValueError("map: the mapping's keys must be unique")
        keys = Series(mapping.index.to_series(index=None).reset_index(drop=True))
        pos = _lookup_positions(self._column, keys._column)
        values = as_column(mapping.reset_index(drop=True))
        out = values.take(pos, nullify=True)
        return Series._from_column(out, self._index, self.name)

    def corr(self, other: Series, method: builtins.str = "pearson") -> Any:
        from .dataframe import DataFrame

        df = DataFrame({"a": self, "b": other})
        return df.corr(method=method).iloc[0, 1]

    def cov(self, other: Series, ddof: int = 1) -> Any:
        from .dataframe import DataFrame

        df = DataFrame({"a": self, "b": other})
        return df.cov(ddof=ddof).iloc[0, 1]

    def nlargest(self, n: int = 5, keep: builtins.str = "first") -> Series:
        return self._n_extreme(n, None, keep, largest=True)

    def nsmallest(self, n: int = 5, keep: builtins.str = "first") -> Series:
        return self._n_extreme(n, None, keep, largest=False)

    def searchsorted(self, value: Any, side: builtins.str = "left", sorter: Any = None) -> Any:
        """Positions where ``value`` would go to keep this (sorted) series sorted.

        As pandas: an int for a scalar ``value``, else a host NumPy int array.

        Examples
        --------
        >>> s = Series([1, 3, 3, 7])
        >>> int(s.searchsorted(3)), s.searchsorted([3, 8], side="right").tolist()
        (1, [3, 4])
        """
        from .column import _sort

        scalar = _binary.is_scalar(value) or isinstance(value, builtins.str)
        if isinstance(value, (Series, Index)):
            values = value._column
        elif isinstance(value, BaseIndex):
            values = value._columns()[0]
        elif scalar:
            values = as_column([value], dtype=None)
        else:
            values = as_column(value)
        if sorter is not None:
            sorter = asarray(np.asarray(to_host(sorter), dtype=np.int64), device=self.device)
        pos = to_host(_sort.searchsorted(self._column, values, side=side, sorter=sorter))
        return np.intp(pos[0]) if scalar else pos.astype(np.intp)

    @property
    def _constructor(self) -> type[Series]:
        """The class of a one-dimensional result (pandas' subclassing hook)."""
        return Series

    @property
    def _constructor_expanddim(self) -> Any:
        """The class of a two-dimensional result (pandas' subclassing hook)."""
        from .dataframe import DataFrame

        return DataFrame

    def argsort(self) -> Series:
        from .column import _sort

        return Series._from_column(as_column(_sort.argsort([self._column])), self._index)


def _categorical_counts(col: Column, dropna: bool) -> tuple[Column, Column]:
    """Counts of every category (zeros too), most frequent first, as pandas."""
    from .backend import get_kernels  # type: ignore[misc]

    xp = col.xp
    k = len(col.categories)
    codes = col.data
    if is_numpy(xp):  # one counting pass
        from .column._lookup_kernels import code_counts

        both = code_counts(codes, k)
        counts, n_null = both[1:], int(both[0])
    else:
        valid = codes >= 0
        counts = get_kernels(xp).bincount(codes[valid].astype(xp.int64), minlength=k)
        n_null = int(xp.sum(~valid))
    cat_codes = xp.arange(k, dtype=xp.int32)
    if not dropna and n_null:
        counts = xp.concat([counts, xp.asarray([n_null], dtype=counts.dtype)])
        cat_codes = xp.concat([cat_codes, xp.asarray([-1], dtype=xp.int32)])
    order = xp.argsort(-counts, stable=True)
    keys = col._replace(data=cat_codes[order])
    return keys, Column._from_parts(counts[order].astype(xp.int64))


def _sort_ascending_stable(cnt: Any) -> Any:
    from .backend import array_namespace  # type: ignore[misc]

    xp = array_namespace(cnt)
    return xp.argsort(cnt, stable=True)


def _lookup_positions(col: Column, keys: Column) -> Any:
    """For each row of ``col`` the position of its value in ``keys`` (-1 when absent)."""
    from .column import concat_columns  # type: ignore[misc]

    xp = col.xp
    n = len(col)
    if (
        not _dt.is_string(col.dtype)
        and not _dt.is_string(keys.dtype)
        and not (col.is_encoded or keys.is_encoded)
    ):
        try:
            res = np.result_type(col.dtype, keys.dtype)
        except TypeError:
            return xp.full(n, -1, dtype=xp.int64)
        if is_numpy(xp) and col.mask is None and keys.mask is None:  # small int keys: a table
            from .column._lookup_kernels import dense_positions

            pos = dense_positions(col.data, keys.data)
            if pos is not None:
                return pos
        col = col.astype(res)
        keys = keys.astype(res)
    elif col.is_encoded != keys.is_encoded or type(col.dtype) is not type(keys.dtype):
        if _dt.is_categorical(col.dtype):
            col = col.astype(
                col.dtype.categories.dtype if not pa.types.is_string(col.categories.type) else "str"
            )
            return _lookup_positions(col, keys)
        return xp.full(n, -1, dtype=xp.int64)
    both = concat_columns([col, keys])
    codes, ng = _unique.factorize([both])
    row_codes, key_codes = codes[:n], codes[n:]
    table = xp.full(ng + 1, -1, dtype=xp.int64)
    table[key_codes] = xp.arange(len(keys), dtype=xp.int64)
    out = table[row_codes]
    null = col.null_array()
    key_null = keys.null_array()
    if bool(xp.any(key_null)) and bool(xp.any(null)):
        return out
    return xp.where(null, xp.asarray(-1, dtype=xp.int64), out)


_ = to_host
