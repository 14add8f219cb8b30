"""``DataFrame.query``: a small, safe evaluator of boolean expressions over columns.

Supported: column names (backticks for names with spaces), ``@local`` variables, numbers,
strings, lists, comparisons (chained too), ``in``/``not in``, ``and``/``or``/``not``,
``&``/``|``/``~`` and arithmetic. Nothing else is evaluated (no calls, no attributes).
"""

from __future__ import annotations

import ast
import operator
import re
from typing import Any

__all__ = ["evaluate"]

_BIN = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}
_CMP = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def evaluate(df: Any, expr: str, local_vars: dict[str, Any]) -> Any:
    """The bool Series ``expr`` gives on ``df`` (``ValueError`` for what is not supported)."""
    if not isinstance(expr, str) or not expr.strip():
        raise ValueError(f"query: `expr` must be a non-empty string; received {expr!r}")
    names: dict[str, Any] = {}

    def backtick(m: re.Match[str]) -> str:
        key = f"__col{len(names)}"
        names[key] = m.group(1)
        return key

    text = re.sub(r"`([^`]*)`", backtick, expr)
    text = re.sub(r"@([A-Za-z_]\w*)", r"__local_\1", text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        raise ValueError(f"query: cannot parse {expr!r}: {e.msg}") from e

    def name(node: ast.Name) -> Any:
        ident = node.id
        if ident.startswith("__local_"):
            var = ident[len("__local_") :]
            if var not in local_vars:
                raise KeyError(f"query: local variable {var!r} is not defined")
            return local_vars[var]
        label = names.get(ident, ident)
        if label in df._data:
            return df[label]
        if ident in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[ident]
        raise KeyError(f"query: column {label!r} not found; columns: {list(df._data)}")

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Name):
            return name(node)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [ev(e) for e in node.elts]
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand)
            if isinstance(node.op, (ast.Not, ast.Invert)):
                return ~v
            if isinstance(node.op, ast.USub):
                return -v
            return v
        if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
            return _BIN[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.BoolOp):
            vals = [ev(v) for v in node.values]
            out = vals[0]
            for v in vals[1:]:
                out = (out & v) if isinstance(node.op, ast.And) else (out | v)
            return out
        if isinstance(node, ast.Compare):
            left = ev(node.left)
            result = None
            for op, comp in zip(node.ops, node.comparators):
                right = ev(comp)
                if isinstance(op, (ast.In, ast.NotIn)):
                    vals = right if isinstance(right, list) else list(right)
                    part = left.isin(vals)
                    part = ~part if isinstance(op, ast.NotIn) else part
                elif type(op) in _CMP:
                    part = _CMP[type(op)](left, right)
                else:
                    raise ValueError(f"query: operator {type(op).__name__} is not supported")
                result = part if result is None else (result & part)
                left = right
            return result
        raise ValueError(f"query: {type(node).__name__} is not supported in {expr!r}")

    return ev(tree)
