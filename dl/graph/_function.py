"""``dl.function``: trace a Python function into a Graph, optimise it, cache it per signature.

Differences from TensorFlow: no autograph (Python ``if``/``for`` on symbolic tensors raise;
loops over Python values unroll); under an active outer GradientTape a traced function runs
its Python body eagerly, so that the tape records its ops (TensorFlow records the call as one
op); arguments that are not tensors/arrays are part of the cache key by value (hashable) or
by identity.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import array_api_compat
import numpy as np

from .._context import state, tracing
from .._errors import SignatureError
from .._tensor import Tensor, TensorSpec, Variable
from ..ops._registry import namespace_of
from ._executor import Schedule, compile_graph
from ._fusion import fuse_elementwise
from ._graph import Graph
from ._passes import cse, fold_constants, prune, simplify

__all__ = ["ConcreteFunction", "Function", "function"]

PASSES: dict[str, Callable[[Graph], None]] = {
    "prune": prune,
    "fold_constants": fold_constants,
    "simplify": simplify,
    "cse": cse,
    "fuse": fuse_elementwise,
}
DEFAULT_PASSES = ("prune", "fold_constants", "simplify", "cse", "simplify", "fuse")


def _is_array(x: Any) -> bool:
    return isinstance(x, np.ndarray) or (
        array_api_compat.is_array_api_obj(x) and not isinstance(x, (int, float, bool))
    )


def _device_key(a: Any) -> str:
    if isinstance(a, np.ndarray):
        return "cpu"
    if array_api_compat.is_cupy_array(a):
        return f"gpu:{a.device.id}"
    return type(a).__module__.split(".")[0]


class _Leaf:
    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


def _flatten_args(obj: Any, leaves: list, key: list) -> Any:
    """Replace tensors/arrays in a nested structure by _Leaf markers; build the cache key."""
    if isinstance(obj, Variable):
        key.append(("V", id(obj)))
        return obj
    if isinstance(obj, Tensor):
        if obj.is_symbolic:
            raise TypeError(
                "a traced function was called with a symbolic tensor from another trace"
            )
        leaves.append(obj)
        key.append(("T", obj.shape, obj.dtype.name, _device_key(obj._value)))
        return _Leaf(len(leaves) - 1)
    if _is_array(obj):
        t = Tensor._from_array(obj)
        leaves.append(t)
        key.append(("T", t.shape, t.dtype.name, _device_key(obj)))
        return _Leaf(len(leaves) - 1)
    if isinstance(obj, (list, tuple)):
        key.append(("(", type(obj).__name__, len(obj)))
        items = [_flatten_args(o, leaves, key) for o in obj]
        return type(obj)(items) if type(obj) in (list, tuple) else items
    if isinstance(obj, dict):
        key.append(("{", tuple(obj)))
        return {k: _flatten_args(v, leaves, key) for k, v in obj.items()}
    try:
        hash(obj)
        key.append(("P", type(obj).__name__, obj))
    except TypeError:
        key.append(("O", id(obj)))
    return obj


def _fill(obj: Any, values: list) -> Any:
    if isinstance(obj, _Leaf):
        return values[obj.index]
    if isinstance(obj, (list, tuple)) and not isinstance(obj, Tensor):
        return type(obj)(_fill(o, values) for o in obj)
    if isinstance(obj, dict):
        return {k: _fill(v, values) for k, v in obj.items()}
    return obj


def _flatten_outputs(obj: Any, out: list) -> Any:
    if isinstance(obj, Tensor):
        out.append(obj)
        return _Leaf(len(out) - 1)
    if isinstance(obj, (list, tuple)):
        return (
            type(obj)(_flatten_outputs(o, out) for o in obj)
            if type(obj) in (list, tuple)
            else [_flatten_outputs(o, out) for o in obj]
        )
    if isinstance(obj, dict):
        return {k: _flatten_outputs(v, out) for k, v in obj.items()}
    return obj


class ConcreteFunction:
    """One traced and optimised graph for one input signature."""

    def __init__(self, graph: Graph, structure: Any, schedule: Schedule, out_dtypes: list) -> None:
        self.graph = graph
        self.structure = structure
        self.schedule = schedule
        self._out_dtypes = out_dtypes

    def run(self, leaves: list) -> Any:
        return self.run_arrays([t._value for t in leaves])

    def run_arrays(self, feeds: list) -> Any:
        """Run on the input arrays (in placeholder order); the outputs as tensors."""
        xp = namespace_of(feeds) if feeds else _variables_namespace(self.graph)
        arrays = self.schedule.run(xp, feeds)
        outs = [Tensor._from_array(a, d) for a, d in zip(arrays, self._out_dtypes)]
        return _fill(self.structure, outs)


def _variables_namespace(graph: Graph) -> Any:
    arrays = [v._value for v in graph.variables]
    return namespace_of(arrays)


class Function:
    """A Python function traced into cached graphs (``tf.function``); see :func:`function`."""

    def __init__(
        self,
        fn: Callable,
        input_signature: Sequence[TensorSpec] | None = None,
        passes: Sequence[str] | bool = True,
        name: str | None = None,
    ) -> None:
        self._fn = fn
        self.name: str = name or str(getattr(fn, "__name__", "function"))
        if input_signature is not None:
            input_signature = list(input_signature)
            for i, s in enumerate(input_signature):
                if not isinstance(s, TensorSpec):
                    raise TypeError(
                        f"Invalid value for argument `input_signature`. Expected a list of dl.TensorSpec. Received: input_signature[{i}]={s!r}"
                    )
        self.input_signature = input_signature
        self.passes: tuple[str, ...]
        if passes is True:
            self.passes = DEFAULT_PASSES
        elif passes is False:
            self.passes = ("prune",)
        else:
            unknown = [p for p in passes if p not in PASSES]
            if unknown:
                raise ValueError(
                    f"Invalid value for argument `passes`. Expected names from {sorted(PASSES)}. Received: {unknown}"
                )
            self.passes = tuple(passes)
        self._cache: dict[Any, ConcreteFunction] = {}
        # calls whose positional arguments are all NumPy arrays: (shape, dtype) per argument
        # -> the same ConcreteFunction as the full key (skips flattening on the hot path)
        self._by_arrays: dict[tuple, ConcreteFunction] = {}
        self.trace_count = 0
        functools.update_wrapper(self, fn)

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        bound = self.__dict__.setdefault("_bound", {})
        f = bound.get(id(obj))
        if f is None:
            f = bound[id(obj)] = Function(
                functools.partial(self._fn, obj), self.input_signature, self.passes, self.name
            )
        return f

    # -- signature ------------------------------------------------------------------------------
    def _key(self, args: tuple, kwargs: dict) -> tuple:
        leaves: list = []
        key: list = []
        if self.input_signature is not None:
            if kwargs:
                raise SignatureError(
                    f"{self.name}: keyword arguments are not allowed with an input_signature"
                )
            if len(args) != len(self.input_signature):
                raise SignatureError(
                    f"{self.name}: input_signature has {len(self.input_signature)} entries but the function was called with {len(args)} arguments"
                )
            skeleton = []
            for i, (a, spec) in enumerate(zip(args, self.input_signature)):
                t = a if isinstance(a, Tensor) else Tensor._from_array(a) if _is_array(a) else None
                if t is None:
                    from .._tensor import constant

                    t = constant(a, dtype=spec.dtype)
                if not spec.is_compatible_with(t.shape, t.dtype):
                    raise SignatureError(
                        f"{self.name}: argument {i} has shape {t.shape} and dtype {t.dtype.name}, "
                        f"which does not match input_signature[{i}]={spec!r}"
                    )
                leaves.append(t)
                skeleton.append(_Leaf(i))
            key.append(("sig", _device_key(leaves[0]._value) if leaves else "none"))
            return tuple(key), leaves, (tuple(skeleton), {})
        skel_args = _flatten_args(list(args), leaves, key)
        skel_kwargs = _flatten_args(dict(kwargs), leaves, key)
        return tuple(key), leaves, (tuple(skel_args), skel_kwargs)

    # -- tracing --------------------------------------------------------------------------------
    def _trace(self, leaves: list, skeleton: tuple) -> ConcreteFunction:
        graph = Graph(self.name)
        specs = (
            self.input_signature
            if self.input_signature is not None
            else [TensorSpec(t.shape, t.dtype) for t in leaves]
        )
        placeholders = [
            graph.placeholder(s.shape, s.dtype, name=f"arg{i}") for i, s in enumerate(specs)
        ]
        args = _fill(skeleton[0], placeholders)
        kwargs = _fill(skeleton[1], placeholders)
        saved_tapes = state.tapes
        state.tapes = []
        try:
            with tracing(graph):
                result = self._fn(*args, **kwargs)
        finally:
            state.tapes = saved_tapes
        outs: list = []
        structure = _flatten_outputs(result, outs)
        graph.outputs = [graph._resolve(t) for t in outs]
        graph.stats["nodes_traced"] = graph.num_nodes
        for p in self.passes:
            PASSES[p](graph)
        graph.stats["nodes_optimized"] = graph.num_nodes
        feeds = [t._value for t in leaves]
        xp = namespace_of(feeds) if feeds else _variables_namespace(graph)
        from gpuframe.backend import is_numpy

        schedule = compile_graph(graph, xp=xp, reuse_buffers=is_numpy(xp) and "fuse" in self.passes)
        graph.stats["buffers_reused"] = schedule.reused_buffers
        self.trace_count += 1
        return ConcreteFunction(graph, structure, schedule, [t.dtype for t in graph.outputs])

    def get_concrete_function(self, *args: Any, **kwargs: Any) -> ConcreteFunction:
        key, leaves, skeleton = self._key(args, kwargs)
        cf = self._cache.get(key)
        if cf is None:
            cf = self._cache[key] = self._trace(leaves, skeleton)
        return cf

    def get_graph(self, *args: Any, **kwargs: Any) -> Graph:
        """The optimised graph used for these arguments (traced if needed)."""
        return self.get_concrete_function(*args, **kwargs).graph

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if state.graph is not None:  # called while tracing another function: inline it
            return self._fn(*args, **kwargs)
        if any(t._recording for t in state.tapes):
            # an outer eager tape must see the ops: run the Python function eagerly
            return self._fn(*args, **kwargs)
        fast = None
        if not kwargs and self.input_signature is None and args:
            if all(type(a) is np.ndarray for a in args):
                fast = tuple((a.shape, a.dtype) for a in args)
                cf = self._by_arrays.get(fast)
                if cf is not None:
                    return cf.run_arrays(list(args))
        key, leaves, skeleton = self._key(args, kwargs)
        cf = self._cache.get(key)
        if cf is None:
            cf = self._cache[key] = self._trace(leaves, skeleton)
        if fast is not None:
            self._by_arrays[fast] = cf
        return cf.run(leaves)

    def experimental_get_tracing_count(self) -> int:
        return self.trace_count


def function(
    func: Callable | None = None,
    input_signature: Sequence[TensorSpec] | None = None,
    *,
    passes: Sequence[str] | bool = True,
    jit_compile: bool | None = None,
    reduce_retracing: bool = False,
) -> Any:
    """Trace ``func`` into an optimised :class:`Graph`, one per input signature (``tf.function``).

    ``passes`` picks the graph passes (default: prune, constant folding, algebraic
    simplification, CSE, elementwise fusion; ``False``: pruning only).

    Examples
    --------
    >>> import dl
    >>> @dl.function
    ... def f(x):
    ...     return dl.reduce_sum(x * x)
    >>> float(f(dl.constant([1.0, 2.0])))
    5.0
    >>> f.trace_count
    1
    """
    if func is None:
        return functools.partial(
            function,
            input_signature=input_signature,
            passes=passes,
            jit_compile=jit_compile,
            reduce_retracing=reduce_retracing,
        )
    return Function(func, input_signature, passes)
