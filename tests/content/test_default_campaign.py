"""The default campaign's own content: the seed page rendered unchanged, its press list, its outcome, what its
texts must and must not say. Editorial checks, marked `content` (`make content-lint`): a failure here is the
campaign editor's to fix, not the engine's. The engine's own behaviour is tested on the fixture campaign.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from campaign import clock
from campaign.config import REPO_ROOT

from ..conftest import DEFAULT, Wizard, answers_for, client_of, letter_in, rooted

# The Russian home page as the campaign's authors gave it, kept here: the site publishes it byte for byte.
SEED = Path(__file__).parent / "seed" / "home.ru.md"


def test_the_seed_page_is_copied_unchanged():
    assert (REPO_ROOT / "content" / "ru" / "home.md").read_bytes() == SEED.read_bytes()


def test_russian_home_renders_the_seed_components(default_app):
    html = rooted(default_app.test_client().get("/"))
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
    assert "10 июля 2024" in rooted(client.get("/"))
    assert "2024 жылғы 10 шілде" in rooted(client.get("/kk/"))  # the form formal Kazakh texts use
    assert "10 July 2024" in rooted(client.get("/en/"))  # one date style in English, as in Britain
    assert 'id="press-heading"' not in rooted(client.get("/privacy"))


def test_the_start_page_shows_the_outcome_once_first(default_app):
    start = rooted(default_app.test_client().get("/petition"))
    assert "campaign-status--closed" not in start and start.count("1 августа 2024") == 1
    assert start.index("1 августа 2024") < start.index('class="prose"')


# --- the story to date, and the record -------------------------------------------------------------------------


LAW_DATE = {"ru": "30 декабря 2025", "kk": "2025 жылғы 30 желтоқсан", "en": "30 December 2025"}
DECIDED = {"ru": "1 августа 2024 года", "kk": "2024 жылғы 1 тамызда", "en": "On 1 August 2024"}
NO_EFFECT = {"ru": "Отправлять этот текст сейчас бесполезно", "kk": "Бұл мәтінді қазір жіберудің пайдасы жоқ",
             "en": "Sending this text now would achieve nothing"}
# What a letter about a petition decided in 2024 must not say of it today.
PRESENT_TENSE = {"ru": ("в настоящее время", "рассматривается", "находится на рассмотрении"),
                 "kk": ("қазіргі уақытта", "қазір сіз", "қаралуда", "қарауында")}


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_a_record_letter_has_no_date_of_today_and_no_present_tense_about_the_petition(default_app, language,
                                                                                        monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
    client = default_app.test_client()
    for route, sender in (("eotinish", "person"), ("paper", "person"), ("paper", "organisation")):
        for number in range(6):  # other answers pick other wordings
            answers = answers_for(DEFAULT, route, sender, language, arguments=list(DEFAULT.arguments),
                                  full_name=f"Ким{'а' * number}", surname=f"Ким{'а' * number}")
            html = Wizard(client, DEFAULT, "en").run(answers)["letter"].get_data(as_text=True)
            letter = letter_in(html)
            assert "26.11.2026" not in letter and "2026" not in letter
            # The date line, left to fill in, on the letter signed by hand (the portal dates the others).
            assert bool(re.search(r"\n\S+: ____________\n", letter)) == (route == "paper")
            lowered = letter.lower()
            assert [p for p in PRESENT_TENSE[language] if p in lowered] == []
            assert "Подписано ЭЦП" not in letter and "ЭЦҚ арқылы қол қойылды" not in letter


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_record_letter_page_says_when_it_was_decided_and_that_sending_it_does_nothing(default_app, locale):
    html = Wizard(default_app.test_client(), DEFAULT, locale).run(
        answers_for(DEFAULT, "paper", "person"))["letter"].get_data(as_text=True)
    notice = re.search(r'<div class="notice notice--record" role="note">(.*?)</div>', html, re.S).group(1)
    assert DECIDED[locale] in notice and NO_EFFECT[locale] in notice and "1995" in notice
    assert "send it if you wish" not in html and "What happens next" not in html


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_every_page_tells_the_story_to_date(default_app, locale):
    """In full on the home page and the wizard's start page; on the others, in a line that links to it."""
    client = default_app.test_client()
    for key in DEFAULT.page_keys:
        html = client.get(DEFAULT.url(key, locale)).get_data(as_text=True)
        if key in ("home", "petition"):
            assert LAW_DATE[locale] in html and "2026" in html, key
        else:
            assert DEFAULT.settings["outcome_line"][locale].split("**")[1] in html, key
            assert '#campaign-outcome">' in html, key
        assert "«частично поддержана»" not in html and "“partially supported”" not in html
        assert "«ішінара қолдау тапқанын»" not in html


def test_the_press_list_has_dated_sources_for_what_happened_since(default_app):
    dates = {item.date for item in default_app.extensions["campaign_site"].press if item.date}
    assert dt.date(2024, 8, 2) in dates and dt.date(2025, 12, 30) in dates and dt.date(2026, 7, 1) in dates


WARNING = {"ru": "баннеров", "kk": "баннерлер", "en": "banners"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_share_and_safety_pages_warn_about_the_2025_law(default_app, locale):
    client = default_app.test_client()
    for key in ("share", "safety"):
        prose = client.get(DEFAULT.url(key, locale)).get_data(as_text=True).split('<div class="prose">', 1)[1]
        assert "2025" in prose and "20" in prose and "10" in prose, key
        assert WARNING[locale] in prose, key


REVEALS = {"ru": ("ИИН", "адрес"), "kk": ("ЖСН", "мекенжай"), "en": ("IIN", "address")}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_each_route_says_what_it_reveals(default_app, locale):
    html = default_app.test_client().get(DEFAULT.url("petition/route", locale)).get_data(as_text=True)
    eotinish = re.search(r'<span class="hint" id="route-eotinish-hint">(.*?)</span>', html).group(1)
    paper = re.search(r'<span class="hint" id="route-paper-hint">(.*?)</span>', html).group(1)
    iin, address = REVEALS[locale]
    assert iin in eotinish and address in paper


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_every_mention_of_the_answer_term_says_it_can_be_extended(default_app, locale):
    term, extension = {"ru": ("15 рабочих дней", "двух месяцев"), "kk": ("15 жұмыс күні", "екі ай"),
                       "en": ("15 working days", "two months")}[locale]
    client = default_app.test_client()
    texts = [client.get(DEFAULT.url(key, locale)).get_data(as_text=True) for key in DEFAULT.page_keys]
    for text in texts:
        for paragraph in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", text, re.S):
            if term in paragraph and "petition" not in paragraph:
                assert extension in paragraph, paragraph


def test_eotinish_is_described_one_way(default_app):
    """A signature (EDS) is what eOtinish needs: no page offers an eGov account instead."""
    client = default_app.test_client()
    for locale in DEFAULT.locales:
        for key in DEFAULT.page_keys:
            html = client.get(DEFAULT.url(key, locale)).get_data(as_text=True)
            assert "или учётная запись eGov" not in html and "or an eGov account" not in html
            assert "немесе eGov тіркелгісі" not in html


def test_the_constitution_argument_names_the_1995_constitution(default_app):
    labels = default_app.extensions["campaign_site"].offer.argument_labels["constitution"]
    assert all("1995" in label for label in labels.values())


def test_the_english_eotinish_text_explains_the_appeal_type_as_the_law_does():
    text = (REPO_ROOT / "content" / "complaint" / "routes" / "en" / "eotinish.md").read_text(encoding="utf-8")
    assert "already taken" in text and "about to take" not in text


def test_a_letter_without_the_appc_argument_never_cites_the_appc():
    """Wordings that cite the APPC are marked `when: appc`: every variant of a letter without it is free of it."""
    w = Wizard(client_of(DEFAULT), DEFAULT)
    for language in DEFAULT.letter_languages:
        citations = {"ru": ("Административн", "АППК"), "kk": ("Әкімшілік рәсімдік", "ӘРПК")}[language]
        seen = set()
        for number in range(40):
            answers = answers_for(DEFAULT, "paper", "person", language, arguments=["iccpr"],
                                  surname=f"Ким{'а' * number}")
            letter = letter_in(rooted(w.run(answers)["letter"]))
            assert not any(c in letter for c in citations), letter
            seen.add(letter.split("\n\n")[-2])  # the closing
            seen.add(next(p for p in letter.split("\n\n") if p in DEFAULT.wordings(language, "demand")))
        unconditional = [w for w in DEFAULT.letter(language)["demand"]["wordings"] if isinstance(w, str)]
        assert set(unconditional) <= seen  # every wording a letter without the APPC may use did come up
