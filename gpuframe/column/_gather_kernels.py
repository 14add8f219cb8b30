"""``np.take`` of a 1-D NumPy array by a Numba loop: the same result (negative positions
count from the end, an out-of-bounds position raises NumPy's IndexError), about a quarter
faster on large random gathers (a sort's row order), and without the GIL."""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["take_1d"]

_MIN_ROWS = 1 << 16  # below this np.take's own overhead is as small
_UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


@njit(cache=True, nogil=True)
def _take(values, idx, out):  # pragma: no cover - compiled
    """``out[i] = values[idx[i]]``; the first out-of-bounds ``i``, or -1."""
    n = values.shape[0]
    for i in range(idx.shape[0]):
        j = idx[i]
        if j < 0:
            j += n
        if j < 0 or j >= n:
            return i
        out[i] = values[j]
    return -1


def take_1d(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """``np.take(values, idx)`` for a 1-D array of numbers, bools or times.

    Examples
    --------
    >>> take_1d(np.array([1.5, 2.5, 3.5]), np.array([2, -1, 0])).tolist()
    [3.5, 3.5, 1.5]
    """
    if (
        idx.shape[0] < _MIN_ROWS
        or values.ndim != 1
        or idx.ndim != 1
        or values.dtype.kind not in "biufmM"
        or values.dtype.itemsize not in _UINT
        or idx.dtype not in (np.int32, np.int64)
        or not values.flags.c_contiguous
    ):
        return np.take(values, idx)
    u = _UINT[values.dtype.itemsize]
    out = np.empty(idx.shape[0], dtype=values.dtype)
    if _take(values.view(u), np.ascontiguousarray(idx), out.view(u)) >= 0:
        return np.take(values, idx)  # raises NumPy's IndexError
    return out
