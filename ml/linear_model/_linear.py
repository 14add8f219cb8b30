"""Ordinary least squares and ridge regression: LinearRegression, Ridge."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.utils._param_validation import Interval, StrOptions

from gpuframe.backend import is_numpy, to_host

from ._base import LinearRegressorBase
from ._solve import gram_condition, nnls_gram, pinv_solve, spd_solve

__all__ = ["LinearRegression", "Ridge"]

# Above this condition number of the (unit-diagonal) Gram matrix the normal equations would
# lose more than ~6 of 16 digits: solve the least-squares problem on X itself instead.
_MAX_GRAM_COND = 1e10


class LinearRegression(LinearRegressorBase):
    """Ordinary least squares, ``min ||y - X w - b||^2`` (optionally weighted).

    Parameters
    ----------
    fit_intercept : bool, default=True
    copy_X : bool, default=True
        Accepted for scikit-learn compatibility; X is never modified.
    tol : float, default=1e-6
        Relative cut-off for small singular values of the centred X, as scikit-learn's
        ``cond`` of ``scipy.linalg.lstsq``: directions below ``tol * s_max`` are dropped
        (minimum-norm solution).
    positive : bool, default=False
        Constrain the coefficients to be non-negative (NNLS).
    solver : {'auto', 'gram', 'lstsq', 'qr'}, default='auto'
        ``'gram'`` solves the normal equations from ``X^T X`` (one GEMM over X; fast for
        tall data); ``'lstsq'`` runs an SVD-based least-squares solver on X (as
        scikit-learn does; on other backends, the pseudo-inverse of the Gram matrix);
        ``'qr'`` a Householder QR of the centred X on its device (rank-deficient X falls
        back to ``'lstsq'``). ``'auto'`` uses the Gram matrix unless X is ill-conditioned
        (unit-diagonal Gram condition number above 1e10) or has singular values near the
        ``tol`` cut-off, then ``'lstsq'`` (NumPy) or ``'qr'`` / the pseudo-inverse (other
        backends), so results match scikit-learn's SVD solution.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> reg = LinearRegression().fit(X, 2 * X[:, 0] + 1)
    >>> round(float(reg.coef_[0]), 6), round(reg.intercept_, 6)
    (2.0, 1.0)
    """

    _parameter_constraints: dict = {
        "fit_intercept": ["boolean"],
        "copy_X": ["boolean"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "positive": ["boolean"],
        "solver": [StrOptions({"auto", "gram", "lstsq", "qr"})],
    }

    def __init__(
        self,
        *,
        fit_intercept: bool = True,
        copy_X: bool = True,
        tol: float = 1e-6,
        positive: bool = False,
        solver: str = "auto",
    ):
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.tol = tol
        self.positive = positive
        self.solver = solver

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LinearRegression:
        """Fit the least-squares coefficients ``coef_`` and ``intercept_``.

        Also sets ``singular_`` (singular values of the centred X, from the Gram matrix's
        eigenvalues: accurate to ~1e-8 * s_max, so the smallest may differ from an SVD's)
        and ``rank_`` (how many are above ``tol * s_max``).
        """
        self._validate_params()
        A, Y, w, _, xp = self._prepare(X, y, sample_weight)
        st = self._stats(A, Y, w, xp)
        sv = np.sqrt(np.clip(np.asarray(to_host(xp.linalg.eigvalsh(st.G)))[::-1], 0.0, None))
        top = float(sv[0]) if sv.size else 0.0
        self.singular_ = sv
        self.rank_ = int(np.sum(sv > self.tol * top)) if top > 0 else 0
        # directions near the cut-off: let the SVD decide exactly, as scikit-learn does
        near_cut = top > 0 and float(sv[-1]) < 10.0 * self.tol * top
        if self.positive:
            W = nnls_gram(st.G, st.b, 0.0, xp=xp)
            self.solver_ = "nnls"
        elif self.solver == "gram":
            W = spd_solve(st.G, st.b, 0.0, xp=xp)
            self.solver_ = "gram"
        elif self.solver == "qr":
            W, self.solver_ = _qr(A, Y, w, st, xp, self.tol)
        elif self.solver == "lstsq" or near_cut or gram_condition(st.G, xp=xp) > _MAX_GRAM_COND:
            if is_numpy(xp) or near_cut or self.solver == "lstsq":
                W = _lstsq(A, Y, w, st, xp, self.tol)
                self.solver_ = "lstsq"
            else:
                W, self.solver_ = _qr(A, Y, w, st, xp, self.tol)
        else:
            W = spd_solve(st.G, st.b, 0.0, xp=xp)
            self.solver_ = "gram"
        self._set_coef(W, st, Y, A, xp)
        return self


def _lstsq(A: Any, Y: Any, w: Any, st: Any, xp: Any, tol: float) -> Any:
    """SVD least squares on the centred (weighted) data, singular values below
    ``tol * s_max`` dropped (minimum-norm), like scikit-learn."""
    n = A.shape[0]
    if is_numpy(xp):
        import scipy.linalg

        Xc = np.asarray(A, dtype=np.float64) - st.x_mean
        Yc = np.asarray(Y, dtype=np.float64).reshape(n, -1) - st.y_mean
        if w is not None:
            s = np.sqrt(np.asarray(w, dtype=np.float64))[:, None]
            Xc *= s
            Yc *= s
        cond = max(tol, max(Xc.shape) * float(np.finfo(A.dtype).eps))
        return scipy.linalg.lstsq(Xc, Yc, cond=cond, check_finite=False)[0]
    # other backends: pseudo-inverse of the Gram matrix (eigenvalues are s^2)
    eps_cut = max(n, A.shape[1]) * float(np.finfo(np.float64).eps)
    return pinv_solve(st.G, st.b, xp=xp, rcond=max(tol, eps_cut) ** 2)


def _qr(A: Any, Y: Any, w: Any, st: Any, xp: Any, tol: float) -> tuple[Any, str]:
    """Householder QR of the centred (weighted) X: ``R w = Q^T y`` on X's device.

    Returns ``(W, solver_used)``; a numerically rank-deficient R (|r_jj| below
    ``tol * max |r_jj|``) falls back to the minimum-norm :func:`_lstsq`.
    """
    n, p = A.shape
    Xc = xp.astype(A, xp.float64) - st.x_mean
    Yc = xp.reshape(xp.astype(Y, xp.float64), (n, -1)) - st.y_mean
    if w is not None:
        s = xp.sqrt(xp.astype(w, xp.float64))[:, None]
        Xc = Xc * s
        Yc = Yc * s
    Q, R = xp.linalg.qr(Xc)
    d = xp.abs(xp.linalg.diagonal(R))
    if p == 0 or float(xp.min(d)) <= max(tol, n * float(np.finfo(np.float64).eps)) * float(
        xp.max(d)
    ):
        return _lstsq(A, Y, w, st, xp, tol), "lstsq"
    QtY = xp.matmul(xp.matrix_transpose(Q), Yc)
    if is_numpy(xp):
        import scipy.linalg

        return scipy.linalg.solve_triangular(R, QtY, lower=False), "qr"
    return xp.linalg.solve(R, QtY), "qr"


class Ridge(LinearRegressorBase):
    """Least squares with an L2 penalty, ``min ||y - X w - b||^2 + alpha ||w||^2``.

    Parameters
    ----------
    alpha : float or array of shape (n_targets,), default=1.0
    fit_intercept : bool, default=True
    copy_X : bool, default=True
        Accepted for scikit-learn compatibility; X is never modified.
    max_iter : int or None, default=None
        Iteration cap for ``solver='cg'`` (default ``10 * n_features``).
    tol : float, default=1e-4
        Relative residual at which ``solver='cg'`` stops.
    solver : {'auto', 'cholesky', 'cg'}, default='auto'
        ``'cholesky'`` (closed form on ``X^T X + alpha I``) and ``'auto'`` build the Gram
        matrix in one GEMM; ``'cg'`` runs conjugate gradients on X without forming it.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    random_state : ignored
        Accepted for scikit-learn compatibility.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> round(float(Ridge(alpha=0.0).fit(X, 3 * X[:, 0]).coef_[0]), 6)
    3.0
    """

    _parameter_constraints: dict = {
        "alpha": [Interval(Real, 0, None, closed="left"), np.ndarray],
        "fit_intercept": ["boolean"],
        "copy_X": ["boolean"],
        "max_iter": [Interval(Integral, 1, None, closed="left"), None],
        "tol": [Interval(Real, 0, None, closed="left")],
        "solver": [StrOptions({"auto", "cholesky", "cg"})],
        "positive": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        alpha: float | Any = 1.0,
        *,
        fit_intercept: bool = True,
        copy_X: bool = True,
        max_iter: int | None = None,
        tol: float = 1e-4,
        solver: str = "auto",
        positive: bool = False,
        random_state: Any = None,
    ):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.positive = positive
        self.random_state = random_state

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Ridge:
        """Fit ``coef_`` and ``intercept_``."""
        self._validate_params()
        A, Y, w, _, xp = self._prepare(X, y, sample_weight)
        n_targets = 1 if Y.ndim == 1 else int(Y.shape[1])
        alpha = np.asarray(self.alpha, dtype=np.float64).reshape(-1)
        if alpha.size not in (1, n_targets):
            raise ValueError(
                f"Number of targets and number of penalties do not correspond: "
                f"{alpha.size} != {n_targets}"
            )
        if np.any(alpha < 0):
            raise ValueError(f"alpha must be non-negative; received alpha={self.alpha!r}")
        # closed-form solves count as one iteration per target
        self.n_iter_ = np.ones(n_targets, dtype=np.int32)
        if self.solver == "cg" and not self.positive:
            W, iters = _ridge_cg(A, Y, w, alpha, self, xp)
            self.n_iter_ = np.maximum(np.asarray(iters, dtype=np.int32), 1)
            self.solver_ = "cg"
            from ._gram import GramStats

            st = GramStats(None, None, *_means(A, Y, w, self.fit_intercept, xp), None, 0.0)
        else:
            st = self._stats(A, Y, w, xp)
            if self.positive:
                W = nnls_gram(st.G, st.b, float(alpha[0]), xp=xp)
            else:
                W = spd_solve(st.G, st.b, alpha if alpha.size > 1 else float(alpha[0]), xp=xp)
            self.solver_ = "cholesky"
        self._set_coef(W, st, Y, A, xp)
        return self


def _means(A: Any, Y: Any, w: Any, fit_intercept: bool, xp: Any) -> tuple[Any, Any]:
    n, p = A.shape
    Yd = xp.astype(xp.reshape(Y, (n, -1)), xp.float64)
    if not fit_intercept:
        return xp.zeros((p,), dtype=xp.float64), xp.zeros((Yd.shape[1],), dtype=xp.float64)
    Ad = xp.astype(A, xp.float64)
    if w is None:
        return xp.mean(Ad, axis=0), xp.mean(Yd, axis=0)
    wd = xp.astype(w, xp.float64)
    s = xp.sum(wd)
    return xp.sum(Ad * wd[:, None], axis=0) / s, xp.sum(Yd * wd[:, None], axis=0) / s


def _ridge_cg(A: Any, Y: Any, w: Any, alpha: np.ndarray, est: Ridge, xp: Any) -> tuple[Any, list]:
    """Conjugate gradients on ``(Xc^T W Xc + alpha I) v = Xc^T W yc``, X never centred in memory."""
    n, p = A.shape
    x_mean, y_mean = _means(A, Y, w, est.fit_intercept, xp)
    Ad = xp.astype(A, xp.float64)
    Yd = xp.astype(xp.reshape(Y, (n, -1)), xp.float64) - y_mean
    wd = xp.ones((n,), dtype=xp.float64) if w is None else xp.astype(w, xp.float64)
    max_iter = est.max_iter if est.max_iter is not None else max(10 * p, 50)

    def matvec(v: Any, a: float) -> Any:
        r = xp.matmul(Ad, v) - xp.sum(x_mean * v)
        return xp.matmul(xp.matrix_transpose(Ad), r * wd) - x_mean * xp.sum(r * wd) + a * v

    cols = []
    iters = []
    for j in range(Yd.shape[1]):
        a = float(alpha[j] if alpha.size > 1 else alpha[0])
        ry = Yd[:, j] * wd
        rhs = xp.matmul(xp.matrix_transpose(Ad), ry) - x_mean * xp.sum(ry)
        v = xp.zeros((p,), dtype=xp.float64)
        r = rhs
        d = r
        rr = float(xp.sum(r * r))
        stop = (est.tol**2) * max(float(xp.sum(rhs * rhs)), 1e-300)
        it = 0
        while it < max_iter and rr > stop:
            Ad_d = matvec(d, a)
            step = rr / float(xp.sum(d * Ad_d))
            v = v + step * d
            r = r - step * Ad_d
            rr_new = float(xp.sum(r * r))
            d = r + (rr_new / rr) * d
            rr = rr_new
            it += 1
        cols.append(xp.reshape(v, (p, 1)))
        iters.append(it)
    return xp.concat(cols, axis=1), iters
