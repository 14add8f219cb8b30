"""k-nearest-neighbour classification."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from gpuframe.backend import is_numpy, to_host

from .._base import check_classification_targets, encode_labels, validate_y
from .._validation import wrap_like
from ._base import KNeighborsBase, neighbor_weights

__all__ = ["KNeighborsClassifier"]


class KNeighborsClassifier(KNeighborsBase, ClassifierMixin, BaseEstimator):
    """Classifier voting among the k nearest training points, as scikit-learn's.

    Neighbours come from exact tiled brute force (see :class:`NearestNeighbors`); ties between
    classes go to the smallest class, as in scikit-learn. ``weights`` is 'uniform',
    'distance' (inverse distance) or a callable mapping distances to weights.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> clf = KNeighborsClassifier(n_neighbors=3).fit(X, [0, 0, 1, 1])
    >>> clf.predict(np.array([[1.1]])).tolist()
    [0]
    >>> clf.predict_proba(np.array([[0.9]])).round(3).tolist()
    [[0.667, 0.333]]
    """

    def fit(self, X: Any, y: Any) -> KNeighborsClassifier:
        """Store the training data and the encoded class labels."""
        A, xp = self._fit_X(X)
        Y = validate_y(y, A, xp, est=self, numeric=False)
        check_classification_targets(Y)
        self.classes_, self._codes = encode_labels(Y, xp)
        self.outputs_2d_ = False
        return self

    def predict_proba(self, X: Any) -> Any:
        """Class probabilities (the weighted share of each class among the neighbours)."""
        proba = self._proba(X)
        return wrap_like(proba, X)

    def _proba(self, X: Any) -> Any:
        A, xp = self._query(X)
        dist, ind = self._kneighbors(A, None)
        w = neighbor_weights(dist, self.weights, xp=xp)
        nc = int(self.classes_.shape[0])
        m, k = int(ind.shape[0]), int(ind.shape[1])
        codes = xp.take(self._codes, xp.reshape(ind, (-1,)), axis=0)
        if is_numpy(xp):
            flat = (np.arange(m)[:, None] * nc + codes.reshape(m, k)).ravel()
            vals = None if w is None else np.asarray(w, dtype=np.float64).ravel()
            counts = np.bincount(flat, weights=vals, minlength=m * nc).reshape(m, nc)
        else:
            codes = xp.reshape(codes, (m, k))
            labels = xp.reshape(xp.arange(nc, dtype=codes.dtype), (1, 1, nc))
            step = max(1, (1 << 22) // max(1, k * nc))  # bounded (rows, k, classes) block
            parts = []
            for i in range(0, m, step):
                j = min(m, i + step)
                oh = xp.astype(codes[i:j, :, None] == labels, dist.dtype)
                if w is not None:
                    oh = oh * w[i:j, :, None]
                parts.append(xp.sum(oh, axis=1))
            counts = parts[0] if len(parts) == 1 else xp.concat(parts, axis=0)
        total = xp.sum(counts, axis=1)[:, None]
        total = xp.where(total == 0, xp.ones_like(total), total)
        proba = counts / total
        return xp.astype(proba, dist.dtype) if proba.dtype != dist.dtype else proba

    def predict(self, X: Any) -> Any:
        """The majority (or weighted-majority) class among each row's neighbours."""
        proba = self._proba(X)
        from gpuframe.backend import array_namespace

        xp = array_namespace(proba)
        best = xp.argmax(proba, axis=1)
        classes = self.classes_
        if isinstance(classes, np.ndarray) and not is_numpy(xp):
            out = classes[to_host(best)]
        else:
            out = xp.take(classes, best, axis=0)
        return wrap_like(out, X)
