"""Chunks a sentence's tokens into actor phrases (mentions) and groups coordinated ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from suasion.extract.lexicon import Lexicon
from suasion.resolve.actors import ActorResolver, Part, Resolution, TermMatch
from suasion.resolve.text import Token, tokenize

HEAD_KINDS = frozenset({"title", "sector"})
NAME_LIKE = frozenset({"person", "name", "honorific"})


@dataclass(slots=True)
class Mention:
    """An actor phrase in a sentence, with its resolution once resolved."""

    start: int  # token index
    end: int  # exclusive
    parts: list[Part]
    text: str = ""
    char_start: int = 0
    char_end: int = 0
    pronoun: str | None = None  # person | thing | group | we | i | pair | region | body | neighbour | country
    group: int = -1  # coordination group id
    after_prep: str | None = None  # the preposition governing this mention, if any
    possessive: bool = False  # followed by 's
    adjectival: bool = False  # a demonym qualifying a common noun ("la ciudad china"): no subject
    borrowed: bool = False  # its country was taken from the discourse ("the ministry")
    owned: bool = False  # its country comes from a possessive pronoun ("its troops")
    apposed: bool = False  # follows a comma right after another mention ("his counterpart, X,")
    border: bool = False  # a demonym qualifying a border ("near the Ukrainian border")
    ethnic: bool = False  # a people named by a demonym ("ethnic Albanians"), coded by where it lives
    resolution: Resolution | None = None
    extra: list[Resolution] = field(default_factory=list)  # more referents (pair phrases)

    @property
    def code(self) -> str | None:
        return self.resolution.actor.code if self.resolution else None

    def kinds(self) -> set[str]:
        return {p.kind for p in self.parts}


def chunk(tokens: list[Token], sentence: str, resolver: ActorResolver, lex: Lexicon,
          language: str, known_names: dict | None = None) -> list[Mention]:
    """Actor phrases of a sentence, left to right, with coordination groups and governing prepositions."""
    matches = resolver.match_terms(tokens, language)
    by_start = {m.start: m for m in matches}
    _add_led_compounds(tokens, by_start, resolver, lex, language)
    mentions: list[Mention] = []
    n = len(tokens)
    i = 0
    while i < n:
        pair_len = _pair_phrase_at(tokens, i, lex)
        if pair_len:
            mentions.append(Mention(i, i + pair_len, [], pronoun="pair"))
            i += pair_len
            continue
        region_len = _phrase_at(tokens, i, lex.region_anaphors)
        if region_len:
            mentions.append(Mention(i, i + region_len, [], pronoun="region"))  # "the region"
            i += region_len
            continue
        body_len = _phrase_at(tokens, i, lex.body_anaphors)
        if body_len and all(t.text.islower() for t in tokens[i + 1:i + body_len]):  # not "the Organization of ..."
            mentions.append(Mention(i, i + body_len, [], pronoun="body"))  # "the bloc"
            i += body_len
            continue
        norm = tokens[i].norm
        if norm in lex.grammar.possessive_pronouns and norm in lex.pronouns and i + 1 < n:
            follower = tokens[i + 1].norm
            # "its neighbour": another state; "his country": the possessor's own
            relation = "neighbour" if follower in lex.grammar.neighbour_nouns else \
                "country" if follower in lex.grammar.country_nouns else None
            if relation is not None:
                mentions.append(Mention(i, i + 2, [], pronoun=relation))
                i += 2
                continue
        if norm in lex.pronouns and i not in by_start:
            mentions.append(Mention(i, i + 1, [], pronoun=lex.pronouns[norm]))
            i += 1
            continue
        start_match = by_start.get(i)
        if start_match is not None and start_match.end == i + 1 and i > 0 and norm in lex.verb_forms and \
                tokens[i - 1].norm in lex.grammar.perfect_aux | lex.grammar.be_forms:
            i += 1  # "ha enviado tropas", "foi enviado": a participle, not the title "enviado"
            continue
        fuzzy = None
        if start_match is None and tokens[i].text[:1].isupper() and tokens[i].norm not in lex.verb_forms:
            # a name already met in the document ("Lai Ching-te ... Lai met"), else a near spelling
            known = (known_names or {}).get(tokens[i].norm)
            people = [known] if known is not None else resolver.fuzzy_person(tokens[i].text)
            if people:
                fuzzy = Part("person", tokens[i].text, None, people)
        if start_match is None and fuzzy is None:
            i += 1
            continue
        if start_match is not None and "nonactor" in start_match.kinds():
            i = start_match.end
            continue
        if start_match is not None and i > 0 and tokens[i - 1].norm == "(" and tokens[i].text.isupper() \
                and start_match.end < n and tokens[start_match.end].norm == ")" \
                and "person" in start_match.kinds():
            i = start_match.end  # "Municipality Association (AKK)": the acronym abbreviates that name
            continue
        if start_match is not None and start_match.kinds() <= {"honorific", "former"} and not _next_is_name(
                tokens, start_match.end, by_start):
            i = start_match.end
            continue
        parts: list[Part] = []
        j = i
        while j < n:
            match = by_start.get(j)
            if match is not None and "nonactor" in match.kinds():
                break
            if match is not None and parts and match.end == j + 1 and tokens[j].norm in lex.modifiers \
                    and _head_beyond(tokens, j + 1, by_start, lex):
                j += 1  # "Argentina's state nuclear company": 'state' qualifies the head that follows
                continue
            if match is not None:
                part = resolver.part_from_match(match, tokens)
                leader_body = part.kind == "sector" and parts and parts[-1].kind == "person" \
                    and " ".join(t.norm for t in tokens[match.start:match.end]) in lex.grammar.leader_bodies
                if not leader_body and not _compatible(parts, part, lex.grammar.adjective_after_noun):
                    break  # ("the Biden administration" is one phrase: the leader's government)
                parts.append(part)
                j = match.end
                continue
            if fuzzy is not None and j == i:
                parts.append(fuzzy)
                j += 1
                continue
            tok = tokens[j]
            if tok.norm in lex.grammar.possessive_markers and parts and \
                    _continues_after_possessive(tokens, j + 1, by_start, lex):
                j += 1
                continue
            if tok.norm in lex.modifiers and parts and _more_phrase_ahead(tokens, j + 1, by_start, lex):
                j += 1
                continue
            if parts and parts[-1].kind in ("demonym", "country") and tok.text.isalpha() and tok.text.islower() \
                    and tok.norm not in lex.verb_forms and tok.norm not in lex.determiners \
                    and tok.norm not in lex.conjunctions and tok.norm not in lex.grammar.prepositions \
                    and _more_phrase_ahead(tokens, j + 1, by_start, lex):
                j += 1  # "Malian transitional authorities"
                continue
            if tok.norm in lex.grammar.quantifiers and parts and parts[-1].kind in HEAD_KINDS | {"demonym"}:
                j += 1  # "opposition leaders", "Russian officials and members"
                continue
            owned = i > 0 and (tokens[i - 1].norm in lex.grammar.possessive_pronouns
                               or tokens[i - 1].norm in lex.grammar.possessive_markers)
            if tok.norm in lex.grammar.attaching_preps and parts and \
                    (tok.norm in lex.grammar.partitive_preps or not owned) and \
                    any(p.kind in HEAD_KINDS for p in parts) and not any(
                        p.kind in ("country", "org", "region", "demonym", "capital") for p in parts):
                k = j + 1
                if k < n and tokens[k].norm in lex.determiners:
                    k += 1
                target = by_start.get(k)
                if target is not None and target.kinds() & {"country", "org", "region", "capital", "entity"}:
                    j = k
                    continue
                if target is not None and "person" in target.kinds() and {p.kind for p in parts} <= {"sector"} \
                        and tok.norm in lex.grammar.genitive_preps:
                    j = k  # "el gobierno de Daniel Ortega": the leader's government
                    continue
                break
            if tok.text[:1].isupper() and parts and (parts[-1].kind in NAME_LIKE | {"title"}) and \
                    tok.norm not in lex.verb_forms and tok.norm not in lex.pronouns and len(tok.text) > 1:
                parts.append(Part("name", tok.text))
                j += 1
                continue
            break
        if not parts:
            i = max(j, i + 1)
            continue
        if j - 1 > i and tokens[j - 1].norm in lex.grammar.possessive_markers:
            j -= 1  # "Maduro's government": the phrase stopped after the 's; the owner is possessive
        if lex.grammar.adjective_after_noun and parts[0].kind == "sector" and i in by_start and \
                _after_common_noun(tokens, i, lex):
            # "relaciones diplomáticas", "personal diplomático de Managua": a sector word used as an
            # adjective; what follows it may still be an actor
            i = by_start[i].end
            continue
        if j == i + 1 and tokens[i].text.islower() and tokens[i].norm in lex.grammar.attributive_words and (
                _after_common_noun(tokens, i, lex) if lex.grammar.adjective_after_noun
                else _before_common_noun(tokens, j, lex, after_determiner=i > 0
                                         and tokens[i - 1].norm in lex.determiners)
                or _after_common_noun(tokens, i, lex) and j < n and tokens[j].text.isalpha()
                and tokens[j].text.islower()):  # "scarce public funds": inside a noun phrase
            i = j  # "a general strike", "public funds", "huelga general": an adjective, not an actor
            continue
        # A lone demonym before a noun that is not an actor word is a place adjective ("Russian influence").
        mention = Mention(i, j, parts)
        # "on the Thai border", "la frontera colombiana": a place two states share
        mention.border = {p.kind for p in parts} <= {"demonym"} and (
            j < n and tokens[j].norm in lex.grammar.border_nouns
            or lex.grammar.adjective_after_noun and i > 0 and tokens[i - 1].norm in lex.grammar.border_nouns)
        mentions.append(mention)
        i = j
    _finish(mentions, tokens, sentence, lex)
    return mentions


def _add_led_compounds(tokens: list[Token], by_start: dict[int, TermMatch], resolver: ActorResolver,
                       lex: Lexicon, language: str) -> None:
    """'the US-led war', 'a Saudi-led coalition': the state or body before the suffix is the actor."""
    covered = {k for m in by_start.values() for k in range(m.start, m.end)}
    for index, token in enumerate(tokens):
        suffix = next((s for s in lex.grammar.leader_suffixes if token.norm.endswith(s)), None)
        if suffix is None or index in covered or len(token.text) <= len(suffix):
            continue
        stem = tokenize(token.text[:-len(suffix)])
        found = resolver.match_terms(stem, language)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(stem):
            terms = [t for t in found[0].terms if t.kind in ("country", "demonym", "org")]
            if terms:
                by_start[index] = TermMatch(index, index + 1, terms)


def _pair_phrase_at(tokens: list[Token], i: int, lex: Lexicon) -> int:
    return _phrase_at(tokens, i, lex.pair_phrases)


def _phrase_at(tokens: list[Token], i: int, phrases: list[tuple[str, ...]]) -> int:
    for phrase in phrases:
        if tuple(t.norm for t in tokens[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _next_is_name(tokens: list[Token], j: int, by_start: dict) -> bool:
    return j < len(tokens) and (tokens[j].text[:1].isupper() or j in by_start)


def _compatible(parts: list[Part], part: Part, adjective_after_noun: bool = False) -> bool:
    """Whether a new term can extend the phrase (two states or two people start a new phrase)."""
    if not parts:
        return True
    kinds = {p.kind for p in parts}
    if adjective_after_noun and part.kind in ("demonym", "region_demonym") and parts[-1].kind in HEAD_KINDS \
            and not kinds & {"country", "demonym", "person"}:
        return True  # "el mandatario ruso", "o chanceler brasileiro"
    if part.kind in ("country", "capital", "seat") and kinds & {"country", "capital", "seat", "person", "name"}:
        return False
    if part.kind == "person" and "person" in kinds:
        return False
    if part.kind == "demonym" and kinds & {"person", "title", "sector", "name", "country", "org"}:
        return False
    if part.kind in ("org", "entity") and kinds & {"person", "name"}:
        return False
    if part.kind in ("title", "sector") and kinds & {"person", "name"} and parts[-1].kind in NAME_LIKE:
        return False
    return True


def _continues_after_possessive(tokens: list[Token], k: int, by_start: dict, lex: Lexicon) -> bool:
    return _head_ahead(tokens, k, by_start, lex, {"title", "sector", "person", "former", "honorific"})


def _head_ahead(tokens: list[Token], k: int, by_start: dict, lex: Lexicon, kinds: set[str]) -> bool:
    """Whether an actor head follows, past modifiers ("Venezuela's military", "senior officials")."""
    while k < len(tokens):
        match = by_start.get(k)
        if match is not None:
            return bool(match.kinds() & kinds)
        if tokens[k].norm not in lex.modifiers:
            return False
        k += 1
    return False


def _head_beyond(tokens: list[Token], k: int, by_start: dict, lex: Lexicon) -> bool:
    """A sector or title head within two more adjectives ("state nuclear company")."""
    for step in range(3):
        match = by_start.get(k + step)
        if match is not None:
            return bool(match.kinds() & {"title", "sector"})
        token = tokens[k + step] if k + step < len(tokens) else None
        if token is None or not (token.text.isalpha() and token.text.islower()) or token.norm in lex.verb_forms:
            return False
    return False


def _more_phrase_ahead(tokens: list[Token], k: int, by_start: dict, lex: Lexicon) -> bool:
    return _head_ahead(tokens, k, by_start, lex, {"title", "sector", "person", "former", "honorific", "org"})


def _finish(mentions: list[Mention], tokens: list[Token], sentence: str, lex: Lexicon) -> None:
    """Offsets, text, possessives, governing prepositions and coordination groups."""
    group = 0
    previous: Mention | None = None
    for mention in mentions:
        mention.char_start = tokens[mention.start].start
        mention.char_end = tokens[mention.end - 1].end
        mention.text = sentence[mention.char_start:mention.char_end]
        grammar = lex.grammar
        mention.possessive = (mention.end < len(tokens) and tokens[mention.end].norm in grammar.possessive_markers
                              ) or (mention.pronoun not in (None, "neighbour", "country")
                                    and tokens[mention.start].norm in grammar.possessive_pronouns)
        k = mention.start - 1
        while k >= 0 and (tokens[k].norm in lex.determiners or tokens[k].norm in lex.modifiers) \
                and tokens[k].text.lower() not in grammar.accented_preps \
                and not (k == mention.start - 1 and tokens[k].norm in grammar.article_preps
                         and mention.parts and mention.parts[0].kind in ("capital", "person")):
            k -= 1
        # "in the West African country": up to two more words of the noun phrase before its preposition
        j = k
        while j >= 0 and mention.start - j <= 4 and tokens[j].norm.isalpha() and tokens[j].norm not in lex.verb_forms \
                and tokens[j].norm not in lex.conjunctions and tokens[j].norm not in grammar.prepositions:
            j -= 1
        if j >= 0 and j != k and not mention.pronoun and tokens[j].norm in grammar.prepositions and all(
                (tokens[i].norm in lex.determiners or tokens[i].norm in lex.modifiers or tokens[i].text[:1].isupper())
                and tokens[i].norm not in grammar.date_adverbs and tokens[i].norm not in lex.date_words
                for i in range(j + 1, k + 1)):  # "in January the U.S. Treasury": no phrase of "in"
            k = j
        if k >= 0 and tokens[k].norm in grammar.prepositions and tokens[k].norm not in lex.clause_breaks:
            mention.after_prep = tokens[k].norm
            # "a group of Moroccan diplomats", "thousands of Iraqi Kurds": the mention heads the phrase.
            if tokens[k].norm in grammar.partitive_preps and (k == 0 or tokens[k - 1].norm in grammar.quantifiers or
                                           tokens[k - 1].norm.isdigit() or tokens[k - 1].norm.replace(",", "").isdigit()):
                mention.after_prep = None
        mention.apposed = previous is not None and mention.start - previous.end <= 3 \
            and tokens[mention.start - 1].norm == "," and all(
                t.norm.isalpha() and t.norm.islower() for t in tokens[previous.end:mention.start - 1])
        if previous is not None and not mention.pronoun and not previous.pronoun and \
                _coordinated(tokens, previous.end, mention.start, lex):
            mention.group = previous.group
        else:
            group += 1
            mention.group = group
        previous = mention
    _split_comma_only_groups(mentions, tokens, lex)
    first_of_group: dict[int, Mention] = {}
    for mention in mentions:
        first = first_of_group.setdefault(mention.group, mention)
        if first is not mention and mention.after_prep is None:
            mention.after_prep = first.after_prep  # "dependence on the IMF and the United States"
    for head, mention in zip(mentions, mentions[1:]):
        # "con el dictador nicaragüense, Daniel Ortega, y ...": a name in apposition to a title
        # shares the title's preposition (it is no subject)
        closed = mention.end < len(tokens) and tokens[mention.end].norm in (",", ".", ";", ")", "—")
        if mention.after_prep is None and head.after_prep is not None and mention.start == head.end + 1 \
                and tokens[head.end].norm == "," and closed and "person" in mention.kinds() \
                and head.kinds() & HEAD_KINDS and "person" not in head.kinds():
            mention.after_prep = head.after_prep
    group_sizes = Counter(m.group for m in mentions)
    for mention in mentions:
        if group_sizes[mention.group] == 1 and _postposed_adjective(mention, tokens, lex):
            mention.adjectival = True
    _distribute_heads(mentions)


def _postposed_adjective(mention: Mention, tokens: list[Token], lex: Lexicon) -> bool:
    """'la ciudad china', 'dosis rusas': where adjectives follow the noun, a lone demonym after a
    common noun qualifies it like a possessor ('Russia's doses'); it is not a subject."""
    if not lex.grammar.adjective_after_noun or mention.pronoun or \
            not mention.kinds() <= {"demonym", "region_demonym"}:
        return False
    return _after_common_noun(tokens, mention.start, lex)


def _after_common_noun(tokens: list[Token], start: int, lex: Lexicon) -> bool:
    """Whether the word before `start` is a lowercase content word (a noun an adjective may follow)."""
    if start == 0:
        return False
    prev = tokens[start - 1]
    return prev.text.isalpha() and prev.text.islower() and prev.norm not in lex.determiners \
        and prev.norm not in lex.grammar.prepositions and prev.norm not in lex.conjunctions \
        and prev.norm not in lex.modifiers and prev.norm not in lex.verb_forms \
        and prev.norm not in lex.pronouns and prev.norm not in lex.grammar.reflexive_pronouns


def _before_common_noun(tokens: list[Token], end: int, lex: Lexicon, after_determiner: bool = False) -> bool:
    """Whether the word at `end` is a lowercase content word an adjective may qualify (not a verb,
    an auxiliary or a function word)."""
    if end >= len(tokens):
        return False
    nxt = tokens[end]
    g = lex.grammar
    word = nxt.norm
    # after a determiner a bare form is a noun ("a general strike") and an -s form may be a verb
    # ("the military says"); with none, an -s form is a plural noun ("public funds")
    verb = word in lex.verb_forms and word.endswith("s") == after_determiner
    return nxt.text.isalpha() and nxt.text.islower() and word not in lex.determiners \
        and word not in g.prepositions and word not in lex.conjunctions and not verb \
        and word not in lex.pronouns and word not in lex.complementizers and word not in g.verb_lead \
        and word not in g.report_verbs and word not in g.be_forms and word not in g.perfect_aux \
        and word not in g.relative_words and word not in lex.clause_breaks and word not in g.date_adverbs \
        and not g.is_past(word) and not g.is_adverb(word) and not g.is_gerund(word)


def _split_comma_only_groups(mentions: list[Mention], tokens: list[Token], lex: Lexicon) -> None:
    """'A, B' is an apposition or a list break, not a coordination, unless 'and'/'or' joins the list."""
    members: dict[int, list[Mention]] = {}
    for m in mentions:
        members.setdefault(m.group, []).append(m)
    next_group = max(members, default=0) + 1
    for group_id, group in members.items():
        if len(group) < 2:
            continue
        joins = [{t.norm for t in tokens[a.end:b.start]} - lex.determiners for a, b in zip(group, group[1:])]
        if any(j - {","} for j in joins):
            continue
        if len(group) >= 3 and all(m.kinds() == {"country"} for m in group):
            continue  # "Cuba, Venezuela, Nicaragua": a list of states, even without "and"
        for m in group[1:]:
            m.group = next_group
            next_group += 1


def _coordinated(tokens: list[Token], a_end: int, b_start: int, lex: Lexicon) -> bool:
    between = [t.norm for t in tokens[a_end:b_start]]
    between = [w for w in between if w not in lex.determiners and not w.replace(",", "").isdigit()]
    if not between:
        return False
    joined = " ".join(between)
    return all(w in lex.conjunctions for w in between) or joined in lex.conjunctions or joined in (
        ", and", ", or", "and also", ", as well as")


def _distribute_heads(mentions: list[Mention]) -> None:
    """'Venezuelan and Cuban leaders': the shared head noun applies to every conjunct."""
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.group, []).append(m)
    for members in groups.values():
        if len(members) < 2:
            continue
        heads = [p for p in members[-1].parts if p.kind in HEAD_KINDS]
        if heads:
            for m in members[:-1]:
                if m.kinds() <= {"demonym", "country", "former"}:
                    m.parts.extend(heads)
        first_heads = [p for p in members[0].parts if p.kind in HEAD_KINDS]
        if first_heads and any(p.kind in ("country", "org") for p in members[0].parts):
            for m in members[1:]:
                if m.kinds() <= {"country"}:
                    m.parts.extend(first_heads)
