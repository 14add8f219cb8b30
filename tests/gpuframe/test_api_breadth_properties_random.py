"""Property tests of the breadth API: random data with NaN, ties, constants and gaps gives
pandas' answers (skew, kurt, mode, interpolate, factorize, combine_first)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gpuframe as gf
from gpuframe.testing import assert_series_equal

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_values = st.lists(
    st.one_of(st.none(), st.integers(-4, 4).map(float), st.floats(-1e3, 1e3, width=64)),
    max_size=25,
)


def _series(values: list) -> pd.Series:
    return pd.Series([np.nan if v is None else v for v in values], dtype="float64")


@SETTINGS
@given(_values, st.booleans())
def test_moments_random(values, skipna):
    ps = _series(values)
    for op in ("skew", "kurt"):
        got, want = getattr(gf.Series(ps), op)(skipna=skipna), getattr(ps, op)(skipna=skipna)
        if np.isnan(want) or np.isnan(got):
            assert np.isnan(want) and np.isnan(got)
        else:
            np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9)


@SETTINGS
@given(_values, st.booleans())
def test_mode_random(values, dropna):
    ps = _series(values)
    assert_series_equal(gf.Series(ps).mode(dropna=dropna), ps.mode(dropna=dropna))


@SETTINGS
@given(
    _values,
    st.sampled_from([None, 1, 2, 5]),
    st.sampled_from(["forward", "backward", "both"]),
    st.sampled_from([None, "inside", "outside"]),
)
def test_interpolate_random(values, limit, direction, area):
    ps = _series(values)
    kw = {"limit": limit, "limit_direction": direction, "limit_area": area}
    assert_series_equal(gf.Series(ps).interpolate(**kw), ps.interpolate(**kw), rtol=1e-12)


@SETTINGS
@given(_values, st.booleans(), st.booleans())
def test_factorize_random(values, sort, sentinel):
    ps = _series(values)
    codes, uniques = gf.Series(ps).factorize(sort=sort, use_na_sentinel=sentinel)
    want_codes, want_uniques = ps.factorize(sort=sort, use_na_sentinel=sentinel)
    np.testing.assert_array_equal(codes, want_codes)
    pd.testing.assert_index_equal(uniques.to_pandas(), want_uniques, exact=False)


@SETTINGS
@given(_values, _values)
def test_combine_first_random(left, right):
    a = _series(left)
    b = _series(right)
    b.index = b.index + len(left) // 2  # overlapping labels
    assert_series_equal(gf.Series(a).combine_first(gf.Series(b)), a.combine_first(b))
