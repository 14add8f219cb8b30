"""describe() and reductions of frames with datetime/timedelta columns, against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

T = pd.to_datetime(["2021-01-01 00:00", "2021-01-03 00:00", None, "2021-01-04 06:00"])
D = pd.to_timedelta(["1s", "3s", None, "2.5s"])


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """pandas' object columns (a count and Timestamps/Timedeltas) as gpuframe's text."""
    out = frame.copy()
    for k in out.columns:
        if out[k].dtype == object:
            out[k] = pd.Series(
                [None if pd.isna(v) else str(v) for v in out[k]], index=out.index, dtype="str"
            )
    return out


@pytest.mark.parametrize(
    "columns",
    [["t"], ["t", "d"], ["t", "d", "f"], ["d", "f"], ["t", "f", "i"], ["d"]],
)
@pytest.mark.parametrize("percentiles", [None, [0.1, 0.9]])
def test_describe_with_time_columns_matches_pandas(columns, percentiles):
    full = pd.DataFrame({"t": T, "d": D, "f": [1.0, 2.0, np.nan, 4.5], "i": [1, 2, 3, 4]})
    pdf = full[columns]
    got = gf.from_pandas(pdf).describe(percentiles=percentiles)
    assert_frame_equal(got, _as_text(pdf.describe(percentiles=percentiles)))


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_series_describe_of_times(unit):
    for values in (T, D):
        p = pd.Series(values, name="x").astype(f"{values.dtype.kind}8[{unit}]")
        got = gf.from_pandas(p.to_frame())["x"].describe()
        want = p.describe()
        want = pd.Series([None if pd.isna(v) else str(v) for v in want], index=want.index)
        assert_series_equal(got, want.astype("str").rename("x"))


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_timedelta_std_truncates_as_pandas(unit):
    p = pd.Series(pd.to_timedelta(["1s", "3s", None, "2s", "7s"])).astype(f"m8[{unit}]")
    got = gf.from_pandas(p.to_frame("d"))["d"].std()
    assert got == p.std()


def test_reduction_over_mixed_time_and_number_columns_raises_clearly():
    pdf = pd.DataFrame({"t": T, "f": [1.0, 2.0, 3.0, 4.0]})
    df = gf.from_pandas(pdf)
    for op in ("max", "min"):
        with pytest.raises(TypeError, match=r"share no dtype.*numeric_only=True"):
            getattr(df, op)()
        assert_series_equal(getattr(df, op)(numeric_only=True), getattr(pdf, op)(numeric_only=True))
    assert_series_equal(df[["t"]].max(), pdf[["t"]].max())
