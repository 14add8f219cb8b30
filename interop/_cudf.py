"""cuDF <-> gpuframe on the GPU, where cuDF is installed.

Numeric and datetime columns without nulls are shared through ``__cuda_array_interface__``
(no copy, both directions); columns with nulls share their values and copy the mask;
strings go through Arrow (cuDF's string layout is not gpuframe's dictionary encoding).
"""

from __future__ import annotations

from typing import Any

__all__ = ["from_cudf", "to_cudf"]


def _cudf() -> Any:
    try:
        import cudf
    except ImportError as e:
        raise ImportError(
            "from_cudf/to_cudf need cuDF (RAPIDS), which runs only on an NVIDIA GPU; "
            "install it from the RAPIDS channel (e.g. pip install cudf-cu12)"
        ) from e
    return cudf


def _column_from_cudf(s: Any) -> Any:
    import cupy

    import gpuframe
    from gpuframe.column import Column

    dtype = s.dtype
    kind = getattr(dtype, "kind", "O")
    if kind in "biufmM":
        if s.null_count == 0:
            return gpuframe.column.as_column(cupy.asarray(s.values))  # shares the buffer
        if kind in "fmM":
            return Column.from_arrow(s.to_arrow(), device="gpu")
        data = cupy.asarray(s.fillna(0).values)
        valid = cupy.asarray(s.notna().values)
        return Column._from_parts(data, valid, data.dtype)
    return Column.from_arrow(s.to_arrow(), device="gpu")


def from_cudf(obj: Any) -> Any:
    """A cuDF DataFrame/Series as a gpuframe GPU DataFrame/Series (numeric columns without
    nulls shared, not copied).

    Examples
    --------
    >>> import cudf  # doctest: +SKIP
    >>> from_cudf(cudf.Series([1, 2], name="x")).name  # doctest: +SKIP
    'x'
    """
    cudf = _cudf()
    import gpuframe

    if isinstance(obj, cudf.Series):
        index = gpuframe.from_pandas(obj.index.to_pandas())
        return gpuframe.Series._from_column(_column_from_cudf(obj), index, obj.name)
    if isinstance(obj, cudf.DataFrame):
        cols = {k: _column_from_cudf(obj[k]) for k in obj.columns}
        index = gpuframe.from_pandas(obj.index.to_pandas())
        return gpuframe.DataFrame._from_columns(cols, index)
    raise TypeError(
        "from_cudf: invalid type for argument `obj`. Expected a cudf DataFrame or Series. "
        f"Received: obj of type {type(obj).__name__}"
    )


def _series_to_cudf(col: Any, name: Any) -> Any:
    cudf = _cudf()
    import array_api_compat

    if (
        array_api_compat.is_cupy_array(col.data)
        and not col.is_encoded
        and not (col.mask is not None and col.has_nulls)
    ):
        return cudf.Series(col.data, name=name)  # wraps the CuPy buffer
    return cudf.Series.from_arrow(col.to_arrow()).rename(name)


def to_cudf(obj: Any) -> Any:
    """A gpuframe DataFrame/Series as cuDF (GPU numeric columns without nulls shared).

    Examples
    --------
    >>> import gpuframe  # doctest: +SKIP
    >>> to_cudf(gpuframe.Series([1, 2], device="gpu")).sum()  # doctest: +SKIP
    3
    """
    cudf = _cudf()
    import gpuframe

    if isinstance(obj, gpuframe.Series):
        return _series_to_cudf(obj._column, obj.name)
    if isinstance(obj, gpuframe.DataFrame):
        data = {k: _series_to_cudf(c, k) for k, c in obj._cols.items()}
        return cudf.DataFrame(data)
    raise TypeError(
        "to_cudf: invalid type for argument `obj`. Expected a gpuframe DataFrame or Series. "
        f"Received: obj of type {type(obj).__name__}"
    )
