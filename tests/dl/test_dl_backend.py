"""The op cases on every Array API backend (numpy, array-api-strict): same values and
gradients as the NumPy fast paths."""

from __future__ import annotations

import numpy as np
import pytest
from dl_cases import CASES

import dl

SKIP_STRICT = {"dropout_fixed_mask"}  # generator draws through NumPy then converts


def _run(fn, inputs, xp):
    ts = [dl.constant(xp.asarray(a)) for a in inputs]
    wrt = [i for i, a in enumerate(inputs) if a.dtype == np.float64]
    with dl.GradientTape() as tape:
        tape.watch([ts[i] for i in wrt])
        out = fn(*ts)
        s = dl.reduce_sum(dl.cast(out, dl.float64) * 1.5)
    grads = tape.gradient(s, [ts[i] for i in wrt])
    return np.asarray(out.numpy()), [None if g is None else np.asarray(g.numpy()) for g in grads]


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_on_backend(name, backend):
    if name in SKIP_STRICT:
        pytest.skip("random generator stream is NumPy's")
    fn, inputs, _ = CASES[name]
    import array_api_compat.numpy as nxp

    ref_out, ref_grads = _run(fn, inputs, nxp)
    out, grads = _run(fn, inputs, backend)
    np.testing.assert_allclose(out, ref_out, rtol=1e-10, atol=1e-12)
    for g, r in zip(grads, ref_grads):
        if r is None:
            assert g is None
        else:
            np.testing.assert_allclose(g, r, rtol=1e-10, atol=1e-12)


def test_traced_function_on_backend(backend):
    x = dl.constant(backend.asarray(np.arange(6.0).reshape(2, 3)))
    w = dl.Variable(backend.asarray(np.ones((3, 2))))

    @dl.function
    def f(x):
        with dl.GradientTape() as tape:
            loss = dl.reduce_sum(dl.tanh(dl.matmul(x, w)) * 2.0 + 1.0)
        return loss, tape.gradient(loss, w)

    loss, g = f(x)
    h = np.arange(6.0).reshape(2, 3) @ np.ones((3, 2))
    np.testing.assert_allclose(float(loss), (np.tanh(h) * 2 + 1).sum())
    np.testing.assert_allclose(
        np.asarray(g.numpy()), np.arange(6.0).reshape(2, 3).T @ (2 * (1 - np.tanh(h) ** 2))
    )


def test_optimizer_step_on_backend(backend):
    v = dl.Variable(backend.asarray(np.array([1.0, -2.0])))
    opt = dl.optimizers.Adam(0.1)
    for _ in range(3):
        with dl.GradientTape() as tape:
            loss = dl.reduce_sum(v * v)
        opt.apply_gradients([(tape.gradient(loss, v), v)])
    ref = dl.Variable(np.array([1.0, -2.0]))
    ref_opt = dl.optimizers.Adam(0.1)
    for _ in range(3):
        with dl.GradientTape() as tape:
            loss = dl.reduce_sum(ref * ref)
        ref_opt.apply_gradients([(tape.gradient(loss, ref), ref)])
    np.testing.assert_allclose(np.asarray(v.numpy()), ref.numpy(), rtol=1e-12)
