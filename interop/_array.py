"""``as_array``: any array-like, frame or series -> one device array, zero-copy where possible.

The hub first turns the input into a *native* array (NumPy on the host, CuPy on the GPU, or
another Array API array such as array-api-strict) without copying wherever the source's
memory can be handed over as it is, then applies the requested dtype, device and order.
Each step that has to copy says why (:func:`interop._copy.need_copy`), so ``copy=False``
fails with the real reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import array_api_compat
import numpy as np

from gpuframe.backend import Device, array_device, array_namespace, parse_device
from gpuframe.backend import asarray as _backend_asarray

from ._copy import check_copy_flag, need_copy

__all__ = ["as_array", "finish_array", "native_array"]

_ORDERS = ("C", "F")

# (copy) -> (array, copied)
Native = tuple[Any, bool]


def as_array(
    obj: Any,
    *,
    device: str | Device | None = None,
    dtype: Any = None,
    copy: bool | None = None,
    order: str | None = None,
) -> Any:
    """``obj`` as an array on ``device``: the one entry that ``ml`` and ``dl`` use.

    Accepts gpuframe DataFrame/Series/Index, NumPy, CuPy, torch, JAX, pyarrow
    Array/ChunkedArray/Table/RecordBatch, pandas Series/Index/DataFrame, polars
    Series/DataFrame, and any object with ``__dlpack__``, ``__cuda_array_interface__``,
    ``__array__`` or the Arrow PyCapsule interface (``__arrow_c_array__`` /
    ``__arrow_c_stream__``), plus (nested) Python sequences of numbers.

    Parameters
    ----------
    obj
        The data. Frames and tables become 2-D ``(rows, columns)`` matrices.
    device
        ``"cpu"``, ``"gpu"``, ``"gpu:N"`` or a :class:`gpuframe.Device`. ``None`` (default)
        keeps the data where it already lives: host sources give NumPy, GPU sources give CuPy.
        A host <-> GPU move goes through :func:`gpuframe.backend.asarray` /
        :func:`gpuframe.backend.to_host` and is counted in :func:`gpuframe.transfer_stats`.
    dtype
        Result dtype (a NumPy dtype, its name, or a dtype of the array's namespace).
    copy
        ``None``: copy only where the source cannot be handed over as it is. ``True``: always
        return new memory. ``False``: never copy; raise ``ValueError`` naming why a copy would
        be needed (a dtype cast, a device change, a non-contiguous strided array, nulls in an
        Arrow integer array, a matrix from several separate columns, ...).
    order
        ``"C"`` or ``"F"`` to require that memory order; ``None`` accepts either
        (non-contiguous arrays are always made C-contiguous).

    Returns
    -------
    array
        NumPy on the host, CuPy on the GPU; other Array API arrays (array-api-strict) pass
        through. Zero-copy results may be read-only views of the source (pandas, pyarrow).

    Notes
    -----
    Arrow and pandas/polars nulls become NaN (floats; integers and booleans with nulls are
    widened to float64, as pandas does) or NaT (datetimes), which needs a copy.
    Strings become a NumPy object array on the host (a copy); there are no GPU strings.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(6.0).reshape(2, 3)
    >>> as_array(a) is a
    True
    >>> import pyarrow as pa
    >>> as_array(pa.array([1, None, 3]))
    array([ 1., nan,  3.])
    >>> as_array(a[:, ::2], copy=False)
    Traceback (most recent call last):
    ...
    interop._copy.CopyNeededError: copy=False but a copy is needed: the array is not contiguous (shape (2, 2), strides (24, 16)); it is copied into C order
    """
    copy = check_copy_flag(copy)
    target = None if device is None else parse_device(device)
    if order is not None and order not in _ORDERS:
        raise ValueError(
            f"Invalid value for argument `order`. Expected 'C', 'F' or None. Received: order={order!r}"
        )
    arr, copied = native_array(obj, copy=copy, order=order, dtype=dtype)
    return finish_array(arr, copied=copied, device=target, dtype=dtype, copy=copy, order=order)


# --------------------------------------------------------------------------------------------
# Step 1: the source's own memory as a native array


def native_array(
    obj: Any, *, copy: bool | None = None, order: str | None = None, dtype: Any = None
) -> Native:
    """``(array, copied)``: ``obj``'s data as a NumPy/CuPy/Array API array, and whether the
    conversion already made a copy. Raises ``CopyNeededError`` when ``copy=False`` and the
    source cannot be handed over as it is."""
    if isinstance(obj, np.ndarray):
        return _numpy_native(obj, copy)
    if array_api_compat.is_cupy_array(obj):
        return obj, False
    if _is_gpuframe(obj):
        from ._protocols import gpuframe_native

        return gpuframe_native(obj, copy, order, dtype)
    for predicate, convert in _DISPATCH:
        if predicate(obj):
            return convert(obj, copy, order)
    raise TypeError(
        "Invalid type for argument `obj`. Expected an array, frame or series (NumPy, CuPy, "
        "torch, JAX, pyarrow, pandas, polars, gpuframe) or an object with __dlpack__, "
        "__cuda_array_interface__, __array__ or __arrow_c_array__/__arrow_c_stream__. "
        f"Received: obj of type {type(obj).__module__}.{type(obj).__qualname__}"
    )


def _numpy_native(obj: np.ndarray, copy: bool | None) -> Native:
    if isinstance(obj, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(obj)
        if not mask.any():
            return np.asarray(obj.data), False
        kind = obj.dtype.kind
        if kind not in "biufcmM":
            raise TypeError(
                f"Invalid value for argument `obj`: a masked array of dtype {obj.dtype} with "
                "masked values has no NaN to fill them with"
            )
        need_copy(f"the masked array has {int(mask.sum())} masked values, filled with NaN", copy)
        fill: Any = np.nan
        fill_dtype = obj.dtype if kind in "fcmM" else np.dtype("float64")
        if kind in "mM":
            fill = np.datetime64("NaT") if kind == "M" else np.timedelta64("NaT")
        return np.ma.filled(obj.astype(fill_dtype), fill), True
    if type(obj) is not np.ndarray:  # np.matrix and other subclasses: a plain view
        return obj.view(np.ndarray), False
    return obj, False


def _module(obj: Any) -> str:
    return type(obj).__module__ or ""


def _is_gpuframe(obj: Any) -> bool:
    if not _module(obj).startswith("gpuframe"):
        return False
    import gpuframe

    return isinstance(obj, (gpuframe.DataFrame, gpuframe.Series, gpuframe.index.BaseIndex))


def _torch_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    from ._torch import torch_native

    return torch_native(obj, copy)


def _jax_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    return dlpack_native(obj, copy)


def _is_arrow(obj: Any) -> bool:
    return _module(obj).startswith("pyarrow")


def _arrow_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    from ._arrow import arrow_native

    return arrow_native(obj, copy)


def _is_pandas(obj: Any) -> bool:
    return _module(obj).startswith("pandas") and hasattr(obj, "to_numpy")


def _pandas_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    from ._pandas import pandas_native

    return pandas_native(obj, copy)


def _is_polars(obj: Any) -> bool:
    return _module(obj).startswith("polars") and hasattr(obj, "to_numpy")


def _polars_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    from ._polars import polars_native

    return polars_native(obj, copy, order)


def _is_other_array_api(obj: Any) -> bool:
    return hasattr(obj, "__array_namespace__")


def _passthrough(obj: Any, copy: bool | None, order: str | None) -> Native:
    return obj, False


def _cai_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    import cupy

    return cupy.asarray(obj), False


def _has_dlpack(obj: Any) -> bool:
    return hasattr(obj, "__dlpack__") and hasattr(obj, "__dlpack_device__")


def dlpack_native(obj: Any, copy: bool | None) -> Native:
    """Import a DLPack producer: CPU memory -> NumPy, CUDA memory -> CuPy; no copy."""
    dev_type, _ = obj.__dlpack_device__()
    if int(dev_type) in (2, 3, 13):  # kDLCUDA, kDLCUDAHost, kDLCUDAManaged
        import cupy

        return cupy.from_dlpack(obj), False
    if int(dev_type) != 1:  # kDLCPU
        raise TypeError(
            f"Invalid value for argument `obj`: a DLPack producer on device type "
            f"{int(dev_type)} ({type(obj).__name__}); only CPU and CUDA memory are supported"
        )
    try:
        return np.from_dlpack(obj), False
    except (BufferError, TypeError, RuntimeError) as e:
        need_copy(f"{type(obj).__name__} cannot export its memory through DLPack ({e})", copy)
        return np.asarray(obj), True


def _dlpack_generic(obj: Any, copy: bool | None, order: str | None) -> Native:
    return dlpack_native(obj, copy)


def _has_arrow_capsule(obj: Any) -> bool:
    return hasattr(obj, "__arrow_c_array__") or hasattr(obj, "__arrow_c_stream__")


def _capsule_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    from ._arrow import arrow_native, import_arrow

    return arrow_native(import_arrow(obj), copy)


def _array_dunder_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    try:
        return np.asarray(obj, copy=False), False
    except ValueError:
        pass
    need_copy(f"{type(obj).__name__}.__array__ cannot hand over its memory", copy)
    return np.asarray(obj), True


_SCALARS = (bool, int, float, complex, np.generic)


def _is_sequence(obj: Any) -> bool:
    return isinstance(obj, (list, tuple, range, *_SCALARS))


def _sequence_native(obj: Any, copy: bool | None, order: str | None) -> Native:
    if not isinstance(obj, _SCALARS):
        need_copy(f"a Python {type(obj).__name__} is always copied into a new array", copy)
    try:
        arr = np.asarray(obj)
    except ValueError as e:
        raise ValueError(
            f"Invalid value for argument `obj`: a ragged nested sequence (rows of different "
            f"lengths) cannot become an array ({e})"
        ) from None
    if arr.dtype == object and arr.ndim and _has_sequences(arr):
        raise ValueError(
            "Invalid value for argument `obj`: a ragged nested sequence (rows of different "
            f"lengths) cannot become an array; received a {type(obj).__name__} of {len(obj)} "
            "rows"
        )
    return arr, True


def _has_sequences(arr: np.ndarray) -> bool:
    return any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.flat)


def _is_torch(obj: Any) -> bool:
    return _module(obj).startswith("torch") and array_api_compat.is_torch_array(obj)


def _is_jax(obj: Any) -> bool:
    return _module(obj).startswith("jax") and array_api_compat.is_jax_array(obj)


_DISPATCH: list[tuple[Callable[[Any], bool], Callable[[Any, bool | None, str | None], Native]]] = [
    (_is_torch, _torch_native),
    (_is_jax, _jax_native),
    (_is_arrow, _arrow_native),
    (_is_pandas, _pandas_native),
    (_is_polars, _polars_native),
    (lambda o: hasattr(o, "__cuda_array_interface__"), _cai_native),
    (_is_other_array_api, _passthrough),
    (_has_dlpack, _dlpack_generic),
    (_has_arrow_capsule, _capsule_native),
    (_is_sequence, _sequence_native),
    (lambda o: hasattr(o, "__array__") and not isinstance(o, (str, bytes)), _array_dunder_native),
]


# --------------------------------------------------------------------------------------------
# Step 2: dtype, device, layout and the copy flag


def resolve_dtype(dtype: Any, xp: Any) -> Any:
    """A dtype spelled as a name, a NumPy dtype or a namespace dtype -> ``xp``'s dtype."""
    if array_api_compat.is_numpy_namespace(xp) or array_api_compat.is_cupy_namespace(xp):
        try:
            return np.dtype(dtype)
        except TypeError:
            pass
        raise TypeError(
            f"Invalid value for argument `dtype`. Expected a NumPy dtype or its name. "
            f"Received: dtype={dtype!r}"
        )
    if isinstance(dtype, str) and hasattr(xp, dtype):
        return getattr(xp, dtype)
    if not isinstance(dtype, str):
        try:
            return getattr(xp, np.dtype(dtype).name)
        except (TypeError, AttributeError):
            return dtype
    raise TypeError(
        f"Invalid value for argument `dtype`: {dtype!r} is not a dtype of {xp.__name__}"
    )


def _layout(arr: Any) -> tuple[bool, bool] | None:
    flags = getattr(arr, "flags", None)
    if flags is None:
        return None
    return bool(flags["C_CONTIGUOUS"]), bool(flags["F_CONTIGUOUS"])


def finish_array(
    arr: Any,
    *,
    copied: bool,
    device: Device | None,
    dtype: Any,
    copy: bool | None,
    order: str | None,
) -> Any:
    """Apply dtype, device, memory order and ``copy`` to a native array (see :func:`as_array`)."""
    xp = array_namespace(arr)
    want = None
    if dtype is not None:
        want = resolve_dtype(dtype, xp)
        if arr.dtype == want:
            want = None
        else:
            need_copy(f"casting {arr.dtype} to {want} makes a new array", copy)
    here = array_device(arr)
    if device is not None and here != device:
        need_copy(f"the data lives on {here} and device={str(device)!r} was asked", copy)
        if not (array_api_compat.is_numpy_array(arr) or array_api_compat.is_cupy_array(arr)):
            arr = np.from_dlpack(arr)
        arr = _backend_asarray(arr, device=device, dtype=want)
        if device.kind == "cpu" and want is not None:
            arr = arr.astype(want, copy=False)
        copied, want = True, None
    if want is not None:
        arr = xp.astype(arr, want)
        copied = True
    layout = _layout(arr)
    if layout is not None and arr.ndim > 1:
        c_ok, f_ok = layout
        ok = (
            (order == "C" and c_ok) or (order == "F" and f_ok) or (order is None and (c_ok or f_ok))
        )
        if not ok:
            target: Literal["C", "F"] = "F" if order == "F" else "C"
            why = (
                f"the array is not contiguous (shape {tuple(arr.shape)}, strides "
                f"{tuple(arr.strides)}); it is copied into {target} order"
                if not (c_ok or f_ok)
                else f"order={order!r} was asked but the array is {'C' if c_ok else 'F'}-ordered"
            )
            need_copy(why, copy)
            mod = _module(arr).split(".")[0]
            if mod == "cupy":
                import cupy

                arr = cupy.array(arr, order=target, copy=True)
            else:
                arr = np.array(arr, order=target, copy=True)
            copied = True
    elif layout is not None and arr.ndim == 1 and not (layout[0] or arr.size <= 1):
        need_copy(f"the 1-D array is strided (stride {arr.strides[0]} bytes)", copy)
        arr = xp.asarray(arr, copy=True)
        copied = True
    if copy and not copied:
        arr = xp.asarray(arr, copy=True)
    return arr
