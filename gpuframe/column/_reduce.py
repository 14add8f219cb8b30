"""Reductions of one column to a scalar: one :func:`reduce` for every named reduction."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .. import dtypes as _dt
from ..backend import is_numpy, to_host
from ._column import Column

__all__ = ["INTERPOLATIONS", "REDUCTIONS", "quantile_values", "quantiles", "reduce"]

REDUCTIONS = (
    "sum",
    "prod",
    "mean",
    "min",
    "max",
    "std",
    "var",
    "count",
    "nunique",
    "median",
    "quantile",
    "any",
    "all",
    "argmin",
    "argmax",
    "sem",
)
_NUMERIC_ONLY = ("sum", "prod", "mean", "std", "var", "median", "quantile", "sem")


def _scalar(x: Any) -> Any:
    host = to_host(x) if hasattr(x, "shape") else x
    return np.asarray(host)[()]


def _missing(col: Column) -> Any:
    if col.mask is not None and col.dtype.kind in "biu":
        return pd.NA
    if col.dtype.kind == "M":
        return pd.NaT
    if col.dtype.kind == "m":
        return pd.NaT
    return np.nan


def _wrap_time(value: Any, d: Any) -> Any:
    if d.kind == "M":
        ts = pd.Timestamp(np.asarray(value, dtype=np.int64).view(d)[()])
        return ts.tz_localize("UTC").tz_convert(d.tz) if _dt.is_tz_aware(d) else ts
    return pd.Timedelta(np.asarray(value, dtype=np.int64).view(d)[()])


INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def quantile_values(sorted_vals: Any, q: float, xp: Any, interpolation: str = "linear") -> Any:
    """Quantile ``q`` of already sorted, non-missing values (NumPy's ``method`` names).

    ``lower``, ``higher`` and ``nearest`` (ties to the even position) pick a value and keep
    its dtype; ``linear`` and ``midpoint`` interpolate in float64.
    """
    n = int(sorted_vals.shape[0])
    pos = q * (n - 1)
    lo = int(np.floor(pos))
    hi = min(lo + 1, n - 1)
    frac = pos - lo
    if interpolation == "lower":
        return sorted_vals[lo]
    if interpolation == "higher":
        return sorted_vals[hi if frac > 0 else lo]
    if interpolation == "nearest":
        return sorted_vals[min(int(np.around(pos)), n - 1)]
    a = sorted_vals[lo].astype(xp.float64)
    b = sorted_vals[hi].astype(xp.float64)
    if interpolation == "midpoint":
        return a + (b - a) * (0.5 if frac > 0 else 0.0)
    return a + (b - a) * frac


def reduce(col: Column, op: str, **kwargs: Any) -> Any:
    """``op`` over ``col`` with pandas' semantics; returns a host scalar.

    Keywords: ``skipna=True``, ``min_count=0``, ``ddof=1``, ``q=0.5``. A nullable column
    (one with a mask) gives ``pd.NA`` where pandas' masked arrays do.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> reduce(as_column([1.0, None, 3.0]), "mean")
    np.float64(2.0)
    >>> reduce(as_column(["b", "a", None]), "min")
    'a'
    """
    out = _reduce(col, op, **kwargs)
    if col.mask is not None and isinstance(out, (float, np.floating)) and np.isnan(out):
        return pd.NA
    return out


def _reduce(
    col: Column,
    op: str,
    *,
    skipna: bool = True,
    min_count: int = 0,
    ddof: int = 1,
    q: float = 0.5,
    interpolation: str = "linear",
) -> Any:
    if op not in REDUCTIONS:
        raise ValueError(f"reduce: unknown `op` {op!r}; expected one of {REDUCTIONS}")
    xp, d = col.xp, col.dtype
    if op in _PLAIN and col.mask is None and is_numpy(xp) and d.kind in "iuf":
        fast = _reduce_plain(col.data, op, min_count)
        if fast is not None:
            return fast
    if op in ("var", "std", "sem") and col.mask is None and is_numpy(xp) and _plain_number(col):
        return _spread(col.data, op, skipna, ddof)
    if op in ("median", "quantile") and interpolation == "linear" and col.mask is None:
        fast_q = _plain_quantiles(col, [0.5 if op == "median" else float(q)], skipna)
        if fast_q is not None:
            return fast_q[0]
    if op == "nunique" and col.mask is None and is_numpy(xp) and len(col):
        fast_n = _nunique_plain(col)
        if fast_n is not None:
            return np.int64(fast_n)
    null = col.null_array()
    n_null = int(xp.sum(null)) if len(col) else 0
    count = len(col) - n_null
    if op == "count":
        return np.int64(count)
    if col.is_encoded:
        return _reduce_encoded(col, op, null, count, skipna)
    if op in _NUMERIC_ONLY and d.kind == "M" and op not in ("mean", "median", "quantile"):
        raise TypeError(f"{op}: not supported for dtype {d}")
    if op in ("prod", "var", "sem") and d.kind == "m":
        raise TypeError(f"{op}: not supported for dtype {d}")
    if n_null and not skipna and op not in ("nunique", "any", "all"):
        if op in ("argmin", "argmax"):
            return np.int64(-1)
        return _missing(col)
    data = col.data
    values = data[~null] if n_null else data
    if d.kind in "mM":
        values = values.view(np.int64)
    if op == "nunique":
        return np.int64(_count_distinct(values, xp) if count else 0)
    if op in ("any", "all"):
        v = values.astype(xp.bool) if d.kind != "b" else values
        return np.bool_(bool(xp.any(v)) if op == "any" else bool(xp.all(v)))
    if op in ("sum", "prod"):
        if count < min_count:
            return np.nan
        acc = values.astype(xp.int64) if d.kind == "b" else values
        out = _scalar(xp.sum(acc) if op == "sum" else xp.prod(acc))
        if d.kind == "m":
            return _wrap_time(out, d)
        return out
    if count == 0:
        if op in ("argmin", "argmax"):
            raise ValueError(f"{op}: attempt to get {op} of an empty sequence")
        return _missing(col) if op in ("min", "max") else np.nan
    if op in ("min", "max"):
        out = _scalar(xp.min(values) if op == "min" else xp.max(values))
        return _wrap_time(out, d) if d.kind in "mM" else out
    if op in ("argmin", "argmax"):
        pos = xp.argmin(values) if op == "argmin" else xp.argmax(values)
        if n_null:
            pos = xp.nonzero(~null)[0][pos]
        return np.int64(int(pos))
    if d.kind == "b" and (op != "quantile" or interpolation in ("linear", "midpoint")):
        values = values.astype(xp.float64)
    if op == "median" and d.kind in "iu" and not col.is_encoded:
        values = values.astype(xp.float64)  # pandas: the median of the floats (no int overflow)
    if op == "mean":
        out = _scalar(xp.mean(values.astype(xp.float64)))
        if d.kind in "mM":
            return _wrap_time(np.int64(np.trunc(float(out))), d)  # pandas truncates
        return np.float64(out) if d.kind != "f" or d.itemsize == 8 else out.astype(d)
    if op in ("var", "std", "sem"):
        if count <= ddof:
            return np.nan
        f = values.astype(xp.float64)
        mu = xp.mean(f)
        var = xp.sum((f - mu) ** 2) / (count - ddof)
        if op == "var":
            res = var
        elif op == "std":
            res = xp.sqrt(var)
        else:
            res = xp.sqrt(var) / np.sqrt(count)
        out = np.float64(_scalar(res))
        if d.kind == "m" and op == "std":
            return pd.Timedelta(int(np.trunc(float(out))), unit=np.datetime_data(d)[0])  # truncates
        return out
    # median / quantile
    qq = 0.5 if op == "median" else q
    method = "linear" if op == "median" else interpolation
    if method not in INTERPOLATIONS:
        raise ValueError(
            f"quantile: `interpolation` must be one of {list(INTERPOLATIONS)}; "
            f"received interpolation={method!r}"
        )
    plain_int = method == "linear" and d.kind in "iu" and not col.is_encoded
    counted = _counted_quantiles(values, [float(qq)]) if plain_int else None
    if counted is not None:  # small-range integers: a count table, no selection
        return counted[0]
    if is_numpy(xp) and d.kind not in "mMb":  # selection, not a full sort
        out = np.quantile(values, float(qq), method=method)  # type: ignore[call-overload]
    else:
        out = _scalar(quantile_values(xp.sort(values), float(qq), xp, method))
    if d.kind in "mM":
        return _wrap_time(np.int64(np.trunc(float(out))), d)  # pandas truncates
    if method in ("linear", "midpoint"):
        return np.float64(out)
    return np.asarray(out)[()]  # a picked value keeps the column's dtype (pandas)


_PLAIN = ("sum", "mean", "min", "max", "argmin", "argmax")


def _plain_number(col: Column) -> bool:
    """An integer or float64 column (not encoded, not bool): NumPy kernels take it raw."""
    d = col.dtype
    if col.is_encoded or not isinstance(d, np.dtype):
        return False
    return d.kind in "iu" or (d.kind == "f" and d.itemsize == 8)


def _spread(data: np.ndarray, op: str, skipna: bool, ddof: int) -> Any:
    """var/std/sem of a NumPy number column without a mask: integers by exact sums of
    ``v - min`` and its square; floats by one kernel making two passes over the raw values
    (pandas' ``nanvar`` algorithm: mean, then squared deviations, in float64)."""
    from ._reduce_kernels import int_variance, moments

    exact = int_variance(data, ddof) if data.dtype.kind in "iu" else None
    if exact is not None:  # integers: exact sums, no float conversion pass
        count, var = data.shape[0], np.float64(exact)
    else:
        count, _, m2 = moments(data)
        if count < data.shape[0] and not skipna:
            return np.nan
        if count <= ddof:
            return np.nan
        var = np.float64(m2) / np.float64(count - ddof)
    if op == "var":
        return var
    if op == "std":
        return np.sqrt(var)
    return np.sqrt(var) / np.sqrt(np.float64(count))


def _plain_quantiles(col: Column, qs: list[float], skipna: bool = True) -> list[Any] | None:
    """Linear quantiles of a NumPy number column without a mask straight from its raw data
    (no null filtering copy): integers from a count table, float64 by a histogram
    selection; None where neither applies."""
    from ._reduce_kernels import float_quantiles

    if not is_numpy(col.xp) or not _plain_number(col) or not len(col):
        return None
    data = col.data
    if col.dtype.kind == "f":
        if not skipna and bool(np.isnan(data).any()):
            return [np.nan for _ in qs]
        return float_quantiles(data, qs)
    return _counted_quantiles(data, qs)


def _counted_quantiles(values: Any, qs: list[float]) -> list[Any] | None:
    """Linear quantiles of NumPy integers whose range is at most their number, from a count
    table (O(n), no selection); None where that does not apply (NumPy's answer bit for bit)."""
    from ._reduce_kernels import counts_table, quantiles_from_counts

    if not isinstance(values, np.ndarray) or values.dtype.kind not in "iu" or not values.size:
        return None
    t = counts_table(values)
    if t is None:
        return None
    return quantiles_from_counts(t[1], t[0], qs, values.dtype)


def _reduce_plain(data: np.ndarray, op: str, min_count: int) -> Any:
    """One pass over a NumPy column without a mask, the answer pandas gives when no NaN is
    present; None (take the general path) for an empty column or one holding NaN."""
    n = data.shape[0]
    if n == 0 or n < min_count:
        return None
    if op == "sum":
        out = data.sum()
    elif op == "mean":
        if data.dtype.kind == "f" and data.dtype.itemsize != 8:
            return None
        out = np.float64(data.sum(dtype=np.float64)) / n  # pandas: sum, then / count
    elif op in ("min", "max"):
        out = data.min() if op == "min" else data.max()
    else:
        pos = int(data.argmin() if op == "argmin" else data.argmax())
        if data.dtype.kind == "f" and np.isnan(data[pos]):
            return None
        return np.int64(pos)
    if data.dtype.kind == "f" and np.isnan(out):
        return None
    return out


def _nunique_plain(col: Column) -> int | None:
    """Distinct non-missing values of a NumPy column without a mask, with no filtering pass:
    the missing marker (code -1, NaN) is counted among the distinct values and taken off."""
    from ._reduce_kernels import count_distinct_wide, dense_nunique

    data, kind = col.data, col.dtype.kind if not col.is_encoded else "e"
    if kind in ("e", "i", "u", "b"):
        data = data.view(np.uint8) if kind == "b" else data
        k = dense_nunique(data)
        if k is None:
            k = count_distinct_wide(data) if data.dtype.itemsize == 8 else len(pd.unique(data))
        return k - int(kind == "e" and int(data.min()) < 0)
    if kind == "f":
        if data.dtype.itemsize == 8:  # radix-partitioned hashing, NaN skipped
            return count_distinct_wide(data)
        u = pd.unique(data)
        return len(u) - int(np.isnan(u).any())
    if kind in "mM" and data.dtype.itemsize == 8:  # NaT skipped
        return count_distinct_wide(data.view(np.int64), nat=True)
    return None


def _count_distinct(values: Any, xp: Any) -> int:
    from ..backend import get_kernels

    if is_numpy(xp):  # a table over a small integer range, else one hash pass
        from ._reduce_kernels import count_distinct_wide, dense_nunique

        k = dense_nunique(values) if values.dtype.kind in "iu" else None
        if k is None and values.dtype.itemsize == 8 and values.dtype.kind in "iufmM":
            if values.dtype.kind == "f":  # NaN is a value here (the callers dropped nulls)
                nan = bool(np.isnan(values).any())
                return count_distinct_wide(values) + int(nan)
            return count_distinct_wide(values.view(np.int64))
        return len(pd.unique(values)) if k is None else k

    _, uniques = get_kernels(xp).factorize([values], sort=False, dropna=False)
    return int(uniques[0].shape[0])


def _reduce_encoded(col: Column, op: str, null: Any, count: int, skipna: bool) -> Any:
    xp = col.xp
    codes = col.data
    valid = codes[~null]
    if op == "nunique":
        return np.int64(_count_distinct(valid, xp) if count else 0)
    if op in ("min", "max", "argmin", "argmax"):
        if _dt.is_categorical(col.dtype) and not col.dtype.ordered:
            raise TypeError(f"{op}: categorical is not ordered; use an ordered category")
        if count == 0:
            if op in ("argmin", "argmax"):
                raise ValueError(f"{op}: attempt to get {op} of an empty sequence")
            return np.nan
        if not skipna and count < len(col):
            return np.nan if op in ("min", "max") else np.int64(-1)
        if op in ("argmin", "argmax"):
            pos = xp.argmin(valid) if op == "argmin" else xp.argmax(valid)
            return np.int64(int(xp.nonzero(~null)[0][pos]))
        code = int(xp.min(valid) if op == "min" else xp.max(valid))
        return col.categories[code].as_py()
    if op in ("any", "all") and _dt.is_string(col.dtype):
        nonempty = col.categories.to_numpy(zero_copy_only=False).astype(bool)
        hit = np.asarray(nonempty)[to_host(valid)] if count else np.zeros(0, bool)
        return np.bool_(hit.any() if op == "any" else hit.all())
    raise TypeError(f"{op}: not supported for dtype {col.dtype}")


def quantiles(col: Column, qs: list[float], interpolation: str = "linear") -> list[Any]:
    """Several quantiles of a numeric column at once (one selection on the CPU)."""
    if (
        not is_numpy(col.xp)
        or col.dtype.kind not in "biuf"
        or col.is_encoded
        or interpolation != "linear"
    ):
        return [reduce(col, "quantile", q=q, interpolation=interpolation) for q in qs]
    if col.mask is None:
        fast = _plain_quantiles(col, qs)
        if fast is not None:
            return fast
    null = col.null_array()
    values = col.data[~null] if col.null_count or col.dtype.kind == "f" else col.data
    if values.shape[0] == 0:
        return [reduce(col, "quantile", q=q) for q in qs]
    counted = _counted_quantiles(values, qs)
    if counted is not None:
        return counted
    if col.dtype.kind == "b":
        values = values.astype(np.float64)
    return [np.float64(v) for v in np.quantile(values, np.asarray(qs, dtype=np.float64))]
