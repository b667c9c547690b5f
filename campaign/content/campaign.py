"""The campaign's lifecycle (`content/campaign.yml`) and its press list (`content/press.yml`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .errors import ContentError

STATUSES = ("open", "closed")
WIZARD_WHEN_CLOSED = ("record", "off")


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError("file is missing", path=str(path)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise ContentError(f"not valid YAML: {error.problem}", path=str(path),
                           line=mark.line + 1 if mark else None) from None


def _per_locale(raw: Any, what: str, locales: tuple[str, ...], default_locale: str, path: Path) -> Mapping[str, str]:
    if not isinstance(raw, dict) or default_locale not in raw:
        raise ContentError(f"{what!r} needs a text for at least {default_locale!r}", path=str(path))
    return MappingProxyType({loc: str(raw.get(loc) or raw[default_locale]).strip() for loc in locales})


@dataclass(frozen=True)
class Lifecycle:
    name: Mapping[str, str]
    status: str
    deadline: dt.date
    outcome: Mapping[str, str]  # markdown, per locale
    wizard_when_closed: str
    complaint_email: str
    sources: Mapping[str, str]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def wizard_enabled(self) -> bool:
        return self.is_open or self.wizard_when_closed == "record"

    def days_left(self, today: dt.date) -> int:
        """Days until the deadline, counting the deadline day itself; 0 once it has passed."""
        return max((self.deadline - today).days + 1, 0)


def load_lifecycle(path: Path, locales: tuple[str, ...], default_locale: str) -> Lifecycle:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError("expected a mapping of settings", path=str(path))
    status = data.get("status")
    if status not in STATUSES:
        raise ContentError(f"status must be one of {', '.join(STATUSES)}, got {status!r}", path=str(path))
    deadline = data.get("deadline")
    if not isinstance(deadline, dt.date):
        raise ContentError(f"deadline must be a date (YYYY-MM-DD), got {deadline!r}", path=str(path))
    when_closed = data.get("wizard_when_closed", "record")
    if when_closed is False:  # YAML reads a bare `off` as false
        when_closed = "off"
    if when_closed not in WIZARD_WHEN_CLOSED:
        raise ContentError(f"wizard_when_closed must be one of {', '.join(WIZARD_WHEN_CLOSED)}", path=str(path))
    email = str(data.get("complaint_email") or "").strip()
    if email and ("@" not in email or any(c in email for c in " <>\"'\n?&")):
        raise ContentError(f"complaint_email {email!r} is not an email address", path=str(path))
    return Lifecycle(
        name=_per_locale(data.get("name"), "name", locales, default_locale, path),
        status=status,
        deadline=deadline,
        outcome=_per_locale(data.get("outcome"), "outcome", locales, default_locale, path),
        wizard_when_closed=when_closed,
        complaint_email=email,
        sources=_per_locale(data.get("sources") or {default_locale: "/"}, "sources", locales, default_locale,
                            path),
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
    if not path.exists():
        return ()
    data = read_yaml(path) or {}
    items = []
    for number, raw in enumerate(data.get("items") or [], start=1):
        if not isinstance(raw, dict):
            raise ContentError(f"item {number} is not a mapping", path=str(path))
        missing = [k for k in ("outlet", "title", "url", "language") if not raw.get(k)]
        if missing:
            raise ContentError(f"item {number} lacks {', '.join(missing)}", path=str(path))
        url = str(raw["url"])
        if not url.startswith("https://"):
            raise ContentError(f"item {number}: url must start with https://", path=str(path))
        date = raw.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise ContentError(f"item {number}: date must be YYYY-MM-DD", path=str(path))
        items.append(PressItem(str(raw["outlet"]), str(raw["title"]), date, url, str(raw["language"])))
    items.sort(key=lambda item: (item.date is not None, item.date or dt.date.min), reverse=True)
    return tuple(items)
