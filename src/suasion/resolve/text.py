"""Tokens with character offsets and the folded forms every lexicon lookup uses."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_TOKEN_RE = re.compile(
    r"""(?:[A-Za-z]{1,2}\.){2,}                     # U.S. / U.N. / EE.UU.
      | [^\W\d_]+(?:[-‐‑][^\W\d_]+)*(?:['’](?![sS]\b)[^\W\d_]+)?  # words, hyphenated words, O'Neil
      | ['’][sS]\b                                 # possessive 's
      | \d+(?:[.,]\d+)*                            # numbers
      | [^\w\s]                                    # punctuation
    """,
    re.VERBOSE,
)


@dataclass(slots=True)
class Token:
    """A token of a sentence: surface text, folded form and offsets into the sentence."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, accents stripped, typographic apostrophes and dashes unified."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def fold_phrase(text: str) -> tuple[str, ...]:
    """The folded token sequence a gazetteer phrase is keyed by."""
    return tuple(fold(m.group()) for m in _TOKEN_RE.finditer(text))
