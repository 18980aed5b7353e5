"""Tests for the influence indicators: counts, modality split, levers, shares, momentum, novelty, score, CLI."""

from __future__ import annotations

import math

import click
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.analyze import (
    Analysis, assign_levers, dyad_month, find_cue, indicators, influence_scores, lever_book, levers, momentum,
    novelty, shares, to_arrow,
)
from suasion.analyze.output import read_table
from suasion.cli import indicators_cmd
from suasion.model.errors import SuasionError
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store


def row(ident: str, event_type: str, actor: str, recipient: str | None, date: str | None,
        modality: str = "asserted", context: tuple[str, ...] = (), mode: str | None = None,
        sentence: str = "", first_seen: str | None = None) -> dict:
    return {"id": ident, "event_type": event_type, "actor_code": actor, "recipient_code": recipient,
            "date": date, "modality": modality, "context": list(context), "mode": mode,
            "sentence": sentence or f"{actor} {event_type.lower()} {recipient}.",
            "first_seen": first_seen or (date if date and len(date) == 10 else "2022-01-01")}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


BRAZIL = frame(
    row("e1", "CONSULT", "USA", "BRA", "2022-01-10"),
    row("e2", "SUPPORT", "BRA", "USA", "2022-01-20"),
    row("e3", "SANCTION", "USA", "BRA", "2022-01-25", context=("economic",)),
    row("e4", "AID", "USA", "BRA", "2022-01-15", modality="future"),
    row("e5", "SANCTION", "USA", "BRA", "2022-01-16", modality="future"),
    row("e6", "AID", "USA", "BRA", "2022-01-17", modality="hypothetical"),
    row("e7", "AGREE", "USA", "BRA", "2022-01-18", modality="negated"),
    row("e8", "AID", "CHN", "BRA", "2022-01-05", context=("economic",)),
    row("e9", "CONSULT", "CHN", "BRA", "2022-02-01"),
    row("e10", "ACCUSE", "RUS", "ARG", "2022-01-07"),
    row("e11", "CONSULT", "USA", None, "2022-01-07"),  # no recipient: no pair
    row("e12", "CONSULT", "BRA", "ARG", "2022-01-07"),  # no power
)


def cell(table: pd.DataFrame, power: str, country: str, period: str) -> pd.Series:
    found = table[(table["power"] == power) & (table["country"] == country) & (table["period"] == period)]
    assert len(found) == 1, found
    return found.iloc[0]


# -- counts and modality split --------------------------------------------------------------------

def test_counts_directions_types_and_modality_split():
    table = dyad_month(BRAZIL)
    usa = cell(table, "USA", "BRA", "2022-01")
    assert (usa.events, usa.outbound, usa.inbound) == (3, 2, 1)
    assert (usa.cooperative, usa.conflictual) == (2, 1)
    assert usa.cooperative_share == pytest.approx(2 / 3)
    assert usa.score_sum == pytest.approx(2.1 + 4.6 - 5.2)
    assert usa.score_mean == pytest.approx((2.1 + 4.6 - 5.2) / 3)
    assert (usa.quad_1, usa.quad_2, usa.quad_3, usa.quad_4) == (2, 0, 0, 1)
    assert (usa.type_consult, usa.type_support, usa.type_sanction, usa.type_aid) == (1, 1, 1, 0)
    assert (usa.promised, usa.threatened_or_speculated, usa.denied) == (1, 2, 1)
    assert usa.event_ids == ["e1", "e2", "e3"]  # in date order
    assert usa.other_event_ids == ["e4", "e5", "e6", "e7"]
    assert set(table["country"]) == {"BRA", "ARG"}
    assert len(table[table["power"] == "USA"]) == 1  # e11 has no recipient


def test_modality_option_counts_other_modalities():
    table = dyad_month(BRAZIL, modality="all")
    assert cell(table, "USA", "BRA", "2022-01").events == 7
    future = dyad_month(BRAZIL, modality="future")
    usa = cell(future, "USA", "BRA", "2022-01")
    assert usa.events == 2 and usa.event_ids == ["e4", "e5"]
    assert usa.promised == 1 and usa.threatened_or_speculated == 2


def test_period_quarter_and_year_labels():
    quarters = dyad_month(BRAZIL, period="quarter")
    china = cell(quarters, "CHN", "BRA", "2022-Q1")
    assert china.events == 2 and china.period_start == "2022-01-01"
    assert cell(dyad_month(BRAZIL, period="year"), "CHN", "BRA", "2022").events == 2


def test_year_only_dates_are_filed_under_their_publication():
    events = frame(row("y1", "CONSULT", "CHN", "PER", "2021", first_seen="2021-06-03"),
                   row("y2", "CONSULT", "CHN", "PER", "2019", first_seen="2021-06-03"))
    table = dyad_month(events)
    assert list(table["period"]) == ["2019-01", "2021-06"]
    assert list(dyad_month(events, until="2021-03")["period"]) == ["2019-01"]


def test_since_until_and_country_filters():
    table = dyad_month(BRAZIL, since="2022-02", countries=["BRA"])
    assert list(zip(table["power"], table["period"])) == [("CHN", "2022-02")]
    assert dyad_month(BRAZIL, until="2021-12").empty


def test_powers_option_and_power_pairs():
    events = frame(row("p1", "ACCUSE", "USA", "RUS", "2022-03-01"))
    table = dyad_month(events, powers=["USA", "RUS"])
    assert cell(table, "USA", "RUS", "2022-03").outbound == 1
    assert cell(table, "RUS", "USA", "2022-03").inbound == 1
    only_china = dyad_month(BRAZIL, powers="CHN")
    assert set(only_china["power"]) == {"CHN"}


def test_regions_aggregate_members_and_the_region_itself():
    events = frame(row("r1", "AID", "CHN", "BRA", "2022-01-03"),
                   row("r2", "CONSULT", "ARG", "CHN", "2022-01-04"),
                   row("r3", "AGREE", "CHN", "LAM", "2022-01-05"),
                   row("r4", "AGREE", "CHN", "SAM", "2022-01-06"),
                   row("r5", "AID", "CHN", "NGA", "2022-01-07"))
    table = dyad_month(events, regions=["latin-america", "AFR"])
    assert set(table["level"]) == {"region"}
    lam = cell(table, "CHN", "LAM", "2022-01")
    assert lam.events == 4 and sorted(lam.event_ids) == ["r1", "r2", "r3", "r4"]
    assert cell(table, "CHN", "AFR", "2022-01").event_ids == ["r5"]
    both = dyad_month(events, regions=["latin-america"], countries=["BRA"])
    assert set(zip(both["level"], both["country"])) == {("region", "LAM"), ("country", "BRA")}


# -- levers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("event_type, mode, context, lever", [
    ("CONSULT", None, ["economic"], "diplomatic"),
    ("AGREE", None, [], "diplomatic"),
    ("REQUEST", None, ["diplomatic"], "diplomatic"),
    ("SANCTION", None, [], "diplomatic"),
    ("AGREE", None, ["economic"], "economic"),
    ("AID", None, ["energy"], "economic"),
    ("AID", "economic", [], "economic"),
    ("SANCTION", None, ["economic", "election"], "economic"),
    ("AID", "military", [], "military"),
    ("COOPERATE", None, ["military"], "military"),
    ("MOBILIZE", None, [], "military"),
    ("AID", None, ["health"], "health_humanitarian"),
    ("AID", None, ["covid"], "health_humanitarian"),  # an alias of pandemic
    ("AID", "humanitarian", [], "health_humanitarian"),
    ("COERCE", None, ["misinformation"], "information"),
    ("ACCUSE", None, ["election"], "information"),
    ("COOPERATE", None, [], "other"),
    ("PROTEST", None, [], "other"),
])
def test_lever_rules(event_type, mode, context, lever):
    index = assign_levers(pa.array([event_type]), pa.array([mode], pa.string()),
                          pa.array([context], pa.list_(pa.string())))
    assert lever_book().levers[index[0]] == lever


def test_levers_table_and_lever_columns():
    table = levers(BRAZIL)
    usa = table[(table["power"] == "USA") & (table["country"] == "BRA")]
    assert dict(zip(usa["lever"], usa["events"])) == {"diplomatic": 2, "economic": 1}
    assert usa[usa["lever"] == "economic"].iloc[0]["event_ids"] == ["e3"]
    wide = cell(indicators(BRAZIL), "USA", "BRA", "2022-01")
    assert (wide.lever_diplomatic, wide.lever_economic, wide.lever_military) == (2, 1, 0)


# -- shares and momentum --------------------------------------------------------------------------

def test_shares_of_great_power_engagement():
    table = shares(BRAZIL)
    assert cell(table, "USA", "BRA", "2022-01").power_share == pytest.approx(0.75)
    china = cell(table, "CHN", "BRA", "2022-01")
    assert (china.power_share, china.great_power_events) == (pytest.approx(0.25), 4)
    assert cell(table, "CHN", "BRA", "2022-02").power_share == 1.0


VENEZUELA = frame(*(row(f"v{i}", "CONSULT", "RUS", "VEN", day) for i, day in enumerate(
    ["2022-01-03", "2022-01-04", "2022-01-05", "2022-01-06", "2022-02-01", "2022-02-02",
     *(f"2022-04-0{d}" for d in range(1, 7))])))


def test_momentum_difference_ratio_and_guard():
    table = momentum(VENEZUELA)
    february = cell(table, "RUS", "VEN", "2022-02")
    assert (february.current, february.previous, february.momentum_diff) == (2, 4, -2)
    assert february.momentum_ratio == pytest.approx(0.5)
    march = cell(table, "RUS", "VEN", "2022-03")  # a drop to nothing is reported
    assert (march.current, march.previous) == (0, 2) and math.isnan(march.momentum_ratio)  # guarded
    assert march.previous_event_ids == ["v4", "v5"]
    april = cell(table, "RUS", "VEN", "2022-04")
    assert april.momentum_diff == 6 and math.isnan(april.momentum_ratio)
    wide = momentum(VENEZUELA, window=2)
    april = cell(wide, "RUS", "VEN", "2022-04")
    assert (april.current, april.previous, april.momentum_ratio) == (6, 6, 1.0)
    assert math.isnan(cell(momentum(VENEZUELA, min_count=5), "RUS", "VEN", "2022-02").momentum_ratio)


def test_momentum_looks_before_since():
    table = indicators(VENEZUELA, since="2022-02")
    assert list(table["period"]) == ["2022-02", "2022-04"]
    assert cell(table, "RUS", "VEN", "2022-02").previous_events == 4


# -- novelty ------------------------------------------------------------------------------------

CUBA = frame(
    row("c0", "CONSULT", "USA", "MEX", "2020-01-10"),  # the store's coverage begins in January 2020
    row("c1", "CONSULT", "CHN", "CUB", "2020-01-15"),
    row("c2", "AID", "CHN", "CUB", "2021-06-02", sentence="China sent rice to Cuba."),
    row("c3", "CONSULT", "CHN", "CUB", "2021-07-02"),
    row("c4", "CONSULT", "RUS", "CUB", "2021-03-09"),
    row("c5", "CONSULT", "RUS", "NIC", "2020-02-01",
        sentence="Putin spoke with Ortega for the first time since 2014, the Kremlin said."),
)


def test_novelty_after_a_gap_and_first_contacts():
    table = novelty(CUBA)
    gap = cell(table, "CHN", "CUB", "2021-06")
    assert gap.novel_contact and gap.gap_months == 17 and gap.last_contact == "2020-01"
    assert not gap.first_in_history
    assert gap.evidence_event_id == "c2" and gap.evidence_sentence == "China sent rice to Cuba."
    first = cell(table, "RUS", "CUB", "2021-03")  # first contact 14 months into the coverage
    assert first.novel_contact and first.first_in_history and first.gap_months == 14
    assert not ((table["power"] == "CHN") & (table["period"].isin(["2020-01", "2021-07"]))).any()
    assert novelty(CUBA, gap_months=18)["novel_contact"].sum() == 0


def test_novelty_text_cue_with_evidence_sentence():
    table = novelty(CUBA)
    cue = cell(table, "RUS", "NIC", "2020-02")
    assert not cue.novel_contact
    assert cue.cue == "for the first time since 2014"
    assert (cue.cue_since, cue.cue_gap_years) == (2014, 6)
    assert cue.evidence_event_id == "c5" and "Ortega" in cue.evidence_sentence
    wide = cell(indicators(CUBA), "RUS", "NIC", "2020-02")
    assert wide.novelty_cue == "for the first time since 2014" and wide.novelty_event_id == "c5"


@pytest.mark.parametrize("sentence, text, since, years", [
    ("Lavrov visited Havana for the first time since 2014.", "for the first time since 2014", 2014, None),
    ("It was the first visit by a Chinese leader in 12 years.", "first visit by a Chinese leader in 12 years",
     None, 12),
    ("the first such exercise in over two decades", "first such exercise in over two decades", None, 20),
    ("El canciller viajó a Caracas por primera vez desde 2016.", "por primera vez desde 2016", 2016, None),
    ("Es la primera visita en más de diez años.", "primera visita en más de diez años", None, 10),
    ("O presidente foi a Moscou pela primeira vez desde 2010.", "pela primeira vez desde 2010", 2010, None),
    ("pela primeira vez em uma década", "pela primeira vez em uma década", None, 10),
    ("the first-ever joint patrol", "first-ever", None, None),
])
def test_cue_phrases(sentence, text, since, years):
    cue = find_cue(sentence)
    assert cue is not None and (cue.text, cue.since, cue.years) == (text, since, years)


@pytest.mark.parametrize("sentence", ["The first tranche arrived on Monday.", "Primero llegó el ministro.",
                                      "A primeira-dama acompanhou a visita."])
def test_no_cue_without_a_gap_phrase(sentence):
    assert find_cue(sentence) is None


# -- the influence score -------------------------------------------------------------------------

def test_influence_components_known_values():
    table = influence_scores(BRAZIL)
    usa = cell(table, "USA", "BRA", "2022-01")
    # CONSULT out 2.1 (diplomatic 1.0), SUPPORT in 4.6 x 0.5; SANCTION economic 5.2 x 1.5
    assert usa.coop_weight == pytest.approx(2.1 + 2.3)
    assert usa.conflict_weight == pytest.approx(7.8)
    assert usa.balance == pytest.approx((4.4 - 7.8) / (4.4 + 7.8 + 10))
    china_weight = 7.4 * 1.5
    assert usa.great_power_coop_weight == pytest.approx(4.4 + china_weight)
    assert usa.coop_weight_share == pytest.approx(4.4 / (4.4 + china_weight + 10))
    assert usa.influence == pytest.approx(50 * (usa.balance + usa.coop_weight_share))
    assert usa.event_ids == ["e1", "e2", "e3"]
    alone = influence_scores(frame(row("a", "CONSULT", "USA", "BRA", "2022-01-10")))
    assert alone["influence"].iloc[0] == pytest.approx(50 * 2 * 2.1 / 12.1)


POWERS = ["USA", "CHN", "RUS"]
COUNTRIES = ["BRA", "ARG"]
MONTHS = ["2022-01-05", "2022-02-05"]
COOPERATIVE = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"]
CONFLICTUAL = ["REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
               "ASSAULT"]
CONTEXT_CHOICES = [(), ("economic",), ("military",), ("health",), ("election",), ("diplomatic",)]


@st.composite
def random_event(draw, event_types=tuple(COOPERATIVE + CONFLICTUAL)):
    power, country = draw(st.sampled_from(POWERS)), draw(st.sampled_from(COUNTRIES))
    outbound = draw(st.booleans())
    return row(f"x{draw(st.integers(0, 10**9))}", draw(st.sampled_from(event_types)),
               power if outbound else country, country if outbound else power, draw(st.sampled_from(MONTHS)),
               modality=draw(st.sampled_from(["asserted", "asserted", "future", "negated"])),
               context=draw(st.sampled_from(CONTEXT_CHOICES)))


def score_of(rows: list[dict], power: str, country: str) -> float:
    if not rows:
        return 0.0
    table = influence_scores(pd.DataFrame(rows))
    found = table[(table["power"] == power) & (table["country"] == country) & (table["period"] == "2022-01")]
    return float(found["influence"].iloc[0]) if len(found) else 0.0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(random_event(), max_size=12), st.sampled_from(COOPERATIVE), st.sampled_from(CONTEXT_CHOICES),
       st.booleans(), st.sampled_from(POWERS), st.sampled_from(COUNTRIES))
def test_a_cooperative_event_never_lowers_the_score(rows, event_type, context, outbound, power, country):
    added = row("added", event_type, power if outbound else country, country if outbound else power,
                "2022-01-20", context=context)
    assert score_of([*rows, added], power, country) >= score_of(rows, power, country) - 1e-9


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(random_event(), max_size=12), st.sampled_from(CONFLICTUAL), st.sampled_from(CONTEXT_CHOICES),
       st.booleans(), st.sampled_from(POWERS), st.sampled_from(COUNTRIES))
def test_a_conflictual_event_never_raises_the_score(rows, event_type, context, outbound, power, country):
    added = row("added", event_type, power if outbound else country, country if outbound else power,
                "2022-01-20", context=context)
    assert score_of([*rows, added], power, country) <= score_of(rows, power, country) + 1e-9


# -- sources, errors, Arrow -----------------------------------------------------------------------

def _stored_event(doc_id: str, index: int, event_type: str, actor: str, recipient: str, date: str,
                  sentence: str) -> Event:
    return Event(id=event_id(doc_id, index, event_type, actor, recipient, 0), doc_id=doc_id,
                 event_type=event_type, actor=Actor(actor, "GOV"), recipient=Actor(recipient, "GOV"),
                 date=date, date_precision="day", sentence=sentence, sentence_index=index,
                 char_end=len(sentence), confidence=0.8, coder="test")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "indicators.duckdb"
    plan = {
        "a": ("2022-01-20", [("CONSULT", "RUS", "BRA", "2022-01-19",
                              "Putin received Bolsonaro for the first time since 2019."),
                             ("AID", "CHN", "BRA", "2022-01-18", "China shipped vaccines to Brazil.")]),
        "b": ("2022-03-02", [("ACCUSE", "USA", "RUS", "2022-03-01", "Washington condemned Moscow."),
                             ("AGREE", "CHN", "ARG", "2022-02-04", "China pledged $23 billion to Argentina.")]),
    }
    batch = []
    for doc_id, (date, rows) in plan.items():
        events = [_stored_event(doc_id, i, *r) for i, r in enumerate(rows)]
        text = " ".join(r[-1] for r in rows)
        sentences, start = [], 0
        for i, r in enumerate(rows):
            sentences.append(Sentence(doc_id, i, r[-1], start, start + len(r[-1])))
            start += len(r[-1]) + 1
        batch.append((Document(doc_id, text, date=date, language="en"), text, sentences, events))
    with Store(path) as store:
        store.add(batch)
    return str(path)


def test_store_path_and_tables_agree(db):
    with Store(db, read_only=True) as store:
        from_store = indicators(store)
        from_table = indicators(store.events_table())
    from_path = indicators(db)
    assert from_store["event_ids"].tolist() == from_table["event_ids"].tolist() == from_path["event_ids"].tolist()
    assert cell(from_path, "RUS", "BRA", "2022-01").novelty_cue == "for the first time since 2019"
    arrow = to_arrow(from_path)
    assert isinstance(arrow, pa.Table) and pa.types.is_list(arrow.schema.field("event_ids").type)


@pytest.mark.parametrize("options, code", [
    ({"powers": ["R$"]}, "E012"), ({"powers": ["XYZ"]}, "E012"), ({"powers": []}, "E012"),
    ({"countries": ["BRAZIL"]}, "E012"), ({"regions": ["atlantis"]}, "E012"), ({"period": "week"}, "E012"),
    ({"modality": "maybe"}, "E012"), ({"since": "2022-13"}, "E011"), ({"since": "2023", "until": "2022"}, "E012"),
    ({"window": 0}, "E012"), ({"gap_months": "twelve"}, "E012"),
])
def test_bad_options_raise_coded_errors(options, code):
    with pytest.raises(SuasionError) as raised:
        Analysis(BRAZIL, **options)
    assert raised.value.code == code


def test_a_table_without_the_needed_columns_is_refused():
    with pytest.raises(SuasionError) as raised:
        dyad_month(pd.DataFrame({"id": ["a"], "event_type": ["CONSULT"]}))
    assert raised.value.code == "E012" and "actor_code" in str(raised.value)


def test_no_matching_events_give_empty_tables_with_columns():
    empty = indicators(BRAZIL, countries=["PER"])
    assert empty.empty and {"influence", "event_ids", "power_share"} <= set(empty.columns)
    assert momentum(BRAZIL, countries=["PER"]).empty and novelty(BRAZIL, countries=["PER"]).empty


# -- CLI ------------------------------------------------------------------------------------------

def run(*args: str):
    group = click.Group()
    group.add_command(indicators_cmd.command)
    return CliRunner().invoke(group, ["indicators", *args])


def _same(value, other) -> bool:
    if isinstance(value, (list, np.ndarray)) or isinstance(other, (list, np.ndarray)):
        return list(value) == list(other)
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    other_missing = other is None or other is pd.NA or (isinstance(other, float) and math.isnan(other))
    if missing or other_missing:
        return missing and other_missing
    if isinstance(value, (float, np.floating)) or isinstance(other, (float, np.floating)):
        return math.isclose(float(value), float(other), rel_tol=1e-9)
    return value == other


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_cli_formats_round_trip(db, tmp_path, fmt):
    out = tmp_path / f"indicators.{fmt}"
    result = run("--db", db, "--format", fmt, "-o", str(out), "--period", "quarter")
    assert result.exit_code == 0, result.output
    expected = indicators(db, period="quarter")
    back = read_table(out, fmt)
    assert list(back.columns) == list(expected.columns) and len(back) == len(expected) > 0
    for mine, theirs in zip(expected.to_dict("records"), back.to_dict("records")):
        differing = [k for k in mine if not _same(mine[k], theirs[k])]
        assert not differing, (differing, mine, theirs)


def test_cli_table_views_and_regions(db):
    result = run("--db", db, "--region", "latin-america", "--period", "year")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["period", "power", "country"]
    assert any(line.split()[:3] == ["2022", "CHN", "LAM"] for line in lines)
    for view in ("dyads", "levers", "shares", "momentum", "novelty", "influence", "quantities"):
        assert run("--db", db, "--view", view, "--format", "csv").exit_code == 0
    quantities = run("--db", db, "--view", "quantities", "--format", "json", "--power", "CHN")
    assert '"value": 23000000000.0' in quantities.stdout


@pytest.mark.parametrize("args, code", [
    (["--power", "R$"], "E012"), (["--power", "XYZ"], "E012"), (["--country", "ZZZ"], "E012"),
    (["--region", "atlantis"], "E012"), (["--since", "2022-13"], "E011"), (["--until", "yesterday"], "E011"),
    (["--period", "week"], "E012"), (["--format", "xml"], "E034"), (["--window", "x"], "E012"),
    (["--window", "0"], "E012"), (["--modality", "maybe"], "E012"), (["--view", "everything"], "E012"),
    (["--format", "parquet"], "E012"),
])
def test_cli_bad_input_is_one_coded_line(db, args, code):
    result = run("--db", db, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"suasion: error {code} ") and len(result.stderr.splitlines()) == 1


def test_cli_missing_database(tmp_path):
    result = run("--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2 and result.stderr.startswith("suasion: error E014 ")
