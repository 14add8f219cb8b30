"""``to_numeric``: values parsed or converted to numbers, as ``pandas.to_numeric``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import dtypes as _dt
from .column import Column, as_column

__all__ = ["to_numeric"]

_ERRORS = ("raise", "coerce")
_DOWNCASTS = (None, "integer", "signed", "unsigned", "float")
_CANDIDATES = {
    "integer": ("int8", "int16", "int32", "int64"),
    "signed": ("int8", "int16", "int32", "int64"),
    "unsigned": ("uint8", "uint16", "uint32", "uint64"),
    "float": ("float32", "float64"),
}


def to_numeric(
    arg: Any, errors: str = "raise", downcast: str | None = None, dtype_backend: Any = None
) -> Any:
    """``arg`` as numbers: strings parsed, times as int64 ticks, numbers kept (pandas' rules).

    ``arg`` may be a gpuframe Series or Index (the result keeps its index and name, on its
    device), a scalar, or a list/array (a NumPy array comes back, as pandas). ``errors``:
    ``"raise"`` (a ``ValueError`` names the first value that does not parse) or
    ``"coerce"`` (NaN for it). ``downcast`` ("integer", "signed", "unsigned", "float")
    picks the smallest dtype of that kind that holds every value, as pandas does.

    Strings are parsed once per distinct value (``str`` columns are dictionary encoded).

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.to_numeric(gf.Series(["1", "2", None])).to_pandas().tolist()
    [1.0, 2.0, nan]
    >>> gf.to_numeric(gf.Series(["1", "x"]), errors="coerce").to_pandas().tolist()
    [1.0, nan]
    >>> gf.to_numeric(gf.Series([1, 300]), downcast="unsigned").dtype
    dtype('uint16')
    """
    from .index import BaseIndex, Index
    from .series import Series

    if errors not in _ERRORS:
        raise ValueError(
            f"to_numeric: `errors` must be one of {list(_ERRORS)}; received errors={errors!r}"
        )
    if downcast not in _DOWNCASTS:
        raise ValueError(
            f"to_numeric: `downcast` must be one of {list(_DOWNCASTS)}; "
            f"received downcast={downcast!r}"
        )
    if dtype_backend is not None:
        raise NotImplementedError("to_numeric: `dtype_backend` is not supported")
    if isinstance(arg, Series):
        col = _downcast(numeric_column(arg._column, errors), downcast)
        return Series._from_column(col, arg._index, arg.name)
    if isinstance(arg, BaseIndex):
        if arg.nlevels != 1:
            raise TypeError("to_numeric: a MultiIndex cannot be converted")
        col = _downcast(numeric_column(arg._columns()[0], errors), downcast)
        return Index(col, name=arg.name)
    if isinstance(arg, (pd.Series, pd.Index, pd.DataFrame)):
        raise TypeError(
            f"to_numeric: received a pandas {type(arg).__name__}; use pandas.to_numeric, or "
            "convert it with gpuframe.from_pandas first"
        )
    if np.ndim(arg) == 0 and not hasattr(arg, "__array_namespace__"):
        return pd.to_numeric(arg, errors=errors, downcast=downcast)  # type: ignore[call-overload]
    kind = getattr(getattr(arg, "dtype", None), "kind", "O")
    if kind in "biufmM":  # a numeric/temporal array stays on its device
        col = _downcast(numeric_column(as_column(arg), errors), downcast)
        return col.data
    if np.ndim(arg) != 1:
        raise TypeError(f"to_numeric: `arg` must be 1-dimensional; received shape {np.shape(arg)}")
    return pd.to_numeric(np.asarray(arg, dtype=object), errors=errors, downcast=downcast)


def numeric_column(col: Column, errors: str = "raise") -> Column:
    """``col`` as a numeric column (no downcast): see :func:`to_numeric`."""
    from .accessors import to_numeric as parse_strings

    d = col.dtype
    if _dt.is_string(d):
        if len(col) == 0:
            return as_column(np.zeros(0, dtype=np.int64), device=col.device)
        return parse_strings(col, errors=errors)
    if _dt.is_categorical(d):
        cats = d.categories
        if cats is not None and cats.dtype.kind in "biufmM":
            return numeric_column(col.astype(cats.dtype), errors)
        return numeric_column(col.astype("str"), errors)
    if d.kind in "mM":
        return col.astype(np.dtype(np.int64))
    if d.kind in "biuf":
        return col
    raise TypeError(f"to_numeric: cannot convert a column of dtype {d}")


def _downcast(col: Column, downcast: str | None) -> Column:
    """The smallest dtype of kind ``downcast`` that holds every value (pandas' loop)."""
    d = col.dtype
    if downcast is None or col.is_encoded or d.kind not in "iuf":
        return col
    xp = col.xp
    vals = col.data if col.mask is None else col.data[col.mask]
    n = int(vals.shape[0])
    if downcast == "unsigned" and n and not bool(xp.min(vals) >= 0):
        return col
    nullable = col.mask is not None
    for name in _CANDIDATES[downcast]:
        t = np.dtype(name)
        if t.itemsize > d.itemsize:
            continue
        if t.kind == d.kind and d.itemsize <= t.itemsize:
            return col  # never an upcast
        if n == 0 or _fits(vals, t, xp):
            return col.astype(t, nullable=nullable)
    return col


def _fits(vals: Any, t: np.dtype, xp: Any) -> bool:
    """Whether every value survives a cast to ``t`` (pandas' ``maybe_downcast_numeric``)."""
    if t.kind in "iu":
        if vals.dtype.kind == "f":
            if not bool(xp.all(xp.isfinite(vals))):
                return False  # NaN or inf: not an integer
            near = xp.round(vals)
            if not bool(xp.all(xp.abs(near - vals) <= 1e-8)):
                return False
            bits = t.itemsize * 8 - (1 if t.kind == "i" else 0)
            lo, hi = xp.min(near), xp.max(near)  # float bounds: 2**bits is exact, 2**bits-1 not
            return bool(lo >= np.iinfo(t).min) and bool(hi < 2.0**bits)
        info = np.iinfo(t)
        lo, hi = xp.min(vals), xp.max(vals)
        return bool(lo >= info.min) and bool(hi <= info.max)
    # float32: values equal within 5e-4 (pandas' tolerance), infinities and NaN kept
    with np.errstate(over="ignore"):
        new = vals.astype(t).astype(xp.float64)
    old = vals.astype(xp.float64)
    same = (new == old) | (xp.isnan(new) & xp.isnan(old)) | (xp.abs(new - old) <= 5e-4)
    return bool(xp.all(same))
