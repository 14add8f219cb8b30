"""Test helpers: pandas-backed equality assertions and pytest plumbing.

The assertions accept gpuframe objects (anything with ``to_pandas()``) and pandas objects on
either side, convert both to pandas and compare with pandas' own assertions, so a test can
compare a gpuframe result directly against the pandas result on the same data.
"""

from __future__ import annotations

from typing import Any

from ._assert import assert_frame_equal, assert_index_equal, assert_series_equal
from ._markers import has_gpu, has_module, requires, xp_backends


def __getattr__(name: str) -> Any:
    if name == "gpu":  # pytest's marker, imported only when asked for
        from . import _markers

        return _markers.gpu
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    # Assertions
    "assert_frame_equal",
    "assert_index_equal",
    "assert_series_equal",
    # pytest plumbing
    "gpu",
    "has_gpu",
    "has_module",
    "requires",
    "xp_backends",
]
