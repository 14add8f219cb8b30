"""Per-group aggregation of columns: one kernel pass shared by the reductions of a request.

``aggregate(grouper, requests)`` takes ``(column, op, kwargs)`` triples and returns one
result :class:`~gpuframe.column.Column` per request, each of length ``grouper.ngroups``.
Reductions (sum mean count min max var std prod) of numeric columns that share the same
null pattern go to one ``group_aggregate`` call.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..column import Column, as_column
from ._grouper import Grouper

__all__ = ["AGGREGATIONS", "aggregate", "check_op"]

REDUCTIONS = ("sum", "mean", "count", "min", "max", "var", "std", "prod")
AGGREGATIONS = (
    *REDUCTIONS,
    "size",
    "median",
    "quantile",
    "first",
    "last",
    "nunique",
    "any",
    "all",
    "idxmin",
    "idxmax",
    "sem",
)
_NUMERIC_ONLY = ("sum", "mean", "var", "std", "prod", "median", "quantile", "sem")


def _kind(col: Column) -> str:
    if _dt.is_string(col.dtype):
        return "str"
    if _dt.is_categorical(col.dtype):
        return "category"
    return col.dtype.kind


def check_op(col: Column, op: Any, name: Any) -> None:
    """Raise a clear error for an unknown op or one the column's dtype cannot take."""
    if not isinstance(op, str) or op not in AGGREGATIONS:
        raise ValueError(
            f"Invalid aggregation {op!r} for column {name!r}. Expected one of "
            f"{list(AGGREGATIONS)} or a callable."
        )
    kind = _kind(col)
    if op in _NUMERIC_ONLY and kind in ("str", "category", "M"):
        if not (kind == "M" and op in ("median", "quantile", "mean", "std")):
            raise TypeError(
                f"groupby: cannot compute {op!r} of column {name!r} with dtype {col.dtype}"
            )
    if op in ("prod", "var", "sem") and kind == "m":
        raise TypeError(f"groupby: cannot compute {op!r} of column {name!r} with dtype {col.dtype}")


def _with_mask(data: Any, valid: Any | None) -> Column:
    col = as_column(data)
    if valid is None:
        return col
    return Column._from_parts(col.data, mask=valid, dtype=col.dtype)


def _prepared(col: Column, g: Grouper) -> tuple[Any, Any]:
    """(values for the kernels, codes with null rows removed) of a non-encoded column."""
    xp = g.xp
    data = col.data
    kind = col.dtype.kind
    codes = g.codes
    if kind in "mM":
        data = data.view(np.int64)
        codes = xp.where(data == np.iinfo(np.int64).min, -1, codes)
    elif col.mask is not None:
        codes = xp.where(col.mask, codes, -1)
    return data, codes


def aggregate(g: Grouper, requests: list[tuple[Column, str, dict[str, Any]]]) -> list[Column]:
    """One result column (length ``g.ngroups``) per ``(column, op, kwargs)`` request."""
    k = g.k
    out: list[Any] = [None] * len(requests)
    batches: dict[tuple[int, int], tuple[Any, list[tuple[int, Any, str, Column]]]] = {}
    for i, (col, op, kw) in enumerate(requests):
        if op in REDUCTIONS and not col.is_encoded:
            values, codes = _prepared(col, g)
            if col.dtype.kind in "mM" and op in ("mean", "std"):  # int64 sums of ns overflow
                values = values.astype(np.float64)

            ddof = int(kw.get("ddof", 1))
            batch = batches.setdefault((id(codes), ddof), (codes, []))
            batch[1].append((i, values, op, col))
        else:
            out[i] = _single(g, col, op, kw)
    for (_, ddof), (codes, items) in batches.items():
        res = k.group_aggregate(codes, g.nslots, [(v, op) for _, v, op, _ in items], ddof=ddof)
        for (i, _v, op, col), (r, cnt) in zip(items, res):
            out[i] = _finish_reduction(g, col, op, g.out(r), g.out(cnt))
    return out


def narrow_like(col: Column, res: Column) -> Column:
    """``res`` (an int64/uint64 group sum, product or scan of ``col``) in ``col``'s narrower
    integer dtype when every value fits, as pandas does (its result dtype depends on the
    values: an int32 sum that overflows int32 comes back int64).

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> narrow_like(as_column(np.int8([1])), as_column(np.int64([5, 7]))).dtype
    dtype('int8')
    """
    d = col.dtype
    if d.kind not in "iu" or d.itemsize == 8 or res.dtype.kind not in "iu" or len(res) == 0:
        return res
    xp = res.xp
    data = res.data if res.mask is None else xp.where(res.mask, res.data, 0)
    info = np.iinfo(d)
    if int(xp.min(data)) < info.min or int(xp.max(data)) > info.max:
        return res
    return Column._from_parts(xp.astype(res.data, d), mask=res.mask, dtype=d)


def _finish_reduction(g: Grouper, col: Column, op: str, r: Any, cnt: Any) -> Column:
    kind = col.dtype.kind
    xp = g.xp
    if op == "count":  # pandas: a masked column's count is masked (Int64) too
        if col.mask is not None:
            return _with_mask(r, xp.ones(r.shape, dtype=xp.bool))
        return as_column(r)
    if kind in "mM":
        nat = np.iinfo(np.int64).min
        if op in ("min", "max", "sum"):
            r = xp.where(cnt > 0, r, nat) if op != "sum" else r
            return as_column(r.astype(np.int64).view(col.dtype))._replace(dtype=col.dtype)
        if op in ("mean", "std"):  # pandas: times (mean) or timedeltas (std), truncated
            ok = (cnt > 0) & ~xp.isnan(r)
            ticks = xp.where(ok, xp.trunc(xp.where(ok, r, 0.0)), 0.0).astype(np.int64)
            ticks = xp.where(ok, ticks, nat)
            unit = np.datetime_data(col.dtype)[0]
            to = col.dtype if op == "mean" else np.dtype(f"timedelta64[{unit}]")
            return as_column(ticks.view(np.dtype(to.str)))._replace(dtype=to)
        return as_column(r)
    if col.mask is not None:  # pandas' masked dtypes stay masked
        valid = cnt > 0 if op not in ("sum", "prod") else xp.ones(r.shape, dtype=xp.bool)
        if op in ("var", "std"):
            valid = valid & ~xp.isnan(r)
        res = _with_mask(xp.where(valid, r, xp.zeros((), dtype=r.dtype)), valid)
        return narrow_like(col, res) if op in ("sum", "prod") else res
    if op in ("min", "max") and kind == "b":
        return as_column(r.astype(bool))
    return narrow_like(col, as_column(r)) if op in ("sum", "prod") else as_column(r)


def _single(g: Grouper, col: Column, op: str, kw: dict[str, Any]) -> Column:
    xp, k = g.xp, g.k
    if op == "count":  # encoded columns: non-null codes
        codes = xp.where(col.data >= 0, g.codes, -1)
        return as_column(g.out(k.bincount(codes[codes >= 0], minlength=g.nslots)[: g.nslots]))
    if op == "size":
        return as_column(g.sizes)
    if op in ("median", "quantile"):
        values, codes = _prepared(col, g) if not col.is_encoded else (col.data, g.codes)
        q = 0.5 if op == "median" else float(kw.get("q", 0.5))
        interp = kw.get("interpolation", "linear")
        if col.dtype.kind in "mM":
            ticks = values.astype(np.float64)
            r, cnt = k.group_quantile(codes, ticks, g.nslots, q, interpolation=interp)
            r = xp.where(g.out(cnt) > 0, xp.trunc(g.out(r)), float(np.iinfo(np.int64).min))
            return as_column(r.astype(np.int64).view(col.dtype))._replace(dtype=col.dtype)
        r, cnt = k.group_quantile(codes, values, g.nslots, q, interpolation=interp)
        r = g.out(r)
        if col.dtype == np.float32 and (op == "median" or col.mask is not None):
            # pandas keeps float32, except quantile of a plain float32 column (float64)
            r = r.astype(np.float32)
        return _masked_float(col, r, g.out(cnt), xp)
    if op in ("first", "last", "min", "max", "idxmin", "idxmax"):
        rows = _row_pick(g, col, op)
        if op in ("idxmin", "idxmax"):
            return rows  # caller maps rows to index labels
        return col.take(rows, nullify=True)
    if op == "nunique":
        dropna = kw.get("dropna", True)
        null = col.null_array()
        codes = xp.where(null, -1, g.codes)
        values = col.data
        if col.dtype.kind in "mM":
            values = values.view(np.int64)
        r = k.group_nunique(codes, values, g.nslots)
        if not dropna:
            has_null = xp.where(null, g.codes, -1)
            hn = k.bincount(has_null[has_null >= 0], minlength=g.nslots)[: g.nslots] > 0
            r = r + hn.astype(r.dtype)
        return as_column(g.out(r))
    if op in ("any", "all"):
        data = col.data
        truthy = (data >= 0) if col.is_encoded else (data != 0)
        null = col.null_array()
        if col.dtype.kind == "f":
            truthy = truthy & ~null  # NaN is skipped
        codes = xp.where(null, -1, g.codes)
        if op == "any":
            hit = xp.where(truthy, codes, -1)
            r = k.bincount(hit[hit >= 0], minlength=g.nslots)[: g.nslots] > 0
        else:
            miss = xp.where(~truthy, codes, -1)
            r = k.bincount(miss[miss >= 0], minlength=g.nslots)[: g.nslots] == 0
        return as_column(g.out(r))
    if op == "sem":
        values, codes = _prepared(col, g)
        ((std, cnt),) = k.group_aggregate(
            codes, g.nslots, [(values, "std")], ddof=int(kw.get("ddof", 1))
        )
        sem = g.out(std) / xp.sqrt(g.out(cnt).astype(np.float64))
        sem = sem.astype(np.float32) if col.dtype == np.float32 else sem
        if col.mask is None:
            return as_column(sem)
        valid = (g.out(cnt) > 0) & ~xp.isnan(sem)  # pandas' masked result: NA, not NaN
        return _with_mask(xp.where(valid, sem, xp.zeros((), dtype=sem.dtype)), valid)
    if op in REDUCTIONS:  # encoded column with a numeric reduction
        raise TypeError(f"groupby: cannot compute {op!r} of a column with dtype {col.dtype}")
    raise ValueError(f"Invalid aggregation {op!r}")


def _masked_float(col: Column, r: Any, cnt: Any, xp: Any) -> Column:
    if col.mask is None:
        return as_column(r)
    valid = cnt > 0
    return _with_mask(xp.where(valid, r, 0.0), valid)


def _row_pick(g: Grouper, col: Column, op: str) -> Any:
    """Row number per output group for first/last/min/max/idxmin/idxmax (-1 if none)."""
    xp, k = g.xp, g.k
    null = col.null_array()
    if op in ("first", "last"):
        rows = k.group_nth_index(g.codes, g.nslots, 0 if op == "first" else -1, valid=~null)
        return g.out(rows)
    if col.is_encoded:
        if _dt.is_categorical(col.dtype) and not col.dtype.ordered and op in ("min", "max"):
            raise TypeError(f"groupby: cannot compute {op!r} of an unordered categorical column")
        values = col.data.astype(np.float64)
        values = xp.where(null, xp.nan, values)
        codes = g.codes
    else:
        values, codes = _prepared(col, g)
    arg = "argmin" if op in ("min", "idxmin") else "argmax"
    return g.out(k.group_argreduce(codes, values, g.nslots, arg))
