"""NumPy fast path for looking integer values up among a few distinct integer keys.

A table over the keys' range replaces hashing: one Numba pass over the values. Kernels see
raw arrays only; inputs are already validated (unique keys).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["code_counts", "dense_count_distinct", "dense_isin", "dense_positions"]


@njit(cache=True, nogil=True)
def _dense_positions(values, lo, table, out):  # pragma: no cover - compiled
    m = table.shape[0]
    for i in range(values.shape[0]):
        j = np.int64(values[i]) - lo
        out[i] = table[j] if 0 <= j < m else -1


def dense_positions(values: np.ndarray, keys: np.ndarray) -> np.ndarray | None:
    """For each value the position of the equal key (-1 when absent), or None when the keys
    span too wide a range for a table (or are not integers below 2**63).

    Examples
    --------
    >>> dense_positions(np.array([5, 7, 9]), np.array([9, 5])).tolist()
    [1, -1, 0]
    """
    ok = ("i", "u")
    if values.dtype.kind not in ok or keys.dtype.kind not in ok or keys.shape[0] == 0:
        return None
    if (values.dtype.kind == "u" and values.dtype.itemsize == 8) or (
        keys.dtype.kind == "u" and keys.dtype.itemsize == 8
    ):
        return None
    lo, hi = int(keys.min()), int(keys.max())
    if hi - lo >= 4 * keys.shape[0] + 1024:
        return None
    table = np.full(hi - lo + 1, -1, dtype=np.int64)
    table[keys.astype(np.int64) - lo] = np.arange(keys.shape[0], dtype=np.int64)
    out = np.empty(values.shape[0], dtype=np.int64)
    _dense_positions(np.ascontiguousarray(values), lo, table, out)
    return out


@njit(cache=True, nogil=True)
def _count_seen(values, lo, seen):  # pragma: no cover - compiled
    k = 0
    for i in range(values.shape[0]):
        j = np.int64(values[i]) - lo
        if not seen[j]:
            seen[j] = True
            k += 1
    return k


def dense_count_distinct(values: np.ndarray) -> int | None:
    """Number of distinct integers by a table over their range (one pass, no hashing), or
    None when the range is too wide next to the length (or the dtype is not a small int).

    Examples
    --------
    >>> dense_count_distinct(np.array([3, 1, 3, 2], dtype=np.int32))
    3
    """
    n = values.shape[0]
    if values.dtype.kind not in "iu" or values.dtype.itemsize == 8 or n == 0:
        return None
    lo, hi = int(values.min()), int(values.max())
    if hi - lo >= 4 * n + 1024:
        return None
    seen = np.zeros(hi - lo + 1, dtype=np.bool_)
    return int(_count_seen(np.ascontiguousarray(values), lo, seen))


@njit(cache=True, nogil=True)
def _code_counts(codes, out):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        out[codes[i] + 1] += 1


def code_counts(codes: np.ndarray, k: int) -> np.ndarray:
    """Rows per code ``-1 .. k - 1`` of dictionary codes in one pass: ``out[0]`` counts the
    missing rows (code -1), ``out[c + 1]`` code ``c``.

    Examples
    --------
    >>> code_counts(np.array([1, -1, 1, 0], dtype=np.int32), 3).tolist()
    [1, 1, 2, 0]
    """
    out = np.zeros(k + 1, dtype=np.int64)
    _code_counts(np.ascontiguousarray(codes), out)
    return out


@njit(cache=True, nogil=True)
def _member(values, lo, table, fill, out):  # pragma: no cover - compiled
    m = table.shape[0]
    for i in range(values.shape[0]):
        j = np.int64(values[i]) - lo
        out[i] = table[j] if 0 <= j < m else (fill and j < 0)


def dense_isin(values: np.ndarray, keys: np.ndarray, *, lo: int = 0, fill: bool = False):
    """``values`` in ``keys`` by a bool table over ``[lo, max(keys)]`` (one pass), or None when
    the range is too wide; values below ``lo`` give ``fill``, values above the keys False
    (codes: ``lo=0`` and ``fill`` for the missing code -1).

    Examples
    --------
    >>> dense_isin(np.array([1, 5, 3]), np.array([3, 1]), lo=1).tolist()
    [True, False, True]
    """
    if values.dtype.kind not in "iu" or (values.dtype.kind == "u" and values.dtype.itemsize == 8):
        return None
    hi = int(keys.max()) if keys.shape[0] else lo
    if hi - lo >= 4 * max(keys.shape[0], 1) + (1 << 16):
        return None
    table = np.zeros(hi - lo + 1, dtype=np.bool_)
    if keys.shape[0]:
        table[keys.astype(np.int64) - lo] = True
    out = np.empty(values.shape[0], dtype=np.bool_)
    _member(np.ascontiguousarray(values), lo, table, bool(fill), out)
    return out
