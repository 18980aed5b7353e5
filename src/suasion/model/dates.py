"""Partial dates (YYYY, YYYY-MM or YYYY-MM-DD): the one check of them and the period each names."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def partial_date_period(value: object) -> tuple[date, date] | None:
    """First and last day of the year, month or day a YYYY, YYYY-MM or YYYY-MM-DD value names;
    None when it is not such a value or names no real calendar period (2024-13, 2023-02-29)."""
    match = _PARTIAL_DATE_RE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day is not None:
            first = date(year, month, day)
            return first, first
        if month is not None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def is_partial_date(value: object) -> bool:
    """True for YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    return partial_date_period(value) is not None
