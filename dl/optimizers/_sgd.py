"""SGD with optional (Nesterov) momentum."""

from __future__ import annotations

from typing import Any

from .._tensor import Tensor, Variable
from ._optimizer import Optimizer, _check_positive

__all__ = ["SGD"]


class SGD(Optimizer):
    """``v -= lr * g``; with momentum ``m = momentum * m - lr * g; v += m``
    (Nesterov: ``v += momentum * m - lr * g``), as Keras.

    Examples
    --------
    >>> import dl
    >>> opt = dl.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    >>> opt.get_config()["learning_rate"]
    0.1
    """

    def __init__(
        self,
        learning_rate: Any = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        **kwargs: Any,
    ) -> None:
        _check_positive("momentum", momentum, allow_none=False, allow_zero=True)
        if momentum >= 1:
            raise ValueError(
                f"Invalid value for argument `momentum`. Expected a float in [0, 1). Received: momentum={momentum!r}"
            )
        super().__init__(learning_rate, **kwargs)
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def build_slots(self, var: Variable) -> None:
        if self.momentum:
            self.add_slot(var, "momentum")

    def update(self, var: Variable, grad: Tensor, lr: Tensor, step: Tensor) -> None:
        if not self.momentum:
            var.assign(var - lr * grad)
            return
        m = self.get_slot(var, "momentum")
        new_m = m * self.momentum - lr * grad
        m.assign(new_m)
        if self.nesterov:
            var.assign(var + (new_m * self.momentum - lr * grad))
        else:
            var.assign(var + new_m)

    def get_config(self) -> dict:
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}
