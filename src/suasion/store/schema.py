"""The DuckDB schema, its version number and the migrations that build it, plus Arrow layouts.

Version 1 stored one `events` row per *mention* (one sentence of one article asserting an
event). Version 2 renames that table `mentions`, links each mention to the happening it reports
(`event_id`), adds one `events` row per happening, and gives every document a near-duplicate
signature and a `syndication_key` shared by copies of the same wire text. The rows are moved by
SQL; the store then computes signatures and clusters (see `Store._finish_migration`). Version 3
adds `event_months`, events counted per actor, recipient, modality, kind and month (with
`event_kinds` naming each kind), which the store keeps up to date on every write so that the
dashboard's aggregates need not scan every event.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 3
# Read-only opens accept these older versions as they are (version 3 only adds derived tables).
READABLE_VERSIONS = frozenset({2, 3})

# The columns of a mention (the flattened event contract), in two released steps: version 1 named
# its table `events`, version 2 `mentions`, copying the rows with SELECT *; never edit them.
_MENTION_COLUMNS = """id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            modality VARCHAR NOT NULL,
            actor_code VARCHAR, actor_sector VARCHAR, actor_name VARCHAR, actor_text VARCHAR,
            recipient_code VARCHAR, recipient_sector VARCHAR, recipient_name VARCHAR,
            recipient_text VARCHAR,
            date VARCHAR, date_precision VARCHAR,
            cameo VARCHAR, quad INTEGER, goldstein DOUBLE, plover_score DOUBLE,
            sentence VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            char_start BIGINT NOT NULL, char_end BIGINT NOT NULL,
            confidence DOUBLE NOT NULL,
            coder VARCHAR NOT NULL"""

# MIGRATIONS[n] takes a database from version n-1 to version n; never edit a released step.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL UNIQUE,
            url VARCHAR, title VARCHAR, source VARCHAR, language VARCHAR,
            date VARCHAR,
            origin VARCHAR,
            text VARCHAR NOT NULL,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            char_start BIGINT NOT NULL, char_end BIGINT NOT NULL,
            language VARCHAR,
            skip BOOLEAN NOT NULL,
            PRIMARY KEY (doc_id, sentence_index))""",
        f"""CREATE TABLE events (
            {_MENTION_COLUMNS})""",
    ),
    2: (
        "ALTER TABLE documents ADD COLUMN syndication_key VARCHAR",
        "ALTER TABLE documents ADD COLUMN signature UBIGINT[]",
        # The smallest values of each document's signature: documents sharing several are
        # candidate near-duplicates, checked on the whole signature.
        """CREATE TABLE document_keys (
            key UBIGINT NOT NULL,
            doc_id VARCHAR NOT NULL)""",
        f"""CREATE TABLE mentions (
            {_MENTION_COLUMNS},
            event_id VARCHAR NOT NULL,
            cluster_block VARCHAR NOT NULL,
            local_group VARCHAR NOT NULL)""",
        # Provisional links (each mention its own event) until the store clusters them.
        "INSERT INTO mentions SELECT *, id, '', id FROM events",
        "DROP TABLE events",
        # No PRIMARY KEY on event_id: re-clustering deletes and re-inserts the same ids in one
        # transaction, which older DuckDB versions refuse on a key; the store keeps ids unique.
        """CREATE TABLE events (
            event_id VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            modality VARCHAR NOT NULL,
            actor_code VARCHAR, actor_sector VARCHAR, actor_name VARCHAR,
            recipient_code VARCHAR, recipient_sector VARCHAR, recipient_name VARCHAR,
            date VARCHAR, date_precision VARCHAR,
            context VARCHAR[] NOT NULL,
            cameo VARCHAR, quad INTEGER, goldstein DOUBLE, plover_score DOUBLE,
            n_mentions INTEGER NOT NULL, n_sources INTEGER NOT NULL,
            first_seen VARCHAR, last_seen VARCHAR,
            confidence DOUBLE NOT NULL,
            representative_id VARCHAR NOT NULL)""",
    ),
    3: (
        # What the dashboard groups events by, numbered: the aggregate below stores the number.
        """CREATE TABLE event_kinds (
            kind INTEGER NOT NULL,
            event_type VARCHAR NOT NULL, mode VARCHAR, context VARCHAR[] NOT NULL, quad INTEGER)""",
        # Derived from `events` (see event_months.py): events between two different known
        # parties with a date to file them under, per actor, recipient, modality, kind and the
        # month (YYYY-MM) of that date; first_date/last_date are the extreme filed dates.
        """CREATE TABLE event_months (
            actor_code VARCHAR NOT NULL, recipient_code VARCHAR NOT NULL, modality VARCHAR NOT NULL,
            kind INTEGER NOT NULL, month VARCHAR NOT NULL,
            events BIGINT NOT NULL, score_sum DOUBLE NOT NULL, positive_sum DOUBLE NOT NULL,
            negative_sum DOUBLE NOT NULL, sources BIGINT NOT NULL,
            first_date VARCHAR NOT NULL, last_date VARCHAR NOT NULL)""",
    ),
}

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("content_hash", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("source", pa.string()), ("language", pa.string()),
    ("date", pa.string()), ("origin", pa.string()), ("text", pa.string()),
    ("syndication_key", pa.string()), ("signature", pa.list_(pa.uint64())),
])

DOCUMENT_KEY_SCHEMA = pa.schema([("key", pa.uint64()), ("doc_id", pa.string())])

SENTENCE_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("sentence_index", pa.int32()), ("text", pa.string()),
    ("char_start", pa.int64()), ("char_end", pa.int64()), ("language", pa.string()),
    ("skip", pa.bool_()),
])

EVENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()),
    ("mode", pa.string()), ("context", pa.list_(pa.string())), ("modality", pa.string()),
    ("actor_code", pa.string()), ("actor_sector", pa.string()), ("actor_name", pa.string()),
    ("actor_text", pa.string()),
    ("recipient_code", pa.string()), ("recipient_sector", pa.string()),
    ("recipient_name", pa.string()), ("recipient_text", pa.string()),
    ("date", pa.string()), ("date_precision", pa.string()), ("cameo", pa.string()),
    ("quad", pa.int32()), ("goldstein", pa.float64()), ("plover_score", pa.float64()),
    ("sentence", pa.string()), ("sentence_index", pa.int32()), ("char_start", pa.int64()),
    ("char_end", pa.int64()), ("confidence", pa.float64()), ("coder", pa.string()),
])

EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)

# A mention row: the flattened contract, its event and how clustering filed it.
MENTION_SCHEMA = pa.schema([*EVENT_SCHEMA, ("event_id", pa.string()), ("cluster_block", pa.string()),
                            ("local_group", pa.string())])

# An event row: one real-world happening (see the store module for what each column means).
EVENT_ROW_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("event_type", pa.string()), ("mode", pa.string()),
    ("modality", pa.string()),
    ("actor_code", pa.string()), ("actor_sector", pa.string()), ("actor_name", pa.string()),
    ("recipient_code", pa.string()), ("recipient_sector", pa.string()),
    ("recipient_name", pa.string()),
    ("date", pa.string()), ("date_precision", pa.string()), ("context", pa.list_(pa.string())),
    ("cameo", pa.string()), ("quad", pa.int32()), ("goldstein", pa.float64()),
    ("plover_score", pa.float64()), ("n_mentions", pa.int32()), ("n_sources", pa.int32()),
    ("first_seen", pa.string()), ("last_seen", pa.string()), ("confidence", pa.float64()),
    ("representative_id", pa.string()),
])

# What `Store.events_table` returns: the contract columns of each event (its representative
# mention's evidence) followed by these; what `Store.mentions_table` returns: the contract
# columns of each mention followed by MENTION_EXTRA_COLUMNS.
EVENT_EXTRA_COLUMNS: tuple[str, ...] = ("n_mentions", "n_sources", "first_seen", "last_seen",
                                        "representative_id")
MENTION_EXTRA_COLUMNS: tuple[str, ...] = ("event_id", "n_mentions", "n_sources")
