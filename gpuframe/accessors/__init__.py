"""The ``.str`` and ``.dt`` accessors of Series, and their Column-level functions.

Each accessor wraps one Column: given a Column it returns Columns, given a Series it returns
Series with the same index and name. Attach them to a class with :class:`CachedAccessor`::

    str = CachedAccessor("str", StringMethods)
    dt = CachedAccessor("dt", dt_accessor)

String methods map the dictionary of distinct values (``str`` columns are dictionary
encoded); datetime fields are integer arithmetic on the device.
"""

from __future__ import annotations

# Plumbing
from ._accessor import CachedAccessor

# Datetime / timedelta
from ._datetime_ops import binary_op as datetime_binary_op
from ._dt import DatetimeMethods, TimedeltaMethods, dt_accessor

# Strings
from ._str import StringLists, StringMethods
from ._string_ops import to_numeric

__all__ = [
    # Plumbing
    "CachedAccessor",
    # Datetime / timedelta
    "DatetimeMethods",
    "TimedeltaMethods",
    "datetime_binary_op",
    "dt_accessor",
    # Strings
    "StringLists",
    "StringMethods",
    "to_numeric",
]
