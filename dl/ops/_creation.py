"""Tensor factories: zeros, ones, fill, range, eye (concrete tensors on the current device)."""

from __future__ import annotations

from typing import Any

from .. import _dtypes
from .._dtypes import as_dtype
from .._tensor import Tensor

__all__ = ["eye", "fill", "ones", "range", "zeros"]

_builtin_range = range


def _xp() -> Any:
    from gpuframe.backend import namespace_for

    return namespace_for()


def _shape(shape: Any) -> tuple:
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def fill(dims: Any, value: Any, dtype: Any = None, name: str | None = None) -> Tensor:
    """A tensor of shape ``dims`` filled with ``value`` (dtype from the value by default)."""
    if dtype is None:
        dtype = (
            _dtypes.bool
            if isinstance(value, bool)
            else _dtypes.float32
            if isinstance(value, float)
            else _dtypes.int32
        )
    dt = as_dtype(dtype)
    xp = _xp()
    return Tensor._from_array(xp.full(_shape(dims), value, dtype=dt.of(xp)), dt)


def zeros(shape: Any, dtype: Any = _dtypes.float32, name: str | None = None) -> Tensor:
    """Zeros of ``shape`` (float32 by default).

    Examples
    --------
    >>> import dl
    >>> dl.zeros((2,)).numpy().tolist()
    [0.0, 0.0]
    """
    return fill(shape, 0, dtype)


def ones(shape: Any, dtype: Any = _dtypes.float32, name: str | None = None) -> Tensor:
    """Ones of ``shape`` (float32 by default)."""
    return fill(shape, 1, dtype)


def range(
    start: Any, limit: Any = None, delta: Any = 1, dtype: Any = None, name: str | None = None
) -> Tensor:
    """``[start, start + delta, ...)`` below ``limit``, as ``tf.range``."""
    if limit is None:
        start, limit = 0, start
    if dtype is None:
        dtype = (
            _dtypes.float32
            if any(isinstance(v, float) for v in (start, limit, delta))
            else _dtypes.int32
        )
    dt = as_dtype(dtype)
    xp = _xp()
    return Tensor._from_array(xp.arange(start, limit, delta, dtype=dt.of(xp)), dt)


def eye(
    num_rows: int,
    num_columns: int | None = None,
    dtype: Any = _dtypes.float32,
    name: str | None = None,
) -> Tensor:
    """The identity matrix."""
    dt = as_dtype(dtype)
    xp = _xp()
    return Tensor._from_array(xp.eye(num_rows, num_columns, dtype=dt.of(xp)), dt)
