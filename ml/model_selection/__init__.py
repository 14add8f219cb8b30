"""Model selection: splitting and cross-validation (scikit-learn compatible).

scikit-learn's ``GridSearchCV`` and ``Pipeline`` work with ``ml`` estimators as they are;
the splitters here can be passed to them as ``cv``.
"""

from __future__ import annotations

# Cross-validation
from ._cross import check_cv, cross_val_score, get_scorer

# Splitting
from ._split import KFold, StratifiedKFold, train_test_split

__all__ = [
    # Cross-validation
    "check_cv",
    "cross_val_score",
    "get_scorer",
    # Splitting
    "KFold",
    "StratifiedKFold",
    "train_test_split",
]
