"""The device layer: device choice, the array namespace, transfers and primitive kernels.

Everything else in gpuframe stands on this package. Array code gets its namespace with
:func:`array_namespace` and passes ``xp`` down; it enters a device only through
:func:`asarray` and leaves it only through :func:`to_host`.
"""

from __future__ import annotations

# Devices
from ._device import (
    Device,
    NoGPUError,
    current_device,
    gpu_available,
    on_device,
    parse_device,
    set_device,
)

# Namespaces
from ._namespace import array_device, array_namespace, is_cupy, is_numpy, namespace_for

# Optional dependencies
from ._optional import has_module

# Transfers
from ._transfer import TransferStats, asarray, reset_transfer_stats, to_host, transfer_stats

# Kernels
from .kernels import GROUP_OPS, get_kernels

__all__ = [
    # Devices
    "Device",
    "NoGPUError",
    "current_device",
    "gpu_available",
    "on_device",
    "parse_device",
    "set_device",
    # Namespaces
    "array_device",
    "array_namespace",
    "is_cupy",
    "is_numpy",
    "namespace_for",
    # Optional dependencies
    "has_module",
    # Transfers
    "TransferStats",
    "asarray",
    "reset_transfer_stats",
    "to_host",
    "transfer_stats",
    # Kernels
    "GROUP_OPS",
    "get_kernels",
]
