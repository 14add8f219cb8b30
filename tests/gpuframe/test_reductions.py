"""Reductions, value_counts, unique, describe, corr and cov against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

OPS = [
    "sum",
    "mean",
    "min",
    "max",
    "std",
    "var",
    "count",
    "nunique",
    "median",
    "prod",
    "any",
    "all",
    "idxmin",
    "idxmax",
    "sem",
]


def _same(got, exp):
    if exp is pd.NA or exp is pd.NaT:
        assert got is exp
    elif isinstance(exp, float) and np.isnan(exp):
        assert np.isnan(got)
    elif isinstance(exp, (float, np.floating)):
        assert got == pytest.approx(exp, rel=1e-12)
        assert type(got) is type(exp) or (np.dtype(type(got)) == np.dtype(type(exp)))
    else:
        assert got == exp, (got, exp)
        assert type(got) is type(exp) or np.dtype(type(got)) == np.dtype(type(exp)), (
            type(got),
            type(exp),
        )


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("col", ["i", "i32", "n", "f", "b"])
def test_series_numeric_reductions(op, col):
    ps = mixed_pandas()[col]
    s = gf.from_pandas(ps)
    _same(getattr(s, op)(), getattr(ps, op)())


@pytest.mark.parametrize("op", ["min", "max", "count", "nunique", "mean", "median", "idxmin"])
def test_series_time_reductions(op):
    for col in ("t", "d"):
        ps = mixed_pandas()[col]
        _same(getattr(gf.from_pandas(ps), op)(), getattr(ps, op)())


@pytest.mark.parametrize("op", ["min", "max", "count", "nunique", "idxmax"])
def test_series_string_reductions(op):
    ps = mixed_pandas()["s"]
    _same(getattr(gf.from_pandas(ps), op)(), getattr(ps, op)())


def test_skipna_false_min_count_ddof_quantile():
    ps = mixed_pandas()["f"]
    s = gf.from_pandas(ps)
    _same(s.sum(skipna=False), ps.sum(skipna=False))
    _same(s.mean(skipna=False), ps.mean(skipna=False))
    _same(s.sum(min_count=10), ps.sum(min_count=10))
    _same(s.std(ddof=0), ps.std(ddof=0))
    for q in (0.0, 0.1, 0.5, 0.9, 1.0):
        _same(s.quantile(q), ps.quantile(q))
    n = mixed_pandas()["n"]
    _same(gf.from_pandas(n).max(skipna=False), n.max(skipna=False))


def test_empty_and_all_null_reductions():
    for ps in (
        pd.Series([], dtype="float64"),
        pd.Series([np.nan, np.nan]),
        pd.Series([None, None], dtype="Int64"),
    ):
        s = gf.from_pandas(ps)
        for op in ("sum", "mean", "min", "max", "count", "std", "median", "prod", "nunique"):
            _same(getattr(s, op)(), getattr(ps, op)())


@pytest.mark.parametrize(
    "op",
    [
        "sum",
        "mean",
        "min",
        "max",
        "std",
        "var",
        "count",
        "median",
        "prod",
        "nunique",
        "idxmin",
        "idxmax",
    ],
)
def test_frame_reductions(op):
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    assert_series_equal(getattr(df, op)(), getattr(pdf, op)())


@pytest.mark.parametrize("op", ["sum", "mean", "min", "max", "count", "std"])
def test_frame_row_reductions(op):
    pdf = numeric_pandas()[["a", "b"]]
    df = gf.from_pandas(pdf)
    assert_series_equal(getattr(df, op)(axis=1), getattr(pdf, op)(axis=1))


def test_frame_numeric_only_and_mixed():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    assert_series_equal(df.sum(numeric_only=True), pdf.sum(numeric_only=True))
    assert_series_equal(df.mean(numeric_only=True), pdf.mean(numeric_only=True))
    assert_series_equal(df.count(), pdf.count())
    assert_series_equal(df.nunique(), pdf.nunique())
    with pytest.raises(TypeError, match="'s'"):
        df.mean()


def test_value_counts_unique():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    for col in ("i32", "s", "f", "n", "b", "t"):
        assert_series_equal(df[col].value_counts(), pdf[col].value_counts())
        assert_series_equal(df[col].value_counts(dropna=False), pdf[col].value_counts(dropna=False))
        assert_series_equal(
            df[col].value_counts(normalize=True), pdf[col].value_counts(normalize=True)
        )
        assert_series_equal(df[col].unique(), pd.Series(pdf[col].unique(), name=col))


def test_describe_corr_cov():
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.describe(), pdf.describe())
    assert_frame_equal(df.describe(percentiles=[0.1, 0.9]), pdf.describe(percentiles=[0.1, 0.9]))
    assert_series_equal(df["b"].describe(), pdf["b"].describe())
    sdf = pd.DataFrame({"s": ["a", "b", "a", None]})
    assert_frame_equal(gf.from_pandas(sdf).describe(), sdf.describe().astype(str))
    sub = pdf[["a", "b"]].astype("float64")
    g = gf.from_pandas(sub)
    assert_frame_equal(g.corr(), sub.corr(), check_index_type=False)
    assert_frame_equal(g.cov(), sub.cov(), check_index_type=False)
    assert_frame_equal(
        g.corr(method="spearman"), sub.corr(method="spearman"), check_index_type=False
    )
    assert g["a"].corr(g["b"]) == pytest.approx(sub["a"].corr(sub["b"]))
    assert g["a"].cov(g["b"]) == pytest.approx(sub["a"].cov(sub["b"]))


def test_time_mean_truncates_like_pandas():
    for unit in ("s", "ms"):
        ps = pd.Series(np.array([1, 2, 4, 4], dtype=f"timedelta64[{unit}]"))
        _same(gf.from_pandas(ps).mean(), ps.mean())
        pt = pd.Series(np.array([1, 2, 4, 4], dtype=f"datetime64[{unit}]"))
        _same(gf.from_pandas(pt).mean(), pt.mean())
