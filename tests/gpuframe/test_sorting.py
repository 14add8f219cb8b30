"""Sorting against pandas: sort_values (multi-key, per-key order, na_position), sort_index,
nlargest/nsmallest."""

from __future__ import annotations

import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.mark.parametrize("col", ["i", "i32", "n", "f", "b", "s", "t", "d", "c"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_position", ["last", "first"])
def test_sort_values_one_key(col, ascending, na_position):
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    kw = dict(ascending=ascending, na_position=na_position, kind="stable")
    assert_frame_equal(df.sort_values(col, **kw), pdf.sort_values(col, **kw))
    assert_series_equal(df[col].sort_values(**kw), pdf[col].sort_values(**kw))


@pytest.mark.parametrize(
    "by,ascending",
    [
        (["s", "i"], True),
        (["s", "i"], [False, True]),
        (["b", "f", "i32"], [True, False, False]),
        (["c", "t"], [False, True]),
        (["n", "s"], False),
    ],
)
@pytest.mark.parametrize("na_position", ["last", "first"])
def test_sort_values_several_keys(by, ascending, na_position):
    pdf = mixed_pandas()
    df = gf.from_pandas(pdf)
    kw = dict(ascending=ascending, na_position=na_position, kind="stable")
    assert_frame_equal(df.sort_values(by, **kw), pdf.sort_values(by, **kw))
    assert_frame_equal(
        df.sort_values(by, ignore_index=True, **kw), pdf.sort_values(by, ignore_index=True, **kw)
    )


def test_sort_index_and_inplace():
    pdf = numeric_pandas().sample(frac=1, random_state=3)
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.sort_index(), pdf.sort_index())
    assert_frame_equal(df.sort_index(ascending=False), pdf.sort_index(ascending=False))
    mi = pdf.set_index(["a", "b"])
    assert_frame_equal(gf.from_pandas(mi).sort_index(), mi.sort_index())
    df.sort_values("a", inplace=True)
    pdf = pdf.sort_values("a", kind="stable")
    assert_frame_equal(df, pdf)


@pytest.mark.parametrize("keep", ["first", "last"])
def test_nlargest_nsmallest(keep):
    pdf = pd.DataFrame({"a": [3, 1, 3, 2, 3, 0], "b": [1.0, 2.0, None, 4.0, 5.0, 0.5]})
    df = gf.from_pandas(pdf)
    for n in (0, 2, 4, 10):
        assert_frame_equal(df.nlargest(n, "a", keep=keep), pdf.nlargest(n, "a", keep=keep))
        assert_frame_equal(
            df.nsmallest(n, ["a", "b"], keep=keep), pdf.nsmallest(n, ["a", "b"], keep=keep)
        )
        assert_series_equal(df["b"].nlargest(n, keep=keep), pdf["b"].nlargest(n, keep=keep))
        assert_series_equal(df["a"].nsmallest(n, keep=keep), pdf["a"].nsmallest(n, keep=keep))


def test_sort_errors():
    df = gf.from_pandas(numeric_pandas())
    with pytest.raises(KeyError, match="'zz' not found; columns: \\['a', 'b', 'c'\\]"):
        df.sort_values("zz")
    with pytest.raises(ValueError, match="na_position"):
        df.sort_values("a", na_position="middle")
    with pytest.raises(ValueError, match="ascending"):
        df.sort_values(["a", "b"], ascending=[True])


@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_position", ["last", "first"])
def test_default_sort_is_stable(ascending, na_position):
    """Every ``kind`` gives the stable order: ties keep row order (pandas leaves the order
    of ties unspecified for its default quicksort; its stable kind is the reference)."""
    import numpy as np

    rng = np.random.default_rng(7)
    vals = rng.integers(0, 6, size=300).astype("float64")
    vals[rng.random(300) < 0.1] = np.nan
    pdf = pd.DataFrame({"v": vals, "i": rng.integers(0, 4, size=300), "row": np.arange(300)})
    df = gf.from_pandas(pdf)
    for key in ("v", "i"):
        kw = dict(ascending=ascending, na_position=na_position)
        want = pdf.sort_values(key, kind="stable", **kw)
        for kind in ("quicksort", "heapsort", "stable", "mergesort"):
            assert_frame_equal(df.sort_values(key, kind=kind, **kw), want)
