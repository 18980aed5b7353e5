"""Regenerates the CLI reference block of README.md from the click commands (run after changing the CLI)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from suasion.cli.main import cli

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found = []
    for name in sorted(group.commands):
        command = group.commands[name]
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix} {name}"))
    return found


def reference() -> str:
    blocks = []
    for path, command in [("suasion", cli), *_commands(cli, "suasion")]:
        with click.Context(command, info_name=path, terminal_width=100, max_content_width=100) as ctx:
            text = command.get_help(ctx)
        blocks.append(f"#### `{path}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(blocks)


def render(readme: str) -> str:
    block = f"{START}\n{reference()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    updated = render(text)
    if "--check" in sys.argv:
        sys.exit(0 if updated == text else 1)
    README.write_text(updated, encoding="utf-8")
