"""Streams events out as JSONL (the contract), flat CSV or a fixed-width terminal table, and reads them back.

Items are contract Events or dicts. A dict may carry fields beyond the contract (a mention's
`event_id`, an event's `n_mentions`, ...): they follow the contract fields in JSONL and CSV (the
first item decides the CSV columns), and the table shows `n_mentions`/`n_sources` when present.
An Event, as `suasion extract` writes, always comes out as exactly the contract fields.
"""

from __future__ import annotations

import csv
import itertools
import json
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from suasion.export.tidy import CONTEXT_SEPARATOR
from suasion.model.errors import SuasionError
from suasion.model.records import EVENT_FIELDS, Event
from suasion.store import EVENT_COLUMNS, event_to_row, row_to_event

FORMATS: tuple[str, ...] = ("jsonl", "csv", "table")
CSV_COLUMNS: tuple[str, ...] = EVENT_COLUMNS

_INT_COLUMNS = {"quad", "sentence_index", "char_start", "char_end"}
_FLOAT_COLUMNS = {"goldstein", "plover_score", "confidence"}
# Contract fields that are plain strings, never null: an empty CSV cell means "" for them.
_TEXT_COLUMNS = {"id", "doc_id", "event_type", "modality", "sentence", "coder"}

_TABLE_FIXED = (("date", 10), ("type", 9), ("modality", 12), ("actor -> recipient", 20))
_TABLE_COUNTS = (("mentions", 8, "n_mentions"), ("sources", 7, "n_sources"))
_MIN_SENTENCE_WIDTH = 20

Record = tuple[Event, dict[str, Any]]  # an event and its fields beyond the contract
_CONTRACT = frozenset(EVENT_FIELDS)


def write_events(events: Iterable[Event | dict[str, Any]], fmt: str, out: TextIO | str | Path,
                 width: int | None = None) -> int:
    """Write events as they arrive in `fmt` (jsonl, csv or table); returns how many were written.

    `width` is the table's line width (default: the terminal's, else 100).
    """
    if fmt not in FORMATS:
        raise SuasionError("E034", fmt=fmt, choices=", ".join(FORMATS))
    with _opened(out, "w") as handle:
        if fmt == "jsonl":
            return _write_jsonl(_as_records(events), handle)
        if fmt == "csv":
            return _write_csv(_as_records(events), handle)
        return _write_table(_as_records(events), handle, width)


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
    return {column: csv_cell(row[column]) for column in CSV_COLUMNS}


def _as_records(events: Iterable[Event | dict[str, Any]]) -> Iterator[Record]:
    for item in events:
        if isinstance(item, Event):
            yield item, {}
        else:
            yield Event.from_dict(item), {k: v for k, v in item.items() if k not in _CONTRACT}


def _write_jsonl(records: Iterator[Record], handle: TextIO) -> int:
    count = 0
    for event, extras in records:
        handle.write(_one_line_json({**event.to_dict(), **extras}) + "\n")
        count += 1
    return count


def _one_line_json(data: dict[str, Any]) -> str:
    # Readable UTF-8, but with the Unicode line separators escaped: line-splitting readers
    # (str.splitlines among them) would otherwise cut a record in two.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _write_csv(records: Iterator[Record], handle: TextIO) -> int:
    first = next(records, None)
    extra_columns = list(first[1]) if first else []
    # RFC 4180 line ends: with a bare "\n" terminator the csv module leaves a "\r" inside a
    # value unquoted, and the file no longer reads back.
    writer = csv.DictWriter(handle, fieldnames=[*CSV_COLUMNS, *extra_columns], lineterminator="\r\n",
                            extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event, extras in itertools.chain([first] if first else [], records):
        cells = flatten_event(event)
        cells.update((name, csv_cell(extras.get(name))) for name in extra_columns)
        writer.writerow(cells)
        count += 1
    return count


def _write_table(records: Iterator[Record], handle: TextIO, width: int | None) -> int:
    first = next(records, None)
    counts = [c for c in _TABLE_COUNTS if first and c[2] in first[1]]
    columns = [*_TABLE_FIXED, *((name, w) for name, w, _ in counts)]
    total = width or shutil.get_terminal_size(fallback=(100, 24)).columns
    fixed = sum(w + 1 for _, w in columns)
    sentence_width = max(_MIN_SENTENCE_WIDTH, total - fixed)
    header = " ".join(f"{name:<{w}}" for name, w in columns) + " sentence"
    handle.write(header + "\n")
    handle.write("-" * min(total, fixed + sentence_width) + "\n")
    count = 0
    for event, extras in itertools.chain([first] if first else [], records):
        recipient = event.recipient.code if event.recipient and event.recipient.code else "-"
        cells = [event.date or "-", event.event_type, event.modality,
                 f"{event.actor.code or '?'} -> {recipient}",
                 *(csv_cell(extras.get(key)) or "-" for _, _, key in counts)]
        line = " ".join(f"{_fit(value, w):<{w}}" for value, (_, w) in zip(cells, columns))
        handle.write(f"{line} {_fit(event.sentence, sentence_width)}".rstrip() + "\n")
        count += 1
    return count


def csv_cell(value: Any) -> str:
    """A CSV cell: null as empty, lists joined by ';', floats in their shortest exact form (they
    read back to the same float)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return CONTEXT_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


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


__all__ = ["CSV_COLUMNS", "FORMATS", "csv_cell", "flatten_event", "read_events", "write_events"]
