"""The shared part of linear models: the decision function ``X @ coef_.T + intercept_``."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy, to_host

from .._base import FLOATS, validate_sample_weight, validate_X, validate_y
from .._validation import wrap_like
from ._gram import GramStats, gram_stats

__all__ = ["LinearModel", "LinearRegressorBase"]


class LinearModel(BaseEstimator):
    """Linear prediction from ``coef_`` and ``intercept_`` kept in the namespace of X."""

    def _decision(self, X: Any) -> tuple[Any, Any]:
        check_is_fitted(self, "coef_")
        A, xp = validate_X(self, X, reset=False)
        coef = _as(self.coef_, xp, A)
        out = xp.matmul(A, xp.matrix_transpose(coef) if coef.ndim == 2 else coef)
        icpt = self.intercept_
        if isinstance(icpt, (int, float)):
            if icpt != 0.0:
                out = out + icpt
        else:
            out = out + _as(icpt, xp, A)
        return out, A


class LinearRegressorBase(RegressorMixin, LinearModel):
    """Least-squares regressors solved from centred Gram statistics (tall data)."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def _prepare(self, X: Any, y: Any, sample_weight: Any) -> tuple[Any, Any, Any, Any, ModuleType]:
        A, xp = validate_X(self, X, reset=True, dtype=FLOATS)
        Y = validate_y(y, A, xp, est=self, multi_output=True)
        w = validate_sample_weight(sample_weight, A, xp)
        return A, Y, w, X, xp

    def _stats(self, A: Any, Y: Any, w: Any, xp: ModuleType) -> GramStats:
        return gram_stats(A, Y, xp=xp, sample_weight=w, fit_intercept=self.fit_intercept)

    def _set_coef(self, W: Any, st: GramStats, Y: Any, A: Any, xp: ModuleType) -> None:
        """Store ``coef_`` ((p,) or (k, p)) and ``intercept_`` from the (p, k) solution."""
        icpt = st.y_mean - xp.matmul(st.x_mean, W) if self.fit_intercept else None
        W = xp.astype(xp.matrix_transpose(W), A.dtype)
        if Y.ndim == 1:
            self.coef_ = W[0, :]
            self.intercept_ = float(icpt[0]) if icpt is not None else 0.0
        else:
            self.coef_ = W
            self.intercept_ = (
                xp.astype(icpt, A.dtype)
                if icpt is not None
                else xp.zeros((W.shape[0],), dtype=A.dtype)
            )

    def predict(self, X: Any) -> Any:
        """Predict ``X @ coef_.T + intercept_``; the result follows X (array or Series)."""
        out, _ = self._decision(X)
        return wrap_like(out, X)


def _as(a: Any, xp: ModuleType, like: Any) -> Any:
    """A fitted array in the namespace and dtype of ``like`` (no copy when already there)."""
    if is_numpy(xp):
        a = np.asarray(a)
    elif not hasattr(a, "__array_namespace__") or type(a) is not type(like):
        a = xp.asarray(np.asarray(to_host(a)))
    if a.dtype != like.dtype:
        a = xp.astype(a, like.dtype)
    return a
