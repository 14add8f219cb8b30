"""Frame operations whose CuPy path once differed from pandas (found by running the whole
suite with ``GPUFRAME_DEVICE=gpu`` on an H200): each is checked against pandas on the GPU
and, as its CPU twin, on the CPU."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal, gpu


@pytest.fixture(params=["cpu", pytest.param("gpu", marks=gpu)])
def device(request):
    return request.param


@pytest.fixture
def groups(rng, device):
    n = 5000
    pdf = pd.DataFrame(
        {
            "k": rng.integers(0, 40, n),
            "f": np.where(rng.random(n) < 0.1, np.nan, rng.normal(size=n)),
            "g": rng.normal(size=n).astype(np.float32),
        }
    )
    return gf.from_pandas(pdf, device=device), pdf


def test_group_min_max_are_exact_in_float64(groups):
    """CuPy's minimum.at/maximum.at rounded float64 to float32 (CuPy 14.2)."""
    df, pdf = groups
    for op in ("min", "max", "idxmin", "idxmax"):
        assert_frame_equal(getattr(df.groupby("k"), op)(), getattr(pdf.groupby("k"), op)())


@pytest.mark.parametrize("na_position", ["last", "first"])
@pytest.mark.parametrize("ascending", [True, False])
def test_float_sort_places_nan_as_asked(rng, device, ascending, na_position):
    v = rng.normal(size=3000)
    v[::17] = np.nan
    pdf = pd.DataFrame({"v": v, "i": np.arange(v.size)})
    df = gf.from_pandas(pdf, device=device)
    kw = dict(ascending=ascending, na_position=na_position)
    assert_frame_equal(df.sort_values("v", **kw), pdf.sort_values("v", kind="stable", **kw))


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint64"])
@pytest.mark.parametrize("periods", [1, -2, 0])
def test_integer_diff_wraps_and_widens_as_pandas(rng, device, dtype, periods):
    info = np.iinfo(dtype)
    v = rng.integers(info.min, info.max, 1000, dtype=dtype, endpoint=True)
    ps = pd.Series(v)
    assert_series_equal(gf.Series(v, device=device).diff(periods), ps.diff(periods))


def test_time_median_and_quantile_truncate_as_pandas(device):
    p = pd.Series(pd.to_timedelta([1, 2, None, 4, -5], unit="s"), name="t").astype("m8[s]")
    s = gf.from_pandas(p.to_frame("t"), device=device)["t"]
    assert s.median() == p.median()
    qs = [0.0, 0.25, 0.5, 0.7, 1.0]
    assert_series_equal(s.quantile(qs), p.quantile(qs))


def test_where_takes_a_host_condition(device):
    p = pd.Series([1.5, 2.5, 3.5], name="x")
    s = gf.from_pandas(p.to_frame("x"), device=device)["x"]
    cond = np.array([True, False, True])
    assert_series_equal(s.where(cond), p.where(cond))


@pytest.mark.parametrize("dtype", ["int8", "int16", "uint8", "int64", "uint64"])
def test_integer_diff_generic_path(backend, rng, dtype):
    """The Array API path of diff (CuPy's) on array-api-strict: same as pandas."""
    from gpuframe.backend import to_host
    from gpuframe.column._column import Column
    from gpuframe.column._scan import diff

    info = np.iinfo(dtype)
    v = rng.integers(info.min, info.max, 300, dtype=dtype, endpoint=True)
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    for periods in (1, 3, -2, 0, 400):
        got = diff(col, periods)
        want = pd.Series(v).diff(periods)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(to_host(got.data), want.to_numpy())


def test_groupby_with_every_key_missing(device):
    """No groups at all (every key missing, dropna=True): empty results, as pandas."""
    pdf = pd.DataFrame({"k": pd.Series([None, None], dtype="str"), "v": [1.5, None]})
    df = gf.from_pandas(pdf, device=device)
    for op in ("sum", "mean", "std", "var", "min", "max", "count", "median"):
        assert_frame_equal(getattr(df.groupby("k"), op)(), getattr(pdf.groupby("k"), op)())


@gpu
def test_from_pandas_puts_the_index_on_the_asked_device():
    """The index goes where the data goes, whatever the default device is."""
    import cupy as cp

    pdf = pd.DataFrame({"v": [1.0, 2.0]}, index=pd.Index(["a", "b"], name="k"))
    multi = pdf.set_index(pd.MultiIndex.from_tuples([("a", 1), ("b", 2)]))
    with gf.on_device("cpu"):
        for frame in (gf.from_pandas(pdf, device="gpu"), gf.from_pandas(multi, device="gpu")):
            for col in frame.index._columns():
                assert isinstance(col.data, cp.ndarray)
        s = gf.Series(pdf["v"], device="gpu")
        assert isinstance(s.index._columns()[0].data, cp.ndarray)
        assert_frame_equal(gf.from_pandas(multi, device="gpu"), multi)
