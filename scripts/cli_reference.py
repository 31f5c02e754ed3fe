"""Regenerate the README's CLI reference from the commands' --help (a test checks it is current).

    python scripts/cli_reference.py          # rewrite README.md in place
    python scripts/cli_reference.py --check  # exit 1 when README.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- CLI-REFERENCE:START -->", "<!-- CLI-REFERENCE:END -->"


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(click.Context(command))):
            yield from _walk(command.get_command(click.Context(command), name), [*path, name])


def reference() -> str:
    """Return the Markdown CLI reference: every command's --help in a code block."""
    from eventwire.cli import cli

    parts = []
    for path, command in _walk(cli, ["eventwire"]):
        ctx = click.Context(command, info_name=" ".join(path), **command.context_settings)
        parts.append(f"#### `{' '.join(path)}`\n\n```\n{command.get_help(ctx).rstrip()}\n```\n")
    return "\n".join(parts)


def render(readme: str) -> str:
    """Return ``readme`` with the block between the markers replaced by the current reference."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{reference()}{END}{tail}"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        sys.exit(0 if new == text else 1)
    README.write_text(new, encoding="utf-8")
