"""The campaign site's pages, through the Flask test client."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask_babel import force_locale, gettext

from campaign.config import REPO_ROOT

from .conftest import LOCALES, PAGE_KEYS, page_url

SEED = REPO_ROOT.parent / "shared" / "seed" / "home.ru.md"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def meta(html: str, attr: str, name: str) -> str | None:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_answers_in_every_locale(app, client, key, locale):
    response = client.get(page_url(key, locale))
    assert response.status_code == 200
    html = html_of(response)
    assert f'<html lang="{locale}" dir="ltr">' in html
    page = app.extensions["campaign_site"].pages.get(key, locale)
    assert not page.is_fallback, f"{key} should be translated into {locale}"
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert unescape(title).startswith(page.title)
    assert meta(html, "name", "description") == page.description
    assert page.description.strip()


def test_the_seed_page_is_copied_unchanged():
    copied = (REPO_ROOT / "content" / "ru" / "home.md").read_bytes()
    if SEED.exists():
        assert copied == SEED.read_bytes()
    # Its first line and title are there in any case (a clone without ../shared).
    assert copied.startswith(b"---\nslug: 'home:ru'\n")


def test_default_locale_prefix_redirects_permanently(client):
    for path, target in (("/ru/share", "/share"), ("/ru/", "/"), ("/ru/petition/alternative", "/petition/alternative")):
        response = client.get(path)
        assert response.status_code == 301
        assert response.headers["Location"] == target


@pytest.mark.parametrize("locale", LOCALES)
def test_unknown_path_gives_the_localized_404(app, client, locale):
    response = client.get(page_url("no-such-page", locale))
    assert response.status_code == 404
    html = html_of(response)
    assert f'<html lang="{locale}"' in html
    with app.test_request_context(), force_locale(locale):
        expected = gettext("Page not found")
    assert expected in html
    if locale != "en":
        assert expected != "Page not found", "the 404 page must be translated"


def test_russian_home_renders_the_seed_components(client):
    html = html_of(client.get("/"))
    assert re.search(r'<a class="button button--start" href="/petition">Подать жалобу онлайн', html)
    cards = re.findall(r'<li class="option-card">(.*?)</li>', html, re.S)
    assert len(cards) == 3
    for card in cards:
        parts = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", card, re.S)
        assert [label for label, _ in parts] == ["Что", "Как", "Результат"]
        assert all(re.sub(r"<[^>]+>", "", text).strip() for _, text in parts)
    assert "Поддержка через правозащитные организации." in cards[0]
    for host in ("amanbol.kz/appeal2024", "amanbol.kz/instructions2024", "orda.kz/rassylali"):
        link = re.search(rf'<a href="https://{re.escape(host)}[^"]*"[^>]*>', html).group(0)
        assert 'target="_blank"' in link and 'rel="noopener noreferrer"' in link
    for leftover in (":button-link", "::options", ":::options-item", "#title", "#action", "#result", "{:"):
        assert leftover not in html
    # Headings get stable ids.
    assert '<h2 id="предыстория">Предыстория</h2>' in html


def test_links_in_content_follow_the_locale(client):
    kk = html_of(client.get("/kk/"))
    assert re.search(r'<a class="button button--start" href="/kk/petition">', kk)
    assert 'href="/kk/share"' in kk and 'href="/kk/petition/alternative"' in kk
    en = html_of(client.get("/en/"))
    assert 'href="/en/petition"' in en


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_broken_yaml_stops_start_up_naming_the_file_and_line(content_copy, app_with_content):
    broken = content_copy / "en" / "privacy.md"
    write(broken, "---\nslug: 'privacy:en'\ntitle: 'Privacy\ndescription: x\n---\n\n# Privacy\n")
    with pytest.raises(Exception) as raised:
        app_with_content(content_copy)
    assert str(broken) in str(raised.value)
    assert re.search(r"privacy\.md:\d+: frontmatter is not valid YAML", str(raised.value))


def test_unknown_component_stops_start_up_naming_the_file_and_line(content_copy, app_with_content):
    page = content_copy / "en" / "share.md"
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(8, "")
    lines.insert(9, ":countdown{to=\"2024-08-01\"}")
    lines.insert(10, "")
    write(page, "\n".join(lines) + "\n")
    with pytest.raises(Exception) as raised:
        app_with_content(content_copy)
    assert f"{page}:10: unknown component ':countdown" in str(raised.value)


def test_unclosed_block_and_duplicate_slug_stop_start_up(content_copy, app_with_content):
    page = content_copy / "en" / "safety.md"
    write(page, page.read_text(encoding="utf-8") + "\n::notice\n\nNever closed.\n")
    with pytest.raises(Exception) as raised:
        app_with_content(content_copy)
    assert str(page) in str(raised.value) and "never closed" in str(raised.value)

    write(page, page.read_text(encoding="utf-8").replace("\n::notice\n\nNever closed.\n", ""))
    twin = content_copy / "en" / "safety-copy.md"
    write(twin, page.read_text(encoding="utf-8"))
    with pytest.raises(Exception) as raised:
        app_with_content(content_copy)
    assert "safety-copy.md" in str(raised.value) and "safety:en" in str(raised.value)


def test_sitemap_lists_every_page_in_every_locale(app, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = html_of(response)
    locs = set(re.findall(r"<loc>(.*?)</loc>", xml))
    for key in app.extensions["campaign_site"].pages.keys():  # noqa: SIM118
        for locale in LOCALES:
            assert "https://campaign.example" + page_url(key, locale) in locs
    assert 'hreflang="x-default"' in xml


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_every_page_has_alternates_canonical_and_preview(client, key):
    for locale in LOCALES:
        html = html_of(client.get(page_url(key, locale)))
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        assert set(alternates) == {*LOCALES, "x-default"}
        assert alternates["kk"] == "https://campaign.example" + page_url(key, "kk")
        assert re.search(rf'<link rel="canonical" href="https://campaign.example{re.escape(page_url(key, locale))}">',
                         html)
        image = meta(html, "property", "og:image")
        assert image == f"https://campaign.example/static/share/{locale}/preview.png"
        assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_robots_points_to_the_sitemap(client):
    body = html_of(client.get("/robots.txt"))
    assert "Sitemap: https://campaign.example/sitemap.xml" in body


def test_preview_images_exist_for_every_locale():
    for locale in LOCALES:
        for name in ("post", "story", "preview"):
            for ext in ("svg", "png"):
                assert (REPO_ROOT / "static" / "share" / locale / f"{name}.{ext}").stat().st_size > 1000


def test_no_cookie_and_nothing_from_another_origin(client):
    urls = [page_url(key, locale) for key in PAGE_KEYS for locale in LOCALES]
    urls += ["/sitemap.xml", "/robots.txt", "/no-such-page", "/petition/route"]
    for url in urls:
        response = client.get(url)
        assert "Set-Cookie" not in response.headers, url
        html = html_of(response)
        # Everything a page loads by itself: scripts, styles, icons, images, frames, forms' targets.
        loaded = re.findall(r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="([^"]+)"', html)
        loaded += re.findall(
            r'<link\b[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|manifest)"[^>]*\bhref="([^"]+)"', html)
        loaded += re.findall(r'<form\b[^>]*\baction="([^"]+)"', html)
        for target in loaded:
            assert not urlsplit(target).netloc, f"{url} loads {target}"


def test_share_page_has_banners_plain_share_links_and_a_copy_control(client):
    html = html_of(client.get("/kk/share"))
    for name in ("post", "story", "preview"):
        assert re.search(rf'src="/static/share/kk/{name}\.png\?v=\w+"', html)
        assert re.search(rf'href="/static/share/kk/{name}\.svg\?v=\w+" download', html)
    for host in ("t.me/share", "wa.me/", "vk.com/share.php", "facebook.com/sharer", "x.com/intent", "mailto:?"):
        assert host in html
    assert "https%3A%2F%2Fcampaign.example%2Fkk%2F" in html  # the shared link is the Kazakh home page
    assert '<input class="copy-link__input" id="share-url" type="url" value="https://campaign.example/kk/" readonly>' \
        in html
    assert "<script" not in html.split("<body>")[1].split("</body>")[0]


def test_press_is_newest_first_with_localized_dates(app, client):
    press = app.extensions["campaign_site"].press
    dated = [item.date for item in press if item.date]
    assert dated == sorted(dated, reverse=True) and len(press) >= 3
    ru = html_of(client.get("/"))
    assert "10 июля 2024" in ru
    kk = html_of(client.get("/kk/"))
    assert "2024" in kk and "шілде" in kk.lower()
    en = html_of(client.get("/en/"))
    assert "July 10, 2024" in en
    assert "<h2" in ru and 'id="press-heading"' in ru
    assert 'id="press-heading"' not in html_of(client.get("/privacy"))


def test_closed_campaign_shows_the_outcome_on_every_page(client):
    for url in ("/", "/kk/share", "/en/privacy", "/petition/route"):
        html = html_of(client.get(url))
        assert "campaign-status--closed" in html
    # The wizard's start page shows the outcome first in its own text, not twice.
    start = html_of(client.get("/petition"))
    assert "campaign-status--closed" not in start and start.count("1 августа 2024") == 1
    assert "1 августа 2024" in html_of(client.get("/"))
    assert "1 August 2024" in html_of(client.get("/en/"))


def test_reopening_takes_one_line_and_shows_days_left(content_copy, app_with_content):
    import datetime as dt

    settings = content_copy / "campaign.yml"
    deadline = dt.date.today() + dt.timedelta(days=4)
    text = settings.read_text(encoding="utf-8").replace("status: closed", "status: open")
    settings.write_text(text.replace("deadline: 2024-08-01", f"deadline: {deadline.isoformat()}"), encoding="utf-8")
    client = app_with_content(content_copy).test_client()
    ru = html_of(client.get("/"))
    assert "campaign-status--closed" not in ru
    assert "Осталось 5 дней" in ru
    assert "5 days left" in html_of(client.get("/en/"))


def test_a_missing_translation_falls_back_with_a_notice(content_copy, app_with_content):
    (content_copy / "en" / "privacy.md").unlink()
    client = app_with_content(content_copy).test_client()
    response = client.get("/en/privacy")
    assert response.status_code == 200
    html = html_of(response)
    assert "This page has not been translated yet" in html
    assert '<html lang="en"' in html and '<div class="prose" lang="ru">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(alternates) == {"ru", "kk", "x-default"}
    # Its links follow the visitor's locale even though the text is Russian.
    assert 'href="/en/safety"' in html


def test_locale_switcher_links_the_same_page_in_other_locales(client):
    html = html_of(client.get("/kk/share"))
    switcher = re.search(r'<nav class="container locale-switcher".*?</nav>', html, re.S).group(0)
    assert '<a href="/share" hreflang="ru" lang="ru">' in switcher
    assert '<a href="/en/share" hreflang="en" lang="en">' in switcher
    assert 'aria-current="page" lang="kk"' in switcher


def test_the_page_does_not_vary_by_accept_language(client):
    plain = client.get("/")
    asked = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert plain.status_code == asked.status_code == 200
    assert plain.get_data() == asked.get_data()
    assert "Accept-Language" not in plain.headers.get("Vary", "")


def test_markdown_is_rendered_once_at_start_up(app, monkeypatch):
    import markdown

    def fail(*args, **kwargs):
        raise AssertionError("markdown rendered during a request")

    monkeypatch.setattr(markdown.Markdown, "convert", fail)
    client = app.test_client()
    for key in PAGE_KEYS:
        assert client.get(page_url(key, "kk")).status_code == 200
