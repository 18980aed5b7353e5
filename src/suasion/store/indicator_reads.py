"""Read-only query behind the influence indicators: the few event columns they use, unordered, in one Arrow table."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from suasion.store.filters import EventFilter
from suasion.store.store import Store

# The event's own fields and its representative mention's sentence (the evidence).
_COLUMNS = """e.event_id AS id, e.event_type, e.mode, e.context, e.modality, e.actor_code, e.recipient_code,
    e.date, e.first_seen, e.quad, e.plover_score, r.sentence"""


def indicator_events(store: Store, **filters: Any) -> pa.Table:
    """Matching events with the columns the indicators read (id, event_type, mode, context,
    modality, actor_code, recipient_code, date, first_seen, quad, plover_score, sentence), in no
    particular order; filters as `Store.events_table`. A narrow, unsorted read: several times
    faster than `events_table` on a large store.
    """
    where, params = EventFilter.of(**filters).where("events")
    query = f"SELECT {_COLUMNS} FROM events e JOIN mentions r ON r.id = e.representative_id {where}"
    cursor = store._con.cursor()  # a cursor of its own: the store stays usable by other readers
    try:
        return store._read(lambda: cursor.sql(query, params=params).to_arrow_table())
    finally:
        cursor.close()
