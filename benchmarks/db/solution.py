"""Run one solution's questions in this process: load, answer each question once, check the
answer against pandas' (saved by the pandas run), then time it. Prints one JSON line.

    python -m benchmarks.db.solution --solution polars --task groupby --n 1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from typing import Any

import numpy as np
import pandas as pd

from . import datagen, queries

SOLUTIONS = ("pandas", "polars", "duckdb", "gpuframe", "gpuframe-kernels")
ANSWERS = datagen.DATA_DIR / "answers"


def solution_class(name: str) -> Any:
    if name == "pandas":
        return queries.Pandas
    if name == "polars":
        return queries.Polars
    if name == "duckdb":
        return queries.DuckDB
    if name == "gpuframe-kernels":
        from .kernels_solution import GpuframeKernels

        return GpuframeKernels
    if name == "gpuframe":
        from .gpuframe_solution import Gpuframe

        return Gpuframe
    raise ValueError(f"unknown solution {name!r}; expected one of {SOLUTIONS}")


def _reset_peak() -> bool:
    """Reset this process' peak RSS (Linux ``clear_refs``); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _release_free_memory() -> None:
    """Hand memory that the allocators hold but no object uses back to the OS (Arrow's pool,
    glibc's heap), so that each question's peak starts from the live data, not from caches
    that earlier work left behind: the same for every solution."""
    import sys

    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _peak_mb() -> float:
    """This process' peak RSS since the last reset (VmHWM), in MB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def canonical(df: pd.DataFrame, nkeys: int) -> pd.DataFrame:
    """Columns renamed c0..ck (MultiIndex flattened), strings as object, rows sorted by the
    first ``nkeys`` key columns."""
    df = df.reset_index(drop=True)
    df.columns = [f"c{i}" for i in range(df.shape[1])]
    for c in df.columns:
        s = df[c]
        if (
            isinstance(s.dtype, pd.CategoricalDtype)
            or s.dtype == object
            or pd.api.types.is_string_dtype(s.dtype)
        ):
            df[c] = s.astype(object).where(s.notna(), None)
        elif s.dtype.kind in "iub" or isinstance(s.dtype, pd.api.extensions.ExtensionDtype):
            df[c] = (
                s.astype("float64")
                if s.isna().any()
                else s.astype("int64" if s.dtype.kind != "f" else "float64")
            )
    keys = list(df.columns[:nkeys])
    return df.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)


def check(got: pd.DataFrame, ref: pd.DataFrame) -> str:
    """'ok' or what differs."""
    if got.shape != ref.shape:
        return f"shape {got.shape} != pandas {ref.shape}"
    for c in ref.columns:
        a, b = got[c], ref[c]
        if a.dtype == object or b.dtype == object:
            if not (
                a.astype(object).fillna("<NA>").to_numpy()
                == b.astype(object).fillna("<NA>").to_numpy()
            ).all():
                return f"column {c}: values differ"
            continue
        x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
        if not np.allclose(x, y, rtol=1e-6, atol=1e-9, equal_nan=True):
            bad = int((~np.isclose(x, y, rtol=1e-6, atol=1e-9, equal_nan=True)).sum())
            return f"column {c}: {bad} values differ"
    return "ok"


def _nkeys(task: str, q: str) -> int:
    if task == "join":
        return 7  # x's columns: id3 (unique in x) decides; the rest breaks no ties
    return len(queries.GROUPBY_KEYS[q])


def run(
    solution: str, task: str, n: int, k: int, repeat: int, questions: list[str]
) -> dict[str, Any]:
    cls = solution_class(solution)
    if task == "groupby":
        path = datagen.gen_groupby(n, k)
        t0 = time.perf_counter()
        data = cls.load_groupby(path)
        table = cls.GROUPBY
    else:
        paths = datagen.gen_join(n)
        t0 = time.perf_counter()
        data = cls.load_join(paths)
        table = cls.JOIN
    load_s = time.perf_counter() - t0
    tag = f"{task}-{n}-{k}"
    ANSWERS.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {
        "solution": solution,
        "task": task,
        "n": n,
        "k": k,
        "load_s": load_s,
        "questions": {},
    }
    for q in questions:
        if q not in table:
            continue
        t0 = time.perf_counter()
        ans = table[q](data)
        first_s = time.perf_counter() - t0
        got = canonical(cls.to_pandas(ans), _nkeys(task, q))
        del ans
        ref_path = ANSWERS / f"{tag}-{q}.pkl"
        if solution == "pandas":
            got.to_pickle(ref_path)
            status = "ok (reference)"
        else:
            status = (
                check(got, pd.read_pickle(ref_path)) if ref_path.exists() else "no pandas answer"
            )
        rows = len(got)
        del got
        times = [first_s]
        peak = float("nan")
        for _ in range(repeat - 1):
            import gc

            gc.collect()
            _release_free_memory()
            reset = _reset_peak()
            t0 = time.perf_counter()
            ans = table[q](data)
            times.append(time.perf_counter() - t0)
            if reset:
                peak = _peak_mb() if peak != peak else max(peak, _peak_mb())
            del ans
        out["questions"][q] = {
            "time_s": min(times),
            "times": times,
            "rows": rows,
            "check": status,
            "peak_mb": peak,
        }
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peaks = [v["peak_mb"] for v in out["questions"].values() if v["peak_mb"] == v["peak_mb"]]
    out["peak_query_mb"] = max(peaks) if peaks else float("nan")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--solution", required=True, choices=SOLUTIONS)
    p.add_argument("--task", required=True, choices=("groupby", "join"))
    p.add_argument("--n", type=float, default=1e6)
    p.add_argument("--k", type=int, default=100)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--questions", default="")
    a = p.parse_args(argv)
    table = queries.GROUPBY_QUESTIONS if a.task == "groupby" else queries.JOIN_QUESTIONS
    qs = [q for q in a.questions.split(",") if q] or list(table)
    print(json.dumps(run(a.solution, a.task, int(a.n), a.k, a.repeat, qs)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
