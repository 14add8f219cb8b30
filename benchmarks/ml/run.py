"""The ml benchmark: ``python -m benchmarks.ml.run [--quick] [--repeats N] [-k PATTERN]``.

Runs every case of the case modules (``cluster``, ``decomposition``, ``neighbors``,
``linear``; each exposes ``CASES``, see ``_case.py``) in one process: the same data for our
estimator and scikit-learn's, timed alternately (best of ``--repeats``), then a quality
check. Writes ``benchmarks/results/ml-<machine>.json`` (all runs, versions, machine) and the
markdown table ``benchmarks/results/ml.md`` with the time ratios (ours / scikit-learn: below
1.0 means faster). Acceptance cases pass when the ratio is at most 1.0 with equal quality.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from ._case import Case, as_case

MODULES = ("cluster", "decomposition", "neighbors", "linear")
RESULTS = Path(__file__).resolve().parent.parent / "results"


def load_cases(modules: tuple[str, ...] = MODULES) -> list[Case]:
    """All cases of the case modules that exist, in module order."""
    cases: list[Case] = []
    for name in modules:
        try:
            mod = importlib.import_module(f"benchmarks.ml.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"benchmarks.ml.{name}":
                raise
            print(f"[skip] benchmarks/ml/{name}.py does not exist", file=sys.stderr)
            continue
        cases.extend(as_case(c) for c in getattr(mod, "CASES", []))
    return cases


def _timed(fn: Any, data: dict[str, Any]) -> tuple[float, Any]:
    gc.collect()
    t0 = time.perf_counter()
    out = fn(data)
    return time.perf_counter() - t0, out


# A case whose first (peer + ours) pair takes longer than this is not repeated: one run of a
# 20-second fit is measured well enough, and the whole benchmark stays within minutes.
SLOW_CASE_S = 20.0


def run_case(case: Case, data: dict[str, Any], repeats: int) -> dict[str, Any]:
    """Time ``case`` on ``data``: peer and ours alternately, ``repeats`` times each."""
    ours_runs: list[float] = []
    peer_runs: list[float] = []
    ours_out = peer_out = None
    for r in range(repeats):
        t, peer_out = _timed(case.peer, data)
        peer_runs.append(t)
        t, ours_out = _timed(case.ours, data)
        ours_runs.append(t)
        if r == 0 and peer_runs[0] + ours_runs[0] > SLOW_CASE_S:
            break
    ok, desc = case.quality(ours_out, peer_out, data)
    ours_s, peer_s = min(ours_runs), min(peer_runs)
    ratio = ours_s / peer_s if peer_s > 0 else float("inf")
    return {
        "suite": "ml",
        "case": case.name,
        "device": "cpu",
        "peer": "scikit-learn",
        "ours_s": ours_s,
        "peer_s": peer_s,
        "ratio": ratio,
        "ours_runs": ours_runs,
        "peer_runs": peer_runs,
        "quality_ok": bool(ok),
        "quality": desc,
        "acceptance": case.acceptance,
        "passed": bool(ok) and (ratio <= 1.0 or not case.acceptance),
    }


def run_all(
    *, quick: bool = False, repeats: int = 3, pattern: str | None = None
) -> list[dict[str, Any]]:
    """Run every (matching) case; data is built once per data function and reused."""
    records = []
    cache: dict[Any, dict[str, Any]] = {}
    for case in load_cases():
        if pattern and pattern.lower() not in case.name.lower():
            continue
        key = (case.data, quick)
        if key not in cache:
            cache.clear()
            gc.collect()
            cache[key] = case.data(quick)
        rec = run_case(case, cache[key], repeats)
        if quick:  # the names give the full sizes; say that these are not them
            rec["case"] += " [quick: small sizes]"
        flag = "ok" if rec["passed"] else "FAIL"
        print(
            f"[{flag}] {rec['case']}: ours {rec['ours_s']:.3f}s, scikit-learn "
            f"{rec['peer_s']:.3f}s, ratio {rec['ratio']:.2f}; {rec['quality']}",
            flush=True,
        )
        records.append(rec)
    return records


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for mod in ("numpy", "scipy", "sklearn", "numba"):
        try:
            out[mod] = importlib.import_module(mod).__version__
        except ImportError:
            pass
    return out


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|")


def markdown(records: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The results table (time ratio ours / scikit-learn; below 1.0 means faster)."""
    lines = [
        "# ml benchmark: gpuframe ml vs scikit-learn",
        "",
        f"Machine `{meta['machine']}` ({meta['cpu_count']} CPU cores), {meta['date']}, "
        f"best of up to {meta['repeats']} alternating runs each (every run is in the JSON), "
        "same data and same process for both. "
        + ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
        + ".",
        "",
        "| case | ours (s) | scikit-learn (s) | ours / sklearn | quality | acceptance |",
        "|---|---:|---:|---:|---|---|",
    ]
    for r in records:
        acc = ("pass" if r["passed"] else "FAIL") if r["acceptance"] else "-"
        lines.append(
            f"| {r['case']} | {r['ours_s']:.3f} | {r['peer_s']:.3f} | {r['ratio']:.2f} "
            f"| {_cell(r['quality'])} | {acc} |"
        )
    lines += [
        "",
        "Acceptance: ours / sklearn <= 1.0 with equal quality (the quality column states the "
        "tolerance). Command: `python -m benchmarks.ml.run`.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("-k", dest="pattern", default=None, help="only cases whose name has this")
    p.add_argument("--machine", default=f"cpu{os.cpu_count()}")
    p.add_argument("--out-dir", default=str(RESULTS))
    args = p.parse_args(argv)
    records = run_all(quick=args.quick, repeats=args.repeats, pattern=args.pattern)
    meta = {
        "machine": args.machine,
        "host": platform.node(),
        "cpu_count": os.cpu_count(),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "repeats": args.repeats,
        "quick": args.quick,
        "versions": _versions(),
    }
    if args.quick or args.pattern:
        print("(quick or filtered run: results not written)")
        return 0 if all(r["passed"] for r in records) else 1
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    js = out / f"ml-{args.machine}.json"
    js.write_text(json.dumps({"meta": meta, "records": records}, indent=1) + "\n")
    (out / "ml.md").write_text(markdown(records, meta))
    print(f"wrote {js} and {out / 'ml.md'}")
    return 0 if all(r["passed"] for r in records) else 1


if __name__ == "__main__":
    raise SystemExit(main())
