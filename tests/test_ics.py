"""The card's dates as an .ics file: one all-day event per date, with the DTSTAMP and UID phones need."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from campaign.followup.ics import ics_file

DAYS = [("Reply expected", dt.date(2026, 3, 27)), ("Reply at the latest", dt.date(2026, 5, 5)),
        ("Last day to act", dt.date(2026, 6, 28))]


def events_of(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_each_date_is_one_all_day_event_with_a_stamp_and_a_uid():
    events = events_of(ics_file(DAYS))
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == DAYS
    for event in events:
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        assert str(event["UID"])
    assert len({str(e["UID"]) for e in events}) == len(DAYS)


def test_the_stamp_is_the_sites_clock(monkeypatch):
    moment = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("campaign.clock.now", lambda: moment)
    assert {e.decoded("DTSTAMP") for e in events_of(ics_file(DAYS))} == {moment}
