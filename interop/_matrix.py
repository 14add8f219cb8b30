"""Columns -> one 2-D matrix: the block itself when the columns are views of one block,
else exactly one copy into a new C- or F-ordered block on the columns' device."""

from __future__ import annotations

from typing import Any

import array_api_compat
import numpy as np

from gpuframe.backend import Device, array_namespace

from ._copy import need_copy

__all__ = ["block_of", "columns_matrix"]


def _pointer(a: Any) -> int:
    if array_api_compat.is_cupy_array(a):
        return int(a.data.ptr)
    return int(a.__array_interface__["data"][0])


def _base(a: Any) -> Any:
    while getattr(a, "base", None) is not None and hasattr(a.base, "shape"):
        a = a.base
    return a


def block_of(arrays: list[Any]) -> Any:
    """The 2-D block whose columns ``arrays`` are, as a strided view; ``None`` if there is
    none (different allocations, dtypes, or spacing). The view shares the block's memory.

    Examples
    --------
    >>> import numpy as np
    >>> m = np.arange(6.0).reshape(3, 2)
    >>> np.shares_memory(block_of([m[:, 0], m[:, 1]]), m)
    True
    """
    if not arrays:
        return None
    first = arrays[0]
    if first.ndim != 1 or any(a.ndim != 1 or a.dtype != first.dtype for a in arrays):
        return None
    if any(a.shape != first.shape or a.strides != first.strides for a in arrays):
        return None
    base = _base(first)
    if any(_base(a) is not base for a in arrays[1:]):
        return None
    if len(arrays) == 1:
        return first.reshape(-1, 1) if (first.flags["C_CONTIGUOUS"] or len(first) <= 1) else None
    ptrs = [_pointer(a) for a in arrays]
    step = ptrs[1] - ptrs[0]
    if step <= 0 or any(ptrs[j + 1] - ptrs[j] != step for j in range(len(ptrs) - 1)):
        return None
    shape, strides = (first.shape[0], len(arrays)), (first.strides[0], step)
    if array_api_compat.is_cupy_array(first):
        from cupy.lib.stride_tricks import as_strided
    else:
        from numpy.lib.stride_tricks import as_strided
    view = as_strided(first, shape=shape, strides=strides)
    if not (view.flags["C_CONTIGUOUS"] or view.flags["F_CONTIGUOUS"]):
        return None  # a slice of a wider block: gathering the columns is a copy anyway
    if isinstance(view, np.ndarray) and not first.flags.writeable:
        view.flags.writeable = False
    return view


def _column_values(col: Any, *, name: Any, on_gpu: bool) -> Any:
    """A column's values as one array on its device (NaN for nulls), for stacking."""
    if col.is_encoded:
        if on_gpu:
            raise TypeError(
                f"column {name!r} of dtype {col.dtype} cannot go into a GPU matrix (there are "
                "no GPU strings); select numeric columns or encode it first"
            )
        return col.to_host_array()
    data = col.data
    if col.mask is not None and col.has_nulls:
        xp = array_namespace(data)
        wide = data.dtype if data.dtype.kind == "f" else np.dtype("float64")
        nan = xp.asarray(np.nan, dtype=wide)
        return xp.where(col.mask, xp.astype(data, wide), nan)
    return data


def columns_matrix(
    columns: list[Any],
    *,
    names: list[Any] | None = None,
    nrows: int = 0,
    device: Device | None = None,
    dtype: Any = None,
    copy: bool | None = None,
    order: str | None = None,
) -> tuple[Any, bool]:
    """``(matrix, copied)`` from gpuframe columns: the shared block, or one copy.

    Integer/bool columns with nulls become float64 with NaN (as pandas' ``to_numpy``);
    strings and categories give an object matrix on the CPU.
    """
    names = list(range(len(columns))) if names is None else list(names)
    if not columns:
        return np.empty((nrows, 0)), False
    plain = all(not c.is_encoded and not (c.mask is not None and c.has_nulls) for c in columns)
    if plain:
        block = block_of([c.data for c in columns])
        if block is not None:
            return block, False
    on_gpu = array_api_compat.is_cupy_array(columns[0].data)
    if len(columns) == 1:
        why = f"column {names[0]!r} " + (
            "is dictionary-encoded" if columns[0].is_encoded else "has nulls or is strided"
        )
    else:
        why = (
            f"a 2-D matrix from {len(columns)} separate columns is copied into one block "
            f"(order {order or 'F'})"
        )
    need_copy(why, copy)
    values = [_column_values(c, name=n, on_gpu=on_gpu) for c, n in zip(columns, names)]
    return stack(values, order=order or "F", dtype=dtype), True


def stack(values: list[Any], *, order: str = "F", dtype: Any = None) -> Any:
    """Equal-length 1-D arrays (one device) -> a new 2-D block, written once."""
    if dtype is not None:
        dt = np.dtype(dtype)
    else:
        try:
            dt = np.result_type(*[v.dtype for v in values])
        except TypeError:
            dt = np.dtype(object)
    first = values[0]
    if array_api_compat.is_cupy_array(first):
        import cupy

        out = cupy.empty((first.shape[0], len(values)), dtype=dt, order=order)
    elif isinstance(first, np.ndarray):
        out = np.empty((first.shape[0], len(values)), dtype=dt, order=order)  # type: ignore[call-overload]
    else:  # another Array API namespace: no memory order to choose
        xp = array_namespace(first)
        return xp.stack([xp.astype(v, getattr(xp, dt.name)) for v in values], axis=1)
    for j, v in enumerate(values):
        out[:, j] = v
    return out
