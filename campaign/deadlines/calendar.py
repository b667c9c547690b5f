"""Kazakhstan's working days: the `holidays` package's list, corrected by what a campaign's editor checked.

Two readings of every day: the early one (what the library says for sure) and the late one, which also takes as
days off the holidays whose date the library only estimates and, in a year no editor has checked against the
government's decrees, the likely transfer days off. A count read both ways gives a range: the answer is due by
its late end (a wrong extra day off gives the body more time, not less), a complaint is due by its early end.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import holidays

COUNTRY = "KZ"
LANGUAGE = "en_US"  # the names `flask content holidays` prints for an editor
ESTIMATED = "estimated"
UNREVIEWED = "unreviewed"
ONE_DAY = dt.timedelta(days=1)
# The years a date may be in: Kazakhstan's holidays begin in 1991; a later year than 2100 is a typing mistake (and
# counting months on from the year 9999 would leave the calendar). A form should refuse a date outside them.
FIRST_YEAR, LAST_YEAR = 1991, 2100


@dataclass(frozen=True)
class YearRule:
    """What an editor set for one year, from the decrees: days off and working days, sure in both readings."""

    days_off: frozenset[dt.date] = frozenset()
    working_days: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Doubt:
    """Why a date may be another one."""

    reason: str  # ESTIMATED: a holiday whose date the library estimates; UNREVIEWED: a year no editor checked
    day: dt.date  # the estimated holiday; for UNREVIEWED, the first likely transfer day off met
    year: int


@dataclass(frozen=True)
class _Year:
    """One year read both ways: the days off of each reading, and the library's estimated holidays."""

    early_off: frozenset[dt.date]
    late_off: frozenset[dt.date]
    estimated: Mapping[dt.date, dt.date]  # each day the late reading takes off for an estimate -> that estimate


class Calendar:
    """Built once at start-up; each year is read from the library the first time a count reaches it."""

    def __init__(self, reviewed: int | None, rules: Mapping[int, YearRule]) -> None:
        self.reviewed = reviewed  # the last year an editor checked against the decrees (None: none)
        self.rules = dict(rules)
        self._years: dict[int, _Year] = {}
        self._lock = threading.Lock()  # requests run in threads: each year is read once

    def is_working(self, day: dt.date, late: bool) -> bool:
        year = self._year(day.year)
        return day not in (year.late_off if late else year.early_off)

    def doubts(self, first: dt.date, last: dt.date) -> tuple[Doubt, ...]:
        """The doubts met in [first, last]: every estimated holiday that falls on a working day, and for each
        unreviewed year the first likely transfer day off. The readings differ on exactly these days."""
        found: list[Doubt] = []
        unreviewed_years: set[int] = set()
        day = first
        while day <= last:
            year = self._year(day.year)
            if day in year.late_off and day not in year.early_off:
                if day in year.estimated:
                    estimate = year.estimated[day]
                    found.append(Doubt(ESTIMATED, estimate, estimate.year))
                elif day.year not in unreviewed_years:
                    unreviewed_years.add(day.year)
                    found.append(Doubt(UNREVIEWED, day, day.year))
            day += ONE_DAY
        return tuple(found)

    def days_in_doubt(self, year: int) -> list[tuple[dt.date, dt.date | None]]:
        """The days of `year` the two readings disagree on (a day off only in the late one), each with the
        estimated holiday it stands for, or None for a likely transfer day off."""
        reading = self._year(year)
        return [(day, reading.estimated.get(day)) for day in sorted(reading.late_off - reading.early_off)]

    def library_holidays(self, year: int) -> list[tuple[dt.date, str]]:
        """The library's days off and weekend working days of `year`, by date, with its names (estimated dates
        carry its "(estimated)" label), for an editor to check against the decree."""
        listed = _library(year)
        days = [(day, name) for day, name in listed.items() if day.year == year]
        days += [(day, "Working day (a weekend day made a working day by decree)")
                 for day in listed.weekend_workdays if day.year == year]
        return sorted(days)

    def unreviewed(self, year: int) -> bool:
        return self.reviewed is None or year > self.reviewed

    def _year(self, year: int) -> _Year:
        known = self._years.get(year)
        if known is None:
            with self._lock:
                known = self._years.get(year) or self._read(year)
                self._years[year] = known
        return known

    def _read(self, year: int) -> _Year:
        # The neighbouring years too: a likely transfer day may sit beside a holiday across New Year.
        listed = _library(year - 1, year, year + 1)
        sure = holidays.country_holidays(COUNTRY, years=[year - 1, year, year + 1], language=LANGUAGE,
                                         islamic_show_estimated=False)
        estimates = frozenset(day for day in listed if listed[day] != sure[day])
        # A holiday set by the moon may fall a day either side of the library's estimate. On a weekday the estimate
        # itself stands for the working day it may take; on a weekend day, it is the weekday beside it that may be
        # lost (a Sunday estimate may turn out to be Monday), so the late reading takes that weekday off.
        estimated: dict[dt.date, dt.date] = {}
        for day in sorted(estimates):
            estimated[day] = day
            if day.weekday() in listed.weekend:
                for beside in (day - ONE_DAY, day + ONE_DAY):
                    if beside.weekday() not in listed.weekend:
                        estimated.setdefault(beside, day)
        first, last = dt.date(year - 1, 12, 31), dt.date(year + 1, 1, 1)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]

        def off(day: dt.date, late: bool) -> bool:
            rule = self.rules.get(day.year, YearRule())
            if day in rule.working_days:
                return False
            if day in rule.days_off:
                return True
            if day in listed and day not in estimates:
                return True
            if late and day in estimated:
                return True
            return day.weekday() in listed.weekend and day not in listed.weekend_workdays

        early_off = {day for day in days if off(day, late=False)}
        late_off = {day for day in days if off(day, late=True)}
        if self.unreviewed(year):
            late_off |= {day for day in days[1:-1] if self._likely_transfer(day, late_off)}
        in_year = [day for day in days if day.year == year]
        return _Year(frozenset(d for d in in_year if d in early_off), frozenset(d for d in in_year if d in late_off),
                     MappingProxyType({d: e for d, e in estimated.items() if d.year == year}))

    def _likely_transfer(self, day: dt.date, off: set[dt.date]) -> bool:
        """A weekday between two days off (a holiday on one side, a weekend or a holiday on the other): the day
        the government's decrees usually make a day off, in exchange for a Saturday. A day an editor set as a
        working day stays one."""
        rule = self.rules.get(day.year, YearRule())
        return (day not in off and day.weekday() < 5 and day not in rule.working_days
                and day - ONE_DAY in off and day + ONE_DAY in off)


def _library(*years: int) -> holidays.HolidayBase:
    return holidays.country_holidays(COUNTRY, years=list(years), language=LANGUAGE)


def make_calendar(reviewed: int | None, years: Mapping[int, YearRule]) -> Calendar:
    return Calendar(reviewed, years)
