"""The column layer against pandas and Arrow: round trips, nulls, selection, casts, concat."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from gpuframe import dtypes
from gpuframe.column import Column, as_column, column_empty, column_full, concat_columns
from gpuframe.testing import assert_series_equal, gpu

PANDAS_SERIES = {
    "int64": pd.Series([3, 1, 2], dtype="int64"),
    "int8": pd.Series([3, -1, 2], dtype="int8"),
    "uint32": pd.Series([3, 1, 2], dtype="uint32"),
    "Int64": pd.Series([3, None, 2], dtype="Int64"),
    "Int64_nonull": pd.Series([3, 4], dtype="Int64"),
    "UInt16": pd.Series([None, 1], dtype="UInt16"),
    "boolean": pd.Series([True, None, False], dtype="boolean"),
    "bool": pd.Series([True, False]),
    "float64": pd.Series([1.5, np.nan, -2.0]),
    "float32": pd.Series([1.5, np.nan], dtype="float32"),
    "Float64": pd.Series([1.5, None], dtype="Float64"),
    "datetime_ns": pd.Series(
        pd.to_datetime(["2020-01-01", None, "2021-03-04T05:06:00"], format="ISO8601")
    ).astype("datetime64[ns]"),
    "datetime_s": pd.Series(np.array(["2020-01-01", "NaT"], dtype="datetime64[s]")),
    "datetime_us": pd.Series(pd.to_datetime(["2020-01-01", "2020-01-02"])),
    "timedelta_ms": pd.Series(np.array([5, "NaT", 7], dtype="timedelta64[ms]")),
    "str": pd.Series(["b", None, "a", "b"]),
    "str_empty": pd.Series([], dtype="str"),
    "category": pd.Series(pd.Categorical(["x", None, "y", "x"], categories=["y", "x"])),
    "category_ordered": pd.Series(pd.Categorical([2, 1, None], categories=[1, 2], ordered=True)),
    "empty_float": pd.Series([], dtype="float64"),
}


@pytest.mark.parametrize("name", list(PANDAS_SERIES))
def test_pandas_round_trip_keeps_values_nulls_and_dtype(name):
    s = PANDAS_SERIES[name]
    col = Column.from_pandas(s)
    assert len(col) == len(s)
    assert_series_equal(col.to_pandas(), s)
    np.testing.assert_array_equal(col.isnull().to_pandas().to_numpy(), s.isna().to_numpy())


@pytest.mark.parametrize("name", list(PANDAS_SERIES))
def test_arrow_round_trip_matches_pyarrow(name):
    s = PANDAS_SERIES[name]
    expected = pa.Array.from_pandas(s)
    col = Column.from_arrow(expected)
    got = col.to_arrow()
    if pa.types.is_dictionary(expected.type):  # index width may differ (int32 codes)
        assert got.type.ordered == expected.type.ordered
        got, expected = got.dictionary_decode(), expected.dictionary_decode()
    if pa.types.is_large_string(expected.type):
        expected = expected.cast(pa.string())
    assert got.type == expected.type
    assert got.equals(expected), (got, expected)


def test_arrow_int_nulls_become_nullable_and_back():
    arr = pa.chunked_array([pa.array([1, None], type=pa.int32()), pa.array([3], type=pa.int32())])
    col = Column.from_arrow(arr)
    assert col.dtype == np.dtype("int32")
    assert col.mask.tolist() == [True, False, True]
    assert_series_equal(col.to_pandas(), pd.Series([1, None, 3], dtype="Int32"))
    assert col.to_arrow().equals(arr.combine_chunks())


def test_arrow_float_null_is_nan_and_dates_become_datetimes():
    col = Column.from_arrow(pa.array([1.0, None]))
    assert col.mask is None and np.isnan(col.data[1])
    d = Column.from_arrow(pa.array([0, None], type=pa.date32()))
    assert d.dtype == np.dtype("datetime64[s]")
    assert d.isnull().to_pandas().tolist() == [False, True]


def test_strings_are_dictionary_encoded_with_sorted_dictionary():
    col = as_column(["pear", "apple", None, "pear"])
    assert col.dtype == dtypes.string and col.dtype == "str"
    assert col.codes.dtype == np.int32
    assert col.categories.to_pylist() == ["apple", "pear"]
    assert col.codes.tolist() == [1, 0, -1, 1]
    assert isinstance(col.categories, pa.StringArray)


def test_constructor_is_private_and_factories_validate():
    with pytest.raises(TypeError, match="factories"):
        Column(np.arange(3))
    with pytest.raises(ValueError, match="1-D"):
        as_column(np.zeros((2, 2)))
    with pytest.raises(TypeError, match="complex|not supported"):
        as_column(np.zeros(2, dtype=complex))
    with pytest.raises(TypeError, match="scalar"):
        as_column(5)
    with pytest.raises(ValueError, match="non-negative"):
        column_empty(-1, "int64")


def test_numpy_input_is_not_copied():
    """On the CPU device a NumPy array is taken as it is (a GPU session copies it over)."""
    a = np.arange(5.0)
    col = as_column(a, device="cpu")
    assert col.data is a or np.shares_memory(col.data, a)


def test_list_inference_follows_pandas():
    for values in ([1, None, 3], [True, False], ["a", None], [1.5, 2]):
        expected = pd.Series(values)
        assert_series_equal(as_column(values).to_pandas(), expected)


@pytest.mark.parametrize("name", ["int64", "Int64", "float64", "str", "category", "datetime_ns"])
def test_take_filter_slice_match_pandas(name):
    s = PANDAS_SERIES[name]
    col = Column.from_pandas(s)
    idx = np.array([2, 0, 0, 1])[: len(s) + 1] % len(s)
    assert_series_equal(col.take(idx).to_pandas(), s.take(idx).reset_index(drop=True))
    m = np.array([True, False, True, True][: len(s)])
    assert_series_equal(col.filter(m).to_pandas(), s[m].reset_index(drop=True))
    assert_series_equal(col.slice(1, None).to_pandas(), s[1:].reset_index(drop=True))


@pytest.mark.parametrize("name", ["int64", "Int64", "float64", "str", "bool", "datetime_ns"])
def test_take_nullify_matches_reindex(name):
    s = PANDAS_SERIES[name]
    col = Column.from_pandas(s)
    got = col.take(np.array([1, -1, 0]), nullify=True).to_pandas()
    expected = s.reindex([1, 99, 0]).reset_index(drop=True)
    if name == "bool":  # pandas gives object; gpuframe keeps a nullable bool
        expected = expected.astype("boolean")
    assert_series_equal(got, expected)


@pytest.mark.parametrize(
    "name,value",
    [
        ("Int64", 7),
        ("float64", 0.5),
        ("str", "zz"),
        ("str", "a"),
        ("boolean", True),
        ("datetime_ns", pd.Timestamp("2000-01-01")),
        ("category", "y"),
    ],
)
def test_fillna_matches_pandas(name, value):
    s = PANDAS_SERIES[name]
    got = Column.from_pandas(s).fillna(value).to_pandas()
    assert_series_equal(got, s.fillna(value))


def test_fillna_wrong_type_raises_and_leaves_column_unchanged():
    col = as_column(["a", None])
    with pytest.raises(TypeError, match="value"):
        col.fillna(3)
    assert col.null_count == 1
    with pytest.raises(TypeError, match="category"):
        Column.from_pandas(PANDAS_SERIES["category"]).fillna("nope")


@pytest.mark.parametrize(
    "name,target",
    [
        ("int64", "float32"),
        ("int64", "Int64"),
        ("Int64", "float64"),
        ("float64", "Float64"),
        ("int64", "str"),
        ("str", "category"),
        ("category", "str"),
        ("bool", "int8"),
        ("datetime_ns", "datetime64[s]"),
        ("float32", "float64"),
        ("Int64", "Int32"),
        ("int64", "category"),
    ],
)
def test_astype_matches_pandas(name, target):
    s = PANDAS_SERIES[name]
    assert_series_equal(Column.from_pandas(s).astype(target).to_pandas(), s.astype(target))


def test_astype_nan_to_int_raises_clear_error():
    with pytest.raises(ValueError, match="NaN"):
        as_column([1.0, None]).astype("int64")
    with pytest.raises(TypeError, match="dtype"):
        as_column([1, 2]).astype("complex128")


def test_concat_unifies_dictionaries_and_promotes():
    a, b = as_column(["b", "a"]), as_column(["c", None, "a"])
    out = concat_columns([a, b])
    assert out.categories.to_pylist() == ["a", "b", "c"]
    assert out.to_pandas().tolist() == ["b", "a", "c", np.nan, "a"]
    got = concat_columns([as_column([1, 2]), Column.from_pandas(PANDAS_SERIES["Int64"])])
    assert_series_equal(
        got.to_pandas(),
        pd.concat([pd.Series([1, 2]), PANDAS_SERIES["Int64"]], ignore_index=True),
    )
    got = concat_columns([as_column([1, 2]), as_column([0.5])])
    assert got.dtype == np.dtype("float64")
    with pytest.raises(TypeError, match="concat"):
        concat_columns([as_column([1]), as_column(["a"])])


def test_column_empty_and_full():
    assert_series_equal(
        column_empty(2, "Int64").to_pandas(), pd.Series([None, None], dtype="Int64")
    )
    assert column_empty(3, "str").null_count == 3
    assert column_full(3, 2.5).to_pandas().tolist() == [2.5] * 3
    assert column_full(2, "x").to_pandas().tolist() == ["x", "x"]


def test_nbytes_counts_data_mask_and_dictionary():
    col = Column.from_pandas(PANDAS_SERIES["Int64"])
    assert col.nbytes == 3 * 8 + 3
    s = as_column(["abc", "abc"])
    assert s.nbytes >= 2 * 4


@gpu
def test_gpu_column_round_trip_and_take():
    import cupy as cp

    col = Column.from_pandas(PANDAS_SERIES["str"], device="gpu")
    assert isinstance(col.data, cp.ndarray)
    assert col.device.is_gpu
    assert_series_equal(col.take(cp.asarray([3, 0])).to_pandas(), pd.Series(["b", "b"]))
    num = as_column(cp.arange(4.0))
    assert num.device.is_gpu and num.to_pandas().tolist() == [0.0, 1.0, 2.0, 3.0]
