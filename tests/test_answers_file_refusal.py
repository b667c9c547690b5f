"""A refused answers file is an error of the file input, drawn as the wizard draws a field's: "Error:" heads the
page's title, the error summary links to the input, and the input names its message and says it is invalid. Only
a file that was read gets the notice."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from markupsafe import escape

from campaign.followup import saved

from .conftest import PARK, build, translated

REFUSED = {"no file chosen": (b"", "", saved.NO_FILE), "not JSON": (b"surname = Saparova\n", "a.json", saved.NOT_JSON),
           "wrong version": (b'{"format": "appeal-answers", "version": 2, "answers": {}}', "a.json",
                             saved.WRONG_VERSION)}
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
FILE_INPUT = re.compile(r'<input id="answers_file"[^>]*>')
SUMMARY_LINKS = re.compile(r'<div class="error-summary".*?</div>', re.S)


def send(locale: str, data: bytes, name: str, headers: dict | None = None):
    client = build(PARK.root).test_client()
    form = {"followup": "upload", "answers_file": (io.BytesIO(data), name)}
    return client.post(PARK.url("petition/follow-up", locale), data=form, content_type="multipart/form-data",
                       headers=headers or {})


@pytest.mark.parametrize("locale", PARK.locales)
@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_a_refused_file_is_an_error_of_its_input(case, locale):
    app = build(PARK.root)
    data, name, message = REFUSED[case]
    for headers in ({}, {"HX-Request": "true"}):
        response = send(locale, data, name, headers)
        html = response.get_data(as_text=True)
        shown = translated(app, locale, message, limit=str(saved.SIZE_LIMIT // 1024))
        assert response.status_code == 422
        assert unescape(TITLE.search(html)[1]).startswith(translated(app, locale, "Error:") + " ")
        summary = SUMMARY_LINKS.search(html)[0]
        assert re.findall(r'<a href="([^"]+)">(.*?)</a>', summary) == [("#answers_file", str(escape(shown)))]
        file_input = FILE_INPUT.search(html)[0]
        assert 'aria-invalid="true"' in file_input
        described = re.search(r'aria-describedby="([^"]*)"', file_input)[1].split()
        assert "answers_file-error" in described
        at_field = re.search(r'<span class="error-message" id="answers_file-error">(.*?)</span>\s*<input', html, re.S)
        assert unescape(re.sub(r"<[^>]+>", "", at_field[1])).split() == (
            f"{translated(app, locale, 'Error:')} {shown}".split())
        assert 'class="notice"' not in html


def test_a_file_that_was_read_gets_the_notice_and_no_error():
    app = build(PARK.root)
    response = send("ru", b'{"format": "appeal-answers", "version": 1, "answers": {"surname": "x"}}', "a.json")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="notice"' in html and 'class="error-summary"' not in html
    assert not unescape(TITLE.search(html)[1]).startswith(translated(app, "ru", "Error:"))
    assert 'aria-invalid' not in FILE_INPUT.search(html)[0]
