"""Reads events from a store or a table into columns, validates analysis options and files events under periods."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from suasion import codebooks
from suasion.model import codes
from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES
from suasion.store import EventFilter, Store
from suasion.store.indicator_reads import indicator_events

DEFAULT_POWERS: tuple[str, ...] = ("USA", "CHN", "RUS")
PERIODS: tuple[str, ...] = ("month", "quarter", "year")
MODALITY_CHOICES: tuple[str, ...] = (*MODALITIES, "all")
_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}

# What the analysis reads of each event; the other columns of the store's events table are ignored.
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "event_type", "actor_code", "recipient_code")
OPTIONAL_COLUMNS: dict[str, pa.DataType] = {
    "modality": pa.string(), "mode": pa.string(), "context": pa.list_(pa.string()), "date": pa.string(),
    "first_seen": pa.string(), "quad": pa.int32(), "plover_score": pa.float64(), "sentence": pa.string(),
}


# -- options ------------------------------------------------------------------------------------

def validate_codes(values: Iterable[str] | str | None, name: str) -> tuple[str, ...]:
    """Upper-cased actor codes, each well formed (RUS, BRA, NATO); raises E012."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    result: list[str] = []
    for value in values:
        code = value.strip().upper() if isinstance(value, str) else value
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise SuasionError("E012", name=name, value=value,
                               detail="expected an actor code such as RUS, BRA or NATO")
        if code not in result:
            result.append(code)
    return tuple(result)


@functools.lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every country, region and organisation code the codebooks know."""
    found = {str(c["iso3"]) for c in codebooks.load("actors/countries.yaml")}
    found |= {str(r["code"]) for r in codebooks.load("actors/regions.yaml")}
    found |= {str(o["code"]) for o in codebooks.load("actors/organisations.yaml")}
    return frozenset(found)


def validate_known(values: Iterable[str] | str | None, name: str) -> tuple[str, ...]:
    """Well-formed codes that the codebooks know (countries, regions, organisations); raises E012."""
    chosen = validate_codes(values, name)
    for code in chosen:
        if code not in known_codes():
            raise SuasionError("E012", name=name, value=code,
                               detail="not a country, region or organisation code of the codebooks")
    return chosen


def validate_countries(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """Known counterpart codes; None when not given; raises E012."""
    return None if values is None else validate_known(values, "country")


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, dict[str, Any]]:
    return {str(r["code"]): r for r in codebooks.load("actors/regions.yaml")}


def region_members(values: Iterable[str] | str | None) -> dict[str, frozenset[str]] | None:
    """Region code -> the codes counted for it (see _region_counterparts), for regions given by
    key (latin-america) or code (LAM); raises E012."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    by_key = {str(r["key"]): code for code, r in _regions().items()}
    chosen: dict[str, frozenset[str]] = {}
    for value in values:
        wanted = value.strip() if isinstance(value, str) else value
        code = by_key.get(wanted.lower()) if isinstance(wanted, str) else None
        if code is None and isinstance(wanted, str) and wanted.upper() in _regions():
            code = wanted.upper()
        if code is None:
            raise SuasionError("E012", name="region", value=value,
                               detail="expected a region key such as " + ", ".join(sorted(by_key)))
        chosen[code] = _region_counterparts(code)
    return chosen


def _region_counterparts(code: str) -> frozenset[str]:
    """The codes whose events count for a region: its members, itself, and the regions made only
    of its members (Latin America counts events with South America, the Caribbean, ...)."""
    members = frozenset(str(m) for m in _regions()[code].get("members") or ())
    parts = {other for other, entry in _regions().items()
             if entry.get("members") and frozenset(str(m) for m in entry["members"]) <= members}
    return members | parts | {code}


def validate_period(period: str) -> str:
    if not isinstance(period, str) or period.strip().lower() not in PERIODS:
        raise SuasionError("E012", name="period", value=period, detail="expected month, quarter or year")
    return period.strip().lower()


def validate_modality(modality: str | Sequence[str]) -> frozenset[str]:
    """The modalities counted as events: one name, 'all', or a list; raises E012."""
    names = [modality] if isinstance(modality, str) else list(modality or ())
    chosen: set[str] = set()
    for name in names:
        value = name.strip().lower() if isinstance(name, str) else name
        if value == "all":
            chosen |= set(MODALITIES)
        elif value in MODALITIES:
            chosen.add(value)
        else:
            raise SuasionError("E012", name="modality", value=name,
                               detail="expected " + ", ".join(MODALITY_CHOICES))
    if not chosen:
        raise SuasionError("E012", name="modality", value=modality, detail="no modality given")
    return frozenset(chosen)


def validate_positive(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SuasionError("E012", name=name, value=value, detail="expected a positive integer")
    return value


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """First and last day included (YYYY-MM-DD) for YYYY, YYYY-MM or YYYY-MM-DD bounds; E011/E012."""
    chosen = EventFilter.of(since=since, until=until)
    return chosen.since, chosen.until


# -- events -------------------------------------------------------------------------------------

def load_events(source: Any, until: str | None = None) -> pa.Table:
    """The analysis columns of every event of a store (or a path to one), an Arrow table or a
    DataFrame, up to `until` (YYYY-MM-DD, inclusive) when given.

    Columns: REQUIRED_COLUMNS (a table may call `id` `event_id`) and OPTIONAL_COLUMNS, missing
    ones filled in: modality asserted, no context, quad and plover_score from the event type.
    """
    if isinstance(source, (str, Path)):
        with Store(source, read_only=True) as store:
            return load_events(store, until)
    if isinstance(source, Store):
        table = indicator_events(source, until=until)
    elif isinstance(source, pa.Table):
        table = source
    elif isinstance(source, pd.DataFrame):
        table = _from_pandas(source)
    else:
        raise SuasionError("E012", name="events source", value=type(source).__name__,
                           detail="expected a Store, a database path, an Arrow table or a DataFrame")
    if "id" not in table.column_names and "event_id" in table.column_names:
        table = table.append_column("id", table["event_id"])
    missing = [c for c in REQUIRED_COLUMNS if c not in table.column_names]
    if missing:
        raise SuasionError("E012", name="events table", value=sorted(table.column_names),
                           detail=f"missing column(s) {', '.join(missing)}")
    columns: dict[str, pa.Array | pa.ChunkedArray] = {
        name: table[name].cast(pa.string()) for name in REQUIRED_COLUMNS}
    for name, kind in OPTIONAL_COLUMNS.items():
        if name in table.column_names:
            columns[name] = table[name].cast(kind)
        else:
            columns[name] = pa.nulls(table.num_rows, kind)
    columns["modality"] = pc.fill_null(columns["modality"], "asserted")
    columns["event_type"] = pc.utf8_upper(columns["event_type"])
    _fill_from_type(columns)
    events = pa.table(columns)
    if until is not None:
        events = events.filter(pc.less_equal(filed_day(events, "day"), until))
    return events


def _from_pandas(frame: pd.DataFrame) -> pa.Table:
    data = frame.copy()
    if "context" in data.columns:
        data["context"] = [_context_list(v) for v in data["context"]]
    for name in ("quad",):
        if name in data.columns:
            data[name] = pd.to_numeric(data[name], errors="coerce").astype("Int32")
    for name in ("plover_score",):
        if name in data.columns:
            data[name] = pd.to_numeric(data[name], errors="coerce")
    return pa.Table.from_pandas(data, preserve_index=False)


def _context_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [part for part in re.split(r"[;,|]", value) if part]
    return [str(v) for v in value]


def _fill_from_type(columns: dict[str, Any]) -> None:
    """quad and plover_score from the PLOVER type where the table has none."""
    types = codes.plover_types()
    keys = pa.array(list(PLOVER_TYPES))
    position = pc.index_in(columns["event_type"], value_set=keys)
    quads = pa.array([int(types[t]["quad"]) for t in PLOVER_TYPES], pa.int32())
    scores = pa.array([float(types[t]["plover_score"]) for t in PLOVER_TYPES], pa.float64())
    columns["quad"] = pc.coalesce(columns["quad"], pc.take(quads, position))
    columns["plover_score"] = pc.coalesce(columns["plover_score"], pc.take(scores, position))


def filed_day(events: pa.Table, period: str) -> pa.ChunkedArray:
    """The day (YYYY-MM-DD) each event is filed under for `period` (or 'day' for date filters).

    Its own date, else its first publication date; a partial date stands for the first day of
    its month or year, as the store's filters read it. A year-only date is too coarse for months
    and quarters: when the event was first published within that year, it is filed under the
    publication day instead of January.
    """
    date, seen = events["date"], events["first_seen"]
    chosen = pc.coalesce(date, seen)
    length = pc.utf8_length(chosen)
    padded = pc.if_else(pc.equal(length, 4), pc.binary_join_element_wise(chosen, "01-01", "-"),
                        pc.if_else(pc.equal(length, 7), pc.binary_join_element_wise(chosen, "01", "-"),
                                   pc.utf8_slice_codeunits(chosen, 0, 10)))
    if period in ("month", "quarter"):
        year_only = pc.fill_null(pc.equal(pc.utf8_length(date), 4), False)
        same_year = pc.fill_null(pc.equal(pc.utf8_slice_codeunits(seen, 0, 4), date), False)
        use_seen = pc.and_(pc.and_(year_only, same_year), pc.equal(pc.utf8_length(seen), 10))
        padded = pc.if_else(pc.fill_null(use_seen, False), seen, padded)
    return padded


def month_index(days: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """year * 12 + month - 1 of YYYY-MM-DD strings; -1 where undated or malformed."""
    if len(days) == 0:
        return np.zeros(0, dtype=np.int64)
    wellformed = pc.fill_null(pc.match_substring_regex(days, r"^\d{4}-(0[1-9]|1[0-2])-\d{2}$"), False)
    days = pc.if_else(wellformed, days, "0000-00-00")
    year = pc.cast(pc.utf8_slice_codeunits(days, 0, 4), pa.int64())
    month = pc.cast(pc.utf8_slice_codeunits(days, 5, 7), pa.int64())
    index = pc.if_else(wellformed, pc.add(pc.multiply(year, 12), pc.subtract(month, 1)), -1)
    return np.asarray(index.to_numpy(zero_copy_only=False), dtype=np.int64)


def period_index(months: np.ndarray, period: str) -> np.ndarray:
    return months // _PERIOD_MONTHS[period]


def period_label(index: int, period: str) -> str:
    if period == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if period == "quarter":
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{index:04d}"


def period_start(index: int, period: str) -> str:
    first_month = index * _PERIOD_MONTHS[period]
    return f"{first_month // 12:04d}-{first_month % 12 + 1:02d}-01"


def period_of_day(day: str, period: str) -> int:
    return period_index(np.array([int(day[:4]) * 12 + int(day[5:7]) - 1]), period)[0]


def filter_dates(frame: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    """Rows of an events DataFrame whose filed day is within since..until (store semantics)."""
    first, last = date_bounds(since, until)
    if first is None and last is None:
        return frame
    days = pd.Series(filed_day(pa.table({
        "date": pa.array(frame["date"] if "date" in frame.columns else [None] * len(frame), pa.string()),
        "first_seen": pa.array(frame["first_seen"] if "first_seen" in frame.columns else [None] * len(frame),
                               pa.string()),
    }), "day").to_pandas(), index=frame.index)
    keep = days.notna()
    if first is not None:
        keep &= days >= first
    if last is not None:
        keep &= days <= last
    return frame[keep]
