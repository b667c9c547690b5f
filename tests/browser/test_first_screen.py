"""On a phone's first screen (390×844, before any scrolling), each wizard step shows its question, and the first
step every one of its choices: in real Chromium against real gunicorn, for both campaigns in each of their locales.

Without JavaScript, so that every step is a page load that opens at the top, under the header and the campaign's
line: the case with the least room (with htmx, the new step is scrolled to and its heading focused).
"""

from __future__ import annotations

import pytest

from ..conftest import CAMPAIGNS, EOTINISH, PERSON, Campaign

VIEWPORT = {"width": 390, "height": 844}


def on_first_screen(page, selector: str) -> list[str]:
    """What of `selector` lies outside the first screen: each element's text and box, for the failure message."""
    outside = []
    for element in page.locator(selector).all():
        box = element.bounding_box()
        if box is None or box["y"] < 0 or box["y"] + box["height"] > VIEWPORT["height"] or box["x"] < 0 \
                or box["x"] + box["width"] > VIEWPORT["width"]:
            outside.append(f"{element.inner_text()[:60]!r} at {box}")
    return outside


def answer(page, step: str, route: str) -> None:
    """Answer a step as a person sending by `route` (the fields each campaign asks)."""
    if step == "route":
        page.locator(f'input[name="route"][value="{route}"]').check()
    elif step == "sender":
        page.locator('input[name="sender"][value="person"]').check()
    elif step == "about" and page.locator("#full_name").count():
        page.locator("#full_name").fill(EOTINISH["full_name"])
    elif step == "about":
        for name in ("surname", "given_name", "iin", "address"):
            page.locator(f"#{name}").fill(PERSON[name])
    page.locator("form button.button").first.click()
    page.wait_for_load_state()


@pytest.fixture()
def phone(nojs_page):
    nojs_page.set_viewport_size(VIEWPORT)
    return nojs_page


@pytest.mark.parametrize(("campaign", "locale"), [(c, loc) for c in CAMPAIGNS for loc in c.locales],
                         ids=[f"{c.name}-{loc}" for c in CAMPAIGNS for loc in c.locales])
def test_each_steps_question_and_the_first_steps_choices_are_on_the_first_screen(phone, campaign: Campaign,
                                                                                  locale):
    page = phone
    for route in campaign.routes:
        page.goto(campaign.url("petition/route", locale))
        seen = []
        while page.locator('input[name="submitted"]').count():
            step = page.locator('input[name="submitted"]').get_attribute("value")
            assert step not in seen, f"{step} came back: {page.locator('.error-summary').all_inner_texts()}"
            seen.append(step)
            assert on_first_screen(page, "h1") == [], (route, step)
            if step == "route":
                assert page.locator(".choice").count() >= len(campaign.routes)
                assert on_first_screen(page, ".choice") == [], route
            answer(page, step, route)
        assert page.url.endswith("/letter") and on_first_screen(page, "h1") == [], route
