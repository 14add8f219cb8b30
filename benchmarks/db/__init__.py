"""db-benchmark (h2oai/duckdblabs) groupby and join suites: data generator, the pandas
solution's queries, the same queries in polars, duckdb and gpuframe, run with one command:

    python -m benchmarks.db.run            # N = 1e6
    python -m benchmarks.db.run --n 1e7    # the published size

Every answer is checked against pandas' answer before it is timed; results go to
``benchmarks/results/db-<N>-<date>.json`` and ``.md``.
"""
