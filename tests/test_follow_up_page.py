"""The follow-up page through the test client, without JavaScript: the card's form, the card (its dates for a
pinned day, ranges with their reason, the next letters), the letter step's "After you file it", the default
campaign's reason sentence, htmx fragments, no-store, and bad dates answered with a localized message."""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from html import unescape

import pytest

from campaign.followup.card import NEXT_LETTERS
from campaign.i18n import long_date, use_locale
from campaign.wizard.answers import read_answers
from campaign.wizard.case import card_of

from .conftest import DEFAULT, PARK, Wizard, answers_for, build, read_form, rooted, translated, variant

CASE = {"registered_on": "2026-02-02", "registration_number": "ЖТ-2026-0042"}


def url(locale: str | None = None, tail: str = "") -> str:
    return PARK.url(f"petition/follow-up{tail}", locale)


def pin(monkeypatch, day: dt.date) -> None:
    moment = dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC)  # 13:00 in Kazakhstan
    monkeypatch.setattr("campaign.clock.now", lambda: moment)


@pytest.fixture()
def app():
    return build(PARK.root)


@pytest.fixture()
def client(app):
    return app.test_client()


def card_dates(app, locale: str, case: dict) -> dict:
    """The card of `case` as campaign.deadlines counts it (its own tests check the counting), as dates shown."""
    offer = app.extensions["campaign_site"].offer
    card = card_of(read_answers(case_form(case)), offer)
    with in_locale(app, locale):
        return {"card": card, "due": long_date(card.answer_due.late), "latest": long_date(card.latest.late),
                "complain": long_date(card.complain_by.early), "long": long_date}


@contextmanager
def in_locale(app, locale: str):
    """A request of `locale`, as the site's own pages are served in it (dates written as they show them)."""
    with app.test_request_context():
        use_locale(locale)
        yield


def case_form(case: dict):
    from werkzeug.datastructures import MultiDict

    return MultiDict({**case, "kind": "reminder"})


def text_of_html(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", unescape(html))


def text_of(response) -> str:
    return text_of_html(response.get_data(as_text=True))


@pytest.mark.parametrize("locale", PARK.locales)
def test_the_form_asks_the_cards_fields_and_is_never_cached(client, app, locale):
    response = client.get(url(locale))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store" and "HX-Request" in response.headers["Vary"]
    for name in ("registered_on", "registration_number", "extended_to", "redirected_on", "redirected_to"):
        assert f'name="{name}"' in html
    assert 'name="answer_gist"' not in html
    assert translated(app, locale, "Date your appeal was registered") in unescape(html)
    assert 'enctype="multipart/form-data"' in html  # the answers file, uploaded without a script


@pytest.mark.parametrize("locale", PARK.locales)
def test_the_card_shows_each_date_with_its_rule(client, app, monkeypatch, locale):
    pin(monkeypatch, dt.date(2026, 6, 3))
    response = client.post(url(locale), data={**CASE, "followup": "card"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = text_of(response)
    shown = card_dates(app, locale, CASE)
    assert shown["card"].answer_due.certain
    for date in (shown["due"], shown["latest"], shown["complain"]):
        assert date in page
    assert "ЖТ-2026-0042" in page
    with in_locale(app, locale):
        from flask_babel import ngettext

        rule = ngettext("The body must answer within %(num)d working day of registering the appeal.",
                        "The body must answer within %(num)d working days of registering the appeal.", 15)
        complain = ngettext("Silence past the due date counts as a refusal: you may complain about it to the higher "
                            "body within %(num)d month, counted from the day after the due date.",
                            "Silence past the due date counts as a refusal: you may complain about it to the higher "
                            "body within %(num)d months, counted from the day after the due date.", 3)
    assert rule in page
    # Each rule is one sentence of its own beside its date; where a complaint goes stands apart.
    cells = [" ".join(cell.split()) for cell in re.findall(r"<dd>(.*?)</dd>", unescape(response.get_data(as_text=True)),
                                                           re.S)]
    assert rule in cells and complain in cells
    note = translated(app, locale, "The complaint is lodged with the body that did not answer, which passes it on. "
                      "A complaint made later may not be refused for that alone, and the term can be restored for "
                      "a good reason.")
    assert note in page and not any(note in cell for cell in cells)


def test_a_date_across_an_estimated_holiday_is_a_range_with_its_reason(client, app, monkeypatch):
    pin(monkeypatch, dt.date(2026, 5, 20))
    case = {"registered_on": "2026-05-15", "registration_number": "17"}
    shown = card_dates(app, "ru", case)
    card = shown["card"]
    assert not card.answer_due.certain  # Kurban Ait 2026 is an estimated date in the holidays package
    page = text_of(client.post(url("ru"), data={**case, "followup": "card"}))
    with in_locale(app, "ru"):
        between = translated(app, "ru", "between %(early)s and %(late)s", early=long_date(card.answer_due.early),
                             late=long_date(card.answer_due.late))
        estimated = next(d for d in card.doubts if d.reason == "estimated")
        reason = translated(app, "ru", "The holiday on %(day)s is an estimated date: it follows the lunar calendar "
                            "and is confirmed later, so a date counted across it may move by a day.",
                            day=long_date(estimated.day))
    assert between in page and reason in page


def next_letter_kinds(html: str) -> list[str]:
    """The kinds of letter the card's next-letter forms open."""
    html = html[html.index('<ul class="next-letters">'):]
    html = html[:html.index("</ul>")]
    return re.findall(r'<input type="hidden" name="kind" value="(\w+)">\s*<button', html)


def test_the_inaction_complaint_is_offered_only_once_the_term_has_passed(client, app, monkeypatch):
    card = card_dates(app, "ru", CASE)["card"]
    pin(monkeypatch, card.answer_due.early - dt.timedelta(days=1))
    before = client.post(url("ru"), data={**CASE, "followup": "card"}).get_data(as_text=True)
    assert "inaction" not in next_letter_kinds(before) and "reminder" not in next_letter_kinds(before)
    with in_locale(app, "ru"):
        opens = long_date(card.answer_due.late + dt.timedelta(days=1))
    # Named, with the day it opens, but without a button.
    assert translated(app, "ru", NEXT_LETTERS["inaction"][1], date=opens) in text_of_html(before)
    pin(monkeypatch, card.answer_due.late + dt.timedelta(days=1))
    after = client.post(url("ru"), data={**CASE, "followup": "card"}).get_data(as_text=True)
    assert {"reminder", "inaction"} <= set(next_letter_kinds(after))


def test_a_next_letter_form_carries_the_answers_to_the_wizard(client, app, monkeypatch):
    card = card_dates(app, "ru", CASE)["card"]
    pin(monkeypatch, card.answer_due.late + dt.timedelta(days=1))
    page = client.post(url("ru"), data={**CASE, "surname": "Сапарова", "followup": "card"})
    html = page.get_data(as_text=True)
    action = re.search(r'<form method="post" action="([^"]+)">\s*(?:<input[^>]*>)*<input type="hidden" '
                       r'name="kind" value="inaction">', html)
    assert action, "no form for the inaction complaint"
    form = Wizard.form_data(html, action[1])
    assert form["registration_number"] == ["ЖТ-2026-0042"] and form["surname"] == ["Сапарова"]
    step = client.post(page.request.path.rsplit("/", 1)[0] + "/" + action[1].rsplit("/", 1)[-1], data=form)
    assert step.status_code == 200 and Wizard.step_of(step.get_data(as_text=True)) == "route"


@pytest.mark.parametrize(("value", "code"), [("31.02.2026", "invalid"), ("2099-01-01", "future"), ("", "required")])
def test_a_bad_date_gets_a_localized_message_and_a_4xx(client, app, monkeypatch, value, code):
    pin(monkeypatch, dt.date(2026, 6, 3))
    from campaign.wizard.schema import FIELDS_BY_NAME

    message = translated(app, "kk", FIELDS_BY_NAME["registered_on"].errors[code])
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(url("kk"), data={**CASE, "registered_on": value, "followup": "card"},
                               headers=headers)
        assert response.status_code == 422 and message in unescape(response.get_data(as_text=True))
    assert response.headers["HX-Retarget"] == "#followup"  # site.js swaps the app's own 4xx answers in


def test_htmx_gets_the_part_and_a_browser_the_page(client):
    plain = client.post(url(), data={**CASE, "followup": "card"})
    fragment = client.post(url(), data={**CASE, "followup": "card"}, headers={"HX-Request": "true"})
    for response in (plain, fragment):
        assert "HX-Request" in response.headers["Vary"] and response.headers["Cache-Control"] == "no-store"
    assert "<html" in plain.get_data(as_text=True) and "<html" not in fragment.get_data(as_text=True)
    assert '<div id="followup"' not in fragment.get_data(as_text=True)


def test_change_shows_the_form_filled_in(client):
    html = client.post(url(), data=CASE).get_data(as_text=True)
    assert 'value="ЖТ-2026-0042"' in html and 'name="followup" value="card"' in html


def test_the_appeals_letter_step_offers_the_card_and_saving(client, app):
    pages = Wizard(client, PARK, "ru").run(answers_for(PARK, "paper", "person"))
    html = rooted(pages["letter"])
    form = read_form(html, url("ru"))  # a form posting to the follow-up page
    assert {"registered_on", "registration_number"} <= set(form["fields"])
    assert ("surname", "Сапарова") in form["data"]
    assert read_form(html, url("ru", "/saved-answers.json"))
    assert translated(app, "ru", "Save my answers") in unescape(html)


def test_the_default_campaign_offers_no_follow_up_and_says_why(monkeypatch):
    app = build(DEFAULT.root)
    client = app.test_client()
    response = client.get(DEFAULT.url("petition/follow-up"))
    assert response.status_code == 200
    sentence = translated(app, DEFAULT.default_locale, "This campaign is over and the matter has been decided, so "
                          "there is no answer left to wait for and no dates to count.")
    assert sentence in unescape(response.get_data(as_text=True))
    assert 'name="registered_on"' not in response.get_data(as_text=True)
    letter = Wizard(client, DEFAULT).run(answers_for(DEFAULT, DEFAULT.routes[0], "person"))["letter"]
    assert "follow-up" not in letter.get_data(as_text=True)


def test_a_campaign_without_follow_up_content_has_no_such_page(tmp_path):
    import shutil

    bare = variant(PARK, tmp_path, {})
    shutil.rmtree(bare.root / "complaint" / "follow-up")
    client = build(bare.root).test_client()
    assert client.get(url()).status_code == 404
    assert client.post(url(tail="/dates.ics"), data=CASE).status_code == 404
