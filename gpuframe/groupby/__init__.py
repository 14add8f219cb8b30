"""GroupBy: split rows by keys, aggregate, transform, filter, iterate.

``DataFrame.groupby`` and ``Series.groupby`` build a :class:`DataFrameGroupBy` or
:class:`SeriesGroupBy`. Keys become dense group codes once (:class:`Grouper`); every
aggregation is then a single pass of a backend kernel over those codes.
"""

from __future__ import annotations

from typing import Any

from ._methods import frame_groupby, series_groupby

__all__ = [
    # GroupBy objects
    "DataFrameGroupBy",
    "GroupBy",
    "Grouper",
    "SeriesGroupBy",
    # methods bound on DataFrame / Series
    "frame_groupby",
    "series_groupby",
]


def __getattr__(name: str) -> Any:  # the classes import the frame types: load them lazily
    if name in ("DataFrameGroupBy", "GroupBy", "SeriesGroupBy"):
        from . import _groupby

        return getattr(_groupby, name)
    if name == "Grouper":
        from ._grouper import Grouper

        return Grouper
    raise AttributeError(name)
