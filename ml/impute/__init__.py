"""Imputation of missing values (scikit-learn compatible)."""

from __future__ import annotations

from ._simple import SimpleImputer

__all__ = ["SimpleImputer"]
