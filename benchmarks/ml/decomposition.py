"""Decomposition cases: PCA (acceptance: 1e6 x 64 to 8 components) and TruncatedSVD."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._case import Case


def _lowrank(quick: bool, n: int = 1_000_000, d: int = 64) -> dict[str, Any]:
    n = 20_000 if quick else n
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((n, 12))
    W = rng.standard_normal((12, d)) * np.linspace(3.0, 0.5, 12)[:, None]
    X = Z @ W + 0.3 * rng.standard_normal((n, d)) + 5.0
    return {"X": X}


def _pca_ours(d: dict[str, Any]) -> Any:
    from ml.decomposition import PCA

    return PCA(8).fit(d["X"])


def _pca_peer(d: dict[str, Any]) -> Any:
    from sklearn.decomposition import PCA

    return PCA(8).fit(d["X"])


def _components_quality(ours: Any, peer: Any, d: dict[str, Any]) -> tuple[bool, str]:
    ev = float(np.max(np.abs(ours.explained_variance_ratio_ / peer.explained_variance_ratio_ - 1)))
    cos = float(np.min(np.abs(np.sum(ours.components_ * peer.components_, axis=1))))
    ok = ev <= 1e-6 and cos >= 1 - 1e-6
    return ok, f"max rel. diff of explained variance ratio {ev:.1e}, min |cos| {cos:.8f}"


def _tall(quick: bool) -> dict[str, Any]:
    return _lowrank(quick, n=200_000, d=100)


def _tsvd_ours(d: dict[str, Any]) -> Any:
    from ml.decomposition import TruncatedSVD

    return TruncatedSVD(10, random_state=0).fit(d["X"])


def _tsvd_peer(d: dict[str, Any]) -> Any:
    from sklearn.decomposition import TruncatedSVD

    return TruncatedSVD(10, random_state=0).fit(d["X"])


CASES = [
    Case("PCA fit 1e6x64 -> 8", _lowrank, _pca_ours, _pca_peer, _components_quality),
    Case(
        "TruncatedSVD fit 2e5x100 -> 10",
        _tall,
        _tsvd_ours,
        _tsvd_peer,
        _components_quality,
        acceptance=False,
    ),
]
