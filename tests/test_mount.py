"""Mounted under a path prefix, every link and asset of every page and wizard step resolves under it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client
from werkzeug.wrappers import Response

from .conftest import CAMPAIGNS, Campaign, Wizard, answers_for, make_app, ways

PREFIX = "/c1"
LINK = re.compile(r'\s(href|src|action|formaction|data-hx-post)="([^"]*)"')


HOST = "https://campaign.example"


class HostClient(Client):
    """A browser of the host the site is mounted on."""

    def open(self, *args, **kwargs):
        if args and isinstance(args[0], str) and "base_url" not in kwargs:
            kwargs["base_url"] = HOST
        return super().open(*args, **kwargs)


def mounted(campaign: Campaign) -> Client:
    """The site under /c1 of a host whose other paths are not the site's (a 404 that says so)."""
    app = make_app(campaign.root, base_url=f"{HOST}{PREFIX}")
    outside = Response("not the site", status=404)
    return HostClient(DispatcherMiddleware(outside, {PREFIX: app.wsgi_app}))


class Crawler:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.checked: dict[str, int] = {}

    def links(self, page_url: str, html: str) -> list[tuple[str, str]]:
        """(attribute, where it leads) of each link of the site in a page, every one checked to stay under the
        prefix."""
        found = []
        for attribute, raw in LINK.findall(html):
            if raw.startswith("#") or urlsplit(raw).scheme in ("http", "https", "mailto"):
                continue
            target = urljoin(page_url, raw)
            assert urlsplit(target).path.startswith(PREFIX + "/"), (page_url, raw, target)
            found.append((attribute, target))
        return found

    def check(self, page_url: str, html: str) -> None:
        """Every link and asset of the page answers 200; forms post to a path under the prefix."""
        for attribute, target in self.links(page_url, html):
            if attribute in ("href", "src") and target not in self.checked:
                self.checked[target] = self.client.get(target).status_code
            if attribute in ("href", "src"):
                assert self.checked[target] == 200, (page_url, target, self.checked[target])


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_every_page_link_and_asset_resolves_under_the_prefix(campaign):
    client = mounted(campaign)
    crawler = Crawler(client)
    for locale in campaign.locales:
        for key in (*campaign.page_keys, "addresses", "no-such-page"):
            url = PREFIX + campaign.url(key, locale)
            response = client.get(url)
            assert response.status_code == (404 if key == "no-such-page" else 200), url
            crawler.check(url, response.get_data(as_text=True))
        deep = f"{PREFIX}/{locale}/a/b/c/d/e/f/g/h/i/j/k"  # a 404 deeper than the ones kept built
        crawler.check(deep, client.get(deep).get_data(as_text=True))
    redirect = client.get(f"{PREFIX}/{campaign.default_locale}/share")
    assert redirect.status_code == 301 and urljoin(redirect.request.url, redirect.headers["Location"]) \
        .endswith(f"{PREFIX}/share")
    assert len(crawler.checked) > 10


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_every_wizard_step_on_every_way_resolves_under_the_prefix(campaign, htmx):
    client = mounted(campaign)
    crawler = Crawler(client)
    for locale in campaign.locales:
        for route, sender in ways(campaign):
            wizard = Wizard(client, campaign, locale, htmx=htmx, root=PREFIX)
            pages = wizard.run(answers_for(campaign, route, sender))
            assert "letter-text" in pages["letter"].get_data(as_text=True)
            for response in pages.values():
                url = response.request.url
                assert urlsplit(url).path.startswith(PREFIX + campaign.url("petition/", locale)), url
                crawler.check(url, response.get_data(as_text=True))
                if htmx:
                    pushed = response.headers["HX-Push-Url"]
                    assert pushed == "false" or urljoin(url, pushed).startswith(
                        HOST + PREFIX + campaign.url("petition/", locale))
