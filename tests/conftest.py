"""Shared pytest plumbing: the ``backend`` fixture and the ``gpu`` marker's skip."""

from __future__ import annotations

import os

import pytest

# Tests run on the CPU unless a GPU session asks for the GPU explicitly.
os.environ.setdefault("GPUFRAME_DEVICE", "cpu")

from gpuframe.testing import has_gpu, xp_backends  # noqa: E402


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if has_gpu():
        return
    skip = pytest.mark.skip(reason="needs a CUDA GPU with CuPy (none found)")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(params=[name for name, _ in xp_backends()])
def backend(request: pytest.FixtureRequest):
    """The Array API namespace under test: numpy, then array-api-strict."""
    return dict(xp_backends())[request.param]


@pytest.fixture
def rng():
    import numpy as np

    return np.random.default_rng(12345)
