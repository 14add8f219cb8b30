"""Deterministic Dask tokens for gpuframe objects, computed where the data live.

Dask names tasks by a hash of their inputs. NumPy columns are hashed by Dask itself; device
(CuPy) columns are reduced to two 64-bit digests on the device, so naming a task never copies
a column to the host.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from ._types import index_types

__all__ = ["tokenize_gpuframe"]


def _array_token(a: Any) -> Any:
    from dask.tokenize import normalize_token

    from gpuframe.backend import array_namespace, get_kernels, is_numpy, to_host

    if isinstance(a, np.ndarray):
        return normalize_token(a)
    xp = array_namespace(a)
    if is_numpy(xp):
        return normalize_token(np.asarray(a))
    kernels = get_kernels(xp)
    values = kernels.hash_array(a)
    positions = kernels.hash_array(xp.arange(a.shape[0], dtype=xp.int64))
    digests = xp.stack(
        [xp.sum(values ^ positions), xp.sum(kernels.hash_combine(positions, values))]
    )
    return (str(a.dtype), tuple(a.shape), tuple(int(d) for d in to_host(digests)))


def _arrow_token(array: Any) -> str:
    digest = hashlib.blake2b(str(array.type).encode(), digest_size=16)
    for buf in array.buffers():
        if buf is not None:
            digest.update(memoryview(buf))
    return digest.hexdigest()


def _column_token(label: Any, col: Any) -> tuple[Any, ...]:
    parts: tuple[Any, ...] = (label, str(col.dtype), _array_token(col.data))
    if col.mask is not None:
        parts += (_array_token(col.mask),)
    if col.categories is not None:
        parts += (_arrow_token(col.categories),)
    return parts


def _index_token(index: Any) -> list[Any]:
    from gpuframe import RangeIndex

    if isinstance(index, RangeIndex):
        return ["RangeIndex", index.start, index.stop, index.step, index.name]
    return [
        type(index).__name__,
        *(_column_token(n, c) for n, c in zip(index.names, index._columns())),
    ]


def tokenize_gpuframe(obj: Any) -> list[Any]:
    """What Dask hashes for a gpuframe DataFrame, Series or index: labels, dtypes, values.

    Examples
    --------
    >>> import gpuframe
    >>> a = tokenize_gpuframe(gpuframe.DataFrame({"x": [1, 2]}))
    >>> a == tokenize_gpuframe(gpuframe.DataFrame({"x": [1, 2]}))
    True
    >>> a == tokenize_gpuframe(gpuframe.DataFrame({"x": [1, 3]}))
    False
    """
    if isinstance(obj, index_types()):
        return _index_token(obj)
    parts: list[Any] = [type(obj).__name__, getattr(obj, "name", None)]
    parts.extend(_column_token(label, col) for label, col in obj._data.items())
    parts.append(_index_token(obj.index))
    return parts
