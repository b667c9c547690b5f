"""The campaign as a whole (`content/campaign.yml`): its locales, its name, its lifecycle; and its press list."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError

from .errors import ContentError
from .yamlfile import Reader, read_yaml

LOCALE_RE = re.compile(r"^[a-z]{2,3}$")
SEGMENT_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIZARD_PATH = "petition"  # the wizard's URL segment unless campaign.yml names another
# Paths the site serves itself: a wizard there would hide them.
RESERVED_SEGMENTS = ("static", "media", "addresses", "sitemap.xml", "robots.txt", "healthz")
STATUSES = ("open", "closed")
WIZARD_WHEN_CLOSED = ("record", "off")


@dataclass(frozen=True)
class Locales:
    """The campaign's locales; the first is the default, served at unprefixed URLs."""

    codes: tuple[str, ...]

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def prefixed(self) -> tuple[str, ...]:
        return self.codes[1:]


def load_locales(path: Path) -> Locales:
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, dict):
        raise ContentError("expected a mapping of settings", path=str(path))
    codes = check.names(data, "locales")
    for index, code in enumerate(codes):
        if not LOCALE_RE.match(code):
            raise check.fail(f"locales: {code!r} is not a two- or three-letter language code", data["locales"], index)
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise check.fail(f"locales: {code!r} is no language Babel knows", data["locales"], index) from None
    return Locales(codes)


def load_wizard_path(path: Path, locales: Locales) -> str:
    """The wizard's URL segment (`wizard_path`): read before the routes are made, as the locales are."""
    data = read_yaml(path)
    segment = data.get("wizard_path", WIZARD_PATH)
    if not isinstance(segment, str) or not SEGMENT_RE.match(segment):
        raise Reader(path).fail(f"wizard_path must be one URL segment of lowercase Latin letters, digits and "
                                f"hyphens (like `petition`), got {segment!r}", data, "wizard_path")
    if segment in RESERVED_SEGMENTS or segment in locales.codes:
        raise Reader(path).fail(f"wizard_path {segment!r} is a path the site already uses", data, "wizard_path")
    return segment


@dataclass(frozen=True)
class RecordSettings:
    """How a decided campaign's wizard builds the record: the letter's date (None: left to fill in by hand) and
    the statement the letter page opens with (markdown per locale)."""

    date: dt.date | None
    notice: Mapping[str, str]


@dataclass(frozen=True)
class Lifecycle:
    name: Mapping[str, str]
    status: str
    deadline: dt.date
    outcome: Mapping[str, str]  # markdown, per locale
    outcome_line: Mapping[str, str]  # per locale: the outcome in one line of markdown, or "" for the engine's
    wizard_when_closed: str
    sources: Mapping[str, str]  # per locale: a local link ("/#sources") for the footer, or "" for none
    record: RecordSettings | None  # set when the campaign is decided and the wizard builds the record

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def wizard_enabled(self) -> bool:
        return self.is_open or self.wizard_when_closed == "record"

    def days_left(self, today: dt.date) -> int:
        """Days until the deadline, counting the deadline day itself; 0 once it has passed."""
        return max((self.deadline - today).days + 1, 0)


def load_lifecycle(data: Mapping, check: Reader, locales: Locales) -> Lifecycle:
    status = data.get("status")
    if status not in STATUSES:
        raise check.fail(f"status must be one of {', '.join(STATUSES)}, got {status!r}", data, "status")
    deadline = data.get("deadline")
    if not isinstance(deadline, dt.date):
        raise check.fail(f"deadline must be a date (YYYY-MM-DD), got {deadline!r}", data, "deadline")
    when_closed = data.get("wizard_when_closed", "record")
    if when_closed is False:  # YAML reads a bare `off` as false
        when_closed = "off"
    if when_closed not in WIZARD_WHEN_CLOSED:
        raise check.fail(f"wizard_when_closed must be one of {', '.join(WIZARD_WHEN_CLOSED)}", data,
                         "wizard_when_closed")
    optional = dict.fromkeys(locales.codes, "")
    sources = check.per_locale(data, "sources", locales.codes) if "sources" in data else optional
    # An open campaign has no outcome yet; a closed one must say what happened.
    outcome = check.per_locale(data, "outcome", locales.codes) if status == "closed" or "outcome" in data \
        else optional
    outcome_line = check.per_locale(data, "outcome_line", locales.codes) if "outcome_line" in data else optional
    record = None
    if status == "closed" and when_closed == "record":
        node = check.mapping(data, "record", what="record (needed by wizard_when_closed: record)")
        date = node.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise check.fail(f"record date must be a date (YYYY-MM-DD) or null, got {date!r}", node, "date")
        record = RecordSettings(date, MappingProxyType(check.per_locale(node, "notice", locales.codes)))
    return Lifecycle(
        name=MappingProxyType(check.per_locale(data, "name", locales.codes)),
        status=status,
        deadline=deadline,
        outcome=MappingProxyType(outcome),
        outcome_line=MappingProxyType(outcome_line),
        wizard_when_closed=when_closed,
        sources=MappingProxyType(sources),
        record=record,
    )


@dataclass(frozen=True)
class PressItem:
    outlet: str
    title: str
    date: dt.date | None
    url: str
    language: str


def load_press(path: Path) -> tuple[PressItem, ...]:
    """Press items, newest first; items without a confirmed date come last."""
    data = read_yaml(path, missing_ok=True) or {}
    check = Reader(path)
    if not isinstance(data, dict):
        raise ContentError("expected `items:`, a list of press items", path=str(path))
    if not isinstance(data.get("items") or [], list):
        raise check.fail("`items:` must be a list of press items", data, "items")
    items = []
    raw_items = data.get("items") or []
    for index, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            raise check.fail(f"item {index + 1} is not a mapping", raw_items, index)
        fields = {key: check.text(raw, key) for key in ("outlet", "title", "url", "language")}
        if not fields["url"].startswith("https://"):
            raise check.fail("url must start with https://", raw, "url")
        date = raw.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise check.fail("date must be YYYY-MM-DD", raw, "date")
        items.append(PressItem(fields["outlet"], fields["title"], date, fields["url"], fields["language"]))
    items.sort(key=lambda item: (item.date is not None, item.date or dt.date.min), reverse=True)
    return tuple(items)
