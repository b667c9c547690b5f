"""Printing the letter page in Chromium: the letter alone, laid out as an appeal on A4, on as few pages as it needs."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from ..conftest import PERSON, VALID_IIN


def walk_to_the_letter(page, campaign, fields: dict[str, str], keep: int | None, personal: str = "") -> str:
    route = next(r for r in campaign.routes if r != "eotinish")
    page.goto(f"/{campaign.wizard_path}/route")
    page.locator("#route" if route == campaign.routes[0] else f"#route-{route}").check()
    page.locator("form button.button").click()
    page.locator("#sender").check()
    page.locator("form button.button").click()
    for name, value in fields.items():
        page.locator(f"#{name}").fill(value)
    page.locator("form button.button").click()
    page.wait_for_url(f"**/{campaign.wizard_path}/complaint")
    for argument in campaign.arguments[keep:] if keep else ():
        page.locator("#arguments" if argument == campaign.arguments[0] else f"#arguments-{argument}").uncheck()
    page.locator("#personal").fill(personal)
    page.locator("form button.button").click()
    page.wait_for_url(f"**/{campaign.wizard_path}/check")
    page.locator("form button.button").click()
    page.wait_for_url(f"**/{campaign.wizard_path}/letter")
    return page.locator("#letter-text").input_value()


def printed(page) -> list[str]:
    """The page printed to PDF on A4, with the browser's own header and footer switched on, as a visitor may
    have them: the text of each sheet."""
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, display_header_footer=True, print_background=False)
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def normal(text: str) -> str:
    """Text with every run of whitespace as one space, and none after a hyphen: where a line wraps (after a
    hyphen too, as browsers break lines) is layout, not text."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def test_a_typical_letter_prints_alone_on_at_most_two_sheets(page, server, campaign):
    typical = {"surname": PERSON["surname"], "given_name": PERSON["given_name"], "iin": VALID_IIN,
               "address": PERSON["address"]}
    text = walk_to_the_letter(page, campaign, typical, keep=3)
    sheets = printed(page)
    assert 1 <= len(sheets) <= 2 and all(sheet.strip() for sheet in sheets)  # no blank sheet
    assert normal("\n".join(sheets)) == normal(text)  # the letter alone: no page chrome, no header or footer
    assert server.base_url.split("//")[1] not in "".join(sheets)


def test_the_longest_letter_prints_on_at_most_three_sheets(page, campaign):
    longest = {"surname": "Ж" * 100, "given_name": "Ә" * 100, "patronymic": "Ө" * 100, "iin": VALID_IIN,
               "address": ("Алматы, ул. Абая, " * 20)[:300], "email": "a" * 240 + "@example.kz",
               "phone": "+7 701 123 45 67"}
    text = walk_to_the_letter(page, campaign, longest, keep=None, personal="я " * 1000)
    sheets = printed(page)
    assert len(sheets) <= 3 and all(sheet.strip() for sheet in sheets)
    assert re.sub(r"\s", "", "".join(sheets)) == re.sub(r"\s", "", text)
