"""The copy policy shared by every hand-off path: ``copy=None``, ``True`` or ``False``.

``copy=None`` copies only where the source cannot be handed over as it is; ``copy=True``
always returns fresh memory; ``copy=False`` never copies and raises ``ValueError`` saying why
a copy would be needed. Every path calls :func:`need_copy` at the point where it is about to
copy, so that the refusal names the real reason.
"""

from __future__ import annotations

__all__ = ["CopyNeededError", "check_copy_flag", "need_copy"]


class CopyNeededError(ValueError):
    """``copy=False`` was asked but the hand-off cannot be made without a copy."""


def check_copy_flag(copy: object, *, argument: str = "copy") -> bool | None:
    """Validate a ``copy`` argument: ``None``, ``True`` or ``False``.

    Examples
    --------
    >>> check_copy_flag(None) is None
    True
    >>> check_copy_flag("yes")
    Traceback (most recent call last):
    ...
    TypeError: Invalid value for argument `copy`. Expected None, True or False. Received: copy='yes'
    """
    if copy is None or isinstance(copy, bool):
        return copy
    raise TypeError(
        f"Invalid value for argument `{argument}`. Expected None, True or False. "
        f"Received: {argument}={copy!r}"
    )


def need_copy(why: str, copy: bool | None) -> None:
    """Declare that a copy is about to be made because of ``why``; refuse when ``copy=False``.

    Examples
    --------
    >>> need_copy("the dtype changes", None)
    >>> need_copy("the dtype changes", False)
    Traceback (most recent call last):
    ...
    interop._copy.CopyNeededError: copy=False but a copy is needed: the dtype changes
    """
    if copy is False:
        raise CopyNeededError(f"copy=False but a copy is needed: {why}")
