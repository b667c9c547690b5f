"""The letters that follow an appeal up, from `complaint/follow-up/`: which ones the campaign offers, the terms and
the calendar their dates are counted by, and every sentence of each.

- `settings.yml`: `letters` (the kinds offered, in order: reminder, inaction, unsatisfactory) and `terms`;
- `calendar.yml`: the days off and working days an editor checked (calendar.py);
- `<kind>.<language>.yml`: a letter of that kind in each letter language, written like the appeal's
  `<language>.yml` but without arguments, with `source` and `verified_on` (where and when its addressee was
  checked), and texts that may name the appeal's case: `{registered_on}`, `{registration_number}`, `{due}`…

A campaign without the folder, or one no longer open for filing (its folder is then not read), offers no
follow-up. Every mistake names its file
and line; an addressee checked more than a year ago is a warning (the site serves it meanwhile).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from ..deadlines.calendar import make_calendar
from ..wizard.letter import placeholders_of
from ..wizard.model import OPENING, FollowUp, Wordings
from ..wizard.schema import FIELDS, FOLLOW_UPS, LETTER_KINDS
from .calendar import load_calendar, read_terms
from .errors import ContentError, warn
from .letter_texts import LETTER_KEYS, Placeholders, read_wordings
from .yamlfile import Mapping, Reader, read_yaml

FOLDER = "follow-up"
SETTINGS_KEYS = ("letters", "terms")
OWN_FILES = ("settings.yml", "calendar.yml")
LETTER_FILE_KEYS = (*(key for key in LETTER_KEYS if key != "arguments"), "source", "verified_on")
OFFERED_KINDS = tuple(kind for kind in LETTER_KINDS if kind in FOLLOW_UPS)  # in the schema's order
# What names the appeal a letter follows up: each is in its subject, or in every wording of its intro.
IDENTIFYING = tuple(f.name for f in FIELDS if f.in_text and f.on_card and f.required)
INTRO = OPENING[-1]


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def check_names_the_appeal(wordings: Wordings, check: Reader, data: Mapping) -> None:
    """A follow-up letter must say which appeal it follows: its number and the day it was registered."""
    for name in IDENTIFYING:
        mark = f"{{{name}}}"
        if mark not in wordings.subject and not all(mark in w.text for w in wordings.parts[INTRO]):
            raise check.fail(f"the letter must name the appeal it follows: put {mark} in the subject or in every "
                             f"wording of {INTRO!r}", data, INTRO)


def load_letter(path: Path, kind: str, language: str, routes: tuple[str, ...], today: dt.date) -> Wordings:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping", path=str(path))
    wordings = read_wordings(data, check, language, (), routes, Placeholders(check, placeholders_of(kind)),
                             keys=LETTER_FILE_KEYS)
    check_names_the_appeal(wordings, check, data)
    source = check.text(data, "source")
    if not source.startswith(("https://", "http://")):
        raise check.fail(f"source {source!r} must be the address (https://…) of the page where the addressee was "
                         "checked", data, "source")
    verified_on = data.get("verified_on")
    if not isinstance(verified_on, dt.date) or isinstance(verified_on, dt.datetime):
        raise check.fail("needs `verified_on`, the date the addressee was last checked at its source, as "
                         "YYYY-MM-DD", data, "verified_on")
    if verified_on > today:
        # A year mistyped (2062 for 2026) would keep the warning below from ever coming.
        warn(check.fail(f"`verified_on` is {verified_on.isoformat()}, a day still to come: give the day the "
                        "addressee was checked", data, "verified_on"))
    elif verified_on < year_before(today):
        warn(check.fail(f"the addressee was last checked on {verified_on.isoformat()}, more than a year ago: check "
                        f"it at {source} and set `verified_on` to that day", data, "verified_on"))
    return replace(wordings, source=source, verified_on=verified_on)


def warn_unread(folder: Path, read: set[str]) -> None:
    """A file of the folder that no offered letter reads (a kind not offered, a language not written)."""
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(".") and path.name not in read:
            warn(ContentError("no offered letter reads this file (settings.yml `letters` and the letter languages "
                              "say which are read: <kind>.<language>.yml): delete it, or offer its letter",
                              path=str(path)))


def load_follow_up(complaint: Path, languages: tuple[str, ...], routes: tuple[str, ...], today: dt.date,
                   open_for_filing: bool) -> FollowUp | None:
    """The follow-up letters of `complaint/follow-up/`, or None when the campaign offers none."""
    folder = complaint / FOLDER
    # A campaign that closes keeps its folder without a warning: closing is its normal course, not a mistake.
    if not folder.is_dir() or not open_for_filing:
        return None
    path = folder / "settings.yml"
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping of settings", path=str(path))
    unknown = [key for key in data if key not in SETTINGS_KEYS]
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r} (known: {', '.join(SETTINGS_KEYS)})", data, unknown[0])
    kinds = check.names(data, "letters", OFFERED_KINDS)
    terms = read_terms(check, data.get("terms"))
    calendar_file = folder / "calendar.yml"
    # Without the file, the library's holidays alone, and no year reviewed: the card shows every doubt as a range.
    calendar = load_calendar(calendar_file) if calendar_file.is_file() else make_calendar(None, {})
    letters = {kind: MappingProxyType({
        language: load_letter(folder / f"{kind}.{language}.yml", kind, language, routes, today)
        for language in languages}) for kind in kinds}
    warn_unread(folder, {*OWN_FILES, *(f"{kind}.{language}.yml" for kind in kinds for language in languages)})
    return FollowUp(kinds, MappingProxyType(letters), calendar, terms)
