"""Kernel micro-benchmarks: group_reduce and factorize against pandas on the same data.

Each case returns a record {suite, case, device, ours_s, peer, peer_s, ratio}; ratio = ours /
peer (below 1 means faster than the peer). Run through ``python -m benchmarks.run``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from gpuframe.backend import asarray, get_kernels, namespace_for


def _best(fn: Callable[[], Any], repeat: int, sync: Callable[[], None]) -> float:
    fn()
    sync()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        sync()
        best = min(best, time.perf_counter() - t0)
    return best


def run(device: str = "cpu", n: int = 10_000_000, repeat: int = 3) -> list[dict[str, Any]]:
    rng = np.random.default_rng(0)
    xp = namespace_for(device)
    k = get_kernels(xp)
    sync: Callable[[], None] = lambda: None  # noqa: E731
    if device.startswith("gpu"):
        import cupy as cp

        sync = cp.cuda.Stream.null.synchronize
    records = []
    for ngroups in (100, 100_000):
        codes_h = rng.integers(0, ngroups, n)
        vals_h = rng.normal(size=n)
        codes, vals = asarray(codes_h, device=device), asarray(vals_h, device=device)
        s = pd.Series(vals_h)
        for op in ("sum", "mean", "var"):
            ours = _best(lambda: k.group_reduce(codes, vals, ngroups, op), repeat, sync)  # noqa: B023
            peer = _best(lambda: getattr(s.groupby(codes_h), op)(), repeat, lambda: None)  # noqa: B023
            records.append(_rec(f"group_{op}_k{ngroups}", device, n, ours, "pandas", peer))
        ours = _best(lambda: k.factorize(codes, sort=True), repeat, sync)  # noqa: B023
        peer = _best(lambda: pd.factorize(codes_h, sort=True), repeat, lambda: None)  # noqa: B023
        records.append(_rec(f"factorize_k{ngroups}", device, n, ours, "pandas", peer))
    return records


def _rec(case: str, device: str, n: int, ours: float, peer: str, peer_s: float) -> dict[str, Any]:
    return {
        "suite": "kernels",
        "case": case,
        "n": n,
        "device": device,
        "ours_s": ours,
        "peer": peer,
        "peer_s": peer_s,
        "ratio": ours / peer_s,
    }
