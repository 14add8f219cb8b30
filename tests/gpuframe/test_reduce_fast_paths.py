"""The NumPy fast paths of reductions and uniqueness (``_reduce_kernels``) against pandas:
var/std/sem kernels, count-table quantiles, radix nunique, table value_counts / unique /
duplicated / drop_duplicates, frame reductions over the row pool; and the generic path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.column import Column, _reduce, _unique
from gpuframe.column import _reduce_kernels as K
from gpuframe.testing import assert_frame_equal, assert_series_equal

I64 = np.iinfo(np.int64)


def _arrays() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    f = np.round(rng.normal(size=500), 2)
    f[::9] = np.nan
    f[3] = -0.0
    f[4] = 0.0
    return {
        "empty_f": np.zeros(0),
        "empty_i": np.zeros(0, dtype=np.int64),
        "one_f": np.array([2.5]),
        "one_i": np.array([7], dtype=np.int32),
        "all_nan": np.full(5, np.nan),
        "float_nan": f,
        "neg_small": rng.integers(-50, 50, 1000).astype(np.int32),
        "int8": rng.integers(-128, 127, 700).astype(np.int8),
        "uint8": rng.integers(0, 255, 700).astype(np.uint8),
        "extremes": np.array([I64.min, I64.max, 0, -1, I64.max, 5], dtype=np.int64),
        "uint64_big": np.array([2**64 - 1, 0, 2**63, 2**64 - 1, 1], dtype=np.uint64),
        "uint64_small": rng.integers(0, 30, 400).astype(np.uint64),
        "wide_int": rng.integers(-(2**40), 2**40, 3000),
        "ties": np.array([3, 1, 3, 1, 2, 2, 5], dtype=np.int64),
        "with_inf": np.array([1.0, np.inf, -np.inf, 2.0, np.nan, 0.5]),
        "const": np.full(50, 2.5),
        "bunched": rng.exponential(size=5000) ** 6,
        "wide_float": rng.normal(size=20_000) * 1e300,
    }


ARRAYS = _arrays()


def _close(got, exp):
    if exp is pd.NA:
        assert got is pd.NA
    elif isinstance(exp, float) and np.isnan(exp):
        assert np.isnan(got)
    else:
        assert float(got) == pytest.approx(float(exp), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("name", list(ARRAYS))
@pytest.mark.parametrize("op", ["var", "std", "sem"])
@pytest.mark.parametrize("ddof", [0, 1, 2])
@pytest.mark.parametrize("skipna", [True, False])
def test_spread_matches_pandas(name, op, ddof, skipna):
    a = ARRAYS[name]
    s = pd.Series(a)
    with np.errstate(all="ignore"):
        exp = getattr(s, op)(ddof=ddof, skipna=skipna)
    got = getattr(gf.Series(s), op)(ddof=ddof, skipna=skipna)
    _close(got, exp)


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # inf - inf, both sides
@pytest.mark.parametrize("name", list(ARRAYS))
def test_median_and_quantiles_match_pandas(name):
    a = ARRAYS[name]
    s = pd.Series(a)
    g = gf.Series(s)
    _close(g.median(), s.median())
    for q in (0.0, 0.1, 0.25, 0.5, 0.9, 1.0):
        _close(g.quantile(q), s.quantile(q))
    if len(a) and name != "all_nan":
        got = g.quantile([0.25, 0.5, 0.75]).to_pandas()
        exp = s.quantile([0.25, 0.5, 0.75])
        np.testing.assert_allclose(got.to_numpy(float), exp.to_numpy(float), rtol=1e-12)


def test_float_quantiles_are_numpys_bit_for_bit():
    rng = np.random.default_rng(11)
    qs = [0.0, 0.01, 0.25, 0.5, 0.9, 0.999, 1.0]
    for x in (
        rng.random(100_000),
        np.where(rng.random(50_000) < 0.2, np.nan, rng.normal(size=50_000)),
        np.round(rng.uniform(-5, 5, 30_000), 1),  # many ties
        np.array([3.0]),
        np.array([np.nan, 1.0, np.nan]),
    ):
        y = x[~np.isnan(x)]
        got = K.float_quantiles(x, qs)
        assert got is not None
        assert got == [np.quantile(y, q) for q in qs]
    assert K.float_quantiles(np.array([np.nan, np.nan]), [0.5]) is None
    assert K.float_quantiles(np.array([1.0, np.inf]), [0.5]) is None
    assert K.float_quantiles(rng.exponential(size=100_000) ** 8, [0.5]) is None  # bunched
    assert K.float_quantiles(np.arange(5, dtype=np.float32), [0.5]) is None


def test_int_variance_is_exact():
    x = np.array([10**9, 10**9 + 1, 10**9 + 2], dtype=np.int64)
    assert K.int_variance(x, 1) == 1.0
    assert K.int_variance(x, 3) is None  # n <= ddof
    assert K.int_variance(np.array([I64.min, I64.max]), 1) is None  # range overflow
    assert K.int_variance(np.array([2**63, 2**63 + 2], dtype=np.uint64), 0) is None
    y = np.random.default_rng(2).integers(-1000, 1000, 10_001).astype(np.int16)
    assert K.int_variance(y, 1) == pytest.approx(np.var(y.astype(float), ddof=1), rel=1e-14)


def test_counted_quantiles_are_numpys_bit_for_bit():
    rng = np.random.default_rng(3)
    for dtype in (np.int8, np.int32, np.int64, np.uint16):
        x = rng.integers(0, 100, 10_001).astype(dtype)
        qs = [0.0, 0.1, 0.33, 0.5, 0.9, 0.999, 1.0]
        got = _reduce._counted_quantiles(x, qs)
        assert got == [np.quantile(x, q) for q in qs]
    # a range wider than the count: no table
    assert _reduce._counted_quantiles(np.array([0, 2**40]), [0.5]) is None


@pytest.mark.parametrize("name", list(ARRAYS))
def test_nunique_matches_pandas(name):
    s = pd.Series(ARRAYS[name])
    assert gf.Series(s).nunique() == s.nunique()


def test_nunique_of_datetimes_and_wide_floats():
    rng = np.random.default_rng(1)
    t = pd.Series(pd.to_datetime(rng.integers(0, 10**6, 5000), unit="s"))
    t[::11] = pd.NaT
    assert gf.Series(t).nunique() == t.nunique()
    td = pd.Series(pd.to_timedelta(rng.integers(-50, 50, 300), unit="ms"))
    td[::7] = pd.NaT
    assert gf.Series(td).nunique() == td.nunique()
    f = pd.Series(rng.random(300_000))
    f[::5] = np.nan
    f[1] = -0.0
    f[2] = 0.0
    assert gf.Series(f).nunique() == f.nunique()
    assert K.count_distinct_wide(np.array([np.nan, -0.0, 0.0, np.inf, -np.inf])) == 3
    ticks = np.array([I64.min, 5, 5, I64.min], dtype=np.int64)
    assert K.count_distinct_wide(ticks, nat=True) == 1
    assert K.count_distinct_wide(ticks) == 2


def test_integer_median_does_not_overflow():
    for x in ([2**31 - 1, -(2**31)], [I64.max, I64.min, 5]):
        for dtype in ("int32", "int64", "Int64"):
            if dtype == "int32" and len(x) == 3:
                continue
            s = pd.Series(x, dtype=dtype)
            _close(gf.Series(s).median(), s.median())


def test_narrow_datetime_median_and_masked_quantiles():
    t = pd.Series(pd.to_datetime([3, 1, 2, None, 2], unit="ns"))
    g = gf.Series(t)
    assert g.median() == t.median()  # ticks stay off the integer count table
    m = pd.Series([1, None, 3, 3, 7, None], dtype="Int64")
    gm = gf.Series(m)
    _close(gm.median(), m.median())
    got = gm.quantile([0.25, 0.5]).to_pandas()
    exp = m.quantile([0.25, 0.5])
    np.testing.assert_allclose(got.to_numpy(float), exp.to_numpy(float), rtol=1e-12)


def test_nullable_nunique_and_spread():
    s = pd.Series([1, None, 3, 3, -(2**62), None], dtype="Int64")
    g = gf.Series(s)
    assert g.nunique() == s.nunique()
    _close(g.var(), s.var())
    f = pd.Series([1.5, None, 2.5, 1.5], dtype="Float64")
    assert gf.Series(f).nunique() == f.nunique()


def _value_counts_same(got, exp):
    assert_series_equal(got, exp)


@pytest.mark.parametrize(
    "name", [k for k in ARRAYS if ARRAYS[k].dtype.kind in "iu" and len(ARRAYS[k])]
)
def test_value_counts_unique_duplicated_match_pandas(name):
    s = pd.Series(ARRAYS[name])
    g = gf.Series(s)
    _value_counts_same(g.value_counts(), s.value_counts())
    _value_counts_same(g.value_counts(ascending=True), s.value_counts(ascending=True))
    np.testing.assert_array_equal(g.unique().to_numpy(), s.unique())
    assert g.unique().dtype == s.dtype
    for keep in ("first", "last", False):
        assert_series_equal(g.duplicated(keep=keep), s.duplicated(keep=keep))
        assert_series_equal(g.drop_duplicates(keep=keep), s.drop_duplicates(keep=keep))


@pytest.mark.parametrize("late", [-(2**63), -5000, 10**6, 2**63 - 1])
def test_counts_table_guess_and_fallback(late):
    """The range guessed from the first rows: a later value outside it (even at the int64
    extremes) falls back to the exact range, or to hashing when that is too wide."""
    rng = np.random.default_rng(4)
    x = rng.integers(-20, 20, 200_000)
    x[150_000] = late
    s = pd.Series(x)
    g = gf.Series(s)
    assert_series_equal(g.value_counts(), s.value_counts())
    _close(g.median(), s.median())
    _close(g.quantile(0.9), s.quantile(0.9))
    t = K.counts_table(x)
    if abs(late) < 10**5:
        lo, counts = t
        assert lo == min(-20, late) and int(counts.sum()) == len(x)
    else:
        assert t is None
    lo, counts = K.counts_table(x[:100_000].astype(np.int16))
    np.testing.assert_array_equal(counts[counts > 0], np.unique(x[:100_000], return_counts=True)[1])


def test_bool_and_empty_uniqueness():
    s = pd.Series([True, False, True, True])
    g = gf.Series(s)
    _value_counts_same(g.value_counts(), s.value_counts())
    np.testing.assert_array_equal(g.unique().to_numpy(), s.unique())
    assert_series_equal(g.duplicated(), s.duplicated())
    e = pd.Series(np.zeros(0, dtype=np.int32))
    ge = gf.Series(e)
    assert len(ge.unique()) == 0
    assert len(ge.value_counts()) == 0
    assert_series_equal(ge.duplicated(), e.duplicated())
    assert_series_equal(ge.drop_duplicates(), e.drop_duplicates())


def _keyed_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    cat = pd.Categorical(rng.choice(["a", "b", "c", None], n))
    return pd.DataFrame(
        {
            "c": cat,
            "i": rng.integers(-3, 4, n).astype(np.int32),
            "u": rng.integers(0, 5, n).astype(np.uint8),
            "w": rng.integers(-(2**62), 2**62, n),
            "f": rng.integers(0, 3, n).astype(np.float64),
        }
    )


@pytest.mark.parametrize("subset", [["c", "i"], ["i", "u"], ["c", "i", "u"], ["i", "w"], ["f"]])
@pytest.mark.parametrize("keep", ["first", "last", False])
def test_frame_duplicates_match_pandas(subset, keep):
    p = _keyed_frame(400)
    g = gf.DataFrame(p)
    assert_series_equal(g.duplicated(subset, keep=keep), p.duplicated(subset, keep=keep))
    assert_frame_equal(g.drop_duplicates(subset, keep=keep), p.drop_duplicates(subset, keep=keep))
    got = g[subset].drop_duplicates(keep=keep, ignore_index=True)
    assert_frame_equal(got, p[subset].drop_duplicates(keep=keep, ignore_index=True))


def test_dense_codes_and_kept_positions():
    a = Column._from_parts(np.array([5, 6, 5, 6, 7]))
    b = Column._from_parts(np.array([1, 1, 1, 2, 1], dtype=np.int8))
    codes, size = _unique.dense_codes([a, b])
    assert size == 3 * 2
    assert codes.tolist() == [0, 2, 0, 3, 4]
    assert _unique.kept_positions([a, b]).tolist() == [0, 1, 3, 4]
    assert _unique.kept_positions([a, b], keep="last").tolist() == [1, 2, 3, 4]
    assert _unique.kept_positions([a, b], keep=False) is None
    wide = Column._from_parts(np.array([0, 2**62]))
    assert _unique.dense_codes([wide]) is None
    assert _unique.dense_codes([Column._from_parts(np.array([1.0]))]) is None


def test_frame_reductions_on_the_pool_match_pandas():
    n = 300_000  # above the pool's threshold: columns run as pool tasks
    rng = np.random.default_rng(5)
    v = rng.random(n)
    v[::13] = np.nan
    p = pd.DataFrame(
        {
            "a": rng.integers(1, 100, n).astype(np.int32),
            "b": rng.integers(-(2**40), 2**40, n),
            "v": v,
            "t": pd.to_datetime(rng.integers(0, 10**5, n), unit="s"),
        }
    )
    g = gf.DataFrame(p)
    num = ["a", "b", "v"]
    for op in ("var", "std", "sem", "median"):
        got = getattr(g[num], op)().to_pandas()
        exp = getattr(p[num], op)()
        np.testing.assert_allclose(got.to_numpy(float), exp.to_numpy(float), rtol=1e-9)
    np.testing.assert_allclose(
        g[num].quantile(0.9).to_pandas().to_numpy(float),
        p[num].quantile(0.9).to_numpy(float),
        rtol=1e-12,
    )
    assert_series_equal(g.nunique(), p.nunique())
    got = g[num].describe().to_pandas()
    np.testing.assert_allclose(got.to_numpy(float), p[num].describe().to_numpy(float), rtol=1e-9)
    with pytest.raises(TypeError, match="column 't'"):
        g.var()


def test_generic_reductions_agree(monkeypatch):
    """With the NumPy fast paths switched off, the generic code (CuPy's) gives the same."""
    from gpuframe import _stats

    p = _keyed_frame(300)
    p["v"] = np.where(np.arange(300) % 7 == 0, np.nan, np.arange(300) * 0.5)
    want = {
        "var": p[["i", "u", "v"]].var(),
        "median": p[["i", "u", "v"]].median(),
        "q": p[["i", "u", "v"]].quantile(0.9),
        "nunique": p.nunique(),
        "dup": p.duplicated(["c", "i"]),
        "drop": p.drop_duplicates(["c", "i"], keep="last"),
        "vc": p["i"].value_counts(),
        "unique": p["i"].unique(),
    }
    for mod in (_reduce, _unique):
        monkeypatch.setattr(mod, "is_numpy", lambda xp: False)
    monkeypatch.setattr(_stats, "_pooled", lambda items: False)
    g = gf.DataFrame(p)
    for key, op in (("var", "var"), ("median", "median")):
        got = getattr(g[["i", "u", "v"]], op)().to_pandas()
        np.testing.assert_allclose(got.to_numpy(float), want[key].to_numpy(float), rtol=1e-12)
    np.testing.assert_allclose(
        g[["i", "u", "v"]].quantile(0.9).to_pandas().to_numpy(float),
        want["q"].to_numpy(float),
        rtol=1e-12,
    )
    assert_series_equal(g.nunique(), want["nunique"])
    assert_series_equal(g.duplicated(["c", "i"]), want["dup"])
    assert_frame_equal(g.drop_duplicates(["c", "i"], keep="last"), want["drop"])
    assert_series_equal(g["i"].value_counts(), want["vc"])
    np.testing.assert_array_equal(g["i"].unique().to_numpy(), want["unique"])
