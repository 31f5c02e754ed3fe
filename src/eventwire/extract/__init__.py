"""Extractors: pure functions of a parsed spaCy Doc, one module per kind of result."""
