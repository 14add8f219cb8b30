"""Nearest neighbours: exact search, classification and regression (tiled brute force)."""

from __future__ import annotations

from ._classification import KNeighborsClassifier
from ._regression import KNeighborsRegressor
from ._unsupervised import NearestNeighbors

__all__ = [
    "KNeighborsClassifier",
    "KNeighborsRegressor",
    "NearestNeighbors",
]
