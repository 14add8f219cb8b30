"""``benchmarks.run`` entry for the db suite: records {suite, case, device, ours_s, peer,
peer_s, ratio} from one db-benchmark run at N = 1e6 (one timed run per question with
``quick``, else the best of two).
"""

from __future__ import annotations

from typing import Any

from . import run as db_run


def run(device: str = "cpu", quick: bool = False) -> list[dict[str, Any]]:
    import importlib.util
    import json
    import tempfile
    from pathlib import Path

    n = 1_000_000
    with tempfile.TemporaryDirectory() as d:
        stem = Path(d) / "db"
        found = [s for s in ("pandas", "polars", "duckdb") if importlib.util.find_spec(s)]
        solutions = ",".join([*found, "gpuframe"])
        args = ["--n", str(n), "--out", str(stem), "--repeat", "1" if quick else "2"]
        args += ["--solutions", solutions]
        db_run.main(args)
        meta = json.loads(stem.with_suffix(".json").read_text())
    recs = []
    by = {(r["task"], r["solution"]): r for r in meta["results"]}
    for task in ("groupby", "join"):
        ours = by.get((task, "gpuframe"))
        if not ours:
            continue
        for peer in ("pandas", "polars", "duckdb"):
            pr = by.get((task, peer))
            if not pr:
                continue
            for q, v in ours["questions"].items():
                pv = pr["questions"].get(q)
                if pv:
                    recs.append(
                        {
                            "suite": "db",
                            "case": f"{task}_{q}_n{n}",
                            "device": device,
                            "ours_s": v["time_s"],
                            "peer": peer,
                            "peer_s": pv["time_s"],
                            "ratio": v["time_s"] / pv["time_s"],
                        }
                    )
    return recs
