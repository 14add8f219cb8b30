"""Long <-> wide: ``melt``, ``pivot``, ``pivot_table``, ``stack``, ``unstack``, ``crosstab``,
``get_dummies`` and ``explode``.

Wide results are built by scattering values into (row group x column group) slots found by
the groupby machinery; long results by repeating and tiling row positions.

Differences from pandas: gpuframe columns hold no lists, so ``explode`` returns its input
unchanged (what pandas does for columns of scalars); ``pivot_table(margins=True)`` and
``stack``/``unstack`` of more than one level are not implemented.
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
            taken = col.take(src[j::nc], nullify=True)
            if fill is not None:
                taken = taken.fillna(fill)
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


def unstack(obj: Any, level: int | Any = -1, fill_value: Any = None) -> Any:
    """Move one level of a MultiIndex to the columns (one level only)."""
    DataFrame, Series = _frames()
    from ..index import MultiIndex

    idx = obj.index
    if not isinstance(idx, MultiIndex):
        raise NotImplementedError("unstack: needs a MultiIndex")
    names = list(idx.names)
    pos = level if isinstance(level, int) else names.index(level)
    pos = pos % idx.nlevels
    levels = idx._columns()
    tmp_names = [f"__level_{i}" for i in range(len(levels))]
    frame_cols = dict(zip(tmp_names, levels))
    if isinstance(obj, Series):
        vals = ["__values"]
        frame_cols["__values"] = obj._column
    else:
        vals = list(obj._cols)
        frame_cols.update(obj._cols)
    frame = DataFrame._from_columns(frame_cols)
    rows = [t for i, t in enumerate(tmp_names) if i != pos]
    rg, cg, (r, c) = _grid(frame, rows, [tmp_names[pos]])
    rg.names = [names[i] for i in range(len(names)) if i != pos]
    xp = rg.xp
    slot = xp.where((r >= 0) & (c >= 0), r * cg.ngroups + c, -1)
    out = _scatter_wide(frame, rg, cg, slot, vals, isinstance(obj, Series), fill_value)
    return out


def stack(frame: Any) -> Any:
    """Columns to the innermost index level: a Series with one row per (row, column)."""
    _DataFrame, Series = _frames()
    from ..index import MultiIndex

    cols = list(frame._cols)
    n, m = len(frame), len(cols)
    xp = next(iter(frame._cols.values())).xp if cols else np
    rep = xp.repeat(xp.arange(n, dtype=xp.int64), m)
    # row-major order: for each row, every column; gather from the concatenated columns
    values = concat_columns([_common(frame._cols[c], list(frame._cols.values())) for c in cols])
    pos = xp.tile(xp.arange(m, dtype=xp.int64) * n, n) + rep
    col = values.take(pos)
    label_col = as_column(np.asarray(cols * n, dtype=object)) if m else as_column([])
    levels = [c.take(rep) for c in frame.index._columns()]
    index = MultiIndex([*levels, label_col], names=[*frame.index.names, None])
    return Series._from_column(col, index)


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
