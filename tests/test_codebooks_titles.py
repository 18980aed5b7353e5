"""Completeness and consistency of the titles, roles and sector nouns in actors/titles.yaml."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pytest

from suasion import codebooks
from suasion.model.records import SECTORS

TITLES = codebooks.load("actors/titles.yaml")
LANGUAGES = ("en", "es", "pt")
ROLE_KEYS = {"sector", "note"}

# The role keys every people file may use (the shared list; titles.yaml may add more).
SHARED_ROLES = {
    "head_of_state": "GOV", "head_of_government": "GOV", "vice_president": "GOV",
    "foreign_minister": "GOV", "deputy_foreign_minister": "GOV", "defence_minister": "GOV",
    "deputy_defence_minister": "GOV", "interior_minister": "GOV", "finance_minister": "GOV",
    "deputy_finance_minister": "GOV", "economy_minister": "GOV",
    "trade_minister": "GOV", "energy_minister": "GOV", "health_minister": "GOV",
    "government_spokesperson": "GOV", "presidential_spokesperson": "GOV",
    "foreign_ministry_spokesperson": "GOV", "defence_ministry_spokesperson": None,
    "chief_of_staff": "GOV", "national_security_advisor": "GOV",
    "security_council_secretary": "GOV", "un_ambassador": "GOV", "ambassador": "GOV",
    "military_chief": "MIL", "intelligence_chief": None, "central_bank_governor": "GOV",
    "legislature_speaker": "GOV", "party_leader": "PTY", "opposition_leader": "OPP",
    "org_head": "IGO", "state_media_head": "JRN", "business_leader": "BUS",
}
ADDED_ROLES = {"deputy_head_of_government": "GOV", "legislator": "GOV", "governor": "GOV",
               "mayor": "GOV"}


def fold(phrase: str) -> str:
    """Case, accents and spacing ignored, as the name matcher does."""
    decomposed = unicodedata.normalize("NFKD", str(phrase).lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def roles_by_phrase(language: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for role, spec in TITLES["roles"].items():
        for phrase in spec.get(language) or ():
            found[fold(phrase)].add(role)
    return found


def test_file_states_sources_and_check_date():
    head = [line for line in codebooks.path("actors/titles.yaml").read_text(encoding="utf-8")
            .splitlines() if line.startswith("#")]
    assert any(line.startswith("# sources:") for line in head)
    assert "# checked: 2026-11" in head


@pytest.mark.parametrize("role", sorted({**SHARED_ROLES, **ADDED_ROLES}))
def test_every_required_role_is_present_with_its_sector(role):
    expected = {**SHARED_ROLES, **ADDED_ROLES}[role]
    assert role in TITLES["roles"], f"{role} missing from titles.yaml"
    sector = TITLES["roles"][role]["sector"]
    assert sector in SECTORS
    if expected is not None:
        assert sector == expected


@pytest.mark.parametrize("role", sorted(TITLES["roles"]))
def test_every_role_has_titles_in_each_language_and_nothing_else(role):
    spec = TITLES["roles"][role]
    assert spec["sector"] in SECTORS and spec["sector"] != "UNK"
    assert set(spec) - ROLE_KEYS == set(LANGUAGES), "a role holds only sector, note and languages"
    for language in LANGUAGES:
        phrases = spec[language]
        assert phrases and all(isinstance(p, str) and p.strip() for p in phrases)
        folded = [fold(p) for p in phrases]
        assert len(folded) == len(set(folded)), f"{role}/{language} lists a phrase twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_phrase_names_two_roles_unless_declared_ambiguous(language):
    declared = {fold(phrase): set(roles)
                for phrase, roles in ((TITLES.get("ambiguous") or {}).get(language) or {}).items()}
    clashes = {phrase: roles for phrase, roles in roles_by_phrase(language).items() if len(roles) > 1}
    assert clashes == declared


def test_ambiguous_entries_name_known_roles():
    for language, entries in (TITLES.get("ambiguous") or {}).items():
        assert language in LANGUAGES
        for roles in entries.values():
            assert len(roles) >= 2 and set(roles) <= set(TITLES["roles"])


@pytest.mark.parametrize("language,phrase,role", [
    ("es", "presidenta", "head_of_state"), ("pt", "presidenta", "head_of_state"),
    ("es", "canciller", "foreign_minister"), ("pt", "chanceler", "foreign_minister"),
    ("es", "vicecanciller", "deputy_foreign_minister"), ("pt", "vice-chanceler", "deputy_foreign_minister"),
    ("en", "secretary of state", "foreign_minister"), ("es", "secretario de Estado", "foreign_minister"),
    ("pt", "secretário de Estado", "foreign_minister"),
    ("en", "vice foreign minister", "deputy_foreign_minister"),
    ("es", "viceministro de Relaciones Exteriores", "deputy_foreign_minister"),
    ("pt", "vice-ministro das Relações Exteriores", "deputy_foreign_minister"),
    ("en", "premier", "head_of_government"), ("pt", "primeiro-ministro", "head_of_government"),
    ("es", "primer ministro", "head_of_government"), ("en", "vice premier", "deputy_head_of_government"),
    ("pt", "vice-premiê", "deputy_head_of_government"),
    ("en", "secretary of defense", "defence_minister"), ("es", "ministro de Defensa", "defence_minister"),
    ("pt", "ministro da Defesa", "defence_minister"), ("en", "press secretary", "government_spokesperson"),
    ("es", "vocera", "government_spokesperson"), ("pt", "porta-voz", "government_spokesperson"),
    ("en", "national security advisor", "national_security_advisor"),
    ("en", "chief of staff", "chief_of_staff"),
    ("en", "chief of staff of the armed forces", "military_chief"),
    ("en", "general", "military_officer"), ("pt", "deputado", "legislator"),
    ("es", "diputado", "legislator"), ("en", "senator", "legislator"), ("pt", "governador", "governor"),
    ("es", "alcalde", "mayor"), ("pt", "prefeito", "mayor"),
    ("es", "líder opositor", "opposition_leader"), ("pt", "líder da oposição", "opposition_leader"),
    ("en", "strongman", "head_of_state"), ("es", "mandatario", "head_of_state"),
    ("pt", "ditador", "head_of_state"), ("es", "rey", "head_of_state"), ("en", "emir", "head_of_state"),
    ("en", "crown prince", "heir_apparent"),
])
def test_titles_named_in_the_annotation_work_resolve_to_their_role(language, phrase, role):
    assert role in roles_by_phrase(language)[fold(phrase)]


def test_accent_free_spelling_finds_the_same_role():
    assert roles_by_phrase("pt")[fold("vice-premie")] == {"deputy_head_of_government"}
    assert roles_by_phrase("es")[fold("lider opositor")] == {"opposition_leader"}


@pytest.mark.parametrize("sector", [s for s in SECTORS if s != "UNK"])
def test_sector_nouns_exist_for_each_language(sector):
    nouns = TITLES["sectors"][sector]
    for language in LANGUAGES:
        assert nouns.get(language), f"no {language} nouns for {sector}"
        folded = [fold(n) for n in nouns[language]]
        assert len(folded) == len(set(folded))


def test_sector_keys_are_sectors():
    assert set(TITLES["sectors"]) <= set(SECTORS) - {"UNK"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_noun_names_two_sectors(language):
    owner: dict[str, str] = {}
    for sector, nouns in TITLES["sectors"].items():
        for noun in nouns.get(language) or ():
            assert owner.setdefault(fold(noun), sector) == sector, f"{noun} is {owner[fold(noun)]} and {sector}"


@pytest.mark.parametrize("language,noun,sector", [
    ("en", "troops", "MIL"), ("es", "fuerzas armadas", "MIL"), ("pt", "Forças Armadas", "MIL"),
    ("en", "state media", "JRN"), ("pt", "imprensa", "JRN"), ("es", "periodistas", "JRN"),
    ("en", "consortium", "BUS"), ("es", "empresa estatal", "BUS"), ("pt", "consórcio", "BUS"),
    ("en", "government", "GOV"), ("es", "cancillería", "GOV"), ("pt", "chancelaria", "GOV"),
    ("en", "opposition", "OPP"), ("pt", "oposição", "OPP"), ("es", "partido", "PTY"),
    ("en", "protesters", "CVL"), ("es", "guerrilla", "REB"), ("pt", "mercenários", "REB"),
])
def test_common_sector_nouns(language, noun, sector):
    assert fold(noun) in {fold(n) for n in TITLES["sectors"][sector][language]}


@pytest.mark.parametrize("section", ["former", "honorifics"])
def test_former_markers_and_honorifics_cover_each_language(section):
    for language in LANGUAGES:
        assert TITLES[section][language], f"{section} has no {language} entries"


def test_former_markers_include_the_usual_forms():
    former = {language: {fold(m) for m in TITLES["former"][language]} for language in LANGUAGES}
    assert {"former", "ex", "ex-", "onetime"} <= former["en"]
    assert {"antiguo", "exministro", "expresidente"} <= former["es"]
    assert {"ex-ministro", "ex-presidente"} <= former["pt"]


def test_honorifics_include_the_usual_forms():
    honorifics = {language: {fold(h) for h in TITLES["honorifics"][language]} for language in LANGUAGES}
    assert {"mr.", "mrs.", "ms.", "dr."} <= honorifics["en"]
    assert {"sr.", "sra.", "senor", "dona"} <= honorifics["es"]
    assert {"senhor", "dona"} <= honorifics["pt"]
