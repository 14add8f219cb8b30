"""merge / DataFrame.join against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpuframe as gf
from gpuframe.join import MergeError, merge
from gpuframe.testing import assert_frame_equal

HOWS = ["inner", "left", "right", "outer"]


def frames(rng, nl=40, nr=30):
    strs = np.array(["a", "b", "c", "d", None], dtype=object)
    a = pd.DataFrame(
        {
            "k": rng.integers(0, 6, nl),
            "s": pd.Series(rng.choice(strs, nl), dtype="str"),
            "f": np.where(rng.random(nl) < 0.2, np.nan, rng.integers(0, 4, nl).astype(float)),
            "x": rng.normal(size=nl),
            "v": rng.integers(0, 100, nl),
        }
    )
    b = pd.DataFrame(
        {
            "k": rng.integers(2, 9, nr).astype(np.int32),
            "s": pd.Series(rng.choice(strs[1:], nr), dtype="str"),
            "f": np.where(rng.random(nr) < 0.2, np.nan, rng.integers(0, 4, nr).astype(float)),
            "y": rng.normal(size=nr),
            "v": rng.integers(0, 100, nr),
        }
    )
    return a, b


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("on", ["k", "s", "f", ["k", "s"], ["s", "f"]])
def test_merge_matches_pandas(rng, how, on):
    a, b = frames(rng)
    exp = a.merge(b, on=on, how=how)
    got = merge(gf.DataFrame(a), gf.DataFrame(b), on=on, how=how)
    assert_frame_equal(got, exp)


@pytest.mark.parametrize("how", HOWS)
def test_merge_left_on_right_on_and_suffixes(rng, how):
    a, b = frames(rng)
    b = b.rename(columns={"k": "kk"})
    exp = a.merge(b, left_on="k", right_on="kk", how=how, suffixes=("_l", "_r"))
    got = gf.DataFrame(a).merge(
        gf.DataFrame(b), left_on="k", right_on="kk", how=how, suffixes=("_l", "_r")
    )
    assert_frame_equal(got, exp)


@pytest.mark.parametrize("how", HOWS)
def test_merge_on_index(rng, how):
    a, b = frames(rng)
    ai, bi = a.set_index("k"), b.drop_duplicates("k").set_index("k")
    exp = ai.merge(bi, left_index=True, right_index=True, how=how)
    got = merge(gf.DataFrame(ai), gf.DataFrame(bi), left_index=True, right_index=True, how=how)
    assert_frame_equal(got, exp, check_index_type=False)
    if how in ("inner", "left"):
        exp = a.merge(bi, left_on="k", right_index=True, how=how)
        got = merge(gf.DataFrame(a), gf.DataFrame(bi), left_on="k", right_index=True, how=how)
        assert_frame_equal(got, exp)


def test_indicator_validate_sort_cross(rng):
    a, b = frames(rng)
    exp = a.merge(b, on="k", how="outer", indicator=True)
    got = merge(gf.DataFrame(a), gf.DataFrame(b), on="k", how="outer", indicator=True)
    assert_frame_equal(got, exp)
    exp = a.merge(b, on="k", how="inner", sort=True)
    assert_frame_equal(merge(gf.DataFrame(a), gf.DataFrame(b), on="k", sort=True), exp)
    small_a, small_b = a.head(3), b.head(4)
    assert_frame_equal(
        merge(gf.DataFrame(small_a), gf.DataFrame(small_b), how="cross"),
        small_a.merge(small_b, how="cross"),
    )
    ua = a.drop_duplicates("k")
    ub = b.drop_duplicates("k")
    assert_frame_equal(
        merge(gf.DataFrame(ua), gf.DataFrame(ub), on="k", validate="1:1"),
        ua.merge(ub, on="k", validate="1:1"),
    )
    with pytest.raises(MergeError, match="not unique in left"):
        merge(gf.DataFrame(a), gf.DataFrame(ub), on="k", validate="one_to_one")
    with pytest.raises(MergeError, match="not unique in right"):
        merge(gf.DataFrame(ua), gf.DataFrame(b), on="k", validate="one_to_one")


def test_mixed_width_ints_and_string_dictionaries():
    a = pd.DataFrame({"k": np.array([1, 2, 300], dtype=np.int16), "s": ["x", "yy", "z"]})
    b = pd.DataFrame({"k": np.array([300, 1, 7], dtype=np.uint64), "s": ["z", "q", "x"]})
    for on in ("k", "s"):
        for how in HOWS:
            exp = a.merge(b, on=on, how=how)
            got = merge(gf.DataFrame(a), gf.DataFrame(b), on=on, how=how)
            assert_frame_equal(got, exp, check_dtype=False)


def test_frame_join(rng):
    a, b = frames(rng)
    ai = a.set_index("k")
    bi = b.drop_duplicates("k").set_index("k")[["y"]]
    for how in HOWS:
        assert_frame_equal(
            gf.DataFrame(ai).join(gf.DataFrame(bi), how=how),
            ai.join(bi, how=how),
            check_index_type=False,
        )
    assert_frame_equal(gf.DataFrame(a).join(gf.DataFrame(bi), on="k"), a.join(bi, on="k"))
    with pytest.raises(ValueError, match="overlap"):
        gf.DataFrame(ai).join(gf.DataFrame(ai))


def test_bad_input(rng):
    a, b = frames(rng)
    ga, gb = gf.DataFrame(a), gf.DataFrame(b)
    with pytest.raises(ValueError, match="incompatible types"):
        merge(ga, gb, left_on="k", right_on="s")
    with pytest.raises(KeyError, match="nope"):
        merge(ga, gb, on="nope")
    with pytest.raises(ValueError, match="`how`"):
        merge(ga, gb, on="k", how="sideways")
    with pytest.raises(ValueError, match="`validate`"):
        merge(ga, gb, on="k", validate="2:2")


keys = st.lists(st.one_of(st.none(), st.integers(-3, 3)), min_size=0, max_size=25)


@settings(max_examples=60, deadline=None)
@given(lk=keys, rk=keys, how=st.sampled_from(HOWS), as_str=st.booleans())
def test_merge_property_random_keys(lk, rk, how, as_str):
    def frame(vals, name):
        s = pd.Series(vals, dtype="float64")
        if as_str:
            s = pd.Series([None if v is None else f"k{v}" for v in vals], dtype="str")
        return pd.DataFrame({"key": s, name: np.arange(len(vals))})

    a, b = frame(lk, "l"), frame(rk, "r")
    exp = a.merge(b, on="key", how=how)
    got = merge(gf.DataFrame(a), gf.DataFrame(b), on="key", how=how)
    assert_frame_equal(got, exp, check_dtype=False)
