"""The wizard's step graph and the rules for each step's answers. Plain functions, no Flask.

Steps, in order: route -> about -> complaint -> check -> letter. Validation returns error codes per field; the
views turn them into messages in the visitor's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .answers import (
    LETTER_LANGUAGES,
    LIMITS,
    ROUTES,
    Answers,
    iin_is_valid,
    normalize_iin,
    replace_answers,
)

STEP_ORDER = ("route", "about", "complaint", "check", "letter")
QUESTION_STEPS = ("route", "about", "complaint")
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*\.?$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
PHONE_RE = re.compile(r"^\+?[\d ()\-]{7,25}$")


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # required | too_long | invalid | invalid_iin | choose_one | choose_some


def step_number(step: str) -> int:
    return STEP_ORDER.index(step) + 1


def next_step(step: str) -> str:
    return STEP_ORDER[STEP_ORDER.index(step) + 1]


def previous_step(step: str) -> str | None:
    index = STEP_ORDER.index(step)
    return STEP_ORDER[index - 1] if index else None


def fields_of(step: str, answers: Answers) -> tuple[str, ...]:
    """The form fields a step asks for (the about step depends on the route)."""
    if step == "route":
        return ("route",)
    if step == "about":
        if answers.is_alternative:
            return ("surname", "given_name", "patronymic", "iin", "address", "email", "phone")
        return ("full_name",)
    if step == "complaint":
        return ("arguments", "personal", "letter_language")
    return ()


def _length(answers: Answers, name: str) -> FieldError | None:
    if len(getattr(answers, name)) > LIMITS[name]:
        return FieldError(name, "too_long")
    return None


def _name(answers: Answers, name: str, required: bool) -> FieldError | None:
    value = getattr(answers, name)
    if not value:
        return FieldError(name, "required") if required else None
    return _length(answers, name) or (None if NAME_RE.match(value) else FieldError(name, "invalid"))


def validate(step: str, answers: Answers, arguments: tuple[str, ...]) -> list[FieldError]:
    """The errors in the answers to `step`, in the order its fields appear; `arguments` are the ones offered."""
    errors: list[FieldError | None] = []
    if step == "route":
        errors.append(None if answers.route in ROUTES else FieldError("route", "choose_one"))
    elif step == "about" and not answers.is_alternative:
        errors.append(_name(answers, "full_name", required=False))
    elif step == "about":
        errors.append(_name(answers, "surname", required=True))
        errors.append(_name(answers, "given_name", required=True))
        errors.append(_name(answers, "patronymic", required=False))
        if answers.iin and not iin_is_valid(answers.iin):
            errors.append(FieldError("iin", "invalid_iin"))
        if not answers.address:
            errors.append(FieldError("address", "required"))
        else:
            errors.append(_length(answers, "address"))
        if answers.email:
            errors.append(_length(answers, "email") or (None if EMAIL_RE.match(answers.email)
                                                         else FieldError("email", "invalid")))
        if answers.phone:
            errors.append(None if PHONE_RE.match(answers.phone) and len(re.sub(r"\D", "", answers.phone)) >= 7
                          else FieldError("phone", "invalid"))
    elif step == "complaint":
        chosen = [a for a in answers.arguments if a in arguments]
        if not chosen or len(chosen) != len(answers.arguments):
            errors.append(FieldError("arguments", "choose_some"))
        errors.append(_length(answers, "personal"))
        if answers.letter_language not in LETTER_LANGUAGES:
            errors.append(FieldError("letter_language", "choose_one"))
    return [error for error in errors if error is not None]


def normalize_all(answers: Answers, arguments: tuple[str, ...]) -> Answers:
    """Answers as the letter uses them: an IIN without spaces, arguments in their order, and the fields the
    chosen route does not ask for dropped (so a changed route leaves nothing stray in the letter)."""
    ordered = tuple(a for a in arguments if a in answers.arguments) + tuple(
        a for a in answers.arguments if a not in arguments  # kept so validation can reject them
    )
    answers = replace_answers(answers, iin=normalize_iin(answers.iin), arguments=ordered)
    if answers.is_alternative:
        return replace_answers(answers, full_name="")
    if answers.route == "eotinish":
        return replace_answers(answers, surname="", given_name="", patronymic="", iin="", address="",
                               email="", phone="")
    return answers


def carried_answers_valid(answers: Answers, up_to: str, arguments: tuple[str, ...]) -> bool:
    """Whether the answers to every step before `up_to` pass (hidden fields missing or tampered do not)."""
    needed = [s for s in QUESTION_STEPS if STEP_ORDER.index(s) < STEP_ORDER.index(up_to)]
    return all(not validate(step, answers, arguments) for step in needed)


def default_letter_language(ui_locale: str) -> str:
    return ui_locale if ui_locale in LETTER_LANGUAGES else "ru"
