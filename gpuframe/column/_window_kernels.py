"""Numba kernels for trailing windows on the CPU: one pass each, pandas' update rules.

A window of ``w`` rows slides one row at a time: the row that leaves is removed, the row that
enters is added (Kahan-compensated sums; Welford's mean and squared deviations for the
variance), as pandas' ``roll_sum``/``roll_mean``/``roll_var`` do, so the answers agree with
pandas to rounding. NaN rows are missing: they do not count as observations.
Inputs are already validated float64 arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..backend._parallel import chunk_bounds, map_chunks, num_workers, parallel_rows

__all__ = ["bounded_moments", "bounded_quantile", "rolling_moments", "time_bounds_numpy"]


@njit(cache=True, nogil=True)
def _roll_sum(x, w, minp, mean, out):  # pragma: no cover - compiled
    s = 0.0
    comp = 0.0
    nobs = 0
    prev = np.nan
    same = 0
    for i in range(x.shape[0]):
        if i >= w:
            u = x[i - w]
            if u == u:
                nobs -= 1
                y = -u - comp
                t = s + y
                comp = t - s - y
                s = t
        v = x[i]
        if v == v:
            nobs += 1
            y = v - comp
            t = s + y
            comp = t - s - y
            s = t
            if v == prev:
                same += 1
            else:
                same = 1
            prev = v
        if nobs >= minp and nobs > 0:
            r = prev * nobs if same >= nobs else s
            out[i] = r / nobs if mean else r
        elif nobs == 0 and minp == 0 and not mean:
            out[i] = 0.0  # pandas: the sum of an empty window is 0 when min_periods=0
        else:
            out[i] = np.nan


@njit(cache=True, nogil=True)
def _window_moments(x, lo, hi):  # pragma: no cover - compiled
    """Mean and squared deviations of the non-NaN values of x[lo:hi], two passes."""
    s = 0.0
    k = 0
    for j in range(lo, hi):
        if x[j] == x[j]:
            s += x[j]
            k += 1
    m = s / k if k else 0.0
    q = 0.0
    for j in range(lo, hi):
        if x[j] == x[j]:
            q += (x[j] - m) * (x[j] - m)
    return m, q


@njit(cache=True, nogil=True)
def _roll_var(x, w, minp, ddof, out):  # pragma: no cover - compiled
    nobs = 0
    mean_x = 0.0
    ssq = 0.0
    comp = 0.0
    prev = np.nan
    same = 0
    peak = 0.0
    for i in range(x.shape[0]):
        if i >= w:
            u = x[i - w]
            if u == u:
                nobs -= 1
                if nobs:
                    prev_mean = mean_x - comp
                    y = u - comp
                    t = y - mean_x
                    comp = t + mean_x - y
                    mean_x -= t / nobs
                    ssq -= (u - prev_mean) * (u - mean_x)
                    if ssq < peak * 1e-8:  # a large value left: rebuild from the window
                        mean_x, ssq = _window_moments(x, i - w + 1, i)
                        comp = 0.0
                        peak = ssq
                else:
                    mean_x = 0.0
                    ssq = 0.0
                    peak = 0.0
        v = x[i]
        if v == v:
            nobs += 1
            prev_mean = mean_x - comp
            y = v - comp
            t = y - mean_x
            comp = t + mean_x - y
            mean_x += t / nobs
            ssq += (v - prev_mean) * (v - mean_x)
            if ssq > peak:
                peak = ssq
            if v == prev:
                same += 1
            else:
                same = 1
            prev = v
        if nobs >= minp and nobs > ddof:
            if nobs == 1 or same >= nobs:
                out[i] = 0.0
            else:
                r = ssq / (nobs - ddof)
                out[i] = r if r > 0.0 else 0.0
        else:
            out[i] = np.nan


def rolling_moments(x: np.ndarray, window: int, op: str, min_periods: int, ddof: int) -> np.ndarray:
    """Trailing-window ``sum``, ``mean``, ``var`` or ``std`` of float64 ``x`` (NaN = missing);
    NaN where fewer than ``min_periods`` values are present (an empty window sums to 0 when
    ``min_periods`` is 0, as pandas)."""
    out = np.empty(x.shape[0], dtype=np.float64)
    if op in ("sum", "mean"):
        _roll_sum(x, int(window), int(min_periods), op == "mean", out)
        return out
    _roll_var(x, int(window), max(int(min_periods), 1), int(ddof), out)
    return np.sqrt(out, out=out) if op == "std" else out


# --------------------------------------------------------------------------- bounded windows
# Row ``i``'s window is ``x[start[i]:end[i]]``; both bounds never decrease (trailing, centred,
# expanding and time-offset windows all have this shape), so each row removes what left and
# adds what entered, as pandas' ``roll_*`` with a ``BaseIndexer`` do.


@njit(cache=True, nogil=True)
def _bounded_sum(x, start, end, minp, mean, out):  # pragma: no cover - compiled
    s_x = 0.0
    c_add = 0.0
    c_rem = 0.0
    nobs = 0
    neg = 0
    prev = np.nan
    same = 0
    for i in range(start.shape[0]):
        s = start[i]
        e = end[i]
        if i == 0 or s >= end[i - 1]:
            s_x = 0.0
            c_add = 0.0
            c_rem = 0.0
            nobs = 0
            neg = 0
            same = 0
            prev = x[s] if s < x.shape[0] else np.nan
            lo = s
        else:
            for j in range(start[i - 1], s):
                u = x[j]
                if u == u:
                    nobs -= 1
                    if u < 0:
                        neg -= 1
                    y = -u - c_rem
                    t = s_x + y
                    c_rem = t - s_x - y
                    s_x = t
            lo = end[i - 1]
        for j in range(lo, e):
            v = x[j]
            if v == v:
                nobs += 1
                if v < 0:
                    neg += 1
                y = v - c_add
                t = s_x + y
                c_add = t - s_x - y
                s_x = t
                if v == prev:
                    same += 1
                else:
                    same = 1
                prev = v
        if mean:
            if nobs >= minp and nobs > 0:
                r = s_x / nobs
                if same >= nobs:
                    r = prev
                elif neg == 0 and r < 0:
                    r = 0.0
                elif neg == nobs and r > 0:
                    r = 0.0
                out[i] = r
            else:
                out[i] = np.nan
        elif nobs == 0 and minp == 0:
            out[i] = 0.0
        elif nobs >= minp:
            out[i] = prev * nobs if same >= nobs else s_x
        else:
            out[i] = np.nan


@njit(cache=True, nogil=True)
def _bounded_var(x, start, end, minp, ddof, out):  # pragma: no cover - compiled
    nobs = 0
    mean_x = 0.0
    ssq = 0.0
    c_add = 0.0
    c_rem = 0.0
    prev = np.nan
    same = 0
    peak = 0.0
    for i in range(start.shape[0]):
        s = start[i]
        e = end[i]
        if i == 0 or s >= end[i - 1]:
            nobs = 0
            mean_x = 0.0
            ssq = 0.0
            c_add = 0.0
            c_rem = 0.0
            same = 0
            peak = 0.0
            prev = x[s] if s < x.shape[0] else np.nan
            lo = s
        else:
            for j in range(start[i - 1], s):
                u = x[j]
                if u == u:
                    nobs -= 1
                    if nobs:
                        prev_mean = mean_x - c_rem
                        y = u - c_rem
                        t = y - mean_x
                        c_rem = t + mean_x - y
                        mean_x -= t / nobs
                        ssq -= (u - prev_mean) * (u - mean_x)
                    else:
                        mean_x = 0.0
                        ssq = 0.0
                        peak = 0.0
            if nobs and ssq < peak * 1e-8:  # a large value left: rebuild from the window
                mean_x, ssq = _window_moments(x, s, end[i - 1])
                c_add = 0.0
                c_rem = 0.0
                peak = ssq
            lo = end[i - 1]
        for j in range(lo, e):
            v = x[j]
            if v == v:
                nobs += 1
                if v == prev:
                    same += 1
                else:
                    same = 1
                prev = v
                prev_mean = mean_x - c_add
                y = v - c_add
                t = y - mean_x
                c_add = t + mean_x - y
                mean_x += t / nobs
                ssq += (v - prev_mean) * (v - mean_x)
                if ssq > peak:
                    peak = ssq
        if nobs >= minp and nobs > ddof:
            if nobs == 1 or same >= nobs:
                out[i] = 0.0
            else:
                r = ssq / (nobs - ddof)
                out[i] = r if r > 0.0 else 0.0
        else:
            out[i] = np.nan


@njit(cache=True, nogil=True)
def _bounded_extreme(x, start, end, minp, is_max, out):  # pragma: no cover - compiled
    """Monotonic deque of row positions whose values decrease (max) or increase (min)."""
    q = np.empty(x.shape[0] + 1, dtype=np.int64)
    head = 0
    tail = 0
    nobs = 0
    # rows before the first window never count: a chunk of rows starts where its first
    # window does (the whole array: row 0)
    added = start[0] if start.shape[0] else 0
    removed = added
    for i in range(start.shape[0]):
        s = start[i]
        e = end[i]
        while added < e:
            v = x[added]
            if v == v:
                nobs += 1
                if is_max:
                    while tail > head and x[q[tail - 1]] <= v:
                        tail -= 1
                else:
                    while tail > head and x[q[tail - 1]] >= v:
                        tail -= 1
                q[tail] = added
                tail += 1
            added += 1
        while removed < s:
            if x[removed] == x[removed]:
                nobs -= 1
            removed += 1
        while tail > head and q[head] < s:
            head += 1
        if nobs >= minp and nobs > 0 and tail > head:
            out[i] = x[q[head]]
        else:
            out[i] = np.nan


@njit(cache=True, nogil=True)
def _running_extreme(x, end, minp, is_max, out):  # pragma: no cover - compiled
    """Windows that all start at row 0 (expanding): a running maximum (minimum)."""
    r = -np.inf if is_max else np.inf
    nobs = 0
    added = 0
    for i in range(end.shape[0]):
        e = end[i]
        while added < e:
            v = x[added]
            if v == v:
                nobs += 1
                if (v > r) if is_max else (v < r):
                    r = v
            added += 1
        out[i] = r if nobs >= minp and nobs > 0 else np.nan


def _extreme(
    x: np.ndarray, s: np.ndarray, e: np.ndarray, minp: int, is_max: bool, out: Any
) -> None:
    """Min/max of every window: a running extreme where every window starts at row 0;
    else the deque, row chunks on the pool where the windows are short next to a chunk
    (a chunk rebuilds its first window; min/max are exact, so the answer is the same)."""
    n = int(s.shape[0])
    if n and int(s[-1]) == 0:  # bounds never decrease: every window starts at row 0
        _running_extreme(x, e, minp, is_max, out)
        return
    if parallel_rows(n):
        bounds = chunk_bounds(n, num_workers() * 4)
        if all(c0 - int(s[c0]) <= (c1 - c0) // 4 for c0, c1 in bounds):

            def body(c0: int, c1: int) -> None:
                _bounded_extreme(x, s[c0:c1], e[c0:c1], minp, is_max, out[c0:c1])

            map_chunks(body, n, chunks=len(bounds))
            return
    _bounded_extreme(x, s, e, minp, is_max, out)


def bounded_moments(
    x: np.ndarray, start: np.ndarray, end: np.ndarray, op: str, min_periods: int, ddof: int = 1
) -> np.ndarray:
    """``sum``/``mean``/``var``/``std``/``min``/``max`` of float64 ``x`` (NaN = missing) over
    the windows ``x[start[i]:end[i]]`` (both bounds non-decreasing), pandas' update rules.

    >>> import numpy as np
    >>> x = np.array([1.0, np.nan, 4.0, 2.0])
    >>> bounded_moments(x, np.array([0, 0, 1, 2]), np.array([1, 2, 3, 4]), "sum", 1).tolist()
    [1.0, 1.0, 4.0, 6.0]
    """
    out = np.empty(start.shape[0], dtype=np.float64)
    s = np.ascontiguousarray(start, dtype=np.int64)
    e = np.ascontiguousarray(end, dtype=np.int64)
    if op in ("sum", "mean"):
        _bounded_sum(x, s, e, int(min_periods), op == "mean", out)
    elif op in ("min", "max"):
        _extreme(x, s, e, int(min_periods), op == "max", out)
    else:
        _bounded_var(x, s, e, max(int(min_periods), 1), int(ddof), out)
        if op == "std":
            np.sqrt(out, out=out)
    return out


# --------------------------------------------------------------------------- order statistics
# Median and quantiles of bounded windows: every present value gets its rank in the sorted
# column (ties by position), a Fenwick tree counts the ranks inside the window, and the k-th
# smallest is found by descending the tree: O(log n) per added, removed or queried value.

_INTERPOLATIONS = ("linear", "lower", "higher", "nearest", "midpoint")


@njit(cache=True, nogil=True)
def _kth(tree, top, k):  # pragma: no cover - compiled
    """The 0-based rank of the k-th (0-based) smallest counted value."""
    pos = 0
    rem = k + 1
    step = top
    while step:
        nxt = pos + step
        if nxt < tree.shape[0] and tree[nxt] < rem:
            pos = nxt
            rem -= tree[nxt]
        step >>= 1
    return pos  # tree index pos + 1 holds it: rank = pos


@njit(cache=True, nogil=True)
def _bounded_quantile(x, rank, sorted_vals, start, end, minp, q, how, out):  # pragma: no cover
    """``how``: 0 linear, 1 lower, 2 higher, 3 nearest, 4 midpoint, 5 median (pandas' rule)."""
    m = sorted_vals.shape[0]
    tree = np.zeros(m + 1, dtype=np.int64)
    top = 1
    while top * 2 <= m:
        top *= 2
    nobs = 0
    added = 0
    removed = 0
    for i in range(start.shape[0]):
        s = start[i]
        e = end[i]
        while added < e:
            r = rank[added]
            if r >= 0:
                nobs += 1
                j = r + 1
                while j <= m:
                    tree[j] += 1
                    j += j & (-j)
            added += 1
        while removed < s:
            r = rank[removed]
            if r >= 0:
                nobs -= 1
                j = r + 1
                while j <= m:
                    tree[j] -= 1
                    j += j & (-j)
            removed += 1
        if nobs == 0 or nobs < minp:
            out[i] = np.nan
            continue
        if how == 5:
            mid = nobs // 2
            if nobs % 2:
                out[i] = sorted_vals[_kth(tree, top, mid)]
            else:
                a = sorted_vals[_kth(tree, top, mid)]
                b = sorted_vals[_kth(tree, top, mid - 1)]
                out[i] = (a + b) / 2
            continue
        if nobs == 1:
            out[i] = sorted_vals[_kth(tree, top, 0)]
            continue
        frac_idx = q * (nobs - 1)
        idx = int(frac_idx)
        lo = sorted_vals[_kth(tree, top, idx)]
        if frac_idx == idx:
            out[i] = lo
            continue
        hi = sorted_vals[_kth(tree, top, idx + 1)]
        f = frac_idx - idx
        if how == 0:
            out[i] = lo + (hi - lo) * f
        elif how == 1:
            out[i] = lo
        elif how == 2:
            out[i] = hi
        elif how == 3:
            if f == 0.5:
                out[i] = lo if idx % 2 == 0 else hi
            elif f < 0.5:
                out[i] = lo
            else:
                out[i] = hi
        else:
            out[i] = (lo + hi) / 2


def bounded_quantile(
    x: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    q: float,
    interpolation: str,
    min_periods: int,
) -> np.ndarray:
    """Quantile ``q`` (``interpolation`` as pandas; ``"median"`` for pandas' median) of the
    non-NaN values of float64 ``x`` in each window ``x[start[i]:end[i]]`` (both bounds
    non-decreasing); NaN where fewer than ``max(min_periods, 1)`` values are present.

    >>> import numpy as np
    >>> x = np.array([3.0, 1.0, np.nan, 2.0])
    >>> bounded_quantile(x, np.zeros(4, np.int64), np.arange(1, 5), 0.5, "median", 1).tolist()
    [3.0, 2.0, 2.0, 2.0]
    """
    how = 5 if interpolation == "median" else _INTERPOLATIONS.index(interpolation)
    valid = ~np.isnan(x)
    order = np.argsort(x, kind="stable")[: int(valid.sum())]  # NaN sort last
    rank = np.full(x.shape[0], -1, dtype=np.int64)
    rank[order] = np.arange(order.shape[0], dtype=np.int64)
    out = np.empty(start.shape[0], dtype=np.float64)
    _bounded_quantile(
        x,
        rank,
        np.ascontiguousarray(x[order]),
        np.ascontiguousarray(start, dtype=np.int64),
        np.ascontiguousarray(end, dtype=np.int64),
        max(int(min_periods), 1),
        float(q),
        how,
        out,
    )
    return out


# --------------------------------------------------------------------------- time bounds
@njit(cache=True, nogil=True)
def _time_flags(t):  # pragma: no cover - compiled
    """(any NaT, never decreasing, never increasing) of int64 ticks, one pass."""
    nat = np.iinfo(np.int64).min
    has_nat = False
    up = True
    down = True
    n = t.shape[0]
    for b in range(0, n, 4096):  # branch-free blocks, an exit once both orders fail
        bad_up = False
        bad_down = False
        for i in range(b, min(b + 4096, n)):
            has_nat |= t[i] == nat
            if i:
                bad_up |= t[i] < t[i - 1]
                bad_down |= t[i] > t[i - 1]
        up &= not bad_up
        down &= not bad_down
        if has_nat or not (up or down):
            break
    return has_nat, up, down


@njit(cache=True, nogil=True)
def _time_bounds(t, w, sign, left_closed, right_closed, start, end):  # pragma: no cover
    n = t.shape[0]
    j = 0
    first = 0  # first row at the current time
    for i in range(n):
        ti = sign * t[i]
        bound = ti - w - (1 if left_closed else 0)
        while j < n and sign * t[j] <= bound:
            j += 1
        if i and sign * t[i - 1] != ti:
            first = i
        e = i + 1 if right_closed else first
        s = j if j < i else i
        start[i] = s if s < e else e
        end[i] = e


def time_bounds_numpy(
    t: np.ndarray, w: int, closed: str, what: str
) -> tuple[np.ndarray, np.ndarray]:
    """Trailing time-window bounds of int64 ticks ``t`` (window ``w`` ticks) in two passes
    (flags, then a two-pointer walk): ``searchsorted`` of every row is O(n log n). Raises
    ``ValueError`` for NaT or times that are not monotonic, as pandas; ``closed`` is checked.

    Examples
    --------
    >>> s, e = time_bounds_numpy(np.array([0, 1, 1, 3]), 2, "right", "index")
    >>> s.tolist(), e.tolist()
    ([0, 0, 0, 3], [1, 2, 3, 4])
    """
    has_nat, up, down = _time_flags(t)
    if has_nat:
        raise ValueError(f"{what} values must not have NaT")
    if not (up or down):
        raise ValueError(f"{what} values must be monotonic")
    n = int(t.shape[0])
    start = np.empty(n, dtype=np.int64)
    end = np.empty(n, dtype=np.int64)
    _time_bounds(
        t,
        int(w),
        1 if up else -1,
        closed in ("left", "both"),
        closed in ("right", "both"),
        start,
        end,
    )
    return start, end
