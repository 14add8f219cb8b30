"""``DataFrame.eval``: column expressions and assignments, with the safe evaluator of
:mod:`gpuframe._query` (columns, ``@locals``, numbers, strings, comparisons, boolean and
arithmetic operators; no calls, no attributes).

``"a + b"`` gives a Series; ``"c = a + b"`` gives a copy of the frame with column ``c``
(or sets it in place with ``inplace=True``); several lines are run in order and must all
be assignments, as in pandas.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

__all__ = ["FrameExpressionsMixin"]

_ASSIGN = re.compile(r"^\s*(`[^`]+`|[A-Za-z_]\w*)\s*=(?!=)(.*)$", re.DOTALL)


def _evaluate(frame: Any, expr: str, local_vars: dict[str, Any]) -> Any:
    from ._query import evaluate

    try:
        return evaluate(frame, expr, local_vars)
    except (ValueError, KeyError) as e:  # the evaluator names itself "query"
        message = str(e.args[0]) if e.args else str(e)
        raise type(e)(message.replace("query:", "eval:", 1)) from e


class FrameExpressionsMixin:
    """``DataFrame.eval``."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def eval(
        self,
        expr: str,
        *,
        inplace: bool = False,
        local_dict: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Evaluate a column expression (a Series or scalar) or assignments (a frame).

        ``@name`` reads a variable of the caller (or of ``local_dict``). Other pandas
        arguments (``engine``, ``parser``, ``resolvers``...) are not supported.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2], "b": [3, 4]})
        >>> df.eval("a + b").tolist()
        [4, 6]
        >>> df.eval("c = a * b").to_pandas()
           a  b  c
        0  1  3  3
        1  2  4  8
        """
        import inspect

        if kwargs:
            raise NotImplementedError(f"eval: argument(s) {sorted(kwargs)} are not supported")
        if not isinstance(expr, str) or not expr.strip():
            raise ValueError(f"eval: `expr` must be a non-empty string; received {expr!r}")
        if not isinstance(inplace, bool):
            raise TypeError(f"eval: `inplace` must be a bool; received {inplace!r}")
        frame = inspect.currentframe()
        caller = frame.f_back.f_locals if frame and frame.f_back else {}
        local_vars = {**caller, **(local_dict or {})}
        lines = [ln for ln in expr.split("\n") if ln.strip()]
        assigns = [_ASSIGN.match(ln) for ln in lines]
        if len(lines) > 1 and not all(assigns):
            raise ValueError(
                "eval: multi-line expressions are only valid if all expressions contain an "
                "assignment"
            )
        if not assigns[0]:
            if inplace:
                raise ValueError("eval: cannot operate inplace if there is no assignment")
            return _evaluate(self, lines[0].strip(), local_vars)
        target = self.copy(deep=False)  # a failed line leaves this frame unchanged
        for m in assigns:
            assert m is not None
            name = m.group(1).strip("`")
            value = _evaluate(target, m.group(2).strip(), local_vars)
            target[name] = value
        if inplace:
            self._inplace(target)
            return None
        return target
