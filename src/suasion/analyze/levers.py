"""Assigns each event its lever of influence (diplomatic, economic, ...) from the rules in levers.yaml."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from suasion import codebooks
from suasion.model import codes
from suasion.model.errors import SuasionError
from suasion.model.records import PLOVER_TYPES

LEVERS_FILE = "analysis/levers.yaml"
NO_CONTEXT = "none"


@dataclass(frozen=True, slots=True)
class Rule:
    lever: str
    types: frozenset[str] | None
    modes: frozenset[str] | None
    contexts: frozenset[str] | None  # canonical names, NO_CONTEXT for "the event has none"


@dataclass(frozen=True, slots=True)
class LeverBook:
    """The levers in file order (`other` last), the rules, and the score weights."""

    levers: tuple[str, ...]
    labels: dict[str, str]
    rules: tuple[Rule, ...]
    lever_weights: dict[str, float]
    direction_weights: dict[str, float]
    undirected_types: frozenset[str]
    prior: float


def _context_name(name: str) -> str:
    return codes.canonical_context(name) or name.strip().lower().replace("-", "_").replace(" ", "_")


@functools.lru_cache(maxsize=1)
def lever_book() -> LeverBook:
    """The lever definitions and score weights of levers.yaml (validated, cached)."""
    data = codebooks.load(LEVERS_FILE)

    def fail(detail: str) -> SuasionError:
        return SuasionError("E015", path=LEVERS_FILE, detail=detail)

    if not isinstance(data, dict) or not isinstance(data.get("levers"), dict):
        raise fail("expected a mapping with 'levers', 'rules' and 'score'")
    levers = [str(name) for name in data["levers"]]
    if "other" not in levers:
        raise fail("the lever 'other' (events no rule assigns) is missing")
    levers = [name for name in levers if name != "other"] + ["other"]
    rules = []
    for number, entry in enumerate(data.get("rules") or (), start=1):
        if not isinstance(entry, dict) or entry.get("lever") not in levers:
            raise fail(f"rule {number}: 'lever' must be one of {', '.join(levers)}")
        types = _names(entry.get("types"), str.upper)
        if types and not types <= set(PLOVER_TYPES):
            raise fail(f"rule {number}: unknown type(s) {sorted(types - set(PLOVER_TYPES))}")
        contexts = _names(entry.get("contexts"), lambda c: NO_CONTEXT if c == NO_CONTEXT else _context_name(c))
        modes = _names(entry.get("modes"), str.lower)
        rules.append(Rule(str(entry["lever"]), types, modes, contexts))
    score = data.get("score") or {}
    try:
        lever_weights = {name: float(score["lever_weights"][name]) for name in levers}
        direction_weights = {name: float(score["direction_weights"][name]) for name in ("outbound", "inbound")}
        prior = float(score["prior"])
    except (KeyError, TypeError, ValueError) as exc:
        raise fail(f"score: needs lever_weights for every lever, direction_weights and prior ({exc})") from exc
    if min(*lever_weights.values(), *direction_weights.values()) < 0 or prior <= 0:
        raise fail("score weights must not be negative and the prior must be positive")
    labels = {name: str((data["levers"][name] or {}).get("label", name)) for name in levers}
    return LeverBook(levers=tuple(levers), labels=labels, rules=tuple(rules), lever_weights=lever_weights,
                     direction_weights=direction_weights,
                     undirected_types=frozenset(str(t).upper() for t in score.get("undirected_types") or ()),
                     prior=prior)


def _names(values: Any, normalise: Any) -> frozenset[str] | None:
    if values is None:
        return None
    return frozenset(normalise(str(v)) for v in values)


def assign_levers(event_type: pa.ChunkedArray | pa.Array, mode: pa.ChunkedArray | pa.Array,
                  context: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """The lever of each event as an index into `lever_book().levers` (vectorised)."""
    book = lever_book()
    count = len(event_type)
    context_bits = {name: 1 << i for i, name in enumerate(sorted(
        {c for rule in book.rules for c in rule.contexts or () if c != NO_CONTEXT}))}
    has_context, masks = _context_masks(context, context_bits, count)
    type_words, types = _encoded(event_type)
    mode_words, modes = _encoded(mode)
    assigned = np.full(count, -1, dtype=np.int16)
    for rule in book.rules:
        matches = assigned < 0
        if rule.types is not None:
            matches &= _lookup(type_words, rule.types, str.upper)[types]
        if rule.modes is not None:
            matches &= _lookup(mode_words, rule.modes, str.lower)[modes]
        if rule.contexts is not None:
            bits = sum(context_bits[c] for c in rule.contexts if c != NO_CONTEXT)
            wanted = (masks & bits) != 0
            if NO_CONTEXT in rule.contexts:
                wanted |= ~has_context
            matches &= wanted
        assigned[matches] = book.levers.index(rule.lever)
    assigned[assigned < 0] = book.levers.index("other")
    return assigned


def _context_masks(context: pa.ChunkedArray | pa.Array, bits: dict[str, int],
                   count: int) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(context, pa.ChunkedArray):
        context = context.combine_chunks() if context.num_chunks else pa.array([], context.type)
    lengths = pc.fill_null(pc.list_value_length(context), 0).to_numpy(zero_copy_only=False)
    masks = np.zeros(count, dtype=np.int64)
    flat = pc.list_flatten(context)
    if len(flat):
        parents = pc.list_parent_indices(context).to_numpy(zero_copy_only=False)
        encoded = pc.dictionary_encode(flat)
        words = encoded.dictionary.to_pylist()
        word_bits = np.array([bits.get(_context_name(w) if w else "", 0) for w in words], dtype=np.int64)
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        np.bitwise_or.at(masks, parents, word_bits[indices])
    return lengths > 0, masks


def _encoded(values: pa.ChunkedArray | pa.Array) -> tuple[list[str], np.ndarray]:
    """The distinct strings and, per row, the index of its string (nulls read as "")."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
    encoded = pc.dictionary_encode(pc.fill_null(values.cast(pa.string()), ""))
    return encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False)


def _lookup(words: list[str], wanted: frozenset[str], normalise: Any) -> np.ndarray:
    return np.array([normalise(w) in wanted for w in words] or [False], dtype=bool)
