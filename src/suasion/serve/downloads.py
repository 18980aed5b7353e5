"""Turns any answer table into a CSV or Parquet download."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from fastapi.responses import Response

from suasion.export.writers import csv_cell

FORMATS: tuple[str, ...] = ("csv", "parquet")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def table_bytes(table: pa.Table, fmt: str) -> bytes:
    if fmt == "parquet":
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    text = io.StringIO()
    # RFC 4180 line ends, so a line break inside a sentence stays inside its quoted cell.
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(table.column_names)
    for batch in table.to_batches(max_chunksize=10_000):
        for row in batch.to_pylist():
            writer.writerow([csv_cell(row[name]) for name in table.column_names])
    return text.getvalue().encode("utf-8")


def download(table: pa.Table, fmt: str, name: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "table"
    return Response(content=table_bytes(table, fmt), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{safe}.{fmt}"'})


DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The table as CSV (UTF-8, header row, lists joined by ';') or Parquet.",
          "content": {MEDIA_TYPES["csv"].split(";")[0]: {"schema": {"type": "string"}},
                      MEDIA_TYPES["parquet"]: {"schema": {"type": "string", "format": "binary"}}}},
}
