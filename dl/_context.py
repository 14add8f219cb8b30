"""Execution context: the graph being traced (if any) and the active gradient tapes."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["executing_eagerly", "init_scope", "state", "tracing"]


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


@contextlib.contextmanager
def init_scope() -> Iterator[None]:
    """Run eagerly and untaped inside a traced function (``tf.init_scope``): for creating
    variables and their initial values on a layer's first call.

    Examples
    --------
    >>> import dl
    >>> @dl.function
    ... def f(x):
    ...     with dl.init_scope():
    ...         eager = dl.executing_eagerly()
    ...     return x
    >>> _ = f(dl.constant(1.0))
    """
    saved_graph, saved_tapes = state.graph, state.tapes
    state.graph, state.tapes = None, []
    try:
        yield
    finally:
        state.graph, state.tapes = saved_graph, saved_tapes


def executing_eagerly() -> bool:
    """True outside a traced function (TensorFlow's ``tf.executing_eagerly``).

    Examples
    --------
    >>> import dl
    >>> dl.executing_eagerly()
    True
    """
    return state.graph is None
