"""Turns the store's event and mention batches into tidy tables: one flat row per record, codes as strings.

Every actor side gets its code, sector, name and text, then the codes of its state valid on the
record's day (ISO3, ISO2, CAMEO country code, COW, Gleditsch-Ward); organisations and regions get
none. A batch in gives a batch out, so a store of any size streams through in bounded memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from suasion.export.countries import code_columns, filed_day
from suasion.model import codes
from suasion.model.errors import SuasionError

CONTEXT_SEPARATOR = ";"
SIDES = ("actor", "recipient")
SIDE_FIELDS = ("code", "sector", "name", "text", "iso3", "iso2", "cameo_country", "cow", "gw")
_CODE_PARTS = SIDE_FIELDS[4:]  # in the order of countries.code_columns
_KEY_SEPARATOR = "|"  # between actor code and day; codes are letters, digits and "_"

_string = pa.string()


def _side(side: str) -> list[pa.Field]:
    return [pa.field(f"{side}_{part}", _string) for part in SIDE_FIELDS]


_HEAD = [
    pa.field("date", _string), pa.field("date_precision", _string), pa.field("day", _string),
    pa.field("event_type", _string), pa.field("mode", _string), pa.field("context", _string),
    pa.field("modality", _string), pa.field("cameo", _string), pa.field("cameo_label", _string),
    pa.field("quad", pa.int32()), pa.field("goldstein", pa.float64()),
    pa.field("plover_score", pa.float64()),
    *_side("actor"), *_side("recipient"),
]
_EVIDENCE = [
    pa.field("confidence", pa.float64()), pa.field("sentence", _string),
    pa.field("sentence_index", pa.int32()), pa.field("char_start", pa.int64()),
    pa.field("char_end", pa.int64()), pa.field("language", _string), pa.field("coder", _string),
    pa.field("doc_id", _string), pa.field("doc_url", _string), pa.field("doc_title", _string),
    pa.field("doc_source", _string), pa.field("doc_language", _string), pa.field("doc_date", _string),
    pa.field("doc_length", pa.int64()),
]
_COUNTS = [pa.field("n_mentions", pa.int32()), pa.field("n_sources", pa.int32())]
_SEEN = [pa.field("first_seen", _string), pa.field("last_seen", _string)]

EVENTS_SCHEMA = pa.schema([
    pa.field("event_id", _string), *_HEAD, *_COUNTS, pa.field("n_articles", pa.int32()), *_SEEN,
    pa.field("representative_id", _string), *_EVIDENCE,
])
MENTIONS_SCHEMA = pa.schema([
    pa.field("mention_id", _string), pa.field("event_id", _string), *_HEAD, *_COUNTS, *_SEEN,
    *_EVIDENCE,
])
SCHEMAS: dict[str, pa.Schema] = {"events": EVENTS_SCHEMA, "mentions": MENTIONS_SCHEMA}
# Where each tidy record's own id comes from in the store's rows.
_ID_COLUMN = {"events": "event_id", "mentions": "mention_id"}


def tidy_batches(batches: Iterable[pa.RecordBatch], what: str) -> Iterator[pa.RecordBatch]:
    """Tidy `events` or `mentions` batches (as `Store.export_batches` yields them), one per batch in."""
    if what not in SCHEMAS:
        raise SuasionError("E012", name="what", value=what, detail="expected events or mentions")
    for batch in batches:
        yield tidy_batch(batch, what)


def tidy_batch(batch: pa.RecordBatch, what: str) -> pa.RecordBatch:
    """One tidy batch of `what` (events or mentions) from one batch of the store's rows."""
    schema = SCHEMAS[what]
    columns: dict[str, pa.Array] = {name: batch.column(name) for name in batch.schema.names}
    # The store calls each record's own id `id`; tidy tables name it for what it identifies, so
    # that events.event_id = mentions.event_id joins the two.
    columns[_ID_COLUMN[what]] = batch.column("id")
    columns["context"] = pc.binary_join(batch.column("context"), CONTEXT_SEPARATOR)
    fallback = "first_seen" if what == "events" else "doc_date"
    own_day = _map_unique(batch.column("date"), _first_day)
    columns["day"] = pc.coalesce(own_day, _map_unique(batch.column(fallback), _first_day))
    columns["cameo_label"] = _map_unique(batch.column("cameo"), _cameo_label)
    day_key = pc.fill_null(columns["day"], "")
    for side in SIDES:
        # One lookup per distinct (code, day) pair of the batch, not per row.
        keys = pc.binary_join_element_wise(batch.column(f"{side}_code"), day_key, _KEY_SEPARATOR)
        encoded = pc.dictionary_encode(keys)
        found = [code_columns(*_split_key(key)) for key in encoded.dictionary.to_pylist()]
        for position, part in enumerate(_CODE_PARTS):
            values = pa.array([item[position] for item in found], type=_string)
            columns[f"{side}_{part}"] = values.take(encoded.indices)
    arrays = [columns[field.name].cast(field.type) for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _map_unique(values: pa.Array, function: Callable[[Any], str | None]) -> pa.Array:
    """`function` of each value as a string array, called once per distinct value (nulls stay null)."""
    encoded = pc.dictionary_encode(values)
    mapped = pa.array([function(value) for value in encoded.dictionary.to_pylist()], type=_string)
    return mapped.take(encoded.indices)


def _first_day(date: str | None) -> str | None:
    return filed_day(date, None)


def _split_key(key: str) -> tuple[str, str | None]:
    code, _sep, day = key.partition(_KEY_SEPARATOR)
    return code, day or None


@functools.lru_cache(maxsize=512)
def _cameo_label(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return codes.cameo_label(code)
    except SuasionError:
        return None  # a code outside CAMEO 1.1b3 keeps its cell, without a label
