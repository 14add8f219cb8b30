"""Named reductions for Series and DataFrame: each delegates to the class's ``_reduce``."""

from __future__ import annotations

from typing import Any

__all__ = ["ReductionMixin"]


def _make(op: str, doc: str) -> Any:
    def method(
        self: Any, axis: Any = 0, skipna: bool = True, numeric_only: bool = False, **kwargs: Any
    ) -> Any:
        return self._reduce(op, axis=axis, skipna=skipna, numeric_only=numeric_only, **kwargs)

    method.__name__ = op
    method.__doc__ = doc + "\n\nMissing values are skipped unless ``skipna=False``."
    return method


class ReductionMixin:
    """``sum mean min max std var ...``; subclasses define ``_reduce(op, **kwargs)``."""

    def _reduce(self, op: str, **kwargs: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    sum = _make("sum", "Sum of the values (``min_count`` values needed, default 0).")
    prod = _make("prod", "Product of the values.")
    product = prod
    mean = _make("mean", "Arithmetic mean.")
    min = _make("min", "Smallest value.")
    max = _make("max", "Largest value.")
    std = _make("std", "Standard deviation (``ddof=1``).")
    var = _make("var", "Variance (``ddof=1``).")
    sem = _make("sem", "Standard error of the mean (``ddof=1``).")
    median = _make("median", "Median (linear interpolation).")
    any = _make("any", "True when any value is true.")
    all = _make("all", "True when every value is true.")

    def count(self, axis: Any = 0, numeric_only: bool = False) -> Any:
        """Number of non-missing values."""
        return self._reduce("count", axis=axis, skipna=True, numeric_only=numeric_only)

    def nunique(self, axis: Any = 0, dropna: bool = True) -> Any:
        """Number of distinct non-missing values."""
        if not dropna:
            raise NotImplementedError("nunique: `dropna=False` is not supported")
        return self._reduce("nunique", axis=axis, skipna=True, numeric_only=False)

    def quantile(
        self,
        q: float = 0.5,
        axis: Any = 0,
        numeric_only: bool = False,
        interpolation: str = "linear",
    ) -> Any:
        """The ``q`` quantile (linear interpolation)."""
        if interpolation != "linear":
            raise NotImplementedError(
                f"quantile: `interpolation={interpolation!r}` is not supported"
            )
        if not isinstance(q, (int, float)) or not 0 <= q <= 1:
            raise ValueError(f"quantile: `q` must be a number in [0, 1]; received {q!r}")
        return self._reduce("quantile", axis=axis, skipna=True, numeric_only=numeric_only, q=q)

    def idxmin(self, axis: Any = 0, skipna: bool = True) -> Any:
        """Label of the smallest value."""
        return self._reduce("idxmin", axis=axis, skipna=skipna, numeric_only=False)

    def idxmax(self, axis: Any = 0, skipna: bool = True) -> Any:
        """Label of the largest value."""
        return self._reduce("idxmax", axis=axis, skipna=skipna, numeric_only=False)
