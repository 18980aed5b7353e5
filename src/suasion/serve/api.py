"""The JSON API: overview, country, dyad, event search, evidence and table downloads."""

from __future__ import annotations

from typing import Annotated, Literal

import pyarrow as pa
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from suasion import __version__
from suasion.model.records import MODALITIES, PLOVER_TYPES
from suasion.serve import params
from suasion.serve.downloads import DOWNLOAD_RESPONSES, download
from suasion.serve.geography import DEFAULT_REGION, actor_name, countries, regions
from suasion.serve.indicators import SCORE_METHOD, Dashboard, Period, event_item
from suasion.serve.models import (
    CountryRef, CountryResponse, DyadResponse, ErrorResponse, EventSearchResponse, EvidenceResponse,
    MetaResponse, OverviewResponse, PeriodModel, RegionModel,
)
from suasion.store.aggregates import SEARCH_ORDERS

RegionKey = Literal[tuple(regions())]  # type: ignore[valid-type]
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
Order = Literal[SEARCH_ORDERS]  # type: ignore[valid-type]
Format = Literal["csv", "parquet"]

TAGS = [
    {"name": "overview", "description": "Where each power stands across the countries of a region."},
    {"name": "countries", "description": "The powers competing over one country: scores, timelines, levers."},
    {"name": "dyads", "description": "One power and one country: timeline, levers and events."},
    {"name": "events", "description": "Search events by actor, recipient, type, modality, period and text."},
    {"name": "evidence", "description": "The sentences, paragraphs and sources behind an event."},
    {"name": "downloads", "description": "Any table of the API as CSV or Parquet."},
    {"name": "meta", "description": "What the store holds and which powers and regions are known."},
]

Powers = Annotated[str | None, Query(
    pattern=params.CODES_PATTERN, description="Comma-separated power codes (default: the server's, e.g. USA,CHN,RUS).",
    examples=["USA,CHN,RUS"])]
Since = Annotated[str | None, Query(pattern=params.DATE_PATTERN, description="First period included: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2023-01"])]
Until = Annotated[str | None, Query(pattern=params.DATE_PATTERN, description="Last period included: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2024"])]
CountryCode = Annotated[str, Path(pattern=params.CODE_PATTERN, description="Country code (ISO alpha-3), e.g. VEN.", examples=["VEN"])]
PowerCode = Annotated[str, Path(pattern=params.CODE_PATTERN, description="Power code, e.g. CHN.", examples=["CHN"])]
Actor = Annotated[str | None, Query(pattern=params.CODE_PATTERN, description="Actor code, e.g. RUS.")]
Recipient = Annotated[str | None, Query(pattern=params.CODE_PATTERN, description="Recipient code, e.g. BRA.")]
Type = Annotated[EventType | None, Query(alias="type", description="PLOVER event type.")]
ModalityQuery = Annotated[Modality | None, Query(description="Modality of the events.")]
Text = Annotated[str | None, Query(max_length=params.MAX_TEXT, description="Words any mention's sentence contains (case-insensitive substring).")]
FormatPath = Annotated[Format, Path(description="csv or parquet.")]

router = APIRouter(prefix="/api", responses={422: {"model": ErrorResponse, "description": "A parameter is invalid."}})


def dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


Board = Annotated[Dashboard, Depends(dashboard)]


def _powers(board: Dashboard, value: str | None) -> tuple[str, ...]:
    return params.check_codes("powers", value, board.powers)


def _period_model(period: Period, until: str | None) -> PeriodModel:
    return PeriodModel(since=period.since, until=until)


def _ref(code: str) -> CountryRef:
    country = countries().get(code)
    return CountryRef(code=code, name=country.name if country else actor_name(code),
                      iso2=country.iso2 if country else None)


def _region_model(key: str) -> RegionModel:
    region = regions()[key]
    return RegionModel(key=region.key, code=region.code, name=region.name, members=len(region.members))


@router.get("/meta", tags=["meta"], response_model=MetaResponse, summary="What the store holds")
def meta(board: Board) -> MetaResponse:
    """Counts of documents, sentences, mentions and events, the dates they span, the powers the
    server compares and every region that can be chosen."""
    info = board.meta()
    return MetaResponse(version=__version__, powers=[_ref(p) for p in board.powers],
                        regions=[_region_model(k) for k in regions()], counts=info["counts"],
                        first_date=info["span"]["first"], last_date=info["span"]["last"],
                        event_types=list(PLOVER_TYPES), modalities=list(MODALITIES))


def _overview(board: Dashboard, region: str | None, powers: str | None, since: str | None,
              until: str | None) -> tuple[dict, tuple[str, ...], Period]:
    key = params.check_region(region, DEFAULT_REGION)
    chosen = _powers(board, powers)
    period = params.check_period(since, until)
    return board.overview(key, chosen, period), chosen, period


@router.get("/overview", tags=["overview"], response_model=OverviewResponse, summary="Powers across a region")
def overview(board: Board, region: Annotated[RegionKey | None, Query(description="Region key (default latin-america).")] = None,
             powers: Powers = None, since: Since = None, until: Until = None) -> OverviewResponse:
    """Every member country of the region with each power's score and event counts (asserted
    events between the power and the country, both directions) and the leading power."""
    data, chosen, period = _overview(board, region, powers, since, until)
    return OverviewResponse(region=_region_model(data["region"].key), powers=list(chosen),
                            period=_period_model(period, until), score_method=SCORE_METHOD,
                            countries=data["countries"])


@router.get("/overview.{fmt}", tags=["downloads"], response_class=Response, responses=DOWNLOAD_RESPONSES,
            summary="Download the region's indicators")
def overview_download(board: Board, fmt: FormatPath,
                      region: Annotated[RegionKey | None, Query(description="Region key (default latin-america).")] = None,
                      powers: Powers = None, since: Since = None, until: Until = None) -> Response:
    """One row per (country, power) with the same indicators as `/api/overview`."""
    data, _chosen, _period = _overview(board, region, powers, since, until)
    rows = [{"country": item["code"], "country_name": item["name"], "leading_power": item["leading_power"],
             **{k: v for k, v in score.items() if k != "power_name"}}
            for item in data["countries"] for score in item["powers"]]
    return download(pa.Table.from_pylist(rows), fmt, f"overview-{data['region'].key}")


@router.get("/countries/{code}", tags=["countries"], response_model=CountryResponse, summary="The powers in one country")
def country(board: Board, code: CountryCode, powers: Powers = None, since: Since = None,
            until: Until = None) -> CountryResponse:
    """Each power's score and counts in the country, their monthly timelines and their levers
    (what each power does to the country, by event type and by context)."""
    chosen = _powers(board, powers)
    period = params.check_period(since, until)
    data = board.country(code, chosen, period)
    return CountryResponse(**data, period=_period_model(period, until), score_method=SCORE_METHOD)


@router.get("/countries/{code}/timeline.{fmt}", tags=["downloads"], response_class=Response,
            responses=DOWNLOAD_RESPONSES, summary="Download a country's monthly timeline")
def country_timeline_download(board: Board, code: CountryCode, fmt: FormatPath, powers: Powers = None,
                              since: Since = None, until: Until = None) -> Response:
    """One row per (power, month): events, cooperative, conflictual, outgoing, incoming, influence score."""
    table = board.timeline_table(_powers(board, powers), [code], params.check_period(since, until))
    return download(table, fmt, f"timeline-{code}")


@router.get("/countries/{code}/levers.{fmt}", tags=["downloads"], response_class=Response,
            responses=DOWNLOAD_RESPONSES, summary="Download a country's levers")
def country_levers_download(board: Board, code: CountryCode, fmt: FormatPath, powers: Powers = None,
                            since: Since = None, until: Until = None) -> Response:
    """One row per (power, kind, lever): events, share, weighted cooperation and conflict, tone."""
    data = board.country(code, _powers(board, powers), params.check_period(since, until))
    rows = [{"country": code, **lever} for lever in data["levers"]]
    schema = pa.schema([("country", pa.string()), ("power", pa.string()), ("kind", pa.string()),
                        ("lever", pa.string()), ("events", pa.int64()), ("share", pa.float64()),
                        ("coop_weight", pa.float64()), ("conflict_weight", pa.float64()),
                        ("tone", pa.float64())])
    return download(pa.Table.from_pylist(rows, schema=schema), fmt, f"levers-{code}")


@router.get("/dyads/{power}/{code}", tags=["dyads"], response_model=DyadResponse, summary="One power and one country")
def dyad(board: Board, power: PowerCode, code: CountryCode, since: Since = None, until: Until = None,
         limit: Annotated[int, Query(ge=1, le=500, description="How many of the latest events to list.")] = 50,
         ) -> DyadResponse:
    """The power's score and counts in the country, the monthly timeline, its levers and the
    latest events between the two (either direction)."""
    period = params.check_period(since, until)
    data = board.dyad(power, code, period, limit)
    return DyadResponse(power=_ref(power), country=_ref(code), period=_period_model(period, until),
                        score_method=SCORE_METHOD, summary=data["summary"], timeline=data["timeline"],
                        levers=data["levers"], events_total=data["events_total"], events=data["events"],
                        momentum=data["momentum"], novelty=data["novelty"])


@router.get("/dyads/{power}/{code}/timeline.{fmt}", tags=["downloads"], response_class=Response,
            responses=DOWNLOAD_RESPONSES, summary="Download a dyad's monthly timeline")
def dyad_timeline_download(board: Board, power: PowerCode, code: CountryCode, fmt: FormatPath,
                           since: Since = None, until: Until = None) -> Response:
    table = board.timeline_table([power], [code], params.check_period(since, until))
    return download(table, fmt, f"timeline-{power}-{code}")


def _search(board: Dashboard, actor: str | None, recipient: str | None, event_type: str | None,
            modality: str | None, since: str | None, until: str | None, q: str | None, order: str,
            limit: int, offset: int) -> tuple[params.SearchFilters, int, pa.Table]:
    filters = params.SearchFilters.of(actor=actor, recipient=recipient, type=event_type, modality=modality,
                                      since=since, until=until, q=q)
    total, page = board.search(filters.store_filters(), filters.text, order, limit, offset)
    return filters, total, page


@router.get("/events", tags=["events"], response_model=EventSearchResponse, summary="Search events")
def events(board: Board, actor: Actor = None, recipient: Recipient = None, event_type: Type = None,
           modality: ModalityQuery = None, since: Since = None, until: Until = None, q: Text = None,
           order: Annotated[Order, Query(description="newest, oldest, or most independent sources first.")] = "newest",
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> EventSearchResponse:
    """Events (one per real-world happening) matching every filter given; `q` matches the
    sentence of any of the event's mentions."""
    filters, total, page = _search(board, actor, recipient, event_type, modality, since, until, q, order,
                                   limit, offset)
    return EventSearchResponse(total=total, limit=limit, offset=offset, order=order, filters=filters.query(),
                               events=[event_item(row) for row in page.to_pylist()])


@router.get("/events.{fmt}", tags=["downloads"], response_class=Response, responses=DOWNLOAD_RESPONSES,
            summary="Download search results")
def events_download(board: Board, fmt: FormatPath, actor: Actor = None, recipient: Recipient = None,
                    event_type: Type = None, modality: ModalityQuery = None, since: Since = None,
                    until: Until = None, q: Text = None,
                    order: Annotated[Order, Query()] = "newest",
                    limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
                    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """The matching events with every column of the store's events table."""
    _filters, _total, page = _search(board, actor, recipient, event_type, modality, since, until, q, order,
                                     limit, offset)
    return download(page, fmt, "events")


@router.get("/events/{event_id}", tags=["evidence"], response_model=EvidenceResponse,
            responses={404: {"model": ErrorResponse, "description": "No such event."}},
            summary="An event's evidence")
def evidence(board: Board, event_id: Annotated[str, Path(pattern=params.EVENT_ID_PATTERN, description="The event id.")],
             ) -> EvidenceResponse:
    """The event, then every mention of it: the sentence inside its paragraph (stored document
    text around the sentence's offsets) and its source's title, address and date."""
    data = board.evidence(event_id)
    if data is None:
        raise HTTPException(status_code=404, detail=f"no event {event_id!r} in this store")
    return EvidenceResponse(**data)
