"""Long <-> wide: ``melt``, ``pivot``, ``pivot_table``, ``stack``, ``unstack``, ``crosstab``,
``get_dummies`` and ``explode``.

Wide results are built by scattering values into (row group x column group) slots found by
the groupby machinery; long results by repeating and tiling row positions.

Results follow pandas 3 (row/column order, dtypes, the names of both axes): ``stack`` is
pandas' new implementation (no rows dropped), ``unstack`` takes several levels, ``pivot_table``
has margins and every option, ``crosstab`` margins and ``normalize``.

Differences from pandas: gpuframe columns hold no lists, so ``explode`` returns its input
unchanged (what pandas does for columns of scalars); where pandas would give object columns
or an object index (bool cells gaining missing values, an ``'All'`` margin joining int keys)
gpuframe gives nullable ``boolean`` columns or raises ``TypeError`` (see each function).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..column import Column, as_column, column_full, concat_columns

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
    tile = xp.tile(xp.arange(n, dtype=xp.int64), (m,))
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
    if all(col.dtype == o.dtype for o in others):  # also tz-aware times (no NumPy dtype)
        return col
    common = np.result_type(*[o.dtype for o in others])
    return col if col.dtype == common else col.astype(common)


def _key(frame: Any, label: Any) -> Column:
    if label in frame._cols:
        return frame._cols[label]
    names = list(frame.index.names)
    if label is not None and label in names:
        return frame.index._columns()[names.index(label)]
    raise KeyError(f"column {label!r} not found; columns: {list(frame._cols)}")


def _labels_of(cols: list[Column]) -> list[Any]:
    """Host labels of key columns: values, or tuples for several keys."""
    keys = [c.to_pandas().tolist() for c in cols]
    return keys[0] if len(keys) == 1 else list(zip(*keys))


def _missing_first(g: Any, sort: bool) -> tuple[list[Column], Any]:
    """(key columns, group of each row) of a grouper, groups with a missing key first in
    each level when sorted (pandas' unstack: the missing label's code -1 sorts first)."""
    keys = g.key_columns()
    r = g.group_of_row
    if not sort or not any(k.has_nulls for k in keys):
        return keys, r
    from ..column import _sort

    xp = g.xp
    order = _sort.argsort(keys, ascending=True, na_position="first")
    inv = xp.empty_like(order)
    inv[order] = xp.arange(int(order.shape[0]), dtype=order.dtype)
    return [k.take(order) for k in keys], xp.where(r >= 0, inv[xp.where(r >= 0, r, 0)], -1)


def pivot(data: Any, *, columns: Any, index: Any = None, values: Any = None) -> Any:
    """Reshape by unique (index, columns) pairs; duplicates raise ``ValueError``.

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"r": [1, 1, 2], "c": ["x", "y", "x"], "v": [1.0, 2.0, 3.0]})
    >>> gf.pivot(df, index="r", columns="c", values="v").to_pandas().values.tolist()
    [[1.0, 2.0], [3.0, nan]]
    """
    DataFrame, Series = _frames()
    from ..index import MultiIndex

    cols = _labels(columns)
    if not cols:
        raise TypeError("pivot: missing the `columns` argument (one label or a list)")
    if index is None:  # the frame's index gives the rows
        idx = list(data.index.names)
        row_keys = list(data.index._columns())
    else:
        idx = _labels(index)
        row_keys = [_key(data, k) for k in idx]
    used = ([] if index is None else idx) + cols
    vals = _labels(values) or [c for c in data._cols if c not in used]
    for v in vals:
        if v not in data._cols:
            raise KeyError(
                f"pivot: column {v!r} in `values` not found; columns: {list(data._cols)}"
            )
    keys = idx + cols
    mi = MultiIndex([*row_keys, *[_key(data, k) for k in cols]], names=keys)
    obj: Any
    if values is not None and not isinstance(values, list):
        obj = Series._from_column(data._cols[vals[0]], mi, vals[0])
    else:
        obj = DataFrame._from_columns({v: data._cols[v] for v in vals}, mi)
    return unstack(obj, list(range(len(idx), len(keys))))


def pivot_table(
    data: Any,
    values: Any = None,
    index: Any = None,
    columns: Any = None,
    aggfunc: Any = "mean",
    fill_value: Any = None,
    margins: bool = False,
    dropna: bool = True,
    margins_name: Any = "All",
    observed: bool = True,
    sort: bool = True,
) -> Any:
    """Aggregate ``values`` by (index, columns) keys into a wide table, as pandas.

    ``aggfunc`` is a function name, a list of names (one block of columns per name) or a
    dict value -> name(s). ``margins=True`` adds a ``margins_name`` row and column holding
    ``aggfunc`` of all the rows of each column / row (and of everything): with ``dropna``,
    rows missing any key or value are left out of the margins, as pandas.

    The steps are pandas': group and aggregate (device), drop all-missing groups, unstack
    the column keys, sort the columns, fill, add the margins, drop all-missing columns. The
    margins are aggregated on the device; appending the margin row moves one value per
    column of the (aggregated) table.

    Without ``index`` the table is aggregated by the column keys and transposed (pandas).

    Differences from pandas: with ``margins=True`` the row keys must be strings or
    categories of strings (the margin label ``'All'`` joins them; pandas turns other keys
    into an object index, which gpuframe does not hold), ``index`` must be given;
    ``aggfunc`` must be names (no callables); column labels from a categorical
    key are plain labels (pandas: a ``CategoricalIndex``).

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"r": [1, 1, 2], "c": ["x", "x", "y"], "v": [1.0, 3.0, 5.0]})
    >>> gf.pivot_table(df, values="v", index="r", columns="c").to_pandas().values.tolist()
    [[2.0, nan], [nan, 5.0]]
    >>> df = gf.DataFrame({"r": ["a", "a", "b"], "c": ["x", "y", "x"], "v": [1, 2, 3]})
    >>> t = gf.pivot_table(df, values="v", index="r", columns="c", aggfunc="sum", margins=True)
    >>> t.to_pandas()["All"].tolist()
    [3, 3, 6]
    """
    idx, cols = _labels(index), _labels(columns)
    if not idx and not cols:
        raise ValueError("pivot_table: give `index`, `columns` or both; received neither")
    if not idx and margins:
        raise NotImplementedError("pivot_table: margins=True with index=None")
    for k in idx + cols:
        _key(data, k)
    if values is not None:
        for v in _labels(values):
            if v not in data._cols:
                raise KeyError(
                    f"pivot_table: column {v!r} in `values` not found; columns: {list(data._cols)}"
                )
    if margins and not isinstance(margins_name, str):
        raise ValueError(f"margins_name argument must be a string; received {margins_name!r}")
    if isinstance(aggfunc, (list, tuple)):
        pieces = []
        for f in aggfunc:
            if not isinstance(f, str):
                raise NotImplementedError(
                    f"pivot_table: `aggfunc` entries must be function names; received {f!r}"
                )
            pieces.append(
                (
                    f,
                    pivot_table(
                        data,
                        values,
                        index,
                        columns,
                        f,
                        fill_value,
                        margins,
                        dropna,
                        margins_name,
                        observed,
                        sort,
                    ),
                )
            )
        return _concat_blocks(pieces)
    if isinstance(aggfunc, dict):
        funcs = aggfunc
        for f in funcs.values():
            fs = f if isinstance(f, (list, tuple)) else [f]
            if not all(isinstance(x, str) for x in fs):
                raise NotImplementedError(
                    f"pivot_table: `aggfunc` entries must be function names; received {f!r}"
                )
            if margins and isinstance(f, (list, tuple)):
                raise NotImplementedError(
                    "pivot_table: margins=True with a list in an aggfunc dict"
                )
    elif isinstance(aggfunc, str):
        funcs = None
    else:
        raise NotImplementedError(
            f"pivot_table: `aggfunc` must be a function name, a list or a dict of them; "
            f"received {aggfunc!r}"
        )
    keys = idx + cols
    if values is not None:
        vals = _labels(values)
        values_multi = isinstance(values, (list, tuple))
    else:
        vals = [c for c in data._cols if c not in keys]
        values_multi = True
    if funcs is not None:
        vals = [v for v in vals if v in funcs]
        spec = {v: funcs[v] for v in vals}
    else:
        spec = {v: aggfunc for v in vals}
    src = _key_frame(data, keys, vals)
    table = src.groupby(keys, sort=sort, dropna=dropna, observed=observed).agg(spec)
    if dropna and len(table._cols):
        table = table.dropna(how="all")
    table = _wide(
        table,
        len(idx) if idx else len(keys),
        fill_value,
        dropna,
        sort,
        [src._cols[k] for k in keys],
    )
    if sort:
        table = _keep_names(table.sort_index(axis=1), table)
    if fill_value is not None:
        table = _keep_names(table.fillna(fill_value), table)
    if margins and len(table._cols):  # no columns (every value missing): no margins
        msrc = src.dropna() if dropna else src
        table = _add_margins(table, msrc, vals, idx, cols, spec, margins_name, fill_value, dropna)
    if not values_multi and table.columns.nlevels > 1:
        table = table.droplevel(0, axis=1)
    if not idx:  # pandas transposes: the column keys become the columns
        names = list(table.index.names)
        table = table.T
        table._colnames = names
    if dropna and len(table._cols):
        table = _keep_names(table.dropna(how="all", axis=1), table)
    return table


def _level_codes(col: Column, sort: bool, source: Column | None) -> tuple[Any, Column]:
    """(code of each row, distinct labels) of one key level: sorted labels (a missing one
    last) or labels in order of appearance in ``source`` (the key over all the input rows:
    pandas' level codes of a groupby result)."""
    from ..groupby._grouper import Grouper

    if sort or source is None:
        g = Grouper([col], [None], sort=sort, dropna=False)
        return g.group_of_row, g.key_columns()[0]
    g = Grouper([concat_columns([source, col])], [None], sort=False, dropna=False)
    return g.group_of_row[len(source) :], g.key_columns()[0]


def _wide(
    agg: Any, nrow: int, fill: Any, dropna: bool, sort: bool, sources: list[Column] | None = None
) -> Any:
    """pandas' ``agged.unstack(column keys)`` (then, without ``dropna``, the reindex to the
    product of the levels) for a groupby result ``agg`` whose first ``nrow`` index levels
    are the row keys and the others the column keys.

    Rows (and column combinations) are ordered by the codes of their levels: sorted labels
    with ``sort``, labels in order of appearance without (pandas' level codes).
    """
    DataFrame, _ = _frames()
    from ..groupby._grouper import Grouper

    index = agg.index
    kcols, knames = index._columns(), list(index.names)
    n = len(agg)
    xp = kcols[0].xp
    coded = [
        _level_codes(c, sort, sources[i] if sources is not None else None)
        for i, c in enumerate(kcols)
    ]

    def combos(part: list[int]) -> tuple[Any, list[Column], int, Any]:
        """(id of each agg row, label columns, count, observed-combination mask)."""
        if not part:
            return xp.zeros(n, dtype=xp.int64), [], 1, None
        if dropna:
            if not sort and part[0] >= nrow and len(part) > 1:
                # several column keys without sort: pandas' combinations in order of appearance
                g = Grouper([kcols[i] for i in part], [None] * len(part), sort=False, dropna=False)
            else:  # ordered by the level codes
                codes = [
                    Column._from_parts(xp.astype(coded[i][0], xp.int64), None, np.dtype("int64"))
                    for i in part
                ]
                g = Grouper(codes, [None] * len(part), sort=True, dropna=False)
            return g.group_of_row, [kcols[i].take(g.first) for i in part], g.ngroups, None
        sizes = [len(coded[i][1]) for i in part]
        total = int(np.prod(sizes, dtype=np.int64))
        ids = xp.zeros(n, dtype=xp.int64)
        for i, size in zip(part, sizes):
            ids = ids * size + xp.astype(coded[i][0], xp.int64)
        positions = xp.arange(total, dtype=xp.int64)
        labels, stride = [], total
        for i, size in zip(part, sizes):
            stride //= size
            labels.append(coded[i][1].take((positions // stride) % size))
        seen = xp.zeros(total, dtype=xp.bool)
        seen[ids] = True
        return ids, labels, total, seen

    r, rlabels, nr, rseen = combos(list(range(nrow)))
    c, clab_cols, nc, cseen = combos(list(range(nrow, len(kcols))))
    src = xp.full(nr * nc, -1, dtype=xp.int64)
    src[r * nc + c] = xp.arange(n, dtype=xp.int64)
    clabels: list[tuple[Any, ...]] = (
        [tuple(t) for t in zip(*[lab.to_pandas().tolist() for lab in clab_cols])]
        if clab_cols
        else [()]
    )
    # pandas: unstack fills the observed grid (a missing slot makes the int columns float
    # unless ``fill``), then the reindex adds rows (same) and columns (new, all missing)
    grid = xp.reshape(src, (nr, nc)) if nr * nc else src
    obs_rows = rseen if rseen is not None else xp.ones(nr, dtype=xp.bool)
    obs_cols = cseen if cseen is not None else xp.ones(nc, dtype=xp.bool)
    missing = bool(xp.any((grid < 0) & obs_rows[:, None] & obs_cols[None, :])) if nr * nc else False
    upcast = fill is None and (missing or not bool(xp.all(obs_rows)))
    value_labels = list(agg._cols)
    if not dropna and clab_cols:  # pandas' product of the column levels: values sorted
        try:
            value_labels = sorted(value_labels)
        except TypeError:
            pass
    ocols = host_bool(obs_cols)
    out: dict[Any, Column] = {}
    for v in value_labels:
        col = agg._cols[v]
        if upcast and not col.is_encoded and col.dtype.kind in "iu":
            col = col.astype(np.dtype("float64"))
        elif upcast and not col.is_encoded and col.dtype.kind == "b" and col.mask is None:
            col = col._replace(mask=xp.ones(len(col), dtype=xp.bool))
        vt = v if isinstance(v, tuple) else (v,)
        for j, lab in enumerate(clabels):
            key = (*vt, *lab) if clab_cols else v
            if ocols[j]:
                out[key] = _take_fill(col, src[j::nc], fill)
            elif fill is not None:  # a column the reindex adds: the fill value's dtype
                out[key] = column_full(nr, fill, device=col.device)
            else:  # a column the reindex adds: all missing, float64 as pandas
                out[key] = (
                    col.astype(np.dtype("float64")).take(src[j::nc], nullify=True)
                    if (not col.is_encoded and col.dtype.kind in "iub")
                    else col.take(src[j::nc], nullify=True)
                )
    res = DataFrame._from_columns(out, _index_of(rlabels, knames[:nrow]) if rlabels else None)
    vnames = (
        list(agg._colnames)
        if agg._colnames is not None
        else [None]
        * (len(value_labels[0]) if value_labels and isinstance(value_labels[0], tuple) else 1)
    )
    res._colnames = [*vnames, *knames[nrow:]] if clab_cols else agg._colnames
    return res


def host_bool(mask: Any) -> np.ndarray:
    """A small device bool array on the host."""
    from ..backend import to_host

    return np.asarray(to_host(mask), dtype=bool)


def _keep_names(out: Any, like: Any) -> Any:
    """``out`` with the column-axis names of ``like`` (when its labels still fit them)."""
    out._colnames = like._colnames
    return out


def _key_frame(data: Any, keys: list[Any], vals: list[Any]) -> Any:
    """A frame of the key columns (columns or index levels) and the value columns."""
    DataFrame, _ = _frames()
    cols = {k: _key(data, k) for k in keys}
    cols.update({v: data._cols[v] for v in vals if v not in cols})
    return DataFrame._from_columns(cols, data.index)


def _concat_blocks(pieces: list[tuple[Any, Any]]) -> Any:
    """Tables side by side under a top column level (pandas' ``concat(keys=...)``)."""
    DataFrame, _ = _frames()
    out: dict[Any, Column] = {}
    first = pieces[0][1]
    for name, t in pieces:
        if len(t) != len(first) or not t.index.equals(first.index):
            raise NotImplementedError("pivot_table: aggfunc blocks with different rows")
        for lab, col in t._cols.items():
            out[(name, *lab) if isinstance(lab, tuple) else (name, lab)] = col
    res = DataFrame._from_columns(out, first.index)
    names = list(first.columns.names)
    res._colnames = [None, *names]
    return res


def _reduce_name(col: Column, func: str) -> Any:
    """``func`` (a reduction name) of a whole column, as a host scalar."""
    _, Series = _frames()
    s = Series._from_column(col)
    if func == "size":
        return len(col)
    if not callable(getattr(s, func, None)):  # pandas fails here too (AttributeError)
        raise NotImplementedError(
            f"pivot_table: margins=True with aggfunc {func!r} (no Series.{func} reduction)"
        )
    return getattr(s, func)()


def _add_margins(
    table: Any,
    src: Any,
    vals: list[Any],
    rows: list[Any],
    cols: list[Any],
    spec: dict[Any, Any],
    name: str,
    fill_value: Any,
    dropna: bool,
) -> Any:
    """pandas' ``_add_margins`` for named aggregations: an ``All`` column per value (the
    aggregate over each row key) and an ``All`` row (over each column key, and in total)."""
    import pandas as pd

    DataFrame, _ = _frames()
    from .. import dtypes as _dt

    levels = []
    for lv in table.index._columns():
        if _dt.is_categorical(lv.dtype) and pd.api.types.is_string_dtype(
            pd.Index(lv.categories.to_pylist() if lv.categories is not None else [])
        ):  # pandas: the categories become a str index (the aggregated rows, on the host)
            lv = as_column(pd.Series(lv.to_pandas()).astype("str"), device=lv.device)
        elif not _dt.is_string(lv.dtype):
            raise TypeError(
                f"pivot_table: margins=True needs string row keys (the margin label {name!r} "
                f"joins them; gpuframe has no object index); received a key of dtype {lv.dtype}"
            )
        levels.append(lv)
    table = _keep_names(
        DataFrame._from_columns(table._cols, _index_of(levels, list(table.index.names))), table
    )
    labels = table.columns
    for level in range(labels.nlevels):
        if name in labels.get_level_values(level):
            raise ValueError(f'Conflicting name "{name}" in margins')
    grand = {v: _reduce_name(src._cols[v], spec[v]) for v in vals}
    row_key: Any = (name,) + ("",) * (len(rows) - 1) if len(rows) > 1 else name
    result: dict[Any, Column] = {}
    if cols:
        # pandas adds the margin column to ``table.T`` pieces: the transpose gives every
        # column the common dtype of all of them (int and float values: all float64)
        kinds = {c.dtype for c in table._cols.values()}
        if len(kinds) > 1 and all(
            not c.is_encoded and c.dtype.kind in "iufb" for c in table._cols.values()
        ):
            common = np.result_type(*kinds)
            table = _keep_names(
                DataFrame._from_columns(
                    {k: c.astype(common) for k, c in table._cols.items()}, table.index
                ),
                table,
            )
        margin = src.groupby(rows, sort=True, dropna=dropna).agg(spec)
        pos = np.asarray(margin.index.to_pandas().get_indexer(table.index.to_pandas()))
        xp = next(iter(table._cols.values())).xp if table._cols else np
        pos_dev = _on_device(pos.astype(np.int64), next(iter(margin._cols.values())))
        by_value: dict[Any, list[Any]] = {}
        for lab in table._cols:
            by_value.setdefault(lab[0], []).append(lab)
        for v, labs in by_value.items():
            for lab in labs:
                result[lab] = table._cols[lab]
            all_key = (v, name) + ("",) * (len(cols) - 1)
            result[all_key] = margin._cols[v].take(pos_dev, nullify=True)
        del xp
        row_margin = src.groupby(cols, sort=True, dropna=dropna).agg(spec).to_pandas()
        margin_row: dict[Any, Any] = {}
        for lab in result:
            v, ckey = lab[0], lab[1:]
            if ckey[0] == name and all(x == "" for x in ckey[1:]):
                margin_row[lab] = grand[v]
                continue
            key = ckey[0] if len(ckey) == 1 else ckey
            try:
                margin_row[lab] = row_margin.loc[key, v]
            except KeyError:
                margin_row[lab] = fill_value if fill_value is not None else np.nan
    else:
        result = dict(table._cols)
        margin_row = {lab: grand[lab] for lab in result}
    out: dict[Any, Column] = {}
    for lab, col in result.items():
        out[lab] = _append_value(col, margin_row[lab])
    index = _append_label(table.index, row_key)
    res = DataFrame._from_columns(out, index)
    res._colnames = list(table.columns.names) if cols else table._colnames
    del pd
    return res


def _append_value(col: Column, value: Any) -> Column:
    """``col`` with one more row holding ``value`` (pandas' downcast of the margin row)."""
    missing = value is None or (isinstance(value, float) and np.isnan(value))
    kind = col.dtype.kind if not col.is_encoded else "O"
    if kind in "iu":
        if missing or (isinstance(value, float) and not float(value).is_integer()):
            col = col.astype(np.dtype("float64"))
            one = as_column(np.asarray([np.nan if missing else value], dtype=np.float64))
        else:
            one = as_column(np.asarray([value], dtype=col.dtype))
    elif kind == "f":
        one = as_column(np.asarray([np.nan if missing else value], dtype=col.dtype))
    else:
        one = as_column([None if missing else value]).astype(col.dtype)
    return concat_columns([col, _to(one, col)])


def _to(one: Column, like: Column) -> Column:
    """A host-built one-row column moved to ``like``'s device."""
    if one.device == like.device:
        return one
    return as_column(one.to_pandas(), device=like.device)


def _append_label(index: Any, label: Any) -> Any:
    """``index`` with one more label (a tuple for a MultiIndex)."""
    parts = label if isinstance(label, tuple) else (label,)
    cols = [concat_columns([c, _to(as_column([p]), c)]) for c, p in zip(index._columns(), parts)]
    return _index_of(cols, list(index.names))


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
    are ``fill_value`` or missing (int columns then become float64). A missing label comes
    first, as pandas. A DataFrame with a flat index gives a Series (column label, row
    label), as pandas.

    Difference from pandas: with missing cells, bool columns become nullable ``boolean``
    (pandas: object, which gpuframe does not hold).

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
    rkeys, r = _missing_first(rg, sort)
    ckeys, c = _missing_first(cg, sort and len(pos) == 1)
    xp = rg.xp
    nr, nc = rg.ngroups, cg.ngroups
    slot = r * nc + c
    if len(frame) and int(xp.max(rg.k.bincount(slot, minlength=nr * nc))) > 1:
        raise ValueError("Index contains duplicate entries, cannot reshape")
    src = xp.full(nr * nc, -1, dtype=xp.int64)
    src[slot] = xp.arange(len(frame), dtype=xp.int64)
    clabels = _labels_of(ckeys)
    # pandas reshapes a whole block: one missing (row, column) slot makes every int result
    # column float64, even those with all their slots present
    upcast = fill_value is None and bool(xp.any(src < 0))
    out: dict[Any, Column] = {}
    for v, vlab in zip(vals, value_labels):
        col = frame._cols[v]
        if upcast and not col.is_encoded and col.dtype.kind in "iu":
            col = col.astype(np.dtype("float64"))
        elif upcast and not col.is_encoded and col.dtype.kind == "b" and col.mask is None:
            col = col._replace(mask=xp.ones(len(col), dtype=xp.bool))  # nullable boolean
        for j, lab in enumerate(clabels):
            lab_t = lab if isinstance(lab, tuple) else (lab,)
            if isinstance(obj, Series):
                key = lab
            else:
                key = (*vlab, *lab_t) if isinstance(vlab, tuple) else (vlab, *lab_t)
            out[key] = _take_fill(col, src[j::nc], fill_value)
    res = DataFrame._from_columns(out, _index_of(rkeys, [names[i] for i in rows]))
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
    tile = xp.tile(xp.arange(n, dtype=xp.int64), (m,))
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
    tile = xp.tile(xp.arange(m, dtype=xp.int64), (n,))
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
        b = xp.tile(base_dev, (n,))
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
    rownames: Any = None,
    colnames: Any = None,
    aggfunc: Any = None,
    margins: bool = False,
    margins_name: Any = "All",
    dropna: bool = True,
    normalize: Any = False,
) -> Any:
    """Counts (or ``aggfunc`` of ``values``) of each (index, columns) pair, as pandas.

    ``index``/``columns`` are Series or arrays (or lists of them); ``margins`` adds row and
    column totals; ``normalize`` (``True``/``'all'``, ``'index'``/``0``, ``'columns'``/``1``)
    divides by the grand total, the row totals or the column totals. Built on
    :func:`pivot_table` (see its differences from pandas).

    Examples
    --------
    >>> import gpuframe as gf
    >>> a, b = gf.Series(["x", "x", "y"], name="a"), gf.Series([1, 2, 1], name="b")
    >>> gf.crosstab(a, b).to_pandas().values.tolist()
    [[1, 1], [1, 0]]
    >>> gf.crosstab(a, b, margins=True, normalize="index").to_pandas().values.tolist()
    [[0.5, 0.5], [1.0, 0.0], [0.6666666666666666, 0.3333333333333333]]
    """
    DataFrame, Series = _frames()
    if not (
        isinstance(normalize, (bool, np.bool_))
        or (isinstance(normalize, int) and normalize in (0, 1))
        or (isinstance(normalize, str) and normalize in ("all", "index", "columns"))
    ):
        raise ValueError(
            "crosstab: `normalize` must be True, False, 'all', 'index' (0) or 'columns' (1); "
            f"received {normalize!r}"
        )
    if values is None and aggfunc is not None:
        raise ValueError("aggfunc cannot be used without values.")
    if values is not None and aggfunc is None:
        raise ValueError("values cannot be used without an aggfunc.")
    rows = index if isinstance(index, list) else [index]
    cols = columns if isinstance(columns, list) else [columns]
    rows = [r if isinstance(r, Series) else Series(r) for r in rows]
    cols = [c if isinstance(c, Series) else Series(c) for c in cols]
    rn = _axis_names(rows, rownames, "row", "rownames")
    cn = _axis_names(cols, colnames, "col", "colnames")
    if len(set(rn + cn)) != len(rn + cn):
        raise ValueError(f"crosstab: row and column names must differ; received {rn + cn}")
    n = len(rows[0])
    for s in rows + cols:
        if len(s) != n:
            raise ValueError(f"crosstab: every key must have {n} rows; received {len(s)}")
    data: dict[Any, Column] = {k: s._column for k, s in zip(rn + cn, rows + cols)}
    if values is None:
        xp = rows[0]._column.xp
        data["__dummy__"] = Column._from_parts(xp.zeros(n, dtype=xp.int64), None, np.dtype("int64"))
        func, fill = "count", 0
    else:
        vs = values if isinstance(values, Series) else Series(values)
        data["__dummy__"] = vs._column
        func, fill = aggfunc, None
    frame = DataFrame._from_columns(data)
    table = pivot_table(
        frame,
        "__dummy__",
        rn,
        cn,
        func,
        fill,
        margins,
        dropna,
        margins_name=margins_name,
    )
    if not (isinstance(normalize, (bool, np.bool_)) and not normalize):
        table = _normalize(table, normalize, margins)
    return table


def _axis_names(keys: list[Any], names: Any, prefix: str, arg: str) -> list[Any]:
    if names is None:
        return [k.name if k.name is not None else f"{prefix}_{i}" for i, k in enumerate(keys)]
    names = list(names) if isinstance(names, (list, tuple)) else [names]
    if len(names) != len(keys):
        raise ValueError(f"crosstab: `{arg}` must give {len(keys)} names; received {names!r}")
    return names


def _normalize(table: Any, normalize: Any, margins: bool) -> Any:
    """pandas' crosstab normalisation (the margins are normalised by their own totals)."""
    DataFrame, Series = _frames()
    if isinstance(normalize, (bool, np.bool_)):
        how = "all"
    elif isinstance(normalize, int):
        how = "index" if normalize == 0 else "columns"
    else:
        how = normalize
    labels = list(table._cols)
    if not margins:
        res = _normalize_inner(table, how)
        res._colnames = table._colnames
        return res
    n = len(table)
    index = table.index
    inner = DataFrame._from_columns(
        {k: table._cols[k].slice(0, n - 1) for k in labels[:-1]}, index.slice(0, n - 1)
    )
    col_margin = Series._from_column(table._cols[labels[-1]].slice(0, n - 1))
    row_margin = [
        float(Series._from_column(table._cols[k].slice(n - 1, n)).sum()) for k in labels[:-1]
    ]
    norm = _normalize_inner(inner, "all" if how == "all" else how)
    out: dict[Any, Column] = dict(norm._cols)
    if how in ("columns", "all"):
        total = float(col_margin.sum())
        out[labels[-1]] = (col_margin / total).fillna(0)._column
    if how in ("index", "all"):
        total = float(np.nansum(row_margin))
        with np.errstate(divide="ignore", invalid="ignore"):  # x/0 is inf, 0/0 NaN (pandas)
            vals = list(np.asarray(row_margin, dtype=np.float64) / np.float64(total))
        if how == "all":
            vals.append(1.0)
        keys = list(out)
        out = {k: _append_value(out[k].astype(np.dtype("float64")), v) for k, v in zip(keys, vals)}
        out = {k: c.fillna(0) for k, c in out.items()}
        res = DataFrame._from_columns(out, index)
    else:
        res = DataFrame._from_columns(out, inner.index)
    res._colnames = table._colnames
    return res


def _normalize_inner(table: Any, how: str) -> Any:
    DataFrame, Series = _frames()
    series = {k: Series._from_column(c.astype(np.dtype("float64"))) for k, c in table._cols.items()}
    if how == "all":
        total = float(sum(float(s.sum()) for s in series.values()))
        out = {k: (s / total).fillna(0)._column for k, s in series.items()}
    elif how == "columns":
        out = {k: (s / float(s.sum())).fillna(0)._column for k, s in series.items()}
    else:
        rowsum = None
        for s in series.values():
            s0 = s.fillna(0)
            rowsum = s0 if rowsum is None else rowsum + s0
        out = {k: (s / rowsum).fillna(0)._column for k, s in series.items()}
    return DataFrame._from_columns(out, table.index)


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
