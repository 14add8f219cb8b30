"""DLPack, ``__cuda_array_interface__`` and ``__array__`` for gpuframe columns.

A column's ``data`` array *is* the exported memory: a Series or Index hands it to torch,
CuPy, NumPy or JAX without a copy. Columns whose values are not in ``data`` alone (strings
and categories are codes into a host dictionary; integer/bool columns with nulls need their
validity mask) cannot be exported this way and raise ``BufferError`` saying what to do.
"""

from __future__ import annotations

from typing import Any

import array_api_compat
import numpy as np

from ._copy import check_copy_flag, need_copy

__all__ = [
    "column_array",
    "column_cuda_array_interface",
    "column_dlpack",
    "column_dlpack_device",
    "from_dlpack",
    "exportable_data",
]


def _describe(owner: Any) -> str:
    name = getattr(owner, "name", None)
    kind = type(owner).__name__ if owner is not None else "column"
    return f"{kind} {name!r}" if name is not None else kind


def exportable_data(col: Any, *, owner: Any = None, protocol: str = "DLPack") -> Any:
    """The column's data array when it alone holds the values, else ``BufferError``."""
    if col.is_encoded:
        raise BufferError(
            f"{_describe(owner)} of dtype {col.dtype} cannot be exported through {protocol}: "
            "its values are int32 codes into a host dictionary; export `.cat.codes`/the codes "
            "explicitly or use to_arrow()"
        )
    if col.mask is not None and col.has_nulls:
        raise BufferError(
            f"{_describe(owner)} of dtype {col.dtype} holds {col.null_count} nulls, which "
            f"{protocol} cannot represent; fill them first (fillna) or use to_arrow()"
        )
    return col.data


def column_dlpack(
    col: Any,
    *,
    stream: Any = None,
    max_version: tuple[int, int] | None = None,
    dl_device: tuple[int, int] | None = None,
    copy: bool | None = None,
    owner: Any = None,
) -> Any:
    """``__dlpack__`` of a column: the data array's own capsule (no copy unless asked)."""
    data = exportable_data(col, owner=owner)
    if data.dtype.kind in "mM":
        raise BufferError(
            f"{_describe(owner)} of dtype {data.dtype} cannot be exported through DLPack "
            "(DLPack has no datetime types); export `.astype('int64')` ticks instead"
        )
    kwargs: dict[str, Any] = {}
    if stream is not None:
        kwargs["stream"] = stream
    if max_version is not None:
        kwargs["max_version"] = max_version
    if dl_device is not None:
        kwargs["dl_device"] = dl_device
    if copy is not None:
        kwargs["copy"] = copy
    return data.__dlpack__(**kwargs)


def column_dlpack_device(col: Any) -> tuple[int, int]:
    """``__dlpack_device__`` of a column: where its data lives, as (device type, id)."""
    return tuple(col.data.__dlpack_device__())  # type: ignore[return-value]


def column_cuda_array_interface(col: Any, *, owner: Any = None) -> dict[str, Any]:
    """``__cuda_array_interface__`` of a GPU column; ``AttributeError`` on the CPU or when
    the column cannot be described by its data alone (so ``hasattr`` is False)."""
    data = col.data
    if not array_api_compat.is_cupy_array(data):
        raise AttributeError(
            f"{_describe(owner)} lives on the CPU and has no __cuda_array_interface__; "
            "use __array__ / __dlpack__"
        )
    try:
        exportable_data(col, owner=owner, protocol="__cuda_array_interface__")
    except BufferError as e:
        raise AttributeError(str(e)) from None
    return data.__cuda_array_interface__


def column_array(col: Any, *, dtype: Any = None, copy: bool | None = None, owner: Any = None):
    """``__array__`` of a CPU column: the data itself when it holds the values, else a
    NumPy array as pandas' ``to_numpy`` gives (NaN for nulls, objects for strings)."""
    copy = check_copy_flag(copy)
    data = col.data
    if not isinstance(data, np.ndarray):
        raise TypeError(
            f"{_describe(owner)} lives on {col.device}; implicit conversion to a NumPy array "
            "is not allowed. Use .to_numpy() (one counted device-to-host copy)"
        )
    copied = False
    if col.is_encoded or (col.mask is not None and col.has_nulls):
        need_copy(
            f"{_describe(owner)} of dtype {col.dtype} "
            + ("is dictionary-encoded" if col.is_encoded else f"holds {col.null_count} nulls"),
            copy,
        )
        out, copied = col.to_host_array(), True
    else:
        out = data
    if dtype is not None and out.dtype != np.dtype(dtype):
        need_copy(f"casting {out.dtype} to {np.dtype(dtype)}", copy)
        out, copied = out.astype(dtype), True
    if copy and not copied:
        out = out.copy()
    return out


def from_dlpack(
    x: Any,
    *,
    device: Any = None,
    copy: bool | None = None,
    index: Any = None,
    columns: Any = None,
    name: Any = None,
) -> Any:
    """A gpuframe Series (1-D) or DataFrame (2-D) over the memory of a DLPack producer.

    Host memory gives a CPU object (NumPy), CUDA memory a GPU object (CuPy), without a
    copy; ``device``/``copy`` as in :func:`interop.as_array`.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(3.0)
    >>> s = from_dlpack(a, name="x")
    >>> s.name, np.shares_memory(s.to_numpy(), a)
    ('x', True)
    """
    from gpuframe.backend import parse_device

    from ._array import dlpack_native, finish_array
    from ._frames import frame_from_array

    copy = check_copy_flag(copy)
    if not (hasattr(x, "__dlpack__") and hasattr(x, "__dlpack_device__")):
        raise TypeError(
            "Invalid type for argument `x`. Expected an object with __dlpack__ and "
            f"__dlpack_device__. Received: x of type {type(x).__name__}"
        )
    arr, copied = dlpack_native(x, copy)
    target = None if device is None else parse_device(device)
    arr = finish_array(arr, copied=copied, device=target, dtype=None, copy=copy, order=None)
    return frame_from_array(arr, index=index, columns=columns, name=name, argument="x")
