"""MultiIndex helpers on DataFrame/Series vs pandas: xs, droplevel, swaplevel, reorder_levels,
rename_axis, set_axis, add_prefix/add_suffix, filter, sort_index(level=...)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pdf() -> pd.DataFrame:
    mi = pd.MultiIndex.from_arrays(
        [["a", "a", "b", "b", "a"], [1, 2, 1, 3, 1], ["x", "y", "x", "y", "z"]],
        names=["k", "n", "s"],
    )
    return pd.DataFrame(
        {"v": [1, 2, 3, 4, 5], "f": [0.5, np.nan, -1.5, 2.0, 3.0], "t": list("pqrst")}, index=mi
    )


@pytest.fixture
def pcols() -> pd.DataFrame:
    cols = pd.MultiIndex.from_tuples(
        [("A", "x", 1), ("A", "y", 2), ("B", "x", 1), ("B", "y", 1)], names=["L0", "L1", "L2"]
    )
    return pd.DataFrame(np.arange(12.0).reshape(3, 4), columns=cols, index=["r0", "r1", "r2"])


def _eq(got, exp) -> None:
    if isinstance(exp, pd.DataFrame):
        assert_frame_equal(got, exp)
    elif isinstance(exp, pd.Series):
        assert_series_equal(got, exp)
    else:
        assert got == exp


# -- xs -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "key, kw",
    [
        ("a", {}),
        (("a", 1), {}),
        (1, {"level": "n"}),
        (1, {"level": 1}),
        ("x", {"level": -1}),
        (("a", "x"), {"level": ["k", "s"]}),
        (("a", 1), {"level": [0, 1], "drop_level": False}),
        ("b", {"drop_level": False}),
    ],
)
def test_xs_rows(pdf, key, kw):
    df = gf.DataFrame(pdf)
    _eq(df.xs(key, **kw), pdf.xs(key, **kw))
    _eq(df["v"].xs(key, **kw), pdf["v"].xs(key, **kw))


def test_xs_full_key_gives_the_row(pdf):
    _eq(gf.DataFrame(pdf)["v"].xs(("b", 3, "y")), pdf["v"].xs(("b", 3, "y")))
    got = gf.DataFrame(pdf)[["v", "f"]].xs(("b", 3, "y"))
    _eq(got, pdf[["v", "f"]].xs(("b", 3, "y")))


@pytest.mark.parametrize(
    "key, kw", [("A", {}), (("A", "x"), {}), ("x", {"level": "L1"}), (1, {"level": 2})]
)
def test_xs_columns(pcols, key, kw):
    _eq(gf.DataFrame(pcols).xs(key, axis=1, **kw), pcols.xs(key, axis=1, **kw))


def test_xs_bad_input(pdf):
    df = gf.DataFrame(pdf)
    with pytest.raises(KeyError, match="zz"):
        df.xs("zz")
    with pytest.raises(KeyError, match="Level zz not found"):
        df.xs("a", level="zz")
    with pytest.raises(IndexError, match="only 3 levels"):
        df.xs("a", level=5)
    with pytest.raises(KeyError):
        df.xs(("a", 5))
    with pytest.raises(ValueError, match="no axis named 2"):
        df.xs("a", axis=2)


# -- droplevel / swaplevel / reorder_levels -------------------------------------------------
@pytest.mark.parametrize("level", ["k", 0, -1, ["k", "s"], [0, 1]])
def test_droplevel(pdf, level):
    _eq(gf.DataFrame(pdf).droplevel(level), pdf.droplevel(level))
    _eq(gf.DataFrame(pdf)["f"].droplevel(level), pdf["f"].droplevel(level))


def test_droplevel_columns(pcols):
    for level in ("L2", -1, [2]):
        _eq(gf.DataFrame(pcols).droplevel(level, axis=1), pcols.droplevel(level, axis=1))
    with pytest.raises(ValueError, match="would repeat"):  # pandas allows repeated labels
        gf.DataFrame(pcols).droplevel("L0", axis=1)


def test_droplevel_bad_input(pdf):
    df = gf.DataFrame(pdf)
    with pytest.raises(KeyError, match="Level zz not found"):
        df.droplevel("zz")
    with pytest.raises(IndexError, match="only 3 levels, not 6"):
        df.droplevel(5)
    with pytest.raises(IndexError, match="-5 is not a valid level number"):
        df.droplevel(-5)
    with pytest.raises(ValueError, match="at least one level must be left"):
        df.droplevel([0, 1, 2])


@pytest.mark.parametrize("ij", [(), (0, 1), ("k", "s"), (-1, 0)])
def test_swaplevel(pdf, pcols, ij):
    _eq(gf.DataFrame(pdf).swaplevel(*ij), pdf.swaplevel(*ij))
    _eq(gf.DataFrame(pdf)["t"].swaplevel(*ij), pdf["t"].swaplevel(*ij))
    if not ij or not isinstance(ij[0], str):
        _eq(gf.DataFrame(pcols).swaplevel(*ij, axis=1), pcols.swaplevel(*ij, axis=1))


@pytest.mark.parametrize("order", [["s", "k", "n"], [2, 0, 1], [0, 1, 2]])
def test_reorder_levels(pdf, pcols, order):
    _eq(gf.DataFrame(pdf).reorder_levels(order), pdf.reorder_levels(order))
    _eq(gf.DataFrame(pdf)["v"].reorder_levels(order), pdf["v"].reorder_levels(order))
    if isinstance(order[0], int):
        _eq(gf.DataFrame(pcols).reorder_levels(order, axis=1), pcols.reorder_levels(order, axis=1))


def test_reorder_levels_bad_input(pdf):
    df = gf.DataFrame(pdf)
    with pytest.raises(ValueError, match="length of `order`"):  # pandas: AssertionError
        df.reorder_levels([0, 1])
    with pytest.raises(TypeError, match="hierarchical"):
        gf.DataFrame({"a": [1]}).reorder_levels([0])
    with pytest.raises(KeyError, match="Level zz not found"):
        df.swaplevel("zz", "n")
    with pytest.raises(TypeError, match="needs a MultiIndex"):
        gf.Series([1, 2]).swaplevel()


# -- rename_axis / set_axis ---------------------------------------------------------------
def test_rename_axis(pdf):
    df = gf.DataFrame(pdf)
    _eq(df.rename_axis(["A", "B", "C"]), pdf.rename_axis(["A", "B", "C"]))
    _eq(df.rename_axis(index={"k": "K"}), pdf.rename_axis(index={"k": "K"}))
    _eq(df.rename_axis(index=str.upper), pdf.rename_axis(index=str.upper))
    _eq(df.rename_axis(columns="cols"), pdf.rename_axis(columns="cols"))
    _eq(df.rename_axis("cols", axis=1), pdf.rename_axis("cols", axis=1))
    flat = pd.DataFrame({"a": [1, 2]})
    _eq(gf.DataFrame(flat).rename_axis("r"), flat.rename_axis("r"))
    _eq(gf.Series(flat["a"]).rename_axis("r"), flat["a"].rename_axis("r"))
    assert gf.DataFrame(flat).rename_axis(columns="c").columns.name == "c"
    with pytest.raises(ValueError, match="3 names"):
        df.rename_axis(["A"])
    with pytest.raises(ValueError, match="no `columns` axis"):
        gf.Series(flat["a"]).rename_axis(columns="c")


def test_rename_axis_inplace(pdf):
    df = gf.DataFrame(pdf)
    assert df.rename_axis(columns="c", inplace=True) is None
    _eq(df, pdf.rename_axis(columns="c"))


def test_set_axis(pdf):
    df = gf.DataFrame(pdf)
    labels = ["p", "q", "r", "s", "t"]
    _eq(df.set_axis(labels), pdf.set_axis(labels))
    _eq(df.set_axis(["A", "B", "C"], axis=1), pdf.set_axis(["A", "B", "C"], axis=1))
    _eq(df["v"].set_axis(range(5)), pdf["v"].set_axis(range(5)))
    mi = pd.MultiIndex.from_arrays([[1, 1, 2, 2, 3], list("abcab")], names=["x", "y"])
    _eq(df.set_axis(mi), pdf.set_axis(mi))
    with pytest.raises(ValueError, match="Length mismatch"):
        df.set_axis([1, 2])
    with pytest.raises(TypeError, match="list-like"):
        df.set_axis("abcde")


# -- add_prefix / add_suffix ----------------------------------------------------------------
def test_add_prefix_suffix():
    pdf = pd.DataFrame({"b": [1, 2], "a": [3, 4]}, index=["y", "x"])
    df = gf.DataFrame(pdf)
    _eq(df.add_prefix("p_"), pdf.add_prefix("p_"))
    _eq(df.add_suffix("_s"), pdf.add_suffix("_s"))
    _eq(df.add_prefix("p_", axis=0), pdf.add_prefix("p_", axis=0))
    _eq(df.add_suffix("z", axis="index"), pdf.add_suffix("z", axis="index"))
    s = pd.Series([1.0, 2.0, 3.0], index=[10, -2, 10])
    _eq(gf.Series(s).add_prefix("i"), s.add_prefix("i"))
    _eq(gf.Series(s).add_suffix("!"), s.add_suffix("!"))
    words = pd.Series([1, 2, 3], index=["ab", "a", "b"])  # a suffix reorders the dictionary
    _eq(gf.Series(words).add_suffix("z"), words.add_suffix("z"))
    mi = pd.DataFrame({("A", 1): [1], ("B", 2): [2]})
    _eq(gf.DataFrame(mi).add_prefix("p"), mi.add_prefix("p"))
    with pytest.raises(ValueError, match="no axis named 3"):
        df.add_prefix("p", axis=3)


# -- filter --------------------------------------------------------------------------------
def test_filter_labels():
    pdf = pd.DataFrame(
        {"one": [1, 2, 3], "two": [4, 5, 6], "three": [7, 8, 9]},
        index=["mouse", "rabbit", "mole"],
    )
    df = gf.DataFrame(pdf)
    _eq(df.filter(items=["three", "one", "zz"]), pdf.filter(items=["three", "one", "zz"]))
    _eq(df.filter(["two"]), pdf.filter(["two"]))
    _eq(df.filter(regex="e$", axis=1), pdf.filter(regex="e$", axis=1))
    _eq(df.filter(like="t"), pdf.filter(like="t"))
    _eq(df.filter(like="bb", axis=0), pdf.filter(like="bb", axis=0))
    _eq(df.filter(regex="^m", axis="index"), pdf.filter(regex="^m", axis="index"))
    _eq(df.filter(items=["mole", "mouse"], axis=0), pdf.filter(items=["mole", "mouse"], axis=0))
    assert_frame_equal(df.filter(items=[]), pdf.filter(items=[]), check_column_type=False)
    _eq(df.filter(regex="^m(?!ole)", axis=0), pdf.filter(regex="^m(?!ole)", axis=0))  # Python re
    _eq(df.filter(regex="^t(?!w)"), pdf.filter(regex="^t(?!w)"))
    nums = pd.DataFrame({"a": [1, 2, 3]}, index=[10, 21, 310])
    _eq(gf.DataFrame(nums).filter(like="1", axis=0), nums.filter(like="1", axis=0))
    _eq(gf.DataFrame(nums).filter(items=[310, 10], axis=0), nums.filter(items=[310, 10], axis=0))
    s = pdf["one"]
    _eq(gf.Series(s).filter(like="mo"), s.filter(like="mo"))
    _eq(gf.Series(s).filter(items=["rabbit"]), s.filter(items=["rabbit"]))


def test_filter_cond():
    pdf = pd.DataFrame({"a": [1, 2, 3], "b": [3.0, np.nan, 1.0]})
    df = gf.DataFrame(pdf)
    _eq(df.filter(cond=df["a"] > 1), pdf.filter(cond=pdf["a"] > 1))
    _eq(df.filter(lambda d: d["a"] != 2), pdf.filter(lambda d: d["a"] != 2))
    _eq(
        df.filter(cond=np.array([True, False, True])),
        pdf.filter(cond=np.array([True, False, True])),
    )
    _eq(df.filter(cond=[False, True], axis=1), pdf.filter(cond=[False, True], axis=1))


def test_filter_bad_input():
    df = gf.DataFrame({"a": [1, 2]})
    with pytest.raises(TypeError, match="mutually exclusive"):
        df.filter(items=["a"], like="a")
    with pytest.raises(TypeError, match="Must pass"):
        df.filter()
    with pytest.raises(TypeError, match="`like` must be a str"):
        df.filter(like=1)
    with pytest.raises(ValueError, match="`cond` must be 2 booleans"):
        df.filter(cond=[True])
    with pytest.raises(ValueError, match="no axis named 4"):
        df.filter(like="a", axis=4)


# -- sort_index ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kw",
    [
        {"level": "s"},
        {"level": "s", "sort_remaining": False},
        {"level": 1, "ascending": False},
        {"level": ["s", "n"], "ascending": [False, True]},
        {"level": ["n", "k"]},
        {"level": -1, "ascending": False, "sort_remaining": False},
        {},
        {"ascending": False},
    ],
)
def test_sort_index_level(pdf, kw):
    _eq(gf.DataFrame(pdf).sort_index(**kw), pdf.sort_index(**kw))
    _eq(gf.DataFrame(pdf)["f"].sort_index(**kw), pdf["f"].sort_index(**kw))


def test_sort_index_columns(pcols):
    flat = pd.DataFrame({"b": [1], "c": [2], "a": [3]})
    _eq(gf.DataFrame(flat).sort_index(axis=1), flat.sort_index(axis=1))
    _eq(
        gf.DataFrame(flat).sort_index(axis=1, ascending=False),
        flat.sort_index(axis=1, ascending=False),
    )
    _eq(gf.DataFrame(pcols).sort_index(axis=1, level=1), pcols.sort_index(axis=1, level=1))


def test_sort_index_missing_and_empty():
    mi = pd.MultiIndex.from_arrays([[2.0, np.nan, 1.0, 2.0], ["b", "a", None, "a"]])
    pdf = pd.DataFrame({"v": [1, 2, 3, 4]}, index=mi)
    for kw in (
        {"level": 1},
        {"level": 0, "na_position": "first"},
        {"level": 1, "sort_remaining": False},
    ):
        _eq(gf.DataFrame(pdf).sort_index(**kw), pdf.sort_index(**kw))
    empty = pdf.iloc[:0]
    _eq(gf.DataFrame(empty).sort_index(level=1), empty.sort_index(level=1))


def test_sort_index_bad_input(pdf):
    df = gf.DataFrame(pdf)
    with pytest.raises(KeyError, match="Level zz not found"):
        df.sort_index(level="zz")
    with pytest.raises(IndexError, match="only 3 levels, not 8"):
        df.sort_index(level=7)
    with pytest.raises(ValueError, match="one bool per level"):
        df.sort_index(level=["k", "n"], ascending=[True])


# -- the generic Array API path (CuPy's), on array-api-strict -------------------------------
def _on(backend, col):
    from gpuframe.column._column import Column

    def conv(a):
        return None if a is None else backend.asarray(np.asarray(a))

    return Column._from_parts(conv(col.data), conv(col.mask), col.dtype, col.categories)


def test_level_helpers_generic_path(backend, pdf):
    from gpuframe.dataframe import DataFrame
    from gpuframe.index import MultiIndex

    g = gf.DataFrame(pdf[["v", "f"]].astype("float64"))
    idx = MultiIndex([_on(backend, c) for c in g.index._columns()], names=list(g.index.names))
    df = DataFrame._from_columns({k: _on(backend, c) for k, c in g._cols.items()}, idx)
    p = pdf[["v", "f"]].astype("float64")
    # (row selections go through the frame's gather, which moves positions to NumPy/CuPy)
    _eq(df.droplevel(["k", "n"]), p.droplevel(["k", "n"]))
    _eq(df.filter(like="v"), p.filter(like="v"))
    _eq(df.swaplevel(0, 2).add_prefix("p_", axis=0), p.swaplevel(0, 2).add_prefix("p_", axis=0))
    _eq(
        df.reorder_levels([2, 0, 1]).rename_axis(columns="c"),
        p.reorder_levels([2, 0, 1]).rename_axis(columns="c"),
    )
    # (stack/xs/sort_index gather rows with Column.take, which moves positions to the
    # column's device through NumPy/CuPy: not runnable on array-api-strict)


def test_xs_mask_generic_path(backend):
    """The row mask of ``xs`` (equality of a level with a key) on any namespace."""
    from gpuframe._levels import _equal_mask
    from gpuframe.backend import to_host
    from gpuframe.column import as_column

    for values, key in (([1, 2, 1], 1), (["a", None, "a"], "a"), ([0.5, np.nan, 2.0], 2.0)):
        col = _on(backend, as_column(values))
        got = to_host(_equal_mask(col, key))
        want = (pd.Series(values) == key).to_numpy()
        np.testing.assert_array_equal(np.asarray(got, dtype=bool), want)


# -- the MultiIndex class -----------------------------------------------------------------------
def test_multiindex_constructors():
    from gpuframe.index import MultiIndex
    from gpuframe.testing import assert_index_equal

    tuples = [("a", 1), ("b", 2), ("a", 2)]
    assert_index_equal(
        MultiIndex.from_tuples(tuples, names=["k", "n"]),
        pd.MultiIndex.from_tuples(tuples, names=["k", "n"]),
    )
    for its in ([["b", "a"], [2, 1, 3]], [[1.5], ["x", "y"], [True, False]]):
        assert_index_equal(MultiIndex.from_product(its), pd.MultiIndex.from_product(its))
    assert len(MultiIndex.from_product([["a"], []])) == 0
    assert_index_equal(
        MultiIndex.from_product([["a", "b"], [1, 2]], names=["x", "y"]),
        pd.MultiIndex.from_product([["a", "b"], [1, 2]], names=["x", "y"]),
    )
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert_index_equal(MultiIndex.from_frame(frame), pd.MultiIndex.from_frame(frame))
    assert_index_equal(MultiIndex.from_frame(gf.DataFrame(frame)), pd.MultiIndex.from_frame(frame))
    with pytest.raises(TypeError, match="number of levels"):
        MultiIndex.from_tuples([])


def test_multiindex_level_methods():
    from gpuframe.index import MultiIndex
    from gpuframe.testing import assert_index_equal

    pmi = pd.MultiIndex.from_arrays(
        [["b", "a", "b"], [2, 1, 1], [0.5, np.nan, 0.5]], names=["k", "n", "f"]
    )
    mi = MultiIndex.from_pandas(pmi)
    for level in ("k", 0, -1, ["k", "f"]):
        assert_index_equal(mi.droplevel(level), pmi.droplevel(level))
    for ij in ((), (0, 2), ("k", "n")):
        assert_index_equal(mi.swaplevel(*ij), pmi.swaplevel(*ij))
    assert_index_equal(mi.reorder_levels(["f", "k", "n"]), pmi.reorder_levels(["f", "k", "n"]))
    assert_index_equal(mi.set_names(["x", "y", "z"]), pmi.set_names(["x", "y", "z"]))
    assert_index_equal(mi.set_names("K", level="k"), pmi.set_names("K", level="k"))
    assert_index_equal(
        mi.set_names(["N", "F"], level=[1, 2]), pmi.set_names(["N", "F"], level=[1, 2])
    )
    assert_index_equal(mi.get_level_values("n"), pmi.get_level_values("n"))
    for got, exp in zip(mi.levels, pmi.levels):
        pd.testing.assert_index_equal(got, exp)
    pd.testing.assert_index_equal(
        mi.droplevel("f").to_flat_index(), pmi.droplevel("f").to_flat_index()
    )


def test_multiindex_bad_levels():
    from gpuframe.index import MultiIndex

    mi = MultiIndex.from_arrays([["a"], [1]], names=["k", "n"])
    with pytest.raises(KeyError, match="Level zz not found"):
        mi.get_level_values("zz")
    with pytest.raises(IndexError, match="only 2 levels, not 3"):
        mi.droplevel(2)
    with pytest.raises(ValueError, match="at least one level must be left"):
        mi.droplevel([0, 1])
    with pytest.raises(ValueError, match="length of `order`"):
        mi.reorder_levels([0])
    with pytest.raises(ValueError, match="1 names for 2 levels"):
        mi.set_names(["x"], level=[0, 1])
    with pytest.raises(TypeError, match="list of names"):
        mi.set_names("x")


def test_missing_labels_in_label_helpers():
    """pandas formats/matches a missing label as the text 'nan'."""
    p = pd.DataFrame({"v": [1, 2, 3]}, index=pd.Index(["ab", None, "b"], dtype="str"))
    df = gf.DataFrame(p)
    _eq(df.add_prefix("p_", axis=0), p.add_prefix("p_", axis=0))
    _eq(df.add_suffix("_s", axis=0), p.add_suffix("_s", axis=0))
    _eq(df.filter(like="a", axis=0), p.filter(like="a", axis=0))
    _eq(df.filter(regex="^n", axis=0), p.filter(regex="^n", axis=0))


def test_xs_combination_absent_gives_no_rows():
    mi = pd.MultiIndex.from_arrays([["b", "a"], [1, 3], ["x", "y"]], names=["k", "m", "s"])
    p = pd.DataFrame({"v": [1, 2]}, index=mi)
    df = gf.DataFrame(p)
    _eq(df.xs(("b", "y"), level=["k", "s"]), p.xs(("b", "y"), level=["k", "s"]))
    with pytest.raises(KeyError, match="z"):
        df.xs(("b", "z"), level=["k", "s"])
    with pytest.raises(KeyError, match="5"):
        df.xs(5, level="m")


@pytest.mark.parametrize("seed", [7, 8])
def test_level_helpers_random_frames_vs_pandas(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 10))
    p = pd.DataFrame(
        {
            "k": ["a", None, *rng.choice(["a", "b", None], n - 2)],
            "m": rng.choice([1, 2, 3], n),
            "s": rng.choice(["x", "y"], n),
            "v": rng.integers(-3, 4, n),
            "f": rng.normal(size=n),
        }
    ).set_index(["k", "m", "s"])
    df = gf.DataFrame(p)
    sorts = [
        {"level": "m"},
        {"level": ["s", "k"]},
        {"level": 1, "ascending": False},
        {"level": [2, 0], "ascending": [False, True]},
        {"level": 0, "sort_remaining": False},
        {"level": "k", "na_position": "first"},
    ]
    for kw in sorts:
        _eq(df.sort_index(**kw), p.sort_index(**kw))
        _eq(df["v"].sort_index(**kw), p["v"].sort_index(**kw))
    for key, kw in [
        ("a", {}),
        (1, {"level": "m"}),
        ("x", {"level": 2}),
        ("a", {"drop_level": False}),
    ]:
        try:
            exp = p.xs(key, **kw)
        except KeyError:
            with pytest.raises(KeyError):
                df.xs(key, **kw)
            continue
        _eq(df.xs(key, **kw), exp)
    _eq(df.droplevel([1, 2]).add_prefix("p_", axis=0), p.droplevel([1, 2]).add_prefix("p_", axis=0))
    _eq(df.droplevel([1, 2]).filter(like="a", axis=0), p.droplevel([1, 2]).filter(like="a", axis=0))
