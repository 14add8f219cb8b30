"""Arrow tables <-> gpuframe DataFrames, keeping pandas' schema metadata (index, dtypes).

A table written from pandas (or by gpuframe, which writes through the same metadata) carries
``schema.pandas_metadata``: which fields are the index (or a ``range`` description), the
index names, and each column's pandas dtype. Reading uses it to restore the index, the
integer column labels, pandas' nullable dtypes (``Int64``, ``boolean``, ``Float64``, which
Arrow cannot tell apart from plain columns without nulls) and time units Parquet cannot
store (seconds), so a write -> read round trip gives back the same frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import dtypes as _dt
from ..column import Column

__all__ = [
    "dictionary_strings_column",
    "frame_to_table",
    "make_frame",
    "reject_unsupported",
    "string_fields",
    "table_to_frame",
    "to_pandas_frame",
]

_NULLABLE = frozenset(
    [
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Float32",
        "Float64",
        "boolean",
    ]
)


def reject_unsupported(func: str, kwargs: dict[str, Any]) -> None:
    """``NotImplementedError`` naming a pandas argument this reader/writer does not take."""
    if kwargs:
        name = next(iter(kwargs))
        raise NotImplementedError(f"{func}: argument `{name}` is not supported")


def to_pandas_frame(df: Any, func: str) -> pd.DataFrame:
    """The host pandas frame of a gpuframe DataFrame (or a pandas frame as is)."""
    if isinstance(df, pd.DataFrame):
        return df
    to_pandas = getattr(df, "to_pandas", None)
    if to_pandas is None:
        raise TypeError(f"{func}: expected a DataFrame; received {type(df).__name__}")
    out = to_pandas()
    if not isinstance(out, pd.DataFrame):
        raise TypeError(f"{func}: expected a DataFrame; received {type(df).__name__}")
    return out


def frame_to_table(df: Any, *, index: bool | None, func: str) -> pa.Table:
    """An Arrow table (with pandas metadata) for a DataFrame; ``index`` as pandas' writers.

    ``index=None`` stores a RangeIndex as metadata only and any other index as columns;
    ``True`` always stores it as columns; ``False`` drops it.
    """
    try:
        fast = None if isinstance(df, pd.DataFrame) else _direct_table(df, index)
        if fast is not None:
            return fast
        pdf = to_pandas_frame(df, func)
        return pa.Table.from_pandas(pdf, preserve_index=index)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise TypeError(f"{func}: cannot convert the frame to Arrow: {e}") from e


_DIRECT_MIN_ROWS = 1 << 16  # below this pandas' conversion is as quick


def _direct_array(col: Column) -> pa.Array | None:
    """The Arrow array ``pa.Table.from_pandas`` makes of this column's pandas Series, built
    from the column's host buffers (no pandas Series in between), or None for the dtypes
    that go through pandas."""
    from ..backend import to_host

    d = col.dtype
    if _dt.is_categorical(d) and col.mask is None:
        k = len(col.categories)
        # pandas' codes dtype: the narrowest signed integer holding the categories
        narrow = np.int8 if k < 127 else (np.int16 if k < 32767 else np.int32)
        codes: np.ndarray = np.asarray(to_host(col.data))
        idx: np.ndarray = codes if codes.dtype == narrow else codes.astype(narrow)
        null = idx < 0
        indices = pa.array(idx, mask=null if null.any() else None)
        return pa.DictionaryArray.from_arrays(
            indices, col.categories, ordered=d.ordered, safe=False
        )
    if isinstance(d, np.dtype) and d.kind in "iuf" and col.mask is None:
        data = col.host_data()
        if d.kind == "f":
            from ..backend._parallel import any_nan

            # NaN becomes null as in pandas' conversion; without NaN the buffer is shared
            return pa.array(data, from_pandas=True) if any_nan(data) else pa.array(data)
        return pa.array(data)
    if _dt.is_tz_aware(d):  # UTC instants + the zone: Arrow's timestamp(unit, tz)
        return col.to_arrow()
    if isinstance(d, np.dtype) and d.kind in "mM" and col.mask is None:
        data = col.host_data()
        nat = data.view(np.int64) == np.iinfo(np.int64).min
        return pa.array(data, mask=nat if nat.any() else None)
    return None


def _like(arr: pa.Array, want: pa.DataType) -> pa.Array | None:
    """``arr`` with type ``want``: as is, or a dictionary whose (small) dictionary is cast
    between string and large_string; None for any other difference."""
    if arr.type == want:
        return arr
    if pa.types.is_dictionary(want) and pa.types.is_dictionary(arr.type):
        same_index = arr.type.index_type == want.index_type
        strings = (
            pa.types.is_string(t) or pa.types.is_large_string(t)
            for t in (arr.type.value_type, want.value_type)
        )
        if same_index and all(strings):
            cats = arr.dictionary.cast(want.value_type)
            return pa.DictionaryArray.from_arrays(
                arr.indices, cats, ordered=want.ordered, safe=False
            )
    return None


def _direct_table(df: Any, index: bool | None) -> pa.Table | None:
    """``pa.Table.from_pandas(df.to_pandas(), preserve_index=index)`` without the pandas
    frame, for a default RangeIndex frame of numeric and categorical columns: the schema
    and pandas metadata come from the empty frame (the RangeIndex bounds patched in), the
    arrays from the columns' buffers. None where another case applies (the caller converts
    through pandas)."""
    import json

    from ..index import RangeIndex

    ix = getattr(df, "index", None)
    cols = getattr(df, "_cols", None)
    if index is True or not isinstance(ix, RangeIndex) or not isinstance(cols, dict) or not cols:
        return None
    if len(ix) < _DIRECT_MIN_ROWS or not all(isinstance(k, str) for k in cols):
        return None  # small frames: pandas' conversion costs nothing
    arrays = [_direct_array(c) for c in cols.values()]
    if any(a is None for a in arrays):
        return None
    empty = pa.Table.from_pandas(df.head(0).to_pandas(), preserve_index=index)
    names = list(cols)
    if empty.column_names != names:
        return None
    arrays = [_like(a, f.type) for a, f in zip(arrays, empty.schema)]
    if any(a is None for a in arrays):
        return None  # a type the empty frame converts otherwise: pandas decides
    meta = dict(empty.schema.metadata or {})
    pmeta = json.loads(meta[b"pandas"])
    for desc in pmeta.get("index_columns", []):
        if isinstance(desc, dict) and desc.get("kind") == "range":
            desc.update(start=ix.start, stop=ix.stop, step=ix.step)
    meta[b"pandas"] = json.dumps(pmeta).encode()
    return pa.Table.from_arrays(arrays, schema=empty.schema.with_metadata(meta))


def make_frame(columns: dict[Any, Column], index: Any = None) -> Any:
    """A gpuframe DataFrame of ``columns`` (name -> Column) and ``index`` (default range)."""
    from .. import DataFrame  # type: ignore[attr-defined]
    from ..index import RangeIndex

    if index is None:
        n = len(next(iter(columns.values()))) if columns else 0
        index = RangeIndex(n)
    return DataFrame._from_columns(columns, index)


def _restore_column(col: Column, field: pa.Field, meta: dict[str, Any] | None, arr: Any) -> Column:
    """Apply the pandas dtype recorded in ``meta`` to a column read from Arrow."""
    if not meta:
        return col
    numpy_type = str(meta.get("numpy_type") or "")
    if numpy_type in _NULLABLE and isinstance(col.dtype, np.dtype) and col.mask is None:
        xp = col.xp
        from ..backend import asarray

        if pa.types.is_floating(field.type):
            chunk = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
            valid = chunk.is_valid().to_numpy(zero_copy_only=False)
            mask = asarray(valid, device=col.device)
        else:
            mask = xp.ones(col.data.shape, dtype=xp.bool)
        return Column._from_parts(col.data, mask, col.dtype)
    if numpy_type.startswith(("datetime64[", "timedelta64[")) and isinstance(col.dtype, np.dtype):
        try:
            want = np.dtype(numpy_type)
        except TypeError:
            return col
        if want != col.dtype and col.dtype.kind == want.kind:
            return col.astype(want)
    return col


def dictionary_strings_column(arr: Any, *, device: Any = None) -> Column:
    """A ``str`` column from Arrow dictionary-encoded strings, without decoding the rows.

    The (unified) dictionary is sorted on the host and the row codes are remapped on the
    device with one gather, so a reader that hands out dictionary pages (Parquet, CSV with
    ``auto_dict_encode``) never hashes the rows. Falls back to decoding when the
    dictionary holds duplicates or nulls.
    """
    from ..backend import asarray
    from ..dtypes import string

    chunked = arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])
    if chunked.num_chunks == 0 or len(chunked) == 0:
        return Column.from_arrow(pa.array([], type=pa.string()), device=device)
    chunked = chunked.unify_dictionaries()
    dictionary = chunked.chunk(0).dictionary
    distinct = pc.count_distinct(dictionary).as_py()
    if dictionary.null_count or distinct != len(dictionary):
        return Column.from_arrow(chunked.cast(chunked.type.value_type), device=device)
    order = pc.sort_indices(dictionary).to_numpy(zero_copy_only=False)
    rank = np.empty(len(order) + 1, dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    rank[-1] = -1  # code -1 (null) stays -1
    indices = pa.chunked_array([c.indices for c in chunked.chunks]).cast(pa.int32())
    codes = indices.fill_null(-1).to_numpy()
    table = asarray(rank, device=device)
    data = table[asarray(codes, device=device)]
    values = pc.take(dictionary, pa.array(order)).cast(pa.string())
    return Column._from_parts(data, None, string, values)


def _label(name: str, kind: str | None) -> Any:
    if kind in ("int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8"):
        try:
            return int(name)
        except ValueError:
            return name
    return name


_THREADED_ROWS = 1 << 20  # columns of larger tables are converted on several threads


def table_to_frame(table: pa.Table, *, device: Any = None, dictionary_strings: Any = ()) -> Any:
    """A gpuframe DataFrame from an Arrow table: one transfer per column to ``device``.

    Examples
    --------
    >>> import pyarrow as pa
    >>> table_to_frame(pa.table({"a": [1, None], "b": ["x", "y"]})).to_pandas().dtypes.tolist()
    [Int64Dtype(), <StringDtype(na_value=nan)>]
    """
    from ..index import Index, MultiIndex, RangeIndex

    pmeta = table.schema.pandas_metadata or {}
    col_meta = {m.get("field_name", m.get("name")): m for m in pmeta.get("columns", [])}
    index_specs = pmeta.get("index_columns", [])
    index_fields = [s for s in index_specs if isinstance(s, str)]
    col_kinds = pmeta.get("column_indexes") or [{}]
    label_kind = col_kinds[0].get("pandas_type") if len(col_kinds) == 1 else None

    def read(name: str, i: int) -> Column:
        arr = table.column(i)
        t = arr.type
        meta = col_meta.get(name) or {}
        no_categories = (  # Parquet stores an all-missing category column as plain nulls
            meta.get("pandas_type") == "categorical"
            and not pa.types.is_dictionary(t)
            and arr.null_count == len(arr)
        )
        if no_categories or (pa.types.is_dictionary(t) and pa.types.is_null(t.value_type)):
            # a category column with no categories (all missing): give it empty str ones
            codes = pa.nulls(len(arr), type=pa.int32())
            ordered = bool(
                getattr(t, "ordered", False) or (meta.get("metadata") or {}).get("ordered")
            )
            arr = pa.DictionaryArray.from_arrays(
                codes, pa.array([], type=pa.string()), ordered=ordered
            )
        if name in dictionary_strings and pa.types.is_dictionary(arr.type):
            col = dictionary_strings_column(arr, device=device)
        else:
            col = Column.from_arrow(arr, device=device)
        return _restore_column(col, table.schema.field(i), col_meta.get(name), arr)

    columns: dict[Any, Column] = {}
    index_cols: dict[str, Column] = {}
    names = table.column_names
    if len(names) > 1 and table.num_rows >= _THREADED_ROWS:  # copies release the GIL
        import os
        from concurrent.futures import ThreadPoolExecutor

        workers = min(
            len(names), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        )
        with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
            read_cols = list(pool.map(read, names, range(len(names))))
    else:
        read_cols = [read(name, i) for i, name in enumerate(names)]
    for name, col in zip(names, read_cols):
        if name in index_fields:
            index_cols[name] = col
        else:
            columns[_label(name, label_kind)] = col
    n = table.num_rows
    index: Any = None
    if index_cols and len(index_cols) == len(index_fields):
        names = [col_meta.get(f, {}).get("name") for f in index_fields]
        levels = [index_cols[f] for f in index_fields]
        index = (
            Index(levels[0], name=names[0]) if len(levels) == 1 else MultiIndex(levels, names=names)
        )
    elif len(index_specs) == 1 and isinstance(index_specs[0], dict):
        spec = index_specs[0]
        if spec.get("kind") == "range":
            r = range(spec["start"], spec["stop"], spec["step"])
            if len(r) == n:
                index = RangeIndex(r.start, r.stop, r.step, name=spec.get("name"))
    if index is None:
        index = RangeIndex(n)
        for f, col in index_cols.items():  # a partial index selection: keep as columns
            columns[f] = col
    return make_frame(columns, index)


def arrow_type_for(dtype: Any, func: str, column: Any) -> pa.DataType:
    """The Arrow type a reader should parse a column as, for a gpuframe/pandas dtype."""
    try:
        d = _dt.dtype(dtype)
    except TypeError as e:
        raise TypeError(f"{func}: `dtype` for column {column!r}: {e}") from e
    if _dt.is_string(d):
        return pa.string()
    if _dt.is_categorical(d):
        return pa.dictionary(pa.int32(), pa.string())
    return pa.from_numpy_dtype(d)


def wants_nullable(dtype: Any) -> bool:
    """True for pandas' nullable dtype names (``"Int64"``, ``"boolean"``, ...)."""
    if isinstance(dtype, str):
        return dtype in _NULLABLE
    return (
        isinstance(dtype, pd.api.extensions.ExtensionDtype)
        and hasattr(dtype, "numpy_dtype")
        and not isinstance(dtype, (pd.StringDtype, pd.CategoricalDtype))
    )


def string_fields(schema: pa.Schema) -> list[str]:
    """Names of the plain string fields (not pandas categories) of ``schema``."""
    meta = schema.pandas_metadata or {}
    kinds = {
        m.get("field_name", m.get("name")): m.get("pandas_type") for m in meta.get("columns", [])
    }
    return [
        f.name
        for f in schema
        if (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))
        and kinds.get(f.name) != "categorical"
    ]
