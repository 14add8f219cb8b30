"""A :class:`RangeIndex`: ``start, stop, step`` with no device memory until it is needed."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..backend import (
    array_device,
    array_namespace,
    asarray,
    current_device,
    namespace_for,
    to_host,
)
from ..column import Column, as_column
from ._base import BaseIndex, Index

__all__ = ["RangeIndex"]


class RangeIndex(BaseIndex):
    """Labels ``range(start, stop, step)``, as pandas' RangeIndex.

    Examples
    --------
    >>> RangeIndex(3).to_pandas()
    RangeIndex(start=0, stop=3, step=1)
    """

    def __init__(
        self, start: int = 0, stop: int | None = None, step: int = 1, *, name: Any = None
    ) -> None:
        if stop is None:
            start, stop = 0, start
        for arg, v in (("start", start), ("stop", stop), ("step", step)):
            if not isinstance(v, (int, np.integer)):
                raise TypeError(f"RangeIndex: `{arg}` must be an int; received {v!r}")
        if step == 0:
            raise ValueError("RangeIndex: `step` must not be 0")
        self._range = range(int(start), int(stop), int(step))
        self.names = [name]
        self._device = current_device()

    @property
    def start(self) -> int:
        return self._range.start

    @property
    def stop(self) -> int:
        return self._range.stop

    @property
    def step(self) -> int:
        return self._range.step

    def __len__(self) -> int:
        return len(self._range)

    @property
    def device(self) -> Any:
        return self._device

    @cached_property
    def _column(self) -> Column:
        xp = namespace_for(self._device)
        r = self._range
        return as_column(xp.arange(r.start, r.stop, r.step, dtype=xp.int64))

    @property
    def column(self) -> Column:
        return self._column

    def _columns(self) -> list[Column]:
        return [self._column]

    @property
    def dtype(self) -> Any:
        return np.dtype("int64")

    def take(self, indices: Any) -> BaseIndex:
        idx = indices.data if isinstance(indices, Column) else indices
        if isinstance(idx, (list, tuple, range)):
            idx = np.asarray(idx, dtype=np.int64)
        r = self._range
        # positions that already live on a device keep the new labels there
        idx = asarray(idx, device=array_device(idx) if hasattr(idx, "shape") else self._device)
        xp = array_namespace(idx)
        if idx.shape[0] == 0:
            return RangeIndex(0, 0, 1, name=self.name)
        vals = idx.astype(xp.int64)
        if r.step != 1 or r.start != 0:
            vals = vals * r.step + r.start
        return Index(as_column(vals), name=self.name)

    def slice(self, start: int | None, stop: int | None, step: int = 1) -> RangeIndex:
        sub = self._range[slice(start, stop, step)]
        return RangeIndex(sub.start, sub.stop, sub.step, name=self.name)

    def rename(self, name: Any) -> RangeIndex:
        return RangeIndex(self.start, self.stop, self.step, name=name)

    def to_pandas(self) -> pd.Index:
        return pd.RangeIndex(self.start, self.stop, self.step, name=self.name)

    def equals(self, other: Any) -> bool:
        if isinstance(other, RangeIndex):
            return len(self) == len(other) and (len(self) == 0 or self._range == other._range)
        return super().equals(other)

    def get_loc(self, label: Any) -> int:
        try:
            return self._range.index(label)
        except (ValueError, TypeError):
            raise KeyError(label) from None

    def get_indexer(self, labels: Any) -> np.ndarray:
        labels = np.asarray(to_host(labels) if not isinstance(labels, list) else labels)
        if labels.dtype.kind not in "iu":
            return self.to_pandas().get_indexer(labels)
        r = self._range
        off = labels.astype(np.int64) - r.start
        pos = off // r.step
        ok = (off % r.step == 0) & (pos >= 0) & (pos < len(r))
        return np.where(ok, pos, -1)

    @property
    def is_unique(self) -> bool:
        return True

    @property
    def memory_usage_bytes(self) -> int:
        return 0 if "_column" not in self.__dict__ else self._column.nbytes
