"""Regression metrics: mean squared / absolute error and the coefficient of determination."""

from __future__ import annotations

from typing import Any

import numpy as np

from gpuframe.backend import array_namespace, to_host

from .._base import to_namespace
from .._validation import _to_array, check_consistent_length
from ._common import weights_for

__all__ = ["mean_absolute_error", "mean_squared_error", "r2_score"]

_MULTI = ("raw_values", "uniform_average", "variance_weighted")


def _targets(y_true: Any, y_pred: Any, multioutput: Any) -> tuple[Any, Any, Any]:
    a = _to_array(y_true)
    b = _to_array(y_pred)
    check_consistent_length(a, b, names=("y_true", "y_pred"))
    xp = array_namespace(a)
    b = to_namespace(b, xp, like=a)
    a = xp.reshape(a, (a.shape[0], -1)) if a.ndim == 1 else a
    b = xp.reshape(b, (b.shape[0], -1)) if b.ndim == 1 else b
    if a.shape[1] != b.shape[1]:
        raise ValueError(
            f"y_true and y_pred have different number of output ({a.shape[1]}!={b.shape[1]})"
        )
    if isinstance(multioutput, str) and multioutput not in _MULTI:
        raise ValueError(f"multioutput must be one of {_MULTI} or an array; got {multioutput!r}")
    a = xp.astype(a, xp.float64)
    b = xp.astype(b, xp.float64)
    return a, b, xp


def _average(values: Any, xp: Any, multioutput: Any, weights_var: Any = None) -> Any:
    if isinstance(multioutput, str):
        if multioutput == "raw_values":
            return values
        if multioutput == "variance_weighted" and weights_var is not None:
            s = float(xp.sum(weights_var))
            if s == 0:
                return float(xp.mean(values))
            return float(xp.sum(values * weights_var)) / s
        return float(xp.mean(values))
    wts = np.asarray(to_host(_to_array(multioutput)), dtype=np.float64)
    vals = np.asarray(to_host(values), dtype=np.float64)
    if wts.shape != vals.shape:
        raise ValueError(
            f"There must be equally many custom weights ({wts.size}) as outputs ({vals.size})"
        )
    return float(np.average(vals, weights=wts))


def _weighted_mean(E: Any, w: Any, xp: Any) -> Any:
    if w is None:
        return xp.mean(E, axis=0)
    return xp.sum(E * w[:, None], axis=0) / xp.sum(w)


def mean_squared_error(
    y_true: Any, y_pred: Any, *, sample_weight: Any = None, multioutput: Any = "uniform_average"
) -> Any:
    """Mean of squared errors (per output with ``multioutput='raw_values'``).

    Examples
    --------
    >>> mean_squared_error([1.0, 2.0], [1.0, 4.0])
    2.0
    """
    a, b, xp = _targets(y_true, y_pred, multioutput)
    w = weights_for(sample_weight, a, xp)
    D = a - b
    return _average(_weighted_mean(D * D, w, xp), xp, multioutput)


def mean_absolute_error(
    y_true: Any, y_pred: Any, *, sample_weight: Any = None, multioutput: Any = "uniform_average"
) -> Any:
    """Mean of absolute errors.

    Examples
    --------
    >>> mean_absolute_error([1.0, 2.0], [2.0, 4.0])
    1.5
    """
    a, b, xp = _targets(y_true, y_pred, multioutput)
    w = weights_for(sample_weight, a, xp)
    return _average(_weighted_mean(xp.abs(a - b), w, xp), xp, multioutput)


def r2_score(
    y_true: Any,
    y_pred: Any,
    *,
    sample_weight: Any = None,
    multioutput: Any = "uniform_average",
    force_finite: bool = True,
) -> Any:
    """Coefficient of determination ``1 - SS_res / SS_tot``.

    A constant ``y_true`` gives 1.0 for a perfect prediction and 0.0 otherwise
    (``force_finite=True``, as in scikit-learn).

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    1.0
    """
    a, b, xp = _targets(y_true, y_pred, multioutput)
    if a.shape[0] < 2:
        raise ValueError("R^2 score is not well-defined with less than two samples.")
    w = weights_for(sample_weight, a, xp)
    ww = xp.ones((a.shape[0],), dtype=xp.float64) if w is None else w
    D = a - b
    num = xp.sum(ww[:, None] * D * D, axis=0)
    mean = xp.sum(ww[:, None] * a, axis=0) / xp.sum(ww)
    C = a - mean
    den = xp.sum(ww[:, None] * C * C, axis=0)
    nz_num = num != 0
    nz_den = den != 0
    ok = nz_num & nz_den
    safe = xp.where(nz_den, den, xp.ones_like(den))
    score = xp.where(ok, 1.0 - num / safe, xp.ones_like(num))
    if force_finite:
        score = xp.where(nz_num & ~nz_den, xp.zeros_like(score), score)
    else:
        score = xp.where(nz_num & ~nz_den, xp.full_like(score, -xp.inf), score)
        score = xp.where(~nz_num & ~nz_den, xp.full_like(score, xp.nan), score)
    return _average(score, xp, multioutput, weights_var=den)
