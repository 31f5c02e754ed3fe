"""Sinks: write Documents to JSONL, DuckDB and export layouts."""
