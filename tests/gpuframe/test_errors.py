"""Bad input: clear typed errors that name the argument, and inputs left unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import mixed_pandas

import gpuframe as gf
from gpuframe.testing import assert_frame_equal


@pytest.fixture
def df():
    return gf.from_pandas(mixed_pandas())


def test_unknown_column_names_it_and_lists_columns(df):
    cols = list(mixed_pandas().columns)
    for call in (
        lambda: df["zz"],
        lambda: df[["i", "zz"]],
        lambda: df.sort_values("zz"),
        lambda: df.drop(columns="zz"),
        lambda: df.set_index("zz"),
        lambda: df.drop_duplicates(["zz"]),
        lambda: df.loc[:, "zz"],
        lambda: df.pop("zz"),
    ):
        with pytest.raises(KeyError) as info:
            call()
        msg = str(info.value)
        assert "'zz'" in msg and str(cols) in msg, msg
    with pytest.raises(AttributeError, match="zz"):
        _ = df.zz
    assert_frame_equal(df, mixed_pandas())


def test_length_mismatch(df):
    with pytest.raises(ValueError, match="Length of values \\(2\\)"):
        df["new"] = [1, 2]
    with pytest.raises(ValueError, match="same length"):
        gf.DataFrame({"a": [1, 2], "b": [1]})
    with pytest.raises(ValueError, match="Length of values"):
        gf.Series([1, 2], index=[1])
    with pytest.raises(ValueError, match="boolean mask has length 2"):
        df[np.array([True, False])]
    with pytest.raises(ValueError, match="Lengths must match"):
        df["i"] == [1, 2]
    assert "new" not in df
    assert_frame_equal(df, mixed_pandas())


def test_wrong_dtype_for_an_operation(df):
    before = mixed_pandas()
    with pytest.raises(TypeError, match="str"):
        df["s"] * 2
    with pytest.raises(TypeError, match="'s'"):
        df.mean()
    with pytest.raises(TypeError):
        df["s"].cumsum()
    with pytest.raises(TypeError):
        df["t"].sum()
    with pytest.raises(TypeError, match="not numeric"):
        df.corr()
    with pytest.raises(TypeError, match="value"):
        df["s"].fillna(1)
    with pytest.raises(ValueError, match="NaN"):
        df["f"].astype("int64")
    with pytest.raises(TypeError, match="ordered"):
        df["c"].min()
    assert_frame_equal(df, before)


def test_bad_arguments_name_the_argument(df):
    with pytest.raises(ValueError, match="na_position"):
        df.sort_values("i", na_position="nowhere")
    with pytest.raises(ValueError, match="keep"):
        df.duplicated(keep="middle")
    with pytest.raises(ValueError, match="how"):
        df.dropna(how="some")
    with pytest.raises(ValueError, match="window"):
        df.rolling(0)
    with pytest.raises(ValueError, match="inclusive"):
        df["i"].between(1, 2, inclusive="maybe")
    with pytest.raises(ValueError, match="`q`"):
        df["i"].quantile(2)
    with pytest.raises(ValueError, match="method"):
        df["i"].rank(method="best")
    with pytest.raises(ValueError, match="interpolation"):
        df["i"].quantile(0.5, interpolation="best")
    with pytest.raises(TypeError, match="dtype"):
        gf.Series([1, 2], dtype="complex128")
    with pytest.raises(ValueError, match="without replacement"):
        df.sample(100)
    with pytest.raises(TypeError, match="DataFrame"):
        gf.DataFrame(42)


def test_index_errors(df):
    with pytest.raises(KeyError, match="99"):
        df.loc[[0, 99]]
    with pytest.raises(KeyError):
        df.loc[99]
    with pytest.raises(IndexError, match="out of bounds"):
        df.iloc[[0, 6]]
    with pytest.raises(ValueError, match="Length mismatch"):
        df.index = [1]


def test_failed_inplace_and_setitem_leave_frame_unchanged(df):
    before = df.to_pandas()
    with pytest.raises(KeyError):
        df.drop(columns=["i", "zz"], inplace=True)
    with pytest.raises(ValueError):
        df.insert(0, "i", [1] * 6)
    with pytest.raises(IndexError):
        df.insert(99, "q", [1] * 6)
    assert_frame_equal(df, before)
    s = gf.Series(pd.Series([1, 2]))
    with pytest.raises(TypeError):
        s + "x"
    assert s.tolist() == [1, 2]
