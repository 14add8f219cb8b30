"""The generic Array API paths (CuPy's) of today's frame features, run on a CuPy-like
array-api-strict, and the same features on a real GPU (``gpu``-marked, for ``make gpu-check``).

The ``cupy_like`` fixture makes array-api-strict behave as CuPy does where gpuframe's code
relies on it, and refuse what CuPy refuses:

* ``numpy.asarray``/``numpy.where``/... on a device array raise ``TypeError`` (CuPy refuses the
  implicit host copy); ``gpuframe.backend.to_host`` still works (DLPack);
* arrays have ``.view`` (integer reinterpretation; no datetime64, as CuPy) and ``.astype``;
* dtypes answer ``.kind``/``.itemsize`` as CuPy's NumPy dtypes do; ``sum`` accepts bools.

Columns are moved onto array-api-strict after ``from_pandas``; the frame's index stays on
NumPy, so operations that gather rows through the index (``Column.take`` moves positions
through NumPy/CuPy: reshape, time-offset windows, groupby) are covered by the GPU tests only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import gpuframe as gf
from gpuframe.backend import to_host
from gpuframe.column._column import Column
from gpuframe.testing import assert_frame_equal, assert_series_equal, gpu, has_module

strict_only = pytest.mark.skipif(
    not has_module("array_api_strict"), reason="needs array_api_strict (not installed)"
)


# -- a CuPy-like array-api-strict ----------------------------------------------------------------
@pytest.fixture
def cupy_like(monkeypatch):
    import array_api_strict as xs

    array_t = type(xs.asarray([1]))
    dtype_t = type(xs.int64)

    def no_implicit_copy(self, *args, **kwargs):
        raise TypeError("Implicit conversion to a NumPy array is not allowed (CuPy-like)")

    def view(self, dtype):
        dtype = np.dtype(dtype)
        if dtype.kind in "mMO":
            raise TypeError(f"Unsupported dtype {dtype}")  # CuPy has no datetime64
        return xs.asarray(np.from_dlpack(self).view(dtype))

    def astype(self, dtype, copy=True):
        target = dtype if type(dtype) is dtype_t else getattr(xs, np.dtype(dtype).name)
        return xs.astype(self, target)

    strict_sum = xs.sum

    def bool_sum(x, *args, **kwargs):
        if x.dtype == xs.bool:
            x = xs.astype(x, xs.int64)
        return strict_sum(x, *args, **kwargs)

    from_parts = Column._from_parts.__func__

    def numpy_dtype_parts(cls, data, mask=None, dtype=None, categories=None):
        if dtype is None and type(data.dtype) is dtype_t:
            dtype = data.dtype._np_dtype  # CuPy arrays carry NumPy dtypes
        return from_parts(cls, data, mask, dtype, categories)

    monkeypatch.setattr(array_t, "__array__", no_implicit_copy)
    monkeypatch.setattr(array_t, "view", view, raising=False)
    monkeypatch.setattr(array_t, "astype", astype, raising=False)
    monkeypatch.setattr(
        dtype_t, "__getattr__", lambda self, name: getattr(self._np_dtype, name), raising=False
    )
    monkeypatch.setattr(xs, "sum", bool_sum)
    monkeypatch.setattr(Column, "_from_parts", classmethod(numpy_dtype_parts))
    from gpuframe.backend import on_device

    with on_device("cpu"):  # under GPUFRAME_DEVICE=gpu too: no CuPy array joins the test
        yield xs


def _on(xs, col: Column) -> Column:
    def conv(a):
        if a is None:
            return None
        host = to_host(a)
        return xs.asarray(host.view(np.int64) if host.dtype.kind in "mM" else host)

    return Column._from_parts(conv(col.data), conv(col.mask), col.dtype, col.categories)


def _series(xs, ps: pd.Series):
    from gpuframe.series import Series

    g = gf.from_pandas(ps, device="cpu")
    return Series._from_column(_on(xs, g._column), g.index, g.name)


def _frame(xs, pdf: pd.DataFrame):
    from gpuframe.dataframe import DataFrame

    g = gf.from_pandas(pdf, device="cpu")
    return DataFrame._from_columns({k: _on(xs, c) for k, c in g._cols.items()}, g.index)


def _is_strict(obj) -> bool:
    cols = [obj._column] if hasattr(obj, "_column") else list(obj._cols.values())
    return all("array_api_strict" in type(c.data).__module__ for c in cols)


STRINGS = pd.Series(["a1b22", None, "c3", "a1b22", "x", ""], dtype="str")
TIMES = pd.Series(
    pd.to_datetime(
        [
            "2021-03-14 01:30",
            "2021-03-14 02:30",  # in the spring gap (America/New_York)
            None,
            "2021-11-07 01:30",  # ambiguous (fall back)
            "2021-07-01 12:00",
            "2020-02-29 23:59",
        ]
    )
)
NUMBERS = pd.DataFrame(
    {
        "a": [1.0, np.nan, 3.0, 4.0, 10.0, 2.0, np.nan, -5.0],
        "b": [1, 2, 3, 4, 5, 6, 7, 8],
    }
)


# -- .str on array-api-strict ---------------------------------------------------------------------
@strict_only
def test_str_regex_generic_path(cupy_like):
    """extract/extractall/findall/get_dummies and dictionary lookups gather by code on the
    device (no NumPy call on the rows)."""
    s = _series(cupy_like, STRINGS)
    assert _is_strict(s)
    p = STRINGS
    got = s.str.extract(r"(?P<letter>[a-z])(\d+)")
    assert _is_strict(got)
    assert_frame_equal(got, p.str.extract(r"(?P<letter>[a-z])(\d+)"))
    assert_series_equal(s.str.extract(r"(\d)", expand=False), p.str.extract(r"(\d)", expand=False))
    assert_frame_equal(s.str.extractall(r"(\d)"), p.str.extractall(r"(\d)"))
    assert s.str.findall(r"\d").to_pandas().tolist() == p.str.findall(r"\d").tolist()
    dummies = _series(cupy_like, pd.Series(["a|b", None, "b", "c|a"], dtype="str"))
    assert_frame_equal(
        dummies.str.get_dummies("|"),
        pd.Series(["a|b", None, "b", "c|a"], dtype="str").str.get_dummies("|"),
    )
    for name, args in (
        ("contains", (r"\d",)),
        ("len", ()),
        ("count", (r"\d",)),
        ("startswith", ("a",)),
        ("find", ("2",)),
        ("upper", ()),
        ("slice", (1, 3)),
    ):
        assert_series_equal(getattr(s.str, name)(*args), getattr(p.str, name)(*args))
    assert_frame_equal(s.str.split("1", expand=True), p.str.split("1", expand=True))


# -- time zones and fields on array-api-strict -----------------------------------------------------
@strict_only
@pytest.mark.parametrize("nonexistent", ["NaT", "shift_forward", "shift_backward"])
def test_tz_generic_path(cupy_like, nonexistent):
    """tz_localize/tz_convert and the fields around both DST changes, on int64 ticks."""
    s = _series(cupy_like, TIMES)
    p = TIMES
    kw = {"ambiguous": "NaT", "nonexistent": nonexistent}
    local = s.dt.tz_localize("America/New_York", **kw)
    want = p.dt.tz_localize("America/New_York", **kw)
    assert _is_strict(local)
    assert_series_equal(local, want)
    assert_series_equal(local.dt.tz_convert("Asia/Kolkata"), want.dt.tz_convert("Asia/Kolkata"))
    assert_series_equal(local.dt.tz_convert(None), want.dt.tz_convert(None))
    assert_series_equal(local.dt.tz_localize(None), want.dt.tz_localize(None))
    for name in ("hour", "minute", "day", "day_of_week", "day_of_year", "days_in_month"):
        assert_series_equal(getattr(local.dt, name), getattr(want.dt, name))
    for name in ("is_month_end", "is_leap_year", "is_quarter_end"):
        assert_series_equal(getattr(local.dt, name), getattr(want.dt, name))
    assert_series_equal(local.dt.day_name(), want.dt.day_name())
    assert_series_equal(local.dt.month_name(), want.dt.month_name())
    assert_series_equal(
        local.dt.strftime("%Y-%m-%d %H:%M %Z"), want.dt.strftime("%Y-%m-%d %H:%M %Z")
    )
    assert_series_equal(local.dt.normalize(), want.dt.normalize())
    for how in ("floor", "ceil", "round"):
        assert_series_equal(
            getattr(s.dt, how)("h"), getattr(p.dt, how)("h")
        )  # naive: no DST question
    assert_series_equal(local - local, want - want)
    assert_series_equal(
        local < pd.Timestamp("2021-06-01", tz="UTC"), want < pd.Timestamp("2021-06-01", tz="UTC")
    )


@strict_only
def test_tz_ambiguous_device_array_generic_path(cupy_like):
    """``ambiguous`` given as a device bool array (CuPy's), a NumPy array or a list."""
    p = pd.Series(pd.to_datetime(["2021-11-07 01:30", "2021-11-07 01:30", "2021-11-07 00:30"]))
    flags = np.array([True, False, True])
    want = p.dt.tz_localize("America/New_York", ambiguous=flags)
    s = _series(cupy_like, p)
    for amb in (cupy_like.asarray(flags), flags, flags.tolist()):
        got = s.dt.tz_localize("America/New_York", ambiguous=amb)
        assert _is_strict(got)
        assert_series_equal(got, want)


# -- windows, moments, apply, interpolate on array-api-strict ---------------------------------------
@strict_only
def test_windows_generic_path(cupy_like):
    """expanding/rolling (prefix sums, sparse min/max table) and ewm/quantile (documented host
    fallbacks that come back on the column's namespace)."""
    df = _frame(cupy_like, NUMBERS)
    p = NUMBERS
    for op in ("sum", "mean", "std", "var", "min", "max", "count"):
        got = getattr(df.expanding(min_periods=2), op)()
        assert _is_strict(got)
        assert_frame_equal(got, getattr(p.expanding(min_periods=2), op)())
        assert_frame_equal(getattr(df.rolling(3), op)(), getattr(p.rolling(3), op)())
        assert_frame_equal(
            getattr(df.rolling(4, center=True, min_periods=1), op)(),
            getattr(p.rolling(4, center=True, min_periods=1), op)(),
        )
    assert_frame_equal(df.rolling(3).median(), p.rolling(3).median())
    assert_frame_equal(df.rolling(3).quantile(0.25), p.rolling(3).quantile(0.25))
    for kw in ({"span": 3}, {"alpha": 0.5, "adjust": False}, {"com": 1, "ignore_na": True}):
        got = df.ewm(**kw).mean()
        assert _is_strict(got)
        assert_frame_equal(got, p.ewm(**kw).mean())
        assert_frame_equal(df.ewm(**kw).std(), p.ewm(**kw).std())
        assert_frame_equal(df.ewm(**kw).var(bias=True), p.ewm(**kw).var(bias=True))


@strict_only
def test_moments_apply_interpolate_generic_path(cupy_like):
    df = _frame(cupy_like, NUMBERS)
    p = NUMBERS
    assert_series_equal(df.skew(), p.skew())
    assert_series_equal(df.kurt(), p.kurt())
    assert df["a"].skew() == pytest.approx(p["a"].skew())
    got = df.interpolate()
    assert _is_strict(got)
    assert_frame_equal(got, p.interpolate())
    assert_series_equal(
        df["a"].interpolate(limit=1, limit_direction="both"),
        p["a"].interpolate(limit=1, limit_direction="both"),
    )
    with np.errstate(invalid="ignore"):  # sqrt of the negative value: NaN, as pandas
        got = df.apply(np.sqrt)
        want = p.apply(np.sqrt)
    assert _is_strict(got)
    assert_frame_equal(got, want)
    assert_frame_equal(df.transform("cumsum"), p.transform("cumsum"))
    assert_frame_equal(df.transform(lambda c: c * 2), p.transform(lambda c: c * 2))
    assert_series_equal(df["a"].apply(lambda v: v + 1), p["a"].apply(lambda v: v + 1))


@strict_only
def test_filter_cond_device_array_generic_path(cupy_like):
    """``filter(cond=...)`` over the columns with a device bool array (CuPy's)."""
    df = _frame(cupy_like, NUMBERS)
    got = df.filter(cond=cupy_like.asarray([False, True]), axis=1)
    assert_frame_equal(got, NUMBERS[["b"]])


@strict_only
def test_repeat_counts_as_device_array(cupy_like):
    """``Series.repeat`` with the counts in a device array (CuPy's), a list or a Series."""
    p = pd.Series([1.5, np.nan, 3.0], index=["a", "b", "c"])
    s = gf.from_pandas(p, device="cpu")
    want = p.repeat([2, 0, 3])
    for counts in (cupy_like.asarray([2, 0, 3]), [2, 0, 3], gf.Series([2, 0, 3])):
        assert_series_equal(s.repeat(counts), want)
    with pytest.raises(ValueError, match="repeats"):
        s.repeat(cupy_like.asarray([1, 2]))


@strict_only
def test_no_implicit_host_copy_under_cupy_like(cupy_like):
    """The fixture itself: NumPy functions on a device array raise, as CuPy does."""
    a = cupy_like.asarray([1, 2])
    with pytest.raises(TypeError, match="Implicit conversion"):
        np.asarray(a)
    assert to_host(a).tolist() == [1, 2]


# -- the same features on a real GPU (make gpu-check) ------------------------------------------------
@pytest.fixture(params=["cpu", pytest.param("gpu", marks=gpu)])
def device(request):
    """The GPU (``make gpu-check``), and the CPU twin that checks the same expectations; the
    default device follows (the index of ``from_pandas`` goes to the default device)."""
    from gpuframe.backend import on_device

    with on_device(request.param):
        yield request.param


def test_str_on_device(device):
    s = gf.from_pandas(STRINGS, device=device)
    p = STRINGS
    assert_frame_equal(
        s.str.extract(r"(?P<letter>[a-z])(\d+)"), p.str.extract(r"(?P<letter>[a-z])(\d+)")
    )
    assert_frame_equal(s.str.extractall(r"(\d)"), p.str.extractall(r"(\d)"))
    assert s.str.findall(r"\d").to_pandas().tolist() == p.str.findall(r"\d").tolist()
    q = pd.Series(["a|b", None, "b", "c|a"], dtype="str")
    assert_frame_equal(
        gf.from_pandas(q, device=device).str.get_dummies("|"), q.str.get_dummies("|")
    )


def test_tz_on_device(device):
    s = gf.from_pandas(TIMES, device=device)
    p = TIMES
    kw = {"ambiguous": "NaT", "nonexistent": "shift_forward"}
    local = s.dt.tz_localize("America/New_York", **kw)
    want = p.dt.tz_localize("America/New_York", **kw)
    assert_series_equal(local, want)
    assert_series_equal(local.dt.tz_convert("Europe/Paris"), want.dt.tz_convert("Europe/Paris"))
    for name in ("hour", "day", "day_of_week", "is_month_end"):
        assert_series_equal(getattr(local.dt, name), getattr(want.dt, name))
    assert_series_equal(local.dt.strftime("%H:%M %Z"), want.dt.strftime("%H:%M %Z"))


def test_reshape_on_device(device):
    pdf = pd.DataFrame(
        {
            "k": pd.Categorical(["x", "y", "x", "y", "x"], categories=["x", "y", "z"]),
            "j": [1, 1, 2, 2, 1],
            "v": [1.0, 2.0, np.nan, 4.0, 5.0],
        }
    )
    df = gf.from_pandas(pdf, device=device)
    assert_series_equal(df[["j", "v"]].stack(), pdf[["j", "v"]].stack())
    # (a categorical key gives plain column labels: documented in pivot_table)
    one = pdf.drop_duplicates(["j", "k"]).astype({"k": "str"})
    assert_frame_equal(
        gf.from_pandas(one, device=device).set_index(["j", "k"])["v"].unstack(),
        one.set_index(["j", "k"])["v"].unstack(),
    )
    plain = pdf.astype({"k": "str"})
    assert_frame_equal(
        gf.from_pandas(plain, device=device).pivot_table(
            values="v", index="k", columns="j", aggfunc="sum", margins=True, observed=True
        ),
        plain.pivot_table(
            values="v", index="k", columns="j", aggfunc="sum", margins=True, observed=True
        ),
    )
    assert_series_equal(
        df.groupby("k", observed=False)["v"].sum(), pdf.groupby("k", observed=False)["v"].sum()
    )
    assert_frame_equal(
        df.groupby(["k", "j"], observed=False).mean(),
        pdf.groupby(["k", "j"], observed=False).mean(),
    )
    # the host fallbacks (a Python function per group) come back to the data's device
    keyed = pdf.assign(s=["a", None, "a", "b", "b"])
    g, pg = gf.from_pandas(keyed, device=device).groupby("s"), keyed.groupby("s")
    assert_series_equal(
        g["v"].agg(lambda x: x.max() - x.min()), pg["v"].agg(lambda x: x.max() - x.min())
    )
    assert_series_equal(
        g["v"].transform(lambda x: x - x.mean()), pg["v"].transform(lambda x: x - x.mean())
    )


def test_apply_moments_interpolate_on_device(device):
    df = gf.from_pandas(NUMBERS, device=device)
    p = NUMBERS
    assert_frame_equal(df.apply(np.sqrt), p.apply(np.sqrt))
    assert_frame_equal(df.agg(["sum", "mean", "min"]), p.agg(["sum", "mean", "min"]))
    assert_frame_equal(df.transform(lambda c: c - c.mean()), p.transform(lambda c: c - c.mean()))
    assert_series_equal(df.skew(), p.skew())
    assert_series_equal(df.kurt(), p.kurt())
    assert_frame_equal(df.interpolate(), p.interpolate())


def test_windows_on_device(device):
    df = gf.from_pandas(NUMBERS, device=device)
    p = NUMBERS
    assert_frame_equal(df.expanding().mean(), p.expanding().mean())
    assert_frame_equal(df.expanding(min_periods=2).std(), p.expanding(min_periods=2).std())
    assert_frame_equal(df.ewm(span=3).mean(), p.ewm(span=3).mean())
    assert_frame_equal(df.rolling(3).max(), p.rolling(3).max())
    t = pd.DataFrame(
        {"v": [1.0, 2.0, np.nan, 4.0, 5.0]},
        index=pd.DatetimeIndex(
            ["2021-01-01 00:00:00", "2021-01-01 00:00:01", "2021-01-01 00:00:03",
             "2021-01-01 00:00:05", "2021-01-01 00:00:06"]
        ),
    )  # fmt: skip
    from gpuframe.backend import on_device

    for default in ("cpu", device):  # the index follows the default device, the data `device`
        with on_device(default):
            g = gf.from_pandas(t, device=device)
        assert_frame_equal(g.rolling("2s").sum(), t.rolling("2s").sum())
        assert_frame_equal(
            g.rolling("3s", closed="both").mean(), t.rolling("3s", closed="both").mean()
        )


def test_pandas_operands_follow_the_frame_device(device):
    """pandas/list operands of combine_first, update, compare and case_when go to the frame's
    device, whatever the default device (here also the CPU with the data on ``device``)."""
    from gpuframe.backend import on_device

    ps = pd.Series([1.0, np.nan, 3.0], name="x")
    other = pd.Series([9.0, 8.0, np.nan], name="x")
    for default in ("cpu", device):
        with on_device(default):
            s = gf.from_pandas(ps, device=device)
            df = gf.from_pandas(ps.to_frame(), device=device)
        assert_series_equal(s.combine_first(other), ps.combine_first(other))
        assert_frame_equal(
            df.combine_first(other.to_frame()), ps.to_frame().combine_first(other.to_frame())
        )
        assert_frame_equal(s.compare(other), ps.compare(other))
        cases = [(ps > 2, [0.5, 0.5, 0.5]), (ps.isna(), other)]
        got = s.case_when([(gf.from_pandas(c, device=device), v) for c, v in cases])
        assert_series_equal(got, ps.case_when(cases))
        got_df, want_df = df.copy(), ps.to_frame()
        got_df.update(other.to_frame())
        want_df.update(other.to_frame())
        assert_frame_equal(got_df, want_df)
