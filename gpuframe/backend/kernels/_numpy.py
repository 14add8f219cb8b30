"""Kernels for NumPy arrays: vectorised NumPy, with Numba loops where a single pass wins.

Inputs are already validated by the caller (see the package docstring for the contract).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numba import njit

from ._common import check_op, result_dtype
from ._hashing import SPLITMIX_C1, SPLITMIX_C2, SPLITMIX_GAMMA, float_bits_for_hash

__all__ = ["bincount", "factorize", "group_reduce", "hash_array", "hash_combine", "scatter_add"]

# A key whose value range is at most this many slots (or a few times the row count) is
# factorized by direct indexing instead of hashing: one pass, already sorted.
_DIRECT_SLOTS = 1 << 22


def bincount(x: np.ndarray, weights: np.ndarray | None = None, minlength: int = 0) -> np.ndarray:
    """Counts (or summed weights) of each non-negative integer in ``x``.

    Examples
    --------
    >>> bincount(np.array([0, 2, 2]), weights=np.array([1.0, 0.5, 0.5])).tolist()
    [1.0, 0.0, 1.0]
    """
    x = np.asarray(x)
    if x.size and int(x.min()) < 0:
        raise ValueError(f"bincount: `x` must be non-negative; received min(x)={int(x.min())}")
    return np.bincount(x.astype(np.intp, copy=False), weights=weights, minlength=minlength)


# --------------------------------------------------------------------------- group_reduce
@njit(cache=True, nogil=True)
def _group_sum(codes, values, skipna, out, cnt):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        c = codes[i]
        if c < 0:
            continue
        v = values[i]
        if v != v:
            if skipna:
                continue
            out[c] += v
            continue
        out[c] += v
        cnt[c] += 1


@njit(cache=True, nogil=True)
def _group_prod(codes, values, skipna, out, cnt):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        c = codes[i]
        if c < 0:
            continue
        v = values[i]
        if v != v:
            if skipna:
                continue
            out[c] *= v
            continue
        out[c] *= v
        cnt[c] += 1


@njit(cache=True, nogil=True)
def _group_min(codes, values, skipna, out, cnt, nan_seen):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        c = codes[i]
        if c < 0:
            continue
        v = values[i]
        if v != v:
            nan_seen[c] = True
            continue
        if cnt[c] == 0 or v < out[c]:
            out[c] = v
        cnt[c] += 1


@njit(cache=True, nogil=True)
def _group_max(codes, values, skipna, out, cnt, nan_seen):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        c = codes[i]
        if c < 0:
            continue
        v = values[i]
        if v != v:
            nan_seen[c] = True
            continue
        if cnt[c] == 0 or v > out[c]:
            out[c] = v
        cnt[c] += 1


@njit(cache=True, nogil=True)
def _group_sqdev(codes, values, mean, out):  # pragma: no cover - compiled
    for i in range(codes.shape[0]):
        c = codes[i]
        if c < 0:
            continue
        v = values[i]
        if v != v:
            continue
        d = v - mean[c]
        out[c] += d * d


def _accumulator_dtype(dtype: np.dtype) -> np.dtype:
    if dtype.kind in "bi":
        return np.dtype(np.int64)
    if dtype.kind == "u":
        return np.dtype(np.uint64)
    return np.dtype(np.float64)


def group_reduce(
    codes: np.ndarray,
    values: np.ndarray,
    ngroups: int,
    op: str,
    *,
    ddof: int = 1,
    skipna: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Reduce ``values`` per group; rows with a negative code belong to no group.

    Returns ``(result, count)`` where ``count`` is the number of non-NaN values per group.
    NaN values are skipped (``skipna=True``) or propagate (``skipna=False``). Groups with no
    valid value get 0 for sum/count, 1 for prod, NaN for mean/var/std and for float
    min/max; for integer min/max the slot holds 0 and ``count == 0`` marks it null.
    ``var``/``std`` use ``ddof`` (NaN where ``count <= ddof``).

    Examples
    --------
    >>> codes = np.array([0, 1, 0, 1])
    >>> vals = np.array([1.0, 2.0, 3.0, np.nan])
    >>> res, cnt = group_reduce(codes, vals, 2, "mean")
    >>> res.tolist(), cnt.tolist()
    ([2.0, 2.0], [2, 1])
    """
    check_op(op)
    codes = np.ascontiguousarray(codes)
    values = np.ascontiguousarray(values)
    out_dtype = result_dtype(op, values.dtype)
    if values.dtype.kind == "b":
        values = values.view(np.uint8) if op in ("min", "max") else values.astype(np.int64)
    elif values.dtype.kind in "mM":
        raise TypeError(
            f"group_reduce: dtype {values.dtype} needs int64 ticks; pass values.view('i8')"
        )
    cnt = np.zeros(ngroups, dtype=np.int64)
    if op in ("min", "max"):
        work = values
        out = np.zeros(ngroups, dtype=work.dtype)
        nan_seen = np.zeros(ngroups, dtype=np.bool_)
        (_group_min if op == "min" else _group_max)(codes, work, skipna, out, cnt, nan_seen)
        if out.dtype.kind == "f":
            out[cnt == 0] = np.nan
            if not skipna:
                out[nan_seen] = np.nan
        return out.astype(out_dtype, copy=False), cnt
    acc = _accumulator_dtype(values.dtype)
    if op == "prod":
        out = np.ones(ngroups, dtype=acc)
        _group_prod(codes, values, skipna, out, cnt)
        return out.astype(out_dtype, copy=False), cnt
    sums = np.zeros(ngroups, dtype=acc)
    _group_sum(codes, values, skipna, sums, cnt)
    if op == "sum":
        return sums.astype(out_dtype, copy=False), cnt
    if op == "count":
        return cnt.copy(), cnt
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = sums.astype(np.float64) / cnt
        if op == "mean":
            return mean.astype(out_dtype, copy=False), cnt
        sq = np.zeros(ngroups, dtype=np.float64)
        _group_sqdev(codes, values, mean, sq)
        denom = (cnt - ddof).astype(np.float64)
        var = np.where(denom > 0, sq / np.where(denom > 0, denom, 1.0), np.nan)
        if not skipna:
            var[np.isnan(mean)] = np.nan
    res = np.sqrt(var) if op == "std" else var
    return res.astype(out_dtype, copy=False), cnt


# --------------------------------------------------------------------------- factorize
@njit(cache=True, nogil=True)
def _dense_first_seen(combined, nslots):  # pragma: no cover - compiled
    slot = np.full(nslots, -1, dtype=np.int64)
    out = np.empty(combined.shape[0], dtype=np.int64)
    k = 0
    for i in range(combined.shape[0]):
        c = combined[i]
        if c < 0:
            out[i] = -1
            continue
        m = slot[c]
        if m < 0:
            slot[c] = k
            m = k
            k += 1
        out[i] = m
    return out, k


@njit(cache=True, nogil=True)
def _dense_sorted(combined, nslots):  # pragma: no cover - compiled
    slot = np.zeros(nslots, dtype=np.int64)
    for i in range(combined.shape[0]):
        c = combined[i]
        if c >= 0:
            slot[c] = 1
    k = 0
    for j in range(nslots):
        if slot[j]:
            slot[j] = k
            k += 1
    out = np.empty(combined.shape[0], dtype=np.int64)
    for i in range(combined.shape[0]):
        c = combined[i]
        out[i] = slot[c] if c >= 0 else -1
    return out, k


@njit(cache=True, nogil=True)
def _first_index(codes, ngroups):  # pragma: no cover - compiled
    first = np.full(ngroups, -1, dtype=np.int64)
    for i in range(codes.shape[0]):
        c = codes[i]
        if c >= 0 and first[c] < 0:
            first[c] = i
    return first


@njit(cache=True, nogil=True)
def _minmax(x):  # pragma: no cover - compiled
    lo = hi = np.int64(x[0])
    for i in range(1, x.shape[0]):
        v = np.int64(x[i])
        if v < lo:
            lo = v
        elif v > hi:
            hi = v
    return lo, hi


@njit(cache=True, nogil=True)
def _direct_codes(x, lo, nslots, sort):  # pragma: no cover - compiled
    """Dense codes of integers in [lo, lo + nslots) by a slot table: two passes, no hashing."""
    slot = np.full(nslots, -1, dtype=np.int64)
    out = np.empty(x.shape[0], dtype=np.int64)
    k = 0
    if sort:
        for i in range(x.shape[0]):
            slot[np.int64(x[i]) - lo] = 0
        for j in range(nslots):
            if slot[j] == 0:
                slot[j] = k
                k += 1
        for i in range(x.shape[0]):
            out[i] = slot[np.int64(x[i]) - lo]
    else:
        for i in range(x.shape[0]):
            j = np.int64(x[i]) - lo
            m = slot[j]
            if m < 0:
                m = k
                slot[j] = k
                k += 1
            out[i] = m
    return out, k


def _densify(combined: np.ndarray, nslots: int, sort: bool) -> tuple[np.ndarray, int]:
    """Map codes in ``[-1, nslots)`` to dense codes ``[-1, k)``."""
    n = combined.shape[0]
    if nslots <= max(_DIRECT_SLOTS, 4 * n):
        codes, k = (_dense_sorted if sort else _dense_first_seen)(combined, nslots)
        return codes, int(k)
    codes, uniq = pd.factorize(combined, sort=sort, use_na_sentinel=True)
    if uniq.size and uniq[0] < 0:  # -1 (no group) must not become a group
        keep = codes > 0
        codes = np.where(keep, codes - 1, -1)
        return codes.astype(np.int64, copy=False), int(uniq.size - 1)
    if not sort and (combined < 0).any():
        # -1 appeared somewhere else in the order: rebuild codes without it.
        valid = combined >= 0
        sub, usub = pd.factorize(combined[valid], sort=False)
        codes = np.full(n, -1, dtype=np.int64)
        codes[valid] = sub
        return codes, int(usub.size)
    return codes.astype(np.int64, copy=False), int(uniq.size)


def _factorize_one(x: np.ndarray, sort: bool, dropna: bool) -> tuple[np.ndarray, int]:
    """Dense codes for one key; nulls (NaN/NaT/None) -> -1, or their own group."""
    n = x.shape[0]
    if x.dtype.kind == "b":
        return _densify(x.astype(np.int64), 2, sort)
    if x.dtype.kind in "iu" and n and (x.dtype.kind == "i" or x.dtype.itemsize < 8):
        lo, hi = _minmax(x)
        if -(2**62) <= lo and hi <= 2**62 and hi - lo + 1 <= max(_DIRECT_SLOTS, 4 * n):
            codes, k = _direct_codes(x, lo, int(hi - lo + 1), sort)
            return codes, int(k)
    codes, uniq = pd.factorize(x, sort=sort, use_na_sentinel=dropna)
    return codes.astype(np.int64, copy=False), len(uniq)


def factorize(
    keys: np.ndarray | Sequence[np.ndarray],
    *,
    sort: bool = True,
    dropna: bool = True,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Dense int64 codes for one or several equally long key arrays, and the unique keys.

    ``codes[i]`` is the group of row ``i``; ``uniques[k][g]`` is the value of key ``k`` for
    group ``g``. Groups are ordered by key values (``sort=True``, nulls last) or by first
    appearance. Rows with a null (NaN, NaT, None) in any key get code ``-1`` when
    ``dropna=True``; otherwise null is a value of its own.

    Examples
    --------
    >>> codes, (u,) = factorize(np.array([30, 10, 30, np.nan]))
    >>> codes.tolist(), u.tolist()
    ([1, 0, 1, -1], [10.0, 30.0])
    >>> codes, (a, b) = factorize([np.array([1, 1, 2]), np.array([5, 4, 5])])
    >>> codes.tolist(), a.tolist(), b.tolist()
    ([1, 0, 2], [1, 1, 2], [4, 5, 5])
    """
    if isinstance(keys, np.ndarray):
        keys = [keys]
    keys = [np.asarray(k) for k in keys]
    if not keys:
        raise ValueError("factorize: `keys` must hold at least one array; received none")
    n = keys[0].shape[0]
    for i, k in enumerate(keys):
        if k.ndim != 1 or k.shape[0] != n:
            raise ValueError(
                f"factorize: every key must be 1-D of length {n}; key {i} has shape {k.shape}"
            )
    codes, ng = _factorize_one(keys[0], sort, dropna)
    for k in keys[1:]:
        ck, nk = _factorize_one(k, sort, dropna)
        if ng * nk >= 2**62:  # cannot happen after densify (ng, nk <= n) for n < 2**31
            raise OverflowError("factorize: too many key combinations")
        combined = np.where((codes < 0) | (ck < 0), -1, codes * nk + ck)
        codes, ng = _densify(combined, ng * nk, sort)
    first = _first_index(codes, ng)
    return codes, [k[first] for k in keys]


# --------------------------------------------------------------------------- scatter_add
@njit(cache=True, nogil=True)
def _scatter_add_rows(out, indices, values):  # pragma: no cover - compiled
    for i in range(indices.shape[0]):
        out[indices[i]] += values[i]


def scatter_add(target: np.ndarray, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
    """A copy of ``target`` with ``values[i]`` added at row ``indices[i]`` (repeats add up).

    ``target`` has shape ``(m, ...)``, ``indices`` shape ``(n,)``, ``values`` shape
    ``(n, ...)`` (or broadcastable to it). Indices must lie in ``[0, m)``.

    Examples
    --------
    >>> scatter_add(np.zeros(3), np.array([0, 2, 0]), np.array([1.0, 2.0, 3.0])).tolist()
    [4.0, 0.0, 2.0]
    """
    out = np.array(target, copy=True)
    idx = np.asarray(indices).astype(np.int64, copy=False)
    if idx.size and (int(idx.min()) < 0 or int(idx.max()) >= out.shape[0]):
        raise IndexError(
            f"scatter_add: `indices` must lie in [0, {out.shape[0]}); "
            f"received min={int(idx.min())}, max={int(idx.max())}"
        )
    vals = np.broadcast_to(np.asarray(values, dtype=out.dtype), (idx.shape[0], *out.shape[1:]))
    if out.ndim == 1:
        _scatter_add_rows(out, idx, np.ascontiguousarray(vals))
    else:
        np.add.at(out, idx, vals)
    return out


# --------------------------------------------------------------------------- hashing
def _splitmix64(z: np.ndarray) -> np.ndarray:
    z = z + np.uint64(SPLITMIX_GAMMA)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(SPLITMIX_C1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(SPLITMIX_C2)
    return z ^ (z >> np.uint64(31))


def hash_array(x: np.ndarray) -> np.ndarray:
    """A uint64 hash per element, equal for equal values (also across backends).

    Integers and bools hash their int64 value, floats their bits with ``-0.0 == 0.0`` and
    one NaN; datetimes their int64 ticks; other objects (strings) use pandas' hash.

    Examples
    --------
    >>> h = hash_array(np.array([1, 2, 1]))
    >>> bool(h[0] == h[2]), bool(h[0] == h[1])
    (True, False)
    """
    x = np.asarray(x)
    if x.dtype.kind == "O" or x.dtype.kind in "US":
        return pd.util.hash_array(x.astype(object), categorize=True)
    if x.dtype.kind == "f":
        bits = float_bits_for_hash(x.astype(np.float64), np)
    elif x.dtype.kind in "mM":
        bits = x.view(np.int64).view(np.uint64)
    else:
        bits = x.astype(np.int64).view(np.uint64)
    with np.errstate(over="ignore"):
        return _splitmix64(bits)


def hash_combine(h1: np.ndarray, h2: np.ndarray) -> np.ndarray:
    """Combine two uint64 hashes (boost's ``hash_combine`` in 64 bits), order-sensitive.

    Examples
    --------
    >>> a, b = np.array([1], np.uint64), np.array([2], np.uint64)
    >>> bool(hash_combine(a, b)[0] != hash_combine(b, a)[0])
    True
    """
    h1 = np.asarray(h1, dtype=np.uint64)
    h2 = np.asarray(h2, dtype=np.uint64)
    with np.errstate(over="ignore"):
        return h1 ^ (h2 + np.uint64(SPLITMIX_GAMMA) + (h1 << np.uint64(6)) + (h1 >> np.uint64(2)))


from ._numpy_groupby import *  # noqa: E402, F403  (group kernels beyond group_reduce)
from ._numpy_join import *  # noqa: E402, F403  (join_indices)
