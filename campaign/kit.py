"""The offline kit: one self-contained HTML file per letter language, with the route instructions and the letter
to fill in by hand and print. It needs no connection, loads nothing (its own CSP allows only the style sheet
inside it), and can be passed on as a single file; the static copy (export.py) offers it in place of the wizard."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from flask import render_template
from flask_babel import force_locale, gettext
from markupsafe import Markup

from .relative import ATTRIBUTE
from .site_context import absolute, site
from .wizard.answers import Answers
from .wizard.letter import BLANK, Letter, build_letter
from .wizard.schema import ROUTES

KIT_CSS = Path(__file__).parent / "templates" / "kit" / "kit.css"


def kit_letter(language: str) -> Letter:
    """The letter of a person who makes every argument, with blanks for what the sender writes in by hand."""
    offer = site().offer
    # A letter to print and sign: the first route offered whose letters are signed by hand.
    route = next((r for r in offer.routes if ROUTES[r].signs_by_hand), offer.routes[0])
    answers = Answers().with_values(route=route, sender="person", surname=BLANK * 2, address=BLANK * 3,
                                    iin=BLANK, arguments=offer.arguments, letter_language=language)
    with force_locale(language):
        return build_letter(answers, offer, offer.record.date if offer.record else None, gettext)


def to_primary(html: str) -> Markup:
    """Internal links as links to the primary: a single file has no pages beside it."""
    return Markup(ATTRIBUTE.sub(lambda match: match.group(1) + absolute("/"), str(html)))


def inline_style(css: str) -> dict[str, str]:
    """The style sheet of a file that stands alone (partials/standalone_head.html), and its hash: the file's CSP
    allows this one style sheet, by hash, and nothing else, so opened anywhere it fetches nothing."""
    return {"css": Markup(css),
            "style_hash": base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")}


def render_kit(language: str) -> str:
    """The kit in `language`, which is both its letter's language and the language of its instructions."""
    offer = site().offer
    # A decided campaign's kit tells how each route was used then (its record text, with its own heading), never
    # how to file the letter now: the same texts as the letter page.
    texts = [(offer.route_texts[route][language].label, text) for route in offer.routes
             if (text := offer.instructions(route, language))]
    routes = [(label, to_primary(text.instructions)) for label, text in texts]
    notice = offer.record.notice[language] if offer.record else None
    return render_template("kit/kit.html", **inline_style(KIT_CSS.read_text(encoding="utf-8")), routes=routes,
                           letter=kit_letter(language), record_notice=to_primary(notice) if notice else None,
                           addresses=site().addresses)
