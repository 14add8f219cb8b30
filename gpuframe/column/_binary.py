"""Element-wise operations on columns: one :func:`binary_op` and the unary ones.

pandas' rules: missing values propagate through arithmetic (NaN, NaT or the mask), compare
False (``!=`` compares True), nullable columns stay nullable (and bool logic on them is
Kleene's), and an operation on mismatched dtypes raises ``TypeError`` naming both.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import dtypes as _dt
from ..backend import _parallel, asarray, is_numpy
from ._cast import astype, concat_columns
from ._column import Column

__all__ = [
    "ARITHMETIC",
    "COMPARISON",
    "LOGICAL",
    "between",
    "binary_op",
    "is_scalar",
    "unary_op",
    "where",
]

ARITHMETIC = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow")
COMPARISON = ("eq", "ne", "lt", "le", "gt", "ge")
LOGICAL = ("and", "or", "xor")
_SWAP = {"lt": "gt", "gt": "lt", "le": "ge", "ge": "le", "eq": "eq", "ne": "ne"}
_UFUNC = {
    "add": "add",
    "sub": "subtract",
    "mul": "multiply",
    "truediv": "divide",
    "floordiv": "floor_divide",
    "mod": "remainder",
    "pow": "pow",
    "eq": "equal",
    "ne": "not_equal",
    "lt": "less",
    "le": "less_equal",
    "gt": "greater",
    "ge": "greater_equal",
    "and": "bitwise_and",
    "or": "bitwise_or",
    "xor": "bitwise_xor",
}


def is_scalar(x: Any) -> bool:
    return (
        x is None
        or x is pd.NA
        or np.isscalar(x)
        or isinstance(
            x,
            (_datetime.datetime, _datetime.timedelta, np.datetime64, np.timedelta64, pd.Timestamp),
        )
    )


def _is_missing(x: Any) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, float) and np.isnan(x))


def _scalar_for(value: Any, col: Column) -> np.ndarray:
    """``value`` as a 0-d NumPy array usable against ``col``."""
    d = col.dtype
    if isinstance(value, pd.Timestamp):
        if value.tz is not None:
            raise TypeError("tz-aware timestamps are not supported")
        value = value.to_datetime64()
    elif isinstance(value, pd.Timedelta):
        value = value.to_timedelta64()
    elif isinstance(value, _datetime.datetime):
        value = np.datetime64(value)
    elif isinstance(value, _datetime.timedelta):
        value = np.timedelta64(value)
    elif isinstance(value, str) and d.kind == "M":
        value = pd.Timestamp(value).to_datetime64()
    out = np.asarray(value)
    if out.dtype.kind in "OUS":
        raise TypeError(f"cannot combine a column of dtype {d} with {value!r}")
    return out


def _null_result(col_len: int, op: str, xp: Any, device: Any) -> Column:
    if op == "ne":
        return Column._from_parts(xp.ones(col_len, dtype=xp.bool))
    if op in COMPARISON:
        return Column._from_parts(xp.zeros(col_len, dtype=xp.bool))
    return Column._from_parts(xp.full(col_len, np.nan, dtype=xp.float64))


def binary_op(left: Column, right: Any, op: str, *, reflect: bool = False) -> Column:
    """``left <op> right`` (``right <op> left`` when ``reflect``); right a Column or scalar.

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> binary_op(as_column([1, 2]), 10, "sub", reflect=True).to_pandas().tolist()
    [9, 8]
    >>> binary_op(as_column(["a", "c"]), "b", "lt").to_pandas().tolist()
    [True, False]
    """
    if op not in ARITHMETIC + COMPARISON + LOGICAL:
        raise ValueError(f"binary_op: unknown `op` {op!r}")
    if isinstance(right, Column) and len(right) != len(left):
        raise ValueError(
            f"binary_op: lengths differ: {len(left)} and {len(right)}; align the operands first"
        )
    if reflect and op in COMPARISON:
        op, reflect = _SWAP[op], False
    from ..accessors._datetime_ops import involves_tz, tz_binary_op

    if involves_tz(left, right):  # tz-aware operands: instants compared, zones kept
        return tz_binary_op(left, right, op, reflect=reflect)
    if left.is_encoded or (isinstance(right, Column) and right.is_encoded):
        return _encoded_op(left, right, op, reflect)
    if isinstance(right, str) and left.dtype.kind != "M":
        if op in ("eq", "ne"):
            return _null_result(len(left), op, left.xp, left.device)
        raise TypeError(f"unsupported operand: column of dtype {left.dtype} {op} str {right!r}")
    if not isinstance(right, Column) and _is_missing(right):
        if op in LOGICAL:
            raise TypeError(f"unsupported operand for {op}: missing value")
        if left.dtype.kind in "mM" and op in ("add", "sub"):
            # pandas: NaT is a datetime in ``datetimes - NaT`` (a timedelta result), else a
            # timedelta (``datetimes + NaT`` stays datetime)
            kind = "M" if (left.dtype.kind == "M" and op == "sub" and right is pd.NaT) else "m"
            right = np.asarray("NaT", dtype=f"{kind}8[{np.datetime_data(left.dtype)[0]}]")
        else:
            return _null_result(len(left), op, left.xp, left.device)
    return _numeric_op(left, right, op, reflect)


def _check_kinds(lk: str, rk: str, op: str, ld: Any, rd: Any) -> None:
    temporal = {lk, rk} & set("mM")
    bad = False
    if temporal and op not in COMPARISON:
        if op == "add":
            bad = not ({lk, rk} <= set("mM")) or (lk == "M" and rk == "M")
        elif op == "sub":
            bad = not ({lk, rk} <= set("mM")) or (lk == "m" and rk == "M")
        elif op in ("mul", "floordiv", "truediv"):
            ok_mul = (lk == "m" and rk in "iuf") or (rk == "m" and lk in "iuf" and op == "mul")
            bad = not (ok_mul or (op != "mul" and lk == "m" and rk == "m"))
        else:
            bad = not (lk == "m" and rk == "m" and op == "mod")
    elif temporal and op in COMPARISON:
        bad = lk != rk and op not in ("eq", "ne")
    if op in LOGICAL and (lk not in "biu" or rk not in "biu"):
        bad = True
    if bad:
        raise TypeError(f"unsupported operand types for {op}: {ld} and {rd}")


_TICKS = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}
_TIME_RESULT = {
    ("add", "M", "m"): "M",
    ("add", "m", "M"): "M",
    ("add", "m", "m"): "m",
    ("sub", "M", "M"): "m",
    ("sub", "M", "m"): "M",
    ("sub", "m", "m"): "m",
}


def _ticks_of(x: Any, unit: str, target: str, xp: Any) -> Any:
    from ._column import NAT

    a, b = _TICKS[unit], _TICKS[target]  # ticks per second
    if a == b:
        return x
    out = x * (b // a) if b >= a else x // (a // b)
    return xp.where(x == NAT, xp.asarray(NAT, dtype=xp.int64), out)


def _temporal_ticks_op(left: Column, right: Any, op: str, reflect: bool) -> Column:
    """datetime64/timedelta64 operations on int64 ticks (devices without those dtypes)."""
    from ._column import NAT, temporal_data

    xp = left.xp
    if isinstance(right, Column):
        rd, rdata = right.dtype, right.data
    else:
        scalar = _scalar_for(right, left)
        rd = scalar.dtype
        if rd.kind in "mM":
            rdata = xp.asarray(int(scalar.view(np.int64)), dtype=xp.int64)
        else:
            rdata = right if isinstance(right, (bool, int, float)) else scalar[()]
    ld = left.dtype
    _check_kinds(ld.kind, rd.kind, op, ld, rd)
    lk, rk = ld.kind, rd.kind
    if lk in "mM" and rk in "mM":
        lu, ru = np.datetime_data(ld)[0], np.datetime_data(rd)[0]
        unit = lu if _TICKS[lu] >= _TICKS[ru] else ru
        a = _ticks_of(left.data.view(np.int64), lu, unit, xp)
        b = _ticks_of(rdata.view(np.int64) if hasattr(rdata, "view") else rdata, ru, unit, xp)
        null = (a == NAT) | (b == NAT)
        if reflect:
            a, b = b, a
            lk, rk = rk, lk
        if op in COMPARISON:
            res = getattr(xp, _UFUNC[op])(a, b)
            return Column._from_parts(xp.where(null, xp.asarray(op == "ne"), res))
        if op in ("add", "sub"):
            kind = _TIME_RESULT[(op, lk, rk)]
            out = xp.where(null, xp.asarray(NAT, dtype=xp.int64), a + b if op == "add" else a - b)
            dtype = np.dtype(f"{kind}8[{unit}]")
            return Column._from_parts(temporal_data(out, dtype), None, dtype)
        if op == "truediv":
            out = a.astype(xp.float64) / b.astype(xp.float64)
            return Column._from_parts(xp.where(null, xp.asarray(np.nan), out))
        raise TypeError(f"unsupported operand types for {op}: {ld} and {rd}")
    # timedelta with a number: scale the ticks
    ticks = left.data.view(np.int64)
    null = ticks == NAT
    num = rdata
    if op == "mul":
        out = ticks * num
    elif op == "floordiv" and not reflect:
        out = ticks // num
    elif op == "truediv" and not reflect:
        out = ticks / num
    else:
        raise TypeError(f"unsupported operand types for {op}: {ld} and {rd}")
    out = xp.where(null, xp.asarray(NAT, dtype=xp.int64), out.astype(xp.int64))
    return Column._from_parts(temporal_data(out, ld), None, ld)


def _numeric_op(left: Column, right: Any, op: str, reflect: bool) -> Column:
    xp = left.xp
    ticks = (left.dtype.kind in "mM" and left.data.dtype.kind not in "mM") or (
        isinstance(right, Column) and right.dtype.kind in "mM" and right.data.dtype.kind not in "mM"
    )
    if ticks:  # int64 ticks (a device library without datetime64)
        if left.dtype.kind not in "mM":  # number * timedelta
            return _temporal_ticks_op(right, left, op, not reflect)
        return _temporal_ticks_op(left, right, op, reflect)
    if isinstance(right, Column):
        rdata, rmask, rdtype = right.data, right.mask, right.dtype
    else:
        scalar = _scalar_for(right, left)
        rdtype = scalar.dtype
        if isinstance(right, (bool, int, float)) and not isinstance(right, np.generic):
            rdata = right  # a weak Python scalar: NumPy 2 keeps the column's dtype
            d = left.dtype
            if type(right) is int and d.kind in "iu":
                info = np.iinfo(d)
                if not info.min <= right <= info.max:  # NumPy's rule, on every device
                    if op not in COMPARISON and op != "truediv":
                        raise OverflowError(f"Python integer {right} out of bounds for {d}")
                    wide = xp.float64 if d == np.uint64 or abs(right) >= 2**63 else xp.int64
                    left = Column._from_parts(left.data.astype(wide), left.mask)
                    rdata = float(right) if wide == xp.float64 else right
        elif is_numpy(xp):
            rdata = scalar[()]
        else:
            rdata = asarray(scalar, device=left.device).reshape(())
        rmask = None
    ldata, lmask = left.data, left.mask
    _check_kinds(left.dtype.kind, rdtype.kind, op, left.dtype, rdtype)
    a, b = (rdata, ldata) if reflect else (ldata, rdata)
    mask = _and_masks(lmask, rmask, xp)
    if mask is not None:  # pandas: NaN of a plain float operand is NA in a masked result
        for side in (left, right):
            if isinstance(side, Column) and side.mask is None and side.dtype.kind == "f":
                mask = mask & ~xp.isnan(side.data)
    if op in LOGICAL and left.dtype.kind == "b" and (lmask is not None or rmask is not None):
        return _kleene(left, right, op)
    fn = getattr(xp, _UFUNC[op])
    with np.errstate(all="ignore"):
        kinds = {left.dtype.kind, rdtype.kind}
        if op in ("floordiv", "mod") and kinds <= set("iub") and mask is None:
            divisor = b
            if bool(xp.any(xp.asarray(divisor) == 0)):
                a = xp.asarray(a, dtype=xp.float64) if hasattr(a, "dtype") else float(a)
                b = xp.asarray(b, dtype=xp.float64) if hasattr(b, "dtype") else float(b)
        if op == "pow" and kinds <= set("iu"):
            exp = xp.asarray(b)
            if bool(xp.any(exp < 0)):
                raise ValueError("pow: integers to negative integer powers are not allowed")
        numpy = is_numpy(xp)
        if op == "truediv" and left.dtype.kind in "iub" and rdtype.kind in "iub":
            if not hasattr(a, "astype"):
                a = float(a)
            else:
                a = _parallel.astype(a, np.float64) if numpy else a.astype(xp.float64)
        try:
            # NumPy: large operands on the process's cores (same result, element by element)
            data = _parallel.apply(fn, a, b) if numpy else fn(a, b)
        except (TypeError, np.exceptions.DTypePromotionError) as e:
            raise TypeError(f"unsupported operand types for {op}: {left.dtype} and {rdtype}") from e
    data = xp.asarray(data)
    if data.ndim == 0:
        data = xp.broadcast_to(data, ldata.shape)
    if mask is not None:
        if is_numpy(xp) and data.dtype.kind in "fbiu":
            fill = np.nan if data.dtype.kind == "f" else 0
            data = _parallel.where(mask, data, data.dtype.type(fill))
        elif data.dtype.kind == "f":
            data = xp.where(mask, data, xp.asarray(np.nan, dtype=data.dtype))
        elif data.dtype.kind in "biu":
            data = xp.where(mask, data, xp.zeros((), dtype=data.dtype))
    return Column._from_parts(data, mask, data.dtype)


_BETWEEN = {
    "both": ("ge", "le"),
    "neither": ("gt", "lt"),
    "left": ("ge", "lt"),
    "right": ("gt", "le"),
}


def between(col: Column, left: Any, right: Any, inclusive: str = "both") -> Column | None:
    """``(col >= left) & (col <= right)`` (the comparisons by ``inclusive``) in one pass, for
    a NumPy number column without a mask and number bounds; None where that does not apply
    (the caller combines two :func:`binary_op` results then).

    Examples
    --------
    >>> from gpuframe.column import as_column
    >>> between(as_column([1.0, 2.5, float("nan")]), 1, 2.5, "left").to_pandas().tolist()
    [True, False, False]
    """
    d = col.dtype
    if (
        inclusive not in _BETWEEN
        or not is_numpy(col.xp)
        or col.is_encoded
        or col.mask is not None
        or d.kind not in "iuf"
    ):
        return None
    for b in (left, right):
        if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, float, np.number)):
            return None
        if isinstance(b, int) and d.kind in "iu":
            info = np.iinfo(d)
            if not info.min <= b <= info.max:
                return None  # binary_op widens the column first
    lo, hi = (getattr(np, _UFUNC[op]) for op in _BETWEEN[inclusive])
    x = col.data
    n = x.shape[0]
    out = np.empty(n, dtype=np.bool_)
    step = 1 << 16

    def body(s: int, e: int) -> None:  # cache-sized blocks: x is read once
        tmp = np.empty(min(step, e - s), dtype=np.bool_)
        for i in range(s, e, step):
            j = min(i + step, e)
            lo(x[i:j], left, out=out[i:j])
            hi(x[i:j], right, out=tmp[: j - i])
            np.logical_and(out[i:j], tmp[: j - i], out=out[i:j])

    with np.errstate(all="ignore"):
        _parallel.map_chunks(body, n)
    return Column._from_parts(out)


def _and_masks(a: Any, b: Any, xp: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def _kleene(left: Column, right: Any, op: str) -> Column:
    xp = left.xp
    lv = left.valid_array()
    lx = left.data.astype(xp.bool)
    if isinstance(right, Column):
        rv, rx = right.valid_array(), right.data.astype(xp.bool)
    else:
        rv = xp.ones(len(left), dtype=xp.bool)
        rx = xp.full(len(left), bool(right), dtype=xp.bool)
    if op == "and":
        value = lx & rx
        known_false = (lv & ~lx) | (rv & ~rx)
        valid = (lv & rv) | known_false
    elif op == "or":
        value = lx | rx
        known_true = (lv & lx) | (rv & rx)
        valid = (lv & rv) | known_true
    else:
        value = lx ^ rx
        valid = lv & rv
    return Column._from_parts(value & valid, valid, np.dtype(bool))


def _encoded_op(left: Column, right: Any, op: str, reflect: bool) -> Column:
    """Operations where one side is ``str`` or ``category``."""
    xp = left.xp
    if not left.is_encoded:  # scalar/numeric op category: put the encoded side left
        if op in ("eq", "ne") and right.is_encoded and not _same_family(left, right):
            return _null_result(len(left), op, xp, left.device)
        if op in COMPARISON:
            return _encoded_op(right, left, _SWAP[op], False)
        return _encoded_op(right, left, op, not reflect)
    if _dt.is_categorical(left.dtype):
        if op in ("eq", "ne") and is_scalar(right) and not _is_missing(right):
            cats = list(left.dtype.categories)
            code = cats.index(right) if right in cats else -2
            hit = left.data == xp.asarray(code, dtype=xp.int32)
            return Column._from_parts(hit if op == "eq" else ~hit)
        values = (
            astype(left, "str")
            if pa.types.is_string(left.categories.type)
            else astype(left, left.dtype.categories.dtype)
        )
        return binary_op(values, right, op, reflect=reflect)
    # left is str
    if isinstance(right, Column) and _dt.is_categorical(right.dtype):
        right = astype(right, "str")
    if op == "add":
        return _concat_strings(left, right, reflect)
    if op not in COMPARISON:
        raise TypeError(f"unsupported operand for {op}: str and {_describe(right)}")
    null = left.data < 0
    if isinstance(right, Column):
        if not _dt.is_string(right.dtype):
            if op in ("eq", "ne"):
                return _null_result(len(left), op, xp, left.device)
            raise TypeError(f"unsupported operand for {op}: str and {right.dtype}")
        both = concat_columns([left, right])
        n = len(left)
        a, b = both.data[:n], both.data[n:]
        null = null | (b < 0)
        res = getattr(xp, _UFUNC[op])(a, b)
    elif _is_missing(right):
        return _null_result(len(left), op, xp, left.device)
    elif isinstance(right, str):
        d = left.categories
        lo = int(_searchsorted(d, right, "left"))
        hi = int(_searchsorted(d, right, "right"))
        codes = left.data
        if op in ("eq", "ne"):
            res = (codes >= lo) & (codes < hi)
            res = res if op == "eq" else ~res
        elif op == "lt":
            res = codes < lo
        elif op == "le":
            res = codes < hi
        elif op == "gt":
            res = codes >= hi
        else:
            res = codes >= lo
    else:
        if op in ("eq", "ne"):
            return _null_result(len(left), op, xp, left.device)
        raise TypeError(f"unsupported operand for {op}: str and {type(right).__name__}")
    res = xp.where(null, xp.asarray(op == "ne"), res)
    return Column._from_parts(res)


def _same_family(a: Column, b: Column) -> bool:
    return a.is_encoded and b.is_encoded


def _describe(x: Any) -> str:
    return str(x.dtype) if isinstance(x, Column) else type(x).__name__


def _searchsorted(dictionary: pa.Array, value: str, side: str) -> int:
    vals = dictionary.to_numpy(zero_copy_only=False)
    return int(np.searchsorted(vals.astype(object), value, side=side)) if len(vals) else 0  # type: ignore[call-overload]


def _concat_strings(left: Column, right: Any, reflect: bool) -> Column:
    from ._convert import _strings_column

    a = left._decode_host()
    if isinstance(right, Column):
        if not _dt.is_string(right.dtype):
            raise TypeError(f"unsupported operand for add: str and {right.dtype}")
        b: Any = right._decode_host()
    elif isinstance(right, str):
        b = pa.scalar(right)
    else:
        raise TypeError(f"unsupported operand for add: str and {type(right).__name__}")
    x, y = (b, a) if reflect else (a, b)
    out = pc.binary_join_element_wise(x, y, "")
    return _strings_column(out, left.device)


def unary_op(col: Column, op: str, **kwargs: Any) -> Column:
    """``neg``, ``abs``, ``invert``, ``round(decimals)`` of a numeric column."""
    xp = col.xp
    d = col.dtype
    if col.is_encoded or (d.kind == "M") or (d.kind == "m" and op in ("invert", "round")):
        raise TypeError(f"{op}: not supported for dtype {d}")
    numpy = is_numpy(xp)  # NumPy: large columns on the process's cores
    if op == "neg":
        if d.kind == "b":
            raise TypeError("neg: not supported for dtype bool")
        data = _parallel.apply(np.negative, col.data) if numpy else -col.data
    elif op == "abs":
        if d.kind == "b":
            raise TypeError("abs: not supported for dtype bool")
        data = _parallel.apply(np.abs, col.data) if numpy else xp.abs(col.data)
    elif op == "invert":
        if d.kind not in "biu":
            raise TypeError(f"invert: not supported for dtype {d}")
        data = _parallel.apply(np.invert, col.data) if numpy else ~col.data
        if col.mask is not None:
            data = data & col.mask if d.kind == "b" else xp.where(col.mask, data, 0)
    elif op == "round":
        decimals = int(kwargs.get("decimals", 0))
        if d.kind in "biu":
            if decimals >= 0:
                return col
            scale = 10 ** (-decimals)
            return col._replace(data=(xp.round(col.data / scale) * scale).astype(d))
        data = (
            _parallel.apply(np.round, col.data, decimals=decimals, blocks=True)
            if numpy
            else _round(col.data, decimals, xp)
        )
    else:
        raise ValueError(f"unary_op: unknown `op` {op!r}")
    return col._replace(data=data)


def _round(x: Any, decimals: int, xp: Any) -> Any:
    scale = 10.0**decimals
    return xp.round(x * scale) / scale


def where(col: Column, cond: Any, other: Any = None) -> Column:
    """``col`` where ``cond`` is True, else ``other`` (a scalar, a Column, or missing).

    ``cond`` is a boolean array on any device; it is moved to the column's.
    """
    xp = col.xp
    cond = asarray(cond, device=col.device)
    if not isinstance(other, Column) and _is_missing(other):
        drop = ~cond
        if not bool(xp.any(drop)):
            return col
        base = col
        if col.dtype.kind in "iu" and col.mask is None:
            base = astype(col, np.dtype("float64"))
        elif col.dtype.kind == "b" and col.mask is None:
            base = astype(col, "boolean")
        return base._with_nulls(drop)
    if isinstance(other, Column):
        other_col = other
    else:
        from ._convert import column_full

        other_col = column_full(len(col), other, device=col.device)
    if _dt.is_tz_aware(col.dtype) and _dt.is_tz_aware(other_col.dtype):  # pandas: col's dtype
        from ._cast import tz_like

        other_col = tz_like(other_col, col, "where")
    tz = _dt.is_tz_aware(col.dtype) or _dt.is_tz_aware(other_col.dtype)  # naive+aware: error
    if col.is_encoded or other_col.is_encoded or tz:
        merged = concat_columns([col, other_col])
        n = len(col)
        return merged.slice(0, n)._replace(data=xp.where(cond, merged.data[:n], merged.data[n:]))
    res = np.result_type(col.dtype, other_col.dtype)
    a = astype(col, res, nullable=col.mask is not None)
    b = astype(other_col, res, nullable=other_col.mask is not None)
    data = _parallel.where(cond, a.data, b.data) if is_numpy(xp) else xp.where(cond, a.data, b.data)
    mask = None
    if a.mask is not None or b.mask is not None:
        mask = xp.where(cond, a.valid_array(), b.valid_array())
    return Column._from_parts(data, mask, res)
