"""The interop side of gpuframe's dunder methods and array conversions.

gpuframe's Series, Index and DataFrame define ``__dlpack__``, ``__array__``,
``__arrow_c_stream__`` and friends as one-line methods that import this module lazily and
call the function of the same role here, so the import direction stays
``gpuframe.backend <- gpuframe <- interop``.
"""

from __future__ import annotations

from typing import Any

from ._copy import check_copy_flag, need_copy

__all__ = [
    "frame_array",
    "frame_arrow_c_schema",
    "frame_arrow_c_stream",
    "frame_interchange",
    "gpuframe_native",
    "series_array",
    "series_arrow_c_array",
    "series_cuda_array_interface",
    "series_dlpack",
    "series_dlpack_device",
    "to_array",
    "to_cupy",
    "to_numpy",
]


def _gf() -> Any:
    import gpuframe

    return gpuframe


def _single_column(obj: Any) -> Any:
    """The one Column of a Series or a single-level Index."""
    gf = _gf()
    if isinstance(obj, gf.Series):
        return obj._column
    cols = obj._columns()
    if len(cols) != 1:
        raise TypeError(
            f"a MultiIndex with {len(cols)} levels has no single array; use "
            "get_level_values(i) or to_pandas()"
        )
    return cols[0]


# ------------------------------------------------------------------------ as_array hook


def gpuframe_native(
    obj: Any, copy: bool | None, order: str | None, dtype: Any = None
) -> tuple[Any, bool]:
    """A gpuframe DataFrame (2-D matrix), Series or Index (1-D) as a device array:
    the column data itself, the frame's block, or one copy."""
    import array_api_compat

    from ._matrix import _column_values, columns_matrix

    gf = _gf()
    if isinstance(obj, gf.DataFrame):
        block = getattr(obj, "_block", None)  # the 2-D array the frame was built from
        if block is not None and tuple(block.shape) == (len(obj), len(obj._cols)):
            return block, False
        return columns_matrix(
            list(obj._cols.values()),
            names=list(obj._cols),
            nrows=len(obj),
            dtype=dtype,
            copy=copy,
            order=order,
        )
    col = _single_column(obj)
    on_gpu = array_api_compat.is_cupy_array(col.data)
    values = _column_values(col, name=getattr(obj, "name", None), on_gpu=on_gpu)
    if values is not col.data:
        need_copy(
            f"the {type(obj).__name__} of dtype {col.dtype} "
            + ("is dictionary-encoded" if col.is_encoded else f"holds {col.null_count} nulls"),
            copy,
        )
        return values, True
    return values, False


def to_array(
    obj: Any,
    *,
    device: Any = None,
    dtype: Any = None,
    copy: bool | None = None,
    order: str | None = None,
) -> Any:
    """A frame as one 2-D matrix (a series as a 1-D array) on ``device``: the block the
    frame was built from when its columns are still that block, else exactly one copy
    into ``order`` ("F" by default); see :func:`interop.as_array`.

    Examples
    --------
    >>> import gpuframe, numpy as np
    >>> m = np.arange(6.0).reshape(3, 2)
    >>> to_array(gpuframe.DataFrame(m)) is m or np.shares_memory(to_array(gpuframe.DataFrame(m)), m)
    True
    """
    from ._array import as_array

    return as_array(obj, device=device, dtype=dtype, copy=copy, order=order)


def to_numpy(obj: Any, *, dtype: Any = None, copy: bool = False, order: str | None = None):
    """``to_array(obj, device="cpu")`` with pandas' ``copy`` meaning (``False`` = copy only
    where needed, ``True`` = always)."""
    return to_array(obj, device="cpu", dtype=dtype, copy=True if copy else None, order=order)


def to_cupy(obj: Any, *, dtype: Any = None, copy: bool = False, order: str | None = None):
    """``to_array(obj, device="gpu")`` with pandas' ``copy`` meaning."""
    return to_array(obj, device="gpu", dtype=dtype, copy=True if copy else None, order=order)


# ------------------------------------------------------------------------ Series / Index


def series_dlpack(
    obj: Any,
    *,
    stream: Any = None,
    max_version: Any = None,
    dl_device: Any = None,
    copy: bool | None = None,
) -> Any:
    """``Series.__dlpack__`` / ``Index.__dlpack__``: the column's data, no copy."""
    from ._dlpack import column_dlpack

    try:
        col = _single_column(obj)
    except TypeError as e:
        raise BufferError(str(e)) from None
    return column_dlpack(
        col, stream=stream, max_version=max_version, dl_device=dl_device, copy=copy, owner=obj
    )


def series_dlpack_device(obj: Any) -> tuple[int, int]:
    from ._dlpack import column_dlpack_device

    return column_dlpack_device(_single_column(obj))


def series_cuda_array_interface(obj: Any) -> dict[str, Any]:
    from ._dlpack import column_cuda_array_interface

    try:
        col = _single_column(obj)
    except TypeError as e:
        raise AttributeError(str(e)) from None
    return column_cuda_array_interface(col, owner=obj)


def series_array(obj: Any, dtype: Any = None, copy: bool | None = None) -> Any:
    """``Series.__array__`` / ``Index.__array__`` (CPU only; no copy without nulls)."""
    import numpy as np

    from ._dlpack import column_array

    gf = _gf()
    if isinstance(obj, gf.MultiIndex):  # as pandas: an object array of tuples
        need_copy("a MultiIndex is materialised as an array of tuples", check_copy_flag(copy))
        return np.asarray(obj.to_pandas(), dtype=dtype)
    return column_array(_single_column(obj), dtype=dtype, copy=copy, owner=obj)


def series_arrow_c_array(obj: Any, requested_schema: Any = None) -> tuple[Any, Any]:
    """``Series.__arrow_c_array__``: the Arrow array (CPU primitive data wrapped, not
    copied) with the series' name in the schema."""
    import pyarrow as pa

    arr = _single_column(obj).to_arrow()
    schema, array = arr.__arrow_c_array__(requested_schema)
    if requested_schema is None:
        name = "" if obj.name is None else str(obj.name)
        schema = pa.field(name, arr.type).__arrow_c_schema__()
    return schema, array


# ------------------------------------------------------------------------ DataFrame


def frame_arrow_c_stream(obj: Any, requested_schema: Any = None) -> Any:
    """``DataFrame.__arrow_c_stream__``: one record batch over the frame's columns (CPU
    primitive columns wrapped, not copied; a non-default index kept as pandas does)."""
    return obj.to_arrow().__arrow_c_stream__(requested_schema)


def frame_arrow_c_schema(obj: Any) -> Any:
    """``DataFrame.__arrow_c_schema__``: the schema, from an empty slice (no data moves)."""
    return obj.head(0).to_arrow().schema.__arrow_c_schema__()


def frame_interchange(obj: Any, nan_as_null: bool = False, allow_copy: bool = True) -> Any:
    """``DataFrame.__dataframe__``: the DataFrame interchange protocol, served by the Arrow
    export. With ``allow_copy=False``, GPU frames and string columns (which need a
    device-to-host copy or decoding) raise ``RuntimeError``."""
    import array_api_compat

    cols = list(obj._cols.values())
    if not allow_copy:
        if any(array_api_compat.is_cupy_array(c.data) for c in cols):
            raise RuntimeError(
                "__dataframe__(allow_copy=False): the frame lives on the GPU; the interchange "
                "protocol is served from host memory, which needs a device-to-host copy"
            )
        encoded = [k for k, c in obj._cols.items() if c.is_encoded]
        if encoded:
            raise RuntimeError(
                f"__dataframe__(allow_copy=False): columns {encoded} are dictionary-encoded "
                "strings/categories, decoded for the interchange protocol (a copy)"
            )
    return obj.to_arrow().__dataframe__(nan_as_null=nan_as_null, allow_copy=allow_copy)


def frame_array(obj: Any, dtype: Any = None, copy: bool | None = None) -> Any:
    """``DataFrame.__array__`` (CPU only): the 2-D matrix, the frame's own block when it
    has one."""
    import array_api_compat

    copy = check_copy_flag(copy)
    if any(array_api_compat.is_cupy_array(c.data) for c in obj._cols.values()):
        raise TypeError(
            "this DataFrame lives on the GPU; implicit conversion to a NumPy array is not "
            "allowed. Use .to_numpy() (one counted device-to-host copy)"
        )
    return to_array(obj, device="cpu", dtype=dtype, copy=copy)
