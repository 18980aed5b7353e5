"""Normalises article metadata as found in inputs: publication dates, language codes, stable ids."""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import hashlib
import re

# Month names as they appear in English, Spanish, Portuguese and French datelines.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    ("january", "jan", "enero", "ene", "janeiro", "janvier", "janv"),
    ("february", "feb", "febrero", "fevereiro", "fev", "février", "fevrier", "févr"),
    ("march", "mar", "marzo", "março", "marco", "mars"),
    ("april", "apr", "abril", "abr", "avril", "avr"),
    ("may", "mayo", "maio", "mai"),
    ("june", "jun", "junio", "junho", "juin"),
    ("july", "jul", "julio", "julho", "juillet", "juil"),
    ("august", "aug", "agosto", "ago", "août", "aout"),
    ("september", "sep", "sept", "septiembre", "setiembre", "set", "setembro", "septembre"),
    ("october", "oct", "octubre", "outubro", "out", "octobre"),
    ("november", "nov", "noviembre", "novembro", "novembre"),
    ("december", "dec", "diciembre", "dic", "dezembro", "dez", "décembre", "decembre", "déc"),
), start=1):
    for _name in _names:
        _MONTHS[_name] = _number

_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_ISO = re.compile(r"(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?)?(?=$|[T\s])")
_COMPACT = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?=$|[T\s])")
_DAY_FIRST_NUMERIC = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})\b")
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b")
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})(?:st|nd|rd|th|º|°)?\.?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+|del\s+)?(?P<year>\d{4})\b")
_MONTH_YEAR = re.compile(_MONTH + r",?\s+(?:de\s+|del\s+)?(?P<year>\d{4})\b")
_WEEKDAY_PREFIX = re.compile(r"^[^\W\d_]+\.?,\s*")

MIN_YEAR, MAX_YEAR = 1800, 2200


def _format(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


def normalise_date(value: object) -> str | None:
    """Return `value` as YYYY-MM-DD, YYYY-MM or YYYY, or None when it is not a recognisable date.

    Understands ISO 8601 (with or without a time), RFC 822 feed dates, "February 16, 2022",
    "16 de febrero de 2022", "16/02/2022" (day first) and datetime/date objects. The calendar date is
    kept as written: a time zone never moves it to another day.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _format(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _format(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return _format(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            month, day = match.group("month"), match.group("day")
            return _format(int(match.group("year")), int(month) if month else None,
                           int(day) if day else None)
    if "," in text[:5] or re.search(r"\d{1,2}:\d{2}", text):
        parsed = email.utils.parsedate_tz(text)
        if parsed is not None and parsed[0]:
            result = _format(parsed[0], parsed[1], parsed[2])
            if result:
                return result
    text = _WEEKDAY_PREFIX.sub("", text)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text):
            month = _month_number(match.group("month"))
            if month:
                return _format(int(match.group("year")), month, int(match.group("day")))
    match = _DAY_FIRST_NUMERIC.search(text)
    if match:
        day, month = int(match.group("day")), int(match.group("month"))
        if month > 12 >= day:  # written month first (US style): swap
            day, month = month, day
        return _format(int(match.group("year")), month, day)
    for match in _MONTH_YEAR.finditer(text):
        month = _month_number(match.group("month"))
        if month:
            return _format(int(match.group("year")), month)
    return None


_LANGUAGE_NAMES = {
    "english": "en", "inglés": "en", "ingles": "en", "inglês": "en",
    "spanish": "es", "español": "es", "espanol": "es", "castellano": "es", "espanhol": "es",
    "portuguese": "pt", "português": "pt", "portugues": "pt", "portugués": "pt",
    "french": "fr", "français": "fr", "francais": "fr", "german": "de", "deutsch": "de",
    "italian": "it", "italiano": "it", "russian": "ru", "русский": "ru",
}


def normalise_language(value: object) -> str | None:
    """Return a lower-case ISO 639 code ("en-US" -> "en", "Spanish" -> "es"), or None if unusable."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if not text:
        return None
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    code = re.split(r"[-_]", text, maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def slugify(value: str, max_length: int = 80) -> str:
    """A stable, file-name-safe id from a URL or guid; long values keep a short hash for uniqueness."""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip().lower())
    text = re.sub(r"^www\.", "", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length or not slug:
        digest = hashlib.blake2b(value.encode("utf-8"), digest_size=4).hexdigest()
        slug = f"{slug[: max_length - 9].rstrip('-')}-{digest}".lstrip("-")
    return slug
