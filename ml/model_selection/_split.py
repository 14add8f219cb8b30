"""Data splitting: train_test_split, KFold, StratifiedKFold (indices match scikit-learn)."""

from __future__ import annotations

from collections.abc import Iterator
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.utils import check_random_state

from gpuframe.backend import array_namespace, to_host

from .._validation import _to_array

__all__ = ["KFold", "StratifiedKFold", "safe_take", "train_test_split"]


def _n_samples(a: Any) -> int:
    shape = getattr(a, "shape", None)
    if shape is not None and len(shape) > 0:
        return int(shape[0])
    return len(a)


def safe_take(a: Any, idx: np.ndarray) -> Any:
    """Rows ``idx`` of ``a``, keeping its kind: frames stay frames (index kept), arrays stay
    arrays on their device, lists stay lists."""
    if a is None:
        return None
    if hasattr(a, "iloc"):
        return a.iloc[idx]
    if type(a).__module__.startswith("gpuframe") and hasattr(a, "take"):
        return a.take(idx)
    if isinstance(a, list):
        return [a[i] for i in idx]
    if isinstance(a, np.ndarray):
        return a[idx]
    if hasattr(a, "__array_namespace__") or hasattr(a, "__cuda_array_interface__"):
        xp = array_namespace(a)
        dev = getattr(a, "device", None)
        return xp.take(
            a, xp.asarray(idx, device=dev) if dev is not None else xp.asarray(idx), axis=0
        )
    if hasattr(a, "toarray") and hasattr(a, "format"):  # scipy sparse
        return a[idx]
    return np.asarray(a)[idx]


def _split_sizes(n: int, test_size: Any, train_size: Any) -> tuple[int, int]:
    if test_size is None and train_size is None:
        test_size = 0.25
    for name, v in (("test_size", test_size), ("train_size", train_size)):
        if v is None:
            continue
        if isinstance(v, Real) and not isinstance(v, Integral):
            if not 0 < float(v) < 1:
                raise ValueError(f"{name}={v} should be a float in the (0, 1) range or an int")
        elif isinstance(v, Integral):
            if not 0 < int(v) < n:
                raise ValueError(
                    f"{name}={v} should be either positive and smaller than the number of "
                    f"samples {n} or a float in the (0, 1) range"
                )
        else:
            raise ValueError(f"Invalid value for {name}: {v!r}")

    def count(v: Any, rounding: Any) -> int:
        return int(rounding(v * n)) if isinstance(v, float) else int(v)

    if test_size is not None and train_size is not None:
        n_test, n_train = count(test_size, np.ceil), count(train_size, np.floor)
    elif test_size is not None:
        n_test = count(test_size, np.ceil)
        n_train = n - n_test
    else:
        n_train = count(train_size, np.floor)
        n_test = n - n_train
    if n_train + n_test > n:
        raise ValueError(
            f"The sum of train_size and test_size = {n_train + n_test}, should be smaller "
            f"than the number of samples {n}. Reduce test_size and/or train_size."
        )
    if n_train == 0:
        raise ValueError(
            f"With n_samples={n}, test_size={test_size} and train_size={train_size}, the "
            "resulting train set will be empty. Adjust any of the aforementioned parameters."
        )
    return n_train, n_test


def train_test_split(
    *arrays: Any,
    test_size: float | int | None = None,
    train_size: float | int | None = None,
    random_state: Any = None,
    shuffle: bool = True,
    stratify: Any = None,
) -> list[Any]:
    """Split arrays or frames into random train and test subsets.

    Same indices as scikit-learn's ``train_test_split`` for the same ``random_state``
    (``stratify`` uses scikit-learn's ``StratifiedShuffleSplit`` on the host labels);
    each output keeps the kind of its input (a gpuframe or pandas frame stays a frame with
    its index, a device array stays on its device).

    Examples
    --------
    >>> import numpy as np
    >>> X_tr, X_te = train_test_split(np.arange(10), test_size=0.3, random_state=0)
    >>> len(X_tr), len(X_te)
    (7, 3)
    """
    if not arrays:
        raise ValueError("At least one array required as input")
    n = _n_samples(arrays[0])
    for a in arrays[1:]:
        if _n_samples(a) != n:
            raise ValueError(
                "Found input variables with inconsistent numbers of samples: "
                f"{[_n_samples(a) for a in arrays]}"
            )
    n_train, n_test = _split_sizes(n, test_size, train_size)
    if not shuffle:
        if stratify is not None:
            raise ValueError("Stratified train/test split is not implemented for shuffle=False")
        train = np.arange(n_train)
        test = np.arange(n_train, n_train + n_test)
    elif stratify is not None:
        from sklearn.model_selection import StratifiedShuffleSplit

        labels = np.asarray(to_host(_to_array(stratify)))
        cv = StratifiedShuffleSplit(test_size=n_test, train_size=n_train, random_state=random_state)
        train, test = next(cv.split(np.zeros((n, 1)), labels))
    else:
        rng = check_random_state(random_state)
        perm = rng.permutation(n)
        test = perm[:n_test]
        train = perm[n_test : n_test + n_train]
    out = []
    for a in arrays:
        out.extend([safe_take(a, train), safe_take(a, test)])
    return out


class KFold:
    """K consecutive folds (shuffled first with ``shuffle=True``); same folds as scikit-learn.

    Examples
    --------
    >>> [test.tolist() for _, test in KFold(3).split(range(6))]
    [[0, 1], [2, 3], [4, 5]]
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: Any = None):
        if not isinstance(n_splits, Integral) or n_splits < 2:
            raise ValueError(
                f"k-fold cross-validation requires at least one train/test split by setting "
                f"n_splits=2 or more, got n_splits={n_splits!r}."
            )
        if not shuffle and random_state is not None:
            raise ValueError(
                "Setting a random_state has no effect since shuffle is False. You should leave "
                "random_state to its default (None), or set shuffle=True."
            )
        self.n_splits: int = int(n_splits)
        self.shuffle: bool = bool(shuffle)
        self.random_state: Any = random_state

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(n_splits={self.n_splits}, random_state="
            f"{self.random_state!r}, shuffle={self.shuffle})"
        )

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        """Number of folds."""
        return self.n_splits

    def _test_folds(self, n: int, y: Any) -> list[np.ndarray]:
        if self.n_splits > n:
            raise ValueError(
                f"Cannot have number of splits n_splits={self.n_splits} greater than the "
                f"number of samples: n_samples={n}."
            )
        idx = np.arange(n)
        if self.shuffle:
            check_random_state(self.random_state).shuffle(idx)
        sizes = np.full(self.n_splits, n // self.n_splits, dtype=np.int64)
        sizes[: n % self.n_splits] += 1
        folds = []
        start = 0
        for s in sizes.tolist():
            folds.append(idx[start : start + s])
            start += s
        return folds

    def split(
        self, X: Any, y: Any = None, groups: Any = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_indices, test_indices)`` (NumPy int arrays) per fold."""
        n = _n_samples(X)
        for test in self._test_folds(n, y):
            mask = np.ones(n, dtype=bool)
            mask[test] = False
            yield np.nonzero(mask)[0], np.sort(test) if self.shuffle else test


class StratifiedKFold(KFold):
    """K folds that keep the class proportions of ``y``; same folds as scikit-learn.

    The fold assignment is host bookkeeping on the labels only (X is never touched): it is
    computed by scikit-learn's ``StratifiedKFold`` from the labels copied to the host.

    Examples
    --------
    >>> y = [0, 0, 0, 1, 1, 1]
    >>> [test.tolist() for _, test in StratifiedKFold(3).split(y, y)]
    [[0, 3], [1, 4], [2, 5]]
    """

    def split(
        self, X: Any, y: Any = None, groups: Any = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_indices, test_indices)`` per fold, stratified on ``y``."""
        if y is None:
            raise ValueError("StratifiedKFold.split requires y (the class labels)")
        from sklearn.model_selection import StratifiedKFold as _SK

        labels = np.asarray(to_host(_to_array(y)))
        if labels.ndim == 2 and labels.shape[1] == 1:
            labels = labels[:, 0]
        sk = _SK(self.n_splits, shuffle=self.shuffle, random_state=self.random_state)
        yield from sk.split(np.zeros((labels.shape[0], 1)), labels)
