"""Column factories and the conversions to and from pandas and Arrow."""

from __future__ import annotations

import datetime as _datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import dtypes as _dt
from ..backend import array_device, asarray, namespace_for, to_host
from ..backend._device import Device
from . import _strings
from ._column import NAT, Column, temporal_data

__all__ = ["as_column", "column_empty", "from_arrow", "from_pandas", "to_arrow", "to_pandas"]


def _dev(device: Any) -> Any:
    return device


def _numeric(data: Any, mask: Any, device: Any) -> Column:
    """A column from a host or device array (it stays on its device when none is named)."""
    if device is None and not isinstance(data, np.ndarray):
        device = array_device(data)
    dtype = data.dtype
    if dtype.kind in "mM":
        d = temporal_data(asarray(data.view(np.int64), device=device), dtype)
    else:
        d = asarray(data, device=device)
    m = None if mask is None else asarray(mask, device=device)
    return Column._from_parts(d, m, dtype)


def _tz_column(ticks: np.ndarray, dtype: Any, device: Any) -> Column:
    """A tz-aware column from host int64 UTC ``ticks`` (NaT = int64 min) and its dtype."""
    col = _numeric(ticks.view(dtype.base), None, device)
    return col._replace(dtype=dtype)


def _fix_time_unit(a: np.ndarray) -> np.ndarray:
    if a.dtype.kind in "mM":
        unit = np.datetime_data(a.dtype)[0]
        if unit not in ("s", "ms", "us", "ns"):
            target = "s" if unit in ("Y", "M", "W", "D", "h", "m") else "ns"
            a = a.astype(f"{a.dtype.kind}8[{target}]")
    return a


def _strings_column(values: Any, device: Any) -> Column:
    codes, dictionary = _strings.encode(values)
    return Column._from_parts(asarray(codes, device=device), None, _dt.string, dictionary)


def _categorical_column(codes: np.ndarray, categories: Any, ordered: bool, device: Any) -> Column:
    cats = pd.Index(categories)
    if isinstance(cats.dtype, pd.StringDtype) and cats.dtype.storage == "pyarrow":
        # the Index's own Arrow buffers: no Python string per category, one shared data buffer
        cat_arr = pa.array(cats.array)
    else:
        cat_arr = pa.array(
            cats.to_numpy() if cats.dtype != object else list(cats), from_pandas=True
        )
    if pa.types.is_large_string(cat_arr.type):
        cat_arr = cat_arr.cast(pa.string())
    d = _dt.CategoricalDtype(cats, ordered)
    codes = np.asarray(codes).astype(np.int32, copy=False)
    return Column._from_parts(asarray(codes, device=device), None, d, cat_arr)


def from_pandas(obj: Any, *, device: str | Device | None = None) -> Column:
    """A column from a pandas Series, Index or ExtensionArray.

    Examples
    --------
    >>> import pandas as pd
    >>> from_pandas(pd.Series([1, None], dtype="Int64")).mask.tolist()
    [True, False]
    """
    if isinstance(obj, (pd.Series, pd.Index)):
        arr = obj.array
        pdtype = obj.dtype
    else:
        arr = pd.array(obj) if not isinstance(obj, pd.api.extensions.ExtensionArray) else obj
        pdtype = arr.dtype
    if isinstance(pdtype, pd.CategoricalDtype):
        cat = pd.Categorical(arr)
        return _categorical_column(cat.codes, cat.categories, cat.ordered, device)
    if isinstance(pdtype, pd.StringDtype):
        return _strings_column(pa.array(arr, from_pandas=True), device)
    if isinstance(pdtype, pd.ArrowDtype):
        return from_arrow(pa.array(arr), device=device)
    if isinstance(pdtype, pd.DatetimeTZDtype):
        return _tz_column(np.asarray(arr.asi8), _dt.dtype(pdtype), device)
    if isinstance(pdtype, pd.api.extensions.ExtensionDtype):
        numpy_dtype = getattr(pdtype, "numpy_dtype", None)
        if numpy_dtype is None or not hasattr(arr, "_mask"):
            raise TypeError(f"from_pandas: dtype {pdtype} is not supported")
        na = np.nan if numpy_dtype.kind == "f" else (False if numpy_dtype.kind == "b" else 0)
        data = arr.to_numpy(dtype=numpy_dtype, na_value=na)
        valid = ~np.asarray(arr.isna())
        return _numeric(data, valid, device)
    values = np.asarray(arr)
    if values.dtype.kind == "O":
        if len(values) == 0:
            return _strings_column(pa.array([], type=pa.string()), device)
        try:
            parr = pa.array(values, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as e:
            raise TypeError(
                f"from_pandas: object column of mixed types is not supported: {e}"
            ) from e
        return from_arrow(parr, device=device)
    return as_column(values, device=device)


def from_arrow(array: Any, *, device: str | Device | None = None) -> Column:
    """A column from a ``pyarrow.Array`` or ``ChunkedArray``.

    Examples
    --------
    >>> import pyarrow as pa
    >>> col = from_arrow(pa.array([3, None, 1]))
    >>> col.dtype, col.mask.tolist()
    (dtype('int64'), [True, False, True])
    """
    if isinstance(array, pa.ChunkedArray) and array.num_chunks > 1:
        joined = _join_chunks(array, device)
        if joined is not None:
            return joined
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
        if isinstance(array, pa.ChunkedArray):  # an empty chunked array
            array = pa.array([], type=array.type)
    if not isinstance(array, pa.Array):
        if hasattr(array, "__arrow_c_array__"):
            array = pa.array(array)
        else:
            raise TypeError(
                f"from_arrow: expected a pyarrow Array; received {type(array).__name__}"
            )
    t = array.type
    if pa.types.is_dictionary(t):
        indices = array.indices.cast(pa.int32()).fill_null(-1)
        codes = indices.to_numpy(zero_copy_only=False)
        cats = array.dictionary.to_pandas()
        return _categorical_column(codes, pd.Index(cats), t.ordered, device)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return _strings_column(array, device)
    if pa.types.is_null(t):
        return _numeric(np.full(len(array), np.nan), None, device)
    if pa.types.is_date(t):
        array = array.cast(pa.timestamp("ms") if pa.types.is_date64(t) else pa.timestamp("s"))
        t = array.type
    if pa.types.is_timestamp(t) or pa.types.is_duration(t):
        if getattr(t, "tz", None) is not None:  # UTC instants: the zone is metadata
            naive = array.cast(pa.timestamp(t.unit))
            ticks = naive.to_numpy(zero_copy_only=False).view(np.int64)
            return _tz_column(ticks, _dt.dtype(t), device)
        return _numeric(array.to_numpy(zero_copy_only=False), None, device)
    if pa.types.is_floating(t):
        if pa.types.is_float16(t):
            array = array.cast(pa.float32())
        if array.null_count:  # fill_null always copies; without nulls the buffer is shared
            array = array.fill_null(np.nan)
        return _numeric(array.to_numpy(zero_copy_only=False), None, device)
    if pa.types.is_integer(t) or pa.types.is_boolean(t):
        if array.null_count:
            valid = array.is_valid().to_numpy(zero_copy_only=False)
            data = array.fill_null(False if pa.types.is_boolean(t) else 0)
            return _numeric(data.to_numpy(zero_copy_only=False), valid, device)
        return _numeric(array.to_numpy(zero_copy_only=False), None, device)
    raise TypeError(f"from_arrow: Arrow type {t} is not supported")


def _join_chunks(array: pa.ChunkedArray, device: Any) -> Column | None:
    """Chunks of a fixed-width type (or dictionary codes) without nulls, concatenated once
    straight into NumPy memory (no combined Arrow copy first); None for other arrays."""
    t = array.type
    if array.null_count:
        return None
    if pa.types.is_dictionary(t):
        first = array.chunk(0).dictionary
        if not all(c.dictionary.equals(first) for c in array.chunks[1:]):
            array = array.unify_dictionaries()
        parts = [c.indices.to_numpy(zero_copy_only=False) for c in array.chunks]
        codes = np.concatenate(parts).astype(np.int32, copy=False)
        cats = array.chunk(0).dictionary.to_pandas()
        return _categorical_column(codes, pd.Index(cats), t.ordered, device)
    plain = (
        pa.types.is_integer(t)
        or (pa.types.is_floating(t) and not pa.types.is_float16(t))
        or (
            (pa.types.is_timestamp(t) or pa.types.is_duration(t)) and getattr(t, "tz", None) is None
        )
    )
    if not plain:
        return None
    return _numeric(
        np.concatenate([c.to_numpy(zero_copy_only=False) for c in array.chunks]), None, device
    )


def _cast_host(values: np.ndarray, dtype: Any) -> Any:
    return values


def as_column(obj: Any, dtype: Any = None, device: str | Device | None = None) -> Column:
    """A column from a device or host array, pandas, Arrow, a sequence or a Column.

    NumPy/CuPy arrays on the target device are used without a copy; sequences are inferred
    as pandas does (``[1, None]`` is float64 with NaN).

    Examples
    --------
    >>> as_column([1, 2, 3]).dtype
    dtype('int64')
    >>> as_column(["x", None, "a"]).categories.to_pylist()
    ['a', 'x']
    """
    if isinstance(obj, Column):
        col = obj if device is None else obj.to_device(device)
        return col if dtype is None else col.astype(dtype)
    if isinstance(obj, (pa.Array, pa.ChunkedArray)):
        col = from_arrow(obj, device=device)
    elif isinstance(obj, (pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        col = from_pandas(obj, device=device)
    elif _is_device_array(obj):
        arr = obj
        if arr.ndim != 1:
            raise ValueError(f"as_column: expected a 1-D array; received shape {arr.shape}")
        if arr.dtype.kind in "OUS":
            col = _strings_column(pa.array(to_host(arr), from_pandas=True), device)
        elif isinstance(arr, np.ndarray) and arr.dtype.kind in "mM":
            col = _numeric(_fix_time_unit(arr), None, device)
        else:
            _dt.dtype(arr.dtype)  # validates the dtype
            if isinstance(arr, np.ndarray) and arr.dtype.byteorder == ">":
                arr = arr.astype(arr.dtype.newbyteorder("="))
            col = _numeric(arr, None, device)
    elif np.isscalar(obj) or obj is None:
        raise TypeError(
            f"as_column: expected an array-like; received scalar {obj!r} "
            "(use a list, or column_full for a constant column)"
        )
    else:
        if hasattr(obj, "__arrow_c_array__") or hasattr(obj, "__arrow_c_stream__"):
            return as_column(pa.array(obj), dtype=dtype, device=device)
        if hasattr(obj, "__dlpack__") and not isinstance(obj, (list, tuple)):
            return as_column(asarray(obj, device=device), dtype=dtype, device=device)
        if isinstance(obj, (set, dict)):
            raise TypeError(
                f"as_column: expected an ordered sequence; received {type(obj).__name__}"
            )
        values = list(obj) if not isinstance(obj, (list, tuple)) else obj
        pd_dtype = None
        if dtype is not None and not _dt.is_categorical(_dt.dtype(dtype)):
            pd_dtype = _dt.to_pandas_dtype(_dt.dtype(dtype))
        try:
            series = pd.Series(values, dtype=pd_dtype)
        except (ValueError, TypeError) as e:
            raise type(e)(f"as_column: cannot build a column of dtype {dtype}: {e}") from e
        col = from_pandas(series, device=device)
    return col if dtype is None else col.astype(dtype)


def _is_device_array(obj: Any) -> bool:
    if isinstance(obj, np.ndarray):
        return True
    mod = type(obj).__module__
    return mod.startswith("cupy")


def column_empty(n: int, dtype: Any, *, device: str | Device | None = None) -> Column:
    """A column of ``n`` missing values of ``dtype`` (integers and bools get a mask).

    Examples
    --------
    >>> column_empty(2, "int32").to_pandas().tolist()
    [<NA>, <NA>]
    """
    if not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"column_empty: `n` must be a non-negative int; received {n!r}")
    d: Any = _dt.dtype(dtype)
    xp = namespace_for(device)
    if _dt.is_string(d):
        return Column._from_parts(
            xp.full(n, -1, dtype=xp.int32), None, d, pa.array([], type=pa.string())
        )
    if _dt.is_categorical(d):
        cats = d.categories if d.categories is not None else pd.Index([], dtype=object)
        return _categorical_column(np.full(n, -1), cats, d.ordered, device)
    if d.kind == "f":
        return Column._from_parts(xp.full(n, np.nan, dtype=d))
    if d.kind in "mM":
        return Column._from_parts(temporal_data(xp.full(n, NAT, dtype=xp.int64), d), None, d)
    return Column._from_parts(xp.zeros(n, dtype=d), xp.zeros(n, dtype=xp.bool), d)


def namespace_device(device: Any) -> Any:
    from ..backend import current_device

    return current_device() if device is None else device


def column_full(n: int, value: Any, dtype: Any = None, *, device: Any = None) -> Column:
    """A column of ``n`` copies of the scalar ``value``."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return column_empty(n, "float64" if dtype is None else dtype, device=device)
    if isinstance(value, str):
        col = Column._from_parts(
            namespace_for(device).zeros(n, dtype=np.int32), None, _dt.string, pa.array([value])
        )
        return col if dtype is None else col.astype(dtype)
    if isinstance(value, _datetime.datetime) and value.tzinfo is not None:  # tz-aware
        ts = pd.Timestamp(value)
        one = _tz_column(
            np.full(1, ts.asm8).view(np.int64), _dt.DatetimeTZDtype(ts.unit, ts.tz), device
        )
        data = one.xp.asarray(one.xp.broadcast_to(one.data, (n,)), copy=True)
        col = one._replace(data=data)
        return col if dtype is None else col.astype(dtype)
    host = np.full(1, value)
    host = _fix_time_unit(host)
    if dtype is not None:
        d = _dt.dtype(dtype)
        if isinstance(d, np.dtype):
            host = host.astype(d)
    one = _numeric(host, None, namespace_device(device))  # one value crosses, then it repeats
    xp = one.xp
    data = xp.asarray(xp.broadcast_to(one.data, (n,)), copy=True)
    col = Column._from_parts(data, None, one.dtype)
    return col if dtype is None else col.astype(dtype)


# ---------------------------------------------------------------------- to pandas / arrow
def to_arrow(col: Column) -> pa.Array:
    d = col.dtype
    if _dt.is_string(d):
        return col._decode_host()
    if _dt.is_categorical(d):
        codes = to_host(col.data)
        null = codes < 0
        idx = pa.array(codes, type=pa.int32(), mask=null if null.any() else None)
        return pa.DictionaryArray.from_arrays(idx, col.categories, ordered=d.ordered)
    data = col.host_data()
    if d.kind in "fmM":
        null = np.isnan(data) if d.kind == "f" else data.view(np.int64) == NAT
        if col.mask is not None:
            null = ~to_host(col.mask)
        if _dt.is_tz_aware(d):
            from ..accessors._timezone import tz_name

            t = pa.timestamp(d.unit, tz=tz_name(d.tz))
            return pa.array(data, type=t, mask=null if null.any() else None)
        return pa.array(data, mask=null if null.any() else None)
    mask = None if col.mask is None else ~to_host(col.mask)
    if mask is not None and not mask.any():
        mask = None
    return pa.array(data, mask=mask)


def _tz_array(data: np.ndarray, d: Any) -> Any:
    """pandas' DatetimeArray of the UTC instants ``data`` (naive datetime64) in zone ``d.tz``."""
    simple = getattr(pd.arrays.DatetimeArray, "_simple_new", None)
    if simple is not None:  # no copy, no conversion: the instants and the dtype
        return simple(data, dtype=d.to_pandas())
    return pd.DatetimeIndex(data).tz_localize("UTC").tz_convert(d.tz).array  # pragma: no cover


def to_pandas(col: Column, *, index: Any = None, name: Any = None) -> pd.Series:
    d = col.dtype
    if _dt.is_string(d):
        values: Any = pd.array(col._decode_host(), dtype=pd.StringDtype(na_value=np.nan))
    elif _dt.is_categorical(d):
        values = pd.Categorical.from_codes(
            to_host(col.data).astype(np.int64, copy=False), dtype=d.to_pandas()
        )
    elif _dt.is_tz_aware(d):
        values = _tz_array(col.host_data(), d)
    elif col.mask is not None:
        data = col.host_data()
        valid = to_host(col.mask)
        if d.kind == "f":
            valid = valid & ~np.isnan(data)
        cls = (
            pd.arrays.BooleanArray
            if d.kind == "b"
            else (pd.arrays.FloatingArray if d.kind == "f" else pd.arrays.IntegerArray)
        )
        values = cls(data, ~valid)
    else:
        values = col.host_data()
    if index is None:
        index = pd.RangeIndex(len(col))
    return pd.Series(values, index=index, name=name, copy=False)
