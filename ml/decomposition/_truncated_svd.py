"""Truncated SVD (latent semantic analysis) by randomized SVD, without centring X."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassNamePrefixFeaturesOutMixin, TransformerMixin
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy

from .._base import validate_X
from .._validation import check_array, wrap_like
from ._svd import randomized_svd, svd_flip_v

__all__ = ["TruncatedSVD"]


class TruncatedSVD(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Dimensionality reduction by truncated SVD of the (uncentred) data, as scikit-learn's.

    ``algorithm='randomized'`` (Halko et al.; the test matrix is drawn on the host, the
    products run on the device of X); ``'arpack'`` runs a full SVD of X (exact; kept for
    compatibility with scikit-learn's option name). Dense input only: sparse matrices raise
    ``TypeError``.

    Parameters
    ----------
    n_components : int, default=2
    algorithm : {'randomized', 'arpack'}, default='randomized'
    n_iter : int, default=5
    n_oversamples : int, default=10
    power_iteration_normalizer : {'auto', 'QR', 'LU', 'none'}, default='auto'
    random_state : int, RandomState instance or None, default=None
    tol : float, default=0.0 (kept for compatibility)

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).normal(size=(50, 6))
    >>> svd = TruncatedSVD(n_components=2, random_state=0).fit(X)
    >>> svd.components_.shape
    (2, 6)
    """

    _parameter_constraints: dict = {
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "algorithm": [StrOptions({"arpack", "randomized"})],
        "n_iter": [Interval(Integral, 0, None, closed="left")],
        "n_oversamples": [Interval(Integral, 1, None, closed="left")],
        "power_iteration_normalizer": [StrOptions({"auto", "OR", "QR", "LU", "none"})],
        "random_state": ["random_state"],
        "tol": [Interval(Real, 0, None, closed="left")],
    }

    def __init__(
        self,
        n_components: int = 2,
        *,
        algorithm: str = "randomized",
        n_iter: int = 5,
        n_oversamples: int = 10,
        power_iteration_normalizer: str = "auto",
        random_state: Any = None,
        tol: float = 0.0,
    ) -> None:
        self.n_components = n_components
        self.algorithm = algorithm
        self.n_iter = n_iter
        self.n_oversamples = n_oversamples
        self.power_iteration_normalizer = power_iteration_normalizer
        self.random_state = random_state
        self.tol = tol

    def fit(self, X: Any, y: Any = None) -> TruncatedSVD:
        """Fit the model on ``X`` (``y`` is ignored)."""
        self.fit_transform(X)
        return self

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """Fit on ``X`` and return ``U * Sigma`` (the reduced data)."""
        self._validate_params()
        A, xp = validate_X(self, X, reset=True)
        d = int(A.shape[1])
        k = self.n_components
        if self.algorithm == "arpack":
            if k >= d:
                raise ValueError(
                    f"n_components must be < n_features for algorithm='arpack'; got {k} >= {d}"
                )
            U, s, Vt = xp.linalg.svd(A, full_matrices=False)
            U, Vt = svd_flip_v(U, Vt, xp=xp)
            U, s, Vt = U[:, :k], s[:k], Vt[:k, ...]
        else:
            if k > d:
                raise ValueError(
                    f"n_components must be <= n_features for algorithm='randomized'; got {k} > {d}"
                )
            normalizer = self.power_iteration_normalizer
            normalizer = "QR" if normalizer == "OR" else normalizer
            U, s, Vt = randomized_svd(
                A,
                k,
                n_oversamples=self.n_oversamples,
                n_iter=self.n_iter,
                power_iteration_normalizer=normalizer,
                random_state=self.random_state,
                xp=xp,
            )
        Z = U * s
        if is_numpy(xp):
            ev = np.var(Z, axis=0)
            full = float(np.var(A, axis=0).sum())
        else:
            ev = xp.var(Z, axis=0)
            full = float(xp.sum(xp.var(A, axis=0)))
        self.components_ = xp.astype(Vt, A.dtype)
        self.explained_variance_ = xp.astype(ev, A.dtype)
        self.explained_variance_ratio_ = xp.astype(ev / full if full > 0 else ev * 0, A.dtype)
        self.singular_values_ = xp.astype(s, A.dtype)
        return wrap_like(xp.astype(Z, A.dtype), X, columns=self._out_names())

    def transform(self, X: Any) -> Any:
        """Project ``X`` on the components."""
        check_is_fitted(self)
        A, xp = validate_X(self, X, reset=False)
        A = xp.astype(A, self.components_.dtype) if A.dtype != self.components_.dtype else A
        return wrap_like(A @ self.components_.T, X, columns=self._out_names())

    def inverse_transform(self, X: Any) -> Any:
        """Map reduced data back to the original feature space."""
        check_is_fitted(self)
        Z, xp = check_array(X)
        Z = xp.astype(Z, self.components_.dtype) if Z.dtype != self.components_.dtype else Z
        return wrap_like(Z @ self.components_, X)

    def _out_names(self) -> list[str]:
        return [f"truncatedsvd{i}" for i in range(self.components_.shape[0])]

    @property
    def _n_features_out(self) -> int:
        return int(self.components_.shape[0])
