"""The complaint wizard at /petition: one question per page, answers carried in the form, nothing stored.

A step's own form posts back to its URL. Valid answers move on: plain browsers get a 307 redirect, which
re-sends the same POST body to the next step's URL (so the address bar and a refresh follow the step while
the answers stay out of every URL); htmx gets the next step's fragment and an HX-Push-Url header. A POST
from another step's form (Back, Change, the redirect) shows the step with the answers it carries.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from babel import Locale
from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import force_locale, format_number, gettext

from ..assets import STATIC_DIR
from ..i18n import current_locale, localized_route
from ..site_context import page_links, site, today
from .answers import Answers, read_answers
from .letter import Letter, build_letter
from .model import Offer
from .pdf import Fonts, build_pdf
from .schema import SENDER_KINDS, SENDER_OPTIONS, STEP_NAMES, STEPS, Field
from .steps import (
    QUESTION_STEPS,
    FieldError,
    asked,
    carried_answers_valid,
    implied,
    next_step,
    path,
    previous_step,
    step_number,
    validate,
)

bp = Blueprint("wizard", __name__)
STEP_RULE = "/petition/<any(" + ", ".join(STEP_NAMES) + "):step>"
STEPS_BY_NAME = {step.name: step for step in STEPS}
MAILTO_BODY_LIMIT = 1800  # mail clients and browsers cut longer mailto: links
PDF_FONTS = Fonts(STATIC_DIR / "fonts" / "PT_Serif-Web-Regular.ttf", STATIC_DIR / "fonts" / "PT_Serif-Web-Bold.ttf")


def offer() -> Offer:
    return site().offer


def wants_fragment() -> bool:
    """htmx swaps a fragment in, but a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def step_url(step: str) -> str:
    return url_for("wizard.step_view", step=step)


# --- what the templates show -------------------------------------------------------------------------------------

def option_items(f: Field) -> list[tuple[str, str, str | None]]:
    """(value, label, hint) of each option of a choice field, in the visitor's locale."""
    locale = current_locale()
    values = offer().options(f.options) if f.options else ()
    if f.options == "routes":
        return [(v, offer().route_texts[v][locale].label, offer().route_texts[v][locale].hint) for v in values]
    if f.options == "senders":
        return [(v, gettext(SENDER_OPTIONS[v][0]), gettext(SENDER_OPTIONS[v][1])) for v in values]
    if f.options == "letter_languages":
        return [(v, language_name(v), None) for v in values]
    return [(v, offer().argument_labels[v][locale], None) for v in values]


def language_name(code: str) -> str:
    return Locale.parse(code).get_display_name(current_locale()).capitalize()


def translated(message: str, f: Field) -> str:
    return gettext(message, limit=format_number(f.limit)) if f.limit else gettext(message)


def field_view(f: Field, answers: Answers, error: FieldError | None) -> dict:
    return {
        "field": f,
        "name": f.name,
        "label": gettext(f.label) if f.required or f.kind.is_choice or f.kind.control == "flag"
        else gettext("%(label)s (optional)", label=gettext(f.label)),
        "hint": translated(f.hint, f) if f.hint else None,
        "error": translated(error.message, f) if error else None,
        "value": answers[f.name],
        # Shared device: the browser keeps nothing typed here for its suggestions (WCAG 1.3.5 tokens otherwise).
        "autocomplete": "off" if answers["shared_device"] else f.autocomplete,
        "items": option_items(f) if f.kind.is_choice else [],
        "limit": f.limit,
    }


def display(f: Field, answers: Answers) -> str:
    """An answer as the check page shows it."""
    value = answers[f.name]
    if f.kind.control == "flag":
        return gettext("Yes") if value else gettext("No")
    if f.kind.is_choice:
        labels = {item[0]: item[1] for item in option_items(f)}
        return "\n".join(labels.get(v, v) for v in (value if isinstance(value, tuple) else (value,)))
    return str(value)


def check_rows(answers: Answers) -> list[dict]:
    return [{"label": gettext(f.label), "value": display(f, answers), "step": step_url(step),
             "change": gettext(f.change)}
            for step in path(answers, offer()) if step in QUESTION_STEPS for f in asked(step, answers, offer())]


def letter_day() -> dt.date | None:
    """Today, or for a decided campaign the date its record sets (None: a date line to fill in by hand)."""
    record = offer().record
    return record.date if record else today()


def letter_for(answers: Answers) -> Letter:
    with force_locale(answers.text("letter_language")):
        return build_letter(answers, offer(), letter_day(), gettext)


def letter_context(answers: Answers) -> dict:
    letter = letter_for(answers)
    text = letter.text
    mailto = None
    mailto_has_body = False
    if answers["route"] == "email" and offer().email:
        body = quote(text, safe="")
        mailto_has_body = len(body) <= MAILTO_BODY_LIMIT
        mailto = f"mailto:{offer().email}?subject={quote(letter.title, safe='')}" + (
            f"&body={body}" if mailto_has_body else "")
    route_text = offer().route_texts.get(answers.text("route"), {}).get(current_locale())
    return {
        "letter": letter,
        "letter_text": text,
        "letter_rows": sum(1 + len(line) // 70 for line in text.splitlines()) + 1,
        "mailto": mailto,
        "mailto_has_body": mailto_has_body,
        "route_text": route_text,
        "record_notice": offer().record.notice[current_locale()] if offer().record else None,
        "pdf_missing": sorted(PDF_FONTS.missing(text)),
    }


def render_step(step: str, answers: Answers, errors: list[FieldError] | None = None, notice: str | None = None,
                push: bool = False) -> Response:
    errors = errors or []
    if step == "complaint" and "complaint" not in answers.done:
        answers = answers.with_values(arguments=offer().arguments)  # all arguments on until the visitor chooses
    error_for = {e.field.name: e for e in errors}
    fields = [field_view(f, answers, error_for.get(f.name)) for f in asked(step, answers, offer())]
    number, total = step_number(step, answers, offer())
    # The about step speaks of the sender: "About you", "About the organisation".
    kind = SENDER_KINDS.get(answers.sender_kind or "") if step == "about" else None
    title, intro = (kind.about_title, kind.about_intro) if kind else (STEPS_BY_NAME[step].title, None)
    back = previous_step(step, answers, offer())
    context = {
        "step": STEPS_BY_NAME[step],
        "heading": gettext(title),
        "intro": gettext(intro) if intro else None,
        "answers": answers,
        "fields": fields,
        "errors": [(view["name"], view["error"]) for view in fields if view["error"]],
        "hidden": answers.hidden_fields(skip=[f["name"] for f in fields]),
        "step_number": number,
        "step_total": total,
        "action": step_url(step),
        "back": step_url(back) if back else None,
        "return_to": request.form.get("return_to") == "check" and step in QUESTION_STEPS,
        "notice": notice,
        "lifecycle": site().lifecycle,
    }
    if step == "check":
        context["rows"] = check_rows(answers)
    if step == "letter":
        context.update(letter_context(answers))
    template = "wizard/steps/question.html" if step in QUESTION_STEPS else f"wizard/steps/{step}.html"
    fragment = wants_fragment()
    body = render_template("wizard/fragment.html" if fragment else "wizard/page.html", step_template=template,
                           **context)
    response = Response(body, mimetype="text/html")
    response.vary.add("HX-Request")
    if fragment:
        response.headers["HX-Push-Url"] = step_url(step) if push else "false"
    return response


def restart(notice: str | None = None) -> Response:
    """Back to the first question, saying why (hidden answers missing or altered)."""
    notice = notice or gettext("We could not read your earlier answers, so filling in the form has started "
                               "again. Nothing you typed was stored.")
    return render_step(STEP_NAMES[0], implied(Answers(), offer()), notice=notice, push=True)


@localized_route(bp, "/petition")
def start() -> Response:
    page = site().pages.get("petition", current_locale())
    links = page_links("petition", endpoint="wizard.start") if page else {}
    response = Response(render_template("wizard/start.html", page=page, lifecycle=site().lifecycle,
                                        first_step=step_url(STEP_NAMES[0]), **links), mimetype="text/html")
    response.vary.add("HX-Request")
    return response


@localized_route(bp, STEP_RULE, methods=["GET", "POST"])
def step_view(step: str) -> Response:
    if not site().lifecycle.wizard_enabled:
        return redirect(url_for("wizard.start"), code=303)
    if request.method == "GET":
        if step == STEP_NAMES[0]:
            return render_step(step, implied(Answers(), offer()))
        # Answers live only in the forms; a bare visit to a later step has none to show.
        return restart(gettext("Your earlier answers were not kept (this site stores nothing), so filling in "
                               "the form has started again."))

    answers = read_form()
    if not carried_answers_valid(answers, step, offer()):
        return restart()
    if request.form.get("submitted") != step or step not in QUESTION_STEPS + ("check",):
        # Arrived from another step (Back, Change, or the redirect after a valid answer): just show it.
        return render_step(step, answers, push=True)

    errors = validate(step, answers, offer()) if step in QUESTION_STEPS else []
    if errors:
        return render_step(step, answers, errors=errors)
    target = next_step(step, answers, offer()) or step
    if request.form.get("return_to") == "check" and carried_answers_valid(answers, "check", offer()):
        target = "check"
    if wants_fragment():
        return render_step(target, answers, push=True)
    # 307 keeps the method and body: the next step gets the same answers, and the address bar shows it.
    response = redirect(step_url(target), code=307)
    response.vary.add("HX-Request")
    return response


def read_form() -> Answers:
    """The answers the posted form carries, cleaned, with the step it was submitted from marked as seen."""
    answers = read_answers(request.form)
    if not answers["letter_language"]:
        languages = offer().letter_languages
        answers = answers.with_values(letter_language=current_locale() if current_locale() in languages
                                      else languages[0])
    answers = implied(answers, offer())
    submitted = request.form.get("submitted")
    if submitted in QUESTION_STEPS:
        answers = answers.with_done(submitted)
    return answers


def attachment(answers: Answers, extension: str) -> Response:
    """The letter as a file: `.txt` (its text) or `.pdf` (laid out on A4). Built from the posted answers only;
    the file's name carries no typed text."""
    if not carried_answers_valid(answers, "letter", offer()):
        return restart()
    letter = letter_for(answers)
    if extension == "pdf":
        response = Response(build_pdf(letter, PDF_FONTS), mimetype="application/pdf")
    else:
        response = Response(letter.text.encode("utf-8"), mimetype="text/plain")
        response.charset = "utf-8"
    day = letter_day()
    name = f"appeal-{day.isoformat()}" if day else "appeal"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@localized_route(bp, "/petition/appeal.txt", methods=["POST"])
def download() -> Response:
    return attachment(read_form(), "txt")


@localized_route(bp, "/petition/appeal.pdf", methods=["POST"])
def download_pdf() -> Response:
    return attachment(read_form(), "pdf")
