"""Parallel runs: local or remote Dask clusters writing Parquet shards loaded into DuckDB."""
