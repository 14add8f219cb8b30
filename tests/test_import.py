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
    "pytest",
    "hypothesis",
]

CODE = f"""
import sys
import importlib.abc

class Hide(importlib.abc.MetaPathFinder):  # as if these packages were not installed
    def find_spec(self, fullname, path=None, target=None):
        if any(fullname == h or fullname.startswith(h + ".") for h in {HIDDEN!r}):
            raise ModuleNotFoundError(f"No module named {{fullname!r}}")
        return None

sys.meta_path.insert(0, Hide())
import gpuframe, interop, ml, dl
import numpy as np

@dl.function
def f(x):  # a traced graph with a fused elementwise group, as the demo runs
    return dl.reduce_sum(dl.nn.relu(x * 2.0 + 1.0))

assert float(f(dl.constant(np.ones((64, 64)))).numpy()) == 3.0 * 64 * 64
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
