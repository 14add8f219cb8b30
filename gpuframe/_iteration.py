"""Iteration over rows and values: ``itertuples``, ``iterrows``, ``Series.items``/``keys``.

Iteration hands Python objects to Python code, so it runs on the host; the values are
copied there in blocks of :data:`CHUNK_ROWS` rows (one transfer per block), so a large
frame is never copied whole and a loop that stops early copies little.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

__all__ = ["CHUNK_ROWS", "FrameIterationMixin", "SeriesIterationMixin"]

CHUNK_ROWS = 1 << 16


def _blocks(obj: Any) -> Iterator[Any]:
    """``obj`` as pandas objects of at most :data:`CHUNK_ROWS` rows each."""
    n = len(obj)
    for start in range(0, n, CHUNK_ROWS):
        yield obj._slice(start, min(start + CHUNK_ROWS, n)).to_pandas()


class SeriesIterationMixin:
    """``items`` and ``keys`` of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def items(self) -> Iterator[tuple[Any, Any]]:
        """``(label, value)`` pairs, as pandas' ``Series.items`` (host values).

        Examples
        --------
        >>> import gpuframe as gf
        >>> list(gf.Series([10, 20], index=["a", "b"]).items())
        [('a', 10), ('b', 20)]
        """
        for block in _blocks(self):
            yield from block.items()

    def keys(self) -> Any:
        """The index (pandas' ``Series.keys``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> list(gf.Series([10, 20], index=["a", "b"]).keys().to_pandas())
        ['a', 'b']
        """
        return self.index


class FrameIterationMixin:
    """``itertuples`` and ``iterrows`` of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def itertuples(self, index: bool = True, name: str | None = "Pandas") -> Iterator[Any]:
        """The rows as named tuples (plain tuples when ``name`` is None), as pandas.

        Examples
        --------
        >>> import gpuframe as gf
        >>> [tuple(r) for r in gf.DataFrame({"a": [1, 2], "b": ["x", "y"]}).itertuples()]
        [(0, 1, 'x'), (1, 2, 'y')]
        """
        if name is not None and not isinstance(name, str):
            raise TypeError(f"itertuples: `name` must be a str or None; received {name!r}")
        for block in _blocks(self):
            yield from block.itertuples(index=index, name=name)

    def iterrows(self) -> Iterator[tuple[Any, Any]]:
        """``(label, row)`` pairs, each row a host pandas Series (as pandas' ``iterrows``:
        the values of a row share one dtype, so ints in a float row become floats).

        Examples
        --------
        >>> import gpuframe as gf
        >>> [(i, r["a"]) for i, r in gf.DataFrame({"a": [1, 2]}).iterrows()]
        [(0, np.int64(1)), (1, np.int64(2))]
        """
        for block in _blocks(self):
            yield from block.iterrows()
