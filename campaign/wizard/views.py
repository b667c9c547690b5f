"""The complaint wizard at /petition: one question per page, answers carried in the form, nothing stored.

A step's own form posts back to its URL. Valid answers move on: plain browsers get a 307 redirect, which
re-sends the same POST body to the next step's URL (so the address bar and a refresh follow the step while
the answers stay out of every URL); htmx gets the next step's fragment and an HX-Push-Url header. A POST
from another step's form (Back, Change, the redirect) shows the step with the answers it carries.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, redirect, render_template, request
from flask_babel import gettext as _

from ..i18n import current_locale, localize_path, localized_route
from ..pages.views import page_links
from ..site_context import config, site, today
from .answers import Answers, read_answers, replace_answers
from .letter import build_letter, letter_subject
from .messages import LABELS, LANGUAGE_NAMES, ROUTE_NAMES, message_for
from .steps import (
    QUESTION_STEPS,
    STEP_ORDER,
    FieldError,
    carried_answers_valid,
    default_letter_language,
    fields_of,
    next_step,
    normalize_all,
    previous_step,
    step_number,
    validate,
)

bp = Blueprint("wizard", __name__)
STEP_RULE = "/petition/<any(" + ", ".join(STEP_ORDER) + "):step>"
MAILTO_BODY_LIMIT = 1800  # mail clients and browsers cut longer mailto: links


def step_path(step: str) -> str:
    return localize_path(f"/petition/{step}", current_locale(), config().default_locale)


def wants_fragment() -> bool:
    """htmx swaps a fragment in, but a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def offered() -> tuple[str, ...]:
    """The arguments the campaign's content offers."""
    return site().complaint.arguments


def letter_for(answers: Answers) -> str:
    wordings = site().complaint.letters[answers.letter_language]
    return build_letter(answers, wordings, today())


def render_step(step: str, answers: Answers, errors: list[FieldError] | None = None, notice: str | None = None,
                status: int = 200, push: bool = False) -> Response:
    errors = errors or []
    if step == "complaint" and "complaint" not in answers.done:
        answers = replace_answers(answers, arguments=offered())  # all arguments on until the visitor chooses
    argument_labels = {key: labels[current_locale()] for key, labels in site().complaint.labels.items()}
    context = {
        "step": step,
        "answers": answers,
        "errors": [(e.field, message_for(e)) for e in errors],
        "error_for": {e.field: message_for(e) for e in errors},
        "hidden": answers.hidden_fields(skip=fields_of(step, answers)),
        "step_number": step_number(step),
        "step_total": len(STEP_ORDER),
        "action": step_path(step),
        "back": step_path(prev) if (prev := previous_step(step)) else None,
        "return_to": request.form.get("return_to") == "check" and step in QUESTION_STEPS,
        "notice": notice,
        "labels": LABELS,
        "route_names": ROUTE_NAMES,
        "argument_list": "\n".join(argument_labels[a] for a in answers.arguments if a in argument_labels),
        "language_names": LANGUAGE_NAMES,
        "argument_items": [(key, label, None) for key, label in argument_labels.items()],
        "step_path": step_path,
        "lifecycle": site().lifecycle,
    }
    if step == "letter":
        context.update(letter_context(answers))
    template = f"wizard/steps/{step}.html"
    if wants_fragment():
        body = render_template("wizard/fragment.html", step_template=template, **context)
    else:
        body = render_template("wizard/page.html", step_template=template, **context)
    response = Response(body, status=status, mimetype="text/html")
    response.vary.add("HX-Request")
    if wants_fragment():
        response.headers["HX-Push-Url"] = step_path(step) if push else "false"
    return response


def letter_context(answers: Answers) -> dict:
    text = letter_for(answers)
    wordings = site().complaint.letters[answers.letter_language]
    email = site().lifecycle.complaint_email
    mailto = None
    mailto_has_body = False
    if email and answers.is_alternative:
        subject = quote(letter_subject(wordings), safe="")
        body = quote(text, safe="")
        mailto_has_body = len(body) <= MAILTO_BODY_LIMIT
        mailto = f"mailto:{email}?subject={subject}" + (f"&body={body}" if mailto_has_body else "")
    return {
        "letter": text,
        "letter_rows": sum(1 + len(line) // 70 for line in text.splitlines()) + 1,
        "mailto": mailto,
        "mailto_has_body": mailto_has_body,
        "complaint_email": email,
    }


def restart(notice: str | None = None) -> Response:
    """Back to the first question, saying why (hidden answers missing or altered)."""
    notice = notice or _("We could not read your earlier answers, so the form has started again. "
                         "Nothing you typed was stored.")
    return render_step("route", Answers(), notice=notice, push=True)


@localized_route(bp, "/petition")
def start() -> str:
    page = site().pages.get("petition", current_locale())
    links = page_links(page) if page else {}
    response = Response(render_template("wizard/start.html", page=page, lifecycle=site().lifecycle,
                                        first_step=step_path("route"), **links), mimetype="text/html")
    response.vary.add("HX-Request")
    return response


@localized_route(bp, STEP_RULE, methods=["GET", "POST"])
def step_view(step: str) -> Response:
    if not site().lifecycle.wizard_enabled:
        return redirect(localize_path("/petition", current_locale(), config().default_locale), code=303)
    if request.method == "GET":
        if step == "route":
            return render_step("route", Answers())
        # Answers live only in the forms; a bare visit to a later step has none to show.
        return restart(_("Your earlier answers were not kept (this site stores nothing), so the form has "
                         "started again."))

    answers = read_form()
    if not carried_answers_valid(answers, step, offered()):
        return restart()

    if request.form.get("submitted") != step:
        # Arrived from another step (Back, Change, or the redirect after a valid answer): just show it.
        return render_step(step, answers, push=True)

    errors = validate(step, answers, offered())
    if errors:
        return render_step(step, answers, errors=errors)
    target = next_step(step)
    if request.form.get("return_to") == "check" and carried_answers_valid(answers, "check", offered()):
        target = "check"
    if wants_fragment():
        return render_step(target, answers, push=True)
    # 307 keeps the method and body: the next step gets the same answers, and the address bar shows it.
    response = redirect(step_path(target), code=307)
    response.vary.add("HX-Request")
    return response


def read_form() -> Answers:
    """The answers the posted form carries, cleaned, with the step it was submitted from marked as seen."""
    answers = normalize_all(read_answers(request.form), offered())
    if not answers.letter_language:
        answers = replace_answers(answers, letter_language=default_letter_language(current_locale()))
    submitted = request.form.get("submitted")
    if submitted in QUESTION_STEPS:
        answers = answers.with_done(submitted)
    return answers


@localized_route(bp, "/petition/complaint.txt", methods=["POST"])
def download() -> Response:
    answers = read_form()
    if not carried_answers_valid(answers, "letter", offered()):
        return restart()
    text = letter_for(answers)
    filename = f"complaint-{today().isoformat()}.txt"
    response = Response(text.encode("utf-8"), mimetype="text/plain")
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

