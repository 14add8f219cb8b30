"""groupby result dtypes of narrow ints and float32 (plain and masked), against pandas,
including pandas' value-dependent widening of sums that overflow the input dtype."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal

OPS = [
    "sum", "prod", "cumsum", "cumprod", "cummax", "cummin", "mean", "median", "var",
    "std", "sem", "min", "max", "first", "last",
]  # fmt: skip


def _frame(big: bool) -> pd.DataFrame:
    i32 = [2**31 - 1, 1, 3, 1, 1] if big else [7, 5, 3, 1, 1]
    u8 = [250, 10, 3, 1, 2] if big else [25, 10, 3, 1, 2]
    i16 = [30000, 30000, 3, None, 5] if big else [1, None, 3, 4, 5]
    return pd.DataFrame(
        {
            "k": [1, 1, 2, 2, 3],
            # with a NaN: pandas' mean of a float32 column without one is float64 (gpuframe
            # keeps float32 as pandas does when there is a NaN)
            "f": np.array([1.5, 2, np.nan, 5, 1], dtype="float32"),
            "F": pd.array([1.5, None, 3, 4, None], dtype="Float32"),
            "i": np.array(i32, dtype="int32"),
            "u": np.array(u8, dtype="uint8"),
            "I": pd.array(i16, dtype="Int16"),
            "b": [True, False, True, True, False],
        }
    )


@pytest.mark.parametrize("big", [False, True], ids=["fits", "overflows"])
@pytest.mark.parametrize("op", OPS)
def test_result_dtypes_match_pandas(op, big):
    pdf = _frame(big)
    if op in ("cumprod", "prod") and big:
        pdf = pdf.drop(columns=["i"])  # pandas wraps int64 products silently
    got = getattr(gf.from_pandas(pdf).groupby("k"), op)()
    assert_frame_equal(got, getattr(pdf.groupby("k"), op)())


def test_quantile_dtypes_match_pandas():
    pdf = _frame(False).drop(columns=["b"])
    for q in (0.3, 0.5):
        assert_frame_equal(
            gf.from_pandas(pdf).groupby("k").quantile(q), pdf.groupby("k").quantile(q)
        )
