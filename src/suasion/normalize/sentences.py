"""Rule-based sentence splitting that keeps exact character offsets into the cleaned text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from suasion.codebooks import load
from suasion.model.records import Sentence
from suasion.normalize.boilerplate import skipped_lines

# Terminal punctuation (an ellipsis counts), closing quotes/brackets after it (a closing ” or » may
# follow a space: "Ukraine. ”"), then the space before the next sentence. "Bolsonaro.Photo" or "3.5"
# have no space: never a boundary.
_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?‽]+)(?:[\"'”’»)\]]|[ \t]+[”»](?=\s|$))*(?=\s|$)")
_SPACED_CLOSERS = "”»"
_NEXT_CHAR = re.compile(r"\s*(\S)")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«¿¡(\[—–-]*(?P<word>[^\W_]+)")
_OPENERS = "([{“\"‘'«¿¡"
_CLOSERS = "\"'”’»)]"
_TERMINAL = (".", "!", "?", "…", "‽")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")


@dataclass(frozen=True, slots=True)
class _Abbreviations:
    titles: frozenset[str]
    before_number: frozenset[str]
    general: frozenset[str]
    sentence_starters: frozenset[str]


@functools.lru_cache(maxsize=None)
def _abbreviations(language: str) -> _Abbreviations:
    data = load("lexicon/abbreviations.yaml")
    parts = [data.get("common", {}), data.get(language) or data.get("en", {})]

    def merged(kind: str) -> frozenset[str]:
        return frozenset(str(word).casefold() for part in parts for word in part.get(kind, ()))

    return _Abbreviations(merged("titles"), merged("before_number"), merged("general"),
                          merged("sentence_starters"))


def _token_before(text: str, lower: int, position: int) -> str:
    start = position
    while start > lower and not text[start - 1].isspace():
        start -= 1
    return text[start:position]


def _ends_sentence(text: str, sentence_start: int, mark_start: int, mark_end: int, block_end: int,
                   abbreviations: _Abbreviations) -> bool:
    """Whether the terminal punctuation text[mark_start:mark_end] (with its closing quotes) ends a
    sentence, judging by the token before it and the word after it."""
    next_char = _NEXT_CHAR.match(text, mark_end, block_end)
    if next_char is None or next_char.group(1).islower() or next_char.group(1) in _SPACED_CLOSERS:
        return False  # "...” he said", "e.g. the", "Gen. ortega": the sentence goes on
    if text[mark_start:mark_end] != ".":
        return True  # "?", "!", an ellipsis, or a period closed by a quote or bracket
    token = _token_before(text, sentence_start, mark_start).lstrip(_OPENERS)
    if not token:
        return True
    key = token.casefold() + "."
    if key in abbreviations.titles:
        return False
    if key in abbreviations.before_number:
        return not next_char.group(1).isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: "Vladimir V. Putin"
    if key in abbreviations.general or _DOTTED.fullmatch(token):
        following = _NEXT_WORD.match(text, mark_end, block_end)
        next_word = following.group("word").casefold() if following else ""
        return next_word in abbreviations.sentence_starters
    return True


def _ends_line(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_TERMINAL)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content without surrounding spaces; start == end for blank lines."""
    spans = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = position + len(raw) - len(raw.lstrip()) if stripped else position
        spans.append((start, start + len(stripped)))
        position += len(raw) + 1
    return spans


def _blocks(text: str, lines: list[tuple[int, int]], skipped: list[bool]) -> list[tuple[int, int, bool]]:
    """Runs of lines read as one stretch of prose: (start, end, skip).

    Every line ends a sentence (headlines, captions and datelines have no final punctuation), except
    a line without final punctuation continued by a line starting in lower case: a hard wrap.
    """
    blocks: list[tuple[int, int, bool]] = []
    previous: int | None = None
    for number, (start, end) in enumerate(lines):
        if start == end:
            previous = None
            continue
        if (previous is not None and not skipped[number] and not skipped[previous]
                and text[start].islower() and not _ends_line(text[slice(*lines[previous])])):
            blocks[-1] = (blocks[-1][0], end, False)
        else:
            blocks.append((start, end, skipped[number]))
        previous = number
    return blocks


def _sentence_bounds(text: str, start: int, end: int, abbreviations: _Abbreviations) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the block text[start:end], without surrounding spaces."""
    bounds = []
    sentence_start = start
    for candidate in _CANDIDATE.finditer(text, start, end):
        if _ends_sentence(text, sentence_start, candidate.start(), candidate.end(), end, abbreviations):
            bounds.append((sentence_start, candidate.end()))
            sentence_start = candidate.end()
    bounds.append((sentence_start, end))
    trimmed = []
    for left, right in bounds:
        piece = text[left:right]
        stripped = piece.strip()
        if stripped:
            offset = left + len(piece) - len(piece.lstrip())
            trimmed.append((offset, offset + len(stripped)))
    return trimmed


def split_sentences(doc_id: str, text: str, language: str = "en", *, title: str | None = None) -> list[Sentence]:
    """Sentences of `text` in order, with `text[s.char_start:s.char_end] == s.text`.

    Lines are never merged across a blank line; every line ends a sentence unless it is hard-wrapped.
    Inside a line, a sentence ends at . ! ? or an ellipsis (with any closing quotes after it)
    followed by a space and a word that does not start in lower case, unless the period closes an
    abbreviation of `language` (codebooks/lexicon/abbreviations.yaml) or an initial. Sentences on
    captions, repeated lines, link blocks and page furniture get `skip=True`; so does a line
    repeating `title`.
    """
    abbreviations = _abbreviations(language)
    lines = _line_spans(text)
    skipped = skipped_lines([text[start:end] for start, end in lines], title=title)
    sentences: list[Sentence] = []
    for start, end, skip in _blocks(text, lines, skipped):
        for left, right in _sentence_bounds(text, start, end, abbreviations):
            sentences.append(Sentence(doc_id=doc_id, index=len(sentences), text=text[left:right],
                                      char_start=left, char_end=right, language=language, skip=skip))
    return sentences
