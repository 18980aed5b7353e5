"""The typed shapes of every JSON answer, as the OpenAPI schema documents them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class PeriodModel(BaseModel):
    since: str | None = Field(None, description="First day included (YYYY-MM-DD), or none.")
    until: str | None = Field(None, description="Last period included as given (YYYY[-MM[-DD]]), or none.")


class RegionModel(BaseModel):
    key: str = Field(description="The region's key, as used in URLs, e.g. latin-america.")
    code: str = Field(description="The region's actor code, e.g. LAM.")
    name: str
    members: int = Field(description="Number of member countries and territories.")


class CountryRef(BaseModel):
    code: str = Field(description="ISO 3166-1 alpha-3 code as events code it.")
    name: str
    iso2: str | None = None


class PowerScore(BaseModel):
    """One power's standing in one country over the period."""

    power: str = Field(description="The power's actor code, e.g. CHN.")
    power_name: str
    score: float = Field(description="Influence score (see `score_method` of the answer).")
    events: int = Field(description="Events between the power and the country, both directions.")
    outgoing: int = Field(description="Events with the power as actor and the country as recipient.")
    incoming: int = Field(description="Events with the country as actor and the power as recipient.")
    cooperative: int = Field(description="Events of quad class 1-2 (verbal or material cooperation).")
    conflictual: int = Field(description="Events of quad class 3-4 (verbal or material conflict).")
    material: int = Field(description="Events of quad class 2 or 4 (deeds rather than words).")
    sources: int = Field(description="Independent sources summed over the events.")
    coop_weight: float = Field(description="Weighted cooperation: positive PLOVER scores times lever and direction weights.")
    conflict_weight: float = Field(description="Weighted conflict: negative PLOVER scores (as positive numbers) times the weights.")
    share: float = Field(description="The power's share of all the listed powers' events with the country (0-1).")
    tone: float | None = Field(None, description="Mean PLOVER cooperation-conflict score (-10..10) of the events.")
    first_date: str | None = None
    last_date: str | None = None


class CountryOverview(CountryRef):
    total_events: int = Field(description="Events between the country and any listed power.")
    leading_power: str | None = Field(None, description="The power with the highest score, if any has events.")
    powers: list[PowerScore]


class OverviewResponse(BaseModel):
    region: RegionModel
    powers: list[str]
    period: PeriodModel
    score_method: str = Field(description="How `score` is computed.")
    countries: list[CountryOverview] = Field(description="Every member, most events first.")


class TimelinePoint(BaseModel):
    country: str
    power: str
    month: str = Field(description="YYYY-MM")
    events: int
    cooperative: int
    conflictual: int
    outgoing: int
    incoming: int
    score: float = Field(description="The month's influence score (the powers' cooperative share taken in that month).")
    score_sum: float = Field(description="Sum of the month's PLOVER cooperation-conflict scores.")


class Lever(BaseModel):
    """How a power acts on a country (direction power -> country): events per lever of influence
    (diplomatic, economic, military, ... as suasion.analyze assigns them) or per PLOVER event type."""

    power: str
    kind: str = Field(description="`lever` or `event_type`.")
    lever: str = Field(description="The lever's label or the event type.")
    events: int
    share: float = Field(description="Share of the power's events towards the country (0-1).")
    coop_weight: float = Field(description="These events' weighted cooperation (see the influence score).")
    conflict_weight: float = Field(description="These events' weighted conflict.")
    tone: float | None = Field(None, description="Mean PLOVER cooperation-conflict score of these events.")


class CountryResponse(CountryOverview):
    period: PeriodModel
    score_method: str
    timeline: list[TimelinePoint]
    levers: list[Lever]
    events_total: int = Field(description="Events between the country and any listed power, every modality.")
    events: list[EventItem] = Field(description="The latest of them, newest first.")


class EventItem(BaseModel):
    """One event (a real-world happening) with its representative evidence sentence."""

    id: str
    date: str | None = Field(None, description="The event's own date, as precise as the text allows.")
    date_precision: str | None = None
    filed_date: str | None = Field(None, description="Its date, else its first publication date.")
    event_type: str = Field(description="PLOVER event type.")
    mode: str | None = None
    modality: str
    context: list[str]
    actor_code: str | None = None
    actor_name: str | None = None
    actor_sector: str | None = None
    actor_text: str | None = None
    recipient_code: str | None = None
    recipient_name: str | None = None
    recipient_sector: str | None = None
    recipient_text: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    cameo: str | None = None
    confidence: float | None = None
    sentence: str = Field(description="The representative mention's sentence (plain text).")
    doc_id: str | None = None
    n_mentions: int
    n_sources: int
    first_seen: str | None = None
    last_seen: str | None = None


class Momentum(BaseModel):
    """suasion.analyze's momentum at the latest month with events in the last window."""

    period: str = Field(description="The last month of the window (YYYY-MM).")
    window: int = Field(description="Months in each window.")
    current: int = Field(description="Events in the window ending at `period`.")
    previous: int = Field(description="Events in the window before it.")
    difference: int
    ratio: float | None = Field(None, description="current / previous, when the previous window has enough events.")


class Novelty(BaseModel):
    """A new contact after a long gap, or a sentence stating a first (suasion.analyze's novelty)."""

    period: str
    novel_contact: bool
    gap_months: int | None = None
    last_contact: str | None = None
    first_in_history: bool
    cue: str | None = Field(None, description="The words of the sentence that state a first.")
    event_id: str | None = None
    sentence: str | None = None


class DyadResponse(BaseModel):
    power: CountryRef
    country: CountryRef
    period: PeriodModel
    score_method: str
    summary: PowerScore
    timeline: list[TimelinePoint]
    levers: list[Lever]
    events_total: int
    events: list[EventItem] = Field(description="The latest events between the two, newest first.")
    momentum: Momentum | None = None
    novelty: list[Novelty] = Field(description="New contacts and stated firsts, newest first.")


class EventSearchResponse(BaseModel):
    total: int = Field(description="Events matching the filters.")
    limit: int
    offset: int
    order: str
    filters: dict[str, str] = Field(description="The filters applied, as query parameters.")
    events: list[EventItem]


class MentionEvidence(BaseModel):
    """One mention of an event: its sentence inside its paragraph and the source it comes from."""

    mention_id: str
    doc_id: str
    representative: bool = Field(description="Whether this mention supplies the event's evidence.")
    sentence: str
    paragraph: str = Field(description="The document paragraph (text between line breaks) holding the sentence.")
    sentence_start: int = Field(description="Offset of the sentence in `paragraph` (characters).")
    sentence_end: int
    truncated_before: bool
    truncated_after: bool
    offsets_matched: bool = Field(description="False when the stored offsets did not point at the sentence "
                                              "and `paragraph` is the sentence alone.")
    source: str | None = None
    title: str | None = None
    url: str | None = Field(None, description="The article's http(s) address, if known.")
    published: str | None = None
    language: str | None = None
    syndication_key: str | None = Field(None, description="Copies of one wire text share this key.")
    modality: str | None = None
    event_type: str | None = None
    actor_text: str | None = None
    recipient_text: str | None = None
    date: str | None = None
    confidence: float | None = None


class EvidenceResponse(BaseModel):
    event: EventItem
    mentions_total: int
    mentions: list[MentionEvidence] = Field(description="The representative mention first, then by date.")


class StoreCounts(BaseModel):
    documents: int
    sentences: int
    mentions: int
    events: int


class MetaResponse(BaseModel):
    version: str
    powers: list[CountryRef]
    regions: list[RegionModel]
    counts: StoreCounts
    first_date: str | None
    last_date: str | None
    event_types: list[str]
    modalities: list[str]


class ProblemDetail(BaseModel):
    parameter: str
    value: str | None
    message: str


class ErrorResponse(BaseModel):
    message: str = Field(description="What went wrong, in one sentence.")
    problems: list[ProblemDetail] = Field(default_factory=list)
