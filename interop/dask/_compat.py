"""Which pandas methods that Dask calls on partitions gpuframe does not offer (yet).

Dask's own algorithms call some pandas methods directly on partitions, outside any dispatch
function (``DataFrame.T`` in frame-wide reductions, ``astype(..., errors=)`` before hashing
shuffle keys, ``Series.quantile`` with a list of ``q`` to find ``set_index`` divisions, ...).
:func:`partition_gaps` probes a tiny gpuframe frame for each one, so that users (and the
tests) can tell which Dask operations will work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = ["OPERATIONS", "partition_gaps", "unsupported"]


def _frame() -> Any:
    import gpuframe

    return gpuframe.DataFrame({"k": [2, 1, 2], "v": [1.0, 2.0, 3.0]})


def _probe_transpose() -> None:
    _frame()[["v"]].sum().to_frame().T  # noqa: B018


def _probe_numeric_data() -> None:
    _frame()._get_numeric_data()


def _probe_groupby_index_key() -> None:
    _frame().groupby("k")[pd.Index(["v"])].count()


def _probe_astype_errors() -> None:
    _frame().astype({"k": "float64"}, errors="ignore")


def _probe_index_astype() -> None:
    df = _frame()
    df.index.astype("int64")
    df.set_index("k").index.astype("float64")


def _probe_index_to_frame() -> None:
    _frame().set_index("k").index.to_frame()


def _probe_constructor() -> None:
    _frame()["v"]._constructor([1.0, 2.0])


def _probe_searchsorted() -> None:
    s = _frame()["v"]
    s.searchsorted(s, side="right")


def _probe_quantiles() -> None:
    _frame()["v"].quantile(q=[0.0, 0.5, 1.0], interpolation="nearest")


def _probe_merge_same_key_names() -> None:
    df = _frame()
    out = df.merge(df[["k"]].drop_duplicates(), left_on="k", right_on="k")
    if list(out.columns) != ["k", "v"]:
        raise AssertionError(f"merge keeps both key columns: {list(out.columns)}")


def _probe_index_name() -> None:
    index = _frame().set_index("k").index
    index.name = "x"


PROBES: dict[str, tuple[str, Callable[[], None]]] = {
    "DataFrame.T": ("frame-wide reductions (ddf.sum(), ddf.count())", _probe_transpose),
    "DataFrame._get_numeric_data": ("groupby(...).mean()", _probe_numeric_data),
    "GroupBy[pandas.Index]": ("groupby(...).mean()", _probe_groupby_index_key),
    "DataFrame.astype(errors=)": (
        "hash shuffles: merge, shuffle, drop_duplicates",
        _probe_astype_errors,
    ),
    "Index.astype": ("merge", _probe_index_astype),
    "Index.to_frame": ("value_counts", _probe_index_to_frame),
    "Series._constructor": ("set_index, sort_values", _probe_constructor),
    "Series.searchsorted": ("set_index, sort_values", _probe_searchsorted),
    "Series.quantile(list of q)": ("set_index, sort_values", _probe_quantiles),
    "Index.name setter": ("set_index", _probe_index_name),
    "merge(left_on=k, right_on=k) -> one k": ("merge", _probe_merge_same_key_names),
}

# the partition methods each Dask operation needs
OPERATIONS: dict[str, tuple[str, ...]] = {
    "frame_reduction": ("DataFrame.T",),
    "groupby_mean": ("DataFrame._get_numeric_data", "GroupBy[pandas.Index]"),
    "shuffle": ("DataFrame.astype(errors=)",),
    "merge": (
        "DataFrame.astype(errors=)",
        "Index.astype",
        "merge(left_on=k, right_on=k) -> one k",
    ),
    "value_counts": ("DataFrame.astype(errors=)", "Index.to_frame"),
    "set_index": (
        "Series._constructor",
        "Series.searchsorted",
        "Series.quantile(list of q)",
        "Index.name setter",
        "DataFrame.astype(errors=)",
    ),
}


def partition_gaps() -> dict[str, str]:
    """``{method: what needs it}`` for every probed method gpuframe lacks in this version.

    Examples
    --------
    >>> gaps = partition_gaps()
    >>> all(isinstance(k, str) and isinstance(v, str) for k, v in gaps.items())
    True
    """
    out = {}
    for name, (needed_by, probe) in PROBES.items():
        try:
            probe()
        except Exception:
            out[name] = needed_by
    return out


def unsupported(operation: str) -> list[str]:
    """The methods the Dask ``operation`` (a key of :data:`OPERATIONS`) lacks here."""
    if operation not in OPERATIONS:
        raise KeyError(f"operation {operation!r} not found; operations: {sorted(OPERATIONS)}")
    gaps = partition_gaps()
    return [m for m in OPERATIONS[operation] if m in gaps]
