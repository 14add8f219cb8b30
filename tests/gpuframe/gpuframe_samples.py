"""Shared sample data for the frame tests: the same frame in pandas and gpuframe."""

from __future__ import annotations

import numpy as np
import pandas as pd


def mixed_pandas() -> pd.DataFrame:
    """One column per dtype family, with nulls, NaN and duplicates."""
    return pd.DataFrame(
        {
            "i": pd.Series([3, 1, 2, 3, -5, 0], dtype="int64"),
            "i32": pd.Series([7, 7, 1, 2, 9, 0], dtype="int32"),
            "n": pd.Series([1, None, 4, 4, None, 2], dtype="Int64"),
            "f": [1.5, np.nan, -2.0, 1.5, 0.0, 8.25],
            "b": [True, False, True, True, False, False],
            "s": ["b", None, "a", "b", "c", "a"],
            "t": pd.to_datetime(
                ["2021-01-01", None, "2020-05-06", "2021-01-01", "2022-02-02", "2019-01-01"]
            ),
            "d": pd.to_timedelta([1, 2, None, 4, 5, 6], unit="s"),
            "c": pd.Categorical(["x", "y", None, "x", "y", "y"]),
        }
    )


def numeric_pandas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": [5, 3, 3, 1, 9, 2, 7],
            "b": [1.5, np.nan, 3.0, -1.0, 2.5, np.nan, 0.5],
            "c": pd.array([1, 2, None, 4, 5, 6, 7], dtype="Int64"),
        },
        index=pd.Index([10, 11, 12, 13, 14, 15, 16], name="k"),
    )


def stable_id(value: object) -> str:
    """A parametrize id without memory addresses (``<function <lambda> at 0x7f..>``), so
    that every pytest-xdist worker collects the same test names."""
    import re

    return re.sub(r" at 0x[0-9a-fA-F]+", "", str(value))
