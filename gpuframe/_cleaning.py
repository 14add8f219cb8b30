"""Cleaning for Series and DataFrame: fillna, ffill/bfill, dropna, duplicates, replace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .column import Column, _binary, _unique

__all__ = ["CleaningMixin"]


class CleaningMixin:
    """Needs ``_data``, ``_index``, ``_from_data``, ``_filter``, ``_key_columns(subset)``."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide

        def __getattr__(self, name: str) -> Any: ...

    def _key_columns(self, subset: Any) -> list[Column]:
        return list(self._data.values())  # type: ignore[attr-defined]

    def fillna(
        self,
        value: Any = None,
        *,
        method: Any = None,
        axis: Any = None,
        inplace: bool = False,
        limit: Any = None,
    ) -> Any:
        """Missing values replaced by ``value`` (a scalar, or a dict label -> scalar).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1.0, None], "s": ["x", None]})
        >>> df.fillna({"a": 0.0, "s": "?"}).to_pandas().values.tolist()
        [[1.0, 'x'], [0.0, '?']]
        """
        if method is not None:
            raise NotImplementedError("fillna: `method` is not supported; use ffill()/bfill()")
        if limit is not None:
            raise NotImplementedError("fillna: `limit` is not supported")
        if value is None:
            raise ValueError("fillna: `value` must be given")
        from .series import Series

        data = self._data  # type: ignore[attr-defined]
        if isinstance(value, dict):
            out = {k: (c.fillna(value[k]) if k in value else c) for k, c in data.items()}
        elif isinstance(value, Series):
            if len(data) == 1 and type(self).__name__ == "Series":
                other = value.reindex_like(self)._column  # type: ignore[attr-defined]
                out = {k: c.fillna(other) for k, c in data.items()}
            else:
                out = {
                    k: (c.fillna(value[k]) if k in value.index.to_pandas() else c)
                    for k, c in data.items()
                }
        else:
            out = {k: c.fillna(value) for k, c in data.items()}
        res = self._from_data(out, self._index)  # type: ignore[attr-defined]
        return self._inplace(res) if inplace else res  # type: ignore[attr-defined]

    def _fill_direction(self, forward: bool, limit: Any) -> Any:
        if limit is not None:
            raise NotImplementedError("ffill/bfill: `limit` is not supported")

        def one(col: Column) -> Column:
            xp = col.xp
            n = len(col)
            valid = col.valid_array()
            pos = xp.arange(n, dtype=xp.int64)
            if forward:
                src = xp.where(valid, pos, xp.asarray(-1, dtype=xp.int64))
                from .column._scan import _accumulate

                src = _accumulate(xp, "maximum", src)
            else:
                src = xp.where(valid, pos, xp.asarray(n, dtype=xp.int64))
                from .column._scan import _accumulate

                src = _accumulate(xp, "minimum", src[::-1])[::-1]
                src = xp.where(src >= n, xp.asarray(-1, dtype=xp.int64), src)
            out = col.take(src, nullify=True)
            return out if out.dtype == col.dtype or col.dtype.kind not in "iu" else col

        return self._map_columns(one)  # type: ignore[attr-defined]

    def ffill(self, *, limit: Any = None) -> Any:
        """Missing values replaced by the last valid value above them."""
        return self._fill_direction(True, limit)

    def bfill(self, *, limit: Any = None) -> Any:
        """Missing values replaced by the next valid value below them."""
        return self._fill_direction(False, limit)

    def dropna(
        self,
        axis: Any = 0,
        how: str = "any",
        thresh: int | None = None,
        subset: Any = None,
        ignore_index: bool = False,
        inplace: bool = False,
    ) -> Any:
        """Rows (``axis=0``) or columns (``axis=1``) with missing values removed."""
        if how not in ("any", "all"):
            raise ValueError(f"dropna: `how` must be 'any' or 'all'; received {how!r}")
        data = self._data  # type: ignore[attr-defined]
        if axis in (1, "columns"):
            keep = {}
            for k, c in data.items():
                nn = len(c) - c.null_count
                ok = (
                    (nn >= thresh)
                    if thresh is not None
                    else (c.null_count == 0 if how == "any" else nn > 0 or len(c) == 0)
                )
                if ok:
                    keep[k] = c
            res = self._from_data(keep, self._index)  # type: ignore[attr-defined]
            return self._inplace(res) if inplace else res  # type: ignore[attr-defined]
        cols = self._key_columns(subset)
        with_nulls = [c for c in cols if c.null_count]
        if not cols or (not with_nulls and thresh is None):
            res = self._from_data(dict(self._data), self._index)  # type: ignore[attr-defined]
        else:
            xp = cols[0].xp
            if thresh is not None:
                valid_count = sum(c.valid_array().astype(xp.int64) for c in cols)
                keep_rows = valid_count >= thresh
            elif how == "any":
                keep_rows = with_nulls[0].valid_array()
                for c in with_nulls[1:]:
                    keep_rows = keep_rows & c.valid_array()
            else:
                keep_rows = (
                    xp.ones(len(self), dtype=xp.bool)  # type: ignore[arg-type]
                    if len(with_nulls) < len(cols)
                    else with_nulls[0].valid_array()
                )
                for c in with_nulls[1:]:
                    keep_rows = keep_rows | c.valid_array()
            res = self._filter(keep_rows)  # type: ignore[attr-defined]
        if ignore_index:
            res = res.reset_index(drop=True)
        return self._inplace(res) if inplace else res  # type: ignore[attr-defined]

    def duplicated(self, subset: Any = None, keep: Any = "first") -> Any:
        """True for rows that repeat an earlier row (``keep="first"``), via factorize."""
        from .series import Series

        cols = self._key_columns(subset)
        arr = _unique.duplicated(cols, keep=keep)
        name = self.name if isinstance(self, Series) else None
        return Series._from_column(Column._from_parts(arr), self._index, name)  # type: ignore[attr-defined]

    def drop_duplicates(
        self,
        subset: Any = None,
        keep: Any = "first",
        ignore_index: bool = False,
        inplace: bool = False,
    ) -> Any:
        """Rows without the repeats that :meth:`duplicated` marks.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"k": [1, 1, 2], "v": ["a", "b", "c"]})
        >>> df.drop_duplicates("k", keep="last").to_pandas()["v"].tolist()
        ['b', 'c']
        """
        cols = self._key_columns(subset)
        pos = _unique.kept_positions(cols, keep) if cols else None
        if pos is not None:  # small-range integer keys: the kept rows straight from a table
            res = self._take(pos)  # type: ignore[attr-defined]
        else:
            dup = _unique.duplicated(cols, keep=keep)
            res = self._filter(~dup)  # type: ignore[attr-defined]
        if ignore_index:
            res = res.reset_index(drop=True)
        return self._inplace(res) if inplace else res  # type: ignore[attr-defined]

    def replace(self, to_replace: Any = None, value: Any = None, *, inplace: bool = False) -> Any:
        """Values equal to ``to_replace`` replaced by ``value`` (scalars, lists or a dict).

        ``replace({old: new})``, ``replace([a, b], x)``, ``replace([a, b], [x, y])`` and,
        on a DataFrame, ``replace({column: {old: new}})``. All pairs apply to the original
        values at once.
        """
        if isinstance(to_replace, dict) and value is None:
            nested = all(isinstance(v, dict) for v in to_replace.values()) and to_replace
            if nested:
                data = dict(self._data)  # type: ignore[attr-defined]
                for k, mapping in to_replace.items():
                    if k in data:
                        data[k] = _replace_column(data[k], list(mapping), list(mapping.values()))
                res = self._from_data(data, self._index)  # type: ignore[attr-defined]
                return self._inplace(res) if inplace else res  # type: ignore[attr-defined]
            olds, news = list(to_replace), list(to_replace.values())
        elif isinstance(to_replace, (list, tuple)):
            olds = list(to_replace)
            news = list(value) if isinstance(value, (list, tuple)) else [value] * len(olds)
            if len(news) != len(olds):
                raise ValueError(
                    f"replace: {len(olds)} values to replace but {len(news)} replacements"
                )
        else:
            olds, news = [to_replace], [value]
        res = self._map_columns(lambda c: _replace_column(c, olds, news))  # type: ignore[attr-defined]
        return self._inplace(res) if inplace else res  # type: ignore[attr-defined]


def _fits(value: Any, dtype: np.dtype) -> bool:
    """True when the plain number ``value`` is held exactly by ``dtype`` (pandas keeps it)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return False
    if dtype.kind in "iu":
        if not isinstance(value, (int, np.integer)):
            return False
        info = np.iinfo(dtype)
        return bool(info.min <= value <= info.max)
    return bool(np.isnan(value) or dtype.type(value) == value)


def _replace_numbers(col: Column, olds: list[Any], news: list[Any]) -> Column | None:
    """One comparison pass per pair on a numeric column without nulls whose dtype holds every
    replacement (the result keeps the dtype, as pandas does); None where it does not apply."""
    dtype = col.dtype
    if col.is_encoded or col.mask is not None or not isinstance(dtype, np.dtype):
        return None
    if dtype.kind not in "iuf" or not all(_fits(v, dtype) for v in olds + news):
        return None
    if any(isinstance(v, float) and np.isnan(v) for v in olds + news):
        return None
    xp, data = col.xp, col.data
    out = data
    for old, new in zip(olds, news):
        out = xp.where(data == old, xp.asarray(new, dtype=data.dtype), out)
    return Column._from_parts(out, None, dtype)


def _replace_column(col: Column, olds: list[Any], news: list[Any]) -> Column:
    fast = _replace_numbers(col, olds, news)
    if fast is not None:
        return fast
    conds = [_unique.isin(col, [o]).data for o in olds]
    out = col
    for cond, new in zip(conds, news):
        if not bool(col.xp.any(cond)):
            continue
        if new is None or (isinstance(new, float) and np.isnan(new)):
            out = _binary.where(out, ~cond, None)
        else:
            out = _binary.where(out, ~cond, new)
    return out
