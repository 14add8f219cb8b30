"""gpuframe: a pandas-like DataFrame that lives on the GPU (CuPy) or the CPU (NumPy)."""

from __future__ import annotations

from .backend import (
    Device,
    NoGPUError,
    current_device,
    gpu_available,
    on_device,
    set_device,
    transfer_stats,
)

__version__ = "0.1.0"

__all__ = [
    "Device",
    "NoGPUError",
    "__version__",
    "current_device",
    "gpu_available",
    "on_device",
    "set_device",
    "transfer_stats",
]
