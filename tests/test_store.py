"""Tests for the DuckDB store: round trip, idempotent ingest, atomic batches, filters, schema.

Clustering mentions into events is tested in test_store_events.py and test_clustering.py.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.model.errors import SuasionError
from suasion.model.records import (
    DATE_PRECISIONS, EVENT_FIELDS, MODALITIES, PLOVER_TYPES, SECTORS, Actor, Document, Event, Sentence,
    event_id, validate_event,
)
from suasion.store import EVENT_COLUMNS, EVENT_EXTRA_COLUMNS, MENTION_EXTRA_COLUMNS, SCHEMA_VERSION, Store


def make_event(doc_id: str, index: int = 0, event_type: str = "CONSULT", actor: str | None = "RUS",
               recipient: str | None = "VEN", **fields: object) -> Event:
    start = index * 100
    values = dict(
        id=event_id(doc_id, index, event_type, actor, recipient, start), doc_id=doc_id,
        event_type=event_type, actor=Actor(actor, "GOV"),
        recipient=Actor(recipient, "GOV") if recipient else None, sentence=f"Sentence {index}.",
        sentence_index=index, char_start=start, char_end=start + 11, confidence=0.7, coder="test",
    )
    values.update(fields)
    return Event(**values)


def make_item(doc_id: str, text: str | None = None, events: list[Event] | None = None,
              date: str | None = "2022-02-16"):
    text = text if text is not None else f"Text of {doc_id}. Another sentence."
    document = Document(doc_id=doc_id, text=text, date=date, url=f"https://example.org/{doc_id}",
                        title=f"Title {doc_id}", language="en", source="example")
    sentences = [Sentence(doc_id, 0, f"Text of {doc_id}.", 0, 9 + len(doc_id)),
                 Sentence(doc_id, 1, "Another sentence.", 10 + len(doc_id), 27 + len(doc_id), skip=True)]
    return document, text.strip(), sentences, events if events is not None else [make_event(doc_id)]


# -- round trip -------------------------------------------------------------------------------

codes = st.one_of(st.none(), st.sampled_from(["RUS", "CHN", "USA", "BRA", "NATO", "MERCOSUR"]))
texts = st.text(max_size=30)
optional_texts = st.one_of(st.none(), texts)
partial_dates = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
)
finite = st.floats(allow_nan=False, allow_infinity=False)
actors = st.builds(Actor, code=codes, sector=st.one_of(st.none(), st.sampled_from(SECTORS)),
                   name=optional_texts, text=optional_texts)
recipients = st.one_of(st.none(), actors.filter(lambda a: a.code is not None))


@st.composite
def events_for(draw, doc_id: str) -> Event:
    start = draw(st.integers(0, 2**40))
    return Event(
        id=draw(st.text(min_size=1, max_size=20)), doc_id=doc_id,
        event_type=draw(st.sampled_from(PLOVER_TYPES)), actor=draw(actors),
        recipient=draw(recipients), modality=draw(st.sampled_from(MODALITIES)),
        mode=draw(optional_texts), context=draw(st.lists(texts, max_size=3)),
        date=draw(partial_dates), date_precision=draw(st.one_of(st.none(), st.sampled_from(DATE_PRECISIONS))),
        cameo=draw(st.one_of(st.none(), st.from_regex(r"0[0-9]{1,3}", fullmatch=True))),
        quad=draw(st.one_of(st.none(), st.integers(1, 4))), goldstein=draw(st.one_of(st.none(), finite)),
        plover_score=draw(st.one_of(st.none(), finite)), sentence=draw(texts),
        sentence_index=draw(st.integers(0, 2**31 - 1)), char_start=start,
        char_end=start + draw(st.integers(0, 10_000)), confidence=draw(st.floats(0, 1)),
        coder=draw(texts),
    )


@st.composite
def batches(draw):
    doc_ids = draw(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4, unique=True))
    items = []
    used_ids: set[str] = set()  # event ids are unique across the whole store
    for doc_id in doc_ids:
        events = [e for e in draw(st.lists(events_for(doc_id), max_size=5))
                  if e.id not in used_ids and not used_ids.add(e.id)]
        items.append(make_item(doc_id, text=f"body of {doc_id!r}", events=events, date=draw(partial_dates)))
    return items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches())
def test_mentions_round_trip_unchanged(batch):
    with Store() as store:
        result = store.add(batch)
        stored = sorted(({k: v for k, v in m.items() if k in EVENT_FIELDS} for m in store.iter_mentions()),
                        key=lambda d: (d["doc_id"], d["id"]))
        events = store.query_events()
    expected = sorted((e.to_dict() for *_, events in batch for e in events),
                      key=lambda d: (d["doc_id"], d["id"]))
    assert result.added_docs == len(batch) and result.added_mentions == len(expected)
    assert stored == expected
    assert 0 < len(events) <= len(expected) or not expected
    assert all(not validate_event(e.to_dict()) for e in events)


def test_events_table_has_flat_columns():
    with Store() as store:
        store.add([make_item("d1", events=[make_event("d1", context=["diplomatic", "economic"])])])
        table = store.events_table()
        mentions = store.mentions_table()
    row = table.to_pylist()[0]
    assert row["actor_code"] == "RUS" and row["recipient_sector"] == "GOV"
    assert row["context"] == ["diplomatic", "economic"]
    assert "actor" not in table.column_names
    assert table.column_names == [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
    assert mentions.column_names == [*EVENT_COLUMNS, *MENTION_EXTRA_COLUMNS]
    assert mentions.to_pylist()[0]["event_id"] == row["id"]


# -- ingest semantics -------------------------------------------------------------------------

def test_reingesting_the_same_content_adds_nothing(tmp_path):
    path = tmp_path / "s.duckdb"
    batch = [make_item("d1"), make_item("d2")]
    with Store(path) as store:
        first = store.add(batch)
    with Store(path) as store:
        second = store.add(batch)
        # Both articles report the same undated Russia-Venezuela talks on the same day: one event.
        assert store.counts() == {"documents": 2, "sentences": 4, "mentions": 2, "events": 1}
        assert store.has_document(batch[0][0].content_hash)
        assert not store.has_document("0" * 64)
    assert (first.added_docs, first.added_mentions, first.skipped_duplicates, first.new_events) == (2, 2, 0, 1)
    assert (second.added_docs, second.added_mentions, second.skipped_duplicates, second.new_events) == (0, 0, 2, 0)


def test_same_content_twice_in_one_batch_is_stored_once():
    with Store() as store:
        result = store.add([make_item("d1"), make_item("copy", text="Text of d1. Another sentence.",
                                                       events=[make_event("copy")])])
        assert (result.added_docs, result.skipped_duplicates) == (1, 1)
        assert store.counts()["mentions"] == 1


def test_new_content_under_a_taken_id_is_stored_with_a_hash_suffix():
    with Store() as store:
        store.add([make_item("d1")])
        item = make_item("d1", text="Completely different article.", events=[make_event("d1", 3)])
        result = store.add([item])
        new_id = f"d1~{item[0].content_hash[:8]}"
        assert result.renamed == (("d1", new_id),)
        renamed = list(store.iter_mentions(doc_id=new_id))
        assert len(renamed) == 1 and renamed[0]["doc_id"] == new_id
        assert renamed[0]["id"] == event_id(new_id, 3, "CONSULT", "RUS", "VEN", 300)
        assert len(list(store.iter_mentions(doc_id="d1"))) == 1
        # Both articles report the same talks: the event is found from either document.
        assert store.query_events(doc_id="d1") == store.query_events(doc_id=new_id)
        assert store.counts() == {"documents": 2, "sentences": 4, "mentions": 2, "events": 1}


def test_repeated_event_id_within_a_document_is_stored_once():
    with Store() as store:
        result = store.add([make_item("d1", events=[make_event("d1"), make_event("d1")])])
        assert (result.added_mentions, result.skipped_mentions) == (1, 1)


@pytest.mark.parametrize("failing_table", ["documents", "mentions", "events"])
def test_a_failure_mid_batch_leaves_nothing_of_that_batch(tmp_path, monkeypatch, failing_table):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add([make_item("before", date="2021-01-01")])
        before = store.events_table().to_pylist()
        original = Store._insert

        def crash(self, table, schema, rows):
            if table == failing_table:
                raise RuntimeError("disk on fire")
            original(self, table, schema, rows)

        monkeypatch.setattr(Store, "_insert", crash)
        with pytest.raises(RuntimeError):
            store.add([make_item("d1"), make_item("d2")])
        monkeypatch.setattr(Store, "_insert", original)
        assert store.counts() == {"documents": 1, "sentences": 2, "mentions": 1, "events": 1}
        assert store.events_table().to_pylist() == before
        rerun = store.add([make_item("d1"), make_item("d2")])
        assert (rerun.added_docs, rerun.added_mentions) == (2, 2)
    with Store(path, read_only=True) as store:
        assert store.counts() == {"documents": 3, "sentences": 6, "mentions": 3, "events": 2}


def test_a_database_error_mid_batch_rolls_back_and_is_coded():
    with Store() as store:
        store.add([make_item("d1", events=[make_event("d1", id="fixed-id")])])
        # The second document is new, but its event id collides: the insert fails after the
        # document rows went in, and the whole batch must disappear.
        with pytest.raises(SuasionError) as info:
            store.add([make_item("d2"), make_item("d3", events=[make_event("d3", id="fixed-id")])])
        assert info.value.code == "E014"
        assert store.counts() == {"documents": 1, "sentences": 2, "mentions": 1, "events": 1}


def test_invalid_events_are_refused_before_writing():
    with Store() as store:
        with pytest.raises(SuasionError) as info:
            store.add([make_item("d1"), make_item("d2", events=[make_event("d2", event_type="HUG")])])
        assert info.value.code == "E033"
        with pytest.raises(SuasionError) as info:
            store.add([make_item("d3", events=[make_event("other")])])
        assert info.value.code == "E032"
        assert store.counts()["documents"] == 0


# -- queries ----------------------------------------------------------------------------------

@pytest.fixture()
def filled():
    store = Store()
    store.add([
        make_item("a", date="2022-01-20", events=[
            make_event("a", 0, "CONSULT", "RUS", "VEN", date="2022-01-20", quad=1),
            make_event("a", 1, "AID", "RUS", "NIC", modality="future", quad=2),  # doc date applies
        ]),
        make_item("b", date="2022-03-05", events=[
            make_event("b", 0, "ACCUSE", "USA", "RUS", date="2022-02", quad=3),
            make_event("b", 1, "SUPPORT", "BRA", "RUS", date="2022", quad=1),
            make_event("b", 2, "MOBILIZE", "RUS", None, quad=4),
        ]),
        make_item("c", date=None, events=[make_event("c", 0, "COOPERATE", "CHN", "ARG")]),
    ])
    yield store
    store.close()


def _ids(events: list[Event]) -> list[tuple[str, int]]:
    return [(e.doc_id, e.sentence_index) for e in events]


def test_filters_by_party_type_modality_and_document(filled):
    assert _ids(filled.query_events(actor="RUS")) == [("a", 0), ("a", 1), ("b", 2)]
    assert _ids(filled.query_events(actor="rus", recipient="NIC")) == [("a", 1)]
    assert _ids(filled.query_events(recipient="RUS")) == [("b", 1), ("b", 0)]
    assert _ids(filled.query_events(event_type="consult")) == [("a", 0)]
    assert _ids(filled.query_events(modality="future")) == [("a", 1)]
    assert _ids(filled.query_events(doc_id="b", limit=2)) == [("b", 1), ("b", 0)]
    assert len(filled.query_events()) == 6


def test_date_filters_use_event_date_then_document_date(filled):
    # a/0 2022-01-20; a/1 falls back to its article, 2022-01-20; b/0 2022-02; b/1 2022 (counts
    # as 2022-01-01); b/2 falls back to 2022-03-05; c/0 has no date at all.
    assert _ids(filled.query_events(since="2022-02")) == [("b", 0), ("b", 2)]
    assert _ids(filled.query_events(until="2022-01")) == [("b", 1), ("a", 0), ("a", 1)]
    assert _ids(filled.query_events(since="2022-01-20", until="2022-02-28")) == [("a", 0), ("a", 1), ("b", 0)]
    assert _ids(filled.query_events(since="2022-03-05", until="2022-03-05")) == [("b", 2)]
    assert _ids(filled.query_events(since="2021", until="2023")) == [("b", 1), ("a", 0), ("a", 1),
                                                                      ("b", 0), ("b", 2)]


@pytest.mark.parametrize("filters, code", [
    ({"since": "2022-13"}, "E011"), ({"until": "yesterday"}, "E011"), ({"since": "2022-02-30"}, "E011"),
    ({"since": "2022-03", "until": "2022-01"}, "E012"), ({"event_type": "HUG"}, "E012"),
    ({"modality": "perhaps"}, "E012"), ({"actor": "R"}, "E012"), ({"limit": 0}, "E012"),
    ({"doc_id": ""}, "E012"), ({"actor": "RUS' OR 1=1 --"}, "E012"),
])
def test_invalid_filters_raise_coded_errors(filled, filters, code):
    with pytest.raises(SuasionError) as info:
        filled.query_events(**filters)
    assert info.value.code == code
    with pytest.raises(SuasionError):
        filled.events_table(**filters)


def test_injection_in_a_filter_value_is_harmless(filled):
    before = filled.counts()
    for hostile in ("a' OR '1'='1", "x'; DROP TABLE events; --", 'a" OR 1=1 --'):
        assert filled.query_events(doc_id=hostile) == []
        assert filled.events_table(doc_id=hostile).num_rows == 0
    assert filled.counts() == before


def test_summary_by_country(filled):
    rows = {row["code"]: row for row in filled.summary_by_country()}
    assert rows["RUS"] == {"code": "RUS", "events": 5, "as_actor": 3, "as_recipient": 2,
                           "quad_1": 2, "quad_2": 1, "quad_3": 1, "quad_4": 1}
    assert rows["ARG"]["as_recipient"] == 1 and rows["ARG"]["as_actor"] == 0
    assert next(iter(filled.summary_by_country())) == rows["RUS"]  # busiest first
    assert {r["code"] for r in filled.summary_by_country(since="2022-02")} == {"USA", "RUS"}


def test_iteration_does_not_block_other_queries(filled):
    stream = filled.iter_events()
    first = next(stream)
    assert filled.counts()["events"] == 6
    assert first.doc_id and len([first, *stream]) == 6
    mentions = filled.iter_mentions()
    assert next(mentions)["event_id"] and filled.counts()["mentions"] == 6
    assert len(list(mentions)) == 5


# -- schema -----------------------------------------------------------------------------------

def test_schema_version_and_read_only_checks(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    with pytest.raises(SuasionError) as info:
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert info.value.code == "E014"
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(SuasionError) as info:
        Store(other, read_only=True)
    assert "not a suasion database" in info.value.message
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(SuasionError) as info:
        Store(path)
    assert "newer" in info.value.message
