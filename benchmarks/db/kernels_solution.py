"""gpuframe's raw kernels on the db-benchmark questions (no frame layer): the floor the
frame API is measured against. Data are NumPy arrays (dictionary codes for strings) read
from the Parquet files with pyarrow.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from gpuframe.backend import get_kernels

K = get_kernels(np)


class Dict:
    """A dictionary-encoded string column: int32 codes + the dictionary (pyarrow)."""

    def __init__(self, codes: np.ndarray, dictionary: pa.Array) -> None:
        self.codes, self.dictionary = codes, dictionary

    def take(self, idx: np.ndarray) -> Dict:
        return Dict(K.gather(self.codes, idx, -1), self.dictionary)

    def to_numpy(self) -> np.ndarray:
        d = np.asarray(self.dictionary.to_pylist(), dtype=object)
        return np.where(self.codes >= 0, d[np.maximum(self.codes, 0)], None)


def _load(path: Path) -> dict[str, Any]:
    t = pq.read_table(path)
    out: dict[str, Any] = {}
    for name in t.column_names:
        col = t.column(name).combine_chunks()
        if pa.types.is_dictionary(col.type):
            out[name] = Dict(col.indices.to_numpy().astype(np.int32), col.dictionary)
        else:
            out[name] = col.to_numpy()
    return out


def _key(col: Any) -> tuple[np.ndarray, int]:
    if isinstance(col, Dict):
        return col.codes, len(col.dictionary)
    lo, hi = int(col.min()), int(col.max())
    return col - lo, hi - lo + 1


def _groups(x: dict[str, Any], keys: list[str]) -> tuple[np.ndarray, int, np.ndarray]:
    codes, cards = zip(*(_key(x[k]) for k in keys))
    return K.combine_codes(list(codes), list(cards), sort=False, dropna=False)


def _keys_out(x: dict[str, Any], keys: list[str], first: np.ndarray) -> dict[str, Any]:
    return {k: (x[k].take(first) if isinstance(x[k], Dict) else x[k][first]) for k in keys}


def _agg(x: dict[str, Any], keys: list[str], reqs: list[tuple[str, str]]) -> dict[str, Any]:
    g, ng, first = _groups(x, keys)
    res = K.group_aggregate(g, ng, [(x[c], op) for c, op in reqs])
    return _keys_out(x, keys, first) | {f"{c}_{op}": r for (c, op), (r, _) in zip(reqs, res)}


def q6(x):
    g, ng, first = _groups(x, ["id4", "id5"])
    med, _ = K.group_quantile(g, x["v3"], ng, 0.5)
    ((sd, _),) = K.group_aggregate(g, ng, [(x["v3"], "std")])
    return _keys_out(x, ["id4", "id5"], first) | {"median_v3": med, "sd_v3": sd}


def q7(x):
    g, ng, first = _groups(x, ["id3"])
    (mx, _), (mn, _) = K.group_aggregate(g, ng, [(x["v1"], "max"), (x["v2"], "min")])
    return _keys_out(x, ["id3"], first) | {"range_v1_v2": mx.astype(np.int64) - mn}


def q8(x):
    g, ng, _ = _groups(x, ["id6"])
    _, rows = K.group_topk(g, x["v3"], ng, 2)
    return {"id6": x["id6"][rows], "v3": x["v3"][rows]}


def q9(x):
    g, ng, first = _groups(x, ["id2", "id4"])
    r, _ = K.group_corr(g, x["v1"], x["v2"], ng)
    return _keys_out(x, ["id2", "id4"], first) | {"r2": r * r}


def q10(x):
    keys = ["id1", "id2", "id3", "id4", "id5", "id6"]
    g, ng, first = _groups(x, keys)
    (s, _), (c, _) = K.group_aggregate(g, ng, [(x["v3"], "sum"), (x["v1"], "count")])
    return _keys_out(x, keys, first) | {"v3": s, "count": c}


def _join(left: dict[str, Any], right: dict[str, Any], on: str, how: str) -> dict[str, Any]:
    lk, rk = left[on], right[on]
    if isinstance(lk, Dict):  # unify the dictionaries: map the right codes into the left's
        pos = pd.Index(lk.dictionary.to_pandas()).get_indexer(rk.dictionary.to_pandas())
        pos = np.where(pos < 0, len(lk.dictionary) + np.arange(len(pos)), pos)
        lk, rk = lk.codes, pos[rk.codes]
    li, ri = K.join_indices(lk, rk, how)
    out = {}
    for name, col in left.items():
        out[name] = col.take(li) if isinstance(col, Dict) else K.gather(col, li)
    missing = how != "inner" and bool((ri < 0).any())
    for name, col in right.items():
        if name == on:
            continue
        if not isinstance(col, Dict) and missing and col.dtype.kind in "iub":
            col = col.astype(np.float64)  # unmatched rows become NaN, as in pandas
        out[name + ("_y" if name in left else "")] = (
            col.take(ri) if isinstance(col, Dict) else K.gather(col, ri)
        )
    return out


class GpuframeKernels:
    name = "gpuframe-kernels"

    load_groupby = staticmethod(_load)

    @staticmethod
    def load_join(paths: dict[str, Path]) -> Any:
        return {k: _load(p) for k, p in paths.items()}

    GROUPBY = {
        "q1": lambda x: _agg(x, ["id1"], [("v1", "sum")]),
        "q2": lambda x: _agg(x, ["id1", "id2"], [("v1", "sum")]),
        "q3": lambda x: _agg(x, ["id3"], [("v1", "sum"), ("v3", "mean")]),
        "q4": lambda x: _agg(x, ["id4"], [("v1", "mean"), ("v2", "mean"), ("v3", "mean")]),
        "q5": lambda x: _agg(x, ["id6"], [("v1", "sum"), ("v2", "sum"), ("v3", "sum")]),
        "q6": q6,
        "q7": q7,
        "q8": q8,
        "q9": q9,
        "q10": q10,
    }
    JOIN = {
        "q1": lambda d: _join(d["x"], d["small"], "id1", "inner"),
        "q2": lambda d: _join(d["x"], d["medium"], "id2", "inner"),
        "q3": lambda d: _join(d["x"], d["medium"], "id2", "left"),
        "q4": lambda d: _join(d["x"], d["medium"], "id5", "inner"),
        "q5": lambda d: _join(d["x"], d["big"], "id3", "inner"),
    }

    @staticmethod
    def to_pandas(ans: dict[str, Any]) -> pd.DataFrame:
        return pd.DataFrame(
            {k: (v.to_numpy() if isinstance(v, Dict) else v) for k, v in ans.items()}
        )
