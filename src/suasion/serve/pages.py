"""The analyst's pages: overview map, country, dyad, event search and evidence, rendered on the server."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from suasion import __version__
from suasion.model.records import MODALITIES, PLOVER_TYPES
from suasion.serve import charts, geography, params
from suasion.serve.geography import DEFAULT_REGION, actor_name, countries, power_colours, regions
from suasion.serve.indicators import SCORE_METHOD, Dashboard, event_item
from suasion.store.aggregates import SEARCH_ORDERS

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.globals.update(version=__version__, actor_name=actor_name)
TEMPLATES.env.filters["thousands"] = lambda n: f"{int(n):,}" if n is not None else "–"
TEMPLATES.env.filters["percent"] = lambda x: f"{100 * x:.0f}%" if x is not None else "–"
TEMPLATES.env.filters["signed"] = lambda x: f"{x:+,.1f}" if x is not None else "–"
TEMPLATES.env.filters["tone"] = lambda x: f"{x:+.1f}" if x is not None else "–"

def highlight(text: str | None, term: str | None) -> Markup:
    """The text, escaped, with every case-insensitive occurrence of the search term marked."""
    if not text or not term:
        return escape(text or "")
    parts = re.split(f"({re.escape(term)})", text, flags=re.IGNORECASE)
    return Markup("".join(f"<mark>{escape(part)}</mark>" if index % 2 else str(escape(part))
                          for index, part in enumerate(parts)))


TEMPLATES.env.filters["highlight"] = highlight

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
SEARCH_PAGE = 50
NO_LEADER = "#cbd5e1"  # events, but no power with a positive score (or a tie)
NO_EVENTS = "#eef2f6"

router = APIRouter(include_in_schema=False)


def _board(request: Request) -> Dashboard:
    return request.app.state.dashboard


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    board = _board(request)
    context.setdefault("colours", power_colours(board.powers))
    context.setdefault("powers", board.powers)
    context.setdefault("nav", "")
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, title: str, message: str) -> HTMLResponse:
    return _render(request, "error.html", status_code=status_code, title=title, message=message)


def _query_string(values: dict[str, Any]) -> str:
    clean = {k: v for k, v in values.items() if v not in (None, "")}
    return ("?" + urlencode(clean)) if clean else ""


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, region: str | None = None, since: str | None = None,
                  until: str | None = None, powers: str | None = None) -> HTMLResponse:
    board = _board(request)
    key = params.check_region(region, DEFAULT_REGION)
    chosen = params.check_codes("powers", powers, board.powers)
    period = params.check_period(since, until)
    data = board.overview(key, chosen, period)
    colours = power_colours(chosen)
    items = data["countries"]
    by_code = {item["code"]: item for item in items}
    top = max([item["total_events"] for item in items] + [1])
    region_map = geography.region_map(data["region"])
    shapes = []
    for shape in region_map.shapes:
        item = by_code.get(shape.code)
        leading = item["leading_power"] if item else None
        engaged = bool(item and item["total_events"])
        intensity = 0.35 + 0.65 * math.log1p(item["total_events"]) / math.log1p(top) if engaged else 0.0
        fill = colours.get(leading, NO_LEADER) if leading else (NO_LEADER if engaged else NO_EVENTS)
        shapes.append({"shape": shape, "item": item, "fill": fill,
                       "opacity": round(intensity, 2) if leading else 1, "dark": bool(leading) and intensity > 0.6})
    leads = {power: sum(1 for item in items if item["leading_power"] == power) for power in chosen}
    query = _query_string({"region": key, "since": since, "until": until, "powers": powers})
    return _render(request, "overview.html", nav="overview", region=data["region"], regions=regions(),
                   items=items, shapes=shapes, region_map=region_map, leads=leads,
                   chosen=chosen, colours=colours, since=since or "", until=until or "",
                   total=sum(item["total_events"] for item in items),
                   engaged=sum(1 for item in items if item["total_events"]),
                   score_method=SCORE_METHOD, query=query,
                   period_query=_query_string({"since": since, "until": until}),
                   info=board.meta())


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, code: str, since: str | None = None, until: str | None = None,
                 measure: str = "events") -> HTMLResponse:
    board = _board(request)
    code = params.check_code("code", code) or ""
    period = params.check_period(since, until)
    if measure not in ("events", "score", "cooperative", "conflictual"):
        raise params.InvalidParameter("measure", measure, "expected events, score, cooperative or conflictual")
    data = board.country(code, board.powers, period)
    colours = power_colours(board.powers)
    chart = charts.line_chart(data["timeline"], board.powers, colours, value=measure)
    levers = {power: {"event_type": [l for l in data["levers"] if l["power"] == power and l["kind"] == "event_type"][:8],
                      "lever": [l for l in data["levers"] if l["power"] == power and l["kind"] == "lever"]}
              for power in board.powers}
    country = countries().get(code)
    home = next((r for r in regions().values() if country and r.code in country.regions), None)
    period_query = _query_string({"since": since, "until": until})
    return _render(request, "country.html", nav="overview", data=data, chart=chart, levers=levers,
                   quad_names=QUAD_NAMES,
                   region=home, since=since or "", until=until or "", measure=measure,
                   period_query=period_query, score_method=SCORE_METHOD)


@router.get("/dyads/{power}/{code}", response_class=HTMLResponse)
def dyad_page(request: Request, power: str, code: str, since: str | None = None,
              until: str | None = None) -> HTMLResponse:
    board = _board(request)
    power = params.check_code("power", power) or ""
    code = params.check_code("code", code) or ""
    period = params.check_period(since, until)
    data = board.dyad(power, code, period, limit=25)
    chart = charts.diverging_bars(data["timeline"])
    colour = power_colours([*board.powers, power])[power]
    period_query = _query_string({"since": since, "until": until})
    search_query = _query_string({"since": since, "until": until})
    return _render(request, "dyad.html", nav="overview", data=data, chart=chart, colour=colour,
                   power=power, code=code, since=since or "", until=until or "",
                   period_query=period_query, search_query=search_query,
                   out_query=_query_string({"actor": power, "recipient": code, "since": since, "until": until}),
                   in_query=_query_string({"actor": code, "recipient": power, "since": since, "until": until}),
                   levers_by_type=[l for l in data["levers"] if l["kind"] == "event_type"][:10],
                   levers_by_lever=[l for l in data["levers"] if l["kind"] == "lever"],
                   quad_names=QUAD_NAMES, score_method=SCORE_METHOD)


@router.get("/events", response_class=HTMLResponse)
def search_page(request: Request, actor: str | None = None, recipient: str | None = None,
                type: str | None = None, modality: str | None = None, since: str | None = None,  # noqa: A002
                until: str | None = None, q: str | None = None, order: str = "newest",
                page: int = 1) -> HTMLResponse:
    board = _board(request)
    filters = params.SearchFilters.of(actor=actor, recipient=recipient, type=type, modality=modality,
                                      since=since, until=until, q=q)
    if order not in SEARCH_ORDERS:
        raise params.InvalidParameter("order", order)
    if page < 1 or page > 20_000:
        raise params.InvalidParameter("page", page, "expected a page number from 1")
    total, rows = board.search(filters.store_filters(), filters.text, order, SEARCH_PAGE, (page - 1) * SEARCH_PAGE)
    query = filters.query() | ({"order": order} if order != "newest" else {})
    pages = max(1, math.ceil(total / SEARCH_PAGE))
    return _render(request, "events.html", nav="events", filters=filters, form={
        "actor": actor or "", "recipient": recipient or "", "type": type or "", "modality": modality or "",
        "since": since or "", "until": until or "", "q": q or "", "order": order},
        events=[event_item(row) for row in rows.to_pylist()], total=total, page=page, pages=pages,
        query=_query_string(query), prev_query=_query_string(query | {"page": page - 1}) if page > 1 else None,
        next_query=_query_string(query | {"page": page + 1}) if page < pages else None,
        event_types=PLOVER_TYPES, modalities=MODALITIES, orders=SEARCH_ORDERS, quad_names=QUAD_NAMES)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def evidence_page(request: Request, event_id: str) -> HTMLResponse:
    board = _board(request)
    data = board.evidence(params.check_event_id(event_id))
    if data is None:
        return error_page(request, 404, "Event not found", f"There is no event {event_id!r} in this store.")
    for mention in data["mentions"]:
        start, end = mention["sentence_start"], mention["sentence_end"]
        text = mention["paragraph"]
        mention["before"], mention["highlight"], mention["after"] = text[:start], text[start:end], text[end:]
    return _render(request, "evidence.html", nav="events", event=data["event"], mentions=data["mentions"],
                   mentions_total=data["mentions_total"], quad_names=QUAD_NAMES)


@router.get("/overview")
def overview_alias(request: Request) -> RedirectResponse:
    return RedirectResponse("/" + (("?" + request.url.query) if request.url.query else ""))
