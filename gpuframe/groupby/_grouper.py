"""The :class:`Grouper`: which group each row belongs to, computed once per ``groupby``.

Each key column becomes dense codes without a copy where it can (string and category
columns already hold dictionary codes; small-range integers index by ``value - min``); the
codes of several keys are combined by the ``combine_codes`` kernel. When the key space is
small the combined codes stay undensified *slots* and the occupied slots are picked
afterwards (``sel``), which saves a pass over the rows.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np

from ..backend import get_kernels, is_numpy, to_host
from ..column import Column

__all__ = ["Grouper"]

_DIRECT_SPAN = 1 << 22


def _key_codes(col: Column, k: Any, xp: Any, n: int) -> tuple[Any, int, int]:
    """(codes or raw ints, cardinality, offset) of one key column; nulls are negative."""
    if col.is_encoded:
        return col.data, len(col.categories), 0
    data = col.data
    kind = col.dtype.kind
    if kind == "b" and col.mask is None:
        return data.view(np.uint8) if is_numpy(xp) else data.astype(xp.int8), 2, 0
    if kind in "iu" and col.mask is None and n:
        lo, hi = int(xp.min(data)), int(xp.max(data))
        if hi - lo + 1 <= max(_DIRECT_SPAN, 2 * n) and -(2**62) < lo and hi < 2**62:
            return data, hi - lo + 1, lo
    values = data.view(np.int64) if kind in "mM" and not is_numpy(xp) else data
    codes, (uniq,) = k.factorize(values, sort=True, dropna=True)
    if col.mask is not None:
        codes = xp.where(col.mask, codes, -1)
    return codes, int(uniq.shape[0]), 0


class Grouper:
    """Group membership of the rows for a list of equally long key columns.

    Attributes
    ----------
    codes : device int array
        The slot of each row, negative for rows in no group (null key with ``dropna``).
    nslots : int
        Number of slots; kernels aggregate over ``(codes, nslots)``.
    sel : device int array or None
        Output group -> slot (None: the slots are the groups, ``ngroups == nslots``).
    ngroups : int
    first : device int array
        The first row of each output group.
    """

    def __init__(self, keys: list[Column], names: list[Any], *, sort: bool, dropna: bool) -> None:
        if not keys:
            raise ValueError("groupby: no keys to group by")
        self.keys, self.names, self.sort, self.dropna = keys, names, sort, dropna
        xp = keys[0].xp
        self.xp, self.k = xp, get_kernels(xp)
        n = len(keys[0])
        self.nrows = n
        one = keys[0]
        small = None
        if len(keys) == 1 and not one.is_encoded and one.dtype.kind in "iu" and one.mask is None:
            lo, hi = (int(xp.min(one.data)), int(xp.max(one.data))) if n else (0, -1)
            small = 0 <= lo and hi < max(_DIRECT_SPAN, 2 * n)
        if len(keys) == 1 and one.is_encoded and (dropna or not one.has_nulls):
            codes, nslots, first = one.data, len(one.categories), None
        elif small:  # non-negative small ints are their own slots: no pass over the rows
            codes, nslots, first = one.data, hi + 1, None
        else:
            parts = [_key_codes(c, self.k, xp, n) for c in keys]
            codes, nslots, first = self.k.combine_codes(
                [p[0] for p in parts],
                [p[1] for p in parts],
                offsets=[p[2] for p in parts],
                sort=sort,
                dropna=dropna,
                compact=False,
            )
        self.codes, self.nslots = codes, int(nslots)
        if first is None:  # undensified slots: keep the occupied ones
            f = self.k.group_nth_index(codes, self.nslots, 0)
            occupied = xp.nonzero(f >= 0)[0]
            if not sort:
                occupied = occupied[xp.argsort(f[occupied])]  # first rows are distinct
            self.sel = occupied if int(occupied.shape[0]) != self.nslots or not sort else None
            self.first = f[occupied]
        else:
            self.sel, self.first = None, first
        self.ngroups = int(self.first.shape[0])

    # ------------------------------------------------------------------ mapping
    def out(self, per_slot: Any) -> Any:
        """Per-slot kernel results -> per output group."""
        return per_slot if self.sel is None else per_slot[self.sel]

    @cached_property
    def slot_to_group(self) -> Any:
        """Slot -> output group (-1 for an empty slot)."""
        xp = self.xp
        if self.sel is None:
            return xp.arange(self.nslots, dtype=xp.int64)
        m = xp.full(self.nslots, -1, dtype=xp.int64)
        m[self.sel] = xp.arange(self.ngroups, dtype=xp.int64)
        return m

    @cached_property
    def group_of_row(self) -> Any:
        """The output group of each row (-1 for none)."""
        xp = self.xp
        c = xp.astype(self.codes, xp.int64) if not is_numpy(xp) else self.codes.astype(np.int64)
        valid = c >= 0
        return xp.where(valid, self.slot_to_group[xp.where(valid, c, 0)], -1)

    @cached_property
    def order_offsets(self) -> tuple[Any, Any]:
        """Rows grouped by output group (original order inside) and ``ngroups + 1`` offsets."""
        return self.k.group_order(self.group_of_row, self.ngroups)

    @cached_property
    def sizes(self) -> Any:
        """Rows per output group."""
        if "order_offsets" in self.__dict__:
            _order, offsets = self.order_offsets
            return offsets[1:] - offsets[:-1]
        ((cnt, _),) = self.k.group_aggregate(self.codes, self.nslots, [(self.codes, "count")])
        return self.out(cnt)

    def key_columns(self) -> list[Column]:
        """The key values of each output group (one column per key)."""
        return [c.take(self.first) for c in self.keys]

    def group_rows(self, g: int) -> Any:
        order, offsets = self.order_offsets
        lo, hi = (int(v) for v in to_host(offsets[g : g + 2]))
        return order[lo:hi]
