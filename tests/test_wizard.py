"""The complaint wizard through the Flask test client, for both campaigns: every locale, route and sender."""

from __future__ import annotations

import datetime as dt
import logging
import re
from html import unescape
from urllib.parse import unquote

import pytest

from campaign import clock
from campaign.wizard.schema import FIELDS_BY_NAME, checks_twelfth_digit

from .conftest import (
    DEFAULT,
    ORGANISATION,
    PARK,
    PERSON,
    UNSET,
    VALID_BIN,
    VALID_IIN,
    Wizard,
    answers_for,
    client_of,
    closed,
    eotinish_route,
    errors_in,
    letter_in,
    location,
    make_app,
    number_in,
    read_form,
    rooted,
    translated,
    variant,
    ways,
)


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
    html = rooted(steps["letter"])
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
    # The route's own instructions follow the letter, in the page's locale; a decided campaign's record shows how
    # the route was used then instead, when it has a record text (tests/test_record_texts.py).
    routes = campaign.root / "complaint" / "routes" / locale
    recording = campaign.settings["status"] == "closed" and campaign.settings.get("wizard_when_closed") == "record"
    text = routes / (f"{route}.record.md" if recording else f"{route}.md")
    heading = re.search(r"^## (.+)$", text.read_text(encoding="utf-8"), re.M).group(1)
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
            assert f": {expected}\n" in letter_in(rooted(steps["letter"]))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_same_answers_give_the_same_text_and_others_differ(wizard, campaign):
    route = campaign.routes[-1]

    def letter_for(surname: str) -> str:
        answers = answers_for(campaign, route, "person", surname=surname, arguments=list(campaign.arguments))
        return letter_in(rooted(wizard().run(answers)["letter"]))

    assert letter_for("Сапарова") == letter_for("Сапарова")
    bodies = {letter_for(name).split("\n\n", 2)[2] for name in ("Ахметова", "Иванова", "Смагулова", "Ли", "Ким")}
    assert len(bodies) > 1


def test_download_is_the_letter_as_a_utf8_text_file(wizard, campaign, client):
    w = wizard(campaign.locales[-1])
    html = rooted(w.run(answers_for(campaign, campaign.routes[-1], "person"))["letter"])
    action = re.search(r'<form class="letter-actions" method="post" action="([^"]+)">', html).group(1)
    assert action == campaign.url("petition/appeal.txt", campaign.locales[-1])
    response = client.post(action, data=w.form_data(html, action))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="letter(-\d{4}-\d\d-\d\d)?\.txt"',
                        response.headers["Content-Disposition"])
    assert response.get_data(as_text=True) == letter_in(html)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_email_route_offers_a_mailto_link_and_the_paper_route_none():
    w = Wizard(client_of(PARK), PARK)
    html = rooted(w.run(answers_for(PARK, "email", "person"))["letter"])
    link = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert link.startswith(f"mailto:{PARK.wizard['email']}?subject=")
    assert unquote(link.split("subject=")[1].split("&")[0]) == PARK.letter("kk")["subject"]
    paper = rooted(w.run(answers_for(PARK, "paper", "person"))["letter"])
    assert "mailto:" not in paper


def test_a_short_letter_fits_into_the_mailto_body(tmp_path):
    """With a short letter the whole text goes into the mailto link."""

    def short(letter: dict) -> dict:
        parts = {key: {"wordings": [f"{key} A.", f"{key} B."]} for key in ("greeting", "intro", "demand", "closing")}
        return {"addressee": "To the Akim", "subject": "Appeal", **parts,
                "arguments": {key: {"wordings": [f"{key} A.", f"{key} B."]} for key in PARK.arguments}}

    campaign = variant(PARK, tmp_path, {f"complaint/{lang}.yml": short for lang in PARK.letter_languages})
    app = make_app(campaign.root)
    answers = answers_for(campaign, "email", "person", surname="Doe", given_name="Jo", iin="", address="1 Street",
                          email="", personal="")
    html = rooted(Wizard(app.test_client(), campaign).run(answers)["letter"])
    link = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert unquote(link.split("&body=")[1]) == letter_in(html)
    too_long = translated(app, campaign.default_locale, "The letter is too long to go into an email link: copy "
                                                        "the text above and paste it into the email.")
    assert unescape(too_long) not in unescape(html)


SCRIPT = "<script>alert(1)</script>"


def test_markup_typed_anywhere_comes_back_escaped(wizard, campaign, client):
    w = wizard()
    answers = answers_for(campaign, campaign.routes[-1], "person")
    pages = {}
    response = w.start()
    # Names must be letters: first every field holds markup, and the page says what is wrong.
    response = w.submit(rooted(response), {"route": answers["route"]})
    if w.step_of(rooted(response)) == "sender":
        response = w.submit(rooted(response), {"sender": "person"})
    rejected = w.submit(rooted(response), dict.fromkeys(PERSON, SCRIPT))
    html = rooted(rejected)
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "error-summary" in html
    # The address and the personal paragraph take any text.
    pages["complaint"] = w.submit(html, {**PERSON, "address": SCRIPT})
    pages["check"] = w.submit(rooted(pages["complaint"]), {"personal": SCRIPT})
    pages["letter"] = w.submit(rooted(pages["check"]), {})
    for page in pages.values():
        assert SCRIPT not in rooted(page)
    letter_html = rooted(pages["letter"])
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
    response = w.submit(rooted(w.start()), {"route": route})
    if w.step_of(rooted(response)) == "sender":
        response = w.submit(rooted(response), {"sender": sender})
    assert w.step_of(rooted(response)) == "about"
    return response


def test_errors_are_summarised_localized_and_keep_the_input(app, wizard, campaign):
    for locale in campaign.locales:
        w = wizard(locale)
        route = next(r for r in campaign.routes if r != "eotinish")
        about = about_page(w, route, "person")
        wrong = w.submit(rooted(about), {**PERSON, "iin": "900101300127", "surname": ""})
        html = rooted(wrong)
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
        rejected = w.submit(rooted(complaint), {"arguments": [], "personal": "я" * 2001})
        html = rooted(rejected)
        for field, message in (("arguments", "Select at least one argument"),
                               ("personal", "Your own words must be %(limit)s characters or fewer")):
            text = translated(app, locale, message, limit=number_in(app, locale, 2000))
            assert f'<a href="#{field}">{text}</a>' in html
        assert "я" * 2001 in html


def test_an_organisation_with_a_wrong_bin_is_told_in_its_locale(app, wizard, campaign):
    for locale in campaign.locales:
        w = wizard(locale)
        about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "organisation")
        assert 'autocomplete="organization"' in rooted(about)
        html = rooted(w.submit(rooted(about), {**ORGANISATION, "bin": "040340000127"}))
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
    complaint = w.submit(rooted(about), {**PERSON, "surname": f"O’Brien-Жұ{INVISIBLE}мабек", "given_name": "Zoë",
                                          "iin": "9001 0130 0126", "address": f"Алматы{INVISIBLE}\r\nАбая, 1"})
    html = rooted(complaint)
    assert "error-summary" not in html
    assert 'value="O’Brien-Жұмабек"' in html and f'value="{VALID_IIN}"' in html
    letter = letter_in(rooted(w.submit(rooted(w.submit(html, {})), {})))
    assert not any(char in letter for char in INVISIBLE)
    assert "O’Brien-Жұмабек Zoë" in letter and "Алматы\nАбая, 1" in letter


def test_over_long_name_and_address(wizard, campaign):
    w = wizard()
    about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "person")
    html = rooted(w.submit(rooted(about), {**PERSON, "given_name": "А" * 101, "address": "д" * 301}))
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
    html = rooted(steps["check"])
    data = w.form_data(html)
    data.update({k: [v] for k, v in tamper.items()})
    response = w.post(read_form(html)["action"], data)
    assert response.status_code == 200
    html = rooted(response)
    assert w.step_of(html) == "route"
    assert translated(app, campaign.default_locale, "We could not read your earlier answers, so filling in the form "
                                                    "has started again. Nothing you typed was stored.") in html


def test_missing_hidden_fields_and_bare_visits_restart(app, client, campaign):
    for step in ("sender", "about", "complaint", "check", "letter"):
        response = client.get(campaign.url(f"petition/{step}"))
        assert response.status_code == 200 and Wizard.step_of(rooted(response)) == "route"
        response = client.post(campaign.url(f"petition/{step}"), data={"submitted": step})
        assert response.status_code == 200 and Wizard.step_of(rooted(response)) == "route"
    for kind in ("txt", "pdf"):  # a download without answers: back to the first question
        response = client.post(campaign.url(f"petition/appeal.{kind}"), data={})
        assert response.status_code == 303 and location(response) == campaign.url("petition/route")


def test_history_restore_gets_the_whole_page(client, campaign):
    url = campaign.url("petition/route")
    fragment = client.get(url, headers={"HX-Request": "true"})
    restore = client.get(url, headers={"HX-History-Restore-Request": "true"})  # as the htmx config sends it
    assert "<html" not in rooted(fragment) and "<html" in rooted(restore)
    for response in (fragment, restore):
        assert "HX-Request" in response.headers["Vary"]


def test_each_change_link_has_its_own_text_and_returns_to_the_check_page(app, wizard, campaign):
    w = wizard()
    steps = w.run(answers_for(campaign, next(r for r in campaign.routes if r != "eotinish"), "organisation"))
    check = rooted(steps["check"])
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
    html = rooted(about)
    assert w.step_of(html) == "about" and '<input type="hidden" name="return_to" value="check">' in html
    changed = w.submit(html, {**ORGANISATION, "organisation": "«Көк тал» ЖШС"})
    assert w.step_of(rooted(changed)) == "check" and "«Көк тал» ЖШС" in rooted(changed)


def test_back_carries_the_answers(wizard, campaign):
    w = wizard()
    arguments = [campaign.arguments[-1]]
    steps = w.run(answers_for(campaign, campaign.routes[-1], "person", arguments=arguments, personal="Mine",
                              letter_language=campaign.letter_languages[-1]))
    check = rooted(steps["check"])
    back = re.search(r'<button type="submit" class="link-button" formaction="([^"]+)">', check).group(1)
    html = rooted(w.post(back, w.form_data(check)))
    assert w.step_of(html) == "complaint"
    assert re.search(rf'value="{arguments[0]}" checked', html)
    assert not re.search(rf'value="{campaign.arguments[0]}" checked', html)
    assert ">Mine</textarea>" in html and re.search(rf'value="{campaign.letter_languages[-1]}" checked', html)


def test_eotinish_skips_the_sender_question_and_asks_only_a_name(tmp_path):
    campaign = variant(PARK, tmp_path, eotinish_route(PARK))
    steps = Wizard(make_app(campaign.root).test_client(), campaign).run(answers_for(campaign, "eotinish", "person"))
    assert "sender" not in steps
    assert read_form(rooted(steps["about"]))["fields"] == ["full_name"]


def test_a_single_option_is_the_answer_and_its_question_is_skipped(tmp_path):
    language = PARK.letter_languages[-1]
    # With the shared-device question asked, one route still leaves a first step; without it, see test_theme.
    campaign = variant(PARK, tmp_path, {"campaign.yml": {"shared_device_question": True}, "complaint/settings.yml": {
        "routes": ["paper"], "senders": ["person"], "letter_languages": [language], "email": UNSET}})
    w = Wizard(make_app(campaign.root).test_client(), campaign)
    steps = w.run(answers_for(campaign, "paper", "person"))
    assert list(steps) == ["route", "about", "complaint", "check", "letter"]
    assert read_form(rooted(steps["route"]))["fields"] == ["shared_device"]
    assert "letter_language" not in read_form(rooted(steps["complaint"]))["fields"]
    assert campaign.letter(language)["subject"] in letter_in(rooted(steps["letter"]))


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


def test_a_wording_that_depends_on_an_argument():
    w = Wizard(client_of(PARK), PARK)
    conditional = next(w["text"] for w in PARK.letter("kk")["demand"]["wordings"] if isinstance(w, dict))
    with_it = without = 0
    for number in range(30):
        for arguments in (["trees", "hearings"], ["trees"]):
            answers = answers_for(PARK, "paper", "person", "kk", arguments=arguments, surname=f"Ли{'а' * number}")
            letter = letter_in(rooted(w.run(answers)["letter"]))
            if "hearings" in arguments:
                with_it += conditional in letter
            else:
                assert conditional not in letter
                without += 1
    assert with_it > 0 and without == 30


def test_closed_campaign_shows_outcome_then_builds_for_the_record(tmp_path):
    record = variant(PARK, tmp_path, {"campaign.yml": closed(PARK, "record")}, "record")
    start, first = record.url("petition"), record.url("petition/route")
    html = rooted(make_app(record.root).test_client().get(start))
    assert f'href="{first}"' in html
    off = make_app(variant(PARK, tmp_path, {"campaign.yml": closed(PARK, "off")}, "off").root).test_client()
    html = rooted(off.get(start))
    assert f'href="{first}"' not in html
    response = off.get(first)
    assert response.status_code == 303 and location(response) == start


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
    assert f'<html lang="{locale}"' in rooted(response)
    assert translated(app, locale, "The form was too large") in rooted(response)


def test_step_errors_name_what_to_choose(app, wizard, campaign):
    w = wizard()
    html = rooted(w.submit(rooted(w.start()), {}))
    # As the campaign words the question: a decided campaign's record asks how the appeal was filed.
    message = app.extensions["campaign_site"].offer.worded(FIELDS_BY_NAME["route"]).errors["required"]
    assert errors_in(html) == [translated(app, campaign.default_locale, message)]


def test_a_switched_off_wizard_builds_no_letter_file(tmp_path):
    client = make_app(variant(PARK, tmp_path, {"campaign.yml": closed(PARK, "off")}).root).test_client()
    answers = {**PERSON, "route": "paper", "sender": "person", "arguments": PARK.arguments[0],
               "letter_language": PARK.letter_languages[0]}
    for kind in ("txt", "pdf"):
        response = client.post(PARK.url(f"petition/appeal.{kind}"), data=answers)
        assert response.status_code == 303 and location(response) == PARK.url("petition")


def test_digits_of_any_script_are_written_as_0_to_9(wizard, campaign):
    w = wizard()
    about = about_page(w, next(r for r in campaign.routes if r != "eotinish"), "person")
    fullwidth = "".join(chr(ord(digit) - ord("0") + 0xFF10) for digit in VALID_IIN)
    arabic_phone = "+٧ ٧٠١ ١٢٣ ٤٥ ٦٧"
    html = rooted(w.submit(rooted(about), {**PERSON, "iin": fullwidth, "phone": arabic_phone}))
    assert "error-summary" not in html and f'value="{VALID_IIN}"' in html and 'value="+7 701 123 45 67"' in html


def test_a_campaign_with_a_single_route_asks_before_you_start(tmp_path):
    campaign = variant(PARK, tmp_path, {"campaign.yml": {"shared_device_question": True},
                                        "complaint/settings.yml": {"routes": ["paper"], "email": UNSET}})
    app = make_app(campaign.root)
    locale = campaign.locales[-1]
    html = rooted(app.test_client().get(campaign.url("petition/route", locale)))
    title = translated(app, locale, "Before you start")
    assert f"<h1>{title}</h1>" in html and f"<title>{title}" in html


@pytest.mark.parametrize(("date", "line", "filename"), [
    (dt.date(2024, 7, 1), "01.07.2024", "letter-2024-07-01.txt"), (None, "____________", "letter.txt"),
], ids=["dated", "blank"])
def test_a_record_letter_carries_the_date_content_gives_never_today(tmp_path, monkeypatch, date, line, filename):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
    campaign = variant(PARK, tmp_path, {"campaign.yml": closed(PARK, "record", date)})
    app = make_app(campaign.root)
    client = app.test_client()
    for language in campaign.letter_languages:
        html = rooted(Wizard(client, campaign).run(answers_for(campaign, "paper", "person", language))["letter"])
        letter = letter_in(html)
        assert f"\n{translated(app, language, 'Date')}: {line}\n" in letter and "2026" not in letter
        action = campaign.url("petition/appeal.txt")
        download = client.post(action, data=Wizard.form_data(html, action))
        assert download.headers["Content-Disposition"] == f'attachment; filename="{filename}"'


def test_the_record_letter_page_opens_with_the_notice_and_no_next_steps(tmp_path):
    campaign = variant(PARK, tmp_path, {"campaign.yml": closed(PARK)})
    app = make_app(campaign.root)
    for locale in campaign.locales:
        html = rooted(Wizard(app.test_client(), campaign, locale).run(answers_for(campaign, "paper", "person"))
                      ["letter"])
        notice = re.search(r'<div class="notice notice--record" role="note">(.*?)</div>', html, re.S).group(1)
        assert f"<strong>Kept for the record ({locale}).</strong>" in notice
        assert translated(app, locale, "What happens next") not in html
    running = rooted(Wizard(client_of(PARK), PARK).run(answers_for(PARK, "paper", "person"))["letter"])
    assert "notice--record" not in running
    assert translated(app, PARK.default_locale, "What happens next") in running
