"""Notebook display: pandas' text and HTML reprs on only the rows that are shown.

A long frame is cut to its first and last rows on the device; only those reach the host,
where pandas formats them with its own truncation, and the footer is corrected to the real
length.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pandas as pd

__all__ = ["frame_html", "frame_info", "frame_repr", "series_repr"]


def _shown(obj: Any) -> tuple[Any, bool, Any]:
    """(pandas object of the rows to show, whether it was cut, option context)."""
    n = len(obj)
    max_rows = pd.get_option("display.max_rows")
    min_rows = pd.get_option("display.min_rows") or max_rows
    if max_rows is None or n <= max_rows:
        return obj.to_pandas(), False, contextlib.nullcontext()
    half = max(min(min_rows, max_rows) // 2, 1)
    head, tail = obj.head(half + 1).to_pandas(), obj.tail(half + 1).to_pandas()
    shown = pd.concat([head, tail])
    ctx = pd.option_context("display.max_rows", 2 * half + 1, "display.min_rows", 2 * half)
    return shown, True, ctx


def series_repr(s: Any) -> str:
    shown, cut, ctx = _shown(s)
    with ctx:
        text = repr(shown)
    if cut:
        text = re.sub(r"Length: \d+", f"Length: {len(s)}", text)
    return text


def frame_repr(df: Any) -> str:
    shown, cut, ctx = _shown(df)
    with ctx:
        text = repr(shown)
    if cut or "rows x" in text:
        text = re.sub(r"\[\d+ rows x (\d+) columns\]", rf"[{len(df)} rows x \1 columns]", text)
    return text


def frame_html(df: Any) -> str:
    shown, cut, ctx = _shown(df)
    with ctx:
        html = shown._repr_html_()
    if cut and html:
        times = "\u00d7"
        html = re.sub(
            rf"<p>\d+ rows {times} (\d+) columns</p>",
            lambda m: f"<p>{len(df)} rows {times} {m.group(1)} columns</p>",
            html,
        )
    return html or ""


def _size(nbytes: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if nbytes < 1024.0 or unit == "TB":
            return f"{nbytes:.1f}+ {unit}" if unit != "bytes" else f"{int(nbytes)}.0+ bytes"
        nbytes /= 1024.0
    return f"{nbytes}"  # pragma: no cover


def frame_info(df: Any, buf: Any = None) -> None:
    """pandas' ``DataFrame.info()`` layout, computed on the device (counts, memory)."""
    from . import dtypes as _dt

    lines = [f"<class '{type(df).__module__.split('.')[0]}.{type(df).__name__}'>"]
    idx = (
        df.index.to_pandas()
        if len(df.index) <= 1 or type(df.index).__name__ == "RangeIndex"
        else None
    )
    if idx is not None and isinstance(idx, pd.RangeIndex):
        lines.append(f"RangeIndex: {len(df)} entries, {idx.start} to {max(idx.stop - 1, 0)}")
    else:
        lines.append(f"Index: {len(df)} entries")
    cols = list(df._data.items())
    lines.append(f"Data columns (total {len(cols)} columns):")
    names = [str(k) for k, _ in cols]
    counts = [f"{len(c) - c.null_count} non-null" for _, c in cols]
    types = [str(_dt.to_pandas_dtype(c.dtype, nullable=c.mask is not None)) for _, c in cols]
    w_name = max([len("Column"), *map(len, names)])
    w_count = max([len("Non-Null Count"), *map(len, counts)])
    w_num = max(len(" #"), len(str(len(cols) - 1)) + 1)
    lines.append(f"{' #':<{w_num}}  {'Column':<{w_name}}  {'Non-Null Count':<{w_count}}  Dtype")
    lines.append(f"{'---':<{w_num}}  {'------':<{w_name}}  {'--------------':<{w_count}}  -----")
    for i, (name, cnt, typ) in enumerate(zip(names, counts, types)):
        lines.append(f"{i:>{w_num}}  {name:<{w_name}}  {cnt:<{w_count}}  {typ}")
    summary: dict[str, int] = {}
    for t in types:
        summary[t] = summary.get(t, 0) + 1
    lines.append("dtypes: " + ", ".join(f"{k}({v})" for k, v in summary.items()))
    lines.append(f"memory usage: {_size(df.memory_usage(deep=False).sum())}")
    text = "\n".join(lines) + "\n"
    out = buf if buf is not None else None
    if out is None:
        print(text, end="")
    else:
        out.write(text)
