"""The end-to-end pipeline (``make demo``) against pandas + scikit-learn on the same data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from gpuframe.testing import assert_frame_equal

ROOT = Path(__file__).resolve().parents[2]


def _pipeline():
    spec = importlib.util.spec_from_file_location("pipeline", ROOT / "examples" / "pipeline.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["pipeline"] = mod
    spec.loader.exec_module(mod)
    return mod


def _pandas_features(path: Path, features: list[str]) -> pd.DataFrame:
    df = pd.read_parquet(path / "purchases.parquet")
    df["night"] = (df["ts"].dt.hour < 6).astype("float64")
    df["items"] = df["items"].astype("float64")
    feats = df.groupby("customer_id", as_index=False).agg(
        n_purchases=("amount", "count"),
        total_amount=("amount", "sum"),
        mean_amount=("amount", "mean"),
        max_amount=("amount", "max"),
        mean_items=("items", "mean"),
        night_share=("night", "mean"),
        n_stores=("store", "nunique"),
    )
    out = feats.merge(pd.read_parquet(path / "customers.parquet"), on="customer_id", how="inner")
    for name in features:
        out[name] = out[name].astype("float64")
    return out


def test_features_equal_pandas(tmp_path):
    pipeline = _pipeline()
    pipeline.make_data(tmp_path, n_rows=20_000, n_customers=700, seed=3)
    got = pipeline.build_features(tmp_path)
    expected = _pandas_features(tmp_path, pipeline.FEATURES)
    assert_frame_equal(got, expected, check_exact=False, rtol=1e-12)


def test_pipeline_matches_sklearn_and_stays_on_device():
    from sklearn.linear_model import LogisticRegression as SkLogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    pipeline = _pipeline()
    r = pipeline.run(n_rows=30_000, n_customers=1_000, seed=1)
    assert r.device == "cpu"
    assert r.host_to_device_bytes == 0 and r.device_to_host_bytes == 0
    assert sum(r.segment_sizes) == r.n_customers - int(np.ceil(0.25 * r.n_customers))  # train rows

    # the same model in scikit-learn on the same features and split
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        pipeline.make_data(Path(tmp), 30_000, 1_000, 1)
        feats = _pandas_features(Path(tmp), pipeline.FEATURES)
    X = feats[pipeline.FEATURES].to_numpy()
    y = feats["churned"].to_numpy()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
    sc = StandardScaler().fit(X_tr)
    sk = SkLogisticRegression(max_iter=200).fit(sc.transform(X_tr), y_tr)
    sk_acc = float(np.mean(sk.predict(sc.transform(X_te)) == y_te))
    assert abs(r.logreg_accuracy - sk_acc) <= 0.01
    assert r.mlp_accuracy >= sk_acc - 0.05
    assert np.isfinite(r.mlp_final_loss) and r.mlp_final_loss < 0.5


@pytest.mark.gpu
def test_pipeline_on_gpu_moves_only_the_load():
    import gpuframe

    pipeline = _pipeline()
    with gpuframe.on_device("gpu"):
        r = pipeline.run(n_rows=50_000, n_customers=1_500, seed=2)
    assert r.device.startswith("gpu")
    # purchases + customers columns enter once; only scalars/labels come back
    assert r.host_to_device_bytes <= 50_000 * 40 + 1_500 * 16
    assert r.device_to_host_bytes <= 1_500 * 64
