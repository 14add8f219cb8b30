"""Atomic file writes: a temp file in the target directory, fsync, then ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import Any

__all__ = ["atomic_path", "check_read_path"]


def _as_path(path: Any, func: str) -> str:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{func}: `path` must be a str or os.PathLike; received {type(path).__name__}"
        )
    return os.fspath(path)


def check_read_path(path: Any, func: str) -> str:
    """``path`` as a str; ``FileNotFoundError`` naming it when there is no such file."""
    p = _as_path(path, func)
    if not os.path.exists(p):
        raise FileNotFoundError(f"{func}: no such file: '{p}'")
    return p


@contextlib.contextmanager
def atomic_path(path: Any, func: str) -> Iterator[str]:
    """Yield a temp path next to ``path``; on success it becomes ``path`` atomically.

    The caller writes the whole file to the yielded path. On leaving the block the file is
    fsynced and renamed over ``path`` (``os.replace``, atomic on POSIX and Windows). If
    anything fails, the temp file is removed and ``path`` is left as it was: no partial
    file ever appears under the final name.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with atomic_path(os.path.join(d, "x.txt"), "demo") as tmp:
    ...     _ = open(tmp, "w").write("hello")
    >>> open(os.path.join(d, "x.txt")).read(), sorted(os.listdir(d))
    ('hello', ['x.txt'])
    """
    final = _as_path(path, func)
    directory = os.path.dirname(os.path.abspath(final))
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"{func}: directory '{directory}' does not exist (path '{final}')")
    if os.path.isdir(final):
        raise IsADirectoryError(f"{func}: `path` '{final}' is a directory")
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(final)}.", suffix=".tmp"
        )
    except OSError as e:
        raise type(e)(e.errno, f"{func}: cannot write to '{final}': {e.strerror}") from e
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Persist the rename (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
