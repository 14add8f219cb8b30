"""The op table: one :class:`Op` per primitive, and :func:`apply`, the single dispatcher.

``apply`` infers the output spec (validating shapes and dtypes), then either runs the op's
forward over the inputs' array namespace (eager mode) or records a node into the graph being
traced (Keras' ``symbolic_call``). Either way, every active :class:`dl.GradientTape` that
watches an input records the call. Gradient rules are written with dl ops, so the backward
pass is itself a sequence of ops: it can be taped again (second derivatives) or traced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import array_api_compat
import array_api_compat.numpy as _nxp
import numpy as np

from .._context import state
from .._dtypes import DType
from .._errors import DTypeError
from .._tensor import Tensor, Variable

__all__ = ["OPS", "Op", "apply", "get_op", "register"]


@dataclass(eq=False)
class Op:
    """A primitive: forward over ``xp``, output-spec inference and a gradient rule.

    ``forward(xp, *arrays, **attrs)`` returns an array (or a tuple for multi-output ops);
    ``infer(*tensors, **attrs)`` returns ``(shape, dtype)`` (or a list of them) and raises
    a typed error for bad operands; ``grad(ctx, *dys)`` returns one gradient (a dl Tensor or
    None) per input, computed with dl ops.
    """

    name: str
    forward: Callable[..., Any]
    infer: Callable[..., Any]
    grad: Callable[..., Any] | None = None
    num_outputs: int = 1
    differentiable: bool = True
    elementwise: bool = False  # may be fused with its elementwise neighbours
    stateful: bool = False  # never folded or merged (random draws, variable reads)
    view: bool = False  # the output may alias input 0 (no in-place writes into it)
    cpu_out: Callable[..., Any] | None = None  # (np, *arrays, out=, **attrs) for fused code
    c_expr: str | None = None  # CUDA expression template ({0}, {1}, ..., {T}) for fusion
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Op({self.name!r})"


OPS: dict[str, Op] = {}


def register(op: Op) -> Op:
    """Add ``op`` to the table (names are unique)."""
    if op.name in OPS:
        raise ValueError(f"op {op.name!r} is already registered")
    OPS[op.name] = op
    return op


def op_function(fn: Callable[..., Any], op: Op, doc: str) -> Callable[..., Any]:
    """``fn``, the public function that applies ``op``, named after it and documented."""
    fn.__name__ = op.name
    fn.__doc__ = doc
    return fn


def get_op(name: str) -> Op:
    try:
        return OPS[name]
    except KeyError:
        raise KeyError(f"unknown op {name!r}; known ops: {sorted(OPS)}") from None


def namespace_of(arrays: Sequence[Any]) -> Any:
    """The array namespace of ``arrays`` (fast path for NumPy)."""
    for a in arrays:
        if type(a) is not np.ndarray:
            break
    else:
        if arrays:
            return _nxp
        from gpuframe.backend import namespace_for

        return namespace_for()
    others = [a for a in arrays if not isinstance(a, (np.ndarray, np.generic))]
    return array_api_compat.array_namespace(*others)


def harmonize(arrays: list, xp: Any) -> list:
    """Move NumPy arrays (constants made on the host) into namespace ``xp``."""
    if xp is _nxp:
        return arrays
    from gpuframe.backend import asarray, is_cupy

    gpu = is_cupy(xp)
    out = []
    for a in arrays:
        if isinstance(a, (np.ndarray, np.generic)):
            if gpu and np.ndim(a) == 0:
                a = _device_scalar(np.asarray(a), xp)
            else:
                a = asarray(a, device="gpu") if gpu else xp.asarray(a)
        out.append(a)
    return out


_SCALARS: dict[tuple, Any] = {}


def _device_scalar(a: np.ndarray, xp: Any) -> Any:
    """A cached device copy of a host scalar: each distinct scalar crosses over once."""
    dev = xp.cuda.Device().id if hasattr(xp, "cuda") else 0
    key = (a.dtype.str, a.tobytes(), dev)
    hit = _SCALARS.get(key)
    if hit is None:
        from gpuframe.backend import asarray

        if len(_SCALARS) > 4096:
            _SCALARS.clear()
        hit = _SCALARS[key] = asarray(a, device="gpu")
    return hit


def fix_array(arr: Any, dtype: DType, xp: Any) -> Any:
    """Make a forward's result an array of exactly ``dtype`` (NumPy returns scalars/int64)."""
    if type(arr) is np.ndarray:
        if arr.dtype != dtype.as_numpy_dtype:
            return arr.astype(dtype.as_numpy_dtype)
        return arr
    if isinstance(arr, np.generic):
        return np.asarray(arr, dtype=dtype.as_numpy_dtype)
    want = dtype.of(xp)
    if arr.dtype != want:
        arr = xp.astype(arr, want)
    return arr


class TapeEntry:
    """One recorded call: what a gradient rule sees as ``ctx``."""

    __slots__ = ("attrs", "inputs", "needs", "op", "outputs")

    def __init__(self, op: Op, inputs: tuple, attrs: dict, outputs: tuple) -> None:
        self.op = op
        self.inputs = inputs
        self.attrs = attrs
        self.outputs = outputs
        self.needs: tuple = ()

    @property
    def output(self) -> Tensor:
        return self.outputs[0]


def apply(op: Op, inputs: Sequence[Tensor], attrs: dict | None = None) -> Any:
    """Run or record ``op`` on ``inputs`` (Tensors) with ``attrs``; returns its output(s)."""
    attrs = {} if attrs is None else attrs
    graph = state.graph
    if graph is None:
        for t in inputs:
            if t._value is None and not isinstance(t, Variable):
                raise TypeError(
                    f"op {op.name!r} received a symbolic tensor outside the dl.function that "
                    f"made it; return values from the traced function instead of keeping them"
                )
    spec = op.infer(*inputs, **attrs)
    specs = [spec] if op.num_outputs == 1 else list(spec)
    if graph is not None:
        outs = graph.add_node(op, inputs, attrs, specs)
    else:
        arrays = [t._value for t in inputs]
        xp = namespace_of(arrays)
        if xp is not _nxp:
            arrays = harmonize(arrays, xp)
        res = op.forward(xp, *arrays, **attrs)
        if op.num_outputs == 1:
            outs = (Tensor._from_array(fix_array(res, specs[0][1], xp), specs[0][1]),)
        else:
            outs = tuple(
                Tensor._from_array(fix_array(r, s[1], xp), s[1]) for r, s in zip(res, specs)
            )
    tapes = state.tapes
    if tapes:
        for tape in tapes:
            if tape._recording:
                tape._maybe_record(op, tuple(inputs), attrs, outs)
    return outs[0] if op.num_outputs == 1 else outs


# -- shape/dtype inference helpers used by the op families -----------------------------------------


def same_dtype(opname: str, *tensors: Tensor, names: Sequence[str] = ("x", "y", "z")) -> DType:
    """The common dtype of ``tensors``; a :class:`DTypeError` naming the op if they differ."""
    d0 = tensors[0].dtype
    for n, t in zip(names[1:], tensors[1:]):
        if t.dtype != d0:
            raise DTypeError(
                f"{opname}: dtype mismatch: {names[0]} has {d0.name}, {n} has {t.dtype.name} "
                f"(dl does not promote; cast one operand with dl.cast)"
            )
    return d0


def require_float(opname: str, t: Tensor, name: str = "x") -> DType:
    if not t.dtype.is_floating:
        raise DTypeError(
            f"{opname}: expected a floating-point {name}, received dtype {t.dtype.name}"
        )
    return t.dtype
