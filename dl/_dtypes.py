"""dl dtypes: float16, bfloat16, float32, float64, int32, int64, bool (TensorFlow names).

A :class:`DType` maps to the dtype of whichever array namespace holds the data. bfloat16 has
no NumPy dtype of its own: on the CPU it is stored with ``ml_dtypes.bfloat16`` when that
package is installed, else using it raises :class:`~dl.DTypeError`.
"""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Any

import numpy as np

from ._errors import DTypeError

__all__ = [
    "DType",
    "as_dtype",
    "bfloat16",
    "bool",
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
]

_builtin_bool = bool


class DType:
    """A dl dtype. Compare with ``==``; ``name`` is the TensorFlow spelling.

    Examples
    --------
    >>> import dl
    >>> dl.float32.name, dl.float32.is_floating
    ('float32', True)
    """

    __slots__ = ("is_bool", "is_floating", "is_integer", "itemsize", "name")

    def __init__(self, name: str, kind: str, itemsize: int) -> None:
        self.name = name
        self.is_floating = kind == "f"
        self.is_integer = kind == "i"
        self.is_bool = kind == "b"
        self.itemsize = itemsize

    def __repr__(self) -> str:
        return f"dl.{self.name}"

    def __reduce__(self) -> str:
        return self.name

    @property
    def as_numpy_dtype(self) -> np.dtype:
        """The NumPy dtype that stores this dtype on the CPU."""
        return _numpy_dtype(self.name)

    def of(self, xp: ModuleType) -> Any:
        """The dtype object of namespace ``xp`` for this dtype."""
        if self.name == "bfloat16":
            from gpuframe.backend import is_numpy

            if is_numpy(xp):
                return _numpy_dtype("bfloat16")
            raise DTypeError(f"bfloat16 is not supported by the array namespace {xp.__name__}")
        return getattr(xp, self.name)


float16 = DType("float16", "f", 2)
bfloat16 = DType("bfloat16", "f", 2)
float32 = DType("float32", "f", 4)
float64 = DType("float64", "f", 8)
int32 = DType("int32", "i", 4)
int64 = DType("int64", "i", 8)
bool = DType("bool", "b", 1)

ALL = (float16, bfloat16, float32, float64, int32, int64, bool)
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME["bool_"] = bool


@functools.cache
def _numpy_dtype(name: str) -> np.dtype:
    if name == "bfloat16":
        try:
            import ml_dtypes
        except ImportError:
            raise DTypeError(
                "bfloat16 on the CPU needs the ml_dtypes package (pip install ml_dtypes); "
                "use float16 or float32 instead"
            ) from None
        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype(name)


@functools.cache
def _from_name(name: str) -> DType:
    try:
        return _BY_NAME[name]
    except KeyError:
        supported = ", ".join(d.name for d in ALL)
        raise DTypeError(
            f"Unsupported dtype {name!r}. Expected one of {supported}; cast the input first "
            f"(e.g. dl.constant(x, dtype=dl.float32))"
        ) from None


def as_dtype(value: Any) -> DType:
    """Turn a DType, a name, a NumPy/Array API dtype or a Python type into a :class:`DType`.

    Examples
    --------
    >>> import numpy as np
    >>> as_dtype("float64"), as_dtype(np.int32), as_dtype(float)
    (dl.float64, dl.int32, dl.float32)
    """
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        return _from_name(value)
    if value is float:
        return float32
    if value is int:
        return int32
    if value is _builtin_bool:
        return bool
    try:
        name = np.dtype(value).name
    except TypeError:
        name = str(value).rsplit(".", 1)[-1]
    return _from_name(name)


def dtype_of_array(a: Any) -> DType:
    """The DType of an array of any namespace."""
    d = a.dtype
    if isinstance(d, np.dtype):
        hit = _NP_CACHE.get(d)
        if hit is None:
            hit = _NP_CACHE[d] = _from_name(d.name)
        return hit
    return as_dtype(d)


_NP_CACHE: dict = {}
