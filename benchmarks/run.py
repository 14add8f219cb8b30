"""One command for the benchmark suites: ``python -m benchmarks.run [--device gpu] [--quick]``.

Writes every record as one JSON line to ``--out`` (default
``benchmarks/results/<device>-<date>.jsonl``) and a markdown table beside it (``.md``).
Suites: ``kernels`` (always), ``db`` (db-benchmark groupby/join) and ``ml`` when their
modules exist. Every record compares our time with a peer's in the same run.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import platform
import sys
from pathlib import Path
from typing import Any

SUITES = ("kernels", "db", "ml", "frame", "dl")


def _suite_records(name: str, device: str, quick: bool) -> list[dict[str, Any]]:
    if name == "kernels":
        from benchmarks import kernels

        return kernels.run(device=device, n=1_000_000 if quick else 10_000_000)
    try:
        mod = importlib.import_module(f"benchmarks.{name}.suite")
    except ModuleNotFoundError as e:
        print(f"[skip] suite {name!r}: {e}", file=sys.stderr)
        return []
    return list(mod.run(device=device, quick=quick))


def _markdown(records: list[dict[str, Any]], header: str) -> str:
    lines = [
        f"# {header}",
        "",
        "| suite | case | device | ours (s) | peer | peer (s) | ours/peer |",
        "|---|---|---|---:|---|---:|---:|",
    ]
    for r in records:
        lines.append(
            f"| {r['suite']} | {r['case']} | {r['device']} | {r['ours_s']:.4f} | {r['peer']} "
            f"| {r['peer_s']:.4f} | {r['ratio']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--device", default="cpu", help="cpu or gpu")
    p.add_argument("--suites", default=",".join(SUITES))
    p.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    p.add_argument("--out", default=None)
    args = p.parse_args(argv)
    date = _dt.date.today().isoformat()
    out = Path(args.out or f"benchmarks/results/{args.device.split(':')[0]}-{date}.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    for name in [s for s in args.suites.split(",") if s]:
        recs = _suite_records(name, args.device, args.quick)
        for r in recs:
            r.setdefault("machine", platform.node())
            r.setdefault("date", date)
            print(json.dumps(r), flush=True)
        records.extend(recs)
    out.write_text("".join(json.dumps(r) + "\n" for r in records))
    out.with_suffix(".md").write_text(_markdown(records, f"Benchmarks, {args.device}, {date}"))
    print(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
