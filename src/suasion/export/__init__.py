"""Writes events out for people and other programs: JSONL, CSV, tables, tidy Parquet, PLOVER, GDELT, ICEWS."""

from suasion.export.exporter import (
    BINARY_FORMATS, EXPORT_FORMATS, EXPORT_TARGETS, check_request, export, format_for, write_records,
    write_table_batches,
)
from suasion.export.writers import CSV_COLUMNS, FORMATS, flatten_event, read_events, write_events

__all__ = ["BINARY_FORMATS", "CSV_COLUMNS", "EXPORT_FORMATS", "EXPORT_TARGETS", "FORMATS", "check_request",
           "export", "flatten_event", "format_for", "read_events", "write_events", "write_records",
           "write_table_batches"]
