"""Clustering cases: KMeans (acceptance: 1e6 x 16, k=8) and DBSCAN."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._case import Case


def _blobs(quick: bool) -> dict[str, Any]:
    from sklearn.datasets import make_blobs

    n = 20_000 if quick else 1_000_000
    X, _ = make_blobs(n_samples=n, n_features=16, centers=8, cluster_std=2.0, random_state=0)
    return {"X": X}


def _blobs32(quick: bool) -> dict[str, Any]:
    d = _blobs(quick)
    return {"X": d["X"].astype(np.float32)}


def _kmeans_ours(d: dict[str, Any]) -> Any:
    from ml.cluster import KMeans

    return KMeans(8, random_state=0).fit(d["X"])


def _kmeans_peer(d: dict[str, Any]) -> Any:
    from sklearn.cluster import KMeans

    return KMeans(8, random_state=0).fit(d["X"])


def _kmeans_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    rel = ours.inertia_ / peer.inertia_ - 1.0
    return rel <= 1e-3, f"inertia ours/sklearn - 1 = {rel:+.2e} (ok: <= 1e-3)"


def _moons(quick: bool) -> dict[str, Any]:
    from sklearn.datasets import make_moons

    n = 2_000 if quick else 20_000
    X, _ = make_moons(n, noise=0.05, random_state=0)
    return {"X": X}


def _dbscan_ours(d: dict[str, Any]) -> Any:
    from ml.cluster import DBSCAN

    return DBSCAN(eps=0.05, min_samples=10).fit(d["X"])


def _dbscan_peer(d: dict[str, Any]) -> Any:
    from sklearn.cluster import DBSCAN

    return DBSCAN(eps=0.05, min_samples=10).fit(d["X"])


def _dbscan_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    same = bool(np.array_equal(np.asarray(ours.labels_), peer.labels_))
    return same, f"labels identical: {same}"


CASES = [
    Case("KMeans fit 1e6x16 k=8", _blobs, _kmeans_ours, _kmeans_peer, _kmeans_quality),
    Case(
        "KMeans fit 1e6x16 k=8 float32",
        _blobs32,
        _kmeans_ours,
        _kmeans_peer,
        _kmeans_quality,
        acceptance=False,
    ),
    Case(
        "DBSCAN fit 2e4x2 (moons)",
        _moons,
        _dbscan_ours,
        _dbscan_peer,
        _dbscan_quality,
        acceptance=False,
    ),
]
