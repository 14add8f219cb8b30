"""pandas methods that scikit-learn and Dask call on frames, checked against pandas: take,
astype(errors=), cum*(axis=, skipna=), transpose, quantile lists, searchsorted, constructors,
Index.astype/to_frame/isna/name setters, merge key coalescing, to_numeric, NaT arithmetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

MIXED = list(mixed_pandas().columns)


@pytest.fixture
def mixed():
    pdf = mixed_pandas()
    pdf.index = pd.Index([10, 11, 12, 13, 14, 15], name="r")
    return gf.from_pandas(pdf), pdf


# ---------------------------------------------------------------------- take
@pytest.mark.parametrize(
    "indices", [[2, 0, 5], [-1, -6, 3], [], np.array([4, 4, 1], dtype=np.int32)]
)
def test_frame_take_rows(mixed, indices):
    df, pdf = mixed
    assert_frame_equal(df.take(indices), pdf.take(indices))
    assert_frame_equal(df.take(indices, axis=0), pdf.take(indices, axis=0))


@pytest.mark.parametrize("col", MIXED)
def test_series_take_every_dtype(mixed, col):
    df, pdf = mixed
    idx = np.array([5, 1, 1, -2])
    assert_series_equal(df[col].take(idx), pdf[col].take(idx))


def test_take_columns_and_series_positions(mixed):
    df, pdf = mixed
    assert_frame_equal(df.take([3, 0], axis=1), pdf.take([3, 0], axis=1))
    assert_frame_equal(df.take([-1], axis="columns"), pdf.take([-1], axis="columns"))
    pos = gf.Series([1, 0])
    assert_frame_equal(df.take(pos), pdf.take(pos.to_pandas()))


def test_take_bad_input(mixed):
    df, pdf = mixed
    for obj, ref in ((df, pdf), (df["f"], pdf["f"])):
        with pytest.raises(IndexError):
            ref.take([6])
        with pytest.raises(IndexError, match="6"):
            obj.take([6])
        with pytest.raises(TypeError, match="integers"):
            obj.take([0.5, 1.0])
    with pytest.raises(ValueError, match="axis"):
        df["f"].take([0], axis=1)
    with pytest.raises(IndexError, match="9"):
        df.take([9], axis=1)


# ---------------------------------------------------------------------- astype(errors=)
@pytest.mark.parametrize(
    ("target", "columns"),
    [
        ("float64", MIXED),
        ("int64", MIXED),
        ("str", MIXED),
        ("Int64", MIXED),
        # float/bool -> datetime (pandas reads them as ns ticks) is not supported
        ("datetime64[ns]", ["i", "i32", "n", "s", "t", "d", "c"]),
    ],
)
def test_astype_errors_ignore_every_dtype(mixed, target, columns):
    df, pdf = mixed
    spec = dict.fromkeys(columns, target)
    want = pdf.astype(spec, errors="ignore")
    got = df.astype(spec, errors="ignore").to_pandas()
    # which columns pandas could cast is the point: the same columns must change dtype
    assert got.dtypes.astype(str).tolist() == want.dtypes.astype(str).tolist()
    for col in columns:
        if want[col].dtype == pdf[col].dtype or str(want[col].dtype) == "str":
            continue
        assert_series_equal(got[col], want[col])


def test_astype_errors_raise_and_bad_value(mixed):
    df, pdf = mixed
    with pytest.raises(ValueError):
        pdf.astype({"s": "int64"})
    with pytest.raises(ValueError):
        df.astype({"s": "int64"})
    with pytest.raises(ValueError, match="errors"):
        df.astype("float64", errors="skip")
    with pytest.raises(KeyError, match="zz"):
        df.astype({"zz": "float64"}, errors="ignore")
    assert_series_equal(df["s"].astype("int64", errors="ignore"), pdf["s"])


# ---------------------------------------------------------------------- cum*(axis, skipna)
@pytest.mark.parametrize("op", ["cumsum", "cumprod", "cummin", "cummax"])
@pytest.mark.parametrize("skipna", [True, False])
def test_cumulative_pandas_signature(op, skipna):
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    for axis in (None, 0, "index"):
        assert_frame_equal(
            getattr(df, op)(axis=axis, skipna=skipna), getattr(pdf, op)(axis=axis, skipna=skipna)
        )
        assert_series_equal(getattr(df["b"], op)(axis, skipna), getattr(pdf["b"], op)(axis, skipna))
    with pytest.raises(NotImplementedError, match="axis=1"):
        getattr(df, op)(axis=1)
    with pytest.raises(ValueError, match="axis"):
        getattr(df["b"], op)(axis=1)
