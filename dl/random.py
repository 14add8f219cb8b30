"""Random tensors from explicit generators (``dl.random.Generator``) or seeds.

Differences from TensorFlow: ``normal(shape, seed=s)`` with an explicit ``seed`` returns the
same values on every call (a fresh generator from ``s``); without a seed, draws come from the
global generator, which :func:`set_seed` resets. Use a :class:`Generator` for a reproducible
stream. Inside a traced function every run of the graph draws new values.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _dtypes
from ._dtypes import DType, as_dtype
from ._tensor import Tensor

__all__ = ["Generator", "get_global_generator", "normal", "set_seed", "uniform"]


class Generator:
    """A stream of random numbers, one per device kind (NumPy PCG64 / CuPy's generator).

    Examples
    --------
    >>> import dl
    >>> a = dl.random.Generator.from_seed(1).normal((2,))
    >>> b = dl.random.Generator.from_seed(1).normal((2,))
    >>> bool((a.numpy() == b.numpy()).all())
    True
    """

    def __init__(self, seed: int | None = None) -> None:
        if seed is not None and (not isinstance(seed, (int, np.integer)) or isinstance(seed, bool)):
            raise TypeError(
                f"Invalid type for argument `seed`. Expected an int. Received: seed={seed!r}"
            )
        self.seed = seed
        self._np = np.random.default_rng(seed)
        self._cp: Any = None

    @classmethod
    def from_seed(cls, seed: int) -> Generator:
        return cls(seed)

    def _draw(self, xp: Any, kind: str, shape: tuple, dtype: DType, a: float, b: float) -> Any:
        from gpuframe.backend import is_cupy, is_numpy

        if is_cupy(xp):
            import cupy

            if self._cp is None:
                self._cp = cupy.random.default_rng(self._np.integers(2**63))
            ft = cupy.float64 if dtype == _dtypes.float64 else cupy.float32
            if kind == "normal":
                out = self._cp.standard_normal(shape, dtype=ft) * b + a
            else:
                out = self._cp.random(shape, dtype=ft) * (b - a) + a
            return out.astype(dtype.of(xp), copy=False)
        ft = np.float64 if dtype == _dtypes.float64 else np.float32
        if kind == "normal":
            out = self._np.standard_normal(shape, dtype=ft)
            if b != 1.0:
                out *= b
            if a != 0.0:
                out += a
        else:
            out = self._np.random(shape, dtype=ft)
            if (a, b) != (0.0, 1.0):
                out = out * (b - a) + a
        out = out.astype(dtype.as_numpy_dtype, copy=False)
        if is_numpy(xp):
            return out
        return xp.asarray(out)

    def normal(
        self, shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = _dtypes.float32
    ) -> Tensor:
        """Normal draws of ``shape``."""
        return _random("normal", self, shape, dtype, mean, stddev)

    def uniform(
        self, shape: Any, minval: float = 0.0, maxval: float = 1.0, dtype: Any = _dtypes.float32
    ) -> Tensor:
        """Uniform draws in ``[minval, maxval)``."""
        return _random("uniform", self, shape, dtype, minval, maxval)


_global = Generator()


def set_seed(seed: int) -> None:
    """Reset the global generator (``tf.random.set_seed``)."""
    global _global
    _global = Generator(seed)


def get_global_generator() -> Generator:
    return _global


def _random(
    kind: str,
    gen: Generator,
    shape: Any,
    dtype: Any,
    a: float,
    b: float,
    like: Tensor | None = None,
) -> Tensor:
    from .ops._random import random_like

    dt = as_dtype(dtype)
    if not dt.is_floating:
        raise TypeError(
            f"Invalid value for argument `dtype`. Expected a floating dtype. Received: dtype={dt.name}"
        )
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    shape = (
        (int(shape),)
        if isinstance(shape, (int, np.integer))
        else tuple(int(d) for d in (shape or ()))
    )
    return random_like(kind, gen, shape, dt, a, b, like)


def _gen(seed: int | None) -> Generator:
    return _global if seed is None else Generator(seed)


def normal(
    shape: Any,
    mean: float = 0.0,
    stddev: float = 1.0,
    dtype: Any = _dtypes.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Normal draws (see the module docstring for how ``seed`` differs from TensorFlow).

    Examples
    --------
    >>> import dl
    >>> dl.random.normal((2, 3), seed=0).shape
    (2, 3)
    """
    return _random("normal", _gen(seed), shape, dtype, mean, stddev)


def uniform(
    shape: Any,
    minval: float = 0.0,
    maxval: float = 1.0,
    dtype: Any = _dtypes.float32,
    seed: int | None = None,
    name: str | None = None,
) -> Tensor:
    """Uniform draws in ``[minval, maxval)``."""
    return _random("uniform", _gen(seed), shape, dtype, minval, maxval)
