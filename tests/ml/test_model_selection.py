"""Splitters and cross-validation against scikit-learn's indices and scores."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sklearn.model_selection as sk

from ml.linear_model import LinearRegression, LogisticRegression
from ml.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split


@pytest.fixture
def data(rng):
    X = rng.standard_normal((60, 3))
    y = np.arange(60) % 3
    return X, y


@pytest.mark.parametrize(
    "kw", [{}, {"test_size": 0.3}, {"train_size": 20, "test_size": 10}, {"shuffle": False}]
)
def test_train_test_split_matches_sklearn(data, kw):
    X, y = data
    ours = train_test_split(X, y, random_state=4, **kw)
    ref = sk.train_test_split(X, y, random_state=4, **kw)
    for a, b in zip(ours, ref):
        np.testing.assert_array_equal(a, b)


def test_train_test_split_stratified_and_frames(data, backend, to_numpy):
    X, y = data
    ours = train_test_split(X, y, stratify=y, random_state=1)
    ref = sk.train_test_split(X, y, stratify=y, random_state=1)
    for a, b in zip(ours, ref):
        np.testing.assert_array_equal(a, b)
    df = pd.DataFrame(X, columns=["a", "b", "c"])
    tr, te = train_test_split(df, random_state=0)
    assert isinstance(tr, pd.DataFrame) and list(tr.columns) == ["a", "b", "c"]
    rtr, rte = sk.train_test_split(df, random_state=0)
    pd.testing.assert_frame_equal(tr, rtr)
    # device arrays stay in their namespace
    Xb = backend.asarray(X)
    tr, te = train_test_split(Xb, random_state=0)
    assert type(tr) is type(Xb)
    np.testing.assert_array_equal(to_numpy(tr), sk.train_test_split(X, random_state=0)[0])


def test_train_test_split_errors(data):
    X, y = data
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        train_test_split(X, y[:-1])
    with pytest.raises(ValueError, match="test_size"):
        train_test_split(X, test_size=1.5)


@pytest.mark.parametrize("shuffle,seed", [(False, None), (True, 0)])
def test_kfold_and_stratified_match_sklearn(data, shuffle, seed):
    X, y = data
    for ours, ref in [
        (
            KFold(4, shuffle=shuffle, random_state=seed),
            sk.KFold(4, shuffle=shuffle, random_state=seed),
        ),
        (
            StratifiedKFold(4, shuffle=shuffle, random_state=seed),
            sk.StratifiedKFold(4, shuffle=shuffle, random_state=seed),
        ),
    ]:
        got = list(ours.split(X, y))
        exp = list(ref.split(X, y))
        assert len(got) == len(exp) == ours.get_n_splits()
        for (a, b), (c, d) in zip(got, exp):
            np.testing.assert_array_equal(a, c)
            np.testing.assert_array_equal(b, d)
    with pytest.raises(ValueError, match="n_splits"):
        KFold(1)
    with pytest.raises(ValueError, match="greater than the number of samples"):
        list(KFold(100).split(X))


@pytest.mark.parametrize("scoring", [None, "accuracy", "f1_macro", "neg_log_loss"])
def test_cross_val_score_matches_sklearn(data, rng, scoring):
    X, _ = data
    y = (X[:, 0] + 0.5 * rng.standard_normal(60) > 0).astype(int)
    ours = cross_val_score(LogisticRegression(), X, y, cv=3, scoring=scoring)
    ref = sk.cross_val_score(LogisticRegression(), X, y, cv=3, scoring=scoring)
    np.testing.assert_allclose(ours, ref, rtol=1e-10)


def test_cross_val_score_regression(data):
    X, _ = data
    y = X @ np.array([1.0, 2.0, -1.0])
    for scoring in (None, "neg_mean_squared_error", "neg_mean_absolute_error", "r2"):
        ours = cross_val_score(LinearRegression(), X, y, cv=KFold(5), scoring=scoring)
        ref = sk.cross_val_score(LinearRegression(), X, y, cv=sk.KFold(5), scoring=scoring)
        np.testing.assert_allclose(ours, ref, rtol=1e-8, atol=1e-12)


def test_cross_val_score_error_score(data):
    X, y = data
    bad = LogisticRegression(C=-1.0)
    with pytest.warns(Warning, match="error_score"):
        scores = cross_val_score(bad, X, y, cv=3, error_score=np.nan)
    assert np.all(np.isnan(scores))
    with pytest.raises(ValueError, match="C"):
        cross_val_score(bad, X, y, cv=3, error_score="raise")
