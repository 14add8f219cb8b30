"""NumPy fast path of the civil calendar: one Numba pass instead of ~30 array temporaries.

Kernels see raw arrays only; inputs are already validated. The array-namespace version in
:mod:`._datetime_ops` is the reference (and the one CuPy runs). The kernels release the GIL;
large inputs run as row chunks on the process's cores (:mod:`gpuframe.backend._parallel`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..backend._parallel import map_chunks

__all__ = ["civil_field_numpy", "civil_from_days_numpy", "clock_field_numpy"]


@njit(cache=True, nogil=True)
def _civil(days: np.ndarray, year: np.ndarray, month: np.ndarray, day: np.ndarray) -> None:
    # past the era split every quantity is non-negative: unsigned division by constants
    # compiles to multiplications (signed floor division does not), ~2.5x faster
    u = np.uint64
    for i in range(days.shape[0]):
        z = days[i] + 719468
        era = z // 146097
        doe = u(z - era * 146097)
        yoe = (doe - doe // u(1460) + doe // u(36524) - doe // u(146096)) // u(365)
        doy = doe - (u(365) * yoe + yoe // u(4) - yoe // u(100))
        mp = (u(5) * doy + u(2)) // u(153)
        d = doy - (u(153) * mp + u(2)) // u(5) + u(1)
        m = np.int64(mp) + 3 if mp < 10 else np.int64(mp) - 9
        year[i] = np.int64(yoe) + era * 400 + (1 if m <= 2 else 0)
        month[i] = m
        day[i] = np.int64(d)


def civil_from_days_numpy(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(year, month, day)`` int64 arrays for int64 days since 1970-01-01.

    Examples
    --------
    >>> y, m, d = civil_from_days_numpy(np.array([0, -1, 18321]))
    >>> y.tolist(), m.tolist(), d.tolist()
    ([1970, 1969, 2020], [1, 12, 2], [1, 31, 29])
    """
    days = np.ascontiguousarray(days, dtype=np.int64)
    year = np.empty_like(days)
    month = np.empty_like(days)
    day = np.empty_like(days)

    def body(s: int, e: int) -> None:
        _civil(days[s:e], year[s:e], month[s:e], day[s:e])

    map_chunks(body, days.shape[0])
    return year, month, day


_NAT = np.iinfo(np.int64).min
_CIVIL_FIELDS = {"year": 0, "month": 1, "day": 2, "quarter": 3}
_UNITS = {1: 0, 1_000: 1, 1_000_000: 2, 1_000_000_000: 3}  # ticks per second -> unit code

# Divisions by typed module constants (inlined into each loop below) compile to
# multiplications; unsigned ones need no sign fix-up. A block of non-negative ticks (times
# from 1970 on, no NaT) takes that path; other blocks take the signed floor divisions.
_U = np.uint64
_U0, _U1, _U2, _U3, _U4, _U5 = _U(0), _U(1), _U(2), _U(3), _U(4), _U(5)
_U7, _U24, _U60, _U100, _U153, _U365 = _U(7), _U(24), _U(60), _U(100), _U(153), _U(365)
_U400, _U1460, _U3600, _U36524, _U86400 = _U(400), _U(1460), _U(3600), _U(36524), _U(86400)
_U146096, _U146097, _U719468 = _U(146096), _U(146097), _U(719468)
_PER_S_S, _PER_S_MS, _PER_S_US, _PER_S_NS = _U(1), _U(1_000), _U(1_000_000), _U(1_000_000_000)
_BLOCK = 4096
_TABLE = 1 << 14  # days (~45 years, 64 KiB of int32)
_UTABLE, _UHALF = _U(_TABLE), _U(_TABLE // 2)


@njit(cache=True, nogil=True, inline="always")
def _block_min(ticks, b, e):  # pragma: no cover - compiled
    lo = ticks[b]
    for i in range(b + 1, e):
        lo = min(lo, ticks[i])
    return lo


@njit(cache=True, nogil=True, inline="always")
def _civil_of_z(z, which):  # pragma: no cover - compiled
    # z: days since 0000-03-01, non-negative (uint64)
    era = z // _U146097
    doe = z - era * _U146097
    yoe = (doe - doe // _U1460 + doe // _U36524 - doe // _U146096) // _U365
    doy = doe - (_U365 * yoe + yoe // _U4 - yoe // _U100)
    mp = (_U5 * doy + _U2) // _U153
    m = np.int64(mp) + 3 if mp < 10 else np.int64(mp) - 9
    if which == 0:
        return np.int64(yoe + era * _U400) + (1 if m <= 2 else 0)
    if which == 1:
        return m
    if which == 2:
        return np.int64(doy - (_U153 * mp + _U2) // _U5 + _U1)
    return (m - 1) // 3 + 1


@njit(cache=True, nogil=True, inline="always")
def _civil_signed(t, per_day, which):  # pragma: no cover - compiled
    z = t // per_day + 719468  # floor division (as Python's)
    era = z // 146097
    doe = _U(z - era * 146097)
    yoe = (doe - doe // _U1460 + doe // _U36524 - doe // _U146096) // _U365
    doy = doe - (_U365 * yoe + yoe // _U4 - yoe // _U100)
    mp = (_U5 * doy + _U2) // _U153
    m = np.int64(mp) + 3 if mp < 10 else np.int64(mp) - 9
    if which == 0:
        return np.int64(yoe) + era * 400 + (1 if m <= 2 else 0)
    if which == 1:
        return m
    if which == 2:
        return np.int64(doy - (_U153 * mp + _U2) // _U5 + _U1)
    return (m - 1) // 3 + 1


@njit(cache=True, nogil=True, inline="always")
def _civil_loop(ticks, per_s, which, out):  # pragma: no cover - compiled
    nat = False
    n = ticks.shape[0]
    per_day = np.int64(per_s * _U86400)
    # the field of _TABLE consecutive days around the first one, built on first use: most
    # columns span a few decades, and a lookup is cheaper than the civil arithmetic
    table = np.empty(_TABLE, dtype=np.int32)
    base = _U0
    built = False
    for b in range(0, n, _BLOCK):
        e = min(b + _BLOCK, n)
        if _block_min(ticks, b, e) >= 0:
            for i in range(b, e):
                days = _U(ticks[i]) // per_s // _U86400
                if not built:
                    base = days - _UHALF if days >= _UHALF else _U0
                    for k in range(_TABLE):
                        table[k] = _civil_of_z(base + _U(k) + _U719468, which)
                    built = True
                k = days - base  # unsigned: days before the table wrap to a large k
                if k < _UTABLE:
                    out[i] = table[k]
                else:
                    out[i] = _civil_of_z(days + _U719468, which)
        else:
            for i in range(b, e):
                t = ticks[i]
                if t == _NAT:
                    out[i] = 0
                    nat = True
                else:
                    out[i] = _civil_signed(t, per_day, which)
    return nat


@njit(cache=True, nogil=True, inline="always")
def _civil_unit(ticks, per_s, which, out):  # pragma: no cover - compiled
    if which == 0:
        return _civil_loop(ticks, per_s, 0, out)
    if which == 1:
        return _civil_loop(ticks, per_s, 1, out)
    if which == 2:
        return _civil_loop(ticks, per_s, 2, out)
    return _civil_loop(ticks, per_s, 3, out)


@njit(cache=True, nogil=True)
def _civil_field(ticks, unit, which, out):  # pragma: no cover - compiled
    if unit == 3:
        return _civil_unit(ticks, _PER_S_NS, which, out)
    if unit == 2:
        return _civil_unit(ticks, _PER_S_US, which, out)
    if unit == 1:
        return _civil_unit(ticks, _PER_S_MS, which, out)
    return _civil_unit(ticks, _PER_S_S, which, out)


def civil_field_numpy(ticks: np.ndarray, ticks_per_day: int, name: str) -> tuple[np.ndarray, bool]:
    """int32 ``year``, ``month``, ``day`` or ``quarter`` of int64 ticks in one pass, and
    whether a NaT (int64 min) was seen (its slots hold 0).

    Examples
    --------
    >>> v, nat = civil_field_numpy(np.array([0, 18321 * 86400, -1]), 86400, "month")
    >>> v.tolist(), nat
    ([1, 2, 12], False)
    """
    ticks = np.ascontiguousarray(ticks, dtype=np.int64)
    out = np.empty(ticks.shape[0], dtype=np.int32)
    unit, which = _UNITS[int(ticks_per_day) // 86400], _CIVIL_FIELDS[name]

    def body(s: int, e: int) -> bool:
        return bool(_civil_field(ticks[s:e], unit, which, out[s:e]))

    return out, any(map_chunks(body, ticks.shape[0]))


@njit(cache=True, nogil=True, inline="always")
def _clock_loop(ticks, per_s, step, offset, modulo, out):  # pragma: no cover - compiled
    # ((t // per_s // step) + offset) % modulo, floor semantics (as Python's)
    nat = False
    n = ticks.shape[0]
    for b in range(0, n, _BLOCK):
        e = min(b + _BLOCK, n)
        if _block_min(ticks, b, e) >= 0:
            for i in range(b, e):
                out[i] = np.int32((_U(ticks[i]) // per_s // step + offset) % modulo)
        else:
            for i in range(b, e):
                t = ticks[i]
                if t == _NAT:
                    out[i] = 0
                    nat = True
                else:
                    q = t // np.int64(per_s) // np.int64(step) + np.int64(offset)
                    out[i] = q % np.int64(modulo)
    return nat


@njit(cache=True, nogil=True, inline="always")
def _clock_unit(ticks, per_s, which, out):  # pragma: no cover - compiled
    if which == 0:  # hour
        return _clock_loop(ticks, per_s, _U3600, _U0, _U24, out)
    if which == 1:  # minute
        return _clock_loop(ticks, per_s, _U60, _U0, _U60, out)
    if which == 2:  # second
        return _clock_loop(ticks, per_s, _U1, _U0, _U60, out)
    # day of the week: 1970-01-01 was a Thursday (Monday = 0)
    return _clock_loop(ticks, per_s, _U86400, _U3, _U7, out)


@njit(cache=True, nogil=True)
def _clock_field(ticks, unit, which, out):  # pragma: no cover - compiled
    if unit == 3:
        return _clock_unit(ticks, _PER_S_NS, which, out)
    if unit == 2:
        return _clock_unit(ticks, _PER_S_US, which, out)
    if unit == 1:
        return _clock_unit(ticks, _PER_S_MS, which, out)
    return _clock_unit(ticks, _PER_S_S, which, out)


_CLOCK_FIELDS = {"hour": 0, "minute": 1, "second": 2, "dayofweek": 3}


def clock_field_numpy(
    ticks: np.ndarray, ticks_per_second: int, name: str
) -> tuple[np.ndarray, bool]:
    """int32 ``hour``, ``minute``, ``second`` or ``dayofweek`` of int64 ticks in one pass, and
    whether a NaT (int64 min) was seen (its slots hold 0).

    Examples
    --------
    >>> v, nat = clock_field_numpy(np.array([0, -1, 90061]), 1, "hour")
    >>> v.tolist(), nat
    ([0, 23, 1], False)
    >>> clock_field_numpy(np.array([0, 86400 * 4]), 1, "dayofweek")[0].tolist()
    [3, 0]
    """
    ticks = np.ascontiguousarray(ticks, dtype=np.int64)
    out = np.empty(ticks.shape[0], dtype=np.int32)
    unit, which = _UNITS[int(ticks_per_second)], _CLOCK_FIELDS[name]

    def body(s: int, e: int) -> bool:
        return bool(_clock_field(ticks[s:e], unit, which, out[s:e]))

    return out, any(map_chunks(body, ticks.shape[0]))
