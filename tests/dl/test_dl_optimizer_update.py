"""The one-pass Adam primitive (``adam_update``) and the in-place writes of the traced
schedule: bitwise equal to the composed float ops, never writing into arrays held elsewhere."""

from __future__ import annotations

import numpy as np
import pytest

import dl
from dl.graph._fusion import NUMBA_MIN_SIZE
from dl.ops import adam_update

B1, B2, EPS = 0.9, 0.999, 1e-7


def _reference(p, m, v, g, lr, t):
    """Adam in NumPy, each operation in the variable's dtype (the composed dl ops' order)."""
    d = p.dtype.type
    c1 = d(1) - d(B1) ** d(t)
    c2 = d(1) - d(B2) ** d(t)
    m = m * d(B1) + g * d(1 - B1)
    v = v * d(B2) + g * g * d(1 - B2)
    return p - (d(lr) / c1) * m / (np.sqrt(v / c2) + d(EPS)), m, v


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_adam_update_equals_the_composed_ops(dtype):
    rng = np.random.default_rng(0)
    p, m, g = (rng.standard_normal((37, 5)).astype(dtype) for _ in range(3))
    v = (rng.standard_normal((37, 5)) ** 2).astype(dtype)
    d = np.dtype(dtype).type
    lr_t, c2 = d(0.01) / (d(1) - d(B1) ** d(3)), d(1) - d(B2) ** d(3)
    got = adam_update(p, m, v, g, lr_t, c2, beta_1=B1, beta_2=B2, epsilon=EPS)
    # the same formula with dl's elementwise ops, one at a time
    cm = dl.constant(m) * B1 + dl.constant(g) * (1 - B1)
    cv = dl.constant(v) * B2 + dl.constant(g) * dl.constant(g) * (1 - B2)
    cp = dl.constant(p) - dl.constant(lr_t) * cm / (dl.sqrt(cv / dl.constant(c2)) + EPS)
    for a, b in zip(got, (cp, cm, cv)):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    # eager: the inputs are left unchanged
    assert not np.shares_memory(got[0].numpy(), p)


@pytest.mark.parametrize("traced", [False, True])
def test_adam_steps_match_numpy_bitwise(traced):
    rng = np.random.default_rng(1)
    w0 = rng.standard_normal((64, 8)).astype(np.float32)
    x = rng.standard_normal((16, 64)).astype(np.float32)
    w = dl.Variable(w0.copy())
    opt = dl.optimizers.Adam(0.01, beta_1=B1, beta_2=B2, epsilon=EPS)

    def step(xb):
        with dl.GradientTape() as tape:
            loss = dl.reduce_sum(dl.matmul(xb, w))
        opt.apply_gradients([(tape.gradient(loss, w), w)])

    run = dl.function(step) if traced else step
    p, m, v = w0.copy(), np.zeros_like(w0), np.zeros_like(w0)
    g = np.broadcast_to(x.sum(axis=0)[:, None], w0.shape).astype(np.float32)
    for t in range(1, 4):
        run(x)
        p, m, v = _reference(p, m, v, g, 0.01, t)
        np.testing.assert_array_equal(w.numpy(), p)
        np.testing.assert_array_equal(opt.get_slot(w, "m").numpy(), m)
        np.testing.assert_array_equal(opt.get_slot(w, "v").numpy(), v)


def test_traced_adam_updates_in_place_but_never_arrays_held_elsewhere():
    w = dl.Variable(np.ones((32, 32), np.float32))
    opt = dl.optimizers.Adam(0.1)

    @dl.function
    def step():
        with dl.GradientTape() as tape:
            loss = dl.reduce_sum(w * w)
        opt.apply_gradients([(tape.gradient(loss, w), w)])

    step()
    assert "adam_update" in step.get_graph().op_counts()
    slots = [w, opt.get_slot(w, "m"), opt.get_slot(w, "v")]
    pointers = [s.value_array.ctypes.data for s in slots]
    step()
    assert [s.value_array.ctypes.data for s in slots] == pointers  # written in place
    held = dl.reshape(w, (-1,))  # an eager view of w's current buffer
    snapshot = held.numpy().copy()
    step()
    np.testing.assert_array_equal(held.numpy(), snapshot)  # not overwritten
    assert not np.array_equal(w.numpy().ravel(), snapshot)  # but w moved on


def test_fused_loop_written_into_its_own_input_matches_eager():
    n = int(np.ceil(np.sqrt(NUMBA_MIN_SIZE)))
    rng = np.random.default_rng(2)
    a, b = (dl.constant(rng.standard_normal((n, n))) for _ in range(2))

    def f(a, b):
        return dl.nn.relu(dl.matmul(a, b) * 2.0 + 1.0)

    traced = dl.function(f)
    np.testing.assert_array_equal(traced(a, b).numpy(), f(a, b).numpy())
    fused = [nd for nd in traced.get_graph(a, b).nodes if nd.op.name == "fused"]
    assert fused and fused[0].attrs["program"].uses_numba
    assert list(fused[0].attrs["program"]._nb) == [0]  # the kernel that writes into input 0


def test_adam_update_bad_input():
    with pytest.raises(dl.ShapeError, match="adam_update.*`m` shape"):
        adam_update(np.ones(3), np.ones(2), np.ones(3), np.ones(3), 0.1, 0.5)
    with pytest.raises(dl.ShapeError, match="`lr_t` must be a scalar"):
        adam_update(np.ones(3), np.ones(3), np.ones(3), np.ones(3), np.ones(3), 0.5)
    with pytest.raises(dl.DTypeError, match="float64"):
        adam_update(
            np.ones(3, np.float32), dl.constant(np.ones(3)), np.ones(3), np.ones(3), 0.1, 0.5
        )


@pytest.mark.parametrize(
    "make", [lambda: dl.optimizers.AdamW(0.01, weight_decay=0.1), lambda: dl.optimizers.Adam(0.01)]
)
def test_traced_adam_and_adamw_equal_eager_bitwise(make):
    rng = np.random.default_rng(5)
    w0 = rng.standard_normal((40, 6))
    x = rng.standard_normal((8, 40))

    def train(traced):
        w = dl.Variable(w0.copy())
        opt = make()

        def step(xb):
            with dl.GradientTape() as tape:
                loss = dl.reduce_sum(dl.matmul(xb, w) ** 2)
            opt.apply_gradients([(tape.gradient(loss, w), w)])

        run = dl.function(step) if traced else step
        for _ in range(4):
            run(x)
        return w.numpy(), opt.get_slot(w, "m").numpy(), opt.get_slot(w, "v").numpy()

    for a, b in zip(train(True), train(False)):
        np.testing.assert_array_equal(a, b)


def test_adam_update_on_every_backend(backend):
    rng = np.random.default_rng(6)
    host = [rng.standard_normal(5) for _ in range(3)] + [rng.standard_normal(5) ** 2]
    p, m, g, v = host
    args = [backend.asarray(a) for a in (p, m, v, g)] + [backend.asarray(0.5), backend.asarray(0.1)]
    got = adam_update(*args, beta_1=B1, beta_2=B2, epsilon=EPS)
    want = adam_update(p, m, v, g, 0.5, 0.1, beta_1=B1, beta_2=B2, epsilon=EPS)
    for a, b in zip(got, want):
        assert type(a.value_array) is type(args[0])
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-15)
