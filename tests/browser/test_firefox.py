"""What a visitor does in Debian's Firefox ESR (the engine of Tor Browser), with JavaScript on and with it off
(Tor Browser's safest mode), against a real gunicorn, for both campaigns.

Firefox is driven by puppeteer-core from node's own test runner (tests/firefox/visitor.test.mjs). What it visits,
which ways it takes through the wizard and what it types come from the campaign's own files (`Campaign`), written
here into a plan the node tests read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT

from ..conftest import Campaign, answers_for, build, translated, ways
from .conftest import Server

FIREFOX = Path("/usr/bin/firefox-esr")
PUPPETEER = REPO_ROOT / "node_modules" / "puppeteer-core"
NODE_TESTS = REPO_ROOT / "tests" / "firefox" / "visitor.test.mjs"
# Answers given by choosing, not typing.
CHOSEN = ("route", "sender", "arguments", "letter_language")


def require(present: bool, missing: str, remedy: str) -> None:
    """Under CI a missing tool fails the test; elsewhere it skips it."""
    if not present:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{missing} is missing: {remedy}")


def option(field: str, values: tuple[str, ...], value: str) -> str:
    """The radio or checkbox of a value: the first option's id is the field's name, the others field-value."""
    return f"#{field}" if value == values[0] else f"#{field}-{value}"


def way_plan(campaign: Campaign, index: int, route: str, sender: str) -> dict:
    """One way through the wizard: the steps in order, what to choose and type on each, what the letter holds.

    The ways take the site's locales in turn, and the letter's languages so that, between them, the ways pair
    each locale with each language where there are ways enough."""
    locales, languages = campaign.locales, campaign.letter_languages
    locale = locales[index % len(locales)]
    language = languages[(index // len(locales) + index) % len(languages)]
    answers = answers_for(campaign, route, sender, language)
    about = {name: value for name, value in answers.items() if name not in (*CHOSEN, "personal") and value}

    def url(step: str) -> str:
        return campaign.url(f"petition/{step}", locale)

    steps = [{"step": "route", "url": url("route"), "choose": [option("route", campaign.routes, route)]}]
    if route != "eotinish":  # eOtinish appeals come from people (see `ways`): no question about the sender
        steps.append({"step": "sender", "url": url("sender"), "choose": [option("sender", campaign.senders, sender)]})
    steps.append({"step": "about", "url": url("about"), "type": about})
    steps.append({
        "step": "complaint", "url": url("complaint"),
        "choose": [option("letter_language", languages, language)],
        "tick": {option("arguments", campaign.arguments, key): key in answers["arguments"]
                 for key in campaign.arguments},
        "type": {"personal": answers["personal"]},
    })
    steps.append({"step": "check", "url": url("check")})
    typed = [*about.values(), answers["personal"]]
    return {
        "name": f"{route} as {sender}, in {locale}, a letter in {language}",
        "locale": locale,
        "steps": steps,
        "letter": {"url": url("letter"), "contains": [*typed, campaign.letter(language)["subject"]]},
        "typed": typed,
    }


def plan_for(campaign: Campaign, server: Server, javascript: bool) -> dict:
    plans = [way_plan(campaign, index, route, sender) for index, (route, sender) in enumerate(ways(campaign))]
    # Once per run, the about step (required fields, unlike eOtinish's) is first submitted empty.
    first = next(way for way in plans if not way["name"].startswith("eotinish"))
    about = next(step for step in first["steps"] if step["step"] == "about")
    # The title of a step with mistakes starts with the catalog's "Error:".
    about["empty_first"] = {"title_starts_with": translated(build(campaign.root), first["locale"], "Error:")}
    first["name"] += ", through an empty about step"
    return {
        "campaign": campaign.name,
        "base_url": server.base_url,
        "firefox": str(FIREFOX),
        "javascript": javascript,
        "pages": [campaign.url(key, locale) for key in campaign.page_keys for locale in campaign.locales],
        "ways": plans,
    }


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_visitor_in_firefox_esr(server, campaign, javascript, tmp_path):
    require(FIREFOX.exists(), str(FIREFOX), "apt-get install firefox-esr (.ci/run does)")
    require(PUPPETEER.exists(), "node_modules/puppeteer-core", "`make setup` installs it")
    node = shutil.which("node")
    require(node is not None, "node", "install Node.js (`make setup` needs it too)")
    plan = plan_for(campaign, server, javascript)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=1), encoding="utf-8")

    access_before = len(server.access_log.read_text(encoding="utf-8"))
    started = time.monotonic()
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", str(NODE_TESTS)], cwd=REPO_ROOT,
        env={**os.environ, "FIREFOX_PLAN": str(plan_file), "NO_COLOR": "1"},
        capture_output=True, text=True, timeout=300,
    )
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, f"node --test exited with {result.returncode} after " \
                                   f"{time.monotonic() - started:.0f} s:\n{output}"
    # Every page and every way was a test of its own, and each passed.
    summary = dict(re.findall(r"^\S*\s*(tests|pass|fail|skipped|todo) (\d+)$", result.stdout, re.MULTILINE))
    tests = len(plan["pages"]) + len(plan["ways"])
    assert summary == {"tests": str(tests), "pass": str(tests), "fail": "0", "skipped": "0", "todo": "0"}, output

    # Every step was posted to this server and is in its access log: without JavaScript a valid step answers
    # 307 to the next one, to htmx it answers with the next step itself. Nothing typed is in any of its logs.
    access = server.access_log.read_text(encoding="utf-8")[access_before:]
    status = 200 if javascript else 307
    for way in plan["ways"]:
        for step in way["steps"]:
            assert f"POST {step['url']} {status} " in access, step["url"]
    logs = server.logs()
    for text in (text for way in plan["ways"] for text in way["typed"]):
        for form in {text, urllib.parse.quote(text), urllib.parse.quote_plus(text)}:
            assert form not in logs, text
