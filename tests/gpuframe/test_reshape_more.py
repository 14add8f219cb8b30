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
    dup = pd.Series([1, 2], index=pd.MultiIndex.from_arrays([["a", "a"], ["x", "x"]]))
    with pytest.raises(ValueError, match="duplicate entries"):
        gf.Series(dup).unstack()
    with pytest.raises(ValueError, match="duplicate entries"):
        dup.unstack()


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


# -- pivot_table with margins -------------------------------------------------------------
@pytest.fixture
def long() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "r": ["a", "a", "b", "b", "a", "c"],
            "r2": ["x", "y", "x", "x", "x", "y"],
            "c": ["p", "q", "p", "p", "q", "q"],
            "c2": ["u", "u", "w", "u", "u", "w"],
            "v": [1, 2, 3, 4, 5, -6],
            "w": [1.0, 2.0, np.nan, 4.0, 5.0, 0.5],
        }
    )


@pytest.mark.parametrize(
    "kw",
    [
        dict(values="v", index="r", columns="c", aggfunc="sum"),
        dict(values=["v", "w"], index=["r", "r2"], columns=["c", "c2"], aggfunc="mean"),
        dict(values="v", index="r", columns="c", aggfunc=["sum", "mean"]),
        dict(values=["v", "w"], index="r", columns="c", aggfunc=["min", "max"]),
        dict(values="v", index="r", aggfunc="sum"),
        dict(values=["v", "w"], index=["r", "r2"], aggfunc="max"),
        dict(values="v", index="r", columns="c", aggfunc="mean", fill_value=0),
        dict(values="v", index="r", columns="c", aggfunc="count"),
        dict(values="v", index="r", columns="c", aggfunc="max", margins_name="Total"),
        dict(index=["r", "c"], columns="c2", values="w", aggfunc="min"),
        dict(index="r", columns=["c", "c2"], values=["w", "v"], aggfunc="sum"),
        dict(index="r", columns="c", values=["w", "v"], aggfunc={"w": "max", "v": "min"}),
        dict(values="v", index="r", columns="c", aggfunc="sum", dropna=False),
        dict(values="w", index="r2", columns="r", aggfunc="median"),
    ],
)
def test_pivot_table_margins(long, kw):
    exp = long.pivot_table(margins=True, **kw)
    _eq(gf.DataFrame(long).pivot_table(margins=True, **kw), exp)
    _eq(gf.pivot_table(gf.DataFrame(long), margins=True, **kw), exp)


@pytest.mark.parametrize(
    "kw",
    [
        dict(values=["v", "w"], index=["r", "r2"], columns=["c", "c2"], aggfunc="sum"),
        dict(values=["v", "w"], index="r", columns="c", aggfunc={"v": "sum", "w": ["min", "max"]}),
        dict(values="v", index="r", columns=["c", "c2"], aggfunc=["sum", "count"]),
        dict(values="v", index=["r"], columns="c", aggfunc="mean", sort=False),
    ],
)
def test_pivot_table_without_margins(long, kw):
    _eq(gf.DataFrame(long).pivot_table(**kw), long.pivot_table(**kw))


def test_pivot_table_margins_without_values():
    p = pd.DataFrame({"r": ["a", "b", "a"], "c": ["x", "x", "y"], "v": [1.0, 2.0, 3.0]})
    _eq(
        gf.DataFrame(p).pivot_table(index="r", columns="c", margins=True),
        p.pivot_table(index="r", columns="c", margins=True),
    )


def test_pivot_table_one_row_and_missing_keys():
    one = pd.DataFrame({"r": ["a"], "c": ["x"], "v": [2]})
    _eq(
        gf.DataFrame(one).pivot_table(values="v", index="r", columns="c", margins=True),
        one.pivot_table(values="v", index="r", columns="c", margins=True),
    )
    p = pd.DataFrame({"r": ["a", None, "b"], "c": ["x", "y", None], "v": [1.0, 2.0, 3.0]})
    _eq(
        gf.DataFrame(p).pivot_table(
            values="v", index="r", columns="c", aggfunc="sum", margins=True
        ),
        p.pivot_table(values="v", index="r", columns="c", aggfunc="sum", margins=True),
    )


def test_pivot_table_bad_input(long):
    df = gf.DataFrame(long)
    with pytest.raises(ValueError, match='Conflicting name "p" in margins'):
        df.pivot_table(values="v", index="r", columns="c", margins=True, margins_name="p")
    with pytest.raises(ValueError, match="margins_name argument must be a string"):
        df.pivot_table(values="v", index="r", columns="c", margins=True, margins_name=1)
    with pytest.raises(KeyError, match="zz"):
        df.pivot_table(values="zz", index="r", columns="c")
    with pytest.raises(KeyError, match="zz"):
        df.pivot_table(values="v", index="zz", columns="c")
    with pytest.raises(NotImplementedError, match="aggfunc"):
        df.pivot_table(values="v", index="r", columns="c", aggfunc=np.sum)


def test_pivot_table_margins_need_string_row_keys(long):
    """Difference from pandas: 'All' cannot join int row keys (pandas: an object index)."""
    long = long.assign(n=[1, 2, 1, 2, 1, 2])
    with pytest.raises(TypeError, match="string row keys"):
        gf.DataFrame(long).pivot_table(values="v", index="n", columns="c", margins=True)


def test_pivot_keeps_pandas_order_and_dtypes():
    p = pd.DataFrame(
        {
            "r": [1, 1, 2],
            "c": ["x", "y", "x"],
            "c2": ["u", "u", "w"],
            "v": [1, 2, 3],
            "w": [4, 5, 6],
        }
    )
    for kw in (
        dict(index="r", columns="c", values="v"),
        dict(index="r", columns="c", values=["v", "w"]),
        dict(index="r", columns=["c", "c2"], values="v"),
        dict(index="c", columns="r"),
    ):
        _eq(gf.DataFrame(p).pivot(**kw), p.pivot(**kw))


# -- crosstab ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kw",
    [
        {},
        dict(margins=True),
        dict(normalize=True),
        dict(normalize="index"),
        dict(normalize="columns"),
        dict(normalize=0),
        dict(normalize=1),
        dict(margins=True, normalize=True),
        dict(margins=True, normalize="all"),
        dict(margins=True, normalize="index"),
        dict(margins=True, normalize="columns"),
        dict(margins=True, margins_name="Total"),
    ],
)
@pytest.mark.parametrize("with_values", [False, True])
def test_crosstab_margins_normalize(long, kw, with_values):
    gkw, pkw = dict(kw), dict(kw)
    if with_values:
        gkw.update(values=gf.Series(long["v"]), aggfunc="sum")
        pkw.update(values=long["v"], aggfunc="sum")
    exp = pd.crosstab(long["r"], long["c"], **pkw)
    got = gf.crosstab(gf.Series(long["r"]), gf.Series(long["c"]), **gkw)
    _eq(got, exp)


def test_crosstab_several_keys_and_names(long):
    g = gf.DataFrame(long)
    _eq(
        gf.crosstab(g["r"], [g["c"], g["c2"]], margins=True),
        pd.crosstab(long["r"], [long["c"], long["c2"]], margins=True),
    )
    _eq(
        gf.crosstab([g["r"], g["c2"]], g["c"], margins=True, normalize="columns"),
        pd.crosstab([long["r"], long["c2"]], long["c"], margins=True, normalize="columns"),
    )
    _eq(
        gf.crosstab(long["r"].to_numpy(), long["c"].to_numpy(), rownames=["R"], colnames=["C"]),
        pd.crosstab(long["r"].to_numpy(), long["c"].to_numpy(), rownames=["R"], colnames=["C"]),
    )


def test_crosstab_bad_input(long):
    r, c = gf.Series(long["r"]), gf.Series(long["c"])
    with pytest.raises(ValueError, match="`normalize`"):
        gf.crosstab(r, c, normalize="rows")
    with pytest.raises(ValueError, match="values cannot be used without an aggfunc"):
        gf.crosstab(r, c, values=gf.Series(long["v"]))
    with pytest.raises(ValueError, match="aggfunc cannot be used without values"):
        gf.crosstab(r, c, aggfunc="sum")
    with pytest.raises(ValueError, match="`rownames` must give 1 names"):
        gf.crosstab(r, c, rownames=["a", "b"])


# -- edge cases ----------------------------------------------------------------------------
def test_pivot_table_edge_cases():
    base = pd.DataFrame({"r": ["a", "b"], "c": ["x", "y"], "v": [1.0, 2.0]})
    allnull = base.assign(v=[np.nan, np.nan])
    for p in (base.iloc[:0], allnull):
        for margins in (False, True):
            kw = dict(values="v", index="r", columns="c", margins=margins)
            # a frame without columns: gpuframe's column labels are an unnamed RangeIndex
            got, exp = gf.DataFrame(p).pivot_table(**kw).to_pandas(), p.pivot_table(**kw)
            assert got.shape == exp.shape == (0, 0)
            pd.testing.assert_index_equal(got.index, exp.index)
    neg = pd.DataFrame({"r": ["a", "a", "b"], "c": ["x", "x", "y"], "v": [-1, -2, -3]})
    for agg in ("min", "std", "nunique", "median", "prod"):
        kw = dict(values="v", index="r", columns="c", aggfunc=agg, margins=True)
        _eq(gf.DataFrame(neg).pivot_table(**kw), neg.pivot_table(**kw))
    with pytest.raises(NotImplementedError, match="aggfunc 'first'"):  # pandas: AttributeError
        gf.DataFrame(neg).pivot_table(
            values="v", index="r", columns="c", aggfunc="first", margins=True
        )
    ints = pd.DataFrame({"r": ["a", "a", "b"], "c": [1, 2, 1], "v": [1, 2, 3]})
    kw = dict(values="v", index="r", columns="c", aggfunc="sum", margins=True)
    _eq(gf.DataFrame(ints).pivot_table(**kw), ints.pivot_table(**kw))
    cat = ints.assign(r=pd.Categorical(ints["r"]), c=pd.Categorical(["x", "y", "x"]))
    _eq(gf.DataFrame(cat).pivot_table(**kw), cat.pivot_table(**kw))


def test_unstack_of_bool_with_missing_is_nullable_boolean():
    """Difference from pandas: missing cells of a bool column give a nullable ``boolean``
    column (pandas: object), since gpuframe has no object dtype."""
    p = pd.DataFrame({"r": ["a", "a", "b"], "c": ["x", "y", "x"], "v": [True, False, True]})
    got = gf.DataFrame(p).set_index(["r", "c"]).unstack()
    exp = p.set_index(["r", "c"]).unstack()
    assert all(str(d) == "boolean" for d in got.dtypes)
    assert_frame_equal(got, exp.astype("boolean"))


def test_unstack_missing_labels_come_first():
    mi = pd.MultiIndex.from_arrays([["b", "a", None, "a"], [2, 1, 1, None]], names=["k", "n"])
    s = pd.Series([1, 2, 3, 4], index=mi)
    for level in (0, 1, "k"):
        _eq(gf.Series(s).unstack(level), s.unstack(level))
        _eq(gf.Series(s).unstack(level, fill_value=0), s.unstack(level, fill_value=0))


@pytest.mark.parametrize(
    "kw",
    [
        dict(values="v", columns="c", aggfunc="sum"),
        dict(values=["v", "w"], columns="c"),
        dict(values="w", columns=["c", "c2"], aggfunc="max"),
        dict(values=["v", "w"], columns=["c", "c2"], aggfunc="sum"),
        dict(values="v", columns="c", aggfunc=["sum", "min"]),
    ],
)
def test_pivot_table_without_index(long, kw):
    """index=None: pandas aggregates by the column keys and transposes."""
    _eq(gf.DataFrame(long).pivot_table(**kw), long.pivot_table(**kw))


def test_pivot_table_without_index_bad_input(long):
    df = gf.DataFrame(long)
    with pytest.raises(ValueError, match="neither"):
        df.pivot_table(values="v")
    with pytest.raises(NotImplementedError, match="margins=True with index=None"):
        df.pivot_table(values="v", columns="c", margins=True)


@pytest.mark.parametrize("aggfunc", ["sum", "mean", "count"])
@pytest.mark.parametrize("extra", [{}, {"fill_value": 0}, {"margins": True}])
def test_pivot_table_observed_false(aggfunc, extra):
    """Every category of categorical keys (groupby observed=False). Difference from pandas:
    column labels from a categorical key are plain labels (pandas: a CategoricalIndex)."""
    p = pd.DataFrame(
        {
            "r": pd.Categorical(["a", "a", "b"], categories=["z", "a", "b"]),
            "c": pd.Categorical(["p", "q", "p"], categories=["p", "q", "s"]),
            "v": [1, 2, 3],
        }
    )
    kw = dict(values="v", index="r", columns="c", aggfunc=aggfunc, observed=False, **extra)
    exp = p.pivot_table(**kw)
    exp.columns = pd.Index(list(exp.columns), name=exp.columns.name)
    _eq(gf.DataFrame(p).pivot_table(**kw), exp)


@pytest.mark.parametrize("seed", [3])
def test_pivot_table_random_frames_vs_pandas(seed):
    """Every combination of margins/dropna/sort/fill_value on frames with missing keys and
    values: pandas' row and column order (sorted, or level codes in order of appearance),
    product reindex without dropna, dtypes."""
    import itertools

    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 12))
    p = pd.DataFrame(
        {
            "r": pd.Series(rng.choice(["a", "b", None], n), dtype="str"),
            "r2": rng.choice(["x", "y"], n),
            "c": pd.Series(rng.choice(["p", "q", "s"], n), dtype="str"),
            "c2": rng.choice(["u", "w"], n),
            "v": rng.integers(-3, 4, n),
            "w": np.where(rng.random(n) < 0.3, np.nan, rng.normal(size=n)),
        }
    )
    df = gf.DataFrame(p)
    layouts = ((["r"], ["c"]), (["r", "r2"], ["c"]), (["r"], ["c", "c2"]), (["r2"], None))
    for i, ((index, columns), values) in enumerate(itertools.product(layouts, ("v", ["v", "w"]))):
        aggfunc = ("sum", "mean")[i % 2]
        for margins, dropna, sort, fill in itertools.product(
            (False, True), (True, False), (True, False), (None, 0)
        ):
            kw = dict(
                values=values,
                index=index,
                columns=columns,
                aggfunc=aggfunc,
                margins=margins,
                dropna=dropna,
                sort=sort,
                fill_value=fill,
            )
            _eq(df.pivot_table(**kw), p.pivot_table(**kw))


@pytest.mark.parametrize("seed", [5, 17])
def test_unstack_random_frames_vs_pandas(seed):
    import itertools

    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 10))
    p = pd.DataFrame(
        {
            "k": rng.choice(["a", "b", "c"], n),
            "m": rng.choice([1, 2, 3], n),
            "s": rng.choice(["x", "y"], n),
            "v": rng.integers(-3, 4, n),
            "f": rng.normal(size=n),
            "t": rng.choice(["p", "q"], n),
        }
    )
    p = p.drop_duplicates(["k", "m", "s"]).set_index(["k", "m", "s"])
    df = gf.DataFrame(p)
    for sel, level, sort in itertools.product(
        (["v", "f"], ["t"]), (-1, 0, [0, 2], [2, 0], ["s", "k"]), (True, False)
    ):
        for fill in (None, 0) if sel != ["t"] else (None,):
            _eq(
                df[sel].unstack(level, fill_value=fill, sort=sort),
                p[sel].unstack(level, fill_value=fill, sort=sort),
            )
            _eq(
                df[sel[0]].unstack(level, fill_value=fill, sort=sort),
                p[sel[0]].unstack(level, fill_value=fill, sort=sort),
            )
    wide = p[["v", "f"]].unstack("s")
    for level in (-1, 0, [0, 1]):
        _eq(df[["v", "f"]].unstack("s").stack(level), wide.stack(level))


@pytest.mark.parametrize("seed", [9])
def test_crosstab_random_vs_pandas(seed):
    """margins x dropna x normalize x values, one or two keys a side, missing keys; a zero
    total divides to inf as pandas."""
    import itertools

    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 12))
    a = pd.Series(rng.choice(["a", "b", None], n), dtype="str", name="a")
    b = pd.Series(rng.choice(["x", "y", "z"], n), dtype="str", name="b")
    c = pd.Series(rng.choice(["u", "w"], n), dtype="str", name="c")
    v = pd.Series(rng.integers(-3, 4, n), name="v")
    ga, gb, gc, gv = (gf.Series(s) for s in (a, b, c, v))
    for (pi, pc, gi, gcol), margins, dropna, norm, with_values in itertools.product(
        ((a, b, ga, gb), ([a, c], b, [ga, gc], gb), (a, [b, c], ga, [gb, gc])),
        (False, True),
        (True, False),
        (False, True, "index", "columns"),
        (False, True),
    ):
        pkw = dict(margins=margins, dropna=dropna, normalize=norm)
        gkw = dict(pkw)
        if with_values:
            pkw.update(values=v, aggfunc="sum")
            gkw.update(values=gv, aggfunc="sum")
        _eq(gf.crosstab(gi, gcol, **gkw), pd.crosstab(pi, pc, **pkw))


def test_pivot_without_index_and_with_missing_keys():
    p = pd.DataFrame(
        {"r": [1, 1, 2], "c": ["x", "y", "x"], "v": [1, 2, 3], "w": [4.0, 5.0, 6.0]},
        index=pd.Index(["i", "j", "k"], name="ix"),
    )
    df = gf.DataFrame(p)
    for kw in (
        dict(columns="c", values="v"),
        dict(columns="c"),
        dict(columns=["c", "r"], values="w"),
        dict(index="r", columns="c", values=["v", "w"]),
    ):
        _eq(df.pivot(**kw), p.pivot(**kw))
    q = pd.DataFrame({"r": [1, None, 2], "c": ["x", "y", None], "v": [1.0, 2.0, 3.0]})
    _eq(
        gf.DataFrame(q).pivot(index="r", columns="c", values="v"),
        q.pivot(index="r", columns="c", values="v"),
    )
    with pytest.raises(ValueError, match="duplicate entries"):
        gf.DataFrame({"r": [1, 1], "c": ["x", "x"], "v": [1, 2]}).pivot(
            index="r", columns="c", values="v"
        )
    with pytest.raises(KeyError, match="zz"):
        df.pivot(columns="c", values="zz")
