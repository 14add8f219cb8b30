"""pandas Series/Index/DataFrame -> native arrays (``to_numpy`` views where pandas allows)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._copy import need_copy

__all__ = ["pandas_native"]


def pandas_native(obj: Any, copy: bool | None) -> tuple[Any, bool]:
    """pandas data as NumPy: numpy-backed columns are viewed (read-only under copy-on-write),
    nullable columns without NA view their data, Arrow-backed columns go through Arrow."""
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        return _frame_native(obj, copy)
    if isinstance(obj, (pd.Series, pd.Index)):
        if isinstance(obj, pd.MultiIndex):
            need_copy("a MultiIndex is materialised as an array of tuples", copy)
            return np.asarray(obj), True
        return _values_native(obj, copy)
    raise TypeError(
        "Invalid type for argument `obj`. Expected a pandas Series, Index or DataFrame. "
        f"Received: obj of type {type(obj).__name__}"
    )


def _values_native(obj: Any, copy: bool | None) -> tuple[Any, bool]:
    import pandas as pd

    dtype = obj.dtype
    values = obj.array
    if isinstance(dtype, np.dtype):  # numpy-backed, incl. naive datetime64/timedelta64
        return obj.to_numpy(), False
    if isinstance(dtype, pd.DatetimeTZDtype):
        return obj.to_numpy(dtype=f"datetime64[{dtype.unit}]"), False
    if isinstance(dtype, pd.CategoricalDtype):
        need_copy("categorical values are decoded from their codes", copy)
        return np.asarray(obj), True
    if hasattr(values, "__arrow_array__") and isinstance(dtype, (pd.ArrowDtype, pd.StringDtype)):
        from ._arrow import chunked_native

        return chunked_native(values.__arrow_array__(), copy)
    numpy_dtype = getattr(dtype, "numpy_dtype", None)
    if numpy_dtype is not None:  # masked nullable dtypes: Int64, Float32, boolean, ...
        nulls = int(obj.isna().sum())
        if not nulls:
            return obj.to_numpy(dtype=numpy_dtype), False
        need_copy(f"the pandas {dtype} data holds {nulls} missing values, which become NaN", copy)
        wide = numpy_dtype if numpy_dtype.kind in "fc" else np.dtype("float64")
        return obj.to_numpy(dtype=wide, na_value=np.nan), True
    need_copy(f"pandas {dtype} data has no NumPy memory layout", copy)
    return np.asarray(obj), True


def _frame_native(df: Any, copy: bool | None) -> tuple[Any, bool]:
    ncols = df.shape[1]
    if ncols == 0:
        return np.empty((len(df), 0)), False
    cols = [df.iloc[:, j] for j in range(ncols)]
    why = (
        f"a 2-D matrix from {ncols} pandas columns that are not one block "
        f"(dtypes {sorted({str(c.dtype) for c in cols})}) is copied into one block"
    )
    if all(isinstance(c.dtype, np.dtype) for c in cols) and len({c.dtype for c in cols}) == 1:
        out = df.to_numpy()
        if np.shares_memory(out, cols[0].to_numpy()):  # one block: pandas hands out a view
            return out, False
        need_copy(why, copy)
        return out, True
    if ncols == 1:
        one, copied = _values_native(cols[0], copy)
        return one.reshape(-1, 1), copied
    need_copy(why, copy)
    from ._arrow import stack_columns

    return stack_columns([_values_native(c, None)[0] for c in cols], order="F"), True
