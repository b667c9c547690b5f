"""A decided campaign's outcome: in full on the home page and the wizard's start page, and on every other page in one
line (campaign.yml `outcome_line`, or the engine's) with a link to it in full. On throwaway variants of the fixture
campaign."""

from __future__ import annotations

import re
from pathlib import Path

from campaign.cli import content

from .conftest import PARK, Campaign, Wizard, answers_for, build, closed, line_of, make_app, rooted, translated, variant

LINE = {locale: f"**Decided** in one line ({locale})." for locale in PARK.locales}
LINK = "The outcome in full"


def decided(tmp_path: Path, **changes) -> Campaign:
    return variant(PARK, tmp_path, {"campaign.yml": {**closed(PARK), **changes}})


def band(html: str) -> str:
    match = re.search(r'<div class="campaign-status campaign-status--closed".*?\n</div>', html, re.S)
    assert match, "no campaign status"
    return match.group(0)


def test_the_outcome_is_in_full_on_the_home_and_start_pages_and_in_one_line_elsewhere(tmp_path):
    campaign = decided(tmp_path, outcome_line=LINE)
    app = make_app(campaign.root)
    client = app.test_client()
    for locale in campaign.locales:
        outcome = f"Decided ({locale}). The outcome."
        home = campaign.url("home", locale)
        for key in campaign.page_keys:
            html = rooted(client.get(campaign.url(key, locale)))
            if key in ("home", campaign.wizard_path):
                assert html.count(outcome) == 1 and html.count('id="campaign-outcome"') == 1, key
                assert LINE[locale].split("**")[2] not in html, key
            else:
                line = band(html)
                assert outcome not in html and f"<strong>Decided</strong> in one line ({locale})." in line, key
                assert f'<a href="{home}#campaign-outcome">{translated(app, locale, LINK)}</a>' in line, key
        # Each wizard step's line leads to the wizard's start page, which opens with the outcome.
        start = campaign.url("petition", locale)
        for step, response in Wizard(client, campaign, locale).run(answers_for(campaign, "paper", "person")).items():
            line = band(rooted(response))
            assert f'<a href="{start}#campaign-outcome">' in line and outcome not in rooted(response), step


def test_without_a_line_of_its_own_the_campaign_gets_the_engines(tmp_path):
    campaign = decided(tmp_path)
    app = make_app(campaign.root)
    for locale in campaign.locales:
        line = band(rooted(app.test_client().get(campaign.url("share", locale))))
        assert f"{translated(app, locale, 'The campaign has ended.')}" in line
        assert translated(app, locale, LINK) in line


def test_an_outcome_line_of_more_than_one_paragraph_stops_start_up(tmp_path):
    campaign = decided(tmp_path, outcome_line={locale: f"Settled ({locale}).\n\nAnd more." for locale in PARK.locales})
    result = build(PARK.root).test_cli_runner().invoke(content, ["check", str(campaign.root)])
    assert result.exit_code == 1
    path = campaign.root / "campaign.yml"
    line = line_of(path, f"Settled ({PARK.locales[0]}).")  # the first locale's entry, the first in the file
    assert result.stderr == (f"error: {path}:{line}: outcome_line must be one paragraph of text: no blank line, "
                             "heading, list or notice\n")
