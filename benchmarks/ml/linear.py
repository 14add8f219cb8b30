"""Linear-model cases: LinearRegression and Ridge (acceptance: 1e6 x 64), LogisticRegression
(acceptance: 2e5 x 50, 5 classes), plus Lasso and float32 variants for information."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._case import Case


def _regression(quick: bool) -> dict[str, Any]:
    n = 20_000 if quick else 1_000_000
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, 64))
    coef = rng.standard_normal(64)
    y = X @ coef + 3.0 + 0.5 * rng.standard_normal(n)
    return {"X": X, "y": y}


def _regression32(quick: bool) -> dict[str, Any]:
    d = _regression(quick)
    return {"X": d["X"].astype(np.float32), "y": d["y"].astype(np.float32)}


def _classification(quick: bool) -> dict[str, Any]:
    from sklearn.datasets import make_classification

    n = 10_000 if quick else 200_000
    X, y = make_classification(
        n_samples=n, n_features=50, n_informative=20, n_classes=5, random_state=0
    )
    return {"X": X, "y": y}


def _fit(module: str, name: str, **params: Any):
    def run(d: dict[str, Any]) -> Any:
        import importlib

        est = getattr(importlib.import_module(module), name)(**params)
        return est.fit(d["X"], d["y"])

    return run


def _r2_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    from sklearn.metrics import r2_score

    X, y = d["X"], d["y"]
    r_ours = r2_score(y, np.asarray(ours.predict(X)))
    r_peer = r2_score(y, peer.predict(X))
    diff = np.max(np.abs(np.asarray(ours.coef_, dtype=np.float64) - peer.coef_))
    ok = r_ours >= r_peer - 1e-9 and diff <= 1e-6 * max(1.0, np.max(np.abs(peer.coef_)))
    return ok, f"R2 ours {r_ours:.9f} vs {r_peer:.9f}; max|coef diff| {diff:.1e} (ok: <= 1e-6)"


def _r2_quality32(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    from sklearn.metrics import r2_score

    X, y = d["X"], d["y"]
    r_ours = r2_score(y, np.asarray(ours.predict(X)))
    r_peer = r2_score(y, peer.predict(X))
    return r_ours >= r_peer - 1e-5, f"R2 ours {r_ours:.6f} vs {r_peer:.6f} (ok: >= -1e-5)"


def _logistic_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    from sklearn.metrics import log_loss

    X, y = d["X"], d["y"]
    acc_o = float(np.mean(np.asarray(ours.predict(X)) == y))
    acc_p = float(np.mean(peer.predict(X) == y))
    ll_o = log_loss(y, np.asarray(ours.predict_proba(X)))
    ll_p = log_loss(y, peer.predict_proba(X))
    ok = abs(acc_o - acc_p) <= 1e-3 and ll_o <= ll_p + 1e-4
    return ok, (
        f"accuracy ours {acc_o:.4f} vs {acc_p:.4f}, log-loss {ll_o:.5f} vs {ll_p:.5f} "
        "(ok: |acc diff| <= 1e-3, log-loss <= +1e-4)"
    )


def _lasso_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    diff = float(np.max(np.abs(np.asarray(ours.coef_) - peer.coef_)))
    return diff <= 1e-4, f"max|coef diff| {diff:.1e} (ok: <= 1e-4)"


CASES = [
    Case(
        "LinearRegression fit 1e6x64",
        _regression,
        _fit("ml.linear_model", "LinearRegression"),
        _fit("sklearn.linear_model", "LinearRegression"),
        _r2_quality,
    ),
    Case(
        "Ridge fit 1e6x64",
        _regression,
        _fit("ml.linear_model", "Ridge", alpha=1.0),
        _fit("sklearn.linear_model", "Ridge", alpha=1.0),
        _r2_quality,
    ),
    Case(
        "Lasso fit 1e6x64 alpha=0.01",
        _regression,
        _fit("ml.linear_model", "Lasso", alpha=0.01),
        _fit("sklearn.linear_model", "Lasso", alpha=0.01),
        _lasso_quality,
        acceptance=False,
    ),
    Case(
        "LinearRegression fit 1e6x64 float32",
        _regression32,
        _fit("ml.linear_model", "LinearRegression"),
        _fit("sklearn.linear_model", "LinearRegression"),
        _r2_quality32,
        acceptance=False,
    ),
    Case(
        "LogisticRegression fit 2e5x50, 5 classes",
        _classification,
        _fit("ml.linear_model", "LogisticRegression"),
        _fit("sklearn.linear_model", "LogisticRegression"),
        _logistic_quality,
    ),
]
