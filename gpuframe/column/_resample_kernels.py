"""Numba kernels for time bins of sorted times: bin bounds and per-bin reductions.

With times sorted, each bin is a run of rows: ``starts[b]:starts[b + 1]``. The reductions
walk the runs once (NaN values are missing, as pandas' ``skipna``), a row chunk of bins per
pool task, and write one value per bin: no per-row bin number, no groupby factorize or sort.
Sums and means add in float64 in row order, as gpuframe's groupby kernel (pandas compensates
its sums: the two agree to rounding).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from ..backend._parallel import map_chunks

__all__ = ["OPS", "is_sorted_ticks", "run_reduce"]

OPS = {"sum": 0, "mean": 1, "min": 2, "max": 3, "first": 4, "last": 5, "count": 6}


@njit(cache=True, nogil=True)
def _is_sorted(t, lo, hi):  # pragma: no cover - compiled
    # branch-free blocks (vectorised), an early exit between blocks
    for b in range(lo + 1, hi, 4096):
        bad = 0
        for i in range(b, min(b + 4096, hi)):
            bad |= t[i] < t[i - 1]
        if bad:
            return False
    return True


def is_sorted_ticks(t: np.ndarray) -> bool:
    """Whether the int64 ticks ``t`` never decrease (one pass, chunks on the pool).

    Examples
    --------
    >>> import numpy as np
    >>> is_sorted_ticks(np.array([1, 1, 3])), is_sorted_ticks(np.array([2, 1]))
    (True, False)
    """
    n = int(t.shape[0])
    if n < 2:
        return True
    # each chunk also checks the pair across its start
    return all(map_chunks(lambda s, e: bool(_is_sorted(t, max(s - 1, 0), e)), n))


@njit(cache=True, nogil=True)
def _reduce_bins(xs, starts, b0, b1, op, outs):  # pragma: no cover - compiled
    """``op`` over each run of every array of the tuple ``xs``: the columns advance together
    (independent chains: the adds of one column do not wait on another's)."""
    m = len(xs)
    acc = np.zeros(m)
    cnt = np.zeros(m, dtype=np.int64)
    for b in range(b0, b1):
        lo = starts[b]
        hi = starts[b + 1]
        if op == 4 or op == 5:  # first, last: stop at the first present value
            for j in range(m):
                x = xs[j]
                r = np.nan
                if op == 4:
                    for i in range(lo, hi):
                        if x[i] == x[i]:
                            r = x[i]
                            break
                else:
                    for i in range(hi - 1, lo - 1, -1):
                        if x[i] == x[i]:
                            r = x[i]
                            break
                outs[j][b] = r
            continue
        for j in range(m):
            acc[j] = -np.inf if op == 3 else (np.inf if op == 2 else 0.0)
            cnt[j] = 0
        if op <= 1 or op == 6:  # sum, mean, count: in row order, as the groupby kernel
            for i in range(lo, hi):
                for j in range(m):
                    v = xs[j][i]
                    ok = v == v
                    cnt[j] += ok
                    acc[j] += v if ok else 0.0
        elif op == 3:
            for i in range(lo, hi):
                for j in range(m):
                    v = xs[j][i]
                    cnt[j] += v == v
                    if v > acc[j]:
                        acc[j] = v
        else:
            for i in range(lo, hi):
                for j in range(m):
                    v = xs[j][i]
                    cnt[j] += v == v
                    if v < acc[j]:
                        acc[j] = v
        for j in range(m):
            if op == 0:
                outs[j][b] = acc[j]
            elif op == 6:
                outs[j][b] = cnt[j]
            elif cnt[j] == 0:
                outs[j][b] = np.nan
            elif op == 1:
                outs[j][b] = acc[j] / cnt[j]
            else:
                outs[j][b] = acc[j]


_GROUP = 4  # columns per pass at most


def run_reduce(xs: list[np.ndarray], starts: np.ndarray, ops: list[str]) -> list[list[np.ndarray]]:
    """For each float array of ``xs``, one array per op in ``ops`` (names of :data:`OPS`):
    the op over each run ``x[starts[b]:starts[b + 1]]``, NaN missing. ``sum`` of an empty or
    all-NaN run is 0, ``count`` an int64 0, the others NaN; float results keep ``x``'s dtype.
    Columns of one dtype go through each pass together, a few at a time.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([1.0, np.nan, 4.0, 2.0])
    >>> starts = np.array([0, 2, 2, 4])
    >>> [r.tolist() for r in run_reduce([x], starts, ["sum", "max", "count"])[0]]
    [[1.0, 0.0, 6.0], [1.0, nan, 4.0], [1, 0, 2]]
    """
    from ..backend._parallel import MIN_ROWS

    nb = int(starts.shape[0]) - 1
    n = int(xs[0].shape[0]) if xs else 0
    res: list[list[np.ndarray]] = [[] for _ in xs]
    passes = []  # (tuple of inputs, op, tuple of outputs)
    by_dtype: dict[Any, list[int]] = {}
    for j, x in enumerate(xs):
        by_dtype.setdefault(x.dtype, []).append(j)
    for name in ops:
        op = OPS[name]
        for js in by_dtype.values():
            for g in range(0, len(js), _GROUP):
                part = js[g : g + _GROUP]
                dt = np.int64 if op == 6 else xs[part[0]].dtype
                outs = tuple(np.empty(nb, dtype=dt) for _ in part)
                passes.append((tuple(xs[j] for j in part), op, outs))
                for j, o in zip(part, outs, strict=True):
                    res[j].append(o)
    # bins per chunk so that a chunk holds about MIN_ROWS rows on average
    rows_per_bin = max(n // max(nb, 1), 1)

    def body(b0: int, b1: int) -> None:
        for ins, op, outs in passes:
            _reduce_bins(ins, starts, b0, b1, op, outs)

    if nb > 0:
        map_chunks(body, nb, min_rows=max(MIN_ROWS // rows_per_bin, 2))
    return res
