"""DLPack, __array__, Arrow PyCapsule and interchange on gpuframe objects: no copy, by
identity (equal data pointers and writes seen through both objects)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from _interop_memory import arrow_pointer, data_pointer, writable_alias

import gpuframe
import interop
from gpuframe.testing import assert_frame_equal, assert_series_equal, requires

# ----------------------------------------------------------------------------- DLPack


def test_series_dlpack_to_numpy_is_shared():
    a = np.arange(5.0)
    s = gpuframe.Series(a, name="x")
    out = np.from_dlpack(s)
    assert data_pointer(out) == data_pointer(a)
    assert s.__dlpack_device__() == (1, 0)
    writable_alias(out)[0] = 9.0
    assert s.iloc[0] == 9.0


@requires("torch")
def test_series_dlpack_to_torch_and_back_is_shared():
    import torch

    s = gpuframe.Series(np.arange(4, dtype=np.int32), name="x")
    t = torch.from_dlpack(s)
    assert t.data_ptr() == data_pointer(s.column.data)
    t[1] = -7
    assert s.iloc[1] == -7
    tensor = torch.arange(6.0)
    back = gpuframe.from_dlpack(tensor, name="y")
    assert back.name == "y" and data_pointer(back.column.data) == tensor.data_ptr()
    tensor[2] = 42.0
    assert back.iloc[2] == 42.0


def test_dlpack_keywords():
    s = gpuframe.Series(np.arange(3.0))
    assert np.from_dlpack(s, copy=False).ctypes.data == data_pointer(s.column.data)
    fresh = np.from_dlpack(s, copy=True)
    assert not np.shares_memory(fresh, s.column.data)
    np.testing.assert_array_equal(fresh, s.to_numpy())
    capsule = s.__dlpack__(max_version=(1, 0), dl_device=(1, 0), copy=None)
    assert type(capsule).__name__ == "PyCapsule"


def test_index_dlpack_is_shared():
    idx = gpuframe.Index(np.array([10, 20, 30]))
    assert data_pointer(np.from_dlpack(idx)) == data_pointer(idx.column.data)
    rng = gpuframe.RangeIndex(4)
    np.testing.assert_array_equal(np.from_dlpack(rng), np.arange(4))


def test_dlpack_refuses_what_it_cannot_describe():
    with pytest.raises(BufferError, match="1 nulls"):
        gpuframe.Series(pd.Series([1, None], dtype="Int64")).__dlpack__()
    with pytest.raises(BufferError, match="dictionary"):
        gpuframe.Series(["a", "b"]).__dlpack__()
    with pytest.raises(BufferError, match="datetime"):
        gpuframe.Series(np.array(["2020-01-01"], dtype="datetime64[s]")).__dlpack__()
    mi = gpuframe.from_pandas(pd.MultiIndex.from_arrays([[1, 2], [3, 4]]))
    with pytest.raises(BufferError, match="MultiIndex"):
        mi.__dlpack__()
    assert np.asarray(mi).tolist() == [(1, 3), (2, 4)]


def test_from_dlpack_shapes_and_bad_input():
    block = np.arange(6.0).reshape(3, 2)
    df = gpuframe.from_dlpack(block, columns=["a", "b"])
    assert isinstance(df, gpuframe.DataFrame) and list(df.columns) == ["a", "b"]
    assert df.to_array() is block or np.shares_memory(df.to_array(), block)
    with pytest.raises(ValueError, match="3-D"):
        gpuframe.from_dlpack(np.zeros((2, 2, 2)))
    with pytest.raises(TypeError, match="__dlpack__"):
        gpuframe.from_dlpack([1, 2, 3])


# ----------------------------------------------------------------------------- __array__


def test_series_array_is_shared_or_copies_with_reason():
    a = np.arange(4.0)
    s = gpuframe.Series(a)
    out = np.asarray(s)
    assert np.shares_memory(out, a)
    assert not np.shares_memory(np.array(s, copy=True), a)
    nulls = gpuframe.Series(pd.Series([1, None, 3], dtype="Int64"))
    np.testing.assert_array_equal(np.asarray(nulls), [1.0, np.nan, 3.0])
    with pytest.raises(ValueError, match="nulls"):
        np.asarray(nulls, copy=False)
    assert not hasattr(s, "__cuda_array_interface__")


def test_frame_array_is_the_block():
    block = np.arange(12.0).reshape(4, 3)
    df = gpuframe.DataFrame(block, columns=["a", "b", "c"])
    assert np.asarray(df) is block
    assert df.to_numpy() is block and df.values is block
    assert not np.shares_memory(df.to_numpy(copy=True), block)


# ----------------------------------------------------------------------------- Arrow PyCapsule


def test_series_arrow_c_array_is_shared_and_named():
    a = np.arange(5, dtype=np.int64)
    s = gpuframe.Series(a, name="x")
    arr = pa.array(s)
    assert arrow_pointer(arr) == data_pointer(a)
    schema, _ = s.__arrow_c_array__()
    assert pa.Field._import_from_c_capsule(schema).name == "x"


def test_frame_arrow_c_stream_is_shared():
    df = gpuframe.DataFrame({"a": np.arange(4.0), "b": np.arange(4, dtype=np.int32)})
    table = pa.table(df)
    assert table.column_names == ["a", "b"]
    for name in ("a", "b"):
        assert arrow_pointer(table.column(name).chunk(0)) == data_pointer(df[name].column.data)
    schema = pa.schema(df)  # __arrow_c_schema__
    assert schema.names == ["a", "b"] and schema.field("b").type == pa.int32()


@requires("polars")
def test_polars_reads_gpuframe_and_gpuframe_reads_polars_without_copy():
    import polars as pl

    a = np.arange(5.0)
    df = gpuframe.DataFrame({"x": a, "s": ["p", "q", None, "p", "r"]})
    out = pl.DataFrame(df)  # through __arrow_c_stream__
    assert out["x"].to_list() == a.tolist() and out["s"].to_list() == ["p", "q", None, "p", "r"]
    assert data_pointer(out["x"].to_numpy()) == data_pointer(a)
    ps = pl.Series("y", [1.5, 2.5, 3.5])
    gs = gpuframe.from_arrow(ps)
    assert gs.name == "y" and data_pointer(gs.column.data) == data_pointer(ps.to_numpy())
    series_out = pl.Series(gpuframe.Series(a, name="z"))  # through __arrow_c_array__
    assert series_out.name == "z" and data_pointer(series_out.to_numpy()) == data_pointer(a)


@requires("duckdb")
def test_duckdb_reads_gpuframe_and_gpuframe_reads_duckdb():
    import duckdb

    df = gpuframe.DataFrame({"k": ["a", "b", "a", None], "v": [1.0, 2.0, 3.0, 4.0]})
    got = duckdb.sql("select k, sum(v) as v from df group by k order by k nulls last").df()
    want = df.to_pandas().groupby("k", dropna=False, sort=True)["v"].sum().reset_index()
    np.testing.assert_array_equal(got["v"].to_numpy(), want["v"].to_numpy())
    rel = duckdb.sql(
        "select range::BIGINT as i, range::DOUBLE * 0.5 as f, 'x' || range as s from range(5)"
    )
    back = gpuframe.from_arrow(rel)
    assert_frame_equal(back, rel.df(), check_dtype=False)
    assert back["i"].dtype == np.int64 and back["s"].dtype == "str"


def test_pyarrow_table_is_read_without_copy():
    table = pa.table({"a": np.arange(4.0), "t": np.arange(4).astype("datetime64[ms]")})
    df = gpuframe.from_arrow(table)
    assert data_pointer(df["a"].column.data) == arrow_pointer(table.column("a").chunk(0))
    assert data_pointer(df["t"].column.data) == arrow_pointer(table.column("t").chunk(0))
    assert df["t"].dtype == np.dtype("datetime64[ms]")


class _StreamOnly:
    """A minimal third-party producer: only the Arrow C stream."""

    def __init__(self, obj):
        self._obj = obj

    def __arrow_c_stream__(self, requested_schema=None):
        return self._obj.__arrow_c_stream__(requested_schema)


def test_from_arrow_takes_any_producer():
    table = pa.table({"a": [1, None, 3], "s": pa.array(["x", "y", "x"]).dictionary_encode()})
    df = gpuframe.from_arrow(_StreamOnly(table))
    want = pd.DataFrame(
        {"a": pd.array([1, None, 3], dtype="Int64"), "s": pd.Categorical(["x", "y", "x"])}
    )
    assert_frame_equal(df, want)
    series = gpuframe.from_arrow(_StreamOnly(pa.chunked_array([[1.0, 2.0]])))
    assert_series_equal(series, pd.Series([1.0, 2.0]))
    with pytest.raises(TypeError, match="Arrow PyCapsule producer"):
        gpuframe.from_arrow(object())


@requires("nanoarrow")
def test_nanoarrow_reads_gpuframe_and_gpuframe_reads_nanoarrow():
    import nanoarrow as na

    table = pa.table({"a": [1, 2, None], "s": ["x", None, "y"]})
    df = gpuframe.from_arrow(na.ArrayStream(table))
    want = pd.DataFrame({"a": pd.array([1, 2, None], dtype="Int64"), "s": ["x", None, "y"]})
    assert_frame_equal(df, want.astype({"s": "str"}))
    assert gpuframe.from_arrow(na.c_array([1, 2, 3], na.int64())).to_pandas().tolist() == [1, 2, 3]
    gdf = gpuframe.DataFrame({"a": np.arange(3.0), "s": ["p", "q", None]})
    rows = list(na.Array(gdf).iter_py())
    assert rows == gdf.to_pandas().replace({np.nan: None}).to_dict("records")
    assert list(na.Array(gpuframe.Series(np.arange(3), name="z")).iter_py()) == [0, 1, 2]


# ----------------------------------------------------------------------------- interchange


def test_dataframe_interchange_protocol():
    df = gpuframe.DataFrame({"a": [1, 2, 3], "b": [0.5, None, 1.5], "s": ["x", "y", None]})
    out = pd.api.interchange.from_dataframe(df)
    assert_frame_equal(df, out, check_dtype=False)
    with pytest.raises(RuntimeError, match="dictionary-encoded"):
        df.__dataframe__(allow_copy=False)
    numeric = gpuframe.DataFrame({"a": np.arange(3.0)})
    buf = numeric.__dataframe__(allow_copy=False).get_column(0).get_buffers()["data"][0]
    assert buf.ptr == data_pointer(numeric["a"].column.data)


# ----------------------------------------------------------------------------- dl hook


def test_to_tensor_shares_memory():
    dl = pytest.importorskip("dl")
    if not hasattr(dl, "convert_to_tensor"):
        pytest.skip("dl has no Tensor yet")
    a = np.arange(6.0)
    t = interop.to_tensor(gpuframe.Series(a))
    assert isinstance(t, dl.Tensor) and np.shares_memory(t.numpy(), a)
