"""Label management for DataFrame: columns (assign, insert, pop, drop, rename, reindex,
select_dtypes) and the row index (set_index, reset_index)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import dtypes as _dt
from .column import Column, column_full
from .index import BaseIndex, Index, MultiIndex, RangeIndex, as_index

if TYPE_CHECKING:
    from .dataframe import DataFrame
    from .series import Series

__all__ = ["LabelsMixin"]


class LabelsMixin:
    """Needs ``_cols``, ``_index``, ``_labels``, ``_filter``, ``_inplace``, ``_from_columns``."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide
        _cols: dict[Any, Column]
        _index: BaseIndex
        _from_columns: Any

        def __getattr__(self, name: str) -> Any: ...

    def assign(self, **kwargs: Any) -> DataFrame:
        """A new frame with extra or replaced columns (callables receive the frame)."""
        out = self.copy(deep=False)
        for k, v in kwargs.items():
            out[k] = v(out) if callable(v) else v
        return out

    def insert(self, loc: int, column: Any, value: Any, allow_duplicates: bool = False) -> None:
        if column in self._cols and not allow_duplicates:
            raise ValueError(f"insert: cannot insert {column!r}, already exists")
        if not 0 <= loc <= len(self._cols):
            raise IndexError(f"insert: `loc` must be in [0, {len(self._cols)}]; received {loc}")
        col = self._as_new_column(value, column)
        items = list(self._cols.items())
        items.insert(loc, (column, col))
        self._cols = dict(items)
        self._block = None

    def pop(self, item: Any) -> Series:
        out = self._column_series(item)
        del self[item]
        return out

    def drop(
        self,
        labels: Any = None,
        *,
        axis: Any = 0,
        index: Any = None,
        columns: Any = None,
        errors: str = "raise",
        inplace: bool = False,
    ) -> DataFrame | None:
        """Columns (``columns=`` or ``axis=1``) or rows (``index=``) removed by label."""
        if labels is not None:
            if axis in (1, "columns"):
                columns = labels
            else:
                index = labels
        out: Any = self
        if columns is not None:
            cols = [columns] if not isinstance(columns, (list, tuple, pd.Index)) else list(columns)
            if errors == "raise":
                self._labels(cols)
            out = type(self)._from_columns(
                {k: c for k, c in out._cols.items() if k not in cols}, out._index
            )
        if index is not None:
            labels_ = [index] if not isinstance(index, (list, tuple, pd.Index)) else list(index)
            pos = np.asarray(out._index.get_indexer(labels_))
            if errors == "raise" and (pos < 0).any():
                missing = [lab for lab, p in zip(labels_, pos) if p < 0]
                raise KeyError(f"labels {missing} not found in the index")
            keep = np.ones(len(out), dtype=bool)
            keep[pos[pos >= 0]] = False
            out = out._filter(keep)
        if inplace:
            self._inplace(out)
            return None
        return out

    def rename(
        self,
        mapper: Any = None,
        *,
        columns: Any = None,
        index: Any = None,
        errors: str = "ignore",
        inplace: bool = False,
    ) -> DataFrame | None:
        """Column labels renamed by a dict or a function (``index=`` renames row labels)."""
        columns = mapper if columns is None else columns
        out: Any = self
        if columns is not None:
            if errors == "raise" and isinstance(columns, dict):
                self._labels(list(columns))
            fn = columns if callable(columns) else (lambda k: columns.get(k, k))
            out = type(self)._from_columns({fn(k): c for k, c in self._cols.items()}, self._index)
        if index is not None:
            out = type(self)._from_columns(
                out._cols,
                as_index(
                    out._index.to_pandas().map(
                        index if callable(index) else lambda k: index.get(k, k)
                    )
                ),
            )
        if inplace:
            self._inplace(out)
            return None
        return out

    def _reindex_columns(self, columns: Any, fill_value: Any) -> DataFrame:
        n = len(self)
        cols = {
            k: self._cols[k] if k in self._cols else column_full(n, fill_value, device=self.device)
            for k in columns
        }
        return type(self)._from_columns(cols, self._index)

    def set_index(
        self, keys: Any, *, drop: bool = True, append: bool = False, inplace: bool = False
    ) -> DataFrame | None:
        """Columns ``keys`` become the index (several keys give a MultiIndex)."""
        labels = self._labels(keys)
        levels = [self._cols[k] for k in labels]
        names: list[Any] = list(labels)
        if append:
            levels = self._index._columns() + levels
            names = list(self._index.names) + names
        idx: BaseIndex = (
            Index(levels[0], name=names[0]) if len(levels) == 1 else MultiIndex(levels, names=names)
        )
        cols = {k: c for k, c in self._cols.items() if not (drop and k in labels)}
        out = type(self)._from_columns(cols, idx)
        if inplace:
            self._inplace(out)
            return None
        return out

    def reset_index(
        self, level: Any = None, *, drop: bool = False, inplace: bool = False
    ) -> DataFrame | None:
        """The index becomes a column (``index`` or its names) and a RangeIndex replaces it."""
        if level is not None:
            raise NotImplementedError("reset_index: `level` is not supported")
        new_cols: dict[Any, Column] = {}
        if not drop:
            idx = self._index
            names = list(idx.names)
            if idx.nlevels == 1:
                names = ["index" if names[0] is None else names[0]]
                if names[0] in self._cols:
                    names = ["level_0"]
            else:
                names = [f"level_{i}" if n is None else n for i, n in enumerate(names)]
            for name, col in zip(names, idx._columns()):
                if name in self._cols:
                    raise ValueError(f"reset_index: cannot insert {name!r}, already exists")
                new_cols[name] = col
        new_cols.update(self._cols)
        out = type(self)._from_columns(new_cols, RangeIndex(len(self)))
        if inplace:
            self._inplace(out)
            return None
        return out

    def select_dtypes(self, include: Any = None, exclude: Any = None) -> DataFrame:
        def kind(c: Column) -> str:
            return (
                "number" if _dt.is_numeric(c.dtype) and not _dt.is_bool(c.dtype) else str(c.dtype)
            )

        inc = [include] if isinstance(include, str) else include
        exc = [exclude] if isinstance(exclude, str) else exclude
        keep = [
            k
            for k, c in self._cols.items()
            if (inc is None or kind(c) in inc or str(c.dtype) in inc)
            and not (exc and (kind(c) in exc or str(c.dtype) in exc))
        ]
        return self._select_columns(keep)
