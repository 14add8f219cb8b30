"""The interchange protocols of Series, Index and DataFrame (DLPack, CUDA array interface,
``__array__``, Arrow PyCapsule, DataFrame interchange) and the matrix conversions.

Each method is a thin hook: the implementation lives in the ``interop`` package, imported
inside the method, so that importing gpuframe never imports interop.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FrameInteropMixin", "SeriesInteropMixin"]


class SeriesInteropMixin:
    """DLPack, ``__cuda_array_interface__`` (GPU), ``__array__`` (CPU) and
    ``__arrow_c_array__`` for a Series or a single-level Index: the column's own memory."""

    def __dlpack__(
        self,
        *,
        stream: Any = None,
        max_version: tuple[int, int] | None = None,
        dl_device: tuple[int, int] | None = None,
        copy: bool | None = None,
    ) -> Any:
        from interop._protocols import series_dlpack

        return series_dlpack(
            self, stream=stream, max_version=max_version, dl_device=dl_device, copy=copy
        )

    def __dlpack_device__(self) -> tuple[int, int]:
        from interop._protocols import series_dlpack_device

        return series_dlpack_device(self)

    @property
    def __cuda_array_interface__(self) -> dict[str, Any]:
        from interop._protocols import series_cuda_array_interface

        return series_cuda_array_interface(self)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        from interop._protocols import series_array

        return series_array(self, dtype=dtype, copy=copy)

    def __arrow_c_array__(self, requested_schema: Any = None) -> tuple[Any, Any]:
        from interop._protocols import series_arrow_c_array

        return series_arrow_c_array(self, requested_schema)


class FrameInteropMixin:
    """Arrow PyCapsule stream/schema, ``__dataframe__``, ``__array__`` and the 2-D matrix
    conversions ``to_array``/``to_numpy``/``to_cupy`` of a DataFrame."""

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        from interop._protocols import frame_arrow_c_stream

        return frame_arrow_c_stream(self, requested_schema)

    def __arrow_c_schema__(self) -> Any:
        from interop._protocols import frame_arrow_c_schema

        return frame_arrow_c_schema(self)

    def __dataframe__(self, nan_as_null: bool = False, allow_copy: bool = True) -> Any:
        from interop._protocols import frame_interchange

        return frame_interchange(self, nan_as_null=nan_as_null, allow_copy=allow_copy)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        from interop._protocols import frame_array

        return frame_array(self, dtype=dtype, copy=copy)

    def to_array(
        self,
        *,
        device: Any = None,
        dtype: Any = None,
        copy: bool | None = None,
        order: str | None = None,
    ) -> Any:
        """The frame as one 2-D matrix on ``device`` (default: where it lives).

        The block the frame was built from comes back as is while the frame is unchanged;
        otherwise exactly one copy into ``order`` ("C" or "F"; "F" by default). ``copy``
        as in :func:`interop.as_array` (``False`` raises where a copy is needed).

        Examples
        --------
        >>> import numpy as np, gpuframe
        >>> block = np.arange(6.0).reshape(3, 2)
        >>> gpuframe.DataFrame(block).to_array() is block
        True
        """
        from interop._protocols import to_array

        return to_array(self, device=device, dtype=dtype, copy=copy, order=order)

    def to_numpy(self, dtype: Any = None, copy: bool = False, *, order: str | None = None):
        """The frame as a 2-D NumPy matrix (see :meth:`to_array`; GPU data is copied to the
        host once). ``copy=True`` always returns new memory, as in pandas."""
        from interop._protocols import to_numpy

        return to_numpy(self, dtype=dtype, copy=copy, order=order)

    def to_cupy(self, dtype: Any = None, copy: bool = False, *, order: str | None = None):
        """The frame as a 2-D CuPy matrix (see :meth:`to_array`; host data is copied to the
        GPU once)."""
        from interop._protocols import to_cupy

        return to_cupy(self, dtype=dtype, copy=copy, order=order)


def from_dlpack(
    x: Any,
    *,
    device: Any = None,
    copy: bool | None = None,
    index: Any = None,
    columns: Any = None,
    name: Any = None,
) -> Any:
    """A Series (1-D) or DataFrame (2-D) over the memory of any DLPack producer (torch,
    CuPy, NumPy, JAX, ...), without a copy: host memory gives a CPU object, CUDA memory a
    GPU object. ``device``/``copy`` as in :func:`interop.as_array`.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.arange(3.0)
    >>> s = from_dlpack(a, name="x")
    >>> s.name, np.shares_memory(s.to_numpy(), a)
    ('x', True)
    """
    from interop._dlpack import from_dlpack as _from_dlpack

    return _from_dlpack(x, device=device, copy=copy, index=index, columns=columns, name=name)
