"""Reshaping methods bound on DataFrame and Series."""

from __future__ import annotations

from typing import Any


def frame_melt(
    self: Any,
    id_vars: Any = None,
    value_vars: Any = None,
    var_name: Any = None,
    value_name: Any = "value",
    ignore_index: bool = True,
) -> Any:
    """``DataFrame.melt``: see :func:`gpuframe.melt`."""
    from ._pivot import melt

    return melt(self, id_vars, value_vars, var_name, value_name, ignore_index)


def frame_pivot(self: Any, *, columns: Any, index: Any = None, values: Any = None) -> Any:
    """``DataFrame.pivot``: see :func:`gpuframe.pivot`."""
    from ._pivot import pivot

    return pivot(self, columns=columns, index=index, values=values)


def frame_pivot_table(
    self: Any,
    values: Any = None,
    index: Any = None,
    columns: Any = None,
    aggfunc: Any = "mean",
    fill_value: Any = None,
    margins: bool = False,
    dropna: bool = True,
    margins_name: Any = "All",
    observed: bool = True,
    sort: bool = True,
) -> Any:
    """``DataFrame.pivot_table``: see :func:`gpuframe.pivot_table`."""
    from ._pivot import pivot_table

    return pivot_table(
        self,
        values,
        index,
        columns,
        aggfunc,
        fill_value,
        margins,
        dropna,
        margins_name=margins_name,
        observed=observed,
        sort=sort,
    )


def frame_stack(self: Any, level: Any = -1, *args: Any, **kwargs: Any) -> Any:
    """``DataFrame.stack``: see :func:`gpuframe.reshape.stack`."""
    from ._pivot import stack

    return stack(self, level, *args, **kwargs)


def unstack(self: Any, level: Any = -1, fill_value: Any = None, sort: bool = True) -> Any:
    """``unstack`` of a Series/DataFrame: see :func:`gpuframe.reshape.unstack`."""
    from ._pivot import unstack as _unstack

    return _unstack(self, level, fill_value, sort)


def explode(self: Any, column: Any = None, ignore_index: bool = False) -> Any:
    """``explode``: see :func:`gpuframe.reshape.explode`."""
    from ._pivot import explode as _explode

    return _explode(self, column, ignore_index)
