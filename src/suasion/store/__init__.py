"""Persists documents, sentences, mentions and events in DuckDB and answers filtered queries."""

from suasion.store.filters import EventFilter
from suasion.store.schema import EVENT_COLUMNS, EVENT_EXTRA_COLUMNS, MENTION_EXTRA_COLUMNS, SCHEMA_VERSION
from suasion.store.store import AddResult, Store, event_to_row, row_to_event

__all__ = ["EVENT_COLUMNS", "EVENT_EXTRA_COLUMNS", "MENTION_EXTRA_COLUMNS", "SCHEMA_VERSION", "AddResult",
           "EventFilter", "Store", "event_to_row", "row_to_event"]
