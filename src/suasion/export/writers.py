"""Streams events out as JSONL (the contract), flat CSV or a fixed-width terminal table, and reads them back."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from suasion.model.errors import SuasionError
from suasion.model.records import Event
from suasion.store import EVENT_COLUMNS, event_to_row, row_to_event

FORMATS: tuple[str, ...] = ("jsonl", "csv", "table")
CSV_COLUMNS: tuple[str, ...] = EVENT_COLUMNS
CONTEXT_SEPARATOR = ";"

_INT_COLUMNS = {"quad", "sentence_index", "char_start", "char_end"}
_FLOAT_COLUMNS = {"goldstein", "plover_score", "confidence"}
# Contract fields that are plain strings, never null: an empty CSV cell means "" for them.
_TEXT_COLUMNS = {"id", "doc_id", "event_type", "modality", "sentence", "coder"}

_TABLE_FIXED = (("date", 10), ("type", 9), ("modality", 12), ("actor -> recipient", 20))
_MIN_SENTENCE_WIDTH = 20


def write_events(events: Iterable[Event | dict[str, Any]], fmt: str, out: TextIO | str | Path,
                 width: int | None = None) -> int:
    """Write events as they arrive in `fmt` (jsonl, csv or table); returns how many were written.

    `width` is the table's line width (default: the terminal's, else 100).
    """
    if fmt not in FORMATS:
        raise SuasionError("E034", fmt=fmt, choices=", ".join(FORMATS))
    with _opened(out, "w") as handle:
        if fmt == "jsonl":
            return _write_jsonl(_as_events(events), handle)
        if fmt == "csv":
            return _write_csv(_as_events(events), handle)
        return _write_table(_as_events(events), handle, width)


def read_events(source: TextIO | str | Path, fmt: str) -> Iterator[Event]:
    """Read back what `write_events` wrote in jsonl or csv."""
    if fmt not in ("jsonl", "csv"):
        raise SuasionError("E034", fmt=fmt, choices="jsonl, csv")
    with _opened(source, "r") as handle:
        if fmt == "jsonl":
            for line in handle:
                if line.strip():
                    yield Event.from_dict(json.loads(line))
        else:
            for row in csv.DictReader(handle):
                yield row_to_event(_typed_csv_row(row))


def flatten_event(event: Event) -> dict[str, str]:
    """The CSV cells for one event: every value a string, null as empty, context joined by ';'."""
    row = event_to_row(event)
    cells: dict[str, str] = {}
    for column in CSV_COLUMNS:
        value = row[column]
        if column == "context":
            cells[column] = CONTEXT_SEPARATOR.join(value)
        elif value is None:
            cells[column] = ""
        elif isinstance(value, float):
            cells[column] = repr(value)  # shortest exact form: reads back to the same float
        else:
            cells[column] = str(value)
    return cells


def _as_events(events: Iterable[Event | dict[str, Any]]) -> Iterator[Event]:
    for item in events:
        yield item if isinstance(item, Event) else Event.from_dict(item)


def _write_jsonl(events: Iterator[Event], handle: TextIO) -> int:
    count = 0
    for event in events:
        handle.write(_one_line_json(event.to_dict()) + "\n")
        count += 1
    return count


def _one_line_json(data: dict[str, Any]) -> str:
    # Readable UTF-8, but with the Unicode line separators escaped: line-splitting readers
    # (str.splitlines among them) would otherwise cut a record in two.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _write_csv(events: Iterator[Event], handle: TextIO) -> int:
    # RFC 4180 line ends: with a bare "\n" terminator the csv module leaves a "\r" inside a
    # value unquoted, and the file no longer reads back.
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(flatten_event(event))
        count += 1
    return count


def _write_table(events: Iterator[Event], handle: TextIO, width: int | None) -> int:
    total = width or shutil.get_terminal_size(fallback=(100, 24)).columns
    fixed = sum(w + 1 for _, w in _TABLE_FIXED)
    sentence_width = max(_MIN_SENTENCE_WIDTH, total - fixed)
    header = " ".join(f"{name:<{w}}" for name, w in _TABLE_FIXED) + " sentence"
    handle.write(header + "\n")
    handle.write("-" * min(total, fixed + sentence_width) + "\n")
    count = 0
    for event in events:
        recipient = event.recipient.code if event.recipient and event.recipient.code else "-"
        cells = (event.date or "-", event.event_type, event.modality,
                 f"{event.actor.code or '?'} -> {recipient}")
        line = " ".join(f"{_fit(value, w):<{w}}" for value, (_, w) in zip(cells, _TABLE_FIXED))
        handle.write(f"{line} {_fit(event.sentence, sentence_width)}".rstrip() + "\n")
        count += 1
    return count


def _fit(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(width - 3, 0)] + "..."


def _typed_csv_row(row: dict[str, str]) -> dict[str, Any]:
    typed: dict[str, Any] = {}
    for column in CSV_COLUMNS:
        cell = row.get(column) or ""
        if column == "context":
            typed[column] = cell.split(CONTEXT_SEPARATOR) if cell else []
        elif column in _TEXT_COLUMNS:
            typed[column] = cell
        elif cell == "":
            typed[column] = None
        elif column in _INT_COLUMNS:
            typed[column] = int(cell)
        elif column in _FLOAT_COLUMNS:
            typed[column] = float(cell)
        else:
            typed[column] = cell
    return typed


@contextmanager
def _opened(target: TextIO | str | Path, mode: str) -> Iterator[TextIO]:
    if isinstance(target, (str, Path)):
        with open(target, mode, encoding="utf-8", newline="") as handle:
            yield handle
    else:
        yield target


__all__ = ["CSV_COLUMNS", "FORMATS", "flatten_event", "read_events", "write_events"]
