"""``cut`` and ``qcut``: bin values into intervals.

Difference from pandas: gpuframe has no interval dtype, so with ``labels=None`` the bins are
a category column whose categories are the interval strings pandas prints (``"(0.0, 1.0]"``);
``labels=False`` gives the integer bin codes and a list of ``labels`` names the bins.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..backend import to_host
from ..column import Column, as_column

__all__ = ["cut", "qcut"]


def _series_and_values(x: Any) -> tuple[Any, Column]:
    from ..series import Series

    s = x if isinstance(x, Series) else Series(x)
    col = s._column
    if col.is_encoded or col.dtype.kind not in "iuf":
        raise TypeError(f"cut: values must be numeric; received dtype {col.dtype}")
    return s, col


def _bin_codes(col: Column, edges: np.ndarray, right: bool, include_lowest: bool) -> Any:
    xp = col.xp
    v = col.data.astype(np.float64)
    e = xp.asarray(edges)
    side = "left" if right else "right"
    codes = xp.searchsorted(e, v, side=side) - 1
    if include_lowest:
        codes = xp.where(v == e[0], 0, codes) if right else codes
        if not right:
            codes = xp.where(v == e[-1], len(edges) - 2, codes)
    bad = (codes < 0) | (codes > len(edges) - 2) | xp.isnan(v)
    if col.mask is not None:
        bad = bad | ~col.mask
    return xp.where(bad, -1, codes).astype(np.int32 if hasattr(np, "int32") else None)


def _fmt(x: float, precision: int) -> str:
    s = np.format_float_positional(round(float(x), precision), trim="-")
    return s if "." in s else s + ".0"


def _result(
    s: Any,
    col: Column,
    edges: np.ndarray,
    labels: Any,
    right: bool,
    include_lowest: bool,
    precision: int,
    ordered: bool = True,
) -> Any:
    import pandas as pd
    import pyarrow as pa

    from ..series import Series

    codes = _bin_codes(col, edges, right, include_lowest)
    if labels is False:
        data = codes.astype(np.float64)
        data = col.xp.where(codes < 0, np.nan, data)
        out = as_column(data) if bool((codes < 0).any()) else as_column(codes.astype(np.int64))
        return Series._from_column(out, s.index, s.name)
    nb = len(edges) - 1
    if labels is None:
        names = []
        for i in range(nb):
            lo, hi = edges[i], edges[i + 1]
            if i == 0 and include_lowest and right:
                lo = lo - 10 ** (-precision)
            names.append(
                f"({_fmt(lo, precision)}, {_fmt(hi, precision)}]"
                if right
                else f"[{_fmt(lo, precision)}, {_fmt(hi, precision)})"
            )
    else:
        names = list(labels)
        if len(names) != nb:
            raise ValueError(f"cut: {len(names)} labels for {nb} bins; they must match")
    dtype = pd.CategoricalDtype(names, ordered=ordered)
    from .. import dtypes as _dt

    cat = pd.Series(pd.Categorical.from_codes(to_host(codes), dtype=dtype))
    out = as_column(cat)
    del pa, _dt
    return Series._from_column(out, s.index, s.name)


def cut(
    x: Any,
    bins: Any,
    right: bool = True,
    labels: Any = None,
    retbins: bool = False,
    precision: int = 3,
    include_lowest: bool = False,
    ordered: bool = True,
) -> Any:
    """Bin values into ``bins`` (a count of equal-width bins or the edges).

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.cut(gf.Series([1.0, 5.0, 9.0]), bins=[0, 4, 10], labels=False).to_pandas().tolist()
    [0, 1, 1]
    >>> gf.cut(gf.Series([1.0, 5.0]), bins=[0, 4, 10], labels=["lo", "hi"]).to_pandas().tolist()
    ['lo', 'hi']
    """
    s, col = _series_and_values(x)
    if np.isscalar(bins):
        nb = int(bins)  # type: ignore[arg-type]
        if nb < 1:
            raise ValueError(
                f"Invalid value for argument `bins`. Expected an int >= 1. Received: bins={bins!r}"
            )
        xp = col.xp
        v = col.data.astype(np.float64)
        ok = ~xp.isnan(v)
        lo, hi = float(to_host(xp.min(v[ok]))), float(to_host(xp.max(v[ok])))
        if lo == hi:
            lo, hi = lo - 0.001 * abs(lo) if lo else -0.001, hi + 0.001 * abs(hi) if hi else 0.001
            edges = np.linspace(lo, hi, nb + 1)
        else:
            edges = np.linspace(lo, hi, nb + 1)
            adj = (hi - lo) * 0.001
            if right:
                edges[0] -= adj
            else:
                edges[-1] += adj
    else:
        edges = np.asarray(bins, dtype=np.float64)
        if edges.ndim != 1 or (np.diff(edges) <= 0).any():
            raise ValueError("cut: `bins` must increase monotonically")
    res = _result(s, col, edges, labels, right, include_lowest, precision, ordered)
    return (res, edges) if retbins else res


def qcut(
    x: Any,
    q: Any,
    labels: Any = None,
    retbins: bool = False,
    precision: int = 3,
    duplicates: str = "raise",
) -> Any:
    """Bin values into quantiles (``q`` a count or the quantile levels).

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.qcut(gf.Series([1.0, 2.0, 3.0, 4.0]), 2, labels=False).to_pandas().tolist()
    [0, 0, 1, 1]
    """
    s, col = _series_and_values(x)
    if np.isscalar(q):
        levels = np.linspace(0, 1, int(q) + 1)  # type: ignore[arg-type]
    else:
        levels = np.asarray(q, dtype=np.float64)
    host = to_host(col.data).astype(np.float64)
    if col.mask is not None:
        host = np.where(to_host(col.mask), host, np.nan)
    edges = np.nanquantile(host, levels)
    if (np.diff(edges) <= 0).any():
        if duplicates == "drop":
            edges = np.unique(edges)
        else:
            raise ValueError(
                f"qcut: bin edges must be unique: {edges.tolist()}; use duplicates='drop'"
            )
    res = _result(s, col, edges, labels, True, True, precision)
    return (res, edges) if retbins else res
