"""Round trips through Arrow, the PyCapsule interface, pandas, polars and duckdb keep
dtypes, nulls and names for every gpuframe dtype; the CPU paths share memory."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from _interop_memory import arrow_pointer, data_pointer, writable_alias
from _interop_samples import UNITS, every_dtype

import gpuframe
import interop
from gpuframe.testing import assert_frame_equal, assert_series_equal, requires

SAMPLE = every_dtype()
COLUMNS = list(SAMPLE.columns)


@pytest.fixture(scope="module")
def frame():
    df = gpuframe.from_pandas(SAMPLE)
    assert_frame_equal(df, SAMPLE)  # the starting point matches pandas
    return df


def _arrow(df):
    return interop.from_arrow(interop.to_arrow(df))


def _capsule(df):
    return gpuframe.from_arrow(pa.table(df))


def _pandas(df):
    return interop.from_pandas(interop.to_pandas(df))


@pytest.mark.parametrize("trip", [_arrow, _capsule, _pandas], ids=["arrow", "capsule", "pandas"])
@pytest.mark.parametrize("column", COLUMNS)
def test_round_trip_keeps_dtype_nulls_and_name(frame, trip, column):
    assert_frame_equal(trip(frame[[column]]), SAMPLE[[column]])


@pytest.mark.parametrize("column", COLUMNS)
def test_series_round_trip_keeps_name(frame, column):
    s = frame[column]
    assert_series_equal(interop.from_pandas(interop.to_pandas(s)), SAMPLE[column])
    back = interop.from_arrow(interop.to_arrow(s))
    assert_series_equal(back, SAMPLE[column].rename(None), check_index_type=False)


def test_index_and_column_labels_survive(frame):
    pdf = SAMPLE[["int64", "str"]].set_index(pd.Index([10, 20, 30, 40], name="k"))
    df = gpuframe.from_pandas(pdf)
    assert_frame_equal(_arrow(df), pdf)
    assert_frame_equal(_capsule(df), pdf)
    assert_frame_equal(_pandas(df), pdf)


@requires("polars")
@pytest.mark.parametrize("column", COLUMNS)
def test_polars_round_trip(frame, column):
    import polars as pl

    want = SAMPLE[[column]]
    if column in ("datetime_s", "timedelta_s"):  # polars has no seconds unit: it uses ms
        want = want.astype(want[column].dtype.str.replace("[s]", "[ms]"))
    if column == "category":  # polars keeps categories in order of appearance
        want = want.assign(**{column: want[column].cat.reorder_categories(["b", "a"])})
    assert_frame_equal(interop.from_polars(interop.to_polars(frame[[column]])), want)
    assert_frame_equal(gpuframe.from_arrow(pl.DataFrame(frame[[column]])), want)


@requires("polars")
def test_polars_series_round_trip_and_sharing():
    a = np.arange(4.0)
    s = gpuframe.Series(a, name="x")
    ps = interop.to_polars(s)
    assert ps.name == "x" and data_pointer(ps.to_numpy()) == data_pointer(a)
    back = interop.from_polars(ps)
    assert back.name == "x" and data_pointer(back.column.data) == data_pointer(a)
    with pytest.raises(TypeError, match="polars"):
        interop.from_polars(pd.DataFrame())


@requires("duckdb")
def test_duckdb_round_trip():
    import duckdb

    # duckdb has no duration type (INTERVAL, microsecond precision) and returns ENUMs as
    # strings: compare what it can hold.
    keep = [c for c in COLUMNS if not c.startswith("timedelta") and c != "category"]
    df = gpuframe.from_pandas(SAMPLE[keep])
    back = gpuframe.from_arrow(duckdb.from_arrow(df))  # duckdb scans the PyCapsule stream
    assert_frame_equal(back, SAMPLE[keep])
    delta = gpuframe.from_pandas(SAMPLE[["timedelta_us"]])
    got = gpuframe.from_arrow(duckdb.from_arrow(delta))
    assert_frame_equal(got, SAMPLE[["timedelta_us"]].astype("timedelta64[ns]"))


# ----------------------------------------------------------------------------- sharing


def test_from_pandas_and_to_pandas_share_memory():
    block = np.arange(12.0).reshape(4, 3)
    pdf = pd.DataFrame(block, columns=["a", "b", "c"], copy=False)
    df = interop.from_pandas(pdf)
    assert np.shares_memory(df["b"].column.data, block)
    assert np.shares_memory(interop.as_array(df, copy=False), block)
    out = interop.to_pandas(gpuframe.DataFrame(block, columns=["a", "b", "c"]))
    assert np.shares_memory(out.to_numpy(), block)
    writable_alias(block)[0, 1] = -1.0  # one write, seen by all three
    assert df["b"].iloc[0] == -1.0 and out["b"].iloc[0] == -1.0
    s = pd.Series(np.arange(3, dtype=np.int64), name="n")
    gs = interop.from_pandas(s)
    assert gs.name == "n" and np.shares_memory(gs.column.data, s.to_numpy())
    assert np.shares_memory(interop.to_pandas(gs).to_numpy(), gs.column.data)


def test_to_arrow_shares_primitive_buffers():
    a = np.arange(5, dtype=np.int16)
    df = gpuframe.DataFrame({"a": a})
    assert arrow_pointer(interop.to_arrow(df).column("a").chunk(0)) == data_pointer(a)
    assert arrow_pointer(interop.to_arrow(df["a"])) == data_pointer(a)


def test_bridges_reject_wrong_types():
    with pytest.raises(TypeError, match="Expected a gpuframe DataFrame, Series or Index"):
        interop.to_pandas(pd.DataFrame())
    with pytest.raises(TypeError, match="Expected a pandas DataFrame"):
        interop.from_pandas([1, 2])
    with pytest.raises(TypeError, match="torch.Tensor"):
        interop.from_torch(np.arange(3))
    with pytest.raises(ImportError, match="cuDF"):
        interop.to_cudf(gpuframe.Series([1.0]))


@pytest.mark.parametrize("unit", UNITS)
def test_arrow_timestamps_keep_unit(unit):
    arr = pa.array(np.array([0, 1, None], dtype=f"datetime64[{unit}]"))
    s = gpuframe.from_arrow(arr)
    assert s.dtype == np.dtype(f"datetime64[{unit}]")
    assert interop.to_arrow(s).type == pa.timestamp(unit)


@requires("torch")
def test_from_torch_frame_keeps_the_tensor_block():
    import torch

    t = torch.arange(12.0).reshape(4, 3)
    df = interop.from_torch(t, columns=["a", "b", "c"])
    m = interop.as_array(df, copy=False)
    assert data_pointer(m) == t.data_ptr()
    back = interop.to_torch(df, copy=False)
    assert back.data_ptr() == t.data_ptr() and torch.equal(back, t)
    with pytest.raises(ValueError, match="3-D"):
        interop.from_torch(torch.zeros(2, 2, 2))


@requires("cudf")
def test_cudf_round_trip():  # pragma: no cover - needs cuDF on a GPU
    import cudf

    df = gpuframe.DataFrame({"a": [1.0, 2.0], "s": ["x", "y"]}, device="gpu")
    back = interop.from_cudf(interop.to_cudf(df))
    assert_frame_equal(back, df.to_pandas())
    assert isinstance(interop.to_cudf(df), cudf.DataFrame)
