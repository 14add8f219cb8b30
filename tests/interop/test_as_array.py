"""interop.as_array on inputs that are not gpuframe objects: no copy proven by identity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from _interop_memory import arrow_pointer, data_pointer, writable_alias

from gpuframe.testing import gpu, requires
from interop import CopyNeededError, as_array

# ----------------------------------------------------------------------------- NumPy


def test_numpy_is_returned_as_is(rng):
    a = rng.normal(size=(5, 3))
    assert as_array(a) is a
    assert as_array(a, device="cpu", dtype="float64", copy=False) is a
    f = np.asfortranarray(a)
    assert as_array(f) is f
    assert as_array(f, order="F", copy=False) is f


def test_numpy_copy_true_gives_new_memory(rng):
    a = rng.normal(size=(4, 2))
    out = as_array(a, copy=True)
    assert not np.shares_memory(out, a)
    np.testing.assert_array_equal(out, a)


def test_strided_array_is_made_contiguous_or_refused(rng):
    a = rng.normal(size=(6, 4))
    view = a[::2, 1:3]
    with pytest.raises(ValueError, match="not contiguous"):
        as_array(view, copy=False)
    out = as_array(view)
    assert out.flags.c_contiguous and not np.shares_memory(out, a)
    np.testing.assert_array_equal(out, view)
    with pytest.raises(ValueError, match="strided"):
        as_array(a[::2, 0], copy=False)


def test_order_request(rng):
    a = rng.normal(size=(3, 4))
    with pytest.raises(ValueError, match="order='F'"):
        as_array(a, order="F", copy=False)
    f = as_array(a, order="F")
    assert f.flags.f_contiguous
    np.testing.assert_array_equal(f, a)


def test_dtype_cast_and_refusal():
    a = np.arange(4, dtype=np.int64)
    out = as_array(a, dtype="float32")
    assert out.dtype == np.float32
    np.testing.assert_array_equal(out, a.astype(np.float32))
    with pytest.raises(CopyNeededError, match="casting int64 to float32"):
        as_array(a, dtype=np.float32, copy=False)
    assert isinstance(CopyNeededError("x"), ValueError)


def test_numpy_subclasses():
    with pytest.warns(PendingDeprecationWarning):
        m = np.asmatrix(np.arange(4.0).reshape(2, 2))
    out = as_array(m, copy=False)
    assert type(out) is np.ndarray and np.shares_memory(out, m)
    ma = np.ma.masked_array([1, 2, 3], mask=[False, True, False])
    np.testing.assert_array_equal(as_array(ma), [1.0, np.nan, 3.0])
    with pytest.raises(ValueError, match="masked"):
        as_array(ma, copy=False)
    unmasked = np.ma.masked_array([1.0, 2.0])
    assert np.shares_memory(as_array(unmasked, copy=False), unmasked)


# ----------------------------------------------------------------------------- torch


@requires("torch")
def test_torch_cpu_is_shared():
    import torch

    t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    out = as_array(t, copy=False)
    assert isinstance(out, np.ndarray)
    assert data_pointer(out) == t.data_ptr()
    out[0, 0] = 42.0
    assert float(t[0, 0]) == 42.0
    tt = as_array(t.T, copy=False)  # a transposed tensor is an F-ordered view
    assert tt.flags.f_contiguous and data_pointer(tt) == t.data_ptr()


@requires("torch")
def test_torch_grad_and_lazy_views():
    import torch

    w = torch.ones(3, requires_grad=True)
    assert data_pointer(as_array(w, copy=False)) == w.data_ptr()
    with pytest.raises(ValueError, match="lazy conjugate/negative"):
        as_array(torch.ones(3)._neg_view(), copy=False)
    np.testing.assert_array_equal(as_array(torch.ones(3)._neg_view()), -np.ones(3))
    with pytest.raises(ValueError, match="bfloat16"):
        as_array(torch.ones(2, dtype=torch.bfloat16), copy=False)
    assert as_array(torch.ones(2, dtype=torch.bfloat16)).dtype == np.float32


@requires("torch")
def test_to_torch_shares_numpy_and_pandas_memory():
    import interop

    a = np.arange(5.0)
    t = interop.to_torch(a, copy=False)
    assert t.data_ptr() == data_pointer(a)
    t[1] = -1.0
    assert a[1] == -1.0
    s = pd.Series([1.0, 2.0, 3.0])
    ts = interop.to_torch(s, copy=False)
    assert ts.data_ptr() == data_pointer(s.to_numpy())
    with pytest.raises(TypeError, match="Python objects"):
        interop.to_torch(pd.Series(["a", "b"]))


# ----------------------------------------------------------------------------- Arrow


def test_arrow_primitive_is_shared():
    arr = pa.array(np.arange(10, dtype=np.int32)).slice(2, 5)
    out = as_array(arr, copy=False)
    assert out.dtype == np.int32 and data_pointer(out) == arrow_pointer(arr)
    writable_alias(out)[0] = 99
    assert arr[0].as_py() == 99


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_arrow_timestamps_keep_their_unit(unit):
    arr = pa.array(np.array([0, 10**6], dtype=f"datetime64[{unit}]"))
    out = as_array(arr, copy=False)
    assert out.dtype == np.dtype(f"datetime64[{unit}]")
    assert data_pointer(out) == arrow_pointer(arr)


@pytest.mark.parametrize(
    ("values", "typ"),
    [([1, None, 3], pa.int64()), ([1.5, None], pa.float32()), ([True, None], pa.bool_())],
)
def test_arrow_nulls_become_nan_like_pandas(values, typ):
    arr = pa.array(values, type=typ)
    with pytest.raises(ValueError, match="nulls"):
        as_array(arr, copy=False)
    expected = arr.to_pandas().to_numpy(dtype="float64", na_value=np.nan)
    np.testing.assert_array_equal(as_array(arr).astype("float64"), expected)


def test_arrow_bool_dictionary_and_chunks():
    with pytest.raises(ValueError, match="bit-packed"):
        as_array(pa.array([True, False]), copy=False)
    np.testing.assert_array_equal(as_array(pa.array([True, False])), [True, False])
    d = pa.array(["b", "a", "b"]).dictionary_encode()
    with pytest.raises(ValueError, match="dictionary"):
        as_array(d, copy=False)
    assert as_array(d).tolist() == ["b", "a", "b"]
    one = pa.chunked_array([pa.array([1.0, 2.0])])
    assert data_pointer(as_array(one, copy=False)) == arrow_pointer(one.chunk(0))
    two = pa.chunked_array([pa.array([1.0]), pa.array([2.0])])
    with pytest.raises(ValueError, match="2 chunks"):
        as_array(two, copy=False)
    np.testing.assert_array_equal(as_array(two), [1.0, 2.0])


def test_arrow_table_to_matrix():
    table = pa.table({"a": [1, 2, 3], "b": [0.5, 1.5, 2.5]})
    with pytest.raises(ValueError, match="2 separate Arrow columns"):
        as_array(table, copy=False)
    np.testing.assert_array_equal(as_array(table), table.to_pandas().to_numpy())
    single = pa.table({"a": np.arange(3.0)})
    out = as_array(single, copy=False)
    assert out.shape == (3, 1)
    assert data_pointer(out) == arrow_pointer(single.column(0).chunk(0))


# ----------------------------------------------------------------------------- pandas


def test_pandas_series_is_shared():
    s = pd.Series(np.arange(4.0), name="x")
    out = as_array(s, copy=False)
    assert np.shares_memory(out, s.to_numpy())
    writable_alias(out)[2] = -7.0
    assert s.iloc[2] == -7.0


def test_pandas_nullable_and_arrow_backed():
    s = pd.Series([1, 2, 3], dtype="Int64")
    out = as_array(s, copy=False)
    assert out.dtype == np.int64 and np.shares_memory(out, s.array._data)
    na = pd.Series([1, None, 3], dtype="Int64")
    with pytest.raises(ValueError, match="missing values"):
        as_array(na, copy=False)
    np.testing.assert_array_equal(as_array(na), na.to_numpy(dtype="float64", na_value=np.nan))
    pa_backed = pd.Series([1.0, 2.0], dtype="float64[pyarrow]")
    chunk = pa_backed.array.__arrow_array__().chunk(0)
    assert data_pointer(as_array(pa_backed, copy=False)) == arrow_pointer(chunk)
    cat = pd.Series(["a", "b", "a"], dtype="category")
    with pytest.raises(ValueError, match="categorical"):
        as_array(cat, copy=False)
    assert as_array(cat).tolist() == ["a", "b", "a"]
    tz = pd.Series(pd.date_range("2024-01-01", periods=3, tz="UTC"))
    np.testing.assert_array_equal(as_array(tz), tz.dt.tz_localize(None).to_numpy())


def test_pandas_frame_block_and_mixed(rng):
    block = rng.normal(size=(4, 3))
    df = pd.DataFrame(block, copy=False)  # pandas 3 copies arrays unless told not to
    out = as_array(df, copy=False)
    assert np.shares_memory(out, block)
    mixed = pd.DataFrame({"a": [1, 2], "b": [0.5, 1.5]})
    with pytest.raises(ValueError, match="not one block"):
        as_array(mixed, copy=False)
    np.testing.assert_array_equal(as_array(mixed), mixed.to_numpy())
    idx = pd.Index([3, 1, 2])
    assert np.shares_memory(as_array(idx, copy=False), idx.to_numpy())


# ----------------------------------------------------------------------------- polars


@requires("polars")
def test_polars_series_and_frame():
    import polars as pl

    s = pl.Series("x", [1.0, 2.0, 3.0])
    out = as_array(s, copy=False)
    assert data_pointer(out) == arrow_pointer(s.to_arrow())
    with pytest.raises(ValueError, match="nulls"):
        as_array(pl.Series("y", [1, None]), copy=False)
    np.testing.assert_array_equal(as_array(pl.Series("y", [1, None])), [1.0, np.nan])
    df = pl.DataFrame({"a": [1, 2], "b": [3.5, 4.5]})
    with pytest.raises(ValueError, match="copied into one block"):
        as_array(df, copy=False)
    np.testing.assert_array_equal(as_array(df), df.to_pandas().to_numpy())
    block = np.asfortranarray(np.arange(6.0).reshape(3, 2))
    from_block = pl.DataFrame(block)
    np.testing.assert_array_equal(as_array(from_block, order="F"), block)


# ----------------------------------------------------------------------------- protocols


class _DLPackOnly:
    def __init__(self, a):
        self._a = a

    def __dlpack__(self, **kwargs):
        return self._a.__dlpack__(**kwargs)

    def __dlpack_device__(self):
        return self._a.__dlpack_device__()


class _ArrayOnly:
    def __init__(self, a, always_copy=False):
        self._a, self._always_copy = a, always_copy

    def __array__(self, dtype=None, copy=None):
        if self._always_copy:
            if copy is False:
                raise ValueError("this producer always copies")
            return self._a.copy()
        return self._a


class _ArrowCapsule:
    def __init__(self, arr):
        self._arr = arr

    def __arrow_c_array__(self, requested_schema=None):
        return self._arr.__arrow_c_array__(requested_schema)


def test_generic_protocols_are_shared():
    a = np.arange(6.0)
    assert data_pointer(as_array(_DLPackOnly(a), copy=False)) == data_pointer(a)
    assert np.shares_memory(as_array(_ArrayOnly(a), copy=False), a)
    with pytest.raises(ValueError, match="cannot hand over"):
        as_array(_ArrayOnly(a, always_copy=True), copy=False)
    np.testing.assert_array_equal(as_array(_ArrayOnly(a, always_copy=True)), a)
    arr = pa.array([1.0, 2.0, 3.0])
    assert data_pointer(as_array(_ArrowCapsule(arr), copy=False)) == arrow_pointer(arr)


@requires("duckdb")
def test_duckdb_relation_through_the_stream_capsule():
    import duckdb

    rel = duckdb.sql("select range::DOUBLE as a, range * 2 as b from range(4)")
    np.testing.assert_array_equal(as_array(rel), rel.df().to_numpy(dtype="float64"))


def test_array_api_strict_passes_through():
    xs = pytest.importorskip("array_api_strict")
    x = xs.asarray([1.0, 2.0])
    assert as_array(x) is x
    assert as_array(x, dtype="float32").dtype == xs.float32


# ----------------------------------------------------------------------------- bad input


def test_sequences_and_bad_input():
    np.testing.assert_array_equal(as_array([[1, 2], [3, 4]]), np.array([[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="always copied"):
        as_array([1, 2], copy=False)
    with pytest.raises(ValueError, match="ragged"):
        as_array([[1, 2], [3]])
    with pytest.raises(TypeError, match="Received: obj of type builtins.object"):
        as_array(object())
    for bad in ("abc", {"a": 1}, {1, 2}):
        with pytest.raises(TypeError, match="Invalid type for argument `obj`"):
            as_array(bad)
    with pytest.raises(TypeError, match="copy='yes'"):
        as_array([1], copy="yes")
    with pytest.raises(ValueError, match="order='K'"):
        as_array([1], order="K")
    with pytest.raises(ValueError, match="device='tpu'"):
        as_array([1], device="tpu")
    with pytest.raises(TypeError, match="dtype"):
        as_array([1], dtype="not-a-dtype")


# ----------------------------------------------------------------------------- JAX


@requires("jax")
def test_jax_round_trip():
    import jax.numpy as jnp

    import interop

    x = jnp.arange(4.0)
    out = as_array(x)
    np.testing.assert_array_equal(out, np.arange(4.0))
    assert data_pointer(out) == x.unsafe_buffer_pointer()
    back = interop.to_jax(out)
    np.testing.assert_array_equal(np.asarray(back), np.arange(4.0))


# ----------------------------------------------------------------------------- GPU


@gpu
def test_gpu_cupy_paths_and_transfer_counts():
    import cupy

    from gpuframe.backend import reset_transfer_stats, transfer_stats

    c = cupy.arange(6.0).reshape(2, 3)
    assert as_array(c) is c
    assert as_array(c, device="gpu", copy=False) is c
    with pytest.raises(ValueError, match="device='cpu'"):
        as_array(c, device="cpu", copy=False)
    reset_transfer_stats()
    h = as_array(c, device="cpu")
    assert isinstance(h, np.ndarray) and transfer_stats().device_to_host_calls == 1
    g = as_array(h, device="gpu")
    assert transfer_stats().host_to_device_calls == 1
    cupy.testing.assert_array_equal(g, c)


@gpu
@requires("torch")
def test_gpu_torch_cuda_is_shared():
    import cupy
    import torch

    import interop

    if not torch.cuda.is_available():
        pytest.skip("torch was built without CUDA")
    t = torch.arange(5.0, device="cuda")
    c = as_array(t, copy=False)
    assert isinstance(c, cupy.ndarray) and data_pointer(c) == t.data_ptr()
    back = interop.to_torch(c, copy=False)
    assert back.is_cuda and back.data_ptr() == t.data_ptr()
    back[0] = 7.0
    assert float(c[0]) == 7.0


@gpu
def test_gpu_cuda_array_interface_object():
    import cupy

    c = cupy.arange(4.0)

    class _CAIOnly:
        __cuda_array_interface__ = c.__cuda_array_interface__

    out = as_array(_CAIOnly(), copy=False)
    assert data_pointer(out) == data_pointer(c)
