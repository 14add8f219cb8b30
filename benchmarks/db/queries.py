"""The db-benchmark questions for each solution: pandas (the reference), polars, duckdb and
gpuframe. Each solution has ``load_groupby(path)``, ``load_join(paths)`` and the questions
``GROUPBY[q](data)`` / ``JOIN[q](data)``; ``to_pandas(answer)`` turns an answer into a pandas
frame for the check against pandas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

GB = dict(as_index=False, sort=False, observed=True, dropna=False)

GROUPBY_QUESTIONS = {
    "q1": "sum v1 by id1",
    "q2": "sum v1 by id1:id2",
    "q3": "sum v1 mean v3 by id3",
    "q4": "mean v1:v3 by id4",
    "q5": "sum v1:v3 by id6",
    "q6": "median v3 sd v3 by id4 id5",
    "q7": "max v1 - min v2 by id3",
    "q8": "largest two v3 by id6",
    "q9": "regression v1 v2 by id2 id4",
    "q10": "sum v3 count by id1:id6",
}
GROUPBY_KEYS = {
    "q1": ["id1"],
    "q2": ["id1", "id2"],
    "q3": ["id3"],
    "q4": ["id4"],
    "q5": ["id6"],
    "q6": ["id4", "id5"],
    "q7": ["id3"],
    "q8": ["id6", "v3"],
    "q9": ["id2", "id4"],
    "q10": ["id1", "id2", "id3", "id4", "id5", "id6"],
}
JOIN_QUESTIONS = {
    "q1": "small inner on int",
    "q2": "medium inner on int",
    "q3": "medium outer on int",
    "q4": "medium inner on factor",
    "q5": "big inner on int",
}
JOIN_KEYS = {
    "q1": ["id1", "id2", "id3"],
    "q2": ["id1", "id2", "id3"],
    "q3": ["id1", "id2", "id3"],
    "q4": ["id1", "id2", "id3"],
    "q5": ["id1", "id2", "id3"],
}


# --------------------------------------------------------------------------- pandas
class Pandas:
    name = "pandas"

    @staticmethod
    def load_groupby(path: Path) -> Any:
        return pd.read_parquet(path)  # id1..id3 arrive as category, as in the pandas solution

    @staticmethod
    def load_join(paths: dict[str, Path]) -> Any:
        return {k: pd.read_parquet(p) for k, p in paths.items()}

    GROUPBY = {
        "q1": lambda x: x.groupby("id1", **GB).agg({"v1": "sum"}),
        "q2": lambda x: x.groupby(["id1", "id2"], **GB).agg({"v1": "sum"}),
        "q3": lambda x: x.groupby("id3", **GB).agg({"v1": "sum", "v3": "mean"}),
        "q4": lambda x: x.groupby("id4", **GB).agg({"v1": "mean", "v2": "mean", "v3": "mean"}),
        "q5": lambda x: x.groupby("id6", **GB).agg({"v1": "sum", "v2": "sum", "v3": "sum"}),
        "q6": lambda x: x.groupby(["id4", "id5"], **GB).agg({"v3": ["median", "std"]}),
        "q7": lambda x: (
            x.groupby("id3", **GB)
            .agg({"v1": "max", "v2": "min"})
            .assign(range_v1_v2=lambda d: d["v1"] - d["v2"])[["id3", "range_v1_v2"]]
        ),
        "q8": lambda x: (
            x[~x["v3"].isna()][["id6", "v3"]]
            .sort_values("v3", ascending=False)
            .groupby("id6", **GB)
            .head(2)
        ),
        "q9": lambda x: (
            x[["id2", "id4", "v1", "v2"]]
            .groupby(["id2", "id4"], **GB)
            .apply(lambda d: pd.Series({"r2": d.corr(numeric_only=True)["v1"]["v2"] ** 2}))
        ),
        "q10": lambda x: x.groupby(["id1", "id2", "id3", "id4", "id5", "id6"], **GB).agg(
            {"v3": "sum", "v1": "size"}
        ),
    }
    JOIN = {
        "q1": lambda d: d["x"].merge(d["small"], how="inner", on="id1"),
        "q2": lambda d: d["x"].merge(d["medium"], how="inner", on="id2"),
        "q3": lambda d: d["x"].merge(d["medium"], how="left", on="id2"),
        "q4": lambda d: d["x"].merge(d["medium"], how="inner", on="id5"),
        "q5": lambda d: d["x"].merge(d["big"], how="inner", on="id3"),
    }

    @staticmethod
    def to_pandas(ans: Any) -> pd.DataFrame:
        return ans


# --------------------------------------------------------------------------- polars
class Polars:
    name = "polars"

    @staticmethod
    def load_groupby(path: Path) -> Any:
        import polars as pl

        return pl.read_parquet(path).with_columns(
            pl.col(["id1", "id2", "id3"]).cast(pl.Categorical)
        )

    @staticmethod
    def load_join(paths: dict[str, Path]) -> Any:
        import polars as pl

        return {k: pl.read_parquet(p) for k, p in paths.items()}

    @staticmethod
    def _gb():
        import polars as pl

        c = pl.col
        return {
            "q1": lambda x: x.group_by("id1").agg(c("v1").sum()),
            "q2": lambda x: x.group_by("id1", "id2").agg(c("v1").sum()),
            "q3": lambda x: x.group_by("id3").agg(c("v1").sum(), c("v3").mean()),
            "q4": lambda x: x.group_by("id4").agg(c("v1").mean(), c("v2").mean(), c("v3").mean()),
            "q5": lambda x: x.group_by("id6").agg(c("v1").sum(), c("v2").sum(), c("v3").sum()),
            "q6": lambda x: x.group_by("id4", "id5").agg(
                c("v3").median().alias("v3_median"), c("v3").std().alias("v3_std")
            ),
            "q7": lambda x: x.group_by("id3").agg(
                (c("v1").max() - c("v2").min()).alias("range_v1_v2")
            ),
            "q8": lambda x: (
                x.drop_nulls("v3")
                .group_by("id6")
                .agg(c("v3").top_k(2).alias("largest2_v3"))
                .explode("largest2_v3")
            ),
            "q9": lambda x: x.group_by("id2", "id4").agg((pl.corr("v1", "v2") ** 2).alias("r2")),
            "q10": lambda x: x.group_by("id1", "id2", "id3", "id4", "id5", "id6").agg(
                c("v3").sum().alias("v3"), pl.len().alias("count")
            ),
        }

    @staticmethod
    def _join():
        return {
            "q1": lambda d: d["x"].join(d["small"], on="id1"),
            "q2": lambda d: d["x"].join(d["medium"], on="id2"),
            "q3": lambda d: d["x"].join(d["medium"], on="id2", how="left"),
            "q4": lambda d: d["x"].join(d["medium"], on="id5"),
            "q5": lambda d: d["x"].join(d["big"], on="id3"),
        }

    @staticmethod
    def to_pandas(ans: Any) -> pd.DataFrame:
        return ans.to_pandas()


# --------------------------------------------------------------------------- duckdb
class DuckDB:
    name = "duckdb"

    @staticmethod
    def load_groupby(path: Path) -> Any:
        import duckdb

        con = duckdb.connect()
        con.execute(f"CREATE TABLE x AS SELECT * FROM read_parquet('{path}')")
        return con

    @staticmethod
    def load_join(paths: dict[str, Path]) -> Any:
        import duckdb

        con = duckdb.connect()
        for k, p in paths.items():
            con.execute(f"CREATE TABLE {k} AS SELECT * FROM read_parquet('{p}')")
        return con

    _GB_SQL = {
        "q1": "SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1",
        "q2": "SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2",
        "q3": "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3",
        "q4": "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4",
        "q5": "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6",
        "q6": "SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 "
        "FROM x GROUP BY id4, id5",
        "q7": "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3",
        "q8": "SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER "
        "(PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 FROM x WHERE v3 IS NOT NULL) sub "
        "WHERE order_v3 <= 2",
        "q9": "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4",
        "q10": "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count "
        "FROM x GROUP BY id1, id2, id3, id4, id5, id6",
    }
    _JOIN_SQL = {
        "q1": "SELECT x.*, small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)",
        "q2": "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, "
        "medium.id5 AS medium_id5, v2 FROM x JOIN medium USING (id2)",
        "q3": "SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, "
        "medium.id5 AS medium_id5, v2 FROM x LEFT JOIN medium USING (id2)",
        "q4": "SELECT x.*, medium.id1 AS medium_id1, medium.id2 AS medium_id2, "
        "medium.id4 AS medium_id4, v2 FROM x JOIN medium USING (id5)",
        "q5": "SELECT x.*, big.id1 AS big_id1, big.id2 AS big_id2, big.id4 AS big_id4, "
        "big.id5 AS big_id5, big.id6 AS big_id6, v2 FROM x JOIN big USING (id3)",
    }
    GROUPBY = {
        q: (lambda sql: lambda con: con.sql(sql).fetch_arrow_table())(s) for q, s in _GB_SQL.items()
    }
    JOIN = {
        q: (lambda sql: lambda con: con.sql(sql).fetch_arrow_table())(s)
        for q, s in _JOIN_SQL.items()
    }

    @staticmethod
    def to_pandas(ans: Any) -> pd.DataFrame:
        if hasattr(ans, "read_all"):
            ans = ans.read_all()
        return ans.to_pandas()


try:  # polars is a benchmark peer, not a dependency: absent, its solution has no questions
    Polars.GROUPBY = Polars._gb()
except ImportError:
    Polars.GROUPBY = {}
Polars.JOIN = Polars._join()
