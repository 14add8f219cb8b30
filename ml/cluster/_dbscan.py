"""DBSCAN: density-based clustering over tiled radius neighbourhoods."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
from numba import njit
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.utils._param_validation import Interval, StrOptions

from gpuframe.backend import is_numpy, to_host

from .._base import to_namespace, validate_sample_weight, validate_X
from .._distances import canonical_metric, radius_neighbors
from .._validation import wrap_like
from ._grid import MAX_GRID_DIM, grid_dbscan
from ._union_find import number_roots, union

__all__ = ["DBSCAN"]

_METRIC_NAMES = {"euclidean", "l2", "cosine", "manhattan", "cityblock", "l1", "minkowski"}


class DBSCAN(ClusterMixin, BaseEstimator):
    """Density-based clustering (DBSCAN), with the same labels as scikit-learn's.

    Neighbourhoods come from a uniform grid of cells of side ``eps`` for NumPy data with at
    most 3 features (euclidean or manhattan), else from tiled brute-force radius search on the
    device of X (only the index pairs within ``eps`` travel to the host); clusters are the connected components of
    the core points, numbered in order of their first core point, and each border point joins
    the lowest-numbered cluster among its core neighbours, exactly as scikit-learn's
    sequential expansion assigns them.

    Parameters
    ----------
    eps : float, default=0.5
    min_samples : int, default=5 (a point counts itself)
    metric : {'euclidean', 'cosine', 'manhattan', 'minkowski', ...}, default='euclidean'
    metric_params : dict or None (accepted for compatibility)
    algorithm : {'auto', 'brute'}, default='auto' (both brute force)
    leaf_size : int, default=30 (accepted for compatibility)
    p : float or None, default=None (1 or 2 for 'minkowski')
    n_jobs : int or None (accepted for compatibility; all cores are used)

    Attributes
    ----------
    core_sample_indices_, components_, labels_ (-1 marks noise), n_features_in_

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]])
    >>> DBSCAN(eps=3, min_samples=2).fit(X).labels_.tolist()
    [0, 0, 0, 1, 1, -1]
    """

    _parameter_constraints: dict = {
        "eps": [Interval(Real, 0.0, None, closed="neither")],
        "min_samples": [Interval(Integral, 1, None, closed="left")],
        "metric": [StrOptions(_METRIC_NAMES)],
        "metric_params": [dict, None],
        "algorithm": [StrOptions({"auto", "brute"})],
        "leaf_size": [Interval(Integral, 1, None, closed="left")],
        "p": [Interval(Real, 0.0, None, closed="left"), None],
        "n_jobs": [Integral, None],
    }

    def __init__(
        self,
        eps: float = 0.5,
        *,
        min_samples: int = 5,
        metric: str = "euclidean",
        metric_params: dict | None = None,
        algorithm: str = "auto",
        leaf_size: int = 30,
        p: float | None = None,
        n_jobs: int | None = None,
    ) -> None:
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric
        self.metric_params = metric_params
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.n_jobs = n_jobs

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> DBSCAN:
        """Cluster ``X`` (``y`` is ignored); ``sample_weight`` counts towards core density."""
        self._validate_params()
        A, xp = validate_X(self, X, reset=True)
        metric = canonical_metric(self.metric, self.p)
        w = validate_sample_weight(sample_weight, A, xp)
        labels, core = _dbscan_labels(A, w, float(self.eps), self.min_samples, metric, xp=xp)
        core_idx = np.flatnonzero(core)
        self.core_sample_indices_ = core_idx
        if is_numpy(xp):
            self.components_ = A[core_idx].copy()
            self.labels_ = labels
        else:
            self.components_ = xp.take(A, to_namespace(core_idx, xp, like=A), axis=0)
            self.labels_ = to_namespace(labels, xp, like=A)
        return self

    def fit_predict(self, X: Any, y: Any = None, sample_weight: Any = None) -> Any:
        """Cluster ``X`` and return ``labels_`` (in the container kind of ``X``)."""
        return wrap_like(self.fit(X, sample_weight=sample_weight).labels_, X)


def _dbscan_labels(
    A: Any, w: Any, eps: float, min_samples: int, metric: str, *, xp: Any
) -> tuple[np.ndarray, np.ndarray]:
    """(labels, core mask): a grid for low-dimensional NumPy data, else tiled pair search."""
    if is_numpy(xp) and metric in ("euclidean", "manhattan") and A.shape[1] <= MAX_GRID_DIM:
        out = grid_dbscan(np.asarray(A), w, eps, min_samples, manhattan=metric == "manhattan")
        if out is not None:
            return out
    n = int(A.shape[0])
    rows, cols = radius_neighbors(A, A, eps, metric=metric)
    density: np.ndarray
    if w is None:
        density = np.bincount(rows, minlength=n).astype(np.float64)
    else:
        wh = np.asarray(to_host(w), dtype=np.float64)
        density = np.bincount(rows, weights=wh[cols], minlength=n)
    core = density >= min_samples
    return _label_clusters(rows, cols, core, n), core


def _label_clusters(rows: np.ndarray, cols: np.ndarray, core: np.ndarray, n: int) -> np.ndarray:
    """Labels from the neighbourhood pairs and the core mask (inputs already validated)."""
    return _union_find_labels(
        np.ascontiguousarray(rows, dtype=np.int64),
        np.ascontiguousarray(cols, dtype=np.int64),
        np.ascontiguousarray(core),
    )


@njit(cache=True)
def _union_find_labels(rows, cols, core):  # pragma: no cover - compiled
    """Connected components of the core points, numbered by their lowest core point.

    Unions keep the smaller index as root, so every component's root is its lowest core
    point and numbering roots in index order reproduces scikit-learn's scan order. A border
    point then takes the lowest cluster number among its core neighbours.
    """
    parent = np.arange(core.shape[0])
    for e in range(rows.shape[0]):
        a = rows[e]
        b = cols[e]
        if core[a] and core[b]:
            union(parent, a, b)
    labels = number_roots(parent, core)
    for e in range(rows.shape[0]):
        a = rows[e]
        b = cols[e]
        if not core[a] and core[b]:
            c = labels[b]
            if labels[a] == -1 or c < labels[a]:
                labels[a] = c
    return labels
