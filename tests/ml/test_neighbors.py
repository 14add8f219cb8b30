"""NearestNeighbors and k-NN estimators against scikit-learn on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import neighbors as skn
from sklearn.exceptions import NotFittedError

from gpuframe.backend import to_host
from ml._distances import argkmin, pairwise_distances
from ml.neighbors import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors

METRICS = ["euclidean", "cosine", "manhattan"]


@pytest.fixture
def data(rng):
    X = rng.standard_normal((300, 6))
    Q = rng.standard_normal((70, 6))
    y = rng.integers(0, 3, 300)
    yr = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.standard_normal(300)
    return X, Q, y, yr


@pytest.mark.parametrize("metric", METRICS)
def test_kneighbors_matches_sklearn(backend, data, metric):
    X, Q, _, _ = data
    ref = skn.NearestNeighbors(n_neighbors=4, metric=metric).fit(X)
    ours = NearestNeighbors(n_neighbors=4, metric=metric).fit(backend.asarray(X))
    d1, i1 = ours.kneighbors(backend.asarray(Q))
    d2, i2 = ref.kneighbors(Q)
    np.testing.assert_array_equal(to_host(i1), i2)
    np.testing.assert_allclose(to_host(d1), d2, rtol=1e-7, atol=1e-7)
    # query = training set: each point is left out of its own neighbours
    d1, i1 = ours.kneighbors(n_neighbors=3)
    d2, i2 = ref.kneighbors(n_neighbors=3)
    np.testing.assert_array_equal(to_host(i1), i2)
    np.testing.assert_allclose(to_host(d1), d2, rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(
        to_host(pairwise_distances(backend.asarray(Q), backend.asarray(X), metric=metric)),
        __import__("sklearn.metrics", fromlist=["x"]).pairwise_distances(Q, X, metric=metric),
        rtol=1e-7,
        atol=1e-7,
    )


@pytest.mark.parametrize("metric", METRICS)
def test_radius_neighbors_matches_sklearn(backend, data, metric):
    X, Q, _, _ = data
    radius = {"euclidean": 2.0, "cosine": 0.3, "manhattan": 4.0}[metric]
    ref = skn.NearestNeighbors(radius=radius, metric=metric).fit(X)
    ours = NearestNeighbors(radius=radius, metric=metric).fit(backend.asarray(X))
    d1, i1 = ours.radius_neighbors(backend.asarray(Q), sort_results=True)
    d2, i2 = ref.radius_neighbors(Q, sort_results=True)
    assert sum(len(a) for a in i2) > 0
    for a, b, da, db in zip(i1, i2, d1, d2):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(da, db, rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize("weights", ["uniform", "distance", lambda d: np.exp(-d)])
def test_classifier_matches_sklearn(backend, data, weights):
    X, Q, y, _ = data
    if callable(weights) and backend.__name__ != "array_api_compat.numpy":
        pytest.skip("the callable in this test computes with NumPy")
    ref = skn.KNeighborsClassifier(7, weights=weights).fit(X, y)
    ours = KNeighborsClassifier(7, weights=weights).fit(backend.asarray(X), backend.asarray(y))
    np.testing.assert_array_equal(to_host(ours.predict(backend.asarray(Q))), ref.predict(Q))
    np.testing.assert_allclose(
        to_host(ours.predict_proba(backend.asarray(Q))), ref.predict_proba(Q), rtol=1e-10
    )
    np.testing.assert_array_equal(to_host(ours.classes_), ref.classes_)


def test_classifier_string_labels(data):
    X, Q, y, _ = data
    labels = np.array(["cat", "dog", "emu"])[y]
    ref = skn.KNeighborsClassifier(5).fit(X, labels)
    ours = KNeighborsClassifier(5).fit(X, labels)
    np.testing.assert_array_equal(ours.predict(Q), ref.predict(Q))
    assert ours.score(X, labels) == pytest.approx(ref.score(X, labels))


@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_regressor_matches_sklearn(backend, data, weights):
    X, Q, _, yr = data
    ref = skn.KNeighborsRegressor(6, weights=weights).fit(X, yr)
    ours = KNeighborsRegressor(6, weights=weights).fit(backend.asarray(X), backend.asarray(yr))
    np.testing.assert_allclose(
        to_host(ours.predict(backend.asarray(Q))), ref.predict(Q), rtol=1e-10
    )
    Y2 = np.stack([yr, -yr], axis=1)
    ref2 = skn.KNeighborsRegressor(6, weights=weights).fit(X, Y2)
    ours2 = KNeighborsRegressor(6, weights=weights).fit(backend.asarray(X), backend.asarray(Y2))
    np.testing.assert_allclose(
        to_host(ours2.predict(backend.asarray(Q))), ref2.predict(Q), rtol=1e-10
    )


def test_distance_weights_with_exact_match(data):
    X, _, y, yr = data
    ref = skn.KNeighborsRegressor(4, weights="distance").fit(X, yr)
    ours = KNeighborsRegressor(4, weights="distance").fit(X, yr)
    np.testing.assert_allclose(ours.predict(X[:20]), ref.predict(X[:20]), rtol=1e-10)


def test_large_case_and_float32(rng):
    X = rng.standard_normal((100_000, 8))
    Q = rng.standard_normal((500, 8))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    ref = skn.KNeighborsClassifier(5).fit(X, y)
    ours = KNeighborsClassifier(5).fit(X, y)
    np.testing.assert_array_equal(ours.predict(Q), ref.predict(Q))
    d, i = argkmin(Q.astype(np.float32), X.astype(np.float32), 5)
    assert d.dtype == np.float32
    _, i_ref = ref.kneighbors(Q)
    assert (i == i_ref).mean() > 0.99  # float32 rounding may swap near-ties


def test_tiles_cover_every_row(rng, monkeypatch):
    """Tiny tiles force many row and column blocks; the result must not change."""
    import ml._distances as dist

    X = rng.standard_normal((257, 3))
    Q = rng.standard_normal((130, 3))
    want = argkmin(Q, X, 3)
    monkeypatch.setattr(dist, "_TILE_ROWS", 7)
    monkeypatch.setattr(dist, "_TILE_COLS", 11)
    monkeypatch.setattr(dist, "_TILE_ELEMENTS", 50)
    got = argkmin(Q, X, 3)
    np.testing.assert_array_equal(got[1], want[1])
    import array_api_strict as xps

    got_g = argkmin(xps.asarray(Q), xps.asarray(X), 3)
    np.testing.assert_array_equal(to_host(got_g[1]), want[1])


def test_bad_input(data):
    X, Q, y, yr = data
    with pytest.raises(NotFittedError):
        KNeighborsClassifier().predict(Q)
    with pytest.raises(NotFittedError):
        NearestNeighbors().kneighbors(Q)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        KNeighborsClassifier().fit(X, y[:-1])
    with pytest.raises(ValueError, match="Expected n_neighbors <= n_samples_fit"):
        NearestNeighbors(n_neighbors=400).fit(X).kneighbors(Q)
    with pytest.raises(ValueError, match="features"):
        KNeighborsRegressor().fit(X, yr).predict(Q[:, :2])
    with pytest.raises(ValueError, match="metric"):
        NearestNeighbors(metric="hamming").fit(X)
    with pytest.raises(ValueError, match="p=3"):
        NearestNeighbors(p=3).fit(X)
    Xn = X.copy()
    Xn[1, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        KNeighborsRegressor().fit(Xn, yr)
    with pytest.raises(ValueError, match="Unknown label type"):
        KNeighborsClassifier().fit(X, yr)


@pytest.mark.gpu
@pytest.mark.parametrize("metric", METRICS)
def test_neighbors_on_cupy_match_sklearn(data, metric):
    import cupy

    X, Q, y, yr = data
    ref = skn.NearestNeighbors(n_neighbors=4, metric=metric).fit(X)
    ours = NearestNeighbors(n_neighbors=4, metric=metric).fit(cupy.asarray(X))
    d1, i1 = ours.kneighbors(cupy.asarray(Q))
    assert isinstance(i1, cupy.ndarray)
    d2, i2 = ref.kneighbors(Q)
    np.testing.assert_array_equal(to_host(i1), i2)
    np.testing.assert_allclose(to_host(d1), d2, rtol=1e-7, atol=1e-7)
    clf = KNeighborsClassifier(5, metric=metric).fit(cupy.asarray(X), cupy.asarray(y))
    ref_clf = skn.KNeighborsClassifier(5, metric=metric).fit(X, y)
    np.testing.assert_array_equal(to_host(clf.predict(cupy.asarray(Q))), ref_clf.predict(Q))
    reg = KNeighborsRegressor(5, metric=metric).fit(cupy.asarray(X), cupy.asarray(yr))
    ref_reg = skn.KNeighborsRegressor(5, metric=metric).fit(X, yr)
    np.testing.assert_allclose(to_host(reg.predict(cupy.asarray(Q))), ref_reg.predict(Q), rtol=1e-9)


def test_knn_on_a_frame_and_in_pipelines(data):
    """Frames in, frames out; clone, Pipeline on a frame and GridSearchCV run our estimators."""
    gpuframe = pytest.importorskip("gpuframe")
    import pandas as pd
    from sklearn.base import clone
    from sklearn.decomposition import PCA as SkPCA
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    from ml.decomposition import PCA

    X, Q, y, yr = data
    cols = [f"c{i}" for i in range(X.shape[1])]
    pdf, qpdf = pd.DataFrame(X, columns=cols), pd.DataFrame(Q, columns=cols)
    df, qdf = gpuframe.DataFrame(pdf), gpuframe.DataFrame(qpdf)
    ours = KNeighborsClassifier(5).fit(df, gpuframe.Series(pd.Series(y)))
    ref = skn.KNeighborsClassifier(5).fit(pdf, y)
    pred = ours.predict(qdf)
    assert isinstance(pred, gpuframe.Series)
    np.testing.assert_array_equal(pred.to_pandas().to_numpy(), ref.predict(qpdf))
    proba = ours.predict_proba(qdf)
    assert isinstance(proba, gpuframe.DataFrame)
    np.testing.assert_allclose(proba.to_pandas().to_numpy(), ref.predict_proba(qpdf))
    reg = KNeighborsRegressor(5).fit(df, gpuframe.Series(pd.Series(yr)))
    np.testing.assert_allclose(
        reg.predict(qdf).to_pandas().to_numpy(),
        skn.KNeighborsRegressor(5).fit(pdf, yr).predict(qpdf),
        rtol=1e-10,
    )
    # a Pipeline of ours on the frame, cloned, against the same pipeline of scikit-learn's
    pipe = clone(make_pipeline(PCA(4), KNeighborsClassifier(3))).fit(df, y)
    ref_pipe = make_pipeline(SkPCA(4), skn.KNeighborsClassifier(3)).fit(pdf, y)
    np.testing.assert_array_equal(np.asarray(pipe.predict(qdf).to_pandas()), ref_pipe.predict(qpdf))
    grid = {"kneighborsclassifier__n_neighbors": [3, 7]}
    ours_gs = GridSearchCV(make_pipeline(PCA(4), KNeighborsClassifier()), grid, cv=3).fit(X, y)
    ref_gs = GridSearchCV(make_pipeline(SkPCA(4), skn.KNeighborsClassifier()), grid, cv=3)
    ref_gs.fit(X, y)
    assert ours_gs.best_params_ == ref_gs.best_params_
    np.testing.assert_allclose(ours_gs.best_score_, ref_gs.best_score_, rtol=1e-12)


@pytest.mark.parametrize("mode", ["connectivity", "distance"])
def test_neighbor_graphs_match_sklearn(data, mode):
    X, Q, _, _ = data
    ref = skn.NearestNeighbors(n_neighbors=3, radius=1.5).fit(X)
    ours = NearestNeighbors(n_neighbors=3, radius=1.5).fit(X)
    for query in (Q, None):
        a = ours.kneighbors_graph(query, mode=mode)
        b = ref.kneighbors_graph(query, mode=mode)
        np.testing.assert_allclose(a.toarray(), b.toarray(), rtol=1e-9, atol=1e-12)
        a = ours.radius_neighbors_graph(query, mode=mode)
        b = ref.radius_neighbors_graph(query, mode=mode)
        np.testing.assert_allclose(a.toarray(), b.toarray(), rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="mode"):
        ours.kneighbors_graph(Q, mode="weights")
