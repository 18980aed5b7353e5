"""Scores predicted events against a GoldSet (GUIDELINES.md section 8)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suasion.evaluate.gold import GoldEvent, GoldSet, json_object_line
from suasion.evaluate.matching import max_weight_matching
from suasion.model.errors import SuasionError
from suasion.model.records import PLOVER_TYPES, Event


@dataclass(slots=True)
class Prediction:
    """The parts of a predicted event that scoring looks at."""

    doc: str
    event_type: str
    actor: str | None
    recipient: str | None
    modality: str | None
    date: str | None
    confidence: float
    sentence: str
    raw: dict[str, Any] = field(repr=False)

    @classmethod
    def from_record(cls, record: dict[str, Any] | Event) -> Prediction:
        data = record.to_dict() if isinstance(record, Event) else record
        confidence = data.get("confidence")
        return cls(
            doc=str(data.get("doc_id")), event_type=str(data.get("event_type") or "").upper(),
            actor=_side_code(data.get("actor")), recipient=_side_code(data.get("recipient")),
            modality=data.get("modality"), date=data.get("date") or None,
            confidence=float(confidence) if isinstance(confidence, (int, float)) else 0.0,
            sentence=data.get("sentence") or "", raw=data,
        )

    def sort_key(self) -> tuple[Any, ...]:
        # Content-only key: the matching must not depend on the order predictions arrive in.
        return (self.event_type, self.actor or "", self.recipient or "", self.modality or "",
                self.date or "", -self.confidence, self.sentence,
                json.dumps(self.raw, sort_keys=True, default=str))


@dataclass(slots=True)
class TypeScores:
    """Counts for one event type: recall by gold type, precision by predicted type."""

    gold: int = 0
    gold_matched: int = 0
    predicted: int = 0
    predicted_correct: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.predicted_correct, self.predicted) or 0.0

    @property
    def recall(self) -> float:
        return _ratio(self.gold_matched, self.gold) or 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "gold_matched": self.gold_matched, "predicted": self.predicted,
                "predicted_correct": self.predicted_correct, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(slots=True)
class Scores:
    """Everything `evaluate` measures; ratios with an empty denominator are None (P/R/F1: 0.0)."""

    docs: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    set_aside: int = 0  # predictions matched to optional gold: neither right nor wrong
    ignored_predictions: int = 0  # predictions for documents the gold does not contain
    modality_correct: int = 0
    date_correct: int = 0
    dated_pairs: int = 0  # matched pairs whose gold event has a date
    dated_correct: int = 0
    actor_checked: int = 0
    actor_correct: int = 0
    top1_docs: int = 0
    top1_correct: int = 0
    per_type: dict[str, TypeScores] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp) or 0.0

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn) or 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def modality_accuracy(self) -> float | None:
        return _ratio(self.modality_correct, self.tp)

    @property
    def date_accuracy(self) -> float | None:
        return _ratio(self.date_correct, self.tp)

    @property
    def actor_accuracy(self) -> float | None:
        return _ratio(self.actor_correct, self.actor_checked)

    @property
    def top1_accuracy(self) -> float | None:
        return _ratio(self.top1_correct, self.top1_docs)

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "set_aside": self.set_aside,
            "docs": self.docs, "ignored_predictions": self.ignored_predictions,
            "modality_accuracy": self.modality_accuracy, "modality_correct": self.modality_correct,
            "date_accuracy": self.date_accuracy, "date_correct": self.date_correct,
            "dated_pairs": self.dated_pairs, "dated_correct": self.dated_correct,
            "actor_accuracy": self.actor_accuracy, "actor_checked": self.actor_checked,
            "actor_correct": self.actor_correct,
            "top1_accuracy": self.top1_accuracy, "top1_docs": self.top1_docs,
            "top1_correct": self.top1_correct,
            "per_type": {t: s.to_dict() for t, s in self.per_type.items()},
        }
        if details:
            data["missed"] = self.missed
            data["spurious"] = self.spurious
        return data


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file of contract events; malformed lines raise E031 naming the line."""
    file = Path(path)
    if not file.is_file():
        raise SuasionError("E001", path=str(file))
    records: list[dict[str, Any]] = []
    try:
        with file.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    records.append(_prediction_line(line, str(file), number))
    except UnicodeDecodeError as exc:
        raise SuasionError("E031", path=str(file), line=0, detail=f"not UTF-8 text ({exc.reason})") from exc
    return records


def _prediction_line(line: str, source: str, number: int) -> dict[str, Any]:
    def bad(detail: str) -> SuasionError:
        return SuasionError("E031", path=source, line=number, detail=detail)

    record = json_object_line(line, bad, "an event line")
    if not isinstance(record.get("doc_id"), str) or not record["doc_id"]:
        raise bad("'doc_id' must be a non-empty string")
    if not isinstance(record.get("event_type"), str):
        raise bad("'event_type' must be a string")
    for side in ("actor", "recipient"):
        value = record.get(side)
        if value is not None and not (isinstance(value, dict) and
                                      (value.get("code") is None or isinstance(value.get("code"), str))):
            raise bad(f"'{side}' must be an object with a string or null 'code', or null")
    return record


def evaluate(predictions: Iterable[dict[str, Any] | Event], gold: GoldSet) -> Scores:
    """Score predictions against the gold; documents absent from the gold are ignored."""
    by_doc, ignored = predictions_by_doc(predictions, gold)
    scores = Scores(docs=len(gold.docs), ignored_predictions=ignored)
    type_scores: dict[str, TypeScores] = defaultdict(TypeScores)
    for doc_id in sorted(gold.docs):
        golds = sorted(gold.docs[doc_id].events, key=_gold_sort_key)
        _score_document(doc_id, by_doc.get(doc_id, []), golds, scores, type_scores)
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    scores.per_type = {t: type_scores[t] for t in sorted(type_scores, key=lambda t: (order.get(t, 99), t))}
    return scores


def predictions_by_doc(predictions: Iterable[dict[str, Any] | Event], gold: GoldSet
                       ) -> tuple[dict[str, list[Prediction]], int]:
    """The predictions for each document of the gold, in content order (see `Prediction.sort_key`),
    and how many were for documents the gold does not contain."""
    by_doc: dict[str, list[Prediction]] = defaultdict(list)
    ignored = 0
    for record in predictions:
        prediction = Prediction.from_record(record)
        if prediction.doc in gold.docs:
            by_doc[prediction.doc].append(prediction)
        else:
            ignored += 1
    return {doc: sorted(preds, key=Prediction.sort_key) for doc, preds in by_doc.items()}, ignored


def pair_weight(pred: Prediction, gold: GoldEvent, scale: int) -> int:
    """Lexicographic preferences packed in one integer: required gold, any pair, modality, date.

    `scale` exceeds the number of possible pairs, so no amount of a lower preference can
    outweigh one unit of a higher one.
    """
    if not matches(pred, gold):
        return 0
    weight = scale ** 2
    if not gold.optional:
        weight += scale ** 3
        weight += scale * (pred.modality == gold.modality) + same_date(pred.date, gold.date)
    return weight


def pair_up(preds: list[Prediction], golds: list[GoldEvent],
            weight: Callable[[Prediction, GoldEvent, int], int] = pair_weight) -> list[tuple[int, int]]:
    """The one-to-one pairs (prediction index, gold index) of one document with the most total
    `weight`, which is given a scale above the number of possible pairs."""
    scale = min(len(preds), len(golds)) + 2
    return max_weight_matching(len(preds), len(golds), lambda i, j: weight(preds[i], golds[j], scale))


def matches(pred: Prediction, gold: GoldEvent) -> bool:
    """The section-8 pairing rule: actor, type (or alt) and recipient agree."""
    return pred.event_type in gold.types and _parties_match(pred, gold)


def same_date(predicted: str | None, gold: str | None) -> bool:
    """Right when the prediction agrees to the gold's own precision (day, month or year)."""
    if gold is None:
        return predicted is None
    return predicted is not None and len(predicted) >= len(gold) and predicted[:len(gold)] == gold


def _parties_match(pred: Prediction, gold: GoldEvent) -> bool:
    # A null gold actor means "unknown" and pairs only with a null predicted actor.
    recipient_ok = gold.recipient is None or pred.recipient == gold.recipient
    if pred.actor == gold.actor and recipient_ok:
        return True
    return (gold.ignores_direction and gold.recipient is not None
            and pred.actor == gold.recipient and pred.recipient == gold.actor)


def _one_party_matches(pred: Prediction, gold: GoldEvent) -> bool:
    """Type and at least one party agree, so the other party's code can be judged."""
    if pred.event_type not in gold.types:
        return False
    if gold.recipient is None:
        return True  # the actor is the only party to judge
    hits = [(pred.actor, gold.actor), (pred.recipient, gold.recipient)]
    if gold.ignores_direction:
        hits += [(pred.actor, gold.recipient), (pred.recipient, gold.actor)]
    return any(p is not None and p == g for p, g in hits)


def _score_document(doc_id: str, preds: list[Prediction], golds: list[GoldEvent],
                    scores: Scores, type_scores: dict[str, TypeScores]) -> None:
    pairs = pair_up(preds, golds)
    matched_preds = {i for i, _ in pairs}
    matched_golds = {j for _, j in pairs}
    for g in golds:
        if not g.optional:
            type_scores[g.event].gold += 1
    for i, j in pairs:
        pred, g = preds[i], golds[j]
        if g.optional:
            scores.set_aside += 1
            continue
        scores.tp += 1
        type_scores[g.event].gold_matched += 1
        type_scores[pred.event_type].predicted += 1
        type_scores[pred.event_type].predicted_correct += 1
        scores.modality_correct += pred.modality == g.modality
        date_ok = same_date(pred.date, g.date)
        scores.date_correct += date_ok
        if g.date is not None:
            scores.dated_pairs += 1
            scores.dated_correct += date_ok
    for i, pred in enumerate(preds):
        if i in matched_preds:
            continue
        scores.fp += 1
        type_scores[pred.event_type].predicted += 1
        scores.spurious.append({"doc": doc_id, "type": pred.event_type, "actor": pred.actor,
                                "recipient": pred.recipient, "sentence": pred.sentence,
                                "id": pred.raw.get("id")})
    for j, g in enumerate(golds):
        if j not in matched_golds and not g.optional:
            scores.fn += 1
            scores.missed.append({"doc": doc_id, "type": g.event, "actor": g.actor,
                                  "recipient": g.recipient, "quote": g.quote, "origin": g.origin})
    for pred in preds:
        if any(_one_party_matches(pred, g) for g in golds):
            scores.actor_checked += 1
            scores.actor_correct += any(matches(pred, g) for g in golds)
    required = [g for g in golds if not g.optional]
    if required:
        scores.top1_docs += 1
        if preds:
            best = min(preds, key=lambda p: (-p.confidence, p.sort_key()))
            scores.top1_correct += any(best.event_type in g.types for g in required)


def _gold_sort_key(gold: GoldEvent) -> tuple[Any, ...]:
    return (gold.event, gold.actor or "", gold.recipient or "", gold.optional, gold.modality,
            gold.date or "", gold.alt, gold.undirected, gold.quote, gold.origin)


def _side_code(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("code")
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


__all__ = ["Prediction", "Scores", "TypeScores", "evaluate", "load_predictions", "matches", "pair_up",
           "pair_weight", "predictions_by_doc", "same_date"]
