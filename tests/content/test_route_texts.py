"""The route texts the letter page shows while the campaign is open: what they tell people to file, and in
correct Kazakh. The default campaign is decided, so they are read on an open copy of it."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from ..conftest import DEFAULT, Wizard, answers_for, build, variant


@pytest.fixture(scope="module")
def open_default(tmp_path_factory):
    """The default campaign as it read while open (the record mode shows the route texts no more)."""
    folder = tmp_path_factory.mktemp("open-default")
    return variant(DEFAULT, folder, {"campaign.yml": {"status": "open", "deadline": dt.date(2099, 12, 31)}}, "open")


def route_text(campaign, route: str, locale: str, sender: str = "person") -> str:
    html = Wizard(build(campaign.root).test_client(), campaign, locale).run(
        answers_for(campaign, route, sender))["letter"].get_data(as_text=True)
    after_letter = html.split("</textarea>", 1)[1]  # past the letter, and its copy laid out for print
    return unescape(re.sub(r"<[^>]+>", "", after_letter.split('<div class="prose"', 1)[1]))


# Every demand of the letter asks the ministry for a decision (to withdraw or to refuse the petition).
ASKS_FOR_A_DECISION = {"ru": "просит министерство принять решение", "kk": "шешім қабылдауды сұрайды",
                       "en": "asks the ministry to take a decision"}
NOT_TO_DECIDE = {"ru": "решение не принимать", "kk": "шешім қабылдамауды", "en": "not to take one"}
# The letter is headed as the type it is filed as (заявление / арыз): no second type to choose.
SECOND_TYPE = {"ru": "выбрать и «жалобу»", "kk": "«Шағым» түрін де", "en": "“complaint” works too"}
TYPE = {"ru": "«заявление»", "kk": "«Арыз»", "en": "“application”"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_eotinish_steps_say_the_letter_asks_for_a_decision_and_name_one_type(open_default, locale):
    text = route_text(open_default, "eotinish", locale)
    assert ASKS_FOR_A_DECISION[locale] in text and TYPE[locale] in text
    assert NOT_TO_DECIDE[locale] not in text and SECOND_TYPE[locale] not in text


def test_the_kazakh_paper_steps_say_who_must_accept_the_letter(open_default):
    """Kazakh needs a subject where Russian says «обязаны принять»: the registry (кеңсе) accepts it."""
    text = route_text(open_default, "paper", "kk")
    assert re.search(r"кеңсесіне апарыңыз: кеңсе өтінішті қабылдап, тіркеуге міндетті", text)


# What the ministry receives, for both kinds of sender the paper route serves.
ORGANISATION_DETAILS = {"ru": "БИН", "kk": "БСН", "en": "BIN"}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_paper_notice_says_what_an_organisations_letter_reveals(open_default, locale):
    text = route_text(open_default, "paper", locale, "organisation")
    assert ORGANISATION_DETAILS[locale] in text
