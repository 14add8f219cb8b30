"""Scans and window operations: one :func:`scan` (cum*), shift, diff and :func:`rolling`."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import is_numpy, to_host
from ._binary import binary_op
from ._cast import astype
from ._column import Column, temporal_data

__all__ = ["SCANS", "diff", "scan", "shift"]

SCANS = ("cumsum", "cumprod", "cummin", "cummax")


def _accumulate(xp: Any, ufunc: str, x: Any) -> Any:
    if ufunc == "add":
        return xp.cumulative_sum(x) if hasattr(xp, "cumulative_sum") else xp.cumsum(x)
    if ufunc == "multiply" and hasattr(xp, "cumprod"):
        return xp.cumprod(x)
    fn = getattr(getattr(xp, ufunc), "accumulate", None)
    if fn is not None:
        try:
            return fn(x)
        except NotImplementedError:  # a device library without this scan
            pass
    from ..backend import asarray

    host = getattr(np, ufunc).accumulate(to_host(x))  # no device kernel for this scan
    return asarray(host, device="gpu")


def scan(col: Column, op: str, *, skipna: bool = True) -> Column:
    """pandas' ``cumsum``/``cumprod``/``cummin``/``cummax``: missing stays missing.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> scan(as_column([1.0, None, 2.0]), "cumsum").to_pandas().tolist()
    [1.0, nan, 3.0]
    """
    if op not in SCANS:
        raise ValueError(f"scan: unknown `op` {op!r}; expected one of {SCANS}")
    xp, d = col.xp, col.dtype
    if (
        col.is_encoded
        or (d.kind == "M" and op in ("cumsum", "cumprod"))
        or (d.kind == "m" and op == "cumprod")
    ):
        raise TypeError(f"{op}: not supported for dtype {d}")
    ufunc = {"cumsum": "add", "cumprod": "multiply", "cummin": "minimum", "cummax": "maximum"}[op]
    if col.mask is None and d.kind in "iu" and is_numpy(xp) and op == "cumsum":
        from ._scan_kernels import cumsum_ints  # one pass, row chunks on the cores

        return Column._from_parts(cumsum_ints(col.data))
    if col.mask is None and d.kind in "iuf" and is_numpy(xp) and len(col):
        # one pass: a NaN (or inf - inf) would reach the last row, so a finite end means none
        with np.errstate(invalid="ignore"):
            out = _accumulate(xp, ufunc, col.data)
        if d.kind != "f" or not np.isnan(out[-1]):
            return Column._from_parts(out)
    null = col.null_array()
    data = col.data.view(np.int64) if d.kind in "mM" else col.data
    if d.kind == "b":
        if op in ("cumsum", "cumprod"):
            data = data.astype(xp.int64)
        else:
            data = data.astype(xp.uint8)
    work_dtype = data.dtype
    if op == "cumsum":
        ident: Any = 0
    elif op == "cumprod":
        ident = 1
    elif work_dtype.kind == "f":
        ident = np.inf if op == "cummin" else -np.inf
    else:
        info = np.iinfo(work_dtype)
        ident = info.max if op == "cummin" else info.min
    filled = xp.where(null, xp.asarray(ident, dtype=work_dtype), data)
    out = _accumulate(xp, ufunc, filled)
    if not skipna:
        seen = _accumulate(xp, "maximum", null.astype(xp.uint8)).astype(xp.bool)
        null = seen
    if d.kind == "b" and op in ("cummin", "cummax"):
        out = out.astype(xp.bool)
    res_dtype = out.dtype
    if d.kind in "mM":
        out, res_dtype = temporal_data(out, d), d
    res = Column._from_parts(out, col.mask, res_dtype)
    if bool(xp.any(null)):
        if res.dtype.kind in "iu" and col.mask is None:
            res = astype(res, np.dtype("float64"))
        res = res._with_nulls(null)
    return res


def shift(col: Column, periods: int = 1, fill_value: Any = None) -> Column:
    """Values moved down by ``periods`` rows (up when negative); new slots are missing."""
    if not isinstance(periods, (int, np.integer)):
        raise TypeError(f"shift: `periods` must be an int; received {periods!r}")
    from ._cast import concat_columns
    from ._column import column_full_null

    xp = col.xp
    n = len(col)
    p = max(min(int(periods), n), -n)
    if p == 0 or n == 0:
        return col
    d = col.dtype
    if fill_value is None and is_numpy(xp) and col.mask is None and d.kind in "fmM":
        return col._replace(data=_shifted_copy(col.data, p))
    if fill_value is None:
        gap = column_full_null(abs(p), col, xp)
    else:
        from ._convert import column_full

        gap = column_full(abs(p), fill_value, device=col.device)
    parts = [gap, col.slice(0, n - p)] if p > 0 else [col.slice(-p, n), gap]
    return concat_columns(parts)  # a bool column gains a mask (nullable), as take(nullify)


def _shifted_copy(a: np.ndarray, p: int) -> np.ndarray:
    """``a`` moved by ``p`` rows (``0 < |p| < n``) into one new array, the gap NaN/NaT; the
    copy runs in row chunks on the process's cores."""
    from ..backend._parallel import map_chunks

    n = a.shape[0]
    out = np.empty_like(a)
    fill = np.array(np.nan if a.dtype.kind == "f" else np.iinfo(np.int64).min).astype(
        a.dtype if a.dtype.kind == "f" else np.int64
    )
    gap = slice(0, p) if p > 0 else slice(n + p, n)
    out[gap].view(fill.dtype)[:] = fill
    m = n - abs(p)
    src, dst = (a[:m], out[p:]) if p > 0 else (a[-p:], out[:m])

    def body(s: int, e: int) -> None:
        dst[s:e] = src[s:e]

    map_chunks(body, m)
    return out


def diff(col: Column, periods: int = 1) -> Column:
    """``col - col.shift(periods)`` with pandas' result dtypes (ints give float64)."""
    d = col.dtype
    if col.is_encoded:
        raise TypeError(f"diff: not supported for dtype {d}")
    base = col
    if d.kind == "b":
        out = binary_op(col, shift(col, periods), "xor")
        return out
    if col.mask is None and d.kind in "iuf" and is_numpy(col.xp) and isinstance(periods, int):
        from ._scan_kernels import diff_numpy  # one pass, row chunks on the cores

        return Column._from_parts(diff_numpy(col.data, periods))
    if d.kind in "iu" and col.mask is None and isinstance(periods, int):
        return _diff_int(col, periods)
    if d.kind in "iu" and col.mask is None:
        base = astype(col, np.dtype("float64"))
    elif d.kind == "u":
        base = astype(col, np.dtype("int64"), nullable=True)
    return binary_op(base, shift(base, periods), "sub")


def _diff_int(col: Column, periods: int) -> Column:
    """Any namespace: subtract in the column's own integer dtype (wrapping; int8/int16 in
    int32) and give float64 (float32 for int8/int16), NaN where there is no partner; the
    same results as the NumPy kernel and pandas."""
    xp, d, x, n = col.xp, col.dtype, col.data, len(col)
    small = d in (np.dtype(np.int8), np.dtype(np.int16))
    work = xp.int32 if small else x.dtype
    res = xp.float32 if small else xp.float64
    k = min(abs(periods), n)
    a, b = (x[k:], x[: n - k]) if periods >= 0 else (x[: n - k], x[k:])
    delta = (xp.astype(a, work) - xp.astype(b, work)) if small else (a - b)
    pad = xp.full(k, xp.nan, dtype=res)
    parts = [pad, xp.astype(delta, res)] if periods >= 0 else [xp.astype(delta, res), pad]
    return Column._from_parts(xp.concat(parts), None, np.dtype("float32" if small else "float64"))
