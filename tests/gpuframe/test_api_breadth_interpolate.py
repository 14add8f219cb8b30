"""interpolate against pandas (gpuframe._interpolate)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

N = np.nan
SHAPES = {
    "gaps": [N, N, 1.0, N, N, N, 5.0, N, 2.0, N, N],
    "no_gaps": [1.0, 2.0, -3.0],
    "all_nan": [N, N, N],
    "one_valid": [N, 4.0, N, N],
    "single": [N],
    "empty": [],
    "long_gap": [0.0] + [N] * 6 + [-7.0],
    "negative": [-1.0, N, -5.0, N, N, 10.0],
}


@pytest.mark.parametrize("name", list(SHAPES))
@pytest.mark.parametrize(
    "limit,direction,area",
    list(
        itertools.product(
            [None, 1, 2], ["forward", "backward", "both"], [None, "inside", "outside"]
        )
    ),
)
def test_series_interpolate_matches_pandas(name, limit, direction, area):
    ps = pd.Series(SHAPES[name], dtype="float64", name="v")
    kw = {"limit": limit, "limit_direction": direction, "limit_area": area}
    assert_series_equal(gf.Series(ps).interpolate(**kw), ps.interpolate(**kw))


@pytest.mark.parametrize("dtype", ["float32", "Int64", "Float64", "int64"])
def test_series_interpolate_dtypes(dtype):
    values = [1, None, 4, None, None, 10, None] if dtype != "int64" else [1, 2, 5]
    ps = pd.Series(values, dtype=dtype)
    assert_series_equal(gf.Series(ps).interpolate(), ps.interpolate())
    assert_series_equal(
        gf.Series(ps).interpolate(limit_area="inside"), ps.interpolate(limit_area="inside")
    )


def test_interpolate_method_index():
    ps = pd.Series([1.0, N, N, 3.0, N], index=[0, 1, 5, 10, 11])
    for method in ("index", "values"):
        assert_series_equal(gf.Series(ps).interpolate(method=method), ps.interpolate(method=method))
    with pytest.raises(TypeError, match="numeric index"):
        gf.Series([1.0, N, 2.0], index=["a", "b", "c"]).interpolate(method="index")
    with pytest.raises(NotImplementedError, match="not increasing"):
        gf.Series([1.0, N, 2.0], index=[3, 1, 2]).interpolate(method="index")


def test_frame_interpolate_matches_pandas():
    pdf = pd.DataFrame(
        {"a": [1.0, N, 3.0, N], "b": [N, 2.0, N, 8.0], "c": [1, 2, 3, 4]}, index=list("wxyz")
    )
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.interpolate(), pdf.interpolate())
    kw = {"limit": 1, "limit_direction": "both"}
    assert_frame_equal(df.interpolate(**kw), pdf.interpolate(**kw))
    got = df.copy()
    assert got.interpolate(inplace=True) is None
    assert_frame_equal(got, pdf.interpolate())


def test_interpolate_inplace_series():
    s = gf.Series([1.0, N, 3.0])
    assert s.interpolate(inplace=True) is None
    assert s.tolist() == [1.0, 2.0, 3.0]


def test_interpolate_bad_input():
    s = gf.Series([1.0, N, 3.0])
    with pytest.raises(ValueError, match="greater than 0"):
        s.interpolate(limit=0)
    with pytest.raises(TypeError, match="`limit`"):
        s.interpolate(limit=1.5)
    with pytest.raises(ValueError, match="limit_direction='sideways'"):
        s.interpolate(limit_direction="sideways")
    with pytest.raises(ValueError, match="limit_area='middle'"):
        s.interpolate(limit_area="middle")
    with pytest.raises(NotImplementedError, match="method='cubic'"):
        s.interpolate(method="cubic")
    with pytest.raises(ValueError, match="method='pad'"):
        s.interpolate(method="pad")
    with pytest.raises(NotImplementedError, match="downcast"):
        s.interpolate(downcast="infer")
    df = gf.DataFrame({"a": [1.0, N], "s": ["x", None]})
    with pytest.raises(TypeError, match="str dtype"):
        df.interpolate()
    with pytest.raises(NotImplementedError, match="axis=1"):
        df.interpolate(axis=1)
    with pytest.raises(ValueError, match="axis"):
        s.interpolate(axis=1)


def test_interpolate_generic_path(backend):
    """The Array API path (CuPy's) on array-api-strict gives pandas' values."""
    from gpuframe._interpolate import interpolate_column
    from gpuframe.backend import to_host
    from gpuframe.column._column import Column

    v = np.array(SHAPES["gaps"])
    col = Column._from_parts(backend.asarray(v), None, v.dtype)
    for kw in ({}, {"limit": 1, "limit_direction": "both"}, {"limit_area": "outside"}):
        got = interpolate_column(col, **kw)
        want = pd.Series(v).interpolate(**kw).to_numpy()
        np.testing.assert_array_equal(to_host(got.data), want)


def test_interpolate_datetimes_not_supported():
    """Documented difference: pandas interpolates datetimes; gpuframe raises TypeError."""
    ps = pd.Series(pd.to_datetime(["2020-01-01", None, "2020-01-03"]))
    assert ps.interpolate().notna().all()
    with pytest.raises(TypeError, match="datetime64"):
        gf.Series(ps).interpolate()
