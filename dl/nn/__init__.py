"""``dl.nn``: activations, the fused cross-entropy losses, dropout, convolution and pooling."""

from __future__ import annotations

from typing import Any

from .._tensor import Tensor
from ..ops import (
    avg_pool2d,
    conv2d,
    gelu,
    log_softmax,
    max_pool2d,
    relu,
    sigmoid,
    sigmoid_cross_entropy_with_logits,
    softmax,
    softmax_cross_entropy_with_logits,
    sparse_softmax_cross_entropy_with_logits,
    tanh,
)

__all__ = [
    "avg_pool2d",
    "conv2d",
    "dropout",
    "gelu",
    "log_softmax",
    "max_pool2d",
    "relu",
    "sigmoid",
    "sigmoid_cross_entropy_with_logits",
    "softmax",
    "softmax_cross_entropy_with_logits",
    "sparse_softmax_cross_entropy_with_logits",
    "tanh",
]


def dropout(
    x: Any,
    rate: float,
    noise_shape: Any = None,
    seed: int | None = None,
    rng: Any = None,
    name: str | None = None,
) -> Tensor:
    """Zero each element with probability ``rate`` and scale the rest by ``1 / (1 - rate)``.

    ``rng`` is an explicit :class:`dl.random.Generator` (preferred); else ``seed`` or the
    global generator is used (see :mod:`dl.random`).

    Examples
    --------
    >>> import dl
    >>> y = dl.nn.dropout(dl.ones((1000,)), rate=0.5, rng=dl.random.Generator.from_seed(0))
    >>> sorted(set(y.numpy().tolist()))
    [0.0, 2.0]
    """
    from .. import ops
    from ..random import Generator, _gen, _random

    if not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise ValueError(
            f"Invalid value for argument `rate`. Expected a float in [0, 1). Received: rate={rate!r}"
        )
    if rng is not None and not isinstance(rng, Generator):
        raise TypeError(
            f"Invalid type for argument `rng`. Expected dl.random.Generator. Received: rng={type(rng).__name__}"
        )
    (t,) = ops._shapes.as_operands("dropout", x)
    if rate == 0:
        return t
    gen = rng if rng is not None else _gen(seed)
    if noise_shape is not None:
        u = _random("uniform", gen, noise_shape, t.dtype, 0.0, 1.0)
    else:
        u = _random("uniform", gen, (), t.dtype, 0.0, 1.0, like=t)
    keep = ops.cast(ops.greater_equal(u, rate), t.dtype)
    return t * keep * (1.0 / (1.0 - rate))
