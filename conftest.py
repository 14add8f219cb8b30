"""Doctest collection over the packages: modules that need CuPy are skipped without it."""

from __future__ import annotations

import importlib.util

collect_ignore_glob: list[str] = []
if importlib.util.find_spec("cupy") is None:
    collect_ignore_glob += ["gpuframe/backend/kernels/_cupy*.py", "**/_cupy*.py"]
