"""Window reductions over explicit bounds, and exponentially weighted windows, on a Column.

Every window of rows is given as two int64 arrays ``start``/``end`` (row ``i`` reduces
``x[start[i]:end[i]]``): trailing or centred windows of ``w`` rows, expanding windows and
time-offset windows (bounds found by ``searchsorted`` on the monotonic times) all reduce with
one function, :func:`window_reduce`. On NumPy it runs pandas' add/remove updates in Numba
(:mod:`._window_kernels`); on any other Array API namespace (CuPy) it uses prefix sums of
centred values for ``sum``/``mean``/``var``/``std``/``count`` and a sparse table (O(n log w))
for ``min``/``max``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..backend import array_device, asarray, is_cupy, is_numpy, to_host
from ._column import Column

__all__ = [
    "BOUNDED_OPS",
    "ewm_reduce",
    "expanding_bounds",
    "fixed_bounds",
    "time_bounds",
    "window_quantile",
    "window_reduce",
]

BOUNDED_OPS = ("sum", "mean", "min", "max", "std", "var", "count")
CLOSED = ("right", "left", "both", "neither")


def _cumsum(xp: Any, x: Any) -> Any:
    return xp.cumulative_sum(x) if hasattr(xp, "cumulative_sum") else xp.cumsum(x)


def _on_namespace(host: np.ndarray, xp: Any, like: Any) -> Any:
    """A host array moved into the namespace (and device) of ``like``."""
    if is_numpy(xp):
        return host
    if is_cupy(xp):
        return asarray(host, device=array_device(like))
    return xp.asarray(host)


def _check_closed(closed: Any) -> str:
    if closed not in CLOSED:
        raise ValueError(f"rolling: `closed` must be one of {list(CLOSED)}; received {closed!r}")
    return str(closed)


def fixed_bounds(
    n: int, window: int, *, center: bool = False, closed: str | None = None, xp: Any = np
) -> tuple[Any, Any]:
    """Bounds of windows of ``window`` rows (pandas' ``FixedWindowIndexer``).

    Examples
    --------
    >>> s, e = fixed_bounds(4, 3, center=True)
    >>> s.tolist(), e.tolist()
    ([0, 0, 1, 2], [2, 3, 4, 4])
    """
    closed = _check_closed("right" if closed is None else closed)
    offset = (window - 1) // 2 if center else 0
    end = xp.arange(1 + offset, n + 1 + offset, dtype=xp.int64)
    start = end - window
    if closed in ("left", "both"):
        start = start - 1
    if closed in ("left", "neither"):
        end = end - 1
    zero, top = xp.asarray(0, dtype=xp.int64), xp.asarray(n, dtype=xp.int64)
    return xp.minimum(xp.maximum(start, zero), top), xp.minimum(xp.maximum(end, zero), top)


def expanding_bounds(n: int, xp: Any = np) -> tuple[Any, Any]:
    """Bounds of expanding windows: row ``i`` sees rows ``0..i``."""
    return xp.zeros(n, dtype=xp.int64), xp.arange(1, n + 1, dtype=xp.int64)


def time_bounds(
    times: Column,
    window_ns: int,
    *,
    closed: str | None = None,
    center: bool = False,
    what: str = "index",
) -> tuple[Any, Any]:
    """Bounds of time-offset windows of ``window_ns`` nanoseconds over monotonic ``times``
    (pandas' ``VariableWindowIndexer``: row ``i`` sees the rows whose time lies within the
    window ending at its own time; with a window closed on the right, rows past ``i`` with
    the same time are not included; open on the right, no row at that time is).

    ``closed``: ``'right'`` (default) ``(t - w, t]``, ``'both'`` ``[t - w, t]``, ``'left'``
    ``[t - w, t)``, ``'neither'`` ``(t - w, t)``. Times must not be missing and must be
    monotonic (increasing or decreasing), else ``ValueError`` as pandas. ``center=True``:
    the window spans ``w / 2`` on each side of the row's time (pandas' centred rule).

    Examples
    --------
    >>> import pandas as pd
    >>> t = Column.from_pandas(pd.Series(pd.to_datetime(["2020-01-01 00:00:00",
    ...     "2020-01-01 00:00:01", "2020-01-01 00:00:03"])))
    >>> s, e = time_bounds(t, 2 * 10**9)
    >>> s.tolist(), e.tolist()
    ([0, 0, 2], [1, 2, 3])
    """
    closed = _check_closed("right" if closed is None else closed)
    d = times.dtype
    if getattr(d, "kind", "") not in "mM" or times.is_encoded:
        raise TypeError(
            f"rolling: a time-offset window needs datetime or timedelta {what} values; "
            f"received dtype {d}"
        )
    xp = times.xp
    n = len(times)
    t = times.data.view(np.int64) if isinstance(times.data, np.ndarray) else times.data
    if n and bool(xp.any(t == np.iinfo(np.int64).min)):
        raise ValueError(f"{what} values must not have NaT")
    unit = np.datetime_data(d)[0]
    per = int(pd.Timedelta(1, unit=unit).value)  # nanoseconds per tick
    if window_ns % per:
        raise ValueError(
            f"rolling: the window of {window_ns} ns is not a whole number of the {what}'s "
            f"unit {unit!r}"
        )
    w = window_ns // per
    if is_numpy(xp) and not center:  # two linear passes instead of a binary search per row
        from ._window_kernels import time_bounds_numpy

        return time_bounds_numpy(t, w, closed, what)
    if n > 1:
        step = t[1:] - t[:-1]
        if bool(xp.all(step >= 0)):
            pass
        elif bool(xp.all(step <= 0)):
            t = -t
        else:
            raise ValueError(f"{what} values must be monotonic")
    rows = xp.arange(n, dtype=xp.int64)
    if center:  # compare doubled ticks: t - w / 2 and t + w / 2 stay whole numbers
        t2 = t * 2
        low = t2 - w - (2 if closed in ("left", "both") else 0)
        start = xp.minimum(xp.astype(xp.searchsorted(t2, low, side="right"), xp.int64), rows)
        side = "right" if closed in ("right", "both") else "left"
        end = xp.astype(xp.searchsorted(t2, t2 + w, side=side), xp.int64)
        return start, end
    bound = t - w
    if closed in ("left", "both"):
        bound = bound - 1
    start = xp.minimum(xp.astype(xp.searchsorted(t, bound, side="right"), xp.int64), rows)
    if closed in ("right", "both"):
        end = rows + 1  # rows after ``i`` with the same time are not in its window
    else:  # open on the right: the rows strictly before the first one at this time
        end = xp.astype(xp.searchsorted(t, t, side="left"), xp.int64)
    return xp.minimum(start, end), end


def _float_values(col: Column, op: str) -> tuple[Any, Any]:
    """(float64 values with NaN for missing, missing flags) of a numeric column."""
    d = col.dtype
    if col.is_encoded or getattr(d, "kind", "") not in "biuf":
        raise TypeError(f"{op}: not supported for dtype {d}")
    xp = col.xp
    null = col.null_array()
    x = xp.astype(col.data, xp.float64, copy=False)  # read only: float64 kept uncopied
    if col.mask is not None:
        x = xp.where(null, xp.asarray(np.nan, dtype=xp.float64), x)
    return x, null


def window_reduce(
    col: Column, start: Any, end: Any, op: str, *, min_periods: int, ddof: int = 1
) -> Column:
    """``op`` of the values in each window ``col[start[i]:end[i]]`` (float64; NaN where the
    window holds fewer than ``min_periods`` values, or, for ``count``, fewer rows), as
    pandas' rolling/expanding reductions.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> s, e = expanding_bounds(3)
    >>> window_reduce(as_column([1.0, None, 4.0]), s, e, "max", min_periods=1).to_pandas().tolist()
    [1.0, 1.0, 4.0]
    """
    if op not in BOUNDED_OPS:
        raise ValueError(f"window: unknown `op` {op!r}; expected one of {list(BOUNDED_OPS)}")
    x, null = _float_values(col, op)
    xp = col.xp
    if is_numpy(xp) and op != "count":
        from ._window_kernels import bounded_moments

        return Column._from_parts(bounded_moments(x, start, end, op, int(min_periods), ddof))
    return Column._from_parts(_reduce_generic(x, null, start, end, op, int(min_periods), ddof, xp))


INTERPOLATIONS = ("linear", "lower", "higher", "nearest", "midpoint")


def window_quantile(
    col: Column,
    start: Any,
    end: Any,
    q: float,
    *,
    interpolation: str = "linear",
    min_periods: int,
) -> Column:
    """Quantile ``q`` of the values in each window (``interpolation="median"``: pandas'
    median), as pandas' ``rolling(...).quantile(q)``/``.median()``.

    NumPy: ranks in a Fenwick tree, O(log n) per row (Numba). Other namespaces (CuPy) copy
    the column to the host, run the same kernel and copy the result back: a documented
    fallback (a sliding order statistic has no simple vectorised form).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> s, e = fixed_bounds(4, 3)
    >>> window_quantile(as_column([4.0, 1.0, 3.0, 2.0]), s, e, 0.5, interpolation="median",
    ...                 min_periods=1).to_pandas().tolist()
    [4.0, 2.5, 3.0, 2.0]
    """
    from ._window_kernels import bounded_quantile

    x, _ = _float_values(col, "quantile" if interpolation != "median" else "median")
    xp = col.xp
    if is_numpy(xp):
        out = bounded_quantile(x, start, end, q, interpolation, min_periods)
        return Column._from_parts(out)
    out = bounded_quantile(to_host(x), to_host(start), to_host(end), q, interpolation, min_periods)
    return Column._from_parts(_on_namespace(out, xp, x))


def _reduce_generic(
    x: Any, null: Any, start: Any, end: Any, op: str, minp: int, ddof: int, xp: Any
) -> Any:
    """Any namespace: prefix sums for the moments and counts, a sparse table for min/max."""
    m = int(start.shape[0])
    f64 = xp.float64
    nan = xp.asarray(np.nan, dtype=f64)
    if m == 0:
        return xp.zeros(0, dtype=f64)
    zero1 = xp.zeros(1, dtype=xp.int64)
    valid = xp.astype(~null, xp.int64)
    pcount = xp.concat([zero1, _cumsum(xp, valid)])
    cnt = xp.take(pcount, end) - xp.take(pcount, start)
    cf = xp.astype(cnt, f64)
    one = xp.ones((), dtype=f64)
    if op == "count":
        return xp.where((end - start) >= minp, cf, nan)
    if op in ("min", "max"):
        return _extreme_sparse(x, null, start, end, op == "min", xp, cnt >= max(minp, 1))
    total = int(xp.sum(valid))
    x0 = xp.where(null, xp.zeros((), dtype=f64), x)
    center = float(xp.sum(x0)) / total if total else 0.0
    xc = xp.where(null, xp.zeros((), dtype=f64), x0 - center)
    zf = xp.zeros(1, dtype=f64)
    p1 = xp.concat([zf, _cumsum(xp, xc)])
    s1 = xp.take(p1, end) - xp.take(p1, start)
    if op == "sum":
        return xp.where(cnt >= minp, s1 + cf * center, nan)
    safe = xp.where(cnt > 0, cf, one)
    if op == "mean":
        return xp.where((cnt >= minp) & (cnt > 0), s1 / safe + center, nan)
    p2 = xp.concat([zf, _cumsum(xp, xc * xc)])
    s2 = xp.take(p2, end) - xp.take(p2, start)
    var = (s2 - s1 * s1 / safe) / xp.where(cnt > ddof, cf - ddof, one)
    var = xp.maximum(var, xp.zeros((), dtype=f64))
    var = xp.where((cnt >= max(minp, 1)) & (cnt > ddof), var, nan)
    return xp.sqrt(var) if op == "std" else var


def _extreme_sparse(
    x: Any, null: Any, start: Any, end: Any, is_min: bool, xp: Any, enough: Any
) -> Any:
    """Window min/max by a sparse table: level ``j`` holds the extreme of ``2**j`` rows, and
    a window of ``L`` rows is the extreme of two overlapping blocks of the largest ``2**j <= L``.
    """
    n = int(x.shape[0])
    f64 = xp.float64
    fn = xp.minimum if is_min else xp.maximum
    fill = xp.asarray(np.inf if is_min else -np.inf, dtype=f64)
    nan = xp.asarray(np.nan, dtype=f64)
    if n == 0:
        return xp.full(int(start.shape[0]), np.nan, dtype=f64)
    src = xp.where(null, fill, x)
    length = end - start
    longest = int(xp.max(length))
    levels = [src]
    span = 1
    pw = xp.ones(length.shape, dtype=xp.int64)
    lev = xp.zeros(length.shape, dtype=xp.int64)
    j = 0
    while span * 2 <= longest:
        prev = levels[-1]
        cur = fn(prev[: n - span], prev[span:])
        levels.append(xp.concat([cur, xp.full(span, np.inf if is_min else -np.inf, dtype=f64)]))
        span *= 2
        j += 1
        big = length >= span
        pw = xp.where(big, xp.asarray(span, dtype=xp.int64), pw)
        lev = xp.where(big, xp.asarray(j, dtype=xp.int64), lev)
    table = xp.concat(levels) if len(levels) > 1 else src
    top = xp.asarray(n - 1, dtype=xp.int64)
    lo = xp.minimum(start, top)
    hi = xp.minimum(xp.maximum(end - pw, xp.zeros((), dtype=xp.int64)), top)
    a = xp.take(table, lev * n + lo)
    b = xp.take(table, lev * n + hi)
    return xp.where(enough & (length > 0), fn(a, b), nan)


def ewm_reduce(
    col: Column,
    op: str,
    *,
    com: float,
    adjust: bool = True,
    ignore_na: bool = False,
    min_periods: int = 0,
    bias: bool = False,
) -> Column:
    """pandas' ``ewm(com=com, ...).mean()/.sum()/.var()/.std()`` of a numeric column.

    The exponentially weighted mean is a scan whose state (the weight of the past) changes
    with every missing value when ``ignore_na=False``; on NumPy a Numba kernel runs it in one
    pass. Other namespaces (CuPy) copy the column to the host, run the same kernel and copy
    the result back: a documented fallback (two transfers), because a vectorised form
    (cumulative sums of ``x[i] * (1 - alpha) ** -i``) overflows after a few hundred rows.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> ewm_reduce(as_column([1.0, 2.0, 3.0]), "mean", com=1.0).to_pandas().round(4).tolist()
    [1.0, 1.6667, 2.4286]
    """
    from ._ewm_kernels import ewm_numpy

    x, _ = _float_values(col, f"ewm.{op}")
    xp = col.xp
    host = x if is_numpy(xp) else to_host(x)
    out = ewm_numpy(
        host,
        op,
        com=com,
        adjust=adjust,
        ignore_na=ignore_na,
        min_periods=min_periods,
        bias=bias,
    )
    return Column._from_parts(_on_namespace(out, xp, x))
