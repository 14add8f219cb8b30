"""groupby reductions of datetime (naive and tz-aware) and timedelta columns, and melt of
tz-aware columns, against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal

OPS = ["mean", "median", "std", "min", "max", "first", "last", "count"]


def _frame(unit: str, rng) -> pd.DataFrame:
    n = 300
    base = pd.Timestamp("2021-01-01")
    t = base + pd.to_timedelta(rng.integers(0, 10**9, n), unit="s")
    t = pd.Series(t + pd.to_timedelta(rng.integers(0, 10**9, n), unit="ns")).astype(f"M8[{unit}]")
    t[::7] = pd.NaT
    d = pd.Series(pd.to_timedelta(rng.integers(-(10**6), 10**6, n), unit="s")).astype(f"m8[{unit}]")
    d[::5] = pd.NaT
    tz = t.dt.tz_localize("UTC").dt.tz_convert("Europe/Paris")
    pdf = pd.DataFrame({"k": rng.integers(0, 7, n), "t": t, "d": d, "tz": tz})
    pdf.loc[pdf.k == 6, ["t", "d", "tz"]] = pd.NaT  # a group with no valid value
    return pdf


def _ticks(frame) -> np.ndarray:
    pdf = frame if isinstance(frame, pd.DataFrame) else frame.to_pandas()
    return np.stack([np.asarray(pdf[c].array.asi8) for c in pdf.columns])


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("op", OPS)
def test_time_columns_groupby_matches_pandas(rng, unit, op):
    pdf = _frame(unit, rng)
    got = getattr(gf.from_pandas(pdf).groupby("k"), op)()
    want = getattr(pdf.groupby("k"), op)()
    if op in ("mean", "std") and unit in ("us", "ns"):
        # both sum float64 ticks (pandas with Kahan steps): the last digits may differ
        assert_frame_equal(got.iloc[:0], want.iloc[:0])
        g, w = _ticks(got), _ticks(want)
        np.testing.assert_array_equal(g == np.iinfo(np.int64).min, w == np.iinfo(np.int64).min)
        np.testing.assert_allclose(g, w, rtol=1e-14, atol=2)
    else:
        assert_frame_equal(got, want)


def test_time_columns_without_mean_raise_like_pandas(rng):
    pdf = _frame("s", rng)
    df = gf.from_pandas(pdf)
    for cols, op in [(["t"], "sum"), (["t"], "var"), (["d"], "var"), (["d"], "prod")]:
        with pytest.raises(TypeError):
            getattr(pdf.groupby("k")[cols], op)()
        with pytest.raises(TypeError, match=op):
            getattr(df.groupby("k")[cols], op)()
    assert_frame_equal(df.groupby("k")[["d"]].sum(), pdf.groupby("k")[["d"]].sum())


def test_melt_keeps_tz_aware_values(rng):
    pdf = _frame("us", rng)[["k", "tz"]]
    pdf["tz2"] = pdf["tz"] + pd.Timedelta("1h")
    got = gf.from_pandas(pdf).melt(id_vars="k", value_vars=["tz", "tz2"])
    assert_frame_equal(got, pdf.melt(id_vars="k", value_vars=["tz", "tz2"]))
