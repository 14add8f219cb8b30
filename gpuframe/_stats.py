"""DataFrame reductions (per column or per row), ``describe``, ``corr`` and ``cov``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import dtypes as _dt
from ._reductions import ReductionMixin
from .backend import to_host
from .column import Column, _reduce, as_column

__all__ = ["FrameStatsMixin"]

_ROWWISE = ("sum", "mean", "min", "max", "count", "prod", "std", "var")
# reductions whose NumPy kernels release the GIL for long: large columns go to threads
_POOLED = ("var", "std", "sem", "median", "quantile", "nunique")
_POOL_ROWS = 1 << 18


def _pooled(items: list[tuple[Any, Column]]) -> bool:
    """Several large NumPy columns: worth spreading over the process's cores."""
    from .backend import is_numpy

    if len(items) < 2 or len(items[0][1]) < _POOL_ROWS or not is_numpy(items[0][1].xp):
        return False
    return True


def _map_columns(fn: Any, items: list[tuple[Any, Column]]) -> list[Any]:
    """``[fn(item) for item in items]``, one column a task on the shared pool of
    :mod:`gpuframe.backend._parallel` (order kept; work inside a task runs serially)."""
    from .backend._parallel import map_chunks

    def run(a: int, b: int) -> list[Any]:
        return [fn(item) for item in items[a:b]]

    parts = map_chunks(run, len(items), min_rows=2, chunks=len(items))
    return [r for part in parts for r in part]


class FrameStatsMixin(ReductionMixin):
    """Reductions of a DataFrame, written once in ``_reduce``."""

    if TYPE_CHECKING:  # the attributes the concrete frame classes provide

        def __getattr__(self, name: str) -> Any: ...

    def _reduce(
        self,
        op: str,
        *,
        axis: Any = 0,
        skipna: bool = True,
        numeric_only: bool = False,
        **kwargs: Any,
    ) -> Any:
        from .series import Series

        unknown = set(kwargs) - {"min_count", "ddof", "q", "interpolation"}
        if unknown:
            raise NotImplementedError(f"{op}: argument(s) {sorted(unknown)} are not supported")
        data: dict[Any, Column] = self._data  # type: ignore[attr-defined]
        if numeric_only:
            data = {k: c for k, c in data.items() if _dt.is_numeric(c.dtype)}
        if axis in (1, "columns"):
            return self._reduce_rows(op, data, skipna, **kwargs)
        if axis not in (0, "index", None):
            raise ValueError(f"{op}: `axis` must be 0 or 1; received {axis!r}")

        def one(item: tuple[Any, Column]) -> Any:
            k, c = item
            s = Series._from_column(c, self._index, k)  # type: ignore[attr-defined]
            try:
                return s._reduce(op, skipna=skipna, **kwargs)
            except TypeError as e:
                raise TypeError(f"{op}: column {k!r}: {e}") from e

        items = list(data.items())
        if op in _POOLED and _pooled(items):
            results = _map_columns(one, items)
        else:
            results = [one(item) for item in items]
        labels = list(data)
        index = pd.Index(labels, dtype=object) if labels else None
        masked = any(c.mask is not None for c in data.values())
        if masked and results and op not in ("count", "nunique", "idxmin", "idxmax"):
            pd_result = pd.Series(pd.array(results), index=index)  # pandas: masked result
        else:
            pd_result = pd.Series(results, index=index, dtype=None if results else "float64")
        try:
            return Series(pd_result)
        except (TypeError, ValueError, NotImplementedError) as e:  # datetime and float columns
            kinds = sorted({str(c.dtype) for c in data.values()})
            raise TypeError(
                f"{op}: the results of columns with dtypes {kinds} share no dtype (pandas "
                "gives an object Series, which gpuframe does not hold); pass "
                "numeric_only=True or reduce those columns separately"
            ) from e

    def _reduce_rows(self, op: str, data: dict[Any, Column], skipna: bool, **kwargs: Any) -> Any:
        from .series import Series

        if op not in _ROWWISE:
            raise NotImplementedError(f"{op}: axis=1 is not supported")
        cols = list(data.values())
        for k, c in data.items():
            if not _dt.is_numeric(c.dtype):
                raise TypeError(f"{op}(axis=1): column {k!r} of dtype {c.dtype} is not numeric")
        if not cols:
            return Series(np.zeros(len(self), dtype=np.float64), index=self._index)  # type: ignore
        xp = cols[0].xp
        mat = xp.stack([c.astype(np.dtype("float64")).data for c in cols], axis=1)
        valid = ~xp.isnan(mat)
        cnt = xp.sum(valid.astype(xp.int64), axis=1)
        if op == "count":
            return Series._from_column(Column._from_parts(cnt), self._index)  # type: ignore
        fill = {
            "sum": 0.0,
            "mean": 0.0,
            "prod": 1.0,
            "min": np.inf,
            "max": -np.inf,
            "std": 0.0,
            "var": 0.0,
        }[op]
        m = xp.where(valid, mat, xp.asarray(fill)) if skipna else mat
        if op == "sum":
            out = xp.sum(m, axis=1)
        elif op == "prod":
            out = xp.prod(m, axis=1)
        elif op == "mean":
            out = xp.sum(m, axis=1) / cnt
        elif op in ("min", "max"):
            out = xp.min(m, axis=1) if op == "min" else xp.max(m, axis=1)
            out = xp.where(cnt > 0, out, xp.asarray(np.nan))
        else:
            ddof = kwargs.get("ddof", 1)
            mu = xp.sum(m, axis=1) / cnt
            dev = xp.where(valid, mat - mu[:, None], xp.asarray(0.0))
            var = xp.sum(dev * dev, axis=1) / (cnt - ddof)
            var = xp.where(cnt > ddof, var, xp.asarray(np.nan))
            out = xp.sqrt(var) if op == "std" else var
        res = Column._from_parts(out)
        kinds = {c.dtype.kind for c in cols}
        if (
            op in ("sum", "min", "max", "prod")
            and kinds <= set("iub")
            and all(c.mask is None for c in cols)
        ):
            res = res.astype(
                np.result_type(*[c.dtype for c in cols], np.int64)
                if op in ("sum", "prod")
                else np.result_type(*[c.dtype for c in cols])
            )
        return Series._from_column(res, self._index)  # type: ignore[attr-defined]

    def describe(self, percentiles: Any = None) -> Any:
        """count, mean, std, min, quartiles, max of the numeric columns (as pandas).

        A frame without numeric columns gives count/unique/top/freq as ``str`` values
        (pandas gives object columns, which gpuframe does not hold).
        """
        from .dataframe import DataFrame

        pcts = [0.25, 0.5, 0.75] if percentiles is None else sorted(set(percentiles))
        data: dict[Any, Column] = self._data  # type: ignore[attr-defined]
        numeric = {
            k: c
            for k, c in data.items()
            if (_dt.is_numeric(c.dtype) and not _dt.is_bool(c.dtype)) or c.dtype.kind in "mM"
            if not c.is_encoded
        }
        has_dates = any(c.dtype.kind == "M" for c in numeric.values())
        quartiles = [_pct_label(p) for p in pcts]
        if has_dates:  # pandas: std last, and only when some column has one
            with_std = any(c.dtype.kind != "M" for c in numeric.values())
            labels = ["count", "mean", "min", *quartiles, "max", *(["std"] if with_std else [])]
        else:
            labels = ["count", "mean", "std", "min", *quartiles, "max"]
        if numeric:

            def summary(item: tuple[Any, Column]) -> Column:
                c = item[1]
                vals = [
                    float(_reduce.reduce(c, "count")),
                    _reduce.reduce(c, "mean"),
                    _reduce.reduce(c, "std"),
                    _reduce.reduce(c, "min"),
                    *_reduce.quantiles(c, pcts),
                    _reduce.reduce(c, "max"),
                ]
                vals = [np.nan if v is pd.NA else float(v) for v in vals]
                res = as_column(np.asarray(vals, dtype=np.float64))
                return res.astype("Float64") if c.mask is not None else res

            def time_summary(c: Column) -> Column:
                """pandas gives an object column of a count and Timestamps/Timedeltas;
                gpuframe holds no objects, so (as for text columns) the summary is text."""
                stats = {
                    "count": int(_reduce.reduce(c, "count")),
                    "mean": _reduce.reduce(c, "mean"),
                    "min": _reduce.reduce(c, "min"),
                    **dict(zip(quartiles, _reduce.quantiles(c, pcts))),
                    "max": _reduce.reduce(c, "max"),
                    "std": _reduce.reduce(c, "std") if c.dtype.kind == "m" else None,
                }
                text = [None if pd.isna(stats[r]) else str(stats[r]) for r in labels]
                return as_column(text, dtype="str")

            items = [(k, c) for k, c in numeric.items() if c.dtype.kind not in "mM"]
            cols = _map_columns(summary, items) if _pooled(items) else map(summary, items)
            done = dict(zip([k for k, _ in items], cols))
            if has_dates:  # numbers in pandas' row order
                std_order = ["count", "mean", "std", "min", *quartiles, "max"]
                rows = np.asarray([std_order.index(r) for r in labels])
                done = {k: c.take(as_column(rows, device=c.device)) for k, c in done.items()}
            out = {k: done[k] if k in done else time_summary(c) for k, c in numeric.items()}
            return DataFrame._from_columns(out, _labels_index(labels))
        out = {}
        for k, c in data.items():
            from .series import Series

            vc = Series._from_column(c).value_counts()
            count = len(c) - c.null_count
            top = vc.index.to_pandas()[0] if len(vc) else np.nan
            freq = int(vc._column.data[0]) if len(vc) else np.nan
            values = [count, int(_reduce.reduce(c, "nunique")), top, freq]
            out[k] = as_column([None if v is None or v is np.nan else str(v) for v in values])
        # pandas gives object columns; gpuframe holds no objects, so the summary is text
        return DataFrame._from_columns(out, _labels_index(["count", "unique", "top", "freq"]))

    def _numeric_matrix(self) -> tuple[list[Any], Any]:
        data: dict[Any, Column] = self._data  # type: ignore[attr-defined]
        bad = [k for k, c in data.items() if not _dt.is_numeric(c.dtype)]
        if bad:
            raise TypeError(f"corr/cov: columns {bad} are not numeric (use numeric_only=True)")
        cols = list(data.values())
        xp = cols[0].xp
        # (n, k) view of a (k, n) block: each column contiguous, stacking is a plain copy
        mat = xp.stack([c.astype(np.dtype("float64")).data for c in cols], axis=0).T
        return list(data), mat

    def _pairwise(self, fn: Any, numeric_only: bool, dense: Any = None) -> Any:
        from .dataframe import DataFrame

        src = self.select_dtypes("number") if numeric_only else self  # type: ignore[attr-defined]
        labels, mat = src._numeric_matrix()
        xp = src._data[labels[0]].xp
        k = len(labels)
        out = np.empty((k, k), dtype=np.float64)
        valid = ~xp.isnan(mat)
        all_valid = bool(xp.all(valid))
        if dense is not None and all_valid:
            res = dense(mat, xp)
            if res is not None:
                out = res
                dense = True
        for i in range(k if dense is not True else 0):
            for j in range(i, k):
                both = valid[:, i] & valid[:, j]
                a, b = (mat[:, i], mat[:, j]) if all_valid else (mat[both, i], mat[both, j])
                v = float(fn(a, b, xp))
                out[i, j] = out[j, i] = v
        cols = {lab: as_column(out[:, j]) for j, lab in enumerate(labels)}
        return DataFrame._from_columns(cols, _labels_index(labels))

    def corr(
        self, method: str = "pearson", min_periods: int = 1, numeric_only: bool = False
    ) -> Any:
        """Pairwise Pearson (or Spearman) correlation of the columns, missing values skipped.

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 7.0]})
        >>> round(float(df.corr().to_pandas().loc["a", "b"]), 4)
        0.9934
        """
        if method not in ("pearson", "spearman"):
            raise NotImplementedError(f"corr: `method={method!r}` is not supported")

        def pearson(a: Any, b: Any, xp: Any) -> Any:
            if a.shape[0] < max(min_periods, 2):
                return np.nan
            if method == "spearman":
                a, b = _ranks(a, xp), _ranks(b, xp)
            da, db = a - xp.mean(a), b - xp.mean(b)
            den = xp.sqrt(xp.sum(da * da) * xp.sum(db * db))
            return xp.sum(da * db) / den if float(den) > 0 else np.nan

        def dense(mat: Any, xp: Any) -> Any:
            # no missing values: every pair at once, one matrix product of the deviations
            if method == "spearman" or mat.shape[0] < max(min_periods, 2):
                return None
            rows = mat.T  # (k, n), rows contiguous
            dev = rows - xp.mean(rows, axis=1)[:, None]
            cov = dev @ dev.T
            sd = xp.sqrt(xp.linalg.diagonal(cov))
            den = sd[:, None] * sd[None, :]
            safe = xp.where(den > 0, den, xp.ones_like(den))
            out = xp.where(den > 0, xp.clip(cov / safe, -1.0, 1.0), xp.asarray(np.nan))
            return np.asarray(to_host(out), dtype=np.float64)

        return self._pairwise(pearson, numeric_only, dense)

    def cov(self, min_periods: int | None = None, ddof: int = 1, numeric_only: bool = False) -> Any:
        """Pairwise covariance of the columns, missing values skipped."""

        def cov(a: Any, b: Any, xp: Any) -> Any:
            n = a.shape[0]
            if n - ddof <= 0 or (min_periods is not None and n < min_periods):
                return np.nan
            return xp.sum((a - xp.mean(a)) * (b - xp.mean(b))) / (n - ddof)

        return self._pairwise(cov, numeric_only)


def _ranks(a: Any, xp: Any) -> Any:
    from .column import _sort

    return _sort.rank(Column._from_parts(a)).data


def _pct_label(p: float) -> str:
    text = f"{p * 100:.10f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _labels_index(labels: list[Any]) -> Any:
    from .index import Index

    return Index(pd.Index(labels))
