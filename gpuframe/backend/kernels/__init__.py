"""Primitive kernels the Array API lacks, one module per backend, same function names.

``get_kernels(xp)`` returns the module for a namespace: NumPy (vectorised NumPy and Numba),
CuPy (library calls, plus a few `cupy.ElementwiseKernel` loops) or, for any other Array API namespace
(array-api-strict, ...), a generic and slower version written only with the standard.
Kernels take and return raw arrays, never frames; inputs are already validated.

Functions (all backends):

- ``bincount(x, weights=None, minlength=0)``
- ``group_reduce(codes, values, ngroups, op, *, ddof=1, skipna=True) -> (result, count)``
- ``factorize(keys, *, sort=True, dropna=True) -> (codes, uniques)``
- ``scatter_add(target, indices, values)``
- ``hash_array(x)`` and ``hash_combine(h1, h2)``
"""

from __future__ import annotations

from types import ModuleType

from .._namespace import is_cupy, is_numpy

GROUP_OPS = ("sum", "min", "max", "count", "mean", "var", "std", "prod")

__all__ = ["GROUP_OPS", "get_kernels"]


def get_kernels(xp: ModuleType) -> ModuleType:
    """The kernels module for the namespace ``xp``.

    Examples
    --------
    >>> import array_api_compat.numpy as xp
    >>> k = get_kernels(xp)
    >>> k.bincount(xp.asarray([0, 1, 1])).tolist()
    [1, 2]
    """
    if is_numpy(xp):
        from . import _numpy

        return _numpy
    if is_cupy(xp):
        from . import _cupy

        return _cupy
    from . import _generic

    return _generic
