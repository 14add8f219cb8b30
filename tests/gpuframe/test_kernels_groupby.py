"""Group kernels (NumPy backend) against pandas on random data and edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpuframe.backend import get_kernels

K = get_kernels(np)

CASES = ["empty", "one", "equal", "random", "huge", "nan"]


def make(case: str, rng: np.random.Generator, n: int = 300):
    """(codes, values float, values int, ngroups) for an edge case."""
    if case == "empty":
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64), 3
    if case == "one":
        return np.array([1]), np.array([2.5]), np.array([-7]), 2
    if case == "equal":
        return np.zeros(n, np.int64), np.full(n, 1.5), np.full(n, 4), 1
    codes = rng.integers(-1, 7, n)
    fv = rng.normal(size=n) * 100
    iv = rng.integers(-50, 50, n)
    if case == "huge":
        fv = fv * 1e300
        iv = rng.integers(-(2**40), 2**40, n)
    if case == "nan":
        fv[rng.random(n) < 0.3] = np.nan
    return codes, fv, iv, 8


def pd_groupby(codes, values):
    s = pd.Series(values)
    return s[codes >= 0].groupby(codes[codes >= 0])


def expected(codes, values, ngroups, fn, fill=np.nan):
    out = pd_groupby(codes, values).agg(fn) if len(codes) else pd.Series(dtype=float)
    return out.reindex(range(ngroups), fill_value=fill).to_numpy()


@pytest.mark.parametrize("case", CASES)
def test_group_aggregate_matches_pandas(case, rng):
    codes, fv, iv, ng = make(case, rng)
    reqs = [
        (fv, "sum"),
        (iv, "sum"),
        (fv, "mean"),
        (iv, "mean"),
        (fv, "var"),
        (iv, "std"),
        (fv, "min"),
        (iv, "max"),
        (fv, "count"),
        (fv, "prod"),
    ]
    res = K.group_aggregate(codes, ng, reqs)
    for (vals, op), (r, cnt) in zip(reqs, res):
        fill = 0 if op in ("sum", "count") else (1 if op == "prod" else np.nan)
        exp = expected(codes, vals, ng, op, fill)
        got = r.astype(float)
        if op in ("min", "max") and vals.dtype.kind == "i":
            got = np.where(cnt > 0, got, np.nan)
        np.testing.assert_allclose(got, exp.astype(float), rtol=1e-9, equal_nan=True, err_msg=op)
        np.testing.assert_array_equal(cnt, expected(codes, vals, ng, "count", 0))


def test_group_aggregate_matches_group_reduce_in_parallel(rng):
    n = 400_000
    codes = rng.integers(0, 50, n)
    a, b, c, d = rng.integers(1, 6, n), rng.random(n), rng.integers(1, 16, n), rng.random(n)
    b[::7] = np.nan
    reqs = [(a, "sum"), (b, "mean"), (c, "sum"), (d, "sum"), (b, "std"), (a, "min"), (b, "max")]
    for (vals, op), (r, cnt) in zip(reqs, K.group_aggregate(codes, 50, reqs)):
        r0, c0 = K.group_reduce(codes, vals, 50, op)
        np.testing.assert_allclose(r, r0, rtol=1e-9)
        np.testing.assert_array_equal(cnt, c0)
        assert r.dtype == r0.dtype


def test_group_aggregate_skipna_false(rng):
    codes = np.array([0, 0, 1, 1])
    v = np.array([1.0, np.nan, 2.0, 3.0])
    (s, _), (m, _) = K.group_aggregate(codes, 2, [(v, "sum"), (v, "max")], skipna=False)
    exp = pd.Series(v).groupby(codes).sum(skipna=False).to_numpy()
    np.testing.assert_array_equal(s, exp)
    assert np.isnan(m[0]) and m[1] == 3.0


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("q", [0.0, 0.25, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("interpolation", ["linear", "lower", "higher", "midpoint", "nearest"])
def test_group_quantile(case, q, interpolation, rng):
    codes, fv, _, ng = make(case, rng, n=60)
    r, cnt = K.group_quantile(codes, fv, ng, q, interpolation=interpolation)
    if len(codes):
        exp = pd_groupby(codes, fv).quantile(q, interpolation=interpolation)
        exp = exp.reindex(range(ng)).to_numpy()
    else:
        exp = np.full(ng, np.nan)
    np.testing.assert_allclose(r, exp, rtol=1e-12, equal_nan=True)


def test_group_median_int(rng):
    codes = rng.integers(0, 5, 101)
    v = rng.integers(-3, 3, 101)
    r, _ = K.group_quantile(codes, v, 5, 0.5)
    np.testing.assert_array_equal(r, pd.Series(v).groupby(codes).median().to_numpy())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("n", [0, 1, 2, -1, -2])
def test_group_nth_index(case, n, rng):
    codes, fv, _, ng = make(case, rng, n=40)
    got = K.group_nth_index(codes, ng, n)
    idx = pd.Series(np.arange(len(codes)))
    exp = np.full(ng, -1)
    if len(codes):
        nth = idx[codes >= 0].groupby(codes[codes >= 0]).nth(n)
        exp[codes[nth.to_numpy()]] = nth.to_numpy()
    np.testing.assert_array_equal(got, exp)


def test_group_first_last_skip_nan(rng):
    codes, fv, _, ng = make("nan", rng)
    valid = ~np.isnan(fv)
    first = K.group_nth_index(codes, ng, 0, valid=valid)
    last = K.group_nth_index(codes, ng, -1, valid=valid)
    g = pd_groupby(codes, fv)
    assert first[-1] == last[-1] == -1  # group 7 has no rows
    pick = lambda i: np.where(i >= 0, fv[i], np.nan)  # noqa: E731
    np.testing.assert_array_equal(pick(first), g.first().reindex(range(ng)).to_numpy())
    np.testing.assert_array_equal(pick(last), g.last().reindex(range(ng)).to_numpy())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("k", [1, 2, 5])
@pytest.mark.parametrize("largest", [True, False])
def test_group_topk(case, k, largest, rng):
    codes, fv, _, ng = make(case, rng, n=80)
    grp, rows = K.group_topk(codes, fv, ng, k, largest=largest)
    df = pd.DataFrame({"g": codes, "v": fv})
    df = df[(df.g >= 0) & df.v.notna()]
    exp = (
        df.sort_values(["g", "v"], ascending=[True, not largest], kind="stable")
        .groupby("g")
        .head(k)
    )
    np.testing.assert_array_equal(grp, exp.g.to_numpy())
    np.testing.assert_array_equal(fv[rows], exp.v.to_numpy())
    assert (codes[rows] == grp).all()


@pytest.mark.parametrize("case", ["random", "nan", "equal", "one"])
def test_group_corr_cov(case, rng):
    codes, fv, iv, ng = make(case, rng, n=200)
    r, cnt = K.group_corr(codes, fv, iv, ng)
    c, _ = K.group_cov(codes, fv, iv, ng)
    df = pd.DataFrame({"x": fv, "y": iv.astype(float)})[codes >= 0]
    g = df.groupby(codes[codes >= 0])
    exp_r = g.apply(lambda d: d.x.corr(d.y)).reindex(range(ng)).to_numpy()
    exp_c = g.apply(lambda d: d.x.cov(d.y)).reindex(range(ng)).to_numpy()
    np.testing.assert_allclose(r, exp_r, rtol=1e-9, atol=1e-12, equal_nan=True)
    np.testing.assert_allclose(c, exp_c, rtol=1e-9, equal_nan=True)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dropna", [True, False])
def test_group_nunique(case, dropna, rng):
    codes, fv, _, ng = make(case, rng, n=100)
    fv = np.round(fv / 50)  # repeats
    got = K.group_nunique(codes, fv, ng, dropna=dropna)
    exp = expected(codes, fv, ng, lambda s: s.nunique(dropna=dropna), 0)
    np.testing.assert_array_equal(got, exp)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("op", ["cumsum", "cumprod", "cummin", "cummax"])
def test_group_scan(case, op, rng):
    codes, fv, iv, ng = make(case, rng, n=50)
    if op == "cumprod":
        fv, iv = np.sign(fv) * 1.01, np.clip(iv, -2, 2)
    for vals in (fv, iv):
        got = K.group_scan(codes, vals, ng, op)
        exp = getattr(pd_groupby(codes, vals), op)().reindex(range(len(codes))).to_numpy()
        ok = codes >= 0
        np.testing.assert_allclose(
            got[ok].astype(float), exp[ok].astype(float), rtol=1e-12, equal_nan=True
        )


def test_group_scan_skipna_false():
    codes = np.array([0, 0, 0, 1])
    v = np.array([1.0, np.nan, 2.0, 3.0])
    got = K.group_scan(codes, v, 2, "cumsum", skipna=False)
    exp = pd.Series(v).groupby(codes).cumsum(skipna=False).to_numpy()
    np.testing.assert_array_equal(got, exp)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("ascending", [True, False])
def test_group_cumcount(case, ascending, rng):
    codes, *_ = make(case, rng, n=50)
    got = K.group_cumcount(codes, 8, ascending=ascending)
    ok = codes >= 0
    exp = pd.Series(codes[ok]).groupby(codes[ok]).cumcount(ascending=ascending).to_numpy()
    np.testing.assert_array_equal(got[ok], exp)
    assert (got[~ok] == -1).all()


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("periods", [0, 1, 3, -1, -2])
def test_group_shift_index(case, periods, rng):
    codes, fv, _, ng = make(case, rng, n=50)
    got = K.group_shift_index(codes, ng, periods)
    ok = codes >= 0
    rows = pd.Series(np.arange(len(codes), dtype=float))
    exp = rows[ok].groupby(codes[ok]).shift(periods).fillna(-1).to_numpy()
    np.testing.assert_array_equal(got[ok], exp)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("method", ["average", "min", "max", "first", "dense"])
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_option", ["keep", "top", "bottom"])
@pytest.mark.parametrize("pct", [False, True])
def test_group_rank(case, method, ascending, na_option, pct, rng):
    codes, fv, _, ng = make(case, rng, n=40)
    fv = np.round(fv / 60)  # ties
    got = K.group_rank(
        codes, fv, ng, method=method, ascending=ascending, na_option=na_option, pct=pct
    )
    ok = codes >= 0
    exp = (
        pd_groupby(codes, fv)
        .rank(method=method, ascending=ascending, na_option=na_option, pct=pct)
        .to_numpy()
    )
    np.testing.assert_allclose(got[ok], exp, rtol=1e-12, equal_nan=True)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("op", ["argmin", "argmax"])
def test_group_argreduce(case, op, rng):
    codes, fv, iv, ng = make(case, rng, n=60)
    for vals in (fv, np.round(iv / 20)):
        got = K.group_argreduce(codes, vals, ng, op)
        s = pd.Series(vals)[codes >= 0]
        if len(s) and s.notna().any():
            fn = "idxmin" if op == "argmin" else "idxmax"
            g = s.dropna().groupby(codes[s.dropna().index])
            exp = getattr(g, fn)().reindex(range(ng), fill_value=-1).to_numpy()
        else:
            exp = np.full(ng, -1)
        np.testing.assert_array_equal(got, exp)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("op", ["sum", "mean", "min", "max", "count", "var", "std"])
@pytest.mark.parametrize("window,min_periods", [(1, None), (3, None), (3, 1)])
def test_group_rolling(case, op, window, min_periods, rng):
    if case == "huge" and op in ("var", "std"):
        pytest.skip("squares of 1e300 overflow differently (inf vs nan)")
    codes, fv, _, ng = make(case, rng, n=40)
    got = K.group_rolling(codes, fv, ng, window, op, min_periods=min_periods)
    ok = codes >= 0
    roll = pd_groupby(codes, fv).rolling(window, min_periods=min_periods)
    exp = getattr(roll, op)()
    exp = exp.reset_index(level=0, drop=True).sort_index().to_numpy()
    np.testing.assert_allclose(got[ok], exp, rtol=1e-9, atol=1e-9, equal_nan=True)


def test_group_order(rng):
    codes = rng.integers(-1, 5, 100)
    order, offsets = K.group_order(codes, 5)
    exp = np.argsort(np.where(codes < 0, 99, codes), kind="stable")[: (codes >= 0).sum()]
    np.testing.assert_array_equal(order, exp)
    np.testing.assert_array_equal(np.diff(offsets), np.bincount(codes[codes >= 0], minlength=5))


def test_bad_arguments():
    c = np.zeros(3, np.int64)
    v = np.ones(3)
    with pytest.raises(ValueError, match="interpolation"):
        K.group_quantile(c, v, 1, 0.5, interpolation="cubic")
    with pytest.raises(ValueError, match="`q`"):
        K.group_quantile(c, v, 1, 1.5)
    with pytest.raises(ValueError, match="`op`"):
        K.group_scan(c, v, 1, "cumfoo")
    with pytest.raises(ValueError, match="`method`"):
        K.group_rank(c, v, 1, method="x")
    with pytest.raises(ValueError, match="`k`"):
        K.group_topk(c, v, 1, -1)


@pytest.mark.parametrize("sort", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("cards", [[3], [3, 4], [100_000, 100_000, 100_000], [5, 2**40, 7]])
def test_combine_codes_matches_pandas_ngroup(sort, dropna, cards, rng):
    n = 200
    codes = [rng.integers(-1, min(c, 6), n) * (c // min(c, 6)) for c in cards]
    codes = [np.where(c < 0, -1, c) for c in codes]
    got, ng, first = K.combine_codes(codes, cards, sort=sort, dropna=dropna)
    df = pd.DataFrame({f"k{i}": np.where(c < 0, np.nan, c) for i, c in enumerate(codes)})
    exp = df.groupby(list(df.columns), sort=sort, dropna=dropna).ngroup().fillna(-1)
    exp = exp.to_numpy().astype(np.int64)
    np.testing.assert_array_equal(got, exp)
    assert ng == exp.max() + 1
    np.testing.assert_array_equal(first, [np.flatnonzero(exp == g)[0] for g in range(ng)])


def test_combine_codes_empty():
    g, ng, first = K.combine_codes([np.zeros(0, np.int64)], [0])
    assert g.shape == (0,) and ng == 0 and first.shape == (0,)


def test_combine_codes_offsets_and_sparse(rng):
    a = rng.integers(-5, 5, 300)
    b = rng.integers(0, 4, 300).astype(np.int32)
    dense, ng, first = K.combine_codes([a, b], [10, 4], offsets=[-5, 0])
    exp = pd.DataFrame({"a": a, "b": b}).groupby(["a", "b"]).ngroup().to_numpy()
    np.testing.assert_array_equal(dense, exp)
    slots, space, none = K.combine_codes([a, b], [10, 4], offsets=[-5, 0], compact=False)
    assert none is None and space == 40
    np.testing.assert_array_equal(slots, (a + 5) * 4 + b)


def test_group_quantile_parallel_path(rng):
    n = 300_000
    codes = rng.integers(-1, 40, n)
    v = rng.normal(size=n)
    v[::11] = np.nan
    r, _ = K.group_quantile(codes, v, 40, 0.5)
    exp = pd.Series(v)[codes >= 0].groupby(codes[codes >= 0]).median().to_numpy()
    np.testing.assert_allclose(r, exp)
    b = rng.integers(0, 3, n)
    two, ng, _ = K.combine_codes([codes, b], [40, 3], sort=False, dropna=False)
    df = pd.DataFrame({"a": np.where(codes < 0, np.nan, codes), "b": b})
    exp = df.groupby(["a", "b"], sort=False, dropna=False).ngroup().to_numpy()
    np.testing.assert_array_equal(two, exp)
    assert ng == exp.max() + 1
