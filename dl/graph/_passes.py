"""Graph rewrites: pruning, constant folding, CSE and algebraic simplification.

Each pass takes a :class:`Graph` and rewrites it in place; none changes what the graph
computes. Stateful nodes (placeholders, variable reads, random draws, assignments) are never
folded or merged, and assignments are always kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tensor import Tensor
from ..ops._registry import fix_array, namespace_of
from ._graph import CONST, Graph, Node

__all__ = ["cse", "fold_constants", "prune", "replace_uses", "simplify"]


def replace_uses(graph: Graph, mapping: dict[int, Tensor]) -> None:
    """Point every use of tensor ``id -> replacement`` at the replacement."""
    if not mapping:
        return

    def res(t: Tensor) -> Tensor:
        seen = 0
        while id(t) in mapping and seen < 1000:
            t = mapping[id(t)]
            seen += 1
        return t

    for n in graph.nodes:
        n.inputs = [res(t) for t in n.inputs]
    graph.outputs = [res(t) for t in graph.outputs]


def prune(graph: Graph) -> None:
    """Drop nodes that no output and no assignment depends on."""
    prod = graph.producers()
    live: set[int] = set()
    stack = [prod[id(t)] for t in graph.outputs if id(t) in prod]
    stack += [n for n in graph.nodes if n.op.name == "assign"]
    while stack:
        n = stack.pop()
        if n.id in live:
            continue
        live.add(n.id)
        stack.extend(prod[id(t)] for t in n.inputs if id(t) in prod)
    keep_inputs = {id(t) for t in graph.inputs}
    graph.nodes = [
        n
        for n in graph.nodes
        if n.id in live or (n.op.name == "placeholder" and id(n.outputs[0]) in keep_inputs)
    ]


def _const_value(node: Node) -> Any:
    return node.attrs["value"] if node.op is CONST else None


def _new_const(graph: Graph, value: Any, like: Tensor) -> Tensor:
    node = Node(CONST, [], {"value": value, "dtype": like.dtype})
    t = Tensor._symbolic(graph, node, 0, like.shape, like.dtype)
    node.outputs = (t,)
    return t


def fold_constants(graph: Graph, *, max_elements: int = 1 << 20) -> None:
    """Evaluate nodes whose inputs are all constants; replace them by constants."""
    prod = graph.producers()
    mapping: dict[int, Tensor] = {}
    new_nodes: list[Node] = []
    for n in graph.nodes:
        n.inputs = [mapping.get(id(t), t) for t in n.inputs]
        if (
            n.op.stateful
            or n.op.name in ("const", "placeholder", "assign")
            or not n.inputs
            or not n.outputs
        ):
            new_nodes.append(n)
            continue
        srcs = [prod.get(id(t)) for t in n.inputs]
        if not all(s is not None and s.op is CONST for s in srcs):
            new_nodes.append(n)
            continue
        arrays = [s.attrs["value"] for s in srcs if s is not None]
        if any(getattr(a, "size", 1) > max_elements for a in arrays):
            new_nodes.append(n)
            continue
        xp = namespace_of(arrays)
        res = n.op.forward(xp, *arrays, **n.attrs)
        res = (res,) if n.op.num_outputs == 1 else tuple(res)
        for t, r in zip(n.outputs, res):
            c = _new_const(graph, fix_array(r, t.dtype, xp), t)
            new_nodes.append(c._node)
            prod[id(c)] = c._node
            mapping[id(t)] = c
    graph.nodes = new_nodes
    replace_uses(graph, mapping)
    prune(graph)


def _freeze(v: Any) -> Any:
    if isinstance(v, (str, int, float, bool, type(None))):
        return (type(v).__name__, v)
    if isinstance(v, (tuple, list)):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, np.ndarray) and v.size <= 16:
        return ("nd", v.dtype.str, v.shape, v.tobytes())
    if hasattr(v, "name") and type(v).__name__ == "DType":
        return ("dtype", v.name)
    return ("id", id(v))


def cse(graph: Graph) -> None:
    """Merge nodes that apply the same op with the same attrs to the same inputs."""
    seen: dict[Any, Node] = {}
    mapping: dict[int, Tensor] = {}
    kept: list[Node] = []
    for n in graph.nodes:
        n.inputs = [mapping.get(id(t), t) for t in n.inputs]
        if n.op.stateful or n.op.name in ("placeholder", "assign"):
            kept.append(n)
            continue
        key = (n.op.name, tuple(id(t) for t in n.inputs), _freeze(n.attrs))
        other = seen.get(key)
        if other is None:
            seen[key] = n
            kept.append(n)
            continue
        for a, b in zip(n.outputs, other.outputs):
            mapping[id(a)] = b
    graph.nodes = kept
    replace_uses(graph, mapping)


def _scalar_const(graph_prod: dict, t: Tensor) -> float | None:
    n = graph_prod.get(id(t))
    if n is None or n.op is not CONST:
        return None
    v = n.attrs["value"]
    if type(v) is not np.ndarray or v.size == 0 or v.size > 1 << 16:
        return None
    first = v.flat[0]
    if not np.all(v == first):
        return None
    return float(first)


def simplify(graph: Graph) -> None:
    """Algebraic identities: ``x+0``, ``x-0``, ``x*1``, ``x/1``, ``x**1``, ``--x``, no-op
    reshapes/broadcasts/identities, inverse transposes. Only where the result keeps ``x``'s
    shape and dtype, so that the rewrite cannot change values."""
    prod = graph.producers()
    mapping: dict[int, Tensor] = {}
    for n in graph.nodes:
        n.inputs = [mapping.get(id(t), t) for t in n.inputs]
        name = n.op.name
        if len(n.outputs) != 1:
            continue
        out = n.outputs[0]
        repl = None
        if name in ("identity", "stop_gradient"):
            repl = n.inputs[0]
        elif name in ("add", "subtract", "multiply", "divide", "pow"):
            x, y = n.inputs
            neutral = 0.0 if name in ("add", "subtract") else 1.0
            if _scalar_const(prod, y) == neutral and x.shape == out.shape:
                repl = x
            elif (
                name in ("add", "multiply")
                and _scalar_const(prod, x) == neutral
                and y.shape == out.shape
            ):
                repl = y
        elif name == "negative":
            src = prod.get(id(n.inputs[0]))
            if src is not None and src.op.name == "negative":
                repl = src.inputs[0]
        elif name in ("reshape_like", "broadcast_like", "unbroadcast", "reshape", "broadcast_to"):
            x = n.inputs[0]
            if x.shape == out.shape and all(d is not None for d in x.shape):
                repl = x
        elif name == "transpose":
            src = prod.get(id(n.inputs[0]))
            if src is not None and src.op.name == "transpose":
                p1, p2 = src.attrs["perm"], n.attrs["perm"]
                if tuple(p1[i] for i in p2) == tuple(range(len(p2))):
                    repl = src.inputs[0]
        if repl is not None and repl.dtype == out.dtype:
            mapping[id(out)] = repl
    replace_uses(graph, mapping)
    prune(graph)
