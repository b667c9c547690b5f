"""The follow-up letters' files (`complaint/follow-up/`) on throwaway campaigns: each mistake stops start-up with
its file and line, and an addressee checked too long ago is a warning of `flask content check`.

The campaigns are copies of the fixture campaign whose follow-up letters are replaced by the short ones below
(its calendar kept), so that each test says exactly what it breaks.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from campaign import clock
from campaign.cli import content
from campaign.content.errors import ContentError

from .conftest import PARK, build, line_of, make_app

REMINDER = """\
addressee: |
  Akim of Koktal ({language})
sender_prefix: 'From:'
source: 'https://koktal-akimat.example/{language}/contacts'
verified_on: 2026-04-01
subject: 'Reminder of the appeal of {{registered_on}} No. {{registration_number}} ({language})'
greeting:
  wordings:
    - 'Dear akim,'
    - 'Dear Sir or Madam,'
intro:
  wordings:
    - 'The answer was due by {{due}}.'
    - 'No answer has come by {{due}}.'
    - when: {{given: [extended_to]}}
      text: 'The term was extended to {{extended_to}}.'
demand:
  wordings:
    - 'Please answer.'
    - 'Please answer without delay.'
closing:
  wordings:
    - 'Yours faithfully.'
    - 'With respect.'
"""
PINNED = dt.date(2026, 5, 4)


@pytest.fixture()
def park(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the fixture campaign offering one follow-up letter, the reminder, with the clock pinned."""
    moment = dt.datetime.combine(PINNED, dt.time(7), tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)
    target = tmp_path / "park"
    shutil.copytree(PARK.root, target)
    folder = target / "complaint" / "follow-up"
    for path in folder.glob("*") if folder.is_dir() else ():
        if path.name != "calendar.yml":
            path.unlink()
    folder.mkdir(exist_ok=True)
    (folder / "settings.yml").write_text("letters: [reminder]\n", encoding="utf-8")
    for language in PARK.letter_languages:
        (folder / f"reminder.{language}.yml").write_text(REMINDER.format(language=language), encoding="utf-8")
    return target


def reminder(park: Path, language: str = "ru") -> Path:
    return park / "complaint" / "follow-up" / f"reminder.{language}.yml"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stops(park: Path) -> str:
    with pytest.raises(ContentError) as raised:
        make_app(park)
    return str(raised.value)


def test_the_short_letters_load_and_the_wizard_offers_them(park):
    follow_up = make_app(park).extensions["campaign_site"].offer.follow_up
    assert follow_up is not None and follow_up.kinds == ("reminder",)
    wordings = follow_up.letters["reminder"]["kk"]
    assert wordings.source == "https://koktal-akimat.example/kk/contacts"
    assert wordings.verified_on == dt.date(2026, 4, 1)
    assert [w.given for w in wordings.parts["intro"]] == [frozenset(), frozenset(), frozenset({"extended_to"})]


def test_an_unknown_placeholder_stops_start_up(park):
    replace_in(reminder(park), "No answer has come by {due}.", "No answer has come by {due_date}.")
    line = line_of(reminder(park), "{due_date}")
    assert stops(park).startswith(f"{reminder(park)}:{line}: 'intro': {{due_date}} is not a placeholder a letter "
                                  "can fill (known: {registered_on}, {registration_number}, {extended_to}, "
                                  "{redirected_on}, {redirected_to}, {due})")


def test_a_placeholder_of_another_kinds_field_is_unknown_to_this_kind(park):
    replace_in(reminder(park), "'Please answer.'", "'Please answer the letter of {answer_on}.'")
    line = line_of(reminder(park), "{answer_on}")
    assert stops(park).startswith(f"{reminder(park)}:{line}: 'demand': {{answer_on}} is not a placeholder")


def test_an_optional_fields_placeholder_needs_a_wording_given_it(park):
    replace_in(reminder(park), "'Please answer without delay.'", "'It was sent on to {redirected_to}.'")
    line = line_of(reminder(park), "{redirected_to}")
    assert stops(park) == (f"{reminder(park)}:{line}: 'demand': {{redirected_to}} names a field a letter may lack: "
                           "give this wording `when: {given: [redirected_to]}`, or leave the placeholder out")


def test_given_names_only_a_field_a_letter_may_lack(park):
    replace_in(reminder(park), "given: [extended_to]", "given: [registration_number]")
    line = line_of(reminder(park), "given: [registration_number]")
    assert stops(park) == (f"{reminder(park)}:{line}: 'intro': `when: {{given: registration_number}}`: "
                           "'registration_number' is not a field a letter may lack (extended_to, redirected_on, "
                           "redirected_to)")


def test_a_letter_that_does_not_name_the_appeal_stops_start_up(park):
    replace_in(reminder(park), "No. {registration_number} ", "")
    line = line_of(reminder(park), "intro:")
    assert stops(park) == (f"{reminder(park)}:{line}: the letter must name the appeal it follows: put "
                           "{registration_number} in the subject or in every wording of 'intro'")


def test_the_appeal_named_in_every_intro_is_enough(park):
    replace_in(reminder(park), " of {registered_on} No. {registration_number}", "")
    text = reminder(park).read_text(encoding="utf-8")
    reminder(park).write_text(text.replace("'The answer was due by {due}.'",
                                           "'The appeal {registration_number} of {registered_on}: due {due}.'")
                              .replace("'No answer has come by {due}.'",
                                       "'No answer to {registration_number} of {registered_on}.'")
                              .replace("'The term was extended to {extended_to}.'",
                                       "'{registration_number} of {registered_on} was extended to {extended_to}.'"),
                              encoding="utf-8")
    assert make_app(park).extensions["campaign_site"].offer.follow_up is not None


@pytest.mark.parametrize("language", PARK.letter_languages)
def test_a_missing_letter_file_for_an_offered_kind_and_language_stops_start_up(park, language):
    reminder(park, language).unlink()
    assert stops(park) == f"{reminder(park, language)}: file is missing"


def test_a_kind_the_engine_does_not_know_stops_start_up(park):
    settings = park / "complaint" / "follow-up" / "settings.yml"
    settings.write_text("letters: [reminder, apology]\n", encoding="utf-8")
    assert stops(park) == (f"{settings}:1: 'letters': 'apology' is not one of: reminder, inaction, "
                           "unsatisfactory")


def test_the_arguments_belong_to_the_appeal_alone(park):
    with reminder(park).open("a", encoding="utf-8") as handle:
        handle.write("arguments: {}\n")
    line = line_of(reminder(park), "arguments:")
    assert stops(park).startswith(f"{reminder(park)}:{line}: unknown key 'arguments' (known: language, addressee,")


@pytest.mark.parametrize(("value", "message"), [
    ("'last spring'", "needs `verified_on`, the date the addressee was last checked at its source, as YYYY-MM-DD"),
    ("2026-04-01 10:00", "needs `verified_on`, the date the addressee was last checked at its source, as "
                         "YYYY-MM-DD"),
])
def test_verified_on_must_be_a_date(park, value, message):
    replace_in(reminder(park), "verified_on: 2026-04-01", f"verified_on: {value}")
    assert stops(park) == f"{reminder(park)}:{line_of(reminder(park), 'verified_on:')}: {message}"


def test_a_source_that_is_no_address_stops_start_up(park):
    replace_in(reminder(park), "'https://koktal-akimat.example/ru/contacts'", "'the akimat'")
    assert stops(park) == (f"{reminder(park)}:{line_of(reminder(park), 'source:')}: source 'the akimat' must be "
                           "the address (https://…) of the page where the addressee was checked")


def check(park: Path):
    return build(PARK.root).test_cli_runner().invoke(content, ["check", str(park)])


def test_the_check_passes_an_addressee_checked_within_the_year(park):
    replace_in(reminder(park, "kk"), "verified_on: 2026-04-01", f"verified_on: {PINNED.replace(year=2025)}")
    result = check(park)
    assert result.exit_code == 0, result.output


def test_the_check_warns_of_an_addressee_checked_more_than_a_year_ago(park):
    old = PINNED.replace(year=2025) - dt.timedelta(days=1)
    replace_in(reminder(park, "kk"), "verified_on: 2026-04-01", f"verified_on: {old}")
    result = check(park)
    line = line_of(reminder(park, "kk"), "verified_on:")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"warning: {reminder(park, 'kk')}:{line}: the addressee was last checked on {old}, more than a year ago: "
        "check it at https://koktal-akimat.example/kk/contacts and set `verified_on` to that day")
    assert len(result.stderr.splitlines()) == 2  # that warning, and the summary


def test_a_letter_file_nothing_reads_is_a_warning(park):
    stray = park / "complaint" / "follow-up" / "inaction.ru.yml"
    shutil.copy(reminder(park), stray)
    result = check(park)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"warning: {stray}: no offered letter reads this file (settings.yml `letters` and the letter languages say "
        "which are read: <kind>.<language>.yml): delete it, or offer its letter")


def test_a_campaign_not_open_for_filing_offers_no_follow_up(park):
    replace_in(park / "campaign.yml", "status: open", "status: closed\noutcome:\n  kk: 'Шешілді.'\n  ru: 'Решено.'")
    replace_in(reminder(park), "{due}", "{no_such_placeholder}")  # not read at all: no follow-up to check
    assert make_app(park).extensions["campaign_site"].offer.follow_up is None
    assert check(park).exit_code == 0


def test_a_campaign_without_the_folder_offers_no_follow_up(park):
    shutil.rmtree(park / "complaint" / "follow-up")
    assert make_app(park).extensions["campaign_site"].offer.follow_up is None
    assert check(park).exit_code == 0


def test_the_check_warns_of_an_addressee_checked_on_a_day_still_to_come(park):
    later = PINNED + dt.timedelta(days=1)
    replace_in(reminder(park, "kk"), "verified_on: 2026-04-01", f"verified_on: {later}")
    result = check(park)
    line = line_of(reminder(park, "kk"), "verified_on:")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"warning: {reminder(park, 'kk')}:{line}: `verified_on` is {later}, a day still to come: give the day the "
        "addressee was checked")
