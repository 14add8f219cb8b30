"""Hash join kernel for CuPy arrays: same name and contract as ``_numpy_join``.

Keys of both sides get codes of one shared factorization (direct offsets for integer keys
with a small range, ``cupy.unique`` otherwise; NaN matches NaN), the right side is laid out
by code (bincount + stable argsort) and every left row's matches are expanded with a scan
and a ``searchsorted``. Only imported when CuPy arrays reach ``get_kernels``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cupy as cp

__all__ = ["gather", "is_identity", "join_indices"]

_HOWS = ("inner", "left", "right", "outer")
_DIRECT_SLOTS = 1 << 24


def _common(a: Any, b: Any) -> tuple[Any, Any]:
    if a.dtype == b.dtype:
        return a, b
    if a.dtype.kind in "iub" and b.dtype.kind in "iub":
        return a.astype(cp.int64), b.astype(cp.int64)
    return a.astype(cp.float64), b.astype(cp.float64)


def _pair_codes(a: Any, b: Any) -> tuple[Any, Any, int]:
    """Sorted dense codes of one key over both sides; NaN is one value (last)."""
    a, b = _common(a, b)
    if a.dtype.kind == "b":
        a, b = a.astype(cp.int64), b.astype(cp.int64)
    both = cp.concatenate([a, b])
    n = int(both.size)
    if n == 0:
        return a.astype(cp.int64), b.astype(cp.int64), 0
    if both.dtype.kind in "iu":
        lo, hi = int(both.min()), int(both.max())
        if hi - lo + 1 <= max(_DIRECT_SLOTS, 4 * n) and lo >= -(2**62) and hi <= 2**62:
            lo_ = cp.asarray(lo, dtype=cp.int64)
            return a.astype(cp.int64) - lo_, b.astype(cp.int64) - lo_, hi - lo + 1
        uniq, inv = cp.unique(both, return_inverse=True)
        inv = inv.ravel().astype(cp.int64)
        return inv[: a.size], inv[a.size :], int(uniq.size)
    if both.dtype.kind in "mM":
        both = both.view(cp.int64)
        isnan = both == cp.iinfo(cp.int64).min
    else:
        isnan = cp.isnan(both)
    uniq, inv = cp.unique(cp.where(isnan, 0, both), return_inverse=True)
    inv = inv.ravel().astype(cp.int64)
    nk = int(uniq.size)
    if bool(isnan.any()):
        inv = cp.where(isnan, nk, inv)
        nk += 1
        # value 0 may now be unused if it only stood in for NaN: harmless (empty code)
    return inv[: a.size], inv[a.size :], nk


def _joint_codes(lkeys: list[Any], rkeys: list[Any]) -> tuple[Any, Any, int]:
    lc, rc, nk = _pair_codes(lkeys[0], rkeys[0])
    for lk, rk in zip(lkeys[1:], rkeys[1:]):
        l2, r2, n2 = _pair_codes(lk, rk)
        lc, rc, nk = lc * n2 + l2, rc * n2 + r2, nk * n2
        if nk > max(_DIRECT_SLOTS, 4 * (lc.size + rc.size)):
            lc, rc, nk = _pair_codes(lc, rc)
    return lc, rc, nk


def _left_join(lc: Any, rc: Any, nk: int, keep: bool) -> tuple[Any, Any]:
    counts = cp.bincount(rc, minlength=nk)[:nk] if rc.size else cp.zeros(nk, dtype=cp.int64)
    order = cp.argsort(rc, kind="stable")
    offsets = cp.cumsum(counts) - counts
    inrange = (lc >= 0) & (lc < nk)
    safe = cp.where(inrange, lc, 0)
    c = cp.where(inrange, counts[safe] if nk else 0, 0).astype(cp.int64)
    out_c = cp.maximum(c, 1) if keep else c
    ends = cp.cumsum(out_c)
    total = int(ends[-1]) if ends.size else 0
    if total == 0:
        e = cp.zeros(0, dtype=cp.int64)
        return e, e.copy()
    j = cp.arange(total, dtype=cp.int64)
    li = cp.searchsorted(ends, j, side="right").astype(cp.int64)
    within = j - (ends - out_c)[li]
    matched = c[li] > 0
    src = cp.where(matched, offsets[safe[li]] + within, 0) if nk else cp.zeros_like(j)
    ri = cp.where(matched, order[src] if order.size else 0, -1)
    return li, ri


def join_indices(
    left_keys: Any | Sequence[Any],
    right_keys: Any | Sequence[Any],
    how: str = "inner",
    *,
    sort: bool = False,
) -> tuple[Any, Any]:
    """Row pairs ``(left_idx, right_idx)`` of an equi-join; same contract as NumPy's."""
    if how not in _HOWS:
        raise ValueError(
            f"Invalid value for argument `how`. Expected one of {list(_HOWS)}. Received: how={how!r}"
        )
    lkeys = list(left_keys) if isinstance(left_keys, (list, tuple)) else [left_keys]
    rkeys = list(right_keys) if isinstance(right_keys, (list, tuple)) else [right_keys]
    if len(lkeys) != len(rkeys) or not lkeys:
        raise ValueError(
            f"join_indices: need the same positive number of left and right keys; "
            f"received {len(lkeys)} and {len(rkeys)}"
        )
    if how == "right":
        ri, li = join_indices(rkeys, lkeys, "left", sort=sort)
        return li, ri
    lc, rc, nk = _joint_codes(lkeys, rkeys)
    li, ri = _left_join(lc, rc, nk, how in ("left", "outer"))
    if how == "outer":
        matched = cp.zeros(rc.size, dtype=cp.bool_)
        matched[ri[ri >= 0]] = True
        extra = cp.nonzero(~matched)[0].astype(cp.int64)
        li = cp.concatenate([li, cp.full(extra.size, -1, dtype=cp.int64)])
        ri = cp.concatenate([ri, extra])
    if sort and li.size:
        pad = cp.zeros(1, dtype=cp.int64)
        lcx, rcx = cp.concatenate([lc, pad]), cp.concatenate([rc, pad])
        key = cp.where(li >= 0, lcx[cp.maximum(li, 0)], rcx[cp.maximum(ri, 0)])
        order = cp.argsort(key, kind="stable")
        li, ri = li[order], ri[order]
    return li, ri


def gather(values: Any, indices: Any, fill: object = None) -> Any:
    """``values[indices]``; ``-1`` picks ``fill`` (NaN for floats, else 0)."""
    idx = indices.astype(cp.int64, copy=False)
    if fill is None:
        fill = cp.nan if values.dtype.kind == "f" else 0
    if values.size == 0:
        return cp.full(idx.size, fill, dtype=values.dtype)
    out = values[cp.maximum(idx, 0)]
    return cp.where(idx >= 0, out, cp.asarray(fill, dtype=values.dtype))


def is_identity(indices: Any, n: int) -> bool:
    """True when ``indices`` is ``0, 1, ..., n - 1``."""
    return int(indices.size) == n and bool(cp.all(indices == cp.arange(n, dtype=indices.dtype)))
