"""Tests for `suasion export`: tidy round trips, GDELT, ICEWS and PLOVER layouts, dated state codes, streaming."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.cli.main import cli
from suasion.export import BINARY_FORMATS, export, write_records
from suasion.export.countries import country_codes, filed_day
from suasion.export.layouts import (
    GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, ICEWS_COLUMNS, PLOVER_FIELDS, stable_integer,
)
from suasion.export.tidy import EVENTS_SCHEMA, MENTIONS_SCHEMA, SCHEMAS, tidy_batches
from suasion.model import codes
from suasion.model.records import MODALITIES, PLOVER_TYPES, SECTORS, Actor, Document, Event, Sentence, event_id
from suasion.store import Store

KNOWN_TEXT = "Russia's foreign minister arrived in Caracas on Thursday. Talks follow on Friday."
KNOWN_SENTENCE = "Russia's foreign minister arrived in Caracas on Thursday."
KNOWN_URL = "https://www.news.example.org/lavrov-caracas"


def make_event(doc_id: str, index: int, event_type: str, actor: Actor, recipient: Actor | None, *,
               date: str | None = None, precision: str | None = None, mode: str | None = None,
               context: list[str] | None = None, sentence: str = "A sentence.", confidence: float = 0.75,
               goldstein: float | None = None, plover_score: float | None = None) -> Event:
    cameo = codes.cameo_for(event_type, mode, context or [])
    return Event(
        id=event_id(doc_id, index, event_type, actor.code, recipient.code if recipient else None, 0),
        doc_id=doc_id, event_type=event_type, actor=actor, recipient=recipient, mode=mode,
        context=list(context or []), date=date, date_precision=precision, cameo=cameo,
        quad=codes.quad_class(event_type),
        goldstein=codes.goldstein(cameo) if goldstein is None else goldstein,
        plover_score=codes.plover_score(event_type) if plover_score is None else plover_score,
        sentence=sentence, sentence_index=index, char_start=0, char_end=len(sentence),
        confidence=confidence, coder="rules")


def stored_item(document: Document, events: list[Event]) -> tuple:
    """What `Store.add` takes for one document: with a sentence row for each coded sentence."""
    indices = sorted({e.sentence_index for e in events} | {0})
    sentences = [Sentence(document.doc_id, i, f"Sentence {i}.", 0, 5) for i in indices]
    return document, document.text, sentences, events


def add_document(store: Store, document: Document, events: list[Event]) -> None:
    store.add([stored_item(document, events)])


def known_event() -> tuple[Document, Event]:
    document = Document("lavrov-caracas", KNOWN_TEXT, date="2022-01-21", url=KNOWN_URL,
                        title="Lavrov lands in Caracas", language="en", source="Example News")
    lavrov = Actor("RUS", "GOV", "Sergei Lavrov", "Russia's foreign minister")
    event = make_event("lavrov-caracas", 0, "CONSULT", lavrov, Actor("VEN", "GOV", None, "Caracas"),
                       date="2022-01-20", precision="day", mode="visit", context=["diplomatic"],
                       sentence=KNOWN_SENTENCE)
    return document, event


@pytest.fixture()
def known_store(tmp_path):
    """One known event, plus events with an organisation, a region, no recipient and old dates."""
    path = tmp_path / "known.duckdb"
    document, event = known_event()
    other = Document("others", "Other article text for the test.", date="1985-06-30", source="Example Wire")
    others = [
        make_event("others", 4, "ACCUSE", Actor("NATO", "IGO", None, "the alliance"), Actor("LAM", "CVL"),
                   date="1985-06"),
        make_event("others", 5, "MOBILIZE", Actor("DEU", "MIL", None, "German troops"), None, date="1985"),
        make_event("others", 6, "AID", Actor("CHN", "JRN", None, "Xinhua"), Actor("UN", "IGO"), mode=None),
    ]
    with Store(path) as store:
        add_document(store, document, [event])
        add_document(store, other, others)
    return str(path)


def exported(store_path: str, tmp_path, what: str, fmt: str, header: bool = False) -> str:
    """Export to a file named after `what` and `fmt`; returns its text (empty for Parquet)."""
    target = tmp_path / f"{what}.{fmt}"
    with Store(store_path, read_only=True) as store:
        export(store, target, what, fmt, header=header)
    return "" if fmt == "parquet" else target.read_text(encoding="utf-8")


def known_event_id(store_path: str) -> str:
    with Store(store_path, read_only=True) as store:
        table = store.events_table(doc_id="lavrov-caracas")
    return table.column("id")[0].as_py()


# -- the layouts, column by column ---------------------------------------------------------------

def test_gdelt_events_render_the_known_event_exactly(known_store, tmp_path):
    lines = exported(known_store, tmp_path, "events", "gdelt").splitlines()
    assert len(lines) == 4
    assert all(len(line.split("\t")) == 61 for line in lines)
    row = next(line.split("\t") for line in lines if line.endswith(KNOWN_URL))
    no_geo = ["0"] + [""] * 7
    assert row == [
        str(stable_integer(known_event_id(known_store))), "20220120", "202201", "2022", "2022.0548",
        "RUSGOV", "SERGEI LAVROV", "RUS", "", "", "", "", "GOV", "", "",
        "VENGOV", "VENEZUELA", "VEN", "", "", "", "", "GOV", "", "",
        "1", "042", "042", "04", "1", "1.9", "1", "1", "1", "",
        *no_geo, *no_geo, *no_geo, "20220121000000", KNOWN_URL,
    ]


def test_gdelt_header_option_and_organisations_regions_and_missing_recipients(known_store, tmp_path):
    lines = exported(known_store, tmp_path, "events", "gdelt", header=True).splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_EVENT_COLUMNS and len(GDELT_EVENT_COLUMNS) == 61
    rows = [dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"))) for line in lines[1:]]
    by_actor = {row["Actor1Code"]: row for row in rows}
    nato = by_actor["IGONAT"]
    assert (nato["Actor1KnownGroupCode"], nato["Actor1Type1Code"], nato["Actor1CountryCode"]) == ("NAT", "IGO", "")
    assert (nato["Actor2Code"], nato["Actor2CountryCode"]) == ("LAMCVL", "LAM")
    assert nato["Actor2Name"] == "LATIN AMERICA"
    assert nato["EventRootCode"] == "11" and nato["Day"] == "19850601"  # a month is filed on its first day
    troops = by_actor["DEUMIL"]
    assert all(troops[f"Actor2{part}"] == "" for part in ("Code", "Name", "CountryCode", "Type1Code"))
    assert troops["Day"] == "19850101" and troops["IsRootEvent"] == "0"
    xinhua = by_actor["CHNMED"]  # CAMEO calls the media MED
    assert xinhua["Actor2Code"] == "IGOUNO" and xinhua["Day"] == "19850630"  # undated: publication day
    assert xinhua["EventCode"].startswith("07") and xinhua["SOURCEURL"] == "others"


def test_gdelt_mentions_layout(known_store, tmp_path):
    lines = exported(known_store, tmp_path, "mentions", "gdelt", header=True).splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_MENTION_COLUMNS and len(GDELT_MENTION_COLUMNS) == 16
    assert len(lines) == 5 and all(len(line.split("\t")) == 16 for line in lines)
    row = next(line.split("\t") for line in lines[1:] if KNOWN_URL in line)
    assert row == [str(stable_integer(known_event_id(known_store))), "20220121000000", "20220121000000",
                   "1", "news.example.org", KNOWN_URL, "1", "-1", "-1", "0", "1", "75",
                   str(len(KNOWN_TEXT)), "", "", ""]
    cited = [line.split("\t") for line in lines[1:] if KNOWN_URL not in line]
    assert {r[3] for r in cited} == {"2"} and {r[4] for r in cited} == {"Example Wire"}


def test_icews_layout(known_store, tmp_path):
    lines = exported(known_store, tmp_path, "events", "icews").splitlines()
    assert tuple(lines[0].split("\t")) == ICEWS_COLUMNS and len(ICEWS_COLUMNS) == 20
    assert len(lines) == 5 and all(len(line.split("\t")) == 20 for line in lines)
    known = next(line.split("\t") for line in lines if "Sergei Lavrov" in line)
    assert known == [str(stable_integer(known_event_id(known_store))), "2022-01-20", "Sergei Lavrov",
                     "Government", "Russia", "Make a visit", "042", "1.9", "Government (Venezuela)",
                     "Government", "Venezuela", str(stable_integer("lavrov-caracas")), "1", "Example News",
                     "", "", "", "", "", ""]
    rows = [dict(zip(ICEWS_COLUMNS, line.split("\t"))) for line in lines[1:]]
    nato = next(r for r in rows if r["Source Name"] == "North Atlantic Treaty Organization")
    assert nato["Source Country"] == "" and nato["Target Country"] == "" and nato["Target Name"] == "Latin America"
    troops = next(r for r in rows if r["Source Name"] == "Military (Germany)")
    assert troops["Target Name"] == troops["Target Sectors"] == troops["Target Country"] == ""


def test_icews_mentions_are_one_line_per_sentence(known_store, tmp_path):
    lines = exported(known_store, tmp_path, "mentions", "icews").splitlines()
    assert len(lines) == 5 and len({line.split("\t")[0] for line in lines[1:]}) == 4


def test_plover_record_of_the_known_event(known_store, tmp_path):
    records = [json.loads(line) for line in exported(known_store, tmp_path, "events", "plover").splitlines()]
    assert len(records) == 4
    known = next(r for r in records if r["cite_info"]["doc_id"] == "lavrov-caracas")
    assert known == {
        "id": known_event_id(known_store), "date": "2022-01-20", "event": "CONSULT", "mode": "visit",
        "context": ["diplomatic"], "actor": ["RUS"], "actor_sector": ["GOV"], "actor_name": ["Sergei Lavrov"],
        "actor_text": ["Russia's foreign minister"], "recipient": ["VEN"], "recipient_sector": ["GOV"],
        "recipient_name": [], "recipient_text": ["Caracas"], "quad_code": 1, "event_scale": 2.1,
        "cameo": "042", "goldstein": 1.9, "modality": "asserted", "confidence": 0.75, "coder": "rules",
        "text_info": {"text": KNOWN_SENTENCE, "sentence_ids": [0], "start": 0, "end": len(KNOWN_SENTENCE),
                      "language": "en"},
        "cite_info": {"doc_id": "lavrov-caracas", "url": KNOWN_URL, "title": "Lavrov lands in Caracas",
                      "publication": "Example News", "publication_date": "2022-01-21", "language": "en"},
        "date_info": {"date": "2022-01-20", "precision": "day", "source": "text",
                      "first_seen": "2022-01-21", "last_seen": "2022-01-21"},
        "n_mentions": 1, "n_sources": 1, "n_articles": 1,
    }
    assert tuple(known)[:len(PLOVER_FIELDS)] == PLOVER_FIELDS
    troops = next(r for r in records if r["actor"] == ["DEU"])
    assert troops["recipient"] == [] and troops["date"] == "1985-01-01"
    assert troops["date_info"]["date"] == "1985" and troops["date_info"]["precision"] == "year"


def test_plover_mentions_link_to_their_event(known_store, tmp_path):
    records = [json.loads(line) for line in exported(known_store, tmp_path, "mentions", "plover").splitlines()]
    with Store(known_store, read_only=True) as store:
        links = {row["id"]: row["event_id"] for row in store.mentions_table().to_pylist()}
    assert {r["id"]: r["link"] for r in records} == links
    assert all("n_mentions" not in r for r in records)


# -- tidy tables ---------------------------------------------------------------------------------

def test_tidy_events_carry_dated_state_codes_and_strings(known_store, tmp_path):
    exported(known_store, tmp_path, "events", "csv")
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == tuple(EVENTS_SCHEMA.names)
    known = next(r for r in rows if r["doc_id"] == "lavrov-caracas")
    assert [known[c] for c in ("cameo", "cameo_label", "event_type", "mode")] == [
        "042", "Make a visit", "CONSULT", "visit"]
    state_codes = ("iso3", "iso2", "cameo_country", "cow", "gw")
    assert [known[f"actor_{p}"] for p in state_codes] == ["RUS", "RU", "RUS", "365", "365"]
    assert [known[f"recipient_{p}"] for p in ("iso3", "iso2", "cow", "gw")] == ["VEN", "VE", "101", "101"]
    assert (known["n_mentions"], known["n_sources"], known["n_articles"]) == ("1", "1", "1")
    assert [known[c] for c in ("first_seen", "doc_url", "doc_source")] == ["2022-01-21", KNOWN_URL, "Example News"]
    troops = next(r for r in rows if r["actor_code"] == "DEU")
    assert (troops["actor_cow"], troops["actor_gw"]) == ("260", "260")  # West Germany in 1985
    nato = next(r for r in rows if r["actor_code"] == "NATO")
    assert all(nato[f"actor_{p}"] == "" for p in ("iso3", "iso2", "cameo_country", "cow", "gw"))
    assert all(nato[f"recipient_{p}"] == "" for p in ("iso3", "cow", "gw"))  # LAM: a region
    text = (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert '"042"' in text and '"365"' in text  # codes are quoted text


def test_tidy_mentions_point_at_events(known_store, tmp_path):
    exported(known_store, tmp_path, "mentions", "parquet")
    exported(known_store, tmp_path, "events", "parquet")
    mentions = pq.read_table(tmp_path / "mentions.parquet")
    events = pq.read_table(tmp_path / "events.parquet")
    assert mentions.schema == MENTIONS_SCHEMA and events.schema == EVENTS_SCHEMA
    assert set(mentions.column("event_id").to_pylist()) == set(events.column("event_id").to_pylist())
    assert set(events.column("representative_id").to_pylist()) <= set(mentions.column("mention_id").to_pylist())


@pytest.mark.parametrize(("code", "day", "cow", "gw"), [
    ("DEU", "1980-05-01", "260", "260"), ("DEU", "1991-01-01", "255", "260"),
    ("DEU", "1990", "255", "260"),  # a period: the latest membership touching it
    ("SRB", "2010-01-01", "345", "340"), ("RUS", None, "365", "365"),  # no day: the current code
    ("EST", "1960-01-01", None, None),  # not a state then
])
def test_state_codes_are_resolved_for_the_day(code, day, cow, gw):
    found = country_codes(code, day)
    assert (found.cow, found.gw) == (cow, gw)


def test_organisations_regions_and_unknown_codes_have_no_state_codes():
    assert country_codes("NATO", "2022-01-01") is None
    assert country_codes("LAM", "2022-01-01") is None
    assert country_codes("XYZ", "2022-01-01") is None and country_codes(None, None) is None


def test_filed_day_prefers_the_own_date_then_the_publication_date():
    assert filed_day("2022-02", "2022-03-04") == "2022-02-01"
    assert filed_day(None, "2022-03-04T10:00:00") == "2022-03-04"
    assert filed_day("2022-02-30", None) is None


# -- round trips over random stores ------------------------------------------------------------

# Text that tries every way a cell or line can break: separators, quotes, line breaks of all kinds.
tricky_text = st.text(st.sampled_from(list("ab ,;\"'\t\n\r\u2028\u0085\\é中")), max_size=12)
optional_text = st.one_of(st.none(), tricky_text)
actor_codes = st.sampled_from(["RUS", "CHN", "USA", "BRA", "DEU", "EST", "NATO", "UN", "LAM", "ZZZ"])
sides = st.builds(Actor, code=actor_codes, sector=st.one_of(st.none(), st.sampled_from(SECTORS)),
                  name=optional_text, text=optional_text)
dates = st.one_of(st.none(), st.sampled_from(["1985", "1990-10", "2022-02", "2022-02-16", "1939-01-01"]))
scores = st.floats(-10, 10, allow_nan=False)
mention_specs = st.fixed_dictionaries({
    "event_type": st.sampled_from(PLOVER_TYPES), "actor": sides, "recipient": st.one_of(st.none(), sides),
    "date": dates, "modality": st.sampled_from(MODALITIES),
    "context": st.lists(st.sampled_from(["military", "economic", "diplomatic"]), max_size=2, unique=True),
    "sentence": tricky_text, "confidence": st.floats(0, 1), "goldstein": scores, "plover_score": scores,
})
documents = st.lists(st.fixed_dictionaries({
    "date": st.one_of(st.none(), st.sampled_from(["2022-02-20", "1986-01-01"])),
    "url": st.one_of(st.none(), st.just("https://example.org/a?b=1")), "source": optional_text,
    "mentions": st.lists(mention_specs, min_size=1, max_size=4),
}), min_size=1, max_size=3)


def build_store(path, specs) -> None:
    items = []
    for number, spec in enumerate(specs):
        doc_id = f"doc{number}"
        events = []
        for index, mention in enumerate(spec["mentions"]):
            event = make_event(doc_id, index, mention["event_type"], mention["actor"], mention["recipient"],
                               date=mention["date"], context=mention["context"], sentence=mention["sentence"],
                               confidence=mention["confidence"], goldstein=mention["goldstein"],
                               plover_score=mention["plover_score"])
            event.modality = mention["modality"]
            events.append(event)
        document = Document(doc_id, f"Article {number} of the round trip.", date=spec["date"], url=spec["url"],
                            source=spec["source"])
        items.append(stored_item(document, events))
    with Store(path) as store:
        store.add(items)


# Columns the tidy tables take unchanged from the store's tables.
SHARED_COLUMNS = ("event_type", "mode", "modality", "actor_code", "actor_sector", "actor_name", "actor_text",
                  "recipient_code", "recipient_sector", "recipient_name", "recipient_text", "date", "cameo",
                  "quad", "goldstein", "plover_score", "sentence", "sentence_index", "confidence", "doc_id")


def read_back(path, fmt: str, schema: pa.Schema) -> list[dict]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "csv":
        options = pa_csv.ConvertOptions(column_types={f.name: f.type for f in schema}, strings_can_be_null=True,
                                        quoted_strings_can_be_null=False)
        return pa_csv.read_csv(path, convert_options=options).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_every_format_round_trips_or_keeps_its_shape(tmp_path_factory, specs):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "store.duckdb"
    build_store(path, specs)
    with Store(path, read_only=True) as store:
        for what in ("events", "mentions"):
            expected = [row for batch in tidy_batches(store.export_batches(what), what)
                        for row in batch.to_pylist()]
            stored = {row["id"]: row for row in
                      (store.events_table() if what == "events" else store.mentions_table()).to_pylist()}
            assert sorted(row[f"{what[:-1]}_id"] for row in expected) == sorted(stored)
            for row in expected:
                source = stored[row[f"{what[:-1]}_id"]]
                assert {k: row[k] for k in SHARED_COLUMNS} == {k: source[k] for k in SHARED_COLUMNS}
                assert row["context"] == ";".join(source["context"])
            for fmt in ("parquet", "csv", "jsonl"):
                target = folder / f"{what}.{fmt}"
                assert export(store, target, what, fmt) == len(expected)
                assert read_back(target, fmt, SCHEMAS[what]) == expected, (what, fmt)
            gdelt_width = len(GDELT_EVENT_COLUMNS if what == "events" else GDELT_MENTION_COLUMNS)
            for fmt, width in (("gdelt", gdelt_width), ("icews", len(ICEWS_COLUMNS))):
                target = folder / f"{what}.{fmt}"
                export(store, target, what, fmt)
                lines = target.read_text(encoding="utf-8").split("\n")
                assert lines.pop() == ""
                assert len(lines) == len(expected) + (1 if fmt == "icews" else 0)
                assert all(len(line.split("\t")) == width for line in lines)
            target = folder / f"{what}.plover"
            export(store, target, what, "plover")
            records = [json.loads(line) for line in target.read_text(encoding="utf-8").split("\n") if line]
            assert [r["id"] for r in records] == [row[f"{what[:-1]}_id"] for row in expected]


# -- streaming -----------------------------------------------------------------------------------

MANY = 200_000
BASE = 200  # mentions stored the ordinary way, then cloned to MANY rows


# (what, format, rows): all 200k events and mentions through the Arrow writers; the formats built
# row by row in Python share one path (batches of rows turned into lines), checked on fewer rows
# because tracemalloc slows every Python allocation down. Held whole as Python objects, even those
# 10k rows would take over 30 MB.
BIG_EXPORTS = [("events", "csv", None), ("mentions", "parquet", None), ("events", "gdelt", 10_000),
               ("mentions", "plover", 10_000)]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.duckdb"
    actors = ["RUS", "CHN", "USA", "BRA", "NATO"]
    with Store(path) as store:
        for number in range(BASE // 10):
            doc_id = f"d{number}"
            events = [make_event(doc_id, i, PLOVER_TYPES[(number + i) % 16], Actor(actors[i % 5], "GOV"),
                                 Actor(actors[(i + number + 1) % 5], "MIL"),
                                 date=f"2021-{1 + i:02d}-{1 + number:02d}",
                                 sentence=f"Synthetic sentence {number} {i}.")
                      for i in range(10)]
            add_document(store, Document(doc_id, f"Synthetic article {number}.", date="2021-12-31",
                                         url=f"https://example.org/{number}"), events)
    # Clustering makes storing 200k mentions one by one slow; cloning rows in SQL gives the
    # exporter the same kind of store in a second.
    con = duckdb.connect(str(path))
    copies = MANY // BASE
    con.execute(f"""INSERT INTO mentions SELECT m.* REPLACE (m.id || '-' || i AS id,
                    m.event_id || '-' || i AS event_id, m.local_group || '-' || i AS local_group)
                    FROM mentions m, range(1, {copies}) t(i)""")
    con.execute(f"""INSERT INTO events SELECT e.* REPLACE (e.event_id || '-' || i AS event_id,
                    e.representative_id || '-' || i AS representative_id)
                    FROM events e, range(1, {copies}) t(i)""")
    counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("events", "mentions")}
    con.close()
    # Load modules and codebooks once (on a small store) before any memory is measured.
    document, event = known_event()
    with Store(":memory:") as store:
        add_document(store, document, [event])
        for what, fmt, _limit in BIG_EXPORTS:
            export(store, io.BytesIO() if fmt in BINARY_FORMATS else io.StringIO(), what, fmt, limit=1)
    return str(path), counts


@pytest.mark.parametrize(("what", "fmt", "limit"), BIG_EXPORTS)
def test_export_of_a_big_store_keeps_python_memory_bounded(big_store, tmp_path, what, fmt, limit):
    path, counts = big_store
    assert counts["mentions"] == MANY
    filters = {"limit": limit} if limit else {}
    with Store(path, read_only=True) as store:
        tracemalloc.start()
        try:
            count = export(store, tmp_path / f"big.{fmt}", what, fmt, **filters)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert count == (limit or counts[what])
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    if fmt == "parquet":
        assert pq.read_metadata(tmp_path / "big.parquet").num_rows == count
    else:
        with (tmp_path / f"big.{fmt}").open(encoding="utf-8") as handle:
            assert sum(1 for _ in handle) == count + (1 if fmt == "csv" else 0)


def test_the_store_streams_in_batches(big_store):
    path, counts = big_store
    with Store(path, read_only=True) as store:
        sizes = [batch.num_rows for batch in store.export_batches("events", batch_rows=10_000)]
    assert sum(sizes) == counts["events"] and max(sizes) <= 10_000


# -- failures and the command line ---------------------------------------------------------------

def test_a_failed_export_leaves_no_file(tmp_path):
    def failing_batches():
        document, event = known_event()
        with Store(":memory:") as store:
            add_document(store, document, [event])
            yield from tidy_batches(store.export_batches("events"), "events")
        raise RuntimeError("disk gone")

    target = tmp_path / "out.gdelt"
    with pytest.raises(RuntimeError):
        write_records(failing_batches(), "events", "gdelt", target)
    assert list(tmp_path.iterdir()) == []


def run(*args: str):
    return CliRunner().invoke(cli, ["export", *args])


def test_cli_writes_a_file_with_the_format_of_its_suffix(known_store, tmp_path):
    target = tmp_path / "events.parquet"
    result = run("--db", known_store, "-o", str(target), "--actor", "RUS")
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.column("actor_code").to_pylist() == ["RUS"]
    assert "1 events written" in result.stderr


def test_cli_csv_to_standard_output(known_store):
    result = run("--db", known_store, "-o", "-", "--format", "csv", "--type", "CONSULT")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["cameo"] for row in rows] == ["042"]


def test_cli_gdelt_to_standard_output(known_store):
    result = run("--db", known_store, "-o", "-", "--format", "gdelt", "--what", "mentions", "--header")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert tuple(lines[0].split("\t")) == GDELT_MENTION_COLUMNS and len(lines) == 5


@pytest.mark.parametrize(("args", "code"), [
    (["-o", "events.tsv"], "E072"),
    (["-o", "x.csv", "--since", "2022-13"], "E011"),
    (["-o", "x.csv", "--what", "indicators", "--actor", "RUS"], "E071"),
    (["-o", "x.tsv", "--what", "indicators", "--format", "gdelt"], "E071"),
])
def test_cli_errors_are_coded_and_write_nothing(known_store, tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    result = run("--db", known_store, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"suasion: error {code} ")
    assert not any(p.suffix in (".tsv", ".csv") for p in tmp_path.iterdir())


def test_cli_exports_the_indicators_with_lists_joined_in_csv(known_store, tmp_path):
    target = tmp_path / "indicators.csv"
    result = run("--db", known_store, "-o", str(target), "--what", "indicators")
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    russia = next(r for r in rows if r["power"] == "RUS" and r["country"] == "VEN")
    assert russia["event_ids"] == known_event_id(known_store) and russia["events"] == "1"


def test_analysis_tables_need_the_analysis_module(known_store, tmp_path, monkeypatch):
    import suasion.analyze as analyze

    monkeypatch.delattr(analyze, "quantities", raising=False)
    result = run("--db", known_store, "-o", str(tmp_path / "q.csv"), "--what", "quantities")
    assert result.exit_code == 2
    assert "E070" in result.stderr and "suasion.analyze.quantities" in result.stderr
