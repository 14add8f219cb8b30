"""Building DataFrames: from dicts, pandas, Arrow (any Arrow stream producer) and dicts of rows."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import dtypes as _dt
from .backend import asarray
from .column import Column, _binary, as_column, column_full
from .index import BaseIndex, Index, MultiIndex, RangeIndex, as_index
from .series import Series

if TYPE_CHECKING:
    from .dataframe import DataFrame

__all__ = ["from_arrow", "from_dict", "from_pandas"]


def _from_dict(data: dict[Any, Any], index: BaseIndex | None, device: Any) -> tuple[dict, Any]:
    series_index = None
    for v in data.values():
        if isinstance(v, (Series, pd.Series)):
            series_index = as_index(v.index)
            break
    idx = index if index is not None else series_index
    n = None
    cols: dict[Any, Column | None] = {}
    for k, v in data.items():
        if isinstance(v, pd.Series):
            v = Series(v)
        if isinstance(v, Series):
            if idx is not None and not v.index.equals(idx):
                pos = np.asarray(v.index.get_indexer(idx.to_pandas()))
                cols[k] = v._column.take(
                    asarray(pos.astype(np.int64), device=v.device), nullify=True
                )
            else:
                cols[k] = v._column
        elif _binary.is_scalar(v):
            cols[k] = None  # filled below
        else:
            cols[k] = as_column(v, device=device)
        col = cols[k]
        if col is not None:
            if n is None:
                n = len(col)
            elif len(col) != n:
                raise ValueError(
                    f"All arrays must be of the same length: column {k!r} has length "
                    f"{len(col)}, expected {n}"
                )
    if n is None:
        n = len(idx) if idx is not None else None
        if n is None and data:
            raise ValueError("If using all scalar values, you must pass an index")
        n = n or 0
    for k, v in data.items():
        if cols[k] is None:
            cols[k] = column_full(n, v, device=device)
    return cols, idx


def from_pandas(obj: Any, *, device: Any = None) -> Any:
    """A gpuframe DataFrame/Series/Index from a pandas object (one copy to the device).

    Examples
    --------
    >>> import pandas as pd
    >>> from_pandas(pd.DataFrame({"a": [1, None]}, dtype="Int64")).to_pandas().dtypes["a"]
    Int64Dtype()
    """
    from .dataframe import DataFrame

    if isinstance(obj, pd.Series):
        return Series(obj, device=device)
    if isinstance(obj, pd.Index):
        return as_index(obj, device=device)
    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"from_pandas: expected a pandas object; received {type(obj).__name__}")
    if not obj.columns.is_unique:
        raise ValueError(f"from_pandas: duplicate column labels {list(obj.columns)}")
    cols = {k: as_column(obj[k], device=device) for k in obj.columns}
    return DataFrame._from_columns(
        cols,
        as_index(obj.index, device=device) if len(obj.columns) or len(obj) else RangeIndex(0),
    )


def from_arrow(obj: Any, *, device: Any = None) -> Any:
    """A DataFrame from a ``pyarrow.Table`` or any Arrow stream (polars, duckdb, ...).

    pandas metadata written by ``to_arrow``/``pyarrow.Table.from_pandas`` restores the index.
    """
    from .dataframe import DataFrame

    if isinstance(obj, (pa.Array, pa.ChunkedArray)):
        return Series._from_column(Column.from_arrow(obj, device=device))
    if isinstance(obj, pa.RecordBatch):
        obj = pa.Table.from_batches([obj])
    if not isinstance(obj, pa.Table):  # any other Arrow producer: the interop hub
        from interop import from_arrow as from_any_arrow

        return from_any_arrow(obj, device=device)
    meta = (obj.schema.metadata or {}).get(b"pandas")
    index_cols: list[str] = []
    index_names: list[Any] = []
    names = {}
    nullable: set[str] = set()
    own = (obj.schema.metadata or {}).get(b"gpuframe")
    if own:
        nullable.update(json.loads(own).get("nullable", []))
    if meta:
        info = json.loads(meta)
        for c in info.get("columns", []):
            names[c.get("field_name")] = c.get("name")
            if c.get("numpy_type") in _dt._PANDAS_NAMES:
                nullable.add(c.get("field_name"))
        for ic in info.get("index_columns", []):
            if isinstance(ic, str):
                index_cols.append(ic)
                index_names.append(names.get(ic))
    cols = {}
    for name in obj.column_names:
        if name in index_cols:
            continue
        col = Column.from_arrow(obj.column(name), device=device)
        if name in nullable and col.mask is None and col.dtype.kind in "biuf":
            col = col.astype(col.dtype, nullable=True)
        cols[names.get(name, name) if name in names else name] = col
    idx: BaseIndex = RangeIndex(obj.num_rows)
    if index_cols:
        levels = [Column.from_arrow(obj.column(c), device=device) for c in index_cols]
        idx = (
            Index(levels[0], name=index_names[0])
            if len(levels) == 1
            else MultiIndex(levels, names=index_names)
        )
    return DataFrame._from_columns(cols, idx)


def from_dict(data: dict[Any, Any], orient: str = "columns", *, device: Any = None) -> DataFrame:
    """A DataFrame from a dict of columns (``orient="columns"``) or of rows (``"index"``)."""
    from .dataframe import DataFrame

    if orient == "columns":
        return DataFrame(data, device=device)
    if orient == "index":
        return from_pandas(pd.DataFrame.from_dict(data, orient="index"), device=device)
    raise ValueError(f"from_dict: `orient` must be 'columns' or 'index'; received {orient!r}")
