"""Dates of a meeting series from its rhythm, and the public holidays they may fall on."""

import calendar
from datetime import date, timedelta
from functools import cache

import holidays

from meetings.constants import Rhythm, WeekParity


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth (1–5, or −1 = last) given weekday of a month; None if the month has no such day."""
    days = [
        day for day in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, day).weekday() == weekday
    ]
    index = nth - 1 if nth > 0 else nth
    try:
        return date(year, month, days[index])
    except IndexError:
        return None


def first_on_weekday(start: date, weekday: int | None) -> date:
    if weekday is None:
        return start
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def series_dates(rhythm, start: date, end: date, weekday=None, nth=None, week_parity="", given_dates=()) -> list[date]:
    if end < start:
        return []
    if rhythm == Rhythm.GIVEN_DATES:
        return sorted({day for day in given_dates if start <= day <= end})
    if rhythm == Rhythm.MONTHLY_NTH_WEEKDAY:
        found, year, month = [], start.year, start.month
        while (year, month) <= (end.year, end.month):
            day = nth_weekday(year, month, weekday, nth)
            if day and start <= day <= end:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    first = first_on_weekday(start, weekday)
    if rhythm == Rhythm.EVERY_FOUR_WEEKS:
        step = timedelta(weeks=4)
    else:  # every two weeks in even or odd ISO weeks
        wanted = 0 if week_parity == WeekParity.EVEN else 1
        if first.isocalendar().week % 2 != wanted:
            first += timedelta(weeks=1)
        step = timedelta(weeks=1)
    found, day = [], first
    while day <= end:
        # Week 53 followed by week 1 breaks the two-week step; check the parity of every week.
        if rhythm == Rhythm.EVERY_FOUR_WEEKS or day.isocalendar().week % 2 == wanted:
            found.append(day)
        day += step
    return found


@cache
def public_holidays(state: str, year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("DE", subdiv=state, years=year, language="de"))


def holiday_name(state: str, day: date) -> str:
    return public_holidays(state, day.year).get(day, "")
