"""Shared estimator plumbing: data validation for fit/predict, targets and sample weights.

Every estimator calls :func:`validate_X` at the top of ``fit`` (``reset=True``: records
``n_features_in_`` and ``feature_names_in_``) and of ``predict``/``transform`` (``reset=False``:
checks them). Targets go through :func:`validate_y` and weights through
:func:`validate_sample_weight`; both return arrays in the namespace (and on the device) of X.
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import array_namespace, is_numpy, to_host

from ._validation import _to_array, check_array, check_consistent_length

__all__ = [
    "FLOATS",
    "encode_labels",
    "to_namespace",
    "validate_X",
    "validate_sample_weight",
    "validate_y",
]

FLOATS = ("float64", "float32")


def _feature_names(X: Any) -> np.ndarray | None:
    columns = getattr(X, "columns", None)
    if columns is None or input_is_array(X):
        return None
    names = np.asarray(list(columns), dtype=object)
    if names.size == 0:
        return None
    are_str = [isinstance(n, str) for n in names]
    if all(are_str):
        return names
    if any(are_str):
        raise TypeError(
            "Feature names are only supported if all input features have string names, but "
            f"your input has {sorted({type(n).__name__ for n in names})} as feature name / "
            "column name types. Convert them all to str, e.g. X.columns = X.columns.astype(str)"
        )
    return None


def input_is_array(X: Any) -> bool:
    return hasattr(X, "__array_namespace__") or isinstance(X, np.ndarray)


def _check_feature_names(est: Any, X: Any, *, reset: bool) -> None:
    names = _feature_names(X)
    if reset:
        if names is not None:
            est.feature_names_in_ = names
        elif hasattr(est, "feature_names_in_"):
            del est.feature_names_in_
        return
    fitted = getattr(est, "feature_names_in_", None)
    if fitted is None and names is None:
        return
    name = type(est).__name__
    if names is None:
        warnings.warn(
            f"X does not have valid feature names, but {name} was fitted with feature names",
            UserWarning,
            stacklevel=3,
        )
        return
    if fitted is None:
        warnings.warn(
            f"X has feature names, but {name} was fitted without feature names",
            UserWarning,
            stacklevel=3,
        )
        return
    if len(fitted) == len(names) and np.all(fitted == names):
        return
    unexpected = sorted(set(names) - set(fitted))
    missing = sorted(set(fitted) - set(names))
    msg = "The feature names should match those that were passed during fit.\n"
    if unexpected:
        msg += "Feature names unseen at fit time:\n" + "".join(f"- {n}\n" for n in unexpected[:5])
        if len(unexpected) > 5:
            msg += "- ...\n"
    if missing:
        msg += "Feature names seen at fit time, yet now missing:\n" + "".join(
            f"- {n}\n" for n in missing[:5]
        )
        if len(missing) > 5:
            msg += "- ...\n"
    if not unexpected and not missing:
        msg += "Feature names must be in the same order as they were in fit.\n"
    raise ValueError(msg)


def validate_X(
    est: Any,
    X: Any,
    *,
    reset: bool,
    dtype: str | tuple[str, ...] | None = FLOATS,
    allow_nan: bool = False,
    min_samples: int = 1,
) -> tuple[Any, ModuleType]:
    """Validate ``X`` for ``fit`` (``reset=True``) or for predict/transform (``reset=False``).

    Returns ``(array, xp)``. On ``reset`` records ``n_features_in_`` (and
    ``feature_names_in_`` for frames with string column names); otherwise checks them.
    """
    _check_feature_names(est, X, reset=reset)
    A, xp = check_array(
        X, dtype=dtype, allow_nan=allow_nan, min_samples=min_samples, min_features=1
    )
    if reset:
        est.n_features_in_ = int(A.shape[1])
    else:
        expected = getattr(est, "n_features_in_", None)
        if expected is not None and int(A.shape[1]) != expected:
            raise ValueError(
                f"X has {A.shape[1]} features, but {type(est).__name__} is expecting "
                f"{expected} features as input."
            )
    return A, xp


def to_namespace(a: Any, xp: ModuleType, like: Any = None) -> Any:
    """``a`` as an array of namespace ``xp`` (on the device of ``like`` when given)."""
    a = _to_array(a)
    if array_namespace(a) is xp or (is_numpy(xp) and isinstance(a, np.ndarray)):
        return a
    host = np.asarray(to_host(a))
    if like is not None and hasattr(like, "device") and not is_numpy(xp):
        return xp.asarray(host, device=like.device)
    return xp.asarray(host)


def validate_y(
    y: Any,
    X: Any,
    xp: ModuleType,
    *,
    est: Any = None,
    numeric: bool = True,
    multi_output: bool = False,
) -> Any:
    """The target ``y`` as an array of ``xp`` with one row per row of ``X``.

    ``numeric`` targets are cast to the float dtype of ``X`` and must be finite; otherwise
    (class labels) the dtype is kept and labels may stay on the host when they are not numbers.
    A column vector ``(n, 1)`` is raveled with a ``DataConversionWarning``.
    """
    if y is None:
        name = type(est).__name__ if est is not None else "This estimator"
        raise ValueError(f"{name} requires y to be passed, but the target y is None")
    Y = _to_array(y)
    if isinstance(Y, np.ndarray) and Y.dtype == object and numeric:
        Y = Y.astype(np.float64)
    if Y.ndim == 0:
        raise ValueError(f"y should be a 1d array, got a scalar ({Y!r}) instead")
    if Y.ndim == 2 and Y.shape[1] == 1 and not multi_output:
        from sklearn.exceptions import DataConversionWarning

        warnings.warn(
            "A column-vector y was passed when a 1d array was expected. Please change the "
            "shape of y to (n_samples,), for example using ravel().",
            DataConversionWarning,
            stacklevel=3,
        )
        Y = Y[:, 0]
    if Y.ndim != 1 and not (multi_output and Y.ndim == 2):
        raise ValueError(f"y should be a 1d array, got an array of shape {tuple(Y.shape)} instead.")
    check_consistent_length(X, Y)
    if numeric:
        Y = to_namespace(Y, xp, like=X)
        if Y.dtype != X.dtype:
            Y = xp.astype(Y, X.dtype)
        finite = xp.isfinite(Y)
        if not bool(xp.all(finite)):
            if bool(xp.any(xp.isnan(Y))):
                raise ValueError("Input y contains NaN.")
            raise ValueError("Input y contains infinity or a value too large for dtype('float64').")
    elif not (isinstance(Y, np.ndarray) and not np.issubdtype(Y.dtype, np.number)):
        Y = to_namespace(Y, xp, like=X)
    return Y


def validate_sample_weight(sample_weight: Any, X: Any, xp: ModuleType) -> Any:
    """``sample_weight`` as a 1-D, finite, non-negative array of X's float dtype (or None)."""
    if sample_weight is None:
        return None
    n = int(X.shape[0])
    if isinstance(sample_weight, (int, float, np.number)):
        return xp.full((n,), float(sample_weight), dtype=X.dtype)
    w = to_namespace(sample_weight, xp, like=X)
    if w.ndim != 1 or int(w.shape[0]) != n:
        raise ValueError(
            f"sample_weight.shape == {tuple(w.shape)}, expected ({n},); sample_weight must be "
            "1-D with one weight per sample"
        )
    if w.dtype != X.dtype:
        w = xp.astype(w, X.dtype)
    if not bool(xp.all(xp.isfinite(w))):
        raise ValueError("Input sample_weight contains NaN or infinity.")
    if bool(xp.any(w < 0)):
        raise ValueError("Negative values in sample_weight are not allowed")
    if n and not bool(xp.any(w > 0)):
        raise ValueError("Sample weights must contain at least one non-zero weight; all are zero")
    return w


def encode_labels(y: Any, xp: ModuleType) -> tuple[Any, Any]:
    """``(classes, codes)``: sorted distinct labels and int codes (codes in ``xp``).

    Numeric labels stay in ``xp`` (on the device); non-numeric labels (strings) are encoded
    on the host and only their int codes move to the namespace of X.
    """
    if isinstance(y, np.ndarray) and not np.issubdtype(y.dtype, np.number) and y.dtype != bool:
        try:
            classes, codes = np.unique(y, return_inverse=True)
        except TypeError as exc:
            raise TypeError(f"Labels in y cannot be sorted (mixed types?): {exc}") from exc
        codes = codes.astype(np.int64)
        return classes, (codes if is_numpy(xp) else xp.asarray(codes))
    yx = to_namespace(y, xp)
    if is_numpy(xp):
        classes, codes = np.unique(yx, return_inverse=True)
        return classes, codes.astype(np.int64).reshape(-1)
    classes, codes = xp.unique_inverse(yx)
    order = xp.argsort(classes)
    if not bool(xp.all(order == xp.arange(order.shape[0]))):
        rank = xp.argsort(order)
        classes = xp.take(classes, order)
        codes = xp.take(rank, codes)
    return classes, xp.astype(xp.reshape(codes, (-1,)), xp.int64)


def check_classification_targets(y: Any) -> None:
    """Raise ``ValueError('Unknown label type ...')`` for continuous targets."""
    if isinstance(y, np.ndarray) and y.dtype == object:
        vals = [v for v in y.ravel()[:1000]]
        if vals and all(isinstance(v, (float, np.floating)) for v in vals):
            Y = y.astype(np.float64)
        else:
            return
    elif isinstance(y, np.ndarray) and not np.issubdtype(y.dtype, np.number):
        return
    else:
        Y = y
    xp = array_namespace(Y)
    if xp.isdtype(Y.dtype, "real floating"):
        if not bool(xp.all(xp.isfinite(Y))):
            raise ValueError("Input y contains NaN or infinity.")
        if not bool(xp.all(Y == xp.round(Y))):
            raise ValueError(
                "Unknown label type: continuous. Maybe you are trying to fit a classifier, "
                "which expects discrete classes on a regression target with continuous values."
            )
