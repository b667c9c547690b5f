"""The follow-up calendar as content: `calendar.yml` and the `terms` of follow-up/settings.yml, each mistake with
its file and line; `flask content holidays`; and the check's warning about a coming year no editor reviewed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from campaign import clock
from campaign.cli import content
from campaign.content.calendar import load_calendar, read_terms
from campaign.content.errors import ContentError
from campaign.content.yamlfile import Reader, read_yaml
from campaign.deadlines.calendar import ESTIMATED, Doubt
from campaign.deadlines.card import Case, Span, Terms, card_for

from .conftest import PARK, build, line_of

PARK_CALENDAR = PARK.root / "complaint" / "follow-up" / "calendar.yml"


def written(tmp_path: Path, text: str, name: str = "calendar.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_calendar(path)
    return caught.value


CALENDAR_MISTAKES = {
    "an impossible date": ("reviewed: 2026\nyears:\n  2026:\n    days_off: [2026-02-30]\n", "days_off:",
                           "'2026-02-30' is not a date"),
    "a quoted impossible date": ("years:\n  2026:\n    days_off:\n      - '2026-13-01'\n", "'2026-13-01'",
                                 "'2026-13-01' is not a date (write it as 2026-03-09)"),
    "a date in the wrong year": ("years:\n  2026:\n    working_days:\n      - 2027-01-09\n", "2027-01-09",
                                 "2026: working_days: 2027-01-09 is not in 2026"),
    "an unknown key at the top": ("reviewd: 2026\n", "reviewd:", "calendar.yml has no key 'reviewd'"),
    "an unknown key in a year": ("years:\n  2026:\n    holidays: [2026-05-27]\n", "holidays:",
                                 "2026 has no key 'holidays' (known: days_off, working_days)"),
    "a year that is no number": ("years:\n  next:\n    days_off: [2026-05-27]\n", "next:",
                                 "'next' is not a year"),
    "reviewed as text": ("reviewed: yes 2026\n", "reviewed:", "'reviewed' must be a year"),
    "a day both off and working": ("years:\n  2026:\n    days_off: [2026-05-27]\n    working_days: [2026-05-27]\n",
                                   "working_days:", "2026: 2026-05-27 is both a day off and a working day"),
    "a date twice": ("years:\n  2026:\n    days_off:\n      - 2026-05-27\n      - 2026-05-28\n      - 2026-05-27\n",
                     None, "2026: days_off: 2026-05-27 is listed twice"),
}


@pytest.mark.parametrize("mistake", CALENDAR_MISTAKES)
def test_a_calendar_mistake_names_its_file_and_line(mistake, tmp_path):
    text, marker, message = CALENDAR_MISTAKES[mistake]
    path = written(tmp_path, text)
    error = refused(path)
    line = text.count("\n") if marker is None else line_of(path, marker)  # a date twice: its second line
    assert (error.path, error.line) == (str(path), line)
    assert message in error.message


TERM_MISTAKES = {
    "a non-integer term": ("terms:\n  answer_working_days: 15.5\n", "answer_working_days:",
                           "'terms': answer_working_days must be a whole number from 1 to 60, not 15.5"),
    "a term as text": ("terms:\n  complaint_months: three\n", "complaint_months:",
                       "'terms': complaint_months must be a whole number from 1 to 36, not 'three'"),
    "a term out of bounds": ("terms:\n  extension_months: 0\n", "extension_months:",
                             "'terms': extension_months must be a whole number from 1 to 12, not 0"),
    "an unknown term": ("terms:\n  answer_days: 15\n", "answer_days:", "'terms' has no key 'answer_days'"),
}


@pytest.mark.parametrize("mistake", TERM_MISTAKES)
def test_a_terms_mistake_names_its_file_and_line(mistake, tmp_path):
    text, marker, message = TERM_MISTAKES[mistake]
    path = written(tmp_path, text, "settings.yml")
    with pytest.raises(ContentError) as caught:
        read_terms(Reader(path), read_yaml(path)["terms"])
    assert (caught.value.path, caught.value.line) == (str(path), line_of(path, marker))
    assert message in caught.value.message


def test_terms_left_out_are_the_laws(tmp_path):
    path = written(tmp_path, "terms:\n  answer_working_days: 10\n", "settings.yml")
    assert read_terms(Reader(path), read_yaml(path)["terms"]) == Terms(answer_working_days=10, extension_months=2,
                                                                      complaint_months=3)
    assert read_terms(Reader(path), None) == Terms(15, 2, 3)


def test_parks_calendar_counts_the_2025_transfer_and_doubts_kurban_ait_2026():
    calendar = load_calendar(PARK_CALENDAR)
    assert calendar.reviewed == 2026
    on_the_moved_day_off = card_for(Case(dt.date(2025, 1, 3)), calendar, Terms())
    assert (on_the_moved_day_off.counted_from, on_the_moved_day_off.due) == (
        Span(dt.date(2025, 1, 5), dt.date(2025, 1, 5)), Span(dt.date(2025, 1, 27), dt.date(2025, 1, 27)))
    before_kurban_ait = card_for(Case(dt.date(2026, 5, 15)), calendar, Terms())
    assert before_kurban_ait.due == Span(dt.date(2026, 6, 5), dt.date(2026, 6, 8))
    assert before_kurban_ait.doubts == (Doubt(ESTIMATED, dt.date(2026, 5, 27), 2026),)


def run(*args: str) -> Result:
    return build(PARK.root).test_cli_runner().invoke(content, list(args), env={"CAMPAIGN_CONTENT_DIR": None})


def listed(result: Result, day: str) -> str:
    """The line of the holidays list for `day`."""
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith(day)]
    assert len(lines) == 1, (day, result.stdout)
    return lines[0]


def test_the_holidays_command_marks_the_overrides_the_estimated_and_the_likely_days():
    year_2025 = run("holidays", str(PARK.root), "2025")
    assert year_2025.stdout.splitlines()[:2] == [
        f"campaign directory: {PARK.root}", f"{PARK_CALENDAR}: 2025 is reviewed (reviewed: 2026)"]
    assert listed(year_2025, "2025-01-05").endswith("[calendar.yml: a working day]")
    assert listed(year_2025, "2025-01-03").endswith("[calendar.yml: a day off]")
    assert "Nowruz" in listed(year_2025, "2025-03-21")
    assert "estimated" in listed(run("holidays", str(PARK.root), "2026"), "2026-05-27")
    year_2027 = run("holidays", str(PARK.root), "2027")
    assert f"{PARK_CALENDAR}: 2027 is not reviewed (reviewed: 2026)" in year_2027.stdout
    assert "likely transfer day off" in listed(year_2027, "2027-01-08")
    assert "Constitution Day" in listed(year_2027, "2027-03-15")


def test_the_holidays_command_shows_an_editors_day_not_in_the_library(tmp_path):
    campaign = tmp_path / "park"
    shutil.copytree(PARK.root, campaign)
    calendar = campaign / "complaint" / "follow-up" / "calendar.yml"
    calendar.write_text("reviewed: 2027\nyears:\n  2027:\n    days_off: [2027-01-08]\n    working_days: "
                        "[2027-01-16]\n", encoding="utf-8")
    result = run("holidays", str(campaign), "2027")
    assert listed(result, "2027-01-08").endswith("(not in the package)  [calendar.yml: a day off]")
    assert listed(result, "2027-01-16").endswith("(not in the package)  [calendar.yml: a working day]")
    assert run("holidays", str(campaign), "1900").exit_code == 2


def check_on(day: dt.date, directory: Path, monkeypatch) -> Result:
    monkeypatch.setattr(clock, "now", lambda: dt.datetime.combine(day, dt.time(6), dt.UTC))
    return run("check", str(directory))


def test_parks_check_has_no_warning_while_every_coming_date_is_in_a_reviewed_year(monkeypatch):
    # An appeal registered on 2 March 2026 reaches 5 August 2026 at the farthest: within reviewed 2026.
    result = check_on(dt.date(2026, 3, 2), PARK.root, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "warning:" not in result.output


def test_the_check_warns_of_a_coming_year_no_editor_reviewed(monkeypatch):
    # Registered on 10 August 2026, extended to 12 October (the cap), complained about by 13 January 2027.
    result = check_on(dt.date(2026, 8, 10), PARK.root, monkeypatch)
    assert result.exit_code == 1
    where = f"{PARK_CALENDAR}:{line_of(PARK_CALENDAR, 'reviewed:')}"
    assert (f"warning: {where}: reviewed: 2026, but an appeal registered today has dates up to 2027-01-13 "
            "(extended to the cap, then the time to complain), in 2027") in result.stderr
    assert f"flask content holidays {PARK.root} 2027" in result.stderr


def test_the_check_warns_of_every_year_when_none_is_reviewed(tmp_path, monkeypatch):
    campaign = tmp_path / "park"
    shutil.copytree(PARK.root, campaign)
    calendar = campaign / "complaint" / "follow-up" / "calendar.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("reviewed: 2026\n", ""), encoding="utf-8")
    result = check_on(dt.date(2026, 3, 2), campaign, monkeypatch)
    assert result.exit_code == 1
    assert f"warning: {calendar}:6: no year is reviewed, but an appeal registered today" in result.stderr
