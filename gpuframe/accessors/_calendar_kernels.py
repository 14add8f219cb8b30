"""NumPy fast path of the civil calendar: one Numba pass instead of ~30 array temporaries.

Kernels see raw arrays only; inputs are already validated. The array-namespace version in
:mod:`._datetime_ops` is the reference (and the one CuPy runs).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["civil_from_days_numpy"]


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
    _civil(days, year, month, day)
    return year, month, day
