"""Resolves date expressions in a sentence against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from suasion.resolve.text import Token


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


def find_dates(tokens: list[Token], pub: dt.date | None, rules: dict[str, Any],
               future: bool = False) -> list[ResolvedDate]:
    """Every date expression in the tokens, resolved; relative ones need the publication date."""
    months: dict[str, int] = rules.get("months", {})
    weekdays: dict[str, int] = rules.get("weekdays", {})
    last_words = set(rules.get("last", []))
    next_words = set(rules.get("next", []))
    since_words = {w for w in rules.get("since", []) if " " not in w}
    found: list[ResolvedDate] = []
    norms = [t.norm for t in tokens]
    n = len(tokens)
    i = 0
    while i < n:
        word = norms[i]
        prev = norms[i - 1] if i else ""
        if prev in since_words:
            i += 1
            continue
        # Relative phrases of several words: "last month", "this week", "earlier this year".
        matched = False
        for table, unit in (("relative_day", "day"), ("relative_week", "week"),
                            ("relative_month", "month"), ("relative_year", "year")):
            for phrase, delta in (rules.get(table) or {}).items():
                words = phrase.split()
                if norms[i:i + len(words)] == words and delta is not None and pub is not None:
                    found.append(_relative(pub, unit, delta, i, i + len(words)))
                    i += len(words)
                    matched = True
                    break
            if matched:
                break
        if matched:
            continue
        if word in weekdays and pub is not None and tokens[i].text[:1].isupper():
            delta = (pub.weekday() - weekdays[word]) % 7
            if future or prev in next_words:
                day = pub + dt.timedelta(days=(weekdays[word] - pub.weekday()) % 7 or 7)
            else:
                day = pub - dt.timedelta(days=delta if prev not in last_words else (delta or 7))
            found.append(ResolvedDate(day.isoformat(), "day", i - (prev in last_words | next_words), i + 1))
            i += 1
            continue
        if word in months and (tokens[i].text[:1].isupper() or len(word) > 3) and word != "may" or (
                word == "may" and tokens[i].text == "May" and i > 0):
            month = months[word]
            day_num = None
            year = None
            end = i + 1
            if end < n and norms[end].isdigit() and 1 <= int(norms[end]) <= 31 and len(norms[end]) <= 2:
                day_num = int(norms[end])
                end += 1
                if end < n and norms[end] == ",":
                    end += 1
            elif i > 0 and norms[i - 1].isdigit() and 1 <= int(norms[i - 1]) <= 31:
                day_num = int(norms[i - 1])
            if end < n and YEAR_RE.match(norms[end]):
                year = int(norms[end])
                end += 1
            elif end + 1 < n and norms[end] in ("of", "de") and YEAR_RE.match(norms[end + 1]):
                year = int(norms[end + 1])
                end += 2
            if year is None and pub is None:
                i = end
                continue
            if year is None:
                year = pub.year
                if prev in last_words and month >= pub.month:
                    year -= 1
                elif prev in next_words and month <= pub.month:
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
        if YEAR_RE.match(word) and prev in ("in", "en", "em", "during", "of", "de", "do"):
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
