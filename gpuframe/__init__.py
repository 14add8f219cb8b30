"""gpuframe: a pandas-like DataFrame that lives on the GPU (CuPy) or the CPU (NumPy)."""

from __future__ import annotations

from . import dtypes
from ._interop import from_dlpack
from ._numeric import to_numeric
from .backend import (
    Device,
    NoGPUError,
    current_device,
    gpu_available,
    on_device,
    set_device,
    transfer_stats,
)
from .column import Column
from .dataframe import DataFrame, from_arrow, from_dict, from_pandas
from .index import Index, MultiIndex, RangeIndex
from .io import read_csv, read_feather, read_ipc, read_json, read_parquet
from .join import merge
from .reshape import concat, crosstab, cut, get_dummies, melt, pivot, pivot_table, qcut
from .series import Series

__version__ = "0.1.0"

__all__ = [
    # Data model
    "Column",
    "DataFrame",
    "Index",
    "MultiIndex",
    "RangeIndex",
    "Series",
    "dtypes",
    "from_arrow",
    "from_dict",
    "from_dlpack",
    "from_pandas",
    # Joins and reshaping
    "concat",
    "crosstab",
    "cut",
    "get_dummies",
    "melt",
    "merge",
    "pivot",
    "pivot_table",
    "qcut",
    "to_numeric",
    # I/O
    "read_csv",
    "read_feather",
    "read_ipc",
    "read_json",
    "read_parquet",
    # Devices
    "Device",
    "NoGPUError",
    "__version__",
    "current_device",
    "gpu_available",
    "on_device",
    "set_device",
    "transfer_stats",
]
