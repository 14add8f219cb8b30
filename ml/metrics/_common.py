"""Shared input handling for metrics: labels and scores as arrays of one namespace."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from gpuframe.backend import array_namespace, is_numpy, to_host

from .._base import to_namespace
from .._validation import _to_array, check_consistent_length

__all__ = ["as_1d", "as_pair", "as_scores", "encode_pair", "weights_for"]


def as_1d(y: Any, argument: str) -> Any:
    """``y`` as a 1-D array (a column vector is raveled; anything else is an error)."""
    a = _to_array(y)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 1:
        raise ValueError(f"`{argument}` must be 1-D; received shape {tuple(a.shape)}")
    return a


def as_scores(y_true: Any, y_score: Any, argument: str) -> tuple[Any, Any, ModuleType]:
    """1-D labels, the scores (float64 unless already real floating) and their namespace."""
    yt = as_1d(y_true, "y_true")
    S = _to_array(y_score)
    check_consistent_length(yt, S, names=("y_true", argument))
    xp = array_namespace(S)
    if not xp.isdtype(S.dtype, "real floating"):
        S = xp.astype(S, xp.float64)
    return yt, S, xp


def _is_host_nonnumeric(a: Any) -> bool:
    return isinstance(a, np.ndarray) and not (np.issubdtype(a.dtype, np.number) or a.dtype == bool)


def as_pair(y_true: Any, y_pred: Any, names: tuple[str, str] = ("y_true", "y_pred")):
    """Both inputs in one namespace ``xp`` (host NumPy when either holds strings)."""
    a = as_1d(y_true, names[0])
    b = as_1d(y_pred, names[1])
    check_consistent_length(a, b, names=names)
    if _is_host_nonnumeric(a) or _is_host_nonnumeric(b):
        a = np.asarray(to_host(a))
        b = np.asarray(to_host(b))
        if a.dtype != b.dtype:
            a = a.astype(object)
            b = b.astype(object)
        return a, b, array_namespace(np.empty(0))
    xp = array_namespace(a)
    b = to_namespace(b, xp, like=a)
    return a, b, xp


def encode_pair(a: Any, b: Any, xp: ModuleType, labels: Any = None) -> tuple[Any, Any, Any, Any]:
    """``(classes, codes_a, codes_b, keep)``: int codes into the sorted label set.

    With ``labels`` given, rows whose true or predicted label is not in ``labels`` are
    flagged ``keep == False`` (scikit-learn ignores them).
    """
    if is_numpy(xp) or (isinstance(a, np.ndarray) and a.dtype == object):
        a = np.asarray(a)
        b = np.asarray(b)
        if labels is None:
            classes = np.unique(np.concatenate([a, b]))
        else:
            classes = np.asarray(labels)
            if classes.size == 0:
                raise ValueError("'labels' should contain at least one label")
        order = np.argsort(classes, kind="stable")
        sc = classes[order]
        ia = np.clip(np.searchsorted(sc, a), 0, sc.size - 1)
        ib = np.clip(np.searchsorted(sc, b), 0, sc.size - 1)
        keep = (sc[ia] == a) & (sc[ib] == b)
        return classes, order[ia], order[ib], keep
    if labels is None:
        classes = xp.unique_values(xp.concat([a, b]))
        classes = xp.sort(classes)
        order = xp.arange(classes.shape[0])
    else:
        classes = to_namespace(np.asarray(labels), xp, like=a)
        order = xp.argsort(classes)
    sc = xp.take(classes, order)
    last = sc.shape[0] - 1
    ia = xp.clip(xp.searchsorted(sc, a), 0, last)
    ib = xp.clip(xp.searchsorted(sc, b), 0, last)
    keep = (xp.take(sc, ia) == a) & (xp.take(sc, ib) == b)
    return classes, xp.take(order, ia), xp.take(order, ib), keep


def weights_for(sample_weight: Any, like: Any, xp: ModuleType) -> Any:
    """``sample_weight`` as a float64 array of ``xp`` (or None)."""
    if sample_weight is None:
        return None
    w = to_namespace(as_1d(sample_weight, "sample_weight"), xp, like=like)
    check_consistent_length(like, w, names=("y_true", "sample_weight"))
    return xp.astype(w, xp.float64)
