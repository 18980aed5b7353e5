"""The event coder: sentences of a document in, PLOVER event records out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from suasion import __version__
from suasion.extract.lexicon import SUPPORTED_LANGUAGES, Lexicon, Trigger, lexicon_for
from suasion.extract.phrases import Mention, chunk
from suasion.model import codes
from suasion.model.records import Actor, Document, Event, Sentence, event_id
from suasion.resolve.actors import ActorResolver, Resolution, default_resolver
from suasion.resolve.dates import find_dates, parse_pub_date, pub_date_as
from suasion.resolve.text import Token, fold, tokenize

CODER = f"suasion-rules@{__version__}"
VIOLENT = frozenset({"ASSAULT", "COERCE"})
GROUP_ACTORS = frozenset({"LAM", "SAM", "AFR", "WST"})
DOMESTIC_SECTORS = frozenset({"REB", "OPP", "CVL", "PTY", "JRN", "BUS", "UNK"})
THREAT_ACTS = frozenset({"PROTEST", "REJECT", "ASSAULT", "COERCE"})
ACT_ON_ACTS = frozenset({"REQUEST", "ACCUSE"})  # their object is often another's act ("the attack by X")
SIDE_SECTORS = frozenset({"GOV", "OPP", "REB"})  # the sides of a state's internal talks
# With no target named, these acts aim at the actor's last counterpart in the story, or answer
# another party's last deed when their object names one ("welcomed the decision")
DYAD_CARRIED = frozenset({"THREATEN", "SANCTION", "AGREE", "REJECT", "ACCUSE", "REQUEST", "SUPPORT"})
VERBAL_REACTIONS = frozenset({"ACCUSE", "SUPPORT", "REQUEST", "THREATEN", "PROTEST", "REJECT"})
HOSTILE = frozenset({"ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
COERCIVE = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST", "REJECT", "RETREAT"})
PROMISABLE = frozenset({"SUPPORT", "AID", "RETREAT", "CONCEDE"})
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
TAKES_COMPLEMENT_SUBJECT = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
@dataclass(slots=True)
class Found:
    """A trigger occurrence in a sentence with its chosen reading."""

    start: int
    end: int  # end of the trigger phrase
    span_end: int  # end of the trigger plus its required words
    trigger: Trigger
    suppressed: bool = False
    modality: str | None = None
    type_override: str | None = None
    recipient_from: int | None = None  # take the recipient after this token index
    previous: Found | None = None  # the verbal trigger before this one in the sentence
    actors: list | None = None  # the actors chosen for this trigger
    owned: bool = False  # a nominal trigger with a possessive owner ("their withdrawal")
    domestic: bool = False  # the act may fall on the actor's own country (a curfew, an arrest)
    purpose_object: Mention | None = None  # "contacted X to express concerns": X, the act's target


@dataclass(slots=True)
class DocumentState:
    """What the coder remembers while reading one document (for pronouns and elided actors)."""

    pub_date: str | None
    persons: list[tuple[int, Resolution]] = field(default_factory=list)  # (sentence index, resolution)
    things: list[Resolution] = field(default_factory=list)
    groups: list[Resolution] = field(default_factory=list)
    recent_people: list[str] = field(default_factory=list)
    last_sentence_persons: list[Resolution] = field(default_factory=list)
    last_subject: Resolution | None = None
    known_names: dict = field(default_factory=dict)  # folded name word -> Person met in the document
    parties: list[Resolution] = field(default_factory=list)  # every coded person, state or body, in order
    acts: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (type, actor, recipient)


class EventCoder:
    """Codes events from sentences; holds only read-only lexicons and the actor resolver."""

    def __init__(self, resolver: ActorResolver | None = None) -> None:
        self.resolver = resolver or default_resolver()
        self._sentence_mentions: list[Mention] = []  # the sentence being coded (for quote speakers)
        self._adjectives: frozenset[str] = frozenset()
        self._inside: set[int] = set()
        self._found: list[Found] = []
        self._capitalized: frozenset[int] = frozenset()
        self._lemmas: dict[str, str] = {}  # event id -> the word that reported it (for deduplication)
        self._language = "en"

    # -- public API -----------------------------------------------------------------------------
    def code_document(self, doc: Document, sentences: list[Sentence]) -> list[Event]:
        state = DocumentState(doc.date)
        self._lemmas = {}
        events: list[Event] = []
        for sentence in sentences:
            if sentence.skip:
                continue
            language = sentence.language if sentence.language in SUPPORTED_LANGUAGES else "en"
            events.extend(self.code_sentence(doc, sentence, state, lexicon_for(language)))
        return deduplicate(events, self._lemmas)

    def code_batch(self, batch: Iterable[tuple[Document, list[Sentence]]]) -> list[list[Event]]:
        return [self.code_document(doc, sentences) for doc, sentences in batch]

    # -- one sentence ---------------------------------------------------------------------------
    def code_sentence(self, doc: Document, sentence: Sentence, state: DocumentState,
                      lex: Lexicon) -> list[Event]:
        tokens = tokenize(sentence.text)
        if not tokens:
            return []
        mentions = chunk(tokens, sentence.text, self.resolver, lex, lex.language, state.known_names)
        dateline = _dateline_end(tokens)
        if dateline:
            # "MOSCOW — ...": the dateline names where the story was filed, not an actor
            mentions = [m for m in mentions if m.start >= dateline]
        self._sentence_mentions, self._language = mentions, lex.language
        self._resolve_mentions(mentions, tokens, state, sentence.index)
        self._owned_by_pronoun(mentions)
        found = self._find_triggers(tokens, mentions, lex)
        self._found = found
        self._apply_embedding(found, tokens, lex)
        for item in found:
            # "threatened to institute a curfew", "declined to resign": a threat or a refusal of a
            # domestic act is domestic too
            item.domestic = item.trigger.self_ok or item.trigger.type in ("THREATEN", "REJECT") and any(
                other.suppressed and other.trigger.self_ok and other.start > item.start for other in found)
        norms = [t.norm for t in tokens]
        events: list[Event] = []
        previous: Found | None = None
        for item in found:
            if item.suppressed:
                continue
            if previous is not None and _purpose_infinitive(norms, item, previous, lex):
                continue
            if previous is not None and not previous.trigger.nominal and not item.trigger.nominal:
                item.previous = previous
            events.extend(self._events_for(item, tokens, mentions, sentence, doc, state, lex))
            previous = item
        self._remember(mentions, state, sentence.index)
        return events

    # -- mentions -------------------------------------------------------------------------------
    def _resolve_mentions(self, mentions: list[Mention], tokens: list[Token], state: DocumentState,
                          sentence_index: int) -> None:
        for mention in mentions:
            if not mention.pronoun:
                mention.resolution = self.resolver.resolve_parts(
                    mention.parts, state.pub_date, mention.text, state.recent_people)
        lex = lexicon_for(self._language)
        for pos, mention in enumerate(mentions):
            if mention.pronoun:
                self._resolve_pronoun(mention, mentions[:pos], state, tokens)
                continue
            res = mention.resolution
            people_of = _people_of_place(mention, mentions[pos + 1:pos + 2], tokens, lex)
            if people_of is not None:
                # "the Albanians of southern Serbia": a people, coded by the state it lives in
                res.actor.code, res.actor.sector, res.kind = people_of, "CVL", "group"
                res.reasons.append(f"people of a place -> {people_of}")
            elif _ethnic(mention, tokens, lex):
                # "ethnic Albanians demonstrated in Serbia": a people, coded by the state it lives in
                res.actor.code, res.actor.sector, res.kind = None, "CVL", "group"
                res.reasons.append("an ethnic group: coded by where it lives")
                mention.ethnic = True
            holder = self._recent_holder(mention, state) if res.actor.code is None and res.kind == "person" else None
            if holder is not None:
                # "the president left for the Emirates": the president the story has been about
                mention.resolution = _copy(holder, mention.text, confidence=min(holder.confidence, 0.7))
                continue
            if res.actor.code is None and res.actor.sector and res.kind in ("group", "person"):
                # "the ministry", "the president": the country comes from a coordinated phrase ("the
                # Venezuelan government and opposition"), the discourse, else from a
                # place named later in the sentence ("President X declared a curfew in Abidjan").
                partner = next((m.resolution for m in mentions[:pos] if m.group == mention.group and m.resolution
                                and m.resolution.actor.code and not m.borrowed and not m.pronoun
                                and m.resolution.kind in ("group", "state")), None)
                ref = partner or self._discourse_state(mentions[:pos], state) or self._discourse_state(
                    [m for m in reversed(mentions[pos + 1:]) if m.after_prep is not None], DocumentState(None))
                if ref is not None:
                    mention.borrowed = not mention.ethnic  # where a people lives is no guess
                    res.actor.code = ref.actor.code
                    res.confidence = min(res.confidence, 0.55)
                    res.reasons.append(f"country from discourse -> {ref.actor.code}")

    def _recent_holder(self, mention: Mention, state: DocumentState) -> Resolution | None:
        """The person recently named in the document who holds the bare title on the document's date."""
        title = next((p.term for p in mention.parts if p.kind == "title" and p.term is not None), None)
        if title is None or not title.ref or len(mention.parts) > 1:
            return None
        # the previous subject first ("Lula met Xi ... The president left": Lula), then the latest named
        recent = [state.last_subject] if state.last_subject is not None else []
        recent += [res for _index, res in reversed(state.persons[-12:])]
        for res in recent:
            if res.person_id and res.actor.code and any(
                    h.id == res.person_id for h in self.resolver.title_holders(res.actor.code, title.ref,
                                                                              state.pub_date)):
                return res
        return None

    @staticmethod
    def _owned_by_pronoun(mentions: list[Mention]) -> None:
        """'his government', 'its army', 'Maduro's government and the opposition': the owner's
        country, not the discourse's (and so for the phrases coordinated with the owned one)."""
        for left, right in zip(mentions, mentions[1:]):
            if left.possessive and right.start == left.end + (0 if left.pronoun else 1) and right.resolution \
                    and (left.pronoun or left.resolution and left.resolution.kind in ("person", "state")) \
                    and (right.resolution.actor.code is None or right.borrowed) and left.resolution \
                    and left.resolution.actor.code and not right.kinds() & {"country", "person", "org"}:
                code = left.resolution.actor.code
                for other in mentions:
                    if other is right or other.group == right.group and other.borrowed and other.resolution:
                        other.resolution.actor.code = code
                        other.borrowed = False
                right.owned = True

    def _discourse_state(self, earlier: list[Mention], state: DocumentState) -> Resolution | None:
        for mention in reversed(earlier):
            if mention.resolution and mention.resolution.actor.code and mention.resolution.kind == "state":
                return mention.resolution
        return state.things[-1] if state.things else None

    def _resolve_pronoun(self, mention: Mention, earlier: list[Mention], state: DocumentState,
                         tokens: list[Token]) -> None:
        kind = mention.pronoun
        target: Resolution | None = None
        subject = state.last_subject
        if not earlier and subject is not None and kind in ("thing", "group") and (
                subject.kind in ("state", "org") or kind == "group" and subject.kind == "group"
                or kind == "thing" and subject.kind == "group" and not subject.plural
                and subject.actor.code not in GROUP_ACTORS):  # "the ministry said ... It called on"
            # A sentence-initial "It"/"They" continues the previous sentence's subject.
            target = subject
        elif kind == "person":
            # a title whose country is only a guess is no antecedent ("la fiscal general de su país")
            same = [m.resolution for m in earlier if m.resolution and m.resolution.kind == "person"
                    and m.resolution.actor.code and not m.borrowed]
            if mention.start == 0 or (not same and state.last_sentence_persons):
                # A sentence-initial "He" (or a "his" with no person before it in the sentence)
                # continues the previous sentence's subject.
                target = state.last_sentence_persons[0] if state.last_sentence_persons else None
            if target is None and same:
                # "Fernández told Putin that his country ...": the teller is meant
                target = self._teller(mention, [m for m in earlier if m.resolution and m.resolution.kind == "person"
                                                and m.resolution.actor.code and not m.pronoun], tokens) or same[-1]
            if target is None and state.persons:
                # a named person recently mentioned beats a bare title ("the new president")
                recent = [(i, r) for i, r in state.persons if r.person_id]
                named = recent[-1] if recent else None
                last_index, last = state.persons[-1]
                target = named[1] if named and not last.person_id and last_index - named[0] <= 3 else last
        elif kind == "thing":
            # "it"/"its" is singular: not a member of "France and Germany"
            groups: dict[int, int] = {}
            for m in earlier:
                groups[m.group] = groups.get(m.group, 0) + 1
            same = [m.resolution for m in earlier if m.resolution and (
                        m.resolution.kind in ("state", "org") or m.pronoun == "region")
                    and groups.get(m.group, 0) < 2]
            # Without a candidate in the sentence, the previous sentence's subject is the most
            # salient referent: "Wagner has been accused of abuses in Libya. France objected to
            # its mercenaries" is Wagner's, not Libya's.
            salient = subject if subject is not None and subject.kind in ("state", "org") else None
            # "Argentina told the BRICS countries that it will not join": the teller is meant
            target = self._teller(mention, [m for m in earlier if m.resolution and m.resolution.kind in ("state", "org")
                                            and groups.get(m.group, 0) < 2 and not m.pronoun], tokens) or (
                same[-1] if same else (salient or (state.things[-1] if state.things else None)))
        elif kind == "group":
            same = [m.resolution for m in earlier if m.resolution and m.resolution.actor.code
                    and m.resolution.kind in ("group", "state", "org")]
            target = same[-1] if same else (state.groups[-1] if state.groups else (
                state.things[-1] if state.things else None))
        elif kind == "we":
            target = self._speaker(mention, tokens, state, self._sentence_mentions, lexicon_for(self._language))
        elif kind == "country":
            # "his country": the state of whoever "his" refers to
            lex = lexicon_for(self._language)
            owner = Mention(mention.start, mention.start + 1, [], pronoun=lex.pronouns.get(tokens[mention.start].norm))
            self._resolve_pronoun(owner, earlier, state, tokens)
            if owner.resolution is not None and owner.resolution.actor.code:
                code = owner.resolution.actor.code
                target = Resolution(Actor(code, "GOV", None, mention.text), owner.resolution.confidence,
                                    kind="state", reasons=[f"the country of {owner.resolution.actor.text!r}"])
        elif kind == "neighbour":
            # "Serbia protested to Albania, charging its neighbour": the other state last named
            subjects = [m.resolution for m in earlier if m.resolution and m.after_prep is None and not m.pronoun]
            owner = subjects[-1].actor.code if subjects else subject.actor.code if subject is not None else None
            named = [m.resolution for m in earlier if m.resolution and m.resolution.kind == "state"
                     and not m.pronoun]
            target = next((r for r in [*reversed(named), *reversed(state.things)]
                           if r.actor.code and r.actor.code != owner), None)
        elif kind == "body":
            # "the bloc": the organisation last named
            bodies = [m.resolution for m in earlier if m.resolution and m.resolution.kind == "org"
                      and m.resolution.actor.sector == "IGO"]
            target = bodies[-1] if bodies else next(
                (r for r in reversed(state.things) if r.kind == "org" and r.actor.sector == "IGO"), None)
        elif kind == "region":
            # "the region": the group of states last named ("Latin America")
            regions = [m.resolution for m in earlier if m.resolution and m.resolution.kind == "group"
                       and m.resolution.actor.code in GROUP_ACTORS]
            target = regions[-1] if regions else next(
                (r for r in reversed(state.groups) if r.actor.code in GROUP_ACTORS), None)
        elif kind == "pair":
            # "the two presidents" are people; "the two governments/countries" may be named as states
            states = not any(w in tokens[mention.end - 1].norm for w in ("president", "leader", "minister"))
            people = list(state.parties[-8:]) if states else [r for _, r in state.persons[-6:]]
            people += [m.resolution for m in earlier if m.resolution and m.resolution.actor.code
                       and (m.resolution.kind == "person" or states and m.resolution.kind in ("state", "org"))]
            # "the two sides" of domestic talks may share a state: government and opposition
            sides = states and "sides" in tokens[mention.end - 1].norm
            distinct: list[Resolution] = []
            for res in reversed(people):
                if sides and res.kind == "group" and res.actor.sector not in SIDE_SECTORS:
                    continue
                if res.actor.code and all(res.actor.code != d.actor.code or sides and res.kind == d.kind == "group"
                                          and res.actor.sector != d.actor.sector for d in distinct):
                    distinct.append(res)
                if len(distinct) == 2:
                    break
            if len(distinct) == 2:
                target = distinct[1]
                mention.extra = [_copy(distinct[0], mention.text)]
        if target is not None:
            mention.resolution = _copy(target, mention.text, confidence=min(target.confidence, 0.7))

    def _teller(self, pronoun: Mention, candidates: list[Mention], tokens: list[Token]) -> Resolution | None:
        """In a clause reported after 'X told Y that ...', the pronoun means the subject X."""
        complementizers = lexicon_for(self._language).complementizers
        if len(candidates) >= 2 and candidates[0].after_prep is None and any(
                tokens[k].norm in complementizers for k in range(candidates[-1].end, pronoun.start)):
            return candidates[0].resolution
        return None

    def _speaker(self, mention: Mention, tokens: list[Token], state: DocumentState,
                 mentions: list[Mention] | None = None, lex: Lexicon | None = None) -> Resolution | None:
        """'"... we will respond," said Ned Price': the speaker of a quote is named by its report verb."""
        if mentions and lex is not None:
            for other in mentions:
                if other is mention or other.pronoun or other.resolution is None or not other.resolution.actor.code:
                    continue
                before = tokens[other.start - 1].norm if other.start else ""
                after = tokens[other.end].norm if other.end < len(tokens) else ""
                if before in lex.grammar.report_verbs or after in lex.grammar.report_verbs:
                    return other.resolution
        return state.things[-1] if state.things else None

    def _remember(self, mentions: list[Mention], state: DocumentState, sentence_index: int) -> None:
        persons = []
        location_preps = lexicon_for(self._language).grammar.location_preps
        for mention in mentions:
            res = mention.resolution
            if res is None or res.actor.code is None:
                continue
            if res.kind in ("person", "state", "org") and not mention.pronoun and not mention.borrowed \
                    and mention.after_prep not in location_preps:  # "signed in Barbados": a venue, no side
                state.parties.append(res)
            elif res.kind == "group" and res.actor.sector in SIDE_SECTORS and not mention.pronoun:
                state.parties.append(res)  # "the government and the opposition": the sides of talks
            if res.kind == "person" and mention.pronoun != "pair":
                if mention.after_prep is None:
                    persons.append(res)
                state.persons.append((sentence_index, res))
                if res.person_id:
                    state.recent_people.append(res.person_id)
                    person = self.resolver.kb.people.get(res.person_id)
                    for word in (person.name.split() if person else ()):
                        if len(word) >= 3 and word[:1].isupper():
                            state.known_names.setdefault(fold(word), person)
            elif res.kind in ("state", "org"):
                state.things.append(res)
            elif res.kind == "group":
                state.groups.append(res)
        subject = next((m.resolution for m in mentions if m.resolution and m.resolution.actor.code
                        and m.after_prep is None and not m.possessive), None)
        if subject is not None:
            state.last_subject = subject
        if persons:
            state.last_sentence_persons = persons
        elif any(m.resolution and m.resolution.actor.code for m in mentions):
            state.last_sentence_persons = []
        del state.persons[:-50], state.things[:-50], state.groups[:-50], state.recent_people[:-50]
        del state.parties[:-50]

    # -- triggers -------------------------------------------------------------------------------
    def _find_triggers(self, tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Found]:
        inside = set()
        for m in mentions:
            inside.update(range(m.start, m.end))
        self._inside = inside
        self._capitalized = frozenset(k for k, t in enumerate(tokens) if t.text[:1].isupper())
        # a lone demonym before a verb form is an adjective ("Chinese financing", "Russian aggression")
        self._adjectives = frozenset(tokens[m.end - 1].norm for m in mentions
                                     if m.kinds() <= {"demonym", "region_demonym"} and not m.pronoun)
        norms = [t.norm for t in tokens]
        found: list[Found] = []
        n = len(tokens)
        i = 0
        has_conditional = any(w in lex.grammar.conditionals for w in norms)
        while i < n:
            if i in inside:
                i += 1
                continue
            best: Found | None = None
            for length in range(min(lex.max_trigger_len, n - i), 0, -1):
                readings = lex.triggers.get(tuple(norms[i:i + length]))
                if not readings:
                    continue
                for trig in readings:
                    span_end = self._fits(trig, norms, i, i + length, has_conditional, lex, inside)
                    if span_end is None:
                        continue
                    specific = bool(trig.with_words) + (not trig.nominal) * 0.5 + length + trig.priority
                    # equally specific readings: the one whose required words are nearest ("called a
                    # general strike ... on Monday" is a strike, not a call on someone)
                    if best is None or specific > best_score or specific == best_score and span_end < best.span_end:
                        best, best_score = Found(i, i + length, span_end, trig), specific
                if best is not None:
                    break
            if best is not None:
                found.append(best)
                i = best.span_end
            else:
                i += 1
        return found

    def _fits(self, trig: Trigger, norms: list[str], start: int, end: int, has_conditional: bool,
              lex: Lexicon, inside: set[int] | None = None) -> int | None:
        if not trig.nominal and not trig.modal_request and _used_as_noun(norms, start, lex, inside or set(),
                                                                          self._adjectives, self._capitalized):
            return None
        after = norms[end:end + 6]
        for no in trig.no_words:
            if tuple(after[:len(no)]) == no or (len(after) > 1 and tuple(after[1:1 + len(no)]) == no
                                                  and after[0] in lex.determiners):
                return None
        span_end = end
        if trig.with_words:
            hit = None
            for offset in range(0, 9):
                for words in trig.with_words:
                    if tuple(norms[end + offset:end + offset + len(words)]) == words:
                        hit = end + offset + len(words)
                        break
                if hit:
                    break
                if end + offset < len(norms) and norms[end + offset] in lex.clause_breaks | {".", ","}:
                    break
            word = norms[start]
            if hit is None and start > 1 and (lex.grammar.is_past(word) or word in lex.grammar.irregular_participles) \
                    and any(w in lex.grammar.be_forms for w in norms[max(0, start - 2):start]) \
                    and norms[start - 2] not in lex.grammar.infinitive_marker:  # not "... to be deployed"
                # "The ceremony ... was attended by": the object precedes a passive verb
                before = norms[max(0, start - 8):start]
                if any(tuple(before[i:i + len(w)]) == w for w in trig.with_words for i in range(len(before))):
                    hit = end
            if hit is None:
                return None
            span_end = hit
        if trig.requires_negation:
            before = norms[max(0, start - 4):start]
            if not any(w in lex.grammar.ruleout_negators for w in before):
                return None
        if trig.requires_conditional and not has_conditional:
            return None
        if trig.modal_request and start == 0:
            return None
        if trig.actor_words and not any(w in norms[max(0, start - 9):start] for w in trig.actor_words):
            return None
        if trig.object_actor:
            k = end
            while k < len(norms) and lex.grammar.is_adverb(norms[k]):
                k += 1
            if k not in (inside or set()):
                return None  # "called Maduro" is a call; "called those demands non-starters" is not
        return span_end

    def _apply_embedding(self, found: list[Found], tokens: list[Token], lex: Lexicon) -> None:
        """'promised to reduce', 'urged X to suspend': decide which of the two acts is coded."""
        norms = [t.norm for t in tokens]
        self._mark_objects(found, norms, lex, self._inside)
        self._mark_complements(found, norms, lex)
        for idx, item in enumerate(found):
            kind, e_start = self._governing_embedding(norms, item.start, lex, self._inside)
            if kind is None:
                continue
            governor = next((f for f in found if f.start <= e_start < max(f.span_end, f.end)
                             and f is not item), None)
            cooperative = item.trigger.type in COOPERATIVE
            if kind in ("commit", "desire") and item.trigger.type == "THREATEN":
                item.modality = "asserted"  # "vowed to take resolute measures": a threat
                if governor is not None:
                    governor.suppressed = True
            elif kind == "commit" and item.trigger.type in ("ASSAULT", "COERCE", "MOBILIZE"):
                item.type_override, item.modality = "THREATEN", "asserted"  # "swore to fight": a threat
                if governor is not None:
                    governor.suppressed = True
            elif kind in ("commit", "desire"):
                if cooperative:
                    item.type_override = "AGREE" if item.trigger.type != "CONCEDE" else "CONCEDE"
                    item.modality = "asserted"
                else:
                    item.modality = "future" if kind == "commit" else "hypothetical"
                if governor is not None:
                    governor.suppressed = True
            elif kind == "plan":
                item.modality = "negated" if item.modality == "negated" else "future"
            elif kind == "refuse" and item.trigger.requires_negation:
                if governor is not None:
                    governor.suppressed = True  # "refused to rule out": a threat, not a refusal
            elif kind in ("threat", "request", "refuse"):
                if governor is not None:
                    item.suppressed = True
                    if kind != "request" and not any(i in self._inside for i in range(governor.end, item.start)):
                        # "threatened to impose sanctions on Moldova": the target is the act's
                        governor.recipient_from = governor.recipient_from or item.end
                elif kind == "refuse":
                    item.type_override = "REJECT"
                    item.modality = "asserted"
                else:
                    item.modality = "hypothetical" if kind != "request" else item.modality
            elif kind == "deny":
                item.modality = "negated"
                if governor is not None:
                    governor.suppressed = True

    @staticmethod
    def _mark_objects(found: list[Found], norms: list[str], lex: Lexicon, inside: set[int]) -> None:
        """'rejected a U.S. request', 'accepted Putin's invitation': a noun that is the object of
        another act is that act's theme, not an act of its own."""
        for item in found:
            if not item.trigger.nominal:
                continue
            for other in found:
                if other is item or other.trigger.nominal or other.suppressed or other.end > item.start:
                    continue
                between = range(other.end, item.start)
                if len(between) <= 5 and all(
                        norms[k] in lex.determiners or norms[k] in lex.modifiers or k in inside
                        or norms[k] in lex.grammar.possessive_markers or norms[k] in lex.grammar.nominal_modifiers
                        for k in between):
                    item.suppressed = True
                    break

    @staticmethod
    def _mark_complements(found: list[Found], norms: list[str], lex: Lexicon) -> None:
        """Acts demanded ('demanded that X withdraw', 'X must return') are not coded as done; acts
        alleged or suspected ('accused X of ...', 'suspect Russia is helping') are hypothetical."""
        for item in found:
            trig = item.trigger
            if trig.nominal or item.suppressed:
                continue
            governs = trig.type == "REQUEST" or trig.alleges
            if not governs:
                continue
            end = len(norms)
            for k in range(item.span_end, len(norms)):
                if norms[k] in (";",) or norms[k] in lex.clause_breaks and norms[k] not in ("as",):
                    end = k
                    break
            for other in found:
                if other is item or not (item.span_end <= other.start < end):
                    continue
                if trig.type == "REQUEST":
                    other.suppressed = True
                elif other.modality is None:
                    other.modality = "hypothetical"
        # "The Kremlin denied that its troops were preparing to attack": the act is denied
        deny_words = {key[0] for key, kind in lex.embedding.items() if kind == "deny" and len(key) == 1}
        for k, word in enumerate(norms):
            if word in deny_words and k + 1 < len(norms) and norms[k + 1] in lex.complementizers:
                for other in found:
                    if other.start > k and other.modality is None:
                        other.modality = "negated"

    @staticmethod
    def _governing_embedding(norms: list[str], start: int, lex: Lexicon,
                             inside: set[int] | frozenset[int] = frozenset()) -> tuple[str | None, int]:
        """The embedding verb that governs a trigger through 'to' (within a few words)."""
        k = start - 1
        skipped = 0
        # "promised to continue military aid", "agreed to undertake joint exercises": light words
        # between "to" and the trigger are skipped.
        g = lex.grammar
        while k >= 0 and skipped < 4 and norms[k] not in g.infinitive_marker and norms[k] not in lex.clause_breaks \
                and norms[k] not in lex.conjunctions and norms[k] not in lex.complementizers and norms[k] != "." and (
                    norms[k] in g.light_words or norms[k] in lex.determiners or norms[k] in lex.modifiers
                    or (norms[k],) in lex.embedding):
            k -= 1
            skipped += 1
        if k < 0 or norms[k] not in g.infinitive_marker:
            return _bare_infinitive_embedding(norms, start, lex)
        # the embedding verb is within five words before "to" ("called on Bolsonaro to suspend")
        for back in range(1, 7):
            j = k - back
            if j < 0:
                break
            for length in range(lex.max_embedding_len, 0, -1):
                key = tuple(norms[j:j + length])
                if key in lex.embedding:
                    # only an object may stand between the verb and "to" ("urged Brazil to"), not a
                    # noun the infinitive belongs to ("rejected a proposal to reopen")
                    gap = range(j + length, k)
                    if all(i in inside or norms[i] in lex.determiners or norms[i] in lex.grammar.particles
                           or norms[i] in ("on", "upon") or norms[i] in lex.grammar.possessive_markers
                           or norms[i] in lex.grammar.date_adverbs or lex.grammar.is_adverb(norms[i])
                           for i in gap):
                        return lex.embedding[key], j
                    return None, -1
            if norms[j] in lex.clause_breaks or norms[j] in (".", ";"):
                break
        return None, -1

    # -- events ---------------------------------------------------------------------------------
    def _events_for(self, item: Found, tokens: list[Token], mentions: list[Mention], sentence: Sentence,
                    doc: Document, state: DocumentState, lex: Lexicon) -> list[Event]:
        trig = item.trigger
        norms = [t.norm for t in tokens]
        clause_start, clause_end = _clause(norms, item.start, lex, extend=trig.type == "THREATEN")
        if trig.modal_request:
            actors, recipients = self._must_parties(item, mentions, norms, lex)
            passive = False
        else:
            passive = _is_passive(norms, item.start, trig, lex)
            actors = self._actor_for(item, mentions, norms, clause_start, passive, lex)
            prior = item.previous
            shares_subject = prior is not None and not passive and _coordinated_verbs(
                    norms, prior, item, lex) and not any(
                        prior.span_end <= m.start and m.end <= item.start and m.after_prep is None
                        and all((norms[k] in lex.grammar.verb_lead and norms[k] not in lex.conjunctions)
                                or lex.grammar.is_adverb(norms[k]) for k in range(m.end, item.start))
                        for m in mentions)  # "..., we will respond": a new subject
            if shares_subject and not prior.actors and not prior.trigger.nominal and not any(
                    m.end <= prior.start and m.resolution and m.resolution.actor.code and m.after_prep is None
                    for m in mentions if clause_start <= m.start):
                # "A roadside bomb killed one U.S. soldier and wounded two others": the second verb's
                # subject is the first's, which names no actor; its object is not the subject
                actors = []
            elif shares_subject and prior.actors:
                # "X kidnapped A and exploded bombs": the second verb's subject is X, not A; the
                # subject of the first verb in the chain, not of an infinitive inside its object.
                head = next((f for f in self._found if f.actors and not f.trigger.nominal
                             and f.start < item.start and _coordinated_verbs(norms, f, item, lex)), prior)
                actors = head.actors
            if not actors and not passive and not trig.nominal and lex.grammar.pro_drop:
                # "Conversó con Ortega": the subject pronoun is dropped, the subject is the discourse's.
                actors = self._dropped_subject(item, mentions, norms, clause_start, state, lex)
            item.actors = actors
            recipients = self._recipients_for(item, mentions, norms, clause_end, actors, passive, lex) \
                if actors else []
            if not recipients and item.purpose_object is not None:
                recipients = _expand(item.purpose_object, mentions)
            if not recipients and actors:
                recipients = _doer_of_antecedent_act(mentions, norms, clause_start, actors[0], lex)
        if not actors:
            return []
        if not recipients and any(f is not item and f.start < item.start and f.actors and not f.suppressed
                                  and (f.type_override or f.trigger.type) == (item.type_override or trig.type)
                                  for f in self._found):
            return []  # "shelled the camps, killing or wounding 50": the same act again, told in detail
        if trig.type == "CONSULT" and not recipients and len(actors) < 2:
            return []  # a meeting names its other party; "attended the opening ceremony" alone does not
        if trig.nominal and not recipients and not item.owned and not (
                len(actors) >= 2 and (item.type_override or trig.type) in RECIPROCAL):
            # "the Russian summit was important": a noun alone restates, it does not report (unless
            # joint parties act: "Jordan and Britain agreed to undertake joint exercises")
            return []
        event_type = item.type_override or trig.type
        if trig.host and not recipients and trig.type != "CONSULT":
            return []  # "received vaccines" with no giver named: the actor of the act is unknown
        if trig.host and recipients:
            actors, recipients = recipients, actors  # the visitor is the actor of a CONSULT visit
        modality = item.modality or self._modality(norms, item, actors, clause_start, lex)
        conditional = any(w in lex.grammar.conditionals for w in norms[item.end:]) and any(
            w in lex.grammar.future_aux for w in norms[max(0, item.start - 4):item.start])
        reported_will = any(w in lex.grammar.future_aux for w in norms[max(0, item.start - 3):item.start]) \
            and any(w in lex.grammar.report_verbs for w in norms[max(0, item.start - 8):item.start])
        if modality in ("future", "hypothetical") and event_type in COERCIVE and (
                conditional or reported_will and event_type in THREAT_ACTS):
            # "will withdraw its force unless ...": a conditional threat.
            event_type, modality = "THREATEN", "asserted"
        elif modality == "future" and event_type in PROMISABLE:
            # Stating that one will give, back or concede something is a promise: AGREE.
            event_type, modality = "AGREE", "asserted"
        elif modality == "negated" and event_type in ("AGREE", "CONCEDE", "SUPPORT") and not trig.nominal:
            # "would not accept", "failed to reach agreement": a refusal.
            event_type, modality = "REJECT", "asserted"
        if modality == "hypothetical" and not _attributed(norms, lex):
            return []  # a journalist's speculation ("they could use Putin ...") reports no event
        date, precision = self._date(tokens, norms, item, modality, state, lex)
        if modality == "asserted" and date and state.pub_date and date > state.pub_date[:len(date)] \
                and _form_modality(norms, item, lex) == "present":
            modality = "future"  # "Lula viaja el sábado": a present dated after publication is scheduled
        contexts = self._contexts(norms, trig, lex)
        actors = [a for a in actors if a.actor.code is not None]
        states = self.resolver.kb.countries
        if not recipients and item.domestic and len(actors) == 1 and actors[0].actor.code in states \
                and not (event_type == "ASSAULT" and actors[0].actor.sector == "MIL"):
            # Domestic acts (a curfew, an arrest, a strike) with no named target fall on the actor's
            # state (a body like the UN has none); an army's attack on an unnamed town may be abroad,
            # a rebel attack is at home.
            recipients = [Resolution(Actor(actors[0].actor.code, None, None, None), 0.3, kind="state")]
        if event_type in ("REJECT", "SUPPORT", "AGREE") and not recipients and actors:
            recipients = self._answered_party(norms, item, actors[0], state, lex)
        if event_type in DYAD_CARRIED and not recipients and len(actors) == 1 and not item.domestic:
            answers_act = any(w in lex.grammar.act_nouns for w in norms[item.end:item.span_end + 3])
            recipients = _last_counterpart(actors[0], state, answers_act)
        pairs: list[tuple[Resolution, Resolution | None]]
        if len(actors) >= 2 and not recipients and event_type in RECIPROCAL:
            # "The United States and Jordan agreed ...": one record per pair of the joint actors.
            # Joint acts are coded in both directions (CONSULT, scored without direction, once).
            pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]
                     if a.actor.code != b.actor.code or a.actor.sector != b.actor.sector
                     and {a.actor.sector, b.actor.sector} <= SIDE_SECTORS]  # government and opposition
            if event_type != "CONSULT":
                pairs += [(b, a) for a, b in pairs]
        else:
            pairs = [(a, r) for a in actors for r in (recipients or [None])]
        events = []
        for actor, recipient in pairs:
            state.acts.append((event_type, actor.actor.code, recipient.actor.code if recipient else None))
            if recipient is not None and not item.domestic and (_same(actor, recipient)
                                                               or _same_body(actor, recipient)):
                continue
            events.append(self._event(doc, sentence, tokens, item, event_type, actor, recipient,
                                      modality, date, precision, contexts))
        return events

    @staticmethod
    def _answered_party(norms: list[str], item: Found, actor: Resolution, state: DocumentState, lex: Lexicon
                        ) -> list[Resolution]:
        """'Mali rejected the accusations': the party whose accusation, demand or offer it answers."""
        nouns = set(norms[item.end:item.span_end + 4])
        g = lex.grammar
        wanted = {"ACCUSE": g.answers_to_accuse, "REQUEST": g.answers_to_request, "AGREE": g.answers_to_offer}
        for act_type, act_actor, act_recipient in reversed(state.acts):
            if act_recipient == actor.actor.code and act_actor and act_actor != actor.actor.code \
                    and nouns & wanted.get(act_type, frozenset()):
                return [Resolution(Actor(act_actor, None, None, None), 0.4, kind="state")]
        return []

    def _must_parties(self, item: Found, mentions: list[Mention], norms: list[str], lex: Lexicon
                      ) -> tuple[list[Resolution], list[Resolution]]:
        """'The US said China must drop barriers': the speaker requests, the subject of 'must' is asked."""
        subject = [m for m in mentions if m.end <= item.start and m.resolution and m.resolution.actor.code]
        if not subject or item.start - subject[-1].end > 2:
            return [], []
        target = subject[-1]
        comp = next((k for k in range(target.start - 1, -1, -1) if norms[k] in lex.complementizers), None)
        speakers = [m for m in mentions if comp is not None and m.end <= comp and m.resolution
                    and m.resolution.actor.code and m.after_prep is None and not m.possessive]
        if not speakers:
            return [], []
        return _expand(speakers[-1], mentions), _expand(target, mentions)

    def _dropped_subject(self, item: Found, mentions: list[Mention], norms: list[str], clause_start: int,
                         state: DocumentState, lex: Lexicon) -> list[Resolution]:
        """The subject of a verb whose subject pronoun is dropped (pro-drop languages): the sentence's
        subject, else the previous sentence's; none when a word that could be the subject precedes it."""
        g = lex.grammar
        if clause_start > 0 and norms[clause_start - 1] in g.relative_words \
                and _relative_antecedent(norms, clause_start - 1, lex):
            return []  # in a relative clause the relative pronoun is the subject
        in_phrase = {k for m in mentions if m.after_prep is not None for k in range(m.start, m.end)}
        k = item.start - 1
        while k >= clause_start and (
                k in in_phrase or norms[k] in g.verb_lead or norms[k] in g.reflexive_pronouns
                or norms[k] in g.perfect_aux or norms[k] in g.date_adverbs or norms[k] in g.prepositions
                or norms[k] in lex.determiners or g.is_adverb(norms[k]) or not norms[k].isalnum()):
            k -= 1
        if k >= clause_start and norms[k] not in lex.conjunctions and norms[k] not in lex.complementizers:
            return []  # "la escasez desató protestas": the subject is there, it is just no actor
        earlier = [m for m in mentions if m.end <= clause_start and m.resolution and m.resolution.actor.code
                   and m.after_prep is None and not m.possessive]
        if earlier:
            return _expand(earlier[0], mentions)
        subject = state.last_subject
        if subject is None or subject.actor.code is None:
            return []
        return [_copy(subject, subject.actor.text or "", confidence=min(subject.confidence, 0.6))]

    def _actor_for(self, item: Found, mentions: list[Mention], norms: list[str], clause_start: int,
                   passive: bool, lex: Lexicon) -> list[Resolution]:
        trig = item.trigger
        if passive:
            by = [m for m in mentions if m.start >= item.end and m.after_prep in lex.grammar.passive_agents
                  and m.resolution]
            if by:
                return _expand(by[0], mentions)
            if trig.type == "MOBILIZE":
                # "100,000 Russian troops were massed near the border": the units moved are the actor's
                units = [m for m in mentions if m.end <= item.start and m.resolution and m.resolution.actor.code
                         and m.resolution.actor.sector == "MIL"]
                return _expand(units[-1], mentions) if units else []
            return []
        if trig.nominal:
            # "Russia's interference", "his visit": the possessor is the actor.
            k = item.start - 1
            while k >= 0 and (norms[k] in lex.modifiers or norms[k] in lex.determiners
                              or norms[k] in lex.grammar.nominal_modifiers):
                k -= 1
            owner = next((m for m in mentions if m.end == k and m.possessive
                          or m.pronoun and m.end == item.start and norms[m.start] in lex.grammar.possessive_pronouns),
                         None)
            if owner is not None and owner.resolution:
                item.owned = owner.possessive  # "their withdrawal": the owner's act, target or not
                return _expand(owner, mentions)
            adjacent = next((m for m in mentions if m.end == item.start and m.resolution
                             and m.kinds() & {"demonym", "country"}), None)
            if adjacent is not None:
                return _expand(adjacent, mentions)
            if lex.grammar.adjective_after_noun:
                # "la injerencia rusa": the demonym follows the noun
                postposed = next((m for m in mentions if m.start == item.end and m.resolution
                                  and m.kinds() <= {"demonym", "region_demonym"}), None)
                if postposed is not None:
                    return _expand(postposed, mentions)
            between = [m for m in mentions if m.start >= item.end and m.after_prep == "between" and m.resolution]
            before = [norms[i] for i in range(max(0, item.start - 3), item.start)]
            if between and not any(w in lex.grammar.prepositions for w in before) and trig.mode != "third-party":
                return _expand(between[0], mentions)[:1]  # "talks between A and B began", not "an offer for talks between"
            if trig.of_actor:
                # "la visita de Putin a Caracas": the genitive names the actor
                genitive = next((m for m in mentions if item.end <= m.start <= item.end + 4 and m.resolution
                                 and m.resolution.actor.code and m.after_prep in lex.grammar.genitive_preps), None)
                if genitive is not None:
                    # "a visita dos presidentes do Brasil, Jair Bolsonaro, e da Argentina": parallel genitives
                    genitives = lex.grammar.genitive_preps
                    parallel = [m for m in mentions if m.start > genitive.end and m.resolution
                                and m.resolution.actor.code and m.after_prep in genitives and m.start >= 2
                                and norms[m.start - 2] in lex.conjunctions and norms[m.start - 1] in genitives]
                    return _expand(genitive, mentions) + [r for m in parallel for r in _expand(m, mentions)]
            # A noun after a preposition ("at the fourth round of talks") names no act of anyone in
            # particular; the object of a verb ("speeded up the withdrawal") is the subject's act.
            # A date between the verb and its object is skipped ("anunciou no domingo o fim dos laços").
            while k >= 1 and (norms[k] in lex.date_words or norms[k] in lex.grammar.date_adverbs) \
                    and norms[k] not in lex.determiners:
                k -= 1
                if norms[k] in lex.grammar.prepositions and norms[k + 1] in lex.date_words:
                    k -= 1
            j = k
            while j >= 0 and k - j < 3 and norms[j] not in lex.verb_forms and norms[j] not in lex.grammar.prepositions:
                j -= 1
            if j >= 0 and norms[j] in lex.grammar.prepositions:
                return []
            if k < 0 or norms[k] in lex.grammar.prepositions or norms[k] in lex.clause_breaks \
                    or norms[k] in lex.conjunctions or norms[k] in lex.grammar.be_forms:
                return []
        reason = _object_before_reason(item, mentions, norms, lex)
        if reason is not None:
            return _expand(reason, mentions)
        subject_end = _first_infinitive(norms, item.start, clause_start, lex)
        left = [m for m in mentions if clause_start <= m.start and m.end <= subject_end and m.resolution
                and m.resolution.actor.code and m.after_prep is None and not m.possessive and not m.adjectival
                and not (m.pronoun == "region" and m.start > clause_start)]  # "colonizing the region": object
        if left:
            chosen = _apposition_head(left[-1], left, norms, item.start)
            main = _purpose_subject(chosen, left, norms, item.start, lex)
            if main is not None:
                item.purpose_object = chosen
            return _expand(main or chosen, mentions)
        left_pp = [m for m in mentions if clause_start <= m.start and m.end <= item.start and m.resolution
                   and m.resolution.actor.code and m.after_prep in lex.grammar.source_markers]
        if left_pp:
            return _expand(left_pp[-1], mentions)
        # a participle or an elided subject: the sentence's subject
        if clause_start > 0:
            subject = [m for m in mentions if m.end <= clause_start and m.resolution and m.resolution.actor.code
                       and m.after_prep is None and not m.possessive]
            gerund = lex.grammar.is_gerund(norms[item.start])
            if subject and norms[clause_start - 1] in lex.grammar.relative_words and not gerund \
                    and _relative_antecedent(norms, clause_start - 1, lex) and subject[-1].end < clause_start - 2:
                return []  # "the agreement that allowed ...": the antecedent is no actor
            if subject and (gerund or norms[clause_start - 1] in lex.conjunctions
                            or norms[clause_start - 1] in lex.grammar.relative_words):
                return _expand(subject[0] if gerund else subject[-1], mentions)
        return []

    def _recipients_for(self, item: Found, mentions: list[Mention], norms: list[str], clause_end: int,
                        actors: list[Resolution], passive: bool, lex: Lexicon) -> list[Resolution]:
        trig = item.trigger
        start = item.recipient_from or item.end
        if passive:
            left = [m for m in mentions if m.end <= item.start and m.resolution and m.resolution.actor.code
                    and not (actors and m.resolution is actors[0])]
            if trig.type == "MOBILIZE" and actors and actors[0].actor.sector == "MIL":
                after = [m for m in mentions if m.start >= item.end and m.resolution and m.resolution.actor.code
                         and m.resolution.actor.code != actors[0].actor.code]
                return _expand(after[0], mentions) if after else []
            return _expand(left[-1], mentions) if left else []
        if trig.type in TAKES_COMPLEMENT_SUBJECT and not trig.nominal:
            # "demanded that the United States ...": the subject of the demanded clause is the target.
            k = item.span_end
            while k < len(norms) and norms[k] in lex.grammar.date_adverbs:
                k += 1
            if k < len(norms) and norms[k] in lex.complementizers:
                following = [m for m in mentions if m.start > k and m.resolution and m.resolution.actor.code
                             and m.after_prep is None]
                if following and following[0].start - k <= 3:
                    return _expand(following[0], mentions)
        candidates = [m for m in mentions if m.start >= start and m.start < clause_end and m.resolution
                      and not (m.pronoun and m.possessive) and not _is_source(m, norms, lex, self._capitalized)
                      and not _possessor_of_next(m, mentions)
                      and (m.after_prep not in lex.grammar.passive_agents
                           or not trig.nominal and _agent_of_participle(m, norms, lex, trig.type in ACT_ON_ACTS))
                      and not (m.pronoun in ("we", "i"))
                      and (not m.borrowed or item.domestic or m.resolution.actor.sector in DOMESTIC_SECTORS
                           or m.resolution.actor.sector == "GOV" and trig.type in ("ACCUSE", "REQUEST", "PROTEST")
                           and any(a.actor.sector in ("OPP", "ELI", "PTY") and a.actor.code == m.resolution.actor.code
                                   for a in actors))]  # "the opposition leader accused the government"
        if trig.nominal:
            # a noun's party is in its own phrase, not past the verb it is the subject of ("the
            # Russian summit is important for his administration")
            g = lex.grammar
            verb = next((k for k in range(item.span_end, len(norms)) if norms[k] in g.be_forms
                         or norms[k] in g.future_aux or norms[k] in g.perfect_aux), len(norms))
            candidates = [m for m in candidates if m.start < verb]
        if trig.nominal and trig.preps:
            candidates = [m for m in candidates if m.after_prep in trig.preps or m.after_prep is None]
        if trig.preps and not trig.nominal:
            with_prep = [m for m in candidates if m.after_prep in trig.preps]
            if with_prep:
                candidates = with_prep + [m for m in candidates if m not in with_prep]
        if trig.type in HOSTILE:
            # "trained hackers capable of launching attacks against the United States": the named
            # party the act is aimed at beats a group whose country is only the discourse's
            aimed = [m for m in candidates if m.after_prep in lex.grammar.hostile_preps and not m.borrowed
                     and m.resolution.actor.code]
            if trig.type in ACT_ON_ACTS:
                # "investigating crimes by Croatian extremists against Serb civilians": the act
                # condemned or investigated is the agent's
                aimed = [m for m in candidates if m.after_prep in lex.grammar.passive_agents] + aimed
            candidates = aimed + [m for m in candidates if m not in aimed]
        if len(actors) >= 2 and trig.type in RECIPROCAL:
            # "the government and the opposition signed an agreement in Barbados": a joint act's
            # venue is no party; the actors are each other's
            candidates = [m for m in candidates if m.after_prep not in lex.grammar.location_preps]
        actor_codes = {(a.actor.code, a.actor.sector) for a in actors}
        if trig.type not in VIOLENT:
            # a party named directly beats a place the act happened in
            candidates.sort(key=lambda m: m.after_prep in lex.grammar.location_preps
                            and m.after_prep not in trig.preps)
        markers = [marker.split() for marker in lex.grammar.co_actor_markers]
        fellows = {m.group for m in mentions
                   if any(m.start >= len(w) and norms[m.start - len(w):m.start] == w for w in markers)}
        g = lex.grammar
        for mention in candidates:
            if mention.group in fellows:
                continue  # "together with Egypt, Ethiopia ...": fellow actors, not the other party
            after = norms[mention.end] if mention.end < len(norms) else ""
            if mention.start > 0 and norms[mention.start - 1] in lex.conjunctions and mention.after_prep is None \
                    and (after in g.future_aux or after in g.be_forms or after in g.perfect_aux
                         or after in g.report_verbs or after in g.verb_lead and after not in lex.conjunctions):
                continue  # "... is important for him and he will not drag Ukraine into it": a new subject
            if mention.after_prep in lex.grammar.topic_preps and mention.after_prep not in trig.preps \
                    and trig.type not in HOSTILE:
                continue  # "dismissed the comments about Latin America": a topic ("concern about
                # Russia's interference" is aimed at Russia)
            if mention.after_prep in lex.grammar.non_recipient_preps or \
                    mention.after_prep in lex.grammar.source_markers:
                continue
            if mention.border and trig.type != "MOBILIZE":
                continue  # fighting "on the Thai border" is no act against Thailand; massing troops is
            res = mention.resolution
            unplaced = res.actor.code is None or mention.borrowed
            if unplaced and trig.type in VIOLENT:
                # "killed 23 people ... in Tel Aviv": unnamed victims belong to the place of the act
                place = next((m for m in mentions if m.start > mention.start and m.resolution
                              and (m in candidates or m.after_prep in lex.grammar.location_preps)
                              and m.resolution.actor.code and not m.borrowed and not m.border
                              and m.kinds() & {"country", "capital", "demonym"}), None)
                if place is not None:
                    return _expand(place, mentions)
            if unplaced and res.actor.sector and actors and actors[0].actor.code in self.resolver.kb.countries and (
                    item.domestic or res.actor.sector in DOMESTIC_SECTORS):
                # "accepted demands from rebels": an unnamed group belongs to the actor's country.
                res = _copy(res, res.actor.text or "")
                res.actor.code = actors[0].actor.code
                return [res]
            if res.actor.code is None:
                continue
            same_side = (res.actor.code, res.actor.sector) in actor_codes or (
                res.actor.code in {c for c, _ in actor_codes} and (not res.actor.sector or mention.owned))
            if same_side and not item.domestic and not mention.extra:
                continue
            group = _expand(mention, mentions)
            return _list_after_colon(mention, mentions, norms) or group
        return []

    def _modality(self, norms: list[str], item: Found, actors: list[Resolution], clause_start: int,
                  lex: Lexicon) -> str | None:
        # names are no cues: "Irã" folds to "ira", the future "irá"
        window = ["" if k in self._inside else norms[k] for k in range(clause_start, item.start)]
        trig = item.trigger
        negated = _has_any(window[-5:], lex.modality["negated"]) and not any(
            w in lex.grammar.negation_cancelers for w in window[-3:])
        if trig.requires_negation:
            return "asserted"  # "did not rule out" is itself a threat
        if negated and trig.type == "THREATEN":
            negated = False
        # "did not rule out / refused to rule out sending troops": the sending is possible;
        # "ruled out sending troops": it is denied
        ruled_out = bool(lex.neg_to_hyp) and _has_any(window[-4:], lex.neg_to_hyp)
        if ruled_out:
            if any(w in lex.grammar.ruleout_negators for w in window):
                negated = False
            else:
                negated, ruled_out = True, False
        if negated and not ruled_out:
            return "negated"
        form_modality = _form_modality(norms, item, lex)
        g = lex.grammar
        if form_modality == "hypothetical" and not any(w in g.conditionals for w in norms) and any(
                w in g.report_verbs for w in norms[:item.start]):
            form_modality = "future"  # "dijo que Putin recibiría a Lula": a reported future
        hypothetical_cues = lex.modality["hypothetical"]
        reported_future = False
        if g.backshifted_future and not any(w in g.conditionals for w in norms) and any(
                w in g.report_verbs for w in norms[:item.start]):
            # "The Kremlin said Putin would host ...": a reported "will", not a supposition
            reported_future = _has_any(window, [(w,) for w in g.backshifted_future])
            hypothetical_cues = [p for p in hypothetical_cues if not (len(p) == 1 and p[0] in g.backshifted_future)]
        if ruled_out or _has_any(window, hypothetical_cues) or form_modality == "hypothetical" or (
                clause_start > 0 and norms[max(0, clause_start - 1)] in lex.grammar.conditionals):
            if trig.type == "THREATEN" and trig.requires_conditional:
                return "asserted"  # "if they move, we will respond": the warning itself is made
            return "hypothetical"
        frame = norms[:clause_start]
        if _has_any(frame, [p for p in lex.modality["hypothetical"]
                            if p[0] in lex.grammar.hypothetical_frames]) \
                and trig.type not in ("ACCUSE",):
            return "hypothetical"
        # "está previsto que Petro visite ...": a future cue governing the clause
        governed_future = clause_start > 0 and norms[clause_start - 1] in lex.complementizers and _has_any(
            norms[max(0, clause_start - 5):clause_start - 1], lex.modality["future"])
        if reported_future or governed_future or _has_any(window, lex.modality["future"]) \
                or form_modality == "future":
            return "future"
        return "asserted"

    def _date(self, tokens: list[Token], norms: list[str], item: Found, modality: str,
              state: DocumentState, lex: Lexicon) -> tuple[str | None, str | None]:
        pub = parse_pub_date(state.pub_date)
        scheduled = modality == "future" or modality == "asserted" and _form_modality(norms, item, lex) == "present"
        dates = find_dates(tokens, pub, lex.dates, future=scheduled)
        if dates:
            best = min(dates, key=lambda d: abs(d.start - item.start))
            return best.value, best.precision
        if pub is None or modality in ("future", "hypothetical"):
            return None, None
        g = lex.grammar
        before = norms[max(0, item.start - 3):item.start]
        if any(w in g.perfect_aux for w in before):
            return None, None  # "has sold": a state of affairs, not a dated act
        if any(w in g.present_aux for w in before):
            return pub_date_as(pub, "day"), "day"  # "is sitting in a meeting": as published
        # the verb may follow a pronoun inside the trigger ("se reunió")
        if any(g.is_past(word) or word in g.irregular_past for word in norms[item.start:item.end]):
            return pub_date_as(pub, "month"), "month"  # a past act with no date: the month of publication
        return None, None

    def _contexts(self, norms: list[str], trig: Trigger, lex: Lexicon) -> list[str]:
        found = list(trig.contexts)
        text = norms
        lex_contexts = lex.contexts
        for i in range(len(text)):
            for length in (2, 1):
                context = lex_contexts.get(tuple(text[i:i + length]))
                if context and context not in found:
                    found.append(context)
        return found[:4]

    def _event(self, doc: Document, sentence: Sentence, tokens: list[Token], item: Found, event_type: str,
               actor: Resolution, recipient: Resolution | None, modality: str, date: str | None,
               precision: str | None, contexts: list[str]) -> Event:
        mode = item.trigger.mode if item.trigger.type == event_type else None
        cameo = codes.cameo_for(event_type, mode, tuple(contexts))
        char_start = sentence.char_start + tokens[item.start].start
        # a recipient named in the sentence counts fully; one inferred from the story counts less
        confidence = 0.45 + 0.2 * min(actor.confidence, 1.0) + (
            0.15 * min(1.0, recipient.confidence / 0.5) if recipient else 0.0) + (
            0.1 if item.trigger.with_words else 0.0) + (0.05 if not item.trigger.nominal else 0.0)
        rec_actor = recipient.actor if recipient else None
        event = Event(
            id=event_id(doc.doc_id, sentence.index, event_type, actor.actor.code,
                        rec_actor.code if rec_actor else None, char_start),
            doc_id=doc.doc_id, event_type=event_type, actor=_clean(actor.actor),
            recipient=_clean(rec_actor) if rec_actor else None, modality=modality, mode=mode,
            context=contexts, date=date, date_precision=precision, cameo=cameo,
            quad=codes.quad_class(event_type), goldstein=codes.goldstein(cameo),
            plover_score=codes.plover_score(event_type), sentence=sentence.text,
            sentence_index=sentence.index, char_start=sentence.char_start, char_end=sentence.char_end,
            confidence=round(min(confidence, 0.99), 3), coder=CODER,
        )
        self._lemmas[event.id] = item.trigger.lemma
        return event


def _clean(actor: Actor) -> Actor:
    return Actor(actor.code, actor.sector, actor.name, actor.text)


def _copy(res: Resolution, text: str, confidence: float | None = None) -> Resolution:
    return Resolution(Actor(res.actor.code, res.actor.sector, res.actor.name, text),
                      res.confidence if confidence is None else confidence, res.person_id, res.kind,
                      res.plural, [*res.reasons, f"refers back to {res.actor.text!r}"])


def _same(a: Resolution, b: Resolution) -> bool:
    return a.actor.code == b.actor.code and (a.actor.sector == b.actor.sector or not b.actor.sector
                                             or not a.actor.sector) and a.actor.name == b.actor.name


def _ethnic(mention: Mention, tokens: list[Token], lex: Lexicon) -> bool:
    """'ethnic Albanians', 'rusos étnicos', 'the Albanian population': a people, not a state."""
    g = lex.grammar
    if mention.resolution is None or "demonym" not in mention.kinds():
        return False
    if tokens[mention.end - 1].norm in g.ethnic_heads or tokens[mention.start].norm in g.ethnic_heads:
        return mention.kinds() <= {"demonym", "sector"}  # "the Albanian population" as one phrase
    if not mention.kinds() <= {"demonym"}:
        return False
    after = tokens[mention.end].norm if mention.end < len(tokens) else ""
    before = tokens[mention.start - 1].norm if mention.start > 0 else ""
    return before in g.ethnic_markers or after in g.ethnic_markers or after in g.ethnic_heads or (
        g.adjective_after_noun and before in g.ethnic_heads)


def _people_of_place(mention: Mention, following: list[Mention], tokens: list[Token], lex: Lexicon) -> str | None:
    """The state of the place a plural demonym is 'of' ("the Serbs of Bosnia"), when it is another state."""
    if not following or mention.resolution is None or not mention.kinds() <= {"demonym"} \
            or not mention.resolution.plural and not tokens[mention.end - 1].text.endswith("s"):
        return None
    place = following[0]
    if mention.end >= len(tokens) or tokens[mention.end].norm not in lex.grammar.partitive_preps \
            or place.after_prep not in lex.grammar.partitive_preps or not place.kinds() & {"country", "capital"} \
            or place.start - mention.end > 3 or place.resolution is None:
        return None
    code = place.resolution.actor.code
    return code if code and code != mention.resolution.actor.code else None


def _doer_of_antecedent_act(mentions: list[Mention], norms: list[str], clause_start: int, actor: Resolution,
                            lex: Lexicon) -> list[Resolution]:
    """'Russia flew two bombers to Venezuela, a move that Washington condemned': a relative clause on
    a noun that names an act answers the subject of the sentence that did it."""
    g = lex.grammar
    k = clause_start - 1
    if k < 1 or norms[k] not in g.relative_words or norms[k - 1] not in g.act_nouns:
        return []
    doer = next((m for m in mentions if m.end < k and m.after_prep is None and not m.possessive
                 and m.resolution and m.resolution.actor.code and m.resolution.actor.code != actor.actor.code),
                None)
    return _expand(doer, mentions) if doer is not None else []


def _last_counterpart(actor: Resolution, state: DocumentState, answers_act: bool = False) -> list[Resolution]:
    """'Washington has cautioned that the relaxation could be reversed': a warning with no named
    target is aimed at the party the actor last acted on in the story; 'Beijing welcomed the
    decision' answers whoever acted last."""
    if answers_act:
        # the last deed of another party, not a reaction to it ("Taiwan deplored it; the US criticised
        # the measure": Nicaragua's measure)
        doer = next((a for t, a, _r in reversed(state.acts[-12:])
                     if a and a != actor.actor.code and t not in VERBAL_REACTIONS), None)
        if doer is not None:
            return [Resolution(Actor(doer, None, None, None), 0.35, kind="state")]
    for act_type, act_actor, act_recipient in reversed(state.acts[-12:]):
        if act_actor == actor.actor.code and act_recipient and act_recipient != act_actor:
            return [Resolution(Actor(act_recipient, None, None, None), 0.35, kind="state")]
    return []


def _object_before_reason(item: Found, mentions: list[Mention], norms: list[str], lex: Lexicon
                          ) -> Mention | None:
    """'had criticised Washington for sanctioning the attorney general': the doer of a verbal noun
    after a preposition of reason is the object just before it."""
    g = lex.grammar
    k = item.start - 1
    if item.trigger.nominal or k < 1 or norms[k] not in g.reason_preps:
        return None
    verb = norms[item.start]
    if not (g.is_gerund(verb) or g.is_infinitive(verb)):
        return None
    return next((m for m in mentions if m.end == k and m.resolution and m.resolution.actor.code
                 and m.after_prep not in g.passive_agents and not m.pronoun), None)


def _purpose_subject(chosen: Mention, left: list[Mention], norms: list[str], start: int, lex: Lexicon
                     ) -> Mention | None:
    """'U.S. officials contacted the Bolsonaro administration to express their concerns': an infinitive
    after the object of a verb that does not hand its object the act is a purpose; its subject is
    the main subject."""
    g = lex.grammar
    if not g.object_control or start < 1 or norms[start - 1] not in g.infinitive_marker or chosen.end != start - 1:
        return None
    k = chosen.start - 1
    while k >= 0 and (norms[k] in lex.determiners or norms[k] in lex.modifiers):
        k -= 1
    if k < 0 or not norms[k].isalpha() or (norms[k],) in lex.embedding \
            or any(norms[k].startswith(verb) or norms[k].startswith(verb[:-1]) and verb.endswith("e")
                   for verb in g.object_control):
        return None
    if not (g.is_past(norms[k]) or norms[k] in g.irregular_past or norms[k] in lex.verb_forms):
        return None  # not after a verb: "the talks with Brazil to ..." is no object
    subject = next((m for m in left if m.end <= k and m.after_prep is None and not m.possessive), None)
    return subject


def _first_infinitive(norms: list[str], start: int, clause_start: int, lex: Lexicon) -> int:
    """'promised to give candidates access to the media, and to guarantee ...': a coordinated
    infinitive shares the first one's subject, so its subject stands before the first 'to'."""
    g = lex.grammar
    if start < 2 or norms[start - 1] not in g.infinitive_marker or norms[start - 2] not in lex.conjunctions:
        return start
    for k in range(start - 3, clause_start - 1, -1):
        if norms[k] in g.infinitive_marker and k + 1 < len(norms) and norms[k + 1] not in lex.determiners:
            return k
    return start


def _same_body(a: Resolution, b: Resolution) -> bool:
    """'Lavrov insisted the Russian government ...': one side of a state cannot be both parties."""
    return a.actor.code == b.actor.code and a.actor.sector == b.actor.sector == "GOV"


def _expand(mention: Mention, mentions: list[Mention]) -> list[Resolution]:
    """A mention and every mention coordinated with it ('Cuba and Nicaragua')."""
    group = [m for m in mentions if m.group == mention.group and m.resolution and m.resolution.actor.code]
    if mention not in group:
        group = [mention] if mention.resolution else []
    found = []
    for m in group:
        found.append(_named_by_apposition(m, mentions))
        found.extend(m.extra)
    return found


def _named_by_apposition(mention: Mention, mentions: list[Mention]) -> Resolution:
    """'his Cuban counterpart, Miguel Díaz-Canel,': the appositive names the party."""
    res = mention.resolution
    if res is None or res.person_id:
        return res
    follower = next((m for m in mentions if 0 < m.start - mention.end <= 3), None)
    if follower is not None and follower.resolution and follower.resolution.person_id \
            and follower.apposed and follower.resolution.actor.code in (res.actor.code, None):
        return follower.resolution
    return res


def _list_after_colon(mention: Mention, mentions: list[Mention], norms: list[str]) -> list[Resolution]:
    """'five Latin American countries: Argentina, Venezuela ...': the list names the recipients."""
    for gap in range(0, 3):
        colon = mention.end + gap
        if colon < len(norms) and norms[colon] == ":":
            following = [m for m in mentions if m.start == colon + 1]
            return _expand(following[0], mentions) if following else []
    return []


def _clause(norms: list[str], index: int, lex: Lexicon, extend: bool = False) -> tuple[int, int]:
    start = 0
    for k in range(index - 1, -1, -1):
        if norms[k] in lex.clause_breaks or norms[k] in lex.complementizers or norms[k] in (";", ":"):
            start = k + 1
            break
    end = len(norms)
    depth = 0
    for k in range(index + 1, len(norms)):
        word = norms[k]
        if word == "(":
            depth += 1  # a parenthesis ("360 billion yuan ($50.7 billion)") does not end the clause
            continue
        if word == ")" and depth:
            depth -= 1
            continue
        if depth:
            continue
        if word in (";",) or (not extend and (word in lex.clause_breaks and word not in ("as",)
                                               or word in lex.complementizers)):
            end = k
            break
    return start, end


def _is_passive(norms: list[str], index: int, trig: Trigger, lex: Lexicon) -> bool:
    """'was invited by', 'have been killed': the subject undergoes the act."""
    g = lex.grammar
    if trig.nominal or index == 0:
        return False
    word = norms[index]
    if not (g.is_past(word) or word in g.irregular_participles) or word in g.adjectival_participles:
        return False
    first = max(0, index - 3)
    before = norms[first:index]

    def auxiliary(k: int) -> bool:
        # "Poland's parliament demanded": a possessive 's, not "is", unless a verb follows it
        return norms[k] in g.be_forms and (norms[k] not in g.possessive_markers or k + 1 == index
                                           or norms[k + 1] in g.be_forms or g.is_adverb(norms[k + 1]))
    return any(auxiliary(k) for k in range(first, index)) and not any(w in g.perfect_aux for w in before[-1:])


def _dateline_end(tokens: list[Token]) -> int:
    """Index after a leading dateline ('MOSCOW —', 'NICE, France (AP) —'), or 0."""
    for k, token in enumerate(tokens[:8]):
        if token.text in ("—", "–") or (token.text == "-" and k > 0):
            head = [t.text for t in tokens[:k] if t.text[:1].isalpha()]
            return k + 1 if head and head[0].isupper() and len(head[0]) > 1 else 0
    return 0


def _attributed(norms: list[str], lex: Lexicon) -> bool:
    g = lex.grammar
    return any(w in g.report_verbs or w in g.hypothetical_frames or w in g.source_markers
               or w in g.conditionals for w in norms)


def _is_source(mention: Mention, norms: list[str], lex: Lexicon, capitalized: frozenset[int] = frozenset()) -> bool:
    """', U.S. officials said' / ', said Ned Price': the source of the report, not a party to the event."""
    end = mention.end
    while end < len(norms) and end - mention.end < 3 and norms[end][:1].isalpha() \
            and norms[end] not in lex.grammar.report_verbs and (end in capitalized
                                                                 or norms[end] in lex.grammar.source_nouns):
        end += 1  # "the news agency Ceteka said", "police sources said"
    after = norms[end] if end < len(norms) else ""
    before = norms[mention.start - 1] if mention.start else ""
    return after in lex.grammar.report_verbs or (before in lex.grammar.report_verbs and mention.start > 1
                                                 and norms[mention.start - 2] in (",", "”", "\"", "''"))


def _apposition_head(mention: Mention, candidates: list[Mention], norms: list[str], verb: int) -> Mention:
    """'Pakistan, a key U.S. ally, has refused': a mention inside an apposition set off by commas
    qualifies the noun phrase before it, which is the subject (unless that phrase's country is only
    the discourse's: 'The delegation, led by White House coordinator Kurt Campbell, met ...')."""
    close = next((k for k in range(mention.end, verb) if norms[k] == ","), None)
    if close is None:
        return mention
    opening = next((k for k in range(mention.start - 1, -1, -1) if norms[k] == ","), None)
    if opening is None:
        return mention
    head = next((m for m in candidates if m.end == opening and not m.borrowed), None)
    return head if head is not None and head is not mention else mention


def _agent_of_participle(mention: Mention, norms: list[str], lex: Lexicon, of_noun: bool = False) -> bool:
    """'protested against sanctions imposed by the United States': the agent of what the act is
    aimed at is its target; for demands and accusations, the agent of a noun too ('demanded an
    admission by Moscow', 'condemned the attack by Russia')."""
    k = mention.start - 1
    while k > 0 and norms[k] in lex.determiners:
        k -= 1
    if k < 1 or norms[k] not in lex.grammar.passive_agents or mention.borrowed or mention.resolution is None \
            or mention.resolution.actor.code is None:
        return False
    participle = norms[k - 1]
    return of_noun or lex.grammar.is_past(participle) or participle in lex.grammar.irregular_participles


def _possessor_of_next(mention: Mention, mentions: list[Mention]) -> bool:
    """"Trump's ally Jair Bolsonaro": the possessor qualifies the next mention, which is the party."""
    if not mention.possessive or mention.pronoun:
        return False
    return any(0 < m.start - mention.end <= 3 for m in mentions)


def _purpose_infinitive(norms: list[str], item: Found, previous: Found, lex: Lexicon) -> bool:
    """'telephoned X to discuss ...', 'visited Y to sign ...': the purpose restates the first act."""
    k = item.start - 1
    if k < 0 or norms[k] not in lex.grammar.infinitive_marker or item.type_override or item.modality \
            or item.trigger.nominal:  # "com a visita": Portuguese "a" is also an article
        return False
    return previous.end <= k and not any(w in lex.clause_breaks for w in norms[previous.end:k])


def _coordinated_verbs(norms: list[str], prior: Found, item: Found, lex: Lexicon) -> bool:
    """'X kidnapped A and exploded B': the two verbs share X."""
    between = norms[prior.span_end:item.start]
    if not any(w in lex.conjunctions for w in between) or any(
            w == ";" or w in lex.grammar.relative_words for w in between):
        return False
    # the word right before the second verb is the conjunction (or an adverb after it)
    tail = [w for w in between if not lex.grammar.is_adverb(w) and w not in lex.grammar.verb_lead - {"and", ","}]
    return bool(tail) and tail[-1] in lex.conjunctions


def _used_as_noun(norms: list[str], index: int, lex: Lexicon, inside: set[int],
                  adjectives: frozenset[str] = frozenset(), capitalized: frozenset[int] = frozenset()) -> bool:
    """'a bomb attack', 'fierce fighting', 'the visit': a verb form used as a noun is no verbal trigger."""
    g = lex.grammar
    word = norms[index]
    if index == 0:
        return False
    prev = norms[index - 1]
    if index - 1 in capitalized and prev not in lex.determiners \
            and _name_in_noun_phrase(norms, index, lex, capitalized, inside):
        return True  # "a close U.S. partner", "the new U.S. sanctions": a name qualifying a noun
    if (index - 1 in capitalized and prev not in lex.determiners) or prev in g.date_adverbs:
        return False  # "The United States on Thursday demanded": a name or a date before a verb
    if g.is_past(word):
        # "the proposed changes", "reject proposed changes": a participle used as an adjective;
        # "six countries invited to join": a reduced passive
        if index - 1 in inside or prev in g.verb_lead or g.is_adverb(prev) or prev in g.be_forms \
                or prev in g.perfect_aux:
            return False
        if prev in lex.determiners:
            return True
        k = index - 1
        while k >= 0 and index - k <= 4 and norms[k].isalpha() and norms[k] not in lex.verb_forms \
                and k not in inside and norms[k] not in g.be_forms and norms[k] not in g.perfect_aux:
            k -= 1
        if k >= 0 and (norms[k] in g.be_forms or norms[k] in g.perfect_aux or norms[k] in g.verb_lead
                       and norms[k] not in lex.conjunctions):
            return False  # "has once again outright rejected": its own auxiliary
        # after a noun it is a reduced relative only when the clause already has its verb
        # ("Argentina was one of six countries invited to join" vs "Israeli tanks fired")
        earlier_verb = any(w in g.be_forms or w in g.perfect_aux for w in norms[:index - 1])
        return earlier_verb and (prev in lex.verb_forms or (
            prev.isalpha() and prev.islower() and prev not in lex.conjunctions and prev not in lex.pronouns))
    if prev in g.possessive_pronouns or prev in g.possessive_markers:
        return True  # "his host", "Russia's help"
    if index - 1 in inside:
        # "Russia attacked" is a verb; "Chinese financing" and "dismissed U.S. sanctions" are nouns
        start = index - 1
        while start - 1 in inside:
            start -= 1
        object_of_verb = start > 0 and norms[start - 1] in lex.verb_forms and norms[start - 1] not in g.verb_lead \
            and word.endswith("s") and not g.is_past(word)
        return prev in adjectives or object_of_verb
    if prev in g.verb_lead or g.is_adverb(prev):
        return False
    if g.is_infinitive(word) and (prev not in lex.determiners or prev in g.infinitive_marker):
        return False  # "antes de visitar", "decidiu romper", "voltou a visitar": an infinitive is a verb
    following = norms[index + 1] if index + 1 < len(norms) else ""
    if g.is_gerund(word) and prev not in g.prepositions and following in lex.complementizers:
        return False  # a reporting participle: "a declaration demanding that ..."
    if prev in lex.determiners or prev in g.possessive_markers or prev in g.prepositions:
        return True
    if g.adjective_after_noun:
        return False  # modifiers follow their noun: the word before a verb form is not one of them
    if g.is_gerund(word) and (prev in lex.verb_forms or prev in g.particles):
        return False  # "rule out sending", "did not stop questioning"
    # a lowercase word before a bare or -ing form is a modifier ("car bombing") or a verb whose
    # object it is ("halt attacks"); after "while", "when", "after" it opens a clause
    return prev.isalpha() and prev.islower() and prev not in lex.conjunctions and prev not in lex.pronouns \
        and prev not in lex.clause_breaks


def _name_in_noun_phrase(norms: list[str], index: int, lex: Lexicon, capitalized: frozenset[int],
                         inside: set[int]) -> bool:
    """Whether the name before `index` follows an indefinite article, or a determiner and an adjective
    (not a title: "the president Lula met")."""
    g = lex.grammar
    k = index - 1
    while k >= 0 and k in capitalized:
        k -= 1
    adjectives = 0
    while k >= 0 and index - k <= 5 and norms[k].isalpha() and k not in capitalized and k not in inside \
            and norms[k] not in lex.determiners and norms[k] not in lex.verb_forms and norms[k] not in g.prepositions \
            and norms[k] not in lex.conjunctions and norms[k] not in g.verb_lead and norms[k] not in g.be_forms:
        k -= 1
        adjectives += 1
    return k >= 0 and (norms[k] in g.indefinite_articles or adjectives > 0 and norms[k] in lex.determiners)


def _bare_infinitive_embedding(norms: list[str], start: int, lex: Lexicon) -> tuple[str | None, int]:
    """'prometió enviar', 'decidiu romper': an infinitive right after its embedding verb, no marker."""
    g = lex.grammar
    if start > 0 and norms[start - 1] in g.perfect_aux and g.is_infinitive(norms[start - 1]):
        start -= 1  # "negó haber enviado": a perfect infinitive
    if not g.is_infinitive(norms[start]):
        return None, -1
    k = start - 1
    # light words and a date may stand between them: "prometeu nesta quinta-feira (27) enviar"
    while k >= 0 and start - k <= 6 and (norms[k] in g.light_words or norms[k] in g.date_adverbs
                                         or norms[k] in lex.date_words or not norms[k].isalpha()):
        k -= 1
    for length in range(lex.max_embedding_len, 0, -1):
        j = k - length + 1
        key = tuple(norms[j:k + 1]) if j >= 0 else ()
        if key in lex.embedding:
            return lex.embedding[key], j
    return None, -1


def _relative_antecedent(norms: list[str], k: int, lex: Lexicon) -> bool:
    """Whether the 'that'/'que' at k opens a relative clause (after a noun or a comma), not the
    complement of a verb ('said that', 'anunció que')."""
    if k == 0:
        return False
    prev = norms[k - 1]
    return prev not in lex.verb_forms and prev not in lex.grammar.report_verbs \
        and prev not in lex.grammar.hypothetical_frames and (prev,) not in lex.embedding


def _form_modality(norms: list[str], item: Found, lex: Lexicon) -> str | None:
    """The modality a trigger's own verb form carries ("visitará": future, "visitaría": hypothetical)."""
    return next((lex.form_modality[w] for w in norms[item.start:item.end] if w in lex.form_modality), None)


def _has_any(window: list[str], phrases: list[tuple[str, ...]]) -> bool:
    for i in range(len(window)):
        for phrase in phrases:
            if tuple(window[i:i + len(phrase)]) == phrase:
                return True
    return False


def deduplicate(events: list[Event], lemmas: dict[str, str] | None = None) -> list[Event]:
    """One event reported twice in a document is kept once (its most confident mention).

    Two records are the same event when type, parties and modality agree and the same word
    reports them (or both are CONSULT between the same two parties): "agreed to deepen ties" and
    "reaffirmed their commitment" are two acts, two mentions of "spoke by phone" are one.
    """
    lemmas = lemmas or {}
    seen_in_sentence: set[tuple] = set()
    best: dict[tuple, Event] = {}
    order: list[tuple] = []
    for event in events:
        pair = (event.actor.code, event.recipient.code if event.recipient else None)
        if event.event_type == "CONSULT":
            pair = tuple(sorted(pair, key=lambda c: c or ""))
        # a visit and a phone call between the same two parties are two contacts
        word = (event.mode == "visit") if event.event_type == "CONSULT" else lemmas.get(event.id)
        if (event.event_type, pair, event.modality, event.sentence_index) in seen_in_sentence:
            continue  # "opened fire ..., killing one person": one act told twice in a sentence
        seen_in_sentence.add((event.event_type, pair, event.modality, event.sentence_index))
        key = (event.event_type, pair, event.modality, word)
        if key not in best:
            best[key] = event
            order.append(key)
        elif event.confidence > best[key].confidence + 0.1:
            best[key] = event
    return [best[k] for k in order]
