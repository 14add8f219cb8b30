"""JSON: ``read_json`` (newline-delimited records via pyarrow) and atomic ``to_json``."""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.json as pjson

from ._atomic import atomic_path, check_read_path
from ._table import arrow_type_for, make_frame, reject_unsupported, table_to_frame, to_pandas_frame

__all__ = ["read_json", "to_json"]


def read_json(
    path: str | os.PathLike[str],
    *,
    lines: bool = True,
    dtype: dict[str, Any] | None = None,
    device: Any = None,
    **unsupported: Any,
) -> Any:
    """Read JSON into a DataFrame; ``lines=True`` (one record per line) uses pyarrow.

    Values are typed as pyarrow infers them (ISO 8601 strings become datetime64); ``dtype``
    (column -> dtype) fixes a column's type. An integer field missing in some records gives
    float64 (as pandas). ``lines=False`` (one JSON document) is parsed by pandas on the host.

    Raises ``ValueError`` naming the file (and pyarrow's row) for malformed JSON.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "t.jsonl")
    >>> _ = open(path, "w").write('{"a": 1, "b": "x"}\\n{"a": null, "b": "y"}\\n')
    >>> read_json(path).to_pandas()["a"].tolist()
    [1.0, nan]
    """
    reject_unsupported("read_json", unsupported)
    p = check_read_path(path, "read_json")
    if not lines:
        from ..column import Column

        try:
            pdf = pd.read_json(p, dtype=dtype)
        except ValueError as e:
            raise ValueError(f"read_json: cannot parse '{p}': {e}") from e
        cols = {c: Column.from_pandas(pdf[c], device=device) for c in pdf.columns}
        from ..index import as_index

        return make_frame(cols, as_index(pdf.index))
    schema = None
    if dtype is not None:
        if not isinstance(dtype, dict):
            raise TypeError(
                f"read_json: `dtype` must be a dict of column -> dtype; received {dtype!r}"
            )
        schema = pa.schema([(k, arrow_type_for(v, "read_json", k)) for k, v in dtype.items()])
    parse = pjson.ParseOptions(explicit_schema=schema, newlines_in_values=False)
    try:
        table = pjson.read_json(
            p, read_options=pjson.ReadOptions(use_threads=True), parse_options=parse
        )
    except pa.ArrowInvalid as e:
        raise ValueError(f"read_json: malformed JSON lines in '{p}': {e}") from e
    requested = set(dtype or ())
    for i, field in enumerate(table.schema):
        arr = table.column(i)
        if field.name not in requested and pa.types.is_integer(field.type) and arr.null_count:
            table = table.set_column(i, field.name, arr.cast(pa.float64()))  # as pandas
    return table_to_frame(table, device=device)


def to_json(
    df: Any,
    path: str | os.PathLike[str],
    *,
    lines: bool = True,
    orient: str = "records",
    **unsupported: Any,
) -> None:
    """Write ``df`` as JSON atomically; ``lines=True`` writes one record per line.

    Datetimes are written as ISO 8601 strings at the finest unit of the frame, so
    :func:`read_json` reads them back as datetimes without loss. The index is not written
    (as pandas' records orientation).
    """
    reject_unsupported("to_json", unsupported)
    if lines and orient != "records":
        raise ValueError(f"to_json: `lines=True` needs orient='records'; received {orient!r}")
    pdf = to_pandas_frame(df, "to_json")
    units = [
        np.datetime_data(t)[0] for t in pdf.dtypes if isinstance(t, np.dtype) and t.kind in "mM"
    ]
    order = ["s", "ms", "us", "ns"]
    unit = max(units, key=order.index) if units else "ms"
    with atomic_path(path, "to_json") as tmp:
        pdf.to_json(
            tmp,
            orient=orient,
            lines=lines,
            date_format="iso",
            date_unit=unit,
            index=None if not lines else False,
        )
