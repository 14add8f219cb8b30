"""Kernels for CuPy arrays: CuPy/cupyx library calls, same contract as the NumPy module.

Only imported when a CuPy array reaches :func:`gpuframe.backend.kernels.get_kernels`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cupy as cp
import cupyx
import numpy as np

from ._common import check_op, result_dtype
from ._hashing import SPLITMIX_C1, SPLITMIX_C2, SPLITMIX_GAMMA, float_bits_for_hash

__all__ = ["bincount", "factorize", "group_reduce", "hash_array", "hash_combine", "scatter_add"]

_DIRECT_SLOTS = 1 << 24

# Segment product over sorted values: CuPy has no multiply.at / reduceat.
_segment_prod = cp.ElementwiseKernel(
    "int64 start, int64 end, raw T v",
    "T out",
    "T acc = 1; for (long long i = start; i < end; ++i) { acc *= v[i]; } out = acc;",
    "gpuframe_segment_prod",
)


# Exact float64 min/max with repeats: a compare-and-swap loop on the value's bits. CuPy's
# minimum.at/maximum.at on float64 were seen (CuPy 14.2, H200) to round to float32.
_scatter_minmax_f64 = cp.ElementwiseKernel(
    "int64 g, float64 x, bool is_max",
    "raw float64 out",
    """
    unsigned long long* a = (unsigned long long*)&out[g];
    unsigned long long old = *a, assumed;
    do {
        assumed = old;
        double cur = __longlong_as_double((long long)assumed);
        if (is_max ? !(x > cur) : !(x < cur)) break;
        old = atomicCAS(a, assumed, (unsigned long long)__double_as_longlong(x));
    } while (assumed != old);
    """,
    "gpuframe_scatter_minmax_f64",
)


def _scatter(op: str, out: Any, idx: Any, vals: Any) -> None:
    """In-place ``out[idx] op= vals`` with repeats (ufunc.at, or cupyx on older CuPy).

    Float min/max go through an exact float64 compare-and-swap kernel (NaN values must be
    dropped by the caller).
    """
    if op in ("min", "max") and out.dtype == cp.float64:
        idx = idx.astype(cp.int64, copy=False)
        _scatter_minmax_f64(idx, vals.astype(cp.float64, copy=False), op == "max", out)
        return
    ufunc = {"add": cp.add, "min": cp.minimum, "max": cp.maximum}[op]
    if hasattr(ufunc, "at"):
        ufunc.at(out, idx, vals)
    else:  # pragma: no cover - CuPy < 13
        getattr(cupyx, f"scatter_{op}")(out, idx, vals)


def bincount(x: Any, weights: Any = None, minlength: int = 0) -> Any:
    """Counts (or summed weights) of each non-negative integer in ``x``."""
    if x.size and int(x.min()) < 0:
        raise ValueError(f"bincount: `x` must be non-negative; received min(x)={int(x.min())}")
    return cp.bincount(x.astype(cp.int64, copy=False), weights=weights, minlength=minlength)


def group_reduce(
    codes: Any, values: Any, ngroups: int, op: str, *, ddof: int = 1, skipna: bool = True
) -> tuple[Any, Any]:
    """Per-group reduction; same contract as the NumPy kernel."""
    check_op(op)
    out_dtype = result_dtype(op, values.dtype)
    if ngroups == 0:  # every key missing (dropna) or no rows
        return cp.zeros(0, dtype=out_dtype), cp.zeros(0, dtype=cp.int64)
    codes = codes.astype(cp.int64, copy=False)
    in_group = codes >= 0
    is_float = values.dtype.kind == "f"
    valid = in_group & ~cp.isnan(values) if is_float else in_group
    nan_in = in_group & ~valid
    safe = cp.where(in_group, codes, 0)
    cnt = cp.bincount(safe, weights=valid.astype(cp.float64), minlength=ngroups)
    cnt = cnt[:ngroups].astype(cp.int64)
    nan_seen = None
    if is_float and not skipna:
        nan_seen = (
            cp.bincount(safe, weights=nan_in.astype(cp.float64), minlength=ngroups)[:ngroups] > 0
        )
    v = values.astype(cp.int64) if values.dtype.kind == "b" and op not in ("min", "max") else values
    if op in ("min", "max"):
        work = v.astype(cp.float64) if v.dtype.kind in "bf" else v
        if work.dtype.kind == "f":
            fill = cp.inf if op == "min" else -cp.inf
        else:
            info = np.iinfo(work.dtype)
            fill = info.max if op == "min" else info.min
        out = cp.full(ngroups, fill, dtype=work.dtype)
        sel = cp.nonzero(valid)[0]
        _scatter(op, out, codes[sel], work[sel])
        if out.dtype.kind == "f":
            out[cnt == 0] = cp.nan
            if nan_seen is not None:
                out[nan_seen] = cp.nan
        else:
            out[cnt == 0] = 0
        return out.astype(out_dtype), cnt
    if op == "prod":
        acc_t = (
            cp.float64 if v.dtype.kind == "f" else (cp.uint64 if v.dtype.kind == "u" else cp.int64)
        )
        work = cp.where(valid, v, 1).astype(acc_t)
        order = cp.argsort(codes, kind="stable")
        sc, sv = codes[order], work[order]
        starts = cp.searchsorted(sc, cp.arange(ngroups, dtype=cp.int64), side="left")
        ends = cp.searchsorted(sc, cp.arange(ngroups, dtype=cp.int64), side="right")
        out = _segment_prod(starts, ends, sv)
        if nan_seen is not None:
            out = cp.where(nan_seen, cp.nan, out)
        return out.astype(out_dtype), cnt
    acc = cp.float64 if v.dtype.kind == "f" else (cp.uint64 if v.dtype.kind == "u" else cp.int64)
    sums = cp.zeros(ngroups, dtype=acc)
    sel = cp.nonzero(valid)[0]
    _scatter("add", sums, codes[sel], v[sel].astype(acc))
    if nan_seen is not None:
        sums = cp.where(nan_seen, cp.nan, sums)
    if op == "sum":
        return sums.astype(out_dtype), cnt
    if op == "count":
        return cnt.copy(), cnt
    mean = sums.astype(cp.float64) / cnt
    if op == "mean":
        return mean.astype(out_dtype), cnt
    dev = cp.where(valid, (v.astype(cp.float64) - mean[safe]) ** 2, 0.0)
    sq = cp.bincount(safe, weights=dev, minlength=ngroups)[:ngroups]
    denom = (cnt - ddof).astype(cp.float64)
    var = cp.where(denom > 0, sq / cp.where(denom > 0, denom, 1.0), cp.nan)
    if nan_seen is not None:
        var = cp.where(nan_seen, cp.nan, var)
    res = cp.sqrt(var) if op == "std" else var
    return res.astype(out_dtype), cnt


def _densify(combined: Any, nslots: int, sort: bool) -> tuple[Any, int]:
    valid = combined >= 0
    if nslots <= max(_DIRECT_SLOTS, 4 * combined.size):
        present = cp.zeros(nslots, dtype=cp.int64)
        present[combined[valid]] = 1
        rank = cp.cumsum(present) - 1
        codes = cp.where(valid, rank[cp.where(valid, combined, 0)], -1)
        ng = int(present.sum())
    else:
        uniq, inv = cp.unique(cp.where(valid, combined, -1), return_inverse=True)
        has_null = bool(uniq.size and uniq[0] < 0)
        codes = inv.ravel() - (1 if has_null else 0)
        codes = cp.where(valid, codes, -1)
        ng = int(uniq.size) - (1 if has_null else 0)
    if not sort:
        codes = _first_seen(codes, ng)
    return codes.astype(cp.int64, copy=False), ng


def _first_seen(codes: Any, ng: int) -> Any:
    n = codes.size
    first = cp.full(ng, n, dtype=cp.int64)
    valid = codes >= 0
    _scatter("min", first, codes[valid], cp.arange(n, dtype=cp.int64)[valid])
    rank = cp.empty(ng, dtype=cp.int64)
    rank[cp.argsort(first)] = cp.arange(ng, dtype=cp.int64)
    return cp.where(valid, rank[cp.where(valid, codes, 0)], -1)


def _factorize_one(x: Any, sort: bool, dropna: bool) -> tuple[Any, int]:
    n = x.size
    if x.dtype.kind == "b":
        return _densify(x.astype(cp.int64), 2, sort)
    if x.dtype.kind in "iu" and n:
        lo, hi = int(x.min()), int(x.max())
        if hi - lo + 1 <= max(_DIRECT_SLOTS, 4 * n):
            return _densify(x.astype(cp.int64) - lo, hi - lo + 1, sort)
    if x.dtype.kind in "mM":
        ticks = x.view(cp.int64)
        return _with_nulls(ticks, ticks == np.iinfo(np.int64).min, sort, dropna)
    if x.dtype.kind == "f":
        return _with_nulls(x, cp.isnan(x), sort, dropna)
    if x.dtype.kind in "iu":
        vals, inv = cp.unique(x, return_inverse=True)
        inv = inv.ravel().astype(cp.int64)
        return (inv, int(vals.size)) if sort else _densify(inv, int(vals.size), False)
    raise TypeError(f"factorize: unsupported dtype {x.dtype} on the GPU")


def _with_nulls(x: Any, isnull: Any, sort: bool, dropna: bool) -> tuple[Any, int]:
    """Sorted codes of ``x`` where null rows go to -1 (dropna) or one last slot."""
    vals, inv = cp.unique(cp.where(isnull, 0, x), return_inverse=True)
    inv = inv.ravel().astype(cp.int64)
    nvals = int(vals.size)
    if not bool(isnull.any()):
        return (inv, nvals) if sort else _densify(inv, nvals, False)
    if dropna:
        inv = cp.where(isnull, -1, inv)
    else:
        inv = cp.where(isnull, nvals, inv)
        nvals += 1
    return _densify(inv, nvals, sort)


def factorize(
    keys: Any | Sequence[Any], *, sort: bool = True, dropna: bool = True
) -> tuple[Any, list[Any]]:
    """Dense codes and unique keys; same contract as the NumPy kernel."""
    if not isinstance(keys, (list, tuple)):
        keys = [keys]
    n = keys[0].size
    codes, ng = _factorize_one(keys[0], sort, dropna)
    for k in keys[1:]:
        ck, nk = _factorize_one(k, sort, dropna)
        combined = cp.where((codes < 0) | (ck < 0), -1, codes * nk + ck)
        codes, ng = _densify(combined, ng * nk, sort)
    first = cp.full(ng, n, dtype=cp.int64)
    valid = codes >= 0
    _scatter("min", first, codes[valid], cp.arange(n, dtype=cp.int64)[valid])
    return codes, [k[first] for k in keys]


def scatter_add(target: Any, indices: Any, values: Any) -> Any:
    """A copy of ``target`` with ``values[i]`` added at row ``indices[i]``."""
    out = target.copy()
    idx = indices.astype(cp.int64, copy=False)
    if idx.size and (int(idx.min()) < 0 or int(idx.max()) >= out.shape[0]):
        raise IndexError(
            f"scatter_add: `indices` must lie in [0, {out.shape[0]}); "
            f"received min={int(idx.min())}, max={int(idx.max())}"
        )
    vals = cp.broadcast_to(cp.asarray(values, dtype=out.dtype), (idx.size, *out.shape[1:]))
    _scatter("add", out, idx, vals)
    return out


def hash_array(x: Any) -> Any:
    """uint64 hash per element, equal to the NumPy kernel's for the same values."""
    if x.dtype.kind == "f":
        bits = float_bits_for_hash(x.astype(cp.float64), cp)
    elif x.dtype.kind in "mM":
        bits = x.view(cp.int64).view(cp.uint64)
    else:
        bits = x.astype(cp.int64).view(cp.uint64)
    z = bits + cp.uint64(SPLITMIX_GAMMA)
    z = (z ^ (z >> cp.uint64(30))) * cp.uint64(SPLITMIX_C1)
    z = (z ^ (z >> cp.uint64(27))) * cp.uint64(SPLITMIX_C2)
    return z ^ (z >> cp.uint64(31))


def hash_combine(h1: Any, h2: Any) -> Any:
    """boost-style 64-bit hash_combine, as in the NumPy kernel."""
    h1 = h1.astype(cp.uint64, copy=False)
    h2 = h2.astype(cp.uint64, copy=False)
    return h1 ^ (h2 + cp.uint64(SPLITMIX_GAMMA) + (h1 << cp.uint64(6)) + (h1 >> cp.uint64(2)))


from ._cupy_groupby import *  # noqa: E402, F403  (group kernels beyond group_reduce)
from ._cupy_join import *  # noqa: E402, F403  (join_indices)
