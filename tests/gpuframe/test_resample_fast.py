"""``resample`` on sorted times (the run-kernel fast path) against pandas and against the
general path (bin numbers + groupby): the same answers, NaN, empty bins, one row, NaT, unsorted
times, float32, several columns, ``on=``, every rule family."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import stable_id

import gpuframe as gf
from gpuframe._resample import Resampler
from gpuframe.column._resample_kernels import is_sorted_ticks, run_reduce
from gpuframe.testing import assert_frame_equal, assert_series_equal

FAST_OPS = ("sum", "mean", "min", "max", "count", "first", "last")
RULES = ["7s", "min", "h", "D", "W", "W-MON", "ME", "MS"]


def _frame(rng, n=400, span_s=90 * 86400, sort=True, dtype="float64"):
    t = rng.integers(0, span_s, n) * 10**9 + 1_500_000_000 * 10**9
    t[:4] = t[4]  # ties
    if sort:
        t = np.sort(t)
    v = rng.normal(size=(3, n)) * 10
    v[0][rng.random(n) < 0.2] = np.nan
    v[2][:] = np.nan if n < 3 else v[2]
    if n >= 3:
        v[2][rng.random(n) < 0.9] = np.nan  # mostly NaN: many all-NaN bins
    pdf = pd.DataFrame({"ts": pd.to_datetime(t), "a": v[0], "b": v[1], "c": v[2]})
    return pdf.astype({"a": dtype, "b": dtype, "c": dtype})


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("closed", [None, "left", "right"])
@pytest.mark.parametrize("label", [None, "right"])
@pytest.mark.parametrize("sort", [True, False], ids=["sorted", "unsorted"])
def test_sorted_fast_path_matches_pandas(rng, rule, closed, label, sort):
    pdf = _frame(rng, span_s=3600 if rule in ("7s", "min") else 90 * 86400, sort=sort)
    df = gf.from_pandas(pdf)
    r = df.resample(rule, on="ts", closed=closed, label=label)
    assert (r._starts is not None) == sort  # the fast path exactly where times are sorted
    pr = pdf.resample(rule, on="ts", closed=closed, label=label)
    for op in (*FAST_OPS, "std", "median"):
        assert_frame_equal(getattr(r, op)(), getattr(pr, op)(), check_freq=False, obj=op)
    assert_series_equal(r.size(), pr.size(), check_freq=False)
    assert_frame_equal(r.ohlc(), pr.ohlc(), check_freq=False)
    assert_frame_equal(r.agg(["sum", "max"]), pr.agg(["sum", "max"]), check_freq=False)
    assert_series_equal(r["b"].max(), pr["b"].max(), check_freq=False)


@pytest.mark.parametrize(
    "origin", ["start_day", "start", "epoch", "end", "end_day", pd.Timestamp("2017-07-01 00:07")]
)
@pytest.mark.parametrize("rule", ["7min", "5h", "D", "3D"])
def test_sorted_index_origin_offset(rng, origin, rule):
    pdi = _frame(rng).set_index("ts")
    g = gf.from_pandas(pdi)
    for offset in (None, "2h"):
        try:
            want = pdi.resample(rule, origin=origin, offset=offset)
        except ValueError:  # pandas: the origin falls after the first time
            continue
        got = g.resample(rule, origin=origin, offset=offset)
        assert got._starts is not None
        for op in ("sum", "mean", "max", "last"):
            assert_frame_equal(getattr(got, op)(), getattr(want, op)(), check_freq=False)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fast_path_same_as_general_path(rng, monkeypatch, dtype):
    """Bit for bit: the run kernels add in float64 in row order, as the groupby kernel."""
    pdi = _frame(rng, n=3000, dtype=dtype).set_index("ts")
    g = gf.from_pandas(pdi)
    fast = {op: getattr(g.resample("6h"), op)() for op in FAST_OPS}
    fast["ohlc"] = g.resample("6h").ohlc()
    monkeypatch.setattr(Resampler, "_sorted_bins", lambda self: None)
    r = g.resample("6h")
    assert r._starts is None
    for op, got in fast.items():
        assert_frame_equal(got, getattr(r, op)(), check_exact=True, check_freq=False, obj=op)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float32_kept(rng, dtype):
    pdi = _frame(rng, dtype=dtype).set_index("ts")
    g = gf.from_pandas(pdi)
    for op in FAST_OPS:
        got, want = getattr(g.resample("D"), op)(), getattr(pdi.resample("D"), op)()
        # float32 sums add in float64 (pandas in float32): equal to float32 rounding
        assert_frame_equal(got, want, check_freq=False, rtol=1e-4, atol=1e-4, obj=op)
        if op != "count":
            assert got["a"].dtype == np.dtype(dtype)


@pytest.mark.parametrize(
    "times",
    [
        ["2020-01-01 10:00"],  # one row
        ["2020-01-01", "2020-01-01"],  # one bin, ties
        ["2020-01-01", "2020-01-09"],  # empty bins between
        ["2020-01-02", None, "2020-01-01"],  # NaT: left out, as pandas
        [None, "2020-01-01", "2020-01-03"],  # NaT first: the general path
        [None, None],  # only NaT
        [],
    ],
    ids=stable_id,
)
def test_edge_cases(times, rng):
    idx = pd.DatetimeIndex(pd.to_datetime(times, format="ISO8601"))
    n = len(idx)
    for vals in (np.arange(n, dtype="float64") - 1.5, np.full(n, np.nan)):
        s = pd.Series(vals, index=idx, name="x")
        g = gf.from_pandas(s)
        for op in (*FAST_OPS, "size"):
            assert_series_equal(
                getattr(g.resample("D"), op)(), getattr(s.resample("D"), op)(), check_freq=False
            )
        assert_frame_equal(g.resample("D").ohlc(), s.resample("D").ohlc(), check_freq=False)


def test_mixed_columns_use_general_path(rng):
    ints = pd.array(rng.integers(-5, 5, 400), dtype="Int64")
    ints[3] = None  # a masked column: the general path (plain ints take the run kernels)
    pdf = _frame(rng).assign(i=ints, s=["x", "y"] * 200)
    df = gf.from_pandas(pdf.drop(columns="s"))
    r, pr = df.resample("D", on="ts"), pdf.drop(columns="s").resample("D", on="ts")
    assert r._starts is not None and r._fast_values() is None
    for op in FAST_OPS:
        assert_frame_equal(getattr(r, op)(), getattr(pr, op)(), check_freq=False, obj=op)
    assert_frame_equal(r[["a", "b"]].sum(), pr[["a", "b"]].sum(), check_freq=False)


def test_many_columns_and_chunks(rng):
    """More columns than one pass takes, mixed float dtypes, enough rows for the pool."""
    n = 300_000
    t = np.sort(rng.integers(0, 86400, n)) * 10**9
    cols = {f"v{j}": rng.normal(size=n).astype("float32" if j % 3 else "float64") for j in range(7)}
    pdi = pd.DataFrame(cols, index=pd.to_datetime(t).rename("ts"))
    pdi.iloc[::7, 2] = np.nan
    g = gf.from_pandas(pdi)
    for op in ("sum", "mean", "max", "min", "count", "last"):
        assert_frame_equal(
            getattr(g.resample("1min"), op)(),
            getattr(pdi.resample("1min"), op)(),
            check_freq=False,
            rtol=1e-4,
            obj=op,
        )


def test_kernels_direct():
    t = np.array([3, 3, 5, 9], dtype=np.int64)
    assert is_sorted_ticks(t) and is_sorted_ticks(t[:1]) and is_sorted_ticks(t[:0])
    assert not is_sorted_ticks(t[::-1].copy())
    big = np.arange(20_000, dtype=np.int64)
    big[15_000] = -1
    assert not is_sorted_ticks(big)
    x = np.array([np.nan, -np.inf, 2.0, np.nan])
    starts = np.array([0, 0, 1, 2, 4])
    got = run_reduce([x], starts, ["sum", "mean", "min", "max", "first", "last", "count"])[0]
    want = [
        [0.0, 0.0, -np.inf, 2.0],
        [np.nan, np.nan, -np.inf, 2.0],
        [np.nan, np.nan, -np.inf, 2.0],
        [np.nan, np.nan, -np.inf, 2.0],
        [np.nan, np.nan, -np.inf, 2.0],
        [np.nan, np.nan, -np.inf, 2.0],
        [0, 0, 1, 1],
    ]
    for g, w in zip(got, want, strict=True):
        np.testing.assert_array_equal(g, np.array(w))
    assert got[-1].dtype == np.int64
    assert run_reduce([], starts, ["sum"]) == []


@pytest.mark.parametrize("rule", ["7min", "D", "W", "ME"])
def test_generic_namespace_bins_match_fast_path(backend, rng, rule):
    """Times on another Array API namespace (CuPy's path) never take the NumPy fast path;
    their bin numbers equal those the fast path's runs give."""
    from gpuframe.backend import is_numpy, to_host
    from gpuframe.column._column import Column

    pdi = _frame(rng).set_index("ts")
    s = gf.from_pandas(pdi["a"])
    ticks = pdi.index.to_numpy()
    fast = Resampler(s, rule)
    times = Column._from_parts(backend.asarray(ticks.view(np.int64)), None, None)
    times._dtype = ticks.dtype  # int64 ticks, as a device library keeps them
    # array-api-strict arrays have no .view (CuPy's do): the null flags given directly
    times.null_array = lambda: backend.zeros(len(ticks), dtype=backend.bool)
    generic = Resampler(s, rule, _times=times, _time_name="ts")
    assert fast._starts is not None
    assert (generic._starts is None) == (not is_numpy(backend))
    assert generic._nbins == fast._nbins
    np.testing.assert_array_equal(
        to_host(generic._key_column().data), to_host(fast._key_column().data)
    )
    bins = np.arange(fast._nbins, dtype=np.int64)
    np.testing.assert_array_equal(
        to_host(generic._labels(backend.asarray(bins))), fast._labels(bins)
    )
