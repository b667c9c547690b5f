"""What the wizard's pages show: each step drawn from the answers, for one locale and the campaign's offer.

A question step is the same page for every visitor in the same state (locale, sender kind, errors, shared
device…) but for the answers, so it is drawn from a skeleton (skeleton.py) rendered the first time that state is
seen: a request fills in the hidden fields, the typed values and the ticks, and renders no template. The check
and letter steps show the visitor's answers and letter throughout, and are rendered each time. An htmx fragment
is rendered without the page's chrome, so without the context processor that works it out.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar
from urllib.parse import quote

from babel import Locale
from flask import Flask, render_template, url_for
from flask_babel import force_locale, format_date, format_number, gettext
from markupsafe import Markup, escape

from ..assets import STATIC_DIR
from ..relative import depth, relink
from .answers import Answers
from .letter import Letter, build_letter, format_letter_date
from .model import Offer
from .pdf import Fonts
from .schema import (
    APPEAL,
    CARD_FIELDS,
    LETTER_KINDS,
    REVIEW_STEP,
    SENDER_KINDS,
    STEP_NAMES,
    Choices,
    Field,
    Step,
    read_date,
)
from .skeleton import Skeleton, Slot
from .steps import QUESTION_STEPS, FieldError, Progress, options

MAILTO_BODY_LIMIT = 1800  # mail clients and browsers cut longer mailto: links
PDF_FONTS = Fonts(STATIC_DIR / "fonts" / "PT_Serif-Web-Regular.ttf", STATIC_DIR / "fonts" / "PT_Serif-Web-Bold.ttf")
SKELETONS_KEPT = 2048  # states of a page kept at once (a visitor's errors can combine in many ways)
CHECKED = " checked"
FLAG_VALUE = "yes"
Kept = TypeVar("Kept")


class Option(NamedTuple):
    value: str
    label: str
    hint: str | None
    language: str | None  # the language of a label not written in the visitor's (a route not translated yet)


def route_options(offer: Offer, locale: str) -> list[Option]:
    texts = [(route, offer.route_texts[route][locale]) for route in offer.routes]
    return [Option(route, text.label, text.hint, text.language if text.language != locale else None)
            for route, text in texts]


def sender_options(offer: Offer, locale: str) -> list[Option]:
    answers = [(sender, SENDER_KINDS[sender].answer) for sender in offer.senders]
    return [Option(sender, gettext(answer[0]), gettext(answer[1]), None) for sender, answer in answers if answer]


def language_options(offer: Offer, locale: str) -> list[Option]:
    return [Option(code, Locale.parse(code).get_display_name(locale).capitalize(), None, None)
            for code in offer.letter_languages]


def argument_options(offer: Offer, locale: str) -> list[Option]:
    return [Option(key, offer.argument_labels[key][locale], None, None) for key in offer.arguments]


# How each list of the offer is shown as a choice field's options, in the visitor's locale.
OPTIONS: Mapping[Choices, Callable[[Offer, str], list[Option]]] = {
    Choices.ROUTES: route_options,
    Choices.SENDERS: sender_options,
    Choices.LETTER_LANGUAGES: language_options,
    Choices.ARGUMENTS: argument_options,
}


def holds_answers(answers: Answers) -> Markup:
    """The mark of a page that carries answers of a step done: site.js asks before a reload throws them away."""
    return Markup(" data-holds-answers") if answers.done else Markup("")


def hidden_inputs(pairs: list[tuple[str, str]]) -> Markup:
    """The answers a form carries on, one hidden input each."""
    return Markup("".join(f'<input type="hidden" name="{name}" value="{escape(value)}">' for name, value in pairs))


def shown_answers(step: Step, progress: Progress, offer: Offer) -> Answers:
    """The answers as the step shows them: a list chosen in full until its step is answered (the arguments)."""
    answers = progress.answers
    if step.name in answers.done:
        return answers
    preset = {f.name: options(f, offer) for f in progress.asked(step.name) if f.all_on_first_visit}
    return answers.with_values(**preset) if preset else answers


@dataclass(frozen=True)
class Visit:
    """One visit to a step: what its page is drawn from, besides the campaign."""

    step: Step
    progress: Progress
    locale: str
    path: str  # the page's own path, which its URLs are written relative to
    fragment: bool  # the htmx fragment, or the whole page
    errors: tuple[FieldError, ...] = ()
    notice: str | None = None
    return_to_review: bool = False  # asked again from the check page's Change button: Continue goes back there


class Presenter:
    """Draws the wizard's steps for one campaign; it keeps the skeletons of its question steps and its URLs."""

    def __init__(self, app: Flask, offer: Offer, campaign_names: Mapping[str, str],
                 today: Callable[[], dt.date]) -> None:
        self.app = app
        self.offer = offer
        self.campaign_names = campaign_names  # per locale
        self.today = today
        self.skeletons: dict[Hashable, Skeleton] = {}
        self.lock = threading.Lock()
        self.kept: dict[Hashable, Any] = {}

    def once(self, key: Hashable, work: Callable[[], Kept]) -> Kept:
        """What depends only on the campaign and the key (a locale among them), worked out the first time it is
        asked: the same for every visitor, and asked on every page."""
        if key not in self.kept:
            self.kept[key] = work()
        return self.kept[key]

    def step_url(self, step: str, locale: str) -> str:
        """A step's URL in `locale` (every step page links several)."""
        return self.once(("url", locale, step), lambda: url_for("wizard.step_view", step=step))

    # --- the page ---------------------------------------------------------------------------------------------

    def page(self, visit: Visit) -> str:
        """The step's page, its URLs relative to the page (relative.py)."""
        if visit.step.name in QUESTION_STEPS:
            return self.question(visit)
        context = self.common(visit, shown_answers(visit.step, visit.progress, self.offer))
        if visit.step.reviews_answers:
            context["rows"] = self.check_rows(visit.progress, visit.locale)
        if visit.step.shows_letter:
            context.update(self.letter_context(visit.progress.answers, visit.locale))
        return relink(self.render(visit, context), visit.path)

    def render(self, visit: Visit, context: dict) -> str:
        template = f"wizard/steps/{visit.step.template}.html"
        if visit.fragment:
            # No chrome around a fragment, so no context processor: its title needs only the campaign's name.
            return self.app.jinja_env.get_template("wizard/fragment.html").render(
                step_template=template, campaign_name=self.campaign_names[visit.locale], **context)
        return render_template("wizard/page.html", step_template=template, **context)

    def common(self, visit: Visit, answers: Answers) -> dict:
        """What every step shows: its heading, count, form and Back button."""
        step, progress, locale = visit.step, visit.progress, visit.locale
        asked = progress.asked(step.name)
        # With one question on the page (route, sender), the first field's legend is the page's heading.
        legend_heading = step.question_as_heading and bool(asked) and asked[0].kind.is_choice
        kind = SENDER_KINDS.get(answers.sender_kind or "") if step.title_by_sender else None
        worded = self.offer.worded(step, answers.kind)
        title, intro = (kind.about_title, kind.about_intro) if kind else (worded.title, None)
        if not legend_heading and step.title_alone:
            title = step.title_alone  # the campaign answered the step's question: a single route
        if step.shows_letter and answers.kind in LETTER_KINDS:
            title = LETTER_KINDS[answers.kind].letter_title  # "Your reminder is ready"
        number, total = progress.step_number(step.name)
        back = progress.previous_step(step.name)
        return {
            "step": step,
            "heading": gettext(title),
            "intro": gettext(intro) if intro else None,
            "legend_heading": legend_heading,
            "errors": [(e.field.name, self.message(e.field, e)) for e in visit.errors],
            "hidden": hidden_inputs(answers.hidden_fields(skip=[f.name for f in asked])),
            "holds": holds_answers(answers),
            "step_number": number,
            "step_total": total,
            "action": self.step_url(step.name, locale),
            "back": self.step_url(back, locale) if back else None,
            "first_step": self.step_url(STEP_NAMES[0], locale),
            "return_to": REVIEW_STEP if visit.return_to_review else None,
            "notice": visit.notice,
            "shared_device": bool(answers["shared_device"]),
            "locale": locale,
        }

    # --- question steps, from skeletons ------------------------------------------------------------------------

    def question(self, visit: Visit) -> str:
        answers = shown_answers(visit.step, visit.progress, self.offer)
        asked = visit.progress.asked(visit.step.name)
        shared = bool(answers["shared_device"])
        number, total = visit.progress.step_number(visit.step.name)
        # Everything the skeleton is drawn from but the answers themselves (a sender kind no campaign has, as a
        # tampered form may give, is drawn as an unknown one). A whole page also shows the days left.
        kind = answers.sender_kind if answers.sender_kind is None or answers.sender_kind in SENDER_KINDS else "?"
        key = (visit.step.name, visit.locale, depth(visit.path), visit.fragment, kind, answers.kind, shared,
               tuple(f.name for f in asked),
               tuple((e.field.name, e.code, e.day) for e in visit.errors), visit.notice, visit.return_to_review,
               number, total, visit.progress.previous_step(visit.step.name),
               None if visit.fragment else self.today())
        skeleton = self.skeletons.get(key)
        if skeleton is None:
            skeleton = self.skeleton(visit, answers)
            with self.lock:  # a worker's threads share the skeletons
                if len(self.skeletons) >= SKELETONS_KEPT:
                    self.skeletons.pop(next(iter(self.skeletons)))  # the oldest goes
                self.skeletons[key] = skeleton
        values = {"hidden": str(hidden_inputs(answers.hidden_fields(skip=[f.name for f in asked]))),
                  "holds": str(holds_answers(answers))}
        for f in asked:
            if f.kind.is_choice:
                value = answers[f.name]
                chosen = value if isinstance(value, tuple) else (value,)
                values.update({f"{f.name}={v}": CHECKED if v in chosen else "" for v in options(f, self.offer)})
            elif f.kind.control == "flag":
                values[f"{f.name}={FLAG_VALUE}"] = CHECKED if answers[f.name] else ""
            else:
                values[f.name] = str(escape(answers.text(f.name)))
        return skeleton.fill(values)

    def skeleton(self, visit: Visit, answers: Answers) -> Skeleton:
        """The step's page in this state, with a slot for each answer (no answer is drawn into it), its URLs
        relative already: a filled-in answer is escaped text, never a URL attribute."""
        context = self.common(visit, answers)
        error_for = {e.field.name: e for e in visit.errors}
        fields = visit.progress.asked(visit.step.name)
        context["hidden"] = Slot("hidden")
        context["holds"] = Slot("holds")
        context["fields"] = [self.field_view(self.offer.worded(f, answers.kind), error_for.get(f.name),
                                             visit.locale, context["shared_device"],
                                             heading=context["legend_heading"] and index == 0)
                             for index, f in enumerate(fields)]
        return Skeleton.of(relink(self.render(visit, context), visit.path))

    def message(self, f: Field, error: FieldError) -> str:
        if error.day is not None:
            return gettext(error.message, date=format_date(error.day, "long"))
        return gettext(error.message, limit=format_number(f.limit)) if f.limit else gettext(error.message)

    def field_view(self, f: Field, error: FieldError | None, locale: str, shared: bool, heading: bool) -> dict:
        """What the field's macro in wizard/_macros.html draws, with slots for its value."""
        limit = format_number(f.limit) if f.limit else None
        hint = (gettext(f.hint, limit=limit) if limit else gettext(f.hint)) if f.hint else None
        message = self.message(f, error) if error else None
        items = OPTIONS[f.options](self.offer, locale) if f.options else []
        asks_choice = f.kind.is_choice or f.kind.control == "flag"
        label = self.offer.worded(f).label
        # A date input holds only a real date: one that is not comes back in a text box, as typed, to correct.
        unreal_date = error is not None and error.code == "invalid" and f.kind.input_type == "date"
        return {
            "field": f,
            "name": f.name,
            "input_type": "text" if unreal_date else f.kind.input_type,
            "label": gettext(label) if f.required or asks_choice
            else gettext(f.optional_label) if f.optional_label
            else gettext("%(label)s (optional)", label=gettext(label)),
            "hint": hint,
            "error": message,
            # aria-describedby: the hint, then the error
            "described": " ".join(f"{f.name}-{part}" for part, shown in (("hint", hint), ("error", message))
                                  if shown),
            "items": items,
            "limit": f.limit,
            "limit_text": limit,
            # Shared device: the browser keeps nothing typed here for its suggestions (WCAG 1.3.5 tokens otherwise).
            "autocomplete": "off" if shared else f.autocomplete,
            "heading": heading,
            "value": Slot(f.name),
            "checked": {value: Slot(f"{f.name}={value}")
                        for value in ([item.value for item in items] if f.kind.is_choice else [FLAG_VALUE])},
        }

    # --- the check and letter steps --------------------------------------------------------------------------------

    def display(self, f: Field, answers: Answers, locale: str) -> str:
        """An answer as the check page shows it."""
        value = answers[f.name]
        if f.kind.control == "flag":
            return gettext("Yes") if value else gettext("No")
        if f.options:
            choices = f.options
            labels = self.once(("labels", locale, choices),
                               lambda: {item.value: item.label for item in OPTIONS[choices](self.offer, locale)})
            return "\n".join(labels.get(v, v) for v in (value if isinstance(value, tuple) else (value,)))
        day = read_date(str(value)) if f.kind.input_type == "date" else None
        return format_letter_date(day) if day else str(value)  # a date as the letter prints it

    def row_words(self, f: Field, locale: str, kind: str) -> tuple[str, str]:
        """A check page row's label and its Change button's text, as the campaign words the field for a letter of
        `kind`."""
        words = self.offer.worded(f, kind)
        return self.once(("row", locale, kind, f.name), lambda: (gettext(words.label), gettext(words.change)))

    def check_rows(self, progress: Progress, locale: str) -> list[dict]:
        kind = progress.answers.kind
        rows = [(step, f, self.row_words(f, locale, kind)) for step in progress.path if step in QUESTION_STEPS
                for f in progress.asked(step)]
        return [{"label": label, "value": self.display(f, progress.answers, locale),
                 "step": self.step_url(step, locale), "change": change} for step, f, (label, change) in rows]

    def letter_day(self) -> dt.date | None:
        """Today, or for a decided campaign the date its record sets (None: a date line to fill in by hand)."""
        record = self.offer.record
        return record.date if record else self.today()

    def letter(self, answers: Answers) -> Letter:
        with force_locale(answers.text("letter_language")):
            return build_letter(answers, self.offer, self.letter_day(), gettext)

    def letter_context(self, answers: Answers, locale: str) -> dict:
        letter = self.letter(answers)
        text = letter.text
        route = answers.route
        mailto = None
        mailto_has_body = False
        # The record's letter is not for sending: no email to the addressee is written for it.
        if route is not None and route.needs_address and self.offer.email and not self.offer.record:
            body = quote(text, safe="")
            mailto_has_body = len(body) <= MAILTO_BODY_LIMIT
            mailto = f"mailto:{self.offer.email}?subject={quote(letter.title, safe='')}" + (
                f"&body={body}" if mailto_has_body else "")
        return {
            "letter": letter,
            "letter_text": text,
            "letter_rows": sum(1 + len(line) // 70 for line in text.splitlines()) + 1,
            "signs_by_hand": route is not None and route.signs_by_hand,
            "mailto": mailto,
            "mailto_has_body": mailto_has_body,
            "route_text": self.offer.instructions(answers.text("route"), locale),
            "record_notice": self.offer.record.notice[locale] if self.offer.record else None,
            "pdf_missing": sorted(PDF_FONTS.missing(text)),
            "after_filing": self.after_filing(answers, locale),
            # The terms the follow-up counts with, from its content; without follow-up, none are known here. They
            # are the appeal's: how long a body has for a complaint is not settled in the site's sources.
            "terms": self.offer.follow_up.terms if self.offer.follow_up and answers.kind == APPEAL else None,
            "follows_up": answers.kind != APPEAL,
        }

    def after_filing(self, answers: Answers, locale: str) -> list[dict] | None:
        """Under an appeal's letter, when the campaign follows appeals up (open, with follow-up content): the
        card's fields, empty, for the form that posts them with the answers to the follow-up page."""
        if answers.kind != APPEAL or self.offer.follow_up is None:
            return None
        return self.card_fields(answers, locale)  # an appeal's answers hold no case: the fields come empty

    def card_fields(self, answers: Answers, locale: str,
                    errors: Mapping[str, FieldError] | None = None) -> list[dict]:
        """The follow-up card's fields, drawn as the wizard draws its own, filled in with the answers."""
        shared = bool(answers["shared_device"])
        return [{**self.field_view(f, (errors or {}).get(f.name), locale, shared, heading=False),
                 "value": answers.text(f.name)} for f in CARD_FIELDS]

