"""The follow-up pages of both campaigns pass the Nu HTML Checker: the form (empty, with errors, after a bad
file), the card (with a range and the next letters), the default campaign's sentence, and the letter step that
offers them."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess

import pytest

from .conftest import DEFAULT, PARK, Wizard, answers_for, build
from .test_html_validity import VNU

CASE = {"registered_on": "2026-05-15", "registration_number": "ЖТ-17", "redirected_on": "2026-05-20",
        "redirected_to": "<b>Акимат</b>", "followup": "card"}


def documents(monkeypatch) -> dict[str, str]:
    monkeypatch.setattr("campaign.clock.now", lambda: dt.datetime(2026, 7, 1, 8, tzinfo=dt.UTC))
    client = build(PARK.root).test_client()
    found = {}
    for locale in PARK.locales:
        url = PARK.url("petition/follow-up", locale)
        found[f"form-{locale}"] = client.get(url)
        found[f"card-{locale}"] = client.post(url, data=CASE)
        found[f"errors-{locale}"] = client.post(url, data={**CASE, "registered_on": "31.02.2026"})
        found[f"bad-file-{locale}"] = client.post(url, data={"followup": "upload", "answers_file": (
            io.BytesIO(b"[]"), "answers.json")}, content_type="multipart/form-data")
        found[f"letter-{locale}"] = Wizard(client, PARK, locale).run(answers_for(PARK, "paper", "person"))["letter"]
    found["default"] = build(DEFAULT.root).test_client().get(DEFAULT.url("petition/follow-up"))
    return {name: response.get_data(as_text=True) for name, response in found.items()}


def test_the_follow_up_pages_are_valid_html(tmp_path, monkeypatch):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make setup` installs vnu-jar, .ci/run installs Java")
    files = {}
    for name, html in documents(monkeypatch).items():
        assert html.startswith("<!doctype html>"), name
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[f"file:{path}"] = name
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *(p[5:] for p in files)],
                            capture_output=True, text=True, timeout=240)
    messages = json.loads(result.stderr)["messages"]
    assert [f"{files.get(m.get('url'), m.get('url'))}: {m['message']}" for m in messages] == []
    assert result.returncode == 0
