"""Element-wise NumPy work on the process's cores: row chunks on a small persistent pool.

One NumPy pass over a large array uses one core, and on a machine with few cores much of
its time is memory traffic and first-touch page faults of the fresh output. NumPy releases
the GIL inside ufunc loops and casts of numeric dtypes (and Numba kernels compiled with
``nogil=True`` run without it), so the same pass split into row chunks runs on every core:
the output is allocated once (``np.empty``: its pages are first touched by the threads that
write them) and each chunk writes its own slice.

* :func:`map_chunks` calls ``body(start, stop)`` for the row chunks of ``[0, n)`` and
  returns the per-chunk results in chunk order;
* :func:`apply` evaluates an element-wise function (a ufunc, ``np.round``, ``np.clip``: any
  callable with an ``out=`` argument) over chunks into one output;
* :func:`astype` and :func:`where` are the casting copy and the selection.

Only plain 1-D ``numpy.ndarray`` inputs of at least :data:`MIN_ROWS` rows in a process with
two or more cores take the pool; anything else (CuPy, array-api-strict, small inputs) is
the plain call, so results are the same objects NumPy would give: element-wise work is
exact, chunked or not. The calling thread works on chunks too and helpers take chunks from
a shared counter, so a busy pool only means the caller does more of the work; a call made
from inside a pool task runs serially (nested use cannot deadlock); several threads may call
at once (Dask runs partitions on threads). NumPy's floating-point error state of the caller
(``np.errstate``) applies in the helper threads, and an exception raised in a chunk is
raised in the caller once every chunk has stopped.

Examples
--------
>>> import numpy as np
>>> x = np.arange(10.0)
>>> apply(np.multiply, x, 2.0, min_rows=1).tolist()[:4]
[0.0, 2.0, 4.0, 6.0]
>>> map_chunks(lambda s, e: e - s, 10, min_rows=1, chunks=3)
[4, 3, 3]
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import numpy as np

__all__ = [
    "MIN_ROWS",
    "any_nan",
    "apply",
    "astype",
    "astype_no_nan",
    "chunk_bounds",
    "map_chunks",
    "num_workers",
    "parallel_rows",
    "where",
    "workers",
]

T = TypeVar("T")

MIN_ROWS = 1 << 18  # below this a pass takes ~0.1 ms: a thread hand-off is not worth it
_CHUNKS_PER_WORKER = 4  # a few chunks each: a descheduled thread does not hold the rest up
_ALIGN = 1 << 12  # chunk starts are multiples of this (whole pages of a bool output)
_MAX_WORKERS = 32
_BLOCK = 1 << 15  # rows per step inside a chunk where temporaries should stay in cache
_NUMERIC = frozenset("biufcmM")  # dtype kinds whose NumPy loops release the GIL

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_cores: int | None = None
_override: int | None = None
_local = threading.local()


def _affinity() -> int:
    global _cores
    if _cores is None:
        try:
            _cores = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):  # not on Linux
            _cores = os.cpu_count() or 1
    return _cores


def num_workers() -> int:
    """Threads a parallel pass uses: the cores this process may run on (``GPUFRAME_THREADS``
    or :func:`workers` set another number; 1 turns the pool off).

    Examples
    --------
    >>> num_workers() >= 1
    True
    """
    if _override is not None:
        return _override
    env = os.environ.get("GPUFRAME_THREADS")
    if env:
        try:
            return max(1, min(int(env), _MAX_WORKERS))
        except ValueError:
            pass
    return max(1, min(_affinity(), _MAX_WORKERS))


@contextmanager
def workers(n: int | None) -> Iterator[None]:
    """Within the block, parallel passes use ``n`` threads (``None``: the default).

    Meant for tests and benchmarks: the setting is process-wide, not per thread.

    Examples
    --------
    >>> with workers(1):
    ...     num_workers()
    1
    """
    global _override
    if n is not None and n < 1:
        raise ValueError(f"workers: `n` must be at least 1; received {n}")
    old = _override
    _override = None if n is None else min(int(n), _MAX_WORKERS)
    try:
        yield
    finally:
        _override = old


def _in_worker() -> bool:
    return getattr(_local, "depth", 0) > 0


def _mark_worker() -> None:
    _local.depth = 1


def _get_pool(size: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size < size:
            # a smaller pool is dropped, not shut down (a caller may still submit to it);
            # its idle threads end when it is collected
            _pool = ThreadPoolExecutor(
                max_workers=size, thread_name_prefix="gpuframe-parallel", initializer=_mark_worker
            )
            _pool_size = size
        return _pool


def _forget_pool() -> None:  # in a forked child the parent's threads do not exist
    global _pool, _pool_size, _cores, _lock
    _pool, _pool_size, _cores = None, 0, None
    _lock = threading.Lock()
    _local.depth = 0


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def chunk_bounds(n: int, chunks: int) -> list[tuple[int, int]]:
    """``chunks`` (at most) contiguous ``(start, stop)`` ranges covering ``[0, n)``; inner
    boundaries are multiples of 4096 rows when the chunks are large enough.

    Examples
    --------
    >>> chunk_bounds(10, 3)
    [(0, 4), (4, 7), (7, 10)]
    >>> chunk_bounds(0, 2)
    [(0, 0)]
    """
    chunks = max(1, min(int(chunks), n))
    if chunks == 1:
        return [(0, n)]
    align = _ALIGN if n // chunks >= 4 * _ALIGN else 1
    cuts = [0]
    for i in range(1, chunks):
        c = (n * i // chunks) // align * align if align > 1 else -(-n * i // chunks)
        cuts.append(max(c, cuts[-1]))
    cuts.append(n)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def parallel_rows(n: int, min_rows: int | None = None) -> bool:
    """Whether a pass over ``n`` rows would take the pool (large enough, two or more
    threads, not already inside a pool task).

    Examples
    --------
    >>> parallel_rows(10)
    False
    """
    if min_rows is None:
        min_rows = MIN_ROWS
    return n >= max(min_rows, 2) and num_workers() > 1 and not _in_worker()


def map_chunks(
    body: Callable[[int, int], T], n: int, *, min_rows: int | None = None, chunks: int | None = None
) -> list[T]:
    """``[body(start, stop) for each row chunk of [0, n)]``, the chunks run on the pool.

    ``body`` must only touch rows ``start:stop`` of any output it writes, and should spend its
    time in code that releases the GIL (NumPy loops, ``nogil`` Numba kernels). Serial (one
    chunk ``(0, n)``) for ``n < min_rows``, one thread, or inside a pool task. ``chunks``
    overrides the number of chunks (tests). The first exception of a chunk is raised here
    after every running chunk has stopped (chunks not yet started are skipped).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(1_000_000)
    >>> sum(map_chunks(lambda s, e: int(x[s:e].sum()), len(x))) == int(x.sum())
    True
    """
    if not parallel_rows(n, min_rows):
        if chunks is None or chunks <= 1 or n == 0:
            return [body(0, n)]
        return [body(s, e) for s, e in chunk_bounds(n, chunks)]
    nw = num_workers()
    if chunks is None:
        least = max((MIN_ROWS if min_rows is None else min_rows) // 2, 1)
        chunks = min(nw * _CHUNKS_PER_WORKER, max(1, n // least))
    bounds = chunk_bounds(n, max(chunks, 1))
    if len(bounds) == 1:
        return [body(0, n)]
    results: list[Any] = [None] * len(bounds)
    errors: list[BaseException] = []
    state = {"next": 0}
    take = threading.Lock()
    err = np.geterr()

    def runner() -> None:
        while True:
            with take:
                i = state["next"]
                if i >= len(bounds) or errors:
                    return
                state["next"] = i + 1
            try:
                with np.errstate(**err):  # type: ignore[arg-type]
                    results[i] = body(*bounds[i])
            except BaseException as e:  # handed to the caller
                with take:
                    errors.append(e)
                return

    helpers = min(nw, len(bounds)) - 1
    pool = _get_pool(nw)
    futures: list[Future[None]] = [pool.submit(runner) for _ in range(helpers)]
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1  # nested calls from the caller's own chunks run serially
    try:
        runner()
    finally:
        _local.depth = depth
        for f in futures:
            if not f.cancel():  # started: wait until it stops taking chunks
                f.result()
    if errors:
        raise errors[0]
    return results


def _rows(args: tuple[Any, ...]) -> int | None:
    """The common length when every array argument is a plain numeric 1-D ``numpy.ndarray``
    (scalars and 0-d arrays broadcast), else None."""
    n: int | None = None
    for a in args:
        if type(a) is np.ndarray:
            if a.ndim == 0:
                continue
            if a.ndim != 1 or a.dtype.kind not in _NUMERIC:
                return None
            if n is None:
                n = a.shape[0]
            elif a.shape[0] != n:
                return None
        elif hasattr(a, "__array_namespace__") or hasattr(a, "__array_function__"):
            if not isinstance(a, np.generic):
                return None  # another array library (or a subclass): the plain call
    return n


def _part(a: Any, s: int, e: int) -> Any:
    return a[s:e] if type(a) is np.ndarray and a.ndim == 1 else a


def apply(
    fn: Callable[..., Any],
    *args: Any,
    min_rows: int | None = None,
    blocks: bool = False,
    **kwargs: Any,
) -> Any:
    """``fn(*args, **kwargs)`` for an element-wise ``fn`` that takes ``out=``, over row chunks.

    The result dtype is the one ``fn`` gives (found on the first row), so the answer equals
    the plain call's bit for bit; arguments that are not 1-D NumPy arrays pass to every chunk
    as they are (scalars broadcast). Inputs that are not plain numeric NumPy arrays, or
    fewer than ``min_rows`` rows, make it the plain call. ``blocks``: each chunk is done in
    cache-sized blocks (for a ``fn`` that makes several passes, such as ``np.round``).

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([1, -2, 3], dtype=np.int32)
    >>> apply(np.add, a, 1, min_rows=1).tolist()
    [2, -1, 4]
    >>> apply(np.round, np.array([0.125, 2.5]), decimals=2, min_rows=1).tolist()
    [0.12, 2.5]
    """
    n = _rows(args)
    if n is None or not parallel_rows(n, min_rows):
        return fn(*args, **kwargs)
    with np.errstate(all="ignore"):  # the chunks report (or raise) what the row does
        probe = fn(*(_part(a, 0, 1) for a in args), **kwargs)
    if type(probe) is not np.ndarray or probe.shape != (1,):
        return fn(*args, **kwargs)  # not element-wise as assumed: the plain call
    out = np.empty(n, dtype=probe.dtype)

    step = _BLOCK if blocks else n

    def body(s: int, e: int) -> None:
        for i in range(s, e, step):
            j = min(i + step, e)
            fn(*(_part(a, i, j) for a in args), out=out[i:j], **kwargs)

    map_chunks(body, n, min_rows=min_rows)
    return out


def astype(x: Any, dtype: Any, *, min_rows: int | None = None) -> Any:
    """``x.astype(dtype)`` (a copy, NumPy's unsafe cast) over row chunks.

    Examples
    --------
    >>> import numpy as np
    >>> astype(np.array([1.5, -2.5]), np.int64, min_rows=1).tolist()
    [1, -2]
    """
    target = np.dtype(dtype) if type(x) is np.ndarray else dtype
    if (
        type(x) is not np.ndarray
        or x.ndim != 1
        or x.dtype.kind not in _NUMERIC
        or target.kind not in _NUMERIC
        or not parallel_rows(x.shape[0], min_rows)
    ):
        return x.astype(dtype)
    out = np.empty(x.shape[0], dtype=target)

    def body(s: int, e: int) -> None:
        np.copyto(out[s:e], x[s:e], casting="unsafe")

    map_chunks(body, x.shape[0], min_rows=min_rows)
    return out


def where(cond: Any, a: Any, b: Any, *, min_rows: int | None = None) -> Any:
    """``np.where(cond, a, b)`` over row chunks (``a``/``b`` arrays or scalars).

    Examples
    --------
    >>> import numpy as np
    >>> where(np.array([True, False]), 1.0, np.array([5.0, 6.0]), min_rows=1).tolist()
    [1.0, 6.0]
    """
    args = (cond, a, b)
    n = _rows(args)
    if n is None or type(cond) is not np.ndarray or not parallel_rows(n, min_rows):
        return np.where(cond, a, b)
    probe = np.where(*(_part(v, 0, 1) for v in args))
    out = np.empty(n, dtype=probe.dtype)

    def body(s: int, e: int) -> None:
        for i in range(s, e, _BLOCK):
            j = min(i + _BLOCK, e)
            np.copyto(out[i:j], np.where(*(_part(v, i, j) for v in args)))

    map_chunks(body, n, min_rows=min_rows)
    return out


def any_nan(x: Any, *, min_rows: int | None = None) -> bool:
    """Whether a NumPy array holds a NaN, in one read-only pass (``min`` propagates
    NaN) over row chunks.

    Examples
    --------
    >>> import numpy as np
    >>> any_nan(np.array([1.0, np.nan])), any_nan(np.array([1.0, np.inf]))
    (True, False)
    """
    n = int(x.shape[0])
    if n == 0:
        return False
    if type(x) is not np.ndarray or x.ndim != 1 or x.dtype.kind != "f":
        return bool(np.isnan(x).any())

    def body(s: int, e: int) -> bool:
        with np.errstate(invalid="ignore"):
            return bool(np.isnan(x[s:e].min()))

    return any(map_chunks(body, n, min_rows=min_rows))


def _float_1d(x: Any) -> bool:
    return type(x) is np.ndarray and x.ndim == 1 and x.dtype.kind == "f"


def astype_no_nan(x: Any, dtype: Any, *, min_rows: int | None = None) -> Any:
    """``x.astype(dtype)`` of a float NumPy array in one pass that also looks for NaN:
    None when ``x`` holds a NaN (the caller decides), else the cast.

    Examples
    --------
    >>> import numpy as np
    >>> astype_no_nan(np.array([1.5, -2.0]), np.int64).tolist()
    [1, -2]
    >>> astype_no_nan(np.array([1.5, np.nan]), np.int64) is None
    True
    """
    if not _float_1d(x):
        raise TypeError("astype_no_nan: `x` must be a 1-D float NumPy array")
    target = np.dtype(dtype)
    n = x.shape[0]
    out = np.empty(n, dtype=target)

    step = _BLOCK * 4  # 1 MiB of float64: in L2 for the cast, few calls

    def body(s: int, e: int) -> bool:
        for i in range(s, e, step):  # the NaN check reads the block into cache for the cast
            j = min(i + step, e)
            with np.errstate(invalid="ignore"):
                if np.isnan(x[i:j].min()):
                    return True
            np.copyto(out[i:j], x[i:j], casting="unsafe")
        return False

    if n and any(map_chunks(body, n, min_rows=min_rows)):
        return None
    return out
