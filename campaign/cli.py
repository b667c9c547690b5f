"""`flask translate …` for gettext catalogs and `flask content …` for a campaign: its check, its translations'
status, and the review of every letter its wizard builds.

The catalog commands drive Babel's own `pybabel` front end and then strip the lines that change on every run
(creation dates, the Babel version), so catalogs are byte-for-byte reproducible and CI can compare them.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app
from flask.cli import AppGroup

from . import clock
from .config import ENV_NAMES, REPO_ROOT, Config, ConfigError, from_env
from .content.calendar import CALENDAR_FILE, follow_up_folder, load_calendar, warn_unreviewed
from .content.campaign import Locales, load_locales
from .content.errors import ContentError, collecting_warnings
from .content.pages import Source, read_sources, source_hash
from .content.record_texts import RECORD_SUFFIX
from .deadlines.calendar import FIRST_YEAR, LAST_YEAR, YearRule, make_calendar
from .i18n import DOMAIN, SOURCE_LOCALE, CatalogError, catalog_paths

EXTRACT_ARGS = [
    "--no-wrap", "--add-location=never", "--sort-output", "--add-comments=Translators:",
    "--keyword=lazy_gettext", "--keyword=_l", "--keyword=N_", "--mapping-file=babel.cfg",
    "--project=campaign-site", "--version=1", "--msgid-bugs-address=translators@localhost",
    "--copyright-holder=the campaign-site authors",
]
VOLATILE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.MULTILINE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def pybabel(*args: str) -> None:
    """Run Babel's command-line front end in this process; exit on its failure."""
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def compile_catalog(po_path: Path, mo_path: Path) -> None:
    """Write the .mo file whole or not at all: a site starting meanwhile never reads half of one."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    partial = mo_path.with_suffix(".mo.partial")
    with partial.open("wb") as mo_file:
        write_mo(mo_file, catalog, use_fuzzy=False)
    partial.replace(mo_path)


def normalize(path: Path) -> None:
    """Drop the header lines that differ between runs."""
    text = path.read_text(encoding="utf-8")
    path.write_text(VOLATILE_HEADER.sub("", text), encoding="utf-8")


# Plain click groups, not app commands: they read the configuration themselves, so they work even when the
# site cannot start (a missing default catalog is exactly what `flask translate init` is for).
translate = click.Group("translate", help="Gettext catalogs: extract, update, compile, init, stats, check.")
content = click.Group("content", help="A campaign: check it, its translations' status, every letter its wizard "
                                     "builds. Each command reads the campaign in [DIR], else CAMPAIGN_CONTENT_DIR, "
                                     "else content/.")
# An app command: it needs the site built as it is served.
campaign = AppGroup("campaign", help="The campaign as served: export a static copy.")


def config() -> Config:
    return from_env()


def pot_path() -> Path:
    return config().translations_dir / f"{DOMAIN}.pot"


def catalogs() -> list[tuple[str, Path, Path]]:
    """(locale, .po path, .mo path) of every catalog in the translations directory: the engine's interface is
    translated once for every campaign, whichever locales a campaign uses."""
    root = config().translations_dir
    locales = sorted(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [(loc, *catalog_paths(root, loc)) for loc in locales if loc != SOURCE_LOCALE]


def extract_to(pot: Path, root: Path = REPO_ROOT) -> None:
    pybabel("extract", *EXTRACT_ARGS, f"--output-file={pot}", str(root))
    normalize(pot)


@dataclass(frozen=True)
class CatalogStats:
    locale: str
    translated: int
    fuzzy: int
    untranslated: int
    placeholder_errors: tuple[str, ...]


def catalog_stats(po_path: Path, locale: str) -> CatalogStats:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translated = fuzzy = untranslated = 0
    errors = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
        else:
            untranslated += 1
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - wanted:
                errors.append(f"{ids[0]!r}: {text!r} uses a placeholder the original does not have")
            if text and len(ids) == 1 and set(PLACEHOLDER.findall(text)) != wanted:
                errors.append(f"{ids[0]!r}: {text!r} must use exactly {sorted(wanted) or 'no placeholders'}")
    # Babel's own checks, the ones `pybabel compile` warns about (format strings, plural counts).
    for message, problems in catalog.check():
        errors.extend(f"{message.id!r}: {problem}" for problem in problems)
    return CatalogStats(locale, translated, fuzzy, untranslated, tuple(errors))


@translate.command("extract")
def extract() -> None:
    """Collect the interface strings into translations/messages.pot."""
    extract_to(pot_path())
    click.echo(f"wrote {pot_path()}")


@translate.command("update")
def update() -> None:
    """Extract, then merge new and changed strings into every catalog (changed ones marked fuzzy)."""
    extract_to(pot_path())
    for locale, po_path, _ in catalogs():
        if not po_path.exists():
            click.echo(f"{locale}: no catalog (run `flask translate init {locale}`)", err=True)
            continue
        pybabel("update", "--no-wrap", f"--input-file={pot_path()}",
                f"--output-file={po_path}", f"--locale={locale}", "--ignore-obsolete")
        normalize(po_path)
        click.echo(f"updated {po_path}")


@translate.command("compile")
def compile_() -> None:
    """Build the .mo files the site reads (never committed)."""
    for _, po_path, mo_path in catalogs():
        if po_path.exists():
            compile_catalog(po_path, mo_path)
            click.echo(f"compiled {mo_path}")


@translate.command("init")
@click.argument("locale")
def init(locale: str) -> None:
    """Start a catalog for a new locale, e.g. `flask translate init uz`."""
    po_path, _ = catalog_paths(config().translations_dir, locale)
    if po_path.exists():
        raise click.ClickException(f"{po_path} exists already; use `flask translate update`")
    if not pot_path().exists():
        extract_to(pot_path())
    pybabel("init", "--no-wrap", f"--input-file={pot_path()}", f"--output-dir={config().translations_dir}",
            f"--locale={locale}")
    normalize(po_path)
    click.echo(f"created {po_path}; translate it, then add {locale} to `locales` in content/campaign.yml")


@translate.command("stats")
def stats() -> None:
    """Per locale: translated / fuzzy / untranslated messages."""
    for locale, po_path, _ in catalogs():
        if not po_path.exists():
            click.echo(f"{locale}: no catalog")
            continue
        s = catalog_stats(po_path, locale)
        click.echo(f"{locale}: {s.translated} translated, {s.fuzzy} fuzzy, {s.untranslated} untranslated")


@translate.command("check")
def check() -> None:
    """Fail unless the POT is current and every catalog is complete, compiles and keeps its placeholders."""
    import tempfile

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "messages.pot"
        extract_to(fresh)
        committed = pot_path().read_text(encoding="utf-8") if pot_path().exists() else ""
        if fresh.read_text(encoding="utf-8") != committed:
            problems.append(f"{pot_path()} is out of date: run `make update-catalogs` and translate")
    for locale, po_path, _ in catalogs():
        if not po_path.exists():
            problems.append(f"{locale}: no catalog at {po_path}")
            continue
        s = catalog_stats(po_path, locale)
        if s.fuzzy or s.untranslated:
            problems.append(f"{locale}: {s.fuzzy} fuzzy and {s.untranslated} untranslated messages")
        problems.extend(f"{locale}: {error}" for error in s.placeholder_errors)
    if problems:
        for problem in problems:
            click.echo(problem, err=True)
        sys.exit(1)
    click.echo("catalogs are complete and current")


def campaign_texts(content_dir: Path) -> tuple[Locales, dict[tuple[str, str], Source]]:
    """The campaign's locales, and every markdown text to translate by (key, locale): the pages, and the
    wizard's route texts as `routes/<route>`."""
    locales = load_locales(content_dir / "campaign.yml")
    texts = read_sources(content_dir, locales.codes)
    # Record texts have no frontmatter to stamp a translation in: `content check` names a missing one.
    routes = read_sources(content_dir / "complaint" / "routes", locales.codes, skip=RECORD_SUFFIX)
    texts.update({(f"routes/{key}", locale): source for (key, locale), source in routes.items()})
    return locales, texts


def campaign_directory(ctx: click.Context, param: click.Parameter, given: tuple[Path, ...]) -> Path:
    """The campaign directory a `flask content` command reads, said first: DIR, else CAMPAIGN_CONTENT_DIR, else
    content/. An editor who forgets DIR sees that the report is the default campaign's, not theirs."""
    if len(given) > 1:
        raise click.BadParameter("give one campaign directory at most", ctx, param)
    variable = ENV_NAMES["content_dir"]
    if given:
        directory, origin = given[0], ""
    elif os.environ.get(variable):
        directory, origin = Path(os.environ[variable]), f" (from {variable})"
    else:
        directory, origin = Config().content_dir, f" (the default: give DIR or set {variable} for another)"
    if not directory.is_dir():
        raise click.BadParameter(f"{directory} is not a directory", ctx, param)
    click.echo(f"campaign directory: {directory}{origin}")
    return directory


# The same optional first argument for every content command. Click fills a variadic argument last, so it may
# come before the required ones (`stamp [DIR] LOCALE KEY`); the callback allows one.
campaign_argument = click.argument("directory", nargs=-1, metavar="[DIR]", callback=campaign_directory,
                                   type=click.Path(path_type=Path))


def load_campaign(directory: Path) -> Flask:
    """The site built from DIR as start-up builds it, or the content error and exit status 1."""
    from . import create_app

    try:
        return create_app({"content_dir": directory})
    except (ContentError, ConfigError, CatalogError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)


@content.command("check")
@campaign_argument
def check_content(directory: Path) -> None:
    """Read and check the campaign in DIR as start-up would, without serving it."""
    with collecting_warnings() as warnings:  # start-up logs them; the check lists them, and fails
        app = load_campaign(directory)
        site = app.extensions["campaign_site"]
        try:
            warn_unreviewed(directory, clock.today(app.config["CAMPAIGN"].timezone))
        except ContentError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    summary = (f"{directory}: {len(site.pages.keys())} pages in {', '.join(site.locales.codes)}; routes "
               f"{', '.join(site.offer.routes)}; {len(site.offer.arguments)} arguments; letters in "
               f"{', '.join(site.offer.letter_languages)}")
    if warnings:
        count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
        click.echo(f"{summary}: {count} to fix (the site would still start)", err=True)
        sys.exit(1)
    click.echo(f"{summary}: fine")


@content.command("holidays")
@campaign_argument
@click.argument("year", type=click.IntRange(FIRST_YEAR, LAST_YEAR))
def holidays(directory: Path, year: int) -> None:
    """The days off and weekend working days the `holidays` package gives for YEAR, with the overrides of the
    campaign in DIR (complaint/follow-up/calendar.yml) beside them: to check against the government's decree."""
    path = follow_up_folder(directory) / CALENDAR_FILE
    try:
        calendar = load_calendar(path) if path.is_file() else make_calendar(None, {})
    except ContentError as error:
        raise click.ClickException(str(error)) from None
    rule = calendar.rules.get(year, YearRule())
    if not path.is_file():
        click.echo(f"{path}: no such file, so the package's list alone counts")
    elif calendar.unreviewed(year):
        click.echo(f"{path}: {year} is not reviewed (reviewed: {calendar.reviewed}): until it is, the card also "
                   "takes a weekday between two days off as a likely day off")
    else:
        click.echo(f"{path}: {year} is reviewed (reviewed: {calendar.reviewed})")
    rows = {day: [name] for day, name in calendar.library_holidays(year)}
    for day in sorted(rule.days_off | rule.working_days):
        what = "a day off" if day in rule.days_off else "a working day"
        rows.setdefault(day, ["(not in the package)"]).append(f"[{CALENDAR_FILE}: {what}]")
    for day, estimate in calendar.days_in_doubt(year):
        rows.setdefault(day, [f"(the estimated holiday of {estimate.isoformat()} may fall on this day instead)"
                              if estimate else "(a likely transfer day off: a weekday between two days off)"])
    for day, notes in sorted(rows.items()):
        if "(estimated)" in notes[0] and day not in rule.days_off | rule.working_days:
            notes.append("[estimated: the date may differ; once it is decreed, list the day off under days_off]")
        click.echo(f"{day.isoformat()} {day.strftime('%a')}  {'  '.join(notes)}")


@content.command("status")
@campaign_argument
def status(directory: Path) -> None:
    """Every text of the campaign in DIR and, per locale: present, missing or outdated against the default
    locale's text."""
    rows = content_status(directory)
    for key, states in rows:
        click.echo(f"{key}: " + ", ".join(f"{loc} {state}" for loc, state in states))
    if any(state == "outdated" for _, states in rows for _, state in states):
        click.echo("After reviewing a translation against the changed original, record it with "
                   "`flask content stamp [DIR] <locale> <key>`.")


@content.command("stamp")
@campaign_argument
@click.argument("locale")
@click.argument("key")
def stamp(directory: Path, locale: str, key: str) -> None:
    """Record that LOCALE's text KEY in the campaign in DIR now translates the current default-locale text."""
    locales, texts = campaign_texts(directory)
    original = texts.get((key, locales.default))
    translation = texts.get((key, locale))
    if original is None or translation is None:
        raise click.ClickException(f"no text {key!r} in both {locales.default} and {locale}")
    fingerprint = source_hash(original.text)
    set_frontmatter_value(translation.path, "translated_from", fingerprint)
    click.echo(f"{translation.path}: translated_from {fingerprint}")


@content.command("review")
@campaign_argument
@click.argument("out", metavar="OUT.html", type=click.Path(dir_okay=False, path_type=Path))
def review(directory: Path, out: Path) -> None:
    """Write every letter the wizard of the campaign in DIR can build, each distinct text once and headed by the
    answers that give it, into OUT.html: one self-contained file for a lawyer and a translator."""
    from .review import render_review

    app = load_campaign(directory)
    if not app.extensions["campaign_site"].lifecycle.wizard_enabled:
        raise click.ClickException("the campaign is closed with wizard_when_closed: off, so its wizard builds no "
                                   "letters")
    document, letters, ways = render_review(app)
    out.write_text(document, encoding="utf-8")
    click.echo(f"{out}: {letters} different letters from {ways} ways of answering")


def set_frontmatter_value(path: Path, key: str, value: str) -> None:
    """Set one top-level frontmatter key in place, leaving the rest of the file byte-for-byte as it was."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---")
    line = f"{key}: '{value}'"
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.MULTILINE)
    head = pattern.sub(line, head) if pattern.search(head) else head.rstrip("\n") + "\n" + line
    path.write_text(text[:4] + head + sep + body, encoding="utf-8")


def content_status(content_dir: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    locales, texts = campaign_texts(content_dir)
    rows = []
    for key in sorted({key for key, _ in texts}):
        original = texts.get((key, locales.default))
        states = []
        for locale in locales.codes:
            source = texts.get((key, locale))
            if source is None:
                states.append((locale, "missing"))
            elif locale == locales.default or original is None:
                states.append((locale, "present"))
            elif str(source.meta.get("translated_from", "")) != source_hash(original.text):
                states.append((locale, "outdated"))
            else:
                states.append((locale, "present"))
        rows.append((key, states))
    return rows


@campaign.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_site(directory: Path) -> None:
    """Write a static copy of the site into DIRECTORY (new or empty), for any static host or to pass on."""
    from .export import ExportError, export

    try:
        files = export(current_app, directory)
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    kits = [name for name in files if Path(name).name.startswith("offline-kit-")]
    click.echo(f"{directory}: {len(files)} files, the offline kits {', '.join(kits) or '(none)'}; serve it as plain "
               "files, or open index.html")
