"""Arrow (pyarrow objects and any Arrow PyCapsule producer) -> native arrays.

A primitive Arrow array without nulls (integers, floats, timestamps, durations) is handed
to NumPy without a copy. Nulls, bit-packed booleans, strings, dictionaries and several
chunks need one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._copy import need_copy

__all__ = ["arrow_array_native", "arrow_native", "import_arrow", "table_matrix"]


def import_arrow(obj: Any) -> Any:
    """Any Arrow PyCapsule producer -> a pyarrow Table (struct data) or Array/ChunkedArray.

    ``__arrow_c_stream__`` producers (polars, duckdb, nanoarrow streams) give a Table when
    their schema is a struct and a ChunkedArray otherwise; ``__arrow_c_array__`` producers
    give a RecordBatch or an Array. Buffers are shared, not copied.
    """
    import pyarrow as pa

    if isinstance(obj, (pa.Array, pa.ChunkedArray, pa.Table, pa.RecordBatch)):
        return obj
    if isinstance(obj, pa.RecordBatchReader):
        return obj.read_all()
    if hasattr(obj, "__arrow_c_stream__"):
        try:
            return pa.table(obj)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            return pa.chunked_array(obj)
    if hasattr(obj, "__arrow_c_array__"):
        try:
            return pa.record_batch(obj)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            return pa.array(obj)
    raise TypeError(
        "Invalid type for argument `data`. Expected a pyarrow object or an Arrow PyCapsule "
        "producer (__arrow_c_stream__ or __arrow_c_array__). "
        f"Received: data of type {type(obj).__name__}"
    )


def arrow_native(obj: Any, copy: bool | None) -> tuple[Any, bool]:
    """A pyarrow Array/ChunkedArray (1-D) or Table/RecordBatch (2-D) as a NumPy array."""
    import pyarrow as pa

    if isinstance(obj, pa.RecordBatchReader):
        obj = obj.read_all()
    if isinstance(obj, (pa.Table, pa.RecordBatch)):
        return table_matrix(obj, copy)
    if isinstance(obj, pa.ChunkedArray):
        return chunked_native(obj, copy)
    if isinstance(obj, pa.Array):
        return arrow_array_native(obj, copy)
    raise TypeError(
        "Invalid type for argument `obj`. Expected a pyarrow Array, ChunkedArray, Table, "
        f"RecordBatch or RecordBatchReader. Received: obj of type {type(obj).__name__}"
    )


def chunked_native(ca: Any, copy: bool | None) -> tuple[Any, bool]:
    if ca.num_chunks == 1:
        return arrow_array_native(ca.chunk(0), copy)
    if ca.num_chunks > 1:
        need_copy(f"the Arrow ChunkedArray has {ca.num_chunks} chunks, concatenated into one", copy)
    arr, _ = arrow_array_native(ca.combine_chunks(), None)
    return arr, True


def arrow_array_native(arr: Any, copy: bool | None) -> tuple[Any, bool]:
    """One Arrow array as NumPy: zero-copy for primitive types without nulls."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(arr.type, pa.ExtensionType):
        arr = arr.storage
    typ = arr.type
    if pa.types.is_dictionary(typ):
        need_copy(f"the dictionary-encoded Arrow array ({typ}) is decoded into its values", copy)
        out, _ = arrow_array_native(arr.dictionary_decode(), None)
        return out, True
    if arr.null_count:
        need_copy(
            f"the Arrow {typ} array holds {arr.null_count} nulls, which become NaN/NaT in a "
            "new array",
            copy,
        )
        if pa.types.is_boolean(typ) or pa.types.is_integer(typ):
            arr = pc.cast(arr, pa.float64())
        return arr.to_numpy(zero_copy_only=False), True
    if pa.types.is_boolean(typ):
        need_copy("Arrow booleans are bit-packed; NumPy needs one byte per value", copy)
        return arr.to_numpy(zero_copy_only=False), True
    try:
        return arr.to_numpy(zero_copy_only=True), False
    except (pa.ArrowInvalid, NotImplementedError):
        need_copy(f"the Arrow type {typ} has no NumPy memory layout", copy)
        return arr.to_numpy(zero_copy_only=False), True


def table_matrix(table: Any, copy: bool | None) -> tuple[Any, bool]:
    """A Table/RecordBatch as a 2-D ``(rows, columns)`` matrix: one copy unless 1 column."""
    cols = [table.column(i) for i in range(table.num_columns)]
    if not cols:
        return np.empty((table.num_rows, 0)), False
    if len(cols) == 1:
        col = cols[0]
        one, copied = (
            chunked_native(col, copy)
            if hasattr(col, "num_chunks")
            else arrow_array_native(col, copy)
        )
        return one.reshape(-1, 1), copied
    need_copy(
        f"a 2-D matrix from {len(cols)} separate Arrow columns is copied into one block", copy
    )
    arrays = [
        (chunked_native(c, None) if hasattr(c, "num_chunks") else arrow_array_native(c, None))[0]
        for c in cols
    ]
    return stack_columns(arrays, order="F"), True


def stack_columns(arrays: list[Any], *, order: str = "F", dtype: Any = None) -> Any:
    """Host arrays of equal length -> one 2-D block (columns side by side), one copy."""
    if dtype is not None:
        dt = np.dtype(dtype)
    else:
        try:
            dt = np.result_type(*[a.dtype for a in arrays])
        except TypeError:  # no common type (e.g. datetimes beside numbers): Python objects
            dt = np.dtype(object)
    out = np.empty((len(arrays[0]), len(arrays)), dtype=dt, order=order)  # type: ignore[call-overload]
    for j, a in enumerate(arrays):
        out[:, j] = a
    return out
