"""Time-window bounds of the NumPy fast path (flags + two-pointer walk) against the
``searchsorted`` rule of the Array API path and against pandas: every ``closed``, both
orders, ties, a zero window, one row, NaT and unsorted times raising."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.column._column import Column
from gpuframe.column._window_kernels import time_bounds_numpy
from gpuframe.column._windows import time_bounds
from gpuframe.testing import assert_frame_equal, assert_series_equal

CLOSED = ["right", "left", "both", "neither"]


def _searchsorted_bounds(t, w, closed):
    """The reference rule (the Array API path's), written out on NumPy."""
    if len(t) > 1 and not np.all(np.diff(t) >= 0):
        t = -t
    rows = np.arange(len(t))
    bound = t - w - (1 if closed in ("left", "both") else 0)
    start = np.minimum(np.searchsorted(t, bound, side="right"), rows)
    if closed in ("right", "both"):
        end = rows + 1
    else:
        end = np.searchsorted(t, t, side="left")
    return np.minimum(start, end), end


@pytest.mark.parametrize("closed", CLOSED)
@pytest.mark.parametrize("order", [1, -1], ids=["increasing", "decreasing"])
@pytest.mark.parametrize("w", [0, 1, 3, 50])
def test_bounds_match_searchsorted(rng, closed, order, w):
    for n in (0, 1, 2, 300):
        t = np.sort(rng.integers(-20, 40, n)).astype(np.int64)[::order].copy()
        s, e = time_bounds_numpy(t, w, closed, "index")
        ws, we = _searchsorted_bounds(t, w, closed)
        np.testing.assert_array_equal(s, ws)
        np.testing.assert_array_equal(e, we)
        assert s.dtype == e.dtype == np.int64


@pytest.mark.parametrize("closed", CLOSED)
@pytest.mark.parametrize("order", [1, -1], ids=["increasing", "decreasing"])
def test_rolling_time_window_matches_pandas(rng, closed, order):
    n = 500
    t = np.sort(rng.integers(0, 200, n))[::order] * 10**9 + 1_600_000_000 * 10**9
    v = rng.normal(size=n)
    v[rng.random(n) < 0.2] = np.nan
    pdf = pd.DataFrame({"ts": pd.to_datetime(t), "v": v, "f": v.astype("float32")})
    df = gf.from_pandas(pdf)
    for op in ("sum", "mean", "max", "min", "count", "std"):
        got = getattr(df.rolling("10s", on="ts", closed=closed), op)()
        want = getattr(pdf.rolling("10s", on="ts", closed=closed), op)()
        assert_frame_equal(got, want, obj=op)


def test_bad_times_raise():
    with pytest.raises(ValueError, match="index values must not have NaT"):
        time_bounds_numpy(np.array([1, np.iinfo(np.int64).min, 3]), 2, "right", "index")
    with pytest.raises(ValueError, match="ts values must be monotonic"):
        time_bounds_numpy(np.array([1, 5, 3]), 2, "right", "ts")
    big = np.arange(10_000, dtype=np.int64)
    big[9_000] = 0  # the disorder in a later block
    with pytest.raises(ValueError, match="must be monotonic"):
        time_bounds_numpy(big, 2, "right", "index")
    nat = pd.Series(pd.to_datetime(["2020-01-01", None, "2020-01-02"], format="ISO8601"))
    with pytest.raises(ValueError, match="must not have NaT"):
        time_bounds(Column.from_pandas(nat), 10**9)
    pdf = pd.DataFrame({"ts": nat, "v": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match="ts values must not have NaT"):
        gf.from_pandas(pdf).rolling("2s", on="ts").sum()
    with pytest.raises(ValueError, match="ts values must not have NaT"):
        pdf.rolling("2s", on="ts").sum()  # pandas raises the same


@pytest.mark.parametrize("op", ["max", "min"])
def test_expanding_extreme_running_kernel(rng, op):
    """Expanding min/max (every window starts at row 0): the running extreme, as pandas."""
    v = rng.normal(size=200)
    v[rng.random(200) < 0.3] = np.nan
    v[:3] = np.nan  # leading missing rows
    v[10] = -1e300  # (pandas turns +-inf into NaN before its window kernels; gpuframe
    v[20] = 1e300  # keeps them: a difference of its own, not of this path)
    for s in (
        pd.Series(v),
        pd.Series([np.nan, np.nan]),
        pd.Series([2.5]),
        pd.Series([], dtype=float),
    ):
        g = gf.from_pandas(s)
        for mp in (1, 4):
            got = getattr(g.expanding(min_periods=mp), op)()
            assert_series_equal(got, getattr(s.expanding(min_periods=mp), op)())
    ints = pd.Series(rng.integers(-5, 5, 50))
    assert_series_equal(
        getattr(gf.from_pandas(ints).expanding(), op)(), getattr(ints.expanding(), op)()
    )


@pytest.mark.parametrize("op", ["max", "min"])
def test_rolling_extreme_row_chunks(rng, op):
    """Enough rows for the pool: chunks rebuild their first window; the same answers as one
    pass and as pandas (time windows and fixed windows, NaN)."""
    from gpuframe.backend._parallel import workers
    from gpuframe.column._window_kernels import _bounded_extreme, bounded_moments

    n = 400_000
    t = np.cumsum(rng.integers(0, 300, n)) * 10**6 + 1_600_000_000 * 10**9
    v = rng.normal(size=n)
    v[rng.random(n) < 0.1] = np.nan
    pdf = pd.DataFrame({"ts": pd.to_datetime(t), "v": v})
    df = gf.from_pandas(pdf)
    with workers(2):
        got = getattr(df.rolling("3s", on="ts"), op)()
        assert_frame_equal(got, getattr(pdf.rolling("3s", on="ts"), op)())
        got = getattr(df[["v"]].rolling(50, min_periods=10), op)()
        assert_frame_equal(got, getattr(pdf[["v"]].rolling(50, min_periods=10), op)())
        s, e = time_bounds_numpy(t, 3 * 10**9, "both", "ts")
        serial = np.empty(n)
        _bounded_extreme(v, s, e, 1, op == "max", serial)
        np.testing.assert_array_equal(bounded_moments(v, s, e, op, 1), serial)
