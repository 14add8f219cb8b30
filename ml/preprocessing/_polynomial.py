"""PolynomialFeatures: all monomials of the input features up to a degree."""

from __future__ import annotations

from itertools import chain, combinations, combinations_with_replacement
from numbers import Integral
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from .._base import validate_X
from .._validation import wrap_like

__all__ = ["PolynomialFeatures"]


class PolynomialFeatures(TransformerMixin, BaseEstimator):
    """Monomials of degree ``min_degree..max_degree`` in scikit-learn's column order.

    Each monomial of degree d is computed from one of degree d - 1 times a feature, so the
    work is one multiply per output column.

    Parameters
    ----------
    degree : int or (int, int), default=2
    interaction_only : bool, default=False
        Only products of distinct features.
    include_bias : bool, default=True
        Add a column of ones.
    order : {'C', 'F'}, default='C'
        Accepted for scikit-learn compatibility.

    Examples
    --------
    >>> import numpy as np
    >>> PolynomialFeatures().fit_transform(np.array([[2.0, 3.0]])).tolist()
    [[1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]
    """

    _parameter_constraints: dict = {
        "degree": [Interval(Integral, 0, None, closed="left"), "array-like"],
        "interaction_only": ["boolean"],
        "include_bias": ["boolean"],
        "order": [StrOptions({"C", "F"})],
    }

    def __init__(
        self,
        degree: Any = 2,
        *,
        interaction_only: bool = False,
        include_bias: bool = True,
        order: str = "C",
    ):
        self.degree = degree
        self.interaction_only = interaction_only
        self.include_bias = include_bias
        self.order = order

    def _degrees(self) -> tuple[int, int]:
        if isinstance(self.degree, Integral):
            return 0, int(self.degree)
        lo, hi = self.degree
        if not (isinstance(lo, Integral) and isinstance(hi, Integral) and 0 <= int(lo) <= int(hi)):
            raise ValueError(
                "degree=(min_degree, max_degree) must be non-negative integers that fulfil "
                f"min_degree <= max_degree; received degree={self.degree!r}"
            )
        return int(lo), int(hi)

    def _combos(self, p: int) -> list[tuple[int, ...]]:
        lo, hi = self._degrees()
        comb = combinations if self.interaction_only else combinations_with_replacement
        start = max(1, lo)
        combos = list(chain.from_iterable(comb(range(p), d) for d in range(start, hi + 1)))
        if self.include_bias:
            combos.insert(0, ())
        return combos

    def fit(self, X: Any, y: Any = None) -> PolynomialFeatures:
        """Compute ``powers_`` and ``n_output_features_``."""
        self._validate_params()
        _, hi = self._degrees()
        A, _ = validate_X(self, X, reset=True, dtype=None, allow_nan=True)
        p = int(A.shape[1])
        if hi == 0 and not self.include_bias:
            raise ValueError(
                "Setting degree to zero and include_bias to False would result in an empty "
                "output array."
            )
        combos = self._combos(p)
        powers = np.zeros((len(combos), p), dtype=np.int64)
        for r, c in enumerate(combos):
            for j in c:
                powers[r, j] += 1
        self._combos_ = combos
        self.powers_ = powers
        self.n_output_features_ = len(combos)
        return self

    def transform(self, X: Any) -> Any:
        """The monomials of ``X`` (float dtype of X kept)."""
        check_is_fitted(self, "powers_")
        A, xp = validate_X(self, X, reset=False, allow_nan=True)
        n = int(A.shape[0])
        cols: dict[tuple[int, ...], Any] = {}

        def monomial(c: tuple[int, ...]) -> Any:
            if c not in cols:
                if not c:
                    cols[c] = xp.ones((n,), dtype=A.dtype)
                elif len(c) == 1:
                    cols[c] = A[:, c[0]]
                else:
                    cols[c] = monomial(c[:-1]) * A[:, c[-1]]
            return cols[c]

        out = [monomial(c) for c in self._combos_]
        res = xp.stack(out, axis=1) if out else xp.zeros((n, 0), dtype=A.dtype)
        return wrap_like(res, X, columns=list(self.get_feature_names_out()))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names like ``'x0 x1^2'`` (``'1'`` for the bias)."""
        check_is_fitted(self, "powers_")
        if input_features is None:
            fitted = getattr(self, "feature_names_in_", None)
            input_features = (
                list(fitted)
                if fitted is not None
                else [f"x{i}" for i in range(self.n_features_in_)]
            )
        names = []
        for row in self.powers_:
            terms = [
                f"{input_features[j]}^{e}" if e > 1 else str(input_features[j])
                for j, e in enumerate(row)
                if e
            ]
            names.append(" ".join(terms) if terms else "1")
        return np.asarray(names, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
