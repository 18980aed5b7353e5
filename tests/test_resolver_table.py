"""Checks the actor resolver against a table of mentions on dates, and its date and name invariants."""

from __future__ import annotations

import csv
import datetime as dt
import json
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.resolve.actors import ActorResolver
from suasion.resolve.knowledge import build_knowledge

CASES_FILE = Path(__file__).resolve().parent / "data" / "resolver_cases.tsv"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_TEXT = SHARED / "corpus" / "seed" / "seed.txt"
SEED_GOLD = SHARED / "eval" / "gold" / "seed.gold.jsonl"
COLUMNS = ["mention", "date", "language", "code", "sector", "name", "note"]


def _read_cases() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    assert reader.fieldnames == COLUMNS
    return list(reader)


CASES = _read_cases()
# The shipped knowledge only: a user's own actor files must not change what the table expects.
SHIPPED = build_knowledge()


def _case_id(case: dict[str, str]) -> str:
    return f"{case['mention']}@{case['date']}/{case['language'] or '-'}"


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(SHIPPED)


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_mention_resolves_on_its_date(resolver, case):
    resolution = resolver.lookup(case["mention"], case["date"], case["language"] or None)
    actor = resolution.actor
    got = (actor.code or "", actor.sector or "", actor.name or "")
    assert got == (case["code"], case["sector"], case["name"]), resolution.reasons


def test_table_rows_are_well_formed():
    assert len(CASES) >= 300
    for case in CASES:
        dt.date.fromisoformat(case["date"])
        assert case["language"] in ("", "en", "es", "pt"), case
        assert case["mention"] == case["mention"].strip() and case["mention"], case
        if not case["code"]:
            assert not case["name"], case  # nobody is named without a code
    assert len({(c["mention"], c["date"], c["language"]) for c in CASES}) == len(CASES), "duplicate rows"


def test_table_has_enough_role_boundaries():
    """At least 50 rows sit on a change of office: the same mention on two consecutive days."""
    by_day = {(c["mention"], c["language"], c["date"]): c for c in CASES}
    pairs = []
    for (mention, language, day), case in by_day.items():
        next_day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
        if (mention, language, next_day) in by_day:
            pairs.append((case, by_day[(mention, language, next_day)]))
    assert 2 * len(pairs) >= 50
    # Both kinds of change: a named person's sector (GOV -> ELI) and a title's holder.
    assert sum(1 for before, after in pairs if before["sector"] != after["sector"]) >= 10
    assert sum(1 for before, after in pairs if before["name"] != after["name"]) >= 20


def test_table_covers_unknowns_and_three_languages():
    languages = Counter(c["language"] for c in CASES)
    assert all(languages[lang] >= 20 for lang in ("en", "es", "pt")), languages
    assert sum(1 for c in CASES if not c["code"]) >= 20


def test_seed_rows_are_written_so_in_the_article():
    if not SEED_TEXT.exists():
        pytest.skip(f"shared corpus not found at {SEED_TEXT}")
    article = SEED_TEXT.read_text(encoding="utf-8")
    seed_rows = [c for c in CASES if c["note"].startswith("seed")]
    assert len(seed_rows) >= 40
    missing = [c["mention"] for c in seed_rows if c["mention"] not in article]
    assert not missing


def test_named_actors_of_the_seed_gold_resolve_to_their_codes(resolver):
    if not SEED_GOLD.exists():
        pytest.skip(f"shared gold not found at {SEED_GOLD}")
    records = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc_date = next(r["date"] for r in records if r["kind"] == "doc")
    expected = {(r[f"{side}_name"], r[side], r[f"{side}_sector"])
                for r in records if r["kind"] == "event" for side in ("actor", "recipient") if r[f"{side}_name"]}
    assert len(expected) >= 10
    for name, code, sector in sorted(expected):
        actor = resolver.lookup(name, doc_date).actor
        assert (actor.code, actor.sector, actor.name) == (code, sector, name)


# -- invariants over the whole knowledge base ---------------------------------------------------

def test_every_person_is_found_by_name_on_the_first_day_of_each_role(resolver):
    kb = SHIPPED
    names = Counter(person.name for person in kb.people.values())
    for person in kb.people.values():
        if names[person.name] > 1:
            continue
        for role in person.roles:
            if role.start is None:
                continue
            resolution = resolver.lookup(person.name, role.start)
            assert resolution.person_id == person.id, (person.id, role.start, resolution.reasons)
            held = {r.sector for r in person.roles_on(role.start)}
            assert resolution.actor.sector in held, (person.id, role.start, resolution.actor)


def test_offices_are_held_from_start_inclusive_to_end_exclusive():
    kb = SHIPPED
    checked = 0
    for person in kb.people.values():
        for role in person.roles:
            office = role.country or person.country
            same_role = [r for r in person.roles if r.role == role.role and (r.country or person.country) == office]
            if role.start:
                assert person in kb.role_holders(office, role.role, role.start)
                before = (dt.date.fromisoformat(role.start) - dt.timedelta(days=1)).isoformat()
                if not any(r.holds_on(before) for r in same_role):
                    assert person not in kb.role_holders(office, role.role, before)
                checked += 1
            if role.end and not any(r.holds_on(role.end) for r in same_role):
                assert person not in kb.role_holders(office, role.role, role.end)
    assert checked > 1000


def test_shortened_spellings_of_bodies_never_shadow_a_known_word(resolver):
    shortened = resolver._degeminated
    assert shortened.get("tas") and all(t.ref == "TASS" for t in shortened["tas"])
    for word in shortened:
        assert (word,) not in resolver.kb.terms, word
    assert resolver.lookup("tas", "2022-02-16").actor.code is None  # a lower-case word is no name


def test_warm_cache_answers_like_a_fresh_lookup(resolver):
    for case in CASES[:60]:
        cached = resolver.lookup_cached(case["mention"], case["date"], case["language"] or None)
        fresh = resolver.lookup(case["mention"], case["date"], case["language"] or None)
        assert cached.actor == fresh.actor and cached.person_id == fresh.person_id


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


_PEOPLE = sorted(SHIPPED.people.values(), key=lambda p: p.id)
_DAYS = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2026, 12, 31)).map(dt.date.isoformat)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=st.sampled_from(_PEOPLE), day=_DAYS)
def test_names_resolve_alike_with_or_without_accents(resolver, person, day):
    written = resolver.lookup(person.name, day)
    plain = resolver.lookup(_strip_accents(person.name), day)
    assert (plain.person_id, plain.actor.code, plain.actor.sector) == \
        (written.person_id, written.actor.code, written.actor.sector)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=st.sampled_from(_PEOPLE), day=_DAYS)
def test_a_resolved_person_is_coded_by_the_office_held_that_day(resolver, person, day):
    resolution = resolver.lookup(person.name, day)
    if resolution.person_id != person.id:
        return  # a namesake the resolver declined to pick
    held = person.roles_on(day)
    if held:
        assert resolution.actor.sector in {r.sector for r in held}
    elif any(r.end and r.end <= day and r.sector in ("GOV", "MIL") for r in person.roles):
        assert resolution.actor.sector == "ELI"
    else:
        assert resolution.actor.sector == (person.sector_before or "UNK")
