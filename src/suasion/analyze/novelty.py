"""Finds text cues that an act is a first after a long gap ("for the first time since 2014", "pela primeira vez desde")."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from suasion import codebooks
from suasion.analyze.quantities import fold_same_length
from suasion.model.errors import SuasionError

NOVELTY_FILE = "analysis/novelty.yaml"


@dataclass(frozen=True, slots=True)
class Cue:
    """A novelty phrase found in a sentence: the phrase as written, and the gap it states."""

    text: str
    since: int | None = None  # "since 2014"
    years: int | None = None  # "in 12 years", "in a decade" (10)


@functools.lru_cache(maxsize=1)
def _book() -> tuple[str, tuple[re.Pattern[str], ...], dict[str, int]]:
    data = codebooks.load(NOVELTY_FILE)
    try:
        prefilter = "(?i)" + "|".join(re.escape(str(w)) for w in data["prefilter"])
        patterns = tuple(re.compile(str(p), re.IGNORECASE)
                         for language in data["patterns"].values() for p in language)
        numbers = {str(k): int(v) for k, v in (data.get("numbers") or {}).items()}
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:
        raise SuasionError("E015", path=NOVELTY_FILE, detail=str(exc)) from exc
    return prefilter, patterns, numbers


def find_cue(sentence: str) -> Cue | None:
    """The first novelty cue of the sentence, or None."""
    _prefilter, patterns, numbers = _book()
    folded = fold_same_length(sentence)
    for pattern in patterns:
        match = pattern.search(folded)
        if match is None:
            continue
        groups = match.groupdict()
        since = int(groups["since"]) if groups.get("since") else None
        years = None
        if groups.get("years"):
            word = groups["years"]
            years = int(word) if word.isdigit() else numbers.get(word)
            if years is not None and (groups.get("unit") or "").startswith("deca"):
                years *= 10
        return Cue(text=sentence[match.start():match.end()], since=since, years=years)
    return None


def cue_candidates(sentences: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Positions of the sentences holding a cue word (a fast scan; the patterns decide)."""
    prefilter, _patterns, _numbers = _book()
    if len(sentences) == 0:
        return np.zeros(0, dtype=np.int64)
    candidates = pc.fill_null(pc.match_substring_regex(sentences, prefilter), False)
    return np.flatnonzero(candidates.to_numpy(zero_copy_only=False))


def find_cues(sentences: pa.Array | pa.ChunkedArray) -> dict[int, Cue]:
    """Row position -> cue for the sentences that have one.

    A fast scan keeps only the sentences with a cue word ("first", "primera", "primeira"); the
    patterns then run on those few.
    """
    positions = cue_candidates(sentences)
    found: dict[int, Cue] = {}
    for position, sentence in zip(positions.tolist(), pc.take(sentences, pa.array(positions)).to_pylist()):
        cue = find_cue(sentence or "")
        if cue is not None:
            found[position] = cue
    return found
