"""gpuframe's public API on the db-benchmark questions: the pandas solution's code, with
two idiomatic changes where pandas' own form is a workaround (q8 top-2 per group is
``groupby(...)["v3"].nlargest(2)`` instead of a full sort + ``head(2)``; q9 is
``groupby(...)["v1"].corr(x["v2"])`` instead of ``apply``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

import gpuframe as gf

GB = dict(as_index=False, sort=False, observed=True, dropna=False)


def q7(x: Any) -> Any:
    ans = x.groupby("id3", **GB).agg({"v1": "max", "v2": "min"})
    ans["range_v1_v2"] = ans["v1"] - ans["v2"]
    return ans[["id3", "range_v1_v2"]]


def q8(x: Any) -> Any:
    return x.groupby("id6", **GB)["v3"].nlargest(2)


def q9(x: Any) -> Any:
    ans = x.groupby(["id2", "id4"], **GB)["v1"].corr(x["v2"])
    ans["r2"] = ans["v1"] ** 2
    return ans[["id2", "id4", "r2"]]


class Gpuframe:
    name = "gpuframe"

    @staticmethod
    def load_groupby(path: Path) -> Any:
        return gf.read_parquet(path)

    @staticmethod
    def load_join(paths: dict[str, Path]) -> Any:
        return {k: gf.read_parquet(p) for k, p in paths.items()}

    GROUPBY = {
        "q1": lambda x: x.groupby("id1", **GB).agg({"v1": "sum"}),
        "q2": lambda x: x.groupby(["id1", "id2"], **GB).agg({"v1": "sum"}),
        "q3": lambda x: x.groupby("id3", **GB).agg({"v1": "sum", "v3": "mean"}),
        "q4": lambda x: x.groupby("id4", **GB).agg({"v1": "mean", "v2": "mean", "v3": "mean"}),
        "q5": lambda x: x.groupby("id6", **GB).agg({"v1": "sum", "v2": "sum", "v3": "sum"}),
        "q6": lambda x: x.groupby(["id4", "id5"], **GB).agg({"v3": ["median", "std"]}),
        "q7": q7,
        "q8": q8,
        "q9": q9,
        "q10": lambda x: x.groupby(["id1", "id2", "id3", "id4", "id5", "id6"], **GB).agg(
            {"v3": "sum", "v1": "size"}
        ),
    }
    JOIN = {
        "q1": lambda d: d["x"].merge(d["small"], how="inner", on="id1"),
        "q2": lambda d: d["x"].merge(d["medium"], how="inner", on="id2"),
        "q3": lambda d: d["x"].merge(d["medium"], how="left", on="id2"),
        "q4": lambda d: d["x"].merge(d["medium"], how="inner", on="id5"),
        "q5": lambda d: d["x"].merge(d["big"], how="inner", on="id3"),
    }

    @staticmethod
    def to_pandas(ans: Any) -> pd.DataFrame:
        out = ans.to_pandas()
        return out.to_frame() if isinstance(out, pd.Series) else out
