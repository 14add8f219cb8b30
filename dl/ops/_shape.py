"""Shape ops: reshape, transpose, broadcast, expand/squeeze, concat/stack/split, slicing,
pad, gather/scatter_add, one_hot (and the ``*_like`` helpers gradient rules use)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _dtypes
from .._dtypes import as_dtype
from .._errors import DTypeError, ShapeError
from .._tensor import Tensor
from ._registry import Op, apply, register, same_dtype
from ._shapes import as_operands, broadcast_shapes, is_static, normalize_axis

__all__ = [
    "broadcast_like",
    "broadcast_to",
    "concat",
    "expand_dims",
    "gather",
    "getitem",
    "one_hot",
    "pad",
    "reshape",
    "reshape_like",
    "scatter_add",
    "slice",
    "split",
    "squeeze",
    "stack",
    "strided_slice",
    "transpose",
    "unbroadcast",
]

_builtin_slice = slice


def _o():
    from .. import ops

    return ops


# ----------------------------------------------------------------------------- reshape family


def _resolve_shape(x_shape: tuple, shape: tuple) -> tuple:
    if sum(1 for d in shape if d == -1) > 1:
        raise ShapeError(f"reshape: at most one -1 allowed in `shape`, received shape={shape}")
    known = [d for d in shape if d != -1]
    if any(d < 0 for d in known):
        raise ShapeError(f"reshape: negative dims in `shape`={shape}")
    if not is_static(x_shape):
        return tuple(None if d == -1 else d for d in shape)
    size = math.prod(x_shape)
    prod = math.prod(known)
    if -1 in shape:
        if prod == 0 or size % prod:
            raise ShapeError(
                f"reshape: cannot reshape a tensor of shape {x_shape} ({size} elements) into shape {shape}"
            )
        return tuple(size // prod if d == -1 else d for d in shape)
    if prod != size:
        raise ShapeError(
            f"reshape: cannot reshape a tensor of shape {x_shape} ({size} elements) into shape {shape}"
        )
    return tuple(shape)


RESHAPE = register(
    Op(
        "reshape",
        lambda xp, x, shape: xp.reshape(x, shape),
        lambda x, shape: (_resolve_shape(x.shape, shape), x.dtype),
        lambda ctx, dy: (reshape_like(dy, ctx.inputs[0]),),
        view=True,
    )
)
RESHAPE_LIKE = register(
    Op(
        "reshape_like",
        lambda xp, x, like: xp.reshape(x, like.shape),
        lambda x, like: (like.shape, x.dtype),
        lambda ctx, dy: (reshape_like(dy, ctx.inputs[0]), None),
        view=True,
    )
)


def reshape(tensor: Any, shape: Any, name: str | None = None) -> Tensor:
    """``tensor`` with a new shape (one dim may be -1).

    Examples
    --------
    >>> import dl
    >>> dl.reshape(dl.constant([1, 2, 3, 4]), (2, -1)).shape
    (2, 2)
    """
    (x,) = as_operands("reshape", tensor)
    if isinstance(shape, Tensor):
        shape = shape.numpy().tolist()
    shape = tuple(int(d) for d in (shape if isinstance(shape, (list, tuple)) else (shape,)))
    if shape == x.shape:
        return x
    return apply(RESHAPE, (x,), {"shape": shape})


def reshape_like(x: Any, like: Any) -> Tensor:
    """``x`` reshaped to the (run-time) shape of ``like``."""
    a, b = as_operands("reshape_like", x, like)
    if is_static(a.shape) and a.shape == b.shape:
        return a
    return apply(RESHAPE_LIKE, (a, b))


def _transpose_infer(x: Tensor, perm: tuple) -> tuple:
    if sorted(perm) != list(range(x.ndim)):
        raise ShapeError(
            f"transpose: `perm`={perm} is not a permutation of the {x.ndim} axes of a tensor of shape {x.shape}"
        )
    return tuple(x.shape[p] for p in perm), x.dtype


TRANSPOSE = register(
    Op(
        "transpose",
        lambda xp, x, perm: xp.permute_dims(x, perm),
        _transpose_infer,
        lambda ctx, dy: (transpose(dy, tuple(int(i) for i in np.argsort(ctx.attrs["perm"]))),),
        view=True,
    )
)


def transpose(a: Any, perm: Any = None, name: str | None = None) -> Tensor:
    """Permute the axes (default: reverse them).

    Examples
    --------
    >>> import dl
    >>> dl.transpose(dl.constant([[1, 2, 3]])).shape
    (3, 1)
    """
    (x,) = as_operands("transpose", a)
    perm = (
        tuple(reversed(range(x.ndim)))
        if perm is None
        else tuple(int(p) % max(x.ndim, 1) for p in perm)
    )
    if perm == tuple(range(x.ndim)):
        return x
    return apply(TRANSPOSE, (x,), {"perm": perm})


def _broadcast_to_infer(x: Tensor, shape: tuple) -> tuple:
    out = broadcast_shapes("broadcast_to", x.shape, shape)
    if out != shape:
        raise ShapeError(f"broadcast_to: cannot broadcast shape {x.shape} to shape {shape}")
    return shape, x.dtype


BROADCAST_TO = register(
    Op(
        "broadcast_to",
        lambda xp, x, shape: xp.broadcast_to(x, shape),
        _broadcast_to_infer,
        lambda ctx, dy: (unbroadcast(dy, ctx.inputs[0]),),
        view=True,
    )
)
BROADCAST_LIKE = register(
    Op(
        "broadcast_like",
        lambda xp, x, like: xp.broadcast_to(x, like.shape),
        lambda x, like: (broadcast_shapes("broadcast_like", x.shape, like.shape), x.dtype),
        lambda ctx, dy: (unbroadcast(dy, ctx.inputs[0]), None),
        view=True,
    )
)


def _unbroadcast_forward(xp: Any, g: Any, like: Any) -> Any:
    shape = like.shape
    if tuple(g.shape) == tuple(shape):
        return g
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, d in enumerate(shape) if d == 1 and g.shape[i + lead] != 1
    )
    s = xp.sum(g, axis=axes, keepdims=True, dtype=g.dtype) if axes else g
    return xp.reshape(s, shape)


UNBROADCAST = register(
    Op(
        "unbroadcast",
        _unbroadcast_forward,
        lambda g, like: (like.shape, g.dtype),
        lambda ctx, dy: (broadcast_like(dy, ctx.inputs[0]), None),
        view=True,  # returns its input when no axis needs summing
    )
)


def broadcast_to(input: Any, shape: Any, name: str | None = None) -> Tensor:
    """``input`` broadcast to ``shape`` (NumPy rules).

    Examples
    --------
    >>> import dl
    >>> dl.broadcast_to(dl.constant([1.0, 2.0]), (2, 2)).numpy().tolist()
    [[1.0, 2.0], [1.0, 2.0]]
    """
    (x,) = as_operands("broadcast_to", input)
    shape = tuple(int(d) for d in shape)
    if shape == x.shape:
        return x
    return apply(BROADCAST_TO, (x,), {"shape": shape})


def broadcast_like(x: Tensor, like: Tensor) -> Tensor:
    """``x`` broadcast to the (run-time) shape of ``like``."""
    if is_static(x.shape) and x.shape == like.shape:
        return x
    return apply(BROADCAST_LIKE, (x, like))


def unbroadcast(g: Tensor, like: Tensor) -> Tensor:
    """``g`` summed down to the (run-time) shape of ``like``: the adjoint of broadcasting."""
    if is_static(g.shape) and g.shape == like.shape:
        return g
    return apply(UNBROADCAST, (g, like))


def _expand_infer(x: Tensor, axes: tuple) -> tuple:
    out = list(x.shape)
    for a in axes:
        out.insert(a, 1)
    return tuple(out), x.dtype


def _expand_forward(xp: Any, x: Any, axes: tuple) -> Any:
    out = list(x.shape)
    for a in axes:
        out.insert(a, 1)
    return xp.reshape(x, tuple(out))


EXPAND_DIMS = register(
    Op(
        "expand_dims",
        _expand_forward,
        _expand_infer,
        lambda ctx, dy: (reshape_like(dy, ctx.inputs[0]),),
        view=True,
    )
)


def expand_dims(input: Any, axis: Any, name: str | None = None) -> Tensor:
    """Insert size-1 dims at ``axis`` (an int, or a sorted tuple of output axes)."""
    (x,) = as_operands("expand_dims", input)
    axes = (axis,) if isinstance(axis, (int, np.integer)) else tuple(axis)
    nd = x.ndim + len(axes)
    axes = tuple(sorted(normalize_axis("expand_dims", a, nd) for a in axes))
    return apply(EXPAND_DIMS, (x,), {"axes": axes})


def _squeeze_infer(x: Tensor, axes: tuple) -> tuple:
    for a in axes:
        if x.shape[a] not in (1, None):
            raise ShapeError(f"squeeze: dim {a} of shape {x.shape} is {x.shape[a]}, not 1")
    return tuple(d for i, d in enumerate(x.shape) if i not in axes), x.dtype


SQUEEZE = register(
    Op(
        "squeeze",
        lambda xp, x, axes: xp.squeeze(x, axis=axes),
        _squeeze_infer,
        lambda ctx, dy: (reshape_like(dy, ctx.inputs[0]),),
        view=True,
    )
)


def squeeze(input: Any, axis: Any = None, name: str | None = None) -> Tensor:
    """Remove size-1 dims (those in ``axis``, or all of them)."""
    (x,) = as_operands("squeeze", input)
    if axis is None:
        axes = tuple(i for i, d in enumerate(x.shape) if d == 1)
    else:
        axes = tuple(
            sorted(
                {
                    normalize_axis("squeeze", a, x.ndim)
                    for a in ((axis,) if isinstance(axis, int) else axis)
                }
            )
        )
    if not axes:
        return x
    return apply(SQUEEZE, (x,), {"axes": axes})


# ----------------------------------------------------------------------------- concat / split / stack


def _concat_infer(*xs: Tensor, axis: int) -> tuple:
    dt = same_dtype("concat", *xs, names=[f"values[{i}]" for i in range(len(xs))])
    nd = xs[0].ndim
    out = list(xs[0].shape)
    for i, t in enumerate(xs[1:], 1):
        if t.ndim != nd:
            raise ShapeError(
                f"concat: values[0] has shape {xs[0].shape} but values[{i}] has shape {t.shape} (ranks differ)"
            )
        for d in range(nd):
            if d != axis and None not in (out[d], t.shape[d]) and out[d] != t.shape[d]:
                raise ShapeError(
                    f"concat: values[0] has shape {xs[0].shape} but values[{i}] has shape {t.shape} (dim {d} differs)"
                )
    sizes = [t.shape[axis] for t in xs]
    out[axis] = None if None in sizes else sum(sizes)
    return tuple(out), dt


def _concat_grad(ctx: Any, dy: Tensor) -> tuple:
    axis = ctx.attrs["axis"]
    sizes = [t.shape[axis] for t in ctx.inputs]
    if None in sizes:
        raise NotImplementedError("concat gradient needs static sizes along the concat axis")
    outs: list[Any] = []
    start = 0
    for n, s in zip(ctx.needs, sizes):
        if n:
            key = (_builtin_slice(None),) * axis + (_builtin_slice(start, start + s),)
            outs.append(getitem(dy, key))
        else:
            outs.append(None)
        start += s
    return tuple(outs)


CONCAT = register(
    Op("concat", lambda xp, *xs, axis: xp.concat(xs, axis=axis), _concat_infer, _concat_grad)
)


def concat(values: Any, axis: int, name: str | None = None) -> Tensor:
    """Join tensors along an existing ``axis``.

    Examples
    --------
    >>> import dl
    >>> dl.concat([dl.constant([1]), dl.constant([2, 3])], axis=0).numpy().tolist()
    [1, 2, 3]
    """
    xs = as_operands("concat", *values)
    if not xs:
        raise ValueError("concat: `values` is empty")
    ax = normalize_axis("concat", axis, xs[0].ndim)
    if len(xs) == 1:
        return xs[0]
    return apply(CONCAT, tuple(xs), {"axis": ax})


def stack(values: Any, axis: int = 0, name: str | None = None) -> Tensor:
    """Join tensors along a new ``axis`` (expand_dims + concat).

    Examples
    --------
    >>> import dl
    >>> dl.stack([dl.constant([1, 2]), dl.constant([3, 4])], axis=1).numpy().tolist()
    [[1, 3], [2, 4]]
    """
    xs = as_operands("stack", *values)
    if not xs:
        raise ValueError("stack: `values` is empty")
    ax = normalize_axis("stack", axis, xs[0].ndim + 1)
    return concat([expand_dims(t, ax) for t in xs], axis=ax)


def _split_forward(xp: Any, x: Any, sizes: tuple, axis: int) -> tuple:
    out, start = [], 0
    for s in sizes:
        key = (_builtin_slice(None),) * axis + (_builtin_slice(start, start + s),)
        out.append(x[key])
        start += s
    return tuple(out)


def _split_infer(x: Tensor, sizes: tuple, axis: int) -> list:
    if x.shape[axis] is not None and sum(sizes) != x.shape[axis]:
        raise ShapeError(
            f"split: sizes {list(sizes)} do not add up to dim {axis} of shape {x.shape}"
        )
    return [((*x.shape[:axis], s, *x.shape[axis + 1 :]), x.dtype) for s in sizes]


def _split_grad(ctx: Any, *dys: Tensor) -> tuple:
    parts = [dy if dy is not None else _o().zeros_like(o) for dy, o in zip(dys, ctx.outputs)]
    return (concat(parts, axis=ctx.attrs["axis"]),)


def split(
    value: Any,
    num_or_size_splits: Any,
    axis: int = 0,
    num: int | None = None,
    name: str | None = None,
) -> list:
    """Split along ``axis`` into equal parts (an int) or parts of the given sizes.

    Examples
    --------
    >>> import dl
    >>> [t.numpy().tolist() for t in dl.split(dl.constant([1, 2, 3]), [1, 2])]
    [[1], [2, 3]]
    """
    (x,) = as_operands("split", value)
    ax = normalize_axis("split", axis, x.ndim)
    n = x.shape[ax]
    if isinstance(num_or_size_splits, (int, np.integer)):
        k = int(num_or_size_splits)
        if n is None or k <= 0 or n % k:
            raise ShapeError(
                f"split: dim {ax} of shape {x.shape} cannot be split into {k} equal parts"
            )
        sizes = (n // k,) * k
    else:
        sizes = tuple(int(s) for s in num_or_size_splits)
        if -1 in sizes and n is not None:
            rest = n - sum(s for s in sizes if s != -1)
            sizes = tuple(rest if s == -1 else s for s in sizes)
    op = _split_op(len(sizes))
    return list(apply(op, (x,), {"sizes": sizes, "axis": ax}))


_SPLIT_OPS: dict[int, Op] = {}


def _split_op(k: int) -> Op:
    op = _SPLIT_OPS.get(k)
    if op is None:
        op = _SPLIT_OPS[k] = register(
            Op(f"split_{k}", _split_forward, _split_infer, _split_grad, num_outputs=k, view=True)
        )
    return op


# ----------------------------------------------------------------------------- slicing


def _encode_key(opname: str, key: Any, ndim: int) -> tuple:
    if not isinstance(key, tuple):
        key = (key,)
    out: list[tuple] = []
    for k in key:
        if isinstance(k, _builtin_slice):
            parts = []
            for v in (k.start, k.stop, k.step):
                if isinstance(v, Tensor):
                    v = int(v)
                parts.append(None if v is None else int(v))
            out.append(("s", *parts))
        elif k is None:
            out.append(("n",))
        elif k is Ellipsis:
            out.append(("e",))
        elif isinstance(k, (int, np.integer)) and not isinstance(k, bool):
            out.append(("i", int(k)))
        else:
            raise TypeError(
                f"{opname}: unsupported index {k!r} (ints, slices, None, ... and a single "
                f"integer tensor via dl.gather are supported; boolean masks are not)"
            )
    n_real = sum(1 for k in out if k[0] in ("s", "i"))
    if sum(1 for k in out if k[0] == "e") > 1:
        raise IndexError(f"{opname}: an index can only have a single ellipsis")
    if n_real > ndim:
        raise IndexError(f"{opname}: too many indices ({n_real}) for a tensor of rank {ndim}")
    if ("e",) in out:
        i = out.index(("e",))
        out[i : i + 1] = [("s", None, None, None)] * (ndim - n_real)
    else:
        out += [("s", None, None, None)] * (ndim - n_real)
    return tuple(out)


def _decode_key(key: tuple) -> tuple:
    out: list[Any] = []
    for k in key:
        if k[0] == "s":
            out.append(_builtin_slice(k[1], k[2], k[3]))
        elif k[0] == "i":
            out.append(k[1])
        else:
            out.append(None)
    return tuple(out)


def _getitem_infer(x: Tensor, key: tuple) -> tuple:
    out: list[Any] = []
    d = 0
    for k in key:
        if k[0] == "n":
            out.append(1)
            continue
        n = x.shape[d]
        if k[0] == "i":
            if n is not None and not -n <= k[1] < n:
                raise IndexError(
                    f"getitem: index {k[1]} is out of bounds for dim {d} of shape {x.shape}"
                )
        else:
            if k[3] == 0:
                raise ValueError("getitem: slice step cannot be zero")
            if n is None:
                out.append(None)
            else:
                out.append(len(range(*_builtin_slice(k[1], k[2], k[3]).indices(n))))
        d += 1
    return tuple(out), x.dtype


def _getitem_forward(xp: Any, x: Any, key: tuple) -> Any:
    if type(x) is np.ndarray or ("n",) not in key:
        return x[_decode_key(key)]
    # newaxis is not allowed everywhere by the Array API: index without it, then reshape
    res = x[_decode_key(tuple(k for k in key if k[0] != "n"))]
    dims = iter(res.shape)
    shape = tuple(1 if k[0] == "n" else next(dims) for k in key if k[0] != "i")
    return xp.reshape(res, shape)


def _scatter_slice_forward(xp: Any, dy: Any, like: Any, key: tuple) -> Any:
    out = xp.zeros(like.shape, dtype=dy.dtype)
    if type(out) is not np.ndarray and ("n",) in key:
        kept = [d for k, d in zip((k for k in key if k[0] != "i"), dy.shape) if k[0] != "n"]
        dy = xp.reshape(dy, tuple(kept))
        key = tuple(k for k in key if k[0] != "n")
    out[_decode_key(key)] = dy
    return out


GETITEM: Op = register(
    Op(
        "getitem",
        _getitem_forward,
        _getitem_infer,
        lambda ctx, dy: (apply(SCATTER_SLICE, (dy, ctx.inputs[0]), {"key": ctx.attrs["key"]}),),
        view=True,
    )
)
SCATTER_SLICE: Op = register(
    Op(
        "scatter_slice",
        _scatter_slice_forward,
        lambda dy, like, key: (like.shape, dy.dtype),
        lambda ctx, g: (apply(GETITEM, (g,), {"key": ctx.attrs["key"]}), None),
    )
)


def getitem(x: Any, key: Any) -> Tensor:
    """NumPy basic indexing (ints, slices, None, ...); an integer tensor gathers along axis 0."""
    (t,) = as_operands("getitem", x)
    if isinstance(key, (Tensor, np.ndarray, list)):
        return gather(t, key, axis=0)
    enc = _encode_key("getitem", key, t.ndim)
    if all(k == ("s", None, None, None) for k in enc):
        return t
    return apply(GETITEM, (t,), {"key": enc})


def slice(input_: Any, begin: Any, size: Any, name: str | None = None) -> Tensor:
    """``input_[begin : begin + size]`` per dim (``size`` -1 = to the end), as ``tf.slice``."""
    begin = [int(b) for b in begin]
    size = [int(s) for s in size]
    key = tuple(_builtin_slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))
    return getitem(input_, key)


def strided_slice(
    input_: Any, begin: Any, end: Any, strides: Any = None, name: str | None = None
) -> Tensor:
    """``input_[begin:end:strides]`` per dim (no masks), as ``tf.strided_slice``."""
    strides = [1] * len(begin) if strides is None else strides
    key = tuple(_builtin_slice(int(b), int(e), int(s)) for b, e, s in zip(begin, end, strides))
    return getitem(input_, key)


def _pad_infer(x: Tensor, paddings: tuple, value: Any) -> tuple:
    if len(paddings) != x.ndim:
        raise ShapeError(
            f"pad: `paddings` has {len(paddings)} rows but the tensor has rank {x.ndim} (shape {x.shape})"
        )
    return tuple(None if d is None else d + a + b for d, (a, b) in zip(x.shape, paddings)), x.dtype


def _pad_forward(xp: Any, x: Any, paddings: tuple, value: Any) -> Any:
    if type(x) is np.ndarray:
        return np.pad(x, paddings, constant_values=value)
    shape = tuple(d + a + b for d, (a, b) in zip(x.shape, paddings))
    out = xp.full(shape, value, dtype=x.dtype)
    out[tuple(_builtin_slice(a, a + d) for d, (a, _) in zip(x.shape, paddings))] = x
    return out


def _pad_grad(ctx: Any, dy: Tensor) -> tuple:
    pads = ctx.attrs["paddings"]
    key = tuple(_builtin_slice(a, -b if b else None) for a, b in pads)
    return (getitem(dy, key),)


PAD = register(Op("pad", _pad_forward, _pad_infer, _pad_grad))


def pad(
    tensor: Any,
    paddings: Any,
    mode: str = "CONSTANT",
    constant_values: Any = 0,
    name: str | None = None,
) -> Tensor:
    """Pad with ``constant_values``; ``paddings`` is ``[[before, after], ...]`` per dim."""
    if str(mode).upper() != "CONSTANT":
        raise NotImplementedError(f"pad: only mode='CONSTANT' is supported, received mode={mode!r}")
    (x,) = as_operands("pad", tensor)
    if isinstance(paddings, Tensor):
        paddings = paddings.numpy().tolist()
    pads = tuple((int(a), int(b)) for a, b in paddings)
    if any(a < 0 or b < 0 for a, b in pads):
        raise ValueError(f"pad: negative `paddings` {pads}")
    return apply(PAD, (x,), {"paddings": pads, "value": constant_values})


# ----------------------------------------------------------------------------- gather / scatter


def _gather_infer(p: Tensor, idx: Tensor, axis: int) -> tuple:
    if not idx.dtype.is_integer:
        raise DTypeError(f"gather: `indices` must be int32/int64, received dtype {idx.dtype.name}")
    return p.shape[:axis] + idx.shape + p.shape[axis + 1 :], p.dtype


def _gather_forward(xp: Any, p: Any, idx: Any, axis: int) -> Any:
    if type(p) is np.ndarray:
        return np.take(p, idx, axis=axis)
    flat = xp.reshape(idx, (-1,))
    out = xp.take(p, flat, axis=axis)
    return xp.reshape(out, tuple(p.shape[:axis]) + tuple(idx.shape) + tuple(p.shape[axis + 1 :]))


def _gather_grad(ctx: Any, dy: Tensor) -> tuple:
    p, idx = ctx.inputs
    return apply(GATHER_GRAD, (dy, idx, p), {"axis": ctx.attrs["axis"]}), None


def _gather_grad_forward(xp: Any, dy: Any, idx: Any, like: Any, axis: int) -> Any:
    from gpuframe.backend import get_kernels

    n = like.shape[axis]
    flat_idx = xp.reshape(idx, (-1,))
    # move `axis` of dy's gathered block to the front: dy has shape pre + idx.shape + post
    pre = like.shape[:axis]
    post = like.shape[axis + 1 :]
    k = int(math.prod(idx.shape))
    d = xp.reshape(dy, (int(math.prod(pre)), k, int(math.prod(post))))
    d = xp.permute_dims(d, (1, 0, 2))
    d = xp.reshape(d, (k, -1))
    target = xp.zeros((n, d.shape[1]), dtype=dy.dtype)
    out = get_kernels(xp).scatter_add(target, flat_idx, d)
    out = xp.reshape(out, (n, int(math.prod(pre)), int(math.prod(post))))
    out = xp.permute_dims(out, (1, 0, 2))
    return xp.reshape(out, tuple(like.shape))


GATHER: Op = register(Op("gather", _gather_forward, _gather_infer, _gather_grad))
GATHER_GRAD: Op = register(
    Op(
        "gather_grad",
        _gather_grad_forward,
        lambda dy, idx, like, axis: (like.shape, dy.dtype),
        lambda ctx, g: (gather(g, ctx.inputs[1], axis=ctx.attrs["axis"]), None, None),
    )
)


def gather(
    params: Any, indices: Any, axis: int = 0, batch_dims: int = 0, name: str | None = None
) -> Tensor:
    """Rows of ``params`` picked by ``indices`` along ``axis`` (``tf.gather``; no batch_dims).

    Examples
    --------
    >>> import dl
    >>> dl.gather(dl.constant([10.0, 20.0, 30.0]), [2, 0]).numpy().tolist()
    [30.0, 10.0]
    """
    if batch_dims:
        raise NotImplementedError("gather: batch_dims is not supported")
    (p,) = as_operands("gather", params)
    (idx,) = as_operands("gather", indices)
    ax = normalize_axis("gather", axis, p.ndim)
    return apply(GATHER, (p, idx), {"axis": ax})


def scatter_add(tensor: Any, indices: Any, updates: Any, name: str | None = None) -> Tensor:
    """``tensor`` with ``updates[i]`` added at row ``indices[i]`` (repeats add up).

    Rows along axis 0 with 1-D ``indices``; TensorFlow's ``tensor_scatter_nd_add`` takes
    ``indices`` of shape ``(n, 1)`` for the same thing.

    Examples
    --------
    >>> import dl
    >>> dl.scatter_add(dl.zeros((3,)), [0, 0, 2], [1.0, 2.0, 5.0]).numpy().tolist()
    [3.0, 0.0, 5.0]
    """
    (t,) = as_operands("scatter_add", tensor)
    (idx,) = as_operands("scatter_add", indices)
    (u,) = (
        as_operands("scatter_add", updates)
        if isinstance(updates, Tensor)
        else (_o().constant(updates, dtype=t.dtype),)
    )
    if idx.ndim != 1:
        raise ShapeError(f"scatter_add: `indices` must be 1-D, received shape {idx.shape}")
    want = idx.shape + t.shape[1:]
    if len(u.shape) != len(want) or any(
        None not in (a, b) and a != b for a, b in zip(u.shape, want)
    ):
        raise ShapeError(
            f"scatter_add: `updates` has shape {u.shape}, expected {want} (indices {idx.shape}, tensor {t.shape})"
        )
    same_dtype("scatter_add", t, u, names=("tensor", "updates"))
    return t + apply(GATHER_GRAD, (u, idx, t), {"axis": 0})


def _one_hot_forward(xp: Any, idx: Any, depth: int, on: Any, off: Any, dtype: Any) -> Any:
    hot = xp.reshape(idx, (*idx.shape, 1)) == xp.arange(depth, dtype=idx.dtype)
    d = dtype.of(xp)
    if on == 1 and off == 0:
        return xp.astype(hot, d)
    return xp.where(hot, xp.asarray(on, dtype=d), xp.asarray(off, dtype=d))


def _one_hot_infer(idx: Tensor, depth: int, on: Any, off: Any, dtype: Any) -> tuple:
    if not idx.dtype.is_integer:
        raise DTypeError(f"one_hot: `indices` must be integers, received dtype {idx.dtype.name}")
    return (*idx.shape, depth), dtype


ONE_HOT = register(Op("one_hot", _one_hot_forward, _one_hot_infer, differentiable=False))


def one_hot(
    indices: Any,
    depth: int,
    on_value: Any = 1,
    off_value: Any = 0,
    axis: int = -1,
    dtype: Any = _dtypes.float32,
    name: str | None = None,
) -> Tensor:
    """One-hot rows of length ``depth`` (last axis only; out-of-range indices give zeros).

    Examples
    --------
    >>> import dl
    >>> dl.one_hot([0, 2], 3).numpy().tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    """
    if axis != -1:
        raise NotImplementedError(f"one_hot: only axis=-1 is supported, received axis={axis}")
    (idx,) = as_operands("one_hot", indices)
    return apply(
        ONE_HOT,
        (idx,),
        {"depth": int(depth), "on": on_value, "off": off_value, "dtype": as_dtype(dtype)},
    )
