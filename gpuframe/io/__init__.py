"""Reading and writing DataFrames: Parquet, CSV, JSON lines and Arrow IPC (Feather v2).

Readers parse on the host with pyarrow's multithreaded readers and move each column to the
device once. Writers are atomic: the file is written to a temp file in the same directory,
fsynced and renamed over the target, so a failed write never leaves a partial file under
the final name (an existing file there stays as it was).
"""

from __future__ import annotations

# CSV
from ._csv import read_csv, to_csv

# Arrow IPC / Feather
from ._ipc import read_feather, read_ipc, to_feather, to_ipc

# JSON
from ._json import read_json, to_json

# DataFrame methods
from ._methods import FrameIOMixin

# Parquet
from ._parquet import read_parquet, to_parquet

__all__ = [
    # CSV
    "read_csv",
    "to_csv",
    # Arrow IPC / Feather
    "read_feather",
    "read_ipc",
    "to_feather",
    "to_ipc",
    # JSON
    "read_json",
    "to_json",
    # DataFrame methods
    "FrameIOMixin",
    # Parquet
    "read_parquet",
    "to_parquet",
]
