"""Tensors, variables, dtypes, operators, and the typed errors for bad input."""

from __future__ import annotations

import numpy as np
import pytest

import dl


def test_constant_dtypes_follow_tensorflow():
    assert dl.constant(1.0).dtype == dl.float32
    assert dl.constant([1, 2]).dtype == dl.int32
    assert dl.constant(True).dtype == dl.bool
    assert dl.constant(np.zeros(2)).dtype == dl.float64
    assert dl.constant(np.zeros(2, np.int64)).dtype == dl.int64
    assert dl.constant([1, 2], dtype=dl.float64).numpy().dtype == np.float64


def test_constant_does_not_copy_a_device_array():
    a = np.arange(4.0)
    assert dl.constant(a).numpy() is a


def test_operators_match_numpy():
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((3, 4)), rng.uniform(0.5, 2, (4,))
    x, y = dl.constant(a), dl.constant(b)
    for got, ref in [
        (x + y, a + b),
        (x - y, a - b),
        (x * y, a * b),
        (x / y, a / b),
        (y**2.0, b**2.0),
        (2.0 - x, 2.0 - a),
        (2.0 / y, 2.0 / b),
        (-x, -a),
        (abs(x), np.abs(a)),
        (x @ dl.constant(a.T), a @ a.T),
        (x[1:, ::2], a[1:, ::2]),
        (x[-1], a[-1]),
        (x.T, a.T),
        (x > 0.0, a > 0),
        (x == x, a == a),
        (x.reshape(4, 3), a.reshape(4, 3)),
    ]:
        np.testing.assert_allclose(got.numpy(), ref)


def test_reductions_and_shape_ops_match_numpy():
    a = np.random.default_rng(1).standard_normal((2, 3, 4))
    x = dl.constant(a)
    np.testing.assert_allclose(dl.reduce_sum(x, axis=[0, 2]).numpy(), a.sum((0, 2)))
    np.testing.assert_allclose(
        dl.reduce_mean(x, axis=-1, keepdims=True).numpy(), a.mean(-1, keepdims=True)
    )
    np.testing.assert_allclose(dl.reduce_logsumexp(x, axis=1).numpy(), np.log(np.exp(a).sum(1)))
    np.testing.assert_array_equal(dl.argmax(x, axis=2).numpy(), a.argmax(2))
    np.testing.assert_allclose(dl.concat([x, x], axis=1).numpy(), np.concatenate([a, a], 1))
    np.testing.assert_allclose(dl.gather(x, [2, 0], axis=2).numpy(), a[:, :, [2, 0]])
    np.testing.assert_allclose(
        dl.pad(x, [[0, 0], [1, 1], [0, 2]]).numpy(), np.pad(a, [(0, 0), (1, 1), (0, 2)])
    )
    parts = dl.split(x, 2, axis=2)
    np.testing.assert_allclose(parts[1].numpy(), a[:, :, 2:])
    np.testing.assert_allclose(
        dl.nn.softmax(x).numpy(), np.exp(a) / np.exp(a).sum(-1, keepdims=True)
    )


def test_fused_losses_are_stable_for_extreme_logits():
    logits = dl.constant(np.array([[1000.0, -1000.0, 0.0]]))
    loss = dl.nn.sparse_softmax_cross_entropy_with_logits(dl.constant(np.array([1])), logits)
    np.testing.assert_allclose(loss.numpy(), [2000.0])
    z = dl.constant(np.array([0.0, 1.0]))
    x = dl.constant(np.array([-800.0, 800.0]))
    np.testing.assert_allclose(
        dl.nn.sigmoid_cross_entropy_with_logits(z, x).numpy(), [0.0, 0.0], atol=1e-300
    )
    soft = dl.nn.softmax_cross_entropy_with_logits(dl.constant(np.array([[0.0, 1.0, 0.0]])), logits)
    np.testing.assert_allclose(soft.numpy(), [2000.0])


def test_variable_assign_and_checks():
    v = dl.Variable(np.zeros((2, 2)), name="w")
    v.assign(np.ones((2, 2)))
    v.assign_sub(np.full((2, 2), 0.5))
    np.testing.assert_array_equal(v.numpy(), np.full((2, 2), 0.5))
    with pytest.raises(dl.ShapeError, match=r"\(3,\).*\(2, 2\).*'w'"):
        v.assign(np.zeros(3))
    with pytest.raises(dl.DTypeError, match="float32.*float64"):
        v.assign(dl.constant(np.zeros((2, 2), np.float32)))


def test_shape_mismatch_names_the_op_and_both_shapes():
    with pytest.raises(dl.ShapeError, match=r"add: shapes \(2, 3\) and \(4,\)"):
        dl.add(dl.ones((2, 3)), dl.ones((4,)))
    with pytest.raises(
        dl.ShapeError,
        match=r"matmul: inner dimensions differ: a has shape \(2, 3\).*b has shape \(4, 5\)",
    ):
        dl.matmul(dl.ones((2, 3)), dl.ones((4, 5)))
    with pytest.raises(dl.ShapeError, match=r"reshape.*\(2, 3\).*\(4, -1\)"):
        dl.reshape(dl.ones((2, 3)), (4, -1))
    with pytest.raises(dl.ShapeError, match="conv2d: input has 3 channels"):
        dl.nn.conv2d(dl.ones((1, 4, 4, 3)), dl.ones((2, 2, 2, 1)))


def test_dtype_mismatch_is_a_typed_error():
    with pytest.raises(
        dl.DTypeError, match="multiply: dtype mismatch: x has float32, y has float64"
    ):
        dl.constant([1.0]) * dl.constant(np.array([1.0]))
    with pytest.raises(dl.DTypeError, match="float 0.5 with a int32"):
        dl.constant([1, 2]) * 0.5
    with pytest.raises(dl.DTypeError, match="Unsupported dtype 'uint8'"):
        dl.constant(np.zeros(2, np.uint8))
    with pytest.raises(dl.DTypeError, match="floating-point"):
        dl.exp(dl.constant([1, 2]))


def test_bfloat16_and_float16_on_the_cpu():
    x = dl.constant([1.0, 2.5], dtype=dl.bfloat16)
    assert x.dtype == dl.bfloat16
    np.testing.assert_allclose(np.asarray((x * 2.0).numpy(), np.float32), [2.0, 5.0])
    h = dl.constant([1.0, 2.0], dtype=dl.float16)
    assert (h + h).numpy().dtype == np.float16


def test_bad_arguments_name_the_argument():
    with pytest.raises(ValueError, match="Invalid value for argument `rate`.*rate=1.5"):
        dl.nn.dropout(dl.ones((2,)), rate=1.5)
    with pytest.raises(dl.ShapeError, match="argument `axis`.*axis=3"):
        dl.reduce_sum(dl.ones((2, 2)), axis=3)
    with pytest.raises(ValueError, match="padding"):
        dl.nn.max_pool2d(dl.ones((1, 2, 2, 1)), 2, 2, "FULL")
    with pytest.raises(IndexError, match=r"labels.*\[0, 3\)"):
        dl.nn.sparse_softmax_cross_entropy_with_logits(
            dl.constant(np.array([3])), dl.constant(np.zeros((1, 3)))
        )


def test_symbolic_tensor_leaking_out_of_a_trace_is_an_error():
    leaked = []

    @dl.function
    def f(x):
        leaked.append(x * 2.0)
        return x

    f(dl.constant([1.0]))
    with pytest.raises(TypeError, match="outside the dl.function"):
        dl.exp(leaked[0])
    with pytest.raises(TypeError, match="symbolic"):
        leaked[0].numpy()


def test_random_generators_are_reproducible():
    a = dl.random.Generator.from_seed(5).normal((3, 2), dtype=dl.float64).numpy()
    np.testing.assert_array_equal(a, np.random.default_rng(5).standard_normal((3, 2)))
    u = dl.random.uniform((1000,), minval=2.0, maxval=3.0, seed=1).numpy()
    assert u.min() >= 2.0 and u.max() < 3.0
    np.testing.assert_array_equal(
        dl.random.normal((4,), seed=3).numpy(), dl.random.normal((4,), seed=3).numpy()
    )
    dl.random.set_seed(9)
    first = dl.random.normal((4,)).numpy()
    dl.random.set_seed(9)
    np.testing.assert_array_equal(dl.random.normal((4,)).numpy(), first)


def test_dropout_keeps_expected_fraction_and_scales():
    x = dl.ones((20000,), dtype=dl.float64)
    y = dl.nn.dropout(x, rate=0.25, rng=dl.random.Generator.from_seed(0)).numpy()
    kept = y != 0
    np.testing.assert_allclose(y[kept], 1 / 0.75)
    u = np.random.default_rng(0).random(20000)
    np.testing.assert_array_equal(kept, u >= 0.25)  # same stream as NumPy's generator
