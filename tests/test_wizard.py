"""The complaint wizard through the Flask test client, for both campaigns: every locale, route and sender."""

from __future__ import annotations

import datetime as dt
import logging
import re
from html import unescape
from urllib.parse import unquote

import pytest
from flask_babel import force_locale, gettext

from campaign import clock
from campaign.wizard.schema import checks_twelfth_digit

from .conftest import (
    DEFAULT,
    ORGANISATION,
    PARK,
    PERSON,
    VALID_BIN,
    VALID_IIN,
    Wizard,
    answers_for,
    client_of,
    edit,
    errors_in,
    location,
    read_form,
    rooted,
    ways,
)


def text_of(response) -> str:
    return rooted(response)


def letter_in(html: str) -> str:
    return unescape(re.search(r'<textarea class="letter"[^>]*>(.*?)</textarea>', html, re.S).group(1))


def translated(app, locale: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **values)


def every_case(campaigns):
    """(campaign, locale, route, sender, letter language) for each campaign given."""
    return [pytest.param(c, loc, route, sender, lang, id=f"{c.name}-{loc}-{route}-{sender}-{lang}")
            for c in campaigns for loc in c.locales for route, sender in ways(c) for lang in c.letter_languages]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize(("campaign", "locale", "route", "sender", "letter_language"), every_case((DEFAULT, PARK)))
def test_the_whole_wizard(app, wizard, campaign, locale, route, sender, letter_language, htmx):
    answers = answers_for(campaign, route, sender, letter_language)
    steps = wizard(locale, htmx=htmx).run(answers)
    expected_steps = ["route", "about", "complaint", "check", "letter"]
    if route != "eotinish" and len(campaign.senders) > 1:
        expected_steps.insert(1, "sender")
    assert list(steps) == expected_steps
    for name, response in steps.items():
        assert response.status_code == 200, name
        assert "Set-Cookie" not in response.headers
        assert "HX-Request" in response.headers.get("Vary", "")
    html = text_of(steps["letter"])
    if htmx:
        pushed = steps["letter"].headers["HX-Push-Url"]
        assert "<html" not in html and pushed.endswith(f"/{campaign.wizard_path}/letter")
    else:
        assert f'<html lang="{locale}"' in html
    letter = letter_in(html)
    wordings = campaign.letter(letter_language)
    assert letter.startswith("\n".join(line.strip() for line in wordings["addressee"].strip().splitlines()))
    assert wordings["subject"] in letter
    for argument in campaign.arguments:
        present = any(w in letter for w in campaign.wordings(letter_language, argument))
        assert present == (argument in answers["arguments"]), argument
    assert "Это касается моих друзей." in letter
    if route == "eotinish":
        assert "Айгүл Серікқызы" in letter and PERSON["address"] not in letter
        assert not re.search(r"____________ \S", letter)  # signed with the EDS, not by hand
    elif sender == "person":
        assert "Сапарова Әсел" in letter and PERSON["address"] in letter and VALID_IIN in letter
        # Only a letter on paper has a line to sign by hand; an email ends with its date line.
        last_line = letter.rstrip("\n").rsplit("\n", 1)[1]
        if route == "email":
            assert "Сапарова" not in last_line and "____________ Сапарова" not in letter
        else:
            assert last_line.endswith(": ____________ Сапарова Әсел")
    else:
        for value in ("«Жасыл ел» қоғамдық бірлестігі", VALID_BIN, ORGANISATION["address"], "+7 701 123 45 67"):
            assert value in letter
        blank = "" if route == "email" else " ____________"
        assert letter.endswith(f"\nТөраға{blank} Ахметов Серік Болатұлы\n")
    # The route's own instructions follow the letter, in the page's locale.
    instructions = (campaign.root / "complaint" / "routes" / locale / f"{route}.md").read_text(encoding="utf-8")
    heading = re.search(r"^## (.+)$", instructions, re.M).group(1)
    assert unescape(heading) in unescape(html)


@pytest.mark.parametrize("campaign", [PARK], ids=["park"])  # open: its letters carry today's date
def test_the_letter_is_dated_today_where_the_campaign_is(wizard, campaign, monkeypatch):
    """Just before and just after midnight in Almaty, while the server's clock zone is UTC."""
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        for moment, expected in ((dt.datetime(2026, 11, 26, 18, 59, tzinfo=dt.UTC), "26.11.2026"),
                                 (dt.datetime(2026, 11, 26, 19, 1, tzinfo=dt.UTC), "27.11.2026")):
            monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
            steps = wizard().run(answers_for(campaign, campaign.routes[0], "person"))
            assert f": {expected}\n" in letter_in(text_of(steps["letter"]))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_same_answers_give_the_same_text_and_others_differ(wizard, campaign):
    route = campaign.routes[-1]

    def letter_for(surname: str) -> str:
        answers = answers_for(campaign, route, "person", surname=surname, arguments=list(campaign.arguments))
        return letter_in(text_of(wizard().run(answers)["letter"]))

    assert letter_for("Сапарова") == letter_for("Сапарова")
    bodies = {letter_for(name).split("\n\n", 2)[2] for name in ("Ахметова", "Иванова", "Смагулова", "Ли", "Ким")}
    assert len(bodies) > 1


def test_download_is_the_letter_as_a_utf8_text_file(wizard, campaign, client):
    w = wizard(campaign.locales[-1])
    html = text_of(w.run(answers_for(campaign, campaign.routes[-1], "person"))["letter"])
    action = re.search(r'<form class="letter-actions" method="post" action="([^"]+)">', html).group(1)
    assert action == campaign.url("petition/appeal.txt", campaign.locales[-1])
    response = client.post(action, data=w.form_data(html, action))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="appeal(-\d{4}-\d\d-\d\d)?\.txt"',
                        response.headers["Content-Disposition"])
    assert response.get_data(as_text=True) == letter_in(html)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_email_route_offers_a_mailto_link_and_the_paper_route_none():
    w = Wizard(client_of(PARK), PARK)
    html = text_of(w.run(answers_for(PARK, "email", "person"))["letter"])
    link = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert link.startswith(f"mailto:{PARK.wizard['email']}?subject=")
    assert unquote(link.split("subject=")[1].split("&")[0]) == PARK.letter("kk")["subject"]
    paper = text_of(w.run(answers_for(PARK, "paper", "person"))["letter"])
    assert "mailto:" not in paper


def test_a_short_letter_fits_into_the_mailto_body(content_copy, app_with_content):
    """With a short letter the whole text goes into the mailto link."""
    settings = content_copy / "complaint" / "settings.yml"
    edit(settings, "routes: [eotinish, paper]", "routes: [paper, email]")
    edit(settings, "email: ''", "email: 'appeals@ministry.example'")
    parts = "".join(f"{key}:\n  wordings: ['{key} A.', '{key} B.']\n" for key in ("greeting", "intro", "demand",
                                                                                    "closing"))
    arguments = "".join(f"  {key}:\n    wordings: ['{key} A.', '{key} B.']\n" for key in DEFAULT.arguments)
    for lang in ("ru", "kk"):
        (content_copy / "complaint" / f"{lang}.yml").write_text(
            f"addressee: 'To the Minister'\nsubject: 'Appeal'\n{parts}arguments:\n{arguments}", encoding="utf-8")
    for locale in ("ru", "kk", "en"):
        (content_copy / "complaint" / "routes" / locale / "email.md").write_text(
            "---\ntitle: 'Email'\ndescription: 'By email.'\n---\n\nSend it.\n", encoding="utf-8")
    client = app_with_content(content_copy).test_client()
    campaign = type(DEFAULT)("copy", content_copy)
    answers = answers_for(campaign, "email", "person", surname="Doe", given_name="Jo", iin="", address="1 Street",
                          email="", personal="")
    html = text_of(Wizard(client, campaign, "en").run(answers)["letter"])
    link = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert unquote(link.split("&body=")[1]) == letter_in(html)
    assert "paste it into the email" not in html


SCRIPT = "<script>alert(1)</script>"


def test_markup_typed_anywhere_comes_back_escaped(wizard, campaign, client):
    w = wizard()
    answers = answers_for(campaign, campaign.routes[-1], "person")
    pages = {}
    response = w.start()
    # Names must be letters: first every field holds markup, and the page says what is wrong.
    response = w.submit(text_of(response), {"route": answers["route"]})
    if w.step_of(text_of(response)) == "sender":
        response = w.submit(text_of(response), {"sender": "person"})
    rejected = w.submit(text_of(response), dict.fromkeys(PERSON, SCRIPT))
    html = text_of(rejected)
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "error-summary" in html
    # The address and the personal paragraph take any text.
    pages["complaint"] = w.submit(html, {**PERSON, "address": SCRIPT})
    pages["check"] = w.submit(text_of(pages["complaint"]), {"personal": SCRIPT})
    pages["letter"] = w.submit(text_of(pages["check"]), {})
    for page in pages.values():
        assert SCRIPT not in text_of(page)
    letter_html = text_of(pages["letter"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in letter_html
    action = re.search(r'<form class="letter-actions" method="post" action="([^"]+)">', letter_html).group(1)
    download = client.post(action, data=w.form_data(letter_html, action))
    assert download.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert SCRIPT in download.get_data(as_text=True)  # plain text, as typed; never rendered as HTML


def test_nothing_typed_reaches_a_url_header_cookie_or_log(wizard, campaign, caplog):
    caplog.set_level(logging.DEBUG)
    secret_name, secret_text = "Секретова", "Совершенно-личный-абзац"
    steps = wizard().run(answers_for(campaign, campaign.routes[-1], "person", surname=secret_name,
                                     personal=secret_text))
    for response in steps.values():
        headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
        assert secret_name not in unquote(headers) and secret_text not in unquote(headers)
        assert "Set-Cookie" not in response.headers
    assert secret_name not in caplog.text and secret_text not in caplog.text


def about_page(w: Wizard, route: str, sender: str):
    response = w.submit(text_of(w.start()), {"route": route})
    if w.step_of(text_of(response)) == "sender":
        response = w.submit(text_of(response), {"sender": sender})
    assert w.step_of(text_of(response)) == "about"
    return response


def test_errors_are_summarised_localized_and_keep_the_input(app, wizard, campaign):
    for locale in campaign.locales:
        w = wizard(locale)
        route = next(r for r in campaign.routes if r != "eotinish")
        about = about_page(w, route, "person")
        wrong = w.submit(text_of(about), {**PERSON, "iin": "900101300127", "surname": ""})
        html = text_of(wrong)
        assert wrong.status_code == 200
        title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
        assert title.startswith(translated(app, locale, "Error:"))
        summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
        for field, message in (("surname", "Enter your surname"),
                               ("iin", "Enter a valid IIN: 12 digits, as on your identity document, or leave it "
                                       "empty")):
            text = translated(app, locale, message)
            assert f'<a href="#{field}">{text}</a>' in summary
            assert re.search(rf'<span class="error-message" id="{field}-error">.*?{re.escape(text)}</span>', html)
        assert 'value="900101300127"' in html and PERSON["address"] in html  # kept in its textarea

        complaint = w.submit(html, PERSON)
        rejected = w.submit(text_of(complaint), {"arguments": [], "personal": "я" * 2001})
        html = text_of(rejected)
        for field, message in (("arguments", "Select at least one argument"),
                               ("personal", "Your own words must be %(limit)s characters or fewer")):
            text = translated(app, locale, message, limit=translated_number(app, locale, 2000))
            assert f'<a href="#{field}">{text}</a>' in html
        assert "я" * 2001 in html


def translated_number(app, locale: str, number: int) -> str:
    from flask_babel import format_number

    with app.test_request_context(), force_locale(locale):
        return format_number(number)


def test_an_organisation_with_a_wrong_bin_is_told_in_its_locale(app, wizard, campaign):
    for locale in campaign.locales:
        w = wizard(locale)
        about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "organisation")
        assert 'autocomplete="organization"' in text_of(about)
        html = text_of(w.submit(text_of(about), {**ORGANISATION, "bin": "040340000127"}))
        message = translated(app, locale, "Enter a valid BIN: 12 digits, as in the registration certificate")
        assert f'<a href="#bin">{message}</a>' in html
        assert re.search(rf'<span class="error-message" id="bin-error">.*?{re.escape(message)}</span>', html)
        assert f'<html lang="{locale}"' in html


def test_valid_and_invalid_twelve_digit_numbers():
    for number in (VALID_IIN, VALID_BIN):
        assert checks_twelfth_digit(number)
        assert not checks_twelfth_digit(number[:-1] + str((int(number[-1]) + 1) % 10))
    assert not checks_twelfth_digit("12345") and not checks_twelfth_digit("90010130012a")


INVISIBLE = "\u061c\u2060\u2061\u2062\u2063\u2064\ufff9\ufffa\ufffb\U000e0041\u3164\u200b\u202e\u00ad\x07"


def test_names_in_any_script_and_invisible_characters_removed(wizard, campaign):
    w = wizard()
    about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "person")
    complaint = w.submit(text_of(about), {**PERSON, "surname": f"O’Brien-Жұ{INVISIBLE}мабек", "given_name": "Zoë",
                                          "iin": "9001 0130 0126", "address": f"Алматы{INVISIBLE}\r\nАбая, 1"})
    html = text_of(complaint)
    assert "error-summary" not in html
    assert 'value="O’Brien-Жұмабек"' in html and f'value="{VALID_IIN}"' in html
    letter = letter_in(text_of(w.submit(text_of(w.submit(html, {})), {})))
    assert not any(char in letter for char in INVISIBLE)
    assert "O’Brien-Жұмабек Zoë" in letter and "Алматы\nАбая, 1" in letter


def test_over_long_name_and_address(wizard, campaign):
    w = wizard()
    about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "person")
    html = text_of(w.submit(text_of(about), {**PERSON, "given_name": "А" * 101, "address": "д" * 301}))
    assert '<a href="#given_name">' in html and '<a href="#address">' in html


@pytest.mark.parametrize("tamper", [
    {"route": "nowhere"},
    {"arguments": "drop-tables"},
    {"iin": "111111111111"},
    {"surname": ""},
    {"sender": "robot"},
])
def test_tampered_hidden_fields_restart_the_wizard(app, wizard, campaign, tamper):
    w = wizard()
    steps = w.run(answers_for(campaign, next(r for r in campaign.routes if r != "eotinish"), "person"))
    html = text_of(steps["check"])
    data = w.form_data(html)
    data.update({k: [v] for k, v in tamper.items()})
    response = w.post(read_form(html)["action"], data)
    assert response.status_code == 200
    html = text_of(response)
    assert w.step_of(html) == "route"
    assert translated(app, campaign.default_locale, "We could not read your earlier answers, so filling in the form "
                                                    "has started again. Nothing you typed was stored.") in html


def test_missing_hidden_fields_and_bare_visits_restart(app, client, campaign):
    for step in ("sender", "about", "complaint", "check", "letter"):
        response = client.get(campaign.url(f"petition/{step}"))
        assert response.status_code == 200 and Wizard.step_of(text_of(response)) == "route"
        response = client.post(campaign.url(f"petition/{step}"), data={"submitted": step})
        assert response.status_code == 200 and Wizard.step_of(text_of(response)) == "route"
    for kind in ("txt", "pdf"):  # a download without answers: back to the first question
        response = client.post(campaign.url(f"petition/appeal.{kind}"), data={})
        assert response.status_code == 303 and location(response) == campaign.url("petition/route")


def test_history_restore_gets_the_whole_page(client, campaign):
    url = campaign.url("petition/route")
    fragment = client.get(url, headers={"HX-Request": "true"})
    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" not in text_of(fragment) and "<html" in text_of(restore)
    for response in (fragment, restore):
        assert "HX-Request" in response.headers["Vary"]


def test_each_change_link_has_its_own_text_and_returns_to_the_check_page(app, wizard, campaign):
    w = wizard()
    steps = w.run(answers_for(campaign, next(r for r in campaign.routes if r != "eotinish"), "organisation"))
    check = text_of(steps["check"])
    changes = re.findall(r'<button name="return_to" value="check" formaction="([^"]+)"><span aria-hidden="true">'
                         r'[^<]+</span><span class="visually-hidden">([^<]+)</span></button>', check)
    labels = [unescape(label) for label in re.findall(r"<dt>(.*?)</dt>", check)]
    assert len(changes) == len(labels) >= 10
    texts = [unescape(text) for _, text in changes]
    assert len(set(texts)) == len(texts)
    # Change the organisation's name, and come back to the check page.
    action = next(url for url, text in changes if unescape(text) == translated(app, campaign.default_locale,
                                                                      "Change the organisation's name"))
    data = w.form_data(check)
    about = w.post(action, {**data, "return_to": ["check"]})
    html = text_of(about)
    assert w.step_of(html) == "about" and '<input type="hidden" name="return_to" value="check">' in html
    changed = w.submit(html, {**ORGANISATION, "organisation": "«Көк тал» ЖШС"})
    assert w.step_of(text_of(changed)) == "check" and "«Көк тал» ЖШС" in text_of(changed)


def test_back_carries_the_answers(wizard, campaign):
    w = wizard()
    arguments = [campaign.arguments[-1]]
    steps = w.run(answers_for(campaign, campaign.routes[-1], "person", arguments=arguments, personal="Mine",
                              letter_language=campaign.letter_languages[-1]))
    check = text_of(steps["check"])
    back = re.search(r'<button type="submit" class="link-button" formaction="([^"]+)">', check).group(1)
    html = text_of(w.post(back, w.form_data(check)))
    assert w.step_of(html) == "complaint"
    assert re.search(rf'value="{arguments[0]}" checked', html)
    assert not re.search(rf'value="{campaign.arguments[0]}" checked', html)
    assert ">Mine</textarea>" in html and re.search(rf'value="{campaign.letter_languages[-1]}" checked', html)


def test_eotinish_skips_the_sender_question_and_asks_only_a_name():
    steps = Wizard(client_of(DEFAULT), DEFAULT).run(answers_for(DEFAULT, "eotinish", "person"))
    assert "sender" not in steps
    assert read_form(text_of(steps["about"]))["fields"] == ["full_name"]


def test_a_single_option_is_the_answer_and_its_question_is_skipped(content_copy, app_with_content):
    settings = content_copy / "complaint" / "settings.yml"
    edit(settings, "routes: [eotinish, paper]", "routes: [paper]")
    edit(settings, "senders: [person, organisation]", "senders: [person]")
    edit(settings, "letter_languages: [ru, kk]", "letter_languages: [kk]")
    campaign = type(DEFAULT)("copy", content_copy)
    w = Wizard(app_with_content(content_copy).test_client(), campaign)
    steps = w.run(answers_for(campaign, "paper", "person"))
    assert list(steps) == ["route", "about", "complaint", "check", "letter"]
    assert read_form(text_of(steps["route"]))["fields"] == ["shared_device"]
    assert "letter_language" not in read_form(text_of(steps["complaint"]))["fields"]
    assert campaign.letter("kk")["subject"] in letter_in(text_of(steps["letter"]))


def test_every_step_fragment_is_small(wizard, campaign):
    w = wizard(htmx=True)
    steps = w.run(answers_for(campaign, campaign.routes[-1], "organisation", arguments=list(campaign.arguments),
                              personal="Менің ойым " * 20))
    for name in ("route", "sender", "about", "complaint"):
        assert len(steps[name].get_data()) < 6 * 1024, name
    # The check page carries every answer twice and the letter is several kilobytes of Cyrillic: they travel
    # compressed (gzip or brotli, by gunicorn or nginx).
    import gzip

    assert len(gzip.compress(steps["check"].get_data())) < 3 * 1024
    assert len(gzip.compress(steps["letter"].get_data())) < 6 * 1024


def test_a_letter_without_the_appc_argument_never_cites_the_appc():
    """Wordings that cite the APPC are marked `when: appc`: every variant of a letter without it is free of it."""
    w = Wizard(client_of(DEFAULT), DEFAULT)
    for language in DEFAULT.letter_languages:
        citations = {"ru": ("Административн", "АППК"), "kk": ("Әкімшілік рәсімдік", "ӘРПК")}[language]
        seen = set()
        for number in range(40):
            answers = answers_for(DEFAULT, "paper", "person", language, arguments=["iccpr"],
                                  surname=f"Ким{'а' * number}")
            letter = letter_in(text_of(w.run(answers)["letter"]))
            assert not any(c in letter for c in citations), letter
            seen.add(letter.split("\n\n")[-2])  # the closing
            seen.add(next(p for p in letter.split("\n\n") if p in DEFAULT.wordings(language, "demand")))
        unconditional = [w for w in DEFAULT.letter(language)["demand"]["wordings"] if isinstance(w, str)]
        assert set(unconditional) <= seen  # every wording a letter without the APPC may use did come up


def test_a_wording_that_depends_on_an_argument():
    w = Wizard(client_of(PARK), PARK)
    conditional = next(w["text"] for w in PARK.letter("kk")["demand"]["wordings"] if isinstance(w, dict))
    with_it = without = 0
    for number in range(30):
        for arguments in (["trees", "hearings"], ["trees"]):
            answers = answers_for(PARK, "paper", "person", "kk", arguments=arguments, surname=f"Ли{'а' * number}")
            letter = letter_in(text_of(w.run(answers)["letter"]))
            if "hearings" in arguments:
                with_it += conditional in letter
            else:
                assert conditional not in letter
                without += 1
    assert with_it > 0 and without == 30


def test_closed_campaign_shows_outcome_then_builds_for_the_record(default_app, content_copy, app_with_content):
    html = text_of(default_app.test_client().get("/petition"))
    assert 'href="/petition/route"' in html
    edit(content_copy / "campaign.yml", "wizard_when_closed: record", "wizard_when_closed: off")
    off = app_with_content(content_copy).test_client()
    html = text_of(off.get("/petition"))
    assert 'href="/petition/route"' not in html
    response = off.get("/petition/route")
    assert response.status_code == 303 and location(response) == "/petition"


@pytest.mark.parametrize(("path", "request_args"), [
    ("petition/about", {"data": b"submitted=route&route=\xff\xfe&surname=%FF",
                        "content_type": "application/x-www-form-urlencoded"}),
    ("petition/about", {"data": {"submitted": "route", "route": ["paper", "eotinish"]}}),
    ("petition/check", {"data": {"submitted": "check", "done": "<script>", "route": "paper",
                                 "arguments": ["x" * 10000]}}),
    ("petition/complaint", {"data": {"submitted": "complaint", "route": "paper", "personal": "я" * 20000}}),
    ("petition/letter", {"data": {"route": "paper", "arguments": "x", "letter_language": "de"}}),
    ("petition/letter", {"data": {"route": "paper", "sender": "person", "surname": "Ли", "given_name": "Ан",
                                  "address": "A", "arguments": "trees", "letter_language": "kk",
                                  "done": "route,about,complaint", "submitted": "letter"}}),
    ("petition/check", {"data": {"route": "paper", "sender": "person", "surname": "Ли", "given_name": "Ан",
                                 "address": "A", "arguments": "trees", "submitted": "check"}}),
    ("petition/route", {"data": '{"route": "eotinish"}', "content_type": "application/json"}),
    ("petition/route", {"data": {"submitted": "route", "route": "paper", "return_to": "https://elsewhere.example"}}),
    ("petition/appeal.txt", {"data": {"route": "eotinish", "arguments": "appc", "letter_language": "kk",
                                      "full_name": "A\r\nB"}}),
])
def test_odd_requests_never_give_a_server_error(client, campaign, path, request_args):
    response = client.post(campaign.url(path), **request_args)
    assert response.status_code < 500, response.status_code


def test_an_oversized_form_gets_a_localized_page(app, client, campaign):
    locale = campaign.locales[-1]
    response = client.post(campaign.url("petition/about", locale), data=b"x" * (300 * 1024),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert f'<html lang="{locale}"' in text_of(response)
    assert translated(app, locale, "The form was too large") in text_of(response)


def test_step_errors_name_what_to_choose(app, wizard, campaign):
    w = wizard()
    html = text_of(w.submit(text_of(w.start()), {}))
    assert errors_in(html) == [translated(app, campaign.default_locale, "Select how you will send your appeal")]


def test_a_switched_off_wizard_builds_no_letter_file(content_copy, app_with_content):
    edit(content_copy / "campaign.yml", "wizard_when_closed: record", "wizard_when_closed: off")
    client = app_with_content(content_copy).test_client()
    answers = {**PERSON, "route": "paper", "sender": "person", "arguments": "appc", "letter_language": "ru"}
    for kind in ("txt", "pdf"):
        response = client.post(f"/petition/appeal.{kind}", data=answers)
        assert response.status_code == 303 and location(response) == "/petition"


def test_digits_of_any_script_are_written_as_0_to_9(wizard, campaign):
    w = wizard()
    about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "person")
    fullwidth = "".join(chr(ord(digit) - ord("0") + 0xFF10) for digit in VALID_IIN)
    arabic_phone = "+٧ ٧٠١ ١٢٣ ٤٥ ٦٧"
    html = text_of(w.submit(text_of(about), {**PERSON, "iin": fullwidth, "phone": arabic_phone}))
    assert "error-summary" not in html and f'value="{VALID_IIN}"' in html and 'value="+7 701 123 45 67"' in html


def test_a_campaign_with_a_single_route_asks_before_you_start(content_copy, app_with_content):
    edit(content_copy / "complaint" / "settings.yml", "routes: [eotinish, paper]", "routes: [paper]")
    html = text_of(app_with_content(content_copy).test_client().get("/en/petition/route"))
    assert "<h1>Before you start</h1>" in html and "<title>Before you start" in html
