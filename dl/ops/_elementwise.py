"""Elementwise primitives: unary math, binary arithmetic and comparisons, where, cast.

Each op also carries what the fusion pass needs: ``cpu_out`` (writes into a preallocated
buffer) and ``c_expr`` (its CUDA expression for one generated CuPy kernel per fused chain).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _dtypes
from .._dtypes import as_dtype
from .._errors import DTypeError
from .._tensor import Tensor
from ._registry import Op, apply, op_function, register, require_float, same_dtype
from ._shapes import as_operands, broadcast_shapes

__all__ = [
    "abs",
    "add",
    "cast",
    "cos",
    "divide",
    "equal",
    "erf",
    "exp",
    "floor_divide",
    "gelu",
    "greater",
    "greater_equal",
    "less",
    "less_equal",
    "log",
    "log1p",
    "logical_and",
    "logical_not",
    "logical_or",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "not_equal",
    "ones_like",
    "pow",
    "reciprocal",
    "relu",
    "rsqrt",
    "sigmoid",
    "sign",
    "sin",
    "sqrt",
    "square",
    "stop_gradient",
    "subtract",
    "tanh",
    "where",
    "zeros_like",
    "identity",
    "fill_like",
]

_builtin_abs = abs
_builtin_pow = pow


def _o():
    from .. import ops

    return ops


# ----------------------------------------------------------------------------- special functions


def _np_erf(x: np.ndarray, out: Any = None) -> np.ndarray:
    try:
        from scipy.special import erf
    except ImportError:  # pragma: no cover - scipy is present wherever tests run
        res = np.vectorize(math.erf, otypes=[x.dtype])(x)
        if out is None:
            return res
        out[...] = res
        return out
    return erf(x) if out is None else erf(x, out=out)


def _erf(xp: Any, x: Any) -> Any:
    from gpuframe.backend import is_cupy, is_numpy

    if is_numpy(xp):
        return _np_erf(x)
    if is_cupy(xp):
        from cupyx.scipy.special import erf

        return erf(x)
    return xp.asarray(_np_erf(np.asarray(x)), dtype=x.dtype)


def _sigmoid(xp: Any, x: Any) -> Any:
    if type(x) is np.ndarray:
        try:
            from scipy.special import expit

            return expit(x)
        except ImportError:  # pragma: no cover
            pass
    e = xp.exp(-xp.abs(x))
    return xp.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _sigmoid_out(np_: Any, x: Any, out: Any) -> Any:
    try:
        from scipy.special import expit

        return expit(x, out=out)
    except ImportError:  # pragma: no cover
        out[...] = _sigmoid(np_, x)
        return out


def _relu(xp: Any, x: Any) -> Any:
    if type(x) is np.ndarray:
        return np.maximum(x, 0)
    return xp.where(x > 0, x, xp.zeros_like(x))


def _gelu(xp: Any, x: Any) -> Any:
    return 0.5 * x * (1 + _erf(xp, x * (1 / math.sqrt(2))))


def _gelu_out(np_: Any, x: Any, out: Any) -> Any:
    if out is x:
        out[...] = _gelu(np_, x)
        return out
    np.multiply(x, 1 / math.sqrt(2), out=out)
    _np_erf(out, out=out)
    np.add(out, 1, out=out)
    np.multiply(out, x, out=out)
    np.multiply(out, 0.5, out=out)
    return out


def _rsqrt_out(np_: Any, x: Any, out: Any) -> Any:
    np.sqrt(x, out=out)
    return np.divide(1, out, out=out)


def _sign(xp: Any, x: Any) -> Any:
    return xp.sign(x)


# ----------------------------------------------------------------------------- unary ops


def _infer_float(name: str):
    def infer(x: Tensor) -> tuple:
        return x.shape, require_float(name, x)

    return infer


def _infer_numeric(name: str):
    def infer(x: Tensor) -> tuple:
        if x.dtype.is_bool:
            raise DTypeError(f"{name}: expected a numeric tensor, received dtype bool")
        return x.shape, x.dtype

    return infer


def _unary(
    name: str,
    forward: Any,
    grad: Any,
    *,
    ufunc: Any = None,
    cpu_out: Any = None,
    c_expr: str | None = None,
    numeric: bool = False,
    differentiable: bool = True,
) -> Op:
    if cpu_out is None and ufunc is not None:

        def cpu_out(np_: Any, x: Any, out: Any, _u: Any = ufunc) -> Any:
            return _u(x, out=out)

    infer = _infer_numeric(name) if numeric else _infer_float(name)
    return _elementwise(name, forward, infer, grad, cpu_out, c_expr, differentiable)


def _elementwise(
    name: str,
    forward: Any,
    infer: Any,
    grad: Any,
    cpu_out: Any,
    c_expr: str | None,
    differentiable: bool = True,
) -> Op:
    """Register an elementwise primitive (fusable: it carries ``cpu_out`` and ``c_expr``)."""
    return register(
        Op(
            name,
            forward,
            infer,
            grad,
            elementwise=True,
            cpu_out=cpu_out,
            c_expr=c_expr,
            differentiable=differentiable,
        )
    )


def _g(fn):
    """A one-input gradient rule ``fn(x, y, dy) -> dx``."""

    def grad(ctx: Any, dy: Tensor) -> tuple:
        return (fn(ctx.inputs[0], ctx.outputs[0], dy),)

    return grad


_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)

NEG = _unary(
    "negative",
    lambda xp, x: -x,
    _g(lambda x, y, dy: negative(dy)),
    ufunc=np.negative,
    c_expr="(-{0})",
    numeric=True,
)
EXP = _unary(
    "exp", lambda xp, x: xp.exp(x), _g(lambda x, y, dy: dy * y), ufunc=np.exp, c_expr="exp({0})"
)
LOG = _unary(
    "log", lambda xp, x: xp.log(x), _g(lambda x, y, dy: dy / x), ufunc=np.log, c_expr="log({0})"
)
LOG1P = _unary(
    "log1p",
    lambda xp, x: xp.log1p(x),
    _g(lambda x, y, dy: dy / (x + 1)),
    ufunc=np.log1p,
    c_expr="log1p({0})",
)
SQRT = _unary(
    "sqrt",
    lambda xp, x: xp.sqrt(x),
    _g(lambda x, y, dy: dy * 0.5 / y),
    ufunc=np.sqrt,
    c_expr="sqrt({0})",
)
RSQRT = _unary(
    "rsqrt",
    lambda xp, x: 1 / xp.sqrt(x),
    _g(lambda x, y, dy: dy * -0.5 * y / x),
    cpu_out=_rsqrt_out,
    c_expr="rsqrt({0})",
)
SQUARE = _unary(
    "square",
    lambda xp, x: x * x,
    _g(lambda x, y, dy: dy * 2 * x),
    ufunc=np.square,
    c_expr="({0} * {0})",
    numeric=True,
)
RECIPROCAL = _unary(
    "reciprocal",
    lambda xp, x: 1 / x,
    _g(lambda x, y, dy: negative(dy * y * y)),
    ufunc=np.reciprocal,
    c_expr="(1 / {0})",
)
TANH = _unary(
    "tanh",
    lambda xp, x: xp.tanh(x),
    _g(lambda x, y, dy: dy * (1 - y * y)),
    ufunc=np.tanh,
    c_expr="tanh({0})",
)
SIGMOID = _unary(
    "sigmoid",
    _sigmoid,
    _g(lambda x, y, dy: dy * y * (1 - y)),
    cpu_out=_sigmoid_out,
    c_expr="(1 / (1 + exp(-{0})))",
)
RELU = _unary(
    "relu",
    _relu,
    # from the output (y > 0 exactly where x > 0): the pre-activation is then free to be
    # fused with the op that made it (bias + relu in one node)
    _g(lambda x, y, dy: where(greater(y, 0), dy, 0)),
    cpu_out=lambda np_, x, out: np.maximum(x, 0, out=out),
    c_expr="({0} > 0 ? {0} : ({T})0)",
    numeric=True,
)
GELU = _unary(
    "gelu",
    _gelu,
    _g(
        lambda x, y, dy: (
            dy * (0.5 * (1 + erf(x * (1 / math.sqrt(2)))) + x * exp(x * x * -0.5) * _INV_SQRT_2PI)
        )
    ),
    cpu_out=_gelu_out,
    c_expr="(0.5 * {0} * (1 + erf({0} * ({T})0.7071067811865476)))",
)
ABS = _unary(
    "abs",
    lambda xp, x: xp.abs(x),
    _g(lambda x, y, dy: dy * sign(x)),
    ufunc=np.abs,
    c_expr="({0} < 0 ? -{0} : {0})",
    numeric=True,
)
SIGN = _unary(
    "sign",
    _sign,
    _g(lambda x, y, dy: zeros_like(dy)),
    ufunc=np.sign,
    c_expr="(({T})(({0} > 0) - ({0} < 0)))",
    numeric=True,
)
SIN = _unary(
    "sin",
    lambda xp, x: xp.sin(x),
    _g(lambda x, y, dy: dy * cos(x)),
    ufunc=np.sin,
    c_expr="sin({0})",
)
COS = _unary(
    "cos",
    lambda xp, x: xp.cos(x),
    _g(lambda x, y, dy: negative(dy * sin(x))),
    ufunc=np.cos,
    c_expr="cos({0})",
)
ERF = _unary(
    "erf",
    _erf,
    _g(lambda x, y, dy: dy * (2 / math.sqrt(math.pi)) * exp(negative(x * x))),
    cpu_out=lambda np_, x, out: _np_erf(x, out=out),
    c_expr="erf({0})",
)
IDENTITY = register(
    Op("identity", lambda xp, x: x, lambda x: (x.shape, x.dtype), lambda ctx, dy: (dy,), view=True)
)
STOP_GRADIENT = register(
    Op(
        "stop_gradient",
        lambda xp, x: x,
        lambda x: (x.shape, x.dtype),
        lambda ctx, dy: (None,),
        view=True,
    )
)


def _unary_fn(op: Op, doc: str):
    def fn(x: Any, name: str | None = None) -> Tensor:
        (t,) = as_operands(op.name, x)
        return apply(op, (t,))

    return op_function(fn, op, doc)


negative: Callable[..., Tensor] = _unary_fn(
    NEG, "``-x`` elementwise.\n\n>>> import dl\n>>> dl.negative([1.0]).numpy().tolist()\n[-1.0]\n"
)
exp: Callable[..., Tensor] = _unary_fn(
    EXP, "``e**x`` elementwise.\n\n>>> import dl\n>>> dl.exp([0.0]).numpy().tolist()\n[1.0]\n"
)
log: Callable[..., Tensor] = _unary_fn(
    LOG,
    "Natural log elementwise.\n\n>>> import dl\n>>> dl.math.log([1.0]).numpy().tolist()\n[0.0]\n",
)
log1p: Callable[..., Tensor] = _unary_fn(LOG1P, "``log(1 + x)`` elementwise, accurate near 0.")
sqrt: Callable[..., Tensor] = _unary_fn(
    SQRT, "Square root elementwise.\n\n>>> import dl\n>>> dl.sqrt([4.0]).numpy().tolist()\n[2.0]\n"
)
rsqrt: Callable[..., Tensor] = _unary_fn(RSQRT, "``1 / sqrt(x)`` elementwise.")
square: Callable[..., Tensor] = _unary_fn(SQUARE, "``x * x`` elementwise.")
reciprocal: Callable[..., Tensor] = _unary_fn(RECIPROCAL, "``1 / x`` elementwise.")
tanh: Callable[..., Tensor] = _unary_fn(TANH, "Hyperbolic tangent elementwise.")
sigmoid: Callable[..., Tensor] = _unary_fn(
    SIGMOID, "Logistic sigmoid ``1 / (1 + exp(-x))``, numerically stable."
)
relu: Callable[..., Tensor] = _unary_fn(
    RELU,
    "``max(x, 0)`` elementwise.\n\n>>> import dl\n>>> dl.nn.relu([-1.0, 2.0]).numpy().tolist()\n[0.0, 2.0]\n",
)
abs: Callable[..., Tensor] = _unary_fn(ABS, "Absolute value elementwise.")
sign: Callable[..., Tensor] = _unary_fn(SIGN, "Sign (-1, 0, 1) elementwise; its gradient is zero.")
sin: Callable[..., Tensor] = _unary_fn(SIN, "Sine elementwise.")
cos: Callable[..., Tensor] = _unary_fn(COS, "Cosine elementwise.")
erf: Callable[..., Tensor] = _unary_fn(ERF, "Gauss error function elementwise.")
identity: Callable[..., Tensor] = _unary_fn(
    IDENTITY, "``x`` itself (a graph node that passes its gradient through)."
)
stop_gradient: Callable[..., Tensor] = _unary_fn(
    STOP_GRADIENT, "``x``, but no gradient flows through it."
)


def gelu(features: Any, approximate: bool = False, name: str | None = None) -> Tensor:
    """GELU: ``x * Phi(x)`` (``approximate=True``: the tanh form), as ``tf.nn.gelu``.

    Examples
    --------
    >>> import dl
    >>> round(float(dl.nn.gelu(dl.constant(1.0))), 4)
    0.8413
    """
    (x,) = as_operands("gelu", features)
    if not approximate:
        return apply(GELU, (x,))
    inner = (x + x * x * x * 0.044715) * _SQRT_2_OVER_PI
    return x * 0.5 * (tanh(inner) + 1)


# ----------------------------------------------------------------------------- binary ops


def _infer_binary(
    name: str, *, out_bool: bool = False, numeric: bool = True, floating: bool = False
):
    def infer(x: Tensor, y: Tensor) -> tuple:
        dt = same_dtype(name, x, y)
        if numeric and dt.is_bool:
            raise DTypeError(f"{name}: expected numeric operands, received dtype bool")
        if floating and not dt.is_floating:
            raise DTypeError(f"{name}: expected floating-point operands, received dtype {dt.name}")
        return broadcast_shapes(name, x.shape, y.shape), (_dtypes.bool if out_bool else dt)

    return infer


def _infer_logical(name: str):
    def infer(x: Tensor, y: Tensor) -> tuple:
        if not (x.dtype.is_bool and y.dtype.is_bool):
            raise DTypeError(
                f"{name}: expected bool operands, received {x.dtype.name} and {y.dtype.name}"
            )
        return broadcast_shapes(name, x.shape, y.shape), _dtypes.bool

    return infer


def unbroadcast(g: Tensor, like: Tensor) -> Tensor:
    """``g`` summed down to ``like``'s shape (the adjoint of broadcasting)."""
    return _o().unbroadcast(g, like)


def _binary(
    name: str,
    forward: Any,
    grad: Any,
    ufunc: Any,
    c_expr: str,
    infer: Any,
    *,
    differentiable: bool = True,
) -> Op:
    def cpu_out(np_: Any, x: Any, y: Any, out: Any, _u: Any = ufunc) -> Any:
        return _u(x, y, out=out)

    return _elementwise(name, forward, infer, grad, cpu_out, c_expr, differentiable)


def _g2(fn):
    """A two-input gradient rule ``fn(x, y, out, dy, needs) -> (dx, dy)`` with unbroadcasting."""

    def grad(ctx: Any, dy: Tensor) -> tuple:
        x, y = ctx.inputs
        gx, gy = fn(x, y, ctx.outputs[0], dy, ctx.needs)
        return (
            None if gx is None else unbroadcast(gx, x),
            None if gy is None else unbroadcast(gy, y),
        )

    return grad


def _pow_grad(x, y, z, dy, needs):
    gx = dy * y * pow(x, y - 1) if needs[0] else None
    gy = None
    if needs[1]:
        safe = where(greater(x, 0), x, 1)
        gy = dy * z * where(greater(x, 0), log(safe), 0)
    return gx, gy


def _select_grad(x_wins: Callable[[Tensor, Tensor], Tensor]):
    """``maximum``/``minimum``: ``dy`` goes to ``x`` where ``x_wins(x, y)`` (ties), else to ``y``."""

    def grad(x, y, z, dy, needs):
        mask = x_wins(x, y)
        return (where(mask, dy, 0) if needs[0] else None, where(mask, 0, dy) if needs[1] else None)

    return grad


_max_grad = _select_grad(lambda x, y: greater_equal(x, y))
_min_grad = _select_grad(lambda x, y: less_equal(x, y))


def _pow_forward(xp: Any, x: Any, y: Any) -> Any:
    return xp.pow(x, y)


ADD = _binary(
    "add",
    lambda xp, x, y: x + y,
    _g2(lambda x, y, z, dy, n: (dy, dy)),
    np.add,
    "({0} + {1})",
    _infer_binary("add"),
)
SUB = _binary(
    "subtract",
    lambda xp, x, y: x - y,
    _g2(lambda x, y, z, dy, n: (dy, negative(dy) if n[1] else None)),
    np.subtract,
    "({0} - {1})",
    _infer_binary("subtract"),
)
MUL = _binary(
    "multiply",
    lambda xp, x, y: x * y,
    _g2(lambda x, y, z, dy, n: (dy * y if n[0] else None, dy * x if n[1] else None)),
    np.multiply,
    "({0} * {1})",
    _infer_binary("multiply"),
)
DIV = _binary(
    "divide",
    lambda xp, x, y: x / y,
    _g2(lambda x, y, z, dy, n: (dy / y if n[0] else None, negative(dy * z / y) if n[1] else None)),
    np.divide,
    "({0} / {1})",
    _infer_binary("divide", floating=True),
)
POW = _binary("pow", _pow_forward, _g2(_pow_grad), np.power, "pow({0}, {1})", _infer_binary("pow"))
MAX = _binary(
    "maximum",
    lambda xp, x, y: xp.maximum(x, y),
    _g2(_max_grad),
    np.maximum,
    "({0} >= {1} ? {0} : {1})",
    _infer_binary("maximum"),
)
MIN = _binary(
    "minimum",
    lambda xp, x, y: xp.minimum(x, y),
    _g2(_min_grad),
    np.minimum,
    "({0} <= {1} ? {0} : {1})",
    _infer_binary("minimum"),
)
FLOORDIV = _binary(
    "floor_divide",
    lambda xp, x, y: xp.floor_divide(x, y),
    None,
    np.floor_divide,
    "floor({0} / {1})",
    _infer_binary("floor_divide"),
    differentiable=False,
)

_CMP = {
    "equal": (lambda xp, x, y: x == y, np.equal, "({0} == {1})"),
    "not_equal": (lambda xp, x, y: x != y, np.not_equal, "({0} != {1})"),
    "less": (lambda xp, x, y: x < y, np.less, "({0} < {1})"),
    "less_equal": (lambda xp, x, y: x <= y, np.less_equal, "({0} <= {1})"),
    "greater": (lambda xp, x, y: x > y, np.greater, "({0} > {1})"),
    "greater_equal": (lambda xp, x, y: x >= y, np.greater_equal, "({0} >= {1})"),
}
CMP_OPS = {
    n: _binary(
        n,
        f,
        None,
        u,
        c,
        _infer_binary(n, out_bool=True, numeric=n not in ("equal", "not_equal")),
        differentiable=False,
    )
    for n, (f, u, c) in _CMP.items()
}
LAND = _binary(
    "logical_and",
    lambda xp, x, y: xp.logical_and(x, y),
    None,
    np.logical_and,
    "({0} && {1})",
    _infer_logical("logical_and"),
    differentiable=False,
)
LOR = _binary(
    "logical_or",
    lambda xp, x, y: xp.logical_or(x, y),
    None,
    np.logical_or,
    "({0} || {1})",
    _infer_logical("logical_or"),
    differentiable=False,
)


def _lnot_infer(x: Tensor) -> tuple:
    if not x.dtype.is_bool:
        raise DTypeError(f"logical_not: expected a bool tensor, received dtype {x.dtype.name}")
    return x.shape, _dtypes.bool


LNOT = _elementwise(
    "logical_not",
    lambda xp, x: xp.logical_not(x),
    _lnot_infer,
    None,
    lambda np_, x, out: np.logical_not(x, out=out),
    "(!{0})",
    differentiable=False,
)


def _binary_fn(op: Op, doc: str):
    def fn(x: Any, y: Any, name: str | None = None) -> Tensor:
        a, b = as_operands(op.name, x, y)
        return apply(op, (a, b))

    return op_function(fn, op, doc)


add: Callable[..., Tensor] = _binary_fn(
    ADD,
    "``x + y`` with broadcasting.\n\n>>> import dl\n>>> dl.add([1.0], 2.0).numpy().tolist()\n[3.0]\n",
)
subtract: Callable[..., Tensor] = _binary_fn(SUB, "``x - y`` with broadcasting.")
multiply: Callable[..., Tensor] = _binary_fn(MUL, "``x * y`` with broadcasting.")
divide: Callable[..., Tensor] = _binary_fn(DIV, "``x / y`` (floating point) with broadcasting.")
pow: Callable[..., Tensor] = _binary_fn(POW, "``x ** y`` with broadcasting.")
maximum: Callable[..., Tensor] = _binary_fn(
    MAX, "Elementwise maximum (ties send the gradient to ``x``)."
)
minimum: Callable[..., Tensor] = _binary_fn(
    MIN, "Elementwise minimum (ties send the gradient to ``x``)."
)
floor_divide: Callable[..., Tensor] = _binary_fn(FLOORDIV, "``x // y``; not differentiable.")
equal: Callable[..., Tensor] = _binary_fn(CMP_OPS["equal"], "``x == y`` (bool).")
not_equal: Callable[..., Tensor] = _binary_fn(CMP_OPS["not_equal"], "``x != y`` (bool).")
less: Callable[..., Tensor] = _binary_fn(CMP_OPS["less"], "``x < y`` (bool).")
less_equal: Callable[..., Tensor] = _binary_fn(CMP_OPS["less_equal"], "``x <= y`` (bool).")
greater: Callable[..., Tensor] = _binary_fn(
    CMP_OPS["greater"],
    "``x > y`` (bool).\n\n>>> import dl\n>>> dl.greater([1, 3], 2).numpy().tolist()\n[False, True]\n",
)
greater_equal: Callable[..., Tensor] = _binary_fn(CMP_OPS["greater_equal"], "``x >= y`` (bool).")
logical_and: Callable[..., Tensor] = _binary_fn(LAND, "Elementwise AND of bool tensors.")
logical_or: Callable[..., Tensor] = _binary_fn(LOR, "Elementwise OR of bool tensors.")


logical_not: Callable[..., Tensor] = _unary_fn(LNOT, "Elementwise NOT of a bool tensor.")


# ----------------------------------------------------------------------------- where, cast, fills


def _where_infer(c: Tensor, x: Tensor, y: Tensor) -> tuple:
    if not c.dtype.is_bool:
        raise DTypeError(f"where: `condition` must be bool, received dtype {c.dtype.name}")
    dt = same_dtype("where", x, y)
    return broadcast_shapes("where", c.shape, x.shape, y.shape), dt


def _where_grad(ctx: Any, dy: Tensor) -> tuple:
    c, x, y = ctx.inputs
    n = ctx.needs
    gx = unbroadcast(where(c, dy, 0), x) if n[1] else None
    gy = unbroadcast(where(c, 0, dy), y) if n[2] else None
    return None, gx, gy


_UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def _where_out(c: Any, x: Any, y: Any, out: Any = None) -> Any:
    """``np.where`` as a branch-free bit select (several times faster on random masks)."""
    x, y = np.asarray(x), np.asarray(y)
    shape = np.broadcast_shapes(np.shape(c), x.shape, y.shape)
    u = _UINT.get(x.dtype.itemsize)
    if u is None or x.dtype != y.dtype:
        res = np.where(c, x, y)
        if out is None:
            return res
        out[...] = res
        return out
    if out is None:
        out = np.empty(shape, x.dtype)
    m = np.negative(np.broadcast_to(c, shape), dtype=u, out=np.empty(shape, u))
    ob = out.view(u)
    if np.shares_memory(out, y):
        tmp = np.bitwise_and(x.view(u), m)
        np.invert(m, out=m)
        np.bitwise_and(y.view(u), m, out=ob)
        np.bitwise_or(ob, tmp, out=ob)
        return out
    np.bitwise_and(x.view(u), m, out=ob)
    if y.ndim == 0 and not y.view(u):
        return out  # y is zero: nothing to add
    np.invert(m, out=m)
    np.bitwise_and(y.view(u), m, out=m)
    np.bitwise_or(ob, m, out=ob)
    return out


def _where_forward(xp: Any, c: Any, x: Any, y: Any) -> Any:
    if type(x) is np.ndarray and type(y) is np.ndarray and type(c) is np.ndarray:
        return _where_out(c, x, y)
    return xp.where(c, x, y)


WHERE = _elementwise(
    "where",
    _where_forward,
    _where_infer,
    _where_grad,
    lambda np_, c, x, y, out: _where_out(c, x, y, out),
    "({0} ? {1} : {2})",
)


def where(condition: Any, x: Any = None, y: Any = None, name: str | None = None) -> Tensor:
    """``x`` where ``condition`` is true, else ``y`` (broadcasting all three), as ``tf.where``.

    Python scalars for ``x``/``y`` take the dtype of the other branch.

    Examples
    --------
    >>> import dl
    >>> dl.where(dl.constant([True, False]), 1.0, dl.constant([5.0, 6.0])).numpy().tolist()
    [1.0, 6.0]
    """
    if x is None or y is None:
        raise NotImplementedError(
            "where(condition) without x and y (tf.where's index form) is not supported"
        )
    (c,) = as_operands("where", condition)
    a, b = as_operands("where", x, y)
    return apply(WHERE, (c, a, b))


def _cast_infer(x: Tensor, dtype: Any) -> tuple:
    return x.shape, dtype


def _cast_forward(xp: Any, x: Any, dtype: Any) -> Any:
    return xp.astype(x, dtype.of(xp))


def _cast_grad(ctx: Any, dy: Tensor) -> tuple:
    x = ctx.inputs[0]
    if not (x.dtype.is_floating and ctx.attrs["dtype"].is_floating):
        return (None,)
    return (cast(dy, x.dtype),)


def _cast_out(np_: Any, x: Any, out: Any, dtype: Any) -> Any:
    np.copyto(out, x, casting="unsafe")
    return out


CAST = _elementwise("cast", _cast_forward, _cast_infer, _cast_grad, _cast_out, "(({T}){0})")


def cast(x: Any, dtype: Any, name: str | None = None) -> Tensor:
    """``x`` converted to ``dtype`` (float -> int truncates toward zero, as TensorFlow).

    Examples
    --------
    >>> import dl
    >>> dl.cast([1.7, -1.7], dl.int32).numpy().tolist()
    [1, -1]
    """
    dt = as_dtype(dtype)
    (t,) = as_operands("cast", x)
    if t.dtype == dt:
        return t
    return apply(CAST, (t,), {"dtype": dt})


def _fill_infer(x: Tensor, value: Any, dtype: Any) -> tuple:
    return x.shape, dtype


def _fill_forward(xp: Any, x: Any, value: Any, dtype: Any) -> Any:
    return xp.full(x.shape, value, dtype=dtype.of(xp))


FILL_LIKE = register(Op("fill_like", _fill_forward, _fill_infer, lambda ctx, dy: (None,)))


def fill_like(x: Any, value: Any, dtype: Any = None) -> Tensor:
    """A tensor of ``x``'s shape filled with ``value``."""
    (t,) = as_operands("fill_like", x)
    dt = t.dtype if dtype is None else as_dtype(dtype)
    if isinstance(value, float) and not dt.is_floating:
        raise DTypeError(f"fill_like: cannot fill a {dt.name} tensor with the float {value!r}")
    return apply(FILL_LIKE, (t,), {"value": value, "dtype": dt})


def zeros_like(input: Any, dtype: Any = None, name: str | None = None) -> Tensor:
    """Zeros of ``input``'s shape (and dtype, unless given)."""
    return fill_like(input, 0, dtype)


def ones_like(input: Any, dtype: Any = None, name: str | None = None) -> Tensor:
    """Ones of ``input``'s shape (and dtype, unless given)."""
    return fill_like(input, 1, dtype)
