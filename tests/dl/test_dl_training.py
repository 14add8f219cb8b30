"""Acceptance: an MLP trained by hand on dl ops (eager and traced) follows torch step for step;
optimizers and clipping match torch's; schedules match their formulas."""

from __future__ import annotations

import numpy as np
import pytest

import dl
from gpuframe.testing import requires

SIZES = (20, 16, 16, 5)


def _data(n=64, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, SIZES[0]))
    y = rng.integers(0, SIZES[-1], n).astype(np.int64)
    return x, y


def _init(seed=1):
    rng = np.random.default_rng(seed)
    params = []
    for a, b in zip(SIZES[:-1], SIZES[1:]):
        params.append(rng.standard_normal((a, b)) * np.sqrt(2.0 / a))
        params.append(rng.standard_normal(b) * 0.1)
    return params


def _dl_forward(x, params):
    h = x
    for i in range(0, len(params), 2):
        h = dl.matmul(h, params[i]) + params[i + 1]
        if i < len(params) - 2:
            h = dl.nn.relu(h)
    return h


def _dl_train(make_opt, steps=10, traced=False, batch=32):
    x, y = _data()
    variables = [dl.Variable(p) for p in _init()]
    opt = make_opt()

    def step(xb, yb):
        with dl.GradientTape() as tape:
            logits = _dl_forward(xb, variables)
            loss = dl.reduce_mean(dl.nn.sparse_softmax_cross_entropy_with_logits(yb, logits))
        grads = tape.gradient(loss, variables)
        opt.apply_gradients(zip(grads, variables))
        return loss

    if traced:
        step = dl.function(step)
    losses = []
    for s in range(steps):
        i = (s * batch) % len(x)
        losses.append(float(step(dl.constant(x[i : i + batch]), dl.constant(y[i : i + batch]))))
    final = float(
        dl.reduce_mean(
            dl.nn.sparse_softmax_cross_entropy_with_logits(
                dl.constant(y), _dl_forward(dl.constant(x), variables)
            )
        )
    )
    if traced:
        assert step.trace_count == 1
    return np.array(losses), final, [v.numpy() for v in variables]


def _torch_train(make_opt, steps=10, batch=32):
    import torch

    x, y = _data()
    params = [torch.tensor(p, requires_grad=True) for p in _init()]
    opt = make_opt(params)

    def forward(xb):
        h = xb
        for i in range(0, len(params), 2):
            h = h @ params[i] + params[i + 1]
            if i < len(params) - 2:
                h = torch.relu(h)
        return h

    losses = []
    for s in range(steps):
        i = (s * batch) % len(x)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(
            forward(torch.tensor(x[i : i + batch])), torch.tensor(y[i : i + batch])
        )
        loss.backward()
        opt.step()
        losses.append(loss.item())
    with torch.no_grad():
        final = torch.nn.functional.cross_entropy(forward(torch.tensor(x)), torch.tensor(y)).item()
    return np.array(losses), final, [p.detach().numpy() for p in params]


def _optimizer_pairs():
    import torch

    return {
        "adam": (
            lambda: dl.optimizers.Adam(0.01, epsilon=1e-8),
            lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-8),
        ),
        "adam_amsgrad": (
            lambda: dl.optimizers.Adam(0.01, epsilon=1e-8, amsgrad=True),
            lambda p: torch.optim.Adam(p, lr=0.01, eps=1e-8, amsgrad=True),
        ),
        "adamw": (
            lambda: dl.optimizers.AdamW(0.01, weight_decay=0.05, epsilon=1e-8),
            lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.05, eps=1e-8),
        ),
        "sgd": (lambda: dl.optimizers.SGD(0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
        "sgd_momentum": (
            lambda: dl.optimizers.SGD(0.1, momentum=0.9),
            lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
        ),
        "sgd_nesterov": (
            lambda: dl.optimizers.SGD(0.1, momentum=0.9, nesterov=True),
            lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
        ),
        "rmsprop": (
            lambda: dl.optimizers.RMSprop(0.01, rho=0.9, epsilon=1e-8),
            lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8),
        ),
        "rmsprop_centered_momentum": (
            lambda: dl.optimizers.RMSprop(0.01, rho=0.9, momentum=0.5, centered=True, epsilon=1e-8),
            lambda p: torch.optim.RMSprop(
                p, lr=0.01, alpha=0.9, momentum=0.5, centered=True, eps=1e-8
            ),
        ),
    }


@requires("torch")
@pytest.mark.parametrize("traced", [False, True], ids=["eager", "traced"])
def test_mlp_adam_matches_torch_after_10_steps(traced):
    make_dl, make_torch = _optimizer_pairs()["adam"]
    losses, final, weights = _dl_train(make_dl, traced=traced)
    t_losses, t_final, t_weights = _torch_train(make_torch)
    assert final < losses[0]  # it learned something
    np.testing.assert_allclose(final, t_final, rtol=1e-4)
    np.testing.assert_allclose(losses, t_losses, rtol=1e-8)
    for w, tw in zip(weights, t_weights):
        np.testing.assert_allclose(w, tw, rtol=1e-7, atol=1e-10)


@requires("torch")
@pytest.mark.parametrize(
    "name",
    [
        "adam_amsgrad",
        "adamw",
        "sgd",
        "sgd_momentum",
        "sgd_nesterov",
        "rmsprop",
        "rmsprop_centered_momentum",
    ],
)
def test_optimizer_matches_torch(name):
    make_dl, make_torch = _optimizer_pairs()[name]
    losses, final, weights = _dl_train(make_dl, steps=6, traced=name.startswith("sgd"))
    t_losses, t_final, t_weights = _torch_train(make_torch, steps=6)
    np.testing.assert_allclose(losses, t_losses, rtol=1e-8)
    for w, tw in zip(weights, t_weights):
        np.testing.assert_allclose(w, tw, rtol=1e-7, atol=1e-10)


def _one_sgd_step(grads, **clip):
    vs = [dl.Variable(np.zeros_like(g)) for g in grads]
    dl.optimizers.SGD(1.0, **clip).apply_gradients(zip([dl.constant(g) for g in grads], vs))
    return [-v.numpy() for v in vs]


@requires("torch")
def test_clipping_matches_torch():
    import torch

    rng = np.random.default_rng(0)
    grads = [rng.standard_normal((3, 4)) * 3, rng.standard_normal(5)]

    def torch_clip(fn, *args):
        ps = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
        for p, g in zip(ps, grads):
            p.grad = torch.tensor(g)
        fn(ps, *args)
        return [p.grad.numpy() for p in ps]

    got = _one_sgd_step(grads, clipvalue=0.5)
    for a, b in zip(got, torch_clip(torch.nn.utils.clip_grad_value_, 0.5)):
        np.testing.assert_allclose(a, b)
    got = _one_sgd_step(grads, global_clipnorm=1.0)
    for a, b in zip(got, torch_clip(torch.nn.utils.clip_grad_norm_, 1.0)):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    got = _one_sgd_step(grads, clipnorm=1.0)
    for a, g in zip(got, grads):
        ref = torch_clip_single(g, 1.0)
        np.testing.assert_allclose(a, ref, rtol=1e-6)


def torch_clip_single(g, c):
    import torch

    p = torch.zeros(g.shape, dtype=torch.float64, requires_grad=True)
    p.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_norm_([p], c)
    return p.grad.numpy()


def test_schedules_follow_their_formulas():
    S = dl.optimizers.schedules
    for step in (0, 3, 10, 25):
        assert float(S.ExponentialDecay(0.1, 10, 0.5)(step)) == pytest.approx(
            0.1 * 0.5 ** (step / 10)
        )
        assert float(S.ExponentialDecay(0.1, 10, 0.5, staircase=True)(step)) == pytest.approx(
            0.1 * 0.5 ** (step // 10)
        )
        assert float(S.InverseTimeDecay(0.1, 10, 0.5)(step)) == pytest.approx(
            0.1 / (1 + 0.5 * step / 10)
        )
        assert float(S.CosineDecay(0.1, 20, alpha=0.1)(step)) == pytest.approx(
            0.1 * ((1 - 0.1) * 0.5 * (1 + np.cos(np.pi * min(step, 20) / 20)) + 0.1)
        )
        assert float(S.PiecewiseConstantDecay([5, 15], [1.0, 0.5, 0.1])(step)) == (
            1.0 if step <= 5 else 0.5 if step <= 15 else 0.1
        )


def test_schedule_drives_the_learning_rate_eagerly_and_traced():
    for traced in (False, True):
        v = dl.Variable([0.0])
        opt = dl.optimizers.SGD(dl.optimizers.schedules.PiecewiseConstantDecay([1], [1.0, 0.1]))

        def step():
            opt.apply_gradients([(dl.constant([1.0]), v)])

        step = dl.function(step) if traced else step
        for _ in range(3):
            step()
        np.testing.assert_allclose(v.numpy(), [-(1.0 + 1.0 + 0.1)], rtol=1e-6)
        assert int(opt.iterations.numpy()) == 3


def test_changing_the_learning_rate_reaches_a_cached_graph():
    v = dl.Variable([0.0])
    opt = dl.optimizers.SGD(1.0)
    step = dl.function(lambda: opt.apply_gradients([(dl.constant([1.0]), v)]))
    step()
    opt.learning_rate = 0.5
    step()
    np.testing.assert_allclose(v.numpy(), [-1.5])
    assert step.trace_count == 1


def test_minimize_with_callable_loss():
    v = dl.Variable([3.0, -2.0])
    opt = dl.optimizers.SGD(0.25)
    for _ in range(20):
        opt.minimize(lambda: dl.reduce_sum(v * v), [v])
    assert np.abs(v.numpy()).max() < 1e-5


def test_optimizer_bad_input():
    with pytest.raises(ValueError, match="learning_rate"):
        dl.optimizers.Adam(learning_rate=-1.0)
    with pytest.raises(ValueError, match="momentum"):
        dl.optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match="Only one of"):
        dl.optimizers.SGD(clipnorm=1.0, clipvalue=1.0)
    with pytest.raises(TypeError, match="dl.Variable"):
        dl.optimizers.SGD().apply_gradients([(dl.constant([1.0]), dl.constant([1.0]))])
    with pytest.raises(ValueError, match="no gradients"):
        dl.optimizers.SGD().apply_gradients([(None, dl.Variable([1.0]))])
