"""The gpuframe classes the Dask dispatch functions are registered for."""

from __future__ import annotations

from typing import Any

__all__ = ["frame_types", "index_types", "series_types"]


def frame_types() -> tuple[type[Any], ...]:
    """gpuframe's DataFrame and Series (the objects a partition can be)."""
    from gpuframe import DataFrame, Series

    return (DataFrame, Series)


def series_types() -> tuple[type[Any], ...]:
    from gpuframe import Series

    return (Series,)


def index_types() -> tuple[type[Any], ...]:
    """Every gpuframe index class (RangeIndex, Index and MultiIndex share ``BaseIndex``)."""
    from gpuframe.index import BaseIndex

    return (BaseIndex,)
