"""The immutable :class:`Column`: a 1-D device array, an optional validity mask and a dtype."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa

from .. import dtypes as _dt
from ..backend import array_device, array_namespace, asarray, is_numpy, to_host
from ..backend._device import Device
from ..backend._parallel import apply as _par_apply
from . import _strings
from ._gather_kernels import take_1d

__all__ = ["Column", "NAT", "null_value", "temporal_data"]

NAT = np.iinfo(np.int64).min


def temporal_data(ticks: Any, dtype: Any) -> Any:
    """Device data of a datetime64/timedelta64 column from its int64 ``ticks``.

    NumPy keeps datetime64/timedelta64 arrays; a device library without those dtypes (CuPy)
    keeps the int64 ticks, and the column's ``dtype`` says what they mean.
    """
    if isinstance(ticks, np.ndarray):
        return ticks.view(dtype)
    return ticks


def null_value(dtype: Any) -> Any:
    """The value a null slot holds in ``data`` for ``dtype``."""
    if _dt.is_string(dtype) or _dt.is_categorical(dtype):
        return -1
    kind = dtype.kind
    if kind == "f":
        return np.nan
    if kind in "mM":
        return np.array("NaT", dtype=dtype)
    if kind == "b":
        return False
    return 0


class Column:
    """An immutable 1-D column; build it with the factories, never with ``Column(...)``.

    Attributes
    ----------
    data : device array
        Values (numbers, datetime64/timedelta64 ticks) or int32 codes for ``str`` and
        ``category`` columns.
    mask : device bool array or None
        ``True`` where the value is valid. Only bool, integer and float columns carry one;
        its presence makes the column *nullable* (pandas' ``Int64``, ``boolean``,
        ``Float64`` on :meth:`to_pandas`).
    dtype : numpy dtype, :class:`gpuframe.dtypes.StringDtype` or ``CategoricalDtype``.
    categories : pyarrow.Array or None
        For ``str``: the sorted distinct values (a host ``pyarrow.StringArray``); for
        ``category``: the categories in pandas' order.
    """

    __slots__ = ("__dict__", "_categories", "_data", "_dtype", "_mask")
    _data: Any
    _mask: Any
    _dtype: Any
    _categories: Any  # pyarrow.Array or None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(
            "Column is built through factories: as_column, column_empty, "
            "Column.from_arrow, Column.from_pandas"
        )

    @classmethod
    def _from_parts(
        cls, data: Any, mask: Any = None, dtype: Any = None, categories: pa.Array | None = None
    ) -> Column:
        """Internal constructor; the parts are already valid and consistent."""
        self = object.__new__(cls)
        if (
            dtype is not None
            and getattr(dtype, "kind", "x") in "mM"
            and data.dtype.kind in "mM"
            and not isinstance(data, np.ndarray)
        ):
            data = data.view(np.int64)  # a device library keeps int64 ticks, not datetime64
        self._data = data
        self._mask = mask
        self._dtype = data.dtype if dtype is None else dtype
        self._categories = categories
        return self

    # ------------------------------------------------------------------ properties
    @property
    def data(self) -> Any:
        return self._data

    @property
    def mask(self) -> Any:
        return self._mask

    @property
    def dtype(self) -> Any:
        return self._dtype

    @property
    def categories(self) -> Any:
        return self._categories

    dictionary = categories

    @property
    def codes(self) -> Any:
        """The int32 codes of a ``str`` or ``category`` column (-1 = null)."""
        if not self.is_encoded:
            raise TypeError(f"codes: column of dtype {self.dtype} has no codes")
        return self._data

    @property
    def is_encoded(self) -> bool:
        return _dt.is_string(self._dtype) or _dt.is_categorical(self._dtype)

    @property
    def nullable(self) -> bool:
        """True when the column carries a validity mask (pandas' masked dtypes)."""
        return self._mask is not None

    @cached_property
    def xp(self) -> Any:
        return array_namespace(self._data)

    @property
    def device(self) -> Device:
        return array_device(self._data)

    def __len__(self) -> int:
        return int(self._data.shape[0])

    @property
    def size(self) -> int:
        return len(self)

    @property
    def nbytes(self) -> int:
        n = int(self._data.nbytes)
        if self._mask is not None:
            n += int(self._mask.nbytes)
        if self._categories is not None:
            n += int(self._categories.nbytes)
        return n

    # ------------------------------------------------------------------ nulls
    def null_array(self) -> Any:
        """Device bool array, ``True`` where the value is missing (null, NaN or NaT)."""
        xp, data, d = self.xp, self._data, self._dtype
        if is_numpy(xp):  # large columns on the process's cores
            if self.is_encoded:
                return _par_apply(np.less, data, 0)
            if d.kind == "f":
                return _par_apply(np.isnan, data)
            if d.kind in "mM":
                return _par_apply(np.equal, data.view(np.int64), NAT)
        if self.is_encoded:
            return data < 0
        if d.kind == "f":
            return xp.isnan(data)
        if d.kind in "mM":
            return data.view(np.int64) == NAT
        if self._mask is not None:
            return ~self._mask
        return xp.zeros(data.shape, dtype=xp.bool)

    def valid_array(self) -> Any:
        """Device bool array, ``True`` where the value is present."""
        return ~self.null_array()

    @cached_property
    def null_count(self) -> int:
        if self._dtype.kind in "biu" and self._mask is None:
            return 0
        return int(self.xp.sum(self.null_array()))

    @property
    def has_nulls(self) -> bool:
        return self.null_count > 0

    def isnull(self) -> Column:
        """A bool column, ``True`` where the value is missing (pandas' ``isna``).

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> as_column([1.0, None]).isnull().to_pandas().tolist()
        [False, True]
        """
        return Column._from_parts(self.null_array())

    isna = isnull

    def notnull(self) -> Column:
        return Column._from_parts(self.valid_array())

    notna = notnull

    def _with_nulls(self, null: Any) -> Column:
        """This column with the slots where ``null`` is True made missing (pandas' rules)."""
        xp, d = self.xp, self._dtype
        if self.is_encoded:
            return self._replace(data=xp.where(null, xp.asarray(-1, dtype=xp.int32), self._data))
        if d.kind == "f":
            data = xp.where(null, xp.asarray(np.nan, dtype=d), self._data)
            return self._replace(data=data)
        if d.kind in "mM":
            ticks = xp.where(null, xp.asarray(NAT, dtype=xp.int64), self._data.view(np.int64))
            return self._replace(data=temporal_data(ticks, d))
        valid = ~null if self._mask is None else (self._mask & ~null)
        data = xp.where(valid, self._data, xp.zeros((), dtype=self._data.dtype))
        return self._replace(data=data, mask=valid)

    def _replace(self, **parts: Any) -> Column:
        base = {
            "data": self._data,
            "mask": self._mask,
            "dtype": self._dtype,
            "categories": self._categories,
        }
        base.update(parts)
        if "data" in parts and "dtype" not in parts and not self.is_encoded:
            new = parts["data"].dtype
            temporal_ticks = self._dtype.kind in "mM" and new.kind in "mMi" and new.itemsize == 8
            base["dtype"] = self._dtype if temporal_ticks else new
        return Column._from_parts(**base)

    # ------------------------------------------------------------------ selection
    def take(self, indices: Any, *, nullify: bool = False) -> Column:
        """Rows at ``indices`` (an int array or Column); ``nullify``: -1 gives a null row.

        A non-nullable integer column that gains nulls becomes float64 (as pandas'
        ``reindex``); bool becomes nullable.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> as_column([10, 20, 30]).take([2, 0]).to_pandas().tolist()
        [30, 10]
        """
        xp = self.xp
        idx = _index_array(indices, self)
        if not nullify:
            if is_numpy(xp) and idx.ndim == 1:  # np.take: ~4x faster than fancy indexing
                data = _take_codes(self, idx)
                mask = None if self._mask is None else take_1d(self._mask, idx)
            else:
                data = self._data[idx]
                mask = None if self._mask is None else self._mask[idx]
            return self._replace(data=data, mask=mask)
        if len(self) and idx.shape[0] and int(xp.min(idx)) >= 0:  # no -1: a plain gather
            return self.take(idx)
        miss = idx < 0
        safe = xp.where(miss, xp.zeros((), dtype=idx.dtype), idx)
        if len(self) == 0:
            if idx.shape[0] == 0:
                return self
            out = column_full_null(int(idx.shape[0]), self, xp)
            return out
        out = self.take(safe)
        if not bool(xp.any(miss)):
            return out
        if self._dtype.kind in "iu" and self._mask is None:
            out = out.astype(np.dtype("float64"))
        return out._with_nulls(miss)

    def filter(self, mask: Any) -> Column:
        """Rows where the bool ``mask`` (array or Column) is True."""
        m = mask.data if isinstance(mask, Column) else mask
        m = asarray(m, device=self.device)
        if m.dtype != np.bool_:
            raise TypeError(f"filter: `mask` must be bool; received dtype {m.dtype}")
        if m.shape != self._data.shape:
            raise ValueError(f"filter: `mask` has length {m.shape[0]}, column has {len(self)}")
        data = self._data[m]
        return self._replace(data=data, mask=None if self._mask is None else self._mask[m])

    apply_boolean_mask = filter

    def slice(self, start: int | None = None, stop: int | None = None, step: int = 1) -> Column:
        """Rows ``start:stop:step`` (views of the same device memory)."""
        sl = slice(start, stop, step)
        mask = None if self._mask is None else self._mask[sl]
        return Column._from_parts(self._data[sl], mask, self._dtype, self._categories)

    def copy(self, deep: bool = True) -> Column:
        if not deep:
            return self._replace()
        xp = self.xp
        return self._replace(
            data=xp.asarray(self._data, copy=True),
            mask=None if self._mask is None else xp.asarray(self._mask, copy=True),
        )

    def to_device(self, device: str | Device) -> Column:
        """The same column on ``device`` (no copy when it is already there)."""
        data = self._data
        if self._dtype.kind in "mM" and not self.is_encoded:
            data = temporal_data(asarray(data.view(np.int64), device=device), self._dtype)
        else:
            data = asarray(data, device=device)
        return self._replace(
            data=data,
            mask=None if self._mask is None else asarray(self._mask, device=device),
        )

    # ------------------------------------------------------------------ conversion
    def fillna(self, value: Any) -> Column:
        """Missing values replaced by the scalar ``value`` (or a Column of the same length)."""
        from ._cast import fillna

        return fillna(self, value)

    def astype(self, dtype: Any, *, nullable: bool | None = None) -> Column:
        """The column cast to ``dtype`` (any name :func:`gpuframe.dtypes.dtype` takes).

        ``nullable`` (default: whether ``dtype`` is a pandas nullable name like ``"Int64"``)
        says whether a bool/int/float result carries a mask.
        """
        from ._cast import astype

        return astype(self, dtype, nullable=nullable)

    def host_data(self) -> np.ndarray:
        """``data`` in host memory, with datetime64/timedelta64 ticks viewed as such."""
        host = to_host(self._data)
        if not self.is_encoded and self._dtype.kind in "mM" and host.dtype != self._dtype:
            host = host.view(np.int64).view(self._dtype)
        return host

    def to_host_array(self) -> np.ndarray:
        """A NumPy array of the values, as pandas' ``Series.to_numpy()``.

        Integer and bool columns with nulls give float64 (NaN) and object (None) arrays;
        strings give an object array with NaN for null.
        """
        if self.is_encoded or _dt.is_tz_aware(self._dtype):  # tz-aware: Timestamps, as pandas
            return self.to_pandas().to_numpy()
        data = self.host_data()
        if self._mask is None or self._dtype.kind == "f":
            return data
        if not self.has_nulls:
            return data
        valid = to_host(self._mask)
        if self._dtype.kind == "b":
            out = data.astype(object)
            out[~valid] = None
            return out
        out = data.astype(np.float64)
        out[~valid] = np.nan
        return out

    def to_arrow(self) -> pa.Array:
        """This column as a host ``pyarrow.Array`` (nulls as Arrow nulls, NaN as null).

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> as_column(["b", None]).to_arrow().to_pylist()
        ['b', None]
        """
        from ._convert import to_arrow

        return to_arrow(self)

    def to_pandas(self, *, index: Any = None, name: Any = None) -> Any:
        """This column as a ``pandas.Series`` (nullable dtypes where the column has a mask)."""
        from ._convert import to_pandas

        return to_pandas(self, index=index, name=name)

    @classmethod
    def from_arrow(cls, array: Any, *, device: str | Device | None = None) -> Column:
        """A column from a ``pyarrow.Array``/``ChunkedArray`` (one copy to the device)."""
        from ._convert import from_arrow

        return from_arrow(array, device=device)

    @classmethod
    def from_pandas(cls, obj: Any, *, device: str | Device | None = None) -> Column:
        """A column from a pandas Series, Index or array."""
        from ._convert import from_pandas

        return from_pandas(obj, device=device)

    def equals(self, other: Column) -> bool:
        """True when both columns hold the same values, nulls and dtype."""
        if not isinstance(other, Column) or len(self) != len(other):
            return False
        if self._dtype != other._dtype or type(self._dtype) is not type(other._dtype):
            return False
        return bool(self.to_arrow().equals(other.to_arrow()))

    def __repr__(self) -> str:
        return (
            f"<Column dtype={self._dtype} length={len(self)} nulls={self.null_count} "
            f"device={self.device}>"
        )

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = self.to_host_array()
        return out if dtype is None else out.astype(dtype)

    # ------------------------------------------------------------------ dictionary helpers
    def _decode_host(self) -> pa.Array:
        """The values of an encoded column as a host Arrow array."""
        codes = to_host(self._data)
        return _strings.decode(codes, self._categories)


def _take_codes(col: Column, idx: Any) -> Any:
    """``np.take`` of a NumPy column; dictionary codes of few categories are gathered as
    int8/int16 (a gather moves whole cache lines: 4x/2x more codes per line)."""
    data = col._data
    cats = col._categories
    few = idx.shape[0] < 1 << 16 or 2 * idx.shape[0] < data.shape[0]  # narrowing costs a pass
    if few or cats is None or data.dtype != np.int32 or not col.is_encoded:
        return take_1d(data, idx)
    k = len(cats)
    narrow = np.int8 if k < 127 else (np.int16 if k < 32767 else None)
    if narrow is None:
        return take_1d(data, idx)
    return take_1d(data.astype(narrow), idx).astype(np.int32)


def _index_array(indices: Any, col: Column) -> Any:
    if isinstance(indices, Column):
        indices = indices.data
    if isinstance(indices, (list, tuple, range)):
        indices = np.asarray(indices, dtype=np.int64)
    idx = asarray(indices, device=col.device)
    if idx.dtype.kind not in "iu":
        raise TypeError(f"take: `indices` must be integers; received dtype {idx.dtype}")
    return idx


def column_full_null(n: int, like: Column, xp: Any) -> Column:
    """``n`` missing values of the dtype of ``like`` (ints become float64 as in pandas)."""
    d = like.dtype
    if like.is_encoded:
        return like._replace(data=xp.full(n, -1, dtype=xp.int32), mask=None)
    if d.kind in "iu" and like.mask is None:
        d = np.dtype("float64")
    if d.kind == "f":
        return Column._from_parts(xp.full(n, np.nan, dtype=d))
    if d.kind in "mM":
        return Column._from_parts(temporal_data(xp.full(n, NAT, dtype=xp.int64), d), None, d)
    data = xp.zeros(n, dtype=d)
    return Column._from_parts(data, xp.zeros(n, dtype=xp.bool))


def numpy_fast(col: Column) -> bool:
    return is_numpy(col.xp)
