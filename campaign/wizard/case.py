"""The appeal's case as the answers give it, its card of dates, and which follow-up letters it opens when.

No Flask: the dates come from campaign/deadlines, the rules of when a letter opens from schema.LETTER_KINDS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType

from ..deadlines.card import Card, Case, card_for
from .answers import Answers
from .model import FollowUp, Offer
from .schema import LETTER_KINDS, read_date

# For each `offered` rule of a letter kind: the day it opens on the card (None: open whenever it is asked).
OPENS: Mapping[str, Callable[[Card], dt.date | None]] = MappingProxyType({
    "always": lambda card: None,
    "answered": lambda card: None,  # an answer came: the wizard asks its date, and nothing waits for a term
    "from_due": lambda card: card.reminder_opens,
    "after_due": lambda card: card.complaint_opens,
})


def case_of(answers: Answers) -> Case | None:
    """The case the answers describe; None until they give a valid registration date."""
    registered = read_date(answers.text("registered_on"))
    if registered is None:
        return None
    return Case(registered, read_date(answers.text("extended_to")), read_date(answers.text("redirected_on")))


def card_of(answers: Answers, offer: Offer) -> Card | None:
    """The card of dates of the answers' case, counted by the campaign's calendar and terms; None without a
    case or without follow-up."""
    case = case_of(answers)
    if case is None or offer.follow_up is None:
        return None
    return card_for(case, offer.follow_up.calendar, offer.follow_up.terms)


def opens_on(kind: str, card: Card) -> dt.date | None:
    """The day a letter of this kind may first be sent, by the card (None: no term to wait for)."""
    return OPENS[LETTER_KINDS[kind].offered](card)


def offered_kinds(card: Card, follow_up: FollowUp, today: dt.date) -> tuple[tuple[str, bool, dt.date | None], ...]:
    """Each follow-up letter the campaign offers: (kind, open today, the day it opens when it is not)."""
    offered = []
    for kind in follow_up.kinds:
        day = opens_on(kind, card)
        is_open = day is None or today >= day
        offered.append((kind, is_open, None if is_open else day))
    return tuple(offered)
