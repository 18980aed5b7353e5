"""Tests for events in the store: mentions grouped into happenings, independent sources, migration, CLI."""

from __future__ import annotations

import csv
import io
import json
import random

import click
import duckdb
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.cli import events_cmd
from suasion.export import write_events
from suasion.model.errors import SuasionError
from suasion.model.records import EVENT_FIELDS, Actor, Document, Event, Sentence, event_id
from suasion.store import EVENT_COLUMNS, EVENT_EXTRA_COLUMNS, MENTION_EXTRA_COLUMNS, SCHEMA_VERSION, Store
from suasion.store.schema import MIGRATIONS
from suasion.store.syndication import resemblance, signature

# An invented wire story; copies below differ from it by a few words, as outlets edit them.
WIRE = (
    "CARACAS, March 3 - Russia delivered two transport helicopters to Venezuela on Thursday, the "
    "Venezuelan defence ministry said in a statement, the first such delivery since the two "
    "governments signed a maintenance contract last year. The aircraft landed at a military base "
    "near the capital aboard a cargo plane and will be assigned to disaster relief units in the "
    "southern states, the ministry added. Russian officials did not comment on the price of the "
    "helicopters, which analysts estimated at several million dollars each. Venezuela has relied on "
    "Russian equipment for two decades and owes Moscow billions of dollars in loans that were "
    "restructured several times. The opposition criticised the purchase, saying the money should "
    "have gone to hospitals and schools."
)
EDITS = [("Thursday", "Thursday morning"), ("said in a statement", "said"), ("analysts", "experts"),
         ("two decades", "twenty years"), ("criticised", "condemned")]


def copy_of_wire(number: int) -> str:
    """Copy 0 is the wire text; copy n (1-5) has n small edits of its own, as outlets make."""
    text = WIRE
    for old, new in EDITS[5 - number:] if number else ():
        text = text.replace(old, new)
    return text


def mention(doc_id: str, index: int = 0, event_type: str = "AID", actor: str = "RUS",
            recipient: str | None = "VEN", date: str | None = "2022-03-03", confidence: float = 0.7,
            sentence: str = "Russia delivered two transport helicopters to Venezuela.", **fields) -> Event:
    return Event(id=event_id(doc_id, index, event_type, actor, recipient, index * 10), doc_id=doc_id,
                 event_type=event_type, actor=Actor(actor, "GOV", text=actor),
                 recipient=Actor(recipient, "GOV", text=recipient) if recipient else None, date=date,
                 date_precision={4: "year", 7: "month", 10: "day"}[len(date)] if date else None,
                 sentence=sentence, sentence_index=index, char_start=index * 10,
                 char_end=index * 10 + len(sentence), confidence=confidence, coder="test", **fields)


def article(doc_id: str, text: str, date: str | None, events: list[Event], source: str = "outlet"):
    document = Document(doc_id=doc_id, text=text, date=date, language="en", source=source)
    sentences = [Sentence(doc_id, i, f"Sentence {i}.", i * 10, i * 10 + 11) for i in range(10)]
    return document, text, sentences, events


def by_id(table) -> dict[str, dict]:
    return {row["id"]: row for row in table.to_pylist()}


# -- events from mentions ---------------------------------------------------------------------

def test_copies_of_one_wire_story_count_as_one_source():
    copies = [article(f"copy{n}", copy_of_wire(n), "2022-03-03", [mention(f"copy{n}", confidence=0.6)],
                      source=f"outlet{n}") for n in range(5)]
    own = article("own", "Moscow sent helicopters to Caracas this week, officials confirmed to our reporter.",
                  "2022-03-04", [mention("own", 2, confidence=0.5, date="2022-03",
                                         sentence="Moscow sent helicopters to Caracas this week.")])
    assert all(resemblance(signature(WIRE), signature(text)) >= 0.8 for _, text, *_ in copies[:4])
    assert all(resemblance(signature(copy_of_wire(2)), signature(text)) >= 0.8 for _, text, *_ in copies)
    with Store() as store:
        store.add(copies[:2])
        store.add([own, *copies[2:]])
        events = store.events_table().to_pylist()
        keys = dict(store._con.execute("SELECT doc_id, syndication_key FROM documents").fetchall())
    assert len(events) == 1
    event = events[0]
    assert (event["n_mentions"], event["n_sources"]) == (6, 2)
    assert event["confidence"] == pytest.approx(1 - 0.4 * 0.5)  # one wire story plus one own report
    assert event["date"] == "2022-03-03" and event["date_precision"] == "day"
    assert (event["first_seen"], event["last_seen"]) == ("2022-03-03", "2022-03-04")
    assert {keys[f"copy{n}"] for n in range(5)} == {"copy0"} and keys["own"] == "own"


def test_syndication_keys_do_not_depend_on_arrival_order():
    copies = [article(f"copy{n}", copy_of_wire(n), f"2022-03-0{n + 3}", [mention(f"copy{n}")]) for n in range(5)]
    results = []
    for order in ([4, 3, 2, 1, 0], [2, 0, 4, 1, 3]):
        with Store() as store:
            for index in order:
                store.add([copies[index]])
            results.append(store._con.execute("SELECT doc_id, syndication_key FROM documents ORDER BY doc_id")
                           .fetchall())
    assert results[0] == results[1] and {key for _, key in results[0]} == {"copy0"}


def test_events_and_mentions_tables_and_records():
    with Store() as store:
        store.add([
            article("a", "First article text.", "2022-03-03", [
                mention("a", 0, confidence=0.6),
                mention("a", 4, "CONSULT", "RUS", "BRA", date="2022-02-16", sentence="Putin met Bolsonaro."),
            ]),
            article("b", "Second article text.", "2022-03-05", [mention("b", 1, confidence=0.9, date="2022-03")]),
        ])
        events = store.events_table()
        mentions = store.mentions_table()
        records = list(store.iter_event_records())
        mention_records = list(store.iter_mentions(doc_id="a"))
        assert store.query_events(doc_id="b") == store.query_events(event_type="AID")
    assert events.column_names == [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
    assert mentions.column_names == [*EVENT_COLUMNS, *MENTION_EXTRA_COLUMNS]
    aid = next(r for r in records if r["event_type"] == "AID")
    # The most confident mention is the evidence; the event date is what both agree on.
    assert aid["doc_id"] == "b" and aid["representative_id"] == mention("b", 1).id
    assert (aid["date"], aid["n_mentions"], aid["n_sources"]) == ("2022-03-03", 2, 2)
    assert list(aid)[: len(EVENT_FIELDS)] == list(EVENT_FIELDS)
    assert [list(r)[len(EVENT_FIELDS):] for r in mention_records] == [list(MENTION_EXTRA_COLUMNS)] * 2
    assert {r["n_mentions"] for r in mention_records} == {1, 2}
    mention_rows = by_id(mentions)
    assert mention_rows[mention("a", 0).id]["event_id"] == mention_rows[mention("b", 1).id]["event_id"] == aid["id"]


def test_reingesting_adds_no_mention_and_changes_no_event(tmp_path):
    path = tmp_path / "s.duckdb"
    batch = [article("a", copy_of_wire(0), "2022-03-03", [mention("a")]),
             article("b", "Another report on the delivery.", "2022-03-04", [mention("b", 3)])]
    with Store(path) as store:
        store.add(batch)
        before = (store.counts(), store.events_table().to_pylist(), store.mentions_table().to_pylist())
    with Store(path) as store:
        result = store.add(batch)
        after = (store.counts(), store.events_table().to_pylist(), store.mentions_table().to_pylist())
    assert (result.added_docs, result.added_mentions, result.new_events, result.skipped_duplicates) == (0, 0, 0, 2)
    assert after == before


def test_an_earlier_mention_arriving_later_renames_the_event_to_it():
    late = article("late", "Report published second.", "2022-03-05", [mention("late", date="2022-03")])
    early = article("early", "Report published first.", "2022-03-03", [mention("early")])
    with Store() as store:
        store.add([late])
        first_id = store.events_table().to_pylist()[0]["id"]
        store.add([early])
        events = store.events_table().to_pylist()
    assert len(events) == 1 and events[0]["id"] != first_id and events[0]["n_mentions"] == 2


def test_a_failure_while_rebuilding_events_rolls_back_links_and_keys(monkeypatch):
    with Store() as store:
        store.add([article("copy1", copy_of_wire(1), "2022-03-04", [mention("copy1", date="2022-03")])])
        snapshot = (store.events_table().to_pylist(), store.mentions_table().to_pylist(),
                    store._con.execute("SELECT doc_id, syndication_key FROM documents").fetchall())

        def crash(self, event_ids):
            raise RuntimeError("power cut")

        monkeypatch.setattr(Store, "_rebuild_events", crash)
        with pytest.raises(RuntimeError):
            # An earlier copy: it changes the stored copy's key and the event's first mention.
            store.add([article("copy0", copy_of_wire(0), "2022-03-03", [mention("copy0")])])
        monkeypatch.undo()
        assert snapshot == (store.events_table().to_pylist(), store.mentions_table().to_pylist(),
                            store._con.execute("SELECT doc_id, syndication_key FROM documents").fetchall())
        assert store.counts() == {"documents": 1, "sentences": 10, "mentions": 1, "events": 1}


# -- determinism: order and batches do not matter ---------------------------------------------

@st.composite
def corpora(draw) -> list:
    """Articles over few parties and dates (most mentions could merge), some of them wire copies."""
    articles = []
    for number in range(draw(st.integers(1, 9))):
        doc_id = f"d{number}"
        day = draw(st.integers(1, 20))
        published = draw(st.sampled_from([None, f"2022-03-{day:02d}"]))
        if draw(st.booleans()):
            text = copy_of_wire(draw(st.integers(0, 4))) + f" Reported by desk {number}."
        else:
            text = f"Own report number {number} on the talks and deliveries."
        events = []
        for index in range(draw(st.integers(0, 3))):
            events.append(mention(
                doc_id, index, draw(st.sampled_from(["AID", "CONSULT", "SUPPORT", "AGREE"])),
                draw(st.sampled_from(["RUS", "VEN"])), draw(st.sampled_from(["VEN", "RUS", None])),
                date=draw(st.sampled_from([None, f"2022-03-{day:02d}", "2022-03"])),
                confidence=draw(st.sampled_from([0.5, 0.7, 0.9])),
                sentence=draw(st.sampled_from(["Helicopters for Venezuela.", "Wheat and helicopters.",
                                               "Vaccines arrived."])),
                modality=draw(st.sampled_from(["asserted", "asserted", "future"]))))
        articles.append(article(doc_id, text, published, events))
    return articles


def snapshot(store: Store) -> tuple:
    return (sorted(store.events_table().to_pylist(), key=lambda r: r["id"]),
            sorted(store.mentions_table().to_pylist(), key=lambda r: r["id"]),
            sorted(store._con.execute("SELECT doc_id, syndication_key FROM documents").fetchall()))


def event_months(store: Store) -> list:
    """The store's event_months with each kind spelt out (kind numbers follow arrival order)."""
    query = ("SELECT m.* EXCLUDE (kind), k.event_type, k.mode, k.context, k.quad "
             "FROM event_months m JOIN event_kinds k ON k.kind = m.kind")
    # Sums of the same scores taken in another order may differ in their last bits.
    return sorted((tuple(round(v, 9) if isinstance(v, float) else v for v in row)
                   for row in store._con.execute(query).fetchall()), key=repr)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_shuffled_and_batched_ingestion_gives_the_same_events(articles, rng, batch_size):
    with Store() as store:
        store.add(articles)
        at_once, months = snapshot(store), event_months(store)
        assert store.recluster() == len(at_once[0])
        assert snapshot(store) == at_once  # incremental state equals clustering from scratch
    shuffled = list(articles)
    rng.shuffle(shuffled)
    with Store() as store:
        for start in range(0, len(shuffled), batch_size):
            store.add(shuffled[start:start + batch_size])
        assert snapshot(store) == at_once
        assert event_months(store) == months


@st.composite
def spread_corpora(draw) -> list:
    """Articles over half a year, published or not, some dated by year or month only: blocks long
    enough that new articles fall in the middle of them."""
    articles = []
    for number in range(draw(st.integers(2, 16))):
        doc_id = f"s{number}"
        month, day = draw(st.integers(1, 6)), draw(st.integers(1, 28))
        published = draw(st.sampled_from([None, f"2022-{month:02d}-{day:02d}", f"2022-{month:02d}-{day:02d}",
                                          f"2022-{month:02d}", "2022-02-30"]))
        events = []
        for index in range(draw(st.integers(0, 3))):
            near = min(12, max(1, month + draw(st.integers(-1, 1))))
            events.append(mention(
                doc_id, index, draw(st.sampled_from(["AID", "CONSULT", "AGREE"])),
                draw(st.sampled_from(["RUS", "VEN"])),
                draw(st.sampled_from(["VEN", "RUS", None])),
                date=draw(st.sampled_from([None, f"2022-{near:02d}-{draw(st.integers(1, 28)):02d}", f"2022-{near:02d}",
                                           "2022"])),
                sentence=draw(st.sampled_from(["Helicopters for Venezuela.", "Wheat and helicopters.",
                                               "Vaccines arrived."])),
                modality=draw(st.sampled_from(["asserted", "asserted", "future"])),
                plover_score=draw(st.sampled_from([None, 7.4, 2.1, -5.1]))))
        articles.append(article(doc_id, f"Own report number {number}.", published, events))
    return articles


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spread_corpora(), st.randoms(use_true_random=False), st.integers(1, 3), st.booleans())
def test_reclustering_the_tail_of_blocks_gives_what_clustering_everything_gives(articles, rng, batch_size,
                                                                                 in_date_order):
    with Store() as store:
        store.add(articles)
        at_once = snapshot(store)
    arriving = (sorted(articles, key=lambda item: item[0].date or "~") if in_date_order
                else rng.sample(articles, len(articles)))
    with Store() as store:
        for start in range(0, len(arriving), batch_size):
            store.add(arriving[start:start + batch_size])
        assert snapshot(store) == at_once
        kept_up = event_months(store)
        store.recluster()  # counts every cell again
        assert event_months(store) == kept_up


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spread_corpora(), st.sampled_from([(None, None), ("2022-02", "2022-04"), ("2022", None), (None, "2022-03"),
                                          ("2022-02-10", "2022-05-20")]), st.booleans())
def test_dyad_groups_from_event_months_equal_grouping_the_events(articles, period, monthly):
    from suasion.store.aggregates import dyad_groups

    def rows(table) -> list:
        # Sums of the same scores taken in another order may differ in their last bits.
        return sorted(({k: round(v, 9) if isinstance(v, float) else v for k, v in row.items()}
                       for row in table.to_pylist()), key=repr)

    with Store() as store:
        store.add(articles)
        args = (["RUS", "VEN"], ["VEN", "RUS"], ("asserted", "future"), *period, monthly)
        counted = rows(dyad_groups(store, *args))
        store._event_months = False  # what a read-only open of a version 2 store does
        assert rows(dyad_groups(store, *args)) == counted


# -- bulk load ----------------------------------------------------------------------------------

def tables_of(store: Store) -> dict:
    """What `bulk_load` needs to rebuild this store, read straight from it."""
    def read(query: str):
        return store._con.sql(query).to_arrow_table()
    return {"documents": read("SELECT * EXCLUDE (ingested_at) FROM documents"),
            "sentences": read("SELECT * FROM sentences"),
            "mentions": read("SELECT * EXCLUDE (cluster_block, local_group) FROM mentions"),
            "events": read("SELECT * FROM events")}


def stored(store: Store) -> tuple:
    links = sorted(store._con.execute("SELECT id, event_id, cluster_block, local_group FROM mentions").fetchall())
    keys = sorted(store._con.execute("SELECT key, doc_id FROM document_keys").fetchall())
    return (*snapshot(store), links, keys, event_months(store))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.booleans())
def test_bulk_load_stores_what_add_stores(articles, clustered_by_the_store):
    with Store() as store:
        store.add(articles)
        expected, tables = stored(store), tables_of(store)
    with Store() as store:
        if clustered_by_the_store:
            result = store.bulk_load(tables["documents"], tables["mentions"], sentences=tables["sentences"])
        else:
            result = store.bulk_load(tables["documents"], tables["mentions"], tables["events"], tables["sentences"])
        assert stored(store) == expected
    assert (result.added_docs, result.added_mentions, result.new_events) == (
        tables["documents"].num_rows, tables["mentions"].num_rows, tables["events"].num_rows)


def test_bulk_load_takes_minimal_tables_and_later_ingests_join_its_events():
    documents = pa.table({"doc_id": ["b1"], "text": ["Russia delivered helicopters to Venezuela."],
                          "date": ["2022-03-04"]})
    mentions = pa.table({"id": ["m1"], "doc_id": ["b1"], "event_type": ["AID"], "modality": ["asserted"],
                         "actor_code": ["RUS"], "recipient_code": ["VEN"], "date": ["2022-03-03"],
                         "sentence": ["Russia delivered helicopters to Venezuela."], "sentence_index": [0],
                         "char_start": [0], "char_end": [43], "confidence": [0.7], "coder": ["import"]})
    with Store() as store:
        result = store.bulk_load(documents, mentions)
        (loaded,) = store.events_table().to_pylist()
        assert result.new_events == 1 and loaded["first_seen"] == "2022-03-04" and loaded["context"] == []
        store.add([article("later", "Another outlet's report.", "2022-03-05", [mention("later", date="2022-03-03")])])
        (merged,) = store.events_table().to_pylist()
    assert (merged["id"], merged["n_mentions"], merged["n_sources"]) == (loaded["id"], 2, 2)


def _drop(table, column):
    return table.drop_columns([column])


def _set(column, value, row=0):
    def change(table):
        values = table[column].to_pylist()
        values[row] = value
        return table.set_column(table.column_names.index(column), column,
                                pa.array(values, table.schema.field(column).type))
    return change


@pytest.mark.parametrize("what, change, name", [
    ("documents", lambda t: _drop(t, "text"), "documents"),
    ("documents", lambda t: t.append_column("colour", t["doc_id"]), "documents"),
    ("documents", lambda t: pa.concat_tables([t, t.slice(0, 1)]), "documents.doc_id"),
    ("mentions", _set("doc_id", "nowhere"), "mentions.doc_id"),
    ("mentions", _set("event_type", "GREET"), "mentions.event_type"),
    ("mentions", _set("event_id", "evt_nowhere"), "mentions.event_id"),
    ("mentions", _set("confidence", None), "mentions.confidence"),
    ("events", _set("date", "2022-02-30"), "events.date"),
    ("events", _set("first_seen", "2022-03"), "events.first_seen"),
    ("events", _set("representative_id", "someone else"), "events.representative_id"),
    ("events", _set("modality", "rumoured"), "events.modality"),
    ("events", lambda t: t.slice(1), "mentions.event_id"),
    ("events", lambda t: pa.concat_tables([t, _set("event_id", "evt_lonely")(t.slice(0, 1))]), "events.event_id"),
])
def test_bulk_load_refuses_broken_tables_and_writes_nothing(what, change, name):
    articles = [article("a", "Own report.", "2022-03-03", [mention("a"), mention("a", 1, "ACCUSE", "USA", "RUS")]),
                article("b", "Another report.", "2022-04-05", [mention("b", date="2022-04")])]
    with Store() as store:
        store.add(articles)
        tables = tables_of(store)
    tables[what] = change(tables[what])
    with Store() as store:
        store.add([article("c", "Already stored.", "2022-01-01", [mention("c")])])
        before = stored(store)
        with pytest.raises(SuasionError) as info:
            store.bulk_load(tables["documents"], tables["mentions"], tables["events"], tables["sentences"])
        assert info.value.code == "E012" and info.value.message.startswith(f"invalid value for {name}:")
        assert stored(store) == before


def test_bulk_load_refuses_what_is_already_stored():
    with Store() as store:
        store.add([article("a", "Own report.", "2022-03-03", [mention("a")])])
        tables = tables_of(store)
        with pytest.raises(SuasionError, match="already stored"):
            store.bulk_load(tables["documents"], tables["mentions"], tables["events"])


# -- migration from version 1 -----------------------------------------------------------------

def make_v1_database(path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)")
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    for doc_id, text, date in (("w1", copy_of_wire(0), "2022-03-03"), ("w2", copy_of_wire(2), "2022-03-04"),
                               ("other", "A different article about wheat.", "2022-05-01")):
        con.execute("INSERT INTO documents (doc_id, content_hash, url, title, source, language, date, origin, text) "
                    "VALUES (?, ?, NULL, NULL, 'outlet', 'en', ?, NULL, ?)",
                    [doc_id, Document(doc_id, text).content_hash, date, text])
        con.execute("INSERT INTO sentences VALUES (?, 0, 'Sentence 0.', 0, 11, 'en', false)", [doc_id])
    rows = [("w1", "AID", "VEN", "2022-03-03", 0.6), ("w2", "AID", "VEN", "2022-03", 0.8),
            ("other", "AID", "VEN", "2022-05", 0.7), ("other", "CONSULT", "BRA", None, 0.5)]
    for number, (doc_id, event_type, recipient, date, confidence) in enumerate(rows):
        con.execute(
            "INSERT INTO events VALUES (?, ?, ?, NULL, ['military'], 'asserted', 'RUS', 'GOV', NULL, 'Russia', "
            "?, 'GOV', NULL, NULL, ?, NULL, NULL, NULL, NULL, NULL, 'Russia delivered helicopters.', 0, 0, 29, ?, "
            "'v1')", [f"old{number}", doc_id, event_type, recipient, date, confidence])
    con.close()


def test_a_version_1_database_is_migrated_with_its_data(tmp_path):
    path = tmp_path / "v1.duckdb"
    make_v1_database(path)
    with pytest.raises(SuasionError) as info:
        Store(path, read_only=True)
    assert "open it once for writing" in info.value.message
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        assert store.counts() == {"documents": 3, "sentences": 3, "mentions": 4, "events": 3}
        mentions = by_id(store.mentions_table())
        events = by_id(store.events_table())
        keys = dict(store._con.execute("SELECT doc_id, syndication_key FROM documents").fetchall())
        # Later ingests find the migrated documents' copies and mentions.
        store.add([article("w3", copy_of_wire(4), "2022-03-05", [mention("w3", date="2022-03-04")])])
        grown = store.events_table(event_type="AID", since="2022-03", until="2022-03").to_pylist()
    assert set(mentions) == {"old0", "old1", "old2", "old3"}
    assert mentions["old1"]["coder"] == "v1" and mentions["old1"]["context"] == ["military"]
    assert mentions["old0"]["event_id"] == mentions["old1"]["event_id"] != mentions["old2"]["event_id"]
    wire_event = events[mentions["old0"]["event_id"]]
    assert (wire_event["n_mentions"], wire_event["n_sources"], wire_event["doc_id"]) == (2, 1, "w2")
    assert keys == {"w1": "w1", "w2": "w1", "other": "other"}
    assert len(grown) == 1 and (grown[0]["n_mentions"], grown[0]["n_sources"]) == (3, 1)


def test_a_version_2_database_is_read_as_it_is_and_counted_when_opened_for_writing(tmp_path):
    from suasion.store.aggregates import dyad_groups

    path = tmp_path / "v2.duckdb"
    articles = [article("a", "Own report.", "2022-03-03", [mention("a"), mention("a", 1, "ACCUSE", "USA", "RUS")]),
                article("b", copy_of_wire(0), "2022-04-05", [mention("b", date="2022-04")])]
    with Store(path) as store:
        store.add(articles)
        expected = event_months(store)
        groups = dyad_groups(store, ["RUS", "USA"], ["VEN", "RUS"]).to_pylist()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_months")
    con.execute("DROP TABLE event_kinds")
    con.execute("DELETE FROM schema_version WHERE version = 3")
    con.close()
    with Store(path, read_only=True) as store:
        assert (store.schema_version, store.has_event_months) == (2, False)
        read = dyad_groups(store, ["RUS", "USA"], ["VEN", "RUS"]).to_pylist()
        assert sorted(read, key=repr) == sorted(groups, key=repr)
    with Store(path) as store:
        assert (store.schema_version, store.has_event_months) == (3, True)
        assert event_months(store) == expected


# -- CLI and writers --------------------------------------------------------------------------

@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.add([article("a", copy_of_wire(0), "2022-03-03", [mention("a")]),
                   article("b", "Our own report.", "2022-03-04", [mention("b", 2, date="2022-03"),
                                                                mention("b", 5, "ACCUSE", "USA", "RUS")])])
    return str(path)


def run(*args: str):
    group = click.Group()
    group.add_command(events_cmd.command)
    return CliRunner().invoke(group, ["events", *args])


def test_events_by_default_show_mention_and_source_counts(db):
    result = run("--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "mentions" in lines[0] and "sources" in lines[0] and len(lines) == 2 + 2
    assert any("RUS -> VEN" in line and " 2 " in line for line in lines)
    assert result.stderr.strip().endswith("2 events")


def test_mentions_jsonl_carries_the_contract_and_its_event(db):
    result = run("--db", db, "--mentions", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3 and result.stderr.strip().endswith("3 mentions")
    for record in records:
        assert tuple(record) == (*EVENT_FIELDS, "event_id", "n_mentions", "n_sources")
    aid = [r for r in records if r["event_type"] == "AID"]
    assert aid[0]["event_id"] == aid[1]["event_id"] and {r["n_sources"] for r in aid} == {2}
    events = [json.loads(line) for line in run("--db", db, "--format", "jsonl").stdout.splitlines()]
    assert aid[0]["event_id"] in {e["id"] for e in events}


def test_mentions_csv_has_the_extra_columns(db):
    result = run("--db", db, "--mentions", "--format", "csv", "--type", "AID")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*EVENT_COLUMNS, *MENTION_EXTRA_COLUMNS]
    assert {r["n_mentions"] for r in rows} == {"2"}


def test_the_plain_writer_keeps_exactly_the_contract():
    event = mention("a")
    out = io.StringIO()
    write_events([event], "jsonl", out)
    assert tuple(json.loads(out.getvalue())) == EVENT_FIELDS
    out = io.StringIO()
    write_events([{**event.to_dict(), "event_id": "evt_1", "n_sources": 3}], "jsonl", out)
    assert tuple(json.loads(out.getvalue())) == (*EVENT_FIELDS, "event_id", "n_sources")
    out = io.StringIO()
    write_events([event], "csv", out)
    assert out.getvalue().splitlines()[0] == ",".join(EVENT_COLUMNS)


def test_random_article_order_property_spot_check():
    # A deterministic spot check alongside the property test: five reports, every order.
    reports = [article(f"r{n}", f"Report {n} on the helicopters.", f"2022-03-0{n + 1}",
                       [mention(f"r{n}", date=("2022-03-03" if n % 2 else "2022-03"))]) for n in range(5)]
    expected = None
    rng = random.Random(11)
    for _ in range(4):
        rng.shuffle(reports)
        with Store() as store:
            for report in reports:
                store.add([report])
            state = snapshot(store)
        expected = expected or state
        assert state == expected
