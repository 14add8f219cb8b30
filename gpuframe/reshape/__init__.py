"""Reshaping: ``concat``, ``melt``, ``pivot``, ``pivot_table``, ``stack``/``unstack``,
``crosstab``, ``get_dummies``, ``explode``, ``cut`` and ``qcut``."""

from __future__ import annotations

from ._concat import concat
from ._cut import cut, qcut
from ._pivot import crosstab, explode, get_dummies, melt, pivot, pivot_table, stack, unstack

__all__ = [
    # combining
    "concat",
    # long <-> wide
    "crosstab",
    "get_dummies",
    "melt",
    "pivot",
    "pivot_table",
    "stack",
    "unstack",
    "explode",
    # binning
    "cut",
    "qcut",
]
