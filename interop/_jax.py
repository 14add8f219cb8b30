"""JAX <-> arrays and gpuframe objects, through DLPack."""

from __future__ import annotations

from typing import Any

from ._copy import check_copy_flag

__all__ = ["from_jax", "to_jax"]


def to_jax(obj: Any, *, device: Any = None, dtype: Any = None, copy: bool | None = None) -> Any:
    """``obj`` (a gpuframe Series/DataFrame/Index or any array-like) as a JAX array.

    The data goes through :func:`interop.as_array` (same ``device``/``dtype``/``copy``) and
    then to JAX by DLPack, which shares the memory where JAX accepts the buffer (JAX may
    copy host buffers that do not meet its alignment, and JAX arrays are immutable).

    Examples
    --------
    >>> import numpy as np
    >>> to_jax(np.arange(3.0)).tolist()  # doctest: +SKIP
    [0.0, 1.0, 2.0]
    """
    import jax.numpy as jnp

    from ._array import as_array

    copy = check_copy_flag(copy)
    arr = as_array(obj, device=device, dtype=dtype, copy=copy)
    return jnp.from_dlpack(arr)


def from_jax(array: Any, *, index: Any = None, columns: Any = None, name: Any = None) -> Any:
    """A JAX array as a gpuframe Series (1-D) or DataFrame (2-D), sharing its memory.

    Examples
    --------
    >>> import jax.numpy as jnp  # doctest: +SKIP
    >>> from_jax(jnp.arange(3.0), name="x").name  # doctest: +SKIP
    'x'
    """
    import array_api_compat

    from ._array import dlpack_native
    from ._frames import frame_from_array

    if not array_api_compat.is_jax_array(array):
        raise TypeError(
            "Invalid type for argument `array`. Expected a jax.Array. "
            f"Received: array of type {type(array).__name__}"
        )
    arr, _ = dlpack_native(array, None)
    return frame_from_array(arr, index=index, columns=columns, name=name, argument="array")
