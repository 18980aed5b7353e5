"""Numbered, user-facing errors: every problem the CLI reports has a stable code."""

from __future__ import annotations

from dataclasses import dataclass


class Errors:
    """The catalogue of error codes and their message templates."""

    E001 = "input not found: {path}"
    E002 = "input is empty"
    E003 = "input looks binary, not text"
    E004 = "input could not be decoded as text ({detail})"
    E005 = "input is larger than the {limit} MB limit"
    E006 = "line {line}: not valid JSON ({detail})"
    E007 = "line {line}: a JSON article needs a non-empty 'text'"
    E008 = "HTML page has no extractable main text"
    E009 = "feed could not be parsed ({detail})"
    E010 = "unsupported input type: {detail}"
    E011 = "invalid date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY"
    E012 = "invalid value for {name}: {value!r} ({detail})"
    E013 = "gold file problem at {path} line {line}: {detail}"
    E014 = "database problem: {detail}"
    E015 = "codebook problem in {path}: {detail}"
    E016 = "actor file problem at {path} line {line}: {detail}"
    E020 = "folder has no files of a supported type"
    E021 = "input could not be read ({detail})"
    E022 = "feed item {item} has neither content nor summary"
    E023 = "line {line}: longer than the {limit} MB limit"
    E030 = "no gold files (*.gold.jsonl) found under {path}"
    E031 = "predictions file problem at {path} line {line}: {detail}"
    E032 = "event {event_id} names document {event_doc!r} but is stored with document {doc_id!r}"
    E033 = "event {event_id} breaks the event contract: {detail}"
    E034 = "unknown output format {fmt!r}: expected one of {choices}"
    E035 = "gold document {doc!r} is declared again at {path} line {line}; its events are scored together"
    E070 = "--what {what} needs the analysis module (suasion.analyze.{function}), which this installation lacks"
    E071 = "format {fmt!r} cannot write {what}: {detail}"
    E072 = "cannot tell the export format from {path!r}: give --format ({choices})"


@dataclass
class Problem:
    """A non-fatal problem with one input: reported, skipped, and counted in the exit code."""

    code: str
    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.origin}: {self.message}"


class SuasionError(Exception):
    """A fatal, user-facing error with a code from `Errors`."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        template = getattr(Errors, code)
        self.message = template.format(**fields)
        super().__init__(f"{code} {self.message}")


def problem(code: str, origin: str, **fields: object) -> Problem:
    return Problem(code=code, origin=origin, message=getattr(Errors, code).format(**fields))
