"""Ranking metrics: area under the ROC curve (binary; multiclass one-vs-rest)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gpuframe.backend import to_host

from .._base import to_namespace
from ._common import as_scores, weights_for

__all__ = ["roc_auc_score"]


def _binary_auc(pos: Any, score: Any, w: Any, xp: Any) -> float:
    """Trapezoidal area under the ROC curve; ties handled by grouping equal scores."""
    order = xp.argsort(score, descending=True, stable=True)
    s = xp.take(score, order)
    p = xp.astype(xp.take(pos, order), xp.float64)
    ww = xp.ones_like(p) if w is None else xp.take(w, order)
    tps = xp.cumulative_sum(p * ww)
    fps = xp.cumulative_sum((1.0 - p) * ww)
    n = s.shape[0]
    # keep the last index of each run of equal scores
    if n > 1:
        last = xp.concat([s[1:] != s[:-1], xp.asarray([True], device=getattr(s, "device", None))])
    else:
        last = xp.asarray([True])
    tps = tps[last]
    fps = fps[last]
    P = float(tps[-1])
    N = float(fps[-1])
    if P <= 0 or N <= 0:
        raise ValueError(
            "Only one class is present in y_true. ROC AUC score is not defined in that case."
        )
    zero = xp.zeros((1,), dtype=xp.float64)
    tpr = xp.concat([zero, tps]) / P
    fpr = xp.concat([zero, fps]) / N
    return float(xp.sum((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1]) * 0.5))


def roc_auc_score(
    y_true: Any,
    y_score: Any,
    *,
    average: str | None = "macro",
    sample_weight: Any = None,
    multi_class: str = "raise",
    labels: Any = None,
) -> Any:
    """Area under the ROC curve.

    Binary: ``y_score`` is the score of the greater label (shape (n,) or (n, 2)).
    Multiclass: ``y_score`` (n, K) probabilities with ``multi_class='ovr'`` (one-vs-rest,
    averaged by ``'macro'`` or ``'weighted'``). ``'ovo'`` is not implemented.

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    yt, S, xp = as_scores(y_true, y_score, "y_score")
    w = weights_for(sample_weight, S, xp)
    host_y = np.asarray(to_host(yt))
    classes = np.unique(host_y) if labels is None else np.asarray(labels)
    if S.ndim == 2 and S.shape[1] == 2 and classes.size <= 2:
        S = S[:, 1]
    if S.ndim == 1:
        if classes.size > 2:
            raise ValueError(
                "multiclass y_true needs y_score of shape (n_samples, n_classes) and "
                "multi_class='ovr'"
            )
        if classes.size < 2:
            raise ValueError(
                "Only one class is present in y_true. ROC AUC score is not defined in that case."
            )
        pos = to_namespace(host_y == classes[-1], xp, like=S)
        return _binary_auc(pos, S, w, xp)
    if multi_class == "raise":
        raise ValueError("multi_class must be in ('ovo', 'ovr') for multiclass y_true")
    if multi_class != "ovr":
        raise NotImplementedError(f"multi_class={multi_class!r} is not implemented; use 'ovr'")
    if average not in ("macro", "weighted", None):
        raise ValueError(f"average must be 'macro', 'weighted' or None; received {average!r}")
    if int(S.shape[1]) != classes.size:
        raise ValueError(
            f"Number of given labels, {classes.size}, not equal to the number of columns in "
            f"'y_score', {S.shape[1]}"
        )
    scores = []
    prevalence = []
    for k, c in enumerate(classes):
        pos = to_namespace(host_y == c, xp, like=S)
        scores.append(_binary_auc(pos, S[:, k], w, xp))
        prevalence.append(float(np.sum(host_y == c)))
    sc = np.asarray(scores)
    if average is None:
        return sc
    if average == "weighted":
        return float(np.average(sc, weights=prevalence))
    return float(sc.mean())
