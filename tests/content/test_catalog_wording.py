"""The interface catalogs' wording, as the default campaign's visitors read it: what the safety texts may promise,
and grammar the gettext machinery cannot check. Editorial checks, marked `content` (`make content-lint`)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from campaign.config import REPO_ROOT

from ..conftest import DEFAULT, Wizard, answers_for, client_of, translated, translated_plural

# The site only asks the browser not to remember (autocomplete="off"), which Chromium ignores for its autofill,
# and the browser's history and downloads stay: no text may promise that nothing is remembered or no trace left.
PROMISES = {
    "en": re.compile(r"no trace|remembers? nothing|not remember anything", re.I),
    "ru": re.compile(r"не оставить след|не оставите след|ничего не запомн|не запомнит ничего", re.I),
    "kk": re.compile(r"із қалдырмау|ешқайсысын есте сақтамайды|ештеңені есте сақтамайды", re.I),
}
# Pronouns that refer to several things: the form a catalog shows for one thing must not use them.
PLURAL_PRONOUNS = {"ru": re.compile(r"\b(они|их|им|ими|них)\b", re.I), "kk": re.compile(r"\bолар\w*", re.I)}


def catalog_texts(locale: str) -> list[str]:
    """Every text a locale's catalog shows (the English msgids for English)."""
    path = REPO_ROOT / "translations" / ("messages.pot" if locale == "en" else f"{locale}/LC_MESSAGES/messages.po")
    with path.open("rb") as po:
        catalog = read_po(po, None if locale == "en" else locale)
    texts = []
    for message in catalog:
        if message.id:
            shown = message.id if locale == "en" else message.string
            texts += list(shown) if isinstance(shown, tuple) else [shown]
    return texts


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_no_interface_text_promises_that_nothing_is_remembered(locale):
    texts = catalog_texts(locale)
    assert len(texts) > 100
    assert [text for text in texts if PROMISES[locale].search(text)] == []


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_shared_device_pages_promise_no_trace_left(default_app, locale):
    """The question about a shared device and the tips it brings, as the default campaign shows them."""
    w = Wizard(client_of(DEFAULT), DEFAULT, locale)
    route = w.start().get_data(as_text=True)
    assert 'name="shared_device"' in route
    pages = w.run(answers_for(DEFAULT, "paper", "person", shared_device="yes"))
    tips = translated(default_app, locale, "Leaving fewer traces on this device")
    shown = [route, *(page.get_data(as_text=True) for page in pages.values())]
    assert any(tips in html for html in shown)
    assert [html for html in shown if PROMISES[locale].search(html)] == []


def test_the_kazakh_download_tip_says_move_the_file_not_copy_it(default_app):
    """«Көшіру» is the Kazakh interfaces' Copy, «Жылжыту» their Move: a copy of the letter left behind defeats
    the tip."""
    tip = translated(default_app, "kk", "If you download the letter, move or delete the file when you no longer "
                                        "need it, and remove it from the browser’s list of downloads.")
    assert "жылжыт" in tip and "көшір" not in tip.lower()


def plural_messages() -> list[tuple[str, str]]:
    with (REPO_ROOT / "translations" / "messages.pot").open("rb") as pot:
        return [message.id for message in read_po(pot) if isinstance(message.id, tuple)]


@pytest.mark.parametrize("locale", sorted(PLURAL_PRONOUNS))
def test_the_form_for_one_thing_speaks_of_one(default_app, locale):
    messages = plural_messages()
    assert len(messages) > 1
    for singular, plural in messages:
        placeholders = {name: "ǂ" for name in re.findall(r"%\((\w+)\)s", singular)}
        one = translated_plural(default_app, locale, singular, plural, 1, **placeholders)
        assert not PLURAL_PRONOUNS[locale].search(one), one
