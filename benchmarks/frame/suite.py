"""Frame suite: gpuframe against pandas on the db-benchmark groupby table ``G1_<n>_1e2_0_0``.

Both read the same Parquet file (written by :mod:`benchmarks.db.datagen`), then every case of
:mod:`benchmarks.frame._cases` runs once in each library and the answers are compared
(``check``) before anything is timed; then each side is timed best of 3, alternating. A
case whose answers differ is reported with its error and no timing.

    python -m benchmarks.frame.suite --n 1e7 [--device cpu] [--cases sort,str_]
    python -m benchmarks.run --suites frame [--quick]

Writes ``benchmarks/results/frame-<device>-<n>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import math
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.db.datagen import _fmt_n, gen_groupby

from ._cases import CASES, Case, Env
from ._window_cases import WINDOW_CASES

RESULTS = Path(__file__).resolve().parent.parent / "results"
MIN_RUN_S = 0.02  # fast cases repeat inside one measurement until it takes this long


def _add_columns(df: Any, lib: Any, ts: np.ndarray, v3n: np.ndarray) -> Any:
    """The frame with a datetime column ``ts`` and a float column ``v3n`` holding NaN."""
    if lib is pd:
        out = df.copy(deep=False)
        out["ts"] = ts
        out["v3n"] = v3n
        return out
    return df.assign(ts=lib.Series(ts), v3n=lib.Series(v3n))


def _extra_columns(pdf: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    secs = pdf["id6"].to_numpy().astype(np.int64) * 3607 + pdf["v2"].to_numpy() * 61
    ts = np.datetime64("2020-01-01T00:00:00", "ns") + secs.astype("timedelta64[s]")
    v3 = pdf["v3"].to_numpy()
    v3n = np.where(pdf["v1"].to_numpy() == 1, np.nan, v3)
    return ts, v3n


def _synced(fn: Callable[[], Any], device: str) -> Callable[[], Any]:
    """``fn`` followed by a wait for the GPU's queued work (CuPy kernels run asynchronously;
    without the wait a time would count kernel launches only)."""
    if not device.startswith("gpu"):
        return fn
    import cupy as cp

    def run() -> Any:
        out = fn()
        cp.cuda.Device().synchronize()
        return out

    return run


def _time(fn: Callable[[], Any]) -> float:
    """Seconds for one call; fast calls are repeated until a measurement takes MIN_RUN_S."""
    gc.collect()
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    if dt >= MIN_RUN_S:
        return dt
    number = max(2, min(10_000, int(MIN_RUN_S / max(dt, 1e-7))))
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - t0) / number


def _run_case(
    case: Case, ours: Env, theirs: Env, repeats: int, device: str = "cpu"
) -> dict[str, Any]:
    try:
        got = case.fn(ours)
        want = case.fn(theirs)
        case.check(got, want, ours)
        del got, want
    except Exception as e:  # noqa: BLE001 - a failing case is reported, the run goes on
        msg = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"[:300]
        print(f"[fail] {case.name}: {msg}", file=sys.stderr)
        if "-v" in sys.argv:
            traceback.print_exc()
        return {"ours_s": math.nan, "peer_s": math.nan, "ratio": math.nan, "error": msg}
    t_ours, t_peer = [], []
    for _ in range(repeats):
        t_peer.append(_time(lambda: case.fn(theirs)))
        t_ours.append(_time(_synced(lambda: case.fn(ours), device)))
    o, p = min(t_ours), min(t_peer)
    return {"ours_s": o, "peer_s": p, "ratio": o / p if p > 0 else math.nan}


def run_cases(
    n: int, *, device: str = "cpu", repeats: int = 3, only: list[str] | None = None
) -> list[dict[str, Any]]:
    """Records ``{suite, case, n, device, ours_s, peer, peer_s, ratio}`` for every case."""
    import gpuframe as gf

    path = str(gen_groupby(n))
    cases = [c for c in CASES + WINDOW_CASES if not only or any(s in c.name for s in only)]
    records: list[dict[str, Any]] = []
    with gf.on_device(device), tempfile.TemporaryDirectory() as tmp:
        pdf = pd.read_parquet(path)
        gdf = gf.read_parquet(path)
        ts, v3n = _extra_columns(pdf)
        pdf, gdf = _add_columns(pdf, pd, ts, v3n), _add_columns(gdf, gf, ts, v3n)
        rows = np.random.default_rng(0).permutation(n)[: n // 10]
        theirs = Env(pdf, pd, path, tmp, {"rows": rows, "pandas_df": pdf})
        ours = Env(gdf, gf, path, tmp, {"rows": rows, "pandas_df": pdf})
        if any(c.name == "sort_index" for c in cases):
            theirs.extra["by_v3"] = pdf.sort_values("v3")
            ours.extra["by_v3"] = gdf.sort_values("v3")
        for case in cases:
            rec = {"suite": "frame", "case": case.name, "n": n, "device": device}
            rec.update(_run_case(case, ours, theirs, repeats, device))
            rec["peer"] = "pandas"
            print(
                f"{case.name:22s} ours {rec['ours_s']:9.5f}s  pandas {rec['peer_s']:9.5f}s  "
                f"ratio {rec['ratio']:6.2f}",
                flush=True,
            )
            records.append(rec)
    return records


def markdown(records: list[dict[str, Any]], header: str) -> str:
    lines = [
        f"# {header}",
        "",
        "| case | ours (s) | pandas (s) | ours/pandas |",
        "|---|---:|---:|---:|",
    ]
    for r in records:
        ratio = "error: " + r["error"].replace("|", "\\|") if "error" in r else f"{r['ratio']:.2f}"
        lines.append(f"| {r['case']} | {r['ours_s']:.5f} | {r['peer_s']:.5f} | {ratio} |")
    ok = [r["ratio"] for r in records if "error" not in r]
    if ok:
        gm = math.exp(sum(math.log(x) for x in ok) / len(ok))
        lines += ["", f"Geometric mean ratio {gm:.2f}; worst {max(ok):.2f}; {len(ok)} cases."]
    return "\n".join(lines) + "\n"


def write(records: list[dict[str, Any]], n: int, device: str) -> Path:
    """``benchmarks/results/frame-<device>-<n>.json`` and the markdown table beside it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"frame-{device.split(':')[0]}-{_fmt_n(n)}"
    meta = {
        "machine": platform.node(),
        "processor": platform.processor(),
        "date": _dt.date.today().isoformat(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "records": records,
    }
    stem.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n")
    header = f"Frame operations, gpuframe ({device}) vs pandas {pd.__version__}, n = {_fmt_n(n)}"
    stem.with_suffix(".md").write_text(markdown(records, header))
    return stem


def run(device: str = "cpu", quick: bool = False) -> list[dict[str, Any]]:
    """Entry for ``python -m benchmarks.run``: n = 1e7 (1e6 with ``quick``)."""
    n = 1_000_000 if quick else 10_000_000
    records = run_cases(n, device=device, repeats=1 if quick else 3)
    write(records, n, device)
    return records


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=float, default=1e7)
    p.add_argument("--device", default="cpu")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--cases", default="", help="comma-separated substrings of case names")
    p.add_argument("--no-write", action="store_true")
    p.add_argument("-v", action="store_true", help="tracebacks of failing cases")
    a = p.parse_args(argv)
    n = int(a.n)
    only = [s for s in a.cases.split(",") if s] or None
    records = run_cases(n, device=a.device, repeats=a.repeats, only=only)
    if a.no_write:
        return 0
    if only is not None:  # re-measured cases replace theirs in the existing results
        path = RESULTS / f"frame-{a.device.split(':')[0]}-{_fmt_n(n)}.json"
        if path.exists():
            new = {r["case"]: r for r in records}
            old = json.loads(path.read_text())["records"]
            records = [new.pop(r["case"], r) for r in old] + list(new.values())
    print(f"wrote {write(records, n, a.device)}.{{json,md}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
