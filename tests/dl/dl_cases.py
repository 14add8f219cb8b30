"""The op cases: every primitive of the op table appears in at least one of them."""

from __future__ import annotations

import numpy as np

import dl
from dl import ops

R = np.random.default_rng(7)


def n(*shape):
    return R.standard_normal(shape)


def pos(*shape):
    return R.uniform(0.5, 2.0, shape)


def away(*shape):
    """Normal values kept away from 0 (kinks of relu/abs/max)."""
    x = R.standard_normal(shape)
    return np.where(np.abs(x) < 0.1, x + np.sign(x) * 0.2 + 0.05, x)


def ints(high, *shape):
    return R.integers(0, high, shape).astype(np.int64)


def _conv_bp_input(dy, w):
    like = dl.zeros((2, 5, 5, 3), dtype=dl.float64)
    return ops.apply(
        ops.get_op("conv2d_backprop_input"),
        (dy, w, like),
        {"strides": (1, 1), "padding": "SAME", "dilations": (1, 1)},
    )


def _conv_bp_filter(x, dy):
    like = dl.zeros((3, 3, 3, 2), dtype=dl.float64)
    return ops.apply(
        ops.get_op("conv2d_backprop_filter"),
        (x, dy, like),
        {"strides": (1, 1), "padding": "SAME", "dilations": (1, 1)},
    )


# name -> (fn, inputs, options); options: order (1 or 2), rtol, atol
CASES = {
    # elementwise unary
    "negative": (lambda x: -x, [n(3, 4)], {}),
    "exp": (dl.exp, [n(3, 4)], {"order": 2}),
    "log": (dl.math.log, [pos(3, 4)], {"order": 2}),
    "log1p": (dl.math.log1p, [pos(3, 4)], {}),
    "sqrt": (dl.sqrt, [pos(3, 4)], {"order": 2}),
    "rsqrt": (dl.math.rsqrt, [pos(3, 4)], {}),
    "square": (dl.square, [n(3, 4)], {}),
    "reciprocal": (dl.math.reciprocal, [pos(3, 4)], {}),
    "tanh": (dl.tanh, [n(3, 4)], {"order": 2}),
    "sigmoid": (dl.sigmoid, [n(3, 4)], {"order": 2}),
    "relu": (dl.nn.relu, [away(3, 4)], {}),
    "gelu": (dl.nn.gelu, [n(3, 4)], {"order": 2}),
    "gelu_tanh": (lambda x: dl.nn.gelu(x, approximate=True), [n(3, 4)], {}),
    "abs": (dl.abs, [away(3, 4)], {}),
    "sign": (lambda x: dl.sign(x) * x, [away(3, 4)], {}),
    "sin": (dl.sin, [n(3, 4)], {"order": 2}),
    "cos": (dl.cos, [n(3, 4)], {}),
    "erf": (dl.math.erf, [n(3, 4)], {"order": 2}),
    "identity": (dl.identity, [n(3)], {}),
    "stop_gradient": (lambda x, c: dl.stop_gradient(c) * x, [n(3), n(3)], {"wrt": [0]}),
    # binary with broadcasting
    "add": (lambda x, y: x + y, [n(3, 4), n(4)], {"order": 2}),
    "subtract": (lambda x, y: x - y, [n(3, 1), n(3, 4)], {}),
    "multiply": (lambda x, y: x * y, [n(2, 3, 4), n(3, 1)], {"order": 2}),
    "divide": (lambda x, y: x / y, [n(3, 4), pos(4)], {"order": 2}),
    "pow": (lambda x, y: x**y, [pos(3, 4), n(3, 4)], {"order": 2}),
    "maximum": (dl.maximum, [n(3, 4), n(4)], {}),
    "minimum": (dl.minimum, [n(3, 4), n(3, 4)], {}),
    "where": (lambda x, y: dl.where(x > 0, x * 2.0, y), [away(3, 4), n(4)], {}),
    "cast": (
        lambda x: dl.cast(dl.cast(x, dl.float32), dl.float64) + x,
        [n(3)],
        {"eps": 1e-2, "rtol": 1e-4, "atol": 1e-4},
    ),
    "fill_like": (lambda x: x * dl.ones_like(x) + dl.zeros_like(x), [n(3)], {}),
    # reductions
    "reduce_sum": (lambda x: dl.reduce_sum(x, axis=1), [n(3, 4)], {"order": 2}),
    "reduce_sum_keep": (lambda x: dl.reduce_sum(x, axis=(0, 2), keepdims=True), [n(2, 3, 4)], {}),
    "reduce_mean": (lambda x: dl.reduce_mean(x, axis=0), [n(3, 4)], {"order": 2}),
    "reduce_max": (lambda x: dl.reduce_max(x, axis=-1), [n(3, 4)], {}),
    "reduce_min": (lambda x: dl.reduce_min(x), [n(3, 4)], {}),
    "reduce_prod": (lambda x: dl.reduce_prod(x, axis=1), [pos(3, 4)], {}),
    "reduce_logsumexp": (lambda x: dl.reduce_logsumexp(x, axis=1), [n(3, 4)], {"order": 2}),
    # shape
    "reshape": (lambda x: dl.reshape(x, (4, 3)) * 1.0, [n(3, 4)], {"order": 2}),
    "transpose": (lambda x: dl.transpose(x, (2, 0, 1)), [n(2, 3, 4)], {}),
    "broadcast_to": (lambda x, y: dl.broadcast_to(x, (3, 4)) * y, [n(4), n(3, 4)], {"order": 2}),
    "expand_dims": (lambda x: dl.expand_dims(x, 1), [n(3, 4)], {}),
    "squeeze": (lambda x: dl.squeeze(x, 1), [n(3, 1, 4)], {}),
    "concat": (lambda x, y: dl.concat([x, y], axis=1), [n(3, 2), n(3, 4)], {}),
    "stack": (lambda x, y: dl.stack([x, y], axis=1), [n(3, 2), n(3, 2)], {}),
    "split": (lambda x: dl.split(x, [1, 3], axis=1)[1] * 2.0, [n(3, 4)], {}),
    "getitem": (lambda x: x[1:, ::-2, None, 0], [n(3, 4, 2)], {"order": 2}),
    "slice": (lambda x: dl.slice(x, [1, 0], [2, -1]), [n(3, 4)], {}),
    "strided_slice": (lambda x: dl.strided_slice(x, [0, 1], [3, 4], [2, 2]), [n(3, 4)], {}),
    "pad": (lambda x: dl.pad(x, [[1, 0], [2, 1]], constant_values=0.5), [n(3, 4)], {}),
    "gather": (lambda p, i: dl.gather(p, i, axis=1), [n(3, 4), ints(4, 2, 5)], {"order": 2}),
    "scatter_add": (
        lambda t, u: dl.scatter_add(t, dl.constant([0, 2, 0]), u),
        [n(3, 2), n(3, 2)],
        {"order": 2},
    ),
    "one_hot": (lambda x, i: x * dl.one_hot(i, 4, dtype=dl.float64), [n(5, 4), ints(4, 5)], {}),
    # linear algebra
    "matmul": (dl.matmul, [n(3, 4), n(4, 2)], {"order": 2}),
    "matmul_t": (
        lambda a, b: dl.matmul(a, b, transpose_a=True, transpose_b=True),
        [n(4, 3), n(2, 4)],
        {},
    ),
    "matmul_ta": (lambda a, b: dl.matmul(a, b, transpose_a=True), [n(4, 3), n(4, 2)], {}),
    "matmul_tb": (lambda a, b: dl.matmul(a, b, transpose_b=True), [n(3, 4), n(2, 4)], {}),
    "matmul_batch": (dl.matmul, [n(2, 3, 4), n(4, 2)], {}),
    # convolution and pooling
    "conv2d_same": (
        lambda x, w: dl.nn.conv2d(x, w, strides=1, padding="SAME"),
        [n(2, 5, 5, 3), n(3, 3, 3, 2)],
        {"order": 2},
    ),
    "conv2d_strided": (
        lambda x, w: dl.nn.conv2d(x, w, strides=2, padding="VALID", dilations=1),
        [n(1, 6, 7, 2), n(2, 3, 2, 3)],
        {},
    ),
    "conv2d_dilated": (
        lambda x, w: dl.nn.conv2d(x, w, strides=1, padding="SAME", dilations=2),
        [n(1, 5, 5, 1), n(2, 2, 1, 2)],
        {},
    ),
    "conv2d_backprop_input": (_conv_bp_input, [n(2, 5, 5, 2), n(3, 3, 3, 2)], {"order": 2}),
    "conv2d_backprop_filter": (_conv_bp_filter, [n(2, 5, 5, 3), n(2, 5, 5, 2)], {"order": 2}),
    "max_pool2d": (lambda x: dl.nn.max_pool2d(x, 2, 2, "SAME"), [n(2, 5, 5, 3)], {}),
    "avg_pool2d": (lambda x: dl.nn.avg_pool2d(x, 3, 2, "SAME"), [n(2, 5, 5, 3)], {"order": 2}),
    # nn
    "softmax": (dl.nn.softmax, [n(3, 4)], {"order": 2}),
    "log_softmax": (lambda x: dl.nn.log_softmax(x, axis=0), [n(3, 4)], {"order": 2}),
    "sparse_softmax_cross_entropy_with_logits": (
        lambda lg, lb: dl.nn.sparse_softmax_cross_entropy_with_logits(lb, lg),
        [n(5, 4), ints(4, 5)],
        {"order": 2},
    ),
    "softmax_cross_entropy_with_logits": (
        lambda lg, lb: dl.nn.softmax_cross_entropy_with_logits(dl.nn.softmax(lb), lg),
        [n(5, 4), n(5, 4)],
        {"order": 2},
    ),
    "sigmoid_cross_entropy_with_logits": (
        lambda lg, z: dl.nn.sigmoid_cross_entropy_with_logits(dl.sigmoid(z), lg),
        [n(3, 4), n(3, 4)],
        {"order": 2},
    ),
    "dropout_fixed_mask": (
        lambda x: dl.nn.dropout(x, 0.5, rng=dl.random.Generator.from_seed(3)),
        [n(4, 4)],
        {},
    ),
}

# ops that have no gradient by design; tests check that they refuse one clearly
NON_DIFFERENTIABLE = {
    "argmax": lambda x: dl.argmax(x, axis=1),
    "argmin": lambda x: dl.argmin(x, axis=1),
    "equal": lambda x: dl.cast(dl.equal(x, x), dl.float64),
    "not_equal": lambda x: dl.cast(dl.not_equal(x, 0.0), dl.float64),
    "less": lambda x: dl.cast(x < 0.0, dl.float64),
    "less_equal": lambda x: dl.cast(x <= 0.0, dl.float64),
    "greater": lambda x: dl.cast(x > 0.0, dl.float64),
    "greater_equal": lambda x: dl.cast(x >= 0.0, dl.float64),
    "logical_and": lambda x: dl.cast(dl.logical_and(x > 0.0, x < 1.0), dl.float64),
    "logical_or": lambda x: dl.cast(dl.logical_or(x > 0.0, x < -1.0), dl.float64),
    "logical_not": lambda x: dl.cast(dl.logical_not(x > 0.0), dl.float64),
    "floor_divide": lambda x: dl.math.floor_divide(x, 2.0),
    "reduce_any": lambda x: dl.cast(dl.reduce_any(x > 0.0), dl.float64),
    "reduce_all": lambda x: dl.cast(dl.reduce_all(x > 0.0), dl.float64),
    "one_hot": lambda x: dl.one_hot(dl.argmax(x, axis=1), 3, dtype=dl.float64),
    "max_pool2d_grad": lambda x: ops.apply(
        ops.get_op("max_pool2d_grad"),
        (dl.reshape(x, (1, 2, 2, 1)), dl.reshape(x, (1, 2, 2, 1))[:, :1, :1]),
        {"ksize": (2, 2), "strides": (2, 2), "padding": "VALID"},
    ),
    "size": lambda x: ops.apply(ops.get_op("size"), (x,), {"axes": (0,)}),
    "adam_update": lambda x: ops.adam_update(x, x, x * x, x, 0.1, 0.5)[0],
}

# graph-only ops (never on a tape)
GRAPH_ONLY = {"placeholder", "const", "read_variable", "assign", "fused"}
