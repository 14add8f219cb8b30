"""Frame benchmark: the DataFrame operations of the core on the db-benchmark groupby table,
against pandas on the same data in the same run (``python -m benchmarks.frame.suite``)."""
