"""Row labels: :class:`RangeIndex`, column-backed :class:`Index` and :class:`MultiIndex`."""

from __future__ import annotations

from ._base import BaseIndex, Index, as_index
from ._multi import MultiIndex
from ._range import RangeIndex

__all__ = ["BaseIndex", "Index", "MultiIndex", "RangeIndex", "as_index"]
