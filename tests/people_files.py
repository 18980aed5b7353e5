"""What the people-codebook tests share: where the files are, the role keys and sectors a file may
use, the contested offices, and reading dated roles."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import yaml

ACTORS_DIR = Path(__file__).resolve().parents[1] / "src" / "suasion" / "codebooks" / "actors"
PEOPLE_DIR = ACTORS_DIR / "people"

# The keys of `roles` in titles.yaml; a people file may use no other.
ROLE_KEYS = frozenset(
    """head_of_state head_of_government vice_president foreign_minister deputy_foreign_minister
    defence_minister deputy_defence_minister interior_minister finance_minister
    deputy_finance_minister economy_minister trade_minister energy_minister
    health_minister government_spokesperson presidential_spokesperson foreign_ministry_spokesperson
    defence_ministry_spokesperson chief_of_staff national_security_advisor security_council_secretary
    un_ambassador ambassador military_chief intelligence_chief central_bank_governor legislature_speaker
    party_leader opposition_leader org_head state_media_head business_leader""".split()
)
SECTORS = frozenset("GOV MIL ELI OPP PTY BUS JRN CVL REB IGO UNK".split())

# Countries where two authorities claimed the head of state's office at once.
CONTESTED_HEAD_OF_STATE = {
    "LBY": "2011: National Transitional Council recognised while Gaddafi still held Tripoli",
    "VEN": "2019-2023: interim presidency claimed by the National Assembly",
    "NIC": "from 2025-02-18: constitutional co-presidency (Ortega and Murillo)",
}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def as_date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def fold(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return stripped.casefold()


def role_country(person: dict, role: dict) -> str:
    # A role held for another state or body names it; otherwise it is the person's own.
    return role.get("country") or person["country"]


def held(role: dict, on: dt.date) -> bool:
    end = as_date(role["end"])
    return as_date(role["start"]) <= on and (end is None or on < end)


def overlap(first: dict, second: dict) -> bool:
    never = dt.date.max
    return as_date(first["start"]) < (as_date(second["end"]) or never) and as_date(second["start"]) < (
        as_date(first["end"]) or never
    )


def holders(people: list[dict], role_key: str, country: str, on: str) -> set[str]:
    """The names of the people holding an office of a country on a day (YYYY-MM-DD)."""
    day = dt.date.fromisoformat(on)
    return {
        person["name"]
        for person in people
        for role in person["roles"]
        if role["role"] == role_key and role_country(person, role) == country and held(role, day)
    }
