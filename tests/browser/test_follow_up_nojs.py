"""The follow-up page in Chromium with JavaScript off, served by the real gunicorn: type the card's fields, get
the card, download the .ics and read it back; axe finds nothing on the card; nothing typed reaches a URL or a
log."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from ..conftest import PARK
from .conftest import axe_violations

NUMBER = "ЖТ-Маркер-0042"


@pytest.fixture(params=[PARK], ids=["park"])
def campaign(request):
    return request.param


def show_card(page) -> None:
    page.goto(PARK.url("petition/follow-up", "ru"))
    # Long enough ago for the term to have passed on any day the test runs (15 working days fit in 40 days).
    page.locator("#registered_on").fill((dt.date.today() - dt.timedelta(days=40)).isoformat())
    page.locator("#registration_number").fill(NUMBER)
    page.locator("form button.button").first.click()
    page.locator(".case-dates").wait_for()


def test_without_javascript_the_card_and_its_ics(nojs_page, server, tmp_path):
    show_card(nojs_page)
    assert NUMBER in nojs_page.content()
    assert nojs_page.locator(".next-letters form").count() >= 2  # the reminder and the inaction complaint
    with nojs_page.expect_download() as download:
        nojs_page.locator('form[action$="dates.ics"] button').click()
    saved = tmp_path / "dates.ics"
    download.value.save_as(saved)
    assert download.value.suggested_filename.startswith("dates-")
    events = list(Calendar.from_ical(saved.read_bytes()).walk("VEVENT"))
    assert len(events) == 3 and all(e["DTSTART"].params["VALUE"] == "DATE" for e in events)
    assert not [e for e in events if NUMBER in str(e["SUMMARY"])]  # neutral unless "include details" is ticked
    logs = server.logs()
    assert NUMBER not in logs and "registered_on" not in logs


def test_the_card_has_no_accessibility_violations(axe_page, server):
    show_card(axe_page)
    assert axe_violations(axe_page) == []


def test_the_fullest_card_prints_on_one_sheet(nojs_page):
    """A range (Kurban Ait 2026 is estimated), an extension and a redirection to a body of the longest name the
    form takes: every date, rule and reason, on one A4 sheet, without the forms."""
    nojs_page.goto(PARK.url("petition/follow-up", "kk"))
    for name, value in {"registered_on": "2026-05-15", "registration_number": "ЖТ-2026/0042-" + "7" * 30,
                        "extended_to": "2026-07-10", "redirected_on": "2026-05-18",
                        "redirected_to": "Көктал облысының әкімдігі " * 7}.items():
        nojs_page.locator(f"#{name}").fill(value.strip()[:200])
    nojs_page.locator("form button.button").first.click()
    nojs_page.locator(".case-dates").wait_for()
    nojs_page.emulate_media(media="print")
    pdf = nojs_page.pdf(format="A4", prefer_css_page_size=True, display_header_footer=True)
    sheets = [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]
    assert len(sheets) == 1, repr(sheets[-1][:1500])
    shown = nojs_page.locator(".case-dates__when").all_inner_texts()
    assert len(shown) == 3 and all(re.sub(r"\s+", " ", when) in re.sub(r"\s+", " ", sheets[0]) for when in shown)
