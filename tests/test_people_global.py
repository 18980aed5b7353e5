"""Checks the world-leaders people file (global.yaml): format, consistency with the other people files, known facts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from people_files import (
    ACTORS_DIR, CONTESTED_HEAD_OF_STATE, PEOPLE_DIR, ROLE_KEYS, SECTORS, as_date, fold, held, holders, load,
    overlap, role_country,
)

from suasion.resolve.knowledge import build_knowledge

GLOBAL_FILE = PEOPLE_DIR / "global.yaml"
TODAY = dt.date(2026, 11, 28)

PERSON_FIELDS = frozenset({"id", "name", "country", "aliases", "roles", "sector_before"})
ROLE_FIELDS = frozenset({"role", "start", "end", "sector", "to", "country"})

# Every UN member state, plus Taiwan, Palestine and Kosovo.
UN_MEMBERS_AND_OTHERS = frozenset(
    """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
    BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM
    ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL
    IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI
    MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN
    PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE
    SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR
    ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE TWN PSE XKX""".split()
)

# Single words that must never be an alias on their own: common English words, weekdays and months.
NOT_A_NAME = frozenset(
    """may june july august march april january february september october november december monday tuesday
    wednesday thursday friday saturday sunday will mark grant rose hope faith joy major banana bush rice
    young king queen pope prince sheikh president deal price gay long stone brown white black green power
    church win sun moon star case page just bill bob pat dr sir lord general""".split()
)


@pytest.fixture(scope="module")
def global_people() -> list[dict]:
    return load(GLOBAL_FILE)


@pytest.fixture(scope="module")
def other_people() -> list[dict]:
    return [person for path in sorted(PEOPLE_DIR.glob("*.yaml")) if path != GLOBAL_FILE for person in load(path)]


@pytest.fixture(scope="module")
def every_person(global_people, other_people) -> list[dict]:
    return [*other_people, *global_people]


@pytest.fixture(scope="module")
def known_codes() -> set[str]:
    countries = {entry["iso3"] for entry in load(ACTORS_DIR / "countries.yaml")}
    organisations = {str(entry["code"]) for entry in load(ACTORS_DIR / "organisations.yaml")}
    return countries | organisations


# -- format ------------------------------------------------------------------------------------

def test_file_parses_and_cites_sources(global_people):
    header = GLOBAL_FILE.read_text(encoding="utf-8").split("\n- ", 1)[0]
    assert header.startswith("# sources:")
    assert "# checked: 2026-11" in header
    assert isinstance(global_people, list)
    assert len(global_people) >= 1200


def test_people_have_only_known_fields(global_people):
    for person in global_people:
        assert {"id", "name", "country", "roles"} <= set(person) <= PERSON_FIELDS, person.get("id")
        assert isinstance(person.get("aliases", []), list), person["id"]
        assert person["roles"], person["id"]
        for role in person["roles"]:
            assert set(role) <= ROLE_FIELDS, (person["id"], role)


def test_ids_are_unique_across_all_people_files(every_person):
    counts: dict[str, int] = defaultdict(int)
    for person in every_person:
        counts[person["id"]] += 1
    assert [person_id for person_id, count in counts.items() if count > 1] == []


def test_nobody_in_another_file_is_listed_again(global_people, other_people):
    elsewhere = {fold(person["name"]): person["id"] for person in other_people}
    repeated = {person["id"]: elsewhere[fold(person["name"])]
                for person in global_people if fold(person["name"]) in elsewhere}
    assert repeated == {}


def test_role_keys_sectors_and_codes_are_known(global_people, known_codes):
    for person in global_people:
        assert person["country"] in known_codes, person["id"]
        for role in person["roles"]:
            assert role["role"] in ROLE_KEYS, (person["id"], role["role"])
            assert role.get("sector", "GOV") in SECTORS, (person["id"], role)
            assert role.get("country", person["country"]) in known_codes, (person["id"], role)
            if role["role"] == "ambassador":
                assert role.get("to") in known_codes, (person["id"], role)
            if role["role"] == "org_head":
                assert role.get("country") and role.get("sector") == "IGO", (person["id"], role)


def test_dates_are_iso_ordered_and_not_in_the_future(global_people):
    for person in global_people:
        for role in person["roles"]:
            assert isinstance(role["start"], str), (person["id"], role)
            assert role["end"] is None or isinstance(role["end"], str), (person["id"], role)
            start, end = as_date(role["start"]), as_date(role["end"])
            assert start <= TODAY, (person["id"], role)
            assert end is None or start < end, (person["id"], role)


def test_no_alias_is_a_common_word(global_people):
    for person in global_people:
        for alias in person.get("aliases", []):
            assert fold(alias) not in NOT_A_NAME, (person["id"], alias)
            assert len(alias) >= 3, (person["id"], alias)


def test_every_state_has_someone(every_person):
    covered = {role_country(person, role) for person in every_person for role in person["roles"]}
    assert sorted(UN_MEMBERS_AND_OTHERS - covered) == []


# -- consistency -------------------------------------------------------------------------------

def test_same_role_of_one_person_never_overlaps(global_people):
    for person in global_people:
        by_office = defaultdict(list)
        for role in person["roles"]:
            by_office[(role["role"], role.get("to"), role_country(person, role))].append(role)
        for office, spells in by_office.items():
            for first, second in combinations(spells, 2):
                assert not overlap(first, second), (person["id"], office, first, second)


def test_one_head_of_state_at_a_time(every_person):
    spells = defaultdict(list)
    for person in every_person:
        for role in person["roles"]:
            if role["role"] == "head_of_state":
                spells[role_country(person, role)].append((person["id"], role))
    clashes = [
        (country, first_id, second_id)
        for country, country_spells in spells.items()
        if country not in CONTESTED_HEAD_OF_STATE
        for (first_id, first), (second_id, second) in combinations(country_spells, 2)
        if overlap(first, second)
    ]
    assert clashes == []


@pytest.fixture(scope="module")
def knowledge():
    return build_knowledge()


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(1980, 1, 1), max_value=TODAY),
       country=st.sampled_from(sorted(UN_MEMBERS_AND_OTHERS - set(CONTESTED_HEAD_OF_STATE))))
def test_the_loaded_knowledge_names_the_same_single_head_of_state(knowledge, every_person, day, country):
    expected = {
        person["id"]
        for person in every_person
        for role in person["roles"]
        if role["role"] == "head_of_state" and role_country(person, role) == country and held(role, day)
    }
    loaded = {person.id for person in knowledge.role_holders(country, "head_of_state", day.isoformat())}
    assert loaded == expected
    assert len(loaded) <= 1


# -- known facts -------------------------------------------------------------------------------

# (role, country, date, expected holder that must be among the holders on that date)
SPOT_CHECKS = [
    ("head_of_state", "RUS", "1991-12-24", "Mikhail Gorbachev"),
    ("head_of_state", "RUS", "1991-12-25", "Boris Yeltsin"),
    ("head_of_state", "RUS", "1999-12-30", "Boris Yeltsin"),
    ("head_of_government", "GBR", "1990-11-27", "Margaret Thatcher"),
    ("head_of_government", "GBR", "1990-11-28", "John Major"),
    ("head_of_government", "GBR", "1997-05-01", "John Major"),
    ("head_of_government", "DEU", "1982-10-01", "Helmut Kohl"),
    ("head_of_government", "DEU", "1998-10-26", "Helmut Kohl"),
    ("head_of_state", "FRA", "1981-05-21", "François Mitterrand"),
    ("head_of_state", "FRA", "1995-05-16", "François Mitterrand"),
    ("head_of_state", "USA", "1989-01-19", "Ronald Reagan"),
    ("head_of_state", "USA", "1989-01-20", "George H. W. Bush"),
    ("head_of_state", "USA", "1993-01-19", "George H. W. Bush"),
    ("head_of_state", "ZAF", "1994-05-09", "F. W. de Klerk"),
    ("head_of_state", "ZAF", "1994-05-10", "Nelson Mandela"),
    ("head_of_state", "PSE", "2004-11-10", "Yasser Arafat"),
    ("head_of_state", "PSE", "2005-01-15", "Mahmoud Abbas"),
    ("head_of_state", "JOR", "1999-02-06", "Hussein of Jordan"),
    ("head_of_state", "JOR", "1999-02-07", "Abdullah II"),
    ("head_of_state", "MAR", "1999-07-22", "Hassan II"),
    ("head_of_state", "CIV", "2005-06-01", "Laurent Gbagbo"),
    ("head_of_state", "CIV", "2011-04-11", "Alassane Ouattara"),
    ("head_of_state", "IRQ", "2003-04-08", "Saddam Hussein"),
    ("head_of_government", "IRQ", "2006-05-20", "Nouri al-Maliki"),
    ("head_of_state", "TUN", "2011-01-13", "Zine El Abidine Ben Ali"),
    ("head_of_state", "TUN", "2019-10-23", "Kais Saied"),
    ("head_of_state", "EGY", "1981-10-05", "Anwar Sadat"),
    ("head_of_state", "IDN", "1998-05-20", "Suharto"),
    ("head_of_state", "IDN", "1998-05-21", "B. J. Habibie"),
    ("head_of_state", "PHL", "1986-02-25", "Corazon Aquino"),
    ("head_of_government", "IND", "1984-10-31", "Rajiv Gandhi"),
    ("head_of_government", "ISR", "1995-11-03", "Yitzhak Rabin"),
    ("head_of_state", "TZA", "2021-03-19", "Samia Suluhu Hassan"),
    ("head_of_state", "ZMB", "2021-08-24", "Hakainde Hichilema"),
    ("head_of_state", "KEN", "2002-12-29", "Daniel arap Moi"),
    ("head_of_state", "POL", "1990-12-22", "Lech Wałęsa"),
    ("head_of_state", "CZE", "1993-02-02", "Václav Havel"),
    ("head_of_state", "AFG", "2021-08-14", "Ashraf Ghani"),
    ("head_of_state", "AFG", "2021-08-15", "Hibatullah Akhundzada"),
    ("head_of_government", "JPN", "1989-06-03", "Sōsuke Uno"),
    ("head_of_state", "VAT", "2013-03-13", "Pope Francis"),
    ("head_of_state", "VAT", "2025-05-08", "Leo XIV"),
    ("head_of_government", "AUS", "1983-03-11", "Bob Hawke"),
    ("head_of_state", "ARG", "1989-07-08", "Carlos Menem"),
    ("head_of_state", "CHL", "1990-03-11", "Patricio Aylwin"),
    ("head_of_state", "KOR", "1988-02-25", "Roh Tae-woo"),
    ("head_of_government", "THA", "2001-02-09", "Thaksin Shinawatra"),
    ("head_of_state", "PAK", "1988-08-16", "Muhammad Zia-ul-Haq"),
    ("head_of_government", "PAK", "1988-12-02", "Benazir Bhutto"),
    ("head_of_state", "IRN", "1989-06-02", "Ruhollah Khomeini"),
    ("head_of_state", "SYR", "1999-01-01", "Hafez al-Assad"),
    ("head_of_government", "LBN", "2005-02-14", "Omar Karami"),
    ("foreign_minister", "RUS", "1985-07-01", "Andrei Gromyko"),
    ("foreign_minister", "RUS", "1985-07-02", "Eduard Shevardnadze"),
    ("foreign_minister", "JOR", "2017-01-15", "Ayman Safadi"),
    ("foreign_minister", "IRQ", "2003-09-03", "Hoshyar Zebari"),
]


@pytest.mark.parametrize(("role_key", "country", "on", "expected"), SPOT_CHECKS)
def test_spot_check_holder_on_date(every_person, role_key, country, on, expected):
    assert expected in holders(every_person, role_key, country, on)


# (role, country, date, holder that must no longer / not yet hold the office on that date)
NOT_HOLDING = [
    ("head_of_state", "RUS", "1991-12-25", "Mikhail Gorbachev"),
    ("head_of_state", "RUS", "1999-12-31", "Boris Yeltsin"),
    ("head_of_government", "GBR", "1990-11-28", "Margaret Thatcher"),
    ("head_of_state", "USA", "1989-01-20", "Ronald Reagan"),
    ("head_of_state", "TUN", "2011-01-14", "Zine El Abidine Ben Ali"),
    ("head_of_state", "JOR", "1999-02-07", "Hussein of Jordan"),
    ("head_of_state", "VAT", "2025-04-21", "Pope Francis"),
    ("head_of_state", "ZAF", "1994-05-10", "F. W. de Klerk"),
]


@pytest.mark.parametrize(("role_key", "country", "on", "former"), NOT_HOLDING)
def test_spot_check_office_left(every_person, role_key, country, on, former):
    assert former not in holders(every_person, role_key, country, on)


@pytest.mark.parametrize(
    ("person_id", "on", "sector"),
    [
        ("osama-bin-laden", "2001-09-11", "REB"),
        ("yasser-arafat", "1985-06-01", "REB"),
        ("hassan-nasrallah", "2006-07-12", "REB"),
        ("abdullah-ocalan", "1999-02-15", "REB"),
        ("desmond-tutu", "1990-01-01", "CVL"),
        ("alexei-navalny", "2020-08-20", "OPP"),
        ("aung-san-suu-kyi", "2010-11-13", "OPP"),
        ("aung-san-suu-kyi", "2017-01-01", "GOV"),
    ],
)
def test_non_state_figures_carry_their_sector(knowledge, person_id, on, sector):
    assert sector in {role.sector for role in knowledge.people[person_id].roles_on(on)}


@pytest.mark.parametrize(
    ("spelling", "person_id"),
    [
        ("Arafat", "yasser-arafat"),
        ("Abu Mazen", "mahmoud-abbas"),
        ("Yeltsin", "boris-yeltsin"),
        ("Gorbachev", "mikhail-gorbachev"),
        ("Kohl", "helmut-kohl"),
        ("Thatcher", "margaret-thatcher"),
        ("Nasrallah", "hassan-nasrallah"),
        ("Ocalan", "abdullah-ocalan"),
        ("Suu Kyi", "aung-san-suu-kyi"),
        ("Sheikh Hasina", "sheikh-hasina"),
        ("King Hussein", "hussein-of-jordan"),
        ("Gbagbo", "laurent-gbagbo"),
        ("Bush Sr.", "george-h-w-bush"),
        ("Pope Francis", "pope-francis"),
    ],
)
def test_common_spellings_name_one_person(every_person, spelling, person_id):
    owners = {
        person["id"]
        for person in every_person
        if fold(spelling) in {fold(s) for s in [person["name"], *person.get("aliases", [])]}
    }
    assert owners == {person_id}
