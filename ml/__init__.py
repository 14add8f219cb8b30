"""ml: scikit-learn-style estimators that fit where the data lies (NumPy, CuPy, gpuframe).

Submodules load on first use, so ``import ml`` stays light (scikit-learn and SciPy are
imported only when an estimator module is).

Examples
--------
>>> import ml
>>> ml.preprocessing.StandardScaler().get_params()["with_mean"]
True
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "cluster",
    "decomposition",
    "impute",
    "linear_model",
    "metrics",
    "model_selection",
    "neighbors",
    "preprocessing",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'ml' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
