"""NumPy fast path for mapping dictionary codes through a small per-entry table.

One Numba pass (the table stays in cache; no bounds-checked ``np.take``); kernels see raw
arrays only and the inputs are already validated (codes in ``[-1, len(table) - 1)``).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["lookup"]


@njit(cache=True, nogil=True)
def _lookup(table, codes, out):  # pragma: no cover - compiled
    m = table.shape[0]
    for i in range(codes.shape[0]):
        c = codes[i]
        out[i] = table[c if c >= 0 else m + c]


def lookup(table: np.ndarray, codes: np.ndarray, fill: object) -> np.ndarray:
    """``table[codes]``, with ``fill`` where the code is -1 (a missing row).

    Examples
    --------
    >>> lookup(np.array([True, False]), np.array([1, -1, 0], dtype=np.int32), False).tolist()
    [False, False, True]
    """
    ext = np.append(table, np.asarray(fill, dtype=table.dtype))
    out = np.empty(codes.shape[0], dtype=ext.dtype)
    _lookup(ext, np.ascontiguousarray(codes), out)
    return out
