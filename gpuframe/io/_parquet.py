"""Parquet: ``read_parquet`` (column and row-group pushdown) and atomic ``to_parquet``."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ._atomic import atomic_path, check_read_path
from ._table import frame_to_table, reject_unsupported, string_fields, table_to_frame

__all__ = ["read_parquet", "to_parquet"]


def _check_columns(columns: Any, names: list[str], func: str) -> list[str] | None:
    if columns is None:
        return None
    if isinstance(columns, str) or not hasattr(columns, "__iter__"):
        raise TypeError(f"{func}: `columns` must be a list of column names; received {columns!r}")
    columns = list(columns)
    missing = [c for c in columns if str(c) not in names]
    if missing:
        raise KeyError(f"{func}: column {missing[0]!r} not found; columns: {names}")
    return [str(c) for c in columns]


def read_parquet(
    path: str | os.PathLike[str],
    columns: list[str] | None = None,
    filters: Any = None,
    *,
    device: Any = None,
    **unsupported: Any,
) -> Any:
    """Read a Parquet file (or a directory of them) into a DataFrame.

    Parameters
    ----------
    path : str or PathLike
    columns : list of str, optional
        Read only these columns (the index columns recorded by pandas come along).
    filters : list of tuples or ``pyarrow.compute.Expression``, optional
        Row filter pushed down to the reader, e.g. ``[("year", ">=", 2020)]`` (row groups
        whose statistics exclude it are skipped).
    device : str, optional
        Where the columns go ("cpu", "gpu"); default the current device. Each column is
        read by pyarrow's multithreaded reader on the host and transferred once.

    Examples
    --------
    >>> import os, tempfile, gpuframe
    >>> path = os.path.join(tempfile.mkdtemp(), "t.parquet")
    >>> gpuframe.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None]}).to_parquet(path)
    >>> read_parquet(path, columns=["a"], filters=[("a", ">", 1)]).to_pandas()["a"].tolist()
    [2, 3]
    """
    reject_unsupported("read_parquet", unsupported)
    p = check_read_path(path, "read_parquet")
    try:
        schema = pq.read_schema(p) if os.path.isfile(p) else None
    except pa.ArrowInvalid as e:
        raise ValueError(f"read_parquet: '{p}' is not a Parquet file: {e}") from e
    if schema is not None:
        columns = _check_columns(columns, schema.names, "read_parquet")
    # strings are read as their dictionary pages: no row is decoded or hashed
    strings = string_fields(schema) if schema is not None else []
    try:
        table = pq.read_table(
            p,
            columns=columns,
            filters=filters,
            use_threads=True,
            use_pandas_metadata=True,
            read_dictionary=strings or None,
        )
    except pa.ArrowInvalid as e:
        raise ValueError(f"read_parquet: cannot read '{p}': {e}") from e
    frame = table_to_frame(table, device=device, dictionary_strings=set(strings))
    del table
    return frame._map_columns(_own_host_memory)


def _own_host_memory(col: Any) -> Any:
    """The column with large host buffers copied out of Arrow's allocator into NumPy's.

    NumPy asks the kernel for huge pages on large arrays; Arrow's allocator does not, and a
    gather or scan over 4 KiB pages pays a TLB miss every few rows (2-4x slower on every
    later operation). One copy here, while the file's pages are still warm.
    """
    data, mask = col.data, col.mask
    if not isinstance(data, np.ndarray) or data.nbytes < _OWN_MIN_BYTES or data.flags.owndata:
        return col
    if mask is not None and isinstance(mask, np.ndarray) and not mask.flags.owndata:
        mask = np.array(mask)
    return col._replace(data=np.array(data), mask=mask)


_OWN_MIN_BYTES = 1 << 22


def to_parquet(
    df: Any,
    path: str | os.PathLike[str],
    *,
    index: bool | None = None,
    compression: str | None = "snappy",
    row_group_size: int | None = None,
    **unsupported: Any,
) -> None:
    """Write ``df`` to a Parquet file atomically (all or nothing under ``path``).

    ``index`` as pandas: None stores a RangeIndex as metadata and any other index as
    columns, True always as columns, False not at all. The pandas schema metadata is
    written, so pandas and :func:`read_parquet` restore dtypes and index.
    """
    reject_unsupported("to_parquet", unsupported)
    table = frame_to_table(df, index=index, func="to_parquet")
    dictionary = dictionary_columns(table)
    with atomic_path(path, "to_parquet") as tmp:
        pq.write_table(
            table,
            tmp,
            compression=compression,
            row_group_size=row_group_size,
            use_dictionary=dictionary,
        )


_SAMPLE = 1 << 16


def dictionary_columns(table: pa.Table) -> list[str] | bool:
    """The columns worth dictionary-encoding: all but the numeric/temporal ones whose values
    are mostly distinct (more than half of a strided sample of 65536 rows).

    Parquet's writer tries a dictionary for every column and gives it up once the dictionary
    page passes 1 MiB (~131k 8-byte values per row group), after hashing every value until
    then; a mostly-distinct column would end there anyway, so it is written plain at once
    (the values read back are the same; the file is a little smaller).

    Examples
    --------
    >>> import numpy as np
    >>> t = pa.table({"k": np.arange(200_000) % 7, "x": np.arange(200_000) * 0.5})
    >>> dictionary_columns(t)
    ['k']
    >>> dictionary_columns(pa.table({"k": [1, 1]}))
    True
    """
    n = table.num_rows
    if n < _SAMPLE:
        return True
    keep: list[str] = []
    dropped = False
    step = n // _SAMPLE
    for name, col in zip(table.column_names, table.columns):
        t = col.type
        numeric = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_temporal(t)
        if numeric and col.null_count < n // 2:
            sample = col.take(np.arange(0, step * _SAMPLE, step)).drop_null()
            if len(sample) and len(pc.unique(sample)) * 2 > len(sample):
                dropped = True
                continue
        keep.append(name)
    return keep if dropped else True
