"""CSV: ``read_csv`` with pyarrow's multithreaded parser and pandas' conventions; ``to_csv``.

Reading follows ``pandas.read_csv``: pandas' default missing-value strings, ``True``/``False``
booleans, no automatic date parsing (``parse_dates`` asks for it), an integer column with a
missing value becomes float64, duplicate names get ``.1`` suffixes and an empty header
becomes ``Unnamed: i``. Differences, chosen so that a ``to_csv`` -> ``read_csv`` round trip
loses nothing:

- a quoted empty field (``""``) is an empty string, an unquoted empty field is missing
  (pandas reads both as missing);
- a bool column with a missing value is a nullable boolean column (pandas: object);
- ``parse_dates`` raises ``ValueError`` naming the column and the value that does not parse
  (pandas silently leaves the column as strings).

Writing uses pyarrow's CSV writer: strings are quoted, a missing value is an empty field,
a float column whose values are all integral is written as ``"1.0"`` so it reads back as
float, datetimes are ISO 8601.
"""

from __future__ import annotations

import csv
import os
import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from .. import dtypes as _dt
from ..backend import asarray
from ..column import Column
from ._atomic import atomic_path, check_read_path
from ._table import (
    arrow_type_for,
    dictionary_strings_column,
    frame_to_table,
    make_frame,
    reject_unsupported,
    wants_nullable,
)

__all__ = ["read_csv", "to_csv"]

# pandas' default missing-value strings (pandas.io.parsers: STR_NA_VALUES)
_DEFAULT_NA = [
    "",
    "#N/A",
    "#N/A N/A",
    "#NA",
    "-1.#IND",
    "-1.#QNAN",
    "-NaN",
    "-nan",
    "1.#IND",
    "1.#QNAN",
    "<NA>",
    "N/A",
    "NA",
    "NULL",
    "NaN",
    "None",
    "n/a",
    "nan",
    "null",
]
_NO_TIMESTAMP_INFERENCE = ["\x01"]  # a format no field matches: dates stay strings


# ---------------------------------------------------------------------- errors
def _first_bad_row(path: str, sep: str, skip: int) -> tuple[int, int, int] | None:
    """``(line, expected, found)`` of the first record whose field count differs."""
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f, delimiter=sep)
        expected = None
        for i, row in enumerate(reader):
            if i < skip or not row:
                continue
            if expected is None:
                expected = len(row)
            elif len(row) != expected:
                return reader.line_num, expected, len(row)
    return None


def _line_of_value(path: str, sep: str, column: int, value: str) -> int | None:
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f, delimiter=sep)
        for row in reader:
            if len(row) > column and row[column] == value:
                return reader.line_num
    return None


def _raise_read_error(e: Exception, path: str, sep: str, skip: int, names: list[str]) -> None:
    msg = str(e)
    if "Empty CSV" in msg:
        raise ValueError(f"read_csv: '{path}' is empty: no columns to parse") from e
    if "include_columns" in msg:
        m = re.search(r"Column '(.*)' in include_columns", msg)
        col = m.group(1) if m else msg
        raise KeyError(f"read_csv: column {col!r} in `usecols` not found; columns: {names}") from e
    if "CSV parse error" in msg:
        bad = _first_bad_row(path, sep, skip)
        where = f"line {bad[0]}: expected {bad[1]} fields, found {bad[2]}" if bad else msg
        raise ValueError(f"read_csv: malformed CSV in '{path}' at {where} ({msg})") from e
    m = re.search(r"In CSV column #(\d+): .*invalid value '(.*)'", msg)
    if m:
        col, value = int(m.group(1)), m.group(2)
        line = _line_of_value(path, sep, col, value)
        name = names[col] if col < len(names) else col
        at = f" at line {line}" if line else ""
        raise ValueError(
            f"read_csv: cannot parse value {value!r} of column {name!r} in '{path}'{at} ({msg})"
        ) from e
    raise ValueError(f"read_csv: cannot read '{path}': {msg}") from e


# ---------------------------------------------------------------------- helpers
def _header_names(path: str, sep: str, skip: int) -> list[str]:
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.reader(f, delimiter=sep)
        for i, row in enumerate(reader):
            if i >= skip:
                return row
    return []


def _dedupe(names: list[str]) -> list[Any]:
    """pandas' labels: ``Unnamed: i`` for empty names, ``name.1`` for repeats."""
    out: list[Any] = []
    counts: dict[Any, int] = {}
    for i, n in enumerate(names):
        label: Any = n if n != "" else f"Unnamed: {i}"
        if label in counts:
            k = counts[label]
            while f"{label}.{k}" in counts:
                k += 1
            counts[label] = k + 1
            label = f"{label}.{k}"
        counts[label] = counts.get(label, 1)
        out.append(label)
    return out


def _parse_dates(col: Column, name: Any, path: str, date_format: str | None) -> Column:
    """A ``str`` column parsed to datetime64 per distinct value (NaT for missing)."""
    from ..accessors._string_ops import dictionary_series

    if not _dt.is_string(col.dtype):
        if _dt.is_datetime(col.dtype):
            return col
        col = col.astype("str")
    values = dictionary_series(col)
    fmt = date_format
    try:
        parsed = pd.to_datetime(values, format=fmt)
    except (ValueError, TypeError, OverflowError):
        coerced = pd.to_datetime(values, format=fmt or "mixed", errors="coerce")
        bad = values[coerced.isna()]
        if len(bad):
            raise ValueError(
                f"read_csv: cannot parse {bad.iloc[0]!r} in column {name!r} of '{path}' as a date"
            ) from None
        parsed = coerced
    if getattr(parsed.dtype, "tz", None) is not None:
        raise ValueError(f"read_csv: column {name!r} of '{path}' holds tz-aware dates")
    xp = col.xp
    host = parsed.to_numpy()
    ticks = host.view(np.int64)
    if ticks.shape[0] == 0:
        ticks = np.zeros(1, dtype=np.int64)
    table = asarray(ticks, device=col.device)
    codes = col.codes
    null = codes < 0
    out = xp.take(table, xp.where(null, xp.zeros((), dtype=codes.dtype), codes))
    out = xp.where(null, xp.asarray(np.iinfo(np.int64).min, dtype=xp.int64), out)
    from ..accessors._datetime_ops import from_ticks

    return from_ticks(out, host.dtype)


def _as_list(value: Any, arg: str) -> list[Any] | None:
    if value is None:
        return None
    if isinstance(value, (str, int)):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise TypeError(f"read_csv: `{arg}` must be a column name or a list; received {value!r}")


def _dates_as_strings(
    table: pa.Table,
    path: str,
    read_opts: pcsv.ReadOptions,
    parse: pcsv.ParseOptions,
    convert: pcsv.ConvertOptions,
    keep: set[str],
) -> pa.Table:
    """Columns pyarrow inferred as dates or times, read again as strings (as pandas)."""
    inferred = [
        f.name
        for f in table.schema
        if f.name not in keep
        and (pa.types.is_date(f.type) or pa.types.is_timestamp(f.type) or pa.types.is_time(f.type))
    ]
    if not inferred:
        return table
    again = pcsv.ConvertOptions(
        column_types={r: pa.string() for r in inferred},
        null_values=convert.null_values,
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        include_columns=inferred,
    )
    strings = pcsv.read_csv(
        path, read_options=read_opts, parse_options=parse, convert_options=again
    )
    for r in inferred:
        table = table.set_column(table.schema.get_field_index(r), r, strings.column(r))
    return table


# ---------------------------------------------------------------------- read
def read_csv(
    path: str | os.PathLike[str],
    *,
    sep: str = ",",
    delimiter: str | None = None,
    header: int | str | None = "infer",
    names: list[Any] | None = None,
    index_col: int | str | list[Any] | None = None,
    usecols: list[Any] | None = None,
    dtype: Any = None,
    parse_dates: list[Any] | None = None,
    date_format: str | None = None,
    na_values: Any = None,
    keep_default_na: bool = True,
    device: Any = None,
    **unsupported: Any,
) -> Any:
    """Read a CSV file into a DataFrame (pyarrow's multithreaded parser, pandas' rules).

    Parameters
    ----------
    path : str or PathLike
    sep, delimiter : str
        One-character field separator.
    header : "infer", int or None
        Row number of the header (after which data starts), or None for no header (the
        columns are then labelled 0..n-1, or by ``names``).
    names : list, optional
        Column labels to use.
    index_col : int, str or list, optional
        Column(s) to use as the row index.
    usecols : list of str or int, optional
        Read only these columns.
    dtype : dtype or dict of column -> dtype, optional
        Parse columns as these dtypes (``"Int64"``/``"boolean"`` give nullable columns).
    parse_dates : list, optional
        Columns to parse as datetime64; a value that does not parse raises ``ValueError``
        naming the column and the value.
    date_format : str, optional
        ``strptime`` format for ``parse_dates``.
    na_values : str or list of str, optional
        Extra strings to read as missing (added to pandas' defaults unless
        ``keep_default_na=False``).
    device : str, optional
        Where the columns go (default: the current device); one transfer per column.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    ValueError
        A malformed file (names the file and the line), a value that does not fit its
        ``dtype``, an unparseable date.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = open(path, "w").write("a,b,when\\n1,x,2024-01-02\\n,y,2024-02-03\\n")
    >>> df = read_csv(path, parse_dates=["when"])
    >>> df.to_pandas().dtypes.astype(str).tolist()
    ['float64', 'str', 'datetime64[us]']
    """
    reject_unsupported("read_csv", unsupported)
    p = check_read_path(path, "read_csv")
    if delimiter is not None:
        sep = delimiter
    if not isinstance(sep, str) or len(sep) != 1:
        raise ValueError(f"read_csv: `sep` must be a single character; received {sep!r}")
    if header == "infer":
        header = None if names is not None else 0
    if header is not None and (
        isinstance(header, bool) or not isinstance(header, int) or header < 0
    ):
        raise ValueError(
            f"read_csv: `header` must be 'infer', a row number or None; received {header!r}"
        )
    if names is not None:
        names = list(names)
        if len(set(names)) != len(names):
            raise ValueError(f"read_csv: `names` must not hold duplicates; received {names}")
    if isinstance(na_values, dict):
        raise NotImplementedError("read_csv: per-column `na_values` (a dict) is not supported")
    extra_na = [na_values] if isinstance(na_values, str) else list(na_values or [])
    null_values = (_DEFAULT_NA if keep_default_na else []) + [str(v) for v in extra_na]
    usecols = _as_list(usecols, "usecols")
    parse_dates = _as_list(parse_dates, "parse_dates")
    index_cols = _as_list(index_col, "index_col")

    # header and labels: pyarrow sees the file's raw names; pandas' labels are derived
    skip = 0 if header is None else header
    if names is not None:
        raw = [str(n) for n in names]
        skip_rows = 0 if header is None else header + 1
        read_opts = pcsv.ReadOptions(column_names=raw, skip_rows=skip_rows, use_threads=True)
        labels: list[Any] = list(names)
    elif header is None:
        first = _header_names(p, sep, 0)
        raw = [f"f{i}" for i in range(len(first))]
        read_opts = pcsv.ReadOptions(column_names=raw, use_threads=True)
        labels = list(range(len(raw)))
    else:
        raw = _header_names(p, sep, header)
        if not raw:
            raise ValueError(f"read_csv: '{p}' is empty: no columns to parse")
        labels = _dedupe(raw)
        raw = [f"c{i}" for i in range(len(raw))]  # unique names for pyarrow
        read_opts = pcsv.ReadOptions(column_names=raw, skip_rows=header + 1, use_threads=True)
    label_to_raw = dict(zip(labels, raw))

    def resolve(key: Any, arg: str) -> str:
        if key in label_to_raw:
            return label_to_raw[key]
        if isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(raw):
            return raw[key]
        raise KeyError(f"read_csv: column {key!r} in `{arg}` not found; columns: {labels}")

    include = None
    if usecols is not None:
        wanted = {resolve(k, "usecols") for k in usecols}
        include = [r for r in raw if r in wanted]  # file order, as pandas
    column_types: dict[str, pa.DataType] = {}
    nullable: set[str] = set()
    # datetime columns (parse_dates, or a datetime64 dtype) are parsed by pandas' rules
    date_units: dict[str, str | None] = {resolve(k, "parse_dates"): None for k in parse_dates or []}
    if dtype is not None:
        items = dtype.items() if isinstance(dtype, dict) else [(lab, dtype) for lab in labels]
        for key, d in items:
            r = resolve(key, "dtype")
            t = arrow_type_for(d, "read_csv", key)
            if pa.types.is_timestamp(t):
                date_units[r] = t.unit
                continue
            column_types[r] = t
            if wants_nullable(d):
                nullable.add(r)
    for r in date_units:
        column_types[r] = pa.string()
    convert = pcsv.ConvertOptions(
        column_types=column_types,
        null_values=null_values,
        true_values=["True", "TRUE", "true"],
        false_values=["False", "FALSE", "false"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        include_columns=include,
        timestamp_parsers=_NO_TIMESTAMP_INFERENCE,
        auto_dict_encode=True,  # strings arrive as dictionaries: no row is hashed again
        auto_dict_max_cardinality=2**31 - 1,
    )
    parse = pcsv.ParseOptions(delimiter=sep, newlines_in_values=True)
    try:
        table = pcsv.read_csv(
            p, read_options=read_opts, parse_options=parse, convert_options=convert
        )
        table = _dates_as_strings(table, p, read_opts, parse, convert, set(date_units))
    except (pa.ArrowInvalid, pa.ArrowKeyError) as e:
        _raise_read_error(e, p, sep, skip, [str(lab) for lab in labels])
        raise  # pragma: no cover - _raise_read_error always raises
    raw_to_label = {r: lab for lab, r in label_to_raw.items()}
    columns: dict[Any, Column] = {}
    for r in table.column_names:
        arr = table.column(r)
        requested = column_types.get(r)
        if pa.types.is_dictionary(arr.type) and not (
            requested is not None and pa.types.is_dictionary(requested)
        ):
            col = dictionary_strings_column(arr, device=device)
        else:
            col = Column.from_arrow(arr, device=device)
        label = raw_to_label[r]
        if r in date_units:
            col = _parse_dates(col, label, p, date_format)
            unit = date_units[r]
            if unit is not None and col.dtype != np.dtype(f"datetime64[{unit}]"):
                col = col.astype(f"datetime64[{unit}]")
        elif r in nullable:
            if col.mask is None and isinstance(col.dtype, np.dtype) and col.dtype.kind in "biuf":
                chunk = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
                valid = chunk.is_valid().to_numpy(zero_copy_only=False)
                col = Column._from_parts(col.data, asarray(valid, device=col.device), col.dtype)
        elif col.mask is not None and col.dtype.kind in "iu":
            col = col.astype("float64")  # pandas: an int column with a missing value
        columns[label] = col
    index = None
    if index_cols:
        from ..index import Index, MultiIndex

        keys = [raw_to_label[resolve(k, "index_col")] for k in index_cols]
        missing = [k for k in keys if k not in columns]
        if missing:
            raise KeyError(f"read_csv: `index_col` {missing[0]!r} not in `usecols`")
        levels = [columns.pop(k) for k in keys]
        idx_names = [None if isinstance(k, str) and k.startswith("Unnamed: ") else k for k in keys]
        if header is None and names is None:
            idx_names = [None] * len(keys)
        index = (
            Index(levels[0], name=idx_names[0])
            if len(levels) == 1
            else MultiIndex(levels, names=idx_names)
        )
    return make_frame(columns, index)


# ---------------------------------------------------------------------- write
def _float_text(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Floats as text that reads back as float where it would not (pyarrow writes 1.0 as 1).

    Only a column whose values are all integral (and not missing) would read back as int;
    it is written as text with ``.0`` (quoted, like every text field). Any other float
    column is written as numbers: one non-integral value or missing value keeps it float.
    """
    if len(arr) == 0 or arr.null_count:
        return arr
    finite = pc.is_finite(arr)
    if not pc.all(finite).as_py():
        return arr
    if not pc.all(pc.equal(pc.floor(arr), arr)).as_py():
        return arr
    text = pc.cast(arr, pa.string())
    integral = pc.match_substring_regex(text, r"^-?\d+$")
    return pc.if_else(integral, pc.binary_join_element_wise(text, ".0", ""), text)


def _csv_table(table: pa.Table) -> pa.Table:
    cols = []
    for arr in table.columns:
        t = arr.type
        if pa.types.is_floating(t):
            arr = _float_text(arr)
        elif pa.types.is_dictionary(t):
            arr = arr.cast(t.value_type)
            if pa.types.is_floating(t.value_type):
                arr = _float_text(arr)
        elif pa.types.is_duration(t):
            raise TypeError(
                "to_csv: timedelta columns are not supported in CSV; convert them first "
                "(e.g. .dt.total_seconds())"
            )
        cols.append(arr)
    return pa.table(cols, names=table.column_names)


def to_csv(
    df: Any,
    path: str | os.PathLike[str],
    *,
    sep: str = ",",
    index: bool = True,
    header: bool = True,
    **unsupported: Any,
) -> None:
    """Write ``df`` as CSV atomically (all or nothing under ``path``).

    As pandas, the index is written as the first column unless ``index=False`` (read it
    back with ``read_csv(path, index_col=0)``); a missing value is an empty field.

    Examples
    --------
    >>> import os, tempfile, gpuframe
    >>> path = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> to_csv(gpuframe.DataFrame({"a": [1.5, None], "b": ["x", ""]}), path, index=False)
    >>> print(open(path).read().strip())
    "a","b"
    1.5,"x"
    ,""
    """
    if not isinstance(sep, str) or len(sep) != 1:
        raise ValueError(f"to_csv: `sep` must be a single character; received {sep!r}")
    reject_unsupported("to_csv", unsupported)
    table = frame_to_table(df, index=bool(index), func="to_csv")
    meta = table.schema.pandas_metadata or {}
    if index:
        index_fields = [c for c in meta.get("index_columns", []) if isinstance(c, str)]
        by_field = {m.get("field_name"): m for m in meta.get("columns", [])}
        names = []
        for name in table.column_names:
            if name in index_fields:
                label = by_field.get(name, {}).get("name")
                names.append("" if label is None else str(label))
            else:
                names.append(name)
        order = index_fields + [n for n in table.column_names if n not in index_fields]
        positions = [table.column_names.index(n) for n in order]
        table = pa.table([table.column(i) for i in positions], names=[names[i] for i in positions])
    table = _csv_table(table.replace_schema_metadata(None))
    options = pcsv.WriteOptions(include_header=header, delimiter=sep)
    with atomic_path(path, "to_csv") as tmp:
        pcsv.write_csv(table, tmp, write_options=options)
