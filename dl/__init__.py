"""dl: dataflow-graph deep learning with TensorFlow 2 names.

Tensors live on the current gpuframe device (CuPy on the GPU, NumPy on the CPU). Ops run
eagerly; :class:`GradientTape` records them for reverse-mode autodiff; :func:`function`
traces Python into an optimised :class:`Graph`.

Examples
--------
>>> import dl
>>> w = dl.Variable([[1.0], [2.0]])
>>> x = dl.constant([[3.0, 4.0]])
>>> with dl.GradientTape() as tape:
...     loss = dl.reduce_sum(dl.matmul(x, w) ** 2)
>>> tape.gradient(loss, w).numpy().ravel().tolist()
[66.0, 88.0]

Differences from TensorFlow
---------------------------
- No implicit dtype promotion (as TensorFlow), but Python scalars take the other operand's
  dtype; a float scalar with an integer tensor raises :class:`DTypeError`.
- ``Tensor.shape`` is a tuple (``None`` for dims unknown while tracing); tensors hash by
  identity although ``==`` is elementwise.
- ``dl.function`` has no autograph: Python control flow on symbolic tensors raises; under an
  active outer tape a traced function runs eagerly so the tape sees its ops.
- ``dl.random.normal(shape, seed=s)`` returns the same values for the same ``s``; use a
  :class:`dl.random.Generator` for a stream. Random ops in a graph draw anew on every run.
- Adam's update is the paper's/PyTorch's (``epsilon`` added to ``sqrt(v_hat)``).
- ``scatter_add`` adds rows along axis 0 with 1-D indices (``tensor_scatter_nd_add`` with
  ``(n, 1)`` indices in TensorFlow); ``one_hot`` supports ``axis=-1`` only; ``gather`` has no
  ``batch_dims``; ``conv2d`` and pooling are NHWC only.
- bfloat16 needs ``ml_dtypes`` on the CPU; CuPy has no bfloat16 arrays.
"""

from __future__ import annotations

from . import _dtypes as dtypes
from . import (
    math,
    nn,
    optimizers,
    random,
)
from ._context import executing_eagerly, init_scope
from ._dtypes import DType, as_dtype, bfloat16, bool, float16, float32, float64, int32, int64
from ._errors import DTypeError, NonDifferentiableError, ShapeError, SignatureError
from ._tape import GradientTape
from ._tensor import Tensor, TensorSpec, Variable, constant, convert_to_tensor
from .graph import Graph, function
from .ops import (
    abs,
    add,
    argmax,
    argmin,
    broadcast_to,
    cast,
    concat,
    cos,
    divide,
    equal,
    exp,
    expand_dims,
    eye,
    fill,
    gather,
    greater,
    greater_equal,
    identity,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    matmul,
    maximum,
    minimum,
    multiply,
    negative,
    not_equal,
    one_hot,
    ones,
    ones_like,
    pad,
    pow,
    range,
    reduce_all,
    reduce_any,
    reduce_logsumexp,
    reduce_max,
    reduce_mean,
    reduce_min,
    reduce_prod,
    reduce_sum,
    reshape,
    scatter_add,
    sigmoid,
    sign,
    sin,
    slice,
    split,
    sqrt,
    square,
    squeeze,
    stack,
    stop_gradient,
    strided_slice,
    subtract,
    tanh,
    transpose,
    where,
    zeros,
    zeros_like,
)

__all__ = [
    # tensors and dtypes
    "DType",
    "Tensor",
    "TensorSpec",
    "Variable",
    "as_dtype",
    "constant",
    "convert_to_tensor",
    "dtypes",
    "bfloat16",
    "bool",
    "float16",
    "float32",
    "float64",
    "int32",
    "int64",
    # errors
    "DTypeError",
    "NonDifferentiableError",
    "ShapeError",
    "SignatureError",
    # autodiff and graphs
    "GradientTape",
    "Graph",
    "executing_eagerly",
    "init_scope",
    "function",
    # submodules
    "math",
    "nn",
    "optimizers",
    "random",
    # ops
    "abs",
    "add",
    "argmax",
    "argmin",
    "broadcast_to",
    "cast",
    "concat",
    "cos",
    "divide",
    "equal",
    "exp",
    "expand_dims",
    "eye",
    "fill",
    "gather",
    "greater",
    "greater_equal",
    "identity",
    "less",
    "less_equal",
    "logical_and",
    "logical_not",
    "logical_or",
    "matmul",
    "maximum",
    "minimum",
    "multiply",
    "negative",
    "not_equal",
    "one_hot",
    "ones",
    "ones_like",
    "pad",
    "pow",
    "range",
    "reduce_all",
    "reduce_any",
    "reduce_logsumexp",
    "reduce_max",
    "reduce_mean",
    "reduce_min",
    "reduce_prod",
    "reduce_sum",
    "reshape",
    "scatter_add",
    "sigmoid",
    "sign",
    "sin",
    "slice",
    "split",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "stop_gradient",
    "strided_slice",
    "subtract",
    "tanh",
    "transpose",
    "where",
    "zeros",
    "zeros_like",
]
