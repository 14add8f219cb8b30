"""Stable LSD radix argsort on the CPU (Numba), for one or several sort keys.

Every key becomes an order-preserving unsigned integer: signed ints flip their sign bit,
floats flip every bit when negative and the sign bit otherwise (``-0.0`` is made ``+0.0``
first, so the two stay a tie), times are int64 ticks. Missing values (NaN, NaT, a null
mask, a negative dictionary code) go first or last whatever the direction, as in pandas.
A descending key is ``max - key``, which keeps ties in their original order (a stable
descending sort, as pandas' own).

The keys are then made dense (``key - min`` or ``max - key``) and packed, least significant
first, into as few unsigned words as fit (``a * (range_b + 1) + b``): a small key such as a
dictionary code or an int column of 1..100 costs a few bits of a shared word. Each word is
sorted by least-significant-digit radix passes of at most ``_DIGIT_BITS`` bits, carrying the
word and the row numbers; one pre-pass counts every digit, and a digit with one non-empty
bucket is skipped. A word more significant than the first is gathered in the order found so
far, and its passes go on from that order (stable passes keep it among ties).

Large inputs (from ``_PAR_MIN_ROWS`` rows) run each pass on row chunks in parallel: per-chunk
histograms, then each chunk scatters its rows from its own offsets, which keeps every pass
stable; each scatter also counts the next pass's digits of the rows it writes, by the chunk
they land in, so a pass reads the keys once. Smaller inputs run the same kernels serially.
A single key whose ``n`` values fill their range exactly (a shuffled RangeIndex) is ordered
by one scatter of each row to its rank.
"""

from __future__ import annotations

import types
from typing import Any

import numpy as np
from numba import get_num_threads, njit, prange

__all__ = ["KEY_CODE", "KEY_FLOAT", "KEY_INT", "KEY_TIME", "KEY_UINT", "radix_argsort"]

KEY_INT = 0  # signed integers; a null mask marks missing values
KEY_UINT = 1  # unsigned integers and bool (as uint8); a null mask marks missing values
KEY_FLOAT = 2  # float64 bits as uint64; NaN is missing
KEY_TIME = 3  # int64 ticks; NaT (int64 min) is missing
KEY_CODE = 4  # dictionary codes; negative codes are missing

_PAR_MIN_ROWS = 1 << 17
_DIGIT_BITS = 11
_U64_MAX = (1 << 64) - 1


def _nchunks(n: int) -> int:
    t = get_num_threads()
    return t if (t > 1 and n >= _PAR_MIN_ROWS) else 1


def _kernel(fn: Any) -> Any:
    """A row-chunk kernel compiled twice: parallel (``prange`` over ``nch`` chunks, used
    when the last argument ``nch`` > 1) and serial (small inputs skip the thread pool, whose
    start and join cost more than their work)."""
    par = njit(cache=True, nogil=True, parallel=True)(fn)
    copy = types.FunctionType(fn.__code__, fn.__globals__, fn.__name__ + "_serial")
    copy.__qualname__ = fn.__qualname__ + "_serial"  # its own cache file
    copy.__doc__ = fn.__doc__
    ser = njit(cache=True, nogil=True)(copy)

    def call(*args: Any) -> Any:
        return (par if args[-1] > 1 else ser)(*args)

    call.__doc__ = fn.__doc__
    call.parallel, call.serial = par, ser  # type: ignore[attr-defined]
    return call


# --------------------------------------------------------------------------- key transforms
@njit(cache=True, nogil=True, inline="always")
def _ukey(x, kind):  # pragma: no cover - compiled
    """(order-preserving uint64 of ``x``, is-missing)."""
    if kind == KEY_FLOAT:
        u = np.uint64(x)
        if (u & np.uint64(0x7FFFFFFFFFFFFFFF)) > np.uint64(0x7FF0000000000000):
            return np.uint64(0), True
        if u == np.uint64(0x8000000000000000):  # -0.0 ties +0.0
            u = np.uint64(0)
        if u & np.uint64(0x8000000000000000):
            return ~u, False
        return u | np.uint64(0x8000000000000000), False
    if kind == KEY_UINT:
        return np.uint64(x), False
    v = np.int64(x)
    if kind == KEY_CODE:
        return np.uint64(v) ^ np.uint64(0x8000000000000000), v < 0
    if kind == KEY_TIME and v == np.int64(-9223372036854775808):
        return np.uint64(0), True
    return np.uint64(v) ^ np.uint64(0x8000000000000000), False


@_kernel
def _key_stats(vals, mask, has_mask, kind, nch):  # pragma: no cover - compiled
    """Per chunk: (min, max) of the transformed present values, and the missing count."""
    n = vals.shape[0]
    step = (n + nch - 1) // nch
    lo = np.full(nch, np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
    hi = np.zeros(nch, dtype=np.uint64)
    nnull = np.zeros(nch, dtype=np.int64)
    for t in prange(nch):
        a = np.uint64(0xFFFFFFFFFFFFFFFF)
        b = np.uint64(0)
        c = 0
        for i in range(t * step, min(n, (t + 1) * step)):
            u, miss = _ukey(vals[i], kind)
            if miss or (has_mask and mask[i]):
                c += 1
                continue
            if u < a:
                a = u
            if u > b:
                b = u
        lo[t] = a
        hi[t] = b
        nnull[t] = c
    return lo, hi, nnull


@_kernel
def _pack(
    vals, mask, has_mask, kind, desc, mn, mx, null_val, shift_up, mode, mult, out, nch
):  # pragma: no cover - compiled
    """``out += digit * mult`` with the dense digit of every row.

    mode 0: present rows get ``key - mn`` (``mx - key`` when ``desc``) plus ``shift_up``,
    missing rows ``null_val``; mode 1: the missing flag alone (``null_val`` when missing,
    ``1 - null_val`` otherwise).
    """
    n = vals.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            u, miss = _ukey(vals[i], kind)
            miss = miss or (has_mask and mask[i])
            if mode == 1:
                d = null_val if miss else np.uint64(1) - null_val
            elif miss:
                d = null_val
            elif desc:
                d = (mx - u) + shift_up
            else:
                d = (u - mn) + shift_up
            out[i] += d * mult


# --------------------------------------------------------------------------- radix passes
@_kernel
def _histograms(
    key, idx, has_idx, gathered, shifts, dmask, counts, nch
):  # pragma: no cover - compiled
    """Per-chunk counts of every digit (``counts[t, p, d]``) of ``key`` in the current
    order; with ``has_idx`` the key is first gathered at ``idx`` into ``gathered``."""
    n = idx.shape[0] if has_idx else key.shape[0]
    npass = shifts.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        c = counts[t]
        for i in range(t * step, min(n, (t + 1) * step)):
            if has_idx:
                k = key[idx[i]]
                gathered[i] = k
            else:
                k = key[i]
            u = np.uint64(k)
            for p in range(npass):
                c[p, (u >> shifts[p]) & dmask[p]] += 1


@_kernel
def _count(key, shift, dmask, counts, nch):  # pragma: no cover - compiled
    n = key.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        c = counts[t]
        for i in range(t * step, min(n, (t + 1) * step)):
            c[(np.uint64(key[i]) >> shift) & dmask] += 1


@_kernel
def _scatter(
    kin, iin, has_iin, kout, write_key, iout, shift, dmask, starts, nshift, ndmask, ncounts, nch
):  # pragma: no cover - compiled
    """One stable pass: the rows of chunk ``t`` go to ``starts[t, digit]`` onwards.

    With ``ncounts`` (shape ``(nch, nch, buckets)``, not empty) each chunk also counts the
    next pass's digit of the rows it writes, by the chunk they land in.
    """
    n = kin.shape[0]
    step = (n + nch - 1) // nch
    count_next = ncounts.shape[0] > 0
    for t in prange(nch):
        pos = starts[t].copy()
        for i in range(t * step, min(n, (t + 1) * step)):
            k = kin[i]
            u = np.uint64(k)
            d = (u >> shift) & dmask
            p = pos[d]
            pos[d] = p + 1
            if write_key:
                kout[p] = k
            if has_iin:
                iout[p] = iin[i]
            else:
                iout[p] = i
            if count_next:
                ncounts[t, np.uint32(p) // np.uint32(step), (u >> nshift) & ndmask] += 1


@njit(cache=True, nogil=True)
def _permutation_order(rank, out):  # pragma: no cover - compiled
    """``out[rank[i]] = i`` when ``rank`` is a permutation of ``0..n-1``; False at the
    first repeated rank."""
    out[:] = -1
    for i in range(rank.shape[0]):
        r = rank[i]
        if out[r] >= 0:
            return False
        out[r] = i
    return True


def _starts(counts: np.ndarray) -> np.ndarray:
    """Exclusive prefix over (digit, chunk): where chunk ``t`` puts its first ``d`` row."""
    nch, nb = counts.shape
    flat = counts.T.reshape(-1)
    ex = np.cumsum(flat) - flat
    return np.ascontiguousarray(ex.reshape(nb, nch).T)


def _word_dtype(bits: int) -> Any:
    if bits <= 8:
        return np.uint8
    if bits <= 16:
        return np.uint16
    if bits <= 32:
        return np.uint32
    return np.uint64


def _digits(bits: int) -> list[tuple[int, int]]:
    """(shift, width) of each radix digit of a ``bits``-bit word, least significant first."""
    npass = -(-bits // _DIGIT_BITS)
    out, shift = [], 0
    for p in range(npass):
        w = -(-(bits - shift) // (npass - p))
        out.append((shift, w))
        shift += w
    return out


def _sort_word(
    word: np.ndarray, bits: int, order: np.ndarray | None, final: bool, want_keys: bool, nch: int
) -> tuple[np.ndarray | None, np.ndarray]:
    """Stable radix passes over ``word`` (taken in the row order ``order``, or as is).

    Returns the new order (None while no pass ran and ``order`` was None; int64 when
    ``final``, else int32 below 2**31 rows) and the word in that order (when ``want_keys``).
    """
    n = word.shape[0]
    idx_dtype = np.int32 if n < 2**31 else np.int64
    digits = _digits(bits)
    shifts = np.array([s for s, _ in digits], dtype=np.uint64)
    dmask = np.array([(1 << w) - 1 for _, w in digits], dtype=np.uint64)
    counts = np.zeros((nch, len(digits), 1 << max(w for _, w in digits)), dtype=np.int64)
    if order is not None:
        key = np.empty(n, dtype=word.dtype)
        _histograms(word, order, True, key, shifts, dmask, counts, nch)
    else:
        key = word
        _histograms(word, np.empty(0, dtype=idx_dtype), False, key, shifts, dmask, counts, nch)
    total = counts.sum(axis=0)
    live = [p for p in range(len(digits)) if np.count_nonzero(total[p]) > 1]
    kbuf = np.empty_like(key) if len(live) > 1 or (live and want_keys) else key
    spare: np.ndarray | None = None  # an index buffer free for reuse
    cur = order
    nxt: np.ndarray | None = None
    for j, p in enumerate(live):
        last = j == len(live) - 1
        nb = int(dmask[p]) + 1
        if j == 0:
            c = np.ascontiguousarray(counts[:, p, :nb])
        elif nxt is not None:
            c = nxt.sum(axis=0)
        else:
            c = np.zeros((nch, nb), dtype=np.int64)
            _count(key, shifts[p], dmask[p], c, nch)
        starts = _starts(c)
        if last and final:
            out = np.empty(n, dtype=np.int64)
        elif spare is not None and spare.dtype == idx_dtype:
            out = spare
        else:
            out = np.empty(n, dtype=idx_dtype)
        write_key = not last or want_keys
        q = live[j + 1] if not last else p
        fuse = not last and n < 2**32
        nxt = np.zeros((nch if fuse else 0, nch, int(dmask[q]) + 1), dtype=np.int64)
        args = (shifts[p], dmask[p], starts, shifts[q], dmask[q], nxt, nch)
        if cur is None:
            _scatter(key, out, False, kbuf, write_key, out, *args)
        else:
            _scatter(key, cur, True, kbuf, write_key, out, *args)
        if not fuse:
            nxt = None
        if write_key:
            key, kbuf = kbuf, key
        spare, cur = cur, out
    return cur, key


# --------------------------------------------------------------------------- entry point
def radix_argsort(
    keys: list[tuple[np.ndarray, np.ndarray | None, int]],
    ascending: list[bool],
    na_last: bool = True,
    unique: bool = False,
) -> np.ndarray | None:
    """Stable row order (int64) sorting by ``keys``, the first most significant.

    Each key is ``(values, null_mask_or_None, kind)``, ``kind`` one of the ``KEY_*``
    constants: ``KEY_FLOAT`` takes float64 bits (``values.view(np.uint64)``), ``KEY_TIME``
    int64 ticks, ``KEY_UINT`` unsigned ints or bools as uint8. Missing values go last
    (``na_last``) or first, whatever the key's direction.

    With ``unique`` (one key), None unless the present values are all distinct: then any
    correct sort, stable or not, gives this same order.

    Examples
    --------
    >>> v = np.array([3.0, np.nan, -1.0, 3.0, -0.0, 0.0])
    >>> radix_argsort([(v.view(np.uint64), None, KEY_FLOAT)], [True]).tolist()
    [2, 4, 5, 0, 3, 1]
    >>> radix_argsort([(v.view(np.uint64), None, KEY_FLOAT)], [False], na_last=False).tolist()
    [1, 0, 3, 4, 5, 2]
    >>> radix_argsort([(v.view(np.uint64), None, KEY_FLOAT)], [True], unique=True) is None
    True
    """
    n = keys[0][0].shape[0]
    if unique and len(keys) != 1:
        raise ValueError("radix_argsort: `unique` takes one key")
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    nch = _nchunks(n)
    empty_mask = np.zeros(0, dtype=np.bool_)
    # components, most significant first:
    # (values, mask, has_mask, kind, desc, mn, mx, null_val, shift_up, mode, range)
    comps: list[tuple[Any, ...]] = []
    n_valid = n
    for (vals, mask, kind), asc in zip(keys, ascending):
        vals = np.ascontiguousarray(vals)
        has_mask = mask is not None
        m = np.ascontiguousarray(mask) if has_mask else empty_mask
        lo, hi, nn = _key_stats(vals, m, has_mask, kind, nch)
        nnull = int(nn.sum())
        n_valid = n - nnull
        if nnull == n:
            continue  # every row missing: no order from this key
        mn, mx = np.uint64(lo.min()), np.uint64(hi.max())
        r = int(mx) - int(mn)
        desc = not asc
        if unique and n_valid > r + 1:
            return None  # more present rows than possible values
        if nnull == 0:
            comps.append((vals, m, has_mask, kind, desc, mn, mx, 0, 0, 0, r))
        elif r < _U64_MAX:
            nv, up = (r + 1, 0) if na_last else (0, 1)
            comps.append((vals, m, has_mask, kind, desc, mn, mx, nv, up, 0, r + 1))
        else:  # a full-range key: the missing flag is a key of its own, more significant
            if unique:
                return None
            comps.append((vals, m, has_mask, kind, False, mn, mx, int(na_last), 0, 1, 1))
            comps.append((vals, m, has_mask, kind, desc, mn, mx, 0, 0, 0, r))
    comps = [c for c in comps if c[-1] > 0]
    if not comps:
        if unique and n_valid > 1:
            return None
        return np.arange(n, dtype=np.int64)
    if len(comps) == 1 and comps[0][-1] == n - 1 and comps[0][9] == 0:
        # n distinct codes would fill the range exactly (a shuffled RangeIndex): one scatter
        # of each row to its rank, given up at the first repeated code
        vals, m, has_mask, kind, desc, mn, mx, null_val, up, _, _ = comps[0]
        word = np.zeros(n, dtype=np.uint64)
        args = (np.uint64(null_val), np.uint64(up), 0, np.uint64(1), word, nch)
        _pack(vals, m, has_mask, kind, desc, mn, mx, *args)
        inv = np.empty(n, dtype=np.int64)
        if _permutation_order(word, inv):
            return inv
        if unique:
            return None
    # pack, least significant first, into words of at most 64 bits
    words: list[list[tuple[Any, ...]]] = []
    cur: list[tuple[Any, ...]] = []
    span = 1
    for c in reversed(comps):
        if cur and (span * (c[-1] + 1) - 1).bit_length() > 64:
            words.append(cur)
            cur, span = [], 1
        cur.append(c)
        span *= c[-1] + 1
    words.append(cur)
    order: np.ndarray | None = None
    sorted_word = None
    for w_i, group in enumerate(words):
        span = 1
        for c in group:
            span *= c[-1] + 1
        bits = (span - 1).bit_length()
        word = np.zeros(n, dtype=_word_dtype(bits))
        mult = 1
        for vals, m, has_mask, kind, desc, mn, mx, null_val, up, mode, r in group:
            _pack(
                vals,
                m,
                has_mask,
                kind,
                desc,
                mn,
                mx,
                np.uint64(null_val),
                np.uint64(up),
                mode,
                np.uint64(mult),
                word,
                nch,
            )
            mult *= r + 1
        order, sorted_word = _sort_word(word, bits, order, w_i == len(words) - 1, unique, nch)
    if unique:  # one word: are two present values equal?
        assert sorted_word is not None
        lo_, hi_ = (0, n_valid) if na_last else (n - n_valid, n)
        sw = sorted_word[lo_:hi_]
        if bool(np.any(sw[1:] == sw[:-1])):
            return None
    if order is None:
        return np.arange(n, dtype=np.int64)
    return order if order.dtype == np.int64 else order.astype(np.int64)
