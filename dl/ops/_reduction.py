"""Reductions: sum, mean, max, min, prod, logsumexp, argmax/argmin, any/all."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _dtypes
from .._dtypes import as_dtype
from .._errors import DTypeError
from .._tensor import Tensor
from ._registry import Op, apply, op_function, register
from ._shapes import as_operands, normalize_axes, normalize_axis

__all__ = [
    "argmax",
    "argmin",
    "reduce_all",
    "reduce_any",
    "reduce_logsumexp",
    "reduce_max",
    "reduce_mean",
    "reduce_min",
    "reduce_prod",
    "reduce_sum",
]


def _o():
    from .. import ops

    return ops


def _reduced_shape(shape: tuple, axes: tuple, keepdims: bool) -> tuple:
    if keepdims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def _infer(name: str, *, floating: bool = False, boolean: bool = False):
    def infer(x: Tensor, axes: tuple, keepdims: bool) -> tuple:
        if boolean and not x.dtype.is_bool:
            raise DTypeError(f"{name}: expected a bool tensor, received dtype {x.dtype.name}")
        if not boolean and x.dtype.is_bool:
            raise DTypeError(f"{name}: expected a numeric tensor, received dtype bool")
        if floating and not x.dtype.is_floating:
            raise DTypeError(
                f"{name}: expected a floating-point tensor, received dtype {x.dtype.name}"
            )
        return _reduced_shape(x.shape, axes, keepdims), x.dtype

    return infer


def keep(t: Tensor, axes: tuple, keepdims: bool) -> Tensor:
    """A reduced tensor with its reduced axes restored as size-1 dims."""
    return t if keepdims or not axes else _o().expand_dims(t, axes)


def count(x: Tensor, axes: tuple) -> Any:
    """Number of elements reduced over ``axes`` (a Python int when static, else a tensor)."""
    dims = [x.shape[a] for a in axes]
    if all(d is not None for d in dims):
        return math.prod(dims)
    return apply(SIZE, (x,), {"axes": axes})


def _size_forward(xp: Any, x: Any, axes: tuple) -> Any:
    n = math.prod(x.shape[a] for a in axes)
    return xp.asarray(n, dtype=x.dtype)


SIZE = register(
    Op(
        "size",
        _size_forward,
        lambda x, axes: ((), x.dtype),
        lambda ctx, dy: (None,),
        differentiable=False,
    )
)


def _sum_forward(xp: Any, x: Any, axes: tuple, keepdims: bool) -> Any:
    return xp.sum(x, axis=axes, keepdims=keepdims, dtype=x.dtype)


def _sum_grad(ctx: Any, dy: Tensor) -> tuple:
    x = ctx.inputs[0]
    a = ctx.attrs
    return (_o().broadcast_like(keep(dy, a["axes"], a["keepdims"]), x),)


def _mean_forward(xp: Any, x: Any, axes: tuple, keepdims: bool) -> Any:
    return xp.mean(x, axis=axes, keepdims=keepdims)


def _mean_grad(ctx: Any, dy: Tensor) -> tuple:
    x = ctx.inputs[0]
    a = ctx.attrs
    n = count(x, a["axes"])
    g = keep(dy, a["axes"], a["keepdims"])
    g = g * (1.0 / n) if isinstance(n, int) else g / n
    return (_o().broadcast_like(g, x),)


def _extremum_grad(ctx: Any, dy: Tensor) -> tuple:
    o = _o()
    x = ctx.inputs[0]
    axes, kd = ctx.attrs["axes"], ctx.attrs["keepdims"]
    y = keep(ctx.outputs[0], axes, kd)
    mask = o.cast(o.equal(x, y), x.dtype)
    ties = o.reduce_sum(mask, axes, keepdims=True)
    return (mask * (keep(dy, axes, kd) / ties),)


def _prod_grad(ctx: Any, dy: Tensor) -> tuple:
    x = ctx.inputs[0]
    axes, kd = ctx.attrs["axes"], ctx.attrs["keepdims"]
    return (keep(dy, axes, kd) * keep(ctx.outputs[0], axes, kd) / x,)


def _lse_forward(xp: Any, x: Any, axes: tuple, keepdims: bool) -> Any:
    m = xp.max(x, axis=axes, keepdims=True)
    if type(m) is np.ndarray:
        m = np.where(np.isfinite(m), m, 0)
    else:
        m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))
    s = xp.log(xp.sum(xp.exp(x - m), axis=axes, keepdims=True)) + m
    if not keepdims:
        s = xp.reshape(s, tuple(d for i, d in enumerate(x.shape) if i not in axes))
    return s


def _lse_grad(ctx: Any, dy: Tensor) -> tuple:
    x = ctx.inputs[0]
    axes, kd = ctx.attrs["axes"], ctx.attrs["keepdims"]
    return (keep(dy, axes, kd) * _o().exp(x - keep(ctx.outputs[0], axes, kd)),)


def _reduction(name: str, forward: Any, grad: Any = None, **kinds: bool) -> Op:
    """Register a reduction ``forward(xp, x, axes, keepdims)``; no ``grad``: not differentiable.

    ``kinds`` (``floating``, ``boolean``) restrict the input dtype, as :func:`_infer`.
    """
    return register(Op(name, forward, _infer(name, **kinds), grad, differentiable=grad is not None))


SUM = _reduction("reduce_sum", _sum_forward, _sum_grad)
MEAN = _reduction("reduce_mean", _mean_forward, _mean_grad, floating=True)
MAX = _reduction(
    "reduce_max",
    lambda xp, x, axes, keepdims: xp.max(x, axis=axes, keepdims=keepdims),
    _extremum_grad,
)
MIN = _reduction(
    "reduce_min",
    lambda xp, x, axes, keepdims: xp.min(x, axis=axes, keepdims=keepdims),
    _extremum_grad,
)
PROD = _reduction(
    "reduce_prod",
    lambda xp, x, axes, keepdims: xp.prod(x, axis=axes, keepdims=keepdims, dtype=x.dtype),
    _prod_grad,
)
LSE = _reduction("reduce_logsumexp", _lse_forward, _lse_grad, floating=True)
ANY = _reduction(
    "reduce_any",
    lambda xp, x, axes, keepdims: xp.any(x, axis=axes, keepdims=keepdims),
    boolean=True,
)
ALL = _reduction(
    "reduce_all",
    lambda xp, x, axes, keepdims: xp.all(x, axis=axes, keepdims=keepdims),
    boolean=True,
)


def _reduce_fn(op: Op, doc: str):
    def fn(
        input_tensor: Any, axis: Any = None, keepdims: bool = False, name: str | None = None
    ) -> Tensor:
        (x,) = as_operands(op.name, input_tensor)
        axes = normalize_axes(op.name, axis, x.ndim)
        return apply(op, (x,), {"axes": axes, "keepdims": bool(keepdims)})

    return op_function(fn, op, doc)


reduce_sum = _reduce_fn(
    SUM,
    "Sum over ``axis`` (all axes when None).\n\n>>> import dl\n>>> dl.reduce_sum([[1.0, 2.0], [3.0, 4.0]], axis=0).numpy().tolist()\n[4.0, 6.0]\n",
)
reduce_mean = _reduce_fn(
    MEAN,
    "Mean over ``axis`` (floating point only; TensorFlow also allows ints).\n\n>>> import dl\n>>> float(dl.reduce_mean([1.0, 2.0]))\n1.5\n",
)
reduce_max = _reduce_fn(MAX, "Maximum over ``axis``; ties share the gradient equally.")
reduce_min = _reduce_fn(MIN, "Minimum over ``axis``; ties share the gradient equally.")
reduce_prod = _reduce_fn(PROD, "Product over ``axis`` (gradient assumes no zeros in ``x``).")
reduce_logsumexp = _reduce_fn(
    LSE,
    "``log(sum(exp(x)))`` over ``axis``, computed stably.\n\n>>> import dl\n>>> round(float(dl.reduce_logsumexp([1000.0, 1000.0])), 3)\n1000.693\n",
)
reduce_any = _reduce_fn(ANY, "Logical OR over ``axis``.")
reduce_all = _reduce_fn(ALL, "Logical AND over ``axis``.")


def _arg_infer(name: str):
    def infer(x: Tensor, axis: int, output_type: Any) -> tuple:
        if x.dtype.is_bool:
            raise DTypeError(f"{name}: expected a numeric tensor, received dtype bool")
        return tuple(d for i, d in enumerate(x.shape) if i != axis), output_type

    return infer


ARGMAX = register(
    Op(
        "argmax",
        lambda xp, x, axis, output_type: xp.argmax(x, axis=axis),
        _arg_infer("argmax"),
        differentiable=False,
    )
)
ARGMIN = register(
    Op(
        "argmin",
        lambda xp, x, axis, output_type: xp.argmin(x, axis=axis),
        _arg_infer("argmin"),
        differentiable=False,
    )
)


def _arg_reduce(op: Op, input: Any, axis: int | None, output_type: Any) -> Tensor:
    (x,) = as_operands(op.name, input)
    ax = normalize_axis(op.name, 0 if axis is None else axis, x.ndim)
    return apply(op, (x,), {"axis": ax, "output_type": as_dtype(output_type)})


def argmax(
    input: Any, axis: int | None = None, output_type: Any = _dtypes.int64, name: str | None = None
) -> Tensor:
    """Index of the largest value along ``axis`` (default 0, as TensorFlow); not differentiable.

    Examples
    --------
    >>> import dl
    >>> dl.argmax([[1.0, 5.0], [7.0, 2.0]], axis=1).numpy().tolist()
    [1, 0]
    """
    return _arg_reduce(ARGMAX, input, axis, output_type)


def argmin(
    input: Any, axis: int | None = None, output_type: Any = _dtypes.int64, name: str | None = None
) -> Tensor:
    """Index of the smallest value along ``axis`` (default 0); not differentiable."""
    return _arg_reduce(ARGMIN, input, axis, output_type)
