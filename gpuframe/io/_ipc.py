"""Arrow IPC (Feather v2): ``read_ipc``/``read_feather`` and atomic ``to_ipc``."""

from __future__ import annotations

import os
from typing import Any

import pyarrow as pa

from ._atomic import atomic_path, check_read_path
from ._table import frame_to_table, reject_unsupported, table_to_frame

__all__ = ["read_feather", "read_ipc", "to_feather", "to_ipc"]


def read_ipc(
    path: str | os.PathLike[str],
    columns: list[str] | None = None,
    *,
    device: Any = None,
    **unsupported: Any,
) -> Any:
    """Read an Arrow IPC file (Feather v2) or IPC stream into a DataFrame.

    The file is memory-mapped; ``columns`` selects columns by name (the index columns
    recorded by pandas come along).

    Examples
    --------
    >>> import os, tempfile, gpuframe
    >>> path = os.path.join(tempfile.mkdtemp(), "t.arrow")
    >>> gpuframe.DataFrame({"a": [1.5, None]}).to_ipc(path)
    >>> read_ipc(path).to_pandas()["a"].tolist()
    [1.5, nan]
    """
    reject_unsupported("read_ipc", unsupported)
    p = check_read_path(path, "read_ipc")
    with pa.memory_map(p, "r") as source:
        try:
            table = pa.ipc.open_file(source).read_all()
        except pa.ArrowInvalid:
            source.seek(0)
            try:
                table = pa.ipc.open_stream(source).read_all()
            except pa.ArrowInvalid as e:
                raise ValueError(f"read_ipc: '{p}' is not an Arrow IPC file: {e}") from e
    if columns is not None:
        if isinstance(columns, str):
            raise TypeError(f"read_ipc: `columns` must be a list of names; received {columns!r}")
        names = table.column_names
        missing = [c for c in columns if c not in names]
        if missing:
            raise KeyError(f"read_ipc: column {missing[0]!r} not found; columns: {names}")
        meta = table.schema.pandas_metadata or {}
        keep = list(columns) + [
            c for c in meta.get("index_columns", []) if isinstance(c, str) and c not in columns
        ]
        table = table.select(keep)
    return table_to_frame(table, device=device)


def read_feather(
    path: str | os.PathLike[str], columns: list[str] | None = None, *, device: Any = None
) -> Any:
    """Read a Feather (v2, i.e. Arrow IPC) file; see :func:`read_ipc`."""
    return read_ipc(path, columns, device=device)


def to_ipc(
    df: Any,
    path: str | os.PathLike[str],
    *,
    index: bool | None = None,
    compression: str | None = None,
    **unsupported: Any,
) -> None:
    """Write ``df`` as an Arrow IPC file (Feather v2) atomically.

    ``compression``: None, "lz4" or "zstd". ``index`` as :func:`to_parquet`.
    """
    reject_unsupported("to_ipc", unsupported)
    table = frame_to_table(df, index=index, func="to_ipc")
    options = pa.ipc.IpcWriteOptions(compression=compression)
    with atomic_path(path, "to_ipc") as tmp:
        with (
            pa.OSFile(tmp, "wb") as sink,
            pa.ipc.new_file(sink, table.schema, options=options) as w,
        ):
            w.write_table(table)


def to_feather(df: Any, path: str | os.PathLike[str], **kwargs: Any) -> None:
    """Write a Feather (v2) file; see :func:`to_ipc`."""
    to_ipc(df, path, **kwargs)
