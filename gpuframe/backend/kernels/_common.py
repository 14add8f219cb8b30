"""Argument checks and result-dtype rules shared by every kernels backend."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import GROUP_OPS

__all__ = [
    "QUANTILE_METHODS",
    "RANK_METHODS",
    "ROLLING_OPS",
    "SCAN_OPS",
    "check_op",
    "result_dtype",
]

# Names -> integer codes the compiled kernels of every backend switch on.
QUANTILE_METHODS = {"linear": 0, "lower": 1, "higher": 2, "midpoint": 3, "nearest": 4}
SCAN_OPS = {"cumsum": 0, "cumprod": 1, "cummin": 2, "cummax": 3}
RANK_METHODS = {"average": 0, "min": 1, "max": 2, "first": 3, "dense": 4}
ROLLING_OPS = {"sum": 0, "mean": 1, "min": 2, "max": 3, "count": 4, "var": 5, "std": 6}


def check_op(op: str) -> None:
    if op not in GROUP_OPS:
        raise ValueError(
            f"Invalid value for argument `op`. Expected one of {list(GROUP_OPS)}. Received: op={op!r}"
        )


def result_dtype(op: str, dtype: Any) -> np.dtype:
    """Result dtype of a group reduction, following pandas.

    sum/prod: bool and ints -> int64 (uints -> uint64), floats keep their width;
    min/max keep the input dtype; count -> int64; mean/var/std -> float64
    (float32 stays float32).
    """
    dt = np.dtype(dtype)
    if op == "count":
        return np.dtype(np.int64)
    if op in ("sum", "prod"):
        if dt.kind == "b" or dt.kind == "i":
            return np.dtype(np.int64)
        if dt.kind == "u":
            return np.dtype(np.uint64)
        return dt
    if op in ("min", "max"):
        return dt
    return dt if dt == np.float32 else np.dtype(np.float64)
