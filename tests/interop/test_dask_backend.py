"""gpuframe as a Dask DataFrame backend: collections of gpuframe partitions give the same
results as Dask on pandas partitions (synchronous scheduler)."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

import gpuframe  # noqa: E402
import interop.dask as idask  # noqa: E402
from gpuframe.testing import assert_frame_equal, assert_series_equal  # noqa: E402
from interop.dask._compat import unsupported  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GROUPS = ("dask.dataframe.backends", "dask_expr.dataframe.backends")


@pytest.fixture(autouse=True)
def _sync_scheduler():
    with dask.config.set(scheduler="sync"):
        yield


def needs(operation: str):
    """Skip while gpuframe lacks a pandas method Dask calls on partitions for ``operation``."""
    missing = unsupported(operation)
    return pytest.mark.skipif(
        bool(missing), reason=f"gpuframe lacks {missing} (called by Dask for {operation})"
    )


def sample(n: int = 40, seed: int = 0) -> dict[str, list]:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=n).round(3)
    v[::7] = np.nan
    return {
        "k": rng.integers(0, 5, n).tolist(),
        "s": rng.choice(["ant", "bee", "cat", "dog"], n).tolist(),
        "v": v.tolist(),
        "i": rng.integers(-50, 50, n).tolist(),
    }


def both(data: dict, npartitions: int = 4):
    """The same data as a gpuframe-backed and a pandas-backed Dask DataFrame."""
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        g = dd.from_dict(data, npartitions=npartitions)
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own str dtype
        p = dd.from_dict(data, npartitions=npartitions)
    return g, p


def computed(obj):
    """``.compute()``; scalars come back as Python/NumPy scalars."""
    return obj.compute() if hasattr(obj, "compute") else obj


def sort_frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns)).reset_index(drop=True)


# ------------------------------------------------------------------------- registration
def test_entry_points_are_declared_and_load_the_backend():
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    for group in GROUPS:
        value = declared[group]["gpuframe"]
        ep = importlib.metadata.EntryPoint("gpuframe", value, group)
        assert ep.load() is idask.GpuframeBackendEntrypoint
    installed = {g: [e for e in importlib.metadata.entry_points(group=g)] for g in GROUPS}
    for group, eps in installed.items():
        if eps:  # installed metadata (pip install -e .) must agree with pyproject
            assert [e.value for e in eps if e.name == "gpuframe"] == [declared[group]["gpuframe"]]


def test_backend_is_known_to_both_creation_dispatchers():
    from dask.dataframe import backends as legacy
    from dask.dataframe.dask_expr import _backends as expr

    for dispatcher in (legacy.dataframe_creation_dispatch, expr.dataframe_creation_dispatch):
        assert isinstance(dispatcher.dispatch("gpuframe"), idask.GpuframeBackendEntrypoint)


def test_importing_interop_does_not_import_dask():
    code = (
        "import sys, interop, gpuframe\n"
        "bad = [m for m in ('dask', 'distributed', 'interop.dask') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "GPUFRAME_DEVICE": "cpu"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)


# ------------------------------------------------------------------------------ creation
def test_from_dict_with_backend_gives_gpuframe_partitions():
    data = sample()
    g, p = both(data)
    assert isinstance(g._meta, gpuframe.DataFrame)
    assert all(isinstance(g.partitions[i].compute(), gpuframe.DataFrame) for i in range(4))
    assert g.npartitions == p.npartitions and g.divisions == p.divisions
    assert_frame_equal(g.compute(), p.compute())
    assert_frame_equal(g._meta, p._meta)


@pytest.mark.parametrize("index", ["i", "s", "v"])
def test_from_gpuframe_and_to_gpuframe_round_trip(index):
    pdf = pd.DataFrame(sample(30)).dropna().set_index(index).sort_index(kind="stable")
    ddf = idask.from_gpuframe(gpuframe.from_pandas(pdf), npartitions=3)
    ref = dd.from_pandas(pdf, npartitions=3)
    assert ddf.divisions == ref.divisions  # the same cut as Dask's from_pandas
    out = idask.to_gpuframe(ddf)
    assert isinstance(out, gpuframe.DataFrame)
    assert_frame_equal(out, pdf)
    # a pandas-backed collection comes back as gpuframe too
    assert_frame_equal(idask.to_gpuframe(ref), pdf)
    # an unsorted index is sorted (known divisions) unless sort=False
    shuffled = gpuframe.from_pandas(pdf.sample(frac=1.0, random_state=1))
    assert idask.from_gpuframe(shuffled, npartitions=3).known_divisions
    unsorted = idask.from_gpuframe(shuffled, npartitions=3, sort=False)
    assert not unsorted.known_divisions
    assert_frame_equal(idask.to_gpuframe(unsorted), shuffled)


def test_from_gpuframe_series():
    s = gpuframe.Series([3.0, 1.0, np.nan, 4.0], name="x")
    ds = idask.from_gpuframe(s, npartitions=2)
    assert isinstance(ds._meta, gpuframe.Series)
    assert_series_equal(ds.compute(), s.to_pandas())
    assert ds.sum().compute() == pytest.approx(s.to_pandas().sum())


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((pd.DataFrame({"a": [1]}),), TypeError, "`data` must be a gpuframe"),
        ((gpuframe.DataFrame({"a": [1]}), 0), ValueError, "`npartitions`.*received 0"),
        ((gpuframe.DataFrame({"a": [1]}), 1.5), TypeError, "`npartitions`.*received 1.5"),
    ],
)
def test_from_gpuframe_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        idask.from_gpuframe(*args)


def test_to_gpuframe_rejects_non_collections():
    with pytest.raises(TypeError, match="`collection` must be a Dask"):
        idask.to_gpuframe(gpuframe.DataFrame({"a": [1]}))


def test_to_backend_moves_between_pandas_and_gpuframe():
    data = sample()
    g, p = both(data)
    moved = p.to_backend("gpuframe")
    assert isinstance(moved._meta, gpuframe.DataFrame)
    assert isinstance(moved.partitions[1].compute(), gpuframe.DataFrame)
    assert_frame_equal(moved.compute(), p.compute())
    back = g.to_backend("pandas")
    assert isinstance(back._meta, pd.DataFrame)
    assert isinstance(back.partitions[1].compute(), pd.DataFrame)
    pd.testing.assert_frame_equal(back.compute(), p.compute())


# ----------------------------------------------------------------------------------- I/O
@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("pq")
    pdf = pd.DataFrame(sample(60, seed=3))
    for i, part in enumerate(np.array_split(np.arange(60), 3)):
        pdf.iloc[part].reset_index(drop=True).to_parquet(d / f"part.{i}.parquet")
    return d, pdf


def test_read_parquet_with_backend(parquet_dir):
    d, pdf = parquet_dir
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        g = dd.read_parquet(str(d))
    with dask.config.set({"dataframe.convert-string": False}):
        p = dd.read_parquet(str(d))
        ref = dd.read_parquet(str(d), columns=["k", "v"], filters=[("k", ">=", 2)])
    assert g.npartitions == 3
    assert isinstance(g.partitions[2].compute(), gpuframe.DataFrame)
    assert_frame_equal(g._meta, p._meta)
    assert_frame_equal(g.compute(), p.compute())
    # column selection and row filters are pushed down to the readers
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        sel = dd.read_parquet(str(d), columns=["k", "v"], filters=[("k", ">=", 2)])
    assert_frame_equal(sel.compute(), ref.compute())
    assert_series_equal(g["v"].compute(), p["v"].compute())


@pytest.mark.parametrize("index", [None, "i"])
def test_read_parquet_written_by_dask_on_pandas(tmp_path, index):
    pdf = pd.DataFrame(sample(24, seed=4))
    if index is not None:
        pdf = pdf.set_index(index)
    with dask.config.set({"dataframe.convert-string": False}):
        dd.from_pandas(pdf, npartitions=3).to_parquet(str(tmp_path))
        p = dd.read_parquet(str(tmp_path))
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        g = dd.read_parquet(str(tmp_path))
    assert g._meta.index.name == p._meta.index.name
    assert_frame_equal(g.compute().to_pandas().sort_index(), p.compute().sort_index())


@pytest.mark.parametrize("index", [None, "i"])
def test_to_parquet_round_trip(tmp_path, index):
    pdf = pd.DataFrame(sample(24, seed=6))
    if index is not None:
        pdf = pdf.set_index(index).sort_index(kind="stable")
    ddf = idask.from_gpuframe(gpuframe.from_pandas(pdf), npartitions=3)
    assert isinstance(ddf, idask.GpuframeDaskDataFrame)
    ddf.to_parquet(str(tmp_path / "g"))
    with dask.config.set({"dataframe.convert-string": False}):
        dd.from_pandas(pdf, npartitions=3).to_parquet(str(tmp_path / "p"))
        by_pandas = dd.read_parquet(str(tmp_path / "g")).compute()
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == sorted(
        p.name for p in (tmp_path / "p").iterdir()
    )
    pd.testing.assert_frame_equal(by_pandas, pdf, check_index_type=False)
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        back = dd.read_parquet(str(tmp_path / "g"))
    assert_frame_equal(back.compute(), pdf, check_index_type=False)


def test_read_parquet_rejects_bad_input(parquet_dir, tmp_path):
    d, _ = parquet_dir
    with pytest.raises(FileNotFoundError, match="no files found"):
        idask.read_parquet(str(tmp_path / "missing"))
    with pytest.raises(KeyError, match="'nope'"):
        idask.read_parquet(str(d), columns=["nope"])
    with pytest.raises(NotImplementedError, match="split_row_groups"):
        idask.read_parquet(str(d), split_row_groups=True)
    hive = tmp_path / "hive" / "year=2020"
    hive.mkdir(parents=True)
    pd.DataFrame({"a": [1]}).to_parquet(hive / "part.0.parquet")
    with pytest.raises(NotImplementedError, match="hive-partitioned"):
        idask.read_parquet(str(tmp_path / "hive"))


def test_read_csv_and_json_with_backend(tmp_path):
    pdf = pd.DataFrame(sample(20, seed=5)).fillna({"v": 0.5})
    for i, part in enumerate(np.array_split(np.arange(20), 2)):
        pdf.iloc[part].to_csv(tmp_path / f"p{i}.csv", index=False)
        pdf.iloc[part].to_json(tmp_path / f"p{i}.json", orient="records", lines=True)
    with dask.config.set({"dataframe.backend": "gpuframe"}):
        gc = dd.read_csv(str(tmp_path / "*.csv"))
        gj = dd.read_json(str(tmp_path / "*.json"), lines=True)
    for g, p in ((gc, dd.read_csv(str(tmp_path / "*.csv"))), (gj, None)):
        assert g.npartitions == 2
        assert isinstance(g.partitions[0].compute(), gpuframe.DataFrame)
        expected = pdf if p is None else p.compute()
        assert_frame_equal(
            sort_frame(g.compute().to_pandas()), sort_frame(expected), check_dtype=False
        )


# ---------------------------------------------------------------------------- operations
def test_map_partitions_filter_and_assign():
    g, p = both(sample())

    def f(df):
        return df.assign(w=df["v"] * 2 + df["i"])

    assert_frame_equal(g.map_partitions(f).compute(), p.map_partitions(f).compute())
    assert_frame_equal(g[g["i"] > 0].compute(), p[p["i"] > 0].compute())
    assert_frame_equal(g.assign(w=g["v"] - g["k"]).compute(), p.assign(w=p["v"] - p["k"]).compute())
    assert_frame_equal(g.head(7), p.head(7))


@pytest.mark.parametrize("op", ["sum", "mean", "count", "min", "max"])
def test_series_reductions(op):
    g, p = both(sample())
    for col in ("v", "i"):
        got = computed(getattr(g[col], op)())
        want = computed(getattr(p[col], op)())
        assert got == pytest.approx(want, rel=1e-12)
    assert len(g) == len(p)


@needs("frame_reduction")
@pytest.mark.parametrize("op", ["sum", "mean", "count", "min", "max"])
def test_frame_reductions(op):
    g, p = both(sample())
    cols = ["k", "v", "i"]
    assert_series_equal(getattr(g[cols], op)().compute(), getattr(p[cols], op)().compute())


@pytest.mark.parametrize("key", ["k", "s", ["k", "s"]])
def test_groupby_agg(key):
    g, p = both(sample(80))
    spec = {"v": ["sum", "mean", "count", "min", "max"], "i": ["sum", "max"]}
    got = g.groupby(key).agg(spec).compute().to_pandas().sort_index()
    want = p.groupby(key).agg(spec).compute().sort_index()
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("op", ["sum", "count", "min", "max"])
def test_groupby_series_reductions(op):
    g, p = both(sample(80))
    got = getattr(g.groupby("s")["v"], op)().compute().to_pandas().sort_index()
    want = getattr(p.groupby("s")["v"], op)().compute().sort_index()
    pd.testing.assert_series_equal(got, want)


@needs("groupby_mean")
def test_groupby_mean():
    g, p = both(sample(80))
    got = g.groupby("k")[["v", "i"]].mean().compute().to_pandas().sort_index()
    want = p.groupby("k")[["v", "i"]].mean().compute().sort_index()
    pd.testing.assert_frame_equal(got, want)


@needs("shuffle")
def test_groupby_split_out_and_shuffle():
    g, p = both(sample(80))
    got = g.groupby("k")["v"].sum(split_out=2).compute().to_pandas().sort_index()
    pd.testing.assert_series_equal(got, p.groupby("k")["v"].sum().compute().sort_index())
    shuffled = g.shuffle("s", npartitions=3)
    parts = [shuffled.partitions[i].compute().to_pandas() for i in range(3)]
    owners = [set(part["s"]) for part in parts]
    assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1 :])
    assert_frame_equal(
        sort_frame(pd.concat(parts)), sort_frame(p.compute()), check_index_type=False
    )


@needs("value_counts")
def test_value_counts_nunique_and_drop_duplicates():
    g, p = both(sample(80))
    got = g["s"].value_counts().compute().to_pandas().sort_index()
    pd.testing.assert_series_equal(got, p["s"].value_counts().compute().sort_index())
    assert int(g["k"].nunique().compute()) == int(p["k"].nunique().compute())
    got = g.drop_duplicates(subset=["k", "s"]).compute().to_pandas()[["k", "s"]]
    want = p.drop_duplicates(subset=["k", "s"]).compute()[["k", "s"]]
    pd.testing.assert_frame_equal(sort_frame(got), sort_frame(want))


@needs("merge")
@pytest.mark.parametrize("how", ["inner", "left"])
def test_merge(how):
    g, p = both(sample(60), npartitions=3)
    right = {"k": [0, 1, 2, 3, 7], "w": [10.0, 11.0, 12.0, 13.0, 17.0]}
    gr, pr = both(right, npartitions=2)
    got = g.merge(gr, on="k", how=how).compute().to_pandas()
    want = p.merge(pr, on="k", how=how).compute()
    pd.testing.assert_frame_equal(sort_frame(got), sort_frame(want))


@needs("set_index")
def test_set_index_and_sort_values():
    g, p = both(sample(60), npartitions=3)
    got = g.set_index("i")
    assert got.known_divisions
    got = got.compute().to_pandas()
    want = p.set_index("i").compute()
    assert got.index.is_monotonic_increasing  # rows with equal labels may come in any order
    assert_frame_equal(sort_frame(got.reset_index()), sort_frame(want.reset_index()))
    got_sorted = g.sort_values("i").compute().to_pandas()
    want_sorted = p.sort_values("i").compute()
    assert got_sorted["i"].tolist() == want_sorted["i"].tolist()


def test_repartition_keeps_gpuframe_partitions():
    g, p = both(sample(), npartitions=4)
    r = g.repartition(npartitions=2)
    assert r.npartitions == 2
    assert isinstance(r.partitions[0].compute(), gpuframe.DataFrame)
    assert_frame_equal(r.compute(), p.compute())
