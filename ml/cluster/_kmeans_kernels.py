"""Numba kernels of k-means on NumPy arrays: one fused pass over X per step, all cores.

Inputs are already validated (C-contiguous float arrays, weights of X's dtype). Each pass splits
the rows into contiguous ranges (several per thread, handed out dynamically) with their own
accumulators, merged in range order at the end, so results do not depend on scheduling.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, parallel_chunksize, prange

__all__ = [
    "GEMM_MIN_CLUSTERS",
    "assign",
    "assign_gemm",
    "column_variance",
    "kpp_trials",
    "lloyd_step",
    "lloyd_step_gemm",
    "min_dist_update",
]


# Reassociation lets the compiler vectorise the distance sums; no "no-NaN/inf" assumptions.
_FM = {"reassoc", "contract", "arcp", "nsz"}


def _ranges(n: int) -> np.ndarray:
    """Row ranges: ~8 per thread (at least 4096 rows each), handed out one at a time."""
    nt = max(1, get_num_threads())
    parts = max(1, min(8 * nt, n // 4096))
    return np.linspace(0, n, parts + 1).astype(np.int64)


@njit(parallel=True, cache=True, fastmath=_FM)
def _lloyd_step(X, w, centers, labels, bounds, sums, wsum, change, inertia):  # pragma: no cover
    k, d = centers.shape
    for t in prange(bounds.shape[0] - 1):
        loc_inertia = 0.0
        loc_change = 0
        dist = np.empty(k, dtype=X.dtype)
        lsum = np.zeros((k, d), dtype=np.float64)
        lw = np.zeros(k, dtype=np.float64)
        for i in range(bounds[t], bounds[t + 1]):
            for c in range(k):
                s = X[i, 0] - X[i, 0]
                for f in range(d):
                    diff = X[i, f] - centers[c, f]
                    s += diff * diff
                dist[c] = s
            best = 0
            bd = dist[0]
            for c in range(1, k):
                if dist[c] < bd:
                    bd = dist[c]
                    best = c
            if labels[i] != best:
                loc_change += 1
                labels[i] = best
            wi = w[i]
            loc_inertia += wi * bd
            lw[best] += wi
            for f in range(d):
                lsum[best, f] += wi * X[i, f]
        sums[t] = lsum
        wsum[t] = lw
        change[t] = loc_change
        inertia[t] = loc_inertia


def lloyd_step(
    X: np.ndarray, w: np.ndarray, centers: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int, float]:
    """Assign every row to its nearest center (updating ``labels`` in place) and accumulate.

    Returns ``(weighted sums per cluster, weight per cluster, labels changed, inertia)``,
    the inertia being that of the assignment to ``centers``.
    """
    bounds = _ranges(X.shape[0])
    nt = bounds.shape[0] - 1
    k, d = centers.shape
    sums = np.zeros((nt, k, d), dtype=np.float64)
    wsum = np.zeros((nt, k), dtype=np.float64)
    change = np.zeros(nt, dtype=np.int64)
    inertia = np.zeros(nt, dtype=np.float64)
    with parallel_chunksize(1):  # dynamic: a core slowed by other work takes fewer ranges
        _lloyd_step(X, w, centers, labels, bounds, sums, wsum, change, inertia)
    return sums.sum(axis=0), wsum.sum(axis=0), int(change.sum()), float(inertia.sum())


@njit(parallel=True, cache=True, fastmath=_FM)
def _assign(X, centers, labels, mind):  # pragma: no cover - compiled
    k, d = centers.shape
    for i in prange(X.shape[0]):
        best = 0
        bd = np.inf
        for c in range(k):
            s = X[i, 0] - X[i, 0]
            for f in range(d):
                diff = X[i, f] - centers[c, f]
                s += diff * diff
            if s < bd:
                bd = s
                best = c
        labels[i] = best
        mind[i] = bd


def assign(X: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(labels, squared distance to the nearest center)`` for every row of ``X``."""
    labels = np.empty(X.shape[0], dtype=np.int32)
    mind = np.empty(X.shape[0], dtype=np.float64)
    with parallel_chunksize(4096):
        _assign(X, centers.astype(X.dtype), labels, mind)
    return labels, mind


@njit(parallel=True, cache=True, fastmath=_FM)
def _kpp_trials(X, w, cand, closest, bounds, pots, dcand):  # pragma: no cover - compiled
    nc, d = cand.shape
    for t in prange(bounds.shape[0] - 1):
        loc = np.zeros(nc, dtype=np.float64)
        for i in range(bounds[t], bounds[t + 1]):
            ci = closest[i]
            for c in range(nc):
                s = X[i, 0] - X[i, 0]
                for f in range(d):
                    diff = X[i, f] - cand[c, f]
                    s += diff * diff
                dcand[i, c] = s
                loc[c] += w[i] * min(ci, s)
        for c in range(nc):
            pots[t, c] = loc[c]


def kpp_trials(
    X: np.ndarray, w: np.ndarray, cand: np.ndarray, closest: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each candidate center: the potential if it were added, and its squared distances."""
    bounds = _ranges(X.shape[0])
    nc = cand.shape[0]
    pots = np.zeros((bounds.shape[0] - 1, nc), dtype=np.float64)
    dcand = np.empty((X.shape[0], nc), dtype=X.dtype)
    with parallel_chunksize(1):
        _kpp_trials(X, w, cand.astype(X.dtype), closest, bounds, pots, dcand)
    return pots.sum(axis=0), dcand


@njit(parallel=True, cache=True, fastmath=_FM)
def _min_dist_update(X, centers, closest):  # pragma: no cover - compiled
    k, d = centers.shape
    for i in prange(X.shape[0]):
        bd = closest[i]
        for c in range(k):
            s = X[i, 0] - X[i, 0]
            for f in range(d):
                diff = X[i, f] - centers[c, f]
                s += diff * diff
            if s < bd:
                bd = s
        closest[i] = bd


def min_dist_update(X: np.ndarray, centers: np.ndarray, closest: np.ndarray) -> None:
    """``closest[i] = min(closest[i], min_c |X[i] - centers[c]|^2)``, in place."""
    if centers.shape[0]:
        with parallel_chunksize(4096):
            _min_dist_update(X, np.ascontiguousarray(centers, dtype=X.dtype), closest)


@njit(parallel=True, cache=True, fastmath=_FM)
def _shifted_moments(X, bounds, s1, s2):  # pragma: no cover - compiled
    d = X.shape[1]
    for t in prange(bounds.shape[0] - 1):
        a = np.zeros(d, dtype=np.float64)
        b = np.zeros(d, dtype=np.float64)
        for i in range(bounds[t], bounds[t + 1]):
            for f in range(d):
                v = X[i, f] - X[0, f]
                a[f] += v
                b[f] += v * v
        s1[t] = a
        s2[t] = b


def column_variance(X: np.ndarray) -> np.ndarray:
    """Population variance of each column in one pass (moments shifted by the first row)."""
    bounds = _ranges(X.shape[0])
    nt = bounds.shape[0] - 1
    s1 = np.zeros((nt, X.shape[1]))
    s2 = np.zeros((nt, X.shape[1]))
    with parallel_chunksize(1):
        _shifted_moments(X, bounds, s1, s2)
    n = X.shape[0]
    m = s1.sum(axis=0) / n
    return np.maximum(s2.sum(axis=0) / n - m * m, 0.0)


# ------------------------------------------------------------------ many clusters: BLAS
# From this many centers on, a step computes the cross terms of all distances with one BLAS
# product per block of rows (as scikit-learn does) instead of the fused loops above.
GEMM_MIN_CLUSTERS = 32
_GEMM_ROWS = 2048


@njit(nogil=True, cache=True, fastmath=_FM)
def _gemm_block(X, w, C, G, cn, lo, labels, mind, sums, wsum, update):  # pragma: no cover
    """Nearest center of rows ``lo:lo+len(G)`` from ``G = X_b @ C.T``; exact distance to it.

    Returns (labels changed, inertia of the block); accumulates sums when ``update``.
    """
    k, d = C.shape
    change = 0
    inertia = 0.0
    for r in range(G.shape[0]):
        i = lo + r
        best = 0
        bd = cn[0] - 2.0 * G[r, 0]
        for c in range(1, k):
            v = cn[c] - 2.0 * G[r, c]
            if v < bd:
                bd = v
                best = c
        s = X[i, 0] - X[i, 0]
        for f in range(d):
            diff = X[i, f] - C[best, f]
            s += diff * diff
        mind[i] = s
        if labels[i] != best:
            change += 1
            labels[i] = best
        wi = w[i]
        inertia += wi * s
        if update:
            wsum[best] += wi
            for f in range(d):
                sums[best, f] += wi * X[i, f]
    return change, inertia


def _gemm_pass(
    X: np.ndarray, w: np.ndarray, C: np.ndarray, labels: np.ndarray, update: bool
) -> tuple[np.ndarray, np.ndarray, int, float, np.ndarray]:
    from concurrent.futures import ThreadPoolExecutor

    from .._distances import n_threads, single_threaded_blas

    n = X.shape[0]
    k, d = C.shape
    C = np.ascontiguousarray(C, dtype=X.dtype)
    cn = np.einsum("ij,ij->i", C, C)
    mind = np.empty(n, dtype=np.float64)
    starts = list(range(0, n, _GEMM_ROWS))
    out_sums = np.zeros((len(starts), k, d if update else 0), dtype=np.float64)
    out_w = np.zeros((len(starts), k), dtype=np.float64)
    change = np.zeros(len(starts), dtype=np.int64)
    inertia = np.zeros(len(starts), dtype=np.float64)

    def work(b: int) -> None:
        lo = starts[b]
        Xb = X[lo : min(n, lo + _GEMM_ROWS)]
        G = Xb @ C.T
        sums = np.zeros((k, d), dtype=np.float64) if update else out_sums[b]
        change[b], inertia[b] = _gemm_block(
            X, w, C, G, cn, lo, labels, mind, sums, out_w[b], update
        )
        if update:
            out_sums[b] = sums

    nt = n_threads()
    if nt == 1 or len(starts) == 1:
        for b in range(len(starts)):
            work(b)
    else:
        with single_threaded_blas(), ThreadPoolExecutor(nt) as pool:
            list(pool.map(work, range(len(starts))))
    return out_sums.sum(axis=0), out_w.sum(axis=0), int(change.sum()), float(inertia.sum()), mind


def lloyd_step_gemm(
    X: np.ndarray, w: np.ndarray, centers: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int, float]:
    """:func:`lloyd_step` with BLAS cross terms (for many centers)."""
    sums, wsum, change, inertia, _ = _gemm_pass(X, w, centers, labels, True)
    return sums, wsum, change, inertia


def assign_gemm(X: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`assign` with BLAS cross terms (for many centers)."""
    labels = np.full(X.shape[0], -1, dtype=np.int32)
    w = np.ones(X.shape[0], dtype=X.dtype)
    _, _, _, _, mind = _gemm_pass(X, w, centers, labels, False)
    return labels, mind
