"""The Arrow round trip Dask uses for Parquet and for its P2P shuffle."""

from __future__ import annotations

import warnings
from typing import Any

import pyarrow as pa

__all__ = ["from_pyarrow_table_gpuframe", "pyarrow_schema_gpuframe", "to_pyarrow_table_gpuframe"]


def _ignored(func: str, kwargs: dict[str, Any]) -> None:
    if kwargs:
        warnings.warn(f"{func}: ignoring keyword arguments {sorted(kwargs)}", stacklevel=3)


def to_pyarrow_table_gpuframe(
    obj: Any, preserve_index: bool | None = None, **kwargs: Any
) -> pa.Table:
    """``obj`` as an Arrow table (one transfer to the host on the GPU).

    Examples
    --------
    >>> import gpuframe
    >>> to_pyarrow_table_gpuframe(gpuframe.DataFrame({"a": [1, 2]}), preserve_index=False)
    pyarrow.Table
    a: int64
    ----
    a: [[1,2]]
    """
    _ignored("to_pyarrow_table", kwargs)
    return obj.to_arrow(preserve_index=preserve_index)


def pyarrow_schema_gpuframe(obj: Any, preserve_index: bool | None = None, **kwargs: Any) -> Any:
    """The Arrow schema of ``obj``'s table (computed on a two-row stand-in).

    Examples
    --------
    >>> import gpuframe
    >>> pyarrow_schema_gpuframe(gpuframe.DataFrame({"a": [1.5]}).head(0), preserve_index=False)
    a: double
    """
    from dask.dataframe.dispatch import meta_nonempty

    _ignored("pyarrow_schema", kwargs)
    return to_pyarrow_table_gpuframe(meta_nonempty(obj), preserve_index=preserve_index).schema


def from_pyarrow_table_gpuframe(meta: Any, table: pa.Table, **kwargs: Any) -> Any:
    """A gpuframe DataFrame from an Arrow table, on the device of ``meta``.

    Examples
    --------
    >>> import gpuframe, pyarrow as pa
    >>> out = from_pyarrow_table_gpuframe(gpuframe.DataFrame({"a": [0]}), pa.table({"a": [5]}))
    >>> type(out).__name__, out["a"].to_pandas().tolist()
    ('DataFrame', [5])
    """
    import gpuframe

    kwargs.pop("self_destruct", None)
    kwargs.pop("types_mapper", None)
    _ignored("from_pyarrow_table", kwargs)
    return gpuframe.from_arrow(table, device=getattr(meta, "device", None))
