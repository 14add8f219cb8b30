"""Concatenation of gpuframe partitions, as Dask's ``concat`` dispatch expects it."""

from __future__ import annotations

from typing import Any

from ._types import index_types

__all__ = ["concat_gpuframe"]


def concat_gpuframe(
    dfs: list[Any],
    axis: int | str = 0,
    join: str = "outer",
    uniform: bool = False,
    filter_warning: bool = True,
    ignore_index: bool = False,
    **kwargs: Any,
) -> Any:
    """Concatenate gpuframe DataFrames, Series or indexes (``gpuframe.concat`` semantics).

    ``uniform`` and ``filter_warning`` are hints Dask passes; ``ignore_order`` (order of
    categorical categories) is accepted, as the categories are unified in any case. Other
    keyword arguments are passed on (``sort``).

    Examples
    --------
    >>> import gpuframe
    >>> a, b = gpuframe.DataFrame({"x": [1]}), gpuframe.DataFrame({"x": [2], "y": ["u"]})
    >>> concat_gpuframe([a, b], ignore_index=True).to_pandas().values.tolist()
    [[1, nan], [2, 'u']]
    """
    from gpuframe.reshape import concat

    kwargs.pop("ignore_order", None)
    unknown = set(kwargs) - {"sort"}
    if unknown:
        raise NotImplementedError(
            f"concat: keyword arguments {sorted(unknown)} are not supported for gpuframe"
        )
    if isinstance(dfs[0], index_types()):
        if axis not in (0, "index", "rows"):
            raise ValueError(f"concat: indexes concatenate along axis 0 only; received {axis!r}")
        out = dfs[0]
        for other in dfs[1:]:
            out = out.append(other)
        return out
    return concat(list(dfs), axis=axis, join=join, ignore_index=ignore_index, **kwargs)
