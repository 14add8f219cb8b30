"""Neighbour cases: kNN classification (acceptance: fit 1e5 x 32 + predict 2e4)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._case import Case


def _classification(quick: bool) -> dict[str, Any]:
    from sklearn.datasets import make_classification

    n_train, n_test = (10_000, 2_000) if quick else (100_000, 20_000)
    X, y = make_classification(
        n_samples=n_train + n_test,
        n_features=32,
        n_informative=20,
        n_classes=5,
        class_sep=2.0,
        random_state=0,
    )
    return {"X": X[:n_train], "y": y[:n_train], "Xt": X[n_train:], "yt": y[n_train:]}


def _knn_ours(d: dict[str, Any]) -> Any:
    from ml.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(5).fit(d["X"], d["y"]).predict(d["Xt"])


def _knn_peer(d: dict[str, Any]) -> Any:
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(5).fit(d["X"], d["y"]).predict(d["Xt"])


def _knn_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    acc_o = float(np.mean(np.asarray(ours) == d["yt"]))
    acc_p = float(np.mean(peer == d["yt"]))
    agree = float(np.mean(np.asarray(ours) == peer))
    ok = abs(acc_o - acc_p) <= 1e-3 and agree >= 0.999
    return ok, f"accuracy {acc_o:.4f} vs {acc_p:.4f}, agreement {agree:.5f}"


def _nn_ours(metric: str):
    def run(d: dict[str, Any]) -> Any:
        from ml.neighbors import NearestNeighbors

        return NearestNeighbors(n_neighbors=5, metric=metric).fit(d["X"]).kneighbors(d["Xt"])

    return run


def _nn_peer(metric: str):
    def run(d: dict[str, Any]) -> Any:
        from sklearn.neighbors import NearestNeighbors

        return NearestNeighbors(n_neighbors=5, metric=metric).fit(d["X"]).kneighbors(d["Xt"])

    return run


def _nn_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    same = float(np.mean(np.asarray(ours[1]) == peer[1]))
    err = float(np.max(np.abs(np.asarray(ours[0]) - peer[0])))
    return same >= 0.999 and err <= 1e-6, f"same indices {same:.5f}, max |d diff| {err:.1e}"


def _small(quick: bool) -> dict[str, Any]:
    d = _classification(True)
    if quick:
        return {k: v[: len(v) // 5] for k, v in d.items()}
    return d


CASES = [
    Case(
        "KNeighborsClassifier fit 1e5x32 + predict 2e4",
        _classification,
        _knn_ours,
        _knn_peer,
        _knn_quality,
    ),
    Case(
        "NearestNeighbors cosine 1e4x32, 2e3 queries",
        _small,
        _nn_ours("cosine"),
        _nn_peer("cosine"),
        _nn_quality,
        acceptance=False,
    ),
]
