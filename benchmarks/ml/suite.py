"""Adapter for ``python -m benchmarks.run``: the ml cases as benchmark records."""

from __future__ import annotations

import sys
from typing import Any

from .run import run_all


def run(device: str = "cpu", quick: bool = False) -> list[dict[str, Any]]:
    """Records of every ml case on the CPU (the peer is scikit-learn on the same data).

    The cases time NumPy inputs; a GPU run of the estimators is covered by the ``gpu`` tests,
    so for ``device='gpu'`` this suite reports nothing rather than mislabelled CPU figures.
    """
    if not device.startswith("cpu"):
        print(f"[skip] ml suite: CPU cases only (device={device!r})", file=sys.stderr)
        return []
    return run_all(quick=quick, repeats=1 if quick else 3)
