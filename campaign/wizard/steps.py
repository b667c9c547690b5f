"""The wizard's path and the rules for each step's answers, derived from the schema and the campaign's offer.

A question step is on the path when it asks at least one field; a field is asked when the letter is of a kind
it applies to, the sender kind is one it applies to (or not known yet) and, for a choice, when the campaign
offers more than one option (a single option is the answer). Plain functions, no Flask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .answers import Answers
from .case import card_of, opens_on
from .model import Offer
from .schema import FIELDS, FIELDS_BY_NAME, LETTER_KINDS, STEP_NAMES, STEPS_BY_NAME, Field, read_date

QUESTION_STEPS = tuple(dict.fromkeys(f.step for f in FIELDS))
FIELDS_OF = {step: tuple(f for f in FIELDS if f.step == step) for step in STEP_NAMES}  # in the schema's order


@dataclass(frozen=True)
class FieldError:
    field: Field
    code: str  # required | too_long | invalid | before | future, or the `offered` rule of a letter not open yet
    day: dt.date | None = None  # the date the message names (%(date)s)

    @property
    def message(self) -> str:
        """The msgid of the message (it may use %(limit)s)."""
        return self.field.errors[self.code]


def options(f: Field, offer: Offer) -> tuple[str, ...]:
    """The values a choice field offers."""
    return offer.choices[f.options] if f.options else ()


def switched_off(f: Field, offer: Offer) -> bool:
    """Whether the campaign never asks this field (its answer is then always empty: "no")."""
    return f.asked_if is not None and not f.asked_if(offer)


def is_asked(f: Field, answers: Answers, offer: Offer) -> bool:
    if switched_off(f, offer) or answers.kind not in f.kinds:
        return False
    kind = answers.sender_kind
    if kind is not None and kind not in f.senders:
        return False
    return not f.kind.is_choice or len(options(f, offer)) > 1


class Progress:
    """One visitor's answers against the campaign's offer: the path, and each step's fields, worked out once."""

    def __init__(self, answers: Answers, offer: Offer, today: dt.date | None = None) -> None:
        self.answers = answers
        self.offer = offer
        self.today = today  # what a date is checked against (None: no check against the day)
        self._asked: dict[str, tuple[Field, ...]] = {}

    def asked(self, step: str) -> tuple[Field, ...]:
        if step not in self._asked:
            self._asked[step] = tuple(f for f in FIELDS_OF[step] if is_asked(f, self.answers, self.offer))
        return self._asked[step]

    @cached_property
    def path(self) -> tuple[str, ...]:
        """The steps this visitor goes through, given what they answered so far (the longest path while
        unknown)."""
        return tuple(s for s in STEP_NAMES if s not in QUESTION_STEPS or self.asked(s))

    def next_step(self, step: str) -> str | None:
        if step not in self.path:
            return None
        index = self.path.index(step) + 1
        return self.path[index] if index < len(self.path) else None

    def previous_step(self, step: str) -> str | None:
        index = self.path.index(step) if step in self.path else 0
        return self.path[index - 1] if index > 0 else None

    def step_number(self, step: str) -> tuple[int, int]:
        """(number, total) of `step` on this visitor's path."""
        return self.path.index(step) + 1, len(self.path)

    def validate(self, step: str) -> list[FieldError]:
        """The errors in the answers to `step`, in the order its fields appear, worded as the campaign words
        its fields."""
        errors = [error for f in self.asked(step)
                  if (error := field_error(self.offer.worded(f), self.answers, self.offer, self.today))]
        opening = STEPS_BY_NAME[step].opens_letters_on
        if opening and not errors and self.today is not None:
            errors += self.not_open_yet(FIELDS_BY_NAME[opening])
        return errors

    def not_open_yet(self, f: Field) -> list[FieldError]:
        """The error of a follow-up letter its case does not open yet on this day (an inaction complaint before
        the term has passed), on the field its term counts from, naming the day it opens."""
        card = card_of(self.answers, self.offer)
        day = opens_on(self.answers.kind, card) if card else None
        if day is None or self.today is None or self.today >= day:
            return []
        return [FieldError(f, LETTER_KINDS[self.answers.kind].offered, day)]

    def carried_answers_valid(self, up_to: str) -> bool:
        """Whether `up_to` is on this visitor's path and every question before it is answered validly (hidden
        fields missing or tampered with are not, nor a letter the campaign does not offer)."""
        if self.answers.kind not in self.offer.kinds or up_to not in self.path:
            return False
        before = self.path[: self.path.index(up_to)]
        return all(not self.validate(step) for step in before if step in QUESTION_STEPS)


def implied(answers: Answers, offer: Offer) -> Answers:
    """Answers with every choice that has a single option filled in, nothing stray from another route, and no
    answer to a question the campaign switched off.

    A changed route or sender must leave no field of the other kind in the letter, so fields the sender kind
    is not asked are emptied, and so are those of another kind of letter (a follow-up letter makes none of the
    appeal's arguments); lists are put in the order the campaign offers them (unknown values last, for
    validation to reject).
    """
    changes = {}
    for f in FIELDS:
        if switched_off(f, offer) or answers.kind not in f.kinds:
            changes[f.name] = () if f.kind.is_list else ""
        elif f.kind.is_choice:
            offered = options(f, offer)
            if len(offered) == 1:
                changes[f.name] = offered if f.kind.is_list else offered[0]
            elif f.kind.is_list:
                value = answers.chosen(f.name)
                changes[f.name] = tuple(v for v in offered if v in value) + tuple(v for v in value
                                                                                if v not in offered)
    answers = answers.with_values(**changes)
    kind = answers.sender_kind
    if kind is None:
        return answers
    stray = {f.name: () if f.kind.is_list else "" for f in FIELDS if kind not in f.senders}
    return answers.with_values(**stray)


def field_error(f: Field, answers: Answers, offer: Offer, today: dt.date | None = None) -> FieldError | None:
    value = answers[f.name]
    if not value:
        required = f.required or (f.required_with is not None and bool(answers[f.required_with]))
        return FieldError(f, "required") if required else None
    if f.kind.is_choice:
        offered = options(f, offer)
        chosen = value if isinstance(value, tuple) else (value,)
        return None if all(v in offered for v in chosen) else FieldError(f, "required")
    if f.limit is not None and len(value) > f.limit:
        return FieldError(f, "too_long")
    if f.kind.check is not None and not f.kind.check(value):
        return FieldError(f, "invalid")
    day = read_date(value) if f.not_before or f.by_today else None
    if day is None:
        return None
    earliest = read_date(answers.text(f.not_before)) if f.not_before else None
    if earliest is not None and day < earliest:
        return FieldError(f, "before")
    if f.by_today and today is not None and day > today:
        return FieldError(f, "future")
    return None
