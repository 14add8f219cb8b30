"""Label and level helpers of DataFrame and Series: ``xs``, ``droplevel``, ``swaplevel``,
``reorder_levels``, ``rename_axis``, ``set_axis``, ``add_prefix``/``add_suffix``, ``filter`` and
``sort_index(level=...)``.

Row labels stay on the device: selections by row label (``xs``) compare the level columns
there. Column labels are host-side Python objects, so column-axis work runs on the host with
pandas' own index methods (labels are small). ``filter``/``add_prefix`` on the *row* labels
look at the labels on the host (pandas' string matching), then gather the rows on the device.

The names of the column axis (``df.columns.names``) are kept in ``_colnames``: reshaping
results, ``rename_axis(columns=...)``, ``set_axis``/``columns = pd.Index(..., name=...)`` and
frames built from pandas set them. Difference from pandas: most other operations (selection,
arithmetic) return frames whose column axis has no names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .backend import asarray, to_host
from .column import Column, _binary, _sort, as_column

__all__ = ["FrameLevelsMixin", "LevelsMixin", "column_index", "level_position"]

_NO_DEFAULT: Any = object()


def column_index(frame: Any, labels: pd.Index) -> pd.Index:
    """``labels`` (the column labels of ``frame``) carrying the column axis' names."""
    names = getattr(frame, "_colnames", None)
    if names is None or len(names) != labels.nlevels:
        return labels
    if labels.nlevels == 1 and labels.dtype == object and len(labels):
        labels = pd.Index(list(labels))  # the dtype pandas infers for these labels
    if list(labels.names) != list(names):
        labels = labels.set_names(list(names))
    return labels


def level_position(names: list[Any], level: Any, method: str = "") -> int:
    """The position of ``level`` (a name, or an int counted from 0 or from the end).

    Raises ``KeyError`` for an unknown name and ``IndexError`` for an int out of range, with
    pandas' messages.

    Examples
    --------
    >>> level_position(["k", "n"], "n"), level_position(["k", "n"], -2)
    (1, 0)
    """
    n = len(names)
    if level in names:
        if names.count(level) > 1:
            raise ValueError(f"{method}: the name {level!r} occurs several times; use a number")
        return names.index(level)
    if isinstance(level, (int, np.integer)) and not isinstance(level, bool):
        lv = int(level)
        if lv >= n:
            raise IndexError(f"Too many levels: Index has only {n} levels, not {lv + 1}")
        if lv < -n:
            raise IndexError(
                f"Too many levels: Index has only {n} levels, {lv} is not a valid level number"
            )
        return lv % n
    raise KeyError(f"Level {level} not found")


def _axis_number(axis: Any, ndim: int, method: str) -> int:
    allowed = {0: 0, "index": 0, "rows": 0}
    if ndim == 2:
        allowed.update({1: 1, "columns": 1})
    if isinstance(axis, (int, str)) and axis in allowed:
        return allowed[axis]
    raise ValueError(f"{method}: no axis named {axis!r} for object type {_kind(ndim)}")


def _kind(ndim: int) -> str:
    return "DataFrame" if ndim == 2 else "Series"


def _level_list(level: Any) -> list[Any]:
    return list(level) if isinstance(level, (list, tuple)) else [level]


def _make_index(cols: list[Column], names: list[Any]) -> Any:
    from .index import Index, MultiIndex

    if len(cols) == 1:
        return Index(cols[0], name=names[0])
    return MultiIndex(cols, names=names)


class LevelsMixin:
    """Level and label helpers shared by DataFrame and Series (``_index``, ``_take``)."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide

        def __getattr__(self, name: str) -> Any: ...

    _colnames: list[Any] | None = None

    # -- plumbing --------------------------------------------------------------------
    def _is_frame(self) -> bool:
        return getattr(self, "ndim", 1) == 2

    def _with_index(self, index: Any) -> Any:
        out = self.copy(deep=False)
        out._index = index
        if self._is_frame():
            out._colnames = self._colnames
        return out

    def _with_column_labels(self, labels: pd.Index) -> Any:
        """A shallow copy whose columns are relabelled (and named) by ``labels``."""
        if not labels.is_unique:
            raise ValueError(
                "the column labels would repeat "
                f"{list(labels[labels.duplicated()].unique())}; gpuframe column labels are "
                "unique (pandas allows duplicates)"
            )
        out = self.copy(deep=False)
        out._cols = dict(zip(list(labels), self._cols.values()))
        out._colnames = list(labels.names)
        out._block = None
        return out

    def _finish(self, out: Any, inplace: bool) -> Any:
        if not inplace:
            return out
        self._inplace(out)
        if self._is_frame():
            self._colnames = out._colnames
        return None

    def _row_levels(self) -> tuple[list[Column], list[Any]]:
        idx = self._index
        return list(idx._columns()), list(idx.names)

    def _column_labels(self) -> pd.Index:
        return self.columns

    # -- droplevel / swaplevel / reorder_levels ------------------------------------
    def droplevel(self, level: Any, axis: Any = 0) -> Any:
        """The object without the index level(s) ``level`` (names or positions).

        Examples
        --------
        >>> import gpuframe as gf, pandas as pd
        >>> mi = pd.MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", "n"])
        >>> gf.Series([1.0, 2.0], index=mi).droplevel("k").to_pandas()
        n
        1    1.0
        2    2.0
        dtype: float64
        """
        ax = _axis_number(axis, getattr(self, "ndim", 1), "droplevel")
        if ax == 1:
            labels = self._column_labels()
            names = list(labels.names)
            cpos = [level_position(names, lv, "droplevel") for lv in _level_list(level)]
            _check_drop(len(cpos), labels.nlevels)
            return self._with_column_labels(labels.droplevel(cpos))
        cols, names = self._row_levels()
        pos = {level_position(names, lv, "droplevel") for lv in _level_list(level)}
        _check_drop(len(pos), len(cols))
        keep = [i for i in range(len(cols)) if i not in pos]
        return self._with_index(_make_index([cols[i] for i in keep], [names[i] for i in keep]))

    def swaplevel(self, i: Any = -2, j: Any = -1, axis: Any = 0) -> Any:
        """The object with index levels ``i`` and ``j`` exchanged (rows keep their order).

        Examples
        --------
        >>> import gpuframe as gf, pandas as pd
        >>> mi = pd.MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", "n"])
        >>> gf.Series([1.0, 2.0], index=mi).swaplevel().index.names
        ['n', 'k']
        """
        ax = _axis_number(axis, getattr(self, "ndim", 1), "swaplevel")
        if ax == 1:
            labels = self._column_labels()
            _require_multi(labels.nlevels, "swaplevel")
            names = list(labels.names)
            a, b = level_position(names, i, "swaplevel"), level_position(names, j, "swaplevel")
            return self._with_column_labels(labels.swaplevel(a, b))
        cols, names = self._row_levels()
        _require_multi(len(cols), "swaplevel")
        a, b = level_position(names, i, "swaplevel"), level_position(names, j, "swaplevel")
        order = list(range(len(cols)))
        order[a], order[b] = order[b], order[a]
        return self._with_index(_make_index([cols[k] for k in order], [names[k] for k in order]))

    def reorder_levels(self, order: Any, axis: Any = 0) -> Any:
        """The object with its index levels in ``order`` (names or positions, every level).

        Difference from pandas: an ``order`` of the wrong length raises ``ValueError``
        (pandas: ``AssertionError``).

        Examples
        --------
        >>> import gpuframe as gf, pandas as pd
        >>> mi = pd.MultiIndex.from_arrays([["a"], [1], ["x"]], names=["k", "n", "s"])
        >>> gf.Series([1.0], index=mi).reorder_levels(["s", "k", "n"]).index.names
        ['s', 'k', 'n']
        """
        ax = _axis_number(axis, getattr(self, "ndim", 1), "reorder_levels")
        if ax == 1:
            labels = self._column_labels()
            names = list(labels.names)
        else:
            cols, names = self._row_levels()
        if len(names) < 2:
            raise TypeError("Can only reorder levels on a hierarchical axis.")
        order = list(order) if isinstance(order, (list, tuple)) else [order]
        if len(order) != len(names):
            raise ValueError(
                f"reorder_levels: length of `order` must be the number of levels "
                f"({len(names)}); received {order!r}"
            )
        pos = [level_position(names, lv, "reorder_levels") for lv in order]
        if ax == 1:
            return self._with_column_labels(labels.reorder_levels(pos))
        return self._with_index(_make_index([cols[k] for k in pos], [names[k] for k in pos]))

    # -- names and labels ----------------------------------------------------------
    def rename_axis(
        self,
        mapper: Any = _NO_DEFAULT,
        *,
        index: Any = _NO_DEFAULT,
        columns: Any = _NO_DEFAULT,
        axis: Any = 0,
        copy: Any = None,
        inplace: bool = False,
    ) -> Any:
        """Set (or map) the names of the index levels or of the column axis.

        ``mapper`` (a name or a list of names) sets the names of ``axis``; ``index=`` and
        ``columns=`` take a name, a list of names, a dict old -> new or a function.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2]}).rename_axis("row").rename_axis(columns="col")
        >>> df.index.name, df.columns.name
        ('row', 'col')
        """
        out = self.copy(deep=False)
        if self._is_frame():
            out._colnames = self._colnames
        if mapper is not _NO_DEFAULT:
            if index is not _NO_DEFAULT or columns is not _NO_DEFAULT:
                raise TypeError("rename_axis: use either `mapper` and `axis`, or `index`/`columns`")
            ax = _axis_number(axis, getattr(self, "ndim", 1), "rename_axis")
            if ax == 0:
                index = mapper
            else:
                columns = mapper
        if index is not _NO_DEFAULT:
            out._index = self._index._view()
            out._index.names = _new_names(list(self._index.names), index, "index")
        if columns is not _NO_DEFAULT:
            if not self._is_frame():
                raise ValueError("rename_axis: a Series has no `columns` axis")
            labels = self._column_labels()
            out._colnames = _new_names(list(labels.names), columns, "columns")
        return self._finish(out, inplace)

    def set_axis(self, labels: Any, *, axis: Any = 0, copy: Any = None) -> Any:
        """The object with new row labels (``axis=0``) or column labels (``axis=1``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2]}).set_axis(["x", "y"]).to_pandas()
           a
        x  1
        y  2
        """
        from .index import as_index

        ax = _axis_number(axis, getattr(self, "ndim", 1), "set_axis")
        n = len(self) if ax == 0 else len(self._cols)
        if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__"):
            raise TypeError(f"set_axis: `labels` must be list-like; received {labels!r}")
        if len(labels) != n:
            raise ValueError(
                f"Length mismatch: Expected axis has {n} elements, new values have "
                f"{len(labels)} elements"
            )
        if ax == 1:
            new = pd.Index(list(labels)) if isinstance(labels, (list, tuple)) else pd.Index(labels)
            return self._with_column_labels(new)
        if isinstance(labels, (list, tuple)):
            labels = pd.Index(list(labels))
        return self._with_index(as_index(labels))

    def add_prefix(self, prefix: str, axis: Any = None) -> Any:
        """Labels with ``prefix`` put in front (columns of a DataFrame, index of a Series).

        Examples
        --------
        >>> import gpuframe as gf
        >>> list(gf.DataFrame({"a": [1], "b": [2]}).add_prefix("col_").columns)
        ['col_a', 'col_b']
        """
        return self._affix(str(prefix), "", axis, "add_prefix")

    def add_suffix(self, suffix: str, axis: Any = None) -> Any:
        """Labels with ``suffix`` put after (columns of a DataFrame, index of a Series).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2]).add_suffix("_r").index.tolist()
        ['0_r', '1_r']
        """
        return self._affix("", str(suffix), axis, "add_suffix")

    def _affix(self, prefix: str, suffix: str, axis: Any, method: str) -> Any:
        ndim = getattr(self, "ndim", 1)
        ax = (1 if ndim == 2 else 0) if axis is None else _axis_number(axis, ndim, method)

        def fn(lab: Any) -> str:
            return f"{prefix}{lab}{suffix}"

        if ax == 1:
            labels = self._column_labels()
            new = labels.map(fn) if labels.nlevels == 1 else _map_levels(labels, fn)
            return self._with_column_labels(new)
        cols, names = self._row_levels()
        return self._with_index(
            _make_index([_affix_column(c, prefix, suffix) for c in cols], names)
        )

    # -- selection by label ----------------------------------------------------------
    def filter(
        self,
        arg: Any = None,
        /,
        like: str | None = None,
        regex: str | None = None,
        axis: Any = None,
        *,
        items: Any = None,
        cond: Any = None,
        na: Any = False,
    ) -> Any:
        """Rows or columns whose labels are in ``items``, contain ``like`` or match ``regex``;
        or the rows where the bool mask ``cond`` (an array, a Series or a callable) holds.

        Label selections default to the columns of a DataFrame (the index of a Series);
        ``cond`` defaults to the rows.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"one": [1], "two": [2], "three": [3]})
        >>> list(df.filter(like="t").columns), list(df.filter(items=["two", "one"]).columns)
        (['two', 'three'], ['two', 'one'])
        """
        if na is not False:
            raise NotImplementedError(f"filter: `na`={na!r} (only False)")
        if arg is not None:
            if callable(arg) or _is_bool_like(arg):
                if cond is not None:
                    raise TypeError(
                        "filter: the positional argument and `cond` are mutually exclusive"
                    )
                cond = arg
            else:
                if items is not None:
                    raise TypeError(
                        "filter: the positional argument and `items` are mutually exclusive"
                    )
                items = arg
        given = [
            n
            for n, v in (("items", items), ("cond", cond), ("like", like), ("regex", regex))
            if v is not None
        ]
        if len(given) > 1:
            raise TypeError(
                "The positional argument and the keyword arguments `items`, `cond`, `like`, "
                f"and `regex` are mutually exclusive; received {given}"
            )
        if not given:
            raise TypeError(
                "Must pass a positional argument or one of `items`, `cond`, `like`, or `regex`"
            )
        ndim = getattr(self, "ndim", 1)
        if cond is not None:
            ax = 0 if axis is None else _axis_number(axis, ndim, "filter")
            return self._filter_cond(cond, ax)
        ax = (1 if ndim == 2 else 0) if axis is None else _axis_number(axis, ndim, "filter")
        if like is not None and not isinstance(like, str):
            raise TypeError(f"filter: `like` must be a str; received {like!r}")
        if regex is not None and not isinstance(regex, str):
            raise TypeError(f"filter: `regex` must be a str; received {regex!r}")
        if items is not None and (
            isinstance(items, (str, bytes)) or not hasattr(items, "__iter__")
        ):
            raise TypeError(f"filter: `items` must be list-like; received {items!r}")
        if ax == 0 and items is None:
            mask = self._match_row_labels(like, regex)
            if mask is not None:
                return self._filter(mask)
        labels = self._column_labels() if ax == 1 else self._index.to_pandas()
        pos: list[int]
        if items is not None:
            wanted = [k for k in items if k in labels]
            if ax == 0:  # pandas reindexes: the rows come in `items` order
                pos = _items_rows(labels, wanted)
            else:
                pos = [list(labels).index(k) for k in dict.fromkeys(wanted)]
        else:
            text = pd.Series(np.asarray([str(lab) for lab in labels], dtype=object), dtype=object)
            hit = (
                text.str.contains(like, regex=False)
                if like is not None
                else text.str.contains(regex or "", regex=True)
            )
            pos = [int(i) for i in np.flatnonzero(hit.to_numpy(dtype=bool))]
        if ax == 1:
            keys = list(self._cols)
            out = self._select_columns([keys[i] for i in pos])
            out._colnames = self._colnames
            return out
        return self._take(np.asarray(pos, dtype=np.int64))

    def _match_row_labels(self, like: str | None, regex: str | None) -> Any:
        """Device mask of the rows whose (string) label matches, from its dictionary; None
        where the index is not one string column (then the labels are matched on the host)."""
        cols = self._index._columns()
        if len(cols) != 1 or not _is_string(cols[0]):
            return None
        from .accessors._string_ops import device_table, dictionary_series

        col = cols[0]
        # one entry per distinct label, and a last one for the missing label, which pandas
        # matches as the text 'nan'; Python's re, as pandas
        d = pd.Series([*dictionary_series(col).to_numpy(dtype=object), "nan"], dtype=object)
        hit = d.str.contains(like, regex=False) if like is not None else d.str.contains(regex or "")
        table = hit.to_numpy(dtype=bool, na_value=False)
        xp = col.xp
        codes = xp.astype(col.data, xp.int64)
        safe = xp.where(col.null_array(), xp.asarray(len(d) - 1, dtype=xp.int64), codes)
        return xp.take(device_table(col, table), safe)

    def _filter_cond(self, cond: Any, ax: int) -> Any:
        from .series import Series

        if callable(cond):
            cond = cond(self)
        n = len(self) if ax == 0 else len(self._cols)
        if ax == 1:
            if isinstance(cond, Series):
                cond = cond.to_pandas()
            if isinstance(cond, pd.Series):
                cond = cond.reindex(self._column_labels()).fillna(False).to_numpy(dtype=bool)
            m = to_host(cond)  # a list, NumPy or device (CuPy) array
            if m.shape != (n,) or m.dtype != np.bool_:
                raise ValueError(f"filter: `cond` must be {n} booleans; received {cond!r}")
            keys = list(self._cols)
            return self._select_columns([k for k, b in zip(keys, m) if b])
        if isinstance(cond, pd.Series):
            cond = Series(cond)
        if isinstance(cond, Series):
            if not cond.index.equals(self._index):
                cond = cond.reindex(self._index.to_pandas()).fillna(False)
            col = cond._column
        else:
            col = as_column(to_host(cond)) if not isinstance(cond, Column) else cond
        if len(col) != n or col.dtype != np.dtype(bool):
            raise ValueError(
                f"filter: `cond` must be {n} booleans; received length {len(col)} of dtype {col.dtype}"
            )
        return self._filter(col)

    def xs(self, key: Any, axis: Any = 0, level: Any = None, drop_level: bool = True) -> Any:
        """The cross-section at ``key`` of the index levels ``level`` (default: the first ones).

        A missing key raises ``KeyError``; ``drop_level=False`` keeps the matched levels.

        Examples
        --------
        >>> import gpuframe as gf, pandas as pd
        >>> mi = pd.MultiIndex.from_arrays([["a", "a", "b"], [1, 2, 1]], names=["k", "n"])
        >>> df = gf.DataFrame({"v": [10, 20, 30]}, index=mi)
        >>> df.xs(1, level="n").to_pandas()["v"].to_dict()
        {'a': 10, 'b': 30}
        """
        ax = _axis_number(axis, getattr(self, "ndim", 1), "xs")
        if ax == 1:
            return self._xs_columns(key, level, drop_level)
        cols, names = self._row_levels()
        if len(cols) == 1 and level is None:
            return self.loc[key]
        keys = list(key) if isinstance(key, tuple) else [key]
        if level is None:
            if len(keys) > len(cols):
                raise KeyError(key)
            pos = list(range(len(keys)))
        else:
            levels = _level_list(level)
            if len(levels) != len(keys):
                raise ValueError(
                    f"xs: `key` {key!r} must give one value per level in `level` {level!r}"
                )
            pos = [level_position(names, lv, "xs") for lv in levels]
        xp = cols[0].xp
        m = xp.ones(len(self), dtype=xp.bool)
        for p, k in zip(pos, keys):
            m = m & _equal_mask(cols[p], k)
        hits = xp.nonzero(m)[0]
        if int(hits.shape[0]) == 0:
            if level is None:
                raise KeyError(key)
            for p, k in zip(pos, keys):  # a value absent from its level: KeyError naming it
                if not bool(xp.any(_equal_mask(cols[p], k))):
                    raise KeyError(k)
            # every value is in its level, but not together: no rows (pandas)
        out = self._take(hits)
        if not drop_level:
            return out
        keep = [i for i in range(len(cols)) if i not in pos]
        if not keep:
            if int(hits.shape[0]) == 1 and level is None:
                return out.iloc[0]
            return out
        ocols, onames = out._row_levels()
        return out._with_index(_make_index([ocols[i] for i in keep], [onames[i] for i in keep]))

    def _xs_columns(self, key: Any, level: Any, drop_level: bool) -> Any:
        if not self._is_frame():
            raise ValueError("xs: a Series has no axis 1")
        labels = self._column_labels()
        names = list(labels.names)
        if labels.nlevels == 1:
            if level is not None:
                level_position(names, level, "xs")
            return self._column_series(key)
        if level is None:
            loc, new = labels.get_loc_level(key, drop_level=drop_level)
        else:
            lv = [level_position(names, x, "xs") for x in _level_list(level)]
            where = lv if isinstance(level, (list, tuple)) else lv[0]
            loc, new = labels.get_loc_level(key, level=where, drop_level=drop_level)
        mask = np.zeros(len(labels), dtype=bool)
        mask[loc] = True
        keys = [k for k, b in zip(self._cols, mask) if b]
        out = self._select_columns(keys)
        if isinstance(new, pd.Index):
            return out._with_column_labels(new)
        return out

    # -- sort_index(level=...) -------------------------------------------------------
    def sort_index(
        self,
        *,
        axis: Any = 0,
        level: Any = None,
        ascending: bool | list[bool] = True,
        inplace: bool = False,
        kind: str = "quicksort",
        na_position: str = "last",
        sort_remaining: bool = True,
        ignore_index: bool = False,
        key: Any = None,
    ) -> Any:
        """Rows ordered by their index labels; ``level`` sorts by those levels first (then by
        the others, if ``sort_remaining``); ``axis=1`` orders the columns by label.

        Examples
        --------
        >>> import gpuframe as gf, pandas as pd
        >>> mi = pd.MultiIndex.from_arrays([["a", "b", "a"], [2, 1, 1]], names=["k", "n"])
        >>> gf.Series([1, 2, 3], index=mi).sort_index(level="n").tolist()
        [3, 2, 1]
        """
        if key is not None:
            raise NotImplementedError("sort_index: `key`")
        if na_position not in ("first", "last"):
            raise ValueError(f"sort_index: invalid na_position {na_position!r}")
        ax = _axis_number(axis, getattr(self, "ndim", 1), "sort_index")
        if ax == 1:
            labels = self._column_labels()
            order = (
                labels.sort_values(ascending=ascending, return_indexer=True)[1]
                if level is None
                else labels.sortlevel(level, ascending=ascending, sort_remaining=sort_remaining)[1]
            )
            keys = list(self._cols)
            out = self._select_columns([keys[int(i)] for i in order])
            out._colnames = self._colnames
            return self._finish(out, inplace)
        if level is None:
            return super().sort_index(  # type: ignore[misc]
                ascending=ascending,
                kind=kind,
                na_position=na_position,
                ignore_index=ignore_index,
                inplace=inplace,
            )
        cols, names = self._row_levels()
        levels = _level_list(level)
        pos = [level_position(names, lv, "sort_index") for lv in levels]
        if isinstance(ascending, (list, tuple)):
            if len(ascending) != len(pos):
                raise ValueError(
                    f"sort_index: `ascending` must give one bool per level in `level` "
                    f"({len(pos)}); received {ascending!r}"
                )
            asc = list(ascending)
        else:
            asc = [bool(ascending)] * len(pos)
        if sort_remaining and not isinstance(ascending, (list, tuple)):
            # pandas' sortlevel: a list of ``ascending`` sorts by ``level`` only
            rest = [i for i in range(len(cols)) if i not in pos]
            pos = pos + rest
            asc = asc + [asc[0]] * len(rest)
        if len(self) == 0:
            return self._inplace(self.copy()) if inplace else self.copy()
        order = _sort.argsort(
            [cols[i] for i in pos], ascending=asc, na_position=na_position, kind=kind
        )
        out = self._take(order)
        if ignore_index:
            out = out.reset_index(drop=True)
        return self._finish(out, inplace)


class FrameLevelsMixin(LevelsMixin):
    """The DataFrame side (column-axis names live in ``_colnames``)."""


# -- helpers -----------------------------------------------------------------------------
def _check_drop(k: int, n: int) -> None:
    if k >= n:
        raise ValueError(
            f"Cannot remove {k} levels from an index with {n} levels: at least one level "
            "must be left."
        )


def _require_multi(n: int, method: str) -> None:
    if n < 2:
        raise TypeError(f"{method}: needs a MultiIndex (at least 2 levels); the axis has {n}")


def _new_names(current: list[Any], spec: Any, arg: str) -> list[Any]:
    n = len(current)
    if isinstance(spec, dict):
        return [spec.get(c, c) for c in current]
    if callable(spec):
        return [spec(c) for c in current]
    if isinstance(spec, (list, tuple)):
        if len(spec) != n:
            raise ValueError(
                f"rename_axis: `{arg}` must give {n} names (one per level); received {list(spec)!r}"
            )
        return list(spec)
    if n != 1:
        raise ValueError(
            f"rename_axis: `{arg}` must give {n} names (one per level); received {spec!r}"
        )
    return [spec]


def _is_bool_like(arg: Any) -> bool:
    from .series import Series

    if isinstance(arg, (Series, pd.Series, np.ndarray, Column)):
        return getattr(arg, "dtype", None) == np.dtype(bool)
    if isinstance(arg, (list, tuple)):
        return bool(arg) and all(isinstance(x, (bool, np.bool_)) for x in arg)
    return False


def _items_rows(labels: pd.Index, wanted: list[Any]) -> list[int]:
    """Rows whose label is in ``wanted``, in ``wanted``'s order (pandas' reindex)."""
    out: list[int] = []
    for k in dict.fromkeys(wanted):
        loc = labels.get_loc(k)
        if isinstance(loc, slice):
            out.extend(range(*loc.indices(len(labels))))
        elif isinstance(loc, np.ndarray):
            out.extend(int(i) for i in np.flatnonzero(loc))
        else:
            out.append(int(loc))
    return out


def _map_levels(labels: pd.MultiIndex, fn: Callable[[Any], str]) -> pd.Index:
    return pd.MultiIndex.from_tuples(
        [tuple(fn(x) for x in t) for t in labels], names=list(labels.names)
    )


def _affix_column(col: Column, prefix: str, suffix: str) -> Column:
    """Labels as strings between ``prefix`` and ``suffix``.

    A string column maps its dictionary only (the rows keep their codes); other labels are
    formatted on the host by pandas (vectorised ``astype(str)``), as pandas formats them.
    """
    if _is_string(col):
        from .accessors._string_ops import dictionary_series, from_dictionary_strings

        d = dictionary_series(col)
        out = from_dictionary_strings(col, (prefix + d + suffix).array)
        # pandas formats a missing label as the text 'nan'
        missing = bool(col.xp.any(col.null_array()))
        return out.fillna(f"{prefix}nan{suffix}") if missing else out
    s = col.to_pandas().astype(str)
    return as_column(pd.Series(prefix + s + suffix, dtype="str"), device=col.device)


def _is_string(col: Column) -> bool:
    from . import dtypes as _dt

    return bool(col.is_encoded and _dt.is_string(col.dtype))


def _equal_mask(col: Column, value: Any) -> Any:
    """Device bool mask: where ``col`` equals ``value`` (missing values never match)."""
    res = _binary.binary_op(col, value, "eq")
    m = res.data
    if res.mask is not None:
        m = m & res.mask
    return asarray(m, device=col.device) if not hasattr(m, "shape") else m
