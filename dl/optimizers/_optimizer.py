"""The optimizer contract: ``apply_gradients(zip(grads, vars))``, ``minimize``, clipping,
learning-rate schedules. Updates are dl ops plus ``Variable.assign``, so an optimizer step
runs eagerly or inside a traced function (where it becomes part of the graph)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import _dtypes, ops
from .._tape import GradientTape
from .._tensor import Tensor, Variable
from .schedules import LearningRateSchedule

__all__ = ["Optimizer"]


def _check_positive(
    name: str, value: Any, *, allow_none: bool = True, allow_zero: bool = False
) -> None:
    if value is None and allow_none:
        return
    ok = (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and (value > 0 or (allow_zero and value == 0))
    )
    if not ok:
        raise ValueError(
            f"Invalid value for argument `{name}`. Expected a {'non-negative' if allow_zero else 'positive'} float. Received: {name}={value!r}"
        )


def _check_rate(name: str, value: Any) -> None:
    """A decay rate (``beta_1``, ``rho``): a number in [0, 1)."""
    if not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise ValueError(
            f"Invalid value for argument `{name}`. Expected a float in [0, 1). Received: {name}={value!r}"
        )


class Optimizer:
    """Base class. Subclasses implement ``build_slots(var)`` and ``update(var, grad, lr, step)``.

    ``clipvalue`` clips each gradient elementwise, ``clipnorm`` each gradient's L2 norm,
    ``global_clipnorm`` the norm of all gradients together.
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        *,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        name: str | None = None,
    ) -> None:
        if sum(v is not None for v in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set")
        _check_positive("clipnorm", clipnorm)
        _check_positive("clipvalue", clipvalue)
        _check_positive("global_clipnorm", global_clipnorm)
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.name = name or type(self).__name__
        self.iterations = Variable(
            0, trainable=False, dtype=_dtypes.int64, name=f"{self.name}/iterations"
        )
        self._schedule: LearningRateSchedule | None = None
        self._lr = Variable(
            0.0, trainable=False, dtype=_dtypes.float64, name=f"{self.name}/learning_rate"
        )
        self.learning_rate = learning_rate
        self._slots: dict[int, dict[str, Variable]] = {}
        self._vars: dict[int, Variable] = {}

    # -- learning rate ----------------------------------------------------------------------------
    @property
    def learning_rate(self) -> Any:
        """The current learning rate (a float; a schedule's value at the current step)."""
        if self._schedule is not None:
            return float(self._schedule(self.iterations))
        return float(self._lr.numpy())

    @learning_rate.setter
    def learning_rate(self, value: Any) -> None:
        if isinstance(value, LearningRateSchedule):
            self._schedule = value
            return
        if callable(value):
            raise TypeError(
                "Invalid value for argument `learning_rate`: pass a float or a dl.optimizers.schedules.LearningRateSchedule"
            )
        _check_positive("learning_rate", value, allow_none=False, allow_zero=True)
        self._schedule = None
        self._lr.assign(ops.constant(float(value), dtype=_dtypes.float64))

    def _current_lr(self, dtype: Any) -> Tensor:
        if self._schedule is not None:
            return ops.cast(self._schedule(self.iterations), dtype)
        return ops.cast(self._lr, dtype)

    # -- slots ------------------------------------------------------------------------------------
    def add_slot(self, var: Variable, name: str, value: float = 0.0) -> Variable:
        from gpuframe.backend import array_namespace

        slots = self._slots.setdefault(id(var), {})
        if name not in slots:
            xp = array_namespace(var._value)
            arr = xp.full(var._value.shape, value, dtype=var._value.dtype)
            slots[name] = Variable(arr, trainable=False, name=f"{var.name}/{name}")
        return slots[name]

    def get_slot(self, var: Variable, name: str) -> Variable:
        return self._slots[id(var)][name]

    def variables(self) -> list[Variable]:
        """Optimizer state: iterations, learning rate and all slot variables."""
        out = [self.iterations, self._lr]
        for slots in self._slots.values():
            out.extend(slots.values())
        return out

    def build_slots(self, var: Variable) -> None:  # pragma: no cover - trivial default
        """Create the slot variables of ``var`` (called once per variable)."""

    def update(self, var: Variable, grad: Tensor, lr: Tensor, step: Tensor) -> None:
        raise NotImplementedError

    # -- clipping ---------------------------------------------------------------------------------
    def _clip(self, grads: list) -> list:
        if self.clipvalue is not None:
            c = self.clipvalue
            return [ops.minimum(ops.maximum(g, -c), c) for g in grads]
        if self.clipnorm is not None:
            out = []
            for g in grads:
                n = ops.sqrt(ops.reduce_sum(g * g))
                out.append(g * (self.clipnorm / ops.maximum(n, self.clipnorm)))
            return out
        if self.global_clipnorm is not None:
            total = None
            for g in grads:
                s = ops.cast(ops.reduce_sum(g * g), _dtypes.float64)
                total = s if total is None else total + s
            scale = self.global_clipnorm / ops.maximum(ops.sqrt(total), self.global_clipnorm)
            return [g * ops.cast(scale, g.dtype) for g in grads]
        return grads

    def _place_state(self, like: Variable) -> None:
        """Move iterations/learning rate to the device of the variables (once)."""
        if like._value is None or type(like._value) is type(self.iterations._value):
            return
        from gpuframe.backend import array_namespace, asarray, is_cupy, to_host

        xp = array_namespace(like._value)
        for v in (self.iterations, self._lr):
            host = to_host(v._value) if not isinstance(v._value, np.ndarray) else v._value
            v._value = asarray(host, device="gpu") if is_cupy(xp) else xp.asarray(host)

    # -- public API -------------------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars: Iterable) -> Tensor:
        """Apply one update step; pairs whose gradient is None are skipped.

        Examples
        --------
        >>> import dl
        >>> v = dl.Variable([1.0])
        >>> _ = dl.optimizers.SGD(0.5).apply_gradients([(dl.constant([2.0]), v)])
        >>> v.numpy().tolist()
        [0.0]
        """
        pairs = list(grads_and_vars)
        for i, pair in enumerate(pairs):
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError(
                    f"apply_gradients expects (gradient, variable) pairs; item {i} is {pair!r}"
                )
            if not isinstance(pair[1], Variable):
                raise TypeError(
                    f"apply_gradients: item {i} pairs a gradient with a {type(pair[1]).__name__}, expected a dl.Variable"
                )
        pairs = [(g, v) for g, v in pairs if g is not None]
        if not pairs:
            raise ValueError("apply_gradients: no gradients provided for any variable")
        self._place_state(pairs[0][1])
        grads = [ops.convert_like(g, v) for g, v in pairs]
        for g, (_, v) in zip(grads, pairs):
            if g.dtype != v.dtype:
                raise TypeError(
                    f"apply_gradients: gradient dtype {g.dtype.name} does not match variable {v.name!r} dtype {v.dtype.name}"
                )
        grads = self._clip(grads)
        step = self.iterations + 1
        for g, (_, v) in zip(grads, pairs):
            if id(v) not in self._slots:
                self._slots[id(v)] = {}
                self._vars[id(v)] = v
                self.build_slots(v)
            self.update(v, g, self._current_lr(v.dtype), ops.cast(step, v.dtype))
        self.iterations.assign_add(1)
        return self.iterations

    def minimize(self, loss: Any, var_list: Any, tape: GradientTape | None = None) -> Tensor:
        """Compute gradients of ``loss`` (a callable, or a tensor recorded on ``tape``) and apply them."""
        var_list = list(var_list() if callable(var_list) else var_list)
        if callable(loss):
            with GradientTape() as tape:
                value = loss()
        else:
            if tape is None:
                raise ValueError("minimize: `tape` is required when `loss` is a tensor")
            value = loss
        grads = tape.gradient(value, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def get_config(self) -> dict:
        lr = self._schedule.get_config() if self._schedule is not None else self.learning_rate
        return {
            "name": self.name,
            "learning_rate": lr,
            "clipnorm": self.clipnorm,
            "clipvalue": self.clipvalue,
            "global_clipnorm": self.global_clipnorm,
        }
