"""Tests for the offline HTML report and `suasion plot`: no fetches, escaping, numbers, anchors, files."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import click
import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suasion.cli import plot_cmd, report_cmd
from suasion.codebooks import load
from suasion.export import charts
from suasion.export.geometry import _path_points, country_shapes
from suasion.export.plots import chart_svg, svg_to_png
from suasion.export.report import evidence_index, render, write_report
from suasion.analyze import Analysis
from suasion.export.report_data import Options, ReportData, build, country_table, dyad_table, resolve_scope
from suasion.model.codes import quad_class
from suasion.model.errors import SuasionError
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.store import Store

SCRIPT_SENTENCE = 'Brazil accused Washington <script>alert("owned")</script> of meddling.'
# (doc, publication date, url, [(type, actor, recipient, date, modality, context, sentence)])
PLAN = [
    ("d1", "2022-01-10", "https://news.example.org/a?x=1&y=2",
     [("AID", "USA", "BRA", "2022-01-10", "asserted", ["health"], "Washington sent vaccines to Brazil.")]),
    ("d2", "2022-03-15", None,
     [("CONSULT", "USA", "BRA", "2022-03-15", "asserted", [], "US and Brazilian envoys met in Brasilia.")]),
    ("d3", "2022-05-20", "javascript:alert(1)",
     [("ACCUSE", "BRA", "USA", "2022-05-20", "asserted", [], SCRIPT_SENTENCE)]),
    ("d4", "2022-02-10", "http://news.example.org/b",
     [("AGREE", "CHN", "BRA", "2022-02-10", "asserted", ["economic"], "China and Brazil agreed a trade plan.")]),
    ("d5", "2022-06-01", None,
     [("COOPERATE", "CHN", "ARG", "2022-06-01", "asserted", ["economic"],
       "China began building a port in Argentina.")]),
    ("d6", "2022-04-04", None,
     [("SUPPORT", "RUS", "VEN", "2022-04-04", "asserted", [],
       "Moscow praised the government in Caracas for the first time since 2015.")]),
    ("d7", "2022-07-07", None,
     [("MOBILIZE", "RUS", "VEN", "2022-07-07", "asserted", ["military"], "Russian warships sailed to Venezuela.")]),
    ("d8", "2022-08-08", None,
     [("SUPPORT", "RUS", "VEN", "2022-08-08", "negated", [], "Moscow did not endorse the vote in Venezuela.")]),
    ("d9", "2022-05-05", None,
     [("CONSULT", "USA", "FRA", "2022-05-05", "asserted", [], "US and French ministers met in Paris.")]),
    ("d10", "2022-09-09", None,
     [("CONSULT", "ARG", "BRA", "2022-09-09", "asserted", [], "Argentine and Brazilian leaders met in Rio.")]),
]
# What the plan gives: asserted events by (power, country), both directions.
EXPECTED = {("USA", "BRA"): 3, ("CHN", "BRA"): 1, ("CHN", "ARG"): 1, ("RUS", "VEN"): 2}
LATAM = set(next(r for r in load("actors/regions.yaml") if r["key"] == "latin-america")["members"])


def _event(doc_id: str, index: int, event_type: str, actor: str, recipient: str, date: str, modality: str,
           context: list[str], sentence: str) -> Event:
    return Event(id=event_id(doc_id, index, event_type, actor, recipient, 0), doc_id=doc_id,
                 event_type=event_type, actor=Actor(actor, "GOV"), recipient=Actor(recipient, "GOV"),
                 modality=modality, context=context, date=date, date_precision="day",
                 quad=quad_class(event_type), sentence=sentence, sentence_index=index,
                 char_end=len(sentence), confidence=0.8, coder="test")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("report") / "events.duckdb"
    batch = []
    for doc_id, published, url, rows in PLAN:
        text = f"Test article {doc_id}, written for the report tests."
        events = [_event(doc_id, i, *row) for i, row in enumerate(rows)]
        batch.append((Document(doc_id, text, date=published, url=url, title=f"Title of {doc_id} <b>bold</b>",
                               source="Test Wire"), text, [Sentence(doc_id, 0, text, 0, len(text))], events))
    with Store(path) as store:
        store.add(batch)
        assert store.counts()["events"] == sum(len(rows) for *_, rows in PLAN)  # no two merged
    return str(path)


@pytest.fixture(scope="module")
def page(db, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out") / "report.html"
    with Store(db, read_only=True) as store:
        write_report(store, out, resolve_scope("latin-america"), evidence=2)
    return out.read_text(encoding="utf-8")


class _Page(HTMLParser):
    """Every tag with its attributes, ids, and the text of <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.blocks: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if "id" in values:
            self.ids.add(values["id"])
        self._open = tag if tag in ("script", "style") else None

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks.append((self._open, data))

    def handle_endtag(self, tag: str) -> None:
        self._open = None


def parse(html: str) -> _Page:
    parser = _Page()
    parser.feed(html)
    return parser


FETCHING_ATTRIBUTES = ("src", "srcset", "href", "xlink:href", "action", "formaction", "data", "poster",
                       "background", "manifest", "ping", "codebase", "cite", "longdesc", "usemap")


# -- offline ------------------------------------------------------------------------------------

def test_report_fetches_nothing(page):
    # Decision: article URLs may appear only as <a href="http(s)://..." rel="noopener ...">, a link a
    # browser follows when clicked, never on load; every other attribute that can name a resource
    # holds a same-page anchor at most.
    parsed = parse(page)
    article_links = set()
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed", "audio", "video", "source", "base",
                           "image", "use", "feimage", "form", "frame")
        for name in FETCHING_ATTRIBUTES:
            value = attrs.get(name)
            if value is None or value.startswith("#"):
                continue
            if tag == "a" and name == "href" and re.match(r"^https?://", value):
                assert "noopener" in attrs.get("rel", "").split(), attrs
                article_links.add(value)
                continue
            pytest.fail(f"<{tag} {name}={value!r}> names a resource")
        for name, value in attrs.items():
            assert not re.search(r"url\(\s*['\"]?(?!#)", value), (tag, name, value)
            assert "@import" not in value
            assert not re.search(r"(?:https?:)?//", value) or (tag, name) == ("a", "href"), (tag, name, value)
    # d1 (https) and d4 (http); d3's javascript: URL is shown as text, not linked
    assert article_links == {"https://news.example.org/a?x=1&y=2", "http://news.example.org/b"}
    for kind, text in parsed.blocks:
        assert "@import" not in text and not re.search(r"url\(\s*['\"]?(?!#)", text)
        if kind == "script":
            assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|importScripts|sendBeacon)\b|"
                                 r"import\s*\(|https?:|//[a-z]", text, re.IGNORECASE)
    policy = next(a["content"] for t, a in parsed.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_article_text_is_escaped(page):
    assert SCRIPT_SENTENCE not in page
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "Title of d1 &lt;b&gt;bold&lt;/b&gt;" in page
    assert "javascript:" not in page
    assert 'href="https://news.example.org/a?x=1&amp;y=2"' in page
    scripts = [a for t, a in parse(page).tags if t == "script"]
    assert len(scripts) == 2  # the map's data block and the page's own script


def test_map_embeds_every_region_country_and_no_other(page):
    drawn = set(re.findall(r'<g class="country" data-c="([A-Z]{3})"', page))
    outlines = set(re.findall(r'<g class="power" [^>]*><title>([^<]+) \(great power\)', page))
    assert drawn == LATAM
    assert outlines == {"United States", "China", "Russia"}
    assert len(country_shapes(LATAM)) == len(LATAM)


# -- numbers ------------------------------------------------------------------------------------

def heatmap_cells(page: str) -> dict[tuple[str, str], tuple[int, float]]:
    return {(m[0], m[1]): (int(m[2]), float(m[3])) for m in re.findall(
        r'<g class="cell" data-power="(\w+)" data-country="(\w+)" data-events="(\d+)" data-influence="(-?[\d.]+)"',
        page)}


def test_heatmap_numbers_match_the_store(db, page):
    cells = heatmap_cells(page)
    assert {key: events for key, (events, _) in cells.items()} == EXPECTED
    # The same counts straight from the store, counted here without the report's code.
    with Store(db, read_only=True) as store:
        rows = store.events_table().to_pylist()
    counted: dict[tuple[str, str], int] = {}
    for row in rows:
        for power, country in ((row["actor_code"], row["recipient_code"]), (row["recipient_code"], row["actor_code"])):
            if power in ("USA", "CHN", "RUS") and country in LATAM and row["modality"] == "asserted":
                counted[(power, country)] = counted.get((power, country), 0) + 1
    assert counted == EXPECTED
    # Influence over the period is the analysis module's own: every test event is in 2022, so the
    # report's whole-period value equals the analysis's value for the year.
    yearly = Analysis(db, countries=sorted(LATAM), period="year").influence_scores()
    expected = {(r.power, r.country): r.influence for r in yearly.itertuples() if r.events > 0}
    assert cells.keys() == expected.keys()
    for key, (_, influence) in cells.items():
        assert influence == pytest.approx(expected[key], abs=1e-4)


def test_evidence_sections_list_the_events_behind_each_cell(page):
    for (power, country), events in EXPECTED.items():
        section = re.search(rf'<section class="dyad" id="ev-{power}-{country}">(.*?)</section>', page, re.S)
        assert section, (power, country)
        assert re.search(rf'<span class="count">{events} events?\b', section.group(1))
        listed = section.group(1).split("<details")[0].count("<li><q>")
        assert listed == min(events, 2)
        if events > 2:
            assert f"and {events - 2} more event" in section.group(1)
    usa_brazil = re.search(r'id="ev-USA-BRA">(.*?)</section>', page, re.S).group(1)
    assert "Washington sent vaccines to Brazil." in usa_brazil or "envoys met" in usa_brazil
    assert "Paris" not in page and "Rio." not in page and "did not endorse" not in page


def test_every_anchor_resolves(db, page):
    parsed = parse(page)
    targets = [a["href"][1:] for _, a in parsed.tags if a.get("href", "").startswith("#")]
    assert targets and not [t for t in targets if t not in parsed.ids]
    assert {"ev-USA-BRA", "ev-USA-BRA-2022-01", "ev-CHN-ARG-l-economic", "ev-RUS-all-l-military"} <= parsed.ids
    with Store(db, read_only=True) as store:
        said = store.events_table(doc_id="d6")["id"][0].as_py()
    assert f'href="#ev-said-{said}"' in page and "for the first time since 2015" in page


def test_map_script_data_points_at_existing_sections(page):
    data = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1)
    ids = parse(page).ids
    hrefs = re.findall(r'"#(ev-[^"]+)"', data)
    assert hrefs and all(h in ids for h in hrefs)


# -- the data layer -----------------------------------------------------------------------------

def test_scope_errors():
    with pytest.raises(SuasionError, match="E012"):
        resolve_scope("atlantis")
    with pytest.raises(SuasionError, match="E012"):
        resolve_scope("africa", ["USA", "XXX"])
    with pytest.raises(SuasionError, match="E011"):
        resolve_scope("africa", since="2022-13")
    assert resolve_scope("south-america", ["usa", " chn"], since="2022").since == "2022-01-01"


def test_modalities_and_period_are_accounted_for(db):
    with Store(db, read_only=True) as store:
        data = build(store, resolve_scope("latin-america"))
    assert data.stats["other_modalities"] == 1  # the negated RUS-VEN support
    assert data.stats["counted"] == sum(EXPECTED.values()) and data.stats["outside_period"] == 0
    assert data.months[0] == "2022-01" and data.months[-1] == "2022-08"
    assert data.dyads["events"].sum() == data.monthly["events"].sum() == data.levers["events"].sum()
    assert len(data.events) == sum(EXPECTED.values())
    leaders = dict(zip(data.countries["country"], data.countries["leader"]))
    assert leaders == {"BRA": "USA", "ARG": "CHN", "VEN": "RUS"}
    with Store(db, read_only=True) as store:
        later = build(store, resolve_scope("latin-america", since="2022-03"))
    assert later.months[0] == "2022-03" and later.stats["counted"] == sum(EXPECTED.values()) - 2


monthly_rows = st.fixed_dictionaries({
    "power": st.sampled_from(["USA", "CHN", "RUS"]), "country": st.sampled_from(["BRA", "ARG", "MEX"]),
    "month": st.sampled_from(["2022-01", "2022-02", "2022-03"]), "quads": st.tuples(*[st.integers(0, 3)] * 4),
    "coop_weight": st.floats(0, 50), "conflict_weight": st.floats(0, 50),
})


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(monthly_rows, min_size=1, max_size=30, unique_by=lambda r: (r["power"], r["country"], r["month"])))
def test_period_totals_and_leaders(rows):
    monthly = pd.DataFrame([{"power": r["power"], "country": r["country"], "month": r["month"],
                             **{f"quad_{i}": q for i, q in enumerate(r["quads"], start=1)},
                             "events": sum(r["quads"]), "outbound": r["quads"][0]} for r in rows])
    influence = pd.DataFrame([{"power": r["power"], "country": r["country"], "month": r["month"],
                               "coop_weight": r["coop_weight"], "conflict_weight": r["conflict_weight"]} for r in rows])
    dyads = dyad_table(monthly, influence)
    assert dyads["events"].sum() == monthly["events"].sum()
    assert (dyads[["quad_1", "quad_2", "quad_3", "quad_4"]].sum(axis=1) == dyads["events"]).all()
    assert dyads["influence"].between(-50, 100).all() and dyads["share"].between(0, 1).all()
    for row in country_table(dyads, {}).itertuples(index=False):
        values = dyads[dyads["country"] == row.country]["influence"].nlargest(2).tolist()
        if isinstance(row.leader, str):
            assert values[0] > 0 and (len(values) == 1 or values[0] > values[1])
        else:
            assert values[0] <= 0 or (len(values) > 1 and values[0] == values[1])


@given(st.lists(st.tuples(st.integers(-500, 500), st.integers(-500, 500)), min_size=1, max_size=12))
def test_path_points_of_absolute_and_relative_lines(points):
    absolute = "M " + " L ".join(f"{x},{y}" for x, y in points)
    relative = f"m {points[0][0]},{points[0][1]} " + " ".join(
        f"{x - px},{y - py}" for (px, py), (x, y) in zip(points, points[1:]))
    assert [tuple(round(v) for v in p) for p in _path_points(absolute)] == points
    assert [tuple(round(v) for v in p) for p in _path_points(relative)] == points


@pytest.fixture(scope="module")
def data(db) -> ReportData:
    with Store(db, read_only=True) as store:
        return build(store, resolve_scope("latin-america"), Options())


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(sentence=st.text(min_size=1, max_size=60))
def test_any_sentence_is_escaped(data, sentence):
    column = data.details.schema.get_field_index("sentence")
    details = data.details.set_column(column, "sentence", pa.array([sentence] * data.details.num_rows))
    altered = ReportData(**{**data.__dict__, "details": details})
    page = render(altered, evidence_index(altered, 1), {}, 1)
    escaped = html.escape(sentence, quote=True)
    assert f"<q>{escaped}</q>" in page
    assert page.count("<script") == 2


# -- commands -----------------------------------------------------------------------------------

def invoke(*args: str):
    group = click.Group()
    group.add_command(report_cmd.command)
    group.add_command(plot_cmd.command)
    return CliRunner().invoke(group, list(args))


def test_report_command(db, tmp_path):
    out = tmp_path / "r.html"
    result = invoke("report", "--db", db, "--powers", "USA,CHN", "--since", "2022-02", "-o", str(out),
                    "--title", "Test <report>")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<title>Test &lt;report&gt;</title>" in html
    assert 'data-power="RUS"' not in html and 'id="ev-USA-BRA-2022-01"' not in html
    bad = invoke("report", "--db", db, "--region", "atlantis", "-o", str(tmp_path / "x.html"))
    assert bad.exit_code == 2 and "E012" in bad.output


@pytest.mark.parametrize("what", charts.CHARTS)
def test_plot_writes_svg_and_png(db, tmp_path, what):
    svg_path = tmp_path / f"{what}.svg"
    result = invoke("plot", what, "--db", db, "-o", str(svg_path))
    assert result.exit_code == 0, result.output
    root = ET.parse(svg_path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and float(root.get("width")) > 0
    png_path = tmp_path / f"{what}.png"
    result = invoke("plot", what, "--db", db, "--power", "USA", "-o", str(png_path))
    assert result.exit_code == 0, result.output
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_options_and_errors(db, tmp_path):
    out = tmp_path / "t.svg"
    assert invoke("plot", "timeline", "--db", db, "--country", "ven", "-o", str(out)).exit_code == 0
    assert "Venezuela" in out.read_text(encoding="utf-8") and "Argentina" not in out.read_text(encoding="utf-8")
    result = invoke("plot", "map", "--db", db, "-o", str(tmp_path / "m.pdf"))
    assert result.exit_code == 2 and "E034" in result.output
    result = invoke("plot", "map", "--db", db, "--power", "IND", "-o", str(out))
    assert result.exit_code == 2 and "E012" in result.output
    result = invoke("plot", "timeline", "--db", db, "--country", "FRA", "-o", str(out))
    assert result.exit_code == 2 and "E012" in result.output


def test_png_converter_renders_text():
    png = svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">ok</text></svg>')
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 100


def test_empty_region_still_makes_a_valid_report(db, tmp_path):
    with Store(db, read_only=True) as store:
        result = write_report(store, tmp_path / "e.html", resolve_scope("africa"))
    html = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert result.events == 0 and "No event" in html
    parsed = parse(html)
    assert all(a["href"][1:] in parsed.ids for _, a in parsed.tags if a.get("href", "").startswith("#"))
    with Store(db, read_only=True) as store:
        empty = build(store, resolve_scope("africa"))
    for what in charts.CHARTS:
        ET.fromstring(chart_svg(empty, what))
