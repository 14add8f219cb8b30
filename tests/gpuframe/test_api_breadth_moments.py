"""skew, kurt, mode and DataFrame.value_counts against pandas (gpuframe._moments)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

CASES = {
    "normal_nan": None,  # filled in below with random data
    "ints": [1, 2, 3, 10, -4, 7],
    "constant": [5.0] * 10,
    "constant_tenths": [0.1] * 10,
    "one_ulp_off": [0.1] * 7 + [np.nextafter(0.1, 1.0)],
    "two": [1.0, 2.0],
    "three": [1.0, 2.0, 4.0],
    "four": [1.0, 2.0, 4.0, 9.0],
    "empty": [],
    "all_nan": [np.nan, np.nan, np.nan, np.nan],
    "big_offset": [1e10, 1e10 + 1, 1e10 + 3, 1e10 + 7],
    "negative": [-1.0, -5.0, -2.5, -100.0, 3.0],
}


def _values(name: str) -> list[float]:
    if name == "normal_nan":
        v = np.random.default_rng(7).normal(size=500)
        v[::9] = np.nan
        return list(v)
    return list(CASES[name])


@pytest.mark.parametrize("op", ["skew", "kurt"])
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("skipna", [True, False])
def test_series_moments_match_pandas(op, name, skipna):
    ps = pd.Series(_values(name), dtype="float64")
    got = getattr(gf.Series(ps), op)(skipna=skipna)
    want = getattr(ps, op)(skipna=skipna)
    assert type(got) is type(want)
    np.testing.assert_allclose(got, want, rtol=1e-9, equal_nan=True)


@pytest.mark.parametrize("dtype", ["int64", "Int64", "float32", "bool", "Float64"])
def test_series_moment_dtypes(dtype):
    values = [1, 0, 1, 1, 0, 1, 1] if dtype == "bool" else [1, 2, 3, 10, 4, 4, 6]
    ps = pd.Series(values, dtype=dtype)
    for op in ("skew", "kurt", "kurtosis"):
        got, want = getattr(gf.Series(ps), op)(), getattr(ps, op)()
        assert type(got) is type(want), op
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_masked_series_with_null():
    ps = pd.Series([1, None, 4, 2, 9], dtype="Int64")
    np.testing.assert_allclose(gf.Series(ps).skew(), ps.skew(), rtol=1e-12)
    assert gf.Series(ps).skew(skipna=False) is pd.NA and ps.skew(skipna=False) is pd.NA
    few = pd.Series([1, None], dtype="Int64")
    assert gf.Series(few).skew() is pd.NA and few.skew() is pd.NA
    const = pd.Series([2, 2, 2, 2], dtype="Int64")
    assert gf.Series(const).kurt() is const.kurt()


def test_frame_moments_match_pandas():
    pdf = pd.DataFrame(
        {
            "a": [1.0, 2.0, 4.0, 9.0, np.nan],
            "b": [3, 3, 3, 3, 3],
            "c": [1, -2, 5, 0, 7],
            "d": [True, False, True, True, False],
        }
    )
    df = gf.from_pandas(pdf)
    for op in ("skew", "kurt"):
        assert_series_equal(getattr(df, op)(), getattr(pdf, op)(), rtol=1e-9)
        num = ["a", "b", "c"]
        assert_series_equal(getattr(df[num], op)(axis=1), getattr(pdf[num], op)(axis=1), rtol=1e-9)
        assert_series_equal(
            getattr(df, op)(skipna=False), getattr(pdf, op)(skipna=False), rtol=1e-9
        )


def test_frame_moments_rows_with_bool_are_float():
    """Documented difference: axis=1 over bool columns gives float64 (pandas: object)."""
    pdf = pd.DataFrame({"a": [1.0, 2.0, 5.0], "b": [3, 0, 1], "d": [True, False, True]})
    got = gf.from_pandas(pdf).skew(axis=1)
    want = pdf.skew(axis=1)
    assert want.dtype == object and got.dtype == np.dtype("float64")
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(dtype="float64"), rtol=1e-9)


def test_frame_moments_masked_give_float64_ea():
    pdf = pd.DataFrame({"a": [1, 2, 4.0, 9], "b": pd.array([1, 1, 2, None], dtype="Int64")})
    df = gf.from_pandas(pdf)
    assert_series_equal(df.skew(), pdf.skew(), rtol=1e-9)
    assert_series_equal(df.skew(axis=1), pdf.skew(axis=1), rtol=1e-9)
    assert_series_equal(df.kurt(), pdf.kurt(), rtol=1e-9)


def test_frame_moments_numeric_only_and_bad_input():
    pdf = pd.DataFrame({"a": [1.0, 2.0, 4.0, 9.0], "s": ["x", "y", "z", "w"]})
    df = gf.from_pandas(pdf)
    assert_series_equal(df.skew(numeric_only=True), pdf.skew(numeric_only=True), rtol=1e-9)
    with pytest.raises(TypeError, match="'s'"):
        df.skew()
    with pytest.raises(TypeError, match="str"):
        df["s"].kurt()
    with pytest.raises(ValueError, match="axis=2"):
        df.skew(axis=2)
    with pytest.raises(ValueError, match="axis=1"):
        df["a"].skew(axis=1)
    with pytest.raises(NotImplementedError, match="bogus"):
        df.kurt(bogus=1)
    dt = gf.Series(pd.to_datetime(["2020-01-01", "2021-01-01", "2022-06-01"]))
    with pytest.raises(TypeError, match="datetime64"):
        dt.skew()


def test_empty_frame_moments():
    pdf = pd.DataFrame({"a": pd.Series([], dtype="float64")})
    assert_series_equal(gf.from_pandas(pdf).skew(), pdf.skew())
    assert_series_equal(gf.from_pandas(pdf).kurt(), pdf.kurt())


def test_moments_generic_path(backend):
    """The Array API code (CuPy's path) on array-api-strict gives pandas' numbers."""
    from gpuframe._moments import column_moment
    from gpuframe.column._column import Column

    v = np.random.default_rng(3).normal(size=200)
    v[::11] = np.nan
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    for op in ("skew", "kurt"):
        want = getattr(pd.Series(v), op)()
        np.testing.assert_allclose(column_moment(col, op), want, rtol=1e-9)
        const = Column._from_parts(backend.asarray(np.full(5, 0.1)), None, np.dtype("float64"))
        assert np.isnan(column_moment(const, op))


@pytest.mark.parametrize(
    "values,dtype",
    [
        ([3, 1, 3, 1, 2], "int64"),
        ([1.0, np.nan, np.nan, 2.0, 2.0], "float64"),
        ([np.nan, np.nan], "float64"),
        ([], "float64"),
        ([5], "int64"),
        ([3, 1, None, 3, 1], "Int64"),
        ([None, "b", "a", "b", "a"], "str"),
        (["b", "a", "b", "c"], "category"),
        ([True, False, False], "bool"),
        (["2020-01-02", "2020-01-01", "2020-01-02", None, "2020-01-01"], "datetime64[ns]"),
    ],
)
@pytest.mark.parametrize("dropna", [True, False])
def test_series_mode_matches_pandas(values, dtype, dropna):
    ps = pd.Series(values, dtype=dtype, name="v")
    assert_series_equal(gf.Series(ps).mode(dropna=dropna), ps.mode(dropna=dropna))


def test_series_mode_bad_input():
    with pytest.raises(TypeError, match="dropna"):
        gf.Series([1, 2]).mode(dropna="yes")


def test_frame_mode_matches_pandas():
    pdf = pd.DataFrame({"a": [1, 1, 2, 2], "b": ["x", "y", "y", "z"], "c": [1.5, 1.5, 2, 3]})
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.mode(), pdf.mode())
    assert_frame_equal(df.mode(numeric_only=True), pdf.mode(numeric_only=True))
    pdf2 = pd.DataFrame({"a": [1.0, np.nan, np.nan], "b": [2, 2, 3]})
    assert_frame_equal(gf.from_pandas(pdf2).mode(dropna=False), pdf2.mode(dropna=False))
    empty = pd.DataFrame({"a": pd.Series([], dtype="int64")})
    assert_frame_equal(gf.from_pandas(empty).mode(), empty.mode())


def test_frame_mode_pads_bool_as_boolean():
    """Documented difference: a padded bool column is ``boolean`` (pandas: object)."""
    pdf = pd.DataFrame({"a": [1, 1, 2, 2], "c": [True, False, True, True]})
    got = gf.from_pandas(pdf).mode().to_pandas()
    assert str(got["c"].dtype) == "boolean"
    assert got["c"].tolist() == [True, pd.NA]
    with pytest.raises(NotImplementedError, match="axis=1"):
        gf.from_pandas(pdf).mode(axis=1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"subset": "a"},
        {"subset": ["a"]},
        {"normalize": True},
        {"ascending": True},
        {"sort": False},
        {"dropna": False},
    ],
)
def test_frame_value_counts_matches_pandas(kwargs):
    pdf = pd.DataFrame({"a": [1, 1, 2, 3, 3, 3], "b": ["x", "x", "y", None, "z", "z"]})
    got = gf.from_pandas(pdf).value_counts(**kwargs)
    want = pdf.value_counts(**kwargs)
    if kwargs.get("sort", True) is False:  # unsorted: order not specified, compare as sets
        got, want = got.to_pandas().sort_index(), want.sort_index()
    assert_series_equal(got, want)


def test_frame_value_counts_bad_input():
    df = gf.DataFrame({"a": [1, 2]})
    with pytest.raises(KeyError, match="'zz'"):
        df.value_counts(subset="zz")
    with pytest.raises(TypeError, match="normalize"):
        df.value_counts(normalize="yes")
