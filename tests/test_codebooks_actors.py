"""Completeness and consistency of the country, region and organisation files in codebooks/actors/."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suasion import codebooks
from suasion.model.records import SECTORS

COUNTRIES = codebooks.load("actors/countries.yaml")
REGIONS = codebooks.load("actors/regions.yaml")
ORGANISATIONS = codebooks.load("actors/organisations.yaml")
LANGUAGES = ("en", "es", "pt")
COUNTRY_FIELDS = ("names", "demonyms", "capitals")

# The 193 member states of the United Nations.
UN_MEMBERS = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU
EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND
IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS
MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK
PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE
GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split())

# The organisation codes the annotation guidelines use as actor codes.
CONTRACT_ORGANISATIONS = ("NATO", "EU", "UN", "IMF", "WB", "OAS", "BRICS", "AU", "CELAC", "MERCOSUR",
                          "WHO", "G20")

# CAMEO keeps older ISO codes for these; every other entity uses its ISO alpha-3 code.
CAMEO_DIFFERENT = {"ROU": "ROM", "TLS": "TMP", "MNE": "MTN", "IMN": "IMY"}

# Real-world ambiguities: the same word is the demonym of two states.
SHARED_PHRASES = {
    **dict.fromkeys(("congolese", "congoles", "congolesa", "congoleses", "congolesas", "congoleno",
                     "congolena", "congolenos", "congolenas"), {"COD", "COG"}),
    **dict.fromkeys(("dominican", "dominicans"), {"DMA", "DOM"}),
}

# UN members whose capital is deliberately not listed in a language (see the comments in countries.yaml).
CAPITAL_LEFT_OUT = {"en": {"MDV", "SGP"}, "es": {"MDV", "SGP", "SYC"}, "pt": {"MDV", "SGP", "CPV"}}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def fold(phrase: str) -> str:
    """Case, accents and spacing ignored, as the name matcher does."""
    decomposed = unicodedata.normalize("NFKD", str(phrase).replace("\u2019", "'").lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def country_phrases(country: dict) -> list[str]:
    phrases = [p for field in COUNTRY_FIELDS for lang in LANGUAGES for p in country[field][lang]]
    return phrases + [p for seat in country["seats"] for p in seat["names"]]


def build_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for country in COUNTRIES:
        for phrase in country_phrases(country):
            index[fold(phrase)].add(country["iso3"])
    return index


INDEX = build_index()
BY_ISO3 = {c["iso3"]: c for c in COUNTRIES}
REGION_CODES = {r["code"] for r in REGIONS}
ORG_CODES = [o["code"] for o in ORGANISATIONS]


def resolve(phrase: str) -> str:
    codes = INDEX.get(fold(phrase), set())
    assert len(codes) == 1, f"{phrase!r} resolves to {sorted(codes)}"
    return next(iter(codes))


def seat_of(phrase: str) -> tuple[str, str]:
    for country in COUNTRIES:
        for seat in country["seats"]:
            if fold(phrase) in {fold(n) for n in seat["names"]}:
                return country["iso3"], seat["sector"]
    raise AssertionError(f"no seat named {phrase!r}")


def code_on(periods: list[dict], day: str) -> str | None:
    active = [p["code"] for p in periods if p["from"] <= day and (p["to"] is None or day <= p["to"])]
    assert len(set(active)) <= 1, f"two codes on {day}: {active}"
    return active[0] if active else None


def organisation_named(phrase: str) -> str:
    hits = {o["code"] for o in ORGANISATIONS for lang in LANGUAGES
            for n in o["names"][lang] if fold(n) == fold(phrase)}
    assert len(hits) == 1, f"{phrase!r} names {sorted(hits)}"
    return hits.pop()


# ---------------------------------------------------------------- file headers

@pytest.mark.parametrize("name", ["countries.yaml", "regions.yaml", "organisations.yaml"])
def test_files_say_where_their_facts_come_from(name):
    lines = codebooks.path(f"actors/{name}").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# sources:")
    assert any(line.startswith("# checked: 2026-11") for line in lines[:12])


# ---------------------------------------------------------------- countries: codes

def test_every_iso_entity_is_listed_once():
    iso3 = [c["iso3"] for c in COUNTRIES]
    assert len(iso3) == len(set(iso3)) == 250  # 249 ISO 3166-1 entries and Kosovo
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in iso3)
    assert UN_MEMBERS <= set(iso3)
    assert {"TWN", "XKX", "PSE", "VAT", "HKG", "PRI"} <= set(iso3)


def test_iso2_codes_are_unique_strings():
    iso2 = [c["iso2"] for c in COUNTRIES]
    # YAML would turn an unquoted NO (Norway) into False: every code must stay a string.
    assert all(isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) for code in iso2)
    assert len(iso2) == len(set(iso2))
    assert BY_ISO3["NOR"]["iso2"] == "NO" and BY_ISO3["NAM"]["iso2"] == "NA"
    assert BY_ISO3["XKX"]["iso2"] == "XK"


def test_cameo_codes_follow_iso_except_the_known_cases():
    for country in COUNTRIES:
        expected = CAMEO_DIFFERENT.get(country["iso3"], country["iso3"])
        assert country["cameo"] == expected, country["iso3"]


def test_cow_and_gw_periods_are_well_formed():
    for country in COUNTRIES:
        for system in ("cow", "gw"):
            periods = country[system]
            assert isinstance(periods, list)
            for period in periods:
                assert isinstance(period["code"], str) and period["code"].isdigit(), country["iso3"]
                assert isinstance(period["abbr"], str) and re.fullmatch(r"[A-Z]{3}", period["abbr"])
                assert ISO_DATE.fullmatch(period["from"])
                dt.date.fromisoformat(period["from"])
                if period["to"] is not None:
                    dt.date.fromisoformat(period["to"])
                    assert period["from"] <= period["to"]
            froms = [p["from"] for p in periods]
            assert froms == sorted(froms), (country["iso3"], system)
            assert sum(p["to"] is None for p in periods) <= 1


def test_every_un_member_is_in_both_state_lists():
    for code in UN_MEMBERS:
        assert BY_ISO3[code]["cow"] and BY_ISO3[code]["gw"], code
        assert code_on(BY_ISO3[code]["cow"], "2024-06-30") is not None, code
    assert BY_ISO3["PSE"]["cow"] == [] and BY_ISO3["VAT"]["gw"] == []


def test_state_codes_that_changed_over_time():
    usa, deu, srb, yem = (BY_ISO3[k] for k in ("USA", "DEU", "SRB", "YEM"))
    assert code_on(usa["cow"], "2000-01-01") == "2" and code_on(usa["gw"], "1900-01-01") == "2"
    # COW: West Germany 260 until unification, then Germany 255 again.
    assert code_on(deu["cow"], "1980-01-01") == "260"
    assert code_on(deu["cow"], "1990-10-02") == "260" and code_on(deu["cow"], "1990-10-03") == "255"
    # GW: Germany (Prussia) 255 until 1945, the Federal Republic 260 from 1949 on, unification included.
    assert code_on(deu["gw"], "1930-01-01") == "255" and code_on(deu["gw"], "1947-01-01") is None
    assert code_on(deu["gw"], "1980-01-01") == code_on(deu["gw"], "2000-01-01") == "260"
    assert code_on(srb["gw"], "1999-01-01") == "345" and code_on(srb["gw"], "2010-01-01") == "340"
    assert code_on(srb["cow"], "2010-01-01") == "345"
    assert code_on(yem["cow"], "1980-01-01") == "678" and code_on(yem["cow"], "2000-01-01") == "679"
    assert code_on(yem["gw"], "2000-01-01") == "678"
    assert code_on(BY_ISO3["TWN"]["cow"], "2020-01-01") == "713"
    assert code_on(BY_ISO3["XKX"]["gw"], "2020-01-01") == "347"
    assert code_on(BY_ISO3["RUS"]["cow"], "1970-01-01") == "365"


@settings(max_examples=200, deadline=None)
@given(country=st.sampled_from(COUNTRIES), day=st.dates(dt.date(1816, 1, 1), dt.date(2026, 12, 31)))
def test_at_most_one_code_is_active_on_any_day(country, day):
    for system in ("cow", "gw"):
        code_on(country[system], day.isoformat())


# ---------------------------------------------------------------- countries: names

def test_every_entity_has_names_in_each_language():
    for country in COUNTRIES:
        for field in COUNTRY_FIELDS:
            assert set(country[field]) == set(LANGUAGES), (country["iso3"], field)
        for lang in LANGUAGES:
            assert country["names"][lang], (country["iso3"], lang)
            assert all(isinstance(n, str) and n.strip() == n and n for n in country["names"][lang])


def test_every_un_member_has_demonyms_and_a_capital():
    for code in UN_MEMBERS:
        country = BY_ISO3[code]
        for lang in LANGUAGES:
            assert country["demonyms"][lang], (code, lang)
            assert bool(country["capitals"][lang]) == (code not in CAPITAL_LEFT_OUT[lang]), (code, lang)


def test_spanish_and_portuguese_demonyms_include_both_genders_and_plurals():
    assert {"argentino", "argentina", "argentinos", "argentinas"} <= set(BY_ISO3["ARG"]["demonyms"]["es"])
    assert {"francesa", "franceses", "francesas"} <= set(BY_ISO3["FRA"]["demonyms"]["pt"])
    assert {"alemão", "alemã", "alemães", "alemãs"} <= set(BY_ISO3["DEU"]["demonyms"]["pt"])
    assert {"estadounidense", "estadounidenses", "norteamericana"} <= set(BY_ISO3["USA"]["demonyms"]["es"])
    assert {"espanhóis", "espanholas"} <= set(BY_ISO3["ESP"]["demonyms"]["pt"])


def test_no_phrase_names_two_countries_except_the_listed_ones():
    shared = {phrase: codes for phrase, codes in INDEX.items() if len(codes) > 1}
    assert shared == SHARED_PHRASES


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_phrase_of_a_country_resolves_back_to_it(data):
    country = data.draw(st.sampled_from(COUNTRIES))
    phrase = data.draw(st.sampled_from(country_phrases(country)))
    assert country["iso3"] in INDEX[fold(phrase)]
    if fold(phrase) not in SHARED_PHRASES:
        assert resolve(phrase) == country["iso3"]


@pytest.mark.parametrize("phrase, iso3", [
    ("Brasil", "BRA"), ("EE.UU.", "USA"), ("EEUU", "USA"), ("EUA", "USA"), ("U.S.", "USA"),
    ("United States of America", "USA"), ("Estados Unidos", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("Reino Unido", "GBR"), ("PRC", "CHN"), ("Mainland China", "CHN"),
    ("Republic of China", "TWN"), ("DPRK", "PRK"), ("North Korea", "PRK"), ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"), ("Pekín", "CHN"), ("Pequim", "CHN"), ("Moscou", "RUS"), ("Moscú", "RUS"),
    ("Kosovo", "XKX"), ("Palestina", "PSE"), ("Türkiye", "TUR"), ("Turquía", "TUR"), ("Holanda", "NLD"),
    ("Costa de Marfil", "CIV"), ("Birmânia", "MMR"), ("Zaire", "COD"), ("Congo", "COG"),
    ("norte-americanos", "USA"), ("brasileiras", "BRA"), ("venezolanos", "VEN"), ("chinês", "CHN"),
    ("Casa Rosada", "ARG"), ("Itamaraty", "BRA"), ("Planalto", "BRA"), ("Palácio da Alvorada", "BRA"),
    ("Miraflores", "VEN"), ("Palacio de Miraflores", "VEN"), ("Palacio de Nariño", "COL"),
    ("Casa de Nariño", "COL"), ("Palacio Nacional", "MEX"), ("La Moneda", "CHL"), ("Palacio Quemado", "BOL"),
    ("Casa Grande del Pueblo", "BOL"), ("Palacio San Martín", "ARG"), ("Kremlin", "RUS"),
    ("White House", "USA"), ("Casa Blanca", "USA"), ("Casa Branca", "USA"), ("Foggy Bottom", "USA"),
    ("State Department", "USA"), ("Capitol Hill", "USA"), ("Zhongnanhai", "CHN"), ("Élysée", "FRA"),
    ("Quai d'Orsay", "FRA"), ("Downing Street", "GBR"), ("Whitehall", "GBR"), ("Foreign Office", "GBR"),
    ("Bundeskanzleramt", "DEU"), ("Blue House", "KOR"), ("Yongsan", "KOR"), ("Kasumigaseki", "JPN"),
    ("South Block", "IND"), ("Knesset", "ISR"), ("Brasília", "BRA"), ("Washington", "USA"),
])
def test_spot_checks(phrase, iso3):
    assert resolve(phrase) == iso3


def test_seats_name_their_sector():
    for country in COUNTRIES:
        for seat in country["seats"]:
            assert seat["sector"] in SECTORS, (country["iso3"], seat)
            assert seat["names"]
    assert seat_of("Pentagon") == ("USA", "MIL")
    assert seat_of("Kremlin") == ("RUS", "GOV")
    assert seat_of("Itamaraty") == ("BRA", "GOV")


# ---------------------------------------------------------------- regions

def test_required_regions_and_keys():
    keys = {r["code"]: r["key"] for r in REGIONS}
    assert {"LAM", "SAM", "CAM", "CRB", "NMR", "AFR", "SSA", "MEA", "EUR", "EEU", "ASA", "SEA", "PAC",
            "CAS", "WST"} <= set(keys)
    assert keys["LAM"] == "latin-america" and keys["SAM"] == "south-america"
    assert keys["CAM"] == "central-america" and keys["CRB"] == "caribbean"
    assert keys["AFR"] == "africa" and keys["PAC"] == "pacific"
    assert len(keys) == len(REGIONS) and len(set(keys.values())) == len(keys)
    # A region code must never be read as a state (NAM is Namibia, hence NMR for North America).
    assert not REGION_CODES & set(BY_ISO3)


def test_region_names_and_members():
    for region in REGIONS:
        for lang in LANGUAGES:
            assert region["names"][lang], (region["code"], lang)
            assert lang in region["demonyms"]
        for member in region["members"]:
            assert member in BY_ISO3 or member in REGION_CODES, (region["code"], member)


def test_country_regions_match_region_members():
    for country in COUNTRIES:
        for code in country["regions"]:
            assert code in REGION_CODES, (country["iso3"], code)
    members = {r["code"]: set(r["members"]) for r in REGIONS}
    for country in COUNTRIES:
        listed = {code for code, m in members.items() if country["iso3"] in m}
        assert set(country["regions"]) == listed, country["iso3"]


def test_region_contents():
    members = {r["code"]: set(r["members"]) for r in REGIONS}
    assert {"ARG", "BRA", "VEN", "CUB", "NIC", "MEX", "BOL", "PRY", "COL", "HND"} <= members["LAM"]
    assert members["SAM"] <= members["LAM"] and members["CAM"] <= members["LAM"]
    assert members["SSA"] <= members["AFR"] and members["EEU"] <= members["EUR"]
    assert "RUS" not in members["WST"] and "CHN" not in members["WST"]
    assert {"USA", "GBR", "DEU", "JPN", "AUS", "NZL", "KOR", "TUR", "IRL", "AUT"} <= members["WST"]
    assert members["CAS"] == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert "AUS" not in members["PAC"] and "FJI" in members["PAC"]
    assert "RUS" in members["EEU"] and "USA" not in members["LAM"]


def test_region_demonyms():
    lam = next(r for r in REGIONS if r["code"] == "LAM")
    west = next(r for r in REGIONS if r["code"] == "WST")
    assert "Latin American" in lam["demonyms"]["en"] and "latinoamericanos" in lam["demonyms"]["es"]
    assert "latino-americanos" in lam["demonyms"]["pt"]
    assert "the West" in west["names"]["en"] and "Occidente" in west["names"]["es"]
    assert "o Ocidente" in west["names"]["pt"] and "occidentales" in west["demonyms"]["es"]


# ---------------------------------------------------------------- organisations

def test_contract_organisations_exist_and_codes_are_distinct():
    assert set(CONTRACT_ORGANISATIONS) <= set(ORG_CODES)
    assert len(ORG_CODES) == len(set(ORG_CODES))
    assert not set(ORG_CODES) & set(BY_ISO3) and not set(ORG_CODES) & REGION_CODES


def test_organisation_names_bodies_and_members():
    for org in ORGANISATIONS:
        for lang in LANGUAGES:
            assert org["names"][lang], (org["code"], lang)
        for body in org["bodies"]:
            assert all(body[lang] for lang in LANGUAGES), (org["code"], body)
        for member in org.get("members", []):
            assert member in BY_ISO3 or member in ORG_CODES, (org["code"], member)
    members = {o["code"]: set(o.get("members", [])) for o in ORGANISATIONS}
    assert len(members["NATO"]) == 32 and len(members["EU"]) == 27 and members["UN"] == UN_MEMBERS
    assert {"BRA", "RUS", "IND", "CHN", "ZAF"} <= members["BRICS"]
    assert members["MERCOSUR"] >= {"ARG", "BRA", "PRY", "URY"}
    assert "USA" not in members["CELAC"] and "ESH" in members["AU"]


@pytest.mark.parametrize("phrase, code", [
    ("OTAN", "NATO"), ("ONU", "UN"), ("Naciones Unidas", "UN"), ("FMI", "IMF"), ("Banco Mundial", "WB"),
    ("OEA", "OAS"), ("Unión Europea", "EU"), ("União Europeia", "EU"), ("UA", "AU"), ("OMS", "WHO"),
    ("Mercosul", "MERCOSUR"), ("G-20", "G20"), ("Unión Africana", "AU"), ("CELAC", "CELAC"),
    ("Organização Mundial da Saúde", "WHO"), ("Pacific Islands Forum", "PIF"), ("BID", "IDB"),
])
def test_organisation_spot_checks(phrase, code):
    assert organisation_named(phrase) == code


def test_un_bodies_are_named_in_three_languages():
    un = next(o for o in ORGANISATIONS if o["code"] == "UN")
    council = next(b for b in un["bodies"] if "UN Security Council" in b["en"])
    assert "Consejo de Seguridad" in council["es"] and "Conselho de Segurança" in council["pt"]
