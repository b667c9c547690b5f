"""What a visitor does, in a real Chromium against a real gunicorn."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ..conftest import LOCALES, PAGE_KEYS, VALID_IIN, page_url
from .conftest import axe_violations

pytestmark = pytest.mark.browser

SECRET_SURNAME = "Тайнова"
SECRET_PARAGRAPH = "Мой-личный-абзац-который-нигде-не-хранится"


def fill_alternative(page, surname=SECRET_SURNAME) -> None:
    page.get_by_label("Фамилия").fill(surname)
    page.get_by_label("Имя", exact=True).fill("Динара")
    page.locator("#iin").fill(VALID_IIN)
    page.locator("#address").fill("Алматы, ул. Абая, 10")


def test_without_javascript_the_alternative_route_ends_in_a_download(nojs_page, server):
    page = nojs_page
    page.goto("/petition")
    page.locator("a.button--start").click()
    assert page.url.endswith("/petition/route")
    page.locator("#route-alternative").check()
    page.get_by_role("button", name="Продолжить").click()
    assert page.url.endswith("/petition/about")
    # Submitting empty shows the error summary, in Russian.
    page.get_by_role("button", name="Продолжить").click()
    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith("Ошибка:")
    fill_alternative(page)
    page.get_by_role("button", name="Продолжить").click()
    assert page.url.endswith("/petition/complaint")
    page.locator("#arguments-signatures").uncheck()
    page.locator("#personal").fill(SECRET_PARAGRAPH)
    page.get_by_role("button", name="Продолжить").click()
    assert page.url.endswith("/petition/check")
    # Back from the check page shows the previous step with its answers.
    page.locator("form button.link-button", has_text="Назад").click()
    assert page.url.endswith("/petition/complaint")
    assert page.locator("#personal").input_value() == SECRET_PARAGRAPH
    assert not page.locator("#arguments-signatures").is_checked() and page.locator("#arguments").is_checked()
    page.get_by_role("button", name="Продолжить").click()
    page.locator("form button.button").click()  # "Create my complaint"
    assert page.url.endswith("/petition/letter")
    text = page.locator("#letter-text").input_value()
    assert SECRET_SURNAME in text and SECRET_PARAGRAPH in text
    assert not page.locator("[data-copy-from]").is_visible()  # no Copy button without JS
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile(r"\.txt")).click()
    download = download_info.value
    assert download.suggested_filename == f"complaint-{dt.date.today().isoformat()}.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == text
    assert SECRET_SURNAME not in server.logs() and SECRET_PARAGRAPH not in server.logs()


def test_with_javascript_the_eotinish_route_and_the_copy_button(context, page, server):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.base_url)
    page.goto("/en/petition/route")
    page.locator("#route").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/en/petition/about")
    page.wait_for_function("document.activeElement.tagName === 'H1'")  # focus moved to the new step
    page.locator("#full_name").fill(SECRET_SURNAME + " Айгерим")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/en/petition/complaint")
    page.locator("#personal").fill(SECRET_PARAGRAPH)
    page.locator("#letter_language-kk").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/en/petition/check")
    assert page.title().startswith("Check your answers")
    # The browser's own Back button: the previous step, answers still there.
    page.go_back()
    page.wait_for_url("**/en/petition/complaint", wait_until="commit")
    page.locator("#personal").wait_for()
    assert page.locator("#personal").input_value() == SECRET_PARAGRAPH
    assert page.locator("#letter_language-kk").is_checked()
    page.go_forward()
    page.wait_for_url("**/en/petition/check", wait_until="commit")
    page.get_by_role("button", name="Create my complaint").wait_for()
    page.get_by_role("button", name="Create my complaint").click()
    page.wait_for_url("**/en/petition/letter")
    text = page.locator("#letter-text").input_value()
    assert "ЭЦҚ" in text and SECRET_PARAGRAPH in text
    page.get_by_role("button", name="Copy the text").click()
    page.get_by_text("The text has been copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    assert page.locator("[data-copy-status]").get_attribute("role") == "status"
    # Nothing typed is kept by the browser either.
    storage = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert SECRET_SURNAME not in storage and SECRET_PARAGRAPH not in storage
    assert SECRET_PARAGRAPH not in page.url and not context.cookies()
    logs = server.logs()
    assert SECRET_SURNAME not in logs and SECRET_PARAGRAPH not in logs
    assert "127.0.0.1 " not in server.access_log.read_text() and "Mozilla" not in logs


def test_the_access_log_holds_method_path_status_size_and_time_only(server, page):
    page.goto("/kk/share?utm_source=somewhere")
    lines = server.access_log.read_text(encoding="utf-8").splitlines()
    line = next(line for line in reversed(lines) if " /kk/share " in line)
    assert re.fullmatch(r"GET /kk/share 200 \d+ \d+ms", line), line
    assert "/healthz" not in server.access_log.read_text(encoding="utf-8")


ALL_URLS = [page_url(key, locale) for key in PAGE_KEYS for locale in LOCALES] + ["/no-such-page", "/kk/no-such"]


def walk_wizard(page, locale: str = "ru") -> list[str]:
    """Go through every wizard step with JavaScript on; returns the step URLs seen."""
    prefix = "" if locale == "ru" else f"/{locale}"
    page.goto(f"{prefix}/petition/route")
    seen = [page.url]
    page.locator("#route-alternative").check()
    page.locator("form button.button").click()
    page.wait_for_url(f"**{prefix}/petition/about")
    seen.append(page.url)
    page.locator("form button.button").click()  # empty: errors
    page.locator(".error-summary").wait_for()
    seen.append(page.url + "#errors")
    page.locator("#surname").fill("Ким")
    page.locator("#given_name").fill("Лев")
    page.locator("#address").fill("Almaty")
    page.locator("form button.button").click()
    page.wait_for_url(f"**{prefix}/petition/complaint")
    seen.append(page.url)
    page.locator("form button.button").click()
    page.wait_for_url(f"**{prefix}/petition/check")
    seen.append(page.url)
    page.locator("form button.button").click()
    page.wait_for_url(f"**{prefix}/petition/letter")
    page.locator("#letter-text").wait_for()
    seen.append(page.url)
    return seen


def test_no_csp_violation_and_no_other_origin_anywhere(page, server):
    for url in ALL_URLS:
        page.goto(url)
    for locale in LOCALES:
        walk_wizard(page, locale)
    violations = [m for m in page.console_messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []
    assert [u for u in page.requests if not u.startswith(server.base_url)] == []


@pytest.mark.parametrize("locale", LOCALES)
def test_axe_finds_no_violations_on_pages(axe_page, locale):
    for key in PAGE_KEYS:
        axe_page.goto(page_url(key, locale))
        assert axe_violations(axe_page) == [], page_url(key, locale)
    axe_page.goto(page_url("missing", locale))
    assert axe_violations(axe_page) == []


def test_axe_finds_no_violations_in_the_wizard(axe_page):
    axe_page.goto("/kk/petition/route")
    assert axe_violations(axe_page) == []
    axe_page.locator("form button.button").click()
    axe_page.locator(".error-summary").wait_for()
    assert axe_violations(axe_page) == []
    axe_page.locator("#route-alternative").check()
    axe_page.locator("form button.button").click()
    axe_page.wait_for_url("**/kk/petition/about")
    axe_page.locator("form button.button").click()
    axe_page.locator(".error-summary").wait_for()
    assert axe_violations(axe_page) == []
    axe_page.locator("#surname").fill("Ким")
    axe_page.locator("#given_name").fill("Лев")
    axe_page.locator("#address").fill("Almaty")
    axe_page.locator("form button.button").click()
    axe_page.wait_for_url("**/kk/petition/complaint")
    assert axe_violations(axe_page) == []
    axe_page.locator("form button.button").click()
    axe_page.wait_for_url("**/kk/petition/check")
    assert axe_violations(axe_page) == []
    axe_page.locator("form button.button").click()
    axe_page.wait_for_url("**/kk/petition/letter")
    axe_page.locator("#letter-text").wait_for()
    assert axe_violations(axe_page) == []


def test_quick_exit_by_button_replaces_the_page(page, server):
    page.goto("/en/")
    page.goto("/kk/share")
    page.get_by_role("link", name="Беттен шығу").click()
    page.wait_for_url(f"{server.base_url}/robots.txt")
    page.go_back()
    assert not page.url.endswith("/kk/share")  # the page was replaced, not left behind in history
    assert page.url.endswith("/en/")


def test_quick_exit_by_pressing_shift_three_times(page, server):
    page.goto("/privacy")
    page.goto("/petition/route")
    page.locator("#route-foreign").check()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(f"{server.base_url}/robots.txt")
    page.go_back()
    assert page.url.endswith("/privacy")


def test_quick_exit_without_javascript_is_a_plain_link(nojs_page, server):
    nojs_page.goto("/safety")
    nojs_page.locator("a.exit-button").click()
    nojs_page.wait_for_url(f"{server.base_url}/robots.txt")


def test_reloading_a_step_shown_by_htmx_asks_first(page):
    page.goto("/petition/route")
    page.locator("#route").check()
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/about")
    page.locator("#full_name").fill("Ким")
    page.reload()
    assert "beforeunload" in page.dialogs


def test_printing_the_letter_prints_the_letter_alone(page):
    walk_wizard(page, "en")
    text = page.locator("#letter-text").input_value()
    page.emulate_media(media="print")
    assert page.locator("#letter-text").is_visible()
    for hidden in (".site-header", ".site-footer", ".letter-actions", "h1", ".steps-list", ".campaign-status"):
        assert not page.locator(hidden).first.is_visible(), hidden
    # The whole letter fits its box on paper: no scrollbar hiding the signature block.
    overflow = page.evaluate("(() => { const t = document.querySelector('#letter-text');"
                             " return t.scrollHeight - t.clientHeight; })()")
    assert overflow <= 2 and "____________" in text
    page.emulate_media(media="screen")
    assert page.locator("[data-print-letter]").is_visible()


def test_the_error_summary_takes_the_focus(page):
    page.goto("/kk/petition/route")
    page.locator("form button.button").click()
    page.locator(".error-summary").wait_for()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith("Қате:")
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "route"


def test_the_paragraph_has_a_live_character_count(page):
    page.goto("/petition/route")
    page.locator("#route").check()
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/about")
    page.locator("form button.button").click()
    page.wait_for_url("**/petition/complaint")
    counter = page.locator('[data-char-count-for="personal"]')
    assert counter.get_attribute("aria-live") == "polite"
    page.locator("#personal").fill("Пять!")
    assert counter.inner_text().replace("\u00a0", " ") == "5 из 2 000 символов"
    page.locator("#personal").fill("я" * 2001)
    assert counter.inner_text().startswith("Слишком длинно")
