"""Lasso and ElasticNet: coordinate descent on the Gram matrix of tall data."""

from __future__ import annotations

import warnings
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, StrOptions

from gpuframe.backend import to_host

from ._base import LinearRegressorBase
from ._cd_kernels import enet_gram_cd

__all__ = ["ElasticNet", "Lasso"]


class ElasticNet(LinearRegressorBase):
    """Linear regression with combined L1 and L2 penalties.

    Minimises ``1 / (2 sum(w)) * sum_i w_i (y_i - x_i b - c)^2 + alpha * l1_ratio * |b|_1
    + 0.5 * alpha * (1 - l1_ratio) * |b|^2`` (scikit-learn's objective). The Gram matrix
    ``X^T X`` is built once on the device of X (one GEMM); coordinate descent then runs on
    the p x p problem on the host (Numba), so the cost per sweep does not depend on n.

    Parameters
    ----------
    alpha : float, default=1.0
    l1_ratio : float, default=0.5
    fit_intercept : bool, default=True
    precompute : bool or 'auto', default=False
        Accepted for scikit-learn compatibility; the Gram matrix is always used.
    max_iter : int, default=1000
    copy_X : bool, default=True
        Accepted for scikit-learn compatibility; X is never modified.
    tol : float, default=1e-4
        Duality-gap tolerance, relative to ``sum(w (y - mean)^2)``.
    warm_start : bool, default=False
    positive : bool, default=False
    random_state : int, RandomState or None
        Seeds the coordinate order when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    >>> reg = ElasticNet(alpha=0.01).fit(X, X[:, 0])
    >>> bool(abs(reg.coef_[0] - 1) < 0.05 and abs(reg.coef_[1]) < 0.05)
    True
    """

    _parameter_constraints: dict = {
        "alpha": [Interval(Real, 0, None, closed="left")],
        "l1_ratio": [Interval(Real, 0, 1, closed="both")],
        "fit_intercept": ["boolean"],
        "precompute": ["boolean", StrOptions({"auto"}), np.ndarray],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "copy_X": ["boolean"],
        "tol": [Interval(Real, 0, None, closed="left")],
        "warm_start": ["boolean"],
        "positive": ["boolean"],
        "random_state": ["random_state"],
        "selection": [StrOptions({"cyclic", "random"})],
    }

    def __init__(
        self,
        alpha: float = 1.0,
        *,
        l1_ratio: float = 0.5,
        fit_intercept: bool = True,
        precompute: Any = False,
        max_iter: int = 1000,
        copy_X: bool = True,
        tol: float = 1e-4,
        warm_start: bool = False,
        positive: bool = False,
        random_state: Any = None,
        selection: str = "cyclic",
    ):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.copy_X = copy_X
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection

    def fit(self, X: Any, y: Any, sample_weight: Any = None, check_input: bool = True) -> Any:
        """Fit ``coef_``, ``intercept_``, ``n_iter_`` and ``dual_gap_``."""
        self._validate_params()
        if self.alpha == 0:
            warnings.warn(
                "With alpha=0 this is ordinary least squares; prefer LinearRegression",
                UserWarning,
                stacklevel=2,
            )
        A, Y, w, _, xp = self._prepare(X, y, sample_weight)
        st = self._stats(A, Y, w, xp)
        G = np.ascontiguousarray(np.asarray(to_host(st.G), dtype=np.float64))
        B = np.asarray(to_host(st.b), dtype=np.float64).reshape(G.shape[0], -1)
        yy = np.asarray(to_host(st.yy), dtype=np.float64).reshape(-1)
        p, k = B.shape
        S = st.sw_sum
        l1 = float(self.alpha * self.l1_ratio * S)
        l2 = float(self.alpha * (1.0 - self.l1_ratio) * S)
        rng = check_random_state(self.random_state)
        W0 = None
        if self.warm_start and hasattr(self, "coef_"):
            prev = np.asarray(to_host(self.coef_), dtype=np.float64).reshape(k, p)
            W0 = prev
        coefs = np.zeros((p, k))
        n_iters = []
        gaps = []
        for t in range(k):
            wt = np.zeros(p) if W0 is None else W0[t].copy()
            if self.selection == "random":
                order = np.stack([rng.permutation(p) for _ in range(min(self.max_iter, 64))])
            else:
                order = np.arange(p)[None, :]
            n_iter, gap = enet_gram_cd(
                wt,
                G,
                np.ascontiguousarray(B[:, t]),
                float(yy[t]),
                l1,
                l2,
                int(self.max_iter),
                float(self.tol),
                bool(self.positive),
                order.astype(np.int64),
            )
            if gap > self.tol * yy[t] and n_iter >= self.max_iter:
                warnings.warn(
                    f"Objective did not converge after {n_iter} iterations (duality gap "
                    f"{gap / max(S, 1e-300):.3e}, tolerance {self.tol * yy[t] / max(S, 1e-300):.3e}); "
                    "increase max_iter or tol",
                    ConvergenceWarning,
                    stacklevel=2,
                )
            coefs[:, t] = wt
            n_iters.append(n_iter)
            gaps.append(gap / S if S > 0 else gap)
        Wd = coefs if not hasattr(xp, "asarray") or isinstance(A, np.ndarray) else xp.asarray(coefs)
        self._set_coef(Wd, st, Y, A, xp)
        self.n_iter_ = n_iters[0] if Y.ndim == 1 else np.asarray(n_iters)
        self.dual_gap_ = gaps[0] if Y.ndim == 1 else np.asarray(gaps)
        return self

    @property
    def sparse_coef_(self) -> Any:
        """``coef_`` as a SciPy sparse matrix (host)."""
        import scipy.sparse

        return scipy.sparse.csr_matrix(np.atleast_2d(np.asarray(to_host(self.coef_))))


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty (``ElasticNet`` with ``l1_ratio=1``).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    >>> Lasso(alpha=0.1).fit(X, X[:, 0]).coef_.round(3).tolist()
    [0.92, 0.0]
    """

    _parameter_constraints: dict = {
        k: v for k, v in ElasticNet._parameter_constraints.items() if k != "l1_ratio"
    }

    def __init__(
        self,
        alpha: float = 1.0,
        *,
        fit_intercept: bool = True,
        precompute: Any = False,
        copy_X: bool = True,
        max_iter: int = 1000,
        tol: float = 1e-4,
        warm_start: bool = False,
        positive: bool = False,
        random_state: Any = None,
        selection: str = "cyclic",
    ):
        super().__init__(
            alpha=alpha,
            l1_ratio=1.0,
            fit_intercept=fit_intercept,
            precompute=precompute,
            max_iter=max_iter,
            copy_X=copy_X,
            tol=tol,
            warm_start=warm_start,
            positive=positive,
            random_state=random_state,
            selection=selection,
        )
