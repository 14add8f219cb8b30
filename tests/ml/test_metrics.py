"""Metrics against scikit-learn on the same labels and scores, on NumPy and array-api-strict."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sklearn.metrics as sk

import ml.metrics as M


@pytest.fixture
def labels(rng):
    yt = rng.integers(0, 4, 400)
    yp = np.where(rng.random(400) < 0.6, yt, rng.integers(0, 4, 400))
    w = rng.uniform(0.1, 2.0, 400)
    return yt, yp, w


@pytest.mark.parametrize("weighted", [False, True])
def test_accuracy_and_confusion(backend, labels, weighted, to_numpy):
    yt, yp, w = labels
    sw = w if weighted else None
    bsw = None if sw is None else backend.asarray(sw)
    a, b = backend.asarray(yt), backend.asarray(yp)
    assert M.accuracy_score(a, b, sample_weight=bsw) == pytest.approx(
        sk.accuracy_score(yt, yp, sample_weight=sw), rel=1e-12
    )
    assert M.accuracy_score(a, b, normalize=False) == sk.accuracy_score(yt, yp, normalize=False)
    for normalize in (None, "true", "pred", "all"):
        np.testing.assert_allclose(
            to_numpy(M.confusion_matrix(a, b, sample_weight=bsw, normalize=normalize)),
            sk.confusion_matrix(yt, yp, sample_weight=sw, normalize=normalize),
            rtol=1e-12,
        )
    np.testing.assert_array_equal(
        to_numpy(M.confusion_matrix(a, b, labels=[3, 1])),
        sk.confusion_matrix(yt, yp, labels=[3, 1]),
    )


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
def test_precision_recall_f1_multiclass(backend, labels, average):
    yt, yp, w = labels
    a, b = backend.asarray(yt), backend.asarray(yp)
    for ours, ref in [
        (M.precision_score, sk.precision_score),
        (M.recall_score, sk.recall_score),
        (M.f1_score, sk.f1_score),
    ]:
        np.testing.assert_allclose(ours(a, b, average=average), ref(yt, yp, average=average))
        np.testing.assert_allclose(
            ours(yt, yp, average=average, sample_weight=w),
            ref(yt, yp, average=average, sample_weight=w),
        )
    got = M.precision_recall_fscore_support(yt, yp, average=None, beta=2.0)
    exp = sk.precision_recall_fscore_support(yt, yp, average=None, beta=2.0)
    for g, e in zip(got, exp):
        np.testing.assert_allclose(g, e)


def test_binary_scores_and_errors(labels):
    yt, yp, _ = labels
    bt, bp = (yt > 1).astype(int), (yp > 1).astype(int)
    for ours, ref in [
        (M.precision_score, sk.precision_score),
        (M.recall_score, sk.recall_score),
        (M.f1_score, sk.f1_score),
    ]:
        assert ours(bt, bp) == pytest.approx(ref(bt, bp))
        assert ours(bt, bp, pos_label=0) == pytest.approx(ref(bt, bp, pos_label=0))
    with pytest.raises(ValueError, match="average='binary'"):
        M.f1_score(yt, yp)
    with pytest.raises(ValueError, match="average"):
        M.f1_score(yt, yp, average="median")
    # zero division: no predicted positives
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert M.precision_score([0, 1], [0, 0]) == sk.precision_score([0, 1], [0, 0])
    assert M.precision_score([0, 1], [0, 0], zero_division=1.0) == 1.0


def test_string_labels(labels):
    yt, yp, _ = labels
    names = np.array(["ant", "bee", "cow", "dog"])
    st, sp = names[yt], names[yp]
    assert M.accuracy_score(st, sp) == sk.accuracy_score(st, sp)
    assert M.f1_score(st, sp, average="macro") == pytest.approx(
        sk.f1_score(st, sp, average="macro")
    )
    np.testing.assert_array_equal(M.confusion_matrix(st, sp), sk.confusion_matrix(st, sp))


@pytest.mark.parametrize("weighted", [False, True])
def test_roc_auc(backend, rng, labels, weighted):
    yt, _, w = labels
    sw = w if weighted else None
    bt = (yt > 1).astype(int)
    score = np.round(rng.random(400) + 0.4 * bt, 1)  # ties on purpose
    got = M.roc_auc_score(
        backend.asarray(bt),
        backend.asarray(score),
        sample_weight=None if sw is None else backend.asarray(sw),
    )
    assert got == pytest.approx(sk.roc_auc_score(bt, score, sample_weight=sw), rel=1e-12)
    P = rng.dirichlet(np.ones(4), 400)
    for average in ("macro", "weighted"):
        assert M.roc_auc_score(yt, P, multi_class="ovr", average=average) == pytest.approx(
            sk.roc_auc_score(yt, P, multi_class="ovr", average=average), rel=1e-12
        )
    with pytest.raises(ValueError, match="Only one class"):
        M.roc_auc_score([1, 1], [0.2, 0.3])


def test_log_loss(backend, rng, labels):
    yt, _, w = labels
    P = rng.dirichlet(np.ones(4), 400)
    assert M.log_loss(backend.asarray(yt), backend.asarray(P)) == pytest.approx(
        sk.log_loss(yt, P), rel=1e-12
    )
    assert M.log_loss(yt, P, sample_weight=w) == pytest.approx(sk.log_loss(yt, P, sample_weight=w))
    bt = (yt > 1).astype(int)
    assert M.log_loss(bt, P[:, 0]) == pytest.approx(sk.log_loss(bt, P[:, 0]), rel=1e-12)
    with pytest.raises(ValueError, match="different numbers of classes"):
        M.log_loss(yt, P[:, :3])


@pytest.mark.parametrize("name", ["mean_squared_error", "mean_absolute_error", "r2_score"])
def test_regression_metrics(backend, rng, name, to_numpy):
    a = rng.standard_normal((300, 3))
    b = a + 0.3 * rng.standard_normal((300, 3))
    w = rng.uniform(0.1, 2.0, 300)
    ours, ref = getattr(M, name), getattr(sk, name)
    A, B = backend.asarray(a), backend.asarray(b)
    assert ours(A, B) == pytest.approx(ref(a, b), rel=1e-12)
    np.testing.assert_allclose(
        to_numpy(ours(A, B, multioutput="raw_values")),
        ref(a, b, multioutput="raw_values"),
        rtol=1e-12,
    )
    assert ours(a[:, 0], b[:, 0], sample_weight=w) == pytest.approx(
        ref(a[:, 0], b[:, 0], sample_weight=w), rel=1e-12
    )
    assert ours(a, b, multioutput=[0.2, 0.3, 0.5]) == pytest.approx(
        ref(a, b, multioutput=[0.2, 0.3, 0.5]), rel=1e-12
    )


def test_r2_edge_cases():
    assert M.r2_score(np.ones(3), np.ones(3)) == sk.r2_score(np.ones(3), np.ones(3))
    assert M.r2_score(np.ones(3), np.zeros(3)) == sk.r2_score(np.ones(3), np.zeros(3))
    a = np.random.default_rng(0).standard_normal((20, 2))
    assert M.r2_score(a, a * 0.9, multioutput="variance_weighted") == pytest.approx(
        sk.r2_score(a, a * 0.9, multioutput="variance_weighted")
    )
    with pytest.raises(ValueError, match="different number of output"):
        M.mean_squared_error(a, a[:, 0])


def test_silhouette_and_ari(backend, rng, labels):
    yt, yp, _ = labels
    X = rng.standard_normal((400, 3)) + yt[:, None]
    got = M.silhouette_score(backend.asarray(X), backend.asarray(yt))
    assert got == pytest.approx(sk.silhouette_score(X, yt), rel=1e-9)
    np.testing.assert_allclose(
        np.asarray(M.silhouette_samples(X, yt)), sk.silhouette_samples(X, yt), rtol=1e-7, atol=1e-8
    )
    assert M.silhouette_score(X, yt, sample_size=150, random_state=0) == pytest.approx(
        sk.silhouette_score(X, yt, sample_size=150, random_state=0), rel=1e-9
    )
    from sklearn.metrics import pairwise_distances

    D = pairwise_distances(X)
    assert M.silhouette_score(D, yt, metric="precomputed") == pytest.approx(
        sk.silhouette_score(D, yt, metric="precomputed"), rel=1e-9
    )
    with pytest.raises(ValueError, match="Number of labels"):
        M.silhouette_score(X, np.zeros(400, dtype=int))
    assert M.adjusted_rand_score(backend.asarray(yt), backend.asarray(yp)) == pytest.approx(
        sk.adjusted_rand_score(yt, yp), rel=1e-12
    )
    assert M.adjusted_rand_score([0, 0, 1], [5, 5, 2]) == 1.0


def test_metrics_on_1e5_rows(rng):
    n = 100_000
    yt = rng.integers(0, 5, n)
    yp = np.where(rng.random(n) < 0.7, yt, rng.integers(0, 5, n))
    P = rng.dirichlet(np.ones(5), n)
    assert M.accuracy_score(yt, yp) == sk.accuracy_score(yt, yp)
    assert M.f1_score(yt, yp, average="weighted") == pytest.approx(
        sk.f1_score(yt, yp, average="weighted"), rel=1e-12
    )
    np.testing.assert_array_equal(M.confusion_matrix(yt, yp), sk.confusion_matrix(yt, yp))
    assert M.log_loss(yt, P) == pytest.approx(sk.log_loss(yt, P), rel=1e-12)
    assert M.roc_auc_score(yt, P, multi_class="ovr") == pytest.approx(
        sk.roc_auc_score(yt, P, multi_class="ovr"), rel=1e-12
    )
    a = rng.standard_normal(n)
    assert M.r2_score(a, a + 0.1 * yt) == pytest.approx(sk.r2_score(a, a + 0.1 * yt), rel=1e-12)
    assert M.adjusted_rand_score(yt, yp) == pytest.approx(sk.adjusted_rand_score(yt, yp), rel=1e-12)
