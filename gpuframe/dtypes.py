"""gpuframe dtypes: NumPy dtypes for numbers, bools and times, plus ``str`` and ``category``.

- bool, int8..int64, uint8..uint64, float32/float64: ``numpy.dtype``.
- datetime64 and timedelta64 in s, ms, us or ns: ``numpy.dtype``.
- :class:`DatetimeTZDtype`: tz-aware datetimes (int64 UTC instants in the unit, plus the
  time zone), as pandas' ``datetime64[ns, Europe/Paris]``.
- :data:`string` (``StringDtype``): dictionary-encoded strings; ``"str"``, ``"string"``,
  ``str`` and ``object`` all mean it.
- :class:`CategoricalDtype`: pandas' categories and ``ordered``.

:func:`dtype` turns anything a pandas user writes (``"int64"``, ``np.float32``, ``"Int64"``,
``"category"``, ``pd.StringDtype()``, ...) into one of these.

Examples
--------
>>> dtype("Int64")
dtype('int64')
>>> dtype(str)
StringDtype()
>>> dtype("category")
CategoricalDtype(categories=None, ordered=False)
>>> dtype("datetime64[ms, Europe/Paris]")
datetime64[ms, Europe/Paris]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CategoricalDtype",
    "DatetimeTZDtype",
    "StringDtype",
    "dtype",
    "is_bool",
    "is_categorical",
    "is_datetime",
    "is_float",
    "is_integer",
    "is_numeric",
    "is_string",
    "is_timedelta",
    "is_temporal",
    "is_tz_aware",
    "string",
    "to_pandas_dtype",
]

_TIME_UNITS = ("s", "ms", "us", "ns")


class StringDtype:
    """Strings, dictionary-encoded: int32 codes on the device, sorted values on the host.

    Equal to ``"str"``, ``"string"``, ``str`` and to any other ``StringDtype``.
    """

    name = "str"
    kind = "T"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StringDtype):
            return True
        if other is str:
            return True
        if isinstance(other, str):
            return other in ("str", "string")
        return isinstance(other, pd.StringDtype)

    def __hash__(self) -> int:
        return hash("gpuframe.str")

    def __repr__(self) -> str:
        return "StringDtype()"

    def __str__(self) -> str:
        return "str"


string = StringDtype()


class CategoricalDtype:
    """pandas' categorical dtype: ``categories`` (a pandas Index, or None) and ``ordered``.

    Examples
    --------
    >>> CategoricalDtype(["a", "b"], ordered=True) == "category"
    True
    """

    kind = "C"
    name = "category"

    def __init__(self, categories: Any = None, ordered: bool = False) -> None:
        self.categories = None if categories is None else pd.Index(categories)
        self.ordered = bool(ordered)
        self._unique: bool | None = None  # categories checked for duplicates (once)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return other == "category"
        if isinstance(other, pd.CategoricalDtype):
            other = CategoricalDtype(other.categories, other.ordered)
        if not isinstance(other, CategoricalDtype):
            return False
        if self.categories is None or other.categories is None:
            return self.categories is None and other.categories is None
        return self.ordered == other.ordered and self.categories.equals(other.categories)

    def __hash__(self) -> int:
        return hash(("category", self.ordered))

    def __repr__(self) -> str:
        cats = None if self.categories is None else list(self.categories)
        return f"CategoricalDtype(categories={cats}, ordered={self.ordered})"

    def __str__(self) -> str:
        return "category"

    def to_pandas(self) -> pd.CategoricalDtype:
        """pandas' dtype, over a new Index that shares the categories' memory.

        pandas' constructor checks the categories for duplicates through the Index's hash
        table, which it then caches on that Index: for this dtype's own Index (shared by
        every column and frame of the dtype) that kept one Python string per category
        alive, about 100 bytes each, as long as the columns lived. The check runs once
        per dtype (through Arrow for Arrow-backed categories) and caches only its answer;
        the pandas dtype gets an Index of its own.

        Examples
        --------
        >>> d = CategoricalDtype(["b", "a"], ordered=True)
        >>> d.to_pandas()
        CategoricalDtype(categories=['b', 'a'], ordered=True, categories_dtype=str)
        >>> "_engine" in d.categories._cache
        False
        """
        cats = self.categories
        if cats is None:
            return pd.CategoricalDtype(None, ordered=self.ordered)
        if getattr(self, "_unique", None) is None:  # (dtypes unpickled from older versions)
            if bool(pd.Index(cats.array, dtype=cats.dtype, copy=False).hasnans):
                raise ValueError("Categorical categories cannot be null")
            self._unique = _unique_values(cats)
        if not self._unique:
            raise ValueError("Categorical categories must be unique")
        own = pd.Index(cats.array, dtype=cats.dtype, copy=False, name=cats.name)
        fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
        if fast is None:  # pragma: no cover - pandas without the (private) fast path
            return pd.CategoricalDtype(own, ordered=self.ordered)
        return fast(own, self.ordered)


class DatetimeTZDtype:
    """tz-aware datetimes, as pandas' ``DatetimeTZDtype``: ``unit`` and ``tz``.

    The column data are int64 instants since the epoch in UTC, in ``unit`` (as pandas and
    Arrow's ``timestamp(unit, tz=...)``); the time zone only changes how the instants read
    (fields, formatting). ``str(dtype)`` is pandas' (``datetime64[ns, Europe/Paris]``) and the
    dtype equals the pandas dtype and its name.

    ``kind`` is ``"M"`` and ``dtype``/``base`` is the naive ``datetime64[unit]`` of the
    instants, so NumPy (``np.dtype(d)``, ``arr.view(d)``) reads the data as naive UTC
    datetimes; gpuframe code that must keep the zone checks :func:`is_tz_aware`. For the
    same reason ``np.dtype("datetime64[ns]") == d`` is True (NumPy converts ``d``) while
    ``d == np.dtype("datetime64[ns]")`` is False: compare with the tz-aware dtype on the left.

    Examples
    --------
    >>> d = DatetimeTZDtype("ms", "Europe/Paris")
    >>> str(d), d.unit, str(d.tz)
    ('datetime64[ms, Europe/Paris]', 'ms', 'Europe/Paris')
    >>> d == pd.DatetimeTZDtype("ms", "Europe/Paris"), d == "datetime64[ms, Europe/Paris]"
    (True, True)
    >>> DatetimeTZDtype("s", "+05:30")
    datetime64[s, UTC+05:30]
    """

    kind = "M"
    itemsize = 8
    type = np.datetime64

    def __init__(self, unit: Any = "ns", tz: Any = None) -> None:
        if isinstance(unit, pd.DatetimeTZDtype):
            unit, tz = unit.unit, unit.tz
        if unit not in _TIME_UNITS:
            raise TypeError(
                f"DatetimeTZDtype: `unit` must be one of {_TIME_UNITS}; received {unit!r}"
            )
        if tz is None:
            raise TypeError("DatetimeTZDtype: `tz` is required (a time zone name or tzinfo)")
        try:
            pdt = pd.DatetimeTZDtype(unit, tz)
        except Exception as e:  # pandas raises several types for a bad zone
            raise TypeError(f"DatetimeTZDtype: unknown time zone `tz`={tz!r}: {e}") from e
        self._pd = pdt
        self.unit: str = unit
        self.tz: Any = pdt.tz
        self.base = self.dtype = np.dtype(f"datetime64[{unit}]")
        self.str = self.base.str

    @property
    def name(self) -> str:
        return str(self._pd)

    def to_pandas(self) -> pd.DatetimeTZDtype:
        """pandas' ``DatetimeTZDtype`` of the same unit and zone."""
        return self._pd

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DatetimeTZDtype):
            return bool(self._pd == other._pd)
        if isinstance(other, (pd.DatetimeTZDtype, str)):
            try:
                return bool(self._pd == other)
            except (TypeError, ValueError):
                return False
        return False

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(("datetimetz", self.unit, str(self.tz)))

    def __repr__(self) -> str:
        return str(self._pd)

    def __str__(self) -> str:
        return str(self._pd)

    def __reduce__(self) -> Any:
        return (DatetimeTZDtype, (self.unit, self.tz))


def _unique_values(index: pd.Index) -> bool:
    """True when ``index`` holds no value twice, without caching a hash table on it."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = getattr(index.array, "_pa_array", None)
        if isinstance(arr, (pa.Array, pa.ChunkedArray)):
            return bool(pc.count_distinct(arr, mode="all").as_py() == len(arr))
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass
    return bool(
        pd.Index(index.array, dtype=index.dtype, copy=False).is_unique
    )  # a throwaway Index's table


GfDtype = "np.dtype | StringDtype | CategoricalDtype"


def dtype(obj: Any) -> np.dtype | StringDtype | CategoricalDtype | DatetimeTZDtype:
    """The gpuframe dtype for ``obj`` (a name, a type, a NumPy/pandas/Arrow dtype).

    pandas' nullable dtypes map to their NumPy twin (``"Int64"`` -> int64); whether a
    column can hold nulls is a property of the column (its mask), not of its dtype.

    Raises ``TypeError`` for dtypes gpuframe does not hold (complex, object of non-strings,
    ...). tz-aware datetimes (pandas' ``DatetimeTZDtype``, ``"datetime64[ns, UTC]"``, Arrow
    ``timestamp(unit, tz=...)``) give a :class:`DatetimeTZDtype`.

    Examples
    --------
    >>> dtype("float32")
    dtype('float32')
    >>> dtype("datetime64[ms]")
    dtype('<M8[ms]')
    """
    if isinstance(obj, (StringDtype, CategoricalDtype, DatetimeTZDtype)):
        return obj
    if isinstance(obj, str) and obj.startswith("datetime64[") and "," in obj:
        try:
            obj = pd.api.types.pandas_dtype(obj)
        except (TypeError, ValueError) as e:
            raise TypeError(f"dtype: cannot interpret {obj!r} as a dtype: {e}") from e
    if obj is str or (isinstance(obj, str) and obj in ("str", "string", "object", "O")):
        return string
    if obj is object:
        return string
    if isinstance(obj, str) and obj == "category":
        return CategoricalDtype()
    if isinstance(obj, str) and obj in _PANDAS_NAMES:
        obj = pd.api.types.pandas_dtype(obj)
    if isinstance(obj, pd.CategoricalDtype):
        return CategoricalDtype(obj.categories, obj.ordered)
    if isinstance(obj, pd.StringDtype):
        return string
    if isinstance(obj, pd.DatetimeTZDtype):
        if obj.unit not in _TIME_UNITS:
            raise TypeError(f"dtype: time unit must be one of {_TIME_UNITS}; received {obj}")
        return DatetimeTZDtype(obj.unit, obj.tz)
    if isinstance(obj, pd.ArrowDtype):
        return _from_arrow_type(obj.pyarrow_dtype)
    numpy_dtype = getattr(obj, "numpy_dtype", None)
    if isinstance(obj, pd.api.extensions.ExtensionDtype) and numpy_dtype is not None:
        return dtype(numpy_dtype)
    if type(obj).__module__.startswith("pyarrow"):
        return _from_arrow_type(obj)
    try:
        out = np.dtype(obj)
    except TypeError as e:
        raise TypeError(f"dtype: cannot interpret {obj!r} as a dtype") from e
    if out.kind == "O":
        return string
    if out.kind in "US":
        return string
    if out.kind not in "biufmM":
        raise TypeError(
            f"dtype: {out} is not supported (bool, int, uint, float, datetime64, "
            f"timedelta64, str, category); received {obj!r}"
        )
    if out.kind in "mM":
        unit = np.datetime_data(out)[0]
        if unit not in _TIME_UNITS:
            raise TypeError(f"dtype: time unit must be one of {_TIME_UNITS}; received {out}")
    if out.kind == "f" and out.itemsize == 2:
        raise TypeError(f"dtype: float16 is not supported; received {obj!r}")
    return out


def _from_arrow_type(t: Any) -> np.dtype | StringDtype | CategoricalDtype | DatetimeTZDtype:
    import pyarrow as pa

    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return string
    if pa.types.is_dictionary(t):
        if pa.types.is_string(t.value_type) or pa.types.is_large_string(t.value_type):
            return CategoricalDtype(None, t.ordered)
        return CategoricalDtype(None, t.ordered)
    if pa.types.is_timestamp(t):
        if t.tz is not None:
            return DatetimeTZDtype(t.unit, t.tz)
        return np.dtype(f"datetime64[{t.unit}]")
    if pa.types.is_duration(t):
        return np.dtype(f"timedelta64[{t.unit}]")
    if pa.types.is_date(t):
        return np.dtype("datetime64[s]") if pa.types.is_date32(t) else np.dtype("datetime64[ms]")
    if pa.types.is_null(t):
        return np.dtype("float64")
    try:
        return dtype(t.to_pandas_dtype())
    except (NotImplementedError, TypeError) as e:
        raise TypeError(f"dtype: Arrow type {t} is not supported") from e


def is_string(d: Any) -> bool:
    return isinstance(d, StringDtype)


def is_categorical(d: Any) -> bool:
    return isinstance(d, CategoricalDtype)


def _kind(d: Any) -> str:
    if isinstance(d, DatetimeTZDtype):
        return "M"
    return d.kind if isinstance(d, np.dtype) else ""


def is_bool(d: Any) -> bool:
    return _kind(d) == "b"


def is_integer(d: Any) -> bool:
    return _kind(d) in ("i", "u")


def is_float(d: Any) -> bool:
    return _kind(d) == "f"


def is_numeric(d: Any) -> bool:
    """bool, integer or float."""
    return _kind(d) in ("b", "i", "u", "f")


def is_datetime(d: Any) -> bool:
    return _kind(d) == "M"


def is_timedelta(d: Any) -> bool:
    return _kind(d) == "m"


def is_temporal(d: Any) -> bool:
    return _kind(d) in ("M", "m")


def is_tz_aware(d: Any) -> bool:
    """True for a tz-aware datetime dtype (:class:`DatetimeTZDtype`).

    Examples
    --------
    >>> is_tz_aware(dtype("datetime64[ns, UTC]")), is_tz_aware(np.dtype("datetime64[ns]"))
    (True, False)
    """
    return isinstance(d, DatetimeTZDtype)


_PANDAS_NAMES = frozenset(
    [
        "Int8",
        "Int16",
        "Int32",
        "Int64",
        "UInt8",
        "UInt16",
        "UInt32",
        "UInt64",
        "Float32",
        "Float64",
        "boolean",
    ]
)

_NULLABLE = {
    "b": "boolean",
    "i1": "Int8",
    "i2": "Int16",
    "i4": "Int32",
    "i8": "Int64",
    "u1": "UInt8",
    "u2": "UInt16",
    "u4": "UInt32",
    "u8": "UInt64",
    "f4": "Float32",
    "f8": "Float64",
}


def to_pandas_dtype(d: Any, *, nullable: bool = False) -> Any:
    """The pandas dtype a column of dtype ``d`` becomes (``nullable``: it has a mask).

    Examples
    --------
    >>> to_pandas_dtype(np.dtype("int32"), nullable=True)
    Int32Dtype()
    """
    if isinstance(d, StringDtype):
        return pd.StringDtype(na_value=np.nan)
    if isinstance(d, (CategoricalDtype, DatetimeTZDtype)):
        return d.to_pandas()
    if nullable:
        key = "b" if d.kind == "b" else f"{d.kind}{d.itemsize}"
        if key in _NULLABLE:
            return pd.api.types.pandas_dtype(_NULLABLE[key])
    return d
