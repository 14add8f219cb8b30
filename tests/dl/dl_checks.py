"""One helper that checks an op's gradient against finite differences (and torch)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

import dl


def _scalarize(out: Any, weights: list) -> Any:
    outs = out if isinstance(out, (list, tuple)) else [out]
    total = None
    for o, w in zip(outs, weights):
        if w is None:
            continue
        term = dl.reduce_sum(dl.cast(o, dl.float64) * w)
        total = term if total is None else total + term
    return total


def _weights_for(out: Any, rng: np.random.Generator) -> list:
    outs = out if isinstance(out, (list, tuple)) else [out]
    return [
        dl.constant(rng.standard_normal(o.shape)) if o.dtype.is_floating else None for o in outs
    ]


def numeric_grad(f: Callable[[list], float], arrays: list, i: int, eps: float) -> np.ndarray:
    """Central differences of the scalar ``f`` w.r.t. ``arrays[i]``."""
    x = arrays[i]
    g = np.zeros_like(x, dtype=np.float64)
    flat = x.reshape(-1)
    gflat = g.reshape(-1)
    for k in range(flat.size):
        old = flat[k]
        flat[k] = old + eps
        fp = f(arrays)
        flat[k] = old - eps
        fm = f(arrays)
        flat[k] = old
        gflat[k] = (fp - fm) / (2 * eps)
    return g


def check_gradients(
    fn: Callable[..., Any],
    inputs: Sequence[np.ndarray],
    *,
    order: int = 1,
    wrt: Sequence[int] | None = None,
    eps: float = 1e-6,
    rtol: float = 1e-5,
    atol: float = 1e-6,
    seed: int = 0,
) -> set:
    """Check the tape gradients of ``fn`` (first or second order) against central differences.

    ``fn`` takes dl tensors built from ``inputs`` (float64 arrays are differentiated, others
    are passed as they are). The output is contracted with fixed random weights to a scalar,
    so every element of the Jacobian contributes. Returns the names of the ops recorded
    (forward and backward), so a test can prove that every op of the table was checked.
    """
    rng = np.random.default_rng(seed)
    arrays = [np.array(a, copy=True) for a in inputs]
    floats = [i for i, a in enumerate(arrays) if a.dtype == np.float64]
    check = floats if wrt is None else list(wrt)
    wrt = floats
    probe = fn(*[dl.constant(a) for a in arrays])
    weights = _weights_for(probe, rng)

    def scalar(arrs: list, record: list | None = None) -> Any:
        ts = [dl.constant(a) for a in arrs]
        with dl.GradientTape(persistent=True) as outer:
            outer.watch([ts[i] for i in wrt])
            with dl.GradientTape(persistent=True) as inner:
                inner.watch([ts[i] for i in wrt])
                value = _scalarize(fn(*ts), weights)
            if order == 1:
                result = value
                grads = None
            else:
                grads = inner.gradient(value, [ts[i] for i in wrt])
        if record is not None:
            record.extend(e.op.name for e in inner._entries)
        if order == 1:
            return result, inner, ts, outer
        # second order: contract the first gradient with fixed weights
        w2 = [
            dl.constant(np.random.default_rng(seed + 1 + k).standard_normal(ts[i].shape))
            for k, i in enumerate(wrt)
        ]
        with outer:
            s2 = None
            for g, w in zip(grads, w2):
                if g is None:
                    continue
                term = dl.reduce_sum(g * w)
                s2 = term if s2 is None else s2 + term
        return s2, outer, ts, outer

    recorded: list = []
    value, tape, ts, outer = scalar(arrays, recorded)
    if value is None:
        raise AssertionError("function has no differentiable output")
    recorded.extend(e.op.name for e in outer._entries)
    analytic = tape.gradient(value, [ts[i] for i in wrt])
    recorded.extend(e.op.name for e in outer._entries)

    def f(arrs: list) -> float:
        v = scalar(arrs)[0]
        return float(v.numpy()) if v is not None else 0.0

    for k, i in enumerate(wrt):
        if i not in check:
            continue
        num = numeric_grad(f, arrays, i, eps)
        got = analytic[k]
        got = np.zeros_like(num) if got is None else got.numpy()
        np.testing.assert_allclose(
            got, num, rtol=rtol, atol=atol, err_msg=f"gradient w.r.t. input {i} (order {order})"
        )
    return set(recorded)


def torch_check(
    fn: Callable[..., Any],
    torch_fn: Callable[..., Any],
    inputs: Sequence[np.ndarray],
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    seed: int = 0,
) -> None:
    """Forward values and first-order gradients of ``fn`` equal those of ``torch_fn``."""
    import torch

    rng = np.random.default_rng(seed)
    ts = [dl.constant(a) for a in inputs]
    wrt = [i for i, a in enumerate(inputs) if a.dtype == np.float64]
    with dl.GradientTape() as tape:
        tape.watch([ts[i] for i in wrt])
        out = fn(*ts)
        w = rng.standard_normal(out.shape)
        s = dl.reduce_sum(out * dl.constant(w))
    grads = tape.gradient(s, [ts[i] for i in wrt])
    tt = [torch.tensor(a, requires_grad=a.dtype == np.float64) for a in inputs]
    tout = torch_fn(*tt)
    np.testing.assert_allclose(out.numpy(), tout.detach().numpy(), rtol=rtol, atol=atol)
    (tout * torch.tensor(w)).sum().backward()
    for k, i in enumerate(wrt):
        ref = tt[i].grad
        ref = np.zeros(inputs[i].shape) if ref is None else ref.numpy()
        got = np.zeros(inputs[i].shape) if grads[k] is None else grads[k].numpy()
        np.testing.assert_allclose(
            got, ref, rtol=rtol, atol=atol, err_msg=f"gradient w.r.t. input {i}"
        )
