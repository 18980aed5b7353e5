"""The numbers behind every page and endpoint: per-country power scores, timelines, levers, evidence.

Each call opens the store read-only for its own duration (so ingest can write between requests)
and results are cached per database file, keyed by the file's size and modification time, so
a changed store is never answered from an old cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from suasion import analyze
from suasion.analyze.indicators import influence_parts
from suasion.analyze.levers import assign_levers, lever_book
from suasion.model.errors import SuasionError
from suasion.store import EventFilter, Store
from suasion.store import aggregates
from suasion.serve.geography import DEFAULT_POWERS, actor_name, countries, regions

SCORE_METHOD = ("influence score as suasion.analyze defines it, over the whole period: "
                "50 x (balance + cooperative share), from -50 to 100. Each asserted event between the power and "
                "the country weighs its PLOVER cooperation-conflict score times the weight of its lever and of its "
                "direction (levers.yaml); balance = (cooperative - conflictual weight) / (both + prior); "
                "cooperative share = the power's cooperative weight / (all listed powers' + prior). "
                "The leading power has the highest positive score.")
COUNTED_MODALITIES: tuple[str, ...] = ("asserted",)
_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class Period:
    since: str | None = None
    until: str | None = None


class Dashboard:
    """Read-only answers over one store file."""

    def __init__(self, db_path: str | Path, powers: Sequence[str] = DEFAULT_POWERS,
                 cache_size: int = 256) -> None:
        self.db_path = Path(db_path)
        self.powers = tuple(powers)
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        with self._open():  # fail at start-up, not on the first request, when the file is wrong
            pass

    # -- plumbing -----------------------------------------------------------------------------

    def _open(self) -> Store:
        return Store(self.db_path, read_only=True)

    def _stamp(self) -> tuple[int, int]:
        try:
            stat = self.db_path.stat()
        except OSError as exc:
            raise SuasionError("E014", detail=f"cannot read {self.db_path}: {exc.strerror}") from exc
        wal = self.db_path.with_name(self.db_path.name + ".wal")
        wal_stamp = wal.stat().st_mtime_ns if wal.exists() else 0
        return stat.st_mtime_ns + wal_stamp, stat.st_size

    def _cached(self, key: tuple[Any, ...], compute: Callable[[Store], Any]) -> Any:
        full_key = (*key, self._stamp())
        with self._lock:
            if full_key in self._cache:
                self._cache.move_to_end(full_key)
                return self._cache[full_key]
        with self._open() as store:
            value = compute(store)
        with self._lock:
            self._cache[full_key] = value
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return value

    # -- answers ------------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        def compute(store: Store) -> dict[str, Any]:
            return {"counts": store.counts(), "span": aggregates.event_span(store)}
        return self._cached(("meta",), compute)

    def overview(self, region_key: str, powers: Sequence[str], period: Period) -> dict[str, Any]:
        """Every member country of the region with each power's score and counts."""
        region = regions()[region_key]
        members = [code for code in region.members if code in countries()]

        def compute(store: Store) -> list[dict[str, Any]]:
            groups = aggregates.dyad_groups(store, powers, members, COUNTED_MODALITIES, period.since, period.until)
            return dyad_totals(groups)

        rows = self._cached(("overview", region_key, tuple(powers), period), compute)
        by_country: dict[str, dict[str, dict[str, Any]]] = {}
        for row in rows:
            by_country.setdefault(row["country"], {})[row["power"]] = row
        items = [_country_item(code, powers, by_country.get(code, {})) for code in members]
        items.sort(key=lambda item: (-item["total_events"], item["name"]))
        return {"region": region, "members": members, "countries": items}

    def country(self, code: str, powers: Sequence[str], period: Period, limit: int = 15) -> dict[str, Any]:
        """The powers competing over one country: scores, monthly series, levers, latest events."""
        def compute(store: Store) -> tuple[list, list, list, int, pa.Table]:
            groups, monthly, total, page = _country_reads(store, powers, powers, code, period, limit)
            return dyad_totals(groups), dyad_months(monthly), dyad_levers(groups), total, page

        totals, months, levers, total, page = self._cached(("country", code, tuple(powers), period, limit),
                                                           compute)
        item = _country_item(code, powers, {row["power"]: row for row in totals})
        return {**item, "timeline": months, "levers": levers, "events_total": total,
                "events": [event_item(row) for row in page.to_pylist()]}

    def dyad(self, power: str, code: str, period: Period, limit: int) -> dict[str, Any]:
        """One power and one country: summary, monthly series, levers and the latest events.
        The score is the power's among the server's powers (its cooperative share needs them)."""
        rivals = tuple(dict.fromkeys([*self.powers, power]))

        def compute(store: Store) -> tuple[list, list, list, int, pa.Table]:
            groups, monthly, total, page = _country_reads(store, rivals, [power], code, period, limit)
            own = groups.filter(pc.equal(groups["power"], power))
            return (dyad_totals(groups), dyad_months(monthly), dyad_levers(own), total, page,
                    dyad_developments(store, power, code, period))

        totals, months, levers, total, page, developments = self._cached(("dyad", power, code, period, limit),
                                                                           compute)
        row = next((r for r in totals if r["power"] == power), None)
        summary = _power_item(power, row, _sum_events(totals))
        return {"power": power, "country": code, "summary": summary,
                "timeline": [m for m in months if m["power"] == power], "levers": levers,
                "events_total": total, "events": [event_item(row) for row in page.to_pylist()],
                **developments}

    def search(self, filters: dict[str, Any], text: str | None, order: str, limit: int,
               offset: int) -> tuple[int, pa.Table]:
        """(total, page as an Arrow table with the columns of Store.events_table)."""
        event_filter = EventFilter.of(**filters, limit=limit)

        def compute(store: Store) -> tuple[int, pa.Table]:
            return aggregates.search_events(store, event_filter, text=text, order=order, offset=offset)

        return self._cached(("search", event_filter, text, order, offset), compute)

    def timeline_table(self, powers: Sequence[str], codes: Sequence[str], period: Period) -> pa.Table:
        """One row per (country, power, month) with the monthly counts and score."""
        def compute(store: Store) -> list[dict[str, Any]]:
            monthly = aggregates.dyad_groups(store, powers, codes, COUNTED_MODALITIES, period.since,
                                             period.until, monthly=True)
            return dyad_months(monthly)
        rows = self._cached(("months", tuple(powers), tuple(codes), period), compute)
        return pa.Table.from_pylist(rows, schema=TIMELINE_SCHEMA)

    def evidence(self, event_id: str, limit: int = 200) -> dict[str, Any] | None:
        """An event, its representative mention's evidence and every mention with its source."""
        def compute(store: Store) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
            row = aggregates.event_row(store, event_id)
            return row, (aggregates.event_mentions(store, event_id, limit) if row else [])

        row, mentions = self._cached(("evidence", event_id, limit), compute)
        if row is None:
            return None
        items = [mention_item(m, m["mention_id"] == row["representative_id"]) for m in mentions]
        items.sort(key=lambda m: not m["representative"])
        return {"event": event_item(row), "mentions": items, "mentions_total": row["n_mentions"]}


def _country_reads(store: Store, powers: Sequence[str], listed: Sequence[str], code: str, period: Period,
                   limit: int) -> tuple[pa.Table, pa.Table, int, pa.Table]:
    """The counted events between `powers` and one country over the period, in total and per
    month, and the total and latest page of the events between `listed` powers and the country."""
    args = (COUNTED_MODALITIES, period.since, period.until)
    groups = aggregates.dyad_groups(store, powers, [code], *args)
    monthly = aggregates.dyad_groups(store, powers, [code], *args, monthly=True)
    total, page = aggregates.search_events(
        store, EventFilter.of(since=period.since, until=period.until, limit=limit), between=(listed, [code]))
    return groups, monthly, total, page


TIMELINE_SCHEMA = pa.schema([
    ("country", pa.string()), ("power", pa.string()), ("month", pa.string()), ("events", pa.int64()),
    ("cooperative", pa.int64()), ("conflictual", pa.int64()), ("outgoing", pa.int64()),
    ("incoming", pa.int64()), ("score", pa.float64()), ("score_sum", pa.float64()),
])


MOMENTUM_MONTHS = 3


def dyad_developments(store: Store, power: str, code: str, period: Period) -> dict[str, Any]:
    """suasion.analyze's momentum (the last MOMENTUM_MONTHS months with events against the
    months before) and novelty (contacts after a long gap, sentences stating a first) for one
    dyad, computed over its events up to the end of the period (history before it counts)."""
    events = pa.concat_tables([store.events_table(actor=power, recipient=code, until=period.until),
                               store.events_table(actor=code, recipient=power, until=period.until)])
    options = dict(powers=[power], countries=[code], since=period.since, until=period.until, period="month")
    momentum_rows = analyze.momentum(events, window=MOMENTUM_MONTHS, **options)
    momentum = None
    if len(momentum_rows):
        last = _plain(momentum_rows.drop(columns=["event_ids", "previous_event_ids"]).tail(1))[0]
        momentum = {"period": last["period"], "window": last["window"], "current": last["current"],
                    "previous": last["previous"], "difference": last["momentum_diff"],
                    "ratio": last["momentum_ratio"]}
    novelty_rows = _plain(analyze.novelty(events, **options))
    novelty = [{"period": row["period"], "novel_contact": bool(row["novel_contact"]),
                "gap_months": row["gap_months"], "last_contact": row["last_contact"],
                "first_in_history": bool(row["first_in_history"]), "cue": row["cue"],
                "event_id": row["evidence_event_id"], "sentence": row["evidence_sentence"]}
               for row in reversed(novelty_rows)]
    return {"momentum": momentum, "novelty": novelty}


# -- weighing grouped events ----------------------------------------------------------------------

def weigh(groups: pa.Table) -> pd.DataFrame:
    """The grouped dyad events with their lever, cooperative and conflictual weights and counts."""
    book = lever_book()
    # The context lists only decide the lever: pandas need not see them.
    frame = groups.drop_columns(["context"]).to_pandas()
    if frame.empty:
        return frame.assign(lever=pd.Series(dtype=str), coop_weight=pd.Series(dtype=float),
                            conflict_weight=pd.Series(dtype=float))
    lever_index = assign_levers(groups["event_type"], groups["mode"], groups["context"])
    lever_weight = np.array([book.lever_weights[name] for name in book.levers])[lever_index]
    undirected = frame["event_type"].isin(book.undirected_types).to_numpy()
    outbound = (frame["direction"] == "out").to_numpy() | undirected
    weight = lever_weight * np.where(outbound, book.direction_weights["outbound"],
                                     book.direction_weights["inbound"])
    frame["lever"] = np.array(book.levers, dtype=object)[lever_index]
    frame["coop_weight"] = frame["positive_sum"].fillna(0.0).to_numpy() * weight
    frame["conflict_weight"] = -frame["negative_sum"].fillna(0.0).to_numpy() * weight
    frame["outgoing"] = np.where(frame["direction"] == "out", frame["events"], 0)
    frame["incoming"] = np.where(frame["direction"] == "in", frame["events"], 0)
    quad = frame["quad"].fillna(0)
    frame["cooperative"] = np.where(quad.isin([1, 2]), frame["events"], 0)
    frame["conflictual"] = np.where(quad.isin([3, 4]), frame["events"], 0)
    frame["material"] = np.where(quad.isin([2, 4]), frame["events"], 0)
    return frame


def with_influence(table: pd.DataFrame, cell: list[str]) -> pd.DataFrame:
    """Adds balance, great_power_coop_weight, coop_weight_share and `score` (the influence) to
    per-power rows, the great powers' total being taken over the rows of each `cell`."""
    parts = influence_parts(table, cell, lever_book().prior)
    score = parts.pop("influence").round(3)
    return table.assign(**parts, score=score)


_SUMMED = ["events", "outgoing", "incoming", "cooperative", "conflictual", "material", "sources",
           "coop_weight", "conflict_weight", "score_sum"]


def dyad_totals(groups: pa.Table) -> list[dict[str, Any]]:
    """Per (power, country): counts, weights, influence score, first and last date."""
    frame = weigh(groups)
    if frame.empty:
        return []
    summed = frame.groupby(["power", "country"], as_index=False).agg(
        **{name: (name, "sum") for name in _SUMMED}, first_date=("first_date", "min"),
        last_date=("last_date", "max"))
    return _plain(with_influence(summed, ["country"]))


def dyad_months(groups: pa.Table) -> list[dict[str, Any]]:
    """Per (country, power, month): counts and influence score, in month order."""
    frame = weigh(groups)
    if frame.empty:
        return []
    summed = frame.groupby(["country", "power", "month"], as_index=False)[
        ["events", "cooperative", "conflictual", "outgoing", "incoming", "coop_weight", "conflict_weight",
         "score_sum"]].sum()
    summed = with_influence(summed, ["country", "month"])
    summed["score_sum"] = summed["score_sum"].round(3)
    return _plain(summed.sort_values(["country", "power", "month"]))


def dyad_levers(groups: pa.Table) -> list[dict[str, Any]]:
    """What each power does to the country (direction out): events and score per lever (as
    suasion.analyze assigns levers) and per event type, with shares of the power's events."""
    frame = weigh(groups)
    frame = frame[frame["direction"] == "out"] if not frame.empty else frame
    if frame.empty:
        return []
    labels = lever_book().labels
    out: list[dict[str, Any]] = []
    for kind, column in (("lever", "lever"), ("event_type", "event_type")):
        summed = frame.groupby(["power", column], as_index=False)[
            ["events", "coop_weight", "conflict_weight", "score_sum"]].sum()
        totals = summed.groupby("power")["events"].transform("sum")
        summed["share"] = (summed["events"] / totals).round(4)
        summed = summed.sort_values(["power", "events", column], ascending=[True, False, True])
        for row in _plain(summed):
            out.append({"power": row["power"], "kind": kind,
                        "lever": labels.get(row[column], row[column]) if kind == "lever" else row[column],
                        "events": row["events"], "share": row["share"],
                        "coop_weight": round(row["coop_weight"], 3),
                        "conflict_weight": round(row["conflict_weight"], 3),
                        "tone": round(row["score_sum"] / row["events"], 3) if row["events"] else None})
    return out


def _plain(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of python values (no numpy scalars, NaN as None)."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, np.generic):
                value = value.item()
            if isinstance(value, float) and value != value:
                value = None
            row[key] = value
    return rows


def _sum_events(rows: list[dict[str, Any]]) -> int:
    return sum(int(row["events"]) for row in rows)


def _power_item(power: str, row: dict[str, Any] | None, all_powers_events: int) -> dict[str, Any]:
    row = row or {}
    events = int(row.get("events") or 0)
    return {
        "power": power, "power_name": actor_name(power), "score": round(float(row.get("score") or 0.0), 3),
        "events": events, "outgoing": int(row.get("outgoing") or 0),
        "incoming": int(row.get("incoming") or 0), "cooperative": int(row.get("cooperative") or 0),
        "conflictual": int(row.get("conflictual") or 0), "material": int(row.get("material") or 0),
        "sources": int(row.get("sources") or 0),
        "coop_weight": round(float(row.get("coop_weight") or 0.0), 3),
        "conflict_weight": round(float(row.get("conflict_weight") or 0.0), 3),
        "share": round(events / all_powers_events, 4) if all_powers_events else 0.0,
        "tone": round(row["score_sum"] / events, 3) if events and row.get("score_sum") is not None else None,
        "first_date": row.get("first_date"), "last_date": row.get("last_date"),
    }


def _country_item(code: str, powers: Sequence[str], rows: dict[str, dict[str, Any]]) -> dict[str, Any]:
    total = _sum_events(list(rows.values()))
    scores = [_power_item(power, rows.get(power), total) for power in powers]
    ranked = sorted((item for item in scores if item["score"] > 0), key=lambda item: -item["score"])
    tie = len(ranked) > 1 and ranked[0]["score"] == ranked[1]["score"]
    country = countries().get(code)
    return {"code": code, "name": country.name if country else actor_name(code),
            "iso2": country.iso2 if country else None, "total_events": total,
            "leading_power": ranked[0]["power"] if ranked and not tie else None, "powers": scores}


def event_item(row: dict[str, Any]) -> dict[str, Any]:
    """An event as the API returns it (from a row of Store.events_table)."""
    filed = row.get("date") or row.get("first_seen")
    return {
        "id": row["id"], "date": row.get("date"), "date_precision": row.get("date_precision"),
        "filed_date": filed, "event_type": row["event_type"], "mode": row.get("mode"),
        "modality": row["modality"], "context": list(row.get("context") or []),
        "actor_code": row.get("actor_code"), "actor_name": row.get("actor_name") or actor_name(row.get("actor_code")),
        "actor_sector": row.get("actor_sector"), "actor_text": row.get("actor_text"),
        "recipient_code": row.get("recipient_code"),
        "recipient_name": row.get("recipient_name") or actor_name(row.get("recipient_code")),
        "recipient_sector": row.get("recipient_sector"), "recipient_text": row.get("recipient_text"),
        "quad": row.get("quad"), "goldstein": row.get("goldstein"), "plover_score": row.get("plover_score"),
        "cameo": row.get("cameo"), "confidence": row.get("confidence"), "sentence": row.get("sentence") or "",
        "doc_id": row.get("doc_id"), "n_mentions": row.get("n_mentions") or 0,
        "n_sources": row.get("n_sources") or 0, "first_seen": row.get("first_seen"),
        "last_seen": row.get("last_seen"),
    }


def mention_item(row: dict[str, Any], representative: bool) -> dict[str, Any]:
    """A mention with its source and the paragraph around its sentence."""
    paragraph = paragraph_around(row.get("window") or "", int(row.get("window_start") or 0),
                                 int(row["char_start"]), int(row["char_end"]), row.get("sentence") or "")
    url = row.get("url")
    return {
        "mention_id": row["mention_id"], "doc_id": row["doc_id"], "representative": representative,
        "sentence": row.get("sentence") or "", **paragraph,
        "source": row.get("source"), "title": row.get("title"),
        "url": url if isinstance(url, str) and url.lower().startswith(_URL_SCHEMES) else None,
        "published": row.get("published"), "language": row.get("language"),
        "syndication_key": row.get("syndication_key"), "modality": row.get("modality"),
        "event_type": row.get("event_type"), "actor_text": row.get("actor_text"),
        "recipient_text": row.get("recipient_text"), "date": row.get("date"),
        "confidence": row.get("confidence"),
    }


def paragraph_around(window: str, window_start: int, char_start: int, char_end: int,
                     sentence: str) -> dict[str, Any]:
    """The paragraph (text between line breaks) holding the sentence, with the sentence's
    offsets inside it; when the stored offsets do not point at the sentence, the sentence alone."""
    start, end = char_start - window_start, char_end - window_start
    if not (0 <= start <= end <= len(window)) or " ".join(window[start:end].split()) != " ".join(sentence.split()):
        return {"paragraph": sentence, "sentence_start": 0, "sentence_end": len(sentence),
                "truncated_before": False, "truncated_after": False, "offsets_matched": False}
    before = window.rfind("\n", 0, start)
    after = window.find("\n", end)
    truncated_before = before < 0 and window_start > 0
    # The window ends EVIDENCE_WINDOW characters after the sentence unless the document does.
    truncated_after = after < 0 and len(window) - end >= aggregates.EVIDENCE_WINDOW
    first = before + 1
    last = after if after >= 0 else len(window)
    raw = window[first:last]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return {"paragraph": text, "sentence_start": start - first - lead, "sentence_end": end - first - lead,
            "truncated_before": truncated_before, "truncated_after": truncated_after,
            "offsets_matched": True}
