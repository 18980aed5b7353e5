"""Tests for scoring predictions against gold (GUIDELINES.md section 8) and `suasion evaluate`."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from suasion.cli import evaluate_cmd
from suasion.evaluate import evaluate, gold_from_lines, load_gold, load_predictions
from suasion.evaluate.matching import max_weight_matching
from suasion.model.errors import SuasionError
from suasion.model.records import MODALITIES, PLOVER_TYPES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def gold_event(doc: str = "d1", event: str = "ACCUSE", actor: str | None = "USA",
               recipient: str | None = "RUS", **extra: object) -> dict:
    record = {"kind": "event", "doc": doc, "quote": f"{actor} {event} {recipient}", "event": event,
              "alt": [], "mode": None, "actor": actor, "actor_sector": "GOV", "actor_name": None,
              "recipient": recipient, "recipient_sector": None, "recipient_name": None,
              "modality": "asserted", "date": None, "context": [], "optional": False, "note": None}
    record.update(extra)
    return record


def prediction(doc: str = "d1", event_type: str = "ACCUSE", actor: str | None = "USA",
               recipient: str | None = "RUS", modality: str = "asserted", date: str | None = None,
               confidence: float = 0.5, sentence: str = "", pid: str | None = None) -> dict:
    def side(code: str | None) -> dict:
        return {"code": code, "sector": None, "name": None, "text": None}

    return {"id": pid or f"p-{doc}-{event_type}-{actor}-{recipient}-{modality}-{date}",
            "doc_id": doc, "event_type": event_type, "mode": None, "context": [],
            "modality": modality, "actor": side(actor),
            "recipient": side(recipient) if recipient is not None else None, "date": date,
            "date_precision": None, "cameo": None, "quad": None, "goldstein": None,
            "plover_score": None, "sentence": sentence, "sentence_index": 0, "char_start": 0,
            "char_end": 0, "confidence": confidence, "coder": "test"}


def gold_set(*events: dict, docs: tuple[str, ...] = ()):
    lines = [json.dumps({"kind": "doc", "doc": d, "date": "2022-02-16", "language": "en"}) for d in docs]
    lines += [json.dumps(e) for e in events]
    return gold_from_lines(lines, "test.gold.jsonl")


# -- pairing rules ----------------------------------------------------------------------------

def test_directed_event_reversed_is_wrong_both_ways():
    scores = evaluate([prediction(actor="RUS", recipient="USA")], gold_set(gold_event()))
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 1)


def test_consult_ignores_direction():
    gold = gold_set(gold_event(event="CONSULT", actor="RUS", recipient="NIC"))
    scores = evaluate([prediction(event_type="CONSULT", actor="NIC", recipient="RUS")], gold)
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 0)


def test_undirected_gold_ignores_direction():
    gold = gold_set(gold_event(event="AGREE", actor="CHN", recipient="NIC", undirected=True))
    scores = evaluate([prediction(event_type="AGREE", actor="NIC", recipient="CHN")], gold)
    assert scores.tp == 1 and scores.f1 == 1.0


def test_alt_type_counts_and_per_type_table_splits_gold_and_predicted_type():
    gold = gold_set(gold_event(event="SANCTION", alt=["AGREE"], actor="ARG", recipient="USA"))
    scores = evaluate([prediction(event_type="AGREE", actor="ARG", recipient="USA")], gold)
    assert scores.tp == 1
    assert scores.per_type["SANCTION"].gold == 1 and scores.per_type["SANCTION"].recall == 1.0
    assert scores.per_type["SANCTION"].predicted == 0
    assert scores.per_type["AGREE"].predicted_correct == 1 and scores.per_type["AGREE"].precision == 1.0
    assert scores.per_type["AGREE"].gold == 0


def test_wrong_type_not_in_alt_is_not_a_match():
    gold = gold_set(gold_event(event="SANCTION", alt=["AGREE"], actor="ARG", recipient="USA"))
    scores = evaluate([prediction(event_type="SUPPORT", actor="ARG", recipient="USA")], gold)
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 1)


def test_prediction_on_optional_gold_is_set_aside_and_missing_optional_costs_nothing():
    gold = gold_set(gold_event(optional=True),
                    gold_event(event="THREATEN", actor="RUS", recipient="UKR", optional=True))
    scores = evaluate([prediction()], gold)
    assert (scores.tp, scores.fp, scores.fn, scores.set_aside) == (0, 0, 0, 1)
    assert scores.modality_accuracy is None  # no matched required pair to judge


def test_required_gold_is_preferred_over_an_identical_optional_one():
    gold = gold_set(gold_event(optional=True), gold_event())
    scores = evaluate([prediction()], gold)
    assert (scores.tp, scores.fn, scores.set_aside) == (1, 0, 0)


def test_null_gold_recipient_accepts_any_predicted_recipient():
    gold = gold_set(gold_event(event="MOBILIZE", actor="RUS", recipient=None),
                    gold_event(event="MOBILIZE", actor="RUS", recipient=None))
    scores = evaluate([prediction(event_type="MOBILIZE", actor="RUS", recipient="UKR"),
                       prediction(event_type="MOBILIZE", actor="RUS", recipient=None)], gold)
    assert (scores.tp, scores.fp, scores.fn) == (2, 0, 0)


def test_predicted_null_recipient_does_not_match_a_gold_recipient():
    scores = evaluate([prediction(recipient=None)], gold_set(gold_event()))
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 1)


def test_one_to_one_a_prediction_counts_once():
    gold = gold_set(gold_event(), gold_event())
    scores = evaluate([prediction()], gold)
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 1)
    scores = evaluate([prediction(pid="a"), prediction(pid="b"), prediction(pid="c")], gold_set(gold_event()))
    assert (scores.tp, scores.fp, scores.fn) == (1, 2, 0)


def _greedy_tp(preds: list[dict], gold: list[dict]) -> int:
    """The naive matcher a maximum matching must beat: first free compatible gold, in input order."""
    used: set[int] = set()
    tp = 0
    for p in preds:
        for j, g in enumerate(gold):
            if j not in used and p["event_type"] in {g["event"], *g["alt"]}:
                used.add(j)
                tp += 1
                break
    return tp


def test_maximum_matching_beats_greedy_and_ignores_order():
    broad = gold_event(event="AGREE", alt=["SUPPORT"], actor="RUS", recipient="VEN")
    narrow = gold_event(event="SUPPORT", actor="RUS", recipient="VEN")
    preds = [prediction(event_type="SUPPORT", actor="RUS", recipient="VEN"),
             prediction(event_type="AGREE", actor="RUS", recipient="VEN")]
    assert _greedy_tp(preds, [broad, narrow]) == 1  # the case really defeats greedy
    results = set()
    for pred_order in itertools.permutations(preds):
        for gold_order in itertools.permutations([broad, narrow]):
            scores = evaluate(list(pred_order), gold_set(*gold_order))
            results.add(json.dumps(scores.to_dict(details=True), sort_keys=True))
            assert (scores.tp, scores.fp, scores.fn) == (2, 0, 0)
    assert len(results) == 1


def test_matching_prefers_same_modality_then_same_date():
    gold = gold_set(gold_event(event="AGREE", modality="future", date="2022-02"),
                    gold_event(event="AGREE", modality="asserted", date="2022-01"))
    preds = [prediction(event_type="AGREE", modality="asserted", date="2022-01-05", pid="x"),
             prediction(event_type="AGREE", modality="future", date="2022-02-10", pid="y")]
    for order in (preds, preds[::-1]):
        scores = evaluate(order, gold)
        assert scores.modality_correct == 2 and scores.date_correct == 2


def test_date_accuracy_follows_gold_precision():
    pairs = [("2022-01", "2022-01-18", True), ("2022-01-18", "2022-01", False),
             (None, None, True), (None, "2022", False), ("2022", "2022-05-01", True),
             ("2022-01-18", "2022-01-19", False)]
    actors = ["ARG", "BOL", "CHL", "COL", "CUB", "ECU"]
    gold = gold_set(*(gold_event(actor=a, date=g) for a, (g, _, _) in zip(actors, pairs)))
    preds = [prediction(actor=a, date=p) for a, (_, p, _) in zip(actors, pairs)]
    scores = evaluate(preds, gold)
    assert scores.tp == 6
    assert scores.date_correct == sum(ok for *_, ok in pairs)
    assert scores.dated_pairs == 4 and scores.dated_correct == 2


def test_modality_accuracy_counts_matched_required_pairs():
    gold = gold_set(gold_event(modality="hypothetical"), gold_event(actor="BRA", modality="asserted"))
    scores = evaluate([prediction(modality="asserted"), prediction(actor="BRA")], gold)
    assert scores.modality_accuracy == 0.5


def test_actor_code_accuracy_judges_the_other_party():
    gold = gold_set(gold_event(actor="USA", recipient="RUS"))
    preds = [prediction(actor="USA", recipient="CHN"),  # one party right, other wrong
             prediction(actor="USA", recipient="RUS", pid="right"),  # both right
             prediction(event_type="AID", actor="BRA", recipient="ARG")]  # unrelated: not judged
    scores = evaluate(preds, gold)
    assert (scores.actor_checked, scores.actor_correct) == (2, 1)


def test_documents_without_predictions_are_all_missed_and_unknown_documents_ignored():
    gold = gold_set(gold_event(doc="a"), gold_event(doc="b"), docs=("a", "b", "empty"))
    scores = evaluate([prediction(doc="a"), prediction(doc="zzz"), prediction(doc="empty")], gold)
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 1)
    assert scores.ignored_predictions == 1 and scores.docs == 3
    assert scores.missed[0]["doc"] == "b"
    assert scores.spurious[0]["doc"] == "empty"


def test_top1_uses_most_confident_prediction_per_document():
    gold = gold_set(gold_event(doc="a", event="ACCUSE"),
                    gold_event(doc="b", event="SANCTION", alt=["AGREE"]),
                    gold_event(doc="c", event="REJECT"),
                    gold_event(doc="d", event="PROTEST", optional=True))
    preds = [prediction(doc="a", event_type="ACCUSE", confidence=0.4),
             prediction(doc="a", event_type="THREATEN", confidence=0.9),
             prediction(doc="b", event_type="AGREE", confidence=0.8),
             prediction(doc="d", event_type="ASSAULT", confidence=0.8)]
    scores = evaluate(preds, gold)
    assert (scores.top1_docs, scores.top1_correct) == (3, 1)


def test_precision_recall_f1_are_micro_averaged():
    gold = gold_set(gold_event(doc="a"), gold_event(doc="a", actor="BRA"), gold_event(doc="b"))
    preds = [prediction(doc="a"), prediction(doc="b"), prediction(doc="b", actor="CUB")]
    scores = evaluate(preds, gold)
    assert (scores.tp, scores.fp, scores.fn) == (2, 1, 1)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)


# -- loading ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, detail", [
    ("{not json", "not valid JSON"),
    ('["a list"]', "JSON object"),
    ('{"kind": "thing", "doc": "d1"}', "'kind'"),
    (json.dumps(gold_event(event="HUG")), "not a PLOVER type"),
    (json.dumps(gold_event(modality="maybe")), "modality"),
    (json.dumps(gold_event(date="2022-13")), "date"),
    (json.dumps(gold_event(alt="AGREE")), "alt"),
    (json.dumps({k: v for k, v in gold_event().items() if k != "recipient"}), "recipient"),
])
def test_invalid_gold_line_names_file_and_line(tmp_path, line, detail):
    file = tmp_path / "bad.gold.jsonl"
    file.write_text(json.dumps(gold_event()) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(SuasionError) as info:
        load_gold(file)
    assert info.value.code == "E013"
    assert str(file) in info.value.message and "line 2" in info.value.message
    assert detail in info.value.message


def test_load_gold_reads_folders_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.gold.jsonl").write_text(json.dumps(gold_event(doc="a")) + "\n", encoding="utf-8")
    (tmp_path / "sub" / "b.gold.jsonl").write_text(
        json.dumps({"kind": "doc", "doc": "b", "date": "2022"}) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    gold = load_gold(tmp_path)
    assert sorted(gold.docs) == ["a", "b"] and gold.docs["b"].date == "2022"
    with pytest.raises(SuasionError) as info:
        load_gold(tmp_path / "sub" / "nothing-here")
    assert info.value.code == "E001"
    (tmp_path / "empty").mkdir()
    with pytest.raises(SuasionError) as info:
        load_gold(tmp_path / "empty")
    assert info.value.code == "E030"


def test_redeclared_gold_document_is_a_warning_not_an_error():
    gold = gold_from_lines([json.dumps({"kind": "doc", "doc": "x"}), json.dumps(gold_event(doc="x")),
                            json.dumps({"kind": "doc", "doc": "x"})])
    assert [w.code for w in gold.warnings] == ["E035"] and len(gold.docs["x"].events) == 1


def test_invalid_prediction_line_is_reported(tmp_path):
    file = tmp_path / "pred.jsonl"
    file.write_text(json.dumps(prediction()) + "\n\n" + '{"doc_id": "d1"}\n', encoding="utf-8")
    with pytest.raises(SuasionError) as info:
        load_predictions(file)
    assert info.value.code == "E031" and "line 3" in info.value.message


# -- command ----------------------------------------------------------------------------------

def _cli() -> click.Group:
    group = click.Group()
    group.add_command(evaluate_cmd.command)
    return group


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_json_output_has_the_numbers(tmp_path):
    gold = _write(tmp_path / "g.gold.jsonl", [gold_event(), gold_event(actor="BRA", quote="Brazil accused")])
    pred = _write(tmp_path / "p.jsonl", [prediction(), prediction(actor="CUB", sentence="Cuba said so")])
    result = CliRunner().invoke(_cli(), ["evaluate", str(pred), str(gold), "--format", "json", "--details"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("precision", "recall", "f1", "tp", "fp", "fn", "modality_accuracy", "date_accuracy",
                "actor_accuracy", "top1_accuracy", "per_type"):
        assert key in data
    assert (data["tp"], data["fp"], data["fn"]) == (1, 1, 1)
    assert data["missed"][0]["quote"] == "Brazil accused"
    assert data["spurious"][0]["sentence"] == "Cuba said so"


def test_cli_table_with_details_lists_missed_and_spurious(tmp_path):
    gold = _write(tmp_path / "g.gold.jsonl", [gold_event(actor="BRA", quote="Brazil accused Russia")])
    pred = _write(tmp_path / "p.jsonl", [prediction(actor="CUB", sentence="Cuba accused Russia")])
    result = CliRunner().invoke(_cli(), ["evaluate", str(pred), str(gold), "--details"])
    assert result.exit_code == 0
    assert "ACCUSE" in result.stdout and "F1 0.000" in result.stdout
    assert "BRA -> RUS" in result.stdout and "Brazil accused Russia" in result.stdout
    assert "CUB -> RUS" in result.stdout and "Cuba accused Russia" in result.stdout


def test_cli_invalid_gold_is_one_coded_line_not_a_traceback(tmp_path):
    gold = tmp_path / "g.gold.jsonl"
    gold.write_text(json.dumps(gold_event()) + "\n" + json.dumps(gold_event(event="NOPE")) + "\n",
                    encoding="utf-8")
    pred = _write(tmp_path / "p.jsonl", [prediction()])
    result = CliRunner().invoke(_cli(), ["evaluate", str(pred), str(gold)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "E013" in result.stderr and "line 2" in result.stderr and "Traceback" not in result.output


def test_cli_missing_predictions_file(tmp_path):
    gold = _write(tmp_path / "g.gold.jsonl", [gold_event()])
    result = CliRunner().invoke(_cli(), ["evaluate", str(tmp_path / "none.jsonl"), str(gold)])
    assert result.exit_code == 2 and "E001" in result.stderr


# -- properties -------------------------------------------------------------------------------

CODES = ["RUS", "CHN", "USA", "BRA", "VEN"]
dates = st.one_of(st.none(), st.sampled_from(["2022", "2022-01", "2022-02", "2022-01-18", "2021-12-09"]))
gold_events = st.builds(
    lambda doc, event, alt, actor, recipient, modality, date, optional, undirected: gold_event(
        doc=doc, event=event, alt=alt, actor=actor, recipient=recipient, modality=modality,
        date=date, optional=optional, undirected=undirected),
    doc=st.sampled_from(["a", "b", "c"]), event=st.sampled_from(PLOVER_TYPES),
    alt=st.lists(st.sampled_from(PLOVER_TYPES), max_size=2, unique=True),
    actor=st.sampled_from(CODES), recipient=st.one_of(st.none(), st.sampled_from(CODES)),
    modality=st.sampled_from(MODALITIES), date=dates, optional=st.booleans(),
    undirected=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(gold_events, min_size=1, max_size=14), st.randoms(use_true_random=False))
def test_gold_scored_against_itself_is_perfect(events, rng):
    if all(e["optional"] for e in events):
        events[0]["optional"] = False
    gold = gold_set(*events)
    predictions = gold.predictions()
    rng.shuffle(predictions)
    scores = evaluate(predictions, gold)
    assert scores.f1 == 1.0 and scores.fp == 0 and scores.fn == 0
    assert scores.modality_accuracy == 1.0 and scores.date_accuracy == 1.0
    assert scores.actor_accuracy == 1.0 and scores.top1_accuracy == 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(gold_events, min_size=1, max_size=8),
       st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(PLOVER_TYPES[:4]),
                          st.sampled_from(CODES), st.one_of(st.none(), st.sampled_from(CODES)),
                          st.sampled_from(MODALITIES), dates), max_size=10),
       st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_input_order(events, raw_preds, rng):
    preds = [prediction(doc=d, event_type=t, actor=a, recipient=r, modality=m, date=dt, pid=f"p{i}")
             for i, (d, t, a, r, m, dt) in enumerate(raw_preds)]
    first = evaluate(preds, gold_set(*events)).to_dict(details=True)
    rng.shuffle(preds)
    rng.shuffle(events)
    second = evaluate(preds, gold_set(*events)).to_dict(details=True)
    for entry in first["missed"] + second["missed"]:
        entry.pop("origin")  # the line number moves with the shuffle; the event does not
    assert first == second
    assert first["tp"] + first["fn"] == sum(not e["optional"] for e in events)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.integers(1, 5).flatmap(
    lambda m: st.lists(st.lists(st.integers(0, 9), min_size=m, max_size=m), min_size=n, max_size=n))))
def test_max_weight_matching_equals_brute_force(matrix):
    rows, cols = len(matrix), len(matrix[0])
    pairs = max_weight_matching(rows, cols, lambda i, j: matrix[i][j])
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    assert all(matrix[i][j] > 0 for i, j in pairs)
    best = 0
    for perm in itertools.permutations(range(max(rows, cols)), rows):
        best = max(best, sum(matrix[i][j] for i, j in enumerate(perm) if j < cols))
    assert sum(matrix[i][j] for i, j in pairs) == best


# -- the shared gold --------------------------------------------------------------------------

def test_shared_gold_loads_and_scores_perfectly_against_itself():
    folder = SHARED / "eval" / "gold"
    if not folder.is_dir():
        pytest.skip(f"shared evaluation data not found at {folder}")
    gold = load_gold(folder)
    assert len(gold.docs) > 10
    predictions = gold.predictions()
    random.Random(7).shuffle(predictions)
    scores = evaluate(predictions, gold)
    assert scores.f1 == 1.0 and scores.set_aside == sum(e.optional for e in gold.events)
