"""Series.shift of float and time columns on NumPy (one copy in row chunks on the pool)
against pandas: every period sign and size, NaN/NaT in the data, chunks forced small."""

from __future__ import annotations

import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.backend import _parallel
from gpuframe.testing import assert_series_equal


@pytest.mark.parametrize("dtype", ["float64", "float32", "datetime64[ns]", "timedelta64[ms]"])
@pytest.mark.parametrize("n", [1, 2, 5, 1000])
def test_shift_matches_pandas(dtype, n, rng, monkeypatch):
    monkeypatch.setattr(_parallel, "MIN_ROWS", 2)
    v = rng.normal(size=n) * 1e6
    vals = v.astype("int64").astype(dtype) if dtype[0] in "dt" else v.astype(dtype)
    s = pd.Series(vals, name="x")
    if n > 3:
        s.iloc[2] = None
    g = gf.from_pandas(s.to_frame("x"))["x"]
    for p in (1, -1, 3, -3, n - 1, -(n - 1), n, n + 5, -n - 2, 0):
        with _parallel.workers(2):
            assert_series_equal(g.shift(p), s.shift(p))
