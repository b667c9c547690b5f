"""Content checks: every mistake an editor can make stops start-up, naming the file and the line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.cli import content as content_commands
from campaign.config import REPO_ROOT
from campaign.content.errors import ContentError

from .conftest import CAMPAIGNS, PARK, build, closed, line_of, variant


def fails(app_with_content, content: Path) -> str:
    with pytest.raises(ContentError) as raised:
        app_with_content(content)
    return str(raised.value)


def test_broken_yaml_stops_start_up_naming_the_file_and_line(tmp_path, app_with_content):
    broken = f"{PARK.default_locale}/privacy.md"
    copy = variant(PARK, tmp_path, {broken: "---\nslug: 'privacy:kk'\ntitle: 'Privacy\ndescription: x\n---\n\n# P\n"})
    assert re.match(rf"{re.escape(str(copy.root / broken))}:\d+: frontmatter is not valid YAML",
                    fails(app_with_content, copy.root))


def test_unknown_component_stops_start_up_naming_the_file_and_line(tmp_path, app_with_content):
    page = PARK.root / PARK.default_locale / "share.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    copy = variant(PARK, tmp_path, {f"{PARK.default_locale}/share.md": "\n".join(
        [*lines, "", ':countdown{to="2024-08-01"}', ""])})
    assert f"{copy.root / PARK.default_locale / 'share.md'}:{len(lines) + 2}: unknown component ':countdown" \
        in fails(app_with_content, copy.root)


def test_unclosed_block_and_duplicate_slug_stop_start_up(tmp_path, app_with_content):
    relative = f"{PARK.default_locale}/privacy.md"
    original = (PARK.root / relative).read_text(encoding="utf-8")
    unclosed = variant(PARK, tmp_path, {relative: original + "\n::notice\n\nNever closed.\n"}, "unclosed")
    message = fails(app_with_content, unclosed.root)
    assert str(unclosed.root / relative) in message and "never closed" in message
    twice = variant(PARK, tmp_path, {f"{PARK.default_locale}/privacy-copy.md": original}, "twice")
    message = fails(app_with_content, twice.root)
    assert "privacy-copy.md" in message and f"privacy:{PARK.default_locale}" in message


def test_a_link_to_no_page_stops_start_up(tmp_path, app_with_content):
    relative = f"{PARK.default_locale}/share.md"
    text = (PARK.root / relative).read_text(encoding="utf-8") + "\nSee [the archive](/archive).\n"
    copy = variant(PARK, tmp_path, {relative: text})
    assert f"{copy.root / relative}:" in (message := fails(app_with_content, copy.root)) and "/archive" in message


FIRST_ARGUMENT = PARK.arguments[0]


def add_wording(part: str, wording: object):
    def change(letter: dict) -> None:
        letter[part]["wordings"].append(wording)

    return change


def rename_key(part: str, old: str, new: str):
    def change(letter: dict) -> None:
        letter[part][new] = letter[part].pop(old)

    return change


def add_argument_wordings(letter: dict) -> None:
    letter["arguments"]["extra"] = {"wordings": ["a", "b"]}


@pytest.mark.parametrize(("relative", "change", "marker", "expected"), [
    ("campaign.yml", {"status": "paused"}, "status:", "status must be one of"),
    ("campaign.yml", {"locales": ["kk", "ru", "kk"]}, "locales:", "lists a value twice"),
    ("campaign.yml", {"locales": ["kk", "RU"]}, "locales:", "not a two- or three-letter"),
    ("campaign.yml", {"locales": ["kk", "zz"]}, "locales:", "no language Babel knows"),
    ("press.yml", {"items": "one"}, "items:", "a list of press items"),
    ("campaign.yml", {**closed(PARK), "record.date": "tomorrow"}, "date: tomorrow", "record date must be a date"),
    ("complaint/settings.yml", {"routes": ["paper", "pigeon"]}, "routes:", "'pigeon'"),
    ("complaint/settings.yml", {"senders": ["person", "robot"]}, "senders:", "'robot'"),
    ("complaint/settings.yml", {"letter_languages": ["kk", "de"]}, "letter_languages:", "'de'"),
    ("complaint/settings.yml", {"email": ""}, "email:", "needs a non-empty 'email'"),
    ("complaint/arguments.yml", {f"{FIRST_ARGUMENT}.de": "x"}, "de: x", "'de', which is not one of"),
    ("complaint/ru.yml", add_wording("closing", {"when": "nothing", "text": "x"}), "when: nothing",
     "names no argument"),
    ("complaint/ru.yml", rename_key("greeting", "wordings", "wordingz"), "wordingz:", "needs a list `wordings`"),
    ("complaint/kk.yml", add_argument_wordings, "extra:", "'extra' is not in arguments.yml"),
    ("complaint/kk.yml", {"labels": {}}, "labels:", "unknown key 'labels'"),
], ids=["status", "locale-twice", "locale-case", "locale-unknown", "press-items", "record-date", "route",
        "sender", "letter-language", "email", "argument-locale", "when", "wordings", "extra-argument",
        "letter-key"])
def test_a_wizard_file_mistake_names_the_file_and_line(tmp_path, app_with_content, relative, change, marker,
                                                      expected):
    copy = variant(PARK, tmp_path, {relative: change})
    path = copy.root / relative
    message = fails(app_with_content, copy.root)
    assert message.startswith(f"{path}:{line_of(path, marker)}: "), message
    assert expected in message


def test_every_demand_needs_a_wording_without_conditions(tmp_path, app_with_content):
    def every_closing_conditional(letter: dict) -> None:
        node = letter["closing"]
        node["wordings"] = [{"when": FIRST_ARGUMENT, "text": w if isinstance(w, str) else w["text"]}
                            for w in node["wordings"]]

    copy = variant(PARK, tmp_path, {"complaint/ru.yml": every_closing_conditional})
    assert "at least one wording without `when`" in fails(app_with_content, copy.root)


def test_an_offered_route_needs_its_text(tmp_path, app_with_content):
    relative = f"complaint/routes/{PARK.default_locale}/{PARK.routes[0]}.md"
    message = fails(app_with_content, variant(PARK, tmp_path, {relative: None}).root)
    assert PARK.routes[0] in message and relative.removeprefix("complaint/") in message


def test_a_missing_default_home_page_stops_start_up(tmp_path, app_with_content):
    copy = variant(PARK, tmp_path, {f"{PARK.default_locale}/home.md": None})
    assert "home page is missing" in fails(app_with_content, copy.root)


def flask(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_content_check_passes_each_campaign(campaign):
    # In this process, at the tests' fixed moment: the check warns about calendar years by today's date.
    result = build(campaign.root).test_cli_runner().invoke(content_commands, ["check", str(campaign.root)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("fine")


def test_content_check_fails_with_the_file_and_line(tmp_path):
    copy = variant(PARK, tmp_path, {"complaint/settings.yml": {"senders": ["martian"]}})
    result = flask("content", "check", str(copy.root))
    assert result.returncode == 1
    path = copy.root / "complaint" / "settings.yml"
    assert f"{path}:{line_of(path, 'senders:')}: 'senders': 'martian'" in result.stderr


def test_the_readme_tells_a_new_campaign_to_run_the_check():
    assert "flask --app wsgi content check" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
