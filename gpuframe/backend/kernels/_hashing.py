"""Constants and float canonicalisation shared by the hash kernels of every backend."""

from __future__ import annotations

from types import ModuleType
from typing import Any

SPLITMIX_GAMMA = 0x9E3779B97F4A7C15
SPLITMIX_C1 = 0xBF58476D1CE4E5B9
SPLITMIX_C2 = 0x94D049BB133111EB
CANONICAL_NAN_BITS = 0x7FF8000000000000


def float_bits_for_hash(x: Any, xp: ModuleType) -> Any:
    """uint64 bit patterns of float64 ``x`` with -0.0 -> 0.0 and every NaN -> one NaN."""
    x = x + 0.0  # -0.0 + 0.0 == +0.0
    bits = x.view(xp.uint64) if hasattr(x, "view") else None
    if bits is None:
        raise TypeError("float_bits_for_hash needs an array with .view")
    nan_bits = xp.asarray(CANONICAL_NAN_BITS, dtype=xp.uint64)
    return xp.where(xp.isnan(x), nan_bits, bits)
