"""The default campaign's own content: the seed page rendered unchanged, its press list, its outcome."""

from __future__ import annotations

import re

from campaign.config import REPO_ROOT

SEED = REPO_ROOT.parent / "shared" / "seed" / "home.ru.md"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def test_the_seed_page_is_copied_unchanged():
    copied = (REPO_ROOT / "content" / "ru" / "home.md").read_bytes()
    if SEED.exists():
        assert copied == SEED.read_bytes()
    # Its first line and title are there in any case (a clone without ../shared).
    assert copied.startswith(b"---\nslug: 'home:ru'\n")


def test_russian_home_renders_the_seed_components(default_app):
    html = html_of(default_app.test_client().get("/"))
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
    assert '<h2 id="предыстория">Предыстория</h2>' in html  # headings get stable ids


def test_press_is_newest_first_with_localized_dates(default_app):
    press = default_app.extensions["campaign_site"].press
    dated = [item.date for item in press if item.date]
    assert dated == sorted(dated, reverse=True) and len(press) >= 3
    client = default_app.test_client()
    assert "10 июля 2024" in html_of(client.get("/"))
    assert "шілде" in html_of(client.get("/kk/")).lower()
    assert 'id="press-heading"' not in html_of(client.get("/privacy"))


def test_the_start_page_shows_the_outcome_once_first(default_app):
    start = html_of(default_app.test_client().get("/petition"))
    assert "campaign-status--closed" not in start and start.count("1 августа 2024") == 1
    assert start.index("1 августа 2024") < start.index('class="prose"')
