"""A letter's texts in one language, as a campaign's letter files write them: the parts, each a list of
interchangeable wordings with their conditions (`when:`), the subject, the addressee, the heading of the visitor's
own words. The appeal's letters (complaint.py) and those that follow it up (follow_up.py) are read alike; a
follow-up letter has no arguments, and its texts may name the appeal's case (`{registered_on}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..wizard.letter import PLACEHOLDER_RE
from ..wizard.model import ENDING, OPENING, Wording, Wordings
from ..wizard.schema import ROUTES, SENDERS
from .errors import ContentError, warn
from .yamlfile import Mapping, Reader, Sequence, read_yaml

LETTER_KEYS = ("language", "addressee", "subject", "sender_prefix", "personal_heading", "arguments", *OPENING,
               *ENDING)
WHEN_KEYS = ("arguments", "sender", "route")
GIVEN = "given"  # a follow-up letter's condition: the case's optional fields its text names


@dataclass(frozen=True)
class When:
    """A wording's conditions, as `when:` gives them."""

    arguments: frozenset[str] = frozenset()
    sender: str | None = None
    route: str | None = None
    given: frozenset[str] = frozenset()


def read_given(check: Reader, when: Mapping, key: str, optional: tuple[str, ...]) -> frozenset[str]:
    """`given: [extended_to, …]`: the case's optional fields a follow-up wording names (it is for letters
    where they are answered)."""
    named = when[GIVEN] if isinstance(when[GIVEN], list) else [when[GIVEN]]
    for name in named:
        if name not in optional:
            raise check.fail(f"{key!r}: `when: {{given: {name}}}`: {name!r} is not a field a letter may lack "
                             f"({', '.join(optional) or 'none'})", when, GIVEN)
    return frozenset(named)


def read_when(check: Reader, item: Mapping, key: str, arguments: tuple[str, ...],
              routes: tuple[str, ...], optional: tuple[str, ...] | None = None) -> When:
    """A wording's conditions: `when: law` and `when: [law, crpd]` name arguments; `when: {arguments: …,
    sender: …, route: …}` any of the three, and a follow-up letter's `given: […]` (`optional`: the fields it
    may name; None: an appeal's letter, which has none). A route the campaign does not offer is a mistake; a
    sender it does not accept is not (its wordings wait for settings.yml to accept it again)."""
    when = item.get("when")
    if not isinstance(when, Mapping):
        names = when if isinstance(when, list) else [when]
        for name in names:
            if name not in arguments:
                raise check.fail(f"{key!r}: `when: {name}` names no argument of arguments.yml "
                                 f"({', '.join(arguments)})", item, "when")
        return When(frozenset(names))
    known = (*WHEN_KEYS, GIVEN) if optional is not None else WHEN_KEYS
    unknown = [k for k in when if k not in known]
    if unknown:
        raise check.fail(f"{key!r}: `when` has no condition {unknown[0]!r} (known: {', '.join(known)})",
                         when, unknown[0])
    if not when:
        raise check.fail(f"{key!r}: `when` names no condition ({', '.join(known)})", item, "when")
    named = when.get("arguments", [])
    names = named if isinstance(named, list) else [named]
    for name in names:
        if name not in arguments:
            raise check.fail(f"{key!r}: `when: {{arguments: {name}}}` names no argument of arguments.yml "
                             f"({', '.join(arguments)})", when, "arguments")
    sender, route = when.get("sender"), when.get("route")
    if "sender" in when and sender not in SENDERS:
        identifying = ROUTES.get(sender)
        hint = (f"; {sender} is a route, whose senders are people: `route: {sender}`"
                if identifying is not None and identifying.identifies_sender else "")
        raise check.fail(f"{key!r}: `when: {{sender: {sender}}}`: {sender!r} is not a kind of sender "
                         f"({', '.join(SENDERS)}{hint})", when, "sender")
    if "route" in when and route not in ROUTES:
        raise check.fail(f"{key!r}: `when: {{route: {route}}}`: {route!r} is not a route ({', '.join(ROUTES)})",
                         when, "route")
    if "route" in when and route not in routes:
        # Like the text of a route not offered: the site serves without it, and it waits for settings.yml.
        warn(check.fail(f"{key!r}: `when: {{route: {route}}}` never holds: settings.yml does not offer the "
                        f"route {route!r} ({', '.join(routes)}): delete the wording, or add {route} to `routes`",
                        when, "route"))
    # An eOtinish appeal comes from a person: `route: eotinish` is how a wording speaks to eOtinish senders.
    if route in ROUTES and ROUTES[route].identifies_sender and sender not in (None, "person"):
        raise check.fail(f"{key!r}: `when` never holds: eOtinish appeals come from people, not from "
                         f"{sender!r}", when, "sender")
    given = read_given(check, when, key, optional) if optional is not None and GIVEN in when else frozenset()
    return When(frozenset(names), sender, route, given)


class Placeholders:
    """The placeholders a follow-up letter's texts may use (`{registered_on}`), each with whether every letter
    fills it: one that a letter may lack belongs only in a wording `given:` it."""

    def __init__(self, check: Reader, names: Mapping[str, bool]) -> None:
        self.check = check
        self.names = names
        self.optional = tuple(name for name, always in names.items() if not always)

    def check_text(self, text: str, given: frozenset[str], container: Any, key: Any, what: str) -> None:
        for name in PLACEHOLDER_RE.findall(text):
            if name not in self.names:
                raise self.check.fail(f"{what}: {{{name}}} is not a placeholder a letter can fill (known: "
                                      f"{', '.join(f'{{{n}}}' for n in self.names)})", container, key)
            if name in self.optional and name not in given:
                raise self.check.fail(f"{what}: {{{name}}} names a field a letter may lack: give this wording "
                                      f"`when: {{given: [{name}]}}`, or leave the placeholder out", container, key)


def load_wordings(path: Path, language: str, arguments: tuple[str, ...], routes: tuple[str, ...]) -> Wordings:
    """A letter file of the appeal, `<language>.yml`."""
    data = read_yaml(path)
    check = Reader(path)
    if not isinstance(data, Mapping):
        raise ContentError("expected a mapping", path=str(path))
    return read_wordings(data, check, language, arguments, routes)


def read_wordings(data: Mapping, check: Reader, language: str, arguments: tuple[str, ...], routes: tuple[str, ...],
                  placeholders: Placeholders | None = None, keys: tuple[str, ...] = LETTER_KEYS) -> Wordings:
    """A letter's texts in one language. With `placeholders`, a follow-up letter's: no arguments, and texts
    that may name the case's facts (`keys`: the keys its file may have)."""
    unknown = [key for key in data if key not in keys]
    if unknown:
        raise check.fail(f"unknown key {unknown[0]!r} (known: {', '.join(keys)})", data, unknown[0])
    optional = placeholders.optional if placeholders else None

    def part(container: Mapping, key: str, least: int = 2) -> tuple[Wording, ...]:
        node = check.mapping(container, key, what=repr(key))
        items = node.get("wordings")
        if not isinstance(items, Sequence) or len(items) < least:
            texts = "at least two texts" if least > 1 else "texts"
            raise check.fail(f"{key!r} needs a list `wordings` of {texts}", node, "wordings")
        wordings = []
        for index, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                if placeholders:
                    placeholders.check_text(item, frozenset(), items, index, repr(key))
                wordings.append(Wording(item.strip()))
                continue
            if not isinstance(item, Mapping):
                raise check.fail(f"{key!r}: a wording is a text, or `text:` with `when:`", items, index)
            if "text" not in item and "when" not in item:
                # `- Срок ответа: по закону.` is read as a mapping {Срок ответа: по закону.}, not as a text.
                raise check.fail(f"{key!r}: this wording reads as `{next(iter(item))}: …`, a key and its value: a "
                                 "text containing ': ' must be in quotes", items, index)
            stray = [name for name in item if name not in ("text", "when")]
            if stray:
                raise check.fail(f"{key!r}: a wording has `text:` and `when:` only, not {stray[0]!r}", item,
                                 stray[0])
            when = read_when(check, item, key, arguments, routes, optional)
            text = check.text(item, "text")
            if placeholders:
                placeholders.check_text(text, when.given, item, "text", repr(key))
            wordings.append(Wording(text, when.arguments, when.sender, when.route, when.given))
        if all(w.conditional for w in wordings):
            raise check.fail(f"{key!r} needs at least one wording without `when`, for letters its conditions do "
                             "not meet", node, "wordings")
        return tuple(wordings)

    def heading() -> tuple[Wording, ...]:
        """`personal_heading`: one text for every letter, or `wordings` like a part's (one will do)."""
        if isinstance(data.get("personal_heading"), Mapping):
            return part(data, "personal_heading", least=1)
        text = check.text(data, "personal_heading", required=False)
        if placeholders:
            placeholders.check_text(text, frozenset(), data, "personal_heading", "'personal_heading'")
        return (Wording(text),) if text else ()

    parts = {key: part(data, key) for key in (*OPENING, *ENDING)}
    if placeholders is None:
        argument_node = check.mapping(data, "arguments", what="'arguments'")
        missing = [a for a in arguments if a not in argument_node]
        if missing:
            raise check.fail(f"arguments lack wordings for: {', '.join(missing)}", data, "arguments")
        extra = [a for a in argument_node if a not in arguments]
        if extra:
            raise check.fail(f"arguments: {extra[0]!r} is not in arguments.yml", argument_node, extra[0])
        parts.update({f"argument:{a}": part(argument_node, a) for a in arguments})
    subject, addressee = check.text(data, "subject"), check.text(data, "addressee")
    if placeholders:
        placeholders.check_text(subject, frozenset(), data, "subject", "'subject'")
        if PLACEHOLDER_RE.search(addressee):
            raise check.fail("'addressee' is written as it is, with no placeholder", data, "addressee")
    return Wordings(
        language=language,
        addressee=tuple(line.strip() for line in addressee.splitlines() if line.strip()),
        subject=subject,
        sender_prefix=check.text(data, "sender_prefix", required=False),
        parts=MappingProxyType(parts),
        personal_heading=heading(),
    )


