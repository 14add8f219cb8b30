"""Joins: :func:`merge` (inner, left, right, outer, cross) and ``DataFrame.join``.

Keys of both sides are factorized together and matched by the backend's hash-join kernel
(``join_indices``); outputs are gathers of the input columns.
"""

from __future__ import annotations

from ._merge import MergeError, frame_join, frame_merge, merge

__all__ = ["MergeError", "frame_join", "frame_merge", "merge"]
