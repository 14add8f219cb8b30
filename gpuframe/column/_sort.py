"""Ordering: stable multi-key argsort, and ranks, over columns on their device."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..backend import get_kernels, is_numpy
from ._column import Column

__all__ = ["argsort", "order_key", "rank", "searchsorted"]


def _sortable(col: Column) -> Any:
    """Values that sort like the column (codes for encoded, int64 ticks for times)."""
    xp, d = col.xp, col.dtype
    if col.is_encoded:
        return col.data
    if d.kind in "mM":
        return col.data.view(np.int64)
    if d.kind == "b":
        return xp.astype(col.data, xp.uint8)
    return col.data


def order_key(col: Column, *, ascending: bool = True, na_position: str = "last") -> Any:
    """An int64 array whose ascending order is the requested order of ``col``.

    Missing values go first or last (``na_position``); equal values get equal keys, so a
    stable sort on the keys keeps the original order among ties.
    """
    xp = col.xp
    null = col.null_array()
    vals = _sortable(col)
    if len(col) == 0:
        return xp.zeros(0, dtype=xp.int64)
    if _dt.is_string(col.dtype) or _dt.is_categorical(col.dtype):
        dense = xp.astype(vals, xp.int64)
        k = len(col.categories) if col.categories is not None else int(xp.max(dense)) + 1
    else:
        filled = xp.where(null, xp.zeros((), dtype=vals.dtype), vals)
        if col.dtype.kind == "f":
            filled = xp.where(filled == 0, xp.zeros((), dtype=filled.dtype), filled)  # -0.0
        codes, uniques = get_kernels(xp).factorize([filled], sort=True, dropna=False)
        dense = xp.astype(codes, xp.int64)
        k = int(uniques[0].shape[0])
    if not ascending:
        dense = (k - 1) - dense
    na_key = -1 if na_position == "first" else k
    return xp.where(null, xp.asarray(na_key, dtype=xp.int64), dense)


def argsort(
    columns: list[Column],
    *,
    ascending: bool | list[bool] = True,
    na_position: str = "last",
    kind: str = "stable",
) -> Any:
    """Stable row order sorting by ``columns`` (first column most significant).

    On NumPy, number/bool/time/code columns go to the radix sort of
    :mod:`._radix_kernels`; the order is stable for every ``kind`` (ties keep row order,
    which is one of the orders pandas' non-stable kinds allow). CuPy and array-api-strict
    sort dense keys from :func:`order_key`.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> argsort([as_column([2, 1, 2]), as_column(["b", "z", "a"])]).tolist()
    [1, 2, 0]
    """
    if na_position not in ("first", "last"):
        raise ValueError(f"`na_position` must be 'first' or 'last'; received {na_position!r}")
    if isinstance(ascending, (bool, np.bool_)):
        ascending = [bool(ascending)] * len(columns)
    if len(ascending) != len(columns):
        raise ValueError(f"`ascending` has {len(ascending)} entries for {len(columns)} sort keys")
    xp = columns[0].xp
    if is_numpy(xp) and all(_radix_ok(c) for c in columns):
        return _argsort_radix(columns, [bool(a) for a in ascending], na_position, kind)
    if len(columns) == 1:
        col = columns[0]
        d = col.dtype
        if (
            ascending[0]
            and na_position == "last"
            and not col.is_encoded
            and d.kind in "iu"
            and col.mask is None
        ):
            return xp.argsort(col.data, stable=True)  # floats: NaN placement via order_key
        return xp.argsort(
            order_key(col, ascending=ascending[0], na_position=na_position), stable=True
        )
    keys = [order_key(c, ascending=a, na_position=na_position) for c, a in zip(columns, ascending)]
    return _radix_order(keys, xp)


def _radix_ok(col: Column) -> bool:
    """Whether the NumPy radix sort takes this column (codes, numbers, bools, times)."""
    return col.is_encoded or (col.dtype.kind in "iufbmM" and col.data.dtype.isnative)


def _radix_key(col: Column) -> tuple[np.ndarray, np.ndarray | None, int]:
    """(values, missing mask or None, kind) for :func:`radix_argsort`; missing as in
    ``null_array`` (NaN for floats, NaT for times, negative codes, else the mask)."""
    from . import _radix_kernels as rk

    data, d = col.data, col.dtype
    if col.is_encoded:
        return data, None, rk.KEY_CODE
    if d.kind in "mM":
        return data.view(np.int64), None, rk.KEY_TIME
    if d.kind == "f":
        return data.astype(np.float64, copy=False).view(np.uint64), None, rk.KEY_FLOAT
    mask = None if col.mask is None else ~col.mask
    if d.kind == "b":
        return data.view(np.uint8), mask, rk.KEY_UINT
    return data, mask, (rk.KEY_INT if d.kind == "i" else rk.KEY_UINT)


def _argsort_radix(
    columns: list[Column], ascending: list[bool], na_position: str, kind: str
) -> Any:
    """The NumPy order: stable LSD radix passes, whatever ``kind`` asks for.

    A stable order is one of the orders ``kind="quicksort"``/``"heapsort"`` may give: those
    leave ties in no specified order (pandas' own tie order differs between NumPy builds and
    CPUs), so gpuframe always gives the stable one: deterministic, and a radix sort is
    several times faster than NumPy's comparison sorts.
    """
    from ._radix_kernels import radix_argsort

    del kind  # every kind gets the stable order (see above)
    keys = [_radix_key(c) for c in columns]
    return radix_argsort(keys, ascending, na_position == "last")


def _radix_order(keys: list[Any], xp: Any) -> Any:
    """Stable lexicographic order of dense keys in ``[-1, k]`` (first key most significant).

    Least significant digit first: adjacent keys are combined while their key space stays
    near the row count, and each combination is one stable counting sort of the rows in the
    order so far (O(n + span) each, no comparison sort).
    """
    n = keys[0].shape[0]
    budget = 2 * n + 4096
    kernels = get_kernels(xp)
    order = None
    i = len(keys)
    while i > 0:
        combined, span = None, 1
        while i > 0:
            key = keys[i - 1]
            k = int(xp.max(key)) + 2 if n else 1
            if combined is not None and span * k > budget:
                break
            shifted = key + 1
            combined = shifted if combined is None else shifted * span + combined
            span *= k
            i -= 1
        assert combined is not None  # at least one key was combined above
        if order is not None:
            combined = combined[order]
        if hasattr(kernels, "group_order"):
            step = kernels.group_order(combined, span)[0]
        else:  # the Array API kernels: a stable sort of the combined key, same order
            step = xp.argsort(combined, stable=True)
        order = step if order is None else order[step]
    return order


def rank(
    col: Column,
    *,
    method: str = "average",
    ascending: bool = True,
    na_option: str = "keep",
    pct: bool = False,
) -> Column:
    """pandas' ``rank``: average/min/max/first/dense; missing values keep NaN.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> rank(as_column([10, 20, 10])).to_pandas().tolist()
    [1.5, 3.0, 1.5]
    """
    methods = ("average", "min", "max", "first", "dense")
    if method not in methods:
        raise ValueError(f"rank: `method` must be one of {methods}; received {method!r}")
    if na_option not in ("keep", "top", "bottom"):
        raise ValueError(f"rank: `na_option` must be keep, top or bottom; received {na_option!r}")
    xp = col.xp
    n = len(col)
    null = col.null_array()
    if na_option == "keep" and not col.is_encoded and n and (method != "first" or ascending):
        return _rank_numeric(col, null, method, ascending, pct)
    na_pos = "first" if (na_option == "top") else "last"
    key = order_key(col, ascending=ascending, na_position=na_pos)
    order = xp.argsort(key, stable=True)
    skey = key[order]
    pos = xp.arange(1, n + 1, dtype=xp.float64)
    if n == 0:
        return Column._from_parts(xp.zeros(0, dtype=xp.float64))
    new_group = xp.concat([xp.ones(1, dtype=xp.bool), skey[1:] != skey[:-1]])
    gid = xp.cumsum(new_group.astype(xp.int64)) - 1
    ng = int(gid[-1]) + 1
    starts = xp.nonzero(new_group)[0]
    ends = xp.concat([starts[1:], xp.asarray([n], dtype=starts.dtype)])
    if method == "first":
        r_sorted = pos
    elif method == "dense":
        r_sorted = (gid + 1).astype(xp.float64)
    elif method == "min":
        r_sorted = (starts + 1).astype(xp.float64)[gid]
    elif method == "max":
        r_sorted = ends.astype(xp.float64)[gid]
    else:
        r_sorted = ((starts + 1 + ends).astype(xp.float64) / 2.0)[gid]
    out = xp.empty(n, dtype=xp.float64)
    out[order] = r_sorted
    n_valid = n - int(xp.sum(null))
    if na_option == "keep":
        out = xp.where(null, xp.asarray(np.nan), out)
        denom = float(n_valid if method != "dense" else (ng - (1 if n_valid < n else 0)))
    else:
        denom = float(n if method != "dense" else ng)
    if pct and denom > 0:
        out = out / denom
    return Column._from_parts(out)


def _rank_numeric(col: Column, null: Any, method: str, ascending: bool, pct: bool) -> Column:
    """rank with missing values kept missing: one stable sort of the valid values."""
    xp = col.xp
    n = len(col)
    vals = _sortable(col)
    has_null = bool(xp.any(null))
    pos = xp.nonzero(~null)[0] if has_null else None
    v = vals[pos] if has_null else vals
    m = int(v.shape[0])
    out = xp.full(n, np.nan, dtype=xp.float64)
    if m == 0:
        return Column._from_parts(out)
    if is_numpy(xp) and v.dtype.kind in "iufb":  # one pass over the sorted order
        from ._rank_kernels import ranks_from_order

        # ties share a rank whatever their order, so only "first" needs a stable sort
        order = np.argsort(v, kind="stable" if method == "first" else "quicksort")
        ranks, ng = ranks_from_order(v, order, method, ascending)
        out = _place_ranks(out, ranks, pos)
        if pct:
            out = out / float(ng if method == "dense" else m)
        return Column._from_parts(out)
    order = xp.argsort(v, stable=True)
    sv = v[order]
    new_group = xp.concat([xp.ones(1, dtype=xp.bool), sv[1:] != sv[:-1]])
    gid = xp.cumsum(new_group.astype(xp.int64)) - 1
    ng = int(gid[-1]) + 1
    starts = xp.nonzero(new_group)[0]
    ends = xp.concat([starts[1:], xp.asarray([m], dtype=starts.dtype)])
    if method == "first":
        r = xp.arange(1, m + 1, dtype=xp.float64)
    elif method == "dense":
        r = (gid + 1).astype(xp.float64)
        if not ascending:
            r = (ng + 1) - r
    else:
        lo = (starts + 1).astype(xp.float64)[gid]
        hi = ends.astype(xp.float64)[gid]
        if not ascending:
            lo, hi = (m + 1) - hi, (m + 1) - lo
        r = (lo + hi) / 2.0 if method == "average" else (lo if method == "min" else hi)
    ranks = xp.empty(m, dtype=xp.float64)
    ranks[order] = r
    if has_null:
        out[pos] = ranks
    else:
        out = ranks
    if pct:
        out = out / float(ng if method == "dense" else m)
    return Column._from_parts(out)


def _place_ranks(out: Any, ranks: Any, pos: Any) -> Any:
    if pos is None:
        return ranks
    out[pos] = ranks
    return out


def top_n(col: Column, n: int, *, largest: bool, keep: str = "first") -> Any:
    """Positions of the ``n`` largest (smallest) non-missing values, best first.

    Ties keep row order (``keep="first"``) or reverse row order (``keep="last"``), as
    pandas' ``nlargest``. Only the candidates are sorted: a partition finds them.
    """
    xp = col.xp
    null = col.null_array()
    vals = _sortable(col)
    pos = xp.nonzero(~null)[0]
    if keep == "last":
        pos = pos[::-1]
    v = vals[pos]
    m = int(v.shape[0])
    n = min(n, m)
    if n == 0:
        return pos[:0]
    if is_numpy(xp):
        kth = np.partition(v, m - n if largest else n - 1)[m - n if largest else n - 1]
    else:
        kth = xp.sort(v)[m - n if largest else n - 1]
    cand = (v >= kth) if largest else (v <= kth)
    cpos, cv = pos[cand], v[cand]
    if largest:  # descending, ties in the order of ``pos``
        k = int(cv.shape[0])
        order = (k - 1) - xp.argsort(cv[::-1], stable=True)[::-1]
    else:
        order = xp.argsort(cv, stable=True)
    return cpos[order][:n]


def searchsorted(col: Column, values: Column, *, side: str = "left", sorter: Any = None) -> Any:
    """Positions where ``values`` would go in the sorted ``col`` to keep it sorted.

    A device int64 array (NumPy's ``searchsorted``, with ``side`` "left" or "right"). Strings
    compare as strings through the sorted dictionary; categories by category order.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> searchsorted(as_column(["a", "c", "e"]), as_column(["b", "e"]), side="right").tolist()
    [1, 3]
    """
    if side not in ("left", "right"):
        raise ValueError(f"searchsorted: `side` must be 'left' or 'right'; received side={side!r}")
    xp, d = col.xp, col.dtype
    if col.mask is not None and col.null_count:
        raise ValueError(
            "searchsorted requires the values to be sorted, which is impossible with NA present"
        )
    kwargs = {} if sorter is None else {"sorter": sorter}
    if col.is_encoded:
        if values.is_encoded and values.null_count:
            raise ValueError("searchsorted: `value` must not hold missing values")
        host = values.to_pandas().to_numpy()
        if _dt.is_categorical(d):
            codes = np.asarray(col.dtype.categories.get_indexer(host))
            if (codes < 0).any():
                bad = [v for v, c in zip(host.tolist(), codes) if c < 0]
                raise ValueError(f"searchsorted: values {bad} are not categories of the column")
            targets = codes.astype(np.int32)
            vside = side
        else:
            if not all(isinstance(v, str) for v in host.tolist()):
                raise TypeError(f"searchsorted: a str column takes str values; received {host!r}")
            dictionary = np.asarray(col.categories.to_pylist(), dtype=object)
            # the first code whose string is >= (left) or > (right) the value, then rows by code
            found = np.searchsorted(dictionary, host.astype(object), side=side)  # type: ignore[call-overload]
            targets = np.asarray(found).astype(np.int32)
            vside = "left"
        from ..backend import asarray

        return xp.searchsorted(
            col.data, asarray(targets, device=col.device), side=vside, **kwargs
        ).astype(xp.int64)
    if values.is_encoded:
        raise TypeError(f"searchsorted: cannot search {values.dtype} values in a {d} column")
    if d.kind in "mM" or values.dtype.kind in "mM":
        if values.dtype.kind != d.kind:
            raise TypeError(f"searchsorted: cannot search {values.dtype} values in a {d} column")
        a, v = _sortable(col), _sortable(values.astype(d))
    else:
        common = np.result_type(d, values.dtype)
        a, v = col.data.astype(common), values.data.astype(common)
        if values.mask is not None and values.null_count:
            raise ValueError("searchsorted: `value` must not hold missing values")
    from ..backend import asarray

    v = asarray(v, device=col.device)  # the values may come from the host
    return xp.searchsorted(a, v, side=side, **kwargs).astype(xp.int64)
