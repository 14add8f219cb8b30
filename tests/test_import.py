"""The packages import with only the core dependencies: no cupy, torch, dask, GPU."""

from __future__ import annotations

import subprocess
import sys

HIDDEN = [
    "cupy",
    "cupyx",
    "torch",
    "jax",
    "dask",
    "distributed",
    "dask_cuda",
    "cudf",
    "polars",
    "onnx",
    "onnxruntime",
    "tensorboard",
    "sklearn",
    "numba.cuda",
]

CODE = f"""
import sys
for name in {HIDDEN!r}:
    sys.modules[name] = None  # makes `import name` raise ImportError
import gpuframe, interop, ml, dl
loaded = sorted(m for m in {HIDDEN!r} if sys.modules.get(m) is not None)
assert not loaded, loaded
print(gpuframe.current_device())
"""


def test_import_without_optional_dependencies():
    out = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        timeout=180,
        env={"GPUFRAME_DEVICE": "auto", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "cpu"
