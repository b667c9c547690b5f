"""The pages around the default campaign's wizard, written for a decided campaign whose wizard is a record: the
wizard's start page, the alternative route, the share page and the privacy page. Each tells the 2024 appeal as
history, says that filing it now achieves nothing, and neither invites a filing nor promises an effect."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from ..conftest import DEFAULT, rooted

RECORD_PAGES = ("petition", "petition/alternative", "share", "privacy")

# The sentence each of these pages carries, in its own text: filing the text now is of no use.
NO_USE_NOW = {"ru": "сейчас бесполезно", "kk": "қазір берудің пайдасы жоқ", "en": "now would achieve nothing"}

# What a page about a decided campaign must not say: present-tense filing instructions, calls to file or to spread
# the call, and the effect a filing was once said to have ("stays on record", unsourced, and moot now).
NOT_NOW = {
    "ru": ("Подать жалобу", "Распечатайте", "Отправьте", "подпишите", "Поставьте дату", "Поделитесь",
           "остаётся в деле", "попадает в дело", "тем яснее рабочей группе", "вы отправляете сами",
           "получит министерство"),
    "kk": ("Шағым беру", "басып шығарыңыз", "жіберіңіз", "қол қойыңыз", "бөлісіңіз", "есепке алын",
           "соғұрлым айқын", "өзіңіз жібересіз", "көп шағым алады"),
    "en": ("File a complaint", "Print out the", "Send it", "sign the letter by hand", "Share a link",
           "stays on record", "goes on record", "the clearer it becomes", "You send the complaint yourself",
           "the more complaints"),
}


def text_of(html: str) -> str:
    """Plain text, one space between words."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def own_html(html: str) -> str:
    """The page's own text as HTML: its title and description, and its content (what the page's file says),
    without the site's header, footer and outcome notice."""
    head = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    body = html.split('<div class="prose"', 1)[1].split("</main>", 1)[0]
    return f"<p>{head}</p><p>{description}</p>{body}"


def page(app, key: str, locale: str) -> tuple[str, str]:
    """The rendered page (paths rooted) and its own text as HTML."""
    response = app.test_client().get(DEFAULT.url(key, locale))
    assert response.status_code == 200, key
    html = rooted(response)
    return html, own_html(html)


def test_the_default_campaign_is_decided_with_its_wizard_as_a_record():
    """The pages below are written for this state; reopening the campaign means rewriting them."""
    assert DEFAULT.settings["status"] == "closed" and DEFAULT.settings["wizard_when_closed"] == "record"


@pytest.mark.parametrize("locale", DEFAULT.locales)
@pytest.mark.parametrize("key", RECORD_PAGES)
def test_each_page_says_filing_now_is_of_no_use_and_invites_no_filing(default_app, key, locale):
    """W5: the pages around a decided campaign's wizard speak of it as a record and promise no effect now."""
    _, own = page(default_app, key, locale)
    text = text_of(own)
    assert NO_USE_NOW[locale] in text, key
    assert [phrase for phrase in NOT_NOW[locale] if phrase in text] == [], key


# Pages that give the penalties as the vice-minister stated them on 18 December 2025 (20 MCI for a first offence;
# a higher fine or up to 10 days' administrative arrest for a repeat within a year). 40 MCI is not on them.
PENALTY_SOURCES = {
    "www.inform.kz": "/ru/kak-budut-nakazivat-za-propagandu-lgbt-v-kazahstane-acbf2f",
    "baq.kz": "/zhana-zan-elimizde-lgbt-ny-nasihattagandardy-qanday-zhaza-kutip-tur-200027659/",
    "www.zakon.kz": "/obshestvo/6501563-novyy-zakon-do-10-sutok-mogut-arestovat-v-kazakhstane-za-propagandu-lgbt.html",
}
FORTY = {"ru": "40 МРП", "kk": "40 АЕК", "en": "40 MCI"}
TWENTY = {"ru": "20 МРП", "kk": "20 АЕК", "en": "20 monthly calculation indices (MCI)"}


def notices_of(html: str) -> list[str]:
    return re.findall(r'<div class="notice"[^>]*>(.*?)</div>', html, re.S)


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_share_pages_penalties_cite_a_page_that_gives_them(default_app, locale):
    """W10: the penalty figures on the share page are those of the page it cites."""
    _, own = page(default_app, "share", locale)
    penalty = next(notice for notice in notices_of(own) if TWENTY[locale] in text_of(notice))
    assert FORTY[locale] not in text_of(own)
    cited = [urlsplit(href) for href in re.findall(r'href="(https://[^"]+)"', penalty)]
    assert cited and all(PENALTY_SOURCES.get(url.hostname) == url.path for url in cited), cited


FREE_TO_USE = {"ru": "свободно использовать", "kk": "еркін пайдалана", "en": "free to use"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_share_page_warns_before_the_downloads_and_the_links(default_app, locale):
    """A16: each warning stands before what it warns about; the banners are not offered as free to use."""
    _, own = page(default_app, "share", locale)
    law, safety = (own.index(notice) for notice in notices_of(own))
    assert law < own.index('class="banners') and safety < own.index('class="share-links')
    assert FREE_TO_USE[locale] not in text_of(own)


SIGNING = {"ru": r"подписыва|подписан", "kk": r"қол қой", "en": r"\bsign(?:s|ed)?\b"}
EOTINISH = {"ru": "Через eOtinish", "kk": "eOtinish арқылы", "en": "Through eOtinish"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_start_page_says_once_that_an_eotinish_appeal_is_signed(default_app, locale):
    """A11: the eOtinish paragraph of the wizard's start page speaks of signing once."""
    _, own = page(default_app, "petition", locale)
    paragraph = next(p for p in re.findall(r"<p>(.*?)</p>", own, re.S) if p.startswith(f"<strong>{EOTINISH[locale]}"))
    assert len(re.findall(SIGNING[locale], text_of(paragraph))) == 1, paragraph


ORGANISATION = {"ru": ("БИН", "должность"), "kk": ("БСН", "лауазым"), "en": ("BIN", "position")}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_alternative_page_says_what_an_organisations_letter_gives(default_app, locale):
    """A21: the wizard takes organisations; the page on what the letter must contain covers them too."""
    assert "organisation" in DEFAULT.senders
    _, own = page(default_app, "petition/alternative", locale)
    assert all(word in text_of(own) for word in ORGANISATION[locale])


FOREIGNERS = {"ru": "иностранных граждан", "kk": "шетел азаматтарына", "en": "foreign citizens"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_link_to_the_foreigners_section_lands_on_it(default_app, locale):
    """A22: the link that names the home page's section for foreigners goes to that heading."""
    _, own = page(default_app, "petition/alternative", locale)
    href = next(href for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', own)
                if FOREIGNERS[locale] in label)
    path, _, fragment = href.partition("#")
    assert path == DEFAULT.url("home", locale) and fragment
    home = default_app.test_client().get(path).get_data(as_text=True)
    heading = re.search(rf'<h[2-4] id="{re.escape(fragment)}">(.*?)</h[2-4]>', home)
    assert heading and FOREIGNERS[locale].split()[0][:6] in heading.group(1).lower()


EMAIL = {"ru": "электронной почт", "kk": "электрондық пошта", "en": "email"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_privacy_page_names_only_the_routes_the_campaign_offers(default_app, locale):
    """A24: no email route is offered, so the privacy page does not speak of sending the appeal by email."""
    assert "email" not in DEFAULT.routes
    _, own = page(default_app, "privacy", locale)
    assert EMAIL[locale] not in text_of(own).lower()


def test_russian_pages_use_the_sites_own_words():
    """A26, A28: the wizard is «конструктор» everywhere; «обращение» means an appeal, so the server keeps
    a log of requests, not of «обращения»."""
    texts = {key: (DEFAULT.root / "ru" / f"{key}.md").read_text(encoding="utf-8") for key in RECORD_PAGES}
    assert [key for key, text in texts.items() if re.search(r"[Мм]астер", text)] == []
    assert "журнал обращений" not in texts["privacy"] and "журнал запросов" in texts["privacy"]


POST = {"kk": ("табыс етілгені туралы хабарламасы бар тапсырыс хат", "тапсырылғаны туралы хабарламасы"),
        "en": ("registered post with proof of delivery", "registered mail")}


@pytest.mark.parametrize("locale", ["kk", "en"])
def test_the_alternative_page_names_registered_post_one_way(default_app, locale):
    """A36, A41, A42: one wording for registered post with proof of delivery; no English "chancellery"."""
    _, own = page(default_app, "petition/alternative", locale)
    wanted, old = POST[locale]
    text = text_of(own)
    assert wanted in text and old not in text and "chancellery" not in text.lower()
