"""Registration of gpuframe's implementations with Dask's dispatch tables.

Dask looks functions up by the type of the partition (``make_meta``, ``concat``, hashing
for shuffles, ...). :func:`register` fills every table once; importing :mod:`interop.dask`
calls it, and so does Dask when it loads the ``gpuframe`` backend entry point.
"""

from __future__ import annotations

import pickle
from functools import partial
from typing import Any

import pandas as pd

from ._arrow import from_pyarrow_table_gpuframe, pyarrow_schema_gpuframe, to_pyarrow_table_gpuframe
from ._concat import concat_gpuframe
from ._meta import (
    categorical_dtype_gpuframe,
    is_categorical_dtype_gpuframe,
    make_meta_gpuframe,
    make_meta_object_gpuframe,
    meta_nonempty_gpuframe,
    tolist_gpuframe,
    union_categoricals_gpuframe,
)
from ._shuffle import group_split_gpuframe, hash_object_gpuframe
from ._token import tokenize_gpuframe
from ._types import frame_types, index_types

__all__ = ["register", "to_gpuframe_dispatch"]

_registered = False
_to_gpuframe: Any = None


def to_gpuframe_dispatch() -> Any:
    """Dask's ``Dispatch`` that moves one partition (pandas, ...) to gpuframe."""
    global _to_gpuframe
    if _to_gpuframe is None:
        from dask.utils import Dispatch

        _to_gpuframe = Dispatch("to_gpuframe_dispatch")
        _to_gpuframe.register((pd.DataFrame, pd.Series, pd.Index), _pandas_to_gpuframe)
        _to_gpuframe.register(frame_types() + index_types(), _gpuframe_to_gpuframe)
    return _to_gpuframe


def _pandas_to_gpuframe(data: Any, device: Any = None, **kwargs: Any) -> Any:
    import gpuframe

    _reject("pandas", "gpuframe", kwargs)
    if isinstance(data, pd.Index):
        from gpuframe.index import as_index

        return as_index(data)
    return gpuframe.from_pandas(data, device=device)


def _gpuframe_to_gpuframe(data: Any, device: Any = None, **kwargs: Any) -> Any:
    _reject("gpuframe", "gpuframe", kwargs)
    return data if device is None else data.to_device(device)


def _to_pandas(data: Any, **kwargs: Any) -> Any:
    _reject("gpuframe", "pandas", kwargs)
    return data.to_pandas()


def _reject(old: str, new: str, kwargs: dict[str, Any]) -> None:
    if kwargs:
        raise ValueError(
            f"to_backend: unsupported keyword arguments for {old} -> {new}: {sorted(kwargs)}"
        )


def _index_bytes(index: Any) -> int:
    n = getattr(index, "memory_usage_bytes", 0)
    return int(n() if callable(n) else n)


def _sizeof(obj: Any) -> int:
    return int(obj.nbytes) + _index_bytes(obj.index)


def _sizeof_index(obj: Any) -> int:
    return _index_bytes(obj)


def _partd_encode(_: Any) -> Any:
    import partd

    from gpuframe.reshape import concat

    def join(dfs: list[Any]) -> Any:
        import gpuframe

        return concat(dfs) if dfs else gpuframe.DataFrame()

    dumps = partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL)
    return partial(partd.Encode, dumps, pickle.loads, join)


def _collection_type(kind: str) -> Any:
    def get(_: Any) -> Any:
        from dask.dataframe.dask_expr import _collection

        return getattr(_collection, kind)

    return get


def _gpuframe_collection(_: Any) -> Any:
    from ._frame import GpuframeDaskDataFrame

    return GpuframeDaskDataFrame


def register() -> None:
    """Fill Dask's dispatch tables for gpuframe's DataFrame, Series and indexes (idempotent)."""
    global _registered
    if _registered:
        return
    from dask._dispatch import get_collection_type
    from dask.dataframe import dispatch as dd_dispatch
    from dask.sizeof import sizeof
    from dask.tokenize import normalize_token

    from gpuframe import DataFrame, Series
    from gpuframe import dtypes as gf_dtypes

    frames, indexes = frame_types(), index_types()
    every = frames + indexes

    dd_dispatch.make_meta_dispatch.register(every, make_meta_gpuframe)
    dd_dispatch.make_meta_obj.register(every, make_meta_object_gpuframe)
    dd_dispatch.meta_nonempty.register(every, meta_nonempty_gpuframe)
    dd_dispatch.concat_dispatch.register(every, concat_gpuframe)
    dd_dispatch.hash_object_dispatch.register(every, hash_object_gpuframe)
    dd_dispatch.group_split_dispatch.register(frames, group_split_gpuframe)
    dd_dispatch.tolist_dispatch.register((Series, *indexes), tolist_gpuframe)
    dd_dispatch.is_categorical_dtype_dispatch.register(
        (*every, gf_dtypes.CategoricalDtype, gf_dtypes.StringDtype), is_categorical_dtype_gpuframe
    )
    dd_dispatch.categorical_dtype_dispatch.register(every, categorical_dtype_gpuframe)
    dd_dispatch.union_categoricals_dispatch.register(
        (Series, *indexes), union_categoricals_gpuframe
    )
    dd_dispatch.pyarrow_schema_dispatch.register((DataFrame,), pyarrow_schema_gpuframe)
    dd_dispatch.to_pyarrow_table_dispatch.register((DataFrame,), to_pyarrow_table_gpuframe)
    dd_dispatch.from_pyarrow_table_dispatch.register((DataFrame,), from_pyarrow_table_gpuframe)
    dd_dispatch.partd_encode_dispatch.register((DataFrame,), _partd_encode)
    dd_dispatch.to_pandas_dispatch.register(every, _to_pandas)
    sizeof.register(frames, _sizeof)
    sizeof.register(indexes, _sizeof_index)
    normalize_token.register(every, tokenize_gpuframe)

    get_collection_type.register(DataFrame, _gpuframe_collection)
    get_collection_type.register(Series, _collection_type("Series"))
    get_collection_type.register(indexes, _collection_type("Index"))
    dd_dispatch.get_parallel_type.register(DataFrame, _gpuframe_collection)
    dd_dispatch.get_parallel_type.register(Series, _collection_type("Series"))
    dd_dispatch.get_parallel_type.register(indexes, _collection_type("Index"))
    to_gpuframe_dispatch()
    _registered = True
