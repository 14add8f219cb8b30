"""The everyday pandas API of :mod:`gpuframe._moments`, ``_apply``, ``_interpolate``,
``_combine``, ``_formatting`` and ``_iteration``, gathered into one mixin per class.

``DataFrame`` and ``Series`` inherit :class:`FrameBreadthMixin` / :class:`SeriesBreadthMixin`;
each part lives in its own module (one noun each) and is tested in
``tests/gpuframe/test_api_breadth.py``.
"""

from __future__ import annotations

from ._apply import FrameApplyMixin, SeriesApplyMixin
from ._combine import FrameCombineMixin, SeriesCombineMixin
from ._interpolate import FrameInterpolateMixin, SeriesInterpolateMixin
from ._moments import FrameMomentsMixin, SeriesMomentsMixin

__all__ = ["FrameBreadthMixin", "SeriesBreadthMixin"]


class FrameBreadthMixin(
    FrameApplyMixin, FrameCombineMixin, FrameInterpolateMixin, FrameMomentsMixin
):
    """DataFrame methods: see the modules named in this module's docstring."""


class SeriesBreadthMixin(
    SeriesApplyMixin, SeriesCombineMixin, SeriesInterpolateMixin, SeriesMomentsMixin
):
    """Series methods: see the modules named in this module's docstring."""
