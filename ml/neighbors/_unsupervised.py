"""Unsupervised nearest-neighbour search."""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator

from ._base import NeighborsBase

__all__ = ["NearestNeighbors"]


class NearestNeighbors(NeighborsBase, BaseEstimator):
    """Exact nearest-neighbour search by tiled brute force, as scikit-learn's NearestNeighbors.

    Metrics: ``euclidean`` (``minkowski`` with p=2, the default), ``cosine``, ``manhattan``
    (``minkowski`` with p=1). ``algorithm`` accepts 'auto' and 'brute' (both brute force);
    ``leaf_size`` and ``n_jobs`` are accepted for compatibility (all cores are used).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0]])
    >>> nn = NearestNeighbors(n_neighbors=2).fit(X)
    >>> dist, ind = nn.kneighbors(np.array([[0.0, 0.2]]))
    >>> ind.tolist()
    [[0, 1]]
    """

    _parameter_constraints: dict = dict(NeighborsBase._parameter_constraints)

    def __init__(
        self,
        *,
        n_neighbors: int = 5,
        radius: float = 1.0,
        algorithm: str = "auto",
        leaf_size: int = 30,
        metric: str = "minkowski",
        p: float = 2,
        metric_params: dict | None = None,
        n_jobs: int | None = None,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.radius = radius
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.metric = metric
        self.p = p
        self.metric_params = metric_params
        self.n_jobs = n_jobs

    def fit(self, X: Any, y: Any = None) -> NearestNeighbors:
        """Store the training data ``X`` (``y`` is ignored)."""
        self._fit_X(X)
        return self
