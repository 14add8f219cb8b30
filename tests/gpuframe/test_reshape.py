"""concat, melt, pivot, pivot_table, stack/unstack, crosstab, get_dummies, explode, cut,
qcut against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pdf(rng):
    n = 30
    return pd.DataFrame(
        {
            "r": rng.integers(0, 4, n),
            "c": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
            "v": rng.normal(size=n),
            "w": rng.integers(0, 10, n),
        }
    )


def test_concat_rows(pdf):
    a, b = pdf.iloc[:10], pdf.iloc[10:][["r", "v", "c"]]
    b2 = pdf.iloc[10:].assign(extra=1.5)[["extra", "v", "c"]]
    for objs in ([a, b], [a, b2], [b, a, b]):
        g = [gf.DataFrame(o) for o in objs]
        assert_frame_equal(gf.concat(g), pd.concat(objs))
        assert_frame_equal(gf.concat(g, ignore_index=True), pd.concat(objs, ignore_index=True))
        assert_frame_equal(gf.concat(g, join="inner"), pd.concat(objs, join="inner"))
    assert_frame_equal(
        gf.concat([gf.DataFrame(a), gf.DataFrame(b)], keys=["p", "q"]),
        pd.concat([a, b], keys=["p", "q"]),
    )
    assert_series_equal(gf.concat([gf.Series(a.v), gf.Series(b.v)]), pd.concat([a.v, b.v]))
    sa = pd.Series(["u", None], dtype="str")
    sb = pd.Series(["v", "u"], dtype="str")
    assert_series_equal(
        gf.concat([gf.Series(sa), gf.Series(sb)], ignore_index=True),
        pd.concat([sa, sb], ignore_index=True),
    )


def test_concat_columns(pdf):
    a, b = pdf[["r", "c"]], pdf[["v"]]
    assert_frame_equal(
        gf.concat([gf.DataFrame(a), gf.DataFrame(b)], axis=1), pd.concat([a, b], axis=1)
    )
    b2 = pdf[["v"]].iloc[5:20]
    assert_frame_equal(
        gf.concat([gf.DataFrame(a), gf.DataFrame(b2)], axis=1),
        pd.concat([a, b2], axis=1),
        check_dtype=False,
    )
    assert_frame_equal(
        gf.concat([gf.DataFrame(a), gf.DataFrame(b2)], axis=1, join="inner"),
        pd.concat([a, b2], axis=1, join="inner"),
    )
    with pytest.raises(ValueError, match="non-empty"):
        gf.concat([])
    with pytest.raises(TypeError, match="list"):
        gf.concat([gf.DataFrame(a), [1, 2]])


def test_melt(pdf):
    g = gf.DataFrame(pdf)
    assert_frame_equal(gf.melt(g, id_vars=["r", "c"]), pd.melt(pdf, id_vars=["r", "c"]))
    with pytest.raises(TypeError, match="mix strings and numbers"):
        gf.melt(g, id_vars="r")
    assert_frame_equal(
        g.melt(id_vars=["r", "c"], value_vars=["v", "w"], var_name="k", value_name="val"),
        pdf.melt(id_vars=["r", "c"], value_vars=["v", "w"], var_name="k", value_name="val"),
    )


def test_pivot_and_pivot_table(pdf):
    uniq = pdf.drop_duplicates(["r", "c"])
    g = gf.DataFrame(uniq)
    assert_frame_equal(
        gf.pivot(g, index="r", columns="c", values="v"),
        pd.pivot(uniq, index="r", columns="c", values="v"),
        check_names=False,
    )
    assert_frame_equal(
        g.pivot(index="r", columns="c", values=["v", "w"]),
        uniq.pivot(index="r", columns="c", values=["v", "w"]),
        check_names=False,
        check_dtype=False,
    )
    with pytest.raises(ValueError, match="duplicate"):
        gf.DataFrame(pdf).pivot(index="r", columns="c", values="v")
    gp = gf.DataFrame(pdf)
    for agg in ("mean", "sum", "max", "count"):
        exp = pdf.pivot_table(values="v", index="r", columns="c", aggfunc=agg)
        got = gp.pivot_table(values="v", index="r", columns="c", aggfunc=agg)
        assert_frame_equal(got, exp, check_names=False, check_dtype=False)
    exp = pdf.pivot_table(values="v", index="r", columns="c", fill_value=0)
    assert_frame_equal(
        gp.pivot_table(values="v", index="r", columns="c", fill_value=0), exp, check_names=False
    )


def test_stack_unstack(pdf):
    small = pdf[["v", "w"]].head(5).astype(float)
    assert_series_equal(gf.DataFrame(small).stack(), small.stack())
    s = pdf.drop_duplicates(["r", "c"]).set_index(["r", "c"])["v"]
    assert_frame_equal(gf.Series(s).unstack(), s.unstack(), check_names=False)
    assert_frame_equal(gf.Series(s).unstack(level=0), s.unstack(level=0), check_names=False)


def test_crosstab(pdf):
    exp = pd.crosstab(pdf.r, pdf.c)
    got = gf.crosstab(gf.Series(pdf.r), gf.Series(pdf.c))
    assert_frame_equal(got, exp, check_dtype=False, check_names=False)
    exp = pd.crosstab(pdf.r, pdf.c, values=pdf.v, aggfunc="sum")
    got = gf.crosstab(gf.Series(pdf.r), gf.Series(pdf.c), values=gf.Series(pdf.v), aggfunc="sum")
    assert_frame_equal(got, exp, check_dtype=False, check_names=False)


def test_get_dummies(pdf):
    assert_frame_equal(gf.get_dummies(gf.DataFrame(pdf)), pd.get_dummies(pdf))
    assert_frame_equal(
        gf.get_dummies(gf.DataFrame(pdf), columns=["r"], drop_first=True),
        pd.get_dummies(pdf, columns=["r"], drop_first=True),
    )
    s = pd.Series(["a", None, "b"], dtype="str")
    got = gf.get_dummies(gf.Series(s), dummy_na=True, dtype=int).to_pandas()
    exp = pd.get_dummies(s, dummy_na=True, dtype=int)
    assert got.columns.astype(str).tolist() == exp.columns.astype(str).tolist()
    np.testing.assert_array_equal(got.to_numpy(), exp.to_numpy())


def test_explode(pdf):
    g = gf.DataFrame(pdf)
    assert_frame_equal(g.explode("v"), pdf.explode("v").astype(pdf.dtypes.to_dict()))
    with pytest.raises(KeyError, match="nope"):
        g.explode("nope")


def test_cut_qcut(rng):
    x = pd.Series(np.concatenate([rng.normal(size=40), [np.nan]]))
    gx = gf.Series(x)
    for bins in ([-3, -1, 0, 1, 3], 4):
        assert_series_equal(
            gf.cut(gx, bins, labels=False), pd.cut(x, bins, labels=False), check_dtype=False
        )
    labels = ["a", "b", "c", "d"]
    assert_series_equal(
        gf.cut(gx, [-5, -1, 0, 1, 5], labels=labels),
        pd.cut(x, [-5, -1, 0, 1, 5], labels=labels),
        check_categorical=False,
    )
    assert_series_equal(
        gf.qcut(gx, 4, labels=False), pd.qcut(x, 4, labels=False), check_dtype=False
    )
    exp = pd.cut(x, [-5, 0, 5]).astype(str).replace("nan", np.nan)
    got = gf.cut(gx, [-5, 0, 5]).to_pandas().astype(str).replace("nan", np.nan)
    pd.testing.assert_series_equal(got, exp)
    with pytest.raises(TypeError, match="numeric"):
        gf.cut(gf.Series(["a"]), 2)
