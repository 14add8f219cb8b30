"""The everyday pandas API, gathered into one mixin per class.

``DataFrame`` and ``Series`` inherit :class:`FrameBreadthMixin` / :class:`SeriesBreadthMixin`;
each part lives in its own module, tested in ``tests/gpuframe/test_api_breadth_*.py``:

- :mod:`gpuframe._apply`: ``apply``, ``agg``/``aggregate``, ``transform``, ``pipe``;
- :mod:`gpuframe._combine`: ``combine_first``, ``update``, ``compare``, ``dot``,
  ``case_when``, ``autocorr``;
- :mod:`gpuframe._formatting`: ``to_string``, ``to_markdown``, ``to_html``, ``to_records``;
- :mod:`gpuframe._interpolate`: ``interpolate``;
- :mod:`gpuframe._iteration`: ``itertuples``, ``iterrows``, ``Series.items``/``keys``;
- :mod:`gpuframe._moments`: ``skew``, ``kurt``/``kurtosis``, ``mode``,
  ``DataFrame.value_counts``.
"""

from __future__ import annotations

from ._apply import FrameApplyMixin, SeriesApplyMixin
from ._combine import FrameCombineMixin, SeriesCombineMixin
from ._formatting import FrameFormattingMixin, SeriesFormattingMixin
from ._interpolate import FrameInterpolateMixin, SeriesInterpolateMixin
from ._iteration import FrameIterationMixin, SeriesIterationMixin
from ._moments import FrameMomentsMixin, SeriesMomentsMixin

__all__ = ["FrameBreadthMixin", "SeriesBreadthMixin"]


class FrameBreadthMixin(
    FrameApplyMixin,
    FrameCombineMixin,
    FrameFormattingMixin,
    FrameInterpolateMixin,
    FrameIterationMixin,
    FrameMomentsMixin,
):
    """DataFrame methods: see the modules named in this module's docstring."""


class SeriesBreadthMixin(
    SeriesApplyMixin,
    SeriesCombineMixin,
    SeriesFormattingMixin,
    SeriesInterpolateMixin,
    SeriesIterationMixin,
    SeriesMomentsMixin,
):
    """Series methods: see the modules named in this module's docstring."""
