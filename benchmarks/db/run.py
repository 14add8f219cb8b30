"""One command for db-benchmark: generate the data, run every solution in its own process
(pandas first: its answers are the reference), write JSON + a markdown table.

    python -m benchmarks.db.run                 # N = 1e6, all solutions, both tasks
    python -m benchmarks.db.run --n 1e7
    python -m benchmarks.db.run --solutions pandas,gpuframe --tasks groupby

Times are the best of ``--repeat`` runs of each question, after its first answer was
checked against pandas'. Peak memory: the process' peak RSS while answering (reset before
each timed run, after the allocators handed freed memory back, so loaded data + the question's
working set), and over the whole process.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import datagen, queries
from .solution import SOLUTIONS

RESULTS = Path(__file__).resolve().parent.parent / "results"


def _run_child(
    solution: str, task: str, n: int, k: int, repeat: int, questions: str
) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.db.solution",
        "--solution",
        solution,
        "--task",
        task,
        "--n",
        str(n),
        "--k",
        str(k),
        "--repeat",
        str(repeat),
    ]
    if questions:
        cmd += ["--questions", questions]
    root = Path(__file__).resolve().parent.parent.parent
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root, env=env)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return {"solution": solution, "task": task, "error": proc.stderr[-500:], "questions": {}}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def markdown(results: list[dict[str, Any]], n: int, k: int, solutions: list[str]) -> str:
    lines = [f"# db-benchmark, N={n:.0e}, K={k}, {platform.node()}, {os.cpu_count()} cores", ""]
    ours = "gpuframe" if "gpuframe" in solutions else solutions[-1]
    for task in ("groupby", "join"):
        rs = {r["solution"]: r for r in results if r["task"] == task}
        if not rs:
            continue
        table = queries.GROUPBY_QUESTIONS if task == "groupby" else queries.JOIN_QUESTIONS
        head = "| question | " + " | ".join(f"{s} (s)" for s in solutions if s in rs)
        head += (
            " | "
            + " | ".join(f"{ours}/{s}" for s in solutions if s in rs and s != ours)
            + " | check |"
        )
        lines += [f"## {task}", "", head, "|" + "---|" * (head.count("|") - 1)]
        totals = {s: 0.0 for s in rs}
        for q, desc in table.items():
            times = {s: rs[s]["questions"].get(q, {}).get("time_s") for s in rs}
            for s, t in times.items():
                totals[s] += t or 0.0
            cells = [
                f"{times[s]:.3f}" if times.get(s) is not None else "-" for s in solutions if s in rs
            ]
            mine = times.get(ours)
            ratios = [
                f"{mine / times[s]:.2f}" if mine and times.get(s) else "-"
                for s in solutions
                if s in rs and s != ours
            ]
            checks = {
                s: rs[s]["questions"].get(q, {}).get("check", "-") for s in rs if s != "pandas"
            }
            bad = [f"{s}: {c}" for s, c in checks.items() if c not in ("ok", "-")]
            lines.append(
                f"| {q} {desc} | "
                + " | ".join(cells)
                + " | "
                + " | ".join(ratios)
                + " | "
                + ("; ".join(bad) or "all ok")
                + " |"
            )
        cells = [f"{totals[s]:.3f}" for s in solutions if s in rs]
        ratios = [
            f"{totals[ours] / totals[s]:.2f}" if totals.get(ours) and totals[s] else "-"
            for s in solutions
            if s in rs and s != ours
        ]
        lines.append("| **total** | " + " | ".join(cells) + " | " + " | ".join(ratios) + " | |")
        mem = [f"{rs[s].get('peak_query_mb', float('nan')):.0f}" for s in solutions if s in rs]
        lines.append(
            "| peak RSS while answering (MB) | " + " | ".join(mem) + " |" + " |" * (len(ratios) + 1)
        )
        mem = [f"{rs[s].get('peak_rss_mb', float('nan')):.0f}" for s in solutions if s in rs]
        lines.append(
            "| peak RSS of the process, checks included (MB) | "
            + " | ".join(mem)
            + " |"
            + " |" * (len(ratios) + 1)
        )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--n", type=float, default=1e6)
    p.add_argument("--k", type=int, default=100)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--solutions", default="pandas,polars,duckdb,gpuframe")
    p.add_argument("--tasks", default="groupby,join")
    p.add_argument("--questions", default="")
    p.add_argument(
        "--out", default=None, help="output stem (default benchmarks/results/db-<N>-<date>)"
    )
    a = p.parse_args(argv)
    n = int(a.n)
    solutions = [s for s in a.solutions.split(",") if s]
    for s in solutions:
        if s not in SOLUTIONS:
            raise SystemExit(f"--solutions: unknown solution {s!r}; expected some of {SOLUTIONS}")
    if "pandas" in solutions:  # the reference runs first
        solutions.remove("pandas")
        solutions.insert(0, "pandas")
    tasks = [t for t in a.tasks.split(",") if t]
    if "groupby" in tasks:
        datagen.gen_groupby(n, a.k)
    if "join" in tasks:
        datagen.gen_join(n)
    results = []
    for task in tasks:
        for s in solutions:
            r = _run_child(s, task, n, a.k, a.repeat, a.questions)
            print(json.dumps({k: v for k, v in r.items() if k != "questions"}), flush=True)
            for q, v in r.get("questions", {}).items():
                print(f"  {task} {s} {q}: {v['time_s']:.4f}s  {v['check']}", flush=True)
            results.append(r)
    stem = (
        Path(a.out) if a.out else RESULTS / f"db-{datagen._fmt_n(n)}-{_dt.date.today().isoformat()}"
    )
    stem.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "n": n,
        "k": a.k,
        "machine": platform.node(),
        "cores": os.cpu_count(),
        "date": _dt.datetime.now().isoformat(timespec="seconds"),
        "results": results,
    }
    stem.with_suffix(".json").write_text(json.dumps(meta, indent=1))
    md = markdown(results, n, a.k, solutions)
    stem.with_suffix(".md").write_text(md)
    print(md)
    print(f"wrote {stem.with_suffix('.json')} and {stem.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
