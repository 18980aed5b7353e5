"""Consistency of the PLOVER and CAMEO codebooks and of the lookups in suasion.model.codes."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suasion import codebooks
from suasion.model import codes
from suasion.model.errors import SuasionError
from suasion.model.records import PLOVER_TYPES

TYPES = codes.plover_types()
CAMEO_ROWS = codebooks.load(codes.CAMEO_FILE)
CAMEO = {row["code"]: row for row in CAMEO_ROWS}
CONTEXTS = set(codes.contexts())
MODE_PAIRS = [(t, m) for t in PLOVER_TYPES for m in codes.modes(t)]


def root_quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def all_context_tables():
    for event_type, entry in TYPES.items():
        yield event_type, None, entry.get("cameo_by_context") or {}
        for mode, mode_entry in (entry.get("modes") or {}).items():
            yield event_type, mode, mode_entry.get("cameo_by_context") or {}


# --- the data files -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["events/plover.yaml", "events/cameo.tsv"])
def test_files_state_sources_and_check_date(name):
    head = [line for line in codebooks.path(name).read_text(encoding="utf-8").splitlines()
            if line.startswith("#")]
    assert any(line.startswith("# sources:") for line in head)
    assert "# checked: 2026-11" in head


def test_the_sixteen_types_match_the_record_contract():
    assert tuple(TYPES) == PLOVER_TYPES


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_every_type_has_quad_score_description_and_an_existing_default_code(event_type):
    entry = TYPES[event_type]
    assert entry["quad"] in (1, 2, 3, 4)
    assert -10 <= entry["plover_score"] <= 10
    assert entry["description"].strip()
    assert isinstance(entry["cameo"], str) and entry["cameo"] in CAMEO
    assert isinstance(entry["recipient_required"], bool)


def test_types_in_each_quad_follow_the_plover_manual():
    by_quad = {q: {t for t in PLOVER_TYPES if codes.quad_class(t) == q} for q in (1, 2, 3, 4)}
    assert by_quad == {
        1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
        2: {"COOPERATE", "AID", "RETREAT"},
        3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
        4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
    }


def test_scores_run_from_cooperation_to_conflict_with_the_quads():
    mean = {q: statistics.mean(codes.plover_score(t) for t in PLOVER_TYPES
                               if codes.quad_class(t) == q) for q in (1, 2, 3, 4)}
    assert mean[1] > 0 and mean[2] > 0
    assert mean[3] < 0 and mean[4] < 0
    assert mean[2] > mean[1] and mean[4] < mean[3]
    assert all(codes.plover_score(t) > 0 for t in PLOVER_TYPES if codes.quad_class(t) <= 2)
    assert all(codes.plover_score(t) < 0 for t in PLOVER_TYPES if codes.quad_class(t) >= 3)


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_goldstein_mean_is_in_step_with_cameo_table(event_type):
    values = [float(row["goldstein"]) for row in CAMEO_ROWS
              if row["plover_type"] == event_type and len(row["code"]) > 2]
    assert values, f"no CAMEO code maps to {event_type}"
    assert TYPES[event_type]["goldstein_mean"] == pytest.approx(statistics.mean(values), abs=0.005)


def test_cameo_codes_are_digit_strings_with_leading_zeros_kept():
    assert CAMEO_ROWS, "cameo.tsv is empty"
    assert all(isinstance(row["code"], str) and row["code"].isdigit() and 2 <= len(row["code"]) <= 4
               for row in CAMEO_ROWS)
    assert len(CAMEO) == len(CAMEO_ROWS), "duplicate CAMEO codes"
    for code in ("010", "0311", "1011", "0874", "2042"):
        assert code in CAMEO
    assert {row["code"] for row in CAMEO_ROWS if len(row["code"]) == 2} == {
        f"{root:02d}" for root in range(1, 21)}
    assert 280 <= len(CAMEO_ROWS) <= 330


def test_every_code_sits_under_an_existing_parent():
    for code in CAMEO:
        if len(code) > 2:
            assert code[:-1] in CAMEO, f"{code} has no parent {code[:-1]}"


@pytest.mark.parametrize("row", CAMEO_ROWS, ids=lambda row: row["code"])
def test_every_cameo_row_has_goldstein_quad_label_and_known_plover_mapping(row):
    assert -10 <= float(row["goldstein"]) <= 10
    assert int(row["quad"]) == root_quad(row["code"])
    assert row["label"].strip()
    if row["plover_type"]:
        assert row["plover_type"] in PLOVER_TYPES
        if row["plover_mode"]:
            assert row["plover_mode"] in codes.modes(row["plover_type"])
    else:
        assert not row["plover_mode"]
    for context in filter(None, row["plover_context"].split(";")):
        assert context in CONTEXTS


def test_statements_have_no_plover_type_and_the_renamed_roots_map_to_current_names():
    for code in ("010", "011", "012", "013", "014", "015", "016", "017", "018", "019"):
        assert codes.plover_for_cameo(code) is None
    assert codes.plover_for_cameo("100")[0] == "REQUEST"  # DEMAND
    assert codes.plover_for_cameo("111")[0] == "ACCUSE"   # DISAPPROVE
    assert codes.plover_for_cameo("091")[0] == "ACCUSE"   # INVESTIGATE
    assert codes.plover_for_cameo("193")[0] == "ASSAULT"  # FIGHT


@pytest.mark.parametrize("event_type,mode", MODE_PAIRS)
def test_every_mode_code_exists_and_maps_back_to_its_type(event_type, mode):
    entry = TYPES[event_type]["modes"][mode]
    assert entry["description"].strip()
    if entry["cameo"] is not None:
        assert isinstance(entry["cameo"], str) and entry["cameo"] in CAMEO
        assert CAMEO[entry["cameo"]]["plover_type"] == event_type


@pytest.mark.parametrize("event_type,mode,table", list(all_context_tables()))
def test_context_codes_exist_use_known_contexts_and_keep_the_type(event_type, mode, table):
    for context, code in table.items():
        assert context in CONTEXTS
        assert isinstance(code, str) and code in CAMEO
        assert CAMEO[code]["plover_type"] == event_type


def test_mode_aliases_are_unambiguous_within_a_type():
    for event_type in PLOVER_TYPES:
        seen: dict[str, str] = {}
        for mode, entry in (TYPES[event_type].get("modes") or {}).items():
            for name in [mode, *(entry.get("aliases") or [])]:
                assert name not in seen, f"{event_type}: {name} is both {seen[name]} and {mode}"
                seen[name] = mode


def test_context_aliases_point_at_contexts():
    aliases = codebooks.load(codes.PLOVER_FILE)["context_aliases"]
    assert not set(aliases) & CONTEXTS
    assert set(aliases.values()) <= CONTEXTS
    assert {"military", "economic", "diplomatic", "health", "election", "territory", "cyber",
            "misinformation"} <= CONTEXTS  # the contexts the annotation guidelines name


# --- the lookups ----------------------------------------------------------------------------

@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_default_code_round_trips_to_the_type(event_type):
    assert codes.plover_for_cameo(codes.cameo_for(event_type))[0] == event_type


def test_examples_of_the_most_specific_code():
    assert codes.cameo_for("AID", context=["military"]) == "072"
    assert codes.cameo_for("AID", context=("health",)) == "073"
    assert codes.cameo_for("AID", context=["humanitarian"]) == "073"
    assert codes.cameo_for("AID", "economic") == "071"
    assert codes.cameo_for("AID", "military", ["peacekeeping"]) == "074"
    assert codes.cameo_for("CONSULT", "visit") == "042"
    assert codes.cameo_for("CONSULT", "host") == "043"
    assert codes.cameo_for("CONSULT", "phone") == "041"
    assert codes.cameo_for("THREATEN", "violence", ["cbrn"]) == "1385"
    assert codes.cameo_for("SANCTION", context=["economic"]) == "163"
    assert codes.cameo_for("PROTEST", "demo-org") == "141"  # an alias from earlier drafts
    assert codes.cameo_for("ASSAULT", "aerial") == "194"
    # the first context with a code wins; unknown ones are skipped
    assert codes.cameo_for("AID", context=["no-such-context", "disease", "military"]) == "073"
    assert codes.cameo_for("aid", "no-such-mode") == "070"


def test_mode_without_a_cameo_code_falls_back_to_the_type():
    assert codes.cameo_for("RETREAT", "resign") == codes.cameo_for("RETREAT")
    assert codes.cameo_for("COERCE", "withhold") == "170"


def test_lookups_of_codes():
    assert codes.goldstein("0874") == 10.0
    assert codes.goldstein("1823") == -10.0
    assert codes.cameo_label("042") == "Make a visit"
    assert codes.plover_for_cameo("042") == ("CONSULT", "visit")
    assert codes.plover_for_cameo("040") == ("CONSULT", None)
    assert codes.cameo_quad("057") == 1 and codes.cameo_quad("145") == 4
    assert codes.plover_context_for_cameo("1124") == ["military", "legal"]
    assert codes.canonical_context("Refugee") == "refugees"
    assert codes.canonical_context("nonsense") is None


@pytest.mark.parametrize("bad", ["10.5", "42", 42, "999", ""])
def test_unknown_cameo_codes_are_user_errors(bad):
    with pytest.raises(SuasionError) as info:
        codes.goldstein(bad)
    assert info.value.code == "E012"


def test_unknown_types_are_user_errors():
    with pytest.raises(SuasionError):
        codes.quad_class("DEMAND")
    with pytest.raises(SuasionError):
        codes.cameo_for("FIGHT")


def test_plover_types_is_a_copy():
    types = codes.plover_types()
    types["AID"]["quad"] = 99
    assert codes.quad_class("AID") == 2


@given(st.sampled_from(MODE_PAIRS),
       st.lists(st.sampled_from(sorted(CONTEXTS)), max_size=4))
def test_any_mode_and_contexts_give_a_code_of_the_same_type(pair, context):
    event_type, mode = pair
    code = codes.cameo_for(event_type, mode, context)
    assert code in CAMEO
    assert codes.plover_for_cameo(code)[0] == event_type


@given(st.sampled_from(PLOVER_TYPES), st.lists(st.sampled_from(sorted(CONTEXTS)), max_size=4))
def test_any_type_and_contexts_give_a_code_of_the_same_type(event_type, context):
    assert codes.plover_for_cameo(codes.cameo_for(event_type, None, context))[0] == event_type


@given(st.sampled_from(sorted(CAMEO)))
def test_mapped_cameo_codes_come_back_as_a_code_of_the_same_type(code):
    mapped = codes.plover_for_cameo(code)
    if mapped is not None:
        event_type, mode = mapped
        back = codes.cameo_for(event_type, mode, codes.plover_context_for_cameo(code))
        assert codes.plover_for_cameo(back)[0] == event_type


@given(st.sampled_from(MODE_PAIRS))
def test_modes_are_found_by_name_with_any_case_and_separator(pair):
    event_type, mode = pair
    assert codes.canonical_mode(event_type.lower(), mode.upper().replace("-", "_")) == mode

