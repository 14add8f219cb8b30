"""Clustering metrics: silhouette coefficient and adjusted Rand index."""

from __future__ import annotations

from typing import Any

import numpy as np

from gpuframe.backend import array_namespace, get_kernels, to_host

from .._base import to_namespace
from .._validation import check_array, check_consistent_length
from ._common import as_1d, as_pair, encode_pair

__all__ = ["adjusted_rand_score", "silhouette_samples", "silhouette_score"]

_TILE_BYTES = 64 * 2**20


def _comb2(x: Any) -> Any:
    return x * (x - 1) / 2.0


def adjusted_rand_score(labels_true: Any, labels_pred: Any) -> float:
    """Rand index adjusted for chance (1.0 for identical partitions, ~0 for random ones).

    Examples
    --------
    >>> adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    """
    a, b, xp = as_pair(labels_true, labels_pred, names=("labels_true", "labels_pred"))
    n = int(a.shape[0])
    ca_cls, ca, _, _ = encode_pair(a, a, xp)
    cb_cls, cb, _, _ = encode_pair(b, b, xp)
    ka, kb = int(ca_cls.shape[0]), int(cb_cls.shape[0])
    if n == 0 or (ka == kb == 1) or (ka == kb == n):
        return 1.0
    kxp = array_namespace(ca)
    C = get_kernels(kxp).bincount(kxp.astype(ca * kb + cb, kxp.int64), minlength=ka * kb)
    C = np.asarray(to_host(C), dtype=np.float64).reshape(ka, kb)
    sum_comb = _comb2(C).sum()
    sum_a = _comb2(C.sum(axis=1)).sum()
    sum_b = _comb2(C.sum(axis=0)).sum()
    expected = sum_a * sum_b / _comb2(np.float64(n))
    max_index = 0.5 * (sum_a + sum_b)
    if max_index == expected:
        return 1.0
    return float((sum_comb - expected) / (max_index - expected))


def silhouette_samples(X: Any, labels: Any, *, metric: str = "euclidean") -> Any:
    """Silhouette coefficient of each sample, from row tiles of the distance matrix.

    ``metric``: 'euclidean' (distances from matrix products, memory bounded by tiles)
    or 'precomputed' (``X`` is the square distance matrix).

    Examples
    --------
    >>> s = silhouette_samples([[0.0], [0.1], [5.0], [5.1]], [0, 0, 1, 1])
    >>> [round(float(v), 3) for v in s]
    [0.98, 0.98, 0.98, 0.98]
    """
    if metric not in ("euclidean", "precomputed"):
        raise ValueError(f"metric must be 'euclidean' or 'precomputed'; received {metric!r}")
    A, xp = check_array(X, argument="X")
    lab = as_1d(labels, "labels")
    check_consistent_length(A, lab, names=("X", "labels"))
    classes, codes, _, _ = encode_pair(lab, lab, array_namespace(lab))
    K = int(classes.shape[0])
    n = int(A.shape[0])
    if not 2 <= K <= n - 1:
        raise ValueError(
            f"Number of labels is {K}. Valid values are 2 to n_samples - 1 (inclusive)"
        )
    codes = to_namespace(codes, xp, like=A)
    onehot = xp.astype(codes[:, None] == xp.arange(K)[None, :], A.dtype)
    counts = xp.sum(onehot, axis=0)
    sq = xp.sum(A * A, axis=1) if metric == "euclidean" else None
    tile = max(1, min(n, _TILE_BYTES // max(1, 8 * n)))
    parts = []
    for i in range(0, n, tile):
        rows = A[i : i + tile, :]
        if metric == "precomputed":
            D = rows
        else:
            assert sq is not None
            G = xp.matmul(rows, xp.matrix_transpose(A))
            D2 = sq[i : i + tile, None] + sq[None, :] - 2.0 * G
            D = xp.sqrt(xp.clip(D2, 0.0, None))
        S = xp.matmul(D, onehot)  # (tile, K): distance sums to each cluster
        own_hot = onehot[i : i + tile, :]
        own_count = xp.sum(own_hot * counts[None, :], axis=1)
        a = xp.sum(S * own_hot, axis=1) / xp.where(
            own_count > 1, own_count - 1, xp.ones_like(own_count)
        )
        means = S / counts[None, :]
        means = xp.where(own_hot > 0, xp.full_like(means, xp.inf), means)
        b = xp.min(means, axis=1)
        s = (b - a) / xp.maximum(a, b)
        s = xp.where(own_count > 1, s, xp.zeros_like(s))
        s = xp.where(xp.isnan(s), xp.zeros_like(s), s)
        parts.append(s)
    return xp.concat(parts)


def silhouette_score(
    X: Any,
    labels: Any,
    *,
    metric: str = "euclidean",
    sample_size: int | None = None,
    random_state: Any = None,
) -> float:
    """Mean silhouette coefficient over all samples (or a random subset of ``sample_size``).

    Examples
    --------
    >>> X = [[0.0], [0.1], [5.0], [5.1]]
    >>> round(silhouette_score(X, [0, 0, 1, 1]), 4)
    0.98
    """
    if sample_size is not None:
        from sklearn.utils import check_random_state

        A, xp = check_array(X, argument="X")
        lab = as_1d(labels, "labels")
        idx = check_random_state(random_state).permutation(int(A.shape[0]))[:sample_size]
        if metric == "precomputed":
            A = xp.take(
                xp.take(A, to_namespace(idx, xp, like=A), axis=0),
                to_namespace(idx, xp, like=A),
                axis=1,
            )
        else:
            A = xp.take(A, to_namespace(idx, xp, like=A), axis=0)
        lab = (
            xp.take(lab, to_namespace(idx, array_namespace(lab), like=lab), axis=0)
            if not isinstance(lab, np.ndarray)
            else lab[idx]
        )
        X, labels = A, lab
    s = silhouette_samples(X, labels, metric=metric)
    xp = array_namespace(s)
    return float(xp.mean(xp.astype(s, xp.float64)))
