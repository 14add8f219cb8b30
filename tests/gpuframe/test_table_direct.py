"""frame_to_table's direct path (numeric and categorical columns straight from their
buffers) gives exactly pandas' ``pa.Table.from_pandas`` table: values, nulls, types and the
pandas schema metadata; other frames take the pandas route."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gpuframe as gf
from gpuframe.io import _table


@pytest.fixture(autouse=True)
def _small_frames_take_the_direct_path(monkeypatch):
    monkeypatch.setattr(_table, "_DIRECT_MIN_ROWS", 0)


def _frame(n: int, rng: np.random.Generator) -> pd.DataFrame:
    f = rng.normal(size=n)
    f[rng.random(n) < 0.2] = np.nan
    small = pd.Categorical.from_codes(rng.integers(-1, 3, n), ["a", "b", "c"])
    wide = pd.Categorical([f"k{i % 300}" for i in range(n)])
    return pd.DataFrame(
        {
            "i8": rng.integers(-5, 5, n).astype(np.int8),
            "u64": rng.integers(0, 2**40, n).astype(np.uint64),
            "i32": rng.integers(0, 9, n).astype(np.int32),
            "f": f,
            "f32": rng.normal(size=n).astype(np.float32),
            "small": small,
            "wide": wide,
            "ordered": pd.Categorical(["x", "y"] * (n // 2), ordered=True),
            "ts": pd.to_datetime(rng.integers(0, 2**40, n), unit="ms").where(rng.random(n) > 0.2),
            "td": pd.to_timedelta(rng.integers(-(2**30), 2**30, n), unit="s"),
        }
    )


@pytest.mark.parametrize("index", [None, False])
@pytest.mark.parametrize("n", [0, 2, 1000])
def test_direct_table_equals_pandas_conversion(n, index, rng):
    pdf = _frame(n, rng)
    df = gf.from_pandas(pdf)
    got = _table._direct_table(df, index)
    assert got is not None
    want = pa.Table.from_pandas(pdf, preserve_index=index)
    assert got.equals(want, check_metadata=True)
    assert got.schema.metadata == want.schema.metadata


def test_range_index_bounds_and_name_kept(rng, tmp_path):
    pdf = _frame(10, rng)
    pdf.index = pd.RangeIndex(5, 25, 2, name="row")
    df = gf.from_pandas(pdf)
    got = _table.frame_to_table(df, index=None, func="t")
    want = pa.Table.from_pandas(pdf, preserve_index=None)
    assert got.equals(want, check_metadata=True)
    df.to_parquet(tmp_path / "a.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a.parquet"), pdf)


@pytest.mark.parametrize(
    "pdf",
    [
        pd.DataFrame({"s": ["a", None, "c"]}),  # strings: through pandas
        pd.DataFrame({"m": pd.array([1, None, 3], dtype="Int64")}),
        pd.DataFrame({1: [1.0, 2.0, 3.0]}),  # non-string label
        pd.DataFrame({"a": [1, 2, 3]}, index=[7, 8, 9]),  # not a RangeIndex
    ],
)
def test_other_frames_take_the_pandas_route(pdf, tmp_path):
    df = gf.from_pandas(pdf)
    assert _table._direct_table(df, None) is None
    got = _table.frame_to_table(df, index=None, func="t")
    assert got.equals(pa.Table.from_pandas(pdf, preserve_index=None))


def test_parquet_round_trip_through_direct_path(rng, tmp_path):
    pdf = _frame(500, rng)
    gf.from_pandas(pdf).to_parquet(tmp_path / "g.parquet")
    pdf.to_parquet(tmp_path / "p.parquet")
    ours, theirs = pq.read_table(tmp_path / "g.parquet"), pq.read_table(tmp_path / "p.parquet")
    assert ours.equals(theirs, check_metadata=True)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "g.parquet"), pdf)


def test_mostly_distinct_numeric_columns_are_written_plain(rng, tmp_path):
    """to_parquet skips the dictionary attempt for mostly-distinct numeric columns; the
    values read back are pandas' own (NaN, NaT, low-cardinality columns included)."""
    from gpuframe.io import _parquet

    n = 200_000
    wide = rng.normal(size=n)
    wide[::11] = np.nan
    pdf = pd.DataFrame(
        {
            "wide": wide,
            "ts": pd.to_datetime(rng.integers(0, 2**50, n)),
            "few": rng.integers(0, 5, n),
            "cat": pd.Categorical.from_codes(rng.integers(0, 3, n), ["a", "b", "c"]),
        }
    )
    assert _parquet.dictionary_columns(pa.Table.from_pandas(pdf)) == ["few", "cat"]
    path = tmp_path / "w.parquet"
    gf.from_pandas(pdf).to_parquet(path)
    pd.testing.assert_frame_equal(pd.read_parquet(path), pdf)
    meta = pq.ParquetFile(path).metadata.row_group(0)
    encodings = {meta.column(i).path_in_schema: meta.column(i).encodings for i in range(4)}
    assert "RLE_DICTIONARY" not in encodings["wide"]
    assert "RLE_DICTIONARY" not in encodings["ts"]
    assert "RLE_DICTIONARY" in encodings["few"]
    assert "RLE_DICTIONARY" in encodings["cat"]
