"""Turns a list of inputs (files, folders, `-` for stdin) into a stream of Documents and Problems."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from suasion.ingest.decode import SNIFF_BYTES, InputProblem, decode_bytes, looks_binary, repair_text
from suasion.ingest.feeds import iter_feed, looks_like_feed
from suasion.ingest.jsonl import bounded_lines, iter_jsonl
from suasion.ingest.metadata import normalise_date, normalise_language
from suasion.ingest.textfile import split_header
from suasion.ingest.webpage import extract_webpage
from suasion.model.errors import Problem, SuasionError, problem
from suasion.model.records import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
STDIN = "-"
STDIN_DOC_ID = "stdin"
MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Defaults:
    date: str | None
    language: str | None
    max_bytes: int
    max_mb: int


def _problem_from(exc: InputProblem, origin: str) -> Problem:
    return problem(exc.code, origin, **exc.fields)


def _with_defaults(doc: Document, defaults: _Defaults) -> Document:
    doc.date = normalise_date(doc.date) or defaults.date
    doc.language = normalise_language(doc.language) or defaults.language
    return doc


def _text_document(text: str, doc_id: str, origin: str) -> Document | None:
    fields, body = split_header(text)
    if not body.strip():
        return None
    return Document(
        doc_id=fields.get("id") or doc_id,
        text=body,
        date=fields.get("date") or None,
        url=fields.get("url") or None,
        title=fields.get("title") or None,
        language=fields.get("language") or fields.get("lang") or None,
        source=fields.get("source") or None,
        origin=origin,
    )


def _html_document(text: str, doc_id: str, origin: str) -> Document | Problem:
    page = extract_webpage(text)
    if not page.text:
        return problem("E008", origin)
    return Document(doc_id=doc_id, text=page.text, date=page.date, url=page.url, title=page.title,
                    language=page.language, source=page.source, origin=origin)


def _read_limited(path: Path, defaults: _Defaults) -> bytes:
    if path.stat().st_size > defaults.max_bytes:
        raise InputProblem("E005", limit=defaults.max_mb)
    return path.read_bytes()


def _read_jsonl_file(path: Path, origin: str, defaults: _Defaults) -> Iterator[Document | Problem]:
    with path.open("rb") as stream:
        if looks_binary(stream.read(SNIFF_BYTES)):
            raise InputProblem("E003")
        stream.seek(0)
        yield from iter_jsonl(bounded_lines(stream, defaults.max_bytes), origin, path.stem,
                              defaults.max_mb)


def _read_file(path: Path, origin: str, defaults: _Defaults) -> Iterator[Document | Problem]:
    """One file, by extension; a file that starts like a feed is read as a feed whatever its name."""
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise InputProblem("E002")
    with path.open("rb") as stream:
        head = stream.read(2048)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, origin, defaults)
        return
    if suffix in FEED_SUFFIXES or looks_like_feed(head):
        data = _read_limited(path, defaults)
        if looks_binary(data[:SNIFF_BYTES]):
            raise InputProblem("E003")
        yield from iter_feed(data, origin, path.stem)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputProblem("E010", detail=f"{suffix or 'no extension'} (expected one of "
                                          f"{', '.join(sorted(KNOWN_SUFFIXES))})")
    text = decode_bytes(_read_limited(path, defaults))
    if not text.strip():
        raise InputProblem("E002")
    if suffix in HTML_SUFFIXES:
        yield _html_document(text, path.stem, origin)
        return
    document = _text_document(text, path.stem, origin)
    if document is None:
        raise InputProblem("E002")
    yield document


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files of known types under `folder`, recursively, sorted by path; hidden entries skipped."""
    with os.scandir(folder) as scan:
        entries = sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _folder_files(Path(entry.path))
        elif Path(entry.name).suffix.lower() in KNOWN_SUFFIXES and entry.is_file():
            yield Path(entry.path)


def _guarded(reader: Iterator[Document | Problem], origin: str) -> Iterator[Document | Problem]:
    """Turns an InputProblem or OS error raised while reading into a Problem; reports empty inputs."""
    produced = False
    try:
        for item in reader:
            produced = True
            yield item
    except InputProblem as exc:
        yield _problem_from(exc, origin)
        return
    except OSError as exc:
        yield problem("E021", origin, detail=exc.strerror or str(exc))
        return
    if not produced:
        yield problem("E002", origin)


def _read_path(name: str, defaults: _Defaults) -> Iterator[Document | Problem]:
    path = Path(name)
    if not path.exists():
        yield problem("E001", name, path=name)
        return
    if path.is_dir():
        found = False
        for file in _folder_files(path):
            found = True
            yield from _guarded(_read_file(file, str(file), defaults), str(file))
        if not found:
            yield problem("E020", name)
        return
    yield from _guarded(_read_file(path, name, defaults), name)


def _starts_json_object(line: bytes | str | None) -> bool:
    if isinstance(line, bytes):
        return line.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    return isinstance(line, str) and line.lstrip("\ufeff \t\r\n").startswith("{")


def _read_stdin(stream: IO[Any] | None, defaults: _Defaults) -> Iterator[Document | Problem]:
    """JSON Lines when the first non-blank character is `{`, else one plain-text article."""
    if stream is None:
        raise InputProblem("E021", detail="standard input is not available")
    stream = getattr(stream, "buffer", stream)
    lines = bounded_lines(stream, defaults.max_bytes)
    leading: list[tuple[int, bytes | str | None]] = []
    for number, line in lines:
        leading.append((number, line))
        if line is None or line.strip():
            break
    first = leading[-1][1] if leading else None
    if _starts_json_object(first):
        yield from iter_jsonl(itertools.chain(leading, lines), STDIN, STDIN_DOC_ID, defaults.max_mb)
        return
    if first is None and leading:
        raise InputProblem("E005", limit=defaults.max_mb)
    # Plain text: whatever is left is read whole, so the same size limit as for files applies.
    chunks = [line for _, line in leading if line is not None]
    total = sum(len(chunk) for chunk in chunks)
    for _, line in lines:
        if line is None or total + len(line) > defaults.max_bytes:
            raise InputProblem("E005", limit=defaults.max_mb)
        chunks.append(line)
        total += len(line)
    if not chunks:
        raise InputProblem("E002")
    data = b"".join(chunks) if isinstance(chunks[0], bytes) else "".join(chunks)
    text = decode_bytes(data) if isinstance(data, bytes) else repair_text(data)
    document = _text_document(text, STDIN_DOC_ID, STDIN) if text.strip() else None
    if document is None:
        raise InputProblem("E002")
    yield document


def _documents(inputs: list[str], defaults: _Defaults, stdin: IO[Any] | None) -> Iterator[Document | Problem]:
    for name in inputs:
        if name == STDIN:
            if stdin is None:
                import sys

                stdin = sys.stdin
            items = _guarded(_read_stdin(stdin, defaults), STDIN)
        else:
            items = _read_path(name, defaults)
        for item in items:
            yield _with_defaults(item, defaults) if isinstance(item, Document) else item


def iter_documents(inputs: Iterable[str | os.PathLike[str]], *, default_date: str | None = None,
                   default_language: str | None = None, max_mb: int = 50,
                   stdin: IO[Any] | None = None) -> Iterator[Document | Problem]:
    """Documents (and Problem records for inputs that cannot be read) from files, folders and stdin.

    Inputs: `.txt`/`.md` articles with an optional `key: value` header closed by `---`; `.html`
    pages; `.jsonl` (one article per line); RSS/Atom feeds (`.xml`, `.rss`, `.atom`, or any file
    that starts like one); folders (recursive, sorted); `-` for stdin (JSON Lines or plain text).
    Bad input never raises: it yields a Problem and the remaining inputs are still read. Only
    invalid arguments raise SuasionError (E011 for `default_date`, E012 otherwise).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    names = [os.fspath(name) for name in inputs]
    date = None
    if default_date is not None:
        date = normalise_date(default_date)
        if date is None:
            raise SuasionError("E011", value=default_date)
    language = None
    if default_language is not None:
        language = normalise_language(default_language)
        if language is None:
            raise SuasionError("E012", name="default_language", value=default_language,
                               detail="expected an ISO 639 code such as en, es or pt")
    if isinstance(max_mb, bool) or not isinstance(max_mb, int) or max_mb <= 0:
        raise SuasionError("E012", name="max_mb", value=max_mb, detail="expected a positive integer")
    defaults = _Defaults(date=date, language=language, max_bytes=max_mb * MEGABYTE, max_mb=max_mb)
    return _documents(names, defaults, stdin)
