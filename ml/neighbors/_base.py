"""Shared machinery of the neighbour estimators: parameters, fit, brute-force queries."""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral, Real
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy, to_host

from .._base import validate_X
from .._distances import argkmin, canonical_metric, radius_neighbors

__all__ = ["KNeighborsBase", "NeighborsBase", "neighbor_weights"]

_METRIC_NAMES = {"euclidean", "l2", "cosine", "manhattan", "cityblock", "l1", "minkowski"}


class NeighborsBase:
    """Parameters, ``fit`` bookkeeping and brute-force ``kneighbors``/``radius_neighbors``.

    Queries are exact brute force over tiles (``ml._distances``): GEMM-based for euclidean and
    cosine, a compiled loop for manhattan; memory stays bounded for any number of rows.
    """

    # set by the estimators' __init__ (and BaseEstimator)
    n_neighbors: int | None
    radius: float | None
    metric: str
    p: float | None
    metric_params: dict | None
    _validate_params: Callable[[], None]

    _parameter_constraints: dict = {
        "n_neighbors": [Interval(Integral, 1, None, closed="left"), None],
        "radius": [Interval(Real, 0, None, closed="both"), None],
        "algorithm": [StrOptions({"auto", "brute"})],
        "leaf_size": [Interval(Integral, 1, None, closed="left")],
        "p": [Interval(Real, 1, None, closed="left"), None],
        "metric": [StrOptions(_METRIC_NAMES)],
        "metric_params": [dict, None],
        "n_jobs": [Integral, None],
    }

    def _fit_X(self, X: Any) -> tuple[Any, ModuleType]:
        self._validate_params()
        A, xp = validate_X(self, X, reset=True)
        self._metric = canonical_metric(self.metric, self.p)
        self._fit_X_ = A
        self.effective_metric_ = self._metric
        self.effective_metric_params_ = dict(self.metric_params or {})
        self.n_samples_fit_ = int(A.shape[0])
        return A, xp

    def _query(self, X: Any) -> tuple[Any, ModuleType]:
        check_is_fitted(self, "n_samples_fit_")
        A, xp = validate_X(self, X, reset=False)
        if A.dtype != self._fit_X_.dtype:
            A = xp.astype(A, self._fit_X_.dtype)
        return A, xp

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> Any:
        """The ``n_neighbors`` nearest training rows of each row of ``X``.

        Returns ``(distances, indices)`` (or only the indices); with ``X=None`` the query is
        the training data and each point is not its own neighbour.
        """
        check_is_fitted(self, "n_samples_fit_")
        if X is None:
            return self._kneighbors(self._fit_X_, n_neighbors, return_distance, self_query=True)
        query, _ = self._query(X)
        return self._kneighbors(query, n_neighbors, return_distance)

    def _kneighbors(
        self,
        query: Any,
        n_neighbors: int | None,
        return_distance: bool = True,
        *,
        self_query: bool = False,
    ) -> Any:
        """kneighbors on an already validated query array."""
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        if not isinstance(k, Integral) or isinstance(k, bool) or k <= 0:
            raise ValueError(f"Expected n_neighbors > 0; received n_neighbors={k!r}")
        k = int(k)
        limit = self.n_samples_fit_ - (1 if self_query else 0)
        if k > limit:
            raise ValueError(
                f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k + self_query}, "
                f"n_samples_fit = {self.n_samples_fit_}, n_samples = {query.shape[0]}"
            )
        dist, ind = argkmin(query, self._fit_X_, k, metric=self._metric, exclude_self=self_query)
        return (dist, ind) if return_distance else ind

    def radius_neighbors(
        self,
        X: Any = None,
        radius: float | None = None,
        return_distance: bool = True,
        sort_results: bool = False,
    ) -> Any:
        """Training rows within ``radius`` of each query row, as object arrays of arrays.

        The per-row arrays are NumPy arrays on the host (their lengths differ per row).
        """
        check_is_fitted(self, "n_samples_fit_")
        r = self.radius if radius is None else radius
        if r is None or r < 0:
            raise ValueError(f"radius must be a non-negative number; received radius={r!r}")
        if X is None:
            query = self._fit_X_
        else:
            query, _ = self._query(X)
        rows, cols, dists = radius_neighbors(
            query, self._fit_X_, float(r), metric=self._metric, return_distance=True
        )
        m = int(query.shape[0])
        if X is None:
            keep = rows != cols
            rows, cols, dists = rows[keep], cols[keep], dists[keep]
        splits = np.searchsorted(rows, np.arange(1, m))
        ind_parts = np.split(cols, splits)
        dist_parts = np.split(dists, splits)
        if sort_results:
            for i, (d, c) in enumerate(zip(dist_parts, ind_parts)):
                order = np.argsort(d, kind="stable")
                dist_parts[i], ind_parts[i] = d[order], c[order]
        ind_out = np.empty(m, dtype=object)
        dist_out = np.empty(m, dtype=object)
        for i in range(m):
            ind_out[i] = ind_parts[i]
            dist_out[i] = dist_parts[i]
        return (dist_out, ind_out) if return_distance else ind_out

    def kneighbors_graph(
        self, X: Any = None, n_neighbors: int | None = None, mode: str = "connectivity"
    ) -> Any:
        """Sparse (SciPy CSR, on the host) graph of each query row's k nearest neighbours.

        ``mode='connectivity'`` stores ones, ``'distance'`` the distances.
        """
        from scipy.sparse import csr_matrix

        _check_mode(mode)
        dist, ind = self.kneighbors(X, n_neighbors)
        ind_h, dist_h = to_host(ind), to_host(dist)
        m, k = ind_h.shape
        data = np.ones(m * k) if mode == "connectivity" else dist_h.ravel()
        indptr = np.arange(0, m * k + 1, k)
        return csr_matrix((data, ind_h.ravel(), indptr), shape=(m, self.n_samples_fit_))

    def radius_neighbors_graph(
        self,
        X: Any = None,
        radius: float | None = None,
        mode: str = "connectivity",
        sort_results: bool = False,
    ) -> Any:
        """Sparse (SciPy CSR, on the host) graph of the training rows within ``radius``."""
        from scipy.sparse import csr_matrix

        _check_mode(mode)
        dist, ind = self.radius_neighbors(
            X, radius, return_distance=True, sort_results=sort_results
        )
        sizes = np.array([len(a) for a in ind], dtype=np.int64)
        indptr = np.concatenate([[0], np.cumsum(sizes)])
        cols = np.concatenate(list(ind)) if len(ind) else np.empty(0, dtype=np.int64)
        if mode == "connectivity":
            data = np.ones(cols.shape[0])
        else:
            data = np.concatenate(list(dist)) if len(dist) else np.empty(0)
        return csr_matrix((data, cols, indptr), shape=(len(ind), self.n_samples_fit_))


def _check_mode(mode: str) -> None:
    if mode not in ("connectivity", "distance"):
        raise ValueError(
            f"Unsupported mode, must be one of 'connectivity' or 'distance' but got {mode!r} "
            "instead"
        )


def neighbor_weights(dist: Any, weights: Any, *, xp: ModuleType) -> Any:
    """Per-neighbour weights: None for 'uniform', 1/d for 'distance', or a callable's output.

    As in scikit-learn, a row with a zero distance gives weight 1 to its exact matches and 0
    to the others.
    """
    if weights in (None, "uniform"):
        return None
    if weights == "distance":
        zero = dist == 0
        any_zero = xp.any(zero, axis=1)[:, None]
        safe = xp.where(zero, xp.ones_like(dist), dist)
        inv = 1.0 / safe
        return xp.where(any_zero, xp.astype(zero, dist.dtype), inv)
    w = weights(dist)
    if is_numpy(xp):
        return np.asarray(w, dtype=dist.dtype)
    return w


class KNeighborsBase(NeighborsBase):
    """Parameters of the k-nearest-neighbour predictors (classifier and regressor).

    They share scikit-learn's constructor: ``n_neighbors``, ``weights`` and the query
    settings of :class:`NeighborsBase` (no ``radius``).
    """

    _parameter_constraints: dict = {
        **{k: v for k, v in NeighborsBase._parameter_constraints.items() if k != "radius"},
        "weights": [StrOptions({"uniform", "distance"}), callable, None],
    }

    def __init__(
        self,
        n_neighbors: int = 5,
        *,
        weights: Any = "uniform",
        algorithm: str = "auto",
        leaf_size: int = 30,
        p: float = 2,
        metric: str = "minkowski",
        metric_params: dict | None = None,
        n_jobs: int | None = None,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.algorithm = algorithm
        self.leaf_size = leaf_size
        self.p = p
        self.metric = metric
        self.metric_params = metric_params
        self.n_jobs = n_jobs
