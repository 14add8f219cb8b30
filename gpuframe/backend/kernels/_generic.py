"""Kernels for any Array API namespace (array-api-strict, ...), written with the standard only.

They trade speed for portability: ``bincount`` and the group reductions build a one-hot
(n x ngroups) matrix, so they suit small inputs and serve as a reference for the fast
backends. NumPy and CuPy never come here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import array_api_compat

from ._common import check_op
from ._hashing import CANONICAL_NAN_BITS, SPLITMIX_C1, SPLITMIX_C2, SPLITMIX_GAMMA

__all__ = ["bincount", "factorize", "group_reduce", "hash_array", "hash_combine", "scatter_add"]


def _xp(*arrays: Any) -> Any:
    return array_api_compat.array_namespace(*arrays)


def _onehot(codes: Any, ngroups: int, xp: Any) -> Any:
    return codes[:, None] == xp.arange(ngroups, dtype=codes.dtype)[None, :]


def bincount(x: Any, weights: Any = None, minlength: int = 0) -> Any:
    """Counts (or summed weights) of each non-negative integer in ``x``."""
    xp = _xp(x)
    if x.shape[0] and int(xp.min(x)) < 0:
        raise ValueError(f"bincount: `x` must be non-negative; received min(x)={int(xp.min(x))}")
    m = max(int(minlength), int(xp.max(x)) + 1 if x.shape[0] else 0)
    hot = _onehot(xp.astype(x, xp.int64), m, xp)
    if weights is None:
        return xp.sum(xp.astype(hot, xp.int64), axis=0)
    w = xp.astype(weights, xp.float64)
    return xp.sum(xp.where(hot, w[:, None], 0.0), axis=0)


def _result_dtype(op: str, dtype: Any, xp: Any) -> Any:
    if op == "count":
        return xp.int64
    if op in ("sum", "prod"):
        if dtype == xp.bool or xp.isdtype(dtype, "signed integer"):
            return xp.int64
        if xp.isdtype(dtype, "unsigned integer"):
            return xp.uint64
        return dtype
    if op in ("min", "max"):
        return dtype
    return dtype if dtype == xp.float32 else xp.float64


def group_reduce(
    codes: Any, values: Any, ngroups: int, op: str, *, ddof: int = 1, skipna: bool = True
) -> tuple[Any, Any]:
    """Per-group reduction; same contract as the NumPy kernel."""
    check_op(op)
    xp = _xp(codes, values)
    out_dtype = _result_dtype(op, values.dtype, xp)
    hot = _onehot(xp.astype(codes, xp.int64), ngroups, xp)
    is_float = xp.isdtype(values.dtype, "real floating")
    v = xp.astype(values, xp.float64) if values.dtype == xp.bool else values
    valid = ~xp.isnan(v) if is_float else xp.ones(v.shape, dtype=xp.bool)
    member = hot & valid[:, None]
    cnt = xp.sum(xp.astype(member, xp.int64), axis=0)
    nan_in = xp.any(hot & ~valid[:, None], axis=0)
    if op in ("min", "max"):
        vf = xp.astype(v, xp.float64)
        fill = float("inf") if op == "min" else -float("inf")
        red = xp.min if op == "min" else xp.max
        r = (
            red(xp.where(member, vf[:, None], fill), axis=0)
            if v.shape[0]
            else xp.full(ngroups, fill)
        )
        r = xp.where(cnt > 0, r, xp.nan if is_float else 0.0)
        if is_float and not skipna:
            r = xp.where(nan_in, xp.nan, r)
        return xp.astype(r, out_dtype), cnt
    vf = xp.astype(v, xp.float64)
    if op == "prod":
        r = xp.prod(xp.where(member, vf[:, None], 1.0), axis=0)
    else:
        r = xp.sum(xp.where(member, vf[:, None], 0.0), axis=0)
    if not skipna and is_float:
        r = xp.where(nan_in, xp.nan, r)
    if op in ("sum", "prod"):
        if not is_float and values.dtype != xp.bool and xp.isdtype(values.dtype, "integral"):
            acc = xp.int64 if xp.isdtype(values.dtype, "signed integer") else xp.uint64
            vi = xp.astype(values, acc)
            base = 1 if op == "prod" else 0
            picked = xp.where(member, vi[:, None], xp.asarray(base, dtype=acc))
            r = (xp.prod if op == "prod" else xp.sum)(picked, axis=0, dtype=acc)
        return xp.astype(r, out_dtype), cnt
    if op == "count":
        return cnt, cnt
    mean = r / xp.astype(cnt, xp.float64)
    if op == "mean":
        return xp.astype(mean, out_dtype), cnt
    dev = xp.where(member, (vf[:, None] - mean[None, :]) ** 2, 0.0)
    denom = xp.astype(cnt - ddof, xp.float64)
    var = xp.where(denom > 0, xp.sum(dev, axis=0) / xp.where(denom > 0, denom, 1.0), xp.nan)
    if not skipna and is_float:
        var = xp.where(nan_in, xp.nan, var)
    res = xp.sqrt(var) if op == "std" else var
    return xp.astype(res, out_dtype), cnt


def _factorize_one(x: Any, sort: bool, dropna: bool, xp: Any) -> tuple[Any, int]:
    is_float = xp.isdtype(x.dtype, "real floating")
    nan = xp.isnan(x) if is_float else xp.zeros(x.shape, dtype=xp.bool)
    vals, inv = xp.unique_inverse(x)
    if is_float:
        # unique_inverse keeps every NaN apart; fold them into one slot (or drop them).
        keep = ~xp.isnan(vals)
        nkeep = int(xp.sum(xp.astype(keep, xp.int64)))
        rank = xp.cumulative_sum(xp.astype(keep, xp.int64)) - 1
        inv = xp.where(nan, -1 if dropna else nkeep, xp.take(rank, xp.where(nan, 0, inv)))
        n_u = nkeep + (0 if dropna or not bool(xp.any(nan)) else 1)
    else:
        inv = xp.astype(inv, xp.int64)
        n_u = vals.shape[0]
    inv = xp.reshape(xp.astype(inv, xp.int64), (-1,))
    if not sort:
        inv, n_u = _first_seen_order(inv, n_u, xp)
    return inv, n_u


def _first_seen_order(codes: Any, ngroups: int, xp: Any) -> tuple[Any, int]:
    n = codes.shape[0]
    idx = xp.arange(n, dtype=xp.int64)
    hot = _onehot(codes, ngroups, xp)
    first = xp.min(xp.where(hot, idx[:, None], n), axis=0) if n else xp.zeros(0, dtype=xp.int64)
    order = xp.argsort(first)
    rank = xp.argsort(order)
    return xp.where(codes >= 0, xp.take(rank, xp.where(codes >= 0, codes, 0)), -1), ngroups


def factorize(
    keys: Any | Sequence[Any], *, sort: bool = True, dropna: bool = True
) -> tuple[Any, list[Any]]:
    """Dense codes and unique keys; same contract as the NumPy kernel."""
    if not isinstance(keys, (list, tuple)):
        keys = [keys]
    xp = _xp(*keys)
    codes, ng = _factorize_one(keys[0], True, dropna, xp)
    for k in keys[1:]:
        ck, nk = _factorize_one(k, True, dropna, xp)
        combined = xp.where((codes < 0) | (ck < 0), -1, codes * nk + ck)
        codes, ng = _factorize_one(combined, True, True, xp)
        if bool(xp.any(combined < 0)):
            codes = xp.where(combined < 0, -1, codes - 1)
            ng -= 1
    if not sort:
        codes, ng = _first_seen_order(codes, ng, xp)
    n = codes.shape[0]
    idx = xp.arange(n, dtype=xp.int64)
    hot = _onehot(codes, ng, xp)
    first = xp.min(xp.where(hot, idx[:, None], n), axis=0) if n else xp.zeros(0, dtype=xp.int64)
    return codes, [xp.take(k, first) for k in keys]


def scatter_add(target: Any, indices: Any, values: Any) -> Any:
    """A copy of ``target`` with ``values[i]`` added at row ``indices[i]``."""
    xp = _xp(target, indices)
    m = target.shape[0]
    idx = xp.astype(indices, xp.int64)
    if idx.shape[0] and (int(xp.min(idx)) < 0 or int(xp.max(idx)) >= m):
        raise IndexError(
            f"scatter_add: `indices` must lie in [0, {m}); "
            f"received min={int(xp.min(idx))}, max={int(xp.max(idx))}"
        )
    hot = xp.astype(_onehot(idx, m, xp), target.dtype)  # (n, m)
    vals = xp.broadcast_to(
        xp.asarray(values, dtype=target.dtype), (idx.shape[0], *target.shape[1:])
    )
    flat = xp.reshape(vals, (idx.shape[0], -1))
    added = xp.matmul(xp.matrix_transpose(hot), flat) if target.dtype != xp.bool else None
    return target + xp.reshape(added, target.shape)


def _u64(v: int, xp: Any) -> Any:
    return xp.asarray(v, dtype=xp.uint64)


def hash_array(x: Any) -> Any:
    """uint64 hash per element, equal to the NumPy kernel's for the same values."""
    xp = _xp(x)
    if xp.isdtype(x.dtype, "real floating"):
        f = xp.astype(x, xp.float64) + 0.0
        import numpy as np  # bit view: the standard has no bitcast

        host = np.from_dlpack(f) if hasattr(f, "__dlpack__") else np.asarray(f)
        bits = xp.asarray(host.view(np.uint64).copy())
        bits = xp.where(xp.isnan(f), _u64(CANONICAL_NAN_BITS, xp), bits)
    else:
        import numpy as np

        host = np.from_dlpack(x) if hasattr(x, "__dlpack__") else np.asarray(x)
        bits = xp.asarray(host.astype(np.int64).view(np.uint64))
    z = bits + _u64(SPLITMIX_GAMMA, xp)
    z = (z ^ (z >> _u64(30, xp))) * _u64(SPLITMIX_C1, xp)
    z = (z ^ (z >> _u64(27, xp))) * _u64(SPLITMIX_C2, xp)
    return z ^ (z >> _u64(31, xp))


def hash_combine(h1: Any, h2: Any) -> Any:
    """boost-style 64-bit hash_combine, as in the NumPy kernel."""
    xp = _xp(h1, h2)
    return h1 ^ (h2 + _u64(SPLITMIX_GAMMA, xp) + (h1 << _u64(6, xp)) + (h1 >> _u64(2, xp)))
