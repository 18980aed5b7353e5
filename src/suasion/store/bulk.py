"""Shapes and checks the Arrow tables of a trusted bulk load (`Store.bulk_load`) before they are written.

`conform` gives a caller's table the store's column layout: missing optional columns become
nulls (or their default), columns are cast to the store's types, and required ones must be
present without nulls. `problems` are queries over the registered load tables (bulk_documents,
bulk_sentences, bulk_mentions, bulk_events) that find the first row breaking the store's keys;
`LINKS` files each given mention under its local group and cluster block, as clustering would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES
from suasion.store.clustering import TYPE_FAMILIES
from suasion.store.schema import DOCUMENT_SCHEMA, EVENT_ROW_SCHEMA, MENTION_SCHEMA, SENTENCE_SCHEMA

# What a caller gives (the store computes a mention's cluster_block and local_group itself).
BULK_MENTION_SCHEMA = pa.schema([field for field in MENTION_SCHEMA
                                 if field.name not in ("cluster_block", "local_group")])

DOCUMENT_REQUIRED = ("doc_id", "text")
SENTENCE_REQUIRED = ("doc_id", "sentence_index", "text", "char_start", "char_end")
MENTION_REQUIRED = ("id", "doc_id", "event_type", "modality", "sentence", "sentence_index", "char_start",
                    "char_end", "confidence", "coder")
EVENT_REQUIRED = ("event_id", "event_type", "modality", "n_mentions", "n_sources", "confidence",
                  "representative_id")


def conform(table: pa.Table, schema: pa.Schema, name: str, required: Sequence[str],
            defaults: dict[str, Callable[[pa.Table], pa.Array]] | None = None) -> pa.Table:
    """`table` with exactly the columns of `schema`, in its order and types.

    A missing column takes its default (computed from the table) or nulls; a column in
    `required` must be there without nulls; other columns are refused, so that a misspelt
    name does not silently load as nulls. Raises SuasionError E012.
    """
    if not isinstance(table, pa.Table):
        raise SuasionError("E012", name=name, value=type(table).__name__, detail="expected a pyarrow.Table")
    unknown = sorted(set(table.column_names) - set(schema.names))
    if unknown:
        raise SuasionError("E012", name=name, value=", ".join(unknown),
                           detail=f"unknown columns; expected some of {', '.join(schema.names)}")
    defaults = defaults or {}
    columns: list[pa.Array | pa.ChunkedArray] = []
    for field in schema:
        if field.name in table.column_names:
            column = table[field.name]
            try:
                column = column.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise SuasionError("E012", name=f"{name}.{field.name}", value=str(column.type),
                                   detail=f"cannot be read as {field.type}: {exc}") from exc
            if field.name in defaults and column.null_count:
                column = pc.if_else(pc.is_null(column), defaults[field.name](table), column)
        elif field.name in defaults:
            column = defaults[field.name](table)
        elif field.name in required:
            raise SuasionError("E012", name=name, value=field.name, detail="required column missing")
        else:
            column = pa.nulls(table.num_rows, field.type)
        if field.name in required and column.null_count:
            raise SuasionError("E012", name=f"{name}.{field.name}", value=None, detail="required, but has nulls")
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


def _empty_lists(table: pa.Table) -> pa.Array:
    offsets = pa.array([0] * (table.num_rows + 1), pa.int32())
    return pa.ListArray.from_arrays(offsets, pa.array([], pa.string()))


def _content_hashes(table: pa.Table) -> pa.Array:
    return pa.array([hashlib.sha256(text.encode("utf-8")).hexdigest() for text in table["text"].to_pylist()],
                    pa.string())


def documents(table: pa.Table) -> pa.Table:
    """Documents: doc_id and text required; content_hash defaults to the SHA-256 of the text, the
    syndication key to the document's own id; a given signature is indexed like ingest's."""
    return conform(table, DOCUMENT_SCHEMA, "documents", DOCUMENT_REQUIRED, {
        "content_hash": _content_hashes, "syndication_key": lambda t: t["doc_id"].cast(pa.string())})


def sentences(table: pa.Table | None) -> pa.Table:
    if table is None:
        return SENTENCE_SCHEMA.empty_table()
    return conform(table, SENTENCE_SCHEMA, "sentences", (*SENTENCE_REQUIRED, "skip"),
                   {"skip": lambda t: pa.array([False] * t.num_rows, pa.bool_())})


def mentions(table: pa.Table, with_events: bool) -> pa.Table:
    """Mentions in the contract's flat columns; `event_id` is required with given events and
    ignored (recomputed) without."""
    if not with_events and isinstance(table, pa.Table) and "event_id" in table.column_names:
        table = table.drop_columns(["event_id"])
    required = (*MENTION_REQUIRED, "event_id") if with_events else MENTION_REQUIRED
    defaults = {"context": _empty_lists}
    if not with_events:
        defaults["event_id"] = lambda t: t["id"].cast(pa.string())  # a placeholder until clustered
    conformed = conform(table, BULK_MENTION_SCHEMA, "mentions", required, defaults)
    _check_values(conformed, "mentions", "id")
    return conformed


def events(table: pa.Table) -> pa.Table:
    conformed = conform(table, EVENT_ROW_SCHEMA, "events", EVENT_REQUIRED, {"context": _empty_lists})
    _check_values(conformed, "events", "event_id")
    return conformed


def _check_values(table: pa.Table, name: str, key: str) -> None:
    """The values every reader filters on must be the contract's."""
    for column, allowed in (("event_type", PLOVER_TYPES), ("modality", MODALITIES)):
        wrong = pc.invert(pc.is_in(table[column], value_set=pa.array(allowed, pa.string())))
        _refuse_first(table, wrong, name, key, column, f"expected one of {', '.join(allowed)}")
    quad = table["quad"]
    wrong = pc.and_kleene(pc.is_valid(quad), pc.or_(pc.less(quad, 1), pc.greater(quad, 4)))
    _refuse_first(table, pc.fill_null(wrong, False), name, key, "quad", "expected 1-4 or null")


def _refuse_first(table: pa.Table, wrong: Any, name: str, key: str, column: str, detail: str) -> None:
    if pc.any(wrong).as_py():
        row = table.filter(wrong).slice(0, 1).to_pylist()[0]
        raise SuasionError("E012", name=f"{name}.{column}", value=row[column], detail=f"{detail} ({key} {row[key]})")


_VALID_DATE = """(regexp_full_match({c}, '\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?') AND left({c}, 4) >= '0001'
    AND try_cast(CASE length({c}) WHEN 4 THEN {c} || '-01-01' WHEN 7 THEN {c} || '-01' ELSE {c} END AS DATE)
        IS NOT NULL)"""
_VALID_DAY = "(length({c}) = 10 AND " + _VALID_DATE + ")"


def valid_date_sql(expression: str) -> str:
    """SQL true when the expression is a YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar
    period (as model.dates.is_partial_date says), null when it is null, else false."""
    return _VALID_DATE.format(c=expression)

# (name, value, detail, query): each query returns the offending value of its first bad row, if any.
_KEY_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("documents.doc_id", "given twice",
     "SELECT doc_id FROM bulk_documents GROUP BY doc_id HAVING count(*) > 1 LIMIT 1"),
    ("documents.doc_id", "already stored",
     "SELECT b.doc_id FROM bulk_documents b JOIN documents d ON d.doc_id = b.doc_id LIMIT 1"),
    ("documents.content_hash", "the same text twice",
     "SELECT content_hash FROM bulk_documents GROUP BY content_hash HAVING count(*) > 1 LIMIT 1"),
    ("documents.content_hash", "text already stored",
     "SELECT b.content_hash FROM bulk_documents b JOIN documents d ON d.content_hash = b.content_hash LIMIT 1"),
    ("sentences.doc_id", "not a document of this load",
     "SELECT doc_id FROM bulk_sentences ANTI JOIN bulk_documents USING (doc_id) LIMIT 1"),
    ("sentences.sentence_index", "given twice",
     "SELECT doc_id || '#' || sentence_index FROM bulk_sentences GROUP BY doc_id, sentence_index "
     "HAVING count(*) > 1 LIMIT 1"),
    ("mentions.id", "given twice", "SELECT id FROM bulk_mentions GROUP BY id HAVING count(*) > 1 LIMIT 1"),
    ("mentions.id", "already stored", "SELECT b.id FROM bulk_mentions b JOIN mentions m ON m.id = b.id LIMIT 1"),
    ("mentions.doc_id", "not a document of this load",
     "SELECT doc_id FROM bulk_mentions ANTI JOIN bulk_documents USING (doc_id) LIMIT 1"),
)
_EVENT_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("events.event_id", "given twice",
     "SELECT event_id FROM bulk_events GROUP BY event_id HAVING count(*) > 1 LIMIT 1"),
    ("events.event_id", "already stored",
     "SELECT b.event_id FROM bulk_events b JOIN events e ON e.event_id = b.event_id LIMIT 1"),
    ("mentions.event_id", "not an event of this load",
     "SELECT event_id FROM bulk_mentions ANTI JOIN bulk_events USING (event_id) LIMIT 1"),
    ("events.event_id", "has no mention",
     "SELECT event_id FROM bulk_events ANTI JOIN bulk_mentions USING (event_id) LIMIT 1"),
    ("events.representative_id", "not a mention of its event",
     "SELECT e.representative_id FROM bulk_events e ANTI JOIN bulk_mentions m "
     "ON m.id = e.representative_id AND m.event_id = e.event_id LIMIT 1"),
    # Where an event is filed decides the dashboard's months: only real calendar dates.
    ("events.date", "expected a valid YYYY, YYYY-MM or YYYY-MM-DD",
     f"SELECT date FROM bulk_events WHERE date IS NOT NULL AND NOT {_VALID_DATE.format(c='date')} LIMIT 1"),
    ("events.first_seen", "expected a valid YYYY-MM-DD",
     f"SELECT first_seen FROM bulk_events WHERE first_seen IS NOT NULL AND NOT {_VALID_DAY.format(c='first_seen')} "
     f"LIMIT 1"),
    ("events.last_seen", "expected a valid YYYY-MM-DD",
     f"SELECT last_seen FROM bulk_events WHERE last_seen IS NOT NULL AND NOT {_VALID_DAY.format(c='last_seen')} "
     f"LIMIT 1"),
)


def problems(with_events: bool) -> tuple[tuple[str, str, str], ...]:
    """The key checks of a load: (column, what is wrong, query returning the first bad value)."""
    return _KEY_PROBLEMS + (_EVENT_PROBLEMS if with_events else ())


_FAMILY_SQL = ("CASE f.event_type "
               + " ".join(f"WHEN '{t}' THEN '{family}'" for t, family in sorted(TYPE_FAMILIES.items()))
               + " ELSE f.event_type END")

# A given event's mentions in one document form one local group, named after its first mention
# (by position); its block is what clustering.block_of gives those mentions.
LINKS = f"""
WITH placed AS (
    SELECT id, doc_id, event_id, event_type, nullif(actor_code, '') AS actor,
           nullif(recipient_code, '') AS recipient,
           row_number() OVER (PARTITION BY doc_id, event_id ORDER BY sentence_index, char_start, id) AS position
    FROM bulk_mentions),
groups AS (
    SELECT doc_id, event_id, bool_or(actor IS NULL) AS unknown_actor,
           min(position) FILTER (WHERE recipient IS NOT NULL) AS full_position
    FROM placed GROUP BY doc_id, event_id),
blocks AS (
    SELECT g.doc_id, g.event_id, f.id AS local_group,
           CASE WHEN g.unknown_actor THEN {_FAMILY_SQL} || '|?|' || f.id
                WHEN g.full_position IS NULL THEN {_FAMILY_SQL} || '|' || f.actor || '|-'
                ELSE {_FAMILY_SQL} || '|' || least(p.actor, p.recipient) || '|' || greatest(p.actor, p.recipient)
           END AS cluster_block
    FROM groups g
    JOIN placed f ON f.doc_id = g.doc_id AND f.event_id = g.event_id AND f.position = 1
    LEFT JOIN placed p ON p.doc_id = g.doc_id AND p.event_id = g.event_id AND p.position = g.full_position)
SELECT m.*, b.cluster_block, b.local_group
FROM bulk_mentions m JOIN blocks b ON b.doc_id = m.doc_id AND b.event_id = m.event_id"""
