"""Renders tidy event and mention rows in other projects' layouts: GDELT 2.0, ICEWS and PLOVER JSON.

Each renderer takes one tidy row (a dict, see tidy.py) and returns the cells of one output line
(GDELT, ICEWS) or one JSON object (PLOVER). Fields a layout has and suasion does not know (tone,
places, ethnicity, religion) are left empty, never guessed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from suasion.export import countries
from suasion.export.tidy import CONTEXT_SEPARATOR
from suasion.model import codes
from suasion.model.errors import SuasionError

# -- shared -----------------------------------------------------------------------------------

# Sentences of an article that count as its lead for GDELT's IsRootEvent.
LEAD_SENTENCES = 3

# Characters that would end a tab-separated line or cell early (str.splitlines splits on all of them).
_LINE_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def stable_integer(text: str) -> int:
    """A positive integer that is always the same for the same id, below 2**53 so that readers
    that load numbers as floating point (JavaScript, pandas columns with gaps) keep it exact."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 11) or 1


def tsv_cell(value: Any) -> str:
    """A cell of a tab-separated line: null as empty, floats in their shortest exact form, and
    tabs and line breaks inside text turned into spaces (these layouts have no quoting)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return _LINE_BREAKS.sub(" ", str(value))


def _digits(day: str | None) -> str:
    return day.replace("-", "") if day else ""


def _timestamp(date: str | None) -> str:
    """YYYYMMDDHHMMSS from a YYYY-MM-DD date, or a date with a time (YYYY-MM-DDTHH:MM[:SS])."""
    span = countries.period(date)
    if not span or len(date or "") < 10:
        return ""
    clock = re.sub(r"\D", "", (date or "")[11:19])[:6] if len(date or "") > 10 else ""
    return _digits(span[0]) + clock.ljust(6, "0")


def _cameo(row: dict[str, Any]) -> str | None:
    """The row's CAMEO code, else the one its PLOVER type, mode and context map to."""
    if row.get("cameo"):
        return row["cameo"]
    try:
        return codes.cameo_for(row["event_type"], row.get("mode"), _context(row))
    except SuasionError:
        return None


def _context(row: dict[str, Any]) -> list[str]:
    return [c for c in (row.get("context") or "").split(CONTEXT_SEPARATOR) if c]


# -- GDELT 2.0 ---------------------------------------------------------------------------------

def _gdelt_actor(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{name}" for name in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code"))


def _gdelt_geo(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{name}" for name in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))


# The 61 columns of a GDELT 2.0 Events file, in order (GDELT Event Codebook V2.0).
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *_gdelt_actor("Actor1"), *_gdelt_actor("Actor2"),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_gdelt_geo("Actor1Geo"), *_gdelt_geo("Actor2Geo"), *_gdelt_geo("ActionGeo"),
    "DATEADDED", "SOURCEURL",
)
# The 16 columns of a GDELT 2.0 Mentions file, in order.
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo",
    "Extras",
)

# Our sectors as CAMEO actor type codes: CAMEO calls the media MED; UNK has no CAMEO type.
CAMEO_TYPES = {"GOV": "GOV", "MIL": "MIL", "ELI": "ELI", "OPP": "OPP", "PTY": "PTY", "BUS": "BUS",
               "JRN": "MED", "CVL": "CVL", "REB": "REB", "IGO": "IGO", "UNK": ""}
# CAMEO 1.1b3 known-group codes of the organisations that have one; the others keep their own code.
CAMEO_KNOWN_GROUPS = {"UN": "UNO", "NATO": "NAT", "EU": "EEC", "AU": "AFU", "ARL": "ARL",
                      "ASEAN": "ASN", "IMF": "IMF", "OAS": "OAS", "OPEC": "OPC", "WB": "WBK"}
# GDELT's mention types: 1 a web page (identified by its URL), 2 a citation of a non-web text.
MENTION_WEB, MENTION_CITATION = 1, 2
_NO_GEO = ("0", "", "", "", "", "", "", "")  # GDELT's geo type 0: no location


def gdelt_actor_cells(row: dict[str, Any], side: str) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1, Type2, Type3."""
    code = row.get(f"{side}_code")
    if not code:
        return [""] * 10
    sector = row.get(f"{side}_sector") or ""
    role = CAMEO_TYPES.get(sector, sector)
    kind = countries.kind(code)
    country = known_group = ""
    types = [role, "", ""]
    if kind == "country":
        country = row.get(f"{side}_cameo_country") or code
        actor_code = country + role
    elif kind == "region":
        country = code
        actor_code = code + role
    elif kind == "organisation":
        known_group = CAMEO_KNOWN_GROUPS.get(code, code)
        actor_code = "IGO" + known_group
        types = ["IGO", role if role not in ("", "IGO") else "", ""]
    else:
        actor_code = code + role
    name = row.get(f"{side}_name") or countries.name(code) or row.get(f"{side}_text") or code
    return [tsv_cell(actor_code), tsv_cell(name.upper()), tsv_cell(country), tsv_cell(known_group), "", "", "",
            *map(tsv_cell, types)]


def gdelt_event_cells(row: dict[str, Any]) -> list[str]:
    """The 61 cells of one event in the GDELT 2.0 Events layout."""
    day = row.get("day")
    year = month = date = ""
    fraction = ""
    if day:
        year, month, date = day[:4], day[5:7], day[8:10]
        # GDELT's own formula: months of 30 days over a 365-day year, four decimals.
        fraction = f"{int(year) + ((int(month) - 1) * 30 + int(date)) / 365:.4f}"
    cameo = tsv_cell(_cameo(row))
    quad = row.get("quad") or _safe(codes.cameo_quad, cameo)
    goldstein = row.get("goldstein")
    if goldstein is None:
        goldstein = _safe(codes.goldstein, cameo)
    return [
        str(stable_integer(row["event_id"])), _digits(day), year + month, year, fraction,
        *gdelt_actor_cells(row, "actor"), *gdelt_actor_cells(row, "recipient"),
        "1" if (row.get("sentence_index") or 0) < LEAD_SENTENCES else "0",
        cameo, cameo[:3], cameo[:2], tsv_cell(quad), tsv_cell(goldstein),
        tsv_cell(row.get("n_mentions")), tsv_cell(row.get("n_sources")),
        tsv_cell(row.get("n_articles")), "",
        *_NO_GEO, *_NO_GEO, *_NO_GEO,
        _timestamp(row.get("first_seen") or day), tsv_cell(row.get("doc_url") or row.get("doc_id")),
    ]


def gdelt_mention_cells(row: dict[str, Any]) -> list[str]:
    """The 16 cells of one mention in the GDELT 2.0 Mentions layout."""
    url = row.get("doc_url")
    source = _host(url)
    confidence = row.get("confidence")
    return [
        str(stable_integer(row["event_id"])),
        _timestamp(row.get("first_seen") or row.get("doc_date")), _timestamp(row.get("doc_date")),
        str(MENTION_WEB if url else MENTION_CITATION),
        tsv_cell(source or row.get("doc_source")), tsv_cell(url or row.get("doc_id")),
        tsv_cell((row.get("sentence_index") or 0) + 1), "-1", "-1", tsv_cell(row.get("char_start")),
        "1", "" if confidence is None else str(round(confidence * 100)),
        tsv_cell(row.get("doc_length")), "", "", "",
    ]


def _host(url: str | None) -> str:
    """The host of a URL without `www.`, as GDELT names web sources; empty when there is none."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # not a URL after all (an unbalanced bracket in the host part)
        return ""
    return host[4:] if host.startswith("www.") else host


def _safe(lookup: Any, code: str | None) -> Any:
    if not code:
        return None
    try:
        return lookup(code)
    except SuasionError:
        return None


# -- ICEWS -------------------------------------------------------------------------------------

# The columns of the ICEWS coded event data files (Dataverse releases), in order.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
ICEWS_SECTORS = {"GOV": "Government", "MIL": "Military", "ELI": "Elite", "OPP": "Opposition",
                 "PTY": "Parties", "BUS": "Business", "JRN": "Media", "CVL": "Civilian",
                 "REB": "Rebel", "IGO": "International Government Organization", "UNK": ""}


def icews_side_cells(row: dict[str, Any], side: str) -> list[str]:
    """Name, Sectors and Country of one side, named the ICEWS way: a person by name, a sector of
    a state as 'Government (Russia)', a state or organisation by its name."""
    code = row.get(f"{side}_code")
    if not code:
        return ["", "", ""]
    sector = ICEWS_SECTORS.get(row.get(f"{side}_sector") or "", row.get(f"{side}_sector") or "")
    entity = countries.name(code) or code
    country = entity if countries.kind(code) == "country" else ""
    name = row.get(f"{side}_name")
    if not name:
        name = f"{sector} ({entity})" if sector and country else entity
    return [tsv_cell(name), sector, tsv_cell(country)]


def icews_cells(row: dict[str, Any], id_column: str) -> list[str]:
    """The 20 cells of one event or mention in the ICEWS layout; `id_column` names the row's id."""
    cameo = tsv_cell(_cameo(row))
    goldstein = row.get("goldstein")
    if goldstein is None:
        goldstein = _safe(codes.goldstein, cameo)
    return [
        str(stable_integer(row[id_column])), row.get("day") or "",
        *icews_side_cells(row, "actor"),
        tsv_cell(row.get("cameo_label") or _safe(codes.cameo_label, cameo)), cameo,
        tsv_cell(goldstein),
        *icews_side_cells(row, "recipient"),
        str(stable_integer(row["doc_id"])), tsv_cell((row.get("sentence_index") or 0) + 1),
        tsv_cell(row.get("doc_source")), "", "", "", "", "", "",
    ]


# -- PLOVER ------------------------------------------------------------------------------------

# Top-level fields of a PLOVER record as written here, in order (events add n_mentions,
# n_sources and n_articles; mentions add link, the id of the event they report).
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "event", "mode", "context", "actor", "actor_sector", "actor_name", "actor_text",
    "recipient", "recipient_sector", "recipient_name", "recipient_text", "quad_code",
    "event_scale", "cameo", "goldstein", "modality", "confidence", "coder", "text_info",
    "cite_info", "date_info",
)


def plover_record(row: dict[str, Any], what: str) -> dict[str, Any]:
    """One event or mention as a PLOVER JSON record (field names of the PLOVER specification;
    actors and recipients as lists, our modality, CAMEO code and counts as extension fields)."""
    record_id = row["event_id"] if what == "events" else row["mention_id"]
    record: dict[str, Any] = {
        "id": record_id, "date": row.get("day"), "event": row["event_type"], "mode": row.get("mode"),
        "context": _context(row),
    }
    for side in ("actor", "recipient"):
        present = bool(row.get(f"{side}_code") or row.get(f"{side}_text"))
        for part in ("", "_sector", "_name", "_text"):
            value = row.get(f"{side}{part or '_code'}")
            record[f"{side}{part}"] = [value] if present and value is not None else []
    own_date = row.get("date")
    record.update({
        "quad_code": row.get("quad"), "event_scale": row.get("plover_score"),
        "cameo": row.get("cameo"), "goldstein": row.get("goldstein"),
        "modality": row["modality"], "confidence": row.get("confidence"), "coder": row.get("coder"),
        "text_info": {"text": row.get("sentence"), "sentence_ids": [row.get("sentence_index")],
                      "start": row.get("char_start"), "end": row.get("char_end"),
                      "language": row.get("language")},
        "cite_info": {"doc_id": row.get("doc_id"), "url": row.get("doc_url"),
                      "title": row.get("doc_title"), "publication": row.get("doc_source"),
                      "publication_date": row.get("doc_date"), "language": row.get("doc_language")},
        "date_info": {"date": own_date, "precision": row.get("date_precision"),
                      "source": "text" if own_date else ("publication" if row.get("day") else None),
                      "first_seen": row.get("first_seen"), "last_seen": row.get("last_seen")},
    })
    if what == "events":
        record.update(n_mentions=row.get("n_mentions"), n_sources=row.get("n_sources"),
                      n_articles=row.get("n_articles"))
    else:
        record["link"] = row.get("event_id")
    return record
