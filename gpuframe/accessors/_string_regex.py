"""Regular-expression groups of ``str`` Columns: ``extract``, ``extractall``, ``findall``.

As everywhere in :mod:`._string_ops`, the pattern runs over the DICTIONARY of distinct
values, never over the rows: pandas' Arrow-backed string methods on the dictionary (which use
``pyarrow.compute`` where RE2 agrees with Python's ``re`` and fall back to ``re``, one call
per distinct value, where it does not: backreferences, lookarounds, Unicode classes). The rows
then gather their entry's result by code on the device, so the host work is proportional to
the number of distinct values, and the row work is one device gather per result column.

``extractall`` produces a variable number of rows per input row; the output rows are laid out
on the device from the per-entry match counts (a prefix sum over the rows, then a
``searchsorted`` per output row, or ``numpy.repeat`` on the CPU).

Inputs are validated by :func:`check_groups` (called by the accessor) and the accessor.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pyarrow as pa

from .. import dtypes as _dt
from ..backend import is_numpy
from ..column import Column, _strings
from ._string_ops import (
    device_table,
    dictionary_series,
    from_dictionary_strings,
    lookup_codes,
    used_codes,
)

__all__ = ["check_groups", "extract", "extractall", "findall", "single_group_name"]


def check_groups(pat: Any, flags: Any, method: str, *, at_least: int = 1) -> re.Pattern[str]:
    """The compiled pattern; raises a typed error naming ``pat``/``flags`` when unusable.

    ``TypeError`` for a ``pat`` that is not a str or compiled pattern, or non-int ``flags``;
    ``ValueError`` for a pattern that does not compile or has no capture group.

    Examples
    --------
    >>> check_groups(r"(?P<a>\\d)(x)", 0, "extract").groups
    2
    """
    if isinstance(flags, bool) or not isinstance(flags, (int, re.RegexFlag)):
        raise TypeError(f"str.{method}: `flags` must be an int; received {flags!r}")
    if isinstance(pat, re.Pattern):
        if flags:
            raise ValueError(
                f"str.{method}: `flags` cannot be set with a compiled pattern; "
                f"received flags={flags!r}"
            )
        regex = pat
    elif isinstance(pat, str):
        try:
            regex = re.compile(pat, flags)
        except re.error as e:
            raise ValueError(
                f"str.{method}: `pat` {pat!r} is not a valid regular expression: {e}"
            ) from e
    else:
        raise TypeError(
            f"str.{method}: `pat` must be a str or a compiled pattern; "
            f"received {type(pat).__name__}"
        )
    if regex.groups < at_least:
        raise ValueError(
            f"str.{method}: `pat` {regex.pattern!r} contains no capture groups "
            "(wrap the part to extract in parentheses)"
        )
    return regex


def _column_names(regex: re.Pattern[str]) -> list[Any]:
    """pandas' result column names: the group's name where it has one, else its number."""
    names = {v: k for k, v in regex.groupindex.items()}
    return [names.get(1 + i, i) for i in range(regex.groups)]


def _compiled(pat: Any, flags: int) -> re.Pattern[str]:
    return pat if isinstance(pat, re.Pattern) else re.compile(pat, flags)


def extract(col: Column, pat: Any, flags: int = 0) -> dict[Any, Column]:
    """The groups of the first match of ``pat`` in each row: one ``str`` column per group.

    A row without a match (or a missing row) is missing in every column.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> out = extract(as_column(["a1", None, "b", "c22"]), r"([a-z])(\\d)")
    >>> [c.to_pandas().tolist() for c in out.values()]
    [['a', nan, nan, 'c'], ['1', nan, nan, '2']]
    """
    regex = _compiled(pat, flags)
    per_entry = dictionary_series(col).str.extract(pat, flags=flags, expand=True)
    return {
        name: from_dictionary_strings(col, pa.array(per_entry.iloc[:, i].array, pa.string()))
        for i, name in enumerate(_column_names(regex))
    }


def extractall(col: Column, pat: Any, flags: int = 0) -> tuple[Any, Any, dict[Any, Column]]:
    """Every match of ``pat`` in every row: ``(row, match, columns)``.

    ``row`` (the position of the input row) and ``match`` (0, 1, ... within the row) are
    int64 device arrays, one entry per output row, ordered by row then match; ``columns``
    holds one ``str`` column per group (missing where a group did not take part).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> row, match, cols = extractall(as_column(["a1b2", None, "c3"]), r"(\\d)")
    >>> row.tolist(), match.tolist(), cols[0].to_pandas().tolist()
    ([0, 0, 2], [0, 1, 0], ['1', '2', '3'])
    """
    xp = col.xp
    names = _column_names(_compiled(pat, flags))
    n_entries = 0 if col.categories is None else len(col.categories)
    used = used_codes(col)
    matches = dictionary_series(col).take(used).reset_index(drop=True)
    matches = matches.str.extractall(pat, flags=flags)
    entry = used[np.asarray(matches.index.get_level_values(0), dtype=np.int64)]
    counts = np.bincount(entry, minlength=n_entries).astype(np.int64)
    offsets = np.cumsum(counts) - counts  # first flat match of each entry

    per_row = lookup_codes(col, counts, 0)  # matches per row (0 for a missing row)
    if is_numpy(xp):
        row = np.repeat(np.arange(len(col), dtype=np.int64), per_row)
        first = (np.cumsum(per_row) - per_row)[row]
    else:
        ends = xp.cumulative_sum(per_row) if len(col) else xp.zeros(0, dtype=xp.int64)
        total = int(ends[-1]) if len(col) else 0
        out_pos = xp.arange(total, dtype=xp.int64)
        row = xp.astype(xp.searchsorted(ends, out_pos, side="right"), xp.int64)
        first = xp.take(ends - per_row, row)
    match = xp.arange(row.shape[0], dtype=xp.int64) - first
    codes = xp.take(col.codes, row) if row.shape[0] else xp.zeros(0, dtype=col.codes.dtype)
    flat = xp.take(device_table(col, offsets), xp.astype(codes, xp.int64)) + match

    columns: dict[Any, Column] = {}
    for i, name in enumerate(names):
        values = pa.array(matches.iloc[:, i].array, type=pa.string())
        flat_codes, dictionary = _strings.encode(values)
        table = device_table(col, flat_codes.astype(np.int32))
        out = xp.take(table, flat) if row.shape[0] else xp.zeros(0, dtype=xp.int32)
        columns[name] = Column._from_parts(out, None, _dt.string, dictionary)
    return row, match, columns


def findall(col: Column, pat: Any, flags: int = 0) -> pa.ListArray:
    """All non-overlapping matches of ``pat`` in each dictionary entry, as Arrow lists.

    With no group a match is the matched text, with one group the group's text (as
    ``re.findall``). Several groups would give tuples: the accessor refuses them.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> findall(as_column(["a1b2", "c"]), r"\\d").to_pylist()
    [['1', '2'], []]
    """
    lists = dictionary_series(col).str.findall(pat, flags=flags).tolist()
    return pa.array(lists, type=pa.list_(pa.string()))


def single_group_name(regex: re.Pattern[str], default: Any) -> Any:
    """The name of the only group of ``regex``, or ``default`` when it is unnamed."""
    name = _column_names(regex)[0]
    return default if isinstance(name, int) else name
