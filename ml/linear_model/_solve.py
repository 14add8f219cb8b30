"""Small dense solves on the Gram matrix (p x p), over ``xp``. Inputs already validated."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import is_numpy, to_host

__all__ = ["gram_condition", "nnls_gram", "pinv_solve", "spd_solve"]


def spd_solve(G: Any, b: Any, alpha: Any, *, xp: ModuleType) -> Any:
    """Solve ``(G + alpha I) w = b`` for symmetric positive (semi)definite ``G``.

    ``alpha`` is a scalar or one value per column of ``b`` (then each column is solved apart).
    Falls back to the pseudo-inverse where the Cholesky factorisation fails.
    """
    p = G.shape[0]
    alphas = np.atleast_1d(np.asarray(to_host(alpha) if not np.isscalar(alpha) else alpha))
    if alphas.size > 1:
        cols = [spd_solve(G, b[:, j : j + 1], float(alphas[j]), xp=xp) for j in range(b.shape[1])]
        return xp.concat(cols, axis=1)
    a = float(alphas[0])
    if is_numpy(xp):
        import scipy.linalg

        A = G + a * np.eye(p)
        try:
            return scipy.linalg.solve(A, b, assume_a="pos", check_finite=False)
        except (np.linalg.LinAlgError, ValueError):
            return pinv_solve(A, b, xp=xp)
    A = G + a * xp.eye(p, dtype=G.dtype)
    try:
        L = xp.linalg.cholesky(A)
        if not bool(xp.all(xp.isfinite(L))):
            raise np.linalg.LinAlgError("not positive definite")
        return xp.linalg.solve(A, b)
    except Exception:
        return pinv_solve(A, b, xp=xp)


def pinv_solve(A: Any, b: Any, *, xp: ModuleType, rcond: float | None = None) -> Any:
    """Minimum-norm solution of ``A w = b`` for symmetric ``A`` through its eigendecomposition."""
    p = A.shape[0]
    if rcond is None:
        rcond = p * float(np.finfo(np.float64).eps)
    evals, evecs = xp.linalg.eigh(A)
    top = float(xp.max(xp.abs(evals))) if p else 0.0
    keep = xp.abs(evals) > rcond * top
    inv = xp.where(keep, 1.0 / xp.where(keep, evals, xp.ones_like(evals)), xp.zeros_like(evals))
    proj = xp.matmul(xp.matrix_transpose(evecs), b)
    return xp.matmul(evecs, proj * inv[:, None])


def gram_condition(G: Any, *, xp: ModuleType) -> float:
    """Condition number of the Gram matrix scaled to unit diagonal (inf when singular)."""
    d = xp.sqrt(xp.abs(xp.linalg.diagonal(G)))
    d = xp.where(d > 0, d, xp.ones_like(d))
    S = G / (d[:, None] * d[None, :])
    evals = xp.linalg.eigvalsh(S)
    lo = float(xp.min(evals))
    hi = float(xp.max(evals))
    if lo <= 0:
        return float("inf")
    return hi / lo


def nnls_gram(G: Any, b: Any, alpha: float, *, xp: ModuleType) -> Any:
    """Non-negative least squares through the Gram matrix: ``min ||L^T w - L^{-1} b||``."""
    import scipy.linalg
    import scipy.optimize

    Gh = np.asarray(to_host(G), dtype=np.float64)
    bh = np.asarray(to_host(b), dtype=np.float64)
    p = Gh.shape[0]
    A = Gh + alpha * np.eye(p)
    # tiny jitter keeps the factorisation defined for rank-deficient X
    L = scipy.linalg.cholesky(A + 1e-12 * np.trace(A) / max(p, 1) * np.eye(p), lower=True)
    out = np.empty_like(bh)
    for j in range(bh.shape[1]):
        rhs = scipy.linalg.solve_triangular(L, bh[:, j], lower=True)
        out[:, j] = scipy.optimize.nnls(L.T, rhs, maxiter=50 * p)[0]
    return out if is_numpy(xp) else xp.asarray(out)
