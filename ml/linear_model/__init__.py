"""Linear models: least squares, ridge, lasso / elastic net, logistic regression."""

from __future__ import annotations

# Least squares
from ._linear import LinearRegression, Ridge

# Classification
from ._logistic import LogisticRegression

__all__ = [
    # Least squares
    "LinearRegression",
    "Ridge",
    # Classification
    "LogisticRegression",
]
