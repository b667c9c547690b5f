"""A decided campaign's record words the wizard as a record: the first step asks how the appeal was filed (its
title, its Change link and its error too), each route offers its `record_title` and `record_description` where
its file gives them, and the offline kit says nothing of sending, dating or signing. An open campaign keeps its
own words and warns about record wording it never shows. On throwaway variants of the fixture campaign.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import frontmatter
import pytest
from flask import Flask

from campaign.cli import content

from .conftest import PARK, Campaign, Wizard, answers_for, build, closed, errors_in, make_app, translated, variant

QUESTION = ("How will you send your appeal?", "How was the appeal filed?")  # (open, record), as msgids
TITLE = ("How you will send it", "How the appeal was filed")
CHANGE = ("Change how you will send it", "Change the way the appeal was filed")
REQUIRED = ("Select how you will send your appeal", "Select how the appeal was filed")
KIT_INTRO = ("This file works without a connection. It holds the letter to print or copy out by hand, and how to "
             "send it. It sends nothing anywhere, and you can pass it on as it is.",
             "This file works without a connection. It holds the campaign's letter as it stood, kept for the record. "
             "It sends nothing anywhere, and you can pass it on as it is.")
KIT_LETTER = ("Write your details on the lines, cross out any paragraph you do not agree with, then date and sign it. "
              "Printing this file prints the letter alone.",
              "The lines were for the sender's details. Printing this file prints the letter alone.")
OPEN, RECORD = 0, 1


def record_words(locale: str) -> dict[str, str]:
    return {"record_title": f"Paper, as it was filed ({locale})",
            "record_description": f"Printed and signed by hand then ({locale})."}


def paper_with(campaign: Campaign, words: dict) -> dict[str, str]:
    """The changes that give the paper route's file in each locale these frontmatter keys (`words(locale)`)."""
    changes = {}
    for locale in campaign.locales:
        path = f"complaint/routes/{locale}/paper.md"
        post = frontmatter.loads((campaign.root / path).read_text(encoding="utf-8"))
        post.metadata.update(words(locale))
        changes[path] = frontmatter.dumps(post) + "\n"
    return changes


def route_meta(locale: str, route: str) -> dict:
    return frontmatter.loads((PARK.root / "complaint" / "routes" / locale / f"{route}.md").read_text(
        encoding="utf-8")).metadata


# Built once for the module: no test changes them.
@pytest.fixture(scope="module")
def decided(tmp_path_factory) -> Campaign:
    return variant(PARK, tmp_path_factory.mktemp("decided"), {"campaign.yml": closed(PARK),
                                                              **paper_with(PARK, record_words)})


@pytest.fixture(scope="module")
def undecided(tmp_path_factory) -> Campaign:
    return variant(PARK, tmp_path_factory.mktemp("undecided"), paper_with(PARK, record_words), name="open")


@pytest.fixture(scope="module")
def decided_app(decided: Campaign) -> Flask:
    return make_app(decided.root)


@pytest.fixture(scope="module")
def undecided_app(undecided: Campaign) -> Flask:
    return make_app(undecided.root)


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("locale", PARK.locales)
def test_the_record_asks_how_the_appeal_was_filed_and_offers_the_record_wording(decided, decided_app, locale):
    campaign, app = decided, decided_app
    wizard = Wizard(app.test_client(), campaign, locale)
    html = wizard.start().get_data(as_text=True)
    paper, email = route_meta(locale, "paper"), route_meta(locale, "email")
    assert f"<h1>{translated(app, locale, QUESTION[RECORD])}</h1>" in html
    assert f"<title>{translated(app, locale, TITLE[RECORD])} — " in html
    assert translated(app, locale, QUESTION[OPEN]) not in html and translated(app, locale, TITLE[OPEN]) not in html
    assert record_words(locale)["record_title"] in html and record_words(locale)["record_description"] in html
    assert paper["title"] not in html and paper["description"] not in html
    # A route whose file gives no record wording keeps its own.
    assert email["title"] in html and email["description"] in html

    assert errors_in(wizard.submit(html, {}).get_data(as_text=True)) == [translated(app, locale, REQUIRED[RECORD])]

    check = text_of(wizard.run(answers_for(campaign, "paper", "person"))["check"].get_data(as_text=True))
    assert translated(app, locale, QUESTION[RECORD]) in check and translated(app, locale, CHANGE[RECORD]) in check
    assert record_words(locale)["record_title"] in check
    assert translated(app, locale, CHANGE[OPEN]) not in check and paper["title"] not in check


@pytest.mark.parametrize("locale", PARK.locales)
def test_an_open_campaign_asks_how_you_will_send_it_whatever_record_wording_its_files_hold(undecided, undecided_app,
                                                                                            locale):
    campaign, app = undecided, undecided_app
    wizard = Wizard(app.test_client(), campaign, locale)
    html = wizard.start().get_data(as_text=True)
    paper = route_meta(locale, "paper")
    assert f"<h1>{translated(app, locale, QUESTION[OPEN])}</h1>" in html
    assert f"<title>{translated(app, locale, TITLE[OPEN])} — " in html
    assert paper["title"] in html and paper["description"] in html
    assert record_words(locale)["record_title"] not in html and record_words(locale)["record_description"] not in html
    assert errors_in(wizard.submit(html, {}).get_data(as_text=True)) == [translated(app, locale, REQUIRED[OPEN])]
    check = text_of(wizard.run(answers_for(campaign, "paper", "person"))["check"].get_data(as_text=True))
    assert translated(app, locale, CHANGE[OPEN]) in check and translated(app, locale, CHANGE[RECORD]) not in check


def check_content(directory: Path):
    return build(PARK.root).test_cli_runner().invoke(content, ["check", str(directory)])


def test_record_wording_an_open_campaign_never_shows_is_a_warning(undecided, decided):
    result = check_content(undecided.root)
    assert result.exit_code == 1
    for locale in PARK.locales:
        path = undecided.root / "complaint" / "routes" / locale / "paper.md"
        for key in ("record_title", "record_description"):
            assert (f"warning: {path}:1: the wizard does not build the record (it does only with `status: closed` "
                    f"and `wizard_when_closed: record` in campaign.yml), so '{key}' is never shown: delete it, or "
                    "add it back once the campaign is decided") in result.stderr.splitlines()
    result = check_content(decided.root)
    assert (result.exit_code, result.stderr) == (0, "")


def test_an_empty_record_description_stops_the_check(tmp_path):
    campaign = variant(PARK, tmp_path, {"campaign.yml": closed(PARK),
                                        **paper_with(PARK, lambda locale: {"record_description": " "})})
    result = check_content(campaign.root)
    path = campaign.root / "complaint" / "routes" / PARK.default_locale / "paper.md"
    assert result.exit_code == 1
    assert f"{path}:1: frontmatter 'record_description' is empty: give it a text, or delete it" in result.stderr


def kits(app: Flask):
    for language in PARK.letter_languages:
        yield language, unescape(app.test_client().get(f"/{PARK.wizard_path}/offline-kit-{language}.html")
                                 .get_data(as_text=True))


def test_the_offline_kit_of_the_record_speaks_of_no_sending_dating_or_signing(decided_app):
    app = decided_app
    for language, html in kits(app):
        for texts in (KIT_INTRO, KIT_LETTER):
            assert translated(app, language, texts[RECORD]) in html
            assert translated(app, language, texts[OPEN]) not in html
        assert translated(app, language, "How to send it") not in html


def test_an_open_campaigns_kit_tells_how_to_send_date_and_sign_the_letter(undecided_app):
    app = undecided_app
    for language, html in kits(app):
        for texts in (KIT_INTRO, KIT_LETTER):
            assert translated(app, language, texts[OPEN]) in html
            assert translated(app, language, texts[RECORD]) not in html
        assert translated(app, language, "How to send it") in html
