"""The rest of ``.str`` against pandas 3: extract, extractall, findall, partition, index,
get_dummies, translate, wrap, join, and the regex options of count/match/contains/replace.

Data holds missing values, empty strings, unicode (a non-ASCII digit too) and rows that do
not match; a 1e5-row case with few distinct values exercises the gather by code, and the
Array API path (CuPy's) runs on array-api-strict.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from gpuframe_samples import stable_id

import gpuframe as gf
from gpuframe.accessors import StringLists, StringMethods
from gpuframe.column import as_column
from gpuframe.testing import assert_frame_equal, assert_series_equal

VALUES = [
    "Apple pie 12",
    None,
    "",
    "banana_split_x9",
    "ünïcødé ß ٣",  # the last char is an Arabic-Indic digit: \d matches it in Python's re
    "aa-bb-aa",
    "no match here",
    "Apple pie 12",
    "x1y22z333",
    "a|b|c",
    "b||a",
    "  padded  ",
]
NO_NULLS = [v for v in VALUES if v is not None]


def _pair(values=VALUES, dtype="str"):
    index = pd.Index(np.arange(len(values)) * 10 + 100, name="k")
    ps = pd.Series(values, dtype=dtype, index=index, name="txt")
    return gf.Series(ps), ps


def _obj_to_str(expected):
    """pandas' categorical path returns ``object`` strings; gpuframe returns ``str``."""
    if isinstance(expected, pd.DataFrame):
        return expected.astype({c: "str" for c in expected.columns if expected[c].dtype == object})
    return expected.astype("str") if expected.dtype == object else expected


# ---------------------------------------------------------------------- extract
EXTRACT_CASES = [
    (r"(\d+)", 0),
    (r"(?P<word>[a-z]+)", 0),
    (r"(?P<first>[a-z])(\d)?", 0),
    (r"([A-Z])(?P<rest>[a-z]+)", 0),
    (r"(a+)-(b+)-\1", 0),  # backreference: Python re (RE2 has none)
    (r"(?<=pie )(\d)", 0),  # lookbehind: Python re
    (r"(apple)", re.IGNORECASE),
    (r"(zzz)", 0),  # matches nothing
    (r"(\d)$", 0),  # the unicode digit matches as in Python's re
    (r"(x)?(y)?", 0),  # empty match: groups missing
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("pat", "flags"), EXTRACT_CASES, ids=stable_id)
def test_extract_matches_pandas(values, pat, flags):
    s, ps = _pair(values)
    assert_frame_equal(s.str.extract(pat, flags=flags), ps.str.extract(pat, flags=flags))
    if re.compile(pat).groups == 1:
        got = s.str.extract(pat, flags=flags, expand=False)
        assert isinstance(got, gf.Series)
        assert_series_equal(got, ps.str.extract(pat, flags=flags, expand=False))
    else:
        assert_frame_equal(
            s.str.extract(pat, flags=flags, expand=False),
            ps.str.extract(pat, flags=flags, expand=False),
        )


def test_extract_compiled_pattern_and_names():
    s, ps = _pair()
    pat = re.compile(r"(?P<a>[a-z])(?P<b>\d)", re.IGNORECASE)
    got = s.str.extract(pat)
    assert list(got.columns) == ["a", "b"]
    assert_frame_equal(got, ps.str.extract(pat))
    # one named group, expand=False: the Series takes the group's name
    assert s.str.extract(r"(?P<num>\d+)", expand=False).name == "num"
    assert s.str.extract(r"(\d+)", expand=False).name == "txt"


def test_extract_on_a_column_gives_columns():
    ps = pd.Series(VALUES, dtype="str")
    acc = StringMethods(as_column(ps))
    cols = acc.extract(r"([a-z])(\d)")
    expected = ps.str.extract(r"([a-z])(\d)")
    assert list(cols) == [0, 1]
    for k, c in cols.items():
        assert_series_equal(c.to_pandas(), expected[k], check_names=False)
    one = acc.extract(r"(\d)", expand=False)
    assert_series_equal(one.to_pandas(), ps.str.extract(r"(\d)", expand=False))


def test_extract_empty_and_all_null():
    for values in ([], [None, None]):
        s, ps = _pair(values)
        expected = ps.str.extract(r"(a)(b)")
        if not len(values):  # pandas drops the index of an empty input here; gpuframe keeps it
            assert isinstance(expected.index, pd.RangeIndex)
            expected.index = ps.index
        assert_frame_equal(s.str.extract(r"(a)(b)"), expected)
        assert_series_equal(
            s.str.extract(r"(a)", expand=False), ps.str.extract(r"(a)", expand=False)
        )


# ---------------------------------------------------------------------- extractall
EXTRACTALL_CASES = [
    r"(\d)",
    r"(?P<letter>[a-z])(?P<digit>\d)?",
    r"(a)(-)?",
    r"(?<=\|)([a-z])",  # lookbehind: Python re
    r"(zzz)",  # no row matches: empty frame with pandas' columns and index names
    r"([^\W\d_])",  # unicode letters
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize("pat", EXTRACTALL_CASES)
def test_extractall_matches_pandas(values, pat):
    s, ps = _pair(values)
    _assert_extractall(s.str.extractall(pat), ps.str.extractall(pat))


def _assert_extractall(got, expected):
    # without any match pandas' index levels are empty object arrays; gpuframe keeps the
    # owner index's dtype and int64 for `match`
    empty = len(expected) == 0
    assert_frame_equal(got, expected, check_index_type=not empty)
    if empty:
        assert got.index.to_pandas().names == expected.index.names
        assert got.index.to_pandas().levels[1].dtype == np.int64


def test_extractall_flags_and_default_index():
    ps = pd.Series(["Aa", None, "bA"], dtype="str")
    s = gf.Series(ps)
    assert_frame_equal(s.str.extractall("(a)", flags=re.I), ps.str.extractall("(a)", flags=re.I))


def test_extractall_keeps_a_multiindex_owner():
    mi = pd.MultiIndex.from_arrays([["x", "x", "y"], [1, 2, 1]], names=["p", "q"])
    ps = pd.Series(["a1b2", None, "c3"], dtype="str", index=mi)
    s = gf.Series(ps)
    assert_frame_equal(s.str.extractall(r"(\d)"), ps.str.extractall(r"(\d)"))


@pytest.mark.parametrize(
    "index",
    [
        pd.Index(["x", "y", "z"], name="s"),
        pd.DatetimeIndex(["2020-01-03", "2020-01-01", "2020-01-02"], name="t"),
        pd.Index([1.5, -2.5, 3.5]),
    ],
    ids=["str", "datetime", "float"],
)
def test_extract_and_extractall_keep_any_index(index):
    ps = pd.Series(["a1b2", None, "c3"], dtype="str", index=index, name="v")
    s = gf.Series(ps)
    assert_frame_equal(s.str.extractall(r"(\d)"), ps.str.extractall(r"(\d)"))
    assert_frame_equal(s.str.extract(r"(\d)"), ps.str.extract(r"(\d)"))
    assert_series_equal(s.str.extract(r"(\d)", expand=False), ps.str.extract(r"(\d)", expand=False))


def test_extractall_on_a_column_indexes_by_position():
    ps = pd.Series(["a1b2", None, "c3"], dtype="str")
    got = StringMethods(as_column(ps)).extractall(r"(\d)")
    assert_frame_equal(got, ps.str.extractall(r"(\d)"))


def test_extractall_empty_and_all_null():
    for values in ([], [None, None], ["", ""]):
        s, ps = _pair(values)
        _assert_extractall(s.str.extractall(r"(a)"), ps.str.extractall(r"(a)"))


# ---------------------------------------------------------------------- findall
FINDALL_CASES = [
    (r"\d", 0),
    (r"[a-z]+", 0),
    (r"(a)\1", 0),
    (r"A", re.I),
    (r"(\w)(?=-)", 0),
    ("", 0),
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("pat", "flags"), FINDALL_CASES, ids=stable_id)
def test_findall_matches_pandas(values, pat, flags):
    s, ps = _pair(values)
    found = s.str.findall(pat, flags=flags)
    assert isinstance(found, StringLists)
    expected = ps.str.findall(pat, flags=flags)
    pd.testing.assert_series_equal(found.to_pandas(), expected)
    for i in (0, 1, -1, 7):
        assert_series_equal(found.str[i], expected.str[i].astype("str"))
        assert_series_equal(found.str.get(i), expected.str.get(i).astype("str"))
    assert_series_equal(found.str.len(), expected.str.len())
    assert_series_equal(found.str.join(","), expected.str.join(",").astype("str"))


def test_findall_with_several_groups_is_not_supported():
    s, _ = _pair()
    with pytest.raises(NotImplementedError, match="2 capture groups"):
        s.str.findall(r"(a)(b)")


# ---------------------------------------------------------------------- partition
@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize("method", ["partition", "rpartition"])
@pytest.mark.parametrize("sep", [" ", "-", "|", "ß", "no match"])
def test_partition_matches_pandas(values, method, sep):
    s, ps = _pair(values)
    assert_frame_equal(getattr(s.str, method)(sep), getattr(ps.str, method)(sep))
    parts = getattr(s.str, method)(sep, expand=False)
    expected = getattr(ps.str, method)(sep, expand=False)
    pd.testing.assert_series_equal(parts.to_pandas(), expected)
    assert_series_equal(parts.str[2], expected.str[2].astype("str"))


def test_partition_default_sep_and_edge_sizes():
    s, ps = _pair()
    assert_frame_equal(s.str.partition(), ps.str.partition())
    for values in ([], [None, None], ["solo"]):
        s, ps = _pair(values)
        assert_frame_equal(s.str.partition("-"), ps.str.partition("-"))
        assert_frame_equal(s.str.rpartition("-"), ps.str.rpartition("-"))


def test_partition_all_missing_expand_false_differs_from_pandas():
    # pandas returns a float64 Series of NaN here; gpuframe keeps an object Series of NaN
    s, ps = _pair([None, None])
    got = s.str.partition("-", expand=False).to_pandas()
    assert got.dtype == object and got.isna().all()
    assert ps.str.partition("-", expand=False).isna().all()


# ---------------------------------------------------------------------- index / rindex
@pytest.mark.parametrize("values", [["abcab", None, "xb", "ßb"], ["abcab", "xb", "ßb"]])
@pytest.mark.parametrize("method", ["index", "rindex"])
@pytest.mark.parametrize(("start", "end"), [(0, None), (1, None), (0, 4), (-3, None)])
def test_index_matches_pandas(values, method, start, end):
    s, ps = _pair(values)
    assert_series_equal(
        getattr(s.str, method)("b", start, end), getattr(ps.str, method)("b", start, end)
    )


@pytest.mark.parametrize("method", ["index", "rindex"])
def test_index_not_found_raises_like_pandas(method):
    s, ps = _pair(["abc", None, "xyz"])
    with pytest.raises(ValueError, match="substring not found"):
        getattr(ps.str, method)("b")
    with pytest.raises(ValueError, match=r"substring `sub`='b' not found in 'xyz'"):
        getattr(s.str, method)("b")
    with pytest.raises(ValueError, match="not found"):
        getattr(s.str, method)("a", 1)  # found only before `start`


def test_index_ignores_dictionary_values_no_row_uses():
    col = as_column(pd.Series(["zzz", "ab", "b"], dtype="str")).take([1, 2])
    assert StringMethods(col).index("b").to_pandas().tolist() == [1, 0]


# ---------------------------------------------------------------------- get_dummies
@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize("sep", ["|", " ", "-", "ß"])
def test_get_dummies_matches_pandas(values, sep):
    s, ps = _pair(values)
    got = s.str.get_dummies(sep)
    expected = ps.str.get_dummies(sep)
    assert list(got.columns) == sorted(got.columns)
    assert_frame_equal(got, expected)


@pytest.mark.parametrize("dtype", [bool, np.int8, np.uint16, np.float32, "int64"])
def test_get_dummies_dtype(dtype):
    s, ps = _pair()
    assert_frame_equal(s.str.get_dummies(dtype=dtype), ps.str.get_dummies(dtype=dtype))


def test_get_dummies_one_row_and_empty():
    s, ps = _pair(["a|b"])
    assert_frame_equal(s.str.get_dummies(), ps.str.get_dummies())
    s, _ = _pair([])
    got = s.str.get_dummies()
    assert got.shape == (0, 0)


def test_get_dummies_all_missing_differs_from_pandas():
    s, ps = _pair([None, None])
    with pytest.raises(ValueError):
        ps.str.get_dummies()  # pandas 3.1 fails on this input
    got = s.str.get_dummies()
    assert got.shape == (2, 0)
    assert got.index.to_pandas().equals(ps.index)


def test_get_dummies_categorical_differs_from_pandas():
    # pandas' categorical path makes a 'NaN' token of missing values and drops the '' token;
    # gpuframe treats a categorical as a str Series (documented in get_dummies)
    values = ["a|b", None, "", "b"]
    s, pc = _pair(values, dtype="category")
    assert "NaN" in pc.str.get_dummies().columns
    _, ps = _pair(values)
    assert_frame_equal(s.str.get_dummies(), ps.str.get_dummies())


# ---------------------------------------------------------------------- translate / wrap / join
TABLES = [
    str.maketrans({"a": "4", "e": "3", "ß": "ss"}),
    str.maketrans("abc", "xyz", " "),
    {ord("p"): None},
    {},
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize("table", TABLES)
def test_translate_matches_pandas(values, table):
    s, ps = _pair(values)
    assert_series_equal(s.str.translate(table), ps.str.translate(table))


WRAP_CASES = [
    (3, {}),
    (5, {"break_long_words": False}),
    (4, {"drop_whitespace": False}),
    (6, {"initial_indent": "> ", "subsequent_indent": "  "}),
    (8, {"max_lines": 1, "placeholder": "~"}),
    (2, {"break_on_hyphens": False, "expand_tabs": False, "tabsize": 2}),
]


@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("width", "kwargs"), WRAP_CASES, ids=stable_id)
def test_wrap_matches_pandas(values, width, kwargs):
    s, ps = _pair(values)
    assert_series_equal(s.str.wrap(width, **kwargs), ps.str.wrap(width, **kwargs))


@pytest.mark.parametrize("values", [VALUES, NO_NULLS, [], [None]], ids=["n", "nn", "e", "an"])
@pytest.mark.parametrize("sep", ["-", "", "ß "])
def test_join_characters_matches_pandas(values, sep):
    s, ps = _pair(values)
    assert_series_equal(s.str.join(sep), ps.str.join(sep))


def test_encode_decode_are_not_supported():
    s, _ = _pair()
    with pytest.raises(NotImplementedError, match="str.encode: gpuframe has no bytes dtype"):
        s.str.encode("utf-8")
    with pytest.raises(NotImplementedError, match="str.decode: gpuframe has no bytes dtype"):
        s.str.decode("utf-8")


# ---------------------------------------------------------------------- regex options
REGEX_OPTION_CASES = [
    ("count", ("A",), {"flags": re.I}),
    ("count", (r"(a)\1",), {}),
    ("count", (r"\d",), {}),
    ("count", (re.compile("a", re.I),), {}),
    ("match", ("apple",), {"case": False}),
    ("match", ("APPLE",), {"flags": re.I}),
    ("match", (re.compile("APPLE", re.I),), {}),
    ("fullmatch", ("APPLE pie 12",), {"flags": re.I}),
    ("match", (r"(\w)\w*\1",), {}),
    ("match", ("b",), {"na": True}),
    ("fullmatch", (r"apple pie \d+",), {"case": False}),
    ("fullmatch", (r"(a+)-b+-\1",), {}),
    ("fullmatch", ("",), {}),
    ("contains", ("APP",), {"case": False, "regex": False}),
    ("contains", ("APP",), {"flags": re.IGNORECASE}),
    ("contains", ("app",), {"case": False, "flags": re.IGNORECASE}),
    ("contains", (".",), {"regex": False}),
    ("contains", ("APP",), {"case": False, "flags": re.IGNORECASE, "regex": False}),
    ("contains", (re.compile("P+", re.I),), {}),
    ("contains", (r"(\w)\1",), {}),
    ("contains", (r"\d(?!\d)",), {}),
    ("replace", ("a", "X"), {"case": False, "regex": True}),
    ("replace", ("a", "X"), {"flags": re.I, "regex": True}),
    ("replace", ("a", "X"), {"n": 2, "regex": True}),
    ("replace", ("a", "X"), {"n": 1}),
    ("replace", ("A", "X"), {"case": False}),
    ("replace", (".", "!"), {}),
    ("replace", (re.compile("p", re.I), "Q"), {"regex": True}),
    ("replace", (r"(a+)-(b+)", r"\2+\1"), {"regex": True}),
    ("replace", (r"(?<=a)a", "@"), {"regex": True}),
    ("replace", (r"[a-z]+", lambda m: m.group(0)[::-1]), {"regex": True}),
    ("replace", (r"\d", lambda m: str(int(m.group(0)) + 1)), {"regex": True, "n": 1}),
    ("replace", ({"a": "X", "A": "Y", "p": ""},), {}),
    ("replace", ({"p": "P"},), {"n": 1}),
    ("replace", ({r"\d+": "#", "(a)": r"<\1>"},), {"regex": True}),
]


@pytest.mark.filterwarnings("ignore:This pattern is interpreted as a regular expression")
@pytest.mark.parametrize("values", [VALUES, NO_NULLS], ids=["nulls", "no_nulls"])
@pytest.mark.parametrize(("method", "args", "kwargs"), REGEX_OPTION_CASES, ids=stable_id)
def test_regex_options_match_pandas(values, method, args, kwargs):
    s, ps = _pair(values)
    expected = getattr(ps.str, method)(*args, **kwargs)
    assert_series_equal(getattr(s.str, method)(*args, **kwargs), expected)


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("replace", ("a", lambda m: "x"), {}),  # callable repl needs regex=True
        ("replace", (re.compile("a"), "x"), {}),  # a compiled pattern needs regex=True
        ("match", ("A",), {"flags": re.I, "case": True}),
        ("match", (re.compile("A"),), {"case": False}),
        ("replace", (re.compile("a"), "x"), {"case": False}),
        ("contains", (re.compile("a"),), {"flags": re.I}),
        ("count", (re.compile("a"),), {"flags": re.I}),
    ],
)
def test_regex_option_conflicts_raise_like_pandas(method, args, kwargs):
    s, ps = _pair()
    with pytest.raises(ValueError):
        getattr(ps.str, method)(*args, **kwargs)
    with pytest.raises(ValueError):
        getattr(s.str, method)(*args, **kwargs)


# ---------------------------------------------------------------------- categorical
CATEGORICAL_CASES = [
    ("extract", (r"([a-z])(\d)?",), {}),
    ("extract", (r"(\d+)",), {"expand": False}),
    ("extractall", (r"(\d)",), {}),
    ("partition", ("-",), {}),
    ("rpartition", (" ",), {}),
    ("translate", (str.maketrans("a", "@"),), {}),
    ("wrap", (4,), {}),
    ("join", ("+",), {}),
    ("count", ("a",), {"flags": re.I}),
    ("rindex", ("",), {}),
    ("match", ("a",), {"case": False}),
]


@pytest.mark.parametrize(("method", "args", "kwargs"), CATEGORICAL_CASES, ids=stable_id)
def test_categorical_matches_pandas(method, args, kwargs):
    s, pc = _pair(VALUES, dtype="category")
    expected = _obj_to_str(getattr(pc.str, method)(*args, **kwargs))
    got = getattr(s.str, method)(*args, **kwargs)
    if isinstance(expected, pd.DataFrame):
        assert_frame_equal(got, expected)
    else:
        assert_series_equal(got, expected)


def test_categorical_findall_and_index():
    values = ["ab1", None, "b22", "ab1"]
    s, pc = _pair(values, dtype="category")
    pd.testing.assert_series_equal(s.str.findall(r"\d").to_pandas(), pc.str.findall(r"\d"))
    assert_series_equal(s.str.index("b"), pc.str.index("b"))


def test_categorical_with_unused_categories():
    pc = pd.Series(
        pd.Categorical(["a-1", None, "b-2"], categories=["zz", "b-2", "a-1", "no"]), name="c"
    )
    s = gf.Series(pc)
    assert_frame_equal(s.str.extractall(r"(\w)"), _obj_to_str(pc.str.extractall(r"(\w)")))
    assert_frame_equal(s.str.partition("-"), pc.str.partition("-"))
    # pandas checks every category, used or not ('zz' has no '-'); gpuframe only the values
    # rows hold, as on a str Series
    with pytest.raises(ValueError, match="substring not found"):
        pc.str.index("-")
    assert_series_equal(s.str.index("-"), pc.astype("str").str.index("-"))


# ---------------------------------------------------------------------- many rows
@pytest.fixture(scope="module")
def many():
    rng = np.random.default_rng(7)
    pool = np.array(VALUES, dtype=object)
    values = pool[rng.integers(0, len(pool), 100_000)]
    ps = pd.Series(values, dtype="str", name="big")
    return gf.Series(ps), ps


def test_many_rows_extract_and_extractall(many):
    s, ps = many
    assert_frame_equal(s.str.extract(r"(?P<l>[a-z])(\d)?"), ps.str.extract(r"(?P<l>[a-z])(\d)?"))
    assert_frame_equal(s.str.extractall(r"(\d)"), ps.str.extractall(r"(\d)"))


def test_many_rows_lists_and_dummies(many):
    s, ps = many
    found, expected = s.str.findall(r"\d+"), ps.str.findall(r"\d+")
    pd.testing.assert_series_equal(found.to_pandas(), expected)
    assert_series_equal(found.str[-1], expected.str[-1].astype("str"))
    assert_frame_equal(s.str.partition("-"), ps.str.partition("-"))
    assert_frame_equal(s.str.get_dummies(" "), ps.str.get_dummies(" "))
    assert_series_equal(s.str.rindex(""), ps.str.rindex(""))
    assert_series_equal(s.str.translate(TABLES[0]), ps.str.translate(TABLES[0]))
    assert_series_equal(s.str.count("a", flags=re.I), ps.str.count("a", flags=re.I))


# ---------------------------------------------------------------------- Array API path
def _strict_column(ps):
    """``ps`` as a dictionary-encoded Column whose codes live in array-api-strict."""
    xps = pytest.importorskip("array_api_strict")
    from gpuframe.column._column import Column

    col = as_column(ps)
    codes = xps.asarray(np.asarray(col.codes))
    return Column._from_parts(codes, None, col.dtype, col.categories)


def _host_column(col):
    """A Column from the generic path, rebuilt on NumPy so it converts to pandas."""
    from gpuframe.backend import to_host
    from gpuframe.column._column import Column

    data = to_host(col.data)
    return Column._from_parts(
        data, None, col.dtype if col.is_encoded else data.dtype, col.categories
    )


def test_generic_array_api_path():
    ps = pd.Series(VALUES * 3, dtype="str")
    col = _strict_column(ps)
    acc = StringMethods(col)
    assert not isinstance(col.codes, np.ndarray)
    for name, c in acc.extract(r"(?P<l>[a-z])(\d)?").items():
        assert not isinstance(c.data, np.ndarray)
        expected = ps.str.extract(r"(?P<l>[a-z])(\d)?")[name]
        assert_series_equal(_host_column(c).to_pandas(), expected, check_names=False)
    got = acc.extractall(r"(\d)")
    assert_frame_equal(
        gf.DataFrame._from_columns(
            {k: _host_column(c) for k, c in got._cols.items()},
            index=type(got.index)(
                [_host_column(c) for c in got.index._columns()], names=got.index.names
            ),
        ),
        ps.str.extractall(r"(\d)"),
    )
    assert_series_equal(
        _host_column(acc.findall(r"\d").str[0]).to_pandas(),
        ps.str.findall(r"\d").str[0].astype("str"),
    )
    assert_series_equal(
        _host_column(acc.partition("-")[2]).to_pandas(), ps.str.partition("-")[2], check_names=False
    )
    for token, c in acc.get_dummies(" ").items():
        assert_series_equal(
            _host_column(c).to_pandas(), ps.str.get_dummies(" ")[token], check_names=False
        )
    assert_series_equal(_host_column(acc.rindex("")).to_pandas(), ps.str.rindex(""))
    assert_series_equal(_host_column(acc.upper()).to_pandas(), ps.str.upper())
    assert_series_equal(_host_column(acc.len()).to_pandas(), ps.str.len())
    assert_series_equal(_host_column(acc.contains("a")).to_pandas(), ps.str.contains("a"))


@pytest.mark.gpu
def test_more_str_on_gpu_matches_pandas():
    pdf = pd.DataFrame({"a": pd.array(VALUES * 5, dtype="str")})
    s = gf.from_pandas(pdf, device="gpu")["a"]
    ps = pdf["a"]
    assert s.device.kind == "gpu"
    extracted = s.str.extract(r"(?P<l>[a-z])(\d)?")
    assert extracted.device.kind == "gpu"
    assert_frame_equal(extracted, ps.str.extract(r"(?P<l>[a-z])(\d)?"))
    assert_frame_equal(s.str.extractall(r"(\d)"), ps.str.extractall(r"(\d)"))
    assert_frame_equal(s.str.extractall(r"(a)(-)?"), ps.str.extractall(r"(a)(-)?"))
    found = s.str.findall(r"\d+")
    pd.testing.assert_series_equal(found.to_pandas(), ps.str.findall(r"\d+"))
    assert_series_equal(found.str.len(), ps.str.findall(r"\d+").str.len())
    assert_frame_equal(s.str.partition("-"), ps.str.partition("-"))
    assert_frame_equal(s.str.get_dummies(" "), ps.str.get_dummies(" "))
    assert_series_equal(s.str.rindex(""), ps.str.rindex(""))
    assert_series_equal(s.str.wrap(4), ps.str.wrap(4))
    assert_series_equal(s.str.count("a", flags=re.I), ps.str.count("a", flags=re.I))


# ---------------------------------------------------------------------- bad input
def test_bad_arguments_raise_typed_errors_naming_them():
    s, _ = _pair()
    cases = [
        (lambda: s.str.extract("a"), ValueError, "contains no capture groups"),
        (lambda: s.str.extract("(a"), ValueError, r"'\(a' is not a valid regular expression"),
        (lambda: s.str.extract(3), TypeError, "`pat` must be a str"),
        (lambda: s.str.extract("(a)", flags="i"), TypeError, "`flags` must be an int"),
        (lambda: s.str.extract("(a)", expand="no"), TypeError, "`expand` must be a bool"),
        (lambda: s.str.extract(re.compile("(a)"), flags=re.I), ValueError, "`flags` cannot"),
        (lambda: s.str.extractall("[a-z]"), ValueError, "contains no capture groups"),
        (lambda: s.str.findall("(a", 0), ValueError, "not a valid regular expression"),
        (lambda: s.str.findall(None), TypeError, "`pat`"),
        (lambda: s.str.count("a", flags=None), TypeError, "`flags` must be an int"),
        (lambda: s.str.partition(""), ValueError, "`sep` must not be empty"),
        (lambda: s.str.rpartition(1), TypeError, "`sep` must be a str"),
        (lambda: s.str.partition("-", expand=1), TypeError, "`expand` must be a bool"),
        (lambda: s.str.index(1), TypeError, "`sub` must be a str"),
        (lambda: s.str.rindex("a", start="0"), TypeError, "`start` must be an int"),
        (lambda: s.str.index("a", end=1.5), TypeError, "`end` must be an int"),
        (lambda: s.str.get_dummies(sep=None), TypeError, "`sep` must be a str"),
        (lambda: s.str.get_dummies(dtype="str"), ValueError, "`dtype` must be a NumPy"),
        (lambda: s.str.get_dummies(dtype="nonsense"), TypeError, "`dtype` must be a NumPy"),
        (lambda: s.str.translate("ab"), TypeError, "`table` must be a dict"),
        (lambda: s.str.wrap(0), ValueError, "`width` must be > 0; received 0"),
        (lambda: s.str.wrap("3"), TypeError, "`width` must be an int"),
        (lambda: s.str.wrap(3, max_lines="1"), TypeError, "`max_lines` must be an int"),
        (lambda: s.str.wrap(3, placeholder=None), TypeError, "`placeholder` must be a str"),
        (lambda: s.str.join(3), TypeError, "`sep` must be a str"),
        (lambda: s.str.replace({"a": 1}), TypeError, "`pat` must be a str"),
        (lambda: s.str.replace({"a": "b"}, "c"), ValueError, "`repl` must be None"),
        (lambda: s.str.replace("a"), TypeError, "`repl` must be a str"),
        (lambda: s.str.replace("a", 3), TypeError, "`repl` must be a str"),
    ]
    for call, exc, msg in cases:
        with pytest.raises(exc, match=msg):
            call()


def test_inputs_are_unchanged():
    s, ps = _pair()
    before = s.to_pandas()
    s.str.extract(r"(\d)")
    s.str.extractall(r"(\d)")
    s.str.get_dummies()
    s.str.partition()
    assert_series_equal(s, before)
