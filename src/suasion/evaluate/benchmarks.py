"""Runs the coder over the shared gold corpora and scores it (the quality figures and their floor)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from suasion.evaluate.gold import load_gold
from suasion.evaluate.scoring import Scores, evaluate
from suasion.ingest import iter_documents
from suasion.model.records import Document
from suasion.pipeline import process_batch


@dataclass(frozen=True)
class Benchmark:
    """A named corpus: its texts, its gold, and the languages of its documents that count."""

    name: str
    corpus: str  # relative to the shared folder
    gold: str
    languages: tuple[str, ...] | None = None


# The project's own examples (examples/ in the repository): a held-out check written by the project.
EXAMPLE_BENCHMARKS = (
    Benchmark("examples-en", "examples/articles", "examples/expected.jsonl", ("en",)),
    Benchmark("examples-es-pt", "examples/articles", "examples/expected.jsonl", ("es", "pt")),
)

BENCHMARKS = (
    Benchmark("seed", "corpus/seed/seed.txt", "eval/gold/seed.gold.jsonl"),
    Benchmark("plover-gsr", "corpus/plover-gsr/plover_gsr.jsonl", "eval/gold/plover-gsr.gold.jsonl"),
    Benchmark("dev-en", "corpus/dev", "eval/gold/dev", ("en",)),
    Benchmark("dev-es-pt", "corpus/dev", "eval/gold/dev", ("es", "pt")),
)


def predictions_for(paths: Iterable[Path], dates: dict[str, str | None]) -> list[dict]:
    """Code every document under the paths; a document without a date takes its gold date."""
    documents = []
    for item in iter_documents([str(p) for p in paths]):
        if isinstance(item, Document):
            if not item.date and dates.get(item.doc_id):
                item.date = dates[item.doc_id]
            documents.append(item)
    events = []
    for start in range(0, len(documents), 64):
        for _doc, _text, _sentences, coded in process_batch(documents[start:start + 64]):
            events.extend(e.to_dict() for e in coded)
    return events


def run_benchmark(shared: Path, bench: Benchmark) -> Scores:
    gold = load_gold(shared / bench.gold)
    if bench.languages:
        keep = {doc_id for doc_id, doc in gold.docs.items() if (doc.language or "en") in bench.languages}
        gold = gold.subset(keep)
    dates = {doc_id: doc.date for doc_id, doc in gold.docs.items()}
    return evaluate(predictions_for([shared / bench.corpus], dates), gold)


def summary(scores: Scores) -> dict[str, float | None]:
    data = scores.to_dict(details=False)
    return {key: data.get(key) for key in ("f1", "precision", "recall", "modality_accuracy", "date_accuracy",
                                           "actor_accuracy", "top1_accuracy")}


def main() -> None:  # pragma: no cover - a developer tool
    import argparse

    parser = argparse.ArgumentParser(description="Print the quality figures on the shared gold.")
    parser.add_argument("shared", nargs="?", default=str(Path(__file__).resolve().parents[3].parent / "shared"))
    parser.add_argument("--update-floor", metavar="FILE", help="raise the floors in FILE to the figures reached")
    args = parser.parse_args()
    figures = {b.name: summary(run_benchmark(Path(args.shared), b)) for b in BENCHMARKS}
    repo = Path(__file__).resolve().parents[3]
    figures.update({b.name: summary(run_benchmark(repo, b)) for b in EXAMPLE_BENCHMARKS})
    print(json.dumps(figures, indent=2))
    if args.update_floor:
        path = Path(args.update_floor)
        floors = json.loads(path.read_text()) if path.exists() else {}
        for name, values in figures.items():
            for key, value in values.items():
                if value is not None and value > floors.setdefault(name, {}).get(key, -1.0):
                    floors[name][key] = round(value - 0.0005, 3)
        path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
