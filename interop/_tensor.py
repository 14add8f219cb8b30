"""The hook ``dl`` uses: anything ``as_array`` takes -> a ``dl.Tensor`` without a copy."""

from __future__ import annotations

from typing import Any

__all__ = ["to_tensor"]


def to_tensor(obj: Any, *, device: Any = None, dtype: Any = None, copy: bool | None = None) -> Any:
    """``obj`` as a ``dl.Tensor`` sharing the memory of :func:`interop.as_array` (frames
    become 2-D matrices). ``dtype`` is any dtype ``dl`` accepts.

    Examples
    --------
    >>> import numpy as np
    >>> to_tensor(np.arange(3.0)).shape
    (3,)
    """
    from ._array import as_array

    try:
        import dl
    except ImportError as e:  # pragma: no cover - dl ships with gpuframe
        raise ImportError("to_tensor needs the dl package") from e
    convert = getattr(dl, "convert_to_tensor", None)
    if convert is None:
        raise ImportError("to_tensor: this dl has no convert_to_tensor (dl.Tensor) yet")
    arr = as_array(obj, device=device, copy=copy)
    return convert(arr) if dtype is None else convert(arr, dtype=dtype)
