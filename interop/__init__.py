"""interop: the zero-copy hand-off hub.

Any input (gpuframe frames and series, NumPy, CuPy, torch, JAX, Arrow, pandas, polars, cuDF)
becomes a device array through :func:`as_array`, without a copy wherever the source's memory
can be handed over as it is; ``copy=False`` turns every would-be copy into a ``ValueError``
that says why. The named bridges convert between gpuframe objects and the other libraries.
See the README's interop table for which paths copy on the CPU and on the GPU.
"""

from __future__ import annotations

from ._array import as_array
from ._convert import from_arrow, from_pandas, from_polars, to_arrow, to_pandas, to_polars
from ._copy import CopyNeededError
from ._cudf import from_cudf, to_cudf
from ._dlpack import from_dlpack
from ._jax import from_jax, to_jax
from ._protocols import to_array, to_cupy, to_numpy
from ._tensor import to_tensor
from ._torch import from_torch, to_torch

__all__ = [
    # The hub
    "CopyNeededError",
    "as_array",
    # Frames and series -> matrices
    "to_array",
    "to_cupy",
    "to_numpy",
    # Arrow, pandas, polars
    "from_arrow",
    "from_pandas",
    "from_polars",
    "to_arrow",
    "to_pandas",
    "to_polars",
    # DLPack and the array libraries
    "from_dlpack",
    "from_jax",
    "from_torch",
    "to_jax",
    "to_tensor",
    "to_torch",
    # cuDF
    "from_cudf",
    "to_cudf",
]
