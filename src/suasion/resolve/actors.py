"""Finds actor terms in tokens and resolves an actor phrase to code, sector and name on a date."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from suasion.model.records import Actor
from suasion.resolve.knowledge import Knowledge, Person, Term, day_of, default_knowledge
from suasion.resolve.text import Token, fold, tokenize

# Region codes that may stand as actors; sub-regions fold into their group.
GROUP_CODES = {"LAM": "LAM", "SAM": "SAM", "AFR": "AFR", "WST": "WST", "CAM": "LAM", "CRB": "LAM",
               "SSA": "AFR"}
MIN_FUZZY_LEN = 5


@dataclass(slots=True)
class TermMatch:
    start: int  # token index
    end: int  # token index, exclusive
    terms: list[Term]

    def kinds(self) -> set[str]:
        return {t.kind for t in self.terms}

    def first(self, *kinds: str) -> Term | None:
        for term in self.terms:
            if term.kind in kinds:
                return term
        return None


@dataclass(slots=True)
class Part:
    """One piece of an actor phrase: a known term or an unknown capitalised name."""

    kind: str
    text: str
    term: Term | None = None
    people: list[Person] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    """What the resolver decided for a phrase, and why."""

    actor: Actor
    confidence: float
    person_id: str | None = None
    kind: str = "state"  # person | state | group | org | unknown
    plural: bool = False
    reasons: list[str] = field(default_factory=list)


def _cased(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


class ActorResolver:
    """Term matching and date-aware resolution over one Knowledge (read-only, shareable)."""

    def __init__(self, kb: Knowledge | None = None) -> None:
        self.kb = kb or default_knowledge()
        surnames: dict[str, set[str]] = {}
        for person in self.kb.people.values():
            for alias in (person.name, *person.aliases):
                words = alias.split()
                if words and len(words[-1]) >= MIN_FUZZY_LEN:
                    surnames.setdefault(fold(words[-1]), set()).add(person.id)
        self._surnames = surnames
        self._surname_keys = list(surnames)
        self._fuzzy = functools.lru_cache(maxsize=50_000)(self._fuzzy_uncached)
        self.lookup_cached = functools.lru_cache(maxsize=200_000)(self.lookup)

    # -- term matching ------------------------------------------------------------------------
    def match_terms(self, tokens: list[Token], language: str | None = None) -> list[TermMatch]:
        """Longest known phrases, left to right, honouring capitalisation for names."""
        matches: list[TermMatch] = []
        terms_index = self.kb.terms
        first_tokens = self.kb.first_tokens
        i, n = 0, len(tokens)
        while i < n:
            longest = first_tokens.get(tokens[i].norm)
            found = None
            if longest:
                for length in range(min(longest, n - i), 0, -1):
                    key = tuple(t.norm for t in tokens[i:i + length])
                    candidates = terms_index.get(key)
                    if not candidates:
                        continue
                    usable = [t for t in candidates if self._usable(t, tokens[i:i + length], language)]
                    if usable:
                        found = TermMatch(i, i + length, usable)
                        break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches

    @staticmethod
    def _usable(term: Term, span: list[Token], language: str | None) -> bool:
        if term.cased and not _cased(span[0]):
            return False
        if term.exact_case and not all(t.text.isupper() or not t.text.isalpha() for t in span):
            return False
        if term.kind in ("title", "sector", "former", "honorific") and term.lang and language \
                and term.lang != language:
            return False
        if term.kind == "person" and len(span) == 1 and span[0].text.isupper() and len(span[0].text) > 3:
            return False  # an all-caps word is a heading or acronym, not a surname
        return True

    def fuzzy_person(self, word: str) -> list[Person]:
        """People whose surname is a near spelling of `word` (bounded: one close, unique hit)."""
        if len(word) < MIN_FUZZY_LEN or not word[:1].isupper():
            return []
        return [self.kb.people[pid] for pid in self._fuzzy(fold(word))]

    def _fuzzy_uncached(self, folded: str) -> tuple[str, ...]:
        hits = process.extract(folded, self._surname_keys, scorer=fuzz.ratio, score_cutoff=86, limit=3)
        if not hits:
            return ()
        best = hits[0]
        # Two different surnames equally close: refuse to guess an identity.
        if len(hits) > 1 and hits[1][1] >= best[1] - 2 and hits[1][0] != best[0]:
            return ()
        if best[0][:1] != folded[:1] and best[1] < 92:
            return ()
        return tuple(sorted(self._surnames[best[0]]))

    # -- resolution ----------------------------------------------------------------------------
    def choose_person(self, people: list[Person], date: str | None, country: str | None = None,
                      recent: list[str] | None = None) -> Person | None:
        """Pick one person among namesakes: recently mentioned, then the right country, then in office."""
        if not people:
            return None
        if len(people) == 1:
            return people[0]
        if recent:
            for pid in reversed(recent):
                for person in people:
                    if person.id == pid:
                        return person
        if country:
            same = [p for p in people if p.country == country]
            if len(same) == 1:
                return same[0]
            people = same or people
        day = day_of(date)
        active = [p for p in people if p.role_on(day)]
        if len(active) == 1:
            return active[0]
        if active:
            ranked = sorted(active, key=lambda p: _rank(p.role_on(day).role))
            if _rank(ranked[0].role_on(day).role) < _rank(ranked[1].role_on(day).role):
                return ranked[0]
        return None

    def resolve_parts(self, parts: list[Part], date: str | None, text: str,
                      recent_people: list[str] | None = None) -> Resolution:
        """Resolve one actor phrase made of parts (demonym + title + name, 'X's foreign ministry', ...)."""
        reasons: list[str] = []
        code: str | None = None
        sector: str | None = None
        name: str | None = None
        person: Person | None = None
        kind = "unknown"
        former = any(p.kind == "former" for p in parts)
        title_term = next((p.term for p in parts if p.kind == "title"), None)
        sector_term = next((p.term for p in parts if p.kind == "sector"), None)
        place = next((p for p in parts if p.kind in ("country", "demonym", "capital", "seat")), None)
        org = next((p for p in parts if p.kind in ("org", "entity")), None)
        region = next((p for p in parts if p.kind in ("region", "region_demonym")), None)
        named = [p for p in parts if p.kind == "person"]

        if place is not None:
            code = place.term.code
            reasons.append(f"{place.kind} {place.text!r} -> {code}")
        if named:
            person = self.choose_person(named[0].people, date, code, recent_people)
            if person is None and code is None:
                countries = {p.country for p in named[0].people}
                if len(countries) == 1:
                    code = countries.pop()
                    reasons.append(f"{named[0].text!r} names several people, all {code}")
            if person is not None:
                reasons.append(f"person {named[0].text!r} -> {person.name}")
        if person is None and title_term is not None and code is not None and title_term.ref:
            holders = self.kb.role_holders(code, title_term.ref, date)
            if len(holders) == 1:
                person = holders[0]
                reasons.append(f"{title_term.ref} of {code} on {date or 'today'} -> {person.name}")
        if person is not None:
            code = person.country_on(day_of(date))
            sector = person.sector_on(day_of(date))
            name = person.name
            kind = "person"
            reasons.append(f"{person.name} on {date or 'today'}: {sector}")
        elif org is not None and code is None:
            code, sector = org.term.code, org.term.sector
            name = org.term.ref if org.kind == "entity" else None
            kind = "org"
            reasons.append(f"{org.kind} {org.text!r} -> {code}/{sector}")
        elif region is not None and code is None:
            code = GROUP_CODES.get(region.term.code)
            kind = "group"
            reasons.append(f"region {region.text!r} -> {code}")
        if person is None:
            if title_term is not None:
                sector = title_term.sector
                kind = "person"
                reasons.append(f"title {title_term.ref} -> {sector}")
            elif sector_term is not None:
                sector = sector_term.sector
                kind = "group"
                reasons.append(f"sector noun -> {sector}")
            elif org is not None and sector is None:
                sector = org.term.sector
            elif place is not None and place.kind in ("country", "capital", "seat"):
                sector = place.term.sector or "GOV"
                kind = "state"
            elif place is not None and place.kind == "demonym":
                kind = "state"
            if any(p.kind == "name" for p in parts) and title_term is not None:
                name = " ".join(p.text for p in parts if p.kind == "name")
        if org is not None and code is not None and kind != "person" and org.term.code and not place:
            code = org.term.code
        if former:
            sector = "ELI"
            reasons.append("'former' -> ELI")
        confidence = 0.9 if (person or org or place) else (0.6 if region else 0.3)
        plural = sector_term is not None and text.rstrip().endswith("s")
        return Resolution(Actor(code, sector, name, text), confidence,
                          person.id if person else None, kind, plural, reasons)

    def parts_for_text(self, text: str, language: str | None = None) -> list[Part]:
        tokens = tokenize(text)
        parts: list[Part] = []
        matched = self.match_terms(tokens, language)
        covered = set()
        for match in matched:
            covered.update(range(match.start, match.end))
            parts.append(self.part_from_match(match, tokens))
        for i, token in enumerate(tokens):
            if i not in covered and token.text[:1].isupper():
                people = self.fuzzy_person(token.text)
                if people:
                    parts.append(Part("person", token.text, None, people))
                else:
                    parts.append(Part("name", token.text))
        return parts

    def part_from_match(self, match: TermMatch, tokens: list[Token]) -> Part:
        text = " ".join(t.text for t in tokens[match.start:match.end])
        people_ids = [t.ref for t in match.terms if t.kind == "person"]
        if people_ids:
            return Part("person", text, match.first("person"), [self.kb.people[p] for p in people_ids])
        for kind in ("org", "entity", "country", "capital", "seat", "region", "demonym", "region_demonym",
                     "title", "former", "sector", "honorific"):
            term = match.first(kind)
            if term is not None:
                return Part(kind, text, term)
        return Part("name", text)

    def lookup(self, text: str, date: str | None = None, language: str | None = None) -> Resolution:
        """Resolve a free-text mention ("Balsonaro", "the Russian deputy foreign minister") on a date."""
        parts = self.parts_for_text(text, language)
        if not parts:
            return Resolution(Actor(None, None, None, text), 0.0, reasons=["no known actor words"])
        return self.resolve_parts(parts, date, text)


def _rank(role: str) -> int:
    order = ("head_of_state", "head_of_government", "vice_president", "org_head", "foreign_minister")
    return order.index(role) if role in order else len(order)


@functools.lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    return ActorResolver()
