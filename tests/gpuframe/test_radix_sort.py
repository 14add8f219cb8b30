"""The NumPy radix argsort (gpuframe.column._radix_kernels) against NumPy's and pandas'
stable sorts: every key dtype, nulls, NaN, -0.0, inf, int min/max, descending keys,
several keys mixing dense and wide ones, na_position, empty and one-row inputs; and the
single-key ``kind="quicksort"`` order, which is the stable one too."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gpuframe as gf
from gpuframe.backend import to_host
from gpuframe.column import _radix_kernels as rk
from gpuframe.column import _sort, as_column
from gpuframe.column._column import Column
from gpuframe.testing import assert_frame_equal, assert_series_equal

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

INT_DTYPES = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]


def _edge_values(dtype: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """Random values of ``dtype`` with its extremes and many ties."""
    d = np.dtype(dtype)
    if d.kind == "f":
        fi = np.finfo(d)
        pool = [0.0, -0.0, 1.5, -1.5, np.inf, -np.inf, np.nan, fi.max, -fi.max, fi.tiny, 2.0]
        return rng.choice(np.array(pool, dtype=d), n)
    if d.kind == "b":
        return rng.integers(0, 2, n).astype(bool)
    info = np.iinfo(d)
    extremes = np.array([info.min, info.max, 0, 1, info.max - 1, info.min + 1], dtype=d)
    return np.concatenate(
        [
            rng.choice(extremes, n // 2),
            rng.integers(info.min, info.max, n - n // 2, dtype=d, endpoint=True),
        ]
    )


def _key(values: np.ndarray, mask: np.ndarray | None = None) -> tuple:
    """The radix key of a NumPy array (floats by their bits; ``mask`` True = missing)."""
    d = values.dtype
    if d.kind == "f":
        return values.astype(np.float64).view(np.uint64), None, rk.KEY_FLOAT
    if d.kind == "b":
        return values.view(np.uint8), mask, rk.KEY_UINT
    if d.kind in "mM":
        return values.view(np.int64), None, rk.KEY_TIME
    return values, mask, rk.KEY_INT if d.kind == "i" else rk.KEY_UINT


def _pandas_order(arrays: list[pd.api.extensions.ExtensionArray | np.ndarray], ascending, na_last):
    df = pd.DataFrame({f"k{i}": a for i, a in enumerate(arrays)})
    out = df.sort_values(
        list(df.columns),
        ascending=ascending,
        na_position="last" if na_last else "first",
        kind="stable",
    )
    return out.index.to_numpy()


def _masked(values: np.ndarray, mask: np.ndarray | None):
    if mask is None:
        return values
    if values.dtype.kind == "b":
        return pd.arrays.BooleanArray(values, mask)
    return pd.arrays.IntegerArray(values, mask)


# ---------------------------------------------------------------- one key, every dtype
@pytest.mark.parametrize("dtype", INT_DTYPES + ["float32", "float64", "bool"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("n", [0, 1, 2, 37, 3000])
def test_one_key_matches_numpy_stable(dtype, ascending, n, rng):
    v = _edge_values(dtype, n, rng)
    got = rk.radix_argsort([_key(v)], [ascending])
    assert got.dtype == np.int64
    if v.dtype.kind == "f":  # NaN last whatever the direction, as pandas
        exp = _pandas_order([v], ascending, True)
    elif ascending:
        exp = np.argsort(v, kind="stable")
    else:  # stable descending: ties in their original order
        exp = _pandas_order([v], False, True)
    np.testing.assert_array_equal(got, exp)


@pytest.mark.parametrize("dtype", INT_DTYPES + ["bool"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_last", [True, False])
def test_one_key_with_null_mask(dtype, ascending, na_last, rng):
    v = _edge_values(dtype, 500, rng)
    mask = rng.random(500) < 0.2
    got = rk.radix_argsort([_key(v, mask)], [ascending], na_last)
    np.testing.assert_array_equal(got, _pandas_order([_masked(v, mask)], ascending, na_last))


def test_full_range_key_with_nulls_keeps_extremes_apart():
    """A key using all 2**64 values: the missing flag becomes a key of its own."""
    v = np.array([np.iinfo(np.int64).max, np.iinfo(np.int64).min, 0, 5, np.iinfo(np.int64).max, 7])
    mask = np.array([False, False, True, False, False, True])
    for asc in (True, False):
        for na_last in (True, False):
            got = rk.radix_argsort([_key(v, mask)], [asc], na_last)
            exp = _pandas_order([_masked(v, mask)], asc, na_last)
            np.testing.assert_array_equal(got, exp)
    assert rk.radix_argsort([_key(v, mask)], [True], unique=True) is None


def test_floats_nan_zero_inf():
    v = np.array([np.nan, -0.0, 0.0, np.inf, -np.inf, -0.0, np.nan, 1e-310, -1e-310, 0.0])
    for asc in (True, False):
        for na_last in (True, False):
            got = rk.radix_argsort([_key(v)], [asc], na_last)
            np.testing.assert_array_equal(got, _pandas_order([v], asc, na_last))
    # -0.0 and 0.0 are a tie: not unique
    assert rk.radix_argsort([_key(np.array([-0.0, 1.0, 0.0]))], [True], unique=True) is None
    u = rk.radix_argsort([_key(np.array([2.0, np.nan, -0.0, np.nan]))], [False], unique=True)
    np.testing.assert_array_equal(u, [0, 2, 1, 3])  # missing values may repeat


def test_all_missing_and_constant_keys():
    nan = np.full(5, np.nan)
    const = np.full(5, 3, dtype=np.int16)
    np.testing.assert_array_equal(rk.radix_argsort([_key(nan)], [True]), np.arange(5))
    np.testing.assert_array_equal(rk.radix_argsort([_key(const)], [False]), np.arange(5))
    assert rk.radix_argsort([_key(const)], [True], unique=True) is None
    np.testing.assert_array_equal(rk.radix_argsort([_key(nan)], [True], unique=True), np.arange(5))
    mixed = np.array([np.nan, 1.0, np.nan, 1.0])
    for na_last in (True, False):
        got = rk.radix_argsort([_key(mixed)], [True], na_last)
        np.testing.assert_array_equal(got, _pandas_order([mixed], True, na_last))
    with pytest.raises(ValueError, match="one key"):
        rk.radix_argsort([_key(const), _key(const)], [True, True], unique=True)


def test_times_with_nat():
    t = np.array(["2020-01-01", "NaT", "1970-01-01", "2020-01-01", "1677-09-22", "NaT"], "M8[ns]")
    for asc in (True, False):
        for na_last in (True, False):
            got = rk.radix_argsort([_key(t)], [asc], na_last)
            np.testing.assert_array_equal(got, _pandas_order([t], asc, na_last))


# ---------------------------------------------------------------- several keys
@pytest.mark.parametrize("na_last", [True, False])
@pytest.mark.parametrize("n", [1, 50, 4000, 300_000])
def test_several_keys_dense_and_wide(na_last, n, rng):
    """Dense keys (codes, small ranges) pack into one word with the next; wide keys
    (floats, full int64) take their own words; both orders and missing values per key."""
    small = rng.integers(1, 6, n).astype(np.int32)
    codes = rng.integers(-1, 40, n).astype(np.int32)  # -1: missing
    wide = np.round(rng.normal(size=n), 2)
    wide[rng.random(n) < 0.05] = np.nan
    big = rng.integers(
        np.iinfo(np.int64).min, np.iinfo(np.int64).max, n, dtype=np.int64, endpoint=True
    )
    big[::3] = big[0]
    keys = [
        (small, None, rk.KEY_INT),
        (codes, None, rk.KEY_CODE),
        (wide.view(np.uint64), None, rk.KEY_FLOAT),
        (big, None, rk.KEY_INT),
    ]
    pcodes = pd.array(np.where(codes < 0, pd.NA, codes), dtype="Int32")
    for asc in ([True, False, True, False], [False, True, False, True], [True] * 4):
        got = rk.radix_argsort(keys, asc, na_last)
        exp = _pandas_order([small, pcodes, wide, big], asc, na_last)
        np.testing.assert_array_equal(got, exp)
    got = rk.radix_argsort(keys[2:], [False, True], na_last)
    np.testing.assert_array_equal(got, _pandas_order([wide, big], [False, True], na_last))


@st.composite
def _frames(draw):
    n = draw(st.integers(0, 40))
    ncol = draw(st.integers(1, 3))
    cols, keys = [], []
    for _ in range(ncol):
        dtype = draw(
            st.sampled_from(INT_DTYPES + ["float32", "float64", "bool", "Int64", "M8[ns]"])
        )
        if dtype in ("float32", "float64"):
            vals = draw(
                st.lists(
                    st.sampled_from([0.0, -0.0, 1.0, -2.5, np.inf, -np.inf, np.nan, 3e38]),
                    min_size=n,
                    max_size=n,
                )
            )
            a = np.array(vals, dtype=dtype)
            cols.append(a)
            keys.append(_key(a))
        elif dtype == "bool":
            a = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
            cols.append(a)
            keys.append(_key(a))
        elif dtype == "Int64":
            vals = draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=n, max_size=n))
            a = np.array(vals, dtype=np.int64)
            m = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
            cols.append(pd.arrays.IntegerArray(a, m))
            keys.append(_key(a, m))
        elif dtype == "M8[ns]":
            vals = draw(
                st.lists(st.sampled_from([None, 0, -5, 10**18, -(10**18)]), min_size=n, max_size=n)
            )
            a = np.array(
                [np.datetime64("NaT", "ns") if x is None else np.datetime64(x, "ns") for x in vals],
                dtype="M8[ns]",
            )
            cols.append(a)
            keys.append(_key(a))
        else:
            info = np.iinfo(np.dtype(dtype))
            pool = st.sampled_from([int(info.min), int(info.max), 0, 1]) | st.integers(
                int(info.min), int(info.max)
            )
            a = np.array(draw(st.lists(pool, min_size=n, max_size=n)), dtype=dtype)
            cols.append(a)
            keys.append(_key(a))
    asc = draw(st.lists(st.booleans(), min_size=ncol, max_size=ncol))
    return cols, keys, asc


@SETTINGS
@given(_frames(), st.booleans())
def test_hypothesis_matches_pandas_stable(frame, na_last):
    cols, keys, asc = frame
    # pandas 3.1's multi-key float path puts NaN at -inf for na_position="first", so it ties
    # with an infinite value there (a pandas quirk); NaN goes first here, as one key does
    assume(
        na_last
        or len(cols) == 1
        or not any(np.asarray(c).dtype.kind == "f" and np.isinf(c).any() for c in cols)
    )
    got = rk.radix_argsort(keys, asc, na_last)
    np.testing.assert_array_equal(got, _pandas_order(cols, asc, na_last))
    if len(keys) == 1:  # unique: the same order, or None exactly when present values repeat
        u = rk.radix_argsort(keys, asc, na_last, unique=True)
        s = pd.Series(cols[0]).dropna()
        if s.dtype.kind == "f":
            s = s.where(s != 0, 0.0)
        if s.duplicated().any():
            assert u is None
        else:
            np.testing.assert_array_equal(u, got)


# ---------------------------------------------------------------- through the frame API
def _mixed(n: int, rng: np.random.Generator) -> pd.DataFrame:
    f = np.round(rng.normal(size=n), 1)
    f[rng.random(n) < 0.1] = np.nan
    f[rng.random(n) < 0.05] = -0.0
    t = pd.to_datetime(rng.integers(0, 50, n), unit="D").to_numpy().copy()
    t[rng.random(n) < 0.1] = np.datetime64("NaT")
    s = rng.choice(np.array(["b", "a", "c", None], dtype=object), n)
    return pd.DataFrame(
        {
            "i8": rng.integers(-128, 128, n).astype(np.int8),
            "u64": rng.choice(np.array([0, 2**64 - 1, 5], dtype=np.uint64), n),
            "i": rng.integers(-(2**62), 2**62, n),
            "f": f,
            "f32": f.astype(np.float32),
            "b": rng.integers(0, 2, n).astype(bool),
            "n": pd.array(
                np.where(rng.random(n) < 0.2, pd.NA, rng.integers(0, 5, n)), dtype="Int64"
            ),
            "t": t,
            "s": pd.array(s, dtype="str"),
            "c": pd.Categorical(rng.choice(["z", "y", "x"], n), categories=["z", "y", "x"]),
        }
    )


@pytest.mark.parametrize("n", [0, 1, 200, 150_000])
@pytest.mark.parametrize("na_position", ["last", "first"])
def test_frame_sort_values_every_dtype(n, na_position, rng):
    pdf = _mixed(n, rng)
    df = gf.from_pandas(pdf)
    for col in pdf.columns:
        for asc in (True, False):
            kw = dict(ascending=asc, na_position=na_position, kind="stable")
            assert_series_equal(df[col].sort_values(**kw), pdf[col].sort_values(**kw))
    for by, asc in [
        (["s", "f"], [True, False]),
        (["c", "n", "t"], [False, True, False]),
        (["b", "i8", "u64", "i"], [True, False, True, False]),
        (["n", "f32", "s"], True),
    ]:
        kw = dict(ascending=asc, na_position=na_position)
        assert_frame_equal(df.sort_values(by, **kw), pdf.sort_values(by, **kw))


@pytest.mark.parametrize("ascending", [True, False])
def test_quicksort_one_key_gives_the_stable_order(ascending, rng):
    """Default ``kind="quicksort"``: the stable order (pandas' ``kind="stable"``), with
    distinct values, ties, NaN, -0.0 and a shuffled index."""
    n = 5000
    distinct = rng.permutation(n).astype(float) - 100.5
    distinct[::17] = np.nan
    ties = rng.integers(0, 50, n).astype(float)
    ties[::13] = np.nan
    shuffled = pd.DataFrame({"v": rng.normal(size=n)}, index=rng.permutation(n))
    no_nan = rng.integers(0, 50, n)
    zeros = np.where(np.isnan(distinct), np.nan, -0.0 * distinct)
    for v in (distinct, ties, -distinct, zeros, no_nan, no_nan * 1.5, rng.permutation(n)):
        pdf = pd.DataFrame({"v": v, "i": np.arange(n)})
        df = gf.from_pandas(pdf)
        for na in ("last", "first"):
            got = df.sort_values("v", ascending=ascending, na_position=na)
            want = pdf.sort_values("v", ascending=ascending, na_position=na, kind="stable")
            assert_frame_equal(got, want)
    gdf = gf.from_pandas(shuffled)
    assert_frame_equal(
        gdf.sort_index(ascending=ascending), shuffled.sort_index(ascending=ascending)
    )


def test_argsort_generic_path_agrees(backend, rng):
    """The Array API path (array-api-strict) gives the NumPy radix order."""
    from gpuframe.backend import is_numpy

    n = 300
    a = rng.integers(0, 4, n)
    f = np.round(rng.normal(size=n), 1)
    f[::7] = np.nan
    xp = backend
    cols = [
        Column._from_parts(xp.asarray(a), None, a.dtype),
        Column._from_parts(xp.asarray(f), None, f.dtype),
    ]
    for asc in ([True, False], [False, True]):
        for na in ("last", "first"):
            got = np.asarray(_sort.argsort(cols, ascending=asc, na_position=na))
            exp = _pandas_order([a, f], asc, na == "last")
            np.testing.assert_array_equal(got, exp)
    if is_numpy(xp):
        s = as_column(np.array(["b", None, "a", "b"], dtype=object))
        got = to_host(_sort.argsort([s], ascending=False))
        np.testing.assert_array_equal(got, [0, 3, 2, 1])


@pytest.mark.parametrize("n", [1, 2, 1000, 200_000])
def test_permutation_keys(n, rng):
    """A key whose values fill their range exactly (a shuffled RangeIndex) takes one
    scatter; a repeated value (range n - 1 with a tie) must still sort right."""
    perm = rng.permutation(n).astype(np.int64) - 7
    for asc in (True, False):
        got = rk.radix_argsort([_key(perm)], [asc])
        np.testing.assert_array_equal(got, _pandas_order([perm], asc, True))
        np.testing.assert_array_equal(rk.radix_argsort([_key(perm)], [asc], unique=True), got)
    if n < 3:
        return
    tie = perm.copy()
    tie[tie == perm.min() + 1] = perm.min() + 2  # range still n - 1: one missing, one twice
    tie[0], tie[-1] = perm.min(), perm.max()
    mask = np.zeros(n, dtype=bool)
    mask[n // 2] = True  # one missing value fills the range's last code
    for asc in (True, False):
        for na_last in (True, False):
            got = rk.radix_argsort([_key(tie)], [asc], na_last)
            np.testing.assert_array_equal(got, _pandas_order([tie], asc, na_last))
            assert rk.radix_argsort([_key(tie)], [asc], na_last, unique=True) is None
            short = perm[perm != perm.max()]
            sm = mask[: short.shape[0]]
            got = rk.radix_argsort([_key(short, sm)], [asc], na_last)
            np.testing.assert_array_equal(got, _pandas_order([_masked(short, sm)], asc, na_last))


def test_strided_and_non_native_columns(rng):
    pdf = _mixed(3000, rng)
    df = gf.from_pandas(pdf)
    for by, asc in [("f", False), (["s", "i"], [True, False]), (["t", "n"], True)]:
        got = df.iloc[::3].sort_values(by, ascending=asc, kind="stable")
        assert_frame_equal(got, pdf.iloc[::3].sort_values(by, ascending=asc, kind="stable"))
    big_endian = np.array([3, 1, 2, 1], dtype=">i4")
    col = as_column(big_endian)
    got = to_host(_sort.argsort([col]))
    np.testing.assert_array_equal(got, np.argsort(big_endian, kind="stable"))
