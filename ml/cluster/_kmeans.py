"""K-means clustering (Lloyd), with k-means++ and k-means|| initialisation."""

from __future__ import annotations

import math
import warnings
from numbers import Integral, Real
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy, to_host

from .._base import to_namespace, validate_sample_weight, validate_X
from .._distances import pairwise_distances, row_norms_sq
from .._validation import wrap_like

__all__ = ["KMeans"]

# Rows per block in the generic (Array API) path, so an (rows x k) tile stays small.
_BLOCK = 1 << 16


class KMeans(TransformerMixin, ClusterMixin, BaseEstimator):
    """K-means clustering: Lloyd's algorithm with matrix-free fused distance passes.

    Follows :class:`sklearn.cluster.KMeans`. NumPy input runs one fused pass over X per
    iteration on all cores (Numba); any other Array API input (CuPy, ...) runs the same
    algorithm with matrix products on its own device. float32 input stays float32.

    Parameters
    ----------
    n_clusters : int, default=8
    init : {'k-means++', 'k-means||', 'random'}, callable or array of shape (n_clusters, n_features)
        'k-means++' is greedy k-means++ (as in scikit-learn); 'k-means||' is the scalable
        variant of Bahmani et al. (a few oversampling rounds, then k-means++ on the candidates).
    n_init : 'auto' or int, default='auto'
        Number of runs with different seeds; 'auto' is 1 for k-means++/k-means||/an array
        and 10 for 'random' or a callable. The run with the lowest inertia is kept.
    max_iter : int, default=300
    tol : float, default=1e-4
        Relative tolerance: convergence when the squared shift of the centers is at most
        ``tol`` times the mean variance of the features.
    verbose : int, default=0
    random_state : int, RandomState instance or None, default=None
    copy_x : bool, default=True
        Kept for scikit-learn compatibility; X is never modified.
    algorithm : {'lloyd'}, default='lloyd'
    oversampling_factor : float, default=2.0
        Candidates drawn per round by 'k-means||', as a multiple of ``n_clusters``.

    Attributes
    ----------
    cluster_centers_, labels_, inertia_, n_iter_, n_features_in_, feature_names_in_

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 2], [1, 4], [1, 0], [10, 2], [10, 4], [10, 0]])
    >>> km = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(km.cluster_centers_[:, 0].tolist())
    [1.0, 10.0]
    >>> float(km.inertia_)
    16.0
    """

    _parameter_constraints: dict = {
        "n_clusters": [Interval(Integral, 1, None, closed="left")],
        "init": [StrOptions({"k-means++", "k-means||", "random"}), callable, "array-like"],
        "n_init": [StrOptions({"auto"}), Interval(Integral, 1, None, closed="left")],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "tol": [Interval(Real, 0, None, closed="left")],
        "verbose": ["verbose"],
        "random_state": ["random_state"],
        "copy_x": ["boolean"],
        "algorithm": [StrOptions({"lloyd"})],
        "oversampling_factor": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init: Any = "k-means++",
        n_init: str | int = "auto",
        max_iter: int = 300,
        tol: float = 1e-4,
        verbose: int = 0,
        random_state: Any = None,
        copy_x: bool = True,
        algorithm: str = "lloyd",
        oversampling_factor: float = 2.0,
    ) -> None:
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.verbose = verbose
        self.random_state = random_state
        self.copy_x = copy_x
        self.algorithm = algorithm
        self.oversampling_factor = oversampling_factor

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> KMeans:
        """Compute the clustering of ``X`` (``y`` is ignored)."""
        self._validate_params()
        A, xp = validate_X(self, X, reset=True)
        n, d = int(A.shape[0]), int(A.shape[1])
        k = self.n_clusters
        if n < k:
            raise ValueError(f"n_samples={n} should be >= n_clusters={k}.")
        w = validate_sample_weight(sample_weight, A, xp)
        if w is None:
            w = xp.ones((n,), dtype=A.dtype)
        init = self.init
        if not isinstance(init, str) and not callable(init):
            init = to_namespace(init, xp, like=A)
            if tuple(init.shape) != (k, d):
                raise ValueError(
                    f"The shape of the initial centers {tuple(init.shape)} does not match the "
                    f"number of clusters {k} and features {d}; expected ({k}, {d})"
                )
            init = xp.astype(init, A.dtype)
        n_init = self._n_init(init)
        rs = check_random_state(self.random_state)
        tol = _tolerance(A, self.tol, xp=xp)
        fast = is_numpy(xp)
        if fast:
            A = np.ascontiguousarray(A)
            w = np.ascontiguousarray(w)
        best = None
        for _ in range(n_init):
            centers = self._init_centers(A, w, init, rs, xp=xp)
            run = (_lloyd_numpy if fast else _lloyd_generic)(
                A, w, centers, max_iter=self.max_iter, tol=tol, xp=xp, verbose=self.verbose
            )
            if best is None or run[2] < best[2]:
                best = run
        assert best is not None  # n_init >= 1
        centers, labels, inertia, n_iter = best
        distinct = int(xp.sum(xp.astype(_counts(labels, k, xp=xp) > 0, xp.int64)))
        if distinct < k:
            warnings.warn(
                f"Number of distinct clusters ({distinct}) found smaller than n_clusters ({k}). "
                "Possibly due to duplicate points in X.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.cluster_centers_ = centers
        self.labels_ = labels
        self.inertia_ = float(inertia)
        self.n_iter_ = int(n_iter)
        return self

    def _n_init(self, init: Any) -> int:
        if self.n_init != "auto":
            if not isinstance(init, str) and not callable(init) and self.n_init != 1:
                warnings.warn(
                    "Explicit initial center position passed: performing only one init in "
                    f"KMeans instead of n_init={self.n_init}.",
                    RuntimeWarning,
                    stacklevel=3,
                )
                return 1
            return int(self.n_init)
        if (isinstance(init, str) and init == "random") or callable(init):
            return 10
        return 1

    def _init_centers(self, X: Any, w: Any, init: Any, rs: Any, *, xp: ModuleType) -> Any:
        k = self.n_clusters
        if isinstance(init, str):
            if init == "k-means++":
                return _kmeans_plusplus(X, w, k, rs, xp=xp)
            if init == "k-means||":
                return _kmeans_parallel(X, w, k, rs, self.oversampling_factor, xp=xp)
            p = to_host(w).astype(np.float64)
            idx = rs.choice(X.shape[0], size=k, replace=False, p=p / p.sum())
            return xp.take(X, to_namespace(np.sort(idx), xp, like=X), axis=0)
        if callable(init):
            centers = to_namespace(init(X, k, rs), xp, like=X)
            if tuple(centers.shape) != (k, X.shape[1]):
                raise ValueError(
                    f"The callable init returned centers of shape {tuple(centers.shape)}; "
                    f"expected ({k}, {X.shape[1]})"
                )
            return xp.astype(centers, X.dtype)
        return xp.asarray(init, copy=True)

    # ------------------------------------------------------------------ use
    def _check_X(self, X: Any) -> tuple[Any, ModuleType]:
        check_is_fitted(self)
        A, xp = validate_X(self, X, reset=False)
        if A.dtype != self.cluster_centers_.dtype:
            A = xp.astype(A, self.cluster_centers_.dtype)
        return A, xp

    def predict(self, X: Any) -> Any:
        """Index of the nearest cluster center for each row of ``X``."""
        A, xp = self._check_X(X)
        labels, _ = _assign(A, self.cluster_centers_, xp=xp)
        return wrap_like(labels, X)

    def fit_predict(self, X: Any, y: Any = None, sample_weight: Any = None) -> Any:
        """Fit and return ``labels_``."""
        return wrap_like(self.fit(X, sample_weight=sample_weight).labels_, X)

    def transform(self, X: Any) -> Any:
        """Euclidean distance of each row of ``X`` to every cluster center."""
        A, _ = self._check_X(X)
        D = pairwise_distances(A, self.cluster_centers_, metric="euclidean")
        return wrap_like(D, X)

    def fit_transform(self, X: Any, y: Any = None, sample_weight: Any = None) -> Any:
        """Fit and return the distances of ``X`` to the cluster centers."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X: Any, y: Any = None, sample_weight: Any = None) -> float:
        """Opposite of the inertia of ``X`` on the fitted centers (higher is better)."""
        A, xp = self._check_X(X)
        w = validate_sample_weight(sample_weight, A, xp)
        _, mind = _assign(A, self.cluster_centers_, xp=xp)
        mind = xp.astype(mind, A.dtype) if mind.dtype != A.dtype else mind
        total = xp.sum(mind) if w is None else xp.sum(w * mind)
        return -float(total)


# ---------------------------------------------------------------------- helpers
def _counts(labels: Any, k: int, *, xp: ModuleType) -> Any:
    if is_numpy(xp):
        return np.bincount(labels, minlength=k)
    ks = xp.reshape(xp.arange(k, dtype=labels.dtype), (1, k))
    return xp.sum(xp.astype(labels[:, None] == ks, xp.int64), axis=0)


def _tolerance(X: Any, tol: float, *, xp: ModuleType) -> float:
    """``tol`` scaled by the mean feature variance (as scikit-learn does)."""
    if tol == 0:
        return 0.0
    if is_numpy(xp):
        from ._kmeans_kernels import column_variance

        return float(np.mean(column_variance(np.ascontiguousarray(X)))) * tol
    return float(xp.mean(xp.var(X, axis=0))) * tol


def _assign(X: Any, centers: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """(labels, squared distance to the nearest center)."""
    if is_numpy(xp):
        from ._kmeans_kernels import GEMM_MIN_CLUSTERS, assign, assign_gemm

        fn = assign_gemm if centers.shape[0] >= GEMM_MIN_CLUSTERS else assign
        return fn(np.ascontiguousarray(X), np.ascontiguousarray(centers))
    cn = row_norms_sq(centers, xp=xp)
    labels, mind = [], []
    for i in range(0, X.shape[0], _BLOCK):
        Xb = X[i : min(i + _BLOCK, X.shape[0]), ...]
        d2 = row_norms_sq(Xb, xp=xp)[:, None] + cn[None, :] - 2.0 * (Xb @ centers.T)
        lab = xp.argmin(d2, axis=1)
        labels.append(xp.astype(lab, xp.int32))
        mind.append(xp.clip(xp.min(d2, axis=1), 0.0, None))
    if len(labels) == 1:
        return labels[0], mind[0]
    return xp.concat(labels), xp.concat(mind)


def _relocate_empty(
    X: Any, w: Any, centers_new: Any, sums_w: Any, labels: Any, mind: Any, *, xp: ModuleType
) -> Any:
    """Move empty clusters onto the points farthest from their centers (as scikit-learn)."""
    empty = to_host(sums_w == 0).nonzero()[0]
    if empty.size == 0:
        return centers_new
    far = np.argsort(-to_host(mind), kind="stable")[: empty.size]
    centers_h = np.array(to_host(centers_new), copy=True)
    Xh = to_host(X[to_namespace(far, xp, like=X)]) if not is_numpy(xp) else X[far]
    centers_h[empty] = Xh
    return to_namespace(centers_h, xp, like=X)


def _lloyd_numpy(
    X: np.ndarray,
    w: np.ndarray,
    centers: np.ndarray,
    *,
    max_iter: int,
    tol: float,
    xp: ModuleType,
    verbose: int = 0,
) -> tuple[Any, Any, float, int]:
    from ._kmeans_kernels import GEMM_MIN_CLUSTERS, lloyd_step, lloyd_step_gemm

    step = lloyd_step_gemm if centers.shape[0] >= GEMM_MIN_CLUSTERS else lloyd_step
    centers = np.ascontiguousarray(centers, dtype=X.dtype)
    labels = np.full(X.shape[0], -1, dtype=np.int32)
    n_iter = 0
    for it in range(max_iter):
        n_iter = it + 1
        sums, wsum, changed, inertia = step(X, w, centers, labels)
        if verbose:
            print(f"Iteration {it}, inertia {inertia}.")
        with np.errstate(invalid="ignore", divide="ignore"):
            new = (sums / wsum[:, None]).astype(X.dtype)
        if np.any(wsum == 0):
            _, mind = _assign(X, centers, xp=xp)
            new = np.where((wsum == 0)[:, None], centers, new)
            new = _relocate_empty(X, w, new, wsum, labels, mind, xp=xp)
        if it > 0 and changed == 0:
            centers = new
            break
        shift = float(np.sum((new.astype(np.float64) - centers) ** 2))
        centers = new
        if shift <= tol:
            break
    labels, mind = _assign(X, centers, xp=xp)
    inertia = float(np.dot(w.astype(np.float64), mind))
    return centers, labels, inertia, n_iter


def _lloyd_generic(
    X: Any,
    w: Any,
    centers: Any,
    *,
    max_iter: int,
    tol: float,
    xp: ModuleType,
    verbose: int = 0,
) -> tuple[Any, Any, float, int]:
    k = centers.shape[0]
    ks = xp.reshape(xp.arange(k, dtype=xp.int32), (1, k))
    labels = None
    n_iter = 0
    for it in range(max_iter):
        n_iter = it + 1
        new_labels, mind = _assign(X, centers, xp=xp)
        sums, wsum = _cluster_sums(X, w, new_labels, ks, xp=xp)
        safe = xp.where(wsum == 0, xp.ones_like(wsum), wsum)
        new = xp.where((wsum == 0)[:, None], centers, sums / safe[:, None])
        if bool(xp.any(wsum == 0)):
            new = _relocate_empty(X, w, new, wsum, new_labels, mind, xp=xp)
        if verbose:
            print(f"Iteration {it}, inertia {float(xp.sum(w * mind))}.")
        unchanged = labels is not None and bool(xp.all(labels == new_labels))
        labels = new_labels
        shift = float(xp.sum((new - centers) ** 2))
        centers = new
        if unchanged or shift <= tol:
            break
    labels, mind = _assign(X, centers, xp=xp)
    inertia = float(xp.sum(w * xp.astype(mind, w.dtype)))
    return centers, labels, inertia, n_iter


def _cluster_sums(X: Any, w: Any, labels: Any, ks: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """Weighted sum of the rows and total weight per cluster, by one-hot products in blocks."""
    sums, wsum = None, None
    for i in range(0, X.shape[0], _BLOCK):
        j = min(i + _BLOCK, X.shape[0])
        onehot = xp.astype(labels[i:j, None] == ks, X.dtype) * w[i:j, None]
        s, t = onehot.T @ X[i:j, ...], xp.sum(onehot, axis=0)
        sums, wsum = (s, t) if sums is None else (sums + s, wsum + t)
    return sums, wsum


def _dist_to(X: Any, C: Any, *, xp: ModuleType) -> Any:
    """Squared distances (n, len(C)) from the rows of X to the rows of C (generic)."""
    d2 = row_norms_sq(X, xp=xp)[:, None] + row_norms_sq(C, xp=xp)[None, :] - 2.0 * (X @ C.T)
    return xp.clip(d2, 0.0, None)


def _kmeans_plusplus(X: Any, w: Any, k: int, rs: Any, *, xp: ModuleType) -> Any:
    """Greedy k-means++ (scikit-learn's variant: 2 + log(k) trials per new center)."""
    n = X.shape[0]
    trials = 2 + int(math.log(k))
    wh = to_host(w).astype(np.float64)
    first = int(rs.choice(n, p=wh / wh.sum()))
    if is_numpy(xp):
        from ._kmeans_kernels import kpp_trials, min_dist_update

        ids = [first]
        closest = np.full(n, np.inf)
        min_dist_update(X, X[first : first + 1, ...], closest)
        pot = float(np.dot(w, closest))
        for _ in range(1, k):
            vals = rs.uniform(size=trials) * pot
            cand = np.searchsorted(np.cumsum(w * closest), vals)
            np.clip(cand, None, n - 1, out=cand)
            pots, dcand = kpp_trials(X, w, X[cand], closest)
            b = int(np.argmin(pots))
            pot = float(pots[b])
            np.minimum(closest, dcand[:, b], out=closest)
            ids.append(int(cand[b]))
        return X[np.asarray(ids)].copy()
    ids = [first]
    closest = _dist_to(X, X[first : first + 1, ...], xp=xp)[:, 0]
    pot = float(xp.sum(w * closest))
    for _ in range(1, k):
        vals = to_namespace(rs.uniform(size=trials) * pot, xp, like=X)
        cum = xp.cumulative_sum(w * closest)
        cand = xp.clip(xp.searchsorted(cum, xp.astype(vals, cum.dtype)), 0, n - 1)
        dc = xp.minimum(closest[:, None], _dist_to(X, xp.take(X, cand, axis=0), xp=xp))
        pots = xp.sum(w[:, None] * dc, axis=0)
        b = int(xp.argmin(pots))
        pot = float(pots[b])
        closest = dc[:, b]
        ids.append(int(cand[b]))
    return xp.take(X, to_namespace(np.asarray(ids), xp, like=X), axis=0)


def _kmeans_parallel(
    X: Any, w: Any, k: int, rs: Any, factor: float, *, xp: ModuleType, rounds: int = 5
) -> Any:
    """k-means|| (Bahmani et al. 2012): oversample in a few rounds, then reduce to k."""
    n = X.shape[0]
    wh = to_host(w).astype(np.float64)
    first = int(rs.choice(n, p=wh / wh.sum()))
    chosen = [first]
    if is_numpy(xp):
        from ._kmeans_kernels import min_dist_update

        closest = np.full(n, np.inf)
        min_dist_update(X, X[first : first + 1, ...], closest)
    else:
        closest = _dist_to(X, X[first : first + 1, ...], xp=xp)[:, 0]
    ell = factor * k
    for _ in range(rounds):
        pot = float(xp.sum(w * xp.astype(closest, w.dtype)))
        if pot <= 0:
            break
        p = np.minimum(1.0, ell * wh * to_host(closest) / pot)
        new = np.flatnonzero(rs.uniform(size=n) < p)
        if new.size == 0:
            continue
        chosen.extend(new.tolist())
        if is_numpy(xp):
            min_dist_update(X, X[new], closest)
        else:
            C = xp.take(X, to_namespace(new, xp, like=X), axis=0)
            closest = xp.minimum(closest, xp.astype(_assign(X, C, xp=xp)[1], closest.dtype))
    ids = np.unique(np.asarray(chosen))
    if ids.size < k:
        extra = rs.choice(np.setdiff1d(np.arange(n), ids), size=k - ids.size, replace=False)
        ids = np.sort(np.concatenate([ids, extra]))
    C = xp.take(X, to_namespace(ids, xp, like=X), axis=0)
    # weight each candidate by the mass of the points it is closest to, then reduce to k
    labels, _ = _assign(X, C, xp=xp)
    cw = np.bincount(to_host(labels).astype(np.int64), weights=wh, minlength=ids.size)
    Ch = np.ascontiguousarray(to_host(C), dtype=np.float64)
    keep = cw > 0
    if int(keep.sum()) >= k:
        Ch, cw = Ch[keep], cw[keep]
    import array_api_compat.numpy as nxp

    cwp = np.where(cw > 0, cw, 1e-12)
    seeds = _kmeans_plusplus(Ch, cwp, k, rs, xp=nxp)
    centers, _, _, _ = _lloyd_numpy(Ch, cwp, seeds, max_iter=20, tol=0.0, xp=nxp)
    return xp.astype(to_namespace(centers, xp, like=X), X.dtype)
