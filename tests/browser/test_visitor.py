"""What a visitor does, in a real Chromium against a real gunicorn, for both campaigns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..conftest import DEFAULT, PERSON, VALID_IIN, Campaign, build, number_in, translated
from .conftest import axe_violations

SECRET_SURNAME = "Тайнова"
SECRET_PARAGRAPH = "Мой-личный-абзац-который-нигде-не-хранится"


def paper_route(campaign: Campaign) -> str:
    return next(route for route in campaign.routes if route != "eotinish")


def prefix(campaign: Campaign, locale: str) -> str:
    return "" if locale == campaign.default_locale else f"/{locale}"


def continue_(page) -> None:
    page.locator("form button.button").click()


def route_option(campaign: Campaign, route: str) -> str:
    """The radio of a route: the first option's id is the field's name (where the error summary leads)."""
    return "#route" if route == campaign.routes[0] else f"#route-{route}"


def choose_route_and_sender(page, campaign: Campaign, route: str) -> None:
    """From the first step to the about step: pick the route, then (if asked) a person as the sender."""
    page.locator(route_option(campaign, route)).check()
    continue_(page)
    page.locator("#sender, #surname, #full_name").first.wait_for()
    if page.locator("#sender").count():
        page.locator("#sender").check()  # the first option: a person
        continue_(page)
        page.locator("#surname").wait_for()


def fill_person(page, surname: str = SECRET_SURNAME) -> None:
    page.locator("#surname").fill(surname)
    page.locator("#given_name").fill("Динара")
    page.locator("#iin").fill(VALID_IIN)
    page.locator("#address").fill(PERSON["address"])


def test_without_javascript_a_paper_route_ends_in_a_download(nojs_page, server, campaign):
    page = nojs_page
    page.goto(f"/{campaign.wizard_path}")
    page.locator("a.button--start").click()
    assert page.url.endswith(f"/{campaign.wizard_path}/route")
    choose_route_and_sender(page, campaign, paper_route(campaign))
    assert page.url.endswith(f"/{campaign.wizard_path}/about")
    continue_(page)  # empty: the error summary, in the default locale
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith(translated(build(campaign.root), campaign.default_locale, "Error:"))
    fill_person(page)
    continue_(page)
    assert page.url.endswith(f"/{campaign.wizard_path}/complaint")
    page.locator(f"#arguments-{campaign.arguments[-1]}").uncheck()
    page.locator("#personal").fill(SECRET_PARAGRAPH)
    continue_(page)
    assert page.url.endswith(f"/{campaign.wizard_path}/check")
    # Back from the check page shows the previous step with its answers.
    page.locator("form button.link-button").click()
    assert page.url.endswith(f"/{campaign.wizard_path}/complaint")
    assert page.locator("#personal").input_value() == SECRET_PARAGRAPH
    assert not page.locator(f"#arguments-{campaign.arguments[-1]}").is_checked()
    assert page.locator("#arguments").is_checked()
    continue_(page)
    continue_(page)  # "Create my appeal"
    assert page.url.endswith(f"/{campaign.wizard_path}/letter")
    text = page.locator("#letter-text").input_value()
    assert SECRET_SURNAME in text and SECRET_PARAGRAPH in text
    assert not page.locator("[data-copy-from]").is_visible()  # no Copy button without JS
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"\.txt")).click()
    download = download_info.value
    assert re.fullmatch(r"letter(-\d{4}-\d\d-\d\d)?\.txt", download.suggested_filename)
    assert Path(download.path()).read_text(encoding="utf-8") == text
    with page.expect_download() as download_info:
        page.get_by_role("button", name="PDF").click()
    assert re.fullmatch(r"letter(-\d{4}-\d\d-\d\d)?\.pdf", download_info.value.suggested_filename)
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF-")
    assert SECRET_SURNAME not in server.logs() and SECRET_PARAGRAPH not in server.logs()


def test_with_javascript_back_forward_and_the_copy_button(context, page, server, campaign):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base_url)
    locale = campaign.locales[-1]
    page.goto(f"{prefix(campaign, locale)}/{campaign.wizard_path}/route")
    choose_route_and_sender(page, campaign, campaign.routes[0])
    page.wait_for_function("document.activeElement.tagName === 'H1'")  # focus moved to the new step
    if page.locator("#full_name").count():
        page.locator("#full_name").fill(SECRET_SURNAME + " Айгерим")
    else:
        fill_person(page)
    continue_(page)
    page.wait_for_url(f"**{prefix(campaign, locale)}/{campaign.wizard_path}/complaint")
    page.locator("#personal").fill(SECRET_PARAGRAPH)
    language = campaign.letter_languages[-1]
    page.locator(f"#letter_language-{language}").check()
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/check")
    # The browser's own Back button: the previous step, answers still there.
    page.go_back()
    page.wait_for_url(f"**/{campaign.wizard_path}/complaint", wait_until="commit")
    page.locator("#personal").wait_for()
    assert page.locator("#personal").input_value() == SECRET_PARAGRAPH
    assert page.locator(f"#letter_language-{language}").is_checked()
    page.go_forward()
    page.wait_for_url(f"**/{campaign.wizard_path}/check", wait_until="commit")
    page.locator("form button.button").wait_for()
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/letter")
    text = page.locator("#letter-text").input_value()
    assert SECRET_PARAGRAPH in text and campaign.letter(language)["subject"] in text
    page.locator("[data-copy-from]").click()
    page.locator("[data-copy-status]:not(:empty)").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert page.locator("[data-copy-status]").get_attribute("role") == "status"
    # Nothing typed is kept by the browser either.
    storage = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert SECRET_SURNAME not in storage and SECRET_PARAGRAPH not in storage
    assert SECRET_PARAGRAPH not in page.url and not context.cookies()
    logs = server.logs()
    assert SECRET_SURNAME not in logs and SECRET_PARAGRAPH not in logs
    assert "127.0.0.1 " not in server.access_log.read_text() and "Mozilla" not in logs


def test_the_access_log_holds_method_path_status_size_and_time_only(server, page, campaign):
    url = prefix(campaign, campaign.locales[-1]) + "/share"
    page.goto(url + "?utm_source=somewhere")
    lines = server.access_log.read_text(encoding="utf-8").splitlines()
    line = next(line for line in reversed(lines) if f" {url} " in line)
    assert re.fullmatch(rf"GET {re.escape(url)} 200 \d+ \d+ms", line), line
    assert "/healthz" not in server.access_log.read_text(encoding="utf-8")


def walk_wizard(page, campaign: Campaign, locale: str) -> None:
    """Every wizard step with JavaScript on, an error summary on the way; ends on the letter."""
    page.goto(f"{prefix(campaign, locale)}/{campaign.wizard_path}/route")
    choose_route_and_sender(page, campaign, paper_route(campaign))
    continue_(page)  # empty: errors
    page.locator(".error-summary").wait_for()
    page.locator("#surname").fill("Ким")
    page.locator("#given_name").fill("Лев")
    page.locator("#address").fill("Almaty")
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/complaint")
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/check")
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/letter")
    page.locator("#letter-text").wait_for()


def test_no_csp_violation_and_no_other_origin_anywhere(page, server, campaign):
    for key in campaign.page_keys:
        for locale in campaign.locales:
            page.goto(campaign.url(key, locale))
    page.goto("/no-such-page")
    for locale in campaign.locales:
        walk_wizard(page, campaign, locale)
    violations = [m for m in page.console_messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
    assert [u for u in page.requests if not u.startswith(server.base_url)] == []


def test_axe_finds_no_violations_on_pages(axe_page, campaign):
    for locale in campaign.locales:
        for key in campaign.page_keys:
            axe_page.goto(campaign.url(key, locale))
            assert axe_violations(axe_page) == [], campaign.url(key, locale)
        axe_page.goto(campaign.url("missing", locale))
        assert axe_violations(axe_page) == []


def test_axe_finds_no_violations_in_the_wizard(axe_page, campaign):
    locale = campaign.locales[-1]
    axe_page.goto(f"{prefix(campaign, locale)}/{campaign.wizard_path}/route")
    assert axe_violations(axe_page) == []
    continue_(axe_page)
    axe_page.locator(".error-summary").wait_for()
    assert axe_violations(axe_page) == []
    axe_page.locator(route_option(campaign, paper_route(campaign))).check()
    if campaign.settings.get("shared_device_question", True):  # the park campaign does not ask it
        axe_page.locator("#shared_device").check()
    continue_(axe_page)
    axe_page.locator("#sender").wait_for()
    assert axe_violations(axe_page) == []
    axe_page.locator("#sender-organisation").check()
    continue_(axe_page)
    axe_page.wait_for_url(f"**/{campaign.wizard_path}/about")
    continue_(axe_page)
    axe_page.locator(".error-summary").wait_for()
    assert axe_violations(axe_page) == []
    for name, value in (("organisation", "ТОО «Тест»"), ("bin", "040340000126"), ("address", "Almaty"),
                        ("signatory_name", "Ким Лев"), ("signatory_position", "Директор")):
        axe_page.locator(f"#{name}").fill(value)
    continue_(axe_page)
    axe_page.wait_for_url(f"**/{campaign.wizard_path}/complaint")
    assert axe_violations(axe_page) == []
    continue_(axe_page)
    axe_page.wait_for_url(f"**/{campaign.wizard_path}/check")
    assert axe_violations(axe_page) == []
    continue_(axe_page)
    axe_page.wait_for_url(f"**/{campaign.wizard_path}/letter")
    axe_page.locator("#letter-text").wait_for()
    assert axe_violations(axe_page) == []


@pytest.mark.parametrize("campaign", [DEFAULT], ids=["default"])
def test_quick_exit_by_button_replaces_the_page(page, server, campaign):
    first, other = campaign.url("home", campaign.locales[-1]), campaign.url("share", campaign.locales[1])
    page.goto(first)
    page.goto(other)
    page.get_by_role("link", name=translated(build(campaign.root), campaign.locales[1], "Exit this page")).click()
    page.wait_for_url(f"{server.base_url}/robots.txt")
    page.go_back()
    assert not page.url.endswith(other)  # the page was replaced, not left behind in history
    assert page.url.endswith(first)


@pytest.mark.parametrize("campaign", [DEFAULT], ids=["default"])
def test_quick_exit_by_pressing_shift_three_times(page, server):
    page.goto("/privacy")
    page.goto("/petition/route")
    page.locator("#route-paper").check()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{server.base_url}/robots.txt")
    page.go_back()
    assert page.url.endswith("/privacy")


@pytest.mark.parametrize("campaign", [DEFAULT], ids=["default"])
def test_quick_exit_without_javascript_is_a_plain_link(nojs_page, server):
    nojs_page.goto("/safety")
    nojs_page.locator("a.exit-button").click()
    nojs_page.wait_for_url(f"{server.base_url}/robots.txt")


def test_reloading_a_step_shown_by_htmx_asks_first(page, campaign):
    page.goto(f"/{campaign.wizard_path}/route")
    choose_route_and_sender(page, campaign, paper_route(campaign))
    page.locator("#surname").fill("Ким")
    page.reload()
    assert "beforeunload" in page.dialogs


def test_the_print_button_shows_with_javascript(page, campaign):
    walk_wizard(page, campaign, campaign.locales[-1])
    page.locator("[data-print-letter]").wait_for(state="visible")


def test_the_error_summary_takes_the_focus(page, campaign):
    locale = campaign.locales[-1]
    page.goto(f"{prefix(campaign, locale)}/{campaign.wizard_path}/route")
    continue_(page)
    page.locator(".error-summary").wait_for()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "route"


def test_the_paragraph_has_a_live_character_count(page, campaign):
    page.goto(f"/{campaign.wizard_path}/route")
    choose_route_and_sender(page, campaign, paper_route(campaign))
    fill_person(page)
    continue_(page)
    page.wait_for_url(f"**/{campaign.wizard_path}/complaint")
    counter = page.locator('[data-char-count-for="personal"]')
    assert counter.get_attribute("aria-live") == "polite"
    page.locator("#personal").fill("Пять!")
    # Updated once typing pauses: a screen reader hears the count, not every key.
    expect(counter).to_have_text(re.compile(r"^5 / 2\s000 \S+$"))
    page.locator("#personal").fill("я" * 2001)
    expect(counter).to_have_class(re.compile(r"\bchar-count--over\b"))
    app = build(campaign.root)
    locale = campaign.default_locale
    expect(counter).to_have_text(translated(app, locale, "Too long: shorten it to %(limit)s characters or fewer",
                                            limit=number_in(app, locale, 2000)))
