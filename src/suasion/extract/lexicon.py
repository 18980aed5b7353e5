"""Compiles a language's event lexicon (triggers, embedding verbs, cues) into lookup tables."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from suasion.codebooks import load
from suasion.model.errors import SuasionError
from suasion.resolve.text import fold, fold_phrase

SUPPORTED_LANGUAGES = ("en", "es", "pt")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One reading of a trigger word: the event it signals and what must surround it."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    with_words: tuple[tuple[str, ...], ...]
    no_words: tuple[tuple[str, ...], ...]
    preps: tuple[str, ...]
    nominal: bool
    self_ok: bool
    host: bool
    requires_negation: bool
    requires_conditional: bool
    modal_request: bool
    alleges: bool
    actor_words: tuple[str, ...]
    length: int  # tokens in the trigger phrase itself
    lemma: str
    priority: int = 0


@dataclass(frozen=True, slots=True)
class Grammar:
    """Function words and word shapes of a language (see the `grammar` section of its lexicon)."""

    be_forms: frozenset[str] = frozenset()
    perfect_aux: frozenset[str] = frozenset()
    present_aux: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    conditionals: frozenset[str] = frozenset()
    infinitive_marker: frozenset[str] = frozenset()
    passive_agents: frozenset[str] = frozenset()
    source_markers: frozenset[str] = frozenset()
    possessive_markers: frozenset[str] = frozenset()
    possessive_pronouns: frozenset[str] = frozenset()
    relative_words: frozenset[str] = frozenset()
    past_suffixes: tuple[str, ...] = ()
    gerund_suffixes: tuple[str, ...] = ()
    adverb_suffixes: tuple[str, ...] = ()
    adjective_after_noun: bool = False
    irregular_past: frozenset[str] = frozenset()
    irregular_participles: frozenset[str] = frozenset()
    verb_lead: frozenset[str] = frozenset()
    adjectival_participles: frozenset[str] = frozenset()
    light_words: frozenset[str] = frozenset()
    date_adverbs: frozenset[str] = frozenset()
    nominal_modifiers: frozenset[str] = frozenset()
    non_recipient_preps: frozenset[str] = frozenset()
    hypothetical_frames: frozenset[str] = frozenset()
    ruleout_negators: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    attaching_preps: frozenset[str] = frozenset()
    partitive_preps: frozenset[str] = frozenset()
    infinitive_suffixes: tuple[str, ...] = ()
    reflexive_pronouns: frozenset[str] = frozenset()
    pro_drop: bool = False
    report_verbs: frozenset[str] = frozenset()
    negation_cancelers: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Grammar:
        values: dict[str, Any] = {}
        for name in cls.__slots__:  # type: ignore[attr-defined]
            raw = data.get(name)
            if name in ("adjective_after_noun", "pro_drop"):
                values[name] = bool(raw)
            elif name.endswith("_suffixes"):
                values[name] = tuple(str(w) for w in raw or ())
            else:
                values[name] = frozenset(fold(str(w)) for w in raw or ())
        return cls(**values)

    def is_past(self, word: str) -> bool:
        return word.endswith(self.past_suffixes) if self.past_suffixes else False

    def is_gerund(self, word: str) -> bool:
        return word.endswith(self.gerund_suffixes) if self.gerund_suffixes else False

    def is_adverb(self, word: str) -> bool:
        return word.endswith(self.adverb_suffixes) if self.adverb_suffixes else False

    def is_infinitive(self, word: str) -> bool:
        return word.endswith(self.infinitive_suffixes) if self.infinitive_suffixes else False


@dataclass(slots=True)
class Lexicon:
    """Lookup tables for one language."""

    language: str
    triggers: dict[tuple[str, ...], list[Trigger]] = field(default_factory=dict)
    max_trigger_len: int = 1
    embedding: dict[tuple[str, ...], str] = field(default_factory=dict)
    modality: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    neg_to_hyp: list[tuple[str, ...]] = field(default_factory=list)
    clause_breaks: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    pronouns: dict[str, str] = field(default_factory=dict)
    pair_phrases: list[tuple[str, ...]] = field(default_factory=list)
    contexts: dict[tuple[str, ...], str] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    verb_forms: frozenset[str] = frozenset()
    grammar: Grammar = field(default_factory=Grammar)
    # A verb form that carries its own modality ("visitará" -> future, "visitaría" -> hypothetical).
    form_modality: dict[str, str] = field(default_factory=dict)


def inflect_en(lemma: str) -> set[str]:
    """Regular English verb forms; doubled-consonant variants are generated too (harmless extras)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


INFLECTORS = {"en": inflect_en}


def _phrases(values: Any) -> list[tuple[str, ...]]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [fold_phrase(str(v)) for v in values if fold_phrase(str(v))]


def _verb_phrases(lemma: str, inflect: Any, extra_forms: list[str]) -> list[tuple[str, ...]]:
    """All inflected token sequences of a (possibly multi-word) verb lemma: 'call on' -> 'called on'."""
    words = fold_phrase(lemma)
    if not words:
        return []
    head, rest = words[0], words[1:]
    heads = set(inflect(head)) | {fold(f) for f in extra_forms if " " not in f}
    return [(h, *rest) for h in sorted(heads)]


@functools.lru_cache(maxsize=None)
def lexicon_for(language: str) -> Lexicon:
    """The compiled lexicon of a language (cached; read-only)."""
    try:
        data = load(f"lexicon/{language}.yaml")
    except SuasionError:
        raise
    except FileNotFoundError as exc:  # pragma: no cover - guarded by SUPPORTED_LANGUAGES
        raise SuasionError("E012", name="language", value=language, detail="no lexicon") from exc
    inflect = INFLECTORS.get(data.get("inflection", ""), lambda w: {w})
    lex = Lexicon(language=language)
    verb_forms: set[str] = set()
    for entry in data.get("triggers", []):
        nominal = "n" in entry
        lemmas = entry.get("n") if nominal else entry.get("v")
        for lemma in lemmas if isinstance(lemmas, list) else [lemmas]:
            phrases = _phrases([lemma]) if nominal else _verb_phrases(lemma, inflect, entry.get("forms", []))
            for phrase in phrases:
                trig = Trigger(
                    type=entry["type"], mode=entry.get("mode"), contexts=tuple(entry.get("ctx", [])),
                    with_words=tuple(_phrases(entry.get("with"))), no_words=tuple(_phrases(entry.get("no"))),
                    preps=tuple(fold(p) for p in entry.get("prep", [])), nominal=nominal,
                    self_ok=bool(entry.get("self")), host=bool(entry.get("host")),
                    requires_negation=bool(entry.get("requires_negation")),
                    requires_conditional=bool(entry.get("requires_conditional")),
                    modal_request=bool(entry.get("modal_request")), alleges=bool(entry.get("alleges")),
                    actor_words=tuple(fold(w) for w in entry.get("actor_words", [])),
                    length=len(phrase), lemma=str(lemma), priority=int(entry.get("priority", 0)),
                )
                lex.triggers.setdefault(phrase, []).append(trig)
                lex.max_trigger_len = max(lex.max_trigger_len, len(phrase))
                if not nominal:
                    verb_forms.add(phrase[0])
    for kind, lemmas in (data.get("embedding") or {}).items():
        for lemma in lemmas:
            for phrase in _verb_phrases(lemma, inflect, []):
                lex.embedding[phrase] = kind
                verb_forms.add(phrase[0])
    modality = data.get("modality") or {}
    for kind in ("future", "hypothetical", "negated"):
        lex.modality[kind] = _phrases(modality.get(kind))
    lex.neg_to_hyp = [p for lemma in modality.get("negation_to_hypothetical", [])
                      for p in _verb_phrases(lemma, inflect, [])]
    lex.clause_breaks = frozenset(fold(w) for w in data.get("clause_breaks", []))
    lex.complementizers = frozenset(fold(w) for w in data.get("complementizers", []))
    lex.conjunctions = frozenset(fold(w) for w in data.get("conjunctions", []))
    lex.determiners = frozenset(fold(w) for w in data.get("determiners", []))
    lex.modifiers = frozenset(fold(w) for w in data.get("phrase_modifiers", []))
    for kind, words in (data.get("pronouns") or {}).items():
        for word in words:
            lex.pronouns[fold(word)] = kind
    lex.pair_phrases = _phrases(data.get("pair_phrases"))
    for context, words in (data.get("contexts") or {}).items():
        for phrase in _phrases(words):
            lex.contexts.setdefault(phrase, context)
    lex.dates = data.get("dates") or {}
    lex.verb_forms = frozenset(verb_forms)
    lex.grammar = Grammar.from_data(data.get("grammar") or {})
    return lex
