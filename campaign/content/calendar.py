"""The working-day calendar and the terms of a campaign's follow-up, from `complaint/follow-up/`.

- `calendar.yml`: `reviewed` (the last year an editor checked against the government's decrees) and `years`,
  per year `days_off` and `working_days` (ISO dates of that year) that override the `holidays` package;
- `settings.yml`'s `terms` mapping (read here for the follow-up loader): the terms of the law, each optional.

Every mistake names its file and line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..deadlines.calendar import FIRST_YEAR, LAST_YEAR, Calendar, YearRule, make_calendar
from ..deadlines.card import Case, Terms, card_for
from .errors import ContentError, warn
from .yamlfile import Mapping, Reader, Sequence, read_yaml

CALENDAR_FILE = "calendar.yml"
SETTINGS_FILE = "settings.yml"
CALENDAR_KEYS = ("reviewed", "years")
YEAR_KEYS = ("days_off", "working_days")
# What a term may sensibly be: a mistyped 150 working days would silently push every date months away.
TERM_LIMITS = {"answer_working_days": (1, 60), "extension_months": (1, 12), "complaint_months": (1, 36)}


def load_calendar(path: Path) -> Calendar:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError(f"expected a mapping with {' and '.join(CALENDAR_KEYS)}", path=str(path))
    _only(check, data, CALENDAR_KEYS, "calendar.yml")
    reviewed = None if data.get("reviewed") is None else _year(check, data, "reviewed")
    years = data.get("years") or Mapping()
    if not isinstance(years, Mapping):
        raise check.fail("'years' must be a mapping of years, each with days_off and working_days", data, "years")
    rules = {}
    for year in years:
        if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
            raise check.fail(f"{year!r} is not a year (a number such as 2026)", years, year)
        rule = years[year] or Mapping()
        if not isinstance(rule, Mapping):
            raise check.fail(f"{year}: expected days_off and working_days under it", years, year)
        _only(check, rule, YEAR_KEYS, str(year))
        days_off, working = (_dates(check, rule, key, year) for key in YEAR_KEYS)
        both = sorted(days_off & working)
        if both:
            raise check.fail(f"{year}: {both[0].isoformat()} is both a day off and a working day", rule, "working_days")
        rules[year] = YearRule(days_off, working)
    return make_calendar(reviewed, rules)


def read_terms(check: Reader, node: Any) -> Terms:
    """The `terms` mapping of follow-up/settings.yml (None: the defaults, the law's terms)."""
    if node is None:
        return Terms()
    if not isinstance(node, Mapping):
        raise check.fail(f"'terms' must be a mapping of {', '.join(TERM_LIMITS)}", node)
    _only(check, node, tuple(TERM_LIMITS), "'terms'")
    values = {}
    for key, (low, high) in TERM_LIMITS.items():
        if key not in node:
            continue
        value = node[key]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise check.fail(f"'terms': {key} must be a whole number from {low} to {high}, not {value!r}", node, key)
        values[key] = value
    return Terms(**values)


def follow_up_folder(content_dir: Path) -> Path:
    return content_dir / "complaint" / "follow-up"


def warn_unreviewed(content_dir: Path, today: dt.date) -> None:
    """Warn about each year a card started today may reach that no editor has reviewed. "Coming" is measured by
    the farthest date such a card names: its answer extended to the cap, then the time to complain. A card
    started earlier reaches less far. Asked by `content check`, not at start-up: a server runs past new years."""
    path = follow_up_folder(content_dir) / CALENDAR_FILE
    if not path.is_file():
        return
    calendar = load_calendar(path)
    settings_path = follow_up_folder(content_dir) / SETTINGS_FILE
    settings = read_yaml(settings_path, missing_ok=True)
    terms = read_terms(Reader(settings_path), settings.get("terms")) if isinstance(settings, Mapping) else Terms()
    farthest = card_for(Case(today, extended_to=dt.date.max), calendar, terms).complain_by.late
    years = [year for year in range(today.year, farthest.year + 1) if calendar.unreviewed(year)]
    if years:
        data = read_yaml(path)
        shown = ", ".join(map(str, years))
        reviewed = "no year is reviewed" if calendar.reviewed is None else f"reviewed: {calendar.reviewed}"
        warn(ContentError(
            f"{reviewed}, but an appeal registered today has dates up to {farthest.isoformat()} (extended to the "
            f"cap, then the time to complain), in {shown}: until an editor checks `flask content holidays "
            f"{content_dir} {years[0]}` against the government's decree, sets what differs under `years` and "
            f"`reviewed: {years[-1]}`, the card shows ranges there",
            path=str(path), line=data.lines.get("reviewed", data.line)))


def _only(check: Reader, data: Mapping, known: tuple[str, ...], what: str) -> None:
    for key in data:
        if key not in known:
            raise check.fail(f"{what} has no key {key!r} (known: {', '.join(known)})", data, key)


def _year(check: Reader, data: Mapping, key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or not FIRST_YEAR <= value <= LAST_YEAR:
        raise check.fail(f"{key!r} must be a year (a number such as 2026), not {value!r}", data, key)
    return value


def _dates(check: Reader, rule: Mapping, key: str, year: int) -> frozenset[dt.date]:
    """A list of dates of `year`, each an ISO date (2026-03-09), none twice."""
    items = rule.get(key)
    if items is None:
        return frozenset()
    if not isinstance(items, Sequence):
        raise check.fail(f"{year}: {key} must be a list of dates such as [{year}-03-09]", rule, key)
    found: set[dt.date] = set()
    for index, item in enumerate(items):
        day = item if type(item) is dt.date else _iso(item)
        if day is None:
            raise check.fail(f"{year}: {key}: {item!r} is not a date (write it as {year}-03-09)", items, index)
        if day.year != year:
            raise check.fail(f"{year}: {key}: {day.isoformat()} is not in {year}", items, index)
        if day in found:
            raise check.fail(f"{year}: {key}: {day.isoformat()} is listed twice", items, index)
        found.add(day)
    return frozenset(found)


def _iso(value: Any) -> dt.date | None:
    """A quoted ISO date ('2026-03-09'); YAML reads an unquoted one as a date already."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
    except ValueError:
        return None
