"""``GradientTape``: records ops on watched tensors and runs their gradient rules backwards.

The backward pass applies dl ops, so an outer tape records it (second derivatives), and
inside a traced function it becomes part of the graph.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from ._context import state
from ._errors import NonDifferentiableError
from ._tensor import Tensor, Variable, convert_to_tensor
from .ops._registry import Op, TapeEntry

__all__ = ["GradientTape"]


def _flatten(x: Any) -> tuple[list, Any]:
    if isinstance(x, (list, tuple)):
        flat: list = []
        structure = []
        for item in x:
            f, s = _flatten(item)
            structure.append((len(flat), len(f), s))
            flat.extend(f)
        return flat, (type(x), structure)
    if isinstance(x, dict):
        keys = list(x)
        f, s = _flatten([x[k] for k in keys])
        return f, ("dict", keys, s)
    return [x], None


def _unflatten(flat: list, structure: Any) -> Any:
    if structure is None:
        return flat[0]
    if structure[0] == "dict":
        _, keys, s = structure
        return dict(zip(keys, _unflatten(flat, s)))
    kind, items = structure
    out = [_unflatten(flat[i : i + n], s) for i, n, s in items]
    return kind(out) if kind in (list, tuple) else out


class GradientTape:
    """Record operations for reverse-mode differentiation (``tf.GradientTape``).

    Trainable variables are watched automatically; other tensors with :meth:`watch`.
    A non-persistent tape allows one :meth:`gradient` call. Nest tapes for higher derivatives.

    Examples
    --------
    >>> import dl
    >>> x = dl.constant(3.0)
    >>> with dl.GradientTape() as outer:
    ...     outer.watch(x)
    ...     with dl.GradientTape() as inner:
    ...         inner.watch(x)
    ...         y = x * x * x
    ...     dy = inner.gradient(y, x)
    >>> float(dy), float(outer.gradient(dy, x))
    (27.0, 18.0)
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True) -> None:
        self._persistent = bool(persistent)
        self._watch_vars = bool(watch_accessed_variables)
        self._entries: list[TapeEntry] = []
        self._watched: dict[int, Tensor] = {}
        self._blocked: dict[int, str] = {}
        self._recording = False
        self._used = False
        self._active = False

    # -- context --------------------------------------------------------------------------------
    def __enter__(self) -> GradientTape:
        if self._active:
            raise RuntimeError("GradientTape is already active (a tape cannot be entered twice)")
        self._active = True
        self._recording = True
        state.tapes.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        self._recording = False
        self._active = False
        if state.tapes and state.tapes[-1] is self:
            state.tapes.pop()
        elif self in state.tapes:
            state.tapes.remove(self)

    @contextlib.contextmanager
    def stop_recording(self) -> Iterator[None]:
        """Temporarily stop recording on this tape."""
        was = self._recording
        self._recording = False
        try:
            yield
        finally:
            self._recording = was

    def reset(self) -> None:
        """Forget everything recorded so far."""
        self._entries.clear()
        self._watched.clear()
        self._blocked.clear()

    def watch(self, tensor: Any) -> None:
        """Track ``tensor`` (or a nested list of tensors) so gradients can be taken w.r.t. it."""
        flat, _ = _flatten(tensor)
        for t in flat:
            if not isinstance(t, Tensor):
                raise TypeError(
                    f"GradientTape.watch expects dl tensors or variables, received {type(t).__name__}"
                )
            self._watched[id(t)] = t

    def watched_variables(self) -> tuple:
        """The variables this tape watched, in first-use order."""
        return tuple(t for t in self._watched.values() if isinstance(t, Variable))

    # -- recording (called by ops.apply) --------------------------------------------------------
    def _maybe_record(self, op: Op, inputs: tuple, attrs: dict, outputs: tuple) -> None:
        watched = self._watched
        hit = False
        blocked_by = None
        for t in inputs:
            k = id(t)
            if k in watched:
                hit = True
            elif self._watch_vars and isinstance(t, Variable) and t.trainable:
                watched[k] = t
                hit = True
            elif k in self._blocked:
                blocked_by = self._blocked[k]
        if not hit:
            if blocked_by is not None:
                for o in outputs:
                    self._blocked[id(o)] = blocked_by
            return
        if not op.differentiable:
            for o in outputs:
                self._blocked[id(o)] = op.name
            self._entries.append(TapeEntry(op, inputs, attrs, outputs))  # keeps ids alive
            return
        for o in outputs:
            if o.dtype.is_floating:
                watched[id(o)] = o
        self._entries.append(TapeEntry(op, inputs, attrs, outputs))

    # -- gradient ------------------------------------------------------------------------------
    def gradient(
        self,
        target: Any,
        sources: Any,
        output_gradients: Any = None,
        unconnected_gradients: str = "none",
    ) -> Any:
        """Gradients of ``target`` (summed if several) w.r.t. ``sources`` (same structure).

        Sources that ``target`` does not depend on get ``None`` (or zeros with
        ``unconnected_gradients="zero"``). Raises :class:`~dl.NonDifferentiableError` when
        ``target`` only depends on the sources through an op that has no gradient.
        """
        if self._used and not self._persistent:
            raise RuntimeError(
                "A non-persistent GradientTape can only be used to compute one set of gradients; "
                "use GradientTape(persistent=True) for more"
            )
        if unconnected_gradients not in ("none", "zero"):
            raise ValueError(
                f"Invalid value for argument `unconnected_gradients`. Expected 'none' or 'zero'. Received: {unconnected_gradients!r}"
            )
        self._used = True
        targets, _ = _flatten(target)
        srcs, s_struct = _flatten(sources)
        for s in srcs:
            if not isinstance(s, Tensor):
                raise TypeError(
                    f"GradientTape.gradient: sources must be dl tensors or variables, received {type(s).__name__}"
                )
        if output_gradients is None:
            ogs = [None] * len(targets)
        else:
            ogs, _ = _flatten(output_gradients)
        with self.stop_recording():
            grads = self._backward(targets, ogs, srcs)
        out = []
        for s in srcs:
            g = grads.get(id(s))
            if g is None and unconnected_gradients == "zero":
                from . import ops

                g = ops.zeros_like(s)
            out.append(g)
        if not self._persistent:
            self._entries = []
        return _unflatten(out, s_struct)

    def _backward(self, targets: list, ogs: list, srcs: list) -> dict:
        from . import ops

        # forward reachability from the watched sources: which tensors need gradients at all
        need: set[int] = {id(s) for s in srcs if id(s) in self._watched}
        for e in self._entries:
            if e.op.differentiable and any(id(t) in need for t in e.inputs):
                for o in e.outputs:
                    need.add(id(o))
        grads: dict[int, Tensor] = {}
        for t, og in zip(targets, ogs):
            t = convert_to_tensor(t)
            if id(t) not in self._watched and id(t) in self._blocked:
                raise NonDifferentiableError(
                    f"GradientTape.gradient: the target depends on the sources only through op "
                    f"{self._blocked[id(t)]!r}, which has no gradient"
                )
            g = ops.ones_like(t) if og is None else ops.convert_like(og, t)
            k = id(t)
            grads[k] = g if k not in grads else grads[k] + g
        for e in reversed(self._entries):
            if not e.op.differentiable:
                continue
            dys = [grads.get(id(o)) for o in e.outputs]
            if all(d is None for d in dys):
                continue
            needs = tuple(id(t) in need and t.dtype.is_floating for t in e.inputs)
            if not any(needs):
                continue
            e.needs = needs
            if e.op.grad is None:
                raise NonDifferentiableError(f"op {e.op.name!r} has no gradient rule")
            if len(e.outputs) == 1:
                gin = e.op.grad(e, dys[0])
            else:
                gin = e.op.grad(e, *dys)
            for t, g, n in zip(e.inputs, gin, needs):
                if g is None or not n:
                    continue
                k = id(t)
                prev = grads.get(k)
                grads[k] = g if prev is None else prev + g
        return grads

    def jacobian(self, target: Any, source: Any) -> Tensor:
        """Full Jacobian ``d target[i...] / d source[j...]`` (one backward pass per element)."""
        from . import ops

        if not self._persistent:
            raise RuntimeError("jacobian needs GradientTape(persistent=True)")
        t = convert_to_tensor(target)
        n = 1
        for d in t.shape:
            n *= d
        rows = []
        flat_t = t.shape
        import numpy as np

        for i in range(n):
            e = np.zeros(n, dtype=t.dtype.as_numpy_dtype)
            e[i] = 1
            g = self.gradient(t, source, output_gradients=ops.constant(e.reshape(flat_t)))
            rows.append(ops.zeros_like(source) if g is None else g)
        return ops.reshape(ops.stack(rows), (*flat_t, *source.shape))
