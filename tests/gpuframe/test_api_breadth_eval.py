"""DataFrame.eval against pandas (gpuframe._expressions)."""

from __future__ import annotations

import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pdf():
    return pd.DataFrame({"a": [1, 2, -3], "b": [3.5, 4.0, 0.0], "s": ["x", "y", "x"]})


@pytest.mark.parametrize(
    "expr",
    [
        "a + b",
        "a > 1",
        "a * 2 - b / 4",
        "(a > 0) & (b > 3.6)",
        "s == 'x'",
        "a in [1, -3]",
        "-a",
        "c = a + b",
        "a = a * 10",
        "c = a + b\nd = c * 2",
    ],
)
def test_eval_matches_pandas(pdf, expr):
    got = gf.from_pandas(pdf).eval(expr)
    want = pdf.eval(expr)
    if isinstance(want, pd.DataFrame):
        assert_frame_equal(got, want)
    else:
        assert_series_equal(got, want)


@pytest.mark.filterwarnings("ignore:The inplace keyword")  # pandas deprecates it
def test_eval_locals_and_inplace(pdf):
    k = 5  # noqa: F841 - read by eval through "@k"
    df = gf.from_pandas(pdf)
    assert_series_equal(df.eval("a + @k"), pdf.eval("a + @k"))
    assert_series_equal(
        df.eval("a + @z", local_dict={"z": 2}), pdf.eval("a + @z", local_dict={"z": 2})
    )
    assert df.eval("1 + 2") == pdf.eval("1 + 2")
    assert df.eval("c = a + 1", inplace=True) is None
    want = pdf.copy()
    want.eval("c = a + 1", inplace=True)
    assert_frame_equal(df, want)
    original = gf.from_pandas(pdf)
    original.eval("c = a + 1")
    assert list(original.columns) == ["a", "b", "s"]  # not inplace: the frame is unchanged


def test_eval_backticks():
    pdf = pd.DataFrame({"my col": [1, 2], "b": [3, 4]})
    assert_series_equal(gf.from_pandas(pdf).eval("`my col` * b"), pdf.eval("`my col` * b"))


def test_eval_failure_leaves_frame_unchanged(pdf):
    df = gf.from_pandas(pdf)
    with pytest.raises(KeyError, match="zz"):
        df.eval("c = a + 1\nd = zz * 2", inplace=True)
    assert_frame_equal(df, pdf)


def test_eval_bad_input(pdf):
    df = gf.from_pandas(pdf)
    with pytest.raises(ValueError, match="all expressions contain an assignment"):
        df.eval("c = a + b\na + 1")
    with pytest.raises(KeyError, match="eval: column 'zz' not found"):
        df.eval("zz + 1")
    with pytest.raises(ValueError, match="eval: cannot parse"):
        df.eval("a +")
    with pytest.raises(ValueError, match="eval: Call is not supported"):
        df.eval("abs(a)")
    with pytest.raises(ValueError, match="non-empty"):
        df.eval("  ")
    with pytest.raises(ValueError, match="inplace"):
        df.eval("a + 1", inplace=True)
    with pytest.raises(NotImplementedError, match="engine"):
        df.eval("a + 1", engine="numexpr")
    with pytest.raises(KeyError, match="nope"):
        df.eval("a + @nope")
