"""A wizard step that cannot be sent, with JavaScript on, in a real Chromium against a real gunicorn: the visitor is
always shown what happened and how to go on, in their language, and Back and Forward still restore the steps."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from ..conftest import DEFAULT, PERSON, VALID_IIN, Campaign, build
from .conftest import axe_violations, free_port, start_gunicorn
from .planted_fault import FAULT

pytestmark = pytest.mark.browser

LOCALES = ("ru", "kk")  # both campaigns speak both, each with another as its default
OFFLINE = ("Your answers could not be sent: the connection to the site failed. They are still in the form below. "
           "When you are connected again, press the same button once more.")
FAILED = ("The site could not answer just now, so this step did not go through. Your answers are still in the form "
          "below: wait a moment, then press the same button once more.")
TYPED = {"surname": "Тайнова", "given_name": "Динара", "iin": VALID_IIN, "address": PERSON["address"]}
# A gateway's own page, as nginx sends it while the app restarts: in no language of the visitor's.
GATEWAY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


def translated(campaign: Campaign, locale: str, message: str) -> str:
    with build(campaign.root).test_request_context(), force_locale(locale):
        return gettext(message)


def prefix(campaign: Campaign, locale: str) -> str:
    return "" if locale == campaign.default_locale else f"/{locale}"


def continue_(page) -> None:
    page.locator("form button.button").click()


def problem(page):
    return page.locator("[data-request-problem]")


def to_the_about_step(page, campaign: Campaign, locale: str) -> None:
    """The paper route, a person as the sender, and the about step filled in (not sent)."""
    route = next(route for route in campaign.routes if route != "eotinish")
    page.goto(f"{prefix(campaign, locale)}/{campaign.wizard_path}/route")
    page.locator("#route" if route == campaign.routes[0] else f"#route-{route}").check()
    continue_(page)
    page.locator("#sender").check()
    continue_(page)
    page.locator("#surname").wait_for()
    for name, value in TYPED.items():
        page.locator(f"#{name}").fill(value)


def to_the_complaint_step(page, campaign: Campaign, locale: str) -> None:
    to_the_about_step(page, campaign, locale)
    continue_(page)
    page.wait_for_url("**/complaint")


def typed_values(page) -> dict[str, str]:
    return {name: page.locator(f"#{name}").input_value() for name in TYPED}


@pytest.mark.parametrize("locale", LOCALES)
def test_with_the_connection_cut_the_step_stays_says_so_and_goes_on_once_it_is_back(context, page, campaign, locale):
    to_the_about_step(page, campaign, locale)
    context.set_offline(True)
    continue_(page)
    expect(problem(page)).to_have_text(translated(campaign, locale, OFFLINE))
    expect(problem(page)).to_be_visible()
    expect(problem(page)).to_be_focused()  # a screen reader reads it, and so does the keyboard's next Tab
    assert problem(page).get_attribute("role") == "alert"
    assert page.url.endswith(f"/{campaign.wizard_path}/about") and typed_values(page) == TYPED
    continue_(page)  # still no connection: said again, nothing lost
    expect(problem(page)).to_have_text(translated(campaign, locale, OFFLINE))
    assert typed_values(page) == TYPED

    context.set_offline(False)
    continue_(page)
    page.wait_for_url("**/complaint")
    expect(problem(page)).to_be_hidden()
    continue_(page)
    page.wait_for_url("**/check")
    assert TYPED["surname"] in page.locator(".summary-list").inner_text()
    # Back and Forward restore the steps, with what was typed and without the message, which is over.
    page.go_back()
    page.wait_for_url("**/complaint", wait_until="commit")
    page.locator("#personal").wait_for()
    page.go_back()
    page.wait_for_url("**/about", wait_until="commit")
    page.locator("#surname").wait_for()
    assert typed_values(page) == TYPED
    expect(problem(page)).to_be_hidden()
    page.go_forward()
    page.wait_for_url("**/complaint", wait_until="commit")
    page.locator("#personal").wait_for()
    continue_(page)
    page.wait_for_url("**/check")
    assert TYPED["surname"] in page.locator(".summary-list").inner_text()


@pytest.mark.parametrize("locale", LOCALES)
def test_an_oversized_answer_gets_the_apps_own_page_in_the_steps_place(page, campaign, locale):
    to_the_complaint_step(page, campaign, locale)
    page.locator("#personal").fill("x" * 300_000)  # past the 256 KB a form may be (the field's limit is not typed)
    continue_(page)
    heading = page.locator("#wizard h1")
    expect(heading).to_have_text(translated(campaign, locale, "The form was too large"))
    expect(heading).to_be_focused()
    assert page.title().startswith(translated(campaign, locale, "The form was too large"))
    expect(problem(page)).to_be_hidden()
    page.get_by_role("link", name=translated(campaign, locale, "Start again")).click()
    page.wait_for_url(re.compile(rf"{re.escape(prefix(campaign, locale))}/{campaign.wizard_path}$"))
    assert page.locator("a.button--start").is_visible()


@pytest.fixture(scope="module")
def faulty_server(tmp_path_factory):
    """gunicorn serving the default campaign's app with a fault planted (planted_fault.py)."""
    server = start_gunicorn(tmp_path_factory.mktemp("faulty"), free_port(), {"CAMPAIGN_CONTENT_DIR": str(DEFAULT.root)},
                            app="tests.browser.planted_fault:app")
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_fault_of_the_app_shows_its_error_page_and_back_leads_to_the_answers(browser, faulty_server, locale):
    context = browser.new_context(base_url=faulty_server.base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    to_the_complaint_step(page, DEFAULT, locale)
    page.locator("#personal").fill(f"Мой абзац, {FAULT}")
    continue_(page)
    heading = page.locator("#wizard h1")
    expect(heading).to_have_text(translated(DEFAULT, locale, "Sorry, something went wrong"))
    expect(heading).to_be_focused()
    assert "unhandled RuntimeError" in faulty_server.logs() and "Мой абзац" not in faulty_server.logs()
    # "Please go back and try again": Back shows the step before, answers and all.
    page.go_back()
    page.wait_for_url("**/about", wait_until="commit")
    page.locator("#surname").wait_for()
    assert typed_values(page) == TYPED
    continue_(page)
    page.wait_for_url("**/complaint")
    page.locator("#personal").fill("Мой абзац")
    continue_(page)
    page.wait_for_url("**/check")
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_an_error_page_the_app_did_not_write_leaves_the_step_with_a_message(page, campaign, locale):
    to_the_about_step(page, campaign, locale)
    page.route(f"**/{campaign.wizard_path}/*",
               lambda route: route.fulfill(status=502, content_type="text/html", body=GATEWAY_PAGE))
    continue_(page)
    expect(problem(page)).to_have_text(translated(campaign, locale, FAILED))
    expect(problem(page)).to_be_focused()
    assert "502" not in page.locator("main").inner_text() and typed_values(page) == TYPED
    page.unroute(f"**/{campaign.wizard_path}/*")
    continue_(page)
    page.wait_for_url("**/complaint")
    expect(problem(page)).to_be_hidden()


def test_the_message_passes_axe(axe_page, campaign):
    locale = campaign.locales[-1]
    to_the_about_step(axe_page, campaign, locale)
    axe_page.context.set_offline(True)
    continue_(axe_page)
    expect(problem(axe_page)).to_be_visible()
    assert axe_violations(axe_page) == []


def test_a_download_is_not_held_up_and_a_reload_afterwards_still_asks(page, campaign):
    to_the_complaint_step(page, campaign, campaign.default_locale)
    continue_(page)
    page.wait_for_url("**/check")
    continue_(page)
    page.wait_for_url("**/letter")
    with page.expect_download():
        page.get_by_role("button", name=re.compile(r"\.txt")).click()
    assert page.dialogs == []  # the download's form submission did not ask
    page.reload()
    assert page.dialogs == ["beforeunload"]  # the answers exist only in this page: a reload asks first
