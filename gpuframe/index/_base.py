"""Row labels: a column-backed :class:`Index` and the shared index interface."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd

from .._interop import SeriesInteropMixin
from ..backend import asarray, namespace_for, to_host
from ..column import Column, as_column, concat_columns

__all__ = ["BaseIndex", "Index", "as_index"]


class BaseIndex(SeriesInteropMixin):
    """What every index offers: length, names, selection and pandas conversion."""

    _names: list[Any]

    def __len__(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def names(self) -> list[Any]:
        """The name of each level (settable, one name per level, as pandas)."""
        return self._names

    @names.setter
    def names(self, value: Any) -> None:
        if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
            raise TypeError(f"Index.names: expected a list of names; received {value!r}")
        names = list(value)
        current = self.__dict__.get("_names")
        if current is not None and len(names) != len(current):
            raise ValueError(
                f"Index.names: expected {len(current)} names (one per level); "
                f"received {len(names)}: {names!r}"
            )
        self._names = names

    @property
    def name(self) -> Any:
        return self.names[0] if len(self.names) == 1 else None

    @name.setter
    def name(self, value: Any) -> None:
        if self.nlevels != 1:
            raise ValueError(
                f"Index.name: a MultiIndex of {self.nlevels} levels takes `names`; "
                f"received name={value!r}"
            )
        self.names = [value]

    def _view(self) -> BaseIndex:
        """A new index object sharing this one's columns (its own names, as pandas' views)."""
        out = copy.copy(self)
        out._names = list(self._names)
        return out

    @property
    def nlevels(self) -> int:
        return len(self.names)

    @property
    def size(self) -> int:
        return len(self)

    @property
    def shape(self) -> tuple[int]:
        return (len(self),)

    def _columns(self) -> list[Column]:  # pragma: no cover - abstract
        raise NotImplementedError

    def take(self, indices: Any) -> BaseIndex:  # pragma: no cover - abstract
        raise NotImplementedError

    def slice(self, start: int | None, stop: int | None, step: int = 1) -> BaseIndex:
        n = len(self)
        idx = np.arange(n)[slice(start, stop, step)]
        return self.take(idx)

    def filter(self, mask: Any) -> BaseIndex:
        xp = namespace_for(self.device)
        m = asarray(mask.data if isinstance(mask, Column) else mask, device=self.device)
        cols = [c.filter(m) for c in self._columns()]
        if len(cols) == 1:
            return Index(cols[0], name=self.name)
        from ._multi import MultiIndex

        return MultiIndex(cols, names=self.names) if cols else self.take(xp.nonzero(m)[0])

    @property
    def device(self) -> Any:
        cols = self._columns()
        from ..backend import current_device

        return cols[0].device if cols else current_device()

    def to_pandas(self) -> pd.Index:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_numpy(self) -> np.ndarray:
        return self.to_pandas().to_numpy()

    @property
    def values(self) -> np.ndarray:
        return self.to_numpy()

    def tolist(self) -> list[Any]:
        return self.to_pandas().tolist()

    def equals(self, other: Any) -> bool:
        if self is other:
            return True
        if not isinstance(other, BaseIndex) or len(self) != len(other):
            return False
        if self.nlevels != other.nlevels:
            return False
        return all(a is b or a.equals(b) for a, b in zip(self._columns(), other._columns()))

    def get_indexer(self, labels: Any) -> np.ndarray:
        """Positions of ``labels`` (-1 where absent), computed on the host by pandas."""
        return self.to_pandas().get_indexer(labels)

    def get_loc(self, label: Any) -> Any:
        """Position(s) of ``label``: an int when it occurs once, else a bool mask."""
        return self.to_pandas().get_loc(label)

    def __iter__(self):
        return iter(self.to_pandas())

    def __repr__(self) -> str:
        return repr(self.to_pandas()).replace("Index(", "Index(", 1)

    def _repr_html_(self) -> str:
        return repr(self)

    def rename(self, name: Any) -> BaseIndex:  # pragma: no cover - abstract
        raise NotImplementedError

    def append(self, other: BaseIndex) -> BaseIndex:
        if self.nlevels != other.nlevels:
            raise ValueError("append: indexes must have the same number of levels")
        cols = [concat_columns([a, b]) for a, b in zip(self._columns(), other._columns())]
        names = self.names if self.names == other.names else [None] * self.nlevels
        from ._multi import MultiIndex

        if self.nlevels == 1:
            return Index(cols[0], name=names[0])
        return MultiIndex(cols, names=names)

    @property
    def dtype(self) -> Any:
        cols = self._columns()
        return cols[0].dtype if len(cols) == 1 else np.dtype(object)

    @property
    def is_unique(self) -> bool:
        return bool(self.to_pandas().is_unique)

    def astype(self, dtype: Any, copy: bool = True) -> BaseIndex:
        """The labels cast to ``dtype`` (a RangeIndex becomes an :class:`Index`, as pandas).

        Examples
        --------
        >>> Index([1, 2], name="k").astype("float64").to_pandas()
        Index([1.0, 2.0], dtype='float64', name='k')
        """
        if self.nlevels != 1:
            raise TypeError(f"astype: a MultiIndex cannot be cast to {dtype!r}")
        return Index(self._columns()[0].astype(dtype), name=self.name)

    def isna(self) -> np.ndarray:
        """A host bool array, True where a label is missing (pandas returns a NumPy array)."""
        if self.nlevels != 1:
            raise NotImplementedError("isna is not defined for a MultiIndex")
        return to_host(self._columns()[0].null_array())

    isnull = isna

    def notna(self) -> np.ndarray:
        """A host bool array, True where a label is present."""
        return ~self.isna()

    notnull = notna

    def to_frame(self, index: bool = True, name: Any = None) -> Any:
        """A DataFrame with one column per level (named by ``name``, else the level names).

        Examples
        --------
        >>> Index(["a", "b"], name="k").to_frame(index=False).to_pandas()
           k
        0  a
        1  b
        """
        from ..dataframe import DataFrame
        from ._range import RangeIndex

        cols = self._columns()
        if name is None:
            labels = [n if n is not None else i for i, n in enumerate(self.names)]
        else:
            labels = [name] if self.nlevels == 1 and not isinstance(name, list) else list(name)
            if len(labels) != len(cols):
                raise ValueError(
                    f"to_frame: `name` must give {len(cols)} labels; received {name!r}"
                )
        return DataFrame._from_columns(
            dict(zip(labels, cols)), self._view() if index else RangeIndex(len(self))
        )

    @property
    def memory_usage_bytes(self) -> int:
        return sum(c.nbytes for c in self._columns())


class Index(BaseIndex):
    """Row labels held in a :class:`~gpuframe.column.Column`.

    Examples
    --------
    >>> idx = Index(["a", "b"], name="key")
    >>> idx.to_pandas()
    Index(['a', 'b'], dtype='str', name='key')
    """

    def __init__(
        self, data: Any, *, name: Any = None, dtype: Any = None, device: Any = None
    ) -> None:
        if isinstance(data, pd.MultiIndex):
            raise TypeError("Index: use MultiIndex.from_pandas for a pandas MultiIndex")
        if isinstance(data, pd.Index) and name is None:
            name = data.name
        self._column = (
            data if isinstance(data, Column) else as_column(data, dtype=dtype, device=device)
        )
        if dtype is not None and isinstance(data, Column):
            self._column = self._column.astype(dtype)
        self.names = [name]

    @property
    def column(self) -> Column:
        return self._column

    def _columns(self) -> list[Column]:
        return [self._column]

    def __len__(self) -> int:
        return len(self._column)

    def take(self, indices: Any) -> Index:
        return Index(self._column.take(indices), name=self.name)

    def slice(self, start: int | None, stop: int | None, step: int = 1) -> Index:
        return Index(self._column.slice(start, stop, step), name=self.name)

    def rename(self, name: Any) -> Index:
        return Index(self._column, name=name)

    def to_pandas(self) -> pd.Index:
        return pd.Index(self._column.to_pandas(), name=self.name, copy=False)

    def get_loc(self, label: Any) -> Any:
        col = self._column
        if col.is_encoded or isinstance(label, (list, tuple)):
            return super().get_loc(label)
        hit = col.data == asarray(np.asarray(label, dtype=col.dtype), device=col.device)
        if col.mask is not None:
            hit = hit & col.mask
        pos = to_host(col.xp.nonzero(hit)[0])
        if pos.size == 0:
            raise KeyError(label)
        return int(pos[0]) if pos.size == 1 else to_host(hit)


def as_index(obj: Any, *, name: Any = None, device: Any = None) -> BaseIndex:
    """An index from a gpuframe index, a pandas Index, a column or array-like; new labels
    go to ``device`` (default: the current device)."""
    from ._multi import MultiIndex
    from ._range import RangeIndex

    if isinstance(obj, BaseIndex):
        return obj if name is None else obj.rename(name)
    if isinstance(obj, pd.RangeIndex):
        return RangeIndex(obj.start, obj.stop, obj.step, name=obj.name if name is None else name)
    if isinstance(obj, pd.MultiIndex):
        return MultiIndex.from_pandas(obj, device=device)
    if isinstance(obj, pd.Index):
        return Index(obj, name=obj.name if name is None else name, device=device)
    if isinstance(obj, range):
        return RangeIndex(obj.start, obj.stop, obj.step, name=name)
    from ..series import Series

    if isinstance(obj, Series):
        return Index(obj._column, name=obj.name if name is None else name)
    return Index(obj, name=name, device=device)
