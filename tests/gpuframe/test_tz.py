"""tz-aware datetimes against pandas 3: values around DST changes, NaT, every unit."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import gpuframe as gf
from gpuframe import dtypes as gdt
from gpuframe.accessors import _timezone
from gpuframe.accessors._datetime_ops import local_column
from gpuframe.backend import to_host
from gpuframe.column import as_column
from gpuframe.testing import assert_frame_equal, assert_series_equal

UNITS = ["s", "ms", "us", "ns"]
ZONES = ["Europe/Paris", "America/New_York", "UTC", "+05:30"]
TPS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}

# the DST changes of 2021: Paris 03-28 / 10-31 (01:00 UTC), New York 03-14 / 11-07
_EDGES = ["2021-03-28", "2021-10-31", "2021-03-14", "2021-11-07"]


def _instants(unit: str, rng: np.random.Generator, n: int = 200, nat: bool = True) -> np.ndarray:
    """UTC instants (naive datetime64[unit]) every 10 minutes around each DST change, plus
    random ones over 2019..2023 and some before 1970."""
    parts = [
        pd.date_range(f"{d} 00:00", f"{d} 10:00", freq="10min", unit=unit).to_numpy()
        for d in _EDGES
    ]
    lo = int(np.datetime64("2019-01-01", unit).astype(np.int64))
    hi = int(np.datetime64("2023-12-31", unit).astype(np.int64))
    parts.append(rng.integers(lo, hi, n).view(f"M8[{unit}]"))
    parts.append(pd.to_datetime(["1969-12-31 23:59:59", "1950-06-01 12:00:00"]).as_unit(unit))
    values = np.concatenate([np.asarray(p, dtype=f"M8[{unit}]") for p in parts])
    if nat:
        values[::7] = np.datetime64("NaT")
    return values


def _aware(unit: str, tz: str, rng: np.random.Generator, **kw) -> pd.Series:
    values = _instants(unit, rng, **kw)
    return pd.Series(pd.DatetimeIndex(values).tz_localize("UTC").tz_convert(tz), name="t")


def _walls(unit: str) -> np.ndarray:
    """Naive wall times every 15 minutes through each DST change (gaps and repeats)."""
    parts = [
        pd.date_range(f"{d} 00:00", f"{d} 04:00", freq="15min", unit=unit).to_numpy()
        for d in _EDGES
    ]
    out = np.concatenate(parts + [np.array(["NaT", "2021-07-01T12:00"], dtype=f"M8[{unit}]")])
    return out


# ---------------------------------------------------------------------- dtype
def test_dtype_mirrors_pandas():
    d = gdt.dtype("datetime64[ns, Europe/Paris]")
    assert isinstance(d, gdt.DatetimeTZDtype)
    assert str(d) == "datetime64[ns, Europe/Paris]" and d.unit == "ns" and d.kind == "M"
    assert d == pd.DatetimeTZDtype("ns", "Europe/Paris") == "datetime64[ns, Europe/Paris]"
    assert d != gdt.dtype("datetime64[ms, Europe/Paris]") and d != np.dtype("M8[ns]")
    assert d != gdt.dtype("datetime64[ns, UTC]")
    assert gdt.dtype(pd.DatetimeTZDtype("s", "UTC")) == "datetime64[s, UTC]"
    assert gdt.dtype(pa.timestamp("ms", tz="+05:30")) == pd.DatetimeTZDtype("ms", "+05:30")
    assert str(gdt.DatetimeTZDtype("us", "+05:30")) == "datetime64[us, UTC+05:30]"
    assert gdt.is_datetime(d) and gdt.is_temporal(d) and gdt.is_tz_aware(d)
    assert not gdt.is_tz_aware(np.dtype("M8[ns]"))
    assert gdt.to_pandas_dtype(d) == pd.DatetimeTZDtype("ns", "Europe/Paris")
    assert hash(d) == hash(gdt.dtype("datetime64[ns, Europe/Paris]"))
    import pickle

    assert pickle.loads(pickle.dumps(d)) == d


def test_dtype_bad_input():
    with pytest.raises(TypeError, match="Mars/Olympus"):
        gdt.DatetimeTZDtype("ns", "Mars/Olympus")
    with pytest.raises(TypeError, match="`unit`"):
        gdt.DatetimeTZDtype("D", "UTC")
    with pytest.raises(TypeError, match="`tz` is required"):
        gdt.DatetimeTZDtype("ns", None)
    with pytest.raises(TypeError, match="datetime64"):
        gdt.dtype("datetime64[ns, Nowhere/Atall]")


# ---------------------------------------------------------------------- round trips
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("tz", ZONES)
def test_pandas_round_trip(unit, tz, rng):
    ps = _aware(unit, tz, rng)
    s = gf.from_pandas(ps)
    assert str(s.dtype) == str(ps.dtype)
    assert_series_equal(s.to_pandas(), ps)
    assert_series_equal(gf.Series(ps).to_pandas(), ps)
    pdf = pd.DataFrame({"t": ps, "v": np.arange(len(ps))})
    assert_frame_equal(gf.from_pandas(pdf).to_pandas(), pdf)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("tz", ZONES)
def test_arrow_round_trip(unit, tz, rng):
    ps = _aware(unit, tz, rng)
    arr = pa.array(ps)
    assert arr.type == pa.timestamp(unit, tz=_timezone.tz_name(ps.dt.tz))
    s = gf.from_arrow(arr)
    assert_series_equal(s.to_pandas(), ps.rename(None))
    back = s.to_arrow()
    assert back.equals(arr)
    chunked = pa.chunked_array([arr[:10], arr[10:]])
    assert_series_equal(gf.from_arrow(chunked).to_pandas(), ps.rename(None))
    table = gf.from_pandas(pd.DataFrame({"t": ps})).to_arrow()
    assert table.schema.field("t").type == arr.type
    assert_frame_equal(gf.from_arrow(table).to_pandas(), pd.DataFrame({"t": ps}))


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("tz", ["Europe/Paris", "+05:30"])
def test_parquet_and_ipc_round_trip(unit, tz, rng, tmp_path):
    pdf = pd.DataFrame({"t": _aware(unit, tz, rng), "v": 1.5})
    df = gf.from_pandas(pdf)
    df.to_parquet(tmp_path / "x.parquet")
    got = gf.read_parquet(tmp_path / "x.parquet")
    want = pd.read_parquet(tmp_path / "x.parquet")
    assert_frame_equal(got.to_pandas(), want)
    assert str(got["t"].dtype).endswith(f", {pdf['t'].dtype.tz}]")
    df.to_ipc(tmp_path / "x.arrow")
    got = gf.read_ipc(tmp_path / "x.arrow")
    assert_frame_equal(got.to_pandas(), pdf)


@pytest.mark.parametrize("tz", ["Europe/Paris", "+05:30", "UTC"])
def test_direct_arrow_table_equals_pandas_conversion(tz, rng, monkeypatch, tmp_path):
    from gpuframe.io import _table

    monkeypatch.setattr(_table, "_DIRECT_MIN_ROWS", 0)
    pdf = pd.DataFrame({"t": _aware("ms", tz, rng), "v": 2.5})
    got = _table._direct_table(gf.from_pandas(pdf), None)
    assert got is not None  # the zone's column straight from its buffer
    assert got.equals(pa.Table.from_pandas(pdf, preserve_index=None), check_metadata=True)
    gf.from_pandas(pdf).to_parquet(tmp_path / "d.parquet")
    assert_frame_equal(gf.read_parquet(tmp_path / "d.parquet").to_pandas(), pdf)


def test_construction_from_timestamps():
    values = [
        pd.Timestamp("2021-03-28 01:30", tz="Europe/Paris"),
        None,
        pd.Timestamp("2021-10-31 03:30", tz="Europe/Paris").as_unit("ns"),
    ]
    assert_series_equal(gf.Series(values).to_pandas(), pd.Series(values))
    col = as_column(values, dtype="datetime64[ns, UTC]")
    assert_series_equal(col.to_pandas(), pd.Series(values, dtype="datetime64[ns, UTC]"))
    py = [datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc), None]
    assert_series_equal(gf.Series(py).to_pandas(), pd.Series(py))


def test_empty_one_row_all_nat():
    for values in (
        pd.Series([], dtype="datetime64[ns, Europe/Paris]"),
        pd.Series([pd.Timestamp("2021-10-31 03:30+01:00")]).dt.tz_convert("Europe/Paris"),
        pd.Series([pd.NaT, pd.NaT], dtype="datetime64[s, America/New_York]"),
    ):
        s = gf.from_pandas(values)
        assert_series_equal(s.to_pandas(), values)
        assert_series_equal(s.dt.hour.to_pandas(), values.dt.hour)
        assert_series_equal(s.dt.floor("h").to_pandas(), values.dt.floor("h"))
        assert_series_equal(s.dt.tz_localize(None).to_pandas(), values.dt.tz_localize(None))
        assert_series_equal(s.dt.strftime("%H:%M").to_pandas(), values.dt.strftime("%H:%M"))
        assert s.to_arrow().equals(pa.array(values))


# ---------------------------------------------------------------------- fields in local time
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


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("tz", ZONES)
def test_fields_in_local_time(unit, tz, rng):
    ps = _aware(unit, tz, rng)
    s = gf.from_pandas(ps)
    for name in FIELDS:
        assert_series_equal(getattr(s.dt, name).to_pandas(), getattr(ps.dt, name))
    assert_series_equal(s.dt.day_name().to_pandas(), ps.dt.day_name())
    assert_series_equal(s.dt.month_name().to_pandas(), ps.dt.month_name())
    fmt = "%Y-%m-%d %H:%M:%S %z %Z"
    assert_series_equal(s.dt.strftime(fmt).to_pandas(), ps.dt.strftime(fmt))
    assert s.dt.tz == ps.dt.tz and s.dt.unit == unit


def test_fields_without_nat():
    ps = _aware("ns", "Europe/Paris", np.random.default_rng(1), nat=False)
    s = gf.from_pandas(ps)
    for name in FIELDS:
        assert_series_equal(getattr(s.dt, name).to_pandas(), getattr(ps.dt, name))


# ---------------------------------------------------------------------- tz_localize / convert
@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("tz", ZONES)
def test_tz_localize_like_pandas(unit, tz):
    ps = pd.Series(_walls(unit))
    s = gf.from_pandas(ps)
    flags = np.arange(len(ps)) % 2 == 0
    for ambiguous in ("NaT", flags):
        for nonexistent in ("NaT", "shift_forward", "shift_backward"):
            want = ps.dt.tz_localize(tz, ambiguous=ambiguous, nonexistent=nonexistent)
            got = s.dt.tz_localize(tz, ambiguous=ambiguous, nonexistent=nonexistent)
            assert_series_equal(got.to_pandas(), want)
    ok = pd.Series(pd.to_datetime(["2021-07-01 12:00", None, "1960-01-01 00:00"]).as_unit(unit))
    assert_series_equal(gf.from_pandas(ok).dt.tz_localize(tz).to_pandas(), ok.dt.tz_localize(tz))


def test_tz_localize_raises_like_pandas():
    s = gf.from_pandas(pd.Series(pd.to_datetime(["2021-07-01 00:00", "2021-10-31 02:30"])))
    with pytest.raises(ValueError, match="Cannot infer dst time from 2021-10-31 02:30:00"):
        s.dt.tz_localize("Europe/Paris")
    gap = gf.from_pandas(pd.Series(pd.to_datetime(["2021-03-28 02:30"])))
    with pytest.raises(ValueError, match="2021-03-28 02:30:00 is a nonexistent time"):
        gap.dt.tz_localize("Europe/Paris")
    with pytest.raises(ValueError, match="2021-03-28 02:30:00 is a nonexistent time"):
        gap.dt.tz_localize("Europe/Paris", ambiguous="NaT")
    # neither raises where the zone has no change
    assert_series_equal(
        gap.dt.tz_localize("America/New_York").to_pandas(),
        gap.to_pandas().dt.tz_localize("America/New_York"),
    )


def test_tz_localize_bad_input():
    s = gf.from_pandas(pd.Series(pd.to_datetime(["2021-07-01"])))
    with pytest.raises(TypeError, match="`tz`.*'Not/AZone'"):
        s.dt.tz_localize("Not/AZone")
    with pytest.raises(ValueError, match="`ambiguous`.*'sometimes'"):
        s.dt.tz_localize("UTC", ambiguous="sometimes")
    with pytest.raises(ValueError, match="`nonexistent`.*'later'"):
        s.dt.tz_localize("UTC", nonexistent="later")
    with pytest.raises(NotImplementedError, match="infer"):
        s.dt.tz_localize("UTC", ambiguous="infer")
    with pytest.raises(NotImplementedError, match="timedelta"):
        s.dt.tz_localize("UTC", nonexistent=pd.Timedelta("1h"))
    with pytest.raises(ValueError, match="`ambiguous` has length 2"):
        s.dt.tz_localize("Europe/Paris", ambiguous=np.array([True, False]))
    with pytest.raises(TypeError, match="`ambiguous`"):
        s.dt.tz_localize("Europe/Paris", ambiguous=np.array([1]))
    aware = s.dt.tz_localize("UTC")
    with pytest.raises(TypeError, match="Already tz-aware"):
        aware.dt.tz_localize("Europe/Paris")
    with pytest.raises(TypeError, match="tz-naive"):
        s.dt.tz_convert("UTC")
    with pytest.raises(TypeError, match="`tz`"):
        aware.dt.tz_convert(3)


@pytest.mark.parametrize("unit", ["s", "ns"])
def test_tz_convert_and_localize_none(unit, rng):
    ps = _aware(unit, "Europe/Paris", rng)
    s = gf.from_pandas(ps)
    for tz in ("America/New_York", "UTC", "+05:30", datetime.timezone.utc):
        got = s.dt.tz_convert(tz)
        assert_series_equal(got.to_pandas(), ps.dt.tz_convert(tz))
        same = to_host(got._column.data).view(np.int64) == to_host(s._column.data).view(np.int64)
        assert same.all()  # the same instants
    assert_series_equal(s.dt.tz_convert(None).to_pandas(), ps.dt.tz_convert(None))
    assert_series_equal(s.dt.tz_localize(None).to_pandas(), ps.dt.tz_localize(None))
    assert_series_equal(s.dt.as_unit("ms").to_pandas(), ps.dt.as_unit("ms"))
    naive = gf.from_pandas(ps.dt.tz_localize(None))
    assert naive.dt.tz is None


# ---------------------------------------------------------------------- rounding in local time
@pytest.mark.parametrize("unit", ["s", "us", "ns"])
@pytest.mark.parametrize("tz", ZONES)
def test_floor_ceil_round_in_local_time(unit, tz, rng):
    ps = _aware(unit, tz, rng)
    s = gf.from_pandas(ps)
    for freq in ("h", "15min", "D", "s"):
        for method in ("floor", "ceil", "round"):
            for nonexistent in ("NaT", "shift_forward"):
                kw = {"ambiguous": "NaT", "nonexistent": nonexistent}
                want = getattr(ps.dt, method)(freq, **kw)
                got = getattr(s.dt, method)(freq, **kw)
                assert_series_equal(got.to_pandas(), want)
    flags = np.arange(len(ps)) % 3 == 0
    want = ps.dt.floor("h", ambiguous=flags, nonexistent="shift_backward")
    got = s.dt.floor("h", ambiguous=flags, nonexistent="shift_backward")
    assert_series_equal(got.to_pandas(), want)
    if tz in ("UTC", "+05:30"):
        assert_series_equal(s.dt.normalize().to_pandas(), ps.dt.normalize())


def test_rounding_raises_on_ambiguous_result():
    ps = pd.Series(pd.to_datetime(["2021-10-31 00:40"]).tz_localize("UTC"))
    ps = ps.dt.tz_convert("Europe/Paris")  # 02:40 local, the first time round
    s = gf.from_pandas(ps)
    with pytest.raises(ValueError, match="Cannot infer dst time"):
        s.dt.floor("h")
    with pytest.raises(ValueError, match="Cannot infer dst time"):
        ps.dt.floor("h")
    assert_series_equal(s.dt.normalize().to_pandas(), ps.dt.normalize())


# ---------------------------------------------------------------------- comparisons, arithmetic
@pytest.mark.parametrize("unit", ["ms", "ns"])
def test_comparisons_compare_instants(unit, rng):
    pa_ = _aware(unit, "Europe/Paris", rng)
    pb = pd.Series(pa_.sample(frac=1, random_state=3).to_numpy(), name="t").dt.tz_convert(
        "America/New_York"
    )
    a, b = gf.from_pandas(pa_), gf.from_pandas(pb)
    ts = pd.Timestamp("2021-10-31 01:05", tz="UTC")
    for op in ("eq", "ne", "lt", "le", "gt", "ge"):
        assert_series_equal(getattr(a, op)(b).to_pandas(), getattr(pa_, op)(pb))
        assert_series_equal(getattr(a, op)(ts).to_pandas(), getattr(pa_, op)(ts))
        assert_series_equal(getattr(a, op)(pd.NaT).to_pandas(), getattr(pa_, op)(pd.NaT))
        text = "2021-10-31 03:30"  # a str reads as a wall time in the column's zone
        assert_series_equal(getattr(a, op)(text).to_pandas(), getattr(pa_, op)(text))
    for text in ("2021-10-31 02:30", "2021-03-28 02:30"):  # ambiguous, nonexistent in Paris
        assert_series_equal((a == text).to_pandas(), pa_ == text)
        assert_series_equal((a != text).to_pandas(), pa_ != text)
        with pytest.raises(TypeError, match="Invalid comparison"):
            _ = a < text
        with pytest.raises(TypeError, match="Invalid comparison"):
            _ = pa_ < text
    assert_series_equal((ts < a).to_pandas(), ts < pa_)
    py = datetime.datetime(2021, 6, 1, tzinfo=datetime.timezone.utc)
    assert_series_equal((a >= py).to_pandas(), pa_ >= py)


def test_comparisons_with_naive_like_pandas(rng):
    pa_ = _aware("us", "Europe/Paris", rng)
    pn = pa_.dt.tz_localize(None)
    a, n = gf.from_pandas(pa_), gf.from_pandas(pn)
    naive_ts = pd.Timestamp("2021-10-31 02:30")
    for other_g, other_p in ((n, pn), (naive_ts, naive_ts), (3, 3)):
        assert_series_equal((a == other_g).to_pandas(), pa_ == other_p)
        assert_series_equal((a != other_g).to_pandas(), pa_ != other_p)
        with pytest.raises(TypeError, match="Invalid comparison"):
            _ = a < other_g
        with pytest.raises(TypeError):
            _ = pa_ < other_p
    aware_ts = pd.Timestamp("2021-10-31 02:30", tz="UTC")
    assert_series_equal((n == aware_ts).to_pandas(), pn == aware_ts)
    with pytest.raises(TypeError, match="Invalid comparison"):
        _ = n > aware_ts


@pytest.mark.parametrize("unit", ["s", "ns"])
def test_arithmetic(unit, rng):
    pa_ = _aware(unit, "Europe/Paris", rng)
    pb = pd.Series(pa_.sample(frac=1, random_state=5).to_numpy(), name="t")
    pb = pb.dt.tz_convert("UTC").dt.as_unit("ms")
    a, b = gf.from_pandas(pa_), gf.from_pandas(pb)
    assert_series_equal((a - b).to_pandas(), pa_ - pb)
    assert_series_equal((b - a).to_pandas(), pb - pa_)
    td = pd.Timedelta("1D")  # absolute time: 24 hours across a DST change
    assert_series_equal((a + td).to_pandas(), pa_ + td)
    assert_series_equal((td + a).to_pandas(), td + pa_)
    assert_series_equal((a - td).to_pandas(), pa_ - td)
    delta = pa_ - pb
    assert_series_equal((a + gf.from_pandas(delta)).to_pandas(), pa_ + delta)
    assert_series_equal((gf.from_pandas(delta) + a).to_pandas(), delta + pa_)
    ts = pd.Timestamp("2021-01-01", tz="Asia/Tokyo")
    assert_series_equal((a - ts).to_pandas(), pa_ - ts)
    assert_series_equal((ts - a).to_pandas(), ts - pa_)
    assert_series_equal((a - pd.NaT).to_pandas(), pa_ - pd.NaT)
    assert_series_equal((a + pd.NaT).to_pandas(), pa_ + pd.NaT)
    naive = gf.from_pandas(pa_.dt.tz_localize(None))
    with pytest.raises(TypeError, match="tz-naive and tz-aware"):
        _ = a - naive
    with pytest.raises(TypeError, match="tz-naive and tz-aware"):
        _ = naive - a
    with pytest.raises(TypeError, match="tz-naive and tz-aware"):
        _ = a - pd.Timestamp("2021-01-01")
    with pytest.raises(TypeError, match="unsupported"):
        _ = a * 2
    with pytest.raises(TypeError):
        _ = a + b


# ---------------------------------------------------------------------- frame operations
def test_sort_reductions_unique_counts(rng):
    ps = _aware("us", "Europe/Paris", rng)
    ps = pd.concat([ps, ps.iloc[:20]], ignore_index=True)
    s = gf.from_pandas(ps)
    for ascending in (True, False):
        for na_position in ("first", "last"):
            assert_series_equal(
                s.sort_values(ascending=ascending, na_position=na_position).to_pandas(),
                ps.sort_values(ascending=ascending, na_position=na_position, kind="stable"),
            )
    assert s.min() == ps.min() and s.max() == ps.max()
    assert str(s.min().tz) == "Europe/Paris"
    assert gf.from_pandas(ps.iloc[:0]).min() is pd.NaT
    got_unique = s.unique()
    got_unique = getattr(got_unique, "to_pandas", lambda: got_unique)()
    want_unique = ps.unique()
    assert list(pd.Series(got_unique)) == list(pd.Series(want_unique))
    assert_series_equal(s.value_counts().to_pandas(), ps.value_counts())
    assert s.nunique() == ps.nunique()


def test_groupby_and_merge_keys(rng):
    keys = _aware("ns", "America/New_York", rng, n=30)
    keys = pd.concat([keys, keys.iloc[:25]], ignore_index=True)
    pdf = pd.DataFrame({"k": keys, "v": np.arange(len(keys), dtype=np.float64)})
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.groupby("k").sum().to_pandas(), pdf.groupby("k").sum())
    assert_frame_equal(
        df.groupby("v").agg({"k": "max"}).to_pandas(), pdf.groupby("v").agg({"k": "max"})
    )
    assert_frame_equal(
        df.groupby(df["v"] % 3).k.min().to_frame().to_pandas(),
        pdf.groupby(pdf["v"] % 3).k.min().to_frame(),
    )
    right = pd.DataFrame({"k": keys.iloc[::3], "w": np.arange(len(keys.iloc[::3]))})
    want = pdf.merge(right, on="k", how="inner")
    got = df.merge(gf.from_pandas(right), on="k", how="inner")
    assert_frame_equal(
        got.to_pandas().sort_values(["v", "w"]).reset_index(drop=True),
        want.sort_values(["v", "w"]).reset_index(drop=True),
    )


def test_repr_like_pandas():
    ps = pd.Series(
        pd.to_datetime(["2021-03-28 01:00:00", None]).tz_localize("UTC").as_unit("s")
    ).dt.tz_convert("Europe/Paris")
    s = gf.from_pandas(ps)
    assert repr(s) == repr(ps)
    assert "2021-03-28 03:00:00+02:00" in repr(s)
    assert "2021-03-28 04:00:00+02:00" in repr(gf.from_pandas(ps + pd.Timedelta("1h")))
    pdf = pd.DataFrame({"t": ps, "x": [1, 2]})
    assert repr(gf.from_pandas(pdf)) == repr(pdf)


def test_astype_and_concat(rng):
    ps = _aware("us", "Europe/Paris", rng)
    s = gf.from_pandas(ps)
    for target in ("datetime64[s, America/New_York]", "datetime64[ns, UTC]", "int64", "str"):
        assert_series_equal(s.astype(target).to_pandas(), ps.astype(target))
    with pytest.raises(TypeError, match="timezone-aware dtype to timezone-naive"):
        s.astype("datetime64[us]")
    naive = gf.from_pandas(ps.dt.tz_localize(None))
    with pytest.raises(TypeError, match="timezone-naive dtype to timezone-aware"):
        naive.astype("datetime64[us, UTC]")
    other = ps.dt.as_unit("ns")
    assert_series_equal(gf.concat([s, gf.from_pandas(other)]).to_pandas(), pd.concat([ps, other]))
    with pytest.raises(TypeError, match="one time zone"):
        gf.concat([s, gf.from_pandas(ps.dt.tz_convert("UTC"))])
    for src in (
        pd.Series([0, 10**12, -5]),
        pd.Series([0, None], dtype="Int64"),
        pd.Series(["2021-03-28 01:30", None]),
        pd.Series(["2021-03-28 01:30+00:00", None]),
    ):
        target = "datetime64[ns, Europe/Paris]"
        assert_series_equal(gf.from_pandas(src).astype(target).to_pandas(), src.astype(target))
    with pytest.raises(TypeError, match="float64"):
        gf.from_pandas(pd.Series([1.5])).astype("datetime64[ns, UTC]")
    filled = s.fillna(pd.Timestamp("2000-01-01", tz="UTC"))
    assert_series_equal(filled.to_pandas(), ps.fillna(pd.Timestamp("2000-01-01", tz="UTC")))
    with pytest.raises(TypeError, match="`value`"):
        s.fillna(pd.Timestamp("2000-01-01"))
    other = ps.iloc[::-1].reset_index(drop=True).dt.tz_convert("Asia/Tokyo").dt.as_unit("ns")
    assert_series_equal(s.fillna(gf.from_pandas(other)).to_pandas(), ps.fillna(other))


# ---------------------------------------------------------------------- generic (xp) path
@pytest.mark.parametrize("tz", ["Europe/Paris", "America/New_York", "+05:30"])
def test_transition_tables_on_every_namespace(backend, tz):
    zone = _timezone.normalize_tz(tz)
    unit = "ns"
    instants = _instants(unit, np.random.default_rng(7)).view(np.int64)
    walls = _walls(unit).view(np.int64)
    local = _timezone.utc_to_local(backend.asarray(instants), unit, zone, xp=backend)
    want = pd.DatetimeIndex(instants.view("M8[ns]")).tz_localize("UTC").tz_convert(zone)
    np.testing.assert_array_equal(to_host(local), want.tz_localize(None).asi8)
    flags = np.arange(len(walls)) % 2 == 1
    for ambiguous in ("NaT", flags):
        for nonexistent in ("NaT", "shift_forward", "shift_backward"):
            got = _timezone.local_to_utc(
                backend.asarray(walls),
                unit,
                zone,
                xp=backend,
                ambiguous=backend.asarray(ambiguous)
                if not isinstance(ambiguous, str)
                else ambiguous,
                nonexistent=nonexistent,
            )
            want_utc = pd.DatetimeIndex(walls.view("M8[ns]")).tz_localize(
                zone, ambiguous=ambiguous, nonexistent=nonexistent
            )
            np.testing.assert_array_equal(to_host(got), want_utc.asi8)


def test_local_column_and_tables_are_cached():
    ps = _aware("s", "Europe/Paris", np.random.default_rng(2))
    col = as_column(ps)
    assert_series_equal(local_column(col).to_pandas(), ps.dt.tz_localize(None).rename(None))
    zone = _timezone.normalize_tz("Europe/Paris")
    t1 = _timezone.transition_table(zone, 0, 10**9, "s")
    t2 = _timezone.transition_table(zone, 5, 10**9 + 5, "s")
    assert t1[0] is not None and np.array_equal(t1[0], t2[0])
    trans, offs = t1
    assert len(offs) == len(trans) + 1 and np.all(np.diff(trans) > 0)


def test_where_clip_to_numpy(rng):
    ps = _aware("us", "Europe/Paris", rng)
    s = gf.from_pandas(ps)
    lower = pd.Timestamp("2021-06-01", tz="UTC")  # another zone: pandas keeps the column's
    assert_series_equal(s.clip(lower=lower).to_pandas(), ps.clip(lower=lower))
    cond = ps.dt.hour < 12
    other = pd.Timestamp("2000-01-01 12:00", tz="Asia/Tokyo")
    assert_series_equal(s.where(gf.from_pandas(cond), other).to_pandas(), ps.where(cond, other))
    assert_series_equal(s.where(gf.from_pandas(cond)).to_pandas(), ps.where(cond))
    coarse, fine = s.dt.as_unit("s"), pd.Timestamp("2021-01-01 00:00:00.5", tz="UTC")
    assert ps.dt.as_unit("s").where(cond, fine).dtype == object
    with pytest.raises(TypeError, match="losing precision"):  # pandas: an object column
        coarse.where(gf.from_pandas(cond), fine)
    exact = pd.Timestamp("2021-01-01 00:00:01", tz="UTC").as_unit("ns")
    assert_series_equal(
        coarse.where(gf.from_pandas(cond), exact).to_pandas(),
        ps.dt.as_unit("s").where(cond, exact),
    )
    with pytest.raises(TypeError, match="time zone"):  # pandas: an object column
        s.where(gf.from_pandas(cond), pd.Timestamp("2000-01-01"))
    got, want = s.to_numpy(), ps.to_numpy()
    assert got.dtype == object and [str(v) for v in got] == [str(v) for v in want]
    assert_series_equal(s.isna().to_pandas(), ps.isna())
    assert_series_equal(s.shift(2).to_pandas(), ps.shift(2))
    assert_series_equal(s.diff().to_pandas(), ps.diff())


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_keys_of_other_zones_and_units(how):
    t = pd.Series(pd.to_datetime(["2021-03-28 00:30", "2021-10-31 00:30", None]))
    t = t.dt.tz_localize("UTC")
    left = pd.DataFrame({"k": t, "x": [1, 2, 3]})
    shifted = t.iloc[::-1].reset_index(drop=True) + pd.Timedelta("1h") * pd.Series([0, 0, 1])
    right = pd.DataFrame(
        {"k": shifted.dt.tz_convert("Europe/Paris").dt.as_unit("ns"), "y": [4, 5, 6]}
    )
    want = left.merge(right, on="k", how=how)
    got = gf.from_pandas(left).merge(gf.from_pandas(right), on="k", how=how).to_pandas()
    assert_frame_equal(
        got.sort_values(["x", "y"]).reset_index(drop=True),
        want.sort_values(["x", "y"]).reset_index(drop=True),
    )
    naive = pd.DataFrame({"k": t.dt.tz_localize(None), "y": [4, 5, 6]})
    with pytest.raises(ValueError, match="You are trying to merge on"):
        left.merge(naive, on="k", how=how)
    with pytest.raises(ValueError, match="You are trying to merge on"):
        gf.from_pandas(left).merge(gf.from_pandas(naive), on="k", how=how)


def test_merge_naive_keys_of_other_units():
    t = pd.Series(pd.to_datetime(["2021-03-28 00:30", "2021-10-31 00:30"]))
    left = pd.DataFrame({"k": t, "x": [1, 2]})
    right = pd.DataFrame({"k": t.dt.as_unit("ns"), "y": [3, 4]})
    want = left.merge(right, on="k")
    assert_frame_equal(gf.from_pandas(left).merge(gf.from_pandas(right), on="k").to_pandas(), want)


def test_dateutil_and_fixed_offset_zones():
    import dateutil.tz

    zones = [
        dateutil.tz.gettz("Europe/Paris"),  # cannot be hashed: cached by its repr
        "dateutil/America/New_York",
        dateutil.tz.tzoffset(None, 3600),
        datetime.timezone(datetime.timedelta(hours=-3, minutes=-30)),
    ]
    walls = pd.Series(_walls("us"))
    for tz in zones:
        want = walls.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        got = gf.from_pandas(walls).dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
        assert_series_equal(got.to_pandas(), want)
        assert_series_equal(got.dt.hour.to_pandas(), want.dt.hour)
        assert_series_equal(gf.from_arrow(pa.array(want)).to_pandas().dt.hour, want.dt.hour)


def test_nanoseconds_near_the_bounds():
    """Tables stop where int64 nanoseconds do (years 1677 and 2262)."""
    values = pd.Series(
        pd.to_datetime(["1677-09-22 00:00", "1700-03-01 12:00", "2262-04-10 00:00", None])
    ).dt.as_unit("ns")
    for tz in ("Europe/Paris", "America/New_York"):
        want = values.dt.tz_localize(tz)
        s = gf.from_pandas(values).dt.tz_localize(tz)
        assert_series_equal(s.to_pandas(), want)
        for name in ("year", "hour", "minute", "day"):
            assert_series_equal(getattr(s.dt, name).to_pandas(), getattr(want.dt, name))


def test_isin_compares_instants():
    ps = _aware("us", "Europe/Paris", np.random.default_rng(4))
    s = gf.from_pandas(ps)
    for values in (
        list(ps.iloc[:5]),
        [pd.Timestamp("2021-03-28 00:10", tz="UTC"), None],
        list(ps.iloc[:5].dt.tz_convert("Asia/Tokyo")),
        [pd.Timestamp("2021-03-28 00:10")],  # naive: no match
    ):
        assert_series_equal(s.isin(values).to_pandas(), ps.isin(values))
    assert_series_equal(s.isin(s.iloc[:4]).to_pandas(), ps.isin(ps.iloc[:4]))
    naive = ps.dt.tz_localize(None)
    aware = [pd.Timestamp("2021-03-28 00:10", tz="UTC")]
    assert_series_equal(gf.from_pandas(naive).isin(aware).to_pandas(), naive.isin(aware))
