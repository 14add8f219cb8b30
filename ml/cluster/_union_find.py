"""Union-find over point indices, shared by the DBSCAN labelling kernels.

Unions keep the smaller index as root, so every component's root is its lowest member and
numbering the roots in index order reproduces scikit-learn's scan order.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["find", "number_roots", "union"]


@njit(cache=True)
def find(parent, a):  # pragma: no cover - compiled
    """The root of ``a`` (with path halving)."""
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


@njit(cache=True, inline="always")
def union(parent, a, b):  # pragma: no cover - compiled
    """Join the components of ``a`` and ``b`` under the smaller root."""
    ra = find(parent, a)
    rb = find(parent, b)
    if ra < rb:
        parent[rb] = ra
    elif rb < ra:
        parent[ra] = rb


@njit(cache=True)
def number_roots(parent, core):  # pragma: no cover - compiled
    """Cluster numbers of the core points (0, 1, ... by lowest member); -1 elsewhere."""
    n = core.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    nxt = 0
    for i in range(n):
        if core[i]:
            r = find(parent, i)
            if r == i:
                labels[i] = nxt
                nxt += 1
            else:
                labels[i] = labels[r]
    return labels
