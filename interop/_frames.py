"""Raw arrays -> gpuframe Series/DataFrame (the 2-D block is kept, so it hands back as is)."""

from __future__ import annotations

from typing import Any

__all__ = ["frame_from_array"]


def frame_from_array(
    arr: Any,
    *,
    index: Any = None,
    columns: Any = None,
    name: Any = None,
    argument: str = "data",
) -> Any:
    """A 1-D array -> ``gpuframe.Series``; a 2-D array -> ``gpuframe.DataFrame`` on the
    array's own device (not the current default device), without a copy. Other ranks raise
    ``ValueError``."""
    import gpuframe
    from gpuframe.backend import array_device

    ndim = getattr(arr, "ndim", None)
    if ndim == 1:
        if columns is not None:
            raise TypeError(
                f"Invalid argument `columns` for a 1-D `{argument}` (it becomes a Series; "
                "use `name`)"
            )
        return gpuframe.Series(arr, index=index, name=name, device=array_device(arr))
    if ndim == 2:
        if name is not None:
            raise TypeError(
                f"Invalid argument `name` for a 2-D `{argument}` (it becomes a DataFrame; "
                "use `columns`)"
            )
        return gpuframe.DataFrame(arr, index=index, columns=columns, device=array_device(arr))
    raise ValueError(
        f"Invalid value for argument `{argument}`. Expected a 1-D array (Series) or a 2-D "
        f"array (DataFrame). Received: an array of shape {tuple(getattr(arr, 'shape', ()))} "
        f"({ndim}-D)"
    )
