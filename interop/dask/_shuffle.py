"""Hashing rows and splitting a partition into groups: what Dask's shuffle calls per partition.

Dask moves rows between partitions by ``hash(row) % npartitions`` (``hash_object_dispatch``)
and then cuts each partition into one piece per target (``group_split_dispatch``). Both run
on the partition's device. Equal values hash equally in every partition and on every device:
numbers hash their value (Dask casts numeric keys to float64 first, so ``1 == 1.0``),
strings and categories hash their values, not their per-partition codes, and every missing
value hashes to one constant.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ._types import index_types

__all__ = ["group_split_gpuframe", "hash_object_gpuframe"]

# the hash of a missing value, whatever the dtype (a fixed odd 64-bit constant)
NULL_HASH = np.uint64(0x9E3779B97F4A7C15)


def _column_hash(col: Any) -> Any:
    """uint64 hash per row of one gpuframe Column, on the column's device."""
    from gpuframe.backend import asarray, get_kernels

    xp = col.xp
    kernels = get_kernels(xp)
    if col.is_encoded:
        # hash the (small, host) dictionary once, then look the codes up on the device
        values = col.categories.to_numpy(zero_copy_only=False)
        if values.dtype.kind in "OUS":
            values = values.astype(object)
        host = get_kernels(np).hash_array(values) if len(values) else np.empty(0, np.uint64)
        table = asarray(np.append(host, NULL_HASH).astype(np.uint64), device=col.device)
        codes = col.codes
        return xp.take(table, xp.where(codes < 0, len(values), codes).astype(xp.int64))
    h = kernels.hash_array(col.data)
    if col.dtype.kind in "fmM" or col.mask is not None:
        h = xp.where(col.null_array(), xp.asarray(NULL_HASH, dtype=xp.uint64), h)
    return h


def _hash_columns(columns: list[Any], n: int, like: Any) -> Any:
    from gpuframe.backend import get_kernels

    if not columns:
        xp = like.xp if like is not None else np
        return xp.zeros(n, dtype=xp.uint64)
    out = _column_hash(columns[0])
    combine = get_kernels(columns[0].xp).hash_combine
    for col in columns[1:]:
        out = combine(out, _column_hash(col))
    return out


def hash_object_gpuframe(
    obj: Any,
    index: bool = True,
    encoding: str = "utf8",
    hash_key: Any = None,
    categorize: bool = True,
) -> Any:
    """A uint64 gpuframe Series: one hash per row of ``obj`` (equal rows, equal hashes).

    Like ``pandas.util.hash_pandas_object``: ``index=True`` mixes the row labels in; the
    result has ``obj``'s index. The hash values differ from pandas' (only equality matters
    to Dask). ``encoding``, ``hash_key`` and ``categorize`` are accepted for Dask's call
    signature and have no effect.

    Examples
    --------
    >>> import gpuframe
    >>> df = gpuframe.DataFrame({"k": ["a", "b", "a"], "v": [1.0, 2.0, 1.0]})
    >>> h = hash_object_gpuframe(df, index=False).to_pandas()
    >>> bool(h[0] == h[2]), bool(h[0] == h[1])
    (True, False)
    """
    import gpuframe

    if isinstance(obj, index_types()):
        cols = obj._columns()
        h = _hash_columns(cols, len(obj), cols[0] if cols else None)
        return gpuframe.Series(h, index=obj)
    if isinstance(obj, gpuframe.Series):
        cols = [obj.column]
    else:
        cols = list(obj._data.values())
    if index:
        cols = list(obj.index._columns()) + cols
    like = cols[0] if cols else None
    return gpuframe.Series(_hash_columns(cols, len(obj), like), index=obj.index)


def group_split_gpuframe(df: Any, c: Any, k: int, ignore_index: bool = False) -> dict[int, Any]:
    """Split ``df`` into ``k`` pieces: piece ``i`` holds the rows where ``c == i``.

    ``c`` is an integer Series or array in ``[0, k)``. Rows keep their order inside a piece
    (a stable sort by ``c``, then ``k`` slices); ``ignore_index=True`` resets each piece's
    index.

    Examples
    --------
    >>> import gpuframe, numpy as np
    >>> df = gpuframe.DataFrame({"x": [10, 11, 12, 13]})
    >>> parts = group_split_gpuframe(df, np.array([1, 0, 1, 0]), 3)
    >>> [parts[i]["x"].to_pandas().tolist() for i in range(3)]
    [[11, 13], [10, 12], []]
    """
    from dask.dataframe.backends import ShuffleGroupResult

    import gpuframe
    from gpuframe.backend import array_namespace, asarray, get_kernels, to_host

    if isinstance(c, gpuframe.Series):
        codes = c.column.data
    else:
        codes = asarray(getattr(c, "values", c), device=df.device)
    xp = array_namespace(codes)
    codes = xp.astype(codes, xp.int64)
    order = xp.argsort(codes, stable=True)
    counts = to_host(get_kernels(xp).bincount(codes, minlength=k))[:k]
    bounds = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    ordered = df.iloc[order]
    parts = []
    for a, b in itertools.pairwise(bounds):
        part = ordered.iloc[int(a) : int(b)]
        parts.append(part.reset_index(drop=True) if ignore_index else part)
    return ShuffleGroupResult(zip(range(k), parts))
