"""Preprocessing and imputation on CuPy arrays (results stay on the GPU)."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.impute as ski
import sklearn.preprocessing as sk

pytestmark = pytest.mark.gpu


@pytest.fixture
def cp():
    return pytest.importorskip("cupy")


@pytest.mark.parametrize(
    "name,kw",
    [
        ("StandardScaler", {}),
        ("MinMaxScaler", {}),
        ("RobustScaler", {}),
        ("Normalizer", {}),
        ("PolynomialFeatures", {"degree": 2}),
        ("OneHotEncoder", {}),
        ("OrdinalEncoder", {}),
    ],
)
def test_transformers_on_cupy(cp, rng, name, kw):
    import ml.preprocessing as ours_mod

    if name in ("OneHotEncoder", "OrdinalEncoder"):
        X = rng.integers(0, 5, (300, 3)).astype(float)
    else:
        X = rng.standard_normal((300, 4)) * 3 + 1
    ref_kw = dict(kw, sparse_output=False) if name == "OneHotEncoder" else kw
    ours = getattr(ours_mod, name)(**kw).fit(cp.asarray(X))
    ref = getattr(sk, name)(**ref_kw).fit(X)
    out = ours.transform(cp.asarray(X))
    assert isinstance(out, cp.ndarray)
    np.testing.assert_allclose(cp.asnumpy(out), ref.transform(X), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("strategy", ["mean", "median", "most_frequent", "constant"])
def test_simple_imputer_on_cupy(cp, rng, strategy):
    from ml.impute import SimpleImputer

    X = rng.integers(0, 5, (200, 3)).astype(float)
    X[rng.random((200, 3)) < 0.2] = np.nan
    ours = SimpleImputer(strategy=strategy).fit(cp.asarray(X))
    ref = ski.SimpleImputer(strategy=strategy).fit(X)
    out = ours.transform(cp.asarray(X))
    assert isinstance(out, cp.ndarray)
    np.testing.assert_allclose(cp.asnumpy(out), ref.transform(X))


def test_label_encoder_on_cupy(cp):
    from ml.preprocessing import LabelEncoder

    y = np.array([5, 2, 5, 9, 2])
    le = LabelEncoder().fit(cp.asarray(y))
    codes = le.transform(cp.asarray(y))
    assert isinstance(codes, cp.ndarray)
    np.testing.assert_array_equal(cp.asnumpy(codes), sk.LabelEncoder().fit_transform(y))
