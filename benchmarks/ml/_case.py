"""What a benchmark case is: the same data, our estimator and scikit-learn's, a quality check.

A case module (``cluster.py``, ``decomposition.py``, ``neighbors.py``, ``linear.py``) exposes
``CASES``: a list of :class:`Case` (or of dicts with the same keys). The runner
(``python -m benchmarks.ml.run``) builds each case's data once, times ``ours(data)`` and
``peer(data)`` alternately (best of ``--repeats``, the first run of each included so nothing
is hidden by the best-of except warm-up noise), then calls ``quality(ours_result,
peer_result, data)``, which returns ``(ok, description)``: ok means equal quality within the
tolerance the description states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Case", "as_case"]


@dataclass
class Case:
    """One benchmark case.

    name: what is measured, with sizes ("KMeans fit 1e6x16 k=8").
    data: ``data(quick) -> dict``; ``quick`` asks for small sizes (a smoke run).
    ours / peer: ``f(data) -> result``; the timed call (fit, or fit + predict).
    quality: ``f(ours_result, peer_result, data) -> (ok, description)``.
    acceptance: True for the cases with a required ratio (ours/peer <= 1.0).
    """

    name: str
    data: Callable[[bool], dict[str, Any]]
    ours: Callable[[dict[str, Any]], Any]
    peer: Callable[[dict[str, Any]], Any]
    quality: Callable[[Any, Any, dict[str, Any]], tuple[bool, str]]
    acceptance: bool = True


def as_case(obj: Any) -> Case:
    """A :class:`Case` from a Case or a dict with the same keys."""
    if isinstance(obj, Case):
        return obj
    if isinstance(obj, dict):
        return Case(**obj)
    fields = ("name", "data", "ours", "peer", "quality")
    return Case(**{f: getattr(obj, f) for f in fields}, acceptance=getattr(obj, "acceptance", True))
