"""The letter step's "What happens next" gives the terms of the answer from the campaign's follow-up content, and
without follow-up says only that the law sets them: the engine holds no term of its own to state."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape

import pytest

from .conftest import PARK, Campaign, Wizard, answers_for, build, translated, translated_plural, variant
from .test_follow_up_letters import DUE, follow_up, on_day  # noqa: F401 (on_day is a fixture)

ANSWER = ("The body you write to must register your appeal and answer within %(num)d working day.",
          "The body you write to must register your appeal and answer within %(num)d working days.")
EXTENSION = ("It may extend the term, up to %(num)d month in all, and must tell you if it does.",
             "It may extend the term, up to %(num)d months in all, and must tell you if it does.")
GENERAL = ("The body you write to must register your appeal and answer within the term the law sets. It may "
           "extend the term, and must tell you if it does.")
LANGUAGE = "The answer comes in Kazakh or in the language of your appeal."


def next_steps(campaign: Campaign, locale: str) -> str:
    """The paragraph under "What happens next" on the letter step, its white space made single spaces."""
    app = build(campaign.root)
    html = Wizard(app.test_client(), campaign, locale).run(answers_for(campaign, "paper", "person"))["letter"]
    heading = re.escape(translated(app, locale, "What happens next"))
    paragraph = re.search(rf"<h2>{heading}</h2>\s*<p>(.*?)</p>", unescape(html.get_data(as_text=True)), re.S)[1]
    return " ".join(paragraph.split())


def said(campaign: Campaign, locale: str, days: int, months: int) -> str:
    app = build(campaign.root)
    return " ".join((translated_plural(app, locale, *ANSWER, days),
                     translated_plural(app, locale, *EXTENSION, months),
                     translated(app, locale, LANGUAGE)))


@pytest.mark.parametrize("locale", PARK.locales)
def test_the_terms_come_from_the_follow_up_content(locale):
    assert next_steps(PARK, locale) == said(PARK, locale, 15, 2)  # tests/fixtures/park's settings.yml


@pytest.mark.parametrize("locale", PARK.locales)
def test_other_terms_in_content_are_the_ones_said(tmp_path, locale):
    changed = variant(PARK, tmp_path, {"complaint/follow-up/settings.yml": {"terms.answer_working_days": 10,
                                                                            "terms.extension_months": 1}})
    assert next_steps(changed, locale) == said(changed, locale, 10, 1)


@pytest.mark.parametrize("locale", PARK.locales)
def test_without_follow_up_the_terms_are_worded_generally(tmp_path, locale):
    bare = variant(PARK, tmp_path, {})
    shutil.rmtree(bare.root / "complaint" / "follow-up")
    app = build(bare.root)
    assert next_steps(bare, locale) == f"{translated(app, locale, GENERAL)} {translated(app, locale, LANGUAGE)}"


FOLLOW_UP = "The body you write to must register your letter and answer it within the term the law sets."
FOLLOW_UP_LANGUAGE = "The answer comes in Kazakh or in the language of your letter."


@pytest.mark.parametrize("locale", PARK.letter_languages)
@pytest.mark.parametrize("kind", tuple(PARK.yaml("complaint/follow-up/settings.yml")["letters"]))
def test_a_follow_up_letter_is_not_told_the_appeals_terms(on_day, kind, locale):  # noqa: F811
    # How long a body has to answer a complaint is not settled in the site's sources: no number is said.
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up(locale, kind)
    app = build(PARK.root)
    heading = re.escape(translated(app, locale, "What happens next"))
    html = unescape(pages["letter"].get_data(as_text=True))
    paragraph = " ".join(re.search(rf"<h2>{heading}</h2>\s*<p>(.*?)</p>", html, re.S)[1].split())
    assert paragraph == f"{translated(app, locale, FOLLOW_UP)} {translated(app, locale, FOLLOW_UP_LANGUAGE)}"
