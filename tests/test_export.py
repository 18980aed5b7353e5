"""Tests for the event writers: JSONL and CSV round trips, the terminal table, streaming."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suasion.export import CSV_COLUMNS, read_events, write_events
from suasion.model.errors import SuasionError
from suasion.model.records import (
    DATE_PRECISIONS, EVENT_FIELDS, MODALITIES, PLOVER_TYPES, SECTORS, Actor, Event,
)

# Nullable text is never "" here: CSV writes null and "" alike, and reads the cell back as null.
words = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=25)
optional_words = st.one_of(st.none(), words)
codes = st.one_of(st.none(), st.sampled_from(["RUS", "CHN", "USA", "BRA", "NATO"]))
actors = st.builds(Actor, code=codes, sector=st.one_of(st.none(), st.sampled_from(SECTORS)),
                   name=optional_words, text=optional_words)
finite = st.floats(allow_nan=False, allow_infinity=False)
events = st.builds(
    Event,
    id=words, doc_id=words, event_type=st.sampled_from(PLOVER_TYPES), actor=actors,
    recipient=st.one_of(st.none(), actors.filter(lambda a: a.code is not None)),
    modality=st.sampled_from(MODALITIES), mode=optional_words,
    context=st.lists(st.sampled_from(["military", "economic", "diplomatic", "health"]), max_size=3),
    date=st.one_of(st.none(), st.sampled_from(["2022", "2022-02", "2022-02-16"])),
    date_precision=st.one_of(st.none(), st.sampled_from(DATE_PRECISIONS)),
    cameo=st.one_of(st.none(), st.sampled_from(["010", "042", "1041", "20"])),
    quad=st.one_of(st.none(), st.integers(1, 4)), goldstein=st.one_of(st.none(), finite),
    plover_score=st.one_of(st.none(), finite), sentence=st.text(max_size=60),
    sentence_index=st.integers(0, 10**6), char_start=st.integers(0, 10**9),
    char_end=st.integers(0, 10**9), confidence=st.floats(0, 1), coder=st.text(max_size=10),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(events, max_size=6))
def test_jsonl_round_trip(items):
    out = io.StringIO()
    assert write_events(items, "jsonl", out) == len(items)
    lines = out.getvalue().splitlines()
    assert all(tuple(json.loads(line)) == EVENT_FIELDS for line in lines)
    back = list(read_events(io.StringIO(out.getvalue()), "jsonl"))
    assert [e.to_dict() for e in back] == [e.to_dict() for e in items]


@settings(max_examples=80, deadline=None)
@given(st.lists(events, max_size=6))
def test_csv_round_trip(items):
    out = io.StringIO()
    write_events(items, "csv", out)
    back = list(read_events(io.StringIO(out.getvalue()), "csv"))
    assert [e.to_dict() for e in back] == [e.to_dict() for e in items]


def sample_event(**fields) -> Event:
    values = dict(id="ev1", doc_id="d1", event_type="CONSULT", actor=Actor("RUS", "GOV", "Vladimir Putin"),
                  recipient=Actor("VEN", "GOV"), mode="phone", context=["diplomatic", "economic"],
                  date="2022-01-20", cameo="042", quad=1, goldstein=1.9,
                  sentence="The Russian leader phoned his Venezuelan counterpart on Thursday.",
                  char_end=66, confidence=0.75, coder="rules")
    values.update(fields)
    return Event(**values)


def test_csv_columns_are_flat_and_codes_stay_strings(tmp_path):
    path = tmp_path / "events.csv"
    write_events([sample_event(), sample_event(id="ev2", recipient=None, context=[])], "csv", path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["actor_code"] == "RUS" and rows[0]["actor_name"] == "Vladimir Putin"
    assert rows[0]["recipient_code"] == "VEN" and rows[0]["context"] == "diplomatic;economic"
    assert rows[0]["cameo"] == "042"
    assert rows[1]["recipient_code"] == "" and rows[1]["context"] == ""
    assert [e.to_dict() for e in read_events(path, "csv")][1]["recipient"] is None


def test_dicts_are_accepted_and_written_in_contract_order(tmp_path):
    data = sample_event().to_dict()
    shuffled = dict(reversed(list(data.items())))
    path = tmp_path / "events.jsonl"
    write_events([shuffled], "jsonl", str(path))
    line = path.read_text(encoding="utf-8").strip()
    assert list(json.loads(line)) == list(EVENT_FIELDS) and json.loads(line) == data


def test_table_is_width_aware_and_readable():
    out = io.StringIO()
    write_events([sample_event(), sample_event(recipient=None, date=None, actor=Actor(None))], "table", out,
                 width=80)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("date") and "sentence" in lines[0]
    assert all(len(line) <= 80 for line in lines)
    assert "RUS -> VEN" in lines[2] and "2022-01-20" in lines[2] and "asserted" in lines[2]
    assert lines[2].endswith("...")  # the sentence was cut to fit
    assert "? -> -" in lines[3]
    wide = io.StringIO()
    write_events([sample_event()], "table", wide, width=200)
    assert wide.getvalue().splitlines()[2].endswith("on Thursday.")


def test_writing_streams_as_events_arrive():
    out = io.StringIO()
    seen: list[int] = []

    def produce():
        for i in range(3):
            seen.append(len(out.getvalue().splitlines()))
            yield sample_event(id=f"ev{i}")

    write_events(produce(), "jsonl", out)
    assert seen == [0, 1, 2]  # each event was written before the next was asked for


def test_unknown_format_is_a_coded_error():
    with pytest.raises(SuasionError) as info:
        write_events([], "xml", io.StringIO())
    assert info.value.code == "E034"
