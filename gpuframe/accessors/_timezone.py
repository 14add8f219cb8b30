"""Time zones for tz-aware datetime columns: UTC instants <-> local wall times.

A tz-aware column holds int64 UTC instants (see :class:`gpuframe.dtypes.DatetimeTZDtype`).
Its local wall time is ``instant + offset(instant)``. The offsets of a zone over the data's
range are a *transition table*, built on the host (small: two entries a year for a zone with
daylight saving time) from pandas' own conversion (``zoneinfo``/``dateutil`` zones, fixed
offsets, UTC), so the results are pandas' exactly:

- ``trans``: the sorted UTC instants (in the column's unit) where the offset changes;
- ``offsets``: ``len(trans) + 1`` offsets (in the unit), ``offsets[i]`` in force before
  ``trans[i]`` (the last one after the last transition).

The device applies it with ``searchsorted`` + gather, written once against the array
namespace (NumPy, CuPy, array-api-strict alike). Localizing (wall time -> UTC) follows
pandas' ``tz_localize_to_utc``: the wall time read with the offset one day before and one
day after gives two candidates; a candidate is valid when the offset at its instant is the
one assumed; two valid distinct candidates are an *ambiguous* time (the repeated hour when
clocks go back), none a *nonexistent* one (the skipped hour when they go forward).
"""

from __future__ import annotations

import datetime as _datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ..backend import asarray, to_host

__all__ = ["local_to_utc", "normalize_tz", "transition_table", "tz_name", "utc_to_local"]

NAT = np.iinfo(np.int64).min
_TICKS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_DAY_SECONDS = 86400
_MAX_SAMPLES = 2_000_000  # hourly samples up to ~228 years, coarser beyond


def normalize_tz(tz: Any, *, func: str = "tz") -> Any:
    """pandas' tzinfo for ``tz`` (a zone name, ``"UTC"``, ``"+05:30"`` or a tzinfo).

    Raises ``TypeError`` naming ``tz`` when it is not a time zone.

    Examples
    --------
    >>> str(normalize_tz("Europe/Paris")), str(normalize_tz("+05:30"))
    ('Europe/Paris', 'UTC+05:30')
    """
    if tz is None or isinstance(tz, (bool, int, float)):
        raise TypeError(f"{func}: `tz` must be a time zone name or tzinfo; received {tz!r}")
    try:
        return pd.DatetimeTZDtype("ns", tz).tz
    except Exception as e:  # pandas raises several types for an unknown zone
        raise TypeError(f"{func}: unknown time zone `tz`={tz!r}: {e}") from e


def tz_name(tz: Any) -> str:
    """The zone as Arrow writes it (``"Europe/Paris"``, ``"UTC"``, ``"+05:30"``)."""
    import pyarrow as pa

    return str(pa.lib.tzinfo_to_string(tz))


def _fixed_offset_seconds(tz: Any) -> int | None:
    """The offset of a fixed-offset zone (UTC, ``datetime.timezone``) in seconds, else None."""
    if isinstance(tz, _datetime.timezone):
        off = tz.utcoffset(None)
        return int(off.total_seconds()) if off is not None else 0
    return None


def _offsets_at(tz: Any, seconds: np.ndarray) -> np.ndarray:
    """UTC offsets (int64 seconds) of ``tz`` at the UTC instants ``seconds``, by pandas."""
    utc = pd.DatetimeIndex(seconds.astype(np.int64).view("M8[s]")).tz_localize("UTC")
    local = utc.tz_convert(tz).tz_localize(None)
    return np.asarray(local.asi8, dtype=np.int64) - np.asarray(utc.asi8, dtype=np.int64)


_ZONES: dict[Any, Any] = {}  # cache key -> zone, for zones that cannot be hashed


def _zone_key(tz: Any) -> Any:
    """A hashable stand-in for ``tz`` (dateutil's zones cannot be hashed)."""
    try:
        hash(tz)
        return tz
    except TypeError:
        key = ("unhashable", type(tz).__qualname__, repr(tz))
        _ZONES.setdefault(key, tz)
        return key


def _table_seconds(tz: Any, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    return _table_seconds_cached(_zone_key(tz), lo, hi)


@lru_cache(maxsize=128)
def _table_seconds_cached(key: Any, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Transitions (UTC seconds) and offsets (seconds) of a zone for instants in [lo, hi]."""
    tz = _ZONES.get(key, key) if isinstance(key, tuple) else key
    fixed = _fixed_offset_seconds(tz)
    if fixed is not None:
        return np.zeros(0, dtype=np.int64), np.array([fixed], dtype=np.int64)
    step = max(3600, -(-(hi - lo) // _MAX_SAMPLES))
    samples = np.arange(lo, hi + step, step, dtype=np.int64)
    offs = _offsets_at(tz, samples)
    change = np.flatnonzero(offs[1:] != offs[:-1])
    left = samples[change]  # offset offs[change] at left, a new one at right
    right = samples[change + 1]
    before = offs[change]
    while left.size and bool(np.any(right - left > 1)):  # bisect to the exact second
        mid = left + (right - left) // 2
        same = _offsets_at(tz, mid) == before
        left = np.where(same, mid, left)
        right = np.where(same, right, mid)
    out_offs = np.concatenate([offs[:1], offs[change + 1]]) if offs.size else offs
    return right.astype(np.int64), out_offs.astype(np.int64)


def _year_start(year: int) -> int:
    return int((np.datetime64(f"{year:04d}-01-01", "s") - np.datetime64(0, "s")).astype(np.int64))


def transition_table(tz: Any, lo: int, hi: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """Host transition table of ``tz`` covering the ticks ``lo``..``hi`` (unit ``unit``).

    The table spans whole years around the range (cached per zone and years), so columns
    over similar dates share one.

    Examples
    --------
    >>> lo = int(pd.Timestamp("2021-01-01").value)
    >>> trans, offs = transition_table(normalize_tz("Europe/Paris"), lo, lo, "ns")
    >>> [str(pd.Timestamp(t, tz="UTC")) for t in trans]
    ['2020-03-29 01:00:00+00:00', '2020-10-25 01:00:00+00:00', \
'2021-03-28 01:00:00+00:00', '2021-10-31 01:00:00+00:00', \
'2022-03-27 01:00:00+00:00', '2022-10-30 01:00:00+00:00']
    >>> (offs // 3_600_000_000_000).tolist()
    [1, 2, 1, 2, 1, 2, 1]
    """
    tps = _TICKS_PER_SECOND[unit]
    lo_s, hi_s = lo // tps, -(-hi // tps)
    y_lo = int(np.datetime64(lo_s, "s").astype("M8[Y]").astype(np.int64)) + 1970 - 1
    y_hi = int(np.datetime64(hi_s, "s").astype("M8[Y]").astype(np.int64)) + 1970 + 2
    y_lo, y_hi = max(y_lo, 1), min(y_hi, 9999)
    trans, offs = _table_seconds(tz, _year_start(y_lo), _year_start(y_hi))
    limit = np.iinfo(np.int64).max // tps  # transitions the unit cannot hold are dropped
    first, last = np.searchsorted(trans, [-limit, limit], side="left")
    return trans[first:last] * tps, offs[first : last + 1] * tps


def _range(ticks: Any, xp: Any) -> tuple[int, int] | None:
    """(min, max) of the non-NaT ticks (host ints), None when all are NaT."""
    valid = ticks != NAT
    if not bool(xp.any(valid)):
        return None
    big = xp.asarray(np.iinfo(np.int64).max, dtype=xp.int64)
    lo = int(xp.min(xp.where(valid, ticks, big)))
    hi = int(xp.max(ticks))
    return lo, hi


def _table_to(xp: Any, like: Any, host: np.ndarray) -> Any:
    """The host table on the device of ``like`` (one small transfer; counted for CuPy)."""
    if isinstance(like, np.ndarray):
        return host
    import array_api_compat

    if array_api_compat.is_cupy_array(like):
        from ..backend import array_device

        return asarray(host, device=array_device(like))
    return xp.asarray(host)  # another Array API library (array-api-strict in the tests)


def _offsets_of(ticks: Any, trans: Any, offs: Any, xp: Any) -> Any:
    """The offset (ticks) in force at each UTC instant of ``ticks``."""
    if offs.shape[0] == 1:
        return xp.broadcast_to(offs[0], ticks.shape)
    pos = xp.searchsorted(trans, ticks, side="right")
    return xp.take(offs, pos)


def _table_for(tz: Any, ticks: Any, unit: str, xp: Any, pad: int) -> tuple[Any, Any] | None:
    span = _range(ticks, xp)
    if span is None:
        return None
    trans, offs = transition_table(tz, span[0] - pad, span[1] + pad, unit)
    return _table_to(xp, ticks, trans), _table_to(xp, ticks, offs)


def utc_to_local(ticks: Any, unit: str, tz: Any, *, xp: Any) -> Any:
    """Local wall-time ticks of the UTC instants ``ticks`` (int64, NaT kept).

    Examples
    --------
    >>> t = np.array([pd.Timestamp("2021-03-28 00:30", tz="UTC").value, NAT])
    >>> out = utc_to_local(t, "ns", normalize_tz("Europe/Paris"), xp=np)
    >>> str(pd.Timestamp(out[0])), out[1] == NAT
    ('2021-03-28 01:30:00', np.True_)
    """
    table = _table_for(tz, ticks, unit, xp, 0)
    if table is None:
        return ticks
    trans, offs = table
    out = ticks + _offsets_of(ticks, trans, offs, xp)
    return xp.where(ticks == NAT, ticks, out)


def _bool_choice(ambiguous: Any, n: int, xp: Any, like: Any) -> Any:
    from ..column import Column

    if isinstance(ambiguous, Column):
        arr = ambiguous.data
    elif hasattr(ambiguous, "_column"):
        arr = ambiguous._column.data
    else:
        arr = to_host(ambiguous)  # a list, NumPy or CuPy array (never np.asarray on CuPy)
        if arr.dtype != np.bool_:
            raise TypeError(
                "tz_localize: `ambiguous` must be 'raise', 'NaT', 'infer' or a bool array; "
                f"received an array of dtype {arr.dtype}"
            )
        arr = _table_to(xp, like, arr)
    if arr.dtype != xp.bool or arr.ndim != 1:
        raise TypeError(f"tz_localize: `ambiguous` array must be bool; received {arr.dtype}")
    if arr.shape[0] != n:
        raise ValueError(
            f"tz_localize: `ambiguous` has length {arr.shape[0]}; the values have length {n}"
        )
    return arr


def check_localize_args(ambiguous: Any, nonexistent: Any) -> None:
    """Validate ``ambiguous``/``nonexistent`` of ``tz_localize``/``floor``/``ceil``/``round``."""
    if isinstance(ambiguous, str):
        if ambiguous == "infer":
            raise NotImplementedError("tz_localize: `ambiguous`='infer' is not supported")
        if ambiguous not in ("raise", "NaT"):
            raise ValueError(
                "tz_localize: `ambiguous` must be 'raise', 'NaT' or a bool array; "
                f"received {ambiguous!r}"
            )
    elif isinstance(ambiguous, (bool, np.bool_)):
        pass
    if isinstance(nonexistent, (_datetime.timedelta, np.timedelta64)):
        raise NotImplementedError("tz_localize: a timedelta `nonexistent` is not supported")
    if nonexistent not in ("raise", "NaT", "shift_forward", "shift_backward"):
        raise ValueError(
            "tz_localize: `nonexistent` must be 'raise', 'NaT', 'shift_forward' or "
            f"'shift_backward'; received {nonexistent!r}"
        )


def local_to_utc(
    ticks: Any,
    unit: str,
    tz: Any,
    *,
    xp: Any,
    ambiguous: Any = "raise",
    nonexistent: Any = "raise",
) -> Any:
    """UTC instants of the local wall times ``ticks`` in ``tz`` (pandas' ``tz_localize``).

    ``ambiguous`` (a wall time that happens twice): ``'raise'`` (``ValueError``), ``'NaT'``,
    or a bool array (True: the daylight-saving, i.e. first, instant). ``nonexistent`` (a
    wall time skipped): ``'raise'``, ``'NaT'``, ``'shift_forward'`` (the first instant after
    the gap) or ``'shift_backward'`` (the last one before it).

    Examples
    --------
    >>> wall = np.array([pd.Timestamp("2021-10-31 02:30").value] * 2)
    >>> out = local_to_utc(wall, "ns", normalize_tz("Europe/Paris"), xp=np,
    ...                    ambiguous=np.array([True, False]))
    >>> [str(pd.Timestamp(t, tz="UTC")) for t in out]
    ['2021-10-31 00:30:00+00:00', '2021-10-31 01:30:00+00:00']
    """
    check_localize_args(ambiguous, nonexistent)
    n = int(ticks.shape[0])
    choice = None
    if not isinstance(ambiguous, str):
        choice = _bool_choice(ambiguous, n, xp, ticks)
    tps = _TICKS_PER_SECOND[unit]
    day = _DAY_SECONDS * tps
    table = _table_for(tz, ticks, unit, xp, 2 * day)
    if table is None:
        return ticks
    trans, offs = table
    nat = ticks == NAT
    if offs.shape[0] == 1:
        return xp.where(nat, ticks, ticks - offs[0])
    safe = xp.where(nat, xp.zeros_like(ticks), ticks)
    off_a = _offsets_of(safe - day, trans, offs, xp)
    off_b = _offsets_of(safe + day, trans, offs, xp)
    cand_a = safe - off_a
    cand_b = safe - off_b
    ok_a = (_offsets_of(cand_a, trans, offs, xp) == off_a) & ~nat
    ok_b = (_offsets_of(cand_b, trans, offs, xp) == off_b) & ~nat
    nat_out = xp.asarray(NAT, dtype=xp.int64)
    out = xp.where(ok_a, cand_a, xp.where(ok_b, cand_b, nat_out))
    amb = ok_a & ok_b & (cand_a != cand_b)
    gap = ~ok_a & ~ok_b & ~nat
    if bool(xp.any(amb)):
        if choice is not None:
            out = xp.where(amb, xp.where(choice, cand_a, cand_b), out)
        elif ambiguous == "NaT":
            out = xp.where(amb, nat_out, out)
        else:
            first = _first(ticks, amb, unit)
            raise ValueError(
                f"Cannot infer dst time from {first}, try using the 'ambiguous' argument"
            )
    if bool(xp.any(gap)):
        if nonexistent == "raise":
            first = _first(ticks, gap, unit)
            raise ValueError(
                f"{first} is a nonexistent time due to daylight savings time. "
                "Try using the 'nonexistent' argument."
            )
        if nonexistent == "NaT":
            out = xp.where(gap, nat_out, out)
        else:
            # the transition T lies in (cand_b, cand_a]: the first instant after the gap
            pos = xp.searchsorted(trans, cand_b, side="right")
            last = trans.shape[0] - 1
            t = xp.take(trans, xp.where(pos > last, xp.zeros_like(pos) + last, pos))
            shifted = t if nonexistent == "shift_forward" else t - 1
            out = xp.where(gap, shifted, out)
    return out


def _first(ticks: Any, where: Any, unit: str) -> str:
    """The first wall time of ``ticks`` where ``where`` is True, as pandas prints it."""
    host = np.asarray(to_host(ticks))
    i = int(np.flatnonzero(np.asarray(to_host(where)))[0])
    return str(pd.Timestamp(int(host[i]), unit=unit))
