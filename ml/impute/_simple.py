"""SimpleImputer: fill missing values column by column (mean, median, most frequent, constant)."""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import is_numpy, to_host

from .._base import validate_X
from .._validation import wrap_like
from ..preprocessing._stats import nan_mean_var, nan_quantiles

__all__ = ["SimpleImputer"]


class SimpleImputer(TransformerMixin, BaseEstimator):
    """Replace missing values with a per-column statistic (numeric data).

    Parameters
    ----------
    missing_values : float or int, default=np.nan
        The placeholder for missing entries.
    strategy : {'mean', 'median', 'most_frequent', 'constant'}, default='mean'
    fill_value : float or None, default=None
        Used with ``strategy='constant'`` (default 0).
    copy : bool, default=True
        Accepted for scikit-learn compatibility; results are new arrays.
    add_indicator : bool, default=False
        Append 0/1 columns marking where values were missing (columns with missing values
        seen in fit).
    keep_empty_features : bool, default=False
        Keep columns that are entirely missing in fit (filled with 0, or ``fill_value``);
        otherwise they are dropped, as in scikit-learn.

    Examples
    --------
    >>> import numpy as np
    >>> SimpleImputer().fit_transform(np.array([[1.0], [np.nan], [3.0]])).ravel().tolist()
    [1.0, 2.0, 3.0]
    """

    _parameter_constraints: dict = {
        "missing_values": [Real, None],
        "strategy": [StrOptions({"mean", "median", "most_frequent", "constant"})],
        "fill_value": [Real, None],
        "copy": ["boolean"],
        "add_indicator": ["boolean"],
        "keep_empty_features": ["boolean"],
    }

    def __init__(
        self,
        *,
        missing_values: Any = np.nan,
        strategy: str = "mean",
        fill_value: Any = None,
        copy: bool = True,
        add_indicator: bool = False,
        keep_empty_features: bool = False,
    ):
        self.missing_values = missing_values
        self.strategy = strategy
        self.fill_value = fill_value
        self.copy = copy
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _mask(self, A: Any, xp: Any) -> Any:
        mv = self.missing_values
        if mv is None or (isinstance(mv, float) and mv != mv):
            return xp.isnan(A)
        return A == mv

    def fit(self, X: Any, y: Any = None) -> SimpleImputer:
        """Compute ``statistics_`` (NaN for columns that are entirely missing)."""
        self._validate_params()
        A, xp = validate_X(self, X, reset=True, allow_nan=True)
        miss = self._mask(A, xp)
        Z = xp.where(miss, xp.full_like(A, xp.nan), A)
        if self.strategy == "mean":
            stats, _, _ = nan_mean_var(Z, xp=xp, with_var=False)
        elif self.strategy == "median":
            stats = nan_quantiles(Z, [0.5], xp=xp)[0]
        elif self.strategy == "most_frequent":
            stats = _most_frequent(Z, xp)
        else:
            fill = 0.0 if self.fill_value is None else float(self.fill_value)
            stats = xp.full((A.shape[1],), fill, dtype=A.dtype)
        empty = xp.all(miss, axis=0)
        if self.keep_empty_features and self.strategy != "constant":
            fill = 0.0 if self.fill_value is None else float(self.fill_value)
            stats = xp.where(empty, xp.full_like(stats, fill), stats)
        self.statistics_ = stats
        self._empty = empty if not self.keep_empty_features else xp.zeros_like(empty)
        if not self.keep_empty_features and bool(xp.any(empty)):
            import warnings

            cols = np.nonzero(np.asarray(to_host(empty)))[0].tolist()
            warnings.warn(
                f"Skipping features without any observed values: {cols}. At least one "
                f"non-missing value is needed for imputation with strategy={self.strategy!r}.",
                UserWarning,
                stacklevel=2,
            )
        self._indicator_cols = None
        if self.add_indicator:
            self._indicator_cols = np.nonzero(np.asarray(to_host(xp.any(miss, axis=0))))[0]
        return self

    def transform(self, X: Any) -> Any:
        """``X`` with missing entries filled (and indicator columns appended)."""
        check_is_fitted(self, "statistics_")
        A, xp = validate_X(self, X, reset=False, allow_nan=True)
        miss = self._mask(A, xp)
        stats = xp.astype(self.statistics_, A.dtype)
        out = xp.where(miss, stats[None, :], A)
        keep_mask = np.asarray(to_host(~self._empty))
        if not keep_mask.all():
            keep = np.nonzero(keep_mask)[0]
            out = xp.take(out, _idx(keep, xp, A), axis=1)
        if self.add_indicator and self._indicator_cols is not None and len(self._indicator_cols):
            ind = xp.astype(xp.take(miss, _idx(self._indicator_cols, xp, A), axis=1), A.dtype)
            out = xp.concat([out, ind], axis=1)
        return wrap_like(out, X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags


def _idx(a: np.ndarray, xp: Any, like: Any) -> Any:
    a = np.asarray(a, dtype=np.int64)
    if is_numpy(xp):
        return a
    return xp.asarray(a, device=getattr(like, "device", None))


def _most_frequent(Z: Any, xp: Any) -> Any:
    """Most frequent non-NaN value per column; ties go to the smallest value."""
    p = int(Z.shape[1])
    out = []
    for j in range(p):
        col = Z[:, j]
        col = col[~xp.isnan(col)]
        if col.shape[0] == 0:
            out.append(float("nan"))
            continue
        vals, counts = xp.unique_counts(col)
        best = int(xp.max(counts))
        cand = vals[counts == best]
        out.append(float(xp.min(cand)))
    res = np.asarray(out)
    if is_numpy(xp):
        return res.astype(Z.dtype)
    return xp.astype(xp.asarray(res, device=getattr(Z, "device", None)), Z.dtype)
