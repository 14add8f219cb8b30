"""Linear models on CuPy arrays: results stay on the GPU and match scikit-learn on the host."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.linear_model as sk
from sklearn.datasets import make_classification

pytestmark = pytest.mark.gpu


@pytest.fixture
def cp():
    return pytest.importorskip("cupy")


@pytest.fixture
def reg_data(rng):
    X = rng.standard_normal((2000, 8)) + 3.0
    y = X @ rng.standard_normal(8) + 1.0 + 0.1 * rng.standard_normal(2000)
    return X, y


@pytest.mark.parametrize(
    "name,kw",
    [
        ("LinearRegression", {}),
        ("LinearRegression", {"solver": "qr"}),
        ("Ridge", {"alpha": 3.0}),
        ("Ridge", {"solver": "cg", "tol": 1e-12}),
        ("Lasso", {"alpha": 0.05, "tol": 1e-10}),
        ("ElasticNet", {"alpha": 0.05, "tol": 1e-10}),
    ],
)
def test_regressors_on_cupy(cp, reg_data, rng, name, kw):
    import ml.linear_model as ours_mod

    X, y = reg_data
    w = rng.uniform(0.1, 2.0, X.shape[0])
    ours = getattr(ours_mod, name)(**kw).fit(
        cp.asarray(X), cp.asarray(y), sample_weight=cp.asarray(w)
    )
    ref = getattr(sk, name)(**{k: v for k, v in kw.items() if k != "solver"}).fit(
        X, y, sample_weight=w
    )
    pred = ours.predict(cp.asarray(X))
    assert isinstance(pred, cp.ndarray)
    np.testing.assert_allclose(cp.asnumpy(cp.asarray(ours.coef_)), ref.coef_, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(cp.asnumpy(pred), ref.predict(X), rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("n_classes", [2, 4])
@pytest.mark.parametrize("solver", ["lbfgs", "newton-cholesky"])
def test_logistic_on_cupy(cp, n_classes, solver):
    from ml.linear_model import LogisticRegression

    X, y = make_classification(1500, 6, n_informative=4, n_classes=n_classes, random_state=0)
    ours = LogisticRegression(solver=solver, tol=1e-10, max_iter=500, class_weight="balanced")
    ours.fit(cp.asarray(X), cp.asarray(y))
    ref = sk.LogisticRegression(tol=1e-10, max_iter=1000, class_weight="balanced").fit(X, y)
    proba = ours.predict_proba(cp.asarray(X))
    assert isinstance(proba, cp.ndarray) and isinstance(ours.predict(cp.asarray(X)), cp.ndarray)
    np.testing.assert_allclose(cp.asnumpy(proba), ref.predict_proba(X), atol=1e-6)
    np.testing.assert_array_equal(cp.asnumpy(ours.predict(cp.asarray(X))), ref.predict(X))


def test_rank_deficient_on_cupy(cp, reg_data):
    from ml.linear_model import LinearRegression

    X, y = reg_data
    Xd = np.column_stack([X, X[:, 0]])
    ours = LinearRegression().fit(cp.asarray(Xd), cp.asarray(y))
    ref = sk.LinearRegression().fit(Xd, y)
    assert ours.rank_ == ref.rank_
    np.testing.assert_allclose(cp.asnumpy(ours.coef_), ref.coef_, rtol=1e-8, atol=1e-10)


def test_float32_stays_float32_on_gpu(cp, reg_data):
    from ml.linear_model import LinearRegression, LogisticRegression

    X, y = reg_data
    X32 = cp.asarray(X, dtype=cp.float32)
    reg = LinearRegression().fit(X32, cp.asarray(y, dtype=cp.float32))
    assert reg.predict(X32).dtype == cp.float32
    clf = LogisticRegression().fit(X32, cp.asarray((y > np.median(y)).astype(int)))
    assert clf.predict_proba(X32).dtype == cp.float32
