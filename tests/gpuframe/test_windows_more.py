"""Time-series windows against pandas: expanding, ewm, time-offset and centred rolling, resample.

Data: random times with gaps and duplicates, NaN values, both orders; the Array API path
(CuPy's) of the column-level functions runs on array-api-strict.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.backend import to_host
from gpuframe.column._column import Column
from gpuframe.column._windows import (
    BOUNDED_OPS,
    _reduce_generic,
    ewm_reduce,
    expanding_bounds,
    fixed_bounds,
    time_bounds,
)
from gpuframe.testing import assert_frame_equal, assert_series_equal

OPS = ["sum", "mean", "min", "max", "std", "var", "count"]


def _values(rng, n, nan=0.2):
    v = rng.normal(size=n) * 10
    v[rng.random(n) < nan] = np.nan
    return v


def _times(rng, n, span_s=40, unit="ns"):
    """Sorted times in whole seconds with gaps and duplicates."""
    t = np.sort(rng.integers(0, span_s, n)) * 10**9 + 1_600_000_000 * 10**9
    return pd.DatetimeIndex(pd.to_datetime(t)).as_unit(unit)


@pytest.fixture
def ts_pair(rng):
    n = 80
    pdf = pd.DataFrame(
        {"ts": _times(rng, n), "v": _values(rng, n), "i": rng.integers(-5, 5, n)},
    )
    return gf.from_pandas(pdf), pdf


# ---------------------------------------------------------------------- expanding
@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("min_periods", [0, 1, 4])
def test_expanding_matches_pandas(rng, op, min_periods):
    pdf = pd.DataFrame({"f": _values(rng, 50), "i": rng.integers(-3, 3, 50)})
    df = gf.from_pandas(pdf)
    got = getattr(df.expanding(min_periods=min_periods), op)()
    want = getattr(pdf.expanding(min_periods=min_periods), op)()
    assert_frame_equal(got, want)
    s = pd.Series(_values(rng, 30, nan=0.5), index=list(range(30, 0, -1)), name="x")
    assert_series_equal(
        getattr(gf.from_pandas(s).expanding(min_periods), op)(),
        getattr(s.expanding(min_periods), op)(),
    )


def test_expanding_edge_cases():
    for s in (
        pd.Series([], dtype="float64"),
        pd.Series([2.5]),
        pd.Series([np.nan, np.nan, np.nan]),
        pd.Series([3.0, 3.0, 3.0, 3.0]),
        pd.Series([1, 2, 3], dtype="Int64"),
        pd.Series([True, False, True]),
    ):
        g = gf.from_pandas(s)
        for op in OPS:
            assert_series_equal(getattr(g.expanding(), op)(), getattr(s.expanding(), op)())
    s = pd.Series([1.0, None, 4.0], dtype="Float64")  # nullable floats give float64 results
    want = pd.Series([1.0, 1.0, 5.0])
    assert_series_equal(gf.from_pandas(s).expanding().sum(), want)


def test_expanding_bad_input():
    s = gf.Series([1.0, 2.0])
    with pytest.raises(ValueError, match="min_periods"):
        s.expanding(min_periods=-1)
    with pytest.raises(ValueError, match="min_periods"):
        s.expanding(min_periods=1.5)
    with pytest.raises(NotImplementedError, match="method"):
        s.expanding(method="table")
    with pytest.raises(TypeError, match="dtype"):
        gf.Series(["a", "b"]).expanding().sum()


# ---------------------------------------------------------------------- ewm
EWM_PARAMS = [
    {"com": 0.5},
    {"com": 0},
    {"span": 3},
    {"span": 1},
    {"halflife": 2.5},
    {"alpha": 0.3},
    {"alpha": 1},
]


@pytest.mark.parametrize("params", EWM_PARAMS, ids=str)
@pytest.mark.parametrize("adjust", [True, False])
@pytest.mark.parametrize("ignore_na", [False, True])
@pytest.mark.parametrize("min_periods", [0, 1, 3])
def test_ewm_matches_pandas(rng, params, adjust, ignore_na, min_periods):
    v = _values(rng, 60, nan=0.3)
    v[:3] = np.nan  # leading NaN
    pdf = pd.DataFrame({"f": v, "i": rng.integers(-4, 4, 60)})
    df = gf.from_pandas(pdf)
    kw = dict(params, adjust=adjust, ignore_na=ignore_na, min_periods=min_periods)
    ops = ["mean", "var", "std"] + (["sum"] if adjust else [])
    for op in ops:
        assert_frame_equal(getattr(df.ewm(**kw), op)(), getattr(pdf.ewm(**kw), op)(), obj=op)
    for op in ("var", "std"):
        assert_frame_equal(
            getattr(df.ewm(**kw), op)(bias=True), getattr(pdf.ewm(**kw), op)(bias=True)
        )


def test_ewm_edge_cases():
    for s in (
        pd.Series([], dtype="float64"),
        pd.Series([7.0]),
        pd.Series([np.nan, np.nan]),
        pd.Series([2.0, 2.0, 2.0, 2.0]),  # constant: exact, no rounding noise
        pd.Series([1e300, -1e300, 5.0]),
        pd.Series([1, None, 3], dtype="Int64"),
    ):
        g = gf.from_pandas(s)
        for op in ("mean", "sum", "var", "std"):
            assert_series_equal(getattr(g.ewm(com=1.5), op)(), getattr(s.ewm(com=1.5), op)())
    s = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2020", periods=3), name="x")
    assert_series_equal(
        gf.from_pandas(s).ewm(span=2).mean(), s.ewm(span=2).mean(), check_freq=False
    )


def test_ewm_bad_input():
    s = gf.Series([1.0, 2.0])
    with pytest.raises(ValueError, match="mutually exclusive"):
        s.ewm(com=1, span=2)
    with pytest.raises(ValueError, match="Must pass one of"):
        s.ewm()
    with pytest.raises(ValueError, match=r"alpha must satisfy.*received alpha=2"):
        s.ewm(alpha=2)
    with pytest.raises(ValueError, match=r"alpha must satisfy.*received alpha=0"):
        s.ewm(alpha=0)
    with pytest.raises(ValueError, match=r"span must satisfy.*span=0\.5"):
        s.ewm(span=0.5)
    with pytest.raises(ValueError, match=r"comass must satisfy.*com=-1"):
        s.ewm(com=-1)
    with pytest.raises(ValueError, match=r"halflife must satisfy.*halflife=0"):
        s.ewm(halflife=0)
    with pytest.raises(ValueError, match="`com` must be a number; received 'x'"):
        s.ewm(com="x")
    with pytest.raises(NotImplementedError, match="halflife"):
        s.ewm(halflife="1D")
    with pytest.raises(NotImplementedError, match="times"):
        s.ewm(halflife=1.0, times=[1, 2])
    with pytest.raises(ValueError, match="adjust"):
        s.ewm(com=1, adjust="yes")
    with pytest.raises(NotImplementedError, match="adjust=False"):
        s.ewm(com=1, adjust=False).sum()
    with pytest.raises(TypeError, match="dtype"):
        gf.Series(["a"]).ewm(com=1).mean()


def test_ewm_generic_path(backend, rng):
    """Another namespace (array-api-strict here, CuPy on a GPU): the documented host
    round trip gives pandas' answers in the column's own namespace."""
    v = _values(rng, 40, nan=0.3)
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    for op in ("mean", "sum", "var", "std"):
        got = ewm_reduce(col, op, com=0.8, adjust=True, ignore_na=False, min_periods=2)
        assert type(got.data) is type(col.data)
        want = getattr(pd.Series(v).ewm(com=0.8, min_periods=2), op)()
        np.testing.assert_allclose(to_host(got.data), want.to_numpy(), rtol=1e-12)


# ---------------------------------------------------------------------- rolling
@pytest.mark.parametrize("window", ["2s", "5s", pd.Timedelta("3s"), "1min"])
@pytest.mark.parametrize("closed", [None, "right", "left", "both", "neither"])
def test_time_rolling_on_column(ts_pair, window, closed):
    df, pdf = ts_pair
    for mp in (None, 0, 2):
        r, pr = (
            df.rolling(window, on="ts", closed=closed, min_periods=mp),
            pdf.rolling(window, on="ts", closed=closed, min_periods=mp),
        )
        for op in OPS:
            assert_frame_equal(getattr(r, op)(), getattr(pr, op)(), obj=f"{op} {mp}")


@pytest.mark.parametrize("window", ["3s", "4s", "1500ms"])
@pytest.mark.parametrize("closed", [None, "left", "both", "neither"])
def test_time_rolling_centered(rng, window, closed):
    n = 60
    s = pd.Series(_values(rng, n), index=_times(rng, n, span_s=25), name="v")
    for ps in (s, s.iloc[::-1]):
        g = gf.from_pandas(ps)
        for mp in (0, 1, 2):
            r, pr = (
                g.rolling(window, center=True, closed=closed, min_periods=mp),
                ps.rolling(window, center=True, closed=closed, min_periods=mp),
            )
            for op in [*OPS, "median"]:
                assert_series_equal(getattr(r, op)(), getattr(pr, op)(), obj=f"{op} {mp}")


@pytest.mark.parametrize("closed", [None, "left", "both", "neither"])
def test_time_rolling_on_index_both_orders(rng, closed):
    n = 60
    idx = _times(rng, n, span_s=25)
    s = pd.Series(_values(rng, n), index=idx, name="v")
    for ps in (s, s.iloc[::-1]):  # increasing, then decreasing times
        g = gf.from_pandas(ps)
        for op in OPS:
            assert_series_equal(
                getattr(g.rolling("3s", closed=closed), op)(),
                getattr(ps.rolling("3s", closed=closed), op)(),
            )
    pdf = s.to_frame().assign(w=np.arange(n))
    assert_frame_equal(gf.from_pandas(pdf).rolling("4s").mean(), pdf.rolling("4s").mean())


def test_time_rolling_on_timedelta_index_and_bools():
    s = pd.Series([1.0, 2.0, np.nan, 4.0], index=pd.to_timedelta([0, 1, 1, 5], unit="s"))
    for op in OPS:
        assert_series_equal(
            getattr(gf.from_pandas(s).rolling("2s"), op)(), getattr(s.rolling("2s"), op)()
        )
    b = pd.Series([True, False, True, True])
    assert_series_equal(gf.from_pandas(b).rolling(2).sum(), b.rolling(2).sum())


def test_time_rolling_units_and_day_window(rng):
    for unit in ("s", "ms", "us"):
        idx = _times(rng, 30, span_s=5 * 86400, unit=unit)
        s = pd.Series(_values(rng, 30), index=idx)
        for window in ("1D", "36h", "2D"):
            assert_series_equal(gf.from_pandas(s).rolling(window).sum(), s.rolling(window).sum())
    s = pd.Series([1.0, 2.0], index=pd.to_datetime([0, 1], unit="s").as_unit("s"))
    with pytest.raises(ValueError, match="unit"):
        gf.from_pandas(s).rolling("500ms")


def test_time_rolling_edge_cases():
    one = pd.Series([4.0], index=pd.to_datetime(["2020-01-01"]))
    empty = pd.Series([], dtype="float64", index=pd.DatetimeIndex([]))
    dup = pd.Series([1.0, np.nan, 3.0, 5.0], index=pd.to_datetime(["2020-01-01"] * 4))
    for s in (one, empty, dup):
        for closed in ("right", "left", "both", "neither"):
            for op in OPS:
                assert_series_equal(
                    getattr(gf.from_pandas(s).rolling("1s", closed=closed), op)(),
                    getattr(s.rolling("1s", closed=closed), op)(),
                )


@pytest.mark.parametrize("window", [1, 2, 3, 6])
@pytest.mark.parametrize("center", [False, True])
@pytest.mark.parametrize("closed", [None, "left", "both", "neither"])
def test_row_rolling_center_and_closed(rng, window, center, closed):
    pdf = pd.DataFrame({"f": _values(rng, 40), "i": rng.integers(-9, 9, 40)})
    df = gf.from_pandas(pdf)
    for mp in sorted({0, 1, window}):
        for op in OPS:
            got = getattr(df.rolling(window, center=center, closed=closed, min_periods=mp), op)()
            want = getattr(pdf.rolling(window, center=center, closed=closed, min_periods=mp), op)()
            assert_frame_equal(got, want, obj=f"{op} min_periods={mp}")


def test_rolling_bad_input(ts_pair):
    df, pdf = ts_pair
    unsorted = gf.from_pandas(pdf.iloc[[3, 1, 2]])
    with pytest.raises(ValueError, match="ts values must be monotonic"):
        unsorted.rolling("2s", on="ts")
    with pytest.raises(ValueError, match="index values must be monotonic"):
        gf.from_pandas(pdf.set_index("ts").iloc[[3, 1, 2]]).rolling("2s")
    nat = pd.Series([1.0, 2.0], index=pd.to_datetime(["2020-01-01", None]))
    with pytest.raises(ValueError, match="NaT"):
        gf.from_pandas(nat).rolling("2s")
    with pytest.raises(ValueError, match="not compatible"):
        df.rolling("1ME", on="ts")
    with pytest.raises(ValueError, match="invalid `window` 'xyz'"):
        df.rolling("xyz", on="ts")
    with pytest.raises(ValueError, match="needs a datetime index"):
        gf.Series([1.0]).rolling("2s")
    with pytest.raises(ValueError, match="positive int; received 0"):
        df.rolling(0)  # deliberate difference: pandas allows a window of 0 rows
    with pytest.raises(ValueError, match="positive time span"):
        df.rolling("0s", on="ts")
    with pytest.raises(ValueError, match="min_periods 3 must be <= window 2"):
        df.rolling(2, min_periods=3)
    with pytest.raises(ValueError, match="closed must be one of"):
        df.rolling(2, closed="middle")
    with pytest.raises(ValueError, match="center must be a boolean"):
        df.rolling(2, center="yes")
    with pytest.raises(ValueError, match="invalid on specified as 'nope'"):
        df.rolling("2s", on="nope")
    with pytest.raises(ValueError, match="on is not supported for a Series"):
        df["v"].rolling(2, on="ts")
    with pytest.raises(NotImplementedError, match="win_type"):
        df.rolling(2, win_type="triang")
    with pytest.raises(TypeError, match="ddof"):
        df.rolling(2).std(ddof=0.5)


def test_bounds_and_reductions_generic_path(backend, rng):
    """The Array API path (CuPy's): bounds by searchsorted, prefix sums and a sparse table;
    the same answers as pandas on array-api-strict and on NumPy."""
    n = 70
    v = _values(rng, n, nan=0.25)
    times = _times(rng, n, span_s=30)
    tcol = Column.from_pandas(pd.Series(times))
    ticks = backend.asarray(times.asi8)
    tdev = Column._from_parts(ticks, None, None)  # int64 ticks, as a device library keeps
    tdev._dtype = np.dtype("datetime64[ns]")
    x, null = backend.asarray(v), backend.asarray(np.isnan(v))
    ps = pd.Series(v, index=times)
    for closed in ("right", "left", "both", "neither"):
        for center in (True, False):
            st, en = time_bounds(tdev, 3 * 10**9, closed=closed, center=center)
            want_st, want_en = time_bounds(tcol, 3 * 10**9, closed=closed, center=center)
            np.testing.assert_array_equal(to_host(st), want_st)
            np.testing.assert_array_equal(to_host(en), want_en)
        np.testing.assert_array_equal(to_host(st), time_bounds(tcol, 3 * 10**9, closed=closed)[0])
        for mp in (0, 1, 3):
            for op in BOUNDED_OPS:
                got = to_host(_reduce_generic(x, null, st, en, op, mp, 1, backend))
                want = getattr(ps.rolling("3s", closed=closed, min_periods=mp), op)()
                np.testing.assert_allclose(got, want.to_numpy(), rtol=1e-9, atol=1e-9)
    for center in (False, True):
        st, en = fixed_bounds(n, 4, center=center, xp=backend)
        for op in BOUNDED_OPS:
            got = to_host(_reduce_generic(x, null, st, en, op, 2, 1, backend))
            want = getattr(pd.Series(v).rolling(4, center=center, min_periods=2), op)()
            np.testing.assert_allclose(got, want.to_numpy(), rtol=1e-9, atol=1e-9)
    st, en = expanding_bounds(n, backend)
    for op in BOUNDED_OPS:
        got = to_host(_reduce_generic(x, null, st, en, op, 1, 1, backend))
        want = getattr(pd.Series(v).expanding(), op)()
        np.testing.assert_allclose(got, want.to_numpy(), rtol=1e-9, atol=1e-9)
    tdev._data = backend.asarray(np.array([3, 1, 2]))
    with pytest.raises(ValueError, match="monotonic"):
        time_bounds(tdev, 5)
    tdev._data = backend.asarray(np.array([1, np.iinfo(np.int64).min]))
    with pytest.raises(ValueError, match="NaT"):
        time_bounds(tdev, 5)


# ---------------------------------------------------------------------- median / quantile
QUANTILES = [(0.0, "linear"), (0.25, "linear"), (0.5, "lower"), (0.6, "higher")]
QUANTILES += [(0.5, "nearest"), (0.7, "nearest"), (0.3, "midpoint"), (1.0, "linear")]


def _with_ties(rng, n):
    v = np.round(rng.normal(size=n) * 3)  # many ties
    v[rng.random(n) < 0.2] = np.nan
    return v


@pytest.mark.parametrize("window", [1, 2, 5, 12])
@pytest.mark.parametrize("center", [False, True])
def test_rolling_median_quantile(rng, window, center):
    s = pd.Series(_with_ties(rng, 120))
    g = gf.from_pandas(s)
    for mp in sorted({0, 1, window}):
        r, pr = (
            g.rolling(window, center=center, min_periods=mp),
            s.rolling(window, center=center, min_periods=mp),
        )
        assert_series_equal(r.median(), pr.median())
        for q, how in QUANTILES:
            assert_series_equal(r.quantile(q, interpolation=how), pr.quantile(q, interpolation=how))


def test_time_and_expanding_median_quantile(ts_pair, rng):
    df, pdf = ts_pair
    for closed in ("right", "left", "both", "neither"):
        r, pr = df.rolling("4s", on="ts", closed=closed), pdf.rolling("4s", on="ts", closed=closed)
        assert_frame_equal(r.median(), pr.median())
        assert_frame_equal(r.quantile(0.3), pr.quantile(0.3))
    s = pd.Series(_with_ties(rng, 90))
    for mp in (0, 1, 5):
        e, pe = gf.from_pandas(s).expanding(mp), s.expanding(mp)
        assert_series_equal(e.median(), pe.median())
        for q, how in QUANTILES:
            assert_series_equal(e.quantile(q, interpolation=how), pe.quantile(q, interpolation=how))
    for edge in (pd.Series([], dtype="float64"), pd.Series([np.nan]), pd.Series([2.0])):
        assert_series_equal(
            gf.from_pandas(edge).rolling(2, min_periods=1).median(),
            edge.rolling(2, min_periods=1).median(),
        )


def test_quantile_bad_input():
    r = gf.Series([1.0, 2.0]).rolling(2)
    with pytest.raises(ValueError, match=r"`q` must be in \[0, 1\]; received 1.5"):
        r.quantile(1.5)
    with pytest.raises(TypeError, match="`q` must be a number; received 'x'"):
        r.quantile("x")
    with pytest.raises(ValueError, match="`interpolation` must be one of"):
        r.quantile(0.5, interpolation="cubic")
    with pytest.raises(TypeError, match="column 0"):
        gf.DataFrame({0: ["a", "b"]}).rolling(2).median()


def test_quantile_generic_path(backend, rng):
    """Another namespace (CuPy's path): the documented host round trip, same answers."""
    from gpuframe.column._windows import window_quantile

    v = _with_ties(rng, 60)
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    st, en = fixed_bounds(60, 7, xp=backend)
    got = window_quantile(col, st, en, 0.5, interpolation="median", min_periods=1)
    assert type(got.data) is type(col.data)
    want = pd.Series(v).rolling(7, min_periods=1).median()
    np.testing.assert_allclose(to_host(got.data), want.to_numpy())
    got = window_quantile(col, st, en, 0.2, interpolation="linear", min_periods=3)
    want = pd.Series(v).rolling(7, min_periods=3).quantile(0.2)
    np.testing.assert_allclose(to_host(got.data), want.to_numpy())


# ---------------------------------------------------------------------- resample
RULES = ["min", "h", "6h", "D", "2D", "7D", "W", "W-MON", "ME", "MS"]


@pytest.fixture
def events(rng):
    """Unsorted random times over ~60 days with duplicates, NaN values, an int column."""
    n = 300
    t = rng.integers(0, 60 * 86400, n) * 10**9 + 1_500_000_000 * 10**9
    t[:5] = t[5]  # duplicates
    pdf = pd.DataFrame({"ts": pd.to_datetime(t), "v": _values(rng, n), "i": rng.integers(0, 9, n)})
    return gf.from_pandas(pdf), pdf


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("closed", [None, "left", "right"])
@pytest.mark.parametrize("label", [None, "left", "right"])
def test_resample_matches_pandas(events, rule, closed, label):
    df, pdf = events
    if rule == "min":  # a fine rule over a short stretch
        pdf = pdf.head(40).assign(ts=pd.to_datetime(pdf.ts.head(40).astype("int64") // 1000))
        df = gf.from_pandas(pdf)
    r = df.resample(rule, on="ts", closed=closed, label=label)
    pr = pdf.resample(rule, on="ts", closed=closed, label=label)
    for op in ("sum", "mean", "min", "max", "count", "first", "last", "std", "var", "median"):
        assert_frame_equal(getattr(r, op)(), getattr(pr, op)(), check_freq=False, obj=op)
    assert_series_equal(r.size(), pr.size(), check_freq=False)
    assert_frame_equal(r.ohlc(), pr.ohlc(), check_freq=False)


@pytest.mark.parametrize(
    "origin", ["start_day", "start", "epoch", "end", "end_day", pd.Timestamp("2017-07-01 00:07")]
)
@pytest.mark.parametrize("rule", ["7min", "5h", "D", "3D"])
def test_resample_origin_and_offset(events, origin, rule):
    _, pdf = events
    s = pdf.set_index("ts")["v"].sort_index()
    g = gf.from_pandas(s)
    for offset in (None, "2h"):
        try:
            want = s.resample(rule, origin=origin, offset=offset)
        except ValueError:  # pandas: "Values falls before first bin" (origin after the start)
            continue
        got = g.resample(rule, origin=origin, offset=offset)
        assert_series_equal(got.sum(), want.sum(), check_freq=False)
        assert_series_equal(got.mean(), want.mean(), check_freq=False)


def test_resample_series_dtypes_and_empty_bins():
    idx = pd.to_datetime(["2020-01-01", "2020-01-03", "2020-01-03 05:00"], format="ISO8601")
    for s in (
        pd.Series([1, 2, 5], index=idx, name="x"),
        pd.Series([1.5, np.nan, 5.0], index=idx.rename("when")),
        pd.Series([1, None, 5], index=idx, dtype="Int64"),
    ):
        g = gf.from_pandas(s)
        # deliberate difference: a nullable column's bins come back in NumPy dtypes (float64
        # with NaN where a bin has no value), as gpuframe's groupby gives them
        kw = {"check_freq": False, "check_dtype": s.dtype != "Int64"}
        for op in ("sum", "mean", "min", "max", "count", "first", "last", "size", "median"):
            assert_series_equal(
                getattr(g.resample("D"), op)(), getattr(s.resample("D"), op)(), **kw
            )
        assert_frame_equal(g.resample("12h").ohlc(), s.resample("12h").ohlc(), **kw)


def test_resample_agg_and_selection(events):
    df, pdf = events
    r, pr = df.resample("D", on="ts"), pdf.resample("D", on="ts")
    for func in ("sum", ["sum", "mean", "count"], {"v": "sum", "i": "max"}, {"v": ["sum", "min"]}):
        assert_frame_equal(r.agg(func), pr.agg(func), check_freq=False, obj=str(func))
    assert_series_equal(r["v"].sum(), pr["v"].sum(), check_freq=False)
    assert_series_equal(r["v"].agg(np.sum), pr["v"].agg(np.sum), check_freq=False)
    assert_frame_equal(r.agg(np.mean), pr.agg(np.mean), check_freq=False)
    assert_frame_equal(r[["v"]].mean(), pr[["v"]].mean(), check_freq=False)
    assert_series_equal(r["i"].agg("count"), pr["i"].agg("count"), check_freq=False)
    named = r.agg(total=("v", "sum"), n=("i", "count"))
    assert_frame_equal(named, pr.agg(total=("v", "sum"), n=("i", "count")), check_freq=False)


def test_resample_edge_cases():
    nat = pd.Series(
        [1.0, 2.0, 3.0], index=pd.to_datetime(["2020-01-02", None, "2020-01-01"], format="ISO8601")
    )
    one = pd.Series([4], index=pd.to_datetime(["2020-01-01 10:00"]))
    allnan = pd.Series([np.nan, np.nan], index=pd.to_datetime(["2020-01-01", "2020-01-04"]))
    empty = pd.Series([], dtype="float64", index=pd.DatetimeIndex([]))
    for s in (nat, one, allnan, empty):
        g = gf.from_pandas(s)
        for op in ("sum", "mean", "count", "max", "size"):
            assert_series_equal(
                getattr(g.resample("D"), op)(), getattr(s.resample("D"), op)(), check_freq=False
            )


def test_resample_bad_input(events):
    df, _ = events
    with pytest.raises(ValueError, match="invalid `rule` 'xyz'"):
        df.resample("xyz", on="ts")
    with pytest.raises(TypeError, match="Only valid with DatetimeIndex"):
        gf.Series([1.0]).resample("D")
    with pytest.raises(KeyError, match="column 'nope' not found"):
        df.resample("D", on="nope")
    with pytest.raises(TypeError, match="must be datetime64"):
        df.resample("D", on="v")
    with pytest.raises(ValueError, match="Unsupported value 'middle' for `closed`"):
        df.resample("D", on="ts", closed="middle")
    with pytest.raises(ValueError, match="Unsupported value 'x' for `label`"):
        df.resample("D", on="ts", label="x")
    with pytest.raises(ValueError, match="'origin' should be equal to"):
        df.resample("D", on="ts", origin="sometime")
    with pytest.raises(NotImplementedError, match="'2ME'"):
        df.resample("2ME", on="ts")
    with pytest.raises(NotImplementedError, match="is not supported"):
        df.resample("QE", on="ts")
    with pytest.raises(NotImplementedError, match="without a weekday"):
        df.resample(pd.offsets.Week(), on="ts")
    with pytest.raises(ValueError, match="on` is not supported for a Series"):
        df["v"].resample("D", on="ts")


def test_resample_bins_generic_path(backend, rng):
    """Bin numbers and labels computed with the Array API (CuPy's path): the same as NumPy's."""
    from pandas.tseries.frequencies import to_offset

    from gpuframe._resample import bin_codes

    t = rng.integers(-400 * 86400, 400 * 86400, 200) * 10**9
    t[:3] = np.array([0, 86400, 31 * 86400]) * 10**9  # midnights, month starts
    per_day = 86400 * 10**9
    for rule in ("6h", "D", "W", "W-WED", "ME", "MS"):
        for closed in ("left", "right"):
            for label in ("left", "right"):
                kw = dict(closed=closed, label=label, origin=0)
                want_c, want_l = bin_codes(t, per_day, to_offset(rule), xp=np, **kw)
                got_c, got_l = bin_codes(
                    backend.asarray(t), per_day, to_offset(rule), xp=backend, **kw
                )
                np.testing.assert_array_equal(to_host(got_c), want_c)
                np.testing.assert_array_equal(to_host(got_l(got_c)), want_l(want_c))


@pytest.mark.gpu
def test_windows_on_the_gpu(rng):
    n = 500
    pdf = pd.DataFrame({"ts": _times(rng, n, span_s=200), "v": _values(rng, n)})
    df = gf.from_pandas(pdf, device="gpu")
    for op in OPS:
        assert_frame_equal(
            getattr(df.rolling("5s", on="ts"), op)(), getattr(pdf.rolling("5s", on="ts"), op)()
        )
        assert_frame_equal(getattr(df.expanding(), op)(), getattr(pdf.expanding(), op)())
    assert_frame_equal(df.ewm(com=2).mean(), pdf.ewm(com=2).mean())
    for op in ("sum", "mean", "max", "first", "count"):
        assert_frame_equal(
            getattr(df.resample("7s", on="ts"), op)(),
            getattr(pdf.resample("7s", on="ts"), op)(),
            check_freq=False,
        )
