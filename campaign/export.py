"""A static copy of the site, for anyone to host where the site itself is blocked (`flask campaign export DIR`).

It holds every content page of every locale and the addresses page (the same pages, from the same list, the
site builds once at start-up: paths.py), the static files and the campaign's media, and in place of the wizard
a start page that does not pretend to be it: the form that builds a letter runs only on the hosts the campaign
runs itself, so whoever serves a copy never receives what a visitor types. The start page links to those hosts
and to an offline kit per letter language: one self-contained HTML file with the route instructions and the
letter to fill in by hand and print, which needs no connection and can be passed on as a single file.

Plain files, no server-side code: pages are `<path>.html` (`index.html` for a folder), and every link is
relative, so the copy works from any folder of any host, from a ZIP or from disk.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from flask import Flask, g, render_template, url_for
from flask_babel import force_locale, gettext
from markupsafe import Markup

from .assets import STATIC_DIR
from .paths import PAGE, WIZARD_START, site_paths
from .relative import ATTRIBUTE, relink, relative
from .site_context import absolute, links
from .wizard.answers import Answers
from .wizard.letter import BLANK, Letter, build_letter

RELATIVE = re.compile(r'(\s(?:href|src|action|formaction|data-hx-post)=")(\.\.?/[^"]*)"')
COMPRESSED = (".gz", ".br")
KIT_CSS = Path(__file__).parent / "templates" / "export" / "kit.css"


class ExportError(RuntimeError):
    """A page of the export links to something the export does not hold."""


def file_of(path: str) -> str:
    """The export's file for a root-absolute path of the site: "/kk/share" -> "/kk/share.html"."""
    if path.endswith("/"):
        return path + "index.html"
    if path.startswith(("/static/", "/media/")) or path.endswith(".html"):
        return path
    return path + ".html"


def as_files(html: str, page: str, files: set[str]) -> str:
    """A page's relative links, as the site writes them, turned into links to the export's files."""

    def to_file(match: re.Match) -> str:
        parts = urlsplit(urljoin(page, match[2]))
        target = file_of(parts.path)
        if target not in files:
            raise ExportError(f"{page}: {match[2]!r} leads to {parts.path}, which the export does not hold")
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f'{match[1]}{relative(target, page)}{fragment}"'

    return RELATIVE.sub(to_file, html)


def kit_name(language: str) -> str:
    return f"/offline-kit-{language}.html"


def kit_letter(app: Flask, language: str) -> Letter:
    """The letter of a person who makes every argument, with blanks for what the sender writes in by hand."""
    site = app.extensions["campaign_site"]
    offer = site.offer
    route = next((r for r in offer.routes if r != "eotinish"), offer.routes[0])
    answers = Answers().with_values(route=route, sender="person", surname=BLANK * 2, address=BLANK * 3,
                                    iin=BLANK, arguments=offer.arguments, letter_language=language)
    record = offer.record
    with force_locale(language):
        return build_letter(answers, offer, record.date if record else None, gettext)


def absolute_links(html: str) -> str:
    """Internal links as links to the primary: a single file has no pages beside it."""
    return ATTRIBUTE.sub(lambda match: match.group(1) + absolute("/"), str(html))


def render_kit(app: Flask, language: str) -> str:
    site = app.extensions["campaign_site"]
    css = KIT_CSS.read_text(encoding="utf-8")
    # The kit's CSP allows its one style sheet by hash and nothing else: opened anywhere, it fetches nothing.
    style_hash = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    routes = [(site.offer.route_texts[route][language].label,
               Markup(absolute_links(site.offer.route_texts[route][language].instructions)))
              for route in site.offer.routes]
    notice = site.offer.record.notice[language] if site.offer.record else None
    return render_template("export/kit.html", css=Markup(css), style_hash=style_hash, routes=routes,
                           letter=kit_letter(app, language), record_notice=absolute_links(notice) if notice else None,
                           addresses=site.addresses)


def render_start(app: Flask, locale: str) -> str:
    site = app.extensions["campaign_site"]
    page = site.pages.get("petition", locale)
    kits = [(language, kit_name(language)) for language in site.offer.letter_languages]
    values = links("wizard.start", {}, site.pages.translated_locales("petition") if page else list(site.locales.codes),
                   switcher=True)
    return render_template("export/start.html", page=page, kits=kits, addresses=site.addresses,
                           live=[entry for entry in site.addresses.entries if entry.runs_the_form],
                           wizard_path=url_for("wizard.start"), **values)


def export(app: Flask, target: Path) -> list[str]:
    """Write the static copy into `target` (which must be empty or missing); the files written, by path."""
    if target.exists() and any(target.iterdir()):
        raise ExportError(f"{target} is not empty: export into a new folder")
    site = app.extensions["campaign_site"]
    config = app.config["CAMPAIGN"]
    prebuilder = app.extensions["prebuilder"]
    pages: dict[str, str] = {}  # path -> HTML with the site's relative links
    for entry in site_paths(app):
        if entry.kind == PAGE:
            pages[entry.path] = prebuilder.entry(entry.path).variants["identity"].body.decode("utf-8")
        elif entry.kind == WIZARD_START and site.lifecycle.wizard_enabled:
            with app.test_request_context(entry.path, base_url=config.origin):
                g.locale = entry.locale
                pages[entry.path] = relink(render_start(app, entry.locale), entry.path)
        elif entry.kind == WIZARD_START:  # switched off: the page says what happened, and has no form
            pages[entry.path] = prebuilder.entry(entry.path).variants["identity"].body.decode("utf-8")
    written: dict[str, str | bytes] = {}
    if site.lifecycle.wizard_enabled:
        for language in site.offer.letter_languages:
            with app.test_request_context("/", base_url=config.origin):
                g.locale = language
                written[kit_name(language)] = render_kit(app, language)
    assets = {f"/static/{p.relative_to(STATIC_DIR).as_posix()}": p for p in STATIC_DIR.rglob("*")
              if p.is_file() and p.suffix not in COMPRESSED}
    media = site.media.root
    if media.is_dir():
        assets.update({f"/media/{p.relative_to(media).as_posix()}": p for p in media.rglob("*") if p.is_file()})
    files = {file_of(path) for path in pages} | set(written) | set(assets)
    for path, html in pages.items():
        written[file_of(path)] = as_files(html, path, files)
    for name, source in assets.items():
        written[name] = source.read_bytes()
    for name, data in written.items():
        destination = target / name.lstrip("/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            destination.write_text(data, encoding="utf-8")
        else:
            destination.write_bytes(data)
    return sorted(written)

