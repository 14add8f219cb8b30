"""datetime64/timedelta64 columns held as int64 ticks, as on a device library without those
dtypes (CuPy): the same results as NumPy's datetime arrays and pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpuframe.column import (
    Column,
    _binary,
    _reduce,
    _scan,
    _sort,
    _unique,
    as_column,
    concat_columns,
)
from gpuframe.testing import assert_series_equal

T = pd.Series(
    pd.to_datetime(
        ["2021-01-01", None, "2020-05-06T10:00", "2021-01-01", "1969-12-31"], format="ISO8601"
    )
)
D = pd.Series(pd.to_timedelta([1, 2, None, 4, -5], unit="s"))


def ticks_column(s: pd.Series) -> Column:
    """The column as a GPU holds it: int64 ticks, the dtype kept beside them."""
    col = Column.from_pandas(s)
    return Column._from_parts(col.data.view(np.int64).copy(), None, col.dtype)


@pytest.mark.parametrize("s", [T, D], ids=["datetime", "timedelta"])
def test_ticks_selection_nulls_and_conversion(s):
    col = ticks_column(s)
    assert col.data.dtype == np.int64 and col.dtype == s.dtype
    assert_series_equal(col.to_pandas(), s)
    assert col.to_arrow().equals(Column.from_pandas(s).to_arrow())
    idx = np.array([4, 0, 1])
    assert_series_equal(col.take(idx).to_pandas(), s.take(idx).reset_index(drop=True))
    assert_series_equal(
        col.take(np.array([1, -1]), nullify=True).to_pandas(),
        s.reindex([1, 99]).reset_index(drop=True),
    )
    m = np.array([True, False, True, True, False])
    assert_series_equal(col.filter(m).to_pandas(), s[m].reset_index(drop=True))
    assert col.isnull().to_pandas().tolist() == s.isna().tolist()
    fill = s.dropna().iloc[0]
    assert_series_equal(col.fillna(fill).to_pandas(), s.fillna(fill))
    unit = "datetime64[s]" if s.dtype.kind == "M" else "timedelta64[s]"
    assert_series_equal(col.astype(unit).to_pandas(), s.astype(unit))
    both = concat_columns([col, ticks_column(s)])
    assert_series_equal(both.to_pandas(), pd.concat([s, s], ignore_index=True))


@pytest.mark.parametrize("s", [T, D], ids=["datetime", "timedelta"])
def test_ticks_reductions_sort_unique(s):
    col = ticks_column(s)
    for op in ("min", "max", "count", "nunique", "median"):
        assert _reduce.reduce(col, op) == getattr(s, op)()
    order = _sort.argsort([col], ascending=False, na_position="first")
    exp = s.sort_values(ascending=False, na_position="first", kind="stable").index
    assert order.tolist() == exp.tolist()
    keys, counts = _unique.value_counts(col)
    vc = s.value_counts()
    assert keys.to_pandas().tolist() == vc.index.tolist() and counts.tolist() == vc.tolist()
    assert_series_equal(_scan.scan(col, "cummax").to_pandas(), s.cummax())
    assert_series_equal(_scan.shift(col, 1).to_pandas(), s.shift(1))
    assert_series_equal(_scan.diff(col).to_pandas(), s.diff())


def test_ticks_arithmetic_and_comparison():
    t, d = ticks_column(T), ticks_column(D)
    day = pd.Timedelta("1D")
    cases = [
        (_binary.binary_op(t, d, "add"), T + D),
        (_binary.binary_op(t, t, "sub"), T - T),
        (_binary.binary_op(t, day, "add"), T + day),
        (_binary.binary_op(t, pd.Timestamp("2021-01-01"), "sub"), T - pd.Timestamp("2021-01-01")),
        (_binary.binary_op(d, 3, "mul"), D * 3),
        (_binary.binary_op(d, 3, "mul", reflect=True), 3 * D),
        (_binary.binary_op(d, d, "truediv"), D / D),
        (_binary.binary_op(t, pd.Timestamp("2020-06-01"), "gt"), T > pd.Timestamp("2020-06-01")),
        (_binary.binary_op(t, t, "eq"), T == T),
        (_binary.binary_op(t, t, "ne"), T != T),
        (_binary.unary_op(d, "abs"), D.abs()),
    ]
    for got, exp in cases:
        assert_series_equal(got.to_pandas(), exp.reset_index(drop=True))
    coarse = ticks_column(D.astype("timedelta64[s]"))
    fine = ticks_column(T.astype("datetime64[ns]"))
    assert_series_equal(
        _binary.binary_op(t, coarse, "add").to_pandas(), T + D.astype("timedelta64[s]")
    )
    assert_series_equal(
        _binary.binary_op(fine, t, "sub").to_pandas(), T.astype("datetime64[ns]") - T
    )
    with pytest.raises(TypeError):
        _binary.binary_op(t, t, "add")
    with pytest.raises(TypeError):
        _binary.binary_op(t, 1, "add")


def test_ticks_where_and_isin():
    t = ticks_column(T)
    cond = np.array([True, False, True, False, True])
    assert_series_equal(_binary.where(t, cond, None).to_pandas(), T.where(cond))
    vals = [pd.Timestamp("2021-01-01")]
    assert _unique.isin(t, vals).to_pandas().tolist() == T.isin(vals).tolist()
    assert as_column(T).dtype == t.dtype
