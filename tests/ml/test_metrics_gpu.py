"""Metrics and splitting on CuPy arrays against scikit-learn on the host."""

from __future__ import annotations

import numpy as np
import pytest
import sklearn.metrics as sk

import ml.metrics as M

pytestmark = pytest.mark.gpu


@pytest.fixture
def cp():
    return pytest.importorskip("cupy")


def test_classification_metrics_on_cupy(cp, rng):
    yt = rng.integers(0, 3, 500)
    yp = np.where(rng.random(500) < 0.7, yt, rng.integers(0, 3, 500))
    w = rng.uniform(0.1, 2.0, 500)
    a, b, cw = cp.asarray(yt), cp.asarray(yp), cp.asarray(w)
    assert M.accuracy_score(a, b, sample_weight=cw) == pytest.approx(
        sk.accuracy_score(yt, yp, sample_weight=w)
    )
    cm = M.confusion_matrix(a, b)
    assert isinstance(cm, cp.ndarray)
    np.testing.assert_array_equal(cp.asnumpy(cm), sk.confusion_matrix(yt, yp))
    for avg in ("micro", "macro", "weighted"):
        assert M.f1_score(a, b, average=avg) == pytest.approx(sk.f1_score(yt, yp, average=avg))
    P = rng.dirichlet(np.ones(3), 500)
    assert M.log_loss(a, cp.asarray(P)) == pytest.approx(sk.log_loss(yt, P))
    assert M.roc_auc_score(a, cp.asarray(P), multi_class="ovr") == pytest.approx(
        sk.roc_auc_score(yt, P, multi_class="ovr")
    )
    assert M.adjusted_rand_score(a, b) == pytest.approx(sk.adjusted_rand_score(yt, yp))


def test_regression_and_cluster_metrics_on_cupy(cp, rng):
    a = rng.standard_normal(400)
    b = a + 0.2 * rng.standard_normal(400)
    for name in ("mean_squared_error", "mean_absolute_error", "r2_score"):
        assert getattr(M, name)(cp.asarray(a), cp.asarray(b)) == pytest.approx(
            getattr(sk, name)(a, b)
        )
    labels = rng.integers(0, 3, 400)
    X = rng.standard_normal((400, 3)) + labels[:, None]
    assert M.silhouette_score(cp.asarray(X), cp.asarray(labels)) == pytest.approx(
        sk.silhouette_score(X, labels), rel=1e-9
    )


def test_train_test_split_keeps_cupy(cp, rng):
    from sklearn.model_selection import train_test_split as sk_split

    from ml.model_selection import train_test_split

    X = rng.standard_normal((50, 2))
    tr, te = train_test_split(cp.asarray(X), random_state=0)
    assert isinstance(tr, cp.ndarray)
    np.testing.assert_array_equal(cp.asnumpy(tr), sk_split(X, random_state=0)[0])
