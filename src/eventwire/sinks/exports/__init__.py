"""Export layouts (GDELT, POLECAT, ACLED, JSONL) over the DuckDB store."""
