"""Identity checks for the no-copy tests: data pointers and write-through aliases."""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np


def data_pointer(x: Any) -> int:
    """The address of the first element of a NumPy/CuPy array or torch tensor."""
    if hasattr(x, "data_ptr"):
        return int(x.data_ptr())
    if hasattr(x, "__cuda_array_interface__") and not isinstance(x, np.ndarray):
        return int(x.__cuda_array_interface__["data"][0])
    return int(np.asarray(x).__array_interface__["data"][0])


def arrow_pointer(arr: Any) -> int:
    """The address of the first value of a primitive pyarrow array (offset included)."""
    buf = arr.buffers()[1]
    return int(buf.address) + arr.offset * arr.type.bit_width // 8


def writable_alias(x: np.ndarray) -> np.ndarray:
    """A writable array over the same host memory as the contiguous array ``x``.

    Zero-copy views of pandas (copy-on-write) and Arrow are read-only; tests write through
    this alias to show that the two objects really are one piece of memory.
    """
    assert x.flags.c_contiguous or x.flags.f_contiguous
    raw = (ctypes.c_char * x.nbytes).from_address(x.__array_interface__["data"][0])
    flat = np.frombuffer(raw, dtype=x.dtype)
    return flat.reshape(x.shape, order="C" if x.flags.c_contiguous else "F")
