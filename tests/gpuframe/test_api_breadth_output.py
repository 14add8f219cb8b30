"""to_string/to_markdown/to_html/to_records and iteration against pandas
(gpuframe._formatting, gpuframe._iteration)."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe import _iteration

HAS_TABULATE = importlib.util.find_spec("tabulate") is not None


@pytest.fixture
def pdf():
    return pd.DataFrame(
        {
            "a": [1, 2, 3],
            "b": [1.5, np.nan, -2.0],
            "s": ["x", None, "zz"],
            "t": pd.to_datetime(["2020-01-01", None, "2021-06-30"]),
            "m": pd.array([1, None, 3], dtype="Int64"),
        },
        index=["r0", "r1", "r2"],
    )


def test_to_string_and_html(pdf):
    df = gf.from_pandas(pdf)
    assert df.to_string() == pdf.to_string()
    assert df.to_string(index=False, max_rows=2) == pdf.to_string(index=False, max_rows=2)
    assert df.to_html() == pdf.to_html()
    assert df["b"].to_string() == pdf["b"].to_string()
    assert df["s"].to_string(header=True, name=True) == pdf["s"].to_string(header=True, name=True)
    empty = pd.DataFrame({"a": pd.Series([], dtype="int64")})
    assert gf.from_pandas(empty).to_string() == empty.to_string()


def test_to_markdown(pdf):
    df = gf.from_pandas(pdf)
    if HAS_TABULATE:
        assert df.to_markdown() == pdf.to_markdown()
        assert df["a"].to_markdown() == pdf["a"].to_markdown()
    else:  # pandas' own message: the optional dependency is missing
        with pytest.raises(ImportError, match="tabulate"):
            df.to_markdown()
        with pytest.raises(ImportError, match="tabulate"):
            df["a"].to_markdown()


def test_to_records(pdf):
    df = gf.from_pandas(pdf[["a", "b"]])
    for kw in ({}, {"index": False}, {"column_dtypes": {"a": "int32"}}):
        got, want = df.to_records(**kw), pdf[["a", "b"]].to_records(**kw)
        assert got.dtype == want.dtype
        assert repr(got.tolist()) == repr(want.tolist())  # NaN compares equal as text


@pytest.mark.parametrize("kw", [{}, {"index": False}, {"name": None}, {"name": "Row"}])
def test_itertuples(pdf, kw):
    got = list(gf.from_pandas(pdf).itertuples(**kw))
    want = list(pdf.itertuples(**kw))
    assert [tuple(map(repr, g)) for g in got] == [tuple(map(repr, w)) for w in want]
    assert [type(g).__name__ for g in got] == [type(w).__name__ for w in want]


def test_iterrows(pdf):
    got = list(gf.from_pandas(pdf).iterrows())
    want = list(pdf.iterrows())
    assert [g[0] for g in got] == [w[0] for w in want]
    for (_, g), (_, w) in zip(got, want):
        pd.testing.assert_series_equal(g, w)


def test_iteration_crosses_chunks(monkeypatch):
    """Rows come in blocks; the blocks join seamlessly (and stopping early is cheap)."""
    monkeypatch.setattr(_iteration, "CHUNK_ROWS", 4)
    pdf = pd.DataFrame({"a": np.arange(10), "b": np.arange(10) * 0.5})
    df = gf.from_pandas(pdf)
    assert list(df.itertuples()) == list(pdf.itertuples())
    assert [i for i, _ in df.iterrows()] == list(range(10))
    assert list(df["a"].items()) == list(pdf["a"].items())
    empty = gf.DataFrame({"a": []})
    assert list(empty.itertuples()) == [] and list(empty.iterrows()) == []


def test_series_items_and_keys():
    ps = pd.Series([1.5, None, 3.0], index=["a", "b", "c"], name="v")
    s = gf.Series(ps)
    got, want = list(s.items()), list(ps.items())
    assert [k for k, _ in got] == [k for k, _ in want]
    np.testing.assert_array_equal([v for _, v in got], [v for _, v in want])
    pd.testing.assert_index_equal(s.keys().to_pandas(), ps.keys())


def test_itertuples_bad_name():
    with pytest.raises(TypeError, match="`name`"):
        list(gf.DataFrame({"a": [1]}).itertuples(name=3))
