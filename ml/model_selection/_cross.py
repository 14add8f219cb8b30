"""cross_val_score: fit clones on each training fold, score on the test fold."""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np
from sklearn.base import clone, is_classifier

from gpuframe.backend import to_host

from .._validation import _to_array
from ._split import KFold, StratifiedKFold, _n_samples, safe_take

__all__ = ["check_cv", "cross_val_score", "get_scorer"]


def _metric_scorer(metric: Callable, method: str, sign: float = 1.0, **kw: Any) -> Callable:
    """``sign * metric(y, estimator.<method>(X), **kw)``."""

    def score(est: Any, X: Any, y: Any) -> float:
        return sign * float(metric(y, getattr(est, method)(X), **kw))

    return score


def get_scorer(scoring: str | Callable | None) -> Callable:
    """A scorer ``f(estimator, X, y) -> float`` (greater is better) for ``scoring``.

    Names computed with :mod:`ml.metrics` on the device: 'accuracy', 'r2',
    'neg_mean_squared_error', 'neg_mean_absolute_error', 'neg_root_mean_squared_error',
    'f1', 'f1_macro', 'f1_micro', 'f1_weighted', 'precision', 'recall', 'roc_auc',
    'neg_log_loss'. Other names fall back to scikit-learn's scorers.

    Examples
    --------
    >>> import numpy as np
    >>> from ml.linear_model import LinearRegression
    >>> X = np.arange(6.0).reshape(-1, 1)
    >>> reg = LinearRegression().fit(X, 2 * X[:, 0])
    >>> round(get_scorer("neg_mean_squared_error")(reg, X, 2 * X[:, 0]), 9)
    -0.0
    """
    if scoring is None:
        return lambda est, X, y: float(est.score(X, y))
    if callable(scoring):
        return scoring
    from .. import metrics as M

    table: dict[str, Callable] = {
        "accuracy": _metric_scorer(M.accuracy_score, "predict"),
        "r2": _metric_scorer(M.r2_score, "predict"),
        "neg_mean_squared_error": _metric_scorer(M.mean_squared_error, "predict", -1.0),
        "neg_mean_absolute_error": _metric_scorer(M.mean_absolute_error, "predict", -1.0),
        "f1": _metric_scorer(M.f1_score, "predict"),
        "precision": _metric_scorer(M.precision_score, "predict"),
        "recall": _metric_scorer(M.recall_score, "predict"),
        "f1_macro": _metric_scorer(M.f1_score, "predict", average="macro"),
        "f1_micro": _metric_scorer(M.f1_score, "predict", average="micro"),
        "f1_weighted": _metric_scorer(M.f1_score, "predict", average="weighted"),
    }
    if scoring in table:
        return table[scoring]
    if scoring == "neg_root_mean_squared_error":
        return lambda est, X, y: -float(np.sqrt(M.mean_squared_error(y, est.predict(X))))
    if scoring == "neg_log_loss":
        return lambda est, X, y: -float(M.log_loss(y, est.predict_proba(X)))
    if scoring == "roc_auc":

        def auc(est: Any, X: Any, y: Any) -> float:
            if hasattr(est, "decision_function"):
                s = est.decision_function(X)
            else:
                s = est.predict_proba(X)[:, 1]
            return float(M.roc_auc_score(y, s))

        return auc
    from sklearn.metrics import get_scorer as sk_get_scorer

    return sk_get_scorer(scoring)


def check_cv(cv: Any = 5, y: Any = None, *, classifier: bool = False) -> Any:
    """A splitter from ``cv``: an int gives (Stratified)KFold, objects with ``split`` pass.

    Examples
    --------
    >>> check_cv(3, [0, 1, 0, 1, 0, 1], classifier=True)
    StratifiedKFold(n_splits=3, random_state=None, shuffle=False)
    """
    if cv is None:
        cv = 5
    if isinstance(cv, Integral):
        if classifier and y is not None:
            labels = np.asarray(to_host(_to_array(y)))
            if labels.ndim == 1 and not np.issubdtype(labels.dtype, np.floating):
                return StratifiedKFold(int(cv))
            if labels.ndim == 1 and np.all(labels == np.round(labels)):
                return StratifiedKFold(int(cv))
        return KFold(int(cv))
    if hasattr(cv, "split") and hasattr(cv, "get_n_splits"):
        return cv
    if hasattr(cv, "__iter__"):
        folds = list(cv)

        class _Listed:
            def split(self, X: Any = None, y: Any = None, groups: Any = None):
                yield from folds

            def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
                return len(folds)

        return _Listed()
    raise ValueError(f"Expected cv as an integer, cross-validation object or iterable; got {cv!r}")


def cross_val_score(
    estimator: Any,
    X: Any,
    y: Any = None,
    *,
    groups: Any = None,
    scoring: str | Callable | None = None,
    cv: Any = None,
    params: dict | None = None,
    error_score: float | str = np.nan,
) -> np.ndarray:
    """Score ``estimator`` by cross-validation; one score per fold (NumPy array).

    Each fold fits a clone on the training rows (frames stay frames, device arrays stay on
    the device) and scores the test rows with ``scoring`` (default ``estimator.score``).

    Examples
    --------
    >>> import numpy as np
    >>> from ml.linear_model import LinearRegression
    >>> X = np.arange(20.0).reshape(-1, 1)
    >>> cross_val_score(LinearRegression(), X, 3 * X[:, 0], cv=4).round(6).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    scorer = get_scorer(scoring)
    params = params or {}
    n = _n_samples(X)
    scores = []
    for train, test in splitter.split(np.zeros((n, 1)), None if y is None else _host(y), groups):
        est = clone(estimator)
        fit_params = {
            k: safe_take(v, train) if _n_samples_or(v) == n else v for k, v in params.items()
        }
        try:
            if y is None:
                est.fit(safe_take(X, train), **fit_params)
            else:
                est.fit(safe_take(X, train), safe_take(y, train), **fit_params)
            s = scorer(est, safe_take(X, test), None if y is None else safe_take(y, test))
        except Exception as exc:
            if isinstance(error_score, str):  # "raise"
                raise
            import warnings

            from sklearn.exceptions import FitFailedWarning

            warnings.warn(
                f"A fold failed ({type(exc).__name__}: {exc}); its score is set to "
                f"error_score={error_score!r}",
                FitFailedWarning,
                stacklevel=2,
            )
            s = error_score
        scores.append(float(s))
    return np.asarray(scores)


def _host(y: Any) -> np.ndarray:
    return np.asarray(to_host(_to_array(y)))


def _n_samples_or(v: Any) -> int:
    try:
        return _n_samples(v)
    except TypeError:
        return -1
