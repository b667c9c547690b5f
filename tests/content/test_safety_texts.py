"""The safety page promises only what the site and the sources behind it can keep: what `autocomplete="off"`,
the quick exit and HTTPS really do, and each penalty figure credited to a page that gives it."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ..conftest import DEFAULT, client_of


def prose(locale: str) -> str:
    html = client_of(DEFAULT).get(DEFAULT.url("safety", locale)).get_data(as_text=True)
    return html.split('<div class="prose">', 1)[1]


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def section(locale: str, heading: str) -> str:
    """The text under the heading that starts with `heading`, up to the next heading."""
    match = re.search(rf"<h2[^>]*>{re.escape(heading)}.*?</h2>(.*?)(?=<h2|\Z)", prose(locale), re.S)
    assert match, heading
    return match.group(1)


SHARED = {"ru": "Чужое или контролируемое устройство", "kk": "Ортақ немесе бақыланатын құрылғы",
          "en": "Shared or monitored devices"}
# The site only asks (autocomplete="off"); Chrome ignores that for its autofill data.
ASKS_ONLY = {"ru": "не все браузеры это выполняют", "kk": "мұны барлық браузер орындай бермейді",
             "en": "not every browser obeys"}
REMEMBERS_NOTHING = {"ru": "не запомнит ничего", "kk": "ешқайсысын есте сақтамайды", "en": "remembers nothing"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_shared_device_option_is_said_to_ask_the_browser_not_to_remember(locale):
    text = text_of(section(locale, SHARED[locale]))
    assert ASKS_ONLY[locale] in text
    assert REMEMBERS_NOTHING[locale] not in text


QUICK_EXIT = {"ru": "Быстрый выход", "kk": "Жылдам шығу", "en": "Quick exit"}
# `location.replace` replaces one entry of the tab's history: the pages opened before it stay there.
EARLIER_PAGES_STAY = {"ru": "остаются в её истории", "kk": "тарихында қалады", "en": "stay in its history"}
NEVER_BACK_HERE = {"ru": "сюда уже не вернёт", "kk": "сізді бұл жерге қайтармайды",
                   "en": "will not bring you back here"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_quick_exit_is_said_to_leave_the_earlier_pages_in_the_tabs_history(locale):
    text = text_of(section(locale, QUICK_EXIT[locale]))
    assert EARLIER_PAGES_STAY[locale] in text
    assert NEVER_BACK_HERE[locale] not in text


WHO_SEES = {"ru": "Кто видит", "kk": "Қай сайттарға", "en": "Who can see"}
ROOT_CERTIFICATE = {"ru": "корневой сертификат", "kk": "түбірлік сертификат", "en": "root certificate"}
NEVER_SEES = {"ru": "вводите на страницах с HTTPS, он не видит", "kk": "енгізетініңізді ол көрмейді",
              "en": "They cannot see what you type"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_https_is_said_to_hide_what_you_type_unless_a_root_certificate_was_installed(locale):
    text = text_of(section(locale, WHO_SEES[locale]))
    assert ROOT_CERTIFICATE[locale] in text and "2019" in text and "2020" in text  # the state's own pushes
    assert NEVER_SEES[locale] not in text


# The penalty figures each cited page gives (read on the stored copies of the pages).
ZAKON = "https://www.zakon.kz/obshestvo/6501563-"  # 18.12.2025: 20 МРП, then "an increased fine" or 10 days
BAQ_PENALTIES = "https://baq.kz/zhana-zan-elimizde-lgbt-ny-nasihattagandardy-qanday-zhaza-kutip-tur-200027659/"
GAZETA = "https://www.gazeta.ru/social/news/2025/11/12/27165188.shtml"  # 12.11.2025, via TASS: 20, 40 МРП, 10
GIVES = {ZAKON: {"20", "10"}, BAQ_PENALTIES: {"20", "10"}, GAZETA: {"20", "40", "10"}}
FIGURE = re.compile(r"\b(\d+)\s*(?:МРП|АЕК|monthly calculation|MCI|суток|тәулік|days)")
LAW = {"ru": "Закон 2025 года", "kk": "«Насихат» туралы", "en": "The 2025"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_each_penalty_figure_is_credited_to_a_page_that_gives_it(locale):
    law = section(locale, LAW[locale])
    sentences = re.split(r"(?<=[.;])\s+(?=[^\sa-zа-яёәіңғүұқөһ])", law)
    figures_seen = set()
    for sentence in sentences:
        figures = set(FIGURE.findall(text_of(sentence)))
        if not figures:
            continue
        sources = [href for href in re.findall(r'<a href="([^"]+)"', sentence)
                   if any(href.startswith(known) for known in GIVES)]
        given = set().union(*(GIVES[next(k for k in GIVES if href.startswith(k))] for href in sources))
        assert figures <= given, (figures, sources, text_of(sentence))
        figures_seen |= figures
    assert {"20", "10"} <= figures_seen
