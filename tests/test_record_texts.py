"""A decided campaign's record: the letter page (and the offline kit) shows each route's record text,
`complaint/routes/<locale>/<route>.record.md`, in place of its instructions for filing now, or nothing for a route
without one; the print hint speaks of neither signing nor sending, and no email is written. `content check` names
every record text the site never shows. On throwaway variants of the fixture campaign (kk, ru; paper and email).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign.cli import content

from .conftest import PARK, Campaign, Wizard, answers_for, build, closed, make_app, translated, variant

PRINT_HINT = ("Printing this page prints the letter alone, ready to sign by hand. The PDF is the same letter on A4, "
              "to print elsewhere. If a print shop prints it for you, ask them to delete the file from their computer.")
RECORD_PRINT_HINT = "Printing this page prints the letter alone. The PDF is the same letter on A4."


def record_text(locale: str, route: str) -> str:
    return f"## How it was done then ({locale}, {route})\n\nPeople did it by hand, in 2030.\n"


def with_record_texts(campaign: Campaign, routes: list[str], locales: tuple[str, ...] | None = None) -> dict:
    return {f"complaint/routes/{locale}/{route}.record.md": record_text(locale, route)
            for locale in locales or campaign.locales for route in routes}


def decided(tmp_path: Path, **record_files: str) -> Campaign:
    return variant(PARK, tmp_path, {"campaign.yml": closed(PARK), **record_files})


def route_heading(locale: str, route: str) -> str:
    text = (PARK.root / "complaint" / "routes" / locale / f"{route}.md").read_text(encoding="utf-8")
    return re.search(r"^## (.+)$", text, re.M).group(1)


def letter_page(campaign: Campaign, locale: str, route: str = "paper") -> tuple:
    app = make_app(campaign.root)
    pages = Wizard(app.test_client(), campaign, locale).run(answers_for(campaign, route, "person"))
    return app, pages["letter"].get_data(as_text=True)


def check(directory: Path):
    return build(PARK.root).test_cli_runner().invoke(content, ["check", str(directory)])


@pytest.mark.parametrize("locale", PARK.locales)
def test_the_record_shows_the_routes_record_text_instead_of_its_instructions(tmp_path, locale):
    campaign = decided(tmp_path, **with_record_texts(PARK, ["paper"]))
    app, html = letter_page(campaign, locale)
    assert f"How it was done then ({locale}, paper)</h2>" in html
    assert route_heading(locale, "paper") not in html
    assert translated(app, locale, RECORD_PRINT_HINT) in html
    assert translated(app, locale, PRINT_HINT) not in html


@pytest.mark.parametrize("locale", PARK.locales)
def test_a_route_without_a_record_text_shows_no_instructions_in_the_record(tmp_path, locale):
    campaign = decided(tmp_path, **with_record_texts(PARK, ["email"]))  # the other route has one
    app, html = letter_page(campaign, locale)
    assert route_heading(locale, "paper") not in html and "How it was done then" not in html
    assert 'class="prose"' not in html
    assert translated(app, locale, RECORD_PRINT_HINT) in html


@pytest.mark.parametrize("locale", PARK.locales)
def test_an_open_campaign_shows_the_instructions_and_the_print_shop_advice(locale):
    app, html = letter_page(PARK, locale)
    assert route_heading(locale, "paper") in html
    assert translated(app, locale, PRINT_HINT) in html
    assert translated(app, locale, RECORD_PRINT_HINT) not in html


def test_the_record_writes_no_email_to_the_addressee(tmp_path):
    _, html = letter_page(decided(tmp_path), PARK.default_locale, "email")
    assert "mailto:" not in html
    _, html = letter_page(PARK, PARK.default_locale, "email")
    assert "mailto:" in html


def test_a_record_text_missing_in_a_locale_falls_back_to_the_default_locales(tmp_path):
    default, other = PARK.locales
    campaign = decided(tmp_path, **with_record_texts(PARK, ["paper"], locales=(default,)))
    _, html = letter_page(campaign, other)
    assert f'<div class="prose" lang="{default}">' in html and f"How it was done then ({default}, paper)" in html
    result = check(campaign.root)
    path = campaign.root / "complaint" / "routes"
    assert result.exit_code == 1
    assert (f"warning: {path}/{other}/paper.record.md: the route 'paper' has no {other} record text: add this "
            f"file, translated from {path}/{default}/paper.record.md (until then the letter page shows the "
            f"{default} text)") in result.stderr.splitlines()


def test_the_offline_kit_of_the_record_tells_how_each_route_was_used_then(tmp_path):
    campaign = decided(tmp_path, **with_record_texts(PARK, ["paper"]))
    client = make_app(campaign.root).test_client()
    for language in PARK.letter_languages:
        html = client.get(f"/{PARK.wizard_path}/offline-kit-{language}.html").get_data(as_text=True)
        assert f"How it was done then ({language}, paper)" in html
        assert route_heading(language, "paper") not in html and route_heading(language, "email") not in html


def test_the_decided_campaign_with_its_record_texts_passes_the_check(tmp_path):
    result = check(decided(tmp_path, **with_record_texts(PARK, ["paper", "email"])).root)
    assert (result.exit_code, result.stderr) == (0, "")


def test_record_texts_nothing_shows_are_each_a_warning(tmp_path):
    default, other = PARK.locales
    open_campaign = variant(PARK, tmp_path, with_record_texts(PARK, ["paper"], locales=(default,)), name="open")
    path = open_campaign.root / "complaint" / "routes" / default / "paper.record.md"
    result = check(open_campaign.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"warning: {path}: the wizard does not build the record (it does only with `status: closed` and "
        "`wizard_when_closed: record` in campaign.yml), so this record text is never shown: delete it, or add it "
        "back once the campaign is decided")

    only_translated = decided(tmp_path / "b", **with_record_texts(PARK, ["paper"], locales=(other,)))
    routes = only_translated.root / "complaint" / "routes"
    result = check(only_translated.root)
    assert result.stderr.splitlines()[0] == (
        f"warning: {routes}/{other}/paper.record.md: the route 'paper' has no record text in {default}, the "
        f"default locale, which decides whether there is one, so this translation is never shown: add "
        f"{routes}/{default}/paper.record.md, or delete this file")

    not_offered = variant(PARK, tmp_path / "c", {
        "campaign.yml": closed(PARK), "complaint/settings.yml": {"routes": ["email"]},
        "complaint/routes/kk/paper.md": None, "complaint/routes/ru/paper.md": None,
        **with_record_texts(PARK, ["paper"], locales=(default,))})
    result = check(not_offered.root)
    assert result.stderr.splitlines()[0] == (
        f"warning: {not_offered.root}/complaint/routes/{default}/paper.record.md: the route 'paper' is not offered "
        "(settings.yml: routes: email), so its record text is never shown: delete it, or add paper to `routes`")


def test_a_record_text_of_no_route_stops_start_up(tmp_path):
    campaign = decided(tmp_path, **{f"complaint/routes/{PARK.default_locale}/papper.record.md": "## Then\n"})
    result = check(campaign.root)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {campaign.root}/complaint/routes/{PARK.default_locale}/papper.record.md:1: "
                             "'papper' is not a route (eotinish, paper, email): a record text is named "
                             "<route>.record.md\n")
