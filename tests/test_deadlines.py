"""The case card's dates over 2025–2027, through `card_for` and a calendar from `make_calendar`, each expected date
written out: weekends, Nauryz and the New Year, the 2025 transfer working Sunday, extensions, a redirection, an
estimated holiday and a year no editor has checked. The calendar's library is the pinned `holidays` release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from campaign.config import REPO_ROOT
from campaign.deadlines.calendar import ESTIMATED, UNREVIEWED, Doubt, YearRule, make_calendar
from campaign.deadlines.card import Case, Span, Terms, card_for
from tests.test_layers import imports_of


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(early: str, late: str | None = None) -> Span:
    return Span(d(early), d(late or early))


@dataclass(frozen=True)
class Row:
    what: str
    case: Case
    counted_from: Span
    due: Span
    latest: Span
    answer_due: Span
    complain_by: Span
    doubts: tuple[Doubt, ...] = ()
    extended_to: dt.date | None = None
    beyond_cap: bool = False
    before_due: bool = False


# Editors have checked 2025 and 2026 (the library knows 2025's one transfer decree); 2027 is unreviewed.
CALENDAR = make_calendar(2026, {})
ROWS = [
    Row("a Saturday counts from Monday, day 1 is Tuesday",
        Case(d("2025-02-08")), counted_from=span("2025-02-10"), due=span("2025-03-03"),
        latest=span("2025-04-10"), answer_due=span("2025-03-03"), complain_by=span("2025-06-04")),
    Row("a Sunday; two months end on a Saturday, so on Monday; three months on 8 March, so on the 9th",
        Case(d("2026-11-15")), counted_from=span("2026-11-16"), due=span("2026-12-07"),
        latest=span("2027-01-18"), answer_due=span("2026-12-07"), complain_by=span("2027-03-09")),
    Row("the Friday before Nauryz: 21–25 March 2025 are off",
        Case(d("2025-03-14")), counted_from=span("2025-03-14"), due=span("2025-04-09"),
        latest=span("2025-05-14"), answer_due=span("2025-04-09"), complain_by=span("2025-07-10")),
    Row("during Nauryz 2025: counted from the 26th",
        Case(d("2025-03-24")), counted_from=span("2025-03-26"), due=span("2025-04-16"),
        latest=span("2025-05-26"), answer_due=span("2025-04-16"), complain_by=span("2025-07-17")),
    Row("during Nauryz 2026 (a Saturday): counted from Thursday the 26th",
        Case(d("2026-03-21")), counted_from=span("2026-03-26"), due=span("2026-04-16"),
        latest=span("2026-05-26"), answer_due=span("2026-04-16"), complain_by=span("2026-07-17")),
    Row("the Friday before the New Year and Christmas holidays of 2026",
        Case(d("2025-12-26")), counted_from=span("2025-12-26"), due=span("2026-01-21"),
        latest=span("2026-02-26"), answer_due=span("2026-01-21"), complain_by=span("2026-04-22")),
    Row("on 2 January 2026, a holiday: counted from Monday the 5th",
        Case(d("2026-01-02")), counted_from=span("2026-01-05"), due=span("2026-01-27"),
        latest=span("2026-03-05"), answer_due=span("2026-01-27"), complain_by=span("2026-04-28")),
    Row("on 31 December: two months end on the last day of February, a Saturday, so on Monday",
        Case(d("2025-12-31")), counted_from=span("2025-12-31"), due=span("2026-01-26"),
        latest=span("2026-03-02"), answer_due=span("2026-01-26"), complain_by=span("2026-04-27")),
    Row("on Sunday 5 January 2025, a working day by the transfer decree",
        Case(d("2025-01-05")), counted_from=span("2025-01-05"), due=span("2025-01-27"),
        latest=span("2025-03-05"), answer_due=span("2025-01-27"), complain_by=span("2025-04-28")),
    Row("on Friday 3 January 2025, the day off it was moved to: counted from Sunday the 5th",
        Case(d("2025-01-03")), counted_from=span("2025-01-05"), due=span("2025-01-27"),
        latest=span("2025-03-05"), answer_due=span("2025-01-27"), complain_by=span("2025-04-28")),
    Row("an extension within the cap: the notice's date is awaited",
        Case(d("2025-04-01"), extended_to=d("2025-05-20")), counted_from=span("2025-04-01"),
        due=span("2025-04-22"), latest=span("2025-06-02"), answer_due=span("2025-05-20"),
        complain_by=span("2025-08-21"), extended_to=d("2025-05-20")),
    Row("an extension beyond the two-month cap: capped at the cap",
        Case(d("2025-04-01"), extended_to=d("2025-06-30")), counted_from=span("2025-04-01"),
        due=span("2025-04-22"), latest=span("2025-06-02"), answer_due=span("2025-06-02"),
        complain_by=span("2025-09-03"), extended_to=d("2025-06-02"), beyond_cap=True),
    Row("a redirection: the answer may be due counted afresh from it (Republic Day moved to 27 October)",
        Case(d("2025-10-01"), redirected_on=d("2025-10-06")), counted_from=span("2025-10-01"),
        due=span("2025-10-22"), latest=span("2025-12-01", "2025-12-08"), answer_due=span("2025-10-22", "2025-10-28"),
        complain_by=span("2026-01-23", "2026-01-29")),
    Row("Kurban Ait 2026, estimated on 27 May: a range, and the reason",
        Case(d("2026-05-15")), counted_from=span("2026-05-15"), due=span("2026-06-05", "2026-06-08"),
        latest=span("2026-07-15"), answer_due=span("2026-06-05", "2026-06-08"),
        complain_by=span("2026-09-07", "2026-09-09"), doubts=(Doubt(ESTIMATED, d("2026-05-27"), 2026),)),
    Row("an extension across the estimated Kurban Ait: the notice's date is sure, so the card doubts nothing",
        Case(d("2026-05-15"), extended_to=d("2026-07-10")), counted_from=span("2026-05-15"),
        due=span("2026-06-05", "2026-06-08"), latest=span("2026-07-15"), answer_due=span("2026-07-10"),
        complain_by=span("2026-10-12"), extended_to=d("2026-07-10")),
    Row("an extension notice dated before the usual term (its own date, perhaps): the usual term counts",
        Case(d("2025-04-01"), extended_to=d("2025-04-10")), counted_from=span("2025-04-01"),
        due=span("2025-04-22"), latest=span("2025-06-02"), answer_due=span("2025-04-22"),
        complain_by=span("2025-07-23"), extended_to=d("2025-04-22"), before_due=True),
    Row("an extension to a Sunday: the term ends on the Monday after",
        Case(d("2025-04-01"), extended_to=d("2025-05-18")), counted_from=span("2025-04-01"),
        due=span("2025-04-22"), latest=span("2025-06-02"), answer_due=span("2025-05-19"),
        complain_by=span("2025-08-20"), extended_to=d("2025-05-19")),
    Row("Kurban Ait 2027, estimated on Sunday 16 May: it may fall on Monday, so the late reading loses that day",
        Case(d("2027-04-26")), counted_from=span("2027-04-26"), due=span("2027-05-20", "2027-05-21"),
        latest=span("2027-06-28"), answer_due=span("2027-05-20", "2027-05-21"),
        complain_by=span("2027-08-23"), doubts=(Doubt(ESTIMATED, d("2027-05-16"), 2027),)),
    Row("into unreviewed 2027: Friday 8 January, between Christmas and the weekend, may be made a day off",
        Case(d("2026-12-21")), counted_from=span("2026-12-21"), due=span("2027-01-14", "2027-01-15"),
        latest=span("2027-02-22"), answer_due=span("2027-01-14", "2027-01-15"),
        complain_by=span("2027-04-15", "2027-04-16"), doubts=(Doubt(UNREVIEWED, d("2027-01-08"), 2027),)),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.what for row in ROWS])
def test_the_card_counts_as_the_convention_says(row: Row):
    card = card_for(row.case, CALENDAR, Terms())
    assert (card.counted_from, card.due, card.latest, card.answer_due, card.complain_by) == (
        row.counted_from, row.due, row.latest, row.answer_due, row.complain_by)
    assert card.doubts == row.doubts
    assert (card.extended_to, card.beyond_cap, card.before_due) == (row.extended_to, row.beyond_cap, row.before_due)
    assert card.redirected == (row.case.redirected_on is not None)


def test_an_editors_day_off_makes_an_estimated_holiday_sure():
    calendar = make_calendar(2026, {2026: YearRule(days_off=frozenset({d("2026-05-27")}))})
    card = card_for(Case(d("2026-05-15")), calendar, Terms())
    assert (card.due, card.complain_by, card.doubts) == (span("2026-06-08"), span("2026-09-09"), ())


def test_an_editors_working_day_is_sure_in_both_readings():
    # A decree for 2027 making Friday 8 January a day off in exchange for Saturday 16 January, with the year
    # still marked unreviewed: the editor's days are sure even so.
    rule = YearRule(days_off=frozenset({d("2027-01-08")}), working_days=frozenset({d("2027-01-16")}))
    calendar = make_calendar(2026, {2027: rule})
    assert [calendar.is_working(d("2027-01-08"), late) for late in (False, True)] == [False, False]
    assert [calendar.is_working(d("2027-01-16"), late) for late in (False, True)] == [True, True]
    card = card_for(Case(d("2026-12-21")), calendar, Terms())
    assert (card.due, card.doubts) == (span("2027-01-15"), ())


def test_the_terms_come_from_content():
    # One month from 10 February 2025 ends on Monday 10 March, the day off for Women's Day: on the 11th.
    card = card_for(Case(d("2025-02-10")), CALENDAR, Terms(answer_working_days=5, extension_months=1,
                                                            complaint_months=1))
    assert (card.due, card.latest, card.complain_by) == (span("2025-02-17"), span("2025-03-11"),
                                                         span("2025-03-18"))


def test_a_calendar_no_editor_reviewed_doubts_every_likely_transfer_day():
    calendar = make_calendar(None, {})
    assert calendar.doubts(d("2025-05-01"), d("2025-05-31")) == (Doubt(UNREVIEWED, d("2025-05-02"), 2025),)
    # Thursday 8 May 2025 between two holidays: a day off in the late reading only.
    assert [calendar.is_working(d("2025-05-08"), late) for late in (False, True)] == [True, False]
    assert CALENDAR.doubts(d("2025-05-01"), d("2025-05-31")) == ()


def test_the_next_letters_open_by_the_answers_range():
    card = card_for(Case(d("2026-05-15")), CALENDAR, Terms())  # answer due 5–8 June
    assert (card.reminder_opens, card.complaint_opens) == (d("2026-06-05"), d("2026-06-09"))
    assert card.dates() == (("answer_due", d("2026-06-08")), ("latest", d("2026-07-15")),
                            ("complain_by", d("2026-09-07")))


def test_the_library_list_names_estimated_dates_and_weekend_working_days():
    listed = dict(CALENDAR.library_holidays(2026))
    assert listed[d("2026-05-27")] == "Eid al-Adha (estimated)"
    assert d("2026-08-30") not in listed  # no Constitution Day in 2026: 15 March from 2027
    assert d("2027-03-15") in dict(CALENDAR.library_holidays(2027))
    assert dict(CALENDAR.library_holidays(2025))[d("2025-01-05")].startswith("Working day")


def test_the_deadlines_import_nothing_of_the_project_but_its_texts():
    for path in sorted((REPO_ROOT / "campaign" / "deadlines").glob("*.py")):
        project = {name for name in imports_of(path) if name.startswith("campaign")
                   and not name.startswith(("campaign.deadlines", "campaign.texts"))}
        assert project == set(), f"{path.name} imports {project}"
