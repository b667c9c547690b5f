"""Catalogs and content translations: the translators' commands, run for real on temporary copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from campaign import create_app
from campaign.config import REPO_ROOT
from campaign.i18n import CatalogError

from .conftest import DAYS_LEFT, change_file, make_app, translated, translated_plural

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
    filled = text.replace('msgid "Page not found"\nmsgstr ""', 'msgid "Page not found"\nmsgstr "Sahifa topilmadi"')
    po.write_text(filled, encoding="utf-8")
    assert flask(project, "translate", "compile").returncode == 0
    change_file(project / "content" / "campaign.yml", lambda settings: settings["locales"].append("uz"))
    app = make_app(project / "content", translations_dir=project / "translations")
    client = app.test_client()
    missing = client.get("/uz/no-such-page")
    assert missing.status_code == 404 and "Sahifa topilmadi" in missing.get_data(as_text=True)
    home = client.get("/uz/")
    assert home.status_code == 200 and '<html lang="uz"' in home.get_data(as_text=True)
    assert translated(app, "uz", "This page has not been translated yet. It is shown in its original language.") \
        in home.get_data(as_text=True)
    stats = flask(project, "translate", "stats")
    assert "uz: 1 translated" in stats.stdout


COUNTS = range(0, 230)


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_numbers_of_one_plural_category_share_a_form(engine_app, locale):
    """The catalogs sort numbers as the language's CLDR rule does: "21" takes the form of "1" in Russian, "22"
    that of "2", "11" that of "5"."""
    category = Locale.parse(locale).plural_form
    forms: dict[str, set[str]] = {}
    for n in COUNTS:
        text = translated_plural(engine_app, locale, *DAYS_LEFT, n)
        assert str(n) in text
        forms.setdefault(category(n), set()).add(text.replace(str(n), "#"))
    assert {name: len(texts) for name, texts in forms.items()} == dict.fromkeys(forms, 1), forms


@pytest.mark.parametrize("locale", ["ru", "kk"])
def test_each_catalog_has_as_many_plural_forms_as_its_language(locale):
    with (REPO_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        assert read_po(po, locale).num_plurals == get_plural(locale).num_plurals


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
