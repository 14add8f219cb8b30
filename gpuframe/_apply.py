"""``apply``, ``agg``/``aggregate``, ``transform`` and ``pipe`` of Series and DataFrame.

What runs where:

- a method name (``"sum"``, ``"cumsum"``) calls that gpuframe method on the device;
- a one-input NumPy ufunc (``np.sqrt``, ``np.abs``, ...) or its name runs vectorised on each
  numeric column (NumPy on the CPU, the namespace's function of the same Array API name
  elsewhere, CuPy's on the GPU); the validity mask is kept;
- NumPy reductions (``np.sum``, ``np.mean``, ``np.std``...) and the builtins ``sum``,
  ``min``, ``max`` become the gpuframe reductions, with NumPy's ``ddof=0`` for
  ``np.std``/``np.var`` (pandas 3 calls the function itself, which gives the same numbers);
- any other Python function gets gpuframe objects on the device: each column as a gpuframe
  Series (``DataFrame.apply``/``agg``/``transform`` with ``axis=0``), the Series itself
  (``Series.transform``, ``Series.agg``, ``Series.apply(..., by_row=False)``), the frame
  (``pipe``), so code written with the pandas API that both libraries share stays there.

Host fallbacks (documented, like ``GroupBy.apply``): ``Series.apply(func)`` with a Python
function (pandas calls it on every element), ``DataFrame.apply(func, axis=1)`` (on every
row) and ``DataFrame.apply(..., raw=True)`` copy the data to the host, run pandas' own
``apply`` there and bring the result back to the frame's device. No warning is given; the
docstrings say so.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import dtypes as _dt
from .backend import is_numpy
from .column import Column

__all__ = ["FrameApplyMixin", "SeriesApplyMixin", "ufunc_column"]

# NumPy ufunc name -> Array API name, where they differ
_ARRAY_API_NAMES = {
    "absolute": "abs",
    "arccos": "acos",
    "arcsin": "asin",
    "arctan": "atan",
    "arccosh": "acosh",
    "arcsinh": "asinh",
    "arctanh": "atanh",
    "invert": "bitwise_invert",
    "rint": "round",
}

# callables that stand for a gpuframe reduction: (method name, keyword arguments)
_REDUCTIONS: dict[Any, tuple[str, dict[str, Any]]] = {
    np.sum: ("sum", {}),
    np.nansum: ("sum", {}),
    np.prod: ("prod", {}),
    np.mean: ("mean", {}),
    np.nanmean: ("mean", {}),
    np.min: ("min", {}),
    np.max: ("max", {}),
    np.nanmin: ("min", {}),
    np.nanmax: ("max", {}),
    np.std: ("std", {"ddof": 0}),
    np.var: ("var", {"ddof": 0}),
    np.nanstd: ("std", {"ddof": 0}),
    np.nanvar: ("var", {"ddof": 0}),
    np.median: ("median", {}),
    np.nanmedian: ("median", {}),
    builtins.sum: ("sum", {}),
    builtins.min: ("min", {}),
    builtins.max: ("max", {}),
}


def _func_name(func: Any) -> Any:
    """The label pandas gives ``func`` in a list of functions."""
    if isinstance(func, str):
        return func
    return getattr(func, "__name__", repr(func))


def _check_func(where: str, func: Any) -> None:
    if not (isinstance(func, (str, list, tuple, dict)) or callable(func)):
        raise TypeError(
            f"{where}: `func` must be a function, a name, a list or a dict; received "
            f"{type(func).__name__} {func!r}"
        )
    if isinstance(func, (list, tuple, dict)) and not func:
        raise ValueError(f"{where}: `func` is an empty {type(func).__name__}")


def _as_ufunc(obj: Any, func: Any) -> np.ufunc | None:
    """``func`` as a one-input NumPy ufunc, or None (a name counts when ``obj`` has no
    method of that name)."""
    if isinstance(func, str) and not hasattr(obj, func):
        func = getattr(np, func, None)
    if isinstance(func, np.ufunc):
        return func
    return None


def ufunc_column(col: Column, ufunc: np.ufunc, label: Any = None) -> Column:
    """``ufunc`` applied to every value of a numeric column, on its device.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> ufunc_column(as_column([1, 4, 9]), np.sqrt).to_pandas().tolist()
    [1.0, 2.0, 3.0]
    """
    name = ufunc.__name__
    where = "" if label is None else f" on column {label!r}"
    if ufunc.nin != 1:
        raise TypeError(f"ufunc {name!r} takes {ufunc.nin} inputs; apply/transform pass one{where}")
    if not _dt.is_numeric(col.dtype):
        raise TypeError(f"ufunc {name!r} is not supported{where} of dtype {col.dtype}")
    with np.errstate(all="ignore"):
        out_dtype = ufunc(np.zeros(1, dtype=col.dtype)).dtype  # NumPy's result dtype
    xp, data = col.xp, col.data
    if is_numpy(xp):
        with np.errstate(all="ignore"):
            out = ufunc(data)
    else:
        fn = getattr(xp, _ARRAY_API_NAMES.get(name, name), None)
        if fn is None:
            raise NotImplementedError(f"ufunc {name!r} has no counterpart in {xp.__name__}")
        target = getattr(xp, out_dtype.name, None)
        if target is None:
            raise NotImplementedError(f"ufunc {name!r}: {xp.__name__} has no {out_dtype} dtype")
        if out_dtype.kind == "f" and data.dtype != target:
            data = xp.astype(data, target)
        out = fn(data)
        if out.dtype != target:
            out = xp.astype(out, target)
    return Column._from_parts(out, col.mask, out_dtype)


def _reduction_call(obj: Any, func: Any, args: tuple, kwargs: dict) -> Any:
    """``func`` on ``obj`` when it is a name or stands for a reduction, else NotImplemented."""
    if isinstance(func, str):
        method = getattr(obj, func, None)
        if method is not None and not callable(method) and not args and not kwargs:
            if func == "size" and getattr(obj, "ndim", 1) == 2:  # pandas: per column
                return _series_result([len(obj)] * len(obj._cols), list(obj._cols), None, False)
            return method  # an attribute (``size``, ``shape``...), as pandas
        if method is None or not callable(method):
            ufunc = _as_ufunc(obj, func)
            if ufunc is None:
                raise AttributeError(
                    f"{func!r} is not a valid function for {type(obj).__name__!r} object"
                )
            return obj._ufunc(ufunc)
        return method(*args, **kwargs)
    try:
        known = _REDUCTIONS.get(func)
    except TypeError:  # an unhashable callable
        known = None
    if known is not None:
        name, extra = known
        return getattr(obj, name)(*args, **{**extra, **kwargs})
    return NotImplemented


def _series_result(values: list[Any], names: list[Any], name: Any, masked: bool) -> Any:
    """A gpuframe Series of small host results (one per function or column)."""
    from .series import Series

    index = pd.Index(names, dtype=object if not names else None)
    if masked and values and any(v is pd.NA for v in values):
        return Series(pd.Series(pd.array(values), index=index, name=name))
    return Series(pd.Series(values, index=index, name=name, dtype=None if values else "float64"))


def _host_result(res: Any, device: Any) -> Any:
    """A pandas result of a host fallback, back on ``device`` as gpuframe objects."""
    from .dataframe import DataFrame, from_pandas
    from .series import Series

    if isinstance(res, pd.DataFrame):
        out: DataFrame = from_pandas(res, device=device)
        return out
    if isinstance(res, pd.Series):
        if res.dtype == object:
            raise TypeError(
                "apply: the function gave values of several types (a pandas object Series), "
                "which gpuframe does not hold"
            )
        return Series(res, device=device)
    return res


class SeriesApplyMixin:
    """``apply``, ``agg``/``aggregate``, ``transform`` and ``pipe`` of a Series."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def _ufunc(self, ufunc: np.ufunc) -> Any:
        from .series import Series

        return Series._from_column(ufunc_column(self._column, ufunc), self._index, self.name)

    def apply(
        self,
        func: Any,
        args: tuple = (),
        *,
        by_row: Any = "compat",
        **kwargs: Any,
    ) -> Any:
        """``func`` on the series: a method name, a ufunc, a list/dict (as :meth:`agg`), or a
        Python function called on every value.

        A name or a NumPy ufunc runs vectorised on the device. A Python function runs on
        the host (pandas' ``apply`` on a host copy; the result comes back to the device),
        unless ``by_row=False``, which calls it once with this gpuframe Series.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series([1.0, 4.0, 9.0])
        >>> s.apply(np.sqrt).tolist()
        [1.0, 2.0, 3.0]
        >>> s.apply(lambda v: v + 1).tolist()
        [2.0, 5.0, 10.0]
        """
        _check_func("apply", func)
        if by_row not in ("compat", False):
            raise ValueError(f"apply: `by_row` must be 'compat' or False; received {by_row!r}")
        if not isinstance(args, tuple):
            raise TypeError(f"apply: `args` must be a tuple; received {type(args).__name__}")
        if isinstance(func, (list, tuple, dict)):
            return self.agg(func, *args, **kwargs)
        ufunc = _as_ufunc(self, func)
        if ufunc is not None and not args and not kwargs:
            return self._ufunc(ufunc)
        if isinstance(func, str):
            return _reduction_call(self, func, args, kwargs)
        if by_row is False:
            return func(self, *args, **kwargs)
        res = self.to_pandas().apply(func, args=args, **kwargs)  # host fallback, per value
        return _host_result(res, self.device)

    def agg(self, func: Any = None, axis: Any = 0, *args: Any, **kwargs: Any) -> Any:
        """Aggregate with one function (a scalar), a list (a Series, one value per function)
        or a dict ``{label: function}`` (a Series labelled by the keys).

        Names and NumPy reductions run as gpuframe reductions on the device; another
        function is called with this gpuframe Series.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series([1, 2, 3, 4], name="x")
        >>> int(s.agg("sum"))
        10
        >>> s.agg(["sum", "mean"]).to_pandas().to_dict()
        {'sum': 10.0, 'mean': 2.5}
        """
        from .dataframe import DataFrame
        from .series import Series

        _check_func("agg", func)
        if axis not in (0, "index"):
            raise ValueError(f"agg: `axis` must be 0 for a Series; received axis={axis!r}")
        if isinstance(func, (list, tuple, dict)):
            pairs = (
                list(func.items()) if isinstance(func, dict) else [(_func_name(f), f) for f in func]
            )
            results = [self.agg(f, 0, *args, **kwargs) for _, f in pairs]
            names = [n for n, _ in pairs]
            series = [isinstance(r, Series) for r in results]
            if all(series):
                return DataFrame._from_columns(
                    {n: r._column for n, r in zip(names, results)}, results[0]._index
                )
            if any(series):
                raise ValueError("agg: cannot combine transform and aggregation operations")
            return _series_result(results, names, self.name, self._column.mask is not None)
        ufunc = _as_ufunc(self, func)
        if ufunc is not None and not args and not kwargs:
            return self._ufunc(ufunc)
        res = _reduction_call(self, func, args, kwargs)
        if res is NotImplemented:
            res = func(self, *args, **kwargs)
        return res

    aggregate = agg

    def transform(self, func: Any, axis: Any = 0, *args: Any, **kwargs: Any) -> Any:
        """``func`` giving a result of the same length and index: a name, a ufunc, a
        function (called with this gpuframe Series), or a list/dict of them (a DataFrame).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2, 3]).transform(lambda x: x - x.mean()).tolist()
        [-1.0, 0.0, 1.0]
        """
        from .dataframe import DataFrame

        _check_func("transform", func)
        if axis not in (0, "index"):
            raise ValueError(f"transform: `axis` must be 0 for a Series; received axis={axis!r}")
        if isinstance(func, (list, tuple, dict)):
            pairs = (
                list(func.items()) if isinstance(func, dict) else [(_func_name(f), f) for f in func]
            )
            out = {n: self.transform(f, 0, *args, **kwargs)._column for n, f in pairs}
            return DataFrame._from_columns(out, self._index)
        ufunc = _as_ufunc(self, func)
        if ufunc is not None and not args and not kwargs:
            return self._ufunc(ufunc)
        res = _reduction_call(self, func, args, kwargs)
        if res is NotImplemented:
            res = func(self, *args, **kwargs)
        return self._check_transformed(res)

    def _check_transformed(self, res: Any) -> Any:
        from .series import Series

        if not isinstance(res, Series) or len(res) != len(self):
            got = f"length {len(res)}" if hasattr(res, "__len__") else type(res).__name__
            raise ValueError(
                f"transform: the function did not transform (a result of {len(self)} "
                f"values was expected; received {got})"
            )
        if not res._index.equals(self._index):
            raise ValueError("transform: the function changed the index")
        return res

    def pipe(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """``func(self, *args, **kwargs)``; ``func`` may be ``(callable, "keyword")``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1, 2]).pipe(lambda s, k: s * k, 3).tolist()
        [3, 6]
        """
        return _pipe(self, func, args, kwargs)


def _pipe(obj: Any, func: Any, args: tuple, kwargs: dict) -> Any:
    if isinstance(func, tuple):
        if len(func) != 2 or not callable(func[0]) or not isinstance(func[1], str):
            raise TypeError(
                f"pipe: a tuple `func` must be (callable, keyword name); received {func!r}"
            )
        target, keyword = func
        if keyword in kwargs:
            raise ValueError(f"pipe: {keyword!r} is both the pipe target and a keyword argument")
        return target(*args, **{**kwargs, keyword: obj})
    if not callable(func):
        raise TypeError(f"pipe: `func` must be callable; received {type(func).__name__}")
    return func(obj, *args, **kwargs)


class FrameApplyMixin:
    """``apply``, ``agg``/``aggregate``, ``transform`` and ``pipe`` of a DataFrame."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def _ufunc(self, ufunc: np.ufunc) -> Any:
        return self._map_columns_labelled(lambda k, c: ufunc_column(c, ufunc, k))

    def _series_of(self, label: Any) -> Any:
        from .series import Series

        return Series._from_column(self._cols[label], self._index, label)

    def apply(
        self,
        func: Any,
        axis: Any = 0,
        raw: bool = False,
        result_type: Any = None,
        args: tuple = (),
        by_row: Any = "compat",
        engine: Any = None,
        engine_kwargs: Any = None,
        **kwargs: Any,
    ) -> Any:
        """``func`` on each column (``axis=0``) or each row (``axis=1``).

        ``axis=0``: a name or list/dict goes to the gpuframe method / :meth:`agg`; a NumPy
        ufunc runs vectorised on every column; a Python function is called with each column
        as a gpuframe Series on the device (scalars give a Series labelled by the columns,
        Series give a DataFrame). ``axis=1`` with a Python function, ``raw=True`` and
        ``result_type`` run pandas' ``apply`` on a host copy (a per-row loop; the result
        comes back to the frame's device).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2, 3], "b": [1.5, 2.5, 0.0]})
        >>> df.apply(lambda c: c.max() - c.min()).to_pandas().to_dict()
        {'a': 2.0, 'b': 2.5}
        >>> df.apply(lambda r: r["a"] * 10 + r["b"], axis=1).tolist()
        [11.5, 22.5, 30.0]
        """
        _check_func("apply", func)
        if axis not in (0, "index", 1, "columns"):
            raise ValueError(f"apply: `axis` must be 0 or 1; received axis={axis!r}")
        if engine is not None or engine_kwargs is not None:
            raise NotImplementedError("apply: `engine`/`engine_kwargs` are not supported")
        if result_type not in (None, "expand", "reduce", "broadcast"):
            raise ValueError(
                "apply: `result_type` must be one of None, 'expand', 'reduce', 'broadcast'; "
                f"received {result_type!r}"
            )
        if by_row not in ("compat", False):
            raise ValueError(f"apply: `by_row` must be 'compat' or False; received {by_row!r}")
        if not isinstance(args, tuple):
            raise TypeError(f"apply: `args` must be a tuple; received {type(args).__name__}")
        rows = axis in (1, "columns")
        if isinstance(func, (list, tuple, dict)) and not rows:
            return self.agg(func, 0, *args, **kwargs)
        if isinstance(func, str):
            if not callable(getattr(self, func, None)) and _as_ufunc(self, func) is None:
                raise AttributeError(f"{func!r} is not a valid function for 'DataFrame' object")
            if callable(getattr(self, func, None)):
                extra = {"axis": 1} if rows else {}
                return getattr(self, func)(*args, **extra, **kwargs)
        ufunc = _as_ufunc(self, func)
        if ufunc is not None and not args and not kwargs and result_type is None:
            return self._ufunc(ufunc)
        if rows or raw or result_type is not None:  # host fallback: pandas' own loop
            res = self.to_pandas().apply(
                func, axis=axis, raw=raw, result_type=result_type, args=args, **kwargs
            )
            return _host_result(res, self.device)
        results = {k: func(self._series_of(k), *args, **kwargs) for k in self._cols}
        return self._combine_results(results)

    def _map_columns_labelled(self, fn: Callable[[Any, Column], Column]) -> Any:
        return self._from_columns({k: fn(k, c) for k, c in self._cols.items()}, self._index)

    def _combine_results(self, results: dict[Any, Any]) -> Any:
        """Per-column results as pandas combines them: scalars -> Series, Series -> frame."""
        from .dataframe import DataFrame
        from .series import Series

        values = list(results.values())
        if values and all(isinstance(v, Series) for v in values):
            first = values[0]._index
            if all(v._index.equals(first) for v in values):
                return DataFrame._from_columns({k: v._column for k, v in results.items()}, first)
            frame = pd.DataFrame({k: v.to_pandas() for k, v in results.items()})  # union index
            return _host_result(frame, self.device)
        if any(isinstance(v, (Series, DataFrame)) for v in values):
            raise ValueError(
                "apply: the function gave Series for some columns and scalars for others"
            )
        masked = any(c.mask is not None for c in self._cols.values())
        return _series_result(values, list(results), None, masked)

    def agg(self, func: Any = None, axis: Any = 0, *args: Any, **kwargs: Any) -> Any:
        """Aggregate the columns: a name or function (a Series, one value per column), a list
        (a DataFrame, one row per function) or a dict ``{column: function or list}``.

        Names and NumPy reductions run as gpuframe reductions on the device; another function
        is called with each column as a gpuframe Series. ``axis=1`` is not supported.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2, 3], "b": [1.5, 2.5, 0.0]})
        >>> df.agg(["sum", "mean"]).to_pandas()
                a         b
        sum   6.0  4.000000
        mean  2.0  1.333333
        >>> df.agg({"a": "sum", "b": ["min", "max"]}).to_pandas()
               a    b
        sum  6.0  NaN
        min  NaN  0.0
        max  NaN  2.5
        """
        from .dataframe import DataFrame
        from .series import Series

        _check_func("agg", func)
        if axis not in (0, "index"):
            raise NotImplementedError(f"agg: axis={axis!r} is not supported (only axis=0)")
        if isinstance(func, dict):
            missing = [k for k in func if k not in self._cols]
            if missing:
                raise KeyError(
                    f"agg: column(s) {missing} do not exist; columns: {list(self._cols)}"
                )
            per = {k: self._series_of(k).agg(f, 0, *args, **kwargs) for k, f in func.items()}
            if not any(isinstance(f, (list, tuple, dict)) for f in func.values()):
                return self._combine_results(per)
            host = {
                k: v.to_pandas() if isinstance(v, Series) else pd.Series([v], index=[_func_name(f)])
                for (k, v), f in zip(per.items(), func.values())
            }
            order: list[Any] = []
            for s in host.values():
                order += [i for i in s.index if i not in order]
            frame = pd.DataFrame({k: s.reindex(order) for k, s in host.items()}, index=order)
            return _host_result(frame, self.device)
        if isinstance(func, (list, tuple)):
            per = {k: self._series_of(k).agg(list(func), 0, *args, **kwargs) for k in self._cols}
            if per and all(isinstance(v, DataFrame) for v in per.values()):  # transforms
                cols = {(k, n): c for k, v in per.items() for n, c in v._cols.items()}
                return DataFrame._from_columns(cols, self._index)
            if not per:
                return DataFrame(index=[_func_name(f) for f in func])
            first = next(iter(per.values()))
            out = {k: v._column for k, v in per.items()}
            for k, c in out.items():  # pandas: a masked column gives a masked row of results
                if self._cols[k].mask is not None and c.mask is None and _dt.is_numeric(c.dtype):
                    out[k] = c.astype(_dt.to_pandas_dtype(c.dtype, nullable=True))
            return DataFrame._from_columns(out, first._index)
        res = _reduction_call(self, func, args, kwargs)
        if res is NotImplemented:
            res = self._combine_results(
                {k: func(self._series_of(k), *args, **kwargs) for k in self._cols}
            )
        return res

    aggregate = agg

    def transform(self, func: Any, axis: Any = 0, *args: Any, **kwargs: Any) -> Any:
        """A frame of the same shape: ``func`` (a name, a ufunc, a function called with each
        column as a gpuframe Series) on every column; a list gives (column, function)
        column pairs, a dict ``{column: function or list}`` picks columns.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1, 2, 3], "b": [4.0, 0.0, 2.0]})
        >>> df.transform(lambda c: c - c.min()).to_pandas()
           a    b
        0  0  4.0
        1  1  0.0
        2  2  2.0
        """
        from .dataframe import DataFrame

        _check_func("transform", func)
        if axis not in (0, "index"):
            raise NotImplementedError(f"transform: axis={axis!r} is not supported (only axis=0)")
        if isinstance(func, dict):
            missing = [k for k in func if k not in self._cols]
            if missing:
                raise KeyError(
                    f"transform: column(s) {missing} do not exist; columns: {list(self._cols)}"
                )
            items = list(func.items())
            if any(isinstance(f, (list, tuple, dict)) for _, f in items):  # as pandas
                items = [(k, f if isinstance(f, (list, tuple, dict)) else [f]) for k, f in items]
        else:
            items = [(k, func) for k in self._cols]
        out: dict[Any, Column] = {}
        for k, f in items:
            res = self._series_of(k).transform(f, 0, *args, **kwargs)
            if isinstance(res, DataFrame):
                out.update({(k, n): c for n, c in res._cols.items()})
            else:
                out[k] = res._column
        return DataFrame._from_columns(out, self._index)

    def pipe(self, func: Any, *args: Any, **kwargs: Any) -> Any:
        """``func(self, *args, **kwargs)``; ``func`` may be ``(callable, "keyword")``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.DataFrame({"a": [1, 2]}).pipe(lambda d, n: d.head(n), 1).shape
        (1, 1)
        """
        return _pipe(self, func, args, kwargs)
