"""Responses built once: the same bytes as a fresh rendering, one strong ETag per encoding, 304 on revalidation."""

from __future__ import annotations

import datetime as dt
import gzip

import brotli
import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app

from campaign import clock
from campaign.prebuilt import BUILDING

from .conftest import DAYS_LEFT, PARK, build, make_app, translated_plural

ENCODINGS = {"identity": lambda body: body, "gzip": gzip.decompress, "br": brotli.decompress}


def found_urls(campaign) -> list[str]:
    """The prebuilt responses that are pages (200)."""
    urls = [campaign.url(key, locale) for key in campaign.page_keys for locale in campaign.locales]
    urls += [campaign.url(f"petition/{step}", locale) for step in ("route", "about", "letter")
             for locale in campaign.locales]
    return [*urls, "/sitemap.xml", "/robots.txt"]


def missing_urls(campaign) -> list[str]:
    """The prebuilt 404 pages."""
    return ["/no-such-page", campaign.url("no-such-page", campaign.locales[-1])]


def prebuilt_urls(campaign) -> list[str]:
    return found_urls(campaign) + missing_urls(campaign)


def fresh(app, url: str, headers: dict | None = None) -> tuple[str, bytes]:
    """What the app renders for `url` now, bypassing what was built before."""
    environ = EnvironBuilder(path=url, headers={"Accept-Encoding": "identity", **(headers or {})}).get_environ()
    environ[BUILDING] = True
    app_iter, status, _ = run_wsgi_app(app.extensions["prebuilder"].app, environ)
    return status, b"".join(app_iter)


def test_every_prebuilt_response_is_the_fresh_rendering_in_every_encoding(app, client, campaign):
    for url in prebuilt_urls(campaign):
        status, body = fresh(app, url)
        tags = set()
        for encoding, decode in ENCODINGS.items():
            response = client.get(url, headers={"Accept-Encoding": encoding})
            assert response.status == status, url
            assert response.headers.get("Content-Encoding", "identity") == encoding, url
            assert "Accept-Encoding" in response.headers["Vary"], url
            assert decode(response.get_data()) == body, (url, encoding)
            tags.add(response.headers["ETag"])
        assert len(tags) == 3  # a strong validator per representation


def test_every_page_revalidates_with_its_etag_in_every_encoding(client, campaign):
    for url in found_urls(campaign):
        for encoding in ENCODINGS:
            first = client.get(url, headers={"Accept-Encoding": encoding})
            assert first.status_code == 200, url
            again = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]})
            assert again.status_code == 304 and again.get_data() == b"", (url, encoding)
            assert again.headers["ETag"] == first.headers["ETag"]
            assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
            other = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": '"something-else"'})
            assert other.status_code == 200


def test_a_missing_page_is_never_answered_not_modified(client, campaign):
    """A 404 is not a representation to revalidate (RFC 9110, 15.4.5): its ETag gets the whole page again."""
    for url in missing_urls(campaign):
        for encoding in ENCODINGS:
            first = client.get(url, headers={"Accept-Encoding": encoding})
            again = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]})
            assert first.status_code == again.status_code == 404, (url, encoding)
            assert again.get_data() == first.get_data() != b"", (url, encoding)


def test_the_htmx_fragment_of_a_step_is_built_apart(app, client, campaign):
    url = campaign.url("petition/route")
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    restore = client.get(url, headers={"HX-History-Restore-Request": "true"})  # as the htmx config sends it
    assert b"<html" in page.get_data() and b"<html" not in fragment.get_data()
    assert restore.get_data() == page.get_data()
    assert fragment.get_data() == fresh(app, url, {"HX-Request": "true"})[1]
    assert "HX-Request" in fragment.headers["Vary"] and fragment.headers["ETag"] != page.headers["ETag"]


def test_head_gets_the_headers_alone(engine_client):
    head = engine_client.head("/", headers={"Accept-Encoding": "br"})
    get = engine_client.get("/", headers={"Accept-Encoding": "br"})
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["ETag"] == get.headers["ETag"]


@pytest.mark.parametrize(("accept", "chosen"), [
    ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("*", "br"),
    ("br;q=0, gzip;q=0", "identity"), ("identity", "identity"), ("", "identity"), ("deflate", "identity"),
])
def test_the_encoding_is_the_best_one_the_browser_accepts(engine_client, accept, chosen):
    response = engine_client.get("/privacy", headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding", "identity") == chosen


@pytest.mark.parametrize("campaign", [PARK], ids=["park"])
def test_an_open_campaigns_pages_are_rebuilt_each_day(campaign, monkeypatch):
    """They count the days to the deadline: a new day in the campaign's time zone, a new page."""
    app = build(campaign.root)
    client = app.test_client()
    deadline = campaign.settings["deadline"]
    days = []
    for moment in (dt.datetime(2026, 11, 26, 18, 59, tzinfo=dt.UTC), dt.datetime(2026, 11, 26, 19, 1, tzinfo=dt.UTC)):
        monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
        html = client.get("/").get_data(as_text=True)
        left = (deadline - moment.astimezone(clock.zone("Asia/Almaty")).date()).days + 1
        assert translated_plural(app, campaign.default_locale, *DAYS_LEFT, left) in html
        days.append(left)
    assert days[0] == days[1] + 1


def test_a_failed_build_is_answered_but_never_kept(campaign):
    """One server error while building a page must not stay the page's answer."""
    app = make_app(campaign.root, testing=False)  # errors answered, as in production
    view = app.view_functions["pages.page"]
    calls = []

    def fails_once(**values):
        calls.append(values)
        if len(calls) == 1:
            raise OSError("a passing fault")
        return view(**values)

    app.view_functions["pages.page"] = fails_once
    client = app.test_client()
    assert client.get(campaign.url("privacy")).status_code == 500
    assert client.get(campaign.url("privacy")).status_code == 200
    assert client.get(campaign.url("privacy")).status_code == 200 and len(calls) == 2
