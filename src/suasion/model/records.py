"""Plain records passed between pipeline stages: documents, sentences, actors and events."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "future", "hypothetical", "negated")
SECTORS: tuple[str, ...] = ("GOV", "MIL", "ELI", "OPP", "PTY", "BUS", "JRN", "CVL", "REB", "IGO", "UNK")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")

# The event contract: exactly these keys, in this order, on every serialised event.
EVENT_FIELDS: tuple[str, ...] = (
    "id", "doc_id", "event_type", "mode", "context", "modality", "actor", "recipient",
    "date", "date_precision", "cameo", "quad", "goldstein", "plover_score", "sentence",
    "sentence_index", "char_start", "char_end", "confidence", "coder",
)
ACTOR_FIELDS: tuple[str, ...] = ("code", "sector", "name", "text")


@dataclass(slots=True)
class Document:
    """One article as read from an input, before any cleaning."""

    doc_id: str
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None
    source: str | None = None
    origin: str | None = None  # the input (file, line) the document came from

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Sentence:
    """A sentence of a cleaned document, with offsets into that document's text."""

    doc_id: str
    index: int
    text: str
    char_start: int
    char_end: int
    language: str = "en"
    skip: bool = False  # a caption, a repeated line or a link block: kept for offsets, not coded


@dataclass(slots=True)
class Actor:
    """One side of an event as resolved on the event date."""

    code: str | None
    sector: str | None = None
    name: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "sector": self.sector, "name": self.name, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Actor | None:
        if data is None:
            return None
        return cls(**{k: data.get(k) for k in ACTOR_FIELDS})


@dataclass(slots=True)
class Event:
    """One PLOVER event record: one actor-recipient pair stated by one sentence."""

    id: str
    doc_id: str
    event_type: str
    actor: Actor
    recipient: Actor | None
    modality: str = "asserted"
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    cameo: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    plover_score: float | None = None
    sentence: str = ""
    sentence_index: int = 0
    char_start: int = 0
    char_end: int = 0
    confidence: float = 0.5
    coder: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actor"] = self.actor.to_dict()
        data["recipient"] = self.recipient.to_dict() if self.recipient else None
        return {k: data[k] for k in EVENT_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = {k: data.get(k) for k in EVENT_FIELDS}
        values["actor"] = Actor.from_dict(values["actor"]) or Actor(code=None)
        values["recipient"] = Actor.from_dict(values["recipient"])
        values["context"] = list(values["context"] or [])
        return cls(**values)


def event_id(doc_id: str, sentence_index: int, event_type: str, actor: str | None,
             recipient: str | None, char_start: int) -> str:
    """A stable id: the same event coded from the same text always gets the same id."""
    key = f"{doc_id}|{sentence_index}|{char_start}|{event_type}|{actor}|{recipient}"
    return "ev_" + hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def validate_event(data: dict[str, Any]) -> list[str]:
    """Return the list of ways a serialised event breaks the contract (empty when valid)."""
    problems: list[str] = []
    if tuple(data.keys()) != EVENT_FIELDS:
        problems.append(f"fields {sorted(set(data) ^ set(EVENT_FIELDS))} differ from the contract")
    if data.get("event_type") not in PLOVER_TYPES:
        problems.append(f"event_type {data.get('event_type')!r} is not a PLOVER type")
    if data.get("modality") not in MODALITIES:
        problems.append(f"modality {data.get('modality')!r} is not one of {MODALITIES}")
    for side in ("actor", "recipient"):
        value = data.get(side)
        if value is None and side == "recipient":
            continue
        if not isinstance(value, dict) or tuple(value.keys()) != ACTOR_FIELDS:
            problems.append(f"{side} must be an object with {ACTOR_FIELDS}")
        elif value["sector"] is not None and value["sector"] not in SECTORS:
            problems.append(f"{side}.sector {value['sector']!r} is unknown")
    if data.get("date_precision") not in (None, *DATE_PRECISIONS):
        problems.append(f"date_precision {data.get('date_precision')!r} is unknown")
    if data.get("quad") not in (None, 1, 2, 3, 4):
        problems.append("quad must be 1-4")
    conf = data.get("confidence")
    if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
        problems.append("confidence must be within 0-1")
    if not isinstance(data.get("context"), list):
        problems.append("context must be a list")
    start, end = data.get("char_start"), data.get("char_end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        problems.append("char_start/char_end must be ordered offsets")
    return problems
