"""interop.dask: gpuframe as a Dask DataFrame backend.

Importing this package (or letting Dask load the ``gpuframe`` backend entry point) registers
gpuframe's DataFrame, Series and indexes with Dask's dispatch tables (metadata, concat,
hashing and splitting for shuffles, Arrow round trip, sizeof, partd), so Dask's own
``map_partitions``, reductions, groupby, merge, shuffle and set_index run on gpuframe
partitions:

>>> import dask, dask.dataframe as dd
>>> with dask.config.set({"dataframe.backend": "gpuframe"}):
...     ddf = dd.from_dict({"k": [1, 2, 1, 2], "v": [1.0, 2.0, 3.0, 4.0]}, npartitions=2)
>>> ddf.groupby("k")["v"].sum().compute().to_pandas().to_dict()
{1: 4.0, 2: 6.0}

Worker processes (``distributed.LocalCluster``, ``dask_cuda.LocalCUDACluster``) import
this package when :func:`setup_workers` has been called on their client, or when started
with ``--preload interop.dask``.
"""

from __future__ import annotations

from ._backend import GpuframeBackendEntrypoint, register_backend
from ._collection import from_gpuframe, read_csv, read_json, read_parquet, to_gpuframe
from ._compat import partition_gaps
from ._dispatch import register
from ._frame import GpuframeDaskDataFrame
from ._parquet import GpuframeParquetEngine, to_parquet
from ._worker import setup_workers

register()
register_backend()

__all__ = [
    # Dask backend
    "GpuframeBackendEntrypoint",
    "GpuframeDaskDataFrame",
    "GpuframeParquetEngine",
    "partition_gaps",
    "register",
    "setup_workers",
    # Collections
    "from_gpuframe",
    "to_gpuframe",
    # Files
    "read_csv",
    "read_json",
    "read_parquet",
    "to_parquet",
]
