"""A :class:`DataFrame`: an ordered mapping label -> Column, with a row index."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import dtypes as _dt
from ._breadth import FrameBreadthMixin
from ._cleaning import CleaningMixin
from ._construction import _from_dict, from_arrow, from_dict, from_pandas
from ._indexing import IndexingMixin
from ._interop import FrameInteropMixin
from ._labels import LabelsMixin
from ._levels import FrameLevelsMixin, column_index
from ._ops import OperatorMixin
from ._repr import frame_html, frame_info, frame_repr
from ._sorting import SortingMixin
from ._stats import FrameStatsMixin
from .backend import array_device, array_namespace, asarray, is_cupy
from .column import Column, _binary, _unique, as_column, column_full, concat_columns
from .frame import Frame, _missing_message, align_indexes
from .index import BaseIndex, Index, RangeIndex, as_index
from .io import FrameIOMixin
from .series import Series

__all__ = ["DataFrame", "from_arrow", "from_dict", "from_pandas"]


class DataFrame(
    FrameLevelsMixin,
    FrameBreadthMixin,
    LabelsMixin,
    FrameInteropMixin,
    FrameIOMixin,
    OperatorMixin,
    FrameStatsMixin,
    SortingMixin,
    CleaningMixin,
    IndexingMixin,
    Frame,
):
    """A table of named columns on the GPU or the CPU, with pandas' API.

    ``data`` may be a dict of array-likes/Series/scalars, a list of dicts, a 2-D NumPy or
    CuPy array (the columns are views of it, and :meth:`to_numpy` hands the same block
    back while the frame is unmodified), a pandas DataFrame or an Arrow table.

    Differences from pandas (each one tested):

    - There is no object dtype. Strings are ``str`` (pandas 3's default string dtype on
      ``to_pandas``; object columns of strings come back as ``str``); ``describe()`` of
      non-numeric columns gives ``str`` values; ``loc`` of one row whose values share no
      dtype returns pandas' row.
    - ``shift``/``reindex``/``where`` on a bool column give a nullable ``boolean`` column
      (pandas: object). ``Series.unique`` returns a Series (as cuDF).
    - Arrow float nulls become NaN (pandas' ``to_pandas`` does the same) and ``to_arrow``
      writes NaN/NaT as nulls.
    - Every sort is stable, whatever ``kind`` says: ties keep their row order, which is
      pandas' ``kind="stable"`` answer (pandas leaves the order of ties of its default
      quicksort unspecified; it differs between NumPy builds).
    - ``Series.map`` takes a dict or Series, not a Python callable.

    Examples
    --------
    >>> df = DataFrame({"a": [1, 2, 3], "b": ["x", None, "y"]})
    >>> df.shape
    (3, 2)
    >>> df[df["a"] > 1]["b"].to_pandas().tolist()
    [nan, 'y']
    """

    def __init__(
        self,
        data: Any = None,
        index: Any = None,
        columns: Any = None,
        dtype: Any = None,
        *,
        device: Any = None,
    ) -> None:
        self._block = None
        idx: BaseIndex | None = (
            None
            if index is None
            else as_index(pd.Index(index) if isinstance(index, list) else index)
        )
        if isinstance(data, DataFrame):
            cols, idx0 = dict(data._cols), data._index
            idx = idx0 if idx is None else idx
            if columns is None and dtype is None:
                self._block = data._block  # the same columns: the same block
        elif isinstance(data, pd.DataFrame):
            other = from_pandas(data, device=device)
            self._colnames = list(data.columns.names)
            cols, idx = other._cols, other._index if idx is None else idx
        elif isinstance(data, (pa.Table, pa.RecordBatch)) or hasattr(data, "__arrow_c_stream__"):
            other = from_arrow(data, device=device)
            cols, idx = other._cols, other._index if idx is None else idx
        elif isinstance(data, dict):
            cols, idx = _from_dict(data, idx, device)
        elif data is None:
            cols = {}
        elif hasattr(data, "ndim") and getattr(data, "ndim", 0) == 2:
            cols = self._from_block(data, columns, device)
            columns = None
        elif hasattr(data, "ndim") and hasattr(data, "shape") and data.ndim != 1:
            raise ValueError(
                f"DataFrame: an array `data` must be 2-dimensional; received shape "
                f"{tuple(data.shape)} ({data.ndim} dimensions)"
            )
        elif isinstance(data, (list, tuple)) and data and all(isinstance(r, dict) for r in data):
            other = from_pandas(pd.DataFrame(list(data)), device=device)
            cols = other._cols
        elif isinstance(data, (list, tuple)):
            other = from_pandas(pd.DataFrame(list(data), columns=columns), device=device)
            cols, columns = other._cols, None
        else:
            raise TypeError(f"DataFrame: cannot build a frame from {type(data).__name__}")
        if columns is not None:
            columns = list(columns)
            if isinstance(data, dict):
                cols = {k: cols[k] if k in cols else None for k in columns}
            elif len(columns) != len(cols):
                raise ValueError(f"DataFrame: {len(columns)} column labels for {len(cols)} columns")
            else:
                cols = dict(zip(columns, cols.values()))
        n = next((len(c) for c in cols.values() if c is not None), None)
        if n is None:
            n = len(idx) if idx is not None else 0
        cols = {
            k: (c if c is not None else column_full(n, None, device=device))
            for k, c in cols.items()
        }
        if idx is None:
            idx = RangeIndex(n)
        if len(idx) != n:
            raise ValueError(f"Length of index ({len(idx)}) does not match length of values ({n})")
        if dtype is not None:
            cols = {k: c.astype(dtype) for k, c in cols.items()}
            self._block = None
        self._cols: dict[Any, Column] = cols
        self._index = idx

    def _from_block(self, block: Any, columns: Any, device: Any) -> dict[Any, Column]:
        if device is not None:
            block = asarray(block, device=device)
        elif not is_cupy(array_namespace(block)) and not isinstance(block, np.ndarray):
            block = np.asarray(block)
        ncols = block.shape[1]
        labels = list(range(ncols)) if columns is None else list(columns)
        if len(labels) != ncols:
            raise ValueError(f"DataFrame: {len(labels)} column labels for {ncols} columns")
        if len(set(labels)) != len(labels):
            raise ValueError(f"DataFrame: duplicate column labels {labels}")
        self._block = block
        where = array_device(block)  # the columns are views: they stay on the block's device
        return {lab: as_column(block[:, j], device=where) for j, lab in enumerate(labels)}

    from .groupby._methods import frame_groupby as groupby  # type: ignore[misc]  # groupby/ package
    from .join._merge import frame_join as join  # type: ignore[misc]  # join/ package
    from .join._merge import frame_merge as merge  # type: ignore[misc]
    from .reshape._methods import (  # type: ignore[misc]
        explode,  # reshape/ package
        unstack,
    )
    from .reshape._methods import frame_melt as melt  # type: ignore[misc]
    from .reshape._methods import frame_pivot as pivot  # type: ignore[misc]
    from .reshape._methods import frame_pivot_table as pivot_table  # type: ignore[misc]
    from .reshape._methods import frame_stack as stack  # type: ignore[misc]

    # -- Frame plumbing ------------------------------------------------------------------
    @property
    def _data(self) -> dict[Any, Column]:
        return self._cols

    def _from_data(self, data: dict[Any, Column], index: BaseIndex) -> DataFrame:
        return DataFrame._from_columns(data, index)

    @classmethod
    def _from_columns(cls, data: dict[Any, Column], index: BaseIndex | None = None) -> DataFrame:
        out = object.__new__(cls)
        out._cols = dict(data)
        n = len(next(iter(data.values()))) if data else (0 if index is None else len(index))
        out._index = RangeIndex(n) if index is None else index
        out._block = None
        return out

    @property
    def _constructor(self) -> type[DataFrame]:
        """The class of a two-dimensional result (pandas' subclassing hook)."""
        return DataFrame

    @property
    def _constructor_sliced(self) -> type[Series]:
        """The class of a one-dimensional result (pandas' subclassing hook)."""
        return Series

    def _get_numeric_data(self) -> DataFrame:
        """The bool, integer and float columns (pandas' private helper, used by Dask)."""
        return DataFrame._from_columns(
            {k: c for k, c in self._cols.items() if _dt.is_numeric(c.dtype)}, self._index
        )

    def _inplace(self, other: DataFrame) -> None:
        self._cols, self._index, self._block = dict(other._cols), other._index, None
        return None

    def _sort_columns(self, by: Any) -> list[Column]:
        if by is None:
            raise TypeError("sort_values: missing the `by` argument")
        return [self._cols[k] for k in self._labels(by)]

    def _key_columns(self, subset: Any) -> list[Column]:
        return (
            list(self._cols.values())
            if subset is None
            else [self._cols[k] for k in self._labels(subset)]
        )

    def _labels(self, keys: Any) -> list[Any]:
        keys = [keys] if not isinstance(keys, (list, tuple, pd.Index)) else list(keys)
        missing = [k for k in keys if k not in self._cols]
        if missing:
            raise KeyError(_missing_message(missing, list(self._cols)))
        return keys

    # -- construction & conversion -------------------------------------------------------
    def to_pandas(self) -> pd.DataFrame:
        """This frame as a ``pandas.DataFrame`` (values, nulls, dtypes, index, order)."""
        index = self._index.to_pandas()
        data = {k: c.to_pandas(index=index, name=k) for k, c in self._cols.items()}
        if not data:
            return pd.DataFrame(index=index)
        out = pd.concat(data, axis=1) if len(data) > 1 else pd.DataFrame(data)
        out.columns = pd.Index(
            list(self._cols),
            dtype=object if not all(isinstance(k, str) for k in self._cols) else None,
        )
        if all(isinstance(k, int) for k in self._cols) and list(self._cols) == list(
            range(len(self._cols))
        ):
            out.columns = pd.RangeIndex(len(self._cols))
        out.columns = column_index(self, out.columns)
        return out

    def to_arrow(self, preserve_index: bool | None = None) -> pa.Table:
        """This frame as a ``pyarrow.Table``; a non-default index is kept as pandas does."""
        default = (
            isinstance(self._index, RangeIndex)
            and self._index.start == 0
            and self._index.step == 1
            and self._index.name is None
        )
        if preserve_index is True or (preserve_index is None and not default):
            return pa.Table.from_pandas(self.to_pandas(), preserve_index=True)
        arrays = [c.to_arrow() for c in self._cols.values()]
        table = pa.table(arrays, names=[str(k) for k in self._cols])
        nullable = [str(k) for k, c in self._cols.items() if c.mask is not None]
        if nullable:  # Arrow cannot say "nullable, no nulls": keep pandas' Int64 & co
            table = table.replace_schema_metadata(
                {b"gpuframe": json.dumps({"nullable": nullable}).encode()}
            )
        return table

    @property
    def values(self) -> np.ndarray:
        return self.to_numpy()

    def to_dict(self, orient: str = "dict") -> Any:
        return self.to_pandas().to_dict(orient=orient)

    # -- attributes ---------------------------------------------------------------------
    @property
    def columns(self) -> pd.Index:
        labels = list(self._cols)
        if not labels:
            return pd.RangeIndex(0)
        return column_index(self, pd.Index(labels))

    @columns.setter
    def columns(self, value: Any) -> None:
        labels = list(value)
        if len(labels) != len(self._cols):
            raise ValueError(
                f"Length mismatch: expected {len(self._cols)} column labels; received {len(labels)}"
            )
        self._cols = dict(zip(labels, self._cols.values()))
        self._block = None
        self._colnames = list(value.names) if isinstance(value, pd.Index) else None

    @property
    def dtypes(self) -> pd.Series:
        return pd.Series(
            [
                _dt.to_pandas_dtype(c.dtype, nullable=c.mask is not None)
                for c in self._cols.values()
            ],
            index=self.columns,
            dtype=object,
        )

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self), len(self._cols))

    @property
    def ndim(self) -> int:
        return 2

    @property
    def size(self) -> int:
        return len(self) * len(self._cols)

    def keys(self) -> pd.Index:
        return self.columns

    def items(self):
        for k in self._cols:
            yield k, self[k]

    def __iter__(self):
        return iter(self._cols)

    def __contains__(self, key: Any) -> bool:
        return key in self._cols

    def memory_usage(self, index: bool = True, deep: bool = False) -> pd.Series:
        sizes = {k: c.nbytes for k, c in self._cols.items()}
        if index:
            sizes = {"Index": self._index.memory_usage_bytes, **sizes}
        return pd.Series(sizes, dtype="int64")

    def info(self, buf: Any = None) -> None:
        frame_info(self, buf)

    def __repr__(self) -> str:
        return frame_repr(self)

    def _repr_html_(self) -> str:
        return frame_html(self)

    # -- column access ------------------------------------------------------------------
    def _column_series(self, key: Any) -> Series:
        if key not in self._cols:
            raise KeyError(_missing_message([key], list(self._cols)))
        return Series._from_column(self._cols[key], self._index, key)

    def _select_columns(self, labels: list[Any]) -> DataFrame:
        labels = self._labels(labels)
        return DataFrame._from_columns({k: self._cols[k] for k in labels}, self._index)

    def _select_columns_by_label(self, key: Any) -> Any:
        if isinstance(key, slice):
            if key == slice(None):
                return self
            labels = pd.Index(list(self._cols), dtype=object)
            sl = labels.slice_indexer(key.start, key.stop, key.step)
            return self._select_columns(list(labels[sl]))
        if isinstance(key, (list, tuple, pd.Index, np.ndarray)):
            if len(key) and all(isinstance(k, (bool, np.bool_)) for k in key):
                return self._select_columns([k for k, m in zip(self._cols, key) if m])
            return self._select_columns(list(key))
        return self._column_series(key)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, Series) and key.dtype == np.dtype(bool):
            return self._filter(key)
        if isinstance(key, DataFrame):
            return self.where(key)
        if (
            hasattr(key, "dtype")
            and getattr(key.dtype, "kind", "") == "b"
            and hasattr(key, "shape")
        ):
            return self._filter(key)
        if isinstance(key, slice):
            return (
                self.loc[key]
                if not all(isinstance(x, (int, type(None))) for x in (key.start, key.stop))
                else self._slice(key.start, key.stop, key.step)
            )
        if isinstance(key, (list, pd.Index, np.ndarray, tuple)) and not (
            isinstance(key, tuple) and key in self._cols
        ):
            key_list = list(key)
            if key_list and all(isinstance(k, (bool, np.bool_)) for k in key_list):
                return self._filter(np.asarray(key_list))
            return self._select_columns(key_list)
        return self._column_series(key)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        cols = self.__dict__.get("_cols", {})
        if name in cols:
            return self._column_series(name)
        raise AttributeError(f"'DataFrame' object has no attribute {name!r}")

    def _as_new_column(self, value: Any, label: Any) -> Column:
        n = len(self)
        if isinstance(value, DataFrame):
            raise TypeError(f"cannot set column {label!r} from a DataFrame")
        if isinstance(value, Series):
            if value.index.equals(self._index) or len(self._cols) == 0:
                col = value._column
            else:
                pos = np.asarray(value.index.get_indexer(self._index.to_pandas()))
                col = value._column.take(
                    asarray(pos.astype(np.int64), device=self.device), nullify=True
                )
        elif isinstance(value, Column):
            col = value
        elif _binary.is_scalar(value):
            col = column_full(n, value, device=self.device)
        else:
            col = as_column(value, device=self.device if self._cols else None)
        if len(col) != n and self._cols:
            raise ValueError(
                f"Length of values ({len(col)}) for column {label!r} does not match "
                f"length of index ({n})"
            )
        return col

    def __setitem__(self, key: Any, value: Any) -> None:
        if isinstance(key, list):
            if not isinstance(value, DataFrame) or len(value._cols) != len(key):
                raise ValueError("setting several columns needs a DataFrame with as many columns")
            for k, v in zip(key, value._cols.values()):
                self[k] = Series._from_column(v, value._index)
            return
        col = self._as_new_column(value, key)
        if not self._cols and len(self._index) != len(col):
            self._index = RangeIndex(len(col))
        self._cols[key] = col
        self._block = None

    def __delitem__(self, key: Any) -> None:
        self._labels([key])
        del self._cols[key]
        self._block = None

    def _set_rows(self, label: Any, mask: Any, value: Any) -> None:
        m = asarray(mask, device=self.device)
        if label in self._cols:
            cur = self._cols[label]
        else:
            cur = column_full(len(self), None, device=self.device)
        v = value._column if isinstance(value, Series) else value
        self._cols[label] = _binary.where(cur, ~m, v)
        self._block = None

    # -- transpose -----------------------------------------------------------------------
    def transpose(self, *args: Any, copy: Any = None) -> DataFrame:
        """Rows as columns and columns as rows (``df.T``).

        The columns must share one dtype as pandas sees it, or be NumPy dtypes with a common
        one (``int64`` and ``float64`` give ``float64``); where pandas would give ``object``
        columns (``bool`` with ``int64``, ``str`` with numbers, ``Int64`` with ``float64``)
        a ``TypeError`` says so, since gpuframe holds no object columns. The index must be
        unique (its labels become column labels). The name of the index is not kept as a
        name of the columns (gpuframe's column labels carry no name).

        Examples
        --------
        >>> df = DataFrame({"a": [1, 2], "b": [0.5, 1.5]}, index=["x", "y"])
        >>> df.T.to_pandas()
             x    y
        a  1.0  2.0
        b  0.5  1.5
        """
        if args:
            raise NotImplementedError("transpose: positional arguments are not supported")
        labels = list(self._cols)
        k, n = len(labels), len(self)
        new_index = (
            RangeIndex(k)
            if labels == list(range(k))
            else Index(pd.Index(labels, dtype=object if not labels else None))
        )
        row_labels = self._index.to_pandas()
        if not row_labels.is_unique:
            raise ValueError(
                "transpose: the index has duplicate labels, which cannot become column labels: "
                f"{row_labels[row_labels.duplicated()].unique().tolist()}"
            )
        if k == 0:
            return DataFrame._from_columns(
                {lab: column_full(0, None, "float64", device=self.device) for lab in row_labels},
                new_index,
            )
        stacked = concat_columns(self._transpose_columns())
        xp = stacked.xp
        data = _row_major(stacked.data, k, n, xp)
        mask = None if stacked.mask is None else _row_major(stacked.mask, k, n, xp)
        out = {
            lab: stacked._replace(data=data[j], mask=None if mask is None else mask[j])
            for j, lab in enumerate(row_labels)
        }
        return DataFrame._from_columns(out, new_index)

    @property
    def T(self) -> DataFrame:
        """The transpose: see :meth:`transpose`."""
        return self.transpose()

    def _transpose_columns(self) -> list[Column]:
        """The columns cast to the one dtype that pandas' transpose gives them."""
        from pandas.core.dtypes.cast import find_common_type

        cols = list(self._cols.values())
        pd_dtypes = [_dt.to_pandas_dtype(c.dtype, nullable=c.mask is not None) for c in cols]
        if all(d == pd_dtypes[0] for d in pd_dtypes[1:]) and all(
            type(c.dtype) is type(cols[0].dtype) for c in cols
        ):
            return cols
        common = None
        if all(isinstance(d, np.dtype) for d in pd_dtypes):
            common = find_common_type(pd_dtypes)
        if common is None or common == np.dtype(object):
            found = sorted({str(d) for d in pd_dtypes})
            raise TypeError(
                f"transpose: columns of dtypes {found} have no common dtype (pandas gives "
                "object columns, which gpuframe does not hold); cast them with astype first"
            )
        return [c.astype(common) for c in cols]

    # -- copy, comparison, queries ------------------------------------------------------
    def copy(self, deep: bool = True) -> DataFrame:
        out = DataFrame._from_columns(
            {k: c.copy(deep=deep) for k, c in self._cols.items()}, self._index
        )
        return out

    def equals(self, other: Any) -> bool:
        if not isinstance(other, DataFrame) or list(self._cols) != list(other._cols):
            return False
        return self._index.equals(other._index) and all(
            a.equals(b) for a, b in zip(self._cols.values(), other._cols.values())
        )

    def isin(self, values: Any) -> DataFrame:
        if isinstance(values, dict):
            return self._from_data(
                {k: _unique.isin(c, values.get(k, [])) for k, c in self._cols.items()}, self._index
            )
        return self._map_columns(lambda c: _unique.isin(c, values))

    def query(self, expr: str, *, local_dict: dict[str, Any] | None = None) -> DataFrame:
        """Rows where a simple boolean expression over columns holds (``@name`` for locals)."""
        import inspect

        from ._query import evaluate

        frame = inspect.currentframe()
        caller = frame.f_back.f_locals if frame and frame.f_back else {}
        mask = evaluate(self, expr, {**caller, **(local_dict or {})})
        return self._filter(mask)

    def nlargest(self, n: int, columns: Any, keep: str = "first") -> DataFrame:
        return self._n_extreme(n, columns, keep, largest=True)

    def nsmallest(self, n: int, columns: Any, keep: str = "first") -> DataFrame:
        return self._n_extreme(n, columns, keep, largest=False)

    # -- operators ------------------------------------------------------------------------
    def _binaryop(self, other: Any, op: str, *, reflect: bool = False) -> Any:
        if isinstance(other, DataFrame):
            index, li, ri = align_indexes(self._index, other._index)
            labels = (
                list(self._cols)
                if list(self._cols) == list(other._cols)
                else sorted(set(self._cols) | set(other._cols), key=str)
            )
            out: dict[Any, Column] = {}
            for k in labels:
                if k in self._cols and k in other._cols:
                    a, b = self._cols[k], other._cols[k]
                    if li is not None:
                        a = a.take(asarray(li, device=self.device), nullify=True)
                        b = b.take(asarray(ri, device=self.device), nullify=True)
                    out[k] = _binary.binary_op(a, b, op, reflect=reflect)
                else:
                    out[k] = column_full(len(index), None, device=self.device)
            return DataFrame._from_columns(out, index)
        if isinstance(other, Series):
            values = other.to_pandas()
            out = {}
            for k, c in self._cols.items():
                v = values[k] if k in values.index else None
                out[k] = _binary.binary_op(c, v, op, reflect=reflect)
            return DataFrame._from_columns(out, self._index)
        if isinstance(other, pd.DataFrame):
            return self._binaryop(from_pandas(other), op, reflect=reflect)
        if _binary.is_scalar(other):
            return self._map_columns(lambda c: _binary.binary_op(c, other, op, reflect=reflect))
        return NotImplemented

    def _where(self, cond: Any, other: Any, invert: bool) -> DataFrame:
        out = {}
        for k, c in self._cols.items():
            if isinstance(cond, DataFrame):
                if k not in cond._cols:
                    cc = Column._from_parts(c.xp.zeros(len(c), dtype=c.xp.bool))
                else:
                    cc = cond._cols[k]
            elif isinstance(cond, Series):
                cc = cond._column
            else:
                arr = np.asarray(cond)
                cc = as_column(arr[:, list(self._cols).index(k)] if arr.ndim == 2 else arr)
            arr_c = ~cc.data if invert else cc.data
            if cc.mask is not None:  # a missing condition counts as False (pandas)
                arr_c = arr_c & cc.mask
            o = (
                other._cols[k]
                if isinstance(other, DataFrame)
                else (other._column if isinstance(other, Series) else other)
            )
            out[k] = _binary.where(c, arr_c, o)
        return DataFrame._from_columns(out, self._index)


def _row_major(flat: Any, k: int, n: int, xp: Any) -> Any:
    """``flat`` (``k`` blocks of ``n``) as ``n`` contiguous rows of ``k`` (block j -> column j)."""
    mat = xp.reshape(flat, (k, n))
    return xp.reshape(xp.reshape(xp.permute_dims(mat, (1, 0)), (n * k,)), (n, k))


DataFrame.from_pandas = staticmethod(from_pandas)  # type: ignore[attr-defined]
DataFrame.from_arrow = staticmethod(from_arrow)  # type: ignore[attr-defined]
DataFrame.from_dict = staticmethod(from_dict)  # type: ignore[attr-defined]
