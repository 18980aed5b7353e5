"""Writes indicator tables as a terminal table, CSV, Parquet or JSON, and reads CSV, Parquet and JSON back."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from suasion.model.errors import SuasionError

FORMATS: tuple[str, ...] = ("table", "csv", "parquet", "json")
# Columns holding lists (event ids, countries named): JSON arrays inside a CSV cell.
_LIST_SUFFIXES = ("event_ids", "countries")
# What the terminal table shows of an indicators table (the files carry every column).
_TABLE_COLUMNS = (
    ("period", "period", "{}"), ("power", "power", "{}"), ("country", "country", "{}"),
    ("events", "events", "{:d}"), ("coop", "cooperative", "{:d}"), ("confl", "conflictual", "{:d}"),
    ("prom", "promised", "{:d}"), ("share", "power_share", "{:.2f}"), ("prev", "previous_events", "{:d}"),
    ("ratio", "momentum_ratio", "{:.2f}"), ("new", "novel_contact", "{}"), ("influence", "influence", "{:.1f}"),
)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise SuasionError("E034", fmt=fmt, choices=", ".join(FORMATS))
    return fmt


def _is_list_column(name: str) -> bool:
    return name.endswith(_LIST_SUFFIXES)


def write_table(frame: pd.DataFrame, fmt: str, target: str | Path | TextIO | BinaryIO) -> int:
    """Write `frame` in `fmt` to a path or an open stream (text for table/csv/json, binary for
    parquet); returns the number of rows written."""
    check_format(fmt)
    if fmt == "parquet":
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table, target if isinstance(target, (str, Path)) else pa.PythonFile(target, mode="w"))
        return len(frame)
    text = {"table": _as_table, "csv": _as_csv, "json": _as_json}[fmt](frame)
    if isinstance(target, (str, Path)):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)
    return len(frame)


def read_table(source: str | Path, fmt: str) -> pd.DataFrame:
    """Read back what `write_table` wrote as csv, parquet or json (list columns as lists)."""
    if fmt not in ("csv", "parquet", "json"):
        raise SuasionError("E034", fmt=fmt, choices="csv, parquet, json")
    if fmt == "parquet":
        frame = pq.read_table(source).to_pandas()
        for column in frame.columns:
            if _is_list_column(column):
                frame[column] = [list(v) if v is not None else [] for v in frame[column]]
        return frame
    if fmt == "json":
        records = json.loads(Path(source).read_text(encoding="utf-8"))
        return pd.DataFrame.from_records(records)
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[])
    for column in frame.columns:
        if _is_list_column(column):
            frame[column] = [json.loads(v) if v else [] for v in frame[column]]
        else:
            frame[column] = [_csv_value(v) for v in frame[column]]
    return frame


def _csv_value(text: str) -> Any:
    if text == "":
        return None
    if text in ("True", "False"):
        return text == "True"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _as_csv(frame: pd.DataFrame) -> str:
    data = frame.copy()
    for column in data.columns:
        if _is_list_column(column):
            data[column] = [json.dumps(list(v), ensure_ascii=False) for v in data[column]]
    buffer = io.StringIO()
    data.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _as_json(frame: pd.DataFrame) -> str:
    records = [{key: _json_value(value) for key, value in row.items()} for row in frame.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return value


def _as_table(frame: pd.DataFrame) -> str:
    shown = [(title, column, form) for title, column, form in _TABLE_COLUMNS if column in frame.columns]
    if not shown:
        return frame.to_string(index=False) + "\n"
    rows = [[_cell(value, form) for _title, column, form in shown for value in [record[column]]]
            for record in frame.to_dict("records")]
    widths = [max(len(title), *(len(row[i]) for row in rows)) if rows else len(title)
              for i, (title, _c, _f) in enumerate(shown)]
    lines = ["  ".join(title.rjust(w) if i > 2 else title.ljust(w)
                       for i, ((title, _c, _f), w) in enumerate(zip(shown, widths)))]
    for row in rows:
        lines.append("  ".join(cell.rjust(w) if i > 2 else cell.ljust(w)
                               for i, (cell, w) in enumerate(zip(row, widths))))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _cell(value: Any, form: str) -> str:
    value = _json_value(value)
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else ""
    try:
        return form.format(value)
    except (ValueError, TypeError):
        return str(value)
