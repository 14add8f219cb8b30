"""apply, agg/aggregate, transform and pipe against pandas (gpuframe._apply)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import stable_id

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal


@pytest.fixture
def pdf():
    return pd.DataFrame({"a": [1, 2, 3, 4], "b": [1.5, 2.5, 0.0, np.nan], "c": [-3, 0, 7, 2]})


def _eq(got, want):
    if isinstance(want, pd.DataFrame):
        assert_frame_equal(got, want)
    elif isinstance(want, pd.Series):
        assert_series_equal(got, want)
    else:
        assert type(got) is type(want)
        np.testing.assert_allclose(got, want)


SERIES_FUNCS = [
    "sum",
    "cumsum",
    np.sqrt,
    np.abs,
    np.negative,
    "sqrt",
    np.sum,
    np.std,
    np.var,
    np.mean,
    ["sum", "mean", np.min],
    {"total": "sum", "top": "max"},
]


@pytest.mark.parametrize("func", SERIES_FUNCS, ids=stable_id)
@pytest.mark.parametrize("values", [[1, 4, 9, 16], [1.0, np.nan, 9.0, 0.5], [2]])
def test_series_agg_matches_pandas(func, values):
    ps = pd.Series(values, name="x")
    _eq(gf.Series(ps).agg(func), ps.agg(func))
    _eq(gf.Series(ps).aggregate(func), ps.aggregate(func))


def test_series_agg_callable_and_transforms():
    ps = pd.Series([3, 1, 2], name="x")
    s = gf.Series(ps)
    _eq(s.agg(lambda x: x.max() - x.min()), ps.agg(lambda x: x.max() - x.min()))
    _eq(s.agg(["cumsum", "abs"]), ps.agg(["cumsum", "abs"]))
    with pytest.raises(ValueError, match="cannot combine"):
        s.agg(["sum", "cumsum"])


@pytest.mark.parametrize(
    "func",
    [np.sqrt, np.exp, np.log1p, "sqrt", "abs", np.abs, np.floor, np.negative, np.isnan],
    ids=stable_id,
)
@pytest.mark.parametrize("dtype", ["int64", "float64", "float32", "Int64"])
def test_series_apply_ufunc_matches_pandas(func, dtype):
    ps = pd.Series([1, 4, 0, 9], dtype=dtype, name="v")
    if dtype == "Int64":
        ps[2] = pd.NA
    _eq(gf.Series(ps).apply(func), ps.apply(func))
    _eq(gf.Series(ps).transform(func), ps.transform(func))


def test_series_apply_python_function_host_fallback():
    ps = pd.Series(["a", "bb", None, "ccc"], dtype="str")
    s = gf.Series(ps)
    _eq(
        s.apply(lambda v: v * 2 if isinstance(v, str) else v),
        ps.apply(lambda v: v * 2 if isinstance(v, str) else v),
    )
    num = pd.Series([1.0, 2.0, np.nan])
    _eq(gf.Series(num).apply(lambda v: v + 1), num.apply(lambda v: v + 1))
    _eq(
        gf.Series(num).apply(lambda v, k: v * k, args=(3,)),
        num.apply(lambda v, k: v * k, args=(3,)),
    )
    _eq(gf.Series(num).apply(lambda v, k: v * k, k=2), num.apply(lambda v, k: v * k, k=2))


def test_series_apply_by_row_false_gets_the_series():
    ps = pd.Series([1.0, 2.0, 4.0])
    seen = []

    def f(x):
        seen.append(type(x))
        return x / x.sum()

    _eq(gf.Series(ps).apply(f, by_row=False), ps.apply(f, by_row=False))
    assert seen[0] is gf.Series


def test_series_apply_names_and_lists(pdf):
    ps = pdf["a"]
    s = gf.Series(ps)
    _eq(s.apply("cumsum"), ps.apply("cumsum"))
    _eq(s.apply(["sum", "max"]), ps.apply(["sum", "max"]))
    _eq(s.apply("sum"), ps.apply("sum"))


def test_series_transform_callable_and_lists():
    ps = pd.Series([1, 2, 3, 4], name="x", index=list("wxyz"))
    s = gf.Series(ps)
    _eq(s.transform(lambda x: x - x.mean()), ps.transform(lambda x: x - x.mean()))
    _eq(s.transform([np.sqrt, "cumsum"]), ps.transform([np.sqrt, "cumsum"]))
    _eq(s.transform({"r": np.sqrt, "c": "cumsum"}), ps.transform({"r": np.sqrt, "c": "cumsum"}))


def test_attribute_names():
    ps = pd.Series([1, 2, 3])
    pdf = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    assert gf.Series(ps).agg("size") == ps.agg("size")
    _eq(gf.Series(ps).agg(["size", "sum"]), ps.agg(["size", "sum"]))
    _eq(gf.from_pandas(pdf).agg("size"), pdf.agg("size"))
    _eq(gf.from_pandas(pdf).agg(["size", "sum"]), pdf.agg(["size", "sum"]))
    assert gf.from_pandas(pdf).agg("shape") == pdf.agg("shape")


def test_series_bad_input():
    s = gf.Series([1, 2, 3])
    with pytest.raises(ValueError, match="did not transform"):
        s.transform(lambda x: x.sum())
    with pytest.raises(ValueError, match="did not transform"):
        s.transform("sum")
    with pytest.raises(TypeError, match="`func`"):
        s.apply(3)
    with pytest.raises(ValueError, match="empty list"):
        s.agg([])
    with pytest.raises(ValueError, match="by_row"):
        s.apply(np.sqrt, by_row="yes")
    with pytest.raises(TypeError, match="`args`"):
        s.apply(np.sqrt, args=[1])
    with pytest.raises(AttributeError, match="'nosuch' is not a valid function"):
        s.agg("nosuch")
    with pytest.raises(TypeError, match="takes 2 inputs"):
        s.apply(np.add)
    with pytest.raises(TypeError, match="dtype str"):
        gf.Series(["a", "b"]).apply(np.sqrt)
    with pytest.raises(ValueError, match="axis=1"):
        s.agg("sum", axis=1)


def test_frame_apply_columns_match_pandas(pdf):
    df = gf.from_pandas(pdf)
    for func in [
        lambda c: c.max() - c.min(),
        lambda c: c - c.mean(),
        "sum",
        "cumsum",
        np.sqrt,
        np.abs,
        ["sum", "min"],
        {"a": "sum", "b": "max"},
    ]:
        _eq(df.apply(func), pdf.apply(func))


@pytest.mark.parametrize(
    "func",
    [
        lambda c: c.nlargest(2),
        lambda c: c.head(2),
        lambda c: c.value_counts(),
        lambda c: c.quantile([0.25, 0.75]),
    ],
)
def test_frame_apply_series_results_align(pdf, func):
    """Series of different indexes per column: the union index, sorted, as pandas."""
    _eq(gf.from_pandas(pdf).apply(func), pdf.apply(func))


def test_series_apply_object_result_is_refused():
    with pytest.raises(TypeError, match="several types"):
        gf.Series([1, 2]).apply(lambda v: [v])


def test_frame_apply_gives_gpuframe_series():
    df = gf.DataFrame({"a": [1, 2], "b": [3, 4]})
    seen = []
    df.apply(lambda c: seen.append(type(c)) or 0)
    assert seen == [gf.Series, gf.Series]


def test_frame_apply_rows_host_fallback(pdf):
    df = gf.from_pandas(pdf)
    f = lambda r: r["a"] * 10 + r["c"]  # noqa: E731
    _eq(df.apply(f, axis=1), pdf.apply(f, axis=1))
    g = lambda r: r * 2  # noqa: E731
    _eq(df.apply(g, axis=1), pdf.apply(g, axis=1))
    _eq(df.apply(np.sum, raw=True), pdf.apply(np.sum, raw=True))
    _eq(
        df.apply(lambda r: [r["a"], r["c"]], axis=1, result_type="expand"),
        pdf.apply(lambda r: [r["a"], r["c"]], axis=1, result_type="expand"),
    )


def test_frame_apply_with_strings_and_masks():
    pdf = pd.DataFrame({"s": ["x", "yy", None], "n": pd.array([1, None, 3], dtype="Int64")})
    df = gf.from_pandas(pdf)
    _eq(df.apply(lambda c: c.count()), pdf.apply(lambda c: c.count()))
    _eq(df[["n"]].apply(np.sqrt), pdf[["n"]].apply(np.sqrt))
    with pytest.raises(TypeError, match="'s'"):
        df.apply(np.sqrt)


@pytest.mark.parametrize(
    "func",
    [
        "sum",
        "mean",
        np.std,
        np.sum,
        np.max,
        ["sum", "mean"],
        ["min", np.max, "count"],
        {"a": "sum", "b": "min"},
        {"a": "sum", "b": ["min", "max"]},
        {"c": ["mean", "sum"], "a": ["sum"]},
        lambda c: c.sum(),
        "cumsum",
    ],
    ids=stable_id,
)
def test_frame_agg_matches_pandas(pdf, func):
    df = gf.from_pandas(pdf)
    _eq(df.agg(func), pdf.agg(func))
    _eq(df.aggregate(func), pdf.aggregate(func))


@pytest.mark.parametrize("func", [["sum", "mean"], ["sum", "max"], ["count", "sum"], "sum"])
def test_frame_agg_masked_columns(func):
    pdf = pd.DataFrame({"m": pd.array([1, None, 3], dtype="Int64"), "f": [1.0, 2.0, np.nan]})
    _eq(gf.from_pandas(pdf).agg(func), pdf.agg(func))
    _eq(gf.from_pandas(pdf).agg({"m": "sum", "f": "max"}), pdf.agg({"m": "sum", "f": "max"}))


def test_frame_apply_name_rowwise(pdf):
    _eq(gf.from_pandas(pdf).apply("sum", axis=1), pdf.apply("sum", axis=1))
    _eq(gf.from_pandas(pdf).apply("max", axis=1), pdf.apply("max", axis=1))


def test_frame_agg_empty_and_one_row():
    one = pd.DataFrame({"a": [5], "b": [2.5]})
    _eq(gf.from_pandas(one).agg(["sum", "max"]), one.agg(["sum", "max"]))
    empty = pd.DataFrame({"a": pd.Series([], dtype="float64")})
    _eq(gf.from_pandas(empty).agg("sum"), empty.agg("sum"))
    _eq(gf.from_pandas(empty).agg(["sum", "max"]), empty.agg(["sum", "max"]))


@pytest.mark.parametrize(
    "func",
    [
        np.sqrt,
        "sqrt",
        "cumsum",
        lambda c: c - c.min(),
        ["sqrt", "cumsum"],
        {"a": "cumsum"},
        {"a": np.abs, "c": ["cumsum", np.negative]},
    ],
    ids=stable_id,
)
def test_frame_transform_matches_pandas(func):
    pdf = pd.DataFrame({"a": [1, 4, 9], "c": [2.0, 0.5, 8.0]}, index=[10, 20, 30])
    _eq(gf.from_pandas(pdf).transform(func), pdf.transform(func))


def test_frame_bad_input(pdf):
    df = gf.from_pandas(pdf)
    with pytest.raises(KeyError, match="'zz'"):
        df.agg({"zz": "sum"})
    with pytest.raises(KeyError, match="'zz'"):
        df.transform({"zz": "cumsum"})
    with pytest.raises(ValueError, match="did not transform"):
        df.transform("sum")
    with pytest.raises(ValueError, match="axis=5"):
        df.apply(np.sqrt, axis=5)
    with pytest.raises(ValueError, match="result_type"):
        df.apply(np.sqrt, result_type="wide")
    with pytest.raises(NotImplementedError, match="engine"):
        df.apply(np.sqrt, engine="numba")
    with pytest.raises(NotImplementedError, match="axis=1"):
        df.agg("sum", axis=1)
    with pytest.raises(AttributeError, match="'nosuch'"):
        df.apply("nosuch")
    with pytest.raises(ValueError, match="Series for some columns"):
        df.apply(lambda c: c if c.name == "a" else 1)


def test_pipe():
    pdf = pd.DataFrame({"a": [1, 2, 3]})
    df = gf.from_pandas(pdf)
    _eq(df.pipe(lambda d, n: d.head(n), 2), pdf.pipe(lambda d, n: d.head(n), 2))

    def scale(k, data):
        return data * k

    _eq(df.pipe((scale, "data"), 3), pdf.pipe((scale, "data"), 3))
    _eq(df["a"].pipe((scale, "data"), 3), pdf["a"].pipe((scale, "data"), 3))
    with pytest.raises(ValueError, match="'data'"):
        df.pipe((scale, "data"), 3, data=1)
    with pytest.raises(TypeError, match="`func`"):
        df.pipe(5)
    with pytest.raises(TypeError, match="tuple"):
        df.pipe((scale, 1))


def test_ufunc_column_generic_path(backend):
    """The Array API path of ufunc application (CuPy's) on array-api-strict."""
    from gpuframe._apply import ufunc_column
    from gpuframe.backend import to_host
    from gpuframe.column._column import Column

    v = np.array([1, 4, 9, 0], dtype=np.int64)
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    for fn in (np.sqrt, np.abs, np.negative, np.exp, np.arctan):
        got = ufunc_column(col, fn)
        want = fn(v)
        assert got.dtype == want.dtype
        np.testing.assert_allclose(to_host(got.data), want)
