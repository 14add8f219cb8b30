"""Coordinate descent for the elastic net on the Gram matrix (Numba). Inputs already validated.

Minimises ``0.5 w^T G w - b^T w + l1 * |w|_1 + 0.5 * l2 * |w|^2`` where ``G = Xc^T W Xc`` and
``b = Xc^T W yc`` (p x p and p: independent of the number of rows), i.e. the elastic-net
objective of scikit-learn times the sum of the sample weights. Stops like scikit-learn's
``enet_coordinate_descent_gram``: when the largest update is small relative to the largest
weight, check the duality gap against ``tol * yc^T W yc``.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["enet_gram_cd"]


@njit(cache=True, nogil=True)
def _gap(
    w: np.ndarray, q: np.ndarray, G_w: np.ndarray, yy: float, l1: float, l2: float, positive: bool
) -> float:  # pragma: no cover
    p = w.shape[0]
    dual_norm = 0.0
    w_q = 0.0
    w_Gw = 0.0
    w_norm2 = 0.0
    l1_norm = 0.0
    for j in range(p):
        xta = q[j] - G_w[j] - l2 * w[j]
        v = xta if positive else abs(xta)
        if v > dual_norm:
            dual_norm = v
        w_q += w[j] * q[j]
        w_Gw += w[j] * G_w[j]
        w_norm2 += w[j] * w[j]
        l1_norm += abs(w[j])
    r_norm2 = yy + w_Gw - 2.0 * w_q
    if r_norm2 < 0.0:
        r_norm2 = 0.0
    if dual_norm > l1:
        const = l1 / dual_norm
        gap = 0.5 * (r_norm2 + r_norm2 * const * const)
    else:
        const = 1.0
        gap = r_norm2
    gap += l1 * l1_norm - const * (yy - w_q) + 0.5 * l2 * (1.0 + const * const) * w_norm2
    return gap


@njit(cache=True, nogil=True)
def enet_gram_cd(
    w: np.ndarray,
    G: np.ndarray,
    q: np.ndarray,
    yy: float,
    l1: float,
    l2: float,
    max_iter: int,
    tol: float,
    positive: bool,
    order: np.ndarray,
) -> tuple[int, float]:  # pragma: no cover
    """Update ``w`` in place; returns ``(n_iter, duality_gap)``. ``order`` (n_iter x p)
    gives the coordinate order of each sweep (cyclic or random)."""
    p = w.shape[0]
    G_w = G @ w
    tol_scaled = tol * yy
    gap = tol_scaled + 1.0
    n_iter = 0
    for it in range(max_iter):
        w_max = 0.0
        d_w_max = 0.0
        for jj in range(p):
            j = order[it % order.shape[0], jj]
            gjj = G[j, j]
            if gjj == 0.0 and l2 == 0.0:
                continue
            w_old = w[j]
            tmp = q[j] - G_w[j] + gjj * w_old
            if positive and tmp < 0.0:
                w_new = 0.0
            else:
                a = abs(tmp) - l1
                w_new = 0.0 if a <= 0.0 else np.sign(tmp) * a / (gjj + l2)
            if w_new != w_old:
                d = w_new - w_old
                for k in range(p):
                    G_w[k] += G[k, j] * d
                w[j] = w_new
                if abs(d) > d_w_max:
                    d_w_max = abs(d)
            if abs(w_new) > w_max:
                w_max = abs(w_new)
        n_iter = it + 1
        if w_max == 0.0 or d_w_max / w_max <= tol or it == max_iter - 1:
            gap = _gap(w, q, G_w, yy, l1, l2, positive)
            if gap <= tol_scaled:
                break
    return n_iter, gap
