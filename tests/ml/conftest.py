"""Shared helpers for the ml tests: data on a backend and back to NumPy for comparisons."""

from __future__ import annotations

import numpy as np
import pytest


def to_numpy(a):
    """Any array (NumPy, array-api-strict, CuPy) or frame as a NumPy array."""
    if hasattr(a, "to_numpy"):
        return np.asarray(a.to_numpy())
    if hasattr(a, "get") and not isinstance(a, np.ndarray):
        return a.get()
    return np.asarray(a)


@pytest.fixture
def regression_data(rng):
    X = rng.standard_normal((200, 6)) * np.array([1.0, 2.0, 0.5, 3.0, 1.0, 10.0]) + 5.0
    coef = rng.standard_normal(6)
    y = X @ coef + 2.0 + 0.1 * rng.standard_normal(200)
    return X, y


@pytest.fixture
def classification_data(rng):
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=300, n_features=8, n_informative=5, n_classes=3, random_state=0
    )
    return X, y


@pytest.fixture(name="to_numpy")
def _to_numpy_fixture():
    """The :func:`to_numpy` helper, as a fixture (test modules are not a package)."""
    return to_numpy
