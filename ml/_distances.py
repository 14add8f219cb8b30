"""Pairwise distances and nearest-neighbour search, tiled so memory stays bounded.

The generic path is written against the Array API (``xp``): it cuts the query rows into
blocks whose distance tile stays below ``_TILE_ELEMENTS`` numbers, so a search over ``n``
training rows never holds an ``m x n`` matrix. The NumPy fast path computes each tile with one
BLAS matrix product (euclidean, cosine) or a Numba loop (manhattan) and keeps the ``k`` best
neighbours per query in a small sorted buffer, on all cores, without ever writing the full
distance tile to memory twice.

Inputs are already validated by the caller (2-D, same number of columns, same float dtype).
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import numpy as np
from numba import njit, prange

from gpuframe.backend import array_namespace, is_numpy

__all__ = [
    "METRICS",
    "argkmin",
    "canonical_metric",
    "pairwise_distances",
    "radius_neighbors",
    "row_norms_sq",
]

# Largest distance tile (in numbers) the generic path materialises at once.
_TILE_ELEMENTS = 1 << 22
# Tile shape of the NumPy fast path: a (rows x cols) block of distances fits in L2 cache.
_TILE_ROWS = 512
_TILE_COLS = 512

METRICS = ("euclidean", "cosine", "manhattan")
_ALIASES = {
    "euclidean": "euclidean",
    "l2": "euclidean",
    "cosine": "cosine",
    "manhattan": "manhattan",
    "cityblock": "manhattan",
    "l1": "manhattan",
}


def canonical_metric(metric: str, p: float | None = None) -> str:
    """The metric's canonical name; ``minkowski`` maps to manhattan (p=1) or euclidean (p=2).

    Examples
    --------
    >>> canonical_metric("minkowski", p=1)
    'manhattan'
    """
    if metric == "minkowski":
        if p in (None, 2, 2.0):
            return "euclidean"
        if p in (1, 1.0):
            return "manhattan"
        raise ValueError(f"minkowski distance supports p=1 or p=2 only; received p={p!r}")
    try:
        return _ALIASES[metric]
    except (KeyError, TypeError):
        raise ValueError(
            f"Unknown metric {metric!r}; supported: {sorted(_ALIASES)} and 'minkowski'"
        ) from None


def row_norms_sq(X: Any, *, xp: ModuleType | None = None) -> Any:
    """Squared euclidean norm of each row of ``X``.

    Examples
    --------
    >>> row_norms_sq(np.array([[3.0, 4.0]])).tolist()
    [25.0]
    """
    xp = array_namespace(X) if xp is None else xp
    if is_numpy(xp):
        return np.einsum("ij,ij->i", X, X)
    return xp.sum(X * X, axis=1)


def _normalize_rows(X: Any, *, xp: ModuleType) -> Any:
    norms = xp.sqrt(row_norms_sq(X, xp=xp))
    norms = xp.where(norms == 0, xp.ones_like(norms), norms)
    return X / norms[:, None]


def _distance_tile(Q: Any, T: Any, metric: str, *, xp: ModuleType, tnorm: Any = None) -> Any:
    """Distances between every row of ``Q`` and every row of ``T`` (one tile, generic)."""
    if metric == "euclidean":
        tn = row_norms_sq(T, xp=xp) if tnorm is None else tnorm
        d2 = row_norms_sq(Q, xp=xp)[:, None] + tn[None, :] - 2.0 * (Q @ T.T)
        return xp.sqrt(xp.clip(d2, 0.0, None))
    if metric == "cosine":
        d = 1.0 - _normalize_rows(Q, xp=xp) @ _normalize_rows(T, xp=xp).T
        return xp.clip(d, 0.0, 2.0)
    # manhattan: broadcast over a slab of T columns so the 3-D temporary stays bounded
    step = max(1, _TILE_ELEMENTS // max(1, Q.shape[0] * Q.shape[1]))
    parts = [
        xp.sum(xp.abs(Q[:, None, :] - T[None, j : min(j + step, T.shape[0]), :]), axis=2)
        for j in range(0, T.shape[0], step)
    ]
    return parts[0] if len(parts) == 1 else xp.concat(parts, axis=1)


def _row_blocks(m: int, n: int) -> int:
    return max(1, min(m, _TILE_ELEMENTS // max(1, n)))


def pairwise_distances(X: Any, Y: Any = None, *, metric: str = "euclidean") -> Any:
    """The full distance matrix between the rows of ``X`` and ``Y`` (default ``Y = X``).

    Supports ``euclidean``, ``cosine`` and ``manhattan`` (and their scikit-learn aliases).

    Examples
    --------
    >>> pairwise_distances(np.array([[0.0, 0.0], [3.0, 4.0]])).tolist()
    [[0.0, 5.0], [5.0, 0.0]]
    """
    Y = X if Y is None else Y
    xp = array_namespace(X, Y)
    metric = canonical_metric(metric)
    if is_numpy(xp) and metric == "manhattan":
        return _manhattan_full(np.ascontiguousarray(X), np.ascontiguousarray(Y))
    tnorm = row_norms_sq(Y, xp=xp) if metric == "euclidean" else None
    step = _row_blocks(X.shape[0], Y.shape[0])
    blocks = [
        _distance_tile(X[i : min(i + step, X.shape[0]), ...], Y, metric, xp=xp, tnorm=tnorm)
        for i in range(0, X.shape[0], step)
    ]
    D = blocks[0] if len(blocks) == 1 else xp.concat(blocks, axis=0)
    if Y is X and metric != "cosine":
        # exact zeros on the diagonal (the matrix-product formula leaves rounding there)
        n = X.shape[0]
        eye = xp.eye(n, dtype=xp.bool) if not is_numpy(xp) else np.eye(n, dtype=bool)
        D = xp.where(eye, xp.zeros_like(D), D)
    return D


# --------------------------------------------------------------------------- k nearest
def argkmin(
    X: Any,
    Y: Any,
    k: int,
    *,
    metric: str = "euclidean",
    exclude_self: bool = False,
) -> tuple[Any, Any]:
    """The ``k`` nearest rows of ``Y`` for each row of ``X``: ``(distances, indices)``.

    Neighbours come sorted by distance; ties go to the lower index. With ``exclude_self``
    (``X`` is ``Y``), each row's own index is left out of its neighbours.

    Examples
    --------
    >>> Y = np.array([[0.0], [1.0], [3.0]])
    >>> d, i = argkmin(np.array([[0.9]]), Y, 2)
    >>> i.tolist(), np.round(d, 3).tolist()
    ([[1, 0]], [[0.1, 0.9]])
    """
    xp = array_namespace(X, Y)
    metric = canonical_metric(metric)
    kk = k + 1 if exclude_self else k
    if is_numpy(xp):
        dist, ind = _argkmin_numpy(np.asarray(X), np.asarray(Y), kk, metric)
    else:
        dist, ind = _argkmin_generic(X, Y, kk, metric, xp=xp)
    if metric == "euclidean":
        dist, ind = _exact_euclidean(X, Y, ind, xp=xp)
    if exclude_self:
        dist, ind = _drop_self(dist, ind, k, xp=xp)
    return dist, ind


def _exact_euclidean(X: Any, Y: Any, ind: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """Recompute the selected neighbours' distances directly (exact zeros for duplicates).

    The matrix-product formula that ranks the candidates loses digits to cancellation for
    very close points; the ``k`` winners are cheap to measure again exactly and re-sort.
    """
    m, k, d = int(ind.shape[0]), int(ind.shape[1]), int(Y.shape[1])
    if is_numpy(xp):
        dist = _gathered_distances(np.ascontiguousarray(X), np.ascontiguousarray(Y), ind)
    else:
        # rows in blocks, so the (rows, k, d) gathered neighbours stay bounded
        step = max(1, _TILE_ELEMENTS // max(1, k * d))
        parts = []
        for i in range(0, m, step):
            j = min(m, i + step)
            flat = xp.reshape(ind[i:j, ...], (-1,))
            nb = xp.reshape(xp.take(Y, flat, axis=0), (j - i, k, d))
            diff = nb - X[i:j, None, :]
            parts.append(xp.sqrt(xp.sum(diff * diff, axis=2)))
        dist = parts[0] if len(parts) == 1 else xp.concat(parts, axis=0)
    order = xp.argsort(dist, axis=1, stable=True)
    return xp.take_along_axis(dist, order, axis=1), xp.take_along_axis(ind, order, axis=1)


@njit(parallel=True, cache=True)
def _gathered_distances(X, Y, ind):  # pragma: no cover - compiled
    out = np.empty(ind.shape, dtype=X.dtype)
    for i in prange(ind.shape[0]):
        for c in range(ind.shape[1]):
            j = ind[i, c]
            s = X[i, 0] - X[i, 0]
            for f in range(X.shape[1]):
                diff = X[i, f] - Y[j, f]
                s += diff * diff
            out[i, c] = np.sqrt(s)
    return out


def _drop_self(dist: Any, ind: Any, k: int, *, xp: ModuleType) -> tuple[Any, Any]:
    """Remove each row's own index (or, if absent, its last neighbour)."""
    m = ind.shape[0]
    rows = xp.reshape(xp.arange(m, dtype=ind.dtype), (m, 1))
    is_self = ind == rows
    # keep the first k columns that are not self: drop self where present, else the last
    has_self = xp.any(is_self, axis=1)
    drop = xp.where(
        has_self,
        xp.argmax(xp.astype(is_self, xp.int8), axis=1),
        xp.full((m,), k, dtype=xp.int64),
    )
    cols = xp.reshape(xp.arange(k + 1, dtype=xp.int64), (1, k + 1))
    take = cols[:, :k] + xp.astype(cols[:, :k] >= drop[:, None], xp.int64)
    return xp.take_along_axis(dist, take, axis=1), xp.take_along_axis(ind, take, axis=1)


def _argkmin_generic(X: Any, Y: Any, k: int, metric: str, *, xp: ModuleType) -> tuple[Any, Any]:
    tnorm = row_norms_sq(Y, xp=xp) if metric == "euclidean" else None
    step = _row_blocks(X.shape[0], Y.shape[0])
    ds, idx = [], []
    for i in range(0, X.shape[0], step):
        D = _distance_tile(X[i : min(i + step, X.shape[0]), ...], Y, metric, xp=xp, tnorm=tnorm)
        order = xp.argsort(D, axis=1, stable=True)[:, :k]
        ds.append(xp.take_along_axis(D, order, axis=1))
        idx.append(xp.astype(order, xp.int64))
    if len(ds) == 1:
        return ds[0], idx[0]
    return xp.concat(ds, axis=0), xp.concat(idx, axis=0)


def n_threads() -> int:
    """Worker threads for tiled kernels: the cores this process may run on (and at most
    Numba's thread count, so ``NUMBA_NUM_THREADS`` limits both)."""
    from numba import get_num_threads

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, get_num_threads(), 64))


def _argkmin_numpy(X: np.ndarray, Y: np.ndarray, k: int, metric: str) -> tuple[Any, Any]:
    m, n = X.shape[0], Y.shape[0]
    best_d = np.full((m, k), np.inf, dtype=X.dtype)
    best_i = np.full((m, k), -1, dtype=np.int64)
    if metric == "manhattan":
        _topk_manhattan(np.ascontiguousarray(X), np.ascontiguousarray(Y), best_d, best_i)
        return best_d, best_i
    if metric == "cosine":
        Q = _normalize_rows(X, xp=np)
        T = _normalize_rows(Y, xp=np)
        tnorm = np.zeros(n, dtype=X.dtype)
    else:
        Q, T = X, Y
        tnorm = row_norms_sq(Y, xp=np).astype(X.dtype, copy=False)
    # fold the -2 of |q|^2 + |t|^2 - 2 q.t into T once, so each tile is one product
    T = np.ascontiguousarray(T * X.dtype.type(-2.0))
    starts = list(range(0, m, _TILE_ROWS))

    def work(i0: int) -> None:
        i1 = min(m, i0 + _TILE_ROWS)
        Qb = Q[i0:i1]
        for j0 in range(0, n, _TILE_COLS):
            j1 = min(n, j0 + _TILE_COLS)
            G = Qb @ T[j0:j1].T
            _topk_update(G, tnorm[j0:j1], j0, best_d[i0:i1], best_i[i0:i1])

    _run_blocks(work, starts)
    if metric == "cosine":
        best_d = np.clip(1.0 + 0.5 * best_d, 0.0, 2.0)
    return best_d, best_i


@functools.cache
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController  # a scikit-learn dependency

    return ThreadpoolController()


def single_threaded_blas() -> Any:
    """Context manager: BLAS on one thread (for products already run on worker threads)."""
    return _blas_controller().limit(limits=1, user_api="blas")


def _run_blocks(work: Any, starts: list[int]) -> None:
    """Run ``work(start)`` for each block on all cores, BLAS single-threaded inside."""
    nt = n_threads()
    if nt == 1 or len(starts) == 1:
        for s in starts:
            work(s)
        return
    with single_threaded_blas(), ThreadPoolExecutor(nt) as pool:
        list(pool.map(work, starts))


@njit(nogil=True, cache=True)
def _topk_update(G, tnorm, offset, best_d, best_i):  # pragma: no cover - compiled
    """Merge the tile ``tnorm[j] + G[i, j]`` into each row's sorted k-best buffer."""
    k = best_d.shape[1]
    for i in range(G.shape[0]):
        worst = best_d[i, k - 1]
        for j in range(G.shape[1]):
            v = tnorm[j] + G[i, j]
            if v < worst:
                p = k - 1
                while p > 0 and best_d[i, p - 1] > v:
                    best_d[i, p] = best_d[i, p - 1]
                    best_i[i, p] = best_i[i, p - 1]
                    p -= 1
                best_d[i, p] = v
                best_i[i, p] = offset + j
                worst = best_d[i, k - 1]


@njit(parallel=True, cache=True)
def _topk_manhattan(X, Y, best_d, best_i):  # pragma: no cover - compiled
    k = best_d.shape[1]
    d = X.shape[1]
    for i in prange(X.shape[0]):
        worst = best_d[i, k - 1]
        for j in range(Y.shape[0]):
            v = 0.0
            for f in range(d):
                v += abs(X[i, f] - Y[j, f])
            if v < worst:
                p = k - 1
                while p > 0 and best_d[i, p - 1] > v:
                    best_d[i, p] = best_d[i, p - 1]
                    best_i[i, p] = best_i[i, p - 1]
                    p -= 1
                best_d[i, p] = v
                best_i[i, p] = j
                worst = best_d[i, k - 1]


@njit(parallel=True, cache=True)
def _manhattan_full(X, Y):  # pragma: no cover - compiled
    out = np.empty((X.shape[0], Y.shape[0]), dtype=X.dtype)
    for i in prange(X.shape[0]):
        for j in range(Y.shape[0]):
            v = 0.0
            for f in range(X.shape[1]):
                v += abs(X[i, f] - Y[j, f])
            out[i, j] = v
    return out


@njit(nogil=True, cache=True)
def _manhattan_tile(X, Y):  # pragma: no cover - compiled
    """Serial twin of :func:`_manhattan_full` for tiles already run on worker threads."""
    out = np.empty((X.shape[0], Y.shape[0]), dtype=X.dtype)
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            v = 0.0
            for f in range(X.shape[1]):
                v += abs(X[i, f] - Y[j, f])
            out[i, j] = v
    return out


# --------------------------------------------------------------------------- radius
def radius_neighbors(
    X: Any, Y: Any, radius: float, *, metric: str = "euclidean", return_distance: bool = False
) -> tuple[np.ndarray, ...]:
    """All pairs ``(i, j)`` with ``dist(X[i], Y[j]) <= radius``, as host index arrays.

    The pairs come sorted by ``i`` then ``j``; tiles are computed on the device of ``X``
    and only the matching pairs (and their distances, with ``return_distance``) travel to
    the host.

    Examples
    --------
    >>> X = np.array([[0.0], [0.5], [2.0]])
    >>> rows, cols = radius_neighbors(X, X, 0.6)
    >>> rows.tolist(), cols.tolist()
    ([0, 0, 1, 1, 2], [0, 1, 0, 1, 2])
    """
    from gpuframe.backend import to_host

    xp = array_namespace(X, Y)
    metric = canonical_metric(metric)
    if is_numpy(xp):
        out = _radius_numpy(np.asarray(X), np.asarray(Y), float(radius), metric)
        return out if return_distance else out[:2]
    tnorm = row_norms_sq(Y, xp=xp) if metric == "euclidean" else None
    step = _row_blocks(X.shape[0], Y.shape[0])
    rows, cols, dists = [], [], []
    for i in range(0, X.shape[0], step):
        Xb = X[i : min(i + step, X.shape[0]), ...]
        D = _distance_tile(Xb, Y, metric, xp=xp, tnorm=tnorm)
        rx, cx = xp.nonzero(D <= radius)
        if return_distance:
            flat = xp.reshape(D, (-1,))
            dv = to_host(xp.take(flat, rx * D.shape[1] + cx))
        r, c = to_host(rx), to_host(cx)
        rows.append(np.asarray(r) + i)
        cols.append(np.asarray(c))
        if return_distance:
            dists.append(np.asarray(dv))
    pairs = (np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64))
    if return_distance:
        return (*pairs, np.concatenate(dists))
    return pairs


def _radius_numpy(
    X: np.ndarray, Y: np.ndarray, radius: float, metric: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs within ``radius`` (sorted by row, then column) and their distances, on all cores."""
    m, n = X.shape[0], Y.shape[0]
    X = np.ascontiguousarray(X)
    if metric == "cosine":
        Q = _normalize_rows(X, xp=np)
        T = np.ascontiguousarray(_normalize_rows(Y, xp=np) * X.dtype.type(-2.0))
        qn = np.zeros(m, dtype=X.dtype)
        tn = np.zeros(n, dtype=X.dtype)
    elif metric == "euclidean":
        Q = X
        T = np.ascontiguousarray(Y * X.dtype.type(-2.0))
        qn = row_norms_sq(X, xp=np).astype(X.dtype, copy=False)
        tn = row_norms_sq(Y, xp=np).astype(X.dtype, copy=False)
    else:
        Q, T = X, np.ascontiguousarray(Y)
    starts = list(range(0, m, _TILE_ROWS))
    parts: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    mode = {"euclidean": 0, "cosine": 1, "manhattan": 2}[metric]

    def work(i0: int) -> None:
        i1 = min(m, i0 + _TILE_ROWS)
        got = []
        for j0 in range(0, n, _TILE_COLS):
            j1 = min(n, j0 + _TILE_COLS)
            if mode == 2:
                G = _manhattan_tile(Q[i0:i1], T[j0:j1])
                got.append(_radius_tile(G, G[:, 0], G[0], radius, j0, mode))
            else:
                G = Q[i0:i1] @ T[j0:j1].T
                got.append(_radius_tile(G, qn[i0:i1], tn[j0:j1], radius, j0, mode))
        ii = np.concatenate([g[0] for g in got])
        order = np.argsort(ii, kind="stable")
        parts[i0] = (
            ii[order] + i0,
            np.concatenate([g[1] for g in got])[order],
            np.concatenate([g[2] for g in got])[order],
        )

    _run_blocks(work, starts)
    rows = np.concatenate([parts[s][0] for s in starts])
    cols = np.concatenate([parts[s][1] for s in starts])
    dists = np.concatenate([parts[s][2] for s in starts])
    return rows, cols, dists


@njit(nogil=True, cache=True)
def _radius_tile(G, qn, tn, radius, offset, mode):  # pragma: no cover - compiled
    """Entries of the tile within ``radius``: (row, column + offset, distance), row-major.

    mode 0: euclidean with ``G = -2 q.t`` (compares squared distances); 1: cosine with
    ``G = -2 q^.t^``; 2: ``G`` already holds distances (manhattan).
    """
    r2 = radius * radius
    cnt = 0
    for i in range(G.shape[0]):
        for j in range(G.shape[1]):
            if mode == 0:
                ok = qn[i] + tn[j] + G[i, j] <= r2
            elif mode == 1:
                ok = 1.0 + 0.5 * G[i, j] <= radius
            else:
                ok = G[i, j] <= radius
            if ok:
                cnt += 1
    ii = np.empty(cnt, dtype=np.int64)
    jj = np.empty(cnt, dtype=np.int64)
    dd = np.empty(cnt, dtype=np.float64)
    p = 0
    for i in range(G.shape[0]):
        for j in range(G.shape[1]):
            if mode == 0:
                v = qn[i] + tn[j] + G[i, j]
                ok = v <= r2
                v = np.sqrt(max(v, 0.0))
            elif mode == 1:
                v = max(1.0 + 0.5 * G[i, j], 0.0)
                ok = v <= radius
            else:
                v = G[i, j]
                ok = v <= radius
            if ok:
                ii[p] = i
                jj[p] = offset + j
                dd[p] = v
                p += 1
    return ii, jj, dd
