"""The wizard, described once: its steps, the routes, the kinds of sender, and every field it asks.

What is special about a step (what follows what, what it shows besides its questions, which template draws it)
or a route (eOtinish identifies the sender, a paper letter is signed by hand, an email goes to the campaign's
address) is declared here and nowhere else: the views, the presenter and the templates ask these records, never
a step's or a route's name.

Validation, normalisation, the question and check pages, the hidden fields that carry the answers, the Change
links and the letter's sender block are all derived from these declarations: adding a field is one entry in
FIELDS plus its translations.

Texts are gettext msgids marked with N_() (pybabel extracts them; they are translated where they are shown), so
this module needs neither Flask nor a locale.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..deadlines.calendar import FIRST_YEAR, LAST_YEAR
from ..texts import N_

if TYPE_CHECKING:  # model.py imports this module
    from .model import Offer

# --- kinds of value ---------------------------------------------------------------------------------------------

NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*\.?$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{7,25}$")


def checks_twelfth_digit(number: str) -> bool:
    """IIN and BIN: twelve digits, the last checking the first eleven (two weighted sums modulo 11; a second
    result of 10 means the number cannot be valid)."""
    if not re.fullmatch(r"[0-9]{12}", number):
        return False
    digits = [int(c) for c in number]
    for weights in (range(1, 12), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)):
        check = sum(d * w for d, w in zip(digits[:11], weights, strict=True)) % 11
        if check != 10:
            return check == digits[11]
    return False


def _phone_ok(value: str) -> bool:
    return bool(PHONE_RE.match(value)) and len(re.sub(r"[^0-9]", "", value)) >= 7


def ascii_digits(value: str) -> str:
    """Digits of any script (fullwidth, Arabic-Indic…) as 0-9: a letter prints them, and its font has these."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in value)


def _digits_only(value: str) -> str:
    return re.sub(r"[\s-]", "", ascii_digits(value))


@dataclass(frozen=True)
class Kind:
    """How a value of this kind is typed, cleaned and checked."""

    name: str
    control: str = "input"  # input | textarea | radio | checkbox | flag
    input_type: str = "text"
    multiline: bool = False
    short: bool = False  # a narrow input (numbers, phones)
    check: Callable[[str], object] | None = None  # a well-formed value passes (a true result, or a match)
    normalize: Callable[[str], str] | None = None
    inputmode: str | None = None

    @cached_property  # asked of every field on every request
    def is_choice(self) -> bool:
        return self.control in ("radio", "checkbox")

    @cached_property
    def is_list(self) -> bool:
        return self.control == "checkbox"


NAME = Kind("name", check=NAME_RE.match)
TEXT = Kind("text")
IIN = Kind("iin", short=True, check=checks_twelfth_digit, normalize=_digits_only, inputmode="numeric")
BIN = Kind("bin", short=True, check=checks_twelfth_digit, normalize=_digits_only, inputmode="numeric")
ADDRESS = Kind("address", control="textarea", multiline=True)
EMAIL = Kind("email", input_type="email", check=EMAIL_RE.match)
PHONE = Kind("phone", input_type="tel", short=True, check=_phone_ok, normalize=ascii_digits)
PARAGRAPH = Kind("paragraph", control="textarea", multiline=True)
CHOICE = Kind("choice", control="radio")
CHOICES = Kind("choices", control="checkbox")
FLAG = Kind("flag", control="flag")  # a single checkbox: "yes" or nothing
# An organisation's register number of an outgoing letter ("12", "01-12/345"): the letter prints "№" itself.
REFERENCE_RE = re.compile(r"^(?=.*[^\W_])(?:[^\W_]|[ ./\-])+$")


def _reference(value: str) -> str:
    return ascii_digits(value).removeprefix("№").strip()


REFERENCE = Kind("reference", short=True, check=REFERENCE_RE.match, normalize=_reference)
DOTTED_DATE_RE = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$")


def read_date(value: str) -> dt.date | None:
    """A date as a date input sends it (2026-03-05), or as people write one here (05.03.2026); None if it is
    not a real date, or not in a year the calendar counts (a typing mistake such as 2206 or 0206)."""
    value = ascii_digits(value).strip()
    dotted = DOTTED_DATE_RE.match(value)
    if dotted:
        value = f"{dotted[3]}-{int(dotted[2]):02d}-{int(dotted[1]):02d}"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def _iso_date(value: str) -> str:
    """The date in ISO form; a value that is no date stays as typed, for the check to refuse."""
    day = read_date(value)
    return day.isoformat() if day else value


# A date input (a browser without one shows a text box, and the hint shows how to write the date in it).
DATE = Kind("date", input_type="date", short=True, check=read_date, normalize=_iso_date)


# --- how the appeal is sent ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Route:
    """A way of sending the appeal, and what it means for the questions and the letter."""

    name: str
    # The portal names the sender by the electronic signature the appeal is signed with (eOtinish): no sender
    # question, no postal address, only an optional name for the text.
    identifies_sender: bool = False
    # The letter is printed and signed: it ends with a signature line, and comes as a PDF and a print layout.
    signs_by_hand: bool = False
    # The appeal goes to the campaign's email address (settings.yml `email`): the letter page opens a message to it.
    needs_address: bool = False


ROUTES: Mapping[str, Route] = MappingProxyType({route.name: route for route in (
    Route("eotinish", identifies_sender=True),
    Route("paper", signs_by_hand=True),
    Route("email", needs_address=True),
)})


# --- who sends the appeal ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SenderKind:
    """A kind of sender: what the about step says, and how a visitor chooses it (if they do)."""

    name: str
    about_title: str
    about_intro: str
    answer: tuple[str, str] | None = None  # (label, hint) in the sender question; None: a route decides it


IDENTIFIED = "identified"  # the kind of a sender the route identifies by their electronic signature
SENDER_KINDS: Mapping[str, SenderKind] = MappingProxyType({kind.name: kind for kind in (
    SenderKind(IDENTIFIED, N_("About you"),
               N_("eOtinish takes the name and IIN from the electronic digital signature (EDS) the appeal is "
                  "signed with, so nothing else is needed here. You may add your name to the text itself.")),
    SenderKind("person", N_("About you"),
               N_("An appeal must say who it is from and where the answer should go: anonymous appeals are not "
                  "considered."),
               answer=(N_("Myself, as a private person"),
                       N_("The letter gives your name, your postal address and, if you have one, your IIN."))),
    SenderKind("organisation", N_("About the organisation"),
               N_("An appeal from an organisation must give its name, BIN and postal address, and the name and "
                  "position of the person who signs it."),
               answer=(N_("An organisation I represent"),
                       N_("The letter gives the organisation's name, BIN and address, and is signed by its head or "
                          "by another person authorised to sign."))),
)})
SENDERS = tuple(kind.name for kind in SENDER_KINDS.values() if kind.answer)  # the answers to the sender question
ANY_SENDER = frozenset(SENDER_KINDS)
CHOSEN = frozenset(SENDERS)  # the senders who say who they are in the form, as no route identifies them


# --- which letter ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LetterKind:
    """A letter the wizard builds: the appeal, or one that follows it up (a campaign's content offers those).

    `offered` says when a follow-up letter may be sent, counted on the appeal's card (wizard/case.py): "always",
    "from_due" (from the day the answer is due), "after_due" (once that day has passed without an answer) or
    "answered" (an answer came: the wizard asks its date)."""

    name: str
    letter_title: str  # the letter step's heading
    offered: str


APPEAL = "appeal"
LETTER_KINDS: Mapping[str, LetterKind] = MappingProxyType({kind.name: kind for kind in (
    LetterKind(APPEAL, N_("Your appeal is ready"), "always"),
    LetterKind("reminder", N_("Your reminder is ready"), "from_due"),
    LetterKind("inaction", N_("Your complaint about the lack of an answer is ready"), "after_due"),
    LetterKind("unsatisfactory", N_("Your complaint about the answer is ready"), "answered"),
)})
ANY_KIND = frozenset(LETTER_KINDS)
FOLLOW_UPS = frozenset(kind for kind in LETTER_KINDS if kind != APPEAL)


# --- steps and fields ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """A page of the wizard. STEPS lists them in the order a visitor takes them: each follows the one before it
    (a question step that asks nothing of this visitor is left out of their path)."""

    name: str
    title: str  # the page's <title>; a question step's heading unless a sender kind gives its own
    template: str = "question"  # wizard/steps/<template>.html draws it
    question_as_heading: bool = False  # one question on the page: its legend is the page's heading
    title_alone: str | None = None  # the title when the campaign answers the step's question itself
    title_by_sender: bool = False  # the sender kind gives the title and an intro ("About the organisation")
    # The first step where the visitor types their own text: it says that nothing typed is kept, and on a
    # shared device how to leave fewer traces.
    starts_free_text: bool = False
    reviews_answers: bool = False  # shows every answer with a Change button, which comes back here
    shows_letter: bool = False  # shows the finished letter, its downloads and the route's instructions
    # The title while a decided campaign's wizard builds the record, when `title` speaks of doing it now ("How you
    # will send it"): the text is built as it was, for no one to send.
    record_title: str | None = None
    # The field that says when the appeal's term started: a follow-up letter not open yet on the day its answers
    # give is refused there, with the date it opens (its error of the code of the kind's `offered`).
    opens_letters_on: str | None = None
    # The title while the wizard builds a letter that follows the appeal up, when `title` names the appeal.
    follow_up_title: str | None = None

    @cached_property
    def in_record(self) -> Step:
        """The step as a decided campaign's record words it."""
        return replace(self, title=self.record_title) if self.record_title else self

    @cached_property
    def in_follow_up(self) -> Step:
        """The step as a letter that follows the appeal up words it."""
        return replace(self, title=self.follow_up_title) if self.follow_up_title else self


STEPS: tuple[Step, ...] = (
    Step("route", N_("How you will send it"), question_as_heading=True, title_alone=N_("Before you start"),
         record_title=N_("How the appeal was filed")),
    Step("case", N_("Your earlier appeal"), opens_letters_on="registered_on"),
    Step("sender", N_("Who the appeal is from"), question_as_heading=True),
    Step("about", N_("About you"), title_by_sender=True, starts_free_text=True),
    Step("complaint", N_("Your appeal"), follow_up_title=N_("Your letter")),
    Step("check", N_("Check your answers"), template="check", reviews_answers=True),
    Step("letter", N_("Your appeal is ready"), template="letter", shows_letter=True),
)
STEPS_BY_NAME: Mapping[str, Step] = MappingProxyType({step.name: step for step in STEPS})
STEP_NAMES = tuple(STEPS_BY_NAME)
REVIEW_STEP = next(step.name for step in STEPS if step.reviews_answers)
LETTER_STEP = next(step.name for step in STEPS if step.shows_letter)


class Choices(Enum):
    """Where a choice field's options come from: a list of the campaign's offer (model.Offer.choices)."""

    ROUTES = "routes"
    SENDERS = "senders"
    LETTER_LANGUAGES = "letter_languages"
    ARGUMENTS = "arguments"


@dataclass(frozen=True)
class RecordWords:
    """A field's words while a decided campaign's wizard builds the record, where its own speak of doing it now
    ("How will you send your appeal?"): the question, its Change link, and the errors they replace."""

    label: str
    change: str
    errors: Mapping[str, str]


@dataclass(frozen=True)
class FollowUpWords:
    """A field's words while the wizard builds a letter that follows the appeal up, where its own speak of the
    appeal ("Language of the appeal", "why this matters to you"): those given replace the field's own."""

    label: str | None = None
    change: str | None = None
    hint: str | None = None
    errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Field:
    """One question the wizard can ask.

    `errors` maps each error code the field can give (required, too_long, invalid) to its message; `letter`
    is the field's place in the letter: "name" (joined into the sender's name), "detail" (a "Label: value" line
    under it), "signer_title" and "signer_name" (the signature line), "reference" (the outgoing number, at the
    top left with the letter's date), "own" (a paragraph of the visitor's own, the first under the letter's
    `personal_heading`), or None (not in the letter). `in_text`: a follow-up letter's texts may name its value
    (`{registered_on}`).
    """

    name: str
    kind: Kind
    step: str
    label: str
    change: str  # the Change link on the check page, whole, for screen readers ("Change your surname")
    errors: Mapping[str, str]
    hint: str | None = None
    required: bool = False
    required_with: str | None = None  # the field whose answer makes this one required ("to whom", once "when")
    # An optional field's label in the form when "<label> (optional)" would mislead ("IIN (if you have one)": the
    # law asks for it from whoever has one); None: "<label> (optional)". The check page and the letter use `label`.
    optional_label: str | None = None
    limit: int | None = None
    autocomplete: str = "off"  # the WCAG 1.3.5 token of the value, or "off"
    senders: frozenset[str] = ANY_SENDER  # the sender kinds asked this field
    options: Choices | None = None  # a choice field: the campaign's list it offers
    all_on_first_visit: bool = False  # a list: every option is chosen until the visitor has answered the step
    asked_if: Callable[[Offer], bool] | None = None  # a campaign whose offer gives false never asks it
    letter: str | None = None
    rows: int = 3
    record: RecordWords | None = None
    follow_up: FollowUpWords | None = None
    kinds: frozenset[str] = ANY_KIND  # the letters that ask it
    on_card: bool = False  # the follow-up card asks it too: a fact of the appeal's case, not of one letter
    # A date: not before the date of this other field ("before"), and not after today ("future").
    not_before: str | None = None
    by_today: bool = False
    in_text: bool = False

    @cached_property
    def in_record(self) -> Field:
        """The field as a decided campaign's record words it (the form, the check page and the review)."""
        if self.record is None:
            return self
        return replace(self, label=self.record.label, change=self.record.change,
                       errors=MappingProxyType({**self.errors, **self.record.errors}), record=None)

    @cached_property
    def in_follow_up(self) -> Field:
        """The field as a letter that follows the appeal up words it (the form and the check page)."""
        words = self.follow_up
        if words is None:
            return self
        return replace(self, label=words.label or self.label, change=words.change or self.change,
                       hint=words.hint or self.hint, errors=MappingProxyType({**self.errors, **words.errors}),
                       follow_up=None)


NAME_LIMIT = 100


def _name_errors(required: str | None, too_long: str, invalid: str) -> Mapping[str, str]:
    errors = {"too_long": too_long, "invalid": invalid}
    if required:
        errors["required"] = required
    return MappingProxyType(errors)


FIELDS: tuple[Field, ...] = (
    # Translators: a question of the complaint wizard; the answers are the campaign's ways of sending an appeal.
    Field("route", CHOICE, "route", N_("How will you send your appeal?"), N_("Change how you will send it"),
          MappingProxyType({"required": N_("Select how you will send your appeal")}),
          required=True, options=Choices.ROUTES,
          # Translators: the same question while a decided campaign's wizard builds its letter for the record: the
          # letter is built as it was filed one way or the other, and no one is to send it now.
          record=RecordWords(N_("How was the appeal filed?"), N_("Change the way the appeal was filed"),
                             MappingProxyType({"required": N_("Select how the appeal was filed")}))),
    Field("shared_device", FLAG, "route", N_("Someone else may use or check this device"),
          N_("Change whether someone else may use this device"), MappingProxyType({}),
          hint=N_("The site will then ask your browser not to remember what you type here (not every browser "
                  "complies) and show you how to leave fewer traces."),
          asked_if=lambda offer: offer.shared_device_question),
    Field("sender", CHOICE, "sender", N_("Who is the appeal from?"), N_("Change who the appeal is from"),
          MappingProxyType({"required": N_("Select who the appeal is from")}),
          required=True, options=Choices.SENDERS, senders=CHOSEN),
    Field("full_name", NAME, "about", N_("Your name"), N_("Change your name"),
          _name_errors(None, N_("Your name must be %(limit)s characters or fewer"),
                       N_("Your name must only include letters, spaces, hyphens and apostrophes")),
          hint=N_("Only for the text of the appeal."), limit=NAME_LIMIT, autocomplete="name",
          senders=frozenset({IDENTIFIED}), letter="name"),
    Field("surname", NAME, "about", N_("Surname"), N_("Change your surname"),
          _name_errors(N_("Enter your surname"), N_("Surname must be %(limit)s characters or fewer"),
                       N_("Surname must only include letters, spaces, hyphens and apostrophes")),
          required=True, limit=NAME_LIMIT, autocomplete="family-name", senders=frozenset({"person"}),
          letter="name"),
    Field("given_name", NAME, "about", N_("First name"), N_("Change your first name"),
          _name_errors(N_("Enter your first name"), N_("First name must be %(limit)s characters or fewer"),
                       N_("First name must only include letters, spaces, hyphens and apostrophes")),
          required=True, limit=NAME_LIMIT, autocomplete="given-name", senders=frozenset({"person"}),
          letter="name"),
    Field("patronymic", NAME, "about", N_("Patronymic"), N_("Change your patronymic"),
          _name_errors(None, N_("Patronymic must be %(limit)s characters or fewer"),
                       N_("Patronymic must only include letters, spaces, hyphens and apostrophes")),
          hint=N_("If you have one."), limit=NAME_LIMIT, autocomplete="additional-name",
          senders=frozenset({"person"}), letter="name"),
    Field("organisation", TEXT, "about", N_("Name of the organisation"), N_("Change the organisation's name"),
          MappingProxyType({"required": N_("Enter the name of the organisation"),
                            "too_long": N_("The organisation's name must be %(limit)s characters or fewer")}),
          hint=N_("As registered, with its legal form."), required=True, limit=200,
          autocomplete="organization", senders=frozenset({"organisation"}), letter="name"),
    Field("bin", BIN, "about", N_("BIN"), N_("Change the BIN"),
          MappingProxyType({"required": N_("Enter the organisation's BIN"),
                            "invalid": N_("Enter a valid BIN: 12 digits, as in the registration certificate")}),
          hint=N_("The business identification number: 12 digits."), required=True,
          senders=frozenset({"organisation"}), letter="detail"),
    Field("iin", IIN, "about", N_("IIN"), N_("Change your IIN"),
          MappingProxyType({"invalid": N_("Enter a valid IIN: 12 digits, as on your identity document, "
                                          "or leave it empty")}),
          hint=N_("12 digits. The law asks for it if you have one; foreign citizens without an IIN leave this "
                  "empty."),
          optional_label=N_("IIN (if you have one)"), senders=frozenset({"person"}), letter="detail"),
    Field("address", ADDRESS, "about", N_("Postal address"), N_("Change the postal address"),
          MappingProxyType({"required": N_("Enter the postal address"),
                            "too_long": N_("The address must be %(limit)s characters or fewer")}),
          hint=N_("Where the answer should be sent: street, building, flat or office, town, postcode, country."),
          required=True, limit=300, autocomplete="street-address", senders=CHOSEN, letter="detail"),
    Field("signatory_name", NAME, "about", N_("Full name of the person who signs"),
          N_("Change the name of the person who signs"),
          _name_errors(N_("Enter the full name of the person who signs"),
                       N_("The name must be %(limit)s characters or fewer"),
                       N_("The name must only include letters, spaces, hyphens and apostrophes")),
          required=True, limit=150, autocomplete="name", senders=frozenset({"organisation"}),
          letter="signer_name"),
    Field("signatory_position", TEXT, "about", N_("Position of the person who signs"),
          N_("Change the position of the person who signs"),
          MappingProxyType({"required": N_("Enter the position of the person who signs"),
                            "too_long": N_("The position must be %(limit)s characters or fewer")}),
          hint=N_("For example: director, chair of the board."), required=True, limit=NAME_LIMIT,
          autocomplete="organization-title", senders=frozenset({"organisation"}), letter="signer_title"),
    Field("email", EMAIL, "about", N_("Email"), N_("Change the email address"),
          MappingProxyType({"invalid": N_("Enter an email address in the correct format, like name@example.com"),
                            "too_long": N_("The email address must be %(limit)s characters or fewer")}),
          hint=N_("Only if you want it in the letter, so that the reply can also be sent to you by email."),
          limit=254, autocomplete="email",
          senders=CHOSEN, letter="detail"),
    Field("phone", PHONE, "about", N_("Phone"), N_("Change the phone number"),
          MappingProxyType({"invalid": N_("Enter a phone number, like +7 701 123 45 67")}),
          hint=N_("Only if you want it in the letter."), autocomplete="tel", senders=CHOSEN, letter="detail"),
    Field("arguments", CHOICES, "complaint", N_("Which arguments should your appeal make?"),
          N_("Change the arguments"), MappingProxyType({"required": N_("Select at least one argument")}),
          hint=N_("Select all that you agree with. Each becomes a paragraph of the letter."), required=True,
          options=Choices.ARGUMENTS, all_on_first_visit=True, kinds=frozenset({APPEAL})),
    Field("personal", PARAGRAPH, "complaint", N_("In your own words"), N_("Change your own words"),
          MappingProxyType({"too_long": N_("Your own words must be %(limit)s characters or fewer")}),
          hint=N_("A paragraph of your own: why this matters to you. Up to %(limit)s characters; leave it empty "
                  "if you prefer."),
          limit=2000, rows=6, letter="own",
          follow_up=FollowUpWords(hint=N_("Anything else the letter should say, in your own words. Up to %(limit)s "
                                          "characters; leave it empty if you prefer."))),
    Field("letter_language", CHOICE, "complaint", N_("Language of the appeal"),
          N_("Change the language of the appeal"),
          MappingProxyType({"required": N_("Select the language of the appeal")}),
          hint=N_("The answer comes in Kazakh or in the language of your appeal."), required=True,
          options=Choices.LETTER_LANGUAGES,
          follow_up=FollowUpWords(N_("Language of the letter"), N_("Change the language of the letter"),
                                  N_("The answer comes in Kazakh or in the language of your letter."),
                                  MappingProxyType({"required": N_("Select the language of the letter")}))),
    Field("outgoing_number", REFERENCE, "about", N_("Outgoing number"), N_("Change the outgoing number"),
          MappingProxyType({"invalid": N_("The outgoing number must only include letters, digits, spaces, full "
                                          "stops, slashes and hyphens"),
                            "too_long": N_("The outgoing number must be %(limit)s characters or fewer")}),
          hint=N_("If your organisation numbers its outgoing letters. The letter gives the number at the top "
                  "left, with the letter's date."),
          limit=30, senders=frozenset({"organisation"}), letter="reference"),
    # The appeal's case, asked of every letter that follows it up (the letters' texts may name these: see
    # content/follow_up.py). Their order here is the case step's and the card's; where they stand among the other
    # fields does not touch the appeal's letter, whose wordings are picked from its own kind's fields only.
    Field("registered_on", DATE, "case", N_("Date your appeal was registered"),
          N_("Change the date your appeal was registered"),
          MappingProxyType({"required": N_("Enter the date your appeal was registered"),
                            "invalid": N_("Enter the registration date as a real date, like 05.03.2026"),
                            "future": N_("The registration date cannot be later than today"),
                            # Translators: %(date)s is a date, e.g. "27 March 2026".
                            "from_due": N_("The answer is due on %(date)s: a reminder can be sent from that day"),
                            # Translators: %(date)s is a date, e.g. "28 March 2026".
                            "after_due": N_("The term for the answer has not passed yet: a complaint about the "
                                            "lack of an answer can be lodged from %(date)s")}),
          hint=N_("As on the eOtinish notification or the slip you were given, for example 05.03.2026."),
          required=True, kinds=FOLLOW_UPS, on_card=True, by_today=True, in_text=True),
    Field("registration_number", REFERENCE, "case", N_("Registration number"),
          N_("Change the registration number"),
          MappingProxyType({"required": N_("Enter the registration number of your appeal"),
                            "invalid": N_("The registration number must only include letters, digits, spaces, "
                                          "full stops, slashes and hyphens"),
                            "too_long": N_("The registration number must be %(limit)s characters or fewer")}),
          hint=N_("As on the notification or the slip."), required=True, limit=50, kinds=FOLLOW_UPS,
          on_card=True, in_text=True),
    Field("extended_to", DATE, "case", N_("Date the term was extended to"), N_("Change the extended term"),
          MappingProxyType({"invalid": N_("Enter the extended term as a real date, like 05.05.2026"),
                            "before": N_("The extended term cannot be earlier than the registration date")}),
          hint=N_("Only if you were told the term for the answer was extended: the date the notice gives."),
          kinds=FOLLOW_UPS, on_card=True, not_before="registered_on", in_text=True),
    Field("redirected_on", DATE, "case", N_("Date your appeal was sent on to another body"),
          N_("Change the date your appeal was sent on"),
          MappingProxyType({"invalid": N_("Enter the date it was sent on as a real date, like 10.03.2026"),
                            "before": N_("The date it was sent on cannot be earlier than the registration date"),
                            "future": N_("The date it was sent on cannot be later than today")}),
          hint=N_("Only if you were told your appeal was sent on to another body to answer."),
          kinds=FOLLOW_UPS, on_card=True, not_before="registered_on", by_today=True, in_text=True),
    Field("redirected_to", TEXT, "case", N_("Body your appeal was sent on to"),
          N_("Change the body your appeal was sent on to"),
          MappingProxyType({"required": N_("Enter the body your appeal was sent on to"),
                            "too_long": N_("The body's name must be %(limit)s characters or fewer")}),
          hint=N_("As the notice names it."), required_with="redirected_on", limit=200, kinds=FOLLOW_UPS,
          on_card=True, in_text=True),
    Field("answer_on", DATE, "case", N_("Date of the answer"), N_("Change the date of the answer"),
          MappingProxyType({"required": N_("Enter the date of the answer"),
                            "invalid": N_("Enter the date of the answer as a real date, like 20.03.2026"),
                            "before": N_("The answer cannot be dated earlier than the registration date"),
                            "future": N_("The date of the answer cannot be later than today")}),
          required=True, kinds=frozenset({"unsatisfactory"}), not_before="registered_on", by_today=True,
          in_text=True),
    Field("answer_gist", PARAGRAPH, "case", N_("What the answer said"), N_("Change what the answer said"),
          MappingProxyType({"required": N_("Say what the answer said and why it does not answer your appeal"),
                            "too_long": N_("This must be %(limit)s characters or fewer")}),
          hint=N_("What the answer said, and why it does not answer your appeal. It becomes a paragraph of the "
                  "letter. Up to %(limit)s characters."),
          required=True, limit=2000, rows=6, letter="own", kinds=frozenset({"unsatisfactory"})),
)
FIELDS_BY_NAME: Mapping[str, Field] = MappingProxyType({f.name: f for f in FIELDS})
CARD_FIELDS = tuple(f for f in FIELDS if f.on_card)  # what the follow-up card asks, in the schema's order
