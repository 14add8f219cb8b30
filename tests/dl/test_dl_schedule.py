"""The compiled schedule's preallocated matmul buffers: used only for values that die inside
a run, so results returned by earlier calls are never overwritten."""

from __future__ import annotations

import numpy as np

import dl


def _ab(seed=0):
    rng = np.random.default_rng(seed)
    return (dl.constant(rng.standard_normal((6, 5))), dl.constant(rng.standard_normal((5, 4))))


def test_products_that_die_in_the_run_use_preallocated_buffers():
    @dl.function
    def f(a, b):
        return dl.reduce_sum(dl.nn.relu(dl.matmul(a, b) + 1.0))

    a, b = _ab()
    src = f.get_concrete_function(a, b).schedule.source
    assert "out=_ws[" in src
    for seed in range(3):
        a, b = _ab(seed)
        expected = np.maximum(a.numpy() @ b.numpy() + 1.0, 0).sum()
        np.testing.assert_allclose(float(f(a, b)), expected, rtol=1e-12)


def test_returned_products_and_their_views_are_fresh_arrays():
    @dl.function
    def f(a, b):
        p = dl.matmul(a, b)
        return p, dl.transpose(dl.matmul(a, b, transpose_b=False) * 1.0), dl.reshape(p, (-1,))

    a, b = _ab(0)
    first = [t.numpy().copy() for t in f(a, b)]
    held = f(a, b)
    a2, b2 = _ab(1)
    f(a2, b2)  # a later call must not write into arrays returned before
    for t, want in zip(held, first):
        np.testing.assert_array_equal(t.numpy(), want)
    np.testing.assert_allclose(first[0], a.numpy() @ b.numpy(), rtol=1e-12)


def test_products_assigned_to_variables_are_fresh_arrays():
    v = dl.Variable(np.zeros((6, 4)))

    @dl.function
    def f(a, b):
        v.assign(dl.matmul(a, b))
        return dl.reduce_sum(dl.matmul(a, b) * 2.0)

    a, b = _ab(0)
    f(a, b)
    snapshot = v.numpy()
    held = v.value_array
    a2, b2 = _ab(1)
    f(a2, b2)
    np.testing.assert_array_equal(held, snapshot)
    np.testing.assert_allclose(v.numpy(), a2.numpy() @ b2.numpy(), rtol=1e-12)


def test_sparse_cross_entropy_gradient_equals_the_composed_ops():
    rng = np.random.default_rng(3)
    logits = dl.constant(rng.standard_normal((7, 5)).astype(np.float32))
    labels = dl.constant(rng.integers(0, 5, 7).astype(np.int32))
    dy = dl.constant(rng.uniform(0.1, 1.0, 7).astype(np.float32))
    with dl.GradientTape() as tape:
        tape.watch(logits)
        loss = dl.nn.sparse_softmax_cross_entropy_with_logits(labels, logits)
    (got,) = tape.gradient(loss, [logits], output_gradients=dy)
    composed = (dl.nn.softmax(logits) - dl.one_hot(labels, 5)) * dl.expand_dims(dy, -1)
    assert got.dtype == dl.float32
    np.testing.assert_array_equal(got.numpy(), composed.numpy())


def test_bias_relu_fuses_into_one_loop_over_the_product_buffer():
    from dl.graph._fusion import NUMBA_MIN_SIZE

    rows = NUMBA_MIN_SIZE // 64 + 1
    rng = np.random.default_rng(4)
    x = dl.constant(rng.standard_normal((rows, 32)).astype(np.float32))
    w = dl.Variable(rng.standard_normal((32, 64)).astype(np.float32))
    b = dl.Variable(rng.standard_normal(64).astype(np.float32))

    def f(x):
        with dl.GradientTape() as tape:
            h = dl.nn.relu(dl.matmul(x, w) + b)
            loss = dl.reduce_sum(h * h)
        return h, tape.gradient(loss, [w, b])

    traced = dl.function(f)
    h, (gw, gb) = traced(x)
    eh, (egw, egb) = f(x)
    np.testing.assert_array_equal(h.numpy(), eh.numpy())
    np.testing.assert_allclose(gw.numpy(), egw.numpy(), rtol=1e-5)
    np.testing.assert_allclose(gb.numpy(), egb.numpy(), rtol=1e-5)
    programs = [n.attrs["program"] for n in traced.get_graph(x).nodes if n.op.name == "fused"]
    bias_relu = [p for p in programs if p.op_names == ["add", "relu"]]
    assert bias_relu and bias_relu[0].uses_numba  # a row-broadcast loop, not NumPy calls


def test_numpy_arguments_reuse_the_graph_of_their_shapes_and_dtypes():
    f = dl.function(lambda x, y: dl.reduce_sum(x * y))
    a, b = np.arange(6.0).reshape(2, 3), np.ones((2, 3))
    for _ in range(3):
        np.testing.assert_allclose(float(f(a, b)), 15.0)
    assert f.trace_count == 1
    np.testing.assert_allclose(float(f(a[:1], b[:1])), 3.0)  # new shape: a new graph
    np.testing.assert_allclose(float(f(a.astype(np.float32), b.astype(np.float32))), 15.0)
    assert f.trace_count == 3
    np.testing.assert_allclose(float(f(dl.constant(a), b)), 15.0)  # a tensor: the full key
    assert f.trace_count == 3
