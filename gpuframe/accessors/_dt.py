"""``Series.dt``: calendar fields, rounding and formatting of datetime64/timedelta64 values.

Fields are computed on the device from the int64 ticks (see :mod:`._datetime_ops`); names,
results and dtypes follow pandas 3: int fields are ``int32`` (``days`` of a timedelta is
``int64``), ``float64`` with NaN when a value is NaT; predicates are ``bool`` (False for NaT).

tz-aware values (``datetime64[ns, Europe/Paris]``) hold UTC instants; every field, name,
rounding and ``strftime`` reads their local wall time, as pandas (see :mod:`._timezone`).

Differences from pandas: ``tz_localize(ambiguous='infer')`` and a timedelta
``nonexistent`` raise ``NotImplementedError``; ``date``/``time`` (object arrays of Python objects) are not
provided (use ``normalize()`` or ``strftime``); arithmetic that overflows int64 wraps instead
of raising ``OverflowError``.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes as _dt
from . import _datetime_ops as ops
from ._accessor import column_of, wrap_column

__all__ = ["DatetimeMethods", "TimedeltaMethods", "dt_accessor"]


def _field(name: str, doc: str) -> property:
    def get(self: DatetimeMethods) -> Any:
        return self._wrap(ops.field(self._col, name))

    get.__doc__ = doc
    return property(get)


class DatetimeMethods:
    """Calendar fields and rounding for a datetime64 Series (``series.dt``) or Column.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array(["2024-02-29T13:45:10", "NaT"], dtype="datetime64[s]"))
    >>> DatetimeMethods(col).month.to_pandas().tolist()
    [2.0, nan]
    >>> DatetimeMethods(col).floor("h").to_pandas().astype(str).tolist()
    ['2024-02-29 13:00:00', nan]
    """

    def __init__(self, owner: Any) -> None:
        col = column_of(owner)
        if not _dt.is_datetime(col.dtype):
            raise AttributeError(
                f"Can only use .dt accessor with datetimelike values; received dtype {col.dtype}"
            )
        self._owner = owner
        self._col = col

    def _wrap(self, col: Any) -> Any:
        return wrap_column(self._owner, col)

    year = _field("year", "The year.")
    month = _field("month", "The month, 1 to 12.")
    day = _field("day", "The day of the month, 1 to 31.")
    hour = _field("hour", "The hour, 0 to 23.")
    minute = _field("minute", "The minute, 0 to 59.")
    second = _field("second", "The second, 0 to 59.")
    microsecond = _field("microsecond", "The microseconds within the second.")
    nanosecond = _field("nanosecond", "The nanoseconds within the microsecond.")
    dayofweek = _field("dayofweek", "The day of the week, Monday=0 to Sunday=6.")
    day_of_week = dayofweek
    weekday = dayofweek
    dayofyear = _field("dayofyear", "The day of the year, 1 to 366.")
    day_of_year = dayofyear
    quarter = _field("quarter", "The quarter, 1 to 4.")
    days_in_month = _field("days_in_month", "The number of days in the month.")
    daysinmonth = days_in_month
    is_month_start = _field("is_month_start", "True on the first day of a month.")
    is_month_end = _field("is_month_end", "True on the last day of a month.")
    is_quarter_start = _field("is_quarter_start", "True on the first day of a quarter.")
    is_quarter_end = _field("is_quarter_end", "True on the last day of a quarter.")
    is_year_start = _field("is_year_start", "True on January 1.")
    is_year_end = _field("is_year_end", "True on December 31.")
    is_leap_year = _field("is_leap_year", "True in a leap year.")

    @property
    def unit(self) -> str:
        """The time unit of the values ('s', 'ms', 'us' or 'ns')."""
        return ops.unit_of(self._col.dtype)

    @property
    def tz(self) -> Any:
        """The time zone (a tzinfo, as pandas) of tz-aware values; None for naive ones.

        Examples
        --------
        >>> import pandas as pd
        >>> from gpuframe.column import as_column
        >>> s = pd.Series(pd.to_datetime(["2021-01-01"]).tz_localize("Europe/Paris"))
        >>> DatetimeMethods(as_column(s)).tz
        zoneinfo.ZoneInfo(key='Europe/Paris')
        """
        d = self._col.dtype
        return d.tz if _dt.is_tz_aware(d) else None

    def as_unit(self, unit: str) -> Any:
        """The values in another time unit (truncating toward the past is not done: as cast)."""
        if unit not in ("s", "ms", "us", "ns"):
            raise ValueError(f"dt.as_unit: `unit` must be s, ms, us or ns; received {unit!r}")
        d = self._col.dtype
        if _dt.is_tz_aware(d):
            return self._wrap(self._col.astype(_dt.DatetimeTZDtype(unit, d.tz)))
        return self._wrap(self._col.astype(f"datetime64[{unit}]"))

    def tz_localize(self, tz: Any, ambiguous: Any = "raise", nonexistent: Any = "raise") -> Any:
        """Naive wall times made tz-aware in ``tz``; ``tz=None`` makes tz-aware values naive
        (their local wall times), as pandas.

        ``ambiguous`` (a wall time that happens twice, when clocks go back): ``'raise'``
        (``ValueError``), ``'NaT'`` or a bool array (True: the first, daylight-saving
        instant). ``nonexistent`` (a wall time skipped when clocks go forward):
        ``'raise'``, ``'NaT'``, ``'shift_forward'`` (first instant after the gap) or
        ``'shift_backward'`` (last one before it). ``'infer'`` and a timedelta
        ``nonexistent`` raise ``NotImplementedError``.

        Examples
        --------
        >>> import numpy as np
        >>> from gpuframe.column import as_column
        >>> col = as_column(np.array(["2021-03-28T02:30", "NaT"], dtype="datetime64[s]"))
        >>> out = DatetimeMethods(col).tz_localize("Europe/Paris", nonexistent="NaT")
        >>> str(out.dtype), out.to_pandas().tolist()
        ('datetime64[s, Europe/Paris]', [NaT, NaT])
        """
        if tz is not None and _dt.is_tz_aware(self._col.dtype):
            raise TypeError("Already tz-aware, use tz_convert to convert.")
        return self._wrap(
            ops.tz_localize(self._col, tz, ambiguous=ambiguous, nonexistent=nonexistent)
        )

    def tz_convert(self, tz: Any) -> Any:
        """The same instants in zone ``tz`` (only the dtype changes); ``tz=None`` gives naive
        UTC times.

        Examples
        --------
        >>> import pandas as pd
        >>> from gpuframe.column import as_column
        >>> s = pd.Series(pd.to_datetime(["2021-07-01 10:00"]).tz_localize("UTC"))
        >>> DatetimeMethods(as_column(s)).tz_convert("America/New_York").to_pandas().tolist()
        [Timestamp('2021-07-01 06:00:00-0400', tz='America/New_York')]
        """
        return self._wrap(ops.tz_convert(self._col, tz))

    def day_name(self) -> Any:
        """English day names ('Monday', ...) as a ``str`` column."""
        return self._wrap(ops.names(self._col, "day_name"))

    def month_name(self) -> Any:
        """English month names ('January', ...) as a ``str`` column."""
        return self._wrap(ops.names(self._col, "month_name"))

    def floor(self, freq: Any, ambiguous: Any = "raise", nonexistent: Any = "raise") -> Any:
        """Round down to a multiple of the fixed frequency ``freq`` ('D', 'h', '15min').

        tz-aware values round in local wall time, localized back with ``ambiguous`` and
        ``nonexistent`` as :meth:`tz_localize`.

        Examples
        --------
        >>> import pandas as pd
        >>> from gpuframe.column import as_column
        >>> s = pd.Series(pd.to_datetime(["2021-03-28 00:30"]).tz_localize("UTC"))
        >>> col = as_column(s.dt.tz_convert("Asia/Kolkata"))
        >>> DatetimeMethods(col).floor("h").to_pandas().tolist()
        [Timestamp('2021-03-28 06:00:00+0530', tz='Asia/Kolkata')]
        """
        return self._round(freq, "floor", ambiguous, nonexistent)

    def ceil(self, freq: Any, ambiguous: Any = "raise", nonexistent: Any = "raise") -> Any:
        """Round up to a multiple of the fixed frequency ``freq`` (see :meth:`floor`)."""
        return self._round(freq, "ceil", ambiguous, nonexistent)

    def round(self, freq: Any, ambiguous: Any = "raise", nonexistent: Any = "raise") -> Any:
        """Round to the nearest multiple of ``freq`` (halves to even, as pandas; see
        :meth:`floor` for tz-aware values)."""
        return self._round(freq, "round", ambiguous, nonexistent)

    def _round(self, freq: Any, method: str, ambiguous: Any, nonexistent: Any) -> Any:
        return self._wrap(
            ops.round_to(self._col, freq, method, ambiguous=ambiguous, nonexistent=nonexistent)
        )

    def normalize(self) -> Any:
        """Times set to midnight."""
        return self._wrap(ops.normalize(self._col))

    def strftime(self, date_format: str) -> Any:
        """The values formatted with Python ``strftime`` codes, as a ``str`` column."""
        return self._wrap(ops.strftime(self._col, date_format))


class TimedeltaMethods:
    """Components of a timedelta64 Series (``series.dt``) or Column.

    Examples
    --------
    >>> import numpy as np
    >>> from gpuframe.column import as_column
    >>> col = as_column(np.array([90061, -1], dtype="timedelta64[s]"))
    >>> TimedeltaMethods(col).days.to_pandas().tolist()
    [1, -1]
    >>> TimedeltaMethods(col).total_seconds().to_pandas().tolist()
    [90061.0, -1.0]
    """

    def __init__(self, owner: Any) -> None:
        col = column_of(owner)
        if not _dt.is_timedelta(col.dtype):
            raise AttributeError(
                f"Can only use .dt accessor with timedelta values; received dtype {col.dtype}"
            )
        self._owner = owner
        self._col = col

    def _get(self, name: str) -> Any:
        return wrap_column(self._owner, ops.timedelta_field(self._col, name))

    @property
    def days(self) -> Any:
        """Whole days (floor), int64."""
        return self._get("days")

    @property
    def seconds(self) -> Any:
        """Seconds within the day, 0 to 86399."""
        return self._get("seconds")

    @property
    def microseconds(self) -> Any:
        return self._get("microseconds")

    @property
    def nanoseconds(self) -> Any:
        return self._get("nanoseconds")

    @property
    def unit(self) -> str:
        return ops.unit_of(self._col.dtype)

    def total_seconds(self) -> Any:
        """The durations in seconds, float64 (NaN for NaT)."""
        return self._get("total_seconds")

    def floor(self, freq: Any) -> Any:
        return wrap_column(self._owner, ops.round_to(self._col, freq, "floor"))

    def ceil(self, freq: Any) -> Any:
        return wrap_column(self._owner, ops.round_to(self._col, freq, "ceil"))

    def round(self, freq: Any) -> Any:
        return wrap_column(self._owner, ops.round_to(self._col, freq, "round"))


def dt_accessor(owner: Any) -> DatetimeMethods | TimedeltaMethods:
    """``series.dt``: :class:`DatetimeMethods` or :class:`TimedeltaMethods` by dtype."""
    col = column_of(owner)
    if _dt.is_timedelta(col.dtype):
        return TimedeltaMethods(owner)
    return DatetimeMethods(owner)
