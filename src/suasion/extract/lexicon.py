"""Compiles a language's event lexicon (triggers, embedding verbs, cues) into lookup tables."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
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
    object_actor: bool
    actor_words: tuple[str, ...]
    length: int  # tokens in the trigger phrase itself
    lemma: str
    priority: int = 0
    of_actor: bool = False  # a noun whose genitive names its actor ("la visita de Putin")


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
    genitive_preps: frozenset[str] = frozenset()
    pro_drop: bool = False
    report_verbs: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    backshifted_future: frozenset[str] = frozenset()
    location_preps: frozenset[str] = frozenset()
    negation_cancelers: frozenset[str] = frozenset()
    attributive_words: frozenset[str] = frozenset()
    hostile_preps: frozenset[str] = frozenset()
    ethnic_markers: frozenset[str] = frozenset()
    co_actor_markers: frozenset[str] = frozenset()
    answers_to_accuse: frozenset[str] = frozenset()
    answers_to_request: frozenset[str] = frozenset()
    answers_to_offer: frozenset[str] = frozenset()
    ethnic_heads: frozenset[str] = frozenset()
    act_nouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    reason_preps: frozenset[str] = frozenset()
    neighbour_nouns: frozenset[str] = frozenset()
    country_nouns: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    leader_bodies: frozenset[str] = frozenset()
    indefinite_articles: frozenset[str] = frozenset()
    leader_suffixes: tuple[str, ...] = ()
    source_nouns: frozenset[str] = frozenset()
    accented_preps: frozenset[str] = frozenset()  # compared unfolded: 'à' is 'a' + 'a'
    article_preps: frozenset[str] = frozenset()
    border_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Grammar:
        values: dict[str, Any] = {}
        for name in cls.__slots__:  # type: ignore[attr-defined]
            raw = data.get(name)
            if name in ("adjective_after_noun", "pro_drop"):
                values[name] = bool(raw)
            elif name == "accented_preps":
                values[name] = frozenset(str(w).lower() for w in raw or ())
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
    max_embedding_len: int = 1
    modality: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    neg_to_hyp: list[tuple[str, ...]] = field(default_factory=list)
    clause_breaks: frozenset[str] = frozenset()
    complementizers: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    pronouns: dict[str, str] = field(default_factory=dict)
    pair_phrases: list[tuple[str, ...]] = field(default_factory=list)
    region_anaphors: list[tuple[str, ...]] = field(default_factory=list)
    body_anaphors: list[tuple[str, ...]] = field(default_factory=list)
    contexts: dict[tuple[str, ...], str] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    verb_forms: frozenset[str] = frozenset()
    grammar: Grammar = field(default_factory=Grammar)
    # A verb form that carries its own modality ("visitará" -> future, "visitaría" -> hypothetical).
    form_modality: dict[str, str] = field(default_factory=dict)
    date_words: frozenset[str] = frozenset()  # every word of the `dates` section's expressions


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


def _tense_table(value: Any) -> dict[str, tuple[str, ...]]:
    """{tense: forms} from a list (tense unknown: "any") or a mapping of tense names to lists."""
    if isinstance(value, dict):
        return {str(tense): tuple(fold(str(f)) for f in forms or ())
                for tense, forms in value.items() if tense != "only"}
    return {"any": tuple(fold(str(f)) for f in value or ())}


@dataclass(frozen=True, slots=True)
class ParadigmInflector:
    """Verb forms from the suffix paradigms a lexicon declares (`inflection: {paradigms: ...}`).

    A lemma ending in a paradigm key (Spanish "ar", "er", "ir") is its stem plus every suffix of that
    paradigm. `irregular` adds forms to a lemma (or, with `only: true`, replaces its paradigm) and to
    the verbs derived from it by a prefix ("poner" -> "imponer", "impuso"), when the base is at least
    `derive_min` letters long: short bases ("ir", "dar") would match unrelated verbs.
    """

    paradigms: dict[str, dict[str, tuple[str, ...]]]
    irregular: dict[str, dict[str, tuple[str, ...]]]
    replaced: frozenset[str] = frozenset()
    clitics: tuple[str, ...] = ()
    clitic_tenses: frozenset[str] = frozenset()
    clitic_joiner: str = ""
    min_stem: int = 2
    derive_min: int = 5

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ParadigmInflector:
        irregular_data = data.get("irregular") or {}
        clitics = data.get("clitics") or {}
        return cls(
            paradigms={fold(str(k)): _tense_table(v) for k, v in (data.get("paradigms") or {}).items()},
            irregular={fold(str(k)): _tense_table(v) for k, v in irregular_data.items()},
            replaced=frozenset(fold(str(k)) for k, v in irregular_data.items()
                               if isinstance(v, dict) and v.get("only")),
            clitics=tuple(fold(str(p)) for p in clitics.get("pronouns", [])),
            clitic_tenses=frozenset(str(t) for t in clitics.get("attach_to", [])),
            clitic_joiner=str(clitics.get("joiner", "")),
            min_stem=int(data.get("min_stem", 2)), derive_min=int(data.get("derive_min", 5)),
        )

    def tenses(self, lemma: str) -> dict[str, set[str]]:
        """The forms of a lemma by tense (forms listed without a tense are under "any")."""
        lemma = fold(lemma)
        table: dict[str, set[str]] = {"infinitive": {lemma}}
        base = self._irregular_base(lemma)
        prefix = lemma[:len(lemma) - len(base)] if base else ""
        if base is None or base not in self.replaced:
            ending = max((k for k in self.paradigms if lemma.endswith(k) and len(lemma) - len(k) >= self.min_stem),
                         key=len, default=None)
            if ending is not None:
                stem = lemma[:len(lemma) - len(ending)]
                for tense, suffixes in self.paradigms[ending].items():
                    table.setdefault(tense, set()).update(stem + s for s in suffixes)
        if base is not None:
            for tense, forms in self.irregular[base].items():
                table.setdefault(tense, set()).update(prefix + f for f in forms)
        return table

    def _irregular_base(self, lemma: str) -> str | None:
        if lemma in self.irregular:
            return lemma
        return max((k for k in self.irregular if len(k) >= self.derive_min and lemma.endswith(k)),
                   key=len, default=None)

    def attach(self, table: dict[str, set[str]], pronouns: tuple[str, ...] | frozenset[str]) -> set[str]:
        """Forms with a pronoun attached ("reunirse", "reuniu-se", "felicitarlo")."""
        return {form + self.clitic_joiner + pronoun for tense in self.clitic_tenses
                for form in table.get(tense, ()) for pronoun in pronouns}

    def __call__(self, lemma: str) -> set[str]:
        table = self.tenses(lemma)
        return set().union(*table.values()) | self.attach(table, self.clitics)


def _phrases(values: Any) -> list[tuple[str, ...]]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [fold_phrase(str(v)) for v in values if fold_phrase(str(v))]


class _VerbCompiler:
    """Turns verb lemmas (possibly multi-word or reflexive) into the token sequences that match them."""

    def __init__(self, data: dict[str, Any]) -> None:
        spec = data.get("inflection", "")
        grammar = data.get("grammar") or {}
        self.paradigm = ParadigmInflector.from_data(spec) if isinstance(spec, dict) else None
        self.inflect = self.paradigm or INFLECTORS.get(str(spec), lambda w: {w})
        self.reflexives = tuple(fold(str(w)) for w in grammar.get("reflexive_pronouns", []))
        self.perfect_aux = tuple(fold(str(w)) for w in grammar.get("perfect_aux", []))
        roles = (spec.get("tenses") if isinstance(spec, dict) else None) or {}
        self.roles = {str(role): tuple(str(t) for t in tenses) for role, tenses in roles.items()}
        self.forms_by_role: dict[str, set[str]] = {}
        self.verb_tokens: set[str] = set()

    def phrases(self, lemma: str, extra_forms: list[str] | None = None) -> list[tuple[str, ...]]:
        """All inflected token sequences of a lemma: 'call on' -> 'called on'; 'reunirse con' ->
        'se reunió con', 'reunirse con', 'se han reunido con'; 'reunir-se' -> 'reuniu-se'."""
        words = fold_phrase(lemma)
        if not words:
            return []
        head, rest = words[0], words[1:]
        extra = {fold(f) for f in extra_forms or () if " " not in f}
        base = self._reflexive_base(head)
        if base is None:
            heads = self._forms(head) | extra
            self.verb_tokens.update(heads)
            return [(h, *rest) for h in sorted(heads)]
        assert self.paradigm is not None
        table = self.paradigm.tenses(base)
        forms = set().union(*table.values()) | extra
        attached = self.paradigm.attach(table, self.reflexives)
        self._record_roles(table)
        self.verb_tokens.update(forms | attached)
        participles = {f for t in self.roles.get("participle", ()) for f in table.get(t, ())}
        found = {(f, *rest) for f in attached}
        for pronoun in self.reflexives:
            found.update((pronoun, f, *rest) for f in forms)
            found.update((pronoun, aux, p, *rest) for aux in self.perfect_aux for p in participles)
            found.update((aux, pronoun, p, *rest) for aux in self.perfect_aux for p in participles)
        return sorted(found)

    def _reflexive_base(self, head: str) -> str | None:
        """The verb of a reflexive lemma ('reunirse' -> 'reunir'), when the lexicon has paradigms."""
        if self.paradigm is None:
            return None
        for pronoun in self.reflexives:
            suffix = self.paradigm.clitic_joiner + pronoun
            if head.endswith(suffix) and len(head) > len(suffix) + 2:
                base = head[:-len(suffix)]
                if any(base.endswith(k) for k in self.paradigm.paradigms) or base in self.paradigm.irregular:
                    return base
        return None

    def _forms(self, head: str) -> set[str]:
        if self.paradigm is None:
            return set(self.inflect(head))
        table = self.paradigm.tenses(head)
        self._record_roles(table)
        return set().union(*table.values()) | self.paradigm.attach(table, self.paradigm.clitics)

    def _record_roles(self, table: dict[str, set[str]]) -> None:
        for role, tenses in self.roles.items():
            self.forms_by_role.setdefault(role, set()).update(f for t in tenses for f in table.get(t, ()))


@functools.lru_cache(maxsize=None)
def lexicon_for(language: str) -> Lexicon:
    """The compiled lexicon of a language (cached; read-only)."""
    try:
        data = load(f"lexicon/{language}.yaml")
    except SuasionError:
        raise
    except FileNotFoundError as exc:  # pragma: no cover - guarded by SUPPORTED_LANGUAGES
        raise SuasionError("E012", name="language", value=language, detail="no lexicon") from exc
    return compile_lexicon(data, language)


def compile_lexicon(data: dict[str, Any], language: str | None = None) -> Lexicon:
    """Lookup tables from a lexicon's data (the parsed YAML of codebooks/lexicon/<language>.yaml)."""
    verbs = _VerbCompiler(data)
    lex = Lexicon(language=language or str(data.get("language", "")))
    for entry in data.get("triggers", []):
        nominal = "n" in entry
        lemmas = entry.get("n") if nominal else entry.get("v")
        reading = Trigger(
            type=entry["type"], mode=entry.get("mode"), contexts=tuple(entry.get("ctx", [])),
            with_words=tuple(_phrases(entry.get("with"))), no_words=tuple(_phrases(entry.get("no"))),
            preps=tuple(fold(p) for p in entry.get("prep", [])), nominal=nominal,
            self_ok=bool(entry.get("self")), host=bool(entry.get("host")),
            requires_negation=bool(entry.get("requires_negation")),
            requires_conditional=bool(entry.get("requires_conditional")),
            modal_request=bool(entry.get("modal_request")), alleges=bool(entry.get("alleges")),
            object_actor=bool(entry.get("object_actor")),
            actor_words=tuple(fold(w) for w in entry.get("actor_words", [])),
            length=0, lemma="", priority=int(entry.get("priority", 0)),
            of_actor=bool(entry.get("of_actor")),
        )
        for lemma in lemmas if isinstance(lemmas, list) else [lemmas]:
            phrases = _phrases([lemma]) if nominal else verbs.phrases(str(lemma), entry.get("forms", []))
            by_length: dict[int, Trigger] = {}  # inflected forms of one lemma share their reading
            for phrase in phrases:
                trig = by_length.get(len(phrase))
                if trig is None:
                    trig = by_length[len(phrase)] = replace(reading, length=len(phrase), lemma=str(lemma))
                lex.triggers.setdefault(phrase, []).append(trig)
                lex.max_trigger_len = max(lex.max_trigger_len, len(phrase))
    for kind, lemmas in (data.get("embedding") or {}).items():
        for lemma in lemmas:
            for phrase in verbs.phrases(str(lemma)):
                lex.embedding[phrase] = kind
                lex.max_embedding_len = max(lex.max_embedding_len, len(phrase))
    lex.verb_forms = frozenset(verbs.verb_tokens)
    modality = data.get("modality") or {}
    for kind in ("future", "hypothetical", "negated"):
        lex.modality[kind] = _phrases(modality.get(kind))
    lex.neg_to_hyp = [p for lemma in modality.get("negation_to_hypothetical", [])
                      for p in verbs.phrases(str(lemma))]
    lex.clause_breaks = frozenset(fold(w) for w in data.get("clause_breaks", []))
    lex.complementizers = frozenset(fold(w) for w in data.get("complementizers", []))
    lex.conjunctions = frozenset(fold(w) for w in data.get("conjunctions", []))
    lex.determiners = frozenset(fold(w) for w in data.get("determiners", []))
    lex.modifiers = frozenset(fold(w) for w in data.get("phrase_modifiers", []))
    for kind, words in (data.get("pronouns") or {}).items():
        for word in words:
            lex.pronouns[fold(word)] = kind
    lex.pair_phrases = _phrases(data.get("pair_phrases"))
    lex.region_anaphors = _phrases(data.get("region_anaphors"))
    lex.body_anaphors = _phrases(data.get("body_anaphors"))
    for context, words in (data.get("contexts") or {}).items():
        for phrase in _phrases(words):
            lex.contexts.setdefault(phrase, context)
    lex.dates = data.get("dates") or {}
    lex.date_words = frozenset(word for value in lex.dates.values()
                               for key in (value if isinstance(value, (dict, list)) else ())
                               for word in fold_phrase(str(key)))
    grammar = Grammar.from_data(data.get("grammar") or {})
    roles = verbs.forms_by_role
    lex.grammar = replace(grammar, irregular_past=grammar.irregular_past | frozenset(roles.get("past", ())),
                          irregular_participles=grammar.irregular_participles
                          | frozenset(roles.get("participle", ())))
    for modality_kind in ("future", "hypothetical", "present"):
        for form in roles.get(modality_kind, ()):
            lex.form_modality.setdefault(form, modality_kind)
    # A generated form that spells a function word ("pôr" -> "por", "entrar" -> "entre") must not
    # make that word a verb.
    closed = function_words(lex)
    lex.verb_forms -= closed
    for phrase in [p for p in lex.triggers if len(p) == 1 and p[0] in closed]:
        kept = [trig for trig in lex.triggers[phrase] if trig.nominal]
        if kept:
            lex.triggers[phrase] = kept
        else:
            del lex.triggers[phrase]
    lex.date_words -= closed
    return lex


def function_words(lex: Lexicon) -> frozenset[str]:
    """The closed-class words of a lexicon (articles, prepositions, conjunctions, pronouns, ...)."""
    g = lex.grammar
    return (lex.determiners | lex.conjunctions | lex.complementizers | lex.clause_breaks | g.prepositions
            | g.reflexive_pronouns | frozenset(lex.pronouns))
