"""Scores event clustering: pairwise precision and recall of "same happening" against gold `happening` keys.

Gold events carry a `happening` key; records of different documents with the same key report
the same real-world occurrence. Predicted mentions carry an `event_id`. Each predicted mention is
matched to a gold event of its document with the rules of `evaluate` (section 8 of the
guidelines: actor, type or alt, recipient; one to one, preferring required events, then the
right modality and date, then the gold quote found in the mention's sentence); then, over
every pair of matched mentions, "same event_id" is compared with "same happening". Pairs of
mentions from different documents are the headline figure (clustering across articles);
pairs within one document are reported apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from suasion.evaluate.gold import GoldEvent, GoldSet, load_gold
from suasion.evaluate.scoring import Prediction, pair_up, pair_weight, predictions_by_doc
from suasion.model.errors import problem
from suasion.store.clustering import Mention, cluster


@dataclass(slots=True)
class PairScores:
    """Counts over pairs of mentions: predicted together and truly together, and the ratios."""

    tp: int = 0  # same event and same happening
    fp: int = 0  # same event, different happenings
    fn: int = 0  # different events, same happening

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(slots=True)
class ClusterScores:
    """Pairwise scores across documents (the headline) and within documents."""

    across: PairScores = field(default_factory=PairScores)
    within: PairScores = field(default_factory=PairScores)
    mentions: int = 0  # predicted mentions read (for documents of the gold)
    matched: int = 0  # of them, matched to a gold event with a happening key
    events: int = 0  # distinct predicted events among matched mentions
    happenings: int = 0  # distinct gold happenings among matched mentions
    unkeyed_gold: int = 0  # gold events without a `happening` key (left out)
    errors: list[dict[str, Any]] = field(default_factory=list)  # wrong pairs across documents

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        data = {"across_documents": self.across.to_dict(), "within_documents": self.within.to_dict(),
                "mentions": self.mentions, "matched": self.matched, "events": self.events,
                "happenings": self.happenings, "unkeyed_gold": self.unkeyed_gold}
        if details:
            data["errors"] = self.errors
        return data


def pairwise_scores(predicted: dict[str, str], truth: dict[str, str], doc_of: dict[str, str],
                    describe: dict[str, Any] | None = None) -> ClusterScores:
    """Compare predicted event ids with true happenings over all pairs of the given items."""
    scores = ClusterScores(matched=len(truth), events=len({predicted[i] for i in truth}),
                           happenings=len(set(truth.values())))
    for first, second in itertools.combinations(sorted(truth), 2):
        same_event = predicted[first] == predicted[second]
        same_happening = truth[first] == truth[second]
        if not same_event and not same_happening:
            continue
        across = doc_of[first] != doc_of[second]
        counts = scores.across if across else scores.within
        if same_event and same_happening:
            counts.tp += 1
        elif same_event:
            counts.fp += 1
        else:
            counts.fn += 1
        if across and same_event != same_happening and describe is not None:
            scores.errors.append({"kind": "merged" if same_event else "split",
                                  "first": describe[first], "second": describe[second]})
    return scores


def evaluate_clusters(predictions: Iterable[dict[str, Any]], gold: GoldSet) -> ClusterScores:
    """Score the `event_id` of predicted mentions (contract records plus `event_id`) against the gold."""
    by_doc, _ignored = predictions_by_doc(predictions, gold)
    predicted: dict[str, str] = {}
    truth: dict[str, str] = {}
    doc_of: dict[str, str] = {}
    describe: dict[str, Any] = {}
    for doc_id in sorted(gold.docs):
        golds = [g for g in gold.docs[doc_id].events if g.raw.get("happening")]
        preds = by_doc.get(doc_id, [])
        for i, j in pair_up(preds, golds, _weight):
            key = f"{doc_id}#{i}"
            predicted[key] = str(preds[i].raw.get("event_id"))
            truth[key] = golds[j].raw["happening"]
            doc_of[key] = doc_id
            describe[key] = {"doc": doc_id, "id": preds[i].raw.get("id"), "event_id": predicted[key],
                             "happening": truth[key], "sentence": preds[i].sentence}
    scores = pairwise_scores(predicted, truth, doc_of, describe)
    scores.mentions = sum(len(preds) for preds in by_doc.values())
    scores.unkeyed_gold = sum(1 for g in gold.events if not g.raw.get("happening"))
    return scores


def gold_mentions(gold: GoldSet) -> list[tuple[Mention, GoldEvent]]:
    """Every gold event with a happening key as a mention: its document's date as publication
    date, its own type, parties, modality, mode, date, context and quote."""
    mentions = []
    for doc_id in sorted(gold.docs):
        doc = gold.docs[doc_id]
        sentence_of: dict[str, int] = {}  # records quoting the same words stand for one sentence
        for event in doc.events:
            if not event.raw.get("happening"):
                continue
            index = sentence_of.setdefault(event.quote, len(sentence_of))
            raw = event.raw
            mention = Mention.of(
                id=event.origin, doc_id=doc_id, event_type=event.event, actor=event.actor,
                recipient=event.recipient, modality=event.modality, mode=raw.get("mode"),
                date=event.date, context=raw.get("context") or (), published=doc.date,
                language=doc.language, sentence=event.quote,
                names=(raw.get("actor_name"), raw.get("recipient_name")), sentence_index=index,
            )
            mentions.append((mention, event))
    return mentions


def cluster_gold(gold: GoldSet) -> ClusterScores:
    """Cluster the gold events themselves and score the result: the clustering on perfect extraction."""
    items = gold_mentions(gold)
    assignment = cluster(mention for mention, _ in items)
    truth = {mention.id: event.raw["happening"] for mention, event in items}
    doc_of = {mention.id: mention.doc_id for mention, _ in items}
    describe = {mention.id: {"doc": mention.doc_id, "id": mention.id, "event_id": assignment[mention.id],
                             "happening": event.raw["happening"], "sentence": event.quote}
                for mention, event in items}
    scores = pairwise_scores(assignment, truth, doc_of, describe)
    scores.mentions = len(items)
    scores.unkeyed_gold = sum(1 for g in gold.events if not g.raw.get("happening"))
    return scores


def load_gold_paths(paths: Iterable[str]) -> GoldSet:
    """Several gold files or folders as one GoldSet (a document read twice is warned about, E035)."""
    merged = GoldSet()
    for path in paths:
        part = load_gold(path)
        merged.sources += part.sources
        merged.quantities += part.quantities
        merged.warnings += part.warnings
        for doc_id, doc in part.docs.items():
            if doc_id in merged.docs:
                merged.warnings.append(problem("E035", str(path), doc=doc_id, path=str(path), line=0))
                merged.docs[doc_id].events += doc.events
            else:
                merged.docs[doc_id] = doc
    return merged


def format_cluster_scores(scores: ClusterScores, details: bool = False) -> str:
    """A short plain-text report of cluster scores."""
    lines = [f"mentions {scores.mentions}, matched to keyed gold {scores.matched}, "
             f"predicted events {scores.events}, gold happenings {scores.happenings}"]
    if scores.unkeyed_gold:
        lines.append(f"gold events without a happening key (left out): {scores.unkeyed_gold}")
    lines.append(f"{'pairs':<18}{'precision':>10}{'recall':>8}{'f1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, counts in (("across documents", scores.across), ("within documents", scores.within)):
        lines.append(f"{name:<18}{counts.precision:>10.3f}{counts.recall:>8.3f}{counts.f1:>7.3f}"
                     f"{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}")
    if details:
        for error in scores.errors:
            lines.append(f"{error['kind']}:")
            for side in ("first", "second"):
                item = error[side]
                lines.append(f"  {item['doc']}  {item['happening']}  {item['event_id']}  {item['sentence'][:70]}")
    return "\n".join(lines)


def _weight(pred: Prediction, gold: GoldEvent, scale: int) -> int:
    # The lexicographic preferences of scoring (required gold, any pair, modality, date), then
    # one more: the gold quote is in the predicted sentence. It only breaks ties, which matter
    # here: an article with two CONSULT RUS-VEN happenings must pair each sentence with its own.
    weight = pair_weight(pred, gold, scale)
    return weight * scale + _quoted(gold.quote, pred.sentence) if weight else 0


def _quoted(quote: str, sentence: str) -> bool:
    quote, sentence = " ".join(quote.casefold().split()), " ".join(sentence.casefold().split())
    return bool(quote) and quote in sentence


__all__ = ["ClusterScores", "PairScores", "cluster_gold", "evaluate_clusters", "format_cluster_scores",
           "gold_mentions", "load_gold_paths", "pairwise_scores"]
