"""The Dask dispatch functions for gpuframe objects, each against Dask's pandas version."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

dask = pytest.importorskip("dask")
pytest.importorskip("dask.dataframe")

from dask.dataframe import dispatch as ddisp  # noqa: E402
from dask.dataframe.utils import make_meta  # noqa: E402
from dask.sizeof import sizeof  # noqa: E402
from dask.tokenize import tokenize  # noqa: E402

import gpuframe  # noqa: E402
import interop.dask  # noqa: E402, F401  (registers the dispatch functions)
from gpuframe.testing import assert_frame_equal, assert_series_equal  # noqa: E402


def pandas_sample(n: int = 30, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    v = rng.integers(0, 3, n).astype(float)
    v[::5] = np.nan
    return pd.DataFrame(
        {
            "k": rng.integers(0, 3, n),
            "s": pd.array(rng.choice(["x", "y", "z"], n), dtype="str"),
            "v": v,
            "t": pd.to_datetime(rng.integers(0, 3, n), unit="D"),
        }
    )


# ------------------------------------------------------------------------------- hashing
def test_hash_equal_rows_hash_equal_as_in_pandas():
    pdf = pandas_sample()
    pdf.loc[3, "s"] = None
    h = ddisp.hash_object_dispatch(gpuframe.from_pandas(pdf), index=False)
    assert isinstance(h, gpuframe.Series) and h.dtype == np.uint64
    ref = pd.util.hash_pandas_object(pdf, index=False).to_numpy()
    got = h.to_pandas().to_numpy()
    # the hash values differ from pandas', the equalities between rows do not
    np.testing.assert_array_equal(got[:, None] == got[None, :], ref[:, None] == ref[None, :])


def test_hash_does_not_depend_on_the_partition():
    pdf = pandas_sample(40)
    pdf.loc[[2, 25], "v"] = np.nan
    # two partitions hold different strings, so their string dictionaries differ
    a = gpuframe.from_pandas(pdf.iloc[:20])
    b = gpuframe.from_pandas(pdf.iloc[20:][pdf.iloc[20:]["s"] != "x"])
    whole = ddisp.hash_object_dispatch(gpuframe.from_pandas(pdf), index=False).to_pandas()
    for part in (a, b):
        got = ddisp.hash_object_dispatch(part, index=False).to_pandas()
        assert_series_equal(got, whole.loc[got.index])


def test_hash_with_index_mixes_the_labels_in():
    pdf = pd.DataFrame({"a": [1, 1]}, index=[10, 11])
    df = gpuframe.from_pandas(pdf)
    with_index = ddisp.hash_object_dispatch(df, index=True).to_pandas()
    without = ddisp.hash_object_dispatch(df, index=False).to_pandas()
    ref = pd.util.hash_pandas_object(pdf, index=True)
    assert (with_index[10] == with_index[11]) == (ref[10] == ref[11]) is np.False_
    assert without[10] == without[11]
    assert list(with_index.index) == [10, 11]


def test_hash_of_a_series_and_an_index():
    s = pd.Series([2.0, np.nan, 2.0, 5.0], name="v")
    got = ddisp.hash_object_dispatch(gpuframe.from_pandas(s), index=False).to_pandas().to_numpy()
    ref = pd.util.hash_pandas_object(s, index=False).to_numpy()
    np.testing.assert_array_equal(got[:, None] == got[None, :], ref[:, None] == ref[None, :])
    idx = gpuframe.from_pandas(pd.DataFrame({"a": [1, 2, 1]}).set_index("a")).index
    h = ddisp.hash_object_dispatch(idx).to_pandas().to_numpy()
    assert h[0] == h[2] != h[1]


# ------------------------------------------------------------------------------ group split
@pytest.mark.parametrize("ignore_index", [False, True])
def test_group_split_matches_pandas(ignore_index):
    pdf = pandas_sample(25)
    codes = np.random.default_rng(1).integers(0, 4, len(pdf))
    got = ddisp.group_split_dispatch(
        gpuframe.from_pandas(pdf), gpuframe.Series(codes), 5, ignore_index=ignore_index
    )
    want = ddisp.group_split_dispatch(pdf, codes, 5, ignore_index=ignore_index)
    assert sorted(got) == sorted(want) == list(range(5))
    for i in range(5):
        assert_frame_equal(got[i], want[i])
    assert sizeof(got) >= sum(sizeof(p) for p in got.values())


# ------------------------------------------------------------------------------- concat
def test_concat_frames_with_different_columns():
    a = pandas_sample(5)
    b = pandas_sample(4, seed=2)[["k", "v"]].assign(w=1.5)
    got = ddisp.concat([gpuframe.from_pandas(a), gpuframe.from_pandas(b)])
    assert_frame_equal(got, pd.concat([a, b]))
    got = ddisp.concat([gpuframe.from_pandas(a), gpuframe.from_pandas(b)], ignore_index=True)
    assert_frame_equal(got, pd.concat([a, b], ignore_index=True))


def test_concat_series_indexes_and_columns():
    a, b = pd.Series([1.0, 2.0], name="x"), pd.Series([3.0], name="x", index=[7])
    got = ddisp.concat([gpuframe.from_pandas(a), gpuframe.from_pandas(b)])
    assert_series_equal(got, pd.concat([a, b]))
    ia = gpuframe.from_pandas(pd.DataFrame({"i": [3, 1]}).set_index("i")).index
    ib = gpuframe.from_pandas(pd.DataFrame({"i": [2]}).set_index("i")).index
    assert ddisp.concat([ia, ib]).to_pandas().tolist() == [3, 1, 2]
    left = pd.DataFrame({"a": [1, 2]})
    right = pd.DataFrame({"b": ["u", "v"]})
    got = ddisp.concat([gpuframe.from_pandas(left), gpuframe.from_pandas(right)], axis=1)
    assert_frame_equal(got, pd.concat([left, right], axis=1))


def test_concat_rejects_unknown_options():
    df = gpuframe.DataFrame({"a": [1]})
    with pytest.raises(NotImplementedError, match="verify_integrity"):
        ddisp.concat([df, df], verify_integrity=True)


# ---------------------------------------------------------------------------------- meta
def test_make_meta_and_nonempty_meta_keep_dtypes_and_device():
    pdf = pandas_sample(6)
    df = gpuframe.from_pandas(pdf)
    meta = make_meta(df)
    assert isinstance(meta, gpuframe.DataFrame) and len(meta) == 0
    assert_frame_equal(meta, pdf.head(0))
    nonempty = ddisp.meta_nonempty(meta)
    assert isinstance(nonempty, gpuframe.DataFrame)
    assert_frame_equal(nonempty, ddisp.meta_nonempty(pdf.head(0)))
    assert nonempty.device == df.device
    series_meta = make_meta(df["v"])
    assert isinstance(series_meta, gpuframe.Series) and series_meta.name == "v"
    assert len(make_meta(df.index)) == 0


def test_make_meta_from_descriptions_follows_the_parent_backend():
    parent = make_meta(gpuframe.DataFrame({"a": [1]}))
    meta = make_meta({"a": "i8", "b": "f8"}, parent_meta=parent)
    assert isinstance(meta, gpuframe.DataFrame)
    assert_frame_equal(meta, make_meta({"a": "i8", "b": "f8"}))
    s = make_meta(("x", "f8"), parent_meta=parent)
    assert isinstance(s, gpuframe.Series) and s.name == "x"
    assert make_meta("i8", parent_meta=parent) == make_meta("i8")


def test_categorical_dispatch():
    pcat = pd.Series(["b", "a", "b"], dtype="category")
    cat = gpuframe.from_pandas(pcat)
    assert ddisp.is_categorical_dtype(cat) and ddisp.is_categorical_dtype(cat.dtype)
    assert not ddisp.is_categorical_dtype(gpuframe.Series([1.0]))
    assert not ddisp.is_categorical_dtype(gpuframe.Series(["a"]).dtype)
    dtype = ddisp.categorical_dtype(gpuframe.DataFrame({"a": [1]}), categories=["a", "b"])
    assert dtype == pd.CategoricalDtype(["a", "b"])
    other = gpuframe.from_pandas(pd.Series(["c"], dtype="category"))
    union = ddisp.union_categoricals([cat, other])
    want = pd.api.types.union_categoricals([pcat, other.to_pandas()])
    assert list(union.to_pandas()) == list(want)
    assert list(union.dtype.categories) == list(want.categories)


def test_tolist():
    s = pd.Series([1.5, np.nan, 3.0])
    got = ddisp.tolist(gpuframe.from_pandas(s))
    assert got[0] == 1.5 and np.isnan(got[1]) and got[2] == 3.0
    idx = gpuframe.from_pandas(pd.DataFrame({"i": [4, 5]}).set_index("i")).index
    assert ddisp.tolist(idx) == [4, 5]


# --------------------------------------------------------------------------------- arrow
def test_arrow_round_trip_and_schema():
    pdf = pandas_sample(8).set_index("k")
    df = gpuframe.from_pandas(pdf)
    table = ddisp.to_pyarrow_table_dispatch(df, preserve_index=True)
    assert table.equals(ddisp.to_pyarrow_table_dispatch(df, preserve_index=True))
    back = ddisp.from_pyarrow_table_dispatch(df.head(0), table)
    assert isinstance(back, gpuframe.DataFrame)
    assert_frame_equal(back, pdf)
    schema = ddisp.pyarrow_schema_dispatch(df.head(0), preserve_index=False)
    assert schema.names == ["s", "v", "t"]
    for field in schema:  # the same types as the data's table (any Arrow string layout)
        want = table.schema.field(field.name).type
        if pa.types.is_large_string(want):
            want = pa.string()
        got = pa.string() if pa.types.is_large_string(field.type) else field.type
        assert got == want, field.name


# ------------------------------------------------------------------- sizes, partd, tokens
def test_sizeof_counts_columns_and_index():
    small = gpuframe.from_pandas(pandas_sample(10).set_index("k"))
    big = gpuframe.from_pandas(pandas_sample(1000).set_index("k"))
    assert sizeof(small) == small.nbytes + small.index.memory_usage_bytes
    assert sizeof(big) > 50 * sizeof(small) / 2
    assert sizeof(big["v"]) >= big["v"].nbytes
    assert sizeof(big.index) == big.index.memory_usage_bytes > 0


def test_partd_encoding_round_trip(tmp_path):
    partd = pytest.importorskip("partd")
    a, b = pandas_sample(5), pandas_sample(4, seed=9)
    encode = ddisp.partd_encode_dispatch(gpuframe.DataFrame({"a": [1]}))
    store = encode(partd.File(str(tmp_path / "p")))
    store.append({"x": gpuframe.from_pandas(a)})
    store.append({"x": gpuframe.from_pandas(b)})
    assert_frame_equal(store.get("x"), pd.concat([a, b]))


def test_tokens_follow_the_data():
    pdf = pandas_sample(10)
    t1 = tokenize(gpuframe.from_pandas(pdf))
    assert t1 == tokenize(gpuframe.from_pandas(pdf.copy()))
    changed = pdf.copy()
    changed.loc[4, "v"] = 99.0
    assert t1 != tokenize(gpuframe.from_pandas(changed))
    assert tokenize(gpuframe.from_pandas(pdf["s"])) != tokenize(gpuframe.from_pandas(pdf["k"]))


def test_collection_types():
    from dask._dispatch import get_collection_type
    from dask.dataframe.dask_expr import _collection as c

    df = gpuframe.DataFrame({"a": [1]})
    assert get_collection_type(df) is interop.dask.GpuframeDaskDataFrame
    assert issubclass(interop.dask.GpuframeDaskDataFrame, c.DataFrame)
    assert get_collection_type(df["a"]) is c.Series
    assert get_collection_type(df.index) is c.Index


def test_device_arrays_are_tokenized_where_they_live():
    """Columns outside NumPy (CuPy on a GPU; array-api-strict here) are digested by the
    array library's own kernels, never by pickling them to the host."""
    xps = pytest.importorskip("array_api_strict")
    from interop.dask._token import _array_token

    a = xps.asarray([3, 1, 2, 7], dtype=xps.int64)
    same = xps.asarray([3, 1, 2, 7], dtype=xps.int64)
    assert _array_token(a) == _array_token(same)
    assert _array_token(a) != _array_token(xps.asarray([3, 1, 2, 8], dtype=xps.int64))
    assert _array_token(a) != _array_token(xps.asarray([1, 3, 2, 7], dtype=xps.int64))
    assert _array_token(a) != _array_token(xps.asarray([3.0, 1.0, 2.0, 7.0]))
