"""Checks the dated people codebooks: format invariants for every people file, spot checks for the world files."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from people_files import (
    CONTESTED_HEAD_OF_STATE, PEOPLE_DIR, ROLE_KEYS, SECTORS, as_date, fold, holders, load, overlap, role_country,
)

WORLD_FILES = ("powers.yaml", "world.yaml", "organisations.yaml")


def _all_people_files() -> list[Path]:
    return sorted(PEOPLE_DIR.glob("*.yaml"))


def _people(files=None) -> list[dict]:
    paths = _all_people_files() if files is None else [PEOPLE_DIR / name for name in files]
    return [person for path in paths for person in load(path)]


@pytest.fixture(scope="module")
def world_people() -> list[dict]:
    return _people(WORLD_FILES)


@pytest.fixture(scope="module")
def every_person() -> list[dict]:
    return _people()


@pytest.mark.parametrize("name", WORLD_FILES)
def test_world_file_parses_and_cites_sources(name):
    path = PEOPLE_DIR / name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# sources:")
    assert "# checked:" in text.split("\n- ", 1)[0]
    people = load(path)
    assert isinstance(people, list) and people
    for person in people:
        assert {"id", "name", "country", "roles"} <= set(person), person.get("id")
        assert isinstance(person.get("aliases", []), list), person["id"]


def test_every_people_file_parses():
    assert _all_people_files()
    for path in _all_people_files():
        people = load(path)
        assert isinstance(people, list), path.name
        assert all(isinstance(person, dict) for person in people), path.name


def test_ids_are_unique_across_all_people_files(every_person):
    seen: dict[str, int] = defaultdict(int)
    for person in every_person:
        seen[person["id"]] += 1
    assert [person_id for person_id, count in seen.items() if count > 1] == []


def test_role_keys_and_sectors_are_known(every_person):
    for person in every_person:
        for role in person["roles"]:
            assert role["role"] in ROLE_KEYS, (person["id"], role["role"])
            assert role.get("sector", "GOV") in SECTORS, (person["id"], role)
            if role["role"] == "ambassador":
                assert role.get("to"), (person["id"], role)


def test_dates_are_iso_and_ordered(every_person):
    for person in every_person:
        for role in person["roles"]:
            assert isinstance(role["start"], str), (person["id"], role)
            assert role["end"] is None or isinstance(role["end"], str), (person["id"], role)
            start, end = as_date(role["start"]), as_date(role["end"])
            assert end is None or start <= end, (person["id"], role)


def test_same_role_of_one_person_never_overlaps(every_person):
    for person in every_person:
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
    for country, country_spells in spells.items():
        if country in CONTESTED_HEAD_OF_STATE:
            continue
        for (first_id, first), (second_id, second) in combinations(country_spells, 2):
            assert not overlap(first, second), (country, first_id, second_id)


def test_no_alias_names_two_people_in_the_world_files(world_people):
    owners = defaultdict(set)
    for person in world_people:
        for spelling in [person["name"], *person.get("aliases", [])]:
            owners[fold(spelling)].add(person["id"])
    assert {spelling: ids for spelling, ids in owners.items() if len(ids) > 1} == {}


# (role, country, date, expected holder that must be among the holders on that date)
SPOT_CHECKS = [
    ("foreign_minister", "USA", "2022-02-16", "Antony Blinken"),
    ("deputy_foreign_minister", "RUS", "2022-01-13", "Sergei Ryabkov"),
    ("presidential_spokesperson", "USA", "2022-02-16", "Jen Psaki"),
    ("foreign_ministry_spokesperson", "USA", "2022-02-16", "Ned Price"),
    ("head_of_state", "USA", "2017-01-19", "Barack Obama"),
    ("head_of_state", "USA", "2017-01-20", "Donald Trump"),
    ("head_of_state", "USA", "2021-01-19", "Donald Trump"),
    ("head_of_state", "USA", "2021-01-20", "Joe Biden"),
    ("head_of_state", "USA", "2025-01-19", "Joe Biden"),
    ("head_of_state", "USA", "2025-01-20", "Donald Trump"),
    ("vice_president", "USA", "2024-06-01", "Kamala Harris"),
    ("vice_president", "USA", "2025-01-20", "JD Vance"),
    ("foreign_minister", "USA", "2025-01-21", "Marco Rubio"),
    ("national_security_advisor", "USA", "2025-04-30", "Mike Waltz"),
    ("national_security_advisor", "USA", "2025-05-01", "Marco Rubio"),
    ("defence_minister", "USA", "2021-01-22", "Lloyd Austin"),
    ("presidential_spokesperson", "USA", "2022-05-12", "Jen Psaki"),
    ("presidential_spokesperson", "USA", "2022-05-13", "Karine Jean-Pierre"),
    ("presidential_spokesperson", "USA", "2025-01-20", "Karoline Leavitt"),
    ("military_chief", "USA", "2023-09-29", "Mark Milley"),
    ("military_chief", "USA", "2023-10-01", "Charles Q. Brown Jr."),
    ("un_ambassador", "USA", "2022-02-16", "Linda Thomas-Greenfield"),
    ("head_of_state", "RUS", "2008-05-06", "Vladimir Putin"),
    ("head_of_state", "RUS", "2008-05-07", "Dmitry Medvedev"),
    ("head_of_state", "RUS", "2012-05-06", "Dmitry Medvedev"),
    ("head_of_state", "RUS", "2012-05-07", "Vladimir Putin"),
    ("head_of_government", "RUS", "2008-05-08", "Vladimir Putin"),
    ("head_of_government", "RUS", "2020-01-15", "Dmitry Medvedev"),
    ("head_of_government", "RUS", "2020-01-16", "Mikhail Mishustin"),
    ("foreign_minister", "RUS", "2004-03-08", "Igor Ivanov"),
    ("foreign_minister", "RUS", "2004-03-09", "Sergey Lavrov"),
    ("defence_minister", "RUS", "2012-11-05", "Anatoly Serdyukov"),
    ("defence_minister", "RUS", "2012-11-06", "Sergei Shoigu"),
    ("defence_minister", "RUS", "2024-05-14", "Andrei Belousov"),
    ("security_council_secretary", "RUS", "2024-05-11", "Nikolai Patrushev"),
    ("security_council_secretary", "RUS", "2024-05-12", "Sergei Shoigu"),
    ("presidential_spokesperson", "RUS", "2022-02-16", "Dmitry Peskov"),
    ("foreign_ministry_spokesperson", "RUS", "2022-02-16", "Maria Zakharova"),
    ("un_ambassador", "RUS", "2022-02-16", "Vassily Nebenzia"),
    ("military_chief", "RUS", "2022-02-16", "Valery Gerasimov"),
    ("head_of_state", "CHN", "2013-03-13", "Hu Jintao"),
    ("head_of_state", "CHN", "2013-03-14", "Xi Jinping"),
    ("head_of_government", "CHN", "2023-03-11", "Li Qiang"),
    ("foreign_minister", "CHN", "2022-12-29", "Wang Yi"),
    ("foreign_minister", "CHN", "2022-12-30", "Qin Gang"),
    ("foreign_minister", "CHN", "2023-07-24", "Qin Gang"),
    ("foreign_minister", "CHN", "2023-07-25", "Wang Yi"),
    ("defence_minister", "CHN", "2023-12-29", "Dong Jun"),
    ("foreign_ministry_spokesperson", "CHN", "2021-03-01", "Zhao Lijian"),
    ("head_of_state", "UKR", "2019-05-19", "Petro Poroshenko"),
    ("head_of_state", "UKR", "2019-05-20", "Volodymyr Zelensky"),
    ("foreign_minister", "UKR", "2024-09-05", "Andrii Sybiha"),
    ("head_of_government", "GBR", "2022-09-05", "Boris Johnson"),
    ("head_of_government", "GBR", "2022-09-06", "Liz Truss"),
    ("head_of_government", "GBR", "2022-10-25", "Rishi Sunak"),
    ("head_of_government", "GBR", "2024-07-05", "Keir Starmer"),
    ("head_of_state", "GBR", "2022-09-08", "Charles III"),
    ("head_of_government", "DEU", "2021-12-07", "Angela Merkel"),
    ("head_of_government", "DEU", "2021-12-08", "Olaf Scholz"),
    ("head_of_government", "DEU", "2025-05-06", "Friedrich Merz"),
    ("head_of_state", "FRA", "2017-05-14", "Emmanuel Macron"),
    ("head_of_government", "JPN", "2025-10-20", "Shigeru Ishiba"),
    ("head_of_government", "JPN", "2025-10-21", "Sanae Takaichi"),
    ("head_of_government", "IND", "2014-05-26", "Narendra Modi"),
    ("head_of_state", "TUR", "2014-08-28", "Recep Tayyip Erdoğan"),
    ("head_of_government", "IRN", "2024-07-28", "Masoud Pezeshkian"),
    ("head_of_government", "ISR", "2021-06-13", "Naftali Bennett"),
    ("head_of_government", "ISR", "2022-12-29", "Benjamin Netanyahu"),
    ("head_of_state", "MLI", "2021-05-28", "Assimi Goïta"),
    ("head_of_state", "BFA", "2022-09-30", "Ibrahim Traoré"),
    ("head_of_state", "NER", "2023-07-26", "Abdourahamane Tchiani"),
    ("head_of_state", "KOR", "2025-06-04", "Lee Jae-myung"),
    ("org_head", "UN", "2016-12-31", "Ban Ki-moon"),
    ("org_head", "UN", "2017-01-01", "António Guterres"),
    ("org_head", "NATO", "2024-09-30", "Jens Stoltenberg"),
    ("org_head", "NATO", "2024-10-01", "Mark Rutte"),
    ("org_head", "EU", "2024-12-01", "Kaja Kallas"),
    ("org_head", "OAS", "2022-02-16", "Luis Almagro"),
    ("org_head", "IMF", "2019-10-01", "Kristalina Georgieva"),
    ("org_head", "WHO", "2020-03-11", "Tedros Adhanom Ghebreyesus"),
    ("org_head", "AU", "2025-02-15", "Mahmoud Ali Youssouf"),
]


@pytest.mark.parametrize(("role_key", "country", "on", "expected"), SPOT_CHECKS)
def test_spot_check_holder_on_date(every_person, role_key, country, on, expected):
    assert expected in holders(every_person, role_key, country, on)


# (role, country, date, holder that must no longer / not yet hold the office on that date)
NOT_HOLDING = [
    ("head_of_state", "USA", "2021-01-20", "Donald Trump"),
    ("head_of_state", "USA", "2025-01-20", "Joe Biden"),
    ("head_of_state", "RUS", "2008-05-07", "Vladimir Putin"),
    ("foreign_minister", "CHN", "2023-07-25", "Qin Gang"),
    ("foreign_minister", "USA", "2025-01-20", "Antony Blinken"),
    ("presidential_spokesperson", "USA", "2022-05-13", "Jen Psaki"),
    ("head_of_government", "GBR", "2022-10-25", "Liz Truss"),
    ("defence_minister", "RUS", "2024-05-14", "Sergei Shoigu"),
    ("org_head", "UN", "2017-01-01", "Ban Ki-moon"),
]


@pytest.mark.parametrize(("role_key", "country", "on", "former"), NOT_HOLDING)
def test_spot_check_office_left(every_person, role_key, country, on, former):
    assert former not in holders(every_person, role_key, country, on)


@pytest.mark.parametrize(
    ("spelling", "person_id"),
    [
        ("Sergei Lavrov", "sergey-lavrov"),
        ("Serguei Lavrov", "sergey-lavrov"),
        ("Sergey Ryabkov", "sergei-ryabkov"),
        ("Vasily Nebenzya", "vassily-nebenzia"),
        ("Dmitri Peskov", "dmitry-peskov"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("Zelenskiy", "volodymyr-zelensky"),
        ("Vladimir Putin", "vladimir-putin"),
        ("Putin", "vladimir-putin"),
        ("Xi", "xi-jinping"),
        ("Blinken", "antony-blinken"),
        ("Goita", "assimi-goita"),
        ("Erdogan", "recep-tayyip-erdogan"),
    ],
)
def test_common_spellings_resolve(world_people, spelling, person_id):
    owners = {
        person["id"]
        for person in world_people
        if fold(spelling) in {fold(s) for s in [person["name"], *person.get("aliases", [])]}
    }
    assert owners == {person_id}
