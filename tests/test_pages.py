"""The campaign site's pages through the Flask test client, for both campaigns."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from campaign import clock

from .conftest import (
    CAMPAIGNS,
    DAYS_LEFT,
    DEFAULT,
    PARK,
    Campaign,
    closed,
    location,
    make_app,
    rooted,
    translated,
    translated_plural,
    variant,
)

BASE = "https://campaign.example"


def meta(html: str, attr: str, name: str) -> str | None:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def every_page(campaigns=CAMPAIGNS):
    return [pytest.param(c, key, loc, id=f"{c.name}-{key}-{loc}") for c in campaigns for key in c.page_keys
            for loc in c.locales]


@pytest.mark.parametrize(("campaign", "key", "locale"), every_page())
def test_every_page_answers_in_every_locale(app, client, campaign, key, locale):
    response = client.get(campaign.url(key, locale))
    assert response.status_code == 200
    html = rooted(response)
    assert f'<html lang="{locale}" dir="ltr">' in html
    page = app.extensions["campaign_site"].pages.get(key, locale)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert unescape(title).startswith(page.title)
    assert meta(html, "name", "description") == page.description
    source = campaign.root / locale / f"{key}.md"
    assert page.is_fallback == (not source.exists())
    if source.exists():
        assert re.search(r"^title: '(.*)'$", source.read_text(encoding="utf-8"), re.M).group(1) == page.title


def test_default_locale_prefix_redirects_permanently(client, campaign):
    default = campaign.default_locale
    for key in campaign.page_keys:
        response = client.get(f"/{default}{campaign.url(key)}")
        assert response.status_code == 301
        assert location(response) == campaign.url(key)
    assert client.get(f"/{default}").status_code == 301


def test_unknown_path_gives_the_localized_404(app, client, campaign):
    for locale in campaign.locales:
        response = client.get(campaign.url("no-such-page", locale))
        assert response.status_code == 404
        html = rooted(response)
        assert f'<html lang="{locale}"' in html
        assert translated(app, locale, "Page not found") in html


def test_links_in_content_follow_the_locale(client, campaign):
    for locale in campaign.locales:
        html = rooted(client.get(campaign.url("home", locale)))
        start = re.search(r'<a class="button button--start" href="([^"]+)">', html).group(1)
        assert start == campaign.url("petition", locale)
        prose = html.split('<div class="prose"', 1)[1].split("</main>", 1)[0]
        for href in re.findall(r'<a href="(/[^"]*)"', prose):
            assert href.split("#")[0] in {campaign.url(key, locale) for key in campaign.page_keys}, href


def test_sitemap_lists_every_page_in_every_locale(client, campaign):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = rooted(response)
    locs = set(re.findall(r"<loc>(.*?)</loc>", xml))
    assert locs == {BASE + campaign.url(key, locale) for key in {*campaign.page_keys, "addresses"}
                    for locale in campaign.locales}
    assert 'hreflang="x-default"' in xml


def test_every_page_has_alternates_canonical_and_preview(client, campaign):
    for key in campaign.page_keys:
        for locale in campaign.locales:
            html = rooted(client.get(campaign.url(key, locale)))
            alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
            translated = [loc for loc in campaign.locales if (campaign.root / loc / f"{key}.md").exists()]
            assert set(alternates) == {*translated, "x-default"}
            for loc in translated:
                assert alternates[loc] == BASE + campaign.url(key, loc)
            assert re.search(rf'<link rel="canonical" href="{BASE}{re.escape(campaign.url(key, locale))}">', html)
            image = meta(html, "property", "og:image")
            assert re.fullmatch(rf"{BASE}/media/banners/{locale}/preview\.png\?v=\w+", image)
            assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_robots_points_to_the_sitemap(engine_client):
    assert f"Sitemap: {BASE}/sitemap.xml" in rooted(engine_client.get("/robots.txt"))


def test_no_cookie_and_nothing_from_another_origin(client, campaign):
    urls = [campaign.url(key, locale) for key in campaign.page_keys for locale in campaign.locales]
    urls += ["/sitemap.xml", "/robots.txt", "/no-such-page", campaign.url("petition/route")]
    for url in urls:
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        html = rooted(response)
        # Everything a page loads by itself: scripts, styles, icons, images, frames, forms' targets.
        loaded = re.findall(r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="([^"]+)"', html)
        loaded += re.findall(
            r'<link\b[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|manifest)"[^>]*\bhref="([^"]+)"', html)
        loaded += re.findall(r'<form\b[^>]*\baction="([^"]+)"', html)
        for target in loaded:
            assert not urlsplit(target).netloc, f"{url} loads {target}"


def test_share_page_has_banners_plain_share_links_and_a_copy_control(client, campaign):
    locale = campaign.locales[-1]
    html = rooted(client.get(campaign.url("share", locale)))
    banners = sorted(p.stem for p in (campaign.root / "media" / "banners" / locale).glob("*.png"))
    assert banners
    for name in banners:
        image = re.search(rf'src="(/media/banners/{locale}/{name}\.png\?v=\w+)"', html).group(1)
        assert client.get(image).status_code == 200
        assert "immutable" in client.get(image).headers["Cache-Control"]
        assert re.search(rf'href="/media/banners/{locale}/{name}\.svg\?v=\w+" download', html)
    for host in ("t.me/share", "wa.me/", "vk.com/share.php", "facebook.com/sharer", "x.com/intent", "mailto:?"):
        assert host in html
    shared = (campaign.yaml("addresses.yml") or {}).get("share", "primary")
    home = BASE + campaign.url("addresses" if shared == "addresses" else "home", locale)
    assert home.replace(":", "%3A").replace("/", "%2F") in html  # the page content chooses, in this locale
    assert f'<input class="copy-link__input" id="share-url" type="url" value="{home}" readonly>' in html
    assert "<script" not in html.split("<body>")[1].split("</body>")[0]


def test_an_open_campaign_shows_the_days_left_on_every_page(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC))
    app = make_app(PARK.root)
    client = app.test_client()
    days = (PARK.settings["deadline"] - dt.date(2026, 11, 26)).days + 1
    for key in PARK.page_keys:
        for locale in PARK.locales:
            html = rooted(client.get(PARK.url(key, locale)))
            assert "campaign-status--closed" not in html
            assert translated_plural(app, locale, *DAYS_LEFT, days) in html


def test_a_closed_campaign_shows_its_outcome_on_every_page_and_once_on_the_start_page(tmp_path):
    """In full on the home page and the start page; on the others, one line that links to it (test_outcome_line.py)."""
    campaign = variant(PARK, tmp_path, {"campaign.yml": closed(PARK)})
    client = make_app(campaign.root).test_client()
    for key in campaign.page_keys:
        for locale in campaign.locales:
            html = rooted(client.get(campaign.url(key, locale)))
            outcome = f"Decided ({locale})."
            assert html.count(outcome) == (1 if key in ("home", campaign.wizard_path) else 0), key
            # The start page gives the outcome before its text, instead of the banner of the other pages.
            assert ("campaign-status--closed" in html) == (key != campaign.wizard_path), key
            if key == campaign.wizard_path:
                assert html.index(outcome) < html.index('class="prose"')


def test_reopening_takes_the_status_and_a_deadline_and_shows_days_left(tmp_path, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC))
    reopened = {**closed(PARK), "status": "open", "deadline": dt.date(2026, 11, 30)}
    campaign = variant(PARK, tmp_path, {"campaign.yml": reopened})
    app = make_app(campaign.root)
    client = app.test_client()
    for locale in campaign.locales:
        html = rooted(client.get(campaign.url("home", locale)))
        assert "campaign-status--closed" not in html and f"Decided ({locale})." not in html
        assert translated_plural(app, locale, *DAYS_LEFT, 5) in html


def test_a_missing_translation_falls_back_with_a_notice(tmp_path):
    default, other = PARK.locales
    source = (PARK.root / default / "privacy.md").read_text(encoding="utf-8") + "\n[Link](/share)\n"
    campaign = variant(PARK, tmp_path, {f"{default}/privacy.md": source, f"{other}/privacy.md": None})
    app = make_app(campaign.root)
    response = app.test_client().get(campaign.url("privacy", other))
    assert response.status_code == 200
    html = rooted(response)
    assert translated(app, other, "This page has not been translated yet. It is shown in its original "
                                  "language.") in html
    assert f'<html lang="{other}"' in html and f'<div class="prose" lang="{default}">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(alternates) == {default, "x-default"}
    # Its links follow the visitor's locale even though the text is in another language.
    assert f'href="{campaign.url("share", other)}"' in html


def test_locale_switcher_links_the_same_page_in_other_locales(client, campaign):
    key = "share"
    for locale in campaign.locales:
        html = rooted(client.get(campaign.url(key, locale)))
        switcher = re.search(r'<nav class="container locale-switcher".*?</nav>', html, re.S).group(0)
        for other in campaign.locales:
            if other == locale:
                assert f'aria-current="page" lang="{other}"' in switcher
            else:
                assert f'<a href="{campaign.url(key, other)}" hreflang="{other}" lang="{other}">' in switcher


def test_the_page_does_not_vary_by_accept_language(engine_client):
    plain = engine_client.get("/")
    asked = engine_client.get("/", headers={"Accept-Language": "ru-RU,ru;q=0.9"})
    assert plain.status_code == asked.status_code == 200
    assert plain.get_data() == asked.get_data()
    assert "Accept-Language" not in plain.headers.get("Vary", "")


def test_markdown_is_rendered_once_at_start_up(client, campaign, monkeypatch):
    import markdown

    def fail(*args, **kwargs):
        raise AssertionError("markdown rendered during a request")

    monkeypatch.setattr(markdown.Markdown, "convert", fail)
    for key in campaign.page_keys:
        assert client.get(campaign.url(key, campaign.locales[-1])).status_code == 200


def test_footer_links_only_to_pages_the_campaign_has(client, campaign):
    html = rooted(client.get("/"))
    footer = re.search(r'<ul class="site-footer__links">(.*?)</ul>', html, re.S).group(1)
    hrefs = [href.split("#")[0] for href in re.findall(r'href="([^"]+)"', footer)]
    expected = [campaign.url(key) for key in ("privacy", "safety", "share") if key in campaign.page_keys]
    expected.append(campaign.url("addresses"))
    assert [h for h in hrefs if h != "/"] == expected
    for href in hrefs:
        assert client.get(href).status_code == 200


NUMBER = "NUMBER"  # a catalog's number placeholder (%(num)d), a word of its own in a phrase


def phrases_of(root) -> set[str]:
    """Every run of six words in the texts under `root` (markdown and YAML values, not comments)."""
    found = set()
    for path in root.rglob("*"):
        if path.suffix not in (".md", ".yml", ".po", ".pot"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("#") and path.suffix != ".md":
                continue
            line = re.sub(r"%\(\w+\)d", NUMBER, line.split(" # ")[0])
            for sentence in re.split(r"[.!?;:«»“”()\[\]{}*_`'\"]", line):
                words = re.findall(r"\w+", sentence)
                found.update(" ".join(words[i:i + 6]) for i in range(len(words) - 5))
    return found


def unique_phrases(campaign: Campaign, other: Campaign) -> set[str]:
    """Six-word phrases of `campaign`'s content that neither `other`'s content nor the engine's texts have (a
    catalog's phrase with a number placeholder stands for the phrase with any number in its place)."""
    from campaign.config import REPO_ROOT

    engine = phrases_of(REPO_ROOT / "translations")
    numbered = re.compile("|".join(re.escape(p).replace(NUMBER, r"\d+") for p in engine if NUMBER in p))
    return {p for p in phrases_of(campaign.root) - phrases_of(other.root) - engine if not numbered.fullmatch(p)}


@pytest.mark.parametrize(("campaign", "other"), [(DEFAULT, PARK), (PARK, DEFAULT)], ids=["default", "park"])
def test_no_response_of_one_campaign_holds_a_phrase_of_the_other(campaign, other):
    from .conftest import Wizard, answers_for, client_of, ways

    client = client_of(campaign)
    responses = [client.get(campaign.url(key, loc)) for key in campaign.page_keys for loc in campaign.locales]
    responses += [client.get(u) for u in ("/sitemap.xml", "/robots.txt", "/no-such-page")]
    for route, sender in ways(campaign):
        for language in campaign.letter_languages:
            responses += Wizard(client, campaign).run(answers_for(campaign, route, sender, language)).values()
    text = " ".join(" ".join(re.findall(r"\w+", unescape(rooted(r)))) for r in responses)
    phrases = unique_phrases(other, campaign)
    assert len(phrases) > 20
    leaked = [phrase for phrase in phrases if phrase in text]
    assert leaked == []


@pytest.mark.parametrize(("today", "shown"), [
    (dt.date(2026, 11, 29), (*DAYS_LEFT, 2)),
    (dt.date(2026, 11, 30), ("Today is the last day.",)),
    (dt.date(2026, 12, 1), ("The deadline has passed.",)),
], ids=["two-days", "last-day", "passed"])
def test_the_days_left_count_today_and_say_when_the_deadline_has_passed(tmp_path, monkeypatch, today, shown):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(today, dt.time(6), dt.UTC))
    campaign = variant(PARK, tmp_path, {"campaign.yml": {"deadline": dt.date(2026, 11, 30)}})
    app = make_app(campaign.root)
    locale = campaign.locales[-1]
    expected = translated_plural(app, locale, *shown) if len(shown) == 3 else translated(app, locale, *shown)
    assert expected in rooted(app.test_client().get(campaign.url("home", locale)))
