"""Clustering: k-means and density-based clustering (DBSCAN)."""

from __future__ import annotations

from ._dbscan import DBSCAN
from ._kmeans import KMeans

__all__ = [
    "DBSCAN",
    "KMeans",
]
