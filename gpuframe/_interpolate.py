"""``interpolate``: missing values filled on a straight line between their neighbours.

Vectorised on the device: the positions of the valid values are found once, and every
missing slot looks up its previous and next valid neighbour with ``searchsorted`` (no scan,
no per-row loop). pandas' rules are followed for ``limit`` (at most that many slots of a gap
filled, counted from the side(s) ``limit_direction`` names), ``limit_direction`` (forward
extends the last value over trailing gaps, backward the first over leading gaps) and
``limit_area`` (``inside``: only gaps with valid values on both sides; ``outside``: only
leading/trailing gaps).

Methods: ``linear`` (positions equally spaced, the default) and ``index``/``values``
(the numeric, increasing index gives the x positions). Only numeric columns interpolate;
pandas' datetime interpolation is not supported (``TypeError``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from . import dtypes as _dt
from .column import Column

__all__ = ["FrameInterpolateMixin", "SeriesInterpolateMixin", "interpolate_column"]

_METHODS = ("linear", "index", "values")
_DIRECTIONS = ("forward", "backward", "both")
_AREAS = (None, "inside", "outside")


def _check_args(method: Any, limit: Any, limit_direction: Any, limit_area: Any) -> str:
    if method not in _METHODS:
        if method in ("pad", "ffill", "bfill", "backfill"):
            raise ValueError(f"interpolate: can not interpolate with method={method!r} (use ffill)")
        raise NotImplementedError(
            f"interpolate: `method` must be one of {list(_METHODS)}; received method={method!r}"
        )
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)):
            raise TypeError(f"interpolate: `limit` must be an integer; received {limit!r}")
        if limit <= 0:
            raise ValueError(f"interpolate: `limit` must be greater than 0; received {limit}")
    direction = "forward" if limit_direction is None else limit_direction
    if direction not in _DIRECTIONS:
        raise ValueError(
            f"interpolate: `limit_direction` must be one of {list(_DIRECTIONS)}; "
            f"received limit_direction={limit_direction!r}"
        )
    if limit_area not in _AREAS:
        raise ValueError(
            f"interpolate: `limit_area` must be one of {list(_AREAS)}; "
            f"received limit_area={limit_area!r}"
        )
    return str(direction)


def interpolate_column(
    col: Column,
    x: Any = None,
    *,
    limit: int | None = None,
    limit_direction: str = "forward",
    limit_area: str | None = None,
    label: Any = None,
) -> Column:
    """``col`` with its missing values interpolated linearly (``x``: device float64 x
    positions, default ``0..n-1``).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> interpolate_column(as_column([1.0, None, None, 4.0, None])).to_pandas().tolist()
    [1.0, 2.0, 3.0, 4.0, 4.0]
    """
    if not _dt.is_numeric(col.dtype) or col.dtype.kind == "b":
        where = "" if label is None else f" (column {label!r})"
        raise TypeError(f"interpolate: cannot interpolate with {col.dtype} dtype{where}")
    xp = col.xp
    n = len(col)
    if n == 0:
        return col
    valid = col.valid_array()
    if bool(xp.all(valid)):
        return col
    vpos = xp.nonzero(valid)[0]
    m = int(vpos.shape[0])
    if m == 0:
        return col
    y = xp.astype(col.data, xp.float64)
    i = xp.arange(n, dtype=vpos.dtype)
    before = xp.searchsorted(vpos, i, side="right") - 1  # slot in vpos of the previous valid
    after = xp.searchsorted(vpos, i, side="left")  # slot in vpos of the next valid
    has_p, has_q = before >= 0, after < m
    zero = xp.zeros((), dtype=before.dtype)
    top = xp.asarray(m - 1, dtype=before.dtype)
    p = xp.take(vpos, xp.where(has_p, before, zero))
    q = xp.take(vpos, xp.where(has_q, after, top))
    xs = xp.astype(i, xp.float64) if x is None else x
    yp, yq = xp.take(y, p), xp.take(y, q)
    xp_, xq = xp.take(xs, p), xp.take(xs, q)
    inside = has_p & has_q & (q != p)
    dx = xp.where(inside, xq - xp_, xp.ones_like(xq))
    line = (yq - yp) / dx * (xs - xp_) + yp  # np.interp's formula
    value = xp.where(inside, line, xp.where(has_p, yp, yq))
    from_p, from_q = has_p, has_q
    if limit is not None:
        from_p = from_p & (i - p <= limit)
        from_q = from_q & (q - i <= limit)
    if limit_direction == "forward":
        fill = from_p
    elif limit_direction == "backward":
        fill = from_q
    else:
        fill = from_p | from_q
    both_sides = has_p & has_q
    if limit_area == "inside":
        fill = fill & both_sides
    elif limit_area == "outside":
        fill = fill & ~both_sides
    fill = fill & ~valid
    out = xp.where(fill, value, y)
    if col.mask is not None:
        return Column._from_parts(out, valid | fill, np.dtype("float64"))
    out = xp.where(valid | fill, out, xp.asarray(np.nan, dtype=xp.float64))
    if col.dtype == np.dtype("float32"):
        return Column._from_parts(xp.astype(out, xp.float32))
    return Column._from_parts(out)


def _x_positions(obj: Any, method: str) -> Any:
    """The x positions of ``method`` on the device (None: equally spaced)."""
    if method == "linear":
        return None
    cols = obj._index._columns()
    if len(cols) != 1 or not _dt.is_numeric(cols[0].dtype) or cols[0].has_nulls:
        raise TypeError(
            f"interpolate: method={method!r} needs a numeric index without missing values"
        )
    xp = cols[0].xp
    x = xp.astype(cols[0].data, xp.float64)
    if x.shape[0] > 1 and bool(xp.any(x[1:] < x[:-1])):
        raise NotImplementedError(
            f"interpolate: method={method!r} with an index that is not increasing; sort first"
        )
    return x


class SeriesInterpolateMixin:
    """``Series.interpolate``."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def interpolate(
        self,
        method: str = "linear",
        *,
        axis: Any = 0,
        limit: int | None = None,
        inplace: bool = False,
        limit_direction: str | None = None,
        limit_area: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Missing values filled by linear interpolation (see :mod:`gpuframe._interpolate`).

        Examples
        --------
        >>> import gpuframe as gf
        >>> gf.Series([1.0, None, 3.0, None]).interpolate().tolist()
        [1.0, 2.0, 3.0, 3.0]
        >>> gf.Series([None, 1.0, None, 3.0]).interpolate(limit_direction="both").tolist()
        [1.0, 1.0, 2.0, 3.0]
        """
        from .series import Series

        if kwargs:
            raise NotImplementedError(
                f"interpolate: argument(s) {sorted(kwargs)} are not supported"
            )
        if axis not in (0, "index"):
            raise ValueError(f"interpolate: `axis` must be 0 for a Series; received axis={axis!r}")
        direction = _check_args(method, limit, limit_direction, limit_area)
        x = _x_positions(self, method)
        col = interpolate_column(
            self._column, x, limit=limit, limit_direction=direction, limit_area=limit_area
        )
        out = Series._from_column(col, self._index, self.name)
        if inplace:
            self._inplace(out)
            return None
        return out


class FrameInterpolateMixin:
    """``DataFrame.interpolate``."""

    if TYPE_CHECKING:  # the attributes the concrete class provides

        def __getattr__(self, name: str) -> Any: ...

    def interpolate(
        self,
        method: str = "linear",
        *,
        axis: Any = 0,
        limit: int | None = None,
        inplace: bool = False,
        limit_direction: str | None = None,
        limit_area: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Missing values of every column filled by linear interpolation, as pandas
        (a string, category, bool or time column raises ``TypeError``; ``axis=1`` is not
        supported).

        Examples
        --------
        >>> import gpuframe as gf
        >>> df = gf.DataFrame({"a": [1.0, None, 3.0], "b": [None, 2.0, None]})
        >>> df.interpolate().to_pandas()
             a    b
        0  1.0  NaN
        1  2.0  2.0
        2  3.0  2.0
        """
        if kwargs:
            raise NotImplementedError(
                f"interpolate: argument(s) {sorted(kwargs)} are not supported"
            )
        if axis in (1, "columns"):
            raise NotImplementedError("interpolate: axis=1 is not supported")
        if axis not in (0, "index"):
            raise ValueError(f"interpolate: `axis` must be 0 or 1; received axis={axis!r}")
        direction = _check_args(method, limit, limit_direction, limit_area)
        x = _x_positions(self, method)
        out = {
            k: interpolate_column(
                c, x, limit=limit, limit_direction=direction, limit_area=limit_area, label=k
            )
            for k, c in self._cols.items()
        }
        res = self._from_columns(out, self._index)
        if inplace:
            self._inplace(res)
            return None
        return res
