"""Softmax, log-softmax and the fused, numerically stable cross-entropy losses."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._errors import DTypeError, ShapeError
from .._tensor import Tensor
from ._registry import Op, apply, register, require_float, same_dtype
from ._shapes import as_operands, normalize_axis

__all__ = [
    "log_softmax",
    "sigmoid_cross_entropy_with_logits",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "sparse_softmax_cross_entropy_with_logits",
]


def _o():
    from .. import ops

    return ops


def _max_keepdims(xp: Any, x: Any, axis: int) -> Any:
    if type(x) is np.ndarray and x.ndim == 2 and axis in (1, -1) and 0 < x.shape[1] <= 64:
        # NumPy reduces a short last axis row by row (~14 us for 128 x 10); over the
        # transposed copy it is one vectorised pass (~3 us); max is exact in any order
        return np.ascontiguousarray(x.T).max(axis=0)[:, None]
    return xp.max(x, axis=axis, keepdims=True)


def _shifted(xp: Any, x: Any, axis: int) -> Any:
    return x - _max_keepdims(xp, x, axis)


def _softmax_forward(xp: Any, x: Any, axis: int) -> Any:
    e = xp.exp(_shifted(xp, x, axis))
    if type(e) is np.ndarray:
        e /= e.sum(axis=axis, keepdims=True)
        return e
    return e / xp.sum(e, axis=axis, keepdims=True)


def _log_softmax_forward(xp: Any, x: Any, axis: int) -> Any:
    z = _shifted(xp, x, axis)
    return z - xp.log(xp.sum(xp.exp(z), axis=axis, keepdims=True))


def _softmax_grad(ctx: Any, dy: Tensor) -> tuple:
    o = _o()
    y = ctx.outputs[0]
    ax = ctx.attrs["axis"]
    return (y * (dy - o.reduce_sum(dy * y, ax, keepdims=True)),)


def _log_softmax_grad(ctx: Any, dy: Tensor) -> tuple:
    o = _o()
    y = ctx.outputs[0]
    ax = ctx.attrs["axis"]
    return (dy - o.exp(y) * o.reduce_sum(dy, ax, keepdims=True),)


def _infer_axis(name: str):
    def infer(x: Tensor, axis: int) -> tuple:
        return x.shape, require_float(name, x, "logits")

    return infer


SOFTMAX = register(Op("softmax", _softmax_forward, _infer_axis("softmax"), _softmax_grad))
LOG_SOFTMAX = register(
    Op("log_softmax", _log_softmax_forward, _infer_axis("log_softmax"), _log_softmax_grad)
)


def softmax(logits: Any, axis: int = -1, name: str | None = None) -> Tensor:
    """``exp(x) / sum(exp(x))`` along ``axis``, computed stably.

    Examples
    --------
    >>> import dl
    >>> dl.nn.softmax([0.0, 0.0]).numpy().tolist()
    [0.5, 0.5]
    """
    (x,) = as_operands("softmax", logits)
    return apply(SOFTMAX, (x,), {"axis": normalize_axis("softmax", axis, x.ndim)})


def log_softmax(logits: Any, axis: int = -1, name: str | None = None) -> Tensor:
    """``x - logsumexp(x)`` along ``axis``, computed stably."""
    (x,) = as_operands("log_softmax", logits)
    return apply(LOG_SOFTMAX, (x,), {"axis": normalize_axis("log_softmax", axis, x.ndim)})


# ----------------------------------------------------------------------------- fused losses


def _sparse_ce_infer(labels: Tensor, logits: Tensor) -> tuple:
    require_float("sparse_softmax_cross_entropy_with_logits", logits, "logits")
    if not labels.dtype.is_integer:
        raise DTypeError(
            f"sparse_softmax_cross_entropy_with_logits: `labels` must be int32/int64 class ids, "
            f"received dtype {labels.dtype.name}"
        )
    lead = logits.shape[:-1]
    if len(labels.shape) != len(lead) or any(
        None not in (a, b) and a != b for a, b in zip(labels.shape, lead)
    ):
        raise ShapeError(
            f"sparse_softmax_cross_entropy_with_logits: `labels` shape {labels.shape} must equal "
            f"`logits` shape {logits.shape} without its last dim"
        )
    return lead, logits.dtype


def _sparse_ce_forward(xp: Any, labels: Any, logits: Any) -> Any:
    c = logits.shape[-1]
    if type(logits) is np.ndarray:
        if labels.size and (labels.min() < 0 or labels.max() >= c):
            raise IndexError(
                f"sparse_softmax_cross_entropy_with_logits: `labels` must lie in [0, {c}); "
                f"received min={labels.min()}, max={labels.max()}"
            )
        z = logits - _max_keepdims(np, logits, -1)
        lse = np.log(np.exp(z).sum(axis=-1))
        if z.ndim == 2:
            picked = z[np.arange(z.shape[0]), labels]
        else:
            picked = np.take_along_axis(z, labels[..., None].astype(np.intp), axis=-1)[..., 0]
        return lse - picked
    z = _shifted(xp, logits, -1)
    lse = xp.log(xp.sum(xp.exp(z), axis=-1))
    hot = xp.reshape(labels, (*labels.shape, 1)) == xp.arange(c, dtype=labels.dtype)
    picked = xp.sum(xp.where(hot, z, xp.zeros_like(z)), axis=-1)
    return lse - picked


def _sparse_ce_backprop_forward(xp: Any, labels: Any, logits: Any, dy: Any) -> Any:
    """``(softmax(logits) - one_hot(labels)) * dy[..., None]``: one pass on the CPU."""
    c = logits.shape[-1]
    if type(logits) is np.ndarray and logits.ndim == 2 and type(dy) is np.ndarray:
        g = _softmax_forward(np, logits, -1)  # a new array
        rows = np.arange(g.shape[0])
        if labels.size and (labels.min() < 0 or labels.max() >= c):
            ok = (labels >= 0) & (labels < c)  # one_hot: out-of-range ids give a zero row
            rows, labels = rows[ok], labels[ok]
        g[rows, labels] -= g.dtype.type(1)
        g *= dy[:, None]
        return g
    s = _softmax_forward(xp, logits, -1)
    hot = xp.reshape(labels, (*labels.shape, 1)) == xp.arange(c, dtype=labels.dtype)
    return (s - xp.astype(hot, s.dtype)) * xp.expand_dims(dy, axis=-1)


def _sparse_ce_backprop_infer(labels: Tensor, logits: Tensor, dy: Tensor) -> tuple:
    return logits.shape, logits.dtype


def _sparse_ce_backprop_grad(ctx: Any, g: Tensor) -> tuple:
    o = _o()
    labels, logits, dy = ctx.inputs
    s = softmax(logits)
    dye = o.expand_dims(dy, -1)
    g_logits = g_dy = None
    if ctx.needs[1]:
        h = g * dye
        g_logits = s * (h - o.reduce_sum(h * s, -1, keepdims=True))
    if ctx.needs[2]:
        hot = o.one_hot(labels, logits.shape[-1], dtype=logits.dtype)
        g_dy = o.reduce_sum(g * (s - hot), -1)
    return None, g_logits, g_dy


def _sparse_ce_grad(ctx: Any, dy: Tensor) -> tuple:
    labels, logits = ctx.inputs
    depth = logits.shape[-1]
    if depth is None:
        raise NotImplementedError("sparse cross-entropy gradient needs a static number of classes")
    return None, apply(SPARSE_CE_BACKPROP, (labels, logits, dy))


def _check_labels_logits(name: str, labels: Tensor, logits: Tensor) -> None:
    """Dense ``labels`` must match ``logits`` in dtype (floating) and shape."""
    same_dtype(name, labels, logits, names=("labels", "logits"))
    require_float(name, logits, "logits")
    if len(labels.shape) != len(logits.shape) or any(
        None not in (a, b) and a != b for a, b in zip(labels.shape, logits.shape)
    ):
        raise ShapeError(
            f"{name}: `labels` shape {labels.shape} must equal `logits` shape {logits.shape}"
        )


def _ce_infer(labels: Tensor, logits: Tensor) -> tuple:
    _check_labels_logits("softmax_cross_entropy_with_logits", labels, logits)
    return logits.shape[:-1], logits.dtype


def _ce_forward(xp: Any, labels: Any, logits: Any) -> Any:
    return -xp.sum(labels * _log_softmax_forward(xp, logits, -1), axis=-1)


def _ce_grad(ctx: Any, dy: Tensor) -> tuple:
    o = _o()
    labels, logits = ctx.inputs
    d = o.expand_dims(dy, -1)
    gl = None
    if ctx.needs[1]:
        gl = d * (softmax(logits) * o.reduce_sum(labels, -1, keepdims=True) - labels)
    glab = o.negative(d * log_softmax(logits)) if ctx.needs[0] else None
    return glab, gl


def _sig_ce_infer(labels: Tensor, logits: Tensor) -> tuple:
    _check_labels_logits("sigmoid_cross_entropy_with_logits", labels, logits)
    return logits.shape, logits.dtype


def _sig_ce_forward(xp: Any, z: Any, x: Any) -> Any:
    relu = xp.where(x > 0, x, xp.zeros_like(x))
    return relu - x * z + xp.log1p(xp.exp(-xp.abs(x)))


def _sig_ce_grad(ctx: Any, dy: Tensor) -> tuple:
    o = _o()
    z, x = ctx.inputs
    gx = dy * (o.sigmoid(x) - z) if ctx.needs[1] else None
    gz = o.negative(dy * x) if ctx.needs[0] else None
    return gz, gx


SPARSE_CE = register(
    Op(
        "sparse_softmax_cross_entropy_with_logits",
        _sparse_ce_forward,
        _sparse_ce_infer,
        _sparse_ce_grad,
    )
)
SPARSE_CE_BACKPROP = register(
    Op(
        "sparse_softmax_cross_entropy_backprop",
        _sparse_ce_backprop_forward,
        _sparse_ce_backprop_infer,
        _sparse_ce_backprop_grad,
    )
)
CE = register(Op("softmax_cross_entropy_with_logits", _ce_forward, _ce_infer, _ce_grad))
SIG_CE = register(
    Op("sigmoid_cross_entropy_with_logits", _sig_ce_forward, _sig_ce_infer, _sig_ce_grad)
)


def sparse_softmax_cross_entropy_with_logits(
    labels: Any = None, logits: Any = None, name: str | None = None
) -> Tensor:
    """Per-example ``-log softmax(logits)[label]`` from integer class ids, computed stably.

    Out-of-range labels raise ``IndexError`` on the CPU (TensorFlow's GPU kernel returns NaN).

    Examples
    --------
    >>> import dl
    >>> loss = dl.nn.sparse_softmax_cross_entropy_with_logits([0], [[0.0, 0.0]])
    >>> round(float(loss[0]), 4)
    0.6931
    """
    (lg,) = as_operands("sparse_softmax_cross_entropy_with_logits", logits)
    (lb,) = as_operands("sparse_softmax_cross_entropy_with_logits", labels)
    return apply(SPARSE_CE, (lb, lg))


def softmax_cross_entropy_with_logits(
    labels: Any = None, logits: Any = None, axis: int = -1, name: str | None = None
) -> Tensor:
    """Per-example ``-sum(labels * log_softmax(logits))`` (labels: a distribution), stably.

    Unlike TensorFlow, gradients also flow into ``labels``.
    """
    if axis not in (-1, None):
        raise NotImplementedError("softmax_cross_entropy_with_logits: only axis=-1 is supported")
    lg, lb = as_operands("softmax_cross_entropy_with_logits", logits, labels)
    return apply(CE, (lb, lg))


def sigmoid_cross_entropy_with_logits(
    labels: Any = None, logits: Any = None, name: str | None = None
) -> Tensor:
    """Elementwise ``max(x, 0) - x * z + log(1 + exp(-|x|))``: stable logistic loss.

    Examples
    --------
    >>> import dl
    >>> round(float(dl.nn.sigmoid_cross_entropy_with_logits([1.0], [100.0])[0]), 6)
    0.0
    """
    lg, lb = as_operands("sigmoid_cross_entropy_with_logits", logits, labels)
    return apply(SIG_CE, (lb, lg))
