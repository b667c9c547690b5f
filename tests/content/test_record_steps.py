"""The default campaign is decided, and its wizard builds the record: no step before the letter, and no offline kit,
may invite anyone to file or send the text now ("How will you send your appeal?", "You print the letter, sign it
and send it", "then date and sign it"). Every way through the wizard in every interface language, and the kit in
every letter language, searched for the letter page's list of present-tense filing phrases (the kit's letter
itself left out)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ..conftest import DEFAULT, Wizard, answers_for, client_of, ways
from .test_record_letter_page import PATTERN

WALKS = [(locale, route, sender) for locale in DEFAULT.locales for route, sender in ways(DEFAULT)]
# The kit's letter, laid out for print: from its block to the guide that follows it.
KIT_LETTER = re.compile(r'<div class="letter-print".*?</div>\s*(?=<div class="kit-guide">)', re.S)


def page_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).lower()


def filing_now(text: str) -> list[str]:
    return [match.group(0) for match in PATTERN.finditer(text)]


@pytest.mark.parametrize(("locale", "route", "sender"), WALKS, ids=["-".join(walk) for walk in WALKS])
def test_no_step_of_the_record_invites_anyone_to_file_it_now(locale, route, sender):
    pages = Wizard(client_of(DEFAULT), DEFAULT, locale).run(answers_for(DEFAULT, route, sender))
    steps = [step for step in pages if step != "letter"]
    assert len(steps) >= 4  # route, the sender's details, the appeal, the check page (and the sender question)
    assert {step: filing_now(page_text(pages[step].get_data(as_text=True))) for step in steps} == {
        step: [] for step in steps}


@pytest.mark.parametrize("locale", DEFAULT.locales)
def test_the_record_asks_for_an_answer_without_asking_how_it_will_be_sent(locale):
    wizard = Wizard(client_of(DEFAULT), DEFAULT, locale)
    html = wizard.submit(wizard.start().get_data(as_text=True), {}).get_data(as_text=True)
    assert 'class="error-summary' in html
    assert filing_now(page_text(html)) == []


@pytest.mark.parametrize("language", DEFAULT.letter_languages)
def test_the_record_kit_invites_no_one_to_file_it_now(language):
    response = client_of(DEFAULT).get(f"/{DEFAULT.wizard_path}/offline-kit-{language}.html")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert KIT_LETTER.search(html), "the kit holds no letter"
    assert filing_now(page_text(KIT_LETTER.sub(" ", html))) == []
