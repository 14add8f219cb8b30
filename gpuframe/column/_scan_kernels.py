"""NumPy fast paths of ``cumsum`` (integers) and ``diff``: one pass, row chunks on the
process's cores (:mod:`gpuframe.backend._parallel`).

Integer sums wrap modulo 2**64 the same in any order, so per-chunk sums and a running start
give NumPy's ``cumsum`` exactly; a difference is element-wise. Inputs are NumPy arrays
without missing values (the callers check).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..backend._parallel import chunk_bounds, map_chunks, num_workers, parallel_rows

__all__ = ["cumsum_ints", "diff_numpy"]


@njit(cache=True, nogil=True)
def _cumsum_from(x, start, out):  # pragma: no cover - compiled
    acc = start
    for i in range(x.shape[0]):
        acc += x[i]
        out[i] = acc


def cumsum_ints(x: np.ndarray) -> np.ndarray:
    """``np.cumsum(x)`` of a 1-D integer array (same dtype: int64/uint64 for narrower ints).

    Examples
    --------
    >>> cumsum_ints(np.array([1, 2, 3], dtype=np.int32)).tolist()
    [1, 3, 6]
    >>> cumsum_ints(np.array([2**63 - 1, 1])).tolist()  # wraps, as NumPy
    [9223372036854775807, -9223372036854775808]
    """
    n = x.shape[0]
    res = np.cumsum(x[:1]).dtype
    out = np.empty(n, dtype=res)
    if n == 0:
        return out
    if not parallel_rows(n):
        _cumsum_from(x, res.type(0), out)
        return out
    k = num_workers()  # the same chunks twice: their sums, then each from its start
    sums = map_chunks(lambda s, e: x[s:e].sum(dtype=res), n, chunks=k)
    starts = np.concatenate([np.zeros(1, dtype=res), np.cumsum(np.array(sums, dtype=res))])
    chunk_of = {s: i for i, (s, _) in enumerate(chunk_bounds(n, k))}

    def body(s: int, e: int) -> None:
        _cumsum_from(x[s:e], starts[chunk_of[s]], out[s:e])

    map_chunks(body, n, chunks=k)
    return out


def diff_numpy(x: np.ndarray, periods: int) -> np.ndarray:
    """``x[i] - x[i - periods]`` (NaN where there is no partner), as pandas' ``diff``: floats
    keep their dtype; integers subtract in their own dtype (wrapping; int8/int16 in int32)
    and give float64 (float32 for int8/int16).

    Examples
    --------
    >>> diff_numpy(np.array([1, 4, 9]), 1).tolist()
    [nan, 3.0, 5.0]
    >>> diff_numpy(np.array([1.0, 4.0, 9.0]), -2).tolist()
    [-8.0, nan, nan]
    >>> diff_numpy(np.array([200, 0], dtype=np.uint8), 1).tolist()  # wraps, as pandas
    [nan, 56.0]
    """
    n = x.shape[0]
    work: np.dtype = x.dtype
    res: np.dtype
    if x.dtype in (np.int8, np.int16):
        res, work = np.dtype(np.float32), np.dtype(np.int32)
    elif x.dtype.kind in "iu":
        res = np.dtype(np.float64)
    else:
        res = x.dtype
    out = np.empty(n, dtype=res)
    k = min(abs(int(periods)), n)
    m = n - k  # rows with a partner
    lo, hi = (k, 0) if periods >= 0 else (0, k)  # out[lo + i] = x[lo + i] - x[hi + i]

    def body(s: int, e: int) -> None:
        a, b = x[lo + s : lo + e], x[hi + s : hi + e]
        np.subtract(a, b, out=out[lo + s : lo + e], dtype=work)

    with np.errstate(all="ignore"):
        map_chunks(body, m)
    (out[:k] if periods >= 0 else out[m:]).fill(np.nan)
    return out
