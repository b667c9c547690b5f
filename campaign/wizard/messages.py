"""The wizard's interface texts that code chooses: field labels and error messages, translated lazily."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .steps import FieldError

LABELS = {
    "route": _l("Do you live in Kazakhstan and have an electronic signature (EDS) or an eGov account?"),
    "full_name": _l("Your name (optional)"),
    "surname": _l("Surname"),
    "given_name": _l("First name"),
    "patronymic": _l("Patronymic (optional)"),
    "iin": _l("IIN (optional)"),
    "address": _l("Postal address"),
    "email": _l("Email (optional)"),
    "phone": _l("Phone (optional)"),
    "arguments": _l("Which arguments should your complaint make?"),
    "personal": _l("In your own words (optional)"),
    "letter_language": _l("Language of the complaint"),
}

ROUTE_NAMES = {
    # Translators: the answers to "Do you live in Kazakhstan and have an EDS?", shortened for the check page.
    "eotinish": _l("Yes: I will file it through eOtinish"),
    "alternative": _l("I live in Kazakhstan but have no electronic signature"),
    "foreign": _l("I am a foreign citizen or an organisation"),
}

LANGUAGE_NAMES = {"ru": _l("Russian"), "kk": _l("Kazakh")}

MESSAGES = {
    ("route", "choose_one"): _l("Select whether you live in Kazakhstan and have an electronic signature"),
    ("full_name", "too_long"): _l("Your name must be 100 characters or fewer"),
    ("full_name", "invalid"): _l("Your name must only include letters, spaces, hyphens and apostrophes"),
    ("surname", "required"): _l("Enter your surname"),
    ("surname", "too_long"): _l("Surname must be 100 characters or fewer"),
    ("surname", "invalid"): _l("Surname must only include letters, spaces, hyphens and apostrophes"),
    ("given_name", "required"): _l("Enter your first name"),
    ("given_name", "too_long"): _l("First name must be 100 characters or fewer"),
    ("given_name", "invalid"): _l("First name must only include letters, spaces, hyphens and apostrophes"),
    ("patronymic", "too_long"): _l("Patronymic must be 100 characters or fewer"),
    ("patronymic", "invalid"): _l("Patronymic must only include letters, spaces, hyphens and apostrophes"),
    ("iin", "invalid_iin"): _l("Enter a valid IIN: 12 digits, as on your identity document, or leave it empty"),
    ("address", "required"): _l("Enter your postal address"),
    ("address", "too_long"): _l("Address must be 300 characters or fewer"),
    ("email", "invalid"): _l("Enter an email address in the correct format, like name@example.com"),
    ("email", "too_long"): _l("Email address must be 254 characters or fewer"),
    ("phone", "invalid"): _l("Enter a phone number, like +7 701 123 45 67"),
    ("arguments", "choose_some"): _l("Select at least one argument"),
    ("personal", "too_long"): _l("Your own words must be 2,000 characters or fewer"),
    ("letter_language", "choose_one"): _l("Select the language of the complaint"),
}


def message_for(error: FieldError) -> str:
    return str(MESSAGES[(error.field, error.code)])
