"""Logistic regression: binary and multinomial, L2 / L1 / elastic-net penalties."""

from __future__ import annotations

import warnings
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils._param_validation import Interval, StrOptions

from gpuframe.backend import is_numpy, to_host

from .._base import (
    FLOATS,
    check_classification_targets,
    encode_labels,
    validate_sample_weight,
    validate_X,
    validate_y,
)
from .._validation import wrap_like
from ._base import LinearModel, _as
from ._logistic_loss import LogisticLoss

__all__ = ["LogisticRegression"]


class LogisticRegression(ClassifierMixin, LinearModel):
    """Logistic regression (binary, or multinomial for three and more classes).

    Minimises ``mean_w(log_loss) + penalty / (C * sum(w))`` with ``w`` the sample weights
    times the class weights, like scikit-learn's ``lbfgs`` solver.

    Parameters
    ----------
    penalty : {'l2', 'l1', 'elasticnet'} or None, default='l2'
    C : float, default=1.0
        Inverse regularisation strength.
    l1_ratio : float or None, default=None
        Mix of L1 in ``'elasticnet'`` (0 = pure L2, 1 = pure L1).
    tol : float, default=1e-4
        Stop when the largest (projected) gradient entry is below ``tol``.
    fit_intercept : bool, default=True
    class_weight : dict, 'balanced' or None, default=None
    solver : {'auto', 'lbfgs', 'newton-cholesky', 'fista'}, default='auto'
        ``'lbfgs'`` (L2 or no penalty), ``'newton-cholesky'`` (L2 or none; Newton steps
        with the exact Hessian, good for few features), ``'fista'`` (accelerated proximal
        gradient; any penalty). ``'auto'``: ``'lbfgs'`` for L2/None, ``'fista'`` otherwise.
    max_iter : int, default=100
    warm_start : bool, default=False
    random_state : ignored
    verbose : int, default=0

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    >>> clf = LogisticRegression().fit(X, np.array([0, 0, 1, 1]))
    >>> clf.predict(X).tolist()
    [0, 0, 1, 1]
    """

    _parameter_constraints: dict = {
        "penalty": [StrOptions({"l1", "l2", "elasticnet"}), None],
        "C": [Interval(Real, 0, None, closed="neither")],
        "l1_ratio": [Interval(Real, 0, 1, closed="both"), None],
        "tol": [Interval(Real, 0, None, closed="left")],
        "fit_intercept": ["boolean"],
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "solver": [StrOptions({"auto", "lbfgs", "newton-cholesky", "fista"})],
        "max_iter": [Interval(Integral, 0, None, closed="left")],
        "warm_start": ["boolean"],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        penalty: str | None = "l2",
        *,
        C: float = 1.0,
        l1_ratio: float | None = None,
        tol: float = 1e-4,
        fit_intercept: bool = True,
        class_weight: dict | str | None = None,
        solver: str = "auto",
        max_iter: int = 100,
        warm_start: bool = False,
        random_state: Any = None,
        verbose: int = 0,
    ):
        self.penalty = penalty
        self.C = C
        self.l1_ratio = l1_ratio
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.class_weight = class_weight
        self.solver = solver
        self.max_iter = max_iter
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose

    # -- fitting ----------------------------------------------------------------------------
    def _mix(self) -> tuple[float, str]:
        """(l1 share of the penalty, solver actually used)."""
        if self.penalty is None:
            l1 = 0.0
        elif self.penalty == "l1":
            l1 = 1.0
        elif self.penalty == "elasticnet":
            if self.l1_ratio is None:
                raise ValueError(
                    "l1_ratio must be a number in [0, 1] when penalty='elasticnet'; "
                    "received l1_ratio=None"
                )
            l1 = float(self.l1_ratio)
        else:
            l1 = 0.0
        solver = self.solver
        if solver == "auto":
            solver = "fista" if l1 > 0 else "lbfgs"
        elif solver in ("lbfgs", "newton-cholesky") and l1 > 0:
            raise ValueError(
                f"Solver {solver!r} supports only 'l2' or None penalties; received "
                f"penalty={self.penalty!r}. Use solver='fista' (or 'auto')."
            )
        return l1, solver

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LogisticRegression:
        """Fit ``coef_`` (shape (1, p) for two classes, (K, p) otherwise) and ``intercept_``."""
        self._validate_params()
        l1, solver = self._mix()
        A, xp = validate_X(self, X, reset=True, dtype=FLOATS)
        Y = validate_y(y, A, xp, est=self, numeric=False)
        check_classification_targets(Y)
        classes, codes = encode_labels(Y, xp)
        n_classes = int(classes.shape[0])
        if n_classes < 2:
            raise ValueError(
                "This solver needs samples of at least 2 classes in the data, but the data "
                f"contains only one class: {to_host(classes)[0]!r}"
            )
        self.classes_ = classes
        w = validate_sample_weight(sample_weight, A, xp)
        w = self._apply_class_weight(w, codes, classes, A, xp)
        sw_sum = float(xp.sum(w)) if w is not None else float(A.shape[0])
        if sw_sum <= 0:
            raise ValueError("The sum of sample weights (times class weights) must be positive")
        C_sum = self.C * sw_sum
        l2 = 0.0 if self.penalty is None else (1.0 - l1) / C_sum
        loss = LogisticLoss(
            A, codes, n_classes, xp=xp, weights=w, l2=l2, fit_intercept=self.fit_intercept
        )
        theta0 = np.zeros(loss.size)
        if self.warm_start and hasattr(self, "coef_"):
            prev = self._theta(loss)
            if prev is not None:
                theta0 = prev
        with _blas_threads(xp):
            if solver == "lbfgs":
                theta, n_iter = _lbfgs(loss, theta0, self.tol, self.max_iter, self.verbose)
            elif solver == "newton-cholesky":
                theta, n_iter = _newton(loss, theta0, self.tol, self.max_iter)
            else:
                theta, n_iter = _fista(loss, theta0, l1 / C_sum, self.tol, self.max_iter)
        W, b = loss.unpack(theta)
        self.coef_ = _as(np.ascontiguousarray(W), xp, A) if not is_numpy(xp) else W.astype(A.dtype)
        icpt = b if b is not None else np.zeros(loss.K)
        self.intercept_ = _as(icpt, xp, A) if not is_numpy(xp) else icpt.astype(A.dtype)
        self.n_iter_ = np.asarray([n_iter], dtype=np.int32)
        self.solver_ = solver
        return self

    def _theta(self, loss: LogisticLoss) -> np.ndarray | None:
        W = np.asarray(to_host(self.coef_), dtype=np.float64)
        if W.shape != (loss.K, loss.p):
            return None
        parts = [W.ravel()]
        if loss.fit_intercept:
            parts.append(np.asarray(to_host(self.intercept_), dtype=np.float64).ravel())
        return np.concatenate(parts)

    def _apply_class_weight(self, w: Any, codes: Any, classes: Any, A: Any, xp: Any) -> Any:
        cw = self.class_weight
        if cw is None:
            return w
        K = int(classes.shape[0])
        host_classes = np.asarray(to_host(classes))
        if cw == "balanced":
            onehot = xp.astype(codes[:, None] == xp.arange(K)[None, :], A.dtype)
            counts = (
                xp.sum(onehot * w[:, None], axis=0) if w is not None else xp.sum(onehot, axis=0)
            )
            counts = np.asarray(to_host(counts), dtype=np.float64)
            total = float(counts.sum())
            factors = np.where(counts > 0, total / (K * np.maximum(counts, 1e-300)), 0.0)
        else:
            assert isinstance(cw, dict)
            factors = np.ones(K)
            for label, value in cw.items():
                idx = np.nonzero(host_classes == label)[0]
                if idx.size == 0:
                    raise ValueError(
                        f"Class label {label!r} in class_weight is not present in y; "
                        f"classes: {host_classes.tolist()}"
                    )
                factors[idx[0]] = float(value)
        f = xp.take(_as(factors, xp, A), codes)
        return f if w is None else w * f

    # -- prediction -------------------------------------------------------------------------
    def decision_function(self, X: Any) -> Any:
        """Signed distances to the hyperplanes: (n,) for two classes, (n, K) otherwise."""
        out, _ = self._decision(X)
        if out.ndim == 2 and out.shape[1] == 1:
            out = out[:, 0]
        return wrap_like(out, X)

    def _scores(self, X: Any) -> tuple[Any, Any]:
        out, A = self._decision(X)
        return out, A

    def predict_proba(self, X: Any) -> Any:
        """Class probabilities, shape (n, K), columns ordered as ``classes_``."""
        Z, _ = self._scores(X)
        return wrap_like(_proba(Z), X, columns=None)

    def predict_log_proba(self, X: Any) -> Any:
        """Logarithm of :meth:`predict_proba` (computed from it, as scikit-learn does)."""
        Z, _ = self._scores(X)
        from gpuframe.backend import array_namespace

        P = _proba(Z)
        return wrap_like(array_namespace(P).log(P), X)

    def predict(self, X: Any) -> Any:
        """The most probable class of each row (labels from ``classes_``)."""
        Z, _ = self._scores(X)
        from gpuframe.backend import array_namespace

        xp = array_namespace(Z)
        idx = xp.astype(Z[:, 0] > 0, xp.int64) if Z.shape[1] == 1 else xp.argmax(Z, axis=1)
        classes = self.classes_
        if isinstance(classes, np.ndarray) and not is_numpy(xp):
            if np.issubdtype(classes.dtype, np.number):
                out = xp.take(xp.asarray(classes), idx)
            else:
                out = classes[np.asarray(to_host(idx))]
        elif isinstance(classes, np.ndarray):
            out = classes[np.asarray(idx)]
        else:
            out = xp.take(classes, idx)
        return wrap_like(out, X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = True
        return tags


def _proba(Z: Any) -> Any:
    from gpuframe.backend import array_namespace

    xp = array_namespace(Z)
    if Z.shape[1] == 1:
        z = Z[:, 0]
        # each side from its own exponential: 1 - p1 would lose digits where p1 ~ 1
        return xp.stack([1.0 / (1.0 + xp.exp(z)), 1.0 / (1.0 + xp.exp(-z))], axis=1)
    E = xp.exp(Z - xp.max(Z, axis=1, keepdims=True))
    return E / xp.sum(E, axis=1, keepdims=True)


# -- solvers (inputs already validated) -----------------------------------------------------
def _blas_threads(xp: Any) -> Any:
    """One BLAS thread for the CPU solvers.

    Each loss evaluation runs two thin GEMMs ((n, p) x (p, K), K = a few classes) of a few
    milliseconds; multithreaded BLAS gains little on them and, on a machine whose cores are
    busy, its threads wait for each other (measured 10x slower under load). The loss uses
    the cores itself instead: one row block per core, each block's GEMMs single-threaded
    (see ``LogisticLoss._row_blocks``).
    """
    import contextlib

    if not is_numpy(xp):
        return contextlib.nullcontext()
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _lbfgs(loss: LogisticLoss, theta0: np.ndarray, tol: float, max_iter: int, verbose: int):
    import scipy.optimize

    if max_iter == 0:
        return theta0, 0
    res = scipy.optimize.minimize(
        loss.loss_grad,
        theta0,
        method="L-BFGS-B",
        jac=True,
        options={
            "maxiter": max_iter,
            "maxls": 50,
            "gtol": tol,
            "ftol": 64 * np.finfo(float).eps,
        },
    )
    n_iter = int(res.nit)
    if res.status != 0 and n_iter >= max_iter:
        warnings.warn(
            f"lbfgs failed to converge after {n_iter} iteration(s) (status={res.status}): "
            "increase max_iter or scale the data (e.g. StandardScaler)",
            ConvergenceWarning,
            stacklevel=3,
        )
    return res.x, n_iter


def _newton(loss: LogisticLoss, theta0: np.ndarray, tol: float, max_iter: int):
    """Newton steps with the exact Hessian and a backtracking line search."""
    import scipy.linalg

    theta = theta0.copy()
    f, g = loss.loss_grad(theta)
    it = 0
    for it in range(1, max_iter + 1):
        if np.max(np.abs(g)) <= tol:
            it -= 1
            break
        H = _hessian(loss, theta)
        try:
            step = scipy.linalg.solve(H, g, assume_a="pos")
        except (np.linalg.LinAlgError, ValueError):
            step = scipy.linalg.lstsq(H, g)[0]
        t = 1.0
        while True:
            cand = theta - t * step
            fc, gc = loss.loss_grad(cand)
            if fc <= f - 1e-4 * t * float(g @ step) or t < 1e-10:
                break
            t *= 0.5
        theta, f, g = cand, fc, gc
    else:
        if np.max(np.abs(g)) > tol:
            warnings.warn(
                f"newton-cholesky failed to converge after {max_iter} iteration(s)",
                ConvergenceWarning,
                stacklevel=3,
            )
    return theta, it


def _hessian(loss: LogisticLoss, theta: np.ndarray) -> np.ndarray:
    """Exact Hessian of the objective in the ``theta`` layout (K*p weights, then K biases)."""
    xp = loss.xp
    X = loss.X
    Z = loss.raw(theta)
    K, p = loss.K, loss.p
    w = loss.weights
    inv = 1.0 / loss.sw_sum
    Xa = X
    if loss.fit_intercept:
        Xa = xp.concat([X, xp.ones((X.shape[0], 1), dtype=X.dtype)], axis=1)
    q = p + int(loss.fit_intercept)
    blocks: list[list[Any]]
    if K == 1:
        s = 1.0 / (1.0 + xp.exp(-Z[:, 0]))
        d = s * (1.0 - s)
        if w is not None:
            d = d * w
        Hb = xp.matmul(xp.matrix_transpose(Xa * d[:, None]), Xa)
        blocks = [[np.asarray(to_host(Hb), dtype=np.float64)]]
    else:
        E = xp.exp(Z - xp.max(Z, axis=1, keepdims=True))
        P = E / xp.sum(E, axis=1, keepdims=True)
        blocks = [[None] * K for _ in range(K)]
        for k in range(K):
            for j in range(k, K):
                d = P[:, k] * ((1.0 if j == k else 0.0) - P[:, j])
                if w is not None:
                    d = d * w
                B = np.asarray(
                    to_host(xp.matmul(xp.matrix_transpose(Xa * d[:, None]), Xa)),
                    dtype=np.float64,
                )
                blocks[k][j] = B
                blocks[j][k] = B.T
    # reorder from per-class [w_k, b_k] blocks to the theta layout [W.ravel(), b]
    full = np.block(blocks) * inv
    order = np.concatenate(
        [np.arange(k * q, k * q + p) for k in range(K)]
        + ([np.arange(K) * q + p] if loss.fit_intercept else [])
    )
    H = full[np.ix_(order, order)]
    H[: K * p, : K * p] += loss.l2 * np.eye(K * p)
    # multinomial Hessian is singular along the all-classes direction without a penalty
    H += 1e-10 * np.eye(H.shape[0])
    return H


def _fista(loss: LogisticLoss, theta0: np.ndarray, l1: float, tol: float, max_iter: int):
    """Accelerated proximal gradient (FISTA with restarts) for the L1 part ``l1 * |W|_1``."""
    n_w = loss.K * loss.p

    def prox(v: np.ndarray, step: float) -> np.ndarray:
        out = v.copy()
        t = step * l1
        out[:n_w] = np.sign(v[:n_w]) * np.maximum(np.abs(v[:n_w]) - t, 0.0)
        return out

    L = loss.smooth_lipschitz()
    x = theta0.copy()
    yv = x.copy()
    tk = 1.0
    f_x = loss.loss_grad(x)[0] + l1 * float(np.abs(x[:n_w]).sum())
    it = 0
    converged = False
    for it in range(1, max(max_iter, 1) * 10 + 1):  # noqa: B007
        fy, gy = loss.loss_grad(yv)
        while True:
            x_new = prox(yv - gy / L, 1.0 / L)
            d = x_new - yv
            f_new_smooth = loss.loss_grad(x_new)[0]
            if f_new_smooth <= fy + float(gy @ d) + 0.5 * L * float(d @ d) + 1e-12 * abs(fy):
                break
            L *= 2.0
        f_new = f_new_smooth + l1 * float(np.abs(x_new[:n_w]).sum())
        # gradient-mapping norm: the proximal analogue of the gradient
        gmap = np.max(np.abs(L * d)) if d.size else 0.0
        tk_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * tk * tk))
        if f_new > f_x:  # restart the momentum
            yv = x_new.copy()
            tk_new = 1.0
        else:
            yv = x_new + ((tk - 1.0) / tk_new) * (x_new - x)
        x, f_x, tk = x_new, f_new, tk_new
        L *= 0.9
        if gmap <= tol:
            converged = True
            break
    if not converged:
        warnings.warn(
            f"fista failed to converge after {it} iteration(s); increase max_iter",
            ConvergenceWarning,
            stacklevel=3,
        )
    return x, it
