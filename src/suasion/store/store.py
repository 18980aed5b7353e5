"""The DuckDB event store: atomic batch ingest, de-duplication, event clustering and filtered queries.

Tables (schema version 3):

- `documents`: one row per article (cleaned text, metadata, near-duplicate `signature` and
  `syndication_key`: the id of the earliest copy of the same wire text).
- `sentences`: the sentences of each document, with offsets.
- `mentions`: one row per coded sentence-level record (the event contract, flattened) with the
  `event_id` of the happening it reports.
- `events`: one row per real-world happening, built from its mentions.
- `event_months` and `event_kinds`: events counted per party pair, modality, kind and month,
  recounted at the end of every write (see event_months.py) for the dashboard's aggregates.

Writers: `add` (coded articles, clustered into events with what is stored) and `bulk_load`
(Arrow tables of already-coded records, for imports and benchmarks).

What readers get (downstream indicators, reports and dashboards build on these two):

`events_table(**filters)`, one row per event, ordered by date: the contract columns
(schema.EVENT_COLUMNS) where `id` is the event id; `doc_id`, `sentence`, `sentence_index`,
`char_start`, `char_end`, `coder`, `actor_text` and `recipient_text` are the representative
(most confident) mention's; `event_type`, `mode`, `context`, `modality`, the actor and recipient
code/sector/name, `cameo`, `quad`, `goldstein` and `plover_score` are the event's (the
representative's, with the mode and context of the others filling gaps, and `asserted` when any
mention asserts it); `date`/`date_precision` are the most precise date all dated mentions agree
on; `confidence` grows with independent sources (1 - prod(1 - c) over syndication keys, capped
at 0.99). Then `n_mentions` (mentions of the event), `n_sources` (distinct syndication keys among
them: the same wire text in five outlets counts once), `first_seen` and `last_seen` (earliest and
latest publication dates of its mentions' articles, ISO dates as the articles give them, null
when none does) and `representative_id` (a mention id).

`mentions_table(**filters)`, one row per mention: the contract columns (schema.EVENT_COLUMNS, `id`
being the mention id) followed by `event_id`, `n_mentions` and `n_sources` of its event.

`export_batches(what, batch_rows, **filters)`: the same rows with their document's metadata, as
Arrow record batches streamed from the database (for exports of any size).

Filters (actor, recipient, event_type, modality, since, until, doc_id, limit) are validated and
passed as parameters; see filters.EventFilter. Dates filter on the record's own date, else its
document's date (a mention) or its first publication date (an event).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from suasion.model.errors import SuasionError
from suasion.model.records import Actor, Document, Event, Sentence, event_id, validate_event
from suasion.store import bulk, event_months
from suasion.store.clustering import (
    UNDATED_WINDOW, LocalGroup, Mention, aggregate_event, cluster_groups, group_document,
)
from suasion.store.filters import EVENT_DATE_SQL, MENTION_DATE_SQL, EventFilter
from suasion.store.schema import (
    DOCUMENT_KEY_SCHEMA, DOCUMENT_SCHEMA, EVENT_COLUMNS, EVENT_EXTRA_COLUMNS, EVENT_ROW_SCHEMA,
    MENTION_EXTRA_COLUMNS, MENTION_SCHEMA, MIGRATIONS, READABLE_VERSIONS, SCHEMA_VERSION, SENTENCE_SCHEMA,
)
from suasion.store.syndication import (
    INDEX_KEYS, MIN_SHARED_KEYS, index_keys, is_near_duplicate, near_duplicate_groups, signature, syndication_keys,
)

Batch = Sequence[tuple[Document, str, Sequence[Sentence], Sequence[Event]]]

# How a document whose id is already taken by different content gets a free id:
# "<doc_id>~<first 8 hex digits of its content hash>", longer prefixes only on collision.
_SUFFIX_LENGTHS = (8, 16, 64)
_READ_BATCH_ROWS = 10_000

# The event columns of a query over `events e JOIN mentions r` (r: the representative mention).
_EVENT_SELECT = ", ".join(
    f"{source} AS {column}" for column, source in (
        ("id", "e.event_id"), ("doc_id", "r.doc_id"), ("event_type", "e.event_type"),
        ("mode", "e.mode"), ("context", "e.context"), ("modality", "e.modality"),
        ("actor_code", "e.actor_code"), ("actor_sector", "e.actor_sector"),
        ("actor_name", "e.actor_name"), ("actor_text", "r.actor_text"),
        ("recipient_code", "e.recipient_code"), ("recipient_sector", "e.recipient_sector"),
        ("recipient_name", "e.recipient_name"), ("recipient_text", "r.recipient_text"),
        ("date", "e.date"), ("date_precision", "e.date_precision"), ("cameo", "e.cameo"),
        ("quad", "e.quad"), ("goldstein", "e.goldstein"), ("plover_score", "e.plover_score"),
        ("sentence", "r.sentence"), ("sentence_index", "r.sentence_index"),
        ("char_start", "r.char_start"), ("char_end", "r.char_end"),
        ("confidence", "e.confidence"), ("coder", "r.coder"),
        *((extra, f"e.{extra}") for extra in EVENT_EXTRA_COLUMNS),
    ))
_MENTION_SELECT = ", ".join([*(f"m.{c}" for c in EVENT_COLUMNS), "m.event_id",
                             "e.n_mentions", "e.n_sources"])
# What an events or a mentions query reads: (columns, source tables, order).
_ROWS = {
    "events": (_EVENT_SELECT, "events e JOIN mentions r ON r.id = e.representative_id",
               f"{EVENT_DATE_SQL} NULLS LAST, r.doc_id, r.sentence_index, r.char_start, e.event_id"),
    "mentions": (_MENTION_SELECT, "mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id "
                                  "LEFT JOIN events e ON e.event_id = m.event_id",
                 f"{MENTION_DATE_SQL} NULLS LAST, m.doc_id, m.sentence_index, m.char_start, m.id"),
}
# What an export adds to each event or mention, (columns, joins): its evidence's language and
# document metadata; for an event, the distinct documents among its mentions; for a mention,
# when its event was first and last seen.
_EXPORT_DOCUMENT_SELECT = (
    "coalesce(s.language, d.language) AS language, d.url AS doc_url, d.title AS doc_title, "
    "d.source AS doc_source, d.language AS doc_language, d.date AS doc_date, "
    "length(d.text)::BIGINT AS doc_length")
_EXPORT_ADDS = {
    "events": (f"coalesce(a.n_articles, 0)::INTEGER AS n_articles, {_EXPORT_DOCUMENT_SELECT}",
               "LEFT JOIN documents d ON d.doc_id = r.doc_id "
               "LEFT JOIN sentences s ON s.doc_id = r.doc_id AND s.sentence_index = r.sentence_index "
               "LEFT JOIN (SELECT event_id, count(DISTINCT doc_id) AS n_articles FROM mentions "
               "GROUP BY event_id) a ON a.event_id = e.event_id"),
    "mentions": (f"e.first_seen, e.last_seen, {_EXPORT_DOCUMENT_SELECT}",
                 "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index"),
}
EXPORT_TARGETS = ("events", "mentions")
# What clustering needs of a stored mention.
_CLUSTER_MENTION_SELECT = """m.id, m.doc_id, m.event_type, m.actor_code, m.recipient_code, m.modality,
    m.mode, m.date, m.context, d.date AS published, coalesce(s.language, d.language) AS language,
    m.sentence, m.actor_name, m.actor_text, m.recipient_name, m.recipient_text, m.sentence_index,
    m.char_start"""
_CLUSTER_SELECT = f"{_CLUSTER_MENTION_SELECT}, m.event_id, m.local_group"
_CLUSTER_FROM = """mentions m JOIN documents d ON d.doc_id = m.doc_id
    LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index"""
# The stored mentions of each block in `cluster_starts` (block, published: of its first new
# document, null when undated) that do not surely come before it in canonical order: surely
# before are those of documents with a valid publication date earlier than the start's (or
# any valid one when the start is undated). Ties are sorted out in Python.
_PUBLISHED = "left(d.date, 10)"
_TAIL_QUERY = f"""SELECT {_CLUSTER_SELECT}, m.cluster_block FROM {_CLUSTER_FROM}
    JOIN cluster_starts c ON c.block = m.cluster_block
    WHERE NOT coalesce({bulk.valid_date_sql(_PUBLISHED)}
                       AND (c.published IS NULL OR {_PUBLISHED} < c.published), false)"""


def _first_day(value: str) -> str:
    return f"(CASE length({value}) WHEN 4 THEN {value} || '-01-01' WHEN 7 THEN {value} || '-01' ELSE {value} END)"


def _last_day(value: str) -> str:
    # '-31' ends every month as far as comparing ISO strings goes.
    return f"(CASE length({value}) WHEN 4 THEN {value} || '-12-31' WHEN 7 THEN {value} || '-31' ELSE {value} END)"


# Every mention (of the same block) of the events that have a mention dated, or published, within
# `cluster_reach` of its block (low/high: first and last day of the months groups reach;
# pub_low/pub_high: the same widened by the week an undated mention stands for), and of the
# events in `cluster_carried` (block, event_id). A superset of the events a group can join.
_EARLIER_QUERY = f"""
WITH wanted AS (
    SELECT m.cluster_block AS block, m.event_id FROM mentions m JOIN documents d ON d.doc_id = m.doc_id
    JOIN cluster_reach c ON c.block = m.cluster_block
    WHERE ({_first_day('m.date')} <= c.high AND {_last_day('m.date')} >= c.low)
       OR ({_first_day(_PUBLISHED)} <= c.pub_high AND {_last_day(_PUBLISHED)} >= c.pub_low)
       -- what SQL cannot read as a date may still be one to Python: kept, to be sure
       OR NOT coalesce({bulk.valid_date_sql('m.date')}, true)
       OR NOT coalesce({bulk.valid_date_sql(_PUBLISHED)}, true)
    UNION SELECT block, event_id FROM cluster_carried)
SELECT {_CLUSTER_SELECT}, m.cluster_block FROM {_CLUSTER_FROM}
JOIN wanted w ON w.block = m.cluster_block AND w.event_id = m.event_id"""
_REACH_SCHEMA = pa.schema([("block", pa.string()), ("low", pa.string()), ("high", pa.string()),
                           ("pub_low", pa.string()), ("pub_high", pa.string())])
# An undated mention stands for its publication date give or take this many days (and one more).
_UNDATED_MARGIN = dt.timedelta(days=UNDATED_WINDOW + 1)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `Store.add` call stored."""

    added_docs: int = 0
    skipped_duplicates: int = 0  # documents whose content hash was already stored
    added_mentions: int = 0
    skipped_mentions: int = 0  # repeated mention ids within one document of the batch
    new_events: int = 0  # events that did not exist before this batch
    renamed: tuple[tuple[str, str], ...] = ()  # (given doc_id, stored doc_id)


class Store:
    """A suasion database; use as a context manager. The only code that writes SQL.

    Documents are identified by the SHA-256 of their raw text: adding content already stored
    does nothing, so re-running an ingest never duplicates. A new text arriving under an id that
    is already taken is stored as `<id>~<hash8>`, and its mention ids are re-derived from the new id.
    Every batch clusters its mentions into events together with the stored mentions they could
    share an event with (see clustering.py), so the events do not depend on batch size or order.
    """

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).is_file():
            raise SuasionError("E014", detail=f"database {self.path} does not exist")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise SuasionError("E014", detail=f"cannot open {self.path}: {exc}") from exc
        self._event_months = False  # until the schema is known to have them
        try:
            self._event_months = self._migrate(read_only) >= 3
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
        # Asking the table itself: looking it up in information_schema first costs a read-only
        # open (one per dashboard request) several times more.
        try:
            return self._scalar("SELECT coalesce(max(version), 0) FROM schema_version")
        except duckdb.CatalogException:
            return 0

    def _migrate(self, read_only: bool) -> int:
        """Bring the database to SCHEMA_VERSION (a read-only one only checked); returns its version."""
        current = self.schema_version
        if current > SCHEMA_VERSION:
            raise SuasionError("E014", detail=f"{self.path} has schema version {current}, newer than "
                                              f"this suasion understands ({SCHEMA_VERSION})")
        if current == SCHEMA_VERSION:
            return current
        if read_only and current == 0:
            raise SuasionError("E014", detail=f"{self.path} is not a suasion database "
                                              f"(schema version {current}, expected {SCHEMA_VERSION})")
        if read_only and current in READABLE_VERSIONS:
            return current
        if read_only:
            raise SuasionError("E014", detail=f"{self.path} has schema version {current}: open it once "
                                              f"for writing (suasion ingest) to upgrade it to {SCHEMA_VERSION}")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                self._con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                                  "version INTEGER PRIMARY KEY, "
                                  "applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)")
                for statement in MIGRATIONS[version]:
                    self._con.execute(statement)
                self._finish_migration(version)
                self._con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
        return SCHEMA_VERSION

    @property
    def has_event_months(self) -> bool:
        """Whether the store keeps `event_months` (schema version 3; read-only opens of version 2
        stores have none, and readers then group the events themselves)."""
        return self._event_months

    def _finish_migration(self, version: int) -> None:
        """The parts of a migration SQL cannot do: for version 2, sign and cluster what v1 stored;
        for version 3, count what is stored into event_months."""
        if version == 3:
            event_months.recount(self._con, None)
        if version != 2:
            return
        signatures: dict[str, list[int]] = {}
        dates: dict[str, str | None] = {}
        cursor = self._con.execute("SELECT doc_id, date, text FROM documents ORDER BY doc_id")
        while rows := cursor.fetchmany(1000):  # texts in chunks: only signatures are kept
            for doc_id, date, text in rows:
                signatures[doc_id] = signature(text)
                dates[doc_id] = date
        groups = near_duplicate_groups(signatures)
        keys = syndication_keys(groups, dates)
        self._write_documents_signatures(signatures, keys)
        self._recluster()

    def recluster(self) -> int:
        """Cluster every stored mention again from scratch; returns the number of events.

        Needed only after the clustering rules change: ingest keeps the events up to date.
        """
        with self._transaction():
            return self._recluster()

    def _recluster(self) -> int:
        mentions, _links = self._cluster_inputs()
        local_groups = [group for members in _by_document(mentions).values()
                        for group in group_document(members)]
        assignment = cluster_groups(local_groups)
        links = [{"id": m.id, "event_id": assignment[m.id], "cluster_block": group.block,
                  "local_group": group.id} for group in local_groups for m in group.members]
        self._update_links(links)
        self._con.execute("DELETE FROM events")
        self._rebuild_events(set(assignment.values()), recount=False)
        self._recount(None)
        return len(set(assignment.values()))

    # -- writing ------------------------------------------------------------------------------

    def add(self, batch: Batch) -> AddResult:
        """Store documents with their cleaned text, sentences and mentions, cluster the mentions
        into events; all or nothing."""
        items = list(batch)
        for document, _text, _sentences, events in items:
            _check(document, events)
        with self._transaction():
            return self._add(items)

    def bulk_load(self, documents: pa.Table, mentions: pa.Table, events: pa.Table | None = None,
                  sentences: pa.Table | None = None) -> AddResult:
        """Load already-coded records from Arrow tables in one transaction, all or nothing: for
        imports and benchmarks (a million events in seconds when `events` are given).

        The tables use the store's column names and types (schema.DOCUMENT_SCHEMA,
        SENTENCE_SCHEMA, EVENT_ROW_SCHEMA and, for mentions, bulk.BULK_MENTION_SCHEMA: the
        contract's columns and event_id); missing optional columns load as nulls, unknown ones
        are refused.

        - `documents`: `doc_id` and `text` (the cleaned text) required; `content_hash` defaults
          to the SHA-256 of `text`, `syndication_key` to the document's own id (each document
          counts as an independent source). Near-duplicates are not searched: give `signature`
          (syndication.signature of the text) for later ingests to recognise copies of these texts.
        - `mentions`: the flattened event contract (schema.EVENT_COLUMNS; `context` defaults to an
          empty list), each of a document of this load.
        - `events`: one row per happening (schema.EVENT_ROW_SCHEMA), written as given; every
          mention then names its event in `event_id`, and each event's `representative_id` is one
          of its mentions. Without `events`, the mentions are clustered into events as `add`
          would, with the stored mentions they could share an event with, in one pass.
        - `sentences` (optional): schema.SENTENCE_SCHEMA, `skip` defaulting to false; their
          language, else the document's, is the language clustering compares wording in.

        Trusted means the derived numbers (n_mentions, n_sources, confidence, first_seen, ...)
        are taken as given, not recomputed from the mentions; keys are checked: ids unique and
        new, mentions of loaded documents and events, event dates real calendar dates, event
        types and modalities the contract's (SuasionError E012 names the first offending value).
        Later `add` calls treat loaded events like any stored ones: new mentions may join them,
        and the events of a block from a new article's publication date on are clustered again
        by the store's rules (given events that the rules would group otherwise may then change).
        """
        given = events is not None
        document_rows = bulk.documents(documents)
        mention_rows = bulk.mentions(mentions, with_events=given)
        event_rows = bulk.events(events) if given else None
        sentence_rows = bulk.sentences(sentences)
        with self._transaction():
            return self._bulk_load(document_rows, sentence_rows, mention_rows, event_rows)

    def _bulk_load(self, document_rows: pa.Table, sentence_rows: pa.Table, mention_rows: pa.Table,
                   event_rows: pa.Table | None) -> AddResult:
        tables = {"bulk_documents": document_rows, "bulk_sentences": sentence_rows, "bulk_mentions": mention_rows}
        if event_rows is not None:
            tables["bulk_events"] = event_rows
        for name, table in tables.items():
            self._con.register(name, table)
        try:
            for column, detail, query in bulk.problems(event_rows is not None):
                found = self._con.execute(query).fetchall()
                if found:
                    raise SuasionError("E012", name=column, value=found[0][0], detail=detail)
            self._insert_from("documents", DOCUMENT_SCHEMA.names, "bulk_documents")
            self._con.execute("INSERT INTO document_keys SELECT unnest(list_slice(signature, 1, ?)) AS key, doc_id "
                              "FROM bulk_documents WHERE signature IS NOT NULL", [INDEX_KEYS])
            self._insert_from("sentences", SENTENCE_SCHEMA.names, "bulk_sentences")
            if event_rows is None:
                new_events = self._bulk_cluster()
            else:
                self._insert_from("mentions", MENTION_SCHEMA.names, f"({bulk.LINKS})")
                self._insert_from("events", EVENT_ROW_SCHEMA.names, "bulk_events")
                self._recount(event_rows)
                new_events = event_rows.num_rows
        finally:
            with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses; its own error matters
                for name in tables:
                    self._con.unregister(name)
        return AddResult(added_docs=document_rows.num_rows, added_mentions=mention_rows.num_rows,
                         new_events=new_events)

    def _bulk_cluster(self) -> int:
        """Cluster the registered bulk mentions as `add` would, store them with their links and
        build their events; returns how many events are new."""
        query = (f"SELECT {_CLUSTER_MENTION_SELECT} FROM bulk_mentions m JOIN bulk_documents d ON d.doc_id = m.doc_id "
                 f"LEFT JOIN bulk_sentences s ON s.doc_id = m.doc_id AND s.sentence_index = m.sentence_index")
        new_mentions = [_cluster_mention(row) for row in self._con.execute(query).fetchall()]
        links, touched_events, new_events = self._cluster_new(new_mentions)
        placed = pa.Table.from_pylist([{"id": m.id, **links.pop(m.id)} for m in new_mentions], schema=pa.schema([
            ("id", pa.string()), ("event_id", pa.string()), ("cluster_block", pa.string()),
            ("local_group", pa.string())]))
        self._con.register("bulk_links", placed)
        try:
            self._insert_from("mentions", MENTION_SCHEMA.names,
                              "(SELECT m.* EXCLUDE (event_id), l.event_id, l.cluster_block, l.local_group "
                              "FROM bulk_mentions m JOIN bulk_links l ON l.id = m.id)")
        finally:
            with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses; its own error matters
                self._con.unregister("bulk_links")
        self._update_links(list(links.values()))  # what is left: stored mentions that moved
        self._rebuild_events(touched_events)
        return new_events

    def _insert_from(self, table: str, columns: Sequence[str], source: str) -> None:
        # table, columns and source are constants of this package, never user input.
        names = ", ".join(columns)
        self._con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {source}")

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
        mention_rows: list[dict[str, Any]] = []
        new_mentions: list[Mention] = []
        renamed: list[tuple[str, str]] = []
        skipped_duplicates = skipped_mentions = 0
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
            language_of = {s.index: s.language for s in sentences}
            seen: set[str] = set()
            for event in events:
                row = _mention_row(event, stored_id)
                if row["id"] in seen:
                    skipped_mentions += 1
                    continue
                seen.add(row["id"])
                mention_rows.append(row)
                language = language_of.get(row["sentence_index"]) or document.language
                new_mentions.append(_mention_of(row, document.date, language))
        changed_docs = self._syndicate(doc_rows)
        links, touched_events, new_events = self._cluster_new(new_mentions)
        for row in mention_rows:
            row.update(links.pop(row["id"]))
        self._insert("documents", DOCUMENT_SCHEMA, doc_rows)
        self._insert("document_keys", DOCUMENT_KEY_SCHEMA,
                     [{"key": key, "doc_id": row["doc_id"]} for row in doc_rows
                      for key in index_keys(row["signature"])])
        self._insert("sentences", SENTENCE_SCHEMA, sentence_rows)
        self._insert("mentions", MENTION_SCHEMA, mention_rows)
        self._update_links(list(links.values()))  # what is left: stored mentions that moved
        if changed_docs:
            touched_events |= self._events_of_documents(changed_docs)
        self._rebuild_events(touched_events)
        return AddResult(added_docs=len(doc_rows), skipped_duplicates=skipped_duplicates,
                         added_mentions=len(mention_rows), skipped_mentions=skipped_mentions,
                         new_events=new_events, renamed=tuple(renamed))

    def _syndicate(self, doc_rows: list[dict[str, Any]]) -> set[str]:
        """Sign new documents and give them syndication keys; returns stored documents whose key changed."""
        if not doc_rows:
            return set()
        signatures = {row["doc_id"]: signature(row["text"]) for row in doc_rows}
        dates = {row["doc_id"]: row["date"] for row in doc_rows}
        groups = near_duplicate_groups(signatures)
        stored_keys: dict[str, str] = {}
        for new_id, old_id, old_signature, old_key in self._stored_candidates(signatures):
            if is_near_duplicate(signatures[new_id], old_signature):
                groups.union(new_id, old_id)
                stored_keys[old_id] = old_key
        if stored_keys:
            # Whole stored groups join: every document sharing a key that a new copy matched.
            query = ("SELECT doc_id, date, syndication_key FROM documents "
                     "WHERE syndication_key IN (SELECT unnest(?::VARCHAR[]))")
            for doc_id, date, key in self._con.execute(query, [sorted(set(stored_keys.values()))]).fetchall():
                stored_keys[doc_id] = key
                dates[doc_id] = date
                groups.union(doc_id, key)
        keys = syndication_keys(groups, dates)
        for row in doc_rows:
            row["signature"] = signatures[row["doc_id"]]
            row["syndication_key"] = keys[row["doc_id"]]
        moved = [{"doc_id": doc_id, "syndication_key": keys[doc_id]}
                 for doc_id, key in sorted(stored_keys.items()) if keys[doc_id] != key]
        if moved:
            self._update_from("documents", "doc_id", ("syndication_key",),
                              pa.Table.from_pylist(moved, schema=pa.schema([
                                  ("doc_id", pa.string()), ("syndication_key", pa.string())])))
        return {row["doc_id"] for row in moved}

    def _stored_candidates(self, signatures: dict[str, list[int]]) -> list[tuple[str, str, list[int], str]]:
        keys = [{"key": key, "doc_id": doc_id} for doc_id, sig in sorted(signatures.items())
                for key in index_keys(sig)]
        if not keys:
            return []
        incoming = pa.Table.from_pylist(keys, schema=DOCUMENT_KEY_SCHEMA)
        self._con.register("incoming_keys", incoming)
        try:
            return self._con.execute(
                """SELECT shared.new_id, d.doc_id, d.signature, d.syndication_key
                   FROM (SELECT i.doc_id AS new_id, k.doc_id AS stored_id
                         FROM incoming_keys i JOIN document_keys k ON k.key = i.key
                         GROUP BY i.doc_id, k.doc_id HAVING count(*) >= ?) shared
                   JOIN documents d ON d.doc_id = shared.stored_id
                   ORDER BY shared.new_id, d.doc_id""", [MIN_SHARED_KEYS]).fetchall()
        finally:
            self._con.unregister("incoming_keys")

    def _cluster_new(self, new_mentions: list[Mention]) -> tuple[dict[str, dict[str, Any]], set[str], int]:
        """Cluster new mentions with the stored mentions of the blocks they fall into.

        A block is clustered in canonical order, so the events formed before its first new
        document stay as they are: only the stored mentions from there on are clustered again,
        after the earlier events they could join (see `_cluster_tail`), which gives what
        clustering the whole block again would, at the cost of its tail.

        Returns the links (event_id, cluster_block, local_group) of new mentions and of stored
        mentions whose event changed, keyed by mention id; the events to rebuild; and how many
        events are new.
        """
        if not new_mentions:
            return {}, set(), 0
        new_groups = [group for members in _by_document(new_mentions).values()
                      for group in group_document(members)]
        starts: dict[str, tuple[Any, ...]] = {}
        for group in new_groups:
            if group.block not in starts or group.order < starts[group.block]:
                starts[group.block] = group.order
        stored_groups, stored_links = self._cluster_tail(starts, new_groups)
        settled = [(group, stored_links[group.id]["event_id"]) for group in stored_groups
                   if group.block not in starts or group.order < starts[group.block]]
        reopened = [group for group in stored_groups
                    if group.block in starts and group.order > starts[group.block]]
        assignment = cluster_groups([*reopened, *new_groups], settled)
        links: dict[str, dict[str, Any]] = {}
        touched: set[str] = set()
        for group in new_groups:
            for member in group.members:
                links[member.id] = {"event_id": assignment[member.id], "cluster_block": group.block,
                                    "local_group": group.id}
                touched.add(assignment[member.id])
        for mention_id, link in stored_links.items():
            if assignment[mention_id] != link["event_id"]:
                links[mention_id] = {"id": mention_id, "event_id": assignment[mention_id],
                                     "cluster_block": link["cluster_block"],
                                     "local_group": link["local_group"]}
                touched |= {link["event_id"], assignment[mention_id]}
        old_events = {link["event_id"] for link in stored_links.values()}
        return links, touched, len(set(assignment.values()) - old_events)

    def _cluster_tail(self, starts: dict[str, tuple[Any, ...]], new_groups: list[LocalGroup]
                      ) -> tuple[list[LocalGroup], dict[str, dict[str, Any]]]:
        """The stored local groups that clustering new groups needs, with the links of their
        mentions: in each block (`starts`: block -> canonical order of its first new group),
        those from its first new document on, and every earlier event (all its groups) that a
        group from there on could join, i.e. with a mention dated (or, undated, published) in
        the months one of those groups reaches (a superset: _EARLIER_QUERY)."""
        start_rows = [{"block": block, "published": None if order[0] else order[1]}
                      for block, order in sorted(starts.items())]
        groups, links = self._cluster_rows(_TAIL_QUERY, {"cluster_starts": pa.Table.from_pylist(
            start_rows, schema=pa.schema([("block", pa.string()), ("published", pa.string())]))})
        reach: dict[str, tuple[int, int]] = {}
        for group in [*new_groups, *(g for g in groups if g.block in starts and g.order > starts[g.block])]:
            if group.reach is not None:
                low, high = reach.get(group.block, group.reach)
                reach[group.block] = (min(low, group.reach[0]), max(high, group.reach[1]))
        # Loaded groups that come before the start carry their events in: load those whole too.
        carried = sorted({(group.block, links[group.id]["event_id"]) for group in groups
                          if group.block in starts and group.order < starts[group.block]})
        earlier_groups, earlier_links = self._cluster_rows(_EARLIER_QUERY, {
            "cluster_reach": pa.Table.from_pylist(
                [{"block": block, **_reach_days(low, high)} for block, (low, high) in sorted(reach.items())],
                schema=_REACH_SCHEMA),
            "cluster_carried": pa.Table.from_pylist(
                [{"block": block, "event_id": event} for block, event in carried],
                schema=pa.schema([("block", pa.string()), ("event_id", pa.string())]))})
        # A group is loaded whole by either query (the tail takes whole documents, the other whole events).
        groups += [group for group in earlier_groups if group.id not in links]
        return groups, {**earlier_links, **links}

    def _cluster_rows(self, query: str, tables: dict[str, pa.Table]
                      ) -> tuple[list[LocalGroup], dict[str, dict[str, Any]]]:
        """The stored local groups a clustering query (over these registered tables) returns,
        with the links of their mentions."""
        for name, table in tables.items():
            self._con.register(name, table)
        try:
            rows = self._con.execute(query).fetchall()
        finally:
            with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses; its own error matters
                for name in tables:
                    self._con.unregister(name)
        links = {row[0]: {"event_id": row[-3], "local_group": row[-2], "cluster_block": row[-1]} for row in rows}
        mentions = [_cluster_mention(row) for row in rows]
        return [LocalGroup(members) for members in _by_local_group(mentions, links).values()], links

    def _cluster_inputs(self) -> tuple[list[Mention], dict[str, dict[str, Any]]]:
        """Every stored mention as clustering input, with its links."""
        query = f"SELECT {_CLUSTER_SELECT}, m.cluster_block FROM {_CLUSTER_FROM}"
        mentions: list[Mention] = []
        links: dict[str, dict[str, Any]] = {}
        for row in self._con.execute(query).fetchall():
            mention_id, current_event, local_group, block = row[0], *row[-3:]
            mentions.append(_cluster_mention(row))
            links[mention_id] = {"event_id": current_event, "cluster_block": block,
                                 "local_group": local_group}
        return mentions, links

    def _update_links(self, links: list[dict[str, Any]]) -> None:
        if not links:
            return
        table = pa.Table.from_pylist(
            [{k: link[k] for k in ("id", "event_id", "cluster_block", "local_group")} for link in links],
            schema=pa.schema([("id", pa.string()), ("event_id", pa.string()),
                              ("cluster_block", pa.string()), ("local_group", pa.string())]))
        self._update_from("mentions", "id", ("event_id", "cluster_block", "local_group"), table)

    def _update_from(self, table: str, key: str, columns: Sequence[str], changes: pa.Table) -> None:
        # table, key and columns are constants of this module, never user input.
        assignments = ", ".join(f"{c} = changes.{c}" for c in columns)
        self._con.register("changes", changes)
        try:
            self._con.execute(f"UPDATE {table} SET {assignments} FROM changes "
                              f"WHERE {table}.{key} = changes.{key}")
        finally:
            self._con.unregister("changes")

    def _write_documents_signatures(self, signatures: dict[str, list[int]], keys: dict[str, str]) -> None:
        if not signatures:
            return
        rows = [{"doc_id": d, "signature": signatures[d], "syndication_key": keys[d]} for d in sorted(signatures)]
        changes = pa.Table.from_pylist(rows, schema=pa.schema([
            ("doc_id", pa.string()), ("signature", pa.list_(pa.uint64())), ("syndication_key", pa.string())]))
        self._update_from("documents", "doc_id", ("signature", "syndication_key"), changes)
        self._con.execute("DELETE FROM document_keys")
        self._insert("document_keys", DOCUMENT_KEY_SCHEMA,
                     [{"key": key, "doc_id": d} for d in sorted(signatures) for key in index_keys(signatures[d])])

    def _events_of_documents(self, doc_ids: set[str]) -> set[str]:
        query = "SELECT DISTINCT event_id FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
        return {row[0] for row in self._con.execute(query, [sorted(doc_ids)]).fetchall()}

    def _rebuild_events(self, event_ids: set[str], recount: bool = True) -> None:
        """Recompute the rows of these events from their mentions (dropping events left without
        any), and the event_months cells of their old and new rows unless told not to."""
        if not event_ids:
            return
        wanted = sorted(event_ids)
        delete = "DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
        old_rows = None
        if recount:  # the deleted rows say which cells lose events
            old_rows = self._con.sql(f"{delete} RETURNING {', '.join(event_months.CELL_COLUMNS)}",
                                     params=[wanted]).to_arrow_table()
        else:
            self._con.execute(delete, [wanted])
        columns = ", ".join(f"m.{c}" for c in EVENT_COLUMNS)
        query = (f"SELECT {columns}, m.event_id, d.date AS published, d.syndication_key "
                 f"FROM mentions m JOIN documents d ON d.doc_id = m.doc_id "
                 f"WHERE m.event_id IN (SELECT unnest(?::VARCHAR[]))")
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self._con.sql(query, params=[wanted]).to_arrow_table().to_pylist():
            by_event[row["event_id"]].append(row)
        rebuilt = [aggregate_event(key, rows) for key, rows in sorted(by_event.items())]
        self._insert("events", EVENT_ROW_SCHEMA, rebuilt)
        if old_rows is not None:
            new_rows = pa.Table.from_pylist(rebuilt, schema=EVENT_ROW_SCHEMA).select(list(event_months.CELL_COLUMNS))
            self._recount(pa.concat_tables([old_rows.cast(new_rows.schema), new_rows]))

    def _recount(self, touched: pa.Table | None) -> None:
        """Bring event_months up to date for the cells of these event rows (old and new), or all
        of them when None."""
        if self.has_event_months:  # not while migrating a database to version 2
            event_months.recount(self._con, touched)

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
        """Matching events (one row per happening) as an Arrow table; columns in the module docstring."""
        return self._table("events", filters)

    def mentions_table(self, **filters: Any) -> pa.Table:
        """Matching mentions (one row per coded sentence) as an Arrow table; columns in the module docstring."""
        return self._table("mentions", filters)

    def documents_table(self, doc_ids: Iterable[str] | None = None) -> pa.Table:
        """Metadata of these documents (all when None), without their text: doc_id, url, title,
        source, language, date; ordered by doc_id."""
        query = "SELECT doc_id, url, title, source, language, date FROM documents"
        params: list[Any] = []
        if doc_ids is not None:
            query += " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(sorted(set(doc_ids)))
        query += " ORDER BY doc_id"
        return self._read(lambda: self._con.sql(query, params=params).to_arrow_table())

    def iter_events(self, **filters: Any) -> Iterator[Event]:
        """Matching events as contract Events (id = event id, evidence of the representative
        mention), streamed in batches (same filters as `query_events`)."""
        return self._stream("events", filters, row_to_event)

    def iter_event_records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Matching events as contract dicts followed by n_mentions, n_sources, first_seen,
        last_seen and representative_id."""
        return self._stream("events", filters, _record(EVENT_EXTRA_COLUMNS))

    def iter_mentions(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Matching mentions as contract dicts followed by event_id, n_mentions and n_sources."""
        return self._stream("mentions", filters, _record(MENTION_EXTRA_COLUMNS))

    def export_batches(self, what: str = "events", batch_rows: int = _READ_BATCH_ROWS,
                       **filters: Any) -> Iterator[pa.RecordBatch]:
        """Matching events or mentions with their document's metadata, as Arrow record batches of
        at most `batch_rows` rows streamed from DuckDB (the result never sits in memory whole).

        Columns: those of `events_table` / `mentions_table`, then `language` (of the evidence
        sentence, else of its document), `doc_url`, `doc_title`, `doc_source`, `doc_language`,
        `doc_date`, `doc_length` (characters of cleaned text) of the evidence's document; events
        add `n_articles` (distinct documents among their mentions), mentions add their event's
        `first_seen` and `last_seen`.
        """
        if what not in EXPORT_TARGETS:
            raise SuasionError("E012", name="what", value=what,
                               detail=f"expected one of {', '.join(EXPORT_TARGETS)}")
        if isinstance(batch_rows, bool) or not isinstance(batch_rows, int) or batch_rows < 1:
            raise SuasionError("E012", name="batch_rows", value=batch_rows,
                               detail="expected a positive integer")
        query, params = _select(what, EventFilter.of(**filters), export=True)
        return _stream_batches(*self._reader(query, params, batch_rows))

    def query_events(self, actor: str | None = None, recipient: str | None = None,
                     event_type: str | None = None, modality: str | None = None,
                     since: str | None = None, until: str | None = None,
                     doc_id: str | None = None, limit: int | None = None) -> list[Event]:
        """Events matching every given filter, ordered by date, document and position.

        since/until take YYYY, YYYY-MM or YYYY-MM-DD (inclusive periods) and apply to the event
        date, or its first publication date when the event has none; a partial date counts as
        the first day of its period. `doc_id` keeps events with a mention in that document.
        Invalid filters raise SuasionError E011/E012.
        """
        return list(self.iter_events(actor=actor, recipient=recipient, event_type=event_type,
                                     modality=modality, since=since, until=until, doc_id=doc_id,
                                     limit=limit))

    def summary_by_country(self, **filters: Any) -> list[dict[str, Any]]:
        """Per actor/recipient code: events involving it, as actor, as recipient, and by quad."""
        event_filter = EventFilter.of(**filters)
        where, params = event_filter.where("events")
        query = f"""
            WITH chosen AS (
                SELECT e.event_id AS id, e.actor_code, e.recipient_code, e.quad FROM events e {where}),
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
        query, params = _limited(query, params, event_filter.limit)
        return self._read(lambda: self._con.sql(query, params=params).to_arrow_table().to_pylist())

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, sentences, mentions, events."""
        return {table: self._scalar(f"SELECT count(*) FROM {table}")
                for table in ("documents", "sentences", "mentions", "events")}

    def _table(self, what: str, filters: dict[str, Any]) -> pa.Table:
        query, params = _select(what, EventFilter.of(**filters))
        return self._read(lambda: self._con.sql(query, params=params).to_arrow_table())

    def _stream(self, what: str, filters: dict[str, Any], convert: Callable[[dict[str, Any]], Any]) -> Iterator[Any]:
        return _stream_rows(*self._reader(*_select(what, EventFilter.of(**filters))), convert)

    def _reader(self, query: str, params: list[Any], batch_rows: int = _READ_BATCH_ROWS
                ) -> tuple[pa.RecordBatchReader, duckdb.DuckDBPyConnection]:
        # Start the query now, so bad filters fail before anything is consumed; a cursor of its
        # own keeps the main connection usable while the caller iterates (the streams close it).
        cursor = self._con.cursor()
        try:
            return self._read(lambda: cursor.sql(query, params=params).to_arrow_reader(batch_rows)), cursor
        except BaseException:
            cursor.close()
            raise

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


def _select(what: str, event_filter: EventFilter, export: bool = False) -> tuple[str, list[Any]]:
    """The query for the events or mentions matching a filter, in their order; with `export`,
    with what an export adds to each row."""
    select, source, order = _ROWS[what]
    if export:
        columns, joins = _EXPORT_ADDS[what]
        select, source = f"{select}, {columns}", f"{source} {joins}"
    where, params = event_filter.where(what)
    return _limited(f"SELECT {select} FROM {source} {where} ORDER BY {order}", params, event_filter.limit)


def _limited(query: str, params: list[Any], limit: int | None) -> tuple[str, list[Any]]:
    return (f"{query} LIMIT ?", [*params, limit]) if limit is not None else (query, params)


def _stream_rows(reader: pa.RecordBatchReader, cursor: duckdb.DuckDBPyConnection,
                 convert: Callable[[dict[str, Any]], Any]) -> Iterator[Any]:
    try:
        for batch in reader:
            for row in batch.to_pylist():
                yield convert(row)
    finally:
        cursor.close()


def _stream_batches(reader: pa.RecordBatchReader,
                    cursor: duckdb.DuckDBPyConnection) -> Iterator[pa.RecordBatch]:
    try:
        yield from reader
    finally:
        cursor.close()


def _record(extras: Sequence[str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def convert(row: dict[str, Any]) -> dict[str, Any]:
        record = row_to_event(row).to_dict()
        record.update((name, row[name]) for name in extras)
        return record
    return convert


def row_to_event(row: dict[str, Any]) -> Event:
    """An Event from one flattened row (of `events_table`, `mentions_table` or a CSV export)."""
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


def _mention_of(row: dict[str, Any], published: str | None, language: str | None) -> Mention:
    return Mention.of(
        id=row["id"], doc_id=row["doc_id"], event_type=row["event_type"], actor=row["actor_code"],
        recipient=row["recipient_code"], modality=row["modality"], mode=row["mode"], date=row["date"],
        context=row["context"], published=published, language=language, sentence=row["sentence"],
        names=(row["actor_name"], row["actor_text"], row["recipient_name"], row["recipient_text"]),
        sentence_index=row["sentence_index"], char_start=row["char_start"])


def _reach_days(low_month: int, high_month: int) -> dict[str, str]:
    """Bounds for _EARLIER_QUERY from months counted as year * 12 + month - 1."""
    first = _month_start(low_month)
    last = _month_start(high_month + 1) - dt.timedelta(days=1) if high_month < 9999 * 12 + 11 else dt.date.max
    return {"low": first.isoformat(), "high": last.isoformat(),
            "pub_low": (first - _UNDATED_MARGIN if first > dt.date.min + _UNDATED_MARGIN else dt.date.min).isoformat(),
            "pub_high": (last + _UNDATED_MARGIN if last < dt.date.max - _UNDATED_MARGIN else dt.date.max).isoformat()}


def _month_start(month: int) -> dt.date:
    year = month // 12
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month % 12 + 1, 1)


def _cluster_mention(row: Sequence[Any]) -> Mention:
    """A Mention from a row of _CLUSTER_MENTION_SELECT (further columns are ignored)."""
    (mention_id, doc_id, event_type, actor, recipient, modality, mode, date, context, published, language,
     sentence, actor_name, actor_text, recipient_name, recipient_text, sentence_index, char_start) = row[:18]
    return Mention.of(
        id=mention_id, doc_id=doc_id, event_type=event_type, actor=actor, recipient=recipient,
        modality=modality, mode=mode, date=date, context=context or (), published=published,
        language=language, sentence=sentence, names=(actor_name, actor_text, recipient_name, recipient_text),
        sentence_index=sentence_index, char_start=char_start)


def _by_document(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    return by_doc


def _by_local_group(mentions: Iterable[Mention], links: dict[str, dict[str, Any]]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[links[mention.id]["local_group"]].append(mention)
    return groups


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
            "date": document.date, "origin": document.origin, "text": text,
            "syndication_key": None, "signature": None}


def _sentence_row(sentence: Sentence, stored_id: str) -> dict[str, Any]:
    return {"doc_id": stored_id, "sentence_index": sentence.index, "text": sentence.text,
            "char_start": sentence.char_start, "char_end": sentence.char_end,
            "language": sentence.language, "skip": sentence.skip}


def _mention_row(event: Event, stored_id: str) -> dict[str, Any]:
    row = event_to_row(event)
    if stored_id != event.doc_id:
        row["doc_id"] = stored_id
        row["id"] = event_id(stored_id, event.sentence_index, event.event_type, event.actor.code,
                             event.recipient.code if event.recipient else None, event.char_start)
    return row
