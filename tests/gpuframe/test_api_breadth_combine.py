"""combine_first, update, compare, dot, case_when, autocorr against pandas (gpuframe._combine)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

N = np.nan


@pytest.mark.parametrize(
    "left,right",
    [
        (pd.Series([1.0, N, 3.0]), pd.Series([9.0, 8.0, 7.0])),
        (pd.Series([1.0, N], index=[0, 1]), pd.Series([5.0, 6.0, 7.0])),
        (pd.Series([1, 2], index=["b", "a"]), pd.Series([5, 6], index=["c", "a"])),
        (pd.Series(["x", None, "z"]), pd.Series(["p", "q", "r"])),
        (pd.Series([1, 2, 3]), pd.Series([0.5, N, 7.5])),
        (pd.Series([], dtype="float64"), pd.Series([1.0])),
        (pd.Series([N, N]), pd.Series([N, N])),
    ],
)
def test_series_combine_first(left, right):
    assert_series_equal(gf.Series(left).combine_first(gf.Series(right)), left.combine_first(right))
    assert_series_equal(gf.Series(left).combine_first(right), left.combine_first(right))


def test_frame_combine_first():
    a = pd.DataFrame({"b": [1, N, 3], "a": [1, 2, 3]}, index=[2, 0, 1])
    b = pd.DataFrame({"c": [9, 9], "a": [5.0, N], "b": [7, 8]}, index=[0, 5])
    assert_frame_equal(gf.from_pandas(a).combine_first(gf.from_pandas(b)), a.combine_first(b))
    same = pd.DataFrame({"a": [N, 2.0], "s": [None, "y"]})
    other = pd.DataFrame({"a": [1.0, 5.0], "s": ["x", "q"]})
    assert_frame_equal(gf.from_pandas(same).combine_first(other), same.combine_first(other))
    with pytest.raises(TypeError, match="DataFrame"):
        gf.from_pandas(a).combine_first([1, 2])


def test_series_update():
    ps = pd.Series([1, 2, 3])
    s = gf.Series(ps)
    new = pd.Series([9.0, N], index=[1, 2])
    assert s.update(gf.Series(new)) is None
    ps.update(new)
    assert_series_equal(s, ps)
    fs, pf = (
        gf.Series([1.0, N, 3.0], index=list("abc")),
        pd.Series([1.0, N, 3.0], index=list("abc")),
    )
    other = pd.Series([7.0, 8.0], index=["b", "z"])
    fs.update(other)
    pf.update(other)
    assert_series_equal(fs, pf)
    with pytest.raises(TypeError, match="9.5"):
        gf.Series([1, 2]).update(gf.Series([9.5]))
    with pytest.raises(TypeError, match="Series"):
        gf.Series([1, 2]).update([1, 2])


def test_frame_update():
    pdf = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, N, 6.0], "s": ["x", "y", None]})
    other = pd.DataFrame({"b": [N, 50.0, 60.0], "s": ["p", None, "r"], "zz": [1, 2, 3]})
    for kw in ({}, {"overwrite": False}):
        df = gf.from_pandas(pdf)
        want = pdf.copy()
        assert df.update(gf.from_pandas(other), **kw) is None
        want.update(other, **kw)
        assert_frame_equal(df, want)
    df = gf.from_pandas(pdf)
    with pytest.raises(ValueError, match="overlaps in column 'b'"):
        df.update(other, errors="raise")
    assert_frame_equal(df, pdf)  # a failed update leaves the frame unchanged
    named = gf.from_pandas(pdf)
    named.update(gf.Series([7.0, 8.0, 9.0], name="b"))
    want = pdf.copy()
    want.update(pd.Series([7.0, 8.0, 9.0], name="b"))
    assert_frame_equal(named, want)
    with pytest.raises(NotImplementedError, match="join"):
        df.update(other, join="outer")
    with pytest.raises(ValueError, match="errors"):
        df.update(other, errors="loud")
    with pytest.raises(ValueError, match="name"):
        df.update(gf.Series([1.0, 2.0, 3.0]))


@pytest.mark.parametrize(
    "kw", [{}, {"keep_shape": True}, {"keep_equal": True}, {"keep_shape": True, "keep_equal": True}]
)
def test_frame_compare(kw):
    a = pd.DataFrame({"x": [1, 2, 3], "y": [1.0, 2, 3], "s": ["p", None, "r"]})
    b = pd.DataFrame({"x": [1, 5, 3], "y": [1.0, 2, N], "s": ["p", None, "q"]})
    assert_frame_equal(gf.from_pandas(a).compare(gf.from_pandas(b), **kw), a.compare(b, **kw))


@pytest.mark.parametrize("kw", [{}, {"keep_shape": True}, {"keep_equal": True}])
def test_series_compare(kw):
    a = pd.Series([1.0, 2.0, N, 4.0], name="v")
    b = pd.Series([1.0, 5.0, N, N], name="v")
    assert_frame_equal(gf.Series(a).compare(gf.Series(b), **kw), a.compare(b, **kw))
    assert_frame_equal(gf.Series(a).compare(a, **kw), a.compare(a, **kw))
    with pytest.raises(ValueError, match="identically-labeled"):
        gf.Series(a).compare(gf.Series([1.0]))


def test_frame_compare_edge_cases():
    a = pd.DataFrame({"x": [1, 2], "y": [N, 1.0]})
    got = gf.from_pandas(a).compare(gf.from_pandas(a))
    assert got.shape == a.compare(a).shape == (0, 0)
    b = a.copy()
    b.loc[0, "x"] = 7
    names = ("left", "right")
    assert_frame_equal(
        gf.from_pandas(a).compare(b, result_names=names), a.compare(b, result_names=names)
    )
    with pytest.raises(ValueError, match="identically-labeled"):
        gf.from_pandas(a).compare(gf.DataFrame({"x": [1, 2]}))
    with pytest.raises(NotImplementedError, match="align_axis=0"):
        gf.from_pandas(a).compare(b, align_axis=0)
    with pytest.raises(TypeError, match="result_names"):
        gf.from_pandas(a).compare(b, result_names="ab")


def test_dot():
    a = pd.DataFrame({"x": [1, 2, 3], "y": [4, 5, 6]})
    b = pd.DataFrame({"p": [1.5, N], "q": [2, 3]}, index=["y", "x"])
    df = gf.from_pandas(a)
    assert_series_equal(
        df.dot(pd.Series([10, 1], index=["x", "y"])), a.dot(pd.Series([10, 1], index=["x", "y"]))
    )
    assert_frame_equal(df.dot(gf.from_pandas(b)), a.dot(b))
    assert_frame_equal(df @ gf.from_pandas(b), a @ b)
    assert_series_equal(df.dot(np.array([1, 2])), a.dot(np.array([1, 2])))
    assert_frame_equal(df.dot(np.eye(2)), a.dot(np.eye(2)))
    s, ps = gf.Series([1, 2, 3]), pd.Series([1, 2, 3])
    assert s.dot(gf.Series([4, 5, 6])) == ps.dot(pd.Series([4, 5, 6]))
    assert s @ gf.Series([4, 5, 6]) == ps @ pd.Series([4, 5, 6])
    assert s.dot(np.array([1.0, 0.5, 0.0])) == ps.dot(np.array([1.0, 0.5, 0.0]))
    assert_series_equal(s.dot(df.T.T), ps.dot(a))
    with pytest.raises(ValueError, match="not aligned"):
        df.dot(pd.Series([1, 2], index=["x", "zz"]))
    with pytest.raises(ValueError, match="not aligned"):
        df.dot(np.ones(3))
    with pytest.raises(TypeError, match="'s'"):
        gf.DataFrame({"s": ["a"]}).dot(np.ones(1))


def test_case_when():
    ps = pd.Series([1, 2, 3, 4], name="v")
    s = gf.Series(ps)
    got = s.case_when([(s > 3, 40), (lambda x: x > 1, gf.Series([7, 8, 9, 10]))])
    want = ps.case_when([(ps > 3, 40), (lambda x: x > 1, pd.Series([7, 8, 9, 10]))])
    assert_series_equal(got, want)
    assert_series_equal(
        s.case_when([(np.array([True, False, True, False]), -1)]),
        ps.case_when([(np.array([True, False, True, False]), -1)]),
    )
    assert_series_equal(s.case_when([(s > 2, 0.5)]), ps.case_when([(ps > 2, 0.5)]))
    with pytest.raises(TypeError, match="list"):
        s.case_when((s > 1, 2))
    with pytest.raises(ValueError, match="empty"):
        s.case_when([])
    with pytest.raises(TypeError, match="entry 0"):
        s.case_when([(s > 1,)])
    with pytest.raises(ValueError, match="length 2"):
        s.case_when([(np.array([True, False]), 1)])
    with pytest.raises(TypeError, match="bool"):
        s.case_when([(s + 1, 1)])


@pytest.mark.parametrize("lag", [1, 2, -1, 0])
def test_autocorr(lag):
    v = np.random.default_rng(1).normal(size=50)
    v[3] = N
    got, want = gf.Series(v).autocorr(lag), pd.Series(v).autocorr(lag)
    np.testing.assert_allclose(got, want, rtol=1e-12)
    with pytest.raises(TypeError, match="lag"):
        gf.Series(v).autocorr(1.5)
