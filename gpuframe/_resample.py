"""``resample``: time bins of a datetime index or column, aggregated as a groupby.

Each row's bin number is computed on the device from its time: ``floor((t - origin) / freq)``
for fixed frequencies (``"s"``, ``"15min"``, ``"h"``, ``"D"``...), the week of the anchor day
for ``"W"``/``"W-MON"``..., the calendar month for ``"ME"``/``"MS"``. The rows are grouped by
bin number with the frame's groupby, and the result is reindexed to every bin from the first
to the last, empty bins filled as pandas does (``sum``/``count``/``size`` 0, others missing).
The result index holds the bin labels; deliberate difference: it carries no ``freq``.

NumPy fast path (sorted times without NaT, the common case): each bin is a run of rows, its
bounds found by a binary search of the bin edges (fixed frequencies) or of the bin numbers
(calendar rules); ``sum mean min max first last count ohlc`` of float columns then walk the
runs in Numba kernels (:mod:`.column._resample_kernels`), with no per-row bin number and no
groupby. The answers are those of the general path, bit for bit.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any

import numpy as np
import pandas as pd

from .accessors._datetime_ops import _civil, days_from_civil
from .backend import is_numpy
from .column import Column

__all__ = ["Resampler", "bin_codes"]

_DAY_NS = 86_400_000_000_000
_ZERO_FILL = {"sum": 0, "count": 0, "size": 0, "nunique": 0, "prod": 1}
_END_RULES = (pd.offsets.MonthEnd, pd.offsets.Week)


def _parse_rule(rule: Any) -> Any:
    from pandas.tseries.frequencies import to_offset

    if isinstance(rule, (pd.Timedelta, _datetime.timedelta, np.timedelta64)):
        rule = pd.Timedelta(rule)
    try:
        return to_offset(rule)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"resample: invalid `rule` {rule!r}: {exc}") from None


def _month_start_days(mi: Any, xp: Any) -> Any:
    """Days of the first day of month index ``mi`` (``year * 12 + month - 1``)."""
    return days_from_civil(mi // 12, mi % 12 + 1, xp.ones(mi.shape, dtype=xp.int64), xp=xp)


def bin_codes(
    ticks: Any,
    per_day: int,
    offset: Any,
    *,
    closed: str,
    label: str,
    origin: Any,
    xp: Any,
) -> tuple[Any, Any]:
    """(bin number of each tick, function: bin numbers -> label ticks).

    ``ticks`` are int64 times (no NaT) in a unit with ``per_day`` ticks a day; ``offset`` is
    the parsed rule. Bin numbers are absolute (any integer); callers shift them to 0.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array([0, 5, 12]) * 3600
    >>> codes, labels = bin_codes(t, 86400, pd.tseries.frequencies.to_offset("6h"),
    ...     closed="left", label="left", origin=0, xp=np)
    >>> codes.tolist(), (labels(codes) // 3600).tolist()
    ([0, 0, 2], [0, 0, 12])
    """
    if isinstance(offset, (pd.offsets.Tick, pd.offsets.Day)):
        f = _fixed_ticks(offset, per_day)
        if closed == "left":
            codes = (ticks - origin) // f
        else:
            codes = -((origin - ticks) // f) - 1
        shift = 1 if label == "right" else 0

        def labels(c: Any) -> Any:
            return origin + (c + shift) * f

        return codes, labels
    if int(offset.n) != 1:
        raise NotImplementedError(
            f"resample: rule {offset.freqstr!r} (a multiple) is not supported"
        )
    days = ticks // per_day
    if isinstance(offset, pd.offsets.Week):
        if offset.weekday is None:
            raise NotImplementedError("resample: a Week offset without a weekday; use '7D'")
        k = int(offset.weekday)
        wd = (days + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
        if closed == "right":  # the first anchor day on or after the day
            anchor = days + (k - wd) % 7
            shift = 0 if label == "right" else -7
        else:  # the last anchor day on or before the day
            anchor = days - (wd - k) % 7
            shift = 7 if label == "right" else 0
        codes = (anchor - k + 3) // 7

        def labels(c: Any) -> Any:
            return (c * 7 + k - 3 + shift) * per_day

        return codes, labels
    y, m, _ = _civil(days, xp=xp)  # the Numba kernel on NumPy
    mi = xp.astype(y, xp.int64) * 12 + xp.astype(m, xp.int64) - 1
    if isinstance(offset, pd.offsets.MonthEnd):
        if closed == "right":  # every day of month mi, labelled with its last day
            codes = mi
        else:  # [last day of mi - 1, last day of mi): a month's last day opens the next bin
            last = _month_start_days(mi + 1, xp) - 1
            codes = mi + xp.astype(days == last, xp.int64)
        shift = 0 if label == "right" else -1

        def labels(c: Any) -> Any:
            return (_month_start_days(c + shift + 1, xp) - 1) * per_day

        return codes, labels
    if isinstance(offset, pd.offsets.MonthBegin):
        if closed == "left":
            codes = mi
        else:  # (first of mi, first of mi + 1]: midnight of the 1st closes the previous bin
            first = _month_start_days(mi, xp) * per_day
            codes = mi - xp.astype(ticks == first, xp.int64)
        shift = 1 if label == "right" else 0

        def labels(c: Any) -> Any:
            return _month_start_days(c + shift, xp) * per_day

        return codes, labels
    raise NotImplementedError(
        f"resample: rule {offset.freqstr!r} is not supported; use a fixed frequency "
        "('s', 'min', 'h', 'D' and multiples), 'W' / 'W-<day>', 'ME' or 'MS'"
    )


def _fixed_ticks(offset: Any, per_day: int) -> int:
    ns = int(offset.nanos) if isinstance(offset, pd.offsets.Tick) else int(offset.n) * _DAY_NS
    per = _DAY_NS // per_day
    if ns <= 0 or ns % per:
        raise ValueError(
            f"resample: `rule` {offset.freqstr!r} must be a positive whole number of the "
            f"times' unit ({per} ns)"
        )
    return ns // per


class Resampler:
    """``obj.resample(rule, on=None, closed=None, label=None, origin='start_day',
    offset=None)``: aggregations per time bin.

    ``rule``: a fixed frequency (``"30s"``, ``"15min"``, ``"h"``, ``"D"``, a
    ``pd.Timedelta``), ``"W"``/``"W-<day>"``, ``"ME"`` or ``"MS"``. Bins are closed and
    labelled on the left, except ``"W"`` and ``"ME"`` (right), as pandas; ``origin`` is
    ``'start_day'`` (midnight of the first day), ``'start'``, ``'epoch'``, ``'end'``,
    ``'end_day'`` or a timestamp. Rows with a missing time are left out.

    Methods: ``sum mean min max count first last size std var median prod nunique ohlc``
    and ``agg``. Deliberate difference: the result's index has no ``freq``.

    Examples
    --------
    >>> import gpuframe as gf, pandas as pd
    >>> s = gf.Series([1, 2, 5], index=pd.to_datetime(["2020-01-01", "2020-01-03",
    ...     "2020-01-03 05:00"], format="ISO8601"))
    >>> s.resample("D").sum().tolist()
    [1, 0, 7]
    >>> s.resample("D").mean().tolist()
    [1.0, nan, 3.5]
    """

    def __init__(
        self,
        obj: Any,
        rule: Any,
        axis: Any = 0,
        closed: str | None = None,
        label: str | None = None,
        convention: Any = None,
        on: Any = None,
        level: Any = None,
        origin: Any = "start_day",
        offset: Any = None,
        group_keys: bool = False,
        _times: Column | None = None,
        _time_name: Any = None,
    ) -> None:
        if axis not in (0, "index"):
            raise NotImplementedError(f"resample: axis={axis!r} is not supported")
        if convention is not None:
            raise NotImplementedError("resample: `convention` (PeriodIndex) is not supported")
        if level is not None:
            raise NotImplementedError("resample: `level` is not supported")
        self._offset = _parse_rule(rule)
        end_rule = isinstance(self._offset, _END_RULES)
        end_origin = isinstance(origin, str) and origin in ("end", "end_day")
        for name, v in (("closed", closed), ("label", label)):
            if v not in (None, "left", "right"):
                raise ValueError(
                    f"Unsupported value {v!r} for `{name}`; expected 'left' or 'right'"
                )
        self._closed = closed or ("right" if end_rule or end_origin else "left")
        self._label = label or ("right" if end_rule or end_origin else "left")
        self._origin, self._shift = origin, offset
        self._check_origin(origin)
        self._obj = obj
        if _times is not None:
            self._times, self._time_name, self._on = _times, _time_name, on
        elif on is not None:
            if obj.ndim == 1:
                raise ValueError(f"resample: `on` is not supported for a Series; received {on!r}")
            if on not in obj._data:
                raise KeyError(f"resample: column {on!r} not found; columns: {list(obj._data)}")
            self._times, self._time_name, self._on = obj._data[on], on, on
        else:
            cols = obj._index._columns()
            if len(cols) != 1 or getattr(cols[0].dtype, "kind", "") != "M":
                raise TypeError(
                    "Only valid with DatetimeIndex (or an `on=` datetime column), but got an "
                    f"instance of {type(obj._index.to_pandas()).__name__!r}"
                )
            self._times, self._time_name, self._on = cols[0], obj._index.name, None
        if getattr(self._times.dtype, "kind", "") != "M" or self._times.is_encoded:
            raise TypeError(
                f"resample: the times must be datetime64; column {self._time_name!r} has "
                f"dtype {self._times.dtype}"
            )
        self._order: Any = None
        self._starts: Any = None  # numpy, sorted times without NaT: bin b is rows starts[b]:
        self._key: Column | None = None
        fast = self._sorted_bins()
        if fast is not None:
            self._starts, self._labels, self._nbins = fast
        else:
            self._key, self._labels, self._nbins = self._compute_bins()

    @staticmethod
    def _check_origin(origin: Any) -> None:
        if isinstance(origin, str) and origin in ("start_day", "start", "epoch", "end", "end_day"):
            return
        try:
            pd.Timestamp(origin)
        except (ValueError, TypeError):
            raise ValueError(
                "'origin' should be equal to 'epoch', 'start', 'start_day', 'end', 'end_day' "
                f"or should be a Timestamp convertible type. Got {origin!r} instead."
            ) from None

    # ------------------------------------------------------------------ bins
    def _unit(self) -> tuple[str, int, int]:
        """(unit of the times, nanoseconds per tick, ticks per day)."""
        unit = np.datetime_data(self._times.dtype)[0]
        per_ns = int(pd.Timedelta(1, unit=unit).value)
        return unit, per_ns, _DAY_NS // per_ns

    def _sorted_bins(self) -> tuple[Any, Any, int] | None:
        """NumPy fast path for sorted times without NaT: (run starts of the bins, labels,
        number of bins), the starts found by a binary search of each bin's edge (fixed
        frequencies) or of each bin number (calendar rules); None where it does not apply."""
        t = self._times
        if not is_numpy(t.xp) or t.mask is not None or len(t) == 0:
            return None
        from .column._resample_kernels import is_sorted_ticks

        ticks = t.data.view(np.int64)
        if int(ticks[0]) == np.iinfo(np.int64).min or not is_sorted_ticks(ticks):
            return None  # NaT (the smallest tick) or unsorted: the general path
        unit, per_ns, per_day = self._unit()
        tmin, tmax = int(ticks[0]), int(ticks[-1])
        o = self._origin_ticks(tmin, tmax, unit, per_ns, per_day)
        kw: dict[str, Any] = {"closed": self._closed, "label": self._label, "origin": o}
        ends, labels = bin_codes(np.array([tmin, tmax]), per_day, self._offset, xp=np, **kw)
        lo, hi = int(ends[0]), int(ends[1])
        nb = hi - lo + 1
        if isinstance(self._offset, (pd.offsets.Tick, pd.offsets.Day)):
            f = _fixed_ticks(self._offset, per_day)
            edges = o + (lo + np.arange(nb + 1, dtype=np.int64)) * f
            side: Any = "left" if self._closed == "left" else "right"
            starts = np.searchsorted(ticks, edges, side=side)
        else:
            codes, _ = bin_codes(ticks, per_day, self._offset, xp=np, **kw)
            starts = np.searchsorted(codes, lo + np.arange(nb + 1, dtype=np.int64))
        starts = starts.astype(np.int64)
        starts[0], starts[-1] = 0, len(t)

        def label_ticks(c: Any) -> Any:
            return labels(c + lo)

        return starts, label_ticks, nb

    def _origin_ticks(self, tmin: int, tmax: int, unit: str, per_ns: int, per_day: int) -> int:
        origin = self._origin
        if isinstance(origin, str):
            o = {
                "epoch": 0,
                "start": tmin,
                "start_day": (tmin // per_day) * per_day,
                "end": tmax,
                "end_day": -((-tmax) // per_day) * per_day,
            }[origin]
        else:
            o = int(pd.Timestamp(origin).as_unit("ns").value) // per_ns
        if self._shift is not None:
            sh = int(pd.Timedelta(self._shift).value)
            if sh % per_ns:
                raise ValueError(
                    f"resample: `offset` {self._shift!r} is finer than the unit {unit!r}"
                )
            o += sh // per_ns
        return o

    def _compute_bins(self) -> tuple[Column, Any, int]:
        t = self._times
        xp = t.xp
        unit, per_ns, per_day = self._unit()
        ticks = t.data.view(np.int64) if isinstance(t.data, np.ndarray) else t.data
        valid = t.valid_array()
        nvalid = int(xp.sum(xp.astype(valid, xp.int64)))
        if nvalid == 0:
            empty = xp.zeros(len(t), dtype=xp.int64)
            return Column._from_parts(empty, xp.zeros(len(t), dtype=xp.bool)), None, 0
        big = xp.asarray(np.iinfo(np.int64).max, dtype=xp.int64)
        tmin = int(xp.min(xp.where(valid, ticks, big)))
        tmax = int(xp.max(xp.where(valid, ticks, -big)))
        o = self._origin_ticks(tmin, tmax, unit, per_ns, per_day)
        safe = xp.where(valid, ticks, xp.asarray(tmin, dtype=xp.int64))
        codes, labels = bin_codes(
            safe,
            per_day,
            self._offset,
            closed=self._closed,
            label=self._label,
            origin=o,
            xp=xp,
        )
        if len(t) > 1 and not bool(xp.all(safe[1:] >= safe[:-1])):
            # first/last/ohlc follow time order, as pandas (a stable sort by time)
            order = xp.argsort(safe, stable=True)
            self._order = order
            codes, valid = xp.take(codes, order), xp.take(valid, order)
        lo = int(xp.min(xp.where(valid, codes, big)))
        hi = int(xp.max(xp.where(valid, codes, -big)))
        rel = codes - lo
        key = Column._from_parts(xp.where(valid, rel, xp.zeros((), dtype=xp.int64)), valid)

        def label_ticks(c: Any) -> Any:
            return labels(c + lo)

        return key, label_ticks, hi - lo + 1

    def _index(self) -> Any:
        from .index import Index

        t = self._times
        xp = t.xp
        if self._nbins:
            ticks = self._labels(xp.arange(self._nbins, dtype=xp.int64))
        else:
            ticks = xp.zeros(0, dtype=xp.int64)
        data = ticks.view(t.dtype) if isinstance(ticks, np.ndarray) else ticks
        col = Column._from_parts(data, None, t.dtype)
        return Index(col, name=self._time_name)

    # ------------------------------------------------------------------ aggregation
    def _values(self) -> Any:
        obj = self._obj
        if self._on is not None and obj.ndim == 2 and self._on in obj._data:
            obj = obj.drop(columns=[self._on])
        if self._order is not None:
            obj = obj._take(self._order)
        return obj

    def __getitem__(self, key: Any) -> Resampler:
        obj = self._obj
        if self._on is not None and obj.ndim == 2 and self._on in obj._data:
            obj = obj.drop(columns=[self._on])
        return Resampler(
            obj[key],
            self._offset,
            closed=self._closed,
            label=self._label,
            origin=self._origin,
            offset=self._shift,
            _times=self._times,
            _time_name=self._time_name,
        )

    def _grouped(self) -> Any:
        return self._values().groupby(self._key_column(), sort=True)

    def _key_column(self) -> Column:
        if self._key is None:  # fast-path bins: the bin number of each row from the runs
            starts = self._starts
            codes = np.repeat(np.arange(self._nbins, dtype=np.int64), np.diff(starts))
            self._key = Column._from_parts(codes)
        return self._key

    def _reindex(self, res: Any, fill_for: Any) -> Any:
        """``res`` (indexed by observed bin numbers) spread over every bin."""
        xp = self._times.xp
        nb = self._nbins
        got = res.index._columns()[0].data
        pos = xp.full(nb, -1, dtype=xp.int64)
        if int(got.shape[0]):
            pos[xp.astype(got, xp.int64)] = xp.arange(int(got.shape[0]), dtype=xp.int64)
        missing = pos < 0
        safe = xp.where(missing, xp.zeros((), dtype=xp.int64), pos)

        def spread(label: Any, col: Column) -> Column:
            fill = fill_for(label)
            if fill is None or col.is_encoded:
                return col.take(pos, nullify=True)
            taken = col.take(safe)
            data = xp.where(missing, xp.asarray(fill, dtype=taken.data.dtype), taken.data)
            return taken._replace(data=data)

        data = {k: spread(k, c) for k, c in res._data.items()}
        return res._from_data(data, self._index())

    def _fast_values(self) -> Any:
        """The values to aggregate where the run kernels apply (sorted times, every column a
        NumPy float without a validity mask), else None."""
        if self._starts is None:
            return None
        vals = self._values()
        for col in vals._data.values():
            if col.is_encoded or col.mask is not None or col.dtype.kind not in "fiu":
                return None
            if col.dtype.kind in "iu" and not _exact_in_float64(col):
                return None
        return vals

    def _run_ops(self, vals: Any, ops: list[str]) -> dict[Any, list[Column]]:
        """The run kernels over every column; integer columns go through float64 (exact:
        see :func:`_exact_in_float64`) and come back in pandas' dtypes: an int sum in the
        column's dtype where it fits (else int64), min/max/first/last in the column's dtype
        unless an empty bin made them missing (then float64, as pandas)."""
        from .column._resample_kernels import run_reduce
        from .groupby._aggregate import narrow_like

        cols = list(vals._data.values())
        xs = [c.data if c.dtype.kind == "f" else c.data.astype(np.float64) for c in cols]
        runs = run_reduce(xs, self._starts, ops)
        out: dict[Any, list[Column]] = {}
        for k, col, rs in zip(vals._data, cols, runs, strict=True):
            res = []
            for op, r in zip(ops, rs, strict=True):
                c = Column._from_parts(r)
                if col.dtype.kind in "iu" and op == "sum":
                    wide = np.uint64 if col.dtype.kind == "u" else np.int64
                    c = narrow_like(col, Column._from_parts(r.astype(wide)))
                elif col.dtype.kind in "iu" and op in ("min", "max", "first", "last"):
                    if not np.isnan(r).any():
                        c = Column._from_parts(r.astype(col.dtype))
                res.append(c)
            out[k] = res
        return out

    def _agg_op(self, op: str, **kw: Any) -> Any:
        if not kw and op in ("sum", "mean", "min", "max", "first", "last", "count"):
            vals = self._fast_values()
            if vals is not None:
                data = {k: cols[0] for k, cols in self._run_ops(vals, [op]).items()}
                return vals._from_data(data, self._index())
        res = getattr(self._grouped(), op)(**kw)
        return self._reindex(res, lambda _label: _ZERO_FILL.get(op))

    def sum(self, numeric_only: bool = False, min_count: int = 0) -> Any:
        """Sum per bin (0 for an empty bin)."""
        if min_count:
            raise NotImplementedError("resample.sum: `min_count`")
        return self._agg_op("sum")

    def prod(self, numeric_only: bool = False) -> Any:
        """Product per bin (1 for an empty bin)."""
        return self._agg_op("prod")

    def mean(self, numeric_only: bool = False) -> Any:
        """Mean per bin (missing for an empty bin)."""
        return self._agg_op("mean")

    def median(self, numeric_only: bool = False) -> Any:
        """Median per bin."""
        return self._agg_op("median")

    def min(self, numeric_only: bool = False) -> Any:
        """Minimum per bin."""
        return self._agg_op("min")

    def max(self, numeric_only: bool = False) -> Any:
        """Maximum per bin."""
        return self._agg_op("max")

    def first(self, numeric_only: bool = False) -> Any:
        """First present value per bin."""
        return self._agg_op("first")

    def last(self, numeric_only: bool = False) -> Any:
        """Last present value per bin."""
        return self._agg_op("last")

    def count(self) -> Any:
        """Present values per bin (0 for an empty bin)."""
        return self._agg_op("count")

    def nunique(self) -> Any:
        """Distinct present values per bin."""
        return self._agg_op("nunique")

    def std(self, ddof: int = 1, numeric_only: bool = False) -> Any:
        """Standard deviation per bin."""
        return self._agg_op("std", ddof=ddof)

    def var(self, ddof: int = 1, numeric_only: bool = False) -> Any:
        """Variance per bin."""
        return self._agg_op("var", ddof=ddof)

    def size(self) -> Any:
        """Rows per bin, a Series (0 for an empty bin)."""
        from .series import Series

        res = self._grouped().size()
        if not isinstance(res, Series):  # pragma: no cover - groupby gives a Series
            raise TypeError("resample.size: expected a Series from groupby.size")
        out = self._reindex(res, lambda _label: 0)
        if self._obj.ndim == 2:
            out.name = None
        return out

    def ohlc(self) -> Any:
        """Open (first), high (max), low (min) and close (last) per bin: a DataFrame with
        columns ``open high low close`` (for a DataFrame: ``(column, open)``... pairs)."""
        ops = [("open", "first"), ("high", "max"), ("low", "min"), ("close", "last")]
        fast = self._fast_values()
        if fast is not None:
            runs = self._run_ops(fast, [op for _, op in ops])
            data: dict[Any, Column] = {
                (k, name) if fast.ndim == 2 else name: c
                for k, cols in runs.items()
                for (name, _), c in zip(ops, cols, strict=True)
            }
            from .dataframe import DataFrame

            out = DataFrame._from_columns(data, self._index())
            out.columns = list(data)  # (column, op) pairs -> MultiIndex columns, as pandas
            return out
        vals = self._values()
        if vals.ndim == 1:
            res = self.agg([op for _, op in ops])
            res.columns = [name for name, _ in ops]
            return res
        spec = {k: [op for _, op in ops] for k in vals._data}
        res = self.agg(spec)
        res.columns = [(k, name) for k in vals._data for name, _ in ops]
        return res

    def agg(self, func: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Aggregate per bin with a name, a list of names, a dict ``{column: func(s)}`` or
        named aggregations, as ``groupby(...).agg``; empty bins filled per function."""
        from .groupby._groupby import _op_name

        if func is not None and not isinstance(func, (dict, list, tuple)):
            func = _op_name(func)  # np.sum -> "sum"
        if isinstance(func, str) and hasattr(self, func) and func not in ("agg", "aggregate"):
            return getattr(self, func)(*args, **kwargs)
        res = self._grouped().agg(func, *args, **kwargs)

        def fill_for(label: Any) -> Any:
            if isinstance(func, str):
                return _ZERO_FILL.get(func)
            if isinstance(label, tuple) and label and isinstance(label[-1], str):
                return _ZERO_FILL.get(label[-1])
            if isinstance(func, dict) and isinstance(func.get(label), str):
                return _ZERO_FILL.get(func[label])
            if isinstance(func, (list, tuple)) and isinstance(label, str):
                return _ZERO_FILL.get(label)
            if func is None and label in kwargs:
                spec = kwargs[label]
                op = spec[1] if isinstance(spec, tuple) else spec
                return _ZERO_FILL.get(op) if isinstance(op, str) else None
            return None

        if not hasattr(res, "_data") or not hasattr(res, "index"):
            raise TypeError(f"resample.agg: {func!r} did not give a frame per bin")
        return self._reindex(res, fill_for)

    aggregate = agg


def _exact_in_float64(col: Column) -> bool:
    """Whether every sum of the integer column's values is exact in float64: the column's
    largest magnitude times its length stays below 2**53 (NumPy columns)."""
    n = len(col)
    if n == 0:
        return True
    data = col.data
    big = max(abs(int(data.min())), abs(int(data.max())))
    return big * n < 2**53
