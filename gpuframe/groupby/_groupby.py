"""``DataFrame.groupby`` / ``Series.groupby``: :class:`DataFrameGroupBy` and
:class:`SeriesGroupBy`.

Differences from pandas: ``sum``/``prod``/``mean`` of string columns raise ``TypeError``
(pandas concatenates strings for ``sum``); ``apply`` always puts the group keys in the result's index.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..backend import is_numpy, to_host
from ..column import Column, as_column
from ._aggregate import aggregate, check_op, narrow_like
from ._grouper import Grouper

__all__ = ["DataFrameGroupBy", "GroupBy", "SeriesGroupBy"]

_NAMED_AGG_ALIASES = {"np.sum": "sum", "np.mean": "mean"}


def _frame_types():
    from ..dataframe import DataFrame
    from ..series import Series

    return DataFrame, Series


def _index_from(cols: list[Column], names: list[Any]) -> Any:
    from ..index import Index, MultiIndex

    if len(cols) == 1:
        return Index(cols[0], name=names[0])
    return MultiIndex(cols, names=list(names))


def _op_name(func: Any) -> Any:
    if isinstance(func, str):
        return func
    if callable(func):
        name = getattr(func, "__name__", None)
        if func in (np.sum, np.nansum):
            return "sum"
        if func in (np.mean, np.nanmean):
            return "mean"
        if func in (np.min, np.max):
            return name if name in ("min", "max") else ("min" if func is np.min else "max")
        return func
    raise TypeError(f"agg: expected a function name or a callable; received {func!r}")


class GroupBy:
    """Rows of a frame split by key columns; aggregations, transforms and iteration.

    Built by ``DataFrame.groupby`` and ``Series.groupby``; see their docstrings.
    """

    def __init__(
        self,
        obj: Any,
        by: Any = None,
        *,
        level: Any = None,
        as_index: bool = True,
        sort: bool = True,
        group_keys: bool = True,
        observed: bool = True,
        dropna: bool = True,
        _selection: Any = None,
        _grouper: Grouper | None = None,
        _key_labels: list[Any] | None = None,
    ) -> None:
        _DataFrame, _Series = _frame_types()
        self.obj = obj
        self.as_index, self.sort, self.dropna = bool(as_index), bool(sort), bool(dropna)
        self.observed, self.group_keys = observed, group_keys
        self._by, self._level = by, level
        if _grouper is None:
            keys, names, labels = self._resolve_keys(obj, by, level)
            _grouper = Grouper(keys, names, sort=self.sort, dropna=self.dropna)
            _key_labels = labels
        self._grouper = _grouper
        self._key_labels = _key_labels or []
        self._selection = _selection
        if not observed:
            self._check_unobserved()

    # ------------------------------------------------------------------ keys
    @staticmethod
    def _resolve_keys(obj: Any, by: Any, level: Any) -> tuple[list[Column], list[Any], list[Any]]:
        DataFrame, Series = _frame_types()
        from ..index import BaseIndex, MultiIndex

        n = len(obj)
        if by is None and level is None:
            raise TypeError("groupby: you have to supply one of `by` and `level`")
        keys: list[Column] = []
        names: list[Any] = []
        labels: list[Any] = []  # frame columns used as keys (excluded from the values)
        if level is not None:
            idx = obj.index
            levels = level if isinstance(level, (list, tuple)) else [level]
            for lv in levels:
                if isinstance(idx, MultiIndex):
                    i = (
                        lv
                        if isinstance(lv, int)
                        else idx.names.index(lv)
                        if lv in idx.names
                        else None
                    )
                    if i is None or not -idx.nlevels <= i < idx.nlevels:
                        raise KeyError(f"groupby: level {lv!r} not found; levels: {idx.names}")
                    keys.append(idx._columns()[i])
                    names.append(idx.names[i])
                else:
                    if lv not in (0, -1, idx.name) or (
                        lv == idx.name and isinstance(lv, int) and lv not in (0, -1)
                    ):
                        raise KeyError(f"groupby: level {lv!r} not found; index name: {idx.name!r}")
                    keys.append(idx._columns()[0])
                    names.append(idx.name)
            return keys, names, labels
        items = by if isinstance(by, list) else [by]
        if not items:
            raise ValueError("groupby: `by` is an empty list")
        for item in items:
            if isinstance(item, Series):
                if len(item) != n:
                    raise ValueError(
                        f"groupby: key Series has length {len(item)}; the frame has {n} rows"
                    )
                keys.append(item._column)
                names.append(item.name)
            elif isinstance(item, Column):
                keys.append(item)
                names.append(None)
            elif isinstance(item, BaseIndex):
                keys.append(item._columns()[0])
                names.append(item.name)
            elif isinstance(obj, DataFrame) and _is_label(item) and item in obj._cols:
                keys.append(obj._cols[item])
                names.append(item)
                labels.append(item)
            elif isinstance(obj, DataFrame) and _is_label(item):
                idx = obj.index
                if item is not None and item in list(idx.names):
                    keys.append(idx._columns()[list(idx.names).index(item)])
                    names.append(item)
                    continue
                raise KeyError(f"groupby: column {item!r} not found; columns: {list(obj._cols)}")
            elif isinstance(obj, Series) and _is_label(item) and not hasattr(item, "__len__"):
                raise KeyError(f"groupby: key {item!r} not found (a Series groups by arrays)")
            else:
                col = as_column(item)
                if len(col) != n:
                    raise ValueError(
                        f"groupby: key array has length {len(col)}; the frame has {n} rows"
                    )
                keys.append(col)
                names.append(getattr(item, "name", None))
        return keys, names, labels

    def _check_unobserved(self) -> None:
        """``observed=False`` is checked when a result is built (see ``_unobserved_product``)."""

    # ------------------------------------------------------------------ basics
    @property
    def ngroups(self) -> int:
        return self._grouper.ngroups

    def __len__(self) -> int:
        return self.ngroups

    @property
    def _multi_key(self) -> bool:
        return isinstance(self._by, list) or (
            isinstance(self._level, (list, tuple)) and len(self._level) > 1
        )

    def _group_names(self) -> list[Any]:
        keys = [c.to_pandas().tolist() for c in self._grouper.key_columns()]
        if self._multi_key:
            return list(zip(*keys))
        return keys[0]

    @property
    def groups(self) -> dict[Any, Any]:
        """Group name -> index labels of its rows."""
        names = self._group_names()
        return {
            name: self.obj.index.take(self._grouper.group_rows(g)) for g, name in enumerate(names)
        }

    @property
    def indices(self) -> dict[Any, np.ndarray]:
        """Group name -> row positions."""
        names = self._group_names()
        return {name: to_host(self._grouper.group_rows(g)) for g, name in enumerate(names)}

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        obj = self._selected_obj()
        for g, name in enumerate(self._group_names()):
            yield name, obj._take(self._grouper.group_rows(g))

    def get_group(self, name: Any) -> Any:
        """The rows of the group ``name`` (a tuple for several keys)."""
        names = self._group_names()
        for g, nm in enumerate(names):
            if nm == name or (
                isinstance(nm, float)
                and isinstance(name, float)
                and np.isnan(nm)
                and np.isnan(name)
            ):
                return self._selected_obj()._take(self._grouper.group_rows(g))
        raise KeyError(f"get_group: no group {name!r}")

    # ------------------------------------------------------------------ selection
    def _value_labels(self) -> list[Any]:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series):
            return [self.obj.name]
        if self._selection is not None:
            sel = self._selection
            return list(sel) if isinstance(sel, list) else [sel]
        return [c for c in self.obj._cols if c not in self._key_labels]

    def _value_columns(self) -> list[tuple[Any, Column]]:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series):
            return [(self.obj.name, self.obj._column)]
        return [(lab, self.obj._cols[lab]) for lab in self._value_labels()]

    def _selected_obj(self) -> Any:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series) or self._selection is None:
            return self.obj
        if isinstance(self._selection, list):
            return self.obj[self._selection]
        return self.obj[self._selection]

    def __getitem__(self, key: Any) -> Any:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series):
            raise TypeError("SeriesGroupBy: column selection needs a DataFrame groupby")
        if isinstance(key, (pd.Index, np.ndarray, Series, pd.Series)):
            key = list(key)  # a list-like of labels selects a frame, as a list does
        labels = key if isinstance(key, list) else [key]
        missing = [k for k in labels if k not in self.obj._cols]
        if missing:
            raise KeyError(f"groupby: columns {missing} not found; columns: {list(self.obj._cols)}")
        kw = self._kwargs()
        if isinstance(key, list):
            return DataFrameGroupBy(self.obj, _selection=key, **kw)
        return SeriesGroupBy(self.obj, _selection=key, **kw)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        obj = self.__dict__.get("obj")
        DataFrame, _Series = _frame_types()
        if isinstance(obj, DataFrame) and name in obj._cols and name not in self._key_labels:
            return self[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def _kwargs(self) -> dict[str, Any]:
        return dict(
            by=self._by,
            level=self._level,
            as_index=self.as_index,
            sort=self.sort,
            group_keys=self.group_keys,
            observed=self.observed,
            dropna=self.dropna,
            _grouper=self._grouper,
            _key_labels=self._key_labels,
        )

    # ------------------------------------------------------------------ results
    def _wrap(
        self, results: list[tuple[Any, Column]], *, series: bool | None = None, op: Any = None
    ) -> Any:
        """Aggregated columns -> Series/DataFrame with the group keys as index or columns."""
        DataFrame, Series = _frame_types()
        g = self._grouper
        keys = g.key_columns()
        names = [
            n if n is not None else f"level_{i}" if len(keys) > 1 else None
            for i, n in enumerate(g.names)
        ]
        if series is None:
            series = isinstance(self, SeriesGroupBy)
        results = self._reindex_unobserved(keys, results, op)
        keys = self._unobserved_keys(keys)
        if self.as_index:
            index = _index_from(keys, list(g.names))
            if series and len(results) == 1:
                lab, col = results[0]
                return Series._from_column(col, index, lab)
            return DataFrame._from_columns(dict(results), index)
        data: dict[Any, Column] = {}
        width = max((len(lab) for lab, _ in results if isinstance(lab, tuple)), default=0)
        for nm, c in zip(names, keys):
            if nm is None:
                nm = "index"
            if width:
                nm = (nm, *([""] * (width - 1)))
            if nm not in dict(results):
                data[nm] = c
        data.update(dict(results))
        return DataFrame._from_columns(data)

    def _unobserved_active(self) -> bool:
        """``observed=False`` with at least one categorical key: the result spans the
        Cartesian product of the categories (and of the observed values of other keys)."""
        from .. import dtypes as _dt

        return not self.observed and any(_dt.is_categorical(c.dtype) for c in self._grouper.keys)

    def _categorical_single(self) -> bool:
        from .. import dtypes as _dt

        keys = self._grouper.keys
        return len(keys) == 1 and _dt.is_categorical(keys[0].dtype)

    def _unobserved_product(self, keys: list[Column]) -> tuple[list[Column], Any]:
        """(result key columns, result position -> observed group or -1), as pandas'
        ``observed=False``.

        The categorical keys span their categories (in category order; with ``sort=False``
        the categories seen, in order of appearance, then the others); the other keys
        contribute their observed combinations. The product runs over those combinations
        (outer) and the categories (inner); with ``sort`` it is then sorted by the keys,
        without ``sort`` the observed groups come first (in order of appearance) and the
        unobserved combinations follow (pandas' ``result_index_and_ids``).
        """
        from .. import dtypes as _dt
        from ..column import _sort

        g = self._grouper
        xp = g.xp
        ngroups = len(keys[0])
        cat = [i for i, c in enumerate(keys) if _dt.is_categorical(c.dtype)]
        obs = [i for i in range(len(keys)) if i not in cat]
        full = g.keys  # the key columns over all rows: pandas takes the labels from there
        # -- observed combinations of the other keys (over all rows), one id per group
        if obs:
            og = Grouper(
                [full[i] for i in obs], [None] * len(obs), sort=self.sort, dropna=self.dropna
            )
            ob_ids = (
                xp.astype(og.group_of_row, xp.int64)[g.first]
                if og.ngroups
                else xp.zeros(ngroups, dtype=xp.int64)  # no combination: no group either
            )
            ob_keys = og.key_columns()
            n_ob = og.ngroups
        else:
            ob_ids = xp.zeros(ngroups, dtype=xp.int64)
            ob_keys, n_ob = [], 1
        # -- every category of each categorical key (a missing key: one more slot)
        levels: list[Column] = []
        codes: list[Any] = []
        for i in cat:
            col = keys[i]
            ncat = len(col.categories)
            nslots = ncat + 1 if col.has_nulls else ncat
            if self.sort:  # category order, the missing key last
                order = np.arange(nslots, dtype=np.int64)
            else:  # the labels seen (in order of appearance in all rows), then the rest
                fc = xp.astype(full[i].data, xp.int64)
                if nslots > ncat:
                    fc = xp.where(fc < 0, ncat, fc)
                first = to_host(g.k.group_nth_index(fc, nslots, 0)).astype(np.int64)
                big = np.iinfo(np.int64).max
                order = np.lexsort((np.arange(nslots), np.where(first < 0, big, first)))
            rank = np.empty(nslots, dtype=np.int64)
            rank[order] = np.arange(nslots, dtype=np.int64)
            base = Column._from_parts(
                xp.arange(ncat, dtype=col.data.dtype), dtype=col.dtype, categories=col.categories
            )
            pick = np.where(order >= ncat, -1, order)
            level = base.take(pick if is_numpy(xp) else xp.asarray(pick), nullify=nslots > ncat)
            rank_dev = rank if is_numpy(xp) else xp.asarray(rank)
            c64 = xp.astype(col.data, xp.int64)
            c64 = rank_dev[xp.where(c64 >= 0, c64, ncat)] if nslots > ncat else rank_dev[c64]
            levels.append(level)
            codes.append(c64)
        sizes = [len(lv) for lv in levels]
        unob = int(np.prod(sizes, dtype=np.int64)) if sizes else 1
        total = n_ob * unob
        flat = xp.zeros(ngroups, dtype=xp.int64)
        for c, size in zip(codes, sizes):
            flat = flat * size + c
        flat = ob_ids * unob + flat
        pos = xp.full(total, -1, dtype=xp.int64)
        pos[flat] = xp.arange(ngroups, dtype=xp.int64)
        positions = xp.arange(total, dtype=xp.int64)
        cols: list[Column] = [keys[0]] * len(keys)
        for j, i in enumerate(obs):
            cols[i] = ob_keys[j].take(positions // unob)
        stride = unob
        for i, lv, size in zip(cat, levels, sizes):
            stride //= size
            cols[i] = lv.take((positions % unob) // stride % size)
        if obs and cat and total:
            if self.sort:
                order_dev = _sort.argsort(cols, ascending=True, na_position="last")
            else:  # the observed groups first (in their order), then the other combinations
                rest = xp.nonzero(pos < 0)[0]
                order_dev = xp.concat([flat, xp.astype(rest, xp.int64)])
            cols = [c.take(order_dev) for c in cols]
            pos = pos[order_dev]
        return cols, pos

    def _unobserved_keys(self, keys: list[Column]) -> list[Column]:
        if not self._unobserved_active():
            return keys
        return self._unobserved_product(keys)[0]

    def _reindex_unobserved(
        self, keys: list[Column], results: list[tuple[Any, Column]], op: Any = None
    ) -> list[tuple[Any, Column]]:
        if not self._unobserved_active():
            return results
        xp = self._grouper.xp
        pos = self._unobserved_product(keys)[1]
        ops = op if isinstance(op, list) else [op] * len(results)
        out = []
        fills = {"sum": 0, "count": 0, "size": 0, "nunique": 0, "prod": 1}
        for (lab, col), o in zip(results, ops):
            fill = fills.get(o) if isinstance(o, str) else None
            if fill is not None and len(col) == 0:
                taken = Column._from_parts(
                    xp.full(int(pos.shape[0]), fill, dtype=col.data.dtype), None, col.dtype
                )
            elif fill is not None:
                taken = col.take(xp.where(pos >= 0, pos, 0))
                data = xp.where(pos >= 0, taken.data, xp.asarray(fill, dtype=taken.data.dtype))
                taken = as_column(data)
            else:
                taken = col.take(pos, nullify=True)
                if taken.dtype.kind in "iub" and taken.mask is not None:
                    taken = taken.astype(np.dtype("float64"))  # pandas: NaN in a float column
            out.append((lab, taken))
        return out

    # ------------------------------------------------------------------ aggregation
    def _reduce_all(self, op: str, **kw: Any) -> Any:
        cols = self._value_columns()
        for lab, col in cols:
            check_op(col, op, lab)
        res = aggregate(self._grouper, [(col, op, kw) for _, col in cols])
        if op in ("idxmin", "idxmax"):
            res = [self._labels_at(r) for r in res]
        return self._wrap([(lab, r) for (lab, _), r in zip(cols, res)], op=op)

    def _labels_at(self, rows: Any) -> Column:
        idx = self.obj.index
        cols = idx._columns()
        if len(cols) != 1:
            raise NotImplementedError("idxmin/idxmax with a MultiIndex")
        return cols[0].take(rows, nullify=True)

    def sum(self, numeric_only: bool = False, min_count: int = 0) -> Any:
        if min_count:
            raise NotImplementedError("groupby.sum: min_count")
        return self._reduce_all("sum")

    def mean(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("mean")

    def count(self) -> Any:
        return self._reduce_all("count")

    def min(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("min")

    def max(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("max")

    def std(self, ddof: int = 1, numeric_only: bool = False) -> Any:
        return self._reduce_all("std", ddof=ddof)

    def var(self, ddof: int = 1, numeric_only: bool = False) -> Any:
        return self._reduce_all("var", ddof=ddof)

    def sem(self, ddof: int = 1) -> Any:
        return self._reduce_all("sem", ddof=ddof)

    def prod(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("prod")

    def median(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("median")

    def quantile(self, q: float = 0.5, interpolation: str = "linear") -> Any:
        if not np.isscalar(q):
            raise NotImplementedError("groupby.quantile: a list of quantiles")
        return self._reduce_all("quantile", q=q, interpolation=interpolation)

    def first(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("first")

    def last(self, numeric_only: bool = False) -> Any:
        return self._reduce_all("last")

    def nunique(self, dropna: bool = True) -> Any:
        return self._reduce_all("nunique", dropna=dropna)

    def any(self) -> Any:
        return self._reduce_all("any")

    def all(self) -> Any:
        return self._reduce_all("all")

    def idxmin(self) -> Any:
        return self._reduce_all("idxmin")

    def idxmax(self) -> Any:
        return self._reduce_all("idxmax")

    def size(self) -> Any:
        _DataFrame, _Series = _frame_types()
        col = as_column(self._grouper.sizes)
        if self.as_index:
            name = self._value_columns()[0][0] if isinstance(self, SeriesGroupBy) else None
            return self._wrap([(name, col)], series=True, op="size")
        return self._wrap([("size", col)], series=False, op="size")

    def agg(self, func: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Aggregate with a name, a callable, a list, a dict ``{column: func(s)}``, or named
        aggregations ``agg(total=("v1", "sum"))``."""
        if func is None:
            if not kwargs:
                raise TypeError("agg: give `func` or named aggregations")
            return self._agg_named(kwargs)
        if isinstance(func, dict):
            return self._agg_dict(func)
        if isinstance(func, (list, tuple)):
            return self._agg_list(list(func))
        op = _op_name(func)
        if callable(op):
            return self._agg_callable(op, *args, **kwargs)
        if op == "size":
            return self.size()
        return self._reduce_all(op, **kwargs)

    aggregate = agg

    def _run(
        self, specs: list[tuple[Any, Column, Any, dict[str, Any]]]
    ) -> list[tuple[Any, Column]]:
        """Compute (label, column, op, kwargs) requests; callables go through the slow path."""
        fast = [(i, s) for i, s in enumerate(specs) if isinstance(s[2], str)]
        for _i, (lab, col, op, _) in fast:
            check_op(col, op, lab)
        res = aggregate(self._grouper, [(col, op, kw) for _, (_, col, op, kw) in fast])
        out: list[Any] = [None] * len(specs)
        for (i, (lab, _c, op, _)), r in zip(fast, res):
            out[i] = (lab, self._labels_at(r) if op in ("idxmin", "idxmax") else r)
        for i, (lab, col, fn, kw) in enumerate(specs):
            if out[i] is None:
                out[i] = (lab, self._callable_column(col, fn, **kw))
        return out

    def _agg_named(self, named: dict[str, Any]) -> Any:
        _DataFrame, _Series = _frame_types()
        specs: list[Any] = []
        for out_name, spec in named.items():
            if isinstance(self, SeriesGroupBy):
                col_label, func = self._value_columns()[0][0], spec
            else:
                if not isinstance(spec, tuple) or len(spec) != 2:
                    raise TypeError(
                        f"agg: named aggregation {out_name!r} must be (column, func); received {spec!r}"
                    )
                col_label, func = spec
            col = self._column(col_label)
            specs.append((out_name, col, _op_name(func), {}))
        return self._wrap(self._run(specs), series=False, op=[sp[2] for sp in specs])

    def _column(self, label: Any) -> Column:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series):
            return self.obj._column
        if label not in self.obj._cols:
            raise KeyError(f"agg: column {label!r} not found; columns: {list(self.obj._cols)}")
        if label in self._key_labels:
            raise KeyError(f"agg: column {label!r} is a group key")
        return self.obj._cols[label]

    def _agg_dict(self, spec: dict[Any, Any]) -> Any:
        multi = any(isinstance(f, (list, tuple)) for f in spec.values())
        specs: list[Any] = []
        for lab, funcs in spec.items():
            col = self._column(lab)
            for f in funcs if isinstance(funcs, (list, tuple)) else [funcs]:
                op = _op_name(f)
                name = op if isinstance(op, str) else getattr(op, "__name__", "<lambda>")
                specs.append(((lab, name) if multi else lab, col, op, {}))
        return self._wrap(self._run(specs), series=False, op=[sp[2] for sp in specs])

    def _agg_list(self, funcs: list[Any]) -> Any:
        specs: list[Any] = []
        cols = self._value_columns()
        series = isinstance(self, SeriesGroupBy)
        for lab, col in cols:
            for f in funcs:
                op = _op_name(f)
                name = op if isinstance(op, str) else getattr(op, "__name__", "<lambda>")
                specs.append((name if series else (lab, name), col, op, {}))
        return self._wrap(self._run(specs), series=False, op=[sp[2] for sp in specs])

    def _agg_callable(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        cols = self._value_columns()
        return self._wrap(
            [(lab, self._callable_column(col, fn, *args, **kwargs)) for lab, col in cols]
        )

    def _callable_column(
        self, col: Column, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Column:
        """Slow path: call ``fn`` on each group's values as a pandas Series."""
        g = self._grouper
        s = col.to_pandas()
        order, offsets = (to_host(a) for a in g.order_offsets)
        vals = [
            fn(s.iloc[order[offsets[i] : offsets[i + 1]]], *args, **kwargs)
            for i in range(g.ngroups)
        ]
        return as_column(vals, device=col.device)  # host fallback: back to the data's device

    # ------------------------------------------------------------------ transforms
    def _row_result(self, cols: list[tuple[Any, Column]]) -> Any:
        DataFrame, Series = _frame_types()
        idx = self.obj.index
        if isinstance(self, SeriesGroupBy):
            lab, col = cols[0]
            return Series._from_column(col, idx, lab)
        return DataFrame._from_columns(dict(cols), idx)

    def _null_outside(self, col: Column) -> Column:
        """Rows in no group (null key with dropna) become null, as in pandas."""
        g = self._grouper
        xp = g.xp
        if not self.dropna:
            return col
        none = g.codes < 0
        if not bool(xp.any(none)):
            return col
        if col.dtype.kind in "iu" and col.mask is None:
            col = col.astype(np.dtype("float64"))
        return col._with_nulls(none)

    def transform(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """Each row gets its group's aggregate (``func`` a name) or ``func(group)``."""
        g = self._grouper
        op = _op_name(func)
        if isinstance(op, str) and op in (
            "cumsum",
            "cumprod",
            "cummin",
            "cummax",
            "cumcount",
            "rank",
            "shift",
            "diff",
        ):
            return getattr(self, op)(*args, **kwargs)
        out = []
        if isinstance(op, str):
            if op == "size":
                col = as_column(g.sizes)
                return self._row_result(
                    [
                        (
                            self._value_columns()[0][0]
                            if isinstance(self, SeriesGroupBy)
                            else None,
                            self._broadcast(col),
                        )
                    ]
                )
            for lab, col in self._value_columns():
                check_op(col, op, lab)
                (r,) = aggregate(g, [(col, op, kwargs)])
                out.append((lab, self._broadcast(r)))
            return self._row_result(out)
        for lab, col in self._value_columns():
            out.append((lab, self._transform_callable(col, op, *args, **kwargs)))
        return self._row_result(out)

    def _broadcast(self, per_group: Column) -> Column:
        g = self._grouper
        return per_group.take(g.group_of_row, nullify=True)

    def _transform_callable(
        self, col: Column, fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Column:
        import pandas as pd

        g = self._grouper
        s = col.to_pandas()
        order, offsets = (to_host(a) for a in g.order_offsets)
        out = pd.Series(np.nan, index=range(len(s)), dtype=object)
        parts = []
        for i in range(g.ngroups):
            rows = order[offsets[i] : offsets[i + 1]]
            r = fn(s.iloc[rows].reset_index(drop=True), *args, **kwargs)
            r = pd.Series(
                np.broadcast_to(np.asarray(r), (len(rows),))
                if np.isscalar(r) or np.ndim(r) == 0
                else np.asarray(r)
            )
            parts.append((rows, r.to_numpy()))
        vals = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0)
        rows = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
        out = pd.Series([None] * len(s), dtype=object)
        out.iloc[rows] = vals
        res = pd.Series(out.tolist()).infer_objects()
        return self._null_outside(as_column(res, device=col.device))

    def filter(
        self, func: Callable[..., bool], dropna: bool = True, *args: Any, **kwargs: Any
    ) -> Any:
        """Rows of the groups for which ``func(group)`` is true, in their original order."""
        g = self._grouper
        xp = g.xp
        obj = self._selected_obj()
        keep = []
        for i in range(g.ngroups):
            sub = obj._take(g.group_rows(i))
            ok = func(sub, *args, **kwargs)
            if not isinstance(ok, (bool, np.bool_)):
                raise TypeError(f"filter: `func` must return a bool; received {type(ok).__name__}")
            keep.append(bool(ok))
        mask_groups = (
            xp.asarray(np.asarray(keep, dtype=bool)) if keep else xp.zeros(0, dtype=xp.bool)
        )
        gr = g.group_of_row
        valid = gr >= 0
        mask = valid & mask_groups[xp.where(valid, gr, 0)] if keep else valid
        return obj._filter(mask)

    def _pos(self, ascending: bool = True) -> Any:
        g = self._grouper
        return g.k.group_cumcount(g.group_of_row, g.ngroups, ascending=ascending)

    def head(self, n: int = 5) -> Any:
        pos = self._pos(True)
        if n >= 0:
            mask = (pos >= 0) & (pos < n)
        else:
            mask = (pos >= 0) & (self._pos(False) >= -n)
        return self._selected_obj()._filter(mask)

    def tail(self, n: int = 5) -> Any:
        pos = self._pos(False)
        if n >= 0:
            mask = (pos >= 0) & (pos < n)
        else:
            mask = (pos >= 0) & (self._pos(True) >= -n)
        return self._selected_obj()._filter(mask)

    def nth(self, n: int | list[int]) -> Any:
        """The ``n``-th row(s) of each group (negative from the end), in original order."""
        xp = self._grouper.xp
        ns = n if isinstance(n, (list, tuple)) else [n]
        fwd, back = self._pos(True), self._pos(False)
        mask = xp.zeros(fwd.shape, dtype=xp.bool)
        for k in ns:
            if not isinstance(k, (int, np.integer)):
                raise TypeError(f"nth: `n` must be an int or a list of ints; received {k!r}")
            mask = mask | ((fwd == k) if k >= 0 else (back == -k - 1))
        return self._selected_obj()._filter(mask & (fwd >= 0))

    def cumcount(self, ascending: bool = True) -> Any:
        _DataFrame, Series = _frame_types()
        pos = self._pos(ascending)
        col = self._null_outside(as_column(pos))
        return Series._from_column(col, self.obj.index)

    def ngroup(self, ascending: bool = True) -> Any:
        _DataFrame, Series = _frame_types()
        g = self._grouper
        gr = g.group_of_row
        if not ascending:
            gr = g.xp.where(gr >= 0, g.ngroups - 1 - gr, -1)
        return Series._from_column(self._null_outside(as_column(gr)), self.obj.index)

    def _scan(self, op: str, skipna: bool = True) -> Any:
        g = self._grouper
        out = []
        for lab, col in self._value_columns():
            if col.is_encoded:
                raise TypeError(f"groupby.{op}: column {lab!r} has dtype {col.dtype}")
            data = col.data
            codes = g.codes if col.mask is None else g.xp.where(col.mask, g.codes, -1)
            r = g.k.group_scan(codes, data, g.nslots, op, skipna=skipna)
            if col.dtype == np.float32 and r.dtype != col.dtype:  # pandas keeps float32
                r = r.astype(np.float32)
            rc = as_column(r)
            if col.mask is not None:
                masked_float = rc.dtype.kind == "f" and col.dtype.kind == "f"  # Float32/64
                rc = (
                    rc._with_nulls(~col.mask)
                    if rc.dtype.kind == "f" and not masked_float
                    else Column._from_parts(r, mask=col.mask & (g.codes >= 0))
                )
            if op in ("cumsum", "cumprod"):
                rc = narrow_like(col, rc)
            out.append((lab, self._null_outside(rc)))
        return self._row_result(out)

    def cumsum(self, skipna: bool = True) -> Any:
        return self._scan("cumsum", skipna)

    def cumprod(self, skipna: bool = True) -> Any:
        return self._scan("cumprod", skipna)

    def cummin(self, skipna: bool = True) -> Any:
        return self._scan("cummin", skipna)

    def cummax(self, skipna: bool = True) -> Any:
        return self._scan("cummax", skipna)

    def rank(
        self,
        method: str = "average",
        ascending: bool = True,
        na_option: str = "keep",
        pct: bool = False,
    ) -> Any:
        g = self._grouper
        out = []
        for lab, col in self._value_columns():
            values = (
                col.data.astype(np.float64)
                if not col.is_encoded
                else g.xp.where(col.data < 0, np.nan, col.data.astype(np.float64))
            )
            if col.dtype.kind in "mM":
                values = g.xp.where(
                    col.null_array(), np.nan, col.data.view(np.int64).astype(np.float64)
                )
            elif col.mask is not None:
                values = g.xp.where(col.mask, values, np.nan)
            r = g.k.group_rank(
                g.codes,
                values,
                g.nslots,
                method=method,
                ascending=ascending,
                na_option=na_option,
                pct=pct,
            )
            out.append((lab, as_column(r)))
        return self._row_result(out)

    def shift(self, periods: int = 1, fill_value: Any = None) -> Any:
        g = self._grouper
        idx = g.k.group_shift_index(g.codes, g.nslots, int(periods))
        out = []
        for lab, col in self._value_columns():
            taken = col.take(idx, nullify=True)
            if fill_value is not None:
                taken = taken.fillna(fill_value)
            out.append((lab, taken))
        return self._row_result(out)

    def diff(self, periods: int = 1) -> Any:
        g = self._grouper
        idx = g.k.group_shift_index(g.codes, g.nslots, int(periods))
        out = []
        for lab, col in self._value_columns():
            if col.is_encoded:
                raise TypeError(f"groupby.diff: column {lab!r} has dtype {col.dtype}")
            cur = col.astype(np.dtype("float64")) if col.dtype.kind in "biu" else col
            prev = cur.take(idx, nullify=True)
            xp = g.xp
            res = xp.where(
                idx >= 0, cur.data - prev.data, np.nan if cur.dtype.kind == "f" else prev.data
            )
            rc = as_column(res) if cur.dtype.kind == "f" else as_column(res)._with_nulls(idx < 0)
            out.append((lab, rc))
        return self._row_result(out)

    def pct_change(self, periods: int = 1) -> Any:
        g = self._grouper
        idx = g.k.group_shift_index(g.codes, g.nslots, int(periods))
        out = []
        for lab, col in self._value_columns():
            cur = col.astype(np.dtype("float64"))
            prev = cur.take(idx, nullify=True)
            out.append((lab, as_column(cur.data / prev.data - 1.0)))
        return self._row_result(out)

    def rolling(self, window: int, min_periods: int | None = None) -> GroupByRolling:
        """Rolling windows inside each group; ``.sum() .mean() .min() .max() .count()
        .std() .var()``. The result is indexed by (group keys, original index), as pandas."""
        return GroupByRolling(self, window, min_periods)

    def corr(self, other: Any = None, method: str = "pearson") -> Any:
        return self._pairwise("corr", other, method=method)

    def cov(self, other: Any = None, ddof: int = 1) -> Any:
        return self._pairwise("cov", other, ddof=ddof)

    def _pair(self, kind: str, a: Column, b: Column, **kw: Any) -> Column:
        g = self._grouper
        xp = g.xp
        va, vb = (
            c.data
            if c.dtype.kind in "iuf" and c.mask is None
            else xp.where(c.null_array(), np.nan, c.data.astype(np.float64))
            for c in (a, b)
        )
        if kind == "corr":
            if kw.get("method", "pearson") != "pearson":
                raise NotImplementedError("groupby.corr: only method='pearson'")
            r, _ = g.k.group_corr(g.codes, va, vb, g.nslots)
        else:
            r, _ = g.k.group_cov(g.codes, va, vb, g.nslots, ddof=kw.get("ddof", 1))
        return as_column(g.out(r))

    def _pairwise(self, kind: str, other: Any, **kw: Any) -> Any:
        DataFrame, Series = _frame_types()
        from ..index import MultiIndex

        if isinstance(self, SeriesGroupBy):
            if other is None:
                raise TypeError(f"SeriesGroupBy.{kind}: `other` is required")
            ocol = other._column if isinstance(other, Series) else as_column(other)
            col = self._value_columns()[0][1]
            return self._wrap([(self._value_columns()[0][0], self._pair(kind, col, ocol, **kw))])
        cols = [(lab, c) for lab, c in self._value_columns() if not c.is_encoded]
        g = self._grouper
        xp = g.xp
        m = len(cols)
        # rows: for each group, one row per column
        mats: dict[Any, list[Any]] = {lj: [] for lj, _ in cols}
        for _li, ci in cols:
            for lj, cj in cols:
                mats[lj].append(self._pair(kind, ci, cj, **kw).data)
        # interleave: row (group gi, column i) -> position gi * m + i
        ng = g.ngroups
        rows = xp.arange(ng * m, dtype=xp.int64)
        gi, ci_ = rows // m, rows % m
        data = {}
        for lj in mats:
            stack = xp.stack(mats[lj]) if m else xp.zeros((0, ng))
            data[lj] = as_column(stack[ci_, gi])
        keys = [c.take(gi) for c in g.key_columns()]
        lab_col = as_column(np.asarray([lab for lab, _ in cols] * ng, dtype=object))
        index = MultiIndex([*keys, lab_col], names=[*g.names, None])
        return DataFrame._from_columns(data, index)

    def apply(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``func`` on each group (a gpuframe Series/DataFrame) and combine the results:
        scalars give a Series indexed by the keys, Series a frame with one row per group,
        frames are stacked under the group keys. Slow, correct fallback."""
        import pandas as pd

        DataFrame, Series = _frame_types()
        g = self._grouper
        obj = self._selected_obj()
        results = [func(obj._take(g.group_rows(i)), *args, **kwargs) for i in range(g.ngroups)]
        keys = g.key_columns()
        if all(np.isscalar(r) or r is None for r in results):
            col = as_column(list(results))
            return (
                self._wrap(
                    [(getattr(obj, "name", None) if isinstance(obj, Series) else None, col)],
                    series=True,
                )
                if self.as_index
                else self._wrap([(None, col)], series=False)
            )
        pds = [r.to_pandas() if hasattr(r, "to_pandas") else r for r in results]
        if all(isinstance(r, pd.Series) for r in pds):
            frame = pd.DataFrame(pds).reset_index(drop=True)
            res = [(c, as_column(frame[c])) for c in frame.columns]
            return self._wrap(res, series=False)
        key_pd = [c.to_pandas() for c in keys]
        names = list(g.names)
        parts = [r if isinstance(r, pd.DataFrame) else pd.DataFrame(r) for r in pds]
        if not parts:
            return DataFrame(pd.DataFrame())
        out = pd.concat(
            parts,
            keys=[
                tuple(k.iloc[i] for k in key_pd) if len(key_pd) > 1 else key_pd[0].iloc[i]
                for i in range(len(parts))
            ],
            names=[*names, None],
        )
        if not self.group_keys:
            out = out.reset_index(level=list(range(len(names))), drop=True)
        return DataFrame(out)

    def pipe(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(self, *args, **kwargs)

    def describe(self) -> Any:
        raise NotImplementedError("groupby.describe")


class DataFrameGroupBy(GroupBy):
    """Groups of a DataFrame (``DataFrame.groupby``)."""


class SeriesGroupBy(GroupBy):
    """Groups of a Series, or one column selected from a DataFrame groupby."""

    def _value_columns(self) -> list[tuple[Any, Column]]:
        _DataFrame, Series = _frame_types()
        if isinstance(self.obj, Series):
            return [(self.obj.name, self.obj._column)]
        return [(self._selection, self.obj._cols[self._selection])]

    def nlargest(self, n: int = 5, keep: str = "first") -> Any:
        """The ``n`` largest values of each group (ties: earlier rows first), one pass.

        Indexed by (group keys, original index) as pandas; with ``as_index=False`` a frame
        of the key columns and the values instead (pandas ignores ``as_index`` here).
        """
        return self._top(n, keep, largest=True)

    def nsmallest(self, n: int = 5, keep: str = "first") -> Any:
        """The ``n`` smallest values of each group; see :meth:`nlargest`."""
        return self._top(n, keep, largest=False)

    def _top(self, n: int, keep: str, largest: bool) -> Any:
        DataFrame, Series = _frame_types()
        from ..index import MultiIndex

        if keep != "first":
            raise NotImplementedError("nlargest/nsmallest: only keep='first'")
        g = self._grouper
        xp = g.xp
        lab, col = self._value_columns()[0]
        if col.is_encoded:
            raise TypeError(f"nlargest: column {lab!r} has dtype {col.dtype}")
        values = xp.where(col.null_array(), np.nan, col.data.astype(np.float64))
        slot, rows = g.k.group_topk(g.codes, values, g.nslots, int(n), largest=largest)
        if g.sel is not None:
            grp = g.slot_to_group[slot]
            order = xp.argsort(grp, kind="stable") if hasattr(xp, "argsort") else None
            rows = rows[order]
        keys = [c.take(rows) for c in g.keys]
        vals = col.take(rows)
        if not self.as_index:
            names = [nm if nm is not None else f"level_{i}" for i, nm in enumerate(g.names)]
            return DataFrame._from_columns({**dict(zip(names, keys)), lab: vals})
        idx_cols = [c.take(rows) for c in self.obj.index._columns()]
        index = MultiIndex([*keys, *idx_cols], names=[*g.names, *self.obj.index.names])
        return Series._from_column(vals, index, lab)

    def value_counts(
        self,
        normalize: bool = False,
        sort: bool = True,
        ascending: bool = False,
        dropna: bool = True,
    ) -> Any:
        raise NotImplementedError("SeriesGroupBy.value_counts")


class GroupByRolling:
    """``groupby(...).rolling(window)``: windows never cross a group boundary."""

    def __init__(self, gb: GroupBy, window: int, min_periods: int | None) -> None:
        if not isinstance(window, (int, np.integer)) or window < 1:
            raise ValueError(
                f"Invalid value for argument `window`. Expected an int >= 1. Received: window={window!r}"
            )
        self.gb, self.window, self.min_periods = gb, int(window), min_periods

    def _apply(self, op: str, **kw: Any) -> Any:
        DataFrame, Series = _frame_types()
        from ..index import MultiIndex

        gb = self.gb
        g = gb._grouper
        order, _ = g.order_offsets
        cols = []
        for lab, col in gb._value_columns():
            if col.is_encoded:
                continue
            values = g.xp.where(col.null_array(), np.nan, col.data.astype(np.float64))
            r = g.k.group_rolling(
                g.codes, values, g.nslots, self.window, op, min_periods=self.min_periods, **kw
            )
            cols.append((lab, as_column(r[order])))
        keys = [c.take(order) for c in g.keys]
        idx_cols = gb.obj.index._columns()
        index = MultiIndex(
            [*keys, *[c.take(order) for c in idx_cols]], names=[*g.names, *gb.obj.index.names]
        )
        if isinstance(gb, SeriesGroupBy):
            lab, col = cols[0]
            return Series._from_column(col, index, lab)
        return DataFrame._from_columns(dict(cols), index)

    def sum(self) -> Any:
        return self._apply("sum")

    def mean(self) -> Any:
        return self._apply("mean")

    def min(self) -> Any:
        return self._apply("min")

    def max(self) -> Any:
        return self._apply("max")

    def count(self) -> Any:
        return self._apply("count")

    def std(self, ddof: int = 1) -> Any:
        return self._apply("std", ddof=ddof)

    def var(self, ddof: int = 1) -> Any:
        return self._apply("var", ddof=ddof)


def _is_label(x: Any) -> bool:
    return (
        isinstance(x, Hashable)
        and not hasattr(x, "__array__")
        and not isinstance(x, (list, Column))
    )
