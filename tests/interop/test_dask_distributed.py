"""gpuframe partitions on Dask's distributed scheduler: a LocalCluster on the CPU and, where a
GPU is present, a LocalCUDACluster (one worker process per GPU)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpuframe.testing import assert_frame_equal, requires

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import gpuframe  # noqa: E402
import interop.dask as idask  # noqa: E402


def sample(n: int = 200, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=n)
    v[::11] = np.nan
    return pd.DataFrame(
        {
            "k": rng.integers(0, 6, n),
            "s": pd.array(rng.choice(["a", "b", "c"], n), dtype="str"),
            "v": v,
        }
    )


def check_pipeline(ddf, pdf: pd.DataFrame) -> None:
    """Dask's reductions, groupby-agg and map_partitions on ``ddf`` equal pandas on ``pdf``."""
    assert ddf["v"].sum().compute() == pytest.approx(pdf["v"].sum())
    assert ddf["v"].mean().compute() == pytest.approx(pdf["v"].mean())
    assert int(ddf["v"].count().compute()) == int(pdf["v"].count())
    spec = {"v": ["sum", "mean", "count", "min", "max"]}
    got = ddf.groupby(["k", "s"]).agg(spec).compute().to_pandas().sort_index()
    pd.testing.assert_frame_equal(got, pdf.groupby(["k", "s"]).agg(spec).sort_index())
    doubled = ddf.map_partitions(lambda p: p.assign(w=p["v"] * 2)).compute()
    assert_frame_equal(doubled, pdf.assign(w=pdf["v"] * 2))


def test_local_cluster_threads():
    pdf = sample()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        idask.setup_workers(client)
        ddf = idask.from_gpuframe(gpuframe.from_pandas(pdf), npartitions=4)
        assert isinstance(ddf, idask.GpuframeDaskDataFrame)
        assert isinstance(client.compute(ddf.partitions[0]).result(), gpuframe.DataFrame)
        futures = client.compute(ddf.to_delayed())
        parts = client.gather(futures)
        assert all(isinstance(p, gpuframe.DataFrame) for p in parts)
        check_pipeline(ddf, pdf)


def test_setup_workers_rejects_non_clients():
    with pytest.raises(TypeError, match="`client` must be a distributed.Client"):
        idask.setup_workers(object())


@pytest.mark.gpu
@requires("dask_cuda", "cupy")
def test_local_cuda_cluster_keeps_partitions_on_the_gpu():
    from dask_cuda import LocalCUDACluster

    from gpuframe.backend import array_namespace, is_cupy

    pdf = sample(400)
    with LocalCUDACluster(n_workers=1) as cluster, distributed.Client(cluster) as client:
        idask.setup_workers(client)
        ddf = idask.from_gpuframe(gpuframe.from_pandas(pdf, device="gpu"), npartitions=4)

        def on_gpu(part):
            return bool(is_cupy(array_namespace(part["v"].column.data)))

        assert all(client.gather(client.map(on_gpu, ddf.to_delayed())))
        check_pipeline(ddf, pdf)
        out = idask.to_gpuframe(ddf[ddf["k"] > 2])
        assert is_cupy(array_namespace(out["v"].column.data))
        assert_frame_equal(out, pdf[pdf["k"] > 2])
