"""Validated event and mention query filters and the parameterised WHERE clauses they become."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from suasion.model.dates import partial_date_period
from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")


def _filed_under(own_date: str, fallback: str) -> str:
    """SQL for the date a record is filed under: its own, else the fallback; a partial date
    counts as the first day of its period, so that comparing ISO strings orders it correctly."""
    chosen = f"coalesce({own_date}, {fallback})"
    return (f"(CASE length({chosen}) WHEN 4 THEN {chosen} || '-01-01' "
            f"WHEN 7 THEN {chosen} || '-01' ELSE {chosen} END)")


# A mention (alias m, its document d) falls back to its article's date; an event (alias e) to
# the publication date of its first mention.
MENTION_DATE_SQL = _filed_under("m.date", "left(d.date, 10)")
EVENT_DATE_SQL = _filed_under("e.date", "e.first_seen")
TARGETS = ("events", "mentions")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Normalised filters for event queries; build it with `EventFilter.of(...)` to validate."""

    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    modality: str | None = None
    since: str | None = None  # first day included, YYYY-MM-DD
    until: str | None = None  # last day included, YYYY-MM-DD
    doc_id: str | None = None
    limit: int | None = None

    @classmethod
    def of(cls, actor: str | None = None, recipient: str | None = None,
           event_type: str | None = None, modality: str | None = None,
           since: str | None = None, until: str | None = None,
           doc_id: str | None = None, limit: int | None = None) -> EventFilter:
        """Check and normalise user-supplied filters; raises SuasionError (E011/E012)."""
        since_day = _period(since)[0] if since is not None else None
        until_day = _period(until)[1] if until is not None else None
        if since_day and until_day and since_day > until_day:
            raise SuasionError("E012", name="since/until", value=f"{since}..{until}",
                               detail="since is after until")
        if event_type is not None:
            event_type = event_type.strip().upper()
            if event_type not in PLOVER_TYPES:
                raise SuasionError("E012", name="event_type", value=event_type,
                                   detail="expected a PLOVER type such as CONSULT")
        if modality is not None:
            modality = modality.strip().lower()
            if modality not in MODALITIES:
                raise SuasionError("E012", name="modality", value=modality,
                                   detail=f"expected one of {', '.join(MODALITIES)}")
        if doc_id is not None and not doc_id:
            raise SuasionError("E012", name="doc_id", value=doc_id, detail="empty")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise SuasionError("E012", name="limit", value=limit, detail="expected a positive integer")
        return cls(actor=_code(actor, "actor"), recipient=_code(recipient, "recipient"),
                   event_type=event_type, modality=modality, since=since_day, until=until_day,
                   doc_id=doc_id, limit=limit)

    def where(self, target: str = "events") -> tuple[str, list[Any]]:
        """A WHERE clause with `?` placeholders, over `events e` or `mentions m LEFT JOIN documents d`.

        For events, `doc_id` keeps the events that have a mention in that document.
        """
        if target not in TARGETS:
            raise ValueError(f"unknown filter target {target!r}")
        alias = "e" if target == "events" else "m"
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("actor_code", self.actor), ("recipient_code", self.recipient),
                              ("event_type", self.event_type), ("modality", self.modality)):
            if value is not None:
                clauses.append(f"{alias}.{column} = ?")
                params.append(value)
        if self.doc_id is not None:
            clauses.append("e.event_id IN (SELECT event_id FROM mentions WHERE doc_id = ?)"
                           if target == "events" else "m.doc_id = ?")
            params.append(self.doc_id)
        filed_under = EVENT_DATE_SQL if target == "events" else MENTION_DATE_SQL
        if self.since is not None:
            clauses.append(f"{filed_under} >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{filed_under} <= ?")
            params.append(self.until)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _code(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not _CODE_RE.match(code):
        raise SuasionError("E012", name=name, value=value,
                           detail="expected an actor code such as RUS, BRA or NATO")
    return code


def _period(value: str) -> tuple[str, str]:
    """First and last day of the period a YYYY, YYYY-MM or YYYY-MM-DD value names."""
    period = partial_date_period(value.strip() if isinstance(value, str) else value)
    if period is None:
        raise SuasionError("E011", value=value)
    return period[0].isoformat(), period[1].isoformat()
