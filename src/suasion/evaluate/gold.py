"""Reads and validates gold-standard files (*.gold.jsonl) into a GoldSet."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from suasion.model.dates import is_partial_date
from suasion.model.errors import Problem, SuasionError, problem
from suasion.model.records import MODALITIES, PLOVER_TYPES

GOLD_SUFFIX = ".gold.jsonl"


@dataclass(slots=True)
class GoldEvent:
    """One annotated event, as far as scoring needs it (the raw line is kept for reports)."""

    doc: str
    event: str
    actor: str | None
    recipient: str | None
    modality: str
    alt: tuple[str, ...] = ()
    date: str | None = None
    optional: bool = False
    undirected: bool = False
    quote: str = ""
    origin: str = ""  # "file:line" the record was read from
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def types(self) -> frozenset[str]:
        """The event type and its defensible alternatives: any of them is a correct prediction."""
        return frozenset((self.event, *self.alt))

    @property
    def ignores_direction(self) -> bool:
        return self.undirected or self.event == "CONSULT"

    def to_prediction(self, confidence: float = 0.9) -> dict[str, Any]:
        """This gold event written as a prediction of the event contract (for tests and baselines)."""
        def side(code: str | None) -> dict[str, Any]:
            return {"code": code, "sector": None, "name": None, "text": None}

        return {
            "id": f"gold:{self.origin}", "doc_id": self.doc, "event_type": self.event, "mode": None,
            "context": [], "modality": self.modality, "actor": side(self.actor),
            "recipient": side(self.recipient) if self.recipient is not None else None,
            "date": self.date, "date_precision": None, "cameo": None, "quad": None,
            "goldstein": None, "plover_score": None, "sentence": self.quote, "sentence_index": 0,
            "char_start": 0, "char_end": 0, "confidence": confidence, "coder": "gold",
        }


@dataclass(slots=True)
class GoldDoc:
    """One annotated document: its metadata line and its gold events."""

    doc_id: str
    date: str | None = None
    language: str | None = None
    events: list[GoldEvent] = field(default_factory=list)
    declared: bool = False  # a `doc` line has been read (events may come first)

    @property
    def required(self) -> list[GoldEvent]:
        return [e for e in self.events if not e.optional]


@dataclass(slots=True)
class GoldSet:
    """Every gold document read from one file or folder, keyed by document id."""

    docs: dict[str, GoldDoc] = field(default_factory=dict)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[GoldEvent]:
        return [e for doc in self.docs.values() for e in doc.events]

    def subset(self, doc_ids: Iterable[str]) -> GoldSet:
        """The same gold restricted to some documents (e.g. those of one language)."""
        keep = set(doc_ids)
        return GoldSet({k: v for k, v in self.docs.items() if k in keep},
                       [q for q in self.quantities if q.get("doc") in keep], list(self.warnings), list(self.sources))

    def predictions(self) -> list[dict[str, Any]]:
        """The gold itself as contract predictions; scoring them against this set gives F1 = 1."""
        return [e.to_prediction(0.9 if not e.optional else 0.1) for e in self.events]

    def add_lines(self, lines: Iterable[str], source: str) -> None:
        """Parse gold JSONL lines from `source` (a name used in error messages) into this set."""
        self.sources.append(source)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record = _parse_line(line, source, number)
            kind = record["kind"]
            doc_id = record["doc"]
            if kind == "doc":
                _check_date(record.get("date"), source, number, "date")
                doc = self.docs.setdefault(doc_id, GoldDoc(doc_id))
                if doc.declared:
                    # A reused id merges two articles' events: say so, but keep scoring.
                    self.warnings.append(problem("E035", f"{source}:{number}", doc=doc_id,
                                                 path=source, line=number))
                else:
                    doc.date, doc.language = record.get("date"), record.get("language")
                    doc.declared = True
            elif kind == "event":
                self.docs.setdefault(doc_id, GoldDoc(doc_id)).events.append(
                    _gold_event(record, source, number))
            else:
                self.quantities.append(record)


def load_gold(path: str | Path) -> GoldSet:
    """Read one gold file, or every *.gold.jsonl under a folder (recursively, in sorted order)."""
    root = Path(path)
    if not root.exists():
        raise SuasionError("E001", path=str(root))
    files = sorted(root.rglob(f"*{GOLD_SUFFIX}")) if root.is_dir() else [root]
    if not files:
        raise SuasionError("E030", path=str(root))
    gold = GoldSet()
    for file in files:
        try:
            with file.open(encoding="utf-8") as handle:
                gold.add_lines(handle, str(file))
        except UnicodeDecodeError as exc:
            raise SuasionError("E013", path=str(file), line=0, detail=f"not UTF-8 text ({exc.reason})") from exc
        except OSError as exc:
            raise SuasionError("E013", path=str(file), line=0, detail=exc.strerror or str(exc)) from exc
    return gold


def gold_from_lines(lines: Iterable[str], source: str = "<gold>") -> GoldSet:
    gold = GoldSet()
    gold.add_lines(lines, source)
    return gold


def json_object_line(line: str, bad: Callable[[str], SuasionError], what: str) -> dict[str, Any]:
    """The JSON object one line holds; else the error `bad(detail)` makes (`what` names the line)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise bad(f"{what} must be a JSON object")
    return record


def _parse_line(line: str, source: str, number: int) -> dict[str, Any]:
    def bad(detail: str) -> SuasionError:
        return SuasionError("E013", path=source, line=number, detail=detail)

    record = json_object_line(line, bad, "a gold line")
    if record.get("kind") not in ("doc", "event", "quantity"):
        raise bad(f"'kind' must be doc, event or quantity, not {record.get('kind')!r}")
    if not isinstance(record.get("doc"), str) or not record["doc"]:
        raise bad("'doc' must be a non-empty string")
    return record


def _check_date(value: object, source: str, number: int, name: str) -> None:
    if value is not None and not is_partial_date(value):
        raise SuasionError("E013", path=source, line=number,
                           detail=f"{name} {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")


def _gold_event(record: dict[str, Any], source: str, number: int) -> GoldEvent:
    def bad(detail: str) -> SuasionError:
        return SuasionError("E013", path=source, line=number, detail=detail)

    event_type = record.get("event")
    if event_type not in PLOVER_TYPES:
        raise bad(f"event {event_type!r} is not a PLOVER type")
    alt = record.get("alt") or []
    if not isinstance(alt, list) or any(a not in PLOVER_TYPES for a in alt):
        raise bad(f"alt {alt!r} must be a list of PLOVER types")
    for side in ("actor", "recipient"):
        if side not in record:
            raise bad(f"'{side}' is missing (use null when unknown)")
        value = record[side]
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise bad(f"{side} {value!r} must be a code or null")
    if record.get("modality") not in MODALITIES:
        raise bad(f"modality {record.get('modality')!r} is not one of {', '.join(MODALITIES)}")
    _check_date(record.get("date"), source, number, "date")
    for flag in ("optional", "undirected"):
        if record.get(flag) not in (None, True, False):
            raise bad(f"{flag} must be true or false")
    quote = record.get("quote")
    if quote is not None and not isinstance(quote, str):
        raise bad("quote must be a string")
    return GoldEvent(
        doc=record["doc"], event=event_type, actor=_code(record["actor"]),
        recipient=_code(record["recipient"]), modality=record["modality"], alt=tuple(alt),
        date=record.get("date"), optional=bool(record.get("optional")),
        undirected=bool(record.get("undirected")), quote=quote or "",
        origin=f"{source}:{number}", raw=record,
    )


def _code(value: str | None) -> str | None:
    return value.strip().upper() if isinstance(value, str) else None

