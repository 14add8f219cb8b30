"""The array namespace (``xp``): one Array API surface over NumPy, CuPy and the rest."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import array_api_compat
import numpy as np

from ._device import CPU, Device, parse_device

__all__ = [
    "array_device",
    "array_namespace",
    "is_cupy",
    "is_numpy",
    "namespace_for",
]


def array_namespace(*arrays: Any) -> ModuleType:
    """The Array API namespace of ``arrays`` (NumPy arrays give ``array_api_compat.numpy``).

    Python scalars and ``None`` are ignored, as in array-api-compat.

    Examples
    --------
    >>> import numpy as np
    >>> xp = array_namespace(np.arange(3))
    >>> is_numpy(xp)
    True
    """
    arrays = tuple(a for a in arrays if a is not None and not isinstance(a, (int, float, bool)))
    if not arrays:
        return array_api_compat.array_namespace(np.empty(0))
    return array_api_compat.array_namespace(*arrays)


def is_numpy(xp: ModuleType) -> bool:
    """True for NumPy (raw or through array-api-compat)."""
    return bool(array_api_compat.is_numpy_namespace(xp))


def is_cupy(xp: ModuleType) -> bool:
    """True for CuPy (raw or through array-api-compat)."""
    return bool(array_api_compat.is_cupy_namespace(xp))


def namespace_for(device: str | Device | None = None) -> ModuleType:
    """The namespace that allocates on ``device`` (default: the current device).

    Examples
    --------
    >>> is_numpy(namespace_for("cpu"))
    True
    """
    from ._device import current_device

    dev = current_device() if device is None else parse_device(device)
    if dev.is_gpu:
        import array_api_compat.cupy as cxp

        return cxp
    import array_api_compat.numpy as nxp

    return nxp


def array_device(x: Any) -> Device:
    """The gpuframe :class:`Device` an array lives on (NumPy and friends -> cpu).

    Examples
    --------
    >>> import numpy as np
    >>> array_device(np.zeros(2))
    Device('cpu')
    """
    if array_api_compat.is_cupy_array(x):
        return Device("gpu", int(x.device.id))
    if hasattr(x, "__cuda_array_interface__") and not isinstance(x, np.ndarray):
        return Device("gpu", 0)
    if array_api_compat.is_torch_array(x) and x.device.type == "cuda":
        return Device("gpu", int(x.device.index or 0))
    return CPU
