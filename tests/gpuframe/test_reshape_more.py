"""Reshaping vs pandas: stack/unstack with MultiIndex rows and columns, pivot_table and
crosstab with margins (and crosstab's normalize)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


def _eq(got, exp) -> None:
    if isinstance(exp, pd.DataFrame):
        assert_frame_equal(got, exp)
    else:
        assert_series_equal(got, exp)


@pytest.fixture
def pdf() -> pd.DataFrame:
    mi = pd.MultiIndex.from_arrays(
        [["b", "a", "b", "a", "b"], [2, 1, 1, 2, 3], ["x", "y", "x", "y", "z"]],
        names=["k", "n", "s"],
    )
    return pd.DataFrame({"v": [1, 2, 3, 4, -5], "f": [0.5, np.nan, 1.5, 2.0, 3.0]}, index=mi)


# -- unstack ---------------------------------------------------------------------------------
@pytest.mark.parametrize("level", [-1, 0, 1, "k", "s", [0, 2], ["s", "k"], [1]])
def test_unstack_levels(pdf, level):
    df = gf.DataFrame(pdf)
    _eq(df.unstack(level), pdf.unstack(level))
    _eq(df["v"].unstack(level), pdf["v"].unstack(level))
    _eq(df["f"].unstack(level), pdf["f"].unstack(level))


@pytest.mark.parametrize("level", [-1, "k", [0, 1]])
def test_unstack_fill_value_and_sort(pdf, level):
    df = gf.DataFrame(pdf)
    _eq(df.unstack(level, fill_value=0), pdf.unstack(level, fill_value=0))
    _eq(df["v"].unstack(level, fill_value=-1), pdf["v"].unstack(level, fill_value=-1))
    _eq(df.unstack(level, sort=False), pdf.unstack(level, sort=False))
    _eq(df["f"].unstack(level, sort=False), pdf["f"].unstack(level, sort=False))


def test_unstack_three_levels_default(pdf):
    """DataFrame.unstack() of a 3-level row index: the last level to the columns."""
    _eq(gf.DataFrame(pdf).unstack(), pdf.unstack())
    _eq(gf.DataFrame(pdf).unstack().unstack(), pdf.unstack().unstack())


def test_unstack_strings_and_one_row():
    mi = pd.MultiIndex.from_arrays([["a", "a", "b"], ["x", "y", "x"]])
    p = pd.DataFrame({"t": ["p", "q", "r"]}, index=mi)
    _eq(gf.DataFrame(p).unstack(), p.unstack())
    one = p.iloc[:1]
    _eq(gf.DataFrame(one).unstack(0), one.unstack(0))


def test_unstack_flat_index_frame():
    p = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=pd.Index([7, 5], name="r"))
    _eq(gf.DataFrame(p).unstack(), p.unstack())


def test_unstack_bad_input(pdf):
    df = gf.DataFrame(pdf)
    with pytest.raises(KeyError, match="Level zz not found"):
        df.unstack("zz")
    with pytest.raises(IndexError, match="only 3 levels, not 6"):
        df.unstack(5)
    with pytest.raises(ValueError, match="must be a MultiIndex"):
        gf.Series([1, 2]).unstack()


# -- stack -------------------------------------------------------------------------------------
@pytest.fixture
def pcols() -> pd.DataFrame:
    cols = pd.MultiIndex.from_tuples(
        [("B", "y"), ("A", "x"), ("B", "x"), ("A", "z")], names=["L0", "L1"]
    )
    return pd.DataFrame(
        np.arange(8).reshape(2, 4), columns=cols, index=pd.Index(["r1", "r0"], name="r")
    )


@pytest.mark.parametrize("level", [-1, 0, 1, "L0", [0, 1], [1, 0], ["L1", "L0"]])
def test_stack_multiindex_columns(pcols, level):
    _eq(gf.DataFrame(pcols).stack(level), pcols.stack(level))


def test_stack_flat_and_missing():
    p = pd.DataFrame({"b": [1, 2], "a": [3.5, np.nan]}, index=[5, 6])
    _eq(gf.DataFrame(p).stack(), p.stack())
    q = pd.DataFrame({"a": [1, np.nan], "b": [np.nan, np.nan]})
    _eq(gf.DataFrame(q).stack(), q.stack())
    strs = pd.DataFrame({"a": ["x", "y"], "b": ["z", None]})
    _eq(gf.DataFrame(strs).stack(), strs.stack())


def test_stack_multiindex_rows_and_columns(pdf):
    wide = pdf.unstack("s")
    _eq(gf.DataFrame(pdf).unstack("s").stack(), wide.stack())
    _eq(gf.DataFrame(pdf).unstack("s").stack(0), wide.stack(0))


def test_stack_unstack_round_trip(pdf):
    exp = pdf.unstack([0, 1]).stack([1, 2])
    got = gf.DataFrame(pdf).unstack([0, 1]).stack([1, 2])
    _eq(got, exp)


def test_stack_bad_input(pcols):
    df = gf.DataFrame(pcols)
    with pytest.raises(ValueError, match="dropna must be unspecified"):
        df.stack(dropna=False)
    with pytest.raises(ValueError, match="Cannot specify sort"):
        df.stack(sort=True)
    with pytest.raises(KeyError, match="Level zz not found"):
        df.stack("zz")
    with pytest.raises(IndexError, match="only 2 levels"):
        df.stack(3)
    with pytest.raises(NotImplementedError, match="future_stack=False"):
        df.stack(future_stack=False)
