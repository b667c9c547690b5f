"""A static copy of the site, for anyone to host where the site itself is blocked (`flask campaign export DIR`).

It holds every content page of every locale, the addresses page, the offline kits and the theme's stylesheet (the
same responses, from the same list, that the site builds once at start-up: paths.py), the static files and the
campaign's media, and in place of the wizard a start page that does not pretend to be it: the form that builds
a letter runs only on the hosts the campaign runs itself, so whoever serves a copy never receives what a visitor
types. The start page links to those hosts and to the offline kits.

Plain files, no server-side code: pages are `<path>.html` (`index.html` for a folder), and every link is
relative, so the copy works from any folder of any host, from a ZIP or from disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from flask import Flask, render_template, url_for

from .assets import STATIC_DIR
from .content.site import shown_in
from .i18n import use_locale
from .paths import KIT, PAGE, STYLE, WIZARD_START, site_paths
from .relative import RELATIVE, relative, relink
from .site_context import links, site

COMPRESSED = (".gz", ".br")  # made for the live site's static files: a copy has its host compress


class ExportError(RuntimeError):
    """The export cannot be written, or a page of it links to something it does not hold."""


def file_of(path: str) -> str:
    """The export's file for a page's root-absolute path: "/kk/share" -> "/kk/share.html", "/kk/" ->
    "/kk/index.html"; files keep their names."""
    if path.endswith("/"):
        return path + "index.html"
    return path if Path(path).suffix else path + ".html"


def as_files(html: str, page: str, files: set[str]) -> str:
    """A page's links, relative as the site writes them, as links to the export's files."""

    def to_file(match: re.Match) -> str:
        parts = urlsplit(urljoin(page, match[2]))
        target = file_of(parts.path)
        if target not in files:
            raise ExportError(f"{page}: {match[2]!r} leads to {parts.path}, which the export does not hold")
        return f'{match[1]}{relative(target, page)}{"#" + parts.fragment if parts.fragment else ""}"'

    return RELATIVE.sub(to_file, html)


def start_page(app: Flask, path: str, locale: str) -> str:
    """The wizard's start page as the copy shows it: the campaign's hosts for the form, and the offline kits."""
    with app.test_request_context(path, base_url=app.config["CAMPAIGN"].origin):
        use_locale(locale)
        pages, offer = site().pages, site().offer
        page = pages.get(site().wizard_path, locale)
        html = render_template(
            "export/start.html", page=page, addresses=site().addresses, wizard_path=url_for("wizard.start"),
            live=[entry for entry in site().addresses.entries if entry.runs_the_form],
            kits=[(language, url_for("wizard.offline_kit", language=language)) for language in offer.letter_languages],
            **links("wizard.start", {}, shown_in(pages, site().wizard_path), switcher=True))
    return relink(html, path)


def collect(app: Flask) -> dict[str, bytes]:
    """Every file of the copy, by its path."""
    prebuilder = app.extensions["prebuilder"]
    wizard_enabled = app.extensions["campaign_site"].lifecycle.wizard_enabled
    pages: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for entry in site_paths(app):
        built = prebuilder.entry(entry.path).variants["identity"].body
        if entry.kind == WIZARD_START and wizard_enabled:
            pages[entry.path] = start_page(app, entry.path, entry.locale or "")
        elif entry.kind in (PAGE, WIZARD_START):  # a switched-off wizard's start page has no form: kept as it is
            pages[entry.path] = built.decode("utf-8")
        elif entry.kind in (KIT, STYLE):
            files[entry.path] = built
    with app.test_request_context("/"):
        for source in sorted(STATIC_DIR.rglob("*")):
            if source.is_file() and source.suffix not in COMPRESSED:
                files[url_for("static", filename=source.relative_to(STATIC_DIR).as_posix())] = source.read_bytes()
        media = app.extensions["campaign_site"].media.root
        for source in sorted(media.rglob("*")) if media.is_dir() else ():
            if source.is_file():
                files[url_for("pages.media", filename=source.relative_to(media).as_posix())] = source.read_bytes()
    names = {file_of(path) for path in pages} | set(files)
    files.update({file_of(path): as_files(html, path, names).encode("utf-8") for path, html in pages.items()})
    return files


def export(app: Flask, target: Path) -> list[str]:
    """Write the static copy into `target` (new or empty); the paths of the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target} is not an empty folder: export into a new one")
    files = collect(app)
    for name, data in files.items():
        destination = target / name.lstrip("/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    return sorted(files)
