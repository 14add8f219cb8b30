"""``rolling``, ``expanding`` and ``ewm`` windows of a Series or DataFrame.

Each window object validates its arguments at construction (as pandas does), then reduces
every column with one column-level function: :func:`~gpuframe.column._windows.window_reduce`
over the window bounds (rows ``start[i]:end[i]``), or
:func:`~gpuframe.column._windows.ewm_reduce`. Results are float64 and keep the index.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any

import numpy as np
import pandas as pd

from .backend import array_device, asarray, is_numpy
from .column import Column
from .column._window_kernels import rolling_moments
from .column._windows import (
    CLOSED,
    INTERPOLATIONS,
    _float_values,
    ewm_reduce,
    expanding_bounds,
    fixed_bounds,
    time_bounds,
    window_quantile,
    window_reduce,
)

__all__ = ["ExponentialMovingWindow", "Expanding", "Rolling", "window_nanoseconds"]


def window_nanoseconds(window: Any) -> int | None:
    """The length of a time-offset window in nanoseconds (``None`` for an int window).

    Accepts a fixed frequency string (``"2s"``, ``"15min"``, ``"1D"``), a ``pd.Timedelta``
    or ``datetime.timedelta``, or a fixed pandas offset; calendar offsets (``"1ME"``,
    ``"W"``) have no fixed length and raise ``ValueError``, as pandas. Deliberate
    difference: a window of 0 rows or of 0 time raises ``ValueError`` (pandas gives empty
    windows).

    Examples
    --------
    >>> window_nanoseconds("2s"), window_nanoseconds(3)
    (2000000000, None)
    """
    if isinstance(window, (bool, np.bool_)):
        raise ValueError(f"rolling: `window` must be a positive int; received {window!r}")
    if isinstance(window, (int, np.integer)):
        if window <= 0:  # pandas allows 0 (every window empty); gpuframe refuses it
            raise ValueError(f"rolling: `window` must be a positive int; received {window!r}")
        return None
    if isinstance(window, (pd.Timedelta, _datetime.timedelta, np.timedelta64)):
        span = int(pd.Timedelta(window).value)
        if span <= 0:
            raise ValueError(f"rolling: `window` must be a positive time span; received {window!r}")
        return span
    if isinstance(window, (str, pd.DateOffset)):
        from pandas.tseries.frequencies import to_offset

        try:
            off = to_offset(window)
        except ValueError as exc:
            raise ValueError(f"rolling: invalid `window` {window!r}: {exc}") from None
        ns: int | None = None
        if isinstance(off, pd.offsets.Tick):
            ns = int(off.nanos)
        elif isinstance(off, pd.offsets.Day):  # a calendar day is 24 hours without time zones
            ns = int(off.n) * 86_400_000_000_000
        if ns is not None:
            if ns <= 0:
                raise ValueError(
                    f"rolling: `window` must be a positive time span; received {window!r}"
                )
            return ns
        raise ValueError(f"passed window {window} is not compatible with a datetimelike index")
    raise ValueError(
        f"window must be an integer 0 or greater or a time offset; received {window!r}"
    )


def _check_min_periods(min_periods: Any, name: str = "min_periods") -> int | None:
    if min_periods is None:
        return None
    if isinstance(min_periods, (bool, np.bool_)) or not isinstance(min_periods, (int, np.integer)):
        raise ValueError(f"{name} must be an integer; received {min_periods!r}")
    if min_periods < 0:
        raise ValueError(f"{name} must be >= 0; received {min_periods!r}")
    return int(min_periods)


class _Window:
    """Shared reductions of :class:`Rolling` and :class:`Expanding`."""

    _obj: Any
    _min_periods: int
    _on: Any = None

    def _bounds(self, n: int, xp: Any) -> tuple[Any, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _trailing_rows(self) -> int | None:
        """The row count of a plain trailing window (``rolling(int)``, right-closed, not
        centred), else None."""
        return None

    def _apply(self, op: str, ddof: int = 1, q: float = 0.5, interpolation: str = "linear") -> Any:
        obj = self._obj
        data = obj._data
        if not data:
            return obj._map_columns(lambda c: c)
        first = next(iter(data.values()))
        bounds: list[Any] = []

        def window_bounds() -> tuple[Any, Any]:
            if not bounds:
                start, end = self._bounds(len(obj), first.xp)
                if array_device(start) != first.device:  # a time index on another device
                    start = asarray(start, device=first.device)
                    end = asarray(end, device=first.device)
                bounds.extend((start, end))
            return bounds[0], bounds[1]

        trailing = self._trailing_rows()

        def one(label: Any, col: Column) -> Column:
            if self._on is not None and label == self._on:
                return col
            if trailing is not None and op in ("sum", "mean", "var", "std") and is_numpy(col.xp):
                # fixed trailing windows on NumPy: one pass, no bounds arrays
                x, _null = _float_values(col, op)
                out = rolling_moments(x, trailing, op, self._min_periods, ddof)
                return Column._from_parts(out)
            start, end = window_bounds()
            try:
                if op in ("median", "quantile"):
                    how = "median" if op == "median" else interpolation
                    return window_quantile(
                        col, start, end, q, interpolation=how, min_periods=self._min_periods
                    )
                return window_reduce(col, start, end, op, min_periods=self._min_periods, ddof=ddof)
            except TypeError as exc:
                raise TypeError(
                    f"{type(self).__name__.lower()}.{op}: column {label!r}: {exc}"
                ) from None

        return obj._from_data({k: one(k, c) for k, c in data.items()}, obj._index)

    def sum(self) -> Any:
        """Sum of each window (0 for an empty window when ``min_periods=0``)."""
        return self._apply("sum")

    def mean(self) -> Any:
        """Mean of each window."""
        return self._apply("mean")

    def min(self) -> Any:
        """Minimum of each window."""
        return self._apply("min")

    def max(self) -> Any:
        """Maximum of each window."""
        return self._apply("max")

    def std(self, ddof: int = 1) -> Any:
        """Standard deviation of each window (``ddof`` degrees of freedom)."""
        return self._apply("std", _check_ddof(ddof))

    def var(self, ddof: int = 1) -> Any:
        """Variance of each window (``ddof`` degrees of freedom)."""
        return self._apply("var", _check_ddof(ddof))

    def count(self) -> Any:
        """Number of present values in each window; NaN where the window has fewer than
        ``min_periods`` rows (pandas counts rows there, not values)."""
        return self._apply("count")

    def median(self) -> Any:
        """Median of each window (on CuPy computed on the host, see ``window_quantile``)."""
        return self._apply("median")

    def quantile(self, q: float, interpolation: str = "linear") -> Any:
        """Quantile ``q`` (0 <= q <= 1) of each window; ``interpolation`` one of
        ``linear lower higher nearest midpoint``.

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1.0, 5.0, 2.0, 8.0]).rolling(3).quantile(0.5).tolist()
        [nan, nan, 2.0, 5.0]
        """
        if isinstance(q, (bool, np.bool_)) or not isinstance(q, (int, float, np.number)):
            raise TypeError(f"quantile: `q` must be a number; received {q!r}")
        if not 0 <= q <= 1:
            raise ValueError(f"quantile: `q` must be in [0, 1]; received {q!r}")
        if interpolation not in INTERPOLATIONS:
            raise ValueError(
                f"quantile: `interpolation` must be one of {list(INTERPOLATIONS)}; "
                f"received {interpolation!r}"
            )
        return self._apply("quantile", q=float(q), interpolation=interpolation)


def _check_ddof(ddof: Any) -> int:
    if isinstance(ddof, (bool, np.bool_)) or not isinstance(ddof, (int, np.integer)):
        raise TypeError(f"`ddof` must be an integer; received {ddof!r}")
    return int(ddof)


class Rolling(_Window):
    """``obj.rolling(window, ...)``: windows of ``window`` rows or of a time span.

    ``window`` is a number of rows, or a fixed time offset (``"2s"``, ``"1D"``,
    ``pd.Timedelta``) over the datetime values of the ``on`` column or of the index, which
    must be monotonic and free of NaT. ``closed`` picks which ends a window includes
    (default ``'right'``); ``center=True`` centres the windows on each row. Results are
    float64 with the index kept; an ``on`` column is passed through unchanged; any other
    non-numeric column raises ``TypeError`` naming it (pandas raises its ``DataError``).

    Examples
    --------
    >>> import gpuframe as gf
    >>> s = gf.Series([1.0, 2.0, 4.0, 8.0])
    >>> s.rolling(2).sum().tolist()
    [nan, 3.0, 6.0, 12.0]
    >>> s.rolling(3, center=True, min_periods=1).max().tolist()
    [2.0, 4.0, 8.0, 8.0]
    >>> import pandas as pd
    >>> df = gf.DataFrame({"ts": pd.to_datetime(["2020-01-01 00:00:00",
    ...     "2020-01-01 00:00:01", "2020-01-01 00:00:05"]), "v": [1.0, 2.0, 3.0]})
    >>> df.rolling("2s", on="ts").sum()["v"].tolist()
    [1.0, 3.0, 3.0]
    """

    def __init__(
        self,
        obj: Any,
        window: Any,
        min_periods: int | None = None,
        center: bool = False,
        win_type: Any = None,
        on: Any = None,
        axis: Any = 0,
        closed: str | None = None,
        step: Any = None,
        method: str = "single",
    ) -> None:
        if win_type is not None:
            raise NotImplementedError("rolling: `win_type` is not supported")
        if step is not None:
            raise NotImplementedError("rolling: `step` is not supported")
        if method != "single":
            raise NotImplementedError(f"rolling: method={method!r} is not supported")
        if axis not in (0, "index"):
            raise NotImplementedError(f"rolling: axis={axis!r} is not supported")
        if not isinstance(center, (bool, np.bool_)):
            raise ValueError(f"center must be a boolean; received {center!r}")
        if closed is not None and closed not in CLOSED:
            raise ValueError(f"closed must be one of {list(CLOSED)}; received {closed!r}")
        self._obj, self._center, self._closed = obj, bool(center), closed
        self._window_ns = window_nanoseconds(window)
        mp = _check_min_periods(min_periods)
        if self._window_ns is None:
            self._window = int(window)
            if mp is not None and mp > self._window:
                raise ValueError(f"min_periods {mp} must be <= window {self._window}")
            self._min_periods = self._window if mp is None else mp
        else:
            self._window = 0
            self._min_periods = 1 if mp is None else mp
        self._on = None
        self._times: Column | None = None
        self._what = "index"
        if on is not None:
            if obj.ndim == 1:
                raise ValueError(f"on is not supported for a Series; received on={on!r}")
            if on not in obj._data:
                raise ValueError(f"invalid on specified as {on!r}: not a column of the frame")
            self._on, self._what = on, str(on)
            self._times = obj._data[on]
        if self._window_ns is not None:
            if self._times is None:
                cols = obj._index._columns()
                times = cols[0] if len(cols) == 1 else None
                if times is None or getattr(times.dtype, "kind", "") not in "mM":
                    raise ValueError(
                        "window must be an integer 0 or greater; a time-offset window "
                        f"({window!r}) needs a datetime index or `on` column"
                    )
                self._times = times
            # validated here (monotonic, no NaT), as pandas does, and kept for the reductions
            self._time_bounds = time_bounds(
                self._times, self._window_ns, closed=closed, center=self._center, what=self._what
            )

    def _trailing_rows(self) -> int | None:
        plain = self._window_ns is None and not self._center and self._closed in (None, "right")
        return int(self._window) if plain and self._window > 0 else None

    def _bounds(self, n: int, xp: Any) -> tuple[Any, Any]:
        if self._window_ns is not None:
            return self._time_bounds
        return fixed_bounds(n, self._window, center=self._center, closed=self._closed, xp=xp)


class Expanding(_Window):
    """``obj.expanding(min_periods=1)``: row ``i`` reduces every row up to ``i``.

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.Series([1.0, None, 3.0]).expanding().sum().tolist()
    [1.0, 1.0, 4.0]
    """

    def __init__(self, obj: Any, min_periods: int = 1, axis: Any = 0, method: str = "single"):
        if method != "single":
            raise NotImplementedError(f"expanding: method={method!r} is not supported")
        if axis not in (0, "index"):
            raise NotImplementedError(f"expanding: axis={axis!r} is not supported")
        mp = _check_min_periods(min_periods)
        self._obj, self._min_periods = obj, 1 if mp is None else mp

    def _bounds(self, n: int, xp: Any) -> tuple[Any, Any]:
        return expanding_bounds(n, xp)


def center_of_mass(com: Any, span: Any, halflife: Any, alpha: Any) -> float:
    """pandas' decay parameter: exactly one of ``com``, ``span``, ``halflife``, ``alpha``,
    converted to the centre of mass ``com`` (``alpha = 1 / (1 + com)``).

    >>> center_of_mass(None, 3, None, None)
    1.0
    """
    given = [v for v in (com, span, halflife, alpha) if v is not None]
    if len(given) > 1:
        raise ValueError("comass, span, halflife, and alpha are mutually exclusive")
    for name, v in (("com", com), ("span", span), ("halflife", halflife), ("alpha", alpha)):
        if v is not None and (
            isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.number))
        ):
            if name == "halflife" and isinstance(v, (str, pd.Timedelta, _datetime.timedelta)):
                raise NotImplementedError("ewm: a time `halflife` (with `times`) is not supported")
            raise ValueError(f"ewm: `{name}` must be a number; received {v!r}")
    if com is not None:
        if com < 0:
            raise ValueError(f"comass must satisfy: comass >= 0; received com={com!r}")
        return float(com)
    if span is not None:
        if span < 1:
            raise ValueError(f"span must satisfy: span >= 1; received span={span!r}")
        return float((span - 1) / 2)
    if halflife is not None:
        if halflife <= 0:
            raise ValueError(f"halflife must satisfy: halflife > 0; received halflife={halflife!r}")
        decay = 1 - np.exp(np.log(0.5) / halflife)
        return float(1 / decay - 1)
    if alpha is not None:
        if alpha <= 0 or alpha > 1:
            raise ValueError(f"alpha must satisfy: 0 < alpha <= 1; received alpha={alpha!r}")
        return float((1 - alpha) / alpha)
    raise ValueError("Must pass one of comass, span, halflife, or alpha")


class ExponentialMovingWindow:
    """``obj.ewm(com=|span=|halflife=|alpha=, ...)``: exponentially weighted windows.

    The same formulas as pandas: ``adjust=True`` divides by the sum of the weights
    ``(1 - alpha) ** k``; ``adjust=False`` is the recursion ``y = (1 - alpha) * y + alpha * x``;
    ``ignore_na=False`` lets missing rows age the weights of earlier values. On CuPy the
    scan runs on the host (see :func:`~gpuframe.column._windows.ewm_reduce`).

    Examples
    --------
    >>> import gpuframe as gf
    >>> gf.Series([1.0, 2.0, 3.0]).ewm(alpha=0.5).mean().round(4).tolist()
    [1.0, 1.6667, 2.4286]
    """

    def __init__(
        self,
        obj: Any,
        com: float | None = None,
        span: float | None = None,
        halflife: float | None = None,
        alpha: float | None = None,
        min_periods: int | None = 0,
        adjust: bool = True,
        ignore_na: bool = False,
        axis: Any = 0,
        times: Any = None,
        method: str = "single",
    ) -> None:
        if times is not None:
            raise NotImplementedError("ewm: `times` is not supported")
        if method != "single":
            raise NotImplementedError(f"ewm: method={method!r} is not supported")
        if axis not in (0, "index"):
            raise NotImplementedError(f"ewm: axis={axis!r} is not supported")
        for name, v in (("adjust", adjust), ("ignore_na", ignore_na)):
            if not isinstance(v, (bool, np.bool_)):
                raise ValueError(f"ewm: `{name}` must be a boolean; received {v!r}")
        self._com = center_of_mass(com, span, halflife, alpha)
        mp = _check_min_periods(min_periods)
        self._obj, self._adjust, self._ignore_na = obj, bool(adjust), bool(ignore_na)
        self._min_periods = max(mp or 0, 1)

    def _apply(self, op: str, bias: bool = False) -> Any:
        return self._obj._map_columns(
            lambda c: ewm_reduce(
                c,
                op,
                com=self._com,
                adjust=self._adjust,
                ignore_na=self._ignore_na,
                min_periods=self._min_periods,
                bias=bias,
            )
        )

    def mean(self) -> Any:
        """Exponentially weighted mean."""
        return self._apply("mean")

    def sum(self) -> Any:
        """Exponentially weighted sum (``adjust=True`` only, as pandas)."""
        if not self._adjust:
            raise NotImplementedError("sum is not implemented with adjust=False")
        return self._apply("sum")

    def var(self, bias: bool = False) -> Any:
        """Exponentially weighted variance (unbiased unless ``bias=True``)."""
        return self._apply("var", bool(bias))

    def std(self, bias: bool = False) -> Any:
        """Exponentially weighted standard deviation (unbiased unless ``bias=True``)."""
        return self._apply("std", bool(bias))
