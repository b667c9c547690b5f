"""The answers file: saved from the answers, read back as the form values the wizard reads, and every malformed
or hostile file refused with its own message (never a 500; nothing of it drawn unescaped)."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import re
from html import unescape

import pytest
from werkzeug.datastructures import MultiDict

from campaign.followup import saved
from campaign.wizard.answers import read_answers

from .conftest import PARK, VALID_IIN, Wizard, answers_for, build, rooted, translated, variant

ANSWERS = MultiDict([("route", "paper"), ("sender", "person"), ("surname", "Сапарова"), ("given_name", "Әсел"),
                     ("iin", VALID_IIN), ("address", "Көктал, Бейбітшілік к-сі, 5\n2-пәтер"),
                     ("registered_on", "2026-03-05"), ("registration_number", "ЖТ-2026-0042")])


def document(answers: object = None, **top: object) -> bytes:
    data = {"format": saved.FORMAT, "version": saved.VERSION,
            "answers": {"surname": "Сапарова"} if answers is None else answers, **top}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_a_saved_file_reads_back_as_the_same_answers():
    answers = read_answers(ANSWERS)
    again = read_answers(saved.load(saved.dump(answers)))
    assert again.values == answers.values


def test_the_file_is_a_small_versioned_object_of_the_answers_given():
    data = json.loads(saved.dump(read_answers(ANSWERS)))
    assert (data["format"], data["version"]) == (saved.FORMAT, 1)
    assert data["answers"]["iin"] == VALID_IIN
    assert "personal" not in data["answers"]  # unanswered fields are left out


OVERSIZE = document({"personal": "ы" * saved.SIZE_LIMIT})
HOSTILE = {
    "empty file": (b"", saved.EMPTY),
    "oversize": (OVERSIZE, saved.TOO_LARGE),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", saved.PDF),
    "not UTF-8": ("{\"surname\": \"Сапарова\"}".encode("cp1251"), saved.NOT_UTF8),
    "UTF-16 with BOM": (codecs.BOM_UTF16_LE + document().decode().encode("utf-16-le"), saved.NOT_UTF8),
    "not JSON": (b"surname = Saparova\n", saved.NOT_JSON),
    "NaN": (b'{"format": "appeal-answers", "version": NaN, "answers": {}}', saved.NOT_JSON),
    "a JSON array": (b'[{"surname": "x"}]', saved.NOT_OBJECT),
    "wrong format name": (document(format="other-answers"), saved.WRONG_FORMAT),
    "no version": (json.dumps({"format": saved.FORMAT, "answers": {}}).encode(), saved.NO_VERSION),
    "wrong version": (document(version=2), saved.WRONG_VERSION),
    "version as text": (document(version="1"), saved.WRONG_VERSION),
    "version true": (document(version=True), saved.WRONG_VERSION),
    "an unknown top key": (document(extra="x"), saved.NOT_OBJECT),
    "answers not an object": (document(["surname"]), saved.NOT_OBJECT),
    "duplicate keys": (b'{"format": "appeal-answers", "version": 1, "answers": {"surname": "a", "surname": "b"}}',
                       saved.DUPLICATE),
    "unknown field": (document({"password": "x"}), saved.UNKNOWN_FIELD),
    "shared_device is never read": (document({"shared_device": "yes"}), saved.UNKNOWN_FIELD),
    "a number": (document({"iin": 42}), saved.NOT_TEXT),
    "null": (document({"surname": None}), saved.NOT_TEXT),
    "a nested object": (document({"surname": {"text": "x"}}), saved.NOT_TEXT),
    "a list where a string belongs": (document({"surname": ["a", "b"]}), saved.NOT_ONE_TEXT),
    "a control character": (document({"surname": "Сап\x1bарова"}), saved.CONTROL),
    "a number too long to read": (b'{"format": "appeal-answers", "version": 1' + b"1" * 5000 + b', "answers": {}}',
                                  saved.NOT_JSON),
    "deep nesting": (b'{"format": "appeal-answers", "version": 1, "answers": ' + b"[" * 20000 + b"]" * 20000 + b"}",
                     saved.NOT_JSON),
}


@pytest.mark.parametrize("case", HOSTILE, ids=str)
def test_each_malformed_file_is_refused_with_its_message(case):
    data, message = HOSTILE[case]
    with pytest.raises(saved.SavedFileError) as refused:
        saved.load(data)
    assert refused.value.message == message


def test_the_refusals_are_all_different_messages():
    messages = [value for name, value in vars(saved).items() if name.isupper() and isinstance(value, str)
                and name not in ("FORMAT",)]
    assert len(messages) == len(set(messages)) >= 15


def test_markup_is_kept_as_text_for_the_wizard_to_clean_and_escape():
    form = saved.load(document({"address": "<script>alert(1)</script>"}))
    assert form["address"] == "<script>alert(1)</script>"


def test_a_list_field_takes_a_list_of_texts():
    form = saved.load(document({"arguments": ["a", "b"]}))
    assert form.getlist("arguments") == ["a", "b"]


# --- over HTTP: saved from the letter step and the card, uploaded on the follow-up page ------------------------------

CASE = {"registered_on": "2026-02-02", "registration_number": "ЖТ-2026-0042"}


def follow_up(tail: str = "", locale: str = "ru") -> str:
    return PARK.url(f"petition/follow-up{tail}", locale)


def upload(client, data: bytes | None, name: str = "answers.json", headers: dict | None = None):
    files = {"followup": "upload"}
    if data is not None:
        files["answers_file"] = (io.BytesIO(data), name)
    else:
        files["answers_file"] = (io.BytesIO(b""), "")  # the browser's part when no file was chosen
    return client.post(follow_up(), data=files, content_type="multipart/form-data", headers=headers or {})


def test_saved_on_the_letter_step_then_uploaded_refills_the_form_and_the_wizard():
    app = build(PARK.root)
    client = app.test_client()
    letter = rooted(Wizard(client, PARK, "ru").run(answers_for(PARK, "paper", "person"))["letter"])
    form = Wizard.form_data(letter, follow_up("/saved-answers.json"))
    saved_file = client.post(follow_up("/saved-answers.json"), data=form)
    assert saved_file.status_code == 200 and saved_file.headers["Cache-Control"] == "no-store"
    disposition = saved_file.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="answers-\d{4}-\d\d-\d\d\.json"', disposition)
    page = upload(client, saved_file.get_data())
    html = rooted(page)
    assert page.status_code == 200 and 'name="registered_on"' in html  # no case yet: the form, filled in
    assert translated(app, "ru", "Your saved answers have been read. Now give the date and the number your "
                      "appeal was registered under.") in unescape(html)
    card = Wizard.form_data(html, follow_up())
    assert card["surname"] == ["Сапарова"] and card["iin"] == [VALID_IIN]


def test_saved_on_the_card_then_uploaded_shows_the_card_again(monkeypatch):
    moment = dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC)  # the term has passed: the next letters are open
    monkeypatch.setattr("campaign.clock.now", lambda: moment)
    client = build(PARK.root).test_client()
    card = client.post(follow_up(), data={**CASE, "surname": "Сапарова", "followup": "card"})
    form = Wizard.form_data(rooted(card), follow_up("/saved-answers.json"))
    again = upload(client, client.post(follow_up("/saved-answers.json"), data=form).get_data())
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and "case-dates" in html and "ЖТ-2026-0042" in html
    # The next letter's form carries what the file held to the wizard.
    assert 'name="surname" value="Сапарова"' in html and 'name="kind" value="inaction"' in html


# The same hostile files as above, and those only HTTP has, each answered with its own message, never a 500.
HTTP_ONLY = {"no file chosen": (None, saved.NO_FILE)}


@pytest.mark.parametrize("case", [*HOSTILE, *HTTP_ONLY], ids=str)
def test_each_malformed_upload_gets_its_localized_message(case):
    app = build(PARK.root)
    data, message = {**HOSTILE, **HTTP_ONLY}[case]
    for headers in ({}, {"HX-Request": "true"}):
        response = upload(app.test_client(), data, headers=headers)
        assert response.status_code == 422, case
        shown = translated(app, "ru", message, limit=str(saved.SIZE_LIMIT // 1024))
        assert shown in unescape(response.get_data(as_text=True))


def test_a_ten_megabyte_field_is_refused_before_it_is_read():
    app = build(PARK.root)
    data = document({"personal": "x" * 10 * 1024 * 1024})
    response = upload(app.test_client(), data)
    assert response.status_code == 413
    assert translated(app, "ru", "The form was too large") in unescape(response.get_data(as_text=True))


def test_markup_in_a_file_is_drawn_escaped():
    client = build(PARK.root).test_client()
    response = upload(client, document({"address": "<script>alert(1)</script>", **CASE}))
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_values_of_a_file_pass_the_wizards_own_rules():
    app = build(PARK.root)
    response = upload(app.test_client(), document({**CASE, "registered_on": "31.02.2026"}))
    assert response.status_code == 422
    assert translated(app, "ru", "Enter the registration date as a real date, like 05.03.2026") in unescape(
        response.get_data(as_text=True))


def test_not_offered_on_a_shared_device(tmp_path, monkeypatch):
    moment = dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC)
    monkeypatch.setattr("campaign.clock.now", lambda: moment)
    asking = variant(PARK, tmp_path, {"campaign.yml": {"shared_device_question": True}})
    app = build(asking.root)
    client = app.test_client()
    save = translated(app, "ru", "Save my answers")
    letter = Wizard(client, asking, "ru").run(answers_for(asking, "paper", "person", shared_device="yes"))["letter"]
    assert save not in unescape(letter.get_data(as_text=True))
    card = client.post(follow_up(), data={**CASE, "shared_device": "yes", "followup": "card"})
    assert card.status_code == 200 and save not in unescape(card.get_data(as_text=True))
    refused = client.post(follow_up("/saved-answers.json"), data={**CASE, "shared_device": "yes"})
    assert refused.status_code == 403 and refused.mimetype == "text/html"
    unshared = client.post(follow_up(), data={**CASE, "followup": "card"})
    assert save in unescape(unshared.get_data(as_text=True))
