"""The card's dates as an .ics file: one all-day event per date, with the DTSTAMP and UID phones need."""

from __future__ import annotations

import datetime as dt
from html import unescape

from icalendar import Calendar

from campaign.followup.ics import ics_file

from .conftest import PARK, build, translated

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


CASE = {"registered_on": "2026-02-02", "registration_number": "ЖТ-2026-0042", "surname": "Сапарова"}


def test_the_dates_posted_come_back_as_an_ics_with_neutral_summaries():
    app = build(PARK.root)
    campaign_names = yaml_names()
    response = app.test_client().post(PARK.url("petition/follow-up/dates.ics", "ru"), data=CASE)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="dates-')
    events = events_of(response.get_data())
    assert len(events) == 3
    summaries = " ".join(str(e["SUMMARY"]) for e in events)
    for secret in ("ЖТ-2026-0042", "Сапарова", *campaign_names, *addressees()):
        assert secret not in summaries
    assert summaries == " ".join(translated(app, "ru", words) for words in
                                 ("Reply expected", "Reply at the latest", "Last day to act"))


def test_the_details_are_in_the_summaries_when_ticked():
    response = build(PARK.root).test_client().post(PARK.url("petition/follow-up/dates.ics", "kk"),
                                                   data={**CASE, "details": "yes"})
    events = events_of(response.get_data())
    assert len(events) == 3 and all("ЖТ-2026-0042" in str(e["SUMMARY"]) for e in events)
    assert all(PARK.settings["name"]["kk"] in str(e["SUMMARY"]) for e in events)


def test_the_ics_is_only_posted():
    client = build(PARK.root).test_client()
    response = client.get(PARK.url("petition/follow-up/dates.ics"))
    assert response.status_code == 405 and response.headers["Allow"] == "POST"


def test_without_a_valid_case_the_form_says_why():
    app = build(PARK.root)
    response = app.test_client().post(PARK.url("petition/follow-up/dates.ics", "ru"),
                                      data={**CASE, "registered_on": "31.02.2026"})
    assert response.status_code == 422 and response.mimetype == "text/html"
    assert translated(app, "ru", "Enter the registration date as a real date, like 05.03.2026") in unescape(
        response.get_data(as_text=True))


def yaml_names() -> list[str]:
    return list(PARK.settings["name"].values())


def addressees() -> list[str]:
    """Every line of every follow-up letter's addressee, in every language."""
    lines = []
    for path in (PARK.root / "complaint" / "follow-up").glob("*.*.yml"):
        lines += PARK.yaml(path.relative_to(PARK.root).as_posix()).get("addressee", [])
    return [line for line in lines if len(line) > 3]
