"""Readers: turn files, folders, globs and standard input into ``Article`` or ``Skipped`` records."""
