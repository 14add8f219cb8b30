"""pandas methods that scikit-learn and Dask call on frames, checked against pandas: take,
astype(errors=), cum*(axis=, skipna=), transpose, quantile lists, searchsorted, constructors,
Index.astype/to_frame/isna/name setters, merge key coalescing, to_numeric, NaT arithmetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas, numeric_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

MIXED = list(mixed_pandas().columns)


@pytest.fixture
def mixed():
    pdf = mixed_pandas()
    pdf.index = pd.Index([10, 11, 12, 13, 14, 15], name="r")
    return gf.from_pandas(pdf), pdf


# ---------------------------------------------------------------------- take
@pytest.mark.parametrize(
    "indices", [[2, 0, 5], [-1, -6, 3], [], np.array([4, 4, 1], dtype=np.int32)]
)
def test_frame_take_rows(mixed, indices):
    df, pdf = mixed
    assert_frame_equal(df.take(indices), pdf.take(indices))
    assert_frame_equal(df.take(indices, axis=0), pdf.take(indices, axis=0))


@pytest.mark.parametrize("col", MIXED)
def test_series_take_every_dtype(mixed, col):
    df, pdf = mixed
    idx = np.array([5, 1, 1, -2])
    assert_series_equal(df[col].take(idx), pdf[col].take(idx))


def test_take_columns_and_series_positions(mixed):
    df, pdf = mixed
    assert_frame_equal(df.take([3, 0], axis=1), pdf.take([3, 0], axis=1))
    assert_frame_equal(df.take([-1], axis="columns"), pdf.take([-1], axis="columns"))
    pos = gf.Series([1, 0])
    assert_frame_equal(df.take(pos), pdf.take(pos.to_pandas()))


def test_take_bad_input(mixed):
    df, pdf = mixed
    for obj, ref in ((df, pdf), (df["f"], pdf["f"])):
        with pytest.raises(IndexError):
            ref.take([6])
        with pytest.raises(IndexError, match="6"):
            obj.take([6])
        with pytest.raises(TypeError, match="integers"):
            obj.take([0.5, 1.0])
    with pytest.raises(ValueError, match="axis"):
        df["f"].take([0], axis=1)
    with pytest.raises(IndexError, match="9"):
        df.take([9], axis=1)


# ---------------------------------------------------------------------- astype(errors=)
@pytest.mark.parametrize(
    ("target", "columns"),
    [
        ("float64", MIXED),
        ("int64", MIXED),
        ("str", MIXED),
        ("Int64", MIXED),
        # float/bool -> datetime (pandas reads them as ns ticks) is not supported
        ("datetime64[ns]", ["i", "i32", "n", "s", "t", "d", "c"]),
    ],
)
def test_astype_errors_ignore_every_dtype(mixed, target, columns):
    df, pdf = mixed
    spec = dict.fromkeys(columns, target)
    want = pdf.astype(spec, errors="ignore")
    got = df.astype(spec, errors="ignore").to_pandas()
    # which columns pandas could cast is the point: the same columns must change dtype
    assert got.dtypes.astype(str).tolist() == want.dtypes.astype(str).tolist()
    for col in columns:
        if want[col].dtype == pdf[col].dtype or str(want[col].dtype) == "str":
            continue
        assert_series_equal(got[col], want[col])


def test_astype_errors_raise_and_bad_value(mixed):
    df, pdf = mixed
    with pytest.raises(ValueError):
        pdf.astype({"s": "int64"})
    with pytest.raises(ValueError):
        df.astype({"s": "int64"})
    with pytest.raises(ValueError, match="errors"):
        df.astype("float64", errors="skip")
    with pytest.raises(KeyError, match="zz"):
        df.astype({"zz": "float64"}, errors="ignore")
    assert_series_equal(df["s"].astype("int64", errors="ignore"), pdf["s"])


# ---------------------------------------------------------------------- cum*(axis, skipna)
@pytest.mark.parametrize("op", ["cumsum", "cumprod", "cummin", "cummax"])
@pytest.mark.parametrize("skipna", [True, False])
def test_cumulative_pandas_signature(op, skipna):
    pdf = numeric_pandas()
    df = gf.from_pandas(pdf)
    for axis in (None, 0, "index"):
        assert_frame_equal(
            getattr(df, op)(axis=axis, skipna=skipna), getattr(pdf, op)(axis=axis, skipna=skipna)
        )
        assert_series_equal(getattr(df["b"], op)(axis, skipna), getattr(pdf["b"], op)(axis, skipna))
    with pytest.raises(NotImplementedError, match="axis=1"):
        getattr(df, op)(axis=1)
    with pytest.raises(ValueError, match="axis"):
        getattr(df["b"], op)(axis=1)


# ---------------------------------------------------------------------- quantile lists
QS = [0.0, 0.25, 0.5, 0.7, 1.0]


@pytest.mark.parametrize("interpolation", ["linear", "lower", "higher", "midpoint", "nearest"])
@pytest.mark.parametrize("col", ["i", "i32", "n", "f", "t", "d"])
def test_series_quantile_list(mixed, col, interpolation):
    df, pdf = mixed
    assert_series_equal(
        df[col].quantile(QS, interpolation=interpolation),
        pdf[col].quantile(QS, interpolation=interpolation),
    )
    assert df[col].quantile(0.7, interpolation=interpolation) == pdf[col].quantile(
        0.7, interpolation=interpolation
    )


@pytest.mark.parametrize("interpolation", ["lower", "nearest"])
def test_bool_and_empty_quantiles(interpolation):
    for ps in (pd.Series([True, False, True]), pd.Series([], dtype="float64")):
        assert_series_equal(
            gf.from_pandas(ps).quantile(QS, interpolation=interpolation),
            ps.quantile(QS, interpolation=interpolation),
        )


def test_masked_int_quantile_list_dtype():
    # pandas: Int64 quantiles are Int64 when every one is whole, else Float64
    for values in ([1, 2, None], [3, None, 1, 2], [None, None]):
        ps = pd.Series(values, dtype="Int64", name="x")
        assert_series_equal(gf.from_pandas(ps).quantile([0.0, 0.5]), ps.quantile([0.0, 0.5]))


def test_frame_quantile(mixed):
    df, pdf = mixed
    cols = ["i", "n", "f"]
    assert_frame_equal(df[cols].quantile(QS), pdf[cols].quantile(QS))
    nobool, pnobool = df.drop(columns="b"), pdf.drop(columns="b")  # pandas: no bool lerp
    assert_frame_equal(
        nobool.quantile([0.5], numeric_only=True), pnobool.quantile([0.5], numeric_only=True)
    )
    assert_series_equal(df[["i", "f"]].quantile(0.25), pdf[["i", "f"]].quantile(0.25))
    with pytest.raises(TypeError, match="'s'"):
        df[["i", "s"]].quantile([0.5])
    with pytest.raises(ValueError, match="interpolation"):
        df["i"].quantile([0.5], interpolation="cubic")
    with pytest.raises(ValueError, match="`q`"):
        df["i"].quantile([0.5, 1.5])


# ---------------------------------------------------------------------- searchsorted
@pytest.mark.parametrize(
    ("values", "probe"),
    [
        ([1, 3, 3, 7], [3, 8, 0, -1]),
        ([1.0, 2.5, 2.5, np.nan], [2.5, np.nan, 0.0]),
        (["ant", "bee", "bee", "dog"], ["bee", "cat", "zebra", "a"]),
        (
            pd.to_datetime(["2020-01-01", "2020-06-01", "2021-01-01"]),
            pd.to_datetime(["2020-06-01"]),
        ),
        (pd.to_timedelta([1, 2, 2], unit="s"), pd.to_timedelta([2, 0], unit="s")),
        (pd.Categorical(["b", "b", "a"], categories=["b", "a"]), ["a", "b"]),
        (pd.array([1, 5, 9], dtype="Int64"), [5, 10]),
    ],
)
@pytest.mark.parametrize("side", ["left", "right"])
def test_searchsorted(values, probe, side):
    ps = pd.Series(values)
    s = gf.from_pandas(ps)
    np.testing.assert_array_equal(
        s.searchsorted(probe, side=side), ps.searchsorted(probe, side=side)
    )
    got, want = s.searchsorted(probe[0], side=side), ps.searchsorted(probe[0], side=side)
    assert got == want and np.ndim(got) == 0
    sp = pd.Series(probe)
    if sp.dtype.kind in "iufmM":  # a gpuframe Series as the value (as Dask passes)
        np.testing.assert_array_equal(
            s.searchsorted(gf.from_pandas(sp), side=side), ps.searchsorted(sp, side=side)
        )


def test_searchsorted_sorter_and_bad_input():
    ps = pd.Series([5, 1, 3])
    s = gf.from_pandas(ps)
    sorter = np.argsort(ps.to_numpy())
    np.testing.assert_array_equal(
        s.searchsorted([2, 5], sorter=sorter), ps.searchsorted([2, 5], sorter=sorter)
    )
    with pytest.raises(ValueError, match="side"):
        s.searchsorted(1, side="middle")
    with pytest.raises(ValueError, match="NA"):
        gf.from_pandas(pd.Series([1, None], dtype="Int64")).searchsorted(1)
    with pytest.raises(ValueError, match="categories"):
        gf.from_pandas(pd.Series(pd.Categorical(["a"]))).searchsorted("z")


# ---------------------------------------------------------------------- constructors
def test_constructor_hooks(mixed):
    df, pdf = mixed
    s = df["f"]
    assert_series_equal(
        s._constructor([1.0, 2.0], name="x"), pdf["f"]._constructor([1.0, 2.0], name="x")
    )
    assert_frame_equal(s._constructor_expanddim({"a": [1]}), pd.DataFrame({"a": [1]}))
    assert_frame_equal(df._constructor({"a": [1, 2]}), pdf._constructor({"a": [1, 2]}))
    assert_series_equal(df._constructor_sliced([3, 4]), pdf._constructor_sliced([3, 4]))
    assert_frame_equal(df._get_numeric_data(), pdf._get_numeric_data())


# ---------------------------------------------------------------------- transpose
@pytest.mark.parametrize(
    "data",
    [
        {"a": [1, 2, 3], "b": [0.5, np.nan, 2.0]},  # int + float -> float64
        {"a": np.array([1, 2], dtype="int8"), "b": np.array([3, 4], dtype="uint8")},
        {"a": pd.array([1, None], dtype="Int64"), "b": pd.array([3, 4], dtype="Int64")},
        {"a": ["x", None], "b": ["y", "z"]},
        {"a": pd.Categorical(["p", "q"]), "b": pd.Categorical(["q", "p"])},
        {"a": pd.to_datetime(["2020", "2021"]), "b": pd.to_datetime(["2022", None])},
        {"a": [True, False], "b": [False, False]},
        {"a": [1.5]},
    ],
)
def test_transpose(data):
    pdf = pd.DataFrame(data, index=pd.Index([f"r{i}" for i in range(len(data["a"]))]))
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.T, pdf.T)
    assert_frame_equal(df.transpose().T, pdf.transpose().T)
    plain = pdf.reset_index(drop=True)
    assert_frame_equal(gf.from_pandas(plain).T, plain.T)


def test_transpose_edge_cases_and_errors():
    pdf = pd.DataFrame({"v": [1.0, 2.0]})
    df = gf.from_pandas(pdf)
    assert_frame_equal(df[["v"]].sum().to_frame().T, pdf[["v"]].sum().to_frame().T)
    block = np.arange(6.0).reshape(2, 3)
    assert_frame_equal(gf.DataFrame(block).T, pd.DataFrame(block).T)
    assert gf.DataFrame(index=[1, 2]).T.shape == pd.DataFrame(index=[1, 2]).T.shape
    with pytest.raises(TypeError, match="common dtype"):
        gf.DataFrame({"a": [1], "b": [True]}).T  # pandas: object columns
    with pytest.raises(TypeError, match="common dtype"):
        gf.DataFrame({"a": [1], "s": ["x"]}).T
    with pytest.raises(ValueError, match="duplicate"):
        gf.DataFrame({"a": [1, 2]}, index=[0, 0]).T


# ---------------------------------------------------------------------- Index
@pytest.mark.parametrize("col", ["i", "f", "s", "t", "n"])
@pytest.mark.parametrize("target", ["float64", "str", "int64"])
def test_index_astype(mixed, col, target):
    df, pdf = mixed
    gi, pi = df.set_index(col).index, pdf.set_index(col).index
    try:
        want = pi.astype(target)
    except (TypeError, ValueError):
        with pytest.raises((TypeError, ValueError)):
            gi.astype(target)
        return
    pd.testing.assert_index_equal(gi.astype(target).to_pandas(), want, exact=False)
    assert gi.astype(target).to_pandas().dtype == want.dtype


def test_range_index_astype_isna_to_frame(mixed):
    df, pdf = mixed
    r, pr = gf.RangeIndex(2, 8, 2, name="z"), pd.RangeIndex(2, 8, 2, name="z")
    pd.testing.assert_index_equal(r.astype("float64").to_pandas(), pr.astype("float64"))
    np.testing.assert_array_equal(r.isna(), pr.isna())
    for col in ("f", "s", "t", "n", "c"):
        gi, pi = df.set_index(col).index, pdf.set_index(col).index
        np.testing.assert_array_equal(gi.isna(), pi.isna())
        np.testing.assert_array_equal(gi.notna(), pi.notna())
        assert_frame_equal(gi.to_frame(), pi.to_frame())
        assert_frame_equal(gi.to_frame(index=False, name="w"), pi.to_frame(index=False, name="w"))
    assert_frame_equal(r.to_frame(), pr.to_frame())
    mi, pmi = df.set_index(["i", "s"]).index, pdf.set_index(["i", "s"]).index
    assert_frame_equal(mi.to_frame(index=False), pmi.to_frame(index=False))
    assert_frame_equal(
        mi.to_frame(index=False, name=["p", "q"]), pmi.to_frame(index=False, name=["p", "q"])
    )


def test_index_name_setters_are_per_frame(mixed):
    df, pdf = mixed
    sub, psub = df[["i"]], pdf[["i"]]
    sub.index.name = "x"
    psub.index.name = "x"
    assert_frame_equal(sub, psub)
    assert_frame_equal(df, pdf)  # the parent frame keeps its name, as in pandas
    s, ps = df["f"], pdf["f"]
    s.index.names = ["y"]
    ps.index.names = ["y"]
    assert_series_equal(s, ps)
    assert_frame_equal(df, pdf)
    idx = df.index
    idx.name = "q"
    pdf.index.name = "q"
    assert df.index is idx
    assert_frame_equal(df, pdf)
    mi = df.set_index(["i", "s"]).index
    mi.names = ["a", "b"]
    assert mi.to_pandas().names == ["a", "b"]
    with pytest.raises(ValueError, match="2 names"):
        mi.names = ["a"]
    with pytest.raises(ValueError, match="names"):
        mi.name = "a"
    with pytest.raises(TypeError, match="list"):
        idx.names = "abc"


# ---------------------------------------------------------------------- groupby[pd.Index]
def test_groupby_index_key_selection(mixed):
    df, pdf = mixed
    for key in (pd.Index(["f", "i"]), np.array(["f"])):
        assert_frame_equal(df.groupby("s")[key].sum(), pdf.groupby("s")[key].sum())
        assert_frame_equal(df.groupby("s")[key].count(), pdf.groupby("s")[key].count())


# ---------------------------------------------------------------------- merge key names
@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_same_key_names_give_one_column(how):
    left = pd.DataFrame({"k": [1, 2, 3, 2], "a": [1, 1, 2, 2], "v": [1.0, 2.0, 3.0, 4.0]})
    right = pd.DataFrame({"k": [3, 1, 4], "b": [2, 1, 1], "s": ["x", None, "z"]})
    gl, gr = gf.from_pandas(left), gf.from_pandas(right)
    for lo, ro in (("k", "k"), (["k", "a"], ["k", "b"]), (["k"], ["b"])):
        want = left.merge(right, left_on=lo, right_on=ro, how=how)
        assert_frame_equal(gl.merge(gr, left_on=lo, right_on=ro, how=how), want)
    r2, gr2 = right.rename(columns={"b": "a"}), gf.from_pandas(right.rename(columns={"b": "a"}))
    want = left.merge(r2, left_on=["k", "a"], right_on=["a", "k"], how=how)  # crossed: suffixes
    assert_frame_equal(gl.merge(gr2, left_on=["k", "a"], right_on=["a", "k"], how=how), want)


# ---------------------------------------------------------------------- to_numeric
TO_NUMERIC = [
    pd.Series([1.1, 2.0]),
    pd.Series([1e300, -1.0]),
    pd.Series([1.0, np.nan]),
    pd.Series([1, -2, 300]),
    pd.Series([1, 70000], dtype="uint64"),
    pd.Series([2**63], dtype="uint64"),
    pd.Series([2.0**63]),
    pd.Series(["1", "2.5", None]),
    pd.Series(["1", "-2"]),
    pd.Series(["1", "2", None]),
    pd.Series([], dtype="str"),
    pd.Series(pd.to_datetime(["2020-01-01", None])),
    pd.Series(pd.to_timedelta([1, 2], unit="s")),
    pd.Series(pd.Categorical(["1", "20"])),
    pd.Series([True, False]),
    pd.Series([1, None, 200], dtype="Int64"),
    pd.Series([3.0, None], dtype="Float64"),
    pd.Series([1.5, None], dtype="Float64"),
]


@pytest.mark.parametrize("downcast", [None, "integer", "signed", "unsigned", "float"])
@pytest.mark.parametrize("ps", TO_NUMERIC, ids=lambda s: f"{s.dtype}:{s.tolist()}")
def test_to_numeric_series(ps, downcast):
    ps = ps.rename("x").set_axis(pd.Index(range(10, 10 + len(ps))))
    got = gf.to_numeric(gf.from_pandas(ps), downcast=downcast)
    assert_series_equal(got, pd.to_numeric(ps, downcast=downcast))


def test_to_numeric_errors_and_other_inputs():
    ps = pd.Series(["1", "x", None, "3"])
    s = gf.from_pandas(ps)
    assert_series_equal(gf.to_numeric(s, errors="coerce"), pd.to_numeric(ps, errors="coerce"))
    with pytest.raises(ValueError, match="'x'"):
        gf.to_numeric(s)
    with pytest.raises(ValueError, match="errors"):
        gf.to_numeric(s, errors="ignore")
    with pytest.raises(ValueError, match="downcast"):
        gf.to_numeric(s, downcast="int")
    assert gf.to_numeric("1.5") == pd.to_numeric("1.5")
    np.testing.assert_array_equal(gf.to_numeric(["1", 2]), pd.to_numeric(["1", 2]))
    arr = np.array([1, 300])
    got = gf.to_numeric(arr, downcast="integer")
    assert got.dtype == pd.to_numeric(arr, downcast="integer").dtype
    pi = pd.Index(["4", "5"], name="q")
    pd.testing.assert_index_equal(gf.to_numeric(gf.Index(pi)).to_pandas(), pd.to_numeric(pi))


# ---------------------------------------------------------------------- NaT arithmetic
@pytest.mark.parametrize("unit", ["s", "ns"])
def test_datetime_and_timedelta_with_nat(unit):
    dt = pd.Series(pd.to_datetime(["2020-01-01", None]).astype(f"datetime64[{unit}]"))
    td = pd.Series(pd.to_timedelta([1, None], unit="s").astype(f"timedelta64[{unit}]"))
    import operator

    for ps in (dt, td):
        s = gf.from_pandas(ps)
        for op in (operator.add, operator.sub):
            assert_series_equal(op(s, pd.NaT), op(ps, pd.NaT))
            assert_series_equal(op(pd.NaT, s), op(pd.NaT, ps))
    assert (gf.from_pandas(dt) - pd.NaT).dtype.kind == "m"


# ---------------------------------------------------------------------- construction
def test_frame_from_3d_array_names_the_shape():
    with pytest.raises(ValueError):
        pd.DataFrame(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match=r"\(2, 3, 4\)"):
        gf.DataFrame(np.zeros((2, 3, 4)))
    with pytest.raises(ValueError, match="shape"):
        gf.DataFrame(np.zeros(()))


# ---------------------------------------------------------------------- the same on the GPU
@pytest.mark.gpu
def test_gaps_on_gpu_match_pandas_and_stay_on_the_device():
    import cupy as cp

    pdf = mixed_pandas()
    df = gf.from_pandas(pdf, device="gpu")
    taken = df.take(np.array([5, 0, -1]))
    cum = df[["i", "f"]].cumsum(axis=None, skipna=True)
    cast = df.astype({"f": "int64", "i": "float64"}, errors="ignore")
    num = df[["i", "f", "i32"]].T
    assert isinstance(taken["f"].column.data, cp.ndarray)
    assert isinstance(num[0].column.data, cp.ndarray)
    assert_frame_equal(taken, pdf.take([5, 0, -1]))
    assert_frame_equal(cum, pdf[["i", "f"]].cumsum(axis=None, skipna=True))
    assert_frame_equal(cast, pdf.astype({"f": "int64", "i": "float64"}, errors="ignore"))
    assert_frame_equal(num, pdf[["i", "f", "i32"]].T)
    for interp in ("linear", "nearest", "higher"):
        for col in ("i", "f", "t", "n"):
            assert_series_equal(
                df[col].quantile(QS, interpolation=interp),
                pdf[col].quantile(QS, interpolation=interp),
            )
    srt, psrt = df["s"].sort_values(), pdf["s"].sort_values().dropna()
    srt = srt.dropna()
    np.testing.assert_array_equal(
        srt.searchsorted(["a", "bb"], side="right"), psrt.searchsorted(["a", "bb"], side="right")
    )
    assert_series_equal(
        gf.to_numeric(gf.from_pandas(pd.Series(["1", "2", None]), device="gpu")),
        pd.to_numeric(pd.Series(["1", "2", None])),
    )
    assert_series_equal(
        gf.to_numeric(gf.from_pandas(pd.Series([1.0, 300.0]), device="gpu"), downcast="integer"),
        pd.to_numeric(pd.Series([1.0, 300.0]), downcast="integer"),
    )
    assert_series_equal(df["t"] - pd.NaT, pdf["t"] - pd.NaT)
    gi = df.set_index("f").index
    assert isinstance(gi.astype("float32").column.data, cp.ndarray)
    np.testing.assert_array_equal(gi.isna(), pdf.set_index("f").index.isna())
