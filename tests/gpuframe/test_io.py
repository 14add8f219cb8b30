"""I/O against pandas: Parquet, Arrow IPC, CSV and JSON lines; round trips, errors, atomicity."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import gpuframe as gf
from gpuframe import io as gio
from gpuframe.testing import assert_frame_equal


def _rich_frame(n: int = 12) -> pd.DataFrame:
    """Every dtype, with nulls, NaN, NaT, empty strings and unicode."""
    rng = np.random.default_rng(7)
    times = rng.integers(0, 2 * 10**9, n).astype("M8[s]")
    times[::4] = np.datetime64("NaT")
    strings = np.array(["a", "", "ünï", "x y", None, "日本"] * n, dtype=object)[:n]
    frame = {
        "b": rng.random(n) > 0.5,
        "i8": rng.integers(-100, 100, n).astype(np.int8),
        "i16": rng.integers(-1000, 1000, n).astype(np.int16),
        "i32": rng.integers(-(10**6), 10**6, n).astype(np.int32),
        "i64": rng.integers(-(10**12), 10**12, n),
        "u8": rng.integers(0, 200, n).astype(np.uint8),
        "u64": rng.integers(0, 10**12, n).astype(np.uint64),
        "f32": rng.random(n).astype(np.float32),
        "f64": np.where(np.arange(n) % 5 == 1, np.nan, rng.standard_normal(n)),
        "Int64": pd.array([None if k % 3 == 0 else k for k in range(n)], dtype="Int64"),
        "boolean": pd.array(
            [None if k % 4 == 2 else k % 2 == 0 for k in range(n)], dtype="boolean"
        ),
        "t_s": times,
        "t_ms": times.astype("M8[ms]") + np.timedelta64(7, "ms"),
        "t_us": times.astype("M8[us]"),
        "t_ns": times.astype("M8[ns]") + np.timedelta64(3, "ns"),
        "td": (times - times[1]).astype("m8[ms]"),
        "s": pd.array(strings, dtype="str"),
        "cat": pd.Categorical(["lo", "hi", None, "lo"] * (n // 4) + ["hi"] * (n % 4)),
    }
    return pd.DataFrame(frame)


INDEXES = {
    "range": lambda n: pd.RangeIndex(n),
    "range_step": lambda n: pd.RangeIndex(5, 5 + 3 * n, 3, name="r"),
    "int": lambda n: pd.Index(np.arange(n)[::-1] * 10, name="k"),
    "str": lambda n: pd.Index([f"row{i}" for i in range(n)]),
    "multi": lambda n: pd.MultiIndex.from_arrays(
        [np.arange(n) % 3, pd.array([f"g{i}" for i in range(n)], dtype="str")], names=["a", "b"]
    ),
}


@pytest.mark.parametrize("fmt", ["parquet", "ipc"])
@pytest.mark.parametrize("index", list(INDEXES))
def test_binary_round_trip_loses_nothing(tmp_path, fmt, index):
    pdf = _rich_frame()
    pdf.index = INDEXES[index](len(pdf))
    path = tmp_path / f"t.{fmt}"
    getattr(gf.from_pandas(pdf), f"to_{fmt}")(path)
    back = getattr(gf, f"read_{fmt}")(path)
    assert isinstance(back, gf.DataFrame)
    assert_frame_equal(back, pdf)


@pytest.mark.parametrize("fmt", ["parquet", "ipc"])
def test_binary_round_trip_of_empty_frames(tmp_path, fmt):
    # (the categories of an empty category column are not stored, in pandas neither)
    for pdf in (
        _rich_frame().drop(columns=["cat"]).iloc[:0],
        pd.DataFrame({"a": pd.Series([], dtype="float64")}),
    ):
        path = tmp_path / f"e.{fmt}"
        getattr(gf.from_pandas(pdf), f"to_{fmt}")(path)
        assert_frame_equal(getattr(gf, f"read_{fmt}")(path), pdf)


def test_integer_column_labels_round_trip(tmp_path):
    pdf = pd.DataFrame({0: [1.5, 2.5], 1: ["a", None]})
    gf.from_pandas(pdf).to_parquet(tmp_path / "t.parquet")
    assert_frame_equal(gf.read_parquet(tmp_path / "t.parquet"), pdf)


def test_read_parquet_written_by_pandas_matches_pandas(tmp_path):
    pdf = _rich_frame().drop(columns=["td"])
    pdf.index = INDEXES["int"](len(pdf))
    path = tmp_path / "pandas.parquet"
    pdf.to_parquet(path)
    result = gf.read_parquet(path)
    assert_frame_equal(result, pdf)
    # pandas itself reads the seconds column back as milliseconds (Parquet has no seconds)
    expected = pd.read_parquet(path)
    assert_frame_equal(result.to_pandas().drop(columns=["t_s"]), expected.drop(columns=["t_s"]))


def test_read_feather_written_by_pandas(tmp_path):
    pdf = _rich_frame().drop(columns=["td"])
    path = tmp_path / "pandas.feather"
    pdf.to_feather(path)
    assert_frame_equal(gf.read_feather(path), pd.read_feather(path))


def test_parquet_columns_and_filters_pushdown(tmp_path):
    pdf = pd.DataFrame(
        {"year": np.repeat([2019, 2020, 2021], 4), "v": np.arange(12.0), "s": list("abcdefghijkl")}
    )
    path = tmp_path / "t.parquet"
    pdf.to_parquet(path, row_group_size=4)
    for columns, filters in [
        (["v"], None),
        (["s", "year"], [("year", ">=", 2020)]),
        (None, [("year", "=", 2019), ("v", ">", 1.0)]),
        (None, [[("year", "=", 2019)], [("s", "in", ["k", "l"])]]),
    ]:
        result = gf.read_parquet(path, columns=columns, filters=filters)
        expected = pd.read_parquet(path, columns=columns, filters=filters)
        assert_frame_equal(result, expected)


def test_read_ipc_columns(tmp_path):
    pdf = _rich_frame()
    pdf.index = INDEXES["str"](len(pdf))
    gf.from_pandas(pdf).to_ipc(tmp_path / "t.arrow")
    assert_frame_equal(gf.read_ipc(tmp_path / "t.arrow", columns=["s", "i8"]), pdf[["s", "i8"]])
    with pytest.raises(KeyError, match="'nope'"):
        gf.read_ipc(tmp_path / "t.arrow", columns=["nope"])


def test_read_parquet_unknown_column(tmp_path):
    pd.DataFrame({"a": [1]}).to_parquet(tmp_path / "t.parquet")
    with pytest.raises(KeyError, match=r"'zz' not found; columns: \['a'\]"):
        gf.read_parquet(tmp_path / "t.parquet", columns=["zz"])


# ---------------------------------------------------------------------- CSV
def _csv_frame() -> pd.DataFrame:
    pdf = _rich_frame().drop(columns=["td", "cat", "i8", "i16", "i32", "u8", "u64", "f32", "Int64"])
    return pdf.drop(columns=["t_ms", "t_us", "t_ns", "boolean"])


def test_csv_round_trip(tmp_path):
    pdf = _csv_frame()
    pdf.index = pd.Index(np.arange(len(pdf)) * 7, name="key")
    path = tmp_path / "t.csv"
    gf.from_pandas(pdf).to_csv(path)
    back = gf.read_csv(path, index_col=0, dtype={"t_s": "datetime64[s]"})
    assert_frame_equal(back, pdf)


def test_csv_round_trip_keeps_float_nullable_and_dates(tmp_path):
    pdf = pd.DataFrame(
        {
            "f": [1.0, 2.0, np.nan],  # integral floats stay floats
            "I": pd.array([1, None, 3], dtype="Int64"),
            "B": pd.array([True, None, False], dtype="boolean"),
            "t": pd.to_datetime(
                ["2020-01-01 10:00:00.123456789", None, "1999-12-31"], format="ISO8601"
            ),
        }
    )
    path = tmp_path / "t.csv"
    gf.from_pandas(pdf).to_csv(path, index=False)
    back = gf.read_csv(path, dtype={"I": "Int64", "t": "datetime64[ns]"})
    assert_frame_equal(back, pdf)


CSV_TEXT = """id;name;score;when;flag;note
1;Ann;3.5;2024-01-02;True;x
2;Bob;;2024-02-29;False;NA
3;Chloé;7;;True;missing
4;;1e3;2023-12-31;false;
"""


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"usecols": ["id", "score"]},
        {"usecols": [0, 2]},
        {"dtype": {"id": "int32", "score": "float32"}},
        {"dtype": {"id": "Int64"}},
        {"dtype": {"name": "category", "flag": "boolean"}},
        {"parse_dates": ["when"]},
        {"na_values": ["missing"]},
        {"na_values": "x", "keep_default_na": False},
        {"index_col": "id"},
        {"index_col": ["id", "name"]},
        {"header": None},
        {"header": None, "names": ["a", "b", "c", "d", "e", "f"]},
        {"names": ["a", "b", "c", "d", "e", "f"], "header": 0},
    ],
    ids=repr,
)
def test_read_csv_matches_pandas(tmp_path, kwargs):
    path = tmp_path / "t.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    expected = pd.read_csv(path, sep=";", **kwargs)
    assert_frame_equal(gf.read_csv(path, sep=";", **kwargs), expected)


def test_read_csv_duplicate_and_empty_header_names(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,a,,b\n1,2,3,x\n4,5,6,y\n")
    assert_frame_equal(gf.read_csv(path), pd.read_csv(path))


def test_read_csv_quoted_newlines_and_unicode(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('k,text\n1,"line one\nline two"\n2,"ünï ""quoted"""\n', encoding="utf-8")
    assert_frame_equal(gf.read_csv(path), pd.read_csv(path))


def test_read_csv_header_only(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n")
    result = gf.read_csv(path)
    assert result.shape == (0, 2) and list(result.columns) == ["a", "b"]


# ---------------------------------------------------------------------- JSON lines
def test_json_lines_round_trip(tmp_path):
    pdf = pd.DataFrame(
        {
            "i": [1, 2, 3],
            "f": [0.5, np.nan, -2.25],
            "s": pd.array(["x", None, "ünï"], dtype="str"),
            "b": [True, False, True],
            "t": pd.to_datetime(
                ["2020-01-01", None, "2021-06-07 08:09:10"], format="ISO8601"
            ).as_unit("s"),
        }
    )
    path = tmp_path / "t.jsonl"
    gf.from_pandas(pdf).to_json(path)
    assert_frame_equal(gf.read_json(path, lines=True), pdf)


def test_read_json_lines_matches_pandas(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"a": 1, "b": "x", "c": 1.5}\n{"a": null, "b": "ü", "c": 2}\n{"a": 3, "b": null, "c": null}\n'
    )
    assert_frame_equal(gf.read_json(path, lines=True), pd.read_json(path, lines=True))


def test_read_json_not_lines_uses_pandas(tmp_path):
    path = tmp_path / "t.json"
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).to_json(path)
    assert_frame_equal(gf.read_json(path, lines=False), pd.read_json(path))


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "reader", ["read_parquet", "read_csv", "read_json", "read_ipc", "read_feather"]
)
def test_missing_file_names_the_path(tmp_path, reader):
    path = str(tmp_path / "nope.bin")
    with pytest.raises(FileNotFoundError, match="nope.bin"):
        getattr(gf, reader)(path)


def test_malformed_csv_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n3,4\n5,6,7\n8,9\n")
    with pytest.raises(ValueError, match=r"bad\.csv' at line 4: expected 2 fields, found 3"):
        gf.read_csv(path)


def test_csv_value_not_fitting_dtype_names_column_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n3,x\n")
    with pytest.raises(ValueError, match=r"'x' of column 'b' in '.*bad\.csv' at line 3"):
        gf.read_csv(path, dtype={"b": "int64"})


def test_unparseable_date_names_column_and_value(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("when,v\n2024-01-01,1\nnot a date,2\n")
    with pytest.raises(ValueError, match=r"'not a date' in column 'when'"):
        gf.read_csv(path, parse_dates=["when"])


def test_empty_csv_and_unknown_columns(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("")
    with pytest.raises(ValueError, match="empty"):
        gf.read_csv(path)
    path.write_text("a,b\n1,2\n")
    with pytest.raises(KeyError, match=r"'zz'.*columns: \['a', 'b'\]"):
        gf.read_csv(path, usecols=["zz"])
    with pytest.raises(ValueError, match="sep"):
        gf.read_csv(path, sep="::")


def test_malformed_json_lines_names_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"a": 1}\n{"a": \n')
    with pytest.raises(ValueError, match=r"bad\.jsonl"):
        gf.read_json(path)


def test_not_a_parquet_file(tmp_path):
    path = tmp_path / "x.parquet"
    path.write_text("hello")
    with pytest.raises(ValueError, match=r"x\.parquet"):
        gf.read_parquet(path)


# ---------------------------------------------------------------------- atomic writes
WRITERS = ["to_parquet", "to_csv", "to_json", "to_ipc"]


@pytest.mark.parametrize("writer", WRITERS)
def test_write_into_missing_directory_leaves_nothing(tmp_path, writer):
    df = gf.from_pandas(pd.DataFrame({"a": [1, 2]}))
    target = tmp_path / "no_such_dir" / "out.bin"
    with pytest.raises(FileNotFoundError, match="no_such_dir"):
        getattr(df, writer)(target)
    assert not target.parent.exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_failed_write_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, writer, monkeypatch):
    df = gf.from_pandas(pd.DataFrame({"a": np.arange(1000), "s": ["x"] * 1000}))
    target = tmp_path / "out.bin"

    def fail_after_partial_write(path: str) -> None:
        with open(path, "wb") as f:
            f.write(b"partial")
        raise OSError(28, "No space left on device")

    # the writer produces bytes in the temp file, then the disk "fills up"
    real_fsync = os.fsync

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    for existing in (None, b"old contents"):
        if existing is not None:
            target.write_bytes(existing)
        monkeypatch.setattr(os, "fsync", broken_fsync)
        with pytest.raises(OSError, match="No space"):
            getattr(df, writer)(target)
        monkeypatch.setattr(os, "fsync", real_fsync)
        assert os.listdir(tmp_path) == ([] if existing is None else ["out.bin"])
        if existing is not None:
            assert target.read_bytes() == existing


def test_unconvertible_frame_leaves_no_file(tmp_path):
    df = gf.from_pandas(pd.DataFrame({"td": pd.to_timedelta([1, 2], unit="s")}))
    with pytest.raises(TypeError, match="timedelta"):
        df.to_csv(tmp_path / "t.csv")
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_directory_leaves_no_file(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(PermissionError):
            gf.from_pandas(pd.DataFrame({"a": [1]})).to_parquet(ro / "t.parquet")
        assert os.listdir(ro) == []
    finally:
        ro.chmod(0o700)


def test_writing_a_pandas_frame_and_bad_path_type(tmp_path):
    pdf = pd.DataFrame({"a": [1.0, None]})
    gio.to_parquet(pdf, tmp_path / "p.parquet")
    assert_frame_equal(pq.read_table(tmp_path / "p.parquet").to_pandas(), pdf)
    with pytest.raises(TypeError, match="path"):
        gio.to_parquet(pdf, 123)


# ---------------------------------------------------------------------- GPU
@pytest.mark.gpu
@pytest.mark.parametrize("fmt", ["parquet", "ipc", "csv"])
def test_read_onto_the_gpu(tmp_path, fmt):
    pdf = _csv_frame() if fmt == "csv" else _rich_frame()
    path = tmp_path / f"t.{fmt}"
    getattr(gf.from_pandas(pdf), f"to_{fmt}")(path)
    kwargs = {"index_col": 0, "dtype": {"t_s": "datetime64[s]"}} if fmt == "csv" else {}
    df = getattr(gf, f"read_{fmt}")(path, device="gpu", **kwargs)
    assert df.device.kind == "gpu"
    assert_frame_equal(df, pdf)


# ---------------------------------------------------------------------- properties
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _frames(draw):
    n = draw(st.integers(0, 8))
    nulls = st.lists(st.booleans(), min_size=n, max_size=n)
    kinds = draw(
        st.lists(st.sampled_from(["i", "I", "f", "b", "B", "s", "t", "c"]), min_size=1, max_size=5)
    )
    cols = {}
    for k, kind in enumerate(kinds):
        miss = np.array(draw(nulls), dtype=bool)
        ints = np.array(
            draw(st.lists(st.integers(-(2**40), 2**40), min_size=n, max_size=n)), dtype=np.int64
        )
        if kind == "i":
            col = ints
        elif kind == "I":
            col = pd.array(np.where(miss, None, ints).tolist(), dtype="Int64")
        elif kind == "f":
            col = np.where(miss, np.nan, ints / 7.0)
        elif kind == "b":
            col = ints % 2 == 0
        elif kind == "B":
            col = pd.array(np.where(miss, None, ints % 2 == 0).tolist(), dtype="boolean")
        elif kind == "s":
            text = draw(st.lists(st.text(max_size=4), min_size=n, max_size=n))
            col = pd.array([None if m else t for m, t in zip(miss, text)], dtype="str")
        elif kind == "t":
            col = np.where(miss, np.datetime64("NaT"), (ints // 1000).astype("M8[ms]")).astype(
                "M8[ms]"
            )
        else:
            col = pd.Categorical([None if m else f"k{v % 3}" for m, v in zip(miss, ints)])
        cols[f"{kind}{k}"] = col
    pdf = pd.DataFrame(cols)
    if draw(st.booleans()):
        pdf.index = pd.Index(np.arange(n) * 3 - 5, name="idx")
    return pdf


@settings(max_examples=30, deadline=None)
@given(pdf=_frames(), fmt=st.sampled_from(["parquet", "ipc"]))
def test_property_binary_round_trip(tmp_path_factory, pdf, fmt):
    path = tmp_path_factory.mktemp("rt") / f"t.{fmt}"
    getattr(gf.from_pandas(pdf), f"to_{fmt}")(path)
    back = getattr(gf, f"read_{fmt}")(path)
    # the categories of an empty (or all-missing) category column are not stored
    empty_cats = [
        c
        for c in pdf.columns
        if isinstance(pdf[c].dtype, pd.CategoricalDtype) and pdf[c].count() == 0
    ]
    if empty_cats:
        back = back.to_pandas()
        for c in empty_cats:
            assert isinstance(back[c].dtype, pd.CategoricalDtype) and back[c].count() == 0
        pdf, back = pdf.drop(columns=empty_cats), back.drop(columns=empty_cats)
    assert_frame_equal(back, pdf)


@pytest.mark.parametrize(
    ("func", "kwargs"),
    [("read_csv", {"nrows": 3}), ("read_parquet", {"engine": "x"}), ("read_json", {"orient": "x"})],
)
def test_unsupported_pandas_argument_is_named(tmp_path, func, kwargs):
    path = tmp_path / "f"
    path.write_text("a\n1\n")
    with pytest.raises(NotImplementedError, match=f"`{next(iter(kwargs))}`"):
        getattr(gf, func)(path, **kwargs)
    with pytest.raises(NotImplementedError, match="`float_format`"):
        gf.from_pandas(pd.DataFrame({"a": [1.0]})).to_csv(tmp_path / "o.csv", float_format="%.2f")
