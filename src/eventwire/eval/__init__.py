"""Evaluation commands against public gold sets given by path (never shipped with the package)."""
