"""Working days under the Chinese statutory calendar (the start day is never counted).

The State Council publishes each year's public holidays and make-up working days (调休) late in
the previous year. `chinesecalendar` carries the published years; administrators enter the days
of a newer year as `Holiday` records, which also override the package for any date. A year with
neither falls back to Monday–Friday less the statutory holidays, whose dates are fixed by law before
the notice (only the make-up working days and bridging days are not); the admin still warns about it.
"""

from datetime import date, timedelta
from functools import cache

import chinese_calendar
from lunardate import LunarDate

# Deadline arithmetic is bounded whatever a record holds: ten years is beyond any statutory period,
# and a date typed as year 9999 must not make a page walk millions of days.
MAX_SPAN_DAYS = 3660
MAX_WORKING_DAYS = 2500


class WorkCalendar:
    """Answers "is this a working day?", loading each year's administrator overrides once."""

    def __init__(self):
        self._overrides = {}

    def _year_overrides(self, year):
        if year not in self._overrides:
            from casework.models import Holiday

            self._overrides[year] = dict(Holiday.objects.filter(date__year=year).values_list("date", "is_working_day"))
        return self._overrides[year]

    def is_working_day(self, day):
        overrides = self._year_overrides(day.year)
        if day in overrides:
            return overrides[day]
        if package_covers(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5 and day not in statutory_holidays(day.year)


@cache
def statutory_holidays(year):
    """The days off that 《全国年节及纪念日放假办法》 (as revised in 2024) fixes for every year:
    元旦, 春节 (除夕 to 初三), 清明, 劳动节 (1–2 May), 端午, 中秋 and 国庆 (1–3 October). Lunar
    dates and solar terms are known from 1900 to 2099; later years keep the fixed dates only."""
    days = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 2), *(date(year, 10, d) for d in (1, 2, 3))}
    if 1900 <= year <= 2099:
        new_year = LunarDate(year, 1, 1).to_solar_date()
        days |= {new_year + timedelta(days=d) for d in range(-1, 3)}
        days |= {LunarDate(year, 5, 5).to_solar_date(), LunarDate(year, 8, 15).to_solar_date()}
        april = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
        days |= {day for day, name in april if name == "清明"}
    return frozenset(day for day in days if day.year == year)


def package_covers(year):
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def year_has_calendar(year):
    from casework.models import Holiday

    return package_covers(year) or Holiday.objects.filter(date__year=year).exists()


def add_working_days(start, n, calendar=None):
    """The date n working days after start (start itself not counted); start when n is 0."""
    calendar = calendar or WorkCalendar()
    day = start
    n = min(n, MAX_WORKING_DAYS)
    while n > 0 and day < date.max - timedelta(days=7):
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def working_days_between(start, end, calendar=None):
    """Working days after start up to and including end; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, calendar)
    calendar = calendar or WorkCalendar()
    end = min(end, start + timedelta(days=MAX_SPAN_DAYS))
    return sum(calendar.is_working_day(start + timedelta(days=k)) for k in range(1, (end - start).days + 1))


def working_days_left(due, today, calendar=None):
    """Working days from today until the due date; negative once it has passed."""
    return working_days_between(today, due, calendar)


def skipped_holidays(start, end, calendar=None):
    """The holidays on weekdays after start up to end that a deadline did not count, one entry per
    run of days off: [(names, first day, last day, working days skipped)]. Bounded like the rest."""
    from casework.models import Holiday

    calendar = calendar or WorkCalendar()
    end = min(end, start + timedelta(days=MAX_SPAN_DAYS))
    notes = dict(Holiday.objects.filter(date__gt=start, date__lte=end).values_list("date", "note"))
    runs = []
    for k in range(1, (end - start).days + 1):
        day = start + timedelta(days=k)
        if day.weekday() >= 5 or calendar.is_working_day(day):
            continue
        name = notes.get(day) or _holiday_name(day)
        if runs and (day - runs[-1][2]).days <= 3 and not calendar_working_between(runs[-1][2], day, calendar):
            names, first, _, days = runs[-1]
            runs[-1] = (names if name in names else names + [name], first, day, days + 1)
        else:
            runs.append(([name], day, day, 1))
    return [("、".join(names), first, last, days) for names, first, last, days in runs]


def calendar_working_between(after, before, calendar):
    return any(calendar.is_working_day(after + timedelta(days=k)) for k in range(1, (before - after).days))


def _holiday_name(day):
    try:
        _, holiday = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        holiday = None
    if holiday is None:
        return "法定节假日"
    return next((h.chinese for h in chinese_calendar.constants.Holiday if h.value == holiday), holiday)
