"""Categorical encoders: OneHotEncoder, OrdinalEncoder (per-column categories) and LabelEncoder.

Numeric columns are encoded in the namespace of X (on its device) by a binary search into the
sorted categories; string columns (object arrays, pandas/gpuframe string columns) are encoded
on the host, where the categories live.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted

from gpuframe.backend import array_namespace, is_numpy, to_host

from .._base import _check_feature_names, encode_labels, to_namespace
from .._validation import _to_array, check_array, wrap_like

__all__ = ["LabelEncoder", "OneHotEncoder", "OrdinalEncoder"]


def _columns(est: Any, X: Any, *, reset: bool) -> tuple[list[Any], Any]:
    """X as a list of 1-D columns (device arrays for numbers, host arrays for strings)."""
    _check_feature_names(est, X, reset=reset)
    if hasattr(X, "toarray") and hasattr(X, "format"):
        raise TypeError("Sparse input is not supported; convert it with X.toarray()")
    cols: list[Any] = []
    frame_cols = getattr(X, "columns", None)
    if frame_cols is not None and not hasattr(X, "__array_namespace__"):
        for name in frame_cols:
            c = _to_array(X[name])
            cols.append(_as_column(c))
        n_features = len(cols)
        if n_features == 0:
            raise ValueError("0 feature(s) (shape=(n, 0)) while a minimum of 1 is required.")
    else:
        A = _to_array(X)
        if isinstance(A, np.ndarray) and A.dtype == object:
            if A.ndim != 2:
                raise ValueError(
                    f"Expected a 2-D array for `X`, got {A.ndim}-D. Reshape your data either "
                    "using X.reshape(-1, 1) if your data has a single feature or "
                    "X.reshape(1, -1) if it contains a single sample."
                )
            cols = [_as_column(A[:, j]) for j in range(A.shape[1])]
        else:
            A, _ = check_array(A, dtype=None, allow_nan=True, min_features=1)
            xp = array_namespace(A)
            cols = [A[:, j] for j in range(A.shape[1])]
            _ = xp
        n_features = len(cols)
        if cols and int(cols[0].shape[0]) == 0:
            raise ValueError("Found array with 0 sample(s) while a minimum of 1 is required.")
    if reset:
        est.n_features_in_ = n_features
    elif n_features != est.n_features_in_:
        raise ValueError(
            f"X has {n_features} features, but {type(est).__name__} is expecting "
            f"{est.n_features_in_} features as input."
        )
    return cols, X


def _as_column(c: Any) -> Any:
    if isinstance(c, np.ndarray) and c.dtype == object:
        vals = c.tolist()
        if all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in vals):
            return c.astype(np.float64)
        if any(isinstance(v, dict) for v in vals):
            raise TypeError(
                "argument must be a string or a real number; received a column holding dicts"
            )
        return c
    if isinstance(c, np.ndarray) and c.dtype.kind in "US":
        return c.astype(object)
    return c


def _is_host_objects(c: Any) -> bool:
    return isinstance(c, np.ndarray) and c.dtype == object


def _missing(c: Any) -> Any:
    if _is_host_objects(c):
        # NaN is a missing value; None is an ordinary category (sorted last), as in scikit-learn
        return np.array([isinstance(v, float) and v != v for v in c], dtype=bool)
    xp = array_namespace(c)
    if xp.isdtype(c.dtype, "real floating"):
        return xp.isnan(c)
    return xp.zeros(c.shape, dtype=xp.bool)


def _categories(c: Any) -> Any:
    """Sorted distinct values; a missing value (NaN/None) comes last, as in scikit-learn."""
    miss = _missing(c)
    if _is_host_objects(c):
        present = set(c[~miss].tolist())
        has_none = None in present
        present.discard(None)
        try:
            values = sorted(present)
        except TypeError as exc:
            raise TypeError(
                "Encoders require their input columns to be uniformly strings or numbers; "
                f"received mixed types ({exc})"
            ) from exc
        if has_none:
            values.append(None)
        if miss.any():
            values.append(np.nan)
        cats = np.empty(len(values), dtype=object)
        cats[:] = values
        return cats
    xp = array_namespace(c)
    has_nan = bool(xp.any(miss))
    vals = c[~miss] if has_nan else c
    cats = xp.sort(xp.unique_values(vals))
    if has_nan:
        cats = xp.concat([cats, xp.asarray([xp.nan], dtype=cats.dtype)])
    return cats


def _codes(c: Any, cats: Any) -> tuple[Any, Any]:
    """``(codes, known)``: index of each value in ``cats`` and whether it was found."""
    miss = _missing(c)
    if _is_host_objects(c) or _is_host_objects(cats):
        c = np.asarray(to_host(c)).astype(object)
        cats_h = np.asarray(to_host(cats)).astype(object)
        nan_key = ("__missing__",)
        lookup = {}
        for i, v in enumerate(cats_h.tolist()):
            key = nan_key if (isinstance(v, float) and v != v) else v
            lookup[key] = i
        out = np.empty(c.shape[0], dtype=np.int64)
        known = np.ones(c.shape[0], dtype=bool)
        for i, v in enumerate(c.tolist()):
            key = nan_key if miss[i] else v
            j = lookup.get(key, -1)
            out[i] = max(j, 0)
            known[i] = j >= 0
        return out, known
    xp = array_namespace(c)
    has_nan_cat = bool(xp.any(xp.isnan(cats))) if xp.isdtype(cats.dtype, "real floating") else False
    body = cats[:-1] if has_nan_cat else cats
    c_cast = xp.astype(c, body.dtype) if c.dtype != body.dtype else c
    if body.shape[0] == 0:
        idx = xp.zeros(c.shape, dtype=xp.int64)
        known = xp.zeros(c.shape, dtype=xp.bool)
    else:
        safe = xp.where(miss, xp.zeros_like(c_cast), c_cast) if bool(xp.any(miss)) else c_cast
        idx = xp.clip(xp.searchsorted(body, safe), 0, body.shape[0] - 1)
        known = (xp.take(body, idx) == c_cast) & ~miss
        idx = xp.astype(idx, xp.int64)
    if has_nan_cat:
        nan_code = xp.full(idx.shape, cats.shape[0] - 1, dtype=xp.int64)
        idx = xp.where(miss, nan_code, idx)
        known = known | miss
    return idx, known


class _BaseEncoder(TransformerMixin, BaseEstimator):
    def _fit_categories(self, cols: list[Any]) -> None:
        if self.categories == "auto":
            self.categories_ = [_categories(c) for c in cols]
            return
        if len(self.categories) != len(cols):
            raise ValueError(
                f"Shape mismatch: if categories is an array, it has to be of shape "
                f"(n_features,) = ({len(cols)},); received {len(self.categories)} lists"
            )
        cats = []
        for j, (given, c) in enumerate(zip(self.categories, cols)):
            g = np.asarray(given)
            if _is_host_objects(c) or g.dtype.kind in "OUS":
                g = g.astype(object)
                cat = g
            else:
                if not np.all(np.diff(g[~np.isnan(g)] if g.dtype.kind == "f" else g) > 0):
                    raise ValueError(f"Unsorted categories are not supported for column {j}")
                cat = to_namespace(g, array_namespace(c), like=c)
            if self.handle_unknown == "error":
                _, known = _codes(c, cat)
                if not bool(np.all(np.asarray(to_host(known)))):
                    raise ValueError(f"Found unknown categories in column {j} during fit")
            cats.append(cat)
        self.categories_ = cats

    def _encode(self, cols: list[Any]) -> list[tuple[Any, Any]]:
        out = []
        for j, (c, cats) in enumerate(zip(cols, self.categories_)):
            codes, known = _codes(c, cats)
            ok = bool(np.all(np.asarray(to_host(known))))
            if not ok and self.handle_unknown == "error":
                bad = np.asarray(to_host(c))[~np.asarray(to_host(known))]
                raise ValueError(
                    f"Found unknown categories {sorted(set(bad.tolist()), key=str)[:10]} in "
                    f"column {j} during transform"
                )
            out.append((codes, known))
        return out


class OneHotEncoder(_BaseEncoder):
    """One 0/1 column per category of each feature (dense output by default).

    Parameters
    ----------
    categories : 'auto' or list of array-like, default='auto'
    drop : {'first', 'if_binary'}, array-like or None, default=None
    sparse_output : bool, default=False
        ``True`` returns a SciPy CSR matrix (host only). Dense is the default here, unlike
        scikit-learn, because device arrays are dense.
    dtype : numpy dtype, default=np.float64
    handle_unknown : {'error', 'ignore'}, default='error'
        ``'ignore'``: unknown categories give all-zero columns.

    Examples
    --------
    >>> import numpy as np
    >>> OneHotEncoder().fit_transform(np.array([["a"], ["b"], ["a"]], dtype=object)).tolist()
    [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    """

    _parameter_constraints: dict = {
        "categories": [StrOptions({"auto"}), list],
        "drop": [StrOptions({"first", "if_binary"}), "array-like", None],
        "sparse_output": ["boolean"],
        "dtype": "no_validation",
        "handle_unknown": [StrOptions({"error", "ignore"})],
    }

    def __init__(
        self,
        *,
        categories: Any = "auto",
        drop: Any = None,
        sparse_output: bool = False,
        dtype: Any = np.float64,
        handle_unknown: str = "error",
    ):
        self.categories = categories
        self.drop = drop
        self.sparse_output = sparse_output
        self.dtype = dtype
        self.handle_unknown = handle_unknown

    def fit(self, X: Any, y: Any = None) -> OneHotEncoder:
        """Learn ``categories_`` per column (and ``drop_idx_``)."""
        self._validate_params()
        cols, _ = _columns(self, X, reset=True)
        self._fit_categories(cols)
        self.drop_idx_ = self._drop_idx()
        return self

    def _drop_idx(self) -> Any:
        if self.drop is None:
            return None
        idx: list[int | None] = []
        if isinstance(self.drop, str):
            for cats in self.categories_:
                k = int(cats.shape[0])
                if self.drop == "first" or k == 2:
                    idx.append(0)
                else:
                    idx.append(None)
            return np.asarray(idx, dtype=object)
        drops = list(self.drop)
        if len(drops) != len(self.categories_):
            raise ValueError(
                f"`drop` should have length equal to the number of features "
                f"({len(self.categories_)}), got {len(drops)}"
            )
        for j, (d, cats) in enumerate(zip(drops, self.categories_)):
            if d is None:
                idx.append(None)
                continue
            hc = np.asarray(to_host(cats))
            hit = np.nonzero(hc == d)[0]
            if hit.size == 0:
                raise ValueError(
                    f"The following category was supposed to be dropped, but was "
                    f"not found in the training data: {d!r} (feature {j})"
                )
            idx.append(int(hit[0]))
        return np.asarray(idx, dtype=object)

    def transform(self, X: Any) -> Any:
        """The one-hot matrix (n, total categories minus dropped ones)."""
        check_is_fitted(self, "categories_")
        cols, _ = _columns(self, X, reset=False)
        encoded = self._encode(cols)
        xp = _out_namespace(cols)
        if is_numpy(xp):
            out = self._one_hot_numpy(encoded, np.dtype(self.dtype))
        else:
            out = self._one_hot_generic(encoded, xp, _np_to_xp_dtype(np.dtype(self.dtype), xp))
        if self.sparse_output:
            import scipy.sparse

            return scipy.sparse.csr_matrix(np.asarray(to_host(out)))
        return wrap_like(out, X, columns=list(self.get_feature_names_out()))

    def _widths(self) -> list[tuple[int, int | None]]:
        """(number of categories, dropped index or None) per column."""
        return [
            (int(cats.shape[0]), None if self.drop_idx_ is None else self.drop_idx_[j])
            for j, cats in enumerate(self.categories_)
        ]

    def _one_hot_numpy(self, encoded: list[tuple[Any, Any]], dtype: np.dtype) -> np.ndarray:
        """Scatter ones into a zero matrix: one write per row and column."""
        widths = self._widths()
        total = sum(k - (d is not None) for k, d in widths)
        n = int(np.asarray(encoded[0][0]).shape[0]) if encoded else 0
        out = np.zeros((n, total), dtype=dtype)
        rows = np.arange(n)
        offset = 0
        for (codes, known), (k, d) in zip(encoded, widths):
            c = np.asarray(codes, dtype=np.int64)
            ok = np.asarray(known, dtype=bool)
            if d is not None:
                ok = ok & (c != d)
                c = np.where(c > d, c - 1, c)
            out[rows[ok], offset + c[ok]] = 1
            offset += k - (d is not None)
        return out

    def _one_hot_generic(self, encoded: list[tuple[Any, Any]], xp: Any, dt: Any) -> Any:
        """Comparisons against the category codes, one block per column (any namespace)."""
        blocks = []
        for (codes, known), (k, d) in zip(encoded, self._widths()):
            codes = to_namespace(codes, xp)
            known = to_namespace(known, xp)
            hot = (codes[:, None] == xp.arange(k, dtype=xp.int64)[None, :]) & known[:, None]
            hot = xp.astype(hot, dt)
            if d is not None:
                keep = [i for i in range(k) if i != d]
                hot = xp.take(hot, xp.asarray(keep, dtype=xp.int64), axis=1) if keep else hot[:, :0]
            blocks.append(hot)
        return xp.concat(blocks, axis=1)

    def inverse_transform(self, X: Any) -> Any:
        """Categories back from one-hot rows (host object array when categories are strings)."""
        check_is_fitted(self, "categories_")
        A = np.asarray(to_host(_to_array(X)))
        out: list[Any] = []
        start = 0
        for j, cats in enumerate(self.categories_):
            hc = np.asarray(to_host(cats))
            k = hc.shape[0]
            d = None if self.drop_idx_ is None else self.drop_idx_[j]
            width = k - (d is not None)
            block = A[:, start : start + width]
            start += width
            idx = np.argmax(block, axis=1)
            if d is not None:
                idx = np.where(idx >= d, idx + 1, idx)
                idx = np.where(block.sum(axis=1) == 0, d, idx)
            out.append(hc[idx])
        return np.stack(out, axis=1)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """``'<feature>_<category>'`` for each output column."""
        check_is_fitted(self, "categories_")
        names = _input_names(self, input_features)
        out: list[str] = []
        for j, cats in enumerate(self.categories_):
            hc = np.asarray(to_host(cats)).tolist()
            d = None if self.drop_idx_ is None else self.drop_idx_[j]
            out.extend(f"{names[j]}_{c}" for i, c in enumerate(hc) if i != d)
        return np.asarray(out, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags


class OrdinalEncoder(_BaseEncoder):
    """Each category becomes its index (0..k-1) in the sorted categories of its column.

    Parameters
    ----------
    categories : 'auto' or list of array-like, default='auto'
    dtype : numpy dtype, default=np.float64
    handle_unknown : {'error', 'use_encoded_value'}, default='error'
    unknown_value : int, float or None, default=None
        Code of unknown categories with ``handle_unknown='use_encoded_value'``.
    encoded_missing_value : float, default=nan
        Code of missing values (NaN/None).

    Examples
    --------
    >>> import numpy as np
    >>> OrdinalEncoder().fit_transform(np.array([["b"], ["a"], ["c"]], dtype=object)).ravel().tolist()
    [1.0, 0.0, 2.0]
    """

    _parameter_constraints: dict = {
        "categories": [StrOptions({"auto"}), list],
        "dtype": "no_validation",
        "handle_unknown": [StrOptions({"error", "use_encoded_value"})],
        "unknown_value": [Real, None],
        "encoded_missing_value": [Real],
    }

    def __init__(
        self,
        *,
        categories: Any = "auto",
        dtype: Any = np.float64,
        handle_unknown: str = "error",
        unknown_value: Any = None,
        encoded_missing_value: Any = np.nan,
    ):
        self.categories = categories
        self.dtype = dtype
        self.handle_unknown = handle_unknown
        self.unknown_value = unknown_value
        self.encoded_missing_value = encoded_missing_value

    def fit(self, X: Any, y: Any = None) -> OrdinalEncoder:
        """Learn ``categories_`` per column."""
        self._validate_params()
        if self.handle_unknown == "use_encoded_value" and self.unknown_value is None:
            raise TypeError(
                "unknown_value should be an integer or np.nan when handle_unknown is "
                "'use_encoded_value', got None."
            )
        if self.handle_unknown == "error" and self.unknown_value is not None:
            raise TypeError(
                "unknown_value should only be set when handle_unknown is 'use_encoded_value', "
                f"got {self.unknown_value!r}."
            )
        cols, _ = _columns(self, X, reset=True)
        self._fit_categories(cols)
        return self

    def transform(self, X: Any) -> Any:
        """Codes as floats (``dtype``), unknown / missing values as configured."""
        check_is_fitted(self, "categories_")
        cols, _ = _columns(self, X, reset=False)
        encoded = self._encode(cols)
        xp = _out_namespace(cols)
        dt = _np_to_xp_dtype(np.dtype(self.dtype), xp)
        outs = []
        for c, (codes, known) in zip(cols, encoded):
            codes = xp.astype(to_namespace(codes, xp), dt)
            known = to_namespace(known, xp)
            miss = to_namespace(_missing(c), xp)
            if not bool(xp.all(known)):
                codes = xp.where(known, codes, xp.full_like(codes, float(self.unknown_value)))
            if bool(xp.any(miss)):
                codes = xp.where(
                    miss, xp.full_like(codes, float(self.encoded_missing_value)), codes
                )
            outs.append(codes)
        out = xp.stack(outs, axis=1)
        return wrap_like(out, X, columns=list(self.get_feature_names_out()))

    def inverse_transform(self, X: Any) -> Any:
        """Categories back from codes (host object array)."""
        check_is_fitted(self, "categories_")
        A = np.asarray(to_host(_to_array(X)))
        out: list[Any] = []
        for j, cats in enumerate(self.categories_):
            hc = np.asarray(to_host(cats)).astype(object)
            col = A[:, j]
            bad = ~np.isfinite(col) | (col < 0) | (col >= hc.shape[0])
            idx = np.where(bad, 0, col).astype(np.int64)
            vals = hc[idx]
            vals[bad] = None
            out.append(vals)
        return np.stack(out, axis=1)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The input feature names (one output column per input column)."""
        check_is_fitted(self, "categories_")
        return np.asarray(_input_names(self, input_features), dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags


def _input_names(est: Any, input_features: Any) -> list[str]:
    if input_features is not None:
        names = [str(n) for n in input_features]
        if len(names) != est.n_features_in_:
            raise ValueError("input_features should have length equal to number of features")
        fitted = getattr(est, "feature_names_in_", None)
        if fitted is not None and list(fitted) != names:
            raise ValueError("input_features is not equal to feature_names_in_")
        return names
    fitted = getattr(est, "feature_names_in_", None)
    if fitted is not None:
        return [str(n) for n in fitted]
    return [f"x{i}" for i in range(est.n_features_in_)]


def _out_namespace(cols: list[Any]) -> Any:
    for c in cols:
        if not _is_host_objects(c):
            return array_namespace(c)
    import array_api_compat.numpy as nxp

    return nxp


def _np_to_xp_dtype(dt: np.dtype, xp: Any) -> Any:
    if is_numpy(xp):
        return dt
    return getattr(xp, dt.name)


class LabelEncoder(TransformerMixin, BaseEstimator):
    """Encode target labels as integers 0..n_classes-1 (sorted order).

    Examples
    --------
    >>> import numpy as np
    >>> le = LabelEncoder().fit(np.array(["b", "a", "b"]))
    >>> le.transform(np.array(["a", "b"])).tolist(), le.classes_.tolist()
    ([0, 1], ['a', 'b'])
    """

    def fit(self, y: Any) -> LabelEncoder:
        """Learn ``classes_``."""
        Y = self._y(y)
        self.classes_, _ = encode_labels(Y, _label_ns(Y))
        return self

    def fit_transform(self, y: Any) -> Any:
        """Learn ``classes_`` and return the codes."""
        Y = self._y(y)
        xp = _label_ns(Y)
        self.classes_, codes = encode_labels(Y, xp)
        return wrap_like(codes, y)

    def transform(self, y: Any) -> Any:
        """Codes of ``y``; unseen labels raise ``ValueError``."""
        check_is_fitted(self, "classes_")
        Y = self._y(y)
        if Y.shape[0] == 0:
            return np.empty(0, dtype=np.int64)
        codes, known = _codes(Y, self.classes_)
        if not bool(np.all(np.asarray(to_host(known)))):
            bad = np.asarray(to_host(Y))[~np.asarray(to_host(known))]
            raise ValueError(
                f"y contains previously unseen labels: {sorted(set(bad.tolist()), key=str)[:10]}"
            )
        return wrap_like(codes, y)

    def inverse_transform(self, y: Any) -> Any:
        """Labels of the codes ``y``."""
        check_is_fitted(self, "classes_")
        codes = self._y(y)
        if codes.shape[0] == 0:
            return np.asarray(to_host(self.classes_))[:0]
        hc = np.asarray(to_host(codes))
        k = int(self.classes_.shape[0])
        if np.any((hc < 0) | (hc >= k)):
            raise ValueError(
                f"y contains previously unseen labels: {sorted(set(hc[(hc < 0) | (hc >= k)].tolist()))}"
            )
        if isinstance(self.classes_, np.ndarray):
            return self.classes_[hc.astype(np.int64)]
        xp = array_namespace(self.classes_)
        return xp.take(self.classes_, xp.astype(codes, xp.int64))

    @staticmethod
    def _y(y: Any) -> Any:
        Y = _to_array(y)
        if Y.ndim == 2 and Y.shape[1] == 1:
            Y = Y[:, 0]
        if Y.ndim != 1:
            raise ValueError(
                f"y should be a 1d array, got an array of shape {tuple(Y.shape)} instead."
            )
        if isinstance(Y, np.ndarray) and Y.dtype.kind in "US":
            Y = Y.astype(object)
        return Y

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.target_tags.one_d_labels = True
        return tags


def _label_ns(Y: Any) -> Any:
    if isinstance(Y, np.ndarray):
        import array_api_compat.numpy as nxp

        return nxp
    return array_namespace(Y)
