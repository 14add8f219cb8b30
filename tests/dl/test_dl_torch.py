"""Forward values and gradients of the op cases against torch autograd (float64)."""

from __future__ import annotations

import pytest
from dl_cases import CASES
from dl_checks import torch_check

from gpuframe.testing import requires

pytestmark = requires("torch")


def _torch_fns():
    import torch
    import torch.nn.functional as F

    def conv(stride, padding, dilation):
        def f(x, w):
            xt = x.permute(0, 3, 1, 2)
            wt = w.permute(3, 2, 0, 1)
            if padding == "SAME":
                kh, kw = w.shape[0], w.shape[1]
                eh, ew = (kh - 1) * dilation + 1, (kw - 1) * dilation + 1
                ph, pw = (
                    max((-(-x.shape[1] // stride) - 1) * stride + eh - x.shape[1], 0),
                    max((-(-x.shape[2] // stride) - 1) * stride + ew - x.shape[2], 0),
                )
                xt = F.pad(xt, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))
            return F.conv2d(xt, wt, stride=stride, dilation=dilation).permute(0, 2, 3, 1)

        return f

    def max_pool_same(x):
        xt = F.pad(x.permute(0, 3, 1, 2), (0, 1, 0, 1), value=-float("inf"))
        return F.max_pool2d(xt, 2, 2).permute(0, 2, 3, 1)

    return {
        "negative": torch.neg,
        "exp": torch.exp,
        "log": torch.log,
        "log1p": torch.log1p,
        "sqrt": torch.sqrt,
        "rsqrt": torch.rsqrt,
        "square": torch.square,
        "reciprocal": torch.reciprocal,
        "tanh": torch.tanh,
        "sigmoid": torch.sigmoid,
        "relu": torch.relu,
        "gelu": F.gelu,
        "gelu_tanh": lambda x: F.gelu(x, approximate="tanh"),
        "abs": torch.abs,
        "sin": torch.sin,
        "cos": torch.cos,
        "erf": torch.erf,
        "add": torch.add,
        "subtract": torch.sub,
        "multiply": torch.mul,
        "divide": torch.div,
        "pow": torch.pow,
        "maximum": torch.maximum,
        "minimum": torch.minimum,
        "reduce_sum": lambda x: x.sum(1),
        "reduce_mean": lambda x: x.mean(0),
        "reduce_max": lambda x: x.amax(-1),
        "reduce_min": lambda x: x.amin(),
        "reduce_prod": lambda x: x.prod(1),
        "reduce_logsumexp": lambda x: torch.logsumexp(x, 1),
        "transpose": lambda x: x.permute(2, 0, 1),
        "concat": lambda x, y: torch.cat([x, y], 1),
        "stack": lambda x, y: torch.stack([x, y], 1),
        "pad": lambda x: F.pad(x, (2, 1, 1, 0), value=0.5),
        "matmul": torch.matmul,
        "matmul_batch": torch.matmul,
        "matmul_t": lambda a, b: a.T @ b.T,
        "conv2d_same": conv(1, "SAME", 1),
        "conv2d_strided": conv(2, "VALID", 1),
        "conv2d_dilated": conv(1, "SAME", 2),
        "max_pool2d": max_pool_same,
        "softmax": lambda x: torch.softmax(x, -1),
        "log_softmax": lambda x: torch.log_softmax(x, 0),
        "sparse_softmax_cross_entropy_with_logits": lambda lg, lb: F.cross_entropy(
            lg, lb, reduction="none"
        ),
        "softmax_cross_entropy_with_logits": lambda lg, lb: F.cross_entropy(
            lg, torch.softmax(lb, -1), reduction="none"
        ),
        "sigmoid_cross_entropy_with_logits": lambda lg, z: F.binary_cross_entropy_with_logits(
            lg, torch.sigmoid(z), reduction="none"
        ),
    }


NAMES = [
    "negative",
    "exp",
    "log",
    "log1p",
    "sqrt",
    "rsqrt",
    "square",
    "reciprocal",
    "tanh",
    "sigmoid",
    "relu",
    "gelu",
    "gelu_tanh",
    "abs",
    "sin",
    "cos",
    "erf",
    "add",
    "subtract",
    "multiply",
    "divide",
    "pow",
    "maximum",
    "minimum",
    "reduce_sum",
    "reduce_mean",
    "reduce_max",
    "reduce_min",
    "reduce_prod",
    "reduce_logsumexp",
    "transpose",
    "concat",
    "stack",
    "pad",
    "matmul",
    "matmul_batch",
    "matmul_t",
    "conv2d_same",
    "conv2d_strided",
    "conv2d_dilated",
    "max_pool2d",
    "softmax",
    "log_softmax",
    "sparse_softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits",
    "sigmoid_cross_entropy_with_logits",
]


@pytest.mark.parametrize("name", NAMES)
def test_op_matches_torch(name):
    fn, inputs, _ = CASES[name]
    torch_check(fn, _torch_fns()[name], inputs, rtol=1e-7, atol=1e-9)


def test_avg_pool_same_excludes_padding_like_tensorflow():
    """avg_pool2d 'SAME' divides by the number of real cells, as TensorFlow (torch's
    count_include_pad=False on the same explicit padding)."""
    import numpy as np
    import torch
    import torch.nn.functional as F

    import dl

    x = np.random.default_rng(0).standard_normal((2, 5, 5, 3))
    got = dl.nn.avg_pool2d(dl.constant(x), 3, 2, "SAME").numpy()
    ref = (
        F.avg_pool2d(torch.tensor(x).permute(0, 3, 1, 2), 3, 2, padding=1, count_include_pad=False)
        .permute(0, 2, 3, 1)
        .numpy()
    )
    np.testing.assert_allclose(got, ref, rtol=1e-12)
