"""Device choice: which memory the arrays of gpuframe live in.

A device is ``"cpu"`` or ``"gpu"`` (``"gpu:N"`` for the N-th card). The default comes from
the ``GPUFRAME_DEVICE`` environment variable (``cpu``, ``gpu``, ``gpu:N`` or ``auto``;
``auto`` when unset = the GPU when CuPy imports and sees a card, else the CPU). It is read
lazily, at first use, so that ``import gpuframe`` never fails.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Device",
    "NoGPUError",
    "current_device",
    "gpu_available",
    "on_device",
    "parse_device",
    "set_device",
]

ENV_VAR = "GPUFRAME_DEVICE"
VALID_VALUES = ("cpu", "gpu", "gpu:N", "auto")


class NoGPUError(RuntimeError):
    """A GPU was asked for but no usable CUDA device (or no CuPy) was found."""


@dataclass(frozen=True, slots=True)
class Device:
    """Where arrays live: ``Device("cpu")`` or ``Device("gpu", index)``.

    Examples
    --------
    >>> Device("gpu", 1)
    Device('gpu:1')
    >>> str(Device("cpu"))
    'cpu'
    """

    kind: Literal["cpu", "gpu"]
    index: int = 0

    def __str__(self) -> str:
        return "cpu" if self.kind == "cpu" else f"gpu:{self.index}"

    def __repr__(self) -> str:
        return f"Device({str(self)!r})"

    @property
    def is_gpu(self) -> bool:
        return self.kind == "gpu"


CPU = Device("cpu")


def _gpu_count() -> int:
    """Number of CUDA devices CuPy sees (0 when CuPy is missing or no driver/device)."""
    try:
        import cupy

        return int(cupy.cuda.runtime.getDeviceCount())
    except Exception:
        return 0


def gpu_available() -> bool:
    """True when CuPy imports and sees at least one CUDA device.

    Examples
    --------
    >>> isinstance(gpu_available(), bool)
    True
    """
    return _gpu_count() > 0


def _no_gpu_error(asked: str) -> NoGPUError:
    try:
        import cupy  # noqa: F401

        why = "CuPy is installed but no CUDA device was found"
    except Exception:
        why = "no CUDA device was found (CuPy is not installed: pip install 'gpuframe[gpu]')"
    return NoGPUError(
        f"device {asked!r} was requested but {why}. Select the CPU with "
        f"{ENV_VAR}=cpu (or auto), gpuframe.set_device('cpu') or "
        f"`with gpuframe.on_device('cpu'):`."
    )


def parse_device(value: str | Device, *, argument: str = "device") -> Device:
    """Turn ``"cpu"``, ``"gpu"``, ``"gpu:N"``, ``"auto"`` or a :class:`Device` into a Device.

    Raises ``ValueError`` naming the valid values for an unknown spelling and
    :class:`NoGPUError` when a GPU is asked for and none is usable.

    Examples
    --------
    >>> parse_device("cpu")
    Device('cpu')
    >>> parse_device("tpu")
    Traceback (most recent call last):
    ...
    ValueError: Invalid value for argument `device`. Expected one of 'cpu', 'gpu', 'gpu:N', 'auto'. Received: device='tpu'
    """
    if isinstance(value, Device):
        if value.is_gpu:
            _check_gpu(value, str(value))
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"Invalid type for argument `{argument}`. Expected str or gpuframe.Device. "
            f"Received: {argument}={value!r} of type {type(value).__name__}"
        )
    spelled = value.strip().lower()
    if spelled == "cpu":
        return CPU
    if spelled == "auto":
        return Device("gpu", 0) if gpu_available() else CPU
    if spelled in ("gpu", "cuda"):
        dev = Device("gpu", 0)
    elif spelled.startswith(("gpu:", "cuda:")) and spelled.split(":", 1)[1].isdigit():
        dev = Device("gpu", int(spelled.split(":", 1)[1]))
    else:
        valid = ", ".join(repr(v) for v in VALID_VALUES)
        raise ValueError(
            f"Invalid value for argument `{argument}`. Expected one of {valid}. "
            f"Received: {argument}={value!r}"
        )
    _check_gpu(dev, value)
    return dev


def _check_gpu(dev: Device, asked: str) -> None:
    count = _gpu_count()
    if count == 0:
        raise _no_gpu_error(asked)
    if dev.index >= count:
        raise NoGPUError(
            f"device {asked!r} was requested but only {count} CUDA device(s) exist "
            f"(valid: gpu:0..gpu:{count - 1})"
        )


_global_device: Device | None = None
_context_device: contextvars.ContextVar[Device | None] = contextvars.ContextVar(
    "gpuframe_device", default=None
)


def current_device() -> Device:
    """The device new arrays go to: innermost ``on_device``, else ``set_device``, else env.

    Examples
    --------
    >>> with on_device("cpu"):
    ...     current_device()
    Device('cpu')
    """
    global _global_device
    dev = _context_device.get()
    if dev is not None:
        return dev
    if _global_device is None:
        env = os.environ.get(ENV_VAR, "auto")
        _global_device = parse_device(env, argument=ENV_VAR)
    return _global_device


def set_device(device: str | Device) -> Device:
    """Set the process-wide default device; returns the parsed device.

    Examples
    --------
    >>> set_device("cpu")
    Device('cpu')
    """
    global _global_device
    _global_device = parse_device(device)
    return _global_device


@contextlib.contextmanager
def on_device(device: str | Device) -> Iterator[Device]:
    """Run a block with another default device (thread- and task-local).

    Examples
    --------
    >>> with on_device("cpu") as dev:
    ...     print(dev)
    cpu
    """
    token = _context_device.set(parse_device(device))
    try:
        yield _context_device.get()  # type: ignore[misc]
    finally:
        _context_device.reset(token)


def _reset_for_tests() -> None:
    """Forget the cached default so that the environment variable is read again."""
    global _global_device
    _global_device = None
