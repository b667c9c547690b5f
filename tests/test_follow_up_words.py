"""A letter that follows the appeal up is not the appeal: the steps it shares with the appeal say "the letter"
where they say "the appeal", and the appeal's own steps keep their words."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from campaign.wizard.schema import FIELDS_BY_NAME, STEPS_BY_NAME

from .conftest import PARK, Wizard, answers_for, client_of, translated
from .test_follow_up_letters import DUE, KINDS, follow_up, on_day  # noqa: F401 (on_day is a fixture)

SHARED_STEP = "complaint"  # the step a follow-up letter shares with the appeal that names the appeal


def heading(html: str) -> str:
    return unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).strip()


def legends_and_labels(html: str) -> str:
    return unescape(" ".join(re.findall(r"<(?:legend|label)[^>]*>(.*?)</(?:legend|label)>", html, re.S)))


@pytest.mark.parametrize("locale", PARK.letter_languages)
@pytest.mark.parametrize("kind", KINDS)
def test_a_follow_up_letters_shared_step_speaks_of_the_letter(on_day, kind, locale):  # noqa: F811
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up(locale, kind)
    app = client_of(PARK).application
    step, language = STEPS_BY_NAME[SHARED_STEP], FIELDS_BY_NAME["letter_language"]
    html = pages[SHARED_STEP].get_data(as_text=True)
    assert heading(html) == translated(app, locale, step.follow_up_title)
    shown = legends_and_labels(html)
    assert translated(app, locale, language.follow_up.label) in shown
    assert translated(app, locale, language.label) not in shown
    assert translated(app, locale, language.follow_up.hint) in unescape(html)
    check = unescape(pages["check"].get_data(as_text=True))
    assert translated(app, locale, language.follow_up.change) in check
    assert translated(app, locale, language.change) not in check


@pytest.mark.parametrize("locale", PARK.letter_languages)
def test_the_appeals_step_keeps_the_appeals_words(locale):
    client = client_of(PARK)
    app = client.application
    step, language = STEPS_BY_NAME[SHARED_STEP], FIELDS_BY_NAME["letter_language"]
    w = Wizard(client, PARK, locale)
    answers = answers_for(PARK, "paper", "person", locale)
    response = w.start()
    while (name := w.step_of(response.get_data(as_text=True))) != SHARED_STEP:
        assert name is not None
        response = w.submit(response.get_data(as_text=True), answers)
    html = response.get_data(as_text=True)
    assert heading(html) == translated(app, locale, step.title)
    assert translated(app, locale, language.label) in legends_and_labels(html)
    assert translated(app, locale, language.follow_up.label) not in legends_and_labels(html)
