"""dl suite: one epoch of an MLP 784-256-256-10 with Adam, batch 128, MNIST-shaped data.

``python -m benchmarks.dl.suite [--quick] [--device cpu|gpu] [--threads 1]`` prints a table;
``python -m benchmarks.run --suites dl`` collects the same records.

Both sides get the same float32 data (60,000 rows of 784 features, 10 random classes), the
same initial weights, the same Adam settings (lr 1e-3, betas 0.9/0.999, epsilon 1e-8) and
the same number of BLAS threads (``--threads``, default 1: numpy's OpenBLAS through
threadpoolctl, torch through ``torch.set_num_threads``). An epoch is the 468 full batches
of 128 (the last partial batch is dropped on both sides). Before any timing, the per-step
losses of the first steps must agree (float32: rtol 1e-3), else the suite raises.
``dl`` runs one traced ``dl.function`` step; torch runs its eager step (autograd +
``torch.optim.Adam``); TensorFlow, where installed, a ``tf.function`` step.
Each side is timed ``repeats`` times, alternating, and the best epoch is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

SIZES = (784, 256, 256, 10)
BATCH = 128
LR, BETA_1, BETA_2, EPSILON = 1e-3, 0.9, 0.999, 1e-8
CHECK_STEPS = 10
CHECK_RTOL = 1e-3

Trainer = Callable[[int], float]  # step(i) trains on batch i and returns its loss (as float)


def make_data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """MNIST-shaped float32 features, int32 labels and He-initialised weights/biases."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, SIZES[0])).astype(np.float32)
    y = rng.integers(0, SIZES[-1], n).astype(np.int32)
    init: list[np.ndarray] = []
    for a, b in zip(SIZES[:-1], SIZES[1:]):
        init.append((rng.standard_normal((a, b)) * np.sqrt(2.0 / a)).astype(np.float32))
        init.append(np.zeros(b, np.float32))
    return x, y, init


# -- the three implementations of one training step ----------------------------------------------


def dl_trainer(x: np.ndarray, y: np.ndarray, init: list, device: str) -> tuple[Trainer, Any]:
    """A traced ``dl`` step; returns ``(step, sync)``."""
    import dl
    import gpuframe

    gpu = device.startswith("gpu")
    if gpu:
        import cupy

        with gpuframe.on_device(device):
            x, y = cupy.asarray(x), cupy.asarray(y)
            init = [cupy.asarray(p) for p in init]

    vs = [dl.Variable(p.copy()) for p in init]
    opt = dl.optimizers.Adam(LR, beta_1=BETA_1, beta_2=BETA_2, epsilon=EPSILON)

    @dl.function
    def train_step(xb: Any, yb: Any) -> Any:
        with dl.GradientTape() as tape:
            h = xb
            for i in range(0, len(vs), 2):
                h = dl.matmul(h, vs[i]) + vs[i + 1]
                if i < len(vs) - 2:
                    h = dl.nn.relu(h)
            loss = dl.reduce_mean(dl.nn.sparse_softmax_cross_entropy_with_logits(yb, h))
        opt.apply_gradients(zip(tape.gradient(loss, vs), vs))
        return loss

    def step(i: int) -> Any:
        xb, yb = x[i * BATCH : (i + 1) * BATCH], y[i * BATCH : (i + 1) * BATCH]
        if gpu:
            with gpuframe.on_device(device):
                return train_step(xb, yb)
        return train_step(xb, yb)

    def sync() -> None:
        if gpu:
            import cupy

            cupy.cuda.Device().synchronize()

    return step, sync


def torch_trainer(x: np.ndarray, y: np.ndarray, init: list, device: str) -> tuple[Trainer, Any]:
    """A torch eager step (autograd + ``torch.optim.Adam``); returns ``(step, sync)``."""
    import torch

    dev = "cuda" if device.startswith("gpu") else "cpu"
    xt = torch.from_numpy(x).to(dev)
    yt = torch.from_numpy(y.astype(np.int64)).to(dev)
    ps = [torch.tensor(p.copy(), device=dev, requires_grad=True) for p in init]
    opt = torch.optim.Adam(ps, lr=LR, betas=(BETA_1, BETA_2), eps=EPSILON)

    def step(i: int) -> Any:
        xb, yb = xt[i * BATCH : (i + 1) * BATCH], yt[i * BATCH : (i + 1) * BATCH]
        opt.zero_grad()
        h = xb
        for k in range(0, len(ps), 2):
            h = h @ ps[k] + ps[k + 1]
            if k < len(ps) - 2:
                h = torch.relu(h)
        loss = torch.nn.functional.cross_entropy(h, yb)
        loss.backward()
        opt.step()
        return loss.detach()

    def sync() -> None:
        if dev == "cuda":
            torch.cuda.synchronize()

    return step, sync


def tensorflow_trainer(
    x: np.ndarray, y: np.ndarray, init: list, device: str
) -> tuple[Trainer, Any]:
    """A TensorFlow ``tf.function`` step (same update as the others); returns ``(step, sync)``."""
    import tensorflow as tf

    dev = "/GPU:0" if device.startswith("gpu") else "/CPU:0"
    with tf.device(dev):
        xt, yt = tf.constant(x), tf.constant(y)
        vs = [tf.Variable(p.copy()) for p in init]
        ms = [tf.Variable(np.zeros_like(p)) for p in init]
        vv = [tf.Variable(np.zeros_like(p)) for p in init]
        t = tf.Variable(0.0)

    # Adam written out (Keras folds the bias correction into the rate, which scales epsilon)
    @tf.function(jit_compile=False)
    def train_step(xb: Any, yb: Any) -> Any:
        with tf.GradientTape() as tape:
            h = xb
            for k in range(0, len(vs), 2):
                h = tf.matmul(h, vs[k]) + vs[k + 1]
                if k < len(vs) - 2:
                    h = tf.nn.relu(h)
            loss = tf.reduce_mean(
                tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=h)
            )
        grads = tape.gradient(loss, vs)
        t.assign_add(1.0)
        c1, c2 = 1.0 - BETA_1**t, 1.0 - BETA_2**t
        for g, v, m, s in zip(grads, vs, ms, vv):
            m.assign(m * BETA_1 + g * (1 - BETA_1))
            s.assign(s * BETA_2 + g * g * (1 - BETA_2))
            v.assign_sub((LR / c1) * m / (tf.sqrt(s / c2) + EPSILON))
        return loss

    def step(i: int) -> Any:
        with tf.device(dev):
            return train_step(xt[i * BATCH : (i + 1) * BATCH], yt[i * BATCH : (i + 1) * BATCH])

    def sync() -> None:
        pass

    return step, sync


TRAINERS: dict[str, Callable[..., tuple[Trainer, Any]]] = {
    "dl": dl_trainer,
    "torch": torch_trainer,
    "tensorflow": tensorflow_trainer,
}


# -- measuring ----------------------------------------------------------------------------------


@contextlib.contextmanager
def blas_threads(threads: int) -> Iterator[None]:
    """Give numpy's BLAS, torch and TensorFlow the same number of threads (BLAS and torch
    restored afterwards)."""
    from threadpoolctl import threadpool_limits

    old_torch = None
    if "torch" in sys.modules or importlib.util.find_spec("torch") is not None:
        import torch

        old_torch = torch.get_num_threads()
        torch.set_num_threads(threads)
    if importlib.util.find_spec("tensorflow") is not None:
        import tensorflow as tf

        try:  # only possible before TensorFlow's runtime starts
            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        except RuntimeError as e:
            print(f"[warn] dl suite: TensorFlow threads not set: {e}", file=sys.stderr)
    try:
        with threadpool_limits(limits=threads, user_api="blas"):
            yield
    finally:
        if old_torch is not None:
            import torch

            torch.set_num_threads(old_torch)


def _losses(trainer: Callable[..., tuple[Trainer, Any]], data: tuple, device: str) -> list[float]:
    step, _ = trainer(*data, device)
    return [float(step(i)) for i in range(CHECK_STEPS)]


def check_losses(peers: list[str], data: tuple, device: str) -> dict[str, float]:
    """Train fresh models ``CHECK_STEPS`` steps; max relative loss difference per peer.

    Raises ``AssertionError`` when a peer's losses differ from dl's by more than CHECK_RTOL.
    """
    ours = np.array(_losses(dl_trainer, data, device))
    out = {}
    for p in peers:
        theirs = np.array(_losses(TRAINERS[p], data, device))
        rel = float(np.max(np.abs(ours - theirs) / np.abs(theirs)))
        if not rel <= CHECK_RTOL:
            raise AssertionError(
                f"dl and {p} disagree on the losses of the first {CHECK_STEPS} steps "
                f"(max rel. diff {rel:.2e}): dl {ours.tolist()} vs {p} {theirs.tolist()}"
            )
        out[p] = rel
    return out


def time_epoch(step: Trainer, sync: Any, n_batches: int) -> tuple[float, float]:
    """Seconds for one pass over ``n_batches`` batches, and the last batch's loss."""
    gc.collect()
    sync()
    t0 = time.perf_counter()
    for i in range(n_batches):
        loss = step(i)
    sync()
    return time.perf_counter() - t0, float(loss)


def available_peers() -> list[str]:
    return [p for p in ("torch", "tensorflow") if importlib.util.find_spec(p) is not None]


def run(
    device: str = "cpu", quick: bool = False, *, threads: int = 1, repeats: int | None = None
) -> list[dict[str, Any]]:
    """Benchmark records ``{suite, case, n, device, ours_s, peer, peer_s, ratio, ...}``.

    One record per installed peer (torch, TensorFlow); ``quick`` trains on 6,000 rows.
    """
    peers = available_peers()
    if not peers:
        print("[skip] dl suite: neither torch nor tensorflow is installed", file=sys.stderr)
        return []
    if device.startswith("gpu"):
        from gpuframe.backend import namespace_for

        try:
            namespace_for(device)
        except Exception as e:  # noqa: BLE001 - no GPU here: skip, do not mislabel CPU figures
            print(f"[skip] dl suite on {device!r}: {e}", file=sys.stderr)
            return []
    n = 6_000 if quick else 60_000
    repeats = repeats if repeats is not None else (1 if quick else 3)
    n_batches = n // BATCH
    data = make_data(n)
    records = []
    with blas_threads(threads):
        agreement = check_losses(peers, data, device)
        trainers = {name: TRAINERS[name](*data, device) for name in ["dl", *peers]}
        for step, _ in trainers.values():  # trace / compile / warm caches, untimed
            step(0)
        best: dict[str, float] = {}
        final: dict[str, float] = {}  # last batch's loss after all epochs (same steps on each side)
        for _ in range(repeats):
            for name, (step, sync) in trainers.items():
                t, final[name] = time_epoch(step, sync, n_batches)
                best[name] = min(t, best.get(name, t))
    case = f"MLP 784-256-256-10 Adam epoch, batch {BATCH}"
    for p in peers:
        ours_s, peer_s = best["dl"], best[p]
        records.append(
            {
                "suite": "dl",
                "case": case,
                "n": n,
                "device": device,
                "ours_s": ours_s,
                "peer": p,
                "peer_s": peer_s,
                "ratio": ours_s / peer_s,
                "threads": threads,
                "repeats": repeats,
                "loss_rel_diff": agreement[p],
                "final_loss_ours": final["dl"],
                "final_loss_peer": final[p],
            }
        )
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads for every side")
    ap.add_argument("--repeats", type=int, default=None)
    args = ap.parse_args(argv)
    recs = run(args.device, args.quick, threads=args.threads, repeats=args.repeats)
    print(
        "| case | n | device | threads | dl (s) | peer | peer (s) | dl/peer "
        "| loss rel. diff (10 steps) | final loss dl / peer |"
    )
    print("|---|---:|---|---:|---:|---|---:|---:|---:|---|")
    for r in recs:
        print(
            f"| {r['case']} | {r['n']} | {r['device']} | {r['threads']} | {r['ours_s']:.3f} "
            f"| {r['peer']} | {r['peer_s']:.3f} | {r['ratio']:.2f} | {r['loss_rel_diff']:.1e} "
            f"| {r['final_loss_ours']:.4f} / {r['final_loss_peer']:.4f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
