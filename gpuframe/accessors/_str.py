"""``Series.str``: vectorised string functions over dictionary-encoded ``str`` columns.

Every method maps the dictionary of distinct values (see :mod:`._string_ops`) and gathers or
remaps on the device, so its cost grows with the number of distinct strings, not with the
number of rows. Names, arguments, results and dtypes follow pandas 3 (``str`` dtype): string
results are ``str``, bool results are ``bool`` (a missing value gives ``na``, default
False), int results are ``int64``, or ``float64`` with NaN when a value is missing.

Regular expressions follow Python's ``re`` exactly as pandas does: the pattern runs through
pandas' own Arrow-backed string methods on the dictionary, which use ``pyarrow.compute`` (RE2)
where it agrees with ``re`` and Python's ``re``, one call per distinct value, where it does
not (backreferences, lookarounds, Unicode classes).

Differences from pandas
-----------------------
- ``split(expand=False)``, ``rsplit(expand=False)``, ``findall`` and
  ``partition(expand=False)`` return a :class:`StringLists` (pandas: an object Series of
  lists, or of tuples for ``partition``); its ``.str[i]``, ``.str.get(i)``, ``.str.len()``
  and ``.str.join(sep)`` work as in pandas, but ``.str[i]`` gives a ``str`` column rather
  than ``object``, and :meth:`StringLists.to_pandas` gives pandas' object Series.
- ``findall`` with several capture groups (pandas: lists of tuples) raises
  ``NotImplementedError``; ``encode``/``decode`` raise ``NotImplementedError`` (no bytes
  dtype).
- ``cat(others)`` aligns by position, not by index (the lengths must match).
- On a categorical Series of strings the methods work on the categories as in pandas, but
  string results are ``str`` (pandas: ``object``). ``index``/``rindex`` only check the
  values rows hold (pandas also raises for an unused category), and ``get_dummies`` treats a
  categorical like a ``str`` Series (pandas makes a 'NaN' token of missing values and drops
  the '' token).
- Empty edge cases: ``extract`` of an empty Series keeps its index (pandas returns a
  RangeIndex); ``extractall`` without any match keeps int64 index levels (pandas: empty
  object levels); ``get_dummies`` with every value missing gives a frame without columns
  (pandas raises); ``partition(expand=False)`` with every value missing gives an object
  Series of NaN (pandas: float64).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from .. import dtypes as _dt
from ..column import Column, as_column
from . import _string_ops as ops
from . import _string_regex as rx
from ._accessor import column_of, wrap_column, wrap_columns

__all__ = ["StringLists", "StringMethods"]


def _check_na(na: Any, method: str) -> Any:
    if na is None or isinstance(na, bool):
        return na
    raise TypeError(f"str.{method}: `na` must be a bool or None; received {na!r}")


def _check_str_arg(value: Any, arg: str, method: str, *, tuple_ok: bool = False) -> None:
    if isinstance(value, str):
        return
    if tuple_ok and isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return
    expected = "a str or a tuple of str" if tuple_ok else "a str"
    raise TypeError(f"str.{method}: `{arg}` must be {expected}; received {value!r}")


def _check_int(value: Any, arg: str, method: str, *, optional: bool = False) -> None:
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"str.{method}: `{arg}` must be an int; received {value!r}")


def _check_bool(value: Any, arg: str, method: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"str.{method}: `{arg}` must be a bool; received {value!r}")


def _dummies_dtype(dtype: Any) -> np.dtype[Any]:
    if dtype is None:
        return np.dtype(np.int64)
    try:
        out = np.dtype(dtype)
    except TypeError as e:
        raise TypeError(
            f"str.get_dummies: `dtype` must be a NumPy bool/int/float dtype; received {dtype!r}"
        ) from e
    if out.kind not in "biuf":
        raise ValueError(
            f"str.get_dummies: `dtype` must be a NumPy bool/int/float dtype; received {dtype!r}"
        )
    return out


def _string_categories(col: Column) -> bool:
    if not _dt.is_categorical(col.dtype):
        return False
    cats = col.categories
    return cats is not None and (
        pa.types.is_string(cats.type) or pa.types.is_large_string(cats.type)
    )


_Str = str  # the builtin, for annotations inside classes that define a `str` method


class StringMethods:
    """Vectorised string functions for a ``str`` Series (``series.str``) or Column.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> col = as_column(["Apple", None, "banana split"])
    >>> StringMethods(col).upper().to_pandas().tolist()
    ['APPLE', nan, 'BANANA SPLIT']
    >>> StringMethods(col).contains("an").to_pandas().tolist()
    [False, False, True]
    >>> StringMethods(col).split(" ").str[0].to_pandas().tolist()
    ['Apple', nan, 'banana']
    """

    def __init__(self, owner: Any) -> None:
        col = column_of(owner)
        # a categorical of strings maps its categories like a str column maps its dictionary
        if not (_dt.is_string(col.dtype) or _string_categories(col)):
            raise AttributeError(
                f"Can only use .str accessor with string values; received dtype {col.dtype}"
            )
        self._owner = owner
        self._col = col

    # ------------------------------------------------------------------ plumbing
    def _wrap(self, col: Column) -> Any:
        return wrap_column(self._owner, col)

    def _apply(self, method: str, *args: Any, na: Any = None, **kwargs: Any) -> Any:
        return self._wrap(ops.apply(self._col, method, *args, na=na, **kwargs))

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            return self.slice(key.start, key.stop, key.step)
        return self.get(key)

    def __iter__(self) -> Any:
        raise TypeError("'StringMethods' object is not iterable")

    # ------------------------------------------------------------------ numbers
    def len(self) -> Any:
        """Number of characters (code points) of each value."""
        return self._apply("len")

    def count(self, pat: str, flags: int = 0) -> Any:
        """Number of non-overlapping matches of the regular expression ``pat``."""
        ops.check_regex(pat, flags, "count")
        return self._apply("count", pat, flags=flags)

    def find(self, sub: str, start: int = 0, end: int | None = None) -> Any:
        """Lowest index of ``sub`` in each value, -1 where absent."""
        _check_str_arg(sub, "sub", "find")
        return self._apply("find", sub, start, end)

    def rfind(self, sub: str, start: int = 0, end: int | None = None) -> Any:
        """Highest index of ``sub`` in each value, -1 where absent."""
        _check_str_arg(sub, "sub", "rfind")
        return self._apply("rfind", sub, start, end)

    def to_numeric(self, errors: str = "raise") -> Any:
        """The values parsed as numbers, as ``pandas.to_numeric`` (``errors``: raise|coerce)."""
        return self._wrap(ops.to_numeric(self._col, errors=errors))

    # ------------------------------------------------------------------ case / whitespace
    def lower(self) -> Any:
        return self._apply("lower")

    def upper(self) -> Any:
        return self._apply("upper")

    def title(self) -> Any:
        return self._apply("title")

    def capitalize(self) -> Any:
        return self._apply("capitalize")

    def swapcase(self) -> Any:
        return self._apply("swapcase")

    def casefold(self) -> Any:
        return self._apply("casefold")

    def strip(self, to_strip: str | None = None) -> Any:
        """Remove leading and trailing characters (whitespace by default)."""
        return self._apply("strip", to_strip)

    def lstrip(self, to_strip: str | None = None) -> Any:
        return self._apply("lstrip", to_strip)

    def rstrip(self, to_strip: str | None = None) -> Any:
        return self._apply("rstrip", to_strip)

    def removeprefix(self, prefix: str) -> Any:
        _check_str_arg(prefix, "prefix", "removeprefix")
        return self._apply("removeprefix", prefix)

    def removesuffix(self, suffix: str) -> Any:
        _check_str_arg(suffix, "suffix", "removesuffix")
        return self._apply("removesuffix", suffix)

    # ------------------------------------------------------------------ padding
    def zfill(self, width: int) -> Any:
        """Pad with '0' on the left to ``width`` characters (after a sign)."""
        _check_int(width, "width", "zfill")
        return self._apply("zfill", width)

    def pad(self, width: int, side: str = "left", fillchar: str = " ") -> Any:
        """Pad to ``width`` characters on ``side`` ('left', 'right' or 'both')."""
        _check_int(width, "width", "pad")
        if side not in ("left", "right", "both"):
            raise ValueError(
                f"str.pad: `side` must be 'left', 'right' or 'both'; received {side!r}"
            )
        _check_str_arg(fillchar, "fillchar", "pad")
        if len(fillchar) != 1:
            raise TypeError(f"str.pad: `fillchar` must be one character; received {fillchar!r}")
        return self._apply("pad", width, side=side, fillchar=fillchar)

    def center(self, width: int, fillchar: str = " ") -> Any:
        return self.pad(width, "both", fillchar)

    def ljust(self, width: int, fillchar: str = " ") -> Any:
        return self.pad(width, "right", fillchar)

    def rjust(self, width: int, fillchar: str = " ") -> Any:
        return self.pad(width, "left", fillchar)

    # ------------------------------------------------------------------ predicates
    def startswith(self, pat: str | tuple[str, ...], na: bool | None = None) -> Any:
        """True where the value starts with ``pat`` (a str or a tuple of str)."""
        _check_str_arg(pat, "pat", "startswith", tuple_ok=True)
        return self._apply("startswith", pat, na=_check_na(na, "startswith"))

    def endswith(self, pat: str | tuple[str, ...], na: bool | None = None) -> Any:
        """True where the value ends with ``pat`` (a str or a tuple of str)."""
        _check_str_arg(pat, "pat", "endswith", tuple_ok=True)
        return self._apply("endswith", pat, na=_check_na(na, "endswith"))

    def contains(
        self,
        pat: str | re.Pattern[str],
        case: bool = True,
        flags: int = 0,
        na: bool | None = None,
        regex: bool = True,
    ) -> Any:
        """True where ``pat`` (a regular expression unless ``regex=False``) occurs.

        Raises ``ValueError`` naming the pattern when it does not compile.
        """
        if regex:
            ops.check_regex(pat, flags, "contains")
        else:
            _check_str_arg(pat, "pat", "contains")
        return self._apply(
            "contains", pat, case=case, flags=flags, regex=regex, na=_check_na(na, "contains")
        )

    def match(
        self,
        pat: str | re.Pattern[str],
        case: bool | None = None,
        flags: int = 0,
        na: bool | None = None,
    ) -> Any:
        """True where the regular expression ``pat`` matches at the start of the value.

        ``case`` left unset follows ``flags`` (or the compiled pattern's flags), as pandas;
        ``case=True`` with ``re.IGNORECASE`` in ``flags`` raises ``ValueError``.

        Examples
        --------
        >>> import re
        >>> from gpuframe.column import as_column
        >>> acc = StringMethods(as_column(["Apple", None, "pear"]))
        >>> acc.match("a", flags=re.IGNORECASE).to_pandas().tolist()
        [True, False, False]
        """
        ops.check_regex(pat, flags, "match")
        kwargs: dict[str, Any] = {"flags": flags}
        if case is not None:
            kwargs["case"] = case
        return self._apply("match", pat, na=_check_na(na, "match"), **kwargs)

    def fullmatch(self, pat: str, case: bool = True, flags: int = 0, na: bool | None = None) -> Any:
        """True where the regular expression ``pat`` matches the whole value."""
        ops.check_regex(pat, flags, "fullmatch")
        return self._apply("fullmatch", pat, case=case, flags=flags, na=_check_na(na, "fullmatch"))

    def isdigit(self) -> Any:
        return self._apply("isdigit")

    def isalpha(self) -> Any:
        return self._apply("isalpha")

    def isalnum(self) -> Any:
        return self._apply("isalnum")

    def isnumeric(self) -> Any:
        return self._apply("isnumeric")

    def isdecimal(self) -> Any:
        return self._apply("isdecimal")

    def isspace(self) -> Any:
        return self._apply("isspace")

    def islower(self) -> Any:
        return self._apply("islower")

    def isupper(self) -> Any:
        return self._apply("isupper")

    def istitle(self) -> Any:
        return self._apply("istitle")

    # ------------------------------------------------------------------ transforms
    def replace(
        self,
        pat: str | re.Pattern[str] | dict[str, str],
        repl: str | Callable[[re.Match[str]], str] | None = None,
        n: int = -1,
        case: bool | None = None,
        flags: int = 0,
        regex: bool = False,
    ) -> Any:
        """Replace occurrences of ``pat`` (literal by default, as pandas) with ``repl``.

        ``repl`` may be a callable taking the match (``regex=True``); ``pat`` may be a dict
        ``{old: new}`` (then ``repl`` stays None), applied one pair after the other, as pandas.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> acc = StringMethods(as_column(["Apple", None, "ab"]))
        >>> acc.replace("a", "X", case=False).to_pandas().tolist()
        ['Xpple', nan, 'Xb']
        >>> acc.replace(r"[a-z]+", lambda m: m.group(0).upper(), regex=True).to_pandas().tolist()
        ['APPLE', nan, 'AB']
        >>> acc.replace({"p": "P", "b": ""}).to_pandas().tolist()
        ['APPle', nan, 'a']
        """
        _check_int(n, "n", "replace")
        if isinstance(pat, dict):
            if repl is not None:
                raise ValueError(
                    f"str.replace: `repl` must be None when `pat` is a dict; received {repl!r}"
                )
            for k, v in pat.items():
                _check_str_arg(k, "pat", "replace")
                _check_str_arg(v, "pat", "replace")
                if regex:
                    ops.check_regex(k, flags, "replace")
            return self._apply("replace", pat, n=n, case=case, flags=flags, regex=regex)
        if regex:
            ops.check_regex(pat, flags, "replace")
        elif not isinstance(pat, re.Pattern):
            _check_str_arg(pat, "pat", "replace")
        if not (callable(repl) or isinstance(repl, str)):
            raise TypeError(f"str.replace: `repl` must be a str or a callable; received {repl!r}")
        return self._apply("replace", pat, repl, n=n, case=case, flags=flags, regex=regex)

    def slice(
        self, start: int | None = None, stop: int | None = None, step: int | None = None
    ) -> Any:
        """Characters ``start:stop:step`` of each value."""
        for arg, v in (("start", start), ("stop", stop), ("step", step)):
            _check_int(v, arg, "slice", optional=True)
        if step == 0:
            raise ValueError("str.slice: `step` must not be zero; received step=0")
        return self._apply("slice", start, stop, step)

    def slice_replace(
        self, start: int | None = None, stop: int | None = None, repl: str = ""
    ) -> Any:
        return self._apply("slice_replace", start, stop, repl)

    def get(self, i: int) -> Any:
        """Character at position ``i`` (negative from the end); missing where out of range."""
        _check_int(i, "i", "get")
        return self._apply("get", i)

    def repeat(self, repeats: int) -> Any:
        _check_int(repeats, "repeats", "repeat")
        return self._apply("repeat", repeats)

    def normalize(self, form: str) -> Any:
        return self._apply("normalize", form)

    # ------------------------------------------------------------------ split / cat
    def split(
        self,
        pat: str | None = None,
        *,
        n: int = -1,
        expand: bool = False,
        regex: bool | None = None,
    ) -> Any:
        """Split each value around ``pat`` (whitespace by default).

        ``expand=True`` gives a DataFrame (a dict of Columns for a Column) with one ``str``
        column per part; otherwise a :class:`StringLists` whose ``.str[i]`` picks a part.
        """
        if pat is not None:
            _check_str_arg(pat, "pat", "split")
            if regex:
                ops.check_regex(pat, 0, "split")
        _check_int(n, "n", "split")
        lists = ops.split_lists(self._col, pat, n, regex)
        result = StringLists(self._owner, self._col, lists)
        return result.expand() if expand else result

    def rsplit(self, pat: str | None = None, *, n: int = -1, expand: bool = False) -> Any:
        """Split from the right (differs from ``split`` only when ``n`` is given)."""
        if pat is not None:
            _check_str_arg(pat, "pat", "rsplit")
        _check_int(n, "n", "rsplit")
        result = ops.dictionary_series(self._col).str.rsplit(pat, n=n)
        import pyarrow as pa

        lists = pa.array(result.tolist(), type=pa.list_(pa.string()))
        out = StringLists(self._owner, self._col, lists)
        return out.expand() if expand else out

    def cat(self, others: Any = None, sep: str | None = None, na_rep: str | None = None) -> Any:
        """Concatenate with ``others`` row by row, or all values into one str (no others)."""
        if sep is None:
            sep = ""
        _check_str_arg(sep, "sep", "cat")
        if na_rep is not None:
            _check_str_arg(na_rep, "na_rep", "cat")
        if others is None:
            return ops.join_all(self._col, sep, na_rep)
        if (
            isinstance(others, (list, tuple))
            and others
            and not all(isinstance(o, str) or o is None for o in others)
        ):
            cols = [self._other_column(o) for o in others]
        else:
            cols = [self._other_column(others)]
        return self._wrap(ops.cat(self._col, cols, sep, na_rep))

    def join(self, sep: _Str) -> Any:
        """The characters of each value joined with ``sep`` (as pandas on a ``str`` Series).

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["abc", None, ""])).join("-").to_pandas().tolist()
        ['a-b-c', nan, '']
        """
        _check_str_arg(sep, "sep", "join")
        return self._apply("join", sep)

    # ------------------------------------------------------------------ regex groups
    def extract(self, pat: _Str | re.Pattern[_Str], flags: int = 0, expand: bool = True) -> Any:
        """The capture groups of the first match of ``pat`` in each value.

        One ``str`` column per group, named by the group's name or number, missing where the
        value does not match; a DataFrame (a dict of Columns for a Column), or with
        ``expand=False`` and one group a Series named by the group (else the Series' name).
        Python ``re`` semantics (backreferences, lookarounds) as pandas.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series(["a1", "b", None, "c23"], dtype="str")
        >>> s.str.extract(r"(?P<letter>[a-z])(\\d)?").to_pandas()
          letter    1
        0      a    1
        1      b  NaN
        2    NaN  NaN
        3      c    2
        >>> s.str.extract(r"(\\d+)", expand=False).to_pandas().tolist()
        ['1', nan, nan, '23']
        """
        _check_bool(expand, "expand", "extract")
        regex = rx.check_groups(pat, flags, "extract")
        cols = rx.extract(self._col, pat, flags)
        if not expand and regex.groups == 1:
            only = next(iter(cols.values()))
            if isinstance(self._owner, Column):
                return only
            return wrap_column(
                self._owner, only, name=rx.single_group_name(regex, self._owner.name)
            )
        return wrap_columns(self._owner, cols)

    def extractall(self, pat: _Str | re.Pattern[_Str], flags: int = 0) -> Any:
        """Every match of ``pat`` in each value: one row per match, one column per group.

        The rows are indexed by a MultiIndex of the original label(s) and ``match`` (0, 1,
        ... within a value), as pandas; values without a match give no row. On a Column the
        first level is the row position.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series(["a1b2", None, "c3"], index=[10, 20, 30], dtype="str")
        >>> out = s.str.extractall(r"[a-z](?P<digit>\\d)")
        >>> out.index.to_pandas().tolist(), out["digit"].to_pandas().tolist()
        ([(10, 0), (10, 1), (30, 0)], ['1', '2', '3'])
        """
        rx.check_groups(pat, flags, "extractall")
        row, match, cols = rx.extractall(self._col, pat, flags)
        from .. import DataFrame  # type: ignore[attr-defined]
        from ..index import MultiIndex, RangeIndex

        index = RangeIndex(len(self._col)) if isinstance(self._owner, Column) else self._owner.index
        levels = [*index.take(row)._columns(), Column._from_parts(match)]
        names = [*index.names, "match"]
        return DataFrame._from_columns(cols, index=MultiIndex(levels, names=names))

    def findall(self, pat: _Str | re.Pattern[_Str], flags: int = 0) -> StringLists:
        """All non-overlapping matches of ``pat`` in each value, as a :class:`StringLists`.

        With one capture group the group's text is listed (as ``re.findall``).

        Differences from pandas: a pattern with several groups (pandas: lists of tuples)
        raises ``NotImplementedError``; use :meth:`extractall`.

        Examples
        --------
        >>> import gpuframe as gf
        >>> found = gf.Series(["a1b22", None, "x"], dtype="str").str.findall(r"\\d+")
        >>> found.to_pandas().tolist()
        [['1', '22'], nan, []]
        >>> found.str.len().to_pandas().tolist()
        [2.0, nan, 0.0]
        """
        regex = rx.check_groups(pat, flags, "findall", at_least=0)
        if regex.groups > 1:
            raise NotImplementedError(
                f"str.findall: `pat` {regex.pattern!r} has {regex.groups} capture groups; "
                "lists of tuples are not supported (use str.extractall)"
            )
        return StringLists(self._owner, self._col, rx.findall(self._col, pat, flags))

    # ------------------------------------------------------------------ partition
    def partition(self, sep: _Str = " ", expand: bool = True) -> Any:
        """Split each value at the first ``sep`` into (before, sep, after).

        ``expand=True``: a DataFrame of three ``str`` columns 0, 1, 2 (a dict of Columns for
        a Column); a value without ``sep`` gives (value, '', ''). ``expand=False``: a
        :class:`StringLists` whose :meth:`~StringLists.to_pandas` gives pandas' tuples.

        Examples
        --------
        >>> import gpuframe as gf
        >>> s = gf.Series(["a-b-c", "x", None], dtype="str")
        >>> s.str.partition("-").to_pandas().to_numpy().tolist()
        [['a', '-', 'b-c'], ['x', '', ''], [nan, nan, nan]]
        >>> s.str.rpartition("-").to_pandas()[0].tolist()
        ['a-b', '', nan]
        """
        return self._partition(sep, expand, right=False)

    def rpartition(self, sep: _Str = " ", expand: bool = True) -> Any:
        """Split each value at the last ``sep`` into (before, sep, after); see :meth:`partition`.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> parts = StringMethods(as_column(["a-b-c", "x"])).rpartition("-")
        >>> [c.to_pandas().tolist() for c in parts.values()]
        [['a-b', ''], ['-', ''], ['c', 'x']]
        """
        return self._partition(sep, expand, right=True)

    def _partition(self, sep: Any, expand: Any, *, right: bool) -> Any:
        method = "rpartition" if right else "partition"
        _check_str_arg(sep, "sep", method)
        if not sep:
            raise ValueError(f"str.{method}: `sep` must not be empty; received {sep!r}")
        _check_bool(expand, "expand", method)
        lists = ops.partition_lists(self._col, sep, right=right)
        out = StringLists(self._owner, self._col, lists, tuples=True)
        if not expand:
            return out
        # as pandas: all rows missing -> one all-missing column; no rows -> no column
        width = 3 if ops.used_codes(self._col).size else min(len(self._col), 1)
        return out.expand(width)

    # ------------------------------------------------------------------ index
    def index(self, sub: _Str, start: int = 0, end: int | None = None) -> Any:
        """Lowest index of ``sub`` in each value, as ``find``, but ``ValueError`` where absent.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["abcb", None])).index("b").to_pandas().tolist()
        [1.0, nan]
        >>> StringMethods(as_column(["abc", "x"])).index("b")
        Traceback (most recent call last):
        ...
        ValueError: str.index: substring `sub`='b' not found in 'x'
        """
        return self._index(sub, start, end, right=False)

    def rindex(self, sub: _Str, start: int = 0, end: int | None = None) -> Any:
        """Highest index of ``sub`` in each value, ``ValueError`` where absent.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["abcb", "b"])).rindex("b").to_pandas().tolist()
        [3, 0]
        """
        return self._index(sub, start, end, right=True)

    def _index(self, sub: Any, start: Any, end: Any, *, right: bool) -> Any:
        method = "rindex" if right else "index"
        _check_str_arg(sub, "sub", method)
        _check_int(start, "start", method)
        _check_int(end, "end", method, optional=True)
        col = ops.find_or_raise(self._col, sub, start, end, right=right, method=method)
        return self._wrap(col)

    # ------------------------------------------------------------------ dummies / misc
    def get_dummies(self, sep: _Str = "|", dtype: Any = None) -> Any:
        """One 0/1 column per distinct token of the values split at ``sep``, sorted by name.

        ``dtype`` (default int64) may be any NumPy bool, int, uint or float dtype; missing
        values are 0 everywhere. Returns a DataFrame (a dict of Columns for a Column).

        Differences from pandas: with every value missing gpuframe returns a frame with no
        columns (pandas raises); on a categorical Series a missing value is 0 everywhere and
        an empty string is the token '' as on a ``str`` Series (pandas' categorical path
        makes missing values a 'NaN' token and drops the '' token).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series(["a|b", None, "b"], dtype="str").str.get_dummies().to_pandas()
           a  b
        0  1  1
        1  0  0
        2  0  1
        """
        _check_str_arg(sep, "sep", "get_dummies")
        np_dtype = _dummies_dtype(dtype)
        return wrap_columns(self._owner, ops.get_dummies(self._col, sep, np_dtype))

    def translate(self, table: dict[Any, Any]) -> Any:
        """Map characters through ``table`` (as ``str.translate``; see ``str.maketrans``).

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> table = str.maketrans({"a": "4", "e": None})
        >>> StringMethods(as_column(["apple", None])).translate(table).to_pandas().tolist()
        ['4ppl', nan]
        """
        if not isinstance(table, dict):
            raise TypeError(
                "str.translate: `table` must be a dict (see str.maketrans); "
                f"received {type(table).__name__}"
            )
        return self._apply("translate", table)

    def wrap(
        self,
        width: int,
        expand_tabs: bool = True,
        tabsize: int = 8,
        replace_whitespace: bool = True,
        drop_whitespace: bool = True,
        initial_indent: _Str = "",
        subsequent_indent: _Str = "",
        fix_sentence_endings: bool = False,
        break_long_words: bool = True,
        break_on_hyphens: bool = True,
        max_lines: int | None = None,
        placeholder: _Str = " [...]",
    ) -> Any:
        """Wrap each value into lines of at most ``width`` characters joined by newlines.

        The arguments are those of :class:`textwrap.TextWrapper`, as pandas.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["line to wrap", None])).wrap(6).to_pandas().tolist()
        ['line\\nto\\nwrap', nan]
        """
        _check_int(width, "width", "wrap")
        if width <= 0:
            raise ValueError(f"str.wrap: `width` must be > 0; received {width!r}")
        _check_int(tabsize, "tabsize", "wrap")
        _check_int(max_lines, "max_lines", "wrap", optional=True)
        for arg, v in (
            ("initial_indent", initial_indent),
            ("subsequent_indent", subsequent_indent),
            ("placeholder", placeholder),
        ):
            _check_str_arg(v, arg, "wrap")
        return self._apply(
            "wrap",
            width,
            expand_tabs=expand_tabs,
            tabsize=tabsize,
            replace_whitespace=replace_whitespace,
            drop_whitespace=drop_whitespace,
            initial_indent=initial_indent,
            subsequent_indent=subsequent_indent,
            fix_sentence_endings=fix_sentence_endings,
            break_long_words=break_long_words,
            break_on_hyphens=break_on_hyphens,
            max_lines=max_lines,
            placeholder=placeholder,
        )

    def encode(self, encoding: _Str, errors: _Str = "strict") -> Any:
        """Not supported: gpuframe has no bytes dtype (pandas gives an object Series of bytes).

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["a"])).encode("utf-8")
        Traceback (most recent call last):
        ...
        NotImplementedError: str.encode: gpuframe has no bytes dtype ...
        """
        raise NotImplementedError(
            f"str.encode: gpuframe has no bytes dtype (encoding={encoding!r}); "
            "convert with to_pandas().str.encode(...)"
        )

    def decode(self, encoding: _Str, errors: _Str = "strict", dtype: Any = None) -> Any:
        """Not supported: gpuframe has no bytes dtype to decode from.

        Examples
        --------
        >>> from gpuframe.column import as_column
        >>> StringMethods(as_column(["a"])).decode("utf-8")
        Traceback (most recent call last):
        ...
        NotImplementedError: str.decode: gpuframe has no bytes dtype ...
        """
        raise NotImplementedError(
            f"str.decode: gpuframe has no bytes dtype (encoding={encoding!r}); a str Series "
            "holds decoded text already"
        )

    def _other_column(self, other: Any) -> Column:
        if isinstance(other, Column):
            col = other
        else:
            try:
                col = column_of(other)
            except TypeError:
                col = as_column(other if not isinstance(other, tuple) else list(other))
        if not _dt.is_string(col.dtype):
            raise TypeError(f"str.cat: `others` must hold strings; received dtype {col.dtype}")
        if len(col) != len(self._col):
            raise ValueError(
                f"str.cat: `others` has length {len(col)}, the series has {len(self._col)}"
            )
        return col.to_device(self._col.device)


class StringLists:
    """A list of strings per row, kept per dictionary entry: the result of ``str.split()``,
    ``str.rsplit()``, ``str.findall()`` and ``str.partition(expand=False)``.

    Use ``.str[i]``/``.str.get(i)`` for a part, ``.str.len()``, ``.str.join(sep)``, or
    :meth:`to_pandas` for pandas' object Series of lists (of tuples after ``partition``).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> parts = StringMethods(as_column(["a b", None, "c"])).split()
    >>> parts.str[0].to_pandas().tolist(), parts.str.len().to_pandas().tolist()
    (['a', nan, 'c'], [2.0, nan, 1.0])
    >>> parts.to_pandas().tolist()
    [['a', 'b'], nan, ['c']]
    """

    def __init__(self, owner: Any, col: Column, lists: Any, *, tuples: bool = False) -> None:
        self._owner = owner
        self._col = col
        self._lists = lists
        self._tuples = tuples

    @property
    def str(self) -> StringLists:
        return self

    def __len__(self) -> int:
        return len(self._col)

    def __getitem__(self, i: int) -> Any:
        return self.get(i)

    def get(self, i: int) -> Any:
        """Part ``i`` of every row (negative from the end); missing where out of range."""
        _check_int(i, "i", "get")
        values = ops.list_element(self._lists, i)
        return wrap_column(self._owner, ops.from_dictionary_strings(self._col, values))

    def len(self) -> Any:
        """Number of parts of each row (NaN for a missing row)."""
        return wrap_column(
            self._owner, ops.from_dictionary_numbers(self._col, ops.list_lengths(self._lists))
        )

    def join(self, sep: _Str) -> Any:
        """The parts of each row joined with ``sep``."""
        _check_str_arg(sep, "sep", "join")
        values = ops.list_join(self._lists, sep)
        return wrap_column(self._owner, ops.from_dictionary_strings(self._col, values))

    def expand(self, width: int | None = None) -> Any:
        """One ``str`` column per part (``width`` of them; default: the longest row's count),
        as ``split(expand=True)``."""
        if width is None:
            used = ops.used_codes(self._col)
            lengths = ops.list_lengths(self._lists)
            width = int(lengths[used].max()) if used.size else 0
            if not used.size and len(self._col):
                width = 1  # all rows missing: one all-missing column, as pandas
        cols = {
            i: ops.from_dictionary_strings(self._col, ops.list_element(self._lists, i))
            for i in range(width)
        }
        return wrap_columns(self._owner, cols)

    def to_pandas(self) -> Any:
        """pandas' result: an object Series of lists (NaN for a missing row)."""
        import pandas as pd

        from ..backend import to_host

        codes = to_host(self._col.codes)
        per_entry = self._lists.to_pylist()
        table = np.empty(len(per_entry) + 1, dtype=object)  # slot -1: a missing row
        for i, parts in enumerate(per_entry):  # one per distinct value, not per row
            table[i] = tuple(parts) if self._tuples else parts
        table[-1] = np.nan
        values = table[codes]
        if not isinstance(self._owner, Column):
            index = self._owner.index
            index = index.to_pandas() if hasattr(index, "to_pandas") else index
            return pd.Series(values, index=index, name=self._owner.name, dtype=object)
        return pd.Series(values, dtype=object)
