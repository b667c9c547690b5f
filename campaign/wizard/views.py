"""The complaint wizard over HTTP: one question per page, answers carried in the form, nothing stored.

Its URLs sit under the campaign's own segment (campaign.yml `wizard_path`, "/petition" by default). A step's own
form posts back to its URL. Valid answers move on: plain browsers get a 307 redirect, which re-sends the same
POST body to the next step's URL (so the address bar and a refresh follow the step while the answers stay out of
every URL); htmx gets the next step's fragment and an HX-Push-Url header. A POST from another step's form (Back,
Change, the redirect) shows the step with the answers it carries. What each page shows is presenter.py's.
"""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from ..htmx import asks_for_fragment
from ..i18n import localized_route, use_locale
from ..kit import render_kit
from ..relative import Relinked
from ..site_context import page_links, site, today
from .answers import Answers, read_answers
from .model import Offer
from .pdf import build_pdf
from .presenter import PDF_FONTS, Presenter, Visit
from .schema import LETTER_STEP, REVIEW_STEP, STEP_NAMES, STEPS_BY_NAME
from .steps import QUESTION_STEPS, FieldError, Progress, implied

PRESENTER = "campaign_wizard"  # the app's Presenter, in app.extensions


def blueprint(wizard_path: str) -> Blueprint:
    """The wizard's views, under /<wizard_path> (and /<locale>/<wizard_path>)."""
    bp = Blueprint("wizard", __name__)
    localized_route(bp, f"/{wizard_path}")(start)
    localized_route(bp, f"/{wizard_path}/<any({', '.join(STEP_NAMES)}):step>", methods=["GET", "POST"])(step_view)
    localized_route(bp, f"/{wizard_path}/appeal.txt", methods=["POST"])(download)
    localized_route(bp, f"/{wizard_path}/appeal.pdf", methods=["POST"])(download_pdf)
    bp.add_url_rule(f"/{wizard_path}/offline-kit-<language>.html", view_func=offline_kit)
    return bp


def init_wizard(app: Flask) -> None:
    """Give the app its presenter, once the campaign is loaded."""
    campaign = app.extensions["campaign_site"]
    app.extensions[PRESENTER] = Presenter(app, campaign.offer, campaign.lifecycle.name, today)


def presenter() -> Presenter:
    return current_app.extensions[PRESENTER]


def locale() -> str:
    """The locale of the URL, set for every request (i18n.pull_locale)."""
    return g.locale


def render_step(step: str, progress: Progress, errors: list[FieldError] | None = None, notice: str | None = None,
                push: bool = False) -> Response:
    fragment = asks_for_fragment(request.environ)
    shown = presenter()
    return_to = request.form.get("return_to") == REVIEW_STEP and step in QUESTION_STEPS
    body = shown.page(Visit(STEPS_BY_NAME[step], progress, locale(), request.path, fragment, tuple(errors or ()),
                            notice, return_to))
    response = Relinked(body, mimetype="text/html")
    response.vary.add("HX-Request")
    if fragment:
        response.headers["HX-Push-Url"] = shown.step_url(step, locale()) if push else "false"
    return response


def restart(notice: str | None = None) -> Response:
    """Back to the first question, saying why (hidden answers missing or altered)."""
    notice = notice or gettext("We could not read your earlier answers, so filling in the form has started "
                               "again. Nothing you typed was stored.")
    progress = no_answers()
    return render_step(progress.path[0], progress, notice=notice, push=True)


def no_answers() -> Progress:
    """A visitor at the first step, with only the answers the campaign implies."""
    offer = site().offer
    return Progress(implied(Answers(), offer), offer)


def start() -> Response:
    """The wizard's start page: the campaign's content page of the wizard's own key opens it."""
    key = site().wizard_path
    page = site().pages.get(key, locale())
    links = page_links(key, endpoint="wizard.start") if page else {}
    response = Response(render_template("wizard/start.html", page=page,
                                        first_step=presenter().step_url(STEP_NAMES[0], locale()), **links),
                        mimetype="text/html")
    response.vary.add("HX-Request")
    return response


def step_view(step: str) -> Response:
    campaign = site()
    if not campaign.lifecycle.wizard_enabled:
        return redirect(url_for("wizard.start"), code=303)
    if request.method == "GET":
        if step == STEP_NAMES[0]:  # the start page links here: show the first step this campaign asks
            progress = no_answers()
            return render_step(progress.path[0], progress)
        # Answers live only in the forms; a bare visit to a later step has none to show.
        return restart(gettext("Your earlier answers were not kept (this site stores nothing), so filling in "
                               "the form has started again."))

    form = request.form
    progress = Progress(read_form(form, campaign.offer, locale()), campaign.offer, today())
    if not progress.carried_answers_valid(step):
        return restart()
    if form.get("submitted") != step or step not in (*QUESTION_STEPS, REVIEW_STEP):
        # Arrived from another step (Back, Change, or the redirect after a valid answer): just show it.
        return render_step(step, progress, push=True)

    errors = progress.validate(step) if step in QUESTION_STEPS else []
    if errors:
        return render_step(step, progress, errors=errors)
    target = progress.next_step(step) or step
    if form.get("return_to") == REVIEW_STEP and progress.carried_answers_valid(REVIEW_STEP):
        target = REVIEW_STEP
    if asks_for_fragment(request.environ):
        return render_step(target, progress, push=True)
    # 307 keeps the method and body: the next step gets the same answers, and the address bar shows it.
    response = redirect(presenter().step_url(target, locale()), code=307)
    response.vary.add("HX-Request")
    return response


def read_form(form: MultiDict, offer: Offer, locale: str) -> Answers:
    """The answers the posted form carries, cleaned, with the step it was submitted from marked as seen."""
    answers = read_answers(form)
    if not answers["letter_language"]:
        languages = offer.letter_languages
        answers = answers.with_values(letter_language=locale if locale in languages else languages[0])
    answers = implied(answers, offer)
    submitted = form.get("submitted")
    if submitted in QUESTION_STEPS:
        answers = answers.with_done(submitted)
    return answers


def attachment(answers: Answers, extension: str) -> Response:
    """The letter as a file: `.txt` (its text) or `.pdf` (laid out on A4). Built from the posted answers only;
    the file's name carries no typed text, nor what kind of letter it is (a complaint, a reminder)."""
    if not site().lifecycle.wizard_enabled:
        return redirect(url_for("wizard.start"), code=303)
    if not Progress(answers, site().offer, today()).carried_answers_valid(LETTER_STEP):
        return redirect(presenter().step_url(STEP_NAMES[0], locale()), code=303)  # nothing to build it from
    shown = presenter()
    letter = shown.letter(answers)
    if extension == "pdf":
        response = Response(build_pdf(letter, PDF_FONTS), mimetype="application/pdf")
    else:
        response = Response(letter.text.encode("utf-8"), mimetype="text/plain")
        response.charset = "utf-8"
    day = shown.letter_day()
    name = f"letter-{day.isoformat()}" if day else "letter"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


def download() -> Response:
    return attachment(read_form(request.form, site().offer, locale()), "txt")


def download_pdf() -> Response:
    return attachment(read_form(request.form, site().offer, locale()), "pdf")


def offline_kit(language: str) -> Response:
    """The offline kit of a letter language, as a file to keep or pass on (kit.py)."""
    if not site().lifecycle.wizard_enabled or language not in site().offer.letter_languages:
        abort(404)
    use_locale(language)
    response = Response(render_kit(language), mimetype="text/html")
    response.headers["Content-Disposition"] = f'attachment; filename="offline-kit-{language}.html"'
    return response
