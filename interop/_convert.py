"""Named bridges between gpuframe objects and Arrow, pandas and polars.

On the CPU a numeric column without nulls is shared with the other library, not copied:
Arrow buffers wrap the column's NumPy memory, pandas and polars read those buffers. Strings
(dictionary codes on the device, decoded for libraries that want plain strings), nulls of
integer/bool columns (a validity bitmap is built) and every GPU <-> host move copy.
"""

from __future__ import annotations

from typing import Any

from gpuframe.backend import Device, parse_device

__all__ = [
    "from_arrow",
    "from_pandas",
    "from_polars",
    "to_arrow",
    "to_pandas",
    "to_polars",
]


def _gpuframe() -> Any:
    import gpuframe

    return gpuframe


def _kind(obj: Any) -> str | None:
    gf = _gpuframe()
    if isinstance(obj, gf.DataFrame):
        return "frame"
    if isinstance(obj, gf.Series):
        return "series"
    if isinstance(obj, gf.index.BaseIndex):
        return "index"
    return None


def _check_gpuframe(obj: Any, function: str) -> str:
    kind = _kind(obj)
    if kind is None:
        raise TypeError(
            f"{function}: invalid type for argument `obj`. Expected a gpuframe DataFrame, "
            f"Series or Index. Received: obj of type {type(obj).__name__}"
        )
    return kind


def _device(device: Any) -> Device | None:
    return None if device is None else parse_device(device)


# --------------------------------------------------------------------------------- Arrow


def from_arrow(data: Any, *, device: Any = None) -> Any:
    """A gpuframe DataFrame (tables, struct streams) or Series (arrays) from any Arrow
    producer: pyarrow objects, or anything with ``__arrow_c_stream__``/``__arrow_c_array__``
    (polars, duckdb, nanoarrow, gpuframe itself).

    Dictionary strings become ``category`` columns, plain strings ``str`` columns, nulls
    stay nulls, timestamps keep their unit (s, ms, us, ns). On the CPU, primitive columns
    without nulls share the producer's buffers; ``device="gpu"`` makes one copy per column.

    Examples
    --------
    >>> import pyarrow as pa
    >>> df = from_arrow(pa.table({"a": [1, None], "b": ["x", "y"]}))
    >>> df.to_pandas().dtypes.astype(str).tolist()
    ['Int64', 'str']
    """
    import pyarrow as pa

    from ._arrow import import_arrow

    gf = _gpuframe()
    if _kind(data) is not None:
        return data if device is None else data.to_device(device)
    name = None
    if _module_name(data) == "polars" and hasattr(data, "name") and not hasattr(data, "columns"):
        name = data.name  # a polars Series: its name is not in the stream's schema
    if hasattr(data, "__dataframe__") and not _is_arrow_producer(data):
        data = pa.interchange.from_dataframe(data)
    table = import_arrow(data)
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    if isinstance(table, (pa.Array, pa.ChunkedArray)):
        col = gf.Column.from_arrow(_plain_durations(table), device=device)
        return gf.Series._from_column(col, None, name)
    for i, field in enumerate(table.schema):
        if pa.types.is_interval(field.type):
            table = table.set_column(i, field.name, _plain_durations(table.column(i)))
    return gf.dataframe.from_arrow(table, device=device)


def _plain_durations(arr: Any) -> Any:
    """month-day-nano intervals without months (how duckdb returns durations) ->
    ``duration[ns]``; other arrays unchanged. Months have no fixed length: refused."""
    import numpy as np
    import pyarrow as pa

    if not pa.types.is_interval(arr.type):
        return arr
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    layout = np.dtype([("months", "<i4"), ("days", "<i4"), ("nanos", "<i8")])
    raw = np.frombuffer(arr.buffers()[1], dtype=layout, count=len(arr) + arr.offset)
    raw = raw[arr.offset :]
    valid = np.asarray(arr.is_valid())
    if np.any(raw["months"][valid] != 0):
        raise TypeError(
            "from_arrow: an interval column holds months, which have no fixed duration; "
            "cast it to a duration before converting"
        )
    ns = raw["days"].astype(np.int64) * 86_400_000_000_000 + raw["nanos"]
    return pa.array(ns.view("timedelta64[ns]"), mask=~valid)


def _module_name(obj: Any) -> str:
    return (type(obj).__module__ or "").split(".")[0]


def _is_arrow_producer(obj: Any) -> bool:
    return (
        hasattr(obj, "__arrow_c_stream__")
        or hasattr(obj, "__arrow_c_array__")
        or (_module_name(obj) == "pyarrow")
    )


def to_arrow(obj: Any, *, preserve_index: bool | None = None) -> Any:
    """A gpuframe object as pyarrow: DataFrame -> Table, Series/Index -> Array.

    CPU primitive columns are wrapped, not copied; GPU columns are copied to the host once
    (counted in ``transfer_stats``). ``preserve_index`` as in ``pyarrow.Table.from_pandas``.

    Examples
    --------
    >>> import gpuframe
    >>> to_arrow(gpuframe.Series([1.5, None])).to_pylist()
    [1.5, None]
    """
    kind = _check_gpuframe(obj, "to_arrow")
    if kind == "frame":
        return obj.to_arrow(preserve_index=preserve_index)
    if kind == "index":
        cols = obj._columns()
        if len(cols) != 1:
            raise TypeError("to_arrow: a MultiIndex has no single Arrow array; use to_pandas")
        return cols[0].to_arrow()
    return obj._column.to_arrow()


# -------------------------------------------------------------------------------- pandas


def from_pandas(obj: Any, *, device: Any = None) -> Any:
    """A gpuframe DataFrame/Series/Index from pandas.

    On the CPU, numpy-backed numeric and datetime columns are shared (a pandas frame built
    from one 2-D block keeps handing out that block); strings are dictionary-encoded (a copy).

    Examples
    --------
    >>> import pandas as pd
    >>> from_pandas(pd.Series([1, 2], name="a")).name
    'a'
    """
    import pandas as pd

    if not isinstance(obj, (pd.DataFrame, pd.Series, pd.Index)):
        raise TypeError(
            "from_pandas: invalid type for argument `obj`. Expected a pandas DataFrame, "
            f"Series or Index. Received: obj of type {type(obj).__name__}"
        )
    return _gpuframe().from_pandas(obj, device=device)


def to_pandas(obj: Any) -> Any:
    """A gpuframe object as pandas, sharing CPU memory where pandas can hold it as is.

    Numeric and datetime columns without nulls are shared (for a frame built from a 2-D
    block, the pandas frame holds that block); nullable columns share their values and get
    a new mask; strings and categories are decoded (a copy); GPU data is copied once.

    Examples
    --------
    >>> import gpuframe, numpy as np
    >>> a = np.arange(3.0)
    >>> np.shares_memory(to_pandas(gpuframe.Series(a)).to_numpy(), a)
    True
    """
    import numpy as np
    import pandas as pd

    from ._matrix import block_of

    kind = _check_gpuframe(obj, "to_pandas")
    if kind != "frame":
        return obj.to_pandas()
    cols = list(obj._cols.values())
    if not cols or not all(isinstance(c.data, np.ndarray) for c in cols):
        return obj.to_pandas()
    index = obj._index.to_pandas()
    if all(not c.is_encoded and c.mask is None for c in cols):
        block = block_of([c.data for c in cols])
        if block is not None:  # pandas keeps a 2-D block as one block, without a copy
            return pd.DataFrame(block, index=index, columns=obj.columns, copy=False)
    data = {j: c.to_pandas(index=index) for j, c in enumerate(cols)}
    out = pd.DataFrame(data, copy=False)
    out.columns = obj.columns
    return out


# -------------------------------------------------------------------------------- polars


def from_polars(obj: Any, *, device: Any = None) -> Any:
    """A gpuframe DataFrame/Series from polars, through the Arrow C stream (shared buffers
    for primitive columns without nulls on the CPU).

    Examples
    --------
    >>> import polars as pl
    >>> from_polars(pl.Series("x", [1, 2])).name
    'x'
    """
    if _module_name(obj) != "polars" or not hasattr(obj, "__arrow_c_stream__"):
        raise TypeError(
            "from_polars: invalid type for argument `obj`. Expected a polars DataFrame or "
            f"Series. Received: obj of type {type(obj).__name__}"
        )
    return from_arrow(obj, device=device)


def to_polars(obj: Any) -> Any:
    """A gpuframe object as polars (DataFrame -> DataFrame, Series -> Series), reading the
    Arrow export; CPU primitive columns are shared, GPU data is copied to the host once.

    Examples
    --------
    >>> import gpuframe
    >>> to_polars(gpuframe.Series([1, 2], name="x")).name
    'x'
    """
    import polars as pl

    kind = _check_gpuframe(obj, "to_polars")
    if kind == "frame":
        return pl.from_arrow(obj.to_arrow(preserve_index=False), rechunk=False)
    arr = to_arrow(obj)
    out = pl.Series(values=arr)
    return out.alias("" if obj.name is None else str(obj.name))
