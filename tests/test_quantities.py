"""Tests for money amounts stated in sentences: parsing (en/es/pt), what, year, dyad, and the gold quantities."""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from suasion.analyze import countries_named, parse_amounts, quantities
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.mark.parametrize("sentence, quote, value, currency", [
    ("China pledged $5 billion to Argentina.", "$5 billion", 5e9, "USD"),
    ("Bilateral trade reached US$119bn last year.", "US$119bn", 119e9, "USD"),
    ("Prometió 45 mil millones de dólares en préstamos.", "45 mil millones de dólares", 45e9, "USD"),
    ("O BNDES liberou R$ 10 bilhões para obras.", "R$ 10 bilhões", 10e9, "BRL"),
    ("The bloc offered €2.5bn in grants.", "€2.5bn", 2.5e9, "EUR"),
    ("They received a loan of 5.1 million dollars.", "5.1 million dollars", 5.1e6, "USD"),
    ("Moscow wrote off 20 billion roubles of debt.", "20 billion roubles", 20e9, "RUB"),
    ("El banco aportó 1.300 millones de dólares.", "1.300 millones de dólares", 1.3e9, "USD"),
    ("The fund lent $1,300 million.", "$1,300 million", 1.3e9, "USD"),
    ("The contract is worth $1.125 billion.", "$1.125 billion", 1.125e9, "USD"),
    ("O acordo soma R$ 2,5 bilhões.", "R$ 2,5 bilhões", 2.5e9, "BRL"),
    ("A fatura chegou a R$ 1.234.567,89.", "R$ 1.234.567,89", 1234567.89, "BRL"),
    ("The grant was $1,234,567.", "$1,234,567", 1234567.0, "USD"),
    ("Portugal recebeu 3 mil milhões de euros.", "3 mil milhões de euros", 3e9, "EUR"),
    ("El gasto llegó a 2 billones de pesos argentinos.", "2 billones de pesos argentinos", 2e12, "ARS"),
    ("México captó 300 mdd de inversión china.", "300 mdd", 300e6, "USD"),
    ("A Vale investiu R$ 10 bi no projeto.", "R$ 10 bi", 10e9, "BRL"),
    ("Beijing approved a $50m grant.", "$50m", 50e6, "USD"),
    ("The bank holds 3\u00a0000 million dollars.", "3\u00a0000 million dollars", 3e9, "USD"),
])
def test_amounts(sentence, quote, value, currency):
    found = parse_amounts(sentence)
    assert [(a.text, a.currency) for a in found] == [(quote, currency)]
    assert found[0].value == pytest.approx(value)
    assert sentence[found[0].start:found[0].end] == quote


@pytest.mark.parametrize("sentence", [
    "Some 5 million people voted in 2019.",
    "Russia sent 2,000 troops and 40 tanks.",
    "Nicaragua spent C$ 500 million on roads.",  # córdobas, not US dollars
    "The plant produced 1.3 million barrels a day.",
    "Parliament approved the law 312 to 40.",
])
def test_numbers_that_are_not_money(sentence):
    assert parse_amounts(sentence) == []


def test_conversion_what_year_and_carried_currency():
    sentence = ("In 2024 Xi pledged 360 billion yuan ($50.7 billion) in financial assistance to Africa: "
                "210 billion yuan in credit "
                "lines, 80 billion yuan in other forms of aid and 70 billion of investment by companies.")
    found = parse_amounts(sentence)
    assert [(a.text, a.currency, a.what, a.conversion_of) for a in found] == [
        ("360 billion yuan", "CNY", "aid", None), ("$50.7 billion", "USD", "aid", 0),
        ("210 billion yuan", "CNY", "credit line", None), ("80 billion yuan", "CNY", "aid", None),
        ("70 billion", "CNY", "investment", None)]
    assert {a.year for a in found} == {2024}


@pytest.mark.parametrize("sentence, what", [
    ("Brazil's exports to China reached $90 billion.", "exports"),
    ("Imports from Russia fell to $2 billion.", "imports"),
    ("o intercâmbio comercial superou US$ 150 bilhões", "trade"),
    ("a $3 billion loan from the China Development Bank", "loans"),
    ("Moscow donated $10 million in humanitarian aid.", "aid"),
    ("la inversión china llegó a 2.000 millones de dólares", "investment"),
    ("a $5 million grant for scholarships", "grant"),
    ("Honduras owes $600 million to Taiwan.", "debt"),
    ("una línea de crédito de 500 millones de dólares", "credit line"),
    ("a currency swap worth $18 billion", "swap"),
    ("The ministry announced $4 billion on Tuesday.", None),
])
def test_what_from_keywords(sentence, what):
    (amount,) = parse_amounts(sentence)
    assert amount.what == what


def test_year_stated_nearest_the_amount():
    (amount,) = parse_amounts("Trade fell in 2015 but reached $282 billion in 2023, a record.")
    assert amount.year == 2023
    (amount,) = parse_amounts("Exports reached $5 billion.")
    assert amount.year is None


def test_currency_less_amounts_need_a_money_word_and_a_clean_end():
    (amount,) = parse_amounts("South America's exports to Russia in 2019 were only 5 billion, the data show.")
    assert (amount.value, amount.currency, amount.year, amount.what) == (5e9, None, 2019, "exports")
    assert parse_amounts("The region has 5 billion, officials said.") == []


def test_countries_named():
    assert countries_named("South America's exports to Russia rose, while Chinese imports fell.") == [
        "SAM", "RUS", "CHN"]
    assert countries_named("US officials met Venezuelan envoys.") == ["USA", "VEN"]
    assert countries_named("Let us see: it cost US$ 5 million.") == []
    assert countries_named("El gobierno de Brasil y Argentina.") == ["BRA", "ARG"]


# -- quantities of a store or a table ---------------------------------------------------------------

def _event(doc_id: str, index: int, event_type: str, actor: str, recipient: str | None, sentence: str,
           start: int = 0) -> Event:
    return Event(id=event_id(doc_id, index, event_type, actor, recipient, start), doc_id=doc_id,
                 event_type=event_type, actor=Actor(actor, "GOV"),
                 recipient=Actor(recipient, "GOV") if recipient else None, date="2023-04-14",
                 date_precision="day", sentence=sentence, sentence_index=index, char_start=start,
                 char_end=start + len(sentence), confidence=0.8, coder="test")


def test_quantities_from_a_store_keep_evidence_and_dyad(tmp_path):
    first = "Xi received Lula and China promised $10 billion in loans to Brazil."
    second = "Trade between Brazil and China reached US$ 150 bilhões em 2022."
    text = f"{first} {second}"
    events = [_event("d", 0, "CONSULT", "CHN", "BRA", first),
              _event("d", 0, "AGREE", "CHN", "BRA", first, start=20),
              _event("d", 1, "CONSULT", "BRA", None, second)]
    sentences = [Sentence("d", 0, first, 0, len(first)), Sentence("d", 1, second, len(first) + 1, len(text))]
    with Store(tmp_path / "q.duckdb") as store:
        store.add([(Document("d", text, date="2023-04-14", language="en"), text, sentences, events)])
        table = quantities(store)
        mentions = store.mentions_table().to_pandas()
    assert list(table["quote"]) == ["$10 billion", "US$ 150 bilhões"]  # one row per amount
    loan, trade = table.to_dict("records")
    assert (loan["from"], loan["to"], loan["dyad_source"], loan["what"]) == ("CHN", "BRA", "event", "loans")
    agree = mentions[mentions["event_type"] == "AGREE"].iloc[0]
    assert (loan["mention_id"], loan["event_id"]) == (agree["id"], agree["event_id"])  # the material event
    assert (loan["year"], loan["year_stated"], loan["sentence"]) == (2023, False, first)
    assert (trade["from"], trade["to"], trade["dyad_source"]) == ("BRA", "CHN", "sentence")
    assert (trade["year"], trade["year_stated"], trade["value"]) == (2022, True, 150e9)
    assert list(quantities(tmp_path / "q.duckdb", powers=["RUS"])["quote"]) == []
    assert list(quantities(tmp_path / "q.duckdb", countries=["BRA"])["quote"]) == list(table["quote"])


def test_quantities_from_an_events_table():
    events = pd.DataFrame([{"id": "e1", "event_type": "AID", "actor_code": "RUS", "recipient_code": "CUB",
                            "date": "2024-02", "first_seen": "2024-02-10",
                            "sentence": "Russia sent Cuba 90,000 tonnes of oil worth $40 million."}])
    (row,) = quantities(events).to_dict("records")
    assert (row["event_id"], row["value"], row["currency"], row["year"]) == ("e1", 40e6, "USD", 2024)
    assert quantities(events, since="2025").empty


# -- gold and example quantities ---------------------------------------------------------------------

def _quantity_lines(paths: list[Path]) -> list[dict]:
    lines = []
    for path in paths:
        for text in path.read_text(encoding="utf-8").splitlines():
            if text.strip():
                record = json.loads(text)
                if record.get("kind") == "quantity":
                    lines.append(record)
    return lines


def _damaged(quote: str) -> bool:
    """Scraped text whose currency signs became digits of another script ("৫ 5 billion")."""
    return any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in quote)


def _matches(record: dict) -> bool:
    return any(math.isclose(a.value, record["value"], rel_tol=0.005) and a.currency in (record["unit"], None)
               for a in parse_amounts(record["quote"]))


def test_example_quantities():
    lines = _quantity_lines([ROOT / "examples" / "expected.jsonl"])
    assert lines, "examples/expected.jsonl has quantity lines"
    missed = [r["quote"] for r in lines if not _matches(r)]
    assert not missed
    with_currency = [r for r in lines if any(a.currency == r["unit"] for a in parse_amounts(r["quote"]))]
    assert len(with_currency) == len(lines)


@pytest.mark.shared
def test_gold_quantities():
    gold = SHARED / "eval" / "gold"
    if not gold.is_dir():
        pytest.skip(f"no shared gold folder at {gold}")
    lines = [r for r in _quantity_lines(sorted(gold.rglob("*.jsonl"))) if not _damaged(r["quote"])]
    if not lines:
        pytest.skip("the gold files have no quantity lines")
    missed = [r["quote"] for r in lines if not _matches(r)]
    assert len(missed) <= len(lines) // 10, missed
