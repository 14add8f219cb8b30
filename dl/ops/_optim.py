"""Optimizer update primitives: one op computes a whole Adam step of one variable.

``adam_update(var, m, v, grad, lr_t, c2)`` returns ``(var', m', v')`` with

    m' = m * beta_1 + grad * (1 - beta_1)
    v' = v * beta_2 + grad * grad * (1 - beta_2)
    var' = var - lr_t * m' / (sqrt(v' / c2) + epsilon)

where ``lr_t = lr / (1 - beta_1**t)`` and ``c2 = 1 - beta_2**t`` (scalars). The same
operations, in the same order and dtype, as the composed ops (so results are bitwise equal).
On the CPU (float32/float64, contiguous) one Numba loop reads each element once and, inside a
traced function, writes the three results straight into the variables' buffers (the
schedule passes them as ``out=`` when nothing else still reads the old values): one pass over
memory instead of ~10 NumPy passes with temporaries.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._errors import ShapeError
from .._tensor import Tensor
from ._registry import Op, apply, register, require_float, same_dtype

__all__ = ["adam_update"]

_KERNEL: list = []  # the compiled Numba loop, once


def _kernel() -> Any:
    if not _KERNEL:
        from gpuframe.backend import has_module

        if not has_module("numba"):
            _KERNEL.append(None)
        else:
            import numba

            @numba.njit(error_model="numpy", nogil=True, cache=True)
            def adam_inplace(p, m, v, g, lr_t, c2, b1, omb1, b2, omb2, eps):  # pragma: no cover
                for i in range(p.size):
                    gi = g[i]
                    mi = m[i] * b1 + gi * omb1
                    vi = v[i] * b2 + gi * gi * omb2
                    m[i] = mi
                    v[i] = vi
                    p[i] = p[i] - lr_t * mi / (np.sqrt(vi / c2) + eps)

            _KERNEL.append(adam_inplace)
    return _KERNEL[0]


def _constants(dtype: Any, beta_1: float, beta_2: float, epsilon: float) -> tuple:
    t = np.dtype(dtype).type
    return t(beta_1), t(1 - beta_1), t(beta_2), t(1 - beta_2), t(epsilon)


def _adam_xp(xp: Any, var: Any, m: Any, v: Any, grad: Any, lr_t: Any, c2: Any, **attrs: Any):
    b1, omb1, b2, omb2, eps = _constants_like(xp, var, attrs)
    new_m = m * b1 + grad * omb1
    new_v = v * b2 + grad * grad * omb2
    return var - lr_t * new_m / (xp.sqrt(new_v / c2) + eps), new_m, new_v


def _constants_like(xp: Any, var: Any, attrs: dict) -> tuple:
    if isinstance(var, np.ndarray):
        return _constants(var.dtype, attrs["beta_1"], attrs["beta_2"], attrs["epsilon"])
    vals = (
        attrs["beta_1"],
        1 - attrs["beta_1"],
        attrs["beta_2"],
        1 - attrs["beta_2"],
        attrs["epsilon"],
    )
    return tuple(xp.asarray(c, dtype=var.dtype) for c in vals)


def _fast(arrays: tuple) -> bool:
    p = arrays[0]
    return (
        p.dtype in (np.float32, np.float64)
        and all(type(a) is np.ndarray and a.dtype == p.dtype for a in arrays)
        and all(a.flags.c_contiguous and a.size == p.size for a in arrays[:4])
        and arrays[4].ndim == 0
        and arrays[5].ndim == 0
        and _kernel() is not None
    )


def _adam_out(
    np_: Any, var: Any, m: Any, v: Any, grad: Any, lr_t: Any, c2: Any, *, out: Any = None, **attrs
) -> Any:
    """CPU: the results in ``out[k]`` where given (buffers nobody reads any more; ``out[k]``
    may be input ``k`` itself: an update in place), else in new arrays."""
    arrays = (var, m, v, grad, lr_t, c2)
    if not _fast(arrays):
        return _adam_xp(np_, *arrays, **attrs)
    bufs = []
    for k, a in enumerate(arrays[:3]):
        o = None if out is None else out[k]
        if o is not None and o is not a:
            ok = (
                type(o) is np.ndarray
                and o.dtype == a.dtype
                and o.shape == a.shape
                and o.flags.c_contiguous
                and o.flags.writeable
                and not any(np.may_share_memory(o, b) for b in arrays)
            )
            if ok:
                np.copyto(o, a)
            else:
                o = None
        bufs.append(a.copy() if o is None else o)
    consts = _constants(var.dtype, attrs["beta_1"], attrs["beta_2"], attrs["epsilon"])
    t = var.dtype.type
    _kernel()(
        bufs[0].reshape(-1),
        bufs[1].reshape(-1),
        bufs[2].reshape(-1),
        grad.reshape(-1),
        t(lr_t[()]),
        t(c2[()]),
        *consts,
    )
    return bufs[0], bufs[1], bufs[2]


def _adam_forward(xp: Any, *arrays: Any, **attrs: Any) -> Any:
    if type(arrays[0]) is np.ndarray:
        return _adam_out(np, *arrays, **attrs)
    return _adam_xp(xp, *arrays, **attrs)


def _adam_infer(
    var: Tensor, m: Tensor, v: Tensor, grad: Tensor, lr_t: Tensor, c2: Tensor, **attrs: Any
) -> list:
    dtype = same_dtype(
        "adam_update", var, m, v, grad, lr_t, c2, names=("var", "m", "v", "grad", "lr_t", "c2")
    )
    require_float("adam_update", var, "var")
    for name, t in (("m", m), ("v", v), ("grad", grad)):
        if t.shape != var.shape:
            raise ShapeError(
                f"adam_update: `{name}` shape {t.shape} must equal `var` shape {var.shape}"
            )
    for name, t in (("lr_t", lr_t), ("c2", c2)):
        if t.shape != ():
            raise ShapeError(f"adam_update: `{name}` must be a scalar; received shape {t.shape}")
    return [(var.shape, dtype)] * 3


ADAM_UPDATE = register(
    Op(
        "adam_update",
        _adam_forward,
        _adam_infer,
        num_outputs=3,
        differentiable=False,
        cpu_out=_adam_out,
        extra={"inplace_outputs": (0, 1, 2)},
    )
)


def adam_update(
    var: Any,
    m: Any,
    v: Any,
    grad: Any,
    lr_t: Any,
    c2: Any,
    *,
    beta_1: float = 0.9,
    beta_2: float = 0.999,
    epsilon: float = 1e-7,
) -> tuple:
    """One Adam step: ``(var', m', v')`` (see the module docstring; not differentiable).

    Examples
    --------
    >>> import dl
    >>> from dl.ops import adam_update
    >>> lr_t, c2 = 0.1 / (1 - 0.9), 1 - 0.999  # step 1, learning rate 0.1
    >>> p, m, v = adam_update([1.0], [0.0], [0.0], [5.0], lr_t, c2)
    >>> [round(float(t[0]), 4) for t in (p, m, v)]
    [0.9, 0.5, 0.025]
    """
    from .._tensor import convert_to_tensor

    tv = convert_to_tensor(var)
    ins = [tv] + [convert_to_tensor(a, dtype=tv.dtype) for a in (m, v, grad, lr_t, c2)]
    return apply(
        ADAM_UPDATE,
        tuple(ins),
        {"beta_1": float(beta_1), "beta_2": float(beta_2), "epsilon": float(epsilon)},
    )
