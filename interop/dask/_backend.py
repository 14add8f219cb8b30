"""The ``gpuframe`` Dask DataFrame backend: what Dask calls for ``dataframe.backend``."""

from __future__ import annotations

from typing import Any

from dask.dataframe.backends import DataFrameBackendEntrypoint

from ._collection import from_gpuframe, read_csv, read_json, read_parquet
from ._dispatch import register, to_gpuframe_dispatch
from ._types import frame_types, index_types

__all__ = ["GpuframeBackendEntrypoint", "register_backend"]


class GpuframeBackendEntrypoint(DataFrameBackendEntrypoint):
    """Creates Dask DataFrames whose partitions are gpuframe DataFrames.

    Registered under the name ``gpuframe`` for the entry-point groups
    ``dask.dataframe.backends`` and ``dask_expr.dataframe.backends``, so that

    >>> import dask, dask.dataframe as dd
    >>> with dask.config.set({"dataframe.backend": "gpuframe"}):
    ...     ddf = dd.from_dict({"a": [1, 2, 3, 4]}, npartitions=2)
    >>> type(ddf._meta).__module__
    'gpuframe.dataframe'

    Creation functions that the backend does not define (``read_orc``, ``read_hdf``) fall
    back to Dask's pandas versions; move their result with ``.to_backend("gpuframe")``.
    """

    def __init__(self) -> None:
        register()

    @classmethod
    def to_backend_dispatch(cls) -> Any:
        return to_gpuframe_dispatch()

    @classmethod
    def to_backend(cls, data: Any, **kwargs: Any) -> Any:
        """Move the collection ``data`` (e.g. pandas partitions) to gpuframe partitions."""
        if isinstance(data._meta, frame_types() + index_types()) and not kwargs:
            return data
        return data.map_partitions(cls.to_backend_dispatch(), **kwargs)

    @staticmethod
    def from_dict(  # type: ignore[override]
        data: dict[Any, Any],
        npartitions: int,
        orient: str = "columns",
        dtype: Any = None,
        columns: Any = None,
        constructor: Any = None,
    ) -> Any:
        """``dd.from_dict`` with gpuframe partitions (the frame is built, then sliced).

        ``npartitions`` stays positional-or-keyword, as Dask passes it either way.
        """
        import pandas as pd

        import gpuframe

        if constructor not in (None, gpuframe.DataFrame):
            raise NotImplementedError(
                "from_dict: the gpuframe backend builds gpuframe.DataFrame partitions; "
                f"received constructor={constructor!r}"
            )
        if dtype is None and columns is None:
            frame = gpuframe.from_dict(data, orient=orient)
        else:
            frame = gpuframe.from_pandas(
                pd.DataFrame.from_dict(data, orient=orient, dtype=dtype, columns=columns)
            )
        return from_gpuframe(frame, npartitions=npartitions)

    read_parquet = staticmethod(read_parquet)
    read_csv = staticmethod(read_csv)
    read_json = staticmethod(read_json)


def register_backend() -> None:
    """Register the backend with both of Dask's creation dispatchers in this process.

    The entry points do this lazily where the package is installed; registering on import
    as well makes ``import interop.dask`` enough in a source checkout.
    """
    from dask.dataframe import backends as legacy
    from dask.dataframe.dask_expr import _backends as expr

    for dispatcher in (legacy.dataframe_creation_dispatch, expr.dataframe_creation_dispatch):
        if "gpuframe" not in dispatcher._lookup:
            dispatcher.register_backend("gpuframe", GpuframeBackendEntrypoint())
