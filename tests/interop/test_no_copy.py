"""Every CPU path the README's interop table marks "no copy", proven the same three ways:
equal data pointers, ``np.shares_memory`` and a write through the source seen in the result.

Each case returns ``(source, result_pointer, read_first)``: ``source`` is a writable NumPy
view of the source's memory, ``read_first()`` reads element 0 through the result's own API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from _interop_memory import arrow_pointer, data_pointer, writable_alias

import gpuframe
import interop
from gpuframe.testing import has_module

Case = Callable[[], tuple[np.ndarray, int, Callable[[], Any]]]
CASES: dict[str, Case] = {}


def case(name: str, *needs: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        if all(has_module(n) for n in needs):
            CASES[name] = fn
        return fn

    return register


def _base() -> np.ndarray:
    return np.arange(1.0, 7.0)


# ------------------------------------------------------------------ array libraries


@case("as_array(numpy)")
def _():
    a = _base()
    out = interop.as_array(a, copy=False)
    return a, data_pointer(out), lambda: out[0]


@case("as_array(torch)", "torch")
def _():
    import torch

    t = torch.arange(1.0, 7.0)
    out = interop.as_array(t, copy=False)
    return t.numpy(), data_pointer(out), lambda: out[0]


@case("to_torch(numpy)", "torch")
def _():
    a = _base()
    t = interop.to_torch(a, copy=False)
    return a, t.data_ptr(), lambda: t[0].item()


@case("as_array(__dlpack__ producer)")
def _():
    a = _base()

    class Producer:
        def __dlpack__(self, **kw):
            return a.__dlpack__(**kw)

        def __dlpack_device__(self):
            return a.__dlpack_device__()

    out = interop.as_array(Producer(), copy=False)
    return a, data_pointer(out), lambda: out[0]


@case("as_array(__array__ producer)")
def _():
    a = _base()

    class Producer:
        def __array__(self, dtype=None, copy=None):
            return a

    out = interop.as_array(Producer(), copy=False)
    return a, data_pointer(out), lambda: out[0]


# ------------------------------------------------------------------ Arrow, pandas, polars


@case("as_array(pyarrow Array)")
def _():
    arr = pa.array(_base())
    out = interop.as_array(arr, copy=False)
    return writable_alias(out), arrow_pointer(arr), lambda: arr[0].as_py()


@case("as_array(pyarrow Table, 1 column)")
def _():
    table = pa.table({"a": _base()})
    out = interop.as_array(table, copy=False)
    chunk = table.column(0).chunk(0)
    return writable_alias(out[:, 0]), arrow_pointer(chunk), lambda: table.column(0)[0].as_py()


@case("as_array(pandas Series)")
def _():
    a = _base()
    s = pd.Series(a, copy=False)
    out = interop.as_array(s, copy=False)
    return a, data_pointer(out), lambda: s.iloc[0]


@case("as_array(pandas Index)")
def _():
    a = _base()
    idx = pd.Index(a, copy=False)
    out = interop.as_array(idx, copy=False)
    return a, data_pointer(out), lambda: idx[0]


@case("as_array(pandas DataFrame, one block)")
def _():
    block = _base().reshape(3, 2)
    pdf = pd.DataFrame(block, copy=False)
    out = interop.as_array(pdf, copy=False)
    return block.reshape(-1), data_pointer(out), lambda: pdf.iloc[0, 0]


@case("as_array(polars Series)", "polars")
def _():
    import polars as pl

    s = pl.Series("x", _base())
    out = interop.as_array(s, copy=False)
    return writable_alias(out), data_pointer(out), lambda: s[0]


@case("as_array(polars DataFrame, F block)", "polars")
def _():
    import polars as pl

    block = np.asfortranarray(_base().reshape(3, 2))
    df = pl.DataFrame(block)
    out = interop.as_array(df, order="F", copy=False)
    return writable_alias(out[:, 0]), data_pointer(out), lambda: df[0, 0]


# ------------------------------------------------------------------ gpuframe objects


@case("as_array(gpuframe Series)")
def _():
    a = _base()
    s = gpuframe.Series(a)
    out = interop.as_array(s, copy=False)
    return a, data_pointer(out), lambda: out[0]


@case("as_array(gpuframe Index)")
def _():
    a = _base()
    idx = gpuframe.Index(a)
    out = interop.as_array(idx, copy=False)
    return a, data_pointer(out), lambda: out[0]


@case("Series.__dlpack__")
def _():
    a = _base()
    s = gpuframe.Series(a)
    out = np.from_dlpack(s)
    return a, data_pointer(out), lambda: out[0]


@case("Index.__dlpack__")
def _():
    a = _base()
    out = np.from_dlpack(gpuframe.Index(a))
    return a, data_pointer(out), lambda: out[0]


@case("Series.__array__")
def _():
    a = _base()
    out = np.asarray(gpuframe.Series(a))
    return a, data_pointer(out), lambda: out[0]


@case("gpuframe.from_dlpack")
def _():
    a = _base()
    s = gpuframe.from_dlpack(a)
    return a, data_pointer(s.column.data), lambda: s.iloc[0]


@case("from_torch", "torch")
def _():
    import torch

    t = torch.arange(1.0, 7.0).reshape(3, 2)
    df = interop.from_torch(t)
    return t.numpy().reshape(-1), data_pointer(interop.as_array(df)), lambda: df.iloc[0, 0]


@case("DataFrame.to_array (block)")
def _():
    block = _base().reshape(3, 2)
    out = gpuframe.DataFrame(block).to_array(copy=False)
    return block.reshape(-1), data_pointer(out), lambda: out[0, 0]


@case("DataFrame.to_numpy (block)")
def _():
    block = _base().reshape(3, 2)
    out = gpuframe.DataFrame(block).to_numpy()
    return block.reshape(-1), data_pointer(out), lambda: out[0, 0]


@case("np.asarray(DataFrame) (block)")
def _():
    block = _base().reshape(3, 2)
    out = np.asarray(gpuframe.DataFrame(block))
    return block.reshape(-1), data_pointer(out), lambda: out[0, 0]


@case("as_array(DataFrame) adjacent columns of an F block")
def _():
    block = np.asfortranarray(np.arange(1.0, 13.0).reshape(3, 4))
    out = interop.as_array(gpuframe.DataFrame(block, columns=list("abcd"))[["b", "c"]], copy=False)
    return block[:, 1], data_pointer(out), lambda: out[0, 0]


@case("Series.__arrow_c_array__")
def _():
    a = _base()
    arr = pa.array(gpuframe.Series(a))
    return a, arrow_pointer(arr), lambda: arr[0].as_py()


@case("DataFrame.__arrow_c_stream__")
def _():
    a = _base()
    table = pa.table(gpuframe.DataFrame({"a": a}))
    return a, arrow_pointer(table.column(0).chunk(0)), lambda: table.column(0)[0].as_py()


@case("polars reads DataFrame.__arrow_c_stream__", "polars")
def _():
    import polars as pl

    a = _base()
    out = pl.DataFrame(gpuframe.DataFrame({"a": a}))
    return a, data_pointer(out["a"].to_numpy()), lambda: out["a"][0]


@case("gpuframe.from_arrow(pyarrow)")
def _():
    table = pa.table({"a": _base()})
    df = gpuframe.from_arrow(table)
    chunk = table.column(0).chunk(0)
    source = writable_alias(interop.as_array(chunk))
    return source, data_pointer(df["a"].column.data), lambda: df["a"].iloc[0]


@case("gpuframe.from_arrow(polars)", "polars")
def _():
    import polars as pl

    pdf = pl.DataFrame({"a": _base()})
    df = gpuframe.from_arrow(pdf)
    source = writable_alias(pdf["a"].to_numpy())
    return source, data_pointer(df["a"].column.data), lambda: df["a"].iloc[0]


@case("from_polars / to_polars", "polars")
def _():
    a = _base()
    back = interop.from_polars(interop.to_polars(gpuframe.DataFrame({"a": a})))
    return a, data_pointer(back["a"].column.data), lambda: back["a"].iloc[0]


@case("from_pandas")
def _():
    a = _base()
    df = interop.from_pandas(pd.DataFrame({"a": a}, copy=False))
    return a, data_pointer(df["a"].column.data), lambda: df["a"].iloc[0]


@case("to_pandas (block)")
def _():
    block = _base().reshape(3, 2)
    out = interop.to_pandas(gpuframe.DataFrame(block, columns=["a", "b"]))
    return block.reshape(-1), data_pointer(out.to_numpy()), lambda: out.iloc[0, 0]


@case("to_pandas (columns)")
def _():
    a = _base()
    out = interop.to_pandas(gpuframe.DataFrame({"a": a, "s": list("abcdef")}))
    return a, data_pointer(out["a"].to_numpy()), lambda: out["a"].iloc[0]


@case("DataFrame.__dataframe__")
def _():
    a = _base()
    col = gpuframe.DataFrame({"a": a}).__dataframe__(allow_copy=False).get_column(0)
    buf = col.get_buffers()["data"][0]
    view = np.ctypeslib.as_array((np.ctypeslib.ctypes.c_double * len(a)).from_address(buf.ptr))
    return a, buf.ptr, lambda: view[0]


@case("to_tensor (dl)", "dl")
def _():
    import dl

    if not hasattr(dl, "convert_to_tensor"):
        pytest.skip("dl has no Tensor yet")
    a = _base()
    t = interop.to_tensor(gpuframe.Series(a))
    return a, data_pointer(t.numpy()), lambda: float(t.numpy()[0])


@pytest.mark.parametrize("name", list(CASES))
def test_no_copy(name):
    source, pointer, read_first = CASES[name]()
    assert pointer == data_pointer(source), "the result does not point at the source's memory"
    before = float(read_first())
    source[0] = before + 1000.0
    assert float(read_first()) == before + 1000.0, "a write to the source was not seen"
