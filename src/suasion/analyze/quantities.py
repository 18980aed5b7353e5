"""Finds money amounts stated in sentences (en/es/pt) with currency, value, year, what they are and the dyad."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from suasion import codebooks
from suasion.model.errors import SuasionError
from suasion.resolve.text import fold, tokenize

QUANTITIES_FILE = "analysis/quantities.yaml"

# Words that may follow an amount stated without a currency ("5 billion in 2019", "70 billion of
# investment"); anything else ("5 billion people", "2 million barrels") makes it no money amount.
_FUNCTION_WORDS = frozenset("""
in of to for from and or over by at with compared against last this that this year a an the
de del en em para a y e o con com por no na nos nas que al ao aos entre frente contra
""".split())
_YEAR_RE = re.compile(r"(?<![\d.,$€£])\b(19[5-9]\d|20\d\d)\b(?![\d%])")
_NUMBER = r"\d{1,3}(?:[,.\u00a0\u202f\u2009'’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
# What stands between an amount and its restatement in another currency: "360 billion yuan
# (about $51 billion)", "R$ 10 bilhões (US$ 2 bilhões)".
_CONVERSION_RE = re.compile(r"\s*[(\[]\s*(?:about|around|roughly|approximately|some|nearly|almost|or|over|"
                            r"unos|unas|cerca de|alrededor de|aproximadamente|casi|quase|mais de|más de|"
                            r"equivalent to|equivalente a)?\s*", re.IGNORECASE)
_CLAUSE_MARKS = (",", ";", ":", "(", ")", " - ", " – ", " — ")
_GROUP_MARKS = "\u00a0\u202f\u2009'’"
# Scale words of Spanish and Portuguese: a number before them uses the decimal comma.
_COMMA_DECIMAL_RE = re.compile(r"mill[oó]n|millones|milh|bilh|trilh|millardo|mil\b|reais|d[oó]lares|\bR\$",
                               re.IGNORECASE)
_MATERIAL_TYPES = ("AID", "COOPERATE", "AGREE", "SANCTION", "SUPPORT", "RETREAT", "CONCEDE")


@dataclass(frozen=True, slots=True)
class Amount:
    """One money amount in a sentence; offsets are into the sentence."""

    text: str
    start: int
    end: int
    value: float
    currency: str | None  # ISO 4217; None when the sentence states no currency for it
    year: int | None  # the year stated in the sentence nearest to the amount, if any
    what: str | None  # exports, imports, trade, loans, aid, investment, grant, debt, credit line, swap
    conversion_of: int | None = None  # index of the amount this one restates in another currency


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    before: dict[str, str]  # group name -> currency
    after: dict[str, str]
    scales: list[tuple[re.Pattern[str], float]]
    attached: list[tuple[re.Pattern[str], float]]
    combined: list[tuple[re.Pattern[str], float, str]]
    what: list[tuple[str, re.Pattern[str]]]
    prefilter: str


@functools.lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = codebooks.load(QUANTITIES_FILE)
    try:
        before_alts, after_alts = [], []
        before, after = {}, {}
        for index, (code, forms) in enumerate(data["currencies"].items()):
            for side, alts, names in (("before", before_alts, before), ("after", after_alts, after)):
                for number, form in enumerate(forms.get(side) or ()):
                    name = f"{side}_{index}_{number}"
                    names[name] = code
                    alts.append(f"(?P<{name}>{form})")
        scale_words = sorted(((str(w), float(s)) for s, words in data["scales"].items() for w in words),
                             key=lambda item: -len(item[0]))
        attached_words = [(str(w), float(s)) for s, words in data["attached"].items() for w in words]
        combined = [(re.compile(rf"^{c['pattern']}$", re.IGNORECASE), float(c["scale"]), str(c["currency"]))
                    for c in data.get("combined") or ()]
        what = [(str(name), re.compile(r"(?<![^\W\d_])(?:" + "|".join(
                    re.escape(fold(k)) for k in sorted(keys, key=len, reverse=True)) + r")(?:e?s)?(?![^\W\d_])"))
                for name, keys in data["what"].items()]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SuasionError("E015", path=QUANTITIES_FILE, detail=str(exc)) from exc
    scale_alt = "|".join(w for w, _ in scale_words) + "".join(f"|{c['pattern']}" for c in data.get("combined") or ())
    attached_alt = "|".join(w for w, _ in attached_words)
    no_letter = r"(?![^\W\d_])"
    pattern = re.compile(
        rf"(?:(?<![^\W\d_])(?:{'|'.join(before_alts)})\s?|(?<![\w.,]))"
        rf"(?P<num>{_NUMBER})"
        rf"(?:(?P<attached>{attached_alt}){no_letter}|\s?(?P<scale>{scale_alt}){no_letter})?"
        rf"(?:\s+(?:de\s+|of\s+|em\s+|en\s+)?(?:{'|'.join(after_alts)}){no_letter})?",
        re.IGNORECASE)
    prefilter = (r"(?i)\d.*(?:[$€£₽₹]|usd|rmb|yuan|dollar|d[oó]lar|euro|reais|rubl|roubl|yen|million|billion"
                 r"|mill[oó]n|millones|milh|bilh|trillion|bn\b|mdd)|(?:[$€£₽₹]|usd|rmb).*\d")
    return _Grammar(pattern=pattern, before=before, after=after,
                    scales=[(re.compile(rf"^{w}$", re.IGNORECASE), s) for w, s in scale_words],
                    attached=[(re.compile(rf"^{w}$", re.IGNORECASE), s) for w, s in attached_words],
                    combined=combined, what=what, prefilter=prefilter)


def parse_amounts(sentence: str, language: str | None = None) -> list[Amount]:
    """Every money amount the sentence states, in order.

    An amount needs a currency (before: "$5 billion", "R$ 10 bilhões"; after: "360 billion yuan",
    "45 mil millones de dólares"), or a scale word and either an earlier amount of the same
    sentence to take the currency from ("210 billion yuan ... and 70 billion of investment") or a
    money keyword in the sentence with nothing but a function word or punctuation after it
    (currency None). A parenthesised amount right after another restates it (`conversion_of`).
    """
    grammar = _grammar()
    comma_decimal = (language in ("es", "pt")) if language else bool(_COMMA_DECIMAL_RE.search(sentence))
    folded = fold_same_length(sentence)
    has_money_word = any(regex.search(folded) for _, regex in grammar.what)
    found: list[tuple[re.Match[str], float, str | None]] = []
    last_currency: str | None = None
    for match in grammar.pattern.finditer(sentence):
        scale_text = match.group("scale") or match.group("attached")
        currency = _currency(match, grammar)
        scale = 1.0
        if scale_text:
            for regex, value, code in grammar.combined:
                if regex.match(scale_text):
                    scale, currency = value, currency or code
                    break
            else:
                table = grammar.attached if match.group("attached") else grammar.scales
                scale = next((value for regex, value in table if regex.match(scale_text)), 1.0)
        if currency is None:
            if not scale_text or not _ends_cleanly(sentence, match.end()):
                continue
            if last_currency is None and not has_money_word:
                continue
            currency = last_currency
        number = _number(match.group("num"), comma_decimal, bool(scale_text))
        if number is None:
            continue
        found.append((match, number * scale, currency))
        last_currency = currency or last_currency
    spans = [(m.start(), m.end()) for m, _, _ in found]
    years = [(y.start(), int(y.group(1))) for y in _YEAR_RE.finditer(sentence)
             if not any(s <= y.start() < e for s, e in spans)]
    amounts: list[Amount] = []
    for index, (match, value, currency) in enumerate(found):
        start, end = match.start(), match.end()
        conversion_of = None
        if index and _CONVERSION_RE.fullmatch(sentence[spans[index - 1][1]:start]):
            conversion_of = index - 1
        amounts.append(Amount(text=sentence[start:end], start=start, end=end, value=value,
                              currency=currency, year=_nearest(years, start, end),
                              what=_what(folded, start, end, grammar), conversion_of=conversion_of))
    return amounts


def _currency(match: re.Match[str], grammar: _Grammar) -> str | None:
    for name, value in match.groupdict().items():
        if value is not None and (name in grammar.before or name in grammar.after):
            return grammar.before.get(name) or grammar.after.get(name)
    return None


def _number(raw: str, comma_is_decimal: bool, scaled: bool) -> float | None:
    """Read digits with group and decimal marks: 1,234.5 / 1.234,5 / 1 234 / 5,1 bilhões.

    A single mark followed by exactly three digits groups thousands ("1,300 million", "1.300
    millones"), except before a scale word when it is the language's decimal mark ("$1.125
    billion", "1,125 millones").
    """
    text = raw
    for mark in _GROUP_MARKS:
        text = text.replace(mark, "")
    marks = [ch for ch in text if ch in ".,"]
    if len(set(marks)) == 2:
        decimal = text[max(text.rfind("."), text.rfind(","))]
        group = "," if decimal == "." else "."
        text = text.replace(group, "").replace(decimal, ".")
    elif marks:
        mark = marks[0]
        digits_after = len(text) - text.rfind(mark) - 1
        decimal_here = scaled and mark == ("," if comma_is_decimal else ".")
        if len(marks) > 1 or (digits_after == 3 and not decimal_here):
            text = text.replace(mark, "")
        else:
            text = text.replace(mark, ".")
    try:
        return float(text)
    except ValueError:
        return None


def _ends_cleanly(sentence: str, end: int) -> bool:
    rest = sentence[end:].lstrip()
    if not rest or not (rest[0].isalnum()):
        return True
    word = re.match(r"[^\W\d_]+", rest)
    return bool(word) and fold(word.group()) in _FUNCTION_WORDS


def _nearest(years: list[tuple[int, int]], start: int, end: int) -> int | None:
    if not years:
        return None
    return min(years, key=lambda item: (min(abs(item[0] - start), abs(item[0] - end)), item[0]))[1]


def _what(folded: str, start: int, end: int, grammar: _Grammar) -> str | None:
    """The category of the nearest keyword in the amount's clause, else in the whole sentence."""
    clause_start = max((folded.rfind(mark, 0, start) for mark in _CLAUSE_MARKS), default=-1) + 1
    clause_ends = [i for i in (folded.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    clause_end = min(clause_ends, default=len(folded))
    best: tuple[bool, int, int, str] | None = None
    for rank, (name, regex) in enumerate(grammar.what):
        for match in regex.finditer(folded):
            outside = match.start() < clause_start or match.end() > clause_end
            distance = max(match.start() - end, start - match.end(), 0)
            if best is None or (outside, distance, rank) < best[:3]:
                best = (outside, distance, rank, name)
    return best[3] if best else None


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for one, so offsets into it are offsets into `text`."""
    out = []
    for ch in text:
        lower = ch.lower()
        ch = lower if len(lower) == 1 else ch
        if ord(ch) > 127:
            base = unicodedata.normalize("NFKD", ch)[:1]
            ch = base if base and not unicodedata.combining(base) else ch
        out.append(ch)
    return "".join(out)


# -- countries named in a sentence ---------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]], int]:
    """Folded name -> code for countries (names, demonyms, capitals) and regions (names, demonyms);
    the names written all in capitals (US, UAE) must be written so to count."""
    phrases: dict[tuple[str, ...], str] = {}
    upper: set[tuple[str, ...]] = set()

    def add(name: str, code: str) -> None:
        key = tuple(token.norm for token in tokenize(name))
        if key and key not in phrases:
            phrases[key] = code
            if name.isupper() and len(name) <= 4:
                upper.add(key)

    for entry in codebooks.load("actors/countries.yaml"):
        for field in ("names", "demonyms", "capitals"):
            for names in (entry.get(field) or {}).values():
                for name in names or ():
                    add(str(name), str(entry["iso3"]))
    for entry in codebooks.load("actors/regions.yaml"):
        for field in ("names", "demonyms"):
            for names in (entry.get(field) or {}).values():
                for name in names or ():
                    add(str(name), str(entry["code"]))
    return phrases, frozenset(upper), max(len(k) for k in phrases)


def countries_named(sentence: str) -> list[str]:
    """Country and region codes named in the sentence (by name, demonym or capital), in order, once each."""
    phrases, upper, longest = _gazetteer()
    tokens = tokenize(sentence)
    codes: list[str] = []
    index = 0
    while index < len(tokens):
        for length in range(min(longest, len(tokens) - index), 0, -1):
            key = tuple(t.norm for t in tokens[index:index + length])
            code = phrases.get(key)
            last = tokens[index + length - 1]
            # "US$" is a currency, not the country
            if code and sentence[last.end:last.end + 1] == "$":
                code = None
            if code and (key not in upper or all(t.text.isupper() for t in tokens[index:index + length])):
                if code not in codes:
                    codes.append(code)
                index += length
                break
        else:
            index += 1
    return codes


# -- quantities of a store or an events table ---------------------------------------------------

QUANTITY_COLUMNS: tuple[str, ...] = (
    "event_id", "mention_id", "doc_id", "sentence_index", "date", "quote", "value", "currency",
    "year", "year_stated", "what", "from", "to", "dyad_source", "countries", "conversion_of_quote",
    "sentence",
)


def quantities(source: Any, since: str | None = None, until: str | None = None,
               powers: Sequence[str] | None = None, countries: Sequence[str] | None = None) -> pd.DataFrame:
    """Money amounts stated in the sentences of stored mentions (or of an events table).

    One row per amount (columns QUANTITY_COLUMNS, meanings in docs/indicators.md): its quote
    and sentence, the event and mention it was found in, value, currency, year (stated, else
    the event's date, else its publication date), what it is, and the dyad: the actor and
    recipient of the event the sentence belongs to, else the first two countries the sentence
    names. A sentence coding several events is read once; its dyad comes from the event that
    involves one of `powers` (default: all events), of a material type, earliest in the sentence.
    With `powers` (or `countries`), only amounts whose dyad involves one of them are kept.
    """
    from suasion.analyze.frame import validate_countries, validate_known

    wanted = validate_known(powers, "power") if powers is not None else None
    counterparts = validate_countries(countries)
    rows = _sentence_rows(source, since, until, wanted)
    if len(rows):
        sentences = pa.array(rows["sentence"].fillna("").astype(str), type=pa.string())
        rows = rows[pc.match_substring_regex(sentences, _grammar().prefilter).to_numpy(zero_copy_only=False)]
    records: list[dict[str, Any]] = []
    # One sentence at a time, but only the few that name a currency or a scale word.
    for row in rows.to_dict("records"):
        sentence = row["sentence"] or ""
        amounts = parse_amounts(sentence)
        if not amounts:
            continue
        named = countries_named(sentence)
        actor, recipient = _text(row["actor_code"]), _text(row["recipient_code"])
        if actor and recipient:
            dyad, dyad_source = (actor, recipient), "event"
        elif len(named) >= 2:
            dyad, dyad_source = (named[0], named[1]), "sentence"
        elif actor or recipient:
            dyad, dyad_source = (actor, recipient), "event"
        else:
            dyad, dyad_source = (named[0] if named else None, None), ("sentence" if named else None)
        dated = _text(row["date"]) or _text(row["published"])
        for amount in amounts:
            records.append({
                "event_id": _text(row["event_id"]), "mention_id": _text(row["mention_id"]),
                "doc_id": _text(row["doc_id"]), "sentence_index": row["sentence_index"],
                "date": _text(row["date"]), "quote": amount.text, "value": amount.value,
                "currency": amount.currency,
                "year": amount.year if amount.year is not None else (int(dated[:4]) if dated else None),
                "year_stated": amount.year is not None, "what": amount.what,
                "from": dyad[0], "to": dyad[1], "dyad_source": dyad_source, "countries": named,
                "conversion_of_quote": amounts[amount.conversion_of].text
                if amount.conversion_of is not None else None,
                "sentence": sentence,
            })
    frame = pd.DataFrame.from_records(records, columns=list(QUANTITY_COLUMNS))
    frame = frame.astype({"year": "Int64", "sentence_index": "Int64", "value": float, "year_stated": bool})
    for codes in (wanted, counterparts):
        if codes:
            frame = frame[frame["from"].isin(codes) | frame["to"].isin(codes)].reset_index(drop=True)
    return frame


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _sentence_rows(source: Any, since: str | None, until: str | None,
                   powers: Sequence[str] | None) -> pd.DataFrame:
    """One row per distinct sentence (mention_id, event_id, doc_id, sentence_index, sentence,
    actor_code, recipient_code, date, published), from the record that gives its dyad."""
    from suasion.analyze.frame import filter_dates
    from suasion.store import Store

    if isinstance(source, (str, Path)):
        with Store(source, read_only=True) as store:
            return _sentence_rows(store, since, until, powers)
    if isinstance(source, Store):
        frame = source.mentions_table(since=since, until=until).to_pandas()
        frame = frame.rename(columns={"id": "mention_id"})
        frame["published"] = None
    else:
        frame = source.to_pandas() if isinstance(source, pa.Table) else pd.DataFrame(source).copy()
        if "sentence" not in frame.columns:
            raise SuasionError("E012", name="events table", value=sorted(frame.columns),
                               detail="quantities need a 'sentence' column")
        if "event_id" not in frame.columns:
            frame["event_id"] = frame["id"] if "id" in frame.columns else None
        frame["mention_id"] = frame["representative_id"] if "representative_id" in frame.columns else None
        frame["published"] = frame["first_seen"] if "first_seen" in frame.columns else None
        frame = filter_dates(frame, since, until)
    for column in ("doc_id", "sentence_index", "actor_code", "recipient_code", "event_type", "date",
                   "char_start"):
        if column not in frame.columns:
            frame[column] = None
    power_set = set(powers or ())
    frame["_power"] = frame["actor_code"].isin(power_set) | frame["recipient_code"].isin(power_set)
    frame["_material"] = frame["event_type"].isin(_MATERIAL_TYPES)
    frame = frame.sort_values(["_power", "_material", "char_start"], ascending=[False, False, True],
                              kind="stable", na_position="last")
    has_place = frame["doc_id"].notna() & frame["sentence_index"].notna()
    frame = pd.concat([frame[has_place].drop_duplicates(["doc_id", "sentence_index"]),
                       frame[~has_place].drop_duplicates(["sentence"])])
    return frame.sort_values(["doc_id", "sentence_index"], kind="stable", na_position="last")
