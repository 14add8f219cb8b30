"""take_1d (the Numba gather behind NumPy column takes) against np.take."""

from __future__ import annotations

import numpy as np
import pytest

from gpuframe.column import _gather_kernels as gk


@pytest.mark.parametrize(
    "dtype", ["int8", "uint16", "int32", "int64", "float32", "float64", "bool", "M8[ns]", "m8[s]"]
)
@pytest.mark.parametrize("idx_dtype", [np.int32, np.int64])
def test_take_1d_matches_np_take(dtype, idx_dtype, monkeypatch, rng):
    monkeypatch.setattr(gk, "_MIN_ROWS", 0)
    n = 1000
    v = rng.integers(-100, 100, n).astype(dtype)
    idx = rng.integers(-n, n, 3 * n).astype(idx_dtype)
    got = gk.take_1d(v, idx)
    assert got.dtype == v.dtype
    np.testing.assert_array_equal(got, np.take(v, idx))
    np.testing.assert_array_equal(gk.take_1d(v, idx[:0]), np.take(v, idx[:0]))
    for bad in (n, -n - 1):
        with pytest.raises(IndexError):
            gk.take_1d(v, np.array([0, bad], dtype=idx_dtype))


def test_take_1d_falls_back(rng):
    v = rng.normal(size=(1 << 17) + 3)
    idx = rng.permutation(v.shape[0])
    np.testing.assert_array_equal(gk.take_1d(v, idx), v[idx])  # the Numba path (large)
    np.testing.assert_array_equal(gk.take_1d(v, idx[:100]), v[idx[:100]])  # small
    np.testing.assert_array_equal(gk.take_1d(v[::2], idx // 2), v[::2][idx // 2])  # strided
    obj = np.array(["a", "b"], dtype=object)
    assert gk.take_1d(obj, np.array([1, 0])).tolist() == ["b", "a"]
    with pytest.raises(IndexError):
        gk.take_1d(v, np.concatenate([idx, [v.shape[0]]]))
