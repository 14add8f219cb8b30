"""String functions over dictionary-encoded ``str`` Columns (Column in, Column out).

A ``str`` column is int32 codes on the device plus the sorted distinct values on the host
(see :mod:`gpuframe.column`). Every function here maps the DICTIONARY, never the rows:

- a string result (``lower``, ``replace``, ``slice``, ...) is computed per dictionary entry,
  re-encoded into a new sorted dictionary, and the codes are remapped on the device with one
  gather through a small ``old code -> new code`` table;
- a numeric or bool result (``len``, ``contains``, ...) is computed per dictionary entry and
  gathered by code on the device; null rows give NaN (numbers) or ``na`` (bools).

The per-entry work runs through pandas' Arrow-backed string methods on the dictionary, i.e.
``pyarrow.compute`` kernels with pandas' own rules for when a regular expression needs
Python's ``re`` instead of RE2, so per-value results are pandas' by construction. Cost is
proportional to the number of distinct values plus one device gather over the rows.

Inputs are validated by the caller (:class:`gpuframe.accessors.StringMethods`) except where a
function says otherwise.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import dtypes as _dt
from ..backend import asarray, is_cupy, is_numpy, to_host
from ..column import Column, _strings

__all__ = [
    "apply",
    "cat",
    "check_regex",
    "from_dictionary_bools",
    "from_dictionary_numbers",
    "from_dictionary_strings",
    "join_all",
    "split_lists",
    "to_numeric",
    "used_codes",
]

_PD_STR = pd.StringDtype("pyarrow", na_value=np.nan)


# ---------------------------------------------------------------------- dictionary views
def dictionary_series(col: Column) -> pd.Series:
    """The dictionary of a ``str`` column as a pandas ``str`` Series (no row data)."""
    d = col.categories
    if d is None:
        d = pa.array([], type=pa.string())
    return pd.Series(pd.array(d, dtype=_PD_STR), copy=False)


def used_codes(col: Column) -> np.ndarray:
    """The sorted dictionary codes that at least one row uses (host int64 array)."""
    xp = col.xp
    codes = col.codes
    if len(col) == 0:
        return np.zeros(0, dtype=np.int64)
    uniq = xp.unique_values(codes)
    host = to_host(uniq).astype(np.int64, copy=False)
    return host[host >= 0]


# ---------------------------------------------------------------------- from a per-entry result
def device_table(col: Column, host: np.ndarray) -> Any:
    """The host array ``host`` in ``col``'s array namespace and on its device.

    NumPy and CuPy go through :func:`gpuframe.backend.asarray` (counted transfers); any
    other Array API namespace (array-api-strict in the tests) through its own ``asarray``.
    """
    xp = col.xp
    if is_numpy(xp) or is_cupy(xp):
        return asarray(host, device=col.device)
    return xp.asarray(host)


def lookup_codes(col: Column, table: np.ndarray, fill: Any) -> Any:
    """``table[code]`` for every row of ``col`` on its device, ``fill`` where the row is null.

    ``table`` is a small host array with one value per dictionary entry.
    """
    host = np.append(table, np.asarray(fill, dtype=table.dtype))
    codes = col.codes
    xp = col.xp
    if is_numpy(xp):  # one Numba pass: code -1 reads the appended fill
        from ._dictionary_kernels import lookup

        return lookup(host[:-1], codes, host[-1])
    m = host.shape[0] - 1
    safe = xp.where(codes < 0, xp.asarray(m, dtype=codes.dtype), codes)
    return xp.take(device_table(col, host), safe)


def from_dictionary_strings(col: Column, values: Any) -> Column:
    """A ``str`` column whose row ``i`` is ``values[code_i]`` (nulls stay null).

    ``values`` (pyarrow or pandas strings, one per dictionary entry) may hold nulls.
    """
    arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], type=arr.type)
    if len(arr) == 0:
        arr = pa.array([], type=pa.string())
    new_codes, dictionary = _strings.encode(arr)
    codes = lookup_codes(col, new_codes.astype(np.int32), -1)
    return Column._from_parts(codes, None, _dt.string, dictionary)


def _gather(col: Column, values: np.ndarray) -> tuple[Any, Any]:
    """``(values[codes], null)`` on the device; null rows hold ``values[0]`` or 0."""
    xp = col.xp
    codes = col.codes
    if values.shape[0] == 0:
        values = np.zeros(1, dtype=values.dtype)
    table = device_table(col, values)
    null = codes < 0
    safe = xp.where(null, xp.zeros((), dtype=codes.dtype), codes)
    return xp.take(table, safe), null


def from_dictionary_numbers(col: Column, values: Any) -> Column:
    """A numeric column whose row ``i`` is ``values[code_i]``; null rows give NaN.

    As pandas' ``str`` dtype: an int result stays int64 when no row is null, and becomes
    float64 with NaN otherwise.
    """
    host = np.asarray(values)
    if host.dtype.kind == "i":
        host = host.astype(np.int64, copy=False)
    elif host.dtype.kind != "f":
        host = host.astype(np.float64)
    if len(col) and bool(col.xp.any(col.codes < 0)):
        return Column._from_parts(lookup_codes(col, host.astype(np.float64), np.nan))
    return Column._from_parts(lookup_codes(col, host, 0))


def from_dictionary_bools(col: Column, values: Any, na: Any = None) -> Column:
    """A bool column whose row ``i`` is ``values[code_i]``; null rows give ``na`` (False)."""
    host = np.asarray(values, dtype=np.bool_)
    return Column._from_parts(lookup_codes(col, host, bool(na) if na is not None else False))


# ---------------------------------------------------------------------- generic mapping
def check_regex(pat: Any, flags: Any, method: str) -> None:
    """Raise ``ValueError`` naming ``pat`` when it is not a valid regular expression.

    ``TypeError`` when ``pat`` is neither a str nor a compiled pattern, or ``flags`` is not
    an int.
    """
    if isinstance(flags, bool) or not isinstance(flags, int):
        raise TypeError(f"str.{method}: `flags` must be an int; received {flags!r}")
    if isinstance(pat, re.Pattern):
        return
    if not isinstance(pat, str):
        raise TypeError(f"str.{method}: `pat` must be a str; received {type(pat).__name__}")
    try:
        re.compile(pat, flags)
    except re.error as e:
        raise ValueError(
            f"str.{method}: `pat` {pat!r} is not a valid regular expression: {e}"
        ) from e


def apply(col: Column, method: str, *args: Any, na: Any = None, **kwargs: Any) -> Column:
    """``Series.str.<method>(*args, **kwargs)`` on the dictionary, mapped back to the rows.

    The kind of the per-entry result decides the column: strings are re-encoded, bools are
    gathered (null rows give ``na``), numbers are gathered (null rows give NaN).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> apply(as_column(["ab", None, "c"]), "upper").to_pandas().tolist()
    ['AB', nan, 'C']
    >>> apply(as_column(["ab", None, "c"]), "len").to_pandas().tolist()
    [2.0, nan, 1.0]
    """
    result = getattr(dictionary_series(col).str, method)(*args, **kwargs)
    return from_dictionary_result(col, result, na=na, method=method)


def from_dictionary_result(col: Column, result: pd.Series, *, na: Any, method: str) -> Column:
    """The rows of ``col`` mapped through ``result`` (one value per dictionary entry)."""
    rdt = result.dtype
    if isinstance(rdt, pd.StringDtype):
        return from_dictionary_strings(col, pa.array(result.array))
    if rdt == np.bool_ or str(rdt) == "boolean":
        return from_dictionary_bools(col, result.to_numpy(dtype=np.bool_, na_value=False), na)
    if rdt.kind in "iuf":
        return from_dictionary_numbers(col, result.to_numpy())
    raise TypeError(f"str.{method}: unexpected per-value result of dtype {rdt}")


# ---------------------------------------------------------------------- lists (split)
def split_lists(col: Column, pat: Any, n: int, regex: Any) -> pa.ListArray:
    """The parts of each dictionary entry as an Arrow list-of-strings array."""
    result = dictionary_series(col).str.split(pat, n=n, regex=regex)
    lists = result.tolist()
    return pa.array(lists, type=pa.list_(pa.string()))


def list_element(lists: pa.ListArray, i: int) -> pa.Array:
    """Element ``i`` (negative from the end) of every list; null where out of range."""
    lengths = pc.list_value_length(lists).fill_null(0).to_numpy(zero_copy_only=False)
    offsets = lists.offsets.to_numpy(zero_copy_only=False)[:-1].astype(np.int64)
    lengths = lengths.astype(np.int64)
    pos = offsets + (i if i >= 0 else lengths + i)
    ok = (i < lengths) if i >= 0 else (-i <= lengths)
    flat = lists.flatten()
    idx = pa.array(np.where(ok, pos, 0), mask=~ok, type=pa.int64())
    if len(flat) == 0:
        return pa.nulls(len(lists), type=pa.string())
    return pc.take(flat, idx)


def list_lengths(lists: pa.ListArray) -> np.ndarray:
    return pc.list_value_length(lists).fill_null(0).to_numpy(zero_copy_only=False)


def list_join(lists: pa.ListArray, sep: str) -> pa.Array:
    return pc.binary_join(lists, sep)


# ---------------------------------------------------------------------- cat
def cat(col: Column, others: list[Column], sep: str, na_rep: str | None) -> Column:
    """Row-wise ``col + sep + other`` for each column in ``others`` (same lengths, ``str``).

    Each distinct pair of codes is joined once on the host: the pairs are found on the
    device (``unique_inverse`` of a combined int64 key), so the host work is proportional to
    the number of distinct pairs.
    """
    out = col
    for other in others:
        out = _cat_pair(out, other, sep, na_rep)
    return out


def _cat_pair(a: Column, b: Column, sep: str, na_rep: str | None) -> Column:
    xp = a.xp
    nb = len(b.categories) + 1
    key = (a.codes.astype(xp.int64) + 1) * nb + (b.codes.astype(xp.int64) + 1)
    if len(a) == 0:
        return a
    uniq, inv = xp.unique_inverse(key)
    host = to_host(uniq).astype(np.int64)
    ca, cb = host // nb - 1, host % nb - 1
    va = pd.Series(pd.array(_strings.decode(ca.astype(np.int32), a.categories), dtype=_PD_STR))
    vb = pd.Series(pd.array(_strings.decode(cb.astype(np.int32), b.categories), dtype=_PD_STR))
    joined = va.str.cat(vb, sep=sep, na_rep=na_rep)
    new_codes, dictionary = _strings.encode(pa.array(joined.array))
    table = asarray(new_codes.astype(np.int32), device=a.device)
    codes = xp.take(table, xp.reshape(inv, (-1,)))
    return Column._from_parts(codes, None, _dt.string, dictionary)


def join_all(col: Column, sep: str, na_rep: str | None) -> str:
    """All values joined with ``sep`` into one str (nulls skipped unless ``na_rep``)."""
    return col.to_pandas().str.cat(sep=sep, na_rep=na_rep)


# ---------------------------------------------------------------------- numbers
def to_numeric(col: Column, errors: str = "raise") -> Column:
    """The strings parsed as numbers (pandas' ``to_numeric``), computed per distinct value.

    ``errors="raise"`` raises ``ValueError`` naming the first value a row uses that does not
    parse; ``"coerce"`` gives NaN for it.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> to_numeric(as_column(["1", "2", None])).to_pandas().tolist()
    [1.0, 2.0, nan]
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"to_numeric: `errors` must be 'raise' or 'coerce'; received {errors!r}")
    d = dictionary_series(col)
    used = used_codes(col)
    values = pd.to_numeric(d.take(used), errors="coerce")
    if errors == "raise":
        bad = np.flatnonzero(values.isna().to_numpy())
        for i in bad:
            raw = d.iloc[int(used[i])]
            try:
                pd.to_numeric(pd.Series([raw], dtype=object))
            except (ValueError, TypeError) as e:
                raise ValueError(f"to_numeric: unable to parse string {raw!r}") from e
    host = values.to_numpy()
    if host.dtype.kind not in "iuf":
        host = host.astype(np.float64)
    full = np.zeros(len(d), dtype=host.dtype)
    full[used] = host
    return from_dictionary_numbers(col, full)


# ---------------------------------------------------------------------- partition / dummies
def partition_lists(col: Column, sep: str, *, right: bool = False) -> pa.ListArray:
    """``str.partition(sep)`` (``rpartition`` when ``right``) of every dictionary entry,
    as Arrow lists of three strings.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> partition_lists(as_column(["a-b-c", "x"]), "-").to_pylist()
    [['a', '-', 'b-c'], ['x', '', '']]
    """
    d = dictionary_series(col)
    method = "rpartition" if right else "partition"
    parts = getattr(d.str, method)(sep, expand=False).tolist()
    return pa.array([list(p) for p in parts], type=pa.list_(pa.string()))


def find_or_raise(
    col: Column, sub: str, start: int, end: int | None, *, right: bool, method: str
) -> Column:
    """``str.index``/``rindex``: the position of ``sub`` in every row (NaN where missing).

    Raises ``ValueError`` naming ``sub`` and the first value a row uses that lacks it (values
    of the dictionary that no row uses are not checked).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> find_or_raise(as_column(["abcb", "b"]), "b", 0, None, right=True,
    ...               method="rindex").to_pandas().tolist()
    [3, 0]
    """
    d = dictionary_series(col)
    pos = getattr(d.str, "rfind" if right else "find")(sub, start, end).to_numpy()
    used = used_codes(col)
    missing = used[pos[used] < 0]
    if missing.size:
        raise ValueError(
            f"str.{method}: substring `sub`={sub!r} not found in {d.iloc[int(missing[0])]!r}"
        )
    return from_dictionary_numbers(col, pos.astype(np.int64))


def get_dummies(col: Column, sep: str, dtype: Any) -> dict[str, Column]:
    """One 0/1 column per distinct token (the values split at ``sep``), sorted by token.

    Missing rows are 0 in every column. The tokens are found on the dictionary entries that
    rows use (an unused entry adds no column); each column is one device gather.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> out = get_dummies(as_column(["a|b", None, "b"]), "|", np.dtype("int64"))
    >>> {k: c.to_pandas().tolist() for k, c in out.items()}
    {'a': [1, 0, 0], 'b': [1, 0, 1]}
    """
    used = used_codes(col)
    n_entries = 0 if col.categories is None else len(col.categories)
    if not used.size:
        return {}
    dummies = dictionary_series(col).take(used).reset_index(drop=True).str.get_dummies(sep)
    out: dict[str, Column] = {}
    for name in dummies.columns:
        table = np.zeros(n_entries, dtype=dtype)
        table[used] = dummies[name].to_numpy().astype(dtype)
        out[name] = Column._from_parts(lookup_codes(col, table, 0))
    return out
