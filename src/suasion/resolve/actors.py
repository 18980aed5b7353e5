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
# A lone damaged surname needs a near spelling (fuzz.ratio); a surname after a given name that fits
# ("Jane Saki", "Anthony Blinkin") is corroborated and may be a little further off, and shorter.
LONE_SURNAME_CUTOFF = 86
NAMED_SURNAME_CUTOFF = 80
MIN_NAMED_SURNAME_LEN = 4
# Two different surnames this close in score to the best one make a guess unsafe.
AMBIGUOUS_MARGIN = 2
# A written given name fits a known one when spelt nearly alike or with the same consonants
# ("Jane"/"Jen", "Anthony"/"Antony"); a lone initial fits any name with that initial.
GIVEN_NAME_CUTOFF = 75
# Lower-case words that sit inside a person's name ("Maria Laura da Rocha", "Fernando de la Rúa").
NAME_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "del", "la", "las", "los", "e", "y", "van", "von",
                            "der", "den", "di", "du", "al", "bin", "ibn", "el"})
# When a title's own office has no holder on the date, these related offices answer for it: a
# country's "spokesman" is whichever spokesperson it has (the White House press secretary, the
# foreign ministry's spokesperson), provided only one of them fits.
ROLE_FALLBACKS = {
    "government_spokesperson": ("presidential_spokesperson", "foreign_ministry_spokesperson",
                                "defence_ministry_spokesperson"),
    "presidential_spokesperson": ("government_spokesperson",),
}


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
    # The first letter that has a case decides ("ʻAisake" starts with a modifier letter).
    first = next((ch for ch in token.text if ch.isupper() or ch.islower() or ch.isdigit()), "")
    return first.isupper() or first.isdigit()


class ActorResolver:
    """Term matching and date-aware resolution over one Knowledge (read-only, shareable).

    How a written name becomes a person, from the surest to the least sure:

    - a listed name or alias, written as listed (case- and accent-blind; "AMLO" in capitals);
    - a surname taken from a full name in the data, written exactly ("Price" for Ned Price);
    - a lone damaged surname (five letters or more) close to a name listed to stand alone
      ("Balsonaro", "Puttin"), never to a surname only taken from a full name ("Prince" is not
      Ned Price);
    - a given name and a damaged surname ("Jane Saki", "Anthony Blinkin"): the surname close, the
      given name fitting one of the person's (`_given_name_fits`).

    Anything else stays an unknown name: the matcher never invents an identity, and two
    candidates about equally close give no answer. Two more rules for free-text lookups: a
    one-word name of a body that lost a doubled letter ("Tas" for TASS) counts only where that
    spelling means nothing else; and a surname guess as the first word of a clause ("Price rose")
    is not taken, since its capital may be the sentence's.
    """

    def __init__(self, kb: Knowledge | None = None) -> None:
        self.kb = kb or default_knowledge()
        surnames: dict[str, set[str]] = {}
        listed: set[str] = set()
        given_names: dict[str, set[str]] = {}
        for person in self.kb.people.values():
            given_names[person.id] = {fold(words[0]) for words in map(_name_words, (person.name, *person.aliases))
                                      if len(words) > 1}
        # Words that begin somebody's name: a name's inner words found here are more given names.
        self._given_name_words = frozenset().union(*given_names.values())
        for person in self.kb.people.values():
            for key in _surname_keys(person, self._given_name_words):
                surnames.setdefault(key, set()).add(person.id)
            listed.update(fold(alias) for alias in person.aliases if len(alias.split()) == 1)
        self._surnames = surnames
        self._given_names = given_names
        # A lone word is matched loosely only against names listed to stand alone ("Putin" for
        # "Puttin"); a surname taken from a full name ("Price") must be written exactly when alone.
        self._surname_keys = [key for key in surnames if len(key) >= MIN_FUZZY_LEN and key in listed]
        self._named_surname_keys = [key for key in surnames if len(key) >= 3]
        self._degeminated = _degeminated_entities(self.kb)
        self._fuzzy = functools.lru_cache(maxsize=50_000)(self._fuzzy_uncached)
        self._fuzzy_named = functools.lru_cache(maxsize=50_000)(self._fuzzy_named_uncached)
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
        if term.kind in ("title", "sector", "former", "honorific", "demonym", "region_demonym") and term.lang \
                and language and term.lang != language:
            return False  # common words of one language ("helena": Greek in Portuguese) are names in another
        if term.kind == "person" and len(span) == 1 and span[0].text.isupper() and len(span[0].text) > 3 \
                and not term.exact_case:
            return False  # an all-caps word is a heading or acronym, not a surname
        return True

    def fuzzy_person(self, word: str) -> list[Person]:
        """People whose surname is a near spelling of `word` (bounded: one close, unique hit)."""
        if len(word) < MIN_FUZZY_LEN or not word[:1].isupper():
            return []
        return [self.kb.people[pid] for pid in self._fuzzy(fold(word))]

    def _fuzzy_uncached(self, folded: str) -> tuple[str, ...]:
        if folded in self._surnames:
            return tuple(sorted(self._surnames[folded]))
        hits = process.extract(folded, self._surname_keys, scorer=fuzz.ratio, score_cutoff=LONE_SURNAME_CUTOFF,
                               limit=3)
        if not hits:
            return ()
        best = hits[0]
        # Two different surnames equally close: refuse to guess an identity.
        if len(hits) > 1 and hits[1][1] >= best[1] - AMBIGUOUS_MARGIN and hits[1][0] != best[0]:
            return ()
        if best[0][:1] != folded[:1] and best[1] < 92:
            return ()
        return tuple(sorted(self._surnames[best[0]]))

    def fuzzy_full_name(self, words: list[str]) -> list[Person]:
        """People named by a given name and a possibly damaged surname ("Jane Saki", "Anthony Blinkin").

        The surname (the last word) must be a near spelling of a known surname and the given name
        (the first word) must fit one of that person's given names (see `_given_name_fits`): a
        namesake with another given name ("Jorge Borges" is not Julio Borges) is nobody. Two
        different surnames that fit about equally well give no answer.
        """
        words = [w for w in words if w[:1].isalpha()]
        if len(words) < 2 or not words[-1][:1].isupper() or not words[0][:1].isupper():
            return []
        return [self.kb.people[pid] for pid in self._fuzzy_named(fold(words[0]).rstrip("."), fold(words[-1]))]

    def _fuzzy_named_uncached(self, given: str, surname: str) -> tuple[str, ...]:
        if len(surname) < MIN_NAMED_SURNAME_LEN or not given:
            return ()
        hits = process.extract(surname, self._named_surname_keys, scorer=fuzz.ratio,
                               score_cutoff=NAMED_SURNAME_CUTOFF, limit=10)
        fitting: dict[str, tuple[float, set[str]]] = {}
        for key, score, _ in hits:
            if key[:1] != surname[:1] and score < LONE_SURNAME_CUTOFF:
                continue  # a damaged first letter must be made up by a close spelling ("Saki" for "Psaki")
            for pid in self._surnames[key]:
                if not any(_given_name_fits(given, known) for known in self._given_names.get(pid, ())):
                    continue
                best_score, people = fitting.get(key, (score, set()))
                people.add(pid)
                fitting[key] = (best_score, people)
        if not fitting:
            return ()
        ranked = sorted(fitting.items(), key=lambda item: -item[1][0])
        if len(ranked) > 1 and ranked[1][1][0] >= ranked[0][1][0] - AMBIGUOUS_MARGIN:
            return ()
        return tuple(sorted(ranked[0][1][1]))

    def degeminated_entity(self, word: str) -> list[Term]:
        """A named body whose one-word name lost a doubled letter in transliteration ("Tas" for "Tass")."""
        if len(word) < 3 or not word[:1].isupper():
            return []
        return list(self._degeminated.get(fold(word), ()))

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
        leader: Person | None = None  # the head of the body named ("the Biden administration")

        if place is not None:
            code = self.kb.state_on(place.term.code, day_of(date))
            reasons.append(f"{place.kind} {place.text!r} -> {code}")
        elif title_term is not None:
            # A title that names its seat ("Pentagon chief", "jefe del Pentágono") carries its state.
            title_part = next(p for p in parts if p.kind == "title")
            inner = self._term_inside(title_part.text, ("seat", "capital", "country", "demonym"))
            if inner is not None:
                code = inner.code
                reasons.append(f"{title_part.text!r} names {code}")
        if title_term is None and org is not None and org.kind == "org":
            # An organisation's office ("UN Secretary-General", "NATO Secretary General") is its head;
            # other title words inside a body's name ("UN General Assembly") say nothing.
            title_term = self._term_inside(org.text, ("title",), refs=("org_head",))
        written = [p.text for p in parts if p.kind == "name"]
        if not named and len(written) >= 2:
            # "White House Press Secretary Jane Saki": the written names may add up to a known person.
            found = self.fuzzy_full_name(written)
            if found:
                named = [Part("person", " ".join(written), None, found)]
                written = []
        named_index = next((i for i, p in enumerate(parts) if p.kind == "person"), None)
        if named and named_index is not None and named_index + 1 < len(parts) and parts[named_index + 1].kind == "name" and not any(
                fold(parts[named_index + 1].text) in {fold(w) for w in _name_words(p.name)} for p in named[0].people):
            # "Chadli Klibi" is not Chadli Bendjedid: a surname that follows a known name and is not
            # that person's names another person
            reasons.append(f"{named[0].text!r} is followed by {parts[named_index + 1].text!r}: another person")
            named = []
        if named:
            person = self.choose_person(named[0].people, date, code, recent_people)
            if person is None and code is None:
                countries = {p.country for p in named[0].people}
                if len(countries) == 1:
                    code = countries.pop()
                    reasons.append(f"{named[0].text!r} names several people, all {code}")
            if person is not None:
                reasons.append(f"person {named[0].text!r} -> {person.name}")
        office_of = code if code is not None else (org.term.code if org is not None and org.kind == "org" else None)
        if person is None and title_term is not None and office_of is not None and title_term.ref:
            holders = self.title_holders(office_of, title_term.ref, date)
            if named:
                # Namesakes ("Argentine President Fernández"): the one who holds the title then.
                holders = [h for h in holders if h in named[0].people]
            elif written:
                # A written name must fit the holder: "the US secretary of state John Smith" is not Blinken.
                holders = [h for h in holders if self._fits_name(h, written)]
            if len(holders) == 1:
                person = holders[0]
                reasons.append(f"{title_term.ref} of {office_of} on {date or 'today'} -> {person.name}")
        if person is not None and sector_term is not None and parts[-1].kind == "sector":
            # "the Biden administration": the body the leader heads, coded by the leader's state
            code = person.country_on(day_of(date))
            sector = sector_term.sector
            kind = "group"
            reasons.append(f"{person.name}'s {parts[-1].text} -> {code}/{sector}")
            leader, person = person, None
        elif person is not None:
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
            if written and title_term is not None:
                name = " ".join(written)
        if org is not None and code is not None and kind != "person" and org.term.code and not place:
            code = org.term.code
        if former:
            sector = "ELI"
            reasons.append("'former' -> ELI")
        confidence = 0.9 if (person or leader or org or place) else (0.6 if region else 0.3)
        plural = sector_term is not None and text.rstrip().endswith("s")
        return Resolution(Actor(code, sector, name, text), confidence,
                          person.id if person else None, kind, plural, reasons)

    def title_holders(self, code: str, role: str, date: str | None) -> list[Person]:
        """Who holds a titled office of a state or body on a date (related offices if it has none)."""
        holders = self.kb.role_holders(code, role, date)
        if holders:
            return holders
        related: list[Person] = []
        for other in ROLE_FALLBACKS.get(role, ()):
            related.extend(h for h in self.kb.role_holders(code, other, date) if h not in related)
        return related

    def _term_inside(self, text: str, kinds: tuple[str, ...], refs: tuple[str, ...] | None = None) -> Term | None:
        """A term of one of `kinds` (and `refs`) written inside a longer matched phrase, longest first."""
        tokens = tokenize(text)
        n = len(tokens)
        for length in range(n - 1, 0, -1):
            for start in range(0, n - length + 1):
                span = tokens[start:start + length]
                for term in self.kb.terms.get(tuple(t.norm for t in span), ()):
                    if term.kind in kinds and (refs is None or term.ref in refs) and self._usable(term, span, None):
                        return term
        return None

    def _fits_name(self, person: Person, written: list[str]) -> bool:
        """Whether written name words could name this person (surname close, given name fitting)."""
        surname = fold(written[-1])
        keys = _surname_keys(person, self._given_name_words) | {fold(w) for w in _name_words(person.name)[1:]}
        if not any(fuzz.ratio(surname, key) >= NAMED_SURNAME_CUTOFF for key in keys):
            return False
        if len(written) == 1:
            return True
        given = fold(written[0]).rstrip(".")
        return any(_given_name_fits(given, known) for known in self._given_names.get(person.id, ()))

    def parts_for_text(self, text: str, language: str | None = None) -> list[Part]:
        """The parts of a free-text mention, left to right; runs of capitalised words are read as names."""
        tokens = tokenize(text)
        by_start = {m.start: m for m in self.match_terms(tokens, language)}
        parts: list[Part] = []
        guessed_at: dict[int, Part] = {}  # token index -> a person part that rests on a surname guess
        i, n = 0, len(tokens)
        while i < n:
            run_end = self._name_run_end(tokens, i, by_start)
            if run_end > i:
                words = [t.text for t in tokens[i:run_end] if t.text[:1].isalpha()]
                people = self.fuzzy_full_name(words)
                if people:
                    parts.append(Part("person", " ".join(t.text for t in tokens[i:run_end]), None, people))
                else:
                    # Names that do not add up to a known person: keep what is listed, guess nothing.
                    parts.extend(self._run_parts(tokens, i, run_end, by_start))
                i = run_end
                continue
            match = by_start.get(i)
            if match is not None:
                parts.append(self.part_from_match(match, tokens))
                i = match.end
                continue
            token = tokens[i]
            if token.text[:1].isupper() and token.text[:1].isalpha():
                people = self.fuzzy_person(token.text)
                if people:
                    part = Part("person", token.text, None, people)
                    guessed_at[i] = part
                elif entities := self.degeminated_entity(token.text):
                    kind = "entity" if any(t.kind == "entity" for t in entities) else "org"
                    part = Part(kind, token.text, next(t for t in entities if t.kind == kind))
                else:
                    part = Part("name", token.text)
                parts.append(part)
            i += 1
        if 0 in guessed_at and _rest_is_plain_words(tokens, by_start):
            # "Price rose": a capital at the start of a clause may be the sentence's, not a name's,
            # so a surname guess there does not count; a listed name ("Putin said") still does.
            parts.remove(guessed_at[0])
        return parts

    def _name_run_end(self, tokens: list[Token], start: int, by_start: dict[int, TermMatch]) -> int:
        """End of a run of two or more name words starting at `start` (given name + surname), else `start`.

        Name words are capitalised words no term covers and one-word person terms ("Anthony" is
        also a surname); lower-case particles and initials' full stops may sit between them. A run
        that is one listed multi-word name is left to the term matcher.
        """
        j, names = start, 0
        n = len(tokens)
        while j < n:
            token = tokens[j]
            match = by_start.get(j)
            if match is not None:
                if match.end - match.start == 1 and match.kinds() == {"person"}:
                    names += 1
                    j += 1
                    continue
                break
            if token.text[:1].isupper() and token.text[:1].isalpha():
                names += 1
                j += 1
                if j < n and tokens[j].text == "." and len(token.text) == 1:
                    j += 1
                continue
            if token.norm in NAME_PARTICLES and names and j + 1 < n and tokens[j + 1].text[:1].isupper() \
                    and j + 1 not in by_start:
                j += 1
                continue
            break
        return j if names >= 2 else start

    def _run_parts(self, tokens: list[Token], start: int, end: int,
                   by_start: dict[int, TermMatch]) -> list[Part]:
        parts = []
        for k in range(start, end):
            match = by_start.get(k)
            if match is not None:
                parts.append(self.part_from_match(match, tokens))
            elif tokens[k].text[:1].isupper() and tokens[k].text[:1].isalpha():
                parts.append(Part("name", tokens[k].text))
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


def _given_name_fits(written: str, known: str) -> bool:
    """Whether a written given name may be a spelling of a known one (an initial fits its letter)."""
    if not written or not known or written[0] != known[0]:
        return False
    if len(written) == 1 or written == known:
        return True
    return fuzz.ratio(written, known) >= GIVEN_NAME_CUTOFF or _consonants(written) == _consonants(known)


def _consonants(word: str) -> str:
    """The first letter and the consonants after it, doubled letters once ("jane", "jen" -> "jn")."""
    skeleton = word[:1]
    for ch in word[1:]:
        if ch.isalpha() and ch not in "aeiouyhw" and ch != skeleton[-1]:
            skeleton += ch
    return skeleton


def _name_words(name: str) -> list[str]:
    """A name's words without initials ("John F. Kelly" -> John, Kelly)."""
    return [w for w in name.split() if len(w.rstrip(".")) > 1]


def _surname_keys(person: Person, given_names: frozenset[str]) -> set[str]:
    """The folded words a person may be called by alone.

    A one-word alias is listed to be used alone. Otherwise the last word of the name counts when
    everything before it is given names ("Jen Psaki", "Juan Manuel Santos"), from the canonical
    name and from aliases no longer than it. Left out: a last word after another surname, which
    is a second (maternal) surname nobody uses alone ("Félix Plasencia González") or half of a
    compound one ("Kamina Johnson Smith"), and a word after a particle ("Lula da Silva").
    """
    keys = set()
    limit = len(_name_words(person.name))
    for alias in (person.name, *person.aliases):
        words = _name_words(alias)
        if len(alias.split()) == 1:
            keys.add(fold(alias))
        elif 2 <= len(words) <= limit and all(w[:1].isupper() for w in words) and \
                all(fold(w) in given_names for w in words[1:-1]):
            keys.add(fold(words[-1]))
    return {key for key in keys if key.replace("-", "").replace("'", "").isalpha()}


def _degeminated_entities(kb: Knowledge) -> dict[str, tuple[Term, ...]]:
    """One-word names of bodies with a doubled letter, keyed by the spelling with it written once.

    Transliteration drops doubled letters ("Tas" for TASS); only names of media, companies and
    organisations are indexed, and only where the shortened spelling means nothing else.
    """
    found: dict[str, tuple[Term, ...]] = {}
    for key, terms in kb.terms.items():
        if len(key) != 1:
            continue
        named = tuple(t for t in terms if t.kind in ("entity", "org"))
        if not named:
            continue
        word = key[0]
        for i in range(1, len(word)):
            if word[i] == word[i - 1] and word[i].isalpha():
                short = word[:i] + word[i + 1:]
                if len(short) >= 3 and (short,) not in kb.terms:
                    found[short] = named
    return found


def _rest_is_plain_words(tokens: list[Token], by_start: dict[int, TermMatch]) -> bool:
    """Whether everything after the first token is lower-case words that name no actor."""
    rest = [t for t in tokens[1:] if t.text[:1].isalpha()]
    return bool(rest) and all(t.text[:1].islower() for t in rest) and \
        not any(start > 0 for start in by_start)


def _rank(role: str) -> int:
    order = ("head_of_state", "head_of_government", "vice_president", "org_head", "foreign_minister")
    return order.index(role) if role in order else len(order)


@functools.lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    return ActorResolver()
