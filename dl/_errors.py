"""Typed errors raised by dl: each names the op, the argument and the value received."""

from __future__ import annotations

__all__ = ["DTypeError", "NonDifferentiableError", "ShapeError", "SignatureError"]


class ShapeError(ValueError):
    """Operand shapes that an op cannot combine (the message names the op and both shapes)."""


class DTypeError(TypeError):
    """Operand dtypes that an op cannot combine, or a dtype dl does not support."""


class NonDifferentiableError(LookupError):
    """A gradient was asked through an op that has no gradient (argmax, comparisons, ...)."""


class SignatureError(TypeError):
    """A traced function was called with arguments its ``input_signature`` does not allow."""
