"""Dask collections of gpuframe partitions: from a frame, back to one, and from files."""

from __future__ import annotations

import glob
import itertools
import os
from typing import Any

import numpy as np

from ._types import frame_types

__all__ = ["from_gpuframe", "read_csv", "read_json", "read_parquet", "to_gpuframe"]


def _partition(part: Any) -> Any:
    return part


def _check_npartitions(npartitions: Any, func: str) -> int:
    if isinstance(npartitions, bool) or not isinstance(npartitions, (int, np.integer)):
        raise TypeError(f"{func}: `npartitions` must be a positive int; received {npartitions!r}")
    if npartitions < 1:
        raise ValueError(f"{func}: `npartitions` must be a positive int; received {npartitions}")
    return int(npartitions)


def _host_index(index: Any) -> np.ndarray | None:
    """The index labels on the host when the index is one level (else None)."""
    if index.nlevels != 1:
        return None
    return np.asarray(index.to_pandas())


def _is_sorted(labels: np.ndarray) -> bool:
    return bool(np.all(labels[1:] >= labels[:-1]))


def _locations(
    n: int, labels: np.ndarray | None, npartitions: int
) -> tuple[tuple[Any, ...], list[int]]:
    """Partition boundaries (divisions, row positions) for ``n`` rows labelled ``labels``.

    Sorted labels give known divisions; equal labels never straddle two partitions (Dask's
    own rule, ``sorted_division_locations``). Otherwise (``labels`` None or unsorted) the rows
    are cut evenly and the divisions are unknown.
    """
    from dask.dataframe.io.io import sorted_division_locations

    if labels is not None and _is_sorted(labels):
        divisions, locations = sorted_division_locations(labels, npartitions=npartitions)
        return tuple(_scalar(d) for d in divisions), [int(x) for x in locations]
    step = max(1, -(-n // npartitions)) if n else 1
    locations = [*range(0, n, step), n] if n else [0, 0]
    return (None,) * len(locations), locations


def _orderable(labels: np.ndarray) -> bool:
    """True for numbers, datetimes and strings without missing values (they can bound
    partitions)."""
    kind = labels.dtype.kind
    if kind == "f":
        return not bool(np.isnan(labels).any())
    if kind in "mM":
        return not bool(np.isnat(labels).any())
    if kind in "OUT":
        return all(isinstance(v, str) for v in labels)
    return kind in "iu"


def _scalar(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) and value.dtype.kind in "iufb" else value


def from_gpuframe(data: Any, npartitions: int = 1, *, sort: bool = True) -> Any:
    """A Dask DataFrame (or Series) whose partitions are slices of the gpuframe ``data``.

    Parameters
    ----------
    data : gpuframe.DataFrame or gpuframe.Series
    npartitions : int
        Number of partitions (fewer when the rows do not fill them, or when equal index
        labels must stay in one partition).
    sort : bool, default True
        Sort by the index first when it is not sorted, so that the divisions are known
        (as :func:`dask.dataframe.from_pandas`). With ``sort=False`` an unsorted index gives
        unknown divisions.

    Examples
    --------
    >>> import gpuframe
    >>> df = gpuframe.DataFrame({"a": range(10), "b": [1.5] * 10})
    >>> ddf = from_gpuframe(df, npartitions=3)
    >>> ddf.npartitions, ddf.divisions
    (3, (0, 4, 7, 9))
    >>> type(ddf.partitions[0].compute()).__name__
    'DataFrame'
    >>> int(ddf["a"].sum().compute())
    45
    """
    import dask.dataframe as dd

    from ._dispatch import register

    if not isinstance(data, frame_types()):
        raise TypeError(
            "from_gpuframe: `data` must be a gpuframe DataFrame or Series; "
            f"received {type(data).__name__}"
        )
    npartitions = _check_npartitions(npartitions, "from_gpuframe")
    if not isinstance(sort, bool):
        raise TypeError(f"from_gpuframe: `sort` must be a bool; received {sort!r}")
    register()
    labels = _host_index(data.index) if len(data) else None
    if labels is not None and not _orderable(labels):
        labels = None  # missing or mixed labels: unknown divisions
    if sort and labels is not None and not _is_sorted(labels):
        data = data.sort_index()
        labels = _host_index(data.index)
    divisions, locations = _locations(len(data), labels, npartitions)
    parts = [data.iloc[a:b] for a, b in itertools.pairwise(locations)]
    meta = data.head(0)
    return dd.from_map(
        _partition,
        parts,
        meta=meta,
        divisions=divisions,
        label="from-gpuframe",
        enforce_metadata=False,
    )


def to_gpuframe(collection: Any) -> Any:
    """Compute a Dask DataFrame/Series into one gpuframe object.

    Partitions that are pandas objects (a collection on Dask's pandas backend) are moved to
    gpuframe after the compute.

    Examples
    --------
    >>> import gpuframe
    >>> ddf = from_gpuframe(gpuframe.DataFrame({"a": [3, 1, 2]}), npartitions=2)
    >>> to_gpuframe(ddf[ddf["a"] > 1])["a"].to_pandas().tolist()
    [3, 2]
    """
    import pandas as pd
    from dask import is_dask_collection

    import gpuframe

    if not is_dask_collection(collection) or not hasattr(collection, "_meta"):
        raise TypeError(
            "to_gpuframe: `collection` must be a Dask DataFrame or Series; "
            f"received {type(collection).__name__}"
        )
    out = collection.compute()
    if isinstance(out, (pd.DataFrame, pd.Series)):
        out = gpuframe.from_pandas(out)
    return out


# ------------------------------------------------------------------------------------ files
def _expand_paths(path: Any, func: str, *, directory_ext: tuple[str, ...]) -> list[str]:
    """Files named by ``path``: a file, a directory (its data files), a glob or a list."""
    if isinstance(path, (list, tuple)):
        out: list[str] = []
        for p in path:
            out.extend(_expand_paths(p, func, directory_ext=directory_ext))
        return out
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{func}: `path` must be a str, PathLike or a list of them; received {path!r}"
        )
    p = os.fspath(path)
    if os.path.isdir(p):
        hive = [root for root, _, _ in os.walk(p) if "=" in os.path.basename(root)]
        if hive:
            raise NotImplementedError(
                f"{func}: hive-partitioned directories (e.g. {hive[0]!r}) are not supported "
                "by the gpuframe backend; pass the files, or read with the pandas backend "
                "and .to_backend('gpuframe')"
            )
        files = sorted(
            os.path.join(root, f)
            for root, _, names in os.walk(p)
            for f in names
            if f.endswith(directory_ext) and not f.startswith((".", "_"))
        )
    elif any(ch in p for ch in "*?["):
        files = sorted(glob.glob(p))
    else:
        files = [p] if os.path.exists(p) else []
    if not files:
        raise FileNotFoundError(f"{func}: no files found for path {p!r}")
    return files


def _read_parquet_piece(
    path: str, *, filters: Any = None, device: Any = None, columns: list[str] | None = None
) -> Any:
    """One Parquet file as a gpuframe DataFrame (Dask pushes column selections into
    ``columns``)."""
    import gpuframe

    out = gpuframe.read_parquet(path, columns=columns, filters=filters, device=device)
    return _unnamed_dask_index(out)


# Dask writes a frame's RangeIndex as this column and reads it back as an unnamed index
NULL_DASK_INDEX = "__null_dask_index__"


def _unnamed_dask_index(df: Any) -> Any:
    if df.index.nlevels == 1 and df.index.name == NULL_DASK_INDEX:
        df.index = df.index.rename(None)
    return df


def _unsupported(func: str, kwargs: dict[str, Any]) -> None:
    if kwargs:
        raise NotImplementedError(
            f"{func}: arguments {sorted(kwargs)} are not supported by the gpuframe backend"
        )


def read_parquet(
    path: Any,
    columns: list[str] | str | None = None,
    filters: Any = None,
    *,
    device: Any = None,
    **kwargs: Any,
) -> Any:
    """A Dask DataFrame of gpuframe partitions, one per Parquet file.

    ``path`` is a file, a directory (its ``*.parquet`` files, sorted), a glob or a list.
    ``columns`` and ``filters`` are pushed down to each file's reader, and Dask pushes later
    column selections down as well. With ``dataframe.backend`` set to ``"gpuframe"``,
    :func:`dask.dataframe.read_parquet` calls this function.

    Examples
    --------
    >>> import os, tempfile, gpuframe
    >>> d = tempfile.mkdtemp()
    >>> for i in range(2):
    ...     gpuframe.DataFrame({"a": [i, i + 10]}).to_parquet(os.path.join(d, f"{i}.parquet"))
    >>> ddf = read_parquet(d)
    >>> ddf.npartitions, sorted(ddf["a"].compute().to_pandas().tolist())
    (2, [0, 1, 10, 11])
    """
    import dask.dataframe as dd
    import pyarrow.parquet as pq

    import gpuframe

    from ._dispatch import register

    if kwargs.get("engine", None) in (None, "pyarrow", "auto"):
        kwargs.pop("engine", None)
    _unsupported("read_parquet", kwargs)
    register()
    files = _expand_paths(path, "read_parquet", directory_ext=(".parquet", ".parq", ".pq"))
    single = isinstance(columns, str)
    cols = [columns] if single else (None if columns is None else list(columns))
    schema = pq.read_schema(files[0])
    if cols is not None:
        missing = [c for c in cols if c not in schema.names]
        if missing:
            raise KeyError(f"read_parquet: columns {missing} not found; columns: {schema.names}")
    meta = _unnamed_dask_index(gpuframe.from_arrow(schema.empty_table(), device=device))
    if cols is not None:
        meta = meta[cols]
    out = dd.from_map(
        _read_parquet_piece,
        files,
        filters=filters,
        device=device,
        columns=cols,
        meta=meta.head(0),
        label="read-parquet-gpuframe",
        enforce_metadata=False,
    )
    return out[columns] if single else out


def _read_csv_piece(path: str, kwargs: dict[str, Any]) -> Any:
    import gpuframe

    return gpuframe.read_csv(path, **kwargs)


def _read_json_piece(path: str, kwargs: dict[str, Any]) -> Any:
    import gpuframe

    return gpuframe.read_json(path, **kwargs)


def read_csv(urlpath: Any, **kwargs: Any) -> Any:
    """A Dask DataFrame of gpuframe partitions, one per CSV file (``gpuframe.read_csv``).

    Keyword arguments go to :func:`gpuframe.read_csv` for every file; the metadata come
    from the first file.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for i in range(2):
    ...     with open(os.path.join(d, f"{i}.csv"), "w") as f:
    ...         _ = f.write(f"a,b\\n{i},x\\n")
    >>> ddf = read_csv(os.path.join(d, "*.csv"))
    >>> ddf.npartitions, ddf["a"].sum().compute()
    (2, np.int64(1))
    """
    import dask.dataframe as dd

    from ._dispatch import register

    register()
    files = _expand_paths(urlpath, "read_csv", directory_ext=(".csv",))
    return dd.from_map(
        _read_csv_piece, files, args=(kwargs,), label="read-csv-gpuframe", enforce_metadata=False
    )


def read_json(url_path: Any, orient: str = "records", lines: bool | None = None, **kwargs: Any):
    """A Dask DataFrame of gpuframe partitions, one per JSON file (``gpuframe.read_json``).

    ``orient="records"`` only; ``lines`` defaults to True (JSON lines), as in Dask.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with open(os.path.join(d, "0.json"), "w") as f:
    ...     _ = f.write('{"a": 1}\\n{"a": 2}\\n')
    >>> read_json(os.path.join(d, "*.json"))["a"].sum().compute()
    np.int64(3)
    """
    import dask.dataframe as dd

    from ._dispatch import register

    if orient != "records":
        raise NotImplementedError(
            f"read_json: only `orient='records'` is supported; received orient={orient!r}"
        )
    register()
    files = _expand_paths(url_path, "read_json", directory_ext=(".json", ".jsonl"))
    kwargs["lines"] = True if lines is None else lines
    return dd.from_map(
        _read_json_piece,
        files,
        args=(kwargs,),
        label="read-json-gpuframe",
        enforce_metadata=False,
    )
