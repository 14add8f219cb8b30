"""The frame cases: one callable per case, written once for pandas and gpuframe.

Each case is ``Case(name, fn, check)``: ``fn(env)`` runs the operation on ``env.df`` (a pandas
or gpuframe frame of the groupby table plus a datetime column ``ts`` and a float column
``v3n`` with NaN) and returns its result; ``check(ours, theirs, env)`` asserts the two
answers are the same (with order rules where pandas leaves the order unspecified).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from gpuframe.testing import assert_series_equal

NUM = ["id4", "id5", "id6", "v1", "v2", "v3"]


@dataclass
class Env:
    """What a case sees: the frame, the library module, the data path and a scratch dir."""

    df: Any
    lib: Any
    path: str
    tmp: str
    extra: dict[str, Any] = field(default_factory=dict)


def _pd(obj: Any) -> Any:
    to_pandas = getattr(obj, "to_pandas", None)
    return to_pandas() if to_pandas is not None else obj


def frames_equal(ours: Any, theirs: pd.DataFrame, **kwargs: Any) -> None:
    """``assert_frame_equal`` column by column; categorical columns by categories and codes
    (pandas' assertion compares their values one Python object at a time: minutes at 1e7)."""
    o = _pd(ours)
    assert isinstance(o, pd.DataFrame), type(o)
    pd.testing.assert_index_equal(o.columns, theirs.columns)
    pd.testing.assert_index_equal(o.index, theirs.index)
    for k in theirs.columns:
        a, b = o[k], theirs[k]
        if isinstance(b.dtype, pd.CategoricalDtype):
            assert a.dtype == b.dtype, (k, a.dtype, b.dtype)
            np.testing.assert_array_equal(a.cat.codes.to_numpy(), b.cat.codes.to_numpy())
            assert a.name == b.name
        else:
            pd.testing.assert_series_equal(a, b, **kwargs)


def same(ours: Any, theirs: Any, env: Env) -> None:
    """Exact equality of frames, series, arrays and scalars (dtypes included)."""
    if isinstance(theirs, pd.DataFrame):
        frames_equal(ours, theirs)
    elif isinstance(theirs, pd.Series):
        assert_series_equal(ours, theirs)
    elif isinstance(theirs, pd.Index):
        pd.testing.assert_index_equal(_pd(ours), theirs)
    elif isinstance(theirs, (np.ndarray, pd.api.extensions.ExtensionArray)):
        a, b = np.asarray(_pd(ours)), np.asarray(theirs)
        np.testing.assert_array_equal(a, b)
    else:
        ours = ours.item() if hasattr(ours, "item") else ours
        theirs = theirs.item() if hasattr(theirs, "item") else theirs
        if isinstance(theirs, float):
            np.testing.assert_allclose(ours, theirs, rtol=1e-12)
        else:
            assert ours == theirs, (ours, theirs)


def close(ours: Any, theirs: Any, env: Env) -> None:
    """Equal up to floating-point summation order (rtol 1e-9)."""
    if isinstance(theirs, pd.DataFrame):
        frames_equal(ours, theirs, check_exact=False, rtol=1e-9)
    elif isinstance(theirs, pd.Series):
        assert_series_equal(ours, theirs, check_exact=False, rtol=1e-9)
    else:
        np.testing.assert_allclose(np.asarray(_pd(ours)), np.asarray(theirs), rtol=1e-9)


def text(ours: Any, theirs: Any, env: Env) -> None:
    """String results: gpuframe gives ``str`` where pandas gives ``object`` for a categorical
    (a documented difference); the values must be equal."""
    assert_series_equal(ours, theirs.astype("str") if theirs.dtype == object else theirs)


def unordered(ours: Any, theirs: Any, env: Env) -> None:
    """Same values, order not specified: compare sorted."""
    a = np.sort(np.asarray(_pd(ours)))
    b = np.sort(np.asarray(theirs))
    np.testing.assert_array_equal(a, b)


def counts(ours: Any, theirs: Any, env: Env) -> None:
    """value_counts: pandas orders ties arbitrarily, so compare sorted by label."""
    o = _pd(ours)
    assert_series_equal(o.sort_index(), theirs.sort_index())
    assert (np.diff(o.to_numpy()) <= 0).all(), "counts not in descending order"


def sorted_rows(keys: list[str], ascending: list[bool] | bool = True) -> Callable[..., None]:
    """A sort whose ties pandas leaves unspecified: same key columns in the same order, and
    every row is the source row of its index label."""

    def check(ours: Any, theirs: Any, env: Env) -> None:
        o = _pd(ours)
        frames_equal(o[keys].reset_index(drop=True), theirs[keys].reset_index(drop=True))
        src = env.extra["pandas_df"]
        frames_equal(o, src.loc[o.index])

    return check


def _read(env: Env) -> Any:
    return env.lib.read_parquet(env.path)


def _write(env: Env) -> Any:
    out = os.path.join(env.tmp, f"out-{env.lib.__name__}.parquet")
    env.df.to_parquet(out)
    return out


def written(ours: Any, theirs: Any, env: Env) -> None:
    """Both files read back by pandas give the same frame."""
    frames_equal(pd.read_parquet(ours), pd.read_parquet(theirs))


def _to_pandas(env: Env) -> Any:
    # pandas' side is a deep copy: the cost of materialising a pandas frame it already has
    df = env.df
    return df.to_pandas() if hasattr(df, "to_pandas") else df.copy(deep=True)


def _sorted_frame(env: Env) -> Any:
    return env.extra["by_v3"]


@dataclass(frozen=True)
class Case:
    name: str
    fn: Callable[[Env], Any]
    check: Callable[[Any, Any, Env], None] = same


_D = "ts"
CASES: list[Case] = [
    Case("read_parquet", _read),
    # selection
    Case("column", lambda e: e.df["v3"]),
    Case("columns", lambda e: e.df[["id1", "v1", "v3"]]),
    Case("mask_filter", lambda e: e.df[e.df["v1"] > 2]),
    Case("loc_slice", lambda e: e.df.loc[1000 : len(e.df) // 2]),
    Case("iloc_slice", lambda e: e.df.iloc[1000 : len(e.df) // 2]),
    Case("iloc_rows", lambda e: e.df.iloc[e.extra["rows"]]),
    Case("head", lambda e: e.df.head(1000)),
    Case("isin_int", lambda e: e.df["id4"].isin([1, 3, 5, 7, 11, 13, 17, 19])),
    Case("isin_str", lambda e: e.df["id1"].isin(["id001", "id050", "id099"])),
    Case("between", lambda e: e.df["v3"].between(10.0, 20.0)),
    Case("query", lambda e: e.df.query("v1 > 2 and v3 < 50")),
    # arithmetic and comparison
    Case("add_cols_int", lambda e: e.df["v1"] + e.df["v2"]),
    Case("mul_add_float", lambda e: e.df["v3"] * 2.5 + e.df["v1"]),
    Case("div", lambda e: e.df["v3"] / e.df["v2"]),
    Case("gt_scalar", lambda e: e.df["v3"] > 50.0),
    Case("eq_cols", lambda e: e.df["v1"] == e.df["v2"]),
    Case("and_masks", lambda e: (e.df["v1"] > 2) & (e.df["v3"] < 50.0)),
    Case("frame_mul", lambda e: e.df[["v1", "v2", "v3"]] * 2),
    Case("abs", lambda e: (e.df["v3"] - 50.0).abs()),
    Case("round", lambda e: e.df["v3"].round(2)),
    Case("clip", lambda e: e.df["v3"].clip(10.0, 90.0)),
    # scans and windows
    Case("cumsum", lambda e: e.df["v3"].cumsum(), close),
    Case("cumsum_int", lambda e: e.df["v1"].cumsum()),
    Case("diff", lambda e: e.df["v3"].diff()),
    Case("shift", lambda e: e.df["v3"].shift(1)),
    Case("pct_change", lambda e: e.df["v3"].pct_change()),
    Case("rolling_mean", lambda e: e.df["v3"].rolling(100).mean(), close),
    Case("rolling_sum", lambda e: e.df["v3"].rolling(100).sum(), close),
    Case("rolling_std", lambda e: e.df["v3"].rolling(100).std(), close),
    # reductions (per column of the numeric frame)
    *[
        Case(f"{op}", (lambda op: lambda e: getattr(e.df[NUM], op)())(op), close)
        for op in ("sum", "mean", "min", "max", "std", "var", "count", "median")
    ],
    Case("nunique", lambda e: e.df.nunique()),
    Case("quantile", lambda e: e.df[NUM].quantile(0.9), close),
    Case("idxmin", lambda e: e.df[NUM].idxmin()),
    Case("idxmax", lambda e: e.df[NUM].idxmax()),
    Case("describe", lambda e: e.df[NUM].describe(), close),
    Case("series_sum", lambda e: e.df["v3"].sum(), close),
    Case("series_nunique", lambda e: e.df["id6"].nunique()),
    Case("value_counts_int", lambda e: e.df["id4"].value_counts(), counts),
    Case("value_counts_str", lambda e: e.df["id1"].value_counts(), counts),
    Case("unique_int", lambda e: e.df["id6"].unique(), unordered),
    Case("unique_str", lambda e: e.df["id2"].unique(), unordered),
    Case("corr", lambda e: e.df[["v1", "v2", "v3"]].corr(), close),
    # cleaning
    Case("isna", lambda e: e.df.isna()),
    Case("fillna", lambda e: e.df["v3n"].fillna(0.0)),
    Case("dropna", lambda e: e.df.dropna()),
    Case("astype_float", lambda e: e.df["v1"].astype("float64")),
    Case("astype_int", lambda e: e.df["v3"].astype("int64")),
    Case("drop_duplicates", lambda e: e.df[["id1", "id4"]].drop_duplicates()),
    Case("duplicated", lambda e: e.df["id6"].duplicated()),
    Case("replace", lambda e: e.df["v1"].replace({1: 10, 2: 20})),
    Case("map_dict", lambda e: e.df["v1"].map({1: 0.5, 2: 1.5, 3: 2.5, 4: 3.5, 5: 4.5})),
    # sorting
    Case("sort_values_1", lambda e: e.df.sort_values("v3"), sorted_rows(["v3"])),
    Case(
        "sort_values_int",
        lambda e: e.df.sort_values("id6"),
        sorted_rows(["id6"]),
    ),
    Case(
        "sort_values_3_mixed",
        lambda e: e.df.sort_values(["id4", "v1", "v3"], ascending=[True, False, True]),
        sorted_rows(["id4", "v1", "v3"]),
    ),
    Case(
        "sort_values_str_int",
        lambda e: e.df.sort_values(["id2", "id5"], ascending=[False, True]),
        sorted_rows(["id2", "id5"]),
    ),
    Case("sort_index", lambda e: _sorted_frame(e).sort_index()),
    Case("nlargest", lambda e: e.df.nlargest(100, "v3")),
    Case("series_nsmallest", lambda e: e.df["v3"].nsmallest(100)),
    Case("rank", lambda e: e.df["v3"].rank()),
    Case("rank_dense_int", lambda e: e.df["id6"].rank(method="dense")),
    # strings (id1, id3 are dictionary-encoded in the file: categorical in pandas)
    Case("str_lower", lambda e: e.df["id1"].str.lower(), text),
    Case("str_contains", lambda e: e.df["id3"].str.contains("99")),
    Case("str_len", lambda e: e.df["id3"].str.len()),
    Case("str_startswith", lambda e: e.df["id1"].str.startswith("id00")),
    # datetimes
    Case("dt_year", lambda e: e.df[_D].dt.year),
    Case("dt_month", lambda e: e.df[_D].dt.month),
    Case("dt_dayofweek", lambda e: e.df[_D].dt.dayofweek),
    Case("dt_hour", lambda e: e.df[_D].dt.hour),
    Case("dt_floor", lambda e: e.df[_D].dt.floor("h")),
    Case("dt_add_timedelta", lambda e: e.df[_D] + pd.Timedelta(hours=5)),
    # conversions
    Case("to_pandas", _to_pandas),
    Case("to_parquet", _write, written),
]
