"""Property tests: random frames of every dtype (nulls, NaN, duplicates, empty) give the same
results in gpuframe and pandas for a set of operations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_small_ints = st.integers(-3, 3)
_KINDS = [
    "int64",
    "int8",
    "uint16",
    "Int64",
    "float64",
    "float32",
    "bool",
    "boolean",
    "str",
    "datetime64[ns]",
    "datetime64[us]",
    "timedelta64[ms]",
    "category",
]


def _column(kind: str, n: int, draw) -> pd.Series:
    if kind in ("int64", "int8", "uint16"):
        vals = draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
        return pd.Series(vals, dtype=kind)
    if kind == "Int64":
        vals = draw(st.lists(st.one_of(st.none(), _small_ints), min_size=n, max_size=n))
        return pd.Series(pd.array(vals, dtype="Int64"))
    if kind in ("float64", "float32"):
        vals = draw(
            st.lists(
                st.one_of(st.just(np.nan), st.sampled_from([-1.5, 0.0, 2.25, 7.0])),
                min_size=n,
                max_size=n,
            )
        )
        return pd.Series(vals, dtype=kind)
    if kind == "bool":
        return pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    if kind == "boolean":
        vals = draw(st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n))
        return pd.Series(pd.array(vals, dtype="boolean"))
    if kind == "str":
        vals = draw(
            st.lists(
                st.one_of(st.none(), st.sampled_from(["a", "bb", "", "Z", "é"])),
                min_size=n,
                max_size=n,
            )
        )
        return pd.Series(vals, dtype="str")
    if kind.startswith("datetime") or kind.startswith("timedelta"):
        vals = draw(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=n, max_size=n))
        arr = np.array(
            [np.iinfo(np.int64).min if v is None else v * 86_400 for v in vals], dtype=np.int64
        )
        unit = kind.split("[")[1][:-1]
        arr = arr * {"s": 1, "ms": 1000, "us": 10**6, "ns": 10**9}[unit]
        arr = np.where(np.array([v is None for v in vals], dtype=bool), np.iinfo(np.int64).min, arr)
        return pd.Series(arr.view(kind))
    vals = draw(
        st.lists(st.one_of(st.none(), st.sampled_from(["x", "y", "z"])), min_size=n, max_size=n)
    )
    return pd.Series(pd.Categorical(vals, categories=["z", "x", "y"]))


@st.composite
def frames(draw, kinds=tuple(_KINDS)):
    n = draw(st.integers(0, 8))
    chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=4))
    data = {
        f"c{i}_{k.replace('[', '_').replace(']', '')}": _column(k, n, draw)
        for i, k in enumerate(chosen)
    }
    return pd.DataFrame(data)


@SETTINGS
@given(frames())
def test_round_trip_isna_and_selection(pdf):
    df = gf.from_pandas(pdf)
    assert_frame_equal(df, pdf)
    assert_frame_equal(gf.from_arrow(df.to_arrow()), pdf)
    assert_frame_equal(df.isna(), pdf.isna())
    assert_frame_equal(df.head(3), pdf.head(3))
    assert_frame_equal(df.tail(2), pdf.tail(2))
    assert_frame_equal(df.iloc[::-1], pdf.iloc[::-1])
    mask = np.arange(len(pdf)) % 2 == 0
    assert_frame_equal(df[mask], pdf[mask])
    assert_frame_equal(df.dropna(), pdf.dropna())


@SETTINGS
@given(frames())
def test_sort_and_duplicates(pdf):
    df = gf.from_pandas(pdf)
    cols = list(pdf.columns)
    for na_position in ("first", "last"):
        kw = dict(ascending=[True, False][: len(cols[:2])], na_position=na_position, kind="stable")
        assert_frame_equal(df.sort_values(cols[:2], **kw), pdf.sort_values(cols[:2], **kw))
    for keep in ("first", "last", False):
        assert_series_equal(df.duplicated(keep=keep), pdf.duplicated(keep=keep))
    assert_frame_equal(df.drop_duplicates(cols[:1]), pdf.drop_duplicates(cols[:1]))


def _scalar_equal(got, exp, what):
    if exp is pd.NA or exp is pd.NaT:
        assert got is exp, what
    elif isinstance(exp, (float, np.floating)) and np.isnan(exp):
        assert isinstance(got, (float, np.floating)) and np.isnan(got), what
    elif isinstance(exp, (float, np.floating)):
        assert got == pytest.approx(exp, rel=1e-6, abs=1e-9), what
    else:
        assert got == exp, what


@SETTINGS
@given(frames())
def test_reductions_and_counts(pdf):
    df = gf.from_pandas(pdf)
    for name in pdf.columns:
        s, ps = df[name], pdf[name]
        kind = ps.dtype.kind if isinstance(ps.dtype, np.dtype) else "?"
        ops = ["count", "nunique"]
        if kind in "iufb" or str(ps.dtype) in ("Int64", "boolean"):
            ops += ["sum", "min", "max", "mean", "std", "median", "prod", "any", "all"]
        elif kind in "mM":
            ops += ["min", "max"]
        elif str(ps.dtype) == "str":
            ops += ["min", "max"]
        for op in ops:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                exp = getattr(ps, op)()
            _scalar_equal(getattr(s, op)(), exp, f"{name}.{op}")
        assert_series_equal(s.value_counts(), ps.value_counts())


@SETTINGS
@given(
    frames(kinds=("int64", "Int64", "float64", "float32", "uint16", "int8")),
    st.sampled_from([1, 2, -1, 0.5]),
)
def test_arithmetic_comparison_and_scans(pdf, scalar):
    df = gf.from_pandas(pdf)
    for op in ("__add__", "__mul__", "__sub__", "__truediv__", "__lt__", "__eq__", "__ge__"):
        try:
            exp = getattr(pdf, op)(scalar)
        except (TypeError, ValueError, OverflowError) as e:
            with pytest.raises(type(e)):
                getattr(df, op)(scalar)
            continue
        assert_frame_equal(getattr(df, op)(scalar), exp)
    assert_frame_equal(df + df, pdf + pdf)
    assert_frame_equal(df.cumsum(), pdf.cumsum())
    assert_frame_equal(df.cummax(), pdf.cummax())
    assert_frame_equal(df.shift(1), pdf.shift(1))
    assert_frame_equal(df.rank(), pdf.rank())
    assert_frame_equal(df.abs(), pdf.abs())


_FILL = {
    "int64": 0,
    "int8": 0,
    "uint16": 0,
    "Int64": 7,
    "float64": 0.5,
    "float32": 0.5,
    "bool": True,
    "boolean": False,
    "str": "zz",
    "datetime64[ns]": pd.Timestamp("2000-01-01"),
    "datetime64[us]": pd.Timestamp("2000-01-01"),
    "timedelta64[ms]": pd.Timedelta("1s"),
    "category": "x",
}


def _kind_of(series: pd.Series) -> str:
    d = series.dtype
    if isinstance(d, pd.CategoricalDtype):
        return "category"
    return str(d)


@SETTINGS
@given(frames())
def test_cleaning_and_membership(pdf):
    df = gf.from_pandas(pdf)
    fill = {c: _FILL[_kind_of(pdf[c])] for c in pdf.columns}
    assert_frame_equal(df.fillna(fill), pdf.fillna(fill))
    assert_frame_equal(df.ffill(), pdf.ffill())
    for name in pdf.columns:
        s, ps = df[name], pdf[name]
        values = list(ps.dropna().unique()[:2]) + [None]
        assert_series_equal(s.isin(values), ps.isin(values))
        assert_series_equal(s.value_counts(dropna=False), ps.value_counts(dropna=False))
        cond = np.arange(len(ps)) % 3 != 1
        if not isinstance(ps.dtype, pd.CategoricalDtype) and ps.dtype != bool:
            assert_series_equal(s.where(cond), ps.where(cond))
    assert_frame_equal(df.drop_duplicates(keep=False), pdf.drop_duplicates(keep=False))
    assert_series_equal(df.nunique(), pdf.nunique())
    assert_series_equal(df.count(), pdf.count())


@SETTINGS
@given(
    frames(kinds=("int64", "Int64", "float64", "str", "datetime64[ns]", "category")),
    st.integers(0, 2**16),
)
def test_index_operations(pdf, seed):
    cols = list(pdf.columns)
    if len(cols) < 2:  # keep a column: an empty column index has no dtype to compare
        pdf = pdf.assign(extra=np.arange(len(pdf)))
        cols = list(pdf.columns)
    key = cols[0]
    indexed = pdf.set_index(key)
    df = gf.from_pandas(pdf).set_index(key)
    assert_frame_equal(df, indexed)
    assert_frame_equal(df.reset_index(), indexed.reset_index())
    kw = dict(na_position="first", kind="stable")
    assert_frame_equal(df.sort_index(**kw), indexed.sort_index(**kw))
    rng = np.random.default_rng(seed)
    if len(pdf):
        pos = rng.integers(0, len(pdf), size=3)
        assert_frame_equal(df.iloc[pos], indexed.iloc[pos])
        if indexed.index.is_unique and not indexed.index.hasnans:
            labels = list(indexed.index[pos])
            assert_frame_equal(df.loc[labels], indexed.loc[labels])
    assert_frame_equal(
        df.sample(frac=0.5, random_state=seed % 100),
        indexed.sample(frac=0.5, random_state=seed % 100),
    )
