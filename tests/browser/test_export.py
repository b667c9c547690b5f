"""The static copy opened from disk in a real Chromium: axe finds nothing, nothing fails to load, and the
offline kit makes no request at all."""

from __future__ import annotations

import pytest

from ..conftest import CAMPAIGNS
from .conftest import axe_violations


@pytest.fixture()
def disk_page(browser):
    context = browser.new_context(bypass_csp=True)  # axe's script is injected inline
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.requested, page.failed = [], []
    page.on("request", lambda request: page.requested.append(request.url))
    # axe reads style sheets again by XHR, which a file:// page may not do; the page's own loads are the rest.
    page.on("requestfailed", lambda request: request.resource_type in ("xhr", "fetch")
            or page.failed.append((request.url, request.failure)))
    yield page
    context.close()


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_every_exported_page_opens_from_disk_and_passes_axe(disk_page, exports, campaign):
    folder = exports[campaign.name]
    pages = sorted(folder.rglob("*.html"))
    for path in pages:
        disk_page.goto(path.as_uri())
        assert disk_page.title(), path
        assert axe_violations(disk_page) == [], path
    assert disk_page.failed == []
    assert all(url.startswith(folder.as_uri() + "/") for url in disk_page.requested), [
        url for url in disk_page.requested if not url.startswith(folder.as_uri())]
    styled = disk_page.evaluate("getComputedStyle(document.querySelector('.site-footer')).display")
    assert styled == "block"


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_the_offline_kit_opens_from_disk_with_no_request(browser, exports, campaign):
    context = browser.new_context(offline=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for language in campaign.letter_languages:
        kit = exports[campaign.name] / campaign.wizard_path / f"offline-kit-{language}.html"
        page.goto(kit.as_uri())
        assert requested == [kit.as_uri()]
        assert page.locator(".letter-print__title").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".kit-guide").first.is_visible()  # printing gives the letter alone
        page.emulate_media(media="screen")
        requested.clear()
    context.close()
