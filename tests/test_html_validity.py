"""Every page and every wizard step of both campaigns, and their letters' review, passes the Nu HTML Checker
(vnu.jar, on the machine's Java)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from campaign.config import REPO_ROOT

from .conftest import CAMPAIGNS, PERSON, Wizard, answers_for, client_of, ways

VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def documents_of(campaign) -> dict[str, str]:
    client = client_of(campaign)
    documents = {f"{campaign.name}{campaign.url(key, locale)}": client.get(campaign.url(key, locale)).get_data(
        as_text=True) for key in campaign.page_keys for locale in campaign.locales}
    documents[f"{campaign.name}-404"] = client.get(campaign.url("no-such-page", campaign.locales[-1])).get_data(
        as_text=True)
    for locale in campaign.locales:
        documents[f"{campaign.name}-addresses-{locale}"] = client.get(campaign.url("addresses", locale)).get_data(
            as_text=True)
    documents[f"{campaign.name}-wrong-host"] = client.get("/", headers={"Host": "evil.example"}).get_data(
        as_text=True)
    for route, sender in ways(campaign):
        w = Wizard(client, campaign, campaign.locales[-1])
        steps = w.run(answers_for(campaign, route, sender, personal="<b>bold</b>", shared_device="yes"))
        for name, response in steps.items():
            documents[f"{campaign.name}-{route}-{sender}-{name}"] = response.get_data(as_text=True)
        errors = w.submit(steps["about"].get_data(as_text=True), dict.fromkeys(PERSON, "1"))
        documents[f"{campaign.name}-{route}-{sender}-errors"] = errors.get_data(as_text=True)
    return documents


def test_every_page_and_step_is_valid_html(tmp_path, exports, reviews):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make setup` installs vnu-jar, .ci/run installs Java")
    documents = {name: html for campaign in CAMPAIGNS for name, html in documents_of(campaign).items()}
    # The review of every letter (`flask content review`), a file of its own for a lawyer and a translator.
    documents.update({f"review-{name}": path.read_text(encoding="utf-8") for name, path in reviews.items()})
    for name, folder in exports.items():  # the static copy: its pages, its start page, the offline kits
        documents.update({f"export-{name}/{path.relative_to(folder)}": path.read_text(encoding="utf-8")
                          for path in folder.rglob("*.html")})
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
    messages = json.loads(result.stderr)["messages"]
    names = {f"file:{p}": name for name, p in files}
    problems = [f"{names.get(m.get('url'), m.get('url'))}: {m['message']} ({m.get('extract', '')!r})" for m in messages]
    assert problems == []
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(files) > 60
