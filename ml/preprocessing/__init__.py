"""Preprocessing: scalers, encoders and feature generators (scikit-learn compatible).

Results follow X: NumPy in, NumPy out; CuPy in, CuPy out; a gpuframe frame in, a frame out.
"""

from __future__ import annotations

# Scalers
from ._data import MinMaxScaler, Normalizer, RobustScaler, StandardScaler

# Encoders
from ._encoders import LabelEncoder, OneHotEncoder, OrdinalEncoder

# Feature generation
from ._polynomial import PolynomialFeatures

__all__ = [
    # Scalers
    "MinMaxScaler",
    "Normalizer",
    "RobustScaler",
    "StandardScaler",
    # Encoders
    "LabelEncoder",
    "OneHotEncoder",
    "OrdinalEncoder",
    # Feature generation
    "PolynomialFeatures",
]
