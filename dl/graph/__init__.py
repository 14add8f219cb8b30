"""Traced graphs: ``dl.function``, ``Graph`` and the optimisation passes."""

from __future__ import annotations

from ._executor import Schedule, compile_graph
from ._function import ConcreteFunction, Function, function
from ._fusion import FusedProgram, fuse_elementwise
from ._graph import Graph, Node
from ._passes import cse, fold_constants, prune, simplify

__all__ = [
    "ConcreteFunction",
    "Function",
    "FusedProgram",
    "Graph",
    "Node",
    "Schedule",
    "compile_graph",
    "cse",
    "fold_constants",
    "function",
    "fuse_elementwise",
    "prune",
    "simplify",
]
