"""The one partial-date check (suasion.model.dates) that gold files, store filters and clustering share."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suasion.model.dates import is_partial_date, partial_date_period

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(days)
def test_a_day_is_its_own_period(day):
    assert partial_date_period(day.isoformat()) == (day, day)


@given(days)
def test_a_month_runs_from_its_first_to_its_last_day(day):
    first, last = partial_date_period(day.isoformat()[:7])
    assert first == day.replace(day=1) and first <= day <= last
    assert last.month == day.month
    assert last == dt.date.max or (last + dt.timedelta(days=1)).month != day.month


@given(days)
def test_a_year_runs_from_january_first_to_december_31st(day):
    assert partial_date_period(day.isoformat()[:4]) == (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-13", "2024-00", "0000", "2024-1",
                                   "24", "2024-01-01T10:00", " 2024", "2024/01", "", None, 2024])
def test_anything_else_names_no_period(value):
    assert partial_date_period(value) is None
    assert not is_partial_date(value)


def test_leap_days_and_month_ends():
    assert partial_date_period("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert partial_date_period("2024-02-29") == (dt.date(2024, 2, 29), dt.date(2024, 2, 29))
    assert partial_date_period("1999-12") == (dt.date(1999, 12, 1), dt.date(1999, 12, 31))
