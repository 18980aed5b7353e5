"""User actor files (YAML, CSV, PETRARCH dictionaries) and the `suasion actors` commands."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import suasion.resolve.actors as actors_module
import suasion.resolve.knowledge as knowledge_module
from suasion.cli import actors_cmd
from suasion.cli.main import cli
from suasion.model.errors import SuasionError
from suasion.resolve.actors import ActorResolver
from suasion.resolve.knowledge import Knowledge, load_countries, load_people, load_titles
from suasion.resolve.text import fold
from suasion.resolve.user_actors import (
    convert_petrarch,
    detect_format,
    dump_document,
    load_user_file,
    petrarch_date,
    read_user_file,
    slugify,
    user_actor_files,
)

# A knowledge base under the tests' control: the shipped codebooks change while the project grows.
COUNTRIES_YAML = """\
- {iso3: RUS, cameo: RUS, names: {en: [Russia]}, demonyms: {en: [Russian]}}
- {iso3: BRA, cameo: BRA, names: {en: [Brazil]}, demonyms: {en: [Brazilian]}}
- {iso3: USA, cameo: USA, names: {en: [United States]}, demonyms: {en: [American]}}
- {iso3: DEU, cameo: GMY, names: {en: [Germany]}, demonyms: {en: [German]}}
"""
TITLES_YAML = """\
roles:
  head_of_state: {sector: GOV, en: [president]}
  foreign_minister: {sector: GOV, en: [foreign minister]}
  opposition_leader: {sector: OPP, en: [opposition leader]}
sectors:
  MIL: {en: [army, military]}
"""


def small_kb() -> Knowledge:
    import yaml

    kb = Knowledge()
    load_titles(kb, yaml.safe_load(TITLES_YAML))
    load_countries(kb, yaml.safe_load(COUNTRIES_YAML))
    return kb


def resolve(kb: Knowledge, text: str, date: str | None):
    return ActorResolver(kb).lookup(text, date).actor


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- YAML and CSV user files ----------------------------------------------------------------------------
def test_yaml_people_list_adds_people_whose_roles_resolve_by_date(tmp_path):
    kb = small_kb()
    load_user_file(kb, write(tmp_path / "mine.yaml", """\
# my additions
- name: Olga Zyryanova
  country: RUS
  aliases: [Zyryanova]
  roles:
    - {role: foreign_minister, start: "2031-03-01", end: "2033-03-01"}
    - {role: opposition_leader, start: 2034-01-01, end: null}
"""))
    assert kb.people["olga-zyryanova"].country == "RUS"
    assert resolve(kb, "Zyryanova", "2030-01-01").sector == "UNK"  # before any role
    assert resolve(kb, "Zyryanova", "2032-01-01").sector == "GOV"
    assert resolve(kb, "Zyryanova", "2033-06-01").sector == "ELI"  # former official between roles
    assert resolve(kb, "Zyryanova", "2035-01-01").sector == "OPP"  # sector from titles.yaml
    assert resolve(kb, "Olga Zyryanova", "2032-01-01").code == "RUS"


def test_yaml_mapping_adds_people_entities_and_country_aliases(tmp_path):
    kb = small_kb()
    load_user_file(kb, write(tmp_path / "mine.yml", """\
people:
  - {id: ze-ninguem, name: Zé Ninguém, country: BRA, roles: [{role: head_of_state, start: "2040-01-01"}]}
entities:
  - {name: Quillfeather Gazette, country: USA, sector: JRN, aliases: [Quillfeather]}
countries:
  - {iso3: BRA, names: [Pindorama], seats: [{names: [Forte Apache], sector: MIL}]}
"""))
    assert resolve(kb, "Ninguém", "2041-01-01").sector == "GOV"
    assert resolve(kb, "Quillfeather", None).code == "USA"
    assert resolve(kb, "Quillfeather", None).sector == "JRN"
    assert resolve(kb, "Pindorama", None).code == "BRA"
    assert resolve(kb, "Forte Apache", None).sector == "MIL"
    assert "Pindorama" not in str(kb.countries["BRA"])  # only terms are added; the country entry is kept


def test_csv_rows_with_one_name_are_roles_of_one_person(tmp_path):
    kb = small_kb()
    load_user_file(kb, write(tmp_path / "people.csv", """\
name,country,role,sector,start,end,aliases
Dario Quintela,BRA,foreign_minister,,2031-01-01,2032-01-01,Quintela;D. Quintela
Dario Quintela,BRA,head_of_state,,2032-01-01,,
"Vance, Harlow",USA,opposition_leader,OPP,2030-05-01,,Harlow Vance
"""))
    person = kb.people["dario-quintela"]
    assert [(r.role, r.start, r.end) for r in person.roles] == [
        ("foreign_minister", "2031-01-01", "2032-01-01"), ("head_of_state", "2032-01-01", None)]
    assert person.aliases == ["Quintela", "D. Quintela"]
    assert resolve(kb, "D. Quintela", "2031-06-01").sector == "GOV"
    assert kb.role_holders("BRA", "head_of_state", "2033-01-01") == [person]
    assert resolve(kb, "Harlow Vance", "2031-01-01").sector == "OPP"


def test_user_file_extends_a_known_person_instead_of_replacing_it(tmp_path):
    kb = small_kb()
    load_people(kb, [{"id": "ivan-petrovsky", "name": "Ivan Petrovsky", "country": "RUS",
                      "aliases": ["Petrovsky"], "roles": [{"role": "foreign_minister", "start": "2030-01-01",
                                                           "end": "2031-01-01"}]}], "shipped")
    load_user_file(kb, write(tmp_path / "more.yaml", """\
- {id: ivan-petrovsky, name: Ivan Petrovsky, country: RUS, aliases: [I. Petrovsky],
   roles: [{role: head_of_state, start: "2031-01-01", end: null}]}
"""))
    person = kb.people["ivan-petrovsky"]
    assert [r.role for r in person.roles] == ["foreign_minister", "head_of_state"]
    assert resolve(kb, "I. Petrovsky", "2032-01-01").name == "Ivan Petrovsky"
    with pytest.raises(SuasionError) as err:
        load_user_file(kb, write(tmp_path / "clash.yaml", "- {id: ivan-petrovsky, name: Ivan P, country: BRA}\n"))
    assert err.value.code == "E016" and "line 1" in str(err.value)


@pytest.mark.parametrize(("name", "text", "line"), [
    ("syntax.yaml", "- name: A\n  country: RUS\n  roles: [\n", 4),
    ("tabs.yaml", "- name: A\n\tcountry: RUS\n", 2),
    ("date.yaml", "- name: A\n  country: RUS\n  roles:\n    - {role: head_of_state, start: 2020-02-30}\n", 4),
    ("order.yaml", "- name: A\n  country: RUS\n  roles:\n\n    - {role: head_of_state, start: '2021-01-01',"
                   " end: '2020-01-01'}\n", 5),
    ("key.yaml", "- name: A\n  country: RUS\n- name: B\n  country: RUS\n  alias: [Bee]\n", 3),
    ("country.yaml", "- name: A\n  country: XXX\n", 1),
    ("sector.yaml", "- name: A\n  country: RUS\n  roles: [{role: head_of_state, sector: BOSS}]\n", 3),
    ("noname.yaml", "- country: RUS\n", 1),
    ("top.yaml", "just a sentence\n", 1),
    ("mapping.yaml", "persons:\n  - name: A\n", 1),
    ("alias.yaml", "countries:\n  - {iso3: ZZZ, names: [Zedland]}\n", 2),
    ("header.csv", "name,nation,role\nA,RUS,head_of_state\n", 1),
    ("cells.csv", "name,country,role\nA,RUS,head_of_state\nB,RUS,head_of_state,extra\n", 3),
    ("norole.csv", "name,country,role,start\n\nA,RUS,,2020-01-01\n", 3),
    ("baddate.csv", "# comment line\nname,country,role,start\nA,RUS,head_of_state,01/02/2020\n", 3),
    ("twocountries.csv", "name,country,role\nA,RUS,head_of_state\nA,BRA,foreign_minister\n", 3),
])
def test_malformed_user_files_give_e016_with_the_line(tmp_path, name, text, line):
    with pytest.raises(SuasionError) as err:
        load_user_file(small_kb(), write(tmp_path / name, text))
    assert err.value.code == "E016"
    assert f"line {line}:" in str(err.value)
    assert name in str(err.value)


def test_empty_user_file_adds_nothing(tmp_path):
    kb = small_kb()
    load_user_file(kb, write(tmp_path / "empty.yaml", "# nothing yet\n"))
    assert kb.people == {}


# -- PETRARCH / Phoenix dictionaries ---------------------------------------------------------------------
# Invented names; the layout follows the PETRARCH actor dictionary format.
PETRARCH_FIXTURE = """\
# invented actors for the tests
<!-- a comment
     over two lines -->
BORIS_KALINOVSKY_  [RUSELI] [RUSGOV 250101-280101] [RUSGOV >300101]
+KALINOVSKY_
+B._KALINOVSKY_   ; a TABARI-style comment
HEIKE_BRANDSTETTER_
\t[GMYMIL <200601]
\t[GMYGOV 20200601-20230101]
\t[GMYGOV 1999]
GENERAL_ZORRILLA_ [BRAMIL 210101-210230]
RUSSIAN_ARMY_ [RUSMIL]
LOMBARDIA_ [RUS]
+LOMBARDIAN_FEDERATION_
PRESIDENT_ [~GOV]
MR_{X}_ [USAGOV]
+X_
ATLANTIC_UNION_ [IGOATU]
WALDO_FENWICK_ [USAXYZ]
---STOP---
NOT_READ_ [USAGOV]
"""


def test_petrarch_dictionary_honours_date_restrictions(tmp_path):
    kb = small_kb()
    problems = read_user_file(kb, write(tmp_path / "Phoenix.test.actors.txt", PETRARCH_FIXTURE))
    boris = kb.people["boris-kalinovsky"]
    assert boris.country == "RUS"
    assert set(boris.aliases) == {"Kalinovsky", "B. Kalinovsky"}
    # [RUSGOV 250101-280101] is [start, end); the undated [RUSELI] applies wherever no dated code does.
    assert resolve(kb, "Kalinovsky", "2024-12-31").sector == "ELI"
    assert resolve(kb, "Kalinovsky", "2025-01-01").sector == "GOV"
    assert resolve(kb, "Kalinovsky", "2027-12-31").sector == "GOV"
    assert resolve(kb, "Kalinovsky", "2028-01-01").sector == "ELI"
    assert resolve(kb, "Kalinovsky", "2029-12-31").sector == "ELI"
    assert resolve(kb, "B. Kalinovsky", "2030-01-01").sector == "GOV"  # [RUSGOV >300101]
    # Codes on indented lines; the CAMEO code GMY is Germany's ISO3 DEU; YYYYMMDD dates work too.
    assert resolve(kb, "Heike Brandstetter", "2029-01-01").code == "DEU"
    heike = kb.people["heike-brandstetter"]
    assert heike.country == "DEU"
    assert heike.sector_on("2020-05-31") == "MIL"
    assert heike.sector_on("2020-06-01") == "GOV"
    assert heike.sector_on("2023-01-01") == "ELI"
    assert resolve(kb, "Russian Army", None).sector == "MIL"  # a group phrase becomes an entity
    assert resolve(kb, "Lombardian Federation", None).code == "RUS"  # a country-only code: country alias
    assert "not-read" not in kb.people
    lines = sorted(int(p.message.split(" line ")[1].split(":")[0]) for p in problems)
    # bad date on 10 and 11, agent code 15, unsupported syntax 16, unknown IGO 18, unknown role 19
    assert lines == [10, 11, 15, 16, 18, 19]
    assert all(p.code == "E016" for p in problems)


def test_petrarch_conversion_counts_and_yaml_round_trip(tmp_path):
    kb = small_kb()
    conversion = convert_petrarch(PETRARCH_FIXTURE, "fixture.txt", kb)
    assert conversion.converted == 4  # Boris, Heike, Russian Army, Lombardia
    assert conversion.skipped == 5  # General Zorrilla (only a bad code), President, Mr {X}, Atlantic Union, Waldo
    text = dump_document(conversion.document(), "# converted\n")
    converted = small_kb()
    load_user_file(converted, write(tmp_path / "converted.yaml", text))
    assert {r.sector for r in converted.people["boris-kalinovsky"].roles} == {"ELI", "GOV"}
    assert converted.people["heike-brandstetter"].sector_on("2021-01-01") == "GOV"


def test_petrarch_namesake_of_a_known_person_gets_its_own_id():
    kb = small_kb()
    load_people(kb, [{"id": "ana-silva", "name": "Ana Silva", "country": "BRA", "roles": []}], "shipped")
    conversion = convert_petrarch("ANA_SILVA_ [USAGOV]\nBORIS_KALINOVSKY_ [RUSGOV]\n", "x.txt", kb)
    assert [p["id"] for p in conversion.people] == ["ana-silva-usa", "boris-kalinovsky"]


def test_petrarch_detected_by_content_without_suffix(tmp_path):
    path = write(tmp_path / "my_actors", "# list\nBORIS_KALINOVSKY_ [RUSGOV]\n+KALINOVSKY_\n")
    assert detect_format(path, path.read_text()) == "petrarch"
    assert detect_format(tmp_path / "x", "- name: A\n  country: RUS\n") == "yaml"
    assert detect_format(tmp_path / "x", "name,country\nA,RUS\n") == "csv"
    kb = small_kb()
    load_user_file(kb, path)
    assert kb.people["boris-kalinovsky"].roles[0].sector == "GOV"


def test_organisation_codes_map_through_their_cameo_field():
    kb = small_kb()
    kb.organisations["ATU"] = {"code": "ATU", "cameo": "IGOATU"}
    conversion = convert_petrarch("ATLANTIC_UNION_ [IGOATU]\n", "x.txt", kb)
    assert conversion.entities[0]["country"] == "ATU" and conversion.entities[0]["sector"] == "IGO"


@pytest.mark.parametrize(("text", "iso"), [("000507", "2000-05-07"), ("300101", "2030-01-01"),
                                          ("310101", "1931-01-01"), ("20120507", "2012-05-07")])
def test_petrarch_dates_follow_the_tabari_century_rule(text, iso):
    assert petrarch_date(text) == iso


@pytest.mark.parametrize("text", ["0005", "001332", "2012-05-07", "99999999"])
def test_petrarch_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        petrarch_date(text)


# -- where user files are found ----------------------------------------------------------------------------
def test_user_actor_files_from_environment_and_home(tmp_path, monkeypatch):
    first, missing, second = tmp_path / "a.yaml", tmp_path / "none.yaml", tmp_path / "b.csv"
    write(first, "[]\n")
    write(second, "name,country\n")
    monkeypatch.setenv("SUASION_ACTORS", f"{first}{__import__('os').pathsep}{missing}"
                                         f"{__import__('os').pathsep}{second}")
    assert user_actor_files() == [first, second]
    home = tmp_path / "home"
    monkeypatch.delenv("SUASION_ACTORS")
    monkeypatch.setenv("HOME", str(home))
    assert user_actor_files() == []
    (home / ".suasion").mkdir(parents=True)
    write(home / ".suasion" / "actors.yaml", "[]\n")
    assert user_actor_files() == [home / ".suasion" / "actors.yaml"]


# -- the CLI ---------------------------------------------------------------------------------------------
def _clear_caches() -> None:
    knowledge_module.default_knowledge.cache_clear()
    actors_module.default_resolver.cache_clear()
    actors_cmd._shipped_knowledge.cache_clear()


@pytest.fixture
def user_env(tmp_path, monkeypatch):
    """Small codebooks, a fresh SUASION_ACTORS file and HOME, and no cached knowledge."""
    codebooks = tmp_path / "codebooks"
    (codebooks / "actors").mkdir(parents=True)
    write(codebooks / "actors" / "countries.yaml", COUNTRIES_YAML)
    write(codebooks / "actors" / "titles.yaml", TITLES_YAML)
    monkeypatch.setattr(knowledge_module, "CODEBOOKS", codebooks)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    user_file = tmp_path / "user" / "actors.yaml"
    monkeypatch.setenv("SUASION_ACTORS", str(user_file))
    _clear_caches()
    yield user_file
    _clear_caches()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_add_then_lookup_round_trip(user_env):
    added = run("actors", "add", "Xiomara Quell", "--country", "BRA", "--role", "head_of_state",
                "--start", "2031-01-01", "--end", "2035-01-01", "--alias", "Quell")
    assert added.exit_code == 0, added.output
    assert user_env.exists()
    looked = run("actors", "lookup", "Quell", "--date", "2032-02-16", "--format", "json")
    assert looked.exit_code == 0, looked.output
    found = json.loads(looked.stdout)
    assert (found["code"], found["sector"], found["name"]) == ("BRA", "GOV", "Xiomara Quell")
    assert found["person_id"] == "xiomara-quell" and found["reasons"]
    later = json.loads(run("actors", "lookup", "Quell", "--date", "2036-01-01", "--format", "json").stdout)
    assert later["sector"] == "ELI"
    text = run("actors", "lookup", "Xiomara Quell", "--date", "2032-02-16")
    assert "BRA/GOV" in text.stdout and "Xiomara Quell" in text.stdout
    # A second role of the same person goes into the same entry.
    again = run("actors", "add", "Xiomara Quell", "--country", "BRA", "--role", "opposition_leader",
                "--start", "2036-01-01")
    assert again.exit_code == 0, again.output
    assert json.loads(run("actors", "lookup", "Quell", "--date", "2037-01-01", "--format", "json").stdout
                      )["sector"] == "OPP"
    assert user_env.read_text().count("id: xiomara-quell") == 1


def test_add_keeps_the_users_comments_and_other_entries(user_env):
    user_env.parent.mkdir(parents=True)
    write(user_env, "# my file\n- name: Ana Lopes   # a friend\n  country: BRA\n# keep me\n")
    assert run("actors", "add", "Rui Mota", "--country", "BRA").exit_code == 0
    text = user_env.read_text()
    assert "# my file" in text and "# a friend" in text and "# keep me" in text
    kb = small_kb()
    load_user_file(kb, user_env)
    assert set(kb.people) == {"ana-lopes", "rui-mota"}


def test_add_to_a_csv_file(user_env, tmp_path):
    target = tmp_path / "people.csv"
    for role, start, end in (("foreign_minister", "2030-01-01", "2031-01-01"), ("head_of_state", "2031-01-01", "")):
        args = ["actors", "add", "Tomas Brel", "--country", "USA", "--role", role, "--start", start,
                "--file", str(target)]
        result = run(*args, *(["--end", end] if end else []))
        assert result.exit_code == 0, result.output
    kb = small_kb()
    load_user_file(kb, target)
    assert [r.role for r in kb.people["tomas-brel"].roles] == ["foreign_minister", "head_of_state"]


@pytest.mark.parametrize("args", [
    ["actors", "add", "Ana", "--country", "ZZZ"],
    ["actors", "add", "Ana", "--country", "BRA", "--role", "emperor"],
    ["actors", "add", "Ana", "--country", "BRA", "--role", "head_of_state", "--start", "2020-02-30"],
    ["actors", "add", "Ana", "--country", "BRA", "--role", "head_of_state", "--start", "2021-01-01",
     "--end", "2020-01-01"],
    ["actors", "add", "Ana", "--country", "BRA", "--sector", "GOV"],
    ["actors", "add", "Ana", "--country", "BRA", "--role", "head_of_state", "--sector", "KING"],
    ["actors", "add", "!!!", "--country", "BRA"],
    ["actors", "lookup", "Quell", "--date", "16/02/2022"],
    ["actors", "list", "--date", "2022-13-01"],
    ["actors", "import", "no-such-dictionary.txt"],
])
def test_bad_input_is_one_coded_line_and_exit_2(user_env, args):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("suasion: error E0")
    assert "Traceback" not in result.output
    assert not user_env.exists()


def test_add_never_touches_a_broken_file(user_env):
    user_env.parent.mkdir(parents=True)
    broken = "- name: A\n  country: BRA\n  roles: [{role: head_of_state, start: 2020-99-99}]\n"
    write(user_env, broken)
    result = run("actors", "add", "Rui Mota", "--country", "BRA")
    assert result.exit_code == 2 and "E016" in result.stderr and "line 3" in result.stderr
    assert user_env.read_text() == broken
    assert list(user_env.parent.iterdir()) == [user_env]  # no temporary file left behind


def test_import_writes_yaml_and_reports_counts(user_env, tmp_path):
    dictionary = write(tmp_path / "test.actors.txt", PETRARCH_FIXTURE)
    output = tmp_path / "converted.yaml"
    result = run("actors", "import", str(dictionary), "-o", str(output))
    assert result.exit_code == 1  # some lines were skipped, each reported
    assert "4 entries converted" in result.stderr and "5 skipped" in result.stderr
    assert result.stderr.count("E016") == 6
    kb = small_kb()
    load_user_file(kb, output)
    assert kb.people["boris-kalinovsky"].sector_on("2032-01-01") == "GOV"
    clean = write(tmp_path / "clean.txt", "BORIS_KALINOVSKY_ [RUSGOV 250101-280101]\n")
    to_stdout = run("actors", "import", str(clean))
    assert to_stdout.exit_code == 0 and "boris-kalinovsky" in to_stdout.stdout
    junk = write(tmp_path / "junk.txt", "PRESIDENT_ [~GOV]\n")
    assert run("actors", "import", str(junk)).exit_code == 2


def test_list_shows_roles_on_a_date(user_env):
    run("actors", "add", "Xiomara Quell", "--country", "BRA", "--role", "head_of_state", "--start", "2031-01-01")
    run("actors", "add", "Pavel Orlik", "--country", "RUS", "--role", "foreign_minister",
        "--start", "2020-01-01", "--end", "2021-01-01")
    during = run("actors", "list", "--date", "2031-06-01")
    assert during.exit_code == 0
    assert "Xiomara Quell" in during.stdout and "head_of_state" in during.stdout
    assert "Pavel Orlik" not in during.stdout
    assert "Pavel Orlik" in run("actors", "list", "--date", "2020-06-01", "--country", "RUS").stdout
    everyone = json.loads(run("actors", "list", "--all", "--country", "RUS", "--format", "json").stdout)
    assert everyone == [{"id": "pavel-orlik", "name": "Pavel Orlik", "country": "RUS", "role": None,
                         "sector": "ELI", "start": None, "end": None}]


def test_default_knowledge_includes_the_user_file(user_env):
    assert run("actors", "add", "Xiomara Quell", "--country", "BRA").exit_code == 0
    assert "xiomara-quell" in knowledge_module.default_knowledge().people


# -- property: what `actors add` writes reads back ---------------------------------------------------------
_name_chars = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéãçñÖ '.-#:,\"&*!?"))
names = st.builds(lambda first, rest: first + rest, st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                  st.text(_name_chars, max_size=24))
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
roles = st.tuples(st.sampled_from(["head_of_state", "foreign_minister", "opposition_leader"]),
                  st.one_of(st.none(), st.sampled_from(["GOV", "MIL", "OPP", "PTY"])), days,
                  st.one_of(st.none(), st.integers(1, 5000)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, country=st.sampled_from(["RUS", "BRA", "USA"]), person_roles=st.lists(roles, min_size=1, max_size=3),
       aliases=st.lists(names, max_size=2), use_csv=st.booleans())
def test_any_person_written_by_add_reads_back_with_the_same_roles(user_env, name, country, person_roles,
                                                                  aliases, use_csv):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / ("people.csv" if use_csv else "people.yaml")
        expected: dict[tuple[str, str | None, str | None], str] = {}
        for role, sector, start, length in person_roles:
            end = start + dt.timedelta(days=length) if length else None
            args = ["actors", "add", "--country", country, "--role", role, "--start", start.isoformat(),
                    "--file", str(target)]
            args += ["--end", end.isoformat()] if end else []
            args += ["--sector", sector] if sector else []
            for alias in aliases:
                args += ["--alias", alias]
            result = run(*args, "--", name)
            assert result.exit_code == 0, result.output
            key = (role, start.isoformat(), end.isoformat() if end else None)
            expected.setdefault(key, sector or ("OPP" if role == "opposition_leader" else "GOV"))
        kb = small_kb()
        load_user_file(kb, target)
        person = kb.people[slugify(name)]
        assert person.name == " ".join(name.split())
        assert person.country == country
        assert {(r.role, r.start, r.end): r.sector for r in person.roles} == expected
        wanted_aliases = []
        for alias in aliases:
            alias = " ".join(alias.split())
            if fold(alias) not in {fold(a) for a in (person.name, *wanted_aliases)}:
                wanted_aliases.append(alias)
        assert person.aliases == wanted_aliases
