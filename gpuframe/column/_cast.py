"""Casting (``astype``), ``fillna`` and concatenation of columns."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import dtypes as _dt
from ..backend import _parallel, asarray, is_numpy, to_host
from . import _strings
from ._column import NAT, Column, temporal_data

__all__ = ["astype", "concat_columns", "fillna"]


def _wants_nullable(obj: Any) -> bool:
    if isinstance(obj, str):
        return obj in (
            "Int8",
            "Int16",
            "Int32",
            "Int64",
            "UInt8",
            "UInt16",
            "UInt32",
            "UInt64",
            "Float32",
            "Float64",
            "boolean",
        )
    return (
        isinstance(obj, pd.api.extensions.ExtensionDtype)
        and hasattr(obj, "numpy_dtype")
        and not isinstance(obj, (pd.StringDtype, pd.CategoricalDtype, pd.ArrowDtype))
    )


def _via_pandas(col: Column, pd_dtype: Any) -> Column:
    from ._convert import from_pandas

    try:
        out = col.to_pandas().astype(pd_dtype)
    except (ValueError, TypeError) as e:
        raise type(e)(f"astype: cannot cast column of dtype {col.dtype} to {pd_dtype}: {e}") from e
    return from_pandas(out, device=col.device)


def _compact_categories(col: Column) -> Column:
    """A ``str`` column as ``category`` with only the categories in use (sorted)."""
    xp = col.xp
    used = xp.unique_values(col.data[col.data >= 0]) if len(col) else col.data[:0]
    host_used = to_host(used).astype(np.int64)
    cats = col.categories.take(pa.array(host_used))
    remap = np.full(len(col.categories) + 1, -1, dtype=np.int32)
    remap[host_used] = np.arange(host_used.size, dtype=np.int32)
    codes = asarray(remap, device=col.device)[col.data]  # -1 maps to the last slot (-1)
    from ._convert import _categorical_column

    out = _categorical_column(np.zeros(0), pd.Index(cats.to_pandas()), False, col.device)
    return out._replace(data=codes)


def astype(col: Column, dtype: Any, *, nullable: bool | None = None) -> Column:
    """See :meth:`Column.astype`.

    ``nullable`` (default: whether ``dtype`` is a pandas nullable dtype such as ``"Int64"``)
    decides whether a bool/int/float result carries a mask, as in pandas.
    """
    if nullable is None:
        nullable = _wants_nullable(dtype)
    target: Any = _dt.dtype(dtype)
    d: Any = col.dtype
    xp = col.xp
    if _dt.is_categorical(target):
        if _dt.is_categorical(d) and (target.categories is None or target == d):
            return col
        if target.categories is not None:
            return _via_pandas(col, target.to_pandas())
        if _dt.is_string(d):
            return _compact_categories(col)
        return _via_pandas(col, "category")
    if _dt.is_string(target):
        if _dt.is_string(d):
            return col
        if _dt.is_categorical(d) and pa.types.is_string(col.categories.type):
            from ._convert import _strings_column

            return _strings_column(col._decode_host(), col.device)
        return _via_pandas(col, pd.StringDtype(na_value=np.nan))
    if col.is_encoded:
        if _dt.is_categorical(d):
            vals = col.categories.to_pandas()
            from ._convert import from_pandas

            base = from_pandas(pd.Series(vals), device=col.device)
            return astype(base.take(col.data, nullify=True), dtype, nullable=nullable)
        return _via_pandas(col, _dt.to_pandas_dtype(target, nullable=nullable))
    # numeric / temporal -> numeric / temporal
    if _dt.is_tz_aware(d) or _dt.is_tz_aware(target):
        if target == d and type(target) is type(d):
            return col
        tz_out = _tz_astype(col, target, nullable)
        if tz_out is not None:
            return tz_out
    if target == d and nullable == (col.mask is not None):
        return col
    if d.kind in "mM" or target.kind in "mM":
        if d.kind in "mM" and target.kind == d.kind:
            if col.data.dtype.kind in "mM":  # NumPy's datetime arrays
                return Column._from_parts(col.data.astype(target))  # NaT stays NaT
            return Column._from_parts(
                temporal_data(_rescale_ticks(col.data.view(np.int64), d, target, xp), target),
                None,
                target,
            )
        if d.kind in "mM" and nullable:  # pandas has no nullable form of the ticks
            raise TypeError(f"astype: cannot cast column of dtype {d} to {dtype}")
        if d.kind in "mM" and target.kind in "iu" and target.itemsize == 8:
            if col.has_nulls and target != np.dtype(np.int64):  # pandas: NaT -> int64 min
                raise ValueError(f"astype: cannot cast {d} with NaT to {target}")
            return Column._from_parts(col.data.view(np.int64).astype(target), None, target)
        if d.kind in "iu" and target.kind in "mM":
            if col.has_nulls:
                return _via_pandas(col, target)
            return Column._from_parts(
                temporal_data(col.data.astype(np.int64), target), None, target
            )
        raise TypeError(f"astype: cannot cast column of dtype {d} to {target}")
    numpy = is_numpy(xp)
    null: Any = None
    if numpy and col.mask is None and d.kind == "f" and target.kind in "biu" and not nullable:
        data = _parallel.astype_no_nan(col.data, target)  # one pass: the NaN check and cast
        if data is not None:
            return Column._from_parts(data, None, target)
    if numpy and col.mask is None and d.kind in "biuf":  # one read-only pass, no bool array
        has_null = d.kind == "f" and _parallel.any_nan(col.data)
        if has_null or nullable:
            null = col.null_array()
    else:
        null = col.null_array()
        has_null = bool(xp.any(null))
    if target.kind in "biu" and has_null and not nullable:
        raise ValueError(
            f"astype: cannot convert missing values (NaN/NA) to {target} (use a nullable "
            f"dtype, e.g. '{_dt.to_pandas_dtype(target, nullable=True)}', or fillna first)"
        )
    if nullable and d.kind == "f" and target.kind in "iu":  # pandas casts these safely
        _check_safe_cast(xp.where(null, xp.zeros((), dtype=d), col.data), target, xp)
    if has_null and d.kind == "f":
        data = xp.where(null, xp.zeros((), dtype=d), col.data).astype(target)
    elif numpy:
        data = _parallel.astype(col.data, target)  # large columns on the process's cores
    else:
        data = col.data.astype(target)
    if target.kind == "f" and has_null:
        data = xp.where(null, xp.asarray(np.nan, dtype=target), data)
    mask = None
    if nullable:
        mask = ~null
    return Column._from_parts(data, mask, target)


def _tz_astype(col: Column, target: Any, nullable: bool) -> Column | None:
    """``astype`` to or from a tz-aware dtype, as pandas: same instants in another zone or
    unit; integers are epoch ticks; naive <-> aware raises ``TypeError`` (use
    ``dt.tz_localize``/``tz_convert``); floats raise ``TypeError`` as for naive datetimes
    (pandas truncates them to ticks);
    None where the generic code applies (aware -> int64)."""
    d = col.dtype
    if _dt.is_tz_aware(d) and _dt.is_tz_aware(target):
        if d.unit == target.unit:
            return col._replace(dtype=target)
        ticks = _rescale_ticks(col.data.view(np.int64), d, target, col.xp)
        return Column._from_parts(temporal_data(ticks, target), None, target)
    if _dt.is_tz_aware(target):
        if d.kind in "iu":  # epoch ticks in the target unit, as pandas
            if col.has_nulls:
                return _via_pandas(col, target.to_pandas())
            ticks = col.data.astype(np.int64)
            return Column._from_parts(temporal_data(ticks, target), None, target)
        if _dt.is_datetime(d):
            raise TypeError(
                "Cannot use .astype to convert from timezone-naive dtype to timezone-aware "
                f"dtype ({d} to {target}). Use obj.tz_localize instead or "
                "series.dt.tz_localize instead"
            )
        raise TypeError(f"astype: cannot cast column of dtype {d} to {target}")
    if _dt.is_datetime(target):
        raise TypeError(
            "Cannot use .astype to convert from timezone-aware dtype to timezone-naive "
            f"dtype ({d} to {target}). Use obj.tz_localize(None) or "
            "obj.tz_convert('UTC').tz_localize(None) instead."
        )
    return None


def _check_safe_cast(values: Any, target: Any, xp: Any) -> None:
    """Raise as pandas when float ``values`` do not convert to the integer ``target`` exactly."""
    if not bool(xp.all(xp.isfinite(values))):
        raise OverflowError(f"astype: cannot convert float infinity to {target}")
    info = np.iinfo(target)
    inside = (values >= info.min) & (values <= info.max)
    if not bool(xp.all(inside & (values == xp.floor(values)))):
        raise TypeError(f"cannot safely cast non-equivalent {values.dtype} to {target}")


_TICKS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def _rescale_ticks(ticks: Any, src: Any, dst: Any, xp: Any) -> Any:
    """int64 ticks of unit ``src`` in unit ``dst`` (floor, as NumPy), NaT kept."""
    a = _TICKS[np.datetime_data(src)[0]]
    b = _TICKS[np.datetime_data(dst)[0]]
    out = ticks * (b // a) if b >= a else ticks // (a // b)
    return xp.where(ticks == NAT, xp.asarray(NAT, dtype=xp.int64), out)


def fillna(col: Column, value: Any) -> Column:
    """See :meth:`Column.fillna`."""
    xp = col.xp
    d0 = col.dtype
    if (
        is_numpy(xp)
        and isinstance(d0, np.dtype)
        and d0.kind == "f"
        and col.mask is None
        and isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, (bool, np.bool_))
    ):  # one pass (NaN found and filled), row chunks on the process's cores
        from ._elementwise_kernels import fill_nan

        filled = fill_nan(col.data, value)
        return col if filled is None else Column._from_parts(filled, None, d0)
    null = col.null_array()
    if isinstance(value, Column):
        other = value
        if len(other) != len(col):
            raise ValueError(f"fillna: `value` has length {len(other)}, column has {len(col)}")
        if _dt.is_tz_aware(col.dtype) and _dt.is_tz_aware(other.dtype):  # pandas: col's dtype
            other = tz_like(other, col, "fillna")
        tz = _dt.is_tz_aware(col.dtype) or _dt.is_tz_aware(other.dtype)
        if col.is_encoded or other.is_encoded or tz:
            merged = concat_columns([col, other])
            n = len(col)
            a, b = merged.slice(0, n), merged.slice(n, 2 * n)
            return a._replace(data=xp.where(null, b.data, a.data))
        res_dtype = np.result_type(col.dtype, other.dtype)
        a = astype(col, res_dtype, nullable=col.mask is not None)
        b = astype(other, res_dtype, nullable=other.mask is not None)
        data = xp.where(null, b.data, a.data)
        mask = None
        if col.mask is not None:
            bvalid = b.valid_array()
            mask = col.mask | (null & bvalid)
        return Column._from_parts(data, mask, res_dtype)
    if value is None or not bool(xp.any(null)):
        return col
    if _dt.is_string(col.dtype):
        if not isinstance(value, str):
            raise TypeError(f"fillna: `value` for a str column must be a str; received {value!r}")
        if not bool(xp.any(null)):
            return col
        dictionary, (m0, m1) = _strings.unify([col.categories, pa.array([value])])
        remap = asarray(np.append(m0, -1).astype(np.int32), device=col.device)
        codes = remap[col.data]
        codes = xp.where(null, xp.asarray(int(m1[0]), dtype=xp.int32), codes)
        return col._replace(data=codes, categories=dictionary)
    if _dt.is_categorical(col.dtype):
        cats = list(col.dtype.categories)
        if value not in cats:
            raise TypeError(f"fillna: `value` {value!r} is not a category; categories: {cats}")
        code = xp.asarray(cats.index(value), dtype=xp.int32)
        return col._replace(data=xp.where(null, code, col.data))
    d = col.dtype
    if isinstance(value, str) or (
        d.kind in "biuf" and not isinstance(value, (int, float, np.number))
    ):
        raise TypeError(f"fillna: `value` {value!r} does not fit a column of dtype {d}")
    scalar = np.asarray(value)
    if _dt.is_tz_aware(d):
        ts = pd.Timestamp(value)
        if ts.tz is None:
            raise TypeError(
                f"fillna: `value` for a {d} column must be tz-aware; received {value!r}"
            )
        value = ts
    if d.kind in "mM":
        scalar = (
            np.asarray(value, dtype=d)
            if not isinstance(value, pd.Timestamp)
            else np.asarray(value.to_datetime64()).astype(d)
        )
        if d.kind == "m" and isinstance(value, pd.Timedelta):
            scalar = np.asarray(value.to_timedelta64()).astype(d)
    if d.kind in "mM":
        if not bool(xp.any(null)):
            return col
        tick = asarray(scalar.astype(d).view(np.int64), device=col.device)
        ticks = xp.where(null, tick, col.data.view(np.int64))
        return Column._from_parts(temporal_data(ticks, d), None, d)
    res = d
    if d.kind in "biu" and scalar.dtype.kind in "fc" and float(value) != int(value):
        res = np.dtype("float64")
    elif d.kind == "b" and scalar.dtype.kind != "b":
        res = np.result_type(d, scalar.dtype)
    if is_numpy(xp):  # large columns on the process's cores
        data = col.data if res == d else _parallel.astype(col.data, res)
        data = _parallel.where(null, scalar.astype(res), data)
    else:
        data = col.data if res == d else col.data.astype(res)
        data = xp.where(null, asarray(scalar.astype(res), device=col.device), data)
    mask = None if col.mask is None else xp.ones(data.shape, dtype=xp.bool)
    return Column._from_parts(data, mask, res)


def concat_columns(columns: list[Column]) -> Column:
    """One column holding ``columns`` one after another (string dictionaries unified).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> out = concat_columns([as_column(["b", "a"]), as_column(["c", None])])
    >>> out.to_pandas().tolist(), out.categories.to_pylist()
    (['b', 'a', 'c', nan], ['a', 'b', 'c'])
    """
    if not columns:
        raise ValueError("concat_columns: `columns` must not be empty")
    if len(columns) == 1:
        return columns[0]
    xp = columns[0].xp
    kinds = {type(c.dtype) for c in columns}
    if all(_dt.is_string(c.dtype) for c in columns):
        dictionary, maps = _strings.unify([c.categories for c in columns])
        parts = []
        for c, m in zip(columns, maps):
            remap = asarray(np.append(m, -1).astype(np.int32), device=c.device)
            parts.append(remap[c.data])
        return Column._from_parts(xp.concat(parts), None, _dt.string, dictionary)
    if all(_dt.is_categorical(c.dtype) for c in columns):
        first = columns[0]
        if all(c.dtype == first.dtype for c in columns):
            return first._replace(data=xp.concat([c.data for c in columns]))
        columns = [
            astype(c, c.dtype.categories.dtype)
            if not pa.types.is_string(c.categories.type)
            else astype(c, "str")
            for c in columns
        ]
        return concat_columns(columns)
    if any(c.is_encoded for c in columns):
        if len(kinds) > 1 and all(
            c.is_encoded or len(c) == 0 or c.null_count == len(c) for c in columns
        ):
            columns = [c if _dt.is_string(c.dtype) else astype(c, "str") for c in columns]
            return concat_columns(columns)
        raise TypeError(
            "concat_columns: cannot concatenate str/category columns with dtypes "
            f"{[str(c.dtype) for c in columns]}"
        )
    if any(_dt.is_tz_aware(c.dtype) for c in columns):
        return _concat_tz(columns)
    res = np.result_type(*[c.dtype for c in columns])
    if res.kind == "O":
        raise TypeError(f"concat_columns: incompatible dtypes {[str(c.dtype) for c in columns]}")
    nullable = any(c.mask is not None for c in columns)
    cast = [astype(c, res, nullable=nullable) for c in columns]
    if res.kind in "mM":  # concatenate the ticks (datetime64 arrays or int64 ticks alike)
        data = temporal_data(xp.concat([c.data.view(np.int64) for c in cast]), res)
    else:
        data = xp.concat([c.data for c in cast])
    mask = None
    if nullable:
        mask = xp.concat(
            [c.mask if c.mask is not None else xp.ones(len(c), dtype=xp.bool) for c in cast]
        )
    return Column._from_parts(data, mask, res)


def tz_like(other: Column, col: Column, func: str) -> Column:
    """The tz-aware ``other`` in the zone and unit of the tz-aware ``col`` (the values to
    fill a column with, as pandas); ``TypeError`` when the unit cannot hold them exactly
    (pandas makes an ``object`` column there).

    Examples
    --------
    >>> import pandas as pd
    >>> from gpuframe.column import as_column
    >>> a = as_column(pd.Series(pd.to_datetime(["2021-01-01"]).tz_localize("Europe/Paris")))
    >>> b = as_column(pd.Series(pd.to_datetime(["2021-06-01"]).tz_localize("UTC")))
    >>> str(tz_like(b, a, "where").dtype)
    'datetime64[us, Europe/Paris]'
    """
    d, od = col.dtype, other.dtype
    if od == d:
        return other
    out = astype(other, d)
    if _TICKS[od.unit] > _TICKS[d.unit]:  # a coarser unit: exact only on its grid
        back = _rescale_ticks(out.data.view(np.int64), d, od, col.xp)
        if not bool(col.xp.all(back == other.data.view(np.int64))):
            raise TypeError(
                f"{func}: a {d} column cannot hold the {od} values without losing "
                "precision (pandas makes an object column); use dt.as_unit first"
            )
    return out


def _concat_tz(columns: list[Column]) -> Column:
    """Concatenation of tz-aware columns of one zone (the finest unit), as pandas.

    pandas gives an ``object`` column for mixed zones or naive with aware values;
    gpuframe raises ``TypeError`` there (convert first with ``dt.tz_convert``).
    """
    first = columns[0].dtype
    if not all(_dt.is_tz_aware(c.dtype) and c.dtype.tz == first.tz for c in columns):
        raise TypeError(
            "concat_columns: tz-aware columns must share one time zone (pandas makes "
            f"object columns); received {[str(c.dtype) for c in columns]}"
        )
    unit = max((c.dtype.unit for c in columns), key=lambda u: _TICKS[u])
    res = _dt.DatetimeTZDtype(unit, first.tz)
    xp = columns[0].xp
    cast = [astype(c, res) for c in columns]
    data = temporal_data(xp.concat([c.data.view(np.int64) for c in cast]), res)
    return Column._from_parts(data, None, res)
