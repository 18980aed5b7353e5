"""Tests for `suasion events`: filters, formats, output files and coded errors."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from suasion.cli import events_cmd
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store


def _event(doc_id: str, index: int, event_type: str, actor: str, recipient: str | None,
           date: str | None, modality: str = "asserted") -> Event:
    return Event(id=event_id(doc_id, index, event_type, actor, recipient, 0), doc_id=doc_id,
                 event_type=event_type, actor=Actor(actor, "GOV"),
                 recipient=Actor(recipient, "GOV") if recipient else None, modality=modality,
                 date=date, sentence=f"{actor} and {recipient}: {event_type.lower()} sentence {index}.",
                 sentence_index=index, char_end=30, confidence=0.8, coder="test")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    plan = {
        "a": ("2022-01-20", [("CONSULT", "RUS", "BRA", "2022-01-20", "asserted"),
                             ("AGREE", "RUS", "BRA", None, "future")]),
        "b": ("2022-03-02", [("ACCUSE", "USA", "RUS", "2022-03-01", "asserted"),
                             ("CONSULT", "CHN", "ARG", "2022-02", "asserted")]),
    }
    batch = []
    for doc_id, (date, rows) in plan.items():
        text = f"Article {doc_id} written for the test."
        events = [_event(doc_id, i, *row) for i, row in enumerate(rows)]
        batch.append((Document(doc_id, text, date=date), text,
                      [Sentence(doc_id, 0, text, 0, len(text))], events))
    with Store(path) as store:
        store.add(batch)
    return str(path)


def run(*args: str):
    group = click.Group()
    group.add_command(events_cmd.command)
    return CliRunner().invoke(group, ["events", *args])


def test_jsonl_with_filters(db):
    result = run("--db", db, "--actor", "RUS", "--recipient", "BRA", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_type"] for r in records] == ["CONSULT", "AGREE"]
    assert "2 events" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (["--type", "consult"], ["CONSULT", "CONSULT"]),
    (["--modality", "future"], ["AGREE"]),
    (["--since", "2022-02"], ["CONSULT", "ACCUSE"]),
    (["--until", "2022-01"], ["CONSULT", "AGREE"]),
    (["--since", "2022-03", "--until", "2022-03"], ["ACCUSE"]),
    (["--doc", "b"], ["CONSULT", "ACCUSE"]),
    (["--limit", "1"], ["CONSULT"]),
])
def test_each_filter(db, args, expected):
    result = run("--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["event_type"] for line in result.stdout.splitlines()] == expected


def test_csv_to_a_file(db, tmp_path):
    out = tmp_path / "out.csv"
    result = run("--db", db, "--format", "csv", "-o", str(out), "--actor", "USA")
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["actor_code"], r["recipient_code"], r["event_type"]) for r in rows] == [("USA", "RUS", "ACCUSE")]


def test_default_table(db):
    result = run("--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("date") and len(lines) == 2 + 4
    assert any("RUS -> BRA" in line and "future" in line for line in lines)


@pytest.mark.parametrize("args, code", [
    (["--since", "2022-13"], "E011"),
    (["--type", "HUG"], "E012"),
    (["--modality", "maybe"], "E012"),
    (["--actor", "RUS' OR 1=1"], "E012"),
    (["--limit", "0"], "E012"),
])
def test_invalid_filter_is_one_coded_line_and_exit_2(db, args, code):
    result = run("--db", db, *args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"suasion: error {code} ") and len(result.stderr.splitlines()) == 1
    assert result.stdout == ""


def test_missing_database_is_a_coded_error(tmp_path):
    missing = tmp_path / "nothing.duckdb"
    result = run("--db", str(missing))
    assert result.exit_code == 2 and "E014" in result.stderr
    assert not missing.exists()  # listing never creates a database


def test_injection_in_document_filter_finds_nothing(db):
    result = run("--db", db, "--format", "jsonl", "--doc", "a' OR '1'='1")
    assert result.exit_code == 0 and result.stdout == ""
    assert len(run("--db", db, "--format", "jsonl").stdout.splitlines()) == 4
