"""The dashboard's JSON API and pages through FastAPI's TestClient, over a small hand-written store."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the dashboard needs the [serve] extra (fastapi, uvicorn, jinja2)")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

import pyarrow.parquet as pq  # noqa: E402
from fastapi.routing import APIRoute  # noqa: E402
with warnings.catch_warnings():  # the test client's own deprecation notice, not ours
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from serve_fixtures import ARTICLES, SCRIPT, build_store  # noqa: E402
from suasion.model.records import Actor, Document, Event, Sentence, event_id  # noqa: E402
from suasion.serve import api, create_app  # noqa: E402
from suasion.serve.geography import regions  # noqa: E402
from suasion.serve.indicators import paragraph_around  # noqa: E402
from suasion.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "small.duckdb")


@pytest.fixture(scope="module")
def app(db):
    return create_app(db)


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


def _event(client: TestClient, **query: str) -> dict:
    found = client.get("/api/events", params=query).json()
    assert found["total"] == 1, found
    return found["events"][0]


# -- every endpoint ----------------------------------------------------------------------------

def test_meta_counts_the_store(client):
    meta = client.get("/api/meta").json()
    assert meta["counts"]["documents"] == len(ARTICLES)
    assert meta["counts"]["events"] == 11  # 12 mentions, two of them one visit
    assert [p["code"] for p in meta["powers"]] == ["USA", "CHN", "RUS"]
    assert {r["key"] for r in meta["regions"]} == set(regions())
    assert (meta["first_date"], meta["last_date"]) == ("2023-11-13", "2024-06-11")


def test_overview_scores_every_member_and_names_the_leader(client):
    data = client.get("/api/overview", params={"region": "latin-america"}).json()
    assert len(data["countries"]) == len(regions()["latin-america"].members)
    by_code = {c["code"]: c for c in data["countries"]}
    venezuela = {p["power"]: p for p in by_code["VEN"]["powers"]}
    assert venezuela["USA"]["events"] == 2 and venezuela["USA"]["conflictual"] == 2
    assert venezuela["USA"]["score"] < 0 < venezuela["RUS"]["score"]
    assert venezuela["RUS"]["events"] == 1 and venezuela["RUS"]["sources"] == 2  # one visit, two outlets
    assert by_code["VEN"]["leading_power"] == "RUS"
    assert by_code["BRA"]["leading_power"] == "CHN"
    assert by_code["ARG"]["total_events"] == 1  # the hypothetical Chinese visit is not counted
    assert by_code["URY"]["total_events"] == 0 and by_code["URY"]["leading_power"] is None
    assert data["countries"][0]["total_events"] >= data["countries"][-1]["total_events"]
    assert sum(p["share"] for p in by_code["VEN"]["powers"]) == pytest.approx(1.0, abs=1e-3)


def test_overview_period_and_power_choice(client):
    data = client.get("/api/overview", params={"region": "africa", "powers": "CHN", "since": "2024-06"}).json()
    by_code = {c["code"]: c for c in data["countries"]}
    assert data["powers"] == ["CHN"]
    assert by_code["KEN"]["total_events"] == 2 and by_code["NGA"]["total_events"] == 0


def test_country_has_powers_timelines_and_levers(client):
    data = client.get("/api/countries/VEN").json()
    assert data["name"] == "Venezuela" and data["leading_power"] == "RUS"
    assert {p["power"] for p in data["powers"]} == {"USA", "CHN", "RUS"}
    assert {(t["power"], t["month"]) for t in data["timeline"]} == {("RUS", "2024-01"), ("USA", "2024-03")}
    assert {(l["power"], l["kind"], l["lever"]) for l in data["levers"]} >= {
        ("RUS", "lever", "diplomatic"), ("USA", "event_type", "ACCUSE"), ("USA", "event_type", "THREATEN")}
    shares = [l["share"] for l in data["levers"] if l["power"] == "USA" and l["kind"] == "event_type"]
    assert sum(shares) == pytest.approx(1.0)
    assert data["events_total"] == 3 and {e["event_type"] for e in data["events"]} == {"ACCUSE", "THREATEN",
                                                                                        "CONSULT"}


def test_dyad_lists_events_in_both_directions(client):
    data = client.get("/api/dyads/USA/ARG").json()
    assert data["summary"]["incoming"] == 1 and data["summary"]["outgoing"] == 0
    assert [e["event_type"] for e in data["events"]] == ["REQUEST"]
    visit = client.get("/api/dyads/RUS/VEN").json()["events"][0]
    assert (visit["n_mentions"], visit["n_sources"]) == (2, 2)


def test_event_search_filters(client):
    def ids(**query: str) -> set[str]:
        return {e["id"] for e in client.get("/api/events", params=query | {"limit": 500}).json()["events"]}

    everything = ids()
    assert len(everything) == 11
    assert ids(actor="USA") == ids(actor="USA", recipient="VEN")
    assert len(ids(actor="USA")) == 2
    assert len(ids(recipient="USA")) == 2
    assert len(ids(type="CONSULT")) == 3
    assert len(ids(modality="hypothetical")) == 1
    assert len(ids(since="2024-03", until="2024-04")) == 4
    assert len(ids(since="2024")) == 10 and len(ids(until="2023")) == 1
    assert len(ids(q="VISITED")) == 1  # case-insensitive, and any mention's sentence
    assert ids(q="Chinese", recipient="CHN") == ids(type="REJECT")


def test_event_search_pages_and_orders(client):
    newest = client.get("/api/events", params={"limit": 3}).json()
    rest = client.get("/api/events", params={"limit": 500, "offset": 3}).json()
    assert newest["total"] == rest["total"] == 11 and len(rest["events"]) == 8
    dates = [e["filed_date"] for e in newest["events"] + rest["events"]]
    assert dates == sorted(dates, reverse=True)
    oldest = client.get("/api/events", params={"order": "oldest", "limit": 1}).json()["events"][0]
    assert oldest["event_type"] == "AID"
    assert client.get("/api/events", params={"order": "sources", "limit": 1}).json()["events"][0]["n_sources"] == 2


def test_evidence_shows_each_mention_in_its_paragraph_with_its_source(client):
    visit = _event(client, q="foreign minister visited")
    data = client.get(f"/api/events/{visit['id']}").json()
    assert data["mentions_total"] == 2 and len(data["mentions"]) == 2
    assert data["mentions"][0]["representative"]
    for mention in data["mentions"]:
        assert mention["offsets_matched"]
        assert mention["paragraph"][mention["sentence_start"]:mention["sentence_end"]] == mention["sentence"]
        assert mention["url"].startswith("https://") and mention["title"] and mention["published"]
    harbour = next(m for m in data["mentions"] if m["source"] == "Harbour Gazette")
    assert harbour["paragraph"].endswith("He was received at the airport by his counterpart.")
    assert "CARACAS" not in harbour["paragraph"]  # the previous paragraph stays out
    assert {m["source"] for m in data["mentions"]} == {"Harbour Gazette", "Andes Wire"}


def test_unknown_event_is_404_with_a_message(client):
    response = client.get("/api/events/ev_doesnotexist")
    assert response.status_code == 404
    assert "ev_doesnotexist" in response.json()["message"]
    assert client.get("/events/ev_doesnotexist").status_code == 404


def test_paragraph_window_cut_inside_a_long_paragraph():
    text = "x" * 50 + " The sentence. " + "y" * 50
    cut = paragraph_around(text[10:], 10, 51, 64, "The sentence.")
    assert cut["truncated_before"] and cut["paragraph"][cut["sentence_start"]:cut["sentence_end"]] == "The sentence."
    wrong = paragraph_around(text, 0, 0, 13, "The sentence.")
    assert not wrong["offsets_matched"] and wrong["paragraph"] == "The sentence."


@given(before=st.lists(st.text(alphabet="ab .\n", max_size=30), max_size=4),
       sentence=st.text(alphabet="xyz ,", min_size=1, max_size=20).map(lambda t: "X" + t + "."),
       after=st.text(alphabet="cd .\n", max_size=60), cut=st.integers(0, 40))
def test_paragraph_holds_the_sentence_at_its_offsets(before, sentence, after, cut):
    head = "\n".join(before)
    text = head + " " + sentence + " " + after
    start = len(head) + 1
    window_start = min(cut, start)
    found = paragraph_around(text[window_start:], window_start, start, start + len(sentence), sentence)
    assert found["offsets_matched"]
    paragraph = found["paragraph"]
    assert paragraph[found["sentence_start"]:found["sentence_end"]] == sentence
    assert "\n" not in paragraph
    end = start + len(sentence)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
    whole = text[line_start:line_end].strip()
    if window_start <= line_start:
        assert paragraph == whole
    else:  # the window began inside the paragraph: a cut paragraph, and said so
        assert whole.endswith(paragraph) and found["truncated_before"]


# -- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url, parameter", [
    ("/api/events?actor=ru", "actor"),
    ("/api/events?actor=RUSSIANFED", "actor"),
    ("/api/events?recipient=B%20R", "recipient"),
    ("/api/events?type=MEET", "type"),
    ("/api/events?modality=maybe", "modality"),
    ("/api/events?since=24", "since"),
    ("/api/events?since=2024-13", "since"),
    ("/api/events?until=2024-02-30", "until"),
    ("/api/events?since=2024-05&until=2024-01", "since"),
    ("/api/events?q=" + "a" * 201, "q"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?order=random", "order"),
    ("/api/overview?region=mars", "region"),
    ("/api/overview?powers=usa", "powers"),
    ("/api/overview?powers=USA,,CHN", "powers"),
    ("/api/countries/ven", "code"),
    ("/api/countries/VEN/timeline.xlsx", "fmt"),
    ("/api/dyads/R/VEN", "power"),
    ("/api/events.csv?since=2024-99", "since"),
])
def test_bad_values_are_refused_with_a_clear_message(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["problems"][0]["parameter"] == parameter
    assert body["message"].startswith(f"invalid value for {parameter}")


def test_bad_values_on_pages_show_an_error_page(client):
    response = client.get("/events", params={"actor": "ru"})
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "invalid value for actor" in response.text
    assert client.get("/countries/VEN", params={"since": "2024-13"}).status_code == 422
    assert client.get("/", params={"region": "<b>mars</b>"}).text.count("<b>mars</b>") == 0


@pytest.mark.parametrize("attempt", [
    "'; DROP TABLE events; --", "\" OR 1=1 --", "%' OR '1'='1", "x') UNION SELECT * FROM documents --",
    "\\", "%", "_", "' || (SELECT text FROM documents LIMIT 1) || '",
])
def test_sql_injection_attempts_are_harmless(client, db, attempt):
    response = client.get("/api/events", params={"q": attempt})
    assert response.status_code == 200
    assert response.json()["total"] == 0  # no sentence contains these characters literally
    assert client.get("/api/events", params={"actor": attempt}).status_code == 422
    assert client.get("/api/overview", params={"powers": attempt}).status_code == 422
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == 11


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzCRV '%_\\\".;-()<>")),
               min_size=1, max_size=12))
def test_text_search_matches_exactly_the_literal_substring(client, db, text):
    response = client.get("/api/events", params={"q": text, "limit": 500})
    assert response.status_code == 200
    expected = text.strip().lower()
    if not expected:
        assert response.json()["total"] == 11
        return
    with Store(db, read_only=True) as store:
        mentions = store.mentions_table().to_pylist()
    wanted = {m["event_id"] for m in mentions if expected in m["sentence"].lower()}
    assert {e["id"] for e in response.json()["events"]} == wanted


# -- downloads ----------------------------------------------------------------------------------

def test_search_results_download_as_csv_and_parquet(client):
    shown = client.get("/api/events", params={"since": "2024", "limit": 500}).json()
    as_csv = client.get("/api/events.csv", params={"since": "2024"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["id"] for r in rows] == [e["id"] for e in shown["events"]]
    assert rows[0]["n_mentions"] and "sentence" in rows[0]
    script_row = next(r for r in rows if r["actor_code"] == "RUS" and r["recipient_code"] == "NGA")
    assert SCRIPT in script_row["sentence"]  # data stays data: CSV holds the text as written
    as_parquet = client.get("/api/events.parquet", params={"since": "2024"})
    table = pq.read_table(io.BytesIO(as_parquet.content))
    assert table.column("id").to_pylist() == [e["id"] for e in shown["events"]]
    assert table.schema.field("context").type.value_type == "string"  # lists stay lists


def test_indicator_and_timeline_tables_download(client):
    overview = list(csv.DictReader(io.StringIO(client.get("/api/overview.csv").text)))
    assert len(overview) == 3 * len(regions()["latin-america"].members)
    ven_rus = next(r for r in overview if r["country"] == "VEN" and r["power"] == "RUS")
    assert ven_rus["leading_power"] == "RUS" and int(ven_rus["events"]) == 1
    timeline = pq.read_table(io.BytesIO(client.get("/api/countries/VEN/timeline.parquet").content))
    assert sorted(zip(timeline["power"].to_pylist(), timeline["month"].to_pylist())) == [
        ("RUS", "2024-01"), ("USA", "2024-03")]
    levers = list(csv.DictReader(io.StringIO(client.get("/api/countries/VEN/levers.csv").text)))
    assert {r["kind"] for r in levers} == {"lever", "event_type"}
    dyad = list(csv.DictReader(io.StringIO(client.get("/api/dyads/USA/VEN/timeline.csv").text)))
    assert [(r["month"], r["events"], r["conflictual"]) for r in dyad] == [("2024-03", "2", "2")]


# -- schema, docs, pages -------------------------------------------------------------------------

def test_openapi_documents_every_route(client):
    schema = client.get("/openapi.json").json()
    routes = [r for r in api.router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 10 and len(schema["paths"]) == len(routes)
    for route in routes:
        operation = schema["paths"][route.path_format]["get"]
        assert operation["tags"], route.path
        assert operation.get("description") or operation.get("summary"), route.path
        assert "422" in operation["responses"]
        ok = operation["responses"]["200"]["content"]
        if "application/json" in ok:
            assert "$ref" in ok["application/json"]["schema"], route.path
        else:
            assert set(ok) == {"text/csv", "application/vnd.apache.parquet"}, route.path
    assert {t["name"] for t in schema["tags"]} >= {"overview", "countries", "dyads", "events", "evidence",
                                                    "downloads"}


def test_docs_page_loads_its_assets_from_this_server(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.text, re.IGNORECASE)
    for asset in re.findall(r'(?:src|href)="(/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert "validatorUrl" in page.text and '"validatorUrl": null' in page.text


@pytest.mark.parametrize("path", ["/", "/?region=africa", "/countries/VEN", "/countries/URY", "/dyads/RUS/VEN",
                                  "/dyads/CHN/URY", "/events", "/events?type=CONSULT&order=oldest"])
def test_pages_render_without_a_network_address(client, path):
    page = client.get(path)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    external = re.findall(r'(?:src|href|action)="((?:https?:)?//[^"]*)"', page.text)
    assert external == []
    title = re.search(r"<title>(.*?)</title>", page.text, re.DOTALL).group(1)
    assert title.endswith(" · suasion") and len(title) < 60 and "<" not in title


def test_article_text_is_escaped_everywhere(client):
    event = _event(client, actor="RUS", recipient="NGA")
    assert SCRIPT in event["sentence"]  # the JSON carries the text as written
    pages = [client.get(f"/events/{event['id']}").text, client.get("/events", params={"actor": "RUS"}).text,
             client.get("/dyads/RUS/NGA").text, client.get("/events", params={"q": SCRIPT}).text,
             client.get("/events", params={"q": "STANCE"}).text]
    for html in pages:
        assert "<script>alert" not in html
    assert "<mark>stance</mark> &lt;script&gt;" in pages[-1]  # search words marked, the rest escaped
    evidence = pages[0]
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in evidence
    assert "javascript:" not in evidence  # an unsafe article address is shown as no link at all
    mention = client.get(f"/api/events/{event['id']}").json()["mentions"][0]
    assert mention["url"] is None and SCRIPT in mention["title"]


# -- store access ----------------------------------------------------------------------------------

def _one_more_article(path: Path) -> None:
    text = "Russia signed a grain agreement with Uruguay."
    event = Event(id=event_id("z1", 0, "AGREE", "RUS", "URY", 0), doc_id="z1", event_type="AGREE",
                  actor=Actor("RUS", "GOV", "Russia"), recipient=Actor("URY", "GOV", "Uruguay"),
                  date="2024-07-01", date_precision="day", quad=1, plover_score=4.2, sentence=text,
                  char_end=len(text), confidence=0.7, coder="test")
    with Store(path) as store:
        store.add([(Document(doc_id="z1", text=text, date="2024-07-02", source="Late Desk"), text,
                    [Sentence("z1", 0, text, 0, len(text))], [event])])


def test_a_changed_store_is_never_answered_from_the_cache(tmp_path):
    path = build_store(tmp_path / "growing.duckdb")
    client = TestClient(create_app(path))

    def uruguay() -> int:
        countries = client.get("/api/overview").json()["countries"]
        return next(c for c in countries if c["code"] == "URY")["total_events"]

    assert uruguay() == 0
    _one_more_article(path)  # the app holds no lock between requests: a writer gets in
    assert uruguay() == 1


def test_the_app_never_writes_to_the_store(db, client):
    before = db.stat().st_mtime_ns
    for path in ("/api/overview", "/api/countries/VEN", "/api/events?q=Russia", "/"):
        client.get(path)
    assert db.stat().st_mtime_ns == before


def test_missing_store_fails_at_start(tmp_path):
    from suasion.model.errors import SuasionError

    with pytest.raises(SuasionError, match="E014"):
        create_app(tmp_path / "missing.duckdb")


def test_serve_never_imports_the_extractor():
    code = ("import sys; import suasion.serve.app, suasion.cli.serve_cmd; "
            "bad = sorted(m for m in sys.modules if m.startswith('suasion.extract')); print(bad); "
            "sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_serve_help_and_bad_store(tmp_path):
    from click.testing import CliRunner

    from suasion.cli.main import cli

    runner = CliRunner()
    assert "--port" in runner.invoke(cli, ["serve", "--help"]).output
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "E014" in result.output
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb"), "--powers", "US$"])
    assert result.exit_code == 2 and "--powers" in result.output


def test_scores_agree_with_suasion_analyze(client, db):
    from suasion import analyze

    expected = analyze.influence_scores(str(db), powers=["USA", "CHN", "RUS"], period="year", since="2024",
                                        until="2024")
    expected = {(row.power, row.country): row.influence for row in expected.itertuples()
                if row.level == "country"}
    shown = client.get("/api/overview", params={"since": "2024", "until": "2024"}).json()["countries"]
    africa = client.get("/api/overview", params={"region": "africa", "since": "2024", "until": "2024"}).json()
    compared = 0
    for country in shown + africa["countries"]:
        for power in country["powers"]:
            key = (power["power"], country["code"])
            if key in expected:
                assert power["score"] == pytest.approx(expected[key], abs=1e-3), key
                compared += 1
            else:
                assert power["events"] == 0, key
    assert compared >= 8
