"""The main job: Parquet -> gpuframe -> features -> ml estimators -> dl model, on one device.

``make demo`` runs it on the GPU when one is present, else on the CPU (force one with
``GPUFRAME_DEVICE=cpu|gpu``). The data is read once into device memory; features, the
scikit-learn-style estimators and the deep-learning model all take the same device buffers,
and ``gpuframe.transfer_stats()`` at the end shows how little crossed between host and device.

Steps:

1. write a synthetic table of purchases (customer, store, time, amount, items) to Parquet;
2. ``gpuframe.read_parquet`` it onto the device, derive columns with ``.dt``/``.str`` and
   operators, aggregate per customer with ``groupby`` and ``merge`` the customer labels;
3. ``interop.as_array`` the feature columns into one device matrix;
4. ``ml``: train/test split, StandardScaler, LogisticRegression (churn), KMeans (segments);
5. ``dl``: a small MLP trained with ``GradientTape`` and Adam inside ``@dl.function``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import gpuframe

FEATURES = [
    "n_purchases",
    "total_amount",
    "mean_amount",
    "max_amount",
    "mean_items",
    "night_share",
    "n_stores",
]


@dataclass
class Result:
    device: str
    n_rows: int
    n_customers: int
    logreg_accuracy: float
    mlp_accuracy: float
    mlp_final_loss: float
    kmeans_inertia: float
    segment_sizes: list[int]
    host_to_device_bytes: int
    device_to_host_bytes: int
    seconds: float


def make_data(path: Path, n_rows: int, n_customers: int, seed: int = 0) -> None:
    """Write purchases and customer labels; churners buy less, less often and at night."""
    rng = np.random.default_rng(seed)
    churn = rng.random(n_customers) < 0.35
    activity = np.where(churn, rng.gamma(2.0, 0.6, n_customers), rng.gamma(2.0, 1.0, n_customers))
    cust = rng.choice(n_customers, size=n_rows, p=activity / activity.sum())
    base = np.where(churn[cust], 25.0, 45.0)
    amount = np.round(rng.gamma(2.0, base / 2.0), 2)
    night = rng.random(n_rows) < np.where(churn[cust], 0.45, 0.15)
    hour = np.where(night, rng.integers(0, 6, n_rows), rng.integers(8, 22, n_rows))
    day = rng.integers(0, 365, n_rows)
    ts = np.datetime64("2026-01-01T00:00:00", "s") + (
        day * 86400 + hour * 3600 + rng.integers(0, 3600, n_rows)
    ).astype("timedelta64[s]")
    stores = np.array([f"store_{i:02d}" for i in range(20)])
    purchases = pa.table(
        {
            "customer_id": cust.astype(np.int64),
            "store": pa.array(stores[rng.integers(0, 20, n_rows)]),
            "ts": pa.array(ts),
            "amount": amount,
            "items": rng.integers(1, 8, n_rows).astype(np.int32),
        }
    )
    customers = pa.table({"customer_id": np.arange(n_customers), "churned": churn})
    pq.write_table(purchases, path / "purchases.parquet")
    pq.write_table(customers, path / "customers.parquet")


def build_features(path: Path) -> gpuframe.DataFrame:
    """Per-customer features from the purchases, joined with the churn label."""
    df = gpuframe.read_parquet(path / "purchases.parquet")
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
    customers = gpuframe.read_parquet(path / "customers.parquet")
    out = feats.merge(customers, on="customer_id", how="inner")
    for name in FEATURES:
        out[name] = out[name].astype("float64")
    return out


def train_mlp(X, y, *, epochs: int = 60, seed: int = 0):
    """A 2-layer MLP on device arrays with dl ops, GradientTape and Adam in a traced step."""
    import dl

    n_in = int(X.shape[1])
    w1 = dl.Variable(dl.random.normal((n_in, 16), stddev=0.3, seed=seed, dtype=dl.float64))
    b1 = dl.Variable(dl.zeros((16,), dtype=dl.float64))
    w2 = dl.Variable(dl.random.normal((16, 1), stddev=0.3, seed=seed + 1, dtype=dl.float64))
    b2 = dl.Variable(dl.zeros((1,), dtype=dl.float64))
    params = [w1, b1, w2, b2]
    opt = dl.optimizers.Adam(learning_rate=0.05)
    xt = dl.constant(X)
    yt = dl.reshape(dl.cast(dl.constant(y), dl.float64), (-1, 1))

    def logits(x):
        return dl.matmul(dl.nn.relu(dl.matmul(x, w1) + b1), w2) + b2

    @dl.function
    def step(x, t):
        with dl.GradientTape() as tape:
            loss = dl.reduce_mean(
                dl.nn.sigmoid_cross_entropy_with_logits(labels=t, logits=logits(x))
            )
        grads = tape.gradient(loss, params)
        opt.apply_gradients(zip(grads, params))
        return loss

    loss = None
    for _ in range(epochs):
        loss = step(xt, yt)
    return logits, float(loss.numpy())


def run(n_rows: int = 1_000_000, n_customers: int = 20_000, seed: int = 0) -> Result:
    """Run the whole pipeline on the current device and return its figures."""
    import dl
    import interop
    from ml.cluster import KMeans
    from ml.linear_model import LogisticRegression
    from ml.metrics import accuracy_score
    from ml.model_selection import train_test_split
    from ml.preprocessing import StandardScaler

    device = str(gpuframe.current_device())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp)
        make_data(path, n_rows, n_customers, seed)
        gpuframe.backend.reset_transfer_stats()
        t0 = time.perf_counter()
        feats = build_features(path)

    X = interop.as_array(feats[FEATURES])  # one device matrix
    y = interop.as_array(feats["churned"])
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=seed)
    scaler = StandardScaler().fit(X_tr)
    Xs_tr, Xs_te = scaler.transform(X_tr), scaler.transform(X_te)

    logreg = LogisticRegression(max_iter=200).fit(Xs_tr, y_tr)
    logreg_acc = float(accuracy_score(y_te, logreg.predict(Xs_te)))

    km = KMeans(n_clusters=4, n_init=2, random_state=seed).fit(Xs_tr)
    sizes = np.bincount(gpuframe.backend.to_host(km.labels_), minlength=4).tolist()

    logits, final_loss = train_mlp(Xs_tr, y_tr, seed=seed)
    pred = logits(dl.constant(Xs_te)).numpy().ravel() > 0
    mlp_acc = float(np.mean(pred == gpuframe.backend.to_host(y_te).astype(bool)))
    elapsed = time.perf_counter() - t0
    stats = gpuframe.transfer_stats()
    return Result(
        device=device,
        n_rows=n_rows,
        n_customers=int(X.shape[0]),
        logreg_accuracy=logreg_acc,
        mlp_accuracy=mlp_acc,
        mlp_final_loss=final_loss,
        kmeans_inertia=float(km.inertia_),
        segment_sizes=sizes,
        host_to_device_bytes=stats.host_to_device_bytes,
        device_to_host_bytes=stats.device_to_host_bytes,
        seconds=elapsed,
    )


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--customers", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    r = run(args.rows, args.customers, args.seed)
    print(f"device: {r.device}   purchases: {r.n_rows:,}   customers: {r.n_customers:,}")
    print(f"pipeline (read -> features -> ml -> dl): {r.seconds:.2f} s")
    print(f"LogisticRegression churn accuracy: {r.logreg_accuracy:.3f}")
    print(
        f"MLP (dl) churn accuracy:           {r.mlp_accuracy:.3f}   final loss {r.mlp_final_loss:.4f}"
    )
    print(f"KMeans segments: {r.segment_sizes}   inertia {r.kmeans_inertia:,.1f}")
    print(
        f"host->device: {r.host_to_device_bytes:,} B   device->host: {r.device_to_host_bytes:,} B"
    )


if __name__ == "__main__":
    main()
