"""The letter, assembled from the answers and the campaign's wordings.

Pure and deterministic: the same answers give the same text, and different answers pick different wordings,
so the addressee does not receive a pile of identical letters. A wording may be written for one sender (an
organisation says "просим") or one route, and then replaces the general ones (see `candidates`). The letter
is built as parts (the outgoing number at the top left, the top-right block, the title, the paragraphs, the
date and signature lines) so that the page, the print layout and the PDF lay it out alike, and `text` joins
them into what is copied and downloaded.

A follow-up letter (a reminder, a complaint) is built the same way from its kind's wordings, whose texts name
facts of the appeal's case as placeholders (`{registration_number}`, `{due}`), filled in here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..texts import N_
from .answers import Answers
from .case import card_of
from .model import ENDING, OPENING, Offer, Situation, Wording, Wordings
from .schema import APPEAL, FIELDS, IDENTIFIED, STEP_NAMES, read_date

BLANK = "____________"
DATE_LABEL = N_("Date")
SIGNATURE_LABEL = N_("Signature")
# Translators: an organisation's outgoing number and the letter's date, top left ("Исх. № 12 от 01.12.2026").
REFERENCE_LABEL = N_("Our ref. %(number)s, %(date)s")
# The visitor's own paragraphs, in the order the wizard asks them (the answer they complain of, then their words).
OWN_PARAGRAPHS = tuple(sorted((f for f in FIELDS if f.letter == "own"), key=lambda f: STEP_NAMES.index(f.step)))
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
DUE = "due"  # the placeholder of the day the answer was due, from the card (an extension's date when given)


def placeholders_of(kind: str) -> Mapping[str, bool]:
    """The placeholders a letter of this kind may use, each with whether every such letter fills it (an
    optional field's needs a wording of its own, `given:` it)."""
    named = {f.name: f.required for f in FIELDS if f.in_text and kind in f.kinds}
    return MappingProxyType({**named, DUE: True} if named else {})


@dataclass(frozen=True)
class Letter:
    language: str
    addressee: tuple[str, ...]
    sender: tuple[str, ...]
    title: str
    greeting: str
    paragraphs: tuple[str, ...]  # a paragraph may hold line breaks (the visitor's own words)
    date_line: str  # empty when the route's letter is not signed by hand: the portal or the email dates it
    signature_line: str  # with a blank to sign on only when the route's letter is signed by hand
    reference: str = ""  # an organisation's outgoing number and date, at the top left; empty when not given

    @property
    def head(self) -> tuple[str, ...]:
        """The block at the top right: whom it is for, then whom it is from."""
        return self.addressee + self.sender

    @property
    def text(self) -> str:
        footer = "\n".join(line for line in (self.date_line, self.signature_line) if line)
        top = [self.reference] if self.reference else []
        return "\n\n".join([*top, "\n".join(self.head), self.title, self.greeting, *self.paragraphs, footer]) + "\n"


def seed_of(answers: Answers) -> bytes:
    """A fingerprint of the answers: what picks the wordings."""
    # Who sends it: the route when it identifies the sender, else the sender chosen (as in every earlier
    # version, so the same answers still give the same letter).
    route = answers.route
    parts = [route.name if route is not None and route.identifies_sender else answers.text("sender")]
    for f in FIELDS:
        if f.kind.control != "flag" and answers.kind in f.kinds:
            value = answers[f.name]
            parts.append(",".join(value) if isinstance(value, tuple) else value)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def situation_of(answers: Answers) -> Situation:
    kind = answers.sender_kind
    given = frozenset(name for name in placeholders_of(answers.kind) if name != DUE and answers[name])
    return Situation(frozenset(answers.chosen("arguments")), "person" if kind == IDENTIFIED else kind or "",
                     answers.text("route"), given)


def candidates(wordings: tuple[Wording, ...], situation: Situation) -> tuple[Wording, ...]:
    """The wordings a letter may use: of those whose conditions all hold, the ones of the highest rank (naming
    both the sender and the route, then one of them, then neither). Arguments do not rank: a wording that needs
    an argument joins the others of its rank, so such letters vary as much as the others."""
    eligible = [w for w in wordings if w.holds(situation)]
    top = max((w.rank for w in eligible), default=0)
    return tuple(w for w in eligible if w.rank == top)


def pick(wordings: tuple[Wording, ...], situation: Situation, seed: bytes, slot: str) -> str:
    """One of the candidates, picked by the seed ("" when there is none: a part the campaign leaves out)."""
    pool = candidates(wordings, situation)
    if not pool:
        return ""
    digest = hashlib.sha256(seed + slot.encode("utf-8")).digest()
    return pool[int.from_bytes(digest[:4], "big") % len(pool)].text


def format_letter_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def case_values(answers: Answers, offer: Offer) -> dict[str, str]:
    """What a follow-up letter's placeholders stand for: each case field's answer (a date as the letter prints
    dates), and the day the answer was due (the late end of the card's range: the letter claims no earlier day)."""
    values = {}
    for name in placeholders_of(answers.kind):
        if name != DUE:
            day = read_date(answers.text(name))
            values[name] = format_letter_date(day) if day else answers.text(name)
    card = card_of(answers, offer)
    if card is not None:
        values[DUE] = format_letter_date(card.answer_due.late)
    return values


def filled(text: str, values: Mapping[str, str]) -> str:
    """A text with its placeholders replaced (content/follow_up.py admits none a letter cannot fill)."""
    return PLACEHOLDER_RE.sub(lambda match: values.get(match[1], match[0]), text) if values else text


def own_paragraphs(answers: Answers, wordings: Wordings, situation: Situation, seed: bytes,
                   values: Mapping[str, str]) -> list[str]:
    """The visitor's own paragraphs, the first under the letter's heading for them (if it has one)."""
    texts = [answers.text(f.name) for f in OWN_PARAGRAPHS if answers.kind in f.kinds and answers.text(f.name)]
    if not texts:
        return []
    heading = filled(pick(wordings.personal_heading, situation, seed, "personal_heading"), values)
    return [f"{heading}\n{texts[0]}" if heading else texts[0], *texts[1:]]


def sender_block(answers: Answers, wordings: Wordings,
                 label: Callable[[str], str]) -> tuple[list[str], dict[str, str]]:
    """(lines under the addressee, the other places' values: name, signer_title, signer_name, reference), from
    the fields' places in the letter."""
    kind = answers.sender_kind
    by_role: dict[str, list[str]] = {"name": [], "signer_title": [], "signer_name": [], "reference": []}
    details: list[str] = []
    for f in FIELDS:
        value = answers[f.name]
        if f.letter in (None, "own") or not value or not isinstance(value, str) or kind not in f.senders:
            continue
        if f.letter == "detail":
            first, *rest = value.split("\n")
            details += [f"{label(f.label)}: {first}", *rest]
        else:
            by_role[f.letter].append(value)
    roles = {role: " ".join(values) for role, values in by_role.items()}
    lines = [f"{wordings.sender_prefix} {roles['name']}".strip()] if roles["name"] else []
    return lines + details, roles


def build_letter(answers: Answers, offer: Offer, day: dt.date | None, label: Callable[[str], str]) -> Letter:
    """The complete letter. `day` is its date (None leaves the date to be filled in by hand); `label`
    translates a msgid into the letter's language."""
    wordings = offer.wordings(answers.kind, answers.text("letter_language"))
    seed = seed_of(answers)
    situation = situation_of(answers)
    parts = wordings.parts
    values = case_values(answers, offer) if answers.kind != APPEAL else {}

    def chosen(key: str, slot: str) -> str:
        return filled(pick(parts[key], situation, seed, slot), values)

    greeting, intro = (chosen(key, key) for key in OPENING)
    paragraphs = [intro]
    paragraphs += [chosen(f"argument:{a}", a) for a in answers.chosen("arguments")]
    paragraphs += own_paragraphs(answers, wordings, situation, seed, values)
    paragraphs += [chosen(key, key) for key in ENDING]

    sender, roles = sender_block(answers, wordings, label)
    date = format_letter_date(day) if day else BLANK
    signer_title, signer_name = roles["signer_title"], roles["signer_name"] or roles["name"]
    if answers.route is not None and answers.route.signs_by_hand:
        # Signed on paper: the date and the signature are written at the foot, as the APPC asks of an appeal.
        date_line = f"{label(DATE_LABEL)}: {date}"
        signature = f"{signer_title or label(SIGNATURE_LABEL) + ':'} {BLANK} {signer_name}".rstrip()
    else:
        # The channel dates it (the portal registers the appeal, the email carries its day): a date line left
        # blank would only look like an unfinished form. An organisation's letter still names who signs it.
        date_line = ""
        signature = f"{signer_title} {signer_name}" if signer_title else ""
    # The outgoing number goes with the letter's own date: one date in the letter, the day it is signed.
    reference = label(REFERENCE_LABEL) % {"number": roles["reference"], "date": date} if roles["reference"] else ""
    return Letter(wordings.language, wordings.addressee, tuple(sender), filled(wordings.subject, values), greeting,
                  tuple(paragraphs), date_line, signature, reference)
