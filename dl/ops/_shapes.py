"""Static shape helpers (``None`` = a dim unknown at trace time) and operand conversion."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._dtypes import DType
from .._errors import DTypeError, ShapeError
from .._tensor import Tensor, constant, convert_to_tensor

__all__ = ["as_operands", "broadcast_shapes", "normalize_axes", "normalize_axis"]


def broadcast_shapes(opname: str, *shapes: tuple) -> tuple:
    """NumPy broadcasting of static shapes; a :class:`ShapeError` naming the op and shapes."""
    ndim = max(len(s) for s in shapes)
    out = []
    for i in range(ndim):
        dim: Any = 1
        for s in shapes:
            j = i - (ndim - len(s))
            if j < 0:
                continue
            d = s[j]
            if d == 1:
                continue
            if dim == 1:
                dim = d
            elif d is None:
                continue
            elif dim is None:
                dim = d
            elif d != dim:
                raise ShapeError(
                    f"{opname}: shapes {' and '.join(str(tuple(s)) for s in shapes)} cannot be "
                    f"broadcast together (dim {i} is {dim} vs {d})"
                )
        out.append(dim)
    return tuple(out)


def normalize_axis(opname: str, axis: int, ndim: int, *, argument: str = "axis") -> int:
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool):
        raise TypeError(
            f"{opname}: Invalid type for argument `{argument}`. Expected an int. "
            f"Received: {argument}={axis!r}"
        )
    if not -ndim <= axis < max(ndim, 1):
        raise ShapeError(
            f"{opname}: Invalid value for argument `{argument}`. Expected an axis in "
            f"[{-ndim}, {ndim}) for a rank-{ndim} tensor. Received: {argument}={axis}"
        )
    return int(axis) % max(ndim, 1)


def normalize_axes(opname: str, axis: Any, ndim: int) -> tuple:
    """``axis`` (None, int or sequence) as a sorted tuple of non-negative axes."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, Tensor):
        axis = axis.numpy().tolist()
    if isinstance(axis, (list, tuple)):
        axes = tuple(sorted({normalize_axis(opname, a, ndim) for a in axis}))
        return axes
    return (normalize_axis(opname, axis, ndim),)


def _scalar_for(opname: str, value: Any, dtype: DType) -> Tensor:
    if isinstance(value, float) and not dtype.is_floating:
        raise DTypeError(
            f"{opname}: cannot combine the float {value!r} with a {dtype.name} tensor "
            f"(cast the tensor first)"
        )
    from gpuframe.backend import current_device

    key = (type(value), value, dtype.name, str(current_device()))
    hit = _SCALARS.get(key)
    if hit is None:
        if len(_SCALARS) > 4096:
            _SCALARS.clear()
        hit = _SCALARS[key] = constant(value, dtype=dtype)
    return hit


_SCALARS: dict[tuple, Tensor] = {}  # Python scalars as tensors, made once per dtype/device


def as_operands(opname: str, *values: Any) -> list[Tensor]:
    """Convert op operands to Tensors; Python scalars take the dtype of a tensor operand."""
    ref: DType | None = None
    for v in values:
        if isinstance(v, Tensor):
            ref = v.dtype
            break
    if ref is None:
        for v in values:
            if not isinstance(v, (int, float, bool)):
                ref = convert_to_tensor(v).dtype
                break
    out = []
    for v in values:
        if isinstance(v, Tensor):
            out.append(v)
        elif (
            ref is not None and isinstance(v, (int, float, bool)) and not isinstance(v, np.generic)
        ):
            out.append(_scalar_for(opname, v, ref))
        else:
            out.append(convert_to_tensor(v))
    return out


def is_static(shape: tuple) -> bool:
    return all(d is not None for d in shape)
