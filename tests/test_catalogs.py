"""Catalogs and content translations: the translators' commands, run for real on temporary copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from flask_babel import force_locale, ngettext

from campaign import create_app
from campaign.config import REPO_ROOT
from campaign.i18n import CatalogError

from .conftest import make_app

PYTHON = sys.executable


def flask(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`flask --app wsgi …` as a translator runs it, in `cwd`, importing the code found there."""
    environment = {**os.environ, "PYTHONPATH": str(cwd), **(env or {})}
    return subprocess.run([PYTHON, "-m", "flask", "--app", "wsgi", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the parts of the repository the translators' commands touch."""
    root = tmp_path / "project"
    for name in ("campaign", "content", "translations", "static"):
        shutil.copytree(REPO_ROOT / name, root / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    for name in ("babel.cfg", "wsgi.py"):
        shutil.copy(REPO_ROOT / name, root / name)
    return root


def test_the_committed_catalogs_pass_the_gate():
    result = flask(REPO_ROOT, "translate", "check")
    assert result.returncode == 0, result.stderr
    assert "catalogs are complete and current" in result.stdout


def test_the_gate_fails_on_a_new_string_until_catalogs_are_updated(project):
    template = project / "campaign" / "templates" / "errors" / "error.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% endblock %}", "<p>{{ _(\"A brand new sentence\") }}</p>\n{% endblock %}", 1), encoding="utf-8")
    failed = flask(project, "translate", "check")
    assert failed.returncode == 1 and "messages.pot is out of date" in failed.stderr

    updated = flask(project, "translate", "update")
    assert updated.returncode == 0, updated.stderr
    assert 'msgid "A brand new sentence"' in (project / "translations" / "messages.pot").read_text(encoding="utf-8")
    still = flask(project, "translate", "check")
    assert still.returncode == 1
    assert "ru: 0 fuzzy and 1 untranslated messages" in still.stderr
    assert "kk: 0 fuzzy and 1 untranslated messages" in still.stderr
    stats = flask(project, "translate", "stats")
    assert stats.returncode == 0 and ", 0 fuzzy, 1 untranslated" in stats.stdout


def test_a_changed_string_becomes_fuzzy(project):
    code = project / "campaign" / "errors.py"
    code.write_text(code.read_text(encoding="utf-8").replace('_l("Page not found")', '_l("Page not found here")'),
                    encoding="utf-8")
    assert flask(project, "translate", "update").returncode == 0
    po = (project / "translations" / "ru" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    assert '#, fuzzy\nmsgid "Page not found here"' in po
    check = flask(project, "translate", "check")
    assert check.returncode == 1 and "ru: 1 fuzzy" in check.stderr


def test_extraction_is_deterministic(project):
    pot = project / "translations" / "messages.pot"
    before = pot.read_bytes()
    assert flask(project, "translate", "extract").returncode == 0
    assert pot.read_bytes() == before
    text = before.decode("utf-8")
    assert "POT-Creation-Date" not in text and "#: " not in text
    assert "#. Translators:" in text


def test_compile_builds_mo_files_that_are_not_committed(project):
    result = flask(project, "translate", "compile")
    assert result.returncode == 0, result.stderr
    for locale in ("ru", "kk"):
        assert (project / "translations" / locale / "LC_MESSAGES" / "messages.mo").stat().st_size > 1000
    tracked = subprocess.run(["git", "ls-files", "translations"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert ".mo" not in tracked.stdout and "messages.po" in tracked.stdout


def test_a_placeholder_mismatch_fails_the_gate(project):
    po = project / "translations" / "kk" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "Share on %(network)s"')
    end = text.index("\n\n", start)
    po.write_text(text[:start] + 'msgid "Share on %(network)s"\nmsgstr "%(site)s арқылы бөлісу"' + text[end:],
                  encoding="utf-8")
    check = flask(project, "translate", "check")
    assert check.returncode == 1 and "placeholder" in check.stderr


def test_adding_a_locale_takes_init_translate_and_config(project):
    init = flask(project, "translate", "init", "uz")
    assert init.returncode == 0, init.stderr
    po = project / "translations" / "uz" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert "Language: uz" in text and 'msgid "Page not found"' in text
    translated = text.replace('msgid "Page not found"\nmsgstr ""', 'msgid "Page not found"\nmsgstr "Sahifa topilmadi"')
    po.write_text(translated, encoding="utf-8")
    assert flask(project, "translate", "compile").returncode == 0
    settings = project / "content" / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("locales: [ru, kk, en]",
                                                                     "locales: [ru, kk, en, uz]"), encoding="utf-8")
    app = make_app(project / "content", translations_dir=project / "translations")
    client = app.test_client()
    missing = client.get("/uz/no-such-page")
    assert missing.status_code == 404 and "Sahifa topilmadi" in missing.get_data(as_text=True)
    home = client.get("/uz/")
    assert home.status_code == 200 and '<html lang="uz"' in home.get_data(as_text=True)
    assert "This page has not been translated yet" in home.get_data(as_text=True)
    stats = flask(project, "translate", "stats")
    assert "uz: 1 translated" in stats.stdout


@pytest.mark.parametrize(("count", "expected"), [
    (1, "Остался 1 день"), (2, "Осталось 2 дня"), (5, "Осталось 5 дней"),
    (11, "Осталось 11 дней"), (21, "Остался 21 день"), (22, "Осталось 22 дня"),
])
def test_russian_plurals(app, count, expected):
    with app.test_request_context(), force_locale("ru"):
        left = ngettext("%(num)d day left, today included", "%(num)d days left, today included", count)
        assert left == f"{expected}, включая сегодняшний"


def test_kazakh_and_english_plurals(app):
    with app.test_request_context():
        left = lambda count: ngettext("%(num)d day left, today included",  # noqa: E731
                                      "%(num)d days left, today included", count)
        with force_locale("kk"):
            assert left(1) == "Бүгінді қоса алғанда, 1 күн қалды"
            assert left(5) == "Бүгінді қоса алғанда, 5 күн қалды"
        with force_locale("en"):
            assert left(1) == "1 day left, today included"
            assert left(21) == "21 days left, today included"


def test_content_status_reports_present_then_outdated(project):
    status = flask(project, "content", "status")
    assert status.returncode == 0, status.stderr
    for key in ("home", "petition", "petition/alternative", "share", "privacy", "safety", "routes/eotinish",
                "routes/paper"):
        assert f"{key}: ru present, kk present, en present" in status.stdout
    source = project / "content" / "ru" / "share.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    status = flask(project, "content", "status")
    assert "share: ru present, kk outdated, en outdated" in status.stdout
    assert "flask content stamp" in status.stdout
    assert flask(project, "content", "stamp", "kk", "share").returncode == 0
    status = flask(project, "content", "status")
    assert "share: ru present, kk present, en outdated" in status.stdout
    (project / "content" / "en" / "privacy.md").unlink()
    assert "privacy: ru present, kk present, en missing" in flask(project, "content", "status").stdout
    # The wizard's route texts are translated and stamped the same way.
    route = project / "content" / "complaint" / "routes" / "ru" / "paper.md"
    route.write_text(route.read_text(encoding="utf-8") + "\nЕщё один шаг.\n", encoding="utf-8")
    assert "routes/paper: ru present, kk outdated, en outdated" in flask(project, "content", "status").stdout
    assert flask(project, "content", "stamp", "en", "routes/paper").returncode == 0
    assert "routes/paper: ru present, kk outdated, en present" in flask(project, "content", "status").stdout


def test_start_up_refuses_missing_or_stale_catalogs_naming_the_fix(project, caplog):
    def start() -> None:
        create_app({"testing": True, "content_dir": project / "content",
                    "translations_dir": project / "translations"})

    mo = project / "translations" / "kk" / "LC_MESSAGES" / "messages.mo"
    with pytest.raises(CatalogError, match=r"messages\.mo is missing: compile the catalogs with `make compile-"):
        start()
    assert flask(project, "translate", "compile").returncode == 0
    start()
    po = mo.with_suffix(".po")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))  # the .po edited after the last compile
    with pytest.raises(CatalogError, match=r"kk/LC_MESSAGES/messages\.mo is older than its \.po"):
        start()
    assert flask(project, "translate", "compile").returncode == 0
    start()

    shutil.rmtree(project / "translations" / "kk")
    with caplog.at_level("WARNING"):
        start()
    assert "locale 'kk' has no catalog" in caplog.text
    shutil.rmtree(project / "translations" / "ru")
    with pytest.raises(CatalogError, match="default locale 'ru' has no catalog"):
        start()


def test_compiling_writes_each_catalog_whole(project):
    assert flask(project, "translate", "compile").returncode == 0
    assert not list((project / "translations").rglob("*.partial"))


def test_translator_readme_section_is_short():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For translators", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.strip().splitlines() if line.strip()]
    assert 0 < len(lines) <= 15
