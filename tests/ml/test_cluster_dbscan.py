"""DBSCAN against scikit-learn: identical labels and core samples on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import cluster as skc
from sklearn.datasets import make_blobs, make_moons

from gpuframe.backend import to_host
from ml.cluster import DBSCAN


def _data(seed=0):
    X1, _ = make_moons(300, noise=0.08, random_state=seed)
    X2, _ = make_blobs(200, centers=3, cluster_std=0.3, center_box=(-3, 3), random_state=seed)
    noise = np.random.default_rng(seed).uniform(-4, 8, (40, 2))
    return np.vstack([X1 + 6.0, X2, noise])


@pytest.mark.parametrize("metric,eps", [("euclidean", 0.2), ("manhattan", 0.25), ("cosine", 0.001)])
@pytest.mark.parametrize("min_samples", [3, 8])
def test_matches_sklearn(backend, metric, eps, min_samples):
    X = _data()
    ref = skc.DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(X)
    ours = DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(backend.asarray(X))
    assert len(set(ref.labels_)) > 2  # several clusters and noise: a meaningful comparison
    np.testing.assert_array_equal(to_host(ours.labels_), ref.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)
    np.testing.assert_allclose(to_host(ours.components_), ref.components_)


@pytest.mark.parametrize("d", [3, 6])
@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_grid_and_tiled_paths_match_sklearn(d, metric):
    """d=3 runs the grid search, d=6 the tiled brute force; both must give sklearn's labels."""
    X, _ = make_blobs(3000, n_features=d, centers=4, cluster_std=0.6, random_state=d)
    eps = 0.5 if metric == "euclidean" else 0.9
    ref = skc.DBSCAN(eps=eps, min_samples=6, metric=metric).fit(X)
    ours = DBSCAN(eps=eps, min_samples=6, metric=metric).fit(X)
    assert len(set(ref.labels_)) > 2 and (ref.labels_ == -1).any()
    np.testing.assert_array_equal(ours.labels_, ref.labels_)


def test_large_case_matches_sklearn():
    X, _ = make_moons(100_000, noise=0.06, random_state=0)
    ref = skc.DBSCAN(eps=0.02, min_samples=8).fit(X)
    ours = DBSCAN(eps=0.02, min_samples=8).fit(X)
    assert (ref.labels_ == -1).any() and len(set(ref.labels_)) > 2
    np.testing.assert_array_equal(ours.labels_, ref.labels_)


def test_sample_weight_matches_sklearn():
    X = _data(1)
    w = np.random.default_rng(0).uniform(0.2, 2.5, X.shape[0])
    ref = skc.DBSCAN(eps=0.2, min_samples=4).fit(X, sample_weight=w)
    ours = DBSCAN(eps=0.2, min_samples=4).fit(X, sample_weight=w)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, ref.core_sample_indices_)


def test_bad_input():
    X = _data()
    with pytest.raises(ValueError, match="eps"):
        DBSCAN(eps=-1.0).fit(X)
    with pytest.raises(ValueError, match="min_samples"):
        DBSCAN(min_samples=0).fit(X)
    Xn = X.copy()
    Xn[5, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        DBSCAN().fit(Xn)
    with pytest.raises(ValueError, match="sample_weight"):
        DBSCAN().fit(X, sample_weight=np.ones(3))


@pytest.mark.gpu
def test_dbscan_on_cupy_matches_sklearn():
    import cupy

    X = _data()
    ref = skc.DBSCAN(eps=0.2, min_samples=5).fit(X)
    ours = DBSCAN(eps=0.2, min_samples=5).fit(cupy.asarray(X))
    assert isinstance(ours.labels_, cupy.ndarray)
    np.testing.assert_array_equal(to_host(ours.labels_), ref.labels_)


def test_dbscan_on_a_frame():
    gpuframe = pytest.importorskip("gpuframe")
    import pandas as pd

    pdf = pd.DataFrame(_data(), columns=["x", "y"])
    ref = skc.DBSCAN(eps=0.2, min_samples=5).fit_predict(pdf)
    got = DBSCAN(eps=0.2, min_samples=5).fit_predict(gpuframe.DataFrame(pdf))
    assert isinstance(got, gpuframe.Series)
    np.testing.assert_array_equal(got.to_pandas().to_numpy(), ref)
