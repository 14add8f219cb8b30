"""Linear models: least squares, ridge, lasso / elastic net, logistic regression."""

from __future__ import annotations

# Sparse (L1 / elastic net)
from ._coordinate import ElasticNet, Lasso

# Least squares
from ._linear import LinearRegression, Ridge

# Classification
from ._logistic import LogisticRegression

__all__ = [
    # Least squares
    "LinearRegression",
    "Ridge",
    # Sparse (L1 / elastic net)
    "ElasticNet",
    "Lasso",
    # Classification
    "LogisticRegression",
]
