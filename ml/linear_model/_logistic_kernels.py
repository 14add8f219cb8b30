"""CPU kernels for the logistic loss: decision values become the residual in place.

Inputs already validated: ``Z`` is C-contiguous (n, K), ``codes`` int64, ``w`` float (n,)
or empty for unit weights. The exponentials run in NumPy (SIMD); the per-row bookkeeping
runs in Numba loops, so the (n, K) block is touched a few times and never copied.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["binary_residual", "softmax_residual"]


@njit(cache=True, nogil=True)
def _shift_rows(Z: np.ndarray, codes: np.ndarray, zy: np.ndarray) -> None:  # pragma: no cover
    n, K = Z.shape
    for i in range(n):
        m = Z[i, 0]
        for k in range(1, K):
            if Z[i, k] > m:
                m = Z[i, k]
        for k in range(K):
            Z[i, k] -= m
        zy[i] = Z[i, codes[i]]


@njit(cache=True, nogil=True)
def _normalise_rows(
    E: np.ndarray, codes: np.ndarray, w: np.ndarray, zy: np.ndarray
) -> float:  # pragma: no cover
    n, K = E.shape
    weighted = w.shape[0] > 0
    total = 0.0
    for i in range(n):
        s = 0.0
        for k in range(K):
            s += E[i, k]
        wi = w[i] if weighted else 1.0
        total += wi * (np.log(s) - zy[i])
        scale = wi / s
        for k in range(K):
            E[i, k] *= scale
        E[i, codes[i]] -= wi
    return total


def softmax_residual(Z: np.ndarray, codes: np.ndarray, w: np.ndarray) -> float:
    """``Z <- w * (softmax(Z) - onehot(codes))``; returns ``sum w * (logsumexp(Z) - Z[y])``."""
    zy = np.empty(Z.shape[0], dtype=Z.dtype)
    _shift_rows(Z, codes, zy)
    np.exp(Z, out=Z)
    return float(_normalise_rows(Z, codes, w, zy))


def binary_residual(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """``z <- w * (sigmoid(z) - y)``; returns ``sum w * (log(1 + exp(z)) - y z)``."""
    lo = np.logaddexp(0.0, z)
    pt = lo - y * z
    total = float(pt @ w) if w.shape[0] else float(pt.sum(dtype=np.float64))
    np.subtract(z, lo, out=z)
    np.exp(z, out=z)
    z -= y
    if w.shape[0]:
        z *= w
    return total
