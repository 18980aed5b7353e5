"""The DuckDB event store: atomic batch ingest, de-duplication and filtered event queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from suasion.model.errors import SuasionError
from suasion.model.records import Actor, Document, Event, Sentence, event_id, validate_event
from suasion.store.filters import EFFECTIVE_DATE_SQL, EventFilter
from suasion.store.schema import (
    DOCUMENT_SCHEMA, EVENT_COLUMNS, EVENT_SCHEMA, MIGRATIONS, SCHEMA_VERSION, SENTENCE_SCHEMA,
)

Batch = Sequence[tuple[Document, str, Sequence[Sentence], Sequence[Event]]]

# How a document whose id is already taken by different content gets a free id:
# "<doc_id>~<first 8 hex digits of its content hash>", longer prefixes only on collision.
_SUFFIX_LENGTHS = (8, 16, 64)
_READ_BATCH_ROWS = 10_000


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `Store.add` call stored."""

    added_docs: int = 0
    skipped_duplicates: int = 0  # documents whose content hash was already stored
    added_events: int = 0
    skipped_events: int = 0  # repeated event ids within one document of the batch
    renamed: tuple[tuple[str, str], ...] = ()  # (given doc_id, stored doc_id)


class Store:
    """A suasion database; use as a context manager. The only code that writes SQL.

    Documents are identified by the SHA-256 of their raw text: adding content already stored
    does nothing, so re-running an ingest never duplicates. A new text arriving under an id that
    is already taken is stored as `<id>~<hash8>`, and its event ids are re-derived from the new id.
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).is_file():
            raise SuasionError("E014", detail=f"database {self.path} does not exist")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise SuasionError("E014", detail=f"cannot open {self.path}: {exc}") from exc
        try:
            self._migrate(read_only)
        except BaseException:
            self._con.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    # -- schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        if not self._has_table("schema_version"):
            return 0
        return self._scalar("SELECT coalesce(max(version), 0) FROM schema_version")

    def _has_table(self, name: str) -> bool:
        query = "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
        return self._scalar(query, [name]) > 0

    def _migrate(self, read_only: bool) -> None:
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise SuasionError("E014", detail=f"{self.path} has schema version {current}, newer than "
                                              f"this suasion understands ({SCHEMA_VERSION})")
        if current == SCHEMA_VERSION:
            return
        if read_only:
            raise SuasionError("E014", detail=f"{self.path} is not a suasion database "
                                              f"(schema version {current}, expected {SCHEMA_VERSION})")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                self._con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                                  "version INTEGER PRIMARY KEY, "
                                  "applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)")
                for statement in MIGRATIONS[version]:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])

    # -- writing ------------------------------------------------------------------------------

    def add(self, batch: Batch) -> AddResult:
        """Store documents with their cleaned text, sentences and events, all or nothing."""
        items = list(batch)
        for document, _text, _sentences, events in items:
            _check(document, events)
        with self._transaction():
            return self._add(items)

    def has_document(self, content_hash: str) -> bool:
        query = "SELECT count(*) FROM documents WHERE content_hash = ?"
        return self._scalar(query, [content_hash]) > 0

    def _add(self, items: list[tuple[Document, str, Sequence[Sentence], Sequence[Event]]]) -> AddResult:
        hashes = [document.content_hash for document, *_ in items]
        known_hashes = self._existing("documents", "content_hash", hashes)
        wanted_ids = [candidate for document, *_ in items
                      for candidate in _id_candidates(document.doc_id, document.content_hash)]
        taken_ids = self._existing("documents", "doc_id", wanted_ids)
        doc_rows: list[dict[str, Any]] = []
        sentence_rows: list[dict[str, Any]] = []
        event_rows: list[dict[str, Any]] = []
        renamed: list[tuple[str, str]] = []
        skipped_duplicates = skipped_events = 0
        for document, text, sentences, events in items:
            content_hash = document.content_hash
            if content_hash in known_hashes:
                skipped_duplicates += 1
                continue
            known_hashes.add(content_hash)
            stored_id = _free_id(document.doc_id, content_hash, taken_ids)
            taken_ids.add(stored_id)
            if stored_id != document.doc_id:
                renamed.append((document.doc_id, stored_id))
            doc_rows.append(_document_row(document, stored_id, content_hash, text))
            sentence_rows += [_sentence_row(s, stored_id) for s in sentences]
            seen_events: set[str] = set()
            for event in events:
                row = _event_row(event, stored_id)
                if row["id"] in seen_events:
                    skipped_events += 1
                    continue
                seen_events.add(row["id"])
                event_rows.append(row)
        self._insert("documents", DOCUMENT_SCHEMA, doc_rows)
        self._insert("sentences", SENTENCE_SCHEMA, sentence_rows)
        self._insert("events", EVENT_SCHEMA, event_rows)
        return AddResult(added_docs=len(doc_rows), skipped_duplicates=skipped_duplicates,
                         added_events=len(event_rows), skipped_events=skipped_events,
                         renamed=tuple(renamed))

    def _existing(self, table: str, column: str, values: list[str]) -> set[str]:
        if not values:
            return set()
        # table and column are constants of this module, never user input.
        query = f"SELECT {column} FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))"
        return {row[0] for row in self._con.execute(query, [values]).fetchall()}

    def _insert(self, table: str, schema: pa.Schema, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        # Arrow in bulk: row-by-row executemany is orders of magnitude slower in DuckDB.
        incoming = pa.Table.from_pylist(rows, schema=schema)
        columns = ", ".join(schema.names)
        self._con.register("incoming_rows", incoming)
        try:
            self._con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows")
        finally:
            self._con.unregister("incoming_rows")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._con)

    # -- reading ------------------------------------------------------------------------------

    def events_table(self, **filters: Any) -> pa.Table:
        """Matching events as an Arrow table of flattened columns (see schema.EVENT_COLUMNS)."""
        query, params = self._events_query(EventFilter.of(**filters))
        return self._read(lambda: self._con.sql(query, params=params).to_arrow_table())

    def iter_events(self, **filters: Any) -> Iterator[Event]:
        """Matching events, streamed in batches (same filters as `query_events`)."""
        # Validate and start the query now, so bad filters fail before anything is consumed;
        # a cursor of its own keeps the main connection usable while the caller iterates.
        query, params = self._events_query(EventFilter.of(**filters))
        cursor = self._con.cursor()
        try:
            reader = self._read(lambda: cursor.sql(query, params=params).to_arrow_reader(_READ_BATCH_ROWS))
        except BaseException:
            cursor.close()
            raise
        return _stream_rows(reader, cursor)

    def query_events(self, actor: str | None = None, recipient: str | None = None,
                     event_type: str | None = None, modality: str | None = None,
                     since: str | None = None, until: str | None = None,
                     doc_id: str | None = None, limit: int | None = None) -> list[Event]:
        """Events matching every given filter, ordered by date, document and position.

        since/until take YYYY, YYYY-MM or YYYY-MM-DD (inclusive periods) and apply to the event
        date, or the document date when the event has none; a partial date counts as the first
        day of its period. Invalid filters raise SuasionError E011/E012.
        """
        return list(self.iter_events(actor=actor, recipient=recipient, event_type=event_type,
                                     modality=modality, since=since, until=until, doc_id=doc_id,
                                     limit=limit))

    def summary_by_country(self, **filters: Any) -> list[dict[str, Any]]:
        """Per actor/recipient code: events involving it, as actor, as recipient, and by quad."""
        event_filter = EventFilter.of(**filters)
        where, params = event_filter.where()
        query = f"""
            WITH chosen AS (
                SELECT e.id, e.actor_code, e.recipient_code, e.quad
                FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id {where}),
            sides AS (
                SELECT actor_code AS code, id, quad, 1 AS as_actor, 0 AS as_recipient
                FROM chosen WHERE actor_code IS NOT NULL
                UNION ALL
                SELECT recipient_code, id, quad, 0, 1 FROM chosen WHERE recipient_code IS NOT NULL)
            SELECT code, count(DISTINCT id) AS events,
                   CAST(sum(as_actor) AS BIGINT) AS as_actor,
                   CAST(sum(as_recipient) AS BIGINT) AS as_recipient,
                   count(DISTINCT id) FILTER (WHERE quad = 1) AS quad_1,
                   count(DISTINCT id) FILTER (WHERE quad = 2) AS quad_2,
                   count(DISTINCT id) FILTER (WHERE quad = 3) AS quad_3,
                   count(DISTINCT id) FILTER (WHERE quad = 4) AS quad_4
            FROM sides GROUP BY code ORDER BY events DESC, code"""
        if event_filter.limit is not None:
            query += " LIMIT ?"
            params.append(event_filter.limit)
        return self._read(lambda: self._con.sql(query, params=params).to_arrow_table().to_pylist())

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, sentences, events."""
        return {table: self._scalar(f"SELECT count(*) FROM {table}")
                for table in ("documents", "sentences", "events")}

    def _events_query(self, event_filter: EventFilter) -> tuple[str, list[Any]]:
        where, params = event_filter.where()
        columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        query = (f"SELECT {columns} FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
                 f"{where} ORDER BY {EFFECTIVE_DATE_SQL} NULLS LAST, e.doc_id, e.sentence_index, "
                 f"e.char_start, e.id")
        if event_filter.limit is not None:
            query += " LIMIT ?"
            params.append(event_filter.limit)
        return query, params

    def _scalar(self, query: str, params: list[Any] | None = None) -> Any:
        # fetchall, not fetchone: DuckDB refuses further work while a result is half read.
        return self._con.execute(query, params or []).fetchall()[0][0]

    @staticmethod
    def _read(run: Any) -> Any:
        try:
            return run()
        except duckdb.Error as exc:
            raise SuasionError("E014", detail=str(exc)) from exc


class _Transaction:
    """BEGIN ... COMMIT, or ROLLBACK on any exception; database errors become E014."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def __enter__(self) -> None:
        self._con.begin()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> bool:
        if exc_type is None:
            self._con.commit()
            return False
        self._con.rollback()
        if isinstance(exc, duckdb.Error):
            raise SuasionError("E014", detail=str(exc)) from exc
        return False


def _stream_rows(reader: pa.RecordBatchReader, cursor: duckdb.DuckDBPyConnection) -> Iterator[Event]:
    try:
        for batch in reader:
            for row in batch.to_pylist():
                yield row_to_event(row)
    finally:
        cursor.close()


def row_to_event(row: dict[str, Any]) -> Event:
    """An Event from one flattened row (of `events_table` or a CSV export)."""
    data = {k: row.get(k) for k in EVENT_COLUMNS}
    actor = Actor(*(data.pop(f"actor_{f}") for f in ("code", "sector", "name", "text")))
    recipient_fields = [data.pop(f"recipient_{f}") for f in ("code", "sector", "name", "text")]
    # A recipient with every field empty is how "no recipient" is stored.
    recipient = Actor(*recipient_fields) if any(v is not None for v in recipient_fields) else None
    data["context"] = list(data["context"] or [])
    return Event(actor=actor, recipient=recipient, **data)


def event_to_row(event: Event) -> dict[str, Any]:
    """The flattened row for one event (column names as in schema.EVENT_COLUMNS)."""
    row = event.to_dict()
    for side in ("actor", "recipient"):
        values = row.pop(side) or {}
        for name in ("code", "sector", "name", "text"):
            row[f"{side}_{name}"] = values.get(name)
    row["context"] = list(row["context"])
    return {k: row[k] for k in EVENT_COLUMNS}


def _check(document: Document, events: Iterable[Event]) -> None:
    if not isinstance(document.doc_id, str) or not document.doc_id:
        raise SuasionError("E012", name="doc_id", value=document.doc_id, detail="empty")
    for event in events:
        if event.doc_id != document.doc_id:
            raise SuasionError("E032", event_id=event.id, event_doc=event.doc_id, doc_id=document.doc_id)
        problems = validate_event(event.to_dict())
        if problems:
            raise SuasionError("E033", event_id=event.id, detail="; ".join(problems))


def _id_candidates(doc_id: str, content_hash: str) -> list[str]:
    return [doc_id, *(f"{doc_id}~{content_hash[:n]}" for n in _SUFFIX_LENGTHS)]


def _free_id(doc_id: str, content_hash: str, taken: set[str]) -> str:
    for candidate in _id_candidates(doc_id, content_hash):
        if candidate not in taken:
            return candidate
    raise SuasionError("E014", detail=f"no free document id for {doc_id!r}")


def _document_row(document: Document, stored_id: str, content_hash: str, text: str) -> dict[str, Any]:
    return {"doc_id": stored_id, "content_hash": content_hash, "url": document.url,
            "title": document.title, "source": document.source, "language": document.language,
            "date": document.date, "origin": document.origin, "text": text}


def _sentence_row(sentence: Sentence, stored_id: str) -> dict[str, Any]:
    return {"doc_id": stored_id, "sentence_index": sentence.index, "text": sentence.text,
            "char_start": sentence.char_start, "char_end": sentence.char_end,
            "language": sentence.language, "skip": sentence.skip}


def _event_row(event: Event, stored_id: str) -> dict[str, Any]:
    row = event_to_row(event)
    if stored_id != event.doc_id:
        row["doc_id"] = stored_id
        row["id"] = event_id(stored_id, event.sentence_index, event.event_type, event.actor.code,
                             event.recipient.code if event.recipient else None, event.char_start)
    return row
