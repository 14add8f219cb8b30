"""Argument checks and result-dtype rules shared by every kernels backend."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import GROUP_OPS

__all__ = ["check_op", "result_dtype"]


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
