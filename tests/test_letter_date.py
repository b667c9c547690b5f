"""The date line goes with the signature: a letter signed by hand ends with "Date:", one the channel dates (the
portal registers it, an email carries its day) has no date line at all, never a blank left to fill in. Which
is which comes from the route's record in the schema, on every route the fixture campaign can offer."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.wizard.letter import BLANK, DATE_LABEL
from campaign.wizard.schema import ROUTES

from .conftest import (
    ORGANISATION,
    PARK,
    Campaign,
    Wizard,
    answers_for,
    build,
    client_of,
    closed,
    eotinish_route,
    letter_in,
    translated,
    variant,
    ways,
)


@pytest.fixture(scope="module")
def park_with_eotinish(tmp_path_factory) -> Campaign:
    return variant(PARK, tmp_path_factory.mktemp("eotinish"), eotinish_route(PARK))


def letter_of(campaign: Campaign, route: str, sender: str, language: str) -> tuple[str, str, str]:
    """(the letter's text, the letter page, the date label in the letter's language)."""
    app = build(campaign.root)  # built once per campaign, for all its walks
    html = Wizard(app.test_client(), campaign).run(answers_for(campaign, route, sender, language))["letter"]
    page = html.get_data(as_text=True)
    return letter_in(page), page, translated(app, language, DATE_LABEL)


@pytest.mark.parametrize("language", PARK.letter_languages)
def test_only_a_letter_signed_by_hand_has_a_date_line(park_with_eotinish: Campaign, language: str):
    checked = set()
    for route, sender in ways(park_with_eotinish):
        text, page, label = letter_of(park_with_eotinish, route, sender, language)
        date_lines = [line for line in text.splitlines() if line.startswith(f"{label}:")]
        if ROUTES[route].signs_by_hand:
            assert len(date_lines) == 1, (route, sender)
            assert 'class="letter-print__date"' in page
        else:
            assert date_lines == [], (route, sender)
            assert 'class="letter-print__date"' not in page and BLANK not in text, (route, sender)
        checked.add(ROUTES[route].signs_by_hand)
    assert checked == {True, False}  # both kinds of route were walked


def test_an_organisations_email_letter_names_its_signatory_without_a_date_or_a_blank():
    route = next(r for r in PARK.routes if not ROUTES[r].signs_by_hand)
    language = PARK.letter_languages[0]
    html = Wizard(client_of(PARK), PARK).run(answers_for(PARK, route, "organisation", language))["letter"]
    text = letter_in(html.get_data(as_text=True))
    footer = text.rstrip("\n").rsplit("\n\n", 1)[1]
    assert footer == f"{ORGANISATION['signatory_position']} {ORGANISATION['signatory_name']}"


def test_the_record_of_a_closed_campaign_keeps_its_date_line_only_where_it_is_signed(tmp_path: Path):
    """In record mode (no date given) the paper letter keeps its blank date line, the emailed one has none."""
    decided = variant(PARK, tmp_path, {"campaign.yml": closed(PARK)})
    language = PARK.letter_languages[0]
    for route in decided.routes:
        text, _, label = letter_of(decided, route, "person", language)
        expected = [f"{label}: {BLANK}"] if ROUTES[route].signs_by_hand else []
        assert [line for line in text.splitlines() if line.startswith(f"{label}:")] == expected, route
