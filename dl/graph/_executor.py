"""Compile an optimised graph into a schedule: straight-line generated Python that calls
each node's forward, frees dead values, and reuses dead buffers (buffer reuse pass).

On NumPy, everything that can be decided at trace time is: elementwise and fused nodes write
into a dead input's buffer (``out=``); 2-D products whose result dies inside the run write
into per-thread buffers kept between runs (``np.matmul(a, b.T, out=...)``, transposes as
views); updates assigned to a variable (fused updates, ``adam_update``'s three results) are
written straight into the variable's current buffer when nothing else holds it.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

import numpy as np

from ..ops._registry import fix_array, harmonize
from ._graph import Graph

__all__ = ["Schedule", "compile_graph"]


class Schedule:
    """A compiled graph: ``run(xp, feeds) -> list of output arrays``."""

    def __init__(self, fn: Any, source: str, n_steps: int, reused: int) -> None:
        self._fn = fn
        self.source = source
        self.n_steps = n_steps
        self.reused_buffers = reused

    def run(self, xp: Any, feeds: list) -> list:
        return self._fn(xp, *feeds)


def _plan_reuse(
    graph: Graph, slot: dict[int, int], uses: dict[int, int], info: dict | None = None
) -> dict[int, int]:
    """Per node id: the input slot whose buffer the node may overwrite (``out=``).

    ``info``, when given, receives ``escaping`` (buffers that outlive a run: outputs and
    assigned values, through views and donations) and ``buffer_of`` (slot -> buffer slot).
    """
    buffer_of: dict[int, int] = {}
    owned: set[int] = set()
    escaping: set[int] = set()
    last_use: dict[int, int] = {}
    for t in graph.outputs:
        escaping.add(slot[id(t)])
    for n in graph.nodes:
        if n.op.name == "assign":
            escaping.add(slot[id(n.inputs[0])])
    plan: dict[int, int] = {}
    for step, n in enumerate(graph.nodes):
        outs = [slot[id(t)] for t in n.outputs]
        ins = [slot[id(t)] for t in n.inputs]
        if n.op.view or n.op.name in ("placeholder", "const", "read_variable"):
            for o in outs:
                src = buffer_of.get(ins[0], ins[0]) if ins else o
                buffer_of[o] = src
                if src != o and o in escaping:
                    escaping.add(src)
                last_use[src] = max(last_use.get(src, -1), uses.get(o, -1))
            continue
        donor = None
        can_donate = (n.op.cpu_out is not None and n.op.elementwise) or n.op.name == "fused"
        if can_donate and len(n.outputs) == 1:
            out_t = n.outputs[0]
            static = all(d is not None for d in out_t.shape) and out_t.shape != ()
            if static:
                for t, s in zip(n.inputs, ins):
                    b = buffer_of.get(s, s)
                    if (
                        b == s
                        and b in owned
                        and b not in escaping
                        and last_use.get(b, -1) == step
                        and t.shape == out_t.shape
                        and t.dtype == out_t.dtype
                        and sum(1 for x in ins if buffer_of.get(x, x) == b) == 1
                    ):
                        donor = s
                        break
        for o in outs:
            if donor is not None:
                b = buffer_of.get(donor, donor)
                buffer_of[o] = b
                last_use[b] = max(last_use.get(b, -1), uses.get(o, -1))
                if o in escaping:
                    escaping.add(b)
            else:
                buffer_of[o] = o
                owned.add(o)
                last_use[o] = uses.get(o, -1)
        if donor is not None:
            plan[n.id] = donor
    if info is not None:
        info["escaping"] = escaping
        info["buffer_of"] = buffer_of
    return plan


def _variable_slots(graph: Graph, slot: dict[int, int]) -> tuple[dict, dict, dict]:
    """Where variables are read and assigned: ``reads`` (variable id -> slot of its
    ``read_variable``), ``alias_of`` (slot -> the read slot it is a view of) and ``assigns``
    (slot -> the variables it is assigned to)."""
    reads: dict[int, int] = {}
    alias_of: dict[int, int] = {}
    assigns: dict[int, list] = {}
    for n in graph.nodes:
        if n.op.name == "read_variable":
            reads[id(n.attrs["var"])] = slot[id(n.outputs[0])]
            alias_of[slot[id(n.outputs[0])]] = slot[id(n.outputs[0])]
        elif n.op.view and n.inputs and slot[id(n.inputs[0])] in alias_of:
            for t in n.outputs:
                alias_of[slot[id(t)]] = alias_of[slot[id(n.inputs[0])]]
        elif n.op.name == "assign":
            assigns.setdefault(slot[id(n.inputs[0])], []).append(n.attrs["var"])
    return reads, alias_of, assigns


def _write_limit(
    var: Any, step: int, reads: dict, alias_of: dict, uses: dict[int, int]
) -> int | None:
    """The refcount limit for writing into ``var``'s buffer at ``step``, or ``None`` when its
    old value (or a view of it) is still read after that step."""
    r = reads.get(id(var))
    alive = 0
    if r is not None:
        aliases = [a for a, root in alias_of.items() if root == r]
        if any(uses.get(a, -1) > step for a in aliases):
            return None
        alive = sum(1 for a in aliases if uses.get(a, -1) == step)
    return 3 + alive


def _plan_inplace_assign(
    graph: Graph, slot: dict[int, int], uses: dict[int, int], taken: dict[int, int]
) -> dict[int, tuple]:
    """Per node id: ``(variable, limit)`` when the node may write its result straight into
    the variable's current buffer (the value is then assigned to that variable).

    At run time the write happens only if ``sys.getrefcount`` of the old buffer is at most
    ``limit``: nobody outside the graph (a user's tensor, a view) still holds it.
    """
    step_of = {n.id: i for i, n in enumerate(graph.nodes)}
    producer = {slot[id(t)]: n for n in graph.nodes for t in n.outputs}
    reads, alias_of, assigns = _variable_slots(graph, slot)
    plan: dict[int, tuple] = {}
    for n in graph.nodes:
        if n.op.name != "assign":
            continue
        var = n.attrs["var"]
        s_in = slot[id(n.inputs[0])]
        p = producer.get(s_in)
        if p is None or p.id in taken or len(assigns[s_in]) != 1:
            continue
        if not ((p.op.elementwise and p.op.cpu_out is not None) or p.op.name == "fused"):
            continue
        out_t = p.outputs[0]
        if (
            len(p.outputs) != 1
            or out_t.shape != tuple(var.shape)
            or out_t.dtype != var.dtype
            or not out_t.shape
        ):
            continue
        limit = _write_limit(var, step_of[p.id], reads, alias_of, uses)
        if limit is not None:  # else the old value is still read after the update
            plan[p.id] = (var, limit)
    return plan


def _plan_inplace_multi(graph: Graph, slot: dict[int, int], uses: dict[int, int]) -> dict:
    """Per node id of an op with ``extra["inplace_outputs"]`` (e.g. ``adam_update``): for each
    output, ``(variable, limit)`` when the output is assigned to that variable and the
    variable's old value is read by nobody after this step, else ``None``.

    The op's ``cpu_out`` receives the variables' current buffers as ``out=`` (``None`` where
    ``sys.getrefcount`` exceeds ``limit``, i.e. somebody outside the graph holds the buffer)
    and writes its results into them.
    """
    step_of = {n.id: i for i, n in enumerate(graph.nodes)}
    reads, alias_of, assigns = _variable_slots(graph, slot)
    plan: dict[int, list] = {}
    for n in graph.nodes:
        if not n.op.extra.get("inplace_outputs") or n.op.cpu_out is None:
            continue
        ps = step_of[n.id]
        per_out: list = []
        for k, t in enumerate(n.outputs):
            vs = assigns.get(slot[id(t)], [])
            entry = None
            if k in n.op.extra["inplace_outputs"] and len(vs) == 1:
                var = vs[0]
                if t.shape == tuple(var.shape) and t.dtype == var.dtype and t.shape:
                    limit = _write_limit(var, ps, reads, alias_of, uses)
                    if limit is not None:
                        entry = (var, limit)
            per_out.append(entry)
        if any(e is not None for e in per_out):
            plan[n.id] = per_out
    return plan


def _plan_workspace(graph: Graph, slot: dict[int, int], info: dict) -> dict[int, int]:
    """Per matmul node id: the index of a preallocated buffer it writes into (``out=``).

    Only for 2-D float products with static shapes whose result (and whatever is later
    written into the same buffer) never outlives a run; the buffers are kept between runs,
    one set per thread (see :class:`_Workspace`).
    """
    escaping, buffer_of = info["escaping"], info["buffer_of"]
    out: dict[int, int] = {}
    for n in graph.nodes:
        if n.op.name != "matmul" or len(n.outputs) != 1:
            continue
        t = n.outputs[0]
        o = slot[id(t)]
        if (
            len(t.shape) == 2
            and all(d is not None for d in t.shape)
            and all(len(i.shape) == 2 for i in n.inputs)
            and t.dtype.name in ("float32", "float64")
            and buffer_of.get(o) == o
            and o not in escaping
        ):
            out[n.id] = len(out)
    return out


class _Workspace(threading.local):
    """Per-thread preallocated buffers of one schedule (allocated on a thread's first run)."""

    def __init__(self, specs: list) -> None:
        self.buffers = [np.empty(shape, dtype) for shape, dtype in specs]


def compile_graph(graph: Graph, *, xp: Any = None, reuse_buffers: bool = True) -> Schedule:
    """Generate the straight-line schedule of ``graph``."""
    slot: dict[int, int] = {}
    for n in graph.nodes:
        for t in n.outputs:
            slot[id(t)] = len(slot)
    uses: dict[int, int] = {}
    for step, n in enumerate(graph.nodes):
        for t in n.inputs:
            uses[slot[id(t)]] = step
    out_slots = {slot[id(t)] for t in graph.outputs}
    for s in out_slots:
        uses[s] = len(graph.nodes)
    info: dict = {}
    plan = _plan_reuse(graph, slot, uses, info) if reuse_buffers else {}
    workspace = _plan_workspace(graph, slot, info) if reuse_buffers else {}
    inplace = _plan_inplace_assign(graph, slot, uses, plan) if reuse_buffers else {}
    multi = _plan_inplace_multi(graph, slot, uses) if reuse_buffers else {}
    env: dict[str, Any] = {"_fix": fix_array, "np": np, "_grc": sys.getrefcount}
    feeds = [f"r{slot[id(t)]}" for t in graph.inputs]
    lines = ["def run(xp" + "".join(", " + f for f in feeds) + "):"]
    if workspace:
        by_index = {i: nid for nid, i in workspace.items()}
        node_of = {n.id: n for n in graph.nodes}
        specs = []
        for i in range(len(workspace)):
            t = node_of[by_index[i]].outputs[0]
            specs.append((tuple(t.shape), t.dtype.as_numpy_dtype))
        env["_wsobj"] = _Workspace(specs)
        env["_mm"] = np.matmul
        lines.append("    _ws = _wsobj.buffers")
    for step, n in enumerate(graph.nodes):
        name = n.op.name
        outs = [f"r{slot[id(t)]}" for t in n.outputs]
        ins = [f"r{slot[id(t)]}" for t in n.inputs]
        k = f"n{step}"
        if name == "placeholder":
            continue
        if name == "const":
            env[k] = n.attrs["value"] if xp is None else harmonize([n.attrs["value"]], xp)[0]
            lines.append(f"    {outs[0]} = {k}")
        elif name == "read_variable":
            env[k] = n.attrs["var"]
            lines.append(f"    {outs[0]} = {k}._value")
        elif name == "assign":
            env[k] = n.attrs["var"]
            lines.append(f"    {k}._value = {ins[0]}")
        else:
            donor: int | str | None = plan.get(n.id)
            if n.id in inplace:
                var, limit = inplace[n.id]
                env[k + "v"] = var
                lines.append(f"    _o = {k}v._value")
                lines.append(f"    _o = _o if _grc(_o) <= {limit} else None")
                donor = "_o"
            if n.id in workspace:
                a, b = ins
                ta, tb = n.attrs["ta"], n.attrs["tb"]
                call = f"_mm({a}{'.T' if ta else ''}, {b}{'.T' if tb else ''}, out=_ws[{workspace[n.id]}])"
            elif n.id in multi:
                outs_expr = []
                for j, entry in enumerate(multi[n.id]):
                    if entry is None:
                        outs_expr.append("None")
                        continue
                    var, limit = entry
                    env[f"{k}v{j}"] = var
                    lines.append(f"    _o{j} = {k}v{j}._value")
                    lines.append(f"    _o{j} = _o{j} if _grc(_o{j}) <= {limit} else None")
                    outs_expr.append(f"_o{j}")
                env[k] = n.op.cpu_out
                env[k + "a"] = n.attrs
                call = f"{k}(np, {', '.join(ins)}, out=({', '.join(outs_expr)},), **{k}a)"
            elif name == "fused":
                env[k] = n.attrs["program"]
                call = (
                    f"{k}(xp, {', '.join(ins)}"
                    + (
                        f", out={donor if donor == '_o' else f'r{donor}'}"
                        if donor is not None
                        else ""
                    )
                    + ")"
                )
            elif donor == "_o":
                env[k] = n.op.cpu_out
                env[k + "f"] = n.op.forward
                env[k + "a"] = n.attrs
                call = (
                    f"({k}(np, {', '.join(ins)}, out=_o, **{k}a) if _o is not None "
                    f"else {k}f({', '.join(['xp', *ins])}, **{k}a))"
                )
            elif donor is not None:
                env[k] = n.op.cpu_out
                env[k + "a"] = n.attrs
                call = f"{k}(np, {', '.join(ins)}, out=r{donor}, **{k}a)"
            else:
                env[k] = n.op.forward
                env[k + "a"] = n.attrs
                call = f"{k}({', '.join(['xp', *ins])}, **{k}a)"
            if len(outs) == 1:
                t = n.outputs[0]
                if t.shape == () or name in (
                    "reduce_sum",
                    "reduce_mean",
                    "reduce_max",
                    "reduce_min",
                    "reduce_prod",
                    "argmax",
                    "argmin",
                ):
                    env[k + "d"] = t.dtype
                    call = f"_fix({call}, {k}d, xp)"
                lines.append(f"    {outs[0]} = {call}")
            elif outs:
                lines.append(f"    {', '.join(outs)}, = {call}")
            else:
                lines.append(f"    {call}")
        # free values whose last use is this step (not outputs)
        dead = [
            f"r{slot[id(t)]}"
            for t in n.inputs
            if uses.get(slot[id(t)]) == step and slot[id(t)] not in out_slots
        ]
        dead = list(dict.fromkeys(dead))
        if dead:
            lines.append(f"    del {', '.join(dead)}")
    ret = ", ".join(f"r{slot[id(t)]}" for t in graph.outputs)
    lines.append(f"    return [{ret}]")
    source = "\n".join(lines)
    exec(source, env)
    return Schedule(env["run"], source, len(graph.nodes), len(plan) + len(inplace) + len(multi))
