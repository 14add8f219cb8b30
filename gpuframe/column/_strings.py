"""Dictionary encoding of strings (host side, pyarrow) and dictionary unification.

Inputs are already validated. The dictionary is always a sorted ``pyarrow.StringArray`` of
distinct values without nulls; codes are int32 with -1 for null.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["decode", "encode", "sorted_unique", "unify"]


def _as_string_array(values: Any) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not isinstance(values, pa.Array):
        values = pa.array(values, from_pandas=True)
    if pa.types.is_dictionary(values.type):
        values = values.cast(values.type.value_type)
    if pa.types.is_large_string(values.type) or pa.types.is_string_view(values.type):
        values = values.cast(pa.large_string())
    elif pa.types.is_null(values.type):
        values = values.cast(pa.string())
    elif not pa.types.is_string(values.type):
        raise TypeError(f"expected strings; received values of Arrow type {values.type}")
    return values


def sorted_unique(values: pa.Array) -> pa.Array:
    """The sorted distinct non-null values of a string array, as ``pa.string()``."""
    uniq = pc.unique(values).drop_null()
    uniq = pc.take(uniq, pc.sort_indices(uniq))
    if not pa.types.is_string(uniq.type):
        uniq = uniq.cast(pa.string())
    return uniq


def encode(values: Any) -> tuple[np.ndarray, pa.Array]:
    """``(codes, dictionary)`` for string ``values`` (pyarrow, pandas or a sequence).

    Examples
    --------
    >>> codes, d = encode(["b", None, "a", "b"])
    >>> codes.tolist(), d.to_pylist()
    ([1, -1, 0, 1], ['a', 'b'])
    """
    arr = _as_string_array(values)
    enc = pc.dictionary_encode(arr)  # one hash pass, codes in order of first appearance
    found = enc.dictionary
    order = pc.sort_indices(found).to_numpy(zero_copy_only=False)
    dictionary = found.take(pa.array(order))
    if not pa.types.is_string(dictionary.type):
        dictionary = dictionary.cast(pa.string())
    rank = np.empty(len(found) + 1, dtype=np.int32)  # old code -> sorted code; slot -1 -> -1
    rank[order] = np.arange(len(found), dtype=np.int32)
    rank[-1] = -1
    indices = enc.indices
    if indices.null_count:
        indices = indices.fill_null(-1)
    codes = rank[indices.to_numpy(zero_copy_only=False)]
    return codes, dictionary


def decode(codes: np.ndarray, dictionary: pa.Array) -> pa.Array:
    """The Arrow string array for host int32 ``codes`` (-1 = null) over ``dictionary``."""
    codes = np.asarray(codes)
    null = codes < 0
    idx = pa.array(codes, type=pa.int32(), mask=null if null.any() else None)
    out = pc.take(dictionary, idx)
    return out


def unify(dictionaries: list[pa.Array]) -> tuple[pa.Array, list[np.ndarray]]:
    """One sorted dictionary for several, and per input the map old code -> new code.

    Examples
    --------
    >>> d, maps = unify([pa.array(["a", "c"]), pa.array(["b", "c"])])
    >>> d.to_pylist(), [m.tolist() for m in maps]
    (['a', 'b', 'c'], [[0, 2], [1, 2]])
    """
    if all(d.equals(dictionaries[0]) for d in dictionaries[1:]):
        ident = np.arange(len(dictionaries[0]), dtype=np.int32)
        return dictionaries[0], [ident for _ in dictionaries]
    merged = sorted_unique(pa.concat_arrays([d.cast(pa.string()) for d in dictionaries]))
    maps = [
        pc.index_in(d.cast(pa.string()), value_set=merged)
        .to_numpy(zero_copy_only=False)
        .astype(np.int32)
        for d in dictionaries
    ]
    return merged, maps
