"""Matrix decompositions: principal component analysis and truncated SVD."""

from __future__ import annotations

from ._pca import PCA
from ._truncated_svd import TruncatedSVD

__all__ = [
    "PCA",
    "TruncatedSVD",
]
