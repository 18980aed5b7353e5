"""Splits a plain-text article into its optional `key: value` header block and its body."""

from __future__ import annotations

import re

_HEADER_LINE = re.compile(r"([A-Za-z][\w-]{0,39})[ \t]*:[ \t]*(.*)")
_SEPARATOR = "---"
MAX_HEADER_LINES = 60


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Return (header fields with lower-case keys, body).

    A header is a run of `key: value` lines closed by a line `---`; Markdown front matter (the same
    run opened by a `---` line too) is accepted. Anything else means the file has no header and the
    whole text is the body, so a first line such as "Moscow: talks resumed" is never lost.
    """
    lines = text.split("\n", MAX_HEADER_LINES + 2)
    start = 1 if lines and lines[0].strip() == _SEPARATOR else 0
    fields: dict[str, str] = {}
    for number in range(start, min(len(lines), MAX_HEADER_LINES + start)):
        line = lines[number].rstrip("\r")
        if line.strip() == _SEPARATOR:
            if not fields:
                return {}, text
            body_start = sum(len(previous) + 1 for previous in lines[: number + 1])
            return fields, text[body_start:]
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None:
            return {}, text
        fields.setdefault(match.group(1).lower(), match.group(2).strip())
    return {}, text
