"""What the case card shows, in the page's locale: the dates with their rules, why a date is a range, the next
letters, and the same dates as calendar events.

The dates are counted by `campaign.deadlines` (through the wizard's `card_of`); this module only words them. Each
rule is one sentence with the campaign's own terms (settings.yml `terms`), so a changed term changes the text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from flask import url_for
from flask_babel import gettext, ngettext

from ..content.site import Site
from ..deadlines.calendar import Doubt
from ..deadlines.card import ANSWER_DUE, COMPLAIN_BY, LATEST, Card, Span
from ..i18n import current_locale, long_date
from ..texts import N_
from ..wizard.answers import Answers
from ..wizard.case import card_of, offered_kinds
from ..wizard.presenter import hidden_inputs
from ..wizard.schema import CARD_FIELDS, read_date
from ..wizard.steps import Progress

# What the card says of each next letter (schema.LETTER_KINDS): its button, and when it is not open yet, the day
# it opens (%(date)s). A letter whose `offered` rule never waits (an answer came) needs no such sentence.
NEXT_LETTERS = {
    "reminder": (N_("Write a reminder"), N_("A reminder can be sent from %(date)s, the day the answer is due.")),
    "inaction": (N_("Write a complaint about the lack of an answer"),
                 N_("A complaint about the lack of an answer can be lodged from %(date)s, once the term has passed "
                    "without one.")),
    "unsatisfactory": (N_("Write a complaint about the answer"), None),
}


def span_text(span: Span) -> str:
    if span.certain:
        return long_date(span.early)
    # Translators: a date the calendar leaves uncertain, e.g. "between 26 May 2026 and 27 May 2026".
    return gettext("between %(early)s and %(late)s", early=long_date(span.early), late=long_date(span.late))


def doubt_text(doubt: Doubt) -> str:
    if doubt.reason == "estimated":
        return gettext("The holiday on %(day)s is an estimated date: it follows the lunar calendar and is "
                       "confirmed later, so a date counted across it may move by a day.", day=long_date(doubt.day))
    return gettext("The days off of %(year)d have not yet been checked on this site against the government's "
                   "decrees, which may move a day off; the dates that depend on it are shown as a range.",
                   year=doubt.year)


def due_rule(card: Card, site: Site) -> str:
    terms = site.offer.follow_up.terms
    if card.before_due:
        rule = gettext("The date given for the extension is earlier than the term without one, so the card counts "
                       "that term: check the notice for the new date of the answer.")
    elif card.extended_to is not None and not card.beyond_cap:
        rule = gettext("The date the extension notice gives for the answer.")
    elif card.extended_to is not None:
        rule = ngettext("The extension notice gives a later date than the law allows (%(num)d month from the day "
                        "the appeal was received), so the card counts to that limit.",
                        "The extension notice gives a later date than the law allows (%(num)d months from the "
                        "day the appeal was received), so the card counts to that limit.",
                        terms.extension_months)
    else:
        rule = ngettext("The body must answer within %(num)d working day of registering the appeal.",
                        "The body must answer within %(num)d working days of registering the appeal.",
                        terms.answer_working_days)
    if card.redirected and not card.answer_due.certain:
        rule += " " + gettext("The appeal was redirected to another body; whether the term starts again there is "
                              "not settled, so the later date counts afresh from the redirection.")
    return rule


def dates_shown(card: Card, site: Site) -> list[dict]:
    terms = site.offer.follow_up.terms
    return [
        {"label": gettext("The answer is due"), "when": span_text(card.answer_due), "range": not
         card.answer_due.certain, "rule": due_rule(card, site)},
        {"label": gettext("The latest date if the term is extended"), "when": span_text(card.latest),
         "range": not card.latest.certain,
         "rule": ngettext("The body may extend the term by a reasoned decision, and must tell you, up to %(num)d "
                          "month from the day the appeal was received.",
                          "The body may extend the term by a reasoned decision, and must tell you, up to %(num)d "
                          "months from the day the appeal was received.", terms.extension_months)},
        {"label": gettext("Complain about no answer by"), "when": span_text(card.complain_by),
         "range": not card.complain_by.certain,
         "rule": ngettext("Silence past the due date counts as a refusal: you may complain about it to the higher "
                          "body within %(num)d month, counted from the day after the due date.",
                          "Silence past the due date counts as a refusal: you may complain about it to the higher "
                          "body within %(num)d months, counted from the day after the due date.",
                          terms.complaint_months)},
    ]


def case_rows(answers: Answers) -> list[tuple[str, str]]:
    """The case as the visitor gave it: each card field answered, with its label."""
    rows = []
    for f in CARD_FIELDS:
        value = answers.text(f.name)
        if value:
            day = read_date(value) if f.kind.input_type == "date" else None
            shown = long_date(day) if day else value
            rows.append((gettext(f.label), shown))
    return rows


def next_letters(answers: Answers, card: Card, site: Site, today: dt.date) -> list[dict]:
    """Each next letter: its form, which carries every answer and the kind to the wizard's first step of its path,
    or, when it is not open yet, the date it opens."""
    offer = site.offer
    letters = []
    for kind, open_now, opens_on in offered_kinds(card, offer.follow_up, today):
        button, waits = NEXT_LETTERS[kind]
        if not open_now:
            letters.append({"opens": gettext(waits, date=long_date(opens_on))})
            continue
        chosen = dataclasses.replace(answers, kind=kind)
        first = Progress(chosen, offer, today).path[0]
        letters.append({"title": gettext(button), "action": url_for("wizard.step_view", step=first),
                        "hidden": hidden_inputs(chosen.hidden_fields())})
    return letters


def card_view(answers: Answers, site: Site, today: dt.date) -> dict:
    """Everything the card page shows."""
    card = card_of(answers, site.offer)
    return {
        "case": case_rows(answers),
        "dates": dates_shown(card, site),
        "doubts": list(dict.fromkeys(doubt_text(d) for d in card.doubts)),
        # Beside the rules, which are one sentence each: where a complaint goes, and that lateness alone does not
        # bar it (APPC arts. 91–92).
        "complaint_note": gettext("The complaint is lodged with the body that did not answer, which passes it on. "
                                  "A complaint made later may not be refused for that alone, and the term can be "
                                  "restored for a good reason."),
        "letters": next_letters(answers, card, site, today),
        "hidden": hidden_inputs(answers.hidden_fields()),
        "save_offered": not answers["shared_device"],
    }


def ics_events(answers: Answers, site: Site, detailed: bool) -> list[tuple[str, dt.date]]:
    """The card's dates as (summary, date): neutral words by default (a calendar is often seen by others), with
    the campaign's name and the registration number when the visitor asks for them."""
    card = card_of(answers, site.offer)
    neutral = {ANSWER_DUE: gettext("Reply expected"), LATEST: gettext("Reply at the latest"),
               COMPLAIN_BY: gettext("Last day to act")}
    if not detailed:
        return [(neutral[name], day) for name, day in card.dates()]
    number = answers.text("registration_number")
    details = {ANSWER_DUE: gettext("Answer to appeal No. %(number)s is due", number=number),
               LATEST: gettext("Latest answer to appeal No. %(number)s if extended", number=number),
               COMPLAIN_BY: gettext("Last day to complain about no answer to appeal No. %(number)s",
                                      number=number)}
    campaign = site.lifecycle.name[current_locale()]
    return [(f"{details[key]} ({campaign})", day) for key, day in card.dates()]
