"""What of the engine's own interface a campaign switches off or words itself (campaign.yml): the quick exit,
the shared-device question, and the open campaign's deadline sentence.

The quick exit and the shared-device question protect visitors who may be watched; they are on unless a
campaign whose visitors are not at risk turns them off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .yamlfile import Reader

DATE = "{date}"  # where the deadline goes in `deadline_line`
SWITCHES = ("quick_exit", "shared_device_question")


@dataclass(frozen=True)
class Interface:
    quick_exit: bool
    shared_device_question: bool
    deadline_line: Mapping[str, str]  # per locale, with {date}; empty: the engine's sentence


def load_interface(data: Mapping, check: Reader, locales: tuple[str, ...]) -> Interface:
    switches = {}
    for key in SWITCHES:
        value = data.get(key, True)
        if not isinstance(value, bool):
            raise check.fail(f"{key} must be true or false, got {value!r}", data, key)
        switches[key] = value
    lines = {}
    if data.get("deadline_line") is not None:
        node = check.mapping(data, "deadline_line")
        check.only_locales(node, "deadline_line", locales)
        for locale in locales:
            if locale not in node:
                raise check.fail(f"deadline_line needs a text for {locale!r}", data, "deadline_line")
            text = check.text(node, locale)
            rest = text.replace(DATE, "", 1)
            if DATE not in text or "{" in rest or "}" in rest:
                problem = "has {date} twice" if DATE in rest else (
                    "has no {date}" if DATE not in text else "has a placeholder other than {date}")
                raise check.fail(f"deadline_line: the {locale!r} text {problem}: write {{date}} once, where the "
                                 "deadline goes (it is the only placeholder)", node, locale)
            lines[locale] = text
    return Interface(switches["quick_exit"], switches["shared_device_question"], MappingProxyType(lines))


def deadline_sentence(template: str, date: str) -> str:
    """`template` with the date in place of {date}. A date that ends in a full stop ("1 марта 2027 г.") takes the
    place of the sentence's own, so no language gets two."""
    before, _, after = template.partition(DATE)
    if date.endswith(".") and after.startswith("."):
        after = after[1:]
    return before + date + after
