"""Facts about values and simple row operations: ``is_unique``,
``is_monotonic_increasing``/``decreasing``, ``hasnans``, ``first_valid_index``/
``last_valid_index``, ``factorize``, ``repeat``, ``squeeze``, ``truncate``,
``convert_dtypes`` and ``infer_objects``.

Each is computed on the device (one comparison or reduction over the column); only the
answer (a bool, a label) comes to the host.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import dtypes as _dt
from .backend import asarray, to_host
from .column import Column, _sort, _unique

__all__ = ["FramePropertiesMixin", "SeriesPropertiesMixin", "repeat_positions"]


def _order_values(col: Column) -> Any:
    """Values whose order is the column's order (codes of a sorted dictionary, ticks)."""
    xp = col.xp
    data = col.data
    if col.is_encoded:
        return data
    if col.dtype.kind in "mM":
        return data.view(np.int64)
    if col.dtype.kind == "b":
        return xp.astype(data, xp.int8)
    return data


def _monotonic(col: Column, increasing: bool) -> bool:
    xp = col.xp
    if len(col) == 0:
        return True
    if bool(xp.any(col.null_array())):
        return False
    v = _order_values(col)
    return bool(xp.all(v[1:] >= v[:-1]) if increasing else xp.all(v[1:] <= v[:-1]))


def _label_at(obj: Any, valid: Any, last: bool) -> Any:
    """The index label of the first (last) True of ``valid``; None when there is none."""
    from .backend import array_namespace

    xp = array_namespace(valid)
    pos = xp.nonzero(valid)[0]
    if int(pos.shape[0]) == 0:
        return None
    at = int(pos[-1] if last else pos[0])
    from .index import RangeIndex

    if isinstance(obj._index, RangeIndex):  # pandas: a Python int
        return obj._index.start + at * obj._index.step
    return obj._index.take(np.asarray([at], dtype=np.int64)).to_pandas()[0]


def repeat_positions(n: int, counts: Any, xp: Any) -> Any:
    """Row positions ``0..n-1``, each repeated ``counts`` times (an int or a device array).

    A search over the running totals, so every Array API library runs it (CuPy's
    ``repeat`` takes no device array of counts).

    Examples
    --------
    >>> repeat_positions(3, np.asarray([2, 0, 1]), np).tolist()
    [0, 0, 2]
    """
    from .backend import is_numpy

    if isinstance(counts, int):
        return xp.repeat(xp.arange(n, dtype=xp.int64), counts)
    if is_numpy(xp):
        return np.repeat(np.arange(n, dtype=np.int64), counts)
    if n == 0:
        return xp.zeros(0, dtype=xp.int64)
    ends = xp.cumulative_sum(xp.astype(counts, xp.int64))
    total = int(ends[-1])
    return xp.searchsorted(ends, xp.arange(total, dtype=xp.int64), side="right")


def _truncate_positions(labels: pd.Index, before: Any, after: Any) -> tuple[int, int]:
    if before is not None and after is not None and before > after:
        raise ValueError(f"truncate: `after` ({after!r}) must be after `before` ({before!r})")
    if not (labels.is_monotonic_increasing or labels.is_monotonic_decreasing):
        raise ValueError("truncate: the index must be sorted")
    if labels.is_monotonic_decreasing and not labels.is_monotonic_increasing:
        before, after = after, before
    start, stop = labels.slice_locs(before, after)
    return int(start), int(stop)


def _converted(col: Column, integer: bool, boolean: bool, floating: bool) -> Column:
    """pandas' ``convert_dtypes`` of one column (nullable dtypes)."""
    d = col.dtype
    if col.is_encoded or d.kind in "mM":
        return col
    if d.kind == "b":
        return col.astype("boolean") if boolean and col.mask is None else col
    if d.kind in "iu":
        name = _dt.to_pandas_dtype(d, nullable=True)
        return col.astype(name) if integer and col.mask is None else col
    if col.mask is not None:  # already a pandas nullable dtype: kept (as pandas)
        return col
    xp = col.xp
    valid = col.valid_array()
    data = col.data
    if integer:
        finite = xp.where(valid, data, xp.zeros_like(data))
        whole = bool(xp.all(xp.floor(finite) == finite)) and bool(xp.all(xp.abs(finite) < 2.0**63))
        if whole:
            return col.astype("Int64")
    if floating:
        return col.astype("Float64" if d == np.dtype("float64") else "Float32")
    return col


class SeriesPropertiesMixin:
    """Value facts and row operations of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    @property
    def is_unique(self) -> bool:
        """True when no value repeats (missing values count as one value, as pandas).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2, None]).is_unique, gf.Series([1, None, None]).is_unique
        (True, False)
        """
        if len(self) < 2:
            return True
        _, ngroups = _unique.factorize([self._column])
        return ngroups == len(self)

    @property
    def is_monotonic_increasing(self) -> bool:
        """True when every value is >= the one before (False with missing values).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 1, 3]).is_monotonic_increasing
        True
        """
        return _monotonic(self._column, True)

    @property
    def is_monotonic_decreasing(self) -> bool:
        """True when every value is <= the one before (False with missing values).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series(["b", "a"]).is_monotonic_decreasing
        True
        """
        return _monotonic(self._column, False)

    @property
    def hasnans(self) -> bool:
        """True when any value is missing.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1.0, None]).hasnans
        True
        """
        col = self._column
        return bool(col.xp.any(col.null_array()))

    def first_valid_index(self) -> Any:
        """The label of the first non-missing value (None when there is none).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([None, 2.0, 3.0], index=["a", "b", "c"]).first_valid_index()
        'b'
        """
        return _label_at(self, self._column.valid_array(), last=False)

    def last_valid_index(self) -> Any:
        """The label of the last non-missing value (None when there is none).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1.0, 2.0, None], index=["a", "b", "c"]).last_valid_index()
        'b'
        """
        return _label_at(self, self._column.valid_array(), last=True)

    def factorize(self, sort: bool = False, use_na_sentinel: bool = True) -> tuple[Any, Any]:
        """(codes, uniques): a host int64 array of codes (-1 for missing unless
        ``use_na_sentinel=False``) and a gpuframe Index of the distinct values, in order of
        appearance (sorted when ``sort``), as pandas' ``factorize``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> codes, uniques = gf.Series(["b", "a", None, "b"]).factorize()
        >>> codes.tolist(), uniques.to_pandas().tolist()
        ([0, 1, -1, 0], ['b', 'a'])
        """
        from .index import Index

        for arg, val in (("sort", sort), ("use_na_sentinel", use_na_sentinel)):
            if not isinstance(val, (bool, np.bool_)):
                raise TypeError(f"factorize: `{arg}` must be a bool; received {val!r}")
        col = self._column
        xp = col.xp
        n = len(col)
        if n == 0:
            return np.zeros(0, dtype=np.intp), Index(col, name=None)
        codes, ng = _unique.factorize([col])
        first = _unique.first_positions_of_codes(codes, ng, xp)
        uniques = col.take(first)
        if sort:
            order = _sort.argsort([uniques])  # missing last
        else:
            order = xp.argsort(first, stable=True)  # order of appearance
        null = uniques.null_array()
        if use_na_sentinel:
            order = order[~xp.take(null, order)]
        uniques = uniques.take(order)
        rank = xp.full(ng, -1, dtype=xp.int64)
        rank[order] = xp.arange(int(order.shape[0]), dtype=xp.int64)
        out = to_host(xp.take(rank, codes)).astype(np.intp)
        return out, Index(uniques, name=None)

    def repeat(self, repeats: Any, axis: Any = None) -> Any:
        """Each value (and its label) repeated ``repeats`` times (an int or one count per
        value).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2]).repeat([2, 1]).tolist()
        [1, 1, 2]
        """
        from .series import Series

        if axis not in (None, 0, "index"):
            raise ValueError(f"repeat: `axis` must be 0; received axis={axis!r}")
        n = len(self)
        xp = self._column.xp
        if isinstance(repeats, (bool, np.bool_)):
            raise TypeError(f"repeat: `repeats` must be integers; received {repeats!r}")
        if isinstance(repeats, (int, np.integer)):
            if repeats < 0:
                raise ValueError(f"repeat: `repeats` may not be negative; received {repeats}")
            counts: Any = int(repeats)
        else:
            # a Series, list, NumPy or device (CuPy) array: never numpy.asarray on the device
            host = to_host(repeats._column.data if isinstance(repeats, Series) else repeats)
            if host.ndim != 1 or host.shape[0] != n or host.dtype.kind not in "iu":
                raise ValueError(
                    f"repeat: `repeats` must be an int or {n} integers; received "
                    f"{host.dtype} array of shape {host.shape}"
                )
            if (host < 0).any():
                raise ValueError("repeat: `repeats` may not be negative")
            counts = asarray(host.astype(np.int64), device=self.device)
        pos = repeat_positions(n, counts, xp)
        return Series._from_column(self._column.take(pos), self._index.take(pos), self.name)

    def squeeze(self, axis: Any = None) -> Any:
        """The one value of a one-value series, else the series itself.

        Examples
        --------
        >>> import gpuframe as gf
        >>> int(gf.Series([7]).squeeze())
        7
        """
        if axis not in (None, 0, "index"):
            raise ValueError(f"squeeze: `axis` must be None or 0; received axis={axis!r}")
        return self.to_pandas().iloc[0] if len(self) == 1 else self

    def truncate(
        self, before: Any = None, after: Any = None, axis: Any = None, copy: Any = None
    ) -> Any:
        """The rows whose labels lie between ``before`` and ``after`` (a sorted index).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2, 3, 4]).truncate(1, 2).tolist()
        [2, 3]
        """
        if axis not in (None, 0, "index"):
            raise ValueError(f"truncate: `axis` must be 0 for a Series; received axis={axis!r}")
        start, stop = _truncate_positions(self._index.to_pandas(), before, after)
        return self._slice(start, stop)

    def convert_dtypes(
        self,
        infer_objects: bool = True,
        convert_string: bool = True,
        convert_integer: bool = True,
        convert_boolean: bool = True,
        convert_floating: bool = True,
        dtype_backend: str = "numpy_nullable",
    ) -> Any:
        """The series with pandas' nullable dtypes (``Int64``, ``Float64``, ``boolean``;
        whole floats become ``Int64``). Strings stay ``str`` (pandas gives ``string``,
        which gpuframe holds as ``str``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1.0, None]).convert_dtypes().to_pandas().dtype
        Int64Dtype()
        """
        from .series import Series

        if dtype_backend != "numpy_nullable":
            raise NotImplementedError(f"convert_dtypes: dtype_backend={dtype_backend!r}")
        col = _converted(self._column, convert_integer, convert_boolean, convert_floating)
        return Series._from_column(col, self._index, self.name)

    def infer_objects(self, copy: Any = None) -> Any:
        """The series unchanged (a new object): gpuframe holds no object dtype to infer.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2]).infer_objects().tolist()
        [1, 2]
        """
        return self.copy(deep=False)


class FramePropertiesMixin:
    """Value facts and row operations of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def _any_valid(self) -> Any:
        cols = list(self._cols.values())
        if not cols:
            return np.zeros(len(self), dtype=bool)
        valid = cols[0].valid_array()
        for c in cols[1:]:
            valid = valid | c.valid_array()
        return valid

    def first_valid_index(self) -> Any:
        """The label of the first row with any non-missing value (None when none).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [None, None, 1.0], "b": [None, 2.0, None]}).first_valid_index()
        1
        """
        return _label_at(self, self._any_valid(), last=False)

    def last_valid_index(self) -> Any:
        """The label of the last row with any non-missing value (None when none).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1.0, None, None], "b": [None, 2.0, None]}).last_valid_index()
        1
        """
        return _label_at(self, self._any_valid(), last=True)

    def squeeze(self, axis: Any = None) -> Any:
        """One column as a Series, one row as a Series, one value as a scalar (as pandas).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2]}).squeeze().tolist()
        [1, 2]
        >>> int(gf.DataFrame({"a": [5]}).squeeze())
        5
        """
        if axis not in (None, 0, "index", 1, "columns"):
            raise ValueError(f"squeeze: `axis` must be None, 0 or 1; received axis={axis!r}")
        rows = axis in (None, 0, "index") and len(self) == 1
        cols = axis in (None, 1, "columns") and len(self._cols) == 1
        if rows and cols:
            return self.to_pandas().iloc[0, 0]
        if cols:
            return self._column_series(next(iter(self._cols)))
        if rows:
            return self.iloc[0]
        return self

    def truncate(
        self, before: Any = None, after: Any = None, axis: Any = None, copy: Any = None
    ) -> Any:
        """The rows (``axis=1``: columns) whose labels lie between ``before`` and ``after``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2, 3]}, index=[10, 20, 30]).truncate(after=20).shape
        (2, 1)
        """
        if axis in (1, "columns"):
            labels = pd.Index(list(self._cols), dtype=object if not self._cols else None)
            start, stop = _truncate_positions(labels, before, after)
            return self._select_columns(list(labels[start:stop]))
        if axis not in (None, 0, "index"):
            raise ValueError(f"truncate: `axis` must be 0 or 1; received axis={axis!r}")
        start, stop = _truncate_positions(self._index.to_pandas(), before, after)
        return self._slice(start, stop)

    def convert_dtypes(
        self,
        infer_objects: bool = True,
        convert_string: bool = True,
        convert_integer: bool = True,
        convert_boolean: bool = True,
        convert_floating: bool = True,
        dtype_backend: str = "numpy_nullable",
    ) -> Any:
        """Every column with pandas' nullable dtypes (see ``Series.convert_dtypes``).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1.0, 2.0], "b": [True, False]}).convert_dtypes()
        >>> [str(d) for d in df.to_pandas().dtypes]
        ['Int64', 'boolean']
        """
        if dtype_backend != "numpy_nullable":
            raise NotImplementedError(f"convert_dtypes: dtype_backend={dtype_backend!r}")
        return self._from_columns(
            {
                k: _converted(c, convert_integer, convert_boolean, convert_floating)
                for k, c in self._cols.items()
            },
            self._index,
        )

    def infer_objects(self, copy: Any = None) -> Any:
        """The frame unchanged (a new object): gpuframe holds no object dtype to infer.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1]}).infer_objects().shape
        (1, 1)
        """
        return self.copy(deep=False)
