"""DBSCAN of low-dimensional NumPy data through a uniform grid (Numba), without pair lists.

For d <= 3 a grid of cells of side ``eps`` finds every neighbour within ``eps`` by looking
only at the 3^d cells around a point, so the work is proportional to the number of close
pairs instead of n^2, and the pairs are never stored: one parallel pass sums each point's
(weighted) neighbourhood, one pass joins neighbouring core points (union-find), one parallel
pass gives border points their cluster. Distances are computed directly, (x - y)^2 summed,
as scikit-learn's trees do. Inputs are already validated (C-contiguous float array, eps > 0).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ._union_find import number_roots, union

__all__ = ["MAX_GRID_DIM", "grid_dbscan"]

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


@njit(cache=True, inline="always")
def _cell_range(p, o, offs, cells, dims, ukeys, starts, ends):  # pragma: no cover - compiled
    """Positions (in sorted order) of the points in the o-th cell around sorted point p."""
    key = 0
    for f in range(cells.shape[1]):
        v = cells[p, f] + offs[o, f]
        if v < 0 or v >= dims[f]:
            return 0, 0
        key = key * dims[f] + v
    u = np.searchsorted(ukeys, key)
    if u >= ukeys.shape[0] or ukeys[u] != key:
        return 0, 0
    return starts[u], ends[u]


@njit(cache=True, inline="always")
def _close(X, i, j, eps2, manhattan):  # pragma: no cover - compiled
    s = 0.0
    for f in range(X.shape[1]):
        diff = X[i, f] - X[j, f]
        s += abs(diff) if manhattan else diff * diff
    return s <= eps2


@njit(parallel=True, cache=True)
def _density(
    X, w, order, cells, dims, ukeys, starts, ends, eps2, manhattan, out
):  # pragma: no cover
    offs = _offsets(X.shape[1])
    for p in prange(X.shape[0]):
        i = order[p]
        total = 0.0
        for o in range(offs.shape[0]):
            a, b = _cell_range(p, o, offs, cells, dims, ukeys, starts, ends)
            for q in range(a, b):
                j = order[q]
                if _close(X, i, j, eps2, manhattan):
                    total += w[j]
        out[i] = total


@njit(cache=True)
def _core_labels(
    X, core, order, cells, dims, ukeys, starts, ends, eps2, manhattan
):  # pragma: no cover
    """Union neighbouring core points (smaller index as root), then number the roots."""
    n = X.shape[0]
    offs = _offsets(X.shape[1])
    parent = np.arange(n)
    for p in range(n):
        i = order[p]
        if not core[i]:
            continue
        for o in range(offs.shape[0]):
            a, b = _cell_range(p, o, offs, cells, dims, ukeys, starts, ends)
            for q in range(a, b):
                j = order[q]
                if j > i and core[j] and _close(X, i, j, eps2, manhattan):
                    union(parent, i, j)
    return number_roots(parent, core)


@njit(parallel=True, cache=True)
def _border(
    X, core, labels, order, cells, dims, ukeys, starts, ends, eps2, manhattan
):  # pragma: no cover
    """Each non-core point takes the lowest cluster number among its core neighbours."""
    offs = _offsets(X.shape[1])
    for p in prange(X.shape[0]):
        i = order[p]
        if core[i]:
            continue
        best = -1
        for o in range(offs.shape[0]):
            a, b = _cell_range(p, o, offs, cells, dims, ukeys, starts, ends)
            for q in range(a, b):
                j = order[q]
                if core[j] and (best < 0 or labels[j] < best) and _close(X, i, j, eps2, manhattan):
                    best = labels[j]
        labels[i] = best


def grid_dbscan(
    X: np.ndarray, w: np.ndarray | None, eps: float, min_samples: float, *, manhattan: bool
) -> tuple[np.ndarray, np.ndarray] | None:
    """``(labels, core mask)`` of DBSCAN on ``X``, or ``None`` when the grid is too large.

    Labels follow scikit-learn's numbering (clusters in order of their lowest core point,
    border points to the lowest-numbered neighbouring cluster). ``None`` means the cells
    cannot be indexed by an int64 key; the caller then falls back to tiled search.
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
    ukeys, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], n).astype(np.int64)
    grid = (order, np.ascontiguousarray(cells[order]), dims, ukeys, starts.astype(np.int64), ends)
    X = np.ascontiguousarray(X)
    eps2 = float(eps) if manhattan else float(eps) ** 2
    weights = np.ones(n) if w is None else np.asarray(w, dtype=np.float64)
    density = np.empty(n, dtype=np.float64)
    _density(X, weights, *grid, eps2, manhattan, density)
    core = density >= min_samples
    labels = _core_labels(X, core, *grid, eps2, manhattan)
    _border(X, core, labels, *grid, eps2, manhattan)
    return labels, core
