"""DataFrame -> 2-D matrix: the frame's block with no copy, otherwise exactly one copy in the
order asked; values, NaN for nulls and dtypes as pandas' ``to_numpy``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe
import interop


def test_block_comes_back_as_is(rng):
    block = rng.normal(size=(5, 3))
    df = gpuframe.DataFrame(block, columns=["a", "b", "c"])
    assert interop.as_array(df) is block
    assert df.to_array(order="C", copy=False) is block
    assert df.to_numpy() is block
    with pytest.raises(ValueError, match="order='F'"):
        df.to_array(order="F", copy=False)
    f = df.to_array(order="F")
    assert f.flags.f_contiguous and not np.shares_memory(f, block)
    np.testing.assert_array_equal(f, block)
    fortran = np.asfortranarray(block)
    assert gpuframe.DataFrame(fortran).to_array(order="F", copy=False) is fortran


def test_adjacent_columns_of_a_block_are_a_view(rng):
    fortran = np.asfortranarray(rng.normal(size=(4, 4)))
    df = gpuframe.DataFrame(fortran, columns=list("abcd"))
    sub = df[["b", "c"]].to_array(copy=False)
    assert np.shares_memory(sub, fortran)
    np.testing.assert_array_equal(sub, fortran[:, 1:3])
    with pytest.raises(ValueError, match="separate columns"):
        df[["a", "c"]].to_array(copy=False)


def test_modified_frame_is_copied_once():
    block = np.arange(6.0).reshape(3, 2)
    df = gpuframe.DataFrame(block, columns=["a", "b"])
    df["c"] = [7.0, 8.0, 9.0]
    out = df.to_array()
    assert not np.shares_memory(out, block)
    np.testing.assert_array_equal(out, df.to_pandas().to_numpy())


@pytest.mark.parametrize("order", ["C", "F"])
def test_mixed_frame_matches_pandas(order):
    pdf = pd.DataFrame(
        {
            "i": np.arange(4, dtype=np.int32),
            "f": [0.5, np.nan, 1.5, 2.5],
            "b": [True, False, True, True],
            "n": pd.array([1, None, 3, 4], dtype="Int64"),
        }
    )
    df = gpuframe.from_pandas(pdf)
    with pytest.raises(ValueError, match="4 separate columns"):
        interop.as_array(df, copy=False)
    out = interop.as_array(df, order=order)
    assert out.flags[f"{order}_CONTIGUOUS"] and out.dtype == np.float64
    np.testing.assert_array_equal(out, pdf.to_numpy(dtype="float64", na_value=np.nan))
    f32 = df.to_array(dtype="float32", order=order)
    assert f32.dtype == np.float32 and f32.flags[f"{order}_CONTIGUOUS"]
    np.testing.assert_array_equal(f32, pdf.to_numpy(dtype="float32", na_value=np.nan))


def test_strings_give_an_object_matrix_like_pandas():
    pdf = pd.DataFrame({"a": [1, 2], "s": ["x", None]})
    out = gpuframe.from_pandas(pdf).to_numpy()
    assert out.dtype == object
    assert out[0].tolist() == [1, "x"] and out[1, 0] == 2 and pd.isna(out[1, 1])


def test_series_and_edge_shapes():
    block = np.arange(6.0).reshape(3, 2)
    df = gpuframe.DataFrame(block, columns=["a", "b"])
    with pytest.raises(ValueError, match="strided"):  # a column of a C block is strided
        interop.as_array(df["a"], copy=False)
    np.testing.assert_array_equal(interop.as_array(df["a"]), block[:, 0])
    empty = gpuframe.DataFrame({"a": []})[[]]
    assert interop.as_array(empty).shape == (0, 0)
    assert not np.shares_memory(df.to_numpy(copy=True), block)


def test_ml_input_hook_shares_the_block():
    ml_validation = pytest.importorskip("ml._validation")
    block = np.arange(8.0).reshape(4, 2)
    X, _ = ml_validation.check_array(gpuframe.DataFrame(block))
    assert np.shares_memory(X, block)
