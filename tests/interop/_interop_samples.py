"""One pandas frame with a column for every gpuframe dtype, nulls included."""

from __future__ import annotations

import numpy as np
import pandas as pd

UNITS = ("s", "ms", "us", "ns")
INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def every_dtype() -> pd.DataFrame:
    """bool, all ints, floats with NaN, datetime64/timedelta64 in every unit with NaT,
    strings and categories with nulls, and pandas' nullable Int64/boolean."""
    cols: dict[str, pd.Series] = {"bool": pd.Series([True, False, True, False])}
    for t in INTS:
        cols[t] = pd.Series([0, 1, 2, 120], dtype=t)
    cols["float32"] = pd.Series([1.5, np.nan, 2.0, -3.0], dtype="float32")
    cols["float64"] = pd.Series([1.5, np.nan, 2.0, -3.0])
    for u in UNITS:
        stamps = ["2020-01-01", "NaT", "2021-06-01T12:00", "1999-12-31"]
        cols[f"datetime_{u}"] = pd.Series(np.array(stamps, dtype=f"datetime64[{u}]"))
        cols[f"timedelta_{u}"] = pd.Series(np.array([1, "NaT", 3, -4], dtype=f"timedelta64[{u}]"))
    cols["str"] = pd.Series(["x", None, "yy", "x"], dtype="str")
    cols["category"] = pd.Series(["b", "a", None, "b"], dtype="category")
    cols["nullable_int64"] = pd.Series([1, None, 3, 4], dtype="Int64")
    cols["nullable_bool"] = pd.Series([True, None, False, True], dtype="boolean")
    return pd.DataFrame(cols)
