"""Adapter for ``python -m benchmarks.run``: the ml cases as benchmark records."""

from __future__ import annotations

from typing import Any

from .run import run_all


def run(device: str = "cpu", quick: bool = False) -> list[dict[str, Any]]:
    """Records of every ml case (CPU; the peer is scikit-learn on the same data)."""
    return run_all(quick=quick, repeats=1 if quick else 3)
