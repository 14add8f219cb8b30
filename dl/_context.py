"""Execution context: the graph being traced (if any) and the active gradient tapes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["state", "tracing"]


class _State(threading.local):
    def __init__(self) -> None:
        self.graph: Any = None  # the dl.Graph being traced, or None in eager mode
        self.tapes: list[Any] = []  # active GradientTapes, outermost first


state = _State()


@contextlib.contextmanager
def tracing(graph: Any) -> Iterator[Any]:
    """Record every op into ``graph`` instead of running it."""
    saved = state.graph
    state.graph = graph
    try:
        yield graph
    finally:
        state.graph = saved


def executing_eagerly() -> bool:
    """True outside a traced function (TensorFlow's ``tf.executing_eagerly``).

    Examples
    --------
    >>> import dl
    >>> dl.executing_eagerly()
    True
    """
    return state.graph is None
