"""The op cases, traced graphs with generated CuPy kernels, and training on the GPU: same
results as on the CPU."""

from __future__ import annotations

import numpy as np
import pytest
from dl_cases import CASES

import dl

pytestmark = pytest.mark.gpu

SKIP = {"dropout_fixed_mask"}  # CuPy's generator stream differs from NumPy's by design


def _run(fn, inputs, device):
    from gpuframe.backend import asarray

    ts = [dl.constant(asarray(a, device=device)) for a in inputs]
    wrt = [i for i, a in enumerate(inputs) if a.dtype == np.float64]
    with dl.GradientTape() as tape:
        tape.watch([ts[i] for i in wrt])
        out = fn(*ts)
        s = dl.reduce_sum(dl.cast(out, dl.float64) * 1.5)
    grads = tape.gradient(s, [ts[i] for i in wrt])
    return out.numpy(), [None if g is None else g.numpy() for g in grads]


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_on_gpu_matches_cpu(name):
    if name in SKIP:
        pytest.skip("random stream differs")
    fn, inputs, _ = CASES[name]
    import gpuframe

    with gpuframe.on_device("gpu"):
        out, grads = _run(fn, inputs, "gpu")
    ref_out, ref_grads = _run(fn, inputs, "cpu")
    np.testing.assert_allclose(out, ref_out, rtol=1e-9, atol=1e-11)
    for g, r in zip(grads, ref_grads):
        if r is None:
            assert g is None
        else:
            np.testing.assert_allclose(g, r, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("name", sorted(CASES))
def test_traced_case_on_gpu_matches_cpu(name):
    if name in SKIP:
        pytest.skip("random stream differs")
    fn, inputs, _ = CASES[name]
    import gpuframe

    traced = dl.function(lambda *ts: fn(*ts))
    with gpuframe.on_device("gpu"):
        from gpuframe.backend import asarray

        out = traced(*[dl.constant(asarray(a, device="gpu")) for a in inputs]).numpy()
    np.testing.assert_allclose(
        out, fn(*[dl.constant(a) for a in inputs]).numpy(), rtol=1e-9, atol=1e-11
    )


def test_fused_chain_runs_as_one_generated_kernel():
    import cupy

    import gpuframe

    def f(x, y):
        return dl.tanh(dl.exp(x) * y + 1.0) - dl.sigmoid(y)

    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((64, 33)), rng.standard_normal((64, 33))
    traced = dl.function(f)
    with gpuframe.on_device("gpu"):
        x, y = dl.constant(cupy.asarray(a)), dl.constant(cupy.asarray(b))
        out = traced(x, y)
        graph = traced.get_graph(x, y)
    assert graph.op_counts()["fused"] == 1
    program = next(n.attrs["program"] for n in graph.nodes if n.op.name == "fused")
    assert program._gpu is not None  # the ElementwiseKernel was built and used
    assert isinstance(out.value_array, cupy.ndarray)
    np.testing.assert_allclose(
        out.numpy(), np.tanh(np.exp(a) * b + 1) - 1 / (1 + np.exp(-b)), rtol=1e-12
    )


def test_mlp_training_on_gpu_matches_cpu():
    import gpuframe

    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((64, 12)), rng.integers(0, 3, 64)
    w0 = [
        rng.standard_normal((12, 8)) * 0.3,
        np.zeros(8),
        rng.standard_normal((8, 3)) * 0.3,
        np.zeros(3),
    ]

    def train(device):
        from gpuframe.backend import asarray

        with gpuframe.on_device(device):
            vs = [dl.Variable(asarray(w, device=device)) for w in w0]
            opt = dl.optimizers.Adam(0.01)

            @dl.function
            def step(xb, yb):
                with dl.GradientTape() as tape:
                    h = dl.nn.relu(dl.matmul(xb, vs[0]) + vs[1])
                    loss = dl.reduce_mean(
                        dl.nn.sparse_softmax_cross_entropy_with_logits(
                            yb, dl.matmul(h, vs[2]) + vs[3]
                        )
                    )
                opt.apply_gradients(zip(tape.gradient(loss, vs), vs))
                return loss

            xs, ys = dl.constant(asarray(x, device=device)), dl.constant(asarray(y, device=device))
            losses = [float(step(xs, ys)) for _ in range(10)]
        return losses, [v.numpy() for v in vs]

    (lg, wg), (lc, wc) = train("gpu"), train("cpu")
    np.testing.assert_allclose(lg, lc, rtol=1e-9)
    for a, b in zip(wg, wc):
        np.testing.assert_allclose(a, b, rtol=1e-8, atol=1e-12)


def test_traced_training_step_makes_no_host_to_device_copies():
    import cupy

    import gpuframe
    from gpuframe.backend import reset_transfer_stats, transfer_stats

    rng = np.random.default_rng(0)
    with gpuframe.on_device("gpu"):
        w = dl.Variable(cupy.asarray(rng.standard_normal((8, 3))))
        x = dl.constant(cupy.asarray(rng.standard_normal((16, 8))))
        y = dl.constant(cupy.asarray(rng.integers(0, 3, 16)))
        opt = dl.optimizers.Adam(0.01)

        @dl.function
        def step(xb, yb):
            with dl.GradientTape() as tape:
                loss = dl.reduce_mean(
                    dl.nn.sparse_softmax_cross_entropy_with_logits(yb, dl.matmul(xb, w) * 0.5)
                )
            opt.apply_gradients([(tape.gradient(loss, w), w)])
            return loss

        step(x, y)
        reset_transfer_stats()
        for _ in range(5):
            step(x, y)
        assert transfer_stats().host_to_device_calls == 0
        assert transfer_stats().device_to_host_calls == 0
