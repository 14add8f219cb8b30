"""Data generators for db-benchmark: groupby ``G1_<N>_<K>_0_0`` and join ``J1_<N>`` tables.

Written as Parquet under ``benchmarks/data/`` (git-ignored). Follows the R generators of
db-benchmark (``_data/groupby-datagen.R``, ``_data/join-datagen.R``): string ids are
``id%03d``/``id%010d`` drawn from their ranges, and the join keys of each size n are
``1..1.1n`` shuffled and split 0.9n shared / 0.1n left-only / 0.1n right-only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _fmt_n(n: int) -> str:
    """1e7 -> '1e7' as in db-benchmark file names."""
    e = int(round(np.log10(n)))
    if 10**e == n:
        return f"1e{e}"
    m = n / 10**e
    return f"{m:g}e{e}"


def _ids(codes: np.ndarray, width: int, start: int, stop: int) -> pa.DictionaryArray:
    """Dictionary-encoded strings 'id%0{width}d' % v for v = codes (values in [start, stop])."""
    dictionary = pa.array([f"id{v:0{width}d}" for v in range(start, stop + 1)])
    return pa.DictionaryArray.from_arrays(pa.array(codes - start, type=pa.int32()), dictionary)


def groupby_path(n: int, k: int = 100) -> Path:
    return DATA_DIR / f"G1_{_fmt_n(n)}_{_fmt_n(k) if k != 100 else '1e2'}_0_0.parquet"


def gen_groupby(n: int, k: int = 100, seed: int = 108) -> Path:
    """Write the groupby table ``G1_<n>_<k>_0_0`` and return its path."""
    path = groupby_path(n, k)
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    nk = max(n // k, 1)
    id1 = rng.integers(1, k + 1, n)
    id2 = rng.integers(1, k + 1, n)
    id3 = rng.integers(1, nk + 1, n)
    table = pa.table(
        {
            "id1": _ids(id1, 3, 1, k),
            "id2": _ids(id2, 3, 1, k),
            "id3": _ids(id3, 10, 1, nk),
            "id4": rng.integers(1, k + 1, n).astype(np.int32),
            "id5": rng.integers(1, k + 1, n).astype(np.int32),
            "id6": rng.integers(1, nk + 1, n).astype(np.int32),
            "v1": rng.integers(1, 6, n).astype(np.int32),
            "v2": rng.integers(1, 16, n).astype(np.int32),
            "v3": np.round(rng.uniform(0, 100, n), 6),
        }
    )
    _write(table, path)
    return path


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp, row_group_size=1 << 20)
    tmp.replace(path)  # no half-written file under the final name


def _split_xlr(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    key = rng.permutation(np.arange(1, int(round(n * 1.1)) + 1))
    a, b = int(round(n * 0.9)), int(n)
    return {"x": key[:a], "l": key[a:b], "r": key[b:]}


def _sample_all(values: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` draws from ``values`` in which every value appears at least once."""
    if size < values.shape[0]:
        raise ValueError("_sample_all: size smaller than the number of values")
    extra = rng.choice(values, size - values.shape[0], replace=True)
    return rng.permutation(np.concatenate([values, extra]))


def join_paths(n: int) -> dict[str, Path]:
    tag = _fmt_n(n)
    sizes = {"small": n // 10**6, "medium": n // 10**3, "big": n}
    names = {"x": f"J1_{tag}_NA_0_0"} | {
        k: f"J1_{tag}_{_fmt_n(max(v, 1))}_0_0" for k, v in sizes.items()
    }
    return {k: DATA_DIR / f"{v}.parquet" for k, v in names.items()}


def _str_ids(values: np.ndarray) -> pa.DictionaryArray:
    """'id' + str(v) for every v, dictionary-encoded over the distinct values."""
    uniq, inv = np.unique(values, return_inverse=True)
    dictionary = pa.array([f"id{v}" for v in uniq.tolist()])
    return pa.DictionaryArray.from_arrays(pa.array(inv.astype(np.int32)), dictionary)


def gen_join(n: int, seed: int = 108) -> dict[str, Path]:
    """Write the join tables x, small, medium, big of ``J1_<n>`` and return their paths."""
    paths = join_paths(n)
    if all(p.exists() for p in paths.values()):
        return paths
    if n < 10**6:
        raise ValueError(f"gen_join: n must be at least 1e6 (small has n/1e6 rows); received n={n}")
    rng = np.random.default_rng(seed)
    k1, k2, k3 = (_split_xlr(m, rng) for m in (n // 10**6, n // 10**3, n))
    lhs = lambda k, size: _sample_all(np.concatenate([k["x"], k["l"]]), size, rng)  # noqa: E731
    rhs = lambda k, size: _sample_all(np.concatenate([k["x"], k["r"]]), size, rng)  # noqa: E731
    x1, x2, x3 = lhs(k1, n), lhs(k2, n), lhs(k3, n)
    x = pa.table(
        {
            "id1": x1,
            "id2": x2,
            "id3": x3,
            "id4": _str_ids(x1),
            "id5": _str_ids(x2),
            "id6": _str_ids(x3),
            "v1": np.round(rng.uniform(0, 100, n), 6),
        }
    )
    _write(x, paths["x"])
    m1 = n // 10**6
    s1 = rhs(k1, m1)
    small = pa.table({"id1": s1, "id4": _str_ids(s1), "v2": np.round(rng.uniform(0, 100, m1), 6)})
    _write(small, paths["small"])
    m2 = n // 10**3
    a1, a2 = rhs(k1, m2), rhs(k2, m2)
    medium = pa.table(
        {
            "id1": a1,
            "id2": a2,
            "id4": _str_ids(a1),
            "id5": _str_ids(a2),
            "v2": np.round(rng.uniform(0, 100, m2), 6),
        }
    )
    _write(medium, paths["medium"])
    b1, b2, b3 = rhs(k1, n), rhs(k2, n), rhs(k3, n)
    big = pa.table(
        {
            "id1": b1,
            "id2": b2,
            "id3": b3,
            "id4": _str_ids(b1),
            "id5": _str_ids(b2),
            "id6": _str_ids(b3),
            "v2": np.round(rng.uniform(0, 100, n), 6),
        }
    )
    _write(big, paths["big"])
    return paths


if __name__ == "__main__":
    import argparse

    p = argparse.ArgumentParser(description="write the db-benchmark tables as Parquet")
    p.add_argument("--n", type=float, default=1e6)
    p.add_argument("--k", type=int, default=100)
    a = p.parse_args()
    print(gen_groupby(int(a.n), a.k))
    print(gen_join(int(a.n)))
