"""GradientTape semantics: watching, persistence, nesting, structures, unconnected sources."""

from __future__ import annotations

import numpy as np
import pytest

import dl


def test_variables_are_watched_automatically_and_constants_are_not():
    v = dl.Variable(3.0)
    c = dl.constant(2.0)
    with dl.GradientTape() as tape:
        y = v * c
    gv, gc = tape.gradient(y, [v, c])
    assert float(gv) == 2.0 and gc is None


def test_watch_accessed_variables_false_and_non_trainable():
    v = dl.Variable(3.0)
    frozen = dl.Variable(3.0, trainable=False)
    with dl.GradientTape(watch_accessed_variables=False) as tape:
        y = v * v
    assert tape.gradient(y, v) is None
    with dl.GradientTape() as tape:
        y = frozen * frozen
    assert tape.gradient(y, frozen) is None
    with dl.GradientTape() as tape:
        y = frozen * 2.0
    assert float(tape.gradient(y, frozen, unconnected_gradients="zero")) == 0.0


def test_persistent_tape_and_single_use_tape():
    x = dl.constant(2.0)
    with dl.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
        z = y * x
    assert float(tape.gradient(y, x)) == 4.0
    assert float(tape.gradient(z, x)) == 12.0
    with dl.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="non-persistent"):
        tape.gradient(y, x)


def test_third_derivative_with_three_nested_tapes():
    x = dl.constant(1.5, dtype=dl.float64)
    with dl.GradientTape() as t3:
        t3.watch(x)
        with dl.GradientTape() as t2:
            t2.watch(x)
            with dl.GradientTape() as t1:
                t1.watch(x)
                y = x**4.0
            d1 = t1.gradient(y, x)
        d2 = t2.gradient(d1, x)
    d3 = t3.gradient(d2, x)
    np.testing.assert_allclose(
        [float(d1), float(d2), float(d3)], [4 * 1.5**3, 12 * 1.5**2, 24 * 1.5]
    )


def test_structures_output_gradients_and_stop_recording():
    a, b = dl.Variable([1.0, 2.0]), dl.Variable([3.0])
    with dl.GradientTape() as tape:
        y = a * 2.0
        with tape.stop_recording():
            ignored = a * 100.0
        z = y + ignored
    g = tape.gradient(z, {"a": a, "b": b}, output_gradients=dl.constant([1.0, 10.0]))
    np.testing.assert_allclose(g["a"].numpy(), [2.0, 20.0])
    assert g["b"] is None


def test_integer_sources_get_none():
    i = dl.constant([1, 2])
    with dl.GradientTape() as tape:
        tape.watch(i)
        y = dl.cast(i, dl.float32) * 2.0
    assert tape.gradient(y, i) is None


def test_gradient_accumulates_over_multiple_paths_and_targets():
    x = dl.Variable(np.array([1.0, 2.0]))
    with dl.GradientTape() as tape:
        y = x * x + dl.sin(x) * x
        z = dl.reduce_sum(x)
    g = tape.gradient([y, z], x)
    xv = np.array([1.0, 2.0])
    np.testing.assert_allclose(g.numpy(), 2 * xv + np.cos(xv) * xv + np.sin(xv) + 1)


def test_jacobian():
    x = dl.constant(np.array([1.0, 2.0, 3.0]))
    with dl.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = x * x
    np.testing.assert_allclose(tape.jacobian(y, x).numpy(), np.diag([2.0, 4.0, 6.0]))


def test_gradient_of_non_differentiable_target_names_the_op():
    x = dl.constant(np.array([[1.0, 3.0], [2.0, 0.0]]))
    with dl.GradientTape() as tape:
        tape.watch(x)
        y = dl.cast(dl.argmax(x, axis=1), dl.float64)
    with pytest.raises(dl.NonDifferentiableError, match="'argmax'"):
        tape.gradient(y, x)
