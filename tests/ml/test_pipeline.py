"""scikit-learn's Pipeline, GridSearchCV and clone with ml estimators."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sklearn.linear_model as skl
import sklearn.preprocessing as skp
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline

from ml.linear_model import LogisticRegression, Ridge
from ml.model_selection import KFold
from ml.preprocessing import StandardScaler


@pytest.fixture
def clf_data():
    return make_classification(240, 6, n_informative=4, n_classes=3, random_state=2)


def test_pipeline_scaler_logistic_matches_sklearn(clf_data):
    X, y = clf_data
    ours = make_pipeline(StandardScaler(), LogisticRegression(tol=1e-10)).fit(X, y)
    ref = make_pipeline(skp.StandardScaler(), skl.LogisticRegression(tol=1e-10)).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X), atol=1e-6)
    assert ours.score(X, y) == ref.score(X, y)


def test_grid_search_over_pipeline(clf_data):
    X, y = clf_data
    grid = {"logisticregression__C": [0.01, 0.1, 10.0]}
    ours = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()), grid, cv=3).fit(X, y)
    ref = GridSearchCV(
        make_pipeline(skp.StandardScaler(), skl.LogisticRegression()), grid, cv=3
    ).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"], atol=1e-9
    )


def test_grid_search_regressor_with_our_splitter(rng):
    X = rng.standard_normal((120, 4))
    y = X @ np.array([1.0, 0.0, -2.0, 0.5]) + 0.3 * rng.standard_normal(120)
    ours = GridSearchCV(Ridge(), {"alpha": [0.1, 10.0, 1000.0]}, cv=KFold(4)).fit(X, y)
    ref = GridSearchCV(skl.Ridge(), {"alpha": [0.1, 10.0, 1000.0]}, cv=KFold(4)).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"], rtol=1e-9
    )


def test_clone_and_pandas_frames_keep_feature_names(clf_data):
    X, y = clf_data
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    fitted = pipe.fit(df, y)
    np.testing.assert_array_equal(fitted[0].feature_names_in_, df.columns.to_numpy())
    twin = clone(pipe)
    assert twin.get_params()["logisticregression__C"] == 1.0
    assert not hasattr(twin[0], "mean_")
    with pytest.raises(ValueError, match="feature names should match"):
        fitted.predict(df.rename(columns={"f0": "zz"}))


# -- gpuframe frames: results follow X ----------------------------------------------------

gpuframe = pytest.importorskip("gpuframe")
_HAS_FRAME = hasattr(gpuframe, "DataFrame")
_needs_frame = pytest.mark.skipif(not _HAS_FRAME, reason="gpuframe.DataFrame not available")


def _frame(X):
    return gpuframe.DataFrame({f"f{i}": X[:, i] for i in range(X.shape[1])})


@_needs_frame
def test_frame_in_frame_out(clf_data):
    from gpuframe.testing import assert_frame_equal

    X, y = clf_data
    df = _frame(X)
    out = StandardScaler().fit_transform(df)
    assert isinstance(out, gpuframe.DataFrame)
    ref = pd.DataFrame(skp.StandardScaler().fit_transform(X), columns=list(df.columns))
    assert_frame_equal(out, ref, check_exact=False, rtol=1e-12)
    clf = LogisticRegression().fit(df, gpuframe.Series(y, name="y"))
    pred = clf.predict(df)
    assert isinstance(pred, gpuframe.Series)
    np.testing.assert_array_equal(pred.to_numpy(), skl.LogisticRegression().fit(X, y).predict(X))
    proba = clf.predict_proba(df)
    assert isinstance(proba, gpuframe.DataFrame)


@_needs_frame
def test_frame_split_and_pipeline(clf_data):
    from gpuframe.testing import assert_frame_equal
    from ml.model_selection import cross_val_score, train_test_split

    X, y = clf_data
    df = _frame(X)
    ys = gpuframe.Series(y, name="y")
    tr, te, ytr, yte = train_test_split(df, ys, random_state=0)
    assert isinstance(tr, gpuframe.DataFrame) and isinstance(ytr, gpuframe.Series)
    ptr, pte = __import__("sklearn.model_selection").model_selection.train_test_split(
        df.to_pandas(), random_state=0
    )
    assert_frame_equal(tr, ptr)
    assert_frame_equal(te, pte)
    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    ref = make_pipeline(skp.StandardScaler(), skl.LogisticRegression())
    assert pipe.fit(df, ys).score(df, ys) == ref.fit(X, y).score(X, y)
    np.testing.assert_allclose(
        cross_val_score(pipe, df, ys, cv=3),
        cross_val_score(ref, X, y, cv=3),
    )


@_needs_frame
def test_grid_search_on_frame(clf_data):
    X, y = clf_data
    df = _frame(X)
    ys = gpuframe.Series(y, name="y")
    grid = {"logisticregression__C": [0.01, 1.0]}
    ours = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression()), grid, cv=3)
    ours.fit(df, ys)
    ref = GridSearchCV(
        make_pipeline(skp.StandardScaler(), skl.LogisticRegression()), grid, cv=3
    ).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"], atol=1e-12
    )


def test_import_ml_is_light():
    import subprocess
    import sys

    code = (
        "import sys, ml; heavy = [m for m in ('sklearn', 'scipy') if m in sys.modules]; "
        "assert not heavy, heavy; ml.linear_model; assert 'sklearn' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
