"""The letters that follow an appeal up, built by the wizard with no JavaScript: each kind in each letter
language of the fixture campaign, its case step, its check page and downloads, and when each kind opens.

The dates are chosen where no calendar can doubt them: an appeal registered on Wednesday 1 April 2026 (no public
holiday in April in Kazakhstan) is due on Wednesday 22 April, the fifteenth working day after it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from html import unescape
from typing import Any

import pytest
from flask_babel import force_locale, format_date
from pypdf import PdfReader

from campaign import clock

from .conftest import DEFAULT, PARK, Wizard, answers_for, client_of, errors_in, letter_in, read_form, rooted, translated
from .test_html_validity import VNU

REGISTERED = dt.date(2026, 4, 1)
DUE = dt.date(2026, 4, 22)
NUMBER = "ЖТ-2026-00417"
CASE = {"registered_on": "01.04.2026", "registration_number": f"№ {NUMBER}"}
UNSATISFACTORY = {"answer_on": "2026-04-15", "answer_gist": "Ответ пересказывает план и не отвечает на доводы."}
KINDS = tuple(PARK.yaml("complaint/follow-up/settings.yml")["letters"])


@pytest.fixture()
def on_day(monkeypatch):
    """Stand at noon of a given day in the campaign's time zone (UTC+5)."""

    def stand(day: dt.date) -> None:
        moment = dt.datetime.combine(day, dt.time(7), tzinfo=dt.UTC)
        monkeypatch.setattr(clock, "now", lambda: moment)

    return stand


def long_date(locale: str, day: dt.date) -> str:
    """A date as the site writes it in its messages in `locale`."""
    with client_of(PARK).application.test_request_context(), force_locale(locale):
        return format_date(day, "long")


def addressee(kind: str, language: str) -> list[str]:
    text = PARK.yaml(f"complaint/follow-up/{kind}.{language}.yml")["addressee"]
    return [line.strip() for line in text.splitlines() if line.strip()]


def follow_up(locale: str, kind: str, **extra: Any) -> tuple[Wizard, dict[str, Any]]:
    """A walk of the wizard for a follow-up letter, begun as the follow-up page's form begins it: the answers
    it carries and the kind posted to the first step."""
    w = Wizard(client_of(PARK), PARK, locale)
    answers = answers_for(PARK, "paper", "person", locale, **{**CASE, **UNSATISFACTORY, **extra})
    response = w.post(w.url("route"), {"kind": kind})
    pages: dict[str, Any] = {}
    while (step := w.step_of(response.get_data(as_text=True))) is not None:
        html = response.get_data(as_text=True)
        if step in pages:
            pages["stopped"] = response
            break
        pages[step] = response
        response = w.submit(html, answers)
    else:
        pages["letter"] = response
    return w, pages


@pytest.mark.parametrize("locale", PARK.letter_languages)
@pytest.mark.parametrize("kind", KINDS)
def test_each_follow_up_letter_names_the_appeal_and_goes_to_its_addressee(on_day, kind, locale):
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up(locale, kind)
    assert "stopped" not in pages, errors_in(pages["stopped"].get_data(as_text=True))
    assert "case" in pages
    html = pages["letter"].get_data(as_text=True)
    letter = letter_in(html)
    assert NUMBER in letter and "№ №" not in letter
    assert "01.04.2026" in letter
    assert letter.startswith("\n".join(addressee(kind, locale)) + "\n")
    assert "{" not in letter  # every placeholder filled
    title = PARK.yaml(f"complaint/follow-up/{kind}.{locale}.yml")["subject"]
    assert title.split("{", 1)[0] in letter
    if kind == "unsatisfactory":
        assert UNSATISFACTORY["answer_gist"] in letter and "15.04.2026" in letter
    # None of the appeal's arguments: a follow-up letter makes none of them again.
    for argument in PARK.arguments:
        assert not any(wording in letter for wording in PARK.wordings(locale, argument))


@pytest.mark.parametrize("kind", KINDS)
def test_the_letter_steps_heading_names_the_kind_of_letter(on_day, kind):
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up("ru", kind)
    title = {"reminder": "Your reminder is ready", "inaction": "Your complaint about the lack of an answer is ready",
             "unsatisfactory": "Your complaint about the answer is ready"}[kind]
    heading = re.search(r"<h1>(.*?)</h1>", pages["letter"].get_data(as_text=True), re.S).group(1)
    assert unescape(heading) == translated(client_of(PARK).application, "ru", title)


def test_the_check_page_shows_the_case_with_a_change_button_for_each_answer(on_day):
    on_day(DUE + dt.timedelta(days=3))
    w, pages = follow_up("kk", "unsatisfactory", extended_to="2026-05-20")
    app = client_of(PARK).application
    check = unescape(rooted(pages["check"]))
    case_url = PARK.url("petition/case", "kk")
    for change in ("Change the date your appeal was registered", "Change the registration number",
                   "Change the extended term", "Change the date of the answer", "Change what the answer said"):
        text = translated(app, "kk", change)
        assert re.search(rf'formaction="{case_url}"><span aria-hidden="true">[^<]+</span><span '
                         rf'class="visually-hidden">{re.escape(text)}</span>', check), change
    # Dates as the letter prints them, the number without the "№" the letter adds itself.
    assert "<dd>01.04.2026</dd>" in check and f"<dd>{NUMBER}</dd>" in check and "<dd>20.05.2026</dd>" in check
    # The Change button brings the case step back with its answers.
    again = w.post(case_url, {**w.form_data(pages["check"].get_data(as_text=True)), "return_to": "check"})
    form = dict(read_form(again.get_data(as_text=True))["data"])
    assert form["registered_on"] == "2026-04-01" and form["extended_to"] == "2026-05-20"


def test_a_follow_up_letter_downloads_as_text_and_as_pdf(on_day):
    on_day(DUE + dt.timedelta(days=3))
    w, pages = follow_up("ru", "inaction")
    html = rooted(pages["letter"])
    action = re.search(r'<form class="letter-actions" method="post" action="([^"]+)">', html).group(1)
    data = w.form_data(html, action)
    text = client_of(PARK).post(action, data=data)
    assert text.status_code == 200 and text.get_data(as_text=True) == letter_in(html)
    assert text.headers["Content-Disposition"] == f'attachment; filename="letter-{(DUE + dt.timedelta(days=3))}.txt"'
    pdf = client_of(PARK).post(action.replace(".txt", ".pdf"), data=data)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].endswith('.pdf"') and "inaction" not in pdf.headers["Content-Disposition"]
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_data())).pages)
    assert NUMBER in pdf_text and "01.04.2026" in pdf_text


@pytest.mark.parametrize("locale", PARK.letter_languages)
def test_the_inaction_complaint_opens_the_day_after_the_answer_was_due(on_day, locale):
    message = "The term for the answer has not passed yet: a complaint about the lack of an answer can be lodged " \
              "from %(date)s"
    app = client_of(PARK).application
    on_day(DUE)
    _, pages = follow_up(locale, "inaction")
    assert "letter" not in pages
    refused = pages["stopped"].get_data(as_text=True)
    assert Wizard.step_of(refused) == "case"
    assert errors_in(refused) == [translated(app, locale, message, date=long_date(locale, DUE + dt.timedelta(days=1)))]
    assert 'href="#registered_on"' in refused
    on_day(DUE + dt.timedelta(days=1))
    _, pages = follow_up(locale, "inaction")
    assert "letter" in pages


def test_the_reminder_opens_on_the_day_the_answer_is_due(on_day):
    app = client_of(PARK).application
    on_day(DUE - dt.timedelta(days=1))
    _, pages = follow_up("ru", "reminder")
    assert errors_in(pages["stopped"].get_data(as_text=True)) == [translated(
        app, "ru", "The answer is due on %(date)s: a reminder can be sent from that day", date=long_date("ru", DUE))]
    on_day(DUE)
    assert "letter" in follow_up("ru", "reminder")[1]


def test_an_extension_moves_the_day_the_inaction_complaint_opens(on_day):
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up("ru", "inaction", extended_to="2026-05-29")
    errors = errors_in(pages["stopped"].get_data(as_text=True))
    assert errors == [translated(client_of(PARK).application, "ru", "The term for the answer has not passed yet: a "
                                 "complaint about the lack of an answer can be lodged from %(date)s",
                                 date=long_date("ru", dt.date(2026, 5, 30)))]


def test_the_complaint_about_an_answer_needs_its_date_and_what_it_said(on_day):
    on_day(DUE)
    app = client_of(PARK).application
    _, pages = follow_up("ru", "unsatisfactory", answer_on="", answer_gist="")
    assert errors_in(pages["stopped"].get_data(as_text=True)) == [
        translated(app, "ru", "Enter the date of the answer"),
        translated(app, "ru", "Say what the answer said and why it does not answer your appeal")]
    _, pages = follow_up("ru", "reminder")
    assert 'name="answer_on"' not in pages["case"].get_data(as_text=True)  # asked of that complaint only


@pytest.mark.parametrize(("answers", "field", "message"), [
    ({"registered_on": "31.02.2026"}, "registered_on", "Enter the registration date as a real date, like 05.03.2026"),
    ({"registered_on": "2026-12-01"}, "registered_on", "The registration date cannot be later than today"),
    ({"registered_on": "01.04.0206"}, "registered_on", "Enter the registration date as a real date, like 05.03.2026"),
    ({"extended_to": "9999-12-31"}, "extended_to", "Enter the extended term as a real date, like 05.05.2026"),
    ({"extended_to": "2026-03-01"}, "extended_to", "The extended term cannot be earlier than the registration date"),
    ({"redirected_on": "2026-04-03"}, "redirected_to", "Enter the body your appeal was sent on to"),
    ({"registration_number": "<b>"}, "registration_number",
     "The registration number must only include letters, digits, spaces, full stops, slashes and hyphens"),
])
def test_the_case_step_refuses_a_date_that_cannot_be(on_day, answers, field, message):
    on_day(DUE + dt.timedelta(days=3))
    _, pages = follow_up("ru", "reminder", **answers)
    refused = pages["stopped"].get_data(as_text=True)
    assert Wizard.step_of(refused) == "case" and pages["stopped"].status_code == 200
    assert errors_in(refused) == [translated(client_of(PARK).application, "ru", message)]
    assert f'href="#{field}"' in refused


def test_a_redirection_is_named_in_the_letter_where_a_wording_is_given_it(on_day):
    on_day(DUE + dt.timedelta(days=30))
    _, pages = follow_up("ru", "inaction", redirected_on="2026-04-03", redirected_to="Отдел парков")
    assert "letter" in pages
    check = unescape(pages["check"].get_data(as_text=True))
    assert "<dd>03.04.2026</dd>" in check and "<dd>Отдел парков</dd>" in check


def test_the_appeal_never_asks_about_a_case():
    w = Wizard(client_of(PARK), PARK)
    pages = w.run(answers_for(PARK, "paper", "person", **CASE))
    assert "case" not in pages
    letter = letter_in(pages["letter"].get_data(as_text=True))
    assert NUMBER not in letter and "01.04.2026" not in letter
    hidden = pages["letter"].get_data(as_text=True)
    # The case is carried by no form (the letter step's "After you file it" asks it afresh, empty).
    assert 'type="hidden" name="registered_on"' not in hidden and 'value="2026-04-01"' not in hidden
    assert '<input type="hidden" name="kind" value="appeal">' in hidden


@pytest.mark.parametrize("kind", ["nonsense", "<script>", "appeal,reminder"])
def test_a_tampered_kind_restarts_the_wizard(kind):
    w = Wizard(client_of(PARK), PARK, "ru")
    first = w.post(w.url("route"), {"kind": "reminder"}).get_data(as_text=True)
    response = w.post(w.url("route"), {**w.form_data(first), "route": ["paper"], "submitted": ["route"],
                                       "kind": [kind]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and Wizard.step_of(html) == "route"
    assert translated(client_of(PARK).application, "ru", "We could not read your earlier answers, so filling in the "
                      "form has started again. Nothing you typed was stored.") in unescape(html)
    assert '<input type="hidden" name="kind" value="appeal">' in html


def test_a_campaign_without_follow_up_takes_no_follow_up_letter():
    w = Wizard(client_of(DEFAULT), DEFAULT)
    first = Wizard.step_of(w.start().get_data(as_text=True))
    response = w.post(w.url(first), {"kind": "reminder", "submitted": first, "route": DEFAULT.routes[0]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and Wizard.step_of(html) == first
    notice = translated(client_of(DEFAULT).application, DEFAULT.default_locale, "We could not read your earlier "
                        "answers, so filling in the form has started again. Nothing you typed was stored.")
    assert notice in unescape(html)


def test_every_page_of_a_follow_up_walk_is_valid_html(on_day, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make setup` installs vnu-jar, .ci/run installs Java")
    on_day(DUE + dt.timedelta(days=3))
    documents = {}
    for kind in KINDS:
        _, pages = follow_up("kk", kind, redirected_on="2026-04-03", redirected_to="Саябақтар бөлімі")
        documents.update({f"{kind}-{name}": response.get_data(as_text=True) for name, response in pages.items()})
    refused = follow_up("kk", "unsatisfactory", registered_on="31.02.2026", answer_gist="")[1]["stopped"]
    documents["errors"] = refused.get_data(as_text=True)
    paths = []
    for number, html in enumerate(documents.values()):
        path = tmp_path / f"{number:02d}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *paths],
                            capture_output=True, text=True, timeout=240)
    assert json.loads(result.stderr)["messages"] == []
