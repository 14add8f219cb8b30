"""CuPy group and join kernels agree with the NumPy ones (which are checked against pandas)."""

from __future__ import annotations

import numpy as np
import pytest

from gpuframe.backend import get_kernels

pytestmark = pytest.mark.gpu


@pytest.fixture
def kk():
    import cupy as cp

    return get_kernels(np), get_kernels(cp), cp


def _data(rng, n=500, ng=9):
    codes = rng.integers(-1, ng - 1, n)
    fv = np.round(rng.normal(size=n) * 3)
    fv[rng.random(n) < 0.2] = np.nan
    iv = rng.integers(-5, 5, n)
    return codes, fv, iv, ng


def _eq(got, exp, cp, **kw):
    np.testing.assert_allclose(
        cp.asnumpy(got).astype(float),
        np.asarray(exp).astype(float),
        equal_nan=True,
        rtol=1e-9,
        atol=1e-12,
        **kw,
    )


def test_gpu_group_kernels_match_numpy(kk, rng):
    kn, kc, cp = kk
    codes, fv, iv, ng = _data(rng)
    c = cp.asarray(codes)
    for vals in (fv, iv):
        v = cp.asarray(vals)
        reqs = [(vals, op) for op in ("sum", "mean", "min", "max", "std", "count")]
        for (g, gc), (e, ec) in zip(
            kc.group_aggregate(c, ng, [(v, op) for _, op in reqs]),
            kn.group_aggregate(codes, ng, reqs),
        ):
            ok = ec > 0
            _eq(g[cp.asarray(ok)], e[ok], cp)
        for interp in ("linear", "lower", "higher", "midpoint", "nearest"):
            _eq(
                kc.group_quantile(c, v, ng, 0.3, interpolation=interp)[0],
                kn.group_quantile(codes, vals, ng, 0.3, interpolation=interp)[0],
                cp,
            )
        for n in (0, 2, -1):
            _eq(kc.group_nth_index(c, ng, n), kn.group_nth_index(codes, ng, n), cp)
        for largest in (True, False):
            gg, gr = kc.group_topk(c, v, ng, 2, largest=largest)
            eg, er = kn.group_topk(codes, vals, ng, 2, largest=largest)
            _eq(gg, eg, cp)
            _eq(gr, er, cp)
        _eq(kc.group_nunique(c, v, ng), kn.group_nunique(codes, vals, ng), cp)
        for op in ("cumsum", "cumprod", "cummin", "cummax"):
            ok = codes >= 0
            _eq(
                kc.group_scan(c, v, ng, op)[cp.asarray(ok)],
                kn.group_scan(codes, vals, ng, op)[ok],
                cp,
            )
        for method in ("average", "min", "max", "first", "dense"):
            for na in ("keep", "top"):
                _eq(
                    kc.group_rank(c, v, ng, method=method, na_option=na, pct=True),
                    kn.group_rank(codes, vals, ng, method=method, na_option=na, pct=True),
                    cp,
                )
        for op in ("argmin", "argmax"):
            _eq(kc.group_argreduce(c, v, ng, op), kn.group_argreduce(codes, vals, ng, op), cp)
        for op in ("sum", "mean", "min", "max", "count", "std"):
            _eq(
                kc.group_rolling(c, v, ng, 3, op, min_periods=1),
                kn.group_rolling(codes, vals, ng, 3, op, min_periods=1),
                cp,
            )
    _eq(
        kc.group_corr(c, cp.asarray(fv), cp.asarray(iv), ng)[0],
        kn.group_corr(codes, fv, iv, ng)[0],
        cp,
    )
    _eq(
        kc.group_cov(c, cp.asarray(fv), cp.asarray(iv), ng)[0],
        kn.group_cov(codes, fv, iv, ng)[0],
        cp,
    )
    _eq(
        kc.group_cumcount(c, ng, ascending=False), kn.group_cumcount(codes, ng, ascending=False), cp
    )
    for p in (1, -2):
        _eq(kc.group_shift_index(c, ng, p), kn.group_shift_index(codes, ng, p), cp)
    go, gf = kc.group_order(c, ng)
    eo, ef = kn.group_order(codes, ng)
    _eq(go, eo, cp)
    _eq(gf, ef, cp)


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_gpu_join_indices_match_numpy(kk, how, rng):
    kn, kc, cp = kk
    lf = rng.integers(0, 6, 50).astype(float)
    rf = rng.integers(0, 6, 40).astype(float)
    lf[::5], rf[::7] = np.nan, np.nan
    cases = [
        ([rng.integers(-5, 10, 60)], [rng.integers(0, 12, 45)]),
        ([lf], [rf]),
        ([rng.integers(0, 2**50, 30) % 7 * 2**45], [rng.integers(0, 2**50, 30) % 7 * 2**45]),
        (
            [rng.integers(0, 3, 50), rng.integers(0, 3, 50).astype(np.int32)],
            [rng.integers(0, 3, 40), rng.integers(0, 3, 40).astype(np.int32)],
        ),
        ([np.zeros(0, np.int64)], [np.arange(3)]),
        ([np.arange(3)], [np.zeros(0, np.int64)]),
    ]
    for lk, rk in cases:
        for sort in (False, True):
            gl, gr = kc.join_indices(
                [cp.asarray(k) for k in lk], [cp.asarray(k) for k in rk], how, sort=sort
            )
            el, er = kn.join_indices(lk, rk, how, sort=sort)
            if how == "outer" or sort:
                got = sorted(zip(cp.asnumpy(gl).tolist(), cp.asnumpy(gr).tolist()))
                assert got == sorted(zip(el.tolist(), er.tolist()))
            else:
                _eq(gl, el, cp)
                _eq(gr, er, cp)


def test_gpu_combine_codes_match_numpy(kk, rng):
    kn, kc, cp = kk
    for cards in ([3], [3, 4], [100_000, 100_000, 100_000]):
        codes = [
            np.where(rng.random(300) < 0.1, -1, rng.integers(0, min(c, 5), 300)) for c in cards
        ]
        for sort in (True, False):
            for dropna in (True, False):
                eg, en, ef = kn.combine_codes(codes, cards, sort=sort, dropna=dropna)
                gg, gn, gf = kc.combine_codes(
                    [cp.asarray(c) for c in codes], cards, sort=sort, dropna=dropna
                )
                assert gn == en
                _eq(gg, eg, cp)
                _eq(gf, ef, cp)
