"""Content checks: every mistake an editor can make stops start-up, naming the file and the line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from campaign.config import REPO_ROOT
from campaign.content.errors import ContentError

from .conftest import CAMPAIGNS, edit


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line and not line.lstrip().startswith("#"))


def fails(app_with_content, content: Path) -> str:
    with pytest.raises(ContentError) as raised:
        app_with_content(content)
    return str(raised.value)


def test_broken_yaml_stops_start_up_naming_the_file_and_line(content_copy, app_with_content):
    broken = content_copy / "en" / "privacy.md"
    write(broken, "---\nslug: 'privacy:en'\ntitle: 'Privacy\ndescription: x\n---\n\n# Privacy\n")
    assert re.match(rf"{re.escape(str(broken))}:\d+: frontmatter is not valid YAML", fails(app_with_content,
                                                                                          content_copy))


def test_unknown_component_stops_start_up_naming_the_file_and_line(content_copy, app_with_content):
    page = content_copy / "en" / "share.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines[8:8] = ["", ':countdown{to="2024-08-01"}', ""]
    write(page, "\n".join(lines) + "\n")
    assert f"{page}:10: unknown component ':countdown" in fails(app_with_content, content_copy)


def test_unclosed_block_and_duplicate_slug_stop_start_up(content_copy, app_with_content):
    page = content_copy / "en" / "safety.md"
    original = page.read_text(encoding="utf-8")
    write(page, original + "\n::notice\n\nNever closed.\n")
    message = fails(app_with_content, content_copy)
    assert str(page) in message and "never closed" in message
    write(page, original)
    write(content_copy / "en" / "safety-copy.md", original)
    message = fails(app_with_content, content_copy)
    assert "safety-copy.md" in message and "safety:en" in message


def test_a_link_to_no_page_stops_start_up(content_copy, app_with_content):
    page = content_copy / "en" / "share.md"
    write(page, page.read_text(encoding="utf-8") + "\nSee [the archive](/archive).\n")
    assert f"{page}:" in (message := fails(app_with_content, content_copy)) and "/archive" in message


@pytest.mark.parametrize(("relative", "old", "new", "marker", "expected"), [
    ("campaign.yml", "status: closed", "status: paused", "status:", "status must be one of"),
    ("campaign.yml", "locales: [ru, kk, en]", "locales: [ru, kk, ru]", "locales:", "lists a value twice"),
    ("campaign.yml", "locales: [ru, kk, en]", "locales: [ru, KK, en]", "locales:", "not a two- or three-letter"),
    ("campaign.yml", "locales: [ru, kk, en]", "locales: [ru, kk, zz]", "locales:", "no language Babel knows"),
    ("press.yml", "items:", "items: 'one'\nformer:", "items:", "a list of press items"),
    ("campaign.yml", "  date: null", "  date: tomorrow", "date: tomorrow", "record date must be a date"),
    ("complaint/settings.yml", "routes: [eotinish, paper]", "routes: [eotinish, pigeon]", "routes:", "'pigeon'"),
    ("complaint/settings.yml", "senders: [person, organisation]", "senders: [person, robot]", "senders:",
     "'robot'"),
    ("complaint/settings.yml", "letter_languages: [ru, kk]", "letter_languages: [ru, de]", "letter_languages:",
     "'de'"),
    ("complaint/settings.yml", "routes: [eotinish, paper]", "routes: [eotinish, paper, email]", "email:",
     "needs a non-empty 'email'"),
    ("complaint/arguments.yml", "iccpr:", "iccpr:\n  de: 'x'", "de: 'x'", "'de', which is not one of"),
    ("complaint/ru.yml", "closing:\n  wordings:", "closing:\n  wordings:\n    - when: nothing\n      text: 'x'",
     "when: nothing", "names no argument"),
    ("complaint/ru.yml", "greeting:\n  wordings:\n", "greeting:\n  wordingz:\n", "wordingz:",
     "needs a list `wordings`"),
    ("complaint/kk.yml", "arguments:\n  appc:", "arguments:\n  extra:\n    wordings: ['a', 'b']\n  appc:",
     "extra:", "'extra' is not in arguments.yml"),
    ("complaint/kk.yml", "sender_prefix:", "labels: {}\nsender_prefix:", "labels:", "unknown key 'labels'"),
])
def test_a_wizard_file_mistake_names_the_file_and_line(content_copy, app_with_content, relative, old, new, marker,
                                                      expected):
    path = content_copy / relative
    edit(path, old, new)
    message = fails(app_with_content, content_copy)
    assert message.startswith(f"{path}:{line_of(path, marker)}: "), message
    assert expected in message


def test_every_demand_needs_a_wording_without_conditions(content_copy, app_with_content):
    path = content_copy / "complaint" / "ru.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("closing:\n  wordings:\n") + len("closing:\n  wordings:\n")
    end = text.index("personal_heading:")
    conditional = "".join(f"    - when: appc\n      text: {line.strip()[2:]}\n" if line.startswith("    - '")
                          else f"{line}\n" for line in text[start:end].splitlines())
    path.write_text(text[:start] + conditional + text[end:], encoding="utf-8")
    assert "at least one wording without `when`" in fails(app_with_content, content_copy)


def test_an_offered_route_needs_its_text(content_copy, app_with_content):
    (content_copy / "complaint" / "routes" / "ru" / "paper.md").unlink()
    assert "paper" in (message := fails(app_with_content, content_copy)) and "routes/ru/paper.md" in message


def test_a_missing_default_home_page_stops_start_up(content_copy, app_with_content):
    (content_copy / "ru" / "home.md").unlink()
    assert "home page is missing" in fails(app_with_content, content_copy)


def flask(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c.name)
def test_content_check_passes_each_campaign(campaign):
    result = flask("content", "check", str(campaign.root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("fine")


def test_content_check_fails_with_the_file_and_line(content_copy):
    edit(content_copy / "complaint" / "settings.yml", "senders: [person, organisation]", "senders: [martian]")
    result = flask("content", "check", str(content_copy))
    assert result.returncode == 1
    path = content_copy / "complaint" / "settings.yml"
    assert f"{path}:{line_of(path, 'senders:')}: 'senders': 'martian'" in result.stderr


def test_the_new_campaign_section_of_the_readme_is_short():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start a new campaign", 1)[1].split("\n## ", 1)[0]
    assert 0 < len([line for line in section.strip().splitlines() if line.strip()]) <= 20
    assert "flask --app wsgi content check" in section
