"""``Graph``: nodes are ops, edges are tensors. Built by tracing, rewritten by the passes,
then compiled into a schedule (see :mod:`dl.graph._executor`)."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from .._tensor import Tensor, Variable
from ..ops._registry import Op, register

__all__ = ["Graph", "Node"]

_ids = itertools.count()


class Node:
    """One op application: ``op`` on ``inputs`` (symbolic tensors) with ``attrs``."""

    __slots__ = ("attrs", "id", "inputs", "op", "outputs")

    def __init__(self, op: Op, inputs: list, attrs: dict) -> None:
        self.id = next(_ids)
        self.op = op
        self.inputs = inputs
        self.attrs = attrs
        self.outputs: tuple = ()

    def __repr__(self) -> str:
        return f"Node({self.op.name}#{self.id})"


def _no_forward(xp: Any, *a: Any, **k: Any) -> Any:  # pragma: no cover - never called
    raise RuntimeError("special graph op has no forward")


PLACEHOLDER = register(
    Op("placeholder", _no_forward, lambda **a: (a["shape"], a["dtype"]), stateful=True)
)
CONST = register(
    Op("const", lambda xp, value: value, lambda **a: (tuple(a["value"].shape), a["dtype"]))
)
READ_VARIABLE = register(
    Op(
        "read_variable",
        lambda xp, var: var._value,
        lambda **a: (a["var"].shape, a["var"].dtype),
        stateful=True,
        view=True,
    )
)
ASSIGN = register(Op("assign", _no_forward, lambda v, var: [], num_outputs=0, stateful=True))
SPECIAL = frozenset({"placeholder", "const", "read_variable", "assign"})


class Graph:
    """A traced dataflow graph.

    ``nodes`` are in a valid execution order; ``inputs`` are the placeholder tensors,
    ``outputs`` the returned tensors. ``to_dot()`` renders it for Graphviz.

    Examples
    --------
    >>> import dl
    >>> f = dl.function(lambda x: dl.exp(x) + dl.exp(x), passes=["cse"])
    >>> g = f.get_graph(dl.constant([1.0]))
    >>> g.op_counts()["exp"]
    1
    """

    def __init__(self, name: str = "graph") -> None:
        self.name = name
        self.nodes: list[Node] = []
        self.inputs: list[Tensor] = []
        self.outputs: list[Tensor] = []
        self.variables: list[Variable] = []
        self._var_values: dict[int, Tensor] = {}
        self._consts: dict[int, tuple] = {}
        self.stats: dict[str, Any] = {}

    # -- building -------------------------------------------------------------------------------
    def _new_node(self, op: Op, inputs: list, attrs: dict, specs: list) -> tuple:
        node = Node(op, inputs, attrs)
        node.outputs = tuple(
            Tensor._symbolic(self, node, i, tuple(s[0]), s[1]) for i, s in enumerate(specs)
        )
        self.nodes.append(node)
        return node.outputs

    def placeholder(self, shape: tuple, dtype: Any, name: str | None = None) -> Tensor:
        (t,) = self._new_node(
            PLACEHOLDER,
            [],
            {"shape": tuple(shape), "dtype": dtype, "name": name},
            [(tuple(shape), dtype)],
        )
        self.inputs.append(t)
        return t

    def constant(self, t: Tensor) -> Tensor:
        """A ``const`` node holding the concrete tensor ``t`` (one node per captured tensor)."""
        hit = self._consts.get(id(t))
        if hit is not None:
            return hit[1]
        (out,) = self._new_node(
            CONST, [], {"value": t._value, "dtype": t.dtype}, [(t.shape, t.dtype)]
        )
        self._consts[id(t)] = (t, out)
        return out

    def read_variable(self, var: Variable) -> Tensor:
        cur = self._var_values.get(id(var))
        if cur is None:
            (cur,) = self._new_node(READ_VARIABLE, [], {"var": var}, [(var.shape, var.dtype)])
            self._var_values[id(var)] = cur
            self.variables.append(var)
        return cur

    def _resolve(self, t: Tensor) -> Tensor:
        if isinstance(t, Variable):
            return self.read_variable(t)
        if t._value is not None:
            return self.constant(t)
        if t._graph is not self:
            raise ValueError(
                "A symbolic tensor from another traced function (or an outer trace) was used "
                "here; pass it in as an argument instead"
            )
        return t

    def add_node(self, op: Op, inputs: Any, attrs: dict, specs: list) -> tuple:
        return self._new_node(op, [self._resolve(t) for t in inputs], attrs, specs)

    def assign(self, var: Variable, value: Tensor) -> None:
        v = self._resolve(value)
        if all(v is not var for v in self.variables):
            self.variables.append(var)
        self._new_node(ASSIGN, [v], {"var": var}, [])
        self._var_values[id(var)] = v

    # -- inspection -----------------------------------------------------------------------------
    @property
    def num_nodes(self) -> int:
        """Number of nodes, placeholders and constants included."""
        return len(self.nodes)

    def op_counts(self) -> Counter:
        """How many nodes of each op (fused nodes count as 'fused')."""
        return Counter(n.op.name for n in self.nodes)

    def producers(self) -> dict[int, Node]:
        return {id(t): n for n in self.nodes for t in n.outputs}

    def consumers(self) -> dict[int, list[Node]]:
        out: dict[int, list[Node]] = {}
        for n in self.nodes:
            for t in n.inputs:
                out.setdefault(id(t), []).append(n)
        return out

    def to_dot(self) -> str:
        """The graph in Graphviz DOT (nodes labelled with op and output shape).

        Examples
        --------
        >>> import dl
        >>> g = dl.function(lambda x: x * 2.0).get_graph(dl.constant([1.0]))
        >>> g.to_dot().startswith("digraph")
        True
        """
        lines = [
            f'digraph "{self.name}" {{',
            "  rankdir=TB;",
            '  node [shape=box, fontname="monospace"];',
        ]
        outs = {id(t) for t in self.outputs}
        prod = self.producers()
        for n in self.nodes:
            label = n.op.name
            if n.op.name == "fused":
                label = "fused: " + " > ".join(n.attrs["program"].op_names)
            elif n.op.name == "const":
                label = f"const {n.outputs[0].shape}"
            shape = ", ".join(f"{t.dtype.name}{list(t.shape)}" for t in n.outputs)
            style = (
                ', style=filled, fillcolor="#ffe9b0"'
                if any(id(t) in outs for t in n.outputs)
                else ""
            )
            lines.append(f'  n{n.id} [label="{label}\\n{shape}"{style}];')
            for t in n.inputs:
                src = prod.get(id(t))
                if src is not None:
                    lines.append(f"  n{src.id} -> n{n.id};")
        lines.append("}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<dl.Graph {self.name!r} nodes={self.num_nodes} inputs={len(self.inputs)} outputs={len(self.outputs)}>"
