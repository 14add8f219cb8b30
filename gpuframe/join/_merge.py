"""``merge`` and ``DataFrame.join``: equi-joins through the ``join_indices`` hash-join kernel.

Keys become arrays the kernel can compare: string/category keys get one unified dictionary
(their codes then compare as integers, and null matches null as in pandas), masked integer
keys become float64 with NaN, datetimes their int64 ticks. The kernel returns row pairs and
every output column is one ``take`` of an input column.

Differences from pandas: the row order of ``how="outer"`` (and ``sort=True``) is by key,
ties in input order, which is what pandas does for the common cases.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import dtypes as _dt
from ..backend import get_kernels, to_host
from ..column import Column, _strings, as_column, concat_columns

__all__ = ["MergeError", "merge"]

_HOWS = ("inner", "left", "right", "outer", "cross")
_VALIDATE = {
    "one_to_one": (True, True),
    "1:1": (True, True),
    "one_to_many": (True, False),
    "1:m": (True, False),
    "many_to_one": (False, True),
    "m:1": (False, True),
    "many_to_many": (False, False),
    "m:m": (False, False),
}


class MergeError(ValueError):
    """A merge whose keys break ``validate`` (as ``pandas.errors.MergeError``)."""


def _frames():
    from ..dataframe import DataFrame
    from ..series import Series

    return DataFrame, Series


def _labels(x: Any) -> list[Any]:
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _key_kind(col: Column) -> str:
    if col.is_encoded:
        cats = col.categories
        import pyarrow as pa

        if (
            _dt.is_string(col.dtype)
            or pa.types.is_string(cats.type)
            or pa.types.is_large_string(cats.type)
        ):
            return "str"
        return "cat"
    k = col.dtype.kind
    if k in "iu":
        return "num"
    if k == "f":
        return "num"
    return k


def _key_pair(lc: Column, rc: Column, lname: Any, rname: Any) -> tuple[Any, Any]:
    """Arrays for the kernel for one left/right key pair."""
    lk, rk = _key_kind(lc), _key_kind(rc)
    if lk != rk:
        raise ValueError(
            f"merge: keys of incompatible types: left {lname!r} has dtype {lc.dtype}, "
            f"right {rname!r} has dtype {rc.dtype}"
        )
    xp = lc.xp
    if lk in ("str", "cat"):
        ld = lc.categories if lk == "str" else _cat_strings(lc)
        rd = rc.categories if lk == "str" else _cat_strings(rc)
        dictionary, (ml, mr) = _strings.unify([ld, rd])
        null = len(dictionary)  # null codes map to one shared slot: null matches null
        cdt = np.int32 if null < 2**31 - 1 else np.int64  # codes as narrow as they fit
        ml = xp.asarray(np.append(ml.astype(cdt), null).astype(cdt, copy=False))
        mr = xp.asarray(np.append(mr.astype(cdt), null).astype(cdt, copy=False))
        return ml[lc.data], mr[rc.data]
    if lk in "mM":
        return _time_keys(lc, rc, lname)
    return _plain(lc), _plain(rc)


def _time_keys(lc: Column, rc: Column, lname: Any) -> tuple[Any, Any]:
    """int64 ticks of two datetime/timedelta keys in their finer unit (tz-aware keys compare
    instants; tz-aware with naive raises ``ValueError``, as pandas)."""
    from ..column._cast import _rescale_ticks

    if _dt.is_tz_aware(lc.dtype) != _dt.is_tz_aware(rc.dtype):
        raise ValueError(
            f"You are trying to merge on {lc.dtype} and {rc.dtype} columns for key {lname!r}. "
            "If you wish to proceed you should use pd.concat"
        )
    a, b = lc.data.view(np.int64), rc.data.view(np.int64)
    units = ("s", "ms", "us", "ns")
    lu, ru = np.datetime_data(lc.dtype)[0], np.datetime_data(rc.dtype)[0]
    if lu != ru:
        fine = np.dtype(f"{lc.dtype.kind}8[{max(lu, ru, key=units.index)}]")
        a, b = _rescale_ticks(a, lc.dtype, fine, lc.xp), _rescale_ticks(b, rc.dtype, fine, lc.xp)
    return a, b


def _cat_strings(col: Column) -> Any:
    import pyarrow as pa

    return col.categories.cast(pa.string())


def _plain(col: Column) -> Any:
    if col.mask is None:
        return col.data
    xp = col.xp
    return xp.where(col.mask, col.data.astype(np.float64), np.nan)


def _key_column(obj: Any, label: Any, side: str) -> Column:
    _DataFrame, _ = _frames()
    if label in obj._cols:
        return obj._cols[label]
    names = list(obj.index.names)
    if label is not None and label in names:
        return obj.index._columns()[names.index(label)]
    raise KeyError(f"merge: {side} key {label!r} not found; columns: {list(obj._cols)}")


def _same_label(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _unique_keys(keys: list[Any], k: Any) -> bool:
    n = int(keys[0].shape[0])
    if n <= 1:
        return True
    _codes, uniq = k.factorize(list(keys), sort=False, dropna=False)
    return int(uniq[0].shape[0]) == n


def merge(
    left: Any,
    right: Any,
    how: str = "inner",
    on: Any = None,
    left_on: Any = None,
    right_on: Any = None,
    left_index: bool = False,
    right_index: bool = False,
    sort: bool = False,
    suffixes: tuple[str | None, str | None] = ("_x", "_y"),
    copy: Any = None,
    indicator: bool | str = False,
    validate: str | None = None,
) -> Any:
    """Join two frames on key columns or indexes (pandas' ``merge``).

    ``how``: inner, left, right, outer or cross. Null keys match each other, as in pandas.
    ``validate`` ("one_to_one", "one_to_many", "many_to_one", "many_to_many" or "1:1" ...)
    raises :class:`MergeError` when the keys break it; ``indicator`` adds a ``_merge``
    category column (left_only, right_only, both).

    Examples
    --------
    >>> import gpuframe as gf
    >>> a = gf.DataFrame({"k": [1, 2, 3], "x": ["a", "b", "c"]})
    >>> b = gf.DataFrame({"k": [3, 1, 1], "y": [0.5, 1.5, 2.5]})
    >>> gf.merge(a, b, on="k").to_pandas().values.tolist()
    [[1, 'a', 1.5], [1, 'a', 2.5], [3, 'c', 0.5]]
    >>> gf.merge(a, b, on="k", how="left").to_pandas()["y"].tolist()
    [1.5, 2.5, nan, 0.5]
    """
    DataFrame, Series = _frames()
    if isinstance(right, Series):
        if right.name is None:
            raise ValueError("merge: a Series on the right needs a name")
        right = right.to_frame()
    if isinstance(left, Series):
        left = left.to_frame()
    for side, obj in (("left", left), ("right", right)):
        if not isinstance(obj, DataFrame):
            raise TypeError(
                f"merge: `{side}` must be a DataFrame or named Series; received {type(obj).__name__}"
            )
    if how not in _HOWS:
        raise ValueError(
            f"Invalid value for argument `how`. Expected one of {list(_HOWS)}. Received: how={how!r}"
        )
    if validate is not None and validate not in _VALIDATE:
        raise ValueError(
            f"Invalid value for argument `validate`. Expected one of {list(_VALIDATE)}. "
            f"Received: validate={validate!r}"
        )
    if how == "cross":
        if (
            on is not None
            or left_on is not None
            or right_on is not None
            or left_index
            or right_index
        ):
            raise ValueError("merge: how='cross' takes no keys (on, left_on, right_on, *_index)")
        return _cross(left, right, suffixes, indicator)
    # ---- keys
    if on is not None and (left_on is not None or right_on is not None):
        raise ValueError("merge: give `on` or `left_on`/`right_on`, not both")
    shared: list[Any] = []
    if left_index and right_index:
        lcols, rcols = left.index._columns(), right.index._columns()
        lnames, rnames = list(left.index.names), list(right.index.names)
    else:
        if on is None and left_on is None and right_on is None and not (left_index or right_index):
            common = [c for c in left._cols if c in right._cols]
            if not common:
                raise ValueError(
                    "merge: no common columns to merge on; give `on`, `left_on`/`right_on`"
                )
            on = common
        if on is not None:
            shared = _labels(on)
            lnames, rnames = shared, shared
        else:
            lnames = _labels(left_on) if not left_index else list(left.index.names)
            rnames = _labels(right_on) if not right_index else list(right.index.names)
            if not (left_index or right_index):  # left_on="k", right_on="k": one "k" (pandas)
                shared = [
                    a
                    for a, b in zip(lnames, rnames)
                    if _same_label(a, b) and a in left._cols and b in right._cols
                ]
        lcols = (
            left.index._columns() if left_index else [_key_column(left, c, "left") for c in lnames]
        )
        rcols = (
            right.index._columns()
            if right_index
            else [_key_column(right, c, "right") for c in rnames]
        )
    if len(lcols) != len(rcols):
        raise ValueError(
            f"merge: {len(lcols)} left keys and {len(rcols)} right keys; they must match"
        )
    pairs = [_key_pair(a, b, ln, rn) for a, b, ln, rn in zip(lcols, rcols, lnames, rnames)]
    lkeys, rkeys = [p[0] for p in pairs], [p[1] for p in pairs]
    xp = lcols[0].xp
    k = get_kernels(xp)
    if validate is not None:
        lu, ru = _VALIDATE[validate]
        if lu and not _unique_keys(lkeys, k):
            raise MergeError(f"Merge keys are not unique in left dataset; not a {validate} merge")
        if ru and not _unique_keys(rkeys, k):
            raise MergeError(f"Merge keys are not unique in right dataset; not a {validate} merge")
    li, ri = k.join_indices(lkeys, rkeys, how, sort=bool(sort) or how == "outer")
    # ---- output columns
    out: dict[Any, Column] = {}
    lsuf, rsuf = suffixes
    shared_set = set(shared)
    right_only_labels = [c for c in right._cols if c not in shared_set]
    overlap = {c for c in left._cols if c in right._cols and c not in shared_set}
    if overlap and lsuf is None and rsuf is None:
        raise ValueError(
            f"merge: columns overlap but no suffix specified: {sorted(map(str, overlap))}"
        )
    # a left join whose right keys are unique keeps every left row once, in order: the left
    # columns are shared (columns are immutable), not copied
    same_left = how in ("inner", "left") and k.is_identity(li, len(left))
    # the index and indicator first: then each side's row indices are freed as soon as its
    # columns are gathered (one output column at a time, straight into the result)
    index = _result_index(left, right, li, ri, left_index, right_index, how)
    ind = _indicator(li, ri, xp) if indicator else None
    for lab, col in left._cols.items():
        if same_left and (lab not in shared_set or how != "outer"):
            name = f"{lab}{lsuf or ''}" if lab in overlap else lab
            out[name] = col
            continue
        if lab in shared_set:
            rcol = right._cols[lab] if lab in right._cols else _key_column(right, lab, "right")
            out[lab] = _coalesce(col, rcol, li, ri, how)
        else:
            name = f"{lab}{lsuf or ''}" if lab in overlap else lab
            out[name] = _take(col, li, nullify=how in ("right", "outer"))
    del li
    for lab in right_only_labels:
        col = right._cols[lab]
        name = f"{lab}{rsuf or ''}" if lab in overlap else lab
        out[name] = _take(col, ri, nullify=how in ("left", "outer"))
    del ri
    if ind is not None:
        out["_merge" if indicator is True else indicator] = ind
    return DataFrame._from_columns(out, index)


def _take(col: Column, idx: Any, nullify: bool = False) -> Column:
    """``col.take``; NumPy columns without a mask go through the parallel gather kernel."""
    from ..backend import is_numpy

    xp = col.xp
    kind = col.dtype.kind if not col.is_encoded else "E"
    if not is_numpy(xp) or col.mask is not None or kind in "bOUS":
        return col.take(idx, nullify=nullify)
    k = get_kernels(xp)
    if kind == "E":
        return Column._from_parts(k.gather(col.data, idx, -1), None, col.dtype, col.categories)
    if kind in "mM":
        ticks = k.gather(col.data.view(np.int64), idx, np.iinfo(np.int64).min)
        return Column._from_parts(ticks.view(col.dtype), None, col.dtype)
    if kind in "iu" and nullify and bool((idx < 0).any()):
        return Column._from_parts(k.gather(col.data.astype(np.float64), idx))
    return Column._from_parts(k.gather(col.data, idx))


def _coalesce(lcol: Column, rcol: Column, li: Any, ri: Any, how: str) -> Column:
    if how in ("inner", "left"):
        return _take(lcol, li)
    if _dt.is_tz_aware(lcol.dtype) and lcol.dtype != rcol.dtype:
        rcol = rcol.astype(lcol.dtype)  # pandas: tz-aware keys take the left key's dtype
    if not lcol.is_encoded and not rcol.is_encoded and lcol.dtype != rcol.dtype:
        common = np.result_type(lcol.dtype, rcol.dtype)  # pandas: right/outer keys promote
        lcol, rcol = lcol.astype(common), rcol.astype(common)
    if how == "right":
        return _take(rcol, ri)
    xp = lcol.xp
    from_left = li >= 0
    pl = xp.nonzero(from_left)[0]
    pr = xp.nonzero(~from_left)[0]
    combined = concat_columns([lcol.take(li[pl]), rcol.take(ri[pr])])
    pos = xp.concat([pl, pr]) if hasattr(xp, "concat") else xp.concatenate([pl, pr])
    inv = xp.empty_like(pos)
    inv[pos] = xp.arange(pos.shape[0], dtype=pos.dtype)
    return combined.take(inv)


def _indicator(li: Any, ri: Any, xp: Any) -> Column:
    import pandas as pd

    codes = xp.where(li < 0, 1, xp.where(ri < 0, 0, 2)).astype(np.int8)
    cat = pd.Categorical.from_codes(to_host(codes), categories=["left_only", "right_only", "both"])
    return as_column(pd.Series(cat))


def _result_index(
    left: Any, right: Any, li: Any, ri: Any, left_index: bool, right_index: bool, how: str
) -> Any:
    if left_index and right_index:
        if how == "right":
            return right.index.take(ri)
        if how == "outer":
            cols = [
                _coalesce(a, b, li, ri, "outer")
                for a, b in zip(left.index._columns(), right.index._columns())
            ]
            return _index_of(cols, left.index.names)
        return left.index.take(li)
    if right_index and not left_index:
        return _nullable_index(left.index, li) if how in ("inner", "left") else None
    if left_index and not right_index:
        return _nullable_index(right.index, ri) if how in ("inner", "right") else None
    return None


def _nullable_index(index: Any, idx: Any) -> Any:
    cols = [c.take(idx, nullify=True) for c in index._columns()]
    return _index_of(cols, list(index.names))


def _index_of(cols: list[Column], names: list[Any]) -> Any:
    from ..index import Index, MultiIndex

    if len(cols) == 1:
        return Index(cols[0], name=names[0])
    return MultiIndex(cols, names=names)


def _cross(left: Any, right: Any, suffixes: tuple[Any, Any], indicator: Any) -> Any:
    DataFrame, _ = _frames()
    xp = next(iter(left._cols.values())).xp if left._cols else np
    nl, nr = len(left), len(right)
    li = xp.repeat(xp.arange(nl, dtype=xp.int64), nr)
    ri = xp.tile(xp.arange(nr, dtype=xp.int64), nl)
    overlap = {c for c in left._cols if c in right._cols}
    out: dict[Any, Column] = {}
    for lab, col in left._cols.items():
        out[f"{lab}{suffixes[0] or ''}" if lab in overlap else lab] = col.take(li)
    for lab, col in right._cols.items():
        out[f"{lab}{suffixes[1] or ''}" if lab in overlap else lab] = col.take(ri)
    if indicator:
        out["_merge" if indicator is True else indicator] = _indicator(li, ri, xp)
    return DataFrame._from_columns(out)


def frame_merge(
    self: Any,
    right: Any,
    how: str = "inner",
    on: Any = None,
    left_on: Any = None,
    right_on: Any = None,
    left_index: bool = False,
    right_index: bool = False,
    sort: bool = False,
    suffixes: tuple[str | None, str | None] = ("_x", "_y"),
    copy: Any = None,
    indicator: bool | str = False,
    validate: str | None = None,
) -> Any:
    """``DataFrame.merge``: see :func:`gpuframe.merge`."""
    return merge(
        self,
        right,
        how=how,
        on=on,
        left_on=left_on,
        right_on=right_on,
        left_index=left_index,
        right_index=right_index,
        sort=sort,
        suffixes=suffixes,
        indicator=indicator,
        validate=validate,
    )


def frame_join(
    self: Any,
    other: Any,
    on: Any = None,
    how: str = "left",
    lsuffix: str = "",
    rsuffix: str = "",
    sort: bool = False,
    validate: str | None = None,
) -> Any:
    """``DataFrame.join``: join ``other`` on its index (pandas' ``DataFrame.join``).

    Examples
    --------
    >>> import gpuframe as gf
    >>> a = gf.DataFrame({"x": [1, 2]}, index=["p", "q"])
    >>> b = gf.DataFrame({"y": [3.0]}, index=["q"])
    >>> a.join(b).to_pandas()["y"].tolist()
    [nan, 3.0]
    """
    _DataFrame, Series = _frames()
    if isinstance(other, Series):
        if other.name is None:
            raise ValueError("join: a Series needs a name")
        other = other.to_frame()
    overlap = [c for c in self._cols if c in other._cols]
    if overlap and not lsuffix and not rsuffix:
        raise ValueError(f"join: columns overlap but no suffix specified: {overlap}")
    suffixes = (lsuffix, rsuffix)
    if on is None:
        return merge(
            self,
            other,
            how=how,
            left_index=True,
            right_index=True,
            sort=sort,
            suffixes=suffixes,
            validate=validate,
        )
    res = merge(
        self,
        other,
        how=how,
        left_on=on,
        right_index=True,
        sort=sort,
        suffixes=suffixes,
        validate=validate,
    )
    if how in ("inner", "left"):
        res.index = self.index.take(_join_rows(self, other, on, how))
    return res


def _join_rows(self: Any, other: Any, on: Any, how: str) -> Any:
    lcols = [_key_column(self, c, "left") for c in _labels(on)]
    rcols = other.index._columns()
    pairs = [_key_pair(a, b, "", "") for a, b in zip(lcols, rcols)]
    k = get_kernels(lcols[0].xp)
    li, _ = k.join_indices([p[0] for p in pairs], [p[1] for p in pairs], how)
    return li
