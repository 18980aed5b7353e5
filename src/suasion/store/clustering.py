"""Groups mentions (one sentence stating an event) into events (one real-world happening); no SQL.

The rules, in the order they are applied:

1. Within one document (`group_document`), mentions are gathered into *local groups* in
   sentence order. Two mentions of one article go together when their types are the same (or
   AGREE with SUPPORT, a deal and its signing, when their wording corroborates it), their
   parties agree (the same pair; a mention without a recipient joins one whose pair includes
   its actor; the two directions of one sentence are one reciprocal act), and modality, mode,
   dates and wording allow it (below; a missing date is no obstacle inside one article).
2. Across documents (`cluster_groups`), each local group is one unit. Units only meet units of
   the same *block*: the type family (AGREE and SUPPORT form one family, every other type is its
   own) plus the unordered pair of party codes. The block is the unit of re-clustering: the
   store re-clusters every block new mentions fall into, which is what makes the result
   independent of ingestion order and batch size.
3. Inside a block, units are taken in canonical order (publication date, document id, sentence,
   offset, mention id) and each joins the best event it is compatible with, else starts one.
   Compatibility is complete-link (every member of the unit against every member of the event):
   - parties: CONSULT and COOPERATE ignore direction; other types need one directed pair in
     common (a reciprocal act, coded in both directions, pairs with either);
   - types: the same type; AGREE with SUPPORT only with corroborating wording;
   - modality: the same, or asserted with future when both are dated (a plan and its
     realisation); negated and hypothetical only merge with their own kind;
   - mode: a null mode is compatible with anything, two different modes are not;
   - dates, by the coarser precision of the two: day ±3 days, same or adjacent month, same year;
     an undated mention stands for its publication date ±7 days, compared at the precision of
     the dated one; two undated mentions merge when published within 14 days, within 30 days
     only with corroborating wording, never further apart; inside one article, no obstacle;
   - context: two non-empty, disjoint context lists mean different happenings (except CONSULT,
     whose context is the topic of the talks, not the talks themselves);
   - wording (not for CONSULT): when two mentions in the same language can be compared, a unit
     whose content words share (almost) nothing with every member of the event is a different
     happening, e.g. two AID deliveries to the same country in the same month, one of
     helicopters, one of vaccines. Content words are word stems (first six letters, case and
     accents folded) without function words, words naming the kind of act ("delivered",
     "met"), or the parties' names, demonyms, capitals and seats ("Russian", "Kremlin"): what
     is left is what the act was about.
   Two local groups of the same document never merge (the article already told them apart).
   The best compatible event is the one of the same type, then the nearest date, then the most
   similar wording, then the oldest.
4. An event's id is a hash of its first mention's id (`event_key`), so it survives re-clustering
   unless an earlier mention of the same happening arrives.

`aggregate_event` turns an event's mentions into its row: the representative (most confident)
mention's fields, the most precise date all dated mentions agree on, corroborated confidence.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date as _date
from typing import Any

from suasion import codebooks
from suasion.model.dates import partial_date_period

UNDIRECTED_TYPES = frozenset({"CONSULT", "COOPERATE"})
TYPE_FAMILIES = {"AGREE": "AGREE+SUPPORT", "SUPPORT": "AGREE+SUPPORT"}
# Talks are identified by who talks to whom and when: their context and wording are the topics
# discussed, which differ from one report of the same meeting to the next.
TOPIC_FREE_TYPES = frozenset({"CONSULT"})

DAY_WINDOW = 3
UNDATED_WINDOW = 7
UNDATED_PAIR_WINDOW = 14
UNDATED_PAIR_LIMIT = 30
CLEARLY_DIFFERENT = 0.1  # overlap of content words below this: two different happenings
CORROBORATING = 0.3  # overlap of content words at least this: wording supports a merge
MIN_COMPARABLE_WORDS = 1
CONFIDENCE_CAP = 0.99

_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}
_WORD_RE = re.compile(r"[^\W_]+")
_STEM_LENGTH = 6

# What `dates_compatible` says of two mentions.
COMPATIBLE, NEEDS_WORDING, INCOMPATIBLE = 0, 1, 2

# Function words of English, Spanish and Portuguese, and words any political news sentence uses:
# sharing them says nothing about whether two sentences report the same happening.
_STOPWORDS = frozenset("""
a about after against ago all already also although am among an and another any are around as
at be because been before being between both but by can could did do does during each either
for from had has have he her here hers him his how however i if in including into is it its
itself just last later may me might more most much must my near new next no nor not now of
off on once one only or other our out over own per said say says she should since so some
still such than that the their them then there these they this those through thus to today
too two under until up upon us very via was we were what when where whether which while who
whom whose why will with within without would year years yesterday you your
monday tuesday wednesday thursday friday saturday sunday week weeks month months day days
president presidents minister ministers government governments official officials country
countries leader leaders according statement spokesman spokeswoman told added reported
news agency sources source people state states national foreign affairs
al algo ante antes aquel aquella aqueles aquellos as asi aun aunque bajo bem cada como con
contra cual cuando da das de del dele desde deste do dos durante e el ela ele eles ella ellos
em en entre era eram es esa ese eso esta estaba estado estan este esto estos foi fue fueron
ha habia han hasta hay isso la las le les lo los mais mas me mesmo mi muito muy na nas nem
no nos nosotros num o os para pela pelo pelos pero por porque que quien se segun sem ser seu
seus sin sobre sua suas su sus tambem tambien tem tiene todo todos tras tu um uma un una
uno unos y ya presidente presidentes ministro gobierno governo pais paises dijo disse
afirmo afirmou segundo semana mes anos dia dias lunes martes miercoles jueves viernes
sabado domingo segunda terca quarta quinta sexta
""".split())

# Words naming the kind of act (meet, agree, deliver, warn, ...) in English, Spanish and
# Portuguese: every mention of the same type shares them, so they cannot tell two acts apart.
# Compared by their first six letters, like every content word.
_ACT_WORDS = frozenset(w[:6] for w in """
meet meets meeting meetings met talk talks talked spoke speak speaks phone call called calls visit
visited visits visiting host hosted summit discuss discussed discussion held hold
agree agreed agrees agreement agreements deal deals sign signed signing pledge pledged promise
promised commit committed commitment support supported supports praise praised endorse endorsed
cooperate cooperation cooperated joint jointly
aid deliver delivered delivery deliveries supply supplied send sent ship shipped shipment
shipments provide provided donate donated donation sell sold sale sales loan loans grant granted
accuse accused accusation condemn condemned criticise criticised criticize criticized concern
request requested urge urged ask asked demand demanded call
reject rejected refuse refused deny denied
threaten threatened threat threats warn warned warning
sanction sanctions sanctioned expel expelled
deploy deployed deployment mobilise mobilize mobilised mobilized troops
attack attacked strike struck
reunion reunio reuniu reunir visita visito visitou llamada ligacao ligou conversa conversou
conversaron converso hablaron hablo acuerdo acordo acordaron acordaram firmo firmaron assinou
assinaram apoyo apoio entrego entregou envio enviou donacion doacao vendio vendeu prestamo
emprestimo acuso acusou condeno condenou pidio pediu exigio exigiu rechazo rejeitou amenazo
ameacou advirtio sancion sancao sanciones sancoes desplego
""".split())


class Mention:
    """What clustering needs to know about one mention; build it with `Mention.of`."""

    __slots__ = ("id", "doc_id", "sentence_index", "char_start", "event_type", "actor", "recipient",
                 "modality", "mode", "date", "context", "published", "language", "words",
                 "precision", "span", "pub_span", "order")

    id: str
    doc_id: str
    sentence_index: int
    char_start: int
    event_type: str
    actor: str | None
    recipient: str | None
    modality: str
    mode: str | None
    date: str | None  # a valid YYYY, YYYY-MM or YYYY-MM-DD, else None
    context: frozenset[str]
    published: str | None
    language: str | None
    words: frozenset[str]
    precision: str | None
    span: tuple[int, int] | None  # first and last day (ordinals) of the event date's period
    pub_span: tuple[int, int] | None  # the same for the publication date
    order: tuple[Any, ...]  # the canonical processing order

    @classmethod
    def of(cls, id: str, doc_id: str, event_type: str, actor: str | None, recipient: str | None,
           modality: str = "asserted", mode: str | None = None, date: str | None = None,
           context: Iterable[str] = (), published: str | None = None, language: str | None = None,
           sentence: str = "", names: Iterable[str | None] = (), sentence_index: int = 0,
           char_start: int = 0) -> Mention:
        """A mention; `names` are the parties' names and surface texts, left out of the wording."""
        self = cls()
        self.id, self.doc_id, self.event_type = id, doc_id, event_type
        self.actor, self.recipient = actor or None, recipient or None
        self.modality, self.mode = modality, mode or None
        self.sentence_index, self.char_start = sentence_index, char_start
        self.span = _period(date)
        self.date = date if self.span else None
        self.precision = _PRECISION_BY_LENGTH[len(date)] if self.span else None
        self.context = frozenset(c for c in context if c)
        self.pub_span = _period(published[:10] if isinstance(published, str) else None)
        self.published = published[:10] if self.pub_span else None
        self.language = (language or "").lower()[:2] or None
        self.words = (content_words(sentence) - content_words(" ".join(n for n in names if n))
                      - party_words(self.actor) - party_words(self.recipient))
        self.order = canonical_order(self.published, doc_id, sentence_index, char_start, id)
        return self

    def __repr__(self) -> str:
        return (f"Mention({self.id!r}, {self.doc_id!r}, {self.event_type}, {self.actor}->"
                f"{self.recipient}, {self.modality}, {self.date or self.published})")


def canonical_order(published: str | None, doc_id: str, sentence_index: int, char_start: int,
                    mention_id: str) -> tuple[Any, ...]:
    """Documents by publication date (undated last), then id; mentions by position in them."""
    return (published is None, published or "", doc_id, sentence_index, char_start, mention_id)


def event_key(first_mention_id: str) -> str:
    """The stable id of the event whose first mention (in canonical order) is this one."""
    return "evt_" + hashlib.blake2b(first_mention_id.encode("utf-8"), digest_size=10).hexdigest()


def content_words(text: str) -> frozenset[str]:
    """Lower-cased, accent-free word stems of a sentence, without function words or words
    naming the kind of act."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = set()
    for word in _WORD_RE.findall(folded):
        if word in _STOPWORDS or (len(word) < 3 and not word.isdigit()):
            continue
        stem = word[:_STEM_LENGTH]
        if stem not in _ACT_WORDS:
            words.add(stem)
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def party_words(code: str | None) -> frozenset[str]:
    """Word stems naming a party (names, demonyms, capitals, seats of power, in en/es/pt): they
    say who acted, which the codes already compare, not what was done."""
    if code is None:
        return frozenset()
    return _party_names().get(code, frozenset())


@functools.lru_cache(maxsize=1)
def _party_names() -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for country in codebooks.load("actors/countries.yaml"):
        texts = [text for field in ("names", "demonyms", "capitals")
                 for values in (country.get(field) or {}).values() for text in values or ()]
        texts += [text for seat in country.get("seats") or () for text in seat.get("names") or ()]
        names[country["iso3"]].update(content_words(" ".join(texts)))
    for organisation in codebooks.load("actors/organisations.yaml"):
        texts = [text for values in (organisation.get("names") or {}).values() for text in values or ()]
        names[organisation["code"]].update(content_words(" ".join(texts)))
    return {code: frozenset(words) for code, words in names.items()}


def similarity(a: Mention, b: Mention) -> float | None:
    """Overlap of content words, or None when the two cannot be compared (other language, too short)."""
    if a.language is None or a.language != b.language:
        return None
    small, large = (a.words, b.words) if len(a.words) <= len(b.words) else (b.words, a.words)
    if len(small) < MIN_COMPARABLE_WORDS:
        return None
    return len(small & large) / len(small)


# -- pairwise rules ---------------------------------------------------------------------------

def dates_compatible(a: Mention, b: Mention, same_document: bool = False) -> int:
    """COMPATIBLE, NEEDS_WORDING (two undated mentions published 15-30 days apart) or INCOMPATIBLE."""
    if a.span and b.span:
        coarser = a if _RANK[a.precision] <= _RANK[b.precision] else b
        if coarser.precision == "year":
            return COMPATIBLE if a.date[:4] == b.date[:4] else INCOMPATIBLE
        if coarser.precision == "month":
            return COMPATIBLE if abs(_month_index(a.date) - _month_index(b.date)) <= 1 else INCOMPATIBLE
        return COMPATIBLE if abs(a.span[0] - b.span[0]) <= DAY_WINDOW else INCOMPATIBLE
    if same_document:
        return COMPATIBLE
    if a.span or b.span:
        dated, undated = (a, b) if a.span else (b, a)
        if undated.pub_span is None:
            return INCOMPATIBLE
        # The undated one stands for its publication date ±7 days, compared at the dated one's
        # precision: the day within that window, the month same or adjacent, the year the same.
        low, high = undated.pub_span[0] - UNDATED_WINDOW, undated.pub_span[1] + UNDATED_WINDOW
        if dated.precision == "day":
            return COMPATIBLE if low <= dated.span[0] <= high else INCOMPATIBLE
        if dated.precision == "month":
            month = _month_index(dated.date)
            return COMPATIBLE if _ordinal_month(low) - 1 <= month <= _ordinal_month(high) + 1 else INCOMPATIBLE
        year = int(dated.date[:4])
        return COMPATIBLE if _date.fromordinal(low).year <= year <= _date.fromordinal(high).year else INCOMPATIBLE
    if a.pub_span is None or b.pub_span is None:
        return INCOMPATIBLE
    gap = max(a.pub_span[0] - b.pub_span[1], b.pub_span[0] - a.pub_span[1], 0)
    if gap <= UNDATED_PAIR_WINDOW:
        return COMPATIBLE
    return NEEDS_WORDING if gap <= UNDATED_PAIR_LIMIT else INCOMPATIBLE


def modalities_compatible(a: Mention, b: Mention) -> bool:
    if a.modality == b.modality:
        return True
    # A plan and its realisation are one happening only when both say when it is.
    return {a.modality, b.modality} == {"asserted", "future"} and bool(a.span and b.span)


def contexts_compatible(a: Mention, b: Mention) -> bool:
    if not a.context or not b.context or a.event_type in TOPIC_FREE_TYPES:
        return True
    return not a.context.isdisjoint(b.context)


def types_compatible(a: str, b: str) -> bool:
    return a == b or TYPE_FAMILIES.get(a, a) == TYPE_FAMILIES.get(b, b)


def _parties_compatible_locally(a: Mention, b: Mention) -> bool:
    pair_a, pair_b = (a.actor, a.recipient), (b.actor, b.recipient)
    if pair_a == pair_b:
        return True
    if a.actor is None or b.actor is None:
        return False
    if a.sentence_index == b.sentence_index and pair_a == pair_b[::-1]:
        return True  # "A and B agreed ...", coded once in each direction
    undirected = a.event_type in UNDIRECTED_TYPES and b.event_type in UNDIRECTED_TYPES
    if a.recipient is None or b.recipient is None:
        # "Moscow agreed to ..." next to "Russia and Venezuela agreed to ...", coded both ways.
        lone, full = (a, b) if a.recipient is None else (b, a)
        return lone.actor in (full.actor, full.recipient)
    return undirected and pair_a == pair_b[::-1]


def _locally_compatible(a: Mention, b: Mention) -> bool:
    if not types_compatible(a.event_type, b.event_type) or not _parties_compatible_locally(a, b):
        return False
    if not modalities_compatible(a, b) or (a.mode and b.mode and a.mode != b.mode):
        return False
    if dates_compatible(a, b, same_document=True) != COMPATIBLE:
        return False
    if a.sentence_index == b.sentence_index:
        return True
    if a.event_type in TOPIC_FREE_TYPES:
        return True
    if not contexts_compatible(a, b):
        return False
    overlap = similarity(a, b)
    if a.event_type != b.event_type:
        return overlap is not None and overlap >= CORROBORATING
    return overlap is None or overlap >= CLEARLY_DIFFERENT


# -- within one document ----------------------------------------------------------------------

class LocalGroup:
    """Mentions of one document that report the same happening; the unit of cross-document merging."""

    __slots__ = ("members", "block", "order", "types", "pairs", "modes", "modalities",
                 "undated_modalities", "doc_id", "reach", "positions")

    def __init__(self, members: Sequence[Mention]) -> None:
        self.members = sorted(members, key=lambda m: m.order)
        first = self.members[0]
        self.doc_id = first.doc_id
        self.order = first.order
        self.types = frozenset(m.event_type for m in self.members)
        self.modes = frozenset(m.mode for m in self.members if m.mode)
        self.modalities = frozenset(m.modality for m in self.members)
        self.undated_modalities = frozenset(m.modality for m in self.members if not m.span)
        undirected = first.event_type in UNDIRECTED_TYPES
        self.pairs = frozenset(_pair(m, undirected) for m in self.members if m.recipient and m.actor)
        self.block = block_of(self.members)
        self.reach = _reach(self.members)
        self.positions = _positions(self.members)

    @property
    def id(self) -> str:
        """The id of the group's first mention: how the store remembers the grouping."""
        return self.members[0].id


def group_document(mentions: Iterable[Mention]) -> list[LocalGroup]:
    """The local groups of one document's mentions (a pure function of that document)."""
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: m.order):
        for members in groups:
            if all(_locally_compatible(mention, other) for other in members):
                members.append(mention)
                break
        else:
            groups.append([mention])
    return [LocalGroup(members) for members in groups]


def block_of(members: Sequence[Mention]) -> str:
    """Which mentions can ever share an event: the type family and the unordered party pair."""
    first = members[0]
    family = TYPE_FAMILIES.get(first.event_type, first.event_type)
    if any(m.actor is None for m in members):
        # An unknown actor is no evidence of sameness: such a group stays an event of its own.
        return f"{family}|?|{first.id}"
    full = next((m for m in members if m.recipient), None)
    if full is None:
        return f"{family}|{first.actor}|-"
    low, high = sorted((full.actor, full.recipient))
    return f"{family}|{low}|{high}"


# -- across documents -------------------------------------------------------------------------

class _Event:
    __slots__ = ("index", "key", "members", "types", "pairs", "modes", "modalities", "undated_modalities",
                 "docs")

    def __init__(self, index: int, group: LocalGroup, key: str | None = None) -> None:
        self.index = index
        self.key = key  # the id of an event carried over from an earlier clustering
        self.members: list[Mention] = []
        self.types: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.modes: set[str] = set()
        self.modalities: set[str] = set()
        self.undated_modalities: set[str] = set()
        self.docs: set[str] = set()
        self.add(group)

    def add(self, group: LocalGroup) -> None:
        self.members += group.members
        self.types |= group.types
        self.pairs |= group.pairs
        self.modes |= group.modes
        self.modalities |= group.modalities
        self.undated_modalities |= group.undated_modalities
        self.docs.add(group.doc_id)


def cluster_groups(groups: Iterable[LocalGroup], settled: Iterable[tuple[LocalGroup, str]] = ()) -> dict[str, str]:
    """Mention id -> event id for local groups; groups of different blocks never merge.

    `settled` are (local group, event id) pairs clustered earlier, each before (in canonical
    order) every group of `groups` in its block: their events are taken as they stand and the
    groups are clustered after them. Since a block is clustered in canonical order, this gives
    what clustering all of them together gives whenever the settled events are what clustering
    them gave, provided they include every earlier event a later group could join (with all of
    its earlier groups); raises ValueError when a settled group comes after a group to cluster.
    """
    by_block: dict[str, list[LocalGroup]] = defaultdict(list)
    for group in groups:
        by_block[group.block].append(group)
    seeds: dict[str, list[tuple[LocalGroup, str]]] = defaultdict(list)
    for group, key in settled:
        seeds[group.block].append((group, key))
    assignment: dict[str, str] = {}
    for block in sorted(by_block.keys() | seeds.keys()):
        for event in _cluster_block(by_block.get(block, []), seeds.get(block, [])):
            key = event.key or event_key(min(event.members, key=lambda m: m.order).id)
            for member in event.members:
                assignment[member.id] = key
    return assignment


def cluster(mentions: Iterable[Mention]) -> dict[str, str]:
    """Mention id -> event id for any set of mentions: local groups per document, then blocks."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc_id].append(mention)
    return cluster_groups(group for doc_id in sorted(by_doc) for group in group_document(by_doc[doc_id]))


def _cluster_block(groups: list[LocalGroup], seeds: Sequence[tuple[LocalGroup, str]] = ()) -> list[_Event]:
    events: list[_Event] = []
    by_month: dict[int, set[int]] = defaultdict(set)  # month -> events with a member dated there
    first_open = min((group.order for group in groups), default=None)
    carried: dict[str, _Event] = {}
    for group, key in sorted(seeds, key=lambda seed: seed[0].order):
        if first_open is not None and group.order >= first_open:
            raise ValueError(f"settled group {group.id} does not come before the groups to cluster")
        event = carried.get(key)
        if event is None:
            event = carried[key] = _Event(len(events), group, key)
            events.append(event)
        else:
            event.add(group)
        for low, high in group.positions:
            for month in range(low, high + 1):
                by_month[month].add(event.index)
    for group in sorted(groups, key=lambda g: g.order):
        candidates: set[int] = set()
        if group.reach is not None:
            for month in range(group.reach[0], group.reach[1] + 1):
                candidates |= by_month.get(month, set())
        best: tuple[Any, ...] | None = None
        for index in sorted(candidates):
            score = _join_score(group, events[index])
            if score is not None and (best is None or score < best):
                best = score
        if best is None:
            event = _Event(len(events), group)
            events.append(event)
        else:
            event = events[best[-1]]
            event.add(group)
        for low, high in group.positions:
            for month in range(low, high + 1):
                by_month[month].add(event.index)
    return events


def _join_score(group: LocalGroup, event: _Event) -> tuple[Any, ...] | None:
    """None when the group may not join the event, else a sort key (lower is better)."""
    if group.doc_id in event.docs:
        return None
    if group.pairs and event.pairs and group.pairs.isdisjoint(event.pairs):
        return None
    if len(group.modes | event.modes) > 1:
        return None
    if not _modalities_fit(group, event):
        return None
    mixed_types = len(group.types | event.types) > 1
    best_overlap: float | None = None
    comparable = False
    gap = None
    for mine in group.members:
        for theirs in event.members:
            if not contexts_compatible(mine, theirs):
                return None
            dates = dates_compatible(mine, theirs)
            if dates == INCOMPATIBLE:
                return None
            overlap = similarity(mine, theirs)
            if dates == NEEDS_WORDING and (overlap is None or overlap < CORROBORATING):
                return None
            if overlap is not None:
                comparable = True
                if best_overlap is None or overlap > best_overlap:
                    best_overlap = overlap
            distance = _distance(mine, theirs)
            if gap is None or distance < gap:
                gap = distance
    if comparable and best_overlap < CLEARLY_DIFFERENT and not group.types <= TOPIC_FREE_TYPES:
        return None
    if mixed_types and (best_overlap is None or best_overlap < CORROBORATING):
        return None
    return (mixed_types, gap, -(best_overlap or 0.0), event.index)


def _modalities_fit(group: LocalGroup, event: _Event) -> bool:
    for mine in group.modalities:
        for theirs in event.modalities:
            if mine == theirs:
                continue
            if {mine, theirs} != {"asserted", "future"}:
                return False
            if mine in group.undated_modalities or theirs in event.undated_modalities:
                return False
    return True


def _distance(a: Mention, b: Mention) -> int:
    first = a.span or a.pub_span
    second = b.span or b.pub_span
    if first is None or second is None:
        return 10**6
    return abs((first[0] + first[1]) - (second[0] + second[1])) // 2


def _reach(members: Sequence[Mention]) -> tuple[int, int] | None:
    """The months (as year*12+month) any event this group may join must touch."""
    months: list[int] = []
    for m in members:
        if m.span:
            if m.precision == "day":
                low, high = m.span[0] - DAY_WINDOW, m.span[1] + DAY_WINDOW
                months += [_ordinal_month(low), _ordinal_month(high)]
            elif m.precision == "month":
                months += [_month_index(m.date) - 1, _month_index(m.date) + 1]
            else:
                year = int(m.date[:4])
                months += [year * 12, year * 12 + 11]
        elif m.pub_span:
            months += [min(_ordinal_month(m.pub_span[0] - UNDATED_PAIR_LIMIT),
                           _ordinal_month(m.pub_span[0] - UNDATED_WINDOW) - 1),
                       max(_ordinal_month(m.pub_span[1] + UNDATED_PAIR_LIMIT),
                           _ordinal_month(m.pub_span[1] + UNDATED_WINDOW) + 1)]
    return (min(months), max(months)) if months else None


def _positions(members: Sequence[Mention]) -> list[tuple[int, int]]:
    """The months each member's date (or, undated, its publication date ±7 days) falls in."""
    ranges = set()
    for m in members:
        if m.span:
            ranges.add((_ordinal_month(m.span[0]), _ordinal_month(m.span[1])))
        elif m.pub_span:
            ranges.add((_ordinal_month(m.pub_span[0] - UNDATED_WINDOW),
                        _ordinal_month(m.pub_span[1] + UNDATED_WINDOW)))
    return sorted(ranges)


def _pair(mention: Mention, undirected: bool) -> tuple[str, str]:
    pair = (mention.actor, mention.recipient)
    return tuple(sorted(pair)) if undirected else pair  # type: ignore[return-value]


# -- event rows -------------------------------------------------------------------------------

def aggregate_event(event_id: str, mentions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One event row from its mention rows (flattened contract columns plus `published`, the
    document date, and `syndication_key`): see the store module for the columns."""
    ordered = sorted(mentions, key=lambda r: canonical_order(
        _valid_day(r.get("published")), r["doc_id"], r["sentence_index"], r["char_start"], r["id"]))
    representative = min(ordered, key=lambda r: -r["confidence"])  # min is stable: first wins ties
    date, precision = agreed_date([r["date"] for r in ordered], representative["date"])
    best_by_source: dict[str, float] = {}
    for row in ordered:
        source = row.get("syndication_key") or row["doc_id"]
        best_by_source[source] = max(best_by_source.get(source, 0.0), row["confidence"])
    modalities = {r["modality"] for r in ordered}
    modality = "asserted" if "asserted" in modalities else representative["modality"]
    mode = representative["mode"] or next((r["mode"] for r in ordered if r["mode"]), None)
    context: list[str] = []
    for row in (representative, *ordered):
        context += [c for c in row["context"] or () if c not in context]
    published = sorted(p for p in (_valid_day(r.get("published")) for r in ordered) if p)
    return {
        "event_id": event_id, "event_type": representative["event_type"], "mode": mode,
        "modality": modality,
        **{f"{side}_{part}": representative[f"{side}_{part}"]
           for side in ("actor", "recipient") for part in ("code", "sector", "name")},
        "date": date, "date_precision": precision, "context": context,
        "cameo": representative["cameo"], "quad": representative["quad"],
        "goldstein": representative["goldstein"], "plover_score": representative["plover_score"],
        "n_mentions": len(ordered), "n_sources": len(best_by_source),
        "first_seen": published[0] if published else None,
        "last_seen": published[-1] if published else None,
        "confidence": corroborated_confidence(best_by_source.values()),
        "representative_id": representative["id"],
    }


def corroborated_confidence(per_source: Iterable[float]) -> float:
    """1 - prod(1 - c) over independent sources, capped, and never below the best single source."""
    values = [min(max(float(c), 0.0), 1.0) for c in per_source]
    if not values:
        return 0.0
    doubt = 1.0
    for value in values:
        doubt *= 1.0 - value
    # Rounded so that float noise (0.9099999999999999) does not reach the output.
    return round(max(max(values), min(CONFIDENCE_CAP, 1.0 - doubt)), 6)


def agreed_date(dates: Iterable[str | None], fallback: str | None = None) -> tuple[str | None, str | None]:
    """The most precise date every dated mention agrees with, and its precision.

    Mentions saying 2022-01 and 2022-01-18 agree on 2022-01-18; 2022-01-18 and 2022-01-19 only
    on 2022-01. When they do not even agree on the year, the representative's date is kept.
    """
    valid = sorted({d for d in dates if _period(d)})
    if not valid:
        return None, None
    for length in (10, 7, 4):
        candidates = {d[:length] for d in valid if len(d) >= length}
        if len(candidates) == 1:
            (candidate,) = candidates
            if all(candidate.startswith(d) or d.startswith(candidate) for d in valid):
                return candidate, _PRECISION_BY_LENGTH[length]
    if fallback and _period(fallback):
        return fallback, _PRECISION_BY_LENGTH[len(fallback)]
    return None, None


# -- dates ------------------------------------------------------------------------------------

_RANK = {"year": 0, "month": 1, "day": 2}


def _period(value: str | None) -> tuple[int, int] | None:
    """First and last day (as ordinals) of a YYYY, YYYY-MM or YYYY-MM-DD value; None if invalid."""
    period = partial_date_period(value)
    return (period[0].toordinal(), period[1].toordinal()) if period else None


def _valid_day(value: str | None) -> str | None:
    day = value[:10] if isinstance(value, str) else None
    return day if _period(day) else None


def _month_index(value: str) -> int:
    return int(value[:4]) * 12 + int(value[5:7]) - 1


def _ordinal_month(ordinal: int) -> int:
    day = _date.fromordinal(max(ordinal, 1))
    return day.year * 12 + day.month - 1


__all__ = [
    "CLEARLY_DIFFERENT", "COMPATIBLE", "CONFIDENCE_CAP", "CORROBORATING", "INCOMPATIBLE", "NEEDS_WORDING",
    "LocalGroup", "Mention", "party_words",
    "aggregate_event", "agreed_date", "block_of", "canonical_order", "cluster", "cluster_groups",
    "content_words", "corroborated_confidence", "dates_compatible", "event_key", "group_document",
    "similarity",
]
