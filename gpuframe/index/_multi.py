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
    def from_pandas(cls, mi: pd.MultiIndex, *, device: Any = None) -> MultiIndex:
        cols = [as_column(mi.get_level_values(i), device=device) for i in range(mi.nlevels)]
        return cls(cols, names=list(mi.names))

    @classmethod
    def from_arrays(cls, arrays: list[Any], *, names: list[Any] | None = None) -> MultiIndex:
        """A MultiIndex with one level per array (all of one length).

        Examples
        --------
        >>> MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", "n"]).names
        ['k', 'n']
        """
        return cls([as_column(a) for a in arrays], names=names)

    @classmethod
    def from_tuples(cls, tuples: Any, *, names: list[Any] | None = None) -> MultiIndex:
        """A MultiIndex from a list of equally long tuples (one per label).

        Examples
        --------
        >>> MultiIndex.from_tuples([("a", 1), ("b", 2)]).tolist()
        [('a', 1), ('b', 2)]
        """
        tuples = list(tuples)
        if not tuples:
            raise TypeError("MultiIndex.from_tuples: cannot infer the number of levels from []")
        return cls.from_pandas(pd.MultiIndex.from_tuples(tuples, names=names))

    @classmethod
    def from_product(cls, iterables: Any, *, names: list[Any] | None = None) -> MultiIndex:
        """Every combination of the values of ``iterables``, the last one varying fastest.

        Built on the device: each level's values are repeated and tiled (no host loop).

        Examples
        --------
        >>> MultiIndex.from_product([["a", "b"], [1, 2]]).tolist()
        [('a', 1), ('a', 2), ('b', 1), ('b', 2)]
        """
        levels = [
            as_column(pd.Index(list(v)) if not isinstance(v, Column) else v) for v in iterables
        ]
        if not levels:
            raise ValueError("MultiIndex.from_product: `iterables` must hold at least one level")
        sizes = [len(lv) for lv in levels]
        total = 1
        for n in sizes:
            total *= n
        xp = levels[0].xp
        cols = []
        stride = total
        for lv, n in zip(levels, sizes):
            stride = stride // n if n else 0
            pos = (
                (xp.arange(total, dtype=xp.int64) // stride) % n
                if total
                else xp.zeros(0, dtype=xp.int64)
            )
            cols.append(lv.take(pos))
        return cls(cols, names=names)

    @classmethod
    def from_frame(cls, df: Any, *, names: list[Any] | None = None) -> MultiIndex:
        """A MultiIndex whose levels are the columns of ``df`` (named after them).

        Examples
        --------
        >>> import gpuframe as gf
        >>> MultiIndex.from_frame(gf.DataFrame({"a": [1], "b": ["x"]})).names
        ['a', 'b']
        """
        if isinstance(df, pd.DataFrame):
            from ..dataframe import DataFrame

            df = DataFrame(df)
        return cls(list(df._cols.values()), names=list(df._cols) if names is None else names)

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

    def _position(self, level: Any) -> int:
        from .._levels import level_position

        return level_position(list(self.names), level, "MultiIndex")

    def get_level_values(self, level: int | Any) -> Any:
        """The labels of one level (a name or a position), as an :class:`Index`.

        Examples
        --------
        >>> mi = MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", "n"])
        >>> mi.get_level_values("n").tolist()
        [1, 2]
        """
        from ._base import Index

        i = self._position(level)
        return Index(self._levels[i], name=self.names[i])

    def _select(self, order: list[int]) -> Any:
        from ._base import Index

        if len(order) == 1:
            return Index(self._levels[order[0]], name=self.names[order[0]])
        return MultiIndex([self._levels[i] for i in order], names=[self.names[i] for i in order])

    def droplevel(self, level: Any = 0) -> Any:
        """This index without the level(s) ``level`` (an Index when one level is left).

        Examples
        --------
        >>> mi = MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", "n"])
        >>> mi.droplevel("k").tolist()
        [1, 2]
        """
        drop = {
            self._position(lv) for lv in (level if isinstance(level, (list, tuple)) else [level])
        }
        if len(drop) >= self.nlevels:
            raise ValueError(
                f"Cannot remove {len(drop)} levels from an index with {self.nlevels} levels: "
                "at least one level must be left."
            )
        return self._select([i for i in range(self.nlevels) if i not in drop])

    def swaplevel(self, i: Any = -2, j: Any = -1) -> MultiIndex:
        """This index with levels ``i`` and ``j`` exchanged.

        Examples
        --------
        >>> MultiIndex.from_arrays([["a"], [1]], names=["k", "n"]).swaplevel().names
        ['n', 'k']
        """
        a, b = self._position(i), self._position(j)
        order = list(range(self.nlevels))
        order[a], order[b] = order[b], order[a]
        return MultiIndex([self._levels[k] for k in order], names=[self.names[k] for k in order])

    def reorder_levels(self, order: Any) -> MultiIndex:
        """This index with its levels in ``order`` (names or positions, every level).

        Examples
        --------
        >>> MultiIndex.from_arrays([["a"], [1]], names=["k", "n"]).reorder_levels([1, 0]).names
        ['n', 'k']
        """
        order = list(order)
        if len(order) != self.nlevels:
            raise ValueError(
                f"reorder_levels: length of `order` must be the number of levels "
                f"({self.nlevels}); received {order!r}"
            )
        pos = [self._position(lv) for lv in order]
        return MultiIndex([self._levels[k] for k in pos], names=[self.names[k] for k in pos])

    def set_names(self, names: Any, *, level: Any = None) -> MultiIndex:
        """A view with new level names (all of them, or those of ``level``).

        Examples
        --------
        >>> mi = MultiIndex.from_arrays([["a"], [1]], names=["k", "n"])
        >>> mi.set_names("K", level=0).names
        ['K', 'n']
        """
        new = list(self.names)
        if level is None:
            if isinstance(names, dict):
                new = [names.get(n, n) for n in new]
            else:
                if isinstance(names, str) or not hasattr(names, "__iter__"):
                    raise TypeError(f"set_names: expected a list of names; received {names!r}")
                new = list(names)
        else:
            levels = level if isinstance(level, (list, tuple)) else [level]
            values = names if isinstance(level, (list, tuple)) else [names]
            if len(values) != len(levels):
                raise ValueError(
                    f"set_names: {len(values)} names for {len(levels)} levels ({level!r})"
                )
            for lv, nm in zip(levels, values):
                new[self._position(lv)] = nm
        return MultiIndex(self._levels, names=new)

    @property
    def levels(self) -> list[pd.Index]:
        """The sorted distinct labels of each level (host pandas indexes, as pandas)."""
        return list(self.to_pandas().remove_unused_levels().levels)

    def to_flat_index(self) -> pd.Index:
        """The labels as one index of tuples (a host pandas Index, as pandas)."""
        return self.to_pandas().to_flat_index()

    def to_pandas(self) -> pd.MultiIndex:
        arrays = [c.to_pandas() for c in self._levels]
        return pd.MultiIndex.from_arrays(arrays, names=self.names)
