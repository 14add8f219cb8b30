"""Column statistics that skip NaN, written once over ``xp`` (inputs already validated)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import is_numpy

__all__ = ["handle_zeros_in_scale", "nan_mean_var", "nan_min_max", "nan_quantiles"]


def nan_mean_var(
    X: Any, *, xp: ModuleType, sample_weight: Any = None, with_var: bool = True
) -> tuple[Any, Any, Any]:
    """Per-column mean, population variance and (weighted) count, ignoring NaN.

    Sums accumulate in float64 (float32 inputs included); results have X's dtype.
    """
    acc = xp.float64
    nan = xp.isnan(X)
    has_nan = bool(xp.any(nan))
    if is_numpy(xp) and not has_nan and sample_weight is None:
        n = X.shape[0]
        mean = np.add.reduce(X, axis=0, dtype=np.float64) / n
        var = None
        if with_var:
            var = np.einsum("ij,ij->j", X, X, dtype=np.float64) / n - mean * mean
            # one corrective pass where cancellation could bite
            bad = var <= 1e-6 * mean * mean
            if np.any(bad):
                D = X[:, bad] - mean[bad]
                var[bad] = np.einsum("ij,ij->j", D, D, dtype=np.float64) / n
            var = np.maximum(var, 0.0).astype(X.dtype)
        count = np.full(X.shape[1], float(n))
        return mean.astype(X.dtype), var, count
    keep = xp.astype(~nan, acc)
    if sample_weight is not None:
        keep = keep * xp.astype(sample_weight, acc)[:, None]
    Z = xp.where(nan, xp.zeros_like(X), X)
    Z = xp.astype(Z, acc)
    count = xp.sum(keep, axis=0)
    safe = xp.where(count > 0, count, xp.ones_like(count))
    mean = xp.sum(Z * keep, axis=0) / safe
    var = None
    if with_var:
        D = (Z - mean) * xp.where(keep > 0, xp.ones_like(Z), xp.zeros_like(Z))
        var = xp.sum(D * D * keep, axis=0) / safe
        var = xp.where(count > 0, var, xp.full_like(var, xp.nan))
        var = xp.astype(var, X.dtype)
    mean = xp.where(count > 0, mean, xp.full_like(mean, xp.nan))
    return xp.astype(mean, X.dtype), var, count


def nan_min_max(X: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """Per-column min and max ignoring NaN (all-NaN columns give NaN)."""
    nan = xp.isnan(X)
    if not bool(xp.any(nan)):
        return xp.min(X, axis=0), xp.max(X, axis=0)
    lo = xp.min(xp.where(nan, xp.full_like(X, xp.inf), X), axis=0)
    hi = xp.max(xp.where(nan, xp.full_like(X, -xp.inf), X), axis=0)
    empty = xp.all(nan, axis=0)
    fill = xp.full_like(lo, xp.nan)
    return xp.where(empty, fill, lo), xp.where(empty, fill, hi)


def nan_quantiles(X: Any, qs: list[float], *, xp: ModuleType) -> list[Any]:
    """Per-column quantiles (linear interpolation, like ``np.nanpercentile``), NaN ignored."""
    if is_numpy(xp):
        if bool(np.isnan(X).any()):
            out = np.nanpercentile(X, [100 * q for q in qs], axis=0)
        else:
            out = np.percentile(X, [100 * q for q in qs], axis=0)
        return [o.astype(X.dtype) for o in out]
    p = X.shape[1]
    S = xp.sort(X, axis=0)  # NaN sorts last
    cnt = xp.sum(xp.astype(~xp.isnan(X), xp.int64), axis=0)
    flat = xp.reshape(S, (-1,))
    cols = xp.arange(p, dtype=xp.int64)
    res = []
    for q in qs:
        pos = xp.astype(cnt - 1, xp.float64) * q
        pos = xp.where(cnt > 0, pos, xp.zeros_like(pos))
        lo = xp.astype(xp.floor(pos), xp.int64)
        hi = xp.astype(xp.ceil(pos), xp.int64)
        frac = xp.astype(pos - xp.astype(lo, xp.float64), X.dtype)
        a = xp.take(flat, lo * p + cols)
        b = xp.take(flat, hi * p + cols)
        v = a + (b - a) * frac
        res.append(xp.where(cnt > 0, v, xp.full_like(v, xp.nan)))
    return res


def handle_zeros_in_scale(scale: Any, *, xp: ModuleType) -> Any:
    """Scales that are (close to) zero become 1, so constant features pass through."""
    eps = float(np.finfo(np.dtype(str(scale.dtype).split(".")[-1])).eps)
    return xp.where(scale < 10 * eps, xp.ones_like(scale), scale)
