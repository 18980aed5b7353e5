"""Tests for clustering mentions into events: the rules, determinism, and pairwise scores on gold."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.cli import evaluate_clusters_cmd
from suasion.evaluate.clusters import (
    cluster_gold, evaluate_clusters, gold_mentions, load_gold_paths, pairwise_scores,
)
from suasion.evaluate.gold import gold_from_lines
from suasion.store.clustering import (
    COMPATIBLE, INCOMPATIBLE, NEEDS_WORDING, Mention, agreed_date, cluster, cluster_groups, content_words,
    corroborated_confidence, dates_compatible, event_key, group_document, similarity,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def mention(doc: str, index: int = 0, event_type: str = "CONSULT", actor: str | None = "RUS",
            recipient: str | None = "VEN", published: str | None = "2022-01-21", **fields) -> Mention:
    values = dict(id=f"{doc}/{index}/{event_type}/{actor}/{recipient}", doc_id=doc, event_type=event_type,
                  actor=actor, recipient=recipient, published=published, language="en",
                  sentence_index=index)
    values.update(fields)
    return Mention.of(**values)


def same_event(assignment: dict[str, str], *mentions: Mention) -> bool:
    return len({assignment[m.id] for m in mentions}) == 1


# -- pairwise rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("first, second, expected", [
    (("2022-01-20", None), ("2022-01-23", None), True),      # day: within 3 days
    (("2022-01-20", None), ("2022-01-24", None), False),
    (("2022-01-20", None), ("2022-01", None), True),         # coarser precision decides
    (("2022-01", None), ("2022-02", None), True),            # adjacent months
    (("2022-01", None), ("2022-03", None), False),
    (("2022-12", None), ("2023-01", None), True),            # adjacent across a year end
    (("2022", None), ("2022-06-01", None), True),
    (("2022", None), ("2021-12-31", None), False),
    ((None, "2022-01-25"), ("2022-01-20", None), True),      # undated: publication date ±7 days
    ((None, "2022-01-30"), ("2022-01-20", None), False),
    ((None, "2022-01-30"), ("2022-01", None), True),
    ((None, "2022-03-20"), ("2022-01", None), False),
    ((None, "2022-01-01"), ("2022-01-20", None), False),
    ((None, None), ("2022-01-20", None), False),             # nothing to compare with
])
def test_dates_compatible(first, second, expected):
    a = mention("a", date=first[0], published=first[1] or None)
    b = mention("b", date=second[0], published=second[1] or "2022-01-21")
    assert (dates_compatible(a, b) == COMPATIBLE) is expected
    assert (dates_compatible(b, a) == COMPATIBLE) is expected


def test_two_undated_mentions_need_wording_beyond_two_weeks_and_never_merge_beyond_thirty_days():
    def undated(doc: str, published: str) -> Mention:
        return mention(doc, published=published)
    assert dates_compatible(undated("a", "2022-01-01"), undated("b", "2022-01-15")) == COMPATIBLE
    assert dates_compatible(undated("a", "2022-01-01"), undated("b", "2022-01-25")) == NEEDS_WORDING
    assert dates_compatible(undated("a", "2022-01-01"), undated("b", "2022-02-05")) == INCOMPATIBLE
    assert dates_compatible(undated("a", "2022-01-01"), undated("a", None), same_document=True) == COMPATIBLE


def test_content_words_fold_case_and_accents_and_drop_function_and_act_words():
    words = content_words("El Gobierno entregó 500.000 vacunas Sputnik a Bolivia el martes")
    assert {"500", "000", "vacuna", "sputni", "bolivi"} <= words
    assert not {"el", "gobier", "entreg", "martes", "a"} & words
    assert "helico" in content_words("Russia delivered two helicopters")
    assert "delive" not in content_words("Russia delivered two helicopters")


def test_similarity_needs_the_same_language_and_enough_words():
    a = mention("a", sentence="Moscow shipped helicopters and rifles to Caracas", language="en")
    b = mention("b", sentence="Moscow shipped rifles to Caracas", language="en")
    c = mention("c", sentence="Moscú envió fusiles a Caracas", language="es")
    assert similarity(a, b) == 1.0
    assert similarity(a, c) is None
    assert similarity(a, mention("d", sentence="Shipped.", language="en")) is None


def test_agreed_date_is_the_most_precise_date_all_dated_mentions_share():
    assert agreed_date(["2022-01", "2022-01-18", None]) == ("2022-01-18", "day")
    assert agreed_date(["2022-01-18", "2022-01-19"]) == ("2022-01", "month")
    assert agreed_date(["2022-01-31", "2022-02"]) == ("2022", "year")
    assert agreed_date(["2021-12-31", "2022-01-01"], fallback="2022-01-01") == ("2022-01-01", "day")
    assert agreed_date([None, "not a date"]) == (None, None)


def test_corroboration_grows_with_sources_and_is_capped():
    assert corroborated_confidence([0.6]) == 0.6
    assert corroborated_confidence([0.6, 0.5]) == 0.8
    assert corroborated_confidence([0.9, 0.9, 0.9]) == 0.99
    assert corroborated_confidence([1.0]) == 1.0  # never below the best single source
    assert corroborated_confidence([]) == 0.0


# -- the rules on own fixtures ----------------------------------------------------------------

def test_one_phone_call_reported_in_three_languages_with_three_precisions_is_one_event():
    call = [
        mention("en", 2, mode="phone", date="2022-01-20", published="2022-01-20",
                sentence="Putin spoke by phone with Maduro on Thursday, the Kremlin said."),
        mention("es", 5, mode="phone", date="2022-01", published="2022-01-22", language="es",
                sentence="Putin conversó por teléfono con Maduro este mes."),
        mention("pt", 1, actor="VEN", recipient="RUS", published="2022-01-24", language="pt",
                sentence="Maduro e Putin conversaram sobre cooperação."),
    ]
    assignment = cluster(call)
    assert same_event(assignment, *call)
    assert assignment[call[0].id] == event_key(call[0].id)  # named after its first mention


def test_different_deliveries_to_the_same_country_in_the_same_month_stay_apart():
    helicopters = mention("a", event_type="AID", date="2022-03", published="2022-03-10",
                          sentence="Russia delivered two Mi-17 helicopters to the Venezuelan air force.")
    vaccines = mention("b", event_type="AID", date="2022-03", published="2022-03-12",
                       sentence="Russia shipped a second batch of Sputnik vaccines to Venezuela.")
    more_helicopters = mention("c", event_type="AID", date="2022-03-09", published="2022-03-11",
                               sentence="The Mi-17 helicopters landed in Caracas aboard a cargo plane.")
    assignment = cluster([helicopters, vaccines, more_helicopters])
    assert same_event(assignment, helicopters, more_helicopters)
    assert not same_event(assignment, helicopters, vaccines)


def test_modality_mode_direction_and_type_rules():
    base = dict(date="2022-02-16", published="2022-02-16")
    asserted = mention("a", **base, mode="visit", sentence="Putin met Bolsonaro in the Kremlin.", actor="RUS",
                       recipient="BRA")
    negated = mention("b", **base, modality="negated", actor="RUS", recipient="BRA")
    planned = mention("c", date="2022-02-16", published="2022-02-10", modality="future", actor="BRA",
                      recipient="RUS", sentence="Bolsonaro will meet Putin in Moscow next Wednesday.")
    undated_plan = mention("d", published="2022-02-17", modality="future", actor="BRA", recipient="RUS")
    by_phone = mention("e", **base, mode="phone", actor="RUS", recipient="BRA")
    in_person = mention("f", **base, mode="visit", actor="BRA", recipient="RUS")
    accusation = mention("g", event_type="ACCUSE", actor="USA", recipient="BRA", **base,
                         sentence="Washington criticised the Brazilian trip to Moscow.")
    reversed_accusation = mention("h", event_type="ACCUSE", actor="BRA", recipient="USA", **base,
                                  sentence="Brasilia criticised Washington over the Moscow trip.")
    assignment = cluster([asserted, negated, planned, undated_plan, by_phone, in_person, accusation,
                          reversed_accusation])
    assert same_event(assignment, asserted, planned)  # a dated plan and its realisation
    assert not same_event(assignment, asserted, negated)
    assert not same_event(assignment, asserted, undated_plan)  # a plan with no date stays apart
    assert not same_event(assignment, by_phone, in_person)
    assert same_event(assignment, asserted, in_person)  # CONSULT ignores direction
    assert not same_event(assignment, accusation, reversed_accusation)


def test_within_one_document_mirrored_and_recipientless_mentions_join():
    doc = [
        mention("a", 3, "AGREE", "RUS", "VEN", date="2022-01-20",
                sentence="The two leaders agreed to expand oil cooperation."),
        mention("a", 3, "AGREE", "VEN", "RUS", date="2022-01-20",
                sentence="The two leaders agreed to expand oil cooperation."),
        mention("a", 7, "AGREE", "RUS", None, sentence="Moscow agreed to expand oil output in the Orinoco belt."),
        mention("a", 9, "AGREE", "RUS", "VEN", date="2022-01-20",
                sentence="They also agreed on a new wheat quota for the spring."),
    ]
    groups = group_document(doc)
    assert [len(g.members) for g in groups] == [3, 1]
    assert groups[0].block == groups[1].block == "AGREE+SUPPORT|RUS|VEN"


def test_two_groups_of_one_document_never_merge_across_documents():
    a1 = mention("a", 1, "AID", date="2022-03", sentence="Russia sent helicopters to Venezuela.")
    a2 = mention("a", 8, "AID", date="2022-03", sentence="Russia also sent wheat to Venezuela.")
    b = mention("b", 1, "AID", date="2022-03", sentence="Russian helicopters and wheat reached Venezuela.")
    assignment = cluster([a1, a2, b])
    assert not same_event(assignment, a1, a2)
    assert same_event(assignment, a1, b) or same_event(assignment, a2, b)


def test_unknown_actors_never_merge_across_documents():
    first = mention("a", actor=None, date="2022-01-20")
    second = mention("b", actor=None, date="2022-01-20")
    assert not same_event(cluster([first, second]), first, second)


# Own fixture: invented reports, each line (document, publication date, language, type, actor,
# recipient, modality, mode, date, sentence, happening).
FIXTURE = [
    ("w1", "2023-05-02", "en", "CONSULT", "CHN", "BRA", "asserted", "visit", "2023-05-01",
     "Lula met Xi in Beijing on Monday to discuss trade.", "lula-xi"),
    ("w2", "2023-05-03", "es", "CONSULT", "BRA", "CHN", "asserted", None, "2023-05",
     "Lula se reunió con Xi en Pekín.", "lula-xi"),
    ("w3", "2023-05-07", "en", "CONSULT", "BRA", "CHN", "asserted", "visit", None,
     "Last week's visit of Lula to Beijing produced fifteen accords.", "lula-xi"),
    ("w1", "2023-05-02", "en", "AGREE", "CHN", "BRA", "asserted", None, "2023-05-01",
     "The two governments signed fifteen accords on satellites and semiconductors.", "accords"),
    ("w3", "2023-05-07", "en", "AGREE", "CHN", "BRA", "asserted", None, "2023-05",
     "Beijing signed the satellite and semiconductor accords with Brasilia.", "accords"),
    ("w4", "2023-05-20", "en", "AID", "CHN", "BRA", "asserted", None, "2023-05-18",
     "China donated two thousand ventilators to Brazilian hospitals.", "ventilators"),
    ("w5", "2023-05-21", "en", "AID", "CHN", "BRA", "asserted", None, "2023-05-19",
     "Chinese engineers handed over a drought monitoring satellite to Brazil.", "satellite-gift"),
    ("w6", "2023-05-22", "en", "AID", "CHN", "BRA", "asserted", None, None,
     "The ventilators from China reached hospitals in Manaus.", "ventilators"),
    ("w7", "2023-07-30", "en", "AID", "CHN", "BRA", "asserted", None, None,
     "China donated ventilators to Brazilian hospitals again.", "ventilators-july"),
    ("w4", "2023-05-20", "en", "ACCUSE", "USA", "BRA", "asserted", None, None,
     "Washington criticised the accords with Beijing.", "us-criticism"),
    ("w6", "2023-05-22", "en", "ACCUSE", "USA", "BRA", "negated", None, None,
     "Washington did not criticise the accords.", "us-no-criticism"),
]


def fixture_mentions() -> tuple[list[Mention], dict[str, str]]:
    mentions, truth = [], {}
    for number, (doc, published, language, event_type, actor, recipient, modality, mode, date,
                 sentence, happening) in enumerate(FIXTURE):
        m = Mention.of(id=f"f{number:02d}", doc_id=doc, event_type=event_type, actor=actor,
                       recipient=recipient, modality=modality, mode=mode, date=date,
                       published=published, language=language, sentence=sentence,
                       sentence_index=number)
        mentions.append(m)
        truth[m.id] = happening
    return mentions, truth


def test_fixture_is_clustered_as_annotated():
    mentions, truth = fixture_mentions()
    assignment = cluster(mentions)
    scores = pairwise_scores(assignment, truth, {m.id: m.doc_id for m in mentions})
    assert (scores.across.precision, scores.across.recall) == (1.0, 1.0)
    assert scores.across.tp == 5


# -- determinism ------------------------------------------------------------------------------

@st.composite
def mention_sets(draw) -> list[Mention]:
    """Many mentions over few parties, types and dates, so that most could merge."""
    count = draw(st.integers(1, 30))
    mentions = []
    for number in range(count):
        doc = f"d{draw(st.integers(0, 8))}"
        day = draw(st.integers(1, 28))
        published = draw(st.sampled_from([None, f"2022-01-{day:02d}", f"2022-02-{day:02d}"]))
        date = draw(st.sampled_from([None, f"2022-01-{day:02d}", "2022-01", "2022-02", "2022"]))
        mentions.append(Mention.of(
            id=f"m{number}", doc_id=doc, event_type=draw(st.sampled_from(["CONSULT", "AGREE", "SUPPORT", "AID"])),
            actor=draw(st.sampled_from(["RUS", "VEN", None])), recipient=draw(st.sampled_from(["RUS", "VEN", None])),
            modality=draw(st.sampled_from(["asserted", "future", "negated"])),
            mode=draw(st.sampled_from([None, "phone"])), date=date, published=published,
            language="en", sentence=draw(st.sampled_from(["wheat helicopters", "wheat oil talks", "vaccines"])),
            context=draw(st.sampled_from([(), ("economic",), ("health",)])),
            sentence_index=draw(st.integers(0, 5)), char_start=number))
    return mentions


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mention_sets(), st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_input_order(mentions, rng):
    shuffled = list(mentions)
    rng.shuffle(shuffled)
    assert cluster(shuffled) == cluster(mentions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mention_sets())
def test_every_event_is_named_after_its_first_mention_and_respects_hard_rules(mentions):
    assignment = cluster(mentions)
    members = defaultdict(list)
    for m in mentions:
        members[assignment[m.id]].append(m)
    for key, group in members.items():
        assert key == event_key(min(group, key=lambda m: m.order).id)
        assert len({m.modality for m in group} - {"asserted", "future"}) <= 1 or len(group) == 1
        assert not ({"negated"} < {m.modality for m in group})
        assert len({m.mode for m in group if m.mode}) <= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mention_sets(), st.integers(0, 30))
def test_clustering_a_block_from_a_point_on_after_its_settled_events_gives_the_same_events(mentions, cut):
    """What the store relies on to re-cluster only the tail of a block."""
    assignment = cluster(mentions)
    by_doc = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    groups = sorted((g for members in by_doc.values() for g in group_document(members)), key=lambda g: g.order)
    settled = [(g, assignment[g.id]) for g in groups[:cut]]
    assert cluster_groups(groups[cut:], settled) == assignment


def test_a_settled_group_after_a_group_to_cluster_is_refused():
    first, later = mention("a", published="2022-01-10"), mention("b", published="2022-01-12")
    groups = {m.doc_id: group_document([m])[0] for m in (first, later)}
    with pytest.raises(ValueError, match="does not come before"):
        cluster_groups([groups["a"]], [(groups["b"], event_key(later.id))])


# -- gold-derived pairwise scores ------------------------------------------------------------

GOLD_LINES = [
    '{"kind": "doc", "doc": "x1", "date": "2023-05-02", "language": "en"}',
    '{"kind": "doc", "doc": "x2", "date": "2023-05-04", "language": "en"}',
    '{"kind": "event", "doc": "x1", "quote": "Lula met Xi", "event": "CONSULT", "actor": "BRA", '
    '"recipient": "CHN", "modality": "asserted", "date": "2023-05-01", "happening": "h1"}',
    '{"kind": "event", "doc": "x1", "quote": "they signed accords", "event": "AGREE", "actor": "BRA", '
    '"recipient": "CHN", "modality": "asserted", "date": "2023-05-01", "happening": "h2"}',
    '{"kind": "event", "doc": "x2", "quote": "Xi received Lula", "event": "CONSULT", "actor": "CHN", '
    '"recipient": "BRA", "modality": "asserted", "date": "2023-05", "happening": "h1"}',
    '{"kind": "event", "doc": "x2", "quote": "China sent vaccines", "event": "AID", "actor": "CHN", '
    '"recipient": "BRA", "modality": "asserted", "date": null, "happening": "h3"}',
    '{"kind": "event", "doc": "x2", "quote": "no key", "event": "AID", "actor": "CHN", '
    '"recipient": "ARG", "modality": "asserted", "date": null}',
]


def test_evaluate_clusters_matches_mentions_to_gold_and_counts_pairs():
    gold = gold_from_lines(GOLD_LINES)
    predictions = []
    for event in gold.events:
        record = event.to_prediction()
        record["event_id"] = event.raw.get("happening", "none")
        predictions.append(record)
    perfect = evaluate_clusters(predictions, gold)
    assert (perfect.across.tp, perfect.across.fp, perfect.across.fn) == (1, 0, 0)
    assert perfect.matched == 4 and perfect.unkeyed_gold == 1
    for record in predictions:
        record["event_id"] = "one"
    merged = evaluate_clusters(predictions, gold)
    assert (merged.across.tp, merged.across.fp) == (1, 3) and merged.across.precision == 0.25
    for number, record in enumerate(predictions):
        record["event_id"] = f"e{number}"
    split = evaluate_clusters(predictions, gold)
    assert (split.across.recall, split.across.fn) == (0.0, 1)


def test_cluster_gold_on_own_gold_lines():
    gold = gold_from_lines(GOLD_LINES)
    assert len(gold_mentions(gold)) == 4
    scores = cluster_gold(gold)
    assert (scores.across.tp, scores.across.fp, scores.across.fn) == (1, 0, 0)


@pytest.mark.shared
def test_clustering_of_the_shared_gold_reaches_the_bar():
    seed, dev = SHARED / "eval" / "gold" / "seed.gold.jsonl", SHARED / "eval" / "gold" / "dev"
    if not seed.is_file() or not dev.is_dir():
        pytest.skip(f"shared gold not found at {SHARED}")
    gold = load_gold_paths([str(seed), str(dev)])
    scores = cluster_gold(gold)
    assert scores.across.tp + scores.across.fn >= 10  # the bar means something
    assert scores.across.precision >= 0.90, scores.errors
    assert scores.across.recall >= 0.90, scores.errors
    shuffled = gold_mentions(gold)
    random.Random(5).shuffle(shuffled)
    assert cluster(m for m, _ in shuffled) == cluster(m for m, _ in gold_mentions(gold))


def test_evaluate_clusters_command(tmp_path):
    gold_file = tmp_path / "own.gold.jsonl"
    gold_file.write_text("\n".join(GOLD_LINES) + "\n", encoding="utf-8")
    predictions = tmp_path / "mentions.jsonl"
    records = []
    for event in gold_from_lines(GOLD_LINES).events:
        record = event.to_prediction()
        record["event_id"] = "same"
        records.append(json.dumps(record))
    predictions.write_text("\n".join(records) + "\n", encoding="utf-8")
    group = click.Group()
    group.add_command(evaluate_clusters_cmd.command)
    runner = CliRunner()
    result = runner.invoke(group, ["evaluate-clusters", str(predictions), str(gold_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["across_documents"]["precision"] == 0.25 and scores["across_documents"]["recall"] == 1.0
    oracle = runner.invoke(group, ["evaluate-clusters", "--oracle", str(gold_file)])
    assert oracle.exit_code == 0 and "across documents" in oracle.stdout
    assert "1.000   1.000" in oracle.stdout
    missing = runner.invoke(group, ["evaluate-clusters", str(gold_file)])
    assert missing.exit_code == 2 and "E012" in missing.stderr
