"""Looks up what exports print beside an actor code: ISO, CAMEO, COW and GW codes valid on a date, and names."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from suasion import codebooks
from suasion.model.dates import partial_date_period

COUNTRIES_FILE = "actors/countries.yaml"
ORGANISATIONS_FILE = "actors/organisations.yaml"
REGIONS_FILE = "actors/regions.yaml"

_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """The codes of one state for one date; cow/gw are None when it is not in that list then."""

    iso3: str
    iso2: str | None
    cameo: str | None
    cow: str | None
    gw: str | None


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    iso2: str | None
    cameo: str | None
    name: str
    cow: tuple[tuple[str, str, str | None], ...]  # (code, from, to) with to None while listed
    gw: tuple[tuple[str, str, str | None], ...]


def period(value: str | None) -> tuple[str, str] | None:
    """The first and last day (YYYY-MM-DD) of a YYYY, YYYY-MM or YYYY-MM-DD value, or of the one a
    longer text starts with (a timestamp); None when it is none."""
    match = _DATE_RE.match(value) if isinstance(value, str) else None
    span = partial_date_period(match.group(0)) if match else None
    return (span[0].isoformat(), span[1].isoformat()) if span else None


@functools.lru_cache(maxsize=65536)
def filed_day(date: str | None, fallback: str | None) -> str | None:
    """The day a record is filed under: the first day of its own date's period, else of the fallback
    (its publication date), as the store's date filters do."""
    for value in (date, fallback):
        span = period(value)
        if span:
            return span[0]
    return None


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, _Country]:
    table: dict[str, _Country] = {}
    for entry in codebooks.load(COUNTRIES_FILE):
        names = (entry.get("names") or {}).get("en") or [entry["iso3"]]
        table[entry["iso3"]] = _Country(
            iso3=entry["iso3"], iso2=_text(entry.get("iso2")), cameo=_text(entry.get("cameo")),
            name=str(names[0]),
            cow=tuple((str(p["code"]), str(p["from"]), _text(p.get("to"))) for p in entry.get("cow") or ()),
            gw=tuple((str(p["code"]), str(p["from"]), _text(p.get("to"))) for p in entry.get("gw") or ()))
    return table


@functools.lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    return {str(entry["code"]): _display_name((entry.get("names") or {}).get("en") or [entry["code"]])
            for entry in codebooks.load(ORGANISATIONS_FILE)}


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {str(entry["code"]): str(((entry.get("names") or {}).get("en") or [entry["code"]])[0])
            for entry in codebooks.load(REGIONS_FILE)}


def _display_name(names: list[Any]) -> str:
    # Organisations list their acronym first (NATO, EU); a written-out name reads better in a name column.
    for name in names:
        text = str(name)
        if " " in text and any(ch.islower() for ch in text):
            return text
    return str(names[0])


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def kind(code: str | None) -> str | None:
    """'country', 'organisation', 'region' or None (no code, or a code no codebook knows)."""
    if not code:
        return None
    if code in _countries():
        return "country"
    if code in _organisations():
        return "organisation"
    if code in _regions():
        return "region"
    return None


def name(code: str | None) -> str | None:
    """The English name of a country, organisation or region code."""
    if not code:
        return None
    country = _countries().get(code)
    if country:
        return country.name
    return _organisations().get(code) or _regions().get(code)


NO_CODES = (None, None, None, None, None)


@functools.lru_cache(maxsize=65536)
def code_columns(code: str | None, day: str | None) -> tuple[str | None, ...]:
    """`country_codes` as a tuple (iso3, iso2, cameo, cow, gw), all None for a non-state: the
    shape tidy tables consume column-wise."""
    found = country_codes(code, day)
    return (found.iso3, found.iso2, found.cameo, found.cow, found.gw) if found else NO_CODES


@functools.lru_cache(maxsize=65536)
def country_codes(code: str | None, day: str | None) -> CountryCodes | None:
    """The codes of a state (by its ISO3 actor code) on a day (YYYY-MM-DD, or a YYYY / YYYY-MM
    period); None for organisations, regions and unknown codes.

    COW and GW codes come from the membership period covering the day (the latest period touching a
    YYYY or YYYY-MM period); with no day at all, from the period still open, if any.
    """
    country = _countries().get(code) if code else None
    if country is None:
        return None
    span = period(day)
    return CountryCodes(iso3=country.iso3, iso2=country.iso2, cameo=country.cameo,
                        cow=_member_code(country.cow, span), gw=_member_code(country.gw, span))


def _member_code(periods: tuple[tuple[str, str, str | None], ...], span: tuple[str, str] | None) -> str | None:
    if span is None:
        return next((code for code, _start, end in periods if end is None), None)
    first, last = span
    touching = [(start, code) for code, start, end in periods if start <= last and (end is None or end >= first)]
    return max(touching)[1] if touching else None
