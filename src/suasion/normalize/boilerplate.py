"""Finds the lines of an article that are not body text: captions, repeats, link blocks, page furniture."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from suasion.codebooks import load

_URL_LINE = re.compile(r"(?:https?://|www\.)\S+")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END = (".", ":", ";", ",")
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True, slots=True)
class _Rules:
    credit_suffix: re.Pattern[str]
    agency_suffix: re.Pattern[str]
    caption_prefix: re.Pattern[str]
    link_marker: re.Pattern[str]
    boilerplate_prefix: re.Pattern[str]
    boilerplate_lines: frozenset[str]
    max_credit_words: int
    max_caption_words: int
    max_link_lines: int
    max_headline_words: int


def _alternation(phrases: list[str]) -> str:
    # Longest first, so "file photo" wins over "photo"; inner spaces match any run of spaces.
    ordered = sorted({str(phrase) for phrase in phrases}, key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load("lexicon/boilerplate.yaml")
    return _Rules(
        credit_suffix=re.compile(r"(?i:" + _alternation(data["credit_labels"]) + r")[ \t]*:[ \t]*"
                                 r"(?P<credit>[^.!?:;\n]+?)\.?$"),
        agency_suffix=re.compile(r"\((?:" + _alternation(data["credit_agencies"]) + r")"
                                 r"(?:[ \t]*[/,|-][^()\n]{0,80}|[ \t]+(?i:photo)[^()\n]{0,80})?\)\.?$"),
        caption_prefix=re.compile(r"^(?i:" + _alternation(data["caption_prefixes"]) + r")[ \t]*[,:]"),
        link_marker=re.compile(r"^(?i:" + _alternation(data["link_markers"]) + r")(?!\w)[ \t]*"
                               r"(?P<separator>[:»>|·•–—-])?[ \t]*(?P<rest>.*)$"),
        boilerplate_prefix=re.compile(r"^(?i:" + _alternation(data["boilerplate_prefixes"]) + r")(?!\w)"),
        boilerplate_lines=frozenset(str(line).casefold() for line in data["boilerplate_lines"]),
        max_credit_words=int(data["max_credit_words"]),
        max_caption_words=int(data["max_caption_words"]),
        max_link_lines=int(data["max_link_lines"]),
        max_headline_words=int(data["max_headline_words"]),
    )


def _credit_start(line: str, rules: _Rules) -> int | None:
    """Where a caption credit ("Photo: Reuters", "(AFP)") starts at the end of `line`, if it has one."""
    match = rules.credit_suffix.search(line)
    if match:
        credit = match.group("credit").strip()
        if credit[:1].isupper() and len(credit.split()) <= rules.max_credit_words:
            return match.start()
    match = rules.agency_suffix.search(line)
    if match and len(line.split()) <= rules.max_caption_words:
        return match.start()
    return None


def _key(line: str, rules: _Rules) -> str:
    """What two copies of one line have in common: no credit, case, spacing or edge punctuation."""
    start = _credit_start(line, rules)
    if start is not None:
        line = line[:start]
    return _EDGE_PUNCTUATION.sub("", " ".join(line.casefold().split()))


def _is_furniture(line: str, rules: _Rules) -> bool:
    return (bool(rules.boilerplate_prefix.match(line)) or bool(_URL_LINE.fullmatch(line))
            or line.casefold().strip(" .:!") in rules.boilerplate_lines)


def _is_headline(line: str, rules: _Rules) -> bool:
    return len(line.split()) <= rules.max_headline_words and not line.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def skipped_lines(lines: list[str], title: str | None = None) -> list[bool]:
    """For each line (stripped; "" for blank lines) whether it is outside the article body.

    Outside are: photo captions (a credit at the end, "Foto: ..." or "Legenda da foto, ..." at the
    start), the first copy of a line repeated right after with a credit, any line repeating an
    earlier line or the title, link markers ("Read more", "Leia mais", "Lea también", "Related: ...")
    with the headline-like lines after them, share/follow/subscribe prompts and bare URLs.
    """
    rules = _rules()
    flags = [False] * len(lines)
    seen: set[str] = set()
    if title:
        seen.add(_key(title, rules))
    previous: int | None = None
    previous_key = ""
    link_lines_left = 0
    for number, line in enumerate(lines):
        if not line:
            continue
        key = _key(line, rules)
        is_caption = _credit_start(line, rules) is not None or bool(rules.caption_prefix.match(line))
        skip = is_caption or _is_furniture(line, rules) or (bool(key) and key in seen)
        marker = rules.link_marker.match(line)
        if marker and not marker.group("rest"):
            skip, link_lines_left = True, rules.max_link_lines
        elif marker and marker.group("separator"):
            skip, link_lines_left = True, 0
        elif link_lines_left and _is_headline(line, rules):
            skip, link_lines_left = True, link_lines_left - 1
        else:
            link_lines_left = 0
        if is_caption and previous is not None and key and key == previous_key:
            flags[previous] = True
        flags[number] = skip
        if key:
            seen.add(key)
        previous, previous_key = number, key
    return flags
