"""Resolves date expressions in a sentence against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from suasion.resolve.text import Token, fold


@dataclass(slots=True)
class ResolvedDate:
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    start: int  # token index where the expression starts
    end: int


def parse_pub_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-15")
        if len(value) == 4:
            return dt.date(int(value), 7, 1)
    except ValueError:
        return None
    return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _as(value: dt.date, precision: str) -> str:
    if precision == "day":
        return value.isoformat()
    if precision == "month":
        return value.isoformat()[:7]
    return str(value.year)


YEAR_RE = re.compile(r"^(19|20)\d\d$")
# English defaults for the rules a lexicon's `dates` section may set (see codebooks/lexicon/*.yaml).
DEFAULT_LINKERS = ("of", "de")
DEFAULT_YEAR_PREPS = ("in", "en", "em", "during", "of", "de", "do")


@dataclass(slots=True)
class _Rules:
    """A lexicon's date words, folded the way tokens are."""

    months: dict[str, int]
    exact_months: dict[str, int]  # accent-sensitive spellings ("março" is not "marco")
    weekdays: dict[str, int]
    short_weekdays: dict[str, int]  # need a marker before them ("nesta quinta")
    weekday_markers: set[str]
    relative: list[tuple[str, list[str], int | None]]  # (unit, words, delta)
    last: set[str]
    next: set[str]
    last_after: set[str]
    next_after: set[str]
    since: set[str]
    linkers: set[str]
    year_preps: set[str]
    cased: bool


def _fold_words(phrase: str) -> list[str]:
    return [fold(w) for w in str(phrase).split()]


def _rules(rules: dict[str, Any]) -> _Rules:
    exact = {str(w).lower() for w in rules.get("accent_sensitive", [])}
    months = {fold(str(k)): v for k, v in rules.get("months", {}).items() if str(k).lower() not in exact}
    exact_months = {str(k).lower(): v for k, v in rules.get("months", {}).items() if str(k).lower() in exact}
    relative = [(unit, _fold_words(phrase), delta)
                for table, unit in (("relative_day", "day"), ("relative_week", "week"),
                                    ("relative_month", "month"), ("relative_year", "year"))
                for phrase, delta in (rules.get(table) or {}).items()]
    return _Rules(
        months=months, exact_months=exact_months,
        weekdays={fold(str(k)): v for k, v in rules.get("weekdays", {}).items()},
        short_weekdays={fold(str(k)): v for k, v in (rules.get("short_weekdays") or {}).items()},
        weekday_markers={fold(str(w)) for w in rules.get("weekday_markers", [])},
        relative=relative,
        last={fold(str(w)) for w in rules.get("last", [])},
        next={fold(str(w)) for w in rules.get("next", [])},
        last_after={fold(str(w)) for w in rules.get("last_after", [])},
        next_after={fold(str(w)) for w in rules.get("next_after", [])},
        since={fold(str(w)) for w in rules.get("since", []) if " " not in str(w)},
        linkers={fold(str(w)) for w in rules.get("linkers", DEFAULT_LINKERS)},
        year_preps={fold(str(w)) for w in rules.get("year_preps", DEFAULT_YEAR_PREPS)},
        cased=bool(rules.get("cased", True)),
    )


def _day_number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 2 and 1 <= int(word) <= 31:
        return int(word)
    return None


def find_dates(tokens: list[Token], pub: dt.date | None, rules: dict[str, Any],
               future: bool = False) -> list[ResolvedDate]:
    """Every date expression in the tokens, resolved; relative ones need the publication date."""
    r = _rules(rules)
    found: list[ResolvedDate] = []
    norms = [t.norm for t in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        word = norms[i]
        prev = norms[i - 1] if i else ""
        following = norms[i + 1] if i + 1 < n else ""
        if prev in r.since:
            i += 1
            continue
        # Relative phrases of several words: "last month", "this week", "la semana pasada".
        relative = next(((unit, words, delta) for unit, words, delta in r.relative
                         if norms[i:i + len(words)] == words and delta is not None), None)
        if relative is not None and pub is not None:
            unit, words, delta = relative
            found.append(_relative(pub, unit, delta, i, i + len(words)))
            i += len(words)
            continue
        weekday = r.weekdays.get(word)
        if weekday is None and word in r.short_weekdays and (prev in r.weekday_markers or following == "("):
            weekday = r.short_weekdays[word]
        if weekday is not None and pub is not None and (tokens[i].text[:1].isupper() or not r.cased):
            is_last = prev in r.last or following in r.last_after
            is_next = prev in r.next or following in r.next_after
            delta = (pub.weekday() - weekday) % 7
            if (future and not is_last) or is_next:
                day = pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)
            else:
                day = pub - dt.timedelta(days=delta if not is_last else (delta or 7))
            end = i + 1 + (following in r.last_after | r.next_after)
            found.append(ResolvedDate(day.isoformat(), "day", i - (prev in r.last | r.next), end))
            i = end
            continue
        month = r.exact_months.get(tokens[i].text.lower(), r.months.get(word))
        is_month = month is not None and (
            (not r.cased or tokens[i].text[:1].isupper() or len(word) > 3) and word != "may"
            or (word == "may" and tokens[i].text == "May" and i > 0))
        if is_month:
            day_num = None
            year = None
            end = i + 1
            if end < n and _day_number(norms[end]):
                day_num = _day_number(norms[end])
                end += 1
                if end < n and norms[end] == ",":
                    end += 1
            elif i > 0 and _day_number(norms[i - 1]):
                day_num = _day_number(norms[i - 1])
            elif i > 1 and prev in r.linkers and _day_number(norms[i - 2]):
                day_num = _day_number(norms[i - 2])  # "16 de febrero"
            if end < n and YEAR_RE.match(norms[end]):
                year = int(norms[end])
                end += 1
            elif end + 1 < n and norms[end] in r.linkers and YEAR_RE.match(norms[end + 1]):
                year = int(norms[end + 1])
                end += 2
            if year is None and pub is None:
                i = end
                continue
            if year is None:
                year = pub.year
                if prev in r.last and month >= pub.month:
                    year -= 1
                elif prev in r.next and month <= pub.month:
                    year += 1
                elif not future and month > pub.month:
                    year -= 1
                elif future and month < pub.month:
                    year += 1
            try:
                if day_num:
                    found.append(ResolvedDate(dt.date(year, month, day_num).isoformat(), "day", i, end))
                else:
                    found.append(ResolvedDate(f"{year:04d}-{month:02d}", "month", i, end))
            except ValueError:
                pass
            i = end
            continue
        if YEAR_RE.match(word) and prev in r.year_preps:
            found.append(ResolvedDate(word, "year", i, i + 1))
        i += 1
    return found


def _relative(pub: dt.date, unit: str, delta: int, start: int, end: int) -> ResolvedDate:
    if unit == "day":
        return ResolvedDate((pub + dt.timedelta(days=delta)).isoformat(), "day", start, end)
    if unit == "week":
        day = pub + dt.timedelta(days=delta)
        return ResolvedDate(day.isoformat()[:7], "month", start, end)
    if unit == "month":
        year, month = _shift_month(pub.year, pub.month, delta)
        return ResolvedDate(f"{year:04d}-{month:02d}", "month", start, end)
    return ResolvedDate(str(pub.year + delta), "year", start, end)


def pub_date_as(pub: dt.date | None, precision: str) -> str | None:
    return _as(pub, precision) if pub else None
