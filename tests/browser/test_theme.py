"""The campaign's theme and switches in Chromium: the theme stylesheet applies under the site's strict CSP, and a
campaign without the quick exit has nothing that answers its keys."""

from __future__ import annotations

import re

import pytest

from ..conftest import DEFAULT, PARK

pytestmark = pytest.mark.browser


def rgb(colour: str) -> str:
    """`#2f5d1e` as a browser's computed style writes it."""
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def header_colour(page) -> str:
    return page.locator(".site-header").evaluate("element => getComputedStyle(element).backgroundColor")


@pytest.mark.parametrize("campaign", [PARK], ids=["park"])
def test_the_park_campaigns_colours_apply(page):
    page.goto("/ru/share")
    theme = PARK.settings["theme"]
    assert header_colour(page) == rgb(theme["accent"])
    link = page.locator("main a[href]").first.evaluate("element => getComputedStyle(element).color")
    assert link == rgb(theme["link"])
    assert page.console_messages == []  # no style refused by the Content-Security-Policy


@pytest.mark.parametrize("campaign", [DEFAULT], ids=["default"])
def test_the_default_campaign_keeps_the_engines_accent(page):
    page.goto("/")
    stylesheet = page.locator('link[rel="stylesheet"]').first.get_attribute("href")
    accent = re.search(r"--accent: (#[0-9a-f]{6});", page.request.get(page.url + stylesheet).text())
    assert accent and header_colour(page) == rgb(accent.group(1))


@pytest.mark.parametrize("campaign", [PARK], ids=["park"])
def test_without_the_quick_exit_pressing_shift_three_times_stays(page, server):
    page.goto("/ru/share")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_timeout(500)
    assert page.url == f"{server.base_url}/ru/share"
    assert page.locator("[data-exit-page]").count() == 0
