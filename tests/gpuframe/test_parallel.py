"""Row chunks on the thread pool (gpuframe.backend._parallel) and the operations routed
through it: the chunked answers equal NumPy's and pandas' bit for bit.

The pool is forced on small inputs (``MIN_ROWS`` lowered, two workers) so every chunk
boundary case runs here whatever the machine's core count.
"""

from __future__ import annotations

import threading
import warnings

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.backend import _parallel as par
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture(autouse=True)
def _cpu_device():
    """This module tests the CPU thread pool: its frames live on the CPU in a GPU session too."""
    with gf.on_device("cpu"):
        yield


@pytest.fixture
def forced(monkeypatch):
    """The pool on from 64 rows, two workers (whatever the machine has)."""
    monkeypatch.setattr(par, "MIN_ROWS", 64)
    with par.workers(2):
        yield


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype, (a.dtype, b.dtype)
    assert a.shape == b.shape, (a.shape, b.shape)
    np.testing.assert_array_equal(a.view(np.uint8), b.view(np.uint8))


SIZES = [0, 1, 2, 63, 64, 65, 1000, 4096 * 9 + 3, 100_003]


# ---------------------------------------------------------------------- the mechanism
@pytest.mark.parametrize("n", [0, 1, 2, 7, 10, 4096, 4096 * 16 + 5, 1_000_003])
@pytest.mark.parametrize("k", [1, 2, 3, 8, 17])
def test_chunk_bounds_cover_rows_in_order(n, k):
    b = par.chunk_bounds(n, k)
    assert b[0][0] == 0 and b[-1][1] == n
    assert all(s < e for s, e in b) or n == 0
    assert all(b[i][1] == b[i + 1][0] for i in range(len(b) - 1))
    assert len(b) <= max(k, 1)


@pytest.mark.parametrize("n", SIZES)
def test_map_chunks_results_in_chunk_order(forced, n):
    seen = []
    lock = threading.Lock()

    def body(s, e):
        with lock:
            seen.append((s, e))
        return (s, e)

    res = par.map_chunks(body, n)
    assert sorted(seen) == res
    assert res[0][0] == 0 and res[-1][1] == n
    assert all(res[i][1] == res[i + 1][0] for i in range(len(res) - 1))
    if n >= 128:
        assert len(res) > 1


def test_serial_below_min_rows_and_with_one_worker(monkeypatch):
    calls = []
    par.map_chunks(lambda s, e: calls.append((s, e)), 1000)
    assert calls == [(0, 1000)]  # below MIN_ROWS
    monkeypatch.setattr(par, "MIN_ROWS", 64)
    with par.workers(1):
        assert not par.parallel_rows(10**6)
        calls.clear()
        par.map_chunks(lambda s, e: calls.append((s, e)), 1000)
        assert calls == [(0, 1000)]
    with pytest.raises(ValueError, match="at least 1"):
        with par.workers(0):
            pass


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    "dtype", ["int8", "int32", "int64", "uint8", "uint64", "float32", "float64", "bool"]
)
def test_apply_equals_numpy(forced, rng, n, dtype):
    x = _values(rng, n, dtype)
    y = _values(rng, n, dtype)
    with np.errstate(all="ignore"):
        for fn in (np.add, np.subtract, np.multiply, np.equal, np.less, np.greater_equal):
            if dtype == "bool" and fn is np.subtract:
                continue
            same_bits(par.apply(fn, x, y), fn(x, y))
        if dtype != "bool":
            same_bits(par.apply(np.divide, x, y), np.divide(x, y))
            same_bits(par.apply(np.abs, x), np.abs(x))
            same_bits(par.apply(np.add, x, 3), np.add(x, 3))  # a weak Python scalar
            same_bits(par.apply(np.multiply, x, 2.5), np.multiply(x, 2.5))
            same_bits(par.apply(np.add, x, np.float32(1.5)), np.add(x, np.float32(1.5)))
            same_bits(
                par.apply(np.add, np.asarray(2, dtype=x.dtype), x), np.asarray(2, x.dtype) + x
            )
        if dtype.startswith("float"):
            same_bits(par.apply(np.isnan, x), np.isnan(x))
            for d in (0, 2, -1):
                same_bits(par.apply(np.round, x, decimals=d), np.round(x, decimals=d))
        else:
            same_bits(par.apply(np.bitwise_and, x, y), x & y)
            same_bits(par.apply(np.invert, x), ~x)


def _values(rng, n, dtype):
    d = np.dtype(dtype)
    if d.kind == "b":
        return rng.random(n) < 0.5
    if d.kind in "iu":
        info = np.iinfo(d)
        x = rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
        if n > 4:
            x[:4] = [info.min, info.max, 0, 1]
        return x
    x = (rng.standard_normal(n) * 100).astype(d)
    if n > 6:
        x[:6] = [np.nan, -0.0, 0.0, np.inf, -np.inf, 2.5]
    return x


def test_apply_non_contiguous_and_out_dtype(forced, rng):
    x = rng.standard_normal(30_000)
    v = x[::3]
    same_bits(par.apply(np.multiply, v, 2.0), v * 2.0)
    same_bits(par.apply(np.add, v, x[1::3]), v + x[1::3])
    i = rng.integers(-5, 5, 20_000).astype(np.int16)
    same_bits(par.apply(np.add, i, i, dtype=np.float64), np.add(i, i, dtype=np.float64))
    same_bits(par.apply(np.divide, i, 3), i / 3)  # int16 / int -> float64
    assert par.apply(np.greater, x, 0.0).dtype == np.bool_
    t = np.arange(5000).astype("datetime64[s]")
    same_bits(par.apply(np.add, t, np.timedelta64(5, "h")), t + np.timedelta64(5, "h"))


def test_apply_plain_for_other_inputs(forced, rng):
    assert par.apply(np.add, 1, 2) == 3
    x = np.array(["a", "b"] * 100, dtype=object)
    assert (par.apply(np.add, x, "c") == x + "c").all()
    m = np.ma.masked_array(np.arange(500.0), mask=np.arange(500) % 2 == 0)
    assert isinstance(par.apply(np.multiply, m, 2.0), np.ma.MaskedArray)
    two = np.arange(600.0).reshape(2, 300)
    same_bits(par.apply(np.multiply, two, 2.0), two * 2.0)
    with pytest.raises(ValueError):  # lengths differ: NumPy's own error
        par.apply(np.add, np.arange(100.0), np.arange(101.0))
    strict = pytest.importorskip("array_api_strict")
    a = strict.asarray(np.arange(1000.0))
    out = par.apply(strict.multiply, a, a)
    assert type(out) is type(a)
    np.testing.assert_array_equal(np.asarray(out), np.arange(1000.0) ** 2)


def test_astype_where_any_nan(forced, rng):
    x = rng.standard_normal(50_001) * 1e3
    for t in (np.int64, np.int32, np.float32, np.uint8, np.bool_):
        with np.errstate(all="ignore"):
            same_bits(par.astype(x, t), x.astype(t))
    i = rng.integers(-(2**62), 2**62, 50_001)
    same_bits(par.astype(i, np.float64), i.astype(np.float64))
    ts = np.arange(50_001).astype("datetime64[s]")
    same_bits(par.astype(ts, "datetime64[ns]"), ts.astype("datetime64[ns]"))
    assert par.astype(np.array(["1"] * 500), np.int64).tolist() == [1] * 500  # plain path
    c = x > 0
    same_bits(par.where(c, x, 0.0), np.where(c, x, 0.0))
    same_bits(par.where(c, 1, x.astype(np.float32)), np.where(c, 1, x.astype(np.float32)))
    same_bits(par.where(c, i, x), np.where(c, i, x))
    assert not par.any_nan(x)
    for pos in (0, 1, 25_000, 50_000):
        y = x.copy()
        y[pos] = np.nan
        assert par.any_nan(y)
    assert not par.any_nan(np.array([], dtype=float))
    assert par.any_nan(np.array([np.inf, np.nan], dtype=np.float32))


def test_error_from_a_worker_reaches_the_caller(forced):
    started = []

    def body(s, e):
        started.append(s)
        if s > 0:
            raise KeyError(f"chunk {s}")
        return s

    with pytest.raises(KeyError, match="chunk"):
        par.map_chunks(body, 10_000)
    with np.errstate(divide="raise"):  # the caller's error state holds in the workers
        with pytest.raises(FloatingPointError):
            par.apply(np.divide, np.ones(10_000), np.zeros(10_000))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="ignore"):
            par.apply(np.divide, np.ones(10_000), np.zeros(10_000))
    # the pool still works after the errors
    same_bits(par.apply(np.add, np.arange(10_000), 1), np.arange(10_000) + 1)


def test_many_threads_at_once_and_nested(forced, rng):
    xs = [rng.standard_normal(20_000 + i) for i in range(8)]
    want = [x * 3.0 + 1.0 for x in xs]
    errors = []

    def worker(i):
        try:
            for _ in range(20):
                got = par.apply(np.add, par.apply(np.multiply, xs[i], 3.0), 1.0)
                same_bits(got, want[i])
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "deadlock"
    assert not errors, errors

    x = xs[0]

    def outer(s, e):  # a pool task that uses the pool: runs serially there
        return par.apply(np.multiply, x[s:e], 2.0)

    parts = par.map_chunks(outer, x.shape[0])
    same_bits(np.concatenate(parts), x * 2.0)


# ---------------------------------------------------------------------- routed operations
N = 5003


@pytest.fixture
def frames(rng):
    n = N
    v = rng.standard_normal(n) * 100
    v[:6] = [np.nan, -0.0, 0.0, np.inf, -np.inf, 0.125]
    i64 = rng.integers(-1000, 1000, n)
    i64[:2] = [np.iinfo(np.int64).min + 1, np.iinfo(np.int64).max]
    ts = np.datetime64("1969-12-30T22:30:00", "ns") + (
        rng.integers(0, 10**6, n) * np.int64(3_600_000_000_000 // 7)
    ).astype("timedelta64[ns]")
    pdf = pd.DataFrame(
        {
            "f": v,
            "g": rng.standard_normal(n).astype(np.float32),
            "i": rng.integers(1, 15, n).astype(np.int32),
            "j": i64,
            "u": rng.integers(0, 200, n).astype(np.uint8),
            "b": rng.random(n) < 0.3,
            "s": pd.Series(rng.choice(["x", "y", None], n), dtype="str"),
            "c": pd.Categorical(rng.choice(["p", "q"], n)),
            "t": ts,
        }
    )
    return gf.from_pandas(pdf), pdf


def test_binary_ops_match_pandas(forced, frames):
    df, pdf = frames
    import operator as o

    pairs = [("f", "i"), ("i", "j"), ("f", "g"), ("j", "u"), ("i", "i")]
    with np.errstate(all="ignore"):
        for a, b in pairs:
            for op in (o.add, o.sub, o.mul, o.truediv, o.eq, o.ne, o.lt, o.ge):
                assert_series_equal(op(df[a], df[b]), op(pdf[a], pdf[b]), obj=f"{a} {op} {b}")
        for col in ("f", "g", "i", "j", "u"):
            for s in (2, 2.5) if col == "u" else (2, 2.5, -3):
                for op in (o.add, o.mul, o.truediv, o.gt, o.le):
                    assert_series_equal(op(df[col], s), op(pdf[col], s))
                    assert_series_equal(op(s, df[col]), op(s, pdf[col]))
    assert_series_equal(df["b"] & (df["i"] > 3), pdf["b"] & (pdf["i"] > 3))
    assert_series_equal(df["b"] | df["b"], pdf["b"] | pdf["b"])
    assert_series_equal((df["i"] > 2) & (df["f"] < 50.0), (pdf["i"] > 2) & (pdf["f"] < 50.0))
    delta = pd.Timedelta(hours=5)
    assert_series_equal(df["t"] + delta, pdf["t"] + delta)
    assert_series_equal(df["t"] > pdf["t"].iloc[7], pdf["t"] > pdf["t"].iloc[7])


def test_nullable_binary_and_where_match_pandas(forced, frames):
    df, pdf = frames
    p = pdf["i"].astype("Int64").where(pdf["i"] > 3)
    g = gf.from_pandas(p.to_frame("i"))["i"]
    for other in (2, pdf["i"]):
        gother = df["i"] if isinstance(other, pd.Series) else other
        assert_series_equal(g + gother, p + other)
        assert_series_equal(g > gother, p > other)
    assert_series_equal(df["f"].where(df["i"] > 5, 0.5), pdf["f"].where(pdf["i"] > 5, 0.5))


def test_unary_ops_match_pandas(forced, frames):
    df, pdf = frames
    for c in ("f", "g", "i", "j"):
        assert_series_equal(df[c].abs(), pdf[c].abs())
        assert_series_equal(-df[c], -pdf[c])
        for d in (0, 2, -1):
            assert_series_equal(df[c].round(d), pdf[c].round(d))
    assert_series_equal((df["f"] - 50.0).abs(), (pdf["f"] - 50.0).abs())
    assert_series_equal(~df["b"], ~pdf["b"])
    assert_series_equal(~df["i"], ~pdf["i"])
    assert_series_equal(df["f"].between(10.0, 20.0), pdf["f"].between(10.0, 20.0))
    for inc in ("neither", "left", "right"):
        assert_series_equal(
            df["i"].between(3, 9, inclusive=inc), pdf["i"].between(3, 9, inclusive=inc)
        )


def test_astype_isna_fillna_match_pandas(forced, frames):
    df, pdf = frames
    for c, t in [("i", "float64"), ("j", "float64"), ("u", "int64"), ("i", "float32"),
                 ("b", "int8"), ("i", "Int64"), ("g", "float64")]:  # fmt: skip
        assert_series_equal(df[c].astype(t), pdf[c].astype(t))
    finite = pdf["f"].where(np.isfinite(pdf["f"]), 1.5)
    gfin = gf.from_pandas(finite.to_frame("f"))["f"]
    for t in ("int64", "int32", "Int64" if False else "int16"):
        assert_series_equal(gfin.astype(t), finite.astype(t))
    assert_series_equal(gfin.round().astype("Int64"), finite.round().astype("Int64"))
    with pytest.raises(ValueError):
        df["f"].astype("int64")  # NaN
    with pytest.raises(TypeError):
        gfin.astype("Int64")  # 1.5 is not an integer: pandas' safe cast
    assert_frame_equal(df.isna(), pdf.isna())
    assert_frame_equal(df.notna(), pdf.notna())
    assert_series_equal(df["f"].fillna(0.0), pdf["f"].fillna(0.0))
    assert_series_equal(df["g"].fillna(-1), pdf["g"].fillna(-1))
    assert_series_equal(df["t"].isna(), pdf["t"].isna())


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("nat", [False, True])
def test_dt_fields_match_pandas(forced, rng, unit, nat):
    ticks = rng.integers(-(10**9), 10**9, N) * {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[
        unit
    ] + rng.integers(0, 1000, N)
    s = pd.Series(ticks.astype(f"datetime64[{unit}]"), name="t")
    if nat:
        s.iloc[[0, 3000]] = pd.NaT
    g = gf.from_pandas(s.to_frame("t"))["t"]
    for name in ("year", "month", "day", "quarter", "hour", "minute", "second", "day_of_week",
                 "day_of_year", "is_month_start"):  # fmt: skip
        assert_series_equal(getattr(g.dt, name), getattr(s.dt, name), obj=name)
    for freq in ("h", "D", "15min"):
        assert_series_equal(g.dt.floor(freq), s.dt.floor(freq))


@pytest.mark.parametrize("n", [0, 1, 2, 1000, 5003])
def test_diff_and_cumsum_match_pandas(forced, rng, n):
    _diff_and_cumsum(rng, n)


@pytest.mark.parametrize("n", [0, 1, 5003])
def test_diff_and_cumsum_serial_match_pandas(rng, n):
    _diff_and_cumsum(rng, n)


def _diff_and_cumsum(rng, n):
    v = rng.standard_normal(n) * 100
    v[: min(n, 4)] = [np.nan, np.inf, -0.0, -np.inf][: min(n, 4)]
    pdf = pd.DataFrame(
        {
            "f": v,
            "g": v.astype(np.float32),
            "i": rng.integers(1, 6, n).astype(np.int32),
            "j": rng.integers(-(2**62), 2**62, n),  # sums wrap, as NumPy's
            "u": rng.integers(0, 2**63, n, dtype=np.uint64),
            "s": rng.integers(-100, 100, n).astype(np.int8),
            "k": rng.integers(-(2**31), 2**31, n).astype(np.int32),  # differences wrap
            "w": rng.integers(0, 60000, n).astype(np.uint16),
        }
    )
    df = gf.from_pandas(pdf)
    for p in (1, 2, -1, -3, 0, n, n + 5):
        assert_frame_equal(df.diff(p), pdf.diff(p), obj=f"diff({p})")
    for c in ("i", "j", "u", "s", "k", "w"):
        assert_series_equal(df[c].cumsum(), pdf[c].cumsum(), obj=c)
        same_bits(df[c].cumsum().to_numpy(), np.cumsum(pdf[c].to_numpy()))


@pytest.mark.parametrize("per_s", [1, 1_000, 1_000_000, 1_000_000_000])
@pytest.mark.parametrize("spread", [10**6, 2**62])
def test_calendar_kernels_equal_the_reference(forced, rng, per_s, spread):
    from gpuframe.accessors._calendar_kernels import civil_field_numpy, clock_field_numpy
    from gpuframe.accessors._datetime_ops import civil_from_days

    n = 20_000
    base = int(rng.integers(0, 2**61 // per_s)) * per_s if spread < 2**40 else 0
    ticks = base + rng.integers(-spread, spread, n)
    ticks[:3000] = np.abs(ticks[:3000])  # whole blocks of non-negative ticks
    ticks[5] = np.iinfo(np.int64).max
    ticks[7000] = np.iinfo(np.int64).min + 1
    year, month, day = civil_from_days(ticks // (86400 * per_s), xp=np)
    want = {"year": year, "month": month, "day": day, "quarter": (month - 1) // 3 + 1}
    for name, ref in want.items():
        got, nat = civil_field_numpy(ticks, 86400 * per_s, name)
        assert not nat
        np.testing.assert_array_equal(got, ref.astype(np.int32), err_msg=name)
    secs = ticks // per_s
    for name, ref in {
        "hour": (secs // 3600) % 24,
        "minute": (secs // 60) % 60,
        "second": secs % 60,
        "dayofweek": (secs // 86400 + 3) % 7,
    }.items():
        got, nat = clock_field_numpy(ticks, per_s, name)
        assert not nat
        np.testing.assert_array_equal(got, ref.astype(np.int32), err_msg=name)
    ticks[[0, 4500, n - 1]] = np.iinfo(np.int64).min  # NaT
    for fn, arg, name in (
        (civil_field_numpy, 86400 * per_s, "year"),
        (clock_field_numpy, per_s, "hour"),
    ):
        got, nat = fn(ticks, arg, name)
        assert nat and (got[[0, 4500, n - 1]] == 0).all()


def test_between_one_pass_matches_pandas(forced, frames):
    df, pdf = frames
    bounds = [(10.0, 20.0), (-5, 5), (np.float32(-1.5), np.int64(30)), (np.nan, 5.0),
              (3, 2**40), (True, 5), (-np.inf, np.inf)]  # fmt: skip
    for col in ("f", "g", "i", "j", "u"):
        for lo, hi in bounds:
            for inc in ("both", "neither", "left", "right"):
                got = df[col].between(lo, hi, inclusive=inc)
                assert_series_equal(got, pdf[col].between(lo, hi, inclusive=inc))
    with pytest.raises(ValueError, match="inclusive"):
        df["f"].between(1, 2, inclusive="middle")


@pytest.mark.parametrize("n", [0, 1, 7, 5003])
def test_fillna_one_pass_matches_pandas(forced, rng, n):
    v = rng.standard_normal(n) * 10
    v[rng.random(n) < 0.3] = np.nan
    v[: min(n, 2)] = [-0.0, np.inf][: min(n, 2)]
    pdf = pd.DataFrame({"f": v, "g": v.astype(np.float32), "h": np.abs(v)})
    df = gf.from_pandas(pdf)
    for value in (0.0, -1, np.float32(2.5), 1e300, np.int64(3)):
        for c in ("f", "g"):
            with np.errstate(over="ignore"):
                assert_series_equal(df[c].fillna(value), pdf[c].fillna(value))
        assert_series_equal(df["f"].iloc[::3].fillna(value), pdf["f"].iloc[::3].fillna(value))
    assert_series_equal(df["f"].fillna(0.0).fillna(1.0), pdf["f"].fillna(0.0).fillna(1.0))


def _child_sum(_):
    x = np.arange(100_000, dtype=np.float64)
    return float(par.apply(np.multiply, x, 2.0, min_rows=64).sum())


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_pool_works_in_a_forked_child(forced):
    import multiprocessing as mp

    par.apply(np.add, np.arange(10_000.0), 1.0)  # the parent's pool exists
    with mp.get_context("fork").Pool(1) as pool:
        got = pool.map_async(_child_sum, [0]).get(timeout=60)
    assert got == [float((np.arange(100_000) * 2.0).sum())]
