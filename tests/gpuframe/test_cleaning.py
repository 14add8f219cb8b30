"""Cleaning against pandas: fillna, dropna, astype, drop, duplicates, replace, rename,
assign, insert, pop, copy, map."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pair():
    pdf = mixed_pandas()
    return gf.from_pandas(pdf), pdf


def test_fillna_dropna(pair):
    df, pdf = pair
    fill = {"n": 0, "f": -1.0, "s": "zz", "t": pd.Timestamp("2000-01-01"), "c": "x"}
    assert_frame_equal(df.fillna(fill), pdf.fillna(fill))
    num = numeric_pandas()
    assert_frame_equal(gf.from_pandas(num).fillna(0), num.fillna(0))
    for kw in (
        {},
        {"how": "all"},
        {"thresh": 8},
        {"subset": ["s", "i"]},
        {"axis": 1},
        {"ignore_index": True},
    ):
        assert_frame_equal(df.dropna(**kw), pdf.dropna(**kw))
    assert_series_equal(df["f"].dropna(), pdf["f"].dropna())
    assert_frame_equal(df.ffill(), pdf.ffill())
    assert_frame_equal(df.bfill(), pdf.bfill())


def test_astype(pair):
    df, pdf = pair
    spec = {"i": "float32", "f": "Float64", "b": "int8", "i32": "str", "s": "category"}
    assert_frame_equal(df.astype(spec), pdf.astype(spec))
    num = numeric_pandas()
    assert_frame_equal(gf.from_pandas(num).astype("float64"), num.astype("float64"))
    with pytest.raises(KeyError, match="'zz' not found"):
        df.astype({"zz": "int64"})


def test_drop_duplicates_duplicated(pair):
    df, pdf = pair
    for subset in (None, ["s"], ["i", "s"], ["f"], ["n"], ["t", "c"], ["b"]):
        for keep in ("first", "last", False):
            assert_series_equal(df.duplicated(subset, keep=keep), pdf.duplicated(subset, keep=keep))
            assert_frame_equal(
                df.drop_duplicates(subset, keep=keep), pdf.drop_duplicates(subset, keep=keep)
            )
    assert_series_equal(df["s"].drop_duplicates(), pdf["s"].drop_duplicates())
    assert_frame_equal(
        df.drop_duplicates(["s"], ignore_index=True), pdf.drop_duplicates(["s"], ignore_index=True)
    )


def test_replace(pair):
    df, pdf = pair
    assert_series_equal(df["i"].replace(3, 30), pdf["i"].replace(3, 30))
    assert_series_equal(df["i"].replace({3: 1, 1: 3}), pdf["i"].replace({3: 1, 1: 3}))
    assert_series_equal(df["i"].replace([3, 1], 0.5), pdf["i"].replace([3, 1], 0.5))
    assert_series_equal(df["s"].replace("b", "B"), pdf["s"].replace("b", "B"))
    assert_series_equal(
        df["f"].replace([1.5, 0.0], [np.nan, 7.0]), pdf["f"].replace([1.5, 0.0], [np.nan, 7.0])
    )
    sub = pdf[["i", "i32"]]
    assert_frame_equal(gf.from_pandas(sub).replace({"i": {3: 99}}), sub.replace({"i": {3: 99}}))


def test_drop_rename_assign_insert_pop_copy(pair):
    df, pdf = pair
    assert_frame_equal(df.drop(columns=["s", "t"]), pdf.drop(columns=["s", "t"]))
    assert_frame_equal(df.drop("f", axis=1), pdf.drop("f", axis=1))
    assert_frame_equal(df.drop(index=[0, 3]), pdf.drop(index=[0, 3]))
    assert_frame_equal(df.assign(z=df["i"] * 2, w=1.5), pdf.assign(z=pdf["i"] * 2, w=1.5))
    assert_frame_equal(df.assign(z=lambda d: d["f"] + 1), pdf.assign(z=lambda d: d["f"] + 1))
    df2, pdf2 = df.copy(), pdf.copy()
    df2.insert(1, "new", np.arange(6))
    pdf2.insert(1, "new", np.arange(6))
    assert_frame_equal(df2, pdf2)
    assert_series_equal(df2.pop("i"), pdf2.pop("i"))
    assert_frame_equal(df2, pdf2)
    assert_frame_equal(df, pdf)  # the copies were changed, not the originals
    df2["s"] = "k"
    pdf2["s"] = "k"
    assert_frame_equal(df2, pdf2)
    del df2["f"]
    del pdf2["f"]
    assert_frame_equal(df2, pdf2)
    assert_series_equal(df["i"].rename("q"), pdf["i"].rename("q"))


def test_map(pair):
    df, pdf = pair
    m = {"a": 1, "b": 2}
    assert_series_equal(df["s"].map(m), pdf["s"].map(m))
    m2 = {3: "three", 1: "one"}
    assert_series_equal(df["i"].map(m2), pdf["i"].map(m2))
    ms = pd.Series([10.0, 20.0], index=[1, 2])
    assert_series_equal(df["i"].map(gf.Series(ms)), pdf["i"].map(ms))


def test_memory_usage_info_dtypes(pair):
    df, pdf = pair
    mu = df.memory_usage()
    assert mu["i"] == 48 and mu["n"] == 6 * 8 + 6
    assert list(mu.index) == ["Index", *pdf.columns]
    import io

    buf = io.StringIO()
    df.info(buf=buf)
    text = buf.getvalue()
    assert "RangeIndex: 6 entries, 0 to 5" in text
    assert "Data columns (total 9 columns):" in text
    for name, count, dtype in (("n", 4, "Int64"), ("s", 5, "str"), ("c", 5, "category")):
        assert any(
            line.split()[1:] == [name, str(count), "non-null", dtype] for line in text.splitlines()
        ), (name, text)
    assert df.dtypes.equals(pdf.dtypes)


def test_series_drop(pair):
    df, pdf = pair
    assert_series_equal(df["s"].drop([0, 3]), pdf["s"].drop([0, 3]))
    assert_series_equal(df["s"].drop(index=5), pdf["s"].drop(index=5))
    with pytest.raises(KeyError, match="99"):
        df["s"].drop(99)
