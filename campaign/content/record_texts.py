"""Record texts: `complaint/routes/<locale>/<route>.record.md`, how a route was used while a decided campaign ran.

A decided campaign's wizard may still build its letter, for the record. The route's own text tells how to file it
now: useless once the matter is decided, and by a route that registers the sender, a risk for nothing. So in
record mode the letter page shows the route's record text in its place (markdown with its own past-tense heading,
no frontmatter), or nothing for a route that has none. The default locale's file decides whether a route has one;
another locale's missing translation falls back to it. Files nothing shows are warned about by leftovers.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from markupsafe import Markup

from ..wizard.model import RecordText
from ..wizard.schema import ROUTES
from .campaign import Locales
from .errors import ContentError
from .pages import Source, warn_untranslated
from .yamlfile import read_text

RECORD_SUFFIX = ".record.md"


def route_of(path: Path) -> str:
    """The route a record text belongs to: `eotinish.record.md` -> `eotinish`."""
    return path.name.removesuffix(RECORD_SUFFIX)


def read_record_source(path: Path, locale: str) -> Source:
    text = read_text(path)
    return Source(f"{route_of(path)}.record", locale, path, text, text.strip(), MappingProxyType({}))


def load_record_texts(root: Path, routes: tuple[str, ...], locales: Locales, recording: bool,
                      render: Callable[[Source, str], Markup]) -> dict[str, dict[str, RecordText]]:
    """Each offered route's record text in each locale, when the wizard builds the record (`recording`)."""
    found: dict[str, dict[str, Path]] = {}  # route -> locale -> file
    for locale in locales.codes:
        folder = root / locale
        for path in sorted(folder.glob(f"*{RECORD_SUFFIX}")) if folder.is_dir() else ():
            if route_of(path) not in ROUTES:
                raise ContentError(f"{route_of(path)!r} is not a route ({', '.join(ROUTES)}): a record text is "
                                   f"named <route>{RECORD_SUFFIX}", path=str(path), line=1)
            found.setdefault(route_of(path), {})[locale] = path
    texts: dict[str, dict[str, RecordText]] = {}
    if not recording:
        return texts
    for route in routes:
        paths = found.get(route, {})
        if locales.default not in paths:
            continue
        texts[route] = {}
        for locale in locales.codes:
            source = read_record_source(paths[locale], locale) if locale in paths else \
                read_record_source(paths[locales.default], locales.default)
            warn_untranslated(source, locale, f"the route {route!r} has no {locale} record text", "the letter page")
            texts[route][locale] = RecordText(render(source, locale), source.locale)
    return texts
