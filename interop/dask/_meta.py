"""Dask metadata for gpuframe objects: empty frames (``make_meta``) and tiny non-empty ones.

Dask runs every operation once on an empty "meta" object to learn the result's columns and
dtypes, and on a two-row "non-empty meta" where an empty input would not tell. For gpuframe
the metadata are gpuframe objects on the device of the data they describe, so the same
methods run on the meta as on the partitions.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._types import frame_types, index_types

__all__ = [
    "categorical_dtype_gpuframe",
    "is_categorical_dtype_gpuframe",
    "make_meta_gpuframe",
    "make_meta_object_gpuframe",
    "meta_nonempty_gpuframe",
    "tolist_gpuframe",
    "union_categoricals_gpuframe",
]


def _device_of(obj: Any) -> Any:
    return getattr(obj, "device", None)


def _from_pandas(obj: Any, device: Any = None) -> Any:
    """A pandas DataFrame/Series/Index as the gpuframe object of the same kind."""
    import gpuframe

    if isinstance(obj, pd.Index):
        from gpuframe.index import as_index

        out = as_index(obj)
        return out if device is None else _index_to_device(out, device)
    return gpuframe.from_pandas(obj, device=device)


def _index_to_device(index: Any, device: Any) -> Any:
    to_device = getattr(index, "to_device", None)
    return index if to_device is None else to_device(device)


def make_meta_gpuframe(x: Any, index: Any = None) -> Any:
    """The empty object of ``x``'s kind: same columns, dtypes, index type and device.

    Examples
    --------
    >>> import gpuframe
    >>> meta = make_meta_gpuframe(gpuframe.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    >>> type(meta).__name__, len(meta), list(meta.columns)
    ('DataFrame', 0, ['a', 'b'])
    """
    if isinstance(x, index_types()):
        return x.slice(0, 0)
    return x.head(0)


def make_meta_object_gpuframe(x: Any, index: Any = None) -> Any:
    """Metadata from a description (dict/list of ``(name, dtype)``, a dtype, a scalar).

    Dask calls this with ``parent_meta`` a gpuframe object; the description is first turned
    into pandas metadata by Dask's own rules, then carried over to gpuframe, so the two
    backends read descriptions the same way.

    Examples
    --------
    >>> meta = make_meta_object_gpuframe({"a": "i8", "b": "f8"})
    >>> type(meta).__name__, dict(meta.dtypes.astype(str))
    ('DataFrame', {'a': 'int64', 'b': 'float64'})
    """
    from dask.dataframe.dispatch import make_meta_obj

    if hasattr(x, "_meta"):
        return x._meta
    if isinstance(x, frame_types() + index_types()):
        return make_meta_gpuframe(x)
    if index is not None and not isinstance(index, pd.Index):
        index = index.to_pandas() if hasattr(index, "to_pandas") else pd.Index(index)
    pandas_meta = make_meta_obj.dispatch(pd.DataFrame)(x, index=index)
    if isinstance(pandas_meta, (pd.DataFrame, pd.Series, pd.Index)):
        return _from_pandas(pandas_meta)
    return pandas_meta


def meta_nonempty_gpuframe(x: Any) -> Any:
    """A two-row object with ``x``'s columns, dtypes, index type and device.

    Built by Dask's own pandas rules (so the fake values are the ones Dask expects, e.g.
    ``"foo"`` for strings) and carried to ``x``'s device.

    Examples
    --------
    >>> import gpuframe
    >>> out = meta_nonempty_gpuframe(gpuframe.DataFrame({"a": [1.5], "s": ["x"]}).head(0))
    >>> len(out), dict(out.dtypes.astype(str)) == {"a": "float64", "s": "str"}
    (2, True)
    """
    from dask.dataframe.dispatch import meta_nonempty

    pandas_meta = meta_nonempty(x.to_pandas())
    return _from_pandas(pandas_meta, device=_device_of(x))


def categorical_dtype_gpuframe(categories: Any = None, ordered: bool = False) -> Any:
    """gpuframe's categorical dtype (equal to pandas' one with the same categories).

    Examples
    --------
    >>> categorical_dtype_gpuframe(["a", "b"]) == pd.CategoricalDtype(["a", "b"])
    True
    """
    from gpuframe.dtypes import CategoricalDtype

    return CategoricalDtype(categories=categories, ordered=ordered)


def is_categorical_dtype_gpuframe(obj: Any) -> bool:
    """True for a categorical gpuframe Series/Index, or a (gpuframe or pandas) categorical dtype.

    Examples
    --------
    >>> import gpuframe
    >>> s = gpuframe.from_pandas(pd.Series(["a", "b"], dtype="category"))
    >>> is_categorical_dtype_gpuframe(s), is_categorical_dtype_gpuframe(s.astype("str"))
    (True, False)
    """
    from gpuframe.dtypes import CategoricalDtype

    dtype = getattr(obj, "dtype", obj)
    return isinstance(dtype, (pd.CategoricalDtype, CategoricalDtype))


def tolist_gpuframe(obj: Any) -> list[Any]:
    """The values of a gpuframe Series or Index as a Python list (on the host)."""
    return list(obj.to_pandas().tolist())


def union_categoricals_gpuframe(
    to_union: list[Any], sort_categories: bool = False, ignore_order: bool = False
) -> Any:
    """pandas' ``union_categoricals`` of gpuframe categorical Series/Index objects.

    The categories are host-side metadata, so the union is computed by pandas and the
    result comes back on the first input's device.
    """
    from dask.dataframe.dispatch import union_categoricals

    pandas_parts = [o.to_pandas() for o in to_union]
    out = union_categoricals(
        pandas_parts, sort_categories=sort_categories, ignore_order=ignore_order
    )
    device = _device_of(to_union[0])
    return _from_pandas(pd.Series(out), device=device)
