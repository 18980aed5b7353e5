"""The actor knowledge base: countries, groups, organisations, people and titles, as loaded terms."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

from suasion.codebooks import ROOT as CODEBOOKS
from suasion.codebooks import DataLoader
from suasion.model.errors import SuasionError
from suasion.resolve.text import fold, fold_phrase

LANGUAGES = ("en", "es", "pt")
_LOADER = DataLoader

# Kinds of term, and whether a match must be capitalised in the text to count.
NAME_KINDS = {"country", "capital", "seat", "region", "org", "person", "entity"}


@dataclass(frozen=True, slots=True)
class Term:
    """One meaning of a phrase: what kind of actor word it is and what it points to."""

    kind: str  # country demonym capital seat region region_demonym org person entity title sector former honorific
    code: str | None = None
    sector: str | None = None
    ref: str | None = None  # person id or role key
    lang: str | None = None
    cased: bool = False  # must start with a capital letter in the text
    exact_case: bool = False  # an acronym (WHO, US, EU): must be written in capitals


@dataclass(slots=True)
class Role:
    role: str
    sector: str
    start: str | None
    end: str | None
    to: str | None = None
    country: str | None = None  # when the role is held for another state or an organisation

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    country: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    sector_before: str | None = None

    def roles_on(self, day: str) -> list[Role]:
        return [r for r in self.roles if r.holds_on(day)]

    def sector_on(self, day: str | None) -> str:
        """The PLOVER sector of the person on a day: their role then, ELI after office, else UNK."""
        if day is None:
            current = [r for r in self.roles if r.end is None]
            return current[0].sector if current else (self.roles[-1].sector if self.roles else "UNK")
        active = self.roles_on(day)
        if active:
            return _most_senior(active).sector
        if any(r.end is not None and r.end <= day and r.sector in ("GOV", "MIL") for r in self.roles):
            return "ELI"
        return self.sector_before or "UNK"

    def country_on(self, day: str | None) -> str:
        """The code a person acts for on a day: their role's state or organisation, else their own."""
        role = self.role_on(day)
        if role is None and day is not None:
            past = [r for r in self.roles if r.start and r.start <= day]
            role = past[-1] if past else None
        return role.country if role is not None and role.country else self.country

    def role_on(self, day: str | None) -> Role | None:
        active = self.roles_on(day) if day else [r for r in self.roles if r.end is None]
        return _most_senior(active) if active else None


ROLE_RANK = ("head_of_state", "head_of_government", "vice_president", "org_head", "foreign_minister",
             "defence_minister")


def _most_senior(roles: list[Role]) -> Role:
    return min(roles, key=lambda r: ROLE_RANK.index(r.role) if r.role in ROLE_RANK else len(ROLE_RANK))


def day_of(date: str | None) -> str | None:
    """A comparable day for a possibly partial date (a month counts from its middle)."""
    if not date:
        return None
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date[:10]


def _as_date(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:10]


class Knowledge:
    """All actor terms keyed by folded token sequence, plus people and role holders."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, ...], list[Term]] = defaultdict(list)
        self.first_tokens: dict[str, int] = {}  # first token -> longest phrase length starting there
        self.countries: dict[str, dict[str, Any]] = {}
        self.regions: dict[str, dict[str, Any]] = {}
        self.organisations: dict[str, dict[str, Any]] = {}
        self.people: dict[str, Person] = {}
        self.role_sectors: dict[str, str] = {}
        self.holders: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self.sources: list[str] = []

    # -- building ---------------------------------------------------------------------------
    def add_term(self, phrase: str, term: Term) -> None:
        key = fold_phrase(phrase)
        if not key:
            return
        letters = [ch for ch in phrase if ch.isalpha()]
        # An acronym must be written in capitals: two or three letters (WHO, US), or a person's
        # initials used as a name (AMLO, CFK), which would otherwise read as a shouted heading.
        longest = 5 if term.kind == "person" else 3
        if term.cased and 2 <= len(letters) <= longest and all(ch.isupper() for ch in letters):
            term = replace(term, exact_case=True)
        bucket = self.terms[key]
        if term not in bucket:
            bucket.append(term)
        if len(key) > self.first_tokens.get(key[0], 0):
            self.first_tokens[key[0]] = len(key)

    def add_terms(self, phrases: Any, term: Term) -> None:
        """Every phrase of a list, a {lang: [phrases]} mapping or a single phrase, with one meaning."""
        for _, phrase in _per_language(phrases):
            self.add_term(phrase, term)

    def add_person(self, person: Person) -> None:
        self.people[person.id] = person
        term = Term("person", person.country, None, person.id, None, True)
        for alias in (person.name, *person.aliases):
            self.add_term(alias, term)
        for role in person.roles:
            holders = self.holders[(role.country or person.country, role.role)]
            if person not in holders:
                holders.append(person)

    def state_on(self, code: str, date: str | None) -> str:
        """The state a place belonged to on a date: Juba is Sudan's before South Sudan's independence."""
        if date:
            for period in (self.countries.get(code) or {}).get("part_of") or ():
                if date < str(period["until"]):
                    return str(period["code"])
        return code

    def role_holders(self, country: str, role: str, date: str | None) -> list[Person]:
        day = day_of(date)
        found = []
        for person in self.holders.get((country, role), ()):
            if any(r.role == role and (day is None and r.end is None or day and r.holds_on(day))
                   for r in person.roles):
                found.append(person)
        return found

    def lookup(self, phrase: str) -> list[Term]:
        return list(self.terms.get(fold_phrase(phrase), ()))


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise SuasionError("E015", path=str(path), detail=str(exc)) from exc


def _per_language(value: Any) -> Iterable[tuple[str | None, str]]:
    """Yield (language, phrase) from either a list or a {lang: [phrases]} mapping."""
    if isinstance(value, dict):
        for lang, phrases in value.items():
            for phrase in phrases or ():
                yield lang, str(phrase)
    elif isinstance(value, list):
        for phrase in value:
            yield None, str(phrase)
    elif isinstance(value, str):
        yield None, value


def _lowercase_language(lang: str | None) -> bool:
    return lang in ("es", "pt", "fr", "it")


def _add_demonyms(kb: Knowledge, phrases: Any, kind: str, code: str) -> None:
    for lang, name in _per_language(phrases):
        # es/pt demonyms are written in lower case ("ruso", "brasileiro").
        kb.add_term(name, Term(kind, code, None, lang=lang, cased=not _lowercase_language(lang)))


def load_countries(kb: Knowledge, data: list[dict[str, Any]]) -> None:
    for entry in data or ():
        code = str(entry["iso3"])
        kb.countries[code] = entry
        kb.add_terms(entry.get("names"), Term("country", code, "GOV", cased=True))
        _add_demonyms(kb, entry.get("demonyms"), "demonym", code)
        kb.add_terms(entry.get("capitals"), Term("capital", code, "GOV", cased=True))
        # Cities and regions inside the state code like its capital: the place of an act, or a metonym.
        kb.add_terms(entry.get("places"), Term("capital", code, None, cased=True))
        for seat in entry.get("seats") or ():
            sector = seat.get("sector", "GOV") if isinstance(seat, dict) else "GOV"
            names = seat.get("names") if isinstance(seat, dict) else [seat]
            kb.add_terms(names, Term("seat", code, sector, cased=True))


def load_regions(kb: Knowledge, data: list[dict[str, Any]]) -> None:
    for entry in data or ():
        code = str(entry["code"])
        kb.regions[code] = entry
        kb.add_terms(entry.get("names"), Term("region", code, None, cased=True))
        _add_demonyms(kb, entry.get("demonyms"), "region_demonym", code)


def load_organisations(kb: Knowledge, data: list[dict[str, Any]]) -> None:
    for entry in data or ():
        code = str(entry["code"])
        kb.organisations[code] = entry
        term = Term("org", code, "IGO", cased=True)
        kb.add_terms(entry.get("names"), term)
        for body in entry.get("bodies") or ():
            kb.add_terms(body.get("names", body) if isinstance(body, dict) else [body], term)


def load_entities(kb: Knowledge, data: list[dict[str, Any]]) -> None:
    """Named bodies that are not states or IGOs: media outlets, companies, armed groups."""
    for entry in data or ():
        if entry.get("not_actor"):
            # Names that look like actors but are things ("Sputnik V" is a vaccine).
            term = Term("nonactor", None, None, entry.get("name"), cased=True)
        else:
            term = Term("entity", str(entry["country"]) if entry.get("country") else None,
                        entry.get("sector", "UNK"), entry.get("name"), cased=True)
        kb.add_terms([entry["name"], *(entry.get("aliases") or [])], term)


def load_people(kb: Knowledge, data: list[dict[str, Any]], source: str) -> None:
    for entry in data or ():
        roles = []
        for raw in entry.get("roles") or ():
            role_key = str(raw["role"])
            sector = raw.get("sector") or kb.role_sectors.get(role_key, "GOV")
            roles.append(Role(role_key, sector, _as_date(raw.get("start")), _as_date(raw.get("end")),
                              raw.get("to"), raw.get("country")))
        roles.sort(key=lambda r: r.start or "")
        person = Person(str(entry["id"]), str(entry["name"]), str(entry["country"]),
                        [str(a) for a in entry.get("aliases") or ()], roles, entry.get("sector_before"))
        if person.id in kb.people:
            raise SuasionError("E015", path=source, detail=f"duplicate person id {person.id!r}")
        kb.add_person(person)


def load_titles(kb: Knowledge, data: dict[str, Any]) -> None:
    for role_key, spec in (data.get("roles") or {}).items():
        sector = spec.get("sector", "GOV")
        kb.role_sectors[role_key] = sector
        for lang in spec:
            if lang in ("sector", "note"):
                continue
            for phrase in spec[lang] or ():
                kb.add_term(str(phrase), Term("title", None, sector, role_key, lang))
    for sector, per_lang in (data.get("sectors") or {}).items():
        for lang, phrase in _per_language(per_lang):
            kb.add_term(phrase, Term("sector", None, sector, None, lang))
    for lang, phrase in _per_language(data.get("former")):
        kb.add_term(phrase, Term("former", None, "ELI", None, lang))
    for lang, phrase in _per_language(data.get("honorifics")):
        kb.add_term(phrase, Term("honorific", None, None, None, lang))


def build_knowledge(extra_files: Iterable[Path] = ()) -> Knowledge:
    """Load every actor codebook (and user files) into a fresh Knowledge."""
    base = CODEBOOKS / "actors"
    kb = Knowledge()
    titles = base / "titles.yaml"
    if titles.exists():
        load_titles(kb, _read_yaml(titles) or {})
    for name, loader in (("countries.yaml", load_countries), ("regions.yaml", load_regions),
                         ("organisations.yaml", load_organisations), ("entities.yaml", load_entities)):
        file = base / name
        if file.exists():
            loader(kb, _read_yaml(file))
            kb.sources.append(str(file))
    for file in sorted((base / "people").glob("*.yaml")) if (base / "people").exists() else ():
        load_people(kb, _read_yaml(file), str(file))
        kb.sources.append(str(file))
    for file in extra_files:
        from suasion.resolve.user_actors import load_user_file

        load_user_file(kb, Path(file))
        kb.sources.append(str(file))
    return kb


@functools.lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The shipped knowledge base plus the user's actor files, loaded once per process (read-only afterwards)."""
    from suasion.resolve.user_actors import user_actor_files

    return build_knowledge(user_actor_files())


__all__ = ["Knowledge", "Person", "Role", "Term", "build_knowledge", "default_knowledge", "day_of", "fold"]
