"""The same frame operations on the GPU (CuPy): results equal pandas, data stays on the device."""

from __future__ import annotations

import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal, gpu

pytestmark = gpu


@pytest.fixture
def pair():
    pdf = mixed_pandas()
    return gf.from_pandas(pdf, device="gpu"), pdf


def test_columns_live_on_the_gpu(pair):
    import cupy as cp

    df, _ = pair
    for name in df.columns:
        assert isinstance(df[name].column.data, cp.ndarray), name


def test_operations_match_pandas_without_transfers(pair):
    df, pdf = pair
    from gpuframe.backend import reset_transfer_stats, transfer_stats

    reset_transfer_stats()
    out = df.sort_values(["s", "i"], ascending=[False, True], na_position="first")
    out = out[out["i"] > 0]
    dup = df.duplicated(["s"])
    total = df["f"].cumsum()
    assert transfer_stats().device_to_host_calls == 0
    assert_frame_equal(
        out,
        pdf.sort_values(
            ["s", "i"], ascending=[False, True], na_position="first", kind="stable"
        ).pipe(lambda d: d[d["i"] > 0]),
    )
    assert_series_equal(dup, pdf.duplicated(["s"]))
    assert_series_equal(total, pdf["f"].cumsum())


def test_reductions_and_counts_on_gpu(pair):
    df, pdf = pair
    for col in ("i", "n", "f", "b"):
        for op in ("sum", "mean", "min", "max", "std", "count", "nunique", "median"):
            got, exp = getattr(df[col], op)(), getattr(pdf[col], op)()
            assert (pd.isna(got) and pd.isna(exp)) or got == pytest.approx(exp), (col, op)
    assert_series_equal(df["s"].value_counts(), pdf["s"].value_counts())
    assert_series_equal(df["c"].value_counts(), pdf["c"].value_counts())


def test_arithmetic_rolling_rank_on_gpu():
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf, device="gpu")
    assert_frame_equal(df * 2 - df, pdf * 2 - pdf)
    assert_frame_equal(df.rolling(3).mean(), pdf.rolling(3).mean(), check_dtype=False)
    assert_frame_equal(df.rolling(2).max(), pdf.rolling(2).max(), check_dtype=False)
    assert_frame_equal(df.rank(), pdf.rank())
    assert_frame_equal(df.fillna(0), pdf.fillna(0))
    assert_frame_equal(df.describe(), pdf.describe())
    assert_frame_equal(df.cummax(), pdf.cummax())
