"""The complaint wizard through the Flask test client: every locale, both letter languages, all routes."""

from __future__ import annotations

import datetime as dt
import logging
import re
from html import unescape
from urllib.parse import unquote

import pytest
import yaml
from flask_babel import force_locale, gettext

from campaign.config import REPO_ROOT
from campaign.wizard.answers import iin_is_valid

from .conftest import LOCALES, VALID_IIN

ARGUMENTS = tuple(yaml.safe_load((REPO_ROOT / "content" / "complaint" / "arguments.yml").read_text("utf-8")))
WORDINGS = {
    lang: yaml.safe_load((REPO_ROOT / "content" / "complaint" / f"{lang}.yml").read_text(encoding="utf-8"))
    for lang in ("ru", "kk")
}
ALTERNATIVE_ABOUT = {
    "surname": "Сапарова", "given_name": "Әсел", "patronymic": "", "iin": VALID_IIN,
    "address": "Астана, пр. Мангилик Ел, 1, кв. 5", "email": "asel@example.kz", "phone": "",
}


def text_of(response) -> str:
    return response.get_data(as_text=True)


def letter_in(html: str) -> str:
    return unescape(re.search(r'<textarea class="letter"[^>]*>(.*?)</textarea>', html, re.S).group(1))


def translated(app, locale: str, message: str) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(message)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("letter_language", ["ru", "kk"])
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("route", ["eotinish", "alternative", "foreign"])
def test_the_whole_wizard(app, wizard, route, locale, letter_language, htmx):
    chosen = ["constitution", "harm"] if route == "eotinish" else ["appc", "iccpr", "signatures"]
    about = {"full_name": "Айгүл Серікқызы"} if route == "eotinish" else ALTERNATIVE_ABOUT
    steps = wizard(locale, htmx=htmx).run(route, about, {
        "arguments": chosen, "personal": "Это касается моих друзей.", "letter_language": letter_language,
    })
    for name, response in steps.items():
        assert response.status_code == 200, name
        assert "Set-Cookie" not in response.headers
        if name != "route":
            assert "HX-Request" in response.headers.get("Vary", "")
    html = text_of(steps["letter"])
    if htmx:
        assert "<html" not in html and steps["letter"].headers["HX-Push-Url"].endswith("/petition/letter")
    else:
        assert f'<html lang="{locale}"' in html
    letter = letter_in(html)
    words = WORDINGS[letter_language]
    for argument in ARGUMENTS:
        present = any(w.strip() in letter for w in words["arguments"][argument]["wordings"])
        assert present == (argument in chosen), argument
    assert words["addressee"].strip() in letter
    assert dt.date.today().strftime("%d.%m.%Y") in letter
    assert "Это касается моих друзей." in letter
    if route == "eotinish":
        assert "Айгүл Серікқызы" in letter and words["labels"]["signed_by_eds"] in letter
        assert "Астана" not in letter
    else:
        assert "Сапарова Әсел" in letter and ALTERNATIVE_ABOUT["address"] in letter and VALID_IIN in letter
        assert words["labels"]["signature"] in letter
    if route == "foreign":
        assert translated(app, locale, "Other ways to help") in html


def test_same_answers_give_the_same_text_and_others_differ(wizard):
    def letter_for(surname: str) -> str:
        steps = wizard("ru").run("alternative", {**ALTERNATIVE_ABOUT, "surname": surname},
                                 {"arguments": list(ARGUMENTS), "personal": "", "letter_language": "ru"})
        return letter_in(text_of(steps["letter"]))

    assert letter_for("Сапарова") == letter_for("Сапарова")
    texts = {letter_for(name) for name in ("Ахметова", "Иванова", "Смагулова", "Ли", "Ким", "Петрова")}
    assert len({re.sub(r"Заявитель: .*\n", "", t).split("Дата:")[0] for t in texts}) > 1


def test_download_is_a_dated_utf8_text_file(wizard, client):
    w = wizard("kk")
    steps = w.run("alternative", ALTERNATIVE_ABOUT, {"arguments": ["appc"], "personal": "", "letter_language": "kk"})
    html = text_of(steps["letter"])
    form = re.search(r'<form class="letter-actions" method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form.group(1) == "/kk/petition/complaint.txt"
    response = client.post(form.group(1), data=w.form_data(form.group(2)))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    today = dt.date.today().isoformat()
    assert response.headers["Content-Disposition"] == f'attachment; filename="complaint-{today}.txt"'
    assert response.get_data(as_text=True) == letter_in(html)
    assert response.headers["Cache-Control"] == "no-store"


def test_mailto_when_configured_and_short_enough(content_copy, app_with_content):
    settings = content_copy / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("complaint_email: ''",
                                                                     "complaint_email: 'press@ministry.example'"),
                        encoding="utf-8")
    from .conftest import Wizard

    client = app_with_content(content_copy).test_client()
    steps = Wizard(client, "en").run("alternative", ALTERNATIVE_ABOUT,
                                     {"arguments": list(ARGUMENTS), "personal": "", "letter_language": "ru"})
    html = text_of(steps["letter"])
    link = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert link.startswith("mailto:press@ministry.example?subject=")
    assert "&body=" not in link  # a Cyrillic letter is far over the limit once encoded
    assert "paste it into the email" in html
    # eOtinish never gets a mailto link.
    steps = Wizard(client, "en").run("eotinish", {"full_name": ""}, {"arguments": ["appc"], "letter_language": "ru"})
    assert "mailto:press@ministry.example" not in text_of(steps["letter"])


def test_a_short_letter_fits_into_the_mailto_body():
    from campaign.wizard.answers import Answers
    from campaign.wizard.letter import Wordings, build_letter

    wordings = Wordings("ru", "To the Minister", "From:", "Complaint", {
        key: ("A.", "B.") for key in ("greeting", "intro", "demand", "closing", *(f"argument:{a}" for a in ARGUMENTS))
    }, "", {k: k for k in ("iin", "address", "email", "phone", "date", "signature", "signed_by_eds")})
    text = build_letter(Answers(route="alternative", surname="Doe", given_name="Jo", address="1 Street",
                                arguments=("appc",), letter_language="ru"), wordings, dt.date(2024, 7, 1))
    assert text.startswith("To the Minister\nFrom: Doe Jo\naddress: 1 Street\n\nComplaint\n\nA")
    assert "date: 01.07.2024" in text


SCRIPT = "<script>alert(1)</script>"


def test_markup_typed_anywhere_comes_back_escaped(wizard, client, content_copy, app_with_content):
    settings = content_copy / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("complaint_email: ''",
                                                                     "complaint_email: 'a@ministry.example'"),
                        encoding="utf-8")
    from .conftest import Wizard

    w = Wizard(app_with_content(content_copy).test_client(), "ru")
    about = {name: SCRIPT for name in ALTERNATIVE_ABOUT}
    route_page = w.client.get(w.url("route"))
    about_page = w.submit("route", text_of(route_page), {"route": "alternative"})
    rejected = w.submit("about", text_of(about_page), about)
    html = text_of(rejected)
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "error-summary" in html
    # Names must be letters; the address and the personal paragraph take any text.
    complaint_page = w.submit("about", html, {**ALTERNATIVE_ABOUT, "address": SCRIPT})
    check = w.submit("complaint", text_of(complaint_page),
                     {"arguments": ["appc"], "personal": SCRIPT, "letter_language": "ru"})
    letter_page = w.submit("check", text_of(check), {})
    for page in (complaint_page, check, letter_page):
        assert SCRIPT not in text_of(page)
    letter_html = text_of(letter_page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in letter_html
    mailto = re.search(r'href="(mailto:[^"]+)"', letter_html).group(1)
    assert "<" not in mailto and "script" not in unquote(mailto).split("?")[0]
    download = w.client.post("/petition/complaint.txt", data=w.form_data(letter_html))
    assert download.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert SCRIPT in download.get_data(as_text=True)  # plain text, as typed; never rendered as HTML


def test_nothing_typed_reaches_a_url_header_cookie_or_log(wizard, caplog):
    caplog.set_level(logging.DEBUG)
    secret_name, secret_text = "Секретова", "Совершенно-личный-абзац"
    steps = wizard("ru").run("alternative", {**ALTERNATIVE_ABOUT, "surname": secret_name},
                             {"arguments": ["harm"], "personal": secret_text, "letter_language": "ru"})
    for response in steps.values():
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        assert secret_name not in headers and secret_text not in headers
        assert "Set-Cookie" not in response.headers
        location = response.headers.get("Location", "")
        assert secret_name not in unquote(location)
    assert secret_name not in caplog.text and secret_text not in caplog.text


@pytest.mark.parametrize("locale", LOCALES)
def test_errors_are_summarised_localized_and_keep_the_input(app, wizard, locale):
    w = wizard(locale)
    about_page = w.submit("route", text_of(w.client.get(w.url("route"))), {"route": "alternative"})
    wrong = w.submit("about", text_of(about_page), {**ALTERNATIVE_ABOUT, "iin": "900101300127", "surname": ""})
    html = text_of(wrong)
    assert wrong.status_code == 200
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    assert title.startswith(translated(app, locale, "Error:"))
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    for field, message in (("surname", "Enter your surname"),
                           ("iin", "Enter a valid IIN: 12 digits, as on your identity document, or leave it empty")):
        text = translated(app, locale, message)
        if locale != "en":
            assert text != message
        assert f'<a href="#{field}">{text}</a>' in summary
        assert re.search(rf'<span class="error-message" id="{field}-error">.*?{re.escape(text)}</span>', html)
    assert 'value="900101300127"' in html and f'value="{ALTERNATIVE_ABOUT["address"]}"' not in html
    assert ALTERNATIVE_ABOUT["address"] in html  # kept in its textarea

    complaint = w.submit("about", html, ALTERNATIVE_ABOUT)
    too_long = "я" * 2001
    rejected = w.submit("complaint", text_of(complaint), {"arguments": [], "personal": too_long,
                                                         "letter_language": "ru"})
    html = text_of(rejected)
    for field, message in (("arguments", "Select at least one argument"),
                           ("personal", "Your own words must be 2,000 characters or fewer")):
        assert f'<a href="#{field}">{translated(app, locale, message)}</a>' in html
    assert too_long in html


def test_valid_and_invalid_iins():
    assert iin_is_valid(VALID_IIN)
    assert not iin_is_valid("900101300127") and not iin_is_valid("12345") and not iin_is_valid("90010130012a")


def test_names_in_any_script_and_control_characters_removed(wizard):
    w = wizard("en")
    about_page = w.submit("route", text_of(w.client.get(w.url("route"))), {"route": "alternative"})
    check = w.submit("about", text_of(about_page), {**ALTERNATIVE_ABOUT, "surname": "O’Brien-Жұмабек\x07",
                                                    "given_name": "Zoë", "iin": "9001 0130 0126"})
    complaint = text_of(check)
    assert "error-summary" not in complaint
    assert 'value="O’Brien-Жұмабек"' in complaint and f'value="{VALID_IIN}"' in complaint


def test_over_long_name_and_address(wizard):
    w = wizard("ru")
    about_page = w.submit("route", text_of(w.client.get(w.url("route"))), {"route": "alternative"})
    html = text_of(w.submit("about", text_of(about_page),
                            {**ALTERNATIVE_ABOUT, "given_name": "А" * 101, "address": "д" * 301}))
    assert '<a href="#given_name">' in html and '<a href="#address">' in html


@pytest.mark.parametrize("tamper", [
    {"route": "nowhere"},
    {"arguments": "drop-tables"},
    {"iin": "111111111111"},
    {"surname": ""},
])
def test_tampered_hidden_fields_restart_the_wizard(wizard, tamper):
    w = wizard("ru")
    steps = w.run("alternative", ALTERNATIVE_ABOUT, {"arguments": ["appc"], "letter_language": "ru"})
    data = w.form_data(text_of(steps["check"]))
    data.update({k: [v] for k, v in tamper.items()})
    data["submitted"] = ["check"]
    response = w.post("check", data)
    assert response.status_code == 200
    html = text_of(response)
    assert "form has started again" in html or "заново" in html
    assert 'name="route"' in html


def test_missing_hidden_fields_and_bare_visits_restart(wizard, client):
    for step in ("about", "complaint", "check", "letter"):
        response = client.get(f"/en/petition/{step}")
        assert response.status_code == 200
        assert "Your earlier answers were not kept" in text_of(response)
        response = client.post(f"/en/petition/{step}", data={"submitted": step})
        assert response.status_code == 200 and "started again" in text_of(response)
    response = client.post("/en/petition/complaint.txt", data={})
    assert response.status_code == 200 and "started again" in text_of(response)


def test_history_restore_gets_the_whole_page(client):
    fragment = client.get("/petition/route", headers={"HX-Request": "true"})
    restore = client.get("/petition/route", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" not in text_of(fragment) and "<html" in text_of(restore)
    for response in (fragment, restore):
        assert "HX-Request" in response.headers["Vary"]


def test_change_links_return_to_the_check_page(wizard):
    w = wizard("ru")
    steps = w.run("alternative", ALTERNATIVE_ABOUT, {"arguments": ["appc"], "letter_language": "ru"})
    check = text_of(steps["check"])
    assert check.count('name="return_to" value="check"') >= 8
    data = w.form_data(check)
    data["return_to"] = ["check"]
    about = w.client.post("/petition/about", data={**data, "submitted": ["check"]})
    html = text_of(about)
    assert f'value="{ALTERNATIVE_ABOUT["surname"]}"' in html and '<input type="hidden" name="return_to"' in html
    changed = w.submit("about", html, {**ALTERNATIVE_ABOUT, "surname": "Новикова"})
    assert "Check your answers" in text_of(changed) or "Проверьте" in text_of(changed)
    assert "Новикова" in text_of(changed)


def test_back_carries_the_answers(wizard):
    w = wizard("en")
    steps = w.run("alternative", ALTERNATIVE_ABOUT, {"arguments": ["iccpr"], "personal": "Mine",
                                                     "letter_language": "kk"})
    data = w.form_data(text_of(steps["check"]))
    back = w.client.post("/en/petition/complaint", data={**data, "submitted": ["check"]})
    html = text_of(back)
    assert re.search(r'value="iccpr" checked', html) and not re.search(r'value="appc" checked', html)
    assert ">Mine</textarea>" in html and re.search(r'value="kk" checked', html)


def test_every_step_fragment_is_small(wizard):
    w = wizard("kk", htmx=True)
    steps = w.run("alternative", ALTERNATIVE_ABOUT, {"arguments": list(ARGUMENTS),
                                                     "personal": "Менің ойым " * 20, "letter_language": "kk"})
    for name in ("route", "about", "complaint", "check"):
        assert len(steps[name].get_data()) < 6 * 1024, name
    # The finished letter is itself several kilobytes of Cyrillic; it travels compressed.
    import gzip

    assert len(gzip.compress(steps["letter"].get_data())) < 6 * 1024


def test_closed_campaign_shows_outcome_then_builds_for_the_record(client, content_copy, app_with_content):
    html = text_of(client.get("/petition"))
    assert "1 августа 2024" in html and 'href="/petition/route"' in html
    settings = content_copy / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("wizard_when_closed: record",
                                                                     "wizard_when_closed: off"), encoding="utf-8")
    off = app_with_content(content_copy).test_client()
    html = text_of(off.get("/petition"))
    assert "1 августа 2024" in html and 'href="/petition/route"' not in html
    response = off.get("/petition/route")
    assert response.status_code == 303 and response.headers["Location"] == "/petition"


@pytest.mark.parametrize(("url", "request_args"), [
    ("/petition/about", {"data": b"submitted=route&route=\xff\xfe&surname=%FF",
                         "content_type": "application/x-www-form-urlencoded"}),
    ("/petition/about", {"data": {"submitted": "route", "route": ["alternative", "eotinish"]}}),
    ("/petition/check", {"data": {"submitted": "check", "done": "<script>", "route": "alternative",
                                  "arguments": ["x" * 10000]}}),
    ("/petition/complaint", {"data": {"submitted": "complaint", "route": "eotinish", "personal": "я" * 20000}}),
    ("/petition/letter", {"data": {"route": "eotinish", "arguments": "appc", "letter_language": "de"}}),
    ("/petition/route", {"data": '{"route": "eotinish"}', "content_type": "application/json"}),
    ("/petition/route", {"data": {"submitted": "route", "route": "eotinish", "return_to": "https://elsewhere.example"}}),
    ("/petition/complaint.txt", {"data": {"route": "eotinish", "arguments": "appc", "letter_language": "kk",
                                          "full_name": "A\r\nB"}}),
])
def test_odd_requests_never_give_a_server_error(app, url, request_args):
    client = app.test_client()
    response = client.post(url, **request_args)
    assert response.status_code in (200, 307), response.status_code
    if response.status_code == 307:
        assert response.headers["Location"] == "/petition/about"


def test_an_oversized_form_gets_a_localized_page(client):
    response = client.post("/kk/petition/about", data=b"x" * (300 * 1024),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert '<html lang="kk"' in text_of(response) and "Форма тым үлкен" in text_of(response)


def test_arguments_come_from_content(content_copy, app_with_content):
    """Another campaign offers other arguments by editing content/complaint/ alone."""
    (content_copy / "complaint" / "arguments.yml").write_text(
        "budget:\n  ru: 'Бюджет'\n  kk: 'Бюджет'\n  en: 'The budget'\n"
        "appc:\n  ru: 'АППК'\n  en: 'The APPC'\n", encoding="utf-8")
    for lang in ("ru", "kk"):
        path = content_copy / "complaint" / f"{lang}.yml"
        text = path.read_text(encoding="utf-8").replace(
            "arguments:\n", "arguments:\n  budget:\n    wordings:\n      - 'Деньги на это не выделены.'\n"
                            "      - 'Бюджет этого не предусматривает.'\n", 1)
        path.write_text(text, encoding="utf-8")
    from .conftest import Wizard

    w = Wizard(app_with_content(content_copy).test_client(), "en")
    complaint = w.submit("about", text_of(w.submit("route", text_of(w.client.get(w.url("route"))),
                                                   {"route": "eotinish"})), {"full_name": ""})
    html = text_of(complaint)
    assert 'value="budget" checked' in html and "The budget" in html and "The APPC" in html
    assert "ICCPR" not in html
    check = w.submit("complaint", html, {"arguments": ["budget"], "letter_language": "ru"})
    letter = letter_in(text_of(w.submit("check", text_of(check), {})))
    assert "Деньги на это не выделены." in letter or "Бюджет этого не предусматривает." in letter
    rejected = w.submit("complaint", html, {"arguments": ["iccpr"], "letter_language": "ru"})
    assert '<a href="#arguments">' in text_of(rejected)


def test_an_argument_without_wordings_stops_start_up(content_copy, app_with_content):
    path = content_copy / "complaint" / "arguments.yml"
    path.write_text(path.read_text(encoding="utf-8") + "extra:\n  ru: 'Ещё'\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"kk\.yml|ru\.yml") as raised:
        app_with_content(content_copy)
    assert "extra" in str(raised.value)
