"""The card's dates as an iCalendar file: one all-day event per date, for a phone's or a computer's calendar.

`Calendar.new()` and `Event.new()` give each a DTSTAMP and a UID, without which phones refuse a file. The events are
all-day (VALUE=DATE): a date has no time zone for a calendar to shift into the day before. The summaries are the
caller's: neutral ones by default, since a calendar is often synced to a phone others can see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from .. import clock
from ..deadlines.calendar import ONE_DAY

# Names the file's producer, as RFC 5545 asks, in words that say nothing of the campaign or the appeal.
PRODID = "-//reminders//dates//EN"


def ics_file(events: Iterable[tuple[str, dt.date]]) -> bytes:
    """The file of one all-day event for each (summary, date)."""
    calendar = Calendar.new(prodid=PRODID)
    stamp = clock.now()  # the site's one clock, which tests can stand still
    for summary, day in events:
        calendar.add_component(Event.new(summary=summary, start=day, end=day + ONE_DAY, stamp=stamp))
    return calendar.to_ical()
