"""The everyday pandas API, gathered into one mixin per class.

``DataFrame`` and ``Series`` inherit :class:`FrameBreadthMixin` / :class:`SeriesBreadthMixin`;
each part lives in its own module, tested in ``tests/gpuframe/test_api_breadth_*.py``:

- :mod:`gpuframe._apply`: ``apply``, ``agg``/``aggregate``, ``transform``, ``pipe``;
- :mod:`gpuframe._combine`: ``combine_first``, ``update``, ``compare``, ``dot``,
  ``case_when``, ``autocorr``;
- :mod:`gpuframe._expressions`: ``DataFrame.eval``;
- :mod:`gpuframe._formatting`: ``to_string``, ``to_markdown``, ``to_html``, ``to_records``;
- :mod:`gpuframe._interpolate`: ``interpolate``;
- :mod:`gpuframe._iteration`: ``itertuples``, ``iterrows``, ``Series.items``/``keys``;
- :mod:`gpuframe._moments`: ``skew``, ``kurt``/``kurtosis``, ``mode``,
  ``DataFrame.value_counts``;
- :mod:`gpuframe._properties`: ``is_unique``, ``is_monotonic_increasing``/``decreasing``,
  ``hasnans``, ``first_valid_index``/``last_valid_index``, ``factorize``, ``repeat``,
  ``squeeze``, ``truncate``, ``convert_dtypes``, ``infer_objects``.
"""

from __future__ import annotations

from ._apply import FrameApplyMixin, SeriesApplyMixin
from ._combine import FrameCombineMixin, SeriesCombineMixin
from ._expressions import FrameExpressionsMixin
from ._formatting import FrameFormattingMixin, SeriesFormattingMixin
from ._interpolate import FrameInterpolateMixin, SeriesInterpolateMixin
from ._iteration import FrameIterationMixin, SeriesIterationMixin
from ._moments import FrameMomentsMixin, SeriesMomentsMixin
from ._properties import FramePropertiesMixin, SeriesPropertiesMixin

__all__ = ["FrameBreadthMixin", "SeriesBreadthMixin"]


class FrameBreadthMixin(
    FrameApplyMixin,
    FrameCombineMixin,
    FrameExpressionsMixin,
    FrameFormattingMixin,
    FrameInterpolateMixin,
    FrameIterationMixin,
    FrameMomentsMixin,
    FramePropertiesMixin,
):
    """DataFrame methods: see the modules named in this module's docstring."""


class SeriesBreadthMixin(
    SeriesApplyMixin,
    SeriesCombineMixin,
    SeriesFormattingMixin,
    SeriesInterpolateMixin,
    SeriesIterationMixin,
    SeriesMomentsMixin,
    SeriesPropertiesMixin,
):
    """Series methods: see the modules named in this module's docstring."""
