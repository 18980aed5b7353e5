"""Writes events out for people and other programs: JSONL, CSV and terminal tables."""

from suasion.export.writers import CSV_COLUMNS, FORMATS, flatten_event, read_events, write_events

__all__ = ["CSV_COLUMNS", "FORMATS", "flatten_event", "read_events", "write_events"]
