"""The follow-up page over HTTP: the case card, its dates as an .ics file, and the answers file.

`/<wizard_path>/follow-up` takes a few typed fields (the date and number the appeal was registered under, an
extension or a redirection) and shows the card: when the answer is due, the latest date if extended, the date by
which to complain, and the next letters. Nothing is stored: every answer travels in the forms, and in a file the
visitor may keep and upload here again. Like the wizard, each form is a plain POST (htmx, when it runs, swaps the
page's part in place: `Vary: HX-Request`), and nothing typed is ever put in a URL. What the card shows is
card.py's.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template, request
from flask_babel import format_number, gettext
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import MethodNotAllowed

from ..htmx import asks_for_fragment
from ..i18n import localized_route
from ..site_context import site, today
from ..wizard.answers import Answers
from ..wizard.presenter import hidden_inputs
from ..wizard.schema import CARD_FIELDS
from ..wizard.steps import field_error
from ..wizard.views import presenter, read_form
from . import saved
from .card import card_view, ics_events
from .ics import ics_file

FOLLOW_UP = "#followup"  # where htmx swaps the page's part (followup/page.html)
UPLOAD_FIELD = "answers_file"
SENT = "followup"  # which of the page's forms was sent: "card" (its fields) or "upload" (a file of answers)


def blueprint(wizard_path: str) -> Blueprint:
    """The follow-up views, under /<wizard_path>/follow-up (and /<locale>/<wizard_path>/follow-up)."""
    bp = Blueprint("followup", __name__)
    localized_route(bp, f"/{wizard_path}/follow-up", methods=["GET", "POST"])(card)
    # Both files are built from a POST only. GET is routed too, to be told so (405): the pages' catch-all would
    # otherwise answer "not found" for an address that exists.
    localized_route(bp, f"/{wizard_path}/follow-up/dates.ics", methods=["GET", "POST"])(dates)
    localized_route(bp, f"/{wizard_path}/follow-up/saved-answers.json", methods=["GET", "POST"])(save)
    return bp


def unavailable() -> Response | None:
    """Why there is no follow-up: a decided campaign has no answer to wait for (said in one sentence); a campaign
    without follow-up content has no such page."""
    if not site().lifecycle.is_open:
        return page("followup/closed.html", heading=gettext("No dates to follow up"))
    if site().offer.follow_up is None:
        abort(404)
    return None


def page(template: str, status: int = 200, **context: object) -> Response:
    """The follow-up page (or for htmx its part alone), never kept by a cache: it shows what was typed."""
    fragment = asks_for_fragment(request.environ)
    body = render_template("followup/fragment.html" if fragment else "followup/page.html",
                           part=template, **context)
    response = Response(body, status=status, mimetype="text/html")
    response.vary.add("HX-Request")
    response.headers["Cache-Control"] = "no-store"
    if fragment and status >= 400:
        # site.js swaps an error answer in only when the app wrote it for this place (HX-Retarget).
        response.headers["HX-Retarget"] = FOLLOW_UP
        response.headers["HX-Reswap"] = "innerHTML show:window:top"
    return response


def answers_of(form: MultiDict) -> Answers:
    """The answers a form carries, read as for a follow-up letter: the wizard reads an appeal's answers without
    the case (an appeal has none), and the card is that case."""
    follow_up = site().offer.follow_up
    if form.get("kind") not in follow_up.kinds:
        form = form.copy()
        form["kind"] = follow_up.kinds[0]
    return read_form(form, site().offer, g.locale)


def card_errors(answers: Answers) -> list:
    """The card's fields' errors, by the wizard's own rules, in the order the form shows them."""
    offer = site().offer
    return [error for f in CARD_FIELDS if (error := field_error(offer.worded(f), answers, offer, today()))]


def form_page(answers: Answers, errors: list | None = None, notice: str | None = None,
              status: int = 200, file_error: str | None = None) -> Response:
    """The card's form, filled in with `answers`; `file_error`: why the answers file was refused, an error of its
    input like the fields' errors."""
    shown = presenter()
    fields = shown.card_fields(answers, g.locale, {e.field.name: e for e in errors or ()})
    names = [f.name for f in CARD_FIELDS]
    summary = [(e.field.name, shown.message(e.field, e)) for e in errors or ()]
    if file_error:
        summary.append((UPLOAD_FIELD, file_error))
    return page("followup/form.html", status,
                heading=gettext("The dates after your appeal"),
                errors=summary, fields=fields, hidden=hidden_inputs(answers.hidden_fields(skip=names)),
                notice=notice, file_error=file_error, shared_device=bool(answers["shared_device"]))


def card_page(answers: Answers) -> Response:
    return page("followup/card.html", heading=gettext("Your appeal's dates"),
                **card_view(answers, site(), today()))


def card() -> Response:
    if (refusal := unavailable()) is not None:
        return refusal
    if request.method == "GET":
        return form_page(answers_of(MultiDict()))
    if UPLOAD_FIELD in request.files or request.form.get(SENT) == "upload":
        return upload()
    answers = answers_of(request.form)
    if request.form.get(SENT) != "card":  # "Change the dates", from the card: the form, filled in
        return form_page(answers)
    errors = card_errors(answers)
    if errors:
        return form_page(answers, errors, status=422)
    return card_page(answers)


def upload() -> Response:
    """An answers file read back: the card when it holds the card's fields, else the form filled in from it."""
    chosen = request.files.get(UPLOAD_FIELD)
    try:
        if chosen is None or not chosen.filename:
            raise saved.SavedFileError(saved.NO_FILE)
        form = saved.load(chosen.stream.read(saved.SIZE_LIMIT + 1))
    except saved.SavedFileError as refusal:
        message = gettext(refusal.message, limit=format_number(saved.SIZE_LIMIT // 1024))
        return form_page(answers_of(MultiDict()), file_error=message, status=422)
    answers = answers_of(form)
    if not any(answers[f.name] for f in CARD_FIELDS):
        return form_page(answers, notice=gettext("Your saved answers have been read. Now give the date and the "
                                                 "number your appeal was registered under."))
    errors = card_errors(answers)
    return form_page(answers, errors, status=422) if errors else card_page(answers)


def posted_only() -> None:
    if request.method != "POST":
        raise MethodNotAllowed(["POST"])


def dates() -> Response:
    """The card's dates as an .ics file: neutral summaries unless "include details" is ticked."""
    posted_only()
    if (refusal := unavailable()) is not None:
        return refusal
    answers = answers_of(request.form)
    errors = card_errors(answers)
    if errors:
        return form_page(answers, errors, status=422)
    events = ics_events(answers, site(), detailed=request.form.get("details") == "yes")
    response = Response(ics_file(events), mimetype="text/calendar")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="dates-{today().isoformat()}.ics"'
    return response


def save() -> Response:
    """The answers as a file to keep (not on a shared device: the file holds the IIN)."""
    posted_only()
    if (refusal := unavailable()) is not None:
        return refusal
    # Read as the form says, not as for the card: from an appeal's letter step, its arguments are kept too.
    answers = read_form(request.form, site().offer, g.locale)
    if answers["shared_device"]:
        return form_page(answers, notice=gettext("Saving your answers as a file is not offered on a device someone "
                                                 "else may use."), status=403)
    response = Response(saved.dump(answers), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="answers-{today().isoformat()}.json"'
    return response

