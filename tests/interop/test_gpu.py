"""GPU paths (CuPy, torch CUDA, JAX): no copy by pointer identity, and no host round trip
by the transfer counter. Skipped where there is no CUDA GPU."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _interop_memory import data_pointer

import gpuframe
import interop
from gpuframe.backend import reset_transfer_stats, transfer_stats
from gpuframe.testing import assert_frame_equal, gpu, requires

pytestmark = gpu


@pytest.fixture(autouse=True)
def _on_gpu():
    """GPU tests run as on a GPU machine, where the default device is the GPU."""
    with gpuframe.on_device("gpu"):
        yield


def _no_transfers() -> None:
    stats = transfer_stats()
    assert stats.device_to_host_calls == 0, stats
    assert stats.host_to_device_calls == 0, stats


@requires("torch")
def test_frame_to_cupy_to_torch_to_frame_stays_on_the_device():
    import cupy
    import torch

    block = cupy.arange(12.0).reshape(4, 3)
    reset_transfer_stats()
    df = gpuframe.DataFrame(block, columns=["a", "b", "c"])
    m = interop.as_array(df, copy=False)
    assert m is block
    t = torch.from_dlpack(m)
    assert t.is_cuda and t.data_ptr() == data_pointer(block)
    back = interop.from_torch(t * 1, columns=["a", "b", "c"])  # new memory, still on the GPU
    assert back["a"].column.data.__cuda_array_interface__["data"][0] != data_pointer(block)
    same = interop.from_torch(t, columns=["a", "b", "c"])
    assert data_pointer(interop.as_array(same, copy=False)) == data_pointer(block)
    t[0, 0] = 100.0
    assert float(same["a"].column.data[0]) == 100.0 and float(block[0, 0]) == 100.0
    _no_transfers()
    expected = pd.DataFrame(np.arange(12.0).reshape(4, 3), columns=["a", "b", "c"])
    assert_frame_equal(back, expected)  # made before the write, so it kept the old value


@requires("torch")
def test_series_protocols_on_the_gpu():
    import cupy
    import torch

    data = cupy.arange(5, dtype=cupy.float32)
    s = gpuframe.Series(data, name="x")
    reset_transfer_stats()
    assert s.__cuda_array_interface__["data"][0] == data_pointer(data)
    assert data_pointer(cupy.asarray(s)) == data_pointer(data)
    assert s.__dlpack_device__()[0] == 2  # kDLCUDA
    tensor = torch.from_dlpack(s)
    assert tensor.data_ptr() == data_pointer(data)
    tensor[0] = 42.0  # a write through torch is seen by the series
    via_cai = cupy.asarray(s)
    via_cai[1] = 43.0  # and a write through the CUDA array interface too
    assert s.column.data[:2].tolist() == [42.0, 43.0]
    assert data_pointer(interop.to_torch(s, copy=False)) == data_pointer(data)
    assert data_pointer(gpuframe.from_dlpack(torch.from_dlpack(s)).column.data) == data_pointer(
        data
    )
    with gpuframe.on_device("cpu"):  # CUDA memory stays on the GPU whatever the default
        from_cuda = gpuframe.from_dlpack(torch.arange(3.0, device="cuda"))
    assert from_cuda.device.is_gpu
    _no_transfers()
    with pytest.raises(TypeError, match="implicit conversion"):
        np.asarray(s)


def test_gpu_matrix_is_one_device_copy_and_no_transfer():
    pdf = pd.DataFrame({"i": np.arange(4, dtype=np.int32), "f": [0.5, np.nan, 1.5, 2.5]})
    df = gpuframe.from_pandas(pdf, device="gpu")
    reset_transfer_stats()
    m = df.to_cupy(order="C")
    assert type(m).__module__.startswith("cupy") and m.flags.c_contiguous
    with pytest.raises(ValueError, match="separate columns"):
        df.to_array(copy=False)
    _no_transfers()
    np.testing.assert_array_equal(m.get(), pdf.to_numpy(dtype="float64"))
    strings = gpuframe.from_pandas(pd.DataFrame({"s": ["a", "b"]}), device="gpu")
    with pytest.raises(TypeError, match="no GPU strings"):
        interop.as_array(strings)


def test_transfers_are_counted_at_the_device_boundary():
    pdf = pd.DataFrame({"a": np.arange(5.0), "s": list("abcab")})
    reset_transfer_stats()
    df = interop.from_pandas(pdf, device="gpu")
    assert transfer_stats().host_to_device_calls >= 1
    reset_transfer_stats()
    table = interop.to_arrow(df)
    assert transfer_stats().device_to_host_calls >= 1
    assert table.column("a").to_pylist() == pdf["a"].tolist()
    with pytest.raises(RuntimeError, match="GPU"):
        df.__dataframe__(allow_copy=False)
    reset_transfer_stats()
    host = df[["a"]].to_numpy()
    assert transfer_stats().device_to_host_calls == 1
    np.testing.assert_array_equal(host[:, 0], pdf["a"].to_numpy())


def test_cpu_frame_to_cupy_is_one_host_to_device_copy():
    block = np.arange(6.0).reshape(3, 2)
    df = gpuframe.DataFrame(block, device="cpu")
    reset_transfer_stats()
    m = df.to_cupy()
    stats = transfer_stats()
    assert stats.host_to_device_calls == 1 and stats.host_to_device_bytes == block.nbytes
    np.testing.assert_array_equal(m.get(), block)
    with pytest.raises(ValueError, match="device='gpu"):
        df.to_array(device="gpu", copy=False)


@requires("jax")
def test_jax_on_the_gpu_shares_memory():
    import cupy
    import jax

    if not any(d.platform == "gpu" for d in jax.devices()):
        pytest.skip("JAX sees no GPU")
    data = cupy.arange(8.0, dtype=cupy.float32)
    x = interop.to_jax(gpuframe.Series(data))
    assert x.unsafe_buffer_pointer() == data_pointer(data)
    back = interop.from_jax(x, name="j")
    assert back.name == "j" and data_pointer(back.column.data) == data_pointer(data)


def test_to_tensor_on_the_gpu_shares_memory():
    import cupy

    dl = pytest.importorskip("dl")
    if not hasattr(dl, "convert_to_tensor"):
        pytest.skip("dl has no Tensor yet")
    data = cupy.arange(6.0)
    reset_transfer_stats()
    t = interop.to_tensor(gpuframe.Series(data))
    assert data_pointer(t.value_array) == data_pointer(data)
    _no_transfers()
