"""A request with a method the address does not take: a 405 with its Allow header and its own page, in the
visitor's language."""

from __future__ import annotations

from .conftest import PARK, build, translated


def test_a_form_sent_to_a_page_is_told_the_page_takes_none():
    app = build(PARK.root)
    client = app.test_client()
    for locale in PARK.locales:
        for method, url, allowed in (("post", PARK.url("home", locale), {"GET", "HEAD", "OPTIONS"}),
                                     ("put", PARK.url("petition/route", locale), {"GET", "HEAD", "OPTIONS", "POST"})):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url)
            assert set(response.headers["Allow"].split(", ")) == allowed
            html = response.get_data(as_text=True)
            assert f'<html lang="{locale}"' in html
            assert translated(app, locale, "This page cannot be opened this way") in html
            assert translated(app, locale, "Page not found") not in html
