"""Numba kernels for trailing windows on the CPU: one pass each, pandas' update rules.

A window of ``w`` rows slides one row at a time: the row that leaves is removed, the row that
enters is added (Kahan-compensated sums; Welford's mean and squared deviations for the
variance), as pandas' ``roll_sum``/``roll_mean``/``roll_var`` do, so the answers agree with
pandas to rounding. NaN rows are missing: they do not count as observations.
Inputs are already validated float64 arrays.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["rolling_moments"]


@njit(cache=True, nogil=True)
def _roll_sum(x, w, minp, mean, out):  # pragma: no cover - compiled
    s = 0.0
    comp = 0.0
    nobs = 0
    prev = np.nan
    same = 0
    for i in range(x.shape[0]):
        if i >= w:
            u = x[i - w]
            if u == u:
                nobs -= 1
                y = -u - comp
                t = s + y
                comp = t - s - y
                s = t
        v = x[i]
        if v == v:
            nobs += 1
            y = v - comp
            t = s + y
            comp = t - s - y
            s = t
            if v == prev:
                same += 1
            else:
                same = 1
            prev = v
        if nobs >= minp and nobs > 0:
            r = prev * nobs if same >= nobs else s
            out[i] = r / nobs if mean else r
        elif nobs == 0 and minp == 0 and not mean:
            out[i] = 0.0  # pandas: the sum of an empty window is 0 when min_periods=0
        else:
            out[i] = np.nan


@njit(cache=True, nogil=True)
def _window_moments(x, lo, hi):  # pragma: no cover - compiled
    """Mean and squared deviations of the non-NaN values of x[lo:hi], two passes."""
    s = 0.0
    k = 0
    for j in range(lo, hi):
        if x[j] == x[j]:
            s += x[j]
            k += 1
    m = s / k if k else 0.0
    q = 0.0
    for j in range(lo, hi):
        if x[j] == x[j]:
            q += (x[j] - m) * (x[j] - m)
    return m, q


@njit(cache=True, nogil=True)
def _roll_var(x, w, minp, ddof, out):  # pragma: no cover - compiled
    nobs = 0
    mean_x = 0.0
    ssq = 0.0
    comp = 0.0
    prev = np.nan
    same = 0
    peak = 0.0
    for i in range(x.shape[0]):
        if i >= w:
            u = x[i - w]
            if u == u:
                nobs -= 1
                if nobs:
                    prev_mean = mean_x - comp
                    y = u - comp
                    t = y - mean_x
                    comp = t + mean_x - y
                    mean_x -= t / nobs
                    ssq -= (u - prev_mean) * (u - mean_x)
                    if ssq < peak * 1e-8:  # a large value left: rebuild from the window
                        mean_x, ssq = _window_moments(x, i - w + 1, i)
                        comp = 0.0
                        peak = ssq
                else:
                    mean_x = 0.0
                    ssq = 0.0
                    peak = 0.0
        v = x[i]
        if v == v:
            nobs += 1
            prev_mean = mean_x - comp
            y = v - comp
            t = y - mean_x
            comp = t + mean_x - y
            mean_x += t / nobs
            ssq += (v - prev_mean) * (v - mean_x)
            if ssq > peak:
                peak = ssq
            if v == prev:
                same += 1
            else:
                same = 1
            prev = v
        if nobs >= minp and nobs > ddof:
            if nobs == 1 or same >= nobs:
                out[i] = 0.0
            else:
                r = ssq / (nobs - ddof)
                out[i] = r if r > 0.0 else 0.0
        else:
            out[i] = np.nan


def rolling_moments(x: np.ndarray, window: int, op: str, min_periods: int, ddof: int) -> np.ndarray:
    """Trailing-window ``sum``, ``mean``, ``var`` or ``std`` of float64 ``x`` (NaN = missing);
    NaN where fewer than ``min_periods`` values are present (an empty window sums to 0 when
    ``min_periods`` is 0, as pandas)."""
    out = np.empty(x.shape[0], dtype=np.float64)
    if op in ("sum", "mean"):
        _roll_sum(x, int(window), int(min_periods), op == "mean", out)
        return out
    _roll_var(x, int(window), max(int(min_periods), 1), int(ddof), out)
    return np.sqrt(out, out=out) if op == "std" else out
