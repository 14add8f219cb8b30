"""torch <-> arrays and gpuframe objects, through DLPack (no copy on CPU or GPU)."""

from __future__ import annotations

from typing import Any

from ._copy import check_copy_flag, need_copy

__all__ = ["from_torch", "to_torch", "torch_native"]


def torch_native(t: Any, copy: bool | None) -> tuple[Any, bool]:
    """A torch tensor's memory as NumPy (CPU) or CuPy (CUDA) without a copy.

    Gradients are detached (the memory is the same). Lazy conjugate/negative views and
    bfloat16 (which NumPy cannot hold; widened to float32) need a copy.
    """
    import torch

    from ._array import dlpack_native

    if t.layout != torch.strided:
        raise TypeError(
            f"Invalid value for argument `obj`: a torch tensor with layout {t.layout}; only "
            "dense (strided) tensors can be handed over; call .to_dense() first"
        )
    copied = False
    if t.requires_grad:
        t = t.detach()
    if t.is_conj() or t.is_neg():
        need_copy("the torch tensor is a lazy conjugate/negative view", copy)
        t, copied = t.resolve_conj().resolve_neg(), True
    if t.dtype == torch.bfloat16:
        need_copy("NumPy/CuPy have no bfloat16; it is widened to float32", copy)
        t, copied = t.float(), True
    arr, dl_copied = dlpack_native(t, copy)
    return arr, copied or dl_copied


def to_torch(obj: Any, *, device: Any = None, dtype: Any = None, copy: bool | None = None) -> Any:
    """``obj`` (a gpuframe Series/DataFrame/Index or any array-like) as a torch tensor.

    The tensor shares memory with the source through DLPack: NumPy/CPU data gives a CPU
    tensor, CuPy/GPU data a CUDA tensor on the same card. Frames become 2-D matrices
    (see :func:`interop.as_array`). ``device``, ``dtype`` and ``copy`` are as in
    :func:`interop.as_array`.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(3.0)
    >>> t = to_torch(a)
    >>> t.data_ptr() == a.__array_interface__["data"][0]
    True
    """
    import torch

    from ._array import as_array

    copy = check_copy_flag(copy)
    if isinstance(obj, torch.Tensor) and device is None and dtype is None and not copy:
        return obj
    arr = as_array(obj, device=device, dtype=dtype, copy=copy)
    if getattr(arr, "dtype", None) is not None and str(arr.dtype) == "object":
        raise TypeError(
            "Invalid value for argument `obj`: torch has no tensor for Python objects "
            f"(strings or mixed columns); received data of dtype {arr.dtype}"
        )
    return torch.from_dlpack(arr)


def from_torch(tensor: Any, *, index: Any = None, columns: Any = None, name: Any = None) -> Any:
    """A torch tensor as a gpuframe Series (1-D) or DataFrame (2-D), sharing its memory.

    CPU tensors give a CPU frame (NumPy), CUDA tensors a GPU frame (CuPy), both without a
    copy; a 2-D tensor is kept as the frame's block, so ``to_array`` hands it back.

    Examples
    --------
    >>> import torch
    >>> s = from_torch(torch.arange(3.0), name="x")
    >>> s.name
    'x'
    """
    from ._frames import frame_from_array

    arr, _ = torch_native(_check_tensor(tensor), None)
    return frame_from_array(arr, index=index, columns=columns, name=name, argument="tensor")


def _check_tensor(tensor: Any) -> Any:
    import torch

    if not isinstance(tensor, torch.Tensor):
        raise TypeError(
            "Invalid type for argument `tensor`. Expected a torch.Tensor. "
            f"Received: tensor of type {type(tensor).__name__}"
        )
    return tensor
