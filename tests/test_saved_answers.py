"""The answers file: saved from the answers, read back as the form values the wizard reads, and every malformed
or hostile file refused with its own message (never a 500; nothing of it drawn unescaped)."""

from __future__ import annotations

import codecs
import json

import pytest
from werkzeug.datastructures import MultiDict

from campaign.followup import saved
from campaign.wizard.answers import read_answers

from .conftest import VALID_IIN

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
