"""Columns: the immutable 1-D building block of Series, Index and DataFrame.

A :class:`Column` holds a 1-D device array ``data`` (NumPy on the CPU, CuPy on the GPU), an
optional validity mask ``mask`` and a ``dtype``. It is built only through the factories
below; every operation returns a new column.

Missing values
--------------
The representation follows pandas' own, so pandas and Arrow round-trip exactly:

==================  ==========================================  ========================
dtype               missing value                               ``to_pandas`` dtype
==================  ==========================================  ========================
float32/64          NaN in ``data`` (``isna`` is true for NaN)  float64 (``Float64`` if
                                                                the column has a mask)
int, uint, bool     ``mask`` False (``data`` holds 0/False)     int64 / ``Int64`` when
                                                                the column has a mask
datetime64,         NaT in ``data``                             datetime64 / timedelta64
timedelta64
str                 code -1                                     ``str`` (pandas 3)
category            code -1                                     ``category``
==================  ==========================================  ========================

On a device library without datetime64/timedelta64 (CuPy), a temporal column's ``data``
holds the int64 ticks (NaT = int64 min) and ``dtype`` says what they mean; NumPy keeps
datetime64 arrays. Code reads ticks with ``data.view(numpy.int64)`` on both.

A column has a mask when it came from a pandas nullable dtype (``Int64``, ``boolean``,
``Float64``), from an Arrow integer/bool array with nulls, or from an operation on such a
column; its presence (even all True) is what makes ``to_pandas`` return the nullable dtype,
as pandas keeps ``Int64`` after every operation. Arrow float nulls become NaN, and
``to_arrow`` writes NaN/NaT as nulls (as ``pyarrow.Array.from_pandas`` does).

Strings are dictionary-encoded: ``data`` holds int32 codes on the device and
``categories`` (alias ``dictionary``) the SORTED distinct values as a host
``pyarrow.StringArray``, so comparing and sorting codes compares strings. The dictionary may
hold values no row uses after a ``take``/``filter``. ``category`` columns keep pandas'
categories (in pandas' order) in ``categories`` and in ``dtype.categories``.

API
---
Factories: :func:`as_column`, :func:`column_empty`, :func:`column_full`,
``Column.from_arrow``, ``Column.from_pandas``; :func:`concat_columns` (unifies string
dictionaries).

Column: ``data``, ``mask``, ``dtype``, ``categories``, ``codes``, ``device``, ``nbytes``,
``null_count``, ``len()``; ``take(indices, nullify=False)``, ``filter(bool_mask)``
(``apply_boolean_mask``), ``slice``, ``isnull``/``notnull`` (bool columns),
``null_array``/``valid_array`` (raw device bool arrays), ``fillna``, ``astype``, ``copy``,
``to_device``, ``to_host_array``, ``to_arrow``, ``to_pandas``.

Examples
--------
>>> col = as_column(["b", None, "a"])
>>> col.codes.tolist(), col.categories.to_pylist()
([1, -1, 0], ['a', 'b'])
>>> as_column([1, 2]).take([1, -1], nullify=True).to_pandas().tolist()
[2.0, nan]
"""

from __future__ import annotations

from ._cast import concat_columns
from ._column import Column
from ._convert import as_column, column_empty, column_full, from_arrow, from_pandas

__all__ = [
    "Column",
    "as_column",
    "column_empty",
    "column_full",
    "concat_columns",
    "from_arrow",
    "from_pandas",
]
