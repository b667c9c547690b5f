"""Several hosts: the names the site answers to, what it says on each, and the headers that differ by host."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask

from campaign.config import from_env

from .conftest import CAMPAIGNS, PERSON, Campaign, make_app

PRIMARY = "https://campaign.example"
MIRROR = "mirror.example"
ONION = "http://" + "a" * 52 + "bcdq.onion"
BAD_HOSTS = {"another": "evil.example", "over-long": "a" * 200, "empty": "", "a bad label": "-x-.example",
             "a bad port": "campaign.example:99999", "a path": "campaign.example/x"}


@cache
def hosted(root: Path, hsts: bool = False, onion: str = "") -> Flask:
    return make_app(root, base_url=PRIMARY, hosts=(MIRROR,), hsts=hsts, onion_url=onion)


def requests(campaign: Campaign):
    """(method, path, form) of every kind of request the site answers: pages, wizard steps, posts, files."""
    answers = {**PERSON, "route": "paper", "sender": "person", "arguments": campaign.arguments[0],
               "letter_language": campaign.letter_languages[0], "submitted": "about"}
    for locale in campaign.locales:
        for key in (*campaign.page_keys, "addresses", "no-such-page"):
            yield "GET", campaign.url(key, locale), None
        for step in ("route", "about", "letter"):
            yield "GET", campaign.url(f"petition/{step}", locale), None
            yield "POST", campaign.url(f"petition/{step}", locale), answers
        for name in ("appeal.txt", "appeal.pdf"):
            yield "POST", campaign.url(f"petition/{name}", locale), answers
    for path in ("/sitemap.xml", "/robots.txt", "/healthz", "/static/css/site.css", "/media/x.png",
                 f"/{campaign.default_locale}/share"):
        yield "GET", path, None
    yield "PUT", campaign.url("petition/route"), None


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
@pytest.mark.parametrize("kind", BAD_HOSTS)
def test_any_other_or_malformed_host_gets_a_plain_localized_400(campaign, kind):
    client = hosted(campaign.root).test_client()
    for method, path, form in requests(campaign):
        response = client.open(path, method=method, data=form, headers={"Host": BAD_HOSTS[kind]})
        assert response.status_code == 400, (method, path)
        html = response.get_data(as_text=True)
        locale = next((loc for loc in campaign.locales[1:] if path.startswith(f"/{loc}/")), campaign.default_locale)
        assert f'<html lang="{locale}"' in html and response.headers["Cache-Control"] == "no-store"
        assert "href=" not in html and "<link" not in html and f"{PRIMARY}{campaign.url('addresses', locale)}" in html
        assert "Set-Cookie" not in response.headers and response.headers["Referrer-Policy"] == "no-referrer"


def test_the_refusal_is_in_the_language_of_the_path():
    client = hosted(CAMPAIGNS[0].root).test_client()
    titles = {re.search(r"<h1>(.*?)</h1>", client.get(path, headers={"Host": "evil.example"}).get_data(
        as_text=True)).group(1) for path in ("/", "/kk/", "/en/share")}
    assert len(titles) == 3


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
@pytest.mark.parametrize("host", ["campaign.example", MIRROR, "MIRROR.example:8443", "campaign.example."])
def test_every_listed_host_answers_and_names_the_primary_alone(campaign, host):
    client = hosted(campaign.root).test_client()
    for method, path, form in requests(campaign):
        response = client.open(path, method=method, data=form, base_url=f"https://{host}")
        assert response.status_code < 500 and response.status_code != 400, (method, path, response.status_code)
    for locale in campaign.locales:
        html = client.get(campaign.url("share", locale), base_url=f"https://{host}").get_data(as_text=True)
        absolute = re.findall(r'(?:href|content)="(https?://[^"]+)"', html)
        own = [url for url in absolute if urlsplit(url).hostname in ("campaign.example", MIRROR)]
        assert own and all(url.startswith(PRIMARY + "/") for url in own), own
        for pattern in (r'<link rel="canonical" href="([^"]+)"', r'<meta property="og:url" content="([^"]+)"',
                        r'<link rel="alternate" hreflang="x-default" href="([^"]+)"'):
            assert re.search(pattern, html).group(1) == PRIMARY + campaign.url("share", campaign.default_locale
                                                                                if "x-default" in pattern else locale)
    for feed in ("/sitemap.xml", "/robots.txt"):
        text = client.get(feed, base_url=f"https://{host}").get_data(as_text=True)
        urls = re.findall(r"https?://[^\s<\"]+", text)
        assert urls and all(url.startswith(PRIMARY + "/") for url in urls if "sitemaps.org" not in url
                            and "w3.org" not in url)


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_onion_location_and_hsts_on_the_https_hosts_only(campaign):
    client = hosted(campaign.root, hsts=True, onion=ONION).test_client()
    path = campaign.url("share", campaign.locales[-1])
    for host in ("campaign.example", MIRROR):
        for target in (path, "/static/css/site.css", campaign.url("petition/route")):
            response = client.get(target, base_url=f"https://{host}", query_string="a=1&b=%D0%B4")
            assert response.headers["Onion-Location"] == f"{ONION}{target}?a=1&b=%D0%B4"
            assert response.headers["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
        posted = client.post(campaign.url("petition/route"), base_url=f"https://{host}",
                             data={"submitted": "route", "route": campaign.routes[0]})
        assert posted.headers["Onion-Location"] == ONION + campaign.url("petition/route")
        plain = client.get(path, base_url=f"http://{host}")
        assert "Onion-Location" not in plain.headers and "Strict-Transport-Security" not in plain.headers
    for scheme in ("http", "https"):
        response = client.get(path, base_url=f"{scheme}://{ONION.removeprefix('http://')}")
        assert response.status_code == 200
        assert "Onion-Location" not in response.headers and "Strict-Transport-Security" not in response.headers


def test_no_hsts_unless_asked():
    response = hosted(CAMPAIGNS[0].root, onion=ONION).test_client().get("/", base_url=PRIMARY)
    assert "Strict-Transport-Security" not in response.headers and response.headers["Onion-Location"]


def test_hosts_and_the_onion_come_from_the_environment():
    config = from_env({"CAMPAIGN_BASE_URL": "https://primary.example", "CAMPAIGN_HOSTS": "Mirror.example, b.example c",
                       "CAMPAIGN_ONION_URL": ONION + "/"})
    assert config.hosts == ("mirror.example", "b.example", "c") and config.onion_url == ONION
    assert config.allowed_hosts == {"primary.example", "mirror.example", "b.example", "c", ONION[7:]}
