"""Learning-rate schedules: callables of the step (a tensor) built from dl ops."""

from __future__ import annotations

import math
from typing import Any

from .. import _dtypes, ops

__all__ = [
    "CosineDecay",
    "ExponentialDecay",
    "InverseTimeDecay",
    "LearningRateSchedule",
    "PiecewiseConstantDecay",
]


def _step(step: Any) -> Any:
    return ops.cast(ops.convert_to_tensor(step), _dtypes.float64)


class LearningRateSchedule:
    """Base class: ``schedule(step) -> learning rate`` (a float64 tensor)."""

    def __call__(self, step: Any) -> Any:
        raise NotImplementedError

    def get_config(self) -> dict:
        return {"class_name": type(self).__name__, **self.__dict__}


class ExponentialDecay(LearningRateSchedule):
    """``initial * decay_rate ** (step / decay_steps)`` (floored with ``staircase``).

    Examples
    --------
    >>> from dl.optimizers.schedules import ExponentialDecay
    >>> round(float(ExponentialDecay(0.1, 10, 0.5)(10)), 6)
    0.05
    """

    def __init__(
        self,
        initial_learning_rate: float,
        decay_steps: int,
        decay_rate: float,
        staircase: bool = False,
    ) -> None:
        if decay_steps <= 0:
            raise ValueError(
                f"Invalid value for argument `decay_steps`. Expected a positive int. Received: decay_steps={decay_steps}"
            )
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps = int(decay_steps)
        self.decay_rate = float(decay_rate)
        self.staircase = bool(staircase)

    def __call__(self, step: Any) -> Any:
        p = _step(step) / float(self.decay_steps)
        if self.staircase:
            p = ops.cast(ops.floor_divide(p, 1.0), _dtypes.float64)
        return (
            ops.pow(ops.constant(self.decay_rate, dtype=_dtypes.float64), p)
            * self.initial_learning_rate
        )


class InverseTimeDecay(LearningRateSchedule):
    """``initial / (1 + decay_rate * step / decay_steps)``."""

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float) -> None:
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps = int(decay_steps)
        self.decay_rate = float(decay_rate)

    def __call__(self, step: Any) -> Any:
        return self.initial_learning_rate / (
            _step(step) * (self.decay_rate / self.decay_steps) + 1.0
        )


class CosineDecay(LearningRateSchedule):
    """Cosine decay from ``initial`` to ``initial * alpha`` over ``decay_steps``."""

    def __init__(self, initial_learning_rate: float, decay_steps: int, alpha: float = 0.0) -> None:
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps = int(decay_steps)
        self.alpha = float(alpha)

    def __call__(self, step: Any) -> Any:
        p = ops.minimum(_step(step), float(self.decay_steps)) / float(self.decay_steps)
        cosine = (ops.cos(p * math.pi) + 1.0) * 0.5
        return (cosine * (1 - self.alpha) + self.alpha) * self.initial_learning_rate


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while ``boundaries[i-1] < step <= boundaries[i]``."""

    def __init__(self, boundaries: list, values: list) -> None:
        if len(values) != len(boundaries) + 1:
            raise ValueError(
                f"PiecewiseConstantDecay: expected len(values) == len(boundaries) + 1; received {len(values)} values and {len(boundaries)} boundaries"
            )
        self.boundaries = [float(b) for b in boundaries]
        self.values = [float(v) for v in values]

    def __call__(self, step: Any) -> Any:
        s = _step(step)
        out = ops.constant(self.values[-1], dtype=_dtypes.float64)
        for b, v in reversed(list(zip(self.boundaries, self.values))):
            out = ops.where(ops.less_equal(s, b), ops.constant(v, dtype=_dtypes.float64), out)
        return out
