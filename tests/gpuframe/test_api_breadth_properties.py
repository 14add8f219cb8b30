"""is_unique, is_monotonic_*, hasnans, first/last_valid_index, factorize, repeat, squeeze,
truncate, convert_dtypes, infer_objects against pandas (gpuframe._properties)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.testing import assert_frame_equal, assert_series_equal

N = np.nan
SERIES = [
    pd.Series([1, 2, 3]),
    pd.Series([3, 2, 2]),
    pd.Series([1.0, N, 3.0]),
    pd.Series([N, N]),
    pd.Series([N]),
    pd.Series([], dtype="float64"),
    pd.Series([5]),
    pd.Series([-1, -1]),
    pd.Series(["a", "b", "b"]),
    pd.Series(["c", "b", None]),
    pd.Series([True, False]),
    pd.Series([1, None, 2], dtype="Int64"),
    pd.Series(pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-02"])),
    pd.Series(pd.to_datetime(["2020-01-03", None])),
    pd.Series(pd.Categorical(["b", "a"], categories=["b", "a"])),
]


@pytest.mark.parametrize("ps", SERIES, ids=lambda s: repr(s.tolist()))
def test_series_facts_match_pandas(ps):
    s = gf.Series(ps)
    assert s.is_unique == ps.is_unique
    assert s.is_monotonic_increasing == ps.is_monotonic_increasing
    assert s.is_monotonic_decreasing == ps.is_monotonic_decreasing
    assert s.hasnans == ps.hasnans
    assert s.first_valid_index() == ps.first_valid_index()
    assert s.last_valid_index() == ps.last_valid_index()


@pytest.mark.parametrize("ps", SERIES, ids=lambda s: repr(s.tolist()))
@pytest.mark.parametrize("sort", [False, True])
@pytest.mark.parametrize("sentinel", [True, False])
def test_factorize_matches_pandas(ps, sort, sentinel):
    codes, uniques = gf.Series(ps).factorize(sort=sort, use_na_sentinel=sentinel)
    want_codes, want_uniques = ps.factorize(sort=sort, use_na_sentinel=sentinel)
    np.testing.assert_array_equal(codes, want_codes)
    assert codes.dtype == want_codes.dtype
    pd.testing.assert_index_equal(uniques.to_pandas(), want_uniques, exact=False)


def test_labels_of_valid_rows():
    ps = pd.Series([N, 2.0, 3.0, N], index=["a", "b", "c", "d"])
    assert gf.Series(ps).first_valid_index() == "b"
    assert gf.Series(ps).last_valid_index() == "c"
    pdf = pd.DataFrame({"a": [N, N, 1.0, N], "b": [N, 2.0, N, N]}, index=[5, 6, 7, 8])
    df = gf.from_pandas(pdf)
    assert df.first_valid_index() == pdf.first_valid_index()
    assert df.last_valid_index() == pdf.last_valid_index()
    empty = pd.DataFrame({"a": [N, N]})
    assert gf.from_pandas(empty).first_valid_index() is None is empty.first_valid_index()
    assert gf.DataFrame().last_valid_index() is None


@pytest.mark.parametrize("repeats", [0, 1, 3, [2, 0, 1], np.array([1, 1, 4])])
def test_repeat_matches_pandas(repeats):
    ps = pd.Series([1.5, N, 3.0], index=["x", "y", "z"], name="v")
    assert_series_equal(gf.Series(ps).repeat(repeats), ps.repeat(repeats))


def test_repeat_bad_input():
    s = gf.Series([1, 2])
    with pytest.raises(ValueError, match="negative"):
        s.repeat(-1)
    with pytest.raises(ValueError, match="negative"):
        s.repeat([1, -1])
    with pytest.raises(ValueError, match="2 integers"):
        s.repeat([1, 2, 3])
    with pytest.raises(ValueError, match="2 integers"):
        s.repeat([1.5, 2])
    with pytest.raises(TypeError, match="repeats"):
        s.repeat(True)


def test_squeeze():
    one = pd.DataFrame({"a": [5]})
    assert gf.from_pandas(one).squeeze() == one.squeeze()
    col = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])
    assert_series_equal(gf.from_pandas(col).squeeze(), col.squeeze())
    row = pd.DataFrame({"a": [1], "b": [2.5]})
    got = gf.from_pandas(row).squeeze()
    pd.testing.assert_series_equal(
        got if isinstance(got, pd.Series) else got.to_pandas(), row.squeeze()
    )
    both = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    assert_frame_equal(gf.from_pandas(both).squeeze(), both.squeeze())
    assert_series_equal(gf.from_pandas(one).squeeze(axis=1), one.squeeze(axis=1))
    assert gf.Series([7]).squeeze() == pd.Series([7]).squeeze()
    assert_series_equal(gf.Series([7, 8]).squeeze(), pd.Series([7, 8]).squeeze())
    with pytest.raises(ValueError, match="axis=2"):
        gf.from_pandas(one).squeeze(axis=2)


@pytest.mark.parametrize(
    "before,after", [(None, None), (2, None), (None, 3), (2, 3), (0, 10), (2.5, 3.5)]
)
def test_truncate_matches_pandas(before, after):
    ps = pd.Series([10, 20, 30, 40], index=[1, 2, 3, 4])
    assert_series_equal(gf.Series(ps).truncate(before, after), ps.truncate(before, after))
    pdf = ps.to_frame("v")
    assert_frame_equal(gf.from_pandas(pdf).truncate(before, after), pdf.truncate(before, after))
    desc = ps[::-1]
    assert_series_equal(gf.Series(desc).truncate(before, after), desc.truncate(before, after))


def test_truncate_columns_and_bad_input():
    pdf = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.truncate("b", "c", axis=1), pdf.truncate("b", "c", axis=1))
    with pytest.raises(ValueError, match="must be after"):
        df.truncate(3, 1)
    with pytest.raises(ValueError, match="sorted"):
        gf.Series([1, 2, 3], index=[2, 1, 3]).truncate(1, 2)
    with pytest.raises(ValueError, match="axis=1"):
        gf.Series([1]).truncate(axis=1)


def test_convert_dtypes_matches_pandas():
    pdf = pd.DataFrame(
        {
            "f": [1.0, N],
            "g": [1.5, N],
            "i": [1, 2],
            "b": [True, False],
            "d": pd.to_datetime(["2020", None]),
            "c": pd.Categorical(["a", "b"]),
            "I": pd.array([1, None], dtype="Int64"),
            "bf": [1.0, 2.0],
            "F": pd.array([1.0, None], dtype="Float64"),
        }
    )
    df = gf.from_pandas(pdf)
    assert_frame_equal(df.convert_dtypes(), pdf.convert_dtypes())
    assert_series_equal(df["f"].convert_dtypes(), pdf["f"].convert_dtypes())
    with pytest.raises(NotImplementedError, match="pyarrow"):
        df.convert_dtypes(dtype_backend="pyarrow")


def test_convert_dtypes_strings_stay_str():
    """Documented difference: pandas gives ``string``; gpuframe keeps ``str``."""
    got = gf.Series(["a", None]).convert_dtypes().to_pandas()
    assert str(got.dtype) == "str"
    assert pd.Series(["a", None]).convert_dtypes().dtype == "string"


def test_infer_objects():
    pdf = pd.DataFrame({"a": [1, 2], "s": ["x", "y"]})
    df = gf.from_pandas(pdf)
    out = df.infer_objects()
    assert out is not df
    assert_frame_equal(out, pdf.infer_objects())
    assert_series_equal(df["a"].infer_objects(), pdf["a"].infer_objects())


def test_factorize_bad_input():
    with pytest.raises(TypeError, match="sort"):
        gf.Series([1]).factorize(sort="yes")


def test_repeat_positions_generic_path(backend):
    """The Array API path of repeat (CuPy's) on array-api-strict."""
    from gpuframe._properties import repeat_positions
    from gpuframe.backend import to_host

    for counts in ([2, 0, 1], [0, 0, 0], [1, 1, 5]):
        got = repeat_positions(3, backend.asarray(np.asarray(counts, dtype=np.int64)), backend)
        np.testing.assert_array_equal(to_host(got), np.repeat(np.arange(3), counts))
    got = repeat_positions(3, 2, backend)
    np.testing.assert_array_equal(to_host(got), np.repeat(np.arange(3), 2))
