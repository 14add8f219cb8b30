"""``DataFrame.to_parquet``/``to_csv``/``to_json``/``to_ipc``/``to_feather`` as a mixin."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["FrameIOMixin"]


class FrameIOMixin:
    """Writers of :mod:`gpuframe.io` as DataFrame methods (each writes atomically)."""

    def to_parquet(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write a Parquet file; see :func:`gpuframe.io.to_parquet`."""
        from ._parquet import to_parquet

        to_parquet(self, path, **kwargs)

    def to_csv(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write a CSV file; see :func:`gpuframe.io.to_csv`."""
        from ._csv import to_csv

        to_csv(self, path, **kwargs)

    def to_json(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write JSON (lines by default); see :func:`gpuframe.io.to_json`."""
        from ._json import to_json

        to_json(self, path, **kwargs)

    def to_ipc(self, path: str | os.PathLike[str], **kwargs: Any) -> None:
        """Write an Arrow IPC (Feather v2) file; see :func:`gpuframe.io.to_ipc`."""
        from ._ipc import to_ipc

        to_ipc(self, path, **kwargs)

    to_feather = to_ipc
