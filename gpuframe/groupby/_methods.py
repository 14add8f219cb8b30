"""``groupby`` methods bound on DataFrame and Series (imported lazily: no import cycle)."""

from __future__ import annotations

from typing import Any


def frame_groupby(
    self: Any,
    by: Any = None,
    level: Any = None,
    as_index: bool = True,
    sort: bool = True,
    group_keys: bool = True,
    observed: bool = True,
    dropna: bool = True,
) -> Any:
    """Group rows by column labels, Series, arrays or index levels.

    ``as_index``: keys become the result's index (else columns); ``sort``: groups in key
    order (else first appearance); ``dropna``: rows with a null key are dropped (else null is
    a group); ``observed``: only categories that occur.

    Examples
    --------
    >>> import gpuframe as gf
    >>> df = gf.DataFrame({"k": ["b", "a", "b"], "v": [1, 2, 3]})
    >>> df.groupby("k").sum().to_pandas()["v"].tolist()
    [2, 4]
    >>> df.groupby("k", as_index=False, sort=False).agg(total=("v", "sum")).to_pandas().values.tolist()
    [['b', 4], ['a', 2]]
    """
    from ._groupby import DataFrameGroupBy

    return DataFrameGroupBy(
        self,
        by,
        level=level,
        as_index=as_index,
        sort=sort,
        group_keys=group_keys,
        observed=observed,
        dropna=dropna,
    )


def series_groupby(
    self: Any,
    by: Any = None,
    level: Any = None,
    as_index: bool = True,
    sort: bool = True,
    group_keys: bool = True,
    observed: bool = True,
    dropna: bool = True,
) -> Any:
    """Group a Series by arrays, Series or index levels (see ``DataFrame.groupby``).

    Examples
    --------
    >>> import gpuframe as gf
    >>> s = gf.Series([1.0, 2.0, 4.0], name="v")
    >>> s.groupby(gf.Series(["x", "y", "x"])).mean().to_pandas().tolist()
    [2.5, 2.0]
    """
    from ._groupby import SeriesGroupBy

    return SeriesGroupBy(
        self,
        by,
        level=level,
        as_index=as_index,
        sort=sort,
        group_keys=group_keys,
        observed=observed,
        dropna=dropna,
    )
