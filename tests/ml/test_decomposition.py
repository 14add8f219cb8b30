"""PCA and TruncatedSVD against scikit-learn on the same data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import decomposition as skd
from sklearn.exceptions import NotFittedError

from gpuframe.backend import to_host
from ml.decomposition import PCA, TruncatedSVD


def _data(n=400, d=8, seed=0, offset=3.0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)) @ rng.standard_normal((d, d)) + offset


@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "randomized"])
@pytest.mark.parametrize("whiten", [False, True])
def test_pca_matches_sklearn(backend, solver, whiten):
    X = _data()
    ref = skd.PCA(3, svd_solver=solver, whiten=whiten, random_state=0).fit(X)
    ours = PCA(3, svd_solver=solver, whiten=whiten, random_state=0).fit(backend.asarray(X))
    tol = dict(rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(to_host(ours.components_), ref.components_, **tol)
    np.testing.assert_allclose(to_host(ours.explained_variance_), ref.explained_variance_, **tol)
    np.testing.assert_allclose(
        to_host(ours.explained_variance_ratio_), ref.explained_variance_ratio_, **tol
    )
    np.testing.assert_allclose(to_host(ours.singular_values_), ref.singular_values_, **tol)
    np.testing.assert_allclose(to_host(ours.mean_), ref.mean_, **tol)
    np.testing.assert_allclose(ours.noise_variance_, ref.noise_variance_, rtol=1e-7)
    Z = ours.transform(backend.asarray(X))
    np.testing.assert_allclose(to_host(Z), ref.transform(X), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(
        to_host(ours.inverse_transform(Z)), ref.inverse_transform(ref.transform(X)), atol=1e-8
    )


@pytest.mark.parametrize("n_components", [None, 0.9, 5])
def test_pca_n_components_forms(n_components):
    X = _data()
    ref = skd.PCA(n_components).fit(X)
    ours = PCA(n_components).fit(X)
    assert ours.n_components_ == ref.n_components_
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-7)
    np.testing.assert_allclose(ours.get_covariance(), ref.get_covariance(), rtol=1e-6, atol=1e-9)


def test_pca_gram_is_exact_with_a_large_mean():
    """The blocked Gram pass shifts by a sample row, so a huge mean loses no precision."""
    X = _data(offset=1e6)
    ref = skd.PCA(4, svd_solver="full").fit(X)
    ours = PCA(4, svd_solver="covariance_eigh").fit(X)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-6)


def test_pca_large_case_and_float32():
    X = _data(n=100_000, d=16, seed=1)
    ref = skd.PCA(4).fit(X)
    ours = PCA(4).fit(X)
    np.testing.assert_allclose(ours.components_, ref.components_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ours.explained_variance_, ref.explained_variance_, rtol=1e-8)
    X32 = X.astype(np.float32)
    ours32 = PCA(4).fit(X32)
    assert ours32.components_.dtype == np.float32
    assert ours32.transform(X32).dtype == np.float32
    np.testing.assert_allclose(ours32.explained_variance_, ref.explained_variance_, rtol=1e-4)


def test_truncated_svd_matches_sklearn(backend):
    X = _data(offset=0.5)
    for algorithm in ("randomized", "arpack"):
        ref = skd.TruncatedSVD(3, algorithm=algorithm, random_state=0).fit(X)
        ours = TruncatedSVD(3, algorithm=algorithm, random_state=0).fit(backend.asarray(X))
        np.testing.assert_allclose(to_host(ours.components_), ref.components_, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(to_host(ours.singular_values_), ref.singular_values_, rtol=1e-8)
        np.testing.assert_allclose(
            to_host(ours.explained_variance_ratio_), ref.explained_variance_ratio_, rtol=1e-6
        )
        np.testing.assert_allclose(
            to_host(ours.transform(backend.asarray(X))), ref.transform(X), rtol=1e-6, atol=1e-8
        )


@pytest.mark.parametrize("decay", [1.0, 0.2])
def test_randomized_tall_path_matches_sklearn(backend, decay):
    """Tall data (n >= 4 d, k + oversamples <= d) takes the few-pass NumPy path."""
    rng = np.random.default_rng(3)
    n, d = 2000, 40
    U, _ = np.linalg.qr(rng.standard_normal((n, d)))
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))
    X = (U * np.exp(-decay * np.arange(d))) @ V.T + 0.5
    ref = skd.TruncatedSVD(5, random_state=0).fit(X)
    ours = TruncatedSVD(5, random_state=0).fit(backend.asarray(X))
    np.testing.assert_allclose(to_host(ours.components_), ref.components_, atol=1e-10)
    np.testing.assert_allclose(to_host(ours.singular_values_), ref.singular_values_, rtol=1e-10)
    ref_p = skd.PCA(5, svd_solver="randomized", random_state=0).fit(X)
    ours_p = PCA(5, svd_solver="randomized", random_state=0).fit(backend.asarray(X))
    np.testing.assert_allclose(to_host(ours_p.components_), ref_p.components_, atol=1e-10)
    np.testing.assert_allclose(
        to_host(ours_p.explained_variance_), ref_p.explained_variance_, rtol=1e-10
    )


def test_bad_input():
    X = _data(n=20)
    with pytest.raises(NotFittedError):
        PCA(2).transform(X)
    with pytest.raises(NotFittedError):
        TruncatedSVD(2).transform(X)
    with pytest.raises(ValueError, match="n_components=30 must be between 0 and"):
        PCA(30).fit(X)
    with pytest.raises(ValueError, match="svd_solver"):
        PCA(2, svd_solver="magic").fit(X)
    Xn = X.copy()
    Xn[0, 0] = np.nan
    for solver in ("full", "covariance_eigh", "randomized"):
        with pytest.raises(ValueError, match="NaN"):
            PCA(2, svd_solver=solver).fit(Xn)
    Xn[0, 0] = np.inf  # the Gram path finds it in its own sums, without a separate pass
    with pytest.raises(ValueError, match="infinity"):
        PCA(2, svd_solver="covariance_eigh").fit(Xn)
    with pytest.raises(ValueError, match="NaN"):
        TruncatedSVD(2).fit(np.where(Xn == np.inf, np.nan, Xn))
    pca = PCA(2).fit(X)
    with pytest.raises(ValueError, match="features"):
        pca.transform(X[:, :3])
    with pytest.raises(ValueError, match="n_components must be <= n_features"):
        TruncatedSVD(20).fit(X)


@pytest.mark.gpu
@pytest.mark.parametrize("solver", ["full", "covariance_eigh", "randomized"])
def test_pca_on_cupy_matches_sklearn(solver):
    import cupy

    X = _data(n=3000, d=12)
    ref = skd.PCA(4, svd_solver=solver, random_state=0).fit(X)
    ours = PCA(4, svd_solver=solver, random_state=0).fit(cupy.asarray(X))
    assert isinstance(ours.components_, cupy.ndarray)
    np.testing.assert_allclose(to_host(ours.components_), ref.components_, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(
        to_host(ours.explained_variance_), ref.explained_variance_, rtol=1e-7
    )
    Z = ours.transform(cupy.asarray(X))
    assert isinstance(Z, cupy.ndarray)
    np.testing.assert_allclose(to_host(Z), ref.transform(X), rtol=1e-6, atol=1e-7)
    svd = TruncatedSVD(3, random_state=0).fit(cupy.asarray(X))
    ref_svd = skd.TruncatedSVD(3, random_state=0).fit(X)
    np.testing.assert_allclose(to_host(svd.singular_values_), ref_svd.singular_values_, rtol=1e-7)


def test_pca_on_a_frame():
    gpuframe = pytest.importorskip("gpuframe")
    import pandas as pd

    pdf = pd.DataFrame(_data(), columns=[f"c{i}" for i in range(8)])
    df = gpuframe.DataFrame(pdf)
    ref = skd.PCA(3).fit(pdf)
    ours = PCA(3).fit(df)
    Z = ours.transform(df)
    assert isinstance(Z, gpuframe.DataFrame)
    assert list(Z.columns) == list(ref.get_feature_names_out())
    np.testing.assert_allclose(Z.to_pandas().to_numpy(), ref.transform(pdf), rtol=1e-7, atol=1e-9)
    Zs = TruncatedSVD(2, random_state=0).fit_transform(df)
    assert isinstance(Zs, gpuframe.DataFrame)
