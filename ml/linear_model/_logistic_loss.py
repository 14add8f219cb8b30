"""Logistic (binomial and multinomial) loss and gradient, over ``xp``. Inputs already validated.

The objective, as in scikit-learn's lbfgs/newton solvers, is the weighted mean of the
pointwise log-loss plus ``l2 / 2 * ||W||^2`` (intercepts not penalised), where
``l2 = (1 - l1_ratio) / (C * sum(weights))``. Parameters travel as one flat float64 host
vector ``theta = [W.ravel(), b]``; the data stay where they are.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import is_numpy, to_host

__all__ = ["LogisticLoss"]

_POOL: Any = None


def _n_threads() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _pool(n: int) -> Any:
    """A process-wide thread pool for the row blocks (created once)."""
    global _POOL
    if _POOL is None or _POOL._max_workers < n:
        from concurrent.futures import ThreadPoolExecutor

        _POOL = ThreadPoolExecutor(max_workers=n, thread_name_prefix="ml-logistic")
    return _POOL


class LogisticLoss:
    """Loss and gradient for ``K`` weight vectors (``K == 1``: binary with y in {0, 1})."""

    def __init__(
        self,
        X: Any,
        codes: Any,
        n_classes: int,
        *,
        xp: ModuleType,
        weights: Any,
        l2: float,
        fit_intercept: bool,
    ):
        self.X = X
        self.xp = xp
        self.numpy = is_numpy(xp)
        self.n, self.p = int(X.shape[0]), int(X.shape[1])
        self.K = 1 if n_classes == 2 else n_classes
        self.fit_intercept = fit_intercept
        self.l2 = l2
        self.weights = weights
        self.sw_sum = float(xp.sum(weights)) if weights is not None else float(self.n)
        dt = X.dtype
        if self.K == 1:
            self.y = xp.astype(codes, dt)
        else:
            self.codes = codes
            if not self.numpy:
                # one-hot targets, X's dtype (n x K; small next to X)
                self.Y = xp.astype(codes[:, None] == xp.arange(self.K)[None, :], dt)
        self.size = self.K * self.p + (self.K if fit_intercept else 0)

    # -- parameter vector <-> (W, b) -------------------------------------------------------
    def unpack(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        W = theta[: self.K * self.p].reshape(self.K, self.p)
        b = theta[self.K * self.p :] if self.fit_intercept else None
        return W, b

    def _dev(self, a: np.ndarray) -> Any:
        if self.numpy:
            return a.astype(self.X.dtype, copy=False)
        a = a.astype(np.dtype(str(self.X.dtype).split(".")[-1]), copy=False)
        return self.xp.asarray(a, device=getattr(self.X, "device", None))

    def raw(self, theta: np.ndarray) -> Any:
        """Decision values ``X W^T + b``, shape (n, K)."""
        W, b = self.unpack(theta)
        Z = self.xp.matmul(self.X, self._dev(np.ascontiguousarray(W.T)))
        if b is not None:
            Z = Z + self._dev(b)
        return Z

    # -- objective ------------------------------------------------------------------------
    def loss_grad(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """``(loss, gradient)`` at ``theta`` (gradient as a float64 host vector)."""
        if self.numpy:
            return self._loss_grad_numpy(theta)
        return self._loss_grad_generic(theta)

    def _loss_grad_numpy(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        X = self.X
        W, b = self.unpack(theta)
        Wd = np.ascontiguousarray(W.astype(X.dtype))
        bd = None if b is None else b.astype(X.dtype)
        blocks = self._row_blocks()
        if len(blocks) == 1:
            loss, gW, gb = self._block_numpy(0, self.n, Wd, bd)
        else:
            pool = _pool(len(blocks))
            parts = list(pool.map(lambda se: self._block_numpy(se[0], se[1], Wd, bd), blocks))
            loss = sum(p[0] for p in parts)
            gW = sum(p[1] for p in parts)
            gb = sum(p[2] for p in parts)
        inv = 1.0 / self.sw_sum
        gW = gW * inv
        loss = loss * inv + 0.5 * self.l2 * float(np.dot(W.ravel(), W.ravel()))
        gW += self.l2 * W
        if self.fit_intercept:
            return loss, np.concatenate([gW.ravel(), gb * inv])
        return loss, gW.ravel()

    def _row_blocks(self) -> list[tuple[int, int]]:
        """One row block per core for large n (threads run BLAS single-threaded each)."""
        threads = _n_threads()
        if threads == 1 or self.n < 20_000:
            return [(0, self.n)]
        step = -(-self.n // threads)
        return [(i, min(i + step, self.n)) for i in range(0, self.n, step)]

    def _block_numpy(
        self, start: int, stop: int, Wd: np.ndarray, bd: np.ndarray | None
    ) -> tuple[float, np.ndarray, np.ndarray]:
        """Loss sum, gradient sums of one row block (runs without the GIL where it counts)."""
        from ._logistic_kernels import binary_residual, softmax_residual

        Xb = self.X[start:stop]
        w = self.weights[start:stop] if self.weights is not None else np.empty(0, Xb.dtype)
        if self.K == 1:
            z = Xb @ Wd[0]
            if bd is not None:
                z += bd[0]
            loss = binary_residual(z, self.y[start:stop], w)
            gW = (z @ Xb).astype(np.float64)[None, :]
            gb = np.array([z.sum(dtype=np.float64)])
        else:
            Z = Xb @ Wd.T
            if bd is not None:
                Z += bd
            loss = softmax_residual(Z, self.codes[start:stop], w)
            gW = (Z.T @ Xb).astype(np.float64)
            gb = Z.sum(axis=0, dtype=np.float64)
        return float(loss), gW, gb

    def _loss_grad_generic(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        xp = self.xp
        Z = self.raw(theta)
        w = self.weights
        if self.K == 1:
            z = Z[:, 0]
            lo = xp.logaddexp(xp.zeros_like(z), z)
            pt = lo - self.y * z
            R = xp.exp(z - lo) - self.y
            R = R[:, None]
        else:
            Z = Z - xp.max(Z, axis=1, keepdims=True)
            E = xp.exp(Z)
            se = xp.sum(E, axis=1, keepdims=True)
            pt = xp.log(se)[:, 0] - xp.sum(Z * self.Y, axis=1)
            R = E / se - self.Y
        if w is not None:
            pt = pt * w
            R = R * w[:, None]
        inv = 1.0 / self.sw_sum
        loss = float(xp.sum(xp.astype(pt, xp.float64))) * inv
        gW = np.asarray(to_host(xp.matmul(xp.matrix_transpose(R), self.X)), dtype=np.float64)
        gW *= inv
        W, _ = self.unpack(theta)
        loss += 0.5 * self.l2 * float(np.dot(W.ravel(), W.ravel()))
        gW += self.l2 * W
        if self.fit_intercept:
            gb = np.asarray(to_host(xp.sum(xp.astype(R, xp.float64), axis=0))) * inv
            return loss, np.concatenate([gW.ravel(), gb])
        return loss, gW.ravel()

    def smooth_lipschitz(self) -> float:
        """An upper bound of the gradient's Lipschitz constant (for proximal steps)."""
        xp = self.xp
        sq = xp.sum(self.X * self.X, axis=1)
        if self.weights is not None:
            sq = sq * self.weights
        factor = 0.25 if self.K == 1 else 0.5
        # lambda_max(X^T D X) / S <= trace / S = weighted mean of squared row norms (+1 for b)
        return factor * (float(xp.sum(sq)) / self.sw_sum + 1.0) + self.l2
