"""The main job: load a Parquet file into a frame on the current device, group and aggregate.

Run with ``make demo`` (GPU when one is present, else CPU; force one with
``GPUFRAME_DEVICE=cpu|gpu``). This first version uses the device layer directly; it grows into
the end-to-end pipeline (frame -> features -> ml estimator -> dl model) as those land.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import gpuframe
from gpuframe.backend import array_namespace, asarray, get_kernels, to_host, transfer_stats


def make_data(path: Path, n: int = 1_000_000, seed: int = 0) -> None:
    """Write a small sales table: store (string), product (int), units (int), price (float)."""
    rng = np.random.default_rng(seed)
    stores = np.array([f"store{i:02d}" for i in range(12)])
    table = pa.table(
        {
            "store": pa.array(stores[rng.integers(0, 12, n)]).dictionary_encode(),
            "product": rng.integers(0, 50, n),
            "units": rng.integers(1, 10, n),
            "price": np.round(rng.uniform(1, 100, n), 2),
        }
    )
    pq.write_table(table, path)


def main() -> None:
    device = gpuframe.current_device()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sales.parquet"
        make_data(path)
        t0 = time.perf_counter()
        table = pq.read_table(path)
        store = table.column("store").combine_chunks()
        codes = asarray(store.indices.to_numpy(zero_copy_only=False).astype(np.int32))
        names = store.dictionary.to_pylist()
        units = asarray(table.column("units").to_numpy())
        price = asarray(table.column("price").to_numpy())
        xp = array_namespace(units)
        k = get_kernels(xp)
        revenue = xp.astype(units, xp.float64) * price
        group, (store_code,) = k.factorize(codes)
        total, count = k.group_reduce(group, revenue, int(store_code.shape[0]), "sum")
        mean_units, _ = k.group_reduce(group, units, int(store_code.shape[0]), "mean")
        elapsed = time.perf_counter() - t0
        result = sorted(
            zip(
                (names[i] for i in to_host(store_code)),
                to_host(total).tolist(),
                to_host(count).tolist(),
                to_host(mean_units).tolist(),
            ),
            key=lambda r: -r[1],
        )
    print(f"device: {device}   rows: {table.num_rows:,}   load+groupby: {elapsed * 1e3:.1f} ms")
    print(f"{'store':<10}{'revenue':>16}{'rows':>10}{'mean units':>12}")
    for name, rev, cnt, mu in result:
        print(f"{name:<10}{rev:>16,.2f}{cnt:>10,}{mu:>12.3f}")
    stats = transfer_stats()
    print(
        f"host->device: {stats.host_to_device_calls} copies, {stats.host_to_device_bytes:,} B; "
        f"device->host: {stats.device_to_host_calls} copies, {stats.device_to_host_bytes:,} B"
    )


if __name__ == "__main__":
    main()
