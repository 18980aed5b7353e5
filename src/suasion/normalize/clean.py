"""Cleans article text before splitting: mojibake, Unicode form, digits, line endings, invisibles."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

import ftfy

# Quotes, dashes and widths are left alone: later stages quote the text verbatim, and HTML entities
# are left alone because unescaping them is not idempotent ("&amp;amp;" -> "&amp;" -> "&").
_FTFY_CONFIG = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_character_width=False,
                                    fix_latin_ligatures=True, normalization="NFC", explain=False)
# Invisible characters that split words for every later stage: zero-width space/joiners, word joiner,
# BOM, soft hyphen, Mongolian vowel separator, and bidirectional marks and embeddings.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
             "\u2066\u2067\u2068\u2069"
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
MAX_PASSES = 3


@functools.lru_cache(maxsize=1)
def _translation() -> dict[int, str | None]:
    """Decimal digits of every script to ASCII, every kind of space to " ", invisibles removed."""
    table: dict[int, str | None] = {}
    for code in range(0x80, sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category == "Nd":
            table[code] = str(unicodedata.decimal(chr(code)))
        elif category == "Zs":
            table[code] = " "
    for char in _INVISIBLE:
        table[ord(char)] = None
    return table


def _clean_once(text: str) -> str:
    text = text.translate(_translation())
    text = ftfy.fix_text(text, _FTFY_CONFIG)
    text = _LINE_BREAKS.sub("\n", text)
    # ftfy can decode mojibake into more digits or invisibles, and removing an invisible can leave a
    # combining mark next to a new base letter: translate and compose once more.
    text = unicodedata.normalize("NFC", text.translate(_translation()))
    return _TRAILING_SPACE.sub("", text).strip()


def clean_text(text: str) -> str:
    """The text every later stage reads and every offset points into.

    Repairs mojibake, normalises to NFC, turns digits of any script into ASCII ("৬৬" -> "66"),
    every space character into " ", all line endings into "\\n", removes zero-width and other
    invisible characters and trailing spaces. Quotes and dashes are kept as written. Idempotent.
    """
    cleaned = _clean_once(text)
    # ftfy's repairs are heuristic: one repair can reveal another, so run to a fixed point.
    for _ in range(MAX_PASSES - 1):
        if cleaned == text:
            break
        text, cleaned = cleaned, _clean_once(cleaned)
    return cleaned
