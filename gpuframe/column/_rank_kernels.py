"""Numba pass for ranks on the CPU: walk the sorted order once, one rank per tie group.

Kernels see raw arrays only; inputs are already validated (no missing values in ``values``,
``order`` a stable ascending argsort of them).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["ranks_from_order"]

_METHODS = {"average": 0, "min": 1, "max": 2, "first": 3, "dense": 4}


@njit(cache=True, nogil=True)
def _ranks(values, order, method, ascending, out):  # pragma: no cover - compiled
    m = order.shape[0]
    i = 0
    g = 0
    while i < m:
        v = values[order[i]]
        j = i + 1
        while j < m and values[order[j]] == v:
            j += 1
        g += 1
        lo = i + 1
        hi = j
        if not ascending:
            lo, hi = m + 1 - j, m - i
        for t in range(i, j):
            if method == 0:
                r = (lo + hi) / 2.0
            elif method == 1:
                r = lo
            elif method == 2:
                r = hi
            elif method == 3:
                r = t + 1
            else:
                r = g
            out[order[t]] = r
        i = j
    return g


def ranks_from_order(values: np.ndarray, order: np.ndarray, method: str, ascending: bool):
    """float64 ranks of ``values`` given their stable ascending ``order``, and the number of
    distinct values (``first`` is for ascending ranks only).

    Examples
    --------
    >>> v = np.array([10.0, 20.0, 10.0])
    >>> ranks_from_order(v, np.argsort(v, kind="stable"), "average", True)[0].tolist()
    [1.5, 3.0, 1.5]
    """
    out = np.empty(order.shape[0], dtype=np.float64)
    ng = int(_ranks(values, order, _METHODS[method], bool(ascending), out))
    if method == "dense" and not ascending:
        out = (ng + 1) - out
    return out, ng
