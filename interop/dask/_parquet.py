"""Writing gpuframe partitions to Parquet with Dask's own dataset writer."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from dask.dataframe.io.parquet.arrow import ArrowDatasetEngine

__all__ = ["GpuframeParquetEngine", "to_parquet"]


class GpuframeParquetEngine(ArrowDatasetEngine):
    """Dask's pyarrow dataset engine, with partitions turned into Arrow by gpuframe.

    Dask's engine calls ``pyarrow.Table.from_pandas`` on every partition; this engine asks the
    partition for its Arrow table instead (one device -> host copy on the GPU) and gives it
    the dataset's schema, keeping the pandas metadata that lets pandas, Dask and gpuframe
    restore the index. Everything else (file names, ``partition_on``, ``append``, the
    ``_metadata`` file) is Dask's.
    """

    @classmethod
    def _pandas_to_arrow_table(
        cls, df: Any, preserve_index: bool | None = False, schema: pa.Schema | None = None
    ) -> pa.Table:
        table = df.to_arrow(preserve_index=preserve_index)
        if schema is None:
            return table
        try:
            cast = table.select(schema.names).cast(schema)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise ValueError(
                "to_parquet: a partition does not match the dataset schema.\n"
                f"Expected:\n{schema.to_string(show_schema_metadata=False)}\n"
                f"Received:\n{table.schema.to_string(show_schema_metadata=False)}\n({e})"
            ) from e
        return cast.replace_schema_metadata(table.schema.metadata)


def to_parquet(collection: Any, path: Any, **kwargs: Any) -> Any:
    """Write a Dask DataFrame of gpuframe partitions as a Parquet dataset (one file each).

    Keyword arguments are those of :meth:`dask.dataframe.DataFrame.to_parquet`; ``engine``
    defaults to :class:`GpuframeParquetEngine`. Collections made by the gpuframe backend
    use this for their ``.to_parquet`` method.

    Examples
    --------
    >>> import os, tempfile, gpuframe, pandas as pd
    >>> from interop.dask import from_gpuframe
    >>> d = tempfile.mkdtemp()
    >>> to_parquet(from_gpuframe(gpuframe.DataFrame({"a": [1, 2, 3]}), npartitions=2), d)
    >>> sorted(os.listdir(d)), pd.read_parquet(d)["a"].tolist()
    (['part.0.parquet', 'part.1.parquet'], [1, 2, 3])
    """
    from dask.dataframe.dask_expr.io.parquet import to_parquet as dask_to_parquet

    if kwargs.get("engine") in (None, "pyarrow", "auto"):
        kwargs["engine"] = GpuframeParquetEngine
    return dask_to_parquet(collection, path, **kwargs)
