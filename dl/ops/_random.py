"""Random draws as stateful ops: each run of the op draws anew from an explicit Generator."""

from __future__ import annotations

from typing import Any

from .._tensor import Tensor
from ._registry import Op, apply, register

__all__ = ["RANDOM", "random_like"]


def _draw(xp: Any, gen: Any, kind: str, shape: tuple, dtype: Any, a: float, b: float) -> Any:
    return gen._draw(xp, kind, tuple(shape), dtype, a, b)


def _random_forward(
    xp: Any, *like: Any, shape: tuple, dtype: Any, gen: Any, kind: str, a: float, b: float
) -> Any:
    if like:
        shape = tuple(like[0].shape)
        xp_ = xp
    else:
        from gpuframe.backend import namespace_for

        xp_ = namespace_for()
    return _draw(xp_, gen, kind, shape, dtype, a, b)


def _random_infer(
    *like: Tensor, shape: tuple, dtype: Any, gen: Any, kind: str, a: float, b: float
) -> tuple:
    return (like[0].shape if like else shape), dtype


RANDOM = register(
    Op(
        "random",
        _random_forward,
        _random_infer,
        lambda ctx, dy: tuple(None for _ in ctx.inputs),
        stateful=True,
    )
)


def random_like(
    kind: str, gen: Any, shape: Any, dtype: Any, a: float, b: float, like: Tensor | None = None
) -> Tensor:
    """A random tensor of ``shape`` (or of ``like``'s run-time shape)."""
    attrs = {
        "shape": None if like is not None else tuple(int(d) for d in shape),
        "dtype": dtype,
        "gen": gen,
        "kind": kind,
        "a": float(a),
        "b": float(b),
    }
    return apply(RANDOM, (like,) if like is not None else (), attrs)
