"""groupby(observed=False) with several keys, one or more of them categorical, vs pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pdf() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": pd.Categorical(["x", "y", "x", "x", "y"], categories=["z", "x", "y"]),
            "b": pd.Categorical([1, 1, 2, 2, 1], categories=[2, 1, 3]),
            "k": ["q", "p", "q", "q", "p"],
            "n": [3, -1, 3, 7, -1],
            "v": [1, 2, 3, 4, -5],
            "f": [1.0, 2.0, np.nan, 3.0, -0.5],
        }
    )


def _check(got, exp) -> None:
    if isinstance(exp, pd.Series):
        assert_series_equal(got, exp)
    else:
        assert_frame_equal(got, exp)


@pytest.mark.parametrize(
    "keys", [["a", "b"], ["b", "a"], ["a", "k"], ["k", "a"], ["n", "b"], ["a", "b", "k"]]
)
@pytest.mark.parametrize(
    "op", ["sum", "mean", "count", "size", "min", "max", "first", "nunique", "prod", "std"]
)
def test_product_of_categories(pdf, keys, op):
    exp = getattr(pdf.groupby(keys, observed=False)[["v", "f"]], op)()
    got = getattr(gf.DataFrame(pdf).groupby(keys, observed=False)[["v", "f"]], op)()
    _check(got, exp)


def test_series_groupby_and_agg_forms(pdf):
    df = gf.DataFrame(pdf)
    _check(
        df.groupby(["a", "k"], observed=False)["v"].sum(),
        pdf.groupby(["a", "k"], observed=False)["v"].sum(),
    )
    _check(
        df.groupby(["a", "k"], observed=False)["v"].agg(["sum", "min", "count"]),
        pdf.groupby(["a", "k"], observed=False)["v"].agg(["sum", "min", "count"]),
    )
    _check(
        df.groupby(["a", "b"], observed=False).agg({"v": "sum", "f": "mean"}),
        pdf.groupby(["a", "b"], observed=False).agg({"v": "sum", "f": "mean"}),
    )
    _check(
        df.groupby(["a", "b"], observed=False).agg(tot=("v", "sum"), m=("f", "max")),
        pdf.groupby(["a", "b"], observed=False).agg(tot=("v", "sum"), m=("f", "max")),
    )
    _check(
        df.groupby(["a", "k"], observed=False, as_index=False)["v"].sum(),
        pdf.groupby(["a", "k"], observed=False, as_index=False)["v"].sum(),
    )
    _check(
        df.groupby(["a", "b"], observed=False).size(),
        pdf.groupby(["a", "b"], observed=False).size(),
    )


def test_observed_true_unchanged(pdf):
    _check(
        gf.DataFrame(pdf).groupby(["a", "b"], observed=True)["v"].sum(),
        pdf.groupby(["a", "b"], observed=True)["v"].sum(),
    )


def test_missing_keys_with_dropna_false():
    pdf = pd.DataFrame(
        {
            "a": pd.Categorical(["x", None, "x"], categories=["z", "x"]),
            "k": ["q", "p", None],
            "v": [1, 2, 3],
        }
    )
    df = gf.DataFrame(pdf)
    for keys in ("a", ["a", "k"]):
        _check(
            df.groupby(keys, observed=False, dropna=False)["v"].sum(),
            pdf.groupby(keys, observed=False, dropna=False)["v"].sum(),
        )


def test_one_row_and_empty():
    one = pd.DataFrame(
        {
            "a": pd.Categorical(["x"], categories=["x", "y"]),
            "b": pd.Categorical([1], [1, 2]),
            "v": [5],
        }
    )
    _check(
        gf.DataFrame(one).groupby(["a", "b"], observed=False)["v"].mean(),
        one.groupby(["a", "b"], observed=False)["v"].mean(),
    )
    empty = one.iloc[:0]
    _check(
        gf.DataFrame(empty).groupby(["a", "b"], observed=False)["v"].sum(),
        empty.groupby(["a", "b"], observed=False)["v"].sum(),
    )


@pytest.mark.parametrize("sort", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize(
    "keys", [["a", "b"], ["b", "a"], ["a", "k"], ["k", "a"], ["k", "b", "a"], ["a", "k", "m"]]
)
def test_random_frames_vs_pandas(keys, sort, dropna):
    """pandas' order: categories seen first when sort=False, observed groups first for mixed
    keys, labels of the other keys from all rows (also those dropped for a missing key)."""
    rng = np.random.default_rng(len(keys) * 7 + sort * 3 + dropna)
    for _ in range(5):
        n = int(rng.integers(1, 10))
        pdf = pd.DataFrame(
            {
                "a": pd.Categorical(rng.choice(["x", "y", None], n), categories=["z", "x", "y"]),
                "b": pd.Categorical(rng.choice([3, 1], n), categories=[2, 1, 3]),
                "k": pd.Series(rng.choice(["q", "p", None], n), dtype="str"),
                "m": rng.choice([5, -1], n),
                "v": rng.integers(-5, 5, n),
            }
        )
        df = gf.DataFrame(pdf)
        for op in ("sum", "mean", "count"):
            exp = getattr(pdf.groupby(keys, observed=False, sort=sort, dropna=dropna)["v"], op)()
            got = getattr(df.groupby(keys, observed=False, sort=sort, dropna=dropna)["v"], op)()
            _check(got, exp)


def test_sort_false_single_key_order():
    pdf = pd.DataFrame(
        {"a": pd.Categorical(["y", "x", "y"], categories=["z", "x", "y"]), "v": [1, 2, 3]}
    )
    _check(
        gf.DataFrame(pdf).groupby("a", observed=False, sort=False)["v"].sum(),
        pdf.groupby("a", observed=False, sort=False)["v"].sum(),
    )
