"""``concat``: frames and series one after another (axis 0) or side by side (axis 1)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..column import Column, as_column, column_full, concat_columns

__all__ = ["concat"]


def _frames():
    from ..dataframe import DataFrame
    from ..series import Series

    return DataFrame, Series


def _null_column(n: int, like: Column) -> Column:
    """``n`` missing values of a dtype that can hold ``like``'s values and nulls."""
    from .. import dtypes as _dt

    if like.is_encoded:
        return Column._from_parts(
            like.xp.full(n, -1, dtype=like.xp.int32), None, like.dtype, like.categories
        )
    kind = like.dtype.kind
    if kind in "mM":
        return as_column(np.full(n, np.datetime64("NaT"), dtype=like.dtype))
    if kind == "f":
        return column_full(n, None, dtype=like.dtype)
    del _dt
    return column_full(n, None, dtype="float64")


def _append_index(indexes: list[Any]) -> Any:
    out = indexes[0]
    for idx in indexes[1:]:
        out = out.append(idx)
    return out


def concat(
    objs: Any,
    axis: int | str = 0,
    join: str = "outer",
    ignore_index: bool = False,
    keys: Any = None,
    names: Any = None,
    sort: bool = False,
) -> Any:
    """Concatenate frames/series along rows (``axis=0``) or columns (``axis=1``).

    Columns missing from some frames are filled with nulls (``join="outer"``) or dropped
    (``join="inner"``); string dictionaries are unified; ``keys`` add an outer index level
    (axis 0) or column level (axis 1).

    Examples
    --------
    >>> import gpuframe as gf
    >>> a = gf.DataFrame({"x": [1, 2]})
    >>> b = gf.DataFrame({"x": [3], "y": ["u"]})
    >>> gf.concat([a, b], ignore_index=True).to_pandas().values.tolist()
    [[1, nan], [2, nan], [3, 'u']]
    """
    DataFrame, Series = _frames()
    if isinstance(objs, dict):
        keys = list(objs) if keys is None else keys
        objs = list(objs.values())
    objs = [o for o in objs if o is not None] if isinstance(objs, (list, tuple)) else None
    if not objs:
        raise ValueError("concat: `objs` must be a non-empty list of DataFrame/Series")
    for o in objs:
        if not isinstance(o, (DataFrame, Series)):
            raise TypeError(
                f"concat: cannot concatenate a {type(o).__name__}; expected DataFrame or Series"
            )
    if axis in (1, "columns"):
        return _concat_columns(objs, join, ignore_index, keys)
    if axis not in (0, "index", "rows"):
        raise ValueError(
            f"Invalid value for argument `axis`. Expected 0 or 1. Received: axis={axis!r}"
        )
    if join not in ("outer", "inner"):
        raise ValueError(
            f"Invalid value for argument `join`. Expected 'outer' or 'inner'. Received: join={join!r}"
        )
    if keys is not None and len(keys) != len(objs):
        raise ValueError(f"concat: {len(keys)} keys for {len(objs)} objects")
    if all(isinstance(o, Series) for o in objs):
        col = concat_columns([o._column for o in objs])
        index = _row_index(objs, ignore_index, keys, names)
        name = objs[0].name if all(o.name == objs[0].name for o in objs) else None
        return Series._from_column(col, index, name)
    frames = [o.to_frame() if isinstance(o, Series) else o for o in objs]
    labels: list[Any] = []
    for f in frames:
        for c in f._cols:
            if c not in labels:
                labels.append(c)
    if join == "inner":
        labels = [c for c in labels if all(c in f._cols for f in frames)]
    if sort:
        labels = sorted(labels, key=str)
    data: dict[Any, Column] = {}
    for lab in labels:
        like = next(f._cols[lab] for f in frames if lab in f._cols)
        parts = [f._cols[lab] if lab in f._cols else _null_column(len(f), like) for f in frames]
        if (
            any(lab not in f._cols for f in frames)
            and like.dtype.kind in "iub"
            and not like.is_encoded
        ):
            parts = [
                p.astype(np.dtype("float64")) if p.dtype.kind in "iub" and p.mask is None else p
                for p in parts
            ]
        data[lab] = concat_columns(parts)
    return DataFrame._from_columns(data, _row_index(frames, ignore_index, keys, names))


def _row_index(objs: list[Any], ignore_index: bool, keys: Any, names: Any) -> Any:
    from ..index import MultiIndex, RangeIndex

    n = sum(len(o) for o in objs)
    if ignore_index and keys is None:
        return RangeIndex(n)
    inner = RangeIndex(n) if ignore_index else _append_index([o.index for o in objs])
    if keys is None:
        return inner
    rep = np.repeat(np.arange(len(objs)), [len(o) for o in objs])
    key_col = as_column(list(keys)).take(rep)
    levels = [key_col, *inner._columns()]
    nm = list(names) if names is not None else [None, *inner.names]
    return MultiIndex(levels, names=nm + [None] * (len(levels) - len(nm)))


def _concat_columns(objs: list[Any], join: str, ignore_index: bool, keys: Any) -> Any:
    DataFrame, Series = _frames()
    from ..join._merge import merge

    frames = []
    for i, o in enumerate(objs):
        if isinstance(o, Series):
            name = o.name if o.name is not None else i
            o = DataFrame._from_columns({name: o._column}, o.index)
        if keys is not None:
            o = DataFrame._from_columns({(keys[i], c): col for c, col in o._cols.items()}, o.index)
        frames.append(o)
    first = frames[0]
    if all(f.index.equals(first.index) for f in frames[1:]):
        data: dict[Any, Column] = {}
        for f in frames:
            for c, col in f._cols.items():
                if c in data:
                    raise ValueError(f"concat(axis=1): duplicate column label {c!r}")
                data[c] = col
        out = DataFrame._from_columns(data, first.index)
    else:
        how = "outer" if join == "outer" else "inner"
        out = first
        for f in frames[1:]:
            out = merge(
                out,
                f,
                how=how,
                left_index=True,
                right_index=True,
                sort=False,
                suffixes=(None, None),
            )
    if ignore_index:
        out = DataFrame._from_columns({i: c for i, c in enumerate(out._cols.values())}, out.index)
    return out
