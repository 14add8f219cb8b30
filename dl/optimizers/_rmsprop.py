"""RMSprop (optionally centered, with momentum)."""

from __future__ import annotations

from typing import Any

from .. import ops
from .._tensor import Tensor, Variable
from ._optimizer import Optimizer, _check_positive, _check_rate

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """``ms = rho * ms + (1 - rho) * g**2; var -= lr * g / (sqrt(ms) + epsilon)``.

    ``centered`` subtracts the squared running mean of ``g``; ``momentum`` accumulates the
    step (``mom = momentum * mom + lr * g / denom; var -= mom``), as Keras.

    Examples
    --------
    >>> import dl
    >>> dl.optimizers.RMSprop(0.01, rho=0.9).get_config()["rho"]
    0.9
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
        **kwargs: Any,
    ) -> None:
        _check_rate("rho", rho)
        _check_positive("momentum", momentum, allow_none=False, allow_zero=True)
        _check_positive("epsilon", epsilon, allow_none=False)
        super().__init__(learning_rate, **kwargs)
        self.rho = float(rho)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.centered = bool(centered)

    def build_slots(self, var: Variable) -> None:
        self.add_slot(var, "ms")
        if self.centered:
            self.add_slot(var, "mg")
        if self.momentum:
            self.add_slot(var, "mom")

    def update(self, var: Variable, grad: Tensor, lr: Tensor, step: Tensor) -> None:
        ms = self.get_slot(var, "ms")
        new_ms = ms * self.rho + grad * grad * (1 - self.rho)
        ms.assign(new_ms)
        denom = new_ms
        if self.centered:
            mg = self.get_slot(var, "mg")
            new_mg = mg * self.rho + grad * (1 - self.rho)
            mg.assign(new_mg)
            denom = new_ms - new_mg * new_mg
        step_ = lr * grad / (ops.sqrt(denom) + self.epsilon)
        if self.momentum:
            mom = self.get_slot(var, "mom")
            new_mom = mom * self.momentum + step_
            mom.assign(new_mom)
            var.assign(var - new_mom)
        else:
            var.assign(var - step_)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "rho": self.rho,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "centered": self.centered,
        }
