"""What a campaign offers in its wizard, as plain objects: `content/` builds them, the wizard only reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from markupsafe import Markup

from ..deadlines.calendar import Calendar
from ..deadlines.card import Terms
from .schema import APPEAL, Choices, Field, Step

Worded = TypeVar("Worded", Field, Step)

# The letter's varied parts besides the arguments, in the order they appear.
OPENING = ("greeting", "intro")
ENDING = ("demand", "closing")


@dataclass(frozen=True)
class Situation:
    """What a letter's wordings depend on: the arguments it makes, who sends it and by which route, and which
    facts of the appeal's case a follow-up letter can name."""

    arguments: frozenset[str]
    sender: str  # person or organisation (an eOtinish appeal comes from a person)
    route: str
    given: frozenset[str] = frozenset()  # the case's optional fields answered (extended_to, redirected_on…)


@dataclass(frozen=True)
class Wording:
    """One interchangeable text of a part of the letter and its conditions (`when:` in content): the arguments
    it needs chosen, the one sender and the one route it is written for (None: any), and the case's fields it
    names that a letter may lack (`given:`, a follow-up letter's)."""

    text: str
    arguments: frozenset[str] = frozenset()
    sender: str | None = None
    route: str | None = None
    given: frozenset[str] = frozenset()

    @property
    def conditional(self) -> bool:
        return bool(self.arguments or self.given) or self.sender is not None or self.route is not None

    @property
    def rank(self) -> int:
        """How many of the sender and the route it names: a wording of higher rank replaces those of lower rank
        (an organisation's "просим" replaces "прошу"); arguments only admit a wording among those of its rank."""
        return (self.sender is not None) + (self.route is not None)

    def holds(self, situation: Situation) -> bool:
        return (self.arguments <= situation.arguments and self.given <= situation.given
                and self.sender in (None, situation.sender) and self.route in (None, situation.route))


@dataclass(frozen=True)
class Wordings:
    """Every sentence of the letter in one language."""

    language: str
    addressee: tuple[str, ...]  # lines, as in the letter's top-right block
    subject: str
    sender_prefix: str  # before the sender's name: "Заявитель:"
    parts: Mapping[str, tuple[Wording, ...]]  # greeting, intro, demand, closing, and "argument:<key>"
    personal_heading: tuple[Wording, ...]  # above the visitor's own words (none: no heading)
    source: str = ""  # a follow-up letter's: where its addressee was checked
    verified_on: dt.date | None = None  # and when


@dataclass(frozen=True)
class FollowUp:
    """The letters a campaign offers after the appeal, and what their dates are counted by."""

    kinds: tuple[str, ...]  # schema.LETTER_KINDS names, in the order content offers them
    letters: Mapping[str, Mapping[str, Wordings]]  # kind -> letter language -> wordings
    calendar: Calendar
    terms: Terms


@dataclass(frozen=True)
class RouteText:
    """A route as the campaign explains it in one locale: the answer's label and hint (while the wizard builds a
    decided campaign's record, its record wording where the content gives one), then the instructions."""

    label: str
    hint: str
    instructions: Markup
    language: str  # the locale it is written in (another one when not translated yet)


@dataclass(frozen=True)
class RecordText:
    """How a route was used while a decided campaign ran, in one locale: shown with the record's letter in place of
    the route's instructions, which speak of filing now."""

    instructions: Markup  # with its own heading, in the past tense
    language: str  # the locale it is written in (another one when not translated yet)


@dataclass(frozen=True)
class Record:
    """A decided campaign's wizard builds its letter as it stood: the date and what the letter page says."""

    date: dt.date | None  # the letter's date, or None to leave the date line for the sender to fill in
    notice: Mapping[str, Markup]  # per locale: when and how the matter was decided, and what sending does now


@dataclass(frozen=True)
class Offer:
    """The choices a campaign's wizard offers and the texts it builds the letter from."""

    routes: tuple[str, ...]
    senders: tuple[str, ...]
    letter_languages: tuple[str, ...]
    arguments: tuple[str, ...]  # keys, in the letter's order
    argument_labels: Mapping[str, Mapping[str, str]]  # argument -> site locale -> label
    route_texts: Mapping[str, Mapping[str, RouteText]]  # route -> site locale -> text
    # route -> site locale -> its record text: only while the wizard builds the record, only routes that have one
    record_texts: Mapping[str, Mapping[str, RecordText]]
    letters: Mapping[str, Wordings]  # letter language -> wordings
    email: str  # where the email route sends the appeal ("" when it is not offered)
    record: Record | None = None  # set when the campaign is decided and its wizard builds the record
    shared_device_question: bool = True  # whether the first step asks if someone else may use the device
    follow_up: FollowUp | None = None  # None: no follow-up letters (none in content, or not open for filing)

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """The letters its wizard builds: the appeal, then the follow-up letters it offers."""
        return (APPEAL, *(self.follow_up.kinds if self.follow_up else ()))

    def wordings(self, kind: str, language: str) -> Wordings:
        """The texts of a letter of this kind in this language."""
        if kind == APPEAL:
            return self.letters[language]
        return (self.follow_up.letters if self.follow_up else {})[kind][language]

    @cached_property
    def choices(self) -> Mapping[Choices, tuple[str, ...]]:
        """Each list a choice field can offer."""
        return {Choices.ROUTES: self.routes, Choices.SENDERS: self.senders,
                Choices.LETTER_LANGUAGES: self.letter_languages, Choices.ARGUMENTS: self.arguments}

    def instructions(self, route: str, locale: str) -> RouteText | RecordText | None:
        """What the campaign says of a route beside its letter (the letter page, the kit): how to file it, or for a
        decided campaign's record how it was filed then (its record text, or nothing: never how to file it now)."""
        if self.record:
            return self.record_texts.get(route, {}).get(locale)
        return self.route_texts.get(route, {}).get(locale)

    def worded(self, item: Worded) -> Worded:
        """A field or step as this campaign's wizard words it: a decided campaign's record has its own words where
        the usual ones speak of sending the appeal now."""
        return item.in_record if self.record else item
