"""Operators and element-wise methods against pandas: broadcasting, alignment, nulls."""

from __future__ import annotations

import operator

import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

ARITH = [
    operator.add,
    operator.sub,
    operator.mul,
    operator.truediv,
    operator.floordiv,
    operator.mod,
    operator.pow,
]
CMP = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]


@pytest.fixture
def pair():
    pdf = numeric_pandas()
    return gf.from_pandas(pdf), pdf


@pytest.mark.parametrize("op", ARITH + CMP, ids=lambda f: f.__name__)
def test_series_with_series_and_scalar(pair, op):
    df, pdf = pair
    for a, b in (("a", "b"), ("a", "c"), ("b", "c"), ("c", "c")):
        assert_series_equal(op(df[a], df[b]), op(pdf[a], pdf[b]), obj=f"{a} {op.__name__} {b}")
    for scalar in (2, 0.5, -3):
        for col in ("a", "b", "c"):
            if op is operator.pow and scalar < 0 and col != "b":
                with pytest.raises(ValueError, match="negative"):
                    op(df[col], scalar)
                continue
            assert_series_equal(op(df[col], scalar), op(pdf[col], scalar))
            assert_series_equal(op(scalar, df[col]), op(scalar, pdf[col]))


@pytest.mark.parametrize("op", ARITH[:4] + CMP, ids=lambda f: f.__name__)
def test_frame_with_scalar_frame_and_series(pair, op):
    df, pdf = pair
    assert_frame_equal(op(df, 3), op(pdf, 3))
    assert_frame_equal(op(df, df), op(pdf, pdf))
    row = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0})
    assert_frame_equal(op(df, gf.Series(row)), op(pdf, row))


def test_alignment_on_different_indexes():
    a = pd.Series([1.0, 2.0, 3.0], index=[3, 1, 2])
    b = pd.Series([10.0, 20.0], index=[1, 5])
    assert_series_equal(gf.Series(a) + gf.Series(b), a + b)
    fa = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    fb = pd.DataFrame({"y": [1, 1], "z": [2, 2]}, index=[1, 2])
    assert_frame_equal(gf.DataFrame(fa) + gf.DataFrame(fb), fa + fb)


def test_integer_division_by_zero_and_small_ints():
    s = pd.Series([1, -2, 0], dtype="int64")
    assert_series_equal(gf.Series(s) // 0, s // 0)
    assert_series_equal(gf.Series(s) % 0, s % 0)
    small = pd.Series([100, 27], dtype="int8")
    assert_series_equal(gf.Series(small) + 1, small + 1)
    n = pd.Series([1, None, 3], dtype="Int64")
    assert_series_equal(gf.Series(n) // 0, n // 0)
    assert_series_equal(gf.Series(n) / 2, n / 2)


def test_logical_and_kleene():
    a = pd.Series([True, False, True, None], dtype="boolean")
    b = pd.Series([None, None, True, False], dtype="boolean")
    for op in (operator.and_, operator.or_, operator.xor):
        assert_series_equal(op(gf.Series(a), gf.Series(b)), op(a, b))
    x = pd.Series([True, False, True])
    y = pd.Series([False, False, True])
    for op in (operator.and_, operator.or_, operator.xor):
        assert_series_equal(op(gf.Series(x), gf.Series(y)), op(x, y))
    assert_series_equal(~gf.Series(x), ~x)
    assert_series_equal(~gf.Series(a), ~a)


def test_string_datetime_category_ops():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    for op in CMP:
        assert_series_equal(op(df["s"], "b"), op(pdf["s"], "b"))
        assert_series_equal(
            op(df["s"], df["s"].sort_values(ignore_index=True)),
            op(pdf["s"], pdf["s"].sort_values(ignore_index=True)),
        )
        assert_series_equal(
            op(df["t"], pd.Timestamp("2021-01-01")), op(pdf["t"], pd.Timestamp("2021-01-01"))
        )
    assert_series_equal(df["s"] + "_x", pdf["s"] + "_x")
    assert_series_equal("p" + df["s"], "p" + pdf["s"])
    assert_series_equal(df["t"] - df["t"].shift(), pdf["t"] - pdf["t"].shift())
    assert_series_equal(df["t"] + pd.Timedelta("1D"), pdf["t"] + pd.Timedelta("1D"))
    assert_series_equal(df["t"] + df["d"], pdf["t"] + pdf["d"])
    assert_series_equal(df["d"] * 2, pdf["d"] * 2)
    assert_series_equal(df["c"] == "x", pdf["c"] == "x")
    assert_series_equal(df["c"] != "y", pdf["c"] != "y")


def test_wrong_dtype_raises_typeerror_and_leaves_input():
    df = gf.from_pandas(mixed_pandas())
    before = df.to_pandas()
    with pytest.raises(TypeError, match="str"):
        df["s"] - 1
    with pytest.raises(TypeError):
        df["t"] + 1
    with pytest.raises(TypeError):
        df["t"] * 2
    with pytest.raises(TypeError):
        df["f"] & df["f"]
    with pytest.raises(ValueError, match="[Ll]ength"):
        df["i"] + [1, 2]
    assert_frame_equal(df, before)


@pytest.mark.parametrize(
    "method,kwargs",
    [
        ("abs", {}),
        ("round", {"decimals": 1}),
        ("clip", {"lower": 2, "upper": 6}),
        ("cumsum", {}),
        ("cumprod", {}),
        ("cummin", {}),
        ("cummax", {}),
        ("diff", {}),
        ("diff", {"periods": -2}),
        ("shift", {}),
        ("shift", {"periods": -1}),
        ("shift", {"periods": 2, "fill_value": 0}),
        ("pct_change", {}),
        ("isna", {}),
        ("notna", {}),
        ("rank", {}),
        ("rank", {"method": "min", "ascending": False}),
        ("rank", {"method": "dense", "pct": True}),
        ("rank", {"method": "first"}),
        ("rank", {"method": "max", "na_option": "bottom"}),
    ],
)
def test_elementwise_methods(pair, method, kwargs):
    df, pdf = pair
    assert_frame_equal(getattr(df, method)(**kwargs), getattr(pdf, method)(**kwargs))
    assert_series_equal(getattr(df["b"], method)(**kwargs), getattr(pdf["b"], method)(**kwargs))


def test_negation_and_cum_skipna_false(pair):
    df, pdf = pair
    assert_frame_equal(-df, -pdf)
    assert_series_equal(df["b"].cumsum(skipna=False), pdf["b"].cumsum(skipna=False))


def test_time_cum_and_diff():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    for m in ("cummin", "cummax", "diff"):
        assert_series_equal(getattr(df["t"], m)(), getattr(pdf["t"], m)())
    assert_series_equal(df["d"].cumsum(), pdf["d"].cumsum())


@pytest.mark.parametrize(
    "window,min_periods", [(1, None), (3, None), (3, 1), (5, 2), (6, 1), (10, 2)]
)
@pytest.mark.parametrize("op", ["sum", "mean", "min", "max", "std", "var", "count"])
def test_rolling(pair, op, window, min_periods):
    df, pdf = pair
    got = getattr(df.rolling(window, min_periods=min_periods), op)()
    exp = getattr(pdf.rolling(window, min_periods=min_periods), op)()
    if op == "count":
        exp = exp.astype("float64")
    assert_frame_equal(got, exp.astype("float64"), check_dtype=False, atol=1e-9)


def test_python_ints_outside_the_dtype_range():
    s = pd.Series([1, 200, 3], dtype="uint8")
    g = gf.Series(s)
    for op in (operator.lt, operator.eq, operator.ne, operator.ge, operator.truediv):
        for v in (-1, 300, 70000):
            assert_series_equal(op(g, v), op(s, v))
    with pytest.raises(OverflowError, match="out of bounds for uint8"):
        g + 300
