"""Host <-> device transfers: the only two doors, and the counter that watches them.

Every copy between host memory and GPU memory in gpuframe goes through :func:`asarray`
(into a device) or :func:`to_host` (out of it). Both count calls and bytes in
:func:`transfer_stats`, which tests and the pipeline use to prove that data stayed put.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import array_api_compat
import numpy as np

from ._device import Device, current_device, parse_device

__all__ = ["TransferStats", "asarray", "reset_transfer_stats", "to_host", "transfer_stats"]


@dataclass(frozen=True)
class TransferStats:
    """Host<->device traffic since the last reset."""

    host_to_device_calls: int = 0
    host_to_device_bytes: int = 0
    device_to_host_calls: int = 0
    device_to_host_bytes: int = 0

    @property
    def total_calls(self) -> int:
        return self.host_to_device_calls + self.device_to_host_calls

    @property
    def total_bytes(self) -> int:
        return self.host_to_device_bytes + self.device_to_host_bytes


_lock = threading.Lock()
_counts = [0, 0, 0, 0]


def _record(direction: int, nbytes: int) -> None:
    with _lock:
        _counts[2 * direction] += 1
        _counts[2 * direction + 1] += int(nbytes)


def transfer_stats() -> TransferStats:
    """Counts of host->device and device->host copies made through gpuframe.

    Examples
    --------
    >>> reset_transfer_stats()
    >>> transfer_stats().total_calls
    0
    """
    with _lock:
        return TransferStats(*_counts)


def reset_transfer_stats() -> None:
    """Set all transfer counters back to zero."""
    with _lock:
        _counts[:] = [0, 0, 0, 0]


def array_device_name(x: Any) -> str:
    dev = getattr(x, "device", None)
    return f"gpu:{getattr(dev, 'id', 0)}"


def _nbytes(x: Any) -> int:
    return int(getattr(x, "nbytes", 0) or 0)


def _gpu_oom(exc: BaseException, nbytes: int) -> MemoryError:
    free = "unknown"
    try:
        import cupy

        free_b, total_b = cupy.cuda.runtime.memGetInfo()
        pool = cupy.get_default_memory_pool()
        free = f"{free_b / 2**20:.1f} MiB free of {total_b / 2**20:.1f} MiB, pool holds {pool.total_bytes() / 2**20:.1f} MiB"
    except Exception:
        pass
    return MemoryError(f"GPU allocation of {nbytes / 2**20:.1f} MiB failed ({free}): {exc}")


def asarray(
    x: Any,
    *,
    device: str | Device | None = None,
    dtype: Any = None,
    copy: bool | None = None,
) -> Any:
    """``x`` as an array on ``device`` (default: the current device).

    No copy is made when ``x`` already lives there with the requested dtype (unless
    ``copy=True``); ``copy=False`` raises ``ValueError`` where a copy would be needed.
    A host -> GPU copy is counted in :func:`transfer_stats`.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(4)
    >>> asarray(a, device="cpu") is a
    True
    """
    dev = current_device() if device is None else parse_device(device)
    on_gpu_src = array_api_compat.is_cupy_array(x)
    if not dev.is_gpu:
        if on_gpu_src:
            if copy is False:
                raise ValueError(
                    f"copy=False but the array lives on {array_device_name(x)} and device='cpu'"
                )
            return to_host(x, dtype=dtype)
        src = x
        if (
            not isinstance(x, np.ndarray)
            and hasattr(x, "__dlpack__")
            and array_api_compat.is_array_api_obj(x)
        ):
            try:
                src = np.from_dlpack(x)
            except (BufferError, TypeError, RuntimeError):
                src = x
        if copy is True:
            return np.array(src, dtype=dtype, copy=True)
        if copy is False:
            try:
                return np.asarray(src, dtype=dtype, copy=False)
            except ValueError as e:
                raise ValueError(f"copy=False but a copy is needed: {e}") from e
        return np.asarray(src, dtype=dtype)

    import cupy

    with cupy.cuda.Device(dev.index):
        if on_gpu_src and int(x.device.id) == dev.index:
            out = cupy.asarray(x, dtype=dtype)
            if copy and out is x:
                out = out.copy()
            if copy is False and out is not x and dtype is not None:
                raise ValueError(f"copy=False but casting {x.dtype} to {dtype} needs a copy")
            return out
        if on_gpu_src:  # another GPU: peer copy, not a host transfer
            return cupy.array(x, dtype=dtype, copy=True)
        if hasattr(x, "__cuda_array_interface__"):
            return cupy.asarray(x, dtype=dtype)
        if copy is False:
            raise ValueError(
                f"copy=False but {type(x).__name__} lives on the host and device={dev}"
            )
        host = np.asarray(x, dtype=dtype)
        try:
            out = cupy.asarray(host)
        except cupy.cuda.memory.OutOfMemoryError as e:
            raise _gpu_oom(e, host.nbytes) from e
        _record(0, host.nbytes)
        return out


def to_host(x: Any, *, dtype: Any = None) -> np.ndarray:
    """``x`` as a NumPy array in host memory; a GPU -> host copy is counted.

    Examples
    --------
    >>> import numpy as np
    >>> to_host(np.arange(3)).tolist()
    [0, 1, 2]
    """
    if array_api_compat.is_cupy_array(x):
        out = x.get()
        _record(1, _nbytes(out))
        return out if dtype is None else out.astype(dtype, copy=False)
    if array_api_compat.is_torch_array(x) and x.device.type != "cpu":
        out = x.detach().cpu().numpy()
        _record(1, _nbytes(out))
        return out if dtype is None else out.astype(dtype, copy=False)
    if isinstance(x, np.ndarray):
        return x if dtype is None else x.astype(dtype, copy=False)
    if hasattr(x, "__dlpack__") and not isinstance(x, (list, tuple)):
        try:
            out = np.from_dlpack(x)
            return out if dtype is None else out.astype(dtype, copy=False)
        except Exception:
            pass
    return np.asarray(x, dtype=dtype)
