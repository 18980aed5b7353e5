"""Checks that the shipped example articles parse and that their expected events obey the contract."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from suasion import codebooks
from suasion.evaluate.gold import load_gold
from suasion.model.records import MODALITIES, PLOVER_TYPES, SECTORS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLES = sorted((EXAMPLES / "articles").glob("*.txt"))
EXPECTED = EXAMPLES / "expected.jsonl"

HEADER_KEYS = {"title", "date", "language", "source"}
LANGUAGES = {"en", "es", "pt"}
ORGANISATIONS = {"NATO", "EU", "UN", "IMF", "WB", "OAS", "BRICS", "AU", "CELAC", "MERCOSUR", "WHO", "G20"}
GROUPS = {"WST", "LAM", "SAM", "AFR"}
CONSULT_MODES = {None, "visit", "phone", "multilateral", "third-party"}
EVENT_KEYS = (
    "kind", "doc", "quote", "event", "alt", "mode", "actor", "actor_sector", "actor_name",
    "recipient", "recipient_sector", "recipient_name", "modality", "date", "context", "optional",
    "undirected", "note",
)
QUANTITY_KEYS = {"kind", "doc", "quote", "what", "from", "to", "value", "unit", "year"}
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
MIN_REQUIRED_EVENTS = 3


def parse_article(path: Path) -> tuple[dict[str, str], str]:
    """Split an example file into its header fields and its body."""
    text = path.read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---\n")
    if not separator:
        raise ValueError(f"{path.name}: no '---' line between header and body")
    headers: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            raise ValueError(f"{path.name}: header line {line!r} is not 'key: value'")
        headers[key.strip()] = value.strip()
    return headers, body


def earliest_day(date: str) -> dt.date:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD date can refer to."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def is_contract_code(code: str) -> bool:
    return code in ORGANISATIONS or code in GROUPS or bool(ISO3_PATTERN.match(code))


def load_expected() -> list[dict]:
    with EXPECTED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, tuple[dict[str, str], str]]:
    return {path.stem: parse_article(path) for path in ARTICLES}


@pytest.fixture(scope="module")
def expected() -> list[dict]:
    return load_expected()


def events_of(expected: list[dict]) -> list[dict]:
    return [record for record in expected if record["kind"] == "event"]


def test_there_are_articles_in_every_language(articles):
    assert len(articles) >= 20
    languages = Counter(headers["language"] for headers, _ in articles.values())
    assert set(languages) == LANGUAGES, languages


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_has_header_and_body(path):
    headers, body = parse_article(path)
    assert HEADER_KEYS <= set(headers), f"missing header fields {HEADER_KEYS - set(headers)}"
    assert headers["title"]
    assert headers["language"] in LANGUAGES
    dt.date.fromisoformat(headers["date"])
    assert re.match(r"^\d{2}-[a-z0-9-]+$", path.stem), "file names are NN-slug.txt"
    words = len(body.split())
    assert 150 <= words <= 350, f"body has {words} words"


def test_every_article_has_exactly_one_doc_line_matching_its_header(articles, expected):
    doc_lines = [record for record in expected if record["kind"] == "doc"]
    assert Counter(record["doc"] for record in doc_lines) == Counter(list(articles))
    for record in doc_lines:
        headers, _ = articles[record["doc"]]
        assert record["date"] == headers["date"], record["doc"]
        assert record["language"] == headers["language"], record["doc"]


def test_records_have_known_kinds_and_refer_to_articles(articles, expected):
    for record in expected:
        assert record["kind"] in {"doc", "event", "quantity"}, record
        assert record["doc"] in articles, record


def test_event_records_follow_the_gold_format(expected):
    for record in events_of(expected):
        assert tuple(record) == EVENT_KEYS, record


def test_quotes_are_verbatim_substrings_of_the_body(articles, expected):
    for record in expected:
        if record["kind"] == "doc":
            continue
        _, body = articles[record["doc"]]
        assert record["quote"] and record["quote"] in body, (record["doc"], record["quote"])


def annotatable_lines(body: str) -> list[str]:
    """Body lines a coder reads: photo captions (repeated lines) and "Read more" blocks are left out."""
    lines = [line.strip() for line in body.splitlines()]
    counts = Counter(line.removesuffix("Photo: Reuters").strip() for line in lines if line)
    kept, after_read_more = [], False
    for line in lines:
        if after_read_more and line:
            after_read_more = False  # the headline that follows "Read more"
            continue
        if line.lower().startswith("read more"):
            after_read_more = True
            continue
        caption = line.endswith("Photo: Reuters") or counts[line] > 1  # a caption is printed twice
        if line and not caption:
            kept.append(line)
    return kept


def test_quotes_do_not_come_from_captions_or_link_blocks(articles, expected):
    for record in expected:
        if record["kind"] == "doc":
            continue
        lines = annotatable_lines(articles[record["doc"]][1])
        assert any(record["quote"] in line for line in lines), (record["doc"], record["quote"])


def test_caption_and_link_damage_is_recognised():
    body = "Lead line.\n\nA caption.\nA caption.Photo: Reuters\n\nRead more\nSome headline\n\nLast line."
    assert annotatable_lines(body) == ["Lead line.", "Last line."]


def test_event_types_modalities_and_modes_are_valid(expected):
    for record in events_of(expected):
        assert record["event"] in PLOVER_TYPES, record
        assert all(alt in PLOVER_TYPES and alt != record["event"] for alt in record["alt"]), record
        assert record["modality"] in MODALITIES, record
        assert record["mode"] in CONSULT_MODES, record
        if record["mode"] is not None:
            assert record["event"] == "CONSULT" or "CONSULT" in record["alt"], record
        assert isinstance(record["context"], list) and all(isinstance(c, str) for c in record["context"])
        assert isinstance(record["optional"], bool) and isinstance(record["undirected"], bool)


def test_actor_and_recipient_codes_and_sectors_are_valid(expected):
    for record in events_of(expected):
        assert record["actor"] is not None, record
        for side in ("actor", "recipient"):
            code, sector = record[side], record[f"{side}_sector"]
            if code is None:
                assert sector is None and record[f"{side}_name"] is None, record
                continue
            assert is_contract_code(code), record
            assert sector is None or sector in SECTORS, record
            if code in ORGANISATIONS:
                assert sector == "IGO", record


def test_dates_resolve_and_only_future_events_lie_after_the_article(articles, expected):
    for record in events_of(expected):
        if record["date"] is None:
            continue
        assert DATE_PATTERN.match(record["date"]), record
        event_day = earliest_day(record["date"])  # also rejects impossible months and days
        article_day = dt.date.fromisoformat(articles[record["doc"]][0]["date"])
        if record["modality"] != "future":
            assert event_day <= article_day, record


def test_contexts_come_from_the_codebook_vocabulary(expected):
    vocabulary = set(codebooks.load("events/plover.yaml")["contexts"])
    for record in events_of(expected):
        assert set(record["context"]) <= vocabulary, record


def test_the_project_gold_reader_loads_the_file_without_warnings(expected):
    gold = load_gold(EXPECTED)
    assert gold.warnings == []
    assert len(gold.events) == len(events_of(expected))


def test_every_article_has_at_least_three_required_events(articles, expected):
    required = Counter(record["doc"] for record in events_of(expected) if not record["optional"])
    for doc in articles:
        assert required[doc] >= MIN_REQUIRED_EVENTS, f"{doc} has {required[doc]} required events"


def test_no_event_is_annotated_twice(expected):
    keys = Counter(
        (r["doc"], r["quote"], r["event"], r["actor"], r["recipient"], r["modality"], r["date"])
        for r in events_of(expected)
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_quantities_are_well_formed(expected):
    quantities = [record for record in expected if record["kind"] == "quantity"]
    assert quantities, "money amounts stated in the articles are listed"
    for record in quantities:
        assert set(record) == QUANTITY_KEYS, record
        assert isinstance(record["value"], (int, float)) and record["value"] > 0, record
        assert re.match(r"^[A-Z]{3}$", record["unit"]), record
        assert isinstance(record["year"], int) and 1900 < record["year"] < 2100, record
        assert is_contract_code(record["from"]) and is_contract_code(record["to"]), record


def test_parse_article_rejects_a_file_without_separator(tmp_path):
    broken = tmp_path / "99-broken.txt"
    broken.write_text("title: x\ndate: 2022-01-01\nno separator here\n", encoding="utf-8")
    with pytest.raises(ValueError):
        parse_article(broken)
