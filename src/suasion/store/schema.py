"""The DuckDB schema, its version number and the migrations that build it, plus Arrow layouts.

Each `events` row is one *mention*: one sentence of one article asserting an event. A later
version can cluster mentions across articles by adding an `event_clusters` table and an
`event_cluster_members (cluster_id, event_id)` link table, without touching these tables.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

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
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
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
            coder VARCHAR NOT NULL)""",
    ),
}

DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("content_hash", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("source", pa.string()), ("language", pa.string()),
    ("date", pa.string()), ("origin", pa.string()), ("text", pa.string()),
])

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
