"""resample of integer columns through the sorted-run kernels, against pandas: dtypes
(narrow sums, float64 where an empty bin makes a value missing) and values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal

OPS = ["sum", "mean", "min", "max", "first", "last", "count", "ohlc"]


def _frame(rng, gaps: bool) -> pd.DataFrame:
    n = 5000
    step = rng.integers(0, 400 if gaps else 20, n)  # seconds; gaps leave empty minutes
    t = pd.Timestamp("2021-01-01") + pd.to_timedelta(np.cumsum(step), unit="s")
    return pd.DataFrame(
        {
            "i32": rng.integers(-1000, 1000, n).astype(np.int32),
            "u8": rng.integers(0, 255, n).astype(np.uint8),
            "i64": rng.integers(-(10**9), 10**9, n),
            "f": rng.normal(size=n),
        },
        index=pd.DatetimeIndex(t, name="ts"),
    )


@pytest.mark.parametrize("gaps", [False, True], ids=["dense", "gaps"])
@pytest.mark.parametrize("op", OPS)
def test_int_columns_match_pandas(rng, op, gaps):
    pdf = _frame(rng, gaps)
    got = getattr(gf.from_pandas(pdf).resample("1min"), op)()
    want = getattr(pdf.resample("1min"), op)()
    want.index = want.index._with_freq(None)
    assert_frame_equal(got, want)


def test_huge_ints_take_the_exact_path(rng):
    """Sums that float64 could not hold exactly go through the general path."""
    pdf = _frame(rng, False)[["i64"]]
    pdf["i64"] = np.int64(2**62) - rng.integers(0, 10, len(pdf))
    got = gf.from_pandas(pdf).resample("1h").max()
    want = pdf.resample("1h").max()
    want.index = want.index._with_freq(None)
    assert_frame_equal(got, want)
