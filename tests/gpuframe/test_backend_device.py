"""Device choice, namespaces and the transfer counter."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

import gpuframe
from gpuframe import backend
from gpuframe.backend import _device


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "GPUFRAME_DEVICE"}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, timeout=120
    )


def test_env_cpu_and_auto_resolve_without_gpu():
    out = _run("import gpuframe; print(gpuframe.current_device())", GPUFRAME_DEVICE="cpu")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "cpu"
    auto = _run("import gpuframe; print(gpuframe.current_device())", GPUFRAME_DEVICE="auto")
    assert auto.returncode == 0, auto.stderr
    assert auto.stdout.strip() == ("gpu:0" if backend.gpu_available() else "cpu")


@pytest.mark.skipif(backend.gpu_available(), reason="checks the no-GPU error")
def test_env_gpu_without_gpu_fails_at_first_use_with_clear_message():
    code = "import gpuframe\nprint('imported')\ngpuframe.current_device()"
    out = _run(code, GPUFRAME_DEVICE="gpu")
    assert "imported" in out.stdout  # import itself works
    assert out.returncode != 0
    assert "NoGPUError" in out.stderr
    assert "no CUDA device was found" in out.stderr
    assert "GPUFRAME_DEVICE=cpu" in out.stderr


def test_env_invalid_value_names_valid_values():
    out = _run("import gpuframe; gpuframe.current_device()", GPUFRAME_DEVICE="tpu")
    assert out.returncode != 0
    assert "ValueError" in out.stderr
    assert "'tpu'" in out.stderr
    for valid in ("'cpu'", "'gpu'", "'gpu:N'", "'auto'"):
        assert valid in out.stderr


def test_set_device_and_context_manager_nest():
    before = gpuframe.current_device()
    with gpuframe.on_device("cpu") as dev:
        assert dev == gpuframe.Device("cpu")
        assert gpuframe.current_device() == dev
    assert gpuframe.current_device() == before
    assert gpuframe.set_device("cpu") == gpuframe.Device("cpu")


def test_parse_device_errors():
    with pytest.raises(ValueError, match="Received: device='gpu:x'"):
        _device.parse_device("gpu:x")
    with pytest.raises(TypeError, match="Received: device=3"):
        _device.parse_device(3)  # type: ignore[arg-type]
    if not backend.gpu_available():
        with pytest.raises(gpuframe.NoGPUError, match="no CUDA device was found"):
            _device.parse_device("gpu:1")


def test_asarray_cpu_no_copy_and_copy_false():
    a = np.arange(6.0)
    assert backend.asarray(a, device="cpu") is a
    b = backend.asarray(a, device="cpu", copy=True)
    assert not np.shares_memory(a, b)
    assert np.shares_memory(backend.asarray(a[::2], device="cpu", copy=False), a)
    with pytest.raises(ValueError, match="copy=False"):
        backend.asarray(a, device="cpu", dtype=np.float32, copy=False)
    lst = backend.asarray([1, 2], device="cpu")
    assert isinstance(lst, np.ndarray) and lst.tolist() == [1, 2]


def test_to_host_counts_nothing_on_cpu():
    backend.reset_transfer_stats()
    a = np.arange(3)
    assert backend.to_host(a) is a
    backend.asarray(a, device="cpu")
    assert backend.transfer_stats().total_calls == 0


def test_namespace_helpers(backend):  # noqa: F811  (fixture over numpy and array-api-strict)
    from gpuframe.backend import array_device, array_namespace, is_cupy, is_numpy

    x = backend.asarray([1.0, 2.0])
    xp = array_namespace(x)
    assert is_numpy(xp) == (backend.__name__.startswith("array_api_compat.numpy"))
    assert not is_cupy(xp)
    assert array_device(x) == gpuframe.Device("cpu")


def test_asarray_accepts_array_api_strict():
    strict = pytest.importorskip("array_api_strict")
    x = strict.asarray([1.0, 2.0, 3.0])
    out = backend.asarray(x, device="cpu")
    assert isinstance(out, np.ndarray) and out.tolist() == [1.0, 2.0, 3.0]


@pytest.mark.gpu
def test_gpu_round_trip_is_counted():
    import cupy as cp

    backend.reset_transfer_stats()
    a = np.arange(1000, dtype=np.float64)
    g = backend.asarray(a, device="gpu")
    assert isinstance(g, cp.ndarray)
    assert backend.asarray(g, device="gpu") is g
    back = backend.to_host(g)
    np.testing.assert_array_equal(back, a)
    st = backend.transfer_stats()
    assert (st.host_to_device_calls, st.device_to_host_calls) == (1, 1)
    assert st.host_to_device_bytes == st.device_to_host_bytes == a.nbytes
    with pytest.raises(ValueError, match="copy=False"):
        backend.asarray(a, device="gpu", copy=False)
