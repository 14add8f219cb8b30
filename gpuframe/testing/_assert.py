"""Equality assertions that compare against pandas."""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["assert_frame_equal", "assert_index_equal", "assert_series_equal"]


def _to_pandas(obj: Any, kind: type, argument: str) -> Any:
    if isinstance(obj, kind):
        return obj
    to_pandas = getattr(obj, "to_pandas", None)
    if to_pandas is None:
        raise TypeError(
            f"`{argument}` must be a gpuframe or pandas {kind.__name__}; "
            f"received {type(obj).__name__}"
        )
    out = to_pandas()
    if not isinstance(out, kind):
        raise TypeError(
            f"`{argument}`.to_pandas() returned {type(out).__name__}, expected {kind.__name__}"
        )
    return out


def assert_frame_equal(left: Any, right: Any, **kwargs: Any) -> None:
    """Assert two frames (gpuframe or pandas) are equal; kwargs go to pandas' assertion.

    Examples
    --------
    >>> import pandas as pd
    >>> assert_frame_equal(pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [1]}))
    """
    pd.testing.assert_frame_equal(
        _to_pandas(left, pd.DataFrame, "left"), _to_pandas(right, pd.DataFrame, "right"), **kwargs
    )


def assert_series_equal(left: Any, right: Any, **kwargs: Any) -> None:
    """Assert two series (gpuframe or pandas) are equal; kwargs go to pandas' assertion.

    Examples
    --------
    >>> import pandas as pd
    >>> assert_series_equal(pd.Series([1.0]), pd.Series([1.0]))
    """
    pd.testing.assert_series_equal(
        _to_pandas(left, pd.Series, "left"), _to_pandas(right, pd.Series, "right"), **kwargs
    )


def assert_index_equal(left: Any, right: Any, **kwargs: Any) -> None:
    """Assert two indexes (gpuframe or pandas) are equal; kwargs go to pandas' assertion."""
    pd.testing.assert_index_equal(
        _to_pandas(left, pd.Index, "left"), _to_pandas(right, pd.Index, "right"), **kwargs
    )
