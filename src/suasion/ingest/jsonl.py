"""Reads JSON Lines articles one line at a time, reporting bad lines and carrying on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from suasion.ingest.decode import guess_decode, repair_text
from suasion.ingest.metadata import normalise_date, normalise_language
from suasion.model.errors import Problem, problem
from suasion.model.records import Document

TOO_LONG = None  # stands for a line over the size limit in the stream of lines
READ_CHUNK = 1 << 20


def bounded_lines(stream: IO[Any], limit: int) -> Iterator[tuple[int, bytes | str | None]]:
    """Number and text of each line, without ever holding more than `limit` of one line in memory.

    A line longer than `limit` is read past and reported as TOO_LONG.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
            while True:
                rest = stream.readline(READ_CHUNK)
                if not rest or rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
                    break
            yield number, TOO_LONG
            continue
        yield number, line


def _decode_line(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        guess = guess_decode(raw)
        if guess is None:
            raise
        return guess


def _optional_text(value: object) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def iter_jsonl(lines: Iterable[tuple[int, bytes | str | None]], origin: str, stem: str,
               limit_mb: int) -> Iterator[Document | Problem]:
    """Documents from numbered JSON lines: `id`, `text`, optional `date`, `url`, `title`, `language`,
    `source`. Invalid lines give E006, lines without text E007; the other lines are still read."""
    for number, raw in lines:
        if raw is TOO_LONG:
            yield problem("E023", origin, line=number, limit=limit_mb)
            continue
        try:
            line = _decode_line(raw).lstrip("\ufeff").strip()
        except UnicodeDecodeError as exc:
            yield problem("E004", origin, detail=f"line {number}: invalid byte at {exc.start}")
            continue
        if not line:
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
            yield problem("E006", origin, line=number, detail=detail)
            continue
        if not isinstance(record, dict):
            yield problem("E006", origin, line=number, detail="not a JSON object")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield problem("E007", origin, line=number)
            continue
        doc_id = _optional_text(record.get("id"))
        title = _optional_text(record.get("title"))
        yield Document(
            doc_id=doc_id or f"{stem}-{number}",
            text=repair_text(text),
            date=normalise_date(record.get("date")),
            url=_optional_text(record.get("url")),
            title=repair_text(title) if title else None,
            language=normalise_language(record.get("language")),
            source=_optional_text(record.get("source")),
            origin=f"{origin}:{number}",
        )
