"""KMeans against scikit-learn on the same data (numpy and array-api-strict inputs)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import cluster as skc
from sklearn.datasets import make_blobs
from sklearn.exceptions import NotFittedError

from gpuframe.backend import to_host
from ml.cluster import KMeans


def _blobs(n=600, d=4, k=4, seed=0, std=1.0):
    X, _ = make_blobs(n_samples=n, n_features=d, centers=k, cluster_std=std, random_state=seed)
    return X


def _sorted_rows(C):
    C = np.asarray(C)
    return C[np.lexsort(C.T[::-1])]


def test_same_init_matches_sklearn_exactly(backend):
    """Given the same starting centers, Lloyd's iterations must agree with scikit-learn's."""
    X = _blobs(std=2.5)
    init = X[:4].copy()
    ref = skc.KMeans(4, init=init, n_init=1, tol=0.0, max_iter=100).fit(X)
    ours = KMeans(4, init=backend.asarray(init), n_init=1, tol=0.0, max_iter=100)
    ours.fit(backend.asarray(X))
    np.testing.assert_allclose(to_host(ours.cluster_centers_), ref.cluster_centers_, rtol=1e-9)
    np.testing.assert_array_equal(to_host(ours.labels_), ref.labels_)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-9)
    np.testing.assert_array_equal(
        to_host(ours.predict(backend.asarray(X[:50]))), ref.predict(X[:50])
    )
    np.testing.assert_allclose(
        to_host(ours.transform(backend.asarray(X[:50]))), ref.transform(X[:50]), rtol=1e-7
    )
    np.testing.assert_allclose(ours.score(backend.asarray(X)), ref.score(X), rtol=1e-9)


def test_many_clusters_blas_path_matches_sklearn():
    """k >= 32 computes the cross terms with BLAS products; still sklearn's iterations."""
    X, _ = make_blobs(n_samples=3000, n_features=10, centers=40, random_state=5)
    init = X[:40].copy()
    ref = skc.KMeans(40, init=init, n_init=1, tol=0.0).fit(X)
    ours = KMeans(40, init=init, n_init=1, tol=0.0).fit(X)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-10)
    assert ours.n_iter_ == ref.n_iter_
    np.testing.assert_array_equal(ours.predict(X[:300]), ref.predict(X[:300]))


@pytest.mark.parametrize("init", ["k-means++", "k-means||", "random"])
def test_init_methods_reach_sklearn_quality(backend, init):
    X = _blobs(k=5, seed=1)
    ref = skc.KMeans(5, n_init=3, random_state=0).fit(X)
    ours = KMeans(5, init=init, n_init=10, random_state=0).fit(backend.asarray(X))
    # well-separated blobs: the same partition, so the same inertia within rounding
    assert ours.inertia_ <= ref.inertia_ * (1 + 1e-6)
    np.testing.assert_allclose(
        _sorted_rows(to_host(ours.cluster_centers_)), _sorted_rows(ref.cluster_centers_), rtol=1e-6
    )


def test_sample_weight_matches_sklearn():
    X = _blobs(std=2.0, seed=3)
    w = np.random.default_rng(0).uniform(0.1, 3.0, X.shape[0])
    init = X[[0, 50, 100, 150]]
    ref = skc.KMeans(4, init=init, n_init=1).fit(X, sample_weight=w)
    ours = KMeans(4, init=init, n_init=1).fit(X, sample_weight=w)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-8)
    np.testing.assert_allclose(ours.inertia_, ref.inertia_, rtol=1e-8)
    # integer weights act like repeated rows
    wi = np.random.default_rng(1).integers(1, 3, X.shape[0])
    a = KMeans(4, init=init, n_init=1).fit(X, sample_weight=wi)
    b = KMeans(4, init=init, n_init=1).fit(np.repeat(X, wi, axis=0))
    np.testing.assert_allclose(a.cluster_centers_, b.cluster_centers_, rtol=1e-10)


def test_float32_stays_float32():
    X = _blobs().astype(np.float32)
    km = KMeans(4, random_state=0).fit(X)
    assert km.cluster_centers_.dtype == np.float32
    assert km.transform(X).dtype == np.float32
    ref = skc.KMeans(4, random_state=0, n_init=1).fit(X)
    np.testing.assert_allclose(km.inertia_, ref.inertia_, rtol=1e-4)


def test_large_case_matches_sklearn_inertia():
    X = _blobs(n=100_000, d=8, k=8, seed=4, std=1.5)
    ref = skc.KMeans(8, n_init=1, random_state=0).fit(X)
    ours = KMeans(8, random_state=0).fit(X)
    assert ours.inertia_ <= ref.inertia_ * (1 + 1e-6)
    assert ours.labels_.shape == (100_000,)


def test_fit_predict_equals_labels():
    X = _blobs()
    km = KMeans(4, random_state=0)
    labels = km.fit_predict(X)
    np.testing.assert_array_equal(labels, km.labels_)
    np.testing.assert_array_equal(km.predict(X), km.labels_)


def test_bad_input():
    X = _blobs(n=20)
    with pytest.raises(NotFittedError):
        KMeans(2).predict(X)
    with pytest.raises(ValueError, match="n_samples=20 should be >= n_clusters=30"):
        KMeans(30).fit(X)
    Xn = X.copy()
    Xn[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        KMeans(2).fit(Xn)
    km = KMeans(2, random_state=0).fit(X)
    with pytest.raises(ValueError, match="features"):
        km.predict(X[:, :2])
    with pytest.raises(ValueError, match="n_clusters"):
        KMeans(0).fit(X)
    with pytest.raises(ValueError, match="init"):
        KMeans(2, init="nope").fit(X)
    with pytest.raises(ValueError, match="shape of the initial centers"):
        KMeans(2, init=X[:3]).fit(X)


@pytest.mark.gpu
def test_kmeans_on_cupy_matches_sklearn():
    import cupy

    X = _blobs(n=5000, std=2.0)
    init = X[:4].copy()
    ref = skc.KMeans(4, init=init, n_init=1, tol=0.0).fit(X)
    ours = KMeans(4, init=cupy.asarray(init), n_init=1, tol=0.0).fit(cupy.asarray(X))
    assert isinstance(ours.cluster_centers_, cupy.ndarray)
    assert isinstance(ours.predict(cupy.asarray(X)), cupy.ndarray)
    np.testing.assert_allclose(to_host(ours.cluster_centers_), ref.cluster_centers_, rtol=1e-8)
    np.testing.assert_array_equal(to_host(ours.labels_), ref.labels_)
    for init in ("k-means++", "k-means||"):
        km = KMeans(4, init=init, random_state=0).fit(cupy.asarray(X.astype(np.float32)))
        assert km.cluster_centers_.dtype == cupy.float32
        assert km.inertia_ <= ref.inertia_ * (1 + 1e-4)


def test_kmeans_on_a_frame():
    """A gpuframe DataFrame in: labels as a gpuframe Series, distances as a DataFrame."""
    gpuframe = pytest.importorskip("gpuframe")
    import pandas as pd

    X = _blobs(n=300)
    pdf = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    df = gpuframe.DataFrame(pdf)
    init = X[:4].copy()
    ref = skc.KMeans(4, init=init, n_init=1).fit(pdf)
    ours = KMeans(4, init=init, n_init=1).fit(df)
    np.testing.assert_array_equal(ours.feature_names_in_, ref.feature_names_in_)
    pred = ours.predict(df)
    assert isinstance(pred, gpuframe.Series)
    np.testing.assert_array_equal(pred.to_pandas().to_numpy(), ref.predict(pdf))
    dist = ours.transform(df)
    assert isinstance(dist, gpuframe.DataFrame)
    np.testing.assert_allclose(dist.to_pandas().to_numpy(), ref.transform(pdf), rtol=1e-9)
