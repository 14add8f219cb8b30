"""Hash join kernel for NumPy arrays (Numba).

Both sides' keys are mapped to dense codes of one shared factorization (integer keys with a
small value range index a table directly; other keys are hashed), the right side is laid out
by code (counting sort, or a plain slot table when its keys are unique), and the left rows
probe it in parallel (count pass, then fill pass). Inputs are already validated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numba import get_num_threads, njit, prange

__all__ = ["gather", "index_dtype", "is_identity", "join_indices"]

_HOWS = ("inner", "left", "right", "outer")
_DIRECT_SLOTS = 1 << 22
_PAR_MIN_ROWS = 1 << 16


# --------------------------------------------------------------------------- build side
@njit(cache=True, nogil=True)
def _build(rc, lo, nk, order):  # pragma: no cover - compiled
    """CSR layout of right rows by code ``rc - lo`` (``order`` is filled with the right rows
    grouped by code): (counts, offsets, max_count)."""
    counts = np.zeros(nk, dtype=np.int64)
    for i in range(rc.shape[0]):
        k = np.int64(rc[i]) - lo
        counts[k] += 1
    offsets = np.empty(nk + 1, dtype=np.int64)
    offsets[0] = 0
    mx = 0
    for k in range(nk):
        offsets[k + 1] = offsets[k] + counts[k]
        if counts[k] > mx:
            mx = counts[k]
    pos = offsets[:-1].copy()
    for i in range(rc.shape[0]):
        k = np.int64(rc[i]) - lo
        order[pos[k]] = i
        pos[k] += 1
    return counts, offsets, mx


@njit(cache=True, nogil=True)
def _build_unique(rc, lo, slot):  # pragma: no cover - compiled
    """Fill ``slot`` (all -1) with ``row of code``; False (stop) if a code repeats."""
    for i in range(rc.shape[0]):
        k = np.int64(rc[i]) - lo
        if slot[k] >= 0:
            return False
        slot[k] = i
    return True


# --------------------------------------------------------------------------- probe side
@njit(cache=True, nogil=True, parallel=True)
def _probe_count(lc, lo, nk, counts, keep, nch):  # pragma: no cover - compiled
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    tot = np.zeros(nch, dtype=np.int64)
    for t in prange(nch):
        s = 0
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            c = counts[k] if 0 <= k < nk else 0
            if c == 0 and keep:
                c = 1
            s += c
        tot[t] = s
    return tot


@njit(cache=True, nogil=True, parallel=True)
def _probe_fill(lc, lo, nk, counts, offsets, order, keep, starts, li, ri):  # pragma: no cover
    nch = starts.shape[0]
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        p = starts[t]
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            c = counts[k] if 0 <= k < nk else 0
            if c == 0:
                if keep:
                    li[p] = i
                    ri[p] = -1
                    p += 1
                continue
            o = offsets[k]
            for j in range(c):
                li[p] = i
                ri[p] = order[o + j]
                p += 1


@njit(cache=True, nogil=True, parallel=True)
def _probe_unique_count(lc, lo, nk, slot, nch):  # pragma: no cover - compiled
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    tot = np.zeros(nch, dtype=np.int64)
    for t in prange(nch):
        s = 0
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            if 0 <= k < nk and slot[k] >= 0:
                s += 1
        tot[t] = s
    return tot


@njit(cache=True, nogil=True, parallel=True)
def _probe_unique_fill(lc, lo, nk, slot, starts, li, ri):  # pragma: no cover - compiled
    nch = starts.shape[0]
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        p = starts[t]
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            if 0 <= k < nk:
                r = slot[k]
                if r >= 0:
                    li[p] = i
                    ri[p] = r
                    p += 1


@njit(cache=True, nogil=True, parallel=True)
def _probe_unique_one_pass(lc, lo, nk, slot, li, ri, found, nch):  # pragma: no cover
    """Inner probe of unique right keys in one pass: each chunk writes its matches densely
    from its own start; ``found[t]`` counts them (the caller closes the gaps)."""
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        p = t * step
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            if 0 <= k < nk:
                r = slot[k]
                if r >= 0:
                    li[p] = i
                    ri[p] = r
                    p += 1
        found[t] = p - t * step


@njit(cache=True, nogil=True, parallel=True)
def _probe_unique_left(lc, lo, nk, slot, ri, nch):  # pragma: no cover - compiled
    n = lc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            k = np.int64(lc[i]) - lo
            ri[i] = slot[k] if 0 <= k < nk else -1


def _nch(n: int) -> int:
    return 1 if n < _PAR_MIN_ROWS else max(1, get_num_threads())


def _starts(tot: np.ndarray) -> tuple[np.ndarray, int]:
    starts = np.zeros(tot.shape[0], dtype=np.int64)
    np.cumsum(tot[:-1], out=starts[1:])
    return starts, int(tot.sum())


def index_dtype(*sizes: int) -> np.dtype:
    """Row-index dtype for frames of these lengths: int32 while every row number (and -1)
    fits, else int64. Half the memory of int64 indices for the usual sizes.

    Examples
    --------
    >>> index_dtype(10, 2**31 - 1), index_dtype(2**31)
    (dtype('int32'), dtype('int64'))
    """
    return np.dtype(np.int32 if max(sizes, default=0) < 2**31 else np.int64)


def _left_join(lc: np.ndarray, rc: np.ndarray, lo: int, nk: int, keep: bool):
    """Pairs for an inner (``keep=False``) or left join of code arrays, in left order."""
    nch = _nch(lc.shape[0])
    idt = index_dtype(lc.shape[0], rc.shape[0])
    unique = False
    if 0 < nk <= max(_DIRECT_SLOTS, 8 * (rc.shape[0] + 1)):
        slot = np.full(nk, -1, dtype=idt)
        unique = bool(_build_unique(rc, lo, slot))
        if not unique:
            del slot
    if unique:
        if keep:
            ri = np.empty(lc.shape[0], dtype=idt)
            _probe_unique_left(lc, lo, nk, slot, ri, nch)
            return np.arange(lc.shape[0], dtype=idt), ri
        n = lc.shape[0]
        li = np.empty(n, dtype=idt)
        ri = np.empty(n, dtype=idt)
        found = np.zeros(nch, dtype=np.int64)
        _probe_unique_one_pass(lc, lo, nk, slot, li, ri, found, nch)
        step = (n + nch - 1) // nch
        total = int(found[0])
        for t in range(1, nch):  # close the gaps between the chunks' results
            a, m = t * step, int(found[t])
            li[total : total + m] = li[a : a + m]
            ri[total : total + m] = ri[a : a + m]
            total += m
        del slot
        if total < n // 2:  # do not keep a mostly unused buffer alive behind a view
            return li[:total].copy(), ri[:total].copy()
        return li[:total], ri[:total]
    order = np.empty(rc.shape[0], dtype=idt)
    counts, offsets, _ = _build(rc, lo, nk, order)
    starts, total = _starts(_probe_count(lc, lo, nk, counts, keep, nch))
    li = np.empty(total, dtype=idt)
    ri = np.empty(total, dtype=idt)
    _probe_fill(lc, lo, nk, counts, offsets, order, keep, starts, li, ri)
    return li, ri


# --------------------------------------------------------------------------- key codes
def _as_list(keys: np.ndarray | Sequence[np.ndarray]) -> list[np.ndarray]:
    if isinstance(keys, np.ndarray):
        return [keys]
    return [np.asarray(k) for k in keys]


def _int_range(a: np.ndarray, b: np.ndarray) -> tuple[int, int] | None:
    """(lo, span) of the right keys when both sides are integers and a table fits."""
    if a.dtype.kind not in "iub" or b.dtype.kind not in "iub" or b.shape[0] == 0:
        return None
    lo, hi = int(b.min()), int(b.max())
    span = hi - lo + 1
    if a.dtype == np.uint64 and lo < 0:  # wrapped huge values could alias negative keys
        return None
    if span > max(_DIRECT_SLOTS, 4 * (a.shape[0] + b.shape[0])) or lo < -(2**62) or hi > 2**62:
        return None
    return lo, span


def _common(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bring two key arrays to one dtype without losing values (mixed-width ints)."""
    if a.dtype == b.dtype:
        return a, b
    if a.dtype.kind in "iub" and b.dtype.kind in "iub":
        ok = all(
            x.shape[0] == 0 or (int(x.min()) >= -(2**63) and int(x.max()) < 2**63) for x in (a, b)
        )
        if ok:
            return a.astype(np.int64), b.astype(np.int64)
        return a.astype(object), b.astype(object)
    if a.dtype.kind in "iubf" and b.dtype.kind in "iubf":
        return a.astype(np.float64), b.astype(np.float64)
    return a.astype(object), b.astype(object)


def _pair_codes(a: np.ndarray, b: np.ndarray, sort: bool) -> tuple[np.ndarray, np.ndarray, int]:
    """Dense codes of one key over both sides; NaN/None match each other (as pandas)."""
    a, b = _common(a, b)
    if a.dtype.kind in "iub" and (a.shape[0] + b.shape[0]):
        both = np.concatenate([a, b]) if a.shape[0] and b.shape[0] else (a if a.shape[0] else b)
        lo, hi = int(both.min()), int(both.max())
        span = hi - lo + 1
        if span <= max(_DIRECT_SLOTS, 4 * both.shape[0]) and lo >= -(2**62) and hi <= 2**62:
            return a.astype(np.int64) - lo, b.astype(np.int64) - lo, span
    codes, uniq = pd.factorize(np.concatenate([a, b]), sort=sort, use_na_sentinel=False)
    codes = codes.astype(np.int64, copy=False)
    return codes[: a.shape[0]], codes[a.shape[0] :], len(uniq)


def _joint_codes(lkeys: list[np.ndarray], rkeys: list[np.ndarray], sort: bool):
    lc, rc, nk = _pair_codes(lkeys[0], rkeys[0], sort)
    for lk, rk in zip(lkeys[1:], rkeys[1:]):
        l2, r2, n2 = _pair_codes(lk, rk, sort)
        lc, rc = lc * n2 + l2, rc * n2 + r2
        nk *= n2
        if nk > max(_DIRECT_SLOTS, 4 * (lc.shape[0] + rc.shape[0])) or nk >= 2**62:
            lc, rc, nk = _pair_codes(lc, rc, sort)
    return lc, rc, nk


# --------------------------------------------------------------------------- entry
def join_indices(
    left_keys: np.ndarray | Sequence[np.ndarray],
    right_keys: np.ndarray | Sequence[np.ndarray],
    how: str = "inner",
    *,
    sort: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs ``(left_idx, right_idx)`` of an equi-join on one or several keys (int32 while
    the row numbers fit, see :func:`index_dtype`, else int64).

    Many-to-many; null keys (NaN, None) match each other as in pandas. ``-1`` marks the
    missing side of an unmatched row (left/right/outer joins). Order as pandas' ``merge``
    with ``sort=False``: inner and left follow the left rows (matches in right order), right
    follows the right rows, outer is the left join followed by the unmatched right rows.
    ``sort=True`` orders the pairs by key (stable).

    Examples
    --------
    >>> li, ri = join_indices(np.array([1, 2, 2, 4]), np.array([2, 1, 2]), "inner")
    >>> li.tolist(), ri.tolist()
    ([0, 1, 1, 2, 2], [1, 0, 2, 0, 2])
    >>> li, ri = join_indices(np.array([1, 5]), np.array([5, 7]), "outer")
    >>> li.tolist(), ri.tolist()
    ([0, 1, -1], [-1, 0, 1])
    """
    if how not in _HOWS:
        raise ValueError(
            f"Invalid value for argument `how`. Expected one of {list(_HOWS)}. Received: how={how!r}"
        )
    lkeys, rkeys = _as_list(left_keys), _as_list(right_keys)
    if len(lkeys) != len(rkeys) or not lkeys:
        raise ValueError(
            f"join_indices: need the same positive number of left and right keys; "
            f"received {len(lkeys)} and {len(rkeys)}"
        )
    if how == "right":
        ri, li = join_indices(rkeys, lkeys, "left", sort=sort)
        return li, ri
    nr = rkeys[0].shape[0]
    keep = how in ("left", "outer")
    direct = _int_range(lkeys[0], rkeys[0]) if len(lkeys) == 1 else None
    if direct is not None:
        lo, span = direct
        lc = np.ascontiguousarray(lkeys[0])
        rc = np.ascontiguousarray(rkeys[0])
        if lc.dtype.kind == "b":
            lc, rc = lc.view(np.uint8), rc.view(np.uint8)
        li, ri = _left_join(lc, rc, lo, span, keep)
        sort_l = sort_r = None
        if sort or how == "outer":
            sort_l, sort_r = lc.astype(np.int64), rc.astype(np.int64)
    else:
        lc, rc, nk = _joint_codes(lkeys, rkeys, sort)
        li, ri = _left_join(lc, rc, 0, nk, keep)
        sort_l, sort_r = lc, rc
    if how == "outer":
        matched = np.zeros(nr, dtype=np.bool_)
        matched[ri[ri >= 0]] = True
        extra = np.flatnonzero(~matched)
        li = np.concatenate([li, np.full(extra.shape[0], -1, dtype=li.dtype)])
        ri = np.concatenate([ri, extra.astype(ri.dtype)])
    if sort and li.shape[0]:
        pad = np.zeros(1, dtype=np.int64)
        lx, rx = np.concatenate([sort_l, pad]), np.concatenate([sort_r, pad])
        key = np.where(li >= 0, lx[np.maximum(li, 0)], rx[np.maximum(ri, 0)])
        order = np.argsort(key, kind="stable")
        li, ri = li[order], ri[order]
    return li, ri


# --------------------------------------------------------------------------- gather
@njit(cache=True, nogil=True, parallel=True)
def _gather(values, idx, fill, out, nch):  # pragma: no cover - compiled
    n = idx.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            j = idx[i]
            out[i] = values[j] if j >= 0 else fill


def gather(values: np.ndarray, indices: np.ndarray, fill: object = None) -> np.ndarray:
    """``values[indices]`` in parallel; ``-1`` picks ``fill`` (NaN for floats, else 0).

    Examples
    --------
    >>> gather(np.array([1.5, 2.5]), np.array([1, -1, 0])).tolist()
    [2.5, nan, 1.5]
    """
    values = np.asarray(values)
    idx = np.ascontiguousarray(indices)
    if idx.dtype not in (np.int32, np.int64):
        idx = idx.astype(np.int64)
    if values.dtype.kind not in "biuf" or values.ndim != 1:
        out = (
            values[np.maximum(idx, 0)] if values.shape[0] else np.empty(idx.shape[0], values.dtype)
        )
        if (idx < 0).any():
            out[idx < 0] = fill if fill is not None else np.zeros(1, values.dtype)[0]
        return out
    if fill is None:
        fill = np.nan if values.dtype.kind == "f" else 0
    out = np.empty(idx.shape[0], dtype=values.dtype)
    work = values.view(np.uint8) if values.dtype.kind == "b" else values
    dst = out.view(np.uint8) if values.dtype.kind == "b" else out
    _gather(work, idx, work.dtype.type(fill), dst, _nch(idx.shape[0]))  # type: ignore[arg-type]
    return out


@njit(cache=True, nogil=True)
def _is_identity(idx):  # pragma: no cover - compiled
    for i in range(idx.shape[0]):
        if idx[i] != i:
            return False
    return True


def is_identity(indices: np.ndarray, n: int) -> bool:
    """True when ``indices`` is ``0, 1, ..., n - 1`` (a gather would copy the input as is).

    Examples
    --------
    >>> is_identity(np.arange(3), 3), is_identity(np.array([0, 2, 1]), 3)
    (True, False)
    """
    idx = np.asarray(indices)
    return idx.shape[0] == n and bool(_is_identity(idx))
