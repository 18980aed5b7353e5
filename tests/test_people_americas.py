"""Checks the people-of-the-Americas actor file: format, consistency of dated roles and known facts."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import defaultdict

import pytest

from suasion import codebooks

PEOPLE_FILE = "actors/people/americas.yaml"

ROLE_KEYS = {
    "head_of_state", "head_of_government", "vice_president", "foreign_minister",
    "deputy_foreign_minister", "defence_minister", "deputy_defence_minister", "interior_minister",
    "finance_minister", "deputy_finance_minister",
    "economy_minister", "trade_minister", "energy_minister", "health_minister",
    "government_spokesperson", "presidential_spokesperson", "foreign_ministry_spokesperson",
    "defence_ministry_spokesperson", "chief_of_staff", "national_security_advisor",
    "security_council_secretary", "un_ambassador", "ambassador", "military_chief",
    "intelligence_chief", "central_bank_governor", "legislature_speaker", "party_leader",
    "opposition_leader", "org_head", "state_media_head", "business_leader",
}

# Every state of the Americas except the United States, which has a file of its own.
AMERICAS = {
    "CAN", "MEX",
    "BLZ", "CRI", "SLV", "GTM", "HND", "NIC", "PAN",
    "ATG", "BHS", "BRB", "CUB", "DMA", "DOM", "GRD", "HTI", "JAM", "KNA", "LCA", "VCT", "TTO",
    "ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN",
}

ROLE_FIELDS = {"role", "start", "end", "sector", "to", "country"}
PERSON_FIELDS = {"id", "name", "country", "aliases", "roles", "sector_before"}

# Offices legally shared by two people at once: (country, role) -> pairs of holders.
SHARED_OFFICES = {
    ("NIC", "head_of_state"): {frozenset({"daniel-ortega", "rosario-murillo"})},      # co-presidency from 2025
    ("NIC", "foreign_minister"): {frozenset({"valdrack-jaentschke", "denis-moncada"})},  # co-ministers from 2025
}

# One holder at a time per country (vice presidencies are excluded: Peru has two at once).
SINGLE_HOLDER_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAR_FUTURE = dt.date(9999, 12, 31)


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return codebooks.load(PEOPLE_FILE)


def _date(text: str | None) -> dt.date:
    return FAR_FUTURE if text is None else dt.date.fromisoformat(text)


def _holders(people: list[dict], country: str, role: str, on: str) -> set[str]:
    day = dt.date.fromisoformat(on)
    return {
        person["id"]
        for person in people
        if person["country"] == country
        for held in person["roles"]
        if held["role"] == role and _date(held["start"]) <= day < _date(held["end"])
    }


def test_file_parses_into_a_list_of_people(people):
    assert isinstance(people, list)
    assert len(people) >= 500


def test_file_names_its_sources_and_check_date():
    header = codebooks.path(PEOPLE_FILE).read_text(encoding="utf-8").splitlines()[:20]
    assert any(line.startswith("# sources:") for line in header)
    assert any(re.match(r"# checked: \d{4}-\d{2}", line) for line in header)


def test_ids_are_unique_slugs(people):
    ids = [person["id"] for person in people]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(person_id) for person_id in ids)


def test_people_have_the_expected_fields(people):
    for person in people:
        assert set(person) <= PERSON_FIELDS, person["id"]
        assert person["name"].strip(), person["id"]
        assert person["country"] in AMERICAS, person["id"]
        assert isinstance(person["aliases"], list), person["id"]
        assert all(isinstance(alias, str) and alias.strip() for alias in person["aliases"]), person["id"]
        assert len(person["aliases"]) == len(set(person["aliases"])), person["id"]
        assert person["roles"], person["id"]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_names_are_shared_only_by_known_namesakes(people):
    # Bare family names shared on purpose: the dates of the roles tell the two apart.
    known_namesakes = {"kirchner": {"nestor-kirchner", "cristina-fernandez-de-kirchner"},
                       "castro": {"fidel-castro", "raul-castro"}}
    owners = defaultdict(set)
    for person in people:
        for name in [person["name"], *person["aliases"]]:
            owners[_folded(name)].add(person["id"])
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert shared == known_namesakes


def test_every_state_of_the_americas_but_the_usa_is_covered(people):
    assert {person["country"] for person in people} == AMERICAS


def test_role_keys_come_from_the_titles_list(people):
    for person in people:
        for held in person["roles"]:
            assert set(held) <= ROLE_FIELDS, (person["id"], held)
            assert held["role"] in ROLE_KEYS, (person["id"], held)
            if held["role"] == "ambassador":
                assert held.get("to"), (person["id"], held)
            if held["role"] == "org_head":
                assert held.get("country"), (person["id"], held)
            if held["role"] == "opposition_leader":
                assert held.get("sector") == "OPP", (person["id"], held)


def test_role_keys_exist_in_titles_codebook(people):
    titles_file = codebooks.path("actors/titles.yaml")
    if not titles_file.exists():
        pytest.skip("actors/titles.yaml is not written yet")
    known = set(codebooks.load("actors/titles.yaml")["roles"])
    used = {held["role"] for person in people for held in person["roles"]}
    assert used <= known, sorted(used - known)


def test_role_dates_are_iso_and_ordered(people):
    for person in people:
        for held in person["roles"]:
            assert ISO_DATE.match(held["start"]), (person["id"], held)
            assert held["end"] is None or ISO_DATE.match(held["end"]), (person["id"], held)
            assert _date(held["start"]) < _date(held["end"]), (person["id"], held)


def test_one_person_never_holds_the_same_role_twice_at_once(people):
    for person in people:
        terms = defaultdict(list)
        for held in person["roles"]:
            terms[(held["role"], held.get("to"), held.get("country"))].append(
                (_date(held["start"]), _date(held["end"])))
        for key, spans in terms.items():
            for (start_a, end_a), (start_b, end_b) in itertools.combinations(spans, 2):
                assert end_a <= start_b or end_b <= start_a, (person["id"], key)


@pytest.mark.parametrize("role", SINGLE_HOLDER_ROLES)
def test_single_holder_offices_never_overlap_within_a_country(people, role):
    terms = defaultdict(list)
    for person in people:
        for held in person["roles"]:
            if held["role"] == role:
                terms[person["country"]].append((_date(held["start"]), _date(held["end"]), person["id"]))
    for country, spans in terms.items():
        for (start_a, end_a, id_a), (start_b, end_b, id_b) in itertools.combinations(spans, 2):
            overlapping = id_a != id_b and start_a < end_b and start_b < end_a
            shared = frozenset({id_a, id_b}) in SHARED_OFFICES.get((country, role), set())
            assert not overlapping or shared, (country, role, id_a, id_b)


def test_every_state_had_a_leader_in_mid_2025(people):
    for country in AMERICAS:
        leaders = (_holders(people, country, "head_of_state", "2025-06-01")
                   | _holders(people, country, "head_of_government", "2025-06-01"))
        assert leaders, country


SPOT_CHECKS = [
    ("BRA", "foreign_minister", "2022-02-16", {"carlos-franca"}),
    ("BRA", "foreign_minister", "2021-03-28", {"ernesto-araujo"}),
    ("BRA", "foreign_minister", "2008-06-01", {"celso-amorim"}),
    ("BRA", "defence_minister", "2012-06-01", {"celso-amorim"}),
    ("BRA", "head_of_state", "2005-01-01", {"luiz-inacio-lula-da-silva"}),
    ("BRA", "head_of_state", "2017-01-01", {"michel-temer"}),
    ("BRA", "head_of_state", "2022-12-31", {"jair-bolsonaro"}),
    ("BRA", "head_of_state", "2023-01-01", {"luiz-inacio-lula-da-silva"}),
    ("BRA", "vice_president", "2020-06-01", {"hamilton-mourao"}),
    ("BRA", "vice_president", "2024-06-01", {"geraldo-alckmin"}),
    ("ARG", "head_of_state", "2010-01-01", {"cristina-fernandez-de-kirchner"}),
    ("ARG", "head_of_state", "2023-12-09", {"alberto-fernandez"}),
    ("ARG", "head_of_state", "2023-12-10", {"javier-milei"}),
    ("ARG", "vice_president", "2021-01-01", {"cristina-fernandez-de-kirchner"}),
    ("ARG", "foreign_minister", "2024-01-01", {"diana-mondino"}),
    ("MEX", "head_of_state", "2024-09-30", {"andres-manuel-lopez-obrador"}),
    ("MEX", "head_of_state", "2024-10-01", {"claudia-sheinbaum"}),
    ("MEX", "foreign_minister", "2020-01-01", {"marcelo-ebrard"}),
    ("COL", "head_of_state", "2023-01-01", {"gustavo-petro"}),
    ("COL", "foreign_minister", "2015-01-01", {"maria-angela-holguin"}),
    ("VEN", "head_of_state", "2010-01-01", {"hugo-chavez"}),
    ("VEN", "head_of_state", "2019-06-01", {"nicolas-maduro"}),
    ("VEN", "foreign_minister", "2019-06-01", {"jorge-arreaza"}),
    ("VEN", "vice_president", "2020-01-01", {"delcy-rodriguez"}),
    ("VEN", "defence_minister", "2020-01-01", {"vladimir-padrino-lopez"}),
    ("CUB", "head_of_state", "2010-01-01", {"raul-castro"}),
    ("CUB", "head_of_state", "2019-01-01", {"miguel-diaz-canel"}),
    ("CUB", "foreign_minister", "2015-01-01", {"bruno-rodriguez-parrilla"}),
    ("CHL", "head_of_state", "2011-01-01", {"sebastian-pinera"}),
    ("CHL", "head_of_state", "2023-06-01", {"gabriel-boric"}),
    ("PER", "head_of_state", "2022-01-01", {"pedro-castillo"}),
    ("PER", "head_of_state", "2023-06-01", {"dina-boluarte"}),
    ("ECU", "head_of_state", "2015-01-01", {"rafael-correa"}),
    ("BOL", "head_of_state", "2010-01-01", {"evo-morales"}),
    ("BOL", "head_of_state", "2020-06-01", {"jeanine-anez"}),
    ("URY", "head_of_state", "2012-01-01", {"jose-mujica"}),
    ("PRY", "head_of_state", "2024-01-01", {"santiago-pena"}),
    ("NIC", "vice_president", "2020-01-01", {"rosario-murillo"}),
    ("NIC", "head_of_state", "2025-06-01", {"daniel-ortega", "rosario-murillo"}),
    ("SLV", "head_of_state", "2020-01-01", {"nayib-bukele"}),
    ("GTM", "head_of_state", "2024-06-01", {"bernardo-arevalo"}),
    ("HND", "head_of_state", "2023-01-01", {"xiomara-castro"}),
    ("PAN", "head_of_state", "2025-01-01", {"jose-raul-mulino"}),
    ("DOM", "head_of_state", "2021-01-01", {"luis-abinader"}),
    ("HTI", "head_of_government", "2022-01-01", {"ariel-henry"}),
    ("CAN", "head_of_government", "2010-01-01", {"stephen-harper"}),
    ("CAN", "head_of_government", "2016-01-01", {"justin-trudeau"}),
    ("CAN", "head_of_government", "2025-03-14", {"mark-carney"}),
    ("CAN", "foreign_minister", "2018-01-01", {"chrystia-freeland"}),
    ("JAM", "head_of_government", "2020-01-01", {"andrew-holness"}),
    ("TTO", "head_of_government", "2020-01-01", {"keith-rowley"}),
    # the day before and the day a change of office takes effect
    ("BRA", "foreign_minister", "2021-04-06", {"carlos-franca"}),
    ("ARG", "foreign_minister", "2025-10-27", set()),
    ("ARG", "foreign_minister", "2025-10-28", {"pablo-quirno"}),
    ("VEN", "head_of_state", "2026-01-02", {"nicolas-maduro"}),
    ("VEN", "head_of_state", "2026-01-03", {"delcy-rodriguez"}),
    ("PER", "head_of_state", "2025-10-09", {"dina-boluarte"}),
    ("PER", "head_of_state", "2025-10-10", {"jose-jeri"}),
    ("PER", "head_of_state", "2026-02-18", {"jose-maria-balcazar"}),
    ("BOL", "head_of_state", "2025-11-07", {"luis-arce"}),
    ("BOL", "head_of_state", "2025-11-08", {"rodrigo-paz"}),
    ("CHL", "head_of_state", "2026-03-10", {"gabriel-boric"}),
    ("CHL", "head_of_state", "2026-03-11", {"jose-antonio-kast"}),
    ("HND", "head_of_state", "2026-01-27", {"nasry-asfura"}),
    ("VCT", "head_of_government", "2025-11-28", {"godwin-friday"}),
]


@pytest.mark.parametrize(("country", "role", "on", "expected"), SPOT_CHECKS)
def test_known_office_holders(people, country, role, on, expected):
    assert _holders(people, country, role, on) == expected


def test_guaido_interim_presidency_claim_is_an_opposition_role(people):
    guaido = next(person for person in people if person["id"] == "juan-guaido")
    claim = [held for held in guaido["roles"] if held["role"] == "opposition_leader"]
    assert claim == [{"role": "opposition_leader", "sector": "OPP",
                      "start": "2019-01-23", "end": "2023-01-05"}]
    assert all(held["role"] != "head_of_state" for held in guaido["roles"])
