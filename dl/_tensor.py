"""``Tensor`` (an immutable device array, or a symbolic value inside a traced function),
``Variable`` (mutable trainable state) and the factories ``constant`` / ``convert_to_tensor``.

Operators (``+``, ``@``, ``[]``, ...) delegate to the op table in :mod:`dl.ops`.

Differences from TensorFlow: ``Tensor.shape`` is a plain tuple (``None`` for dims unknown at
trace time); tensors hash by identity although ``==`` is elementwise.
"""

from __future__ import annotations

from typing import Any

import array_api_compat
import numpy as np

from . import _dtypes
from ._context import state
from ._dtypes import DType, as_dtype, dtype_of_array
from ._errors import DTypeError, ShapeError

__all__ = ["Tensor", "TensorSpec", "Variable", "constant", "convert_to_tensor"]


class TensorSpec:
    """Shape (``None`` = any size) and dtype of a tensor; used by ``input_signature``.

    Examples
    --------
    >>> import dl
    >>> dl.TensorSpec((None, 3), dl.float32)
    TensorSpec(shape=(None, 3), dtype=dl.float32)
    """

    __slots__ = ("dtype", "name", "shape")

    def __init__(self, shape: Any, dtype: Any = _dtypes.float32, name: str | None = None) -> None:
        if shape is None:
            raise ShapeError("TensorSpec needs a shape (a tuple; None for unknown dims)")
        self.shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = as_dtype(dtype)
        self.name = name

    def __repr__(self) -> str:
        return f"TensorSpec(shape={self.shape}, dtype={self.dtype!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TensorSpec)
            and self.shape == other.shape
            and self.dtype == other.dtype
        )

    def __hash__(self) -> int:
        return hash((self.shape, self.dtype.name))

    def is_compatible_with(self, shape: tuple, dtype: DType) -> bool:
        """True when a tensor of ``shape``/``dtype`` fits this spec."""
        if dtype != self.dtype or len(shape) != len(self.shape):
            return False
        return all(a is None or a == b for a, b in zip(self.shape, shape))


class Tensor:
    """A multi-dimensional array with a dl dtype, living on a device.

    Eager tensors hold an array (``numpy()`` returns it on the host); symbolic tensors, made
    while tracing a :func:`dl.function`, hold a graph node and a static shape instead.

    Examples
    --------
    >>> import dl
    >>> x = dl.constant([[1.0, 2.0], [3.0, 4.0]])
    >>> (x * 2 + 1).numpy().tolist()
    [[3.0, 5.0], [7.0, 9.0]]
    >>> x.shape, x.dtype
    ((2, 2), dl.float32)
    """

    __slots__ = ("__weakref__", "_dtype", "_graph", "_index", "_node", "_shape", "_value")
    __array_priority__ = 100
    __array_ufunc__ = None  # ``ndarray * Tensor`` defers to Tensor.__rmul__ (a dl op)
    _value: Any
    _shape: Any
    _dtype: Any
    _graph: Any
    _node: Any
    _index: int

    def __init__(self, value: Any = None) -> None:
        t = convert_to_tensor(value)
        self._value = t._value
        self._shape = t._shape
        self._dtype = t._dtype
        self._graph = None
        self._node = None
        self._index = 0

    # -- construction helpers (no validation: callers pass arrays of supported dtypes) ----------
    @classmethod
    def _from_array(cls, value: Any, dtype: DType | None = None) -> Tensor:
        t = object.__new__(Tensor)
        t._value = value
        t._shape = None
        t._dtype = dtype
        t._graph = None
        t._node = None
        t._index = 0
        return t

    @classmethod
    def _symbolic(cls, graph: Any, node: Any, index: int, shape: tuple, dtype: DType) -> Tensor:
        t = object.__new__(Tensor)
        t._value = None
        t._shape = shape
        t._dtype = dtype
        t._graph = graph
        t._node = node
        t._index = index
        return t

    # -- metadata ---------------------------------------------------------------------------------
    @property
    def shape(self) -> tuple:
        """The shape as a tuple (``None`` for dims unknown while tracing)."""
        s = self._shape
        if s is None:
            s = self._shape = tuple(self._value.shape)
        return s

    @property
    def dtype(self) -> DType:
        d = self._dtype
        if d is None:
            d = self._dtype = dtype_of_array(self._value)
        return d

    @property
    def ndim(self) -> int:
        return len(self.shape)

    @property
    def is_symbolic(self) -> bool:
        """True for tensors made while tracing (they have no value yet)."""
        return self._value is None

    @property
    def device(self) -> str:
        from gpuframe.backend import array_device

        if self._value is None:
            return "symbolic"
        return str(array_device(self._value))

    @property
    def value_array(self) -> Any:
        """The underlying device array (no copy); raises for symbolic tensors."""
        if self._value is None:
            raise _symbolic_error("read the array of")
        return self._value

    def numpy(self) -> np.ndarray:
        """The value as a NumPy array on the host (a device -> host copy on the GPU)."""
        from gpuframe.backend import to_host

        if self._value is None:
            raise _symbolic_error("call .numpy() on")
        v = self._value
        if isinstance(v, np.ndarray):
            return v
        if _is_strict(v):
            return np.asarray(v)
        return to_host(v)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        out = self.numpy()
        return out if dtype is None else out.astype(dtype, copy=False)

    def __repr__(self) -> str:
        if self._value is None:
            return f"<dl.Tensor symbolic shape={self.shape} dtype={self.dtype.name}>"
        return f"<dl.Tensor shape={self.shape} dtype={self.dtype.name} numpy={self.numpy()!r}>"

    # -- Python protocols -------------------------------------------------------------------------
    def __bool__(self) -> bool:
        if self._value is None:
            raise TypeError(
                "A symbolic dl.Tensor cannot be used as a Python bool inside a traced "
                "dl.function (dl has no autograph); compute both branches and use dl.where"
            )
        return builtin_bool(self.numpy())

    def __float__(self) -> float:
        return float(self.numpy())

    def __int__(self) -> int:
        return int(self.numpy())

    def __index__(self) -> int:
        if not self.dtype.is_integer:
            raise TypeError(f"only integer tensors can be used as an index, got {self.dtype}")
        return int(self.numpy())

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of a 0-d dl.Tensor")
        n = self.shape[0]
        if n is None:
            raise TypeError("len() of a tensor whose first dim is unknown while tracing")
        return n

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    __hash__ = object.__hash__

    # -- operators (delegated to the op table) ----------------------------------------------------
    def __add__(self, o):
        return _ops.add(self, o)

    def __radd__(self, o):
        return _ops.add(o, self)

    def __sub__(self, o):
        return _ops.subtract(self, o)

    def __rsub__(self, o):
        return _ops.subtract(o, self)

    def __mul__(self, o):
        return _ops.multiply(self, o)

    def __rmul__(self, o):
        return _ops.multiply(o, self)

    def __truediv__(self, o):
        return _ops.divide(self, o)

    def __rtruediv__(self, o):
        return _ops.divide(o, self)

    def __pow__(self, o):
        return _ops.pow(self, o)

    def __rpow__(self, o):
        return _ops.pow(o, self)

    def __matmul__(self, o):
        return _ops.matmul(self, o)

    def __rmatmul__(self, o):
        return _ops.matmul(o, self)

    def __neg__(self):
        return _ops.negative(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return _ops.abs(self)

    def __lt__(self, o):
        return _ops.less(self, o)

    def __le__(self, o):
        return _ops.less_equal(self, o)

    def __gt__(self, o):
        return _ops.greater(self, o)

    def __ge__(self, o):
        return _ops.greater_equal(self, o)

    def __eq__(self, o):
        return _ops.equal(self, o)

    def __ne__(self, o):
        return _ops.not_equal(self, o)

    def __and__(self, o):
        return _ops.logical_and(self, o)

    def __or__(self, o):
        return _ops.logical_or(self, o)

    def __invert__(self):
        return _ops.logical_not(self)

    def __getitem__(self, key):
        return _ops.getitem(self, key)

    @property
    def T(self) -> Tensor:
        return _ops.transpose(self)

    def reshape(self, *shape: Any) -> Tensor:
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        return _ops.reshape(self, shape)

    def astype(self, dtype: Any) -> Tensor:
        return _ops.cast(self, dtype)


builtin_bool = bool


def _symbolic_error(what: str) -> TypeError:
    return TypeError(
        f"Cannot {what} a symbolic dl.Tensor: it has no value while a dl.function is being "
        f"traced. Return it from the function instead."
    )


class Variable(Tensor):
    """Mutable state (weights, optimizer slots): a tensor whose value ``assign`` replaces.

    Trainable variables are watched by every :class:`dl.GradientTape` automatically. Inside a
    traced function reads and assignments become graph nodes, run in program order.

    Examples
    --------
    >>> import dl
    >>> v = dl.Variable([1.0, 2.0])
    >>> _ = v.assign_add([1.0, 1.0])
    >>> v.numpy().tolist()
    [2.0, 3.0]
    """

    __slots__ = ("name", "trainable")
    _counter = 0

    def __init__(
        self,
        initial_value: Any,
        trainable: builtin_bool = True,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        if callable(initial_value):
            from ._context import init_scope

            with init_scope():  # initializers run eagerly, even on a traced first call
                initial_value = initial_value()
        if isinstance(initial_value, Tensor) and initial_value.is_symbolic:
            raise TypeError(
                "A dl.Variable must be created from a concrete value, not from a symbolic "
                "tensor; create variables outside the traced function (or on first call)"
            )
        t = convert_to_tensor(initial_value, dtype=dtype)
        self._value = t._value
        self._shape = tuple(t.shape)
        self._dtype = t.dtype
        self._graph = None
        self._node = None
        self._index = 0
        self.trainable = builtin_bool(trainable)
        Variable._counter += 1
        self.name = name if name is not None else f"Variable:{Variable._counter}"

    def numpy(self) -> np.ndarray:
        """A copy of the current value on the host (later updates do not change it)."""
        out = super().numpy()
        return out.copy() if out is self._value else out

    def __repr__(self) -> str:
        return (
            f"<dl.Variable {self.name!r} shape={self.shape} dtype={self.dtype.name} "
            f"numpy={self.numpy()!r}>"
        )

    def _check(self, value: Tensor, what: str) -> None:
        if value.dtype != self._dtype:
            raise DTypeError(
                f"Variable.{what}: dtype of the value is {value.dtype.name} but variable "
                f"{self.name!r} has dtype {self._dtype.name}"
            )
        if len(value.shape) != len(self._shape) or any(
            a is not None and a != b for a, b in zip(value.shape, self._shape)
        ):
            raise ShapeError(
                f"Variable.{what}: shape of the value {value.shape} does not match the shape "
                f"{self._shape} of variable {self.name!r}"
            )

    def assign(self, value: Any) -> Variable:
        """Replace the value (same shape and dtype)."""
        v = convert_to_tensor(value, dtype=self._dtype)
        self._check(v, "assign")
        graph = state.graph
        if graph is not None:
            graph.assign(self, v)
        elif v._value is None:
            raise _symbolic_error("assign")
        else:
            self._value = v._value
        return self

    def assign_add(self, delta: Any) -> Variable:
        """``self += delta``."""
        return self.assign(_ops.add(self, _ops.convert_like(delta, self)))

    def assign_sub(self, delta: Any) -> Variable:
        """``self -= delta``."""
        return self.assign(_ops.subtract(self, _ops.convert_like(delta, self)))

    def read_value(self) -> Tensor:
        """The current value as a tensor (a snapshot in eager mode)."""
        graph = state.graph
        if graph is not None:
            return graph.read_variable(self)
        return Tensor._from_array(self._value, self._dtype)

    value = read_value

    @property
    def is_symbolic(self) -> builtin_bool:
        return False


def _is_strict(x: Any) -> builtin_bool:
    return type(x).__module__.startswith("array_api_strict")


def _is_python_scalar(x: Any) -> builtin_bool:
    return isinstance(x, (int, float, builtin_bool)) and not isinstance(x, np.generic)


def _python_default_dtype(arr: np.ndarray) -> DType:
    if arr.dtype.kind == "f":
        return _dtypes.float32
    if arr.dtype.kind in "iu":
        return _dtypes.int32
    if arr.dtype.kind == "b":
        return _dtypes.bool
    return dtype_of_array(arr)


def constant(value: Any, dtype: Any = None, shape: Any = None) -> Tensor:
    """A tensor holding ``value`` on the current device.

    Python floats/ints default to float32/int32 (as in TensorFlow); arrays keep their dtype.
    Device arrays (CuPy, NumPy, anything ``gpuframe.backend.asarray`` takes) are not copied
    when no cast is needed.

    Examples
    --------
    >>> import dl
    >>> dl.constant(1.5).dtype, dl.constant([1, 2]).dtype
    (dl.float32, dl.int32)
    >>> dl.constant(0.0, shape=(2,)).numpy().tolist()
    [0.0, 0.0]
    """
    from gpuframe.backend import asarray

    dt = None if dtype is None else as_dtype(dtype)
    if isinstance(value, Tensor):
        if value._value is None:
            raise TypeError("dl.constant needs a concrete value; got a symbolic tensor")
        value = value._value
    if isinstance(value, np.ndarray) or array_api_compat.is_cupy_array(value):
        arr = value
    elif _is_strict(value):
        arr = value
    elif isinstance(value, (list, tuple, int, float, builtin_bool)) and not isinstance(
        value, np.generic
    ):
        host = np.asarray(value)
        if host.dtype == object:
            raise TypeError(f"dl.constant: cannot convert ragged/object data {value!r}")
        if dt is None:
            dt = _python_default_dtype(host)
        arr = asarray(host, dtype=dt.as_numpy_dtype)
    else:
        arr = asarray(value)
    if dt is not None:
        cur = dtype_of_array(arr) if arr.dtype != object else None
        if cur != dt:
            xp = array_api_compat.array_namespace(arr)
            arr = xp.astype(arr, dt.of(xp))
    else:
        dt = dtype_of_array(arr)
    if shape is not None:
        shape = tuple(int(s) for s in shape)
        if tuple(arr.shape) != shape:
            xp = array_api_compat.array_namespace(arr)
            size = int(np.prod(arr.shape))
            if size == 1:
                arr = xp.broadcast_to(xp.reshape(arr, ()), shape)
                arr = xp.asarray(arr, copy=True)
            elif size == int(np.prod(shape)):
                arr = xp.reshape(arr, shape)
            else:
                raise ShapeError(
                    f"dl.constant: value of shape {tuple(arr.shape)} cannot fill shape {shape}"
                )
    return Tensor._from_array(arr, dt)


def convert_to_tensor(value: Any, dtype: Any = None) -> Tensor:
    """``value`` as a Tensor (tensors and variables pass through; others via ``constant``).

    Examples
    --------
    >>> import dl
    >>> dl.convert_to_tensor([1.0, 2.0], dtype=dl.float64).dtype
    dl.float64
    """
    if isinstance(value, Tensor):
        if dtype is not None and value.dtype != as_dtype(dtype):
            raise DTypeError(
                f"convert_to_tensor: tensor has dtype {value.dtype.name}, "
                f"requested {as_dtype(dtype).name}"
            )
        return value
    return constant(value, dtype=dtype)


from . import ops as _ops  # noqa: E402  (operators delegate to the op table)
