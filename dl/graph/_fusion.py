"""Elementwise fusion: a connected group of elementwise nodes whose intermediates are used
only inside the group becomes one ``fused`` node.

On the CPU a fused node runs generated NumPy code that writes every step into preallocated
buffers (``out=``; a per-thread workspace keeps the temporaries between runs), so a chain of
k ops allocates nothing per call. Large groups (at least ``NUMBA_MIN_SIZE`` elements, float
and bool dtypes, inputs of the full shape, scalars or one trailing block such as a bias row)
instead compile, on first run, into one Numba loop: one pass over memory and no temporaries;
when the output buffer is one of the inputs, the loop writes into that input (no possible
overlap, so LLVM vectorises it). On the GPU a fused node runs one generated
``cupy.ElementwiseKernel``.
"""

from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from .._tensor import Tensor
from ..ops._registry import Op, register
from ._graph import Graph, Node

__all__ = ["FusedProgram", "fuse_elementwise"]

# One scalar expression per op for the Numba kernel of large CPU groups. {z}, {o}, {h}, {s2}
# are 0, 1, 0.5 and 1/sqrt(2) in the step's dtype, so float32 math stays float32 (as NumPy).
_NB_EXPR = {
    "negative": "(-{0})",
    "exp": "math.exp({0})",
    "log": "math.log({0})",
    "log1p": "math.log1p({0})",
    "sqrt": "math.sqrt({0})",
    "rsqrt": "({o} / math.sqrt({0}))",
    "square": "({0} * {0})",
    "reciprocal": "({o} / {0})",
    "tanh": "math.tanh({0})",
    "sigmoid": "({o} / ({o} + math.exp(-{0})))",
    "relu": "({z} if {0} < {z} else {0})",
    "gelu": "({h} * {0} * ({o} + math.erf({0} * {s2})))",
    "abs": "abs({0})",
    "sign": "({o} if {0} > {z} else (-{o} if {0} < {z} else {0}))",
    "sin": "math.sin({0})",
    "cos": "math.cos({0})",
    "erf": "math.erf({0})",
    "add": "({0} + {1})",
    "subtract": "({0} - {1})",
    "multiply": "({0} * {1})",
    "divide": "({0} / {1})",
    "pow": "({0} ** {1})",
    "maximum": "({0} if ({0} >= {1} or {0} != {0}) else {1})",
    "minimum": "({0} if ({0} <= {1} or {0} != {0}) else {1})",
    "equal": "({0} == {1})",
    "not_equal": "({0} != {1})",
    "less": "({0} < {1})",
    "less_equal": "({0} <= {1})",
    "greater": "({0} > {1})",
    "greater_equal": "({0} >= {1})",
    "logical_and": "({0} and {1})",
    "logical_or": "({0} or {1})",
    "logical_not": "(not {0})",
    "where": "({1} if {0} else {2})",
    "cast": "{cast}({0})",
}
_NB_DTYPES = frozenset({"float32", "float64", "bool"})
NUMBA_MIN_SIZE = 1 << 15  # CPU groups at least this large run as one compiled loop

_C_TYPES = {
    "float16": "float16",
    "float32": "float",
    "float64": "double",
    "int32": "int",
    "int64": "long long",
    "bool": "bool",
}


class FusedProgram:
    """The ops of one fused group, in order; ``steps[j] = (op, attrs, args, shape, dtype)``
    where each arg is ``("in", i)`` (external input) or ``("t", k)`` (step k's result)."""

    def __init__(self, steps: list, n_inputs: int, input_specs: list) -> None:
        self.steps = steps
        self.n_inputs = n_inputs
        self.input_specs = input_specs
        self.op_names = [s[0].name for s in steps]
        self._cpu = self._build_cpu()
        self._gpu: Any = None
        self._local = threading.local()
        self._nb: dict = {}  # Numba kernels by aliased input (None: separate output)
        self.uses_numba = self._numba_eligible()

    # -- CPU, large groups: one Numba loop (one pass over memory, no temporaries) --------------
    def _numba_eligible(self) -> bool:
        from gpuframe.backend import has_module

        shape = self.steps[-1][3]
        if not shape or any(d is None for d in shape) or math.prod(shape) < NUMBA_MIN_SIZE:
            return False
        if self._row_size() is None:
            return False  # broadcasting other than scalars and one trailing block: NumPy code
        dtypes = {s[4].name for s in self.steps} | {sp[1].name for sp in self.input_specs}
        if not dtypes <= _NB_DTYPES or any(s[0].name not in _NB_EXPR for s in self.steps):
            return False
        return has_module("numba")

    def _row_size(self) -> int | None:
        """Inputs are full-shape, scalars, or trailing blocks ``shape[-k:]`` (one ``k`` for
        all, e.g. a bias row): the block's size (0 when there is none); ``None`` otherwise."""
        shape = tuple(self.steps[-1][3])
        ks = set()
        for sp in self.input_specs:
            s = tuple(sp[0])
            if s in (shape, ()):
                continue
            if len(s) >= len(shape) or s != shape[len(shape) - len(s) :]:
                return None
            ks.add(len(s))
        if len(ks) > 1:
            return None
        return math.prod(shape[-ks.pop() :]) if ks else 0

    def _build_numba(self, alias: int | None) -> Any:
        """The loop kernel; with ``alias=k`` the result is written into input ``k`` itself
        (the call passes ``out is a_k``): one array fewer, so LLVM vectorises the loop
        instead of falling back to scalar code for possibly overlapping arrays."""
        import numba

        shape = tuple(self.steps[-1][3])
        full = [i for i, sp in enumerate(self.input_specs) if tuple(sp[0]) == shape]
        rows = [i for i, sp in enumerate(self.input_specs) if sp[0] and i not in full]
        row = self._row_size()
        env: dict[str, Any] = {"math": math, "np": np}
        args = [f"a{i}" for i in range(self.n_inputs)]
        target = "out" if alias is None else f"a{alias}"
        lines = [f"def kernel({', '.join(args + (['out'] if alias is None else []))}):"]
        ind = "        "
        if row:  # an outer loop over blocks, an inner one along the broadcast row
            lines.append(f"    for b in range({target}.size // {row}):")
            lines.append(f"        for j in range({row}):")
            lines.append(f"            i = b * {row} + j")
            ind = "            "
        else:
            lines.append(f"    for i in range({target}.size):")

        def ref(k: int) -> str:
            return f"a{k}[i]" if k in full else f"a{k}[j]" if k in rows else f"a{k}"

        for j, (op, _attrs, args_j, _shape, dtype) in enumerate(self.steps):
            names = [ref(k) if kind == "in" else f"t{k}" for kind, k in args_j]
            consts = {}
            if dtype.is_floating:
                for c, v in (("z", 0.0), ("o", 1.0), ("h", 0.5), ("s2", 0.7071067811865476)):
                    env[f"{c}{j}"] = dtype.as_numpy_dtype.type(v)
                    consts[c] = f"{c}{j}"
            if op.name == "cast":
                env[f"cast{j}"] = np.bool_ if dtype.is_bool else dtype.as_numpy_dtype.type
                consts["cast"] = f"cast{j}"
            lines.append(f"{ind}t{j} = {_NB_EXPR[op.name].format(*names, **consts)}")
        lines.append(f"{ind}{target}[i] = t{len(self.steps) - 1}")
        exec("\n".join(lines), env)
        return numba.njit(error_model="numpy", nogil=True)(env["kernel"])

    def _run_numba(self, arrays: tuple, out: Any) -> Any:
        shape = self.steps[-1][3]
        if out is None:
            out = np.empty(shape, self.steps[-1][4].as_numpy_dtype)
        if not out.flags.c_contiguous or not all(
            a.ndim == 0 or a.flags.c_contiguous for a in arrays
        ):
            return None
        alias = None
        for k, a in enumerate(arrays):
            if a is out and out.dtype == self.input_specs[k][1].as_numpy_dtype:
                alias = k
                break
        kernel = self._nb.get(alias)
        if kernel is None:
            kernel = self._nb[alias] = self._build_numba(alias)
        args = [a[()] if a.ndim == 0 else a.reshape(-1) for a in arrays]
        if alias is None:
            kernel(*args, out.reshape(-1))
        else:
            kernel(*args)
        return out

    # -- CPU: generated NumPy code over reused buffers -------------------------------------------
    def _build_cpu(self) -> Any:
        last_use: dict[int, int] = {}
        for j, (_, _, args, _, _) in enumerate(self.steps):
            for kind, k in args:
                if kind == "t":
                    last_use[k] = j
        lines = [
            "def fused("
            + ", ".join(f"a{i}" for i in range(self.n_inputs))
            + ", out=None, ws=None):"
        ]
        self._ws_specs: list = []  # static temporaries kept between calls (a per-thread workspace)
        env: dict[str, Any] = {"np": np}
        free: list[tuple] = []  # (var, shape, dtype) of dead temporaries
        root = len(self.steps) - 1
        for j, (op, attrs, args, shape, dtype) in enumerate(self.steps):
            names = [f"a{k}" if kind == "in" else f"t{k}" for kind, k in args]
            static = all(d is not None for d in shape)
            npd = dtype.as_numpy_dtype
            buf = None
            if static:
                for idx, (var, s, d) in enumerate(free):
                    if s == shape and d == npd:
                        buf = var
                        free.pop(idx)
                        break
            env[f"op{j}"] = op.cpu_out
            env[f"d{j}"] = npd
            kw = "".join(f", {k}=at{j}_{k}" for k in attrs)
            for k, v in attrs.items():
                env[f"at{j}_{k}"] = v
            if j == root:
                alloc = f"out if out is not None else np.empty({self._shape_expr(shape, names, args)}, d{j})"
            elif buf is not None:
                alloc = buf
            elif static and shape:
                alloc = f"ws[{len(self._ws_specs)}]"
                self._ws_specs.append((shape, npd))
            else:
                alloc = f"np.empty({self._shape_expr(shape, names, args)}, d{j})"
            lines.append(f"    t{j} = op{j}(np, {', '.join(names)}, out={alloc}{kw})")
            # temporaries whose last use is this step become free for the next steps
            for kind, k in args:
                if kind == "t" and last_use.get(k) == j:
                    s_k = self.steps[k][3]
                    if all(d is not None for d in s_k) and not any(f[0] == f"t{k}" for f in free):
                        free.append((f"t{k}", s_k, self.steps[k][4].as_numpy_dtype))
        lines.append(f"    return t{root}")
        exec("\n".join(lines), env)
        return env["fused"]

    def _shape_expr(self, shape: tuple, names: list, args: list) -> str:
        if all(d is not None for d in shape):
            return repr(tuple(shape))
        return "np.broadcast_shapes(" + ", ".join(f"np.shape({n})" for n in names) + ")"

    # -- GPU: one generated ElementwiseKernel ------------------------------------------------------
    def _build_gpu(self) -> Any:
        import cupy

        params = ", ".join(
            f"{spec[1].name if spec[1].name != 'bool' else 'bool'} a{i}"
            for i, spec in enumerate(self.input_specs)
        )
        root = len(self.steps) - 1
        body = []
        for j, (op, _attrs, args, _shape, dtype) in enumerate(self.steps):
            ctype = _C_TYPES[dtype.name]
            names = [f"a{k}" if kind == "in" else f"t{k}" for kind, k in args]
            expr = op.c_expr.format(*names, T=ctype)
            body.append(f"{ctype} t{j} = ({ctype})({expr});")
        body.append(f"out = t{root};")
        out_t = self.steps[root][4].name
        return cupy.ElementwiseKernel(
            params,
            f"{out_t} out",
            "\n".join(body),
            f"dl_fused_{abs(hash(tuple(self.op_names))) % 10**8}",
        )

    def gpu_source(self) -> str:
        """The CUDA body of the generated kernel (for inspection)."""
        lines = []
        for j, (op, _attrs, args, _shape, dtype) in enumerate(self.steps):
            ctype = _C_TYPES[dtype.name]
            names = [f"a{k}" if kind == "in" else f"t{k}" for kind, k in args]
            lines.append(f"{ctype} t{j} = ({ctype})({op.c_expr.format(*names, T=ctype)});")
        lines.append(f"out = t{len(self.steps) - 1};")
        return "\n".join(lines)

    def __call__(self, xp: Any, *arrays: Any, out: Any = None) -> Any:
        if type(arrays[0]) is np.ndarray or all(type(a) is np.ndarray for a in arrays):
            if self.uses_numba:
                res = self._run_numba(arrays, out)
                if res is not None:
                    return res
            ws = getattr(self._local, "ws", None)
            if ws is None:
                ws = self._local.ws = [np.empty(s, d) for s, d in self._ws_specs]
            return self._cpu(*arrays, out=out, ws=ws)
        from gpuframe.backend import is_cupy

        if is_cupy(xp):
            if self._gpu is None:
                self._gpu = self._build_gpu()
            return self._gpu(*arrays)
        # any other namespace: run the ops one by one
        vals: list = []
        for op, attrs, args, _s, _d in self.steps:
            ins = [arrays[k] if kind == "in" else vals[k] for kind, k in args]
            vals.append(op.forward(xp, *ins, **attrs))
        return vals[-1]


def _fused_forward(xp: Any, *arrays: Any, program: FusedProgram) -> Any:
    return program(xp, *arrays)


FUSED = register(Op("fused", _fused_forward, lambda *a, program: None, elementwise=False))


def _fusible(n: Node) -> bool:
    op = n.op
    return (
        op.elementwise
        and len(n.outputs) == 1
        and op.cpu_out is not None
        and op.c_expr is not None
        and n.outputs[0].dtype.name in _C_TYPES
    )


def fuse_elementwise(graph: Graph, *, min_size: int = 2) -> None:
    """Replace each maximal fusible group of >= ``min_size`` elementwise nodes by one node."""
    prod = graph.producers()
    cons = graph.consumers()
    escaping = {id(t) for t in graph.outputs}
    position = {n.id: i for i, n in enumerate(graph.nodes)}
    assigned: set[int] = set()
    replacements: dict[int, Node] = {}
    removed: set[int] = set()
    for root in reversed(graph.nodes):
        if root.id in assigned or not _fusible(root):
            continue
        group = {root.id: root}
        changed = True
        while changed:
            changed = False
            for member in list(group.values()):
                for t in member.inputs:
                    p = prod.get(id(t))
                    if p is None or p.id in group or p.id in assigned or not _fusible(p):
                        continue
                    if id(t) in escaping:
                        continue
                    users = cons.get(id(t), [])
                    if all(u.id in group for u in users):
                        group[p.id] = p
                        changed = True
        if len(group) < min_size:
            continue
        members = sorted(group.values(), key=lambda n: position[n.id])
        index = {n.id: k for k, n in enumerate(members)}
        ext: list[Tensor] = []
        ext_ids: dict[int, int] = {}
        steps = []
        for m in members:
            args = []
            for t in m.inputs:
                p = prod.get(id(t))
                if p is not None and p.id in index:
                    args.append(("t", index[p.id]))
                else:
                    if id(t) not in ext_ids:
                        ext_ids[id(t)] = len(ext)
                        ext.append(t)
                    args.append(("in", ext_ids[id(t)]))
            out = m.outputs[0]
            steps.append((m.op, dict(m.attrs), args, out.shape, out.dtype))
        program = FusedProgram(steps, len(ext), [(t.shape, t.dtype) for t in ext])
        node = Node(FUSED, ext, {"program": program})
        node.outputs = root.outputs
        for t in node.outputs:
            t._node = node
        replacements[root.id] = node
        for m in members:
            assigned.add(m.id)
            if m.id != root.id:
                removed.add(m.id)
    graph.nodes = [replacements.get(n.id, n) for n in graph.nodes if n.id not in removed]
