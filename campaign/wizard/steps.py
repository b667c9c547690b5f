"""The wizard's path and the rules for each step's answers, derived from the schema and the campaign's offer.

A question step is on the path when it asks at least one field; a field is asked when the sender kind is one
it applies to (or not known yet) and, for a choice, when the campaign offers more than one option (a single
option is the answer). Plain functions, no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .answers import Answers
from .model import Offer
from .schema import FIELDS, STEP_NAMES, Field

QUESTION_STEPS = tuple(dict.fromkeys(f.step for f in FIELDS))
FIELDS_OF = {step: tuple(f for f in FIELDS if f.step == step) for step in STEP_NAMES}  # in the schema's order


@dataclass(frozen=True)
class FieldError:
    field: Field
    code: str  # required | too_long | invalid

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
    if switched_off(f, offer):
        return False
    kind = answers.sender_kind
    if kind is not None and kind not in f.senders:
        return False
    return not f.kind.is_choice or len(options(f, offer)) > 1


class Progress:
    """One visitor's answers against the campaign's offer: the path, and each step's fields, worked out once."""

    def __init__(self, answers: Answers, offer: Offer) -> None:
        self.answers = answers
        self.offer = offer
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
        return [error for f in self.asked(step)
                if (error := field_error(self.offer.worded(f), self.answers, self.offer))]

    def carried_answers_valid(self, up_to: str) -> bool:
        """Whether `up_to` is on this visitor's path and every question before it is answered validly (hidden
        fields missing or tampered with are not)."""
        if up_to not in self.path:
            return False
        before = self.path[: self.path.index(up_to)]
        return all(not self.validate(step) for step in before if step in QUESTION_STEPS)


def implied(answers: Answers, offer: Offer) -> Answers:
    """Answers with every choice that has a single option filled in, nothing stray from another route, and no
    answer to a question the campaign switched off.

    A changed route or sender must leave no field of the other kind in the letter, so fields the sender kind
    is not asked are emptied; lists are put in the order the campaign offers them (unknown values last, for
    validation to reject).
    """
    changes = {}
    for f in FIELDS:
        if switched_off(f, offer):
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


def field_error(f: Field, answers: Answers, offer: Offer) -> FieldError | None:
    value = answers[f.name]
    if not value:
        return FieldError(f, "required") if f.required else None
    if f.kind.is_choice:
        offered = options(f, offer)
        chosen = value if isinstance(value, tuple) else (value,)
        return None if all(v in offered for v in chosen) else FieldError(f, "required")
    if f.limit is not None and len(value) > f.limit:
        return FieldError(f, "too_long")
    if f.kind.check is not None and not f.kind.check(value):
        return FieldError(f, "invalid")
    return None
