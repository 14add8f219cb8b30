"""Adam and AdamW.

The update is the paper's (and PyTorch's): ``var -= lr * m_hat / (sqrt(v_hat) + epsilon)``.
TensorFlow/Keras fold the bias correction into the learning rate instead, which scales
``epsilon`` by ``sqrt(1 - beta_2**t)``; results differ only through ``epsilon``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import ops
from .._tensor import Tensor, Variable
from ._optimizer import Optimizer, _check_positive, _check_rate

__all__ = ["Adam", "AdamW"]


def _one_pass(var: Variable) -> bool:
    """Whether the update runs as one ``adam_update`` op: NumPy float32/float64 variables
    (elsewhere the composed ops below are fused into generated device kernels)."""
    return isinstance(var._value, np.ndarray) and var.dtype.name in ("float32", "float64")


class Adam(Optimizer):
    """Adam (Kingma & Ba). ``amsgrad`` keeps the running maximum of ``v``.

    Examples
    --------
    >>> import dl
    >>> v = dl.Variable([1.0])
    >>> opt = dl.optimizers.Adam(learning_rate=0.1)
    >>> _ = opt.apply_gradients([(dl.constant([5.0]), v)])
    >>> round(float(v[0]), 4)
    0.9
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        **kwargs: Any,
    ) -> None:
        _check_rate("beta_1", beta_1)
        _check_rate("beta_2", beta_2)
        _check_positive("epsilon", epsilon, allow_none=False)
        super().__init__(learning_rate, **kwargs)
        self.beta_1 = float(beta_1)
        self.beta_2 = float(beta_2)
        self.epsilon = float(epsilon)
        self.amsgrad = bool(amsgrad)

    def build_slots(self, var: Variable) -> None:
        self.add_slot(var, "m")
        self.add_slot(var, "v")
        if self.amsgrad:
            self.add_slot(var, "vhat")

    def _decay(self, var: Variable, lr: Tensor) -> None:
        """Weight decay hook (AdamW)."""

    def update(self, var: Variable, grad: Tensor, lr: Tensor, step: Tensor) -> None:
        self._decay(var, lr)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        b1, b2 = self.beta_1, self.beta_2
        # bias corrections 1 - beta**t
        c1 = 1 - ops.pow(ops.constant(b1, dtype=var.dtype), step)
        c2 = 1 - ops.pow(ops.constant(b2, dtype=var.dtype), step)
        if not self.amsgrad and _one_pass(var):
            # one primitive (one Numba loop on the CPU; in place inside a traced function)
            new_var, new_m, new_v = ops.adam_update(
                var, m, v, grad, lr / c1, c2, beta_1=b1, beta_2=b2, epsilon=self.epsilon
            )
            m.assign(new_m)
            v.assign(new_v)
            var.assign(new_var)
            return
        new_m = m * b1 + grad * (1 - b1)
        new_v = v * b2 + grad * grad * (1 - b2)
        m.assign(new_m)
        v.assign(new_v)
        if self.amsgrad:
            vh = self.get_slot(var, "vhat")
            new_v = ops.maximum(vh, new_v)
            vh.assign(new_v)
        var.assign(var - (lr / c1) * new_m / (ops.sqrt(new_v / c2) + self.epsilon))

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
            "amsgrad": self.amsgrad,
        }


class AdamW(Adam):
    """Adam with decoupled weight decay: ``var -= lr * weight_decay * var`` before each step."""

    def __init__(
        self, learning_rate: Any = 0.001, weight_decay: float = 0.004, **kwargs: Any
    ) -> None:
        _check_positive("weight_decay", weight_decay, allow_none=False, allow_zero=True)
        super().__init__(learning_rate, **kwargs)
        self.weight_decay = float(weight_decay)

    def _decay(self, var: Variable, lr: Tensor) -> None:
        if self.weight_decay:
            var.assign(var - var * (lr * self.weight_decay))

    def get_config(self) -> dict:
        return {**super().get_config(), "weight_decay": self.weight_decay}
