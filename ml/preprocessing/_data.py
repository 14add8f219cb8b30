"""Scalers and normalisers: StandardScaler, MinMaxScaler, RobustScaler, Normalizer."""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted

from .._base import validate_sample_weight, validate_X
from .._validation import wrap_like
from ._stats import handle_zeros_in_scale, nan_mean_var, nan_min_max, nan_quantiles

__all__ = ["MinMaxScaler", "Normalizer", "RobustScaler", "StandardScaler"]


class _Scaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Common transform: ``(X - offset) * factor``, results following X."""

    _allow_nan = True

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = self._allow_nan
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    def _wrap(self, out: Any, X: Any) -> Any:
        columns = getattr(self, "feature_names_in_", None)
        return wrap_like(out, X, columns=None if columns is None else list(columns))

    def _shift_scale(self, X: Any, center: Any, scale: Any, *, inverse: bool = False) -> Any:
        """``(X - center) / scale`` or, ``inverse``, ``X * scale + center`` (``None``: skip).

        The result is always a new array, following ``X``.
        """
        A, xp = validate_X(self, X, reset=False, allow_nan=True)
        out = A
        if inverse:
            if scale is not None:
                out = out * xp.astype(scale, A.dtype)
            if center is not None:
                out = out + xp.astype(center, A.dtype)
        else:
            if center is not None:
                out = out - xp.astype(center, A.dtype)
            if scale is not None:
                out = out / xp.astype(scale, A.dtype)
        if out is A:
            out = xp.asarray(A, copy=True)
        return self._wrap(out, X)


class StandardScaler(_Scaler):
    """Standardise features: ``(X - mean_) / scale_``, NaN ignored in fit and kept.

    Parameters
    ----------
    copy : bool, default=True
        Accepted for scikit-learn compatibility; results are always new arrays.
    with_mean, with_std : bool, default=True
        Centre / scale to unit (population) variance.

    Examples
    --------
    >>> import numpy as np
    >>> StandardScaler().fit_transform(np.array([[0.0], [2.0]])).ravel().tolist()
    [-1.0, 1.0]
    """

    _parameter_constraints: dict = {
        "copy": ["boolean"],
        "with_mean": ["boolean"],
        "with_std": ["boolean"],
    }

    def __init__(self, *, copy: bool = True, with_mean: bool = True, with_std: bool = True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X: Any, y: Any = None, sample_weight: Any = None) -> StandardScaler:
        """Compute ``mean_``, ``var_`` and ``scale_`` (float64 accumulation)."""
        self._validate_params()
        A, xp = validate_X(self, X, reset=True, allow_nan=True)
        w = validate_sample_weight(sample_weight, A, xp)
        mean, var, count = nan_mean_var(A, xp=xp, sample_weight=w, with_var=self.with_std)
        # as in scikit-learn: mean_ is None only when neither centring nor scaling
        self.mean_ = mean if (self.with_mean or self.with_std) else None
        self.var_ = var
        self.scale_ = handle_zeros_in_scale(xp.sqrt(var), xp=xp) if self.with_std else None
        counts = count if w is not None else xp.astype(count, xp.int64)
        self.n_samples_seen_ = (
            int(counts[0]) if bool(xp.all(counts == counts[0])) and w is None else counts
        )
        return self

    def transform(self, X: Any, copy: bool | None = None) -> Any:
        """Standardise ``X`` with the fitted statistics."""
        check_is_fitted(self, "n_samples_seen_")
        return self._shift_scale(X, self.mean_ if self.with_mean else None, self.scale_)

    def inverse_transform(self, X: Any, copy: bool | None = None) -> Any:
        """Undo :meth:`transform`."""
        check_is_fitted(self, "n_samples_seen_")
        center = self.mean_ if self.with_mean else None
        return self._shift_scale(X, center, self.scale_, inverse=True)


class MinMaxScaler(_Scaler):
    """Scale each feature to ``feature_range`` (default ``(0, 1)``), NaN ignored and kept.

    Examples
    --------
    >>> import numpy as np
    >>> MinMaxScaler().fit_transform(np.array([[1.0], [3.0], [2.0]])).ravel().tolist()
    [0.0, 1.0, 0.5]
    """

    _parameter_constraints: dict = {
        "feature_range": [tuple],
        "copy": ["boolean"],
        "clip": ["boolean"],
    }

    def __init__(self, feature_range: tuple = (0, 1), *, copy: bool = True, clip: bool = False):
        self.feature_range = feature_range
        self.copy = copy
        self.clip = clip

    def fit(self, X: Any, y: Any = None) -> MinMaxScaler:
        """Compute ``data_min_``, ``data_max_``, ``scale_`` and ``min_``."""
        self._validate_params()
        lo_r, hi_r = self.feature_range
        if lo_r >= hi_r:
            raise ValueError(
                "Minimum of desired feature range must be smaller than maximum. Got "
                f"feature_range={self.feature_range!r}."
            )
        A, xp = validate_X(self, X, reset=True, allow_nan=True)
        lo, hi = nan_min_max(A, xp=xp)
        self.data_min_ = lo
        self.data_max_ = hi
        self.data_range_ = hi - lo
        self.scale_ = (hi_r - lo_r) / handle_zeros_in_scale(self.data_range_, xp=xp)
        self.min_ = lo_r - lo * self.scale_
        self.n_samples_seen_ = int(A.shape[0])
        return self

    def transform(self, X: Any) -> Any:
        """Scale ``X`` into ``feature_range``."""
        check_is_fitted(self, "scale_")
        A, xp = validate_X(self, X, reset=False, allow_nan=True)
        out = A * xp.astype(self.scale_, A.dtype) + xp.astype(self.min_, A.dtype)
        if self.clip:
            lo_r, hi_r = self.feature_range
            out = xp.clip(out, float(lo_r), float(hi_r))
        return self._wrap(out, X)

    def inverse_transform(self, X: Any) -> Any:
        """Undo :meth:`transform`."""
        check_is_fitted(self, "scale_")
        A, xp = validate_X(self, X, reset=False, allow_nan=True)
        out = (A - xp.astype(self.min_, A.dtype)) / xp.astype(self.scale_, A.dtype)
        return self._wrap(out, X)


class RobustScaler(_Scaler):
    """Scale with the median and an inter-quantile range, robust to outliers.

    Examples
    --------
    >>> import numpy as np
    >>> RobustScaler().fit_transform(np.array([[1.0], [2.0], [3.0]])).ravel().tolist()
    [-1.0, 0.0, 1.0]
    """

    _parameter_constraints: dict = {
        "with_centering": ["boolean"],
        "with_scaling": ["boolean"],
        "quantile_range": [tuple],
        "copy": ["boolean"],
        "unit_variance": ["boolean"],
    }

    def __init__(
        self,
        *,
        with_centering: bool = True,
        with_scaling: bool = True,
        quantile_range: tuple = (25.0, 75.0),
        copy: bool = True,
        unit_variance: bool = False,
    ):
        self.with_centering = with_centering
        self.with_scaling = with_scaling
        self.quantile_range = quantile_range
        self.copy = copy
        self.unit_variance = unit_variance

    def fit(self, X: Any, y: Any = None) -> RobustScaler:
        """Compute ``center_`` (median) and ``scale_`` (quantile range)."""
        self._validate_params()
        q_min, q_max = self.quantile_range
        if not 0 <= q_min <= q_max <= 100:
            raise ValueError(f"Invalid quantile range: {self.quantile_range!r}")
        A, xp = validate_X(self, X, reset=True, allow_nan=True)
        med, lo, hi = nan_quantiles(A, [0.5, q_min / 100, q_max / 100], xp=xp)
        self.center_ = med if self.with_centering else None
        if self.with_scaling:
            scale = handle_zeros_in_scale(hi - lo, xp=xp)
            if self.unit_variance:
                from scipy.stats import norm

                adjust = float(norm.ppf(q_max / 100.0) - norm.ppf(q_min / 100.0))
                scale = scale / adjust
            self.scale_ = scale
        else:
            self.scale_ = None
        return self

    def transform(self, X: Any) -> Any:
        """Centre and scale ``X``."""
        check_is_fitted(self, "center_")
        return self._shift_scale(X, self.center_, self.scale_)

    def inverse_transform(self, X: Any) -> Any:
        """Undo :meth:`transform`."""
        check_is_fitted(self, "center_")
        return self._shift_scale(X, self.center_, self.scale_, inverse=True)


class Normalizer(_Scaler):
    """Scale each sample (row) to unit norm (``'l1'``, ``'l2'`` or ``'max'``). Stateless.

    Examples
    --------
    >>> import numpy as np
    >>> Normalizer().fit_transform(np.array([[3.0, 4.0]])).tolist()
    [[0.6, 0.8]]
    """

    _allow_nan = False
    _parameter_constraints: dict = {
        "norm": [StrOptions({"l1", "l2", "max"})],
        "copy": ["boolean"],
    }

    def __init__(self, norm: str = "l2", *, copy: bool = True):
        self.norm = norm
        self.copy = copy

    def fit(self, X: Any, y: Any = None) -> Normalizer:
        """Only validates ``X`` (records ``n_features_in_``)."""
        self._validate_params()
        validate_X(self, X, reset=True)
        return self

    def transform(self, X: Any, copy: bool | None = None) -> Any:
        """Divide each row by its norm (zero rows stay zero). Stateless: no fit needed."""
        A, xp = validate_X(self, X, reset=False)
        if self.norm == "l1":
            norms = xp.sum(xp.abs(A), axis=1)
        elif self.norm == "l2":
            norms = xp.sqrt(xp.sum(A * A, axis=1))
        else:
            norms = xp.max(xp.abs(A), axis=1)
        norms = handle_zeros_in_scale(norms, xp=xp)
        return self._wrap(A / norms[:, None], X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags
