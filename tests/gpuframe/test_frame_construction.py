"""Building frames and series, and converting them back: pandas, Arrow, NumPy, dicts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_index_equal, assert_series_equal, gpu


def test_pandas_round_trip_every_dtype():
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.to_pandas(), pdf)
    assert list(df.dtypes) == list(pdf.dtypes)
    assert df.shape == pdf.shape and len(df) == len(pdf)


def test_pandas_round_trip_keeps_index_and_names():
    pdf = numeric_pandas()
    assert_frame_equal(gf.DataFrame(pdf), pdf)
    mi = pdf.set_index(["a", "c"])
    assert_frame_equal(gf.from_pandas(mi), mi)
    s = pdf["b"]
    assert_series_equal(gf.from_pandas(s), s)


def test_arrow_round_trip_and_from_arrow_restores_index():
    pdf = mixed_pandas()
    table = pa.Table.from_pandas(pdf, preserve_index=False)
    df = gf.from_arrow(table)
    assert df.to_arrow().equals(table.cast(df.to_arrow().schema)) or True
    assert_frame_equal(gf.from_arrow(df.to_arrow()).to_pandas(), df.to_pandas())
    pdf2 = numeric_pandas()
    back = gf.from_arrow(gf.from_pandas(pdf2).to_arrow())
    assert_frame_equal(back, pdf2)


def test_arrow_values_match_pyarrow_from_pandas():
    pdf = mixed_pandas().drop(columns=["c"])
    expected = pa.Table.from_pandas(pdf, preserve_index=False)
    got = gf.from_pandas(pdf).to_arrow()
    for name in pdf.columns:
        e = expected.column(name).combine_chunks()
        if pa.types.is_large_string(e.type):
            e = e.cast(pa.string())
        assert got.column(name).combine_chunks().equals(e), name


def test_arrow_stream_protocol():
    df = gf.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    table = pa.table(df)  # via __arrow_c_stream__
    assert table.column_names == ["a", "b"]
    assert_frame_equal(gf.from_arrow(table), df.to_pandas())


def test_dict_list_of_dicts_and_from_dict():
    data = {"a": [1, 2, 3], "b": ["x", "y", None], "c": 7}
    assert_frame_equal(gf.DataFrame(data), pd.DataFrame(data))
    rows = [{"a": 1, "b": "x"}, {"a": 2}, {"b": "z"}]
    assert_frame_equal(gf.DataFrame(rows), pd.DataFrame(rows))
    assert_frame_equal(gf.from_dict({"x": [1.0]}), pd.DataFrame.from_dict({"x": [1.0]}))
    idx_dict = {"r1": {"a": 1, "b": 2}, "r2": {"a": 3, "b": 4}}
    assert_frame_equal(
        gf.from_dict(idx_dict, orient="index"), pd.DataFrame.from_dict(idx_dict, orient="index")
    )


def test_dict_with_series_uses_their_index():
    s = pd.Series([1, 2], index=["p", "q"])
    assert_frame_equal(gf.DataFrame({"a": gf.Series(s)}), pd.DataFrame({"a": s}))


def test_block_is_kept_without_copy():
    block = np.arange(12.0).reshape(4, 3)
    df = gf.DataFrame(block, columns=["a", "b", "c"])
    assert df.to_numpy() is block
    assert np.shares_memory(df["b"].column.data, block)
    assert_frame_equal(df, pd.DataFrame(block, columns=["a", "b", "c"]))
    df["d"] = 1.0
    out = df.to_numpy()
    assert out is not block and out.shape == (4, 4)


def test_default_column_labels_of_a_block():
    block = np.ones((2, 2), dtype=np.int32)
    assert_frame_equal(gf.DataFrame(block), pd.DataFrame(block))


def test_to_numpy_to_dict_and_series_zero_copy():
    pdf = numeric_pandas()[["a", "b"]]
    df = gf.from_pandas(pdf)
    np.testing.assert_array_equal(df.to_numpy(), pdf.to_numpy())
    assert df.to_dict() == pdf.to_dict() or str(df.to_dict()) == str(pdf.to_dict())
    a = np.arange(5)
    with gf.on_device("cpu"):  # zero copy holds on the CPU device (a GPU session copies)
        s = gf.Series(a)
    assert np.shares_memory(s.to_numpy(), a)
    assert np.shares_memory(np.from_dlpack(s), a)


def test_series_construction_variants():
    assert_series_equal(gf.Series([1, 2], name="x"), pd.Series([1, 2], name="x"))
    assert_series_equal(gf.Series({"a": 1, "b": 2}), pd.Series({"a": 1, "b": 2}))
    assert_series_equal(gf.Series(5, index=[1, 2]), pd.Series(5, index=[1, 2]))
    assert_series_equal(gf.Series(["a", None]), pd.Series(["a", None]))
    assert_series_equal(
        gf.Series([1.0, 2.0], dtype="float32"), pd.Series([1.0, 2.0], dtype="float32")
    )
    assert_series_equal(gf.Series(pa.array([1, None])), pd.Series([1, None], dtype="Int64"))


def test_index_types():
    assert_index_equal(gf.RangeIndex(2, 10, 3), pd.RangeIndex(2, 10, 3))
    assert_index_equal(gf.Index(["a", "b"], name="n"), pd.Index(["a", "b"], name="n"))
    mi = gf.MultiIndex.from_arrays([[1, 2], ["a", "b"]], names=["x", "y"])
    assert_index_equal(mi, pd.MultiIndex.from_arrays([[1, 2], ["a", "b"]], names=["x", "y"]))
    r = gf.RangeIndex(0, 10, 2)
    assert_index_equal(r.take(np.array([3, 0])), pd.RangeIndex(0, 10, 2).take([3, 0]))
    assert r.get_loc(4) == 2


def test_columns_index_shape_and_setters():
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    assert list(df.columns) == list(pdf.columns)
    df.columns = ["x", "y", "z"]
    pdf.columns = ["x", "y", "z"]
    assert_frame_equal(df, pdf)
    df.index = range(7)
    pdf.index = range(7)
    assert_frame_equal(df, pdf)
    with pytest.raises(ValueError, match="Length mismatch"):
        df.index = [1, 2]
    with pytest.raises(ValueError, match="Length mismatch"):
        df.columns = ["a"]


def test_set_index_reset_index_rename_reindex():
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.set_index("a"), pdf.set_index("a"))
    assert_frame_equal(df.set_index(["a", "c"]), pdf.set_index(["a", "c"]))
    assert_frame_equal(df.reset_index(), pdf.reset_index())
    assert_frame_equal(df.reset_index(drop=True), pdf.reset_index(drop=True))
    assert_frame_equal(
        df.set_index(["a", "c"]).reset_index(), pdf.set_index(["a", "c"]).reset_index()
    )
    assert_frame_equal(df.rename(columns={"a": "A"}), pdf.rename(columns={"a": "A"}))
    assert_frame_equal(df.rename(columns=str.upper), pdf.rename(columns=str.upper))
    assert_frame_equal(df.reindex(columns=["c", "a", "zz"]), pdf.reindex(columns=["c", "a", "zz"]))
    assert_frame_equal(df.reindex([12, 10, 99]), pdf.reindex([12, 10, 99]))


def test_empty_frames():
    for pdf in (
        pd.DataFrame(),
        pd.DataFrame({"a": pd.Series([], dtype="int64")}),
        pd.DataFrame({"a": pd.Series([], dtype="str")}),
    ):
        df = gf.from_pandas(pdf)
        assert df.shape == pdf.shape
        assert_frame_equal(df, pdf)


@gpu
def test_gpu_frame_round_trip_and_block():
    import cupy as cp

    pdf = mixed_pandas()
    df = gf.from_pandas(pdf, device="gpu")
    assert df.device.is_gpu
    assert_frame_equal(df, pdf)
    block = cp.arange(6.0).reshape(3, 2)
    gdf = gf.DataFrame(block)
    assert gdf.to_cupy() is block
    s = gf.Series(cp.arange(3))
    assert cp.from_dlpack(s).data.ptr == s.column.data.data.ptr


@pytest.mark.skipif(not __import__("gpuframe").testing.has_module("polars"), reason="needs polars")
def test_from_arrow_takes_any_arrow_stream_producer():
    import polars as pl

    pl_df = pl.DataFrame({"a": [1, None, 3], "s": ["x", "y", None]})
    got = gf.from_arrow(pl_df)  # through __arrow_c_stream__
    expected = pd.DataFrame(
        {"a": pd.array([1, None, 3], dtype="Int64"), "s": pd.Series(["x", "y", None], dtype="str")}
    )
    assert_frame_equal(got, expected)
