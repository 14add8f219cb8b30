"""Kernels against pandas / plain-Python references, on numpy and array-api-strict."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpuframe.backend import get_kernels

OPS = ["sum", "min", "max", "count", "mean", "var", "std", "prod"]


def _cases(rng):
    """(name, codes, values, ngroups): empty, one element, all-equal keys, extremes, NaN."""
    n = 200
    yield "empty", np.zeros(0, np.int64), np.zeros(0, np.float64), 3
    yield "one", np.array([0]), np.array([2.5]), 1
    yield "all_equal", np.zeros(50, np.int64), rng.normal(size=50), 1
    yield "random", rng.integers(0, 7, n), rng.normal(size=n) * 1e3, 7
    vals = rng.normal(size=n)
    vals[rng.random(n) < 0.2] = np.nan
    yield "nan", rng.integers(0, 5, n), vals, 6  # group 5 is empty
    yield "ints_neg_huge", rng.integers(0, 4, n), rng.integers(-(2**40), 2**40, n), 4
    codes = rng.integers(-1, 4, n)  # -1 = row in no group
    yield "unassigned", codes, rng.normal(size=n), 4
    yield "bool", rng.integers(0, 3, n), rng.random(n) < 0.5, 3
    yield "float32", rng.integers(0, 3, n), rng.normal(size=n).astype(np.float32), 3


def _pandas_reference(codes, values, ngroups, op, skipna=True):
    s = pd.Series(values)
    keep = codes >= 0
    g = s[keep].groupby(codes[keep])
    if op == "var":
        ref = g.var(ddof=1)
    elif op == "std":
        ref = g.std(ddof=1)
    elif op == "count":
        ref = g.count()
    else:
        ref = getattr(g, op)(skipna=skipna) if op in ("sum", "prod", "min", "max", "mean") else None
    return ref.reindex(range(ngroups))


@pytest.mark.parametrize("op", OPS)
def test_group_reduce_numpy_matches_pandas(op, rng):
    k = get_kernels(np)
    for name, codes, values, ng in _cases(rng):
        res, cnt = k.group_reduce(codes, values, ng, op)
        ref = _pandas_reference(codes, values, ng, op)
        valid = ~ref.isna().to_numpy()
        exp_cnt = (
            pd.Series(values)[codes >= 0]
            .groupby(codes[codes >= 0])
            .count()
            .reindex(range(ng), fill_value=0)
        )
        np.testing.assert_array_equal(cnt, exp_cnt.to_numpy(), err_msg=name)
        if op in ("sum", "prod", "count"):  # empty groups: identity values as pandas
            valid = np.ones(ng, bool)
            ref = ref.fillna(1 if op == "prod" else 0)
        if np.asarray(values).dtype.kind in "iub" and op in ("min", "max"):
            valid &= cnt > 0
        got = np.asarray(res)[valid]
        exp = ref.to_numpy()[valid]
        if np.asarray(values).dtype == np.float32:
            np.testing.assert_allclose(
                got.astype(float), exp.astype(float), rtol=1e-5, err_msg=name
            )
        else:
            np.testing.assert_allclose(
                got.astype(float), exp.astype(float), rtol=1e-10, atol=1e-9, err_msg=name
            )
        if op in ("mean", "var", "std") or (
            np.asarray(values).dtype.kind == "f" and op in ("min", "max")
        ):
            assert np.isnan(np.asarray(res, dtype=float)[~valid]).all(), name


def test_group_reduce_result_dtypes():
    k = get_kernels(np)
    codes = np.array([0, 1, 0])
    assert k.group_reduce(codes, np.array([1, 2, 3], np.int32), 2, "sum")[0].dtype == np.int64
    assert k.group_reduce(codes, np.array([1, 2, 3], np.uint8), 2, "sum")[0].dtype == np.uint64
    assert k.group_reduce(codes, np.array([1, 2, 3], np.float32), 2, "sum")[0].dtype == np.float32
    assert k.group_reduce(codes, np.array([1, 2, 3], np.int16), 2, "max")[0].dtype == np.int16
    assert k.group_reduce(codes, np.array([True, False, True]), 2, "max")[0].dtype == np.bool_
    assert k.group_reduce(codes, np.array([1, 2, 3]), 2, "mean")[0].dtype == np.float64


def test_group_reduce_skipna_false_propagates_nan():
    k = get_kernels(np)
    codes = np.array([0, 0, 1])
    vals = np.array([1.0, np.nan, 2.0])
    for op in ("sum", "mean", "min", "max", "var"):
        res, _ = k.group_reduce(codes, vals, 2, op, skipna=False)
        assert np.isnan(res[0]), op
        assert not np.isnan(res[1]) or op == "var", op


def test_group_reduce_rejects_unknown_op():
    with pytest.raises(ValueError, match="op='median_of_means'"):
        get_kernels(np).group_reduce(np.zeros(1, int), np.zeros(1), 1, "median_of_means")


def _pandas_factorize(keys, sort, dropna):
    df = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    g = df.groupby(list(df.columns), sort=sort, dropna=dropna)
    codes = g.ngroup().to_numpy()
    codes = (
        np.where(np.isnan(codes.astype(float)), -1, codes).astype(np.int64)
        if codes.dtype.kind == "f"
        else codes
    )
    uniq = g.size().reset_index()
    return codes, [uniq[c].to_numpy() for c in df.columns]


@pytest.mark.parametrize("sort", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
def test_factorize_matches_pandas_groupby(sort, dropna, rng):
    n = 300
    f = rng.integers(0, 6, n).astype(float)
    f[rng.random(n) < 0.15] = np.nan
    cases = [
        [rng.integers(-5, 5, n)],
        [rng.integers(-(2**62), 2**62, n) // (2**58)],
        [np.full(n, 7)],
        [rng.integers(0, 2**40, n)],  # wide range -> hash path
        [f],
        [rng.integers(0, 4, n), rng.integers(0, 3, n)],
        [rng.integers(0, 4, n), f, rng.random(n) < 0.5],
        [np.array(["b", "a", "c"] * 100, dtype=object)],
        [np.zeros(0, np.int64)],
        [np.array([3])],
    ]
    k = get_kernels(np)
    for keys in cases:
        codes, uniques = k.factorize(keys, sort=sort, dropna=dropna)
        ref_codes, ref_uniques = _pandas_factorize(keys, sort, dropna)
        np.testing.assert_array_equal(codes, ref_codes)
        for got, exp in zip(uniques, ref_uniques):
            np.testing.assert_array_equal(np.asarray(got, dtype=exp.dtype), exp)


def test_factorize_rejects_mismatched_keys():
    with pytest.raises(ValueError, match="key 1 has shape"):
        get_kernels(np).factorize([np.arange(3), np.arange(4)])


def test_bincount_and_scatter_add(rng):
    k = get_kernels(np)
    x = rng.integers(0, 10, 500)
    w = rng.normal(size=500)
    expected = [w[x == i].sum() for i in range(12)]
    np.testing.assert_allclose(k.bincount(x, weights=w, minlength=12), expected)
    assert k.bincount(np.zeros(0, int), minlength=3).tolist() == [0, 0, 0]
    with pytest.raises(ValueError, match="non-negative"):
        k.bincount(np.array([-1, 2]))
    target = rng.normal(size=(10, 3))
    idx = rng.integers(0, 10, 40)
    vals = rng.normal(size=(40, 3))
    ref = target.copy()
    for i, row in zip(idx, vals):
        ref[i] += row
    out = k.scatter_add(target, idx, vals)
    np.testing.assert_allclose(out, ref)
    assert not np.shares_memory(out, target)
    out1 = k.scatter_add(np.zeros(4), np.array([1, 1, 3]), np.array([1.0, 2.0, 5.0]))
    assert out1.tolist() == [0.0, 3.0, 0.0, 5.0]
    with pytest.raises(IndexError, match="indices"):
        k.scatter_add(np.zeros(2), np.array([2]), np.array([1.0]))


def test_hash_array_equal_values_equal_hashes():
    k = get_kernels(np)
    h = k.hash_array(np.array([0.0, -0.0, np.nan, float("nan"), 1.5]))
    assert h[0] == h[1] and h[2] == h[3] and h[0] != h[4]
    ints = np.arange(10_000)
    assert len(np.unique(k.hash_array(ints))) == 10_000
    assert (
        k.hash_array(np.array([1, 2], np.int8)) == k.hash_array(np.array([1, 2], np.int64))
    ).all()
    a = k.hash_array(np.array([1, 2]))
    b = k.hash_array(np.array([3, 4]))
    assert (k.hash_combine(a, b) != k.hash_combine(b, a)).all()
    s = k.hash_array(np.array(["x", "y", "x"], dtype=object))
    assert s[0] == s[2] != s[1]


# ---------------------------------------------------------------- generic (array API) backend
def test_generic_kernels_agree_with_numpy(backend, rng):
    """The Array API kernels give the NumPy kernels' results (where the standard allows)."""
    xp = backend
    kn = get_kernels(np)
    kg = get_kernels(xp)
    for name, codes, values, ng in _cases(rng):
        if values.dtype == np.bool_:
            continue
        for op in OPS:
            exp, ecnt = kn.group_reduce(codes, values, ng, op)
            got, gcnt = kg.group_reduce(xp.asarray(codes), xp.asarray(values), ng, op)
            np.testing.assert_array_equal(np.asarray(gcnt), ecnt, err_msg=f"{name} {op}")
            got = np.asarray(got)
            assert got.dtype == exp.dtype, (name, op, got.dtype, exp.dtype)
            np.testing.assert_allclose(
                got.astype(float),
                exp.astype(float),
                rtol=1e-5,
                equal_nan=True,
                err_msg=f"{name} {op}",
            )
    f = rng.integers(0, 6, 100).astype(float)
    f[::7] = np.nan
    for keys in (
        [rng.integers(-3, 3, 100)],
        [f],
        [rng.integers(0, 3, 100), rng.integers(0, 2, 100)],
    ):
        for sort in (True, False):
            for dropna in (True, False):
                ec, eu = kn.factorize(keys, sort=sort, dropna=dropna)
                gc, gu = kg.factorize([xp.asarray(k) for k in keys], sort=sort, dropna=dropna)
                np.testing.assert_array_equal(np.asarray(gc), ec)
                for a, b in zip(gu, eu):
                    np.testing.assert_array_equal(np.asarray(a), b)
    x = rng.integers(0, 6, 50)
    w = rng.normal(size=50)
    np.testing.assert_allclose(
        np.asarray(kg.bincount(xp.asarray(x), xp.asarray(w), minlength=8)), kn.bincount(x, w, 8)
    )
    t = rng.normal(size=(5, 2))
    i = rng.integers(0, 5, 9)
    v = rng.normal(size=(9, 2))
    np.testing.assert_allclose(
        np.asarray(kg.scatter_add(xp.asarray(t), xp.asarray(i), xp.asarray(v))),
        kn.scatter_add(t, i, v),
    )
    vals = np.array([1.5, -0.0, 0.0, np.nan, 3.0])
    np.testing.assert_array_equal(np.asarray(kg.hash_array(xp.asarray(vals))), kn.hash_array(vals))
    a, b = kn.hash_array(np.arange(4)), kn.hash_array(np.arange(4, 8))
    np.testing.assert_array_equal(
        np.asarray(kg.hash_combine(xp.asarray(a), xp.asarray(b))), kn.hash_combine(a, b)
    )


@pytest.mark.gpu
def test_cupy_kernels_agree_with_numpy(rng):
    import cupy as cp

    kn = get_kernels(np)
    kc = get_kernels(cp)
    for name, codes, values, ng in _cases(rng):
        for op in OPS:
            exp, ecnt = kn.group_reduce(codes, values, ng, op)
            got, gcnt = kc.group_reduce(cp.asarray(codes), cp.asarray(values), ng, op)
            np.testing.assert_array_equal(cp.asnumpy(gcnt), ecnt, err_msg=f"{name} {op}")
            valid = ecnt > 0 if np.asarray(values).dtype.kind != "f" else np.ones(ng, bool)
            np.testing.assert_allclose(
                cp.asnumpy(got).astype(float)[valid],
                exp.astype(float)[valid],
                rtol=1e-5,
                equal_nan=True,
                err_msg=f"{name} {op}",
            )
    f = rng.integers(0, 6, 300).astype(float)
    f[::7] = np.nan
    for keys in (
        [rng.integers(-3, 3, 300)],
        [f],
        [rng.integers(0, 2**40, 300)],
        [rng.integers(0, 3, 300), f],
    ):
        for sort in (True, False):
            for dropna in (True, False):
                ec, eu = kn.factorize(keys, sort=sort, dropna=dropna)
                gc, gu = kc.factorize([cp.asarray(k) for k in keys], sort=sort, dropna=dropna)
                np.testing.assert_array_equal(cp.asnumpy(gc), ec)
                for a, b in zip(gu, eu):
                    np.testing.assert_array_equal(cp.asnumpy(a), b)
    vals = np.array([1.5, -0.0, 0.0, np.nan, 3.0])
    np.testing.assert_array_equal(cp.asnumpy(kc.hash_array(cp.asarray(vals))), kn.hash_array(vals))
    t = rng.normal(size=(5, 2))
    i = rng.integers(0, 5, 9)
    v = rng.normal(size=(9, 2))
    np.testing.assert_allclose(
        cp.asnumpy(kc.scatter_add(cp.asarray(t), cp.asarray(i), cp.asarray(v))),
        kn.scatter_add(t, i, v),
    )
