"""Input validation for estimators: every X and y enters ``ml`` here.

Inputs are turned into device arrays through the interop hub (``interop.as_array``) where it
is available, never through ``sklearn.utils.check_array`` (which copies to the host).
Outputs follow X: a gpuframe input gives gpuframe output, numpy gives numpy, cupy gives cupy.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import array_namespace, to_host

__all__ = ["check_array", "check_consistent_length", "input_kind", "wrap_like"]

_FLOATS = ("float64", "float32")


def input_kind(X: Any) -> str:
    """'frame', 'series', or 'array': what kind of object results must be wrapped into."""
    mod = type(X).__module__ or ""
    if mod.startswith("gpuframe"):
        name = type(X).__name__
        if name == "DataFrame":
            return "frame"
        if name == "Series":
            return "series"
    return "array"


def _to_array(X: Any) -> Any:
    try:
        from interop import as_array
    except ImportError:
        pass
    else:
        return as_array(X)
    kind = input_kind(X)
    if kind != "array":
        return X.to_cupy() if getattr(X, "device", "cpu") != "cpu" else X.to_numpy()
    if hasattr(X, "__array_namespace__"):
        return X
    try:
        import cupy

        if isinstance(X, cupy.ndarray):
            return X
    except ImportError:
        pass
    return np.asarray(X)


def check_array(
    X: Any,
    *,
    argument: str = "X",
    dtype: str | tuple[str, ...] | None = _FLOATS,
    ensure_2d: bool = True,
    allow_nan: bool = False,
    min_samples: int = 1,
    min_features: int = 0,
) -> tuple[Any, ModuleType]:
    """Validate ``X`` and return ``(array, xp)``; float inputs keep float32/float64.

    ``dtype`` lists the accepted float dtypes (the first is used for other inputs), or
    ``None`` to keep the input dtype. Raises ``ValueError`` naming ``argument`` for a wrong
    number of dimensions, too few samples or features (``min_features``), complex values, or
    NaN/inf when ``allow_nan`` is false; ``TypeError`` for sparse matrices and non-numeric data.

    Examples
    --------
    >>> A, xp = check_array([[1, 2], [3, 4]])
    >>> A.dtype
    dtype('float64')
    """
    if hasattr(X, "toarray") and hasattr(X, "format") and hasattr(X, "nnz"):
        raise TypeError(
            f"Sparse input is not supported for `{argument}` (received a {X.format} sparse "
            "matrix); convert it with X.toarray()"
        )
    A = _to_array(X)
    if isinstance(A, np.ndarray) and A.dtype == object:
        A = _object_to_numeric(A, argument)
    xp = array_namespace(A)
    if _is_complex(A, xp):
        raise ValueError(f"Complex data not supported for `{argument}`; received dtype {A.dtype}")
    if ensure_2d and A.ndim != 2:
        raise ValueError(
            f"Expected a 2-D array for `{argument}`, got {A.ndim}-D with shape {tuple(A.shape)}. "
            "Reshape your data either using X.reshape(-1, 1) if your data has a single feature "
            "or X.reshape(1, -1) if it contains a single sample."
        )
    if dtype is not None:
        wanted = (dtype,) if isinstance(dtype, str) else dtype
        if str(A.dtype) not in wanted:
            if not (xp.isdtype(A.dtype, "numeric") or A.dtype == xp.bool):
                raise TypeError(f"`{argument}` must be numeric; received dtype {A.dtype}")
            A = xp.astype(A, getattr(xp, wanted[0]))
    if A.shape[0] < min_samples:
        raise ValueError(
            f"`{argument}` has {A.shape[0]} sample(s) (shape={tuple(A.shape)}) but at least "
            f"{min_samples} is required"
        )
    if A.ndim == 2 and A.shape[1] < min_features:
        raise ValueError(
            f"`{argument}` has {A.shape[1]} feature(s) (shape={tuple(A.shape)}) while a minimum "
            f"of {min_features} is required."
        )
    if not allow_nan and xp.isdtype(A.dtype, "real floating") and A.size:
        # the sum is finite only if every entry is (one pass, no temporary), as scikit-learn
        # checks; only a non-finite sum (NaN/inf or overflow) pays for the elementwise test
        if not bool(xp.isfinite(xp.sum(A))) and not bool(xp.all(xp.isfinite(A))):
            what = "NaN" if bool(xp.any(xp.isnan(A))) else "infinity"
            raise ValueError(f"Input `{argument}` contains {what} (NaN or infinity not allowed)")
    return A, xp


def _object_to_numeric(A: np.ndarray, argument: str) -> np.ndarray:
    """Object arrays holding numbers become float64; anything else is a ``TypeError``."""
    try:
        return A.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"`{argument}` must be numeric; float() argument must be a string or a real number "
            f"({exc})"
        ) from exc


def _is_complex(A: Any, xp: ModuleType) -> bool:
    try:
        return bool(xp.isdtype(A.dtype, "complex floating"))
    except (TypeError, ValueError):
        return False


def check_consistent_length(*arrays: Any, names: tuple[str, ...] = ("X", "y")) -> None:
    """Raise ``ValueError`` naming the arrays when their first dimensions differ."""
    lengths = [int(a.shape[0]) for a in arrays if a is not None]
    if len(set(lengths)) > 1:
        desc = ", ".join(f"{n}: {m}" for n, m in zip(names, lengths))
        raise ValueError(f"Found input variables with inconsistent numbers of samples: {desc}")


def wrap_like(result: Any, like: Any, *, columns: Any = None, name: Any = None) -> Any:
    """Return ``result`` (an array) in the container kind of ``like``.

    gpuframe DataFrame -> DataFrame (2-D results) or Series (1-D), on the same device;
    arrays pass through unchanged (numpy stays numpy, cupy stays cupy).
    """
    kind = input_kind(like)
    if kind == "array":
        return result
    import gpuframe

    index = getattr(like, "index", None)
    if getattr(result, "ndim", 1) == 1:
        return gpuframe.Series(result, index=index, name=name)
    return gpuframe.DataFrame(result, columns=columns, index=index)


def host_labels(y: Any) -> np.ndarray:
    """Labels on the host (for small per-class bookkeeping only, never for X)."""
    return to_host(_to_array(y))
