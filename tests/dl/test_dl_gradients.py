"""Every op's gradient against central finite differences (float64, random inputs), with
second derivatives for the ops whose gradient rules introduce other primitives."""

from __future__ import annotations

import numpy as np
import pytest
from dl_cases import CASES, GRAPH_ONLY, NON_DIFFERENTIABLE
from dl_checks import check_gradients

import dl
from dl.ops import OPS


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_matches_finite_differences(name):
    fn, inputs, opts = CASES[name]
    opts = dict(opts)
    check_gradients(
        fn,
        inputs,
        order=1,
        rtol=opts.get("rtol", 1e-5),
        atol=opts.get("atol", 1e-6),
        eps=opts.get("eps", 1e-6),
        wrt=opts.get("wrt"),
    )


@pytest.mark.parametrize("name", sorted(k for k, v in CASES.items() if v[2].get("order") == 2))
def test_second_derivative_matches_finite_differences(name):
    fn, inputs, opts = CASES[name]
    check_gradients(fn, inputs, order=2, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", sorted(NON_DIFFERENTIABLE))
def test_non_differentiable_op_raises_clear_error(name):
    x = dl.constant(np.random.default_rng(0).standard_normal((2, 2)))
    with dl.GradientTape() as tape:
        tape.watch(x)
        y = NON_DIFFERENTIABLE[name](x)
    with pytest.raises(dl.NonDifferentiableError, match="no gradient"):
        tape.gradient(y, x)


def test_every_op_in_the_table_is_checked():
    covered: set = set()
    for fn, inputs, opts in CASES.values():
        covered |= check_gradients(
            fn, inputs, order=opts.get("order", 1), rtol=1.0, atol=1e9, wrt=opts.get("wrt")
        )
    for fn in NON_DIFFERENTIABLE.values():
        graph = dl.function(fn, passes=["prune"]).get_graph(dl.constant(np.ones((2, 2))))
        covered |= set(graph.op_counts())
    table = {name for name in OPS if not name.startswith("split_")} - GRAPH_ONLY
    covered = {"split" if c.startswith("split_") else c for c in covered}
    missing = table - covered - {"random"}
    assert not missing, f"ops without a gradient check: {sorted(missing)}"
