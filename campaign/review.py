"""`flask content review`: every letter a campaign's wizard can build, each distinct text once, in one
self-contained HTML file for a lawyer and a translator.

The letters come from the wizard itself. Each way of answering its choice questions (whichever the schema asks
of this campaign: route, sender, arguments, letter language) becomes real answers, with a placeholder for each
detail the sender types, and the wizard's own builder writes the letter. So whatever conditions the builder puts
on a wording are covered without this module knowing them, and letters that come out the same are shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from flask import Flask, render_template
from flask_babel import force_locale, format_number, gettext

from .i18n import current_locale, use_locale
from .kit import KIT_CSS, inline_style
from .site_context import site
from .wizard.answers import Answers, Value
from .wizard.letter import Letter, build_letter
from .wizard.model import Offer
from .wizard.presenter import OPTIONS
from .wizard.schema import FIELDS, Field
from .wizard.steps import implied, is_asked, options

REVIEW_CSS = Path(__file__).parent / "templates" / "review" / "review.css"
QUESTIONS = tuple(f for f in FIELDS if f.kind.is_choice)
DETAILS = tuple(f for f in FIELDS if not f.kind.is_choice and f.kind.control != "flag")


@dataclass(frozen=True)
class Variant:
    letter: Letter
    ways: tuple[Answers, ...]  # every way of answering that gives this letter, in the wizard's order


def choice_values(f: Field, offer: Offer) -> list[Value]:
    """Each answer a choice question allows: one option, or any set of them (at least one when required)."""
    offered = options(f, offer)
    if not f.kind.is_list:
        return list(offered)
    return [chosen for size in range(1 if f.required else 0, len(offered) + 1)
            for chosen in combinations(offered, size)]


def ways_of_answering(offer: Offer) -> list[Answers]:
    """Every combination of answers to the choice questions, each question only where the wizard asks it (no
    sender question on a route whose sender the signature identifies), completed as the wizard completes them."""
    ways = [Answers()]
    for f in QUESTIONS:
        ways = [branch for way in ways for branch in (
            [way.with_values(**{f.name: value}) for value in choice_values(f, offer)]
            if is_asked(f, way, offer) else [way])]
    return [implied(way, offer) for way in ways]


def with_placeholders(way: Answers, offer: Offer, label: Callable[[str], str]) -> Answers:
    """The answers with each detail the sender is asked (names, numbers, address, their own paragraph) filled in
    with its label in brackets, in the letter's language: clearly not a real sender's."""
    return way.with_values(**{f.name: f"[{label(f.label)}]" for f in DETAILS if is_asked(f, way, offer)})


def variants(offer: Offer) -> tuple[list[Variant], int]:
    """The distinct letters, in the order the wizard's answers first give them, and the number of ways."""
    # A decided campaign's letter carries the record's date; an open one's the day it is made, left blank here.
    day = offer.record.date if offer.record else None
    by_text: dict[str, tuple[Letter, list[Answers]]] = {}
    ways = ways_of_answering(offer)
    for way in ways:
        with force_locale(way.text("letter_language")):
            letter = build_letter(with_placeholders(way, offer, gettext), offer, day, gettext)
        by_text.setdefault(letter.text, (letter, []))[1].append(way)
    return [Variant(letter, tuple(same)) for letter, same in by_text.values()], len(ways)


def in_words(way: Answers, offer: Offer) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """(question, [(answer, its language if not the page's)]) for each question the wizard asked, as the
    wizard words them."""
    rows = []
    for f in QUESTIONS:
        if not is_asked(f, way, offer):
            continue
        value = way[f.name]
        chosen = value if isinstance(value, tuple) else (value,)
        items = {o.value: (o.label, o.language) for o in OPTIONS[f.options](offer, current_locale())}
        rows.append((gettext(offer.worded(f).label), [items[v] for v in chosen]))
    return rows


def render_review(app: Flask) -> tuple[str, int, int]:
    """The review document of the app's campaign, in its default locale; the numbers of letters and of ways."""
    with app.test_request_context("/", base_url=app.config["CAMPAIGN"].origin):
        use_locale(site().locales.default)
        offer = site().offer
        found, ways = variants(offer)
        css = KIT_CSS.read_text(encoding="utf-8") + REVIEW_CSS.read_text(encoding="utf-8")
        shown = [{"letter": v.letter, "ways": [in_words(way, offer) for way in v.ways]} for v in found]
        html = render_template("review/review.html", **inline_style(css), variants=shown,
                               letters=format_number(len(found)), ways=format_number(ways))
    return html, len(found), ways
