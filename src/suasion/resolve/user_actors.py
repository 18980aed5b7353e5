"""User actor files: reads YAML, CSV and PETRARCH/Phoenix dictionaries into the knowledge base and adds people."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from suasion.model.errors import Problem, SuasionError, problem
from suasion.model.records import SECTORS
from suasion.resolve.knowledge import Knowledge, Person, Role, load_countries, load_entities
from suasion.resolve.text import fold

ENV_VAR = "SUASION_ACTORS"
HOME_FILE = "~/.suasion/actors.yaml"
CSV_COLUMNS = ("name", "country", "role", "sector", "start", "end", "aliases")

# Keys a user may write; anything else is most likely a typo ("alias:", "start_date:") and is refused.
PERSON_KEYS = {"id", "name", "country", "aliases", "roles", "sector_before", "note", "notes", "sources"}
ROLE_KEYS = {"role", "sector", "start", "end", "to", "country", "note"}
ENTITY_KEYS = {"name", "country", "sector", "aliases", "note"}
COUNTRY_KEYS = {"iso3", "names", "demonyms", "capitals", "seats", "note"}
DOCUMENT_KEYS = ("people", "entities", "countries")

_LINE = "__line__"  # where a mapping starts in its file, kept while validating
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")


# -- where user files live -------------------------------------------------------------------------
def user_actor_paths() -> list[Path]:
    """The configured user files, existing or not: $SUASION_ACTORS (os.pathsep-separated) else ~/.suasion."""
    configured = os.environ.get(ENV_VAR, "")
    paths = [Path(part).expanduser() for part in configured.split(os.pathsep) if part.strip()]
    return paths or [Path(HOME_FILE).expanduser()]


def user_actor_files() -> list[Path]:
    """The user files to load with the shipped knowledge: the configured ones that exist."""
    return [path for path in user_actor_paths() if path.is_file()]


def default_user_file() -> Path:
    """Where `suasion actors add` writes when no file is given."""
    return user_actor_paths()[0]


def slugify(name: str) -> str:
    """A person id from a name: folded, accents stripped, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


# -- reading ----------------------------------------------------------------------------------------
def load_user_file(kb: Knowledge, path: Path) -> None:
    """Add the people, entities and country aliases of one user file to `kb` (E016 on a bad file)."""
    read_user_file(kb, path)


def read_user_file(kb: Knowledge, path: Path) -> list[Problem]:
    """Like load_user_file, and returns the dictionary lines that were skipped (PETRARCH files only)."""
    path = Path(path)
    text = _read_text(path)
    origin = str(path)
    kind = detect_format(path, text)
    if kind == "petrarch":
        conversion = convert_petrarch(text, origin, kb)
        apply_document(kb, conversion.document(), origin)
        return conversion.problems
    document = parse_yaml(text, origin) if kind == "yaml" else parse_csv(text, origin)
    apply_document(kb, document, origin)
    return []


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise SuasionError("E016", path=str(path), line=0, detail="file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SuasionError("E016", path=str(path), line=0, detail=str(exc)) from exc


def detect_format(path: Path, text: str) -> str:
    """'yaml', 'csv' or 'petrarch', from the suffix or else from the first meaningful line."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    if suffix in (".txt", ".actors", ".dict", ".dic"):
        return "petrarch"
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("<!--"):
            return "petrarch"  # YAML and CSV have no XML-style comments
        if _PETRARCH_LINE.match(stripped):
            return "petrarch"
        if [cell.strip().lower() for cell in stripped.split(",")][:2] == ["name", "country"]:
            return "csv"
        return "yaml"
    return "yaml"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records on every mapping the line where it starts."""


def _mapping_with_line(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
# Unquoted dates stay text: PyYAML raises a bare ValueError on 2020-02-30, and iso_date reports it properly.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def parse_yaml(text: str, origin: str) -> dict[str, list[Any]]:
    """A YAML user file as {people, entities, countries} lists (entries keep their line numbers)."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise SuasionError("E016", path=origin, line=mark.line + 1 if mark else 0,
                           detail=str(exc.problem or exc)) from exc
    except yaml.YAMLError as exc:
        raise SuasionError("E016", path=origin, line=0, detail=str(exc)) from exc
    document: dict[str, list[Any]] = {key: [] for key in DOCUMENT_KEYS}
    if data is None:
        return document
    if isinstance(data, list):
        document["people"] = data
        return document
    if not isinstance(data, dict):
        raise SuasionError("E016", path=origin, line=1,
                           detail="expected a list of people or a mapping with people/entities/countries")
    line = data.pop(_LINE, 1)
    unknown = sorted(str(key) for key in data if key not in DOCUMENT_KEYS)
    if unknown:
        raise SuasionError("E016", path=origin, line=line,
                           detail=f"unknown key(s) {', '.join(unknown)}; expected {', '.join(DOCUMENT_KEYS)}")
    for key in DOCUMENT_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise SuasionError("E016", path=origin, line=line, detail=f"{key!r} must be a list")
        document[key] = value
    return document


def parse_csv(text: str, origin: str) -> dict[str, list[Any]]:
    """A CSV user file (name,country,role,sector,start,end,aliases) as people; rows of one name merge."""
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    people: dict[str, dict[str, Any]] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            unknown = [name for name in header if name not in CSV_COLUMNS]
            missing = [name for name in ("name", "country") if name not in header]
            if unknown or missing or len(set(header)) != len(header):
                raise SuasionError("E016", path=origin, line=line,
                                   detail=f"the header must name columns among {','.join(CSV_COLUMNS)} "
                                          "(name and country required, each once)")
            continue
        if len(row) > len(header):
            raise SuasionError("E016", path=origin, line=line,
                               detail=f"{len(row)} cells for {len(header)} columns (quote cells with commas)")
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        name = cells["name"]
        if not name:
            raise SuasionError("E016", path=origin, line=line, detail="empty name")
        entry = people.get(name)
        if entry is None:
            entry = people[name] = {"name": name, "country": cells["country"], "aliases": [], "roles": [],
                                    _LINE: line}
        elif entry["country"] != cells["country"]:
            raise SuasionError("E016", path=origin, line=line,
                               detail=f"{name!r} was given country {entry['country']} on line {entry[_LINE]}")
        for alias in (cells.get("aliases") or "").split(";"):
            if alias.strip() and alias.strip() not in entry["aliases"]:
                entry["aliases"].append(alias.strip())
        role = cells.get("role") or ""
        extras = {key: cells.get(key) or None for key in ("sector", "start", "end")}
        if role:
            entry["roles"].append({"role": role, **{k: v for k, v in extras.items() if v}, _LINE: line})
        elif any(extras.values()):
            raise SuasionError("E016", path=origin, line=line, detail="sector/start/end given without a role")
    return {"people": list(people.values()), "entities": [], "countries": []}


# -- validating and applying --------------------------------------------------------------------------
def apply_document(kb: Knowledge, document: dict[str, list[Any]], origin: str) -> None:
    """Validate and add one parsed user file to `kb` (it may be partly extended when E016 is raised)."""
    for entry in document.get("countries") or ():
        _apply_country(kb, entry, origin)
    for entry in document.get("entities") or ():
        _apply_entity(kb, entry, origin)
    for entry in document.get("people") or ():
        merge_person(kb, person_from_entry(kb, entry, origin), origin, _line_of(entry))


def _line_of(entry: Any) -> int:
    return entry.get(_LINE, 0) if isinstance(entry, dict) else 0


def _fields(entry: Any, allowed: set[str], what: str,
            origin: str) -> tuple[dict[str, Any], Callable[..., SuasionError]]:
    line = _line_of(entry)

    def error(detail: str, at: int | None = None) -> SuasionError:
        return SuasionError("E016", path=origin, line=line if at is None else at, detail=detail)

    if not isinstance(entry, dict):
        raise error(f"each {what} must be a mapping, not {type(entry).__name__}")
    values = {k: v for k, v in entry.items() if k != _LINE}
    unknown = sorted(str(k) for k in values if k not in allowed)
    if unknown:
        raise error(f"unknown {what} key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    return values, error


def _text_list(value: Any, what: str, error: Callable[..., SuasionError]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return [str(v) for v in value if str(v).strip()]
    raise error(f"{what} must be a list of strings")


def _code(kb: Knowledge, value: Any, what: str, error: Callable[..., SuasionError],
          organisations: bool = False) -> str:
    code = str(value or "").strip()
    if not code:
        raise error(f"{what} is missing")
    known = set(kb.countries) | (set(kb.organisations) if organisations else set())
    if kb.countries and code not in known:
        raise error(f"{what} {code!r} is not a code of the knowledge base")
    # Without countries.yaml only the shape of the code can be checked.
    if not kb.countries and not (_ISO3.match(code) or organisations and _ORG_CODE.match(code)):
        raise error(f"{what} {code!r} is not an ISO 3166-1 alpha-3 code")
    return code


def _sector(value: Any, what: str, error: Callable[..., SuasionError]) -> str | None:
    if value in (None, ""):
        return None
    sector = str(value).strip().upper()
    if sector not in SECTORS:
        raise error(f"{what} {value!r} is not one of {', '.join(SECTORS)}")
    return sector


def iso_date(value: Any) -> str | None:
    """An ISO day from a YAML/CSV/CLI value; ValueError when it is not a real YYYY-MM-DD date."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    return dt.date.fromisoformat(text).isoformat()


def _date(value: Any, what: str, error: Callable[..., SuasionError], at: int) -> str | None:
    try:
        return iso_date(value)
    except ValueError as exc:
        raise error(f"{what}: {exc}", at) from exc


def person_from_entry(kb: Knowledge, entry: Any, origin: str) -> Person:
    """A validated Person from one user-file entry (README people format)."""
    values, error = _fields(entry, PERSON_KEYS, "person", origin)
    name = str(values.get("name") or "").strip()
    if not name:
        raise error("a person needs a name")
    person_id = str(values.get("id") or slugify(name)).strip()
    if not person_id:
        raise error(f"cannot make an id from the name {name!r}; give an id")
    country = _code(kb, values.get("country"), "country", error, organisations=True)
    aliases = _text_list(values.get("aliases"), "aliases", error)
    raw_roles = values.get("roles") or []
    if not isinstance(raw_roles, list):
        raise error("roles must be a list")
    roles = [_role_from_entry(kb, raw, origin) for raw in raw_roles]
    roles.sort(key=lambda r: r.start or "")
    return Person(person_id, name, country, aliases, roles,
                  _sector(values.get("sector_before"), "sector_before", error))


def _role_from_entry(kb: Knowledge, raw: Any, origin: str) -> Role:
    values, error = _fields(raw, ROLE_KEYS, "role", origin)
    line = _line_of(raw)
    role_key = str(values.get("role") or "").strip()
    if not role_key:
        raise error("a role needs a 'role' key (a role of titles.yaml, e.g. head_of_state)")
    sector = _sector(values.get("sector"), "sector", error) or kb.role_sectors.get(role_key, "GOV")
    start = _date(values.get("start"), "start", error, line)
    end = _date(values.get("end"), "end", error, line)
    if start and end and end <= start:
        raise error(f"role {role_key} ends ({end}) before it starts ({start})")
    to = values.get("to")
    return Role(role_key, sector, start, end, str(to) if to else None)


def merge_person(kb: Knowledge, person: Person, origin: str, line: int = 0) -> Person:
    """Add a person, or give a known id the extra aliases and roles (a user file extends, never replaces)."""
    existing = kb.people.get(person.id)
    if existing is None:
        kb.add_person(person)
        return person
    if existing.country != person.country:
        raise SuasionError("E016", path=origin, line=line,
                           detail=f"id {person.id!r} is already {existing.name} of {existing.country}, "
                                  f"not {person.country}")
    known = {fold(a) for a in (existing.name, *existing.aliases)}
    for alias in (person.name, *person.aliases):
        if fold(alias) not in known:
            existing.aliases.append(alias)
            known.add(fold(alias))
    for role in person.roles:
        if not any((r.role, r.start, r.end) == (role.role, role.start, role.end) for r in existing.roles):
            existing.roles.append(role)
    existing.roles.sort(key=lambda r: r.start or "")
    existing.sector_before = existing.sector_before or person.sector_before
    kb.add_person(existing)
    return existing


def _apply_entity(kb: Knowledge, entry: Any, origin: str) -> None:
    values, error = _fields(entry, ENTITY_KEYS, "entity", origin)
    name = str(values.get("name") or "").strip()
    if not name:
        raise error("an entity needs a name")
    country = _code(kb, values["country"], "country", error, organisations=True) \
        if values.get("country") else None
    sector = _sector(values.get("sector"), "sector", error) or "UNK"
    aliases = _text_list(values.get("aliases"), "aliases", error)
    load_entities(kb, [{"name": name, "country": country, "sector": sector, "aliases": aliases}])


def _apply_country(kb: Knowledge, entry: Any, origin: str) -> None:
    """Extra names for a known country: only terms are added, the shipped entry itself is kept."""
    values, error = _fields(entry, COUNTRY_KEYS, "country", origin)
    iso3 = str(values.get("iso3") or "").strip()
    if iso3 not in kb.countries:
        raise error(f"iso3 {iso3!r} is not a country of the knowledge base (only known countries take aliases)")
    for key in ("names", "demonyms", "capitals"):
        value = values.get(key)
        if value is not None and not isinstance(value, (list, dict, str)):
            raise error(f"{key} must be a list or a {{language: [names]}} mapping")
    seats = values.get("seats") or []
    if not isinstance(seats, list):
        raise error("seats must be a list")
    for seat in seats:
        if isinstance(seat, dict):
            _sector(seat.get("sector"), "seat sector", error)
    shipped = kb.countries[iso3]
    partial = {"iso3": iso3, **{k: _without_lines(v) for k, v in values.items() if k != "iso3"}}
    load_countries(kb, [partial])
    kb.countries[iso3] = shipped


def _without_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_lines(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value


# -- PETRARCH / Phoenix actor dictionaries ------------------------------------------------------------
# CAMEO role codes (the 3 letters after the country) -> (PLOVER sector, role key written in YAML).
CAMEO_ROLES: dict[str, tuple[str, str]] = {
    "GOV": ("GOV", "government"), "MIL": ("MIL", "military"), "ELI": ("ELI", "elite"),
    "OPP": ("OPP", "opposition"), "PTY": ("PTY", "party"), "BUS": ("BUS", "business"),
    "MNC": ("BUS", "business"), "MED": ("JRN", "media"), "CVL": ("CVL", "civilian"),
    "EDU": ("CVL", "education"), "HLH": ("CVL", "health"), "REL": ("CVL", "religion"),
    "LAB": ("CVL", "labour"), "AGR": ("CVL", "agriculture"), "REF": ("CVL", "refugees"),
    "HRI": ("CVL", "human_rights"), "ENV": ("CVL", "environment"), "NGO": ("CVL", "ngo"),
    "REB": ("REB", "rebels"), "UAF": ("REB", "armed_group"), "INS": ("REB", "insurgents"),
    "SEP": ("REB", "separatists"), "IGO": ("IGO", "international_organisation"),
    "JUD": ("GOV", "judiciary"), "COP": ("GOV", "police"), "LEG": ("GOV", "legislature"),
    "SPY": ("GOV", "intelligence"), "CRM": ("UNK", "criminal"),
}
# Country-position codes that name no state: kept only when an organisation declares its cameo code.
NON_STATE_PREFIXES = {"IGO", "NGO", "MNC", "UIS", "INT"}
# Words that make an undated dictionary phrase a group or an office ("RUSSIAN_ARMY_"), not a person.
GENERIC_TOKEN_KINDS = {"demonym", "region_demonym", "title", "sector", "former"}
GENERIC_PHRASE_KINDS = {"country", "capital", "seat", "region", "org", "entity"}

_PETRARCH_LINE = re.compile(r"^(?:\+?[^\s\[\]#;]+_\s*(?:\[|$|[#;])|\[[A-Z~-]{3,}[^\]]*\]$)")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


@dataclass(slots=True)
class _DictEntry:
    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    # (code, start, end, dated, line) for each bracket of the entry
    codes: list[tuple[str, str | None, str | None, bool, int]] = field(default_factory=list)
    refused_codes: int = 0  # already reported


@dataclass(slots=True)
class Conversion:
    """What a PETRARCH/Phoenix dictionary became: YAML-ready entries, counts and skipped lines."""

    people: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    converted: int = 0
    skipped: int = 0

    def document(self) -> dict[str, list[Any]]:
        return {"people": self.people, "entities": self.entities, "countries": self.countries}


def petrarch_date(text: str) -> str:
    """YYMMDD (00-30 is 20YY, as in KEDS/TABARI/PETRARCH) or YYYYMMDD -> ISO day; ValueError if invalid."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()


def _parse_bracket(content: str) -> tuple[str, str | None, str | None, bool]:
    """'RUSGOV 000507-080507' -> (code, start, end, dated); ValueError on anything else."""
    parts = content.split(None, 1)
    if not parts:
        raise ValueError("empty code []")
    code = parts[0].upper()
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return code, None, None, False
    if rest[0] == ">":
        return code, petrarch_date(rest[1:]), None, True
    if rest[0] == "<":
        return code, None, petrarch_date(rest[1:]), True
    if "-" in rest:
        first, _, last = rest.partition("-")
        start, end = petrarch_date(first), petrarch_date(last)
        if end < start:
            raise ValueError(f"date range {rest} ends before it starts")
        return code, start, end, True
    raise ValueError(f"date restriction {rest!r} is not >YYMMDD, <YYMMDD or YYMMDD-YYMMDD")


def _phrase(raw: str) -> str:
    """'VLADIMIR_PUTIN_' -> 'Vladimir Putin' (dictionary phrases are upper case with underscores)."""
    words = [w for w in re.split(r"[_\s]+", raw.strip()) if w]
    return " ".join(_title_word(w) for w in words)


def _title_word(word: str) -> str:
    if not word.isupper():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def _read_entries(text: str, origin: str, problems: list[tuple[int, Problem]]) -> list[_DictEntry]:
    entries: list[_DictEntry] = []
    current: _DictEntry | None = None
    skipping = False  # the last primary phrase was refused: its alias and code lines go with it
    in_comment = False

    def skip(line: int, detail: str) -> None:
        problems.append((line, problem("E016", origin, path=origin, line=line, detail=detail)))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                line, in_comment = before, True
        if "---STOP---" in line:
            break
        line = re.split(r"[#;]", line, maxsplit=1)[0].strip()
        if not line:
            continue
        if line.startswith(("[", "+")):  # a code or an alias line of the current entry
            if skipping:
                continue
            if current is None:
                skip(number, f"{'code' if line[0] == '[' else 'alias'} line before any actor phrase")
                continue
            if line[0] == "+":
                phrase_text = line[1:].split("[", 1)[0]
                if not _usable_phrase(phrase_text):
                    skip(number, f"alias {phrase_text.strip()!r} uses syntax that is not supported")
                    continue
                current.aliases.append(_phrase(phrase_text))
            _add_codes(current, line, number, skip)
        else:
            phrase_text = line.split("[", 1)[0]
            if not _usable_phrase(phrase_text):
                skip(number, f"phrase {phrase_text.strip()!r} uses syntax that is not supported; entry skipped")
                current, skipping = None, True
                entries.append(_DictEntry("", number))  # counted as skipped
                continue
            current, skipping = _DictEntry(_phrase(phrase_text), number), False
            entries.append(current)
            _add_codes(current, line, number, skip)
    return entries


def _usable_phrase(text: str) -> bool:
    text = text.strip()
    return bool(text) and any(ch.isalpha() for ch in text) and not any(ch in text for ch in "{}&=!<>|~\\")


def _add_codes(entry: _DictEntry, line: str, number: int, skip: Callable[[int, str], None]) -> None:
    if line.count("[") != line.count("]"):
        skip(number, "unbalanced brackets")
        return
    for content in _BRACKET.findall(line):
        try:
            code, start, end, dated = _parse_bracket(content)
        except ValueError as exc:
            skip(number, f"[{content}]: {exc}; code skipped")
            entry.refused_codes += 1
            continue
        entry.codes.append((code, start, end, dated, number))


def cameo_countries(kb: Knowledge) -> dict[str, str]:
    """CAMEO country code -> ISO3, from the `cameo` field of countries.yaml (ISO3 itself as a fallback)."""
    index: dict[str, str] = {}
    for iso3, entry in kb.countries.items():
        cameo = entry.get("cameo") if isinstance(entry, dict) else None
        for code in (cameo if isinstance(cameo, list) else [cameo]):
            if code:
                index.setdefault(str(code).upper(), iso3)
    for iso3 in kb.countries:
        index.setdefault(iso3, iso3)
    return index


def _cameo_organisations(kb: Knowledge) -> dict[str, str]:
    return {str(entry["cameo"]).upper(): code for code, entry in kb.organisations.items()
            if isinstance(entry, dict) and entry.get("cameo")}


@dataclass(slots=True)
class _Code:
    country: str
    sector: str | None  # None: the code names the country itself ("[RUS]")
    role: str | None
    start: str | None
    end: str | None
    dated: bool


def _map_code(code: str, start: str | None, end: str | None, dated: bool, countries: dict[str, str],
              organisations: dict[str, str]) -> _Code:
    if code.startswith("~"):
        raise ValueError(f"{code} is an agent code, not an actor")
    if not _CODE.match(code):
        raise ValueError(f"{code!r} is not a CAMEO actor code")
    if code in organisations:
        return _Code(organisations[code], "IGO", "international_organisation", start, end, dated)
    prefix, chunks = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    if prefix in NON_STATE_PREFIXES:
        raise ValueError(f"{code} names no state and no organisation of the knowledge base")
    country = countries.get(prefix)
    if country is None:
        raise ValueError(f"CAMEO country {prefix} is not in countries.yaml")
    if not chunks:
        return _Code(country, None, None, start, end, dated)
    for chunk in chunks:
        if chunk in CAMEO_ROLES:
            sector, role = CAMEO_ROLES[chunk]
            return _Code(country, sector, role, start, end, dated)
    raise ValueError(f"{code}: no known CAMEO role among {', '.join(chunks)}")


def convert_petrarch(text: str, origin: str, kb: Knowledge) -> Conversion:
    """Convert a PETRARCH/Phoenix actor dictionary; lines it cannot use are skipped and reported."""
    result = Conversion()
    numbered: list[tuple[int, Problem]] = []
    entries = _read_entries(text, origin, numbered)
    countries, organisations = cameo_countries(kb), _cameo_organisations(kb)
    people: dict[str, dict[str, Any]] = {}
    country_names: dict[str, list[str]] = {}

    def skip(line: int, detail: str) -> None:
        numbered.append((line, problem("E016", origin, path=origin, line=line, detail=detail)))

    for entry in entries:
        if not entry.name:
            result.skipped += 1
            continue
        mapped: list[_Code] = []
        for code, start, end, dated, line in entry.codes:
            try:
                mapped.append(_map_code(code, start, end, dated, countries, organisations))
            except ValueError as exc:
                skip(line, f"{entry.name}: {exc}; code skipped")
        if not mapped:
            if not entry.codes and not entry.refused_codes:
                skip(entry.line, f"{entry.name}: no actor code; entry skipped")
            result.skipped += 1
            continue
        dated = [c for c in mapped if c.dated]
        undated = [c for c in mapped if not c.dated]
        default = undated[-1] if undated else None  # a later default code replaces an earlier one
        if not dated and default is not None and default.sector is None:
            names = country_names.setdefault(default.country, [])
            names.extend(n for n in (entry.name, *entry.aliases) if n not in names)
        elif not dated and default is not None and (default.sector == "IGO" or _looks_generic(kb, entry.name)):
            result.entities.append({"name": entry.name, "country": default.country, "sector": default.sector,
                                    "aliases": list(entry.aliases), _LINE: entry.line})
        else:
            person = _person_from_codes(entry, dated, default, skip)
            if person is None:
                result.skipped += 1
                continue
            known = kb.people.get(person["id"])
            if known is not None and known.country != person["country"]:
                person["id"] = f"{person['id']}-{person['country'].lower()}"  # a namesake elsewhere
            _collect_person(people, person)
        result.converted += 1
    result.people = list(people.values())
    result.countries = [{"iso3": iso3, "names": names} for iso3, names in country_names.items()]
    # Entry-level problems are found after the whole file is read: report everything in line order.
    result.problems = [item for _, item in sorted(numbered, key=lambda pair: pair[0])]
    return result


def _looks_generic(kb: Knowledge, name: str) -> bool:
    if {t.kind for t in kb.lookup(name)} & GENERIC_PHRASE_KINDS:
        return True
    return any({t.kind for t in kb.lookup(word)} & GENERIC_TOKEN_KINDS for word in name.split())


def _person_from_codes(entry: _DictEntry, dated: list[_Code], default: _Code | None,
                       skip: Callable[[int, str], None]) -> dict[str, Any] | None:
    usable_default = default if default is not None and default.sector is not None else None
    country = (usable_default or max(dated, key=lambda c: c.start or ""))
    roles: list[dict[str, Any]] = []
    for code in dated:
        if code.country != country.country:
            skip(entry.line, f"{entry.name}: a code of {code.country} in an entry of {country.country}; "
                             "code skipped")
            continue
        if code.sector is None:
            skip(entry.line, f"{entry.name}: dated code without a sector; code skipped")
            continue
        roles.append({"role": code.role, "sector": code.sector, "start": code.start, "end": code.end})
    if usable_default is not None:
        # PETRARCH uses the undated code whenever no dated one applies: it fills the gaps between them.
        for start, end in _gaps([(r["start"], r["end"]) for r in roles]):
            roles.append({"role": usable_default.role, "sector": usable_default.sector, "start": start, "end": end})
    if not roles:
        skip(entry.line, f"{entry.name}: no usable code; entry skipped")
        return None
    roles.sort(key=lambda r: r["start"] or "")
    return {"id": slugify(entry.name), "name": entry.name, "country": country.country,
            "aliases": list(dict.fromkeys(entry.aliases)), "roles": roles, _LINE: entry.line}


def _gaps(spans: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """The stretches of time (None = unbounded) covered by none of the spans."""
    low, high = "0000-00-00", "9999-99-99"
    ordered = sorted((start or low, end or high) for start, end in spans)
    gaps, cursor = [], low
    for start, end in ordered:
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < high:
        gaps.append((cursor, high))
    return [(None if s == low else s, None if e == high else e) for s, e in gaps]


def _collect_person(people: dict[str, dict[str, Any]], person: dict[str, Any]) -> None:
    """One dictionary may list a name twice: same country merges, another country gets its own id."""
    key = person["id"]
    existing = people.get(key)
    if existing is not None and existing["country"] != person["country"]:
        key = person["id"] = f"{person['id']}-{person['country'].lower()}"
        existing = people.get(key)
    if existing is None:
        people[key] = person
        return
    for alias in person["aliases"]:
        if alias not in existing["aliases"]:
            existing["aliases"].append(alias)
    for role in person["roles"]:
        if role not in existing["roles"]:
            existing["roles"].append(role)
    existing["roles"].sort(key=lambda r: r["start"] or "")


# -- writing ----------------------------------------------------------------------------------------
def _flow(value: Any) -> str:
    """One YAML value on one line (quoted as needed)."""
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1 << 30,
                            sort_keys=False).strip()
    return dumped[1:-1]


def person_lines(entry: dict[str, Any]) -> list[str]:
    """A person entry as the lines of a block mapping (roles one flow mapping per line)."""
    lines = []
    for key, value in _without_lines(entry).items():
        if key == "roles" and isinstance(value, list) and value:
            lines.append("roles:")
            lines.extend(f"  - {_flow(role)}" for role in value)
        else:
            lines.append(f"{key}: {_flow(value)}")
    return lines


def person_item(entry: dict[str, Any], dash_column: int = 0) -> str:
    """A person entry as one item of a block sequence whose dashes are at `dash_column`."""
    pad = " " * (dash_column + 2)
    lines = person_lines(entry)
    return " " * dash_column + "- " + lines[0] + "".join(f"\n{pad}{line}" for line in lines[1:])


def dump_document(document: dict[str, list[Any]], header: str = "") -> str:
    """A user file's text: a plain people list, or a mapping when entities or countries are present."""
    parts = [header] if header else []
    if not document.get("entities") and not document.get("countries"):
        parts.extend(person_item(p) + "\n" for p in document.get("people") or ())
        return "\n".join(parts) if parts else "[]\n"
    for key in DOCUMENT_KEYS:
        items = document.get(key) or []
        if not items:
            continue
        parts.append(f"{key}:")
        for item in items:
            parts.append(person_item(item) if key == "people" else f"- {_flow(_without_lines(item))}")
        parts.append("")
    return "\n".join(parts)


@dataclass(slots=True)
class AddResult:
    person_id: str
    path: Path
    new_person: bool
    changed: bool


def add_person(path: Path, kb: Knowledge, name: str, country: str, role: str | None = None,
               sector: str | None = None, start: str | None = None, end: str | None = None,
               aliases: Iterable[str] = ()) -> AddResult:
    """Append a person (or a role and aliases to a person already in the file) to a YAML or CSV user file.

    The file is validated before and after the change and replaced atomically, so a failure leaves it as
    it was. Bad arguments raise E011/E012; a bad existing file raises E016.
    """
    path = Path(path)
    name = " ".join(name.split())
    person_id = slugify(name)
    if not person_id:
        raise SuasionError("E012", name="NAME", value=name, detail="needs at least one letter or digit")
    country = country.strip().upper()
    known = set(kb.countries) | set(kb.organisations)
    if country not in known and (kb.countries or not _ORG_CODE.match(country)):
        raise SuasionError("E012", name="--country", value=country, detail="not a country code of the knowledge base")
    if role is not None and kb.role_sectors and role not in kb.role_sectors:
        raise SuasionError("E012", name="--role", value=role,
                           detail=f"not a role of titles.yaml ({', '.join(sorted(kb.role_sectors))})")
    if role is None and (sector or start or end):
        raise SuasionError("E012", name="--role", value=None, detail="--sector, --start and --end need a --role")
    if sector is not None and sector.upper() not in SECTORS:
        raise SuasionError("E012", name="--sector", value=sector, detail=f"one of {', '.join(SECTORS)}")
    dates = {}
    for option, value in (("--start", start), ("--end", end)):
        try:
            dates[option] = iso_date(value)
        except ValueError as exc:
            raise SuasionError("E011", value=value) from exc
    if dates["--start"] and dates["--end"] and dates["--end"] <= dates["--start"]:
        raise SuasionError("E012", name="--end", value=end, detail="must be after --start")
    role_entry: dict[str, Any] | None = None
    if role is not None:
        role_entry = {"role": role}
        if sector:
            role_entry["sector"] = sector.upper()
        role_entry.update({"start": dates["--start"], "end": dates["--end"]})
    alias_list = list(dict.fromkeys(" ".join(a.split()) for a in aliases if a.strip()))

    text = _read_text(path) if path.exists() else ""
    kind = detect_format(path, text)
    if kind == "petrarch":
        raise SuasionError("E016", path=str(path), line=1,
                           detail="`actors add` writes YAML or CSV files; convert this dictionary with "
                                  "`suasion actors import` and add to the YAML file")
    if kind == "csv":
        new_text, new_person, changed = _add_to_csv(text, str(path), kb, person_id, name, country,
                                                    role_entry, alias_list)
    else:
        new_text, new_person, changed = _add_to_yaml(text, str(path), kb, person_id, name, country,
                                                     role_entry, alias_list)
    if changed:
        _check_written(new_text, path, kind, kb, person_id, role_entry)
        write_atomically(path, new_text)
    return AddResult(person_id, path, new_person, changed)


def _probe(kb: Knowledge) -> Knowledge:
    """An empty Knowledge that validates against the same countries, organisations and roles."""
    probe = Knowledge()
    probe.countries, probe.organisations, probe.role_sectors = kb.countries, kb.organisations, kb.role_sectors
    return probe


def _merged_aliases(current: list[str], name: str, extra: list[str]) -> list[str]:
    known = {fold(a) for a in (name, *current)}
    merged = list(current)
    for alias in extra:
        if fold(alias) not in known:
            merged.append(alias)
            known.add(fold(alias))
    return merged


def _same_role(raw: dict[str, Any], role_entry: dict[str, Any]) -> bool:
    try:
        return (str(raw.get("role")), iso_date(raw.get("start")), iso_date(raw.get("end"))) == \
            (role_entry["role"], role_entry["start"], role_entry["end"])
    except ValueError:
        return False


def _add_to_yaml(text: str, origin: str, kb: Knowledge, person_id: str, name: str, country: str,
                 role_entry: dict[str, Any] | None, aliases: list[str]) -> tuple[str, bool, bool]:
    document = parse_yaml(text, origin)
    apply_document(_probe(kb), document, origin)  # refuse to touch a file that is already broken
    people = document["people"]
    index = next((i for i, p in enumerate(people) if str(p.get("id") or slugify(str(p.get("name", ""))))
                  == person_id), None)
    if index is None:
        entry: dict[str, Any] = {"id": person_id, "name": name, "country": country,
                                 "aliases": _merged_aliases([], name, aliases),
                                 "roles": [role_entry] if role_entry else []}
        new_person, changed = True, True
    else:
        entry = _without_lines(people[index])
        if str(entry.get("country")) != country:
            raise SuasionError("E016", path=origin, line=_line_of(people[index]),
                               detail=f"{entry.get('name')} ({person_id}) is already listed with country "
                                      f"{entry.get('country')}, not {country}")
        before_aliases = list(entry.get("aliases") or [])
        merged_aliases = _merged_aliases(before_aliases, str(entry.get("name")), aliases)
        roles = list(entry.get("roles") or [])
        added_role = role_entry is not None and not any(_same_role(r, role_entry) for r in roles)
        if added_role:
            roles.append(role_entry)
        updates = {"aliases": merged_aliases, "roles": roles}
        # The README's key order, then whatever else the user wrote; empty lists only where they were.
        entry = {**{k: entry[k] for k in ("id", "name", "country") if k in entry},
                 **{k: v for k, v in updates.items() if v or k in entry},
                 **{k: v for k, v in entry.items() if k not in ("id", "name", "country", *updates)}}
        new_person, changed = False, added_role or merged_aliases != before_aliases
    if not changed:
        return text, new_person, False
    edited = _edit_yaml_text(text, entry, index)
    if edited is None:
        document = {key: [_without_lines(e) for e in value] for key, value in document.items()}
        if index is None:
            document["people"].append(entry)
        else:
            document["people"][index] = entry
        edited = dump_document(document, _header_comments(text))
    return edited, new_person, True


def _header_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else ""


def _edit_yaml_text(text: str, entry: dict[str, Any], index: int | None) -> str | None:
    """Change only the person's own lines so the user's comments elsewhere survive (None: cannot).

    Comments inside the entry that is updated are not kept; new people go after the last one.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        return prefix + person_item(entry) + "\n"
    sequence = root if isinstance(root, yaml.SequenceNode) else None
    if isinstance(root, yaml.MappingNode):
        sequence = next((value for key, value in root.value if getattr(key, "value", None) == "people"), None)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or not sequence.value:
        return None
    if index is not None:
        item = sequence.value[index]
        start, stop = item.start_mark.index, _node_end(item)
        lines = person_lines(entry)
        pad = " " * item.start_mark.column
        return text[:start] + lines[0] + "".join(f"\n{pad}{line}" for line in lines[1:]) + text[stop:]
    stop = text.find("\n", _node_end(sequence.value[-1]))
    stop = len(text) if stop < 0 else stop
    block = "\n" + person_item(entry, sequence.start_mark.column)
    return text[:stop] + block + text[stop:] + ("" if text[stop:] else "\n")


def _node_end(node: yaml.Node) -> int:
    """Where a node's own text ends: a block collection's end mark would swallow following comments."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _node_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _node_end(node.value[-1])
    return node.end_mark.index


def _add_to_csv(text: str, origin: str, kb: Knowledge, person_id: str, name: str, country: str,
                role_entry: dict[str, Any] | None, aliases: list[str]) -> tuple[str, bool, bool]:
    header = list(CSV_COLUMNS)
    if text.strip():
        document = parse_csv(text, origin)
        apply_document(_probe(kb), document, origin)
        header = next(row for row in csv.reader(io.StringIO(text))
                      if any(c.strip() for c in row) and not row[0].lstrip().startswith("#"))
        header = [cell.strip().lower() for cell in header]
        for column in ("role", "sector", "start", "end", "aliases"):
            wanted = (role_entry or {}).get(column) if column != "aliases" else aliases
            if wanted and column not in header:
                raise SuasionError("E016", path=origin, line=1, detail=f"no {column!r} column to write to")
        same = [p for p in document["people"] if slugify(p["name"]) == person_id]
    else:
        same = []
    if same and same[0]["country"] != country:
        raise SuasionError("E016", path=origin, line=same[0][_LINE],
                           detail=f"{same[0]['name']} is already listed with country {same[0]['country']}")
    written_name = same[0]["name"] if same else name
    known_aliases = same[0]["aliases"] if same else []
    new_aliases = [a for a in _merged_aliases(known_aliases, written_name, aliases) if a not in known_aliases]
    has_role = role_entry is not None and same and any(_same_role(r, role_entry) for r in same[0]["roles"])
    if same and not new_aliases and (role_entry is None or has_role):
        return text, False, False
    row = {"name": written_name, "country": country, "aliases": ";".join(new_aliases)}
    if role_entry is not None and not has_role:
        row.update({k: role_entry.get(k) or "" for k in ("role", "sector", "start", "end")})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    if not text.strip():
        writer.writeheader()
    writer.writerow(row)
    prefix = text if not text or text.endswith("\n") else text + "\n"
    return prefix + buffer.getvalue(), not same, True


def _check_written(new_text: str, path: Path, kind: str, kb: Knowledge, person_id: str,
                   role_entry: dict[str, Any] | None) -> None:
    """Read the new text back before it replaces the file: a writer bug must not reach the user's file."""
    origin = str(path)
    document = parse_csv(new_text, origin) if kind == "csv" else parse_yaml(new_text, origin)
    probe = _probe(kb)
    apply_document(probe, document, origin)
    person = probe.people.get(person_id)
    if person is None or role_entry is not None and not any(
            (r.role, r.start, r.end) == (role_entry["role"], role_entry["start"], role_entry["end"])
            for r in person.roles):
        raise SuasionError("E016", path=origin, line=0, detail="the updated file did not read back; left unchanged")


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it (never a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["AddResult", "Conversion", "ENV_VAR", "add_person", "apply_document", "cameo_countries",
           "convert_petrarch", "default_user_file", "detect_format", "dump_document", "load_user_file",
           "merge_person", "parse_csv", "parse_yaml", "petrarch_date", "read_user_file", "slugify",
           "user_actor_files", "user_actor_paths", "write_atomically"]
