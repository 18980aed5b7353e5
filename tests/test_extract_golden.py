"""Golden sentences written by the project: partial expectations (`expect`: must find, an empty list
meaning no event at all; `reject`: must not find) with a pass-rate floor that only rises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from suasion.model.records import Document
from suasion.pipeline import process_batch

DATA = Path(__file__).parent / "data"
FLOOR = json.loads((DATA / "quality_floor.json").read_text())


def _cases(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _matches(expected: dict, event: dict) -> bool:
    for key, value in expected.items():
        if key in ("actor", "recipient"):
            side = event[key] or {}
            if side.get("code") != value:
                return False
        elif key in ("actor_sector", "recipient_sector"):
            if (event[key.split("_")[0]] or {}).get("sector") != value:
                return False
        elif event.get(key) != value:
            return False
    return True


def check_case(case: dict, language: str) -> str | None:
    """None when the case passes, else what went wrong."""
    text = (case["context"] + "\n\n" if case.get("context") else "") + case["text"]
    doc = Document(doc_id="golden", text=text, date=case.get("date"), language=language)
    (_doc, _text, _sentences, events), = process_batch([doc])
    target = [e.to_dict() for e in events if e.sentence.strip() == case["text"].strip()] if case.get("context") \
        else [e.to_dict() for e in events]
    got = [(e["event_type"], (e["actor"] or {}).get("code"), (e["recipient"] or {}).get("code"),
            e["modality"], e["date"]) for e in target]
    forbidden = [bad for bad in case.get("reject", []) if any(_matches(bad, e) for e in target)]
    if forbidden:
        return f"must not find {forbidden}; got {got}"
    if not case["expect"]:
        return None if not target or "reject" in case else f"expected no event, got {got}"
    missing = [exp for exp in case["expect"] if not any(_matches(exp, e) for e in target)]
    if missing:
        return f"missing {missing}; got {got}"
    return None


@pytest.mark.parametrize("name,language", [("golden_en.jsonl", "en")])
def test_golden_sentences_pass_rate(name, language):
    cases = _cases(name)
    failures = [(case["text"], problem) for case in cases if (problem := check_case(case, language))]
    rate = 1 - len(failures) / len(cases)
    floor = FLOOR.get(f"golden-{language}", {}).get("pass_rate", 0.0)
    report = "\n".join(f"- {text}\n    {problem}" for text, problem in failures)
    assert rate >= floor, f"golden {language} pass rate {rate:.3f} < floor {floor:.3f}\n{report}"
    print(f"golden {language}: {rate:.3f} ({len(cases) - len(failures)}/{len(cases)})\n{report}")
