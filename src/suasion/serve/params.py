"""Checks every value a request brings (codes, event types, modalities, dates, text) with clear messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from suasion.model.dates import is_partial_date
from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES
from suasion.serve.geography import regions
from suasion.serve.indicators import Period
from suasion.store import EventFilter

CODE_PATTERN = r"^[A-Z0-9]{2,8}$"
CODES_PATTERN = r"^[A-Z0-9]{2,8}(,[A-Z0-9]{2,8}){0,9}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EVENT_ID_PATTERN = r"^[A-Za-z0-9_.:~-]{1,100}$"
MAX_TEXT = 200
MAX_POWERS = 10

# What a good value looks like, per parameter: the second half of every 422 message.
HINTS: dict[str, str] = {
    "actor": "expected an actor code of 2-8 uppercase letters or digits, e.g. RUS",
    "recipient": "expected an actor code of 2-8 uppercase letters or digits, e.g. BRA",
    "code": "expected a country code of 2-8 uppercase letters or digits, e.g. VEN",
    "country": "expected a country code of 2-8 uppercase letters or digits, e.g. VEN",
    "power": "expected a power code of 2-8 uppercase letters or digits, e.g. CHN",
    "powers": f"expected up to {MAX_POWERS} comma-separated codes of 2-8 uppercase letters or digits, e.g. USA,CHN,RUS",
    "type": "expected a PLOVER event type: " + ", ".join(PLOVER_TYPES),
    "event_type": "expected a PLOVER event type: " + ", ".join(PLOVER_TYPES),
    "modality": "expected one of " + ", ".join(MODALITIES),
    "since": "expected a date YYYY, YYYY-MM or YYYY-MM-DD",
    "until": "expected a date YYYY, YYYY-MM or YYYY-MM-DD",
    "q": f"expected free text of 1-{MAX_TEXT} characters",
    "region": "expected a region key such as latin-america or africa",
    "event_id": "expected an event id such as ev_0123abcd",
    "limit": "expected a whole number within the allowed range",
    "offset": "expected a whole number of at least 0",
    "order": "expected newest, oldest or sources",
    "fmt": "expected csv or parquet",
}


class InvalidParameter(ValueError):
    """A request value that fails its check: answered with 422 and this message."""

    def __init__(self, name: str, value: Any, hint: str | None = None) -> None:
        self.name = name
        self.value = value
        self.hint = hint or HINTS.get(name, "invalid value")
        super().__init__(f"invalid value for {name}: {value!r} ({self.hint})")


def check_code(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not re.fullmatch(CODE_PATTERN, value):
        raise InvalidParameter(name, value)
    return value


def check_codes(name: str, value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None or value == "":
        return default
    if not re.fullmatch(CODES_PATTERN, value):
        raise InvalidParameter(name, value)
    return tuple(dict.fromkeys(value.split(",")))


def check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in choices:
        raise InvalidParameter(name, value)
    return value


def check_region(value: str | None, default: str) -> str:
    key = value or default
    if key not in regions():
        raise InvalidParameter("region", value, "expected one of " + ", ".join(regions()))
    return key


def check_text(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT or any(ord(ch) < 32 and ch not in "\t" for ch in value):
        raise InvalidParameter("q", value)
    return value.strip()


def check_event_id(value: str) -> str:
    if not re.fullmatch(EVENT_ID_PATTERN, value):
        raise InvalidParameter("event_id", value)
    return value


def check_period(since: str | None, until: str | None) -> Period:
    """A checked period; the store's own check catches impossible dates such as 2024-13."""
    for name, value in (("since", since), ("until", until)):
        if value not in (None, "") and not re.fullmatch(DATE_PATTERN, value):
            raise InvalidParameter(name, value)
    since, until = since or None, until or None
    try:
        EventFilter.of(since=since, until=until)
    except SuasionError as exc:
        bad = ("since" if since and not is_partial_date(since)
               else "until" if until and not is_partial_date(until) else "since")
        hint = "since is after until" if exc.code == "E012" else "not a calendar date"
        raise InvalidParameter(bad, since if bad == "since" else until, hint) from exc
    return Period(since=since, until=until)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The checked filters of an event search."""

    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    modality: str | None = None
    period: Period = Period()
    text: str | None = None

    @classmethod
    def of(cls, actor: str | None = None, recipient: str | None = None, type: str | None = None,  # noqa: A002
           modality: str | None = None, since: str | None = None, until: str | None = None,
           q: str | None = None) -> SearchFilters:
        return cls(actor=check_code("actor", actor), recipient=check_code("recipient", recipient),
                   event_type=check_choice("type", type, PLOVER_TYPES),
                   modality=check_choice("modality", modality, MODALITIES),
                   period=check_period(since, until), text=check_text(q))

    def store_filters(self) -> dict[str, Any]:
        return {"actor": self.actor, "recipient": self.recipient, "event_type": self.event_type,
                "modality": self.modality, "since": self.period.since, "until": self.period.until}

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (empty ones left out)."""
        values = {"actor": self.actor, "recipient": self.recipient, "type": self.event_type,
                  "modality": self.modality, "since": self.period.since, "until": self.period.until,
                  "q": self.text}
        return {k: v for k, v in values.items() if v}
