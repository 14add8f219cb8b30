"""Numba kernels for exponentially weighted windows on the CPU: pandas' ``ewm``/``ewmcov``.

An exponentially weighted mean is a scan: each row's value depends on the previous row's state
(the running weighted mean and the weight of the past), so one serial pass does it, with the
same updates, NaN rules (``ignore_na``) and constant-series guards as pandas' Cython code.
Inputs are float64 arrays with NaN for missing values.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["ewm_numpy"]


@njit(cache=True, nogil=True)
def _ewm_mean(x, minp, com, adjust, ignore_na, normalize, out):  # pragma: no cover - compiled
    n = x.shape[0]
    if n == 0:
        return
    alpha = 1.0 / (1.0 + com)
    old_wt_factor = 1.0 - alpha
    new_wt = 1.0 if adjust else alpha
    weighted = x[0]
    nobs = 1 if weighted == weighted else 0
    out[0] = weighted if nobs >= minp else np.nan
    old_wt = 1.0
    for i in range(1, n):
        cur = x[i]
        is_obs = cur == cur
        if is_obs:
            nobs += 1
        if weighted == weighted:
            if is_obs or not ignore_na:
                if normalize:
                    old_wt *= old_wt_factor
                    if not adjust and com == 1:  # pandas' rule, kept for the same answers
                        new_wt = 1.0 - old_wt
                else:
                    weighted = old_wt_factor * weighted
                if is_obs:
                    if normalize:
                        if weighted != cur:  # avoid rounding noise on a constant series
                            weighted = old_wt * weighted + new_wt * cur
                            weighted /= old_wt + new_wt
                        if adjust:
                            old_wt += new_wt
                        else:
                            old_wt = 1.0
                    else:
                        weighted += cur
        elif is_obs:
            weighted = cur
        out[i] = weighted if nobs >= minp else np.nan


@njit(cache=True, nogil=True)
def _ewm_var(x, minp, com, adjust, ignore_na, bias, out):  # pragma: no cover - compiled
    n = x.shape[0]
    if n == 0:
        return
    alpha = 1.0 / (1.0 + com)
    old_wt_factor = 1.0 - alpha
    new_wt = 1.0 if adjust else alpha
    mean_x = x[0]
    is_obs = mean_x == mean_x
    nobs = 1 if is_obs else 0
    if not is_obs:
        mean_x = np.nan
    if nobs >= minp:
        out[0] = 0.0 if bias else np.nan
    else:
        out[0] = np.nan
    cov = 0.0
    sum_wt = 1.0
    sum_wt2 = 1.0
    old_wt = 1.0
    for i in range(1, n):
        cur = x[i]
        is_obs = cur == cur
        if is_obs:
            nobs += 1
        if mean_x == mean_x:
            if is_obs or not ignore_na:
                sum_wt *= old_wt_factor
                sum_wt2 *= old_wt_factor * old_wt_factor
                old_wt *= old_wt_factor
                if is_obs:
                    old_mean = mean_x
                    if mean_x != cur:  # avoid rounding noise on a constant series
                        mean_x = (old_wt * old_mean + new_wt * cur) / (old_wt + new_wt)
                    d_old = old_mean - mean_x
                    d_new = cur - mean_x
                    cov = (old_wt * (cov + d_old * d_old) + new_wt * d_new * d_new) / (
                        old_wt + new_wt
                    )
                    sum_wt += new_wt
                    sum_wt2 += new_wt * new_wt
                    old_wt += new_wt
                    if not adjust:
                        sum_wt /= old_wt
                        sum_wt2 /= old_wt * old_wt
                        old_wt = 1.0
        elif is_obs:
            mean_x = cur
        if nobs >= minp:
            if not bias:
                num = sum_wt * sum_wt
                den = num - sum_wt2
                out[i] = (num / den) * cov if den > 0 else np.nan
            else:
                out[i] = cov
        else:
            out[i] = np.nan


def ewm_numpy(
    x: np.ndarray,
    op: str,
    *,
    com: float,
    adjust: bool,
    ignore_na: bool,
    min_periods: int,
    bias: bool = False,
) -> np.ndarray:
    """pandas' ``ewm(com=...).mean()/.sum()/.var()/.std()`` of float64 ``x`` (NaN = missing).

    >>> import numpy as np
    >>> ewm_numpy(np.array([1.0, 2.0, 3.0]), "mean", com=1.0, adjust=True, ignore_na=False,
    ...           min_periods=1).round(4).tolist()
    [1.0, 1.6667, 2.4286]
    """
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = np.empty(x.shape[0], dtype=np.float64)
    minp = max(int(min_periods), 1)
    if op in ("mean", "sum"):
        _ewm_mean(x, minp, float(com), bool(adjust), bool(ignore_na), op == "mean", out)
        return out
    _ewm_var(x, minp, float(com), bool(adjust), bool(ignore_na), bool(bias), out)
    return np.sqrt(out, out=out) if op == "std" else out
