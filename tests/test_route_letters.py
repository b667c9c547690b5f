"""What a route means for the letter, as its Route record declares: an email is not signed by hand, so it has no
line to sign on and no PDF to print; a paper letter has both. In the fixture campaign and in the default one."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.wizard.letter import BLANK, SIGNATURE_LABEL

from .conftest import (
    DEFAULT,
    ORGANISATION,
    PARK,
    PERSON,
    Campaign,
    Wizard,
    answers_for,
    letter_in,
    make_app,
    rooted,
    translated,
    variant,
)

EMAIL_ROUTE_TEXT = """---
title: 'По электронной почте'
description: 'Письмо уйдёт с вашего адреса электронной почты на адрес министерства.'
---

## Как отправить

Нажмите «Написать письмо» и отправьте его из своей почты.
"""


def with_email_route(tmp_path: Path) -> Campaign:
    """The default campaign, offering the email route as well (it offers eOtinish and paper)."""
    return variant(DEFAULT, tmp_path, {
        "complaint/settings.yml": lambda settings: settings.update(routes=[*settings["routes"], "email"],
                                                                   email="appeals@ministry.example"),
        f"complaint/routes/{DEFAULT.default_locale}/email.md": EMAIL_ROUTE_TEXT}, "default-with-email")


@pytest.fixture(params=["park", "default"])
def campaign_with_email(request, tmp_path: Path) -> Campaign:
    return PARK if request.param == "park" else with_email_route(tmp_path)


def letter_page(campaign: Campaign, route: str, sender: str):
    app = make_app(campaign.root, base_url="https://campaign.example")
    response = Wizard(app.test_client(), campaign).run(answers_for(campaign, route, sender))["letter"]
    html = rooted(response)
    return html, letter_in(html), translated(app, campaign.letter_languages[0], SIGNATURE_LABEL)


def offers_pdf(html: str, campaign: Campaign) -> bool:
    return f'formaction="{campaign.url("petition/appeal.pdf")}"' in html


@pytest.mark.parametrize("sender", ["person", "organisation"])
def test_an_email_letter_has_no_line_to_sign_by_hand(campaign_with_email: Campaign, sender: str):
    html, letter, signature_label = letter_page(campaign_with_email, "email", sender)
    last_line = letter.rstrip("\n").rsplit("\n", 1)[1]
    assert f"{BLANK} " not in letter and f"{signature_label}:" not in letter
    if sender == "organisation":  # who signs it is still named, with nothing to sign on
        assert last_line == f"{ORGANISATION['signatory_position']} {ORGANISATION['signatory_name']}"
    else:
        assert PERSON["surname"] not in last_line
    assert not offers_pdf(html, campaign_with_email)
    # A decided campaign's record is not for sending: no email is written for it.
    assert ("mailto:" in html) == (campaign_with_email.settings["status"] == "open")


@pytest.mark.parametrize("sender", ["person", "organisation"])
def test_a_paper_letter_ends_with_a_line_to_sign_and_comes_as_a_pdf(campaign_with_email: Campaign, sender: str):
    html, letter, signature_label = letter_page(campaign_with_email, "paper", sender)
    last_line = letter.rstrip("\n").rsplit("\n", 1)[1]
    if sender == "organisation":
        assert last_line == f"{ORGANISATION['signatory_position']} {BLANK} {ORGANISATION['signatory_name']}"
    else:
        assert last_line == f"{signature_label}: {BLANK} {PERSON['surname']} {PERSON['given_name']}"
    assert offers_pdf(html, campaign_with_email)
    assert "mailto:" not in html
