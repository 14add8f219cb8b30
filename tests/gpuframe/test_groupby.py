"""DataFrame/Series groupby against pandas on the same data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


def make_pdf(rng, n=60):
    strs = np.array(["a", "b", "c", None], dtype=object)
    return pd.DataFrame(
        {
            "ks": pd.Series(rng.choice(strs, n), dtype="str"),
            "ki": rng.integers(-2, 3, n),
            "kf": np.where(rng.random(n) < 0.15, np.nan, rng.integers(0, 3, n).astype(float)),
            "vi": rng.integers(-100, 100, n),
            "vf": np.where(rng.random(n) < 0.2, np.nan, rng.normal(size=n)),
            "vb": rng.random(n) < 0.5,
        }
    )


@pytest.fixture
def frames(rng):
    pdf = make_pdf(rng)
    return pdf, gf.DataFrame(pdf)


def check(got, exp, **kw):
    if isinstance(exp, pd.Series):
        assert_series_equal(got, exp, **kw)
    else:
        assert_frame_equal(got, exp, **kw)


KEYS = ["ks", "ki", "kf", ["ks", "ki"], ["kf", "ks"]]
OPS = [
    "sum",
    "mean",
    "count",
    "size",
    "min",
    "max",
    "std",
    "var",
    "median",
    "first",
    "last",
    "nunique",
    "prod",
    "any",
    "all",
    "sem",
]


@pytest.mark.parametrize("by", KEYS)
@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("sort,dropna", [(True, True), (False, False)])
def test_reductions_match_pandas(frames, by, op, sort, dropna):
    pdf, gdf = frames
    keys = by if isinstance(by, list) else [by]
    cols = [c for c in ["vi", "vf", "vb"] if c not in keys]
    if op in ("sum", "mean", "std", "var", "median", "prod", "sem", "any", "all"):
        pass
    else:
        cols = cols + [k for k in ["ks"] if k not in keys]
    exp = getattr(pdf[keys + cols].groupby(by, sort=sort, dropna=dropna), op)()
    got = getattr(gdf[keys + cols].groupby(by, sort=sort, dropna=dropna), op)()
    check(got, exp, check_exact=False, rtol=1e-9)


@pytest.mark.parametrize("by", ["ks", ["ki", "ks"]])
@pytest.mark.parametrize("op", ["sum", "mean", "max", "first", "nunique", "size"])
def test_as_index_false(frames, by, op):
    pdf, gdf = frames
    exp = getattr(pdf.groupby(by, as_index=False, sort=False, dropna=False), op)()
    got = getattr(gdf.groupby(by, as_index=False, sort=False, dropna=False), op)()
    check(got, exp, check_exact=False, rtol=1e-9)


def test_series_groupby(frames):
    pdf, gdf = frames
    for op in ("sum", "mean", "max", "nunique", "median", "idxmin", "idxmax"):
        check(getattr(gdf.groupby("ks")["vf"], op)(), getattr(pdf.groupby("ks")["vf"], op)())
    check(gdf["vf"].groupby(gdf["ki"]).mean(), pdf["vf"].groupby(pdf["ki"]).mean())
    check(gdf.vf.groupby(gdf.ks).quantile(0.3), pdf.vf.groupby(pdf.ks).quantile(0.3))


def test_agg_forms(frames):
    pdf, gdf = frames
    g, p = gdf.groupby("ks"), pdf.groupby("ks")
    check(g.agg("sum"), p[["ki", "kf", "vi", "vf", "vb"]].agg("sum"))
    check(g[["vi", "vf"]].agg(["sum", "mean"]), p[["vi", "vf"]].agg(["sum", "mean"]))
    check(g.agg({"vi": "sum", "vf": ["min", "max"]}), p.agg({"vi": "sum", "vf": ["min", "max"]}))
    check(g.agg({"vi": "sum", "vf": "max"}), p.agg({"vi": "sum", "vf": "max"}))
    check(
        g.agg(total=("vi", "sum"), hi=("vf", "max")), p.agg(total=("vi", "sum"), hi=("vf", "max"))
    )
    check(g["vi"].agg(["min", "max"]), p["vi"].agg(["min", "max"]))
    f = lambda s: s.max() - s.min()  # noqa: E731
    check(g["vi"].agg(f), p["vi"].agg(f), check_dtype=False)
    check(g.agg({"vi": f}), p.agg({"vi": f}), check_dtype=False)


def test_db_benchmark_style(frames):
    pdf, gdf = frames
    kw = dict(as_index=False, sort=False, observed=True, dropna=False)
    check(
        gdf.groupby(["ks", "ki"], **kw).agg({"vi": "sum", "vf": "mean"}),
        pdf.groupby(["ks", "ki"], **kw).agg({"vi": "sum", "vf": "mean"}),
    )
    check(
        gdf.groupby("ki", **kw).agg({"vf": ["median", "std"]}),
        pdf.groupby("ki", **kw).agg({"vf": ["median", "std"]}),
    )


def test_transforms(frames):
    pdf, gdf = frames
    for op in ("cumsum", "cummax", "cummin"):
        check(
            getattr(gdf.groupby("ks")[["vi", "vf"]], op)(),
            getattr(pdf.groupby("ks")[["vi", "vf"]], op)(),
        )
    check(gdf.groupby("ks")["vf"].cumprod(), pdf.groupby("ks")["vf"].cumprod())  # ints overflow
    check(gdf.groupby("ks").cumcount(), pdf.groupby("ks").cumcount(), check_dtype=False)
    check(
        gdf.groupby("ks").cumcount(ascending=False),
        pdf.groupby("ks").cumcount(ascending=False),
        check_dtype=False,
    )
    check(gdf.groupby("ks").ngroup(), pdf.groupby("ks").ngroup(), check_dtype=False)
    check(gdf.groupby("kf")["vf"].rank(method="min"), pdf.groupby("kf")["vf"].rank(method="min"))
    check(gdf.groupby("ks")[["vi", "vf"]].shift(1), pdf.groupby("ks")[["vi", "vf"]].shift(1))
    check(gdf.groupby("ks")[["vi", "vf"]].shift(-2), pdf.groupby("ks")[["vi", "vf"]].shift(-2))
    check(gdf.groupby("ks")[["vi", "vf"]].diff(), pdf.groupby("ks")[["vi", "vf"]].diff())
    check(gdf.groupby("ks")["vf"].transform("mean"), pdf.groupby("ks")["vf"].transform("mean"))
    check(
        gdf.groupby("ki")[["vi", "vf"]].transform("max"),
        pdf.groupby("ki")[["vi", "vf"]].transform("max"),
    )
    f = lambda s: s - s.mean()  # noqa: E731
    check(gdf.groupby("ki")["vf"].transform(f), pdf.groupby("ki")["vf"].transform(f))


def test_head_tail_nth_filter(frames):
    pdf, gdf = frames
    for n in (1, 2, -1):
        check(gdf.groupby("ks").head(n), pdf.groupby("ks").head(n))
        check(gdf.groupby("ks").tail(n), pdf.groupby("ks").tail(n))
    for n in (0, 1, -1, [0, 2]):
        check(gdf.groupby("ks").nth(n), pdf.groupby("ks").nth(n))
    f = lambda d: d["vi"].sum() > 0  # noqa: E731
    check(gdf.groupby("ks").filter(lambda d: bool(d["vi"].sum() > 0)), pdf.groupby("ks").filter(f))


def test_rolling_corr_cov(frames):
    pdf, gdf = frames
    for op in ("sum", "mean", "max", "count", "std"):
        exp = getattr(pdf.groupby("ks")["vf"].rolling(3, min_periods=1), op)()
        got = getattr(gdf.groupby("ks")["vf"].rolling(3, min_periods=1), op)()
        check(got, exp, check_dtype=False)
    exp = pdf.groupby("ks")["vf"].corr(pdf["vi"].astype(float))
    check(gdf.groupby("ks")["vf"].corr(gdf["vi"]), exp)
    exp = pdf[["ks", "vi", "vf"]].groupby("ks").cov()
    check(gdf[["ks", "vi", "vf"]].groupby("ks").cov(), exp, check_index_type=False)
    exp = pdf[["ks", "vi", "vf"]].groupby("ks").corr()
    check(gdf[["ks", "vi", "vf"]].groupby("ks").corr(), exp, check_index_type=False)


def test_iteration_and_groups(frames):
    pdf, gdf = frames
    g, p = gdf.groupby("ks"), pdf.groupby("ks")
    assert g.ngroups == p.ngroups == len(g)
    for (n1, d1), (n2, d2) in zip(g, p):
        assert n1 == n2
        check(d1, d2)
    assert list(g.groups) == list(p.groups)
    for k in p.groups:
        assert g.groups[k].to_pandas().tolist() == p.groups[k].tolist()
    check(g.get_group("a"), p.get_group("a"))
    g2, p2 = gdf.groupby(["ks", "ki"]), pdf.groupby(["ks", "ki"])
    assert [n for n, _ in g2] == [n for n, _ in p2]
    with pytest.raises(KeyError):
        g.get_group("zz")


def test_apply(frames):
    pdf, gdf = frames
    exp = pdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d["vi"].max())
    got = gdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d["vi"].max())
    check(got, exp, check_dtype=False, check_names=False)
    exp = pdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d.sum())
    got = gdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d.sum())
    check(got, exp, check_dtype=False)


def test_level_and_category(rng):
    pdf = make_pdf(rng).set_index(["ks", "ki"])
    gdf = gf.DataFrame(pdf)
    check(gdf.groupby(level="ks").sum(), pdf.groupby(level="ks").sum())
    check(gdf.groupby(level=[0, 1]).max(), pdf.groupby(level=[0, 1]).max())
    cat = pd.DataFrame(
        {"c": pd.Categorical(["x", "y", "x"], categories=["z", "y", "x"]), "v": [1, 2, 3]}
    )
    gcat = gf.DataFrame(cat)
    check(gcat.groupby("c").sum(), cat.groupby("c", observed=True).sum())
    check(gcat.groupby("c", observed=False).sum(), cat.groupby("c", observed=False).sum())


def test_empty_and_one_row():
    for pdf in (
        pd.DataFrame({"k": pd.Series([], dtype="int64"), "v": pd.Series([], dtype=float)}),
        pd.DataFrame({"k": [1], "v": [2.0]}),
    ):
        gdf = gf.DataFrame(pdf)
        for op in ("sum", "mean", "max", "size"):
            check(getattr(gdf.groupby("k"), op)(), getattr(pdf.groupby("k"), op)())


def test_bad_input(frames):
    pdf, gdf = frames
    with pytest.raises(KeyError, match="nope"):
        gdf.groupby("nope")
    with pytest.raises(TypeError, match="mean"):
        gdf.groupby("ki")["ks"].mean()
    with pytest.raises(ValueError, match="Invalid aggregation 'foo'"):
        gdf.groupby("ki").agg({"vi": "foo"})
    with pytest.raises(KeyError, match="zz"):
        gdf.groupby("ki").agg(x=("zz", "sum"))
    with pytest.raises(TypeError, match="by"):
        gdf.groupby()


def test_nlargest_nsmallest(frames):
    pdf, gdf = frames
    for sort in (True, False):
        for fn in ("nlargest", "nsmallest"):
            exp = getattr(pdf.groupby("ks", sort=sort)["vf"], fn)(2)
            got = getattr(gdf.groupby("ks", sort=sort)["vf"], fn)(2)
            check(got, exp)
    got = gdf.groupby("ks", as_index=False)["vf"].nlargest(2).to_pandas()
    exp = pdf.groupby("ks")["vf"].nlargest(2).reset_index(level=0).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, exp)


# --------------------------------------------------------------------------- properties
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_key = st.one_of(st.none(), st.integers(-2, 2))
_val = st.one_of(st.none(), st.floats(-100, 100, allow_nan=False))
_PROP_OPS = [
    "sum",
    "mean",
    "count",
    "size",
    "min",
    "max",
    "std",
    "var",
    "median",
    "first",
    "last",
    "nunique",
    "prod",
    "any",
    "all",
]


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.tuples(_key, _key, _val), min_size=1, max_size=30),
    as_str=st.booleans(),
    sort=st.booleans(),
    dropna=st.booleans(),
)
def test_property_every_aggregation(rows, as_str, sort, dropna):
    k1, k2, v = zip(*rows)
    k1s = pd.Series(k1, dtype="float64")
    if as_str:
        k1s = pd.Series([None if x is None else f"s{x}" for x in k1], dtype="str")
    pdf = pd.DataFrame(
        {"a": k1s, "b": pd.Series(k2, dtype="float64"), "v": pd.Series(v, dtype="float64")}
    )
    gdf = gf.DataFrame(pdf)
    for by in ("a", ["a", "b"]):
        p = pdf.groupby(by, sort=sort, dropna=dropna)["v"]
        g = gdf.groupby(by, sort=sort, dropna=dropna)["v"]
        for op in _PROP_OPS:
            check(getattr(g, op)(), getattr(p, op)(), check_exact=False, rtol=1e-9)
        check(g.cumsum(), p.cumsum())
        check(g.shift(1), p.shift(1))


def test_apply_frames(frames):
    pdf, gdf = frames
    exp = pdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d.head(2))
    got = gdf.groupby("ks")[["vi", "vf"]].apply(lambda d: d.head(2))
    check(got, exp)
