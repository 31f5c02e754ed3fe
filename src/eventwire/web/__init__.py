"""Read-only web viewer and JSON API over the DuckDB store."""
