"""Display like pandas: text and HTML reprs (truncated for long frames), info()."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas

import gpuframe as gf


def _long(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "a": np.arange(n),
            "b": rng.normal(size=n),
            "s": pd.Series(rng.choice(["x", "yy", None], size=n), dtype="str"),
            "n": pd.array(rng.integers(0, 5, size=n), dtype="Int64"),
        },
        index=pd.RangeIndex(5, 5 + 2 * n, 2),
    )


@pytest.mark.parametrize(
    "pdf",
    [
        mixed_pandas(),
        _long(3),
        _long(60),
        _long(61),
        _long(500),
        pd.DataFrame(),
        pd.DataFrame({"a": []}),
    ],
    ids=["mixed", "3", "60", "61", "500", "empty", "empty-col"],
)
def test_frame_repr_and_html_match_pandas(pdf):
    df = gf.from_pandas(pdf)
    assert repr(df) == repr(pdf)
    assert df._repr_html_() == pdf._repr_html_()


@pytest.mark.parametrize("n", [0, 5, 200])
def test_series_repr_matches_pandas(n):
    ps = _long(n)["b"] if n else pd.Series([], dtype="float64", name="b")
    assert repr(gf.from_pandas(ps)) == repr(ps)


def test_repr_follows_display_options():
    pdf = _long(40)
    with pd.option_context("display.max_rows", 20, "display.min_rows", 6):
        assert repr(gf.from_pandas(pdf)) == repr(pdf)


def test_info_matches_pandas_layout():
    pdf = mixed_pandas()
    buf, pbuf = io.StringIO(), io.StringIO()
    gf.from_pandas(pdf).info(buf=buf)
    pdf.info(buf=pbuf)
    got, exp = buf.getvalue().splitlines(), pbuf.getvalue().splitlines()
    assert got[1:3] == exp[1:3]  # index line and column count
    assert [line.split() for line in got[5:-2]] == [line.split() for line in exp[5:-2]]
    assert got[-2].split(", ") and sorted(got[-2][8:].split(", ")) == sorted(
        exp[-2][8:].split(", ")
    )
