"""polars Series/DataFrame -> native arrays (polars' own zero-copy ``to_numpy``)."""

from __future__ import annotations

from typing import Any, Literal

from ._copy import need_copy

__all__ = ["polars_native"]


def _why(s: Any) -> str:
    import polars as pl

    if s.null_count():
        return f"the polars Series {s.name!r} holds {s.null_count()} nulls, which become NaN/NaT"
    if s.n_chunks() > 1:
        return f"the polars Series {s.name!r} has {s.n_chunks()} chunks"
    if s.dtype == pl.Boolean:
        return "polars booleans are bit-packed; NumPy needs one byte per value"
    return f"polars {s.dtype} data has no NumPy memory layout"


def polars_native(obj: Any, copy: bool | None, order: str | None = None) -> tuple[Any, bool]:
    """polars data as NumPy; a DataFrame becomes a 2-D matrix (F order unless asked)."""
    import polars as pl

    if isinstance(obj, pl.Series):
        try:
            return obj.to_numpy(allow_copy=False), False
        except RuntimeError:
            need_copy(_why(obj), copy)
            return obj.to_numpy(), True
    if isinstance(obj, pl.DataFrame):
        pl_order: Literal["c", "fortran"] = "c" if order == "C" else "fortran"
        try:
            return obj.to_numpy(order=pl_order, allow_copy=False), False
        except RuntimeError:
            reasons = [_why(s) for s in obj.iter_columns() if s.null_count() or s.n_chunks() > 1]
            why = (
                reasons[0]
                if reasons
                else f"a 2-D matrix from {obj.width} separate polars columns is copied into one block"
            )
            need_copy(why, copy)
            return obj.to_numpy(order=pl_order), True
    if isinstance(obj, pl.LazyFrame):
        raise TypeError(
            "Invalid type for argument `obj`: a polars LazyFrame holds no data yet; "
            "call .collect() first"
        )
    raise TypeError(
        "Invalid type for argument `obj`. Expected a polars Series or DataFrame. "
        f"Received: obj of type {type(obj).__name__}"
    )
