"""Resample and window speed against pandas on the same data.

``python -m benchmarks.windows --n 1e7`` builds a frame of ``n`` rows with a sorted datetime
index (and the same times in a column ``ts``) and three float64 columns (one with NaN), checks
that each case gives the same answer as pandas, then times both (best of ``--repeat``, runs
alternating) and prints ``case ours_s pandas_s ratio`` (ratio = ours / pandas, below 1 is
faster).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import gpuframe as gf
from gpuframe.testing import assert_frame_equal

CASES: dict[str, Callable[[Any, Any], Any]] = {
    "resample_1min_sum": lambda df, di: di.resample("1min").sum(),
    "resample_1min_mean": lambda df, di: di.resample("1min").mean(),
    "resample_1min_max": lambda df, di: di.resample("1min").max(),
    "resample_1min_ohlc": lambda df, di: di.resample("1min").ohlc(),
    "resample_on_sum": lambda df, di: df.resample("1min", on="ts").sum(),
    "resample_on_mean": lambda df, di: df.resample("1min", on="ts").mean(),
    "rolling_10s_sum": lambda df, di: df.rolling("10s", on="ts").sum(),
    "rolling_10s_mean": lambda df, di: df.rolling("10s", on="ts").mean(),
    "rolling_10s_max": lambda df, di: df.rolling("10s", on="ts").max(),
    "expanding_sum": lambda df, di: di.expanding().sum(),
    "expanding_max": lambda df, di: di.expanding().max(),
    "ewm_span10_mean": lambda df, di: di.ewm(span=10).mean(),
}


def make_frames(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(frame with a ``ts`` column, the same frame indexed by ``ts``) for pandas."""
    rng = np.random.default_rng(seed)
    gaps = rng.integers(0, 200, n).astype("int64") * 1_000_000  # 0-199 ms apart
    ts = pd.to_datetime(np.int64(1_600_000_000_000_000_000) + np.cumsum(gaps), unit="ns")
    v3 = rng.standard_normal(n)
    v3[rng.random(n) < 0.05] = np.nan
    df = pd.DataFrame({"ts": ts, "v1": rng.standard_normal(n), "v2": rng.random(n) * 100, "v3": v3})
    return df, df.set_index("ts")


def _time(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=float, default=1e6)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cases", default="", help="comma-separated substrings of case names")
    args = ap.parse_args(argv)
    n = int(args.n)
    pdf, pdi = make_frames(n)
    gdf, gdi = gf.from_pandas(pdf), gf.from_pandas(pdi)
    want = [w for w in args.cases.split(",") if w]
    print(f"n={n} repeat={args.repeat}")
    print(f"{'case':24s} {'ours_s':>9s} {'pandas_s':>9s} {'ratio':>7s}")
    for name, fn in CASES.items():
        if want and not any(w in name for w in want):
            continue
        ours, theirs = fn(gdf, gdi), fn(pdf, pdi)
        assert_frame_equal(ours, theirs, check_exact=False, rtol=1e-9, check_freq=False)
        t_ours = t_pd = float("inf")
        for _ in range(args.repeat):
            t_ours = min(t_ours, _time(lambda: fn(gdf, gdi)))
            t_pd = min(t_pd, _time(lambda: fn(pdf, pdi)))
        print(f"{name:24s} {t_ours:9.3f} {t_pd:9.3f} {t_ours / t_pd:7.2f}", flush=True)


if __name__ == "__main__":
    main()
