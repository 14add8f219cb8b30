"""Classification metrics: accuracy, confusion matrix, precision / recall / F-score, log-loss."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from gpuframe.backend import get_kernels, is_numpy, to_host

from .._base import to_namespace
from ._common import as_pair, as_scores, encode_pair, weights_for

__all__ = [
    "accuracy_score",
    "confusion_matrix",
    "f1_score",
    "fbeta_score",
    "log_loss",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
]


def accuracy_score(
    y_true: Any, y_pred: Any, *, normalize: bool = True, sample_weight: Any = None
) -> float:
    """Share (or count, ``normalize=False``) of exact label matches.

    Examples
    --------
    >>> accuracy_score([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    a, b, xp = as_pair(y_true, y_pred)
    hit = a == b
    if not isinstance(hit, np.ndarray) and is_numpy(xp):
        hit = np.asarray(hit)
    w = weights_for(sample_weight, a, xp)
    return _total(xp.astype(xp.asarray(hit), xp.float64), w, xp, normalize)


def _total(values: Any, w: Any, xp: Any, normalize: bool) -> float:
    """Sum of float64 ``values`` (weighted by ``w`` if given), or their (weighted) mean."""
    if w is None:
        total = float(xp.sum(values))
        return total / values.shape[0] if normalize else total
    total = float(xp.sum(values * w))
    return total / float(xp.sum(w)) if normalize else total


def confusion_matrix(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    sample_weight: Any = None,
    normalize: str | None = None,
) -> Any:
    """Counts ``C[i, j]`` of samples with true label ``i`` predicted as ``j``.

    Rows and columns follow ``labels`` (default: the sorted union of both inputs). The
    result lives in the namespace of the inputs (NumPy for NumPy or string labels).

    Examples
    --------
    >>> confusion_matrix([0, 1, 1], [0, 1, 0]).tolist()
    [[1, 0], [1, 1]]
    """
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(
            f"normalize must be one of {{'true', 'pred', 'all', None}}; received {normalize!r}"
        )
    a, b, xp = as_pair(y_true, y_pred)
    C, _ = _confusion(a, b, xp, labels, sample_weight)
    if normalize is None:
        return C
    C = xp.astype(C, xp.float64)
    if normalize == "true":
        s = xp.sum(C, axis=1, keepdims=True)
    elif normalize == "pred":
        s = xp.sum(C, axis=0, keepdims=True)
    else:
        s = xp.sum(C)
    with np.errstate(all="ignore"):
        out = C / s
    return xp.where(xp.isnan(out), xp.zeros_like(out), out)


def _confusion(a: Any, b: Any, xp: Any, labels: Any, sample_weight: Any) -> tuple[Any, Any]:
    w = weights_for(sample_weight, a, xp)
    classes, ca, cb, keep = encode_pair(a, b, xp, labels)
    L = int(classes.shape[0])
    kxp = xp
    if isinstance(ca, np.ndarray) and not is_numpy(xp):
        import array_api_compat.numpy as kxp

        if w is not None:
            w = np.asarray(to_host(w))
    flat = ca * L + cb
    if not bool(kxp.all(keep)):
        flat = flat[keep]
        w = w[keep] if w is not None else None
    k = get_kernels(kxp)
    C = k.bincount(kxp.astype(flat, kxp.int64), weights=w, minlength=L * L)
    C = kxp.reshape(C, (L, L))
    if w is None:
        C = kxp.astype(C, kxp.int64)
    return C, classes


def _prf(
    y_true: Any,
    y_pred: Any,
    beta: float,
    labels: Any,
    pos_label: Any,
    average: str | None,
    sample_weight: Any,
    zero_division: Any,
) -> tuple[Any, Any, Any, Any]:
    """Precision, recall, F-beta and support; the one body behind every public score."""
    averages = (None, "binary", "micro", "macro", "weighted")
    if average not in averages:
        raise ValueError(f"average has to be one of {averages}; received average={average!r}")
    a, b, xp = as_pair(y_true, y_pred)
    C, classes = _confusion(a, b, xp, labels, sample_weight)
    C = np.asarray(to_host(C), dtype=np.float64)
    host_classes = np.asarray(to_host(classes))
    if average == "binary":
        present = np.unique(np.concatenate([np.asarray(to_host(a)), np.asarray(to_host(b))]))
        if present.size > 2:
            raise ValueError(
                "Target is multiclass but average='binary'. Please choose another average "
                "setting, one of [None, 'micro', 'macro', 'weighted']."
            )
        idx = np.nonzero(host_classes == pos_label)[0]
        if idx.size == 0:
            if present.size <= 1 and labels is None:
                # all labels are the other class: no positives anywhere
                tp = np.zeros(1)
                pred = np.zeros(1)
                true = np.zeros(1)
                return _finish(tp, pred, true, beta, None, zero_division, scalar=True)
            raise ValueError(
                f"pos_label={pos_label!r} is not a valid label. It should be one of "
                f"{host_classes.tolist()}"
            )
        j = int(idx[0])
        tp = C[j : j + 1, j]
        pred = C[:, j].sum(keepdims=True)
        true = C[j, :].sum(keepdims=True)
        return _finish(tp, pred, true, beta, None, zero_division, scalar=True)
    tp = np.diag(C).copy()
    pred = C.sum(axis=0)
    true = C.sum(axis=1)
    if average == "micro":
        return _finish(
            tp.sum(keepdims=True),
            pred.sum(keepdims=True),
            true.sum(keepdims=True),
            beta,
            None,
            zero_division,
            scalar=True,
        )
    return _finish(tp, pred, true, beta, average, zero_division, scalar=False)


def _divide(num: np.ndarray, den: np.ndarray, zero_division: Any, what: str) -> np.ndarray:
    out = np.zeros_like(num)
    ok = den > 0
    out[ok] = num[ok] / den[ok]
    if np.any(~ok):
        if isinstance(zero_division, str):  # "warn"
            from sklearn.exceptions import UndefinedMetricWarning

            warnings.warn(
                f"{what} is ill-defined and being set to 0.0 in labels with no "
                f"{'predicted' if what == 'Precision' else 'true'} samples. Use `zero_division` "
                "parameter to control this behavior.",
                UndefinedMetricWarning,
                stacklevel=4,
            )
            out[~ok] = 0.0
        else:
            out[~ok] = float(zero_division)
    return out


def _finish(tp, pred, true, beta, average, zero_division, *, scalar):
    precision = _divide(tp, pred, zero_division, "Precision")
    recall = _divide(tp, true, zero_division, "Recall")
    b2 = beta * beta
    denom = b2 * precision + recall
    f = np.zeros_like(tp)
    ok = denom > 0
    f[ok] = (1 + b2) * precision[ok] * recall[ok] / denom[ok]
    if np.any(~ok):
        # sklearn: F is zero_division only where both precision and recall are undefined
        undefined = ~ok & (pred + true == 0)
        f[undefined] = 0.0 if isinstance(zero_division, str) else float(zero_division)
    if scalar:
        return float(precision[0]), float(recall[0]), float(f[0]), None
    if average is None:
        return precision, recall, f, true.astype(np.int64)
    if average == "weighted":
        s = true.sum()
        if s == 0:
            zd = 0.0 if isinstance(zero_division, str) else float(zero_division)
            return zd, zd, zd, None
        wts = true / s
    else:
        wts = np.full(tp.shape, 1.0 / tp.shape[0])
    return (
        float(np.sum(precision * wts)),
        float(np.sum(recall * wts)),
        float(np.sum(f * wts)),
        None,
    )


def precision_recall_fscore_support(
    y_true: Any,
    y_pred: Any,
    *,
    beta: float = 1.0,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = None,
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> tuple[Any, Any, Any, Any]:
    """Precision, recall, F-beta and support, per class or averaged.

    ``average``: None (per class, NumPy arrays), 'binary' (the ``pos_label`` class),
    'micro', 'macro' or 'weighted'.

    Examples
    --------
    >>> p, r, f, s = precision_recall_fscore_support([0, 1, 1], [0, 1, 0], average="macro")
    >>> round(p, 4), round(r, 4), round(f, 4)
    (0.75, 0.75, 0.6667)
    """
    return _prf(y_true, y_pred, beta, labels, pos_label, average, sample_weight, zero_division)


def precision_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> Any:
    """Precision ``tp / (tp + fp)``; see :func:`precision_recall_fscore_support`.

    Examples
    --------
    >>> precision_score([0, 1, 1], [1, 1, 1])
    0.6666666666666666
    """
    return _prf(y_true, y_pred, 1.0, labels, pos_label, average, sample_weight, zero_division)[0]


def recall_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> Any:
    """Recall ``tp / (tp + fn)``; see :func:`precision_recall_fscore_support`.

    Examples
    --------
    >>> recall_score([0, 1, 1], [0, 1, 0])
    0.5
    """
    return _prf(y_true, y_pred, 1.0, labels, pos_label, average, sample_weight, zero_division)[1]


def fbeta_score(
    y_true: Any,
    y_pred: Any,
    *,
    beta: float,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> Any:
    """F-beta score, the weighted harmonic mean of precision and recall.

    Examples
    --------
    >>> round(fbeta_score([0, 1, 1], [0, 1, 0], beta=2.0), 4)
    0.5556
    """
    if beta < 0:
        raise ValueError(f"beta should be >= 0; received beta={beta!r}")
    return _prf(y_true, y_pred, beta, labels, pos_label, average, sample_weight, zero_division)[2]


def f1_score(
    y_true: Any,
    y_pred: Any,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    sample_weight: Any = None,
    zero_division: Any = "warn",
) -> Any:
    """F1 score, the harmonic mean of precision and recall.

    Examples
    --------
    >>> round(f1_score([0, 1, 1], [0, 1, 0]), 4)
    0.6667
    """
    return _prf(y_true, y_pred, 1.0, labels, pos_label, average, sample_weight, zero_division)[2]


def log_loss(
    y_true: Any,
    y_pred: Any,
    *,
    normalize: bool = True,
    sample_weight: Any = None,
    labels: Any = None,
) -> float:
    """Cross-entropy of predicted probabilities ``y_pred`` (n,) or (n, K) against labels.

    Probabilities are clipped to ``[eps, 1 - eps]`` (eps of their float dtype).

    Examples
    --------
    >>> round(log_loss([0, 1], [[0.9, 0.1], [0.2, 0.8]]), 6)
    0.164252
    """
    yt, P, xp = as_scores(y_true, y_pred, "y_pred")
    if P.ndim == 1:
        P = xp.stack([1.0 - P, P], axis=1)
    if isinstance(yt, np.ndarray) and not np.issubdtype(yt.dtype, np.number):
        classes = np.unique(yt) if labels is None else np.asarray(labels)
        codes = np.searchsorted(classes, yt)
        codes = to_namespace(codes, xp, like=P)
    else:
        yt = to_namespace(yt, xp, like=P)
        if labels is None:
            classes = xp.sort(xp.unique_values(yt))
        else:
            classes = to_namespace(np.asarray(labels), xp, like=P)
        codes = xp.searchsorted(classes, yt)
    K = int(classes.shape[0])
    if K == 1:
        raise ValueError(
            "y_true contains only one label; provide the true labels explicitly through "
            "the labels argument"
        )
    if P.shape[1] == 1 and K == 2:
        P = xp.concat([1.0 - P, P], axis=1)
    if int(P.shape[1]) != K:
        raise ValueError(
            f"y_true and y_pred contain different numbers of classes {K}, {P.shape[1]}; "
            "pass the class labels through the labels argument"
        )
    eps = float(np.finfo(np.dtype(str(P.dtype).split(".")[-1])).eps)
    P = xp.clip(P, eps, 1 - eps)
    P = P / xp.sum(P, axis=1, keepdims=True)
    onehot = xp.astype(codes[:, None] == xp.arange(K)[None, :], P.dtype)
    pt = -xp.log(xp.sum(P * onehot, axis=1))
    w = weights_for(sample_weight, pt, xp)
    return _total(xp.astype(pt, xp.float64), w, xp, normalize)
