"""Group kernels for NumPy arrays (Numba): the aggregations a groupby needs beyond
``group_reduce``.

Every function takes dense group codes (``codes[i]`` in ``[0, ngroups)``, or negative for a
row that belongs to no group) and raw value arrays; inputs are already validated.
Large inputs run in parallel (``prange`` over row chunks, one partial accumulator per chunk,
combined at the end) when the partials stay small next to the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numba import get_num_threads, njit, prange

from ._common import QUANTILE_METHODS, RANK_METHODS, ROLLING_OPS, SCAN_OPS, result_dtype

__all__ = [
    "group_aggregate",
    "combine_codes",
    "group_argreduce",
    "group_corr",
    "group_cov",
    "group_cumcount",
    "group_nth_index",
    "group_nunique",
    "group_order",
    "group_quantile",
    "group_rank",
    "group_rolling",
    "group_scan",
    "group_shift_index",
    "group_topk",
]

_PAR_MIN_ROWS = 1 << 17


def _nchunks(n: int, ngroups: int) -> int:
    """How many row chunks to accumulate in parallel (1 = serial)."""
    t = get_num_threads()
    if t <= 1 or n < _PAR_MIN_ROWS or ngroups * t > n // 2:
        return 1
    return t


def _acc_dtype(dtype: np.dtype) -> np.dtype:
    if dtype.kind in "bi":
        return np.dtype(np.int64)
    if dtype.kind == "u":
        return np.dtype(np.uint64)
    return np.dtype(np.float64)


def _prep(values: np.ndarray) -> np.ndarray:
    values = np.ascontiguousarray(values)
    if values.dtype.kind == "b":
        return values.view(np.uint8)
    if values.dtype.kind in "mM":
        return values.view(np.int64)
    return values


# --------------------------------------------------------------------------- sums, one pass
@njit(cache=True, nogil=True, parallel=True)
def _sums1(codes, a, sa, ca):  # pragma: no cover - compiled
    nch = sa.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            x = a[i]
            if x == x:
                sa[t, g] += x
                ca[t, g] += 1


@njit(cache=True, nogil=True, parallel=True)
def _sums2(codes, a, b, sa, sb, ca, cb):  # pragma: no cover - compiled
    nch = sa.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            x = a[i]
            if x == x:
                sa[t, g] += x
                ca[t, g] += 1
            y = b[i]
            if y == y:
                sb[t, g] += y
                cb[t, g] += 1


@njit(cache=True, nogil=True, parallel=True)
def _sums3(codes, a, b, c, sa, sb, sc, ca, cb, cc):  # pragma: no cover - compiled
    nch = sa.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            x = a[i]
            if x == x:
                sa[t, g] += x
                ca[t, g] += 1
            y = b[i]
            if y == y:
                sb[t, g] += y
                cb[t, g] += 1
            z = c[i]
            if z == z:
                sc[t, g] += z
                cc[t, g] += 1


@njit(cache=True, nogil=True, parallel=True)
def _nan_seen(codes, a, out):  # pragma: no cover - compiled
    nch = out.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g >= 0 and a[i] != a[i]:
                out[t, g] = True


@njit(cache=True, nogil=True, parallel=True)
def _sqdev(codes, a, mean, out):  # pragma: no cover - compiled
    nch = out.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            x = a[i]
            if x == x:
                d = x - mean[g]
                out[t, g] += d * d


@njit(cache=True, nogil=True, parallel=True)
def _minmax(codes, a, out, cnt, want_max):  # pragma: no cover - compiled
    nch = out.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            x = a[i]
            if x != x:
                continue
            if cnt[t, g] == 0:
                out[t, g] = x
            elif want_max:
                if x > out[t, g]:
                    out[t, g] = x
            elif x < out[t, g]:
                out[t, g] = x
            cnt[t, g] += 1


def _sum_pass(codes: np.ndarray, cols: list[np.ndarray], ngroups: int, nch: int):
    """Sums and non-NaN counts of up to three columns in one pass over the rows."""
    sums = [np.zeros((nch, ngroups), dtype=_acc_dtype(c.dtype)) for c in cols]
    cnts = [np.zeros((nch, ngroups), dtype=np.int64) for _ in cols]
    if len(cols) == 1:
        _sums1(codes, cols[0], sums[0], cnts[0])
    elif len(cols) == 2:
        _sums2(codes, cols[0], cols[1], sums[0], sums[1], cnts[0], cnts[1])
    else:
        _sums3(codes, *cols, *sums, *cnts)
    return [s.sum(axis=0) for s in sums], [c.sum(axis=0) for c in cnts]


def group_aggregate(
    codes: np.ndarray,
    ngroups: int,
    requests: Sequence[tuple[np.ndarray, str]],
    *,
    ddof: int = 1,
    skipna: bool = True,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Several ``(values, op)`` reductions per group, sharing passes over the rows.

    Same contract as ``group_reduce`` for each request (ops ``sum count mean var std min max
    prod``): returns ``(result, count)`` per request, in order. Sums, counts and means of up
    to three columns are taken in one (parallel) pass; min/max in one pass per column.

    Examples
    --------
    >>> codes = np.array([0, 1, 0])
    >>> a, b = np.array([1, 2, 3]), np.array([0.5, np.nan, 1.5])
    >>> [r.tolist() for r, _ in group_aggregate(codes, 2, [(a, "sum"), (b, "mean")])]
    [[4, 2], [1.0, nan]]
    """
    from ._numpy import group_reduce

    codes = np.ascontiguousarray(codes)
    n = codes.shape[0]
    nch = _nchunks(n, ngroups)
    out: list[Any] = [None] * len(requests)
    # columns needing the shared sum pass, deduplicated by identity
    sum_cols: dict[int, np.ndarray] = {}
    for values, op in requests:
        if op in ("sum", "count", "mean", "var", "std"):
            if np.asarray(values).dtype.kind in "mM" and op != "count":
                raise TypeError(f"group_aggregate: op {op!r} needs int64 ticks for {values.dtype}")
            sum_cols.setdefault(id(values), values)
    keys = list(sum_cols)
    sums: dict[int, np.ndarray] = {}
    cnts: dict[int, np.ndarray] = {}
    for j in range(0, len(keys), 3):
        chunk = keys[j : j + 3]
        s, c = _sum_pass(codes, [_prep(sum_cols[k]) for k in chunk], ngroups, nch)
        for k, sk, ck in zip(chunk, s, c):
            sums[k], cnts[k] = sk, ck
    nan_cache: dict[int, np.ndarray] = {}

    def nan_seen(values: np.ndarray) -> np.ndarray | None:
        if skipna or values.dtype.kind != "f":
            return None
        if id(values) not in nan_cache:
            buf = np.zeros((nch, ngroups), dtype=np.bool_)
            _nan_seen(codes, np.ascontiguousarray(values), buf)
            nan_cache[id(values)] = np.asarray(buf.any(axis=0))
        return nan_cache[id(values)]

    for r, (values, op) in enumerate(requests):
        values = np.asarray(values)
        out_dtype = result_dtype(op, values.dtype)
        if op in ("sum", "count", "mean", "var", "std"):
            s, c = sums[id(values)], cnts[id(values)]
            ns = nan_seen(values)
            if op == "count":
                out[r] = (c.copy(), c)
                continue
            if op == "sum":
                res = s.astype(out_dtype, copy=True)
                if ns is not None:
                    res[ns] = np.nan
                out[r] = (res, c)
                continue
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = s.astype(np.float64) / c
            if ns is not None:
                mean[ns] = np.nan
            if op == "mean":
                out[r] = (mean.astype(out_dtype, copy=False), c)
                continue
            sq = np.zeros((nch, ngroups), dtype=np.float64)
            _sqdev(codes, _prep(values), mean, sq)
            sq = sq.sum(axis=0)
            denom = (c - ddof).astype(np.float64)
            with np.errstate(invalid="ignore", divide="ignore"):
                var = np.where(denom > 0, sq / np.where(denom > 0, denom, 1.0), np.nan)
            if ns is not None:
                var[ns] = np.nan
            res = np.sqrt(var) if op == "std" else var
            out[r] = (res.astype(out_dtype, copy=False), c)
        elif op in ("min", "max"):
            work = _prep(values)
            part = np.zeros((nch, ngroups), dtype=work.dtype)
            pc = np.zeros((nch, ngroups), dtype=np.int64)
            _minmax(codes, work, part, pc, op == "max")
            if nch == 1:
                res, c = part[0], pc[0]
            else:
                c = pc.sum(axis=0)
                if work.dtype.kind == "f":
                    fill = -np.inf if op == "max" else np.inf
                else:
                    info = np.iinfo(work.dtype)
                    fill = info.min if op == "max" else info.max
                part = np.where(pc > 0, part, fill)
                res = part.max(axis=0) if op == "max" else part.min(axis=0)
                res = np.where(c > 0, res, 0).astype(work.dtype)
            if res.dtype.kind == "f":
                res = res.copy()
                res[c == 0] = np.nan
                ns = nan_seen(values)
                if ns is not None:
                    res[ns] = np.nan
            if values.dtype.kind in "bmM":
                res = res.view(values.dtype) if values.dtype.kind in "mM" else res.astype(bool)
            out[r] = (res.astype(out_dtype, copy=False), c)
        else:
            out[r] = group_reduce(codes, values, ngroups, op, ddof=ddof, skipna=skipna)
    return out


# --------------------------------------------------------------------------- order
@njit(cache=True, nogil=True)
def _counting_order(codes, ngroups):  # pragma: no cover - compiled
    offsets = np.zeros(ngroups + 1, dtype=np.int64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g >= 0:
            offsets[g + 1] += 1
    for g in range(ngroups):
        offsets[g + 1] += offsets[g]
    pos = offsets[:-1].copy()
    order = np.empty(offsets[ngroups], dtype=np.int64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g >= 0:
            order[pos[g]] = i
            pos[g] += 1
    return order, offsets


def group_order(codes: np.ndarray, ngroups: int) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers grouped by code (stable) and the ``ngroups + 1`` segment offsets.

    Rows of group ``g`` are ``order[offsets[g]:offsets[g + 1]]``, in their original order;
    rows with a negative code are left out.

    Examples
    --------
    >>> order, offsets = group_order(np.array([1, 0, -1, 1]), 2)
    >>> order.tolist(), offsets.tolist()
    ([1, 0, 3], [0, 1, 3])
    """
    return _counting_order(np.ascontiguousarray(codes), ngroups)


# --------------------------------------------------------------------------- quantile
@njit(cache=True, nogil=True)
def _grouped_values(codes, values, ngroups):  # pragma: no cover - compiled
    """Values laid out group after group (counting sort of the values themselves)."""
    offsets = np.zeros(ngroups + 1, dtype=np.int64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g >= 0:
            offsets[g + 1] += 1
    for g in range(ngroups):
        offsets[g + 1] += offsets[g]
    pos = offsets[:-1].copy()
    out = np.empty(offsets[ngroups], dtype=np.float64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g >= 0:
            out[pos[g]] = values[i]
            pos[g] += 1
    return out, offsets


@njit(cache=True, nogil=True, parallel=True)
def _grouped_values_par(codes, values, ngroups, nch):  # pragma: no cover - compiled
    """``_grouped_values`` with one counting/scatter pass per row chunk, in parallel."""
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    counts = np.zeros((nch, ngroups), dtype=np.int64)
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g >= 0:
                counts[t, g] += 1
    offsets = np.zeros(ngroups + 1, dtype=np.int64)
    start = np.empty((nch, ngroups), dtype=np.int64)
    run = 0
    for g in range(ngroups):
        offsets[g] = run
        for t in range(nch):
            start[t, g] = run
            run += counts[t, g]
    offsets[ngroups] = run
    out = np.empty(run, dtype=np.float64)
    for t in prange(nch):
        pos = start[t]
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g >= 0:
                out[pos[g]] = values[i]
                pos[g] += 1
    return out, offsets


@njit(cache=True, nogil=True, parallel=True)
def _quantile_segments(gv, offsets, q, method, out, cnt):  # pragma: no cover - compiled
    ng = offsets.shape[0] - 1
    for g in prange(ng):
        lo, hi = offsets[g], offsets[g + 1]
        buf = np.empty(hi - lo, dtype=np.float64)
        m = 0
        for j in range(lo, hi):
            v = gv[j]
            if v == v:
                buf[m] = v
                m += 1
        cnt[g] = m
        if m == 0:
            out[g] = np.nan
            continue
        pos = q * (m - 1)
        i0 = int(np.floor(pos))
        frac = pos - i0
        if method == 4:  # nearest, ties to the even position (as numpy's round)
            k = int(np.round(pos))
            out[g] = np.partition(buf[:m], k)[k]
            continue
        p = np.partition(buf[:m], i0)  # selection, not a full sort
        a = p[i0]
        b = a
        if i0 + 1 < m:
            b = p[i0 + 1]
            for j in range(i0 + 2, m):
                if p[j] < b:
                    b = p[j]
        if method == 0:  # linear
            out[g] = a + (b - a) * frac
        elif method == 1:  # lower
            out[g] = a
        elif method == 2:  # higher
            out[g] = b if frac > 0 else a
        else:  # midpoint
            out[g] = (a + b) / 2.0 if frac > 0 else a


def group_quantile(
    codes: np.ndarray,
    values: np.ndarray,
    ngroups: int,
    q: float,
    *,
    interpolation: str = "linear",
) -> tuple[np.ndarray, np.ndarray]:
    """The ``q``-quantile of the non-NaN values of each group (float64), and the count.

    Groups without a value get NaN. ``interpolation`` is one of linear, lower, higher,
    midpoint, nearest (as pandas).

    Examples
    --------
    >>> res, cnt = group_quantile(np.array([0, 0, 0, 1]), np.array([3.0, 1, 2, 5]), 2, 0.5)
    >>> res.tolist(), cnt.tolist()
    ([2.0, 5.0], [3, 1])
    """
    if interpolation not in QUANTILE_METHODS:
        raise ValueError(
            "Invalid value for argument `interpolation`. Expected one of "
            f"{list(QUANTILE_METHODS)}. Received: interpolation={interpolation!r}"
        )
    if not 0.0 <= float(q) <= 1.0:
        raise ValueError(
            f"Invalid value for argument `q`. Expected a float in [0, 1]. Received: q={q!r}"
        )
    codes = np.ascontiguousarray(codes)
    nch = _nchunks(codes.shape[0], ngroups)
    vals = _prep(np.asarray(values))
    if nch > 1:
        gv, offsets = _grouped_values_par(codes, vals, ngroups, nch)
    else:
        gv, offsets = _grouped_values(codes, vals, ngroups)
    out = np.empty(ngroups, dtype=np.float64)
    cnt = np.zeros(ngroups, dtype=np.int64)
    _quantile_segments(gv, offsets, float(q), QUANTILE_METHODS[interpolation], out, cnt)
    return out, cnt


# --------------------------------------------------------------------------- nth / top-k
@njit(cache=True, nogil=True)
def _nth_index(codes, ngroups, n, valid, use_valid):  # pragma: no cover - compiled
    out = np.full(ngroups, -1, dtype=np.int64)
    seen = np.zeros(ngroups, dtype=np.int64)
    rows = codes.shape[0]
    if n >= 0:
        for i in range(rows):
            g = codes[i]
            if g < 0 or (use_valid and not valid[i]):
                continue
            if seen[g] == n:
                out[g] = i
            seen[g] += 1
    else:
        k = -n - 1
        for i in range(rows - 1, -1, -1):
            g = codes[i]
            if g < 0 or (use_valid and not valid[i]):
                continue
            if seen[g] == k:
                out[g] = i
            seen[g] += 1
    return out


def group_nth_index(
    codes: np.ndarray, ngroups: int, n: int, *, valid: np.ndarray | None = None
) -> np.ndarray:
    """Row number of the ``n``-th row of each group (negative ``n`` counts from the end);
    -1 where the group is shorter. With ``valid``, only rows where it is true count (so
    ``n=0`` gives pandas' ``first()``, which skips nulls, and ``n=-1`` its ``last()``).

    Examples
    --------
    >>> group_nth_index(np.array([0, 1, 0, 0]), 2, 1).tolist()
    [2, -1]
    >>> group_nth_index(np.array([0, 1, 0, 0]), 2, -1).tolist()
    [3, 1]
    """
    codes = np.ascontiguousarray(codes)
    use = valid is not None
    v = np.ascontiguousarray(valid, dtype=np.bool_) if use else np.zeros(1, dtype=np.bool_)
    return _nth_index(codes, ngroups, int(n), v, use)


@njit(cache=True, nogil=True)
def _topk(codes, values, ngroups, k, largest):  # pragma: no cover - compiled
    topv = np.zeros((ngroups, k), dtype=np.float64)
    topi = np.full((ngroups, k), -1, dtype=np.int64)
    fill = np.zeros(ngroups, dtype=np.int64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g < 0:
            continue
        v = np.float64(values[i])
        if v != v:
            continue
        if not largest:
            v = -v
        m = fill[g]
        if m == k and v <= topv[g, k - 1]:
            continue
        # insert after equal values (earlier rows win ties)
        j = m - 1 if m < k else k - 2
        while j >= 0 and topv[g, j] < v:
            topv[g, j + 1] = topv[g, j]
            topi[g, j + 1] = topi[g, j]
            j -= 1
        topv[g, j + 1] = v
        topi[g, j + 1] = i
        if m < k:
            fill[g] = m + 1
    total = fill.sum()
    grp = np.empty(total, dtype=np.int64)
    rows = np.empty(total, dtype=np.int64)
    p = 0
    for g in range(ngroups):
        for j in range(fill[g]):
            grp[p] = g
            rows[p] = topi[g, j]
            p += 1
    return grp, rows


def group_topk(
    codes: np.ndarray, values: np.ndarray, ngroups: int, k: int, *, largest: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` largest (or smallest) non-NaN values of each group, in one pass.

    Returns ``(group, row)``: for each group in code order its rows, best first; ties keep
    the earlier row first.

    Examples
    --------
    >>> g, r = group_topk(np.array([0, 0, 1, 0]), np.array([1.0, 5.0, 2.0, 3.0]), 2, 2)
    >>> g.tolist(), r.tolist()
    ([0, 0, 1], [1, 3, 2])
    """
    if int(k) < 0:
        raise ValueError(f"Invalid value for argument `k`. Expected k >= 0. Received: k={k!r}")
    if k == 0 or ngroups == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e.copy()
    return _topk(np.ascontiguousarray(codes), _prep(np.asarray(values)), ngroups, int(k), largest)


# --------------------------------------------------------------------------- corr / cov
@njit(cache=True, nogil=True, parallel=True)
def _pair_sums(codes, x, y, sx, sy, cnt):  # pragma: no cover - compiled
    nch = sx.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            a = np.float64(x[i])
            b = np.float64(y[i])
            if a == a and b == b:
                sx[t, g] += a
                sy[t, g] += b
                cnt[t, g] += 1


@njit(cache=True, nogil=True, parallel=True)
def _pair_comoments(codes, x, y, mx, my, sxx, syy, sxy):  # pragma: no cover - compiled
    nch = sxx.shape[0]
    n = codes.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            g = codes[i]
            if g < 0:
                continue
            a = np.float64(x[i])
            b = np.float64(y[i])
            if a == a and b == b:
                da = a - mx[g]
                db = b - my[g]
                sxx[t, g] += da * da
                syy[t, g] += db * db
                sxy[t, g] += da * db


def _comoments(codes: np.ndarray, x: np.ndarray, y: np.ndarray, ngroups: int):
    codes = np.ascontiguousarray(codes)
    x, y = _prep(np.asarray(x)), _prep(np.asarray(y))
    nch = _nchunks(codes.shape[0], ngroups)
    sx = np.zeros((nch, ngroups))
    sy = np.zeros((nch, ngroups))
    cnt = np.zeros((nch, ngroups), dtype=np.int64)
    _pair_sums(codes, x, y, sx, sy, cnt)
    c = cnt.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mx = sx.sum(axis=0) / c
        my = sy.sum(axis=0) / c
    sxx = np.zeros((nch, ngroups))
    syy = np.zeros((nch, ngroups))
    sxy = np.zeros((nch, ngroups))
    _pair_comoments(codes, x, y, mx, my, sxx, syy, sxy)
    return sxx.sum(axis=0), syy.sum(axis=0), sxy.sum(axis=0), c


def group_corr(
    codes: np.ndarray, x: np.ndarray, y: np.ndarray, ngroups: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pearson correlation of ``x`` and ``y`` per group over rows where both are non-NaN.

    NaN where a group has fewer than two such rows or no variance (as pandas).

    Examples
    --------
    >>> r, c = group_corr(np.array([0, 0, 0]), np.array([1.0, 2, 3]), np.array([2.0, 4, 7]), 1)
    >>> round(float(r[0]), 6), c.tolist()
    (0.993399, [3])
    """
    sxx, syy, sxy, c = _comoments(codes, x, y, ngroups)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = sxy / np.sqrt(sxx * syy)
    r[c < 2] = np.nan
    return np.clip(r, -1.0, 1.0), c


def group_cov(
    codes: np.ndarray, x: np.ndarray, y: np.ndarray, ngroups: int, *, ddof: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Covariance of ``x`` and ``y`` per group over rows where both are non-NaN.

    Examples
    --------
    >>> r, c = group_cov(np.array([0, 0, 0]), np.array([1.0, 2, 3]), np.array([2.0, 4, 7]), 1)
    >>> r.tolist()
    [2.5]
    """
    _, _, sxy, c = _comoments(codes, x, y, ngroups)
    denom = (c - ddof).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, sxy / np.where(denom > 0, denom, 1.0), np.nan), c


# --------------------------------------------------------------------------- nunique
def group_nunique(
    codes: np.ndarray, values: np.ndarray, ngroups: int, *, dropna: bool = True
) -> np.ndarray:
    """Number of distinct values per group (NaN/None counted once unless ``dropna``).

    Examples
    --------
    >>> group_nunique(np.array([0, 0, 1, 0]), np.array([1, 1, 2, 3]), 2).tolist()
    [2, 1]
    """
    from ._numpy import factorize

    codes = np.asarray(codes)
    vcodes, vuniq = factorize(np.asarray(values), sort=False, dropna=dropna)
    nv = max(len(vuniq[0]), 1)
    sel = (codes >= 0) & (vcodes >= 0)
    _, (pairs,) = factorize(codes[sel].astype(np.int64) * nv + vcodes[sel], sort=False)
    grp = pairs // nv
    return np.bincount(grp, minlength=ngroups)[:ngroups].astype(np.int64)


# --------------------------------------------------------------------------- scans
@njit(cache=True, nogil=True)
def _scan(codes, values, ngroups, op, skipna, out):  # pragma: no cover - compiled
    acc = np.zeros(ngroups, dtype=out.dtype)
    started = np.zeros(ngroups, dtype=np.bool_)
    poisoned = np.zeros(ngroups, dtype=np.bool_)
    poison = np.zeros(ngroups, dtype=values.dtype)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g < 0:
            continue
        v = values[i]
        if v != v:
            out[i] = v
            if not skipna:
                poisoned[g] = True
                poison[g] = v
            continue
        if poisoned[g]:
            out[i] = poison[g]
            continue
        if not started[g]:
            acc[g] = v
            started[g] = True
        elif op == 0:
            acc[g] += v
        elif op == 1:
            acc[g] *= v
        elif op == 2:
            if v < acc[g]:
                acc[g] = v
        elif v > acc[g]:
            acc[g] = v
        out[i] = acc[g]


def group_scan(
    codes: np.ndarray, values: np.ndarray, ngroups: int, op: str, *, skipna: bool = True
) -> np.ndarray:
    """Cumulative ``cumsum cumprod cummin cummax`` within each group, in row order.

    NaN rows stay NaN (later rows go on from the last value; with ``skipna=False`` they stay
    NaN). Sums/products of ints and bools are int64; rows with a negative code hold 0 (NaN
    for floats).

    Examples
    --------
    >>> group_scan(np.array([0, 1, 0, 0]), np.array([1, 5, 2, 3]), 2, "cumsum").tolist()
    [1, 5, 3, 6]
    """
    if op not in SCAN_OPS:
        raise ValueError(
            f"Invalid value for argument `op`. Expected one of {list(SCAN_OPS)}. Received: op={op!r}"
        )
    values = np.asarray(values)
    kind = values.dtype.kind
    work = _prep(values)
    if op in ("cumsum", "cumprod"):
        out_dtype = _acc_dtype(values.dtype)
        work = work.astype(out_dtype, copy=False)
    else:
        out_dtype = work.dtype
    out = np.full(work.shape[0], np.nan if out_dtype.kind == "f" else 0, dtype=out_dtype)
    _scan(np.ascontiguousarray(codes), work, ngroups, SCAN_OPS[op], skipna, out)
    if op in ("cummin", "cummax") and kind in "bmM":
        out = out.astype(bool) if kind == "b" else out.view(values.dtype)
    return out


@njit(cache=True, nogil=True)
def _cumcount(codes, ngroups, ascending):  # pragma: no cover - compiled
    n = codes.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    seen = np.zeros(ngroups, dtype=np.int64)
    if ascending:
        for i in range(n):
            g = codes[i]
            if g >= 0:
                out[i] = seen[g]
                seen[g] += 1
    else:
        for i in range(n - 1, -1, -1):
            g = codes[i]
            if g >= 0:
                out[i] = seen[g]
                seen[g] += 1
    return out


def group_cumcount(codes: np.ndarray, ngroups: int, *, ascending: bool = True) -> np.ndarray:
    """Position of each row within its group (0-based; from the end if not ``ascending``);
    -1 for rows with a negative code.

    Examples
    --------
    >>> group_cumcount(np.array([0, 1, 0, 0]), 2).tolist()
    [0, 0, 1, 2]
    """
    return _cumcount(np.ascontiguousarray(codes), ngroups, ascending)


@njit(cache=True, nogil=True)
def _shift_index(codes, ngroups, periods):  # pragma: no cover - compiled
    n = codes.shape[0]
    out = np.full(n, -1, dtype=np.int64)
    k = abs(periods)
    if k == 0:
        for i in range(n):
            if codes[i] >= 0:
                out[i] = i
        return out
    ring = np.full((ngroups, k), -1, dtype=np.int64)
    seen = np.zeros(ngroups, dtype=np.int64)
    rng = range(n) if periods > 0 else range(n - 1, -1, -1)
    for i in rng:
        g = codes[i]
        if g < 0:
            continue
        s = seen[g] % k
        out[i] = ring[g, s]
        ring[g, s] = i
        seen[g] += 1
    return out


def group_shift_index(codes: np.ndarray, ngroups: int, periods: int = 1) -> np.ndarray:
    """Row number of the row ``periods`` places earlier in the same group (later for
    negative ``periods``), -1 where there is none.

    Examples
    --------
    >>> group_shift_index(np.array([0, 1, 0, 0]), 2, 1).tolist()
    [-1, -1, 0, 2]
    """
    periods = int(periods)
    if periods and abs(periods) * max(ngroups, 1) > 1 << 28:
        # a ring buffer per group would be too big: go through the group order instead
        pos = group_cumcount(codes, ngroups)
        order, offsets = group_order(codes, ngroups)
        codes = np.asarray(codes)
        out = np.full(codes.shape[0], -1, dtype=np.int64)
        valid = codes >= 0
        src = pos[valid] - periods
        size = np.diff(offsets)[codes[valid]]
        ok = (src >= 0) & (src < size)
        rows = np.flatnonzero(valid)
        out[rows[ok]] = order[offsets[codes[valid]][ok] + src[ok]]
        return out
    return _shift_index(np.ascontiguousarray(codes), ngroups, periods)


# --------------------------------------------------------------------------- rank
@njit(cache=True, nogil=True)
def _rank_sorted(codes, values, order, method, out):  # pragma: no cover - compiled
    # order: rows sorted by (code, value) with NaN rows of a group at its end
    n = order.shape[0]
    i = 0
    while i < n:
        g = codes[order[i]]
        j = i
        while j < n and codes[order[j]] == g:
            j += 1
        # group segment [i, j)
        dense = 0
        k = i
        while k < j:
            v = values[order[k]]
            if v != v:
                break
            e = k + 1
            while e < j and values[order[e]] == v:
                e += 1
            dense += 1
            for m in range(k, e):
                r = order[m]
                if method == 0:  # average
                    out[r] = (k - i + 1 + e - i) / 2.0
                elif method == 1:  # min
                    out[r] = k - i + 1
                elif method == 2:  # max
                    out[r] = e - i
                elif method == 3:  # first
                    out[r] = m - i + 1
                else:  # dense
                    out[r] = dense
            k = e
        i = j


def group_rank(
    codes: np.ndarray,
    values: np.ndarray,
    ngroups: int,
    *,
    method: str = "average",
    ascending: bool = True,
    na_option: str = "keep",
    pct: bool = False,
) -> np.ndarray:
    """Rank of each value within its group (float64, 1-based, as pandas' ``rank``).

    NaN values get NaN (``na_option="keep"``) or rank above/below the others
    (``"bottom"``/``"top"``); rows with a negative code get NaN.

    Examples
    --------
    >>> group_rank(np.array([0, 0, 1, 0]), np.array([3.0, 1.0, 2.0, 3.0]), 2).tolist()
    [2.5, 1.0, 1.0, 2.5]
    """
    if method not in RANK_METHODS:
        raise ValueError(
            f"Invalid value for argument `method`. Expected one of {list(RANK_METHODS)}. "
            f"Received: method={method!r}"
        )
    if na_option not in ("keep", "top", "bottom"):
        raise ValueError(
            "Invalid value for argument `na_option`. Expected 'keep', 'top' or 'bottom'. "
            f"Received: na_option={na_option!r}"
        )
    codes = np.ascontiguousarray(codes)
    v = _prep(np.asarray(values)).astype(np.float64)
    isnan = np.isnan(v)
    if not ascending:
        v = -v
    if na_option != "keep":
        # NaN ranks above or below every value: real infinities move to the largest finite
        # value so that they do not tie with NaN
        v = np.where(np.isinf(v), np.sign(v) * np.finfo(np.float64).max, v)
        v = np.where(isnan, -np.inf if na_option == "top" else np.inf, v)
    valid = codes >= 0
    rows = np.flatnonzero(valid)
    vs = v[rows]
    order = rows[np.lexsort((vs, codes[rows]))]  # NaN sorts last within a group
    out = np.full(codes.shape[0], np.nan)
    _rank_sorted(codes, v, order, RANK_METHODS[method], out)
    if pct:
        if method == "dense":
            denom = group_aggregate(codes, ngroups, [(out, "max")])[0][0]
        else:
            denom = group_aggregate(codes, ngroups, [(out, "count")])[0][0].astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = out / np.where(valid, denom[np.where(valid, codes, 0)], np.nan)
    return out


# --------------------------------------------------------------------------- argmin/argmax
@njit(cache=True, nogil=True)
def _argreduce(codes, values, ngroups, want_max):  # pragma: no cover - compiled
    out = np.full(ngroups, -1, dtype=np.int64)
    for i in range(codes.shape[0]):
        g = codes[i]
        if g < 0:
            continue
        v = values[i]
        if v != v:
            continue
        j = out[g]
        if j < 0 or (want_max and v > values[j]) or (not want_max and v < values[j]):
            out[g] = i
    return out


def group_argreduce(codes: np.ndarray, values: np.ndarray, ngroups: int, op: str) -> np.ndarray:
    """Row number of the first minimum (``op="argmin"``) or maximum (``"argmax"``) of the
    non-NaN values of each group; -1 for a group without one.

    Examples
    --------
    >>> group_argreduce(np.array([0, 0, 1, 0]), np.array([3, 1, 2, 1]), 2, "argmin").tolist()
    [1, 2]
    """
    if op not in ("argmin", "argmax"):
        raise ValueError(
            f"Invalid value for argument `op`. Expected 'argmin' or 'argmax'. Received: op={op!r}"
        )
    return _argreduce(
        np.ascontiguousarray(codes), _prep(np.asarray(values)), ngroups, op == "argmax"
    )


# --------------------------------------------------------------------------- rolling
@njit(cache=True, nogil=True)
def _rolling(values, order, offsets, window, min_periods, op, ddof, out):  # pragma: no cover
    ng = offsets.shape[0] - 1
    for g in range(ng):
        lo, hi = offsets[g], offsets[g + 1]
        for j in range(lo, hi):
            start = max(lo, j - window + 1)
            cnt = 0
            s = 0.0
            mn = np.inf
            mx = -np.inf
            for m in range(start, j + 1):
                v = values[order[m]]
                if v == v:
                    cnt += 1
                    s += v
                    mn = min(mn, v)
                    mx = max(mx, v)
            r = np.nan
            if op == 4:  # count: min_periods applies to the rows in the window (as pandas)
                if j - start + 1 >= min_periods:
                    r = cnt
            elif cnt >= min_periods and cnt > 0:
                if op == 0:
                    r = s
                elif op == 1:
                    r = s / cnt
                elif op == 2:
                    r = mn
                elif op == 3:
                    r = mx
                else:
                    mean = s / cnt
                    sq = 0.0
                    for m in range(start, j + 1):
                        v = values[order[m]]
                        if v == v:
                            sq += (v - mean) * (v - mean)
                    if cnt - ddof > 0:
                        r = sq / (cnt - ddof)
                        if op == 6:
                            r = np.sqrt(r)
            out[order[j]] = r


def group_rolling(
    codes: np.ndarray,
    values: np.ndarray,
    ngroups: int,
    window: int,
    op: str,
    *,
    min_periods: int | None = None,
    ddof: int = 1,
) -> np.ndarray:
    """Rolling ``op`` over the last ``window`` rows of each group (float64, in row order).

    ``op`` is one of sum mean min max count var std; a window with fewer than
    ``min_periods`` (default ``window``) non-NaN values gives NaN, as pandas.

    Examples
    --------
    >>> group_rolling(np.array([0, 0, 1, 0]), np.array([1.0, 2, 5, 3]), 2, 2, "sum").tolist()
    [nan, 3.0, nan, 5.0]
    """
    if op not in ROLLING_OPS:
        raise ValueError(
            f"Invalid value for argument `op`. Expected one of {list(ROLLING_OPS)}. Received: op={op!r}"
        )
    if int(window) < 1:
        raise ValueError(
            f"Invalid value for argument `window`. Expected an int >= 1. Received: window={window!r}"
        )
    mp = int(window) if min_periods is None else int(min_periods)
    order, offsets = group_order(codes, ngroups)
    vals = _prep(np.asarray(values)).astype(np.float64, copy=False)
    out = np.full(np.asarray(codes).shape[0], np.nan)
    _rolling(vals, order, offsets, int(window), mp, ROLLING_OPS[op], int(ddof), out)
    return out


# --------------------------------------------------------------------------- group codes
@njit(cache=True, nogil=True, parallel=True)
def _combine_step(acc, c, lo, card, null_code, nch):  # pragma: no cover - compiled
    n = acc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            a = acc[i]
            k = np.int64(c[i]) - lo
            if k < 0:
                k = null_code
            if a < 0 or k < 0:
                acc[i] = -1
            else:
                acc[i] = a * card + k


@njit(cache=True, nogil=True, parallel=True)
def _combine_two(acc, a, b, lo_a, lo_b, card_b, null_a, null_b, nch):  # pragma: no cover
    n = acc.shape[0]
    step = (n + nch - 1) // nch
    for t in prange(nch):
        for i in range(t * step, min(n, (t + 1) * step)):
            x = np.int64(a[i]) - lo_a
            y = np.int64(b[i]) - lo_b
            if x < 0:
                x = null_a
            if y < 0:
                y = null_b
            acc[i] = -1 if (x < 0 or y < 0) else x * card_b + y


@njit(cache=True, nogil=True)
def _hash_densify(keys):  # pragma: no cover - compiled
    """First-seen dense codes of non-negative int64 keys (negative -> -1), open addressing."""
    n = keys.shape[0]
    bits = 4
    while (1 << bits) * 7 < n * 10:
        bits += 1
    size = 1 << bits
    mask = size - 1
    shift = np.uint64(64 - bits)
    tkeys = np.empty(size, dtype=np.int64)
    tvals = np.full(size, -1, dtype=np.int64)
    out = np.empty(n, dtype=np.int64)
    first = np.empty(n, dtype=np.int64)
    k = 0
    for i in range(n):
        x = keys[i]
        if x < 0:
            out[i] = -1
            continue
        slot = np.int64((np.uint64(x) * np.uint64(0x9E3779B97F4A7C15)) >> shift)
        while True:
            v = tvals[slot]
            if v < 0:
                tkeys[slot] = x
                tvals[slot] = k
                out[i] = k
                first[k] = i
                k += 1
                break
            if tkeys[slot] == x:
                out[i] = v
                break
            slot = (slot + 1) & mask
    return out, k, first[:k]


def combine_codes(
    codes: Sequence[np.ndarray],
    cardinalities: Sequence[int],
    *,
    sort: bool = True,
    dropna: bool = True,
    offsets: Sequence[int] | None = None,
    compact: bool = True,
) -> tuple[np.ndarray, int, np.ndarray | None]:
    """Group codes for rows keyed by several dense key codes.

    ``codes[k][i]`` is the code of key ``k`` in row ``i``, in ``[0, cardinalities[k])``, or
    negative for a null. Returns ``(group, ngroups, first)``: dense group codes (-1 for rows
    with a null key when ``dropna``; otherwise null is a value after all others), the number
    of groups, and the first row of each group. Groups are ordered by the key codes
    (``sort=True``, lexicographic) or by first appearance.

    ``offsets[k]`` (default 0) is subtracted from key ``k`` first, so raw integer keys
    without nulls (values in ``[lo, lo + card)``) need no codes of their own. With
    ``compact=False`` and a small key space the codes are returned undensified: slot
    numbers in ``[0, space)`` (lexicographic), ``ngroups = space`` and ``first = None``;
    empty slots are then the caller's to drop.

    Examples
    --------
    >>> g, ng, first = combine_codes([np.array([1, 0, 1, -1]), np.array([2, 2, 2, 0])], [2, 3])
    >>> g.tolist(), ng, first.tolist()
    ([1, 0, 1, -1], 2, [1, 0])
    >>> g, ng, first = combine_codes([np.array([1, 0, 1, -1])], [2], sort=False, dropna=False)
    >>> g.tolist(), ng, first.tolist()
    ([0, 1, 0, 2], 3, [0, 1, 3])
    """
    from ._numpy import _DIRECT_SLOTS, _first_index

    if not codes:
        raise ValueError("combine_codes: `codes` must hold at least one array; received none")
    n = np.asarray(codes[0]).shape[0]
    cards = [int(c) + (0 if dropna else 1) for c in cardinalities]
    nch = max(1, get_num_threads()) if n >= _PAR_MIN_ROWS else 1
    offs = [0] * len(codes) if offsets is None else [int(o) for o in offsets]
    space = 1
    start = 0
    if len(codes) >= 2 and cards[0] * cards[1] < 2**62:  # first two keys in one pass
        acc = np.empty(n, dtype=np.int64)
        _combine_two(
            acc,
            np.ascontiguousarray(codes[0]),
            np.ascontiguousarray(codes[1]),
            offs[0],
            offs[1],
            max(cards[1], 1),
            -1 if dropna else int(cardinalities[0]),
            -1 if dropna else int(cardinalities[1]),
            nch,
        )
        space = max(cards[0], 1) * max(cards[1], 1)
        start = 2
    else:
        acc = np.zeros(n, dtype=np.int64)
    for c, card, raw, lo in list(zip(codes, cards, cardinalities, offs))[start:]:
        if space * max(card, 1) >= 2**62:  # too many combinations: densify what we have
            acc, space, _ = _densify_any(acc, space, sort)
        null_code = -1 if dropna else int(raw)
        _combine_step(acc, np.ascontiguousarray(c), lo, max(card, 1), null_code, nch)
        space *= max(card, 1)
    if not compact and space <= max(_DIRECT_SLOTS, n):
        return acc, space, None
    group, ng, first = _densify_any(acc, space, sort)
    if first is None:
        first = _first_index(group, ng)
    return group, ng, first


def _densify_any(acc: np.ndarray, space: int, sort: bool):
    """Dense codes of non-negative int64 ``acc`` in ``[0, space)``: a slot table when the
    space is small, a hash table otherwise. Returns (codes, ngroups, first rows or None)."""
    from ._numpy import _DIRECT_SLOTS, _dense_first_seen, _dense_sorted

    n = acc.shape[0]
    if space <= max(_DIRECT_SLOTS, 4 * n):
        codes, k = (_dense_sorted if sort else _dense_first_seen)(acc, space)
        return codes, int(k), None
    codes, k, first = _hash_densify(acc)
    k = int(k)
    if sort and k:
        uniq = acc[first]
        order = np.argsort(uniq, kind="stable")
        rank = np.empty(k, dtype=np.int64)
        rank[order] = np.arange(k, dtype=np.int64)
        codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1)
        first = first[order]
    return codes, k, first
