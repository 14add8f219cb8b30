"""Encoders and PolynomialFeatures against scikit-learn, plus the estimator contract."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import sklearn.preprocessing as sk
from sklearn.utils.estimator_checks import parametrize_with_checks

from ml.preprocessing import LabelEncoder, OneHotEncoder, OrdinalEncoder, PolynomialFeatures

ESTIMATORS = [
    OneHotEncoder(),
    OneHotEncoder(handle_unknown="ignore", drop="if_binary"),
    OrdinalEncoder(),
    PolynomialFeatures(),
    PolynomialFeatures(degree=(2, 3), interaction_only=True),
]


def _expected_failed(est):
    """Checks expected to fail, with the reason: none.

    scikit-learn itself skips ``check_array_api_input`` unless SCIPY_ARRAY_API=1 is set
    (reported as a skip, not hidden); the array-API behaviour is covered by the
    ``backend``-parametrised tests in this module (NumPy and array-api-strict inputs).
    """
    return {}


@parametrize_with_checks(ESTIMATORS, expected_failed_checks=_expected_failed)
def test_sklearn_contract(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        check(estimator)


STRINGS = np.array([["a", "x"], ["b", "y"], ["a", "z"], ["c", "x"], ["b", "x"]], dtype=object)


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"drop": "first"},
        {"drop": "if_binary"},
        {"handle_unknown": "ignore"},
        {"drop": ["b", "x"]},
        {"categories": [["a", "b", "c", "d"], ["x", "y", "z"]]},
    ],
)
def test_one_hot_strings_match_sklearn(kw):
    ours = OneHotEncoder(**kw).fit(STRINGS)
    ref = sk.OneHotEncoder(sparse_output=False, **kw).fit(STRINGS)
    np.testing.assert_array_equal(ours.transform(STRINGS), ref.transform(STRINGS))
    np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())
    np.testing.assert_array_equal(
        ours.inverse_transform(ours.transform(STRINGS)),
        ref.inverse_transform(ref.transform(STRINGS)),
    )


def test_one_hot_numeric_with_nan_on_backend(backend, rng, to_numpy):
    X = rng.integers(0, 4, (60, 3)).astype(float)
    X[5, 1] = np.nan
    ours = OneHotEncoder().fit(backend.asarray(X))
    ref = sk.OneHotEncoder(sparse_output=False).fit(X)
    out = ours.transform(backend.asarray(X))
    assert type(out) is type(backend.asarray(X))
    np.testing.assert_array_equal(to_numpy(out), ref.transform(X))


def test_one_hot_unknown_and_sparse():
    enc = OneHotEncoder().fit(STRINGS[:2])
    with pytest.raises(ValueError, match="unknown categories"):
        enc.transform(STRINGS)
    ign = OneHotEncoder(handle_unknown="ignore").fit(STRINGS[:2])
    ref = sk.OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(STRINGS[:2])
    np.testing.assert_array_equal(ign.transform(STRINGS), ref.transform(STRINGS))
    sp = OneHotEncoder(sparse_output=True).fit_transform(STRINGS)
    np.testing.assert_array_equal(sp.toarray(), sk.OneHotEncoder().fit_transform(STRINGS).toarray())


def test_one_hot_pandas_mixed_frame():
    df = pd.DataFrame({"c": ["u", "v", "u", "w"], "n": [1.0, 2.0, 1.0, 3.0]})
    ours = OneHotEncoder().fit(df)
    ref = sk.OneHotEncoder(sparse_output=False).fit(df)
    np.testing.assert_array_equal(ours.transform(df), ref.transform(df))
    np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"handle_unknown": "use_encoded_value", "unknown_value": -1},
        {"encoded_missing_value": -5},
    ],
)
def test_ordinal_matches_sklearn(kw):
    X = np.array([["b", "x"], ["a", None], ["c", "x"], ["a", "y"]], dtype=object)
    ours = OrdinalEncoder(**kw).fit(X[:3])
    ref = sk.OrdinalEncoder(**kw).fit(X[:3])
    data = X if kw.get("handle_unknown") else X[:3]
    np.testing.assert_allclose(ours.transform(data), ref.transform(data), equal_nan=True)


def test_ordinal_numeric_backend(backend, rng, to_numpy):
    X = rng.integers(0, 5, (40, 2)).astype(float)
    X[3, 0] = np.nan
    ours = OrdinalEncoder().fit(backend.asarray(X))
    ref = sk.OrdinalEncoder().fit(X)
    np.testing.assert_allclose(
        to_numpy(ours.transform(backend.asarray(X))), ref.transform(X), equal_nan=True
    )
    with pytest.raises(TypeError, match="unknown_value"):
        OrdinalEncoder(handle_unknown="use_encoded_value").fit(X)


def test_label_encoder(backend, to_numpy):
    y = np.array([3, 1, 3, 7])
    ours = LabelEncoder().fit(backend.asarray(y))
    ref = sk.LabelEncoder().fit(y)
    np.testing.assert_array_equal(to_numpy(ours.classes_), ref.classes_)
    np.testing.assert_array_equal(to_numpy(ours.transform(backend.asarray(y))), ref.transform(y))
    np.testing.assert_array_equal(
        to_numpy(ours.inverse_transform(backend.asarray(np.array([0, 2])))),
        ref.inverse_transform([0, 2]),
    )
    names = np.array(["dog", "cat", "dog"])
    np.testing.assert_array_equal(
        LabelEncoder().fit_transform(names), sk.LabelEncoder().fit_transform(names)
    )
    with pytest.raises(ValueError, match="previously unseen labels"):
        LabelEncoder().fit(names).transform(np.array(["eel"]))


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"degree": 3},
        {"interaction_only": True},
        {"include_bias": False},
        {"degree": (2, 3)},
        {"degree": (0, 2), "include_bias": False},
    ],
)
def test_polynomial_matches_sklearn(backend, rng, kw, to_numpy):
    X = rng.standard_normal((30, 3))
    ours = PolynomialFeatures(**kw).fit(backend.asarray(X))
    ref = sk.PolynomialFeatures(**kw).fit(X)
    np.testing.assert_allclose(
        to_numpy(ours.transform(backend.asarray(X))), ref.transform(X), rtol=1e-12
    )
    np.testing.assert_array_equal(ours.powers_, ref.powers_)
    np.testing.assert_array_equal(ours.get_feature_names_out(), ref.get_feature_names_out())
    assert ours.n_output_features_ == ref.n_output_features_


def test_encoders_on_1e5_rows(rng):
    X = rng.integers(0, 50, (100_000, 3)).astype(float)
    np.testing.assert_array_equal(
        OneHotEncoder().fit_transform(X), sk.OneHotEncoder(sparse_output=False).fit_transform(X)
    )
    np.testing.assert_array_equal(
        OrdinalEncoder().fit_transform(X), sk.OrdinalEncoder().fit_transform(X)
    )
