"""2-D convolution (NHWC input, HWIO filters) by im2col + one GEMM, and max/avg pooling.

The gradient ops are primitives too (``conv2d_backprop_input``/``_filter``, the pooling
gradients) and are linear, so their own gradients close the table (second derivatives).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._errors import ShapeError
from .._tensor import Tensor
from ._registry import Op, apply, register, require_float, same_dtype
from ._shapes import as_operands

__all__ = ["avg_pool2d", "conv2d", "max_pool2d"]


def _pair(name: str, v: Any, argument: str) -> tuple:
    if isinstance(v, int):
        return (v, v)
    v = tuple(int(a) for a in v)
    if len(v) == 4:
        if v[0] != 1 or v[3] != 1:
            raise ValueError(f"{name}: `{argument}`={v} must be 1 on the batch and channel dims")
        return v[1:3]
    if len(v) == 1:
        return (v[0], v[0])
    if len(v) != 2:
        raise ValueError(
            f"{name}: Invalid value for argument `{argument}`. Expected an int or 2 ints. Received: {argument}={v}"
        )
    return v


def _geometry(
    name: str, h: int, w: int, kh: int, kw: int, s: tuple, d: tuple, padding: str
) -> tuple:
    """((out_h, out_w), ((top, bottom), (left, right)))."""
    outs, pads = [], []
    for n, k, st, dl in ((h, kh, s[0], d[0]), (w, kw, s[1], d[1])):
        eff = (k - 1) * dl + 1
        if padding == "SAME":
            o = -(-n // st)
            total = max((o - 1) * st + eff - n, 0)
            pads.append((total // 2, total - total // 2))
        else:
            o = (n - eff) // st + 1
            pads.append((0, 0))
        if o <= 0:
            raise ShapeError(
                f"{name}: input spatial size {(h, w)} is smaller than the window {(kh, kw)} (padding {padding!r})"
            )
        outs.append(o)
    return tuple(outs), tuple(pads)


def _pad_hw(xp: Any, x: Any, pads: tuple, value: float) -> Any:
    (t, b), (lft, r) = pads
    if not (t or b or lft or r):
        return x
    if type(x) is np.ndarray:
        return np.pad(x, ((0, 0), (t, b), (lft, r), (0, 0)), constant_values=value)
    n, h, w, c = x.shape
    out = xp.full((n, h + t + b, w + lft + r, c), value, dtype=x.dtype)
    out[:, t : t + h, lft : lft + w, :] = x
    return out


def _windows(xp: Any, xpad: Any, kh: int, kw: int, s: tuple, d: tuple, out_hw: tuple) -> Any:
    """(N, Ho, Wo, kh*kw, C) view-stack of the receptive fields."""
    ho, wo = out_hw
    cols = []
    for i in range(kh):
        for j in range(kw):
            cols.append(
                xpad[
                    :,
                    i * d[0] : i * d[0] + s[0] * (ho - 1) + 1 : s[0],
                    j * d[1] : j * d[1] + s[1] * (wo - 1) + 1 : s[1],
                    :,
                ]
            )
    return xp.stack(cols, axis=3)


def _col2im(
    xp: Any,
    cols: Any,
    padded_shape: tuple,
    kh: int,
    kw: int,
    s: tuple,
    d: tuple,
    out_hw: tuple,
    pads: tuple,
    hw: tuple,
) -> Any:
    """Adjoint of :func:`_windows` followed by padding: sum window values back into place."""
    ho, wo = out_hw
    out = xp.zeros(padded_shape, dtype=cols.dtype)
    for i in range(kh):
        for j in range(kw):
            key = (
                slice(None),
                slice(i * d[0], i * d[0] + s[0] * (ho - 1) + 1, s[0]),
                slice(j * d[1], j * d[1] + s[1] * (wo - 1) + 1, s[1]),
                slice(None),
            )
            out[key] = out[key] + cols[:, :, :, i * kw + j, :]
    (t, _), (lft, _) = pads
    h, w = hw
    return out[:, t : t + h, lft : lft + w, :]


# ----------------------------------------------------------------------------- conv2d


def _conv_attrs_geom(name: str, x_shape: tuple, w_shape: tuple, attrs: dict) -> tuple:
    return _geometry(
        name,
        x_shape[1],
        x_shape[2],
        w_shape[0],
        w_shape[1],
        attrs["strides"],
        attrs["dilations"],
        attrs["padding"],
    )


def _conv_forward(xp: Any, x: Any, w: Any, strides: tuple, padding: str, dilations: tuple) -> Any:
    kh, kw, c, o = w.shape
    n = x.shape[0]
    (ho, wo), pads = _geometry(
        "conv2d", x.shape[1], x.shape[2], kh, kw, strides, dilations, padding
    )
    cols = _windows(xp, _pad_hw(xp, x, pads, 0), kh, kw, strides, dilations, (ho, wo))
    out = xp.matmul(xp.reshape(cols, (n * ho * wo, kh * kw * c)), xp.reshape(w, (kh * kw * c, o)))
    return xp.reshape(out, (n, ho, wo, o))


def _conv_infer(x: Tensor, w: Tensor, strides: tuple, padding: str, dilations: tuple) -> tuple:
    dt = same_dtype("conv2d", x, w, names=("input", "filters"))
    require_float("conv2d", x, "input")
    if x.ndim != 4 or w.ndim != 4:
        raise ShapeError(
            f"conv2d: expected a 4-D NHWC input and 4-D HWIO filters; received shapes {x.shape} and {w.shape}"
        )
    if None not in (x.shape[3], w.shape[2]) and x.shape[3] != w.shape[2]:
        raise ShapeError(
            f"conv2d: input has {x.shape[3]} channels (shape {x.shape}) but filters expect {w.shape[2]} (shape {w.shape})"
        )
    if None in (x.shape[1], x.shape[2]):
        raise ShapeError(
            f"conv2d: spatial dims must be known when tracing; received input shape {x.shape}"
        )
    (ho, wo), _ = _geometry(
        "conv2d", x.shape[1], x.shape[2], w.shape[0], w.shape[1], strides, dilations, padding
    )
    return (x.shape[0], ho, wo, w.shape[3]), dt


def _bp_input_forward(
    xp: Any, dy: Any, w: Any, like: Any, strides: tuple, padding: str, dilations: tuple
) -> Any:
    kh, kw, c, o = w.shape
    n, h, wd, _ = like.shape
    (ho, wo), pads = _geometry("conv2d", h, wd, kh, kw, strides, dilations, padding)
    dcols = xp.matmul(
        xp.reshape(dy, (n * ho * wo, o)), xp.permute_dims(xp.reshape(w, (kh * kw * c, o)), (1, 0))
    )
    dcols = xp.reshape(dcols, (n, ho, wo, kh * kw, c))
    padded = (n, h + pads[0][0] + pads[0][1], wd + pads[1][0] + pads[1][1], c)
    return _col2im(xp, dcols, padded, kh, kw, strides, dilations, (ho, wo), pads, (h, wd))


def _bp_filter_forward(
    xp: Any, x: Any, dy: Any, like: Any, strides: tuple, padding: str, dilations: tuple
) -> Any:
    kh, kw, c, o = like.shape
    n = x.shape[0]
    (ho, wo), pads = _geometry(
        "conv2d", x.shape[1], x.shape[2], kh, kw, strides, dilations, padding
    )
    cols = xp.reshape(
        _windows(xp, _pad_hw(xp, x, pads, 0), kh, kw, strides, dilations, (ho, wo)),
        (n * ho * wo, kh * kw * c),
    )
    g = xp.matmul(xp.permute_dims(cols, (1, 0)), xp.reshape(dy, (n * ho * wo, o)))
    return xp.reshape(g, (kh, kw, c, o))


def _conv_grad(ctx: Any, dy: Tensor) -> tuple:
    x, w = ctx.inputs
    a = ctx.attrs
    gx = apply(CONV_BP_INPUT, (dy, w, x), a) if ctx.needs[0] else None
    gw = apply(CONV_BP_FILTER, (x, dy, w), a) if ctx.needs[1] else None
    return gx, gw


def _bp_input_grad(ctx: Any, g: Tensor) -> tuple:
    dy, w, _ = ctx.inputs
    a = ctx.attrs
    gdy = apply(CONV2D, (g, w), a) if ctx.needs[0] else None
    gw = apply(CONV_BP_FILTER, (g, dy, w), a) if ctx.needs[1] else None
    return gdy, gw, None


def _bp_filter_grad(ctx: Any, g: Tensor) -> tuple:
    x, dy, _ = ctx.inputs
    a = ctx.attrs
    gx = apply(CONV_BP_INPUT, (dy, g, x), a) if ctx.needs[0] else None
    gdy = apply(CONV2D, (x, g), a) if ctx.needs[1] else None
    return gx, gdy, None


CONV2D: Op = register(Op("conv2d", _conv_forward, _conv_infer, _conv_grad))
CONV_BP_INPUT: Op = register(
    Op(
        "conv2d_backprop_input",
        _bp_input_forward,
        lambda dy, w, like, **a: (like.shape, dy.dtype),
        _bp_input_grad,
    )
)
CONV_BP_FILTER: Op = register(
    Op(
        "conv2d_backprop_filter",
        _bp_filter_forward,
        lambda x, dy, like, **a: (like.shape, x.dtype),
        _bp_filter_grad,
    )
)


def _padding(name: str, padding: Any) -> str:
    p = str(padding).upper()
    if p not in ("SAME", "VALID"):
        raise ValueError(
            f"{name}: Invalid value for argument `padding`. Expected 'SAME' or 'VALID'. Received: padding={padding!r}"
        )
    return p


def conv2d(
    input: Any,
    filters: Any,
    strides: Any = 1,
    padding: str = "VALID",
    data_format: str = "NHWC",
    dilations: Any = 1,
    name: str | None = None,
) -> Tensor:
    """2-D convolution of an NHWC ``input`` with HWIO ``filters`` (``tf.nn.conv2d``).

    Examples
    --------
    >>> import dl
    >>> x = dl.ones((1, 3, 3, 1))
    >>> dl.nn.conv2d(x, dl.ones((2, 2, 1, 1)), strides=1, padding="VALID").numpy().ravel().tolist()
    [4.0, 4.0, 4.0, 4.0]
    """
    if data_format != "NHWC":
        raise NotImplementedError(
            f"conv2d: only data_format='NHWC' is supported, received {data_format!r}"
        )
    x, w = as_operands("conv2d", input, filters)
    attrs = {
        "strides": _pair("conv2d", strides, "strides"),
        "padding": _padding("conv2d", padding),
        "dilations": _pair("conv2d", dilations, "dilations"),
    }
    return apply(CONV2D, (x, w), attrs)


# ----------------------------------------------------------------------------- pooling


def _pool_infer(name: str):
    def infer(x: Tensor, ksize: tuple, strides: tuple, padding: str) -> tuple:
        require_float(name, x, "input")
        if x.ndim != 4:
            raise ShapeError(f"{name}: expected a 4-D NHWC input, received shape {x.shape}")
        if None in (x.shape[1], x.shape[2]):
            raise ShapeError(
                f"{name}: spatial dims must be known when tracing; received input shape {x.shape}"
            )
        (ho, wo), _ = _geometry(
            name, x.shape[1], x.shape[2], ksize[0], ksize[1], strides, (1, 1), padding
        )
        return (x.shape[0], ho, wo, x.shape[3]), x.dtype

    return infer


def _pool_setup(xp: Any, x: Any, ksize: tuple, strides: tuple, padding: str, fill: float) -> tuple:
    (ho, wo), pads = _geometry(
        "pool", x.shape[1], x.shape[2], ksize[0], ksize[1], strides, (1, 1), padding
    )
    win = _windows(xp, _pad_hw(xp, x, pads, fill), ksize[0], ksize[1], strides, (1, 1), (ho, wo))
    return win, (ho, wo), pads


def _max_pool_forward(xp: Any, x: Any, ksize: tuple, strides: tuple, padding: str) -> Any:
    win, _, _ = _pool_setup(xp, x, ksize, strides, padding, -math.inf)
    return xp.max(win, axis=3)


def _max_pool_grad_forward(
    xp: Any, x: Any, dy: Any, ksize: tuple, strides: tuple, padding: str
) -> Any:
    win, out_hw, pads = _pool_setup(xp, x, ksize, strides, padding, -math.inf)
    k = ksize[0] * ksize[1]
    first = xp.argmax(win, axis=3)  # (N, Ho, Wo, C): the first maximum gets the gradient
    hot = xp.reshape(first, (*first.shape[:3], 1, first.shape[3])) == xp.reshape(
        xp.arange(k, dtype=first.dtype), (1, 1, 1, k, 1)
    )
    cols = xp.where(
        hot, xp.reshape(dy, (*dy.shape[:3], 1, dy.shape[3])), xp.zeros((), dtype=dy.dtype)
    )
    n, h, w, c = x.shape
    padded = (n, h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1], c)
    return _col2im(xp, cols, padded, ksize[0], ksize[1], strides, (1, 1), out_hw, pads, (h, w))


def _avg_counts(xp: Any, x: Any, ksize: tuple, strides: tuple, padding: str) -> Any:
    ones = xp.ones((1, x.shape[1], x.shape[2], 1), dtype=x.dtype)
    win, _, _ = _pool_setup(xp, ones, ksize, strides, padding, 0)
    return xp.sum(win, axis=3)


def _avg_pool_forward(xp: Any, x: Any, ksize: tuple, strides: tuple, padding: str) -> Any:
    win, _, _ = _pool_setup(xp, x, ksize, strides, padding, 0)
    return xp.sum(win, axis=3) / _avg_counts(xp, x, ksize, strides, padding)


def _avg_pool_grad_forward(
    xp: Any, dy: Any, like: Any, ksize: tuple, strides: tuple, padding: str
) -> Any:
    n, h, w, c = like.shape
    (ho, wo), pads = _geometry("avg_pool2d", h, w, ksize[0], ksize[1], strides, (1, 1), padding)
    g = dy / _avg_counts(xp, like, ksize, strides, padding)
    k = ksize[0] * ksize[1]
    cols = xp.broadcast_to(xp.reshape(g, (n, ho, wo, 1, c)), (n, ho, wo, k, c))
    padded = (n, h + pads[0][0] + pads[0][1], w + pads[1][0] + pads[1][1], c)
    return _col2im(xp, cols, padded, ksize[0], ksize[1], strides, (1, 1), (ho, wo), pads, (h, w))


MAX_POOL: Op = register(
    Op(
        "max_pool2d",
        _max_pool_forward,
        _pool_infer("max_pool2d"),
        lambda ctx, dy: (apply(MAX_POOL_GRAD, (ctx.inputs[0], dy), ctx.attrs),),
    )
)
MAX_POOL_GRAD: Op = register(
    Op(
        "max_pool2d_grad",
        _max_pool_grad_forward,
        lambda x, dy, **a: (x.shape, x.dtype),
        differentiable=False,
    )
)
AVG_POOL: Op = register(
    Op(
        "avg_pool2d",
        _avg_pool_forward,
        _pool_infer("avg_pool2d"),
        lambda ctx, dy: (apply(AVG_POOL_GRAD, (dy, ctx.inputs[0]), ctx.attrs),),
    )
)
AVG_POOL_GRAD: Op = register(
    Op(
        "avg_pool2d_grad",
        _avg_pool_grad_forward,
        lambda dy, like, **a: (like.shape, dy.dtype),
        lambda ctx, g: (apply(AVG_POOL, (g,), ctx.attrs), None),
    )
)


def _pool(op: Op, input: Any, ksize: Any, strides: Any, padding: str) -> Tensor:
    (x,) = as_operands(op.name, input)
    attrs = {
        "ksize": _pair(op.name, ksize, "ksize"),
        "strides": _pair(op.name, strides if strides is not None else ksize, "strides"),
        "padding": _padding(op.name, padding),
    }
    return apply(op, (x,), attrs)


def max_pool2d(
    input: Any,
    ksize: Any,
    strides: Any,
    padding: str,
    data_format: str = "NHWC",
    name: str | None = None,
) -> Tensor:
    """Max pooling over NHWC windows (``tf.nn.max_pool2d``); ties send the gradient to the first.

    Examples
    --------
    >>> import dl
    >>> x = dl.reshape(dl.range(16.0), (1, 4, 4, 1))
    >>> dl.nn.max_pool2d(x, 2, 2, "VALID").numpy().ravel().tolist()
    [5.0, 7.0, 13.0, 15.0]
    """
    return _pool(MAX_POOL, input, ksize, strides, padding)


def avg_pool2d(
    input: Any,
    ksize: Any,
    strides: Any,
    padding: str,
    data_format: str = "NHWC",
    name: str | None = None,
) -> Tensor:
    """Average pooling over NHWC windows; with 'SAME' padding, padded cells are not counted."""
    return _pool(AVG_POOL, input, ksize, strides, padding)
