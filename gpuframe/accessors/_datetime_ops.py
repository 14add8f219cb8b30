"""Date and time functions over datetime64/timedelta64 Columns (Column in, Column out).

All calendar fields come from integer arithmetic on the int64 ticks (the proleptic
Gregorian civil-from-days algorithm of H. Hinnant), written once against the array namespace
so it runs on NumPy and CuPy alike; NaT is preserved (fields of NaT are NaN, predicates are
False). Only ``strftime`` leaves the device, and then only for the distinct values.

tz-aware columns (int64 UTC instants, :class:`gpuframe.dtypes.DatetimeTZDtype`) read their
fields, names, rounding and formatting in local wall time: the instants plus the zone's
offset, from a host transition table applied on the device (:mod:`._timezone`); rounded
wall times are localized back with pandas' ``ambiguous``/``nonexistent`` rules.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any

import numpy as np
import pandas as pd

from .. import dtypes as _dt
from ..backend import asarray, is_cupy, is_numpy, to_host
from ..backend._parallel import map_chunks
from ..column import Column, _strings
from . import _timezone

__all__ = [
    "NAT",
    "binary_op",
    "civil_from_days",
    "days_from_civil",
    "field",
    "local_column",
    "round_to",
    "strftime",
    "tz_binary_op",
    "tz_convert",
    "tz_localize",
    "timedelta_field",
    "unit_of",
]

NAT = np.iinfo(np.int64).min
_TICKS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_UNITS = ("s", "ms", "us", "ns")
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def unit_of(dtype: Any) -> str:
    """The time unit ('s', 'ms', 'us' or 'ns') of a datetime64/timedelta64 dtype."""
    return np.datetime_data(dtype)[0]


def _ticks(col: Column) -> Any:
    return col.data.view(np.int64)


def from_ticks(ticks: Any, dtype: Any) -> Column:
    """A datetime64/timedelta64 column of ``dtype`` from int64 ticks (NaT = int64 min)."""
    try:
        data = ticks.view(dtype)
    except (TypeError, ValueError):  # a device library without datetime64: keep the ticks
        data = ticks
    return Column._from_parts(data, None, dtype if _dt.is_tz_aware(dtype) else np.dtype(dtype))


# ---------------------------------------------------------------------- time zones
def local_column(col: Column) -> Column:
    """A tz-aware column's local wall times as a naive datetime64 column (others as is).

    Examples
    --------
    >>> import pandas as pd
    >>> from gpuframe.column import as_column
    >>> col = as_column(pd.Series(pd.to_datetime(["2021-07-01 10:00"]).tz_localize("UTC")))
    >>> local_column(col.astype("datetime64[us, Europe/Paris]")).to_pandas().tolist()
    [Timestamp('2021-07-01 12:00:00')]
    """
    d = col.dtype
    if not _dt.is_tz_aware(d):
        return col
    local = _timezone.utc_to_local(_ticks(col), d.unit, d.tz, xp=col.xp)
    return from_ticks(local, d.base)


def tz_localize(
    col: Column, tz: Any, *, ambiguous: Any = "raise", nonexistent: Any = "raise"
) -> Column:
    """Naive wall times -> tz-aware instants in ``tz`` (``tz=None``: tz-aware -> naive wall
    times), as pandas' ``Series.dt.tz_localize``.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array(["2021-03-28T02:30", "2021-10-31T02:30"], dtype="M8[s]"))
    >>> out = tz_localize(col, "Europe/Paris", ambiguous=np.array([True, True]),
    ...                   nonexistent="shift_forward")
    >>> out.to_pandas().astype(str).tolist()
    ['2021-03-28 03:00:00+02:00', '2021-10-31 02:30:00+02:00']
    """
    d = col.dtype
    if tz is None:
        return local_column(col)
    if _dt.is_tz_aware(d):
        raise TypeError("Already tz-aware, use tz_convert to convert.")
    zone = _timezone.normalize_tz(tz, func="dt.tz_localize")
    unit = unit_of(d)
    utc = _timezone.local_to_utc(
        _ticks(col), unit, zone, xp=col.xp, ambiguous=ambiguous, nonexistent=nonexistent
    )
    return from_ticks(utc, _dt.DatetimeTZDtype(unit, zone))


def tz_convert(col: Column, tz: Any) -> Column:
    """The same instants read in zone ``tz`` (only the dtype changes; ``None``: UTC, naive).

    Examples
    --------
    >>> import pandas as pd
    >>> from gpuframe.column import as_column
    >>> col = as_column(pd.Series(pd.to_datetime(["2021-07-01 10:00"]).tz_localize("UTC")))
    >>> str(tz_convert(col, "Asia/Tokyo").dtype)
    'datetime64[us, Asia/Tokyo]'
    """
    d = col.dtype
    if not _dt.is_tz_aware(d):
        raise TypeError("Cannot convert tz-naive timestamps, use tz_localize to localize")
    if tz is None:
        return col._replace(dtype=d.base)
    zone = _timezone.normalize_tz(tz, func="dt.tz_convert")
    return col._replace(dtype=_dt.DatetimeTZDtype(d.unit, zone))


# ---------------------------------------------------------------------- calendar arithmetic
def civil_from_days(days: Any, *, xp: Any) -> tuple[Any, Any, Any]:
    """``(year, month, day)`` int64 arrays for days since 1970-01-01 (any sign).

    Examples
    --------
    >>> import numpy as np
    >>> y, m, d = civil_from_days(np.array([0, -1, 18321]), xp=np)
    >>> y.tolist(), m.tolist(), d.tolist()
    ([1970, 1969, 2020], [1, 12, 2], [1, 31, 29])
    """
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = xp.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + xp.astype(month <= 2, xp.int64)
    return year, month, day


def _civil(days: Any, *, xp: Any) -> tuple[Any, Any, Any]:
    """:func:`civil_from_days`, through the Numba kernel on NumPy."""
    if is_numpy(xp):
        from ._calendar_kernels import civil_from_days_numpy

        return civil_from_days_numpy(days)
    return civil_from_days(days, xp=xp)


def days_from_civil(year: Any, month: Any, day: Any, *, xp: Any) -> Any:
    """Days since 1970-01-01 of the civil dates ``(year, month, day)`` (int64 arrays)."""
    y = year - xp.astype(month <= 2, xp.int64)
    era = y // 400
    yoe = y - era * 400
    mp = xp.where(month > 2, month - 3, month + 9)
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _device_table(host: np.ndarray, xp: Any, device: Any) -> Any:
    """A small host lookup table in ``xp`` on ``device`` (NumPy/CuPy through the counted
    :func:`gpuframe.backend.asarray`; any other Array API namespace through its own)."""
    if is_numpy(xp) or is_cupy(xp):
        return asarray(host, device=device)
    return xp.asarray(host)


def _is_leap(year: Any) -> Any:
    return ((year % 4) == 0) & (((year % 100) != 0) | ((year % 400) == 0))


def _days_in_month(year: Any, month: Any, *, xp: Any, device: Any) -> Any:
    table = _device_table(_DAYS_IN_MONTH, xp, device)
    base = xp.take(table, xp.reshape(month - 1, (-1,)))
    return base + xp.astype((month == 2) & _is_leap(year), xp.int64)


# ---------------------------------------------------------------------- fields
_INT_FIELDS = (
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "microsecond",
    "nanosecond",
    "dayofweek",
    "dayofyear",
    "quarter",
    "days_in_month",
)
_BOOL_FIELDS = (
    "is_month_start",
    "is_month_end",
    "is_quarter_start",
    "is_quarter_end",
    "is_year_start",
    "is_year_end",
    "is_leap_year",
)
FIELDS = _INT_FIELDS + _BOOL_FIELDS


def _int_result(col: Column, values: Any, null: Any, dtype: Any) -> Column:
    """int32 (or int64) values; float64 with NaN where the input is NaT (pandas' rule)."""
    xp = col.xp
    if col.null_count:
        out = xp.where(null, xp.asarray(np.nan, dtype=xp.float64), xp.astype(values, xp.float64))
        return Column._from_parts(out)
    return Column._from_parts(xp.astype(values, getattr(xp, np.dtype(dtype).name)))


def field(col: Column, name: str) -> Column:
    """The calendar field ``name`` (``year`` ... ``is_leap_year``) of a datetime64 column.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array(["2020-02-29T13:45", "NaT"], dtype="datetime64[s]"))
    >>> field(col, "dayofyear").to_pandas().tolist()
    [60.0, nan]
    """
    col = local_column(col)
    xp = col.xp
    unit = unit_of(col.dtype)
    tps = _TICKS_PER_SECOND[unit]
    tpd = 86400 * tps
    ticks = _ticks(col)
    if name in ("year", "month", "day", "quarter") and is_numpy(xp) and col.mask is None:
        from ._calendar_kernels import civil_field_numpy

        v, has_nat = civil_field_numpy(ticks, tpd, name)  # one pass, no temporaries
        if not has_nat:
            return Column._from_parts(v)
    if name in ("hour", "minute", "second", "dayofweek") and is_numpy(xp) and col.mask is None:
        from ._calendar_kernels import clock_field_numpy

        v, has_nat = clock_field_numpy(ticks, tps, name)  # one pass, divisions by literals
        if not has_nat:
            return Column._from_parts(v)
    null = ticks == NAT
    days = ticks // tpd
    if name in ("hour", "minute", "second", "microsecond", "nanosecond"):
        tod = ticks - days * tpd
        if name == "hour":
            v = tod // (3600 * tps)
        elif name == "minute":
            v = (tod // (60 * tps)) % 60
        elif name == "second":
            v = (tod // tps) % 60
        else:
            sub = tod % tps
            if name == "microsecond":
                v = sub // 1000 if unit == "ns" else (sub if unit == "us" else sub * 1000)
                if unit == "s":
                    v = sub * 0
            else:
                v = sub % 1000 if unit == "ns" else sub * 0
        return _int_result(col, v, null, np.int32)
    if name == "dayofweek":
        return _int_result(col, (days + 3) % 7, null, np.int32)
    year, month, day = _civil(days, xp=xp)
    if name in ("year", "month", "day", "quarter"):
        v = {"year": year, "month": month, "day": day}.get(name, month)
        if name == "quarter":
            v = (month - 1) // 3 + 1
        return _int_result(col, v, null, np.int32)
    if name == "dayofyear":
        ones = xp.ones_like(month)
        v = days - days_from_civil(year, ones, ones, xp=xp) + 1
        return _int_result(col, v, null, np.int32)
    if name == "days_in_month":
        return _int_result(
            col, _days_in_month(year, month, xp=xp, device=col.device), null, np.int32
        )
    if name == "is_leap_year":
        v = _is_leap(year)
    elif name == "is_month_start":
        v = day == 1
    elif name == "is_month_end":
        v = day == _days_in_month(year, month, xp=xp, device=col.device)
    elif name == "is_quarter_start":
        v = (day == 1) & ((month - 1) % 3 == 0)
    elif name == "is_quarter_end":
        v = (day == _days_in_month(year, month, xp=xp, device=col.device)) & (month % 3 == 0)
    elif name == "is_year_start":
        v = (day == 1) & (month == 1)
    elif name == "is_year_end":
        v = (day == 31) & (month == 12)
    else:
        raise AttributeError(f"dt: unknown field {name!r}; fields: {list(FIELDS)}")
    return Column._from_parts(v & ~null)


def names(col: Column, which: str) -> Column:
    """``day_name`` or ``month_name`` as a ``str`` column, built on the device from a table."""
    col = local_column(col)
    xp = col.xp
    ticks = _ticks(col)
    null = ticks == NAT
    days = ticks // (86400 * _TICKS_PER_SECOND[unit_of(col.dtype)])
    if which == "day_name":
        labels, pos = _DAY_NAMES, (days + 3) % 7
    else:
        labels, pos = _MONTH_NAMES, _civil(days, xp=xp)[1] - 1
    codes, dictionary = _strings.encode(labels)
    table = _device_table(codes.astype(np.int32), xp, col.device)
    out = xp.take(table, xp.reshape(xp.where(null, xp.zeros_like(pos), pos), (-1,)))
    out = xp.where(null, xp.asarray(-1, dtype=xp.int32), out)
    return Column._from_parts(out, None, _dt.string, dictionary)


def normalize(col: Column) -> Column:
    """Times set to midnight (same unit; local midnight for tz-aware values); NaT stays NaT."""
    return round_to(col, "D", "floor")


# ---------------------------------------------------------------------- rounding
def _freq_ticks(freq: Any, unit: str, method: str) -> int:
    try:
        offset = pd.tseries.frequencies.to_offset(freq)
        nanos = offset.nanos
    except (ValueError, TypeError) as e:
        raise ValueError(
            f"dt.{method}: `freq` must be a fixed frequency such as 'D', 'h', '15min', 's'; "
            f"received {freq!r}"
        ) from e
    per_tick = 10**9 // _TICKS_PER_SECOND[unit]
    if nanos <= 0 or nanos % per_tick:
        if 0 < nanos < per_tick:
            return 1  # finer than the unit: every value is already on the grid
        raise ValueError(
            f"dt.{method}: `freq` {freq!r} is not a multiple of the column unit '{unit}'"
        )
    return nanos // per_tick


def round_to(
    col: Column,
    freq: Any,
    method: str,
    *,
    ambiguous: Any = "raise",
    nonexistent: Any = "raise",
) -> Column:
    """``floor``/``ceil``/``round`` of datetime64/timedelta64 ticks to ``freq``.

    ``round`` rounds halves to even multiples, as pandas. tz-aware values round in local
    wall time and are localized back with ``ambiguous``/``nonexistent`` (see
    :func:`tz_localize`), as pandas.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array(["2020-01-01T10:30", "NaT"], dtype="datetime64[s]"))
    >>> round_to(col, "h", "floor").to_pandas().astype(str).tolist()
    ['2020-01-01 10:00:00', nan]
    """
    d = col.dtype
    if _dt.is_tz_aware(d):
        _timezone.check_localize_args(ambiguous, nonexistent)
        wall = round_to(local_column(col), freq, method)
        return tz_localize(wall, d.tz, ambiguous=ambiguous, nonexistent=nonexistent)
    xp = col.xp
    step = _freq_ticks(freq, unit_of(col.dtype), method)
    ticks = _ticks(col)
    if step == 1:
        return col
    if method == "floor" and is_numpy(xp) and len(col):  # NaT patched if present
        out = np.empty_like(ticks)

        def floor(s: int, e: int) -> bool:  # row chunks on the process's cores
            nat = False
            for i in range(s, e, 1 << 15):  # blocks that stay in cache for the three steps
                j = min(i + (1 << 15), e)
                part, src = out[i:j], ticks[i:j]
                nat = nat or int(src.min()) == NAT
                np.floor_divide(src, step, out=part)
                np.multiply(part, step, out=part)
            return nat

        if any(map_chunks(floor, len(col))):
            out[ticks == NAT] = NAT
        return from_ticks(out, col.dtype)
    null = ticks == NAT
    q = ticks // step
    r = ticks - q * step
    if method == "floor":
        out = q * step
    elif method == "ceil":
        out = (q + xp.astype(r > 0, xp.int64)) * step
    elif method == "round":
        twice = 2 * r
        up = (twice > step) | ((twice == step) & (q % 2 == 1))
        out = (q + xp.astype(up, xp.int64)) * step
    else:
        raise ValueError(f"dt: `method` must be floor, ceil or round; received {method!r}")
    out = xp.where(null, xp.asarray(NAT, dtype=xp.int64), out)
    return from_ticks(out, col.dtype)


# ---------------------------------------------------------------------- formatting
def strftime(col: Column, fmt: str) -> Column:
    """Each value formatted with ``fmt`` (Python's ``strftime`` codes) as a ``str`` column.

    The distinct values are found on the device, formatted on the host and re-encoded.
    """
    if not isinstance(fmt, str):
        raise TypeError(f"dt.strftime: `date_format` must be a str; received {fmt!r}")
    xp = col.xp
    ticks = _ticks(col)
    if len(col) == 0:
        return Column._from_parts(
            xp.zeros(0, dtype=xp.int32), None, _dt.string, _strings.encode([])[1]
        )
    uniq, inv = xp.unique_inverse(ticks)
    d = col.dtype
    host = to_host(uniq).astype(np.int64).view(d.base if _dt.is_tz_aware(d) else d)
    index = pd.DatetimeIndex(host)
    if _dt.is_tz_aware(d):  # pandas formats the local wall times (and %z/%Z)
        index = index.tz_localize("UTC").tz_convert(d.tz)
    formatted = index.strftime(fmt)
    codes, dictionary = _strings.encode(pd.array(formatted, dtype=str))
    table = _device_table(codes.astype(np.int32), xp, col.device)
    return Column._from_parts(xp.take(table, xp.reshape(inv, (-1,))), None, _dt.string, dictionary)


# ---------------------------------------------------------------------- timedelta fields
def timedelta_field(col: Column, name: str) -> Column:
    """``days``, ``seconds``, ``microseconds``, ``nanoseconds`` or ``total_seconds``.

    As pandas: ``days`` is int64 and the others int32, float64 with NaN where NaT.
    """
    xp = col.xp
    unit = unit_of(col.dtype)
    tps = _TICKS_PER_SECOND[unit]
    tpd = 86400 * tps
    ticks = _ticks(col)
    null = ticks == NAT
    if name == "total_seconds":
        out = xp.astype(ticks, xp.float64) / tps
        out = xp.where(null, xp.asarray(np.nan, dtype=xp.float64), out)
        return Column._from_parts(out)
    days = ticks // tpd
    rest = ticks - days * tpd
    if name == "days":
        return _int_result(col, days, null, np.int64)
    if name == "seconds":
        return _int_result(col, rest // tps, null, np.int32)
    sub = rest % tps
    if name == "microseconds":
        v = {"ns": sub // 1000, "us": sub, "ms": sub * 1000, "s": sub * 0}[unit]
        return _int_result(col, v, null, np.int32)
    if name == "nanoseconds":
        v = sub % 1000 if unit == "ns" else sub * 0
        return _int_result(col, v, null, np.int32)
    raise AttributeError(f"dt: unknown timedelta field {name!r}")


# ---------------------------------------------------------------------- arithmetic
def _finer(a: str, b: str) -> str:
    return a if _UNITS.index(a) >= _UNITS.index(b) else b


def _scalar_parts(value: Any) -> tuple[str, str, int] | None:
    """``(kind, unit, ticks)`` for a datetime/timedelta scalar (NaT: ticks=NAT), else None."""
    if value is pd.NaT:
        return None
    if isinstance(value, (np.timedelta64, _datetime.timedelta)):
        if isinstance(value, np.timedelta64) and np.isnat(value):
            u = unit_of(value.dtype)
            return ("m", u if u in _UNITS else "ns", NAT)
        td = pd.Timedelta(value)
        return ("m", td.unit, int(td.asm8.view(np.int64)))
    if isinstance(value, (np.datetime64, _datetime.datetime, _datetime.date)):
        if isinstance(value, np.datetime64) and np.isnat(value):
            u = unit_of(value.dtype)
            return ("M", u if u in _UNITS else "ns", NAT)
        ts = pd.Timestamp(value)
        if ts.tz is not None:
            raise TypeError(f"dt: tz-aware timestamps are not supported; received {value!r}")
        return ("M", ts.unit, int(ts.asm8.view(np.int64)))
    return None


def _as_ticks(ticks: Any, unit: str, target: str, *, xp: Any) -> Any:
    factor = _TICKS_PER_SECOND[target] // _TICKS_PER_SECOND[unit]
    if factor == 1:
        return ticks
    return xp.where(ticks == NAT, ticks, ticks * factor)


_RESULT_KIND = {
    ("add", "M", "m"): "M",
    ("add", "m", "M"): "M",
    ("add", "m", "m"): "m",
    ("sub", "M", "m"): "M",
    ("sub", "M", "M"): "m",
    ("sub", "m", "m"): "m",
}


def binary_op(op: str, left: Column, right: Any, *, reflected: bool = False) -> Column:
    """``left + right`` / ``left - right`` for datetime64/timedelta64 (tz-naive).

    ``right`` is a Column of the same length or a datetime/timedelta scalar (NumPy, pandas
    or ``datetime``). The result unit is the finer of the two, as pandas; NaT propagates.
    ``reflected=True`` computes ``right op left``.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array(["2020-01-31", "NaT"], dtype="datetime64[s]"))
    >>> out = binary_op("add", col, np.timedelta64(1, "D"))
    >>> out.dtype, out.to_pandas().astype(str).tolist()
    (dtype('<M8[s]'), ['2020-02-01', nan])
    """
    if op not in ("add", "sub"):
        raise ValueError(f"dt: `op` must be 'add' or 'sub'; received {op!r}")
    if involves_tz(left, right):
        return tz_binary_op(left, right, op, reflect=reflected)
    xp = left.xp
    lkind, lunit = left.dtype.kind, unit_of(left.dtype)
    if isinstance(right, Column):
        if not _dt.is_temporal(right.dtype):
            raise TypeError(f"dt: cannot {op} {left.dtype} and {right.dtype}")
        if len(right) != len(left):
            raise ValueError(f"dt: lengths differ: {len(left)} and {len(right)}")
        rkind, runit, rticks = right.dtype.kind, unit_of(right.dtype), _ticks(right)
    else:
        parts = _scalar_parts(right)
        if parts is None:
            if right is pd.NaT:  # as pandas: datetime - NaT is a timedelta
                nat_kind = "M" if (op == "sub" and lkind == "M" and not reflected) else "m"
                parts = (nat_kind, lunit, NAT)
            else:
                raise TypeError(
                    f"dt: cannot {op} a {left.dtype} column and {type(right).__name__} {right!r}"
                )
        rkind, runit, scalar = parts
        rticks = xp.asarray(scalar, dtype=xp.int64)
    a_kind, b_kind = (rkind, lkind) if reflected else (lkind, rkind)
    kind = _RESULT_KIND.get((op, a_kind, b_kind))
    if kind is None:
        a_t = "datetime64" if a_kind == "M" else "timedelta64"
        b_t = "datetime64" if b_kind == "M" else "timedelta64"
        raise TypeError(f"dt: unsupported operand types for {op}: {a_t} and {b_t}")
    unit = _finer(lunit, runit)
    a = _as_ticks(_ticks(left), lunit, unit, xp=xp)
    b = _as_ticks(rticks, runit, unit, xp=xp)
    if reflected:
        a, b = b, a
    out = a + b if op == "add" else a - b
    null = (a == NAT) | (b == NAT)
    out = xp.where(null, xp.asarray(NAT, dtype=xp.int64), out)
    out = xp.asarray(xp.broadcast_to(out, (len(left),)), copy=True)
    return from_ticks(out, np.dtype(f"{kind}8[{unit}]"))


# ---------------------------------------------------------------------- tz-aware operands
def _tz_of(x: Any) -> Any:
    """The zone of a tz-aware column or scalar; None for naive/other operands."""
    if isinstance(x, Column):
        return x.dtype.tz if _dt.is_tz_aware(x.dtype) else None
    if isinstance(x, _datetime.datetime) and x.tzinfo is not None:
        return pd.Timestamp(x).tz
    return None


def _is_naive_datetime(x: Any) -> bool:
    if isinstance(x, Column):
        return _dt.is_datetime(x.dtype) and not _dt.is_tz_aware(x.dtype)
    if isinstance(x, np.datetime64):
        return True
    return isinstance(x, _datetime.datetime) and x.tzinfo is None and x is not pd.NaT


def involves_tz(left: Column, right: Any) -> bool:
    """True when an operation on ``left`` and ``right`` needs :func:`tz_binary_op`."""
    return _tz_of(left) is not None or _tz_of(right) is not None


def _strip(x: Any) -> Any:
    """A tz-aware operand as naive UTC instants (columns: same ticks; scalars: UTC)."""
    if isinstance(x, Column) and _dt.is_tz_aware(x.dtype):
        return x._replace(dtype=x.dtype.base)
    if _tz_of(x) is not None:
        ts = pd.Timestamp(x)
        return ts.asm8  # the UTC instant, naive
    return x


def _describe(x: Any) -> str:
    return str(x.dtype) if isinstance(x, Column) else type(x).__name__


def _invalid_comparison(left: Column, op: str, a_desc: str, b_desc: str) -> Column:
    """pandas' answer to comparing values that cannot be compared: ``eq`` all False, ``ne``
    all True, an ordering raises ``TypeError``."""
    if op in ("eq", "ne"):
        xp = left.xp
        fill = xp.ones if op == "ne" else xp.zeros
        return Column._from_parts(fill(len(left), dtype=xp.bool))
    raise TypeError(f"Invalid comparison between {a_desc} and {b_desc}")


def tz_binary_op(left: Column, right: Any, op: str, *, reflect: bool = False) -> Column:
    """``left <op> right`` where an operand is tz-aware, as pandas.

    Comparisons of tz-aware operands compare instants (any zones); tz-aware against naive
    datetimes (or numbers) compare unequal (``eq`` False, ``ne`` True) and raise
    ``TypeError`` for an ordering. ``aware - aware`` is a timedelta, ``aware ± timedelta``
    stays in the zone (absolute time), ``aware - naive`` raises ``TypeError``. A str
    compared with a tz-aware column is read as a time in the column's zone.

    Examples
    --------
    >>> import pandas as pd
    >>> from gpuframe.column import as_column
    >>> s = pd.Series(pd.to_datetime(["2021-03-28 01:30"]).tz_localize("Europe/Paris"))
    >>> col = as_column(s)
    >>> tz_binary_op(col, pd.Timestamp("2021-03-28 00:30", tz="UTC"), "eq").to_pandas().tolist()
    [True]
    >>> str(tz_binary_op(col, pd.Timedelta("1h"), "add").to_pandas()[0])
    '2021-03-28 03:30:00+02:00'
    """
    from ..column._binary import COMPARISON
    from ..column._binary import binary_op as _generic

    ltz, rtz = _tz_of(left), _tz_of(right)
    if isinstance(right, str) and ltz is not None and op in COMPARISON:
        try:  # as pandas: a wall time in the column's zone (invalid when it is not one)
            ts = pd.Timestamp(right)
            right = ts if ts.tz is not None else ts.tz_localize(ltz)
            rtz = right.tz
        except ValueError:
            return _invalid_comparison(left, op, f"dtype={left.dtype}", "str")
    a_desc = f"dtype={left.dtype}" if not reflect else _describe(right)
    b_desc = _describe(right) if not reflect else f"dtype={left.dtype}"
    aware = (ltz is not None) + (rtz is not None)
    if op in COMPARISON:
        other = right if ltz is not None else left
        numeric = not isinstance(other, Column) and isinstance(other, (int, float, np.number))
        numeric = numeric or (isinstance(other, Column) and _dt.is_numeric(other.dtype))
        if aware == 1 and (_is_naive_datetime(other) or numeric):
            return _invalid_comparison(left, op, a_desc, b_desc)
        return _generic(_strip(left), _strip(right), op, reflect=reflect)
    if op not in ("add", "sub"):
        raise TypeError(f"unsupported operand types for {op}: {_describe(left)} and {b_desc}")
    if aware == 1 and op == "sub":
        other = right if ltz is not None else left
        if _is_naive_datetime(other):
            raise TypeError("Cannot subtract tz-naive and tz-aware datetime-like objects")
    out = _generic(_strip(left), _strip(right), op, reflect=reflect)
    tz = ltz if ltz is not None else rtz
    if _dt.is_datetime(out.dtype) and not _dt.is_tz_aware(out.dtype):
        return out._replace(dtype=_dt.DatetimeTZDtype(unit_of(out.dtype), tz))
    return out
