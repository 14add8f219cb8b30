"""Long <-> wide: ``melt``, ``pivot``, ``pivot_table``, ``stack``, ``unstack``, ``crosstab``,
``get_dummies`` and ``explode``.

Wide results are built by scattering values into (row group x column group) slots found by
the groupby machinery; long results by repeating and tiling row positions.

Differences from pandas: gpuframe columns hold no lists, so ``explode`` returns its input
unchanged (what pandas does for columns of scalars).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..column import Column, as_column, concat_columns

__all__ = ["crosstab", "explode", "get_dummies", "melt", "pivot", "pivot_table", "stack", "unstack"]


def _frames():
    from ..dataframe import DataFrame
    from ..series import Series

    return DataFrame, Series


def _labels(x: Any) -> list[Any]:
    if x is None:
        return []
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _index_of(cols: list[Column], names: list[Any]) -> Any:
    from ..index import Index, MultiIndex

    return Index(cols[0], name=names[0]) if len(cols) == 1 else MultiIndex(cols, names=names)


def melt(
    frame: Any,
    id_vars: Any = None,
    value_vars: Any = None,
    var_name: Any = None,
    value_name: Any = "value",
    ignore_index: bool = True,
) -> Any:
    """Unpivot ``value_vars`` into (variable, value) rows, keeping ``id_vars``.

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"id": [1, 2], "a": [10, 20], "b": [30, 40]})
    >>> gf.melt(df, id_vars="id").to_pandas().values.tolist()
    [[1, 'a', 10], [2, 'a', 20], [1, 'b', 30], [2, 'b', 40]]
    """
    DataFrame, _ = _frames()
    ids = _labels(id_vars)
    for c in ids + _labels(value_vars):
        if c not in frame._cols:
            raise KeyError(f"melt: column {c!r} not found; columns: {list(frame._cols)}")
    vals = _labels(value_vars) or [c for c in frame._cols if c not in ids]
    n, m = len(frame), len(vals)
    xp = next(iter(frame._cols.values())).xp if frame._cols else np
    tile = xp.tile(xp.arange(n, dtype=xp.int64), m)
    out: dict[Any, Column] = {c: frame._cols[c].take(tile) for c in ids}
    var = var_name if var_name is not None else (frame.columns.name or "variable")
    names = np.repeat(
        np.asarray([str(v) if not isinstance(v, str) else v for v in vals], dtype=object), n
    )
    out[var] = as_column(names) if m else as_column(np.zeros(0, dtype=object))
    kinds = {frame._cols[c].is_encoded for c in vals}
    if len(kinds) > 1:
        raise TypeError(
            "melt: value columns mix strings and numbers; gpuframe has no object dtype "
            f"to hold both (value_vars={vals})"
        )
    if m:
        out[value_name] = concat_columns(
            [_common(frame._cols[c], [frame._cols[v] for v in vals]) for c in vals]
        )
    else:
        out[value_name] = as_column(np.zeros(0))
    index = None if ignore_index else frame.index.take(tile)
    return DataFrame._from_columns(out, index)


def _common(col: Column, others: list[Column]) -> Column:
    """``col`` cast to the common dtype of numeric ``others`` (as pandas' melt)."""
    if col.is_encoded or any(o.is_encoded for o in others):
        return col
    common = np.result_type(*[o.dtype for o in others])
    return col if col.dtype == common else col.astype(common)


def _grid(
    frame: Any, index: list[Any], columns: list[Any], sort: bool = True
) -> tuple[Any, Any, Any]:
    """Groupers for the row keys and column keys, and (row group, column group) per row."""
    from ..groupby._grouper import Grouper

    rk = [_key(frame, c) for c in index]
    ck = [_key(frame, c) for c in columns]
    rg = Grouper(rk, index, sort=sort, dropna=True)
    cg = Grouper(ck, columns, sort=sort, dropna=True)
    return rg, cg, (rg.group_of_row, cg.group_of_row)


def _key(frame: Any, label: Any) -> Column:
    if label in frame._cols:
        return frame._cols[label]
    names = list(frame.index.names)
    if label is not None and label in names:
        return frame.index._columns()[names.index(label)]
    raise KeyError(f"column {label!r} not found; columns: {list(frame._cols)}")


def _column_labels(cg: Any) -> list[Any]:
    keys = [c.to_pandas().tolist() for c in cg.key_columns()]
    return keys[0] if len(keys) == 1 else list(zip(*keys))


def pivot(data: Any, *, columns: Any, index: Any = None, values: Any = None) -> Any:
    """Reshape by unique (index, columns) pairs; duplicates raise ``ValueError``.

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"r": [1, 1, 2], "c": ["x", "y", "x"], "v": [1.0, 2.0, 3.0]})
    >>> gf.pivot(df, index="r", columns="c", values="v").to_pandas().values.tolist()
    [[1.0, 2.0], [3.0, nan]]
    """
    _DataFrame, _ = _frames()
    if index is None:
        raise NotImplementedError("pivot: index=None (the frame's index as rows)")
    idx, cols = _labels(index), _labels(columns)
    vals = _labels(values) or [c for c in data._cols if c not in idx + cols]
    rg, cg, (r, c) = _grid(data, idx, cols)
    xp = rg.xp
    slot = xp.where((r >= 0) & (c >= 0), r * cg.ngroups + c, -1)
    valid = slot >= 0
    counts = rg.k.bincount(slot[valid], minlength=rg.ngroups * cg.ngroups)
    if counts.shape[0] and int(xp.max(counts)) > 1:
        raise ValueError("pivot: Index contains duplicate entries, cannot reshape")
    return _scatter_wide(
        data, rg, cg, slot, vals, values is not None and not isinstance(values, list)
    )


def _scatter_wide(
    data: Any, rg: Any, cg: Any, slot: Any, vals: list[Any], single: bool, fill: Any = None
) -> Any:
    DataFrame, _ = _frames()
    xp = rg.xp
    nr, nc = rg.ngroups, cg.ngroups
    src = xp.full(nr * nc, -1, dtype=xp.int64)
    valid = slot >= 0
    src[slot[valid]] = xp.nonzero(valid)[0]
    clabels = _column_labels(cg)
    out: dict[Any, Column] = {}
    for v in vals:
        col = data._cols[v]
        for j, lab in enumerate(clabels):
            taken = _take_fill(col, src[j::nc], fill)
            key = lab if single else ((v, *lab) if isinstance(lab, tuple) else (v, lab))
            out[key] = taken
    index = _index_of(rg.key_columns(), list(rg.names))
    res = DataFrame._from_columns(out, index)
    return res


def pivot_table(
    data: Any,
    values: Any = None,
    index: Any = None,
    columns: Any = None,
    aggfunc: Any = "mean",
    fill_value: Any = None,
    margins: bool = False,
    dropna: bool = True,
    observed: bool = True,
    sort: bool = True,
) -> Any:
    """Aggregate ``values`` by (index, columns) keys into a wide table.

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"r": [1, 1, 2], "c": ["x", "x", "y"], "v": [1.0, 3.0, 5.0]})
    >>> gf.pivot_table(df, values="v", index="r", columns="c").to_pandas().values.tolist()
    [[2.0, nan], [nan, 5.0]]
    """
    if margins:
        raise NotImplementedError("pivot_table: margins=True")
    if not isinstance(aggfunc, str):
        raise NotImplementedError("pivot_table: `aggfunc` must be a function name")
    idx, cols = _labels(index), _labels(columns)
    if not idx:
        raise NotImplementedError("pivot_table: index=None")
    vals = _labels(values) or [c for c in data._cols if c not in idx + cols]
    keys = idx + cols
    agg = data.groupby(keys, sort=True, dropna=dropna).agg({v: aggfunc for v in vals})
    agg_frame = agg.reset_index()
    if not cols:
        return agg
    rg, cg, (r, c) = _grid(agg_frame, idx, cols)
    xp = rg.xp
    slot = xp.where((r >= 0) & (c >= 0), r * cg.ngroups + c, -1)
    single = isinstance(values, str) or (values is not None and not isinstance(values, list))
    return _scatter_wide(agg_frame, rg, cg, slot, vals, single, fill_value)


_NO_DEFAULT: Any = object()


def _take_fill(col: Column, src: Any, fill: Any) -> Column:
    """``col`` gathered at ``src`` (-1: missing, filled with ``fill`` when it is given).

    Without ``fill`` the missing slots are null (int columns become float64 with NaN, as
    pandas); with it an int column keeps its dtype where ``fill`` is an int.
    """
    if fill is None or len(col) == 0:
        out = col.take(src, nullify=True)
        return out if fill is None else out.fillna(fill)
    from ..column import _binary

    xp = col.xp
    ok = src >= 0
    taken = col.take(xp.where(ok, src, 0))
    return _binary.where(taken, ok, fill)


def unstack(obj: Any, level: Any = -1, fill_value: Any = None, sort: bool = True) -> Any:
    """Move index level(s) ``level`` (a name, a position or a list of them) to the columns.

    Rows are the distinct values of the other levels (sorted, or in order of appearance
    with ``sort=False``); the columns are the distinct values of the moved level (several
    levels: their combinations in order of appearance, as pandas). Missing combinations
    are ``fill_value`` or missing (int columns then become float64). A DataFrame with a
    flat index gives a Series (column label, row label), as pandas.

    Examples
    --------
    >>> import gpuframe as gf, pandas as pd
    >>> mi = pd.MultiIndex.from_arrays([["a", "a", "b"], ["x", "y", "x"]], names=["k", "s"])
    >>> gf.Series([1, 2, 3], index=mi).unstack(fill_value=0).to_pandas().values.tolist()
    [[1, 2], [3, 0]]
    """
    from .._levels import level_position

    DataFrame, Series = _frames()
    from ..index import MultiIndex

    idx = obj.index
    if not isinstance(idx, MultiIndex):
        if isinstance(obj, DataFrame):
            return _flat_unstack(obj)
        raise ValueError(
            f"index must be a MultiIndex to unstack, {type(idx.to_pandas())} was passed"
        )
    names = list(idx.names)
    levels = list(level) if isinstance(level, (list, tuple)) else [level]
    pos = []
    for lv in levels:
        p = level_position(names, lv, "unstack")
        if p not in pos:
            pos.append(p)
    if len(pos) == idx.nlevels:
        raise NotImplementedError(f"unstack: every index level at once (level={level!r})")
    cols = idx._columns()
    rows = [i for i in range(idx.nlevels) if i not in pos]
    tmp = [f"__level_{i}" for i in range(len(cols))]
    frame_cols: dict[Any, Column] = dict(zip(tmp, cols))
    if isinstance(obj, Series):
        vals: list[Any] = ["__values"]
        frame_cols["__values"] = obj._column
        value_labels: list[Any] = [None]
    else:
        vals = [f"__value_{j}" for j in range(len(obj._cols))]
        frame_cols.update(zip(vals, obj._cols.values()))
        value_labels = list(obj._cols)
    frame = DataFrame._from_columns(frame_cols)
    from ..groupby._grouper import Grouper

    rg = Grouper([cols[i] for i in rows], [names[i] for i in rows], sort=sort, dropna=False)
    cg = Grouper(
        [cols[i] for i in pos], [names[i] for i in pos], sort=sort and len(pos) == 1, dropna=False
    )
    r, c = rg.group_of_row, cg.group_of_row
    xp = rg.xp
    nr, nc = rg.ngroups, cg.ngroups
    src = xp.full(nr * nc, -1, dtype=xp.int64)
    src[r * nc + c] = xp.arange(len(frame), dtype=xp.int64)
    clabels = _column_labels(cg)
    out: dict[Any, Column] = {}
    for v, vlab in zip(vals, value_labels):
        col = frame._cols[v]
        for j, lab in enumerate(clabels):
            lab_t = lab if isinstance(lab, tuple) else (lab,)
            if isinstance(obj, Series):
                key = lab
            else:
                key = (*vlab, *lab_t) if isinstance(vlab, tuple) else (vlab, *lab_t)
            out[key] = _take_fill(col, src[j::nc], fill_value)
    res = DataFrame._from_columns(out, _index_of(rg.key_columns(), [names[i] for i in rows]))
    level_names = [names[i] for i in pos]
    if isinstance(obj, Series):
        res._colnames = level_names
    else:
        width = len(value_labels[0]) if value_labels and isinstance(value_labels[0], tuple) else 1
        base = list(obj._colnames) if obj._colnames is not None else [None] * width
        res._colnames = base + level_names
    return res


def _flat_unstack(frame: Any) -> Any:
    """``DataFrame.unstack`` of a frame with a flat index: a Series keyed (column, row)."""
    _DataFrame, Series = _frames()
    from ..index import MultiIndex

    cols = list(frame._cols)
    n, m = len(frame), len(cols)
    if m == 0:
        return Series(np.zeros(0))
    xp = next(iter(frame._cols.values())).xp
    values = concat_columns([_common(frame._cols[c], list(frame._cols.values())) for c in cols])
    names = frame.columns.names
    label_col = _label_column([(c,) for c in cols], 0).take(
        xp.repeat(xp.arange(m, dtype=xp.int64), n)
    )
    tile = xp.tile(xp.arange(n, dtype=xp.int64), m)
    rows = [c.take(tile) for c in frame.index._columns()]
    index = MultiIndex([label_col, *rows], names=[names[0], *frame.index.names])
    return Series._from_column(values, index)


def _on_device(host: np.ndarray, like: Column) -> Any:
    """A small host array moved to ``like``'s namespace and device."""
    from ..backend import asarray, is_cupy, is_numpy

    xp = like.xp
    if is_numpy(xp) or is_cupy(xp):
        return asarray(host, device=like.device)
    return xp.asarray(host)


def _label_column(keys: list[tuple[Any, ...]], i: int) -> Column:
    """Element ``i`` of each label tuple as a column (dtype as pandas infers it)."""
    import pandas as pd

    return as_column(pd.Index([k[i] for k in keys]))


def stack(
    frame: Any,
    level: Any = -1,
    dropna: Any = _NO_DEFAULT,
    sort: Any = _NO_DEFAULT,
    future_stack: bool = True,
) -> Any:
    """Column level(s) ``level`` to the innermost index level(s) (pandas 3's ``stack``).

    Each row becomes one row per distinct stacked label (in order of appearance); the
    remaining column levels are the columns (stacking every level gives a Series). Missing
    (row, label) combinations are missing, and no row is dropped.

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.DataFrame({"a": [1, 2], "b": [3, 4]}).stack().tolist()
    [1, 3, 2, 4]
    """
    from .._levels import level_position

    DataFrame, Series = _frames()
    from ..index import MultiIndex

    if not future_stack:
        raise NotImplementedError("stack: future_stack=False (pandas' legacy stack)")
    if dropna is not _NO_DEFAULT:
        raise ValueError(
            "dropna must be unspecified as the new implementation does not introduce rows "
            f"of NA values; received dropna={dropna!r}"
        )
    if sort is not _NO_DEFAULT:
        raise ValueError(
            f"Cannot specify sort (received sort={sort!r}); sort the result with sort_index"
        )
    labels = frame.columns
    names = list(labels.names)
    keys = [k if isinstance(k, tuple) else (k,) for k in frame._cols]
    nl = len(names)
    levels = list(level) if isinstance(level, (list, tuple)) else [level]
    pos: list[int] = []
    for lv in levels:
        p = level_position(names, lv, "stack")
        if p in pos:
            raise ValueError(f"stack: level {lv!r} is given twice in level={level!r}")
        pos.append(p)
    set_levels = sorted(pos)
    rest = [i for i in range(nl) if i not in pos]
    stacked = list(dict.fromkeys(tuple(k[i] for i in set_levels) for k in keys))
    remaining = list(dict.fromkeys(tuple(k[i] for i in rest) for k in keys))
    n, m = len(frame), len(stacked)
    xp = next(iter(frame._cols.values())).xp if frame._cols else np
    rep = xp.repeat(xp.arange(n, dtype=xp.int64), m)
    tile = xp.tile(xp.arange(m, dtype=xp.int64), n)
    where = {k: frame._cols[lab] for k, lab in zip(keys, frame._cols)}
    out: dict[Any, Column] = {}
    for rkey in remaining or [()]:
        present: list[tuple[int, Column]] = []
        for j, skey in enumerate(stacked):
            full = [None] * nl
            for i, v in zip(set_levels, skey):
                full[i] = v
            for i, v in zip(rest, rkey):
                full[i] = v
            col = where.get(tuple(full))
            if col is not None:
                present.append((j, col))
        if not present:
            continue
        pieces = [c for _, c in present]
        values = concat_columns([_common(c, pieces) for c in pieces])
        base = np.full(m, -1, dtype=np.int64)
        for k, (j, _) in enumerate(present):
            base[j] = k * n
        base_dev = _on_device(base, values)
        b = xp.tile(base_dev, n)
        src = xp.where(b >= 0, b + rep, -1)
        col = values.take(src, nullify=True) if len(present) < m else values.take(src)
        out[rkey[0] if len(rkey) == 1 else rkey] = col
    order = [set_levels.index(p) for p in pos]
    new_levels = [_label_column(stacked, i).take(tile) for i in order] if m else []
    idx_cols = [c.take(rep) for c in frame.index._columns()]
    index = (
        MultiIndex([*idx_cols, *new_levels], names=[*frame.index.names, *[names[p] for p in pos]])
        if m
        else None
    )
    if not rest:
        if not out or index is None:
            return Series(np.zeros(0))
        return Series._from_column(next(iter(out.values())), index)
    res = DataFrame._from_columns(out, index)
    res._colnames = [names[i] for i in rest]
    return res


def crosstab(
    index: Any,
    columns: Any,
    values: Any = None,
    aggfunc: Any = None,
    normalize: bool = False,
    rownames: Any = None,
    colnames: Any = None,
) -> Any:
    """Counts (or ``aggfunc`` of ``values``) of each (index, columns) pair.

    Examples
    --------
    >>> import gpuframe as gf
    >>> a, b = gf.Series(["x", "x", "y"], name="a"), gf.Series([1, 2, 1], name="b")
    >>> gf.crosstab(a, b).to_pandas().values.tolist()
    [[1, 1], [1, 0]]
    """
    DataFrame, Series = _frames()
    ra = index if isinstance(index, Series) else Series(index)
    ca = columns if isinstance(columns, Series) else Series(columns)
    rn = (rownames or [ra.name if ra.name is not None else "row_0"])[0]
    cn = (colnames or [ca.name if ca.name is not None else "col_0"])[0]
    data = {rn: ra._column, cn: ca._column}
    if values is not None:
        if aggfunc is None:
            raise ValueError("crosstab: `values` needs `aggfunc`")
        data["__v"] = (values if isinstance(values, Series) else Series(values))._column
    frame = DataFrame._from_columns(data)
    rg, cg, (r, c) = _grid(frame, [rn], [cn])
    xp = rg.xp
    slot = xp.where((r >= 0) & (c >= 0), r * cg.ngroups + c, -1)
    if values is None:
        counts = rg.k.bincount(slot[slot >= 0], minlength=rg.ngroups * cg.ngroups)
        grid = counts.reshape(rg.ngroups, cg.ngroups)
        out = {lab: as_column(grid[:, j]) for j, lab in enumerate(_column_labels(cg))}
        res = DataFrame._from_columns(out, _index_of(rg.key_columns(), [rn]))
    else:
        agg = frame.groupby([rn, cn]).agg({"__v": aggfunc}).reset_index()
        rg2, cg2, (r2, c2) = _grid(agg, [rn], [cn])
        slot2 = xp.where((r2 >= 0) & (c2 >= 0), r2 * cg2.ngroups + c2, -1)
        res = _scatter_wide(agg, rg2, cg2, slot2, ["__v"], True)
    res.columns = _named_columns(res.columns, cn)
    if normalize:
        total = float(sum(float(res[c].sum()) for c in res.columns))
        res = res / total
    return res


def _named_columns(columns: Any, name: Any) -> Any:
    import pandas as pd

    return pd.Index(list(columns), name=name)


def get_dummies(
    data: Any,
    prefix: Any = None,
    prefix_sep: str = "_",
    dummy_na: bool = False,
    columns: Any = None,
    drop_first: bool = False,
    dtype: Any = None,
) -> Any:
    """One indicator column per distinct value of string/category (or listed) columns.

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.get_dummies(gf.DataFrame({"c": ["b", "a", "b"]})).to_pandas().values.tolist()
    [[False, True], [True, False], [False, True]]
    """
    DataFrame, Series = _frames()
    from ..groupby._grouper import Grouper

    if isinstance(data, Series):
        frame = DataFrame._from_columns(
            {data.name if data.name is not None else 0: data._column}, data.index
        )
        columns = list(frame._cols)
        series_input = True
    else:
        frame, series_input = data, False
    if columns is None:
        columns = [c for c, col in frame._cols.items() if col.is_encoded]
    out_dtype = np.dtype(bool) if dtype is None else np.dtype(dtype)
    out: dict[Any, Column] = {lab: col for lab, col in frame._cols.items() if lab not in columns}
    prefixes = prefix if isinstance(prefix, dict) else None
    for lab, col in frame._cols.items():
        if lab not in columns:
            continue
        g = Grouper([col], [lab], sort=True, dropna=True)
        gr = g.group_of_row
        names = g.key_columns()[0].to_pandas().tolist()
        if prefixes is not None:
            pre = prefixes.get(lab, lab)
        elif isinstance(prefix, (list, tuple)):
            pre = prefix[list(columns).index(lab)]
        elif prefix is not None:
            pre = prefix
        else:
            pre = None if series_input else lab
        start = 1 if drop_first else 0
        for k in range(start, len(names)):
            key = names[k] if pre is None else f"{pre}{prefix_sep}{names[k]}"
            out[key] = as_column((gr == k).astype(out_dtype))
        if dummy_na:
            key = np.nan if pre is None else f"{pre}{prefix_sep}nan"
            out[key] = as_column((gr < 0).astype(out_dtype))
    return DataFrame._from_columns(out, frame.index)


def explode(obj: Any, column: Any = None, ignore_index: bool = False) -> Any:
    """gpuframe columns hold scalars only, and a column of scalars explodes to itself (as in
    pandas): the result is a copy of ``obj`` (with a fresh RangeIndex if ``ignore_index``)."""
    from ..index import RangeIndex

    DataFrame, _ = _frames()
    if column is not None and isinstance(obj, DataFrame):
        for c in _labels(column):
            if c not in obj._cols:
                raise KeyError(f"explode: column {c!r} not found; columns: {list(obj._cols)}")
    out = obj.copy()
    if ignore_index:
        out.index = RangeIndex(len(out))
    return out
