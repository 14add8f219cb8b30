"""A :class:`MultiIndex`: several label columns, one per level."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..column import Column, as_column
from ._base import BaseIndex

__all__ = ["MultiIndex"]


class MultiIndex(BaseIndex):
    """Row labels made of several levels, each a :class:`~gpuframe.column.Column`.

    Examples
    --------
    >>> mi = MultiIndex([as_column([1, 1]), as_column(["a", "b"])], names=["k", "s"])
    >>> mi.to_pandas().tolist()
    [(1, 'a'), (1, 'b')]
    """

    def __init__(self, levels: list[Column], *, names: list[Any] | None = None) -> None:
        if not levels:
            raise ValueError("MultiIndex: `levels` must hold at least one column")
        n = len(levels[0])
        cols = [c if isinstance(c, Column) else as_column(c) for c in levels]
        for i, c in enumerate(cols):
            if len(c) != n:
                raise ValueError(f"MultiIndex: level {i} has length {len(c)}, level 0 has {n}")
        self._levels = cols
        names = list(names) if names is not None else [None] * len(cols)
        if len(names) != len(cols):
            raise ValueError(f"MultiIndex: {len(names)} names for {len(cols)} levels")
        self.names = names

    @classmethod
    def from_pandas(cls, mi: pd.MultiIndex) -> MultiIndex:
        cols = [as_column(mi.get_level_values(i)) for i in range(mi.nlevels)]
        return cls(cols, names=list(mi.names))

    @classmethod
    def from_arrays(cls, arrays: list[Any], *, names: list[Any] | None = None) -> MultiIndex:
        return cls([as_column(a) for a in arrays], names=names)

    def _columns(self) -> list[Column]:
        return self._levels

    def __len__(self) -> int:
        return len(self._levels[0])

    def take(self, indices: Any) -> MultiIndex:
        return MultiIndex([c.take(indices) for c in self._levels], names=self.names)

    def slice(self, start: int | None, stop: int | None, step: int = 1) -> MultiIndex:
        return MultiIndex([c.slice(start, stop, step) for c in self._levels], names=self.names)

    def rename(self, name: Any) -> MultiIndex:
        names = list(name) if isinstance(name, (list, tuple)) else [name] * self.nlevels
        return MultiIndex(self._levels, names=names)

    def get_level_values(self, level: int | Any) -> Any:
        from ._base import Index

        i = level if isinstance(level, int) else self.names.index(level)
        return Index(self._levels[i], name=self.names[i])

    def to_pandas(self) -> pd.MultiIndex:
        arrays = [c.to_pandas() for c in self._levels]
        return pd.MultiIndex.from_arrays(arrays, names=self.names)
