"""Radius neighbourhoods of low-dimensional NumPy data through a uniform grid (Numba).

For d <= 3 a grid of cells of side ``eps`` finds every pair within ``eps`` by looking only at
the 3^d cells around each point, so the work is proportional to the number of close pairs
instead of n^2. Distances are computed directly, (x - y)^2 summed, as scikit-learn's trees do.
Inputs are already validated (C-contiguous float array, eps > 0).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

__all__ = ["MAX_GRID_DIM", "grid_radius_pairs"]

MAX_GRID_DIM = 3


@njit(cache=True)
def _offsets(d):  # pragma: no cover - compiled
    m = 3**d
    out = np.empty((m, d), dtype=np.int64)
    for o in range(m):
        r = o
        for f in range(d):
            out[o, f] = r % 3 - 1
            r //= 3
    return out


@njit(parallel=True, cache=True)
def _count(X, order, cells, ukeys, starts, ends, dims, eps2, manhattan, counts):  # pragma: no cover
    n, d = X.shape
    offs = _offsets(d)
    for p in prange(n):
        i = order[p]
        c = 0
        for o in range(offs.shape[0]):
            key = 0
            ok = True
            for f in range(d):
                v = cells[p, f] + offs[o, f]
                if v < 0 or v >= dims[f]:
                    ok = False
                key = key * dims[f] + v
            if not ok:
                continue
            u = np.searchsorted(ukeys, key)
            if u >= ukeys.shape[0] or ukeys[u] != key:
                continue
            for q in range(starts[u], ends[u]):
                j = order[q]
                s = 0.0
                for f in range(d):
                    diff = X[i, f] - X[j, f]
                    s += abs(diff) if manhattan else diff * diff
                if s <= eps2:
                    c += 1
        counts[p] = c


@njit(parallel=True, cache=True)
def _fill(
    X, order, cells, ukeys, starts, ends, dims, eps2, manhattan, offsets, rows, cols
):  # pragma: no cover
    n, d = X.shape
    offs = _offsets(d)
    for p in prange(n):
        i = order[p]
        w = offsets[p]
        for o in range(offs.shape[0]):
            key = 0
            ok = True
            for f in range(d):
                v = cells[p, f] + offs[o, f]
                if v < 0 or v >= dims[f]:
                    ok = False
                key = key * dims[f] + v
            if not ok:
                continue
            u = np.searchsorted(ukeys, key)
            if u >= ukeys.shape[0] or ukeys[u] != key:
                continue
            for q in range(starts[u], ends[u]):
                j = order[q]
                s = 0.0
                for f in range(d):
                    diff = X[i, f] - X[j, f]
                    s += abs(diff) if manhattan else diff * diff
                if s <= eps2:
                    rows[w] = i
                    cols[w] = j
                    w += 1


def grid_radius_pairs(X: np.ndarray, eps: float, *, manhattan: bool = False):
    """All pairs ``(i, j)`` (self pairs included) with ``dist(X[i], X[j]) <= eps``.

    Returns ``None`` when the grid would need more cells than an int64 key can index (then
    the caller falls back to tiled brute force). Pairs are not sorted.
    """
    n, d = X.shape
    lo = X.min(axis=0)
    cells = np.floor((X - lo) / eps).astype(np.int64)
    dims = cells.max(axis=0) + 1
    if float(np.prod(dims.astype(np.float64))) >= 2.0**62:
        return None
    keys = np.zeros(n, dtype=np.int64)
    for f in range(d):
        keys = keys * dims[f] + cells[:, f]
    order = np.argsort(keys, kind="stable")
    skeys = keys[order]
    ukeys, starts = np.unique(skeys, return_index=True)
    ends = np.append(starts[1:], n)
    cells_sorted = np.ascontiguousarray(cells[order])
    X = np.ascontiguousarray(X)
    eps2 = float(eps) if manhattan else float(eps) ** 2
    counts = np.empty(n, dtype=np.int64)
    args = (X, order, cells_sorted, ukeys, starts.astype(np.int64), ends.astype(np.int64), dims)
    _count(*args, eps2, manhattan, counts)
    offsets = np.zeros(n, dtype=np.int64)
    np.cumsum(counts[:-1], out=offsets[1:])
    total = int(counts.sum())
    rows = np.empty(total, dtype=np.int64)
    cols = np.empty(total, dtype=np.int64)
    _fill(*args, eps2, manhattan, offsets, rows, cols)
    return rows, cols
