"""Numba kernels of element-wise column operations that NumPy does in several passes; each
runs over row chunks on the process's cores (:mod:`gpuframe.backend._parallel`)."""

from __future__ import annotations

import numpy as np
from numba import njit

from ..backend._parallel import map_chunks

__all__ = ["fill_nan"]


@njit(cache=True, nogil=True)
def _fill_nan(x, value, out):  # pragma: no cover - compiled
    found = False
    for i in range(x.shape[0]):
        v = x[i]
        if v != v:
            out[i] = value
            found = True
        else:
            out[i] = v
    return found


def fill_nan(x: np.ndarray, value: object) -> np.ndarray | None:
    """``np.where(np.isnan(x), value, x)`` of a 1-D float NumPy array in one pass (``value``
    cast to ``x``'s dtype, as NumPy); None when ``x`` holds no NaN.

    Examples
    --------
    >>> fill_nan(np.array([1.0, np.nan, -0.0]), 7).tolist()
    [1.0, 7.0, -0.0]
    >>> fill_nan(np.array([1.0], dtype=np.float32), 0.0) is None
    True
    """
    n = x.shape[0]
    fill = np.asarray(value).astype(x.dtype)[()]
    out = np.empty(n, dtype=x.dtype)

    def body(s: int, e: int) -> bool:
        return bool(_fill_nan(x[s:e], fill, out[s:e]))

    if not n or not any(map_chunks(body, n)):
        return None
    return out
