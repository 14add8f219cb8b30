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


@njit(cache=True, nogil=True)
def _civil_field(ticks, ticks_per_day, which, out):  # pragma: no cover - compiled
    u = np.uint64
    nat = False
    for i in range(ticks.shape[0]):
        t = ticks[i]
        if t == _NAT:
            out[i] = 0
            nat = True
            continue
        # floor division (as Python's) by a literal: compiled to multiplications
        if ticks_per_day == 86_400_000_000_000:
            z = t // 86_400_000_000_000 + 719468
        elif ticks_per_day == 86_400_000_000:
            z = t // 86_400_000_000 + 719468
        elif ticks_per_day == 86_400_000:
            z = t // 86_400_000 + 719468
        else:
            z = t // ticks_per_day + 719468
        era = z // 146097
        doe = u(z - era * 146097)
        yoe = (doe - doe // u(1460) + doe // u(36524) - doe // u(146096)) // u(365)
        doy = doe - (u(365) * yoe + yoe // u(4) - yoe // u(100))
        mp = (u(5) * doy + u(2)) // u(153)
        m = np.int64(mp) + 3 if mp < 10 else np.int64(mp) - 9
        if which == 0:
            out[i] = np.int64(yoe) + era * 400 + (1 if m <= 2 else 0)
        elif which == 1:
            out[i] = m
        elif which == 2:
            out[i] = np.int64(doy - (u(153) * mp + u(2)) // u(5) + u(1))
        else:
            out[i] = (m - 1) // 3 + 1
    return nat


def civil_field_numpy(ticks: np.ndarray, ticks_per_day: int, name: str) -> tuple[np.ndarray, bool]:
    """int32 ``year``, ``month``, ``day`` or ``quarter`` of int64 ticks in one pass, and
    whether a NaT (int64 min) was seen (its slots hold 0).

    Examples
    --------
    >>> v, nat = civil_field_numpy(np.array([0, 18321 * 86400]), 86400, "month")
    >>> v.tolist(), nat
    ([1, 2], False)
    """
    ticks = np.ascontiguousarray(ticks)
    out = np.empty(ticks.shape[0], dtype=np.int32)
    tpd, which = int(ticks_per_day), _CIVIL_FIELDS[name]

    def body(s: int, e: int) -> bool:
        return bool(_civil_field(ticks[s:e], tpd, which, out[s:e]))

    return out, any(map_chunks(body, ticks.shape[0]))


@njit(cache=True, nogil=True)
def _clock_field(ticks, div, offset, modulo, out):  # pragma: no cover - compiled
    # ((t // div) + offset) % modulo, floor semantics (as Python's); the common divisors
    # and moduli are literals, so the divisions compile to multiplications
    nat = False
    for i in range(ticks.shape[0]):
        t = ticks[i]
        if t == _NAT:
            out[i] = 0
            nat = True
            continue
        if div == 3_600_000_000_000:  # hour, ns
            q = t // 3_600_000_000_000
        elif div == 60_000_000_000:  # minute, ns
            q = t // 60_000_000_000
        elif div == 1_000_000_000:  # second, ns
            q = t // 1_000_000_000
        elif div == 86_400_000_000_000:  # day, ns
            q = t // 86_400_000_000_000
        elif div == 3_600_000_000:  # us
            q = t // 3_600_000_000
        elif div == 60_000_000:
            q = t // 60_000_000
        elif div == 1_000_000:
            q = t // 1_000_000
        elif div == 86_400_000_000:
            q = t // 86_400_000_000
        elif div == 3_600_000:  # ms
            q = t // 3_600_000
        elif div == 60_000:
            q = t // 60_000
        elif div == 1_000:
            q = t // 1_000
        elif div == 86_400_000:
            q = t // 86_400_000
        elif div == 3_600:  # s
            q = t // 3_600
        elif div == 60:
            q = t // 60
        elif div == 86_400:
            q = t // 86_400
        else:
            q = t // div
        q += offset
        if modulo == 24:
            out[i] = q % 24
        elif modulo == 60:
            out[i] = q % 60
        elif modulo == 7:
            out[i] = q % 7
        else:
            out[i] = q % modulo
    return nat


# name -> (seconds per step, offset, modulo): field = (ticks // step + offset) % modulo
_CLOCK_FIELDS = {
    "hour": (3600, 0, 24),
    "minute": (60, 0, 60),
    "second": (1, 0, 60),
    "dayofweek": (86400, 3, 7),  # 1970-01-01 was a Thursday (Monday = 0)
}


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
    seconds, offset, modulo = _CLOCK_FIELDS[name]
    div = int(seconds) * int(ticks_per_second)

    def body(s: int, e: int) -> bool:
        return bool(_clock_field(ticks[s:e], div, offset, modulo, out[s:e]))

    return out, any(map_chunks(body, ticks.shape[0]))
