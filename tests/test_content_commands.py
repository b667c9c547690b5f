"""Every `flask content …` command reads the campaign in DIR, else CAMPAIGN_CONTENT_DIR, else content/, and says
first which one: an editor never gets the default campaign's report for their own without seeing it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import Result

from campaign.cli import content
from campaign.config import REPO_ROOT

from .conftest import PARK, build

DEFAULT_LINE = (f"campaign directory: {REPO_ROOT / 'content'} (the default: give DIR or set CAMPAIGN_CONTENT_DIR "
                "for another)")


@pytest.fixture()
def park_copy(tmp_path: Path) -> Path:
    """A throwaway copy of the fixture campaign, with one Russian page missing: its status tells it apart."""
    target = tmp_path / "park"
    shutil.copytree(PARK.root, target)
    (target / "ru" / "share.md").unlink()
    return target


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    # None unsets the variable: the default case must not inherit one from the shell running the tests.
    environment = {"CAMPAIGN_CONTENT_DIR": None, **(env or {})}
    return build(PARK.root).test_cli_runner().invoke(content, list(args), env=environment)


def first_line(result: Result, status: int = 0) -> str:
    assert result.exit_code == status, result.output
    return result.stdout.splitlines()[0]


# A line of each command's report that only the copy gives, and the copy's exit status: the check fails on the
# missing translation, the status lists it.
ON_COPY = {"check": ("the page 'share' has no ru translation", 1), "status": ("share: kk present, ru missing", 0)}


@pytest.mark.parametrize("command", ON_COPY)
def test_a_command_reads_dir_then_the_variable_then_content(command, park_copy):
    line, status = ON_COPY[command]
    given = run(command, str(park_copy))
    assert first_line(given, status) == f"campaign directory: {park_copy}"
    assert line in given.output

    from_variable = run(command, env={"CAMPAIGN_CONTENT_DIR": str(park_copy)})
    assert first_line(from_variable, status) == f"campaign directory: {park_copy} (from CAMPAIGN_CONTENT_DIR)"
    assert from_variable.output.splitlines()[1:] == given.output.splitlines()[1:]

    default = run(command)
    assert first_line(default) == DEFAULT_LINE
    assert default.output.splitlines()[1:] == run(command, str(REPO_ROOT / "content")).output.splitlines()[1:]
    assert line not in default.output


def test_stamp_takes_the_directory_first_and_writes_only_there(park_copy):
    translation = park_copy / "ru" / "home.md"
    assert "ru outdated" in next(line for line in run("status", str(park_copy)).stdout.splitlines()
                                 if line.startswith("home:"))
    stamped = run("stamp", str(park_copy), "ru", "home")
    assert first_line(stamped) == f"campaign directory: {park_copy}"
    assert f"{translation}: translated_from " in stamped.stdout
    assert "home: kk present, ru present" in run("status", str(park_copy)).stdout
    assert "translated_from" not in (PARK.root / "ru" / "home.md").read_text(encoding="utf-8")

    from_variable = run("stamp", "ru", "privacy", env={"CAMPAIGN_CONTENT_DIR": str(park_copy)})
    assert first_line(from_variable) == f"campaign directory: {park_copy} (from CAMPAIGN_CONTENT_DIR)"
    assert "privacy: kk present, ru present" in run("status", str(park_copy)).stdout


def test_the_review_reads_the_directory_the_same_way(park_copy, tmp_path):
    out = tmp_path / "review.html"
    from_variable = run("review", str(out), env={"CAMPAIGN_CONTENT_DIR": str(park_copy)})
    assert first_line(from_variable) == f"campaign directory: {park_copy} (from CAMPAIGN_CONTENT_DIR)"
    assert "Көктал" in out.read_text(encoding="utf-8")
    assert first_line(run("review", str(out))) == DEFAULT_LINE


@pytest.mark.parametrize("command", ["check", "status", "stamp", "review"])
def test_every_command_names_dir_first_in_its_usage_and_refuses_a_missing_one(command, tmp_path):
    usage = run(command, "--help")
    assert usage.exit_code == 0
    assert usage.stdout.splitlines()[0].startswith(f"Usage: content {command} [OPTIONS] [DIR]")
    rest = {"check": (), "status": (), "stamp": ("ru", "home"), "review": (str(tmp_path / "out.html"),)}[command]
    missing = run(command, str(tmp_path / "nowhere"), *rest)
    assert missing.exit_code == 2
    assert f"{tmp_path / 'nowhere'} is not a directory" in missing.output


def test_make_content_status_takes_dir(park_copy):
    # --old-file: the test never rebuilds the environment it runs in (a newer pyproject.toml would).
    result = subprocess.run(["make", "--no-print-directory", "-s", "--old-file=.venv/.installed", "content-status",
                             f"DIR={park_copy}"],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"campaign directory: {park_copy}"
    assert "share: kk present, ru missing" in result.stdout
