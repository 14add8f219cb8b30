"""Optional dependencies: find out whether one is installed without importing it."""

from __future__ import annotations

import functools
import importlib.util

__all__ = ["has_module"]


@functools.cache
def has_module(name: str) -> bool:
    """True when ``name`` can be imported (checked without importing it).

    Examples
    --------
    >>> has_module("numpy"), has_module("no_such_module_here")
    (True, False)
    """
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
