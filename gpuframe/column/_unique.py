"""Hash-free grouping helpers over columns: factorize, duplicated, value counts, isin."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import dtypes as _dt
from ..backend import asarray, get_kernels, is_cupy, is_numpy
from ._column import Column, temporal_data

__all__ = [
    "dense_codes",
    "duplicated",
    "factorize",
    "isin",
    "kept_positions",
    "key_arrays",
    "unique",
    "value_counts",
]


def key_arrays(col: Column) -> list[Any]:
    """Raw arrays that are equal exactly where the column's values (or nulls) are equal."""
    xp, d = col.xp, col.dtype
    if col.is_encoded:
        return [col.data]
    if d.kind in "mM":
        return [col.data.view(np.int64)]
    if d.kind == "f":
        x = xp.where(col.data == 0, xp.zeros((), dtype=d), col.data)  # -0.0 == 0.0
        return [x]
    if d.kind == "b":
        x = col.data.astype(xp.int8)
        if col.mask is not None:
            x = xp.where(col.mask, x, xp.asarray(-1, dtype=xp.int8))
        return [x]
    if col.mask is not None:
        return [col.data, col.mask.astype(xp.int8)]
    return [col.data]


def factorize(columns: list[Column], *, sort: bool = False) -> tuple[Any, int]:
    """Dense int64 group codes for rows of ``columns`` (nulls form their own group)."""
    xp = columns[0].xp
    keys = [k for c in columns for k in key_arrays(c)]
    codes, uniques = get_kernels(xp).factorize(keys, sort=sort, dropna=False)
    ngroups = int(uniques[0].shape[0]) if uniques else 0
    return codes, ngroups


def first_positions_of_codes(codes: Any, ngroups: int, xp: Any) -> Any:
    """``first[g]``: the first row whose code is ``g`` (codes dense in ``[0, ngroups)``)."""
    n = int(codes.shape[0])
    if is_numpy(xp):
        first = np.full(ngroups, n, dtype=np.int64)
        np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
        return first
    if is_cupy(xp):
        import cupyx

        first = xp.full(ngroups, n, dtype=xp.int64)
        cupyx.scatter_min(first, codes, xp.arange(n, dtype=xp.int64))
        return first
    _, first = xp.unique(codes, return_index=True)  # pragma: no cover - other namespaces
    return first


def _dense_keys(columns: list[Column]) -> list[Any] | None:
    """The key arrays of NumPy columns without masks when all are integers (codes included)
    of small range, else None: those go to the count tables of ``_reduce_kernels``."""
    if not columns or not is_numpy(columns[0].xp) or any(c.mask is not None for c in columns):
        return None
    keys = [k for c in columns for k in key_arrays(c)]
    if any(k.dtype.kind not in "iu" for k in keys):
        return None
    return keys


def dense_codes(columns: list[Column]) -> tuple[Any, int] | None:
    """``(codes, size)``: one int64 code in ``[0, size)`` per row, equal exactly where the rows'
    keys are equal, from small-range integer keys (no hashing); None where that does not apply
    (CuPy, masks, floats, strings' wide ranges, a product of ranges above ``2 n``).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> codes, size = dense_codes([as_column([5, 6, 5]), as_column([1, 1, 1])])
    >>> codes.tolist(), size
    ([0, 1, 0], 2)
    """
    from ._reduce_kernels import combine_dense

    keys = _dense_keys(columns)
    if keys is None or not len(columns[0]):
        return None
    return combine_dense(keys, 2 * len(columns[0]) + 1024)


def kept_positions(columns: list[Column], keep: str | bool = "first") -> Any | None:
    """Sorted positions of the rows ``drop_duplicates(keep=...)`` keeps (``"first"`` or
    ``"last"``) by a table over dense codes, or None where :func:`dense_codes` does not apply.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> kept_positions([as_column([3, 1, 3, 1, 2])]).tolist()
    [0, 1, 4]
    """
    from ._reduce_kernels import kept_rows

    if keep not in ("first", "last"):
        return None
    keys = _dense_keys(columns)
    if keys is None or not len(columns[0]):
        return None
    return kept_rows(keys, 2 * len(columns[0]) + 1024, keep)


def duplicated(columns: list[Column], keep: str | bool = "first") -> Any:
    """A device bool array: True for rows whose key already appeared (pandas' rules)."""
    if keep not in ("first", "last", False):
        raise ValueError(f"duplicated: `keep` must be 'first', 'last' or False; received {keep!r}")
    xp = columns[0].xp
    n = len(columns[0])
    if n == 0:
        return xp.zeros(0, dtype=xp.bool)
    if is_numpy(xp):  # small-range integers: a table over their range, no hashing
        from ._reduce_kernels import dense_duplicated, dense_range

        dk = _dense_keys(columns)
        r = dense_range(dk[0]) if dk is not None and len(dk) == 1 else None
        if dk is not None and r is not None:
            return dense_duplicated(dk[0], r[0], r[1], keep)
        dense = dense_codes(columns) if dk is not None and len(dk) > 1 else None
        if dense is not None:
            return dense_duplicated(dense[0], 0, dense[1], keep)
    keys = [k for c in columns for k in key_arrays(c)]
    if is_numpy(xp):  # the CPU twin: one hash pass over the key arrays
        if len(keys) == 1:  # a Series: one hash pass (an Index would first test uniqueness)
            return pd.Series(keys[0], copy=False).duplicated(keep=keep).to_numpy()
        frame = pd.DataFrame(dict(enumerate(keys)), copy=False)
        return frame.duplicated(keep=keep).to_numpy()
    codes, ng = factorize(columns)
    if keep is False:
        counts = get_kernels(xp).bincount(codes, minlength=ng)
        return counts[codes] > 1
    if keep == "last":
        codes = codes[::-1]
    first = first_positions_of_codes(codes, ng, xp)
    out = xp.ones(n, dtype=xp.bool)
    out[first] = False
    return out[::-1] if keep == "last" else out


def first_positions(col: Column) -> Any:
    """Positions of the first occurrence of each distinct value, in order of appearance."""
    xp = col.xp
    if len(col) == 0:
        return xp.zeros(0, dtype=xp.int64)
    codes, ng = factorize([col])
    return xp.sort(first_positions_of_codes(codes, ng, xp))


def unique(col: Column) -> Column:
    """Distinct values (nulls once) in order of appearance."""
    keys = key_arrays(col)
    if is_numpy(col.xp) and len(keys) == 1 and len(col):  # one hash pass, no positions
        if col.is_encoded:  # k categories: often all of them show up in the first rows
            k, head = len(col.categories), pd.unique(col.data[:4096])
            if head.shape[0] == k + 1 or (head.shape[0] == k and not (col.data < 0).any()):
                return _keys_from_uniques(col, [head])
        if col.mask is None and keys[0].dtype.kind in "iu" and not col.is_encoded:
            from ._reduce_kernels import dense_range, dense_unique

            r = dense_range(keys[0])
            if r is not None:  # a seen-table over the range, in order of appearance
                return _keys_from_uniques(col, [dense_unique(keys[0], r[0], r[1])])
        raw = col.data if col.dtype.kind == "f" else keys[0]  # pandas keeps -0.0 if first
        return _keys_from_uniques(col, [pd.unique(raw)])
    return col.take(first_positions(col))


def _keys_from_uniques(col: Column, uniques: list[Any]) -> Column:
    """The column of distinct keys that :func:`key_arrays` + factorize produced."""
    xp, d = col.xp, col.dtype
    u = uniques[0]
    if col.is_encoded:
        return col._replace(data=u.astype(xp.int32), mask=None)
    if d.kind in "mM":
        return Column._from_parts(temporal_data(u.astype(xp.int64), d), None, d)
    if d.kind == "b":
        data = u > 0
        return Column._from_parts(data, None if col.mask is None else u >= 0, d)
    if col.mask is not None:
        mask = uniques[1].astype(xp.bool)
        return Column._from_parts(u.astype(d), mask, d)
    return Column._from_parts(u.astype(d))


def value_counts(col: Column, *, dropna: bool = True) -> tuple[Column, Any]:
    """(distinct values, their counts), most frequent first; ties in order of appearance."""
    xp = col.xp
    if len(col) == 0:
        return col, xp.zeros(0, dtype=xp.int64)
    keys = key_arrays(col)
    dense = None
    if is_numpy(xp) and len(keys) == 1 and keys[0].dtype.kind in "iu" and col.mask is None:
        from ._reduce_kernels import table_value_counts

        dense = table_value_counts(keys[0])
    if dense is not None:  # a count table over a small integer range, no hashing
        uniques, counts = [dense[0]], dense[1]
        ng = int(counts.shape[0])
    elif is_numpy(xp) and len(keys) == 1:  # one hash pass on the CPU
        vc = pd.Series(keys[0], copy=False).value_counts(sort=False, dropna=False)
        uniques = [vc.index.to_numpy()]
        counts = vc.to_numpy().astype(np.int64)
        ng = int(counts.shape[0])
    else:
        codes, uniques = get_kernels(xp).factorize(keys, sort=False, dropna=False)
        ng = int(uniques[0].shape[0])
        counts = get_kernels(xp).bincount(codes, minlength=ng)
    values = _keys_from_uniques(col, uniques)  # in order of first appearance
    appear = xp.arange(ng)
    is_null = values.null_array()
    if dropna:
        appear = appear[~is_null]
    elif col.mask is not None:  # pandas' masked arrays count NA last
        appear = xp.concat([appear[~is_null], appear[is_null]])
    order = appear[xp.argsort(-counts[appear], stable=True)]
    return values.take(order), counts[order].astype(xp.int64)


def _is_nan(v: Any) -> bool:
    return isinstance(v, (float, np.floating)) and bool(np.isnan(v))


def _is_nat(v: Any) -> bool:
    return v is pd.NaT or (isinstance(v, (np.datetime64, np.timedelta64)) and bool(np.isnat(v)))


def _matches_missing(col: Column, values: list[Any]) -> bool:
    """Whether a missing row is "in" ``values``, by pandas' rule for the column's dtype."""
    if col.is_encoded:
        return any(v is None or v is pd.NA or _is_nan(v) or _is_nat(v) for v in values)
    if col.mask is not None:  # masked arrays: only pd.NA
        return any(v is pd.NA for v in values)
    if col.dtype.kind == "f":
        return any(_is_nan(v) for v in values)
    if col.dtype.kind in "mM":  # None/NaN count as NaT once the values parse as times
        import datetime as _datetime

        timelike = (_datetime.datetime, _datetime.timedelta, np.datetime64, np.timedelta64)
        parsed = any(isinstance(v, timelike) and not _is_nat(v) for v in values)
        return any(_is_nat(v) or (parsed and (v is None or _is_nan(v))) for v in values)
    return False


def isin(col: Column, values: Any) -> Column:
    """A bool column: True where the value is one of ``values`` (NaN matches NaN/None)."""
    xp = col.xp
    if isinstance(values, Column):
        values = values.to_arrow().to_pylist()
    elif isinstance(values, (pd.Series, pd.Index, np.ndarray)):
        values = list(values)
    elif isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(
            f"isin: `values` must be a list-like; received {type(values).__name__} {values!r}"
        )
    values = list(values)
    has_na = _matches_missing(col, values)
    present = [
        v for v in values if not (v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)))
    ]
    if _dt.is_string(col.dtype) or _dt.is_categorical(col.dtype):
        strs = [v for v in present if isinstance(v, str)] if _dt.is_string(col.dtype) else present
        if _dt.is_categorical(col.dtype):
            cats = list(col.dtype.categories)
            wanted = [cats.index(v) for v in strs if v in cats]
        else:
            idx = pc.index_in(pa.array(strs, type=pa.string()), value_set=col.categories)
            wanted = [i for i in idx.to_pylist() if i is not None]
        if is_numpy(xp) and col.mask is None:  # one pass over the codes (-1: missing rows)
            from ._lookup_kernels import dense_isin

            fast = dense_isin(col.data, np.asarray(wanted, dtype=np.int64), fill=has_na)
            if fast is not None:
                return Column._from_parts(fast, None, np.dtype(bool))
        codes = asarray(np.asarray(wanted, dtype=np.int32), device=col.device)
        hit = xp.isin(col.data, codes) if len(wanted) else xp.zeros(len(col), dtype=xp.bool)
    else:
        d = col.dtype
        try:
            if d.kind in "mM":
                times = pd.Index(present)
                if _dt.is_tz_aware(d) != (getattr(times.dtype, "tz", None) is not None):
                    times = times[:0]  # tz-aware vs naive values: no match, as pandas
                elif _dt.is_tz_aware(d):
                    times = times.tz_convert("UTC").tz_localize(None)  # the instants
                arr = np.asarray(times.to_numpy(), dtype=d).view(np.int64)
                data = col.data.view(np.int64)
            else:
                nums = [
                    v for v in present if isinstance(v, (int, float, bool, np.number, np.bool_))
                ]
                arr = np.asarray(
                    nums,
                    dtype=np.result_type(d, *[np.asarray(v).dtype for v in nums]) if nums else d,
                )
                data = col.data
        except (TypeError, ValueError):
            arr, data = np.zeros(0, dtype=d), col.data
        plain = is_numpy(xp) and col.mask is None and d.kind in "iu" and arr.dtype.kind in "iu"
        if arr.size and plain:  # a table over the wanted values' range, one pass
            from ._lookup_kernels import dense_isin

            fast = dense_isin(data, arr, lo=int(arr.min()))
            if fast is not None:
                return Column._from_parts(fast, None, np.dtype(bool))
        if arr.size:
            hit = xp.isin(data, asarray(arr, device=col.device))
        else:
            hit = xp.zeros(len(col), dtype=xp.bool)
    null = col.null_array()
    hit = xp.where(null, xp.asarray(has_na), hit)
    mask = None if col.mask is None else xp.ones(hit.shape, dtype=xp.bool)  # pandas: boolean
    return Column._from_parts(hit, mask, np.dtype(bool))
