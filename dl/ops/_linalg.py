"""Batched matrix multiplication."""

from __future__ import annotations

from typing import Any

from .._errors import DTypeError, ShapeError
from .._tensor import Tensor
from ._registry import Op, apply, register, same_dtype
from ._shapes import as_operands, broadcast_shapes

__all__ = ["matmul"]


def _mT(xp: Any, a: Any) -> Any:
    return xp.matrix_transpose(a) if hasattr(xp, "matrix_transpose") else xp.swapaxes(a, -1, -2)


def _matmul_forward(xp: Any, a: Any, b: Any, ta: bool, tb: bool) -> Any:
    if ta:
        a = _mT(xp, a)
    if tb:
        b = _mT(xp, b)
    return xp.matmul(a, b)


def _matmul_infer(a: Tensor, b: Tensor, ta: bool, tb: bool) -> tuple:
    dt = same_dtype("matmul", a, b, names=("a", "b"))
    if dt.is_bool:
        raise DTypeError("matmul: bool operands are not supported")
    if a.ndim < 2 or b.ndim < 2:
        raise ShapeError(
            f"matmul: both operands need rank >= 2; received shapes a={a.shape} and b={b.shape}"
        )
    m, k1 = (a.shape[-1], a.shape[-2]) if ta else (a.shape[-2], a.shape[-1])
    k2, n = (b.shape[-1], b.shape[-2]) if tb else (b.shape[-2], b.shape[-1])
    if None not in (k1, k2) and k1 != k2:
        raise ShapeError(
            f"matmul: inner dimensions differ: a has shape {a.shape}{' (transposed)' if ta else ''} and "
            f"b has shape {b.shape}{' (transposed)' if tb else ''} ({k1} != {k2})"
        )
    batch = broadcast_shapes("matmul", a.shape[:-2], b.shape[:-2])
    return (*batch, m, n), dt


def _matmul_grad(ctx: Any, dy: Tensor) -> tuple:
    from . import unbroadcast

    a, b = ctx.inputs
    ta, tb = ctx.attrs["ta"], ctx.attrs["tb"]
    na, nb = ctx.needs
    ga = gb = None
    if not ta and not tb:
        ga = matmul(dy, b, transpose_b=True) if na else None
        gb = matmul(a, dy, transpose_a=True) if nb else None
    elif ta and not tb:
        ga = matmul(b, dy, transpose_b=True) if na else None
        gb = matmul(a, dy) if nb else None
    elif not ta and tb:
        ga = matmul(dy, b) if na else None
        gb = matmul(dy, a, transpose_a=True) if nb else None
    else:
        ga = matmul(b, dy, transpose_a=True, transpose_b=True) if na else None
        gb = matmul(dy, a, transpose_a=True, transpose_b=True) if nb else None
    return (None if ga is None else unbroadcast(ga, a), None if gb is None else unbroadcast(gb, b))


MATMUL = register(Op("matmul", _matmul_forward, _matmul_infer, _matmul_grad))


def matmul(
    a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False, name: str | None = None
) -> Tensor:
    """Matrix product of the last two dims, broadcasting leading (batch) dims.

    Examples
    --------
    >>> import dl
    >>> dl.matmul([[1.0, 2.0]], [[3.0], [4.0]]).numpy().tolist()
    [[11.0]]
    """
    x, y = as_operands("matmul", a, b)
    return apply(MATMUL, (x, y), {"ta": bool(transpose_a), "tb": bool(transpose_b)})
