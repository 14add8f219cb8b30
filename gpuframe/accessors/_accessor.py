"""The descriptor that attaches ``.str``/``.dt`` to Series, and the owner <-> Column glue.

An accessor works over one :class:`~gpuframe.column.Column`. Its owner is either a Column
(results are Columns) or a Series-like object that holds one (results are Series with the
owner's index and name), so the same methods serve the column layer and the public API.
"""

from __future__ import annotations

from typing import Any

from ..column import Column

__all__ = ["CachedAccessor", "column_of", "wrap_column", "wrap_columns"]


class CachedAccessor:
    """A class attribute that builds ``accessor(owner)`` on access (``Series.str``).

    Examples
    --------
    >>> class Holder:
    ...     def __init__(self, col):
    ...         self._column = col
    ...     str = CachedAccessor("str", StringMethodsStub)
    >>> Holder("abc").str.owner
    'abc'
    """

    def __init__(self, name: str, accessor: type) -> None:
        self._name = name
        self._accessor = accessor

    def __get__(self, obj: Any, cls: type | None = None) -> Any:
        if obj is None:
            return self._accessor
        return self._accessor(obj)


class StringMethodsStub:
    """Stand-in used by the docstring example above."""

    def __init__(self, owner: Any) -> None:
        self.owner = owner._column


def column_of(owner: Any) -> Column:
    """The Column behind ``owner`` (a Column, or a Series-like holding one)."""
    if isinstance(owner, Column):
        return owner
    for attr in ("_column", "column", "_col"):
        col = getattr(owner, attr, None)
        if isinstance(col, Column):
            return col
    raise TypeError(f"expected a gpuframe Series or Column; received {type(owner).__name__}")


def wrap_column(owner: Any, col: Column, *, name: Any = ...) -> Any:
    """``col`` shaped like ``owner``: a Column, or a Series with the owner's index and name."""
    if isinstance(owner, Column):
        return col
    from_column = getattr(type(owner), "_from_column", None)
    new_name = owner.name if name is ... else name
    if from_column is not None:
        return from_column(col, index=owner.index, name=new_name)
    return type(owner)(col, index=owner.index, name=new_name)


def wrap_columns(owner: Any, columns: dict[Any, Column]) -> Any:
    """Several result columns: a dict of Columns for a Column owner, else a DataFrame."""
    if isinstance(owner, Column):
        return columns
    from .. import DataFrame  # type: ignore[attr-defined]

    from_columns = getattr(DataFrame, "_from_columns", None)
    if from_columns is not None:
        return from_columns(columns, index=owner.index)
    return DataFrame(columns, index=owner.index)
