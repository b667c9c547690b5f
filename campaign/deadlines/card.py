"""The case card: from the date an appeal was registered (and later events), the dates the law sets after it.

The counting convention, which the card states: the count starts the day after registration (an appeal
registered on a non-working day counts from the next working day); day 1 is the first working day after that;
a term in months ends on the same date of the month (the last day of a shorter month); a term ending on a
non-working day ends on the next working day. Each date is a span of the calendar's early and late readings.
"""

from __future__ import annotations

import calendar as month_lengths
import datetime as dt
from dataclasses import dataclass

from .calendar import ONE_DAY, Calendar, Doubt

ANSWER_DUE = "answer_due"
LATEST = "latest"
COMPLAIN_BY = "complain_by"


@dataclass(frozen=True)
class Terms:
    """The terms of the law, from content (follow-up/settings.yml `terms`)."""

    answer_working_days: int = 15  # APPC art. 76
    extension_months: int = 2  # the cap of an extension, counted from receipt
    complaint_months: int = 3  # APPC art. 92


@dataclass(frozen=True)
class Span:
    """A date the calendar may not know for sure: between `early` and `late`, both included."""

    early: dt.date
    late: dt.date

    @property
    def certain(self) -> bool:
        return self.early == self.late


@dataclass(frozen=True)
class Case:
    """What the visitor tells of their appeal."""

    registered_on: dt.date
    extended_to: dt.date | None = None
    redirected_on: dt.date | None = None


@dataclass(frozen=True)
class Card:
    counted_from: Span  # the working day the count starts from (registration on a day off: the next)
    due: Span  # the answer is due: the term in working days
    latest: Span  # the latest date if extended: the cap in months from receipt (or from a redirection)
    # The date an extension notice gave, as the card counts it: on a day off, the next working day; never before
    # `due` (an extension only lengthens the term: see `before_due`) nor past the cap (see `beyond_cap`).
    extended_to: dt.date | None
    beyond_cap: bool  # the notice gives a date past the cap
    before_due: bool  # the date given is earlier than the term without an extension (the notice's own date?)
    answer_due: Span  # what the visitor waits for: extended_to when given, else due; widened by a redirection
    complain_by: Span  # the complaint term in months from the day after answer_due
    doubts: tuple[Doubt, ...]  # why any span is a range (a redirection aside: see `redirected`)
    redirected: bool

    @property
    def reminder_opens(self) -> dt.date:
        """The first day a reminder may be sent: the earliest the answer may be due."""
        return self.answer_due.early

    @property
    def complaint_opens(self) -> dt.date:
        """The first day the answer is late by every reading: silence now counts as a refusal."""
        return self.answer_due.late + ONE_DAY

    def dates(self) -> tuple[tuple[str, dt.date], ...]:
        """One date per event for a reminder, each on the safe side: wait until the late end, complain by the
        early one."""
        return ((ANSWER_DUE, self.answer_due.late), (LATEST, self.latest.late), (COMPLAIN_BY, self.complain_by.early))


def card_for(case: Case, calendar: Calendar, terms: Terms) -> Card:
    counted_from = Span(*(_working_from(case.registered_on, calendar, late) for late in (False, True)))
    due = Span(*(_working_days_after(start, terms.answer_working_days, calendar, late)
                 for start, late in ((counted_from.early, False), (counted_from.late, True))))
    latest = Span(*(_after_months(start, terms.extension_months, calendar, late)
                    for start, late in ((counted_from.early, False), (counted_from.late, True))))
    # The stretches each shown date was counted over, for the doubts that make it a range. The working-day term
    # counts only while no extension replaces it: a notice's date is sure, whatever the calendar doubts before it.
    windows = [(case.registered_on, counted_from.late),
               (_add_months(counted_from.early, terms.extension_months), latest.late)]
    if case.extended_to is None:
        windows.append((counted_from.early, due.late))
    redirected = case.redirected_on is not None
    if case.redirected_on is not None:
        # Whether the body the appeal was redirected to counts afresh is not settled ("check"): the late end
        # counts as if it did, from the day of the redirection.
        fresh_start = _working_from(case.redirected_on, calendar, late=True)
        fresh_due = _working_days_after(fresh_start, terms.answer_working_days, calendar, late=True)
        fresh_latest = _after_months(fresh_start, terms.extension_months, calendar, late=True)
        latest = Span(latest.early, max(latest.late, fresh_latest))
        windows += [(case.redirected_on, fresh_due), (_add_months(fresh_start, terms.extension_months), latest.late)]
    else:
        fresh_due = due.late
    extended_to = None
    if case.extended_to is not None:
        # Capped first (the cap is a working day), then a day off moved to the next working day.
        extended_to = max(_working_from(min(case.extended_to, latest.late), calendar, late=True), due.late)
    waited = due if extended_to is None else Span(extended_to, extended_to)
    answer_due = Span(waited.early, max(waited.late, fresh_due) if redirected else waited.late)
    complain_by = Span(*(_after_months(day + ONE_DAY, terms.complaint_months, calendar, late)
                         for day, late in ((answer_due.early, False), (answer_due.late, True))))
    windows.append((_add_months(answer_due.early + ONE_DAY, terms.complaint_months), complain_by.late))
    doubts = {doubt: None for first, last in windows for doubt in calendar.doubts(first, last)}
    return Card(counted_from=counted_from, due=due, latest=latest, extended_to=extended_to,
                beyond_cap=case.extended_to is not None and case.extended_to > latest.late,
                before_due=case.extended_to is not None and case.extended_to < due.late,
                answer_due=answer_due, complain_by=complain_by,
                doubts=tuple(sorted(doubts, key=lambda doubt: doubt.day)), redirected=redirected)


def _working_from(day: dt.date, calendar: Calendar, late: bool) -> dt.date:
    """The day itself if it is a working day, else the next working day."""
    while not calendar.is_working(day, late):
        day += ONE_DAY
    return day


def _working_days_after(start: dt.date, count: int, calendar: Calendar, late: bool) -> dt.date:
    """The `count`-th working day after `start` (day 1 is the first working day after it)."""
    day = start
    for _ in range(count):
        day = _working_from(day + ONE_DAY, calendar, late)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same date `months` later, or the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, month_lengths.monthrange(year, month)[1]))


def _after_months(start: dt.date, months: int, calendar: Calendar, late: bool) -> dt.date:
    """A term in months from `start`, moved to the next working day when it ends on a day off."""
    return _working_from(_add_months(start, months), calendar, late)
