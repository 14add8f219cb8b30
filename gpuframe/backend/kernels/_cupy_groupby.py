"""Group kernels for CuPy arrays: same names and contracts as ``_numpy_groupby``.

Built from CuPy library calls (stable sorts, bincount, searchsorted, scans); the few
sequential per-group loops (scans, rolling windows) are small elementwise kernels.
Only imported when a CuPy array reaches :func:`gpuframe.backend.kernels.get_kernels`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cupy as cp

from ._common import QUANTILE_METHODS, RANK_METHODS, ROLLING_OPS, SCAN_OPS

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


_scan_kernel = cp.ElementwiseKernel(
    "int64 start, int64 end, raw T v, raw int64 order, int32 op, bool skipna",
    "raw U out",
    """
    U acc = 0; bool started = false; bool poisoned = false; T pv = 0;
    for (long long j = start; j < end; ++j) {
        long long r = order[j];
        T x = v[r];
        if (x != x) { out[r] = (U)x; if (!skipna) { poisoned = true; pv = x; } continue; }
        if (poisoned) { out[r] = (U)pv; continue; }
        U y = (U)x;
        if (!started) { acc = y; started = true; }
        else if (op == 0) { acc += y; }
        else if (op == 1) { acc *= y; }
        else if (op == 2) { if (y < acc) acc = y; }
        else { if (y > acc) acc = y; }
        out[r] = acc;
    }
    """,
    "gpuframe_group_scan",
)

_rolling_kernel = cp.ElementwiseKernel(
    "int64 lo, int64 j, raw float64 sv, int32 op, int64 min_periods, int64 ddof",
    "float64 out",
    """
    long long cnt = 0; double s = 0.0, mn = 1.0 / 0.0, mx = -1.0 / 0.0;
    for (long long m = lo; m <= j; ++m) {
        double v = sv[m];
        if (v == v) { cnt++; s += v; mn = v < mn ? v : mn; mx = v > mx ? v : mx; }
    }
    double r = 0.0 / 0.0;
    if (op == 4) {
        if (j - lo + 1 >= min_periods) r = (double)cnt;
    } else if (cnt >= min_periods && cnt > 0) {
        if (op == 0) r = s;
        else if (op == 1) r = s / cnt;
        else if (op == 2) r = mn;
        else if (op == 3) r = mx;
        else {
            double mean = s / cnt, sq = 0.0;
            for (long long m = lo; m <= j; ++m) {
                double v = sv[m];
                if (v == v) sq += (v - mean) * (v - mean);
            }
            if (cnt - ddof > 0) { r = sq / (cnt - ddof); if (op == 6) r = sqrt(r); }
        }
    }
    out = r;
    """,
    "gpuframe_group_rolling",
)


def _prep(values: Any) -> Any:
    if values.dtype.kind == "b":
        return values.view(cp.uint8)
    if values.dtype.kind in "mM":
        return values.view(cp.int64)
    return values


def _f64(values: Any) -> Any:
    return _prep(values).astype(cp.float64, copy=False)


def group_aggregate(
    codes: Any,
    ngroups: int,
    requests: Sequence[tuple[Any, str]],
    *,
    ddof: int = 1,
    skipna: bool = True,
) -> list[tuple[Any, Any]]:
    """Several ``(values, op)`` reductions per group; one ``group_reduce`` per request."""
    from ._cupy import group_reduce

    return [group_reduce(codes, v, ngroups, op, ddof=ddof, skipna=skipna) for v, op in requests]


def group_order(codes: Any, ngroups: int) -> tuple[Any, Any]:
    """Row numbers grouped by code (stable) and the ``ngroups + 1`` segment offsets."""
    codes = codes.astype(cp.int64, copy=False)
    order = cp.argsort(codes, kind="stable")
    valid = codes >= 0
    nneg = int(codes.size - int(valid.sum()))
    order = order[nneg:]
    counts = cp.bincount(codes[valid], minlength=ngroups)[:ngroups]
    offsets = cp.zeros(ngroups + 1, dtype=cp.int64)
    cp.cumsum(counts, out=offsets[1:])
    return order, offsets


def _sort_within(codes: Any, key: Any) -> Any:
    """Row order by (code, key) with stable ties; rows with a negative code left out."""
    o1 = cp.argsort(key, kind="stable")
    o2 = cp.argsort(codes[o1], kind="stable")
    order = o1[o2]
    nneg = int((codes < 0).sum())
    return order[nneg:]


def group_quantile(
    codes: Any, values: Any, ngroups: int, q: float, *, interpolation: str = "linear"
) -> tuple[Any, Any]:
    """The ``q``-quantile of the non-NaN values of each group (float64), and the count."""
    if interpolation not in QUANTILE_METHODS:
        raise ValueError(
            "Invalid value for argument `interpolation`. Expected one of "
            f"{list(QUANTILE_METHODS)}. Received: interpolation={interpolation!r}"
        )
    if not 0.0 <= float(q) <= 1.0:
        raise ValueError(
            f"Invalid value for argument `q`. Expected a float in [0, 1]. Received: q={q!r}"
        )
    codes = codes.astype(cp.int64, copy=False)
    v = _f64(values)
    ok = (codes >= 0) & ~cp.isnan(v)
    c = cp.where(ok, codes, -1)
    order = _sort_within(c, v)
    sv = v[order]
    cnt = cp.bincount(c[ok], minlength=ngroups)[:ngroups].astype(cp.int64)
    offsets = cp.cumsum(cnt) - cnt
    pos = float(q) * (cnt - 1).astype(cp.float64)
    i0 = cp.floor(pos).astype(cp.int64)
    i1 = cp.minimum(i0 + 1, cnt - 1)
    frac = pos - i0
    has = cnt > 0
    g0 = cp.where(has, offsets + cp.maximum(i0, 0), 0)
    g1 = cp.where(has, offsets + cp.maximum(i1, 0), 0)
    if sv.size == 0:
        return cp.full(ngroups, cp.nan), cnt
    a, b = sv[g0], sv[g1]
    if interpolation == "linear":
        r = a + (b - a) * frac
    elif interpolation == "lower":
        r = a
    elif interpolation == "higher":
        r = cp.where(frac > 0, b, a)
    elif interpolation == "midpoint":
        r = cp.where(frac > 0, (a + b) / 2.0, a)
    else:
        r = sv[cp.where(has, offsets + cp.rint(pos).astype(cp.int64), 0)]
    return cp.where(has, r, cp.nan), cnt


def group_nth_index(codes: Any, ngroups: int, n: int, *, valid: Any = None) -> Any:
    """Row number of the ``n``-th row of each group (negative from the end), -1 if none."""
    codes = codes.astype(cp.int64, copy=False)
    if valid is not None:
        codes = cp.where(valid, codes, -1)
    order, offsets = group_order(codes, ngroups)
    cnt = offsets[1:] - offsets[:-1]
    k = cp.full(ngroups, int(n), dtype=cp.int64)
    if n < 0:
        k = cnt + int(n)
    ok = (k >= 0) & (k < cnt)
    if order.size == 0:
        return cp.full(ngroups, -1, dtype=cp.int64)
    return cp.where(ok, order[cp.where(ok, offsets[:-1] + k, 0)], -1)


def group_topk(
    codes: Any, values: Any, ngroups: int, k: int, *, largest: bool = True
) -> tuple[Any, Any]:
    """The ``k`` largest (or smallest) non-NaN values of each group: ``(group, row)``."""
    if int(k) < 0:
        raise ValueError(f"Invalid value for argument `k`. Expected k >= 0. Received: k={k!r}")
    codes = codes.astype(cp.int64, copy=False)
    v = _f64(values)
    c = cp.where(cp.isnan(v), -1, codes)
    order = _sort_within(c, -v if largest else v)
    sc = c[order]
    offsets = cp.searchsorted(sc, sc, side="left")
    rank = cp.arange(sc.size, dtype=cp.int64) - offsets
    keep = rank < int(k)
    return sc[keep], order[keep]


def _comoments(codes: Any, x: Any, y: Any, ngroups: int):
    codes = codes.astype(cp.int64, copy=False)
    x, y = _f64(x), _f64(y)
    ok = (codes >= 0) & ~cp.isnan(x) & ~cp.isnan(y)
    c = cp.where(ok, codes, 0)
    w = ok.astype(cp.float64)
    cnt = cp.bincount(c, weights=w, minlength=ngroups)[:ngroups]
    mx = cp.bincount(c, weights=cp.where(ok, x, 0.0), minlength=ngroups)[:ngroups] / cnt
    my = cp.bincount(c, weights=cp.where(ok, y, 0.0), minlength=ngroups)[:ngroups] / cnt
    dx = cp.where(ok, x - mx[c], 0.0)
    dy = cp.where(ok, y - my[c], 0.0)
    sxx = cp.bincount(c, weights=dx * dx, minlength=ngroups)[:ngroups]
    syy = cp.bincount(c, weights=dy * dy, minlength=ngroups)[:ngroups]
    sxy = cp.bincount(c, weights=dx * dy, minlength=ngroups)[:ngroups]
    return sxx, syy, sxy, cnt.astype(cp.int64)


def group_corr(codes: Any, x: Any, y: Any, ngroups: int) -> tuple[Any, Any]:
    """Pearson correlation per group over rows where both values are non-NaN."""
    sxx, syy, sxy, c = _comoments(codes, x, y, ngroups)
    r = sxy / cp.sqrt(sxx * syy)
    r = cp.where(c < 2, cp.nan, r)
    return cp.clip(r, -1.0, 1.0), c


def group_cov(codes: Any, x: Any, y: Any, ngroups: int, *, ddof: int = 1) -> tuple[Any, Any]:
    """Covariance per group over rows where both values are non-NaN."""
    _, _, sxy, c = _comoments(codes, x, y, ngroups)
    denom = (c - ddof).astype(cp.float64)
    return cp.where(denom > 0, sxy / cp.where(denom > 0, denom, 1.0), cp.nan), c


def group_nunique(codes: Any, values: Any, ngroups: int, *, dropna: bool = True) -> Any:
    """Number of distinct values per group (NaN counted once unless ``dropna``)."""
    from ._cupy import factorize

    codes = codes.astype(cp.int64, copy=False)
    vcodes, vuniq = factorize(values, sort=True, dropna=dropna)
    nv = max(int(vuniq[0].size), 1)
    sel = (codes >= 0) & (vcodes >= 0)
    pairs = cp.unique(codes[sel] * nv + vcodes[sel])
    return cp.bincount(pairs // nv, minlength=ngroups)[:ngroups].astype(cp.int64)


def group_scan(codes: Any, values: Any, ngroups: int, op: str, *, skipna: bool = True) -> Any:
    """Cumulative ``cumsum cumprod cummin cummax`` within each group, in row order."""
    if op not in SCAN_OPS:
        raise ValueError(
            f"Invalid value for argument `op`. Expected one of {list(SCAN_OPS)}. "
            f"Received: op={op!r}"
        )
    kind = values.dtype.kind
    work = _prep(values)
    if op in ("cumsum", "cumprod"):
        out_dtype = (
            cp.dtype(cp.float64)
            if kind == "f"
            else (cp.dtype(cp.uint64) if kind == "u" else cp.dtype(cp.int64))
        )
    else:
        out_dtype = work.dtype
    out = cp.full(work.size, cp.nan if out_dtype.kind == "f" else 0, dtype=out_dtype)
    order, offsets = group_order(codes, ngroups)
    if ngroups:
        _scan_kernel(offsets[:-1], offsets[1:], work, order, SCAN_OPS[op], skipna, out)
    if op in ("cummin", "cummax") and kind in "bmM":
        out = out.astype(bool) if kind == "b" else out.view(values.dtype)
    return out


def _positions(codes: Any, ngroups: int) -> tuple[Any, Any, Any]:
    """(order, offsets, position of each sorted row within its group)."""
    order, offsets = group_order(codes, ngroups)
    sc = codes[order]
    pos = cp.arange(order.size, dtype=cp.int64) - offsets[sc]
    return order, offsets, pos


def group_cumcount(codes: Any, ngroups: int, *, ascending: bool = True) -> Any:
    """Position of each row within its group; -1 for rows with a negative code."""
    codes = codes.astype(cp.int64, copy=False)
    order, offsets, pos = _positions(codes, ngroups)
    if not ascending:
        cnt = offsets[1:] - offsets[:-1]
        pos = cnt[codes[order]] - 1 - pos
    out = cp.full(codes.size, -1, dtype=cp.int64)
    out[order] = pos
    return out


def group_shift_index(codes: Any, ngroups: int, periods: int = 1) -> Any:
    """Row number of the row ``periods`` places earlier in the same group, -1 if none."""
    codes = codes.astype(cp.int64, copy=False)
    order, offsets, pos = _positions(codes, ngroups)
    sc = codes[order]
    cnt = (offsets[1:] - offsets[:-1])[sc]
    src = pos - int(periods)
    ok = (src >= 0) & (src < cnt)
    out = cp.full(codes.size, -1, dtype=cp.int64)
    if order.size:
        out[order] = cp.where(ok, order[cp.where(ok, offsets[sc] + src, 0)], -1)
    return out


def group_rank(
    codes: Any,
    values: Any,
    ngroups: int,
    *,
    method: str = "average",
    ascending: bool = True,
    na_option: str = "keep",
    pct: bool = False,
) -> Any:
    """Rank of each value within its group (float64, 1-based, as pandas' ``rank``)."""
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
    codes = codes.astype(cp.int64, copy=False)
    v = _f64(values)
    isnan = cp.isnan(v)
    if not ascending:
        v = -v
    if na_option != "keep":
        v = cp.where(cp.isinf(v), cp.sign(v) * cp.finfo(cp.float64).max, v)
        v = cp.where(isnan, -cp.inf if na_option == "top" else cp.inf, v)
        isnan = cp.zeros_like(isnan)
    c = cp.where(isnan, -1, codes)
    order = _sort_within(c, v)
    out = cp.full(codes.size, cp.nan)
    if order.size == 0:
        return out
    sc, sv = c[order], v[order]
    m = order.size
    idx = cp.arange(m, dtype=cp.int64)
    gstart = cp.searchsorted(sc, sc, side="left")
    new_run = cp.ones(m, dtype=cp.bool_)
    new_run[1:] = (sc[1:] != sc[:-1]) | (sv[1:] != sv[:-1])
    run_id = cp.cumsum(new_run) - 1
    run_first = idx[new_run]
    run_last = cp.concatenate([run_first[1:] - 1, cp.asarray([m - 1], dtype=cp.int64)])
    lo = run_first[run_id] - gstart + 1
    hi = run_last[run_id] - gstart + 1
    if method == "average":
        r = (lo + hi) / 2.0
    elif method == "min":
        r = lo.astype(cp.float64)
    elif method == "max":
        r = hi.astype(cp.float64)
    elif method == "first":
        r = (idx - gstart + 1).astype(cp.float64)
    else:
        r = (run_id - run_id[gstart] + 1).astype(cp.float64)
    if pct:
        if method == "dense":
            denom = cp.zeros(ngroups)
            cp.maximum.at(denom, sc, r)
        else:
            denom = cp.bincount(sc, minlength=ngroups)[:ngroups].astype(cp.float64)
        r = r / denom[sc]
    out[order] = r
    return out


def group_argreduce(codes: Any, values: Any, ngroups: int, op: str) -> Any:
    """Row number of the first minimum/maximum non-NaN value of each group; -1 if none."""
    from ._cupy import group_reduce

    if op not in ("argmin", "argmax"):
        raise ValueError(
            f"Invalid value for argument `op`. Expected 'argmin' or 'argmax'. Received: op={op!r}"
        )
    codes = codes.astype(cp.int64, copy=False)
    work = _prep(values)
    best, cnt = group_reduce(codes, work, ngroups, "min" if op == "argmin" else "max")
    n = codes.size
    safe = cp.where(codes >= 0, codes, 0)
    hit = (codes >= 0) & (work == best[safe]) & (cnt[safe] > 0)
    first = cp.full(ngroups, n, dtype=cp.int64)
    rows = cp.arange(n, dtype=cp.int64)
    cp.minimum.at(first, codes[hit], rows[hit])
    return cp.where(first < n, first, -1)


def group_rolling(
    codes: Any,
    values: Any,
    ngroups: int,
    window: int,
    op: str,
    *,
    min_periods: int | None = None,
    ddof: int = 1,
) -> Any:
    """Rolling ``op`` over the last ``window`` rows of each group (float64, row order)."""
    if op not in ROLLING_OPS:
        raise ValueError(
            f"Invalid value for argument `op`. Expected one of {list(ROLLING_OPS)}. "
            f"Received: op={op!r}"
        )
    if int(window) < 1:
        raise ValueError(
            f"Invalid value for argument `window`. Expected an int >= 1. Received: window={window!r}"
        )
    mp = int(window) if min_periods is None else int(min_periods)
    codes = codes.astype(cp.int64, copy=False)
    order, _, pos = _positions(codes, ngroups)
    out = cp.full(codes.size, cp.nan)
    if order.size == 0:
        return out
    sv = _f64(values)[order]
    j = cp.arange(order.size, dtype=cp.int64)
    lo = cp.maximum(j - pos, j - int(window) + 1)
    out[order] = _rolling_kernel(lo, j, sv, ROLLING_OPS[op], mp, int(ddof))
    return out


def combine_codes(
    codes: Sequence[Any],
    cardinalities: Sequence[int],
    *,
    sort: bool = True,
    dropna: bool = True,
    offsets: Sequence[int] | None = None,
    compact: bool = True,
) -> tuple[Any, int, Any]:
    """Group codes for rows keyed by several dense key codes; same contract as NumPy's."""
    from ._cupy import _DIRECT_SLOTS, _densify

    if not codes:
        raise ValueError("combine_codes: `codes` must hold at least one array; received none")
    n = int(codes[0].size)
    acc = cp.zeros(n, dtype=cp.int64)
    space = 1
    offs = [0] * len(codes) if offsets is None else [int(o) for o in offsets]
    for c, raw, lo in zip(codes, cardinalities, offs):
        card = max(int(raw) + (0 if dropna else 1), 1)
        if space * card >= 2**62:
            acc, space = _densify(acc, space, True)
        k = c.astype(cp.int64) - lo
        if not dropna:
            k = cp.where(k < 0, int(raw), k)
        acc = cp.where((acc < 0) | (k < 0), -1, acc * card + k)
        space *= card
    if not compact and space <= max(_DIRECT_SLOTS, n):
        return acc, space, None
    group, ng = _densify(acc, space, sort)
    first = cp.full(ng, n, dtype=cp.int64)
    valid = group >= 0
    cp.minimum.at(first, group[valid], cp.arange(n, dtype=cp.int64)[valid])
    return group, ng, first
