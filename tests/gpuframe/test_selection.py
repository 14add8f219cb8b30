"""Selection against pandas: [], loc, iloc, masks, head/tail/sample, query, where, isin."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pair():
    pdf = numeric_pandas()
    return gf.from_pandas(pdf), pdf


def test_getitem_column_columns_mask_slice(pair):
    df, pdf = pair
    assert_series_equal(df["a"], pdf["a"])
    assert_frame_equal(df[["c", "a"]], pdf[["c", "a"]])
    assert_frame_equal(df[df["a"] > 3], pdf[pdf["a"] > 3])
    assert_frame_equal(df[(df["a"] > 2) & (df["b"] < 3)], pdf[(pdf["a"] > 2) & (pdf["b"] < 3)])
    assert_frame_equal(df[1:4], pdf[1:4])
    assert_series_equal(df.a, pdf.a)
    mask = [True, False] * 3 + [True]
    assert_frame_equal(df[mask], pdf[mask])


def test_nullable_mask_drops_missing_rows(pair):
    df, pdf = pair
    assert_frame_equal(df[df["c"] > 2], pdf[pdf["c"] > 2])


def test_loc(pair):
    df, pdf = pair
    assert_frame_equal(df.loc[[12, 10]], pdf.loc[[12, 10]])
    assert_frame_equal(df.loc[11:14], pdf.loc[11:14])
    assert_frame_equal(df.loc[11:14, ["b", "a"]], pdf.loc[11:14, ["b", "a"]])
    assert_series_equal(df.loc[:, "b"], pdf.loc[:, "b"])
    assert df.loc[12, "a"] == pdf.loc[12, "a"]
    assert_series_equal(df.loc[12], pdf.loc[12])
    assert_frame_equal(df.loc[df["a"] > 4, "a":"b"], pdf.loc[pdf["a"] > 4, "a":"b"])
    s, ps = df["b"], pdf["b"]
    assert s.loc[13] == ps.loc[13]
    assert_series_equal(s.loc[[16, 10]], ps.loc[[16, 10]])
    assert_series_equal(s[[16, 10]], ps[[16, 10]])


def test_loc_string_index():
    pdf = pd.DataFrame({"v": [1, 2, 3]}, index=["x", "y", "z"])
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.loc["y":"z"], pdf.loc["y":"z"])
    assert df.loc["z", "v"] == pdf.loc["z", "v"]


def test_iloc(pair):
    df, pdf = pair
    assert_frame_equal(df.iloc[1:5], pdf.iloc[1:5])
    assert_frame_equal(df.iloc[[0, -1, 2]], pdf.iloc[[0, -1, 2]])
    assert_frame_equal(df.iloc[1:3, [2, 0]], pdf.iloc[1:3, [2, 0]])
    assert_frame_equal(df.iloc[::2, 0:2], pdf.iloc[::2, 0:2])
    assert df.iloc[2, 0] == pdf.iloc[2, 0]
    assert_series_equal(df.iloc[:, 1], pdf.iloc[:, 1])
    assert_series_equal(df["a"].iloc[[1, 2]], pdf["a"].iloc[[1, 2]])
    assert df["b"].iloc[-1] == pdf["b"].iloc[-1]
    assert pd.isna(df["c"].iloc[2]) and df["c"].iloc[2] is pdf["c"].iloc[2]
    with pytest.raises(IndexError, match="out of bounds"):
        df.iloc[99]


def test_loc_iloc_assignment(pair):
    df, pdf = pair
    df.loc[df["a"] > 4, "b"] = 0.0
    pdf.loc[pdf["a"] > 4, "b"] = 0.0
    assert_frame_equal(df, pdf)
    df.loc[[10, 12], "new"] = 1.5
    pdf.loc[[10, 12], "new"] = 1.5
    assert_frame_equal(df, pdf)
    df.iloc[0:2, 0] = 100
    pdf.iloc[0:2, 0] = 100
    assert_frame_equal(df, pdf)


def test_head_tail_sample(pair):
    df, pdf = pair
    for n in (0, 2, 10, -2):
        assert_frame_equal(df.head(n), pdf.head(n))
        assert_frame_equal(df.tail(n), pdf.tail(n))
    assert_frame_equal(df.sample(3, random_state=4), pdf.sample(3, random_state=4))
    assert_frame_equal(df.sample(frac=0.5, random_state=1), pdf.sample(frac=0.5, random_state=1))
    assert_series_equal(
        df["a"].sample(4, replace=True, random_state=0),
        pdf["a"].sample(4, replace=True, random_state=0),
    )


def test_query(pair):
    df, pdf = pair
    limit = 3  # noqa: F841  (read by query through @limit)
    for expr in (
        "a > 2",
        "a > 2 and b < 3",
        "a in [1, 3, 9]",
        "not (a < 3) or b == 3.0",
        "a > @limit",
        "a + 1 >= b * 2",
        "1 < a <= 7",
        "a not in [3]",
    ):
        assert_frame_equal(df.query(expr), pdf.query(expr), obj=expr)
    sdf = gf.from_pandas(mixed_pandas())
    spdf = mixed_pandas()
    assert_frame_equal(sdf.query("s == 'b'"), spdf.query("s == 'b'"))
    with pytest.raises(KeyError, match="zz"):
        df.query("zz > 1")
    with pytest.raises(ValueError, match="not supported"):
        df.query("a.sum() > 1")


def test_where_mask_isin_between(pair):
    df, pdf = pair
    assert_frame_equal(df.where(df > 2), pdf.where(pdf > 2))
    assert_frame_equal(df.where(df > 2, 0), pdf.where(pdf > 2, 0))
    assert_frame_equal(df.mask(df > 2, -1), pdf.mask(pdf > 2, -1))
    assert_series_equal(df["a"].where(df["a"] > 3), pdf["a"].where(pdf["a"] > 3))
    assert_series_equal(df["b"].mask(df["b"] > 1, 9.0), pdf["b"].mask(pdf["b"] > 1, 9.0))
    assert_frame_equal(df.isin([3, 1.5, 7]), pdf.isin([3, 1.5, 7]))
    assert_frame_equal(df.isin({"a": [3]}), pdf.isin({"a": [3]}))
    assert_series_equal(df["a"].between(2, 5), pdf["a"].between(2, 5))
    assert_series_equal(
        df["b"].between(0, 2.5, inclusive="neither"), pdf["b"].between(0, 2.5, inclusive="neither")
    )


def test_string_and_time_selection():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    assert_series_equal(df["s"].isin(["a", None]), pdf["s"].isin(["a", None]))
    assert_frame_equal(df[df["s"] == "b"], pdf[pdf["s"] == "b"])
    assert_frame_equal(
        df[df["t"] > pd.Timestamp("2020-06-01")], pdf[pdf["t"] > pd.Timestamp("2020-06-01")]
    )
    assert_frame_equal(df[df["c"] == "y"], pdf[pdf["c"] == "y"])
    assert_series_equal(
        df["t"].isin([pd.Timestamp("2021-01-01")]), pdf["t"].isin([pd.Timestamp("2021-01-01")])
    )


def test_series_setitem_by_mask_and_label(pair):
    df, pdf = pair
    s, ps = df["b"].copy(), pdf["b"].copy()
    s[s > 1] = 0.0
    ps[ps > 1] = 0.0
    assert_series_equal(s, ps)
    s[[10, 16]] = -1.0
    ps[[10, 16]] = -1.0
    assert_series_equal(s, ps)
    assert_frame_equal(df, pdf)  # the copies changed, not the frame


def test_single_row_of_mixed_types_comes_back_as_pandas():
    pdf = mixed_pandas()
    row = gf.from_pandas(pdf).loc[2]
    pd.testing.assert_series_equal(row, pdf.loc[2])


@pytest.mark.parametrize(
    "ps",
    [
        pd.Series([1, None], dtype="Int64"),
        pd.Series([1.0, np.nan]),
        pd.Series(["a", None]),
        pd.Series(pd.to_datetime(["2020-01-01", None])),
        pd.Series(pd.Categorical(["x", None])),
        pd.Series([True, None], dtype="boolean"),
        pd.Series([1.0, None], dtype="Float64"),
    ],
    ids=lambda s: str(s.dtype),
)
def test_isin_missing_markers_follow_pandas(ps):
    s = gf.from_pandas(ps)
    for values in (
        [None],
        [np.nan],
        [pd.NA],
        [pd.NaT],
        [ps.dropna().iloc[0], None],
        [ps.dropna().iloc[0], np.nan],
    ):
        assert_series_equal(s.isin(values), ps.isin(values))
