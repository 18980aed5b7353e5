"""Detects the language of a text and of each paragraph of a mixed-language text."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

DETECTED_LANGUAGES: tuple[str, ...] = ("en", "es", "pt", "fr", "de", "it", "ru")
DEFAULT_LANGUAGE = "en"
# Lingua is unreliable on a few words; a paragraph shorter than this keeps the document's language.
MIN_PARAGRAPH_LETTERS = 40
# A paragraph only overrides the document's language when lingua is this sure of another one.
MIN_PARAGRAPH_CONFIDENCE = 0.8
# Enough text to identify a document; reading all of a very long one only costs time.
DETECTION_SAMPLE_CHARS = 5000
_LETTER = re.compile(r"[^\W\d_]")
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")


class LanguageSpan(NamedTuple):
    """A stretch of text [start, end) in one language."""

    start: int
    end: int
    language: str


@functools.lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTED_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _code(language: object) -> str:
    return language.iso_code_639_1.name.lower()  # type: ignore[attr-defined]


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The ISO 639-1 code of the language `text` is written in (one of DETECTED_LANGUAGES), or
    `default` when the text has too few letters to tell."""
    sample = text[:DETECTION_SAMPLE_CHARS]
    if _letters(sample) < 3:
        return default
    language = _detector().detect_language_of(sample)
    return _code(language) if language is not None else default


def _paragraph_language(paragraph: str, fallback: str) -> str:
    if _letters(paragraph) < MIN_PARAGRAPH_LETTERS:
        return fallback
    values = _detector().compute_language_confidence_values(paragraph[:DETECTION_SAMPLE_CHARS])
    if values and values[0].value >= MIN_PARAGRAPH_CONFIDENCE:
        return _code(values[0].language)
    return fallback


def language_spans(text: str, default: str | None = None) -> list[LanguageSpan]:
    """Split `text` into consecutive spans by language, one decision per paragraph (line).

    The spans cover the whole text without gaps. Short or uncertain paragraphs keep the document's
    language (`default`, else detected from the whole text).
    """
    if not text:
        return []
    document_language = default or detect_language(text)
    spans: list[LanguageSpan] = []
    start, current = 0, document_language
    for match in _PARAGRAPH.finditer(text):
        language = _paragraph_language(match.group(), document_language)
        if language != current:
            if match.start() > start:
                spans.append(LanguageSpan(start, match.start(), current))
            start, current = match.start(), language
    spans.append(LanguageSpan(start, len(text), current))
    return spans

