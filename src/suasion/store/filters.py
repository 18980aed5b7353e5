"""Validated event query filters and the parameterised WHERE clause they become."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as _date
from typing import Any

from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES

_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# The date an event is filed under: its own, else its article's; a partial date counts as
# the first day of its period so that string comparison on ISO dates orders it correctly.
EFFECTIVE_DATE_SQL = """(CASE length(coalesce(e.date, left(d.date, 10)))
    WHEN 4 THEN coalesce(e.date, left(d.date, 10)) || '-01-01'
    WHEN 7 THEN coalesce(e.date, left(d.date, 10)) || '-01'
    ELSE coalesce(e.date, left(d.date, 10)) END)"""


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

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over `events e LEFT JOIN documents d` with `?` placeholders."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("e.actor_code", self.actor), ("e.recipient_code", self.recipient),
                              ("e.event_type", self.event_type), ("e.modality", self.modality),
                              ("e.doc_id", self.doc_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.since is not None:
            clauses.append(f"{EFFECTIVE_DATE_SQL} >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append(f"{EFFECTIVE_DATE_SQL} <= ?")
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
    match = _DATE_RE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise SuasionError("E011", value=value)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            first = last = _date(year, month, day)
        elif month is not None:
            first = _date(year, month, 1)
            last = _date(year, month, calendar.monthrange(year, month)[1])
        else:
            first, last = _date(year, 1, 1), _date(year, 12, 31)
    except ValueError as exc:
        raise SuasionError("E011", value=value) from exc
    return first.isoformat(), last.isoformat()
