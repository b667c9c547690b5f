"""Every page and every wizard step passes the Nu HTML Checker (vnu.jar, run on the machine's Java)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from campaign.config import REPO_ROOT

from .conftest import LOCALES, PAGE_KEYS, page_url
from .test_wizard import ALTERNATIVE_ABOUT

VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_and_step_is_valid_html(client, wizard, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make setup` installs vnu-jar, .ci/run installs Java")
    documents: dict[str, str] = {}
    for key in PAGE_KEYS:
        for locale in LOCALES:
            documents[page_url(key, locale)] = client.get(page_url(key, locale)).get_data(as_text=True)
    documents["404"] = client.get("/kk/no-such-page").get_data(as_text=True)
    for route in ("eotinish", "alternative"):
        w = wizard("kk")
        about = {"full_name": "Ким"} if route == "eotinish" else ALTERNATIVE_ABOUT
        steps = w.run(route, about, {"arguments": ["appc"], "personal": "<b>bold</b>", "letter_language": "ru"})
        for name, response in steps.items():
            documents[f"{route}-{name}"] = response.get_data(as_text=True)
        errors_page = w.submit("about", steps["about"].get_data(as_text=True), {"surname": "", "iin": "1"})
        documents[f"{route}-errors"] = errors_page.get_data(as_text=True)
    files = []
    for number, (name, html) in enumerate(documents.items()):
        assert html.startswith("<!doctype html>"), name
        path = tmp_path / f"{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files.append((name, path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *(str(p) for _, p in files)],
        capture_output=True, text=True, timeout=240,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    names = {f"file:{p}": name for name, p in files}
    problems = [f"{names.get(m.get('url'), m.get('url'))}: {m['message']} ({m.get('extract', '')!r})" for m in messages]
    assert problems == []
