"""Sufficient statistics for least squares on tall data: the centred Gram matrix ``Xc^T W Xc``.

For n >> p the normal equations cost one GEMM (``X^T X``, a BLAS ``syrk`` in NumPy) and one
thin product (``X^T [1, y]``) over X, without centring (copying) X. Where centring after the
product would cancel too many digits (|mean| >> std), or the input is float32, the Gram matrix
is accumulated from centred row blocks instead (float64 accumulation). Inputs already validated.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import is_numpy

__all__ = ["GramStats", "gram_stats"]

_BLOCK = 8192


@dataclass
class GramStats:
    """``G = Xc^T W Xc``, ``b = Xc^T W yc``, the means and ``yy = yc^T W yc`` (float64)."""

    G: Any
    b: Any
    x_mean: Any
    y_mean: Any
    yy: Any
    sw_sum: float


def gram_stats(
    X: Any, y: Any, *, xp: ModuleType, sample_weight: Any = None, fit_intercept: bool = True
) -> GramStats:
    """Centred (weighted) Gram statistics of ``X`` and ``y`` (``y`` 1-D or 2-D)."""
    if is_numpy(xp):
        return _gram_numpy(np.asarray(X), np.asarray(y), sample_weight, fit_intercept)
    return _gram_generic(X, y, xp, sample_weight, fit_intercept)


def _gram_numpy(X: np.ndarray, y: np.ndarray, w: Any, fit_intercept: bool) -> GramStats:
    n, p = X.shape
    Y = y.reshape(n, -1)
    if w is None and X.dtype == np.float64:
        G0 = X.T @ X
        if not fit_intercept:
            b = X.T @ Y
            yy = np.einsum("ij,ij->j", Y, Y)
            return GramStats(G0, b, np.zeros(p), np.zeros(Y.shape[1]), yy, float(n))
        B = X.T @ np.column_stack([np.ones(n), Y])
        x_mean = B[:, 0] / n
        y_mean = Y.mean(axis=0)
        G = G0 - n * np.outer(x_mean, x_mean)
        d0 = np.diag(G0)
        # digits lost to cancellation: centre blocks instead where more than ~6 would go
        if not np.any(np.diag(G) < 1e-6 * d0):
            b = B[:, 1:] - n * np.outer(x_mean, y_mean)
            Yc = Y - y_mean
            yy = np.einsum("ij,ij->j", Yc, Yc)
            return GramStats(G, b, x_mean, y_mean, yy, float(n))
    return _gram_blocks(X, Y, w, fit_intercept)


def _gram_blocks(X: np.ndarray, Y: np.ndarray, w: Any, fit_intercept: bool) -> GramStats:
    n, p = X.shape
    k = Y.shape[1]
    if w is None:
        sw_sum = float(n)
        x_mean = np.add.reduce(X, axis=0, dtype=np.float64) / n if fit_intercept else np.zeros(p)
        y_mean = Y.mean(axis=0, dtype=np.float64) if fit_intercept else np.zeros(k)
    else:
        w = np.asarray(w, dtype=np.float64)
        sw_sum = float(w.sum())
        denom = sw_sum if sw_sum > 0 else 1.0
        x_mean = (w @ X) / denom if fit_intercept else np.zeros(p)
        y_mean = (w @ Y) / denom if fit_intercept else np.zeros(k)
    G = np.zeros((p, p))
    b = np.zeros((p, k))
    yy = np.zeros(k)
    for i in range(0, n, _BLOCK):
        C = X[i : i + _BLOCK].astype(np.float64) - x_mean
        R = Y[i : i + _BLOCK].astype(np.float64) - y_mean
        if w is not None:
            s = np.sqrt(w[i : i + _BLOCK])[:, None]
            C *= s
            R *= s
        G += C.T @ C
        b += C.T @ R
        yy += np.einsum("ij,ij->j", R, R)
    return GramStats(G, b, x_mean, y_mean, yy, sw_sum)


def _gram_generic(X: Any, y: Any, xp: ModuleType, w: Any, fit_intercept: bool) -> GramStats:
    n, p = X.shape
    Y = xp.reshape(y, (n, -1))
    Xd = xp.astype(X, xp.float64)
    Yd = xp.astype(Y, xp.float64)
    if w is None:
        sw_sum = float(n)
        if fit_intercept:
            x_mean = xp.mean(Xd, axis=0)
            y_mean = xp.mean(Yd, axis=0)
    else:
        wd = xp.astype(w, xp.float64)
        sw_sum = float(xp.sum(wd))
        denom = sw_sum if sw_sum > 0 else 1.0
        if fit_intercept:
            x_mean = xp.sum(Xd * wd[:, None], axis=0) / denom
            y_mean = xp.sum(Yd * wd[:, None], axis=0) / denom
    if fit_intercept:
        Xd = Xd - x_mean
        Yd = Yd - y_mean
    else:
        x_mean = xp.zeros((p,), dtype=xp.float64)
        y_mean = xp.zeros((Y.shape[1],), dtype=xp.float64)
    if w is not None:
        s = xp.sqrt(wd)[:, None]
        Xd = Xd * s
        Yd = Yd * s
    G = xp.matmul(xp.matrix_transpose(Xd), Xd)
    b = xp.matmul(xp.matrix_transpose(Xd), Yd)
    yy = xp.sum(Yd * Yd, axis=0)
    return GramStats(G, b, x_mean, y_mean, yy, sw_sum)
