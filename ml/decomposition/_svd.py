"""Shared linear algebra of the decompositions: sign convention, Gram matrix, randomized SVD.

Inputs are already validated (2-D float arrays of the namespace ``xp``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import is_numpy

from .._distances import n_threads, single_threaded_blas

__all__ = ["assert_all_finite", "centered_gram", "randomized_svd", "svd_flip_v"]

# Rows per block of the NumPy Gram pass: a block (and its centred copy) stays in L2 cache.
_GRAM_ROWS_BYTES = 1 << 21


def svd_flip_v(U: Any, Vt: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """Make the largest-magnitude entry of each row of ``Vt`` positive (scikit-learn's rule).

    ``U`` (or ``None``) gets the matching column signs, so ``U @ diag(s) @ Vt`` is unchanged.
    """
    cols = xp.argmax(xp.abs(Vt), axis=1)
    picked = xp.take_along_axis(Vt, cols[:, None], axis=1)[:, 0]
    signs = xp.where(picked < 0, -xp.ones_like(picked), xp.ones_like(picked))
    Vt = Vt * signs[:, None]
    if U is not None:
        U = U * signs[None, :]
    return U, Vt


def assert_all_finite(X: Any, *, xp: ModuleType, argument: str = "X") -> None:
    """Raise ``ValueError`` naming ``argument`` when ``X`` holds NaN or infinity."""
    if not bool(xp.all(xp.isfinite(X))):
        what = "NaN" if bool(xp.any(xp.isnan(X))) else "infinity"
        raise ValueError(f"Input `{argument}` contains {what} (NaN or infinity not allowed)")


def _check_sums(X: np.ndarray, s: np.ndarray, G: np.ndarray) -> None:
    """The column sums and the Gram diagonal are finite iff X is (or they overflowed)."""
    if np.isfinite(s).all() and np.isfinite(np.diagonal(G)).all():
        return
    assert_all_finite(X, xp=np)
    raise ValueError("Input `X` has values too large: its Gram matrix overflows float64")


def centered_gram(X: Any, *, xp: ModuleType) -> tuple[Any, Any]:
    """``(mean, Xc^T Xc)`` with ``Xc = X - mean``, without materialising ``Xc``.

    The NumPy path makes one pass over X in L2-sized blocks on all cores (BLAS
    single-threaded inside, which runs this tall-skinny product ~2x faster than one
    multithreaded call): each block's product and column sums go into per-thread float64
    accumulators. When the mean is large next to the spread, each block is first shifted by
    the first row (so no precision is lost) and the shift is corrected exactly at the end.

    X need not be checked for NaN/inf beforehand: the NumPy path reads the answer off the
    column sums and the Gram diagonal (no extra pass) and raises ``ValueError`` like
    :func:`assert_all_finite`.
    """
    n, d = int(X.shape[0]), int(X.shape[1])
    if not is_numpy(xp):
        assert_all_finite(X, xp=xp)
        mean = xp.mean(X, axis=0)
        Xc = X - mean
        return mean, Xc.T @ Xc
    X = np.ascontiguousarray(X)
    # A well-centred X (mean small next to the spread) needs no shift: removing n m m^T at
    # the end loses at most ~1e-12 (relative) in float64. Otherwise every block is shifted
    # by the first row, which keeps the result exact for any mean.
    limit = 1e4 if X.dtype == np.float64 else 1.0
    with np.errstate(invalid="ignore", over="ignore"):  # NaN/inf are reported below
        shift = None if _well_centred(X, limit) else X[0].copy()
    rows = _block_rows(X)

    def work(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        G = np.zeros((d, d), dtype=np.float64)
        s = np.zeros(d, dtype=np.float64)
        ones = np.ones(rows, dtype=X.dtype)
        buf = np.empty((rows, d), dtype=X.dtype) if shift is not None else None
        for i in range(lo, hi, rows):
            j = min(hi, i + rows)
            Z = X[i:j]
            if buf is not None and shift is not None:
                with np.errstate(invalid="ignore", over="ignore"):
                    Z = np.subtract(Z, shift, out=buf[: j - i])
            G += Z.T @ Z
            s += ones[: j - i] @ Z
        return G, s

    G, s = _row_task_sums(n, rows, work)
    _check_sums(X, s, G)
    dm = s / n
    G -= n * np.outer(dm, dm)
    mean = dm if shift is None else shift.astype(np.float64) + dm
    return np.asarray(mean, dtype=X.dtype), G


def _block_rows(X: np.ndarray) -> int:
    """Rows per L2-sized block of X."""
    return max(256, _GRAM_ROWS_BYTES // max(1, int(X.shape[1]) * X.itemsize))


def _row_task_sums(n: int, rows: int, work: Any) -> tuple[np.ndarray, ...]:
    """Sum ``work(lo, hi)`` (a tuple of arrays) over row ranges, on all cores.

    The rows are cut into ~8 tasks per thread (whole blocks each) handed out on demand, so a
    core slowed by other work does not hold the others back; the partial sums are added in
    task order, so the result does not depend on scheduling.
    """
    nt = n_threads()
    blocks = (n + rows - 1) // rows
    per_task = max(1, blocks // (8 * nt)) * rows
    starts = list(range(0, n, per_task))
    if nt == 1 or len(starts) == 1:
        parts = [work(lo, min(n, lo + per_task)) for lo in starts]
    else:
        with single_threaded_blas(), ThreadPoolExecutor(nt) as pool:
            parts = list(pool.map(lambda lo: work(lo, min(n, lo + per_task)), starts))
    total = parts[0]
    for part in parts[1:]:
        for acc, x in zip(total, part):
            acc += x
    return total


def _well_centred(X: np.ndarray, limit: float = 1e4) -> bool:
    """True when, on a strided sample of rows, every column has mean^2 <= limit * variance."""
    step = max(1, X.shape[0] // 4096)
    S = X[::step]
    m = S.mean(axis=0)
    v = S.var(axis=0)
    return bool(np.all(m * m <= limit * v)) and bool(np.all(v > 0))


def _normalize(Q: Any, method: str, *, xp: ModuleType) -> Any:
    if method == "none":
        return Q
    if method == "LU" and is_numpy(xp):
        from scipy import linalg

        return linalg.lu(Q, permute_l=True, check_finite=False)[0]
    return xp.linalg.qr(Q)[0]


def randomized_svd(
    M: Any,
    n_components: int,
    *,
    n_oversamples: int = 10,
    n_iter: int = 4,
    power_iteration_normalizer: str = "auto",
    random_state: Any = None,
    xp: ModuleType,
) -> tuple[Any, Any, Any]:
    """Halko-Martinsson-Tropp randomized SVD: ``(U, s, Vt)`` with ``n_components`` factors.

    The random test matrix is drawn on the host (it is small: n_features x (k + p)) and moved
    to the device of ``M``; everything else stays there. Signs follow :func:`svd_flip_v`.
    """
    from sklearn.utils import check_random_state

    rs = check_random_state(random_state)
    size = n_components + n_oversamples
    method = power_iteration_normalizer
    if method == "auto":
        method = "none" if n_iter == 0 else ("LU" if n_iter > 2 else "QR")
    dtype = np.float32 if M.dtype == xp.float32 else np.float64
    Q = rs.normal(size=(int(M.shape[1]), size)).astype(dtype)
    if is_numpy(xp) and M.shape[0] >= 4 * M.shape[1] and size <= M.shape[1]:
        U, s, Vt = _randomized_svd_tall(np.ascontiguousarray(M), Q, n_iter)
        U, Vt = svd_flip_v(U, Vt, xp=xp)
        return U[:, :n_components], s[:n_components], Vt[:n_components, ...]
    Q = Q if is_numpy(xp) else xp.asarray(Q, device=getattr(M, "device", None))
    for _ in range(n_iter):
        Q = _normalize(M @ Q, method, xp=xp)
        Q = _normalize(M.T @ Q, method, xp=xp)
    Q = xp.linalg.qr(M @ Q)[0]
    B = Q.T @ M
    Uh, s, Vt = xp.linalg.svd(B, full_matrices=False)
    U = Q @ Uh
    U, Vt = svd_flip_v(U, Vt, xp=xp)
    return U[:, :n_components], s[:n_components], Vt[:n_components, ...]


def _gram_product(M: np.ndarray, Q: np.ndarray) -> np.ndarray:
    """``M.T @ (M @ Q)`` in one blocked pass over M (on all cores, per-thread sums)."""
    n, d = M.shape
    rows = _block_rows(M)

    def work(lo: int, hi: int) -> tuple[np.ndarray]:
        Z = np.zeros((d, Q.shape[1]), dtype=np.float64)
        for i in range(lo, hi, rows):
            Mb = M[i : min(hi, i + rows)]
            Z += Mb.T @ (Mb @ Q)
        return (Z,)

    return _row_task_sums(n, rows, work)[0]


def _orthonormal_columns(C: np.ndarray) -> np.ndarray:
    """Orthonormal basis of the columns of a tall ``C`` by CholeskyQR2 (two small Grams).

    Falls back to Householder QR when the Gram is not positive definite (rank deficiency).
    """
    from scipy import linalg

    Q = C
    try:
        for _ in range(2):
            R = linalg.cholesky(Q.T @ Q, lower=False, check_finite=False)
            Q = linalg.solve_triangular(R, Q.T, trans="T", lower=False, check_finite=False).T
    except linalg.LinAlgError:
        return np.linalg.qr(C)[0]
    if not np.all(np.isfinite(Q)):
        return np.linalg.qr(C)[0]
    return np.ascontiguousarray(Q)


def _randomized_svd_tall(
    M: np.ndarray, Q: np.ndarray, n_iter: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Randomized SVD of a tall NumPy ``M`` with few passes over it (inputs validated).

    The same subspaces as Halko et al.'s power iterations (``range(M (M^T M)^q Omega)`` on the
    left): each iteration is one fused pass computing ``M^T (M Q)`` and orthonormalises the
    small (n_features x l) side with QR; the left basis comes from CholeskyQR2 of ``M Q``.
    This avoids the LU/QR factorisations of n_samples x l matrices that dominate otherwise.
    """
    for _ in range(n_iter):
        Q = np.linalg.qr(_gram_product(M, Q).astype(M.dtype, copy=False))[0]
    Ql = _orthonormal_columns(M @ Q)
    B = (M.T @ Ql).T
    Uh, s, Vt = np.linalg.svd(B, full_matrices=False)
    return Ql @ Uh, s, Vt
