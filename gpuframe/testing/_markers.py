"""pytest plumbing: the ``gpu`` marker, optional-library skips and Array API backends."""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Any

from gpuframe.backend import has_module

__all__ = ["has_gpu", "has_module", "requires", "xp_backends"]  # and `gpu`, built lazily


@functools.cache
def has_gpu() -> bool:
    """True when CuPy imports and sees a CUDA device."""
    from gpuframe.backend import gpu_available

    return gpu_available()


def requires(*names: str) -> Any:
    """A skip marker for tests that need optional libraries, e.g. ``@requires("torch")``."""
    import pytest

    missing = [n for n in names if not has_module(n)]
    return pytest.mark.skipif(bool(missing), reason=f"needs {', '.join(missing)} (not installed)")


def __getattr__(name: str) -> Any:
    # ``gpu`` is pytest's marker; built on first use so that importing this module (and
    # gpuframe.testing) never needs pytest.
    if name == "gpu":
        import pytest

        return pytest.mark.gpu
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def xp_backends() -> list[tuple[str, ModuleType | None]]:
    """(name, namespace) pairs for the Array API backends tests run on.

    numpy always; array-api-strict when installed; cupy when a GPU is present.
    """
    import array_api_compat.numpy as nxp

    out: list[tuple[str, ModuleType | None]] = [("numpy", nxp)]
    if has_module("array_api_strict"):
        import array_api_strict

        out.append(("array_api_strict", array_api_strict))
    return out
