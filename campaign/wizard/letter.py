"""The letter, assembled from the answers and the campaign's wordings.

Pure and deterministic: the same answers give the same text, and different answers pick different wordings,
so the addressee does not receive a pile of identical letters. The letter is built as parts (the top-right
block, the title, the paragraphs, the date and signature lines) so that the page, the print layout and the
PDF lay it out alike, and `text` joins them into what is copied and downloaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from ..texts import N_
from .answers import Answers
from .model import ENDING, OPENING, Offer, Wording, Wordings
from .schema import FIELDS

BLANK = "____________"
DATE_LABEL = N_("Date")
SIGNATURE_LABEL = N_("Signature")


@dataclass(frozen=True)
class Letter:
    language: str
    addressee: tuple[str, ...]
    sender: tuple[str, ...]
    title: str
    greeting: str
    paragraphs: tuple[str, ...]  # a paragraph may hold line breaks (the visitor's own words)
    date_line: str
    signature_line: str  # with a blank to sign on only when the route's letter is signed by hand

    @property
    def head(self) -> tuple[str, ...]:
        """The block at the top right: whom it is for, then whom it is from."""
        return self.addressee + self.sender

    @property
    def text(self) -> str:
        footer = "\n".join(line for line in (self.date_line, self.signature_line) if line)
        return "\n\n".join(["\n".join(self.head), self.title, self.greeting, *self.paragraphs, footer]) + "\n"


def seed_of(answers: Answers) -> bytes:
    """A fingerprint of the answers: what picks the wordings."""
    # Who sends it: the route when it identifies the sender, else the sender chosen (as in every earlier
    # version, so the same answers still give the same letter).
    route = answers.route
    parts = [route.name if route is not None and route.identifies_sender else answers.text("sender")]
    for f in FIELDS:
        if f.kind.control != "flag":
            value = answers[f.name]
            parts.append(",".join(value) if isinstance(value, tuple) else value)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()


def pick(wordings: tuple[Wording, ...], chosen: frozenset[str], seed: bytes, slot: str) -> str:
    """One of the wordings whose conditions the chosen arguments meet, picked by the seed."""
    eligible = [w for w in wordings if w.when <= chosen]
    digest = hashlib.sha256(seed + slot.encode("utf-8")).digest()
    return eligible[int.from_bytes(digest[:4], "big") % len(eligible)].text


def format_letter_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def sender_block(answers: Answers, wordings: Wordings, label: Callable[[str], str]) -> tuple[list[str], str, str]:
    """(lines under the addressee, the signer's title, the signer's name), from the fields' places in the letter."""
    kind = answers.sender_kind
    by_role: dict[str, list[str]] = {"name": [], "signer_title": [], "signer_name": []}
    details: list[str] = []
    for f in FIELDS:
        value = answers[f.name]
        if not f.letter or not value or not isinstance(value, str) or kind not in f.senders:
            continue
        if f.letter == "detail":
            first, *rest = value.split("\n")
            details += [f"{label(f.label)}: {first}", *rest]
        else:
            by_role[f.letter].append(value)
    name = " ".join(by_role["name"])
    lines = [f"{wordings.sender_prefix} {name}".strip()] if name else []
    return lines + details, " ".join(by_role["signer_title"]), " ".join(by_role["signer_name"]) or name


def build_letter(answers: Answers, offer: Offer, day: dt.date | None, label: Callable[[str], str]) -> Letter:
    """The complete letter. `day` is its date (None leaves the date to be filled in by hand); `label`
    translates a msgid into the letter's language."""
    wordings = offer.letters[answers.text("letter_language")]
    seed = seed_of(answers)
    chosen = frozenset(answers.chosen("arguments"))
    parts = wordings.parts

    greeting, intro = (pick(parts[key], chosen, seed, key) for key in OPENING)
    paragraphs = [intro]
    paragraphs += [pick(parts[f"argument:{a}"], chosen, seed, a) for a in answers.chosen("arguments")]
    personal = answers.text("personal")
    if personal:
        paragraphs.append(f"{wordings.personal_heading}\n{personal}" if wordings.personal_heading else personal)
    paragraphs += [pick(parts[key], chosen, seed, key) for key in ENDING]

    sender, signer_title, signer_name = sender_block(answers, wordings, label)
    date = format_letter_date(day) if day else BLANK
    if answers.route is not None and answers.route.signs_by_hand:
        signature = f"{signer_title or label(SIGNATURE_LABEL) + ':'} {BLANK} {signer_name}".rstrip()
    else:
        # Nothing to sign on paper: an organisation's letter still names who signs it, with no blank.
        signature = f"{signer_title} {signer_name}" if signer_title else ""
    return Letter(wordings.language, wordings.addressee, tuple(sender), wordings.subject, greeting,
                  tuple(paragraphs), f"{label(DATE_LABEL)}: {date}", signature)
