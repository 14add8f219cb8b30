"""``.str`` accessor against pandas 3 on the same data (nulls, empty strings, unicode)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from gpuframe.accessors import StringLists, StringMethods
from gpuframe.column import as_column
from gpuframe.testing import assert_frame_equal, assert_series_equal

VALUES = [
    "Apple pie",
    None,
    "",
    "banana_split_x",
    "  padded  ",
    "ünïcødé ß",
    "12345",
    "-42",
    "a.b.c",
    "Apple pie",
    "ÉCOLE",
    "x\ny",
    "MiXeD CaSe",
    "3.5",
]
NO_NULLS = [v for v in VALUES if v is not None]


def _pair(values=VALUES):
    ps = pd.Series(values, dtype="str")
    return StringMethods(as_column(ps)), ps


CASES = [
    ("len", (), {}),
    ("lower", (), {}),
    ("upper", (), {}),
    ("title", (), {}),
    ("capitalize", (), {}),
    ("swapcase", (), {}),
    ("casefold", (), {}),
    ("strip", (), {}),
    ("lstrip", (), {}),
    ("rstrip", (), {}),
    ("strip", ("A e",), {}),
    ("startswith", ("Ap",), {}),
    ("startswith", (("Ap", "ba"),), {}),
    ("endswith", ("e",), {}),
    ("endswith", ("pie",), {"na": True}),
    ("contains", ("an",), {}),
    ("contains", ("^a|e$",), {}),
    ("contains", (r"\d+",), {}),
    ("contains", ("apple",), {"case": False}),
    ("contains", (".",), {"regex": False}),
    ("contains", ("(?<=a)n",), {}),  # lookbehind: Python re fallback
    ("contains", ("e",), {"na": True}),
    ("match", ("[A-Z]",), {}),
    ("fullmatch", (r"-?\d+",), {}),
    ("count", ("a",), {}),
    ("count", (r"[aeiou]",), {}),
    ("find", ("a",), {}),
    ("rfind", ("a",), {}),
    ("replace", ("a", "_"), {}),
    ("replace", (r"\d", "#"), {"regex": True}),
    ("replace", ("p", "P"), {"n": 1}),
    ("replace", (r"(\w+) (\w+)", r"\2 \1"), {"regex": True}),
    ("slice", (1, 4), {}),
    ("slice", (None, None, -1), {}),
    ("slice", (-3,), {}),
    ("get", (0,), {}),
    ("get", (-1,), {}),
    ("get", (20,), {}),
    ("zfill", (6,), {}),
    ("pad", (12,), {}),
    ("pad", (12,), {"side": "both", "fillchar": "*"}),
    ("center", (11, "-"), {}),
    ("ljust", (11,), {}),
    ("rjust", (11,), {}),
    ("removeprefix", ("Ap",), {}),
    ("removesuffix", ("ie",), {}),
    ("repeat", (2,), {}),
    ("isdigit", (), {}),
    ("isalpha", (), {}),
    ("isalnum", (), {}),
    ("isnumeric", (), {}),
    ("isdecimal", (), {}),
    ("isspace", (), {}),
    ("islower", (), {}),
    ("isupper", (), {}),
    ("istitle", (), {}),
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("method", "args", "kwargs"), CASES, ids=lambda c: str(c))
def test_method_matches_pandas(values, method, args, kwargs):
    acc, ps = _pair(values)
    expected = getattr(ps.str, method)(*args, **kwargs)
    result = getattr(acc, method)(*args, **kwargs)
    assert_series_equal(result.to_pandas(), expected)


def test_getitem_int_and_slice():
    acc, ps = _pair()
    assert_series_equal(acc[0].to_pandas(), ps.str[0])
    assert_series_equal(acc[1:5:2].to_pandas(), ps.str[1:5:2])


def test_empty_and_all_null_columns():
    for values in ([], [None, None]):
        acc, ps = _pair(values)
        for method in ("len", "upper", "contains"):
            args = ("a",) if method == "contains" else ()
            assert_series_equal(
                getattr(acc, method)(*args).to_pandas(), getattr(ps.str, method)(*args)
            )


def test_dictionary_with_unused_values():
    # after a take the dictionary still holds values that no row uses
    col = as_column(pd.Series(["zz top", "a b", None, "c"], dtype="str")).take([1, 2, 3])
    ps = pd.Series(["a b", None, "c"], dtype="str")
    acc = StringMethods(col)
    assert_series_equal(acc.upper().to_pandas(), ps.str.upper())
    assert_frame_equal(_frame(acc.split(" ", expand=True)), ps.str.split(" ", expand=True))


def _frame(columns):
    return pd.DataFrame({k: c.to_pandas() for k, c in columns.items()})


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("pat", "n"), [("_", -1), (None, -1), (" ", 1), ("a", -1)])
def test_split(values, pat, n):
    acc, ps = _pair(values)
    lists = acc.split(pat, n=n)
    assert isinstance(lists, StringLists)
    expected = ps.str.split(pat, n=n)
    pd.testing.assert_series_equal(lists.to_pandas(), expected)
    for i in (0, 1, -1, 5):
        exp = expected.str[i].astype("str")
        assert_series_equal(lists.str[i].to_pandas(), exp)
    assert_series_equal(lists.str.len().to_pandas(), expected.str.len())
    assert_series_equal(lists.str.join("|").to_pandas(), expected.str.join("|").astype("str"))
    expanded = acc.split(pat, n=n, expand=True)
    assert_frame_equal(_frame(expanded), ps.str.split(pat, n=n, expand=True))


def test_rsplit_with_n():
    acc, ps = _pair()
    assert_frame_equal(
        _frame(acc.rsplit("_", n=1, expand=True)), ps.str.rsplit("_", n=1, expand=True)
    )


@pytest.mark.parametrize("na_rep", [None, "?"])
def test_cat_with_other_column(na_rep):
    acc, ps = _pair()
    other = pd.Series(
        [None if i % 3 == 0 else f"o{i % 4}" for i in range(len(VALUES))], dtype="str"
    )
    result = acc.cat(as_column(other), sep="-", na_rep=na_rep)
    assert_series_equal(result.to_pandas(), ps.str.cat(other, sep="-", na_rep=na_rep))
    three = acc.cat([as_column(other), as_column(ps)], sep=",", na_rep=na_rep)
    assert_series_equal(three.to_pandas(), ps.str.cat([other, ps], sep=",", na_rep=na_rep))


def test_cat_all_values_into_one_string():
    acc, ps = _pair()
    assert acc.cat(sep=", ") == ps.str.cat(sep=", ")
    assert acc.cat(sep=",", na_rep="NA") == ps.str.cat(sep=",", na_rep="NA")


def test_to_numeric():
    values = ["1", "2.5", None, "-3", "1e3", "2.5"]
    acc, ps = _pair(values)
    assert_series_equal(acc.to_numeric().to_pandas(), pd.to_numeric(ps))
    ints = ["1", "22", "-3"]
    acc, ps = _pair(ints)
    assert_series_equal(acc.to_numeric().to_pandas(), pd.to_numeric(ps))


def test_to_numeric_errors():
    acc, ps = _pair(["1", "oops", None])
    with pytest.raises(ValueError, match="oops"):
        acc.to_numeric()
    assert_series_equal(
        acc.to_numeric(errors="coerce").to_pandas(), pd.to_numeric(ps, errors="coerce")
    )
    # an unparseable value that no row uses does not raise
    col = as_column(pd.Series(["bad", "1", "2"], dtype="str")).take([1, 2])
    assert StringMethods(col).to_numeric().to_pandas().tolist() == [1, 2]


@pytest.mark.parametrize(
    ("method", "args"),
    [("contains", ("(",)), ("replace", ("[a-", "x")), ("count", ("*a",)), ("match", ("a)",))],
)
def test_bad_regex_names_the_pattern(method, args):
    acc, _ = _pair()
    kwargs = {"regex": True} if method == "replace" else {}
    with pytest.raises(ValueError, match=r"not a valid regular expression") as info:
        getattr(acc, method)(*args, **kwargs)
    assert repr(args[0]) in str(info.value)


def test_bad_arguments_raise_typed_errors():
    acc, _ = _pair()
    with pytest.raises(TypeError, match="pat"):
        acc.startswith(3)
    with pytest.raises(TypeError, match="width"):
        acc.zfill("3")
    with pytest.raises(ValueError, match="side"):
        acc.pad(3, side="middle")
    with pytest.raises(ValueError, match="step"):
        acc.slice(0, 3, 0)
    with pytest.raises(ValueError, match="length"):
        acc.cat(as_column(["a"]))
    with pytest.raises(TypeError, match="na"):
        acc.contains("a", na="x")


def test_non_string_column_has_no_str_accessor():
    with pytest.raises(AttributeError, match=r"\.str accessor"):
        StringMethods(as_column(np.arange(3)))


def test_input_is_unchanged():
    col = as_column(pd.Series(VALUES, dtype="str"))
    before = col.to_pandas()
    StringMethods(col).replace("a", "b")
    StringMethods(col).upper()
    assert_series_equal(col.to_pandas(), before)


# ---------------------------------------------------------------------- public API (Series)
def _series_pair():
    import gpuframe as gf

    index = pd.Index(np.arange(len(VALUES)) * 10 + 100, name="k")
    ps = pd.Series(VALUES, dtype="str", index=index, name="txt")
    return gf.Series(ps), ps


def test_series_accessor_keeps_index_and_name():
    s, ps = _series_pair()
    assert_series_equal(s.str.upper(), ps.str.upper())
    assert_series_equal(s.str.len(), ps.str.len())
    assert_series_equal(s.str.contains("a", na=True), ps.str.contains("a", na=True))
    assert_series_equal(s.str[2:], ps.str[2:])
    assert_series_equal(s.str.cat(s, sep="|"), ps.str.cat(ps, sep="|"))
    assert_series_equal(s.str.to_numeric(errors="coerce"), pd.to_numeric(ps, errors="coerce"))


def test_series_split():
    s, ps = _series_pair()
    assert_frame_equal(s.str.split(" ", expand=True), ps.str.split(" ", expand=True))
    assert_series_equal(s.str.split(" ").str[0], ps.str.split(" ").str[0].astype("str"))
    pd.testing.assert_series_equal(s.str.split(" ").to_pandas(), ps.str.split(" "))


def test_frame_column_str():
    import gpuframe as gf

    pdf = pd.DataFrame({"a": pd.array(VALUES, dtype="str"), "n": np.arange(len(VALUES))})
    df = gf.from_pandas(pdf)
    assert_series_equal(df["a"].str.strip().str.lower(), pdf["a"].str.strip().str.lower())
    with pytest.raises(AttributeError, match=r"\.str accessor"):
        df["n"].str.upper()


# ---------------------------------------------------------------------- GPU
@pytest.mark.gpu
def test_str_on_gpu_matches_pandas():
    ps = pd.Series(VALUES, dtype="str")
    col = as_column(ps, device="gpu")
    acc = StringMethods(col)
    for method, args, kwargs in CASES:
        result = getattr(acc, method)(*args, **kwargs)
        assert result.device.kind == "gpu", method
        assert_series_equal(
            result.to_pandas(), getattr(ps.str, method)(*args, **kwargs), obj=method
        )
    assert_frame_equal(_frame(acc.split(" ", expand=True)), ps.str.split(" ", expand=True))
    assert_series_equal(acc.cat(col, sep="-").to_pandas(), ps.str.cat(ps, sep="-"))
    assert_series_equal(
        acc.to_numeric(errors="coerce").to_pandas(), pd.to_numeric(ps, errors="coerce")
    )


# ---------------------------------------------------------------------- properties
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet=st.sampled_from(list("aAbB _-.1é日\t")), max_size=6)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.one_of(st.none(), _TEXT), max_size=12), take=st.data())
def test_property_dictionary_mapping_matches_pandas(values, take):
    ps = pd.Series(values, dtype="str")
    col = as_column(ps)
    # a gather first, so the dictionary can hold values no row uses
    idx = (
        take.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=10)) if values else []
    )
    col, ps = col.take(idx), ps.iloc[idx].reset_index(drop=True)
    acc = StringMethods(col)
    assert_series_equal(acc.upper().to_pandas(), ps.str.upper())
    assert_series_equal(acc.len().to_pandas(), ps.str.len())
    assert_series_equal(acc.strip().to_pandas(), ps.str.strip())
    assert_series_equal(
        acc.contains("a.", case=False).to_pandas(), ps.str.contains("a.", case=False)
    )
    assert_series_equal(acc.replace("a", "").to_pandas(), ps.str.replace("a", ""))
    assert_series_equal(acc.slice(1, 3).to_pandas(), ps.str.slice(1, 3))
    assert_series_equal(acc.cat(col, sep="|").to_pandas(), ps.str.cat(ps, sep="|"))
    assert_frame_equal(_frame(acc.split(" ", expand=True)), ps.str.split(" ", expand=True))
