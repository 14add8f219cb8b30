"""``.dt`` accessor against pandas 3 on the same data (every unit, NaT, negative epochs)."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

from gpuframe.accessors import DatetimeMethods, TimedeltaMethods, datetime_binary_op, dt_accessor
from gpuframe.column import as_column
from gpuframe.testing import assert_series_equal

UNITS = ["s", "ms", "us", "ns"]
# ticks per unit spanning roughly 1700..2240 (ns) or far wider (coarser units)
SPAN = {"s": 10**10, "ms": 10**13, "us": 10**16, "ns": 4 * 10**18}


def _datetimes(unit, rng, n=300, nat=True):
    ticks = rng.integers(-SPAN[unit], SPAN[unit], n)
    # calendar edges: epoch, leap days, month/quarter/year ends
    edges = pd.to_datetime(
        [
            "1970-01-01",
            "2000-02-29",
            "1900-03-01",
            "2023-12-31 23:59:59",
            "2024-03-31",
            "1969-12-31",
        ],
        format="ISO8601",
    ).as_unit(unit)
    values = np.concatenate([edges.to_numpy(), ticks.view(f"M8[{unit}]")])
    if nat:
        values[::9] = np.datetime64("NaT")
    return values


def _halve(values):
    """The values with their ticks halved (keeps ns data away from the int64 edge), NaT kept."""
    out = (values.view(np.int64) // 2).view(values.dtype)
    out[np.isnat(values)] = np.datetime64("NaT")
    return out


FIELDS = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "microsecond",
    "nanosecond",
    "day_of_week",
    "day_of_year",
    "quarter",
    "days_in_month",
    "is_month_start",
    "is_month_end",
    "is_quarter_start",
    "is_quarter_end",
    "is_year_start",
    "is_year_end",
    "is_leap_year",
]


@pytest.mark.parametrize("nat", [True, False], ids=["nat", "no_nat"])
@pytest.mark.parametrize("unit", UNITS)
def test_fields_match_pandas(unit, nat, rng):
    values = _datetimes(unit, rng, nat=nat)
    acc, ps = DatetimeMethods(as_column(values)), pd.Series(values)
    for name in FIELDS:
        assert_series_equal(getattr(acc, name).to_pandas(), getattr(ps.dt, name), obj=name)
    assert_series_equal(acc.weekday.to_pandas(), ps.dt.day_of_week)
    assert_series_equal(acc.day_name().to_pandas(), ps.dt.day_name())
    assert_series_equal(acc.month_name().to_pandas(), ps.dt.month_name())
    assert acc.unit == ps.dt.unit


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("method", ["floor", "ceil", "round"])
@pytest.mark.parametrize("freq", ["D", "h", "15min", "s", "7D", "ms"])
def test_rounding_matches_pandas(unit, method, freq, rng):
    values = _datetimes(unit, rng, n=200)
    if unit == "ns":  # keep ceil away from the int64 edge, as pandas would overflow there
        values = _halve(values)
    acc, ps = DatetimeMethods(as_column(values)), pd.Series(values)
    assert_series_equal(getattr(acc, method)(freq).to_pandas(), getattr(ps.dt, method)(freq))


def test_round_halves_to_even():
    values = np.array(["2020-01-01T00:30", "2020-01-01T01:30", "2020-01-01T02:30"], dtype="M8[s]")
    acc, ps = DatetimeMethods(as_column(values)), pd.Series(values)
    assert_series_equal(acc.round("h").to_pandas(), ps.dt.round("h"))


@pytest.mark.parametrize("unit", UNITS)
def test_normalize_and_strftime(unit, rng):
    values = _datetimes(unit, rng, n=100)
    acc, ps = DatetimeMethods(as_column(values)), pd.Series(values)
    assert_series_equal(acc.normalize().to_pandas(), ps.dt.normalize())
    for fmt in ("%Y-%m-%d", "%d/%m/%Y %H:%M:%S", "%A %B %j"):
        assert_series_equal(acc.strftime(fmt).to_pandas(), ps.dt.strftime(fmt))


def test_bad_freq_raises_value_error():
    acc = DatetimeMethods(as_column(np.array(["2020-01-01"], dtype="M8[s]")))
    with pytest.raises(ValueError, match="freq"):
        acc.floor("MS")
    with pytest.raises(ValueError, match="freq"):
        acc.floor("not-a-freq")


@pytest.mark.parametrize("unit", UNITS)
def test_timedelta_components(unit, rng):
    values = _datetimes(unit, rng, n=200)
    if unit == "ns":
        values = _halve(values)
    deltas = values - values[1]
    acc, ps = TimedeltaMethods(as_column(deltas)), pd.Series(deltas)
    for name in ("days", "seconds", "microseconds", "nanoseconds"):
        assert_series_equal(getattr(acc, name).to_pandas(), getattr(ps.dt, name), obj=name)
    assert_series_equal(acc.total_seconds().to_pandas(), ps.dt.total_seconds())
    nonull = deltas[~np.isnat(deltas)]
    acc2, ps2 = TimedeltaMethods(as_column(nonull)), pd.Series(nonull)
    assert_series_equal(acc2.days.to_pandas(), ps2.dt.days)
    assert_series_equal(acc2.seconds.to_pandas(), ps2.dt.seconds)
    assert_series_equal(acc.floor("h").to_pandas(), ps.dt.floor("h"))


SCALARS = [
    pd.Timedelta("1s"),
    pd.Timedelta(days=-3, hours=5),
    np.timedelta64(3, "ms"),
    np.timedelta64(7, "D"),
    datetime.timedelta(days=1, seconds=3),
    pd.NaT,
]


@pytest.mark.parametrize("unit", ["s", "ms", "us"])
@pytest.mark.parametrize("scalar", SCALARS, ids=repr)
def test_arithmetic_with_timedelta_scalars(unit, scalar, rng):
    values = _datetimes(unit, rng, n=100)
    col, ps = as_column(values), pd.Series(values)
    assert_series_equal(datetime_binary_op("add", col, scalar).to_pandas(), ps + scalar)
    assert_series_equal(datetime_binary_op("sub", col, scalar).to_pandas(), ps - scalar)
    if scalar is not pd.NaT:
        reflected = datetime_binary_op("add", col, scalar, reflected=True)
        assert_series_equal(reflected.to_pandas(), scalar + ps)


@pytest.mark.parametrize(("lunit", "runit"), [("s", "s"), ("s", "ms"), ("us", "ns"), ("ns", "s")])
def test_arithmetic_between_columns(lunit, runit, rng):
    def draw():  # seconds within 1843..2096, inside every unit's range
        values = rng.integers(-4 * 10**9, 4 * 10**9, 100).view("M8[s]")
        values[::7] = np.datetime64("NaT")
        return values

    a = draw().astype(f"M8[{lunit}]")
    b = draw().astype(f"M8[{runit}]")
    ca, cb = as_column(a), as_column(b)
    pa_, pb = pd.Series(a), pd.Series(b)
    delta = datetime_binary_op("sub", ca, cb)
    assert_series_equal(delta.to_pandas(), pa_ - pb)
    assert_series_equal(datetime_binary_op("add", cb, delta).to_pandas(), pb + (pa_ - pb))
    assert_series_equal(
        datetime_binary_op("sub", delta, delta).to_pandas(), (pa_ - pb) - (pa_ - pb)
    )
    ts = pd.Timestamp("2001-02-03 04:05:06")
    assert_series_equal(datetime_binary_op("sub", ca, ts).to_pandas(), pa_ - ts)
    assert_series_equal(datetime_binary_op("sub", ca, ts, reflected=True).to_pandas(), ts - pa_)


def test_arithmetic_bad_operands():
    col = as_column(np.array(["2020-01-01"], dtype="M8[s]"))
    with pytest.raises(TypeError, match="datetime64"):
        datetime_binary_op("add", col, col)
    with pytest.raises(TypeError, match="cannot"):
        datetime_binary_op("add", col, 3)
    with pytest.raises(ValueError, match="lengths"):
        datetime_binary_op("sub", col, as_column(np.array(["2020", "2021"], dtype="M8[s]")))


def test_accessor_dispatch_and_errors():
    assert isinstance(dt_accessor(as_column(np.array([1], dtype="m8[s]"))), TimedeltaMethods)
    assert isinstance(dt_accessor(as_column(np.array([1], dtype="M8[s]"))), DatetimeMethods)
    with pytest.raises(AttributeError, match=r"\.dt accessor"):
        dt_accessor(as_column([1, 2]))
    with pytest.raises(TypeError, match="tz-naive"):  # tz_localize works: see test_tz.py
        DatetimeMethods(as_column(np.array([1], dtype="M8[s]"))).tz_convert("UTC")


def test_empty_column():
    values = np.array([], dtype="M8[ns]")
    acc, ps = DatetimeMethods(as_column(values)), pd.Series(values)
    assert_series_equal(acc.year.to_pandas(), ps.dt.year)
    assert_series_equal(acc.strftime("%Y").to_pandas(), ps.dt.strftime("%Y"))


# ---------------------------------------------------------------------- public API (Series)
def test_series_dt_keeps_index_and_name(rng):
    import gpuframe as gf

    values = _datetimes("us", rng, n=50)
    ps = pd.Series(values, index=pd.RangeIndex(5, 5 + 2 * len(values), 2), name="when")
    s = gf.Series(ps)
    assert_series_equal(s.dt.year, ps.dt.year)
    assert_series_equal(s.dt.is_month_end, ps.dt.is_month_end)
    assert_series_equal(s.dt.floor("D"), ps.dt.floor("D"))
    assert_series_equal(s.dt.strftime("%Y-%m"), ps.dt.strftime("%Y-%m"))
    deltas = s - s.iloc[1] if hasattr(s, "iloc") else None
    if deltas is not None:
        pdeltas = ps - ps.iloc[1]
        assert_series_equal(deltas.dt.days, pdeltas.dt.days)
        assert_series_equal(deltas.dt.total_seconds(), pdeltas.dt.total_seconds())


# ---------------------------------------------------------------------- GPU
@pytest.mark.gpu
@pytest.mark.parametrize("unit", UNITS)
def test_dt_on_gpu_matches_pandas(unit, rng):
    values = _datetimes(unit, rng, n=200)
    if unit == "ns":
        values = _halve(values)
    col = as_column(values, device="gpu")
    acc, ps = DatetimeMethods(col), pd.Series(values)
    for name in FIELDS:
        result = getattr(acc, name)
        assert result.device.kind == "gpu"
        assert_series_equal(result.to_pandas(), getattr(ps.dt, name), obj=name)
    for method in ("floor", "ceil", "round"):
        assert_series_equal(getattr(acc, method)("h").to_pandas(), getattr(ps.dt, method)("h"))
    assert_series_equal(acc.day_name().to_pandas(), ps.dt.day_name())
    assert_series_equal(acc.strftime("%Y-%m-%d").to_pandas(), ps.dt.strftime("%Y-%m-%d"))
    delta = datetime_binary_op("sub", col, pd.Timestamp("2000-01-01"))
    assert_series_equal(delta.to_pandas(), ps - pd.Timestamp("2000-01-01"))
    assert_series_equal(
        TimedeltaMethods(delta).days.to_pandas(), (ps - pd.Timestamp("2000-01-01")).dt.days
    )


def test_civil_calendar_in_every_namespace(backend, rng):
    from gpuframe.accessors._calendar_kernels import civil_from_days_numpy
    from gpuframe.accessors._datetime_ops import civil_from_days, days_from_civil

    days = rng.integers(-(10**6), 10**6, 2000)
    expected = pd.DatetimeIndex(days.astype("M8[D]"))
    y, m, d = civil_from_days(backend.asarray(days), xp=backend)
    for got, want in zip((y, m, d), (expected.year, expected.month, expected.day)):
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
    np.testing.assert_array_equal(np.asarray(days_from_civil(y, m, d, xp=backend)), days)
    for got, want in zip(
        civil_from_days_numpy(days), (expected.year, expected.month, expected.day)
    ):
        np.testing.assert_array_equal(got, np.asarray(want))
