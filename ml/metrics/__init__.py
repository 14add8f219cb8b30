"""Metrics: classification, regression, ranking and clustering scores (scikit-learn names).

Inputs may be NumPy, CuPy or any Array API arrays (and gpuframe series); the work stays
on their device and scores come back as Python floats (arrays for per-class results).
"""

from __future__ import annotations

# Classification
from ._classification import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    fbeta_score,
    log_loss,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)

# Clustering
from ._cluster import adjusted_rand_score, silhouette_samples, silhouette_score

# Ranking
from ._ranking import roc_auc_score

# Regression
from ._regression import mean_absolute_error, mean_squared_error, r2_score

__all__ = [
    # Classification
    "accuracy_score",
    "confusion_matrix",
    "f1_score",
    "fbeta_score",
    "log_loss",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
    # Clustering
    "adjusted_rand_score",
    "silhouette_samples",
    "silhouette_score",
    # Ranking
    "roc_auc_score",
    # Regression
    "mean_absolute_error",
    "mean_squared_error",
    "r2_score",
]
