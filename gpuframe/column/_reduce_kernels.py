"""NumPy/Numba fast paths for column reductions and uniqueness (CPU only).

Kernels see raw NumPy arrays, already validated: no masks, numbers only. They are serial
``nogil`` Numba loops: one pass of them runs near memory speed, and frame reductions spread
their columns over the shared pool of :mod:`gpuframe.backend._parallel` instead. The longer
passes (counting over 2**21 rows and more, :func:`count_distinct_wide`) split their rows into
chunks on that pool (serially inside a pool task).

- :func:`moments` (float64: mean, then squared deviations; no float copy) and
  :func:`int_variance` (integers: exact int64 sums of ``v - min`` and its square);
- :func:`count_distinct_wide`: distinct 64-bit keys by a radix partition on a bijective hash,
  then small cache-resident hash tables per bucket;
- :func:`counts_table`, :func:`dense_counts`, :func:`dense_nunique`, :func:`dense_unique`,
  :func:`dense_value_counts`, :func:`dense_duplicated`, :func:`kept_rows`,
  :func:`combine_dense`: tables over ``[min, max]`` of small-range integers, no hashing;
- :func:`quantiles_from_counts` and :func:`float_quantiles`: NumPy's linear quantiles, bit for
  bit, from a count table or from a histogram and a sort of the few values it points at.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from ..backend._parallel import chunk_bounds, map_chunks, num_workers, parallel_rows

__all__ = [
    "combine_dense",
    "count_distinct_wide",
    "counts_table",
    "dense_counts",
    "dense_duplicated",
    "dense_nunique",
    "dense_range",
    "dense_unique",
    "dense_value_counts",
    "float_quantiles",
    "int_bounds",
    "int_variance",
    "kept_rows",
    "moments",
    "quantiles_from_counts",
    "table_value_counts",
]

_POOL_ROWS = 1 << 21  # a counting pass over fewer rows takes < 2 ms: not worth a hand-off
_FM = {"reassoc"}  # re-associated float sums vectorise; NaN tests keep their meaning


# --------------------------------------------------------------------------------- moments
@njit(cache=True, nogil=True, fastmath=_FM)
def _sum_count(values, start, stop):  # pragma: no cover - compiled
    s = 0.0
    c = 0
    for i in range(start, stop):
        v = np.float64(values[i])
        ok = v == v
        s += v if ok else 0.0
        c += ok
    return s, c


@njit(cache=True, nogil=True, fastmath=_FM)
def _sq_dev(values, start, stop, mu):  # pragma: no cover - compiled
    s = 0.0
    for i in range(start, stop):
        v = np.float64(values[i])
        d = v - mu
        s += d * d if v == v else 0.0
    return s


def moments(values: np.ndarray) -> tuple[int, float, float]:
    """``(count, mean, sum of squared deviations)`` of the non-NaN values, in float64 (the
    two passes pandas' ``nanvar`` makes, without its float copies).

    Examples
    --------
    >>> moments(np.array([1.0, np.nan, 3.0]))
    (2, 2.0, 2.0)
    >>> moments(np.array([1, 2, 3, 4], dtype=np.int32))
    (4, 2.5, 5.0)
    """
    values = np.ascontiguousarray(values)
    n = values.shape[0]
    s, c = _sum_count(values, 0, n)  # serial: one pass runs at memory speed (~1 ns a value)
    mu = float(s) / int(c) if c > 0 else math.nan
    return int(c), mu, float(_sq_dev(values, 0, n, mu))


@njit(cache=True, nogil=True)
def _shifted_sums(values, lo):  # pragma: no cover - compiled
    s1 = 0
    s2 = 0
    for i in range(values.shape[0]):
        w = np.int64(values[i]) - lo
        s1 += w
        s2 += w * w
    return s1, s2


def int_variance(values: np.ndarray, ddof: int) -> float | None:
    """The variance of integers, exactly rounded: sums of ``v - min`` and its square in int64
    (vectorised integer passes, no float conversion), combined in Python integers; None when
    those sums could overflow (range too wide) or the values are uint64 above 2**63.

    Examples
    --------
    >>> int_variance(np.array([1, 2, 3, 4], dtype=np.int32), 1)
    1.6666666666666667
    >>> int_variance(np.array([0, 2**40]), 1) is None
    True
    """
    n = values.shape[0]
    if n == 0 or n <= ddof or values.dtype.kind not in "iu":
        return None
    lo, hi = int_bounds(values)
    if hi >= 2**63 or (hi - lo) ** 2 * n >= 2**63:
        return None
    s1, s2 = _shifted_sums(np.ascontiguousarray(values), np.int64(lo))
    s1, s2 = int(s1), int(s2)
    return (n * s2 - s1 * s1) / (n * (n - ddof))


# ------------------------------------------------------------------------ integer tables
def int_bounds(values: np.ndarray) -> tuple[int, int]:
    """``(min, max)`` of a non-empty integer array as Python ints.

    Examples
    --------
    >>> int_bounds(np.array([3, -2, 7]))
    (-2, 7)
    """
    if values.dtype.kind == "u" and values.dtype.itemsize == 8:
        return int(values.min()), int(values.max())
    lo, hi = _minmax(np.ascontiguousarray(values))
    return int(lo), int(hi)


@njit(cache=True, nogil=True)
def _minmax(values):  # pragma: no cover - compiled
    lo = np.int64(values[0])
    hi = lo
    for i in range(values.shape[0]):
        v = np.int64(values[i])
        lo = min(lo, v)
        hi = max(hi, v)
    return lo, hi


def dense_range(values: np.ndarray, limit: int | None = None) -> tuple[int, int] | None:
    """``(lo, size)`` of a table over ``[min, max]`` of integer ``values`` when that range is
    at most ``limit`` (default ``2 * n + 1024``); None otherwise (or for uint64 / non-ints).

    Examples
    --------
    >>> dense_range(np.array([5, 9, 7]))
    (5, 5)
    >>> dense_range(np.array([0, 2**62])) is None
    True
    """
    n = values.shape[0]
    if n == 0 or values.dtype.kind not in "iu":
        return None
    if values.dtype.kind == "u" and values.dtype.itemsize == 8 and int(values.max()) >= 2**63:
        return None
    lo, hi = int_bounds(values)
    size = hi - lo + 1
    if size > (2 * n + 1024 if limit is None else limit):
        return None
    return lo, size


@njit(cache=True, nogil=True)
def _count_into(values, lo, out):  # pragma: no cover - compiled
    for i in range(values.shape[0]):
        out[np.int64(values[i]) - lo] += 1


@njit(cache=True, nogil=True)
def _count_into4(values, lo, parts, start, stop):  # pragma: no cover - compiled
    # four interleaved tables: repeats of one value do not wait on each other's stores
    n4 = start + (stop - start) // 4 * 4
    for i in range(start, n4, 4):
        parts[0, np.int64(values[i]) - lo] += 1
        parts[1, np.int64(values[i + 1]) - lo] += 1
        parts[2, np.int64(values[i + 2]) - lo] += 1
        parts[3, np.int64(values[i + 3]) - lo] += 1
    for i in range(n4, stop):
        parts[0, np.int64(values[i]) - lo] += 1


def dense_counts(values: np.ndarray, lo: int, size: int) -> np.ndarray:
    """``out[v - lo]``: how often each integer ``v`` of ``[lo, lo + size)`` occurs.

    Examples
    --------
    >>> dense_counts(np.array([3, 1, 3]), 1, 3).tolist()
    [1, 0, 2]
    """
    values = np.ascontiguousarray(values)
    n = values.shape[0]
    if size <= 1 << 16 and n >= 64 * size:  # small tables: four per row chunk, summed

        def part(a: int, b: int) -> np.ndarray:
            parts = np.zeros((4, size), dtype=np.int64)
            _count_into4(values, np.int64(lo), parts, a, b)
            return parts.sum(axis=0)

        return np.sum(map_chunks(part, n, min_rows=_POOL_ROWS), axis=0)
    out = np.zeros(size, dtype=np.int64)
    _count_into(values, np.int64(lo), out)
    return out


@njit(cache=True, nogil=True)
def _count_checked(values, lo, parts, start, stop):  # pragma: no cover - compiled
    # as _count_into4, but False (counts partial) at the first value outside the table
    size = parts.shape[1]
    n4 = start + (stop - start) // 4 * 4
    for i in range(start, n4, 4):
        for t in range(4):
            j = np.int64(values[i + t]) - lo
            if j < 0 or j >= size:
                return False
            parts[t, j] += 1
    for i in range(n4, stop):
        j = np.int64(values[i]) - lo
        if j < 0 or j >= size:
            return False
        parts[0, j] += 1
    return True


def counts_table(values: np.ndarray) -> tuple[int, np.ndarray] | None:
    """``(lo, counts)``: how often each integer of ``[lo, lo + len(counts))`` occurs, covering
    every value, or None when their range is wider than ``2 n + 1024``. A small range guessed
    from the first rows is tried first (one pass, no separate min/max pass).

    Examples
    --------
    >>> lo, counts = counts_table(np.array([3, 1, 3], dtype=np.int32))
    >>> [(lo + i, int(c)) for i, c in enumerate(counts) if c]
    [(1, 1), (3, 2)]
    """
    n = values.shape[0]
    if n == 0 or values.dtype.kind not in "iu":
        return None
    values = np.ascontiguousarray(values)
    if n >= 1 << 16 and not (values.dtype.kind == "u" and values.dtype.itemsize == 8):
        head = values[:4096]
        smin, smax = int(head.min()), int(head.max())
        pad = (smax - smin) // 2 + 8
        glo, size = smin - pad, smax - smin + 2 * pad + 1
        if size <= 1 << 14 and glo >= -(2**62) and smax + pad < 2**62:

            def part(a: int, b: int) -> np.ndarray | None:
                parts = np.zeros((4, size), dtype=np.int64)
                ok = _count_checked(values, np.int64(glo), parts, a, b)
                return parts.sum(axis=0) if ok else None

            got = map_chunks(part, n, min_rows=_POOL_ROWS)
            tables = [g for g in got if g is not None]
            if len(tables) == len(got):  # no value fell outside the guessed range
                return glo, np.sum(tables, axis=0)
    r = dense_range(values)
    if r is None:
        return None
    return r[0], dense_counts(values, r[0], r[1])


@njit(cache=True, nogil=True)
def _mark(values, lo, seen):  # pragma: no cover - compiled
    # stops once every value of [min, max] was seen (small ranges: after a few rows)
    size = seen.shape[0]
    k = 0
    for i in range(values.shape[0]):
        j = np.int64(values[i]) - lo
        if not seen[j]:
            seen[j] = True
            k += 1
            if k == size:
                break
    return k


def dense_nunique(values: np.ndarray) -> int | None:
    """Distinct integers by a seen-table over ``[min, max]`` (range at most ``2 n + 1024``),
    or None where the range is wider.

    Examples
    --------
    >>> dense_nunique(np.array([3, -1, 3, 7], dtype=np.int32))
    3
    """
    r = dense_range(values)
    if r is None:
        return None
    seen = np.zeros(r[1], dtype=np.bool_)
    return int(_mark(np.ascontiguousarray(values), np.int64(r[0]), seen))


@njit(cache=True, nogil=True)
def _unique_order(values, lo, seen, out):  # pragma: no cover - compiled
    k = 0
    size = seen.shape[0]
    for i in range(values.shape[0]):
        j = np.int64(values[i]) - lo
        if not seen[j]:
            seen[j] = True
            out[k] = values[i]
            k += 1
            if k == size:  # every value of [min, max] seen: the rest repeats them
                break
    return k


def dense_unique(values: np.ndarray, lo: int, size: int) -> np.ndarray:
    """Distinct integers of ``values`` (all in ``[lo, lo + size)``) in order of appearance.

    Examples
    --------
    >>> dense_unique(np.array([3, 1, 3, 2]), 1, 3).tolist()
    [3, 1, 2]
    """
    values = np.ascontiguousarray(values)
    seen = np.zeros(size, dtype=np.bool_)
    out = np.empty(min(size, values.shape[0]), dtype=values.dtype)
    k = _unique_order(values, np.int64(lo), seen, out)
    return out[:k].copy()


@njit(cache=True, nogil=True)
def _first_order(values, lo, counts):  # pragma: no cover - compiled
    # the distinct values in order of first appearance, given counts > 0 over the table
    k = 0
    for j in range(counts.shape[0]):
        if counts[j] > 0:
            k += 1
    out = np.empty(k, dtype=np.int64)
    done = np.zeros(counts.shape[0], dtype=np.bool_)
    m = 0
    i = 0
    while m < k and i < values.shape[0]:
        j = np.int64(values[i]) - lo
        if not done[j]:
            done[j] = True
            out[m] = j
            m += 1
        i += 1
    return out


def dense_value_counts(values: np.ndarray, lo: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``(distinct values, counts)`` in order of first appearance (a table, no hashing).

    Examples
    --------
    >>> u, c = dense_value_counts(np.array([3, 1, 3, 2]), 1, 3)
    >>> u.tolist(), c.tolist()
    ([3, 1, 2], [2, 1, 1])
    """
    values = np.ascontiguousarray(values)
    return _value_counts_from(values, lo, dense_counts(values, lo, size))


def _value_counts_from(values: np.ndarray, lo: int, counts: np.ndarray) -> tuple[Any, Any]:
    rel = _first_order(values, np.int64(lo), counts)  # stops once every value was seen
    return (rel + lo).astype(values.dtype), counts[rel]


def table_value_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`dense_value_counts` over the values' own range (:func:`counts_table`), or None
    when that range is too wide.

    Examples
    --------
    >>> u, c = table_value_counts(np.array([3, 1, 3, 2]))
    >>> u.tolist(), c.tolist()
    ([3, 1, 2], [2, 1, 1])
    """
    t = counts_table(values)
    if t is None:
        return None
    return _value_counts_from(np.ascontiguousarray(values), t[0], t[1])


@njit(cache=True, nogil=True)
def _dup_first(values, lo, seen, out, reverse):  # pragma: no cover - compiled
    # returns the rows done: once every value of [min, max] was seen, all later rows (earlier
    # ones with ``reverse``) repeat one, and the caller fills them with True
    n = values.shape[0]
    size = seen.shape[0]
    k = 0
    for t in range(n):
        i = n - 1 - t if reverse else t
        j = np.int64(values[i]) - lo
        if seen[j]:
            out[i] = True
        else:
            out[i] = False
            seen[j] = True
            k += 1
            if k == size:
                return t + 1
    return n


@njit(cache=True, nogil=True)
def _dup_any(values, lo, counts, out):  # pragma: no cover - compiled
    for i in range(values.shape[0]):
        out[i] = counts[np.int64(values[i]) - lo] > 1


def dense_duplicated(values: np.ndarray, lo: int, size: int, keep: Any = "first") -> np.ndarray:
    """pandas' ``duplicated(keep=...)`` of integers in ``[lo, lo + size)`` by a table.

    Examples
    --------
    >>> dense_duplicated(np.array([2, 1, 2, 1]), 1, 2).tolist()
    [False, False, True, True]
    >>> dense_duplicated(np.array([2, 1, 2]), 1, 2, keep=False).tolist()
    [True, False, True]
    """
    values = np.ascontiguousarray(values)
    out = np.empty(values.shape[0], dtype=np.bool_)
    if keep is False:
        _dup_any(values, np.int64(lo), dense_counts(values, lo, size), out)
        return out
    seen = np.zeros(size, dtype=np.bool_)
    done = int(_dup_first(values, np.int64(lo), seen, out, keep == "last"))
    if done < out.shape[0]:
        if keep == "last":
            out[: out.shape[0] - done] = True
        else:
            out[done:] = True
    return out


@njit(cache=True, nogil=True)
def _first_pos2(a, alo, b, blo, bsize, seen, out, reverse):  # pragma: no cover - compiled
    # the first (last: reverse) row of each code (a - alo) * bsize + (b - blo), formed row by row (``a`` of
    # length 1: no leading key, code b - blo)
    n = b.shape[0]
    size = seen.shape[0]
    k = 0
    for t in range(n):
        i = n - 1 - t if reverse else t
        ai = np.int64(a[i]) - alo if a.shape[0] == n else np.int64(0)
        j = ai * bsize + (np.int64(b[i]) - blo)
        if not seen[j]:
            seen[j] = True
            out[k] = i
            k += 1
            if k == size:
                break
    return k


def kept_rows(keys: list[np.ndarray], limit: int, keep: Any = "first") -> np.ndarray | None:
    """Sorted positions of the rows ``drop_duplicates(keep="first"/"last")`` keeps, for
    small-range integer keys (product of ranges at most ``limit``), or None. Codes are formed
    row by row and the scan stops once every combination was seen.

    Examples
    --------
    >>> kept_rows([np.array([1, 2, 1, 2]), np.array([0, 0, 0, 1])], 100).tolist()
    [0, 1, 3]
    >>> kept_rows([np.array([1, 2, 1, 2])], 100, keep="last").tolist()
    [2, 3]
    """
    ranges = [dense_range(k, limit) for k in keys]
    if any(r is None for r in ranges):
        return None
    bounds = [r for r in ranges if r is not None]
    if math.prod(size for _, size in bounds) > limit:
        return None
    if len(keys) == 1:
        lead, lead_lo = keys[0], 0
        last, (last_lo, last_size) = keys[0], bounds[0]
        lead = np.zeros(1, dtype=np.int8)  # a zero code for every row (index 0 below)
    elif len(keys) == 2:
        lead, lead_lo = keys[0], bounds[0][0]
        last, (last_lo, last_size) = keys[1], bounds[1]
    else:
        head = combine_dense(keys[:-1], limit)
        if head is None:
            return None
        lead, lead_lo = head[0], 0
        last, (last_lo, last_size) = keys[-1], bounds[-1]
    seen = np.zeros(math.prod(size for _, size in bounds), dtype=np.bool_)
    out = np.empty(min(seen.shape[0], keys[0].shape[0]), dtype=np.int64)
    k = _first_pos2(
        np.ascontiguousarray(lead),
        np.int64(lead_lo),
        np.ascontiguousarray(last),
        np.int64(last_lo),
        np.int64(last_size),
        seen,
        out,
        keep == "last",
    )
    res = out[:k]
    return res[::-1].copy() if keep == "last" else res.copy()


@njit(cache=True, nogil=True)
def _shift(a, lo, out):  # pragma: no cover - compiled
    for i in range(a.shape[0]):
        out[i] = np.int64(a[i]) - lo


@njit(cache=True, nogil=True)
def _combine2(a, alo, b, blo, bsize, out):  # pragma: no cover - compiled
    for i in range(a.shape[0]):
        out[i] = (np.int64(a[i]) - alo) * bsize + (np.int64(b[i]) - blo)


def combine_dense(keys: list[np.ndarray], limit: int) -> tuple[np.ndarray, int] | None:
    """One int64 code per row for several small-range integer keys: ``sum_k (key_k - lo_k) *
    stride_k``, or None when a key is not integer or the product of ranges passes ``limit``.

    Examples
    --------
    >>> codes, size = combine_dense([np.array([1, 2, 1]), np.array([0, 0, 5])], 100)
    >>> codes.tolist(), size
    ([0, 6, 5], 12)
    """
    ranges = []
    total = 1
    for k in keys:
        r = dense_range(k, limit)
        if r is None:
            return None
        ranges.append(r)
        total *= r[1]
        if total > limit:
            return None
    code = np.ascontiguousarray(keys[0])
    lo, size = ranges[0]
    out = np.empty(code.shape[0], dtype=np.int64)
    if len(keys) == 1:
        _shift(code, np.int64(lo), out)
        return out, size
    for k, (klo, ksize) in zip(keys[1:], ranges[1:]):
        _combine2(code, np.int64(lo), np.ascontiguousarray(k), np.int64(klo), ksize, out)
        code, lo, size = out, 0, size * ksize
    return out, size


# -------------------------------------------------------------------------- quantiles
def _lerp_quantiles(n: int, qs: list[float], pick: Any) -> list[Any]:
    """NumPy's linear quantiles (bit for bit) of ``n`` sorted values, ``pick(rank)`` giving
    the value of a rank as a NumPy scalar of the column's dtype."""
    out = []
    for q in qs:
        virtual = (n - 1) * float(q)
        prev = int(np.floor(virtual))
        nxt = min(prev + 1, n - 1)
        gamma = virtual - prev
        a, b = pick(prev), pick(nxt)
        diff = b - a
        res = b - diff * (1 - gamma) if gamma >= 0.5 else a + diff * gamma
        out.append(np.float64(res))
    return out


def quantiles_from_counts(counts: np.ndarray, lo: int, qs: list[float], dtype: Any) -> list[Any]:
    """Linear-interpolated quantiles (NumPy's formula, bit for bit) of the values whose
    counts over ``[lo, lo + len(counts))`` are given (total count > 0).

    Examples
    --------
    >>> quantiles_from_counts(np.array([1, 0, 2]), 1, [0.5, 0.25], np.dtype(np.int64))
    [np.float64(3.0), np.float64(2.0)]
    """
    cum = np.cumsum(counts)
    t = np.dtype(dtype).type
    return _lerp_quantiles(
        int(cum[-1]), qs, lambda r: t(lo + int(np.searchsorted(cum, r, side="right")))
    )


@njit(cache=True, nogil=True)
def _bucket(v, lo, scale, nb):  # pragma: no cover - compiled
    # monotone in v: ordered buckets hold ordered values
    b = np.int64((v - lo) * scale)
    return min(max(b, 0), nb - 1)


@njit(cache=True, nogil=True)
def _fhist(values, lo, scale, parts):  # pragma: no cover - compiled
    # four interleaved tables (as _count_into4): measured 3x faster than one
    nb = parts.shape[1]
    n = values.shape[0]
    n4 = n - n % 4
    for i in range(0, n4, 4):
        for j in range(4):
            v = values[i + j]
            if v == v:
                parts[j, _bucket(v, lo, scale, nb)] += 1
    for i in range(n4, n):
        v = values[i]
        if v == v:
            parts[0, _bucket(v, lo, scale, nb)] += 1


@njit(cache=True, nogil=True)
def _fgather(values, lo, scale, want, out):  # pragma: no cover - compiled
    # blocks of 64: a vectorised count first, the (rare) stores only in blocks that have hits
    # (a conditional store in the main loop measured 6x slower)
    nb = want.shape[0]
    n = values.shape[0]
    k = 0
    for s in range(0, n, 64):
        e = min(s + 64, n)
        c = 0
        for i in range(s, e):
            v = values[i]
            c += want[_bucket(v, lo, scale, nb)] & (v == v)
        if c:
            for i in range(s, e):
                v = values[i]
                if v == v and want[_bucket(v, lo, scale, nb)]:
                    out[k] = v
                    k += 1
    return k


def float_quantiles(values: np.ndarray, qs: list[float]) -> list[Any] | None:
    """Linear quantiles of the non-NaN float64 ``values`` (NumPy's answer) by a histogram over
    ``[min, max]`` and a sort of the few values in the buckets holding the wanted ranks, or
    None when they do not apply (no values, infinities, values bunched in a few buckets).

    Examples
    --------
    >>> float_quantiles(np.array([4.0, np.nan, 1.0, 2.0, 3.0]), [0.5, 0.9])
    [np.float64(2.5), np.float64(3.7)]
    """
    values = np.ascontiguousarray(values)
    if values.dtype != np.float64 or not values.shape[0]:
        return None
    lo, hi = float(np.fmin.reduce(values)), float(np.fmax.reduce(values))  # NaN skipped
    if not (np.isfinite(lo) and np.isfinite(hi)):  # all NaN, or infinities
        return None
    if lo == hi:  # one distinct value (NaN aside)
        return [np.float64(lo) for _ in qs]
    nb = int(min(1 << 13, max(16, values.shape[0] // 256)))  # an L1-sized table
    scale = nb / (hi - lo) if hi > lo else 0.0
    if not np.isfinite(scale):
        return None
    parts = np.zeros((4, nb), dtype=np.int64)
    _fhist(values, lo, scale, parts)
    hist = parts.sum(axis=0)
    cum = np.cumsum(hist)
    n = int(cum[-1])
    ranks = []
    for q in qs:
        prev = int(np.floor((n - 1) * float(q)))
        ranks += [prev, min(prev + 1, n - 1)]
    buckets = np.searchsorted(cum, np.asarray(ranks), side="right")
    want = np.zeros(nb, dtype=np.bool_)
    want[buckets] = True
    total = int(hist[want].sum())
    if total > max(n // 8, 1024):
        return None
    out = np.empty(total, dtype=np.float64)
    _fgather(values, lo, scale, want, out)
    out.sort()
    # rank r in bucket b: past the wanted buckets before b, then r - (rows before b)
    before = np.concatenate(([0], cum[:-1]))
    wanted_before = np.concatenate(([0], np.cumsum(np.where(want, hist, 0))[:-1]))
    at = dict(zip(ranks, buckets.tolist()))

    def pick(r: int) -> Any:
        b = at[r]
        return out[int(wanted_before[b]) + r - int(before[b])]

    return _lerp_quantiles(n, qs, pick)


# ----------------------------------------------------------------- wide distinct count
_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)


@njit(cache=True, nogil=True)
def _mix(x):  # pragma: no cover - compiled
    # MurmurHash3's finaliser: a bijection of uint64, so equal hashes mean equal keys
    x ^= x >> _S33
    x *= _M1
    x ^= x >> _S33
    x *= _M2
    x ^= x >> _S33
    return x


_SIGN = np.uint64(1 << 63)
_ABS = np.uint64((1 << 63) - 1)
_INF_BITS = np.uint64(0x7FF0000000000000)


@njit(cache=True, nogil=True)
def _key(bits, mode):  # pragma: no cover - compiled
    # -> (skip, key); mode 0: integers, 1: float64 bits (NaN skipped, -0.0 is 0.0),
    # 2: datetime ticks (NaT, the smallest int64, skipped)
    if mode == 1:
        if (bits & _ABS) > _INF_BITS:
            return True, bits
        if bits == _SIGN:
            return False, np.uint64(0)
    elif mode == 2 and bits == _SIGN:
        return True, bits
    return False, bits


@njit(cache=True, nogil=True)
def _hist(bits, mode, shift, hist, start, stop):  # pragma: no cover - compiled
    skipped = 0
    for i in range(start, stop):
        skip, k = _key(bits[i], mode)
        if skip:
            skipped += 1
        else:
            hist[np.int64(_mix(k) >> shift)] += 1
    return skipped


@njit(cache=True, nogil=True)
def _scatter(bits, mode, shift, pos, out, start, stop):  # pragma: no cover - compiled
    for i in range(start, stop):
        skip, k = _key(bits[i], mode)
        if not skip:
            h = _mix(k)
            b = np.int64(h >> shift)
            out[pos[b]] = h
            pos[b] += 1


@njit(cache=True, nogil=True)
def _distinct_in(hashes, start, stop):  # pragma: no cover - compiled
    m = stop - start
    if m == 0:
        return 0
    size = 16
    while size < 2 * m:
        size *= 2
    mask = np.uint64(size - 1)
    table = np.zeros(size, dtype=np.uint64)
    zero = False
    k = 0
    for i in range(start, stop):
        h = hashes[i]
        if h == 0:
            if not zero:
                zero = True
                k += 1
            continue
        j = np.int64(h & mask)
        while True:
            t = table[j]
            if t == 0:
                table[j] = h
                k += 1
                break
            if t == h:
                break
            j = (j + 1) & (size - 1)
    return k


@njit(cache=True, nogil=True)
def _distinct_buckets(hashes, starts, b0, b1):  # pragma: no cover - compiled
    k = 0
    for b in range(b0, b1):
        k += _distinct_in(hashes, starts[b], starts[b + 1])
    return k


def _per_chunk(fn: Any, bounds: list[tuple[int, int]]) -> list[Any]:
    """``[fn(start, stop) for (start, stop) in bounds]``, the chunks on the pool."""

    def run(a: int, b: int) -> list[Any]:
        return [fn(*bounds[c]) for c in range(a, b)]

    parts = map_chunks(run, len(bounds), min_rows=2, chunks=len(bounds))
    return [r for part in parts for r in part]


def _count_wide(bits: np.ndarray, mode: int, nbits: int) -> int:
    n = bits.shape[0]
    nb = 1 << nbits
    shift = np.uint64(64 - nbits)
    bounds = chunk_bounds(n, 2 * num_workers() if parallel_rows(n) else 1)

    def hist(a: int, b: int) -> np.ndarray:
        h = np.zeros(nb, dtype=np.int64)
        _hist(bits, mode, shift, h, a, b)
        return h

    hists = np.asarray(_per_chunk(hist, bounds))  # (chunks, buckets)
    # bucket-major offsets: chunk c writes its own slice of every bucket
    offsets = np.concatenate(([0], np.cumsum(hists.T.ravel()))).astype(np.int64)
    pos = offsets[:-1].reshape(nb, len(bounds)).T.copy()
    starts = np.ascontiguousarray(offsets[:: len(bounds)])
    out = np.empty(int(offsets[-1]), dtype=np.uint64)
    index = {b: c for c, b in enumerate(bounds)}
    _per_chunk(lambda a, b: _scatter(bits, mode, shift, pos[index[a, b]], out, a, b), bounds)
    per = map_chunks(lambda a, b: int(_distinct_buckets(out, starts, a, b)), nb, min_rows=64)
    return sum(per)


def count_distinct_wide(values: np.ndarray, *, nat: bool = False) -> int:
    """Distinct non-missing values of an 8-byte array (int64/uint64, float64 with NaN skipped
    and -0.0 equal to 0.0, or datetime64/timedelta64 with NaT skipped; ``nat=True`` skips
    NaT's ticks, the smallest int64, in an int64 array): a radix partition on a bijective
    hash, then one small hash table per bucket (cache resident).

    Examples
    --------
    >>> count_distinct_wide(np.array([1.5, np.nan, -0.0, 0.0, 1.5]))
    2
    >>> count_distinct_wide(np.array([2**62, -1, 2**62], dtype=np.int64))
    2
    """
    kind = values.dtype.kind
    if values.dtype.itemsize != 8 or kind not in "iufmM":
        raise TypeError(f"count_distinct_wide: 8-byte numbers expected; received {values.dtype}")
    mode = 1 if kind == "f" else 2 if kind in "mM" or nat else 0
    bits = np.ascontiguousarray(values).view(np.uint64)
    n = bits.shape[0]
    if n == 0:
        return 0
    nbits = 0
    while nbits < 14 and (n >> nbits) > 2048:
        nbits += 1
    return _count_wide(bits, mode, max(nbits, 1))
