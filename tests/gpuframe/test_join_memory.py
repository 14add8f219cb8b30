"""Memory held by joins and by the frames around them: no cached hash tables, duplicated
dictionaries or Arrow tables kept alive, narrow join indices. Results against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.dtypes import CategoricalDtype
from gpuframe.testing import assert_frame_equal


def _cat_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "k": pd.Categorical(["b", "a", None, "c", "a"], categories=["c", "a", "b"]),
            "o": pd.Categorical([3, 1, 3, -2, 1], ordered=True),
            "v": [1.5, -0.0, np.nan, 2.0, 3.0],
        }
    )


def test_to_pandas_does_not_cache_a_hash_table_on_the_categories() -> None:
    pdf = _cat_frame()
    df = gf.DataFrame(pdf)
    got = df.to_pandas()
    assert_frame_equal(gf.DataFrame(got), gf.DataFrame(pdf))
    pd.testing.assert_frame_equal(got, pdf)
    for lab in ("k", "o"):
        cats = df._cols[lab].dtype.categories
        # pandas' uniqueness check caches a table of every category on the Index it checks
        assert "_engine" not in cats._cache
        got[lab].cat.categories.get_indexer(["a"])  # pandas' own table lives on its Index
        assert "_engine" not in cats._cache
        assert got[lab].cat.categories is not cats


@pytest.mark.parametrize(
    "cats",
    [
        ["b", "a"],
        [3, -1, np.iinfo(np.int64).max],
        [1.5, -0.0],
        pd.Index(["x", "y"], dtype=object),
        pd.date_range("2020-01-01", periods=2),
        [],
    ],
)
@pytest.mark.parametrize("ordered", [False, True])
def test_categorical_dtype_to_pandas_matches_pandas(cats: object, ordered: bool) -> None:
    got = CategoricalDtype(cats, ordered=ordered).to_pandas()
    exp = pd.CategoricalDtype(cats, ordered=ordered)
    assert got == exp
    assert got.categories.dtype == exp.categories.dtype
    assert got.ordered == exp.ordered


@pytest.mark.parametrize("cats", [["a", "a"], ["a", None], [1.0, np.nan]])
def test_categorical_dtype_to_pandas_rejects_what_pandas_rejects(cats: object) -> None:
    with pytest.raises(ValueError) as exp:
        pd.CategoricalDtype(cats)
    d = CategoricalDtype(cats)
    for _ in range(2):  # the check's answer is cached, the error stays
        with pytest.raises(ValueError, match=str(exp.value)):
            d.to_pandas()


def test_categories_from_arrow_share_the_string_data() -> None:
    import pyarrow as pa

    values = pa.array(["id3", "id1", "id2", "id10"])
    arr = pa.DictionaryArray.from_arrays(pa.array([0, 3, None, 1, 0], type=pa.int32()), values)
    col = gf.column.Column.from_arrow(arr)
    index_data = pa.array(col.dtype.categories.array).buffers()[2]
    assert col.categories.type == pa.string()
    assert col.categories.buffers()[2].address == index_data.address  # one copy of the bytes
    exp = pd.Series(arr.to_pandas())
    pd.testing.assert_series_equal(col.to_pandas(), exp)


def test_read_parquet_keeps_no_arrow_table_alive(tmp_path: object) -> None:
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 1 << 20  # large enough for the threaded reader and NumPy-owned copies
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 1000, n)
    table = pa.table(
        {
            "a": rng.integers(-(2**62), 2**62, n),
            "v": rng.random(n),
            "s": pa.array([f"id{i}" for i in ids.tolist()]).dictionary_encode(),
        }
    )
    path = os.path.join(str(tmp_path), "t.parquet")
    pq.write_table(table, path)
    del table
    before = pa.total_allocated_bytes()
    df = gf.read_parquet(path)
    held = pa.total_allocated_bytes() - before
    assert held < 1 << 20  # only the category strings stay in Arrow memory, not 16 MB of rows
    for lab in ("a", "v"):
        assert df._cols[lab].data.flags.owndata
    got, exp = df.to_pandas(), pd.read_parquet(path)
    assert got.dtypes.equals(exp.dtypes)
    for lab in ("a", "v"):
        np.testing.assert_array_equal(got[lab].to_numpy(), exp[lab].to_numpy())
    assert got["s"].cat.categories.equals(exp["s"].cat.categories)
    np.testing.assert_array_equal(got["s"].cat.codes.to_numpy(), exp["s"].cat.codes.to_numpy())


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_matches_pandas_with_large_categories(how: str) -> None:
    n = 1 << 17
    rng = np.random.default_rng(1)
    lk = rng.permutation(n)[: n - 7]
    rk = rng.permutation(n + 5)[: n // 2]
    cats = [f"id{i}" for i in range(n + 5)]
    left = pd.DataFrame(
        {
            "k": lk,
            "c": pd.Categorical.from_codes(lk, categories=cats),
            "v": rng.random(lk.shape[0]),
        }
    )
    right = pd.DataFrame({"k": rk, "c": pd.Categorical.from_codes(rk, categories=cats), "w": -rk})
    exp = left.merge(right, how=how, on="k")
    got = gf.DataFrame(left).merge(gf.DataFrame(right), how=how, on="k")
    if how == "outer":  # pandas sorts outer joins by key, as gpuframe
        exp = exp.reset_index(drop=True)
    pd.testing.assert_frame_equal(got.to_pandas(), exp)
