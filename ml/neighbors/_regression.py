"""k-nearest-neighbour regression."""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator, RegressorMixin

from .._base import validate_y
from .._validation import wrap_like
from ._base import KNeighborsBase, neighbor_weights

__all__ = ["KNeighborsRegressor"]


class KNeighborsRegressor(KNeighborsBase, RegressorMixin, BaseEstimator):
    """Regression by the (weighted) mean target of the k nearest training points.

    Neighbours come from exact tiled brute force (see :class:`NearestNeighbors`). ``y`` may
    be 2-D (several outputs). ``weights`` is 'uniform', 'distance' or a callable.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> reg = KNeighborsRegressor(n_neighbors=2).fit(X, [0.0, 0.0, 1.0, 1.0])
    >>> reg.predict(np.array([[1.5]])).tolist()
    [0.5]
    """

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def fit(self, X: Any, y: Any) -> KNeighborsRegressor:
        """Store the training data and targets."""
        A, xp = self._fit_X(X)
        self._y = validate_y(y, A, xp, est=self, numeric=True, multi_output=True)
        return self

    def predict(self, X: Any) -> Any:
        """The (weighted) mean target of each row's neighbours."""
        A, xp = self._query(X)
        dist, ind = self._kneighbors(A, None)
        w = neighbor_weights(dist, self.weights, xp=xp)
        m, k = int(ind.shape[0]), int(ind.shape[1])
        flat = xp.reshape(ind, (-1,))
        y = self._y
        if y.ndim == 1:
            vals = xp.reshape(xp.take(y, flat, axis=0), (m, k))
            if w is None:
                out = xp.mean(vals, axis=1)
            else:
                out = xp.sum(vals * w, axis=1) / xp.sum(w, axis=1)
        else:
            vals = xp.reshape(xp.take(y, flat, axis=0), (m, k, int(y.shape[1])))
            if w is None:
                out = xp.mean(vals, axis=1)
            else:
                out = xp.sum(vals * w[:, :, None], axis=1) / xp.sum(w, axis=1)[:, None]
        return wrap_like(out, X)
