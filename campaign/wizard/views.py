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
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, format_number, gettext
from markupsafe import Markup, escape

from ..assets import STATIC_DIR
from ..htmx import asks_for_fragment
from ..i18n import current_locale, localized_route, use_locale
from ..kit import render_kit
from ..site_context import page_links, site, today
from .answers import Answers, read_answers
from .letter import Letter, build_letter
from .model import Offer
from .pdf import Fonts, build_pdf
from .schema import SENDER_KINDS, SENDER_OPTIONS, STEP_NAMES, STEPS, Field
from .steps import QUESTION_STEPS, FieldError, Progress, implied, options

bp = Blueprint("wizard", __name__)
STEP_RULE = "/petition/<any(" + ", ".join(STEP_NAMES) + "):step>"
STEPS_BY_NAME = {step.name: step for step in STEPS}
MAILTO_BODY_LIMIT = 1800  # mail clients and browsers cut longer mailto: links
PDF_FONTS = Fonts(STATIC_DIR / "fonts" / "PT_Serif-Web-Regular.ttf", STATIC_DIR / "fonts" / "PT_Serif-Web-Bold.ttf")


def offer() -> Offer:
    return site().offer


def wants_fragment() -> bool:
    """htmx swaps a fragment in, but a history restore needs the whole page (prebuilt.py decides alike)."""
    return asks_for_fragment(request.environ)


def step_url(step: str) -> str:
    """A step's URL in the current locale (built once per locale: every step page links several)."""
    key = (current_locale(), step)
    cache = current_app.extensions.setdefault("campaign_step_urls", {})
    if key not in cache:
        cache[key] = url_for("wizard.step_view", step=step)
    return cache[key]


# --- what the templates show -------------------------------------------------------------------------------------

def option_items(f: Field) -> list[tuple[str, str, str | None]]:
    """(value, label, hint) of each option of a choice field, in the visitor's locale."""
    locale = current_locale()
    values = options(f, offer())
    if f.options == "routes":
        texts = [offer().route_texts[v][locale] for v in values]
        # A route not translated yet is shown in the language it is written in, and marked so.
        return [(v, text.label, text.hint, text.language if text.language != locale else None)
                for v, text in zip(values, texts, strict=True)]
    if f.options == "senders":
        return [(v, gettext(SENDER_OPTIONS[v][0]), gettext(SENDER_OPTIONS[v][1]), None) for v in values]
    if f.options == "letter_languages":
        return [(v, language_name(v), None, None) for v in values]
    return [(v, offer().argument_labels[v][locale], None, None) for v in values]


def language_name(code: str) -> str:
    return Locale.parse(code).get_display_name(current_locale()).capitalize()


def field_text(f: Field, error: FieldError | None) -> dict:
    """What a field shows that depends only on the locale and the error: worked out once for each."""
    key = (f.name, current_locale(), error.code if error else None)
    cache = current_app.extensions.setdefault("campaign_field_texts", {})
    if key not in cache:
        limit = format_number(f.limit) if f.limit else None
        with_limit = {"limit": limit} if limit else {}
        hint = gettext(f.hint, **with_limit) if f.hint else None
        message = gettext(error.message, **with_limit) if error else None
        cache[key] = {
            "field": f,
            "name": f.name,
            "label": gettext(f.label) if f.required or f.kind.is_choice or f.kind.control == "flag"
            else gettext("%(label)s (optional)", label=gettext(f.label)),
            "hint": hint,
            "error": message,
            # aria-describedby: the hint, then the error
            "described": " ".join(f"{f.name}-{part}" for part, shown in (("hint", hint), ("error", message))
                                  if shown),
            "items": option_items(f) if f.kind.is_choice else [],
            "limit": f.limit,
            "limit_text": limit,
        }
    return cache[key]


# Where a typed value goes in a field's cached markup: cleaned answers never hold a control character.
VALUE = "\x00"
MACROS = {"checkbox": "choices", "radio": "choices", "flag": "flag"}


def field_view(f: Field, answers: Answers, error: FieldError | None, heading: bool = False) -> dict:
    view = {
        **field_text(f, error),
        "value": answers[f.name],
        # Shared device: the browser keeps nothing typed here for its suggestions (WCAG 1.3.5 tokens otherwise).
        "autocomplete": "off" if answers["shared_device"] else f.autocomplete,
    }
    view["html"] = field_markup(view, heading)
    return view


def field_markup(view: dict, heading: bool) -> Markup:
    """The field's markup, from its macro in wizard/_macros.html. Rendered once per locale, error, autocomplete
    and choice made; a typed value is put in its place each time."""
    f = view["field"]
    value = view["value"]
    if f.kind.is_choice or f.kind.control == "flag":
        chosen = set(value) if isinstance(value, tuple) else {value}
        shown = tuple(item[0] for item in view["items"] if item[0] in chosen) or bool(value)
    else:
        shown = None
    key = (f.name, current_locale(), view["error"], view["autocomplete"], heading, shown)
    cache = current_app.extensions.setdefault("campaign_field_markup", {})
    if key not in cache:
        macro = get_template_attribute("wizard/_macros.html", MACROS.get(f.kind.control, "text_field"))
        drawn = {**view, "value": value if shown is not None else VALUE}
        cache[key] = str(macro(drawn, heading) if f.kind.is_choice else macro(drawn))
    html = cache[key]
    return Markup(html if shown is not None else html.replace(VALUE, str(escape(value)), 1))


def display(f: Field, answers: Answers) -> str:
    """An answer as the check page shows it."""
    value = answers[f.name]
    if f.kind.control == "flag":
        return gettext("Yes") if value else gettext("No")
    if f.kind.is_choice:
        labels = {item[0]: item[1] for item in option_items(f)}
        return "\n".join(labels.get(v, v) for v in (value if isinstance(value, tuple) else (value,)))
    return str(value)


def check_rows(progress: Progress) -> list[dict]:
    return [{"label": gettext(f.label), "value": display(f, progress.answers), "step": step_url(step),
             "change": gettext(f.change)}
            for step in progress.path if step in QUESTION_STEPS for f in progress.asked(step)]


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


def render_step(step: str, progress: Progress, errors: list[FieldError] | None = None, notice: str | None = None,
                push: bool = False) -> Response:
    errors = errors or []
    answers = progress.answers
    if step == "complaint" and "complaint" not in answers.done:
        answers = answers.with_values(arguments=offer().arguments)  # all arguments on until the visitor chooses
    error_for = {e.field.name: e for e in errors}
    asked = progress.asked(step)
    # With one question on the page (route, sender), the first field's legend is the page's heading.
    legend_heading = STEPS_BY_NAME[step].question_as_heading and bool(asked) and asked[0].kind.is_choice
    fields = [field_view(f, answers, error_for.get(f.name), heading=legend_heading and index == 0)
              for index, f in enumerate(asked)]
    number, total = progress.step_number(step)
    # The about step speaks of the sender: "About you", "About the organisation".
    kind = SENDER_KINDS.get(answers.sender_kind or "") if step == "about" else None
    title, intro = (kind.about_title, kind.about_intro) if kind else (STEPS_BY_NAME[step].title, None)
    if not legend_heading and STEPS_BY_NAME[step].title_alone:
        title = STEPS_BY_NAME[step].title_alone  # the campaign answered the step's question: a single route
    back = progress.previous_step(step)
    context = {
        "step": STEPS_BY_NAME[step],
        "heading": gettext(title),
        "intro": gettext(intro) if intro else None,
        "answers": answers,
        "fields": fields,
        "legend_heading": legend_heading,
        "errors": [(view["name"], view["error"]) for view in fields if view["error"]],
        "hidden": answers.hidden_fields(skip=[f["name"] for f in fields]),
        "step_number": number,
        "step_total": total,
        "action": step_url(step),
        "back": step_url(back) if back else None,
        "return_to": request.form.get("return_to") == "check" and step in QUESTION_STEPS,
        "notice": notice,
    }
    if step == "check":
        context["rows"] = check_rows(progress)
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
    return render_step(no_answers().path[0], no_answers(), notice=notice, push=True)


def no_answers() -> Progress:
    """A visitor at the first step, with only the answers the campaign implies."""
    return Progress(implied(Answers(), offer()), offer())


@localized_route(bp, "/petition")
def start() -> Response:
    page = site().pages.get("petition", current_locale())
    links = page_links("petition", endpoint="wizard.start") if page else {}
    response = Response(render_template("wizard/start.html", page=page, first_step=step_url(STEP_NAMES[0]),
                                        **links), mimetype="text/html")
    response.vary.add("HX-Request")
    return response


@localized_route(bp, STEP_RULE, methods=["GET", "POST"])
def step_view(step: str) -> Response:
    if not site().lifecycle.wizard_enabled:
        return redirect(url_for("wizard.start"), code=303)
    if request.method == "GET":
        if step == STEP_NAMES[0]:  # the start page links here: show the first step this campaign asks
            return render_step(no_answers().path[0], no_answers())
        # Answers live only in the forms; a bare visit to a later step has none to show.
        return restart(gettext("Your earlier answers were not kept (this site stores nothing), so filling in "
                               "the form has started again."))

    progress = Progress(read_form(), offer())
    if not progress.carried_answers_valid(step):
        return restart()
    if request.form.get("submitted") != step or step not in QUESTION_STEPS + ("check",):
        # Arrived from another step (Back, Change, or the redirect after a valid answer): just show it.
        return render_step(step, progress, push=True)

    errors = progress.validate(step) if step in QUESTION_STEPS else []
    if errors:
        return render_step(step, progress, errors=errors)
    target = progress.next_step(step) or step
    if request.form.get("return_to") == "check" and progress.carried_answers_valid("check"):
        target = "check"
    if wants_fragment():
        return render_step(target, progress, push=True)
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
    if not site().lifecycle.wizard_enabled:
        return redirect(url_for("wizard.start"), code=303)
    if not Progress(answers, offer()).carried_answers_valid("letter"):
        return redirect(step_url(STEP_NAMES[0]), code=303)  # nothing to build the letter from
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


@bp.route("/petition/offline-kit-<language>.html")
def offline_kit(language: str) -> Response:
    """The offline kit of a letter language, as a file to keep or pass on (kit.py)."""
    if not site().lifecycle.wizard_enabled or language not in offer().letter_languages:
        abort(404)
    use_locale(language)
    response = Response(render_kit(language), mimetype="text/html")
    response.headers["Content-Disposition"] = f'attachment; filename="offline-kit-{language}.html"'
    return response
