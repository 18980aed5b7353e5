"""Persists documents, sentences and events in DuckDB and answers filtered event queries."""

from suasion.store.filters import EventFilter
from suasion.store.schema import EVENT_COLUMNS, SCHEMA_VERSION
from suasion.store.store import AddResult, Store, event_to_row, row_to_event

__all__ = ["EVENT_COLUMNS", "SCHEMA_VERSION", "AddResult", "EventFilter", "Store", "event_to_row",
           "row_to_event"]
