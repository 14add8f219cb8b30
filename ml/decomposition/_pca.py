"""Principal component analysis: full SVD, covariance eigendecomposition or randomized SVD."""

from __future__ import annotations

from numbers import Integral, Real
from types import ModuleType
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.utils._param_validation import Interval, RealNotInt, StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy, to_host

from .._base import validate_X
from .._validation import wrap_like
from ._svd import assert_all_finite, centered_gram, randomized_svd, svd_flip_v

__all__ = ["PCA"]


class PCA(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Principal component analysis (linear dimensionality reduction), as scikit-learn's PCA.

    Solvers: ``'covariance_eigh'`` forms the centred Gram matrix ``Xc^T Xc`` in one blocked
    pass (never materialising ``Xc``) and eigendecomposes it (fast for tall data);
    ``'full'`` runs an SVD of the centred data; ``'randomized'`` runs Halko et al.'s
    randomized SVD. ``'auto'`` picks as scikit-learn does. Components follow scikit-learn's
    sign rule (largest-magnitude entry of each component positive). ``n_components='mle'``
    is not supported.

    Parameters
    ----------
    n_components : int, float in (0, 1) or None, default=None
    copy : bool, default=True (X is never modified)
    whiten : bool, default=False
    svd_solver : {'auto', 'full', 'covariance_eigh', 'randomized'}, default='auto'
    tol : float, default=0.0 (kept for compatibility)
    iterated_power : int or 'auto', default='auto'
    n_oversamples : int, default=10
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
    random_state : int, RandomState instance or None, default=None

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-1.0, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]])
    >>> pca = PCA(n_components=2).fit(X)
    >>> np.round(pca.explained_variance_ratio_, 4).tolist()
    [0.9924, 0.0076]
    """

    _parameter_constraints: dict = {
        "n_components": [
            Interval(Integral, 0, None, closed="left"),
            Interval(RealNotInt, 0, 1, closed="neither"),
            None,
        ],
        "copy": ["boolean"],
        "whiten": ["boolean"],
        "svd_solver": [StrOptions({"auto", "full", "covariance_eigh", "randomized"})],
        "tol": [Interval(Real, 0, None, closed="left")],
        "iterated_power": [StrOptions({"auto"}), Interval(Integral, 0, None, closed="left")],
        "n_oversamples": [Interval(Integral, 1, None, closed="left")],
        "power_iteration_normalizer": [StrOptions({"auto", "QR", "LU", "none"})],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        n_components: int | float | None = None,
        *,
        copy: bool = True,
        whiten: bool = False,
        svd_solver: str = "auto",
        tol: float = 0.0,
        iterated_power: int | str = "auto",
        n_oversamples: int = 10,
        power_iteration_normalizer: str = "auto",
        random_state: Any = None,
    ) -> None:
        self.n_components = n_components
        self.copy = copy
        self.whiten = whiten
        self.svd_solver = svd_solver
        self.tol = tol
        self.iterated_power = iterated_power
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> PCA:
        """Fit the model on ``X`` (``y`` is ignored)."""
        self._validate_params()
        # NaN/inf are checked by the solver: the Gram path reads them off its own pass
        A, xp = validate_X(self, X, reset=True, allow_nan=True)
        self._fit(A, xp)
        return self

    def _solver(self, n: int, d: int, k: int | float | None) -> str:
        solver = self.svd_solver
        if solver != "auto":
            return solver
        if d <= 1_000 and n >= 10 * d:
            return "covariance_eigh"
        if max(n, d) <= 500:
            return "full"
        if isinstance(k, Integral) and 1 <= k < 0.8 * min(n, d):
            return "randomized"
        return "full"

    def _fit(self, A: Any, xp: ModuleType) -> None:
        n, d = int(A.shape[0]), int(A.shape[1])
        k = self.n_components
        solver = self._solver(n, d, k)
        limit = min(n, d)
        if isinstance(k, Integral) and not 0 <= k <= limit:
            raise ValueError(
                f"n_components={k} must be between 0 and min(n_samples, n_features)={limit} "
                f"with svd_solver={solver!r}"
            )
        if solver == "randomized" and isinstance(k, Integral) and k < 1:
            raise ValueError(
                f"n_components={k} must be between 1 and min(n_samples, n_features)={limit} "
                "with svd_solver='randomized'"
            )
        if solver == "randomized" and not isinstance(k, Integral):
            raise ValueError(
                f"svd_solver='randomized' needs an integer n_components; received {k!r}"
            )
        if n < 2:
            raise ValueError(
                f"PCA needs at least 2 samples to estimate variance; received n_samples={n}"
            )
        if solver != "covariance_eigh":
            assert_all_finite(A, xp=xp)
        if solver == "covariance_eigh":
            mean, G = centered_gram(A, xp=xp)
            if is_numpy(xp):
                evals, evecs = np.linalg.eigh(G)
            else:
                evals, evecs = xp.linalg.eigh(G)
            evals = xp.flip(xp.clip(evals, 0.0, None), axis=0)
            Vt = xp.flip(evecs, axis=1).T
            _, Vt = svd_flip_v(None, Vt, xp=xp)
            ev = evals / (n - 1)
            sv = xp.sqrt(evals)
            total = xp.sum(ev)
        elif solver == "full":
            mean = xp.mean(A, axis=0)
            _, s, Vt = xp.linalg.svd(A - mean, full_matrices=False)
            _, Vt = svd_flip_v(None, Vt, xp=xp)
            sv = s
            ev = s**2 / (n - 1)
            total = xp.sum(ev)
        else:
            mean = xp.mean(A, axis=0)
            Xc = A - mean
            kr = int(k) if isinstance(k, Integral) else 0  # an integer here (checked above)
            power = self.iterated_power
            n_iter = (7 if kr < 0.1 * limit else 4) if power == "auto" else int(power)
            _, sv, Vt = randomized_svd(
                Xc,
                kr,
                n_oversamples=self.n_oversamples,
                n_iter=n_iter,
                power_iteration_normalizer=self.power_iteration_normalizer,
                random_state=self.random_state,
                xp=xp,
            )
            ev = sv**2 / (n - 1)
            if is_numpy(xp):
                total = float(np.sum(np.var(A, axis=0, ddof=1)))
            else:
                total = xp.sum(xp.var(A, axis=0, correction=1))
        ratio = ev / total if float(total) > 0 else xp.zeros_like(ev)
        if k is None:
            k = limit
        elif not isinstance(k, Integral):
            cum = np.cumsum(to_host(ratio))
            k = int(np.searchsorted(cum, k, side="right") + 1)
            k = min(k, limit)
        k = int(k)
        rank = int(Vt.shape[0])
        if k >= limit:
            self.noise_variance_ = 0.0
        elif solver == "randomized":
            rest = float(total) - float(xp.sum(ev[:k]))
            self.noise_variance_ = rest / (limit - k)
        elif rank > k:
            self.noise_variance_ = float(xp.mean(ev[k:]))
        else:
            self.noise_variance_ = 0.0
        dtype = A.dtype
        self.mean_ = xp.astype(mean, dtype)
        self.components_ = xp.astype(Vt[:k, ...], dtype)
        self.explained_variance_ = xp.astype(ev[:k], dtype)
        self.explained_variance_ratio_ = xp.astype(ratio[:k], dtype)
        self.singular_values_ = xp.astype(sv[:k], dtype)
        self.n_components_ = k
        self.n_samples_ = n
        self._solver_used = solver

    def transform(self, X: Any) -> Any:
        """Project ``X`` on the principal components (whitened when ``whiten``)."""
        check_is_fitted(self)
        A, xp = validate_X(self, X, reset=False)
        A = xp.astype(A, self.components_.dtype) if A.dtype != self.components_.dtype else A
        Z = (A - self.mean_) @ self.components_.T
        if self.whiten:
            scale = xp.sqrt(self.explained_variance_)
            scale = xp.where(scale == 0, xp.ones_like(scale), scale)
            Z = Z / scale
        return wrap_like(Z, X, columns=self._out_names())

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """Fit on ``X`` and return its projection."""
        return self.fit(X).transform(X)

    def inverse_transform(self, X: Any) -> Any:
        """Map projected data back to the original feature space."""
        check_is_fitted(self)
        from .._validation import check_array

        Z, xp = check_array(X)
        Z = xp.astype(Z, self.components_.dtype) if Z.dtype != self.components_.dtype else Z
        comps = self.components_
        if self.whiten:
            comps = xp.sqrt(self.explained_variance_)[:, None] * comps
        return wrap_like(Z @ comps + self.mean_, X)

    def get_covariance(self) -> Any:
        """Covariance of the data under the fitted (probabilistic PCA) model."""
        check_is_fitted(self)
        xp_comps = self.components_
        from gpuframe.backend import array_namespace

        xp = array_namespace(xp_comps)
        ev = self.explained_variance_
        if self.whiten:
            xp_comps = xp_comps * xp.sqrt(ev)[:, None]
        diff = xp.clip(ev - self.noise_variance_, 0.0, None)
        cov = (xp_comps.T * diff) @ xp_comps
        d = int(cov.shape[0])
        return cov + self.noise_variance_ * xp.eye(d, dtype=cov.dtype)

    def _out_names(self) -> list[str]:
        return [f"pca{i}" for i in range(self.n_components_)]

    @property
    def _n_features_out(self) -> int:
        return self.n_components_
