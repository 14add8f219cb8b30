"""interop: the zero-copy hand-off hub.

Any input (gpuframe frames and series, NumPy, CuPy, torch, JAX, Arrow, pandas, polars, cuDF)
becomes a device array through :func:`as_array`, without a copy wherever the source's memory
can be handed over as it is; ``copy=False`` turns every would-be copy into a ``ValueError``
that says why. The named bridges convert between gpuframe objects and the other libraries.
"""

from __future__ import annotations

# The hub
from ._array import as_array
from ._copy import CopyNeededError

# Named bridges
from ._jax import from_jax, to_jax
from ._tensor import to_tensor
from ._torch import from_torch, to_torch

__all__ = [
    # The hub
    "CopyNeededError",
    "as_array",
    # Named bridges
    "from_jax",
    "from_torch",
    "to_jax",
    "to_tensor",
    "to_torch",
]
