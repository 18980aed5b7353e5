"""Exports a store's events, mentions or indicators: tidy Parquet/CSV/JSONL, or PLOVER, GDELT and ICEWS layouts.

Events and mentions stream from DuckDB as Arrow record batches, are tidied batch by batch and
written as they arrive, so a store of any size exports in bounded memory. Files are written
under a temporary name and renamed when complete: a failed export leaves no half-written file.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from suasion.export import layouts
from suasion.export.tidy import CONTEXT_SEPARATOR, SCHEMAS, tidy_batches
from suasion.model.errors import SuasionError

EXPORT_FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "plover", "gdelt", "icews")
EXPORT_TARGETS: tuple[str, ...] = ("events", "mentions", "indicators", "quantities")
TIDY_FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl")
# Formats whose writers take a binary handle (Arrow writes the bytes); the others take text.
BINARY_FORMATS: tuple[str, ...] = ("parquet", "csv")
RECORD_TARGETS: tuple[str, ...] = ("events", "mentions")
ANALYSIS_TARGETS: tuple[str, ...] = ("indicators", "quantities")
# Which suffix tells which format when none is given.
SUFFIX_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl",
                  ".ndjson": "jsonl"}

# Rows per batch: Arrow-native writers take big batches; the formats built row by row in Python
# take smaller ones, which bounds the Python objects alive at any time.
ARROW_BATCH_ROWS = 10_000
ROW_BATCH_ROWS = 1_000


def format_for(path: str | Path) -> str:
    """The tidy format an output path's suffix names (.parquet, .csv, .jsonl); E072 otherwise."""
    fmt = SUFFIX_FORMATS.get(Path(str(path)).suffix.lower())
    if fmt is None:
        raise SuasionError("E072", path=str(path), choices=", ".join(EXPORT_FORMATS))
    return fmt


def check_request(what: str, fmt: str) -> None:
    """Raise E012/E034/E071 unless `fmt` can write `what`."""
    if what not in EXPORT_TARGETS:
        raise SuasionError("E012", name="--what", value=what,
                           detail=f"expected one of {', '.join(EXPORT_TARGETS)}")
    if fmt not in EXPORT_FORMATS:
        raise SuasionError("E034", fmt=fmt, choices=", ".join(EXPORT_FORMATS))
    if what in ANALYSIS_TARGETS and fmt not in TIDY_FORMATS:
        raise SuasionError("E071", fmt=fmt, what=what, detail=f"{what} are tables: use {', '.join(TIDY_FORMATS)}")
    if fmt == "gdelt" and what not in RECORD_TARGETS:
        raise SuasionError("E071", fmt=fmt, what=what, detail="GDELT has events and mentions tables")


def export(store: Any, out: str | Path | IO[Any], what: str = "events", fmt: str = "csv",
           header: bool = False, batch_rows: int | None = None, **filters: Any) -> int:
    """Export `what` (events, mentions, indicators, quantities) from a Store to `out` in `fmt`;
    returns the number of rows (or records) written.

    `out` is a path (written atomically) or an open handle (binary for BINARY_FORMATS, text otherwise).
    `filters` are the store's event filters (actor, recipient, event_type, modality, since, until,
    doc_id, limit) for events and mentions; for indicators and quantities they are passed to the
    analysis function. `header` adds the column names to GDELT files (ICEWS files always have them).
    """
    check_request(what, fmt)
    if what in ANALYSIS_TARGETS:
        table = analysis_table(store, what, **filters)
        return write_table_batches(table.to_batches(max_chunksize=ARROW_BATCH_ROWS), table.schema, fmt, out)
    rows = batch_rows or (ARROW_BATCH_ROWS if fmt in ("parquet", "csv") else ROW_BATCH_ROWS)
    batches = tidy_batches(store.export_batches(what, batch_rows=rows, **filters), what)
    return write_records(batches, what, fmt, out, header=header)


def write_records(batches: Iterable[pa.RecordBatch], what: str, fmt: str, out: str | Path | IO[Any],
                  header: bool = False) -> int:
    """Write tidy `events` or `mentions` batches (see tidy.py) in any export format."""
    check_request(what, fmt)
    if what not in RECORD_TARGETS:
        raise SuasionError("E012", name="what", value=what, detail="expected events or mentions")
    if fmt in TIDY_FORMATS:
        return write_table_batches(batches, SCHEMAS[what], fmt, out)
    if fmt == "plover":
        return _write_lines(out, (json_line(layouts.plover_record(row, what)) for row in _rows(batches)))
    if fmt == "gdelt":
        columns, cells = ((layouts.GDELT_EVENT_COLUMNS, layouts.gdelt_event_cells) if what == "events"
                          else (layouts.GDELT_MENTION_COLUMNS, layouts.gdelt_mention_cells))
        return _write_lines(out, _tsv(columns if header else None, map(cells, _rows(batches))),
                            header_lines=1 if header else 0)
    id_column = "event_id" if what == "events" else "mention_id"
    return _write_lines(out, _tsv(layouts.ICEWS_COLUMNS,
                                  (layouts.icews_cells(row, id_column) for row in _rows(batches))),
                        header_lines=1)


def write_table_batches(batches: Iterable[pa.RecordBatch], schema: pa.Schema, fmt: str,
                        out: str | Path | IO[Any]) -> int:
    """Write record batches of one schema as Parquet, CSV (header, UTF-8, text always quoted,
    null as an empty unquoted cell) or JSONL (one object per row)."""
    if fmt not in TIDY_FORMATS:
        raise SuasionError("E034", fmt=fmt, choices=", ".join(TIDY_FORMATS))
    with _output(out, binary=fmt in BINARY_FORMATS) as handle:
        count = 0
        if fmt == "jsonl":
            for batch in batches:
                for row in batch.to_pylist():
                    handle.write(json_line(row) + "\n")
                    count += 1
            return count
        if fmt == "csv":
            schema, batches = _flat_lists(schema, batches)
        writer: Any = (pq.ParquetWriter(handle, schema) if fmt == "parquet" else
                       pa_csv.CSVWriter(handle, schema, write_options=pa_csv.WriteOptions(quoting_style="needed")))
        try:
            for batch in batches:
                writer.write_batch(batch)
                count += batch.num_rows
        finally:
            writer.close()
        return count


def _flat_lists(schema: pa.Schema, batches: Iterable[pa.RecordBatch]
                ) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """CSV has no lists: list columns become text joined by ';' (as the tidy `context`)."""
    lists = {field.name for field in schema if pa.types.is_list(field.type)}
    if not lists:
        return schema, iter(batches)
    flat = pa.schema([pa.field(f.name, pa.string()) if f.name in lists else f for f in schema])

    def joined() -> Iterator[pa.RecordBatch]:
        for batch in batches:
            arrays = [pc.binary_join(batch.column(name).cast(pa.list_(pa.string())), CONTEXT_SEPARATOR)
                      if name in lists else batch.column(name) for name in schema.names]
            yield pa.RecordBatch.from_arrays(arrays, schema=flat)
    return flat, joined()


def analysis_table(store: Any, what: str, **options: Any) -> pa.Table:
    """The analysis module's `indicators` or `quantities` table for this store, as Arrow."""
    function = _analysis_function(what)
    table = pa.Table.from_pandas(function(store, **options), preserve_index=False)
    # pandas gives an all-empty text column the type `null` (and list<null>): write text instead,
    # so that a column keeps one type whatever the store holds.
    fields = [pa.field(field.name, _text_type(field.type)) for field in table.schema]
    return table.cast(pa.schema(fields))


def _text_type(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_list(kind) and pa.types.is_null(kind.value_type):
        return pa.list_(pa.string())
    return kind


def _analysis_function(what: str) -> Callable[..., Any]:
    try:
        from suasion import analyze
    except ImportError as exc:
        raise SuasionError("E070", what=what, function=what) from exc
    function = getattr(analyze, what, None)
    if not callable(function):
        raise SuasionError("E070", what=what, function=what)
    return function


def _rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()


def _tsv(columns: tuple[str, ...] | None, rows: Iterable[list[str]]) -> Iterator[str]:
    if columns is not None:
        yield "\t".join(columns)
    for cells in rows:
        yield "\t".join(cells)


def _write_lines(out: str | Path | IO[Any], lines: Iterable[str], header_lines: int = 0) -> int:
    """Write lines with "\\n" ends; returns the number of records (the lines after the header)."""
    count = 0
    with _output(out, binary=False) as handle:
        for line in lines:
            handle.write(line + "\n")
            count += 1
    return count - header_lines


def json_line(data: dict[str, Any]) -> str:
    """One JSON object on one line: readable UTF-8, dates as ISO strings, NaN as null, and the
    Unicode line separators escaped so that line-splitting readers never cut a record in two."""
    try:
        text = json.dumps(data, ensure_ascii=False, default=_jsonable, allow_nan=False)
    except ValueError:  # NaN or infinity somewhere (analysis tables): JSON has only null for them
        text = json.dumps(_finite(data), ensure_ascii=False, default=_jsonable, allow_nan=False)
    return text.replace("\u0085", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@contextmanager
def _output(out: str | Path | IO[Any], binary: bool) -> Iterator[Any]:
    if not isinstance(out, (str, Path)):
        yield out
        return
    target = Path(out)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                             dir=target.parent if str(target.parent) else ".")
    try:
        with (os.fdopen(descriptor, "wb") if binary else
              io.open(descriptor, "w", encoding="utf-8", newline="")) as handle:
            yield handle
        # mkstemp makes the file private; the export gets the mode any new file would get.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(current)
    return current
