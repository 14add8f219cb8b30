"""Operators for Series and DataFrame: every one delegates to the class's ``_binaryop``."""

from __future__ import annotations

from typing import Any

__all__ = ["OperatorMixin"]


def _make(op: str, reflect: bool = False, doc: str = "") -> Any:
    def method(self: Any, other: Any) -> Any:
        return self._binaryop(other, op, reflect=reflect)

    method.__name__ = f"__{'r' if reflect else ''}{op}__"
    method.__doc__ = doc or f"``self {op} other`` element-wise (pandas' alignment and nulls)."
    return method


def _make_named(op: str, reflect: bool = False) -> Any:
    def method(self: Any, other: Any, fill_value: Any = None) -> Any:
        if fill_value is not None:
            self = self.fillna(fill_value)
            if hasattr(other, "fillna"):
                other = other.fillna(fill_value)
        return self._binaryop(other, op, reflect=reflect)

    method.__name__ = f"{'r' if reflect else ''}{op}"
    method.__doc__ = f"``{op}`` element-wise; ``fill_value`` replaces missing values first."
    return method


class OperatorMixin:
    """Arithmetic, comparison and logical operators; subclasses define ``_binaryop``."""

    def _binaryop(self, other: Any, op: str, *, reflect: bool = False) -> Any:  # pragma: no cover
        raise NotImplementedError

    __add__ = _make("add")
    __radd__ = _make("add", True)
    __sub__ = _make("sub")
    __rsub__ = _make("sub", True)
    __mul__ = _make("mul")
    __rmul__ = _make("mul", True)
    __truediv__ = _make("truediv")
    __rtruediv__ = _make("truediv", True)
    __floordiv__ = _make("floordiv")
    __rfloordiv__ = _make("floordiv", True)
    __mod__ = _make("mod")
    __rmod__ = _make("mod", True)
    __pow__ = _make("pow")
    __rpow__ = _make("pow", True)
    __eq__ = _make("eq")  # type: ignore[assignment]
    __ne__ = _make("ne")  # type: ignore[assignment]
    __lt__ = _make("lt")
    __le__ = _make("le")
    __gt__ = _make("gt")
    __ge__ = _make("ge")
    __and__ = _make("and")
    __rand__ = _make("and", True)
    __or__ = _make("or")
    __ror__ = _make("or", True)
    __xor__ = _make("xor")
    __rxor__ = _make("xor", True)
    __hash__ = None  # type: ignore[assignment]

    add = _make_named("add")
    radd = _make_named("add", True)
    sub = _make_named("sub")
    subtract = sub
    rsub = _make_named("sub", True)
    mul = _make_named("mul")
    multiply = mul
    rmul = _make_named("mul", True)
    truediv = _make_named("truediv")
    div = truediv
    divide = truediv
    rtruediv = _make_named("truediv", True)
    floordiv = _make_named("floordiv")
    rfloordiv = _make_named("floordiv", True)
    mod = _make_named("mod")
    rmod = _make_named("mod", True)
    pow = _make_named("pow")
    rpow = _make_named("pow", True)
    eq = _make_named("eq")
    ne = _make_named("ne")
    lt = _make_named("lt")
    le = _make_named("le")
    gt = _make_named("gt")
    ge = _make_named("ge")
