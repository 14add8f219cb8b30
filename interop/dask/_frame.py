"""The Dask collection class of gpuframe-backed DataFrames."""

from __future__ import annotations

from typing import Any

from dask.dataframe.dask_expr._collection import DataFrame as DaskDataFrame

__all__ = ["GpuframeDaskDataFrame"]


class GpuframeDaskDataFrame(DaskDataFrame):
    """A Dask DataFrame whose partitions are gpuframe DataFrames.

    Dask builds every collection with gpuframe metadata as this class (the
    ``get_collection_type`` dispatch), as ``dask_cudf`` does for cuDF. It is a
    :class:`dask.dataframe.DataFrame` in every respect; it only routes the methods whose
    generic versions assume pandas partitions (``to_parquet``) to gpuframe's.
    """

    def to_parquet(self, path: Any, **kwargs: Any) -> Any:
        """Write a Parquet dataset with :class:`~interop.dask.GpuframeParquetEngine`."""
        from ._parquet import to_parquet

        return to_parquet(self, path, **kwargs)
