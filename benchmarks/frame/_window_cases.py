"""Resample and window cases for the frame suite (``CASES + WINDOW_CASES``), written once for
pandas and gpuframe like :mod:`benchmarks.frame._cases`.

The suite's ``ts`` column is unsorted: the sorted-time cases sort the float columns by ``ts``
once per environment (cached in ``env.extra``, outside the timing after the first run) and
index them by it. ``python -m benchmarks.windows`` times the same operations on their own.
"""

from __future__ import annotations

from typing import Any

from ._cases import Case, Env, close

_VALS = ["ts", "v1", "v2", "v3n"]


def _close_no_freq(ours: Any, theirs: Any, env: Env) -> None:
    """:func:`close`, pandas' bin index stripped of its ``freq`` (gpuframe keeps none: a
    documented difference of ``resample``)."""
    theirs = theirs.copy()
    theirs.index = theirs.index._with_freq(None)
    close(ours, theirs, env)


def _by_time(e: Env) -> Any:
    """The float columns sorted by ``ts`` (a stable sort), indexed by it; cached."""
    key = "by_time"
    if key not in e.extra:
        e.extra[key] = e.df[_VALS].sort_values("ts", kind="stable").set_index("ts")
    return e.extra[key]


def _on_time(e: Env) -> Any:
    key = "on_time"
    if key not in e.extra:
        e.extra[key] = e.df[_VALS].sort_values("ts", kind="stable").reset_index(drop=True)
    return e.extra[key]


WINDOW_CASES: list[Case] = [
    Case("resample_1min_sum", lambda e: _by_time(e).resample("1min").sum(), _close_no_freq),
    Case("resample_1min_mean", lambda e: _by_time(e).resample("1min").mean(), _close_no_freq),
    Case("resample_1min_max", lambda e: _by_time(e).resample("1min").max(), _close_no_freq),
    Case("resample_1min_ohlc", lambda e: _by_time(e).resample("1min").ohlc(), _close_no_freq),
    Case("resample_on_sum", lambda e: _on_time(e).resample("1min", on="ts").sum(), _close_no_freq),
    Case(
        "resample_unsorted_1h_sum",
        lambda e: e.df[_VALS].resample("h", on="ts").sum(),
        _close_no_freq,
    ),
    Case("rolling_10s_sum", lambda e: _on_time(e).rolling("10s", on="ts").sum(), close),
    Case("rolling_10s_max", lambda e: _on_time(e).rolling("10s", on="ts").max(), close),
    Case("expanding_sum", lambda e: _by_time(e).expanding().sum(), close),
    Case("expanding_max", lambda e: _by_time(e).expanding().max(), close),
    Case("ewm_span10_mean", lambda e: _by_time(e).ewm(span=10).mean(), close),
]
